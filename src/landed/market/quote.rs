//! The rules of a [`Market`] other than the US as the quote pipeline runs them
//! ([`MarketQuote`]):
//!
//! ```text
//!  valuation   to the market currency at the reference rate (conversion.rs), freight and
//!              insurance shared (valuation.rs); FOB or CIF; Japan's personal-import share;
//!              the low-value reliefs, China's cross-border retail regime, the flat duties and
//!              handling fees of low-value consignments
//!  duties      per line by regime: the MFN rate the line gives, the cross-border retail rate,
//!              or the flat duties in force (charges.rs)
//!  fees        the handling fees per consignment or item category
//!  taxes       per line unless relieved: each tax rule on its base, in the rules' order
//! ```
//!
//! Where rounding happens: amounts in another currency are converted at the ECB reference rate
//! and rounded to the market currency's minor unit, half away from zero; each duty, tax and fee
//! is rounded to the minor unit with the market's [`Market::rounding`] (half away from zero in
//! the embedded data). Nothing else is rounded.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use smallvec::SmallVec;

use crate::error::{Error, Result};
use crate::hs::HsCode;
use crate::landed::arith::sum;
use crate::landed::conversion;
use crate::landed::cost::{Charge, DeMinimis, Fee, LineCost};
use crate::landed::market::charges::{category, Context, Regime, Values};
use crate::landed::order;
use crate::landed::pipeline::{Rules, Valued};
use crate::landed::valuation::line_values;
use crate::landed::warnings::Warnings;
use crate::landed::{Consignee, Line, QuoteOptions, Shipment, Text};
use crate::market::{FixedCharge, Market, Markets, Per, Relief, ReliefValue, Valuation};
use crate::money::{Currency, Money, Rate};
use crate::warning::{Warning, WarningCode};

/// An amount with its currency, for explanations ("150.00 EUR").
fn money(amount: Decimal, currency: Currency) -> Money {
    Money::new(amount, currency)
}

/// A relief that holds, with the value it was judged on.
type Held<'b> = Option<(&'b Relief, Decimal)>;

/// A quote into a market: what valuation found, kept for the later stages.
pub(crate) struct MarketQuote<'b> {
    market: &'b Market,
    options: &'b QuoteOptions<'b>,
    /// The fixed charges in force on a consignment below their threshold.
    fixed: Vec<&'b FixedCharge>,
    /// How the consignment's duties are charged.
    regime: Option<Regime<'b>>,
    /// Whether a relief lifts the import taxes.
    tax_relief: bool,
    /// The consignment's intrinsic value.
    intrinsic: Decimal,
    /// The line that carries a charge made once per item category.
    carriers: BTreeMap<HsCode, usize>,
    /// The line that carries a charge made once per consignment.
    consignment_carrier: Option<usize>,
}

