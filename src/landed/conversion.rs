//! Which exchange rate a quote converts with, and what it says about it.
//!
//! * **Into the US** (19 CFR 159.34, for the date of exportation): a certified rate in the table
//!   if there is one; otherwise the same rule applied to the reference rates (the ECB's, through
//!   the euro); for a currency the table's reference rates do not quote, and only with the
//!   embedded rates, the US Treasury reporting rate in force on the date.
//! * **Into another market**: the reference rate of the date of exportation (crossing through
//!   the euro); for a currency the ECB does not quote, the Treasury reporting rates crossed
//!   through the US dollar.
//!
//! A rate older than the period it covers (a reference rate: its day and the week after; a
//! reporting rate: the quarter after its report) is used with a `stale_exchange_rate` warning
//! up to [`QuoteOptions::staleness_limit_days`] past that period, and is an
//! [`Error::StaleExchangeRate`] beyond it.

use chrono::{Datelike, Days, NaiveDate};

use crate::error::{Error, Result};
use crate::landed::options::QuoteOptions;
use crate::landed::valuation::Converter;
use crate::money::fx::{
    ExchangeRate, ExchangeRateKind, ExchangeRateQuery, ExchangeRateTable, REFERENCE_MAX_AGE_DAYS,
};
use crate::money::Currency;
use crate::warning::{Warning, WarningCode};

/// How far back a lookup may reach to find the newest rate at all (its staleness is then judged
/// against the options).
const SEARCH_DAYS: u32 = 3660;

/// The tables a quote converts with.
struct Tables<'a> {
    /// The caller's table, or the embedded reference rates.
    main: &'a ExchangeRateTable,
    /// The embedded Treasury reporting rates, when the caller gave no table.
    treasury: Option<&'a ExchangeRateTable>,
}

fn tables<'a>(options: &QuoteOptions<'a>) -> Tables<'a> {
    match options.rate_table() {
        Some(main) => Tables {
            main,
            treasury: None,
        },
        None => embedded(),
    }
}

#[cfg(feature = "embedded-data")]
fn embedded() -> Tables<'static> {
    Tables {
        main: ExchangeRateTable::embedded_reference(),
        treasury: Some(ExchangeRateTable::embedded_treasury_reporting()),
    }
}

#[cfg(not(feature = "embedded-data"))]
fn embedded() -> Tables<'static> {
    static EMPTY: std::sync::OnceLock<ExchangeRateTable> = std::sync::OnceLock::new();
    Tables {
        main: EMPTY.get_or_init(ExchangeRateTable::new),
        treasury: None,
    }
}

/// The last day a reporting rate that takes effect on `effective` covers: the day before the
/// next quarterly report (reports are dated at the quarter's end, and their rates are for "the
/// date of this report and the ensuing three months"; an amendment lasts until the next
/// report).
fn reporting_period_end(effective: NaiveDate) -> NaiveDate {
    // The quarter end on or after the effective date is the next report, unless the rate is
    // that report's own (effective on the quarter's last day).
    let quarter_end = |d: NaiveDate| -> NaiveDate {
        let month = (d.month0() / 3) * 3 + 3;
        let next_month_first = if month == 12 {
            NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(d.year(), month + 1, 1)
        };
        next_month_first.and_then(|n| n.pred_opt()).unwrap_or(d)
    };
    let end = quarter_end(effective);
    let next_report = if end == effective {
        effective.succ_opt().map_or(effective, quarter_end)
    } else {
        end
    };
    next_report.pred_opt().unwrap_or(next_report)
}

/// The last day a rate covers without being stale.
fn covered_until(rate: &ExchangeRate) -> NaiveDate {
    match rate.kind() {
        ExchangeRateKind::Reporting => reporting_period_end(rate.date()),
        _ => rate
            .date()
            .checked_add_days(Days::new(u64::from(REFERENCE_MAX_AGE_DAYS)))
            .unwrap_or(rate.date()),
    }
}

/// Checks a rate's age against the options: fresh, stale within the limit (a warning), or an
/// error.
fn judge(
    rate: &ExchangeRate,
    from: Currency,
    to: Currency,
    date: NaiveDate,
    options: &QuoteOptions<'_>,
    warnings: &mut Vec<Warning>,
) -> Result<()> {
    let until = covered_until(rate);
    if date <= until {
        return Ok(());
    }
    let past = (date - until).num_days();
    let period = (until - rate.date()).num_days();
    let limit = i64::from(options.staleness_limit_days());
    if past > limit {
        return Err(Error::StaleExchangeRate {
            from,
            to,
            date,
            latest: rate.date(),
            age_days: (date - rate.date()).num_days(),
            max_age_days: period.saturating_add(limit),
        });
    }
    warnings.push(Warning::new(
        WarningCode::StaleExchangeRate,
        format!(
            "the newest {from}/{to} rate held is of {} and covers dates to {until}; {date} is {past} \
             day{} past it (at most {limit} allowed, QuoteOptions::rate_staleness_days): the \
             rate of {date} may differ",
            rate.date(),
            if past == 1 { "" } else { "s" },
        ),
    ));
    Ok(())
}

