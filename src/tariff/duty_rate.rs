//! [`DutyRate`]: a duty-rate expression, its text form and its computation.

mod parse;

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::error::{truncate, Error, Result};
use crate::money::{Currency, Money, Rate};
use crate::quantity::{Content, Measure, Unit};
use crate::tariff::DutyBase;

/// A duty rate: free; a sum of ad valorem and specific components, optionally with a minimum and
/// a maximum clause (EU and UK compound duties); or a text that is not a formula.
///
/// Parsed from every rate text of the USITC annual tariff database and the HTS exports (`Free`,
/// `6.5%`, `33 1/3%`, `86.5 cents/kg`, `4.4¢/kg`, `$1.034/kg + 17%`, `90 cents/pr. + 37.5%`,
/// `4.4 cents/liter + 31.4 cents/pf. liter`, `89.6 cents/1000`, `10 cents/1,000 pins + 3.5%`,
/// `5.9 cents/kg on drained weight`, `17.6 cents/kg on tungsten content + 3.8%`, ...) and from
/// the min/max form `12% min 2.5 EUR/100 kg`, `8% + 1.5 EUR/100 kg max 20%`. Texts that are not
/// formulas ("The rate applicable to ...", "See additional U.S. note 1", sugar degree scales,
/// watches taxed on their case, strap and battery, ...) parse into a [`NonComputable`] rate,
/// whose [`DutyRate::duty`] is an error quoting the text.
///
/// `Display` writes a canonical text that parses back to an equal rate: cents as `cents` (amounts
/// under one dollar) or `$` (one dollar or more), other currencies as `2.5 EUR`, the minimum
/// before the maximum. Serde uses the same text.
///
/// # Example
/// ```
/// use landed_cost::{Currency, DutyBase, DutyRate, Money, Quantity, Unit};
/// use rust_decimal::Decimal;
///
/// let rate: DutyRate = "90 cents/pr. + 37.5%".parse()?;
/// let base = DutyBase::new(Money::new(Decimal::from(1000), Currency::USD))
///     .with_quantity(Quantity::new(Decimal::from(12), Unit::Pair));
/// assert_eq!(rate.duty(&base)?, "385.80 USD".parse()?);
///
/// let cents: DutyRate = "4.4¢/kg".parse()?;
/// assert_eq!(cents, "4.4 cents/kg".parse()?);
/// assert_eq!(cents.to_string(), "4.4 cents/kg");
///
/// let eu: DutyRate = "12% MIN 2.5 EUR/100 kg".parse()?;
/// assert_eq!(eu.to_string(), "12% min 2.5 EUR/100 kg");
///
/// let note: DutyRate = "See additional U.S. note 1".parse()?;
/// assert!(!note.is_computable());
/// assert!(note.duty(&base).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DutyRate {
    repr: Repr,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Repr {
    Free { condition: Option<Arc<str>> },
    NoAdditionalDuty,
    Formula(Formula),
    NotComputable(NonComputable),
}

/// A sum of components with optional minimum and maximum clauses.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Formula {
    terms: Terms,
    minimum: Option<Arc<[Component]>>,
    maximum: Option<Arc<[Component]>>,
    /// Whether a quantity in an unnamed content unit (USITC CKG, CGM) may stand for the named
    /// content of a specific component: only when the formula names at most one content.
    unnamed_content: bool,
}

/// The terms of a formula: a single component (most rates) held inline, so that copying the
/// rate into every charge of a quote copies a few words and touches no shared count; several
/// components shared.
#[derive(Debug, Clone)]
enum Terms {
    One([Component; 1]),
    Many(Arc<[Component]>),
}

impl std::ops::Deref for Terms {
    type Target = [Component];

    fn deref(&self) -> &[Component] {
        match self {
            Terms::One(one) => one,
            Terms::Many(many) => many,
        }
    }
}

impl PartialEq for Terms {
    fn eq(&self, other: &Terms) -> bool {
        **self == **other
    }
}

impl Eq for Terms {}

impl From<Box<[Component]>> for Terms {
    fn from(terms: Box<[Component]>) -> Terms {
        match *terms {
            [one] => Terms::One([one]),
            _ => Terms::Many(terms.into()),
        }
    }
}

