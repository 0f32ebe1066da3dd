//! Low-value reliefs: [`Relief`], what it relieves ([`Relieves`]) and the value its threshold
//! is compared with ([`ReliefValue`]).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::provenance::Provenance;
use crate::validity::Validity;

use super::{Mode, OriginScope};

/// What a low-value relief relieves.
///
/// # Example
/// ```
/// use landed_cost::market::Relieves;
/// assert!(Relieves::DutyAndTax.duty() && Relieves::DutyAndTax.tax());
/// assert!(!Relieves::Duty.tax());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Relieves {
    /// Customs duty only.
    Duty,
    /// Import taxes only.
    Tax,
    /// Both.
    DutyAndTax,
}

impl Relieves {
    /// Whether customs duty is relieved.
    ///
    /// # Example
    /// See [`Relieves`].
    #[must_use]
    pub const fn duty(self) -> bool {
        matches!(self, Relieves::Duty | Relieves::DutyAndTax)
    }

    /// Whether import taxes are relieved.
    ///
    /// # Example
    /// See [`Relieves`].
    #[must_use]
    pub const fn tax(self) -> bool {
        matches!(self, Relieves::Tax | Relieves::DutyAndTax)
    }
}

/// Which value a threshold is compared with.
///
/// # Example
/// ```
/// use landed_cost::market::ReliefValue;
/// assert_eq!(serde_json::from_str::<ReliefValue>("\"intrinsic\"")?, ReliefValue::Intrinsic);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ReliefValue {
    /// The goods' own value, without transport and insurance (EU "intrinsic value").
    Intrinsic,
    /// The customs value under the market's valuation.
    CustomsValue,
    /// The taxable value: the customs value, with [`PersonalImport`](super::PersonalImport)'s share for personal
    /// imports (Japan).
    Taxable,
}

/// A low-value relief: consignments at or below a value pass free of duty, tax or both.
///
/// # Example
/// ```
/// use landed_cost::market::Markets;
/// let eu = Markets::embedded().for_importer("DE".parse()?).unwrap();
/// let relief = &eu.reliefs[0];
/// assert_eq!(relief.up_to.to_string(), "150");
/// assert!(relief.relieves.duty() && !relief.relieves.tax()); // VAT from the first euro
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Relief {
    /// A unique key.
    pub key: String,
    /// What it relieves.
    pub relieves: Relieves,
    /// The threshold, in the market's currency; values at or below it are relieved.
    #[serde(with = "crate::money::decimal_text")]
    pub up_to: Decimal,
    /// Which value is compared with the threshold.
    pub value: ReliefValue,
    /// The modes it holds for (all when empty).
    #[serde(default)]
    pub modes: Vec<Mode>,
    /// The places of shipment it holds for (all when absent).
    #[serde(default)]
    pub shipped_from: Option<OriginScope>,
    /// The entry dates it holds for (`from` inclusive, `until` exclusive).
    #[serde(flatten)]
    pub validity: Validity,
    /// Its sources and note.
    #[serde(flatten)]
    pub provenance: Provenance,
}
