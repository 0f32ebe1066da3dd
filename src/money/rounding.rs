//! [`RoundingMode`]: how an amount is brought to a number of decimal places.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// How to round an amount to a number of decimal places.
///
/// Rounding is a policy chosen by the rule that requires it (19 CFR 159.3 rounds values to whole
/// dollars half away from zero, a VAT law may round half to even), so every rounding call names one.
/// Negative amounts are rounded symmetrically where the name says "zero" and towards the named
/// infinity for [`Up`](RoundingMode::Up) and [`Down`](RoundingMode::Down):
///
/// | mode | 2.345 → 2 dp | −2.345 → 2 dp | 2.355 | −2.355 |
/// |---|---|---|---|---|
/// | `HalfEven` | 2.34 | −2.34 | 2.36 | −2.36 |
/// | `HalfAwayFromZero` | 2.35 | −2.35 | 2.36 | −2.36 |
/// | `TowardZero` | 2.34 | −2.34 | 2.35 | −2.35 |
/// | `Up` (toward +∞) | 2.35 | −2.34 | 2.36 | −2.35 |
/// | `Down` (toward −∞) | 2.34 | −2.35 | 2.35 | −2.36 |
///
/// # Example
/// ```
/// use landed_cost::RoundingMode;
/// use rust_decimal::Decimal;
/// let x = Decimal::new(-2345, 3); // -2.345
/// assert_eq!(RoundingMode::HalfEven.round(x, 2), Decimal::new(-234, 2));
/// assert_eq!(RoundingMode::HalfAwayFromZero.round(x, 2), Decimal::new(-235, 2));
/// assert_eq!(RoundingMode::TowardZero.round(x, 2), Decimal::new(-234, 2));
/// assert_eq!(RoundingMode::Up.round(x, 2), Decimal::new(-234, 2));
/// assert_eq!(RoundingMode::Down.round(x, 2), Decimal::new(-235, 2));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RoundingMode {
    /// To the nearest; a midpoint goes to the even neighbour ("banker's rounding").
    #[default]
    HalfEven,
    /// To the nearest; a midpoint goes away from zero (2.5 → 3, −2.5 → −3). 19 CFR 159.3(a).
    HalfAwayFromZero,
    /// Drop the excess digits (truncate): 2.99 → 2, −2.99 → −2.
    TowardZero,
    /// Toward positive infinity (ceiling): 2.01 → 3, −2.99 → −2.
    Up,
    /// Toward negative infinity (floor): 2.99 → 2, −2.01 → −3.
    Down,
}

impl RoundingMode {
    /// Rounds `value` to `decimal_places` digits after the point with this mode.
    ///
    /// Never fails and never panics: rounding a decimal to fewer places cannot leave its range.
    ///
    /// # Example
    /// ```
    /// use landed_cost::RoundingMode;
    /// use rust_decimal::Decimal;
    /// assert_eq!(RoundingMode::HalfAwayFromZero.round(Decimal::new(2850, 2), 0), Decimal::from(29));
    /// ```
    #[must_use]
    pub fn round(self, value: Decimal, decimal_places: u32) -> Decimal {
        // Nothing to round: the value already has no more places (the common case of amounts
        // in cents), returned as it is, as rounding would.
        if value.scale() <= decimal_places {
            return value;
        }
        let strategy = match self {
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
            RoundingMode::HalfAwayFromZero => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::TowardZero => RoundingStrategy::ToZero,
            RoundingMode::Up => RoundingStrategy::ToPositiveInfinity,
            RoundingMode::Down => RoundingStrategy::ToNegativeInfinity,
        };
        value.round_dp_with_strategy(decimal_places, strategy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_in_docs_holds() {
        let d = |m, s| Decimal::new(m, s);
        let cases = [
            (
                RoundingMode::HalfEven,
                [d(234, 2), d(-234, 2), d(236, 2), d(-236, 2)],
            ),
            (
                RoundingMode::HalfAwayFromZero,
                [d(235, 2), d(-235, 2), d(236, 2), d(-236, 2)],
            ),
            (
                RoundingMode::TowardZero,
                [d(234, 2), d(-234, 2), d(235, 2), d(-235, 2)],
            ),
            (
                RoundingMode::Up,
                [d(235, 2), d(-234, 2), d(236, 2), d(-235, 2)],
            ),
            (
                RoundingMode::Down,
                [d(234, 2), d(-235, 2), d(235, 2), d(-236, 2)],
            ),
        ];
        let inputs = [d(2345, 3), d(-2345, 3), d(2355, 3), d(-2355, 3)];
        for (mode, expected) in cases {
            for (input, want) in inputs.iter().zip(expected) {
                assert_eq!(mode.round(*input, 2), want, "{mode:?} {input}");
            }
        }
    }

    #[test]
    fn extreme_values_do_not_panic() {
        for mode in [
            RoundingMode::HalfEven,
            RoundingMode::HalfAwayFromZero,
            RoundingMode::TowardZero,
            RoundingMode::Up,
            RoundingMode::Down,
        ] {
            let _ = mode.round(Decimal::MAX, 0);
            let _ = mode.round(Decimal::MIN, 0);
            let _ = mode.round(Decimal::new(i64::MAX, 28), 2);
        }
    }
}
