//! Special regimes for imports by consumers: Japan's [`PersonalImport`] rule and China's
//! [`CrossBorderRetail`] e-commerce imports.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::hs::HsCode;
use crate::money::Rate;
use crate::provenance::Provenance;
use crate::validity::Validity;

/// Japan's rule for personal imports: the taxable value is a share of the price, except for
/// some goods.
///
/// # Example
/// ```
/// use landed_cost::market::Markets;
/// let jp = Markets::embedded().for_importer("JP".parse()?).unwrap();
/// let rule = jp.personal_import.as_ref().unwrap();
/// assert_eq!(rule.share.to_string(), "60%");
/// assert!(rule.excepts(&"6402.99".parse()?));  // footwear
/// assert!(!rule.excepts(&"9503.00".parse()?)); // toys
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PersonalImport {
    /// The share of the price that is taxed.
    pub share: Rate,
    /// Goods taxed on their full value.
    pub except_prefixes: Vec<HsCode>,
    /// The entry dates it holds for (`from` inclusive, `until` exclusive).
    #[serde(flatten)]
    pub validity: Validity,
    /// Its sources and note.
    #[serde(flatten)]
    pub provenance: Provenance,
}

impl PersonalImport {
    /// Whether goods of this code are taxed on their full value.
    ///
    /// # Example
    /// See [`PersonalImport`].
    #[must_use]
    pub fn excepts(&self, hs: &HsCode) -> bool {
        self.except_prefixes.iter().any(|p| p.covers(hs))
    }
}

/// China's cross-border e-commerce retail import regime.
///
/// # Example
/// ```
/// use landed_cost::market::Markets;
/// let cn = Markets::embedded().for_importer("CN".parse()?).unwrap();
/// let cbec = cn.cross_border_retail.as_ref().unwrap();
/// assert_eq!(cbec.per_order_limit.to_string(), "5000");
/// assert_eq!(cbec.tax_share.to_string(), "70%");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CrossBorderRetail {
    /// The most one order may be worth, in the market's currency.
    #[serde(with = "crate::money::decimal_text")]
    pub per_order_limit: Decimal,
    /// The most one person may buy in a year.
    #[serde(with = "crate::money::decimal_text")]
    pub annual_limit: Decimal,
    /// The duty rate within the limits.
    pub duty_rate: Rate,
    /// The share of VAT and consumption tax charged within the limits.
    pub tax_share: Rate,
    /// The entry dates it holds for (`from` inclusive, `until` exclusive).
    #[serde(flatten)]
    pub validity: Validity,
    /// Its sources and note.
    #[serde(flatten)]
    pub provenance: Provenance,
}
