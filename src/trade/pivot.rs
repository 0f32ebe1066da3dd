//! The pivot analysis: each channel's margin on each date, the best channel, the break-even
//! additional US duty at which exporting earns what selling at home earns, and what-if
//! scenarios ([`Scenario`]).
//!
//! **How the break-even is solved.** An export channel's margin is linear in an added ad
//! valorem rate `r` on the customs value `v` (USD per unit): `m(r) = m(r₀) − (r − r₀) · v · x · s`,
//! with `x` the USD→CNY rate and `s` the share of the duty the exporter bears (the pass-through
//! for B2B, all of it for DDP). The break-even is therefore computed in closed form,
//! `r* = r₀ + (m(r₀) − m_domestic) / (v · x · s)`, in exact decimal arithmetic (28 significant
//! digits), and needs no search. It is signed: a negative `r*` means the duties in force would
//! have to fall by that much for exporting to match.

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::money::{exact, Money, Rate};
use crate::trade::{Channel, ChannelAssumptions, ChannelModel, Product};

/// How a what-if changes the US duties.
///
/// # Example
/// ```
/// use landed_cost::trade::DutyChange;
/// let c: DutyChange = serde_json::from_str(r#"{"reciprocal_at": "34%"}"#)?;
/// assert_eq!(c, DutyChange::ReciprocalAt("34%".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DutyChange {
    /// An extra ad valorem rate on the customs value, on top of the duties in force.
    Added(Rate),
    /// The IEEPA reciprocal duty at this rate instead of the rate in force on each date (0%
    /// where none is in force): the difference is added as an ad valorem rate. Where no
    /// reciprocal duty is charged the whole rate is added, including on goods that were exempt
    /// from it (Annex II, Section 232 goods): check the product's exemptions before relying on it.
    ReciprocalAt(Rate),
}

/// A named what-if on the US duties.
///
/// # Example
/// ```
/// use landed_cost::trade::Scenario;
/// let s = Scenario::reciprocal_at("reciprocal back at 34%", "34%".parse()?);
/// assert_eq!(s.name, "reciprocal back at 34%");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Scenario {
    /// What the scenario is.
    pub name: String,
    /// The change to the duties.
    pub change: DutyChange,
}

impl Scenario {
    /// An extra ad valorem rate on top of the duties in force.
    ///
    /// # Example
    /// ```
    /// let s = landed_cost::trade::Scenario::added("+10 points", "10%".parse()?);
    /// assert!(matches!(s.change, landed_cost::trade::DutyChange::Added(_)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn added(name: impl Into<String>, rate: Rate) -> Scenario {
        Scenario {
            name: name.into(),
            change: DutyChange::Added(rate),
        }
    }

    /// The reciprocal duty at `rate` on every date.
    ///
    /// # Example
    /// See [`Scenario`].
    #[must_use]
    pub fn reciprocal_at(name: impl Into<String>, rate: Rate) -> Scenario {
        Scenario {
            name: name.into(),
            change: DutyChange::ReciprocalAt(rate),
        }
    }
}

/// A channel's margin per unit (CNY).
///
/// # Example
/// See [`PivotAnalysis`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ChannelMargin {
    /// The channel.
    pub channel: Channel,
    /// The margin per unit, CNY (exact).
    pub margin: Money,
}

