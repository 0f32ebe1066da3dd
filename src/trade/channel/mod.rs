//! Channel economics: what one unit of a product earns through each channel on a date, as a
//! breakdown of named lines ([`ChannelBreakdown`]), like a landed cost.
//!
//! Three channels ([`Channel`]):
//!
//! * **Export B2B** (FOB): the exporter sells to a US importer at the FOB price; the importer
//!   pays the US duties (computed by [`TariffBook::quote`] on a one-line shipment) and pushes
//!   a share of them back as a price cut ([`ChannelAssumptions::pass_through`]).
//! * **Cross-border B2C** (delivered duty paid): the exporter sells to US consumers on a
//!   cross-border platform and pays the US duties and entry fees itself (from the calculator),
//!   freight, the platform commission and fulfilment.
//! * **Domestic** through a Chinese platform: output VAT on the VAT-inclusive retail price at
//!   the rate of the CN market rules for the date (13% since 1 April 2019: price × 13/113), the
//!   export VAT rebate given up, the platform's commission and fees (from
//!   the [`FeeBook`]), logistics, and the benefits of a program applied.
//!
//! Margins are per unit in yuan. US-dollar amounts are converted at the ECB reference cross rate
//! (USD→EUR→CNY) of the date, or the latest within 7 days before it; every breakdown says so
//! in its notes. Amounts are exact: nothing is rounded here except what the calculator rounds
//! under US law (each duty to the cent); display rounding is the caller's.
//!
//! The export VAT rebate appears once, as a line of the domestic channel ("given up"): the
//! margins compare channels, and a refund the exporter keeps only when exporting is an advantage
//! of exporting. Input VAT on the unit cost is taken as recovered in every channel.
//!
//! The module by concept:
//!
//! ```text
//!  mod.rs          the channels, a breakdown's lines, the model and its entry point
//!  assumptions.rs  what a computation assumes (ChannelAssumptions)
//!  us.rs           the US channels: export B2B, cross-border B2C (here and elsewhere)
//!  domestic.rs     selling at home through a Chinese platform
//! ```

mod assumptions;
mod domestic;
mod us;

pub use assumptions::ChannelAssumptions;

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::landed::DEFAULT_RATE_STALENESS_DAYS;
use crate::money::{Currency, ExchangeRate, ExchangeRateQuery, ExchangeRateTable, Money, Rate};
use crate::tariff::TariffBook;
use crate::trade::{Benefit, BenefitKind, FeeBook, Platform, Product};

/// How many days before the date a reference exchange rate may be (weekends and holidays).
///
/// # Example
/// ```
/// use landed_cost::trade::{ChannelModel, MAX_RATE_AGE_DAYS};
/// assert_eq!(MAX_RATE_AGE_DAYS, 7);
/// // Saturday 12 April 2025 uses Friday's rate.
/// let rate = ChannelModel::embedded().usd_cny("2025-04-12".parse()?)?;
/// assert_eq!(rate.date().to_string(), "2025-04-11");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_RATE_AGE_DAYS: u32 = crate::money::fx::REFERENCE_MAX_AGE_DAYS;

/// A way of selling a unit.
///
/// # Example
/// ```
/// use landed_cost::trade::Channel;
/// assert_eq!(serde_json::to_string(&Channel::ExportB2b)?, "\"export_b2b\"");
/// assert_eq!(Channel::CrossBorderB2c.to_string(), "cross-border B2C (DDP)");
/// assert!(Channel::ExportB2b.is_export() && !Channel::Domestic.is_export());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Channel {
    /// Export to a US importer, FOB.
    ExportB2b,
    /// Export to US consumers through a cross-border platform, delivered duty paid.
    CrossBorderB2c,
    /// Sale in China through a domestic platform.
    Domestic,
}

