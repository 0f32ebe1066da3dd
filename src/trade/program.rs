//! [`PlatformProgram`]: the April 2025 programs of Chinese platforms for exporters selling at
//! home, with their sources ([`ProgramBook`]), and the check of amounts reported in two
//! currencies ([`AmountCheck`]).

use std::io::Read;
#[cfg(feature = "embedded-data")]
use std::sync::OnceLock;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::money::{Money, Rate, RateQuery, RateTable};
use crate::trade::{Exporter, Platform};

/// How far the exchange rate implied by an amount reported in two currencies may stray from the
/// reference rate of its date and still count as consistent: 5%.
///
/// Press reports round the converted figure to three significant digits (27.3 bn, 13.7 bn: up to
/// about 0.4%) and convert at a rate of their own choosing (onshore or offshore, parity or close,
/// the day before), which in April 2025 differed from the ECB cross rate by up to 2% (the 9 April
/// parity 7.2066 against the onshore close 7.3498). 5% covers both with room, and it is also the
/// variance at which US customs law (19 CFR 159.34) stops trusting a quarterly rate. A misplaced
/// unit (million for billion) is off by a factor of 1,000 and far outside.
///
/// Held as a fraction (0.05), compared with [`AmountCheck::deviation`]'s fraction.
///
/// # Example
/// ```
/// use landed_cost::trade::AMOUNT_CHECK_TOLERANCE;
/// assert_eq!(AMOUNT_CHECK_TOLERANCE.to_string(), "0.05");
/// ```
pub const AMOUNT_CHECK_TOLERANCE: Decimal = Decimal::from_parts(5, 0, 0, false, 2);

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
        self.start <= date && self.end.is_none_or(|end| date <= end)
    }
}

/// An amount as a source printed it, possibly with its conversion into another currency.
///
/// # Example
/// ```
/// use landed_cost::trade::ProgramBook;
/// let jd = ProgramBook::embedded().program("jd_export_fund").ok_or("missing")?;
/// let reported = jd.reported_budget.as_ref().ok_or("no budget")?;
/// assert_eq!(reported.text, "200 billion yuan ($27.35 billion)");
/// assert_eq!(reported.converted.map(|m| m.to_string()), Some("27350000000 USD".to_string()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ReportedAmount {
    /// The text as printed.
    pub text: String,
    /// The amount as printed, in its own currency (for these programs, CNY).
    pub amount: Money,
    /// The same amount converted by the source into another currency (USD), if printed.
    pub converted: Option<Money>,
    /// The date whose exchange rate the two figures are checked against.
    pub date: NaiveDate,
    /// The key of the source that printed it.
    pub source: String,
}

impl ReportedAmount {
    /// Compares the two printed figures with the reference exchange rate of the date (the
    /// latest on or before it within 7 days, crossed through the euro): `None` when only one
    /// currency was printed.
    ///
    /// # Errors
    /// [`Error::MissingExchangeRate`] or [`Error::StaleExchangeRate`] if `rates` has no rate for
    /// the date; [`Error::InvalidValue`] if the converted amount is zero; [`Error::Overflow`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::RateTable;
    /// use landed_cost::trade::ProgramBook;
    /// let pdd = ProgramBook::embedded().program("pinduoduo_pivot_upgrade").ok_or("missing")?;
    /// let reported = pdd.reported_budget.as_ref().ok_or("no budget")?;
    /// let check = reported.check(RateTable::embedded_reference())?.ok_or("one currency")?;
    /// assert!(!check.consistent);
    /// assert_eq!(check.implied.round_dp(4).to_string(), "0.0073"); // CNY per USD
    /// assert_eq!(check.suggested.map(|m| m.to_string()), Some("100000000000 CNY".to_string()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check(&self, rates: &RateTable) -> Result<Option<AmountCheck>> {
        let Some(converted) = self.converted else {
            return Ok(None);
        };
        if converted.is_zero() {
            return Err(Error::invalid(
                "reported amount",
                format!("{:?}: the converted figure is zero", self.text),
            ));
        }
        let rate = rates.find(
            converted.currency(),
            self.amount.currency(),
            &RateQuery::reference(self.date),
        )?;
        let reference = rate.rate();
        let implied = self
            .amount
            .amount()
            .checked_div(converted.amount())
            .ok_or_else(|| Error::overflow("implied exchange rate"))?;
        let deviation = relative_deviation(implied, reference)?;
        let consistent = deviation.fraction() <= AMOUNT_CHECK_TOLERANCE;
        let suggested = if consistent {
            None
        } else {
            suggest_scale(implied, reference)?
                .map(|factor| self.amount.checked_mul(factor))
                .transpose()?
        };
        let explanation = format!(
            "{:?}: implies {} {} per {}, against the reference rate {} of {}: {}",
            self.text,
            implied.round_dp(4),
            self.amount.currency(),
            converted.currency(),
            reference.round_dp(4),
            rate.date(),
            match (consistent, suggested) {
                (true, _) => format!(
                    "consistent (within {})",
                    Rate::from_fraction(AMOUNT_CHECK_TOLERANCE)?
                ),
                (false, Some(s)) => format!(
                    "inconsistent by {}; the converted figure fits {s}",
                    Rate::from_fraction(deviation.fraction().round_dp(4))?
                ),
                (false, None) => format!(
                    "inconsistent by {}",
                    Rate::from_fraction(deviation.fraction().round_dp(4))?
                ),
            }
        );
        Ok(Some(AmountCheck {
            implied,
            reference,
            rate_date: rate.date(),
            deviation,
            consistent,
            suggested,
            explanation,
        }))
    }
}

