//! The US landed-cost calculator: [`TariffBook::quote`].
//!
//! Where rounding happens (and only there):
//!
//! 1. Amounts in another currency are converted to US dollars at the rate chosen under
//!    19 CFR 159.34 and rounded to the cent, half away from zero.
//! 2. Ad valorem duties are applied to values in whole dollars (19 CFR 159.3(a): under 50 cents
//!    dropped, 50 cents or more counted as a dollar).
//! 3. Each duty, and each fee, is rounded to the cent, half away from zero.
//!
//! Freight and insurance are shared among the lines with [`Money::allocate`], so nothing is lost.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::country::CountryCode;
use crate::error::{Error, Result};
use crate::landed::cost::{Charge, DeMinimis, Fee, LandedCost, LineCost, NotApplied};
use crate::landed::rules::{DerivedRate, PostalAdValorem};
use crate::landed::shipment::{AllocationBasis, Line, Mode, PostalDutyMethod, Shipment};
use crate::money::fx::{RateKind, RateQuery, RateTable};
use crate::money::{Currency, Money, Rate, RoundingMode};
use crate::quantity::{Dimension, Unit};
use std::borrow::Cow;

use crate::tariff::{Applied, Authority, Base, DutyBase, Metal, TariffBook};

/// Rounds an amount to the cent, half away from zero, and writes it with two decimals.
fn cents(amount: Decimal) -> Decimal {
    let rounded = RoundingMode::HalfAwayFromZero.round(amount, 2);
    match 2u32.checked_sub(rounded.scale()) {
        Some(missing) if missing > 0 => 10i128
            .checked_pow(missing)
            .and_then(|f| rounded.mantissa().checked_mul(f))
            .and_then(|m| Decimal::try_from_i128_with_scale(m, 2).ok())
            .unwrap_or(rounded),
        _ => rounded,
    }
}

/// A value in whole dollars for ad valorem duties (19 CFR 159.3(a)).
fn whole_dollars(amount: Decimal) -> Decimal {
    RoundingMode::HalfAwayFromZero.round(amount, 0)
}

fn usd(amount: Decimal) -> Money {
    Money::new(amount, Currency::USD)
}

fn add(a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_add(b).ok_or(Error::overflow("landed-cost total"))
}

fn sub(a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_sub(b)
        .ok_or(Error::overflow("landed-cost difference"))
}

fn sum(values: impl IntoIterator<Item = Decimal>) -> Result<Decimal> {
    values.into_iter().try_fold(Decimal::ZERO, add)
}

/// A dollar amount for an explanation ("$2000.00"), written without an intermediate string.
struct Dollars(Decimal);

impl std::fmt::Display for Dollars {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "${}", self.0)
    }
}

fn money_text(amount: Decimal) -> Dollars {
    Dollars(amount)
}

/// A line's values in US dollars.
struct LineValues {
    freight: Decimal,
    insurance: Decimal,
    customs_value: Decimal,
}

impl TariffBook {
    /// Quotes the landed cost of a shipment. Values in another currency than the US dollar are
    /// converted with the embedded ECB reference rates ([`RateTable::embedded_reference`]),
    /// with a warning that CBP certified rates were not available; supply those with
    /// [`TariffBook::quote_with_rates`].
    ///
    /// # Errors
    /// As [`TariffBook::quote_with_rates`].
    ///
    /// # Example
    /// See [`LandedCost`](crate::landed::LandedCost).
    pub fn quote(&self, shipment: &Shipment) -> Result<LandedCost> {
        self.quote_with_rates(shipment, RateTable::embedded_reference())
    }