impl Channel {
    /// Whether the channel sells abroad (its margin depends on the US duties).
    ///
    /// # Example
    /// See [`Channel`].
    #[must_use]
    pub const fn is_export(self) -> bool {
        matches!(self, Channel::ExportB2b | Channel::CrossBorderB2c)
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Channel::ExportB2b => "export B2B (FOB)",
            Channel::CrossBorderB2c => "cross-border B2C (DDP)",
            Channel::Domestic => "domestic",
        })
    }
}

/// One line of a channel breakdown: a named amount (CNY per unit; positive earns, negative
/// costs) and a one-line explanation.
///
/// # Example
/// See [`ChannelBreakdown`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ChannelLine {
    /// What the line is ("FOB export price", "output VAT", ...).
    pub label: String,
    /// The amount per unit, CNY (negative: a cost).
    pub amount: Money,
    /// How it was computed.
    pub explanation: String,
}

/// What one unit earns through a channel on a date: the lines and their sum, the margin.
///
/// # Example
/// ```
/// use landed_cost::trade::{Channel, ChannelAssumptions, ChannelModel, Product};
/// let toy = Product::new("YW-TOY-001", "9503.00.00".parse()?, "18 CNY".parse()?,
///     "4.20 USD".parse()?, "49 CNY".parse()?, "13%".parse()?)?;
/// let b = ChannelModel::embedded().breakdown(Channel::Domestic, &toy,
///     "2025-06-02".parse()?, &ChannelAssumptions::default())?;
/// for line in &b.lines {
///     println!("{:>10} {} — {}", line.amount.round(landed_cost::RoundingMode::HalfEven), line.label, line.explanation);
/// }
/// // 49 − 49 × 13/113 (VAT) − 18 × 13% (rebate given up) − 49 × 0.6% (Pinduoduo fee) − 18 (cost)
/// assert_eq!(b.margin.round(landed_cost::RoundingMode::HalfEven).to_string(), "22.73 CNY");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ChannelBreakdown {
    /// The channel.
    pub channel: Channel,
    /// The product's SKU.
    pub sku: String,
    /// The date (the US entry date for export channels).
    pub date: NaiveDate,
    /// The platform, for the domestic channel.
    pub platform: Option<Platform>,
    /// The USD→CNY rate used (CNY per USD).
    #[serde(with = "crate::money::decimal_text")]
    pub usd_cny: Decimal,
    /// The lines.
    pub lines: Vec<ChannelLine>,
    /// The sum of the lines, CNY per unit (exact).
    pub margin: Money,
    /// Warnings and assumptions (the exchange rate used, a missing fee schedule, ...).
    pub notes: Vec<String>,
}

/// The books a channel computation reads: tariffs (for the US duties), exchange rates, platform
/// fees.
///
/// # Example
/// ```
/// use landed_cost::trade::ChannelModel;
/// let model = ChannelModel::embedded();
/// let usd_cny = model.usd_cny("2025-04-11".parse()?)?;
/// assert_eq!(usd_cny.rate().round_dp(4).to_string(), "7.2994"); // ECB: 8.0165 CNY, 1.0982 USD per EUR
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ChannelModel<'a> {
    tariffs: &'a TariffBook,
    rates: &'a ExchangeRateTable,
    fees: &'a FeeBook,
}

impl ChannelModel<'static> {
    #[cfg(feature = "embedded-data")]
    /// The embedded books: [`TariffBook::embedded`], [`ExchangeRateTable::embedded_reference`] and
    /// [`FeeBook::embedded`].
    ///
    /// # Example
    /// See [`ChannelModel`].
    #[must_use]
    pub fn embedded() -> ChannelModel<'static> {
        ChannelModel::new(
            TariffBook::embedded(),
            ExchangeRateTable::embedded_reference(),
            FeeBook::embedded(),
        )
    }
}

