//! US duties for every origin, 2025–2026: the shipments the official chapter-99 texts price
//! (the golden cases of the issue that asked for every origin), and each action's first and last
//! day and in-transit boundary.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use landed_cost::tariff::{Claims, TariffBook};
use landed_cost::{HsCode, Shipment};

/// A $10,000 FOB ocean shipment of one line, as the quote JSON writes it.
fn quote(origin: &str, hts: &str, loaded: &str, entry: &str, extra: &str) -> (String, Vec<String>) {
    let json = format!(
        r#"{{"importer":"US","origin":"{origin}","mode":"ocean","export_date":"{loaded}",
            "entry_date":"{entry}","loaded_date":"{loaded}","currency":"USD","incoterm":"FOB",
            "lines":[{{"hts":"{hts}","value":"10000.00"{extra}}}]}}"#
    );
    let shipment: Shipment = serde_json::from_str(&json).unwrap();
    let cost = TariffBook::embedded().quote(&shipment).unwrap();
    let charges = cost.lines[0]
        .charges
        .iter()
        .map(|c| format!("{} {} {}", c.authority, c.heading, c.amount))
        .collect();
    (cost.duties_total.to_string(), charges)
}

/// The headings charged on goods of `origin` entered on `entry` (loaded on `loaded`).
fn headings(
    origin: &str,
    hts: &str,
    entry: &str,
    loaded: Option<&str>,
    usmca: bool,
) -> Vec<String> {
    let book = TariffBook::embedded();
    let hs: HsCode = hts.parse().unwrap();
    let what = book
        .applicable_with(
            &hs,
            origin.parse().unwrap(),
            entry.parse().unwrap(),
            loaded.map(|d| d.parse().unwrap()),
            Claims::NONE.with_usmca(usmca),
        )
        .unwrap();
    what.applied
        .iter()
        .skip(1)
        .map(|a| a.heading.to_string())
        .collect()
}

#[test]
fn vietnamese_sneakers_pay_the_country_rate_of_20_percent() {
    let (total, charges) = quote("VN", "6402.99.90", "2025-08-10", "2025-09-10", "");
    assert_eq!(total, "4000.00");
    assert_eq!(
        charges,
        [
            "mfn 6402.99.90 2000.00",
            "ieepa_reciprocal 9903.02.69 2000.00"
        ]
    );
}

#[test]
fn german_sneakers_meet_the_eu_floor_with_their_mfn_rate() {
    let (total, charges) = quote("DE", "6402.99.90", "2025-08-10", "2025-09-10", "");
    assert_eq!(total, "2000.00");
    assert_eq!(
        charges,
        ["mfn 6402.99.90 2000.00", "ieepa_reciprocal 9903.02.19 0.00"]
    );
}

#[test]
fn german_furniture_is_topped_up_to_15_percent() {
    let (total, charges) = quote("DE", "9403.60.80", "2025-08-10", "2025-09-10", "");
    assert_eq!(total, "1500.00");
    assert_eq!(
        charges,
        ["mfn 9403.60.80 0.00", "ieepa_reciprocal 9903.02.20 1500.00"]
    );
}

#[test]
fn brazilian_sneakers_pay_10_and_40_percent() {
    let (total, charges) = quote("BR", "6402.99.90", "2025-08-10", "2025-09-10", "");
    assert_eq!(total, "7000.00");
    assert_eq!(
        charges,
        [
            "mfn 6402.99.90 2000.00",
            "ieepa_reciprocal 9903.02.09 1000.00",
            "ieepa 9903.01.77 4000.00"
        ]
    );
}

#[test]
fn indian_t_shirts_pay_25_and_25_percent() {
    let (total, charges) = quote("IN", "6109.10.00", "2025-09-01", "2025-09-20", "");
    assert_eq!(total, "6650.00");
    assert_eq!(
        charges,
        [
            "mfn 6109.10.00 1650.00",
            "ieepa_reciprocal 9903.02.26 2500.00",
            "ieepa 9903.01.84 2500.00"
        ]
    );
}

#[test]
fn chinese_sneakers_pay_the_forced_labor_duty_from_24_july_2026() {
    let (total, charges) = quote("CN", "6402.99.90", "2026-07-26", "2026-08-01", "");
    assert_eq!(total, "4000.00");
    assert_eq!(
        charges,
        [
            "mfn 6402.99.90 2000.00",
            "section301 9903.88.15 750.00",
            "section301 9903.05.31 1250.00"
        ]
    );
}

