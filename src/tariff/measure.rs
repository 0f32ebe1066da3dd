//! [`Measure`]: a dated tariff measure (an additional duty or exemption) as data.
//!
//! Measures are loaded from JSON (the crate embeds `data/us/measures.json`). Each says who it
//! applies to (importer, origins, products), what it charges (an additional [`DutyRate`] on a
//! [`Base`]), when (validity on the entry date, in-transit rules on the loading date), what it
//! does not stack with, and where it comes from. See [`TariffBook`](crate::tariff::TariffBook)
//! for how measures are applied.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::country::CountryCode;
use crate::hs::HsCode;
pub(crate) use crate::market::{Authority, OriginScope};
use crate::money::Rate;
use crate::tariff::DutyRate;

/// A metal whose content value Section 232 duties may be charged on.
///
/// # Example
/// ```
/// use landed_cost::tariff::Metal;
/// assert_eq!(serde_json::to_string(&Metal::Aluminum)?, "\"aluminum\"");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Metal {
    /// Iron and steel.
    Steel,
    /// Aluminium.
    Aluminum,
    /// Copper.
    Copper,
}

impl std::fmt::Display for Metal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(match self {
            Metal::Steel => "steel",
            Metal::Aluminum => "aluminum",
            Metal::Copper => "copper",
        })
    }
}

/// The value a measure's rate is applied to.
///
/// # Example
/// ```
/// use landed_cost::tariff::{Base, Metal};
/// let b: Base = serde_json::from_str(r#"{"metal_content":"steel"}"#)?;
/// assert_eq!(b, Base::MetalContent(Metal::Steel));
/// assert_eq!(serde_json::from_str::<Base>("\"full_value\"")?, Base::FullValue);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Base {
    /// The customs value of the goods.
    #[default]
    FullValue,
    /// The value of the named metal in the goods (Section 232 derivatives).
    MetalContent(Metal),
    /// The value of the goods less their Section 232 metal content.
    NonMetalValue,
    /// The value of the goods less their US content.
    NonUsContent,
}

impl std::fmt::Display for Base {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Base::FullValue => f.pad("full value"),
            Base::MetalContent(metal) => f.pad(&format!("{metal} content value")),
            Base::NonMetalValue => f.pad("value less Section 232 metal content"),
            Base::NonUsContent => f.pad("non-US content value"),
        }
    }
}

/// Which products a measure covers.
///
/// # Example
/// ```
/// use landed_cost::tariff::ProductScope;
/// let p: ProductScope = serde_json::from_str(r#"{"hts_reference":"9903.88.15"}"#)?;
/// assert_eq!(p, ProductScope::HtsReference("9903.88.15".parse()?));
/// let q: ProductScope = serde_json::from_str(r#"{"prefixes":{"include":["8703"],"except":["8703.10"]}}"#)?;
/// assert!(matches!(q, ProductScope::Prefixes { .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ProductScope {
    /// Every product.
    All,
    /// Codes under any of `include` and none of `except`.
    Prefixes {
        /// HS prefixes covered.
        include: Vec<HsCode>,
        /// HS prefixes excepted.
        #[serde(default)]
        except: Vec<HsCode>,
    },
    /// Lines whose HTS footnotes refer to this chapter-99 heading ("See 9903.88.15.") in the
    /// edition in force on the entry date, or, for a measure that starts after that edition took
    /// effect, in the first embedded edition from the measure's start (USITC adds the footnotes
    /// when it publishes the coverage: natural graphite's 9903.91.06 of 1 January 2026 appears in
    /// the June 2026 edition).
    HtsReference(HsCode),
    /// Codes on a named [`ProductList`](crate::tariff::ProductList) on the entry date, optionally
    /// only entries with a tag.
    List {
        /// The list's name.
        name: String,
        /// Only entries with this tag.
        #[serde(default)]
        tag: Option<String>,
    },
    /// The products the measure covers are listed in a U.S. note the data does not hold: the
    /// measure is never charged, and goods under one of these prefixes get a
    /// `coverage_not_modelled` warning naming the measure, so that a result that may be
    /// missing a duty says so.
    NotModelled {
        /// Where the covered products may be.
        prefixes: Vec<HsCode>,
    },
}

/// What happens to goods caught by an in-transit rule.
///
/// # Example
/// ```
/// use landed_cost::tariff::Treatment;
/// assert_eq!(serde_json::from_str::<Treatment>("\"exempt\"")?, Treatment::Exempt);
/// assert!(matches!(serde_json::from_str::<Treatment>(r#"{"rate":"10%"}"#)?, Treatment::Rate(_)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Treatment {
    /// The measure does not apply.
    Exempt,
    /// The measure applies at this rate instead.
    Rate(DutyRate),
}