/// The additional US ad valorem duty at which an export channel earns what the domestic channel
/// earns, on one date.
///
/// # Example
/// ```
/// use landed_cost::trade::{Channel, ChannelAssumptions, ChannelModel, Product};
/// let toy = Product::new("YW-TOY-001", "9503.00.00".parse()?, "18 CNY".parse()?,
///     "4.20 USD".parse()?, "49 CNY".parse()?, "13%".parse()?)?;
/// let mut a = ChannelAssumptions::default();
/// a.pass_through = "50%".parse()?;
/// let model = ChannelModel::embedded();
/// let date = "2025-12-01".parse()?;
/// let be = model.break_even(Channel::ExportB2b, &toy, date, &a)?;
/// let rate = be.additional_rate.ok_or("the exporter bears no duty")?;
/// a.extra_us_duty = rate;
/// let export = model.breakdown(Channel::ExportB2b, &toy, date, &a)?.margin;
/// let home = model.breakdown(Channel::Domestic, &toy, date, &a)?.margin;
/// assert!((export.amount() - home.amount()).abs() < "0.01".parse()?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BreakEven {
    /// The export channel compared with the domestic one.
    pub channel: Channel,
    /// The additional rate (on top of the duties in force and the assumptions' extra), signed;
    /// `None` if the exporter bears none of the duty (the margin does not depend on it). A
    /// rate below minus [`BreakEven::duties_in_force`] cannot be reached: even free of US
    /// duty the export channel earns less (the explanation says so).
    pub additional_rate: Option<Rate>,
    /// The US duties the additional rate is added to (those in force on the date and the
    /// assumptions' extra), as a share of the customs value (0% when read from JSON written
    /// before the field existed).
    #[serde(default)]
    pub duties_in_force: Rate,
    /// The export channel's margin at the assumptions' duties.
    pub export_margin: Money,
    /// The domestic channel's margin.
    pub domestic_margin: Money,
    /// One line saying what the rate means.
    pub explanation: String,
}

/// One date of a pivot analysis.
///
/// # Example
/// See [`PivotAnalysis`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PivotPoint {
    /// The date.
    pub date: NaiveDate,
    /// The extra ad valorem duty applied on this date (the assumptions' plus the scenario's).
    pub extra_us_duty: Rate,
    /// Each channel's margin.
    pub margins: Vec<ChannelMargin>,
    /// The channel with the highest margin (the first of equals, in channel order).
    pub best: Channel,
    /// The break-even of each export channel.
    pub break_even: Vec<BreakEven>,
}

/// Each channel's margin per unit of a product on a series of dates, the best channel, and the
/// break-even additional US duty of each export channel.
///
/// # Example
/// ```
/// use landed_cost::trade::{monthly_dates, Channel, ChannelAssumptions, ChannelModel, Product};
/// let toy = Product::new("YW-TOY-001", "9503.00.00".parse()?, "18 CNY".parse()?,
///     "4.20 USD".parse()?, "49 CNY".parse()?, "13%".parse()?)?;
/// let mut a = ChannelAssumptions::default();
/// a.pass_through = "100%".parse()?;
/// let dates = monthly_dates("2025-03-03".parse()?, "2025-06-03".parse()?)?;
/// let pivot = ChannelModel::embedded().pivot(&toy, &dates, &a, None)?;
/// assert_eq!(pivot.points.len(), 4);
/// let april = &pivot.points[1]; // 145% on toys: selling at home wins
/// assert_eq!(april.best, Channel::Domestic);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PivotAnalysis {
    /// The product's SKU.
    pub sku: String,
    /// The what-if applied, if any.
    pub scenario: Option<Scenario>,
    /// One point per date.
    pub points: Vec<PivotPoint>,
}

/// The same day of each month from `first` to `last` inclusive (the day is clamped to the end
/// of shorter months).
///
/// # Errors
/// [`Error::InvalidValue`] if `last` is before `first` or the range spans more than 1,200 months.
///
/// # Example
/// ```
/// let dates = landed_cost::trade::monthly_dates("2025-01-31".parse()?, "2025-04-30".parse()?)?;
/// let shown: Vec<String> = dates.iter().map(|d| d.to_string()).collect();
/// assert_eq!(shown, ["2025-01-31", "2025-02-28", "2025-03-31", "2025-04-30"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn monthly_dates(first: NaiveDate, last: NaiveDate) -> Result<Vec<NaiveDate>> {
    if last < first {
        return Err(Error::invalid(
            "date range",
            format!("{last} is before {first}"),
        ));
    }
    let mut dates = Vec::new();
    for i in 0..=1200u32 {
        match first.checked_add_months(Months::new(i)) {
            Some(d) if d <= last => dates.push(d),
            _ => return Ok(dates),
        }
    }
    Err(Error::invalid(
        "date range",
        "more than 1,200 months; ask for a shorter range",
    ))
}

