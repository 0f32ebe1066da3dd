//! Dated exchange rates: [`ExchangeRate`], [`RateTable`] and the US customs conversion rule.
//!
//! A [`RateTable`] holds series of rates per currency pair and [`RateKind`] (daily certified,
//! quarterly certified, reference fixings), each dated. Lookups take a [`RateQuery`]: the date,
//! the kind, how old a rate may be, and optionally a pivot currency for cross rates. The inverse
//! of a stored pair is used when the direct pair is absent. A missing or stale rate is a typed
//! error naming the pair and the date; there is no silent fallback.
//!
//! [`RateTable::customs_rate`] applies 19 CFR 159.34: the quarterly certified rate for the date
//! of exportation, unless the daily certified rate for that date differs from it by 5% or more.

use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::money::{Currency, Money, Rate, RoundingMode};

#[cfg(feature = "embedded-data")]
/// The ECB euro reference rates of 2025–2026 (`data/fx/`).
const EMBEDDED_REFERENCE: &str = include_str!("../../data/fx/ecb_reference.csv");
#[cfg(feature = "embedded-data")]
/// The US Treasury reporting rates from the report of 2024-12-31 (`data/fx/`).
const EMBEDDED_TREASURY: &str = include_str!("../../data/fx/treasury_reporting.csv");

/// What kind of rate a quotation is; a table keeps one series per pair and kind.
///
/// # Example
/// ```
/// use landed_cost::money::fx::RateKind;
/// let kind: RateKind = serde_json::from_str("\"quarterly\"")?;
/// assert_eq!(kind, RateKind::Quarterly);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RateKind {
    /// A daily rate (for US customs, the FRBNY noon buying rate certified by the Treasury).
    Daily,
    /// A quarterly rate (for US customs, the first certified daily rate of the quarter).
    Quarterly,
    /// A reference fixing (a central-bank parity or similar), for analysis rather than customs.
    Reference,
    /// A government reporting rate for a period: the US Treasury's quarterly Reporting Rates of
    /// Exchange, dated from the day they take effect (the quarter's report, or an amendment).
    Reporting,
}

impl fmt::Display for RateKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            RateKind::Daily => "daily",
            RateKind::Quarterly => "quarterly",
            RateKind::Reference => "reference",
            RateKind::Reporting => "reporting",
        })
    }
}

/// One dated quotation: 1 `from` = `rate` `to`.
///
/// # Example
/// ```
/// use landed_cost::money::fx::{ExchangeRate, RateKind};
/// use landed_cost::Currency;
/// use chrono::NaiveDate;
/// use rust_decimal::Decimal;
///
/// let usd_cny = ExchangeRate::new(
///     Currency::USD, Currency::CNY, Decimal::new(72066, 4),
///     NaiveDate::from_ymd_opt(2025, 4, 9).unwrap(), RateKind::Reference,
///     "PBOC central parity",
/// )?;
/// assert_eq!(usd_cny.to_string(), "1 USD = 7.2066 CNY on 2025-04-09 (reference, PBOC central parity)");
/// assert_eq!(usd_cny.inverse()?.from(), Currency::CNY);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawRate", into = "RawRate")]
pub struct ExchangeRate {
    from: Currency,
    to: Currency,
    rate: Decimal,
    date: NaiveDate,
    kind: RateKind,
    source: String,
}

/// The serde form of [`ExchangeRate`], validated on the way in.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRate {
    date: NaiveDate,
    from: Currency,
    to: Currency,
    #[serde(with = "crate::money::decimal_text")]
    rate: Decimal,
    kind: RateKind,
    #[serde(default)]
    source: String,
}

impl TryFrom<RawRate> for ExchangeRate {
    type Error = Error;
    fn try_from(raw: RawRate) -> Result<Self> {
        ExchangeRate::new(raw.from, raw.to, raw.rate, raw.date, raw.kind, raw.source)
    }
}

impl From<ExchangeRate> for RawRate {
    fn from(r: ExchangeRate) -> Self {
        RawRate {
            date: r.date,
            from: r.from,
            to: r.to,
            rate: r.rate,
            kind: r.kind,
            source: r.source,
        }
    }
}

impl ExchangeRate {
    /// A quotation `1 from = rate to` on `date`.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] if `rate` is not greater than zero or `from` equals `to`.
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::{ExchangeRate, RateKind};
    /// use landed_cost::Currency;
    /// use chrono::NaiveDate;
    /// use rust_decimal::Decimal;
    /// let d = NaiveDate::from_ymd_opt(2025, 4, 9).unwrap();
    /// assert!(ExchangeRate::new(Currency::USD, Currency::CNY, Decimal::ZERO, d, RateKind::Daily, "x").is_err());
    /// ```
    pub fn new(
        from: Currency,
        to: Currency,
        rate: Decimal,
        date: NaiveDate,
        kind: RateKind,
        source: impl Into<String>,
    ) -> Result<ExchangeRate> {
        if rate <= Decimal::ZERO {
            return Err(Error::invalid(
                "exchange rate",
                format!("{from}/{to} on {date} is {rate}; a rate must be greater than zero"),
            ));
        }
        if from == to {
            return Err(Error::invalid(
                "exchange rate",
                format!("{from}/{to} on {date}: a rate needs two different currencies"),
            ));
        }
        Ok(ExchangeRate {
            from,
            to,
            rate: rate.normalize(),
            date,
            kind,
            source: source.into(),
        })
    }

