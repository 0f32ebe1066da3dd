//! [`CountryCode`]: ISO 3166-1 alpha-2 country codes.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};

/// An ISO 3166-1 alpha-2 country code ("CN", "HK", "US"), validated as two ASCII letters and
/// held upper-case. `Copy`; displayed, parsed and serialized as the code.
///
/// # Example
/// ```
/// use landed_cost::CountryCode;
/// let cn: CountryCode = "cn".parse()?;
/// assert_eq!(cn, CountryCode::CN);
/// assert_eq!(cn.to_string(), "CN");
/// assert!("C1".parse::<CountryCode>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    /// China.
    pub const CN: CountryCode = CountryCode(*b"CN");
    /// Hong Kong.
    pub const HK: CountryCode = CountryCode(*b"HK");
    /// Macau.
    pub const MO: CountryCode = CountryCode(*b"MO");
    /// The United States.
    pub const US: CountryCode = CountryCode(*b"US");
    /// The United Kingdom.
    pub const GB: CountryCode = CountryCode(*b"GB");
    /// Canada.
    pub const CA: CountryCode = CountryCode(*b"CA");
    /// Mexico.
    pub const MX: CountryCode = CountryCode(*b"MX");
    /// Vietnam.
    pub const VN: CountryCode = CountryCode(*b"VN");

    /// The two-letter code.
    ///
    /// # Example
    /// ```
    /// assert_eq!(landed_cost::CountryCode::HK.as_str(), "HK");
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl FromStr for CountryCode {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s.trim().as_bytes() {
            [a, b] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => Ok(CountryCode([
                a.to_ascii_uppercase(),
                b.to_ascii_uppercase(),
            ])),
            _ => Err(Error::parse(
                "country code",
                s,
                "expected an ISO 3166-1 alpha-2 code of two letters, such as CN, HK or US",
            )),
        }
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl fmt::Debug for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

serde_as_text!(CountryCode);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_serde() {
        assert_eq!("hk".parse::<CountryCode>().unwrap(), CountryCode::HK);
        for bad in ["", "C", "CHN", "C1", "中国"] {
            assert!(bad.parse::<CountryCode>().is_err(), "{bad}");
        }
        assert_eq!(serde_json::to_string(&CountryCode::CN).unwrap(), "\"CN\"");
        assert_eq!(
            serde_json::from_str::<CountryCode>("\"MO\"").unwrap(),
            CountryCode::MO
        );
    }
}
