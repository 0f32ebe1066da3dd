//! The US customs conversion rule (19 CFR 159.34): the quarterly certified rate for the date of
//! exportation, unless the daily rate for that date differs from it by 5% or more ([`CustomsRate`]).

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::{
    ExchangeRate, ExchangeRateKind, ExchangeRateQuery, ExchangeRateTable, REFERENCE_MAX_AGE_DAYS,
};
use crate::error::{Error, Result};
use crate::money::{Currency, Rate};

impl ExchangeRateTable {
    /// The rate US customs uses to convert `currency` to USD for merchandise exported on
    /// `export_date` (19 CFR 159.34): the quarterly certified rate of that quarter, unless the
    /// daily certified rate for the date differs from it by 5% or more, then the daily rate.
    ///
    /// Both rates are compared in the same quotation (foreign currency per US dollar, the form in
    /// which they are certified), so the variance does not depend on how the table stores them.
    /// The daily rate is the one for the export date or, if none was certified that day (a
    /// weekend or holiday), the latest within the 7 days before it. If the table has no quarterly
    /// rate for the quarter, the daily rate is used and the decision says so.
    ///
    /// # Errors
    /// [`Error::MissingExchangeRate`] if neither a quarterly rate for the quarter nor a daily rate
    /// exists; [`Error::InvalidValue`] for USD itself.
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::*;
    /// use landed_cost::Currency;
    /// let csv = "date,from,to,rate,kind,source\n\
    ///            2025-04-01,USD,CNY,7.20,quarterly,illustrative\n\
    ///            2025-04-09,USD,CNY,7.35,daily,illustrative\n";
    /// let t = ExchangeRateTable::from_csv_reader(csv.as_bytes())?;
    /// let decision = t.customs_rate(Currency::CNY, "2025-04-09".parse()?)?;
    /// assert_eq!(decision.chosen(), ExchangeRateKind::Quarterly); // 2.08% < 5%
    /// assert_eq!(decision.rate().to(), Currency::USD);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn customs_rate(&self, currency: Currency, export_date: NaiveDate) -> Result<CustomsRate> {
        needs_conversion(currency)?;
        let quarter_start = quarter_start(export_date);
        let quarter_age = u32::try_from((export_date - quarter_start).num_days()).unwrap_or(0);
        let quarterly_query = ExchangeRateQuery::on_or_before(export_date, quarter_age)
            .kind(ExchangeRateKind::Quarterly);
        let daily_query =
            ExchangeRateQuery::on_or_before(export_date, 7).kind(ExchangeRateKind::Daily);
        // Certified rates are quoted as foreign currency per US dollar.
        let quarterly = self.direct(Currency::USD, currency, &quarterly_query);
        let daily = self.direct(Currency::USD, currency, &daily_query);
        decide(currency, export_date, quarterly, daily, Basis::Certified)
    }

    /// The rule of 19 CFR 159.34 applied to reference rates, for when the certified rates are not
    /// at hand: the quarter's first reference rate (the quarterly position) unless the reference
    /// rate of the export date (or the latest in the week before it) differs from it by 5% or
    /// more, then that daily rate. Rates are taken through the euro when the table holds no
    /// direct quotation (the ECB's reference rates are all per euro).
    ///
    /// Reference rates are not the rates CBP uses; the decision's reason says which reference
    /// rates stood in. [`TariffBook::quote`](crate::TariffBook::quote) uses this with the
    /// embedded ECB rates when no certified rates are supplied.
    ///
    /// # Errors
    /// [`Error::MissingExchangeRate`] if the table has neither a reference rate in the quarter
    /// up to the export date nor one in the week before it; [`Error::InvalidValue`] for USD
    /// itself.
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::{ExchangeRateKind, ExchangeRateTable};
    /// use landed_cost::Currency;
    /// let table = ExchangeRateTable::embedded_reference();
    /// // 9 April 2025: the yuan at its weakest of the year, 1.08% from the quarter's first rate.
    /// let decision = table.customs_rate_from_reference(Currency::CNY, "2025-04-09".parse()?)?;
    /// assert_eq!(decision.chosen(), ExchangeRateKind::Quarterly);
    /// assert_eq!(decision.rate().date().to_string(), "2025-04-01");
    /// assert!(decision.reason().contains("reference rate"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn customs_rate_from_reference(
        &self,
        currency: Currency,
        export_date: NaiveDate,
    ) -> Result<CustomsRate> {
        needs_conversion(currency)?;
        let reference = |query: ExchangeRateQuery| {
            let query = query.kind(ExchangeRateKind::Reference);
            self.find(Currency::USD, currency, &query)
                .or_else(|_| self.find(Currency::USD, currency, &query.via(Currency::EUR)))
        };
        // The quarter's first reference rate: the first day from the quarter's start, up to the
        // export date, with a rate.
        let quarterly = quarter_start(export_date)
            .iter_days()
            .take_while(|day| *day <= export_date)
            .find_map(|day| reference(ExchangeRateQuery::exact(day)).ok())
            .ok_or(Error::MissingExchangeRate {
                from: currency,
                to: Currency::USD,
                date: export_date,
            });
        let daily = reference(ExchangeRateQuery::on_or_before(
            export_date,
            REFERENCE_MAX_AGE_DAYS,
        ));
        decide(currency, export_date, quarterly, daily, Basis::Reference)
    }
}