    /// The currency converted from.
    ///
    /// # Example
    /// ```
    /// # use landed_cost::{money::fx::*, Currency};
    /// # let r = ExchangeRate::new(Currency::EUR, Currency::USD, "1.08".parse()?, "2025-04-01".parse()?, RateKind::Daily, "")?;
    /// assert_eq!(r.from(), Currency::EUR);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn from(&self) -> Currency {
        self.from
    }

    /// The currency converted to.
    ///
    /// # Example
    /// ```
    /// # use landed_cost::{money::fx::*, Currency};
    /// # let r = ExchangeRate::new(Currency::EUR, Currency::USD, "1.08".parse()?, "2025-04-01".parse()?, RateKind::Daily, "")?;
    /// assert_eq!(r.to(), Currency::USD);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn to(&self) -> Currency {
        self.to
    }

    /// Units of `to` per one unit of `from` (always greater than zero).
    ///
    /// # Example
    /// ```
    /// # use landed_cost::{money::fx::*, Currency};
    /// # let r = ExchangeRate::new(Currency::EUR, Currency::USD, "1.08".parse()?, "2025-04-01".parse()?, RateKind::Daily, "")?;
    /// assert_eq!(r.rate().to_string(), "1.08");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn rate(&self) -> Decimal {
        self.rate
    }

    /// The date the rate is quoted for.
    ///
    /// # Example
    /// ```
    /// # use landed_cost::{money::fx::*, Currency};
    /// # let r = ExchangeRate::new(Currency::EUR, Currency::USD, "1.08".parse()?, "2025-04-01".parse()?, RateKind::Daily, "")?;
    /// assert_eq!(r.date().to_string(), "2025-04-01");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The kind of quotation.
    ///
    /// # Example
    /// ```
    /// # use landed_cost::{money::fx::*, Currency};
    /// # let r = ExchangeRate::new(Currency::EUR, Currency::USD, "1.08".parse()?, "2025-04-01".parse()?, RateKind::Daily, "")?;
    /// assert_eq!(r.kind(), RateKind::Daily);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn kind(&self) -> RateKind {
        self.kind
    }

    /// Where the rate comes from (publisher, series, or "inverse of ..." for derived rates).
    ///
    /// # Example
    /// ```
    /// # use landed_cost::{money::fx::*, Currency};
    /// # let r = ExchangeRate::new(Currency::EUR, Currency::USD, "1.08".parse()?, "2025-04-01".parse()?, RateKind::Daily, "ECB")?;
    /// assert_eq!(r.source(), "ECB");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The reverse quotation, `1 to = 1/rate from`, computed to 28 significant digits.
    ///
    /// # Errors
    /// [`Error::Overflow`] if the reciprocal leaves the decimal range.
    ///
    /// # Example
    /// ```
    /// # use landed_cost::{money::fx::*, Currency};
    /// let r = ExchangeRate::new(Currency::USD, Currency::CNY, "8".parse()?, "2025-04-01".parse()?, RateKind::Daily, "")?;
    /// assert_eq!(r.inverse()?.rate().to_string(), "0.125");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn inverse(&self) -> Result<ExchangeRate> {
        let rate = Decimal::ONE
            .checked_div(self.rate)
            .ok_or_else(|| Error::overflow("inverse exchange rate"))?;
        ExchangeRate::new(
            self.to,
            self.from,
            rate,
            self.date,
            self.kind,
            format!("inverse of {}", self.source),
        )
    }

    /// Converts an amount in `from` to `to`, exactly (no rounding).
    ///
    /// # Errors
    /// [`Error::CurrencyMismatch`] if `money` is not in `from`; [`Error::Overflow`].
    ///
    /// # Example
    /// ```
    /// # use landed_cost::{money::fx::*, Currency, Money};
    /// let r = ExchangeRate::new(Currency::USD, Currency::CNY, "7.2066".parse()?, "2025-04-09".parse()?, RateKind::Reference, "")?;
    /// assert_eq!(r.apply("100 USD".parse()?)?, "720.66 CNY".parse::<Money>()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply(&self, money: Money) -> Result<Money> {
        if money.currency() != self.from {
            return Err(Error::CurrencyMismatch {
                operation: "convert",
                left: money.currency(),
                right: self.from,
            });
        }
        let amount = money
            .amount()
            .checked_mul(self.rate)
            .ok_or_else(|| Error::overflow("currency conversion"))?;
        Ok(Money::new(amount, self.to))
    }
}

/// A rate as a person reads it: at most `digits` significant digits (rounded half away from
/// zero, trailing zeros dropped), and never fewer digits than its whole part has.
pub(crate) fn significant(rate: Decimal, digits: u32) -> Decimal {
    if rate.is_zero() {
        return rate;
    }
    let mantissa_digits = rate.mantissa().unsigned_abs().checked_ilog10().unwrap_or(0) + 1;
    // The power of ten of the leading digit is `mantissa_digits - 1 - scale`.
    let leading = i64::from(mantissa_digits) - 1 - i64::from(rate.scale());
    let places = (i64::from(digits) - 1 - leading).clamp(0, 28);
    let places = u32::try_from(places).unwrap_or(0);
    rate.round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

/// Displays the rate rounded to six significant digits (the exact rate is
/// [`ExchangeRate::rate`]).
impl fmt::Display for ExchangeRate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "1 {} = {} {} on {} ({}",
            self.from,
            significant(self.rate, 6),
            self.to,
            self.date,
            self.kind
        )?;
        if !self.source.is_empty() {
            write!(f, ", {}", self.source)?;
        }
        f.write_str(")")
    }
}

/// How to look a rate up: the date, the kind, how old a rate may be, and an optional pivot.
///
/// # Example
/// ```
/// use landed_cost::money::fx::{RateKind, RateQuery};
/// let q = RateQuery::on_or_before("2025-04-13".parse()?, 7).kind(RateKind::Daily);
/// assert_eq!(q.max_age_days(), 7);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateQuery {
    date: NaiveDate,
    kind: RateKind,
    max_age_days: u32,
    via: Option<Currency>,
}

