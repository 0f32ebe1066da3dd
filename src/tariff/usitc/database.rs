//! [`TariffDatabase`]: the USITC annual tariff database (CSV).

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::sync::OnceLock;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::hs::HsCode;
use crate::money::parse_plain_decimal;
use crate::quantity::Unit;
use crate::tariff::DutyRate;

/// One 8-digit line of the annual tariff database.
///
/// # Example
/// ```
/// use landed_cost::tariff::usitc::TariffDatabase;
/// let csv = "hts8,brief_description,quantity_1_code,quantity_2_code,mfn_text_rate,mfn_rate_type_code,mfn_ad_val_rate,mfn_specific_rate,mfn_other_rate,col2_text_rate,begin_effect_date,end_effective_date\n\
///            64029990,\"Footwear, rubber/plastics, over $12/pair\",PRS,,20%,7,0.2,0,0,35%,1/1/23,12/31/50\n";
/// let db = TariffDatabase::from_csv_reader(csv.as_bytes())?;
/// let line = db.get(&"6402.99.90".parse()?).unwrap();
/// assert_eq!(line.mfn()?.to_string(), "20%");
/// assert_eq!(line.units().len(), 1);
/// assert_eq!(line.mfn_ad_valorem(), Some("0.2".parse()?));
/// assert_eq!(line.begin_effective_date().map(|d| d.to_string()), Some("2023-01-01".into()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct TariffLine {
    hts8: HsCode,
    description: String,
    units: Vec<Unit>,
    mfn_text: String,
    mfn_rate_type: String,
    mfn_ad_valorem: Option<Decimal>,
    mfn_specific: Option<Decimal>,
    mfn_other: Option<Decimal>,
    column2_text: String,
    begin: Option<NaiveDate>,
    end: Option<NaiveDate>,
    mfn: OnceLock<Result<DutyRate>>,
}

impl PartialEq for TariffLine {
    fn eq(&self, other: &TariffLine) -> bool {
        self.hts8 == other.hts8
            && self.description == other.description
            && self.units == other.units
            && self.mfn_text == other.mfn_text
            && self.mfn_rate_type == other.mfn_rate_type
            && self.mfn_ad_valorem == other.mfn_ad_valorem
            && self.mfn_specific == other.mfn_specific
            && self.mfn_other == other.mfn_other
            && self.column2_text == other.column2_text
            && self.begin == other.begin
            && self.end == other.end
    }
}

impl TariffLine {
    /// The 8-digit HTS code.
    ///
    /// # Example
    /// See [`TariffLine`].
    #[must_use]
    pub fn hts8(&self) -> HsCode {
        self.hts8
    }

    /// The brief description.
    ///
    /// # Example
    /// See [`TariffLine`].
    #[must_use]
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The quantity units (Q1, then Q2 when there is one).
    ///
    /// # Example
    /// See [`TariffLine`].
    #[must_use]
    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    /// The MFN ("General") rate as published.
    ///
    /// # Example
    /// See [`TariffLine`].
    #[must_use]
    pub fn mfn_text(&self) -> &str {
        &self.mfn_text
    }

