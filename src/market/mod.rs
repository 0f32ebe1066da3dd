//! Markets other than the US: the EU member states, the UK, Canada, Australia, Japan and China's
//! cross-border imports, each as data.
//!
//! A [`Market`] says how an importing country values goods ([`Valuation`], FOB or CIF), in
//! which currency, which low-value [`Relief`]s it grants (duty and tax thresholds separately, on
//! which value, for which modes and places of shipment, from when), which taxes it levies
//! ([`TaxRule`]: VAT, GST, consumption tax, with their rates and bases), which fixed charges
//! ([`FixedCharge`]: the EU's €3 flat duty per item category, national handling fees), and, where
//! it has them, its special regimes ([`PersonalImport`] for Japan's 60% rule,
//! [`CrossBorderRetail`] for China's cross-border e-commerce imports). Adding a market is adding
//! its data to `data/markets/markets.json` (or a user's JSON, see [`Markets::from_json_reader`]),
//! plus a small module only where its rules have a new shape.
//!
//! [`TariffBook::quote`](crate::TariffBook::quote) quotes a [`Shipment`](crate::Shipment) into
//! any of these markets with the same JSON as for the US. No market's tariff is embedded: each
//! line's `rates` gives its MFN rate (`{"mfn": "12%"}`), and a quote that needs a rate it does
//! not have is an [`Error::MissingRate`], never a silent zero.
//!
//! ```
//! use landed_cost::{Shipment, TariffBook};
//! // Three blouses in two tariff subheadings, to Germany after 1 July 2026: €3 per category.
//! let parcel: Shipment = serde_json::from_str(r#"{
//!     "importer": "DE", "origin": "CN", "mode": "postal", "consignee": "consumer",
//!     "export_date": "2026-07-06", "entry_date": "2026-07-10", "currency": "EUR",
//!     "incoterm": "CIF", "freight": "5.00",
//!     "lines": [
//!       { "hts": "6206.10", "description": "silk blouse", "value": "30.00", "rates": { "mfn": "12%" } },
//!       { "hts": "6206.20", "description": "wool blouses", "value": "50.00", "rates": { "mfn": "12%" } } ] }"#)?;
//! let quote = TariffBook::embedded().quote(&parcel)?;
//! assert_eq!(quote.currency.code(), "EUR");
//! assert_eq!(quote.duties_total.to_string(), "6.00");       // €3 × 2 categories, duty relieved
//! assert_eq!(quote.taxes_total.to_string(), "15.20");       // 19% German VAT on €80
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod authority;
mod mode;
mod regime;
mod relief;
mod tax;
pub(crate) mod us;

pub use authority::{Authority, ChargeKind, OriginScope};
pub use mode::Mode;
pub use regime::{CrossBorderRetail, PersonalImport};
pub use relief::{Relief, ReliefValue, Relieves};
pub use tax::{BaseItem, FixedCharge, LineRate, Per, TaxRule};

use std::io::Read;
#[cfg(feature = "embedded-data")]
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::country::CountryCode;
use crate::error::{Error, Result};
use crate::money::{Currency, RoundingMode};
use crate::provenance::Provenance;

/// How a market values imported goods for duty.
///
/// # Example
/// ```
/// use landed_cost::market::Valuation;
/// assert_eq!(serde_json::from_str::<Valuation>("\"cif\"")?, Valuation::Cif);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Valuation {
    /// Free on board: the goods without international freight and insurance (US, Canada,
    /// Australia).
    Fob,
    /// Cost, insurance and freight: the goods with freight and insurance to the border (EU, UK,
    /// Japan, China).
    Cif,
}

