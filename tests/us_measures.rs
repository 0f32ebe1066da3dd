//! The US measures of 2025–2026: every date of DOMAIN.md §2 (the day before, the day, the day
//! after), the in-transit rules, the worked examples, Annex II, Hong Kong, Section 232
//! derivatives, and the integrity of the embedded data.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::{Days, NaiveDate};
use landed_cost::tariff::{Applicability, Authority, Base, MeasureSet, Metal, TariffBook};
use landed_cost::{CountryCode, Currency, DutyBase, HsCode, Money};

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn hs(s: &str) -> HsCode {
    s.parse().unwrap()
}

fn usd(s: &str) -> Money {
    format!("{s} USD").parse().unwrap()
}

/// The stack as (authority, heading, rate) triples, MFN first.
fn stack(what: &Applicability<'_>) -> Vec<(Authority, String, String)> {
    what.applied
        .iter()
        .map(|a| (a.authority, a.heading.to_string(), a.rate.to_string()))
        .collect()
}

fn applied(
    book: &TariffBook,
    code: &str,
    origin: CountryCode,
    day: &str,
    loaded: Option<&str>,
) -> Vec<(Authority, String, String)> {
    stack(
        &book
            .applicable(&hs(code), origin, date(day), loaded.map(date))
            .unwrap(),
    )
}

/// The additional (non-MFN, non-301) duties on a product that is on no list: IEEPA and 122.
fn extra(book: &TariffBook, day: &str) -> Vec<(String, String)> {
    applied(book, "6402.99.90", CountryCode::CN, day, None)
        .into_iter()
        .filter(|(a, ..)| !matches!(a, Authority::Mfn | Authority::Section301))
        .map(|(_, h, r)| (h, r))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(h, r)| ((*h).to_owned(), (*r).to_owned()))
        .collect()
}

/// Duties by key for `value` with metal contents, computed from what applies.
fn duties(
    what: &Applicability<'_>,
    value: Money,
    metal: &[(Metal, Money)],
) -> Vec<(String, Money)> {
    let metal_total = metal
        .iter()
        .try_fold(Money::zero(Currency::USD), |acc, (_, m)| {
            acc.checked_add(*m)
        })
        .unwrap();
    what.applied
        .iter()
        .map(|a| {
            let base = match a.base {
                Base::FullValue | Base::NonUsContent => value,
                Base::MetalContent(kind) => metal
                    .iter()
                    .find(|(m, _)| *m == kind)
                    .map(|(_, v)| *v)
                    .unwrap_or(value),
                Base::NonMetalValue => value.checked_sub(metal_total).unwrap(),
                _ => unreachable!(),
            };
            (
                a.key().to_owned(),
                a.rate.duty(&DutyBase::new(base)).unwrap(),
            )
        })
        .collect()
}

fn total(duties: &[(String, Money)]) -> Money {
    duties
        .iter()
        .try_fold(Money::zero(Currency::USD), |acc, (_, d)| {
            acc.checked_add(*d)
        })
        .unwrap()
}

#[test]
fn every_date_of_the_ieepa_and_section_122_table() {
    let book = TariffBook::embedded();
    let f10 = ("9903.01.20", "10%");
    let f20 = ("9903.01.24", "20%");
    let f10b = ("9903.01.24", "10%");
    let r10 = ("9903.01.25", "10%");
    let r84 = ("9903.01.63", "84%");
    let r125 = ("9903.01.63", "125%");
    let s122 = ("9903.03.01", "10%");
    let table: [(&str, &[(&str, &str)]); 24] = [
        ("2025-02-03", &[]),
        ("2025-02-04", &[f10]),
        ("2025-02-05", &[f10]),
        ("2025-03-03", &[f10]),
        ("2025-03-04", &[f20]),
        ("2025-03-05", &[f20]),
        ("2025-04-04", &[f20]),
        ("2025-04-05", &[f20, r10]),
        ("2025-04-08", &[f20, r10]),
        ("2025-04-09", &[f20, r84]),
        ("2025-04-10", &[f20, r125]),
        ("2025-04-11", &[f20, r125]),
        ("2025-05-13", &[f20, r125]),
        ("2025-05-14", &[f20, r10]),
        ("2025-05-15", &[f20, r10]),
        ("2025-11-09", &[f20, r10]),
        ("2025-11-10", &[f10b, r10]),
        ("2025-11-11", &[f10b, r10]),
        ("2026-02-23", &[f10b, r10]),
        ("2026-02-24", &[s122]),
        ("2026-02-25", &[s122]),
        ("2026-07-23", &[s122]),
        ("2026-07-24", &[]),
        ("2026-07-25", &[]),
    ];
    for (day, expected) in table {
        assert_eq!(extra(book, day), pairs(expected), "{day}");
    }
}

