//! The IEEPA duties paid on past entries: what importers claim back after the Supreme Court held,
//! on 20 February 2026, that IEEPA does not authorize tariffs (*Learning Resources v. Trump*).
//!
//! * `cargo run --example refund`: a year of monthly sneaker containers from China.
//! * `cargo run --example refund -- --origin BR`: the same containers from another origin (any
//!   ISO country: Brazil's and India's own IEEPA duties count too).
//! * `cargo run --example refund -- entries.json`: your entries (a JSON array of shipments).

use std::process::ExitCode;

use chrono::NaiveDate;
use landed_cost::landed::Shipment;
use landed_cost::tariff::Authority;
use landed_cost::TariffBook;
use rust_decimal::Decimal;

#[path = "common/stdout.rs"]
mod stdout;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// A container of 500 pairs of sneakers ($10,000 FOB) loaded on the 1st of each month from
/// February 2025 to February 2026 and entered on the 19th.
fn sample_entries(origin: &str) -> Result<Vec<Shipment>, String> {
    let mut entries = Vec::new();
    for (year, month) in (2..=12)
        .map(|m| (2025, m))
        .chain((1..=2).map(|m| (2026, m)))
    {
        let loaded = NaiveDate::from_ymd_opt(year, month, 1).ok_or("bad date")?;
        let entered = NaiveDate::from_ymd_opt(year, month, 19).ok_or("bad date")?;
        let json = format!(
            r#"{{"importer":"US","origin":"{origin}","mode":"ocean","export_date":"{loaded}","entry_date":"{entered}",
                "loaded_date":"{loaded}","currency":"USD","freight":"1200","insurance":"60",
                "lines":[{{"hts":"6402.99.90","value":"10000.00","quantities":[{{"amount":"500","unit":"PRS"}}]}}]}}"#
        );
        entries.push(serde_json::from_str(&json).map_err(|e| e.to_string())?);
    }
    Ok(entries)
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let entries: Vec<Shipment> = match args.first().map(String::as_str) {
        Some("--origin") => {
            let origin = args
                .get(1)
                .ok_or("--origin needs a country code, e.g. --origin VN")?;
            origin
                .parse::<landed_cost::CountryCode>()
                .map_err(|e| e.to_string())?;
            sample_entries(origin)?
        }
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("reading {path}: {e}"))?;
            serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?
        }
        None => sample_entries("CN")?,
    };
    let book = TariffBook::embedded();
    let mut out = stdout::stdout();
    out.line(format_args!(
        "{:<12} {:>12} {:>12} {:>12} {:>12} {:>12}",
        "entered", "duties", "fentanyl", "reciprocal", "other IEEPA", "refund"
    ));
    let mut total = Decimal::ZERO;
    let mut total_duties = Decimal::ZERO;
    for (shipment, quote) in entries.iter().zip(book.quote_batch(&entries)) {
        let quote = quote.map_err(|e| format!("entry of {}: {e}", shipment.entry_date))?;
        let part = |authority: Authority| -> Decimal {
            quote
                .charges()
                .filter(|c| c.authority == authority)
                .map(|c| c.amount)
                .sum()
        };
        let (fentanyl, reciprocal, other) = (
            part(Authority::IeepaFentanyl),
            part(Authority::IeepaReciprocal),
            part(Authority::Ieepa),
        );
        let refund = fentanyl + reciprocal + other;
        total += refund;
        total_duties += quote.duties_total;
        out.line(format_args!(
            "{:<12} {:>12} {:>12} {:>12} {:>12} {:>12}",
            quote.entry_date.to_string(),
            quote.duties_total,
            fentanyl,
            reciprocal,
            other,
            refund
        ));
    }
    out.line(format_args!(
        "{:<12} {:>12} {:>51}",
        "total", total_duties, total
    ));
    out.line(format_args!(
        "\nThe refund is the IEEPA part (fentanyl, reciprocal, and Brazil's and India's IEEPA duties) \
         of the duties paid; MFN, Section 301 and Section 232 duties stay due.\nCBP stopped collecting IEEPA duties for entries from 24 Feb 2026 \
         (CSMS 67834313). Postal duties under the IEEPA postal regimes are not included here."
    ));
    out.finish()
}
