//! [`Rate`]: a percentage held as an exact decimal fraction.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::error::{Error, Result};

/// A percentage, held as an exact decimal fraction (6.5% is `0.065`).
///
/// Parsed from and displayed as a percentage text ("6.5%"); serialized as that text. Rates may be
/// negative (a discount, a change in rate) and are bounded so that their percentage form always
/// fits in a [`Decimal`].
///
/// # Example
/// ```
/// use landed_cost::Rate;
/// use rust_decimal::Decimal;
/// let r: Rate = "6.5%".parse()?;
/// assert_eq!(r.to_string(), "6.5%");
/// assert_eq!(r.fraction(), Decimal::new(65, 3));
/// assert_eq!(r, Rate::from_percent(Decimal::new(65, 1))?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Rate(Decimal);

impl Rate {
    /// 0%.
    pub const ZERO: Rate = Rate(Decimal::ZERO);

    /// 100%.
    pub const ONE_HUNDRED_PERCENT: Rate = Rate(Decimal::ONE);

    /// A rate from its fraction (`0.065` for 6.5%).
    ///
    /// # Errors
    /// [`Error::Overflow`] if the percentage form (fraction × 100) does not fit in a decimal.
    ///
    /// # Example
    /// ```
    /// use landed_cost::Rate;
    /// use rust_decimal::Decimal;
    /// assert_eq!(Rate::from_fraction(Decimal::new(25, 2))?.to_string(), "25%");
    /// assert!(Rate::from_fraction(Decimal::MAX).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_fraction(fraction: Decimal) -> Result<Rate> {
        fraction
            .checked_mul(Decimal::ONE_HUNDRED)
            .ok_or_else(|| Error::overflow("rate percentage"))?;
        Ok(Rate(fraction.normalize()))
    }

    /// A rate from a fraction already written without trailing zeros and small enough to be
    /// a percentage (as [`ratio`](crate::money::rounding::ratio) gives it): what
    /// [`Rate::from_fraction`] gives, without its checks.
    pub(crate) fn from_normalized_fraction(fraction: Decimal) -> Rate {
        debug_assert_eq!(fraction.scale(), fraction.normalize().scale());
        Rate(fraction)
    }

    /// A rate from its percentage (`6.5` for 6.5%).
    ///
    /// # Errors
    /// [`Error::PrecisionLoss`] if the fraction would need more than 28 decimal places
    /// (`0.0000000000000000000000000001%` is 10⁻³⁰ and would be rounded to 0).
    ///
    /// # Example
    /// ```
    /// use landed_cost::Rate;
    /// use rust_decimal::Decimal;
    /// assert_eq!(Rate::from_percent(Decimal::from(145))?.to_string(), "145%");
    /// assert!(Rate::from_percent("0.0000000000000000000000000001".parse()?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_percent(percent: Decimal) -> Result<Rate> {
        let fraction = percent
            .checked_div(Decimal::ONE_HUNDRED)
            .ok_or_else(|| Error::overflow("rate from percent"))?;
        // Dividing by 100 rounds only where it needs two places more than a decimal has.
        if fraction.checked_mul(Decimal::ONE_HUNDRED) != Some(percent) {
            return Err(Error::precision("rate from percent"));
        }
        Rate::from_fraction(fraction)
    }

    /// The exact fraction (`0.065` for 6.5%).
    ///
    /// # Example
    /// ```
    /// use landed_cost::Rate;
    /// use rust_decimal::Decimal;
    /// assert_eq!("20%".parse::<Rate>()?.fraction(), Decimal::new(2, 1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn fraction(self) -> Decimal {
        self.0
    }

    /// The percentage (`6.5` for 6.5%).
    ///
    /// # Example
    /// ```
    /// use landed_cost::Rate;
    /// use rust_decimal::Decimal;
    /// assert_eq!("6.5%".parse::<Rate>()?.percent(), Decimal::new(65, 1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn percent(self) -> Decimal {
        // A fraction with two or more places is its percentage with two fewer: the same digits,
        // no product. Bounded at construction, so the product cannot overflow; its fallback is
        // never taken.
        let mut percent = self.0;
        let scale = percent.scale();
        if scale < 2 || percent.set_scale(scale - 2).is_err() {
            percent = self
                .0
                .checked_mul(Decimal::ONE_HUNDRED)
                .unwrap_or(Decimal::MAX);
        }
        without_trailing_zeros(percent)
    }

    /// Whether the rate is exactly zero.
    ///
    /// # Example
    /// ```
    /// assert!(landed_cost::Rate::ZERO.is_zero());
    /// ```
    #[must_use]
    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    /// The sum of two rates (20% + 125% = 145%).
    ///
    /// # Errors
    /// [`Error::Overflow`] if the sum leaves the decimal range, [`Error::PrecisionLoss`] if it
    /// would have to be rounded to fit.
    ///
    /// # Example
    /// ```
    /// use landed_cost::Rate;
    /// let a: Rate = "20%".parse()?;
    /// assert_eq!(a.checked_add("125%".parse()?)?.to_string(), "145%");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn checked_add(self, other: Rate) -> Result<Rate> {
        let sum = crate::money::exact::add_exact(self.0, other.0, "rate addition")?;
        Rate::from_fraction(sum)
    }

    /// Applies the rate to a decimal: `value × fraction`, exact (no rounding).
    ///
    /// # Errors
    /// [`Error::Overflow`] if the product leaves the decimal range, [`Error::PrecisionLoss`] if
    /// it would be rounded to fewer than two decimal places to fit 29 digits (a value near
    /// 10²⁸); digits past the 28th significant one are otherwise rounded, as `rust_decimal`
    /// rounds.
    ///
    /// # Example
    /// ```
    /// use landed_cost::Rate;
    /// use rust_decimal::Decimal;
    /// let r: Rate = "37.5%".parse()?;
    /// assert_eq!(r.apply(Decimal::from(1000))?, Decimal::from(375));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    pub fn apply(self, value: Decimal) -> Result<Decimal> {
        let product = value
            .checked_mul(self.0)
            .ok_or_else(|| Error::overflow("rate × value"))?;
        if product.scale() < 2 && !crate::money::exact::product_is_exact(value, self.0) {
            return Err(Error::precision("rate × value"));
        }
        Ok(product)
    }
}

