//! A tour of exact money: parsing, checked arithmetic, rounding, allocation and exchange rates.
//!
//! Run with `cargo run --example money`.

use landed_cost::money::fx::{ExchangeRateKind, ExchangeRateQuery, ExchangeRateTable};
use landed_cost::{Currency, Money, Rate, RoundingMode};
use rust_decimal::Decimal;

#[path = "common/stdout.rs"]
mod stdout;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut out = stdout::stdout();
    out.line(format_args!("== Money is exact and knows its currency"));
    let value: Money = "10000.00 USD".parse()?;
    let freight: Money = "USD 1200".parse()?;
    out.line(format_args!("goods {value}, freight {freight}"));
    out.line(format_args!(
        "goods + freight = {}",
        value.checked_add(freight)?
    ));
    let euros: Money = "500 EUR".parse()?;
    match value.checked_add(euros) {
        Ok(sum) => out.line(format_args!("unexpected: {sum}")),
        Err(e) => out.line(format_args!("goods + {euros} -> error: {e}")),
    }
    out.line(format_args!(
        "minor units: USD {}, JPY {}, KWD {}, CLF {}",
        Currency::USD.minor_units(),
        Currency::JPY.minor_units(),
        Currency::KWD.minor_units(),
        Currency::CLF.minor_units()
    ));

    out.line(format_args!("\n== Rates are exact percentages"));
    let mfn: Rate = "6.5%".parse()?;
    let duty = value.checked_mul_rate(mfn)?;
    out.line(format_args!(
        "{mfn} of {value} = {duty} (exact), {} rounded to cents",
        duty.round(RoundingMode::HalfEven)
    ));

    out.line(format_args!(
        "\n== Rounding is a named policy (shown on -2.345 USD and -2.355 USD)"
    ));
    let a: Money = "-2.345 USD".parse()?;
    let b: Money = "-2.355 USD".parse()?;
    for mode in [
        RoundingMode::HalfEven,
        RoundingMode::HalfAwayFromZero,
        RoundingMode::TowardZero,
        RoundingMode::Up,
        RoundingMode::Down,
    ] {
        out.line(format_args!(
            "{:<18} {:>10} {:>10}",
            format!("{mode:?}"),
            a.round(mode),
            b.round(mode)
        ));
    }

    out.line(format_args!(
        "\n== Allocation: freight split by line value, nothing lost"
    ));
    let weights = [
        Decimal::from(10_000),
        Decimal::from(2_500),
        Decimal::new(75_050, 2),
    ];
    let parts = freight.allocate(&weights)?;
    for (w, p) in weights.iter().zip(&parts) {
        out.line(format_args!("line worth {w:>9} USD carries {p}"));
    }
    let total = parts
        .iter()
        .try_fold(Money::zero(Currency::USD), |acc, p| acc.checked_add(*p))?;
    out.line(format_args!("sum of parts: {total}"));

    out.line(format_args!("\n== Exchange rates are dated and sourced"));
    // USD/CNY central parity on 9 Apr 2025: 7.2066 (DOMAIN.md §4).
    let table = ExchangeRateTable::from_csv_reader(
        "date,from,to,rate,kind,source\n\
         2025-04-09,USD,CNY,7.2066,reference,PBOC central parity 9 Apr 2025\n"
            .as_bytes(),
    )?;
    let invoice: Money = "72066.00 CNY".parse()?;
    let query = ExchangeRateQuery::exact("2025-04-09".parse()?).kind(ExchangeRateKind::Reference);
    let usd = table.convert(invoice, Currency::USD, &query, RoundingMode::HalfEven)?;
    let rate = table.find(Currency::CNY, Currency::USD, &query)?;
    out.line(format_args!("{invoice} = {usd}\n  using {rate}"));
    match table.convert(
        invoice,
        Currency::USD,
        &ExchangeRateQuery::exact("2025-04-10".parse()?),
        RoundingMode::HalfEven,
    ) {
        Ok(m) => out.line(format_args!("unexpected: {m}")),
        Err(e) => out.line(format_args!("a day later with no rate -> error: {e}")),
    }

    out.line(format_args!(
        "\n== The US customs rule (19 CFR 159.34), on illustrative certified rates"
    ));
    out.line(format_args!(
        "   (not published figures: a quarterly rate of 7.2000 and two daily rates)"
    ));
    for daily in ["7.3498", "7.5700"] {
        let csv = format!(
            "date,from,to,rate,kind,source\n\
             2025-04-01,USD,CNY,7.2000,quarterly,illustrative\n\
             2025-04-09,USD,CNY,{daily},daily,illustrative\n"
        );
        let table = ExchangeRateTable::from_csv_reader(csv.as_bytes())?;
        let decision = table.customs_rate(Currency::CNY, "2025-04-09".parse()?)?;
        out.line(format_args!("daily {daily}: {}", decision.reason()));
    }
    Ok(out.finish()?)
}
