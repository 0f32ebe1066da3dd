//! The two exporters the `pivot` and `chart` examples follow. Their prices, costs and channel
//! assumptions are illustrative (chosen to be plausible, not taken from a company); the duties,
//! exchange rates, VAT, platform fees and programs come from the crate's embedded data.

use chrono::NaiveDate;
use landed_cost::trade::{
    monthly_dates, Benefit, ChannelAssumptions, Exporter, Platform, Product, ProgramBook,
};
use landed_cost::{Error, Money};

/// An exporter with the assumptions of its channels.
pub struct Case {
    /// The exporter and its product (one each here).
    pub exporter: Exporter,
    /// The channel assumptions.
    pub assumptions: ChannelAssumptions,
}

impl Case {
    /// The exporter's product.
    pub fn product(&self) -> Result<&Product, String> {
        self.exporter
            .products
            .first()
            .ok_or_else(|| format!("{} has no product", self.exporter.name))
    }
}

fn money(text: &str) -> Result<Money, Error> {
    text.parse()
}

/// A Yiwu (Zhejiang) small-goods exporter selling toy building blocks (HTS 9503.00.00: MFN free,
/// Section 301 List 4B never collected, so only the IEEPA duties bite), and a Shenzhen
/// (Guangdong) electronics exporter selling 65 W USB-C chargers (HTS 8504.40.95: MFN free,
/// Section 301 List 3 at 25% on top of the IEEPA duties).
pub fn cases() -> Result<Vec<Case>, Error> {
    let toy = Product::new(
        "YW-BLOCKS-500",
        "9503.00.00".parse()?,
        money("18.00 CNY")?,
        money("4.20 USD")?,
        money("49.00 CNY")?,
        "13%".parse()?,
    )?
    .with_description("plastic building-block set, 500 pieces")
    .with_weight("0.45 KG".parse()?)
    .with_cross_border_price(money("12.99 USD")?)?;
    let yiwu = Exporter::new(
        "Yiwu Hengda Small Commodities Co. (illustrative)",
        "Zhejiang",
        "85%".parse()?,
        vec![toy],
    )?;
    let mut yiwu_assumptions = ChannelAssumptions::default();
    yiwu_assumptions.units_per_shipment = 5000;
    yiwu_assumptions.freight_per_unit = money("0.18 USD")?;
    yiwu_assumptions.insurance_per_unit = money("0.01 USD")?;
    yiwu_assumptions.pass_through = "50%".parse()?;
    yiwu_assumptions.cross_border_commission = "15%".parse()?;
    yiwu_assumptions.fulfilment_per_unit = money("3.20 USD")?;
    yiwu_assumptions.domestic_platform = Platform::Pinduoduo;
    yiwu_assumptions.domestic_logistics_per_unit = money("3.50 CNY")?;

    let charger = Product::new(
        "SZ-GAN-65W",
        "8504.40.95".parse()?,
        money("38.00 CNY")?,
        money("9.50 USD")?,
        money("129.00 CNY")?,
        "13%".parse()?,
    )?
    .with_description("65 W GaN USB-C charger")
    .with_weight("0.12 KG".parse()?)
    .with_cross_border_price(money("24.99 USD")?)?;
    let shenzhen = Exporter::new(
        "Shenzhen Lianke Electronics Co. (illustrative)",
        "Guangdong",
        "70%".parse()?,
        vec![charger],
    )?;
    let mut shenzhen_assumptions = ChannelAssumptions::default();
    shenzhen_assumptions.units_per_shipment = 4000;
    shenzhen_assumptions.mode = landed_cost::landed::Mode::Air;
    shenzhen_assumptions.freight_per_unit = money("0.35 USD")?;
    shenzhen_assumptions.insurance_per_unit = money("0.02 USD")?;
    shenzhen_assumptions.pass_through = "60%".parse()?;
    shenzhen_assumptions.cross_border_commission = "15%".parse()?;
    shenzhen_assumptions.fulfilment_per_unit = money("3.80 USD")?;
    shenzhen_assumptions.domestic_platform = Platform::Tmall;
    shenzhen_assumptions.domestic_commission = "5%".parse()?;
    shenzhen_assumptions.annual_units = Some(40_000);
    shenzhen_assumptions.domestic_logistics_per_unit = money("6.00 CNY")?;
    // Alibaba's program on Taobao and Tmall: its benefits are recorded; it promised "higher
    // commissions" without a rate, so half the commission returned is an assumption for
    // illustration, not a reported figure.
    if let Some(alibaba) = ProgramBook::embedded().program("alibaba_taobao_tmall") {
        shenzhen_assumptions = shenzhen_assumptions.with_program(alibaba)?;
    }
    shenzhen_assumptions
        .benefits
        .push(Benefit::commission_rebate("50%".parse()?)?);

    Ok(vec![
        Case {
            exporter: yiwu,
            assumptions: yiwu_assumptions,
        },
        Case {
            exporter: shenzhen,
            assumptions: shenzhen_assumptions,
        },
    ])
}

/// The 15th of each month from January 2025 to September 2026 (the last month the embedded MPF
/// schedule, FY2026, covers).
pub fn dates() -> Result<Vec<NaiveDate>, String> {
    let first = NaiveDate::from_ymd_opt(2025, 1, 15).ok_or("bad date")?;
    let last = NaiveDate::from_ymd_opt(2026, 12, 15).ok_or("bad date")?;
    monthly_dates(first, last).map_err(|e| e.to_string())
}