impl FromStr for Rate {
    type Err = Error;

    /// Parses "6.5%", "6.5 %" or "145%". The percent sign is required so that "0.065" and "6.5"
    /// cannot be confused; exponents, "NaN" and thousands separators are rejected.
    fn from_str(s: &str) -> Result<Self> {
        let trimmed = s.trim();
        let Some(number) = trimmed.strip_suffix('%') else {
            return Err(Error::parse(
                "rate",
                s,
                "a rate is a percentage ending in '%', such as \"6.5%\"",
            ));
        };
        let percent = crate::money::parse_plain_decimal(number.trim_end())
            .map_err(|reason| Error::parse("rate", s, reason))?;
        Rate::from_percent(percent)
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.width().is_none() && f.precision().is_none() {
            write!(f, "{}%", self.percent())
        } else {
            f.pad(&format!("{}%", self.percent()))
        }
    }
}

impl fmt::Debug for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Rate({self})")
    }
}

serde_as_text!(Rate);

/// `value.normalize()`, by 64-bit division where the digits fit (most rates), which is cheaper
/// than the 96-bit division `normalize` makes for every trailing zero.
fn without_trailing_zeros(value: Decimal) -> Decimal {
    let mut scale = value.scale();
    match i64::try_from(value.mantissa()) {
        Ok(mut digits) if digits != 0 => {
            while scale > 0 && digits % 10 == 0 {
                digits /= 10;
                scale -= 1;
            }
            Decimal::try_new(digits, scale).unwrap_or_else(|_| value.normalize())
        }
        _ => value.normalize(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn the_percentage_is_the_fraction_times_a_hundred(
            mantissa in proptest::num::i128::ANY,
            scale in 0u32..=28,
        ) {
            let fraction = Decimal::try_from_i128_with_scale(mantissa % 10i128.pow(28), scale).unwrap();
            if let Ok(rate) = Rate::from_fraction(fraction) {
                let expected = (rate.fraction() * Decimal::ONE_HUNDRED).normalize();
                let percent = rate.percent();
                proptest::prop_assert_eq!(percent, expected);
                proptest::prop_assert_eq!(percent.scale(), expected.scale());
                proptest::prop_assert_eq!(percent.to_string(), expected.to_string());
            }
        }
    }

    #[test]
    fn parses_and_displays() {
        for (text, shown) in [
            ("6.5%", "6.5%"),
            ("6.50%", "6.5%"),
            (" 25 % ", "25%"),
            ("0%", "0%"),
            ("0.3464%", "0.3464%"),
            ("145%", "145%"),
            ("-10%", "-10%"),
        ] {
            assert_eq!(text.parse::<Rate>().unwrap().to_string(), shown, "{text}");
        }
    }

    #[test]
    fn rejects_garbage() {
        for bad in [
            "", "%", "6.5", "NaN%", "1e3%", "abc%", "1,000%", "6.5%%", "+-1%",
        ] {
            assert!(bad.parse::<Rate>().is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn serde_as_text() {
        let r: Rate = "7.5%".parse().unwrap();
        assert_eq!(serde_json::to_string(&r).unwrap(), "\"7.5%\"");
        assert_eq!(serde_json::from_str::<Rate>("\"7.5%\"").unwrap(), r);
    }
}