/// Which kind of expression a [`DutyRate`] is.
///
/// # Example
/// ```
/// use landed_cost::tariff::DutyRateKind;
/// use landed_cost::DutyRate;
/// assert_eq!("Free".parse::<DutyRate>()?.kind(), DutyRateKind::Free);
/// assert_eq!("6.5%".parse::<DutyRate>()?.kind(), DutyRateKind::Formula);
/// assert_eq!("No additional duty".parse::<DutyRate>()?.kind(), DutyRateKind::NoAdditionalDuty);
/// assert_eq!("See additional U.S. note 1".parse::<DutyRate>()?.kind(), DutyRateKind::NotComputable);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DutyRateKind {
    /// "Free", possibly with a condition ("Free, under bond, ...").
    Free,
    /// "No additional duty": a zero duty.
    NoAdditionalDuty,
    /// A sum of components, with optional min and max clauses.
    Formula,
    /// A text that is not a formula.
    NotComputable,
}

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
/// [`DutyBase`] value, which must then be that value.
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AdValorem {
    rate: Rate,
    fraction: Option<(u8, u8)>,
    base: Option<&'static str>,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Specific {
    amount: Money,
    per: u32,
    unit: Unit,
    qualifier: Option<&'static str>,
}

/// A rate text that is not a formula, with what kind of text it is.
///
/// # Example
/// ```
/// use landed_cost::tariff::NonComputableKind;
/// use landed_cost::DutyRate;
/// let rate: DutyRate = "The rate applicable to the natural juice in heading 2009".parse()?;
/// let text = rate.not_computable().map(|n| (n.kind(), n.text()));
/// assert_eq!(text, Some((NonComputableKind::OtherRate, "The rate applicable to the natural juice in heading 2009")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NonComputable {
    kind: NonComputableKind,
    text: Arc<str>,
}

/// Why a rate text is not a formula.
///
/// # Example
/// ```
/// use landed_cost::tariff::NonComputableKind;
/// use landed_cost::DutyRate;
/// let scale: DutyRate = "1.4¢/kg less 0.020668¢/kg for each degree under 100 degrees (and fractions of a degree in proportion) but not less than 0.943854¢/kg".parse()?;
/// assert_eq!(scale.not_computable().map(|n| n.kind()), Some(NonComputableKind::SugarDegreeScale));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NonComputableKind {
    /// The rate of another subheading or article ("The rate applicable to ...", "The duty
    /// provided in the applicable subheading + 25%", "The duty rate provided in such subheading
    /// minus 5%").
    OtherRate,
    /// "No change": the rate of the goods' own subheading applies unchanged.
    NoChange,
    /// "See additional U.S. note 1": the rate is set out in a note.
    SeeNote,
    /// A sugar rate on a polarimeter degree scale ("... for each degree under 100 degrees ...").
    SugarDegreeScale,
    /// Rates on separate parts or contents (watches: "on the case", "on the battery", jewels
    /// "over 17"; "on the value of the lead content"); USITC computes these at the 10-digit
    /// level.
    ComponentValues,
    /// A duty on a partial value under a chapter 98 note ("A duty upon the value of the repairs
    /// or alterations", "... less the cost or value of such products of the United States").
    PartialValue,
    /// A duty tied to drawback and internal-revenue tax of a previous exportation.
    Drawback,
    /// A quota quantity in a rate column ("The quantity specified in such notice").
    QuotaQuantity,
    /// "suspended".
    Suspended,
}

impl NonComputableKind {
    /// What the text depends on, and how to get the duty instead.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::NonComputableKind;
    /// assert!(NonComputableKind::SeeNote.explanation().contains("note"));
    /// ```
    #[must_use]
    pub const fn explanation(self) -> &'static str {
        match self {
            NonComputableKind::OtherRate => {
                "the text refers to the rate of another subheading or article; look that rate up \
                 and compute it instead"
            }
            NonComputableKind::NoChange => {
                "the text leaves the rate of the goods' own subheading unchanged; compute that \
                 subheading's rate"
            }
            NonComputableKind::SeeNote => {
                "the rate is set out in a note of the tariff schedule; read the note and compute \
                 the rate it gives"
            }
            NonComputableKind::SugarDegreeScale => {
                "the rate depends on the sugar's polarimeter degree; compute it from the degree \
                 scale in the text"
            }
            NonComputableKind::ComponentValues => {
                "the rate applies to separate parts or contents of the goods (case, strap, \
                 battery, movement, jewels, metal content); use the rates of the 10-digit \
                 statistical lines or compute each part on its own value"
            }
            NonComputableKind::PartialValue => {
                "the duty is on a partial value defined by a chapter 98 note (repairs, \
                 processing, non-US content); compute it on that value"
            }
            NonComputableKind::Drawback => {
                "the duty depends on the drawback and internal-revenue tax of an earlier \
                 exportation; it cannot be computed from the text"
            }
            NonComputableKind::QuotaQuantity => "the text is a quota quantity, not a rate of duty",
            NonComputableKind::Suspended => {
                "the rate is suspended; the heading's notes say which rate applies instead"
            }
        }
    }
}

