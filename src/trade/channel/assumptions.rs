//! What a channel computation assumes: [`ChannelAssumptions`].

use serde::{Deserialize, Serialize};

use crate::country::CountryCode;
use crate::error::{Error, Result};
use crate::landed::Mode;
use crate::money::{Currency, Money, Rate};
use crate::trade::{Benefit, Platform, PlatformProgram};

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
