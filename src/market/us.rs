//! The US entry fees, low-value rules, column 2 countries and import prohibitions, as data
//! (`data/us/fees.json`, `low_value.json`, `column2.json`, `import_prohibitions.json`).

mod column2;
mod prohibitions;
mod read;

pub use column2::{Column2Countries, Column2Country};
pub use prohibitions::{ImportProhibition, ImportProhibitions};
use read::parse;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

use crate::country::CountryCode;
use crate::error::{Error, Result};
use crate::market::OriginScope;
use crate::money::Rate;
use crate::provenance::Provenance;
use crate::validity::Validity;

#[cfg(feature = "embedded-data")]
const EMBEDDED_FEES: &str = include_str!("../../data/us/fees.json");
#[cfg(feature = "embedded-data")]
const EMBEDDED_LOW_VALUE: &str = include_str!("../../data/us/low_value.json");

/// The Merchandise Processing Fee of one fiscal year.
///
/// # Example
/// ```
/// use landed_cost::landed::UsRules;
/// let rules = UsRules::embedded()?;
/// let fy = rules.mpf_year("2025-04-20".parse()?).unwrap();
/// assert_eq!((fy.fiscal_year, fy.minimum.to_string(), fy.maximum.to_string()), (2025, "32.71".into(), "634.62".into()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct MpfYear {
    /// The fiscal year (FY2025 runs from 1 Oct 2024 to 30 Sep 2025).
    pub fiscal_year: i32,
    /// The entry dates of the fiscal year: `from` its first, `until` the first of the next.
    #[serde(flatten)]
    pub validity: Validity,
    /// Minimum MPF per formal entry, USD.
    #[serde(with = "crate::money::decimal_text")]
    pub minimum: Decimal,
    /// Maximum MPF per formal entry, USD.
    #[serde(with = "crate::money::decimal_text")]
    pub maximum: Decimal,
    /// The flat MPF of an automated informal entry, USD.
    #[serde(with = "crate::money::decimal_text")]
    pub informal_automated: Decimal,
    /// Its sources and note.
    #[serde(flatten)]
    pub provenance: Provenance,
    /// The figures (`minimum`, `maximum`, `informal_automated`) confirmed by one source only; a
    /// quote that charges one says so in a `one_source_fact` warning.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub one_source: Vec<String>,
    /// The sources as one line, built once.
    #[serde(skip)]
    citation: Arc<str>,
}

/// The Merchandise Processing Fee rules.
///
/// # Example
/// ```
/// use landed_cost::landed::UsRules;
/// let mpf = &UsRules::embedded()?.fees.mpf;
/// assert_eq!((mpf.rate.to_string(), mpf.formal_entry_threshold.to_string()), ("0.3464%".into(), "2500".into()));
/// assert!(mpf.sources.iter().any(|s| s.contains("19 USC 58c")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Mpf {
    /// The ad valorem rate (0.3464%).
    pub rate: Rate,
    /// Entries valued at this or more are formal entries, USD.
    #[serde(with = "crate::money::decimal_text")]
    pub formal_entry_threshold: Decimal,
    /// Minimum, maximum and informal fee by fiscal year.
    pub fiscal_years: Vec<MpfYear>,
    /// Citations for the rate and the threshold (each fiscal year cites its own figures).
    #[serde(default)]
    pub sources: Vec<String>,
    /// A note on the rate or the threshold.
    #[serde(default)]
    pub note: Option<String>,
    /// Goods that could not be entered informally below the threshold, when and why.
    #[serde(default)]
    pub informal_entry_exclusion: Option<InformalEntryExclusion>,
}

