//! Column 2: goods of the countries of general note 3(b) (Cuba, North Korea, Russia, Belarus)
//! pay each line's column 2 rate instead of its general rate, and are outside the IEEPA
//! reciprocal duties (heading 9903.01.29). Golden cases priced from the official texts, the
//! consistency of the data with the chapter-99 headings of every embedded revision, and the
//! oracle of the 2025 annual database's column 2 texts.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use landed_cost::landed::Column2Countries;
use landed_cost::tariff::usitc::TariffDatabase;
use landed_cost::tariff::{Authority, OriginScope, TariffBook};
use landed_cost::{CountryCode, DutyRate, HsCode, Shipment};

/// A $10,000 FOB ocean shipment of one line, quoted: its charges as "authority heading rate
/// amount", the duty total and the warning codes.
fn quote(origin: &str, hts: &str, entry: &str) -> (Vec<String>, String, Vec<String>) {
    let json = format!(
        r#"{{"importer":"US","origin":"{origin}","mode":"ocean","export_date":"{entry}",
            "entry_date":"{entry}","loaded_date":"{entry}","currency":"USD","incoterm":"FOB",
            "lines":[{{"hts":"{hts}","value":"10000.00"}}]}}"#
    );
    let shipment: Shipment = serde_json::from_str(&json).unwrap();
    let cost = TariffBook::embedded().quote(&shipment).unwrap();
    let charges = cost.lines[0]
        .charges
        .iter()
        .map(|c| format!("{} {} {} {}", c.authority, c.heading, c.rate, c.amount))
        .collect();
    let warnings = cost.warnings.iter().map(|w| w.code().to_string()).collect();
    (charges, cost.duties_total.to_string(), warnings)
}

#[test]
fn russian_furniture_pays_column_2_and_no_reciprocal_duty() {
    // 9403.60.80 (wooden furniture): general "Free", column 2 "40%" (HTS 2025 revision 22).
    let (charges, total, _) = quote("RU", "9403.60.80", "2025-09-10");
    assert_eq!(charges, ["column2 9403.60.80 40% 4000.00"]);
    assert_eq!(total, "4000.00");
    // The same goods of Germany: free, topped up to the EU's 15% floor.
    let (charges, total, _) = quote("DE", "9403.60.80", "2025-09-10");
    assert_eq!(
        charges,
        [
            "mfn 9403.60.80 Free 0.00",
            "ieepa_reciprocal 9903.02.20 15% 1500.00"
        ]
    );
    assert_eq!(total, "1500.00");
}

#[test]
fn every_country_of_general_note_3b_pays_column_2_in_april_2025() {
    // Sneakers of 6402.99.90: general 20%, column 2 35%; other origins pay the 10% baseline.
    for origin in ["CU", "KP", "RU", "BY"] {
        let (charges, total, _) = quote(origin, "6402.99.90", "2025-04-20");
        assert_eq!(charges, ["column2 6402.99.90 35% 3500.00"], "{origin}");
        assert_eq!(total, "3500.00", "{origin}");
    }
    let (charges, _, _) = quote("TR", "6402.99.90", "2025-04-20");
    assert_eq!(
        charges,
        [
            "mfn 6402.99.90 20% 2000.00",
            "ieepa_reciprocal 9903.01.25 10% 1000.00"
        ]
    );
}

#[test]
fn section_122_and_forced_labor_duties_stack_on_column_2() {
    // Section 122 names no exception for general note 3(b) (9903.03.02-.11).
    let (charges, total, _) = quote("BY", "9403.60.80", "2026-03-10");
    assert_eq!(
        charges,
        [
            "column2 9403.60.80 40% 4000.00",
            "section122 9903.03.01 10% 1000.00"
        ]
    );
    assert_eq!(total, "5000.00");
    // Russia's forced-labor Section 301 duty is charged on column 2 (DOMAIN-2026.md).
    let (charges, _, _) = quote("RU", "9403.60.80", "2026-08-10");
    assert_eq!(
        charges,
        [
            "column2 9403.60.80 40% 4000.00",
            "section301 9903.05.66 12.5% 1250.00"
        ]
    );
}