/// The import rules of one market.
///
/// # Example
/// ```
/// use landed_cost::market::{Markets, Valuation};
/// let uk = Markets::embedded().for_importer("GB".parse()?).unwrap();
/// assert_eq!(uk.currency.code(), "GBP");
/// assert_eq!(uk.valuation, Valuation::Cif);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Market {
    /// A unique key (`eu`, `gb`, ...).
    pub key: String,
    /// The market's name.
    pub name: String,
    /// The importing countries the rules hold for.
    pub importers: Vec<CountryCode>,
    /// The first entry date the data is complete for: every rule in force from then is held.
    /// Rules may have held earlier (a rule's `from` is then this date, and its note says so);
    /// a quote for an earlier entry is refused rather than answered from partial rules.
    pub data_from: NaiveDate,
    /// The currency of its thresholds, charges and quotes.
    pub currency: Currency,
    /// How it values goods.
    pub valuation: Valuation,
    /// Low-value reliefs.
    #[serde(default)]
    pub reliefs: Vec<Relief>,
    /// Import taxes, in the order they are computed.
    #[serde(default)]
    pub taxes: Vec<TaxRule>,
    /// Fixed charges on low-value consignments.
    #[serde(default)]
    pub fixed_charges: Vec<FixedCharge>,
    /// The personal-import valuation rule, where there is one.
    #[serde(default)]
    pub personal_import: Option<PersonalImport>,
    /// The cross-border e-commerce retail regime, where there is one.
    #[serde(default)]
    pub cross_border_retail: Option<CrossBorderRetail>,
    /// How each converted amount, duty, tax and fee is rounded to the currency's minor unit
    /// (half away from zero unless the data says otherwise).
    #[serde(default = "half_away_from_zero")]
    pub rounding: RoundingMode,
    /// Its sources and note.
    #[serde(flatten)]
    pub provenance: Provenance,
}

fn half_away_from_zero() -> RoundingMode {
    RoundingMode::HalfAwayFromZero
}

fn for_importer(importers: &[CountryCode], importer: CountryCode) -> bool {
    importers.is_empty() || importers.contains(&importer)
}

