//! [`HsCode`]: Harmonized System codes and their national extensions (the US HTS).

use std::fmt;
use std::str::FromStr;

use arrayvec::ArrayString;

use crate::digits::two_digits;
use crate::input::truncate;

mod index;

pub(crate) use index::CodeIndex;

/// The most digits a code has (the US HTS statistical reporting number).
const MAX_DIGITS: u8 = 10;

/// A Harmonized System code of 2 to 10 digits: chapter (2), heading (4), subheading (6), and the
/// national tariff line (8) and statistical suffix (10) of the US HTS.
///
/// Parsed with or without dots ("6402.99.90" or "64029990"), displayed in the dotted HTS form,
/// serialized as that text. `Copy`; ordered as the tariff is (a code sorts before the codes it
/// covers, and those before the next code).
///
/// # Example
/// ```
/// use landed_cost::HsCode;
/// let hs: HsCode = "6402.99.90".parse()?;
/// assert_eq!(hs, "64029990".parse()?);
/// assert_eq!(hs.to_string(), "6402.99.90");
/// assert_eq!(hs.chapter(), 64);
/// assert_eq!(hs.heading().map(|h| h.to_string()), Some("6402".to_string()));
/// let heading: HsCode = "6402".parse()?;
/// assert!(heading.covers(&"6402.99.90.00".parse()?));
/// assert!(!heading.covers(&"6403.99".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HsCode {
    /// The digits right-padded with zeros to ten digits, shifted left by 4 bits, below how
    /// many digits are significant (2 to 10): one word that sorts as the code does (by padded
    /// digits, then by length), so that a code is 8 bytes in every charge and index.
    key: u64,
}

impl HsCode {
    /// A code from its digits, `value` holding exactly `len` digits (leading zeros allowed).
    ///
    /// # Errors
    /// [`HsCodeError::Digits`] (an [`crate::Error::InvalidValue`] once converted) if `len` is not 2
    /// to 10 or `value` has more than `len` digits.
    ///
    /// # Example
    /// ```
    /// use landed_cost::HsCode;
    /// assert_eq!(HsCode::from_digits(101, 4)?.to_string(), "0101");
    /// assert!(HsCode::from_digits(12345, 4).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_digits(value: u64, len: u8) -> Result<HsCode, HsCodeError> {
        if !(2..=MAX_DIGITS).contains(&len) {
            return Err(HsCodeError::Digits {
                reason: format!("{len} digits; an HS code has 2 to 10 digits"),
            });
        }
        let limit = 10u64.pow(u32::from(len));
        if value >= limit {
            return Err(HsCodeError::Digits {
                reason: format!("{value} has more than {len} digits"),
            });
        }
        Ok(HsCode::packed(
            value * 10u64.pow(u32::from(MAX_DIGITS - len)),
            len,
        ))
    }

    /// The code of these padded digits (below 10^10) and length (2 to 10).
    const fn packed(padded: u64, len: u8) -> HsCode {
        HsCode {
            key: (padded << 4) | len as u64,
        }
    }

    /// The digits, right-padded with zeros to ten digits.
    const fn padded(self) -> u64 {
        self.key >> 4
    }

    /// The number of digits (2 to 10).
    ///
    /// # Example
    /// ```
    /// assert_eq!("6402.99".parse::<landed_cost::HsCode>()?.len(), 6);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    #[allow(clippy::len_without_is_empty)] // a code is never empty
    pub const fn len(self) -> u8 {
        // The low 4 bits hold the length, so the cast cannot truncate.
        (self.key & 0xF) as u8
    }

    /// The significant digits as a number (`6402999000` for "6402.99.90.00", `101` for "0101").
    ///
    /// # Example
    /// ```
    /// assert_eq!("0101.21".parse::<landed_cost::HsCode>()?.digits(), 10121);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn digits(self) -> u64 {
        self.padded() / 10u64.pow((MAX_DIGITS - self.len()) as u32)
    }

    /// The chapter, the first two digits (64 for footwear).
    ///
    /// # Example
    /// ```
    /// assert_eq!("9903.88.15".parse::<landed_cost::HsCode>()?.chapter(), 99);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn chapter(self) -> u8 {
        // padded < 10^10, so the quotient is below 100 and fits.
        (self.padded() / 100_000_000) as u8
    }

    /// The 4-digit heading as a number, 0 to 9,999 (`6402` for "6402.99.90"), or `None` for a
    /// code of 2 digits (a whole chapter).
    pub(crate) const fn heading_number(self) -> Option<u16> {
        if self.len() < 4 {
            return None;
        }
        // padded < 10^10, so the quotient is below 10,000 and fits.
        Some((self.padded() / 1_000_000) as u16)
    }

    /// A number that sorts as the code does (by padded digits, then by length): a compact key
    /// for indexes.
    pub(crate) const fn sort_key(self) -> u64 {
        self.key
    }

    /// The code cut to its first `len` digits, or `None` if it has fewer or `len` is below 2.
    ///
    /// # Example
    /// ```
    /// use landed_cost::HsCode;
    /// let hs: HsCode = "6402.99.90.00".parse()?;
    /// assert_eq!(hs.truncate(8), Some("6402.99.90".parse()?));
    /// assert_eq!("6402".parse::<HsCode>()?.truncate(6), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn truncate(self, len: u8) -> Option<HsCode> {
        if len < 2 || len > self.len() {
            return None;
        }
        let drop = 10u64.pow(u32::from(MAX_DIGITS - len));
        Some(HsCode::packed(self.padded() / drop * drop, len))
    }

    /// The 4-digit heading, if the code has one.
    ///
    /// # Example
    /// ```
    /// assert_eq!("6402.99".parse::<landed_cost::HsCode>()?.heading().unwrap().to_string(), "6402");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn heading(self) -> Option<HsCode> {
        self.truncate(4)
    }

    /// The 6-digit international subheading, if the code has one.
    ///
    /// # Example
    /// ```
    /// assert_eq!("6402.99.90".parse::<landed_cost::HsCode>()?.subheading().unwrap().to_string(), "6402.99");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn subheading(self) -> Option<HsCode> {
        self.truncate(6)
    }

    /// The 8-digit national tariff line (where US duty rates are set), if the code has one.
    ///
    /// # Example
    /// ```
    /// assert_eq!("6402.99.90.00".parse::<landed_cost::HsCode>()?.tariff_line().unwrap().to_string(), "6402.99.90");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn tariff_line(self) -> Option<HsCode> {
        self.truncate(8)
    }

    /// Whether this code is a prefix of `other` (or equal): heading 6402 covers 6402.99.90.00.
    ///
    /// # Example
    /// ```
    /// use landed_cost::HsCode;
    /// let h: HsCode = "8471".parse()?;
    /// assert!(h.covers(&"8471.30.01".parse()?));
    /// assert!(!"8471.30.01".parse::<HsCode>()?.covers(&h));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn covers(self, other: &HsCode) -> bool {
        other.truncate(self.len()) == Some(self)
    }
}

