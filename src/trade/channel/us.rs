//! The US channels: export B2B (the importer pays the duties) and cross-border B2C (the
//! exporter pays them), from a quote of a one-line shipment.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::*;
use crate::country::CountryCode;
use crate::error::{Error, Result};
use crate::landed::{Incoterm, Line, Shipment};
use crate::market::Market;
use crate::money::{Currency, ExchangeRate, Money};
use crate::quantity::{Quantity, Unit};
use crate::tariff::Authority;
use crate::trade::Product;

/// The US duties and entry fees on one unit, from a quote of a one-line shipment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct UsCharges {
    /// Duties per unit, USD, with the extra ad valorem rate.
    pub(crate) duties: Money,
    /// MPF and HMF per unit, USD.
    pub(crate) fees: Money,
    /// The IEEPA reciprocal duty per unit, USD (for what-if scenarios).
    pub(crate) reciprocal: Money,
    /// The customs value per unit, USD.
    pub(crate) value: Money,
}

impl ChannelModel<'_> {
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

    /// The US duties and fees per unit from a quote of one shipment of the product (also what
    /// the break-even and the what-if scenarios read).
    pub(crate) fn us_charges(
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

    pub(super) fn export_b2b(
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

    pub(super) fn cross_border(
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
        let to_cny = self.reference_rate(quote.currency, b.date)?;
        let per_unit_cny = |total: Decimal| -> Result<Money> {
            to_cny.apply(Money::new(per_unit(total, a)?, quote.currency))
        };
        let delivered = rate.apply(price)?;
        b.lines.push(line(
            &format!("delivered price to consumers in {destination}"),
            delivered,
            format!("{price} per unit, delivered duty paid, on a cross-border platform"),
        ));
        b.lines
            .extend(sales_tax_line(market, destination, b.date, delivered)?);
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
}

/// The destination's sales tax inside a delivered consumer price, which the seller remits (the
/// import tax on the shipment is recovered against it); `None` where the market's rules on the
/// date give no tax rate of their own.
fn sales_tax_line(
    market: &Market,
    destination: CountryCode,
    date: NaiveDate,
    delivered: Money,
) -> Result<Option<ChannelLine>> {
    let Some((authority, tax_rate)) = market
        .tax_rules(destination, date)
        .find_map(|t| t.rate.map(|r| (t.authority, r)))
    else {
        return Ok(None);
    };
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
    Ok(Some(line(
        &format!("{authority} in {destination}"),
        tax.negate(),
        format!(
            "{tax_rate} inside the delivered price, remitted by the seller (the import {authority} on the shipment is recovered against it)"
        ),
    )))
}
