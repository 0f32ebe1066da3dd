//! One dated quotation ([`ExchangeRate`]) and its kind ([`ExchangeRateKind`]).

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::money::{Currency, Money};

/// What kind of rate a quotation is; a table keeps one series per pair and kind.
///
/// # Example
/// ```
/// use landed_cost::money::fx::ExchangeRateKind;
/// let kind: ExchangeRateKind = serde_json::from_str("\"quarterly\"")?;
/// assert_eq!(kind, ExchangeRateKind::Quarterly);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ExchangeRateKind {
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

impl fmt::Display for ExchangeRateKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            ExchangeRateKind::Daily => "daily",
            ExchangeRateKind::Quarterly => "quarterly",
            ExchangeRateKind::Reference => "reference",
            ExchangeRateKind::Reporting => "reporting",
        })
    }
}

/// One dated quotation: 1 `from` = `rate` `to`.
///
/// # Example
/// ```
/// use landed_cost::money::fx::{ExchangeRate, ExchangeRateKind};
/// use landed_cost::Currency;
/// use chrono::NaiveDate;
/// use rust_decimal::Decimal;
///
/// let usd_cny = ExchangeRate::new(
///     Currency::USD, Currency::CNY, Decimal::new(72066, 4),
///     NaiveDate::from_ymd_opt(2025, 4, 9).unwrap(), ExchangeRateKind::Reference,
///     "PBOC central parity",
/// )?;
/// assert_eq!(usd_cny.to_string(), "1 USD = 7.2066 CNY on 2025-04-09 (reference, PBOC central parity)");
/// assert_eq!(usd_cny.inverse()?.from(), Currency::CNY);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawRate", into = "RawRate")]
pub struct ExchangeRate {
    pub(super) from: Currency,
    pub(super) to: Currency,
    pub(super) rate: Decimal,
    pub(super) date: NaiveDate,
    pub(super) kind: ExchangeRateKind,
    pub(super) source: String,
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
    kind: ExchangeRateKind,
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
    /// use landed_cost::money::fx::{ExchangeRate, ExchangeRateKind};
    /// use landed_cost::Currency;
    /// use chrono::NaiveDate;
    /// use rust_decimal::Decimal;
    /// let d = NaiveDate::from_ymd_opt(2025, 4, 9).unwrap();
    /// assert!(ExchangeRate::new(Currency::USD, Currency::CNY, Decimal::ZERO, d, ExchangeRateKind::Daily, "x").is_err());
    /// ```
    pub fn new(
        from: Currency,
        to: Currency,
        rate: Decimal,
        date: NaiveDate,
        kind: ExchangeRateKind,
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
    /// # let r = ExchangeRate::new(Currency::EUR, Currency::USD, "1.08".parse()?, "2025-04-01".parse()?, ExchangeRateKind::Daily, "")?;
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
    /// # let r = ExchangeRate::new(Currency::EUR, Currency::USD, "1.08".parse()?, "2025-04-01".parse()?, ExchangeRateKind::Daily, "")?;
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
    /// # let r = ExchangeRate::new(Currency::EUR, Currency::USD, "1.08".parse()?, "2025-04-01".parse()?, ExchangeRateKind::Daily, "")?;
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
    /// # let r = ExchangeRate::new(Currency::EUR, Currency::USD, "1.08".parse()?, "2025-04-01".parse()?, ExchangeRateKind::Daily, "")?;
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
    /// # let r = ExchangeRate::new(Currency::EUR, Currency::USD, "1.08".parse()?, "2025-04-01".parse()?, ExchangeRateKind::Daily, "")?;
    /// assert_eq!(r.kind(), ExchangeRateKind::Daily);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn kind(&self) -> ExchangeRateKind {
        self.kind
    }

    /// Where the rate comes from (publisher, series, or "inverse of ..." for derived rates).
    ///
    /// # Example
    /// ```
    /// # use landed_cost::{money::fx::*, Currency};
    /// # let r = ExchangeRate::new(Currency::EUR, Currency::USD, "1.08".parse()?, "2025-04-01".parse()?, ExchangeRateKind::Daily, "ECB")?;
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
    /// let r = ExchangeRate::new(Currency::USD, Currency::CNY, "8".parse()?, "2025-04-01".parse()?, ExchangeRateKind::Daily, "")?;
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
    /// let r = ExchangeRate::new(Currency::USD, Currency::CNY, "7.2066".parse()?, "2025-04-09".parse()?, ExchangeRateKind::Reference, "")?;
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
