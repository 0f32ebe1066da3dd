//! The landed cost of a shipment into a [`Market`] other than the US.
//!
//! Where rounding happens: amounts in another currency are converted at the ECB reference rate
//! and rounded to the market currency's minor unit, half away from zero; each duty, tax and fee
//! is rounded to the minor unit with the market's [`Market::rounding`] (half away from zero in
//! the embedded data). Nothing else is rounded.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use crate::country::CountryCode;
use crate::error::{Error, Result};
use crate::hs::HsCode;
use crate::landed::cost::{Parts, Why};
use crate::landed::order;
use crate::landed::quote::{line_values, sum, LineValues};
use crate::landed::{conversion, QuoteOptions};
use crate::landed::{
    Charge, Consignee, DeMinimis, Fee, LandedCost, Line, LineCost, Shipment, Text,
};
use crate::market::{
    BaseItem, CrossBorderRetail, FixedCharge, LineRate, Market, Markets, Per, ReliefValue, TaxRule,
    Valuation,
};
use crate::money::{Currency, Money, Rate};
use crate::quantity::Unit;
use crate::tariff::{AdValorem, Authority, DutyBase, DutyRate, Specific};
use crate::warning::{self, Warning, WarningCode};
use chrono::NaiveDate;

fn mul(a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_mul(b)
        .ok_or_else(|| Error::overflow("tax or duty"))
}

/// An amount with its currency, for explanations ("150.00 EUR").
fn money(amount: Decimal, currency: Currency) -> Money {
    Money::new(amount, currency)
}

fn ad_valorem(rate: Rate) -> Result<DutyRate> {
    DutyRate::from_terms([AdValorem::new(rate)?.into()])
}

/// The 6-digit subheading of a code (the code itself when it is shorter): the EU's item
/// category.
fn category(hs: &HsCode) -> HsCode {
    hs.truncate(6).unwrap_or(*hs)
}

/// A line's values in the market currency.
struct Values {
    goods: Decimal,
    freight: Decimal,
    insurance: Decimal,
    /// The customs value under the market's valuation (with Japan's personal-import share).
    customs_value: Decimal,
}