/// How many days before the date asked a reference rate may be: a week covers weekends and
/// holidays, when no reference rate is published.
///
/// # Example
/// ```
/// assert_eq!(landed_cost::money::fx::REFERENCE_MAX_AGE_DAYS, 7);
/// ```
pub const REFERENCE_MAX_AGE_DAYS: u32 = 7;

impl RateQuery {
    /// A rate quoted exactly on `date` (kind [`RateKind::Daily`] unless changed).
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::RateQuery;
    /// assert_eq!(RateQuery::exact("2025-04-09".parse()?).max_age_days(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn exact(date: NaiveDate) -> RateQuery {
        RateQuery::on_or_before(date, 0)
    }

    /// The latest rate on or before `date`, at most `max_age_days` older than it.
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::RateQuery;
    /// let q = RateQuery::on_or_before("2025-04-13".parse()?, 3);
    /// assert_eq!(q.date().to_string(), "2025-04-13");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn on_or_before(date: NaiveDate, max_age_days: u32) -> RateQuery {
        RateQuery {
            date,
            kind: RateKind::Daily,
            max_age_days,
            via: None,
        }
    }

    /// The query for a reference rate (such as the embedded ECB rates): the latest on or before
    /// `date`, at most [`REFERENCE_MAX_AGE_DAYS`] older (weekends and holidays), crossing
    /// through the euro where no direct or inverse rate is held.
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::{RateKind, RateQuery, RateTable};
    /// use landed_cost::Currency;
    /// let q = RateQuery::reference("2025-04-12".parse()?); // a Saturday
    /// assert_eq!(q.rate_kind(), RateKind::Reference);
    /// let rate = RateTable::embedded_reference().find(Currency::USD, Currency::CNY, &q)?;
    /// assert_eq!(rate.date().to_string(), "2025-04-11"); // Friday's rate
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn reference(date: NaiveDate) -> RateQuery {
        RateQuery::on_or_before(date, REFERENCE_MAX_AGE_DAYS)
            .kind(RateKind::Reference)
            .via(Currency::EUR)
    }

    /// The same query for another kind of rate.
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::{RateKind, RateQuery};
    /// let q = RateQuery::exact("2025-04-01".parse()?).kind(RateKind::Quarterly);
    /// assert_eq!(q.rate_kind(), RateKind::Quarterly);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn kind(mut self, kind: RateKind) -> RateQuery {
        self.kind = kind;
        self
    }

    /// Allows a cross rate through `pivot` when no direct or inverse rate exists.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{money::fx::RateQuery, Currency};
    /// let q = RateQuery::exact("2025-04-01".parse()?).via(Currency::USD);
    /// assert_eq!(q.pivot(), Some(Currency::USD));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn via(mut self, pivot: Currency) -> RateQuery {
        self.via = Some(pivot);
        self
    }

    /// The date asked for.
    ///
    /// # Example
    /// ```
    /// # use landed_cost::money::fx::RateQuery;
    /// assert_eq!(RateQuery::exact("2025-01-02".parse()?).date().to_string(), "2025-01-02");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The kind of rate asked for.
    ///
    /// # Example
    /// ```
    /// # use landed_cost::money::fx::{RateKind, RateQuery};
    /// assert_eq!(RateQuery::exact("2025-01-02".parse()?).rate_kind(), RateKind::Daily);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn rate_kind(&self) -> RateKind {
        self.kind
    }

    /// How many days older than the date a rate may be (0: the exact date only).
    ///
    /// # Example
    /// ```
    /// # use landed_cost::money::fx::RateQuery;
    /// assert_eq!(RateQuery::on_or_before("2025-01-02".parse()?, 5).max_age_days(), 5);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn max_age_days(&self) -> u32 {
        self.max_age_days
    }

    /// The pivot currency for cross rates, if any.
    ///
    /// # Example
    /// ```
    /// # use landed_cost::money::fx::RateQuery;
    /// assert_eq!(RateQuery::exact("2025-01-02".parse()?).pivot(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn pivot(&self) -> Option<Currency> {
        self.via
    }
}

/// A dated table of exchange rates, indexed by currency pair and [`RateKind`].
///
/// # Example
/// ```
/// use landed_cost::money::fx::{RateQuery, RateTable};
/// use landed_cost::{Currency, Money, RoundingMode};
///
/// let csv = "date,from,to,rate,kind,source\n\
///            2025-04-09,USD,CNY,7.2066,reference,PBOC central parity\n";
/// let table = RateTable::from_csv_reader(csv.as_bytes())?;
/// let q = RateQuery::exact("2025-04-09".parse()?).kind(landed_cost::money::fx::RateKind::Reference);
/// let usd = table.convert("72066.00 CNY".parse()?, Currency::USD, &q, RoundingMode::HalfEven)?;
/// assert_eq!(usd, "10000.00 USD".parse::<Money>()?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RateTable {
    series: HashMap<(Currency, Currency, RateKind), Vec<ExchangeRate>>,
}

impl RateTable {
    /// An empty table.
    ///
    /// # Example
    /// ```
    /// assert!(landed_cost::money::fx::RateTable::new().is_empty());
    /// ```
    #[must_use]
    pub fn new() -> RateTable {
        RateTable::default()
    }