impl<'a> ChannelModel<'a> {
    /// A model over books of the caller's.
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::ExchangeRateTable;
    /// use landed_cost::trade::{ChannelModel, FeeBook};
    /// use landed_cost::TariffBook;
    /// let rates = ExchangeRateTable::from_csv_reader("date,from,to,rate,kind,source\n2025-04-09,USD,CNY,7.2066,reference,PBOC parity\n".as_bytes())?;
    /// let model = ChannelModel::new(TariffBook::embedded(), &rates, FeeBook::embedded());
    /// assert_eq!(model.usd_cny("2025-04-10".parse()?)?.rate().to_string(), "7.2066");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn new(
        tariffs: &'a TariffBook,
        rates: &'a ExchangeRateTable,
        fees: &'a FeeBook,
    ) -> ChannelModel<'a> {
        ChannelModel {
            tariffs,
            rates,
            fees,
        }
    }

    /// The USD→CNY reference rate for a date: the latest on or before it, crossed through the
    /// euro if no direct rate is held, at most a week old (weekends, holidays) plus the quotes'
    /// default staleness limit ([`DEFAULT_RATE_STALENESS_DAYS`]); a breakdown with a rate older
    /// than a week says so in its notes.
    ///
    /// # Errors
    /// [`Error::MissingExchangeRate`] or [`Error::StaleExchangeRate`] outside the table's dates
    /// (the embedded table covers 2025-01-02 to 2026-10-30, so dates to 2027-02-06).
    ///
    /// # Example
    /// See [`ChannelModel`].
    pub fn usd_cny(&self, date: NaiveDate) -> Result<ExchangeRate> {
        self.reference_rate(Currency::USD, date)
    }

    /// A currency's reference rate to the yuan on a date, as [`ChannelModel::usd_cny`] finds it.
    fn reference_rate(&self, from: Currency, date: NaiveDate) -> Result<ExchangeRate> {
        let query = ExchangeRateQuery::on_or_before(
            date,
            crate::money::fx::REFERENCE_MAX_AGE_DAYS + DEFAULT_RATE_STALENESS_DAYS,
        )
        .kind(crate::money::fx::ExchangeRateKind::Reference)
        .via(Currency::EUR);
        self.rates.find(from, Currency::CNY, &query)
    }

    /// The margin breakdown of one unit through a channel on a date.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] for an invalid product or assumptions, a cross-border channel for
    /// a product without a cross-border price, or a domestic commission outside the platform's
    /// range; the quote's errors (an HTS code not in the tariff, a date before 2025); the
    /// exchange-rate errors of [`ChannelModel::usd_cny`]; [`Error::Overflow`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::trade::{Channel, ChannelAssumptions, ChannelModel, Product};
    /// let charger = Product::new("SZ-CHG-65W", "8504.40.95".parse()?, "38 CNY".parse()?,
    ///     "9.50 USD".parse()?, "129 CNY".parse()?, "13%".parse()?)?;
    /// let mut a = ChannelAssumptions::default();
    /// a.pass_through = "100%".parse()?; // the buyer pushes all the duties back
    /// let model = ChannelModel::embedded();
    /// let april = model.breakdown(Channel::ExportB2b, &charger, "2025-04-15".parse()?, &a)?;
    /// let june = model.breakdown(Channel::ExportB2b, &charger, "2025-06-16".parse()?, &a)?;
    /// // 301 List 3 25% + fentanyl 20% + reciprocal 125% in April; the reciprocal at 10% in June.
    /// assert!(april.margin.compare(june.margin)?.is_lt());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn breakdown(
        &self,
        channel: Channel,
        product: &Product,
        date: NaiveDate,
        assumptions: &ChannelAssumptions,
    ) -> Result<ChannelBreakdown> {
        product.validate()?;
        assumptions.validate()?;
        let rate = self.usd_cny(date)?;
        let mut b = ChannelBreakdown {
            channel,
            sku: product.sku.clone(),
            date,
            platform: None,
            usd_cny: rate.rate(),
            lines: Vec::new(),
            margin: Money::zero(Currency::CNY),
            notes: vec![format!(
                "US dollars converted at {} CNY per USD, the reference rate of {} (through the \
                 euro where no direct rate is held), not a bank's or customs' rate",
                rate.rate().round_dp(4),
                rate.date()
            )],
        };
        let age = (date - rate.date()).num_days();
        if age > i64::from(crate::money::fx::REFERENCE_MAX_AGE_DAYS) {
            b.notes.push(format!(
                "stale exchange rate: the newest reference rate held is of {}, {age} days before {date}",
                rate.date()
            ));
        }
        match channel {
            Channel::ExportB2b => self.export_b2b(&mut b, product, &rate, assumptions)?,
            Channel::CrossBorderB2c => self.cross_border(&mut b, product, &rate, assumptions)?,
            Channel::Domestic => self.domestic(&mut b, product, date, assumptions)?,
        }
        b.margin = b
            .lines
            .iter()
            .try_fold(Money::zero(Currency::CNY), |sum, line| {
                sum.checked_add(line.amount)
            })?;
        Ok(b)
    }
}

