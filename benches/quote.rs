//! Benchmarks of the landed-cost calculator: one quote, and `quote_batch` over 100,000
//! single-line shipments of real HTS lines across origins, modes and dates, against the floor of
//! the bare decimal arithmetic a quote has to do.
//!
//! Run with `cargo bench --bench quote`.
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
use landed_cost::landed::Shipment;
use landed_cost::TariffBook;
use rust_decimal::Decimal;

const ORIGINS: [&str; 4] = ["CN", "HK", "VN", "GB"];
const MODES: [&str; 3] = ["ocean", "air", "express"];

/// 100,000 single-line shipments: real ad valorem HTS lines present in every embedded edition,
/// entry dates through 2025 and 2026 (to 30 Sep 2026, the last MPF year held), four origins,
/// three modes.
fn shipments(book: &TariffBook, n: usize) -> Vec<Shipment> {
    let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let edition = &book.hts().editions()[0];
    let codes: Vec<String> = edition
        .schedule()
        .iter()
        .filter(|l| l.code().len() == 10 && l.code().chapter() < 98)
        .filter(|l| l.mfn().is_ok_and(|r| r.ad_valorem_rate().is_some()))
        .filter(|l| {
            book.hts()
                .editions()
                .iter()
                .all(|e| e.schedule().get(&l.code()).is_some())
        })
        .map(|l| l.code().to_string())
        .collect();
    (0..n)
        .map(|i| {
            let day = start + Days::new((i * 7 % 637) as u64);
            let json = format!(
                r#"{{"importer":"US","origin":"{}","mode":"{}","export_date":"{day}","entry_date":"{day}",
                    "currency":"USD","freight":"100","insurance":"5",
                    "lines":[{{"hts":"{}","value":"{}"}}]}}"#,
                ORIGINS[i % ORIGINS.len()],
                MODES[i % MODES.len()],
                codes[(i * 7919) % codes.len()],
                Decimal::new(250_000 + (i as i64 % 1000) * 1000, 2)
            );
            serde_json::from_str(&json).unwrap()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let book = TariffBook::embedded();
    let one: Shipment = serde_json::from_str(
        r#"{"importer":"US","origin":"CN","mode":"ocean","export_date":"2025-04-15","entry_date":"2025-05-03",
            "loaded_date":"2025-04-15","currency":"USD","freight":"1200","insurance":"60",
            "lines":[{"hts":"6402.99.90","value":"10000.00","quantities":[{"amount":"500","unit":"PRS"}]}]}"#,
    )
    .unwrap();
    c.bench_function("quote/one_shipment", |b| {
        b.iter(|| book.quote(black_box(&one)).unwrap())
    });
    // The quote JSON of the same result, written into a reused buffer: serialization alone.
    let quoted = book.quote(&one).unwrap();
    let mut out = Vec::with_capacity(4096);
    c.bench_function("quote/one_shipment_to_json", |b| {
        b.iter(|| {
            out.clear();
            serde_json::to_writer(&mut out, black_box(&quoted)).unwrap();
            out.len()
        })
    });
    // The same bytes by the crate's own writer.
    c.bench_function("quote/one_shipment_write_json", |b| {
        b.iter(|| {
            out.clear();
            black_box(&quoted).write_json(&mut out).unwrap();
            out.len()
        })
    });
    // The round trip a JSON service does: read the shipment, quote it, write the result.
    let one_json = serde_json::to_string(&one).unwrap();
    c.bench_function("quote/one_shipment_json_round_trip", |b| {
        b.iter(|| {
            let s: Shipment = serde_json::from_str(black_box(&one_json)).unwrap();
            let q = book.quote(&s).unwrap();
            out.clear();
            serde_json::to_writer(&mut out, &q).unwrap();
            out.len()
        })
    });
    c.bench_function("quote/one_shipment_json_round_trip_write_json", |b| {
        b.iter(|| {
            let s: Shipment = serde_json::from_str(black_box(&one_json)).unwrap();
            let q = book.quote(&s).unwrap();
            out.clear();
            q.write_json(&mut out).unwrap();
            out.len()
        })
    });
    // One duty (MFN, goods of the UK before the reciprocal duties) and the MPF, by air.
    let gb: Shipment = serde_json::from_str(
        r#"{"importer":"US","origin":"GB","mode":"air","export_date":"2025-01-15","entry_date":"2025-01-20",
            "currency":"USD","freight":"1200","insurance":"60",
            "lines":[{"hts":"6402.99.90","value":"10000.00"}]}"#,
    )
    .unwrap();
    c.bench_function("quote/one_duty_shipment", |b| {
        b.iter(|| book.quote(black_box(&gb)).unwrap())
    });
    let hs = "6402.99.90".parse().unwrap();
    let day = NaiveDate::from_ymd_opt(2025, 5, 3).unwrap();
    c.bench_function("quote/applicable_only", |b| {
        b.iter(|| {
            book.applicable(
                black_box(&hs),
                landed_cost::CountryCode::CN,
                black_box(day),
                None,
            )
            .unwrap()
            .applied
            .len()
        })
    });
    // `applicable` over many products, origins and dates.
    let cases: Vec<(landed_cost::HsCode, landed_cost::CountryCode, NaiveDate)> =
        book.hts().editions()[0]
            .schedule()
            .iter()
            .filter(|l| l.code().chapter() < 98)
            .step_by(97)
            .enumerate()
            .map(|(i, l)| {
                let origin = ["CN", "HK", "VN", "GB"][i % 4].parse().unwrap();
                (
                    l.code(),
                    origin,
                    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + Days::new((i * 13 % 637) as u64),
                )
            })
            .filter(|(hs, o, d)| book.applicable(hs, *o, *d, None).is_ok())
            .collect();
    let mut next = 0usize;
    c.bench_function("quote/applicable_many_products_dates", |b| {
        b.iter(|| {
            let (hs, origin, day) = &cases[next % cases.len()];
            next += 1;
            book.applicable(black_box(hs), *origin, black_box(*day), None)
                .map(|a| a.applied.len())
        })
    });
    let rates = [
        Decimal::new(20, 2),
        Decimal::new(75, 3),
        Decimal::new(20, 2),
        Decimal::new(125, 2),
    ];
    c.bench_function("quote/floor_decimal_arithmetic", |b| {
        b.iter(|| floor(black_box(Decimal::new(1_000_000, 2)), black_box(&rates)))
    });

    let batch = shipments(book, 100_000);
    let mut group = c.benchmark_group("quote_batch");
    group.sample_size(10);
    group.bench_function("100k_single_line_shipments", |b| {
        b.iter(|| {
            let results = book.quote_batch(black_box(&batch));
            assert!(results.iter().all(Result::is_ok));
            results.len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
