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
        let widen = |m: i128, s: u32| -> Option<i128> {
            let shift = usize::try_from(scale.checked_sub(s)?).ok()?;
            m.checked_mul(i128::from(*POWERS_OF_TEN_U64.get(shift)?))
        };
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
    fn overflow_is_none_as_in_rust_decimal() {
        assert_eq!(checked_add(Decimal::MAX, Decimal::ONE), None);
        let big = Decimal::new(i64::MAX, 0);
        assert_eq!(checked_add(big, big), big.checked_add(big));
    }
}