#[test]
fn section_301_stacks_on_everything_for_china_only() {
    let book = TariffBook::embedded();
    let cn = applied(book, "6402.99.90", CountryCode::CN, "2025-04-15", None);
    assert_eq!(cn[0], (Authority::Mfn, "6402.99.90".into(), "20%".into()));
    assert_eq!(
        cn[1],
        (Authority::Section301, "9903.88.15".into(), "7.5%".into())
    );
    // Hong Kong: fentanyl and China's reciprocal rate, no Section 301.
    let hk = applied(book, "6402.99.90", CountryCode::HK, "2025-04-15", None);
    let hk: Vec<(Authority, String)> = hk.into_iter().map(|(a, h, _)| (a, h)).collect();
    assert_eq!(
        hk,
        [
            (Authority::Mfn, "6402.99.90".into()),
            (Authority::IeepaFentanyl, "9903.01.24".into()),
            (Authority::IeepaReciprocal, "9903.01.63".into()),
        ]
    );
    // Macau: China's reciprocal rate, no fentanyl duty.
    let mo = applied(book, "6402.99.90", CountryCode::MO, "2025-04-15", None);
    assert_eq!(
        mo.iter().map(|(a, ..)| *a).collect::<Vec<_>>(),
        [Authority::Mfn, Authority::IeepaReciprocal]
    );
}

#[test]
fn four_year_review_increase_replaces_the_list_rate() {
    let book = TariffBook::embedded();
    // A line referencing 9903.91.05 (the 1 Jan 2025 increases to 50%).
    let hts = book.hts().edition_for(date("2025-06-01")).unwrap();
    let line = hts
        .schedule()
        .iter()
        .find(|l| l.references().contains(&hs("9903.91.05")) && l.mfn().is_ok())
        .unwrap();
    let before = book.applicable(&line.code(), CountryCode::CN, date("2024-12-31"), None);
    assert!(before.is_err(), "no embedded edition before 2025");
    let what = book
        .applicable(&line.code(), CountryCode::CN, date("2025-06-01"), None)
        .unwrap();
    let s301: Vec<String> = what
        .applied
        .iter()
        .filter(|a| a.authority == Authority::Section301)
        .map(|a| format!("{} {}", a.heading, a.rate))
        .collect();
    assert_eq!(s301, ["9903.91.05 50%"], "{}", line.code());
}

/// Medical rubber gloves of China pay the 50% of 9903.91.05 from 1 January 2025, though the
/// editions in force that month (the basic edition and revision 1) do not print the footnote on
/// 4015.12.10 that revision 2 prints; gloves of other origins do not.
#[test]
fn medical_gloves_pay_50_percent_from_1_january_2025() {
    let book = TariffBook::embedded();
    let s301 = |code: &str, origin: CountryCode, entry: &str| -> Vec<String> {
        applied(book, code, origin, entry, None)
            .into_iter()
            .filter(|(a, ..)| *a == Authority::Section301)
            .map(|(_, h, r)| format!("{h} {r}"))
            .collect()
    };
    for (entry, code) in [
        ("2025-01-01", "4015.12.10.10"),
        ("2025-01-31", "4015.12.10.20"),
        ("2025-02-01", "4015.12.10.10"),
        ("2025-06-01", "4015.12.10.10"),
    ] {
        assert_eq!(
            s301(code, CountryCode::CN, entry),
            ["9903.91.05 50%"],
            "{code} on {entry}"
        );
    }
    assert!(s301("4015.12.10.10", CountryCode::VN, "2025-01-15").is_empty());
}

