//! Landed cost of a shipment into the US, every charge explained.
//!
//! * `cargo run --example quote`: a worked table for a Chinese sneaker exporter shipping the same
//!   container on 2025-04-01, 2025-04-15 and 2025-06-20.
//! * `cargo run --example quote -- examples/shipment.json` (or any file, or `-` for standard
//!   input): the quote JSON contract: a `Shipment` (or an array of them) in, the `LandedCost`
//!   (or an array) out. `examples/shipment.json` is a sample: the sneaker container of 2026.
//! * Flags: `--strict` refuses an entry after the fee data or after the rules are known through
//!   (instead of quoting it with a warning); `--rate-staleness-days N` sets how many days past
//!   its period an exchange rate may be used (default 92); `--table` writes the quote as a table
//!   instead of JSON; `--json-lines` reads one shipment per line (JSON Lines, from the file or
//!   `-`; `examples/shipments.jsonl` is a sample) and writes one result per line, streaming: a
//!   catalogue of any size in bounded memory
//!   (with `--features parallel`, on all cores); with `--json-lines`, `--no-explanations`
//!   leaves each charge's and fee's explanation out of each result (`Explanations::Omitted`).
//!   A line that cannot be read or quoted gives `{"line": N, "error": "..."}` in its place; the
//!   run then says on standard error how many lines failed and exits with status 1.

use std::io::Read;
use std::process::ExitCode;

use chrono::{Days, NaiveDate};
use landed_cost::landed::{Explanations, LandedCost, Shipment};
use landed_cost::{QuoteOptions, TariffBook};

#[path = "common/stdout.rs"]
mod stdout;

/// The command line: a path (or none), and the options.
struct Args {
    path: Option<String>,
    strict: bool,
    staleness: Option<u32>,
    table: bool,
    json_lines: bool,
    explanations: Explanations,
}

fn args() -> Result<Args, String> {
    let mut out = Args {
        path: None,
        strict: false,
        staleness: None,
        table: false,
        json_lines: false,
        explanations: Explanations::Included,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--strict" => out.strict = true,
            "--table" => out.table = true,
            "--json-lines" => out.json_lines = true,
            "--no-explanations" => out.explanations = Explanations::Omitted,
            "--rate-staleness-days" => {
                let days = args
                    .next()
                    .ok_or("--rate-staleness-days needs a number of days")?;
                out.staleness = Some(
                    days.parse()
                        .map_err(|e| format!("--rate-staleness-days {days}: {e}"))?,
                );
            }
            flag if flag.starts_with("--") => {
                return Err(format!(
                    "unknown flag {flag}; the flags are --strict, --rate-staleness-days N, --table, --json-lines, --no-explanations"
                ))
            }
            path => out.path = Some(path.to_owned()),
        }
    }
    Ok(out)
}

