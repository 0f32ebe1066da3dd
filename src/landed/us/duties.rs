//! The duties stage of a US quote: for each line, the MFN duty and every measure the book's
//! measure engine finds applicable, each charged on its base (the customs value, a metal's
//! content, the value Section 232 did not charge, less US content), in whole dollars, and
//! rounded to the cent; a floor measure tops the MFN duty up to its total.

use std::fmt::Write as _;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use smallvec::SmallVec;

use crate::error::{Error, Result};
use crate::hs::HsCode;
use crate::landed::arith::{add, cents, sub, whole_dollars};
use crate::landed::cost::{Charge, LineCost, NotApplied, Why};
use crate::landed::not_charged::{self, NotCharged};
use crate::landed::shipment::{Line, Shipment};
use crate::landed::text::{BaseText, DutyWhy, Reason, Text};
use crate::landed::us::transit;
use crate::landed::valuation::{Converter, LineValues};
use crate::landed::warnings::Warnings;
use crate::money::{Currency, Money, Rate};
use crate::tariff::hts::Edition;
use crate::tariff::{
    AdValorem, Applied, AppliedReason, Authority, Base, Claims, DutyBase, DutyRate, TariffBook,
};
use crate::validity::IsoDate;
use crate::warning::{Warning, WarningCode};

/// A line's costs.
pub(super) fn line_cost(
    line: &Line,
    v: &LineValues,
    charges: Vec<Charge>,
    not_applied: Vec<NotApplied>,
) -> LineCost {
    LineCost {
        hts: line.hts,
        customs_value: v.customs_value,
        freight: v.freight,
        insurance: v.insurance,
        charges,
        not_applied,
    }
}

/// The ordinary duties of one line: what applies to it (into `applied`, the caller's buffer),
/// each charged, and what covered it but was not charged.
pub(super) fn line<'b>(
    book: &'b TariffBook,
    shipment: &Shipment,
    line: &Line,
    v: &LineValues,
    to_usd: &Converter,
    applied: &mut SmallVec<[Applied<'b>; 8]>,
    warnings: &mut Warnings,
) -> Result<LineCost> {
    // A missing date of loading is taken to be the date of exportation.
    let loaded_date = shipment.loaded_date.or(Some(shipment.export_date));
    let origin = line.origin.unwrap_or(shipment.origin);
    let what = book.applicable_into(
        &line.hts,
        origin,
        shipment.entry_date,
        loaded_date,
        Claims::headings(&line.claims).with_usmca(line.usmca),
        applied,
    )?;
    for w in what.warnings {
        warnings.push(w);
    }
    if let Some(p) = book
        .us_rules()
        .import_prohibition(origin, shipment.entry_date)
    {
        warnings.push(p.warning());
    }
    if shipment.loaded_date.is_none() {
        if let Some(w) = transit::assumed_loading(shipment, &what.excluded, applied) {
            warnings.push(Warning::new(WarningCode::LoadingDateAssumed, w));
        }
    }
    if !line.rates.is_empty() {
        warnings.push(Warning::new(
            WarningCode::LineRatesNotUsed,
            format!(
                "line {}: the rates given are not used for US imports; the embedded tariff is",
                line.hts
            ),
        ));
    }
    let mut charges: Vec<Charge> = Vec::with_capacity(applied.len());
    // Section 232 charges come first (charges are ordered by authority), so the metal value
    // they charged is known when a base needs the rest.
    let mut metal_charged = Decimal::ZERO;
    for applied in applied.iter() {
        let on = ChargedLine { line, v, to_usd };
        let base = charge(
            applied,
            &on,
            metal_charged,
            what.edition,
            warnings.pending(),
            &mut charges,
        )?;
        if matches!(applied.base, Base::MetalContent(_)) {
            metal_charged = add(metal_charged, base)?;
        }
    }
    warnings.flush();
    for claim in &line.claims {
        let used = applied.iter().any(|a| a.heading == *claim)
            || what.excluded.iter().any(|e| e.heading == Some(*claim));
        if !used {
            warnings.push(claim_not_used(book, line, *claim, shipment.entry_date));
        }
    }
    if line.usmca {
        if let Some(mfn) = charges
            .first()
            .filter(|c| c.authority == Authority::Mfn && !c.amount.is_zero())
        {
            warnings.push(Warning::new(
                WarningCode::PreferenceNotModelled,
                format!(
                    "line {}: entered under the USMCA, goods that qualify pay the rate of the HTS \
                     special column (program S, often Free), which the data does not hold; the \
                     general rate {} is charged (${})",
                    line.hts, mfn.rate, mfn.amount
                ),
            ));
        }
    }
    // Each reason is written out when read; one not held by reference, now.
    let not_applied = what
        .excluded
        .iter()
        .map(|e| NotApplied {
            authority: e.measure.authority,
            heading: e.heading.unwrap_or(e.measure.heading),
            reason: match NotCharged::of(e, applied, book.measures()) {
                Some(n) => Text::not_charged(n),
                None => Text::from(not_charged::line(e.measure, &e.reason)),
            },
        })
        .collect();
    Ok(line_cost(line, v, charges, not_applied))
}

