//! [`CountryCode`]: ISO 3166-1 alpha-2 country codes.

use std::fmt;
use std::str::FromStr;

use crate::input::truncate;

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
    /// Russia.
    pub const RU: CountryCode = CountryCode(*b"RU");
    /// Belarus.
    pub const BY: CountryCode = CountryCode(*b"BY");
    /// Cuba.
    pub const CU: CountryCode = CountryCode(*b"CU");
    /// North Korea.
    pub const KP: CountryCode = CountryCode(*b"KP");
    /// Iran.
    pub const IR: CountryCode = CountryCode(*b"IR");

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

    /// Whether the code is one of the 249 officially assigned ISO 3166-1 alpha-2 codes: `ZZ`
    /// (user-assigned) and `UK` (reserved; the United Kingdom is `GB`) parse as codes but are not.
    ///
    /// # Example
    /// ```
    /// use landed_cost::CountryCode;
    /// assert!(CountryCode::GB.is_assigned());
    /// assert!(!"UK".parse::<CountryCode>()?.is_assigned());
    /// assert!(!"ZZ".parse::<CountryCode>()?.is_assigned());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_assigned(self) -> bool {
        let [a, b] = self.0;
        if !a.is_ascii_uppercase() || !b.is_ascii_uppercase() {
            return false;
        }
        let n = usize::from(a - b'A') * 26 + usize::from(b - b'A');
        ASSIGNED_BITS
            .get(n / 64)
            .is_some_and(|word| word >> (n % 64) & 1 == 1)
    }
}

/// [`ASSIGNED`] as one bit for each of the 676 pairs of capital letters (the first letter's
/// place × 26 + the second's), so that checking a code is a shift instead of a search; every
/// shipment's importer and origin are checked.
const ASSIGNED_BITS: [u64; 11] = assigned_bits();

/// Sets the bit of each assigned code, when the crate is compiled.
// Evaluated at compile time only, where an index out of range is a build error, not a panic.
#[allow(clippy::indexing_slicing)]
const fn assigned_bits() -> [u64; 11] {
    let mut bits = [0u64; 11];
    let mut i = 0;
    while i < ASSIGNED.len() {
        let [a, b] = ASSIGNED[i];
        let n = (a - b'A') as usize * 26 + (b - b'A') as usize;
        bits[n / 64] |= 1 << (n % 64);
        i += 1;
    }
    bits
}

/// The 249 officially assigned ISO 3166-1 alpha-2 codes, sorted (ISO 3166 Maintenance Agency,
/// Online Browsing Platform, "officially assigned" code elements). Reserved elements such as
/// `UK`, `EU` and `EZ` and the user-assigned ones (`XK`, `ZZ`) are not among them.
const ASSIGNED: [[u8; 2]; 249] = [
    *b"AD", *b"AE", *b"AF", *b"AG", *b"AI", *b"AL", *b"AM", *b"AO", *b"AQ", *b"AR", *b"AS", *b"AT",
    *b"AU", *b"AW", *b"AX", *b"AZ", *b"BA", *b"BB", *b"BD", *b"BE", *b"BF", *b"BG", *b"BH", *b"BI",
    *b"BJ", *b"BL", *b"BM", *b"BN", *b"BO", *b"BQ", *b"BR", *b"BS", *b"BT", *b"BV", *b"BW", *b"BY",
    *b"BZ", *b"CA", *b"CC", *b"CD", *b"CF", *b"CG", *b"CH", *b"CI", *b"CK", *b"CL", *b"CM", *b"CN",
    *b"CO", *b"CR", *b"CU", *b"CV", *b"CW", *b"CX", *b"CY", *b"CZ", *b"DE", *b"DJ", *b"DK", *b"DM",
    *b"DO", *b"DZ", *b"EC", *b"EE", *b"EG", *b"EH", *b"ER", *b"ES", *b"ET", *b"FI", *b"FJ", *b"FK",
    *b"FM", *b"FO", *b"FR", *b"GA", *b"GB", *b"GD", *b"GE", *b"GF", *b"GG", *b"GH", *b"GI", *b"GL",
    *b"GM", *b"GN", *b"GP", *b"GQ", *b"GR", *b"GS", *b"GT", *b"GU", *b"GW", *b"GY", *b"HK", *b"HM",
    *b"HN", *b"HR", *b"HT", *b"HU", *b"ID", *b"IE", *b"IL", *b"IM", *b"IN", *b"IO", *b"IQ", *b"IR",
    *b"IS", *b"IT", *b"JE", *b"JM", *b"JO", *b"JP", *b"KE", *b"KG", *b"KH", *b"KI", *b"KM", *b"KN",
    *b"KP", *b"KR", *b"KW", *b"KY", *b"KZ", *b"LA", *b"LB", *b"LC", *b"LI", *b"LK", *b"LR", *b"LS",
    *b"LT", *b"LU", *b"LV", *b"LY", *b"MA", *b"MC", *b"MD", *b"ME", *b"MF", *b"MG", *b"MH", *b"MK",
    *b"ML", *b"MM", *b"MN", *b"MO", *b"MP", *b"MQ", *b"MR", *b"MS", *b"MT", *b"MU", *b"MV", *b"MW",
    *b"MX", *b"MY", *b"MZ", *b"NA", *b"NC", *b"NE", *b"NF", *b"NG", *b"NI", *b"NL", *b"NO", *b"NP",
    *b"NR", *b"NU", *b"NZ", *b"OM", *b"PA", *b"PE", *b"PF", *b"PG", *b"PH", *b"PK", *b"PL", *b"PM",
    *b"PN", *b"PR", *b"PS", *b"PT", *b"PW", *b"PY", *b"QA", *b"RE", *b"RO", *b"RS", *b"RU", *b"RW",
    *b"SA", *b"SB", *b"SC", *b"SD", *b"SE", *b"SG", *b"SH", *b"SI", *b"SJ", *b"SK", *b"SL", *b"SM",
    *b"SN", *b"SO", *b"SR", *b"SS", *b"ST", *b"SV", *b"SX", *b"SY", *b"SZ", *b"TC", *b"TD", *b"TF",
    *b"TG", *b"TH", *b"TJ", *b"TK", *b"TL", *b"TM", *b"TN", *b"TO", *b"TR", *b"TT", *b"TV", *b"TW",
    *b"TZ", *b"UA", *b"UG", *b"UM", *b"US", *b"UY", *b"UZ", *b"VA", *b"VC", *b"VE", *b"VG", *b"VI",
    *b"VN", *b"VU", *b"WF", *b"WS", *b"YE", *b"YT", *b"ZA", *b"ZM", *b"ZW",
];