fn main() -> ExitCode {
    let result = args().and_then(|args| {
        if args.explanations == Explanations::Omitted && !args.json_lines {
            return Err(
                "--no-explanations is for --json-lines output; add --json-lines".to_owned(),
            );
        }
        Ok(args)
    });
    let result = result.and_then(|args| match &args.path {
        None if args.json_lines => json_lines("-", &args),
        None => worked_example().map(|()| Failed::default()),
        Some(path) if args.json_lines => json_lines(path, &args),
        Some(path) => json(path, &args).map(|()| Failed::default()),
    });
    match result {
        Ok(Failed { lines: 0, .. }) => ExitCode::SUCCESS,
        Ok(Failed { lines, of }) => {
            eprintln!(
                "{lines} of {of} lines failed; each line's error is in its place in the output"
            );
            ExitCode::from(1)
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// One result of a batch: the quote, or the error that stopped it.
#[derive(serde::Serialize)]
#[serde(untagged)]
enum Outcome {
    Quote(Box<LandedCost>),
    Error { error: String },
}

/// Reads a shipment (or an array of shipments) as JSON and writes the quote(s) as JSON.
fn json(path: &str, args: &Args) -> Result<(), String> {
    let mut options = QuoteOptions::new().strict(args.strict);
    if let Some(days) = args.staleness {
        options = options.rate_staleness_days(days);
    }
    let mut text = String::new();
    if path == "-" {
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("reading standard input: {e}"))?;
    } else {
        let bytes = std::fs::read(path).map_err(|e| format!("reading {path}: {e}"))?;
        if bytes.starts_with(b"\x1f\x8b") {
            return Err(format!(
                "{path} is gzip-compressed: decompress it first (gunzip)"
            ));
        }
        text = String::from_utf8(bytes)
            .map_err(|e| format!("{path} is not UTF-8 text ({e}): save it as UTF-8"))?;
    }
    let book = TariffBook::embedded();
    // A byte-order mark, as some editors write one, is not JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("{path}: {e}"))?;
    let pretty = if value.is_array() {
        let shipments: Vec<Shipment> =
            serde_json::from_value(value).map_err(|e| format!("{path}: {e}"))?;
        let quotes: Vec<Outcome> = book
            .quote_batch_with(&shipments, &options)
            .into_iter()
            .map(|r| match r {
                Ok(quote) => Outcome::Quote(Box::new(quote)),
                Err(e) => Outcome::Error {
                    error: e.to_string(),
                },
            })
            .collect();
        serde_json::to_string_pretty(&quotes)
    } else {
        let shipment: Shipment =
            serde_json::from_value(value).map_err(|e| format!("{path}: {e}"))?;
        let quote = book
            .quote_with(&shipment, &options)
            .map_err(|e| e.to_string())?;
        if args.table {
            let mut out = stdout::stdout();
            out.text(format_args!("{quote}"));
            return out.finish();
        }
        serde_json::to_string_pretty(&quote)
    }
    .map_err(|e| e.to_string())?;
    let mut out = stdout::stdout();
    out.line(format_args!("{pretty}"));
    out.finish()
}

/// How many lines of a JSON Lines run gave an error, of how many.
#[derive(Default)]
struct Failed {
    lines: usize,
    of: usize,
}

/// Reads one shipment per line and writes one result per line (`{"line": N, "error": "..."}` for
/// a line that is not a shipment or cannot be quoted) with `TariffBook::quote_json_lines`,
/// which holds one chunk of lines at a time; returns how many lines failed.
fn json_lines(path: &str, args: &Args) -> Result<Failed, String> {
    use std::io::BufRead;
    let mut options = QuoteOptions::new().strict(args.strict);
    if let Some(days) = args.staleness {
        options = options.rate_staleness_days(days);
    }
    let input: Box<dyn BufRead> = if path == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let file = std::fs::File::open(path).map_err(|e| format!("reading {path}: {e}"))?;
        Box::new(std::io::BufReader::new(file))
    };
    let out = std::io::BufWriter::new(std::io::stdout().lock());
    match TariffBook::embedded().quote_json_lines(input, out, &options, args.explanations) {
        Ok(done) => Ok(Failed {
            lines: done.failed,
            of: done.lines,
        }),
        // A reader that stops early (`| head`) ends the output, not in an error.
        Err(landed_cost::Error::Write {
            kind: std::io::ErrorKind::BrokenPipe,
            ..
        }) => Ok(Failed::default()),
        Err(e) => Err(format!("{path}: {e}")),
    }
}

/// The sneaker container, shipped (loaded and exported) on `shipped` and entered 18 days later.
fn sneaker_container(shipped: NaiveDate) -> Result<Shipment, String> {
    let entry = shipped
        .checked_add_days(Days::new(18))
        .ok_or("date overflow")?;
    let json = format!(
        r#"{{ "importer": "US", "origin": "CN", "mode": "ocean",
              "export_date": "{shipped}", "entry_date": "{entry}", "loaded_date": "{shipped}",
              "currency": "USD", "incoterm": "FOB", "freight": "1200.00", "insurance": "60.00",
              "lines": [ {{ "hts": "6402.99.90", "description": "rubber-soled sneakers", "value": "10000.00",
                           "quantities": [ {{ "amount": "500", "unit": "PRS" }} ] }} ] }}"#
    );
    serde_json::from_str(&json).map_err(|e| e.to_string())
}