    /// Whether the table holds no rate.
    ///
    /// # Example
    /// ```
    /// assert_eq!(landed_cost::money::fx::RateTable::new().len(), 0);
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
    /// let mut t = RateTable::new();
    /// t.insert(ExchangeRate::new(Currency::EUR, Currency::USD, "1.08".parse()?, "2025-04-01".parse()?, RateKind::Daily, "")?)?;
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
    /// let mut t = RateTable::new();
    /// let d = "2025-04-01".parse()?;
    /// t.insert(ExchangeRate::new(Currency::EUR, Currency::USD, "1.08".parse()?, d, RateKind::Daily, "")?)?;
    /// assert!(t.insert(ExchangeRate::new(Currency::EUR, Currency::USD, "1.09".parse()?, d, RateKind::Daily, "")?).is_err());
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
    /// As [`RateTable::insert`], for the first conflicting rate.
    ///
    /// # Example
    /// ```
    /// # use landed_cost::{money::fx::*, Currency};
    /// let mut a = RateTable::new();
    /// let mut b = RateTable::new();
    /// b.insert(ExchangeRate::new(Currency::EUR, Currency::USD, "1.08".parse()?, "2025-04-01".parse()?, RateKind::Daily, "")?)?;
    /// a.extend(&b)?;
    /// assert_eq!(a.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn extend(&mut self, other: &RateTable) -> Result<()> {
        for rate in other.series.values().flatten() {
            self.insert(rate.clone())?;
        }
        Ok(())
    }

    #[cfg(feature = "embedded-data")]
    /// The embedded reference rates: the ECB's euro reference rates of 2025–2026 for the
    /// currencies exporters commonly invoice in (see `data/fx/SOURCE.md`), parsed on first use.
    /// Cross rates between two of them go through the euro (`RateQuery::via(Currency::EUR)`).
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::{RateKind, RateQuery, RateTable};
    /// use landed_cost::Currency;
    /// let table = RateTable::embedded_reference();
    /// let q = RateQuery::exact("2025-04-09".parse()?).kind(RateKind::Reference).via(Currency::EUR);
    /// let cny_usd = table.find(Currency::CNY, Currency::USD, &q)?;
    /// assert_eq!(cny_usd.rate().round_dp(6).to_string(), "0.136057"); // 1.1045 / 8.1179
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn embedded_reference() -> &'static RateTable {
        static TABLE: std::sync::OnceLock<RateTable> = std::sync::OnceLock::new();
        TABLE.get_or_init(|| {
            // Verified by the test suite; an empty table (every lookup a MissingExchangeRate)
            // would be the only effect of a corrupt file.
            RateTable::from_csv_reader(EMBEDDED_REFERENCE.as_bytes()).unwrap_or_default()
        })
    }

    #[cfg(feature = "embedded-data")]
    /// The embedded US Treasury Reporting Rates of Exchange (kind [`RateKind::Reporting`], US
    /// dollar to each currency): the quarterly reports from 2024-12-31 to 2026-03-31 and their
    /// amendments, for 143 currencies, the Vietnamese dong and the New Taiwan dollar among them
    /// (see `data/fx/SOURCE.md`), parsed on first use. A report's rates are for the date of the
    /// report and the three months after it; an amendment takes effect on its own date.
    ///
    /// [`TariffBook::quote`](crate::TariffBook::quote) uses them for currencies the ECB does not
    /// quote, with a warning naming the rate and its report.
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::{RateKind, RateQuery, RateTable};
    /// use landed_cost::Currency;
    /// let table = RateTable::embedded_treasury_reporting();
    /// let q = RateQuery::on_or_before("2025-09-10".parse()?, 92).kind(RateKind::Reporting);
    /// let vnd = table.find(Currency::USD, Currency::VND, &q)?;
    /// assert_eq!((vnd.rate().to_string(), vnd.date().to_string()), ("26118".into(), "2025-06-30".into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn embedded_treasury_reporting() -> &'static RateTable {
        static TABLE: std::sync::OnceLock<RateTable> = std::sync::OnceLock::new();
        TABLE.get_or_init(|| {
            // Verified by the test suite, as the reference rates are.
            RateTable::from_csv_reader(EMBEDDED_TREASURY.as_bytes()).unwrap_or_default()
        })
    }

    /// Whether the table holds any rate of `kind` to or from `currency`.
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::{RateKind, RateTable};
    /// use landed_cost::Currency;
    /// let ecb = RateTable::embedded_reference();
    /// assert!(ecb.quotes(Currency::CNY, RateKind::Reference));
    /// assert!(!ecb.quotes(Currency::VND, RateKind::Reference));
    /// ```
    #[must_use]
    pub fn quotes(&self, currency: Currency, kind: RateKind) -> bool {
        self.series
            .keys()
            .any(|(from, to, k)| *k == kind && (*from == currency || *to == currency))
    }

    /// Every rate, grouped by pair and kind, in date order.
    ///
    /// # Example
    /// ```
    /// # use landed_cost::money::fx::*;
    /// assert_eq!(RateTable::new().iter().count(), 0);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = &ExchangeRate> {
        self.series.values().flatten()
    }

    /// The latest stored rate of one orientation on or before the query's date, if any.
    fn stored(&self, from: Currency, to: Currency, query: &RateQuery) -> Option<&ExchangeRate> {
        let series = self.series.get(&(from, to, query.kind))?;
        let after = series.partition_point(|r| r.date <= query.date);
        after.checked_sub(1).and_then(|i| series.get(i))
    }

    /// The direct rate or the inverse of the reverse one, newest first, with staleness checked.
    fn direct(&self, from: Currency, to: Currency, query: &RateQuery) -> Result<ExchangeRate> {
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
    /// let t = RateTable::from_csv_reader(csv.as_bytes())?;
    /// let day = "2025-04-03".parse()?;
    /// assert_eq!(t.find(Currency::CNY, Currency::USD, &RateQuery::on_or_before(day, 5))?.rate().round_dp(4).to_string(), "0.1389");
    /// assert!(t.find(Currency::CNY, Currency::USD, &RateQuery::exact(day)).is_err()); // stale
    /// let cross = t.find(Currency::EUR, Currency::CNY, &RateQuery::on_or_before(day, 5).via(Currency::USD))?;
    /// assert_eq!(cross.rate(), "8".parse()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn find(&self, from: Currency, to: Currency, query: &RateQuery) -> Result<ExchangeRate> {
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
    /// As [`RateTable::find`], for either leg.
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::*;
    /// use landed_cost::Currency;
    /// let csv = "date,from,to,rate,kind,source\n2025-04-01,HKD,USD,0.128,daily,\n2025-04-01,USD,CNY,7.25,daily,\n";
    /// let t = RateTable::from_csv_reader(csv.as_bytes())?;
    /// let r = t.cross(Currency::HKD, Currency::CNY, Currency::USD, &RateQuery::exact("2025-04-01".parse()?))?;
    /// assert_eq!(r.rate(), "0.928".parse()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cross(
        &self,
        from: Currency,
        to: Currency,
        pivot: Currency,
        query: &RateQuery,
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

    /// Converts `money` to `to` with the rate [`find`](RateTable::find) returns, rounding once to
    /// the target currency's minor units with `mode`. Same currency in and out returns `money`.
    ///
    /// # Errors
    /// As [`RateTable::find`]; [`Error::Overflow`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::*;
    /// use landed_cost::{Currency, Money, RoundingMode};
    /// let t = RateTable::from_csv_reader("date,from,to,rate,kind,source\n2025-04-01,USD,JPY,149.5,daily,\n".as_bytes())?;
    /// let q = RateQuery::exact("2025-04-01".parse()?);
    /// assert_eq!(t.convert("10.01 USD".parse()?, Currency::JPY, &q, RoundingMode::HalfEven)?, "1496 JPY".parse::<Money>()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn convert(
        &self,
        money: Money,
        to: Currency,
        query: &RateQuery,
        mode: RoundingMode,
    ) -> Result<Money> {
        if money.currency() == to {
            return Ok(money);
        }
        let rate = self.find(money.currency(), to, query)?;
        Ok(rate.apply(money)?.round(mode))
    }

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
    /// let t = RateTable::from_csv_reader(csv.as_bytes())?;
    /// let decision = t.customs_rate(Currency::CNY, "2025-04-09".parse()?)?;
    /// assert_eq!(decision.chosen(), RateKind::Quarterly); // 2.08% < 5%
    /// assert_eq!(decision.rate().to(), Currency::USD);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn customs_rate(&self, currency: Currency, export_date: NaiveDate) -> Result<CustomsRate> {
        needs_conversion(currency)?;
        let quarter_start = quarter_start(export_date);
        let quarter_age = u32::try_from((export_date - quarter_start).num_days()).unwrap_or(0);
        let quarterly_query =
            RateQuery::on_or_before(export_date, quarter_age).kind(RateKind::Quarterly);
        let daily_query = RateQuery::on_or_before(export_date, 7).kind(RateKind::Daily);
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
    /// use landed_cost::money::fx::{RateKind, RateTable};
    /// use landed_cost::Currency;
    /// let table = RateTable::embedded_reference();
    /// // 9 April 2025: the yuan at its weakest of the year, 1.08% from the quarter's first rate.
    /// let decision = table.customs_rate_from_reference(Currency::CNY, "2025-04-09".parse()?)?;
    /// assert_eq!(decision.chosen(), RateKind::Quarterly);
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
        let reference = |query: RateQuery| {
            let query = query.kind(RateKind::Reference);
            self.find(Currency::USD, currency, &query)
                .or_else(|_| self.find(Currency::USD, currency, &query.via(Currency::EUR)))
        };
        // The quarter's first reference rate: the first day from the quarter's start, up to the
        // export date, with a rate.
        let quarterly = quarter_start(export_date)
            .iter_days()
            .take_while(|day| *day <= export_date)
            .find_map(|day| reference(RateQuery::exact(day)).ok())
            .ok_or(Error::MissingExchangeRate {
                from: currency,
                to: Currency::USD,
                date: export_date,
            });
        let daily = reference(RateQuery::on_or_before(export_date, REFERENCE_MAX_AGE_DAYS));
        decide(currency, export_date, quarterly, daily, Basis::Reference)
    }

    /// Reads rates from CSV with the header `date,from,to,rate,kind,source`.
    ///
    /// # Errors
    /// [`Error::Data`] naming the line, field and reason of the first malformed row (a bad date,
    /// an unknown currency, a rate that is not a positive plain decimal, a missing column), or a
    /// conflicting duplicate; [`Error::Io`] if the reader fails.
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::RateTable;
    /// let bad = "date,from,to,rate,kind,source\n2025-04-01,USD,CNY,-7,daily,\n";
    /// let err = RateTable::from_csv_reader(bad.as_bytes()).unwrap_err();
    /// assert!(err.to_string().contains("line 2"));
    /// ```
    pub fn from_csv_reader<R: Read>(reader: R) -> Result<RateTable> {
        Self::from_csv_named(reader, "exchange-rate CSV")
    }

    /// Reads rates from a CSV file (see [`RateTable::from_csv_reader`]).
    ///
    /// # Errors
    /// [`Error::Io`] if the file cannot be opened; otherwise as [`RateTable::from_csv_reader`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::RateTable;
    /// assert!(RateTable::from_csv_path("no/such/rates.csv").is_err());
    /// ```
    pub fn from_csv_path(path: impl AsRef<Path>) -> Result<RateTable> {
        let path = path.as_ref();
        let file = crate::error::open_file(path)?;
        Self::from_csv_named(file, &path.display().to_string())
    }

    fn from_csv_named<R: Read>(reader: R, name: &str) -> Result<RateTable> {
        let mut csv = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .flexible(true)
            .from_reader(reader);
        let headers = csv.headers().map_err(|e| Error::Io {
            what: name.to_owned(),
            reason: e.to_string(),
        })?;
        let column = |wanted: &str| -> Result<usize> {
            headers
                .iter()
                .position(|h| h == wanted)
                .ok_or_else(|| Error::Data {
                    source_name: name.to_owned(),
                    line: 1,
                    field: wanted.to_owned(),
                    reason: "missing column; the header must be date,from,to,rate,kind,source"
                        .to_owned(),
                })
        };
        let columns = [
            column("date")?,
            column("from")?,
            column("to")?,
            column("rate")?,
            column("kind")?,
        ];
        let source_column = headers.iter().position(|h| h == "source");
        let mut table = RateTable::new();
        for record in csv.records() {
            let record = record.map_err(|e| crate::error::csv_error(name, &e))?;
            let line = record.position().map_or(0, csv::Position::line);
            let fail = |field: &str, reason: String| Error::Data {
                source_name: name.to_owned(),
                line,
                field: field.to_owned(),
                reason,
            };
            let [date, from, to, rate, kind] = columns.map(|i| record.get(i).unwrap_or(""));
            let date: NaiveDate = date
                .parse()
                .map_err(|e| fail("date", format!("{date:?} is not a date YYYY-MM-DD ({e})")))?;
            let from: Currency = from
                .parse()
                .map_err(|e: Error| fail("from", e.to_string()))?;
            let to: Currency = to.parse().map_err(|e: Error| fail("to", e.to_string()))?;
            let rate = crate::money::parse_plain_decimal(rate).map_err(|e| fail("rate", e))?;
            let kind: RateKind = serde_json::from_value(serde_json::Value::String(kind.to_owned()))
                .map_err(|_| {
                    fail(
                        "kind",
                        format!("{kind:?} is not one of daily, quarterly, reference, reporting"),
                    )
                })?;
            let source = source_column.and_then(|i| record.get(i)).unwrap_or("");
            let rate = ExchangeRate::new(from, to, rate, date, kind, source)
                .map_err(|e| fail("rate", e.to_string()))?;
            table
                .insert(rate)
                .map_err(|e| fail("rate", e.to_string()))?;
        }
        Ok(table)
    }

    /// Reads rates from a JSON array of `{"date","from","to","rate","kind","source"}` objects.
    ///
    /// # Errors
    /// [`Error::Data`] with the JSON line and the reason for malformed input or a conflicting
    /// duplicate.
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::RateTable;
    /// let json = r#"[{"date":"2025-04-09","from":"USD","to":"CNY","rate":"7.2066","kind":"reference","source":"PBOC"}]"#;
    /// assert_eq!(RateTable::from_json_reader(json.as_bytes())?.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json_reader<R: Read>(reader: R) -> Result<RateTable> {
        Self::from_json_named(reader, "exchange-rate JSON")
    }

    /// Reads rates from a JSON file (see [`RateTable::from_json_reader`]).
    ///
    /// # Errors
    /// [`Error::Io`] if the file cannot be opened; otherwise as [`RateTable::from_json_reader`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::RateTable;
    /// assert!(RateTable::from_json_path("no/such/rates.json").is_err());
    /// ```
    pub fn from_json_path(path: impl AsRef<Path>) -> Result<RateTable> {
        let path = path.as_ref();
        let file = crate::error::open_file(path)?;
        Self::from_json_named(std::io::BufReader::new(file), &path.display().to_string())
    }

    fn from_json_named<R: Read>(reader: R, name: &str) -> Result<RateTable> {
        let rates: Vec<ExchangeRate> =
            serde_json::from_reader(reader).map_err(|e| Error::Data {
                source_name: name.to_owned(),
                line: u64::try_from(e.line()).unwrap_or(0),
                field: String::new(),
                reason: e.to_string(),
            })?;
        let mut table = RateTable::new();
        for rate in rates {
            table.insert(rate).map_err(|e| Error::Data {
                source_name: name.to_owned(),
                line: 0,
                field: "rate".to_owned(),
                reason: e.to_string(),
            })?;
        }
        Ok(table)
    }
}

