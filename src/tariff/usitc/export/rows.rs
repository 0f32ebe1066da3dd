//! The rows of either form of the export made into lines: markup removed, codes and units
//! validated, and each line's context of headings and groupings.

use super::HtsExport;
use crate::error::Error;
use crate::hs::HsCode;
use crate::quantity::Unit;
use crate::tariff::hts::{HtsLine, HtsSchedule};
use crate::tariff::usitc::chapter99_references;

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

/// A row in either form, before validation.
pub(super) struct RawRow {
    pub(super) line: u64,
    pub(super) htsno: String,
    pub(super) indent: Option<usize>,
    pub(super) description: String,
    pub(super) units: Vec<String>,
    pub(super) general: String,
    pub(super) special: String,
    pub(super) other: String,
    pub(super) footnotes: String,
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
pub(super) fn strip_markup(text: &str) -> String {
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

/// The export of `rows`, with the `issues` found while reading them.
pub(super) fn build(rows: Vec<RawRow>, mut issues: Vec<Error>, name: &str) -> HtsExport {
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
        if let Some(line) = coded_line(&row, &description, name, &mut issues) {
            contexts.push((line.code(), context_of(&mut stack, &mut texts)));
            lines.push(line);
        }
        if stack.len() < MAX_DEPTH {
            stack.push(Level {
                indent,
                description,
                context: None,
            });
        } else {
            issues.push(issue(
                name,
                row.line,
                "indent",
                format!(
                    "the row is nested deeper than {MAX_DEPTH} levels of headings (the HTS \
                     uses 12); it is left out of the contexts of the lines below it"
                ),
            ));
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

/// The line of a row with an 8- or 10-digit code. `None` for a row of a heading or grouping
/// (no code, or 2, 4 or 6 digits), and for a malformed row, which is reported in `issues`.
fn coded_line(
    row: &RawRow,
    description: &str,
    name: &str,
    issues: &mut Vec<Error>,
) -> Option<HtsLine> {
    let code_text = row.htsno.trim();
    if code_text.is_empty() {
        return None;
    }
    let digits = code_text.chars().filter(char::is_ascii_digit).count();
    if digits != 8 && digits != 10 {
        if ![2, 4, 6].contains(&digits) {
            issues.push(issue(
                name,
                row.line,
                "htsno",
                format!("{code_text:?} is not an HTS number of 4, 6, 8 or 10 digits"),
            ));
        }
        return None;
    }
    let code = match code_text.parse::<HsCode>() {
        Ok(code) => code,
        Err(e) => {
            issues.push(issue(name, row.line, "htsno", e.to_string()));
            return None;
        }
    };
    let mut units = Vec::new();
    let mut valid = true;
    for text in &row.units {
        match Unit::parse_hts_units(text) {
            Ok(mut parsed) => units.append(&mut parsed),
            Err(e) => {
                valid = false;
                issues.push(issue(name, row.line, "units", e.to_string()));
            }
        }
    }
    // A row that fails validation is reported and not kept.
    valid.then(|| {
        HtsLine::new(
            code,
            description,
            row.general.trim(),
            row.special.trim(),
            row.other.trim(),
            units,
            chapter99_references(&row.footnotes),
        )
    })
}

/// A malformed row of the export `name`.
fn issue(name: &str, line: u64, field: &str, reason: String) -> Error {
    Error::Data {
        source_name: name.to_owned(),
        line,
        field: field.to_owned(),
        reason,
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