impl NonComputable {
    /// What kind of text it is.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::NonComputableKind;
    /// use landed_cost::DutyRate;
    /// let rate: DutyRate = "suspended".parse()?;
    /// assert_eq!(rate.not_computable().map(|n| n.kind()), Some(NonComputableKind::Suspended));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn kind(&self) -> NonComputableKind {
        self.kind
    }

    /// The text, with runs of whitespace collapsed into one space.
    ///
    /// # Example
    /// ```
    /// use landed_cost::DutyRate;
    /// let rate: DutyRate = "See  additional U.S. note 3".parse()?;
    /// assert_eq!(rate.not_computable().map(|n| n.text()), Some("See additional U.S. note 3"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    fn error(&self) -> Error {
        Error::RateNotComputable {
            text: truncate(&self.text),
            reason: self.kind.explanation().to_owned(),
        }
    }
}

impl DutyRate {
    /// "Free".
    ///
    /// # Example
    /// ```
    /// use landed_cost::DutyRate;
    /// assert_eq!(DutyRate::free().to_string(), "Free");
    /// ```
    #[must_use]
    pub const fn free() -> DutyRate {
        DutyRate {
            repr: Repr::Free { condition: None },
        }
    }

    /// A sum of components ("4.4 cents/kg + 6%").
    ///
    /// # Errors
    /// [`Error::InvalidValue`] if there are no components.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::{AdValorem, Specific};
    /// use landed_cost::{DutyRate, Unit};
    /// let rate = DutyRate::from_terms([
    ///     Specific::new("0.9 USD".parse()?, Unit::Pair)?.into(),
    ///     AdValorem::new("37.5%".parse()?)?.into(),
    /// ])?;
    /// assert_eq!(rate, "90 cents/pr. + 37.5%".parse()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_terms(terms: impl IntoIterator<Item = Component>) -> Result<DutyRate> {
        let terms = nonempty(terms, "duty rate")?;
        Ok(DutyRate {
            repr: Repr::Formula(Formula::new(terms.into(), None, None)),
        })
    }

    /// The rate with a minimum clause: the duty is at least the sum of `terms` ("12% min 2.5
    /// EUR/100 kg"). Replaces an existing minimum.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] if there are no terms, or the rate is not a formula.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::Specific;
    /// use landed_cost::{DutyRate, Unit};
    /// let rate: DutyRate = "12%".parse()?;
    /// let rate = rate.with_minimum([Specific::new("2.5 EUR".parse()?, Unit::Kilogram)?.per(100)?.into()])?;
    /// assert_eq!(rate.to_string(), "12% min 2.5 EUR/100 kg");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_minimum(self, terms: impl IntoIterator<Item = Component>) -> Result<DutyRate> {
        let clause = nonempty(terms, "minimum clause")?;
        self.with_clause(|formula| {
            Formula::new(formula.terms, Some(clause.into()), formula.maximum)
        })
    }

    /// The rate with a maximum clause: the duty is at most the sum of `terms` ("8% max 2 EUR/kg").
    /// Replaces an existing maximum. When both clauses apply the maximum wins.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] if there are no terms, or the rate is not a formula.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::AdValorem;
    /// use landed_cost::DutyRate;
    /// let rate: DutyRate = "1.5 EUR/kg".parse()?;
    /// let capped = rate.with_maximum([AdValorem::new("18%".parse()?)?.into()])?;
    /// assert_eq!(capped.to_string(), "1.5 EUR/kg max 18%");
    /// assert!(landed_cost::DutyRate::free().with_maximum([AdValorem::new("1%".parse()?)?.into()]).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_maximum(self, terms: impl IntoIterator<Item = Component>) -> Result<DutyRate> {
        let clause = nonempty(terms, "maximum clause")?;
        self.with_clause(|formula| {
            Formula::new(formula.terms, formula.minimum, Some(clause.into()))
        })
    }

    fn with_clause(self, build: impl FnOnce(Formula) -> Formula) -> Result<DutyRate> {
        match self.repr {
            Repr::Formula(formula) => Ok(DutyRate {
                repr: Repr::Formula(build(formula)),
            }),
            _ => Err(Error::invalid(
                "duty rate",
                format!("{self} is not a sum of components, so it cannot take a min or max clause"),
            )),
        }
    }

    /// Which kind of expression the rate is.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::DutyRateKind;
    /// use landed_cost::DutyRate;
    /// assert_eq!("Free, under bond".parse::<DutyRate>()?.kind(), DutyRateKind::Free);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn kind(&self) -> DutyRateKind {
        match self.repr {
            Repr::Free { .. } => DutyRateKind::Free,
            Repr::NoAdditionalDuty => DutyRateKind::NoAdditionalDuty,
            Repr::Formula(_) => DutyRateKind::Formula,
            Repr::NotComputable(_) => DutyRateKind::NotComputable,
        }
    }

    /// Whether [`DutyRate::duty`] can compute the rate (it is not a [`NonComputable`] text).
    ///
    /// # Example
    /// ```
    /// use landed_cost::DutyRate;
    /// assert!("Free".parse::<DutyRate>()?.is_computable());
    /// assert!(!"The rate applicable to the complete, assembled movement".parse::<DutyRate>()?.is_computable());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn is_computable(&self) -> bool {
        !matches!(self.repr, Repr::NotComputable(_))
    }

    /// Whether the rate is "Free" (with or without a condition).
    ///
    /// # Example
    /// ```
    /// use landed_cost::DutyRate;
    /// assert!("Free".parse::<DutyRate>()?.is_free());
    /// assert!(!"0%".parse::<DutyRate>()?.is_free());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn is_free(&self) -> bool {
        matches!(self.repr, Repr::Free { .. })
    }

    /// The condition of a free rate ("under bond, as prescribed in U.S. note 1 to this
    /// subchapter").
    ///
    /// # Example
    /// ```
    /// use landed_cost::DutyRate;
    /// let rate: DutyRate = "Free, under bond".parse()?;
    /// assert_eq!(rate.free_condition(), Some("under bond"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn free_condition(&self) -> Option<&str> {
        match &self.repr {
            Repr::Free { condition } => condition.as_deref(),
            _ => None,
        }
    }

    /// The summed components of a formula (empty for other kinds).
    ///
    /// # Example
    /// ```
    /// use landed_cost::DutyRate;
    /// assert_eq!("4.4 cents/liter + 31.4 cents/pf. liter".parse::<DutyRate>()?.terms().len(), 2);
    /// assert!(DutyRate::free().terms().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn terms(&self) -> &[Component] {
        match &self.repr {
            Repr::Formula(formula) => &formula.terms,
            _ => &[],
        }
    }

    /// The components of the minimum clause, if any.
    ///
    /// # Example
    /// ```
    /// use landed_cost::DutyRate;
    /// let rate: DutyRate = "12% min 2.5 EUR/100 kg".parse()?;
    /// assert_eq!(rate.minimum().map(<[_]>::len), Some(1));
    /// assert_eq!(rate.maximum(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn minimum(&self) -> Option<&[Component]> {
        match &self.repr {
            Repr::Formula(formula) => formula.minimum.as_deref(),
            _ => None,
        }
    }

    /// The components of the maximum clause, if any.
    ///
    /// # Example
    /// ```
    /// use landed_cost::DutyRate;
    /// let rate: DutyRate = "10% max 18% + 9.4 EUR/100 kg".parse()?;
    /// assert_eq!(rate.maximum().map(<[_]>::len), Some(2));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn maximum(&self) -> Option<&[Component]> {
        match &self.repr {
            Repr::Formula(formula) => formula.maximum.as_deref(),
            _ => None,
        }
    }

    /// The rate as a single percentage of the value, when it is one: "Free" and "No additional
    /// duty" are 0%, "6.5%" is 6.5%; anything with a specific part, a min/max clause, a fraction
    /// of a percent or a named base is `None`.
    ///
    /// # Example
    /// ```
    /// use landed_cost::DutyRate;
    /// assert_eq!("6.5%".parse::<DutyRate>()?.ad_valorem_rate().map(|r| r.to_string()), Some("6.5%".into()));
    /// assert_eq!("Free".parse::<DutyRate>()?.ad_valorem_rate().map(|r| r.to_string()), Some("0%".into()));
    /// assert_eq!("90 cents/pr. + 37.5%".parse::<DutyRate>()?.ad_valorem_rate(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn ad_valorem_rate(&self) -> Option<Rate> {
        match &self.repr {
            Repr::Free { .. } | Repr::NoAdditionalDuty => Some(Rate::ZERO),
            Repr::Formula(f) if f.minimum.is_none() && f.maximum.is_none() => match &*f.terms {
                [Component::AdValorem(a)] if a.fraction.is_none() && a.base.is_none() => {
                    Some(a.rate)
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// The text and kind of a rate that is not a formula.
    ///
    /// # Example
    /// ```
    /// use landed_cost::DutyRate;
    /// assert!("6.5%".parse::<DutyRate>()?.not_computable().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn not_computable(&self) -> Option<&NonComputable> {
        match &self.repr {
            Repr::NotComputable(text) => Some(text),
            _ => None,
        }
    }

    /// The duty on a base, exact (not rounded), in the base value's currency.
    ///
    /// Ad valorem components apply to the base value; each specific component takes the base's
    /// quantity in its unit, converting one of the same dimension and measure (a rate per kg
    /// takes grams; never a count; a rate on copper content takes only a copper-content
    /// quantity, or an unnamed content quantity (USITC CKG) when the rate names one content).
    /// A minimum clause raises the sum to at least its own sum; a maximum clause then caps it.
    /// Free and "No additional duty" give zero. Does not allocate unless it fails.
    ///
    /// # Errors
    /// * [`Error::RateNotComputable`] quoting the text, for a rate that is not a formula;
    /// * [`Error::MissingQuantity`] naming the unit, when a specific component finds no quantity
    ///   (there is never a silent zero);
    /// * [`Error::CurrencyMismatch`] when a specific amount is in another currency than the
    ///   base value;
    /// * [`Error::InvalidValue`] for a negative value or quantity, or an ambiguous quantity (see
    ///   [`DutyBase::quantity_in`]);
    /// * [`Error::Overflow`] if an amount leaves the decimal range.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{DutyBase, DutyRate, Error, Money};
    /// let rate: DutyRate = "4.4 cents/kg + 6%".parse()?;
    /// let base = DutyBase::new("100 USD".parse()?).with_quantity("2500 g".parse()?);
    /// assert_eq!(rate.duty(&base)?, "6.11 USD".parse()?);
    /// let no_weight = DutyBase::new("100 USD".parse()?).with_quantity("3 NO".parse()?);
    /// assert!(matches!(rate.duty(&no_weight), Err(Error::MissingQuantity { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn duty(&self, base: &DutyBase) -> Result<Money> {
        let value = base.value();
        let currency = value.currency();
        if value.is_negative() {
            return Err(Error::invalid(
                "duty base",
                format!("the value {value} is negative; a dutiable value is zero or more"),
            ));
        }
        match &self.repr {
            Repr::Free { .. } | Repr::NoAdditionalDuty => Ok(Money::zero(currency)),
            Repr::NotComputable(text) => Err(text.error()),
            Repr::Formula(formula) => {
                let ctx = Context {
                    rate: self,
                    base,
                    currency,
                    unnamed_content: formula.unnamed_content,
                };
                let mut total = ctx.sum(&formula.terms)?;
                if let Some(minimum) = &formula.minimum {
                    total = total.max(ctx.sum(minimum)?);
                }
                if let Some(maximum) = &formula.maximum {
                    total = total.min(ctx.sum(maximum)?);
                }
                Ok(Money::new(total, currency))
            }
        }
    }
}