/// The first day of the calendar quarter containing `date`.
fn quarter_start(date: NaiveDate) -> NaiveDate {
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
                (d, RateKind::Daily, Some(variance))
            } else {
                (q, RateKind::Quarterly, Some(variance))
            }
        }
        (Ok(q), Err(_)) => (q, RateKind::Quarterly, None),
        (Err(_), Ok(d)) => (d, RateKind::Daily, None),
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
        (RateKind::Quarterly, Some(v)) => format!(
            "{quarterly_name}: the daily rate differs from it by {}, less than 5% (19 CFR 159.34)",
            percent(v)
        ),
        (_, Some(v)) => format!(
            "{daily_name}: it differs from the quarterly rate by {}, 5% or more (19 CFR 159.34)",
            percent(v)
        ),
        (RateKind::Quarterly, None) => format!(
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
/// let t = RateTable::from_csv_reader(csv.as_bytes())?;
/// let d = t.customs_rate(Currency::CNY, "2025-04-09".parse()?)?;
/// assert_eq!(d.chosen(), RateKind::Daily); // exactly 5% variance: the daily rate
/// assert_eq!(d.variance().map(|v| v.to_string()), Some("5%".to_string()));
/// assert!(d.reason().contains("159.34"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CustomsRate {
    rate: ExchangeRate,
    chosen: RateKind,
    variance: Option<Rate>,
    reason: String,
}

