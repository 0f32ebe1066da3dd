//! Generates `data/fx/ecb_reference.csv`, the embedded euro reference rates from October 2024
//! (a shipment entered in 2025 may have been exported in the last quarter of 2024, and the US
//! rule reads the quarter's first rate) to the end of the file, from the ECB's historical file
//! `eurofxref-hist.csv`.
//!
//! Run from the crate root: `cargo run -p datagen --bin fx -- path/to/eurofxref-hist.csv`
//! (see `data/fx/SOURCE.md` for where the file comes from).

use std::error::Error;
use std::fmt::Write as _;

/// The currencies kept: those exporters to the US commonly invoice in, and the markets' own.
const CURRENCIES: [&str; 16] = [
    "USD", "CNY", "HKD", "JPY", "KRW", "INR", "GBP", "CAD", "AUD", "MXN", "CHF", "SGD", "THB",
    "MYR", "IDR", "PHP",
];
/// The first date kept: the first day of the quarter before the first date quoted (2025-01-01).
const FIRST_DATE: &str = "2024-10-01";
const OUTPUT: &str = "data/fx/ecb_reference.csv";

fn main() -> Result<(), Box<dyn Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: cargo run -p datagen --bin fx -- path/to/eurofxref-hist.csv")?;
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_path(&path)?;
    let headers = reader.headers()?.clone();
    let columns: Vec<(usize, &str)> = CURRENCIES
        .iter()
        .map(|c| {
            headers
                .iter()
                .position(|h| h.trim() == *c)
                .map(|i| (i, *c))
                .ok_or_else(|| format!("{path} has no {c} column"))
        })
        .collect::<Result<_, _>>()?;
    let mut rows: Vec<(String, &str, String)> = Vec::new();
    let mut last = String::new();
    for record in reader.records() {
        let record = record?;
        let date = record.get(0).unwrap_or("").trim().to_owned();
        if date.as_str() < FIRST_DATE {
            continue;
        }
        if date > last {
            last = date.clone();
        }
        for (i, code) in &columns {
            let rate = record.get(*i).unwrap_or("").trim();
            if !rate.is_empty() && rate != "N/A" {
                rows.push((date.clone(), code, rate.to_owned()));
            }
        }
    }
    rows.sort();
    let mut out = String::new();
    writeln!(out, "date,from,to,rate,kind,source")?;
    for (date, code, rate) in &rows {
        writeln!(out, "{date},EUR,{code},{rate},reference,ECB reference rate")?;
    }
    datagen::write_if_changed(OUTPUT, out)?;
    println!("{OUTPUT}: {} rates, {FIRST_DATE} to {last}", rows.len());
    Ok(())
}
