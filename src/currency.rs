//! ISO 4217 currencies and their minor units.
//!
//! The table is generated from the official ISO 4217 list (`data/iso4217/list-one.xml`) by
//! `cargo run -p datagen --bin currencies`; see `data/iso4217/SOURCE.md`.

use std::fmt;
use std::str::FromStr;

use crate::input::truncate;

macro_rules! define_currencies {
    ($( $id:ident = $code:literal, $numeric:literal, $minor:literal, $name:literal; )*) => {
        /// An active ISO 4217 currency with a minor unit.
        ///
        /// `Copy`, displayed, parsed and serialized as its three-letter code. The enum is
        /// `#[non_exhaustive]` because ISO adds and withdraws codes.
        ///
        /// # Example
        /// ```
        /// use landed_cost::Currency;
        /// let cny: Currency = "CNY".parse()?;
        /// assert_eq!(cny, Currency::CNY);
        /// assert_eq!(cny.minor_units(), 2);
        /// assert_eq!(Currency::JPY.minor_units(), 0);
        /// assert_eq!(Currency::KWD.minor_units(), 3);
        /// assert_eq!(cny.to_string(), "CNY");
        /// assert!("XYZ".parse::<Currency>().is_err());
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Currency {
            $(
                #[doc = concat!($name, " (ISO 4217 ", $code, ", numeric ", stringify!($numeric), ", ", stringify!($minor), " minor units)")]
                $id,
            )*
        }

        impl Currency {
            /// Every currency in the table, ordered by code.
            ///
            /// # Example
            /// ```
            /// use landed_cost::Currency;
            /// assert!(Currency::all().contains(&Currency::EUR));
            /// assert!(Currency::all().windows(2).all(|w| w[0].code() < w[1].code()));
            /// assert_eq!(Currency::all().len(), 165);
            /// ```
            #[must_use]
            pub const fn all() -> &'static [Currency] {
                &[$(Currency::$id,)*]
            }

            /// The three-letter ISO 4217 code.
            ///
            /// # Example
            /// ```
            /// assert_eq!(landed_cost::Currency::USD.code(), "USD");
            /// ```
            #[must_use]
            pub const fn code(self) -> &'static str {
                match self { $(Currency::$id => $code,)* }
            }

            /// The number of digits after the decimal point of the minor unit (cents: 2).
            ///
            /// # Example
            /// ```
            /// use landed_cost::Currency;
            /// assert_eq!(Currency::USD.minor_units(), 2);
            /// assert_eq!(Currency::VND.minor_units(), 0);
            /// assert_eq!(Currency::BHD.minor_units(), 3);
            /// assert_eq!(Currency::CLF.minor_units(), 4);
            /// ```
            #[must_use]
            pub const fn minor_units(self) -> u32 {
                match self { $(Currency::$id => $minor,)* }
            }

            /// The ISO 4217 numeric code.
            ///
            /// # Example
            /// ```
            /// assert_eq!(landed_cost::Currency::CNY.numeric(), 156);
            /// ```
            #[must_use]
            pub const fn numeric(self) -> u16 {
                match self { $(Currency::$id => $numeric,)* }
            }

            /// The ISO 4217 currency name.
            ///
            /// # Example
            /// ```
            /// assert_eq!(landed_cost::Currency::CNY.name(), "Yuan Renminbi");
            /// ```
            #[must_use]
            pub const fn name(self) -> &'static str {
                match self { $(Currency::$id => $name,)* }
            }

            /// The publication date of the ISO 4217 list this table was generated from.
            ///
            /// # Example
            /// ```
            /// assert_eq!(landed_cost::Currency::iso_list_published(), "2026-01-01");
            /// ```
            #[must_use]
            pub const fn iso_list_published() -> &'static str {
                ISO_4217_PUBLISHED
            }
        }
    };
}

include!("money/currency_table.rs");

