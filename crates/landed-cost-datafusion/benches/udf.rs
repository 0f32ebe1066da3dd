//! Throughput of `us_duty` in SQL: `SELECT SUM(us_duty(...))` over the sample import records
//! scaled up to 2^20 rows (the twelve records over every month of 2025–2026), and over 2^20 rows
//! of distinct codes, origins and dates (every row a new lookup: the worst case).
//!
//! Run with `cargo bench -p landed-cost-datafusion --bench udf -- --warm-up-time 1 --measurement-time 3`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use datafusion::arrow::array::{Date32Array, Decimal128Array, RecordBatch, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::datasource::MemTable;
use datafusion::prelude::{SessionConfig, SessionContext};
use landed_cost::tariff::TariffBook;

const ROWS: usize = 1 << 20;
const BATCH: usize = 8192;

/// `ROWS` rows in batches of 8,192, split over two partitions (one per core).
fn table(rows: impl Fn(usize) -> (String, &'static str, i32, i128)) -> MemTable {
    let schema = Arc::new(Schema::new(vec![
        Field::new("hts10", DataType::Utf8, false),
        Field::new("origin", DataType::Utf8, false),
        Field::new("entry", DataType::Date32, false),
        Field::new("customs_value", DataType::Decimal128(18, 2), false),
    ]));
    let mut partitions = vec![Vec::new(), Vec::new()];
    for (b, start) in (0..ROWS).step_by(BATCH).enumerate() {
        let r: Vec<_> = (start..start + BATCH).map(&rows).collect();
        let batch = RecordBatch::try_new(
            Arc::clone(&schema),
            vec![
                Arc::new(StringArray::from_iter_values(
                    r.iter().map(|x| x.0.as_str()),
                )),
                Arc::new(StringArray::from_iter_values(r.iter().map(|x| x.1))),
                Arc::new(Date32Array::from_iter_values(r.iter().map(|x| x.2))),
                Arc::new(
                    Decimal128Array::from_iter_values(r.iter().map(|x| x.3))
                        .with_precision_and_scale(18, 2)
                        .unwrap(),
                ),
            ],
        )
        .unwrap();
        partitions[b % 2].push(batch);
    }
    MemTable::try_new(schema, partitions).unwrap()
}

/// Days from 1970-01-01 to the 15th of month `m` (0 = January 2025).
fn mid_month(m: usize) -> i32 {
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
    let d =
        chrono::NaiveDate::from_ymd_opt(2025 + (m / 12) as i32, (m % 12) as u32 + 1, 15).unwrap();
    (d - epoch).num_days() as i32
}

fn bench(c: &mut Criterion) {
    const SAMPLE: [(&str, &str); 12] = [
        ("6402.99.90.05", "CN"),
        ("9403.60.80.93", "CN"),
        ("6402.99.90.05", "VN"),
        ("6402.99.90.05", "CN"),
        ("8471.30.01.00", "CN"),
        ("6402.99.90.05", "VN"),
        ("9403.60.80.93", "VN"),
        ("9403.60.80.93", "DE"),
        ("9403.60.80.93", "CN"),
        ("6402.99.90.05", "VN"),
        ("9403.60.80.93", "DE"),
        ("6402.99.90.05", "DE"),
    ];
    let scaled = table(|i| {
        let (hts, origin) = SAMPLE[i % 12];
        (
            hts.to_owned(),
            origin,
            mid_month((i / 12) % 24),
            1_000_000 + (i % 977) as i128,
        )
    });
    let book = TariffBook::embedded();
    let codes: Vec<String> = book.hts().editions()[0]
        .schedule()
        .iter()
        .filter(|l| l.code().len() == 10 && l.mfn().is_ok_and(|r| r.ad_valorem_rate().is_some()))
        .map(|l| l.code())
        .filter(|c| {
            book.hts().editions().iter().all(|e| {
                e.schedule()
                    .line_for(c)
                    .is_some_and(|l| l.mfn().is_ok_and(|r| r.ad_valorem_rate().is_some()))
            })
        })
        .map(|c| c.to_string())
        .collect();
    let origins = ["CN", "VN", "DE", "JP", "GB", "IN", "BR", "TH"];
    let distinct = table(|i| {
        (
            codes[i % codes.len()].clone(),
            origins[(i / codes.len()) % origins.len()],
            mid_month(i % 24),
            1_000_000,
        )
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .unwrap();
    let mut group = c.benchmark_group("udf");
    group.throughput(Throughput::Elements(ROWS as u64));
    group.sample_size(10);
    for (name, t) in [
        ("us_duty_sample_scaled_2p20_rows", scaled),
        ("us_duty_distinct_2p20_rows", distinct),
    ] {
        let ctx = SessionContext::new_with_config(SessionConfig::new().with_target_partitions(2));
        landed_cost_datafusion::register(&ctx);
        ctx.register_table("imports", Arc::new(t)).unwrap();
        group.bench_function(name, |b| {
            b.iter(|| {
                runtime.block_on(async {
                    ctx.sql("SELECT SUM(us_duty(hts10, origin, entry, customs_value)) FROM imports")
                        .await
                        .unwrap()
                        .collect()
                        .await
                        .unwrap()
                })
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
