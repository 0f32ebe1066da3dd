//! Valuation, the first stage of every quote: the lines' values converted to the quote currency
//! ([`Converter`], at the rate [`conversion`](crate::landed::conversion) chose), and freight and
//! insurance shared among the lines by value or by weight, a tie for the last minor unit going
//! by the stable line order ([`order`](crate::landed::order)). The incoterm says whether the
//! price includes them; what is left is each line's value without freight and insurance.

use rust_decimal::Decimal;
use smallvec::SmallVec;

use crate::error::{Error, Result};
use crate::landed::arith::sub;
use crate::landed::order;
use crate::landed::shipment::{AllocationBasis, Line, Shipment};
use crate::money::{allocation, exact, Currency, Money, RoundingMode};
use crate::quantity::{Dimension, Unit};

/// A line's values in the quote currency.
pub(crate) struct LineValues {
    /// The freight allocated to the line.
    pub(crate) freight: Decimal,
    /// The insurance allocated to the line.
    pub(crate) insurance: Decimal,
    /// The goods' value without freight and insurance (the US customs value).
    pub(crate) customs_value: Decimal,
}

/// Converts shipment-currency amounts to the quote currency, rounding to its minor unit.
pub(crate) struct Converter {
    /// The rate, or `None` when the shipment is in the quote currency.
    pub(crate) rate: Option<Decimal>,
    /// The quote currency.
    pub(crate) to: Currency,
}

impl Converter {
    /// `amount` in the quote currency, rounded to its minor unit half away from zero.
    #[inline]
    pub(crate) fn convert(&self, amount: Decimal) -> Result<Decimal> {
        match self.rate {
            None => Ok(amount),
            Some(rate) => Ok(RoundingMode::HalfAwayFromZero.round(
                amount
                    .checked_mul(rate)
                    .ok_or_else(|| Error::overflow("currency conversion"))?,
                self.to.minor_units(),
            )),
        }
    }
}

/// Converts the lines and shares freight and insurance among them.
pub(crate) fn line_values(
    shipment: &Shipment,
    to: &Converter,
) -> Result<SmallVec<[LineValues; 4]>> {
    if shipment.lines.is_empty() {
        return Err(Error::NoLines);
    }
    check_not_negative(shipment)?;
    let mut values: SmallVec<[LineValues; 4]> = SmallVec::with_capacity(shipment.lines.len());
    for line in &shipment.lines {
        values.push(LineValues {
            freight: Decimal::ZERO,
            insurance: Decimal::ZERO,
            customs_value: to.convert(line.value)?,
        });
    }
    let freight = to.convert(shipment.freight)?;
    let insurance = to.convert(shipment.insurance)?;
    let single = match (values.as_mut_slice(), shipment.allocate_by) {
        // One line by value takes all the freight and insurance, if it has value to carry it.
        ([only], AllocationBasis::Value)
            if exact::cmp(only.customs_value, Decimal::ZERO).is_gt() =>
        {
            Some(only)
        }
        _ => None,
    };
    if let Some(only) = single {
        only.freight = freight;
        only.insurance = insurance;
    } else if !freight.is_zero() || !insurance.is_zero() {
        share(
            shipment,
            &mut values,
            Money::new(freight, to.to),
            Money::new(insurance, to.to),
        )?;
    }
    less_what_the_price_includes(shipment, &mut values)?;
    Ok(values)
}

/// A negative line value, freight or insurance is an error naming it.
fn check_not_negative(shipment: &Shipment) -> Result<()> {
    for (i, line) in shipment.lines.iter().enumerate() {
        if line.value.is_sign_negative() && !line.value.is_zero() {
            return Err(Error::NegativeValue {
                what: format!("line {} ({}) value", i + 1, line.hts),
                value: line.value,
            });
        }
    }
    for (what, value) in [
        ("freight", shipment.freight),
        ("insurance", shipment.insurance),
    ] {
        if value.is_sign_negative() && !value.is_zero() {
            return Err(Error::NegativeValue {
                what: what.to_owned(),
                value,
            });
        }
    }
    Ok(())
}

