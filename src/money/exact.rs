//! Sums and comparisons of decimals in machine integers.
//!
//! `rust_decimal`'s checked operations return their result through memory in a form the
//! processor cannot forward to the next read, which stalls every sum of a quote for a dozen
//! cycles. A sum kept as one `i128` mantissa and a scale makes one decimal at the end instead of
//! one per addition. [`checked_sum`] gives exactly what folding with `Decimal::checked_add`
//! gives, value, scale and sign (checked by the property tests below), and defers to
//! `rust_decimal` where the integer form cannot follow it (a zero sum, whose sign it sets; a
//! sum past 96 bits, which it rounds).

use std::cmp::Ordering;

use rust_decimal::Decimal;

use crate::error::{Error, Result};

/// 10⁰ to 10¹⁹, every power of ten a `u64` holds.
pub(crate) const POWERS_OF_TEN_U64: [u64; 20] = [
    1,
    10,
    100,
    1_000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
    1_000_000_000,
    10_000_000_000,
    100_000_000_000,
    1_000_000_000_000,
    10_000_000_000_000,
    100_000_000_000_000,
    1_000_000_000_000_000,
    10_000_000_000_000_000,
    100_000_000_000_000_000,
    1_000_000_000_000_000_000,
    10_000_000_000_000_000_000,
];

/// `m × 10^shift`, or `None` past `i128`, as `m.checked_mul(10i128.pow(shift))`: one widening
/// multiplication of two 64-bit integers where `m` fits 64 bits (every amount of a quote),
/// instead of the 128-bit multiplication with an overflow check.
#[inline]
pub(crate) fn times_power_of_ten(m: i128, shift: u32) -> Option<i128> {
    if shift == 0 {
        return Some(m);
    }
    let Some(factor) = POWERS_OF_TEN_U64.get(usize::try_from(shift).ok()?) else {
        return 10i128.checked_pow(shift).and_then(|p| m.checked_mul(p));
    };
    match u64::try_from(m.unsigned_abs()) {
        // Below 2¹²⁸, and never exactly 2¹²⁷ (a multiple of 5): negated without overflow.
        Ok(magnitude) => {
            let product = i128::try_from(u128::from(magnitude) * u128::from(*factor)).ok()?;
            Some(if m < 0 { -product } else { product })
        }
        Err(_) => m.checked_mul(i128::from(*factor)),
    }
}

/// `a + b`, or `None` on overflow, as `Decimal::checked_add`.
#[inline]
pub(crate) fn checked_add(a: Decimal, b: Decimal) -> Option<Decimal> {
    checked_sum([a, b])
}

/// How `a` compares with `b`, as `Decimal::cmp`: at the same scale, as their mantissas.
#[inline]
pub(crate) fn cmp(a: Decimal, b: Decimal) -> Ordering {
    if a.scale() == b.scale() {
        return a.mantissa().cmp(&b.mantissa());
    }
    a.cmp(&b)
}

/// The sum of decimals added in order, exactly as folding them with `Decimal::checked_add`
/// from the first gives it; zero for no values. `None` on overflow.
pub(crate) fn checked_sum(values: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    let mut values = values.into_iter();
    let Some(first) = values.next() else {
        return Some(Decimal::ZERO);
    };
    let mut sum = Sum::of(first);
    while let Some(v) = values.next() {
        if !sum.add(v) {
            // Beyond the integer form: `rust_decimal` goes on from what was added so far.
            return std::iter::once(v)
                .chain(values)
                .try_fold(sum.decimal()?, Decimal::checked_add);
        }
    }
    sum.decimal()
}

/// The largest mantissa a decimal holds, plus one: 2⁹⁶.
const MANTISSA_LIMIT: u128 = 1 << 96;

/// `a + b` when it is exact; [`Error::Overflow`] beyond the decimal range, and
/// [`Error::PrecisionLoss`] where `rust_decimal` would round the sum to fit 96 bits (an amount
/// near 7.9 × 10²⁸ plus a cent).
pub(crate) fn add_exact(a: Decimal, b: Decimal, operation: &'static str) -> Result<Decimal> {
    let sum = a.checked_add(b).ok_or_else(|| Error::overflow(operation))?;
    if sum_is_exact(a, b) {
        Ok(sum)
    } else {
        Err(Error::precision(operation))
    }
}