/// Goods that may not be entered informally whatever their value, in force for a time: 19 CFR
/// 143.21(a) excluded from informal entry articles valued over $250 classified in chapter 99,
/// subchapters III and IV (the headings of the Section 301, 232 and IEEPA duties among them),
/// until the clause was suspended in April 2025. An entry they cover pays the formal MPF.
///
/// # Example
/// ```
/// use landed_cost::landed::UsRules;
/// let rules = UsRules::embedded()?;
/// let x = rules.fees.mpf.informal_entry_exclusion.as_ref().ok_or("none")?;
/// let heading = "9903.88.15".parse()?;
/// assert!(x.excludes(1500.into(), "2025-03-10".parse()?, [&heading]));
/// assert!(!x.excludes(1500.into(), "2025-05-10".parse()?, [&heading])); // suspended
/// assert!(!x.excludes(250.into(), "2025-03-10".parse()?, [&heading])); // not over $250
/// assert!(!x.excludes(1500.into(), "2025-03-10".parse()?, [&"6402.99.90".parse()?]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct InformalEntryExclusion {
    /// Entries valued over this (USD) are excluded.
    #[serde(with = "crate::money::decimal_text")]
    pub value_over: Decimal,
    /// The chapter-99 headings (4-digit prefixes, e.g. 9903) whose goods are excluded.
    pub headings: Vec<crate::hs::HsCode>,
    /// When the exclusion is in force (on the entry date).
    #[serde(flatten)]
    pub validity: Validity,
    /// Its sources.
    #[serde(flatten)]
    pub provenance: Provenance,
    /// Whether a date of the exclusion is confirmed by one source only.
    #[serde(default)]
    pub one_source: bool,
}

impl InformalEntryExclusion {
    /// Whether an entry of `entered` dollars on `date`, charged under `headings`, is excluded
    /// from informal entry.
    ///
    /// # Example
    /// See [`InformalEntryExclusion`]: the type's example calls it.
    #[must_use]
    pub fn excludes<'h>(
        &self,
        entered: Decimal,
        date: NaiveDate,
        headings: impl IntoIterator<Item = &'h crate::hs::HsCode>,
    ) -> bool {
        entered > self.value_over
            && self.validity.contains(date)
            && headings
                .into_iter()
                .any(|h| self.headings.iter().any(|p| p.covers(h)))
    }
}

/// The Harbor Maintenance Fee rule.
///
/// # Example
/// ```
/// let rules = landed_cost::landed::UsRules::embedded()?;
/// assert_eq!(rules.fees.hmf.rate.to_string(), "0.125%");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Hmf {
    /// The ad valorem rate (0.125%), ocean shipments only.
    pub rate: Rate,
    /// Its sources and note.
    #[serde(flatten)]
    pub provenance: Provenance,
    /// The sources as one line, built once.
    #[serde(skip)]
    citation: Arc<str>,
}

/// The US entry fees.
///
/// # Example
/// ```
/// use landed_cost::landed::UsRules;
/// let fees = UsRules::embedded()?.fees;
/// assert_eq!(fees.mpf.fiscal_years.first().map(|y| y.fiscal_year), Some(2024));
/// assert_eq!(fees.hmf.rate.to_string(), "0.125%");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Fees {
    /// What the file holds.
    #[serde(default)]
    pub about: Option<String>,
    /// The Merchandise Processing Fee.
    pub mpf: Mpf,
    /// The Harbor Maintenance Fee.
    pub hmf: Hmf,
}

/// A de minimis exemption: shipments valued at or below the threshold enter free of duty.
///
/// # Example
/// ```
/// use landed_cost::{landed::UsRules, CountryCode};
/// let rules = UsRules::embedded()?;
/// assert!(rules.de_minimis(CountryCode::CN, "2025-05-01".parse()?).is_some());
/// assert!(rules.de_minimis(CountryCode::CN, "2025-05-02".parse()?).is_none());
/// assert!(rules.de_minimis(CountryCode::VN, "2025-08-28".parse()?).is_some());
/// assert!(rules.de_minimis(CountryCode::VN, "2025-08-29".parse()?).is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DeMinimisRule {
    /// A unique key.
    pub key: String,
    /// The threshold (inclusive), USD.
    #[serde(with = "crate::money::decimal_text")]
    pub threshold: Decimal,
    /// The origins it applies to.
    pub origins: OriginScope,
    /// The first entry date it no longer applies (`None`: still applies).
    #[serde(default)]
    pub until: Option<NaiveDate>,
    /// Its sources and note.
    #[serde(flatten)]
    pub provenance: Provenance,
    /// The sources as one line, built once.
    #[serde(skip)]
    citation: Arc<str>,
}

