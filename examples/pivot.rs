//! Export or sell at home? The exporter's side of the 2025–2026 US tariffs.
//!
//! * `cargo run --example pivot`: the April 2025 platform programs (with the check of amounts
//!   printed in two currencies), then for a Yiwu (Zhejiang) toy exporter and a Shenzhen
//!   (Guangdong) charger exporter the margin per unit of each channel on the 15th of each month
//!   from January 2025 to September 2026, the best channel, the break-even additional US duty,
//!   and a what-if: the reciprocal duty back at 34%.
//! * `cargo run --example pivot -- --json`: the same as JSON, with top-level keys `programs`,
//!   `channels`, `break_even` and `scenario`.
//!
//! Margins are exact in the library; this example rounds them to the fen (half to even) for
//! display only. The exporters' prices, costs and channel assumptions are illustrative (see
//! `examples/common/exporters.rs`); duties, exchange rates, VAT, fees and programs are the
//! crate's embedded data.

use std::process::ExitCode;

use chrono::NaiveDate;
use landed_cost::money::fx::ExchangeRateTable;
use landed_cost::trade::{
    AmountCheck, Channel, ChannelModel, PivotAnalysis, Platform, ProgramBook, Scenario,
};
use landed_cost::{Money, Rate, RoundingMode};
use serde::Serialize;

#[path = "common/exporters.rs"]
mod exporters;

/// Display rounding: to the fen, half to even (the library keeps amounts exact).
const DISPLAY: RoundingMode = RoundingMode::HalfEven;

fn main() -> ExitCode {
    let json = std::env::args().skip(1).any(|a| a == "--json");
    match run(json) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// A program in the JSON output.
#[derive(Serialize)]
struct ProgramOut<'a> {
    key: &'a str,
    sponsor: &'a str,
    name: &'a str,
    platforms: &'a [Platform],
    announced: Option<NaiveDate>,
    budget: Option<Money>,
    reported_budget: Option<&'a str>,
    budget_check: Option<AmountCheck>,
    budget_note: &'a str,
    sources: &'a [String],
}

/// One product's channel margins on a date in the JSON output.
#[derive(Serialize)]
struct ChannelsOut<'a> {
    exporter: &'a str,
    province: &'a str,
    sku: &'a str,
    date: NaiveDate,
    margins: Vec<MarginOut>,
    best: Channel,
}

#[derive(Serialize)]
struct MarginOut {
    channel: Channel,
    margin: Money,
}

/// A break-even in the JSON output.
#[derive(Serialize)]
struct BreakEvenOut<'a> {
    exporter: &'a str,
    sku: &'a str,
    date: NaiveDate,
    channel: Channel,
    additional_rate: Option<Rate>,
    duties_in_force: Rate,
    explanation: String,
}

/// The what-if in the JSON output: the best channel on each date under it.
#[derive(Serialize)]
struct ScenarioOut<'a> {
    name: &'a str,
    exporter: &'a str,
    sku: &'a str,
    date: NaiveDate,
    extra_us_duty: Rate,
    margins: Vec<MarginOut>,
    best: Channel,
}

#[derive(Serialize)]
struct Output<'a> {
    programs: Vec<ProgramOut<'a>>,
    channels: Vec<ChannelsOut<'a>>,
    break_even: Vec<BreakEvenOut<'a>>,
    scenario: Vec<ScenarioOut<'a>>,
}

