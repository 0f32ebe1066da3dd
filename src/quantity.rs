//! Quantities of goods: [`Unit`] (every unit of the US tariff), [`Quantity`] (an amount in a
//! unit), and conversion within a [`Dimension`] and [`UnitMeasure`].
//!
//! ```
//! use landed_cost::{Quantity, Unit};
//! use rust_decimal::Decimal;
//!
//! let grams = Quantity::new(Decimal::from(2500), Unit::Gram);
//! assert_eq!(grams.convert_to(Unit::Kilogram)?, "2.5 KG".parse()?);
//! // A weight is never a count, and a plain weight never a content weight.
//! assert!(grams.convert_to(Unit::Number).is_err());
//! assert!(grams.convert_to("Cu kg".parse()?).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

pub use crate::unit::{Content, Dimension, Unit, UnitError, UnitMeasure};

/// The former name of [`UnitMeasure`], kept so code written against 0.1 keeps compiling.
///
/// # Example
/// ```
/// #![allow(deprecated)]
/// use landed_cost::quantity::{Measure, UnitMeasure};
/// use landed_cost::Unit;
/// let old: Measure = Unit::Kilogram.measure();
/// assert_eq!(old, UnitMeasure::Goods);
/// ```
#[deprecated(
    since = "0.2.0",
    note = "renamed `UnitMeasure` (a dated tariff measure is `tariff::Measure`)"
)]
pub type Measure = UnitMeasure;

/// An amount of goods in a [`Unit`]: `12 PRS`, `2.5 KG`, `40 Cu kg`.
///
/// `Copy`, with private fields. The amount must not be negative: [`Quantity::try_new`], parsing
/// and deserialization reject a negative amount; [`Quantity::new`] cannot fail, so a negative
/// amount given to it is rejected by every computation that uses the quantity
/// ([`Quantity::convert_to`], [`DutyRate::duty`](crate::DutyRate::duty)).
///
/// Text form: `"12 PRS"` (amount, space, unit in any spelling [`Unit`] accepts). Serde form:
/// `{"amount":"12","unit":"PRS"}`.
///
/// Equality compares the amount by value and the unit exactly: `12 PRS` equals `12.0 PRS` but
/// not `1 DPR`.
///
/// # Example
/// ```
/// use landed_cost::{Quantity, Unit};
/// use rust_decimal::Decimal;
/// let q = Quantity::new(Decimal::from(12), "PRS".parse()?);
/// assert_eq!(q.to_string(), "12 PRS");
/// assert_eq!("12 pr.".parse::<Quantity>()?, q);
/// assert_eq!(q.convert_to(Unit::DozenPairs)?.amount(), Decimal::ONE);
/// assert!(Quantity::try_new(Decimal::NEGATIVE_ONE, Unit::Kilogram).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "QuantityFields", into = "QuantityFields")]
pub struct Quantity {
    amount: Decimal,
    unit: Unit,
}

/// The serde shape of a [`Quantity`], validated on the way in.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuantityFields {
    #[serde(with = "crate::money::decimal_text")]
    amount: Decimal,
    unit: Unit,
}

impl TryFrom<QuantityFields> for Quantity {
    type Error = Error;

    fn try_from(fields: QuantityFields) -> Result<Quantity> {
        Quantity::try_new(fields.amount, fields.unit)
    }
}

impl From<Quantity> for QuantityFields {
    fn from(quantity: Quantity) -> QuantityFields {
        QuantityFields {
            amount: quantity.amount,
            unit: quantity.unit,
        }
    }
}

impl Quantity {
    /// A quantity, exactly as given. See the type's documentation for negative amounts; prefer
    /// [`Quantity::try_new`] for amounts that come from input.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{Quantity, Unit};
    /// use rust_decimal::Decimal;
    /// let q = Quantity::new(Decimal::new(25, 1), Unit::Kilogram);
    /// assert_eq!(q.to_string(), "2.5 KG");
    /// ```
    #[must_use]
    pub const fn new(amount: Decimal, unit: Unit) -> Quantity {
        Quantity { amount, unit }
    }

