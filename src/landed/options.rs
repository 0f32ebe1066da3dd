//! [`QuoteOptions`]: how a quote treats the edge of its data.

use crate::money::fx::ExchangeRateTable;

/// How many days past the period it covers a reference or reporting rate may still be used,
/// with a `stale_exchange_rate` warning, unless the caller says otherwise: one quarter (92 days).
///
/// Why a quarter: the customs rule itself holds one rate for a whole quarter (19 CFR 159.34 uses
/// the quarter's first certified rate for every export date in it, and Treasury's reporting
/// rates are for the three months after their report), so a rate up to one quarter past its
/// period is at most one such period behind. Past that the quote is an error that says so.
///
/// # Example
/// ```
/// assert_eq!(landed_cost::landed::DEFAULT_RATE_STALENESS_DAYS, 92);
/// ```
pub const DEFAULT_RATE_STALENESS_DAYS: u32 = 92;

/// How a quote treats the edge of its data: strictness, how stale an exchange rate may be, and
/// (optionally) the exchange rates to use. A value built by chained calls; the defaults are
/// those of [`TariffBook::quote`](crate::TariffBook::quote).
///
/// * **Not strict** (the default): an entry after the last fiscal year of the fee data is
///   quoted with the latest year's figures and a `fee_year_assumed` warning; a date after the
///   date the rules are known through ([`TariffBook::known_through`](crate::TariffBook::known_through))
///   is answered from the rules as known, with a `rules_known_through` warning.
/// * **Strict**: both are errors ([`Error::MissingFeeYear`](crate::Error::MissingFeeYear),
///   [`Error::BeyondDataHorizon`](crate::Error::BeyondDataHorizon)).
/// * **Rate staleness** ([`QuoteOptions::rate_staleness_days`], default
///   [`DEFAULT_RATE_STALENESS_DAYS`]): how many days past the period it covers a reference or
///   reporting rate may be used, with a `stale_exchange_rate` warning; beyond it the quote is an
///   [`Error::StaleExchangeRate`](crate::Error::StaleExchangeRate). A reference rate (the
///   ECB's) covers its day and the week after it (weekends, holidays); a Treasury reporting
///   rate covers the quarter after its report.
/// * **Rates** ([`QuoteOptions::rates`]): the exchange rates to convert with; by default the
///   embedded ECB reference rates, and for currencies the ECB does not quote the embedded US
///   Treasury reporting rates.
///
/// # Example
/// ```
/// use landed_cost::{landed::QuoteOptions, Error, Shipment, TariffBook};
/// let shipment: Shipment = serde_json::from_str(r#"{"importer":"US","origin":"CN","mode":"ocean",
///   "export_date":"2026-11-10","entry_date":"2026-11-30","currency":"USD",
///   "lines":[{"hts":"6402.99.90","value":"9000.00"}]}"#)?;
/// let book = TariffBook::embedded();
/// let quote = book.quote_with(&shipment, &QuoteOptions::new())?;
/// assert!(quote.warnings.iter().any(|w| w.code().as_str() == "rules_known_through"));
/// let strict = book.quote_with(&shipment, &QuoteOptions::new().strict(true));
/// assert!(matches!(strict, Err(Error::BeyondDataHorizon { .. })));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QuoteOptions<'a> {
    strict: bool,
    rate_staleness_days: u32,
    rates: Option<&'a ExchangeRateTable>,
}

impl Default for QuoteOptions<'_> {
    fn default() -> Self {
        QuoteOptions::new()
    }
}

impl<'a> QuoteOptions<'a> {
    /// The defaults: not strict, rates up to [`DEFAULT_RATE_STALENESS_DAYS`] past their period,
    /// the embedded rates.
    ///
    /// # Example
    /// ```
    /// use landed_cost::landed::QuoteOptions;
    /// let o = QuoteOptions::new();
    /// assert!(!o.is_strict());
    /// assert_eq!(o.staleness_limit_days(), 92);
    /// assert!(o.rate_table().is_none());
    /// ```
    #[must_use]
    pub const fn new() -> QuoteOptions<'static> {
        QuoteOptions {
            strict: false,
            rate_staleness_days: DEFAULT_RATE_STALENESS_DAYS,
            rates: None,
        }
    }

    /// Strict (`true`) refuses what the default answers with a warning: an entry after the fee
    /// data's last fiscal year, a date after the rules are known through.
    ///
    /// # Example
    /// ```
    /// use landed_cost::landed::QuoteOptions;
    /// assert!(QuoteOptions::new().strict(true).is_strict());
    /// ```
    #[must_use]
    pub const fn strict(mut self, strict: bool) -> QuoteOptions<'a> {
        self.strict = strict;
        self
    }

    /// How many days past the period it covers an exchange rate may be used, with a warning
    /// (0: never a stale rate).
    ///
    /// # Example
    /// ```
    /// use landed_cost::landed::QuoteOptions;
    /// assert_eq!(QuoteOptions::new().rate_staleness_days(365).staleness_limit_days(), 365);
    /// ```
    #[must_use]
    pub const fn rate_staleness_days(mut self, days: u32) -> QuoteOptions<'a> {
        self.rate_staleness_days = days;
        self
    }

    /// Converts with `rates` (for example CBP's certified rates) instead of the embedded ones.
    /// The US customs rule (19 CFR 159.34) is applied to its certified rates, or failing those
    /// to its reference rates; the embedded Treasury rates are not consulted.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::QuoteOptions, money::fx::ExchangeRateTable};
    /// let table = ExchangeRateTable::new();
    /// assert!(QuoteOptions::new().rates(&table).rate_table().is_some());
    /// ```
    #[must_use]
    pub const fn rates<'b>(self, rates: &'b ExchangeRateTable) -> QuoteOptions<'b> {
        QuoteOptions {
            strict: self.strict,
            rate_staleness_days: self.rate_staleness_days,
            rates: Some(rates),
        }
    }

    /// Whether the options are strict.
    ///
    /// # Example
    /// ```
    /// use landed_cost::landed::QuoteOptions;
    /// assert!(!QuoteOptions::new().is_strict());
    /// assert!(QuoteOptions::new().strict(true).is_strict());
    /// ```
    #[must_use]
    pub const fn is_strict(&self) -> bool {
        self.strict
    }

    /// The rate staleness limit, in days past a rate's period.
    ///
    /// # Example
    /// ```
    /// use landed_cost::landed::{QuoteOptions, DEFAULT_RATE_STALENESS_DAYS};
    /// assert_eq!(QuoteOptions::new().staleness_limit_days(), DEFAULT_RATE_STALENESS_DAYS);
    /// assert_eq!(QuoteOptions::new().rate_staleness_days(0).staleness_limit_days(), 0);
    /// ```
    #[must_use]
    pub const fn staleness_limit_days(&self) -> u32 {
        self.rate_staleness_days
    }

    /// The rate table given, if any.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::QuoteOptions, money::fx::ExchangeRateTable};
    /// assert!(QuoteOptions::new().rate_table().is_none()); // the embedded rates
    /// let table = ExchangeRateTable::new();
    /// assert!(std::ptr::eq(QuoteOptions::new().rates(&table).rate_table().ok_or("none")?, &table));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn rate_table(&self) -> Option<&'a ExchangeRateTable> {
        self.rates
    }
}