#[test]
fn canadian_goods_pay_35_percent_unless_entered_under_the_usmca() {
    let (total, charges) = quote("CA", "9403.60.80", "2025-09-01", "2025-09-10", "");
    assert_eq!(total, "3500.00");
    assert_eq!(
        charges,
        ["mfn 9403.60.80 0.00", "ieepa_fentanyl 9903.01.10 3500.00"]
    );
    let (total, charges) = quote(
        "CA",
        "9403.60.80",
        "2025-09-01",
        "2025-09-10",
        r#", "usmca": true"#,
    );
    assert_eq!(total, "0.00");
    assert_eq!(charges, ["mfn 9403.60.80 0.00"]);
}

#[test]
fn a_japanese_car_part_pays_15_percent_under_section_232() {
    let (total, charges) = quote("JP", "8708.30.50", "2025-10-01", "2025-10-10", "");
    assert_eq!(total, "1500.00");
    assert_eq!(
        charges,
        ["mfn 8708.30.50 250.00", "section232 9903.94.43 1250.00"]
    );
}

#[test]
fn a_chinese_steel_article_under_section_232_pays_no_forced_labor_duty() {
    // An article of annex 1a of the 2026 metals annexes: 50% on its full value (9903.82.02),
    // which excludes it from the forced-labor duty (note 52(f), 9903.05.90).
    let (total, charges) = quote("CN", "7326.90.86.05", "2026-08-01", "2026-08-10", "");
    assert_eq!(total, "7790.00");
    assert_eq!(
        charges,
        [
            "mfn 7326.90.86.05 290.00",
            "section301 9903.88.03 2500.00",
            "section232 9903.82.02 5000.00"
        ]
    );
    // The 8-digit line holds suffixes of annexes 1a and 1b: the quote asks for the full code.
    let book = TariffBook::embedded();
    let what = book
        .applicable(
            &"7326.90.86".parse().unwrap(),
            "CN".parse().unwrap(),
            "2026-08-10".parse().unwrap(),
            None,
        )
        .unwrap();
    assert!(
        what.warnings
            .iter()
            .any(|w| w.code() == landed_cost::WarningCode::StatisticalSuffixNeeded),
        "{:?}",
        what.warnings
    );
}

#[test]
fn phase_1_country_rates_apply_on_9_april_2025_only() {
    let sneakers = "6402.99.90";
    assert_eq!(
        headings("VN", sneakers, "2025-04-08", None, false),
        ["9903.01.25"]
    );
    assert_eq!(
        headings("VN", sneakers, "2025-04-09", None, false),
        ["9903.01.72"]
    );
    assert_eq!(
        headings("VN", sneakers, "2025-04-10", None, false),
        ["9903.01.25"]
    );
    // Loaded before 9 April and entered before 27 May: the 10% instead.
    assert_eq!(
        headings("VN", sneakers, "2025-04-09", Some("2025-04-08"), false),
        ["9903.01.25"]
    );
    // Loaded before 5 April: no reciprocal duty.
    assert!(headings("VN", sneakers, "2025-04-09", Some("2025-04-04"), false).is_empty());
}

#[test]
fn phase_2_country_rates_start_on_7_august_2025_with_their_in_transit_rule() {
    let sneakers = "6402.99.90";
    assert_eq!(
        headings("VN", sneakers, "2025-08-06", None, false),
        ["9903.01.25"]
    );
    assert_eq!(
        headings("VN", sneakers, "2025-08-07", None, false),
        ["9903.02.69"]
    );
    // Loaded before 7 August, entered before 5 October: the 10% baseline rate.
    assert_eq!(
        headings("VN", sneakers, "2025-10-04", Some("2025-08-06"), false),
        ["9903.01.25"]
    );
    assert_eq!(
        headings("VN", sneakers, "2025-10-05", Some("2025-08-06"), false),
        ["9903.02.69"]
    );
    // The last day of the IEEPA duties is 23 February 2026.
    assert_eq!(
        headings("VN", sneakers, "2026-02-23", None, false),
        ["9903.02.69"]
    );
    assert_eq!(
        headings("VN", sneakers, "2026-02-24", None, false),
        ["9903.03.01"]
    );
}

