//! [`RatesOptions`]: what [`TariffBook::rates_with`](crate::TariffBook::rates_with) assumes of a shipment it does not have.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::money::{Money, Rate};
use crate::tariff::measure::Metal;
use crate::tariff::Claims;

/// How [`TariffBook::rates_with`](crate::TariffBook::rates_with) treats what a shipment would say: claims, metal and US
/// content, de minimis, the loading date and a unit value. [`RatesOptions::new`] is the
/// defaults listed in the [module docs](crate::tariff::TariffBook::rates): no claims, no metal
/// or US content, no de minimis, not in transit, no unit value.
///
/// # Example
/// ```
/// use landed_cost::tariff::{Claims, Metal, RatesOptions, TariffBook};
/// let options = RatesOptions::new()
///     .claims(Claims::NONE.with_usmca(true))
///     .metal_share(Metal::Steel, "40%".parse()?)?;
/// let rates = TariffBook::embedded().rates_with(&"7326.90.86.88".parse()?, "MX".parse()?,
///     "2025-07-01".parse()?, &options)?;
/// assert!(rates.total().is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RatesOptions<'c> {
    pub(super) claims: Claims<'c>,
    pub(super) loaded: Option<NaiveDate>,
    /// The shares of the value that are steel, aluminium and copper content.
    pub(super) metal: [Decimal; 3],
    pub(super) us_content: Decimal,
    pub(super) unit_value: Option<Money>,
    pub(super) de_minimis: bool,
}

pub(super) const fn metal_index(metal: Metal) -> usize {
    match metal {
        Metal::Steel => 0,
        Metal::Aluminum => 1,
        Metal::Copper => 2,
    }
}

