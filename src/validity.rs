//! [`Validity`]: the dates a rule is in force, one vocabulary for every dated rule of the data;
//! and how the crate writes a date in a quote's texts and JSON (chrono's ISO text, written on
//! the stack).

use std::fmt;

use arrayvec::ArrayString;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize, Serializer};

use crate::digits::two_digits;

/// The dates a rule is in force: from `from` (the first day, inclusive) until `until` (the first
/// day it no longer applies, exclusive), or with no end while `until` is `None`.
///
/// Every dated rule of the data reads the same way: a US measure, a product-list entry, a fee
/// year, a postal regime, a market's relief, tax or fixed charge. The data files write the two
/// dates `from`/`until` (the US measures `valid_from`/`valid_until`, which load as the same);
/// a rule in force on 1 January 2026 only is `{"from": "2026-01-01", "until": "2026-01-02"}`.
///
/// # Example
/// ```
/// use landed_cost::Validity;
/// let v = Validity::new("2025-05-14".parse()?, Some("2025-08-29".parse()?));
/// assert!(v.contains("2025-05-14".parse()?));   // the first day is in
/// assert!(v.contains("2025-08-28".parse()?));
/// assert!(!v.contains("2025-08-29".parse()?));  // `until` is the first day out
/// let open: Validity = serde_json::from_str(r#"{"from": "2025-04-05"}"#)?;
/// assert!(open.contains("2030-01-01".parse()?) && open.until.is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Validity {
    /// The first day in force.
    #[serde(alias = "valid_from")]
    pub from: NaiveDate,
    /// The first day no longer in force; `None` while it has no end.
    #[serde(default, alias = "valid_until")]
    pub until: Option<NaiveDate>,
}

impl Validity {
    /// In force from `from` (inclusive) until `until` (exclusive).
    ///
    /// # Example
    /// ```
    /// use landed_cost::Validity;
    /// let v = Validity::new("2026-01-01".parse()?, None);
    /// assert_eq!(v.from.to_string(), "2026-01-01");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn new(from: NaiveDate, until: Option<NaiveDate>) -> Validity {
        Validity { from, until }
    }

    /// In force from `from` through `last`, both days included (as a program's reported window
    /// is written).
    ///
    /// # Example
    /// ```
    /// use landed_cost::Validity;
    /// let april = Validity::through("2025-04-01".parse()?, Some("2025-04-30".parse()?));
    /// assert!(april.contains("2025-04-30".parse()?));
    /// assert_eq!(april.until.map(|d| d.to_string()), Some("2025-05-01".into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn through(from: NaiveDate, last: Option<NaiveDate>) -> Validity {
        // The day after the last date in range always exists but for NaiveDate::MAX, which then
        // has no end.
        Validity {
            from,
            until: last.and_then(|d| d.succ_opt()),
        }
    }

    /// Whether the rule is in force on `date`: `from <= date < until`.
    ///
    /// # Example
    /// ```
    /// use landed_cost::Validity;
    /// let fy2026 = Validity::new("2025-10-01".parse()?, Some("2026-10-01".parse()?));
    /// assert!(fy2026.contains("2026-09-30".parse()?) && !fy2026.contains("2026-10-01".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && self.until.is_none_or(|until| date < until)
    }
}

/// A date displayed as chrono's `Display` writes it ("2025-04-20"), from ten bytes on the stack
/// for the years 0 to 9999 (every date of the data and of a quote), instead of chrono's
/// character-by-character formatting; any other year is chrono's own text.
#[derive(Clone, Copy)]
pub(crate) struct IsoDate(pub(crate) NaiveDate);

impl IsoDate {
    /// The text "YYYY-MM-DD", or `None` for a year outside 0..=9999.
    fn text(self) -> Option<ArrayString<10>> {
        let year = u32::try_from(self.0.year()).ok().filter(|y| *y <= 9999)?;
        let mut text = ArrayString::new();
        for piece in [
            two_digits(year / 100),
            two_digits(year),
            "-",
            two_digits(self.0.month()),
            "-",
            two_digits(self.0.day()),
        ] {
            text.push_str(piece);
        }
        Some(text)
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.text() {
            // chrono writes a date whole, ignoring any width or precision: so does this.
            Some(text) => f.write_str(&text),
            None => fmt::Display::fmt(&self.0, f),
        }
    }
}

/// Serde (serializing only) for a date written as its ISO text, as chrono serializes it. Use as
/// `#[serde(serialize_with = "crate::validity::iso_date")]`.
pub(crate) fn iso_date<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    match IsoDate(*date).text() {
        Some(text) => s.serialize_str(&text),
        None => date.serialize(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn from_is_in_and_until_is_out() {
        let v = Validity::new(day("2025-04-05"), Some(day("2025-04-09")));
        assert!(!v.contains(day("2025-04-04")));
        assert!(v.contains(day("2025-04-05")));
        assert!(v.contains(day("2025-04-08")));
        assert!(!v.contains(day("2025-04-09")));
        assert!(Validity::new(day("2025-04-05"), None).contains(NaiveDate::MAX));
    }

    #[test]
    fn through_includes_its_last_day() {
        let v = Validity::through(day("2025-04-11"), Some(day("2026-04-10")));
        assert!(v.contains(day("2026-04-10")) && !v.contains(day("2026-04-11")));
        assert_eq!(Validity::through(day("2025-04-11"), None).until, None);
        // The last representable day has no successor: the range is then open.
        assert!(Validity::through(day("2025-04-11"), Some(NaiveDate::MAX)).contains(NaiveDate::MAX));
    }

    #[test]
    fn the_us_spellings_load_as_the_same() {
        let a: Validity =
            serde_json::from_str(r#"{"from":"2025-03-04","until":"2025-04-10"}"#).unwrap();
        let b: Validity =
            serde_json::from_str(r#"{"valid_from":"2025-03-04","valid_until":"2025-04-10"}"#)
                .unwrap();
        assert_eq!(a, b);
        assert_eq!(
            serde_json::to_value(a).unwrap(),
            serde_json::json!({"from": "2025-03-04", "until": "2025-04-10"})
        );
    }

    #[test]
    fn a_date_displays_and_serializes_as_chrono_writes_it() {
        let dates = [
            NaiveDate::MIN,
            NaiveDate::MAX,
            day("0000-01-01"),
            day("0999-12-31"),
            day("2025-04-05"),
            day("2026-12-01"),
            day("9999-12-31"),
            NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(-1, 6, 9).unwrap(),
        ];
        for d in dates {
            assert_eq!(IsoDate(d).to_string(), d.to_string());
            assert_eq!(format!("{:>12}", IsoDate(d)), format!("{d:>12}"));
            let mut ours = serde_json::Serializer::new(Vec::new());
            iso_date(&d, &mut ours).unwrap();
            assert_eq!(ours.into_inner(), serde_json::to_vec(&d).unwrap());
        }
        let mut d = day("2024-12-25");
        while d < day("2027-01-10") {
            assert_eq!(IsoDate(d).to_string(), d.to_string());
            d = d.succ_opt().unwrap();
        }
    }
}