fn worked_example() -> Result<(), String> {
    let book = TariffBook::embedded();
    let dates = ["2025-04-01", "2025-04-15", "2025-06-20"];
    let mut quotes: Vec<(NaiveDate, LandedCost)> = Vec::new();
    for d in dates {
        let shipped: NaiveDate = d.parse().map_err(|e| format!("{d}: {e}"))?;
        let shipment = sneaker_container(shipped)?;
        quotes.push((shipped, book.quote(&shipment).map_err(|e| e.to_string())?));
    }
    let mut out = stdout::stdout();
    out.line(format_args!(
        "A Chinese sneaker exporter ships the same container to the US on three dates:"
    ));
    out.line(format_args!(
        "500 pairs of rubber-soled sneakers (HTS 6402.99.90), $10,000 FOB, ocean freight $1,200,"
    ));
    out.line(format_args!(
        "insurance $60; the container is loaded on the day it ships and entered 18 days later.\n"
    ));

    let width = 14;
    out.text(format_args!("{:<28}", "shipped (entered)"));
    for (shipped, q) in &quotes {
        out.text(format_args!(
            "{:>width$}",
            format!(
                "{} ({})",
                shipped.format("%m-%d"),
                q.entry_date.format("%m-%d")
            )
        ));
    }
    out.line(format_args!(""));
    let mut row = |label: &str, values: Vec<String>| {
        out.text(format_args!("{label:<28}"));
        for v in values {
            out.text(format_args!("{v:>width$}"));
        }
        out.line(format_args!(""));
    };
    row(
        "customs value",
        quotes
            .iter()
            .map(|(_, q)| format!("{}", q.customs_value))
            .collect(),
    );
    let authorities = ["mfn", "section301", "ieepa_fentanyl", "ieepa_reciprocal"];
    for authority in authorities {
        row(
            &format!("  {authority}"),
            quotes
                .iter()
                .map(|(_, q)| {
                    q.duties()
                        .find(|c| c.authority.as_str() == authority)
                        .map_or("-".to_owned(), |c| c.amount.to_string())
                })
                .collect(),
        );
    }
    row(
        "duties",
        quotes
            .iter()
            .map(|(_, q)| q.duties_total.to_string())
            .collect(),
    );
    row(
        "  MPF + HMF",
        quotes
            .iter()
            .map(|(_, q)| q.fees_total.to_string())
            .collect(),
    );
    row(
        "freight + insurance",
        quotes.iter().map(|_| "1260.00".to_owned()).collect(),
    );
    row(
        "landed total",
        quotes
            .iter()
            .map(|(_, q)| q.landed_total.to_string())
            .collect(),
    );
    row(
        "effective duty rate",
        quotes
            .iter()
            .map(|(_, q)| q.effective_rate.to_string())
            .collect(),
    );
    row(
        "landed cost per pair",
        quotes
            .iter()
            .map(|(_, q)| {
                (q.landed_total / rust_decimal::Decimal::from(500))
                    .round_dp(2)
                    .to_string()
            })
            .collect(),
    );

    for (shipped, q) in &quotes {
        out.line(format_args!(
            "\nShipped {shipped}, entered {}:",
            q.entry_date
        ));
        for c in q.duties() {
            out.line(format_args!("  {:>9}  {}", c.amount, c.explanation()));
        }
        for n in q.lines.iter().flat_map(|l| &l.not_applied) {
            out.line(format_args!("  {:>9}  {}", "-", n.reason));
        }
        for f in &q.fees {
            out.line(format_args!("  {:>9}  {}", f.amount, f.explanation));
        }
        for w in &q.warnings {
            out.line(format_args!("  warning [{}]: {w}", w.code()));
        }
    }
    out.line(format_args!(
        "\nThe same container: reciprocal duty waived in transit in early April, 125% at the peak,"
    ));
    out.line(format_args!(
        "10% after the May truce. Run with a JSON file (or -) to quote your own shipment."
    ));
    out.finish()
}
