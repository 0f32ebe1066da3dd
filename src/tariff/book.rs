//! [`TariffBook`]: the tariff schedule plus the dated measures, and what applies to goods.

use std::borrow::Cow;
use std::collections::HashSet;
#[cfg(feature = "embedded-data")]
use std::io::Read;
use std::sync::Arc;
#[cfg(feature = "embedded-data")]
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::country::CountryCode;
use crate::error::{Error, Result};
use crate::hs::HsCode;
use crate::landed::UsRules;
use crate::market::Markets;
use crate::money::Rate;
use crate::tariff::hts::{Edition, Hts, HtsLine};
use crate::tariff::measure::{
    Authority, Base, Exclusion, Floor, Measure, OriginScope, ProductScope, Treatment,
};
use crate::tariff::product_list::ProductList;
use crate::tariff::reason::{AppliedReason, ExclusionReason};
use crate::tariff::DutyRate;
use crate::warning::{Warning, WarningCode};

/// A set of measures as stored in JSON: `{"measures": [...]}`.
///
/// # Example
/// ```
/// use landed_cost::tariff::MeasureSet;
/// let set: MeasureSet = serde_json::from_str(r#"{"measures": []}"#)?;
/// assert!(set.measures.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[non_exhaustive]
pub struct MeasureSet {
    /// A description of the set and its sources.
    #[serde(default)]
    pub about: Option<String>,
    /// The measures.
    pub measures: Vec<Measure>,
}

#[cfg(feature = "embedded-data")]
/// The embedded US measures and product lists.
const EMBEDDED_MEASURES: &str = include_str!("../../data/us/measures.json");
#[cfg(feature = "embedded-data")]
/// The embedded US measures for every origin (country rates, Canada and Mexico, the 2026
/// actions), merged after [`EMBEDDED_MEASURES`].
const EMBEDDED_MEASURES_ALL_ORIGINS: &str = include_str!("../../data/us/measures_all_origins.json");
#[cfg(feature = "embedded-data")]
const EMBEDDED_LISTS: [(&str, &str); 10] = [
    ("annex_ii", include_str!("../../data/us/lists/annex_ii.csv")),
    (
        "s232_steel_aluminum",
        include_str!("../../data/us/lists/s232_steel_aluminum.csv"),
    ),
    (
        "s232_copper",
        include_str!("../../data/us/lists/s232_copper.csv"),
    ),
    (
        "s232_auto_parts",
        include_str!("../../data/us/lists/s232_auto_parts.csv"),
    ),
    (
        "s122_exempt",
        include_str!("../../data/us/lists/s122_exempt.csv"),
    ),
    (
        "fentanyl_carveout",
        include_str!("../../data/us/lists/fentanyl_carveout.csv"),
    ),
    (
        "s301_brazil_exempt",
        include_str!("../../data/us/lists/s301_brazil_exempt.csv"),
    ),
    (
        "s201_quartz",
        include_str!("../../data/us/lists/s201_quartz.csv"),
    ),
    (
        "s232_annex_2026",
        include_str!("../../data/us/lists/s232_annex_2026.csv"),
    ),
    (
        "s301fl_country_exempt",
        include_str!("../../data/us/lists/s301fl_country_exempt.csv"),
    ),
];

/// The tariff schedule (HTS editions), the dated measures and the product lists they use.
///
/// # Example
/// ```
/// use landed_cost::{tariff::{Authority, TariffBook}, CountryCode};
/// let book = TariffBook::embedded();
/// let what = book.applicable(&"6402.99.90".parse()?, CountryCode::CN, "2025-04-15".parse()?, None)?;
/// let authorities: Vec<Authority> = what.applied.iter().map(|a| a.authority).collect();
/// assert_eq!(
///     authorities,
///     [Authority::Mfn, Authority::Section301, Authority::IeepaFentanyl, Authority::IeepaReciprocal]
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct TariffBook {
    hts: Cow<'static, Hts>,
    measures: Vec<Arc<Measure>>,
    /// Few lists, looked up by name on every call: a short vector beats hashing the name.
    lists: Vec<ProductList>,
    us_rules: UsRules,
    /// The import rules of the other markets.
    markets: Cow<'static, Markets>,
    /// Which US measures each origin can be subject to, rebuilt whenever measures change.
    by_origin: OriginIndex,
    /// What finding what applies needs of each measure, parallel to `measures`; rebuilt
    /// whenever measures or lists change.
    links: Vec<MeasureLinks>,
    /// The last dated change of the US rules ([`TariffBook::known_through`]), kept up to date
    /// by every change to them.
    known_through: NaiveDate,
}

/// What finding what applies needs of a measure, resolved once: the product lists it names, by
/// their places in the book's lists (so no names are compared), and the chapters its products
/// can be in.
#[derive(Debug, Clone, Default)]
struct MeasureLinks {
    /// The list of a [`ProductScope::List`].
    scope: Option<usize>,
    /// For each of the measure's exclusions in order, the list of an [`Exclusion::List`].
    exclusions: Vec<Option<usize>>,
    /// Bit `c` is set for each HS chapter `c` the measure's products can be in (every chapter
    /// for a measure on all products): a measure whose bit is clear for the goods' chapter
    /// cannot cover them, and is passed over without looking at its scope.
    chapters: u128,
}

impl MeasureLinks {
    fn build(measures: &[Arc<Measure>], lists: &[ProductList], hts: &Hts) -> Vec<MeasureLinks> {
        let find = |name: &str| lists.iter().position(|l| l.name() == name);
        let chapters_of = |m: &Measure, scope: Option<usize>| -> u128 {
            match &m.products {
                ProductScope::All => u128::MAX,
                ProductScope::Prefixes { include, .. } => {
                    include.iter().fold(0, |bits, p| bits | p.chapter_bit())
                }
                ProductScope::HtsReference(heading) => hts.chapters_referring_to(heading),
                ProductScope::List { .. } => scope.and_then(|i| lists.get(i)).map_or(0, |l| {
                    l.entries()
                        .iter()
                        .fold(0, |bits, e| bits | e.prefix.chapter_bit())
                }),
                ProductScope::NotModelled { prefixes } => {
                    prefixes.iter().fold(0, |bits, p| bits | p.chapter_bit())
                }
            }
        };
        measures
            .iter()
            .map(|m| {
                let scope = match &m.products {
                    ProductScope::List { name, .. } => find(name),
                    _ => None,
                };
                MeasureLinks {
                    scope,
                    exclusions: m
                        .exclusions
                        .iter()
                        .map(|e| match e {
                            Exclusion::List { name, .. } => find(name),
                            _ => None,
                        })
                        .collect(),
                    chapters: chapters_of(m, scope),
                }
            })
            .collect()
    }
}

/// The indices of the US measures whose origin scope holds each origin the data names, and of
/// those that hold every origin it does not name, each split by the periods in which the same
/// measures are in force: finding what applies on a date looks only at the measures in force.
#[derive(Debug, Clone, Default)]
struct OriginIndex {
    named: Vec<(CountryCode, Periods)>,
    others: Periods,
}

