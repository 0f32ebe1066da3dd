//! The US postal regimes for a parcel whose lines may be of several origins.
//!
//! The rule implemented. A postal item of an origin that lost de minimis pays, instead of all
//! other duties, the postal duty of its origin's regime (EO 14256 and EO 14298 for goods of China
//! and Hong Kong; from 29 Aug 2025 EO 14324 for all origins, at the origin country's effective
//! IEEPA rate, or per item in bands of that rate). The sources held (DOMAIN.md §3) give the duty
//! by the origin of the goods and do not say how one parcel holding goods of several origins is
//! charged. So each line is charged by its own origin's regime, never by its position:
//!
//! - lines of origins under one regime at one rate are charged together: the rate on their
//!   value in whole dollars, carried by the first of them in the stable line order;
//! - lines of an origin that no postal regime covers pay the ordinary duties, and the entry fees
//!   are computed on their value;
//! - the per-item method charges the parcel once; where the origins' per-item amounts differ,
//!   the quote is an error asking for separate parcels or the ad valorem method;
//! - a parcel with lines under more than one treatment carries a warning saying so.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::country::CountryCode;
use crate::error::{Error, Result};
use crate::landed::cost::{Charge, Why};
use crate::landed::order;
use crate::landed::shipment::{Mode, PostalDutyMethod, Shipment};
use crate::landed::valuation::LineValues;
use crate::landed::warnings::Warnings;
use crate::market::us::{DerivedRate, PostalAdValorem, PostalRegime, UsRules};
use crate::money::{exact, Currency, Money, Rate, RoundingMode};
use crate::quantity::Unit;
use crate::tariff::{AdValorem, Authority, DutyRate, Specific};
use crate::warning::{Warning, WarningCode};

/// The postal duties of a parcel, by line.
pub(crate) struct Postal {
    /// For each line, `Some` (the postal charges it carries, often none) when a postal regime
    /// covers its origin; `None` when it pays the ordinary duties.
    lines: Vec<Option<Vec<Charge>>>,
}

impl Postal {
    /// The postal charges of line `index`, or `None` for a line that pays the ordinary duties.
    pub(crate) fn take(&mut self, index: usize) -> Option<Vec<Charge>> {
        self.lines
            .get_mut(index)
            .and_then(Option::as_mut)
            .map(std::mem::take)
    }

    /// Whether line `index` is under a postal regime.
    pub(crate) fn covers(&self, index: usize) -> bool {
        self.lines.get(index).is_some_and(Option::is_some)
    }
}

/// The lines of one regime at one rate.
struct Group<'a> {
    regime: &'a PostalRegime,
    rate: Rate,
    per_item: Option<Decimal>,
    value: Decimal,
    lines: Vec<usize>,
}

/// The postal duties of a postal shipment, or `None` when the shipment is not postal or no line's
/// origin has a postal regime on the entry date. `ieepa` gives an origin's effective IEEPA rate.
pub(crate) fn plan(
    rules: &UsRules,
    shipment: &Shipment,
    values: &[LineValues],
    ieepa: impl Fn(CountryCode, NaiveDate) -> Result<Rate>,
    warnings: &mut Warnings,
) -> Result<Option<Postal>> {
    if shipment.mode != Mode::Postal {
        return Ok(None);
    }
    let grouping = group_lines(rules, shipment, values, ieepa)?;
    if grouping.groups.is_empty() {
        return Ok(None);
    }
    grouping.warn_if_mixed(warnings);
    let method = shipment.postal_duty_method.unwrap_or_else(|| {
        warnings.push(Warning::new(
            WarningCode::PostalMethodAssumed,
            "postal method assumed ad valorem (the carrier chooses; set postal_duty_method)",
        ));
        PostalDutyMethod::AdValorem
    });
    let groups = &grouping.groups;
    let mut lines: Vec<Option<Vec<Charge>>> = vec![None; shipment.lines.len()];
    for group in groups.values() {
        for &i in &group.lines {
            if let Some(slot) = lines.get_mut(i) {
                *slot = Some(Vec::new());
            }
        }
    }
    let mut give = |index: Option<usize>, charge: Charge| {
        if let Some(Some(charges)) = index.and_then(|i| lines.get_mut(i)) {
            charges.push(charge);
        }
    };
    match method {
        PostalDutyMethod::PerItem => {
            let (charge, carrier) = per_item_charge(shipment, groups)?;
            give(carrier, charge);
        }
        _ => {
            for group in groups.values() {
                let carrier = order::first(&shipment.lines, group.lines.iter().copied());
                give(carrier, ad_valorem_charge(shipment, group)?);
            }
        }
    }
    Ok(Some(Postal { lines }))
}