#[test]
fn enteral_syringes_are_outside_the_100_percent_until_2026() {
    // 9903.91.10: "Notwithstanding heading 9903.91.03, ... enteral syringes, of China, on or
    // after September 27, 2024, and before January 1, 2026 (9018.31.0080)".
    let book = TariffBook::embedded();
    let s301 = |code: &str, entry: &str| -> Vec<String> {
        applied(book, code, CountryCode::CN, entry, None)
            .into_iter()
            .filter(|(a, ..)| *a == Authority::Section301)
            .map(|(_, h, r)| format!("{h} {r}"))
            .collect()
    };
    assert_eq!(s301("9018.31.00.80", "2025-06-10"), ["9903.91.10 0%"]);
    assert_eq!(s301("9018.31.00.80", "2025-12-31"), ["9903.91.10 0%"]);
    assert_eq!(s301("9018.31.00.80", "2026-01-01"), ["9903.91.03 100%"]);
    // Hypodermic syringes pay the 100% throughout.
    assert_eq!(s301("9018.31.00.40", "2025-06-10"), ["9903.91.03 100%"]);
}

#[test]
fn british_cars_under_the_quota_pay_7_5_percent_when_claimed() {
    let book = TariffBook::embedded();
    let s232 = |entry: &str, claim: bool| -> (Vec<String>, Vec<String>) {
        let claims = if claim {
            vec![hs("9903.94.31")]
        } else {
            vec![]
        };
        let what = book
            .applicable_claiming(
                &hs("8703.23.01"),
                CountryCode::GB,
                date(entry),
                None,
                &claims,
            )
            .unwrap();
        let charged = stack(&what)
            .into_iter()
            .filter(|(a, ..)| *a == Authority::Section232)
            .map(|(_, h, r)| format!("{h} {r}"))
            .collect();
        let warnings = what.warnings.iter().map(|w| w.code().to_string()).collect();
        (charged, warnings)
    };
    let (charged, warnings) = s232("2025-09-10", false);
    assert_eq!(charged, ["9903.94.01 25%"]);
    assert!(
        warnings.contains(&"claim_required".to_owned()),
        "{warnings:?}"
    );
    assert_eq!(s232("2025-09-10", true).0, ["9903.94.31 7.5%"]);
    // Before 30 June 2025 the claim changes nothing.
    assert_eq!(s232("2025-06-10", true).0, ["9903.94.01 25%"]);
}

/// (authority, loaded, entered, expected heading and rate).
type TransitCase = (
    Authority,
    &'static str,
    &'static str,
    Option<(&'static str, &'static str)>,
);

#[test]
fn in_transit_rules() {
    let book = TariffBook::embedded();
    let by = |authority: Authority, loaded: &str, entered: &str| -> Vec<(String, String)> {
        applied(book, "6402.99.90", CountryCode::CN, entered, Some(loaded))
            .into_iter()
            .filter(|(a, ..)| *a == authority)
            .map(|(_, h, r)| (h, r))
            .collect()
    };
    let (recip, fent) = (Authority::IeepaReciprocal, Authority::IeepaFentanyl);
    let table: [TransitCase; 11] = [
        // Loaded before 5 April, entered before 27 May: no reciprocal duty (9903.01.28).
        (recip, "2025-04-04", "2025-04-20", None),
        (recip, "2025-04-04", "2025-05-26", None),
        (
            recip,
            "2025-04-04",
            "2025-05-27",
            Some(("9903.01.25", "10%")),
        ),
        // Loaded 5–8 April, entered before 27 May: 10% instead of China's rate.
        (
            recip,
            "2025-04-05",
            "2025-04-20",
            Some(("9903.01.25", "10%")),
        ),
        (
            recip,
            "2025-04-08",
            "2025-04-09",
            Some(("9903.01.25", "10%")),
        ),
        // Loaded 9 April: the 125% did not apply to goods in transit before 10 April; heading
        // 9903.01.25 charges them 10% (HTS 2025 revisions 9 to 11).
        (
            recip,
            "2025-04-09",
            "2025-04-20",
            Some(("9903.01.25", "10%")),
        ),
        (
            recip,
            "2025-04-10",
            "2025-04-20",
            Some(("9903.01.63", "125%")),
        ),
        // Loaded before 1 Feb, entered before 7 Mar 2025: exempt from fentanyl (9903.01.23).
        (fent, "2025-01-31", "2025-02-10", None),
        (fent, "2025-01-31", "2025-03-06", None),
        (
            fent,
            "2025-01-31",
            "2025-03-07",
            Some(("9903.01.24", "20%")),
        ),
        (
            fent,
            "2025-02-01",
            "2025-02-10",
            Some(("9903.01.20", "10%")),
        ),
    ];
    for (authority, loaded, entered, expected) in table {
        let expected: Vec<(&str, &str)> = expected.into_iter().collect();
        assert_eq!(
            by(authority, loaded, entered),
            pairs(&expected),
            "{authority} {loaded} {entered}"
        );
    }
    let what = book
        .applicable(
            &hs("6402.99.90"),
            CountryCode::CN,
            date("2025-04-20"),
            Some(date("2025-04-04")),
        )
        .unwrap();
    let excluded = what
        .excluded
        .iter()
        .find(|e| e.measure.authority == Authority::IeepaReciprocal)
        .unwrap();
    assert_eq!(excluded.heading, Some(hs("9903.01.28")));

    let s122 = |loaded: &str, entered: &str| -> usize {
        applied(book, "6402.99.90", CountryCode::VN, entered, Some(loaded))
            .iter()
            .filter(|(a, ..)| *a == Authority::Section122)
            .count()
    };
    // Loaded before 24 Feb and entered before 28 Feb 2026: exempt (9903.03.02).
    assert_eq!(s122("2026-02-23", "2026-02-27"), 0);
    assert_eq!(s122("2026-02-23", "2026-02-28"), 1);
    assert_eq!(s122("2026-02-24", "2026-02-25"), 1);
}