/// The warning for a claimed heading no measure in force used: when a measure of that heading
/// is in force, if the book has one, and its note (what is known of an extension, say).
fn claim_not_used(book: &TariffBook, line: &Line, claim: HsCode, entry: NaiveDate) -> Warning {
    let mut message = format!(
        "line {}: the claim of {claim} changes nothing on {}: no measure in force then uses it",
        line.hts,
        IsoDate(entry)
    );
    // The measure of that heading that ended last before the entry, or else any.
    let of_heading = || book.measures().iter().filter(|m| m.heading == claim);
    let ended = of_heading()
        .filter(|m| m.valid_until.is_some_and(|u| u <= entry))
        .max_by_key(|m| m.valid_until);
    if let Some(m) = ended.or_else(|| of_heading().next()) {
        let _ = write!(
            message,
            "; {claim} ({}) applies from {}",
            m.title, m.valid_from
        );
        if let Some(last) = m.valid_until.and_then(|u| u.pred_opt()) {
            let _ = write!(message, " to {last}");
        }
        if let Some(note) = &m.note {
            let _ = write!(message, ". {note}");
        }
    }
    Warning::new(WarningCode::ClaimNotUsed, message)
}

/// The line a duty is charged on: the shipment's line, its values, and the conversion of the
/// amounts it declares (metal and US content).
struct ChargedLine<'l> {
    line: &'l Line,
    v: &'l LineValues,
    to_usd: &'l Converter,
}

/// One duty on a line, added to `charges`; returns its base.
fn charge(
    applied: &Applied<'_>,
    on: &ChargedLine<'_>,
    metal_charged: Decimal,
    edition: &Edition,
    warnings: &mut Vec<Warning>,
    charges: &mut Vec<Charge>,
) -> Result<Decimal> {
    let (base, base_text) = base_of(applied, on, metal_charged, warnings)?;
    let (base, less_us_content) = less_us_content(applied, on, base)?;
    let base = whole_dollars(base);
    let floor_rate = floor_rate(applied, charges)?;
    // Most rates are a single percentage: applied to the base directly, with the same exact
    // product `DutyRate::duty` computes; the others with the line's quantities.
    let exact = match floor_rate.or_else(|| applied.rate.ad_valorem_rate()) {
        Some(rate) => rate.apply(base)?,
        None => {
            let mut duty_base = DutyBase::new(Money::new(base, Currency::USD));
            for q in &on.line.quantities {
                duty_base = duty_base.with_quantity(*q);
            }
            applied.rate.duty(&duty_base)?.amount()
        }
    };
    let amount = cents(exact);
    let (heading, rate) = match (floor_rate, applied.floor) {
        (Some(rate), Some(floor)) => (
            if rate.is_zero() {
                floor.met_heading
            } else {
                applied.heading
            },
            DutyRate::from_terms([AdValorem::new(rate)?.into()])?,
        ),
        _ => (applied.heading, applied.rate.clone()),
    };
    charges.push(Charge {
        authority: applied.authority,
        heading,
        rate,
        base,
        amount,
        why: Why::Duty(DutyWhy {
            base_text,
            less_us_content,
            column2: match applied.reason {
                AppliedReason::Column2 { country, .. } => Some(country.country),
                _ => None,
            },
            reason: Reason::of(&applied.reason, edition.label()),
        }),
    });
    Ok(base)
}

