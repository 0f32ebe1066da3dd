//! The US tariff schedule (HTS) by edition, and the editions the crate embeds.
//!
//! An [`Hts`] is a set of dated [`Edition`]s; [`Hts::lookup`] takes an HS code and a date and
//! answers from the edition in force on that date, and [`Hts::chapter99`] gives a chapter-99
//! heading's text and rate as of a date. [`Hts::embedded`] holds every official edition of 2025
//! and 2026 up to 2026 revision 10, derived from the USITC exports by the committed generator
//! (`cargo run --release -p datagen --bin hts`):
//!
//! | editions | in force from | source |
//! |---|---|---|
//! | 2025 basic | 2025-01-01 | `hts_2025_basic.json` |
//! | 2025 revisions 1–32 | 2025-01-27 to 2025-11-15 | `hts_2025_rev_1.json` … `hts_2025_rev_32.json` |
//! | 2026 basic | 2026-01-01 | `hts_2026_basic.json` |
//! | 2026 revisions 1–10 | 2026-01-16 to 2026-06-08 | `hts_2026_rev_1.json` … `hts_2026_rev_10.json` |
//!
//! All 44 revisions: see `data/hts/SOURCE.md` for each one's date and file. A date after
//! 2026-06-08 is answered from 2026 revision 10.
//!
//! The editions share what does not change between them: each holds its schedule by chapter,
//! and a chapter or line that a revision leaves unchanged is the same one, held once, in every
//! edition that has it (so is its parsed MFN rate). Load newer exports with
//! [`HtsExport`](crate::tariff::usitc::HtsExport) and build your own [`Hts`] with
//! [`Hts::new`].
//!
//! # Example
//! ```
//! use landed_cost::tariff::hts::Hts;
//! let hts = Hts::embedded();
//! let line = hts.lookup(&"6402.99.90.05".parse()?, "2025-06-01".parse()?)?;
//! assert_eq!(line.mfn()?.to_string(), "20%");
//! assert_eq!(hts.edition_for("2025-01-26".parse()?)?.name(), "2025 basic");
//! assert_eq!(hts.edition_for("2025-06-01".parse()?)?.name(), "2025 revision 15");
//! assert_eq!(hts.edition_for("2025-11-15".parse()?)?.name(), "2025 revision 32");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod compact;
mod schedule;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
#[cfg(feature = "embedded-data")]
use std::sync::OnceLock;

use chrono::NaiveDate;

use schedule::{Chapter, Entry, Heading};
pub use schedule::{HtsLine, HtsSchedule};

use crate::error::{Error, Result};
use crate::hs::HsCode;

/// One edition of the schedule, with the date it takes effect and where it comes from.
///
/// # Example
/// ```
/// use landed_cost::tariff::hts::{Edition, HtsSchedule};
/// let e = Edition::new("mine", "2027-01-01".parse()?, "my export", HtsSchedule::default());
/// assert_eq!(e.effective().to_string(), "2027-01-01");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Edition {
    name: Arc<str>,
    /// The source line of an MFN charge: "HTS {name}".
    label: Arc<str>,
    effective: NaiveDate,
    source: String,
    schedule: HtsSchedule,
}

/// How an edition's label starts, before its name.
const LABEL_PREFIX: &str = "HTS ";

