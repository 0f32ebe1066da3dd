//! Benchmarks of money arithmetic, allocation, parsing and exchange-rate lookups.
//!
//! Run with `cargo bench --bench money`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use chrono::{Days, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion};
use landed_cost::money::fx::{
    ExchangeRate, ExchangeRateKind, ExchangeRateQuery, ExchangeRateTable,
};
use landed_cost::{Currency, Money, Rate, RoundingMode};
use rust_decimal::Decimal;

fn arithmetic(c: &mut Criterion) {
    let a: Money = "10000.00 USD".parse().unwrap();
    let b: Money = "1234.56 USD".parse().unwrap();
    let rate: Rate = "37.5%".parse().unwrap();
    let odd: Money = "1234.56789 USD".parse().unwrap();
    c.bench_function("money/checked_add", |bench| {
        bench.iter(|| black_box(a).checked_add(black_box(b)))
    });
    c.bench_function("money/checked_mul_rate", |bench| {
        bench.iter(|| black_box(a).checked_mul_rate(black_box(rate)))
    });
    c.bench_function("money/round_half_even", |bench| {
        bench.iter(|| black_box(odd).round(RoundingMode::HalfEven))
    });
    c.bench_function("money/parse", |bench| {
        bench.iter(|| black_box("19.99 USD").parse::<Money>())
    });
}

fn allocation(c: &mut Criterion) {
    let freight: Money = "1260.00 USD".parse().unwrap();
    let three = [
        Decimal::from(10_000),
        Decimal::from(2_500),
        Decimal::new(75_050, 2),
    ];
    let hundred: Vec<Decimal> = (1..=100).map(|i| Decimal::new(i * 137 + 1, 1)).collect();
    c.bench_function("money/allocate_3", |bench| {
        bench.iter(|| black_box(freight).allocate(black_box(&three)))
    });
    c.bench_function("money/allocate_100", |bench| {
        bench.iter(|| black_box(freight).allocate(black_box(&hundred)))
    });
}

/// Two years of daily rates for ten pairs against USD, and quarterly rates.
fn table() -> ExchangeRateTable {
    let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let currencies = [
        Currency::CNY,
        Currency::HKD,
        Currency::EUR,
        Currency::JPY,
        Currency::VND,
        Currency::GBP,
        Currency::CAD,
        Currency::AUD,
        Currency::KRW,
        Currency::MXN,
    ];
    let mut table = ExchangeRateTable::new();
    for (i, currency) in currencies.into_iter().enumerate() {
        for day in 0..730u64 {
            let date = start.checked_add_days(Days::new(day)).unwrap();
            let rate = Decimal::new(7_000_000 + (day as i64 * 37 + i as i64 * 1000) % 500_000, 6);
            let kind = ExchangeRateKind::Daily;
            table
                .insert(
                    ExchangeRate::new(Currency::USD, currency, rate, date, kind, "bench").unwrap(),
                )
                .unwrap();
            if day % 91 == 0 {
                table
                    .insert(
                        ExchangeRate::new(
                            Currency::USD,
                            currency,
                            rate,
                            date,
                            ExchangeRateKind::Quarterly,
                            "bench",
                        )
                        .unwrap(),
                    )
                    .unwrap();
            }
        }
    }
    table
}

fn exchange(c: &mut Criterion) {
    let table = table();
    let date = NaiveDate::from_ymd_opt(2025, 9, 14).unwrap();
    let exact = ExchangeRateQuery::exact(date);
    let latest = ExchangeRateQuery::on_or_before(date, 7);
    let cny: Money = "72066.00 CNY".parse().unwrap();
    c.bench_function("fx/find_exact", |bench| {
        bench.iter(|| table.find(Currency::USD, Currency::CNY, black_box(&exact)))
    });
    c.bench_function("fx/find_on_or_before_inverse", |bench| {
        bench.iter(|| table.find(Currency::CNY, Currency::USD, black_box(&latest)))
    });
    c.bench_function("fx/convert", |bench| {
        bench.iter(|| {
            table.convert(
                black_box(cny),
                Currency::USD,
                &latest,
                RoundingMode::HalfEven,
            )
        })
    });
    c.bench_function("fx/customs_rate", |bench| {
        bench.iter(|| table.customs_rate(Currency::CNY, black_box(date)))
    });
}

criterion_group!(benches, arithmetic, allocation, exchange);
criterion_main!(benches);