/// Quotes a shipment into a market other than the US.
pub(crate) fn quote(
    markets: &Markets,
    shipment: &Shipment,
    options: &QuoteOptions<'_>,
) -> Result<LandedCost> {
    let importer = shipment.importer;
    let market = markets
        .for_importer(importer)
        .ok_or(Error::UnknownImporter { importer })?;
    if shipment.lines.is_empty() {
        return Err(Error::NoLines);
    }
    let currency = market.currency;
    let entry = shipment.entry_date;
    if entry < market.data_from {
        return Err(Error::invalid(
            "entry date",
            format!(
                "{entry}: the {} data starts on {}; earlier rules are not held",
                market.name, market.data_from
            ),
        ));
    }
    // Every amount charged is in the currency's minor units, written with all their digits.
    let round = |amount: Decimal| {
        market
            .rounding
            .round_to_scale(amount, currency.minor_units())
    };
    let mut warnings: Vec<Warning> = Vec::new();

    // Valuation in the market currency.
    let converter = conversion::to_market(
        shipment.currency,
        currency,
        shipment.export_date,
        options,
        &mut warnings,
    )?;
    let personal = match (market.personal_import_on(entry), shipment.consignee) {
        (Some(rule), Consignee::Consumer) => Some(rule),
        _ => None,
    };
    let values: Vec<Values> = line_values(shipment, &converter)?
        .into_iter()
        .zip(&shipment.lines)
        .map(|(v, line): (LineValues, &Line)| {
            let goods = v.customs_value;
            let taxed_goods = match personal {
                Some(rule) if !rule.excepts(&line.hts) => round(rule.share.apply(goods)?),
                _ => goods,
            };
            let customs_value = match market.valuation {
                Valuation::Fob => taxed_goods,
                Valuation::Cif => sum([taxed_goods, v.freight, v.insurance])?,
            };
            Ok(Values {
                goods,
                freight: v.freight,
                insurance: v.insurance,
                customs_value,
            })
        })
        .collect::<Result<_>>()?;
    if personal.is_some() {
        warnings.push(Warning::new(
            WarningCode::PersonalImportShare,
            format!(
                "personal import: the taxable value is {} of the price (goods excepted in the data pay on the full price)",
                personal.map_or(Rate::ZERO, |r| r.share)
            ),
        ));
    }
    let intrinsic = sum(values.iter().map(|v| v.goods))?;
    let customs_value = sum(values.iter().map(|v| v.customs_value))?;

    // Low-value reliefs.
    let shipped_from = shipment.shipped_from.unwrap_or(shipment.origin);
    let mut duty_relief = None;
    let mut tax_relief = None;
    for relief in market.reliefs_on(entry, shipment.mode, shipped_from) {
        let value = match relief.value {
            ReliefValue::Intrinsic => intrinsic,
            ReliefValue::CustomsValue | ReliefValue::Taxable => customs_value,
        };
        if value <= relief.up_to {
            if relief.relieves.duty() && duty_relief.is_none() {
                duty_relief = Some((relief, value));
            }
            if relief.relieves.tax() && tax_relief.is_none() {
                tax_relief = Some((relief, value));
            }
        }
    }

    // China's cross-border e-commerce retail regime: consumers, within the order limit.
    let cbec = match (market.cross_border_retail_on(entry), shipment.consignee) {
        (Some(rule), Consignee::Consumer) if customs_value <= rule.per_order_limit => {
            warnings.push(Warning::new(
                WarningCode::CrossBorderRetail,
                format!(
                    "cross-border e-commerce retail import: assumes the buyer's purchases this year stay within {}",
                    money(rule.annual_limit, currency)
                ),
            ));
            Some(rule)
        }
        (Some(rule), Consignee::Consumer) => {
            warnings.push(Warning::new(
                WarningCode::CrossBorderRetailOverLimit,
                format!(
                    "the order's value {} is above the {} cross-border retail limit: general trade duties and taxes apply",
                    money(customs_value, currency),
                    money(rule.per_order_limit, currency)
                ),
            ));
            None
        }
        _ => None,
    };

    // Fixed charges on low-value consignments: handling fees per entry, flat duties per line.
    let ctx = Context {
        market,
        importer,
        currency,
        intrinsic,
    };
    let fixed: Vec<&FixedCharge> = market
        .fixed_charges_on(importer, entry)
        .filter(|c| intrinsic < c.below)
        .collect();
    let categories: BTreeSet<HsCode> = shipment.lines.iter().map(|l| category(&l.hts)).collect();
    let fees = fixed
        .iter()
        .filter(|c| c.authority == Authority::HandlingFee)
        .map(|c| ctx.handling_fee(c, categories.len()))
        .collect::<Result<Vec<_>>>()?;

    // Duties and taxes per line.
    let regime = match (cbec, duty_relief) {
        (Some(rule), _) => Regime::CrossBorderRetail(rule),
        (None, Some(_)) => Regime::LowValue,
        (None, None) => Regime::General,
    };
    // The line that carries a charge made once per item category or per consignment: the first
    // in the stable line order, so that reordering the lines changes nothing.
    let mut carriers: BTreeMap<HsCode, usize> = BTreeMap::new();
    let mut consignment_carrier = None;
    if matches!(regime, Regime::LowValue) {
        for (i, l) in shipment.lines.iter().enumerate() {
            let carrier = carriers.entry(category(&l.hts)).or_insert(i);
            if shipment
                .lines
                .get(*carrier)
                .is_some_and(|c| order::cmp(l, c).is_lt())
            {
                *carrier = i;
            }
        }
        consignment_carrier = order::first(&shipment.lines, 0..shipment.lines.len());
    }
    let mut lines = Vec::with_capacity(shipment.lines.len());
    let mut taxes = Vec::new();
    for (index, (line, v)) in shipment.lines.iter().zip(&values).enumerate() {
        let charges = match regime {
            Regime::CrossBorderRetail(rule) => vec![ctx.cross_border_duty(rule, line, v)?],
            Regime::LowValue => fixed
                .iter()
                .filter(|c| c.authority == Authority::FlatDuty)
                .filter(|c| match c.per {
                    Per::Consignment => consignment_carrier == Some(index),
                    Per::ItemCategory => carriers.get(&category(&line.hts)) == Some(&index),
                })
                .map(|c| ctx.flat_duty(c, line))
                .collect::<Result<_>>()?,
            Regime::General => vec![ctx.mfn_duty(index, line, v)?],
        };
        if tax_relief.is_none() {
            let duty = sum(charges.iter().map(|c| c.amount))?;
            taxes.extend(ctx.line_taxes(regime, entry, index, line, v, duty, &mut warnings)?);
        }
        lines.push(LineCost {
            hts: line.hts,
            customs_value: v.customs_value,
            freight: v.freight,
            insurance: v.insurance,
            charges,
            not_applied: Vec::new(),
        });
    }

    let de_minimis = de_minimis_text(market, duty_relief, tax_relief, cbec.is_some(), currency);
    for warning in market
        .tax_rules(importer, entry)
        .filter_map(|t| t.warning.as_deref())
    {
        warning::push_unique(
            &mut warnings,
            Warning::new(WarningCode::TaxRuleWarning, warning.to_owned()),
        );
    }
    LandedCost::from_parts(Parts {
        currency,
        entry_date: entry,
        customs_value,
        goods: intrinsic,
        lines,
        fees,
        taxes,
        de_minimis,
        warnings,
    })
}

