//! The terms of a duty formula: [`Component`], [`AdValorem`] and [`Specific`], with the ad
//! valorem bases and specific qualifiers a rate text may name.

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::money::{Money, Rate};
use crate::quantity::Unit;

/// One term of a duty formula: ad valorem or specific.
///
/// # Example
/// ```
/// use landed_cost::tariff::Component;
/// use landed_cost::DutyRate;
/// let rate: DutyRate = "$1.034/kg + 17%".parse()?;
/// let shown: Vec<String> = rate.terms().iter().map(|c| c.to_string()).collect();
/// assert_eq!(shown, ["$1.034/kg", "17%"]);
/// assert!(matches!(rate.terms()[1], Component::AdValorem(_)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Component {
    /// A percentage of the value.
    AdValorem(AdValorem),
    /// An amount per unit of quantity.
    Specific(Specific),
}

/// An ad valorem component: a percentage of the dutiable value ("6.5%", "33 1/3%", "20% of the
/// fair retail value").
///
/// The percentage is a decimal, plus an optional vulgar fraction of a percent (the HTS writes
/// "33 1/3%"), so that such rates stay exact. The optional base names what value the
/// percentage applies to when it is not plainly the goods' value ("of the fair retail value",
/// "of the cost of such goods or repairs", "on the entire set"); the duty still applies it to the
/// [`DutyBase`](crate::DutyBase) value, which must then be that value.
///
/// # Example
/// ```
/// use landed_cost::tariff::AdValorem;
/// use landed_cost::Rate;
/// let third = AdValorem::new("33%".parse()?)?.with_fraction_of_a_percent(1, 3)?;
/// assert_eq!(third.to_string(), "33 1/3%");
/// let retail = AdValorem::new("20%".parse()?)?.with_base("of the fair retail value")?;
/// assert_eq!(retail.to_string(), "20% of the fair retail value");
/// assert!(AdValorem::new("-1%".parse()?).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct AdValorem {
    pub(super) rate: Rate,
    pub(super) fraction: Option<(u8, u8)>,
    /// The base named, by its place in `AD_VALOREM_BASES` (a byte, not a pointer, so that a
    /// component stays small).
    pub(super) base: Option<u8>,
}

/// A specific component: an amount of money per unit of quantity ("4.4 cents/kg", "$1.50
/// each", "2.5 EUR/100 kg", "5.9 cents/kg on drained weight").
///
/// `per` is how many units the amount is for (100 in "EUR/100 kg"; a power of ten). The
/// qualifier says which quantity in the unit is meant ("on drained weight", "on entire contents
/// of container", "of recording surface", "pins" in "1,000 pins"): it is kept and shown, and the
/// duty uses the quantity given in the unit, which must then be that quantity. Contents that are
/// a different measure ("on copper content", "of total sugars", "pf. liter") are part of the
/// [`Unit`] instead, so they need a quantity declared in that measure.
///
/// # Example
/// ```
/// use landed_cost::tariff::Specific;
/// use landed_cost::{Money, Unit};
/// let per_kg = Specific::new("0.059 USD".parse()?, Unit::Kilogram)?
///     .with_qualifier("on drained weight")?;
/// assert_eq!(per_kg.to_string(), "5.9 cents/kg on drained weight");
/// let eu = Specific::new("2.5 EUR".parse()?, Unit::Kilogram)?.per(100)?;
/// assert_eq!(eu.to_string(), "2.5 EUR/100 kg");
/// assert!(Specific::new("1 USD".parse()?, Unit::Kilogram)?.with_qualifier("over 17").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Specific {
    pub(super) amount: Money,
    pub(super) per: u32,
    pub(super) unit: Unit,
    /// The qualifier, by its place in `QUALIFIERS`.
    pub(super) qualifier: Option<u8>,
}

impl From<AdValorem> for Component {
    fn from(ad_valorem: AdValorem) -> Component {
        Component::AdValorem(ad_valorem)
    }
}

