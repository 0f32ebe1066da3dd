//! Writing a quote's JSON without building strings on the heap: decimals written from a stack
//! buffer, percentages without the general rate formatter, and explanations rendered into a
//! buffer each thread keeps and handed to the serializer as one string.
//!
//! A catalogue run serializes every result it keeps, and written through `Display` and serde's
//! `collect_str` a result cost several times the quote itself: each piece of an explanation was
//! escaped on its own and each rate built three strings. The texts are the same, byte for byte
//! (the laws below compare them with the general formatters).

mod compact;
mod escape;

use std::cell::{Cell, RefCell};
use std::fmt::{self, Write as _};

use arrayvec::ArrayString;
use rust_decimal::Decimal;
use serde::Serializer;

use crate::money::Rate;
use crate::tariff::{DutyRate, DutyRateKind};

pub(crate) use compact::write;
pub use compact::Explanations;

/// The longest decimal text: a sign, 29 digits, a point and a leading zero.
const DECIMAL_TEXT: usize = 40;

/// A decimal written out on the stack, exactly as its `Display` writes it without options.
pub(crate) struct DecimalText {
    /// Held as text from the start (the pieces are `itoa`'s digits and ASCII), so reading it
    /// back validates nothing.
    text: ArrayString<DECIMAL_TEXT>,
}

impl DecimalText {
    /// The text of `value`: its mantissa's digits (written by `itoa`, two at a time), the point
    /// before the last `scale` of them, at least one digit before the point.
    pub(crate) fn new(value: Decimal) -> DecimalText {
        let mut text = DecimalText {
            text: ArrayString::new(),
        };
        let scale = usize::try_from(value.scale()).unwrap_or(0);
        let mantissa = value.mantissa().unsigned_abs();
        let mut buffer = itoa::Buffer::new();
        // Most amounts fit 64 bits, whose digits are cheaper than 128 bits'.
        let digits = match u64::try_from(mantissa) {
            Ok(small) => buffer.format(small),
            Err(_) => buffer.format(mantissa),
        };
        if value.is_sign_negative() {
            text.push("-");
        }
        match digits.len().checked_sub(scale) {
            // Digits before the point.
            Some(whole) if whole > 0 => match digits.split_at_checked(whole) {
                Some((int, frac)) if scale > 0 => {
                    text.push(int);
                    text.push(".");
                    text.push(frac);
                }
                _ => text.push(digits),
            },
            // None before the point: "0." and zeros up to the digits.
            _ => {
                text.push("0");
                if scale > 0 {
                    text.push(".");
                    for _ in digits.len()..scale {
                        text.push("0");
                    }
                    text.push(digits);
                }
            }
        }
        text
    }

    fn push(&mut self, piece: &str) {
        // At most 40 bytes are written (a sign, 29 digits, a point and a leading zero).
        let _ = self.text.try_push_str(piece);
    }

    /// The text.
    pub(crate) fn as_str(&self) -> &str {
        &self.text
    }
}

/// A decimal displayed as its own `Display` does, faster where no width or precision is asked.
#[derive(Clone, Copy)]
pub(crate) struct Dec(pub(crate) Decimal);

impl fmt::Display for Dec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.width().is_some() || f.precision().is_some() || f.sign_plus() {
            fmt::Display::fmt(&self.0, f)
        } else {
            f.write_str(DecimalText::new(self.0).as_str())
        }
    }
}

/// A percentage displayed as [`Rate`]'s `Display` writes it ("6.5%").
#[derive(Clone, Copy)]
pub(crate) struct Percent(pub(crate) Rate);

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.width().is_some() || f.precision().is_some() || f.sign_plus() {
            fmt::Display::fmt(&self.0, f)
        } else {
            f.write_str(DecimalText::new(self.0.percent()).as_str())?;
            f.write_char('%')
        }
    }
}

/// A duty rate displayed as its own `Display` writes it, a single percentage (most rates)
/// without building its text on the heap.
#[derive(Clone, Copy)]
pub(crate) struct RateText<'a>(pub(crate) &'a DutyRate);

impl fmt::Display for RateText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.ad_valorem_rate() {
            Some(rate) if self.0.kind() == DutyRateKind::Formula => {
                fmt::Display::fmt(&Percent(rate), f)
            }
            _ => fmt::Display::fmt(self.0, f),
        }
    }
}

thread_local! {
    /// The buffer each thread renders texts into before serializing them, kept between calls.
    static TEXT: RefCell<String> = const { RefCell::new(String::new()) };
    /// Whether the crate's own JSON writer is writing on this thread (it renders a text
    /// straight into its output).
    static DIRECT: Cell<bool> = const { Cell::new(false) };
}

/// While held, texts are handed to the serializer to render ([`serialize_display`]): the
/// crate's writer holds one while it writes.
pub(crate) struct Direct {
    was: bool,
}

impl Direct {
    /// Texts go to the serializer until the guard is dropped.
    pub(crate) fn on() -> Direct {
        Direct {
            was: DIRECT.replace(true),
        }
    }
}

