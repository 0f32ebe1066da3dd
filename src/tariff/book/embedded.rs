//! The embedded book: the US measures, product lists, HTS editions, entry rules and markets
//! the crate carries (`data/`), parsed once.

use std::borrow::Cow;
use std::io::Read;
use std::sync::OnceLock;

use chrono::NaiveDate;

use super::{MeasureSet, TariffBook};
use crate::error::{Error, Result};
use crate::market::us::UsRules;
use crate::market::Markets;
use crate::tariff::engine::index::OriginIndex;
use crate::tariff::hts::Hts;
use crate::tariff::product_list::ProductList;

/// The embedded US measures and product lists.
const EMBEDDED_MEASURES: &str = include_str!("../../../data/us/measures.json");
/// The embedded US measures for every origin (country rates, Canada and Mexico, the 2026
/// actions), merged after [`EMBEDDED_MEASURES`].
const EMBEDDED_MEASURES_ALL_ORIGINS: &str =
    include_str!("../../../data/us/measures_all_origins.json");
const EMBEDDED_LISTS: [(&str, &str); 10] = [
    (
        "annex_ii",
        include_str!("../../../data/us/lists/annex_ii.csv"),
    ),
    (
        "s232_steel_aluminum",
        include_str!("../../../data/us/lists/s232_steel_aluminum.csv"),
    ),
    (
        "s232_copper",
        include_str!("../../../data/us/lists/s232_copper.csv"),
    ),
    (
        "s232_auto_parts",
        include_str!("../../../data/us/lists/s232_auto_parts.csv"),
    ),
    (
        "s122_exempt",
        include_str!("../../../data/us/lists/s122_exempt.csv"),
    ),
    (
        "fentanyl_carveout",
        include_str!("../../../data/us/lists/fentanyl_carveout.csv"),
    ),
    (
        "s301_brazil_exempt",
        include_str!("../../../data/us/lists/s301_brazil_exempt.csv"),
    ),
    (
        "s201_quartz",
        include_str!("../../../data/us/lists/s201_quartz.csv"),
    ),
    (
        "s232_annex_2026",
        include_str!("../../../data/us/lists/s232_annex_2026.csv"),
    ),
    (
        "s301fl_country_exempt",
        include_str!("../../../data/us/lists/s301fl_country_exempt.csv"),
    ),
];

impl TariffBook {
    /// The embedded book: the embedded HTS editions, the US measures of 2025–2026 for goods of
    /// China, Hong Kong and Macau (and the measures that apply to every origin), and the product
    /// lists they use. Built once, then shared.
    ///
    /// # Example
    /// ```
    /// use landed_cost::TariffBook;
    /// let book = TariffBook::embedded();
    /// assert!(std::ptr::eq(book, TariffBook::embedded())); // the same book every time
    /// assert!(book.measures().iter().any(|m| m.key == "ieepa_fentanyl_cn_20"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
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
            reach: Default::default(),
            list_reach: Default::default(),
            lists,
            us_rules: UsRules::embedded()?,
            markets: Cow::Borrowed(Markets::embedded()),
            known_through: NaiveDate::MIN,
            sources_through: None,
        };
        book.merge(set)?;
        Ok(book)
    }
}
