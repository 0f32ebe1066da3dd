//! The loaders meet truncated, ragged, shifted, compressed and very deep input with an error or a
//! reported row, never a partial table that looks whole, and in time linear in the input.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use landed_cost::tariff::usitc::{HtsExport, TariffDatabase};
use landed_cost::trade::ProgramBook;
use landed_cost::Error;

const HEADER: &str = "hts8,brief_description,quantity_1_code,quantity_2_code,mfn_text_rate,mfn_rate_type_code,mfn_ad_val_rate,mfn_specific_rate,mfn_other_rate,col2_text_rate,begin_effect_date,end_effective_date";

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn synthetic_database(rows: usize) -> String {
    let mut csv = String::from(HEADER);
    for i in 0..rows {
        csv.push_str(&format!(
            "\n{:08},\"Goods, number {i}\",KG,,5%,7,0.05,0,0,35%,1/1/25,12/31/50",
            64_029_100 + i
        ));
    }
    csv.push('\n');
    csv
}

// 5. Truncated, ragged and shifted input.

#[test]
fn a_truncated_gzip_stream_is_an_error_not_a_short_table() {
    let csv = synthetic_database(5_000);
    let compressed = gzip(csv.as_bytes());
    let cut = &compressed[..compressed.len() / 2];
    match TariffDatabase::from_csv_reader(GzDecoder::new(cut)) {
        Err(Error::TruncatedInput { line, .. }) => assert!(line > 0),
        Ok(db) => panic!("loaded {} lines of 5000", db.len()),
        Err(other) => panic!("{other:?}"),
    }
    // The whole stream loads.
    let db = TariffDatabase::from_csv_reader(GzDecoder::new(&compressed[..])).unwrap();
    assert_eq!(db.len(), 5_000);
    assert!(db.issues().is_empty());
}

#[test]
fn the_real_database_truncated_is_an_error() {
    let Some(dir) = common::usitc_dir() else {
        return;
    };
    let text = std::fs::read(dir.join("tariff_database_2025.csv")).unwrap();
    let compressed = gzip(&text);
    let cut = &compressed[..compressed.len() / 2];
    assert!(matches!(
        TariffDatabase::from_csv_reader(GzDecoder::new(cut)),
        Err(Error::TruncatedInput { .. })
    ));
}

#[test]
fn short_and_long_rows_are_structural_errors() {
    let short = format!("{HEADER}\n64029990,Footwear,PRS,,20%,7,0.2\n");
    match TariffDatabase::from_csv_reader(short.as_bytes()) {
        Err(Error::RaggedRow {
            line,
            expected,
            found,
            ..
        }) => assert_eq!((line, expected, found), (2, 12, 7)),
        other => panic!("{other:?}"),
    }
    let long =
        format!("{HEADER}\n64029990,Footwear,PRS,,20%,7,0.2,0,0,35%,1/1/25,12/31/50,extra\n");
    assert!(matches!(
        TariffDatabase::from_csv_reader(long.as_bytes()),
        Err(Error::RaggedRow { found: 13, .. })
    ));
    let export = "HTS Number,Indent,Description,General Rate of Duty\n6402.99.90,2,Footwear\n";
    assert!(matches!(
        HtsExport::from_csv_reader(export.as_bytes()),
        Err(Error::RaggedRow { .. })
    ));
}

#[test]
fn a_shifted_row_fails_validation_and_is_not_kept() {
    // The description's comma is not quoted: every field after it moves one column right.
    let csv = format!(
        "{HEADER}\n64029990,Footwear,PRS,,20%,7,0.2,0,0,35%,1/1/25,12/31/50\n\
         64029930,Footwear, rubber,PRS,,20%,7,0.2,0,0,35%,1/1/25\n"
    );
    // Same number of fields as the header once the last one is dropped, so not ragged: the
    // shifted values fail validation.
    let db = TariffDatabase::from_csv_reader(csv.as_bytes()).unwrap();
    assert_eq!(db.len(), 1);
    assert!(db.get(&"6402.99.30".parse().unwrap()).is_none());
    assert!(!db.issues().is_empty());
    assert!(db.issues().iter().all(|e| e.to_string().contains("line 3")));
}