    /// The parenthetical reference printed after the MFN rate, if any ("see U.S. note 2 of this
    /// subchapter"): [`TariffLine::mfn`] reads the rate before it.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::usitc::TariffDatabase;
    /// let csv = "hts8,brief_description,quantity_1_code,quantity_2_code,mfn_text_rate,mfn_rate_type_code,mfn_ad_val_rate,mfn_specific_rate,mfn_other_rate,col2_text_rate,begin_effect_date,end_effective_date\n\
    ///            98010010,Products of the United States returned,NO,,Free (see U.S. note 2 of this subchapter),0,0,0,0,Free,1/1/23,12/31/50\n";
    /// let db = TariffDatabase::from_csv_reader(csv.as_bytes())?;
    /// assert!(db.issues().is_empty(), "{:?}", db.issues());
    /// let line = db.get(&"9801.00.10".parse()?).unwrap();
    /// assert_eq!(line.mfn()?.to_string(), "Free");
    /// assert_eq!(line.mfn_note(), Some("see U.S. note 2 of this subchapter"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn mfn_note(&self) -> Option<&str> {
        super::split_reference(&self.mfn_text).1
    }

    /// The MFN rate parsed (once, then cached).
    ///
    /// # Errors
    /// [`Error::Parse`] if the text is not a rate form the parser knows. A text that is not a
    /// formula parses into a non-computable [`DutyRate`] whose `duty` is the error.
    ///
    /// # Example
    /// See [`TariffLine`].
    pub fn mfn(&self) -> Result<&DutyRate> {
        self.mfn
            .get_or_init(|| super::reference::parse_rate(&self.mfn_text))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// USITC's rate type code (`0` free ... `7` ad valorem, `9`, `K`, `X`, `T`; DOMAIN.md §6).
    ///
    /// # Example
    /// See [`TariffLine`].
    #[must_use]
    pub fn mfn_rate_type(&self) -> &str {
        &self.mfn_rate_type
    }

    /// USITC's ad valorem part as a fraction (`None` for the "not computable" 9999.999999).
    ///
    /// # Example
    /// See [`TariffLine`].
    #[must_use]
    pub fn mfn_ad_valorem(&self) -> Option<Decimal> {
        self.mfn_ad_valorem
    }

    /// USITC's specific part in dollars per Q1 unit (`None` when not computable).
    ///
    /// # Example
    /// See [`TariffLine`].
    #[must_use]
    pub fn mfn_specific(&self) -> Option<Decimal> {
        self.mfn_specific
    }

    /// USITC's other part in dollars per Q2 unit (`None` when not computable).
    ///
    /// # Example
    /// See [`TariffLine`].
    #[must_use]
    pub fn mfn_other(&self) -> Option<Decimal> {
        self.mfn_other
    }

    /// The column 2 rate as published.
    ///
    /// # Example
    /// See [`TariffLine`].
    #[must_use]
    pub fn column2_text(&self) -> &str {
        &self.column2_text
    }

    /// The first day the line is in effect.
    ///
    /// # Example
    /// See [`TariffLine`].
    #[must_use]
    pub fn begin_effective_date(&self) -> Option<NaiveDate> {
        self.begin
    }

    /// The last day the line is in effect (USITC writes 12/31/50 for "until changed").
    ///
    /// # Example
    /// See [`TariffLine`].
    #[must_use]
    pub fn end_effective_date(&self) -> Option<NaiveDate> {
        self.end
    }
}

/// The USITC annual tariff database: every 8-digit HTS line with its MFN and column 2 rates.
///
/// # Example
/// ```
/// use landed_cost::tariff::usitc::TariffDatabase;
/// let csv = "hts8,brief_description,quantity_1_code,quantity_2_code,mfn_text_rate,mfn_rate_type_code,mfn_ad_val_rate,mfn_specific_rate,mfn_other_rate,col2_text_rate,begin_effect_date,end_effective_date\n\
///            64029990,Footwear,PRS,,20%,7,0.2,0,0,35%,1/1/23,12/31/50\n\
///            6402999,Bad code,PRS,,20%,7,0.2,0,0,35%,1/1/23,12/31/50\n\
///            64029930,Footwear,XYZ,,20%,7,0.2,0,0,35%,1/1/23,12/31/50\n";
/// let db = TariffDatabase::from_csv_reader(csv.as_bytes())?;
/// assert_eq!(db.len(), 1);            // the bad code and the unknown unit are skipped
/// assert_eq!(db.issues().len(), 2);   // and reported
/// assert!(db.issues()[0].to_string().contains("line 3"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TariffDatabase {
    lines: Vec<TariffLine>,
    issues: Vec<Error>,
}

const REQUIRED: [&str; 5] = [
    "hts8",
    "brief_description",
    "mfn_text_rate",
    "quantity_1_code",
    "quantity_2_code",
];

impl TariffDatabase {
    /// Reads the annual database CSV (a leading byte-order mark is allowed).
    ///
    /// # Errors
    /// [`Error::Data`] if the header lacks a required column (`hts8`, `brief_description`,
    /// `mfn_text_rate`, `quantity_1_code`, `quantity_2_code`);
    /// [`Error::UnsupportedEncoding`] for a gzip or UTF-16 file; [`Error::TruncatedInput`] if the
    /// stream fails part-way (a truncated download or archive); [`Error::RaggedRow`] for a row with
    /// more or fewer fields than the header. A row that fails validation (a bad code, unit,
    /// number or date, a rate text that does not parse, an end date before its begin date) is
    /// reported in [`TariffDatabase::issues`] and not kept; a rate text that contradicts the
    /// row's own `mfn_ad_val_rate` is reported and kept.
    ///
    /// # Example
    /// See [`TariffDatabase`].
    pub fn from_csv_reader<R: Read>(reader: R) -> Result<TariffDatabase> {
        Self::read(reader, "USITC tariff database")
    }

