//! Benchmarks of the USITC loaders and the embedded HTS.
//!
//! Run with `cargo bench --bench usitc`. The loader benchmarks read `../shared/data/usitc` and
//! are skipped when it is absent; the embedded-HTS benchmarks always run.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;
use std::io::Read;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use flate2::read::GzDecoder;
use landed_cost::tariff::hts::Hts;
use landed_cost::tariff::usitc::{HtsExport, TariffDatabase};
use landed_cost::HsCode;

use common::usitc_dir as data_dir;

fn loaders(c: &mut Criterion) {
    let Some(dir) = data_dir() else {
        eprintln!("skipping loader benchmarks: ../shared/data/usitc is absent");
        return;
    };
    let csv = std::fs::read(dir.join("tariff_database_2025.csv")).unwrap();
    let mut json = Vec::new();
    GzDecoder::new(std::fs::File::open(dir.join("hts_2025_rev_32.json.gz")).unwrap())
        .read_to_end(&mut json)
        .unwrap();
    let mut group = c.benchmark_group("usitc");
    group.sample_size(10);
    group.bench_function("load_annual_csv", |b| {
        b.iter(|| TariffDatabase::from_csv_reader(black_box(&csv[..])).unwrap())
    });
    group.bench_function("load_hts_json_export", |b| {
        b.iter(|| HtsExport::from_json_reader(black_box(&json[..])).unwrap())
    });
    let db = TariffDatabase::from_csv_reader(&csv[..]).unwrap();
    group.bench_function("parse_all_annual_mfn_texts", |b| {
        b.iter(|| {
            db.iter()
                .filter(|l| l.mfn_text().parse::<landed_cost::DutyRate>().is_ok())
                .count()
        })
    });
    group.finish();
}

fn embedded(c: &mut Criterion) {
    let mut group = c.benchmark_group("hts_embedded");
    group.sample_size(10);
    // What the first lookup pays: building the 44 embedded editions from the embedded text
    // (the first in full, each later one from its changes, sharing what did not change).
    group.bench_function("first_lookup_lazy_load", |b| {
        b.iter(|| Hts::parse_embedded().unwrap())
    });
    group.finish();

    let hts = Hts::embedded();
    let date = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    let eight: HsCode = "6402.99.90".parse().unwrap();
    let ten: HsCode = "8471.30.01.00".parse().unwrap();
    let missing_ten: HsCode = "6402.99.90.77".parse().unwrap();
    c.bench_function("hts_embedded/lookup_8_digit", |b| {
        b.iter(|| {
            hts.lookup(black_box(&eight), black_box(date))
                .unwrap()
                .code()
        })
    });
    c.bench_function("hts_embedded/lookup_10_digit", |b| {
        b.iter(|| hts.lookup(black_box(&ten), black_box(date)).unwrap().code())
    });
    c.bench_function("hts_embedded/lookup_10_digit_fallback", |b| {
        b.iter(|| {
            hts.lookup(black_box(&missing_ten), black_box(date))
                .unwrap()
                .code()
        })
    });
    let vietnam: HsCode = "9903.02.69".parse().unwrap();
    let later = NaiveDate::from_ymd_opt(2025, 9, 10).unwrap();
    c.bench_function("hts_embedded/chapter99_by_date", |b| {
        b.iter(|| {
            hts.chapter99(black_box(&vietnam), black_box(later))
                .unwrap()
                .is_some()
        })
    });
    c.bench_function("hts_embedded/lookup_and_cached_mfn", |b| {
        b.iter(|| {
            hts.lookup(black_box(&eight), black_box(date))
                .unwrap()
                .mfn()
                .is_ok()
        })
    });
}

criterion_group!(benches, loaders, embedded);
criterion_main!(benches);