#[test]
fn russian_aluminium_pays_200_percent_in_place_of_the_general_rate() {
    // Aluminium plate 7606.12.30: 9903.85.67 (+200%) in place of 9903.85.01 (10%) before
    // 12 March 2025, of 9903.85.02 (50%) in September 2025 and of the annex 1a 50% in 2026.
    for entry in ["2025-02-20", "2025-09-20", "2026-05-20"] {
        let (charges, total, _) = quote("RU", "7606.12.30", entry);
        assert_eq!(
            charges,
            [
                "column2 7606.12.30 13.5% 1350.00",
                "section232 9903.85.67 200% 20000.00"
            ],
            "{entry}"
        );
        assert_eq!(total, "21350.00", "{entry}");
    }
    // The same plate of Kazakhstan: the general rates.
    let (charges, _, _) = quote("KZ", "7606.12.30", "2026-05-20");
    assert_eq!(charges[1], "section232 9903.82.02 50% 5000.00");
    let (charges, _, _) = quote("KZ", "7606.12.30", "2025-02-20");
    assert_eq!(charges[1], "section232 9903.85.01 10% 1000.00");
}

#[test]
fn russian_aluminium_derivatives_pay_200_percent_of_the_full_value_labelled_inferred() {
    let json = r#"{"importer":"US","origin":"RU","mode":"ocean","export_date":"2025-09-10",
        "entry_date":"2025-09-20","currency":"USD","lines":[{"hts":"7616.99.51.90","value":"10000.00",
        "metal_content":[{"metal":"aluminum","value":"4000.00"}]}]}"#;
    let shipment: Shipment = serde_json::from_str(json).unwrap();
    let cost = TariffBook::embedded().quote(&shipment).unwrap();
    let s232 = &cost.lines[0].charges[1];
    assert_eq!(
        (
            s232.heading.to_string(),
            s232.base.to_string(),
            s232.amount.to_string()
        ),
        (
            "9903.85.68".to_owned(),
            "10000.00".to_owned(),
            "20000.00".to_owned()
        )
    );
    assert!(cost
        .warnings
        .iter()
        .any(|w| w.code().to_string() == "one_source_fact"));
}

#[test]
fn russian_steel_and_column_2_derivatives_warn_of_the_headings_not_charged() {
    // Derivative steel of Belarus in May 2026: 9903.82.12 (+25%) is in note 16, not held.
    let (charges, _, warnings) = quote("BY", "7326.90.86", "2026-05-20");
    assert_eq!(charges[0], "column2 7326.90.86 45% 4500.00");
    assert!(
        warnings.contains(&"coverage_not_modelled".to_owned()),
        "{warnings:?}"
    );
    let (_, _, warnings) = quote("TR", "7326.90.86", "2026-05-20");
    assert!(
        !warnings.contains(&"coverage_not_modelled".to_owned()),
        "{warnings:?}"
    );
}

#[test]
fn the_explanation_names_the_country_and_general_note_3b() {
    // The reason found by `applicable` holds the country's entry, with its dates and sources.
    let book = TariffBook::embedded();
    let what = book
        .applicable(
            &"9403.60.80".parse().unwrap(),
            CountryCode::RU,
            "2025-09-10".parse().unwrap(),
            None,
        )
        .unwrap();
    match what.applied[0].reason {
        landed_cost::tariff::AppliedReason::Column2 { country, .. } => {
            assert_eq!(country.since, Some("2022-04-09".parse().unwrap()));
            assert!(country.citation().contains("Public Law 117-110"));
        }
        other => panic!("{other:?}"),
    }
    let json = r#"{"importer":"US","origin":"RU","mode":"ocean","export_date":"2025-09-10",
        "entry_date":"2025-09-10","currency":"USD","lines":[{"hts":"9403.60.80","value":"10000.00"}]}"#;
    let shipment: Shipment = serde_json::from_str(json).unwrap();
    let cost = TariffBook::embedded().quote(&shipment).unwrap();
    let charge = &cost.lines[0].charges[0];
    assert_eq!(charge.source(), "HTS 2025 revision 22");
    assert_eq!(
        charge.explanation().to_string(),
        "column2 40% on the customs value $10000 = $4000.00: column 2 rate of 9403.60.80 in the \
         HTS 2025 revision 22: goods of RU, a country of general note 3(b)"
    );
    let json = cost.to_json().unwrap();
    assert!(json.contains(r#""authority":"column2""#), "{json}");
}

#[test]
fn a_book_without_column_2_countries_charges_the_general_rate() {
    let book = TariffBook::embedded();
    let rules = book
        .us_rules()
        .clone()
        .with_column2(Column2Countries::default());
    let book = book.clone().with_us_rules(rules);
    let rates = book
        .rates(
            &"9403.60.80".parse().unwrap(),
            CountryCode::RU,
            "2025-09-10".parse().unwrap(),
        )
        .unwrap();
    let line = rates.line_rate().unwrap();
    assert_eq!(
        (line.authority, line.rate.to_string()),
        (Authority::Mfn, "Free".to_owned())
    );
}

#[test]
fn a_country_listed_from_a_date_pays_column_2_from_that_date() {
    let json = br#"{"countries": [{"country": "TR", "name": "Turkey", "since": "2025-09-01",
        "sources": ["a test"]}]}"#;
    let list = Column2Countries::from_json_reader(&json[..]).unwrap();
    let book = TariffBook::embedded();
    let rules = book.us_rules().clone().with_column2(list);
    let book = book.clone().with_us_rules(rules);
    let hs: HsCode = "9403.60.80".parse().unwrap();
    let authority = |date: &str| {
        let rates = book
            .rates(&hs, "TR".parse().unwrap(), date.parse().unwrap())
            .unwrap();
        rates.line_rate().unwrap().authority
    };
    assert_eq!(authority("2025-08-31"), Authority::Mfn);
    assert_eq!(authority("2025-09-01"), Authority::Column2);
}