/// Goods loaded (on the final conveyance) before one date and entered before another are
/// treated differently (DOMAIN: the "in-transit" rules of the 2025 executive orders).
///
/// # Example
/// See [`Measure`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InTransitRule {
    /// The chapter-99 heading declared for goods under the rule.
    pub heading: HsCode,
    /// Goods loaded before this date...
    pub loaded_before: NaiveDate,
    /// ...and entered before this date (if any)...
    #[serde(default)]
    pub entered_before: Option<NaiveDate>,
    /// ...are treated so.
    pub treatment: Treatment,
    /// A note (what is assumed, what is unconfirmed).
    #[serde(default)]
    pub note: Option<String>,
}

impl InTransitRule {
    /// Whether goods loaded on `loaded` and entered on `entered` fall under the rule.
    ///
    /// # Example
    /// See [`Measure`].
    #[must_use]
    pub fn matches(&self, loaded: NaiveDate, entered: NaiveDate) -> bool {
        loaded < self.loaded_before && self.entered_before.is_none_or(|e| entered < e)
    }
}

/// What keeps a measure from applying, or changes its base, for goods otherwise covered.
///
/// # Example
/// ```
/// use landed_cost::tariff::Exclusion;
/// let e: Exclusion = serde_json::from_str(r#"{"list":{"name":"annex_ii","heading":"9903.01.32"}}"#)?;
/// assert!(matches!(e, Exclusion::List { .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Exclusion {
    /// Goods on a named product list (Annex II, the Section 122 exemptions) are excluded.
    List {
        /// The list's name.
        name: String,
        /// The heading declared for the exempt goods.
        heading: HsCode,
        /// Only entries with this tag.
        #[serde(default)]
        tag: Option<String>,
    },
    /// When a measure of `authority` applies to the same goods, this measure is excluded, or
    /// from `base_from` on applies only to the value less the Section 232 metal content.
    Authority {
        /// The other authority.
        authority: Authority,
        /// The heading declared for the excluded goods or content.
        heading: HsCode,
        /// From this entry date the measure applies to the non-metal value instead of being
        /// excluded (the reciprocal duty on Section 232 derivatives from 4 June 2025).
        #[serde(default)]
        non_metal_value_from: Option<NaiveDate>,
    },
    /// When any of these measures (by key) applies, this one does not.
    Measures {
        /// The keys of the measures that take precedence.
        keys: Vec<String>,
    },
    /// When a measure declared under a heading in one of these ranges applies to the same
    /// goods, this one does not: how the legal text writes "except for products described in
    /// headings 9903.02.02–9903.02.91" (the country rates that replace the 10% baseline) or
    /// "articles subject to the Section 232 duties of headings 9903.82.02, 9903.82.04–.26".
    Headings {
        /// The headings, each a single heading or an inclusive range.
        ranges: Vec<HeadingRange>,
        /// The heading declared for the excluded goods, where the text names one.
        #[serde(default)]
        heading: Option<HsCode>,
    },
    /// Goods under any of these HS prefixes are excluded (for example chapter 30,
    /// pharmaceutical products, from the forced-labor Section 301 duties).
    Prefixes {
        /// The excluded prefixes.
        prefixes: Vec<HsCode>,
        /// The heading declared for the excluded goods.
        heading: HsCode,
    },
    /// The measure does not apply when the importer claims the exemption on the line: a
    /// chapter-99 heading in the line's `claims` (donations, informational materials, civil
    /// aircraft...), or, with `usmca`, goods entered under the USMCA (the line's `usmca`).
    Claim {
        /// The heading declared for the exemption (and the claim that makes it, unless
        /// `usmca` is set).
        heading: HsCode,
        /// The claim is that the goods qualify for the USMCA (general note 11).
        #[serde(default)]
        usmca: bool,
        /// Only goods of these origins can claim it (empty: any origin).
        #[serde(default)]
        origins: Vec<CountryCode>,
    },
}

/// A chapter-99 heading or an inclusive range of them, written `"9903.02.19"` or
/// `"9903.02.02-9903.02.91"` (an en dash also separates).
///
/// # Example
/// ```
/// use landed_cost::tariff::HeadingRange;
/// let r: HeadingRange = serde_json::from_str("\"9903.02.02-9903.02.91\"")?;
/// assert!(r.contains(&"9903.02.69".parse()?) && !r.contains(&"9903.01.25".parse()?));
/// assert_eq!(r.to_string(), "9903.02.02-9903.02.91");
/// let one: HeadingRange = "9903.82.02".parse()?;
/// assert!(one.contains(&"9903.82.02".parse()?) && !one.contains(&"9903.82.03".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HeadingRange {
    first: HsCode,
    last: HsCode,
}

