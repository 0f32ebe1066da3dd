//! [`DutyBase`]: what a duty rate is applied to.

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::money::Money;
use crate::quantity::{convert_amount, Content, Quantity, Unit, UnitMeasure};

/// How many quantities a base holds without allocating.
const INLINE: usize = 4;

/// What a [`DutyRate`](crate::DutyRate) is applied to: the dutiable value and the quantities of
/// the goods (in as many units as the rates may charge per: pairs, kilograms, liters, proof
/// liters, kilograms of copper content, ...).
///
/// Ad valorem components apply to the value; each specific component takes the quantity in its
/// own unit, or converts one of the same dimension and measure (a rate per kg takes a quantity in
/// grams; never a count, and never a plain weight for a content weight).
///
/// Up to four quantities are held inline, so building a base does not allocate.
///
/// # Example
/// ```
/// use landed_cost::{Currency, DutyBase, Money, Quantity, Unit};
/// use rust_decimal::Decimal;
/// let base = DutyBase::new(Money::new(Decimal::from(1000), Currency::USD))
///     .with_quantity(Quantity::new(Decimal::from(12), Unit::Pair))
///     .with_quantity("2500 g".parse()?);
/// assert_eq!(base.value().to_string(), "1000 USD");
/// assert_eq!(base.quantity_in(Unit::Kilogram)?, Some(Decimal::new(25, 1)));
/// assert_eq!(base.quantity_in(Unit::DozenPairs)?, Some(Decimal::ONE));
/// assert_eq!(base.quantity_in(Unit::Liter)?, None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DutyBase {
    value: Money,
    inline: [Option<Quantity>; INLINE],
    more: Vec<Quantity>,
}

impl DutyBase {
    /// A base with a value and no quantities.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{DutyBase, Money};
    /// let base = DutyBase::new("250 USD".parse()?);
    /// assert_eq!(base.quantities().count(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(value: Money) -> DutyBase {
        DutyBase {
            value,
            inline: [None; INLINE],
            more: Vec::new(),
        }
    }

    /// The base with a quantity added; a quantity in the same unit as one already there replaces
    /// it.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{DutyBase, Unit};
    /// let base = DutyBase::new("250 USD".parse()?)
    ///     .with_quantity("10 kg".parse()?)
    ///     .with_quantity("12 kg".parse()?);
    /// assert_eq!(base.quantities().count(), 1);
    /// assert_eq!(base.quantity_in(Unit::Kilogram)?.map(|q| q.to_string()), Some("12".to_owned()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_quantity(mut self, quantity: Quantity) -> DutyBase {
        let same_unit = |held: &Quantity| held.unit() == quantity.unit();
        if let Some(slot) = self
            .inline
            .iter_mut()
            .flatten()
            .find(|held| same_unit(held))
        {
            *slot = quantity;
        } else if let Some(slot) = self.more.iter_mut().find(|held| same_unit(held)) {
            *slot = quantity;
        } else if let Some(slot) = self.inline.iter_mut().find(|slot| slot.is_none()) {
            *slot = Some(quantity);
        } else {
            self.more.push(quantity);
        }
        self
    }

    /// The dutiable value.
    ///
    /// # Example
    /// ```
    /// use landed_cost::DutyBase;
    /// assert_eq!(DutyBase::new("9.5 EUR".parse()?).value().to_string(), "9.5 EUR");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn value(&self) -> Money {
        self.value
    }

    /// The quantities, in the order they were added.
    ///
    /// # Example
    /// ```
    /// use landed_cost::DutyBase;
    /// let base = DutyBase::new("1 USD".parse()?).with_quantity("3 DOZ".parse()?);
    /// let shown: Vec<String> = base.quantities().map(|q| q.to_string()).collect();
    /// assert_eq!(shown, ["3 DOZ"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn quantities(&self) -> impl Iterator<Item = &Quantity> {
        self.inline.iter().flatten().chain(self.more.iter())
    }

    /// The quantity of the goods in `unit`: the quantity given in that unit, else the single
    /// quantity that converts into it; `None` if there is none.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] if the quantity found is negative, or if there is no quantity in
    /// `unit` and several that convert into it (which one is meant is unclear);
    /// [`Error::Overflow`] if the conversion leaves the decimal range.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{DutyBase, Unit};
    /// use rust_decimal::Decimal;
    /// let base = DutyBase::new("1 USD".parse()?).with_quantity("3 GRS".parse()?);
    /// assert_eq!(base.quantity_in(Unit::Number)?, Some(Decimal::from(432)));
    /// assert_eq!(base.quantity_in(Unit::Kilogram)?, None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn quantity_in(&self, unit: Unit) -> Result<Option<Decimal>> {
        self.find(unit, false)
    }

    /// [`DutyBase::quantity_in`]; with `unnamed_content`, a quantity in an unnamed content unit
    /// (USITC CKG, CGM) also stands for a named content (the tariff line names the content).
    pub(crate) fn find(&self, unit: Unit, unnamed_content: bool) -> Result<Option<Decimal>> {
        if let Some(exact) = self.quantities().find(|q| q.unit() == unit) {
            exact.check()?;
            return Ok(Some(exact.amount()));
        }
        let mut found: Option<&Quantity> = None;
        for quantity in self.quantities() {
            if !fits(quantity.unit(), unit, unnamed_content) {
                continue;
            }
            if let Some(first) = found {
                return Err(Error::invalid(
                    "duty base",
                    format!(
                        "no quantity in {unit} and two that convert into it ({first}, \
                         {quantity}): give the quantity in {unit} or only one of them"
                    ),
                ));
            }
            found = Some(quantity);
        }
        let Some(quantity) = found else {
            return Ok(None);
        };
        quantity.check()?;
        let from = match quantity.unit() {
            unnamed @ (Unit::ContentGram(Content::Unnamed)
            | Unit::ContentKilogram(Content::Unnamed)
            | Unit::ContentTonne(Content::Unnamed))
                if unit.measure() != UnitMeasure::Content(Content::Unnamed) =>
            {
                rename_content(unnamed, unit)
            }
            other => other,
        };
        convert_amount(quantity.amount(), from, unit).map(Some)
    }

    /// The quantities as text for an error message.
    pub(crate) fn describe_quantities(&self) -> String {
        let shown: Vec<String> = self.quantities().map(ToString::to_string).collect();
        if shown.is_empty() {
            "none".to_owned()
        } else {
            shown.join(", ")
        }
    }
}