/// The converter of a shipment's currency to US dollars, for a US quote, and its warnings.
pub(crate) fn to_usd(
    currency: Currency,
    export_date: NaiveDate,
    options: &QuoteOptions<'_>,
    warnings: &mut Vec<Warning>,
) -> Result<Converter> {
    if currency == Currency::USD {
        return Ok(Converter {
            rate: None,
            to: Currency::USD,
        });
    }
    let tables = tables(options);
    let rates = tables.main;
    match rates.customs_rate(currency, export_date) {
        Ok(decision) => {
            warnings.push(Warning::new(
                WarningCode::CertifiedRate,
                format!(
                    "converted from {currency} at {} ({})",
                    decision.rate(),
                    decision.reason()
                ),
            ));
            return Ok(converter(decision.rate(), Currency::USD));
        }
        Err(Error::MissingExchangeRate { .. }) => {}
        Err(e) => return Err(e),
    }
    let reference =
        ExchangeRateQuery::on_or_before(export_date, SEARCH_DAYS).kind(ExchangeRateKind::Reference);
    let newest_reference = rates
        .find(Currency::USD, currency, &reference)
        .or_else(|_| rates.find(Currency::USD, currency, &reference.via(Currency::EUR)));
    match newest_reference {
        Ok(newest) => {
            judge(
                &newest,
                currency,
                Currency::USD,
                export_date,
                options,
                warnings,
            )?;
            let (rate, how) = match rates.customs_rate_from_reference(currency, export_date) {
                Ok(decision) => (decision.rate().clone(), decision.reason().to_owned()),
                // No reference rate in the quarter (the data ends before it): the newest.
                Err(Error::MissingExchangeRate { .. }) => (
                    newest.inverse()?,
                    format!(
                        "the newest reference rate held ({}), as no rate of the quarter of {export_date} is held",
                        newest.date()
                    ),
                ),
                Err(e) => return Err(e),
            };
            warnings.push(Warning::new(
                WarningCode::ReferenceRate,
                format!(
                    "converted from {currency} at {rate}: {how}; no CBP certified rate was \
                     supplied (supply certified rates with QuoteOptions::rates)"
                ),
            ));
            Ok(converter(&rate, Currency::USD))
        }
        Err(Error::MissingExchangeRate { .. }) if tables.treasury.is_some() => {
            let treasury = tables.treasury.unwrap_or(rates);
            reporting(
                treasury,
                currency,
                Currency::USD,
                export_date,
                options,
                warnings,
            )
        }
        Err(e) => Err(e),
    }
}

/// The converter of a shipment's currency to a market's, for a quote into another market, and
/// its warnings.
pub(crate) fn to_market(
    from: Currency,
    to: Currency,
    export_date: NaiveDate,
    options: &QuoteOptions<'_>,
    warnings: &mut Vec<Warning>,
) -> Result<Converter> {
    if from == to {
        return Ok(Converter { rate: None, to });
    }
    let tables = tables(options);
    let query = ExchangeRateQuery::on_or_before(export_date, SEARCH_DAYS)
        .kind(ExchangeRateKind::Reference)
        .via(Currency::EUR);
    match tables.main.find(from, to, &query) {
        Ok(rate) => {
            judge(&rate, from, to, export_date, options, warnings)?;
            warnings.push(Warning::new(
                WarningCode::ReferenceRate,
                format!(
                    "converted from {from} at the ECB reference rate {rate}; customs converts at \
                     its own published rate"
                ),
            ));
            Ok(converter(&rate, to))
        }
        Err(Error::MissingExchangeRate { .. }) if tables.treasury.is_some() => {
            let treasury = tables.treasury.unwrap_or(tables.main);
            reporting(treasury, from, to, export_date, options, warnings)
        }
        Err(e) => Err(e),
    }
}

/// The conversion at the Treasury reporting rate in force on the date (crossed through the US
/// dollar between two other currencies).
fn reporting(
    table: &ExchangeRateTable,
    from: Currency,
    to: Currency,
    date: NaiveDate,
    options: &QuoteOptions<'_>,
    warnings: &mut Vec<Warning>,
) -> Result<Converter> {
    let query = ExchangeRateQuery::on_or_before(date, SEARCH_DAYS)
        .kind(ExchangeRateKind::Reporting)
        .via(Currency::USD);
    let rate = table.find(from, to, &query)?;
    judge(&rate, from, to, date, options, warnings)?;
    // Quoted as Treasury quotes it: units of the foreign currency per US dollar.
    let per_usd = |c: Currency| {
        table.find(Currency::USD, c, &query).map(|r| {
            format!(
                "{} {c} per US dollar ({})",
                super::super::money::fx::significant(r.rate(), 6),
                r.source()
            )
        })
    };
    let quoted = [from, to]
        .into_iter()
        .filter(|c| *c != Currency::USD)
        .map(per_usd)
        .collect::<Result<Vec<_>>>()?
        .join(" and ");
    warnings.push(Warning::new(
        WarningCode::TreasuryReportingRate,
        format!(
            "converted from {from} at {quoted}: the ECB publishes no {} rate, so the US \
             Treasury's quarterly reporting rate stands in for the customs rate (CBP converts at \
             certified rates, 19 CFR 159.31; supply them with QuoteOptions::rates)",
            if from == Currency::USD { to } else { from }
        ),
    ));
    Ok(converter(&rate, to))
}

fn converter(rate: &ExchangeRate, to: Currency) -> Converter {
    Converter {
        rate: Some(rate.rate()),
        to,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_reporting_rate_covers_the_quarter_after_its_report() {
        assert_eq!(reporting_period_end(d("2026-03-31")), d("2026-06-29"));
        assert_eq!(reporting_period_end(d("2025-06-30")), d("2025-09-29"));
        assert_eq!(reporting_period_end(d("2025-09-30")), d("2025-12-30"));
        assert_eq!(reporting_period_end(d("2025-12-31")), d("2026-03-30"));
        // An amendment lasts until the next report.
        assert_eq!(reporting_period_end(d("2025-05-30")), d("2025-06-29"));
        assert_eq!(reporting_period_end(d("2026-01-15")), d("2026-03-30"));
    }
}
