//! Readers for the official USITC files, as users download them.
//!
//! * [`TariffDatabase`]: the annual tariff database (`tariff_database_YYYY.csv`): every 8-digit
//!   line with its MFN and column 2 rates as text and decomposed, units and dates.
//! * [`HtsExport`]: the HTS export (JSON, or CSV) from the HTS search site: every heading, 8- and
//!   10-digit line and chapter-99 heading, with footnotes naming the chapter-99 measures.
//!
//! Both report rows that fail validation (line, field, reason) in
//! [`issues`](TariffDatabase::issues) and load the rest; a file that cannot be read to its end
//! (a truncated download or archive), that is not a table (a row with more or fewer fields than
//! the header), that is compressed or UTF-16, or that lacks a required column, is an error.

mod database;
mod export;
mod reference;

pub use database::{TariffDatabase, TariffLine};
pub use export::HtsExport;
pub(crate) use reference::parse_rate;
pub use reference::split_reference;

use crate::error::Error;
use crate::hs::HsCode;

/// A CSV reading error that makes the whole file unusable: the stream failing part-way
/// ([`Error::TruncatedInput`]), a row of another width than the header ([`Error::RaggedRow`]),
/// or text that is not UTF-8 ([`Error::Data`]). `last_line` is the last line read completely.
pub(crate) fn structural_error(name: &str, last_line: u64, e: &csv::Error) -> Error {
    match e.kind() {
        csv::ErrorKind::Io(io) => Error::TruncatedInput {
            what: name.to_owned(),
            line: last_line,
            reason: io.to_string(),
        },
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => Error::RaggedRow {
            source_name: name.to_owned(),
            line: pos.as_ref().map_or(last_line + 1, csv::Position::line),
            expected: usize::try_from(*expected_len).unwrap_or(usize::MAX),
            found: usize::try_from(*len).unwrap_or(usize::MAX),
        },
        _ => crate::error::csv_error(name, e),
    }
}

/// Every chapter-99 code ("9903.88.15") mentioned in a footnote text, in order of appearance.
pub(crate) fn chapter99_references(text: &str) -> Vec<HsCode> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut i = 0;
    while let Some(window) = bytes.get(i..i + 10) {
        let is_code = window.iter().enumerate().all(|(k, b)| match k {
            4 | 7 => *b == b'.',
            _ => b.is_ascii_digit(),
        });
        let bounded = i == 0 || !bytes.get(i - 1).is_some_and(u8::is_ascii_digit);
        let ends = !bytes.get(i + 10).is_some_and(u8::is_ascii_digit);
        if is_code && bounded && ends && window.starts_with(b"99") {
            if let Some(code) = text.get(i..i + 10).and_then(|s| s.parse::<HsCode>().ok()) {
                if seen.insert(code) {
                    found.push(code);
                }
            }
            i += 10;
        } else {
            i += 1;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_references() {
        let refs = chapter99_references(
            "See 9903.88.03, 9903.88.21, 9903.88.22 and 9817.57.01.\u{a0} See 9903.88.03.",
        );
        let shown: Vec<String> = refs.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["9903.88.03", "9903.88.21", "9903.88.22"]);
        assert!(chapter99_references("note 20(g)").is_empty());
        assert!(chapter99_references("19903.88.031").is_empty());
        assert!(chapter99_references("").is_empty());
        assert!(chapter99_references("é9903.88.15").len() == 1);
    }
}