fn valuation_text(v: Valuation) -> &'static str {
    match v {
        Valuation::Fob => "FOB",
        Valuation::Cif => "CIF",
    }
}

/// How a consignment's duties are charged.
#[derive(Clone, Copy)]
enum Regime<'a> {
    /// China's cross-border e-commerce retail regime: its duty rate, taxes at its share.
    CrossBorderRetail(&'a CrossBorderRetail),
    /// A low-value relief holds: no duty, but the flat duties in force; taxes on the
    /// low-value base where the rule has one.
    LowValue,
    /// The line's MFN duty, and taxes on their full base.
    General,
}

/// What every charge of one quote into a market needs.
struct Context<'a> {
    market: &'a Market,
    importer: CountryCode,
    currency: Currency,
    /// The consignment's intrinsic value (without freight and insurance).
    intrinsic: Decimal,
}

impl Context<'_> {
    /// An amount in the currency's minor units, written with all their digits.
    fn round(&self, amount: Decimal) -> Decimal {
        self.market
            .rounding
            .round_to_scale(amount, self.currency.minor_units())
    }

    fn money(&self, amount: Decimal) -> Money {
        Money::new(amount, self.currency)
    }

    /// A national handling fee on a low-value consignment.
    fn handling_fee(&self, c: &FixedCharge, categories: usize) -> Result<Fee> {
        let count = match c.per {
            Per::Consignment => Decimal::ONE,
            Per::ItemCategory => Decimal::from(categories),
        };
        let per = match c.per {
            Per::Consignment => "per consignment".to_owned(),
            Per::ItemCategory => format!(
                "× {count} item categor{}",
                if count == Decimal::ONE { "y" } else { "ies" }
            ),
        };
        Ok(Fee {
            authority: Authority::HandlingFee,
            amount: self.round(mul(c.amount, count)?),
            rate: None,
            source: c.sources.join("; ").into(),
            explanation: Text::from(format!(
                "{} {} {per}, on a consignment of intrinsic value {} below {} ({})",
                c.key,
                self.money(c.amount),
                self.money(self.intrinsic),
                self.money(c.below),
                c.note.as_deref().unwrap_or("see the source")
            )),
        })
    }

    /// The duty of a line under China's cross-border retail regime.
    fn cross_border_duty(
        &self,
        rule: &CrossBorderRetail,
        line: &Line,
        v: &Values,
    ) -> Result<Charge> {
        Ok(Charge {
            authority: Authority::Mfn,
            heading: line.hts,
            rate: ad_valorem(rule.duty_rate)?,
            base: v.customs_value,
            amount: self.round(rule.duty_rate.apply(v.customs_value)?),
            why: Why::written(
                format!(
                    "cross-border e-commerce retail import: duty {} within the {} order limit",
                    rule.duty_rate,
                    self.money(rule.per_order_limit)
                ),
                rule.sources.join("; "),
            ),
        })
    }

    /// A flat duty (the EU's €3) charged on a line for its item category.
    fn flat_duty(&self, c: &FixedCharge, line: &Line) -> Result<Charge> {
        let category = category(&line.hts);
        Ok(Charge {
            authority: Authority::FlatDuty,
            heading: category,
            rate: DutyRate::from_terms([Specific::new(self.money(c.amount), Unit::Each)?.into()])?,
            base: Decimal::ONE,
            amount: self.round(c.amount),
            why: Why::written(
                format!(
                "flat duty {} for item category {category}, in a parcel of intrinsic value {} below {} ({}), instead of the duty relieved",
                self.money(c.amount),
                self.money(self.intrinsic),
                self.money(c.below),
                c.key
                ),
                c.sources.join("; "),
            ),
        })
    }

    /// The MFN duty of a line at the rate its `rates` give.
    fn mfn_duty(&self, index: usize, line: &Line, v: &Values) -> Result<Charge> {
        let rate = line.rates.get("mfn").ok_or_else(|| Error::MissingRate {
            line: index + 1,
            hts: line.hts,
            rate: "mfn".to_owned(),
            importer: self.importer,
        })?;
        let mut base = DutyBase::new(self.money(v.customs_value));
        for q in &line.quantities {
            base = base.with_quantity(*q);
        }
        let amount = self.round(rate.duty(&base)?.amount());
        Ok(Charge {
            authority: Authority::Mfn,
            heading: line.hts,
            rate: rate.clone(),
            base: v.customs_value,
            amount,
            why: Why::written(
                format!(
                    "mfn {rate} on the customs value ({}) {} = {}: the rate given for the line",
                    valuation_text(self.market.valuation),
                    self.money(v.customs_value),
                    self.money(amount)
                ),
                format!(
                    "the line's rates (the {} tariff is not embedded)",
                    self.market.name
                ),
            ),
        })
    }

    /// The import taxes of a line, in the order of the market's rules (a consumption tax
    /// before the VAT whose base includes it).
    #[allow(clippy::too_many_arguments)]
    fn line_taxes(
        &self,
        regime: Regime<'_>,
        entry: NaiveDate,
        index: usize,
        line: &Line,
        v: &Values,
        duty: Decimal,
        warnings: &mut Vec<Warning>,
    ) -> Result<Vec<Charge>> {
        let mut taxes = Vec::new();
        let mut consumption_tax_full = Decimal::ZERO;
        for rule in self.market.tax_rules(self.importer, entry) {
            let Some(rate) = tax_rate(rule, line, index, self.importer, warnings)? else {
                continue;
            };
            let at_sale = matches!(regime, Regime::LowValue) && rule.low_value_base.is_some();
            let items = match (&rule.low_value_base, at_sale) {
                (Some(low), true) => low.as_slice(),
                _ => rule.base.as_slice(),
            };
            let base = sum(items.iter().map(|item| match item {
                BaseItem::Goods => v.goods,
                BaseItem::Freight => v.freight,
                BaseItem::Insurance => v.insurance,
                BaseItem::CustomsValue => v.customs_value,
                BaseItem::Duty => duty,
                BaseItem::ConsumptionTax => consumption_tax_full,
            }))?;
            let full = tax_on(rule, rate, base)?;
            if rule.authority == Authority::ConsumptionTax {
                consumption_tax_full = full;
            }
            let (amount, share_text) = match regime {
                Regime::CrossBorderRetail(c) => (
                    self.round(c.tax_share.apply(full)?),
                    format!(", × {} for a cross-border retail import", c.tax_share),
                ),
                _ => (self.round(full), String::new()),
            };
            let base_text = items
                .iter()
                .map(|i| match i {
                    BaseItem::Goods => "price",
                    BaseItem::Freight => "freight",
                    BaseItem::Insurance => "insurance",
                    BaseItem::CustomsValue => "customs value",
                    BaseItem::Duty => "duty",
                    BaseItem::ConsumptionTax => "consumption tax",
                })
                .collect::<Vec<_>>()
                .join(" + ");
            let gross = if rule.gross_up {
                format!(" / (1 − {rate})")
            } else {
                String::new()
            };
            let collected = if at_sale {
                ", collected by the seller at sale"
            } else {
                ", collected at import"
            };
            taxes.push(Charge {
                authority: rule.authority,
                heading: line.hts,
                rate: ad_valorem(rate)?,
                base,
                amount,
                why: Why::written(
                    format!(
                        "{} {rate} on the {base_text} {}{gross}{share_text} = {}{collected} ({})",
                        rule.authority,
                        self.money(base),
                        self.money(amount),
                        rule.key
                    ),
                    rule.sources.join("; "),
                ),
            });
        }
        Ok(taxes)
    }
}

