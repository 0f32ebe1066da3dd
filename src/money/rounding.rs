//! [`RoundingMode`]: how an amount is brought to a number of decimal places.

use crate::money::exact;
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
    #[inline]
    pub fn round(self, value: Decimal, decimal_places: u32) -> Decimal {
        // Nothing to round: the value already has no more places (the common case of amounts
        // in cents), returned as it is, as rounding would.
        if value.scale() <= decimal_places {
            return value;
        }
        match self.round_by_integers(value, decimal_places) {
            Some(rounded) => rounded,
            None => {
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
    }

    /// Rounds `value` to `decimal_places` digits and writes it with exactly that many, padding
    /// with zeros ("2000" to two places is "2000.00"): amounts of money as they are reported.
    /// A value too large to pad keeps the digits it has.
    ///
    /// # Example
    /// ```
    /// use landed_cost::RoundingMode;
    /// use rust_decimal::Decimal;
    /// let mode = RoundingMode::HalfAwayFromZero;
    /// assert_eq!(mode.round_to_scale(Decimal::from(2000), 2).to_string(), "2000.00");
    /// assert_eq!(mode.round_to_scale(Decimal::new(34645, 3), 2).to_string(), "34.65");
    /// ```
    #[must_use]
    #[inline]
    pub fn round_to_scale(self, value: Decimal, decimal_places: u32) -> Decimal {
        let rounded = self.round(value, decimal_places);
        decimal_places
            .checked_sub(rounded.scale())
            .filter(|missing| *missing > 0)
            .and_then(|missing| exact::times_power_of_ten(rounded.mantissa(), missing))
            .and_then(|m| Decimal::try_from_i128_with_scale(m, decimal_places).ok())
            .unwrap_or(rounded)
    }

    /// Rounds with one integer division of the mantissa (a decimal is a 96-bit integer and a
    /// scale): the same result as `rust_decimal`'s rounding, several times faster.
    /// `None` where it does not apply (a zero result, whose sign `rust_decimal` keeps; a
    /// mantissa wider than 64 bits, or more than 19 places dropped).
    #[inline]
    fn round_by_integers(self, value: Decimal, decimal_places: u32) -> Option<Decimal> {
        let mantissa = value.mantissa();
        let negative = mantissa < 0;
        let magnitude = u64::try_from(mantissa.unsigned_abs()).ok()?;
        let dropped = usize::try_from(value.scale().checked_sub(decimal_places)?).ok()?;
        let divisor = *exact::POWERS_OF_TEN_U64.get(dropped)?;
        let (quotient, remainder) = (magnitude / divisor, magnitude % divisor);
        // Compared without overflow: remainder against the rest of the divisor.
        let half = remainder.cmp(&(divisor - remainder));
        let away_from_zero = match self {
            _ if remainder == 0 => false,
            RoundingMode::TowardZero => false,
            RoundingMode::Up => !negative,
            RoundingMode::Down => negative,
            RoundingMode::HalfAwayFromZero => half.is_ge(),
            RoundingMode::HalfEven => match half {
                std::cmp::Ordering::Greater => true,
                std::cmp::Ordering::Equal => quotient % 2 != 0,
                std::cmp::Ordering::Less => false,
            },
        };
        let rounded = i128::from(quotient.checked_add(u64::from(away_from_zero))?);
        if rounded == 0 {
            return None;
        }
        Decimal::try_from_i128_with_scale(if negative { -rounded } else { rounded }, decimal_places)
            .ok()
    }
}

/// `numerator / denominator` to `places` decimal places, half to even, without trailing zeros:
/// what `numerator.checked_div(denominator)?.round_dp(places).normalize()` gives, with one integer
/// division instead of `rust_decimal`'s long division. `None` for a zero denominator or
/// operands too large for the integer form, where the caller falls back to `rust_decimal`.
#[inline]
pub(crate) fn ratio(numerator: Decimal, denominator: Decimal, places: u32) -> Option<Decimal> {
    let (n, d) = (numerator.mantissa(), denominator.mantissa());
    if d == 0 {
        return None;
    }
    // numerator / denominator = n × 10^(sd − sn) / d; scaled by 10^places.
    let shift = i64::from(places) + i64::from(denominator.scale()) - i64::from(numerator.scale());
    let widen = |m: i128, e: i64| exact::times_power_of_ten(m, u32::try_from(e).ok()?);
    let (n, d) = if shift >= 0 {
        (widen(n, shift)?, d)
    } else {
        (n, widen(d, -shift)?)
    };
    let (quotient, remainder) = match (i64::try_from(n), i64::try_from(d)) {
        (Ok(n), Ok(d)) => (i128::from(n.checked_div(d)?), i128::from(n.checked_rem(d)?)),
        _ => (n.checked_div(d)?, n.checked_rem(d)?),
    };
    let half = remainder
        .unsigned_abs()
        .checked_mul(2)?
        .cmp(&d.unsigned_abs());
    let away = if (n < 0) == (d < 0) { 1 } else { -1 };
    let step = match half {
        std::cmp::Ordering::Greater => away,
        std::cmp::Ordering::Equal if quotient % 2 != 0 => away,
        _ => 0,
    };
    // Written without trailing zeros (as `Decimal::normalize` writes it).
    let (mut quotient, mut places) = (i64::try_from(quotient.checked_add(step)?).ok()?, places);
    while places > 0 && quotient % 10 == 0 {
        quotient /= 10;
        places -= 1;
    }
    Decimal::try_new(quotient, places).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Decimals of every scale, with mantissas of up to 64 bits and wider.
    fn decimals() -> impl Strategy<Value = Decimal> {
        (any::<i64>(), any::<bool>(), 0u32..=28).prop_filter_map(
            "fits a decimal",
            |(m, wide, scale)| {
                let m = if wide {
                    i128::from(m) * 1_000_000_007
                } else {
                    i128::from(m)
                };
                Decimal::try_from_i128_with_scale(m, scale).ok()
            },
        )
    }

    proptest! {
        /// Rounding to a scale is rounding, then writing every place: the value of `round`,
        /// with exactly `places` digits after the point wherever a decimal can hold them.
        #[test]
        fn round_to_scale_writes_every_place(value in decimals(), places in 0u32..=30) {
            let mode = RoundingMode::HalfAwayFromZero;
            let rounded = mode.round(value, places);
            let expected = places
                .checked_sub(rounded.scale())
                .filter(|missing| *missing > 0)
                .and_then(|missing| 10i128.checked_pow(missing))
                .and_then(|factor| rounded.mantissa().checked_mul(factor))
                .and_then(|m| Decimal::try_from_i128_with_scale(m, places).ok())
                .unwrap_or(rounded);
            let got = mode.round_to_scale(value, places);
            prop_assert_eq!(got.to_string(), expected.to_string());
            prop_assert_eq!(got, rounded);
        }

        /// At exact midpoints too (half to even, as `round_dp`).
        #[test]
        fn ratio_matches_rust_decimal_at_midpoints(
            q in -1_000_000_000i64..1_000_000_000,
            d in 1i64..1_000_000_000,
            sd in 0u32..=4,
            places in 0u32..=6,
        ) {
            let den = Decimal::new(d, sd);
            // num / den = q + 1/2 in the last place kept.
            let Some(num) = den.checked_mul(Decimal::new(q * 10 + 5, places + 1)) else { return Ok(()) };
            let expected = num.checked_div(den).map(|x| x.round_dp(places).normalize());
            prop_assert_eq!(ratio(num, den, places).map(|r| r.to_string()), expected.map(|e| e.to_string()));
        }

        /// The integer ratio gives the value `rust_decimal`'s division and rounding give.
        #[test]
        fn ratio_matches_rust_decimal(
            n in -10_000_000_000_000i64..10_000_000_000_000,
            d in -10_000_000_000_000i64..10_000_000_000_000,
            sn in 0u32..=6,
            sd in 0u32..=6,
            places in 0u32..=8,
        ) {
            let num = Decimal::new(n, sn);
            let den = Decimal::new(d, sd);
            let expected = num.checked_div(den).map(|q| q.round_dp(places).normalize());
            match ratio(num, den, places) {
                Some(got) => prop_assert_eq!(Some(got.to_string()), expected.map(|e| e.to_string())),
                None => prop_assert!(d == 0),
            }
        }

        /// The integer rounding gives exactly what `rust_decimal` gives, text included.
        #[test]
        fn integer_rounding_matches_rust_decimal(
            value in decimals(),
            places in 0u32..=28,
            mode in prop_oneof![
                Just(RoundingMode::HalfEven),
                Just(RoundingMode::HalfAwayFromZero),
                Just(RoundingMode::TowardZero),
                Just(RoundingMode::Up),
                Just(RoundingMode::Down),
            ],
        ) {
            let strategy = match mode {
                RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
                RoundingMode::HalfAwayFromZero => RoundingStrategy::MidpointAwayFromZero,
                RoundingMode::TowardZero => RoundingStrategy::ToZero,
                RoundingMode::Up => RoundingStrategy::ToPositiveInfinity,
                RoundingMode::Down => RoundingStrategy::ToNegativeInfinity,
            };
            let expected = value.round_dp_with_strategy(places, strategy);
            let got = mode.round(value, places);
            prop_assert_eq!(got, expected);
            prop_assert_eq!(got.to_string(), expected.to_string());
        }
    }

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
