//! How to look a rate up: [`ExchangeRateQuery`].

use chrono::NaiveDate;

use super::ExchangeRateKind;
use crate::money::Currency;

/// How to look a rate up: the date, the kind, how old a rate may be, and an optional pivot.
///
/// # Example
/// ```
/// use landed_cost::money::fx::{ExchangeRateKind, ExchangeRateQuery};
/// let q = ExchangeRateQuery::on_or_before("2025-04-13".parse()?, 7).kind(ExchangeRateKind::Daily);
/// assert_eq!(q.max_age_days(), 7);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExchangeRateQuery {
    pub(super) date: NaiveDate,
    pub(super) kind: ExchangeRateKind,
    pub(super) max_age_days: u32,
    pub(super) via: Option<Currency>,
}

/// How many days before the date asked a reference rate may be: a week covers weekends and
/// holidays, when no reference rate is published.
///
/// # Example
/// ```
/// assert_eq!(landed_cost::money::fx::REFERENCE_MAX_AGE_DAYS, 7);
/// ```
pub const REFERENCE_MAX_AGE_DAYS: u32 = 7;

impl ExchangeRateQuery {
    /// A rate quoted exactly on `date` (kind [`ExchangeRateKind::Daily`] unless changed).
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::ExchangeRateQuery;
    /// assert_eq!(ExchangeRateQuery::exact("2025-04-09".parse()?).max_age_days(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn exact(date: NaiveDate) -> ExchangeRateQuery {
        ExchangeRateQuery::on_or_before(date, 0)
    }

    /// The latest rate on or before `date`, at most `max_age_days` older than it.
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::ExchangeRateQuery;
    /// let q = ExchangeRateQuery::on_or_before("2025-04-13".parse()?, 3);
    /// assert_eq!(q.date().to_string(), "2025-04-13");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn on_or_before(date: NaiveDate, max_age_days: u32) -> ExchangeRateQuery {
        ExchangeRateQuery {
            date,
            kind: ExchangeRateKind::Daily,
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
    /// use landed_cost::money::fx::{ExchangeRateKind, ExchangeRateQuery, ExchangeRateTable};
    /// use landed_cost::Currency;
    /// let q = ExchangeRateQuery::reference("2025-04-12".parse()?); // a Saturday
    /// assert_eq!(q.rate_kind(), ExchangeRateKind::Reference);
    /// let rate = ExchangeRateTable::embedded_reference().find(Currency::USD, Currency::CNY, &q)?;
    /// assert_eq!(rate.date().to_string(), "2025-04-11"); // Friday's rate
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn reference(date: NaiveDate) -> ExchangeRateQuery {
        ExchangeRateQuery::on_or_before(date, REFERENCE_MAX_AGE_DAYS)
            .kind(ExchangeRateKind::Reference)
            .via(Currency::EUR)
    }

    /// The same query for another kind of rate.
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::{ExchangeRateKind, ExchangeRateQuery};
    /// let q = ExchangeRateQuery::exact("2025-04-01".parse()?).kind(ExchangeRateKind::Quarterly);
    /// assert_eq!(q.rate_kind(), ExchangeRateKind::Quarterly);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn kind(mut self, kind: ExchangeRateKind) -> ExchangeRateQuery {
        self.kind = kind;
        self
    }

    /// Allows a cross rate through `pivot` when no direct or inverse rate exists.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{money::fx::ExchangeRateQuery, Currency};
    /// let q = ExchangeRateQuery::exact("2025-04-01".parse()?).via(Currency::USD);
    /// assert_eq!(q.pivot(), Some(Currency::USD));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn via(mut self, pivot: Currency) -> ExchangeRateQuery {
        self.via = Some(pivot);
        self
    }

    /// The date asked for.
    ///
    /// # Example
    /// ```
    /// # use landed_cost::money::fx::ExchangeRateQuery;
    /// assert_eq!(ExchangeRateQuery::exact("2025-01-02".parse()?).date().to_string(), "2025-01-02");
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
    /// # use landed_cost::money::fx::{ExchangeRateKind, ExchangeRateQuery};
    /// assert_eq!(ExchangeRateQuery::exact("2025-01-02".parse()?).rate_kind(), ExchangeRateKind::Daily);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn rate_kind(&self) -> ExchangeRateKind {
        self.kind
    }

    /// How many days older than the date a rate may be (0: the exact date only).
    ///
    /// # Example
    /// ```
    /// # use landed_cost::money::fx::ExchangeRateQuery;
    /// assert_eq!(ExchangeRateQuery::on_or_before("2025-01-02".parse()?, 5).max_age_days(), 5);
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
    /// # use landed_cost::money::fx::ExchangeRateQuery;
    /// assert_eq!(ExchangeRateQuery::exact("2025-01-02".parse()?).pivot(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn pivot(&self) -> Option<Currency> {
        self.via
    }
}