/// A tax on its base: `base × rate`, or for a tax that is part of its own base (China's
/// consumption tax) `base / (1 − rate) × rate`.
fn tax_on(rule: &TaxRule, rate: Rate, base: Decimal) -> Result<Decimal> {
    if !rule.gross_up {
        return rate.apply(base);
    }
    let keep = Decimal::ONE
        .checked_sub(rate.fraction())
        .filter(|k| *k > Decimal::ZERO)
        .ok_or_else(|| {
            Error::invalid(
                "tax rate",
                format!(
                    "{}: a grossed-up rate must be below 100%, not {rate}",
                    rule.key
                ),
            )
        })?;
    mul(
        base.checked_div(keep)
            .ok_or_else(|| Error::overflow("tax base"))?,
        rate.fraction(),
    )
}

/// A tax's rate for a line: the line's own where the rule allows it, else the rule's.
fn tax_rate(
    rule: &TaxRule,
    line: &Line,
    index: usize,
    importer: crate::CountryCode,
    warnings: &mut Vec<Warning>,
) -> Result<Option<Rate>> {
    let name = rule.authority.to_string();
    let given = match line.rates.get(name.as_str()) {
        Some(rate) => Some(rate.ad_valorem_rate().ok_or_else(|| {
            Error::invalid(
                "rates",
                format!(
                    "line {} ({}): the {name} rate must be a percentage, not {rate}",
                    index + 1,
                    line.hts
                ),
            )
        })?),
        None => None,
    };
    match (given, rule.rate, rule.line_rate) {
        (Some(rate), _, _) => Ok(Some(rate)),
        (None, Some(rate), LineRate::Override) => Ok(Some(rate)),
        (None, _, LineRate::Required) | (None, None, LineRate::Override) => {
            Err(Error::MissingRate {
                line: index + 1,
                hts: line.hts,
                rate: name,
                importer,
            })
        }
        (None, Some(rate), LineRate::Optional) => Ok(Some(rate)),
        (None, None, LineRate::Optional) => {
            warnings.push(Warning::new(
                WarningCode::TaxRateNotGiven,
                format!(
                    "line {} ({}): no {name} rate given, so the goods are taken not to be subject to it; give \"rates\": {{\"{name}\": \"...\"}} for goods that are",
                    index + 1,
                    line.hts
                ),
            ));
            Ok(None)
        }
    }
}