/// Whether `a + b` is a decimal (fits 96 bits at a scale of at most 28).
pub(crate) fn sum_is_exact(a: Decimal, b: Decimal) -> bool {
    if a.is_zero() || b.is_zero() {
        return true;
    }
    let (a, b) = (a.normalize(), b.normalize());
    let (low, high) = if a.scale() <= b.scale() {
        (a, b)
    } else {
        (b, a)
    };
    let shift = high.scale() - low.scale();
    let Some(mut total) =
        times_power_of_ten(low.mantissa(), shift).and_then(|m| m.checked_add(high.mantissa()))
    else {
        return false;
    };
    // With different scales the last digit is the finer operand's, never 0: nothing to strip.
    // At the same scale, trailing zeros of the sum free places.
    let mut scale = high.scale();
    while shift == 0 && scale > 0 && total != 0 && total % 10 == 0 {
        total /= 10;
        scale -= 1;
    }
    total.unsigned_abs() < MANTISSA_LIMIT
}

/// A product of two mantissas, as four 64-bit limbs, least significant first.
fn wide_product(a: u128, b: u128) -> [u64; 4] {
    let split = |x: u128| [x as u64, (x >> 64) as u64];
    let (a, b) = (split(a), split(b));
    let mut limbs = [0u64; 4];
    for (i, x) in a.iter().enumerate() {
        let mut carry: u128 = 0;
        for (j, y) in b.iter().enumerate() {
            if let Some(limb) = limbs.get_mut(i + j) {
                let t = u128::from(*x) * u128::from(*y) + u128::from(*limb) + carry;
                *limb = t as u64;
                carry = t >> 64;
            }
        }
        if let Some(limb) = limbs.get_mut(i + 2) {
            *limb = (u128::from(*limb) + carry) as u64;
        }
    }
    limbs
}

/// The limbs divided by 10, and the remainder.
fn divide_by_ten(limbs: [u64; 4]) -> ([u64; 4], u64) {
    let mut quotient = [0u64; 4];
    let mut remainder: u128 = 0;
    for (q, limb) in quotient.iter_mut().zip(limbs).rev() {
        let current = (remainder << 64) | u128::from(limb);
        *q = (current / 10) as u64;
        remainder = current % 10;
    }
    (quotient, remainder as u64)
}

/// Whether `a × b` is a decimal (fits 96 bits at a scale of at most 28).
pub(crate) fn product_is_exact(a: Decimal, b: Decimal) -> bool {
    if a.is_zero() || b.is_zero() {
        return true;
    }
    let (ma, mb) = (a.mantissa().unsigned_abs(), b.mantissa().unsigned_abs());
    let mut scale = a.scale() + b.scale();
    // The common case: small mantissas at few places.
    if scale <= 28 && ma >> 64 == 0 && mb >> 32 == 0 {
        return true;
    }
    let mut limbs = wide_product(ma, mb);
    let fits = |l: &[u64; 4]| {
        l[3] == 0 && l[2] == 0 && u128::from(l[1]) << 64 | u128::from(l[0]) < MANTISSA_LIMIT
    };
    while scale > 0 && (scale > 28 || !fits(&limbs)) {
        let (quotient, remainder) = divide_by_ten(limbs);
        if remainder != 0 {
            return false;
        }
        limbs = quotient;
        scale -= 1;
    }
    scale <= 28 && fits(&limbs)
}

/// A running sum as an integer mantissa below 2⁹⁶ and a scale.
struct Sum {
    mantissa: i128,
    scale: u32,
    /// The value the sum is, as it was written, while it is one value taken as it is (the
    /// first, or one added to a zero sum): `rust_decimal` returns it unchanged, sign of zero
    /// included.
    written: Option<Decimal>,
}

impl Sum {
    fn of(v: Decimal) -> Sum {
        Sum {
            mantissa: v.mantissa(),
            scale: v.scale(),
            written: Some(v),
        }
    }

