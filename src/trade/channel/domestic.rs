//! The domestic channel: selling at home through a Chinese platform.

use rust_decimal::Decimal;

use super::*;
use crate::error::{Error, Result};
use crate::money::Rate;
use crate::trade::{BenefitKind, Product, VAT_STANDARD};

impl ChannelModel<'_> {
    pub(super) fn domestic(
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