/// Why a text or a number is not an [`HsCode`]; once converted into the crate's error (with `?`
/// or `From`) a [`crate::Error::Parse`] or [`crate::Error::InvalidValue`] of an "HS code".
///
/// # Example
/// ```
/// use landed_cost::{hs::HsCodeError, Error, HsCode};
/// let e = "6402.99.9x".parse::<HsCode>().unwrap_err();
/// assert!(matches!(e, HsCodeError::Parse { .. }));
/// assert!(matches!(Error::from(e), Error::Parse { what: "HS code", .. }));
/// assert!(matches!(HsCode::from_digits(12345, 4), Err(HsCodeError::Digits { .. })));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HsCodeError {
    /// A text that is not an HS code.
    #[error("cannot parse {input:?} as HS code: {reason}")]
    Parse {
        /// The text as given (truncated to 200 characters).
        input: String,
        /// Why it was rejected and what form is expected.
        reason: String,
    },
    /// Digits that do not make an HS code.
    #[error("invalid HS code: {reason}")]
    Digits {
        /// Why, and what is allowed.
        reason: String,
    },
}

impl FromStr for HsCode {
    type Err = HsCodeError;

    /// Parses 2 to 10 digits, with or without dots between groups ("6402.99.90", "64029990",
    /// "6402.9990"). Surrounding spaces are ignored; anything else is an error.
    fn from_str(s: &str) -> Result<Self, HsCodeError> {
        let text = s.trim();
        let fail = |reason: &str| HsCodeError::Parse {
            input: truncate(s),
            reason: reason.to_owned(),
        };
        if text.starts_with('.')
            || text.ends_with('.')
            || text.as_bytes().windows(2).any(|pair| pair == b"..")
        {
            return Err(fail(
                "dots may only separate groups of digits, as in 6402.99.90",
            ));
        }
        let mut value: u64 = 0;
        let mut len: u8 = 0;
        for c in text.chars() {
            match c {
                '.' => {}
                '0'..='9' => {
                    if len == MAX_DIGITS {
                        return Err(fail("more than 10 digits; an HS code has 2 to 10"));
                    }
                    value = value * 10 + u64::from(c as u8 - b'0');
                    len += 1;
                }
                _ => {
                    return Err(fail(
                        "only digits and dots are allowed, as in 6402.99.90 or 64029990",
                    ))
                }
            }
        }
        if len < 2 {
            return Err(fail(
                "fewer than 2 digits; an HS code starts with its 2-digit chapter",
            ));
        }
        HsCode::from_digits(value, len)
    }
}

impl fmt::Display for HsCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.dotted())
    }
}

