//! Golden cases of the embedded platform programs: Pinduoduo's misprinted budget is flagged and
//! corrected, JD.com's is consistent, the programs without figures have no budget, and the
//! embedded file loads through the public loader.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use landed_cost::money::fx::ExchangeRateTable;
use landed_cost::trade::{FeeBook, Platform, ProgramBook, AMOUNT_CHECK_TOLERANCE};
use landed_cost::Money;
use rust_decimal::Decimal;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn pinduoduo_misprint_is_flagged_and_corrected() {
    let pdd = ProgramBook::embedded()
        .program("pinduoduo_pivot_upgrade")
        .unwrap();
    let reported = pdd.reported_budget.as_ref().unwrap();
    assert_eq!(reported.text, "RMB100 million ($13.7 billion)");
    let check = pdd
        .budget_check(ExchangeRateTable::embedded_reference())
        .unwrap()
        .unwrap();
    assert!(!check.consistent);
    assert_eq!(check.implied.round_dp(4), dec("0.0073"));
    assert_eq!(check.rate_date.to_string(), "2025-04-30");
    assert_eq!(check.reference.round_dp(2), dec("7.27"));
    assert!(check.deviation.fraction() > dec("0.99"));
    let corrected: Money = "100000000000 CNY".parse().unwrap();
    assert_eq!(check.suggested, Some(corrected));
    assert_eq!(pdd.budget, Some(corrected));
    assert!(check.explanation.contains("inconsistent"));
    assert!(pdd.budget_note.contains("Corrected"));
}

#[test]
fn jd_fund_is_consistent() {
    let jd = ProgramBook::embedded().program("jd_export_fund").unwrap();
    let check = jd
        .budget_check(ExchangeRateTable::embedded_reference())
        .unwrap()
        .unwrap();
    assert!(check.consistent);
    assert_eq!(check.implied.round_dp(4), dec("7.3126")); // 200 / 27.35
    assert_eq!(check.reference.round_dp(4), dec("7.2994")); // ECB 11 April 2025, via EUR
    assert!(check.deviation.fraction() < AMOUNT_CHECK_TOLERANCE);
    assert_eq!(check.suggested, None);
    assert_eq!(jd.budget, Some("200000000000 CNY".parse().unwrap()));
    assert_eq!(jd.announced.unwrap().to_string(), "2025-04-11");
}

#[test]
fn only_pinduoduo_is_flagged() {
    let checks = ProgramBook::embedded()
        .budget_checks(ExchangeRateTable::embedded_reference())
        .unwrap();
    let keys: Vec<(&str, bool)> = checks.iter().map(|(k, c)| (*k, c.consistent)).collect();
    assert_eq!(
        keys,
        [("jd_export_fund", true), ("pinduoduo_pivot_upgrade", false)]
    );
}

#[test]
fn every_program_of_domain_section_1() {
    let book = ProgramBook::embedded();
    let sponsors: Vec<&str> = book.programs().iter().map(|p| p.sponsor.as_str()).collect();
    for sponsor in [
        "Alibaba",
        "JD.com",
        "Pinduoduo",
        "Tencent",
        "Meituan",
        "ByteDance",
        "Baidu",
        "Didi",
    ] {
        assert!(
            sponsors.iter().any(|s| s.starts_with(sponsor)),
            "{sponsor} missing"
        );
    }
    assert!(book.on_platform(Platform::Freshippo).count() == 1);
    for p in book.programs() {
        assert!(p.sources.iter().any(|s| s == "domain"), "{}", p.key);
    }
}

#[test]
fn embedded_files_load_through_the_public_loaders() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/trade/programs.json");
    let book = ProgramBook::from_json_reader(std::fs::File::open(path).unwrap()).unwrap();
    assert_eq!(&book, ProgramBook::embedded());
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/trade/platform_fees.json");
    let fees = FeeBook::from_json_reader(std::fs::File::open(path).unwrap()).unwrap();
    assert_eq!(&fees, FeeBook::embedded());
}

#[test]
fn hostile_program_json_is_an_error() {
    for bad in ["", "{", "null", "[]", r#"{"sources": 1, "programs": []}"#] {
        assert!(
            ProgramBook::from_json_reader(bad.as_bytes()).is_err(),
            "{bad}"
        );
        assert!(FeeBook::from_json_reader(bad.as_bytes()).is_err(), "{bad}");
    }
}