impl CustomsRate {
    /// The chosen rate, oriented foreign currency → USD.
    ///
    /// # Example
    /// See [`CustomsRate`].
    #[must_use]
    pub fn rate(&self) -> &ExchangeRate {
        &self.rate
    }

    /// Which rate was chosen: [`RateKind::Quarterly`] or [`RateKind::Daily`].
    ///
    /// # Example
    /// See [`CustomsRate`].
    #[must_use]
    pub fn chosen(&self) -> RateKind {
        self.chosen
    }

    /// |daily − quarterly| / quarterly, when both rates were available.
    ///
    /// # Example
    /// See [`CustomsRate`].
    #[must_use]
    pub fn variance(&self) -> Option<Rate> {
        self.variance
    }

    /// A one-line explanation citing the rule.
    ///
    /// # Example
    /// See [`CustomsRate`].
    #[must_use]
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn table(rows: &str) -> RateTable {
        RateTable::from_csv_reader(format!("date,from,to,rate,kind,source\n{rows}").as_bytes())
            .unwrap()
    }

    #[test]
    fn the_customs_rule_on_reference_rates_takes_the_daily_rate_from_five_percent() {
        let t = table(
            "2025-04-01,USD,CNY,7.0000,reference,r\n\
             2025-04-08,USD,CNY,7.3500,reference,r\n\
             2025-04-09,USD,CNY,7.3499,reference,r\n",
        );
        // 7.35 is 5.00% from 7.00: the daily rate.
        let at_five = t
            .customs_rate_from_reference(Currency::CNY, date("2025-04-08"))
            .unwrap();
        assert_eq!(at_five.chosen(), RateKind::Daily);
        assert_eq!(at_five.rate().date(), date("2025-04-08"));
        assert!(
            at_five.reason().contains("5% or more"),
            "{}",
            at_five.reason()
        );
        // 7.3499 is 4.9986% from it: the quarterly rate, the quarter's first.
        let below = t
            .customs_rate_from_reference(Currency::CNY, date("2025-04-09"))
            .unwrap();
        assert_eq!(below.chosen(), RateKind::Quarterly);
        assert_eq!(below.rate().date(), date("2025-04-01"));
        assert!(below
            .reason()
            .contains("the quarter's first reference rate (2025-04-01"));
        // A Sunday: the daily rate is the latest in the week before.
        let sunday = t
            .customs_rate_from_reference(Currency::CNY, date("2025-04-13"))
            .unwrap();
        assert_eq!(sunday.chosen(), RateKind::Quarterly);
        assert_eq!(
            sunday.variance().map(|v| v.to_string()),
            Some("4.99857142857142857142857143%".into())
        );
    }