impl ChannelModel<'_> {
    /// Each channel's margin per unit on a date: export B2B, cross-border B2C (if the product
    /// has a cross-border price) and domestic.
    ///
    /// # Errors
    /// As [`ChannelModel::breakdown`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::trade::{ChannelAssumptions, ChannelModel, Product};
    /// let toy = Product::new("YW-TOY-001", "9503.00.00".parse()?, "18 CNY".parse()?,
    ///     "4.20 USD".parse()?, "49 CNY".parse()?, "13%".parse()?)?;
    /// let margins = ChannelModel::embedded().margins(&toy, "2025-06-02".parse()?, &ChannelAssumptions::default())?;
    /// assert_eq!(margins.len(), 2); // no cross-border price
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn margins(
        &self,
        product: &Product,
        date: NaiveDate,
        assumptions: &ChannelAssumptions,
    ) -> Result<Vec<ChannelMargin>> {
        channels(product)
            .into_iter()
            .map(|channel| {
                Ok(ChannelMargin {
                    channel,
                    margin: self.breakdown(channel, product, date, assumptions)?.margin,
                })
            })
            .collect()
    }

    /// The additional US ad valorem duty at which `channel` (an export channel) earns what the
    /// domestic channel earns on `date`, in closed form (see the [module docs](self)).
    ///
    /// # Errors
    /// [`Error::InvalidValue`] if `channel` is not an export channel; as
    /// [`ChannelModel::breakdown`].
    ///
    /// # Example
    /// See [`BreakEven`].
    pub fn break_even(
        &self,
        channel: Channel,
        product: &Product,
        date: NaiveDate,
        assumptions: &ChannelAssumptions,
    ) -> Result<BreakEven> {
        if !channel.is_export() {
            return Err(Error::invalid(
                "break-even channel",
                format!("{channel} is not an export channel"),
            ));
        }
        let export = self.breakdown(channel, product, date, assumptions)?;
        let home = self.breakdown(Channel::Domestic, product, date, assumptions)?;
        let us = self.us_charges(product, date, assumptions)?;
        let (duties, value) = (us.duties, us.value);
        // No value, no duty on it (a zero price: the slope is zero too).
        let in_force = duties
            .amount()
            .checked_div(value.amount())
            .unwrap_or(Decimal::ZERO);
        let duties_in_force = Rate::from_fraction(in_force)?;
        let bearer = match channel {
            Channel::ExportB2b => assumptions.pass_through.fraction(),
            _ => Decimal::ONE,
        };
        // CNY of margin lost per unit of added rate (per 100%).
        let slope = value
            .amount()
            .checked_mul(export.usd_cny)
            .and_then(|s| s.checked_mul(bearer))
            .ok_or_else(|| Error::overflow("break-even slope"))?;
        let gap = export.margin.checked_sub(home.margin)?;
        let (additional_rate, explanation) = if slope.is_zero() {
            (
                None,
                format!(
                    "the exporter bears none of the US duty through {channel}, so no duty rate \
                     changes its margin"
                ),
            )
        } else {
            let extra = gap
                .amount()
                .checked_div(slope)
                .ok_or_else(|| Error::overflow("break-even rate"))?;
            let rate = Rate::from_fraction(extra)?;
            let shown = Rate::from_fraction(extra.round_dp(4))?;
            let text = if exact::cmp(extra, -in_force).is_lt() {
                format!(
                    "{channel} earns less than selling at home even free of US duty: matching it \
                     would take the duties falling by {}, and they are {} of the customs value",
                    Rate::from_fraction(extra.abs().round_dp(4))?,
                    Rate::from_fraction(in_force.round_dp(4))?
                )
            } else if extra.is_sign_negative() {
                format!(
                    "{channel} already earns less than selling at home: the duties would have to \
                     fall by {} of the customs value to match",
                    Rate::from_fraction(extra.abs().round_dp(4))?
                )
            } else {
                format!(
                    "{channel} keeps earning more than selling at home until the US duties rise \
                     by a further {shown} of the customs value"
                )
            };
            (Some(rate), text)
        };
        Ok(BreakEven {
            channel,
            additional_rate,
            duties_in_force,
            export_margin: export.margin,
            domestic_margin: home.margin,
            explanation,
        })
    }

    /// The pivot analysis of a product over `dates`, optionally under a what-if scenario.
    ///
    /// # Errors
    /// As [`ChannelModel::breakdown`], for the first date that fails.
    ///
    /// # Example
    /// ```
    /// use landed_cost::trade::{ChannelAssumptions, ChannelModel, Product, Scenario};
    /// let charger = Product::new("SZ-CHG-65W", "8504.40.95".parse()?, "38 CNY".parse()?,
    ///     "9.50 USD".parse()?, "129 CNY".parse()?, "13%".parse()?)?;
    /// let mut a = ChannelAssumptions::default();
    /// a.pass_through = "60%".parse()?;
    /// let dates = ["2026-03-02".parse()?];
    /// let model = ChannelModel::embedded();
    /// let base = model.pivot(&charger, &dates, &a, None)?;
    /// let what_if = Scenario::reciprocal_at("reciprocal back at 34%", "34%".parse()?);
    /// let worse = model.pivot(&charger, &dates, &a, Some(&what_if))?;
    /// assert_eq!(worse.points[0].extra_us_duty.to_string(), "34%"); // none in force after the ruling
    /// let b2b = |p: &landed_cost::trade::PivotAnalysis| p.points[0].margins[0].margin;
    /// assert!(b2b(&worse).compare(b2b(&base))?.is_lt());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn pivot(
        &self,
        product: &Product,
        dates: &[NaiveDate],
        assumptions: &ChannelAssumptions,
        scenario: Option<&Scenario>,
    ) -> Result<PivotAnalysis> {
        let mut points = Vec::with_capacity(dates.len());
        for &date in dates {
            let mut a = assumptions.clone();
            if let Some(s) = scenario {
                let change = match s.change {
                    DutyChange::Added(rate) => rate,
                    DutyChange::ReciprocalAt(target) => {
                        let us = self.us_charges(product, date, &a)?;
                        let (reciprocal, value) = (us.reciprocal, us.value);
                        let current = reciprocal
                            .amount()
                            .checked_div(value.amount())
                            .ok_or_else(|| Error::overflow("reciprocal rate in force"))?;
                        let diff = target
                            .fraction()
                            .checked_sub(current)
                            .ok_or_else(|| Error::overflow("reciprocal change"))?;
                        Rate::from_fraction(diff)?
                    }
                };
                a.extra_us_duty = a.extra_us_duty.checked_add(change)?;
            }
            let margins = self.margins(product, date, &a)?;
            let best = best_channel(&margins)?;
            let break_even = channels(product)
                .into_iter()
                .filter(|c| c.is_export())
                .map(|c| self.break_even(c, product, date, &a))
                .collect::<Result<Vec<_>>>()?;
            points.push(PivotPoint {
                date,
                extra_us_duty: a.extra_us_duty,
                margins,
                best,
                break_even,
            });
        }
        Ok(PivotAnalysis {
            sku: product.sku.clone(),
            scenario: scenario.cloned(),
            points,
        })
    }
}