/// The first day of the calendar quarter containing `date`.
pub(super) fn quarter_start(date: NaiveDate) -> NaiveDate {
    let month = (date.month0() / 3) * 3 + 1;
    NaiveDate::from_ymd_opt(date.year(), month, 1).unwrap_or(date)
}

/// A customs conversion is for a currency other than the US dollar.
fn needs_conversion(currency: Currency) -> Result<()> {
    if currency == Currency::USD {
        return Err(Error::invalid(
            "customs conversion",
            "the value is already in USD; no conversion is needed",
        ));
    }
    Ok(())
}

/// Which rates a customs decision was made with.
#[derive(Clone, Copy)]
enum Basis {
    /// The certified rates of 19 CFR 159.32.
    Certified,
    /// Reference rates standing in for them.
    Reference,
}

/// The decision of 19 CFR 159.34 between the quarterly and the daily rate, each quoted as
/// foreign currency per US dollar; the chosen rate is returned as `currency` to USD.
fn decide(
    currency: Currency,
    export_date: NaiveDate,
    quarterly: Result<ExchangeRate>,
    daily: Result<ExchangeRate>,
    basis: Basis,
) -> Result<CustomsRate> {
    let threshold = Rate::from_percent(Decimal::from(5))?;
    let (chosen, kind, variance) = match (quarterly, daily) {
        (Ok(q), Ok(d)) => {
            let variance = (d.rate - q.rate)
                .abs()
                .checked_div(q.rate)
                .ok_or_else(|| Error::overflow("customs rate variance"))?;
            let variance = Rate::from_fraction(variance)?;
            if variance >= threshold {
                (d, ExchangeRateKind::Daily, Some(variance))
            } else {
                (q, ExchangeRateKind::Quarterly, Some(variance))
            }
        }
        (Ok(q), Err(_)) => (q, ExchangeRateKind::Quarterly, None),
        (Err(_), Ok(d)) => (d, ExchangeRateKind::Daily, None),
        (Err(e), Err(_)) => {
            return Err(match e {
                Error::StaleExchangeRate { .. } | Error::MissingExchangeRate { .. } => {
                    Error::MissingExchangeRate {
                        from: currency,
                        to: Currency::USD,
                        date: export_date,
                    }
                }
                other => other,
            })
        }
    };
    let percent = |v: Rate| {
        v.fraction()
            .checked_mul(Decimal::ONE_HUNDRED)
            .map_or_else(|| v.to_string(), |p| format!("{}%", p.round_dp(2)))
    };
    let (quarterly_name, daily_name) = match basis {
        Basis::Certified => (
            "quarterly certified rate".to_owned(),
            "daily certified rate".to_owned(),
        ),
        Basis::Reference => (
            format!(
                "the quarter's first reference rate ({}, {}), standing in for the quarterly certified rate",
                chosen.date, chosen.source
            ),
            format!(
                "the reference rate of {} ({}), standing in for the daily certified rate",
                chosen.date, chosen.source
            ),
        ),
    };
    let reason = match (kind, variance) {
        (ExchangeRateKind::Quarterly, Some(v)) => format!(
            "{quarterly_name}: the daily rate differs from it by {}, less than 5% (19 CFR 159.34)",
            percent(v)
        ),
        (_, Some(v)) => format!(
            "{daily_name}: it differs from the quarterly rate by {}, 5% or more (19 CFR 159.34)",
            percent(v)
        ),
        (ExchangeRateKind::Quarterly, None) => format!(
            "{quarterly_name}: no daily rate for the date of exportation to compare (19 CFR 159.34)"
        ),
        (_, None) => {
            format!("{daily_name}: no quarterly rate for this quarter in the table (19 CFR 159.34)")
        }
    };
    Ok(CustomsRate {
        rate: chosen.inverse()?,
        chosen: kind,
        variance,
        reason,
    })
}