impl Drop for Direct {
    fn drop(&mut self) {
        DIRECT.set(self.was);
    }
}

/// Serializes what `value` displays as one string: handed to the crate's own writer, which
/// renders it into its output; for any other serializer rendered first into a buffer the
/// thread keeps (so neither a string per text nor, in `serde_json`, an escape per fragment).
pub(crate) fn serialize_display<S: Serializer, T: fmt::Display + ?Sized>(
    value: &T,
    s: S,
) -> Result<S::Ok, S::Error> {
    if DIRECT.get() {
        return s.collect_str(value);
    }
    let failed = || serde::ser::Error::custom("a text of the quote could not be written");
    TEXT.with(|buffer| match buffer.try_borrow_mut() {
        Ok(mut text) => {
            text.clear();
            write!(text, "{value}").map_err(|_| failed())?;
            s.serialize_str(&text)
        }
        // Only if a text's own display serializes another: render it apart.
        Err(_) => {
            let mut text = String::new();
            write!(text, "{value}").map_err(|_| failed())?;
            s.serialize_str(&text)
        }
    })
}

/// Serde (serializing only) for a decimal written as text, from the stack. Use as
/// `#[serde(serialize_with = "crate::landed::json::decimal")]`.
pub(crate) fn decimal<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(DecimalText::new(*value).as_str())
}

/// Serde (serializing only) for a rate written as its text ("0.3464%").
pub(crate) fn rate<S: Serializer>(value: &Rate, s: S) -> Result<S::Ok, S::Error> {
    serialize_display(&Percent(*value), s)
}

/// Serde (serializing only) for an optional rate written as its text, or null.
pub(crate) fn optional_rate<S: Serializer>(value: &Option<Rate>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(r) => rate(r, s),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn decimal_of(mantissa: i128, scale: u32) -> Decimal {
        Decimal::try_from_i128_with_scale(mantissa, scale).unwrap_or_else(|e| unreachable!("{e}"))
    }

    #[test]
    fn decimals_read_as_their_display() {
        for (m, s) in [
            (0, 0),
            (0, 2),
            (5, 3),
            (-5, 3),
            (1_000_000, 2),
            (-1, 0),
            (79_228_162_514_264_337_593_543_950_335, 0),
            (-79_228_162_514_264_337_593_543_950_335, 28),
            (18_446_744_073_709_551_615, 19),
            (18_446_744_073_709_551_616, 19),
            (7, 20),
            (-123_456, 28),
            (100, 2),
            (99, 1),
            (10, 0),
        ] {
            let d = decimal_of(m, s);
            assert_eq!(DecimalText::new(d).as_str(), d.to_string(), "{m} at {s}");
        }
        let negative_zero = -decimal_of(0, 2);
        assert_eq!(
            DecimalText::new(negative_zero).as_str(),
            negative_zero.to_string()
        );
        assert_eq!(format!("{:>8}", Dec(decimal_of(125, 2))), "    1.25");
    }

    #[test]
    fn rates_read_as_their_display() {
        for text in [
            "20%",
            "6.5%",
            "Free",
            "0%",
            "90 cents/pr. + 37.5%",
            "2.2 1/4%",
            "No additional duty",
            "5% min 10 cents/kg",
        ] {
            let rate: DutyRate = text.parse().unwrap_or_else(|e| unreachable!("{e}"));
            assert_eq!(RateText(&rate).to_string(), rate.to_string(), "{text}");
        }
        let r: Rate = "0.3464%".parse().unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(Percent(r).to_string(), r.to_string());
    }

    #[test]
    fn texts_serialize_escaped_as_one_string() {
        let text = format!("a\"{}b", "x".repeat(700));
        let mut out = Vec::new();
        serialize_display(&text, &mut serde_json::Serializer::new(&mut out))
            .unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(out, serde_json::to_vec(&text).unwrap_or_default());
    }

    proptest! {
        /// Any decimal reads as its `Display`.
        #[test]
        fn any_decimal_reads_as_its_display(
            m in any::<i128>(),
            small in any::<i64>(),
            amount in -10_000_000i64..10_000_000,
            scale in 0u32..=28,
        ) {
            // Any mantissa, one of 64 bits, and an amount's (the written forms each takes).
            for m in [m % 79_228_162_514_264_337_593_543_950_336, i128::from(small), i128::from(amount)] {
                let d = decimal_of(m, scale);
                let text = DecimalText::new(d);
                prop_assert_eq!(text.as_str(), d.to_string());
                prop_assert_eq!(Dec(d).to_string(), d.to_string());
            }
        }

        /// Any percentage a rate can hold reads as its `Display`.
        #[test]
        fn any_rate_reads_as_its_display(m in 0i64..10_000_000, scale in 0u32..=8) {
            let rate = Rate::from_fraction(Decimal::new(m, scale));
            if let Ok(rate) = rate {
                prop_assert_eq!(Percent(rate).to_string(), rate.to_string());
            }
        }
    }
}
