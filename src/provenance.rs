//! [`Provenance`]: where a rule of the data comes from, one vocabulary for every sourced rule.

use serde::{Deserialize, Serialize};

/// Where a rule comes from: its citations (`sources`, each a legal text, notice or page) and an
/// optional `note` on how the data reads them.
///
/// Every sourced rule of the data carries one, flattened: the JSON writes `"sources": [...]` and
/// `"note": "..."` beside the rule's own fields. [`Provenance::citation`] is the one way the
/// sources are joined into the line a charge cites.
///
/// # Example
/// ```
/// use landed_cost::Provenance;
/// let p: Provenance = serde_json::from_str(r#"{"sources": ["19 CFR 24.23", "CBP notice"], "note": "FY2026"}"#)?;
/// assert_eq!(p.citation(), "19 CFR 24.23; CBP notice");
/// assert_eq!(p.note.as_deref(), Some("FY2026"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Provenance {
    /// Citations.
    pub sources: Vec<String>,
    /// A note on the data.
    #[serde(default)]
    pub note: Option<String>,
}

impl Provenance {
    /// Citations and an optional note.
    ///
    /// # Example
    /// ```
    /// use landed_cost::Provenance;
    /// let p = Provenance::new(vec!["Council Regulation (EU) 2025/2563".into()], None);
    /// assert_eq!(p.citation(), "Council Regulation (EU) 2025/2563");
    /// ```
    #[must_use]
    pub fn new(sources: Vec<String>, note: Option<String>) -> Provenance {
        Provenance { sources, note }
    }

    /// The sources as one line, `"; "` between them.
    ///
    /// # Example
    /// ```
    /// use landed_cost::Provenance;
    /// let p = Provenance::new(vec!["a".into(), "b".into()], None);
    /// assert_eq!(p.citation(), "a; b");
    /// ```
    #[must_use]
    pub fn citation(&self) -> String {
        cite(&self.sources)
    }
}

/// Citations as one line: the join every charge and explanation cites.
pub(crate) fn cite(sources: &[String]) -> String {
    sources.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citation_joins_in_order_and_an_empty_list_is_empty() {
        let p = Provenance::new(vec!["b".into(), "a".into()], None);
        assert_eq!(p.citation(), "b; a");
        assert_eq!(Provenance::default().citation(), "");
    }

    #[test]
    fn the_note_is_optional() {
        let p: Provenance = serde_json::from_str(r#"{"sources":["x"]}"#).unwrap();
        assert_eq!(p, Provenance::new(vec!["x".into()], None));
    }
}
