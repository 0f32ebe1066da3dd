//! [`PlatformProgram`]: the April 2025 programs of Chinese platforms for exporters selling at
//! home, with their sources ([`ProgramBook`]), and the check of amounts reported in two
//! currencies ([`AmountCheck`]).

use std::io::Read;
#[cfg(feature = "embedded-data")]
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::money::{ExchangeRateTable, Money, Rate};
use crate::trade::{Exporter, Platform};

mod benefit;
mod reported;

pub use benefit::{Benefit, BenefitKind};
pub use reported::{AmountCheck, ReportedAmount, AMOUNT_CHECK_TOLERANCE};

/// Where a program's facts come from.
///
/// # Example
/// ```
/// use landed_cost::trade::ProgramBook;
/// let book = ProgramBook::embedded();
/// let reuters = book.source("reuters_2025_04_11").ok_or("missing")?;
/// assert_eq!(reuters.outlet, "Reuters");
/// assert_eq!(reuters.date.map(|d| d.to_string()), Some("2025-04-11".to_string()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Source {
    /// The key programs cite it by.
    pub key: String,
    /// Who published it.
    pub outlet: String,
    /// Its title.
    pub title: String,
    /// The publication date, if known to the day.
    pub date: Option<NaiveDate>,
    /// Where to read it, if a stable address is known.
    pub url: Option<String>,
    /// What it says that the data relies on, in brief.
    pub summary: String,
}

/// The period a program runs for.
///
/// # Example
/// ```
/// use landed_cost::trade::Window;
/// let w: Window = serde_json::from_str(r#"{"start": "2025-04-11", "end": "2026-04-10"}"#)?;
/// assert!(w.contains("2025-12-01".parse()?));
/// assert!(!w.contains("2026-05-01".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Window {
    /// The first day.
    pub start: NaiveDate,
    /// The last day, if announced.
    pub end: Option<NaiveDate>,
}

impl Window {
    /// Whether `date` falls within the window.
    ///
    /// # Example
    /// See [`Window`].
    #[must_use]
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.validity().contains(date)
    }

    /// The window as a [`Validity`](crate::Validity): `start` through `end`, both included
    /// (so its `until` is the day after `end`).
    ///
    /// # Example
    /// ```
    /// use landed_cost::trade::ProgramBook;
    /// let jd = ProgramBook::embedded().program("jd_export_fund").ok_or("missing")?;
    /// let window = jd.window.as_ref().ok_or("no window")?;
    /// let v = window.validity();
    /// assert_eq!(v.from.to_string(), "2025-04-11");
    /// assert!(v.contains("2026-04-10".parse()?)); // the reported end is the last day in
    /// assert_eq!(v.until.map(|d| d.to_string()), Some("2026-04-11".into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn validity(&self) -> crate::validity::Validity {
        crate::validity::Validity::through(self.start, self.end)
    }
}

/// How many exporters, items or companies a program aims at.
///
/// # Example
/// ```
/// let alibaba = landed_cost::trade::ProgramBook::embedded().program("alibaba_taobao_tmall").ok_or("missing")?;
/// assert_eq!((alibaba.targets.exporters, alibaba.targets.items), (Some(10_000), Some(100_000)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Targets {
    /// Exporters to bring on.
    pub exporters: Option<u64>,
    /// Items (listings) they are to sell.
    pub items: Option<u64>,
    /// Companies to serve.
    pub companies: Option<u64>,
}

/// Who may join a program.
///
/// # Example
/// ```
/// use landed_cost::trade::Eligibility;
/// let e: Eligibility = serde_json::from_str(r#"{"min_export_share": "50%",
///   "provinces": ["Zhejiang"], "categories": [], "note": "example"}"#)?;
/// assert_eq!(e.provinces, ["Zhejiang"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Eligibility {
    /// The smallest export share an exporter must have, if any.
    pub min_export_share: Option<Rate>,
    /// The provinces the program covers (empty: not restricted, or not reported).
    pub provinces: Vec<String>,
    /// The product categories it covers (empty: not restricted, or not reported).
    pub categories: Vec<String>,
    /// What was reported.
    pub note: String,
}

