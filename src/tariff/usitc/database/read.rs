//! Reading the annual database CSV: the header, then each row validated field by field, its
//! issues reported.

use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{TariffDatabase, TariffLine};
use crate::error::{Error, Result};
use crate::hs::HsCode;
use crate::money::parse_plain_decimal;
use crate::quantity::Unit;
use crate::tariff::DutyRate;

/// The columns every annual database file has.
const REQUIRED: [&str; 5] = [
    "hts8",
    "brief_description",
    "mfn_text_rate",
    "quantity_1_code",
    "quantity_2_code",
];

/// Reads the annual database CSV from `reader`, named `name` in errors (see
/// [`TariffDatabase::from_csv_reader`]).
pub(super) fn read<R: Read>(reader: R, name: &str) -> Result<TariffDatabase> {
    let mut csv = csv::ReaderBuilder::new().from_reader(crate::sniff::reader(name, reader)?);
    let headers = csv.headers().map_err(|e| Error::Data {
        source_name: name.to_owned(),
        line: 1,
        field: String::new(),
        reason: e.to_string(),
    })?;
    let index: HashMap<String, usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| (h.trim_start_matches('\u{feff}').trim().to_owned(), i))
        .collect();
    if let Some(missing) = REQUIRED.iter().find(|c| !index.contains_key(**c)) {
        return Err(Error::Data {
            source_name: name.to_owned(),
            line: 1,
            field: (*missing).to_owned(),
            reason: "missing column: is this the USITC annual tariff database CSV?".to_owned(),
        });
    }
    let mut lines = Vec::with_capacity(13_000);
    let mut issues = Vec::new();
    let mut last_line = 1;
    for record in csv.records() {
        let record =
            record.map_err(|e| crate::tariff::usitc::structural_error(name, last_line, &e))?;
        let line = record.position().map_or(0, csv::Position::line);
        last_line = line;
        let row = Row {
            index: &index,
            record: &record,
            name,
            line,
            issues: &mut issues,
            rejected: false,
        };
        if let Some(tariff_line) = row.read() {
            lines.push(tariff_line);
        }
    }
    lines.sort_by_key(|l| (l.hts8, l.begin));
    Ok(TariffDatabase { lines, issues })
}

/// One record of the database being read: its fields by column name, and the issues it
/// reports.
struct Row<'a> {
    index: &'a HashMap<String, usize>,
    record: &'a csv::StringRecord,
    name: &'a str,
    line: u64,
    issues: &'a mut Vec<Error>,
    /// Whether a field failed validation: the row is then reported and not kept.
    rejected: bool,
}