#[test]
fn annex_ii_goods_pay_no_reciprocal_duty() {
    let book = TariffBook::embedded();
    for code in ["8471.30.01", "8517.13.00"] {
        for day in ["2025-04-05", "2025-04-15", "2025-06-01"] {
            let what = book
                .applicable(&hs(code), CountryCode::CN, date(day), None)
                .unwrap();
            assert!(
                what.applied
                    .iter()
                    .all(|a| a.authority != Authority::IeepaReciprocal),
                "{code} {day}"
            );
            assert!(
                what.applied
                    .iter()
                    .any(|a| a.authority == Authority::IeepaFentanyl),
                "{code} {day}"
            );
            let e = what
                .excluded
                .iter()
                .find(|e| e.measure.authority == Authority::IeepaReciprocal)
                .unwrap();
            assert_eq!(e.heading, Some(hs("9903.01.32")), "{code} {day}");
            assert!(e.reason.to_string().contains("annex_ii"), "{}", e.reason);
        }
    }
}

#[test]
fn aluminium_derivative_worked_example_53_75() {
    // DOMAIN.md §2: value $100, aluminium content $25, MFN 2.5%, 301 25%, fentanyl 20%,
    // 232 25% on $25, no reciprocal on a 232 good: $53.75.
    let book = TariffBook::embedded();
    let what = book
        .applicable(
            &hs("7616.99.51.40"),
            CountryCode::CN,
            date("2025-04-15"),
            None,
        )
        .unwrap();
    let d = duties(&what, usd("100"), &[(Metal::Aluminum, usd("25"))]);
    let shown: Vec<(String, String)> = d
        .iter()
        .map(|(k, m)| (k.clone(), m.amount().normalize().to_string()))
        .collect();
    assert_eq!(
        shown,
        pairs(&[
            ("mfn", "2.5"),
            ("s301_9903_88_03", "25"),
            ("s232_aluminum_derivative_25", "6.25"),
            ("ieepa_fentanyl_cn_20", "20"),
        ])
    );
    assert_eq!(total(&d), usd("53.75"));
    let e = what
        .excluded
        .iter()
        .find(|e| e.measure.authority == Authority::IeepaReciprocal)
        .unwrap();
    assert_eq!(e.heading, Some(hs("9903.01.33")));
}