/// A platform's program for exporters selling at home, as reported in April 2025.
///
/// `reported_budget` is the amount as a source printed it; `budget` is the amount the crate uses
/// (the same, or corrected with the reason in `budget_note`). Both are absent where no figure
/// was reported (Tencent, Meituan, ByteDance).
///
/// # Example
/// ```
/// use landed_cost::trade::{Platform, ProgramBook};
/// let book = ProgramBook::embedded();
/// let pdd = book.program("pinduoduo_pivot_upgrade").ok_or("missing")?;
/// assert!(pdd.platforms.contains(&Platform::Temu));
/// assert_eq!(pdd.budget.map(|m| m.to_string()), Some("100000000000 CNY".to_string()));
/// assert!(book.program("tencent_support").ok_or("missing")?.budget.is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PlatformProgram {
    /// A stable key (`jd_export_fund`).
    pub key: String,
    /// The company behind it.
    pub sponsor: String,
    /// The platforms it runs on.
    pub platforms: Vec<Platform>,
    /// What it is called or does.
    pub name: String,
    /// The day it was announced, if a source gives it.
    pub announced: Option<NaiveDate>,
    /// When it was reported ("April 2025").
    pub reported: String,
    /// The period it runs for, if announced.
    pub window: Option<Window>,
    /// The pledged amount as printed, if any.
    pub reported_budget: Option<ReportedAmount>,
    /// The pledged amount the crate uses (as printed, or corrected), if any.
    pub budget: Option<Money>,
    /// Why the budget is what it is (and the correction, if any).
    pub budget_note: String,
    /// What it aims at.
    pub targets: Targets,
    /// What it offers.
    pub benefits: Vec<Benefit>,
    /// Who may join.
    pub eligibility: Eligibility,
    /// The keys of its sources.
    pub sources: Vec<String>,
}

impl PlatformProgram {
    /// Whether an exporter meets the program's reported conditions (export share, province).
    /// Conditions not reported do not exclude anyone.
    ///
    /// # Example
    /// ```
    /// use landed_cost::trade::{Exporter, ProgramBook};
    /// let jd = ProgramBook::embedded().program("jd_export_fund").ok_or("missing")?;
    /// let exporter = Exporter::new("A", "Zhejiang", "90%".parse()?, vec![])?;
    /// assert!(jd.admits(&exporter));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn admits(&self, exporter: &Exporter) -> bool {
        let share_ok = self
            .eligibility
            .min_export_share
            .is_none_or(|min| exporter.export_share >= min);
        let province_ok = self.eligibility.provinces.is_empty()
            || self
                .eligibility
                .provinces
                .iter()
                .any(|p| p.eq_ignore_ascii_case(&exporter.province));
        share_ok && province_ok
    }

    /// The check of the reported budget against the reference rate of its date (see
    /// [`ReportedAmount::check`]); `None` when no budget, or only one currency, was printed.
    ///
    /// # Errors
    /// As [`ReportedAmount::check`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::ExchangeRateTable;
    /// use landed_cost::trade::ProgramBook;
    /// let jd = ProgramBook::embedded().program("jd_export_fund").ok_or("missing")?;
    /// let check = jd.budget_check(ExchangeRateTable::embedded_reference())?.ok_or("no check")?;
    /// assert!(check.consistent); // 200 bn / 27.35 bn = 7.31 against 7.30
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn budget_check(&self, rates: &ExchangeRateTable) -> Result<Option<AmountCheck>> {
        match &self.reported_budget {
            Some(reported) => reported.check(rates),
            None => Ok(None),
        }
    }

    /// Whether the program is running on `date` (its window contains it; a program without a
    /// window runs from its announcement, or is taken to run if that is unknown too).
    ///
    /// # Example
    /// ```
    /// let jd = landed_cost::trade::ProgramBook::embedded().program("jd_export_fund").ok_or("missing")?;
    /// assert!(jd.runs_on("2025-06-01".parse()?));
    /// assert!(!jd.runs_on("2026-06-01".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn runs_on(&self, date: NaiveDate) -> bool {
        match (self.window, self.announced) {
            (Some(window), _) => window.contains(date),
            (None, Some(announced)) => announced <= date,
            (None, None) => true,
        }
    }
}

