//! Inputs at scale, for measuring time and peak memory with `/usr/bin/time -v`:
//!
//! - `cargo run --release --example scale -- shipment 1000000 mixed`: a shipment of that many
//!   lines with origins CN, VN, MX, IN, DE in five blocks of equal size, each line with a `rates`
//!   object (a warning on every line);
//! - `cargo run --release --example scale -- shipment 1000000 plain`: the same number of lines of
//!   one origin, without `rates`;
//! - `cargo run --release --example scale -- hts-deep 4000`: an HTS JSON export of 4,000 nested
//!   headers and 4,000 coded lines under them;
//! - `cargo run --release --example scale -- stream 1000000`: a catalogue of that many
//!   single-line shipments (six origins, three modes, entry dates across 2025–2026), made one at
//!   a time and quoted through `TariffBook::quote_each`, so memory stays bounded.

use landed_cost::landed::Shipment;
use landed_cost::tariff::usitc::HtsExport;
use landed_cost::TariffBook;

fn shipment(lines: usize, mixed: bool) -> Result<(), Box<dyn std::error::Error>> {
    const ORIGINS: [&str; 5] = ["CN", "VN", "MX", "IN", "DE"];
    let mut json = String::with_capacity(lines * 120 + 400);
    json.push_str(
        r#"{"importer":"US","origin":"CN","mode":"ocean","export_date":"2025-06-01",
        "entry_date":"2025-06-05","loaded_date":"2025-06-01","currency":"USD","freight":"100.00",
        "lines":["#,
    );
    for i in 0..lines {
        if i > 0 {
            json.push(',');
        }
        let value = 100 + i % 900;
        if mixed {
            let origin = ORIGINS
                .get(i * ORIGINS.len() / lines)
                .copied()
                .unwrap_or("CN");
            json.push_str(&format!(
                r#"{{"hts":"6402.99.90","value":"{value}.00","origin":"{origin}","rates":{{"mfn":"5%"}}}}"#
            ));
        } else {
            json.push_str(&format!(r#"{{"hts":"6402.99.90","value":"{value}.00"}}"#));
        }
    }
    json.push_str("]}");
    let shipment: Shipment = serde_json::from_str(&json)?;
    drop(json);
    let started = std::time::Instant::now();
    let quote = TariffBook::embedded().quote(&shipment)?;
    println!(
        "{lines} lines ({}): quoted in {:.2?}, total {}, {} warnings",
        if mixed {
            "mixed origins, rates"
        } else {
            "plain"
        },
        started.elapsed(),
        quote.landed_total,
        quote.warnings.len()
    );
    Ok(())
}

fn stream(n: usize) -> Result<(), Box<dyn std::error::Error>> {
    const ORIGINS: [&str; 6] = ["CN", "VN", "DE", "MX", "JP", "HK"];
    const MODES: [&str; 3] = ["ocean", "air", "express"];
    const CODES: [&str; 6] = [
        "6402.99.90",
        "9403.60.80",
        "6109.10.00",
        "8471.30.01",
        "8708.30.50",
        "3926.90.99",
    ];
    let start = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).ok_or("date")?;
    let book = TariffBook::embedded();
    let shipments = (0..n).filter_map(|i| {
        let day = start + chrono::Days::new((i * 7 % 698) as u64);
        let json = format!(
            r#"{{"importer":"US","origin":"{}","mode":"{}","export_date":"{day}","entry_date":"{day}",
                "loaded_date":"{day}","currency":"USD","freight":"100","insurance":"5",
                "lines":[{{"hts":"{}","value":"{}.00"}}]}}"#,
            ORIGINS.get(i % ORIGINS.len())?,
            MODES.get(i % MODES.len())?,
            CODES.get(i % CODES.len())?,
            2500 + i % 1000
        );
        serde_json::from_str::<Shipment>(&json).ok()
    });
    let (mut quoted, mut failed) = (0usize, 0usize);
    let mut duties = rust_decimal::Decimal::ZERO;
    let started = std::time::Instant::now();
    book.quote_each(
        shipments,
        &landed_cost::QuoteOptions::new(),
        |_, r| match r {
            Ok(q) => {
                quoted += 1;
                duties += q.duties_total;
            }
            Err(_) => failed += 1,
        },
    );
    println!(
        "{quoted} quoted, {failed} failed, duties {duties} USD, in {:.2?} (parsing included)",
        started.elapsed()
    );
    Ok(())
}

fn hts_deep(depth: usize) -> Result<(), Box<dyn std::error::Error>> {
    let mut json = String::from("[");
    for i in 0..depth {
        json.push_str(&format!(
            r#"{{"htsno":"","indent":"{i}","description":"Header number {i} of a very deeply nested grouping, with some words:"}},"#
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
    let bytes = json.len();
    let started = std::time::Instant::now();
    let export = HtsExport::from_json_reader(json.as_bytes())?;
    println!(
        "{depth} nested headers and {depth} lines ({bytes} bytes): loaded in {:.2?}, {} lines, {} issues",
        started.elapsed(),
        export.schedule().len(),
        export.issues().len()
    );
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).map(String::as_str);
    let count = arg(1).and_then(|n| n.parse().ok());
    match (arg(0), count) {
        (Some("shipment"), Some(n)) => shipment(n, arg(2) == Some("mixed")),
        (Some("hts-deep"), Some(n)) => hts_deep(n),
        (Some("stream"), Some(n)) => stream(n),
        _ => {
            Err("usage: scale shipment N [mixed|plain] | scale hts-deep N | scale stream N".into())
        }
    }
}
