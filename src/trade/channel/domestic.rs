//! The domestic channel: selling at home through a Chinese platform.
//!
//! The retail price includes China's VAT, whose rate is read from the CN market rules
//! (`data/markets/markets.json`, `vat_cn_13`) for the sale date; the platform's commission,
//! technical and annual fees come from its fee schedule; a program's commission rebate or fee
//! waiver is credited back.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::*;
use crate::country::CountryCode;
use crate::error::{Error, Result};
use crate::market::Authority;
use crate::money::Rate;
use crate::trade::{BenefitKind, PlatformFees, Product};

/// The costs of a domestic sale of one unit, before the program's credits.
struct SaleCosts {
    commission: Money,
    technical: Money,
    technical_rate: Rate,
    /// The annual fee and its share per unit.
    annual: Option<(Money, Money)>,
}

impl ChannelModel<'_> {
    pub(super) fn domestic(
        &self,
        b: &mut ChannelBreakdown,
        product: &Product,
        date: NaiveDate,
        a: &ChannelAssumptions,
    ) -> Result<()> {
        let platform = a.domestic_platform;
        b.platform = Some(platform);
        let schedule = self.fees.get(platform);
        check_schedule(b, schedule, a)?;
        let vat_rate = self.china_vat(date)?;
        let price = product.domestic_price;
        b.lines.push(line(
            "retail price (VAT included)",
            price,
            format!("{price} per unit on {platform}"),
        ));
        // Output VAT on a VAT-inclusive price: price × rate / (1 + rate).
        let vat_fraction = vat_rate
            .fraction()
            .checked_add(Decimal::ONE)
            .and_then(|gross| vat_rate.fraction().checked_div(gross))
            .ok_or_else(|| Error::overflow("VAT fraction"))?;
        let vat = price.checked_mul(vat_fraction)?;
        b.lines.push(line(
            "output VAT",
            vat.negate(),
            format!(
                "{vat_rate} VAT included in the price: {price} × {vat_rate} / (100% + {vat_rate})"
            ),
        ));
        let rebate = product.unit_cost.checked_mul_rate(product.export_rebate)?;
        b.lines.push(line(
            "export VAT rebate given up",
            rebate.negate(),
            format!(
                "exports are zero-rated and refunded {} of the unit cost; a domestic sale is not",
                product.export_rebate
            ),
        ));
        let costs = sale_costs(price, schedule, a)?;
        push_fee_lines(b, &costs, a);
        push_program_lines(b, &costs, a)?;
        b.lines.push(line(
            "domestic logistics",
            a.domestic_logistics_per_unit.negate(),
            format!("{} per unit", a.domestic_logistics_per_unit),
        ));
        b.lines.push(unit_cost(product));
        Ok(())
    }

    /// China's VAT rate on a date, from the CN market's tax rules (the rule of authority `vat`
    /// with a rate of its own).
    fn china_vat(&self, date: NaiveDate) -> Result<Rate> {
        let china = CountryCode::CN;
        let market = self
            .tariffs
            .markets()
            .for_importer(china)
            .ok_or(Error::UnknownImporter { importer: china })?;
        market
            .tax_rules(china, date)
            .find(|t| t.authority == Authority::Vat)
            .and_then(|t| t.rate)
            .ok_or_else(|| {
                Error::invalid(
                    "China VAT",
                    format!(
                        "the CN market rules hold no VAT rate for {date}: add one (a tax rule of \
                         authority \"vat\" with a rate) and load it with TariffBook::with_markets"
                    ),
                )
            })
    }
}

/// The commission assumed must be within the platform's range; an unconfirmed schedule or none
/// at all is said in the notes.
fn check_schedule(
    b: &mut ChannelBreakdown,
    schedule: Option<&PlatformFees>,
    a: &ChannelAssumptions,
) -> Result<()> {
    let platform = a.domestic_platform;
    let Some(s) = schedule else {
        b.notes.push(format!(
            "no fee schedule is held for {platform}: only the commission assumed is charged"
        ));
        return Ok(());
    };
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
    Ok(())
}

fn sale_costs(
    price: Money,
    schedule: Option<&PlatformFees>,
    a: &ChannelAssumptions,
) -> Result<SaleCosts> {
    let technical_rate = schedule.and_then(|s| s.technical_fee).unwrap_or(Rate::ZERO);
    let annual = match (schedule.and_then(|s| s.annual_fees.first()), a.annual_units) {
        (Some(fee), Some(units)) => Some((*fee, fee.checked_div(Decimal::from(units))?)),
        _ => None,
    };
    Ok(SaleCosts {
        commission: price.checked_mul_rate(a.domestic_commission)?,
        technical: price.checked_mul_rate(technical_rate)?,
        technical_rate,
        annual,
    })
}

fn push_fee_lines(b: &mut ChannelBreakdown, costs: &SaleCosts, a: &ChannelAssumptions) {
    let platform = a.domestic_platform;
    b.lines.push(line(
        "platform commission",
        costs.commission.negate(),
        format!(
            "{} of the price (category commission assumed)",
            a.domestic_commission
        ),
    ));
    if !costs.technical_rate.is_zero() {
        b.lines.push(line(
            "platform technical fee",
            costs.technical.negate(),
            format!(
                "{} of the price ({platform}'s fee schedule)",
                costs.technical_rate
            ),
        ));
    }
    if let Some((fee, per_unit)) = costs.annual {
        b.lines.push(line(
            "annual store fee",
            per_unit.negate(),
            format!(
                "{fee} a year (the lower of {platform}'s annual fees) over {} units",
                a.annual_units.unwrap_or(0)
            ),
        ));
    }
}

/// The program's commission rebate and fee waiver as credits; other benefits in the notes.
fn push_program_lines(
    b: &mut ChannelBreakdown,
    costs: &SaleCosts,
    a: &ChannelAssumptions,
) -> Result<()> {
    let fees_waivable = match costs.annual {
        Some((_, per_unit)) => costs.technical.checked_add(per_unit)?,
        None => costs.technical,
    };
    if let Some(share) = benefit_share(&a.benefits, BenefitKind::CommissionRebate)? {
        b.lines.push(line(
            "program: commission rebate",
            costs.commission.checked_mul_rate(share)?,
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
    Ok(())
}