impl<'b> MarketQuote<'b> {
    /// A quote under the rules of the shipment importer's market.
    ///
    /// # Errors
    /// [`Error::UnknownImporter`] for an importer the markets do not hold.
    pub(crate) fn new(
        markets: &'b Markets,
        shipment: &Shipment,
        options: &'b QuoteOptions<'b>,
    ) -> Result<MarketQuote<'b>> {
        let importer = shipment.importer;
        let market = markets
            .for_importer(importer)
            .ok_or(Error::UnknownImporter { importer })?;
        Ok(MarketQuote {
            market,
            options,
            fixed: Vec::new(),
            regime: None,
            tax_relief: false,
            intrinsic: Decimal::ZERO,
            carriers: BTreeMap::new(),
            consignment_carrier: None,
        })
    }

    fn context(&self, shipment: &Shipment) -> Context<'b> {
        Context {
            market: self.market,
            importer: shipment.importer,
            currency: self.market.currency,
            intrinsic: self.intrinsic,
        }
    }

    /// Each line's values: converted, freight and insurance shared, and valued as the market
    /// values goods (FOB or CIF, a personal import's share).
    fn line_values(
        &self,
        shipment: &Shipment,
        warnings: &mut Warnings,
    ) -> Result<SmallVec<[Values; 4]>> {
        let market = self.market;
        let currency = market.currency;
        let entry = shipment.entry_date;
        // Every amount charged is in the currency's minor units, written with all their digits.
        let round = |amount: Decimal| {
            market
                .rounding
                .round_to_scale(amount, currency.minor_units())
        };
        let converter = conversion::to_market(
            shipment.currency,
            currency,
            shipment.export_date,
            self.options,
            warnings.pending(),
        )?;
        warnings.flush();
        let personal = match (market.personal_import_on(entry), shipment.consignee) {
            (Some(rule), Consignee::Consumer) => Some(rule),
            _ => None,
        };
        let values = line_values(shipment, &converter)?
            .into_iter()
            .zip(&shipment.lines)
            .map(|(v, line)| {
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
        Ok(values)
    }

    /// The low-value reliefs that hold, for the duty and for the taxes.
    fn reliefs(
        &self,
        shipment: &Shipment,
        intrinsic: Decimal,
        customs_value: Decimal,
    ) -> (Held<'b>, Held<'b>) {
        let shipped_from = shipment.shipped_from.unwrap_or(shipment.origin);
        let mut duty_relief = None;
        let mut tax_relief = None;
        for relief in self
            .market
            .reliefs_on(shipment.entry_date, shipment.mode, shipped_from)
        {
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
        (duty_relief, tax_relief)
    }

    /// China's cross-border e-commerce retail regime: consumers, within the order limit.
    fn cross_border_retail(
        &self,
        shipment: &Shipment,
        customs_value: Decimal,
        warnings: &mut Warnings,
    ) -> Option<&'b crate::market::CrossBorderRetail> {
        let currency = self.market.currency;
        match (
            self.market.cross_border_retail_on(shipment.entry_date),
            shipment.consignee,
        ) {
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
        }
    }

    /// The line that carries a charge made once per item category or per consignment: the
    /// first in the stable line order, so that reordering the lines changes nothing.
    fn choose_carriers(&mut self, shipment: &Shipment) {
        for (i, l) in shipment.lines.iter().enumerate() {
            let carrier = self.carriers.entry(category(&l.hts)).or_insert(i);
            if shipment
                .lines
                .get(*carrier)
                .is_some_and(|c| order::cmp(l, c).is_lt())
            {
                *carrier = i;
            }
        }
        self.consignment_carrier = order::first(&shipment.lines, 0..shipment.lines.len());
    }
}

impl<'b> Rules for MarketQuote<'b> {
    type Values = Values;

    fn value(&mut self, shipment: &Shipment, warnings: &mut Warnings) -> Result<Valued<Values>> {
        let market = self.market;
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
        let values = self.line_values(shipment, warnings)?;
        let intrinsic = sum(values.iter().map(|v| v.goods))?;
        let customs_value = sum(values.iter().map(|v| v.customs_value))?;
        self.intrinsic = intrinsic;
        let (duty_relief, tax_relief) = self.reliefs(shipment, intrinsic, customs_value);
        let cbec = self.cross_border_retail(shipment, customs_value, warnings);
        // Fixed charges on low-value consignments: handling fees per entry, flat duties per line.
        self.fixed = market
            .fixed_charges_on(shipment.importer, entry)
            .filter(|c| intrinsic < c.below)
            .collect();
        let regime = match (cbec, duty_relief) {
            (Some(rule), _) => Regime::CrossBorderRetail(rule),
            (None, Some(_)) => Regime::LowValue,
            (None, None) => Regime::General,
        };
        if matches!(regime, Regime::LowValue) {
            self.choose_carriers(shipment);
        }
        self.regime = Some(regime);
        self.tax_relief = tax_relief.is_some();
        let currency = market.currency;
        Ok(Valued {
            currency,
            customs_value,
            goods: intrinsic,
            lines: values,
            de_minimis: de_minimis_text(market, duty_relief, tax_relief, cbec.is_some(), currency),
        })
    }

    fn duties(
        &mut self,
        shipment: &Shipment,
        index: usize,
        line: &Line,
        v: &Values,
        _warnings: &mut Warnings,
    ) -> Result<LineCost> {
        let ctx = self.context(shipment);
        let charges = match self.regime.unwrap_or(Regime::General) {
            Regime::CrossBorderRetail(rule) => vec![ctx.cross_border_duty(rule, line, v)?],
            Regime::LowValue => self
                .fixed
                .iter()
                .filter(|c| c.authority == crate::tariff::Authority::FlatDuty)
                .filter(|c| match c.per {
                    Per::Consignment => self.consignment_carrier == Some(index),
                    Per::ItemCategory => self.carriers.get(&category(&line.hts)) == Some(&index),
                })
                .map(|c| ctx.flat_duty(c, line))
                .collect::<Result<_>>()?,
            Regime::General => vec![ctx.mfn_duty(index, line, v)?],
        };
        Ok(LineCost {
            hts: line.hts,
            customs_value: v.customs_value,
            freight: v.freight,
            insurance: v.insurance,
            charges,
            not_applied: Vec::new(),
        })
    }

    fn fees(
        &mut self,
        shipment: &Shipment,
        _valued: &Valued<Values>,
        _warnings: &mut Warnings,
    ) -> Result<Vec<Fee>> {
        let categories: BTreeSet<HsCode> =
            shipment.lines.iter().map(|l| category(&l.hts)).collect();
        let ctx = self.context(shipment);
        self.fixed
            .iter()
            .filter(|c| c.authority == crate::tariff::Authority::HandlingFee)
            .map(|c| ctx.handling_fee(c, categories.len()))
            .collect()
    }

    fn taxes(
        &mut self,
        shipment: &Shipment,
        valued: &Valued<Values>,
        lines: &[LineCost],
        warnings: &mut Warnings,
    ) -> Result<Vec<Charge>> {
        let entry: NaiveDate = shipment.entry_date;
        let mut taxes = Vec::new();
        if !self.tax_relief {
            let ctx = self.context(shipment);
            let regime = self.regime.unwrap_or(Regime::General);
            for (index, ((line, v), cost)) in shipment
                .lines
                .iter()
                .zip(&valued.lines)
                .zip(lines)
                .enumerate()
            {
                let duty = sum(cost.charges.iter().map(|c| c.amount))?;
                taxes.extend(ctx.line_taxes(
                    regime,
                    entry,
                    index,
                    line,
                    v,
                    duty,
                    warnings.pending(),
                )?);
                warnings.flush();
            }
        }
        for warning in self
            .market
            .tax_rules(shipment.importer, entry)
            .filter_map(|t| t.warning.as_deref())
        {
            warnings.push(Warning::new(
                WarningCode::TaxRuleWarning,
                warning.to_owned(),
            ));
        }
        Ok(taxes)
    }
}

fn de_minimis_text(
    market: &Market,
    duty: Option<(&Relief, Decimal)>,
    tax: Option<(&Relief, Decimal)>,
    cbec: bool,
    currency: Currency,
) -> DeMinimis {
    let describe = |(r, value): (&Relief, Decimal)| {
        format!(
            "value {} at or below {} ({}; {})",
            money(value, currency),
            money(r.up_to, currency),
            r.key,
            r.provenance.sources.first().map_or("", String::as_str)
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