#[test]
fn the_floors_of_korea_and_switzerland_start_on_14_november_2025() {
    let furniture = "9403.60.80";
    assert_eq!(
        headings("KR", furniture, "2025-11-13", None, false),
        ["9903.02.56"]
    );
    assert_eq!(
        headings("KR", furniture, "2025-11-14", None, false),
        ["9903.02.80"]
    );
    assert_eq!(
        headings("CH", furniture, "2025-11-13", None, false),
        ["9903.02.58"]
    );
    assert_eq!(
        headings("CH", furniture, "2025-11-14", None, false),
        ["9903.02.83"]
    );
    // Japan's floor applies from 7 August 2025 (EO 14345, retroactively).
    assert_eq!(
        headings("JP", furniture, "2025-08-07", None, false),
        ["9903.02.73"]
    );
}

#[test]
fn brazil_and_india_duties_have_their_own_first_and_last_days() {
    let sneakers = "6402.99.90";
    assert_eq!(
        headings("BR", sneakers, "2025-08-05", None, false),
        ["9903.01.25"]
    );
    assert_eq!(
        headings("BR", sneakers, "2025-08-06", None, false),
        ["9903.01.25", "9903.01.77"]
    );
    // Loaded before 6 August and entered before 5 October: no 40%.
    assert_eq!(
        headings("BR", sneakers, "2025-08-06", Some("2025-08-05"), false),
        ["9903.01.25"]
    );
    assert_eq!(
        headings("IN", sneakers, "2025-08-26", None, false),
        ["9903.02.26"]
    );
    assert_eq!(
        headings("IN", sneakers, "2025-08-27", None, false),
        ["9903.02.26", "9903.01.84"]
    );
    assert_eq!(
        headings("IN", sneakers, "2025-09-16", Some("2025-08-26"), false),
        ["9903.02.26"]
    );
    assert_eq!(
        headings("IN", sneakers, "2026-02-06", None, false),
        ["9903.02.26", "9903.01.84"]
    );
    assert_eq!(
        headings("IN", sneakers, "2026-02-07", None, false),
        ["9903.02.26"]
    );
}

#[test]
fn canada_and_mexico_fentanyl_duties_by_date_and_claim() {
    let furniture = "9403.60.80";
    assert!(headings("CA", furniture, "2025-03-03", None, false).is_empty());
    assert_eq!(
        headings("CA", furniture, "2025-03-04", None, false),
        ["9903.01.10"]
    );
    // The USMCA exemption starts on 7 March 2025.
    assert_eq!(
        headings("CA", furniture, "2025-03-06", None, true),
        ["9903.01.10"]
    );
    assert!(headings("CA", furniture, "2025-03-07", None, true).is_empty());
    assert_eq!(
        headings("MX", furniture, "2025-09-10", None, false),
        ["9903.01.01"]
    );
    assert!(headings("MX", furniture, "2025-09-10", None, true).is_empty());
    // A USMCA claim means nothing for goods of other origins.
    assert_eq!(
        headings("VN", furniture, "2025-09-10", None, true),
        ["9903.02.69"]
    );
    assert!(headings("CA", furniture, "2026-02-24", None, false) == ["9903.03.01"]);
}

#[test]
fn section_122_spares_usmca_goods_only_when_claimed() {
    let furniture = "9403.60.80";
    assert_eq!(
        headings("CA", furniture, "2026-03-10", None, false),
        ["9903.03.01"]
    );
    assert!(headings("CA", furniture, "2026-03-10", None, true).is_empty());
    assert_eq!(
        headings("MX", furniture, "2026-07-23", None, false),
        ["9903.03.01"]
    );
    // Section 122 ends with 23 July 2026; the forced-labor duty starts the next day.
    assert_eq!(
        headings("MX", furniture, "2026-07-24", None, false),
        ["9903.05.55"]
    );
    assert!(headings("MX", furniture, "2026-07-24", None, true).is_empty());
}

