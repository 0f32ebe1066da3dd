//! The US duty stack on a product at every date it changes through 2025–2026.
//!
//! `cargo run --example timeline -- 9403.60.80 CN` (code and origin; defaults to wooden
//! furniture from China).

use std::process::ExitCode;

use chrono::{Days, NaiveDate};
use landed_cost::tariff::{Base, TariffBook};
use landed_cost::{CountryCode, HsCode, WarningCode};

#[path = "common/stdout.rs"]
mod stdout;

const USAGE: &str = "usage: cargo run --example timeline -- <HTS code> <origin country code>";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code: HsCode = args
        .first()
        .map_or("9403.60.80", String::as_str)
        .parse()
        .map_err(|e| format!("{e}"))?;
    let origin: CountryCode = args
        .get(1)
        .map_or("CN", String::as_str)
        .parse()
        .map_err(|e| format!("{e}"))?;
    let book = TariffBook::embedded();
    let mut out = stdout::stdout();
    let start = NaiveDate::from_ymd_opt(2025, 1, 1).ok_or("bad date")?;
    let end = NaiveDate::from_ymd_opt(2026, 12, 31).ok_or("bad date")?;

    let first = book
        .applicable(&code, origin, start, None)
        .map_err(|e| e.to_string())?;
    out.line(format_args!(
        "US duties on {} ({}), goods of {origin}, by entry date, 2025-2026",
        first.line.code(),
        first.line.description()
    ));
    out.line(format_args!(
        "(ad valorem rates on the full value; rates on metal content or other bases are marked)\n"
    ));

    let mut previous: Option<(Vec<String>, Vec<String>)> = None;
    let mut day = start;
    while day <= end {
        let what = book
            .applicable(&code, origin, day, None)
            .map_err(|e| e.to_string())?;
        let parts: Vec<String> = what
            .applied
            .iter()
            .map(|a| {
                let base = match a.base {
                    Base::FullValue => String::new(),
                    other => format!(" on the {other}"),
                };
                format!("{} {} {}{base}", a.authority, a.heading, a.rate)
            })
            .collect();
        // A period starts when a duty or a note changes (a note can come before its duty: a
        // measure whose product list the data lacks warns from its start).
        let state = (parts, warning_keys(&what.warnings));
        if previous.as_ref() != Some(&state) {
            let (parts, _) = &state;
            let total = what
                .ad_valorem_total()
                .map_or_else(|e| e.to_string(), |r| r.to_string());
            out.line(format_args!(
                "from {day}  total {total:>7}  (HTS {})",
                what.edition.name()
            ));
            for p in parts {
                out.line(format_args!("    {p}"));
            }
            for w in &what.warnings {
                out.line(format_args!("    note: {w}"));
            }
            previous = Some(state);
        }
        day = day.checked_add_days(Days::new(1)).ok_or("date overflow")?;
    }
    out.finish()
}

/// What identifies the notes of a day: each warning's text, but only the code of the note that
/// a date is past the data's horizon (it names the date, so would start a period every day).
fn warning_keys(warnings: &[landed_cost::Warning]) -> Vec<String> {
    warnings
        .iter()
        .map(|w| match w.code() {
            WarningCode::RulesKnownThrough => w.code().to_string(),
            _ => w.to_string(),
        })
        .collect()
}