/// What a formula's components are evaluated against.
struct Context<'a> {
    rate: &'a DutyRate,
    base: &'a DutyBase,
    currency: Currency,
    unnamed_content: bool,
}

impl Context<'_> {
    fn sum(&self, terms: &[Component]) -> Result<Decimal> {
        terms.iter().try_fold(Decimal::ZERO, |total, term| {
            let amount = match term {
                Component::AdValorem(ad_valorem) => ad_valorem.apply(self.base.value().amount())?,
                Component::Specific(specific) => self.specific(specific)?,
            };
            total
                .checked_add(amount)
                .ok_or_else(|| Error::overflow("duty sum"))
        })
    }

    fn specific(&self, specific: &Specific) -> Result<Decimal> {
        if specific.amount.currency() != self.currency {
            return Err(Error::CurrencyMismatch {
                operation: "charge a specific duty mixing",
                left: self.currency,
                right: specific.amount.currency(),
            });
        }
        let quantity = self
            .base
            .find(specific.unit, self.unnamed_content)?
            .ok_or_else(|| Error::MissingQuantity {
                unit: specific.unit,
                rate: truncate(&self.rate.to_string()),
                available: self.base.describe_quantities(),
            })?;
        let product = specific
            .amount
            .amount()
            .checked_mul(quantity)
            .ok_or_else(|| Error::overflow("specific duty"))?;
        if specific.per == 1 {
            Ok(product)
        } else {
            product
                .checked_div(Decimal::from(specific.per))
                .ok_or_else(|| Error::overflow("specific duty"))
        }
    }
}

