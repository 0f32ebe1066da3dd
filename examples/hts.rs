//! Looks up a line of the embedded US tariff schedule.
//!
//! `cargo run --example hts -- 6402.99.90 [--date 2025-06-01]` prints the line, its MFN rate,
//! column 2 rate, units, the edition used, and the chapter-99 measures it references.

use std::process::ExitCode;

use chrono::NaiveDate;
use landed_cost::tariff::hts::Hts;
use landed_cost::HsCode;

#[path = "common/stdout.rs"]
mod stdout;

const USAGE: &str = "usage: cargo run --example hts -- <HTS code> [--date YYYY-MM-DD]";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let mut code: Option<HsCode> = None;
    let mut date: Option<NaiveDate> = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--date" => {
                let text = args.next().ok_or("--date needs a value")?;
                date = Some(
                    text.parse()
                        .map_err(|e| format!("--date {text:?} is not a date YYYY-MM-DD: {e}"))?,
                );
            }
            "-h" | "--help" => return Err("Looks up a line of the embedded HTS.".to_owned()),
            other if code.is_none() => code = Some(other.parse().map_err(|e| format!("{e}"))?),
            other => return Err(format!("unexpected argument {other:?}")),
        }
    }
    let code = code.unwrap_or(HsCode::from_digits(64_029_990, 8).map_err(|e| e.to_string())?);
    let date = match date {
        Some(d) => d,
        None => NaiveDate::from_ymd_opt(2025, 6, 1).ok_or("bad default date")?,
    };

    let hts = Hts::embedded();
    let edition = hts.edition_for(date).map_err(|e| e.to_string())?;
    let line = hts.lookup(&code, date).map_err(|e| e.to_string())?;
    let mut out = stdout::stdout();
    out.line(format_args!("{}  {}", line.code(), line.description()));
    if line.code().len() == 10 {
        if let Some(parent) = line
            .code()
            .tariff_line()
            .and_then(|p| edition.schedule().get(&p))
        {
            out.line(format_args!(
                "  under {}  {}",
                parent.code(),
                parent.description()
            ));
        }
    }
    out.line(format_args!(
        "edition     {} (in force from {}; {})",
        edition.name(),
        edition.effective(),
        edition.source()
    ));
    let mfn = match line.mfn() {
        Ok(rate) if rate.is_computable() => rate.to_string(),
        Ok(rate) => format!("{rate} (not a formula)"),
        Err(e) => format!("{:?} ({e})", line.general()),
    };
    out.line(format_args!(
        "MFN rate    {mfn}{}",
        if line.inherited() {
            " (from the 8-digit line)"
        } else {
            ""
        }
    ));
    out.line(format_args!(
        "column 2    {}",
        if line.other().is_empty() {
            "-"
        } else {
            line.other()
        }
    ));
    let units: Vec<String> = line.units().iter().map(ToString::to_string).collect();
    out.line(format_args!(
        "units       {}",
        if units.is_empty() {
            "-".to_owned()
        } else {
            units.join(", ")
        }
    ));
    if line.references().is_empty() {
        out.line(format_args!("chapter 99  no references"));
    }
    for reference in line.references() {
        match edition.schedule().chapter99(reference) {
            Some(heading) => out.line(format_args!(
                "chapter 99  {reference}  {}\n            {}",
                heading.general(),
                heading.description()
            )),
            None => out.line(format_args!(
                "chapter 99  {reference}  (heading not in this edition)"
            )),
        }
    }
    out.finish()
}