#[test]
fn a_rate_text_that_contradicts_the_ad_valorem_column_is_reported() {
    let csv = format!("{HEADER}\n64029990,Footwear,PRS,,20%,7,0.25,0,0,35%,1/1/25,12/31/50\n");
    let db = TariffDatabase::from_csv_reader(csv.as_bytes()).unwrap();
    assert_eq!(db.len(), 1, "the row is kept: the text is the rate");
    match db.issues() {
        [Error::Data { field, reason, .. }] => {
            assert_eq!(field, "mfn_ad_val_rate");
            assert!(reason.contains("contradicts"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    // Dates of the 1990s are the 1990s.
    let old = format!("{HEADER}\n64029990,Footwear,PRS,,20%,7,0.2,0,0,35%,7/1/99,12/31/50\n");
    let db = TariffDatabase::from_csv_reader(old.as_bytes()).unwrap();
    let line = db.get(&"6402.99.90".parse().unwrap()).unwrap();
    assert_eq!(
        line.begin_effective_date().map(|d| d.to_string()),
        Some("1999-07-01".to_owned())
    );
}

// 10. A compressed or BOM-prefixed file is recognised and named.

#[test]
fn compressed_and_bom_prefixed_files_are_recognised() {
    let csv = synthetic_database(3);
    let e = TariffDatabase::from_csv_reader(&gzip(csv.as_bytes())[..]).unwrap_err();
    assert!(
        matches!(
            e,
            Error::UnsupportedEncoding {
                found: "gzip-compressed",
                ..
            }
        ),
        "{e:?}"
    );
    assert!(e.to_string().contains("decompress"), "{e}");
    let json = r#"[{"htsno":"6402.99.90","indent":"2","description":"Footwear","general":"20%"}]"#;
    let e = HtsExport::from_json_reader(&gzip(json.as_bytes())[..]).unwrap_err();
    assert!(e.to_string().contains("gzip"), "{e}");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(csv.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let e = TariffDatabase::from_csv_reader(&utf16[..]).unwrap_err();
    assert!(e.to_string().contains("UTF-16"), "{e}");
    // A UTF-8 byte-order mark is skipped.
    let with_bom = format!("\u{feff}{csv}");
    assert_eq!(
        TariffDatabase::from_csv_reader(with_bom.as_bytes())
            .unwrap()
            .len(),
        3
    );
    let with_bom = format!("\u{feff}{json}");
    assert_eq!(
        HtsExport::from_json_reader(with_bom.as_bytes())
            .unwrap()
            .schedule()
            .len(),
        1
    );
}

// 4. A deep HTS export: contexts are shared and bounded.

fn deep_export(depth: usize) -> String {
    let mut json = String::from("[");
    for i in 0..depth {
        json.push_str(&format!(
            r#"{{"htsno":"","indent":"{i}","description":"Header number {i} of a deeply nested grouping, with some words:"}},"#
        ));
    }
    for i in 0..depth {
        if i > 0 {
            json.push(',');
        }
        let code = format!("6402.{:02}.{:02}", 10 + i / 100 % 90, i % 100);
        json.push_str(&format!(
            r#"{{"htsno":"{code}","indent":"{depth}","description":"Line {i}","general":"5%"}}"#
        ));
    }
    json.push(']');
    json
}

#[test]
fn a_deep_export_loads_with_bounded_contexts() {
    let json = deep_export(4_000);
    let started = Instant::now();
    let export = HtsExport::from_json_reader(json.as_bytes()).unwrap();
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_eq!(export.schedule().len(), 4_000);
    let context = export.context(&"6402.10.00".parse().unwrap()).unwrap();
    assert!(context.len() <= 4_096 + '…'.len_utf8(), "{}", context.len());
    assert!(context.starts_with("Header number 0 of"), "{context}");
    // The rows below the 24th level are reported, once each.
    assert!(!export.issues().is_empty());
    assert!(export.issues().len() <= 8_000);
    assert!(export.issues()[0]
        .to_string()
        .contains("deeper than 24 levels"));
}

#[test]
fn contexts_of_an_ordinary_export_are_unchanged() {
    let json = r#"[{"htsno":"0101","indent":"0","description":"Live horses:"},
        {"htsno":"","indent":"1","description":"Horses:"},
        {"htsno":"0101.21.00","indent":"2","description":"Purebred","general":"Free"},
        {"htsno":"0101.29.00","indent":"2","description":"Other","general":"Free"},
        {"htsno":"0101.29.00.10","indent":"3","description":"Imported for immediate slaughter"},
        {"htsno":"0101.30.00","indent":"1","description":"Asses","general":"6.8%"}]"#;
    let export = HtsExport::from_json_reader(json.as_bytes()).unwrap();
    let context = |code: &str| export.context(&code.parse().unwrap()).map(str::to_owned);
    assert_eq!(
        context("0101.21.00").as_deref(),
        Some("Live horses: › Horses:")
    );
    assert_eq!(
        context("0101.29.00").as_deref(),
        Some("Live horses: › Horses:")
    );
    assert_eq!(
        context("0101.29.00.10").as_deref(),
        Some("Live horses: › Horses: › Other")
    );
    assert_eq!(context("0101.30.00").as_deref(), Some("Live horses:"));
}

// 7. Program books with many sources are checked in linear time.

#[test]
fn a_program_book_with_many_sources_is_checked_quickly() {
    let sources = |n: usize, duplicate: bool| {
        let mut items: Vec<String> = (0..n)
            .map(|i| format!(r#"{{"key":"s{i}","outlet":"o","title":"t","date":null,"url":null,"summary":"s"}}"#))
            .collect();
        if duplicate {
            items.push(
                r#"{"key":"s7","outlet":"o","title":"t","date":null,"url":null,"summary":"s"}"#
                    .to_owned(),
            );
        }
        format!(r#"{{"sources":[{}],"programs":[]}}"#, items.join(","))
    };
    let started = Instant::now();
    let book = ProgramBook::from_json_reader(sources(100_000, false).as_bytes()).unwrap();
    assert!(book.programs().is_empty());
    let e = ProgramBook::from_json_reader(sources(100_000, true).as_bytes()).unwrap_err();
    assert!(e.to_string().contains("\"s7\" is listed twice"), "{e}");
    // Quadratic checks took about a minute at this size (5 × 10⁹ comparisons).
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_truncated_hts_json_export_is_an_error() {
    let json = deep_export(50);
    let compressed = gzip(json.as_bytes());
    let mut cut = GzDecoder::new(&compressed[..compressed.len() / 2]);
    let mut partial = Vec::new();
    let _ = cut.read_to_end(&mut partial);
    assert!(HtsExport::from_json_reader(&partial[..]).is_err());
    assert!(
        HtsExport::from_json_reader(GzDecoder::new(&compressed[..compressed.len() / 2])).is_err()
    );
}

#[test]
fn the_json_books_recognise_compressed_files_and_skip_a_bom() {
    let json = r#"{"sources": [], "programs": []}"#;
    let e = ProgramBook::from_json_reader(&gzip(json.as_bytes())[..]).unwrap_err();
    assert!(matches!(e, Error::UnsupportedEncoding { .. }), "{e:?}");
    assert!(
        e.to_string().starts_with("program JSON is gzip-compressed"),
        "{e}"
    );
    let with_bom = format!("\u{feff}{json}");
    assert!(ProgramBook::from_json_reader(with_bom.as_bytes()).is_ok());
    let e = landed_cost::market::Markets::from_json_reader(&gzip(b"{}")[..]).unwrap_err();
    assert!(e.to_string().contains("gzip"), "{e}");
}