fn de_minimis_text(
    market: &Market,
    duty: Option<(&crate::market::Relief, Decimal)>,
    tax: Option<(&crate::market::Relief, Decimal)>,
    cbec: bool,
    currency: Currency,
) -> DeMinimis {
    let describe = |(r, value): (&crate::market::Relief, Decimal)| {
        format!(
            "value {} at or below {} ({}; {})",
            money(value, currency),
            money(r.up_to, currency),
            r.key,
            r.sources.first().map_or("", String::as_str)
        )
    };
    let reason = match (duty, tax) {
        (Some(d), Some(t)) if std::ptr::eq(d.0, t.0) => {
            format!("no duty or import tax: {}", describe(d))
        }
        (Some(d), Some(t)) => format!("no duty: {}; no import tax: {}", describe(d), describe(t)),
        (Some(d), None) => format!(
            "customs duty relieved: {}; taxes are still due",
            describe(d)
        ),
        (None, Some(t)) => format!("import taxes relieved: {}; duty is due", describe(t)),
        (None, None) if cbec => {
            "cross-border e-commerce retail import: no low-value relief, reduced duty and taxes"
                .to_owned()
        }
        (None, None) => format!("no low-value relief applies in {}", market.name),
    };
    DeMinimis {
        applies: duty.is_some(),
        reason: Text::from(reason),
    }
}
