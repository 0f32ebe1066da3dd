//! How the US rule files are read: JSON whose errors name the file and line, and the checks
//! the lists kept by country (`column2.json`, `import_prohibitions.json`) share (each country
//! once, an entry's `until` after its `since`).

use chrono::NaiveDate;

use crate::country::CountryCode;
use crate::error::{Error, Result};

/// Reads the JSON of the file named `name`.
pub(super) fn parse<T: serde::de::DeserializeOwned>(
    reader: impl std::io::Read,
    name: &str,
) -> Result<T> {
    serde_json::from_reader(crate::sniff::reader(name, reader)?).map_err(|e| Error::Data {
        source_name: name.to_owned(),
        line: u64::try_from(e.line()).unwrap_or(0),
        field: String::new(),
        reason: e.to_string(),
    })
}

/// Checks entries given as (country, since, until), in the order of the file named `name`
/// whose list is `field`.
pub(super) fn check(
    name: &str,
    field: &str,
    entries: impl Iterator<Item = (CountryCode, Option<NaiveDate>, Option<NaiveDate>)>,
) -> Result<()> {
    let mut seen: Vec<CountryCode> = Vec::new();
    for (country, since, until) in entries {
        let invalid = |reason: String| Error::Data {
            source_name: name.to_owned(),
            line: 0,
            field: format!("{field} ({country})"),
            reason,
        };
        if seen.contains(&country) {
            return Err(invalid(
                "listed twice: give each country one entry".to_owned(),
            ));
        }
        seen.push(country);
        if let (Some(since), Some(until)) = (since, until) {
            if until <= since {
                return Err(invalid(format!(
                    "until ({until}) must be after since ({since})"
                )));
            }
        }
    }
    Ok(())
}

/// Whether an entry from `since` (none: before the data) until `until` (none: still) holds on
/// `date`.
pub(super) fn holds_on(
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
    date: NaiveDate,
) -> bool {
    since.is_none_or(|s| s <= date) && until.is_none_or(|u| date < u)
}