    /// A quantity, rejecting a negative amount.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] if `amount` is negative.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{Quantity, Unit};
    /// use rust_decimal::Decimal;
    /// assert!(Quantity::try_new(Decimal::ZERO, Unit::Liter).is_ok());
    /// assert!(Quantity::try_new(Decimal::new(-1, 2), Unit::Liter).is_err());
    /// ```
    pub fn try_new(amount: Decimal, unit: Unit) -> Result<Quantity> {
        let quantity = Quantity { amount, unit };
        quantity.check()?;
        Ok(quantity)
    }

    /// Rejects a negative amount.
    pub(crate) fn check(self) -> Result<()> {
        if self.amount.is_sign_negative() && !self.amount.is_zero() {
            return Err(Error::invalid(
                "quantity",
                format!("{self} is negative; a quantity of goods is zero or more"),
            ));
        }
        Ok(())
    }

    /// The amount.
    ///
    /// # Example
    /// ```
    /// use landed_cost::Quantity;
    /// use rust_decimal::Decimal;
    /// assert_eq!("3 DOZ".parse::<Quantity>()?.amount(), Decimal::from(3));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn amount(self) -> Decimal {
        self.amount
    }

    /// The unit.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{Quantity, Unit};
    /// assert_eq!("3 doz.".parse::<Quantity>()?.unit(), Unit::Dozen);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn unit(self) -> Unit {
        self.unit
    }

    /// The same quantity in another unit of the same dimension and measure: grams to kilograms,
    /// dozens to units, proof liters only to proof liters. Exact whenever the result has a
    /// finite decimal form (`1 DOZ` is `1/12 GRS`, rounded to 28 significant digits).
    ///
    /// # Errors
    /// [`Error::UnitMismatch`] naming both units when they measure different dimensions or
    /// measures (or one has no conversion factor); [`Error::InvalidValue`] if the amount is
    /// negative; [`Error::Overflow`] if the result leaves the decimal range.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{Error, Quantity, Unit};
    /// let kg: Quantity = "1.5 t".parse()?;
    /// assert_eq!(kg.convert_to(Unit::Kilogram)?.to_string(), "1500 KG");
    /// let count: Quantity = "2 GRS".parse()?;
    /// assert_eq!(count.convert_to(Unit::Dozen)?.to_string(), "24 DOZ");
    /// match count.convert_to(Unit::Kilogram) {
    ///     Err(Error::UnitMismatch { from, to, .. }) => assert_eq!((from, to), (Unit::Gross, Unit::Kilogram)),
    ///     other => unreachable!("{other:?}"),
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn convert_to(self, unit: Unit) -> Result<Quantity> {
        self.check()?;
        if self.unit == unit {
            return Ok(self);
        }
        let amount = convert_amount(self.amount, self.unit, unit)?;
        Ok(Quantity { amount, unit })
    }
}

/// `amount` in `from` expressed in `to`: `amount × factor(from) / factor(to)`, multiplying first
/// so that the result is exact whenever it can be.
pub(crate) fn convert_amount(amount: Decimal, from: Unit, to: Unit) -> Result<Decimal> {
    if from == to {
        return Ok(amount);
    }
    if let Some(reason) = from.conversion_obstacle(to) {
        return Err(Error::UnitMismatch { from, to, reason });
    }
    let (Some(from_factor), Some(to_factor)) = (from.factor(), to.factor()) else {
        return Err(Error::UnitMismatch {
            from,
            to,
            reason: "one of the units has no conversion factor".to_owned(),
        });
    };
    amount
        .checked_mul(from_factor)
        .and_then(|scaled| scaled.checked_div(to_factor))
        .map(|result| result.normalize())
        .ok_or_else(|| Error::overflow("unit conversion"))
}

impl FromStr for Quantity {
    type Err = Error;

    /// Parses `"12 PRS"`, `"2.5 kg"`, `"40 Cu kg"`: a plain non-negative decimal, whitespace, a
    /// unit.
    fn from_str(s: &str) -> Result<Self> {
        let text = s.trim();
        let Some((number, unit)) = text.split_once(char::is_whitespace) else {
            return Err(Error::parse(
                "quantity",
                s,
                "expected an amount and a unit separated by a space, such as \"12 PRS\" or \"2.5 kg\"",
            ));
        };
        let amount = crate::money::parse_plain_decimal(number)
            .map_err(|reason| Error::parse("quantity", s, reason))?;
        let unit: Unit = unit.parse()?;
        Quantity::try_new(amount, unit).map_err(|_| {
            Error::parse(
                "quantity",
                s,
                "the amount is negative; a quantity of goods is zero or more",
            )
        })
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&format!("{} {}", self.amount, self.unit))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Quantity {
        s.parse().unwrap()
    }

