//! Quoting: [`TariffBook::quote`] and its variants, for every importer.
//!
//! A shipment is checked, then goes through one pipeline whatever its importer (the stages are
//! in `src/landed/pipeline.rs`): valuation → duties → fees → taxes → one assembled
//! [`LandedCost`]. The US and each other market are rule sets the pipeline is given: the US
//! rules in `src/landed/us/` (de minimis, the postal regimes, the measure engine's duties, MPF
//! and HMF), the other markets' in `src/landed/market/quote.rs` (reliefs, cross-border retail, flat
//! duties, handling fees, import taxes).
//!
//! Where rounding happens in a US quote (and only there):
//!
//! 1. Amounts in another currency are converted to US dollars at the rate chosen under
//!    19 CFR 159.34 and rounded to the cent, half away from zero.
//! 2. Ad valorem duties are applied to values in whole dollars (19 CFR 159.3(a): under 50 cents
//!    dropped, 50 cents or more counted as a dollar).
//! 3. Each duty, and each fee, is rounded to the cent, half away from zero.
//!
//! In a quote into another market, amounts are converted at the reference rate and rounded to
//! the market currency's minor unit; each duty, tax and fee is rounded to the minor unit with
//! the market's rounding. Freight and insurance are shared among the lines with
//! [`Money::allocate`](crate::Money::allocate), so nothing is lost.

use chrono::NaiveDate;

use crate::country::CountryCode;
#[cfg(doc)]
use crate::error::Error;
use crate::error::Result;
use crate::hs::HsCode;
use crate::landed::cost::LandedCost;
use crate::landed::market::quote::MarketQuote;
use crate::landed::options::QuoteOptions;
use crate::landed::pipeline;
use crate::landed::shipment::Shipment;
use crate::landed::us::UsQuote;
use crate::landed::validate;
use crate::money::fx::ExchangeRateTable;
use crate::tariff::{Applicability, Claims, TariffBook};