/// The programs and their sources, loaded from JSON (`{"sources": [...], "programs": [...]}`).
///
/// # Example
/// ```
/// use landed_cost::trade::ProgramBook;
/// let book = ProgramBook::embedded();
/// assert_eq!(book.programs().len(), 9);
/// for program in book.programs() {
///     for key in &program.sources {
///         assert!(book.source(key).is_some());
///     }
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramBook {
    sources: Vec<Source>,
    programs: Vec<PlatformProgram>,
}

#[cfg(feature = "embedded-data")]
const EMBEDDED_PROGRAMS: &str = include_str!("../../data/trade/programs.json");

impl ProgramBook {
    /// Reads programs and their sources from JSON.
    ///
    /// # Errors
    /// [`Error::Data`] for malformed JSON, an unknown field, a duplicate key, a source cited but
    /// not listed, an invalid benefit, or a budget that is not in the currency it was reported in.
    ///
    /// # Example
    /// ```
    /// use landed_cost::trade::ProgramBook;
    /// let json = r#"{"sources": [], "programs": []}"#;
    /// assert!(ProgramBook::from_json_reader(json.as_bytes())?.programs().is_empty());
    /// assert!(ProgramBook::from_json_reader("[]".as_bytes()).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json_reader<R: Read>(reader: R) -> Result<ProgramBook> {
        let reader = crate::sniff::reader("program JSON", reader)?;
        let book: ProgramBook = serde_json::from_reader(reader).map_err(|e| Error::Data {
            source_name: "program JSON".to_owned(),
            line: u64::try_from(e.line()).unwrap_or(0),
            field: String::new(),
            reason: e.to_string(),
        })?;
        book.validate()?;
        Ok(book)
    }

    #[cfg(feature = "embedded-data")]
    /// Parses the embedded programs (what [`ProgramBook::embedded`] caches).
    ///
    /// # Errors
    /// As [`ProgramBook::from_json_reader`] (a build defect if it fails).
    ///
    /// # Example
    /// ```
    /// assert_eq!(landed_cost::trade::ProgramBook::parse_embedded()?.programs().len(), 9);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse_embedded() -> Result<ProgramBook> {
        ProgramBook::from_json_reader(EMBEDDED_PROGRAMS.as_bytes())
    }

    #[cfg(feature = "embedded-data")]
    /// The embedded programs of April 2025 (`data/trade/programs.json`): Alibaba (Taobao and
    /// Tmall; Freshippo), JD.com, Pinduoduo, Tencent, Meituan, ByteDance, Baidu and Didi, each
    /// with its sources. Parsed once, then shared.
    ///
    /// # Example
    /// See [`ProgramBook`].
    #[must_use]
    pub fn embedded() -> &'static ProgramBook {
        static BOOK: OnceLock<ProgramBook> = OnceLock::new();
        // Verified by the test suite (`parse_embedded`); a corrupt file would leave the book
        // empty, never panic.
        BOOK.get_or_init(|| ProgramBook::parse_embedded().unwrap_or_default())
    }

    /// Every program.
    ///
    /// # Example
    /// See [`ProgramBook`].
    #[must_use]
    pub fn programs(&self) -> &[PlatformProgram] {
        &self.programs
    }

    /// Every source.
    ///
    /// # Example
    /// ```
    /// assert!(landed_cost::trade::ProgramBook::embedded().sources().len() >= 3);
    /// ```
    #[must_use]
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// The program with a key.
    ///
    /// # Example
    /// See [`PlatformProgram`].
    #[must_use]
    pub fn program(&self, key: &str) -> Option<&PlatformProgram> {
        self.programs.iter().find(|p| p.key == key)
    }

    /// The source with a key.
    ///
    /// # Example
    /// See [`Source`].
    #[must_use]
    pub fn source(&self, key: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.key == key)
    }

    /// The programs running on a platform.
    ///
    /// # Example
    /// ```
    /// use landed_cost::trade::{Platform, ProgramBook};
    /// let on_tmall: Vec<_> = ProgramBook::embedded().on_platform(Platform::Tmall).collect();
    /// assert_eq!(on_tmall[0].sponsor, "Alibaba");
    /// ```
    pub fn on_platform(&self, platform: Platform) -> impl Iterator<Item = &PlatformProgram> {
        self.programs
            .iter()
            .filter(move |p| p.platforms.contains(&platform))
    }

    /// The check of every reported budget printed in two currencies, by program key.
    ///
    /// # Errors
    /// As [`ReportedAmount::check`], for the first program whose check fails.
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::ExchangeRateTable;
    /// use landed_cost::trade::ProgramBook;
    /// let checks = ProgramBook::embedded().budget_checks(ExchangeRateTable::embedded_reference())?;
    /// let flagged: Vec<&str> = checks.iter().filter(|(_, c)| !c.consistent).map(|(k, _)| *k).collect();
    /// assert_eq!(flagged, ["pinduoduo_pivot_upgrade"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn budget_checks(&self, rates: &ExchangeRateTable) -> Result<Vec<(&str, AmountCheck)>> {
        let mut out = Vec::new();
        for program in &self.programs {
            if let Some(check) = program.budget_check(rates)? {
                out.push((program.key.as_str(), check));
            }
        }
        Ok(out)
    }

    /// Checks keys, citations, benefits and budget currencies.
    fn validate(&self) -> Result<()> {
        let data_error = |field: &str, reason: String| Error::Data {
            source_name: "program JSON".to_owned(),
            line: 0,
            field: field.to_owned(),
            reason,
        };
        // Keys are checked against sets, so the checks stay linear in the number of entries.
        let mut sources = std::collections::HashSet::with_capacity(self.sources.len());
        for s in &self.sources {
            if !sources.insert(s.key.as_str()) {
                return Err(data_error(
                    "sources",
                    format!("source {:?} is listed twice", s.key),
                ));
            }
        }
        let mut programs = std::collections::HashSet::with_capacity(self.programs.len());
        for p in &self.programs {
            if !programs.insert(p.key.as_str()) {
                return Err(data_error(
                    "programs",
                    format!("program {:?} is listed twice", p.key),
                ));
            }
            let cited = p
                .sources
                .iter()
                .chain(p.reported_budget.as_ref().map(|r| &r.source));
            for key in cited {
                if !sources.contains(key.as_str()) {
                    return Err(data_error(
                        "sources",
                        format!("program {:?} cites {key:?}, which is not listed", p.key),
                    ));
                }
            }
            if p.sources.is_empty() {
                return Err(data_error(
                    "sources",
                    format!("program {:?} has no source", p.key),
                ));
            }
            for b in &p.benefits {
                b.validate()
                    .map_err(|e| data_error("benefits", format!("program {:?}: {e}", p.key)))?;
            }
            if let (Some(reported), Some(budget)) = (&p.reported_budget, p.budget) {
                if reported.amount.currency() != budget.currency() {
                    return Err(data_error(
                        "budget",
                        format!(
                            "program {:?}: the budget is in {} but was reported in {}",
                            p.key,
                            budget.currency(),
                            reported.amount.currency()
                        ),
                    ));
                }
            }
            if p.budget.is_some_and(Money::is_negative) {
                return Err(data_error(
                    "budget",
                    format!("program {:?}: negative", p.key),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