/// `|implied / reference − 1|` as a rate.
fn relative_deviation(implied: Decimal, reference: Decimal) -> Result<Rate> {
    let ratio = implied
        .checked_div(reference)
        .ok_or_else(|| Error::overflow("exchange-rate deviation"))?;
    Rate::from_fraction(
        ratio
            .checked_sub(Decimal::ONE)
            .ok_or_else(|| Error::overflow("exchange-rate deviation"))?
            .abs(),
    )
}

/// The power of ten (other than 1) that brings the implied rate within tolerance, if any:
/// the printed amount was off by that factor (a million printed for a billion is 10³).
fn suggest_scale(implied: Decimal, reference: Decimal) -> Result<Option<Decimal>> {
    let ten = Decimal::TEN;
    let mut up = Decimal::ONE;
    let mut down = Decimal::ONE;
    for _ in 0..12 {
        up = up
            .checked_mul(ten)
            .ok_or_else(|| Error::overflow("scale"))?;
        down = down
            .checked_div(ten)
            .ok_or_else(|| Error::overflow("scale"))?;
        for factor in [up, down] {
            if let Some(scaled) = implied.checked_mul(factor) {
                if relative_deviation(scaled, reference)?.fraction() <= AMOUNT_CHECK_TOLERANCE {
                    return Ok(Some(factor));
                }
            }
        }
    }
    Ok(None)
}

/// The result of checking an amount printed in two currencies against the reference rate.
///
/// # Example
/// See [`ReportedAmount::check`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AmountCheck {
    /// The rate the two figures imply: amount ÷ converted (CNY per USD).
    #[serde(with = "crate::money::decimal_text")]
    pub implied: Decimal,
    /// The reference rate of the date, in the same quotation.
    #[serde(with = "crate::money::decimal_text")]
    pub reference: Decimal,
    /// The date of the reference rate used.
    pub rate_date: NaiveDate,
    /// `|implied ÷ reference − 1|`.
    pub deviation: Rate,
    /// Whether the deviation is within [`AMOUNT_CHECK_TOLERANCE`].
    pub consistent: bool,
    /// When inconsistent: the printed amount scaled by the power of ten that makes it fit the
    /// converted figure, if one does.
    pub suggested: Option<Money>,
    /// One line saying what was compared and the verdict.
    pub explanation: String,
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

/// A kind of benefit a program offers.
///
/// # Example
/// ```
/// use landed_cost::trade::BenefitKind;
/// assert_eq!(serde_json::from_str::<BenefitKind>("\"ai_live_stream_hosts\"")?, BenefitKind::AiLiveStreamHosts);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum BenefitKind {
    /// A share of the platform commission returned to the merchant (`rate`: the share).
    CommissionRebate,
    /// Platform fees waived (`rate`: the share of the technical and annual fees waived).
    FeeWaiver,
    /// Traffic, exposure or a dedicated sales area.
    TrafficSupport,
    /// The platform buys the goods (`amount`: the budget).
    ProcurementCommitment,
    /// AI ("virtual human") live-stream hosts.
    AiLiveStreamHosts,
    /// Simpler, faster onboarding.
    FastTrackListing,
    /// Money set aside for a purpose (`amount`).
    Funding,
}

/// One benefit of a program. Only [`BenefitKind::CommissionRebate`] and
/// [`BenefitKind::FeeWaiver`] with a `rate` change a unit's margin; the others are recorded.
///
/// # Example
/// ```
/// use landed_cost::trade::{Benefit, BenefitKind};
/// let b = Benefit::commission_rebate("50%".parse()?)?;
/// assert_eq!(b.kind, BenefitKind::CommissionRebate);
/// assert!(Benefit::commission_rebate("150%".parse()?).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Benefit {
    /// What kind of benefit.
    pub kind: BenefitKind,
    /// What was reported.
    pub description: String,
    /// A share (of the commission or fees), if reported or assumed.
    pub rate: Option<Rate>,
    /// An amount, if reported.
    pub amount: Option<Money>,
}

impl Benefit {
    /// An assumed commission rebate: `share` of the platform commission returned (0–100%).
    ///
    /// # Errors
    /// [`Error::InvalidValue`] if the share is outside 0–100%.
    ///
    /// # Example
    /// See [`Benefit`].
    pub fn commission_rebate(share: Rate) -> Result<Benefit> {
        let benefit = Benefit {
            kind: BenefitKind::CommissionRebate,
            description: format!("assumed: {share} of the commission returned"),
            rate: Some(share),
            amount: None,
        };
        benefit.validate()?;
        Ok(benefit)
    }