/// The rate chosen under 19 CFR 159.34, and why.
///
/// # Example
/// ```
/// use landed_cost::money::fx::*;
/// use landed_cost::Currency;
/// let csv = "date,from,to,rate,kind,source\n\
///            2025-04-01,USD,CNY,7.00,quarterly,illustrative\n\
///            2025-04-09,USD,CNY,7.35,daily,illustrative\n";
/// let t = ExchangeRateTable::from_csv_reader(csv.as_bytes())?;
/// let d = t.customs_rate(Currency::CNY, "2025-04-09".parse()?)?;
/// assert_eq!(d.chosen(), ExchangeRateKind::Daily); // exactly 5% variance: the daily rate
/// assert_eq!(d.variance().map(|v| v.to_string()), Some("5%".to_string()));
/// assert!(d.reason().contains("159.34"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CustomsRate {
    rate: ExchangeRate,
    chosen: ExchangeRateKind,
    variance: Option<Rate>,
    reason: String,
}

impl CustomsRate {
    /// The chosen rate, oriented foreign currency → USD.
    ///
    /// # Example
    /// ```
    /// # use landed_cost::money::fx::*;
    /// # use landed_cost::Currency;
    /// # let csv = "date,from,to,rate,kind,source\n\
    /// #            2025-04-01,USD,CNY,7.00,quarterly,illustrative\n\
    /// #            2025-04-09,USD,CNY,7.35,daily,illustrative\n";
    /// # let t = ExchangeRateTable::from_csv_reader(csv.as_bytes())?;
    /// let d = t.customs_rate(Currency::CNY, "2025-04-09".parse()?)?;
    /// assert_eq!((d.rate().from(), d.rate().to()), (Currency::CNY, Currency::USD));
    /// assert_eq!(d.rate().date(), "2025-04-09".parse()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn rate(&self) -> &ExchangeRate {
        &self.rate
    }

    /// Which rate was chosen: [`ExchangeRateKind::Quarterly`] or [`ExchangeRateKind::Daily`].
    ///
    /// # Example
    /// ```
    /// # use landed_cost::money::fx::*;
    /// # use landed_cost::Currency;
    /// # let csv = "date,from,to,rate,kind,source\n\
    /// #            2025-04-01,USD,CNY,7.00,quarterly,illustrative\n\
    /// #            2025-04-09,USD,CNY,7.35,daily,illustrative\n";
    /// # let t = ExchangeRateTable::from_csv_reader(csv.as_bytes())?;
    /// let d = t.customs_rate(Currency::CNY, "2025-04-09".parse()?)?;
    /// assert_eq!(d.chosen(), ExchangeRateKind::Daily);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn chosen(&self) -> ExchangeRateKind {
        self.chosen
    }

    /// |daily − quarterly| / quarterly, when both rates were available.
    ///
    /// # Example
    /// ```
    /// # use landed_cost::money::fx::*;
    /// # use landed_cost::Currency;
    /// # let csv = "date,from,to,rate,kind,source\n\
    /// #            2025-04-01,USD,CNY,7.00,quarterly,illustrative\n\
    /// #            2025-04-09,USD,CNY,7.35,daily,illustrative\n";
    /// # let t = ExchangeRateTable::from_csv_reader(csv.as_bytes())?;
    /// let d = t.customs_rate(Currency::CNY, "2025-04-09".parse()?)?;
    /// assert_eq!(d.variance().map(|v| v.to_string()), Some("5%".to_string()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn variance(&self) -> Option<Rate> {
        self.variance
    }

    /// A one-line explanation citing the rule.
    ///
    /// # Example
    /// ```
    /// # use landed_cost::money::fx::*;
    /// # use landed_cost::Currency;
    /// # let csv = "date,from,to,rate,kind,source\n\
    /// #            2025-04-01,USD,CNY,7.00,quarterly,illustrative\n\
    /// #            2025-04-09,USD,CNY,7.35,daily,illustrative\n";
    /// # let t = ExchangeRateTable::from_csv_reader(csv.as_bytes())?;
    /// let d = t.customs_rate(Currency::CNY, "2025-04-09".parse()?)?;
    /// assert!(d.reason().contains("19 CFR 159.34"), "{}", d.reason());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn reason(&self) -> &str {
        &self.reason
    }
}
