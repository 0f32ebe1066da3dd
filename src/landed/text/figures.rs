//! [`Figures`]: a few small non-negative decimals in five bytes each, the figures of a fee's
//! or de minimis explanation, so that the texts a quote holds stay small.

use rust_decimal::Decimal;

/// `N` non-negative decimals whose digits fit 32 bits, each kept as its digits and scale, so
/// that it reads back with the same value and the same places.
#[derive(Clone, Copy)]
pub(super) struct Figures<const N: usize> {
    mantissas: [u32; N],
    scales: [u8; N],
}

impl<const N: usize> Figures<N> {
    /// The figures, or `None` when one is negative (negative zero too) or has more digits than
    /// 32 bits hold.
    pub(super) fn of(values: [Decimal; N]) -> Option<Figures<N>> {
        let mut figures = Figures {
            mantissas: [0; N],
            scales: [0; N],
        };
        let slots = figures.mantissas.iter_mut().zip(&mut figures.scales);
        for ((mantissa, scale), value) in slots.zip(values) {
            if value.is_sign_negative() {
                return None;
            }
            *mantissa = u32::try_from(value.mantissa()).ok()?;
            *scale = u8::try_from(value.scale()).ok()?;
        }
        Some(figures)
    }

    /// The figures as they were given.
    pub(super) fn get(&self) -> [Decimal; N] {
        let mut values = [Decimal::ZERO; N];
        let held = self.mantissas.iter().zip(&self.scales);
        for (value, (&mantissa, &scale)) in values.iter_mut().zip(held) {
            // The scale is a decimal's own, so at most `MAX_SCALE` already.
            let scale = u32::from(scale).min(Decimal::MAX_SCALE);
            *value = Decimal::from_parts(mantissa, 0, 0, false, scale);
        }
        values
    }
}

#[cfg(test)]
mod tests {
    use super::Figures;
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    proptest! {
        #[test]
        fn figures_read_back_with_the_same_value_and_places_or_are_refused(
            digits in any::<u64>(), scale in 0u32..=28, negative in any::<bool>(),
        ) {
            let mut value = Decimal::from_i128_with_scale(i128::from(digits >> (digits % 64)), scale);
            value.set_sign_negative(negative);
            match Figures::of([value, Decimal::new(3271, 2)]) {
                Some(figures) => {
                    let [back, other] = figures.get();
                    prop_assert_eq!(back.to_string(), value.to_string());
                    prop_assert_eq!(back.scale(), value.scale());
                    prop_assert_eq!(other.to_string(), "32.71");
                    prop_assert!(!value.is_sign_negative());
                }
                None => prop_assert!(value.is_sign_negative() || value.mantissa() > i128::from(u32::MAX)),
            }
        }
    }
}