    /// An assumed fee waiver: `share` of the technical and annual fees waived (0–100%).
    ///
    /// # Errors
    /// [`Error::InvalidValue`] if the share is outside 0–100%.
    ///
    /// # Example
    /// ```
    /// let b = landed_cost::trade::Benefit::fee_waiver("100%".parse()?)?;
    /// assert_eq!(b.rate.map(|r| r.to_string()), Some("100%".to_string()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn fee_waiver(share: Rate) -> Result<Benefit> {
        let benefit = Benefit {
            kind: BenefitKind::FeeWaiver,
            description: format!("assumed: {share} of the technical and annual fees waived"),
            rate: Some(share),
            amount: None,
        };
        benefit.validate()?;
        Ok(benefit)
    }

    /// Checks that a share is within 0–100% and an amount is not negative.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] naming the benefit.
    ///
    /// # Example
    /// ```
    /// let b = landed_cost::trade::Benefit::fee_waiver("10%".parse()?)?;
    /// assert!(b.validate().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate(&self) -> Result<()> {
        if let Some(rate) = self.rate {
            if rate < Rate::ZERO || rate > Rate::ONE_HUNDRED_PERCENT {
                return Err(Error::invalid(
                    "program benefit",
                    format!("the share {rate} of {:?} is outside 0% to 100%", self.kind),
                ));
            }
        }
        if self.amount.is_some_and(Money::is_negative) {
            return Err(Error::invalid(
                "program benefit",
                format!("the amount of {:?} is negative", self.kind),
            ));
        }
        Ok(())
    }
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
    /// use landed_cost::money::fx::RateTable;
    /// use landed_cost::trade::ProgramBook;
    /// let jd = ProgramBook::embedded().program("jd_export_fund").ok_or("missing")?;
    /// let check = jd.budget_check(RateTable::embedded_reference())?.ok_or("no check")?;
    /// assert!(check.consistent); // 200 bn / 27.35 bn = 7.31 against 7.30
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn budget_check(&self, rates: &RateTable) -> Result<Option<AmountCheck>> {
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
    /// use landed_cost::money::fx::RateTable;
    /// use landed_cost::trade::ProgramBook;
    /// let checks = ProgramBook::embedded().budget_checks(RateTable::embedded_reference())?;
    /// let flagged: Vec<&str> = checks.iter().filter(|(_, c)| !c.consistent).map(|(k, _)| *k).collect();
    /// assert_eq!(flagged, ["pinduoduo_pivot_upgrade"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn budget_checks(&self, rates: &RateTable) -> Result<Vec<(&str, AmountCheck)>> {
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
mod tests {
    use super::*;

    #[test]
    fn embedded_programs_parse() {
        let book = ProgramBook::parse_embedded().unwrap();
        assert_eq!(book.programs().len(), 9);
        for sponsor in ["Tencent", "Meituan", "ByteDance (Douyin)"] {
            let p = book
                .programs()
                .iter()
                .find(|p| p.sponsor == sponsor)
                .unwrap();
            assert!(
                p.budget.is_none() && p.reported_budget.is_none(),
                "{sponsor}"
            );
        }
        let didi = book.program("didi_employment_consumption").unwrap();
        assert_eq!(didi.budget, Some("2000000000 CNY".parse().unwrap()));
        let baidu = book.program("baidu_virtual_hosts").unwrap();
        assert_eq!(baidu.targets.companies, Some(1_000_000));
    }

    #[test]
    fn tolerance_is_five_percent() {
        assert_eq!(
            Rate::from_fraction(AMOUNT_CHECK_TOLERANCE)
                .unwrap()
                .to_string(),
            "5%"
        );
    }

    #[test]
    fn scale_suggestion() {
        let reference = Decimal::new(73, 1);
        assert_eq!(
            suggest_scale(Decimal::new(73, 4), reference).unwrap(),
            Some(Decimal::from(1000))
        );
        assert_eq!(suggest_scale(Decimal::new(73, 1), reference).unwrap(), None);
        assert_eq!(suggest_scale(Decimal::from(3), reference).unwrap(), None);
    }

    #[test]
    fn citations_and_duplicates_are_checked() {
        let bad = r#"{"sources": [], "programs": [{"key": "a", "sponsor": "A", "platforms": [],
            "name": "", "announced": null, "reported": "", "window": null,
            "reported_budget": null, "budget": null, "budget_note": "",
            "targets": {"exporters": null, "items": null, "companies": null}, "benefits": [],
            "eligibility": {"min_export_share": null, "provinces": [], "categories": [],
            "note": ""}, "sources": ["nowhere"]}]}"#;
        assert!(ProgramBook::from_json_reader(bad.as_bytes()).is_err());
    }
}