impl Edition {
    /// An edition named `name`, in force from `effective`, read from `source`.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::hts::{Edition, HtsSchedule};
    /// let e = Edition::new("mine", "2027-01-01".parse()?, "my export", HtsSchedule::default());
    /// assert_eq!((e.name(), e.source()), ("mine", "my export"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(
        name: impl AsRef<str>,
        effective: NaiveDate,
        source: impl Into<String>,
        schedule: HtsSchedule,
    ) -> Edition {
        Edition {
            label: format!("{LABEL_PREFIX}{}", name.as_ref()).into(),
            name: name.as_ref().into(),
            effective,
            source: source.into(),
            schedule,
        }
    }

    /// The edition's name ("2025 revision 32").
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::hts::Hts;
    /// let hts = Hts::embedded();
    /// assert_eq!(hts.edition_for("2025-06-01".parse()?)?.name(), "2025 revision 15");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// "HTS {name}", shared: the source of an MFN charge.
    pub(crate) fn label(&self) -> &Arc<str> {
        &self.label
    }

    /// The name in an edition's label ("2025 basic" in "HTS 2025 basic").
    pub(crate) fn name_in_label(label: &str) -> &str {
        label.strip_prefix(LABEL_PREFIX).unwrap_or(label)
    }

    /// The date the edition takes effect.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::hts::Hts;
    /// let rev15 = Hts::embedded().edition_for("2025-06-01".parse()?)?;
    /// assert_eq!(rev15.effective().to_string(), "2025-05-14");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn effective(&self) -> NaiveDate {
        self.effective
    }

    /// Where the edition comes from (publisher and file).
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::hts::Hts;
    /// assert!(Hts::embedded().editions()[0].source().contains("USITC"));
    /// ```
    #[must_use]
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The edition's lines.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::hts::Hts;
    /// let rev15 = Hts::embedded().edition_for("2025-06-01".parse()?)?;
    /// let line = rev15.schedule().get(&"6402.99.90".parse()?).ok_or("no line")?;
    /// assert_eq!(line.general(), "20%");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn schedule(&self) -> &HtsSchedule {
        &self.schedule
    }
}

/// A set of dated HTS editions; lookups use the edition in force on the date asked.
///
/// # Example
/// ```
/// use landed_cost::tariff::hts::Hts;
/// let hts = Hts::embedded();
/// assert_eq!(hts.editions().len(), 44);
/// assert_eq!(hts.editions()[13].name(), "2025 revision 13"); // identical to revision 12
/// assert_eq!(hts.editions()[13].schedule(), hts.editions()[12].schedule());
/// assert!(hts.lookup(&"6402.99.90".parse()?, "2024-12-31".parse()?).is_err()); // before 2025
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Hts {
    editions: Vec<Edition>,
    /// The editions' effective dates, in order: searched for the edition of a date.
    dates: Vec<NaiveDate>,
    /// For each chapter-99 heading, the 4-digit headings ([`HsCode::heading_number`]) of the
    /// lines whose footnotes refer to it in any edition, ascending, built once with the
    /// editions.
    referring_headings: HashMap<HsCode, Vec<u16>>,
}

/// One embedded edition: the first in full, each later one as the changes from the one before.
#[cfg(feature = "embedded-data")]
struct EmbeddedEdition {
    name: &'static str,
    /// The date it takes effect (YYYY-MM-DD).
    effective: &'static str,
    source: &'static str,
    /// The compact text: a schedule for the first edition, changes for the others.
    text: &'static str,
}

#[cfg(feature = "embedded-data")]
mod embedded;