#[test]
fn the_2026_section_301_actions_start_on_their_days() {
    let sneakers = "6402.99.90";
    assert_eq!(
        headings("VN", sneakers, "2026-07-23", None, false),
        ["9903.03.01"]
    );
    assert_eq!(
        headings("VN", sneakers, "2026-07-24", None, false),
        ["9903.05.84"]
    );
    // Loaded before 24 July and entered before 28 July: exempt.
    assert!(headings("VN", sneakers, "2026-07-27", Some("2026-07-23"), false).is_empty());
    assert_eq!(
        headings("VN", sneakers, "2026-07-28", Some("2026-07-23"), false),
        ["9903.05.84"]
    );
    // Brazil: 25% from 22 July 2026, and the forced-labor 12.5% from 24 July.
    assert_eq!(
        headings("BR", sneakers, "2026-07-21", None, false),
        ["9903.03.01"]
    );
    assert_eq!(
        headings("BR", sneakers, "2026-07-22", None, false),
        ["9903.05.01", "9903.03.01"]
    );
    assert_eq!(
        headings("BR", sneakers, "2026-07-24", None, false),
        ["9903.05.27", "9903.05.01"]
    );
    // The EU's 10% floor: sneakers (MFN 20%) are declared under the no-duty heading.
    assert_eq!(
        headings("DE", sneakers, "2026-08-01", None, false),
        ["9903.05.38"]
    );
    // Pharmaceuticals of chapter 30 are exempt without a claim.
    assert!(headings("VN", "3004.20.00", "2026-08-01", None, false).is_empty());
}

#[test]
fn quartz_and_cranes_start_on_their_days() {
    let quartz = "6810.99.00.20";
    assert!(!headings("CN", quartz, "2026-08-14", None, false).contains(&"9903.45.30".into()));
    assert!(headings("CN", quartz, "2026-08-15", None, false).contains(&"9903.45.30".into()));
    // Canada is an exempt origin of the safeguard (note 41(c)).
    assert!(!headings("CA", quartz, "2026-08-15", None, false).contains(&"9903.45.30".into()));
    let crane = "8426.19.00";
    assert!(!headings("CN", crane, "2026-11-09", None, false).contains(&"9903.91.14".into()));
    assert!(headings("CN", crane, "2026-11-10", None, false).contains(&"9903.91.14".into()));
    // The 25% of the four-year review (9903.92.10) is charged throughout, and the maritime
    // 100% on top of it from 10 November 2026 (DOMAIN-2026 §9).
    for entry in ["2025-01-15", "2026-10-15", "2026-11-10"] {
        assert!(
            headings("CN", crane, entry, None, false).contains(&"9903.92.10".into()),
            "{entry}"
        );
    }
    assert!(!headings("VN", crane, "2026-10-15", None, false).contains(&"9903.92.10".into()));
    let (_, charges) = quote("CN", crane, "2026-11-10", "2026-11-10", "");
    assert!(
        charges.contains(&"section301 9903.92.10 2500.00".to_owned())
            && charges.contains(&"section301 9903.91.14 10000.00".to_owned()),
        "{charges:?}"
    );
    // A crane on a contract dated before 14 May 2024 claims 9903.91.09 until 14 May 2026.
    let contract = r#","claims":["9903.91.09"]"#;
    let (_, charges) = quote("CN", crane, "2026-05-13", "2026-05-13", contract);
    assert!(
        charges.iter().all(|c| !c.contains("9903.92.10")),
        "{charges:?}"
    );
    let (_, charges) = quote("CN", crane, "2026-05-14", "2026-05-14", contract);
    assert!(
        charges.iter().any(|c| c.contains("9903.92.10")),
        "{charges:?}"
    );
}

/// Drones from 3 September 2026 (Proclamation 11055, note 43): systems of 8806.24/.29/.94/.99
/// and docking stations pay +100% under 9903.08.21, the six small-system codes +25% under
/// 9903.08.22, each with the warning of what the data cannot tell (thermal imaging, the
/// critical-components test) and the disputed forced-labor stacking.
#[test]
fn drones_pay_100_or_25_percent_by_their_code_from_3_september_2026() {
    for (hts, heading) in [
        ("8806.24.00", "9903.08.21"),
        ("8806.99.00", "9903.08.21"),
        ("8504.40.95.80", "9903.08.21"),
        ("8806.22.00", "9903.08.22"),
        ("8806.93.00", "9903.08.22"),
    ] {
        assert!(
            !headings("GB", hts, "2026-09-02", None, false).contains(&heading.into()),
            "{hts} before"
        );
        assert!(
            headings("GB", hts, "2026-09-03", None, false).contains(&heading.into()),
            "{hts} {heading}"
        );
    }
    let (_, charges) = quote("CN", "8806.24.00", "2026-09-03", "2026-09-03", "");
    assert!(
        charges.contains(&"section232 9903.08.21 10000.00".to_owned()),
        "{charges:?}"
    );
    let (_, charges) = quote("CN", "8806.22.00", "2026-09-03", "2026-09-03", "");
    assert!(
        charges.contains(&"section232 9903.08.22 2500.00".to_owned()),
        "{charges:?}"
    );
}

