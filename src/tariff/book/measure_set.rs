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
/// assert!(set.measures.is_empty() && set.sources_through.is_none());
/// // Sources dated through 10 October 2026: a book merging the set is known through that day
/// // at the latest.
/// let dated: MeasureSet =
///     serde_json::from_str(r#"{"sources_through": "2026-10-10", "measures": []}"#)?;
/// assert_eq!(dated.sources_through.map(|d| d.to_string()).as_deref(), Some("2026-10-10"));
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
