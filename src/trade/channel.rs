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
//! * **Domestic** through a Chinese platform: 13% output VAT on the VAT-inclusive retail price
//!   (price × 13/113), the export VAT rebate given up, the platform's commission and fees (from
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

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::country::CountryCode;
use crate::error::{Error, Result};
use crate::landed::DEFAULT_RATE_STALENESS_DAYS;
use crate::landed::{Incoterm, Line, Mode, Shipment};
use crate::money::{Currency, ExchangeRate, Money, Rate, RateQuery, RateTable};
use crate::quantity::{Quantity, Unit};
use crate::tariff::{Authority, TariffBook};
use crate::trade::{
    Benefit, BenefitKind, FeeBook, Platform, PlatformProgram, Product, VAT_STANDARD,
};

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

/// The caller's assumptions for the channel economics, per unit. Everything defaults to zero
/// (no freight, no commission, no pass-through, no extra duty), Pinduoduo as the domestic
/// platform (its schedule has no commission, so 0% is valid; Tmall's starts at 0.5%),
/// ocean shipments of 1,000 units and no program benefit: set what applies.
///
/// # Example
/// ```
/// use landed_cost::trade::{Benefit, ChannelAssumptions, Platform};
/// let mut a = ChannelAssumptions::default();
/// a.pass_through = "50%".parse()?;
/// a.domestic_platform = Platform::Pinduoduo;
/// a.benefits.push(Benefit::commission_rebate("50%".parse()?)?);
/// a.validate()?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ChannelAssumptions {
    /// Units per US entry (the one-line shipment quoted for the duties and entry fees).
    pub units_per_shipment: u32,
    /// How the goods travel to the US.
    pub mode: Mode,
    /// International freight per unit, USD.
    pub freight_per_unit: Money,
    /// Insurance per unit, USD.
    pub insurance_per_unit: Money,
    /// The share of the US duties a B2B buyer pushes back to the exporter as a price cut (0–100%).
    pub pass_through: Rate,
    /// The cross-border platform's commission on the delivered price.
    pub cross_border_commission: Rate,
    /// Fulfilment (warehouse, last mile) per unit in the US, USD.
    pub fulfilment_per_unit: Money,
    /// The domestic platform.
    pub domestic_platform: Platform,
    /// The domestic platform's category commission (within the platform's range, if known).
    pub domestic_commission: Rate,
    /// Domestic logistics per unit, CNY.
    pub domestic_logistics_per_unit: Money,
    /// Units sold domestically a year, to spread the platform's annual fee (none: not charged).
    pub annual_units: Option<u64>,
    /// Program benefits applied to the domestic channel (see [`Benefit`]).
    pub benefits: Vec<Benefit>,
    /// An extra ad valorem US duty on the customs value, added to the quote's duties (a
    /// what-if; negative for a cut).
    pub extra_us_duty: Rate,
    /// Where the cross-border channel delivers: the US (the default) or another market the
    /// calculator quotes (an EU member state, GB, CA, AU, JP). The delivered price stays in US
    /// dollars; the destination's duties and fees come from its quote, and its VAT, GST or
    /// consumption tax is taken out of the delivered price.
    #[serde(default = "united_states")]
    pub destination: CountryCode,
    /// The product's rates in a destination whose tariff is not embedded, as a line's `rates`
    /// (`{"mfn": "0%"}`); not used for the US.
    #[serde(default)]
    pub destination_rates: std::collections::BTreeMap<String, crate::DutyRate>,
}

fn united_states() -> CountryCode {
    CountryCode::US
}

impl Default for ChannelAssumptions {
    fn default() -> Self {
        ChannelAssumptions {
            units_per_shipment: 1000,
            mode: Mode::Ocean,
            freight_per_unit: Money::zero(Currency::USD),
            insurance_per_unit: Money::zero(Currency::USD),
            pass_through: Rate::ZERO,
            cross_border_commission: Rate::ZERO,
            fulfilment_per_unit: Money::zero(Currency::USD),
            domestic_platform: Platform::Pinduoduo,
            domestic_commission: Rate::ZERO,
            domestic_logistics_per_unit: Money::zero(Currency::CNY),
            annual_units: None,
            benefits: Vec::new(),
            extra_us_duty: Rate::ZERO,
            destination: CountryCode::US,
            destination_rates: std::collections::BTreeMap::new(),
        }
    }
}