impl Market {
    /// The personal-import rule in force on an entry date.
    ///
    /// # Example
    /// ```
    /// use landed_cost::market::Markets;
    /// let jp = Markets::embedded().for_importer("JP".parse()?).unwrap();
    /// assert!(jp.personal_import_on("2025-09-01".parse()?).is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn personal_import_on(&self, date: NaiveDate) -> Option<&PersonalImport> {
        self.personal_import
            .as_ref()
            .filter(|p| p.validity.contains(date))
    }

    /// The cross-border retail regime in force on an entry date.
    ///
    /// # Example
    /// ```
    /// use landed_cost::market::Markets;
    /// let cn = Markets::embedded().for_importer("CN".parse()?).unwrap();
    /// assert!(cn.cross_border_retail_on("2025-09-01".parse()?).is_some());
    /// assert!(cn.cross_border_retail_on("2018-12-31".parse()?).is_none()); // the RMB 2,000 era
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn cross_border_retail_on(&self, date: NaiveDate) -> Option<&CrossBorderRetail> {
        self.cross_border_retail
            .as_ref()
            .filter(|c| c.validity.contains(date))
    }

    /// The tax rules for an importer on an entry date, in the order they are computed.
    ///
    /// # Example
    /// See [`TaxRule`].
    pub fn tax_rules(
        &self,
        importer: CountryCode,
        date: NaiveDate,
    ) -> impl Iterator<Item = &TaxRule> {
        self.taxes
            .iter()
            .filter(move |t| for_importer(&t.importers, importer) && t.validity.contains(date))
    }

    /// The fixed charges for an importer on an entry date.
    ///
    /// # Example
    /// ```
    /// use landed_cost::market::Markets;
    /// let eu = Markets::embedded().for_importer("FR".parse()?).unwrap();
    /// assert_eq!(eu.fixed_charges_on("FR".parse()?, "2026-06-01".parse()?).count(), 1); // FR €2
    /// assert_eq!(eu.fixed_charges_on("FR".parse()?, "2026-07-01".parse()?).count(), 2); // + EU €3
    /// assert_eq!(eu.fixed_charges_on("DE".parse()?, "2026-06-01".parse()?).count(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn fixed_charges_on(
        &self,
        importer: CountryCode,
        date: NaiveDate,
    ) -> impl Iterator<Item = &FixedCharge> {
        self.fixed_charges
            .iter()
            .filter(move |c| for_importer(&c.importers, importer) && c.validity.contains(date))
    }

    /// The reliefs in force on an entry date for a mode and place of shipment.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::Mode, market::Markets, CountryCode};
    /// let ca = Markets::embedded().for_importer(CountryCode::CA).unwrap();
    /// let from_china: Vec<_> = ca.reliefs_on("2025-06-01".parse()?, Mode::Postal, CountryCode::CN).collect();
    /// assert_eq!(from_china.len(), 1);
    /// assert_eq!(from_china[0].up_to.to_string(), "20");
    /// assert_eq!(ca.reliefs_on("2025-06-01".parse()?, Mode::Express, CountryCode::US).count(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reliefs_on(
        &self,
        date: NaiveDate,
        mode: Mode,
        shipped_from: CountryCode,
    ) -> impl Iterator<Item = &Relief> {
        self.reliefs.iter().filter(move |r| {
            r.validity.contains(date)
                && (r.modes.is_empty() || r.modes.contains(&mode))
                && r.shipped_from
                    .as_ref()
                    .is_none_or(|s| s.contains(shipped_from))
        })
    }

    fn validate(&self) -> Result<()> {
        let fail = |field: &str, reason: String| Error::Data {
            source_name: format!("market {}", self.key),
            line: 0,
            field: field.to_owned(),
            reason,
        };
        if self.importers.is_empty() {
            return Err(fail(
                "importers",
                "name at least one importing country".to_owned(),
            ));
        }
        if self.provenance.sources.iter().all(|s| s.trim().is_empty()) {
            return Err(fail("sources", "cite at least one source".to_owned()));
        }
        let dated = self
            .reliefs
            .iter()
            .map(|r| (&r.key, r.validity, &r.provenance))
            .chain(
                self.taxes
                    .iter()
                    .map(|t| (&t.key, t.validity, &t.provenance)),
            )
            .chain(
                self.fixed_charges
                    .iter()
                    .map(|c| (&c.key, c.validity, &c.provenance)),
            );
        let personal = self
            .personal_import
            .iter()
            .map(|p| (&self.key, p.validity, &p.provenance));
        let retail = self
            .cross_border_retail
            .iter()
            .map(|c| (&self.key, c.validity, &c.provenance));
        for (key, validity, provenance) in dated.chain(personal).chain(retail) {
            if validity.until.is_some_and(|u| u <= validity.from) {
                return Err(fail(key, "until is not after from".to_owned()));
            }
            if provenance.sources.iter().all(|s| s.trim().is_empty()) {
                return Err(fail(key, "cite at least one source".to_owned()));
            }
        }
        for t in &self.taxes {
            if t.authority.kind() != ChargeKind::Tax {
                return Err(fail(
                    &t.key,
                    format!(
                        "a tax's authority is vat, gst or consumption_tax, not {}",
                        t.authority
                    ),
                ));
            }
            if t.rate.is_none() && t.line_rate == LineRate::Override {
                return Err(fail(
                    &t.key,
                    "a tax without a rate must say line_rate \"required\" or \"optional\""
                        .to_owned(),
                ));
            }
        }
        for c in &self.fixed_charges {
            if !matches!(c.authority, Authority::FlatDuty | Authority::HandlingFee) {
                return Err(fail(
                    &c.key,
                    format!(
                        "a fixed charge's authority is flat_duty or handling_fee, not {}",
                        c.authority
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// The markets other than the US, as stored in JSON: `{"markets": [...]}`.
///
/// # Example
/// ```
/// use landed_cost::market::Markets;
/// let markets = Markets::embedded();
/// assert!(markets.for_importer("DE".parse()?).is_some());
/// assert!(markets.for_importer("US".parse()?).is_none()); // the US has its own calculator
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Markets {
    /// A description of the set and its sources.
    #[serde(default)]
    pub about: Option<String>,
    /// The markets.
    pub markets: Vec<Market>,
}

#[cfg(feature = "embedded-data")]
const EMBEDDED_MARKETS: &str = include_str!("../../data/markets/markets.json");

impl Markets {
    #[cfg(feature = "embedded-data")]
    /// The embedded markets (`data/markets/markets.json`): the 27 EU member states, the UK,
    /// Canada, Australia, Japan and China.
    ///
    /// # Example
    /// See [`Markets`].
    #[must_use]
    #[allow(clippy::panic)] // The embedded data is tested; see `parse_embedded`.
    pub fn embedded() -> &'static Markets {
        static MARKETS: OnceLock<Markets> = OnceLock::new();
        MARKETS.get_or_init(|| match Markets::parse_embedded() {
            Ok(markets) => markets,
            Err(e) => panic!("the embedded market data is invalid: {e}"),
        })
    }

    #[cfg(feature = "embedded-data")]
    /// Parses the embedded markets, reporting an error instead of panicking.
    ///
    /// # Errors
    /// As [`Markets::from_json_reader`].
    ///
    /// # Example
    /// ```
    /// assert_eq!(landed_cost::market::Markets::parse_embedded()?.markets.len(), 6);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse_embedded() -> Result<Markets> {
        Markets::from_json_reader(EMBEDDED_MARKETS.as_bytes())
    }

    /// Reads markets from JSON and checks them: every market, relief, tax and charge cites a
    /// source, validity intervals are not empty, no importer belongs to two markets.
    ///
    /// # Errors
    /// [`Error::Data`] naming the market and field at fault.
    ///
    /// # Example
    /// ```
    /// use landed_cost::market::Markets;
    /// let json = r#"{"markets": [{"key": "nz", "name": "New Zealand", "importers": ["NZ"], "data_from": "2010-10-01",
    ///   "currency": "NZD", "valuation": "fob", "sources": ["Customs and Excise Act 2018"],
    ///   "taxes": [{"key": "gst_nz", "authority": "gst", "rate": "15%",
    ///              "base": ["customs_value", "duty", "freight", "insurance"],
    ///              "from": "2010-10-01", "sources": ["Goods and Services Tax Act 1985, s. 8"]}]}]}"#;
    /// let markets = Markets::from_json_reader(json.as_bytes())?;
    /// assert_eq!(markets.for_importer("NZ".parse()?).map(|m| m.key.as_str()), Some("nz"));
    /// assert!(Markets::from_json_reader(r#"{"markets": [{"key": "x"}]}"#.as_bytes()).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json_reader<R: Read>(reader: R) -> Result<Markets> {
        let reader = crate::sniff::reader("markets JSON", reader)?;
        let markets: Markets = serde_json::from_reader(reader).map_err(|e| Error::Data {
            source_name: "markets JSON".to_owned(),
            line: u64::try_from(e.line()).unwrap_or(0),
            field: String::new(),
            reason: e.to_string(),
        })?;
        let mut seen: Vec<CountryCode> = Vec::new();
        for m in &markets.markets {
            m.validate()?;
            for importer in &m.importers {
                if seen.contains(importer) {
                    return Err(Error::Data {
                        source_name: format!("market {}", m.key),
                        line: 0,
                        field: "importers".to_owned(),
                        reason: format!("{importer} belongs to two markets"),
                    });
                }
                seen.push(*importer);
            }
        }
        Ok(markets)
    }

    /// The market an importing country belongs to.
    ///
    /// # Example
    /// See [`Markets`].
    #[must_use]
    pub fn for_importer(&self, importer: CountryCode) -> Option<&Market> {
        self.markets
            .iter()
            .find(|m| m.importers.contains(&importer))
    }
}

#[cfg(all(test, feature = "embedded-data"))]
mod tests {
    use super::*;

    /// Every rule's `validity` and `provenance` are flattened: the embedded markets serialize with
    /// the data file's keys (`from`, `until`, `sources`, `note`) and load back to the same rules.
    #[test]
    fn embedded_markets_keep_the_data_keys_and_round_trip() {
        let markets = Markets::embedded();
        let json = serde_json::to_value(markets).unwrap();
        let text = json.to_string();
        assert!(!text.contains("\"validity\"") && !text.contains("\"provenance\""));
        let de = &json["markets"][0];
        assert!(de["sources"].is_array());
        let relief = &de["reliefs"][0];
        assert!(relief["from"].is_string() && relief["sources"].is_array());
        let again = Markets::from_json_reader(text.as_bytes()).unwrap();
        assert_eq!(&again, markets);
    }

    /// The rules of a market are in force from their first day and out on their `until`.
    #[test]
    fn rules_are_in_force_from_from_until_until() {
        let italy: CountryCode = "IT".parse().unwrap();
        let it = Markets::embedded().for_importer(italy).unwrap();
        let flat = it
            .fixed_charges
            .iter()
            .find(|c| c.key == "eu_flat_duty_3")
            .unwrap();
        let first = flat.validity.from;
        let day_before = first.pred_opt().unwrap();
        let any = |date| it.fixed_charges_on(italy, date).any(|c| c.key == flat.key);
        assert!(any(first) && !any(day_before));
    }
}