impl Hts {
    /// A set of editions (in any order; they are sorted by effective date).
    ///
    /// # Errors
    /// [`Error::InvalidValue`] if there is no edition or two take effect on the same date.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::hts::{Edition, Hts, HtsSchedule};
    /// let e = |d: &str| Edition::new(d, d.parse().unwrap(), "test", HtsSchedule::default());
    /// assert!(Hts::new(vec![e("2025-01-01"), e("2026-01-01")]).is_ok());
    /// assert!(Hts::new(vec![e("2025-01-01"), e("2025-01-01")]).is_err());
    /// assert!(Hts::new(vec![]).is_err());
    /// ```
    pub fn new(mut editions: Vec<Edition>) -> Result<Hts> {
        editions.sort_by_key(|e| e.effective);
        if editions.is_empty() {
            return Err(Error::invalid("HTS editions", "give at least one edition"));
        }
        if let Some(pair) = editions
            .windows(2)
            .find(|w| matches!(w, [a, b] if a.effective == b.effective))
        {
            let date = pair.first().map(|e| e.effective);
            return Err(Error::invalid(
                "HTS editions",
                format!("two editions take effect on {date:?}; keep one"),
            ));
        }
        // Editions share the chapters and headings that did not change: each is scanned once.
        let mut referring_headings: HashMap<HsCode, Vec<u16>> = HashMap::new();
        let mut chapters: HashSet<*const Chapter> = HashSet::new();
        let mut headings: HashSet<*const Heading> = HashSet::new();
        for chapter in editions.iter().flat_map(|e| e.schedule.chapters()) {
            if !chapters.insert(Arc::as_ptr(chapter)) {
                continue;
            }
            for heading in chapter.headings() {
                if !headings.insert(Arc::as_ptr(heading)) {
                    continue;
                }
                for line in heading.iter().map(Entry::line) {
                    for referred in line.references() {
                        if let Some(number) = line.code().heading_number() {
                            let numbers = referring_headings.entry(*referred).or_default();
                            if numbers.last() != Some(&number) {
                                numbers.push(number);
                            }
                        }
                    }
                }
            }
        }
        for numbers in referring_headings.values_mut() {
            numbers.sort_unstable();
            numbers.dedup();
        }
        Ok(Hts {
            dates: editions.iter().map(|e| e.effective).collect(),
            editions,
            referring_headings,
        })
    }

    /// The 4-digit headings ([`HsCode::heading_number`], ascending) of the lines whose
    /// footnotes refer to a chapter-99 heading in any edition: the only headings a measure on
    /// that heading can cover.
    pub(crate) fn headings_referring_to(&self, heading: &HsCode) -> &[u16] {
        self.referring_headings
            .get(heading)
            .map_or(&[], Vec::as_slice)
    }