/// The share of a kind of benefit: the sum of the benefits' rates of that kind, at most 100%;
/// `None` if none has a rate.
fn benefit_share(benefits: &[Benefit], kind: BenefitKind) -> Result<Option<Rate>> {
    let mut total: Option<Rate> = None;
    for rate in benefits
        .iter()
        .filter(|b| b.kind == kind)
        .filter_map(|b| b.rate)
    {
        total = Some(total.unwrap_or(Rate::ZERO).checked_add(rate)?);
    }
    Ok(total.map(|t| t.min(Rate::ONE_HUNDRED_PERCENT)))
}

/// A line.
/// A shipment's total shared over its `units_per_shipment` units.
fn per_unit(total: Decimal, a: &ChannelAssumptions) -> Result<Decimal> {
    total
        .checked_div(Decimal::from(a.units_per_shipment))
        .ok_or_else(|| Error::overflow("amount per unit"))
}

/// What a cross-border sale costs after the border, wherever it goes: freight and insurance,
/// the platform's commission, fulfilment, and the unit's cost.
fn delivery_costs(
    product: &Product,
    price: Money,
    rate: &ExchangeRate,
    a: &ChannelAssumptions,
    destination: &str,
) -> Result<[ChannelLine; 4]> {
    let freight = a.freight_per_unit.checked_add(a.insurance_per_unit)?;
    let commission = price.checked_mul_rate(a.cross_border_commission)?;
    Ok([
        line(
            "freight and insurance",
            rate.apply(freight)?.negate(),
            format!("{freight} per unit to {destination}"),
        ),
        line(
            "cross-border platform commission",
            rate.apply(commission)?.negate(),
            format!("{} of the delivered price", a.cross_border_commission),
        ),
        line(
            "fulfilment",
            rate.apply(a.fulfilment_per_unit)?.negate(),
            format!(
                "{} per unit (warehouse and last mile)",
                a.fulfilment_per_unit
            ),
        ),
        unit_cost(product),
    ])
}

/// The cost of making one unit: the last line of every channel.
fn unit_cost(product: &Product) -> ChannelLine {
    line(
        "unit cost",
        product.unit_cost.negate(),
        "the cost of making one unit, without VAT".to_owned(),
    )
}

fn line(label: &str, amount: Money, explanation: String) -> ChannelLine {
    ChannelLine {
        label: label.to_owned(),
        amount,
        explanation,
    }
}

/// An amount rounded to cents for an explanation (the line's amount stays exact).
fn round2(m: Money) -> Money {
    m.round_dp(2, crate::money::RoundingMode::HalfEven)
}

/// Mentions the extra duty of a what-if, if any.
fn extra_note(a: &ChannelAssumptions) -> String {
    if a.extra_us_duty.is_zero() {
        String::new()
    } else {
        format!(", with an extra {} ad valorem (what-if)", a.extra_us_duty)
    }
}

#[cfg(test)]
mod tests;
