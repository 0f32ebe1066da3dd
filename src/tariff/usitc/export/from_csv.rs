//! Reading the CSV export into rows.

use std::io::Read;

use super::rows::RawRow;
use super::HtsExport;
use crate::error::{Error, Result};

/// Reads the CSV export (see [`HtsExport::from_csv_reader`]).
pub(super) fn read<R: Read>(reader: R) -> Result<HtsExport> {
    const NAME: &str = "HTS CSV export";
    let mut csv = csv::ReaderBuilder::new().from_reader(crate::sniff::reader(NAME, reader)?);
    let headers = csv
        .headers()
        .map_err(|e| Error::Data {
            source_name: NAME.to_owned(),
            line: 1,
            field: String::new(),
            reason: e.to_string(),
        })?
        .clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}').trim() == name)
    };
    let require = |name: &str| {
        column(name).ok_or_else(|| Error::Data {
            source_name: NAME.to_owned(),
            line: 1,
            field: name.to_owned(),
            reason: "missing column in the HTS CSV export header".to_owned(),
        })
    };
    let code = require("HTS Number")?;
    let description = require("Description")?;
    let general = require("General Rate of Duty")?;
    let (indent, units, special, other, footnotes) = (
        column("Indent"),
        column("Unit of Quantity"),
        column("Special Rate of Duty"),
        column("Column 2 Rate of Duty"),
        column("Footnotes"),
    );
    let mut rows = Vec::new();
    let issues = Vec::new();
    let mut last_line = 1;
    for record in csv.records() {
        let record =
            record.map_err(|e| crate::tariff::usitc::structural_error(NAME, last_line, &e))?;
        last_line = record.position().map_or(last_line, csv::Position::line);
        let get = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").to_owned();
        let unit_text = get(units);
        rows.push(RawRow {
            line: record.position().map_or(0, csv::Position::line),
            htsno: get(Some(code)),
            indent: get(indent).trim().parse().ok(),
            description: get(Some(description)),
            units: split_units(&unit_text),
            general: get(Some(general)),
            special: get(special),
            other: get(other),
            footnotes: get(footnotes),
        });
    }
    Ok(super::rows::build(rows, issues, NAME))
}

/// Splits a CSV export's unit cell: `["No.","kg"]`, `No., kg` or `kg`.
fn split_units(text: &str) -> Vec<String> {
    let trimmed = text.trim();
    if trimmed.starts_with('[') {
        if let Ok(list) = serde_json::from_str::<Vec<String>>(trimmed) {
            return list;
        }
    }
    trimmed
        .trim_matches(['[', ']'])
        .split(',')
        .map(|u| u.trim().trim_matches('"').to_owned())
        .filter(|u| !u.is_empty())
        .collect()
}
