//! Every input a fuzzer found (`tests/regressions/<target>/`, copied from `fuzz/artifacts/`),
//! replayed through the same checks as the fuzz targets (`fuzz/fuzz_targets/`), so a fixed
//! finding stays fixed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "common/fuzz_checks.rs"]
mod checks;

use std::path::Path;

fn inputs(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/regressions")
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    files.sort();
    files.iter().map(|f| std::fs::read(f).unwrap()).collect()
}

#[test]
fn duty_rate_findings() {
    let found = inputs("duty_rate");
    assert!(
        !found.is_empty(),
        "the first finding is kept in tests/regressions/duty_rate"
    );
    for bytes in found {
        if let Ok(text) = std::str::from_utf8(&bytes) {
            checks::duty_rate(text);
        }
    }
}

#[test]
fn text_parser_findings() {
    for bytes in inputs("text_parsers") {
        if let Ok(text) = std::str::from_utf8(&bytes) {
            checks::text_parsers(text);
        }
    }
}

#[test]
fn loader_findings() {
    for bytes in inputs("usitc_files") {
        checks::usitc_files(&bytes);
    }
    for bytes in inputs("json_inputs") {
        checks::json_inputs(&bytes);
    }
}

#[test]
fn quote_findings() {
    // Stored as the shipment JSON the quote target built.
    for bytes in inputs("quote") {
        if let Ok(s) = serde_json::from_slice(&bytes) {
            checks::quote(&s);
        }
    }
}

#[test]
fn a_sum_of_hundreds_of_terms_is_refused_not_misread() {
    // The duty_rate finding: "10%+5055…%+…" (hundreds of terms without spaces) parsed, then
    // displayed with spaces beyond the length limit and no longer parsed back.
    let long = std::iter::repeat_n("5%", 300).collect::<Vec<_>>().join("+");
    let error = long
        .parse::<landed_cost::DutyRate>()
        .unwrap_err()
        .to_string();
    assert!(error.contains("at most 8"), "{error}");
    let eight = std::iter::repeat_n("5%", 8).collect::<Vec<_>>().join("+");
    checks::duty_rate(&eight);
}
