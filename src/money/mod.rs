//! Exact money: currencies, amounts, percentages, rounding, allocation and exchange rates.
//!
//! * [`Currency`]: every active ISO 4217 code with its official minor units.
//! * [`Money`]: an amount in a currency. Arithmetic checks the currency and overflow and returns
//!   [`Result`](crate::Result); there are no operators that could fail silently.
//! * [`Rate`]: a percentage held as an exact fraction.
//! * [`RoundingMode`]: the named rounding policies; rounding happens only where a rule says so.
//! * [`fx`]: dated exchange rates and the US customs conversion rule.

pub(crate) mod allocation;
mod amount;
pub(crate) mod exact;
pub mod fx;
mod rate;
pub(crate) mod rounding;

pub use crate::currency::{Currency, CurrencyError};
pub use amount::Money;
pub use fx::{CustomsRate, ExchangeRate, ExchangeRateKind, ExchangeRateQuery, ExchangeRateTable};
#[allow(deprecated)]
pub use fx::{RateKind, RateQuery, RateTable};
pub use rate::Rate;
pub use rounding::RoundingMode;

use rust_decimal::Decimal;

/// The longest numeric text accepted (a decimal holds at most 29 significant digits; this leaves
/// room for a sign, a point and leading zeros while bounding the work done on hostile input).
const MAX_NUMBER_LEN: usize = 64;

/// Parses a plain decimal number: an optional sign, digits, an optional point and digits.
///
/// Rejects what `Decimal::from_str` would quietly accept or mangle: exponents, "NaN", thousands
/// separators, underscores, empty strings and numbers beyond the decimal range.
pub(crate) fn parse_plain_decimal(text: &str) -> std::result::Result<Decimal, String> {
    if text.is_empty() {
        return Err("expected a number, found nothing".to_owned());
    }
    if text.len() > MAX_NUMBER_LEN {
        return Err(format!(
            "a number of {} characters is longer than any amount a decimal can hold",
            text.len()
        ));
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let mut seen_point = false;
    let mut seen_digit = false;
    for c in digits.chars() {
        match c {
            '0'..='9' => seen_digit = true,
            '.' if !seen_point => seen_point = true,
            _ => {
                return Err(format!(
                    "unexpected character {c:?}: write a plain decimal such as 1234.56 \
                     (no exponent, no thousands separator)"
                ))
            }
        }
    }
    if !seen_digit {
        return Err("expected digits".to_owned());
    }
    Decimal::from_str_exact(text).map_err(|e| {
        format!("{e}: the number is outside the decimal range (29 significant digits)")
    })
}

/// Serde for decimals as strict text (`"19.99"`): serialized with `Display`, deserialized with
/// [`parse_plain_decimal`], so exponents, `NaN`, separators and JSON floats are rejected. Use as
/// `#[serde(with = "crate::money::decimal_text")]`.
/// Serde for an optional decimal written as text.
pub(crate) mod optional_decimal {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the decimal as text, or null.
    pub(crate) fn serialize<S: Serializer>(
        value: &Option<Decimal>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => s.collect_str(v),
            None => s.serialize_none(),
        }
    }

    /// Reads an optional strict plain decimal.
    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Decimal>, D::Error> {
        Ok(Option::<crate::money::decimal_text::StrictDecimal>::deserialize(d)?.map(|t| t.0))
    }
}

pub(crate) mod decimal_text {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the decimal as its text.
    pub(crate) fn serialize<S: Serializer>(
        value: &Decimal,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_str(value)
    }

    /// Reads a decimal from a JSON string with the strict plain-decimal grammar.
    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Decimal, D::Error> {
        StrictDecimal::deserialize(deserializer).map(|d| d.0)
    }

    /// A decimal read from text only; a JSON number is refused with a message saying that
    /// amounts are strings.
    pub(crate) struct StrictDecimal(pub(crate) Decimal);

    struct Visitor;

    const AMOUNTS_ARE_STRINGS: &str = "amounts and quantities are written as strings in the JSON \
        (\"100.00\", not 100), so that no binary floating-point number comes between the text \
        and the exact decimal";

    impl serde::de::Visitor<'_> for Visitor {
        type Value = StrictDecimal;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a decimal written as a string, such as \"19.99\"")
        }

        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<StrictDecimal, E> {
            super::parse_plain_decimal(text)
                .map(StrictDecimal)
                .map_err(E::custom)
        }

        fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<StrictDecimal, E> {
            Err(E::custom(format!(
                "found the number {n}: {AMOUNTS_ARE_STRINGS}"
            )))
        }

        fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<StrictDecimal, E> {
            Err(E::custom(format!(
                "found the number {n}: {AMOUNTS_ARE_STRINGS}"
            )))
        }

        // A JSON number with a fraction reaches serde as a binary float: it is refused, never
        // used, so that no amount passes through one.
        fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<StrictDecimal, E> {
            Err(E::custom(format!(
                "found the number {n}: {AMOUNTS_ARE_STRINGS}"
            )))
        }
    }

    impl<'de> Deserialize<'de> for StrictDecimal {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_any(Visitor)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_decimals_only() {
        assert_eq!(parse_plain_decimal("19.99").unwrap(), Decimal::new(1999, 2));
        assert_eq!(parse_plain_decimal("-0.5").unwrap(), Decimal::new(-5, 1));
        assert_eq!(parse_plain_decimal("+7").unwrap(), Decimal::from(7));
        assert_eq!(parse_plain_decimal(".5").unwrap(), Decimal::new(5, 1));
        for bad in [
            "",
            "-",
            ".",
            "1e5",
            "NaN",
            "inf",
            "1,000",
            "1_000",
            "1.2.3",
            "--1",
            " 1",
            "1 ",
            "99999999999999999999999999999999",
        ] {
            assert!(parse_plain_decimal(bad).is_err(), "{bad:?}");
        }
    }
}