/// The ad valorem side of a postal regime.
///
/// # Example
/// ```
/// use landed_cost::landed::{DerivedRate, PostalAdValorem};
/// assert!(matches!(serde_json::from_str::<PostalAdValorem>("\"54%\"")?, PostalAdValorem::Fixed(_)));
/// assert_eq!(
///     serde_json::from_str::<PostalAdValorem>("\"effective_ieepa\"")?,
///     PostalAdValorem::Derived(DerivedRate::EffectiveIeepa)
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum PostalAdValorem {
    /// A fixed rate of the value.
    Fixed(Rate),
    /// A rate derived from other data on the entry date.
    Derived(DerivedRate),
}

/// A rate derived from other data.
///
/// # Example
/// ```
/// use landed_cost::landed::{DerivedRate, PostalAdValorem, UsRules};
/// let rules = UsRules::embedded()?;
/// let regime = rules.postal(landed_cost::CountryCode::VN, "2025-09-01".parse()?).ok_or("no regime")?;
/// assert_eq!(regime.ad_valorem, PostalAdValorem::Derived(DerivedRate::EffectiveIeepa));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DerivedRate {
    /// The origin's effective IEEPA rate (fentanyl plus reciprocal) on the entry date.
    EffectiveIeepa,
}

/// One band of a per-item postal duty that depends on the origin's IEEPA rate.
///
/// # Example
/// ```
/// use landed_cost::{landed::UsRules, CountryCode};
/// let rules = UsRules::embedded()?;
/// let regime = rules.postal(CountryCode::VN, "2025-09-01".parse()?).ok_or("no regime")?;
/// let amounts: Vec<String> = regime.per_item_bands.iter().map(|b| b.amount.to_string()).collect();
/// assert_eq!(amounts, ["80", "160", "200"]); // below 16%, up to 25%, above
/// assert_eq!(regime.per_item_bands[0].below.map(|r| r.to_string()), Some("16%".into()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PerItemBand {
    /// The band applies to rates below this.
    #[serde(default)]
    pub below: Option<Rate>,
    /// The band applies to rates up to and including this.
    #[serde(default)]
    pub up_to: Option<Rate>,
    /// The duty per postal item, USD.
    #[serde(with = "crate::money::decimal_text")]
    pub amount: Decimal,
}

/// A US postal regime: postal items pay, instead of all other duties, an ad valorem duty or a
/// duty per item (the carrier's choice).
///
/// # Example
/// ```
/// use landed_cost::{landed::UsRules, CountryCode};
/// let rules = UsRules::embedded()?;
/// let regime = rules.postal(CountryCode::CN, "2025-06-01".parse()?).unwrap();
/// assert_eq!(regime.key, "us_postal_cn_54");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PostalRegime {
    /// A unique key.
    pub key: String,
    /// The origins it applies to.
    pub origins: OriginScope,
    /// The entry dates it holds for (`from` inclusive, `until` exclusive).
    #[serde(flatten)]
    pub validity: Validity,
    /// The ad valorem method.
    pub ad_valorem: PostalAdValorem,
    /// The per-item method, a fixed amount per item (USD).
    #[serde(default, with = "crate::money::optional_decimal")]
    pub per_item: Option<Decimal>,
    /// The per-item method, by bands of the origin's IEEPA rate.
    #[serde(default)]
    pub per_item_bands: Vec<PerItemBand>,
    /// The per-item method is available for entries before this date.
    #[serde(default)]
    pub per_item_until: Option<NaiveDate>,
    /// Its sources and note.
    #[serde(flatten)]
    pub provenance: Provenance,
}

/// The sources as one line, shared: built on load, joined here if the value was built otherwise.
fn citation(cached: &Arc<str>, sources: &[String]) -> Arc<str> {
    if cached.is_empty() {
        crate::provenance::cite(sources).into()
    } else {
        Arc::clone(cached)
    }
}

impl DeMinimisRule {
    /// The sources as one line.
    pub(crate) fn citation(&self) -> Arc<str> {
        citation(&self.citation, &self.provenance.sources)
    }
}