/// The value a duty is charged on, before US content: the declared content of a metal (the
/// full value, with a warning, where none is declared), the value Section 232 did not charge,
/// or the customs value.
fn base_of(
    applied: &Applied<'_>,
    on: &ChargedLine<'_>,
    metal_charged: Decimal,
    warnings: &mut Vec<Warning>,
) -> Result<(Decimal, BaseText)> {
    Ok(match applied.base {
        Base::MetalContent(metal) => {
            let content = on
                .line
                .metal_content
                .iter()
                .find(|m| m.metal == metal)
                .map(|m| on.to_usd.convert(m.value))
                .transpose()?;
            match content {
                Some(content) => (content, BaseText::Metal(metal)),
                None => {
                    warnings.push(Warning::new(
                        WarningCode::MetalContentNotDeclared,
                        format!(
                            "line {}: no {metal} content declared; {} charged on the full value",
                            on.line.hts, applied.heading
                        ),
                    ));
                    (on.v.customs_value, BaseText::MetalNotDeclared)
                }
            }
        }
        // The value that Section 232 did not charge (charged metal content, or the full value
        // where the content was not declared).
        Base::NonMetalValue => (
            sub(on.v.customs_value, metal_charged)?.max(Decimal::ZERO),
            BaseText::NonMetalValue,
        ),
        _ => (on.v.customs_value, BaseText::CustomsValue),
    })
}

/// The base less the US content, for a measure with a US-content threshold the line's declared
/// US content meets; and whether it was taken off.
fn less_us_content(
    applied: &Applied<'_>,
    on: &ChargedLine<'_>,
    base: Decimal,
) -> Result<(Decimal, bool)> {
    let (Some(threshold), Some(us)) = (applied.us_content_threshold, on.line.us_content) else {
        return Ok((base, false));
    };
    let us = on.to_usd.convert(us)?;
    let value = on.v.customs_value;
    if !value.is_zero() && us >= threshold.apply(value)? {
        Ok((sub(base, us)?.max(Decimal::ZERO), true))
    } else {
        Ok((base, false))
    }
}

/// For a floor measure, the rate that brings the total with the MFN duty up to the floor: the
/// MFN charge (always the line's first; the column 2 charge in its place for goods of a country
/// of general note 3(b)) gives the MFN ad valorem equivalent.
fn floor_rate(applied: &Applied<'_>, charges: &[Charge]) -> Result<Option<Rate>> {
    let Some(floor) = applied.floor else {
        return Ok(None);
    };
    let mfn = charges
        .first()
        .filter(|c| c.authority.is_line_rate())
        .map_or(Ok(Rate::ZERO), |c| {
            mfn_ad_valorem_equivalent(&c.rate, c.amount, c.base)
        })?;
    Ok(Some(floor.additional(mfn)))
}

/// The ad valorem equivalent of the MFN duty charged on a line, for a floor ("15% total,
/// including MFN"): the rate itself where it is a percentage, otherwise the duty charged over
/// the value it was charged on, rounded to the nearest 0.0001 percentage point (six decimal
/// places of the fraction, half away from zero).
fn mfn_ad_valorem_equivalent(rate: &DutyRate, amount: Decimal, base: Decimal) -> Result<Rate> {
    if let Some(r) = rate.ad_valorem_rate() {
        return Ok(r);
    }
    if base.is_zero() {
        return Ok(Rate::ZERO);
    }
    let fraction = amount
        .checked_div(base)
        .ok_or_else(|| Error::overflow("MFN ad valorem equivalent"))?
        .round_dp_with_strategy(6, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    Rate::from_fraction(fraction)
}