/// Polysilicon wafers, cells and modules from 4 December 2026 (Proclamation 11052): +15%, the
/// UK +10%, a 15% total for the EU, Japan, Korea, Taiwan, Switzerland and Liechtenstein, with
/// no USMCA exemption; the heading is the data's (not yet codified) and says so.
#[test]
fn polysilicon_pays_15_percent_from_4_december_2026() {
    let module = "8541.43.00.10";
    assert!(!headings("CN", module, "2026-12-03", None, false).contains(&"9903.45.32".into()));
    for (origin, amount) in [
        ("CN", "1500.00"),
        ("MX", "1500.00"),
        ("GB", "1000.00"),
        ("KR", "1500.00"),
    ] {
        let (_, charges) = quote(origin, module, "2026-12-04", "2026-12-04", "");
        assert!(
            charges.contains(&format!("section232 9903.45.32 {amount}")),
            "{origin}: {charges:?}"
        );
    }
    // Not the other lines of 8541.43.
    let (_, charges) = quote("CN", "8541.43.00.80", "2026-12-04", "2026-12-04", "");
    assert!(
        charges.iter().any(|c| c.contains("9903.45.32")),
        "{charges:?}"
    );
}

#[test]
fn informational_materials_claimed_pay_no_reciprocal_duty() {
    let book = TariffBook::embedded();
    let books: HsCode = "4901.99.00".parse().unwrap();
    let claims = ["9903.01.31".parse().unwrap()];
    let what = book
        .applicable_with(
            &books,
            "VN".parse().unwrap(),
            "2025-09-10".parse().unwrap(),
            None,
            Claims::headings(&claims),
        )
        .unwrap();
    assert_eq!(what.applied.len(), 1, "only MFN");
}

#[test]
fn products_whose_lists_are_not_held_get_a_warning_not_a_silent_zero() {
    let book = TariffBook::embedded();
    let lumber: HsCode = "4407.11.00".parse().unwrap();
    let what = book
        .applicable(
            &lumber,
            "CA".parse().unwrap(),
            "2025-11-01".parse().unwrap(),
            None,
        )
        .unwrap();
    assert!(
        what.warnings.iter().any(|w| w.contains("9903.76.01")),
        "{:?}",
        what.warnings
    );
    // Section 338 (note 51): any good of Canada from 22 August 2026, USMCA claimed or not;
    // patented pharmaceuticals (note 40) from 31 July 2026, the first weeks labelled disputed.
    let warned = |hts: &str, origin: &str, entry: &str, heading: &str| {
        let hs: HsCode = hts.parse().unwrap();
        let claims = Claims::NONE.with_usmca(origin == "CA");
        book.applicable_with(
            &hs,
            origin.parse().unwrap(),
            entry.parse().unwrap(),
            None,
            claims,
        )
        .unwrap()
        .warnings
        .iter()
        .any(|w| w.contains(heading))
    };
    assert!(!warned("2208.30.60", "CA", "2026-08-21", "9903.03.12"));
    assert!(warned("2208.30.60", "CA", "2026-08-22", "9903.03.12"));
    assert!(warned("9403.60.80", "CA", "2026-10-15", "9903.03.12"));
    assert!(!warned("9403.60.80", "MX", "2026-10-15", "9903.03.12"));
    assert!(!warned("3004.90.92", "IN", "2026-07-30", "9903.04.60"));
    assert!(warned("3004.90.92", "IN", "2026-07-31", "9903.04.60"));
    assert!(warned("3004.90.92", "IN", "2026-09-29", "9903.04.60"));
}

/// What a chapter-99 heading's rate text says a measure charges: an ad valorem rate added to
/// the MFN duty ("The duty provided in the applicable subheading + 20%"), a total ("15%"), or
/// nothing beyond the MFN duty.
#[derive(Debug, PartialEq)]
enum Printed {
    Adds(String),
    Total(String),
    Nothing,
    Other(String),
}