/// Measures by the periods in which the same ones are in force.
#[derive(Debug, Clone, Default)]
struct Periods {
    /// The first day of each period, ascending: every date a measure starts or ends.
    starts: Vec<NaiveDate>,
    /// The measures in force in each period, by authority, then in the order of the data.
    in_force: Vec<Vec<usize>>,
}

impl Periods {
    fn build(measures: &[Arc<Measure>], indices: Vec<usize>) -> Periods {
        let mut starts: Vec<NaiveDate> = indices
            .iter()
            .filter_map(|i| measures.get(*i))
            .flat_map(|m| std::iter::once(m.valid_from).chain(m.valid_until))
            .collect();
        starts.sort_unstable();
        starts.dedup();
        // In the order charges are presented (by authority, then as in the data), so that
        // what applies comes out in that order.
        let mut indices = indices;
        indices.sort_by_key(|i| measures.get(*i).map(|m| m.authority));
        let in_force = starts
            .iter()
            .map(|day| {
                indices
                    .iter()
                    .copied()
                    .filter(|i| measures.get(*i).is_some_and(|m| m.in_force(*day)))
                    .collect()
            })
            .collect();
        Periods { starts, in_force }
    }

    /// The measures in force on `date`.
    fn on(&self, date: NaiveDate) -> &[usize] {
        let period = self.starts.partition_point(|start| *start <= date);
        period
            .checked_sub(1)
            .and_then(|p| self.in_force.get(p))
            .map_or(&[], Vec::as_slice)
    }
}

impl OriginIndex {
    fn build(measures: &[Arc<Measure>]) -> OriginIndex {
        let us: Vec<(usize, &Arc<Measure>)> = measures
            .iter()
            .enumerate()
            .filter(|(_, m)| m.importer == CountryCode::US)
            .collect();
        let mut named: Vec<CountryCode> = us
            .iter()
            .flat_map(|(_, m)| match &m.origins {
                OriginScope::Only(list) | OriginScope::AllExcept(list) => list.iter().copied(),
            })
            .collect();
        named.sort_unstable();
        named.dedup();
        let periods = |origin: Option<CountryCode>| -> Periods {
            let indices = us
                .iter()
                .filter(|(_, m)| match origin {
                    Some(o) => m.origins.contains(o),
                    None => matches!(m.origins, OriginScope::AllExcept(_)),
                })
                .map(|(i, _)| *i)
                .collect();
            Periods::build(measures, indices)
        };
        OriginIndex {
            named: named.iter().map(|o| (*o, periods(Some(*o)))).collect(),
            others: periods(None),
        }
    }

    /// The measures an origin's goods can be subject to on `date`.
    fn get(&self, origin: CountryCode, date: NaiveDate) -> &[usize] {
        self.named
            .binary_search_by_key(&origin, |(o, _)| *o)
            .ok()
            .and_then(|i| self.named.get(i))
            .map_or(&self.others, |(_, p)| p)
            .on(date)
    }
}

/// What the importer claims for a line: chapter-99 exemption headings (a Section 301 product
/// exclusion such as 9903.88.69, donations 9903.01.30, informational materials 9903.01.31) and
/// whether the goods are entered under the USMCA. A measure whose exemption needs a claim is
/// charged when the claim is absent, and the result says so.
///
/// # Example
/// ```
/// use landed_cost::tariff::Claims;
/// let headings = ["9903.01.31".parse()?];
/// let claims = Claims::headings(&headings).with_usmca(true);
/// assert!(claims.claims_usmca() && claims.claims_heading(&"9903.01.31".parse()?));
/// assert!(!Claims::NONE.claims_usmca());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Claims<'a> {
    headings: &'a [HsCode],
    usmca: bool,
}

impl<'a> Claims<'a> {
    /// No claims.
    pub const NONE: Claims<'static> = Claims {
        headings: &[],
        usmca: false,
    };

    /// Claims of these exemption headings.
    ///
    /// # Example
    /// See [`Claims`].
    #[must_use]
    pub const fn headings(headings: &'a [HsCode]) -> Claims<'a> {
        Claims {
            headings,
            usmca: false,
        }
    }

    /// The same claims, with the goods entered under the USMCA (or not).
    ///
    /// # Example
    /// See [`Claims`].
    #[must_use]
    pub const fn with_usmca(self, usmca: bool) -> Claims<'a> {
        Claims { usmca, ..self }
    }

    /// Whether the importer claims `heading`.
    ///
    /// # Example
    /// See [`Claims`].
    #[must_use]
    pub fn claims_heading(&self, heading: &HsCode) -> bool {
        self.headings.contains(heading)
    }

    /// Whether the goods are entered under the USMCA.
    ///
    /// # Example
    /// See [`Claims`].
    #[must_use]
    pub const fn claims_usmca(&self) -> bool {
        self.usmca
    }
}

/// A measure (or the MFN duty) that applies to goods, with the rate, base and reason.
///
/// # Example
/// See [`TariffBook`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Applied<'a> {
    /// The authority.
    pub authority: Authority,
    /// The heading declared (the HTS line itself for MFN).
    pub heading: HsCode,
    /// The rate charged.
    pub rate: &'a DutyRate,
    /// What the rate is applied to.
    pub base: Base,
    /// Goods with at least this share of US content pay only on the non-US content.
    pub us_content_threshold: Option<Rate>,
    /// The duty tops the total with the MFN duty up to this floor instead of adding `rate`
    /// (see [`Floor`]); [`Applied::additional_rate`] gives the rate for an MFN rate.
    pub floor: Option<Floor>,
    /// The measure (`None` for the MFN duty).
    pub measure: Option<&'a Arc<Measure>>,
    /// Why it applies; displays as one line.
    pub reason: AppliedReason<'a>,
}

impl Applied<'_> {
    /// The ad valorem rate this duty adds for goods whose MFN ad valorem (equivalent) rate is
    /// `mfn`: the floor less `mfn` for a floor measure, the measure's own rate where it is a
    /// single percentage, `None` for a specific or compound rate.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::TariffBook, CountryCode};
    /// let book = TariffBook::embedded();
    /// // Wooden furniture from Germany (MFN free) after 7 August 2025: topped up to 15%.
    /// let what = book.applicable(&"9403.60.80".parse()?, "DE".parse()?, "2025-09-10".parse()?, None)?;
    /// let reciprocal = what.applied.iter().find(|a| a.floor.is_some()).unwrap();
    /// assert_eq!(reciprocal.additional_rate("0%".parse()?).map(|r| r.to_string()), Some("15%".into()));
    /// assert_eq!(reciprocal.heading.to_string(), "9903.02.20");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn additional_rate(&self, mfn: Rate) -> Option<Rate> {
        match self.floor {
            Some(floor) => Some(floor.additional(mfn)),
            None => self.rate.ad_valorem_rate(),
        }
    }

    /// The measure's key, or `"mfn"`.
    ///
    /// # Example
    /// See [`TariffBook::applicable`].
    #[must_use]
    pub fn key(&self) -> &str {
        self.measure.map_or("mfn", |m| m.key.as_str())
    }

    /// The citations for the charge.
    ///
    /// # Example
    /// See [`TariffBook::applicable`].
    #[must_use]
    pub fn sources(&self) -> &[String] {
        self.measure.map_or(&[], |m| m.sources.as_slice())
    }

    /// The sources as one line (empty for the MFN duty).
    ///
    /// # Example
    /// See [`TariffBook::applicable`].
    #[must_use]
    pub fn citation(&self) -> &str {
        self.measure.map_or("", |m| m.citation())
    }
}