impl ChannelAssumptions {
    /// The same assumptions selling at home through a program: its benefits are added to
    /// [`ChannelAssumptions::benefits`]. Benefits with a rate change the domestic margin; the
    /// others (traffic, procurement, AI hosts, and the commission rebates and fee waivers whose
    /// size was not reported) are listed in the breakdown's notes, not priced.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] if the domestic platform is not one of the program's platforms.
    ///
    /// # Example
    /// ```
    /// use landed_cost::trade::{ChannelAssumptions, Platform, ProgramBook};
    /// let jd = ProgramBook::embedded().program("jd_export_fund").ok_or("missing")?;
    /// let mut a = ChannelAssumptions::default();
    /// a.domestic_platform = Platform::Jd;
    /// let a = a.with_program(jd)?;
    /// assert_eq!(a.benefits.len(), 2);
    /// assert!(ChannelAssumptions::default().with_program(jd).is_err()); // Pinduoduo is not JD
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_program(mut self, program: &PlatformProgram) -> Result<ChannelAssumptions> {
        if !program.platforms.contains(&self.domestic_platform) {
            return Err(Error::invalid(
                "program",
                format!(
                    "{} ({}) does not run on {}",
                    program.name, program.sponsor, self.domestic_platform
                ),
            ));
        }
        self.benefits.extend(program.benefits.iter().cloned());
        Ok(self)
    }

    /// Checks currencies (USD abroad, CNY at home), shares within 0–100%, and at least one unit
    /// per shipment.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] naming the assumption at fault.
    ///
    /// # Example
    /// ```
    /// let mut a = landed_cost::trade::ChannelAssumptions::default();
    /// a.pass_through = "120%".parse()?;
    /// assert!(a.validate().is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate(&self) -> Result<()> {
        if self.units_per_shipment == 0 {
            return Err(Error::invalid("units per shipment", "must be at least 1"));
        }
        for (what, m, currency) in [
            ("freight per unit", self.freight_per_unit, Currency::USD),
            ("insurance per unit", self.insurance_per_unit, Currency::USD),
            (
                "fulfilment per unit",
                self.fulfilment_per_unit,
                Currency::USD,
            ),
            (
                "domestic logistics per unit",
                self.domestic_logistics_per_unit,
                Currency::CNY,
            ),
        ] {
            if m.currency() != currency || m.is_negative() {
                return Err(Error::invalid(
                    what,
                    format!("{m} must be zero or more, in {currency}"),
                ));
            }
        }
        for (what, r) in [
            ("pass-through share", self.pass_through),
            ("cross-border commission", self.cross_border_commission),
            ("domestic commission", self.domestic_commission),
        ] {
            if r < Rate::ZERO || r > Rate::ONE_HUNDRED_PERCENT {
                return Err(Error::invalid(what, format!("{r} is outside 0% to 100%")));
            }
        }
        if self.annual_units == Some(0) {
            return Err(Error::invalid(
                "annual units",
                "must be at least 1 (or none, to leave the annual fee out)",
            ));
        }
        self.benefits.iter().try_for_each(Benefit::validate)
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

/// The US duties and entry fees on one unit, from a quote of a one-line shipment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct UsCharges {
    /// Duties per unit, USD, with the extra ad valorem rate.
    duties: Money,
    /// MPF and HMF per unit, USD.
    fees: Money,
    /// The IEEPA reciprocal duty per unit, USD (for what-if scenarios).
    reciprocal: Money,
    /// The customs value per unit, USD.
    value: Money,
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
    rates: &'a RateTable,
    fees: &'a FeeBook,
}

impl ChannelModel<'static> {
    #[cfg(feature = "embedded-data")]
    /// The embedded books: [`TariffBook::embedded`], [`RateTable::embedded_reference`] and
    /// [`FeeBook::embedded`].
    ///
    /// # Example
    /// See [`ChannelModel`].
    #[must_use]
    pub fn embedded() -> ChannelModel<'static> {
        ChannelModel::new(
            TariffBook::embedded(),
            RateTable::embedded_reference(),
            FeeBook::embedded(),
        )
    }
}