    /// Quotes many shipments; each result is independent of the others and in the order of
    /// `shipments`. With the `parallel` feature the shipments are quoted on all cores (rayon).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::Shipment, TariffBook};
    /// let s: Shipment = serde_json::from_str(r#"{"importer":"US","origin":"VN","mode":"air",
    ///   "export_date":"2025-09-01","entry_date":"2025-09-03","currency":"USD",
    ///   "lines":[{"hts":"6402.99.90","value":"5000"}]}"#)?;
    /// let results = TariffBook::embedded().quote_batch(&[s.clone(), s]);
    /// assert_eq!(results.len(), 2);
    /// assert_eq!(results[0], results[1]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn quote_batch(&self, shipments: &[Shipment]) -> Vec<Result<LandedCost>> {
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            shipments.par_iter().map(|s| self.quote(s)).collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            shipments.iter().map(|s| self.quote(s)).collect()
        }
    }

    /// Quotes the landed cost of a shipment, converting its values to US dollars with `rates`
    /// under the customs rule (19 CFR 159.34, for the date of exportation).
    ///
    /// # Errors
    /// [`Error::InvalidValue`] for a shipment that cannot be quoted (no lines, a negative value,
    /// an importer other than the US, freight to allocate by weight without weights);
    /// [`Error::MissingExchangeRate`]; the errors of [`TariffBook::applicable`]; and the duty
    /// errors of [`DutyRate::duty`](crate::DutyRate::duty) (a specific rate without its
    /// quantity, a rate text that is not a formula).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::Shipment, money::fx::RateTable, TariffBook};
    /// let rates = RateTable::from_csv_reader(
    ///     "date,from,to,rate,kind,source\n2025-04-01,USD,CNY,7.2000,quarterly,illustrative\n".as_bytes())?;
    /// let s: Shipment = serde_json::from_str(r#"{"importer":"US","origin":"CN","mode":"ocean",
    ///   "export_date":"2025-04-02","entry_date":"2025-04-20","currency":"CNY",
    ///   "lines":[{"hts":"6402.99.90","value":"72000"}]}"#)?;
    /// let quote = TariffBook::embedded().quote_with_rates(&s, &rates)?;
    /// assert_eq!(quote.customs_value.to_string(), "10000.00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn quote_with_rates(&self, shipment: &Shipment, rates: &RateTable) -> Result<LandedCost> {
        if shipment.importer != CountryCode::US {
            return Err(Error::invalid(
                "importer",
                format!(
                    "{}: this version quotes imports into the US only; quote another market's \
                     duties with DutyRate and that market's rates",
                    shipment.importer
                ),
            ));
        }
        if shipment.lines.is_empty() {
            return Err(Error::invalid(
                "shipment",
                "it has no lines; add at least one",
            ));
        }
        let mut warnings = Vec::new();

        // Valuation: to US dollars, then freight and insurance shared among the lines.
        let (to_usd, conversion_note) = self.conversion(shipment, rates)?;
        if let Some(note) = conversion_note {
            warnings.push(note);
        }
        let values = line_values(shipment, &to_usd)?;
        let customs_value = sum(values.iter().map(|v| v.customs_value))?;
        // The goods' value without freight and insurance: the customs value (FOB).
        let goods = customs_value;
        let freight_total = sum(values.iter().map(|v| v.freight))?;
        let insurance_total = sum(values.iter().map(|v| v.insurance))?;

        let origins: Vec<CountryCode> = shipment
            .lines
            .iter()
            .map(|l| l.origin.unwrap_or(shipment.origin))
            .collect();
        let rules = self.us_rules();
        let entry = shipment.entry_date;

        // De minimis: the whole shipment at or below the threshold for every line's origin.
        let de_minimis_rule = origins
            .iter()
            .map(|o| rules.de_minimis(*o, entry))
            .collect::<Option<Vec<_>>>()
            .and_then(|r| r.into_iter().next());
        let de_minimis = match de_minimis_rule {
            Some(rule) if customs_value <= rule.threshold => {
                warnings.push(
                    "de minimis assumes this shipment is all that the consignee imports on the entry date"
                        .to_owned(),
                );
                DeMinimis {
                    applies: true,
                    reason: format!(
                        "value {} is at or below the ${} de minimis threshold ({})",
                        money_text(customs_value),
                        rule.threshold,
                        rule.sources.join("; ")
                    ),
                }
            }
            Some(rule) => DeMinimis {
                applies: false,
                reason: format!(
                    "value {} is above the ${} de minimis threshold",
                    money_text(customs_value),
                    rule.threshold
                ),
            },
            None => DeMinimis {
                applies: false,
                reason: format!(
                    "no de minimis exemption for goods of {} entered on {entry} (EO 14256, EO 14324)",
                    origins.first().map_or(String::new(), ToString::to_string)
                ),
            },
        };

        let mut lines = Vec::with_capacity(values.len());
        let mut fees = Vec::new();
        if de_minimis.applies {
            for (line, v) in shipment.lines.iter().zip(&values) {
                lines.push(line_cost(line, v, Vec::new(), Vec::new()));
            }
        } else if let (Mode::Postal, Some(regime)) = (
            shipment.mode,
            origins.first().and_then(|o| rules.postal(*o, entry)),
        ) {
            // Postal regime: one duty instead of all others.
            let origin = origins.first().copied().unwrap_or(shipment.origin);
            let ieepa = self.effective_ieepa_rate(origin, entry)?;
            let method = match shipment.postal_duty_method {
                Some(m) => m,
                None => {
                    warnings.push("postal method assumed ad valorem (the carrier chooses; set postal_duty_method)".to_owned());
                    PostalDutyMethod::AdValorem
                }
            };
            let rate = match &regime.ad_valorem {
                PostalAdValorem::Fixed(r) => *r,
                PostalAdValorem::Derived(DerivedRate::EffectiveIeepa) => ieepa,
            };
            let per_item = regime.per_item_amount(ieepa, entry);
            let items = Decimal::from(shipment.postal_items.unwrap_or(1).max(1));
            let source = regime.sources.join("; ");
            for (index, (line, v)) in shipment.lines.iter().zip(&values).enumerate() {
                let mut charges = Vec::new();
                // The duty is per parcel: charged once, on the first line, for the whole shipment.
                if index == 0 {
                    let charge = match (method, per_item) {
                        (PostalDutyMethod::PerItem, Some(amount)) => Charge {
                            authority: Authority::PostalDuty,
                            heading: line.hts,
                            rate: format!("${amount} per postal item"),
                            base: items,
                            amount: cents(amount.checked_mul(items).ok_or(Error::overflow("postal duty"))?),
                            source: source.clone(),
                            explanation: format!(
                                "postal duty ${amount} per item × {items} item(s), instead of all other duties ({})",
                                regime.key
                            ),
                        },
                        (PostalDutyMethod::PerItem, None) => {
                            return Err(Error::invalid(
                                "postal_duty_method",
                                format!("the per-item method is not available on {entry} under {}; use ad_valorem", regime.key),
                            ))
                        }
                        _ => {
                            let base = whole_dollars(customs_value);
                            Charge {
                                authority: Authority::PostalDuty,
                                heading: line.hts,
                                rate: rate.to_string(),
                                base,
                                amount: cents(rate.apply(base)?),
                                source: source.clone(),
                                explanation: format!(
                                    "postal duty {rate} of the parcel value {}, instead of all other duties ({})",
                                    money_text(base),
                                    regime.key
                                ),
                            }
                        }
                    };
                    charges.push(charge);
                }
                lines.push(line_cost(line, v, charges, Vec::new()));
            }
        } else {
            for ((line, v), origin) in shipment.lines.iter().zip(&values).zip(&origins) {
                let what = self.applicable_claiming(
                    &line.hts,
                    *origin,
                    entry,
                    shipment.loaded_date,
                    &line.claims,
                )?;
                for w in &what.warnings {
                    if !warnings.iter().any(|known| known == w) {
                        warnings.push(w.to_string());
                    }
                }
                if !line.rates.is_empty() {
                    warnings.push(format!(
                        "line {}: the rates given are not used for US imports; the embedded tariff is",
                        line.hts
                    ));
                }
                let mut charges: Vec<Charge> = Vec::with_capacity(what.applied.len());
                // Section 232 charges come first (charges are ordered by authority), so the
                // metal value they charged is known when a base needs the rest.
                let mut metal_charged = Decimal::ZERO;
                for applied in &what.applied {
                    let c = charge(
                        applied,
                        line,
                        v,
                        &to_usd,
                        metal_charged,
                        what.edition.name(),
                        &mut warnings,
                    )?;
                    if matches!(applied.base, Base::MetalContent(_)) {
                        metal_charged = add(metal_charged, c.base)?;
                    }
                    charges.push(c);
                }
                let not_applied = what
                    .excluded
                    .iter()
                    .map(|e| NotApplied {
                        authority: e.measure.authority,
                        heading: e.heading.unwrap_or(e.measure.heading),
                        reason: format!(
                            "{} ({}) not charged: {}",
                            e.measure.heading, e.measure.title, e.reason
                        ),
                    })
                    .collect();
                lines.push(line_cost(line, v, charges, not_applied));
            }
            fees = self.fees(shipment.mode, customs_value, entry)?;
        }

        let duties_total = sum(lines
            .iter()
            .flat_map(|l| l.charges.iter().map(|c| c.amount)))?;
        let fees_total = sum(fees.iter().map(|f| f.amount))?;
        let taxes_total = Decimal::ZERO;
        let landed_total = sum([
            goods,
            freight_total,
            insurance_total,
            duties_total,
            fees_total,
            taxes_total,
        ])?;
        let effective_rate = if customs_value.is_zero() {
            Rate::ZERO
        } else {
            Rate::from_fraction(
                duties_total
                    .checked_div(customs_value)
                    .ok_or(Error::overflow("effective rate"))?
                    .round_dp(6),
            )?
        };
        Ok(LandedCost {
            currency: Currency::USD,
            entry_date: entry,
            customs_value,
            lines,
            fees,
            taxes: Vec::new(),
            de_minimis,
            duties_total,
            fees_total,
            taxes_total,
            landed_total,
            effective_rate,
            warnings,
        })
    }

    /// The converter from the shipment currency to US dollars, and a note on the rate used:
    /// the certified rate chosen under 19 CFR 159.34 when `rates` holds certified rates,
    /// otherwise the reference cross rate through the euro, said so in a warning.
    fn conversion(
        &self,
        shipment: &Shipment,
        rates: &RateTable,
    ) -> Result<(Converter, Option<String>)> {
        if shipment.currency == Currency::USD {
            return Ok((Converter { rate: None }, None));
        }
        match rates.customs_rate(shipment.currency, shipment.export_date) {
            Ok(decision) => {
                let note = format!(
                    "converted from {} at {} ({})",
                    shipment.currency,
                    decision.rate(),
                    decision.reason()
                );
                Ok((
                    Converter {
                        rate: Some(decision.rate().rate()),
                    },
                    Some(note),
                ))
            }
            Err(Error::MissingExchangeRate { .. }) => {
                let query = RateQuery::on_or_before(shipment.export_date, 7)
                    .kind(RateKind::Reference)
                    .via(Currency::EUR);
                let rate = rates.find(shipment.currency, Currency::USD, &query)?;
                let note = format!(
                    "converted from {} at the reference rate {} for want of a CBP certified rate \
                     (19 CFR 159.34); supply certified rates with quote_with_rates",
                    shipment.currency, rate
                );
                Ok((
                    Converter {
                        rate: Some(rate.rate()),
                    },
                    Some(note),
                ))
            }
            Err(e) => Err(e),
        }
    }

    /// The origin's effective IEEPA rate on a date: the fentanyl and reciprocal duties that
    /// apply to every product of that origin.
    fn effective_ieepa_rate(&self, origin: CountryCode, date: NaiveDate) -> Result<Rate> {
        self.measures()
            .iter()
            .filter(|m| {
                matches!(
                    m.authority,
                    Authority::IeepaFentanyl | Authority::IeepaReciprocal
                ) && m.origins.contains(origin)
                    && m.in_force(date)
                    && m.products == crate::tariff::ProductScope::All
            })
            .filter_map(|m| m.rate.ad_valorem_rate())
            .try_fold(Rate::ZERO, Rate::checked_add)
    }

    /// The fees of an entry.
    fn fees(&self, mode: Mode, customs_value: Decimal, entry: NaiveDate) -> Result<Vec<Fee>> {
        let rules = self.us_rules();
        let mpf = &rules.fees.mpf;
        let year = rules.mpf_year(entry).ok_or_else(|| {
            Error::invalid(
                "entry date",
                format!("no Merchandise Processing Fee schedule for {entry}; the data covers FY2024 to FY2026"),
            )
        })?;
        let entered = whole_dollars(customs_value);
        let source = year.sources.join("; ");
        let mut fees = Vec::with_capacity(2);
        if entered < mpf.formal_entry_threshold {
            fees.push(Fee {
                authority: Authority::Mpf,
                amount: year.informal_automated,
                rate: None,
                source,
                explanation: format!(
                    "informal entry (value {} below ${}): flat MPF of FY{} for an automated entry",
                    money_text(entered),
                    mpf.formal_entry_threshold,
                    year.fiscal_year
                ),
            });
        } else {
            let raw = cents(mpf.rate.apply(entered)?);
            let amount = raw.clamp(year.minimum, year.maximum);
            let bound = if amount > raw {
                format!(
                    ", raised to the FY{} minimum ${}",
                    year.fiscal_year, year.minimum
                )
            } else if amount < raw {
                format!(
                    ", capped at the FY{} maximum ${}",
                    year.fiscal_year, year.maximum
                )
            } else {
                String::new()
            };
            fees.push(Fee {
                authority: Authority::Mpf,
                amount,
                rate: Some(mpf.rate),
                source,
                explanation: format!(
                    "MPF {} of the entered value {} = {}{bound}, per entry",
                    mpf.rate,
                    money_text(entered),
                    money_text(raw)
                ),
            });
        }
        if mode == Mode::Ocean {
            let hmf = &rules.fees.hmf;
            let amount = cents(hmf.rate.apply(entered)?);
            fees.push(Fee {
                authority: Authority::Hmf,
                amount,
                rate: Some(hmf.rate),
                source: hmf.sources.join("; "),
                explanation: format!(
                    "HMF {} of the value {} (ocean shipment)",
                    hmf.rate,
                    money_text(entered)
                ),
            });
        }
        Ok(fees)
    }
}