/// A measure that covers the goods on the date but does not apply, and why.
///
/// # Example
/// See [`TariffBook::applicable`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Excluded<'a> {
    /// The measure.
    pub measure: &'a Arc<Measure>,
    /// The heading declared for the exemption, where there is one.
    pub heading: Option<HsCode>,
    /// Why it does not apply; displays as one line.
    pub reason: ExclusionReason<'a>,
}

/// What applies to goods of a code and origin entered on a date.
///
/// # Example
/// See [`TariffBook::applicable`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Applicability<'a> {
    /// The HTS line used.
    pub line: &'a HtsLine,
    /// The HTS edition in force on the entry date.
    pub edition: &'a Edition,
    /// The MFN duty and each measure that applies, ordered by authority (MFN, Section 301,
    /// Section 232, IEEPA fentanyl, IEEPA reciprocal, Section 122), then as in the data.
    pub applied: Vec<Applied<'a>>,
    /// Each measure that covers the goods and date but was excluded, with the reason.
    pub excluded: Vec<Excluded<'a>>,
    /// Assumptions and gaps the caller should know of.
    pub warnings: Vec<Warning>,
}

/// What [`TariffBook::applicable_into`] finds besides the applied duties.
pub(crate) struct Found<'a> {
    pub(crate) line: &'a HtsLine,
    pub(crate) edition: &'a Edition,
    pub(crate) excluded: Vec<Excluded<'a>>,
    pub(crate) warnings: Vec<Warning>,
}

/// Where finding what applies reports the measures it excluded and its warnings.
pub(crate) trait Notes<'a> {
    /// A measure that covers the goods but does not apply.
    fn exclude(&mut self, excluded: Excluded<'a>);
    /// A warning; `message` is called only by a sink that keeps messages.
    fn warn<M: Into<Cow<'static, str>>>(&mut self, code: WarningCode, message: impl FnOnce() -> M);
}

/// Notes that keep everything (what [`TariffBook::applicable`] reports).
#[derive(Default)]
pub(crate) struct AllNotes<'a> {
    pub(crate) excluded: Vec<Excluded<'a>>,
    pub(crate) warnings: Vec<Warning>,
}

impl<'a> Notes<'a> for AllNotes<'a> {
    fn exclude(&mut self, excluded: Excluded<'a>) {
        self.excluded.push(excluded);
    }
    fn warn<M: Into<Cow<'static, str>>>(&mut self, code: WarningCode, message: impl FnOnce() -> M) {
        self.warnings.push(Warning::new(code, message()));
    }
}

/// A growable list of applied duties: a `Vec`, or a `SmallVec` on the caller's stack.
pub(crate) trait Buffer<T>: std::ops::DerefMut<Target = [T]> {
    fn push(&mut self, item: T);
    fn remove(&mut self, index: usize) -> T;
    fn retain(&mut self, keep: impl FnMut(&mut T) -> bool);
    fn clear(&mut self);
}

impl<T> Buffer<T> for Vec<T> {
    fn push(&mut self, item: T) {
        Vec::push(self, item);
    }
    fn remove(&mut self, index: usize) -> T {
        Vec::remove(self, index)
    }
    fn retain(&mut self, keep: impl FnMut(&mut T) -> bool) {
        self.retain_mut(keep);
    }
    fn clear(&mut self) {
        Vec::clear(self);
    }
}

impl<A: smallvec::Array> Buffer<A::Item> for smallvec::SmallVec<A> {
    fn push(&mut self, item: A::Item) {
        smallvec::SmallVec::push(self, item);
    }
    fn remove(&mut self, index: usize) -> A::Item {
        smallvec::SmallVec::remove(self, index)
    }
    fn retain(&mut self, keep: impl FnMut(&mut A::Item) -> bool) {
        smallvec::SmallVec::retain(self, keep);
    }
    fn clear(&mut self) {
        smallvec::SmallVec::clear(self);
    }
}