impl Formula {
    fn new(
        terms: Terms,
        minimum: Option<Arc<[Component]>>,
        maximum: Option<Arc<[Component]>>,
    ) -> Formula {
        let mut named: Option<Content> = None;
        let mut unnamed_content = true;
        let all = terms
            .iter()
            .chain(minimum.iter().flat_map(|m| m.iter()))
            .chain(maximum.iter().flat_map(|m| m.iter()));
        for component in all {
            if let Component::Specific(specific) = component {
                if let Measure::Content(content) = specific.unit.measure() {
                    match named {
                        Some(seen) if seen != content => unnamed_content = false,
                        _ => named = Some(content),
                    }
                }
            }
        }
        Formula {
            terms,
            minimum,
            maximum,
            unnamed_content,
        }
    }
}

fn nonempty(
    terms: impl IntoIterator<Item = Component>,
    what: &'static str,
) -> Result<Box<[Component]>> {
    let terms: Box<[Component]> = terms.into_iter().collect();
    if terms.is_empty() {
        return Err(Error::invalid(
            what,
            "no components: give at least one ad valorem or specific component",
        ));
    }
    Ok(terms)
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

/// The canonical form of a known ad valorem base, matched ignoring case and extra spaces.
fn known_base(text: &str) -> Option<&'static str> {
    let text = collapse(text);
    AD_VALOREM_BASES
        .iter()
        .copied()
        .find(|base| base.eq_ignore_ascii_case(&text))
}