impl From<Specific> for Component {
    fn from(specific: Specific) -> Component {
        Component::Specific(specific)
    }
}

/// Debug shows the base's text, not its place in the table.
impl std::fmt::Debug for AdValorem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AdValorem")
            .field("rate", &self.rate)
            .field("fraction", &self.fraction)
            .field("base", &self.base())
            .finish()
    }
}

/// Debug shows the qualifier's text, not its place in the table.
impl std::fmt::Debug for Specific {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Specific")
            .field("amount", &self.amount)
            .field("per", &self.per)
            .field("unit", &self.unit)
            .field("qualifier", &self.qualifier())
            .finish()
    }
}

/// The bases an ad valorem percentage may name (what value it applies to).
const AD_VALOREM_BASES: &[&str] = &[
    "on the entire set",
    "of the fair retail value",
    "of the cost of such goods or repairs",
    "of the cost of such parts",
    "of the cost of such parts or materials",
];

/// The qualifiers a specific component may carry: (canonical form, other spellings).
const QUALIFIERS: &[(&str, &[&str])] = &[
    ("on drained weight", &["on drained weght"]),
    ("on entire contents of container", &[]),
    ("on contents and container", &[]),
    (
        ", including weight of container",
        &["including weight of container"],
    ),
    ("of recording surface", &[]),
    ("of immediate containers", &[]),
    ("pins", &[]),
    ("on ethyl alcohol content", &[]),
];

/// The place of a known ad valorem base in `AD_VALOREM_BASES`, matched ignoring case and
/// extra spaces.
fn known_base(text: &str) -> Option<u8> {
    let text = collapse(text);
    let at = AD_VALOREM_BASES
        .iter()
        .position(|base| base.eq_ignore_ascii_case(&text))?;
    u8::try_from(at).ok()
}

/// The place of a known qualifier in `QUALIFIERS`, matched ignoring case and extra spaces.
fn known_qualifier_at(text: &str) -> Option<u8> {
    let text = collapse(text);
    let at = QUALIFIERS.iter().position(|(canonical, others)| {
        canonical.eq_ignore_ascii_case(&text)
            || others.iter().any(|other| other.eq_ignore_ascii_case(&text))
    })?;
    u8::try_from(at).ok()
}

/// The canonical form of the qualifier at a place in `QUALIFIERS`.
fn qualifier_at(at: u8) -> Option<&'static str> {
    QUALIFIERS
        .get(usize::from(at))
        .map(|(canonical, _)| *canonical)
}

/// The canonical form of a known qualifier, matched ignoring case and extra spaces.
pub(super) fn known_qualifier(text: &str) -> Option<&'static str> {
    known_qualifier_at(text).and_then(qualifier_at)
}