    #[cfg(feature = "embedded-data")]
    /// The embedded editions, parsed on first use and then shared.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::hts::Hts;
    /// let hts = Hts::embedded(); // parsed once, then shared
    /// assert!(std::ptr::eq(hts, Hts::embedded()));
    /// assert_eq!(hts.editions().len(), 44);
    /// ```
    #[must_use]
    #[allow(clippy::panic)] // The embedded data is checked by the test suite; see below.
    pub fn embedded() -> &'static Hts {
        static EMBEDDED: OnceLock<Hts> = OnceLock::new();
        EMBEDDED.get_or_init(|| match Hts::parse_embedded() {
            Ok(hts) => hts,
            // The embedded files are generated and verified by `tests/hts_embedded.rs`; reaching
            // this is a build defect, not an input error.
            Err(e) => panic!("the embedded HTS data is corrupt: {e}"),
        })
    }

    #[cfg(feature = "embedded-data")]
    /// Parses the embedded editions (what [`Hts::embedded`] caches).
    ///
    /// # Errors
    /// [`Error::Data`] if the embedded files are malformed (a build defect).
    ///
    /// # Example
    /// ```
    /// let hts = landed_cost::tariff::hts::Hts::parse_embedded()?;
    /// assert_eq!(hts.editions().len(), 44);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse_embedded() -> Result<Hts> {
        let mut editions: Vec<Edition> = Vec::with_capacity(embedded::EDITIONS.len());
        // One reader for every edition: a rate text is parsed once however many editions hold it.
        let mut reader = compact::LineReader::default();
        for e in &embedded::EDITIONS {
            let schedule = match editions.last() {
                None => compact::read_schedule_with(e.text, &mut reader)?,
                Some(previous) => {
                    compact::apply_changes_with(&previous.schedule, e.text, &mut reader)?
                }
            };
            let effective: NaiveDate = e.effective.parse().map_err(|err| {
                Error::invalid("HTS edition date", format!("{}: {err}", e.effective))
            })?;
            editions.push(Edition::new(e.name, effective, e.source, schedule));
        }
        Hts::new(editions)
    }

    /// The editions, oldest first.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::hts::Hts;
    /// let editions = Hts::embedded().editions();
    /// assert_eq!(editions.first().map(|e| e.name()), Some("2025 basic"));
    /// assert!(editions.windows(2).all(|w| w[0].effective() < w[1].effective()));
    /// ```
    #[must_use]
    pub fn editions(&self) -> &[Edition] {
        &self.editions
    }

    /// The edition in force on `date`: the latest taking effect on or before it.
    ///
    /// # Errors
    /// [`Error::NoTariffEdition`] if `date` is before the first edition.
    ///
    /// # Example
    /// See the module documentation.
    pub fn edition_for(&self, date: NaiveDate) -> Result<&Edition> {
        let after = self.dates.partition_point(|d| *d <= date);
        after
            .checked_sub(1)
            .and_then(|i| self.editions.get(i))
            .ok_or_else(|| Error::NoTariffEdition {
                date,
                earliest: self.editions.first().map_or(date, |e| e.effective),
            })
    }

    /// The first edition taking effect on or after `date` (`None` if every edition takes
    /// effect before it).
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::hts::Hts;
    /// let hts = Hts::embedded();
    /// let next = hts.first_edition_from("2025-04-06".parse()?).unwrap();
    /// assert_eq!(next.name(), "2025 revision 10");
    /// assert_eq!(next.effective().to_string(), "2025-04-09");
    /// assert!(hts.first_edition_from("2027-01-01".parse()?).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn first_edition_from(&self, date: NaiveDate) -> Option<&Edition> {
        self.editions.get(self.dates.partition_point(|d| *d < date))
    }

    /// The chapter-99 heading `heading` (a `9903.xx.xx` code) as the edition in force on `date`
    /// has it: its text in [`HtsLine::description`], its rate in [`HtsLine::general`]. `None`
    /// if that edition has no such heading (or `heading` is not of chapter 99).
    ///
    /// # Errors
    /// [`Error::NoTariffEdition`] if `date` is before the first edition.
    ///
    /// # Example
    /// The reciprocal duty on products of Vietnam, before and after it took effect:
    /// ```
    /// use landed_cost::tariff::hts::Hts;
    /// let hts = Hts::embedded();
    /// let vietnam = "9903.02.69".parse()?;
    /// let line = hts.chapter99(&vietnam, "2025-09-10".parse()?)?.unwrap();
    /// assert_eq!(line.general(), "The duty provided in the applicable subheading + 20%");
    /// assert!(line.description().contains("Vietnam"));
    /// assert!(hts.chapter99(&vietnam, "2025-03-01".parse()?)?.is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn chapter99(&self, heading: &HsCode, date: NaiveDate) -> Result<Option<&HtsLine>> {
        Ok(self.edition_for(date)?.schedule.chapter99(heading))
    }

    /// The line for `code` in the edition in force on `date` (a 10-digit code missing from the
    /// edition falls back to its 8-digit line).
    ///
    /// # Errors
    /// [`Error::NoTariffEdition`] for a date before the first edition; [`Error::NotInTariff`] if
    /// the edition has no such line.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::hts::Hts;
    /// let hts = Hts::embedded();
    /// let line = hts.lookup(&"6402.99.90".parse()?, "2025-06-01".parse()?)?;
    /// assert_eq!((line.description(), line.general()), ("Valued over $12/pair", "20%"));
    /// assert!(hts.lookup(&"6402.99.90".parse()?, "2024-12-31".parse()?).is_err()); // before 2025
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn lookup(&self, code: &HsCode, date: NaiveDate) -> Result<&HtsLine> {
        let edition = self.edition_for(date)?;
        edition
            .schedule
            .line_for(code)
            .ok_or_else(|| Error::NotInTariff {
                code: *code,
                edition: edition.name.to_string(),
            })
    }
}