/// Converts shipment-currency amounts to US dollars.
struct Converter {
    rate: Option<Decimal>,
}

impl Converter {
    fn convert(&self, amount: Decimal) -> Result<Decimal> {
        match self.rate {
            None => Ok(amount),
            Some(rate) => Ok(cents(
                amount
                    .checked_mul(rate)
                    .ok_or(Error::overflow("currency conversion"))?,
            )),
        }
    }
}

/// Converts the lines and shares freight and insurance among them.
fn line_values(shipment: &Shipment, to_usd: &Converter) -> Result<Vec<LineValues>> {
    for (i, line) in shipment.lines.iter().enumerate() {
        if line.value.is_sign_negative() {
            return Err(Error::invalid(
                "line value",
                format!(
                    "line {} ({}) has a negative value {}",
                    i + 1,
                    line.hts,
                    line.value
                ),
            ));
        }
    }
    if shipment.freight.is_sign_negative() || shipment.insurance.is_sign_negative() {
        return Err(Error::invalid(
            "freight or insurance",
            "must not be negative",
        ));
    }
    let line_values: Vec<Decimal> = shipment
        .lines
        .iter()
        .map(|l| to_usd.convert(l.value))
        .collect::<Result<_>>()?;
    let freight = to_usd.convert(shipment.freight)?;
    let insurance = to_usd.convert(shipment.insurance)?;
    let weights: Vec<Decimal> = match shipment.allocate_by {
        AllocationBasis::Value => line_values.clone(),
        AllocationBasis::Weight => shipment
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| line_weight(l).ok_or_else(|| {
                Error::invalid(
                    "allocation by weight",
                    format!("line {} ({}) has no quantity in a mass unit; add one (e.g. kg) or allocate by value", i + 1, l.hts),
                )
            }))
            .collect::<Result<_>>()?,
    };
    let share = |total: Decimal| -> Result<Vec<Decimal>> {
        if total.is_zero() {
            return Ok(vec![Decimal::ZERO; weights.len()]);
        }
        if weights.iter().all(|w| w.is_zero()) {
            return Err(Error::invalid(
                "allocation",
                "every line has zero value or weight; freight cannot be shared",
            ));
        }
        // Lines of zero weight get nothing; the others share by weight.
        let positive: Vec<Decimal> = weights
            .iter()
            .copied()
            .filter(|w| *w > Decimal::ZERO)
            .collect();
        let mut parts = usd(total).allocate(&positive)?.into_iter();
        Ok(weights
            .iter()
            .map(|w| {
                if *w > Decimal::ZERO {
                    parts.next().map_or(Decimal::ZERO, Money::amount)
                } else {
                    Decimal::ZERO
                }
            })
            .collect())
    };
    let freights = share(freight)?;
    let insurances = share(insurance)?;
    line_values
        .into_iter()
        .zip(freights)
        .zip(insurances)
        .enumerate()
        .map(|(i, ((value, freight), insurance))| {
            let mut customs_value = value;
            if shipment.incoterm.includes_freight() {
                customs_value = sub(customs_value, freight)?;
            }
            if shipment.incoterm.includes_insurance() {
                customs_value = sub(customs_value, insurance)?;
            }
            if customs_value.is_sign_negative() {
                return Err(Error::invalid(
                    "line value",
                    format!(
                        "line {}: freight and insurance allocated exceed its {:?} value",
                        i + 1,
                        shipment.incoterm
                    ),
                ));
            }
            Ok(LineValues {
                freight,
                insurance,
                customs_value,
            })
        })
        .collect()
}