/// Why a text is not a [`CountryCode`]; a [`crate::Error::Parse`] once converted with `?` or
/// `From` into the crate's error.
///
/// # Example
/// ```
/// use landed_cost::{country::CountryCodeError, CountryCode, Error};
/// let e: CountryCodeError = "China".parse::<CountryCode>().unwrap_err();
/// assert!(e.to_string().contains("two letters"));
/// assert!(matches!(Error::from(e), Error::Parse { what: "country code", .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot parse {input:?} as country code: {reason}")]
pub struct CountryCodeError {
    pub(crate) input: String,
    pub(crate) reason: String,
}

impl FromStr for CountryCode {
    type Err = CountryCodeError;

    fn from_str(s: &str) -> Result<Self, CountryCodeError> {
        match s.trim().as_bytes() {
            [a, b] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => Ok(CountryCode([
                a.to_ascii_uppercase(),
                b.to_ascii_uppercase(),
            ])),
            _ => Err(CountryCodeError {
                input: truncate(s),
                reason: "expected an ISO 3166-1 alpha-2 code of two letters, such as CN, HK or US"
                    .to_owned(),
            }),
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

    /// The bits say what a search of the list says, for every pair of letters (either case)
    /// and for pairs that are not letters.
    #[test]
    fn the_bits_of_assigned_codes_are_the_list() {
        let bytes = (b'0'..=b'9').chain(b'A'..=b'Z').chain(b'a'..=b'z');
        for a in bytes.clone() {
            for b in bytes.clone() {
                let code = CountryCode([a, b]);
                let listed = ASSIGNED.binary_search(&[a, b]).is_ok();
                assert_eq!(code.is_assigned(), listed, "{:?}", [a, b]);
            }
        }
        let set = ASSIGNED_BITS.iter().map(|w| w.count_ones()).sum::<u32>();
        assert_eq!(set as usize, ASSIGNED.len());
    }

    #[test]
    fn assigned_codes() {
        assert!(ASSIGNED.windows(2).all(|w| w.first() < w.last()));
        for code in ["CN", "HK", "MO", "US", "VN", "DE", "SS", "CW"] {
            assert!(code.parse::<CountryCode>().unwrap().is_assigned(), "{code}");
        }
        for code in ["UK", "ZZ", "EU", "XK", "AA", "QZ"] {
            assert!(
                !code.parse::<CountryCode>().unwrap().is_assigned(),
                "{code}"
            );
        }
    }

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