/// The weight each line shares freight and insurance by: its value, or its mass.
fn allocation_weights(shipment: &Shipment, values: &[LineValues]) -> Result<Vec<Decimal>> {
    let weights: Vec<Decimal> = match shipment.allocate_by {
        AllocationBasis::Value => values.iter().map(|v| v.customs_value).collect(),
        AllocationBasis::Weight => shipment
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| line_weight(l).ok_or_else(|| {
                Error::invalid(
                    "allocation by weight",
                    format!("line {} ({}) has no quantity in a mass unit; add one to its \"quantities\" (e.g. {{\"amount\": \"12.5\", \"unit\": \"kg\"}}) or set \"allocate_by\": \"value\"", i + 1, l.hts),
                )
            }))
            .collect::<Result<_>>()?,
    };
    if weights.iter().all(|w| w.is_zero()) {
        return Err(Error::ZeroAllocationBase {
            basis: match shipment.allocate_by {
                AllocationBasis::Weight => "weight",
                _ => "value",
            },
        });
    }
    Ok(weights)
}

/// Shares freight and insurance among the lines by their weights.
fn share(
    shipment: &Shipment,
    values: &mut [LineValues],
    freight: Money,
    insurance: Money,
) -> Result<()> {
    let weights = allocation_weights(shipment, values)?;
    let mut positive = weights.iter().filter(|w| **w > Decimal::ZERO);
    if let (Some(_), None) = (positive.next(), positive.next()) {
        // One line carries all the weight (always so for a single line): it takes all.
        for (v, w) in values.iter_mut().zip(&weights) {
            if *w > Decimal::ZERO {
                v.freight = freight.amount();
                v.insurance = insurance.amount();
            }
        }
        return Ok(());
    }
    // Lines of zero weight get nothing; the others share by weight, a tie for the last cent
    // going by the stable line order, not by position.
    let (positive, line_of): (Vec<Decimal>, Vec<usize>) = weights
        .iter()
        .enumerate()
        .filter(|(_, w)| **w > Decimal::ZERO)
        .map(|(i, w)| (*w, i))
        .unzip();
    let mut ties = |tied: &mut [usize]| {
        tied.sort_by_cached_key(|&p| {
            line_of
                .get(p)
                .and_then(|&i| shipment.lines.get(i))
                .map(order::LineKey::of)
        });
    };
    let freights = allocation::allocate_with_ties(freight, &positive, &mut ties)?;
    let insurances = allocation::allocate_with_ties(insurance, &positive, &mut ties)?;
    let mut shares = freights.iter().zip(&insurances);
    for (v, w) in values.iter_mut().zip(&weights) {
        if *w > Decimal::ZERO {
            if let Some((f, i)) = shares.next() {
                v.freight = f.amount();
                v.insurance = i.amount();
            }
        }
    }
    Ok(())
}

/// Takes freight and insurance out of the lines' values where the incoterm's price includes
/// them; a line left negative is an error.
fn less_what_the_price_includes(shipment: &Shipment, values: &mut [LineValues]) -> Result<()> {
    for (i, v) in values.iter_mut().enumerate() {
        if shipment.incoterm.includes_freight() {
            v.customs_value = sub(v.customs_value, v.freight)?;
        }
        if shipment.incoterm.includes_insurance() {
            v.customs_value = sub(v.customs_value, v.insurance)?;
        }
        if v.customs_value.is_sign_negative() {
            return Err(Error::invalid(
                "line value",
                format!(
                    "line {}: freight and insurance allocated exceed its {} value",
                    i + 1,
                    shipment.incoterm
                ),
            ));
        }
    }
    Ok(())
}

/// A line's weight in kilograms, from its first quantity in a mass unit.
fn line_weight(line: &Line) -> Option<Decimal> {
    line.quantities
        .iter()
        .find(|q| q.unit().dimension() == Dimension::Mass)
        .and_then(|q| q.convert_to(Unit::Kilogram).ok())
        .map(|q| q.amount())
}