impl Applicability<'_> {
    /// The sum of the ad valorem rates applied on the full value (MFN included), for display.
    /// Specific rates and rates on other bases are not included.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::TariffBook, CountryCode};
    /// let what = TariffBook::embedded().applicable(&"6402.99.90".parse()?, CountryCode::CN, "2025-04-15".parse()?, None)?;
    /// assert_eq!(what.ad_valorem_total()?.to_string(), "172.5%"); // 20 + 7.5 + 20 + 125
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Overflow`] in theory only.
    pub fn ad_valorem_total(&self) -> Result<Rate> {
        let mfn = self
            .applied
            .first()
            .and_then(|a| a.rate.ad_valorem_rate())
            .unwrap_or(Rate::ZERO);
        self.applied
            .iter()
            .filter(|a| a.base == Base::FullValue)
            .filter_map(|a| a.additional_rate(mfn))
            .try_fold(Rate::ZERO, Rate::checked_add)
    }
}

impl TariffBook {
    #[cfg(feature = "embedded-data")]
    /// The embedded book: the embedded HTS editions, the US measures of 2025–2026 for goods of
    /// China, Hong Kong and Macau (and the measures that apply to every origin), and the product
    /// lists they use. Built once, then shared.
    ///
    /// # Example
    /// See [`TariffBook`].
    #[must_use]
    #[allow(clippy::panic)] // The embedded data is verified by the test suite.
    pub fn embedded() -> &'static TariffBook {
        static BOOK: OnceLock<TariffBook> = OnceLock::new();
        BOOK.get_or_init(|| match TariffBook::parse_embedded() {
            Ok(book) => book,
            // Checked by `tests/us_measures.rs`; reaching this is a build defect, not bad input.
            Err(e) => panic!("the embedded tariff book is corrupt: {e}"),
        })
    }

    #[cfg(feature = "embedded-data")]
    /// Parses the embedded book (what [`TariffBook::embedded`] caches).
    ///
    /// # Errors
    /// [`Error::Data`] if the embedded data is malformed (a build defect).
    ///
    /// # Example
    /// ```
    /// let book = landed_cost::tariff::TariffBook::parse_embedded()?;
    /// assert!(book.measures().len() > 20);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse_embedded() -> Result<TariffBook> {
        let mut book = TariffBook::from_json_reader(EMBEDDED_MEASURES.as_bytes())?;
        let more: MeasureSet =
            serde_json::from_str(EMBEDDED_MEASURES_ALL_ORIGINS).map_err(|e| Error::Data {
                source_name: "measures_all_origins.json".to_owned(),
                line: u64::try_from(e.line()).unwrap_or(0),
                field: String::new(),
                reason: e.to_string(),
            })?;
        book.merge(more)?;
        book.hts = Cow::Borrowed(Hts::embedded());
        book.refresh_horizon();
        Ok(book)
    }

    #[cfg(feature = "embedded-data")]
    /// A book with the embedded HTS and product lists and exactly the measures in `reader`
    /// (a [`MeasureSet`] JSON document).
    ///
    /// # Errors
    /// [`Error::Data`] for malformed JSON or an invalid measure (duplicate key, validity that
    /// ends before it starts, an unknown product list, no source).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::TariffBook, CountryCode};
    /// let json = r#"{"measures": [{"key": "demo", "heading": "9903.99.99", "authority": "other",
    ///   "title": "A test duty", "importer": "US", "origins": {"only": ["VN"]}, "products": "all",
    ///   "rate": "5%", "valid_from": "2025-01-01", "sources": ["example"]}]}"#;
    /// let book = TariffBook::from_json_reader(json.as_bytes())?;
    /// let what = book.applicable(&"6402.99.90".parse()?, CountryCode::VN, "2025-06-01".parse()?, None)?;
    /// assert_eq!(what.applied.len(), 2); // MFN and the demo duty
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json_reader<R: Read>(reader: R) -> Result<TariffBook> {
        let set: MeasureSet = serde_json::from_reader(reader).map_err(|e| Error::Data {
            source_name: "measures JSON".to_owned(),
            line: u64::try_from(e.line()).unwrap_or(0),
            field: String::new(),
            reason: e.to_string(),
        })?;
        let lists = EMBEDDED_LISTS
            .iter()
            .map(|(name, csv)| ProductList::from_csv_reader(name, csv.as_bytes()))
            .collect::<Result<Vec<_>>>()?;
        let mut book = TariffBook {
            hts: Cow::Borrowed(Hts::embedded()),
            measures: Vec::new(),
            by_origin: OriginIndex::default(),
            links: Vec::new(),
            lists,
            us_rules: UsRules::embedded()?,
            markets: Cow::Borrowed(Markets::embedded()),
            known_through: NaiveDate::MIN,
        };
        book.merge(set)?;
        Ok(book)
    }

    /// A book of an HTS and the US entry rules, with no measures, no product lists and no other
    /// markets: add them with [`TariffBook::merge`], [`TariffBook::add_list`] and
    /// [`TariffBook::with_markets`]. This is how a build without the `embedded-data` feature
    /// assembles a book from the files it loads.
    ///
    /// # Example
    /// ```
    /// use landed_cost::landed::UsRules;
    /// use landed_cost::tariff::hts::{Edition, Hts, HtsSchedule};
    /// use landed_cost::tariff::{MeasureSet, TariffBook};
    /// let hts = Hts::new(vec![Edition::new("mine", "2025-01-01".parse()?, "my export", HtsSchedule::default())])?;
    /// let fees = r#"{"mpf": {"rate": "0.3464%", "formal_entry_threshold": "2500", "fiscal_years": []},
    ///                "hmf": {"rate": "0.125%", "sources": ["19 CFR 24.24"]}}"#;
    /// let low_value = r#"{"de_minimis": [], "postal": []}"#;
    /// let rules = UsRules::from_json_readers(fees.as_bytes(), low_value.as_bytes())?;
    /// let mut book = TariffBook::new(hts, rules);
    /// book.merge(MeasureSet::default())?;
    /// assert!(book.measures().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(hts: Hts, us_rules: UsRules) -> TariffBook {
        let mut book = TariffBook {
            hts: Cow::Owned(hts),
            measures: Vec::new(),
            by_origin: OriginIndex::default(),
            links: Vec::new(),
            lists: Vec::new(),
            us_rules,
            markets: Cow::Owned(Markets::default()),
            known_through: NaiveDate::MIN,
        };
        book.refresh_horizon();
        book
    }

    /// Recomputes [`TariffBook::known_through`] after the rules changed.
    fn refresh_horizon(&mut self) {
        self.known_through = crate::tariff::horizon::last_change(
            &self.measures,
            &self.lists,
            &self.hts,
            &self.us_rules,
        );
    }

    /// The last dated change of the US rules.
    pub(crate) fn horizon(&self) -> NaiveDate {
        self.known_through
    }

    /// Adds measures, replacing those with the same key.
    ///
    /// # Errors
    /// [`Error::Data`] for an invalid measure (see [`TariffBook::from_json_reader`]).
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::{MeasureSet, TariffBook};
    /// let mut book = TariffBook::embedded().clone();
    /// let n = book.measures().len();
    /// book.merge(MeasureSet::default())?;
    /// assert_eq!(book.measures().len(), n);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn merge(&mut self, set: MeasureSet) -> Result<()> {
        let mut seen = HashSet::new();
        for m in &set.measures {
            self.validate(m)?;
            if !seen.insert(m.key.clone()) {
                return Err(invalid(
                    m,
                    "key",
                    "appears twice in the set; keys must be unique".to_owned(),
                ));
            }
        }
        for mut m in set.measures {
            m.citation = m.sources.join("; ").into();
            match self.measures.iter_mut().find(|old| old.key == m.key) {
                Some(old) => *old = Arc::new(m),
                None => self.measures.push(Arc::new(m)),
            }
        }
        self.by_origin = OriginIndex::build(&self.measures);
        self.links = MeasureLinks::build(&self.measures, &self.lists, &self.hts);
        self.refresh_horizon();
        Ok(())
    }

    /// Adds a product list (or replaces the one with the same name).
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::{ProductList, TariffBook};
    /// let mut book = TariffBook::embedded().clone();
    /// book.add_list(ProductList::from_csv_reader("mine", "prefix,from,until,tag,source\n".as_bytes())?);
    /// assert!(book.list("mine").is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_list(&mut self, list: ProductList) {
        match self.lists.iter_mut().find(|l| l.name() == list.name()) {
            Some(old) => *old = list,
            None => self.lists.push(list),
        }
        self.links = MeasureLinks::build(&self.measures, &self.lists, &self.hts);
        self.refresh_horizon();
    }

    /// A product list by name.
    ///
    /// # Example
    /// ```
    /// assert!(landed_cost::tariff::TariffBook::embedded().list("annex_ii").is_some());
    /// ```
    #[must_use]
    pub fn list(&self, name: &str) -> Option<&ProductList> {
        self.lists.iter().find(|l| l.name() == name)
    }

    /// The import rules of the markets other than the US.
    ///
    /// # Example
    /// ```
    /// let book = landed_cost::TariffBook::embedded();
    /// assert!(book.markets().for_importer("JP".parse()?).is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn markets(&self) -> &Markets {
        &self.markets
    }

    /// Uses other US entry rules: fees and low-value rules read with
    /// [`UsRules::from_json_readers`], for example with a fiscal year's MPF figures added.
    ///
    /// # Example
    /// ```
    /// use landed_cost::landed::UsRules;
    /// use landed_cost::TariffBook;
    /// let fees = r#"{"mpf": {"rate": "0.3464%", "formal_entry_threshold": "2500", "fiscal_years": [
    ///     {"fiscal_year": 2099, "from": "2098-10-01", "until": "2099-10-01", "minimum": "40.00",
    ///      "maximum": "800.00", "informal_automated": "3.00", "sources": ["a future notice"]}]},
    ///   "hmf": {"rate": "0.125%", "sources": ["19 CFR 24.24"]}}"#;
    /// let rules = UsRules::from_json_readers(fees.as_bytes(), r#"{"de_minimis": [], "postal": []}"#.as_bytes())?;
    /// let book = TariffBook::embedded().clone().with_us_rules(rules);
    /// assert!(book.us_rules().mpf_year("2099-01-15".parse()?).is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_us_rules(mut self, us_rules: UsRules) -> TariffBook {
        self.us_rules = us_rules;
        self.refresh_horizon();
        self
    }

    /// Uses other markets' import rules (for example the embedded ones with a market added).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{market::Markets, TariffBook};
    /// let book = TariffBook::embedded().clone().with_markets(Markets::default());
    /// assert!(book.markets().for_importer("DE".parse()?).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_markets(mut self, markets: Markets) -> TariffBook {
        self.markets = Cow::Owned(markets);
        self
    }

    /// Uses other HTS editions (for example built from newer exports).
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::{hts::Hts, TariffBook};
    /// let book = TariffBook::embedded().clone().with_hts(Hts::embedded().clone());
    /// assert_eq!(book.hts().editions().len(), 3);
    /// ```
    #[must_use]
    pub fn with_hts(mut self, hts: Hts) -> TariffBook {
        self.hts = Cow::Owned(hts);
        self.refresh_horizon();
        self
    }

    /// The US entry fees and low-value rules the calculator uses.
    ///
    /// # Example
    /// ```
    /// let rules = landed_cost::TariffBook::embedded().us_rules();
    /// assert_eq!(rules.fees.mpf.rate.to_string(), "0.3464%");
    /// ```
    #[must_use]
    pub fn us_rules(&self) -> &UsRules {
        &self.us_rules
    }

    /// The HTS editions.
    ///
    /// # Example
    /// See [`TariffBook::with_hts`].
    #[must_use]
    pub fn hts(&self) -> &Hts {
        &self.hts
    }

    /// The measures, in the order of the data.
    ///
    /// # Example
    /// See [`TariffBook::parse_embedded`].
    #[must_use]
    pub fn measures(&self) -> &[Arc<Measure>] {
        &self.measures
    }

    fn validate(&self, m: &Measure) -> Result<()> {
        if m.key.trim().is_empty() {
            return Err(invalid(m, "key", "is empty".to_owned()));
        }
        if m.sources.iter().all(|s| s.trim().is_empty()) {
            return Err(invalid(m, "sources", "cite at least one source".to_owned()));
        }
        if m.valid_until.is_some_and(|u| u <= m.valid_from) {
            return Err(invalid(
                m,
                "valid_until",
                "is not after valid_from".to_owned(),
            ));
        }
        let list_names = std::iter::once(match &m.products {
            ProductScope::List { name, .. } => Some(name),
            _ => None,
        })
        .chain(m.exclusions.iter().map(|e| match e {
            Exclusion::List { name, .. } => Some(name),
            _ => None,
        }))
        .flatten();
        for name in list_names {
            if self.list(name).is_none() {
                return Err(invalid(
                    m,
                    "products",
                    format!(
                        "names the unknown product list {name:?}; add it with TariffBook::add_list"
                    ),
                ));
            }
        }
        Ok(())
    }

    fn covers(
        &self,
        m: &Measure,
        links: &MeasureLinks,
        hs: &HsCode,
        line: &HtsLine,
        edition: &Edition,
        date: NaiveDate,
    ) -> bool {
        match &m.products {
            ProductScope::All => true,
            ProductScope::Prefixes { include, except } => {
                include.iter().any(|p| p.covers(hs)) && !except.iter().any(|p| p.covers(hs))
            }
            ProductScope::HtsReference(heading) => {
                // The edition in force says which lines the heading covers; for a measure that
                // starts after that edition took effect, the first edition from its start does
                // (USITC adds the footnotes when it publishes the measure's coverage).
                let later = (m.valid_from > edition.effective())
                    .then(|| {
                        self.hts
                            .editions()
                            .iter()
                            .find(|e| e.effective() >= m.valid_from)
                    })
                    .flatten()
                    .and_then(|e| e.schedule().line_for(hs));
                line.references().contains(heading)
                    || later.is_some_and(|l| l.references().contains(heading))
            }
            ProductScope::List { tag, .. } => links
                .scope
                .and_then(|i| self.lists.get(i))
                .and_then(|l| l.find_tagged(hs, date, tag.as_deref()))
                .is_some(),
            ProductScope::NotModelled { .. } => false,
        }
    }

    /// For a code shorter than 10 digits that a list measure does not cover, an entry of the
    /// list under the code (some of its statistical suffixes are covered).
    fn finer_entry(
        &self,
        m: &Measure,
        links: &MeasureLinks,
        hs: &HsCode,
        date: NaiveDate,
    ) -> Option<&crate::tariff::ListEntry> {
        match &m.products {
            ProductScope::List { tag, .. } if hs.len() < 10 => links
                .scope
                .and_then(|i| self.lists.get(i))
                .and_then(|l| l.finer_tagged(hs, date, tag.as_deref())),
            _ => None,
        }
    }

    /// What applies to goods classified under `hs`, of `origin`, entered on `entry_date`
    /// (and loaded on the final conveyance on `loaded_date`, for the in-transit rules): the MFN
    /// duty of the HTS edition in force and every measure that applies, with its rate, base and
    /// reason; every measure that covers the goods but was excluded, with the reason; and
    /// warnings.
    ///
    /// # Errors
    /// [`Error::NoTariffEdition`] or [`Error::NotInTariff`] if the code is not in the edition in
    /// force; [`Error::Parse`] if its MFN text cannot be read.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::TariffBook, CountryCode};
    /// let book = TariffBook::embedded();
    /// // A laptop (Annex II) in April 2025: no reciprocal duty, declared under 9903.01.32.
    /// let what = book.applicable(&"8471.30.01".parse()?, CountryCode::CN, "2025-04-15".parse()?, None)?;
    /// assert!(what.applied.iter().all(|a| a.key() != "ieepa_reciprocal_cn_125"));
    /// let excluded = what.excluded.iter().find(|e| e.measure.key == "ieepa_reciprocal_cn_125").unwrap();
    /// assert_eq!(excluded.heading.map(|h| h.to_string()), Some("9903.01.32".to_string()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn applicable(
        &self,
        hs: &HsCode,
        origin: CountryCode,
        entry_date: NaiveDate,
        loaded_date: Option<NaiveDate>,
    ) -> Result<Applicability<'_>> {
        self.applicable_claiming(hs, origin, entry_date, loaded_date, &[])
    }

    /// As [`TariffBook::applicable`], with product exclusions the importer claims (for example
    /// a Section 301 exclusion heading such as 9903.88.69, whose product description is narrower
    /// than the HTS lines that reference it).
    ///
    /// # Errors
    /// As [`TariffBook::applicable`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::TariffBook, CountryCode};
    /// let book = TariffBook::embedded();
    /// let hs = "0304.72.50.00".parse()?; // a line referencing the exclusion heading 9903.88.69
    /// let claimed = book.applicable_claiming(&hs, CountryCode::CN, "2025-06-01".parse()?, None, &["9903.88.69".parse()?])?;
    /// assert!(claimed.applied.iter().any(|a| a.heading.to_string() == "9903.88.69"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn applicable_claiming(
        &self,
        hs: &HsCode,
        origin: CountryCode,
        entry_date: NaiveDate,
        loaded_date: Option<NaiveDate>,
        claims: &[HsCode],
    ) -> Result<Applicability<'_>> {
        self.applicable_with(
            hs,
            origin,
            entry_date,
            loaded_date,
            Claims::headings(claims),
        )
    }

    /// As [`TariffBook::applicable`], with everything the importer claims for the line:
    /// exemption headings and whether the goods are entered under the USMCA.
    ///
    /// # Errors
    /// As [`TariffBook::applicable`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::{Authority, Claims, TariffBook}, CountryCode};
    /// let book = TariffBook::embedded();
    /// let hs = "9403.60.80".parse()?; // wooden furniture, MFN free
    /// let date = "2025-09-10".parse()?;
    /// let plain = book.applicable_with(&hs, CountryCode::CA, date, None, Claims::NONE)?;
    /// assert!(plain.applied.iter().any(|a| a.authority == Authority::IeepaFentanyl));
    /// let usmca = book.applicable_with(&hs, CountryCode::CA, date, None, Claims::NONE.with_usmca(true))?;
    /// assert!(usmca.applied.iter().all(|a| a.authority == Authority::Mfn));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn applicable_with(
        &self,
        hs: &HsCode,
        origin: CountryCode,
        entry_date: NaiveDate,
        loaded_date: Option<NaiveDate>,
        claims: Claims<'_>,
    ) -> Result<Applicability<'_>> {
        let mut applied = Vec::with_capacity(6);
        let mut found =
            self.applicable_into(hs, origin, entry_date, loaded_date, claims, &mut applied)?;
        if let Some(w) = crate::tariff::horizon::check(
            entry_date,
            self.known_through,
            crate::tariff::horizon::US_RULES,
            false,
        )? {
            found.warnings.push(w);
        }
        Ok(Applicability {
            line: found.line,
            edition: found.edition,
            applied,
            excluded: found.excluded,
            warnings: found.warnings,
        })
    }

    /// The work of [`TariffBook::applicable_claiming`], writing the applied duties into a
    /// buffer the caller owns (cleared first): a quote keeps it on its stack, so finding what
    /// applies allocates nothing beyond the result.
    #[inline]
    pub(crate) fn applicable_into<'a, B: Buffer<Applied<'a>>>(
        &'a self,
        hs: &HsCode,
        origin: CountryCode,
        entry_date: NaiveDate,
        loaded_date: Option<NaiveDate>,
        claims: Claims<'_>,
        applied: &mut B,
    ) -> Result<Found<'a>> {
        let mut notes = AllNotes::default();
        let (line, edition) = self.applicable_noted(
            hs,
            origin,
            entry_date,
            loaded_date,
            claims,
            applied,
            &mut notes,
        )?;
        Ok(Found {
            line,
            edition,
            excluded: notes.excluded,
            warnings: notes.warnings,
        })
    }

    /// The work of [`TariffBook::applicable_into`], telling `notes` what was excluded and what
    /// to warn of (a sink that keeps only warning codes builds no messages).
    #[inline]
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn applicable_noted<'a, B: Buffer<Applied<'a>>, N: Notes<'a>>(
        &'a self,
        hs: &HsCode,
        origin: CountryCode,
        entry_date: NaiveDate,
        loaded_date: Option<NaiveDate>,
        claims: Claims<'_>,
        applied: &mut B,
        notes: &mut N,
    ) -> Result<(&'a HtsLine, &'a Edition)> {
        applied.clear();
        let edition = self.hts.edition_for(entry_date)?;
        let line = edition
            .schedule()
            .line_for(hs)
            .ok_or_else(|| Error::NotInTariff {
                code: *hs,
                edition: edition.name().to_owned(),
            })?;
        let mfn = line.mfn()?;
        applied.push(Applied {
            authority: Authority::Mfn,
            heading: line.code(),
            rate: mfn,
            base: Base::FullValue,
            us_content_threshold: None,
            floor: None,
            measure: None,
            reason: AppliedReason::Mfn {
                code: line.code(),
                edition: edition.name(),
            },
        });

        // The candidates are the measures in force on the date; those whose products cannot be
        // in the goods' chapter are passed over before their scope is looked at.
        let chapter = hs.chapter_bit();
        let mfn_ad_valorem = mfn.ad_valorem_rate();
        for (m, links) in self.candidates(origin, entry_date) {
            if links.chapters & chapter == 0 {
                continue;
            }
            if let ProductScope::NotModelled { prefixes } = &m.products {
                if prefixes.iter().any(|p| p.covers(hs)) {
                    notes.warn(WarningCode::CoverageNotModelled, || format!(
                        "{} ({}, {}) may cover {}: the products it covers are listed in a U.S. note the data does not hold, so it is not charged; check the note{}",
                        m.heading,
                        m.title,
                        m.valid_from,
                        line.code(),
                        m.note.as_deref().map(|n| format!(" ({n})")).unwrap_or_default()
                    ));
                }
                continue;
            }
            if !self.covers(m, links, hs, line, edition, entry_date) {
                if let Some(entry) = self.finer_entry(m, links, hs, entry_date) {
                    notes.warn(
                        WarningCode::StatisticalSuffixNeeded, || format!(
                            "{} ({}) covers some statistical suffixes of {} ({} among them) but not the code as given: quote the 10-digit code to know whether it applies",
                            m.heading, m.title, hs, entry.prefix
                        ),
                    );
                }
                continue;
            }
            if m.claim_required && !claims.claims_heading(&m.heading) {
                notes.exclude(Excluded {
                    measure: m,
                    heading: None,
                    reason: ExclusionReason::ClaimRequired { heading: m.heading },
                });
                notes.warn(WarningCode::ClaimRequired, || {
                    format!(
                        "{} references {} ({}): if the goods are the excluded product, claim it",
                        line.code(),
                        m.heading,
                        m.title
                    )
                });
                continue;
            }
            let transit = loaded_date.and_then(|loaded| {
                m.in_transit
                    .iter()
                    .find(|r| r.matches(loaded, entry_date))
                    .map(|r| (r, loaded))
            });
            let mut rate = &m.rate;
            let mut heading = m.heading;
            let mut reason = AppliedReason::Measure {
                measure: m,
                non_metal: None,
            };
            if let Some((rule, loaded)) = transit {
                match &rule.treatment {
                    Treatment::Exempt => {
                        notes.exclude(Excluded {
                            measure: m,
                            heading: Some(rule.heading),
                            reason: ExclusionReason::InTransit { rule, loaded },
                        });
                        continue;
                    }
                    Treatment::Rate(r) => {
                        rate = r;
                        heading = rule.heading;
                        reason = AppliedReason::InTransit {
                            measure: m,
                            rule,
                            rate: r,
                            loaded,
                            non_metal: None,
                        };
                    }
                }
            }
            let list_of = |i: usize| {
                links
                    .exclusions
                    .get(i)
                    .copied()
                    .flatten()
                    .and_then(|l| self.lists.get(l))
            };
            let on_list = m.exclusions.iter().enumerate().find_map(|(i, e)| match e {
                Exclusion::List { name, heading, tag } => list_of(i)
                    .and_then(|l| l.find_tagged(hs, entry_date, tag.as_deref()))
                    .map(|entry| (name, heading, entry)),
                _ => None,
            });
            let claimed = m.exclusions.iter().find_map(|e| match e {
                Exclusion::Claim {
                    heading,
                    usmca,
                    origins,
                } if origins.is_empty() || origins.contains(&origin) => {
                    let by_usmca = *usmca && claims.claims_usmca();
                    (by_usmca || claims.claims_heading(heading)).then_some((*heading, by_usmca))
                }
                _ => None,
            });
            if let Some((heading, usmca)) = claimed {
                notes.exclude(Excluded {
                    measure: m,
                    heading: Some(heading),
                    reason: ExclusionReason::Claimed { heading, usmca },
                });
                continue;
            }
            if !claims.claims_usmca() {
                if let Some(heading) = m.exclusions.iter().find_map(|e| match e {
                    Exclusion::Claim {
                        heading,
                        usmca: true,
                        origins,
                    } if origins.is_empty() || origins.contains(&origin) => Some(*heading),
                    _ => None,
                }) {
                    notes.warn(WarningCode::ClaimAssumedAbsent, || format!(
                        "{} charged assuming the goods are not entered under the USMCA; if they qualify, claim it (usmca: true) for {heading}",
                        m.heading
                    ));
                }
            }
            if let Some(heading) = m.exclusions.iter().find_map(|e| match e {
                Exclusion::Prefixes { prefixes, heading }
                    if prefixes.iter().any(|p| p.covers(hs)) =>
                {
                    Some(*heading)
                }
                _ => None,
            }) {
                notes.exclude(Excluded {
                    measure: m,
                    heading: Some(heading),
                    reason: ExclusionReason::ExceptedProducts { code: *hs, heading },
                });
                continue;
            }
            if let Some((name, heading, entry)) = on_list {
                notes.exclude(Excluded {
                    measure: m,
                    heading: Some(*heading),
                    reason: ExclusionReason::OnList {
                        list: name,
                        code: *hs,
                        entry,
                        heading: *heading,
                    },
                });
                continue;
            }
            if let Some(w) = &m.warning {
                notes.warn(WarningCode::MeasureWarning, || w.clone());
            }
            if m.evidence.needs_warning() {
                notes.warn(WarningCode::OneSourceFact, || {
                    format!(
                        "{} ({}) rests on a fact the sources do not confirm ({}){}",
                        m.heading,
                        m.title,
                        m.evidence.label(),
                        m.note
                            .as_deref()
                            .map(|n| format!(": {n}"))
                            .unwrap_or_default()
                    )
                });
            }
            // A floor measure whose floor the MFN rate already meets is declared under its
            // "no additional duty" heading; an in-transit rate replaces the floor.
            let floor = m.floor.filter(|_| std::ptr::eq(rate, &m.rate));
            if let (Some(f), Some(mfn)) = (floor, mfn_ad_valorem) {
                if f.additional(mfn).is_zero() {
                    heading = f.met_heading;
                }
            }
            applied.push(Applied {
                authority: m.authority,
                heading,
                rate,
                base: m.base,
                us_content_threshold: m.us_content_threshold,
                floor,
                measure: Some(m),
                reason,
            });
        }

        // Rules between measures: precedence by key, then exclusion by another authority. Each
        // rule looks at every measure that applied before any was dropped.
        let mut dropped = 0u64;
        for i in 0..applied.len() {
            let Some(a) = applied.get(i) else { break };
            let Some(m) = a.measure else { continue };
            let mut decision = None;
            for rule in &m.exclusions {
                match rule {
                    Exclusion::Measures { keys } => {
                        if let Some(other) = applied
                            .iter()
                            .filter_map(|b| b.measure)
                            .find(|o| keys.contains(&o.key))
                        {
                            decision = Some(Err(Excluded {
                                measure: m,
                                heading: None,
                                reason: ExclusionReason::Superseded { by: &other.key },
                            }));
                        }
                    }
                    Exclusion::Authority {
                        authority,
                        heading,
                        non_metal_value_from,
                    } => {
                        let other = applied.iter().find_map(|b| {
                            b.measure
                                .filter(|o| b.authority == *authority && o.key != m.key)
                                .map(|o| (o, b.base))
                        });
                        if let Some((other, other_base)) = other {
                            let key = other.key.as_str();
                            let metal_only = matches!(other_base, Base::MetalContent(_));
                            if non_metal_value_from.is_some_and(|d| d <= entry_date) && metal_only {
                                decision = Some(Ok((other, *heading)));
                            } else {
                                decision = Some(Err(Excluded {
                                    measure: m,
                                    heading: Some(*heading),
                                    reason: ExclusionReason::OtherAuthority {
                                        authority: *authority,
                                        key,
                                        heading: *heading,
                                    },
                                }));
                            }
                        }
                    }
                    Exclusion::Headings { ranges, heading } => {
                        let other = applied.iter().find_map(|b| {
                            b.measure.filter(|o| {
                                o.key != m.key
                                    && ranges
                                        .iter()
                                        .any(|r| r.contains(&o.heading) || r.contains(&b.heading))
                            })
                        });
                        if let Some(other) = other {
                            decision = Some(Err(Excluded {
                                measure: m,
                                heading: *heading,
                                reason: ExclusionReason::OtherHeading {
                                    key: &other.key,
                                    heading: other.heading,
                                },
                            }));
                        }
                    }
                    Exclusion::List { .. }
                    | Exclusion::Claim { .. }
                    | Exclusion::Prefixes { .. } => {}
                }
                if matches!(decision, Some(Err(_))) {
                    break;
                }
            }
            match decision {
                Some(Err(e)) => {
                    notes.exclude(e);
                    // More than 64 applied measures cannot occur with real data; the rule then
                    // drops nothing beyond the 64th rather than fail.
                    dropped |= 1u64
                        .checked_shl(u32::try_from(i).unwrap_or(u32::MAX))
                        .unwrap_or(0);
                }
                Some(Ok((key, heading))) => {
                    if let Some(a) = applied.get_mut(i) {
                        a.base = Base::NonMetalValue;
                        a.reason = a.reason.on_non_metal_value(key, heading);
                    }
                }
                None => {}
            }
        }
        if dropped != 0 {
            let mut index = 0u32;
            applied.retain(|_| {
                let keep = dropped.checked_shr(index).is_none_or(|bits| bits & 1 == 0);
                index = index.saturating_add(1);
                keep
            });
        }
        let kept = applied;
        // Measures of one authority do not stack unless the data says so. Where the HTS refers
        // a line to two of them (9903.88.04 and 9903.88.15: the product description decides),
        // the higher rate is charged and the choice is reported.
        let mut i = 0;
        while i < kept.len() {
            let Some(current) = kept.get(i) else { break };
            let rival = kept.iter().enumerate().position(|(j, b)| {
                j != i
                    && b.authority == current.authority
                    && current.measure.is_some_and(|m| !m.stacks)
                    && b.measure.is_some_and(|m| !m.stacks)
            });
            match rival {
                Some(j) => {
                    let rate = |a: &Applied<'_>| a.rate.ad_valorem_rate().unwrap_or(Rate::ZERO);
                    let (lose, win) = match (kept.get(i), kept.get(j)) {
                        (Some(a), Some(b)) if rate(b) > rate(a) => (i, j),
                        _ => (j, i),
                    };
                    let winner = kept.get(win).map(|w| (w.heading, w.rate));
                    let loser = kept.remove(lose);
                    if let (Some(m), Some((heading, rate))) = (loser.measure, winner) {
                        notes.warn(
                            WarningCode::HigherRateChosen, || format!(
                                "{} is referred to both {} and {heading}: the product's description decides which applies; the higher rate ({rate}) is charged",
                                line.code(),
                                m.heading
                            ),
                        );
                        notes.exclude(Excluded {
                            measure: m,
                            heading: None,
                            reason: ExclusionReason::HigherRate { heading, rate },
                        });
                    }
                    i = 0;
                }
                None => i += 1,
            }
        }
        // Present charges in a fixed order: MFN, Section 301, Section 232, IEEPA, Section 122.
        if !kept.is_sorted_by_key(|a| a.authority) {
            kept.sort_by_key(|a| a.authority);
        }
        Ok((line, edition))
    }

    /// What of `origin` finding what applies on `date` looks at: the US measures in force whose
    /// scope holds it, and, as bits in their order, whether it is among the origins of each of
    /// their origin-restricted claims. Two origins with equal classes get the same answer for
    /// every code (the panel computes it once for both). `None` for the bits if there are more
    /// than 64 such claims (then the origin shares its answers with none).
    pub(crate) fn origin_class(
        &self,
        origin: CountryCode,
        date: NaiveDate,
    ) -> (&[usize], Option<u64>) {
        let candidates = self.by_origin.get(origin, date);
        let mut bits = 0u64;
        let mut bit = 0u32;
        for m in candidates.iter().filter_map(|i| self.measures.get(*i)) {
            for e in &m.exclusions {
                if let Exclusion::Claim { origins, .. } = e {
                    if !origins.is_empty() {
                        if origins.contains(&origin) {
                            bits |= 1u64.checked_shl(bit).unwrap_or(0);
                        }
                        bit = bit.saturating_add(1);
                    }
                }
            }
        }
        (candidates, (bit <= 64).then_some(bits))
    }

    /// The US measures whose origin scope holds `origin` and that are in force on `date`, by
    /// authority, then in the order of the data.
    /// Each with the product lists it names.
    fn candidates(
        &self,
        origin: CountryCode,
        date: NaiveDate,
    ) -> impl Iterator<Item = (&Arc<Measure>, &MeasureLinks)> {
        self.by_origin
            .get(origin, date)
            .iter()
            .filter_map(|i| Some((self.measures.get(*i)?, self.links.get(*i)?)))
    }
}