impl<'c> RatesOptions<'c> {
    /// The defaults: no claims, no metal or US content, no de minimis, not in transit, no unit
    /// value.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::RatesOptions;
    /// assert_eq!(RatesOptions::new(), RatesOptions::default());
    /// ```
    #[must_use]
    pub const fn new() -> RatesOptions<'static> {
        RatesOptions {
            claims: Claims::NONE,
            loaded: None,
            metal: [Decimal::ZERO; 3],
            us_content: Decimal::ZERO,
            unit_value: None,
            de_minimis: false,
        }
    }

    /// What the importer claims: exemption headings, and whether the goods are entered under
    /// the USMCA.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::{Claims, RatesOptions};
    /// let options = RatesOptions::new().claims(Claims::NONE.with_usmca(true));
    /// assert_ne!(options, RatesOptions::new());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn claims<'d>(self, claims: Claims<'d>) -> RatesOptions<'d> {
        RatesOptions {
            claims,
            loaded: self.loaded,
            metal: self.metal,
            us_content: self.us_content,
            unit_value: self.unit_value,
            de_minimis: self.de_minimis,
        }
    }

    /// The goods were loaded on the final conveyance on this date (for the in-transit rules).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::{RatesOptions, TariffBook}, CountryCode};
    /// let book = TariffBook::embedded();
    /// let (hs, entry) = ("6402.99.90".parse()?, "2025-04-10".parse()?);
    /// let loaded = RatesOptions::new().loaded("2025-04-01".parse()?);
    /// let in_transit = book.rates_with(&hs, CountryCode::VN, entry, &loaded)?;
    /// let plain = book.rates(&hs, CountryCode::VN, entry)?;
    /// assert!(in_transit.total() < plain.total()); // loaded before 5 April: no reciprocal duty
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn loaded(mut self, date: NaiveDate) -> RatesOptions<'c> {
        self.loaded = Some(date);
        self
    }

    /// The share of the goods' value that is the content of `metal` (Section 232 duties on
    /// metal content apply to it; a duty on the value less the metal content to the rest).
    ///
    /// # Errors
    /// [`Error::InvalidValue`] if the share is negative, or the metal shares add up to more
    /// than 100%.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::{Metal, RatesOptions};
    /// assert!(RatesOptions::new().metal_share(Metal::Copper, "30%".parse()?).is_ok());
    /// assert!(RatesOptions::new().metal_share(Metal::Copper, "-1%".parse()?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn metal_share(mut self, metal: Metal, share: Rate) -> Result<RatesOptions<'c>> {
        let mut shares = self.metal;
        if let Some(slot) = shares.get_mut(metal_index(metal)) {
            *slot = share.fraction();
        }
        let sum = shares
            .iter()
            .try_fold(Decimal::ZERO, |a, b| a.checked_add(*b));
        if share.fraction().is_sign_negative() || sum.is_none_or(|s| s > Decimal::ONE) {
            return Err(Error::invalid(
                "metal share",
                format!("{metal} content of {share} leaves the metal shares outside 0% to 100% of the value; give each metal's share of the value, together at most 100%"),
            ));
        }
        self.metal = shares;
        Ok(self)
    }

    /// The share of the goods' value that is US content (a measure with a US-content threshold
    /// applies only to the rest when the share reaches the threshold).
    ///
    /// # Errors
    /// [`Error::InvalidValue`] if the share is negative or above 100%.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::RatesOptions;
    /// assert!(RatesOptions::new().us_content_share("120%".parse()?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn us_content_share(mut self, share: Rate) -> Result<RatesOptions<'c>> {
        if share.fraction().is_sign_negative() || share.fraction() > Decimal::ONE {
            return Err(Error::invalid(
                "US content share",
                format!("{share} is outside 0% to 100% of the value"),
            ));
        }
        self.us_content = share.fraction();
        Ok(self)
    }

    /// The customs value of one unit of the goods, in the unit a specific rate charges per (per
    /// kg for "4.4 cents/kg + 6%"), so that specific and compound rates get an ad valorem
    /// equivalent: the duty on one unit worth `value`, over `value`. A rate charging per two
    /// different units gets none.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] if the value is not above zero or not in US dollars (the
    /// currency of the HTS's specific rates).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::{RatesOptions, TariffBook}, CountryCode};
    /// let book = TariffBook::embedded();
    /// let (hs, date) = ("0402.29.50.00".parse()?, "2025-01-15".parse()?); // "$1.104/kg + 14.9%"
    /// assert_eq!(book.rates(&hs, CountryCode::VN, date)?.total(), None);
    /// let per_kg = RatesOptions::new().unit_value("11.04 USD".parse()?)?;
    /// let rates = book.rates_with(&hs, CountryCode::VN, date, &per_kg)?;
    /// assert_eq!(rates.total().map(|r| r.to_string()), Some("24.9%".into())); // 10% + 14.9%
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn unit_value(mut self, value: Money) -> Result<RatesOptions<'c>> {
        if value.amount() <= Decimal::ZERO || value.currency() != crate::Currency::USD {
            return Err(Error::invalid(
                "unit value",
                format!("{value} is not a positive amount in USD; give the customs value of one unit in USD"),
            ));
        }
        self.unit_value = Some(value);
        Ok(self)
    }

    /// Whether the goods are a low-value shipment that takes the de minimis exemption where the
    /// origin's goods still have it on the date (then no duty is due); `false` by default.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::{RatesOptions, TariffBook}, CountryCode};
    /// let book = TariffBook::embedded();
    /// let small = RatesOptions::new().de_minimis(true);
    /// let hs = "6402.99.90".parse()?;
    /// let early = book.rates_with(&hs, CountryCode::VN, "2025-03-01".parse()?, &small)?;
    /// assert!(early.de_minimis() && early.entries().is_empty());
    /// let late = book.rates_with(&hs, CountryCode::VN, "2025-09-15".parse()?, &small)?;
    /// assert!(!late.de_minimis()); // suspended for every origin from 29 August 2025
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn de_minimis(mut self, de_minimis: bool) -> RatesOptions<'c> {
        self.de_minimis = de_minimis;
        self
    }

    /// Whether de minimis is asked for.
    pub(crate) const fn wants_de_minimis(&self) -> bool {
        self.de_minimis
    }
}
