//! Addition of decimals that fit 64 bits, in machine integers.
//!
//! `rust_decimal`'s checked operations return their result through memory in a form the
//! processor cannot forward to the next read, which stalls every sum of a quote for a dozen
//! cycles. Amounts of money are small: their mantissas fit 64 bits, so the sum of two amounts
//! is a few machine operations. [`checked_add`] gives exactly what `rust_decimal` gives, value,
//! scale and sign (checked by the property tests below), and defers to it for anything else (a
//! zero sum, whose sign it sets; wider values; overflow).

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
    if let Some(sum) = add_small(a, b) {
        return Some(sum);
    }
    a.checked_add(b)
}

/// The sum of two decimals whose mantissas fit 64 bits, at the larger scale as `rust_decimal`
/// writes it; `None` where `rust_decimal` must decide (a zero sum, whose sign it sets).
#[inline]
fn add_small(a: Decimal, b: Decimal) -> Option<Decimal> {
    let (x, y) = (a.unpack(), b.unpack());
    if x.hi != 0 || y.hi != 0 {
        return None;
    }
    let (mx, my) = (
        (u64::from(x.mid) << 32) | u64::from(x.lo),
        (u64::from(y.mid) << 32) | u64::from(y.lo),
    );
    // A zero added leaves the other operand as it is written (as `rust_decimal` does).
    if mx == 0 {
        return Some(b);
    }
    if my == 0 {
        return Some(a);
    }
    let scale = x.scale.max(y.scale);
    let widen = |m: u64, s: u32, negative: bool| -> Option<i128> {
        let shift = usize::try_from(scale.checked_sub(s)?).ok()?;
        let m = i128::from(m).checked_mul(i128::from(*POWERS_OF_TEN_U64.get(shift)?))?;
        Some(if negative { -m } else { m })
    };
    let sum = widen(mx, x.scale, x.negative)?.checked_add(widen(my, y.scale, y.negative)?)?;
    let magnitude = sum.unsigned_abs();
    if sum == 0 || magnitude >> 96 != 0 {
        return None;
    }
    // A magnitude below 2⁹⁶, written as the decimal's three words.
    #[allow(clippy::cast_possible_truncation)]
    let (lo, mid, hi) = (
        magnitude as u32,
        (magnitude >> 32) as u32,
        (magnitude >> 64) as u32,
    );
    Some(Decimal::from_parts(lo, mid, hi, sum < 0, scale))
}

/// How `a` compares with `b`, as `Decimal::cmp`: amounts of the same scale that fit 64 bits
/// compare as integers.
#[inline]
pub(crate) fn cmp(a: Decimal, b: Decimal) -> std::cmp::Ordering {
    let (x, y) = (a.unpack(), b.unpack());
    if x.scale == y.scale && x.hi == 0 && y.hi == 0 {
        let mx = signed((u64::from(x.mid) << 32) | u64::from(x.lo), x.negative);
        let my = signed((u64::from(y.mid) << 32) | u64::from(y.lo), y.negative);
        return mx.cmp(&my);
    }
    a.cmp(&b)
}

/// The sum of decimals added in order, exactly as folding them with `Decimal::checked_add`
/// gives it (value, scale and sign), kept as one integer and a scale: one decimal is made at
/// the end instead of one per addition. `None` on overflow.
pub(crate) fn checked_sum(values: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    let mut values = values.into_iter();
    let first = values.next()?;
    let mut sum = Sum::of(first);
    for v in values.by_ref() {
        match sum.as_mut().map(|s| s.add(v)) {
            Some(true) => {}
            // Beyond the integer form: `rust_decimal` goes on from what was added so far.
            _ => {
                let so_far = match sum {
                    Some(s) => s.decimal()?,
                    None => first,
                };
                return std::iter::once(v)
                    .chain(values)
                    .try_fold(so_far, Decimal::checked_add);
            }
        }
    }
    match sum {
        Some(s) => s.decimal(),
        None => Some(first),
    }
}

/// A running sum as an integer mantissa and a scale.
struct Sum {
    mantissa: i128,
    scale: u32,
    /// The value the sum is, as it was written, while it is one value taken as it is (the
    /// first, or one added to a zero sum): `rust_decimal` returns it unchanged, sign of zero
    /// included.
    written: Option<Decimal>,
}

impl Sum {
    /// The sum of one value, when it fits 64 bits.
    fn of(v: Decimal) -> Option<Sum> {
        let parts = v.unpack();
        (parts.hi == 0).then(|| Sum {
            mantissa: signed(
                (u64::from(parts.mid) << 32) | u64::from(parts.lo),
                parts.negative,
            ),
            scale: parts.scale,
            written: Some(v),
        })
    }

    /// Adds `v` as `Decimal::checked_add` would; `false` (unchanged) where the integer form
    /// cannot follow it.
    fn add(&mut self, v: Decimal) -> bool {
        let parts = v.unpack();
        if parts.hi != 0 {
            return false;
        }
        let m = signed(
            (u64::from(parts.mid) << 32) | u64::from(parts.lo),
            parts.negative,
        );
        // A zero sum takes the value added as it is written; a zero added changes nothing.
        if self.mantissa == 0 {
            *self = Sum {
                mantissa: m,
                scale: parts.scale,
                written: Some(v),
            };
            return true;
        }
        if m == 0 {
            return true;
        }
        if parts.scale == self.scale {
            return match self
                .mantissa
                .checked_add(m)
                .filter(|t| t.unsigned_abs() >> 96 == 0)
            {
                Some(total) => {
                    self.mantissa = total;
                    self.written = None;
                    true
                }
                None => false,
            };
        }
        let scale = self.scale.max(parts.scale);
        let widen = |m: i128, s: u32| -> Option<i128> {
            let shift = usize::try_from(scale.checked_sub(s)?).ok()?;
            m.checked_mul(i128::from(*POWERS_OF_TEN_U64.get(shift)?))
        };
        let total = widen(self.mantissa, self.scale)
            .zip(widen(m, parts.scale))
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
        if let Some(v) = self.written {
            return Some(v);
        }
        let magnitude = self.mantissa.unsigned_abs();
        if magnitude >> 96 != 0 || self.scale > 28 {
            return None;
        }
        // A magnitude below 2⁹⁶, written as the decimal's three words.
        #[allow(clippy::cast_possible_truncation)]
        let (lo, mid, hi) = (
            magnitude as u32,
            (magnitude >> 32) as u32,
            (magnitude >> 64) as u32,
        );
        Some(Decimal::from_parts(
            lo,
            mid,
            hi,
            self.mantissa < 0,
            self.scale,
        ))
    }
}

fn signed(magnitude: u64, negative: bool) -> i128 {
    if negative {
        -i128::from(magnitude)
    } else {
        i128::from(magnitude)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn decimal() -> impl Strategy<Value = Decimal> {
        (any::<i64>(), 0u32..=28, any::<bool>()).prop_map(|(m, scale, small)| {
            let m = if small { m % 10_000_000 } else { m };
            Decimal::new(m, scale)
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
            let b = if same { Decimal::new(i64::try_from(b.mantissa() % 1_000_000_000).unwrap_or(0), a.scale()) } else { b };
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
            let b = if same { Decimal::new(i64::try_from(b.mantissa() % 1_000_000_000).unwrap_or(0), a.scale()) } else { b };
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