/// The canonical form of a known qualifier, matched ignoring case and extra spaces.
fn known_qualifier(text: &str) -> Option<&'static str> {
    let text = collapse(text);
    QUALIFIERS
        .iter()
        .find(|(canonical, others)| {
            canonical.eq_ignore_ascii_case(&text)
                || others.iter().any(|other| other.eq_ignore_ascii_case(&text))
        })
        .map(|(canonical, _)| *canonical)
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
    pub const fn base(&self) -> Option<&'static str> {
        self.base
    }

    /// `value × rate`, exact; plus `value × numerator / (denominator × 100)` for a fraction.
    fn apply(&self, value: Decimal) -> Result<Decimal> {
        let whole = self.rate.apply(value)?;
        let Some((numerator, denominator)) = self.fraction else {
            return Ok(whole);
        };
        value
            .checked_mul(Decimal::from(numerator))
            .and_then(|v| v.checked_div(Decimal::from(u32::from(denominator) * 100)))
            .and_then(|extra| whole.checked_add(extra))
            .ok_or_else(|| Error::overflow("ad valorem duty"))
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
        let Some(known) = known_qualifier(qualifier) else {
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
    pub const fn qualifier(&self) -> Option<&'static str> {
        self.qualifier
    }
}

impl fmt::Display for AdValorem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = match self.fraction {
            None => self.rate.to_string(),
            Some((numerator, denominator)) if self.rate.is_zero() => {
                format!("{numerator}/{denominator}%")
            }
            Some((numerator, denominator)) => {
                format!("{} {numerator}/{denominator}%", self.rate.percent())
            }
        };
        if let Some(base) = self.base {
            text.push(' ');
            text.push_str(base);
        }
        f.pad(&text)
    }
}

impl fmt::Display for Specific {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let amount = self.amount.amount().normalize();
        let mut text = if self.amount.currency() == Currency::USD {
            if amount < Decimal::ONE {
                let cents = amount
                    .checked_mul(Decimal::ONE_HUNDRED)
                    .unwrap_or(amount)
                    .normalize();
                format!("{cents} cents")
            } else {
                format!("${amount}")
            }
        } else {
            format!("{amount} {}", self.amount.currency())
        };
        if self.unit == Unit::Each && self.per == 1 && self.qualifier.is_none() {
            text.push_str(" each");
        } else {
            text.push('/');
            if self.per != 1 {
                text.push_str(&self.per.to_string());
                text.push(' ');
            }
            text.push_str(&self.unit.rate_spelling());
        }
        if let Some(qualifier) = self.qualifier {
            if !qualifier.starts_with(',') {
                text.push(' ');
            }
            text.push_str(qualifier);
        }
        f.pad(&text)
    }
}

