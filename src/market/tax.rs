//! What a market charges besides duty: import taxes ([`TaxRule`], on a base of [`BaseItem`]s,
//! at a [`LineRate`]) and fixed charges ([`FixedCharge`], [`Per`] item, category or
//! consignment).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::country::CountryCode;
use crate::money::Rate;
use crate::provenance::Provenance;
use crate::validity::Validity;

use super::Authority;

/// A part of a tax base.
///
/// # Example
/// ```
/// use landed_cost::market::BaseItem;
/// assert_eq!(serde_json::from_str::<BaseItem>("\"customs_value\"")?, BaseItem::CustomsValue);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum BaseItem {
    /// The goods' value (the price, without transport and insurance).
    Goods,
    /// International freight.
    Freight,
    /// Insurance.
    Insurance,
    /// The customs value under the market's valuation.
    CustomsValue,
    /// The duties charged on the line.
    Duty,
    /// The consumption tax charged on the line (China's VAT base includes it).
    ConsumptionTax,
}

/// Whether a tax takes its rate from the line's `rates`.
///
/// # Example
/// ```
/// use landed_cost::market::LineRate;
/// assert_eq!(LineRate::default(), LineRate::Override);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LineRate {
    /// The rule's rate, unless the line gives its own (a reduced VAT rate, say).
    #[default]
    Override,
    /// The line must give the rate: without it the quote is an error.
    Required,
    /// Only goods whose line gives a rate pay the tax (China's consumption tax); a line without
    /// one gets a warning.
    Optional,
}

/// An import tax (VAT, GST, consumption tax): its rate, base and validity.
///
/// # Example
/// ```
/// use landed_cost::market::Markets;
/// let eu = Markets::embedded().for_importer("FR".parse()?).unwrap();
/// let vat = eu.tax_rules("FR".parse()?, "2026-03-01".parse()?).next().unwrap();
/// assert_eq!(vat.rate.map(|r| r.to_string()), Some("20%".to_string()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TaxRule {
    /// A unique key.
    pub key: String,
    /// `vat`, `gst` or `consumption_tax`.
    pub authority: Authority,
    /// The importers it holds for, within the market (all of the market's when empty).
    #[serde(default)]
    pub importers: Vec<CountryCode>,
    /// The rate; `None` when each line gives its own.
    #[serde(default)]
    pub rate: Option<Rate>,
    /// Whether a line's `rates` may or must give the rate.
    #[serde(default)]
    pub line_rate: LineRate,
    /// What the rate is applied to.
    pub base: Vec<BaseItem>,
    /// What the rate is applied to when the consignment's duty is relieved as low-value (the
    /// price plus shipping, where the seller collects the tax at sale); `base` when absent.
    #[serde(default)]
    pub low_value_base: Option<Vec<BaseItem>>,
    /// Whether the tax is part of its own base: tax = base / (1 − rate) × rate (China's
    /// consumption tax).
    #[serde(default)]
    pub gross_up: bool,
    /// The entry dates it holds for (`from` inclusive, `until` exclusive).
    #[serde(flatten)]
    pub validity: Validity,
    /// Its sources and note.
    #[serde(flatten)]
    pub provenance: Provenance,
    /// A warning every quote that applies the tax carries (what it leaves out).
    #[serde(default)]
    pub warning: Option<String>,
}

/// What a fixed charge is counted per.
///
/// # Example
/// ```
/// use landed_cost::market::Per;
/// assert_eq!(serde_json::from_str::<Per>("\"item_category\"")?, Per::ItemCategory);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Per {
    /// Once per consignment.
    Consignment,
    /// Once per item category: each distinct tariff subheading (6-digit HS code) in the
    /// consignment.
    ItemCategory,
}

/// A fixed amount on low-value consignments: the EU's €3 flat duty per item category, national
/// handling fees.
///
/// # Example
/// ```
/// use landed_cost::market::Markets;
/// let eu = Markets::embedded().for_importer("IT".parse()?).unwrap();
/// let flat = eu.fixed_charges.iter().find(|c| c.key == "eu_flat_duty_3").unwrap();
/// assert_eq!(flat.validity.from.to_string(), "2026-07-01");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct FixedCharge {
    /// A unique key.
    pub key: String,
    /// `flat_duty` (charged as a duty) or `handling_fee` (charged as a fee).
    pub authority: Authority,
    /// The importers it holds for, within the market (all of the market's when empty).
    #[serde(default)]
    pub importers: Vec<CountryCode>,
    /// The amount, in the market's currency.
    #[serde(with = "crate::money::decimal_text")]
    pub amount: Decimal,
    /// What the amount is counted per.
    pub per: Per,
    /// It applies to consignments whose intrinsic value is below this.
    #[serde(with = "crate::money::decimal_text")]
    pub below: Decimal,
    /// The entry dates it holds for (`from` inclusive, `until` exclusive).
    #[serde(flatten)]
    pub validity: Validity,
    /// Its sources and note.
    #[serde(flatten)]
    pub provenance: Provenance,
}
