//! Duty-rate benchmarks: parsing every distinct MFN rate text of the USITC annual tariff
//! database (skipped with a message when `../shared/data` is absent), and computing the duty of
//! compound rates on a prepared base.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};
use landed_cost::{DutyBase, DutyRate};

/// The distinct `mfn_text_rate` values of the annual database, or `None` without the data.
fn annual_mfn_texts() -> Option<Vec<String>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/usitc/tariff_database_2025.csv");
    if !path.is_file() {
        println!("skipping the parse benchmark: {} is absent", path.display());
        return None;
    }
    let mut reader = csv::Reader::from_path(path).unwrap();
    let column = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "mfn_text_rate")
        .unwrap();
    let texts: BTreeSet<String> = reader
        .records()
        .map(|record| record.unwrap()[column].to_owned())
        .filter(|text| !text.trim().is_empty())
        .collect();
    Some(texts.into_iter().collect())
}

fn parse(c: &mut Criterion) {
    let Some(texts) = annual_mfn_texts() else {
        return;
    };
    println!("{} distinct annual MFN rate texts", texts.len());
    c.bench_function("parse all distinct annual mfn rate texts", |b| {
        b.iter(|| {
            for text in &texts {
                let _ = black_box(black_box(text.as_str()).parse::<DutyRate>());
            }
        });
    });
}

fn duty(c: &mut Criterion) {
    let cases = [
        (
            "duty 90 cents/pr. + 37.5%",
            "90 cents/pr. + 37.5%",
            "1000 USD",
            "12 PRS",
        ),
        (
            "duty 4.4 cents/kg + 6% (grams converted)",
            "4.4 cents/kg + 6%",
            "100 USD",
            "2500 g",
        ),
        (
            "duty 12% min 2.5 EUR/100 kg",
            "12% min 2.5 EUR/100 kg",
            "100 EUR",
            "1000 kg",
        ),
    ];
    for (name, rate, value, quantity) in cases {
        let rate: DutyRate = rate.parse().unwrap();
        let base = DutyBase::new(value.parse().unwrap()).with_quantity(quantity.parse().unwrap());
        rate.duty(&base).unwrap();
        c.bench_function(name, |b| b.iter(|| black_box(&rate).duty(black_box(&base))));
    }
}

criterion_group!(benches, parse, duty);
criterion_main!(benches);