/// Trims and collapses runs of whitespace into one space.
fn collapse(text: &str) -> Cow<'_, str> {
    let trimmed = text.trim();
    if trimmed.split(' ').all(|w| !w.is_empty()) && !trimmed.contains(['\t', '\n', '\r']) {
        Cow::Borrowed(trimmed)
    } else {
        Cow::Owned(trimmed.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

fn gcd(a: u8, b: u8) -> u8 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

impl AdValorem {
    /// A percentage of the value.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] if the rate is negative.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::AdValorem;
    /// assert_eq!(AdValorem::new("6.5%".parse()?)?.to_string(), "6.5%");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(rate: Rate) -> Result<AdValorem> {
        if rate.fraction().is_sign_negative() && !rate.is_zero() {
            return Err(Error::invalid(
                "ad valorem rate",
                format!("{rate} is negative; a duty rate is zero or more"),
            ));
        }
        Ok(AdValorem {
            rate,
            fraction: None,
            base: None,
        })
    }

    /// Adds a vulgar fraction of a percent: `33%` with `1/3` is "33 1/3%". The fraction is kept
    /// in lowest terms.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] unless `0 < numerator < denominator <= 100`.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::AdValorem;
    /// let rate = AdValorem::new("12%".parse()?)?.with_fraction_of_a_percent(2, 4)?;
    /// assert_eq!(rate.to_string(), "12 1/2%");
    /// assert!(AdValorem::new("12%".parse()?)?.with_fraction_of_a_percent(3, 2).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_fraction_of_a_percent(self, numerator: u8, denominator: u8) -> Result<AdValorem> {
        if numerator == 0 || numerator >= denominator || denominator > 100 {
            return Err(Error::invalid(
                "fraction of a percent",
                format!(
                    "{numerator}/{denominator}: write a proper fraction such as 1/3, with a \
                     denominator of at most 100"
                ),
            ));
        }
        let divisor = gcd(numerator, denominator);
        Ok(AdValorem {
            fraction: Some((numerator / divisor, denominator / divisor)),
            ..self
        })
    }

    /// Names the value the percentage applies to ("of the fair retail value", "of the cost of
    /// such goods or repairs", "of the cost of such parts", "of the cost of such parts or
    /// materials", "on the entire set").
    ///
    /// # Errors
    /// [`Error::InvalidValue`] for any other text: a percentage of a part of the goods (the
    /// case of a watch, the value of a metal content) is not a formula on the goods' value.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::AdValorem;
    /// assert!(AdValorem::new("5%".parse()?)?.with_base("on the entire set").is_ok());
    /// assert!(AdValorem::new("5%".parse()?)?.with_base("on the case").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_base(self, base: &str) -> Result<AdValorem> {
        let Some(base) = known_base(base) else {
            return Err(Error::invalid(
                "ad valorem base",
                format!(
                    "{base:?} is not a value the duty can be computed on; known bases: {}",
                    AD_VALOREM_BASES.join("; ")
                ),
            ));
        };
        Ok(AdValorem {
            base: Some(base),
            ..self
        })
    }

    /// The percentage; for a rate with a fraction of a percent ("33 1/3%") the fraction is
    /// rounded to the decimal's 28 digits (the duty itself uses the exact fraction).
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::AdValorem;
    /// assert_eq!(AdValorem::new("6.5%".parse()?)?.rate().to_string(), "6.5%");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn rate(&self) -> Rate {
        match self.fraction {
            None => self.rate,
            Some((numerator, denominator)) => Decimal::from(numerator)
                .checked_div(Decimal::from(u32::from(denominator) * 100))
                .and_then(|extra| self.rate.fraction().checked_add(extra))
                .and_then(|fraction| Rate::from_fraction(fraction).ok())
                .unwrap_or(self.rate),
        }
    }

    /// The fraction of a percent, in lowest terms (`(1, 3)` in "33 1/3%").
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::Component;
    /// use landed_cost::DutyRate;
    /// let rate: DutyRate = "33 1/3%".parse()?;
    /// let Component::AdValorem(ad_valorem) = rate.terms()[0] else { unreachable!() };
    /// assert_eq!(ad_valorem.fraction_of_a_percent(), Some((1, 3)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn fraction_of_a_percent(&self) -> Option<(u8, u8)> {
        self.fraction
    }

    /// The value the percentage applies to, when the text names one.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::AdValorem;
    /// let rate = AdValorem::new("20%".parse()?)?.with_base("Of the fair retail value")?;
    /// assert_eq!(rate.base(), Some("of the fair retail value"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn base(&self) -> Option<&'static str> {
        self.base
            .and_then(|at| AD_VALOREM_BASES.get(usize::from(at)).copied())
    }
}