impl<'a> ChannelModel<'a> {
    /// A model over books of the caller's.
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::RateTable;
    /// use landed_cost::trade::{ChannelModel, FeeBook};
    /// use landed_cost::TariffBook;
    /// let rates = RateTable::from_csv_reader("date,from,to,rate,kind,source\n2025-04-09,USD,CNY,7.2066,reference,PBOC parity\n".as_bytes())?;
    /// let model = ChannelModel::new(TariffBook::embedded(), &rates, FeeBook::embedded());
    /// assert_eq!(model.usd_cny("2025-04-10".parse()?)?.rate().to_string(), "7.2066");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn new(
        tariffs: &'a TariffBook,
        rates: &'a RateTable,
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
        let query = RateQuery::on_or_before(
            date,
            crate::money::fx::REFERENCE_MAX_AGE_DAYS + DEFAULT_RATE_STALENESS_DAYS,
        )
        .kind(crate::money::fx::RateKind::Reference)
        .via(Currency::EUR);
        self.rates.find(Currency::USD, Currency::CNY, &query)
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
            Channel::Domestic => self.domestic(&mut b, product, assumptions)?,
        }
        b.margin = b
            .lines
            .iter()
            .try_fold(Money::zero(Currency::CNY), |sum, line| {
                sum.checked_add(line.amount)
            })?;
        Ok(b)
    }

    /// One US entry of `units_per_shipment` units of the product, FOB at the export price.
    fn shipment(
        &self,
        product: &Product,
        date: NaiveDate,
        a: &ChannelAssumptions,
    ) -> Result<Shipment> {
        let units = Decimal::from(a.units_per_shipment);
        let times_units = |m: Money| -> Result<Decimal> {
            m.amount()
                .checked_mul(units)
                .ok_or_else(|| Error::overflow("shipment value"))
        };
        let mut quantities = vec![Quantity::try_new(units, Unit::Number)?];
        if let Some(w) = product.weight {
            let total = w
                .amount()
                .checked_mul(units)
                .ok_or_else(|| Error::overflow("shipment weight"))?;
            quantities.push(Quantity::try_new(total, w.unit())?);
        }
        Ok(Shipment {
            importer: CountryCode::US,
            origin: CountryCode::CN,
            mode: a.mode,
            export_date: date,
            entry_date: date,
            loaded_date: Some(date),
            currency: Currency::USD,
            incoterm: Incoterm::Fob,
            freight: times_units(a.freight_per_unit)?,
            insurance: times_units(a.insurance_per_unit)?,
            postal_duty_method: None,
            consignee: crate::landed::Consignee::Business,
            allocate_by: crate::landed::AllocationBasis::Value,
            shipped_from: None,
            postal_items: None,
            lines: vec![Line {
                hts: product.hs,
                description: product.description.clone(),
                value: times_units(product.export_price)?,
                quantities,
                metal_content: Vec::new(),
                us_content: None,
                origin: None,
                rates: std::collections::BTreeMap::new(),
                claims: Vec::new(),
                usmca: false,
            }],
        })
    }

    /// The US duties and fees per unit from a quote of one shipment of the product.
    fn us_charges(
        &self,
        product: &Product,
        date: NaiveDate,
        a: &ChannelAssumptions,
    ) -> Result<UsCharges> {
        let shipment = self.shipment(product, date, a)?;
        let quote = self.tariffs.quote_with_rates(&shipment, self.rates)?;
        let per_unit = |total: Decimal| -> Result<Money> {
            Ok(Money::new(per_unit(total, a)?, Currency::USD))
        };
        let reciprocal = quote
            .duties()
            .filter(|c| c.authority == Authority::IeepaReciprocal)
            .try_fold(Decimal::ZERO, |sum, c| {
                sum.checked_add(c.amount)
                    .ok_or_else(|| Error::overflow("reciprocal duty"))
            })?;
        let value = per_unit(quote.customs_value)?;
        let extra = Money::new(a.extra_us_duty.apply(value.amount())?, Currency::USD);
        Ok(UsCharges {
            duties: per_unit(quote.duties_total)?.checked_add(extra)?,
            fees: per_unit(quote.fees_total)?,
            reciprocal: per_unit(reciprocal)?,
            value,
        })
    }

    /// The IEEPA reciprocal duty per unit of the product (USD) and its customs value per unit,
    /// from the quote on `date` (used by what-if scenarios).
    pub(crate) fn reciprocal_share(
        &self,
        product: &Product,
        date: NaiveDate,
        a: &ChannelAssumptions,
    ) -> Result<(Money, Money)> {
        let charges = self.us_charges(product, date, a)?;
        Ok((charges.reciprocal, charges.value))
    }

    fn export_b2b(
        &self,
        b: &mut ChannelBreakdown,
        product: &Product,
        rate: &ExchangeRate,
        a: &ChannelAssumptions,
    ) -> Result<()> {
        let us = self.us_charges(product, b.date, a)?;
        let pushed_back = us.duties.checked_mul_rate(a.pass_through)?;
        b.lines.push(line(
            "FOB export price",
            rate.apply(product.export_price)?,
            format!("{} per unit, free on board in China", product.export_price),
        ));
        b.lines.push(line(
            "duties pushed back by the buyer",
            rate.apply(pushed_back)?.negate(),
            format!(
                "the US importer pays {} per unit of US duties on {} entry{}; it takes {} of \
                 them back as a price cut",
                round2(us.duties),
                b.date,
                extra_note(a),
                a.pass_through
            ),
        ));
        b.lines.push(unit_cost(product));
        Ok(())
    }

    fn cross_border(
        &self,
        b: &mut ChannelBreakdown,
        product: &Product,
        rate: &ExchangeRate,
        a: &ChannelAssumptions,
    ) -> Result<()> {
        let price = product.cross_border_price.ok_or_else(|| {
            Error::invalid(
                "cross-border channel",
                format!(
                    "{} has no cross-border price; set Product::cross_border_price",
                    product.sku
                ),
            )
        })?;
        if a.destination != CountryCode::US {
            return self.cross_border_elsewhere(b, product, price, rate, a);
        }
        let us = self.us_charges(product, b.date, a)?;
        b.lines.push(line(
            "delivered price to US consumers",
            rate.apply(price)?,
            format!("{price} per unit, delivered duty paid, on a cross-border platform"),
        ));
        b.lines.push(line(
            "US duties",
            rate.apply(us.duties)?.negate(),
            format!(
                "{} per unit, paid by the exporter as importer of record (the calculator's \
                 quote for {} units entered {}, valued at the export price{})",
                round2(us.duties),
                a.units_per_shipment,
                b.date,
                extra_note(a)
            ),
        ));
        b.lines.push(line(
            "US entry fees",
            rate.apply(us.fees)?.negate(),
            format!(
                "{} per unit: MPF (and HMF by sea) of the same entry, shared over its units",
                round2(us.fees)
            ),
        ));
        b.lines
            .extend(delivery_costs(product, price, rate, a, "the US")?);
        Ok(())
    }

    /// The cross-border channel into another market: the shipment of `units_per_shipment` units
    /// quoted into the destination (its duties and fees are the exporter's, as importer of
    /// record), the destination's sales tax inside the delivered price, then the same freight,
    /// commission, fulfilment and cost as for the US.
    fn cross_border_elsewhere(
        &self,
        b: &mut ChannelBreakdown,
        product: &Product,
        price: Money,
        rate: &ExchangeRate,
        a: &ChannelAssumptions,
    ) -> Result<()> {
        let destination = a.destination;
        let market = self
            .tariffs
            .markets()
            .for_importer(destination)
            .ok_or_else(|| {
                Error::invalid(
                    "destination",
                    format!("{destination}: the calculator has no import rules for this market"),
                )
            })?;
        let mut shipment = self.shipment(product, b.date, a)?;
        shipment.importer = destination;
        for line in &mut shipment.lines {
            line.rates.clone_from(&a.destination_rates);
        }
        let quote = self.tariffs.quote_with_rates(&shipment, self.rates)?;
        let query = RateQuery::on_or_before(
            b.date,
            crate::money::fx::REFERENCE_MAX_AGE_DAYS + DEFAULT_RATE_STALENESS_DAYS,
        )
        .kind(crate::money::fx::RateKind::Reference)
        .via(Currency::EUR);
        let to_cny = self.rates.find(quote.currency, Currency::CNY, &query)?;
        let per_unit_cny = |total: Decimal| -> Result<Money> {
            to_cny.apply(Money::new(per_unit(total, a)?, quote.currency))
        };
        let delivered = rate.apply(price)?;
        // The consumer price includes the destination's sales tax, which the seller remits; the
        // import tax on the shipment is recovered against it.
        let sales_tax = market
            .tax_rules(destination, b.date)
            .find(|t| t.rate.is_some())
            .map(|t| (t.authority, t.rate.unwrap_or(Rate::ZERO)));
        b.lines.push(line(
            &format!("delivered price to consumers in {destination}"),
            delivered,
            format!("{price} per unit, delivered duty paid, on a cross-border platform"),
        ));
        if let Some((authority, tax_rate)) = sales_tax {
            let inside = tax_rate
                .fraction()
                .checked_div(Decimal::ONE + tax_rate.fraction())
                .ok_or_else(|| Error::overflow("sales tax share"))?;
            let tax = Money::new(
                delivered
                    .amount()
                    .checked_mul(inside)
                    .ok_or_else(|| Error::overflow("sales tax"))?,
                Currency::CNY,
            );
            b.lines.push(line(
                &format!("{authority} in {destination}"),
                tax.negate(),
                format!(
                    "{tax_rate} inside the delivered price, remitted by the seller (the import {authority} on the shipment is recovered against it)"
                ),
            ));
        }
        b.lines.push(line(
            &format!("duties in {destination}"),
            per_unit_cny(quote.duties_total)?.negate(),
            format!(
                "the calculator's quote for {} units entered {} into {destination} ({}), shared over its units",
                a.units_per_shipment, b.date, market.name
            ),
        ));
        b.lines.push(line(
            &format!("entry fees in {destination}"),
            per_unit_cny(quote.fees_total)?.negate(),
            "the same entry's fees, shared over its units".to_owned(),
        ));
        b.lines.extend(delivery_costs(
            product,
            price,
            rate,
            a,
            &destination.to_string(),
        )?);
        b.notes.push(format!(
            "{} converted at {} CNY per {}, the reference rate of {}",
            quote.currency,
            to_cny.rate().round_dp(4),
            quote.currency,
            to_cny.date()
        ));
        b.notes
            .extend(quote.warnings.iter().map(ToString::to_string));
        Ok(())
    }

    fn domestic(
        &self,
        b: &mut ChannelBreakdown,
        product: &Product,
        a: &ChannelAssumptions,
    ) -> Result<()> {
        let platform = a.domestic_platform;
        b.platform = Some(platform);
        let price = product.domestic_price;
        let schedule = self.fees.get(platform);
        match schedule {
            None => b.notes.push(format!(
                "no fee schedule is held for {platform}: only the commission assumed is charged"
            )),
            Some(s) => {
                if let Some(range) = s.commission {
                    if !range.contains(a.domestic_commission) {
                        return Err(Error::invalid(
                            "domestic commission",
                            format!(
                                "{} is outside {platform}'s range {} to {}",
                                a.domestic_commission, range.min, range.max
                            ),
                        ));
                    }
                }
                if !s.confirmed {
                    b.notes.push(format!("{platform} fees: {}", s.note));
                }
            }
        }
        // Output VAT on a VAT-inclusive price: price × rate / (1 + rate).
        let vat_fraction = VAT_STANDARD
            .checked_add(Decimal::ONE)
            .and_then(|gross| VAT_STANDARD.checked_div(gross))
            .ok_or_else(|| Error::overflow("VAT fraction"))?;
        let vat = price.checked_mul(vat_fraction)?;
        let rebate = product.unit_cost.checked_mul_rate(product.export_rebate)?;
        let commission = price.checked_mul_rate(a.domestic_commission)?;
        let technical_rate = schedule.and_then(|s| s.technical_fee).unwrap_or(Rate::ZERO);
        let technical = price.checked_mul_rate(technical_rate)?;
        let annual = match (schedule.and_then(|s| s.annual_fees.first()), a.annual_units) {
            (Some(fee), Some(units)) => Some((*fee, fee.checked_div(Decimal::from(units))?)),
            _ => None,
        };
        b.lines.push(line(
            "retail price (VAT included)",
            price,
            format!("{price} per unit on {platform}"),
        ));
        b.lines.push(line(
            "output VAT",
            vat.negate(),
            format!("13% VAT included in the price: {price} × 13/113"),
        ));
        b.lines.push(line(
            "export VAT rebate given up",
            rebate.negate(),
            format!(
                "exports are zero-rated and refunded {} of the unit cost; a domestic sale is not",
                product.export_rebate
            ),
        ));
        b.lines.push(line(
            "platform commission",
            commission.negate(),
            format!(
                "{} of the price (category commission assumed)",
                a.domestic_commission
            ),
        ));
        if !technical_rate.is_zero() {
            b.lines.push(line(
                "platform technical fee",
                technical.negate(),
                format!("{technical_rate} of the price ({platform}'s fee schedule)"),
            ));
        }
        if let Some((fee, per_unit)) = annual {
            b.lines.push(line(
                "annual store fee",
                per_unit.negate(),
                format!(
                    "{fee} a year (the lower of {platform}'s annual fees) over {} units",
                    a.annual_units.unwrap_or(0)
                ),
            ));
        }
        let fees_waivable = match annual {
            Some((_, per_unit)) => technical.checked_add(per_unit)?,
            None => technical,
        };
        if let Some(share) = benefit_share(&a.benefits, BenefitKind::CommissionRebate)? {
            b.lines.push(line(
                "program: commission rebate",
                commission.checked_mul_rate(share)?,
                format!("{share} of the commission returned under the program"),
            ));
        }
        if let Some(share) = benefit_share(&a.benefits, BenefitKind::FeeWaiver)? {
            b.lines.push(line(
                "program: fee waiver",
                fees_waivable.checked_mul_rate(share)?,
                format!("{share} of the technical and annual fees waived under the program"),
            ));
        }
        for unpriced in a.benefits.iter().filter(|b| {
            b.rate.is_none()
                || !matches!(
                    b.kind,
                    BenefitKind::CommissionRebate | BenefitKind::FeeWaiver
                )
        }) {
            b.notes.push(format!(
                "program benefit not priced per unit: {}",
                unpriced.description
            ));
        }
        b.lines.push(line(
            "domestic logistics",
            a.domestic_logistics_per_unit.negate(),
            format!("{} per unit", a.domestic_logistics_per_unit),
        ));
        b.lines.push(unit_cost(product));
        Ok(())
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
mod tests {
    use super::*;
    use crate::money::RoundingMode;

    fn toy() -> Product {
        crate::trade::exporter::toy()
            .with_cross_border_price("12.99 USD".parse().unwrap())
            .unwrap()
    }

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn b2b_without_pass_through_is_price_minus_cost() {
        let model = ChannelModel::embedded();
        let b = model
            .breakdown(
                Channel::ExportB2b,
                &toy(),
                date("2025-04-15"),
                &ChannelAssumptions::default(),
            )
            .unwrap();
        let expected = Decimal::new(420, 2) * b.usd_cny - Decimal::from(18);
        assert_eq!(b.margin.amount(), expected);
        assert!(b.notes[0].contains("reference rate"));
    }

    #[test]
    fn toy_duties_in_april_2025() {
        // 9503.00.00: MFN free, 301 List 4B never collected; fentanyl 20% + reciprocal 125%.
        let model = ChannelModel::embedded();
        let us = model
            .us_charges(&toy(), date("2025-04-15"), &ChannelAssumptions::default())
            .unwrap();
        assert_eq!(
            us.duties.round(RoundingMode::HalfEven).to_string(),
            "6.09 USD"
        );
        assert_eq!(us.reciprocal.to_string(), "5.25 USD");
    }

    #[test]
    fn domestic_lines_add_up() {
        let mut a = ChannelAssumptions {
            domestic_platform: Platform::Tmall,
            domestic_commission: "5%".parse().unwrap(),
            annual_units: Some(30_000),
            ..ChannelAssumptions::default()
        };
        a.benefits
            .push(Benefit::commission_rebate("50%".parse().unwrap()).unwrap());
        a.benefits
            .push(Benefit::fee_waiver("100%".parse().unwrap()).unwrap());
        let b = ChannelModel::embedded()
            .breakdown(Channel::Domestic, &toy(), date("2025-06-02"), &a)
            .unwrap();
        // 49 − 5.637168… (VAT) − 2.34 (rebate) − 2.45 − 1 (annual 30000/30000) + 1.225 + 1 − 18
        let labels: Vec<&str> = b.lines.iter().map(|l| l.label.as_str()).collect();
        assert!(labels.contains(&"annual store fee"));
        assert_eq!(
            b.margin.round(RoundingMode::HalfEven).to_string(),
            "21.80 CNY"
        );
    }

    #[test]
    fn unpriced_benefits_are_noted() {
        let program = crate::trade::ProgramBook::embedded()
            .program("alibaba_taobao_tmall")
            .unwrap();
        let a = ChannelAssumptions {
            domestic_platform: Platform::Tmall,
            domestic_commission: "3%".parse().unwrap(),
            ..ChannelAssumptions::default()
        }
        .with_program(program)
        .unwrap();
        let b = ChannelModel::embedded()
            .breakdown(Channel::Domestic, &toy(), date("2025-06-02"), &a)
            .unwrap();
        assert_eq!(
            b.notes
                .iter()
                .filter(|n| n.starts_with("program benefit not priced"))
                .count(),
            3
        );
        assert!(!b.lines.iter().any(|l| l.label.starts_with("program:")));
    }

    #[test]
    fn commission_outside_range_is_an_error() {
        let a = ChannelAssumptions {
            domestic_platform: Platform::Tmall,
            domestic_commission: "20%".parse().unwrap(),
            ..ChannelAssumptions::default()
        };
        assert!(ChannelModel::embedded()
            .breakdown(Channel::Domestic, &toy(), date("2025-06-02"), &a)
            .is_err());
    }

    #[test]
    fn missing_schedule_is_a_note() {
        let a = ChannelAssumptions {
            domestic_platform: Platform::Douyin,
            ..ChannelAssumptions::default()
        };
        let b = ChannelModel::embedded()
            .breakdown(Channel::Domestic, &toy(), date("2025-06-02"), &a)
            .unwrap();
        assert!(b.notes.iter().any(|n| n.contains("no fee schedule")));
    }

    #[test]
    fn cross_border_into_germany_takes_vat_out_of_the_price_and_the_eu_duty_from_the_quote() {
        let mut a = ChannelAssumptions {
            destination: "DE".parse().unwrap(),
            ..ChannelAssumptions::default()
        };
        let model = ChannelModel::embedded();
        // Germany's tariff is not embedded: without the product's rate the quote says so.
        let missing = model.breakdown(Channel::CrossBorderB2c, &toy(), date("2025-06-02"), &a);
        assert!(
            matches!(missing, Err(Error::MissingRate { .. })),
            "{missing:?}"
        );
        a.destination_rates
            .insert("mfn".to_owned(), "4.7%".parse().unwrap());
        let b = model
            .breakdown(Channel::CrossBorderB2c, &toy(), date("2025-06-02"), &a)
            .unwrap();
        let amount = |label: &str| {
            b.lines
                .iter()
                .find(|l| l.label == label)
                .map(|l| l.amount.amount())
                .unwrap()
        };
        let price = amount("delivered price to consumers in DE");
        let vat = amount("vat in DE");
        // 19% inside the price: price × 19 / 119.
        assert_eq!(vat, -(price * (Decimal::new(19, 2) / Decimal::new(119, 2))));
        // 4.7% of the CIF value of 1,000 units, per unit, in yuan: negative and small.
        let duty = amount("duties in DE");
        assert!(duty < Decimal::ZERO && duty > -price, "{duty}");
        let total: Decimal = b.lines.iter().map(|l| l.amount.amount()).sum();
        assert_eq!(b.margin.amount(), total);
        assert!(b.notes.iter().any(|n| n.contains("EUR converted at")));
    }

    #[test]
    fn cross_border_needs_a_price() {
        let mut p = toy();
        p.cross_border_price = None;
        assert!(ChannelModel::embedded()
            .breakdown(
                Channel::CrossBorderB2c,
                &p,
                date("2025-06-02"),
                &ChannelAssumptions::default()
            )
            .is_err());
    }

    #[test]
    fn dates_outside_the_rates_are_errors() {
        assert!(ChannelModel::embedded()
            .breakdown(
                Channel::Domestic,
                &toy(),
                date("2024-06-03"),
                &ChannelAssumptions::default()
            )
            .is_err());
    }
}