    #[test]
    fn converts_within_a_dimension() {
        assert_eq!(q("2500 g").convert_to(Unit::Kilogram).unwrap(), q("2.5 kg"));
        assert_eq!(q("2.5 kg").convert_to(Unit::Gram).unwrap(), q("2500 g"));
        assert_eq!(q("3 t").convert_to(Unit::Kilogram).unwrap(), q("3000 kg"));
        assert_eq!(q("1 gross").convert_to(Unit::Dozen).unwrap(), q("12 doz"));
        assert_eq!(q("2 THS").convert_to(Unit::Number).unwrap(), q("2000 NO"));
        assert_eq!(q("1 m3").convert_to(Unit::Liter).unwrap(), q("1000 l"));
        assert_eq!(
            q("2 bbl").convert_to(Unit::Liter).unwrap(),
            q("317.974589856 l")
        );
        assert_eq!(q("3 DPR").convert_to(Unit::Pair).unwrap(), q("36 PRS"));
        assert_eq!(
            q("500 Au g").convert_to("Au kg".parse().unwrap()).unwrap(),
            q("0.5 Au kg")
        );
        assert_eq!(q("12 PCS").convert_to(Unit::Each).unwrap(), q("12 each"));
    }

    #[test]
    fn refuses_across_dimensions_and_measures() {
        for (from, to) in [
            ("1 kg", Unit::Number),
            ("1 kg", Unit::CleanKilogram),
            ("1 kg", Unit::ContentKilogram(Content::Copper)),
            ("1 Cu kg", Unit::ContentKilogram(Content::Lead)),
            ("1 CKG", Unit::ContentKilogram(Content::Copper)),
            ("1 l", Unit::ProofLiter),
            ("1 KTS", Unit::Kilogram),
            ("1 PRS", Unit::Number),
            ("1 JWL", Unit::Number),
            ("1 CAR", Unit::Gram),
            ("1 SQ", Unit::SquareMeter),
            ("1 FBM", Unit::Meter),
        ] {
            let err = q(from).convert_to(to).unwrap_err();
            let Error::UnitMismatch {
                from: f,
                to: t,
                reason,
            } = &err
            else {
                panic!("{err:?}")
            };
            assert_eq!((*f, *t), (q(from).unit(), to));
            let message = err.to_string();
            assert!(
                message.contains(&f.to_string()) && message.contains(&t.to_string()),
                "{message}"
            );
            assert!(!reason.is_empty());
        }
    }

    #[test]
    fn negative_amounts_are_rejected() {
        assert!("-1 kg".parse::<Quantity>().is_err());
        let negative = Quantity::new(Decimal::NEGATIVE_ONE, Unit::Kilogram);
        assert!(matches!(
            negative.convert_to(Unit::Gram),
            Err(Error::InvalidValue { .. })
        ));
    }

    #[test]
    fn text_and_serde() {
        assert_eq!(q("12 PRS").to_string(), "12 PRS");
        assert_eq!(q("40  Cu kg").to_string(), "40 Cu kg");
        for bad in ["", "12", "PRS", "12 furlongs", "1e3 kg", "x kg"] {
            assert!(bad.parse::<Quantity>().is_err(), "{bad}");
        }
        let json = serde_json::to_string(&q("500 PRS")).unwrap();
        assert_eq!(json, r#"{"amount":"500","unit":"PRS"}"#);
        assert_eq!(
            serde_json::from_str::<Quantity>(&json).unwrap(),
            q("500 PRS")
        );
        for bad in [
            r#"{"amount":"-1","unit":"PRS"}"#,
            r#"{"amount":500,"unit":"PRS"}"#,
            r#"{"amount":"1","unit":"furlong"}"#,
            r#"{"amount":"1","unit":"PRS","x":1}"#,
        ] {
            assert!(serde_json::from_str::<Quantity>(bad).is_err(), "{bad}");
        }
    }
}