impl<'a> Row<'a> {
    /// The trimmed text of a field (empty if the column or the field is absent).
    fn get(&self, field: &str) -> &'a str {
        self.index
            .get(field)
            .and_then(|i| self.record.get(*i))
            .unwrap_or("")
            .trim()
    }

    /// Reports a field, rejecting the row if `reject`.
    fn report(&mut self, field: &str, reason: String, reject: bool) {
        self.rejected |= reject;
        self.issues.push(Error::Data {
            source_name: self.name.to_owned(),
            line: self.line,
            field: field.to_owned(),
            reason,
        });
    }

    /// The line of the row, or `None` if a field failed validation (each failure is reported).
    fn read(mut self) -> Option<TariffLine> {
        let hts8 = self.code()?;
        let units = self.units();
        let (ad, specific, other) = (
            self.number("mfn_ad_val_rate"),
            self.number("mfn_specific_rate"),
            self.number("mfn_other_rate"),
        );
        let (begin, end) = self.dates();
        let mfn_text = self.get("mfn_text_rate");
        let mfn = self.mfn(mfn_text, ad);
        if self.rejected {
            return None;
        }
        Some(TariffLine {
            hts8,
            description: self.get("brief_description").to_owned(),
            units,
            mfn_text: mfn_text.to_owned(),
            mfn_rate_type: self.get("mfn_rate_type_code").to_owned(),
            mfn_ad_valorem: ad,
            mfn_specific: specific,
            mfn_other: other,
            column2_text: self.get("col2_text_rate").to_owned(),
            begin,
            end,
            mfn: mfn.map_or_else(OnceLock::new, OnceLock::from),
        })
    }

    /// The 8-digit code (a malformed code is reported, and nothing else of the row is read).
    fn code(&mut self) -> Option<HsCode> {
        let code_text = self.get("hts8");
        match code_text.parse::<HsCode>() {
            Ok(code) if code.len() == 8 => Some(code),
            Ok(_) => {
                self.report(
                    "hts8",
                    format!("{code_text:?} does not have 8 digits"),
                    true,
                );
                None
            }
            Err(e) => {
                self.report("hts8", e.to_string(), true);
                None
            }
        }
    }

    /// The units of quantity of `quantity_1_code` and `quantity_2_code` ("NA" and empty are
    /// none).
    fn units(&mut self) -> Vec<Unit> {
        let mut units = Vec::with_capacity(2);
        for field in ["quantity_1_code", "quantity_2_code"] {
            match Unit::from_usitc_code(self.get(field)) {
                Ok(Some(unit)) => units.push(unit),
                Ok(None) => {}
                Err(e) => self.report(field, e.to_string(), true),
            }
        }
        units
    }

    /// A number field; empty and USITC's placeholder `9999.999999` are none.
    fn number(&mut self, field: &str) -> Option<Decimal> {
        let text = self.get(field);
        if text.is_empty() || text == "9999.999999" {
            return None;
        }
        match parse_plain_decimal(text) {
            Ok(n) => Some(n),
            Err(reason) => {
                self.report(field, reason, true);
                None
            }
        }
    }

    /// The begin and end dates, an end before the begin reported.
    fn dates(&mut self) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let (begin, end) = (
            self.date("begin_effect_date"),
            self.date("end_effective_date"),
        );
        if let (Some(b), Some(e)) = (begin, end) {
            if e < b {
                self.report(
                    "end_effective_date",
                    format!(
                        "{e} is before the begin_effect_date {b}: is a field missing or shifted?"
                    ),
                    true,
                );
            }
        }
        (begin, end)
    }

    /// A date field in USITC's `M/D/YY` form; empty is none.
    fn date(&mut self, field: &str) -> Option<NaiveDate> {
        let text = self.get(field);
        if text.is_empty() {
            return None;
        }
        let parsed = parse_usitc_date(text);
        if parsed.is_none() {
            self.report(
                field,
                format!("{text:?} is not a date in the form M/D/YY"),
                true,
            );
        }
        parsed
    }

    /// The parsed MFN rate text (`None` for an empty text: a line without a rate, whose `mfn`
    /// says so when asked). A text that does not parse is reported and rejects the row; one
    /// that contradicts the row's `mfn_ad_val_rate` is reported and kept.
    fn mfn(&mut self, mfn_text: &str, ad: Option<Decimal>) -> Option<Result<DutyRate>> {
        let mfn =
            (!mfn_text.is_empty()).then(|| crate::tariff::usitc::reference::parse_rate(mfn_text));
        match &mfn {
            None => {}
            Some(Err(e)) => self.report("mfn_text_rate", e.to_string(), true),
            Some(Ok(rate)) => {
                if let (Some(text), Some(column)) = (rate.ad_valorem_rate(), ad) {
                    if text.fraction() != column {
                        self.report(
                            "mfn_ad_val_rate",
                            format!(
                                "{column} contradicts the rate text {mfn_text:?} ({} as a \
                                 fraction); the text is used",
                                text.fraction().normalize()
                            ),
                            false,
                        );
                    }
                }
            }
        }
        mfn
    }
}

/// Parses USITC's `M/D/YY` dates: two-digit years 00 to 50 are 20YY (`12/31/50` means "until
/// changed"), 51 to 99 are 19YY (the database's lines begin from 1/1/89, the first HTS).
fn parse_usitc_date(text: &str) -> Option<NaiveDate> {
    let mut parts = text.split('/');
    let (Some(m), Some(d), Some(y), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
    };
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    let y: i32 = y.parse().ok()?;
    let year = match y {
        0..=50 => 2000 + y,
        51..=99 => 1900 + y,
        _ => y,
    };
    NaiveDate::from_ymd_opt(year, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usitc_dates() {
        for (text, date) in [
            ("4/10/25", (2025, 4, 10)),
            ("12/31/50", (2050, 12, 31)),
            ("2025-01-01", (2025, 1, 1)),
            ("1/1/89", (1989, 1, 1)),
            ("7/1/99", (1999, 7, 1)),
        ] {
            let (y, m, d) = date;
            assert_eq!(
                parse_usitc_date(text),
                NaiveDate::from_ymd_opt(y, m, d),
                "{text}"
            );
        }
        assert_eq!(parse_usitc_date("13/1/25"), None);
        assert_eq!(parse_usitc_date("1/1"), None);
    }
}