impl HeadingRange {
    /// Whether `heading` is in the range.
    ///
    /// # Example
    /// See [`HeadingRange`].
    #[must_use]
    pub fn contains(&self, heading: &HsCode) -> bool {
        self.first <= *heading && *heading <= self.last
    }
}

impl std::str::FromStr for HeadingRange {
    type Err = crate::error::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (first, last) = match s.split_once(['-', '\u{2013}']) {
            Some((a, b)) => (a.trim().parse::<HsCode>()?, b.trim().parse::<HsCode>()?),
            None => {
                let one = s.trim().parse::<HsCode>()?;
                (one, one)
            }
        };
        if last < first || first.len() != last.len() {
            return Err(crate::error::Error::invalid(
                "heading range",
                format!("{s:?} is not a range from a heading to a later one of the same length"),
            ));
        }
        Ok(HeadingRange { first, last })
    }
}

serde_as_text!(HeadingRange);

impl std::fmt::Display for HeadingRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.first == self.last {
            write!(f, "{}", self.first)
        } else {
            write!(f, "{}-{}", self.first, self.last)
        }
    }
}

/// A duty that brings the total with the column 1 (MFN) duty up to a floor: "15% total,
/// including MFN" under the 2025 frameworks with the EU, Japan, Korea and Switzerland, and the
/// forced-labor Section 301 floors of 2026. Where the MFN duty (its ad valorem equivalent for a
/// specific or compound rate) is already at or above the floor, no additional duty is due and
/// the goods are declared under `met_heading`.
///
/// # Example
/// ```
/// use landed_cost::tariff::Floor;
/// let f: Floor = serde_json::from_str(r#"{"total": "15%", "met_heading": "9903.02.19"}"#)?;
/// assert_eq!(f.additional("2.5%".parse()?).to_string(), "12.5%");
/// assert_eq!(f.additional("20%".parse()?).to_string(), "0%");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Floor {
    /// The total duty, MFN included, the measure brings the goods up to.
    pub total: Rate,
    /// The heading declared where the MFN duty already meets the floor.
    pub met_heading: HsCode,
}

impl Floor {
    /// The additional rate for goods whose MFN ad valorem (equivalent) rate is `mfn`: the
    /// floor less `mfn`, never below zero.
    ///
    /// # Example
    /// See [`Floor`].
    #[must_use]
    pub fn additional(&self, mfn: Rate) -> Rate {
        if mfn >= self.total {
            return Rate::ZERO;
        }
        // Both are percentages in range, so their difference is one too.
        self.total
            .fraction()
            .checked_sub(mfn.fraction())
            .and_then(|f| Rate::from_fraction(f).ok())
            .unwrap_or(Rate::ZERO)
    }
}

/// How well a measure's facts are sourced, as the project's fact base labels them.
///
/// # Example
/// ```
/// use landed_cost::tariff::Evidence;
/// assert_eq!(serde_json::from_str::<Evidence>("\"one_source\"")?, Evidence::OneSource);
/// assert!(Evidence::OneSource.needs_warning() && !Evidence::Confirmed.needs_warning());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Evidence {
    /// Official text (an HTS revision, an executive order, a notice), or two or more
    /// independent sources.
    #[default]
    Confirmed,
    /// One source only.
    OneSource,
    /// Inferred from other facts.
    Inferred,
    /// The sources disagree; the data follows one reading and its note gives the other.
    Conflict,
}

impl Evidence {
    /// Whether a result that uses the fact should say so.
    ///
    /// # Example
    /// See [`Evidence`].
    #[must_use]
    pub fn needs_warning(self) -> bool {
        self != Evidence::Confirmed
    }

    /// How the fact base labels the evidence ("one source only", ...).
    ///
    /// # Example
    /// ```
    /// assert_eq!(landed_cost::tariff::Evidence::Conflict.label(), "the sources disagree");
    /// ```
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Evidence::Confirmed => "confirmed",
            Evidence::OneSource => "one source only",
            Evidence::Inferred => "inferred",
            Evidence::Conflict => "the sources disagree",
        }
    }
}

