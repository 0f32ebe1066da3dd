//! Reading the JSON export into rows.

use std::io::Read;

use serde::Deserialize;

use super::rows::RawRow;
use super::HtsExport;
use crate::error::{Error, Result};

/// One entry of the JSON export (fields the crate reads; others are ignored).
#[derive(Deserialize)]
struct JsonEntry {
    #[serde(default)]
    htsno: Option<String>,
    #[serde(default)]
    indent: Option<serde_json::Value>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    units: Option<Vec<String>>,
    #[serde(default)]
    general: Option<String>,
    #[serde(default)]
    special: Option<String>,
    #[serde(default)]
    other: Option<String>,
    #[serde(default)]
    footnotes: Option<Vec<JsonFootnote>>,
}

/// One footnote of an entry.
#[derive(Deserialize)]
struct JsonFootnote {
    #[serde(default)]
    columns: Vec<String>,
    #[serde(default)]
    value: String,
}

/// Reads the JSON export (see [`HtsExport::from_json_reader`]).
pub(super) fn read<R: Read>(mut reader: R) -> Result<HtsExport> {
    let mut read = Vec::new();
    reader
        .read_to_end(&mut read)
        .map_err(|e| Error::TruncatedInput {
            what: "HTS JSON export".to_owned(),
            line: 0,
            reason: e.to_string(),
        })?;
    let bytes = crate::sniff::bytes("HTS JSON export", &read)?;
    let entries = entries(bytes)?;
    let mut issues = Vec::new();
    let mut rows = Vec::with_capacity(entries.len());
    for (index, entry) in entries.into_iter().enumerate() {
        let line = u64::try_from(index + 1).unwrap_or(u64::MAX);
        match entry {
            Ok(entry) => rows.push(entry.into_row(line)),
            Err(e) => issues.push(Error::Data {
                source_name: "HTS JSON export".to_owned(),
                line,
                field: String::new(),
                reason: format!("entry {line}: {e}"),
            }),
        }
    }
    Ok(super::rows::build(
        rows,
        issues,
        "HTS JSON export (entry number)",
    ))
}

/// The entries of the export, each read or failed on its own.
///
/// Fast path: every entry well formed. Otherwise the array is read entry by entry to report
/// the bad ones.
fn entries(bytes: &[u8]) -> Result<Vec<std::result::Result<JsonEntry, serde_json::Error>>> {
    Ok(match serde_json::from_slice::<Vec<JsonEntry>>(bytes) {
        Ok(entries) => entries.into_iter().map(Ok).collect(),
        Err(_) => serde_json::from_slice::<Vec<serde_json::Value>>(bytes)
            .map_err(|e| Error::Data {
                source_name: "HTS JSON export".to_owned(),
                line: u64::try_from(e.line()).unwrap_or(0),
                field: String::new(),
                reason: format!("{e}; expected the JSON array the HTS site exports"),
            })?
            .into_iter()
            .map(serde_json::from_value::<JsonEntry>)
            .collect(),
    })
}

impl JsonEntry {
    /// The entry as row `line` (its entry number): absent fields empty, the indent read from a
    /// string or a number, and the footnotes of the general rate and description joined.
    fn into_row(self, line: u64) -> RawRow {
        RawRow {
            line,
            htsno: self.htsno.unwrap_or_default(),
            indent: self.indent.as_ref().and_then(|v| match v {
                serde_json::Value::String(s) => s.trim().parse().ok(),
                serde_json::Value::Number(n) => n.as_u64().and_then(|n| usize::try_from(n).ok()),
                _ => None,
            }),
            description: self.description.unwrap_or_default(),
            units: self.units.unwrap_or_default(),
            general: self.general.unwrap_or_default(),
            special: self.special.unwrap_or_default(),
            other: self.other.unwrap_or_default(),
            footnotes: self
                .footnotes
                .unwrap_or_default()
                .into_iter()
                .filter(|f| {
                    f.columns.is_empty() || f.columns.iter().any(|c| c == "general" || c == "desc")
                })
                .map(|f| f.value)
                .collect::<Vec<_>>()
                .join(" "),
        }
    }
}
