//! Unit tests of the platform programs and the amount check.

use rust_decimal::Decimal;

use super::reported::suggest_scale;
use super::*;

#[test]
fn embedded_programs_parse() {
    let book = ProgramBook::parse_embedded().unwrap();
    assert_eq!(book.programs().len(), 9);
    for sponsor in ["Tencent", "Meituan", "ByteDance (Douyin)"] {
        let p = book
            .programs()
            .iter()
            .find(|p| p.sponsor == sponsor)
            .unwrap();
        assert!(
            p.budget.is_none() && p.reported_budget.is_none(),
            "{sponsor}"
        );
    }
    let didi = book.program("didi_employment_consumption").unwrap();
    assert_eq!(didi.budget, Some("2000000000 CNY".parse().unwrap()));
    let baidu = book.program("baidu_virtual_hosts").unwrap();
    assert_eq!(baidu.targets.companies, Some(1_000_000));
}

#[test]
fn tolerance_is_five_percent() {
    assert_eq!(
        Rate::from_fraction(AMOUNT_CHECK_TOLERANCE)
            .unwrap()
            .to_string(),
        "5%"
    );
}

#[test]
fn scale_suggestion() {
    let reference = Decimal::new(73, 1);
    assert_eq!(
        suggest_scale(Decimal::new(73, 4), reference).unwrap(),
        Some(Decimal::from(1000))
    );
    assert_eq!(suggest_scale(Decimal::new(73, 1), reference).unwrap(), None);
    assert_eq!(suggest_scale(Decimal::from(3), reference).unwrap(), None);
}

#[test]
fn citations_and_duplicates_are_checked() {
    let bad = r#"{"sources": [], "programs": [{"key": "a", "sponsor": "A", "platforms": [],
        "name": "", "announced": null, "reported": "", "window": null,
        "reported_budget": null, "budget": null, "budget_note": "",
        "targets": {"exporters": null, "items": null, "companies": null}, "benefits": [],
        "eligibility": {"min_export_share": null, "provinces": [], "categories": [],
        "note": ""}, "sources": ["nowhere"]}]}"#;
    assert!(ProgramBook::from_json_reader(bad.as_bytes()).is_err());
}

#[test]
fn a_window_holds_through_its_reported_end() {
    let day = |s: &str| s.parse::<NaiveDate>().unwrap();
    let w: Window =
        serde_json::from_str(r#"{"start": "2025-04-11", "end": "2026-04-10"}"#).unwrap();
    assert!(!w.contains(day("2025-04-10")));
    assert!(w.contains(day("2025-04-11")) && w.contains(day("2026-04-10")));
    assert!(!w.contains(day("2026-04-11")));
    let open: Window = serde_json::from_str(r#"{"start": "2025-04-11", "end": null}"#).unwrap();
    assert!(open.contains(day("2030-01-01")));
}