    /// Adds `v` as `Decimal::checked_add` would; `false` (unchanged) where the integer form
    /// cannot follow it.
    fn add(&mut self, v: Decimal) -> bool {
        let m = v.mantissa();
        // A zero sum takes the value added as it is written; a zero added changes nothing.
        if self.mantissa == 0 {
            *self = Sum::of(v);
            return true;
        }
        if m == 0 {
            return true;
        }
        // At the larger scale, as `rust_decimal` writes a sum.
        let scale = self.scale.max(v.scale());
        let widen = |m: i128, s: u32| times_power_of_ten(m, scale.checked_sub(s)?);
        let total = widen(self.mantissa, self.scale)
            .zip(widen(m, v.scale()))
            .and_then(|(a, b)| a.checked_add(b))
            .filter(|t| t.unsigned_abs() >> 96 == 0);
        match total {
            Some(total) => {
                *self = Sum {
                    mantissa: total,
                    scale,
                    written: None,
                };
                true
            }
            None => false,
        }
    }

    fn decimal(&self) -> Option<Decimal> {
        match self.written {
            Some(v) => Some(v),
            None => Decimal::try_from_i128_with_scale(self.mantissa, self.scale).ok(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Amounts of money (small mantissas), and decimals up to 96 bits wide.
    fn decimal() -> impl Strategy<Value = Decimal> {
        (any::<i64>(), 0u32..=28, 0u8..3).prop_map(|(m, scale, width)| {
            let m = match width {
                0 => i128::from(m % 10_000_000),
                1 => i128::from(m),
                _ => i128::from(m) * 4_294_967_311,
            };
            Decimal::try_from_i128_with_scale(m, scale).unwrap_or_default()
        })
    }

    proptest! {
        /// The widening multiplication gives what `i128::checked_mul` gives, overflow
        /// included, for every width of mantissa and every power of ten up to 10⁴⁰.
        #[test]
        fn times_power_of_ten_is_the_checked_product(
            m in prop_oneof![any::<i64>().prop_map(i128::from), any::<i128>()],
            shift in 0u32..=40,
        ) {
            let expected = 10i128.checked_pow(shift).and_then(|p| m.checked_mul(p));
            prop_assert_eq!(times_power_of_ten(m, shift), expected);
        }

        /// The same sum as folding with `rust_decimal`, text included, zeros, cancellations
        /// and mixed scales among the values.
        #[test]
        fn sums_match_rust_decimal(values in proptest::collection::vec(decimal(), 1..8), zeros in any::<u8>()) {
            let values: Vec<Decimal> = values
                .into_iter()
                .enumerate()
                .map(|(i, v)| if zeros & (1 << (i % 8)) != 0 { Decimal::new(0, v.scale()) } else { v })
                .collect();
            let ours = checked_sum(values.iter().copied());
            let mut rest = values.iter().copied();
            let first = rest.next();
            let theirs = first.and_then(|f| rest.try_fold(f, Decimal::checked_add));
            prop_assert_eq!(ours.map(|d| d.to_string()), theirs.map(|d| d.to_string()));
        }

        /// Comparisons agree with `rust_decimal`'s, at the same scale or not.
        #[test]
        fn comparisons_match_rust_decimal(a in decimal(), b in decimal(), same in any::<bool>()) {
            let b = if same { Decimal::try_from_i128_with_scale(b.mantissa(), a.scale()).unwrap_or_default() } else { b };
            prop_assert_eq!(cmp(a, b), a.cmp(&b));
            prop_assert_eq!(cmp(a, -a), a.cmp(&-a));
        }

        /// Amounts that cancel out, then more.
        #[test]
        fn cancelling_sums_match_rust_decimal(a in decimal(), b in decimal()) {
            let values = [a, -a, b, Decimal::new(0, 5), -b, a];
            let theirs = values.iter().skip(1).copied().try_fold(a, Decimal::checked_add);
            prop_assert_eq!(checked_sum(values).map(|d| d.to_string()), theirs.map(|d| d.to_string()));
        }

        /// The same value, scale and text as `rust_decimal`, zeros and overflow included.
        #[test]
        fn addition_matches_rust_decimal(a in decimal(), b in decimal(), same in any::<bool>()) {
            let b = if same { Decimal::try_from_i128_with_scale(b.mantissa(), a.scale()).unwrap_or_default() } else { b };
            let ours = checked_add(a, b);
            let theirs = a.checked_add(b);
            prop_assert_eq!(ours, theirs);
            prop_assert_eq!(ours.map(|d| d.to_string()), theirs.map(|d| d.to_string()));
        }
    }

    #[test]
    fn zero_results_are_the_ones_rust_decimal_gives() {
        let cases = [
            (Decimal::new(-150, 2), Decimal::new(150, 2)),
            (Decimal::new(150, 2), Decimal::new(-150, 2)),
            (Decimal::new(-0, 2), Decimal::new(0, 2)),
            (Decimal::new(-5, 1), Decimal::ZERO),
            (Decimal::ZERO, Decimal::new(-5, 1)),
        ];
        for (a, b) in cases {
            let text = |d: Option<Decimal>| d.map(|d| format!("{d} {}", d.is_sign_negative()));
            assert_eq!(text(checked_add(a, b)), text(a.checked_add(b)), "{a} + {b}");
        }
    }

    #[test]
    fn negative_zeros_are_summed_as_rust_decimal_sums_them() {
        let mut negative_zero = Decimal::new(0, 2);
        negative_zero.set_sign_negative(true);
        let cases: [&[Decimal]; 4] = [
            &[negative_zero],
            &[negative_zero, Decimal::ZERO],
            &[Decimal::ZERO, negative_zero],
            &[Decimal::ONE, -Decimal::ONE, negative_zero],
        ];
        for values in cases {
            let text = |d: Option<Decimal>| d.map(|d| format!("{d} {}", d.is_sign_negative()));
            let mut rest = values.iter().copied();
            let first = rest.next();
            let theirs = first.and_then(|f| rest.try_fold(f, Decimal::checked_add));
            assert_eq!(
                text(checked_sum(values.iter().copied())),
                text(theirs),
                "{values:?}"
            );
        }
    }

    #[test]
    fn exact_sums_and_products() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let max = Decimal::MAX;
        assert_eq!(add_exact(d("10.00"), d("0.5"), "t").unwrap(), d("10.50"));
        assert_eq!(add_exact(d("0.15"), d("0.05"), "t").unwrap(), d("0.20"));
        assert_eq!(add_exact(max, d("-1"), "t").unwrap(), max - Decimal::ONE);
        assert!(matches!(
            add_exact(max, d("0.01"), "t"),
            Err(Error::PrecisionLoss { .. })
        ));
        assert!(matches!(
            add_exact(max, d("1"), "t"),
            Err(Error::Overflow { .. })
        ));
        assert!(add_exact(d("1"), d("0.0000000000000000000000000001"), "t").is_ok());
        assert!(matches!(
            add_exact(d("10"), d("0.0000000000000000000000000001"), "t"),
            Err(Error::PrecisionLoss { .. })
        ));
        assert!(product_is_exact(d("1000"), d("0.375")));
        assert!(!product_is_exact(
            d("0.0000000000000001"),
            d("0.0000000000000001")
        ));
        assert!(product_is_exact(
            d("0.00000000000000020"),
            d("0.0000000000005")
        ));
        assert!(!product_is_exact(max, d("0.5")));
        assert!(product_is_exact(max, d("1")));
        assert!(product_is_exact(d("2"), d("0.5")));
    }

    proptest! {
        /// An exact sum is the sum; an inexact one is off from the two operands recovered.
        #[test]
        fn exact_sums_are_the_true_sums(a in decimal(), b in decimal()) {
            if let Ok(sum) = add_exact(a, b, "t") {
                prop_assert_eq!(sum.checked_sub(a), Some(b));
            }
        }

        /// A product called exact divides back to its operand.
        #[test]
        fn exact_products_divide_back(a in decimal(), b in decimal()) {
            if let (Some(p), true, false) = (a.checked_mul(b), product_is_exact(a, b), b.is_zero()) {
                prop_assert_eq!(p.checked_div(b), Some(a));
            }
        }
    }

    #[test]
    fn overflow_is_none_as_in_rust_decimal() {
        assert_eq!(checked_add(Decimal::MAX, Decimal::ONE), None);
        let big = Decimal::new(i64::MAX, 0);
        assert_eq!(checked_add(big, big), big.checked_add(big));
    }
}