/// The parcel's lines by postal regime and rate, with the origins no regime covers.
struct Grouping<'a> {
    /// Each covered origin's effective IEEPA rate.
    rates: BTreeMap<CountryCode, Rate>,
    /// The lines charged together: one group per regime and ad valorem rate.
    groups: BTreeMap<(&'a str, Rate), Group<'a>>,
    /// The origins of lines no postal regime covers (they pay the ordinary duties and fees).
    ordinary: Vec<CountryCode>,
}

/// Groups the lines of a postal shipment by the regime of their origin and its rate.
fn group_lines<'a>(
    rules: &'a UsRules,
    shipment: &Shipment,
    values: &[LineValues],
    ieepa: impl Fn(CountryCode, NaiveDate) -> Result<Rate>,
) -> Result<Grouping<'a>> {
    let entry = shipment.entry_date;
    let mut g = Grouping {
        rates: BTreeMap::new(),
        groups: BTreeMap::new(),
        ordinary: Vec::new(),
    };
    for (index, (line, v)) in shipment.lines.iter().zip(values).enumerate() {
        let origin = line.origin.unwrap_or(shipment.origin);
        let Some(regime) = rules.postal(origin, entry) else {
            if !g.ordinary.contains(&origin) {
                g.ordinary.push(origin);
            }
            continue;
        };
        let effective = match g.rates.get(&origin) {
            Some(r) => *r,
            None => {
                let r = ieepa(origin, entry)?;
                g.rates.insert(origin, r);
                r
            }
        };
        let rate = match &regime.ad_valorem {
            PostalAdValorem::Fixed(r) => *r,
            PostalAdValorem::Derived(DerivedRate::EffectiveIeepa) => effective,
        };
        let group = g
            .groups
            .entry((regime.key.as_str(), rate))
            .or_insert(Group {
                regime,
                rate,
                per_item: regime.per_item_amount(effective, entry),
                value: Decimal::ZERO,
                lines: Vec::new(),
            });
        group.value = exact::checked_add(group.value, v.customs_value)
            .ok_or_else(|| Error::overflow("postal parcel value"))?;
        group.lines.push(index);
    }
    Ok(g)
}

impl Grouping<'_> {
    /// A parcel of several postal treatments (or some lines under none) is charged line by line
    /// by origin, which the sources do not confirm: a warning says so.
    fn warn_if_mixed(&self, warnings: &mut Warnings) {
        if self.groups.len() + usize::from(!self.ordinary.is_empty()) <= 1 {
            return;
        }
        let mut origins: Vec<CountryCode> = self
            .rates
            .keys()
            .copied()
            .chain(self.ordinary.iter().copied())
            .collect();
        origins.sort_unstable();
        origins.dedup();
        let names: Vec<&str> = origins.iter().map(CountryCode::as_str).collect();
        warnings.push(Warning::new(
            WarningCode::MixedOriginParcel,
            format!(
                "the parcel holds goods of several origins ({}) under different postal \
                 treatments: each line is charged by its own origin's regime, lines no postal \
                 regime covers pay the ordinary duties and fees; the sources held do not say how \
                 a mixed-origin postal item is charged, so confirm with the carrier",
                names.join(", ")
            ),
        ));
    }
}