#[test]
fn the_same_article_outside_232_with_a_34_percent_reciprocal_81_50() {
    // The structure of DOMAIN.md's second example: take the 232 duty away and set the
    // reciprocal rate to 34% (a rate that never applied) in a what-if book.
    let mut book = TariffBook::embedded().clone();
    let mut set: MeasureSet = serde_json::from_str(r#"{"measures": []}"#).unwrap();
    for m in book.measures() {
        if m.key == "ieepa_reciprocal_cn_125" {
            let mut what_if = (**m).clone();
            what_if.rate = "34%".parse().unwrap();
            set.measures.push(what_if);
        }
        if m.key == "s232_aluminum_derivative_25" {
            let mut outside = (**m).clone();
            outside.origins = serde_json::from_str(r#"{"only": ["GB"]}"#).unwrap();
            set.measures.push(outside);
        }
    }
    assert_eq!(set.measures.len(), 2);
    book.merge(set).unwrap();
    let what = book
        .applicable(
            &hs("7616.99.51.40"),
            CountryCode::CN,
            date("2025-04-15"),
            None,
        )
        .unwrap();
    let d = duties(&what, usd("100"), &[(Metal::Aluminum, usd("25"))]);
    assert_eq!(total(&d), usd("81.50"), "{d:?}");
}

#[test]
fn section_232_derivative_after_june_pays_reciprocal_on_the_non_metal_value() {
    let book = TariffBook::embedded();
    let what = book
        .applicable(
            &hs("7616.99.51.40"),
            CountryCode::CN,
            date("2025-06-20"),
            None,
        )
        .unwrap();
    let d = duties(&what, usd("100"), &[(Metal::Aluminum, usd("25"))]);
    let shown: Vec<(String, String)> = d
        .iter()
        .map(|(k, m)| (k.clone(), m.amount().normalize().to_string()))
        .collect();
    assert_eq!(
        shown,
        pairs(&[
            ("mfn", "2.5"),
            ("s301_9903_88_03", "25"),
            ("s232_aluminum_derivative_50", "12.5"),
            ("ieepa_fentanyl_cn_20", "20"),
            ("ieepa_reciprocal_cn_10_may", "7.5"),
        ])
    );
    let reciprocal = what
        .applied
        .iter()
        .find(|a| a.authority == Authority::IeepaReciprocal)
        .unwrap();
    assert_eq!(reciprocal.base, Base::NonMetalValue);
}

#[test]
fn apparel_structure_5550() {
    // DOMAIN.md §2: $10,000, MFN 18% + 301 list 4A 7.5% + reciprocal 10% + fentanyl 20% =
    // $5,550. The same structure on a real line with an 18% MFN rate and list 4A coverage.
    let book = TariffBook::embedded();
    let what = book
        .applicable(
            &hs("1517.90.10.20"),
            CountryCode::CN,
            date("2025-06-20"),
            None,
        )
        .unwrap();
    let d = duties(&what, usd("10000"), &[]);
    assert_eq!(d.len(), 4, "{d:?}");
    assert_eq!(total(&d), usd("5550"));
}

#[test]
fn other_origins_get_the_baseline_then_their_country_rate() {
    let book = TariffBook::embedded();
    let what = book
        .applicable(&hs("6402.99.90"), CountryCode::VN, date("2025-06-01"), None)
        .unwrap();
    let shown = stack(&what);
    assert_eq!(
        shown,
        [
            (Authority::Mfn, "6402.99.90".into(), "20%".into()),
            (
                Authority::IeepaReciprocal,
                "9903.01.25".into(),
                "10%".into()
            ),
        ]
    );
    // From 7 August 2025 Vietnam's country rate replaces the baseline (9903.02.69, +20%).
    let later = book
        .applicable(&hs("6402.99.90"), CountryCode::VN, date("2025-09-10"), None)
        .unwrap();
    assert_eq!(
        stack(&later),
        [
            (Authority::Mfn, "6402.99.90".into(), "20%".into()),
            (
                Authority::IeepaReciprocal,
                "9903.02.69".into(),
                "20%".into()
            ),
        ]
    );
    assert!(later
        .excluded
        .iter()
        .any(|e| e.measure.key == "ieepa_reciprocal_baseline"));
    // Canada is outside the reciprocal duty; its goods pay the fentanyl duty instead.
    let ca = book
        .applicable(&hs("6402.99.90"), CountryCode::CA, date("2025-06-01"), None)
        .unwrap();
    let authorities: Vec<Authority> = ca.applied.iter().map(|a| a.authority).collect();
    assert_eq!(authorities, [Authority::Mfn, Authority::IeepaFentanyl]);
}

#[test]
fn section_301_exclusions_must_be_claimed() {
    let book = TariffBook::embedded();
    let code = hs("0304.72.50.00");
    let plain = book
        .applicable(&code, CountryCode::CN, date("2025-06-01"), None)
        .unwrap();
    assert!(plain.warnings.iter().any(|w| w.contains("9903.88.69")));
    let with_301: Vec<String> = plain
        .applied
        .iter()
        .filter(|a| a.authority == Authority::Section301)
        .map(|a| a.heading.to_string())
        .collect();
    assert!(!with_301.is_empty());
    let claimed = book
        .applicable_claiming(
            &code,
            CountryCode::CN,
            date("2025-06-01"),
            None,
            &[hs("9903.88.69")],
        )
        .unwrap();
    let s301: Vec<String> = claimed
        .applied
        .iter()
        .filter(|a| a.authority == Authority::Section301)
        .map(|a| format!("{} {}", a.heading, a.rate))
        .collect();
    assert_eq!(s301, ["9903.88.69 No additional duty"]);
    // After 9 Nov 2026 the exclusion has ended.
    let late = book
        .applicable_claiming(
            &code,
            CountryCode::CN,
            date("2026-11-10"),
            None,
            &[hs("9903.88.69")],
        )
        .unwrap();
    assert!(late.applied.iter().all(|a| a.heading != hs("9903.88.69")));
}

#[test]
fn every_embedded_measure_cites_a_source_and_has_a_validity_interval() {
    let book = TariffBook::embedded();
    assert!(book.measures().len() >= 40);
    for m in book.measures() {
        assert!(
            !m.sources.is_empty() && m.sources.iter().all(|s| !s.trim().is_empty()),
            "{}",
            m.key
        );
        assert!(m.valid_until.is_none_or(|u| u > m.valid_from), "{}", m.key);
        assert_eq!(m.heading.chapter(), 99, "{}", m.key);
    }
}

/// Every date a measure starts or ends, and the day before each.
fn boundaries(book: &TariffBook) -> Vec<NaiveDate> {
    let mut dates: Vec<NaiveDate> = book
        .measures()
        .iter()
        .flat_map(|m| [Some(m.valid_from), m.valid_until].into_iter().flatten())
        .flat_map(|d| [d, d.checked_sub_days(Days::new(1)).unwrap()])
        .filter(|d| *d >= date("2025-01-01") && *d <= date("2026-12-31"))
        .collect();
    dates.sort();
    dates.dedup();
    dates
}

#[test]
fn measures_of_one_authority_never_overlap_unless_they_stack() {
    let book = TariffBook::embedded();
    let dates = boundaries(book);
    let origins = [
        CountryCode::CN,
        CountryCode::HK,
        CountryCode::VN,
        CountryCode::GB,
    ];
    let mut checked = 0usize;
    for day in &dates {
        let edition = book.hts().edition_for(*day).unwrap();
        for line in edition
            .schedule()
            .iter()
            .step_by(37)
            .filter(|l| l.code().chapter() != 99)
        {
            for origin in origins {
                let Ok(what) = book.applicable(&line.code(), origin, *day, None) else {
                    continue;
                };
                checked += 1;
                for a in &what.applied {
                    // Measures that stack (the forced-labor Section 301 duties on top of
                    // China's lists, say) may share an authority; two that do not, never.
                    let same: Vec<&str> = what
                        .applied
                        .iter()
                        .filter(|b| b.authority == a.authority)
                        .filter(|b| b.measure.is_none_or(|m| !m.stacks))
                        .map(|b| b.key())
                        .collect();
                    assert!(same.len() <= 1, "{} {origin} {day}: {same:?}", line.code());
                }
            }
        }
    }
    println!(
        "checked {checked} (line, origin, date) stacks over {} dates",
        dates.len()
    );
    assert!(checked > 10_000);
}

#[test]
fn a_line_referred_to_two_section_301_lists_pays_the_higher_with_a_warning() {
    let book = TariffBook::embedded();
    let what = book
        .applicable(&hs("9401.71.00"), CountryCode::CN, date("2025-06-01"), None)
        .unwrap();
    let s301: Vec<String> = what
        .applied
        .iter()
        .filter(|a| a.authority == Authority::Section301)
        .map(|a| format!("{} {}", a.heading, a.rate))
        .collect();
    assert_eq!(s301, ["9903.88.04 25%"]);
    assert!(what
        .warnings
        .iter()
        .any(|w| w.contains("9903.88.15") && w.contains("description decides")));
}

#[test]
fn every_date_of_the_section_232_and_301_tables() {
    let book = TariffBook::embedded();
    let s232 = |code: &str, origin: CountryCode, day: &str| -> Vec<String> {
        let what = book.applicable(&hs(code), origin, date(day), None).unwrap();
        what.applied
            .iter()
            .filter(|a| a.authority == Authority::Section232)
            .map(|a| format!("{} {} on {}", a.heading, a.rate, a.base))
            .collect()
    };
    let steel = "7301.20.10"; // a steel derivative
    let (copper, car, part) = ("7406.10.00", "8703.23.01", "8708.30.50");
    let table: [(&str, CountryCode, &str, Option<&str>); 16] = [
        (steel, CountryCode::CN, "2025-03-11", None),
        (
            steel,
            CountryCode::CN,
            "2025-03-12",
            Some("9903.81.91 25% on steel content value"),
        ),
        (
            steel,
            CountryCode::CN,
            "2025-06-03",
            Some("9903.81.91 25% on steel content value"),
        ),
        (
            steel,
            CountryCode::CN,
            "2025-06-04",
            Some("9903.81.91 50% on steel content value"),
        ),
        (
            steel,
            CountryCode::GB,
            "2025-06-04",
            // The United Kingdom's 25% is declared under its own heading (HTS 9903.81.96).
            Some("9903.81.96 25% on steel content value"),
        ),
        (
            steel,
            CountryCode::VN,
            "2025-06-05",
            Some("9903.81.91 50% on steel content value"),
        ),
        (copper, CountryCode::CN, "2025-07-31", None),
        (
            copper,
            CountryCode::CN,
            "2025-08-01",
            Some("9903.78.01 50% on copper content value"),
        ),
        (
            copper,
            CountryCode::CN,
            "2025-08-02",
            Some("9903.78.01 50% on copper content value"),
        ),
        (car, CountryCode::CN, "2025-04-02", None),
        (
            car,
            CountryCode::CN,
            "2025-04-03",
            Some("9903.94.01 25% on full value"),
        ),
        (
            car,
            CountryCode::CN,
            "2025-04-04",
            Some("9903.94.01 25% on full value"),
        ),
        (part, CountryCode::CN, "2025-05-02", None),
        (
            part,
            CountryCode::CN,
            "2025-05-03",
            Some("9903.94.05 25% on full value"),
        ),
        (
            part,
            CountryCode::CN,
            "2025-05-04",
            Some("9903.94.05 25% on full value"),
        ),
        (
            part,
            CountryCode::HK,
            "2025-05-03",
            Some("9903.94.05 25% on full value"),
        ),
    ];
    for (code, origin, day, expected) in table {
        let expected: Vec<String> = expected.into_iter().map(str::to_owned).collect();
        assert_eq!(s232(code, origin, day), expected, "{code} {origin} {day}");
    }
    // Section 122 does not apply to Section 232 goods.
    let what = book
        .applicable(&hs(car), CountryCode::VN, date("2026-03-01"), None)
        .unwrap();
    assert!(what
        .applied
        .iter()
        .all(|a| a.authority != Authority::Section122));
    let e = what
        .excluded
        .iter()
        .find(|e| e.measure.authority == Authority::Section122)
        .unwrap();
    assert_eq!(e.heading, Some(hs("9903.03.06")));

    // Section 301 four-year review: natural graphite, 25% from 1 January 2026 (9903.91.06).
    let graphite = |day: &str| -> bool {
        book.applicable(&hs("2504.10.10.00"), CountryCode::CN, date(day), None)
            .unwrap()
            .applied
            .iter()
            .any(|a| a.heading == hs("9903.91.06"))
    };
    assert!(!graphite("2025-12-31"));
    assert!(graphite("2026-01-01"));
    assert!(graphite("2026-01-02"));
}
