//! [`DutyRate`]: a duty-rate expression, its text form and its computation.
//!
//! The expression model is here: [`DutyRate`] and its kinds, built from [`Component`]s
//! ([`AdValorem`], [`Specific`], in `component.rs`) or a [`NonComputable`] text
//! (`not_computable.rs`). Around it: the text form (`parse.rs`, `display.rs`), the duty on a
//! base (`evaluate.rs`) and the rate as a single percentage of the value (`equivalent.rs`).

mod component;
mod display;
mod equivalent;
mod evaluate;
mod not_computable;
mod parse;
#[cfg(test)]
mod tests;

use std::str::FromStr;
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::quantity::{Content, UnitMeasure};

use component::known_qualifier;
pub use component::{AdValorem, Component, Specific};
pub use not_computable::{NonComputable, NonComputableKind};

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
///
/// A single component without a clause (most rates) is held inline, so that copying the rate
/// into every charge of a quote copies a few words and touches no shared count; any other
/// formula is shared.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Formula {
    /// One component, no clause.
    One(Component),
    /// Several components, or a clause.
    Full(Arc<Full>),
}

/// A formula of several components, or with a clause.
#[derive(Debug, PartialEq, Eq)]
struct Full {
    terms: Box<[Component]>,
    minimum: Option<Box<[Component]>>,
    maximum: Option<Box<[Component]>>,
    /// Whether a quantity in an unnamed content unit (USITC CKG, CGM) may stand for the named
    /// content of a specific component: only when the formula names at most one content.
    unnamed_content: bool,
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
            repr: Repr::Formula(Formula::new(terms, None, None)),
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
            Formula::new(
                formula.terms().into(),
                Some(clause),
                formula.maximum().map(Into::into),
            )
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
            Formula::new(
                formula.terms().into(),
                formula.minimum().map(Into::into),
                Some(clause),
            )
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
            Repr::Formula(formula) => formula.terms(),
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
            Repr::Formula(formula) => formula.minimum(),
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
            Repr::Formula(formula) => formula.maximum(),
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
}

impl Formula {
    fn new(
        terms: Box<[Component]>,
        minimum: Option<Box<[Component]>>,
        maximum: Option<Box<[Component]>>,
    ) -> Formula {
        if let ([one], None, None) = (&*terms, &minimum, &maximum) {
            return Formula::One(*one);
        }
        let mut named: Option<Content> = None;
        let mut unnamed_content = true;
        let all = terms
            .iter()
            .chain(minimum.iter().flat_map(|m| m.iter()))
            .chain(maximum.iter().flat_map(|m| m.iter()));
        for component in all {
            if let Component::Specific(specific) = component {
                if let UnitMeasure::Content(content) = specific.unit.measure() {
                    match named {
                        Some(seen) if seen != content => unnamed_content = false,
                        _ => named = Some(content),
                    }
                }
            }
        }
        Formula::Full(Arc::new(Full {
            terms,
            minimum,
            maximum,
            unnamed_content,
        }))
    }

    /// The summed components.
    fn terms(&self) -> &[Component] {
        match self {
            Formula::One(one) => std::slice::from_ref(one),
            Formula::Full(full) => &full.terms,
        }
    }

    /// The components of the minimum clause, if any.
    fn minimum(&self) -> Option<&[Component]> {
        match self {
            Formula::One(_) => None,
            Formula::Full(full) => full.minimum.as_deref(),
        }
    }

    /// The components of the maximum clause, if any.
    fn maximum(&self) -> Option<&[Component]> {
        match self {
            Formula::One(_) => None,
            Formula::Full(full) => full.maximum.as_deref(),
        }
    }

    /// Whether a quantity in an unnamed content unit may stand for the named content of a
    /// specific component (always, for one component: it names at most one content).
    fn unnamed_content(&self) -> bool {
        match self {
            Formula::One(_) => true,
            Formula::Full(full) => full.unnamed_content,
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

impl FromStr for DutyRate {
    type Err = Error;

    /// Parses a rate text; see [`DutyRate`] for the forms.
    fn from_str(s: &str) -> Result<Self> {
        parse::parse(s)
    }
}

serde_as_text!(DutyRate);
