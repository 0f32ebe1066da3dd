//! [`HtsExport`]: the official HTS export (JSON or CSV).

use std::io::Read;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::hs::HsCode;
use crate::quantity::Unit;
use crate::tariff::hts::{HtsLine, HtsSchedule};
use crate::tariff::usitc::chapter99_references;

/// The HTS as exported by the USITC HTS search site, JSON or CSV.
///
/// Keeps every 8- and 10-digit line and chapter-99 heading with its description, units, general,
/// special and column 2 rate texts, and the chapter-99 headings its footnotes refer to
/// ("See 9903.88.15."); 10-digit lines inherit their 8-digit line's rates and references (see
/// [`HtsSchedule::from_lines`]). Each line's description is the published one; [`HtsExport::context`]
/// gives the hierarchy of descriptions above it.
///
/// # Example
/// ```
/// use landed_cost::tariff::usitc::HtsExport;
/// let json = r#"[
///   {"htsno":"6402","indent":"0","description":"Other footwear:","units":[],"general":"","special":"","other":"","footnotes":[]},
///   {"htsno":"6402.99.90","indent":"2","description":"Valued over $12/pair","units":[],"general":"20%","special":"Free (AU)","other":"35%",
///    "footnotes":[{"columns":["general"],"value":"See 9903.88.15. ","type":"endnote"}]},
///   {"htsno":"6402.99.90.00","indent":"3","description":"Other","units":["prs."],"general":"","special":"","other":"","footnotes":[]}
/// ]"#;
/// let export = HtsExport::from_json_reader(json.as_bytes())?;
/// let line = export.get(&"6402.99.90.00".parse()?).unwrap();
/// assert_eq!(line.general(), "20%");
/// assert_eq!(line.references()[0].to_string(), "9903.88.15");
/// assert!(export.issues().is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct HtsExport {
    schedule: HtsSchedule,
    /// Each coded line's context, as an index into `texts`, by code.
    contexts: Vec<(HsCode, usize)>,
    /// The distinct contexts: lines under the same grouping share one.
    texts: Vec<String>,
    issues: Vec<Error>,
}

/// The most levels of headings and groupings kept above a line. The HTS nests at most 12 (its
/// indents run 0 to 11); deeper rows are reported and left out of the contexts.
const MAX_DEPTH: usize = 24;

/// The longest context kept, in bytes (the longest in the 2025 and 2026 exports is about
/// 1,150); a longer one is cut at a character boundary and ends with "…".
const MAX_CONTEXT: usize = 4096;

/// One heading or grouping above the current row.
struct Level {
    indent: usize,
    description: String,
    /// The context of the lines directly under this level, once one needed it.
    context: Option<usize>,
}

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

#[derive(Deserialize)]
struct JsonFootnote {
    #[serde(default)]
    columns: Vec<String>,
    #[serde(default)]
    value: String,
}

/// A row in either form, before validation.
struct RawRow {
    line: u64,
    htsno: String,
    indent: Option<usize>,
    description: String,
    units: Vec<String>,
    general: String,
    special: String,
    other: String,
    footnotes: String,
}

impl RawRow {
    /// Removes the inline markup some exports carry in their texts (`m<sup>2</sup>`,
    /// `<i>Camelidae</i>`, `<il>6.8 kg</il>`, `<br />`): the other exports publish the same
    /// texts without it.
    fn strip_markup(&mut self) {
        for text in [
            &mut self.description,
            &mut self.general,
            &mut self.special,
            &mut self.other,
            &mut self.footnotes,
        ]
        .into_iter()
        .chain(self.units.iter_mut())
        {
            if text.contains('<') {
                *text = strip_markup(text);
            }
        }
    }
}