impl TariffBook {
    /// Quotes the landed cost of a shipment with the default [`QuoteOptions`]: values in
    /// another currency than the US dollar are converted under the customs rule (19 CFR
    /// 159.34) applied to the embedded ECB reference rates
    /// ([`ExchangeRateTable::customs_rate_from_reference`]), or for a currency the ECB does not quote
    /// (the Vietnamese dong, the New Taiwan dollar, ...) at the embedded US Treasury reporting
    /// rate in force, each with a warning that CBP certified rates were not available; an entry
    /// after the fee data's last fiscal year, or after the rules are known through, is quoted
    /// with a warning; a rate up to [`DEFAULT_RATE_STALENESS_DAYS`](crate::landed::DEFAULT_RATE_STALENESS_DAYS)
    /// days past its period is used with a warning.
    ///
    /// # Errors
    /// As [`TariffBook::quote_with`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::{Line, Mode, Shipment}, CountryCode, TariffBook};
    /// let s = Shipment::builder(CountryCode::US, "VN".parse()?, Mode::Ocean)
    ///     .export_date("2025-09-01".parse()?)
    ///     .entry_date("2025-09-20".parse()?)
    ///     .line(Line::builder("6402.99.90".parse()?, "10000.00 USD".parse()?))
    ///     .build()?;
    /// let q = TariffBook::embedded().quote(&s)?;
    /// // MFN 20% and the reciprocal 20% on Vietnam (9903.02.69).
    /// assert_eq!(q.duties_total.to_string(), "4000.00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn quote(&self, shipment: &Shipment) -> Result<LandedCost> {
        self.quote_with(shipment, &QuoteOptions::new())
    }

    /// Quotes many shipments; each result is independent of the others and in the order of
    /// `shipments`. With the `parallel` feature the shipments are quoted on all cores (rayon).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::Shipment, TariffBook};
    /// let s: Shipment = serde_json::from_str(r#"{"importer":"US","origin":"VN","mode":"air",
    ///   "export_date":"2025-09-01","entry_date":"2025-09-03","currency":"USD",
    ///   "lines":[{"hts":"6402.99.90","value":"5000"}]}"#)?;
    /// let results = TariffBook::embedded().quote_batch(&[s.clone(), s]);
    /// assert_eq!(results.len(), 2);
    /// assert_eq!(results[0], results[1]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn quote_batch(&self, shipments: &[Shipment]) -> Vec<Result<LandedCost>> {
        self.quote_batch_with(shipments, &QuoteOptions::new())
    }

    /// As [`TariffBook::quote_batch`], with options.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::{QuoteOptions, Shipment}, TariffBook};
    /// let s: Shipment = serde_json::from_str(r#"{"importer":"US","origin":"VN","mode":"air",
    ///   "export_date":"2026-11-20","entry_date":"2026-11-23","currency":"USD",
    ///   "lines":[{"hts":"6402.99.90","value":"5000"}]}"#)?;
    /// let strict = QuoteOptions::new().strict(true);
    /// assert!(TariffBook::embedded().quote_batch_with(&[s], &strict)[0].is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn quote_batch_with(
        &self,
        shipments: &[Shipment],
        options: &QuoteOptions<'_>,
    ) -> Vec<Result<LandedCost>> {
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            shipments
                .par_iter()
                .map(|s| self.quote_with(s, options))
                .collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            shipments
                .iter()
                .map(|s| self.quote_with(s, options))
                .collect()
        }
    }

    /// Quotes the landed cost of a shipment, converting its values to US dollars with `rates`
    /// under the customs rule (19 CFR 159.34, for the date of exportation), with the default
    /// options otherwise.
    ///
    /// # Errors
    /// As [`TariffBook::quote_with`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::Shipment, money::fx::ExchangeRateTable, TariffBook};
    /// let rates = ExchangeRateTable::from_csv_reader(
    ///     "date,from,to,rate,kind,source\n2025-04-01,USD,CNY,7.2000,quarterly,illustrative\n".as_bytes())?;
    /// let s: Shipment = serde_json::from_str(r#"{"importer":"US","origin":"CN","mode":"ocean",
    ///   "export_date":"2025-04-02","entry_date":"2025-04-20","currency":"CNY",
    ///   "lines":[{"hts":"6402.99.90","value":"72000"}]}"#)?;
    /// let quote = TariffBook::embedded().quote_with_rates(&s, &rates)?;
    /// assert_eq!(quote.customs_value.to_string(), "10000.00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn quote_with_rates(
        &self,
        shipment: &Shipment,
        rates: &ExchangeRateTable,
    ) -> Result<LandedCost> {
        self.quote_with(shipment, &QuoteOptions::new().rates(rates))
    }

    /// Quotes the landed cost of a shipment with `options`: strictness at the edge of the data,
    /// how stale an exchange rate may be, and the rates to convert with (see [`QuoteOptions`]).
    ///
    /// # Errors
    /// [`Error::NoLines`], [`Error::NegativeValue`] and [`Error::ZeroAllocationBase`] for a
    /// shipment that cannot be quoted, and [`Error::InvalidValue`] for freight to allocate by
    /// weight without weights; [`Error::UnknownImporter`] for an importer without rules, and
    /// [`Error::MissingRate`] for a line without the rate it needs;
    /// [`Error::MissingExchangeRate`], and [`Error::StaleExchangeRate`] for a rate staler than
    /// the options allow; in strict mode [`Error::MissingFeeYear`] and
    /// [`Error::BeyondDataHorizon`] (and [`Error::MissingFeeYear`] in any mode for an entry
    /// before the first fiscal year held); the errors of [`TariffBook::applicable`]; and the
    /// duty errors of [`DutyRate::duty`](crate::DutyRate::duty) (a specific rate without its
    /// quantity, a rate text that is not a formula).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::{Line, Mode, QuoteOptions, Shipment}, CountryCode, Error, TariffBook};
    /// let s = Shipment::builder(CountryCode::US, CountryCode::CN, Mode::Ocean)
    ///     .export_date("2026-11-20".parse()?)
    ///     .entry_date("2026-11-30".parse()?) // after the rules are known through (2026-11-10)
    ///     .line(Line::builder("6402.99.90".parse()?, "9000.00 USD".parse()?))
    ///     .build()?;
    /// let book = TariffBook::embedded();
    /// assert!(book.quote_with(&s, &QuoteOptions::new()).is_ok()); // with a warning
    /// let strict = book.quote_with(&s, &QuoteOptions::new().strict(true));
    /// assert!(matches!(strict, Err(Error::BeyondDataHorizon { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn quote_with(
        &self,
        shipment: &Shipment,
        options: &QuoteOptions<'_>,
    ) -> Result<LandedCost> {
        validate::check(shipment)?;
        if shipment.importer == CountryCode::US {
            pipeline::run(&mut UsQuote::new(self, options), shipment)
        } else {
            let mut rules = MarketQuote::new(self.markets(), shipment, options)?;
            pipeline::run(&mut rules, shipment)
        }
    }

    /// As [`TariffBook::applicable_with`], with options: strict options refuse a date after
    /// [`TariffBook::known_through`] instead of answering it with a warning.
    ///
    /// # Errors
    /// [`Error::BeyondDataHorizon`] in strict mode for a date after the horizon; otherwise as
    /// [`TariffBook::applicable`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::QuoteOptions, tariff::Claims, CountryCode, Error, TariffBook};
    /// let book = TariffBook::embedded();
    /// let strict = QuoteOptions::new().strict(true);
    /// let hs = "6402.99.90".parse()?;
    /// let none = Claims::NONE;
    /// assert!(book.applicable_with_options(&hs, CountryCode::CN, "2026-06-01".parse()?, None, none, &strict).is_ok());
    /// let late = book.applicable_with_options(&hs, CountryCode::CN, "2026-12-01".parse()?, None, none, &strict);
    /// assert!(matches!(late, Err(Error::BeyondDataHorizon { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn applicable_with_options(
        &self,
        hs: &HsCode,
        origin: CountryCode,
        entry_date: NaiveDate,
        loaded_date: Option<NaiveDate>,
        claims: Claims<'_>,
        options: &QuoteOptions<'_>,
    ) -> Result<Applicability<'_>> {
        crate::tariff::horizon::check(
            entry_date,
            self.known_through(),
            crate::tariff::horizon::US_RULES,
            options.is_strict(),
        )?;
        self.applicable_with(hs, origin, entry_date, loaded_date, claims)
    }
}