    /// Reads the annual database from a file (see [`TariffDatabase::from_csv_reader`]).
    ///
    /// # Errors
    /// [`Error::Io`] if the file cannot be opened; otherwise as
    /// [`TariffDatabase::from_csv_reader`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::usitc::TariffDatabase;
    /// assert!(TariffDatabase::from_csv_path("no/such/tariff_database_2025.csv").is_err());
    /// ```
    pub fn from_csv_path(path: impl AsRef<Path>) -> Result<TariffDatabase> {
        let path = path.as_ref();
        let file = crate::error::open_file(path)?;
        Self::read(std::io::BufReader::new(file), &path.display().to_string())
    }

    fn read<R: Read>(reader: R, name: &str) -> Result<TariffDatabase> {
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
        let col = |name: &str| index.get(name).copied();
        let mut lines = Vec::with_capacity(13_000);
        let mut issues = Vec::new();
        let mut last_line = 1;
        for record in csv.records() {
            let record = record.map_err(|e| super::structural_error(name, last_line, &e))?;
            let line = record.position().map_or(0, csv::Position::line);
            last_line = line;
            let get = |field: &str| col(field).and_then(|i| record.get(i)).unwrap_or("").trim();
            // Whether a field failed validation: the row is then reported and not kept.
            let mut rejected = false;
            let mut report = |field: &str, reason: String, reject: bool| {
                rejected |= reject;
                issues.push(Error::Data {
                    source_name: name.to_owned(),
                    line,
                    field: field.to_owned(),
                    reason,
                });
            };
            let code_text = get("hts8");
            let hts8 = match code_text.parse::<HsCode>() {
                Ok(code) if code.len() == 8 => code,
                Ok(_) => {
                    report(
                        "hts8",
                        format!("{code_text:?} does not have 8 digits"),
                        true,
                    );
                    continue;
                }
                Err(e) => {
                    report("hts8", e.to_string(), true);
                    continue;
                }
            };
            let mut units = Vec::with_capacity(2);
            for field in ["quantity_1_code", "quantity_2_code"] {
                match Unit::from_usitc_code(get(field)) {
                    Ok(Some(unit)) => units.push(unit),
                    Ok(None) => {}
                    Err(e) => report(field, e.to_string(), true),
                }
            }
            let mut number = |field: &str| -> Option<Decimal> {
                let text = get(field);
                if text.is_empty() || text == "9999.999999" {
                    return None;
                }
                match parse_plain_decimal(text) {
                    Ok(n) => Some(n),
                    Err(reason) => {
                        report(field, reason, true);
                        None
                    }
                }
            };
            let (ad, specific, other) = (
                number("mfn_ad_val_rate"),
                number("mfn_specific_rate"),
                number("mfn_other_rate"),
            );
            let mut date = |field: &str| -> Option<NaiveDate> {
                let text = get(field);
                if text.is_empty() {
                    return None;
                }
                let parsed = parse_usitc_date(text);
                if parsed.is_none() {
                    report(
                        field,
                        format!("{text:?} is not a date in the form M/D/YY"),
                        true,
                    );
                }
                parsed
            };
            let (begin, end) = (date("begin_effect_date"), date("end_effective_date"));
            if let (Some(b), Some(e)) = (begin, end) {
                if e < b {
                    report(
                        "end_effective_date",
                        format!("{e} is before the begin_effect_date {b}: is a field missing or shifted?"),
                        true,
                    );
                }
            }
            let mfn_text = get("mfn_text_rate");
            // An empty text is a line without a rate (its `mfn` says so when asked).
            let mfn = (!mfn_text.is_empty()).then(|| super::reference::parse_rate(mfn_text));
            match &mfn {
                None => {}
                Some(Err(e)) => report("mfn_text_rate", e.to_string(), true),
                Some(Ok(rate)) => {
                    if let (Some(text), Some(column)) = (rate.ad_valorem_rate(), ad) {
                        if text.fraction() != column {
                            report(
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
            if rejected {
                continue;
            }
            lines.push(TariffLine {
                hts8,
                description: get("brief_description").to_owned(),
                units,
                mfn_text: mfn_text.to_owned(),
                mfn_rate_type: get("mfn_rate_type_code").to_owned(),
                mfn_ad_valorem: ad,
                mfn_specific: specific,
                mfn_other: other,
                column2_text: get("col2_text_rate").to_owned(),
                begin,
                end,
                mfn: mfn.map_or_else(OnceLock::new, OnceLock::from),
            });
        }
        lines.sort_by_key(|l| (l.hts8, l.begin));
        Ok(TariffDatabase { lines, issues })
    }

    /// Every row for a code's 8-digit line, oldest first. A few lines have several rows with
    /// different effective dates (9903.01.63 was 84% on 9 April 2025 and 125% from 10 April).
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::usitc::TariffDatabase;
    /// let csv = "hts8,brief_description,mfn_text_rate,quantity_1_code,quantity_2_code,begin_effect_date,end_effective_date\n\
    ///            99030163,China,The duty provided in the applicable subheading + 125%,,,4/10/25,12/31/50\n\
    ///            99030163,China,The duty provided in the applicable subheading + 84%,,,4/9/25,4/9/25\n";
    /// let db = TariffDatabase::from_csv_reader(csv.as_bytes())?;
    /// let code = "9903.01.63".parse()?;
    /// assert_eq!(db.rows(&code).len(), 2);
    /// assert!(db.get(&code).unwrap().mfn_text().ends_with("125%"));
    /// assert!(db.get_on(&code, "2025-04-09".parse()?).unwrap().mfn_text().ends_with("84%"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn rows(&self, hs: &HsCode) -> &[TariffLine] {
        let Some(eight) = hs.tariff_line() else {
            return &[];
        };
        let start = self.lines.partition_point(|l| l.hts8 < eight);
        let end = self.lines.partition_point(|l| l.hts8 <= eight);
        self.lines.get(start..end).unwrap_or(&[])
    }

    /// The line for a code (the 8-digit line itself, or that of a 10-digit code); where the
    /// file has several rows for it, the one that took effect last.
    ///
    /// # Example
    /// See [`TariffLine`].
    #[must_use]
    pub fn get(&self, hs: &HsCode) -> Option<&TariffLine> {
        self.rows(hs).last()
    }

    /// The row for a code in effect on `date` (between its begin and end dates, inclusive).
    ///
    /// # Example
    /// See [`TariffDatabase::rows`].
    #[must_use]
    pub fn get_on(&self, hs: &HsCode, date: chrono::NaiveDate) -> Option<&TariffLine> {
        self.rows(hs)
            .iter()
            .rev()
            .find(|l| l.begin.is_none_or(|b| b <= date) && l.end.is_none_or(|e| date <= e))
    }

    /// Every line, in code order.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::usitc::TariffDatabase;
    /// let db = TariffDatabase::from_csv_reader("hts8,brief_description,mfn_text_rate,quantity_1_code,quantity_2_code\n".as_bytes())?;
    /// assert_eq!(db.iter().count(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &TariffLine> {
        self.lines.iter()
    }

    /// The number of lines loaded.
    ///
    /// # Example
    /// See [`TariffDatabase`].
    #[must_use]
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether no line was loaded.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::usitc::TariffDatabase;
    /// let db = TariffDatabase::from_csv_reader("hts8,brief_description,mfn_text_rate,quantity_1_code,quantity_2_code\n".as_bytes())?;
    /// assert!(db.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The malformed rows and fields, each an [`Error::Data`] with line, field and reason.
    ///
    /// # Example
    /// See [`TariffDatabase`].
    #[must_use]
    pub fn issues(&self) -> &[Error] {
        &self.issues
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
        assert_eq!(
            parse_usitc_date("4/10/25"),
            NaiveDate::from_ymd_opt(2025, 4, 10)
        );
        assert_eq!(
            parse_usitc_date("12/31/50"),
            NaiveDate::from_ymd_opt(2050, 12, 31)
        );
        assert_eq!(
            parse_usitc_date("2025-01-01"),
            NaiveDate::from_ymd_opt(2025, 1, 1)
        );
        assert_eq!(
            parse_usitc_date("1/1/89"),
            NaiveDate::from_ymd_opt(1989, 1, 1)
        );
        assert_eq!(
            parse_usitc_date("7/1/99"),
            NaiveDate::from_ymd_opt(1999, 7, 1)
        );
        assert_eq!(parse_usitc_date("13/1/25"), None);
        assert_eq!(parse_usitc_date("1/1"), None);
    }
}