/// `text` without its markup tags: each `<` that opens a tag (`<x`, `</x`, with `x` a letter)
/// up to the next `>`. A `<` that opens no tag, or a tag never closed, is kept as text.
fn strip_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let (before, tag) = rest.split_at(open);
        out.push_str(before);
        let name = tag.trim_start_matches('<').trim_start_matches('/');
        match tag.find('>') {
            Some(close) if name.starts_with(|c: char| c.is_ascii_alphabetic()) => {
                rest = tag.get(close + 1..).unwrap_or_default();
            }
            _ => {
                out.push('<');
                rest = tag.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    out
}

impl HtsExport {
    /// Reads the JSON export (an array of entries with `htsno`, `indent`, `description`,
    /// `units`, `general`, `special`, `other` and `footnotes`).
    ///
    /// # Errors
    /// [`Error::Data`] if the text is not a JSON array of such entries (a truncated file is
    /// not); [`Error::UnsupportedEncoding`] for a gzip or UTF-16 file (a UTF-8 byte-order mark
    /// is skipped); [`Error::TruncatedInput`] if the stream fails part-way. Entries with a
    /// malformed code or unit are reported in [`HtsExport::issues`] and not kept; the rest
    /// loads.
    ///
    /// # Example
    /// See [`HtsExport`].
    pub fn from_json_reader<R: Read>(mut reader: R) -> Result<HtsExport> {
        let mut read = Vec::new();
        reader
            .read_to_end(&mut read)
            .map_err(|e| Error::TruncatedInput {
                what: "HTS JSON export".to_owned(),
                line: 0,
                reason: e.to_string(),
            })?;
        let bytes = crate::sniff::bytes("HTS JSON export", &read)?;
        // Fast path: every entry well formed. Otherwise read entry by entry to report the bad ones.
        let entries: Vec<std::result::Result<JsonEntry, serde_json::Error>> =
            match serde_json::from_slice::<Vec<JsonEntry>>(bytes) {
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
            };
        let mut issues = Vec::new();
        let mut rows = Vec::with_capacity(entries.len());
        for (index, entry) in entries.into_iter().enumerate() {
            let line = u64::try_from(index + 1).unwrap_or(u64::MAX);
            match entry {
                Ok(entry) => rows.push(RawRow {
                    line,
                    htsno: entry.htsno.unwrap_or_default(),
                    indent: entry.indent.as_ref().and_then(|v| match v {
                        serde_json::Value::String(s) => s.trim().parse().ok(),
                        serde_json::Value::Number(n) => {
                            n.as_u64().and_then(|n| usize::try_from(n).ok())
                        }
                        _ => None,
                    }),
                    description: entry.description.unwrap_or_default(),
                    units: entry.units.unwrap_or_default(),
                    general: entry.general.unwrap_or_default(),
                    special: entry.special.unwrap_or_default(),
                    other: entry.other.unwrap_or_default(),
                    footnotes: entry
                        .footnotes
                        .unwrap_or_default()
                        .into_iter()
                        .filter(|f| {
                            f.columns.is_empty()
                                || f.columns.iter().any(|c| c == "general" || c == "desc")
                        })
                        .map(|f| f.value)
                        .collect::<Vec<_>>()
                        .join(" "),
                }),
                Err(e) => issues.push(Error::Data {
                    source_name: "HTS JSON export".to_owned(),
                    line,
                    field: String::new(),
                    reason: format!("entry {line}: {e}"),
                }),
            }
        }
        Ok(Self::from_rows(
            rows,
            issues,
            "HTS JSON export (entry number)",
        ))
    }

    /// Reads a JSON export file (see [`HtsExport::from_json_reader`]).
    ///
    /// # Errors
    /// [`Error::Io`] if the file cannot be opened; otherwise as [`HtsExport::from_json_reader`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::usitc::HtsExport;
    /// assert!(HtsExport::from_json_path("no/such/hts.json").is_err());
    /// ```
    pub fn from_json_path(path: impl AsRef<Path>) -> Result<HtsExport> {
        Self::from_json_reader(std::io::BufReader::new(crate::error::open_file(
            path.as_ref(),
        )?))
    }

    /// Reads the CSV export, with the columns `HTS Number`, `Indent`, `Description`,
    /// `Unit of Quantity`, `General Rate of Duty`, `Special Rate of Duty`,
    /// `Column 2 Rate of Duty` and, if present, `Footnotes`. Units may be written as a JSON-style
    /// list (`["No.","kg"]`) or as plain text separated by commas.
    ///
    /// # Errors
    /// [`Error::Data`] if a required column is missing; [`Error::UnsupportedEncoding`] for a
    /// gzip or UTF-16 file (a UTF-8 byte-order mark is skipped); [`Error::TruncatedInput`] if the
    /// stream fails part-way; [`Error::RaggedRow`] for a row whose number of fields differs from
    /// the header's. Rows with a malformed code or unit are reported in [`HtsExport::issues`]
    /// and not kept; the rest loads.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::usitc::HtsExport;
    /// let csv = "HTS Number,Indent,Description,Unit of Quantity,General Rate of Duty,Special Rate of Duty,Column 2 Rate of Duty,Footnotes\n\
    ///            6402.99.90,2,Valued over $12/pair,,20%,Free (AU),35%,See 9903.88.15.\n\
    ///            6402.99.90.00,3,Other,\"[\"\"prs.\"\"]\",,,,\n\
    ///            64x2,3,Bad,,,,,\n";
    /// let export = HtsExport::from_csv_reader(csv.as_bytes())?;
    /// assert_eq!(export.get(&"6402.99.90.00".parse()?).unwrap().general(), "20%");
    /// assert_eq!(export.issues().len(), 1); // the malformed code, with its line
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_csv_reader<R: Read>(reader: R) -> Result<HtsExport> {
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
            let record = record.map_err(|e| super::structural_error(NAME, last_line, &e))?;
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
        Ok(Self::from_rows(rows, issues, NAME))
    }

    /// Reads a CSV export file (see [`HtsExport::from_csv_reader`]).
    ///
    /// # Errors
    /// [`Error::Io`] if the file cannot be opened; otherwise as [`HtsExport::from_csv_reader`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::usitc::HtsExport;
    /// assert!(HtsExport::from_csv_path("no/such/hts.csv").is_err());
    /// ```
    pub fn from_csv_path(path: impl AsRef<Path>) -> Result<HtsExport> {
        Self::from_csv_reader(crate::error::open_file(path.as_ref())?)
    }

    fn from_rows(rows: Vec<RawRow>, mut issues: Vec<Error>, name: &str) -> HtsExport {
        let mut lines = Vec::new();
        let mut contexts = Vec::new();
        let mut texts: Vec<String> = Vec::new();
        // The headings and groupings above the current row, at most `MAX_DEPTH`.
        let mut stack: Vec<Level> = Vec::new();
        for mut row in rows {
            row.strip_markup();
            let indent = row.indent.unwrap_or(0);
            while stack.last().is_some_and(|l| l.indent >= indent) {
                stack.pop();
            }
            let description = row
                .description
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let code_text = row.htsno.trim();
            let digits = code_text.chars().filter(char::is_ascii_digit).count();
            if !code_text.is_empty() && (digits == 8 || digits == 10) {
                match code_text.parse::<HsCode>() {
                    Ok(code) => {
                        let mut units = Vec::new();
                        let mut valid = true;
                        for text in &row.units {
                            match Unit::parse_hts_units(text) {
                                Ok(mut parsed) => units.append(&mut parsed),
                                Err(e) => {
                                    valid = false;
                                    issues.push(Error::Data {
                                        source_name: name.to_owned(),
                                        line: row.line,
                                        field: "units".to_owned(),
                                        reason: e.to_string(),
                                    });
                                }
                            }
                        }
                        // A row that fails validation is reported and not kept.
                        if valid {
                            contexts.push((code, context_of(&mut stack, &mut texts)));
                            lines.push(HtsLine::new(
                                code,
                                &description,
                                row.general.trim(),
                                row.special.trim(),
                                row.other.trim(),
                                units,
                                chapter99_references(&row.footnotes),
                            ));
                        }
                    }
                    Err(e) => issues.push(Error::Data {
                        source_name: name.to_owned(),
                        line: row.line,
                        field: "htsno".to_owned(),
                        reason: e.to_string(),
                    }),
                }
            } else if !code_text.is_empty() && ![2, 4, 6].contains(&digits) {
                issues.push(Error::Data {
                    source_name: name.to_owned(),
                    line: row.line,
                    field: "htsno".to_owned(),
                    reason: format!("{code_text:?} is not an HTS number of 4, 6, 8 or 10 digits"),
                });
            }
            if stack.len() < MAX_DEPTH {
                stack.push(Level {
                    indent,
                    description,
                    context: None,
                });
            } else {
                issues.push(Error::Data {
                    source_name: name.to_owned(),
                    line: row.line,
                    field: "indent".to_owned(),
                    reason: format!(
                        "the row is nested deeper than {MAX_DEPTH} levels of headings (the HTS \
                         uses 12); it is left out of the contexts of the lines below it"
                    ),
                });
            }
        }
        contexts.sort_by_key(|(code, _)| *code);
        contexts.dedup_by_key(|(code, _)| *code);
        HtsExport {
            schedule: HtsSchedule::from_lines(lines),
            contexts,
            texts,
            issues,
        }
    }

    /// The line for a code (a 10-digit code not in the export falls back to its 8-digit line).
    ///
    /// # Example
    /// See [`HtsExport`].
    #[must_use]
    pub fn get(&self, code: &HsCode) -> Option<&HtsLine> {
        self.schedule.line_for(code)
    }

    /// The chapter-99 heading with this code.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::usitc::HtsExport;
    /// let json = r#"[{"htsno":"9903.88.15","indent":"1","description":"Articles the product of China ...","general":"The duty provided in the applicable subheading + 7.5%"}]"#;
    /// let export = HtsExport::from_json_reader(json.as_bytes())?;
    /// assert!(export.chapter99(&"9903.88.15".parse()?).unwrap().general().ends_with("7.5%"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn chapter99(&self, code: &HsCode) -> Option<&HtsLine> {
        self.schedule.chapter99(code)
    }

    /// The descriptions of the headings and groupings above a line, outermost first, joined by
    /// " › " ("Other footwear with outer soles and uppers of rubber or plastics: › Other
    /// footwear: › Other:").
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::usitc::HtsExport;
    /// let json = r#"[{"htsno":"0101","indent":"0","description":"Live horses:"},
    ///                {"htsno":"","indent":"1","description":"Horses:"},
    ///                {"htsno":"0101.21.00","indent":"2","description":"Purebred","general":"Free"}]"#;
    /// let export = HtsExport::from_json_reader(json.as_bytes())?;
    /// assert_eq!(export.context(&"0101.21.00".parse()?), Some("Live horses: › Horses:"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn context(&self, code: &HsCode) -> Option<&str> {
        self.contexts
            .binary_search_by_key(code, |(c, _)| *c)
            .ok()
            .and_then(|i| self.contexts.get(i))
            .and_then(|(_, text)| self.texts.get(*text))
            .map(String::as_str)
    }

    /// The resolved lines.
    ///
    /// # Example
    /// See [`HtsSchedule`].
    #[must_use]
    pub fn schedule(&self) -> &HtsSchedule {
        &self.schedule
    }

    /// The lines, giving up the rest.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::usitc::HtsExport;
    /// let export = HtsExport::from_json_reader("[]".as_bytes())?;
    /// assert!(export.into_schedule().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn into_schedule(self) -> HtsSchedule {
        self.schedule
    }

    /// The malformed rows that were skipped or partly read, each an [`Error::Data`] with its line
    /// (the entry number in a JSON export), field and reason.
    ///
    /// # Example
    /// See [`HtsExport::from_csv_reader`].
    #[must_use]
    pub fn issues(&self) -> &[Error] {
        &self.issues
    }
}

