//! The US tariff panel as CSV: every 10-digit HTS line of chapters 1–97 × every origin the
//! measures distinguish × every date the rules change in 2025–2026, one row each with the rates
//! by authority and the total.
//!
//! `cargo run --release --example panel -- target/panel.csv` writes the whole panel (`-` or no
//! path: standard output) and reports the rows and the time on standard error. Narrow it with
//! `--origins CN,VN`, `--dates 2025-04-09,2025-04-10` and `--codes 6402.99.90.05,9403.60.80.93`;
//! `--count` only counts the rows.

use std::process::ExitCode;
use std::time::Instant;

use landed_cost::{CountryCode, HsCode, TariffBook};

const USAGE: &str = "usage: cargo run --release --example panel -- [OUT.csv | -] [--origins CN,VN] [--dates 2025-04-09,...] [--codes 6402.99.90.05,...] [--count]";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn list<T: std::str::FromStr>(text: &str) -> Result<Vec<T>, String>
where
    T::Err: std::fmt::Display,
{
    text.split(',')
        .map(|s| s.trim().parse::<T>().map_err(|e| format!("{s:?}: {e}")))
        .collect()
}

fn run() -> Result<(), String> {
    let book = TariffBook::embedded();
    let mut spec = book.panel_spec();
    let mut path = None;
    let mut count_only = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--origins" => spec = spec.origins(list::<CountryCode>(&value()?)?),
            "--dates" => spec = spec.dates(list(&value()?)?),
            "--codes" => spec = spec.codes(list::<HsCode>(&value()?)?),
            "--count" => count_only = true,
            "-h" | "--help" => return Err(String::new()),
            _ if arg.starts_with("--") => return Err(format!("unknown option {arg}")),
            _ => path = Some(arg),
        }
    }
    let (dates, origins) = (spec.dates_in().len(), spec.origins_in().len());
    let panel = book.panel(spec);
    if count_only {
        let rows = panel.row_count().map_err(|e| e.to_string())?;
        println!(
            "{rows} rows: {dates} dates × {origins} origins × the codes in force on each date"
        );
        return Ok(());
    }
    let start = Instant::now();
    let rows = match path.as_deref() {
        None | Some("-") => panel.write_csv(std::io::stdout().lock()),
        Some(p) => {
            let file = std::fs::File::create(p).map_err(|e| format!("{p}: {e}"))?;
            panel.write_csv(file)
        }
    };
    let rows = match rows {
        // A reader that stops early (`| head`) closed the pipe: the output ends there.
        Err(landed_cost::Error::Write {
            kind: std::io::ErrorKind::BrokenPipe,
            ..
        }) => return Ok(()),
        other => other.map_err(|e| e.to_string())?,
    };
    let seconds = start.elapsed().as_secs_f64();
    eprintln!(
        "{rows} rows ({dates} dates × {origins} origins × the codes in force on each date) in {seconds:.1} s, {:.2} million rows/s",
        rows as f64 / seconds / 1e6
    );
    Ok(())
}
