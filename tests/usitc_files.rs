//! The USITC loaders on the real files, and the embedded HTS against them.
//!
//! Reads `../shared/data/usitc` relative to the crate root and skips, with a message, when it is
//! absent (the embedded-data tests that need no files always run).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::fs::File;
use std::io::BufReader;

use chrono::NaiveDate;
use flate2::read::GzDecoder;
use landed_cost::tariff::hts::{compact, Hts};
use landed_cost::tariff::usitc::{HtsExport, TariffDatabase};
use landed_cost::{Error, HsCode, Unit};

use common::usitc_dir as data_dir;

fn export(dir: &std::path::Path, stem: &str) -> HtsExport {
    let file = File::open(dir.join(format!("{stem}.json.gz"))).unwrap();
    HtsExport::from_json_reader(BufReader::new(GzDecoder::new(file))).unwrap()
}

fn hs(s: &str) -> HsCode {
    s.parse().unwrap()
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn annual_database_loads_every_line() {
    let Some(dir) = data_dir() else { return };
    let db = TariffDatabase::from_csv_path(dir.join("tariff_database_2025.csv")).unwrap();
    assert_eq!(db.len(), 12_907);
    assert!(
        db.issues().is_empty(),
        "{:?}",
        &db.issues()[..db.issues().len().min(5)]
    );
    let line = db.get(&hs("6402.99.90")).unwrap();
    assert_eq!(line.mfn_text(), "20%");
    assert_eq!(line.column2_text(), "35%");
    assert_eq!(
        line.units(),
        &[Unit::from_usitc_code("PRS").unwrap().unwrap()]
    );
    assert_eq!(line.mfn().unwrap().to_string(), "20%");
    // A 10-digit code finds its 8-digit line.
    assert_eq!(
        db.get(&hs("6402.99.90.05")).unwrap().hts8(),
        hs("6402.99.90")
    );
    // Chapter 99 headings are in the file with their texts.
    let reciprocal = db.get(&hs("9903.01.63")).unwrap();
    assert!(reciprocal.mfn_text().ends_with("+ 125%"));
    let day = db.get_on(&hs("9903.01.63"), date("2025-04-09")).unwrap();
    assert!(day.mfn_text().ends_with("+ 84%"));
    assert_eq!(reciprocal.mfn_ad_valorem(), None); // 9999.999999: not computable
    let parsed = db.iter().filter(|l| l.mfn().is_ok()).count();
    println!(
        "annual database: {} lines, {parsed} MFN texts parsed",
        db.len()
    );
}

#[test]
fn a_malformed_row_is_reported_and_the_rest_loads() {
    let Some(dir) = data_dir() else { return };
    let text = std::fs::read_to_string(dir.join("tariff_database_2025.csv")).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let broken = lines[5].replacen(',', "X,", 1); // corrupt the hts8 of the 5th data row
    lines[5] = &broken;
    let db = TariffDatabase::from_csv_reader(lines.join("\n").as_bytes()).unwrap();
    assert_eq!(db.len(), 12_906);
    match db.issues() {
        [Error::Data { line, field, .. }] => {
            assert_eq!((*line, field.as_str()), (6, "hts8"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn hts_exports_load_with_inheritance_and_references() {
    let Some(dir) = data_dir() else { return };
    for (stem, lines) in [
        ("hts_2025_basic", 26_788),
        ("hts_2025_rev_32", 27_061),
        ("hts_2026_rev_10", 26_543),
    ] {
        let export = export(&dir, stem);
        assert!(
            export.issues().is_empty(),
            "{stem}: {:?}",
            export.issues().first()
        );
        assert_eq!(export.schedule().len(), lines, "{stem}");
        let ten = export.get(&hs("6402.99.90.05")).unwrap();
        assert_eq!(ten.general(), "20%", "{stem}");
        assert!(ten.inherited());
        let horses = export.get(&hs("0101.21.00.10")).unwrap();
        assert!(horses.references().contains(&hs("9903.88.15")), "{stem}");
        assert!(export
            .context(&hs("0101.21.00"))
            .unwrap()
            .starts_with("Live horses"));
        let list_4a = export
            .schedule()
            .iter()
            .filter(|l| l.references().contains(&hs("9903.88.15")))
            .count();
        println!("{stem}: {lines} lines, {list_4a} lines (own or inherited footnote) reference 9903.88.15");
        // 2,963 lines carry the footnote themselves in each export; inheritance adds their
        // 10-digit children.
        assert!(list_4a >= 2_963, "{stem}: {list_4a}");
    }
    let rev32 = export(&dir, "hts_2025_rev_32");
    let heading = rev32.chapter99(&hs("9903.01.24")).unwrap();
    assert!(heading.general().contains("+ 10%"));
    assert!(heading.description().contains("China"));
}

#[test]
fn csv_export_reads_like_the_json_export() {
    let Some(dir) = data_dir() else { return };
    let json = export(&dir, "hts_2025_basic");
    // Write the JSON export's lines in the CSV export's columns and read them back.
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record([
            "HTS Number",
            "Indent",
            "Description",
            "Unit of Quantity",
            "General Rate of Duty",
            "Special Rate of Duty",
            "Column 2 Rate of Duty",
            "Footnotes",
        ])
        .unwrap();
    for line in json.schedule().iter() {
        let units: Vec<String> = line.units().iter().map(ToString::to_string).collect();
        let refs: Vec<String> = line
            .references()
            .iter()
            .map(|r| format!("See {r}."))
            .collect();
        let indent = if line.code().len() == 10 { "3" } else { "2" };
        let general = if line.inherited() { "" } else { line.general() };
        let other = if line.inherited() { "" } else { line.other() };
        writer
            .write_record([
                &line.code().to_string(),
                indent,
                line.description(),
                &serde_json::to_string(&units).unwrap(),
                general,
                line.special(),
                other,
                &refs.join(" "),
            ])
            .unwrap();
    }
    let bytes = writer.into_inner().unwrap();
    let csv = HtsExport::from_csv_reader(&bytes[..]).unwrap();
    assert!(csv.issues().is_empty(), "{:?}", csv.issues().first());
    assert_eq!(csv.schedule().len(), json.schedule().len());
    for (a, b) in csv.schedule().iter().zip(json.schedule().iter()) {
        assert_eq!(a.code(), b.code());
        assert_eq!(a.general(), b.general(), "{}", a.code());
        assert_eq!(a.units(), b.units(), "{}", a.code());
        assert_eq!(a.references(), b.references(), "{}", a.code());
    }
}

/// The export of each embedded edition, oldest first: what the generator reads.
fn edition_stems() -> Vec<String> {
    let mut stems = Vec::new();
    for (year, last) in [(2025, 32), (2026, 10)] {
        stems.push(format!("hts_{year}_basic"));
        stems.extend((1..=last).map(|n| format!("hts_{year}_rev_{n}")));
    }
    stems
}

/// Checks that the embedded editions at `indices` equal what the generator makes of their
/// exports, line by line.
fn check_embedded_editions(dir: &std::path::Path, indices: &[usize]) {
    let hts = Hts::parse_embedded().unwrap();
    let stems = edition_stems();
    assert_eq!(hts.editions().len(), stems.len());
    for &index in indices {
        let (edition, stem) = (&hts.editions()[index], &stems[index]);
        let text = compact::write_schedule(export(dir, stem).schedule(), &[]);
        let expected = compact::read_schedule(&text).unwrap();
        assert_eq!(edition.schedule().len(), expected.len(), "{stem}");
        for (a, b) in edition.schedule().iter().zip(expected.iter()) {
            assert_eq!(a, b, "{stem}");
        }
        println!("{stem}: {} lines equal", expected.len());
    }
}

/// A sample of the embedded editions against their exports: the first, one whose export
/// carries inline markup (2025 revision 4), the second of an identical pair (2025 revision 13),
/// the last of 2025, the 2026 basic edition and the last. Parsing all 44 exports takes minutes
/// in a debug build: `all_embedded_editions_equal_the_generator_output` does, when asked.
#[test]
fn sampled_embedded_editions_equal_the_generator_output() {
    let Some(dir) = data_dir() else { return };
    check_embedded_editions(&dir, &[0, 4, 13, 32, 33, 43]);
}

#[test]
#[ignore = "parses all 44 exports (slow in debug); run with `cargo test --release --test usitc_files -- --ignored`"]
fn all_embedded_editions_equal_the_generator_output() {
    let Some(dir) = data_dir() else { return };
    let all: Vec<usize> = (0..edition_stems().len()).collect();
    check_embedded_editions(&dir, &all);
}

/// Each embedded edition is named for its export and dated by the `effective_date` of
/// `revision_dates.csv`; 2026 revision 8, which the file leaves out, by its publication date.
#[test]
fn embedded_editions_are_named_and_dated_from_the_revision_list() {
    let Some(dir) = data_dir() else { return };
    let mut dates = std::collections::HashMap::new();
    let mut reader = csv::Reader::from_path(dir.join("revision_dates.csv")).unwrap();
    for row in reader.records() {
        let row = row.unwrap();
        dates.insert(row[0].to_owned(), row[1].to_owned());
    }
    let hts = Hts::embedded();
    for (edition, stem) in hts.editions().iter().zip(edition_stems()) {
        let key = stem
            .trim_start_matches("hts_")
            .trim_start_matches("2025_")
            .to_owned();
        let name = key.replace('_', " ").replace("rev", "revision");
        let year = if stem.contains("2026") {
            "2026"
        } else {
            "2025"
        };
        assert_eq!(
            edition.name(),
            format!("{year} {}", name.trim_start_matches("2026 ")),
            "{stem}"
        );
        assert!(
            edition.source().contains(&format!("({stem}.json)")),
            "{stem}"
        );
        let expected = match dates.get(&key) {
            Some(date) => date.as_str(),
            None => {
                assert_eq!(
                    key, "2026_rev_8",
                    "only 2026 revision 8 is missing from the list"
                );
                "2026-05-22"
            }
        };
        assert_eq!(edition.effective().to_string(), expected, "{stem}");
    }
    // The identical exports are editions with no change (2025 revision 13 = 12, 19 = 18,
    // 22 = 21; 2026 revision 7 = 5).
    let e = hts.editions();
    for (a, b) in [(12, 13), (18, 19), (21, 22)] {
        assert_eq!(
            e[a].schedule(),
            e[b].schedule(),
            "2025 revisions {a} and {b}"
        );
    }
    assert_eq!(e[38].schedule(), e[40].schedule(), "2026 revisions 5 and 7");
    assert_ne!(
        e[38].schedule(),
        e[39].schedule(),
        "2026 revision 6 differs"
    );
}

/// The chapter-99 headings are in every edition, with their texts, so that each heading's text
/// is available by date.
#[test]
fn chapter_99_headings_by_date() {
    let hts = Hts::embedded();
    for edition in hts.editions() {
        let headings = edition
            .schedule()
            .iter()
            .filter(|l| l.code().to_string().starts_with("9903."))
            .count();
        assert!(
            headings >= 446,
            "{}: {headings} 9903 headings",
            edition.name()
        );
    }
    let vietnam = hs("9903.02.69");
    let line = hts
        .chapter99(&vietnam, date("2025-09-10"))
        .unwrap()
        .unwrap();
    assert_eq!(
        line.general(),
        "The duty provided in the applicable subheading + 20%"
    );
    assert!(
        line.description().contains("Vietnam"),
        "{}",
        line.description()
    );
    // The Phase 2 reciprocal headings entered with 2025 revision 18 (2025-08-07).
    assert!(hts
        .chapter99(&vietnam, date("2025-08-06"))
        .unwrap()
        .is_none());
    assert!(hts
        .chapter99(&vietnam, date("2025-08-07"))
        .unwrap()
        .is_some());
    // China's reciprocal heading as each revision of April 2025 published it: 34% (revision
    // 7), 84% (revision 8), 125% (revision 9).
    let china = hs("9903.01.63");
    assert!(hts.chapter99(&china, date("2025-04-01")).unwrap().is_none());
    for (day, rate) in [
        ("2025-04-02", "+ 34%"),
        ("2025-04-03", "+ 84%"),
        ("2025-04-05", "+ 125%"),
        ("2025-04-09", "+ 125%"),
    ] {
        let line = hts.chapter99(&china, date(day)).unwrap().unwrap();
        assert!(line.general().ends_with(rate), "{day}: {}", line.general());
    }
    assert!(matches!(
        hts.chapter99(&china, date("2024-12-31")),
        Err(Error::NoTariffEdition { .. })
    ));
    assert!(hts
        .chapter99(&hs("6402.99.90"), date("2025-06-01"))
        .unwrap()
        .is_none());
}

#[test]
fn embedded_lookups() {
    let hts = Hts::embedded();
    let line = hts.lookup(&hs("6402.99.90"), date("2025-06-01")).unwrap();
    assert_eq!(line.mfn().unwrap().to_string(), "20%");
    assert_eq!(line.other(), "35%");
    let ten = hts
        .lookup(&hs("6402.99.90.05"), date("2025-06-01"))
        .unwrap();
    assert_eq!(ten.code(), hs("6402.99.90.05"));
    assert_eq!(ten.general(), "20%");
    // A 10-digit code that is not a statistical line falls back to its 8-digit line.
    let fallback = hts
        .lookup(&hs("6402.99.90.77"), date("2025-06-01"))
        .unwrap();
    assert_eq!(fallback.code(), hs("6402.99.90"));
    // An 8-digit code whose rate sits on its single 10-digit line.
    let single = hts.lookup(&hs("6402.99.04"), date("2025-06-01")).unwrap();
    assert_eq!(single.code(), hs("6402.99.04.00"));
    assert_eq!(single.general(), "6%");
    assert!(hts
        .lookup(&hs("0101.21.00"), date("2025-06-01"))
        .unwrap()
        .references()
        .contains(&hs("9903.88.15")));
    assert!(matches!(
        hts.lookup(&hs("6402.99.91"), date("2025-06-01")),
        Err(Error::NotInTariff { .. })
    ));
    assert!(matches!(
        hts.lookup(&hs("6402.99.90"), date("2024-12-31")),
        Err(Error::NoTariffEdition { .. })
    ));
}

#[test]
fn edition_switches_on_its_effective_date() {
    let hts = Hts::embedded();
    for (day, name) in [
        ("2025-01-01", "2025 basic"),
        ("2025-01-26", "2025 basic"),
        ("2025-01-27", "2025 revision 1"),
        ("2025-04-14", "2025 revision 12"),
        ("2025-04-22", "2025 revision 13"),
        ("2025-11-14", "2025 revision 31"),
        ("2025-11-15", "2025 revision 32"),
        ("2025-12-31", "2025 revision 32"),
        ("2026-01-01", "2026 basic"),
        ("2026-05-22", "2026 revision 8"),
        ("2026-06-07", "2026 revision 9"),
        ("2026-06-08", "2026 revision 10"),
        ("2026-12-31", "2026 revision 10"),
    ] {
        assert_eq!(hts.edition_for(date(day)).unwrap().name(), name, "{day}");
    }
    assert_eq!(
        hts.first_edition_from(date("2025-11-13")).unwrap().name(),
        "2025 revision 32"
    );
    assert_eq!(
        hts.first_edition_from(date("2025-11-15")).unwrap().name(),
        "2025 revision 32"
    );
    assert!(hts.first_edition_from(date("2026-06-09")).is_none());
    // A line whose chapter-99 text changed between editions: the fentanyl heading 9903.01.24
    // entered with 2025 revision 3 (2025-02-04).
    let code = hs("9903.01.24");
    assert!(hts.lookup(&code, date("2025-02-03")).is_err());
    assert!(hts.lookup(&code, date("2025-02-04")).is_ok());
}
