//! [`HtsExport`]: the official HTS export (JSON or CSV).
//!
//! Each form is read into rows (`from_json.rs`, `from_csv.rs`); the rows become lines, with
//! their contexts, in `rows.rs`.

mod from_csv;
mod from_json;
mod rows;
#[cfg(test)]
mod tests;

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};
use crate::hs::HsCode;
use crate::tariff::hts::{HtsLine, HtsSchedule};

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
    /// ```
    /// use landed_cost::tariff::usitc::HtsExport;
    /// let json = r#"[
    ///   {"htsno":"6402.99.90","indent":"2","description":"Valued over $12/pair","units":[],"general":"20%","special":"","other":"35%","footnotes":[]},
    ///   {"htsno":"6402.99.90.00","indent":"3","description":"Other","units":["prs."],"general":"","special":"","other":"","footnotes":[]}
    /// ]"#;
    /// let export = HtsExport::from_json_reader(json.as_bytes())?;
    /// assert_eq!(export.schedule().len(), 2);
    /// assert!(export.issues().is_empty());
    /// assert!(HtsExport::from_json_reader(&b"{not json"[..]).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json_reader<R: Read>(reader: R) -> Result<HtsExport> {
        from_json::read(reader)
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
        from_csv::read(reader)
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

    /// The line for a code (a 10-digit code not in the export falls back to its 8-digit line).
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::usitc::HtsExport;
    /// let json = r#"[
    ///   {"htsno":"6402.99.90","indent":"2","description":"Valued over $12/pair","units":[],"general":"20%","special":"","other":"35%","footnotes":[]},
    ///   {"htsno":"6402.99.90.00","indent":"3","description":"Other","units":["prs."],"general":"","special":"","other":"","footnotes":[]}
    /// ]"#;
    /// let export = HtsExport::from_json_reader(json.as_bytes())?;
    /// assert_eq!(export.get(&"6402.99.90.00".parse()?).unwrap().general(), "20%"); // inherited
    /// assert_eq!(export.get(&"6402.99.90.99".parse()?).unwrap().code().to_string(), "6402.99.90");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
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
    /// ```
    /// use landed_cost::tariff::usitc::HtsExport;
    /// let json = r#"[
    ///   {"htsno":"6402.99.90","indent":"2","description":"Valued over $12/pair","units":[],"general":"20%","special":"","other":"35%","footnotes":[]},
    ///   {"htsno":"6402.99.90.00","indent":"3","description":"Other","units":["prs."],"general":"","special":"","other":"","footnotes":[]}
    /// ]"#;
    /// let export = HtsExport::from_json_reader(json.as_bytes())?;
    /// let schedule = export.schedule();
    /// assert_eq!(schedule.len(), 2);
    /// assert!(schedule.get(&"6402.99.90".parse()?).is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
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
    /// ```
    /// use landed_cost::tariff::usitc::HtsExport;
    /// let json = r#"[{"htsno":"6402.99.9","indent":"2","description":"seven digits","general":"20%"}]"#;
    /// let export = HtsExport::from_json_reader(json.as_bytes())?;
    /// assert!(export.schedule().is_empty());
    /// assert_eq!(export.issues().len(), 1);
    /// assert!(export.issues()[0].to_string().contains("6402.99.9"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn issues(&self) -> &[Error] {
        &self.issues
    }
}