fn sources(regime: &PostalRegime) -> Arc<str> {
    regime.provenance.citation().into()
}

/// The per-item duty, charged once for the parcel, and the line that carries it.
fn per_item_charge(
    shipment: &Shipment,
    groups: &BTreeMap<(&str, Rate), Group<'_>>,
) -> Result<(Charge, Option<usize>)> {
    let entry = shipment.entry_date;
    let mut amounts: Vec<(Decimal, &Group<'_>)> = Vec::with_capacity(groups.len());
    for group in groups.values() {
        let Some(amount) = group.per_item else {
            return Err(Error::invalid(
                "postal_duty_method",
                format!(
                    "the per-item method is not available on {entry} under {}; use ad_valorem",
                    group.regime.key
                ),
            ));
        };
        amounts.push((amount, group));
    }
    let Some(&(amount, first)) = amounts.first() else {
        return Err(Error::invalid(
            "postal parcel",
            "no line is under a postal regime",
        ));
    };
    if amounts.iter().any(|(a, _)| *a != amount) {
        let listed: Vec<String> = amounts
            .iter()
            .map(|(a, g)| format!("${a} under {} at {}", g.regime.key, g.rate))
            .collect();
        return Err(Error::shipment(
            "postal_duty_method",
            format!(
                "the parcel holds goods whose origins have different per-item duties ({}); the \
                 sources held do not say which one a mixed parcel pays: send the goods of each \
                 origin in their own parcel, or use \"ad_valorem\"",
                listed.join(", ")
            ),
        ));
    }
    let items = Decimal::from(shipment.postal_items.unwrap_or(1).max(1));
    let mut keys: Vec<&str> = groups.keys().map(|(k, _)| *k).collect();
    keys.dedup();
    let carrier = order::first(
        &shipment.lines,
        groups.values().flat_map(|g| g.lines.iter().copied()),
    );
    let heading = carrier
        .and_then(|i| shipment.lines.get(i))
        .map(|l| l.hts)
        .ok_or_else(|| Error::invalid("postal parcel", "no line is under a postal regime"))?;
    let total = amount
        .checked_mul(items)
        .ok_or_else(|| Error::overflow("postal duty"))?;
    let charge = Charge {
        authority: Authority::PostalDuty,
        heading,
        rate: DutyRate::from_terms([
            Specific::new(Money::new(amount, Currency::USD), Unit::Each)?.into()
        ])?,
        base: items,
        amount: RoundingMode::HalfAwayFromZero.round_to_scale(total, 2),
        why: Why::written(
            format!(
                "postal duty ${amount} per item × {items} item(s), instead of all other duties ({})",
                keys.join(", ")
            ),
            sources(first.regime),
        ),
    };
    Ok((charge, carrier))
}

/// The ad valorem duty of one group of lines, on their value in whole dollars.
fn ad_valorem_charge(shipment: &Shipment, group: &Group<'_>) -> Result<Charge> {
    let carrier = order::first(&shipment.lines, group.lines.iter().copied())
        .and_then(|i| shipment.lines.get(i))
        .ok_or_else(|| Error::invalid("postal parcel", "no line is under a postal regime"))?;
    let base = RoundingMode::HalfAwayFromZero.round(group.value, 0);
    let rate = group.rate;
    Ok(Charge {
        authority: Authority::PostalDuty,
        heading: carrier.hts,
        rate: DutyRate::from_terms([AdValorem::new(rate)?.into()])?,
        base,
        amount: RoundingMode::HalfAwayFromZero.round_to_scale(rate.apply(base)?, 2),
        why: Why::written(
            format!(
                "postal duty {rate} of the parcel value ${base}{}, instead of all other duties ({})",
                if group.lines.len() < shipment.lines.len() {
                    " (its lines under this regime)"
                } else {
                    ""
                },
                group.regime.key
            ),
            sources(group.regime),
        ),
    })
}
