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
//!   a time and quoted through `TariffBook::quote_each`, so memory stays bounded;
//! - `cargo run --release --example scale -- batch 200000`: the same catalogue made in memory
//!   first, then quoted by `quote_batch` and by `quote_each`, each timed alone in wall-clock and
//!   CPU seconds (with `--features parallel`, what the second core adds).

use landed_cost::landed::Shipment;
use landed_cost::tariff::usitc::HtsExport;
use landed_cost::TariffBook;

#[path = "../tests/common/deep_export.rs"]
mod deep_export;
use deep_export::deep_export;

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

/// The same catalogue as `stream`, made in memory first, then quoted by `quote_batch` and by
/// `quote_each` over the shipments already made, each timed alone (wall clock and the process's
/// CPU time, so that a run with `--features parallel` shows what the second core added).
fn batch(n: usize) -> Result<(), Box<dyn std::error::Error>> {
    let book = TariffBook::embedded();
    let shipments: Vec<Shipment> = catalogue(n)?.collect();
    let _ = book.quote_batch(shipments.get(..1).unwrap_or_default());
    let timed = |what: &str, f: &mut dyn FnMut() -> usize| {
        let (cpu, wall) = (cpu_seconds(), std::time::Instant::now());
        let ok = f();
        let (wall, cpu) = (wall.elapsed().as_secs_f64(), cpu_seconds() - cpu);
        println!(
            "{what}: {ok} of {n} quoted in {wall:.3} s wall, {cpu:.3} s CPU ({:.0} ns wall a shipment)",
            wall * 1e9 / n.max(1) as f64
        );
    };
    timed("quote_batch", &mut || {
        book.quote_batch(&shipments)
            .iter()
            .filter(|r| r.is_ok())
            .count()
    });
    timed("quote_each", &mut || {
        let mut ok = 0;
        book.quote_each(
            shipments.iter().cloned(),
            &landed_cost::QuoteOptions::new(),
            |_, r| ok += usize::from(r.is_ok()),
        );
        ok
    });
    Ok(())
}

/// The process's CPU time so far (user and system, all threads), from `/proc/self/stat`; 0
/// where that is not readable.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name's closing parenthesis; utime and stime are the 12th
    // and 13th of them, in clock ticks (100 a second on Linux).
    let after = stat.rsplit(')').next().unwrap_or_default();
    let ticks: f64 = after
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|t| t.parse::<f64>().ok())
        .sum();
    ticks / 100.0
}

/// The catalogue of `stream` and `batch`: `n` single-line shipments, made one at a time.
fn catalogue(n: usize) -> Result<impl Iterator<Item = Shipment>, Box<dyn std::error::Error>> {
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
    Ok((0..n).filter_map(move |i| {
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
    }))
}

fn stream(n: usize) -> Result<(), Box<dyn std::error::Error>> {
    let book = TariffBook::embedded();
    let shipments = catalogue(n)?;
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
    let json = deep_export(depth);
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
        (Some("batch"), Some(n)) => batch(n),
        _ => Err(
            "usage: scale shipment N [mixed|plain] | scale hts-deep N | scale stream N | scale batch N"
                .into(),
        ),
    }
}