/// The channels a product can be sold through.
fn channels(product: &Product) -> Vec<Channel> {
    let mut out = vec![Channel::ExportB2b];
    if product.cross_border_price.is_some() {
        out.push(Channel::CrossBorderB2c);
    }
    out.push(Channel::Domestic);
    out
}

/// The channel with the highest margin (the first of equals).
fn best_channel(margins: &[ChannelMargin]) -> Result<Channel> {
    let mut best: Option<&ChannelMargin> = None;
    for m in margins {
        best = match best {
            Some(b) if m.margin.compare(b.margin)?.is_le() => Some(b),
            _ => Some(m),
        };
    }
    best.map(|b| b.channel)
        .ok_or_else(|| Error::invalid("channels", "no channel to compare"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn charger() -> Product {
        Product::new(
            "C",
            "8504.40.95".parse().unwrap(),
            "38 CNY".parse().unwrap(),
            "9.50 USD".parse().unwrap(),
            "129 CNY".parse().unwrap(),
            "13%".parse().unwrap(),
        )
        .unwrap()
        .with_cross_border_price("24.99 USD".parse().unwrap())
        .unwrap()
    }

    #[test]
    fn break_even_meets_exactly() {
        let model = ChannelModel::embedded();
        let a = ChannelAssumptions {
            pass_through: "40%".parse().unwrap(),
            cross_border_commission: "15%".parse().unwrap(),
            ..ChannelAssumptions::default()
        };
        let date = "2025-09-01".parse().unwrap();
        for channel in [Channel::ExportB2b, Channel::CrossBorderB2c] {
            let be = model.break_even(channel, &charger(), date, &a).unwrap();
            let mut at = a.clone();
            at.extra_us_duty = be.additional_rate.unwrap();
            let export = model
                .breakdown(channel, &charger(), date, &at)
                .unwrap()
                .margin;
            let diff = export
                .checked_sub(be.domestic_margin)
                .unwrap()
                .amount()
                .abs();
            assert!(diff < Decimal::new(1, 10), "{channel}: {diff}");
        }
    }

    /// A break-even below minus the duties in force is out of reach, and says so: free of US
    /// duty (the extra rate cancelling the duties in force) the export margin is still lower.
    #[test]
    fn a_break_even_past_duty_free_is_out_of_reach() {
        let model = ChannelModel::embedded();
        let a = ChannelAssumptions {
            pass_through: "40%".parse().unwrap(),
            ..ChannelAssumptions::default()
        };
        let date = "2025-09-01".parse().unwrap();
        for channel in [Channel::ExportB2b, Channel::CrossBorderB2c] {
            let be = model.break_even(channel, &charger(), date, &a).unwrap();
            let rate = be.additional_rate.unwrap().fraction();
            let in_force = be.duties_in_force.fraction();
            assert!(in_force > Decimal::ZERO, "{channel}: {in_force}");
            let mut free = a.clone();
            free.extra_us_duty = Rate::from_fraction(-in_force).unwrap();
            let duty_free = model.breakdown(channel, &charger(), date, &free).unwrap();
            let out_of_reach = rate < -in_force;
            assert_eq!(
                out_of_reach,
                duty_free.margin.amount() < be.domestic_margin.amount(),
                "{channel}"
            );
            assert_eq!(
                out_of_reach,
                be.explanation.contains("even free of US duty"),
                "{channel}: {}",
                be.explanation
            );
        }
        let b2b = model
            .break_even(Channel::ExportB2b, &charger(), date, &a)
            .unwrap();
        assert!(
            b2b.explanation.contains("even free of US duty"),
            "{}",
            b2b.explanation
        );
    }

    #[test]
    fn no_pass_through_no_break_even() {
        let be = ChannelModel::embedded()
            .break_even(
                Channel::ExportB2b,
                &charger(),
                "2025-09-01".parse().unwrap(),
                &ChannelAssumptions::default(),
            )
            .unwrap();
        assert!(be.additional_rate.is_none());
        assert!(ChannelModel::embedded()
            .break_even(
                Channel::Domestic,
                &charger(),
                "2025-09-01".parse().unwrap(),
                &ChannelAssumptions::default()
            )
            .is_err());
    }

    #[test]
    fn reciprocal_at_34_adds_the_difference() {
        let model = ChannelModel::embedded();
        let s = Scenario::reciprocal_at("34%", "34%".parse().unwrap());
        // 16 June 2025: reciprocal 10% in force, so +24 points.
        let p = model
            .pivot(
                &charger(),
                &["2025-06-16".parse().unwrap()],
                &ChannelAssumptions::default(),
                Some(&s),
            )
            .unwrap();
        assert_eq!(p.points[0].extra_us_duty.to_string(), "24%");
    }

    #[test]
    fn monthly_dates_bounds() {
        let d: NaiveDate = "2025-01-15".parse().unwrap();
        assert_eq!(monthly_dates(d, d).unwrap(), vec![d]);
        assert!(monthly_dates(d, "2024-01-01".parse().unwrap()).is_err());
    }
}