#[test]
fn the_panel_gives_column_2_countries_their_own_rows() {
    let book = TariffBook::embedded();
    // Belarus and Turkey are alike under Section 122 (2026-03-10), but for column 2.
    let spec = book
        .panel_spec()
        .dates(vec!["2026-03-10".parse().unwrap()])
        .origins(vec!["BY".parse().unwrap(), "TR".parse().unwrap()])
        .codes(vec!["9403.60.80.81".parse().unwrap()]);
    let panel = book.panel(spec);
    let authorities = panel.authorities();
    assert_eq!(&authorities[..2], [Authority::Mfn, Authority::Column2]);
    let mut csv = Vec::new();
    assert_eq!(panel.write_csv(&mut csv).unwrap(), 2);
    let text = String::from_utf8(csv).unwrap();
    let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    let cell = |row: &str, name: &str| {
        let at = header.iter().position(|h| *h == name).unwrap();
        row.split(',').nth(at).unwrap().to_owned()
    };
    let by = text.lines().find(|l| l.contains(",BY,")).unwrap();
    let tr = text.lines().find(|l| l.contains(",TR,")).unwrap();
    assert_eq!(
        [
            cell(by, "mfn_text"),
            cell(by, "mfn_pct"),
            cell(by, "column2_pct"),
            cell(by, "total_pct")
        ],
        ["", "", "40", "50"],
        "{by}"
    );
    assert_eq!(
        [
            cell(tr, "mfn_text"),
            cell(tr, "mfn_pct"),
            cell(tr, "column2_pct"),
            cell(tr, "total_pct")
        ],
        ["Free", "0", "0", "10"],
        "{tr}"
    );
}

/// Every embedded revision that prints the reciprocal baseline 9903.01.25 prints 9903.01.29 for
/// the countries of general note 3(b), and every reciprocal measure on "all but" some origins
/// leaves out every column 2 country.
#[test]
fn the_reciprocal_duty_leaves_out_the_countries_of_general_note_3b() {
    let book = TariffBook::embedded();
    let baseline: HsCode = "9903.01.25".parse().unwrap();
    let exception: HsCode = "9903.01.29".parse().unwrap();
    let mut revisions = 0;
    for edition in book.hts().editions() {
        if edition.schedule().chapter99(&baseline).is_none() {
            continue;
        }
        revisions += 1;
        let heading = edition.schedule().chapter99(&exception).unwrap_or_else(|| {
            panic!(
                "the HTS {} prints 9903.01.25 without 9903.01.29",
                edition.name()
            )
        });
        assert!(
            heading.description().contains("general note 3(b)"),
            "{}",
            edition.name()
        );
    }
    assert!(
        revisions >= 20,
        "only {revisions} revisions print 9903.01.25"
    );
    let column2 = Column2Countries::published().unwrap();
    let mut checked = 0;
    for m in book.measures() {
        if m.authority != Authority::IeepaReciprocal {
            continue;
        }
        if let OriginScope::AllExcept(_) = m.origins {
            checked += 1;
            for c in &column2.countries {
                assert!(
                    !m.origins.contains(c.country),
                    "{} covers {}",
                    m.key,
                    c.country
                );
            }
        }
    }
    assert!(checked >= 1);
}

/// Whether the database's rate is the edition's: equal, or written with "cents" where the
/// edition writes "¢", or a percentage the database rounds to two places (33.33% for the
/// edition's 33 1/3%).
fn same(database: &DutyRate, edition: &DutyRate) -> bool {
    let text = |r: &DutyRate| {
        r.to_string()
            .replace(" cents", "¢")
            .replace("33 1/3%", "33.33%")
            .replace(' ', "")
    };
    database == edition || text(database) == text(edition)
}