/// Why a text is not a [`Currency`]; once converted into the crate's error (with `?` or `From`)
/// a [`crate::Error::UnknownCurrency`] or [`crate::Error::CurrencyWithoutMinorUnit`].
///
/// # Example
/// ```
/// use landed_cost::{money::CurrencyError, Currency, Error};
/// assert!(matches!("ZZZ".parse::<Currency>(), Err(CurrencyError::Unknown { .. })));
/// let gold = "XAU".parse::<Currency>().unwrap_err();
/// assert!(matches!(Error::from(gold), Error::CurrencyWithoutMinorUnit { code: "XAU", .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CurrencyError {
    /// A code that is not an active ISO 4217 code.
    #[error(
        "unknown currency code {code:?}: use an active ISO 4217 alphabetic code such as USD, EUR or CNY"
    )]
    Unknown {
        /// The code as given (truncated to 200 characters).
        code: String,
    },
    /// An ISO 4217 code that exists but has no minor unit (gold, SDR, the test code, ...).
    #[error(
        "{code} ({name}) has no minor unit in ISO 4217 and cannot be used as a money currency; \
         price the goods in a national currency instead"
    )]
    WithoutMinorUnit {
        /// The code.
        code: &'static str,
        /// Its ISO name.
        name: &'static str,
    },
}

impl FromStr for Currency {
    type Err = CurrencyError;

    /// Parses a three-letter code, case-insensitively ("cny" is CNY).
    fn from_str(s: &str) -> Result<Self, CurrencyError> {
        let trimmed = s.trim();
        // Three letters, upper-cased on the stack, found by a binary search of the codes in
        // order (every shipment, rate table and market rule names a currency).
        if let Ok(letters) = <[u8; 3]>::try_from(trimmed.as_bytes()) {
            let upper = letters.map(|b| b.to_ascii_uppercase());
            let all = Currency::all();
            if let Ok(i) = all.binary_search_by(|c| c.code().as_bytes().cmp(upper.as_slice())) {
                if let Some(currency) = all.get(i) {
                    return Ok(*currency);
                }
            }
        }
        let upper = trimmed.to_ascii_uppercase();
        if let Some(&(code, name)) = CODES_WITHOUT_MINOR_UNIT
            .iter()
            .find(|(code, _)| *code == upper)
        {
            return Err(CurrencyError::WithoutMinorUnit { code, name });
        }
        Err(CurrencyError::Unknown {
            code: truncate(trimmed),
        })
    }
}

impl TryFrom<&str> for Currency {
    type Error = CurrencyError;

    fn try_from(s: &str) -> Result<Self, CurrencyError> {
        s.parse()
    }
}

impl AsRef<str> for Currency {
    fn as_ref(&self) -> &str {
        self.code()
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.code())
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

serde_as_text!(Currency);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_minor_units() {
        for (code, units) in [
            ("JPY", 0),
            ("KRW", 0),
            ("VND", 0),
            ("CLP", 0),
            ("BHD", 3),
            ("KWD", 3),
            ("JOD", 3),
            ("OMR", 3),
            ("TND", 3),
            ("LYD", 3),
            ("IQD", 3),
            ("CLF", 4),
            ("UYW", 4),
            ("USD", 2),
            ("EUR", 2),
            ("CNY", 2),
        ] {
            let c: Currency = code.parse().unwrap();
            assert_eq!(c.minor_units(), units, "{code}");
        }
    }

    #[test]
    fn unknown_and_unit_less_codes_are_errors() {
        assert!(matches!(
            "ABC".parse::<Currency>(),
            Err(CurrencyError::Unknown { .. })
        ));
        assert!(matches!(
            "XAU".parse::<Currency>(),
            Err(CurrencyError::WithoutMinorUnit { code: "XAU", .. })
        ));
        assert!("".parse::<Currency>().is_err());
        assert!("USDX".parse::<Currency>().is_err());
        assert!("€".parse::<Currency>().is_err());
    }

    #[test]
    fn case_insensitive_and_serde_by_code() {
        assert_eq!("usd".parse::<Currency>().unwrap(), Currency::USD);
        assert_eq!(serde_json::to_string(&Currency::HKD).unwrap(), "\"HKD\"");
        let c: Currency = serde_json::from_str("\"MOP\"").unwrap();
        assert_eq!(c, Currency::MOP);
        assert!(serde_json::from_str::<Currency>("\"ZZZ\"").is_err());
    }

    /// The binary search finds every code of the table, in any case and with spaces around it.
    #[test]
    fn every_code_parses_in_any_case() {
        for c in Currency::all() {
            let code = c.code();
            assert_eq!(code.parse::<Currency>().unwrap(), *c);
            assert_eq!(code.to_ascii_lowercase().parse::<Currency>().unwrap(), *c);
            assert_eq!(format!(" {code} ").parse::<Currency>().unwrap(), *c);
        }
    }

    #[test]
    fn table_is_sorted_and_unique() {
        assert!(Currency::all()
            .windows(2)
            .all(|w| w[0].code() < w[1].code()));
        assert!(Currency::all().len() > 150);
    }
}