impl fmt::Display for Component {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Component::AdValorem(ad_valorem) => fmt::Display::fmt(ad_valorem, f),
            Component::Specific(specific) => fmt::Display::fmt(specific, f),
        }
    }
}

fn write_terms(text: &mut String, terms: &[Component]) {
    for (i, term) in terms.iter().enumerate() {
        if i > 0 {
            text.push_str(" + ");
        }
        text.push_str(&term.to_string());
    }
}

impl fmt::Display for DutyRate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.repr {
            Repr::Free { condition: None } => f.pad("Free"),
            Repr::Free {
                condition: Some(condition),
            } => f.pad(&format!("Free, {condition}")),
            Repr::NoAdditionalDuty => f.pad("No additional duty"),
            Repr::NotComputable(text) => f.pad(&text.text),
            Repr::Formula(formula) => {
                let mut text = String::new();
                write_terms(&mut text, &formula.terms);
                if let Some(minimum) = &formula.minimum {
                    text.push_str(" min ");
                    write_terms(&mut text, minimum);
                }
                if let Some(maximum) = &formula.maximum {
                    text.push_str(" max ");
                    write_terms(&mut text, maximum);
                }
                f.pad(&text)
            }
        }
    }
}

impl FromStr for DutyRate {
    type Err = Error;

    /// Parses a rate text; see [`DutyRate`] for the forms.
    fn from_str(s: &str) -> Result<Self> {
        parse::parse(s)
    }
}