impl HsCode {
    /// The dotted form, as `Display` writes it, on the stack.
    pub(crate) fn dotted(self) -> ArrayString<13> {
        // All ten digits in the dotted form "HHHH.SS.TT.UU", two at a time, then as many as
        // the code has: its digits and the dots between them.
        let padded = self.padded();
        let heading = u32::try_from(padded / 1_000_000).unwrap_or(0);
        let pair = |divisor: u64| two_digits(u32::try_from(padded / divisor % 100).unwrap_or(0));
        let mut text = ArrayString::<13>::new();
        for piece in [
            two_digits(heading / 100),
            two_digits(heading),
            ".",
            pair(10_000),
            ".",
            pair(100),
            ".",
            pair(1),
        ] {
            text.push_str(piece);
        }
        let len = usize::from(self.len());
        let shown = len + usize::from(len > 4) + usize::from(len > 6) + usize::from(len > 8);
        ArrayString::from(text.get(..shown).unwrap_or_default()).unwrap_or_default()
    }
}

impl fmt::Debug for HsCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HsCode({self})")
    }
}

impl serde::Serialize for HsCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Its text directly: a code is in every charge a quote's JSON holds.
        serializer.serialize_str(&self.dotted())
    }
}

deserialize_from_text!(HsCode);

#[cfg(test)]
mod tests {
    use super::*;

    fn hs(s: &str) -> HsCode {
        s.parse().unwrap()
    }

    proptest::proptest! {
        #[test]
        fn a_code_displays_its_digits_with_a_dot_before_the_fifth_seventh_and_ninth(
            len in 2u8..=10,
            digits in 0u64..10_000_000_000,
        ) {
            let digits = digits % 10u64.pow(u32::from(len));
            let plain = format!("{digits:0width$}", width = usize::from(len));
            let mut dotted = String::new();
            for (i, c) in plain.chars().enumerate() {
                if i >= 4 && i % 2 == 0 {
                    dotted.push('.');
                }
                dotted.push(c);
            }
            let code = HsCode::from_digits(digits, len).unwrap();
            proptest::prop_assert_eq!(code.to_string(), dotted.clone());
            proptest::prop_assert_eq!(format!("{code:>14}"), format!("{dotted:>14}"));
            proptest::prop_assert_eq!(dotted.parse::<HsCode>().unwrap(), code);
        }
    }

    #[test]
    fn display_forms() {
        for (input, shown) in [
            ("64", "64"),
            ("6402", "6402"),
            ("640299", "6402.99"),
            ("64029990", "6402.99.90"),
            ("6402999000", "6402.99.90.00"),
            ("0101.21.00", "0101.21.00"),
            ("85414", "8541.4"),
            ("9903.88.15", "9903.88.15"),
        ] {
            assert_eq!(hs(input).to_string(), shown);
            assert_eq!(hs(shown), hs(input));
        }
    }

    #[test]
    fn a_code_is_one_word_ordered_by_digits_then_length() {
        assert_eq!(std::mem::size_of::<HsCode>(), 8);
        let mut codes = [
            "6402.99.90.00",
            "64",
            "6402.99",
            "6402",
            "0101",
            "9999.99.99.99",
            "01",
        ]
        .map(hs);
        codes.sort();
        let shown = codes.map(|c| c.to_string());
        assert_eq!(
            shown,
            [
                "01",
                "0101",
                "64",
                "6402",
                "6402.99",
                "6402.99.90.00",
                "9999.99.99.99"
            ]
        );
        let top = hs("9999.99.99.99");
        assert_eq!(
            (top.len(), top.digits(), top.chapter()),
            (10, 9_999_999_999, 99)
        );
    }

    #[test]
    fn rejects_bad_codes() {
        for bad in [
            "",
            "6",
            ".64",
            "64.",
            "64..02",
            "64a2",
            "64029990001",
            "６４０２",
            "-640",
        ] {
            assert!(bad.parse::<HsCode>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn ordering_is_tariff_order() {
        let mut codes = [
            hs("6403"),
            hs("6402.99.90"),
            hs("6402"),
            hs("6402.99"),
            hs("0101"),
        ];
        codes.sort();
        let shown: Vec<String> = codes.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["0101", "6402", "6402.99", "6402.99.90", "6403"]);
    }

    #[test]
    fn coverage() {
        assert!(hs("6402").covers(&hs("6402.99.90.00")));
        assert!(hs("6402.99.90").covers(&hs("6402.99.90")));
        assert!(!hs("6402.99.90").covers(&hs("6402.99")));
        assert!(!hs("64").covers(&hs("65")));
    }

    #[test]
    fn serde_as_text() {
        assert_eq!(
            serde_json::to_string(&hs("8471.30.01")).unwrap(),
            "\"8471.30.01\""
        );
        assert_eq!(
            serde_json::from_str::<HsCode>("\"84713001\"").unwrap(),
            hs("8471.30.01")
        );
    }
}
