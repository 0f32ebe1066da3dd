//! Benchmarks of `TariffBook::rates`: one (code, origin, date), and a cycle over many real
//! 10-digit lines, origins and dates.
//!
//! Run with `cargo bench --bench rates -- --warm-up-time 1 --measurement-time 3`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use chrono::{Days, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion};
use landed_cost::{CountryCode, HsCode, TariffBook};

fn bench(c: &mut Criterion) {
    let book = TariffBook::embedded();
    let hs: HsCode = "6402.99.90.05".parse().unwrap();
    let date: NaiveDate = "2025-09-10".parse().unwrap();
    c.bench_function("rates/one_code_origin_date", |b| {
        b.iter(|| {
            let rates = book
                .rates(black_box(&hs), black_box(CountryCode::VN), black_box(date))
                .unwrap();
            black_box(rates.total())
        });
    });
    // The same question through `applicable` (what `rates` is built on), for reference.
    c.bench_function("rates/applicable_same_inputs", |b| {
        b.iter(|| {
            let what = book
                .applicable(
                    black_box(&hs),
                    black_box(CountryCode::VN),
                    black_box(date),
                    None,
                )
                .unwrap();
            black_box(what.applied.len())
        });
    });
    // 4,096 cases: every 5th 10-digit line, eight origins, dates through both years.
    let origins: Vec<CountryCode> = ["CN", "VN", "DE", "CA", "MX", "BR", "IN", "JP"]
        .iter()
        .map(|o| o.parse().unwrap())
        .collect();
    let start: NaiveDate = "2025-01-01".parse().unwrap();
    let codes: Vec<HsCode> = book.hts().editions()[0]
        .schedule()
        .iter()
        .map(|l| l.code())
        .filter(|c| c.len() == 10 && c.chapter() <= 97)
        .step_by(5)
        .collect();
    let cases: Vec<(HsCode, CountryCode, NaiveDate)> = (0..4096)
        .map(|i| {
            (
                codes[(i * 7919) % codes.len()],
                origins[i % origins.len()],
                start + Days::new((i * 13 % 700) as u64),
            )
        })
        .filter(|(c, o, d)| book.rates(c, *o, *d).is_ok())
        .collect();
    let mut i = 0;
    c.bench_function("rates/many_codes_origins_dates", |b| {
        b.iter(|| {
            let (hs, origin, date) = &cases[i % cases.len()];
            i += 1;
            black_box(book.rates(hs, *origin, *date).map(|r| r.total()).ok())
        });
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