serde_as_text!(DutyRate);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantity::Quantity;

    fn rate(s: &str) -> DutyRate {
        s.parse().unwrap()
    }

    fn base(value: &str, quantities: &[&str]) -> DutyBase {
        quantities
            .iter()
            .fold(DutyBase::new(value.parse().unwrap()), |b, q| {
                b.with_quantity(q.parse::<Quantity>().unwrap())
            })
    }

    fn duty(r: &str, value: &str, quantities: &[&str]) -> Result<Money> {
        rate(r).duty(&base(value, quantities))
    }

    fn money(s: &str) -> Money {
        s.parse().unwrap()
    }

    #[test]
    fn computes_the_usitc_forms() {
        for (r, value, quantities, expected) in [
            ("Free", "100 USD", &[][..], "0 USD"),
            ("No additional duty", "100 USD", &[][..], "0 USD"),
            ("6.5%", "200 USD", &[][..], "13 USD"),
            (
                "90 cents/pr. + 37.5%",
                "1000 USD",
                &["12 PRS"][..],
                "385.80 USD",
            ),
            (
                "90 cents/pr. + 37.5%",
                "1000 USD",
                &["1 DPR"][..],
                "385.80 USD",
            ),
            ("4.4 cents/kg", "1 USD", &["2500 g"][..], "0.11 USD"),
            ("$1.34/1000", "1 USD", &["500 NO"][..], "0.67 USD"),
            (
                "10 cents/1,000 pins + 3.5%",
                "100 USD",
                &["2 THS"][..],
                "3.70 USD",
            ),
            ("$1.44/gross", "1 USD", &["1 DOZ"][..], "0.12 USD"),
            (
                "4.4 cents/liter + 31.4 cents/pf. liter",
                "1 USD",
                &["10 L", "4 PFL"][..],
                "1.696 USD",
            ),
            (
                "15 cents each + 2.3% + 0.8 cents/jewel",
                "100 USD",
                &["2 NO", "34 JWL"][..],
                "2.872 USD",
            ),
            (
                "12.8 cents/kg on molybdenum content + 1.8%",
                "100 USD",
                &["10 KG", "3 CKG"][..],
                "2.184 USD",
            ),
            (
                "12.8 cents/kg on molybdenum content",
                "100 USD",
                &["3000 CGM"][..],
                "0.384 USD",
            ),
            ("33 1/3%", "300 USD", &[][..], "100 USD"),
            (
                "20 percent of the fair retail value",
                "50 USD",
                &[][..],
                "10 USD",
            ),
            (
                "12% min 2.5 EUR/100 kg",
                "100 EUR",
                &["1000 kg"][..],
                "25 EUR",
            ),
            (
                "12% min 2.5 EUR/100 kg",
                "1000 EUR",
                &["1000 kg"][..],
                "120 EUR",
            ),
            ("10% max 1 EUR/kg", "1000 EUR", &["50 kg"][..], "50 EUR"),
            (
                "10% min 5 EUR/kg max 1 EUR/kg",
                "1000 EUR",
                &["50 kg"][..],
                "50 EUR",
            ),
        ] {
            let got = duty(r, value, quantities).unwrap_or_else(|e| panic!("{r}: {e}"));
            assert_eq!(got, money(expected), "{r} on {value} {quantities:?}");
        }
    }

    #[test]
    fn never_a_silent_zero() {
        let err = duty("4.4 cents/kg", "100 USD", &["3 NO"]).unwrap_err();
        let Error::MissingQuantity {
            unit,
            rate,
            available,
        } = &err
        else {
            panic!("{err:?}")
        };
        assert_eq!(
            (*unit, rate.as_str(), available.as_str()),
            (Unit::Kilogram, "4.4 cents/kg", "3 NO")
        );
        assert!(err.to_string().contains("KG"), "{err}");
        // A plain weight never stands for a content, total sugars or clean yield.
        for (r, q) in [
            ("1 cents/kg on copper content", "5 KG"),
            ("1 cents/kg of total sugars", "5 KG"),
            ("1 cents/clean kg", "5 KG"),
            ("1 cents/pf. liter", "5 L"),
            ("1 cents/kg", "5 NO"),
            ("1 cents/pr.", "5 NO"),
            ("1 cents/jewel", "5 NO"),
        ] {
            assert!(
                matches!(duty(r, "1 USD", &[q]), Err(Error::MissingQuantity { .. })),
                "{r} {q}"
            );
        }
        // An unnamed content quantity is ambiguous when the rate names two contents.
        let err = duty(
            "1 cents/kg on copper content + 1 cents/kg on lead content",
            "1 USD",
            &["5 CKG"],
        );
        assert!(matches!(err, Err(Error::MissingQuantity { .. })), "{err:?}");
        assert_eq!(
            duty(
                "1 cents/kg on copper content + 2 cents/kg on lead content",
                "1 USD",
                &["5 Cu kg", "1 Pb kg"]
            )
            .unwrap(),
            money("0.07 USD")
        );
    }

    #[test]
    fn not_computable_quotes_the_text() {
        let err = duty("See additional U.S. note 1", "1 USD", &[]).unwrap_err();
        let Error::RateNotComputable { text, reason } = &err else {
            panic!("{err:?}")
        };
        assert_eq!(text, "See additional U.S. note 1");
        assert!(reason.contains("note"));
        assert!(err.to_string().contains("See additional U.S. note 1"));
    }

    #[test]
    fn currencies_and_values_are_checked() {
        assert!(matches!(
            duty("2.5 EUR/kg", "100 USD", &["1 kg"]),
            Err(Error::CurrencyMismatch { .. })
        ));
        assert_eq!(duty("10%", "100 EUR", &[]).unwrap(), money("10 EUR"));
        assert!(matches!(
            duty("10%", "-1 USD", &[]),
            Err(Error::InvalidValue { .. })
        ));
        let negative = DutyBase::new(money("1 USD"))
            .with_quantity(Quantity::new(Decimal::NEGATIVE_ONE, Unit::Kilogram));
        assert!(rate("1 cents/kg").duty(&negative).is_err());
        let huge = DutyBase::new(Money::new(Decimal::MAX, Currency::USD));
        assert!(matches!(
            rate("200%").duty(&huge),
            Err(Error::Overflow { .. })
        ));
    }

    #[test]
    fn builders_and_serde() {
        let built = DutyRate::from_terms([
            Specific::new(money("0.9 USD"), Unit::Pair).unwrap().into(),
            AdValorem::new("37.5%".parse().unwrap()).unwrap().into(),
        ])
        .unwrap();
        assert_eq!(built, rate("90 cents/pr. + 37.5%"));
        assert!(DutyRate::from_terms([]).is_err());
        let json = serde_json::to_string(&built).unwrap();
        assert_eq!(json, "\"90 cents/pr. + 37.5%\"");
        assert_eq!(serde_json::from_str::<DutyRate>(&json).unwrap(), built);
        assert!(serde_json::from_str::<DutyRate>("\"5 cents/furlong\"").is_err());
        assert!(Specific::new(money("1 USD"), Unit::Kilogram)
            .unwrap()
            .per(0)
            .is_err());
        assert!(Specific::new(money("1 USD"), Unit::Kilogram)
            .unwrap()
            .per(1000)
            .is_ok());
    }
}