    #[test]
    fn the_quarters_first_reference_rate_is_the_first_published_in_it() {
        let t = table(
            "2024-12-31,USD,CNY,7.2993,reference,r\n\
             2025-01-02,USD,CNY,7.3000,reference,r\n\
             2025-02-10,USD,CNY,7.2900,reference,r\n",
        );
        let d = t
            .customs_rate_from_reference(Currency::CNY, date("2025-02-10"))
            .unwrap();
        assert_eq!(d.rate().date(), date("2025-01-02"));
        // On 1 January no rate of the quarter is published yet: the latest daily rate, said so.
        let new_year = t
            .customs_rate_from_reference(Currency::CNY, date("2025-01-01"))
            .unwrap();
        assert_eq!(new_year.chosen(), RateKind::Daily);
        assert_eq!(new_year.rate().date(), date("2024-12-31"));
        assert!(new_year.reason().contains("no quarterly rate"));
        // Nothing within reach: a typed error naming the pair and date.
        let early = t
            .customs_rate_from_reference(Currency::CNY, date("2024-06-01"))
            .unwrap_err();
        assert!(matches!(
            early,
            Error::MissingExchangeRate {
                from: Currency::CNY,
                ..
            }
        ));
        assert!(t
            .customs_rate_from_reference(Currency::USD, date("2025-02-10"))
            .is_err());
    }

    #[test]
    fn the_embedded_reference_rates_go_through_the_euro() {
        let t = RateTable::embedded_reference();
        // Q1 2025 opens on 2 January (1 January is a TARGET holiday).
        let d = t
            .customs_rate_from_reference(Currency::HKD, date("2025-02-10"))
            .unwrap();
        assert_eq!(d.rate().date(), date("2025-01-02"));
        assert_eq!(d.chosen(), RateKind::Quarterly);
        assert!(d.reason().contains("ECB"), "{}", d.reason());
    }

    #[test]
    fn missing_and_stale_name_pair_and_date() {
        let t = table("2025-04-01,USD,CNY,7.2,daily,x\n");
        let err = t
            .find(
                Currency::USD,
                Currency::EUR,
                &RateQuery::exact(date("2025-04-01")),
            )
            .unwrap_err();
        assert_eq!(
            err,
            Error::MissingExchangeRate {
                from: Currency::USD,
                to: Currency::EUR,
                date: date("2025-04-01")
            }
        );
        assert!(err.to_string().contains("USD/EUR") && err.to_string().contains("2025-04-01"));
        let err = t
            .find(
                Currency::USD,
                Currency::CNY,
                &RateQuery::on_or_before(date("2025-04-10"), 3),
            )
            .unwrap_err();
        assert!(
            matches!(err, Error::StaleExchangeRate { age_days: 9, .. }),
            "{err}"
        );
        let early = t.find(
            Currency::USD,
            Currency::CNY,
            &RateQuery::on_or_before(date("2025-03-31"), 30),
        );
        assert!(matches!(early, Err(Error::MissingExchangeRate { .. })));
    }

    #[test]
    fn latest_on_or_before_and_inverse() {
        let t = table("2025-04-01,USD,CNY,7.2,daily,x\n2025-04-03,USD,CNY,7.3,daily,x\n");
        let r = t
            .find(
                Currency::USD,
                Currency::CNY,
                &RateQuery::on_or_before(date("2025-04-05"), 5),
            )
            .unwrap();
        assert_eq!(r.rate(), "7.3".parse().unwrap());
        let inv = t
            .find(
                Currency::CNY,
                Currency::USD,
                &RateQuery::exact(date("2025-04-01")),
            )
            .unwrap();
        assert_eq!(inv.date(), date("2025-04-01"));
        assert!(inv.source().starts_with("inverse of"));
    }