fn run(json: bool) -> Result<(), String> {
    let book = ProgramBook::embedded();
    let rates = ExchangeRateTable::embedded_reference();
    let model = ChannelModel::embedded();
    let cases = exporters::cases().map_err(|e| e.to_string())?;
    let dates = exporters::dates()?;
    let what_if = Scenario::reciprocal_at("reciprocal back at 34%", "34%".parse().map_err(err)?);

    let mut programs = Vec::new();
    for p in book.programs() {
        programs.push(ProgramOut {
            key: &p.key,
            sponsor: &p.sponsor,
            name: &p.name,
            platforms: &p.platforms,
            announced: p.announced,
            budget: p.budget,
            reported_budget: p.reported_budget.as_ref().map(|r| r.text.as_str()),
            budget_check: p.budget_check(rates).map_err(err)?,
            budget_note: &p.budget_note,
            sources: &p.sources,
        });
    }

    let mut analyses: Vec<(&exporters::Case, PivotAnalysis, PivotAnalysis)> = Vec::new();
    for case in &cases {
        let product = case.product()?;
        let base = model
            .pivot(product, &dates, &case.assumptions, None)
            .map_err(err)?;
        let scenario = model
            .pivot(product, &dates, &case.assumptions, Some(&what_if))
            .map_err(err)?;
        analyses.push((case, base, scenario));
    }

    if json {
        let mut out = Output {
            programs,
            channels: Vec::new(),
            break_even: Vec::new(),
            scenario: Vec::new(),
        };
        for (case, base, scenario) in &analyses {
            let e = &case.exporter;
            for point in &base.points {
                out.channels.push(ChannelsOut {
                    exporter: &e.name,
                    province: &e.province,
                    sku: &base.sku,
                    date: point.date,
                    margins: margins(&point.margins),
                    best: point.best,
                });
                for be in &point.break_even {
                    out.break_even.push(BreakEvenOut {
                        exporter: &e.name,
                        sku: &base.sku,
                        date: point.date,
                        channel: be.channel,
                        additional_rate: be.additional_rate.map(round_rate).transpose()?,
                        duties_in_force: round_rate(be.duties_in_force)?,
                        explanation: be.explanation.clone(),
                    });
                }
            }
            for point in &scenario.points {
                out.scenario.push(ScenarioOut {
                    name: &what_if.name,
                    exporter: &e.name,
                    sku: &scenario.sku,
                    date: point.date,
                    extra_us_duty: round_rate(point.extra_us_duty)?,
                    margins: margins(&point.margins),
                    best: point.best,
                });
            }
        }
        let text = serde_json::to_string_pretty(&out).map_err(err)?;
        return emit(&text);
    }

    let mut out = String::new();
    // Each line of the table, written to `out` (printed at once by `emit`).
    macro_rules! say {
        ($($arg:tt)*) => {{
            use std::fmt::Write as _;
            writeln!(out, $($arg)*).map_err(err)?;
        }};
    }
    say!("The April 2025 platform programs for exporters (DOMAIN.md section 1):\n");
    for p in &programs {
        let budget = p
            .budget
            .map_or_else(|| "no figure reported".to_owned(), |b| format!("{b}"));
        say!("  {:<42} {:<22} {}", p.sponsor, budget, p.name);
        if let Some(check) = &p.budget_check {
            let verdict = if check.consistent { "ok" } else { "FLAGGED" };
            say!("  {:<42} {verdict}: {}", "", check.explanation);
        }
    }

    for (case, base, scenario) in &analyses {
        let e = &case.exporter;
        let product = case.product()?;
        say!(
            "\n{} ({}, exports {} of sales): {} ({}, HTS {})",
            e.name,
            e.province,
            e.export_share,
            product.sku,
            product.description,
            product.hs
        );
        say!(
            "  FOB {} | delivered to US consumers {} | home {} on {} | cost {} | rebate {}",
            product.export_price,
            product
                .cross_border_price
                .map_or_else(|| "-".to_owned(), |m| m.to_string()),
            product.domestic_price,
            case.assumptions.domestic_platform,
            product.unit_cost,
            product.export_rebate
        );
        let open: Vec<String> = book
            .on_platform(case.assumptions.domestic_platform)
            .filter(|p| p.admits(e))
            .map(|p| format!("{} ({})", p.name, p.sponsor))
            .collect();
        say!(
            "  programs on {} open to it: {}",
            case.assumptions.domestic_platform,
            if open.is_empty() {
                "none".to_owned()
            } else {
                open.join("; ")
            }
        );
        say!(
            "  margin per unit, CNY; the B2B buyer pushes back {} of the duties\n",
            case.assumptions.pass_through
        );
        say!(
            "  {:<10} {:>9} {:>9} {:>9}  {:<22} {:>14} {:>14} | {:>22}",
            "date",
            "B2B",
            "DDP",
            "home",
            "best",
            "B2B break-even",
            "DDP break-even",
            "best if reciprocal 34%"
        );
        for (point, alt) in base.points.iter().zip(&scenario.points) {
            let cell = |c: Channel| {
                point.margins.iter().find(|m| m.channel == c).map_or_else(
                    || "-".to_owned(),
                    |m| m.margin.round(DISPLAY).amount().to_string(),
                )
            };
            let be = |c: Channel| {
                point
                    .break_even
                    .iter()
                    .find(|b| b.channel == c)
                    .and_then(|b| Some((b.additional_rate?, b.duties_in_force)))
                    .map_or_else(
                        || "n/a".to_owned(),
                        |(r, in_force)| {
                            // Below minus the duties in force: not even duty-free.
                            if r.fraction() < -in_force.fraction() {
                                "none".to_owned()
                            } else {
                                format!("{:+.1}%", r.percent())
                            }
                        },
                    )
            };
            say!(
                "  {:<10} {:>9} {:>9} {:>9}  {:<22} {:>14} {:>14} | {:>22}",
                point.date.to_string(),
                cell(Channel::ExportB2b),
                cell(Channel::CrossBorderB2c),
                cell(Channel::Domestic),
                point.best.to_string(),
                be(Channel::ExportB2b),
                be(Channel::CrossBorderB2c),
                alt.best.to_string()
            );
        }
    }
    say!(
        "\nBreak-even: the additional US ad valorem duty (points of the customs value) at which the \
         export channel earns what selling at home earns; negative: duties would have to fall; none: \
         even free of US duty it earns less."
    );
    say!(
        "US dollars are converted at the ECB reference cross rate of each date, not a bank's rate."
    );
    emit(&out)
}

/// Writes the output to standard output. A reader that stops early (`| head`) closes the pipe:
/// that ends the output quietly instead of failing.
fn emit(text: &str) -> Result<(), String> {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.write_all(b"\n"))
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.to_string()),
        _ => Ok(()),
    }
}

fn margins(margins: &[landed_cost::trade::ChannelMargin]) -> Vec<MarginOut> {
    margins
        .iter()
        .map(|m| MarginOut {
            channel: m.channel,
            margin: m.margin.round(DISPLAY),
        })
        .collect()
}

/// A rate rounded to 0.01 percentage points for display.
fn round_rate(r: Rate) -> Result<Rate, String> {
    Rate::from_percent(r.percent().round_dp(2)).map_err(err)
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}