fn invalid(m: &Measure, field: &str, reason: String) -> Error {
    Error::Data {
        source_name: format!("measure {}", m.key),
        line: 0,
        field: field.to_owned(),
        reason,
    }
}

#[cfg(all(test, feature = "embedded-data"))]
mod tests {
    use super::*;

    /// The chapter masks only pass over measures that cannot cover the goods: every measure
    /// that covers a line, on any date it is in force, has the line's chapter in its mask.
    /// (Every 5th line of every edition, against every measure.)
    #[test]
    fn chapter_masks_hold_every_chapter_a_measure_covers() {
        let book = TariffBook::embedded();
        let mut checked = 0usize;
        for edition in book.hts().editions() {
            let day = edition.effective();
            for line in edition.schedule().iter().step_by(5) {
                let hs = line.code();
                for (m, links) in book.measures.iter().zip(&book.links) {
                    let dates = [day, m.valid_from];
                    for date in dates {
                        if book.covers(m, links, &hs, line, edition, date) {
                            checked += 1;
                            assert_ne!(
                                links.chapters & hs.chapter_bit(),
                                0,
                                "{} covers {hs} on {date} but its mask lacks chapter {}",
                                m.key,
                                hs.chapter()
                            );
                        }
                    }
                }
            }
        }
        assert!(checked > 1_000, "only {checked} coverages checked");
    }

    /// Candidates by period are exactly the measures in force, in authority order.
    #[test]
    fn periods_hold_the_measures_in_force_in_authority_order() {
        let book = TariffBook::embedded();
        let start = NaiveDate::from_ymd_opt(2024, 12, 1).unwrap_or_default();
        for origin in ["CN", "HK", "VN", "GB", "MX", "CA", "DE"] {
            let origin: CountryCode = origin.parse().unwrap_or(CountryCode::US);
            for offset in (0..800).step_by(3) {
                let date = start + chrono::Days::new(offset);
                let expected: Vec<&str> = {
                    let mut all: Vec<&Arc<Measure>> = book
                        .measures
                        .iter()
                        .filter(|m| m.importer == CountryCode::US && m.origins.contains(origin))
                        .filter(|m| m.in_force(date))
                        .collect();
                    all.sort_by_key(|m| m.authority);
                    all.iter().map(|m| m.key.as_str()).collect()
                };
                let got: Vec<&str> = book
                    .candidates(origin, date)
                    .map(|(m, _)| m.key.as_str())
                    .collect();
                assert_eq!(got, expected, "{origin} on {date}");
            }
        }
    }
}