    #[test]
    fn kinds_are_separate_series() {
        let t = table("2025-04-01,USD,CNY,7.2,quarterly,x\n");
        assert!(t
            .find(
                Currency::USD,
                Currency::CNY,
                &RateQuery::exact(date("2025-04-01"))
            )
            .is_err());
    }

    #[test]
    fn malformed_csv_rows() {
        for (row, field) in [
            ("2025-13-01,USD,CNY,7.2,daily,x", "date"),
            ("2025-04-01,USD,ZZZ,7.2,daily,x", "to"),
            ("2025-04-01,USD,CNY,abc,daily,x", "rate"),
            ("2025-04-01,USD,CNY,0,daily,x", "rate"),
            ("2025-04-01,USD,CNY,7.2,hourly,x", "kind"),
        ] {
            let csv =
                format!("date,from,to,rate,kind,source\n2025-04-01,USD,EUR,0.9,daily,\n{row}\n");
            let err = RateTable::from_csv_reader(csv.as_bytes()).unwrap_err();
            match err {
                Error::Data { line, field: f, .. } => {
                    assert_eq!(line, 3, "{row}");
                    assert_eq!(f, field, "{row}");
                }
                other => panic!("{row}: {other:?}"),
            }
        }
        let missing = "date,from,to,rate\n2025-04-01,USD,CNY,7.2\n";
        assert!(RateTable::from_csv_reader(missing.as_bytes()).is_err());
    }

    #[test]
    fn customs_rule_threshold_both_directions() {
        // Quarterly 7.00 CNY per USD; daily 7.35 (+5.00%), 7.3493 (+4.99%), 6.65 (−5%), 6.6507.
        for (daily, expected) in [
            ("7.35", RateKind::Daily),
            ("7.3493", RateKind::Quarterly),
            ("6.65", RateKind::Daily),
            ("6.6507", RateKind::Quarterly),
        ] {
            let t = table(&format!(
                "2025-04-01,USD,CNY,7.00,quarterly,q\n2025-04-09,USD,CNY,{daily},daily,d\n"
            ));
            let d = t.customs_rate(Currency::CNY, date("2025-04-09")).unwrap();
            assert_eq!(d.chosen(), expected, "daily {daily}");
            assert_eq!(d.rate().from(), Currency::CNY);
        }
        // Stored the other way round (USD per CNY): the same decisions.
        let t = table("2025-04-01,CNY,USD,0.125,quarterly,q\n2025-04-09,CNY,USD,0.1,daily,d\n");
        let d = t.customs_rate(Currency::CNY, date("2025-04-09")).unwrap();
        assert_eq!(d.chosen(), RateKind::Daily);
    }

    #[test]
    fn customs_rule_uses_the_quarter_of_exportation() {
        let t = table("2025-01-02,USD,CNY,7.30,quarterly,q\n2025-04-09,USD,CNY,7.35,daily,d\n");
        // No quarterly rate for Q2: the daily rate, said so.
        let d = t.customs_rate(Currency::CNY, date("2025-04-09")).unwrap();
        assert_eq!(d.chosen(), RateKind::Daily);
        assert!(d.reason().contains("no quarterly rate"));
        assert!(t.customs_rate(Currency::CNY, date("2024-12-31")).is_err());
        assert!(t.customs_rate(Currency::USD, date("2025-04-09")).is_err());
    }

    #[test]
    fn rates_display_with_six_significant_digits() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(
            significant(d("0.0000379895908521065228127493"), 6).to_string(),
            "0.0000379896"
        );
        assert_eq!(significant(d("7.20660"), 6).to_string(), "7.2066");
        assert_eq!(significant(d("26323"), 6).to_string(), "26323");
        assert_eq!(significant(d("1068906.5"), 6).to_string(), "1068907");
        assert_eq!(significant(d("0.13605735"), 6).to_string(), "0.136057");
        assert_eq!(significant(d("0"), 6).to_string(), "0");
        let r = ExchangeRate::new(
            Currency::VND,
            Currency::USD,
            d("0.0000379895908521065228127493"),
            date("2026-03-31"),
            RateKind::Reporting,
            "US Treasury",
        )
        .unwrap();
        assert_eq!(
            r.to_string(),
            "1 VND = 0.0000379896 USD on 2026-03-31 (reporting, US Treasury)"
        );
    }

    #[test]
    fn quarter_starts() {
        assert_eq!(quarter_start(date("2025-04-09")), date("2025-04-01"));
        assert_eq!(quarter_start(date("2025-12-31")), date("2025-10-01"));
        assert_eq!(quarter_start(date("2025-01-01")), date("2025-01-01"));
    }

    #[test]
    fn embedded_reference_rates_load() {
        let parsed = RateTable::from_csv_reader(EMBEDDED_REFERENCE.as_bytes()).unwrap();
        assert!(parsed.len() > 7000);
        assert_eq!(RateTable::embedded_reference().len(), parsed.len());
        let q = RateQuery::exact(date("2025-04-09")).kind(RateKind::Reference);
        let eur_usd = parsed.find(Currency::EUR, Currency::USD, &q).unwrap();
        assert_eq!(eur_usd.rate(), "1.1045".parse().unwrap());
    }

    #[test]
    fn json_round_trip() {
        let t = table("2025-04-01,USD,CNY,7.2,daily,x\n");
        let rates: Vec<&ExchangeRate> = t.iter().collect();
        let json = serde_json::to_string(&rates).unwrap();
        let back = RateTable::from_json_reader(json.as_bytes()).unwrap();
        assert_eq!(back, t);
        assert!(RateTable::from_json_reader(&b"[{\"date\":\"2025-04-01\"}]"[..]).is_err());
    }
}