impl MpfYear {
    /// Whether the data marks a figure (`"minimum"`, `"maximum"`, `"informal_automated"`) as
    /// confirmed by one source only.
    ///
    /// # Example
    /// ```
    /// use landed_cost::landed::UsRules;
    /// let rules = UsRules::embedded()?;
    /// let fy2027 = rules.mpf_year("2026-11-30".parse()?).unwrap();
    /// assert_eq!((fy2027.minimum.to_string(), fy2027.maximum.to_string()), ("34.58".into(), "670.86".into()));
    /// assert!(fy2027.is_one_source("informal_automated"));
    /// assert!(!fy2027.is_one_source("minimum"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_one_source(&self, field: &str) -> bool {
        self.one_source.iter().any(|f| f == field)
    }

    /// The sources as one line.
    pub(crate) fn citation(&self) -> Arc<str> {
        citation(&self.citation, &self.provenance.sources)
    }
}

impl Hmf {
    /// The sources as one line.
    pub(crate) fn citation(&self) -> Arc<str> {
        citation(&self.citation, &self.provenance.sources)
    }
}

impl PostalRegime {
    /// The per-item duty for an origin whose effective IEEPA rate is `ieepa`, if the per-item
    /// method is available on `date`.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::UsRules, CountryCode};
    /// let rules = UsRules::embedded()?;
    /// let regime = rules.postal(CountryCode::CN, "2025-09-01".parse()?).unwrap();
    /// let day = "2025-09-01".parse()?;
    /// assert_eq!(regime.per_item_amount("30%".parse()?, day).map(|d| d.to_string()), Some("200".into()));
    /// assert_eq!(regime.per_item_amount("20%".parse()?, day).map(|d| d.to_string()), Some("160".into()));
    /// assert_eq!(regime.per_item_amount("10%".parse()?, day).map(|d| d.to_string()), Some("80".into()));
    /// assert_eq!(regime.per_item_amount("25%".parse()?, day).map(|d| d.to_string()), Some("160".into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn per_item_amount(&self, ieepa: Rate, date: NaiveDate) -> Option<Decimal> {
        if self.per_item_until.is_some_and(|u| date >= u) {
            return None;
        }
        self.per_item.or_else(|| {
            self.per_item_bands
                .iter()
                .find(|b| match (b.below, b.up_to) {
                    (Some(below), _) => ieepa < below,
                    (None, Some(up_to)) => ieepa <= up_to,
                    (None, None) => true,
                })
                .map(|b| b.amount)
        })
    }
}

/// The US low-value rules.
///
/// # Example
/// ```
/// use landed_cost::landed::UsRules;
/// let low_value = UsRules::embedded()?.low_value;
/// assert!(low_value.de_minimis.iter().all(|r| r.threshold.to_string() == "800"));
/// assert_eq!(low_value.postal.len(), 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct LowValue {
    /// What the file holds.
    #[serde(default)]
    pub about: Option<String>,
    /// De minimis exemptions.
    pub de_minimis: Vec<DeMinimisRule>,
    /// Postal regimes.
    pub postal: Vec<PostalRegime>,
}

/// The US entry fees and low-value rules the calculator uses.
///
/// # Example
/// ```
/// use landed_cost::landed::UsRules;
/// let rules = UsRules::embedded()?;
/// assert!(rules.mpf_year("2026-11-30".parse()?).is_some()); // FY2027
/// assert!(rules.low_value.de_minimis.iter().any(|r| r.key == "us_de_minimis_other"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct UsRules {
    /// Entry fees.
    pub fees: Fees,
    /// De minimis and postal regimes.
    pub low_value: LowValue,
    /// The countries whose products pay the HTS column 2 rates (general note 3(b)).
    pub column2: Column2Countries,
    /// The origins whose goods may not be imported without an OFAC licence.
    pub prohibitions: ImportProhibitions,
}

impl UsRules {
    #[cfg(feature = "embedded-data")]
    /// The embedded rules.
    ///
    /// # Errors
    /// [`Error::Data`] if the embedded files are malformed (a build defect).
    ///
    /// # Example
    /// ```
    /// let rules = landed_cost::landed::UsRules::embedded()?;
    /// assert_eq!(rules.fees.mpf.fiscal_years.len(), 4); // FY2024 to FY2027
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn embedded() -> Result<UsRules> {
        UsRules::from_json_readers(EMBEDDED_FEES.as_bytes(), EMBEDDED_LOW_VALUE.as_bytes())
    }

