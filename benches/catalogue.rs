//! Catalogue re-pricing: 100,000 single-line US shipments of real HTS lines from the 2025 USITC
//! annual tariff database (`../shared/data/usitc/tariff_database_2025.csv`), mixed origins (CN,
//! VN, DE, MX, JP, HK), modes and entry dates across 2025–2026, quoted as a batch and streamed,
//! beside the bare `rust_decimal` arithmetic those quotes need, in the same run. Skipped, with a
//! message, where the data is absent.
//!
//! The results' JSON is measured alone too: by `serde_json`, by `LandedCost::write_json`, and
//! without explanations; and the round trip of a JSON Lines service (read a shipment's JSON,
//! quote it, write the result), with and without explanations, and through the library's JSON
//! Lines service (`TariffBook::quote_json_lines`).
//!
//! `cargo bench --bench catalogue` (add `--features parallel` for all cores).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use chrono::{Days, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion};

#[path = "common/floor.rs"]
mod floor;
use floor::floor;
use landed_cost::landed::{Explanations, Shipment};
use landed_cost::tariff::usitc::TariffDatabase;
use landed_cost::{QuoteOptions, TariffBook};
use rust_decimal::Decimal;

const DATABASE: &str = "../shared/data/usitc/tariff_database_2025.csv";
const ORIGINS: [&str; 6] = ["CN", "VN", "DE", "MX", "JP", "HK"];
const MODES: [&str; 3] = ["ocean", "air", "express"];
const SHIPMENTS: usize = 100_000;

/// A line of the catalogue: its code, and a quantity (amount, unit) where it has a unit.
type CatalogueLine = (String, Option<(String, String)>);

/// The lines of the database the embedded HTS holds on every entry date, with a quantity in
/// their first unit where they have one (so specific rates compute).
fn catalogue(book: &TariffBook) -> Option<Vec<CatalogueLine>> {
    let db = TariffDatabase::from_csv_path(DATABASE).ok()?;
    let lines = db
        .iter()
        .filter(|l| l.hts8().chapter() < 98)
        .filter(|l| l.mfn().is_ok_and(|r| r.is_computable()))
        .filter(|l| {
            book.hts()
                .editions()
                .iter()
                .all(|e| e.schedule().line_for(&l.hts8()).is_some())
        })
        .map(|l| {
            let quantity = l.units().first().map(|u| ("100".to_owned(), u.to_string()));
            (l.hts8().to_string(), quantity)
        })
        .collect();
    Some(lines)
}

/// The shipments' JSON, one text per shipment.
fn shipment_texts(codes: &[CatalogueLine], n: usize) -> Vec<String> {
    let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    (0..n)
        .map(|i| {
            let day = start + Days::new((i * 7 % 698) as u64);
            let (code, quantity) = &codes[(i * 7919) % codes.len()];
            let quantities = quantity
                .as_ref()
                .map(|(amount, unit)| {
                    format!(r#","quantities":[{{"amount":"{amount}","unit":"{unit}"}}]"#)
                })
                .unwrap_or_default();
            let json = format!(
                r#"{{"importer":"US","origin":"{}","mode":"{}","export_date":"{day}","entry_date":"{day}",
                    "loaded_date":"{day}","currency":"USD","freight":"100","insurance":"5",
                    "lines":[{{"hts":"{code}","value":"{}"{quantities}}}]}}"#,
                ORIGINS[i % ORIGINS.len()],
                MODES[i % MODES.len()],
                Decimal::new(250_000 + (i as i64 % 1000) * 1000, 2)
            );
            json
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let book = TariffBook::embedded();
    let Some(codes) = catalogue(book) else {
        eprintln!("catalogue benchmark skipped: {DATABASE} is not there (it is in the project's shared data)");
        return;
    };
    let texts = shipment_texts(&codes, SHIPMENTS);
    let batch: Vec<Shipment> = texts
        .iter()
        .map(|t| serde_json::from_str(t).unwrap())
        .collect();
    let errors = book
        .quote_batch(&batch)
        .iter()
        .filter(|r| r.is_err())
        .count();
    eprintln!(
        "catalogue: {} shipments of {} HTS lines; {errors} quote errors",
        batch.len(),
        codes.len()
    );
    let values: Vec<Decimal> = batch.iter().map(|s| s.lines[0].value).collect();
    let rates = [
        Decimal::new(20, 2),
        Decimal::new(75, 3),
        Decimal::new(20, 2),
        Decimal::new(10, 2),
    ];
    let mut group = c.benchmark_group("catalogue");
    group.sample_size(10);
    group.bench_function("floor_decimal_arithmetic_100k", |b| {
        b.iter(|| {
            values
                .iter()
                .map(|v| floor(black_box(*v), &rates))
                .fold(Decimal::ZERO, |a, b| a + b)
        })
    });
    group.bench_function("quote_batch_100k", |b| {
        b.iter(|| book.quote_batch(black_box(&batch)).len())
    });
    let options = QuoteOptions::new();
    group.bench_function("quote_each_streamed_100k", |b| {
        b.iter(|| {
            let mut duties = Decimal::ZERO;
            book.quote_each(batch.iter().cloned(), &options, |_, r| {
                if let Ok(q) = r {
                    duties += q.duties_total;
                }
            });
            duties
        })
    });
    // The results' JSON alone, written into a reused buffer: by serde_json, by the crate's
    // writer (the same bytes), and by the crate's writer without explanations.
    let quotes: Vec<_> = batch.iter().filter_map(|s| book.quote(s).ok()).collect();
    let mut out = Vec::with_capacity(1 << 16);
    group.bench_function("serde_json_100k", |b| {
        b.iter(|| {
            let mut bytes = 0usize;
            for q in &quotes {
                out.clear();
                serde_json::to_writer(&mut out, black_box(q)).unwrap();
                bytes += out.len();
            }
            bytes
        })
    });
    for (name, explanations) in [
        ("write_json_100k", Explanations::Included),
        (
            "write_json_without_explanations_100k",
            Explanations::Omitted,
        ),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut bytes = 0usize;
                for q in &quotes {
                    out.clear();
                    black_box(q)
                        .write_json_with(&mut out, explanations)
                        .unwrap();
                    bytes += out.len();
                }
                bytes
            })
        });
    }
    // The round trip a JSON Lines service makes: read the shipment, quote it, write the result.
    for (name, explanations) in [
        ("round_trip_100k", Explanations::Included),
        (
            "round_trip_without_explanations_100k",
            Explanations::Omitted,
        ),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut bytes = 0usize;
                for text in &texts {
                    let shipment: Shipment = serde_json::from_str(black_box(text)).unwrap();
                    out.clear();
                    if let Ok(q) = book.quote(&shipment) {
                        q.write_json_with(&mut out, explanations).unwrap();
                    }
                    bytes += out.len();
                }
                bytes
            })
        });
    }
    // The same round trip through the library's JSON Lines service, 100,000 lines in and out
    // (with `--features parallel`, each chunk on all cores).
    let lines: String = texts.iter().map(|t| t.replace('\n', " ") + "\n").collect();
    let mut output = Vec::with_capacity(1 << 20);
    group.bench_function("json_lines_100k", |b| {
        b.iter(|| {
            output.clear();
            book.quote_json_lines(
                black_box(lines.as_bytes()),
                &mut output,
                &options,
                Explanations::Included,
            )
            .unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
