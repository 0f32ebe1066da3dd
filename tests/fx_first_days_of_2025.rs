//! Goods entered in the first days of 2025 were often exported in the last quarter of 2024: the
//! embedded rates reach back to that quarter (ECB reference rates from 2024-10-01, Treasury
//! reporting rates from the report of 2024-09-30), so those quotes convert at the rates of their
//! own dates. Each figure is recomputed here from the rows of `data/fx/`.
#![allow(clippy::unwrap_used, clippy::panic)]

use landed_cost::{LandedCost, Shipment, TariffBook, Warning, WarningCode};

/// The quote's warning of `code`.
fn warning(q: &LandedCost, code: WarningCode) -> &Warning {
    q.warnings
        .iter()
        .find(|w| w.code() == code)
        .unwrap_or_else(|| panic!("no {code} in {:#?}", q.warnings))
}

fn quote(json: &str) -> LandedCost {
    let s: Shipment = serde_json::from_str(json).unwrap();
    TariffBook::embedded()
        .quote(&s)
        .unwrap_or_else(|e| panic!("{e}"))
}

/// A CNY invoice exported 2024-12-20 converts at the quarter's first reference rate (the US
/// rule of 19 CFR 159.34 applied to reference rates): 2024-10-01, 1 EUR = 1.1086 USD =
/// 7.7807 CNY, so CNY 72,000 = USD 10,258.61 (the export date's own cross, 7.2985 per dollar,
/// is within 5% of the quarter's 7.0185).
#[test]
fn a_cny_invoice_exported_in_december_2024_converts_at_that_quarters_rate() {
    let q = quote(
        r#"{"importer":"US","origin":"CN","mode":"ocean","export_date":"2024-12-20",
            "entry_date":"2025-01-10","currency":"CNY","lines":[{"hts":"6402.99.90","value":"72000.00"}]}"#,
    );
    assert_eq!(q.customs_value.to_string(), "10258.61");
    let w = warning(&q, WarningCode::ReferenceRate);
    assert!(w.contains("on 2024-10-01"), "{w}");
}

/// A VND invoice exported 2024-12-20 converts at the Treasury report of 2024-09-30 (24,555
/// dong per dollar): VND 250,000,000 = USD 10,181.23.
#[test]
fn a_vnd_invoice_exported_in_december_2024_converts_at_the_september_report() {
    let q = quote(
        r#"{"importer":"US","origin":"VN","mode":"ocean","export_date":"2024-12-20",
            "entry_date":"2025-01-10","currency":"VND","lines":[{"hts":"6402.99.90","value":"250000000"}]}"#,
    );
    assert_eq!(q.customs_value.to_string(), "10181.23");
    let w = warning(&q, WarningCode::TreasuryReportingRate);
    assert!(
        w.contains("24555 VND per US dollar") && w.contains("as of 2024-09-30"),
        "{w}"
    );
}

/// Into the EU on New Year's Day, a holiday without an ECB fixing: the rate of 2024-12-31
/// (1 EUR = 1.0389 USD), not the Treasury's stand-in with a false "the ECB publishes no EUR
/// rate": USD 10,000 + USD 500 freight = EUR 9,625.57 + EUR 481.28 = EUR 10,106.85.
#[test]
fn an_eu_import_exported_on_new_years_day_converts_at_the_last_ecb_fixing() {
    let q = quote(
        r#"{"importer":"DE","origin":"CN","mode":"ocean","export_date":"2025-01-01",
            "entry_date":"2025-01-25","currency":"USD","freight":"500.00",
            "lines":[{"hts":"6402.99.90","value":"10000.00","rates":{"mfn":"17%"}}]}"#,
    );
    assert_eq!(q.customs_value.to_string(), "10106.85");
    assert!(q
        .warnings
        .iter()
        .all(|w| w.code() != WarningCode::TreasuryReportingRate));
    let w = warning(&q, WarningCode::ReferenceRate);
    assert!(w.contains("on 2024-12-31"), "{w}");
}