fn printed(text: &str) -> Printed {
    let t = text.trim();
    let rest = t
        .strip_prefix("The duty provided in the applicable subheading")
        .map(|r| r.trim().strip_prefix("plus").unwrap_or(r).trim());
    match rest {
        Some("") => Printed::Nothing,
        Some(r) => {
            let r = r.trim_start_matches('+').trim();
            let r = r.strip_prefix("a duty of ").unwrap_or(r);
            match r.split_once('%') {
                Some((n, _)) if n.trim().parse::<f64>().is_ok() => {
                    Printed::Adds(format!("{}%", n.trim()))
                }
                _ => Printed::Other(t.to_owned()),
            }
        }
        None if t == "No change" || t == "Free" => Printed::Nothing,
        None => match t.strip_suffix('%') {
            Some(n) if n.trim().parse::<f64>().is_ok() => Printed::Total(t.to_owned()),
            _ => Printed::Other(t.to_owned()),
        },
    }
}

/// The official schedule checks the data: for every embedded HTS revision and every measure in
/// force while that revision is, the measure's heading is printed in the revision with a rate
/// text that agrees with the measure's rate and its semantics (added to MFN, or a floor that
/// prints the total), and a floor's "no additional duty" heading prints the MFN duty alone.
/// A heading the revision does not print is accepted only for the reasons counted below: the
/// measure was made retroactive and a later revision prints it, or the heading is printed only
/// after the last revision the data holds (2026 revision 10).
#[test]
fn the_official_schedule_agrees_with_every_measure_in_force() {
    let book = TariffBook::embedded();
    let editions = book.hts().editions();
    let last = editions.last().unwrap().effective();
    let (mut checked, mut retroactive, mut after_last, mut documented) = (0, 0, 0, 0);
    let mut disagreements = Vec::new();
    for (i, edition) in editions.iter().enumerate() {
        let from = edition.effective();
        let until = editions.get(i + 1).map(|e| e.effective());
        for m in book.measures() {
            let overlaps = m.valid_from < until.unwrap_or(chrono::NaiveDate::MAX)
                && m.valid_until.is_none_or(|u| u > from);
            // Measures of years before 2025 (the China Section 301 lists) are in force in
            // every revision; they are checked like the others.
            if !overlaps || m.importer.to_string() != "US" {
                continue;
            }
            let before = disagreements.len();
            let Some(line) = edition.schedule().chapter99(&m.heading) else {
                let later = editions[i + 1..]
                    .iter()
                    .any(|e| e.schedule().chapter99(&m.heading).is_some());
                if later {
                    retroactive += 1;
                } else if m.valid_from >= last
                    || !editions
                        .iter()
                        .any(|e| e.schedule().chapter99(&m.heading).is_some())
                        && m.valid_from >= "2026-06-08".parse().unwrap()
                {
                    after_last += 1;
                } else {
                    disagreements.push(format!(
                        "{} {}: heading {} not printed",
                        edition.name(),
                        m.key,
                        m.heading
                    ));
                }
                if disagreements.len() > before && m.schedule_note.is_some() {
                    documented += 1;
                    disagreements.truncate(before);
                }
                continue;
            };
            checked += 1;
            let expected = match (m.floor, m.rate.ad_valorem_rate()) {
                (Some(f), _) => Printed::Total(f.total.to_string()),
                (None, Some(r)) if r.is_zero() => Printed::Nothing,
                (None, Some(r)) => Printed::Adds(r.to_string()),
                (None, None) => Printed::Other(m.rate.to_string()),
            };
            let got = printed(line.general());
            if got != expected {
                disagreements.push(format!(
                    "{} {} ({}): the data says {expected:?}, the HTS prints {:?}",
                    edition.name(),
                    m.key,
                    m.heading,
                    line.general()
                ));
            }
            if let Some(f) = m.floor {
                if let Some(met) = edition.schedule().chapter99(&f.met_heading) {
                    checked += 1;
                    if printed(met.general()) != Printed::Nothing {
                        disagreements.push(format!(
                            "{} {}: {} prints {:?}, not the MFN duty alone",
                            edition.name(),
                            m.key,
                            f.met_heading,
                            met.general()
                        ));
                    }
                }
            }
            // A disagreement the data explains (a revision that prints a rate ahead of its
            // date, a heading the data stands in for) is counted, not failed.
            if disagreements.len() > before && m.schedule_note.is_some() {
                documented += disagreements.len() - before;
                disagreements.truncate(before);
            }
        }
    }
    println!(
        "official schedule: {checked} (measure, revision) pairs checked over {} revisions; {retroactive} printed in a later revision (retroactive); {after_last} printed after the last revision held; {documented} disagreements whose reason the data gives (schedule_note); {} disagreements",
        editions.len(),
        disagreements.len()
    );
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
    assert!(checked > 100, "only {checked} pairs checked");
}

