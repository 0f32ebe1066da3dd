//! Import prohibitions: goods of Cuba, North Korea and Iran may not be imported into the US
//! without an OFAC licence (31 CFR 515.204, Executive Order 13570, 31 CFR 560.201). A quote of
//! them gives the duties a licensed entry pays and an `import_prohibited` warning naming the
//! regulation; so do `applicable` and `rates`. Goods of other origins, Russia's included (its
//! bans are of products, not held), carry no such warning.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use landed_cost::landed::{ImportProhibitions, UsRules};
use landed_cost::tariff::TariffBook;
use landed_cost::{CountryCode, Shipment, WarningCode};

fn shipment(origin: &str, hts: &str, entry: &str) -> Shipment {
    let json = format!(
        r#"{{"importer":"US","origin":"{origin}","mode":"ocean","export_date":"{entry}",
            "entry_date":"{entry}","loaded_date":"{entry}","currency":"USD","incoterm":"FOB",
            "lines":[{{"hts":"{hts}","value":"10000.00"}}]}}"#
    );
    serde_json::from_str(&json).unwrap()
}

fn prohibited(book: &TariffBook, origin: &str, hts: &str, entry: &str) -> Vec<String> {
    let cost = book.quote(&shipment(origin, hts, entry)).unwrap();
    assert!(!cost.lines[0].charges.is_empty(), "{origin} {hts}: no duty");
    cost.warnings
        .iter()
        .filter(|w| w.code() == WarningCode::ImportProhibited)
        .map(|w| w.message().to_owned())
        .collect()
}

#[test]
fn cuban_north_korean_and_iranian_goods_are_quoted_with_the_ban() {
    let book = TariffBook::embedded();
    for (origin, hts, citation) in [
        ("CU", "9403.60.80", "31 CFR 515.204"),
        ("KP", "9403.60.80", "Executive Order 13570"),
        ("IR", "6109.10.00", "31 CFR 560.201"),
    ] {
        for entry in ["2025-01-02", "2025-09-10", "2026-11-30"] {
            let found = prohibited(book, origin, hts, entry);
            assert_eq!(found.len(), 1, "{origin} {entry}: {found:?}");
            assert!(found[0].contains(citation), "{origin}: {}", found[0]);
            assert!(found[0].contains("a licensed entry pays"), "{}", found[0]);
        }
    }
}

#[test]
fn goods_of_other_origins_carry_no_ban() {
    let book = TariffBook::embedded();
    for origin in ["CN", "VN", "RU", "BY", "DE", "MX"] {
        assert!(
            prohibited(book, origin, "9403.60.80", "2025-09-10").is_empty(),
            "{origin}"
        );
    }
}

#[test]
fn the_ban_is_said_once_per_origin_of_a_shipment() {
    let json = r#"{"importer":"US","origin":"CU","mode":"ocean","export_date":"2025-09-10",
        "entry_date":"2025-09-10","loaded_date":"2025-09-10","currency":"USD",
        "lines":[{"hts":"9403.60.80","value":"1000.00"},{"hts":"9403.60.80","value":"2000.00"},
                 {"hts":"6109.10.00","value":"500.00","origin":"IR"},
                 {"hts":"9403.60.80","value":"500.00","origin":"VN"}]}"#;
    let shipment: Shipment = serde_json::from_str(json).unwrap();
    let cost = TariffBook::embedded().quote(&shipment).unwrap();
    let bans: Vec<&str> = cost
        .warnings
        .iter()
        .filter(|w| w.code() == WarningCode::ImportProhibited)
        .map(|w| w.message())
        .collect();
    assert_eq!(bans.len(), 2, "{bans:?}");
    assert!(bans[0].starts_with("goods of Cuba (CU)"), "{}", bans[0]);
    assert!(bans[1].starts_with("goods of Iran (IR)"), "{}", bans[1]);
    let json = serde_json::to_string(&cost).unwrap();
    assert!(json.contains(r#""code":"import_prohibited""#));
}

#[test]
fn applicable_and_rates_warn_of_the_ban_too() {
    let book = TariffBook::embedded();
    let hs = "9403.60.80".parse().unwrap();
    let date = "2025-09-10".parse().unwrap();
    let what = book.applicable(&hs, CountryCode::KP, date, None).unwrap();
    assert!(what
        .warnings
        .iter()
        .any(|w| w.code() == WarningCode::ImportProhibited));
    let rates = book.rates(&hs, CountryCode::CU, date).unwrap();
    assert!(rates.warnings().contains(&WarningCode::ImportProhibited));
    let rates = book.rates(&hs, CountryCode::CN, date).unwrap();
    assert!(!rates.warnings().contains(&WarningCode::ImportProhibited));
}

#[test]
fn rules_without_the_list_give_no_ban() {
    let rules = UsRules::embedded()
        .unwrap()
        .with_import_prohibitions(ImportProhibitions::default());
    let book = TariffBook::embedded().clone().with_us_rules(rules);
    assert!(prohibited(&book, "CU", "9403.60.80", "2025-09-10").is_empty());
}

#[test]
fn the_bans_predate_every_date_the_data_answers() {
    // The crate answers entries from 2025-01-01: each ban held is in force from then on.
    let list = ImportProhibitions::published().unwrap();
    let first = "2025-01-01".parse().unwrap();
    for p in &list.prohibitions {
        assert!(p.applies_on(first), "{}", p.country);
        assert!(p.until.is_none(), "{}: an end is held", p.country);
    }
}