/// Whether a quantity held in `held` can serve a rate per `wanted`.
fn fits(held: Unit, wanted: Unit, unnamed_content: bool) -> bool {
    if held.converts_to(wanted) {
        return true;
    }
    unnamed_content
        && matches!(held.measure(), UnitMeasure::Content(Content::Unnamed))
        && matches!(wanted.measure(), UnitMeasure::Content(c) if c != Content::Unnamed)
        && rename_content(held, wanted).converts_to(wanted)
}

/// The unnamed content unit `held` renamed to the content of `wanted`, keeping its scale.
fn rename_content(held: Unit, wanted: Unit) -> Unit {
    let UnitMeasure::Content(content) = wanted.measure() else {
        return held;
    };
    match held {
        Unit::ContentGram(_) => Unit::ContentGram(content),
        Unit::ContentKilogram(_) => Unit::ContentKilogram(content),
        Unit::ContentTonne(_) => Unit::ContentTonne(content),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base(quantities: &[&str]) -> DutyBase {
        quantities
            .iter()
            .fold(DutyBase::new("100 USD".parse().unwrap()), |b, q| {
                b.with_quantity(q.parse().unwrap())
            })
    }

    #[test]
    fn holds_more_than_the_inline_capacity() {
        let b = base(&["1 kg", "2 l", "3 NO", "4 PRS", "5 m2", "6 JWL"]);
        assert_eq!(b.quantities().count(), 6);
        assert_eq!(b.quantity_in(Unit::Jewel).unwrap(), Some(Decimal::from(6)));
        let b = b.with_quantity("7 JWL".parse().unwrap());
        assert_eq!(b.quantities().count(), 6);
        assert_eq!(b.quantity_in(Unit::Jewel).unwrap(), Some(Decimal::from(7)));
    }

    #[test]
    fn exact_unit_wins_and_ambiguity_is_an_error() {
        let b = base(&["1000 g", "2 t"]);
        assert!(b.quantity_in(Unit::Kilogram).is_err());
        assert_eq!(
            b.quantity_in(Unit::Gram).unwrap(),
            Some(Decimal::from(1000))
        );
        let b = b.with_quantity("5 kg".parse().unwrap());
        assert_eq!(
            b.quantity_in(Unit::Kilogram).unwrap(),
            Some(Decimal::from(5))
        );
    }

    #[test]
    fn unnamed_content_only_when_asked() {
        let b = base(&["500 CGM"]);
        let copper = Unit::ContentKilogram(Content::Copper);
        assert_eq!(b.quantity_in(copper).unwrap(), None);
        assert_eq!(b.find(copper, true).unwrap(), Some(Decimal::new(5, 1)));
        assert_eq!(b.find(Unit::Kilogram, true).unwrap(), None);
    }

    #[test]
    fn negative_quantities_are_rejected_when_used() {
        let b = DutyBase::new("1 USD".parse().unwrap())
            .with_quantity(Quantity::new(Decimal::NEGATIVE_ONE, Unit::Kilogram));
        assert!(b.quantity_in(Unit::Kilogram).is_err());
        assert!(b.quantity_in(Unit::Gram).is_err());
    }
}