/// A dated tariff measure: an additional duty (or an exemption) with its scope, validity, rules
/// and sources.
///
/// # Example
/// ```
/// use landed_cost::tariff::{Authority, Measure};
/// let json = r#"{
///   "key": "ieepa_fentanyl_cn_10",
///   "heading": "9903.01.20",
///   "authority": "ieepa_fentanyl",
///   "title": "IEEPA fentanyl duty on goods of China and Hong Kong",
///   "importer": "US",
///   "origins": {"only": ["CN", "HK"]},
///   "products": "all",
///   "rate": "10%",
///   "valid_from": "2025-02-04",
///   "valid_until": "2025-03-04",
///   "in_transit": [{"heading": "9903.01.23", "loaded_before": "2025-02-01",
///                   "entered_before": "2025-03-07", "treatment": "exempt"}],
///   "sources": ["EO 14195"]
/// }"#;
/// let m: Measure = serde_json::from_str(json)?;
/// assert_eq!(m.authority, Authority::IeepaFentanyl);
/// assert!(m.in_force("2025-02-04".parse()?) && !m.in_force("2025-03-04".parse()?));
/// assert!(m.in_transit[0].matches("2025-01-31".parse()?, "2025-02-10".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Measure {
    /// A unique key (several measures may share a heading over time).
    pub key: String,
    /// The chapter-99 heading declared for the duty.
    pub heading: HsCode,
    /// The legal authority.
    pub authority: Authority,
    /// A one-line title.
    pub title: String,
    /// The importing country.
    pub importer: CountryCode,
    /// Which origins.
    pub origins: OriginScope,
    /// Which products.
    pub products: ProductScope,
    /// The additional duty.
    pub rate: DutyRate,
    /// What the rate is applied to.
    #[serde(default)]
    pub base: Base,
    /// First entry date in force.
    pub valid_from: NaiveDate,
    /// First entry date no longer in force (`None`: still in force).
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
    /// In-transit rules, tried in order; the first that matches decides.
    #[serde(default)]
    pub in_transit: Vec<InTransitRule>,
    /// What excludes the measure.
    #[serde(default)]
    pub exclusions: Vec<Exclusion>,
    /// Whether another measure of the same authority may apply to the same goods at once.
    #[serde(default)]
    pub stacks: bool,
    /// Goods with at least this share of US content pay only on the non-US content.
    #[serde(default)]
    pub us_content_threshold: Option<Rate>,
    /// The measure applies only when the importer claims it (product exclusions whose
    /// descriptions are narrower than the HTS lines that reference them).
    #[serde(default)]
    pub claim_required: bool,
    /// The duty brings the total with the MFN duty up to a floor instead of adding `rate`
    /// (then `rate` is the floor as the heading prints it, "15%").
    #[serde(default)]
    pub floor: Option<Floor>,
    /// How well the measure's facts are sourced; a result that uses a measure not confirmed
    /// says so in a warning.
    #[serde(default)]
    pub evidence: Evidence,
    /// A warning to attach to every result the measure applies to.
    #[serde(default)]
    pub warning: Option<String>,
    /// Why the official HTS revisions may not print the measure's heading with its rate
    /// (checked by the crate's official-schedule test, which accepts a disagreement only where
    /// the data gives the reason).
    #[serde(default)]
    pub schedule_note: Option<String>,
    /// Citations: executive orders, Federal Register notices, CSMS messages, HTS headings.
    pub sources: Vec<String>,
    /// A note (what is assumed, what is unconfirmed).
    #[serde(default)]
    pub note: Option<String>,
    /// The sources joined for display, kept up to date by the book that holds the measure.
    #[serde(skip)]
    pub(crate) citation: std::sync::Arc<str>,
}

impl Measure {
    /// The sources as one line ("EO 14195; CSMS 64299816; ...").
    ///
    /// # Example
    /// ```
    /// let book = landed_cost::TariffBook::embedded();
    /// let m = book.measures().iter().find(|m| m.key == "ieepa_fentanyl_cn_20").unwrap();
    /// assert!(m.citation().starts_with("EO 14195"));
    /// ```
    #[must_use]
    pub fn citation(&self) -> &str {
        &self.citation
    }

    /// Whether the measure is in force for goods entered on `date`.
    ///
    /// # Example
    /// See [`Measure`].
    #[must_use]
    pub fn in_force(&self, date: NaiveDate) -> bool {
        self.validity().contains(date)
    }

    /// The entry dates the measure is in force: `valid_from` (inclusive) until `valid_until`
    /// (exclusive), as one [`Validity`](crate::Validity).
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::TariffBook;
    /// let m = TariffBook::embedded().measures().iter().find(|m| m.key == "ieepa_fentanyl_cn_10").ok_or("missing")?;
    /// assert_eq!(m.validity().from, m.valid_from);
    /// assert!(m.validity().contains(m.valid_from));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn validity(&self) -> crate::validity::Validity {
        crate::validity::Validity::new(self.valid_from, self.valid_until)
    }
}
