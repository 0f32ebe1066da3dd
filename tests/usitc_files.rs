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

#[test]
fn embedded_editions_equal_the_generator_output() {
    let Some(dir) = data_dir() else { return };
    let hts = Hts::parse_embedded().unwrap();
    for (edition, stem) in
        hts.editions()
            .iter()
            .zip(["hts_2025_basic", "hts_2025_rev_32", "hts_2026_rev_10"])
    {
        let text = compact::write_schedule(export(&dir, stem).schedule(), &[]);
        let expected = compact::read_schedule(&text).unwrap();
        assert_eq!(edition.schedule().len(), expected.len(), "{stem}");
        for (a, b) in edition.schedule().iter().zip(expected.iter()) {
            assert_eq!(a, b, "{stem}");
        }
    }
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
        ("2025-11-14", "2025 basic"),
        ("2025-11-15", "2025 revision 32"),
        ("2026-06-07", "2025 revision 32"),
        ("2026-06-08", "2026 revision 10"),
        ("2026-12-31", "2026 revision 10"),
    ] {
        assert_eq!(hts.edition_for(date(day)).unwrap().name(), name, "{day}");
    }
    // A line whose chapter-99 text changed between editions: the fentanyl heading 9903.01.24
    // exists in revision 32 but not in the basic edition.
    let code = hs("9903.01.24");
    assert!(hts.lookup(&code, date("2025-11-14")).is_err());
    assert!(hts.lookup(&code, date("2025-11-15")).is_ok());
}
