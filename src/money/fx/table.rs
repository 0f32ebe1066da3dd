//! The table of dated rates: [`ExchangeRateTable`], its lookups and the embedded tables.

use std::collections::HashMap;

use super::{ExchangeRate, ExchangeRateKind, ExchangeRateQuery};
use crate::error::{Error, Result};
use crate::money::{Currency, Money, RoundingMode};

#[cfg(feature = "embedded-data")]
/// The ECB euro reference rates from October 2024 (`data/fx/`).
pub(super) const EMBEDDED_REFERENCE: &str = include_str!("../../../data/fx/ecb_reference.csv");
#[cfg(feature = "embedded-data")]
/// The US Treasury reporting rates from the report of 2024-09-30 (`data/fx/`).
const EMBEDDED_TREASURY: &str = include_str!("../../../data/fx/treasury_reporting.csv");

/// A dated table of exchange rates, indexed by currency pair and [`ExchangeRateKind`].
///
/// # Example
/// ```
/// use landed_cost::money::fx::{ExchangeRateQuery, ExchangeRateTable};
/// use landed_cost::{Currency, Money, RoundingMode};
///
/// let csv = "date,from,to,rate,kind,source\n\
///            2025-04-09,USD,CNY,7.2066,reference,PBOC central parity\n";
/// let table = ExchangeRateTable::from_csv_reader(csv.as_bytes())?;
/// let q = ExchangeRateQuery::exact("2025-04-09".parse()?).kind(landed_cost::money::fx::ExchangeRateKind::Reference);
/// let usd = table.convert("72066.00 CNY".parse()?, Currency::USD, &q, RoundingMode::HalfEven)?;
/// assert_eq!(usd, "10000.00 USD".parse::<Money>()?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExchangeRateTable {
    series: HashMap<(Currency, Currency, ExchangeRateKind), Vec<ExchangeRate>>,
}

impl ExchangeRateTable {
    /// An empty table.
    ///
    /// # Example
    /// ```
    /// assert!(landed_cost::money::fx::ExchangeRateTable::new().is_empty());
    /// ```
    #[must_use]
    pub fn new() -> ExchangeRateTable {
        ExchangeRateTable::default()
    }