/// A line's costs.
fn line_cost(
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

/// A line's weight in kilograms, from its first quantity in a mass unit.
fn line_weight(line: &Line) -> Option<Decimal> {
    line.quantities
        .iter()
        .find(|q| q.unit().dimension() == Dimension::Mass)
        .and_then(|q| q.convert_to(Unit::Kilogram).ok())
        .map(|q| q.amount())
}

/// One duty on a line.
fn charge(
    applied: &Applied<'_>,
    line: &Line,
    v: &LineValues,
    to_usd: &Converter,
    metal_charged: Decimal,
    edition: &str,
    warnings: &mut Vec<String>,
) -> Result<Charge> {
    let metal_value = |metal| -> Result<Option<Decimal>> {
        line.metal_content
            .iter()
            .find(|m| m.metal == metal)
            .map(|m| to_usd.convert(m.value))
            .transpose()
    };
    let (base, base_text): (Decimal, Cow<'static, str>) = match applied.base {
        Base::MetalContent(metal) => match metal_value(metal)? {
            Some(content) => (
                content,
                Cow::Borrowed(match metal {
                    Metal::Steel => "steel content",
                    Metal::Aluminum => "aluminum content",
                    Metal::Copper => "copper content",
                }),
            ),
            None => {
                warnings.push(format!(
                    "line {}: no {metal} content declared; {} charged on the full value",
                    line.hts, applied.heading
                ));
                (
                    v.customs_value,
                    Cow::Borrowed("full value (metal content not declared)"),
                )
            }
        },
        // The value that Section 232 did not charge (charged metal content, or the full value
        // where the content was not declared).
        Base::NonMetalValue => (
            sub(v.customs_value, metal_charged)?.max(Decimal::ZERO),
            Cow::Borrowed("value less Section 232 metal content"),
        ),
        _ => (v.customs_value, Cow::Borrowed("customs value")),
    };
    let (base, base_text) = match (applied.us_content_threshold, line.us_content) {
        (Some(threshold), Some(us)) => {
            let us = to_usd.convert(us)?;
            if !v.customs_value.is_zero() && us >= threshold.apply(v.customs_value)? {
                (
                    sub(base, us)?.max(Decimal::ZERO),
                    Cow::Owned(format!("{base_text} less US content (9903.01.34)")),
                )
            } else {
                (base, base_text)
            }
        }
        _ => (base, base_text),
    };
    let base = whole_dollars(base);
    let mut duty_base = DutyBase::new(usd(base));
    for q in &line.quantities {
        duty_base = duty_base.with_quantity(*q);
    }
    let amount = cents(applied.rate.duty(&duty_base)?.amount());
    let source = match applied.measure {
        Some(m) => m.citation().to_owned(),
        None => format!("HTS {edition}, general rate of {}", applied.heading),
    };
    Ok(Charge {
        authority: applied.authority,
        heading: applied.heading,
        rate: applied.rate.to_string(),
        base,
        amount,
        source,
        explanation: format!(
            "{} {} on the {base_text} {} = {}: {}",
            applied.authority,
            applied.rate,
            money_text(base),
            money_text(amount),
            applied.reason
        ),
    })
}
