//! The sums and roundings every importer's quote shares: exact sums that report an overflow, and
//! the two roundings of a US quote (to the cent, and to whole dollars for ad valorem duties).
//! A market's own rounding of its charges is its [`Market::rounding`](crate::market::Market).

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::money::{exact, RoundingMode};

/// Rounds an amount to the cent, half away from zero, and writes it with two decimals.
#[inline]
pub(crate) fn cents(amount: Decimal) -> Decimal {
    RoundingMode::HalfAwayFromZero.round_to_scale(amount, 2)
}

/// A value in whole dollars for ad valorem duties (19 CFR 159.3(a)).
#[inline]
pub(crate) fn whole_dollars(amount: Decimal) -> Decimal {
    RoundingMode::HalfAwayFromZero.round(amount, 0)
}

/// `a + b`, exactly.
#[inline]
pub(crate) fn add(a: Decimal, b: Decimal) -> Result<Decimal> {
    exact::checked_add(a, b).ok_or_else(|| Error::overflow("landed-cost total"))
}

/// `a − b`.
#[inline]
pub(crate) fn sub(a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_sub(b)
        .ok_or_else(|| Error::overflow("landed-cost difference"))
}

/// `a × b`, for a tax or duty.
#[inline]
pub(crate) fn mul(a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_mul(b)
        .ok_or_else(|| Error::overflow("tax or duty"))
}

/// The exact sum of `values`.
#[inline]
pub(crate) fn sum(values: impl IntoIterator<Item = Decimal>) -> Result<Decimal> {
    exact::checked_sum(values).ok_or_else(|| Error::overflow("landed-cost total"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn roundings_are_half_away_from_zero() {
        assert_eq!(cents(d("2.345")).to_string(), "2.35");
        assert_eq!(cents(d("-2.345")).to_string(), "-2.35");
        assert_eq!(cents(d("7")).to_string(), "7.00");
        assert_eq!(whole_dollars(d("10.50")), d("11"));
        assert_eq!(whole_dollars(d("10.49")), d("10"));
    }

    #[test]
    fn sums_are_exact_or_an_overflow() {
        assert_eq!(sum([d("0.1"), d("0.2")]).unwrap(), d("0.3"));
        assert!(add(Decimal::MAX, Decimal::ONE).is_err());
        assert!(sub(Decimal::MIN, Decimal::ONE).is_err());
        assert!(mul(Decimal::MAX, d("2")).is_err());
        assert_eq!(sum(std::iter::empty()).unwrap(), Decimal::ZERO);
    }
}