    /// Whether the table holds no rate.
    ///
    /// # Example
    /// ```
    /// assert_eq!(landed_cost::money::fx::ExchangeRateTable::new().len(), 0);
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.series.is_empty()
    }

    /// The number of rates held.
    ///
    /// # Example
    /// ```
    /// # use landed_cost::{money::fx::*, Currency};
    /// let mut t = ExchangeRateTable::new();
    /// t.insert(ExchangeRate::new(Currency::EUR, Currency::USD, "1.08".parse()?, "2025-04-01".parse()?, ExchangeRateKind::Daily, "")?)?;
    /// assert_eq!(t.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.series.values().map(Vec::len).sum()
    }

    /// Adds a rate. Inserting the same quotation twice is allowed; a different rate for the same
    /// pair, kind and date is an error.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] for a conflicting duplicate.
    ///
    /// # Example
    /// ```
    /// # use landed_cost::{money::fx::*, Currency};
    /// let mut t = ExchangeRateTable::new();
    /// let d = "2025-04-01".parse()?;
    /// t.insert(ExchangeRate::new(Currency::EUR, Currency::USD, "1.08".parse()?, d, ExchangeRateKind::Daily, "")?)?;
    /// assert!(t.insert(ExchangeRate::new(Currency::EUR, Currency::USD, "1.09".parse()?, d, ExchangeRateKind::Daily, "")?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn insert(&mut self, rate: ExchangeRate) -> Result<()> {
        let series = self
            .series
            .entry((rate.from, rate.to, rate.kind))
            .or_default();
        match series.binary_search_by_key(&rate.date, |r| r.date) {
            Ok(index) => match series.get(index) {
                Some(existing) if existing.rate == rate.rate => Ok(()),
                Some(existing) => Err(Error::invalid(
                    "exchange rate",
                    format!(
                        "two different {} {}/{} rates for {}: {} and {}; keep one",
                        rate.kind, rate.from, rate.to, rate.date, existing.rate, rate.rate
                    ),
                )),
                None => Ok(()),
            },
            Err(index) => {
                series.insert(index, rate);
                Ok(())
            }
        }
    }

    /// Adds every rate of `other`.
    ///
    /// # Errors
    /// As [`ExchangeRateTable::insert`], for the first conflicting rate.
    ///
    /// # Example
    /// ```
    /// # use landed_cost::{money::fx::*, Currency};
    /// let mut a = ExchangeRateTable::new();
    /// let mut b = ExchangeRateTable::new();
    /// b.insert(ExchangeRate::new(Currency::EUR, Currency::USD, "1.08".parse()?, "2025-04-01".parse()?, ExchangeRateKind::Daily, "")?)?;
    /// a.extend(&b)?;
    /// assert_eq!(a.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn extend(&mut self, other: &ExchangeRateTable) -> Result<()> {
        for rate in other.series.values().flatten() {
            self.insert(rate.clone())?;
        }
        Ok(())
    }

    #[cfg(feature = "embedded-data")]
    /// The embedded reference rates: the ECB's euro reference rates from October 2024 for the
    /// currencies exporters commonly invoice in (see `data/fx/SOURCE.md`), parsed on first use.
    /// Cross rates between two of them go through the euro (`ExchangeRateQuery::via(Currency::EUR)`).
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::{ExchangeRateKind, ExchangeRateQuery, ExchangeRateTable};
    /// use landed_cost::Currency;
    /// let table = ExchangeRateTable::embedded_reference();
    /// let q = ExchangeRateQuery::exact("2025-04-09".parse()?).kind(ExchangeRateKind::Reference).via(Currency::EUR);
    /// let cny_usd = table.find(Currency::CNY, Currency::USD, &q)?;
    /// assert_eq!(cny_usd.rate().round_dp(6).to_string(), "0.136057"); // 1.1045 / 8.1179
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn embedded_reference() -> &'static ExchangeRateTable {
        static TABLE: std::sync::OnceLock<ExchangeRateTable> = std::sync::OnceLock::new();
        TABLE.get_or_init(|| {
            // Verified by the test suite; an empty table (every lookup a MissingExchangeRate)
            // would be the only effect of a corrupt file.
            ExchangeRateTable::from_csv_reader(EMBEDDED_REFERENCE.as_bytes()).unwrap_or_default()
        })
    }

    #[cfg(feature = "embedded-data")]
    /// The embedded US Treasury Reporting Rates of Exchange (kind [`ExchangeRateKind::Reporting`], US
    /// dollar to each currency): the quarterly reports from 2024-09-30 to 2026-03-31 and their
    /// amendments, for 143 currencies, the Vietnamese dong and the New Taiwan dollar among them
    /// (see `data/fx/SOURCE.md`), parsed on first use. A report's rates are for the date of the
    /// report and the three months after it; an amendment takes effect on its own date.
    ///
    /// [`TariffBook::quote`](crate::TariffBook::quote) uses them for currencies the ECB does not
    /// quote, with a warning naming the rate and its report.
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::{ExchangeRateKind, ExchangeRateQuery, ExchangeRateTable};
    /// use landed_cost::Currency;
    /// let table = ExchangeRateTable::embedded_treasury_reporting();
    /// let q = ExchangeRateQuery::on_or_before("2025-09-10".parse()?, 92).kind(ExchangeRateKind::Reporting);
    /// let vnd = table.find(Currency::USD, Currency::VND, &q)?;
    /// assert_eq!((vnd.rate().to_string(), vnd.date().to_string()), ("26118".into(), "2025-06-30".into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn embedded_treasury_reporting() -> &'static ExchangeRateTable {
        static TABLE: std::sync::OnceLock<ExchangeRateTable> = std::sync::OnceLock::new();
        TABLE.get_or_init(|| {
            // Verified by the test suite, as the reference rates are.
            ExchangeRateTable::from_csv_reader(EMBEDDED_TREASURY.as_bytes()).unwrap_or_default()
        })
    }

    /// Whether the table holds any rate of `kind` to or from `currency`.
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::{ExchangeRateKind, ExchangeRateTable};
    /// use landed_cost::Currency;
    /// let ecb = ExchangeRateTable::embedded_reference();
    /// assert!(ecb.quotes(Currency::CNY, ExchangeRateKind::Reference));
    /// assert!(!ecb.quotes(Currency::VND, ExchangeRateKind::Reference));
    /// ```
    #[must_use]
    pub fn quotes(&self, currency: Currency, kind: ExchangeRateKind) -> bool {
        self.series
            .keys()
            .any(|(from, to, k)| *k == kind && (*from == currency || *to == currency))
    }

    /// Every rate, grouped by pair and kind, in date order.
    ///
    /// # Example
    /// ```
    /// # use landed_cost::money::fx::*;
    /// assert_eq!(ExchangeRateTable::new().iter().count(), 0);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = &ExchangeRate> {
        self.series.values().flatten()
    }

    /// The latest stored rate of one orientation on or before the query's date, if any.
    fn stored(
        &self,
        from: Currency,
        to: Currency,
        query: &ExchangeRateQuery,
    ) -> Option<&ExchangeRate> {
        let series = self.series.get(&(from, to, query.kind))?;
        let after = series.partition_point(|r| r.date <= query.date);
        after.checked_sub(1).and_then(|i| series.get(i))
    }

    /// The direct rate or the inverse of the reverse one, newest first, with staleness checked.
    pub(super) fn direct(
        &self,
        from: Currency,
        to: Currency,
        query: &ExchangeRateQuery,
    ) -> Result<ExchangeRate> {
        let direct = self.stored(from, to, query);
        let reverse = self.stored(to, from, query);
        let newest = match (direct, reverse) {
            (Some(d), Some(r)) if r.date > d.date => r.inverse()?,
            (Some(d), _) => d.clone(),
            (None, Some(r)) => r.inverse()?,
            (None, None) => {
                return Err(Error::MissingExchangeRate {
                    from,
                    to,
                    date: query.date,
                })
            }
        };
        let age_days = (query.date - newest.date).num_days();
        if age_days > i64::from(query.max_age_days) {
            return Err(Error::StaleExchangeRate {
                from,
                to,
                date: query.date,
                latest: newest.date,
                age_days,
                max_age_days: i64::from(query.max_age_days),
            });
        }
        Ok(newest)
    }

    /// Finds the rate `from → to` for a query: the stored pair, else the inverse of the reverse
    /// pair, else (if the query has a pivot) the cross rate through the pivot.
    ///
    /// # Errors
    /// [`Error::MissingExchangeRate`] when no rate exists on or before the date (naming the pair
    /// and date); [`Error::StaleExchangeRate`] when the newest is older than the query allows;
    /// [`Error::InvalidValue`] when `from` equals `to`.
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::*;
    /// use landed_cost::Currency;
    /// let csv = "date,from,to,rate,kind,source\n\
    ///            2025-04-01,USD,CNY,7.2,daily,\n\
    ///            2025-04-01,USD,EUR,0.9,daily,\n";
    /// let t = ExchangeRateTable::from_csv_reader(csv.as_bytes())?;
    /// let day = "2025-04-03".parse()?;
    /// assert_eq!(t.find(Currency::CNY, Currency::USD, &ExchangeRateQuery::on_or_before(day, 5))?.rate().round_dp(4).to_string(), "0.1389");
    /// assert!(t.find(Currency::CNY, Currency::USD, &ExchangeRateQuery::exact(day)).is_err()); // stale
    /// let cross = t.find(Currency::EUR, Currency::CNY, &ExchangeRateQuery::on_or_before(day, 5).via(Currency::USD))?;
    /// assert_eq!(cross.rate(), "8".parse()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn find(
        &self,
        from: Currency,
        to: Currency,
        query: &ExchangeRateQuery,
    ) -> Result<ExchangeRate> {
        if from == to {
            return Err(Error::invalid(
                "exchange rate",
                format!("{from} to {to} needs no rate; convert only between different currencies"),
            ));
        }
        match (self.direct(from, to, query), query.via) {
            (Ok(rate), _) => Ok(rate),
            (Err(Error::MissingExchangeRate { .. }), Some(pivot))
                if pivot != from && pivot != to =>
            {
                self.cross(from, to, pivot, query)
            }
            (Err(e), _) => Err(e),
        }
    }

    /// The cross rate `from → pivot → to`: the product of the two legs, dated as the older leg.
    ///
    /// # Errors
    /// As [`ExchangeRateTable::find`], for either leg.
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::*;
    /// use landed_cost::Currency;
    /// let csv = "date,from,to,rate,kind,source\n2025-04-01,HKD,USD,0.128,daily,\n2025-04-01,USD,CNY,7.25,daily,\n";
    /// let t = ExchangeRateTable::from_csv_reader(csv.as_bytes())?;
    /// let r = t.cross(Currency::HKD, Currency::CNY, Currency::USD, &ExchangeRateQuery::exact("2025-04-01".parse()?))?;
    /// assert_eq!(r.rate(), "0.928".parse()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cross(
        &self,
        from: Currency,
        to: Currency,
        pivot: Currency,
        query: &ExchangeRateQuery,
    ) -> Result<ExchangeRate> {
        let first = self.direct(from, pivot, query)?;
        let second = self.direct(pivot, to, query)?;
        let rate = first
            .rate
            .checked_mul(second.rate)
            .ok_or_else(|| Error::overflow("cross exchange rate"))?;
        ExchangeRate::new(
            from,
            to,
            rate,
            first.date.min(second.date),
            query.kind,
            format!("cross via {pivot}: {first}; {second}"),
        )
    }

    /// Converts `money` to `to` with the rate [`find`](ExchangeRateTable::find) returns, rounding once to
    /// the target currency's minor units with `mode`. Same currency in and out returns `money`.
    ///
    /// # Errors
    /// As [`ExchangeRateTable::find`]; [`Error::Overflow`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::*;
    /// use landed_cost::{Currency, Money, RoundingMode};
    /// let t = ExchangeRateTable::from_csv_reader("date,from,to,rate,kind,source\n2025-04-01,USD,JPY,149.5,daily,\n".as_bytes())?;
    /// let q = ExchangeRateQuery::exact("2025-04-01".parse()?);
    /// assert_eq!(t.convert("10.01 USD".parse()?, Currency::JPY, &q, RoundingMode::HalfEven)?, "1496 JPY".parse::<Money>()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn convert(
        &self,
        money: Money,
        to: Currency,
        query: &ExchangeRateQuery,
        mode: RoundingMode,
    ) -> Result<Money> {
        if money.currency() == to {
            return Ok(money);
        }
        let rate = self.find(money.currency(), to, query)?;
        Ok(rate.apply(money)?.round(mode))
    }
}