/// The oracle: the column 2 rate of every 8-digit line of the 2025 annual database (its
/// `col2_text_rate`) is the rate the embedded HTS 2025 basic edition holds for the line.
#[test]
fn column_2_rates_agree_with_the_annual_database() {
    let Some(dir) = common::usitc_dir() else {
        return;
    };
    let database = TariffDatabase::from_csv_path(dir.join("tariff_database_2025.csv")).unwrap();
    let book = TariffBook::embedded();
    let edition = book
        .hts()
        .edition_for("2025-01-01".parse().unwrap())
        .unwrap();
    let (mut agree, mut differ, mut unparsed, mut absent) = (0, Vec::new(), Vec::new(), 0);
    for row in database.iter() {
        let hs = row.hts8();
        if hs.chapter() >= 98 || row.column2_text().trim().is_empty() {
            continue;
        }
        // The lines in force on 1 January 2025 (the basic edition's).
        if row
            .begin_effective_date()
            .is_some_and(|d| d > "2025-01-01".parse().unwrap())
        {
            continue;
        }
        let Some(line) = edition.schedule().line_for(&hs) else {
            absent += 1;
            continue;
        };
        let expected: Result<DutyRate, _> = row.column2_text().parse();
        match (expected, line.column2()) {
            (Ok(e), Ok(got)) if same(&e, got) => agree += 1,
            (Ok(e), Ok(got)) => differ.push(format!("{hs}: {e} / {got}")),
            (_, Err(e)) => unparsed.push(format!("{hs} {:?}: {e}", line.other())),
            (Err(_), Ok(_)) => {}
        }
    }
    println!(
        "column 2 oracle: {agree} lines agree, {} differ, {} do not parse, {absent} not in the edition: {differ:?} {unparsed:?}",
        differ.len(),
        unparsed.len()
    );
    assert!(
        agree > 11_000,
        "only {agree} lines agree ({absent} not in the edition)"
    );
    // Two texts that are not formulas differ in their words: the sugar rate of 1701.13.10,
    // whose HTS text omits the database's "than", and the sets of 8211.10.00, hyphenated in
    // the HTS.
    assert!(differ.len() <= 2, "{differ:?}");
    assert!(unparsed.is_empty(), "{unparsed:?}");
}

/// The warnings of the note 16 headings for Russia and the countries of general note 3(b) cover
/// exactly the annex entries of their metals, and the UK auto parts warning the headings of the
/// auto parts list (regenerating a list would otherwise leave them behind).
#[test]
fn the_note_16_warnings_cover_the_annex_entries_of_their_metals() {
    let book = TariffBook::embedded();
    let list = book.list("s232_annex_2026").unwrap();
    for (key, metals) in [
        ("s232_metals_russia_2026", ["steel", "copper"]),
        ("s232_derivatives_column2_2026", ["steel", "aluminum"]),
    ] {
        let mut expected: Vec<HsCode> = list
            .entries()
            .iter()
            .filter(|e| {
                let (annex, metal) = e.tag.split_once(':').unwrap();
                ["1a", "1b", "1c", "3"].contains(&annex) && metals.contains(&metal)
            })
            .map(|e| e.prefix)
            .collect();
        expected.sort();
        expected.dedup();
        let shorter = expected.clone();
        expected.retain(|p| !shorter.iter().any(|q| q != p && q.covers(p)));
        let m = book.measures().iter().find(|m| m.key == key).unwrap();
        let landed_cost::tariff::ProductScope::NotModelled { prefixes } = &m.products else {
            panic!("{key} is modelled");
        };
        let mut got = prefixes.clone();
        got.sort();
        assert_eq!(got, expected, "{key}");
    }
    // The UK auto parts warning: the 4-digit headings of the auto parts list.
    let parts = book.list("s232_auto_parts").unwrap();
    let mut expected: Vec<HsCode> = parts
        .entries()
        .iter()
        .map(|e| e.prefix.truncate(4).unwrap())
        .collect();
    expected.sort();
    expected.dedup();
    let m = book
        .measures()
        .iter()
        .find(|m| m.key == "s232_auto_parts_gb")
        .unwrap();
    let landed_cost::tariff::ProductScope::NotModelled { prefixes } = &m.products else {
        panic!("s232_auto_parts_gb is modelled");
    };
    let mut got = prefixes.clone();
    got.sort();
    assert_eq!(got, expected, "s232_auto_parts_gb");
}