/// The context of a line under the current stack: built once per grouping (the lines under one
/// heading share it), at most `MAX_CONTEXT` bytes.
fn context_of(stack: &mut [Level], texts: &mut Vec<String>) -> usize {
    if let Some(id) = stack.last().and_then(|l| l.context) {
        return id;
    }
    let mut text = String::new();
    for (i, level) in stack.iter().enumerate() {
        if i > 0 {
            text.push_str(" › ");
        }
        text.push_str(&level.description);
        if text.len() > MAX_CONTEXT {
            let mut cut = MAX_CONTEXT;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.truncate(cut);
            text.push('…');
            break;
        }
    }
    let id = texts.len();
    texts.push(text);
    if let Some(top) = stack.last_mut() {
        top.context = Some(id);
    }
    id
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_entries_are_reported_and_the_rest_loads() {
        let json = r#"[
            {"htsno": 640299, "description": "a number where text belongs"},
            {"htsno": "6402.99.9", "indent": "2", "description": "seven digits", "general": "20%"},
            {"htsno": "6402.99.90", "indent": "2", "description": "bad unit", "general": "20%", "units": ["bogus unit"]},
            {"htsno": "6402.99.30", "indent": "2", "description": "fine", "general": "20%", "units": ["prs."]}
        ]"#;
        let export = HtsExport::from_json_reader(json.as_bytes()).unwrap();
        assert_eq!(export.schedule().len(), 1);
        assert!(export.get(&"6402.99.90".parse().unwrap()).is_none());
        let lines: Vec<(u64, &str)> = export
            .issues()
            .iter()
            .map(|e| match e {
                Error::Data { line, field, .. } => (*line, field.as_str()),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(lines, [(1, ""), (2, "htsno"), (3, "units")]);
        assert!(HtsExport::from_json_reader(&b"{not json"[..]).is_err());
    }

    /// Some exports (2025 revisions 4, 6, 10 and 14, 2026 revision 9) carry inline markup in
    /// their texts; it is read as the other exports publish the same lines.
    #[test]
    fn inline_markup_is_read_as_plain_text() {
        let json = r#"[
            {"htsno": "0208.60.00.00", "indent": "1", "description": "Of camels and other camelids (<i>Camelidae</i>)<nl/>",
             "units": ["m<sup style=\"x\">2</sup>", "<il>doz. prs.</il>"], "general": "2.5% <u></u>", "other": "$1.27/m<sup>3</sup>",
             "footnotes": [{"columns": ["general"], "value": "See <i>9903.88.15</i>."}]}
        ]"#;
        let export = HtsExport::from_json_reader(json.as_bytes()).unwrap();
        assert!(export.issues().is_empty(), "{:?}", export.issues());
        let line = export.get(&"0208.60.00.00".parse().unwrap()).unwrap();
        assert_eq!(
            line.description(),
            "Of camels and other camelids (Camelidae)"
        );
        assert_eq!(line.general(), "2.5%");
        assert_eq!(line.other(), "$1.27/m3");
        assert_eq!(line.units().len(), 2);
        assert_eq!(line.references(), &["9903.88.15".parse().unwrap()]);
        for (text, plain) in [
            ("a < b and c > d", "a < b and c > d"),
            ("x<y", "x<y"),
            ("<b>unclosed", "unclosed"),
            ("<b unclosed", "<b unclosed"),
            ("down,<br /> feathers", "down, feathers"),
            ("4 < 5", "4 < 5"),
        ] {
            assert_eq!(strip_markup(text), plain, "{text}");
        }
    }
}