    /// Reads the rules from JSON in the form of the embedded `data/us/fees.json` and
    /// `data/us/low_value.json`.
    ///
    /// # Errors
    /// [`Error::Data`] for malformed JSON, naming the file and line, or for a fiscal year
    /// without its `until`.
    ///
    /// # Example
    /// ```
    /// use landed_cost::landed::UsRules;
    /// let fees = br#"{"mpf": {"rate": "0.3464%", "formal_entry_threshold": "2500", "fiscal_years": []},
    ///                 "hmf": {"rate": "0.125%", "sources": ["19 CFR 24.24"]}}"#;
    /// let low_value = br#"{"de_minimis": [], "postal": []}"#;
    /// let rules = UsRules::from_json_readers(&fees[..], &low_value[..])?;
    /// assert!(rules.mpf_year("2025-06-01".parse()?).is_none());
    /// assert!(UsRules::from_json_readers(&b"{}"[..], &low_value[..]).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json_readers(
        fees: impl std::io::Read,
        low_value: impl std::io::Read,
    ) -> Result<UsRules> {
        let mut fees: Fees = parse(fees, "fees JSON")?;
        for year in &mut fees.mpf.fiscal_years {
            // A fee year ends where the next begins: the data must say where.
            if year.validity.until.is_none() {
                return Err(Error::Data {
                    source_name: "fees JSON".to_owned(),
                    line: 0,
                    field: format!("mpf.fiscal_years (FY{}).until", year.fiscal_year),
                    reason: "a fiscal year needs its until: the first entry date of the next year"
                        .to_owned(),
                });
            }
            year.citation = year.provenance.citation().into();
        }
        fees.hmf.citation = fees.hmf.provenance.citation().into();
        let mut low_value: LowValue = parse(low_value, "low-value JSON")?;
        for rule in &mut low_value.de_minimis {
            rule.citation = rule.provenance.citation().into();
        }
        Ok(UsRules {
            fees,
            low_value,
            column2: Column2Countries::published()?,
            prohibitions: ImportProhibitions::published()?,
        })
    }

    /// The MPF figures of the fiscal year containing `date`.
    ///
    /// # Example
    /// ```
    /// let rules = landed_cost::landed::UsRules::embedded()?;
    /// let fy = rules.mpf_year("2025-10-01".parse()?).ok_or("no year")?; // the first day of FY2026
    /// assert_eq!((fy.fiscal_year, fy.minimum.to_string()), (2026, "33.58".into()));
    /// assert!(rules.mpf_year("2023-09-30".parse()?).is_none()); // before the data
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn mpf_year(&self, date: NaiveDate) -> Option<&MpfYear> {
        self.fees
            .mpf
            .fiscal_years
            .iter()
            .find(|y| y.validity.contains(date))
    }

    /// The de minimis exemption available to goods of `origin` entered on `date`.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::UsRules, CountryCode};
    /// let rules = UsRules::embedded()?;
    /// let dm = rules.de_minimis(CountryCode::VN, "2025-08-28".parse()?).ok_or("none")?;
    /// assert_eq!((dm.key.as_str(), dm.threshold.to_string()), ("us_de_minimis_other", "800".into()));
    /// assert!(rules.de_minimis(CountryCode::VN, "2025-08-29".parse()?).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn de_minimis(&self, origin: CountryCode, date: NaiveDate) -> Option<&DeMinimisRule> {
        self.low_value
            .de_minimis
            .iter()
            .find(|r| r.origins.contains(origin) && r.until.is_none_or(|u| date < u))
    }

    /// Every de minimis exemption held, each with the origins and dates it covers.
    pub(crate) fn de_minimis_rules(&self) -> &[DeMinimisRule] {
        &self.low_value.de_minimis
    }

    /// The postal regime for goods of `origin` entered on `date`.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::UsRules, CountryCode};
    /// let rules = UsRules::embedded()?;
    /// assert_eq!(rules.postal(CountryCode::HK, "2025-05-02".parse()?).map(|r| r.key.as_str()), Some("us_postal_cn_120"));
    /// assert!(rules.postal(CountryCode::CN, "2025-05-01".parse()?).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn postal(&self, origin: CountryCode, date: NaiveDate) -> Option<&PostalRegime> {
        self.low_value
            .postal
            .iter()
            .find(|r| r.origins.contains(origin) && r.validity.contains(date))
    }
}