#[test]
fn the_2026_metals_annexes_charge_their_tiers() {
    // Annex 1b: knives of 8211.92.60 at 25% under 9903.82.09 (before 6 April 2026: not on the
    // steel lists at all).
    assert!(headings("CN", "8211.92.60", "2026-04-05", None, false)
        .iter()
        .all(|h| !h.starts_with("9903.82")));
    assert!(headings("CN", "8211.92.60", "2026-04-06", None, false).contains(&"9903.82.09".into()));
    // The United Kingdom's 1b rate (+15%, 9903.82.05).
    assert!(headings("GB", "8211.92.60", "2026-04-06", None, false).contains(&"9903.82.05".into()));
    // Annex 3: a total of 15% with MFN (9903.82.10).
    let (total, charges) = quote("VN", "8207.20.00.70", "2026-08-01", "2026-08-10", "");
    assert!(
        charges
            .iter()
            .any(|c| c.starts_with("section232 9903.82.10")),
        "{charges:?}"
    );
    assert_eq!(total, "1500.00", "{charges:?}");
    // A claim that the article holds no steel, aluminium or copper (9903.82.01).
    let book = TariffBook::embedded();
    let claims = ["9903.82.01".parse().unwrap()];
    let what = book
        .applicable_with(
            &"8211.92.60".parse().unwrap(),
            "CN".parse().unwrap(),
            "2026-05-01".parse().unwrap(),
            None,
            Claims::headings(&claims),
        )
        .unwrap();
    assert!(what
        .applied
        .iter()
        .all(|a| !a.heading.to_string().starts_with("9903.82")));
}

#[test]
fn section_232_before_12_march_2025_spares_the_arrangement_countries() {
    let steel = "7208.10.15";
    assert!(headings("CN", steel, "2025-03-11", None, false).contains(&"9903.80.01".into()));
    assert!(!headings("DE", steel, "2025-03-11", None, false).contains(&"9903.80.01".into()));
    assert!(headings("DE", steel, "2025-03-12", None, false).contains(&"9903.81.87".into()));
    assert!(!headings("CN", steel, "2025-03-12", None, false).contains(&"9903.80.01".into()));
    let aluminium = "7601.10.30";
    assert!(headings("CN", aluminium, "2025-03-11", None, false).contains(&"9903.85.01".into()));
    assert!(!headings("CA", aluminium, "2025-03-11", None, false).contains(&"9903.85.01".into()));
}

#[test]
fn an_economys_own_forced_labor_exemptions_apply_to_its_goods_only() {
    // 0106.11.00 (live primates) is on Ecuador's note 52(j) list, not Vietnam's.
    let code = "0106.11.00";
    assert!(!headings("EC", code, "2026-08-01", None, false).contains(&"9903.05.35".into()));
    assert!(headings("VN", code, "2026-08-01", None, false).contains(&"9903.05.84".into()));
}

#[test]
fn postal_items_pay_their_origins_effective_ieepa_rate() {
    // EO 14324: from 29 August 2025 a postal item pays the origin's effective IEEPA rate.
    let parcel = |origin: &str| {
        let json = format!(
            r#"{{"importer":"US","origin":"{origin}","mode":"postal","postal_duty_method":"ad_valorem",
                "export_date":"2025-09-01","entry_date":"2025-09-05","currency":"USD",
                "lines":[{{"hts":"6402.99.90","value":"100.00"}}]}}"#
        );
        let s: Shipment = serde_json::from_str(&json).unwrap();
        TariffBook::embedded()
            .quote(&s)
            .unwrap()
            .duties_total
            .to_string()
    };
    assert_eq!(parcel("VN"), "20.00"); // 9903.02.69, not the replaced 10% baseline as well
    assert_eq!(parcel("DE"), "15.00"); // the EU's 15% floor
    assert_eq!(parcel("BR"), "50.00"); // 10% and the 40% of EO 14323
    assert_eq!(parcel("CN"), "30.00"); // 20% fentanyl and 10% reciprocal
}
