//! Every figure the crate embeds cites where it comes from: in each JSON file under `data/`, an
//! object that holds a number (a rate, an amount, a threshold) carries `sources` or `source`, or
//! sits inside an object that does.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;

const FILES: &[(&str, &str)] = &[
    ("data/us/fees.json", include_str!("../data/us/fees.json")),
    (
        "data/us/low_value.json",
        include_str!("../data/us/low_value.json"),
    ),
    (
        "data/us/measures.json",
        include_str!("../data/us/measures.json"),
    ),
    (
        "data/us/measures_all_origins.json",
        include_str!("../data/us/measures_all_origins.json"),
    ),
    (
        "data/us/column2.json",
        include_str!("../data/us/column2.json"),
    ),
    (
        "data/us/import_prohibitions.json",
        include_str!("../data/us/import_prohibitions.json"),
    ),
    (
        "data/markets/markets.json",
        include_str!("../data/markets/markets.json"),
    ),
    (
        "data/trade/programs.json",
        include_str!("../data/trade/programs.json"),
    ),
    (
        "data/trade/platform_fees.json",
        include_str!("../data/trade/platform_fees.json"),
    ),
];

/// Keys whose numeric values are identifiers or ordinals, not figures.
const NOT_FIGURES: &[&str] = &["fiscal_year", "indent", "chapter", "hs", "heading", "code"];

fn is_figure(key: &str, value: &Value) -> bool {
    if NOT_FIGURES.contains(&key) {
        return false;
    }
    match value {
        Value::Number(_) => true,
        Value::String(s) => {
            let s = s.trim_end_matches('%');
            !s.is_empty() && s.parse::<rust_decimal::Decimal>().is_ok()
        }
        _ => false,
    }
}

fn cites(object: &serde_json::Map<String, Value>) -> bool {
    ["sources", "source"].iter().any(|k| match object.get(*k) {
        Some(Value::Array(a)) => a
            .iter()
            .any(|s| s.as_str().is_some_and(|s| !s.trim().is_empty())),
        Some(Value::String(s)) => !s.trim().is_empty(),
        _ => false,
    })
}

fn uncited(value: &Value, path: &str, cited: bool, out: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            let cited = cited || cites(object);
            for (key, v) in object {
                let here = format!("{path}/{key}");
                if !cited && is_figure(key, v) {
                    out.push(here.clone());
                }
                uncited(v, &here, cited, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                uncited(v, &format!("{path}[{i}]"), cited, out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_embedded_figure_cites_a_source() {
    for (name, text) in FILES {
        let value: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut missing = Vec::new();
        uncited(&value, "", false, &mut missing);
        assert!(
            missing.is_empty(),
            "{name}: figures without a source: {missing:?}"
        );
    }
}

#[test]
fn a_figure_without_a_source_is_found() {
    let value: Value =
        serde_json::from_str(r#"{"a": {"rate": "5%"}, "b": {"rate": "5%", "sources": ["x"]}}"#)
            .unwrap();
    let mut missing = Vec::new();
    uncited(&value, "", false, &mut missing);
    assert_eq!(missing, ["/a/rate"]);
}
