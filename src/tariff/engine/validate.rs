//! The checks a set of measures passes before it joins a book: each has a key and a source,
//! ends after it starts, names only product lists the book holds, and no key appears twice.

use std::collections::HashSet;

use crate::error::{Error, Result};
use crate::tariff::measure::{Exclusion, Measure, ProductScope};

/// Checks a set of measures; `has_list` says whether the book holds a product list of a name.
pub(crate) fn measure_set(measures: &[Measure], has_list: impl Fn(&str) -> bool) -> Result<()> {
    let mut seen = HashSet::new();
    for m in measures {
        measure(m, &has_list)?;
        if !seen.insert(m.key.as_str()) {
            return Err(invalid(
                m,
                "key",
                "appears twice in the set; keys must be unique".to_owned(),
            ));
        }
    }
    Ok(())
}

fn measure(m: &Measure, has_list: impl Fn(&str) -> bool) -> Result<()> {
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
        if !has_list(name) {
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
    use serde_json::json;

    use super::*;
    use crate::tariff::engine::fixture::measure;

    fn check(measures: Vec<serde_json::Value>) -> Result<()> {
        let set: Vec<Measure> = serde_json::from_value(json!(measures)).unwrap();
        measure_set(&set, |name| name == "held")
    }

    fn reason(measures: Vec<serde_json::Value>) -> String {
        check(measures).unwrap_err().to_string()
    }

    #[test]
    fn a_well_formed_set_passes() {
        check(vec![
            measure("a", json!({})),
            measure("b", json!({"products": {"list": {"name": "held"}}})),
        ])
        .unwrap();
    }

    #[test]
    fn each_broken_rule_is_named() {
        assert!(reason(vec![measure(" ", json!({}))]).contains("is empty"));
        assert!(reason(vec![measure("a", json!({"sources": [" "]}))]).contains("cite at least"));
        let backwards = json!({"valid_from": "2025-05-01", "valid_until": "2025-05-01"});
        assert!(reason(vec![measure("a", backwards)]).contains("is not after valid_from"));
        let unknown = json!({"products": {"list": {"name": "missing"}}});
        assert!(reason(vec![measure("a", unknown)]).contains("unknown product list \"missing\""));
        let twice = reason(vec![measure("a", json!({})), measure("a", json!({}))]);
        assert!(
            twice.contains("measure a") && twice.contains("appears twice"),
            "{twice}"
        );
    }
}