impl Specific {
    /// An amount per one unit.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] if the amount is negative.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::Specific;
    /// use landed_cost::Unit;
    /// assert_eq!(Specific::new("1.5 USD".parse()?, Unit::Each)?.to_string(), "$1.5 each");
    /// assert!(Specific::new("-1 USD".parse()?, Unit::Each).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(amount: Money, unit: Unit) -> Result<Specific> {
        if amount.is_negative() {
            return Err(Error::invalid(
                "specific duty",
                format!("{amount} is negative; a duty amount is zero or more"),
            ));
        }
        Ok(Specific {
            amount,
            per: 1,
            unit,
            qualifier: None,
        })
    }

    /// The amount is for `per` units ("2.5 EUR/100 kg"): a power of ten up to 10⁹.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] if `per` is not a power of ten (which keeps the duty exact).
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::Specific;
    /// use landed_cost::Unit;
    /// let eu = Specific::new("176.8 EUR".parse()?, Unit::Kilogram)?.per(100)?;
    /// assert_eq!(eu.per_units(), 100);
    /// assert!(Specific::new("1 EUR".parse()?, Unit::Kilogram)?.per(12).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn per(self, per: u32) -> Result<Specific> {
        let mut power = 1u32;
        while power < per && power < 1_000_000_000 {
            power *= 10;
        }
        if power != per {
            return Err(Error::invalid(
                "specific duty",
                format!("per {per} units: the number of units must be 1, 10, 100, 1000, ... (at most 10^9)"),
            ));
        }
        Ok(Specific { per, ..self })
    }

    /// Says which quantity in the unit is meant: "on drained weight", "on entire contents of
    /// container", "on contents and container", ", including weight of container", "of
    /// recording surface", "of immediate containers", "pins", "on ethyl alcohol content".
    ///
    /// # Errors
    /// [`Error::InvalidValue`] for any other text (a threshold such as "over 17" changes the
    /// computation and is not a qualifier).
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::Specific;
    /// use landed_cost::Unit;
    /// let s = Specific::new("0.1 USD".parse()?, Unit::Thousand)?.with_qualifier("pins")?;
    /// assert_eq!(s.qualifier(), Some("pins"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_qualifier(self, qualifier: &str) -> Result<Specific> {
        let Some(known) = known_qualifier_at(qualifier) else {
            let list: Vec<&str> = QUALIFIERS.iter().map(|(c, _)| *c).collect();
            return Err(Error::invalid(
                "specific duty qualifier",
                format!(
                    "{qualifier:?} is not a known qualifier (known: {}); a content measured \
                     apart from the goods is a unit (\"kg on copper content\", \"kg of total \
                     sugars\")",
                    list.join("; ")
                ),
            ));
        };
        Ok(Specific {
            qualifier: Some(known),
            ..self
        })
    }

    /// The amount per [`Specific::per_units`] units.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::Component;
    /// use landed_cost::DutyRate;
    /// let rate: DutyRate = "90 cents/pr.".parse()?;
    /// let Component::Specific(s) = rate.terms()[0] else { unreachable!() };
    /// assert_eq!(s.amount(), "0.90 USD".parse()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn amount(&self) -> Money {
        self.amount
    }

    /// How many units the amount is for (1 unless the text says "/100 kg" or similar).
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::Specific;
    /// use landed_cost::Unit;
    /// assert_eq!(Specific::new("1 USD".parse()?, Unit::Kilogram)?.per_units(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn per_units(&self) -> u32 {
        self.per
    }

    /// The unit the amount is charged per.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::Component;
    /// use landed_cost::{DutyRate, Unit};
    /// let rate: DutyRate = "3.1 cents/kg on lead content".parse()?;
    /// let Component::Specific(s) = rate.terms()[0] else { unreachable!() };
    /// assert_eq!(s.unit(), "Pb kg".parse::<Unit>()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn unit(&self) -> Unit {
        self.unit
    }

    /// The qualifier, if any.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::Component;
    /// use landed_cost::DutyRate;
    /// let rate: DutyRate = "5.9 cents/kg on drained weight".parse()?;
    /// let Component::Specific(s) = rate.terms()[0] else { unreachable!() };
    /// assert_eq!(s.qualifier(), Some("on drained weight"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn qualifier(&self) -> Option<&'static str> {
        self.qualifier.and_then(qualifier_at)
    }
}
