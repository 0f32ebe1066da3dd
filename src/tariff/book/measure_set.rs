//! [`MeasureSet`]: measures as stored in JSON, with the date their sources reach.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::tariff::measure::Measure;

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
    /// The date the set's sources reach: an action announced after it is not in the set,
    /// though the changes its sources announced for later dates are. A book that merges the
    /// set is known through no later date ([`TariffBook::known_through`](crate::tariff::TariffBook::known_through)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sources_through: Option<NaiveDate>,
    /// The measures.
    pub measures: Vec<Measure>,
}
