//! The charges of a quote into a market other than the US, each written out: the duty of a
//! line (its MFN rate, the cross-border retail rate, a flat duty), a handling fee, and the
//! import taxes in the order of the market's rules (a consumption tax before the VAT whose base
//! includes it, a grossed-up tax on its own base).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::country::CountryCode;
use crate::error::{Error, Result};
use crate::hs::HsCode;
use crate::landed::arith::{mul, sum};
use crate::landed::cost::Why;
use crate::landed::{Charge, Fee, Line, Text};
use crate::market::{
    BaseItem, CrossBorderRetail, FixedCharge, LineRate, Market, Per, TaxRule, Valuation,
};
use crate::money::{Currency, Money, Rate};
use crate::quantity::Unit;
use crate::tariff::{AdValorem, Authority, DutyBase, DutyRate, Specific};
use crate::warning::{Warning, WarningCode};

/// A line's values in the market currency.
pub(crate) struct Values {
    /// The goods' price.
    pub(crate) goods: Decimal,
    /// The freight allocated to the line.
    pub(crate) freight: Decimal,
    /// The insurance allocated to the line.
    pub(crate) insurance: Decimal,
    /// The customs value under the market's valuation (with Japan's personal-import share).
    pub(crate) customs_value: Decimal,
}

fn ad_valorem(rate: Rate) -> Result<DutyRate> {
    DutyRate::from_terms([AdValorem::new(rate)?.into()])
}

/// The 6-digit subheading of a code (the code itself when it is shorter): the EU's item
/// category.
pub(crate) fn category(hs: &HsCode) -> HsCode {
    hs.truncate(6).unwrap_or(*hs)
}

fn valuation_text(v: Valuation) -> &'static str {
    match v {
        Valuation::Fob => "FOB",
        Valuation::Cif => "CIF",
    }
}

/// How a consignment's duties are charged.
#[derive(Clone, Copy)]
pub(crate) enum Regime<'a> {
    /// China's cross-border e-commerce retail regime: its duty rate, taxes at its share.
    CrossBorderRetail(&'a CrossBorderRetail),
    /// A low-value relief holds: no duty, but the flat duties in force; taxes on the
    /// low-value base where the rule has one.
    LowValue,
    /// The line's MFN duty, and taxes on their full base.
    General,
}

/// What every charge of one quote into a market needs.
pub(crate) struct Context<'a> {
    /// The market.
    pub(crate) market: &'a Market,
    /// The importer.
    pub(crate) importer: CountryCode,
    /// The market's currency.
    pub(crate) currency: Currency,
    /// The consignment's intrinsic value (without freight and insurance).
    pub(crate) intrinsic: Decimal,
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
    pub(crate) fn handling_fee(&self, c: &FixedCharge, categories: usize) -> Result<Fee> {
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
            source: c.provenance.citation().into(),
            explanation: Text::from(format!(
                "{} {} {per}, on a consignment of intrinsic value {} below {} ({})",
                c.key,
                self.money(c.amount),
                self.money(self.intrinsic),
                self.money(c.below),
                c.provenance.note.as_deref().unwrap_or("see the source")
            )),
        })
    }

    /// The duty of a line under China's cross-border retail regime.
    pub(crate) fn cross_border_duty(
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
                rule.provenance.citation(),
            ),
        })
    }

    /// A flat duty (the EU's €3) charged on a line for its item category.
    pub(crate) fn flat_duty(&self, c: &FixedCharge, line: &Line) -> Result<Charge> {
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
                c.provenance.citation(),
            ),
        })
    }

    /// The MFN duty of a line at the rate its `rates` give.
    pub(crate) fn mfn_duty(&self, index: usize, line: &Line, v: &Values) -> Result<Charge> {
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
    pub(crate) fn line_taxes(
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
            let base_text = base_text(items);
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
                    rule.provenance.citation(),
                ),
            });
        }
        Ok(taxes)
    }
}

/// A tax base in words: "customs value + duty".
fn base_text(items: &[BaseItem]) -> String {
    items
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
        .join(" + ")
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
    importer: CountryCode,
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
