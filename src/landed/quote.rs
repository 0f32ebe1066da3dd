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

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::country::CountryCode;
use crate::error::{Error, Result};
use crate::landed::conversion;
use crate::landed::cost::{Charge, DeMinimis, Fee, LandedCost, LineCost, NotApplied, Parts, Why};
use crate::landed::options::QuoteOptions;
use crate::landed::rules::MpfYear;
use crate::landed::shipment::{AllocationBasis, Line, Mode, Shipment};
use crate::landed::warnings::Warnings;
use crate::landed::{order, postal, transit, validate};
use crate::money::fx::RateTable;
use crate::money::{allocation, exact, Currency, Money, Rate, RoundingMode};
use crate::quantity::{Dimension, Unit};

use smallvec::SmallVec;

use crate::landed::text::{self, BaseText, DutyWhy, MpfBound, MpfKind, Reason, Text};
use crate::tariff::horizon;
use crate::tariff::hts::Edition;
use crate::tariff::{AdValorem, Applied, Authority, Base, DutyBase, DutyRate, TariffBook};
use crate::warning::{Warning, WarningCode};

/// Rounds an amount to the cent, half away from zero, and writes it with two decimals.
#[inline]
fn cents(amount: Decimal) -> Decimal {
    RoundingMode::HalfAwayFromZero.round_to_scale(amount, 2)
}

/// A value in whole dollars for ad valorem duties (19 CFR 159.3(a)).
#[inline]
fn whole_dollars(amount: Decimal) -> Decimal {
    RoundingMode::HalfAwayFromZero.round(amount, 0)
}

#[inline]
fn usd(amount: Decimal) -> Money {
    Money::new(amount, Currency::USD)
}

#[inline]
pub(crate) fn add(a: Decimal, b: Decimal) -> Result<Decimal> {
    exact::checked_add(a, b).ok_or_else(|| Error::overflow("landed-cost total"))
}

#[inline]
fn sub(a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_sub(b)
        .ok_or_else(|| Error::overflow("landed-cost difference"))
}

#[inline]
pub(crate) fn sum(values: impl IntoIterator<Item = Decimal>) -> Result<Decimal> {
    exact::checked_sum(values).ok_or_else(|| Error::overflow("landed-cost total"))
}

/// A line's values in the quote currency.
pub(crate) struct LineValues {
    /// The freight allocated to the line.
    pub(crate) freight: Decimal,
    /// The insurance allocated to the line.
    pub(crate) insurance: Decimal,
    /// The goods' value without freight and insurance (the US customs value).
    pub(crate) customs_value: Decimal,
}

impl TariffBook {
    /// Quotes the landed cost of a shipment with the default [`QuoteOptions`]: values in
    /// another currency than the US dollar are converted under the customs rule (19 CFR
    /// 159.34) applied to the embedded ECB reference rates
    /// ([`RateTable::customs_rate_from_reference`]), or for a currency the ECB does not quote
    /// (the Vietnamese dong, the New Taiwan dollar, ...) at the embedded US Treasury reporting
    /// rate in force, each with a warning that CBP certified rates were not available; an entry
    /// after the fee data's last fiscal year, or after the rules are known through, is quoted
    /// with a warning; a rate up to [`DEFAULT_RATE_STALENESS_DAYS`](crate::landed::DEFAULT_RATE_STALENESS_DAYS)
    /// days past its period is used with a warning.
    ///
    /// # Errors
    /// As [`TariffBook::quote_with`].
    ///
    /// # Example
    /// See [`LandedCost`](crate::landed::LandedCost).
    pub fn quote(&self, shipment: &Shipment) -> Result<LandedCost> {
        self.quote_with(shipment, &QuoteOptions::new())
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
        self.quote_batch_with(shipments, &QuoteOptions::new())
    }

    /// As [`TariffBook::quote_batch`], with options.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::{QuoteOptions, Shipment}, TariffBook};
    /// let s: Shipment = serde_json::from_str(r#"{"importer":"US","origin":"VN","mode":"air",
    ///   "export_date":"2026-11-20","entry_date":"2026-11-23","currency":"USD",
    ///   "lines":[{"hts":"6402.99.90","value":"5000"}]}"#)?;
    /// let strict = QuoteOptions::new().strict(true);
    /// assert!(TariffBook::embedded().quote_batch_with(&[s], &strict)[0].is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn quote_batch_with(
        &self,
        shipments: &[Shipment],
        options: &QuoteOptions<'_>,
    ) -> Vec<Result<LandedCost>> {
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            shipments
                .par_iter()
                .map(|s| self.quote_with(s, options))
                .collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            shipments
                .iter()
                .map(|s| self.quote_with(s, options))
                .collect()
        }
    }

    /// Quotes the landed cost of a shipment, converting its values to US dollars with `rates`
    /// under the customs rule (19 CFR 159.34, for the date of exportation), with the default
    /// options otherwise.
    ///
    /// # Errors
    /// As [`TariffBook::quote_with`].
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
        self.quote_with(shipment, &QuoteOptions::new().rates(rates))
    }

    /// Quotes the landed cost of a shipment with `options`: strictness at the edge of the data,
    /// how stale an exchange rate may be, and the rates to convert with (see [`QuoteOptions`]).
    ///
    /// # Errors
    /// [`Error::NoLines`], [`Error::NegativeValue`] and [`Error::ZeroAllocationBase`] for a
    /// shipment that cannot be quoted, and [`Error::InvalidValue`] for freight to allocate by
    /// weight without weights; [`Error::UnknownImporter`] for an importer without rules, and
    /// [`Error::MissingRate`] for a line without the rate it needs;
    /// [`Error::MissingExchangeRate`], and [`Error::StaleExchangeRate`] for a rate staler than
    /// the options allow; in strict mode [`Error::MissingFeeYear`] and
    /// [`Error::BeyondDataHorizon`] (and [`Error::MissingFeeYear`] in any mode for an entry
    /// before the first fiscal year held); the errors of [`TariffBook::applicable`]; and the
    /// duty errors of [`DutyRate::duty`](crate::DutyRate::duty) (a specific rate without its
    /// quantity, a rate text that is not a formula).
    ///
    /// # Example
    /// See [`QuoteOptions`].
    pub fn quote_with(
        &self,
        shipment: &Shipment,
        options: &QuoteOptions<'_>,
    ) -> Result<LandedCost> {
        validate::check(shipment)?;
        if shipment.importer != CountryCode::US {
            return crate::market::quote::quote(self.markets(), shipment, options);
        }
        if shipment.lines.is_empty() {
            return Err(Error::NoLines);
        }
        let mut warnings = Warnings::default();
        if let Some(w) = horizon::check(
            shipment.entry_date,
            self.horizon(),
            horizon::US_RULES,
            options.is_strict(),
        )? {
            warnings.push(w);
        }

        // Valuation: to US dollars, then freight and insurance shared among the lines.
        let to_usd = conversion::to_usd(
            shipment.currency,
            shipment.export_date,
            options,
            warnings.pending(),
        )?;
        warnings.flush();
        let values = line_values(shipment, &to_usd)?;
        let customs_value = sum(values.iter().map(|v| v.customs_value))?;
        // The goods' value without freight and insurance: the customs value (FOB).

        let origin_of = |l: &Line| l.origin.unwrap_or(shipment.origin);
        let rules = self.us_rules();
        let entry = shipment.entry_date;

        // De minimis: the whole shipment at or below the threshold for every line's origin (the
        // lowest threshold among them); otherwise the text names the first origin, in code order,
        // that has none.
        let lacking = shipment
            .lines
            .iter()
            .map(origin_of)
            .filter(|o| rules.de_minimis(*o, entry).is_none())
            .min();
        let de_minimis_rule = match lacking {
            Some(_) => None,
            None => shipment
                .lines
                .iter()
                .filter_map(|l| rules.de_minimis(origin_of(l), entry))
                .min_by(|a, b| {
                    exact::cmp(a.threshold, b.threshold).then_with(|| a.key.cmp(&b.key))
                }),
        };
        let de_minimis = match de_minimis_rule {
            Some(rule) if exact::cmp(customs_value, rule.threshold).is_le() => {
                warnings.push(Warning::new(
                    WarningCode::DeMinimisAssumption,
                    "de minimis assumes this shipment is all that the consignee imports on the entry date",
                ));
                DeMinimis {
                    applies: true,
                    reason: Text::de_minimis(customs_value, rule.threshold, Some(rule.citation())),
                }
            }
            Some(rule) => DeMinimis {
                applies: false,
                reason: Text::de_minimis(customs_value, rule.threshold, None),
            },
            None => DeMinimis {
                applies: false,
                reason: Text::no_de_minimis(lacking.unwrap_or(shipment.origin), entry),
            },
        };

        let mut lines = Vec::with_capacity(values.len());
        let mut fees = Vec::new();
        // Postal parcels: each line by its own origin's regime (see `postal`).
        let mut postal = if de_minimis.applies {
            None
        } else {
            postal::plan(
                rules,
                shipment,
                &values,
                |origin, date| self.effective_ieepa_rate(origin, date),
                &mut warnings,
            )?
        };
        // A missing date of loading is taken to be the date of exportation.
        let loaded_date = shipment.loaded_date.or(Some(shipment.export_date));
        if de_minimis.applies {
            for (line, v) in shipment.lines.iter().zip(&values) {
                lines.push(line_cost(line, v, Vec::new(), Vec::new()));
            }
        } else {
            // The applied duties of each line, on the stack: a quote allocates nothing beyond
            // its result.
            let mut applied: SmallVec<[Applied<'_>; 8]> = SmallVec::new();
            for (index, (line, v)) in shipment.lines.iter().zip(&values).enumerate() {
                if let Some(charges) = postal.as_mut().and_then(|p| p.take(index)) {
                    lines.push(line_cost(line, v, charges, Vec::new()));
                    continue;
                }
                let origin = &origin_of(line);
                let what = self.applicable_into(
                    &line.hts,
                    *origin,
                    entry,
                    loaded_date,
                    crate::tariff::Claims::headings(&line.claims).with_usmca(line.usmca),
                    &mut applied,
                )?;
                for w in what.warnings {
                    warnings.push(w);
                }
                if shipment.loaded_date.is_none() {
                    if let Some(w) = transit::assumed_loading(shipment, &what.excluded, &applied) {
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
                // Section 232 charges come first (charges are ordered by authority), so the
                // metal value they charged is known when a base needs the rest.
                let mut metal_charged = Decimal::ZERO;
                for applied in &applied {
                    let base = charge(
                        applied,
                        line,
                        v,
                        &to_usd,
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
                let not_applied = what
                    .excluded
                    .iter()
                    .map(|e| NotApplied {
                        authority: e.measure.authority,
                        heading: e.heading.unwrap_or(e.measure.heading),
                        reason: Text::from(format!(
                            "{} ({}) not charged: {}",
                            e.measure.heading, e.measure.title, e.reason
                        )),
                    })
                    .collect();
                lines.push(line_cost(line, v, charges, not_applied));
            }
            // The entry fees, on the value of the lines that pay the ordinary duties.
            let ordinary = match &postal {
                None => Some(customs_value),
                Some(p) => {
                    let mut ordinary = values
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| !p.covers(*i))
                        .map(|(_, v)| v.customs_value)
                        .peekable();
                    match ordinary.peek() {
                        Some(_) => Some(sum(ordinary)?),
                        None => None,
                    }
                }
            };
            if let Some(value) = ordinary {
                fees = self.fees(shipment.mode, value, entry, options, warnings.pending())?;
                warnings.flush();
            }
        }

        LandedCost::from_parts(Parts {
            currency: Currency::USD,
            entry_date: entry,
            customs_value,
            goods: customs_value,
            lines,
            fees,
            taxes: Vec::new(),
            de_minimis,
            warnings: warnings.into_vec(),
        })
    }

    /// The origin's effective IEEPA rate on a date: the fentanyl and reciprocal duties that
    /// apply to every product of that origin.
    fn effective_ieepa_rate(&self, origin: CountryCode, date: NaiveDate) -> Result<Rate> {
        // The IEEPA measures on all products of the origin in force on the date, less those a
        // country rate replaces (the baseline's heading exceptions); a floor counts as its
        // total (EU, Japan, Korea: 15%).
        let in_force: Vec<&crate::tariff::Measure> = self
            .measures()
            .iter()
            .map(AsRef::as_ref)
            .filter(|m| {
                matches!(
                    m.authority,
                    Authority::IeepaFentanyl | Authority::IeepaReciprocal | Authority::Ieepa
                ) && m.origins.contains(origin)
                    && m.in_force(date)
                    && m.products == crate::tariff::ProductScope::All
            })
            .collect();
        let replaced = |m: &crate::tariff::Measure| {
            m.exclusions.iter().any(|e| match e {
                crate::tariff::Exclusion::Headings { ranges, .. } => in_force
                    .iter()
                    .any(|o| o.key != m.key && ranges.iter().any(|r| r.contains(&o.heading))),
                _ => false,
            })
        };
        in_force
            .iter()
            .filter(|m| !replaced(m))
            .filter_map(|m| {
                m.floor
                    .map(|f| f.total)
                    .or_else(|| m.rate.ad_valorem_rate())
            })
            .try_fold(Rate::ZERO, Rate::checked_add)
    }

    /// The fees of an entry. An entry after the last fiscal year held is charged the latest
    /// year's figures with a warning (an error in strict mode); a one-source figure used is said
    /// so.
    fn fees(
        &self,
        mode: Mode,
        customs_value: Decimal,
        entry: NaiveDate,
        options: &QuoteOptions<'_>,
        warnings: &mut Vec<Warning>,
    ) -> Result<Vec<Fee>> {
        let rules = self.us_rules();
        let mpf = &rules.fees.mpf;
        let fiscal_year = entry.year() + i32::from(entry.month() >= 10);
        let latest = mpf.fiscal_years.iter().max_by_key(|y| y.until);
        let year = match (rules.mpf_year(entry), latest) {
            (Some(year), _) => year,
            (None, Some(latest)) if entry >= latest.until && !options.is_strict() => {
                warnings.push(Warning::new(
                    WarningCode::FeeYearAssumed,
                    format!(
                        "no Merchandise Processing Fee schedule for FY{fiscal_year} (entry {entry}) is \
                         held: the FY{} figures are used (minimum ${}, maximum ${}); add the year's \
                         figures with TariffBook::with_us_rules when CBP publishes them",
                        latest.fiscal_year, latest.minimum, latest.maximum
                    ),
                ));
                latest
            }
            (None, latest) => {
                return Err(Error::MissingFeeYear {
                    date: entry,
                    fiscal_year,
                    latest: latest.map(|y| y.fiscal_year),
                })
            }
        };
        let entered = whole_dollars(customs_value);
        let mut fees = Vec::with_capacity(2);
        if exact::cmp(entered, mpf.formal_entry_threshold).is_lt() {
            if year.is_one_source("informal_automated") {
                warnings.push(Warning::new(
                    WarningCode::OneSourceFact,
                    format!(
                        "the FY{} informal-entry MPF (${}) is confirmed by one source only",
                        year.fiscal_year, year.informal_automated
                    ),
                ));
            }
            fees.push(Fee {
                authority: Authority::Mpf,
                amount: year.informal_automated,
                rate: None,
                source: year.citation(),
                explanation: Text::mpf(text::Mpf {
                    fiscal_year: year.fiscal_year,
                    entered,
                    kind: MpfKind::Informal {
                        threshold: mpf.formal_entry_threshold,
                    },
                }),
            });
        } else {
            let raw = cents(mpf.rate.apply(entered)?);
            let (amount, bound) = if exact::cmp(raw, year.minimum).is_lt() {
                one_source(year, "minimum", year.minimum, warnings);
                (year.minimum, MpfBound::Minimum(year.minimum))
            } else if exact::cmp(raw, year.maximum).is_gt() {
                one_source(year, "maximum", year.maximum, warnings);
                (year.maximum, MpfBound::Maximum(year.maximum))
            } else {
                (raw, MpfBound::None)
            };
            fees.push(Fee {
                authority: Authority::Mpf,
                amount,
                rate: Some(mpf.rate),
                source: year.citation(),
                explanation: Text::mpf(text::Mpf {
                    fiscal_year: year.fiscal_year,
                    entered,
                    kind: MpfKind::Formal {
                        rate: mpf.rate,
                        raw,
                        bound,
                    },
                }),
            });
        }
        if mode == Mode::Ocean {
            let hmf = &rules.fees.hmf;
            let amount = cents(hmf.rate.apply(entered)?);
            fees.push(Fee {
                authority: Authority::Hmf,
                amount,
                rate: Some(hmf.rate),
                source: hmf.citation(),
                explanation: Text::hmf(hmf.rate, entered),
            });
        }
        Ok(fees)
    }
}

/// A one-source warning when a fee figure the data marks one-source is charged.
fn one_source(year: &MpfYear, field: &str, amount: Decimal, warnings: &mut Vec<Warning>) {
    if year.is_one_source(field) {
        warnings.push(Warning::new(
            WarningCode::OneSourceFact,
            format!(
                "the FY{} MPF {field} (${amount}) is confirmed by one source only",
                year.fiscal_year
            ),
        ));
    }
}

/// Converts shipment-currency amounts to the quote currency, rounding to its minor unit.
pub(crate) struct Converter {
    /// The rate, or `None` when the shipment is in the quote currency.
    pub(crate) rate: Option<Decimal>,
    /// The quote currency.
    pub(crate) to: Currency,
}

impl Converter {
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
    to_usd: &Converter,
) -> Result<SmallVec<[LineValues; 4]>> {
    if shipment.lines.is_empty() {
        return Err(Error::NoLines);
    }
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
    let mut values: SmallVec<[LineValues; 4]> = SmallVec::with_capacity(shipment.lines.len());
    for line in &shipment.lines {
        values.push(LineValues {
            freight: Decimal::ZERO,
            insurance: Decimal::ZERO,
            customs_value: to_usd.convert(line.value)?,
        });
    }
    let freight = to_usd.convert(shipment.freight)?;
    let insurance = to_usd.convert(shipment.insurance)?;
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
        let mut positive = weights.iter().filter(|w| **w > Decimal::ZERO);
        if let (Some(_), None) = (positive.next(), positive.next()) {
            // One line carries all the weight (always so for a single line): it takes all.
            for (v, w) in values.iter_mut().zip(&weights) {
                if *w > Decimal::ZERO {
                    v.freight = freight;
                    v.insurance = insurance;
                }
            }
        } else {
            // Lines of zero weight get nothing; the others share by weight, a tie for the last
            // cent going by the stable line order, not by position.
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
            let freights = allocation::allocate_with_ties(
                Money::new(freight, to_usd.to),
                &positive,
                &mut ties,
            )?;
            let insurances = allocation::allocate_with_ties(
                Money::new(insurance, to_usd.to),
                &positive,
                &mut ties,
            )?;
            let mut shares = freights.iter().zip(&insurances);
            for (v, w) in values.iter_mut().zip(&weights) {
                if *w > Decimal::ZERO {
                    if let Some((f, i)) = shares.next() {
                        v.freight = f.amount();
                        v.insurance = i.amount();
                    }
                }
            }
        }
    }
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
    Ok(values)
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

/// A line's weight in kilograms, from its first quantity in a mass unit.
fn line_weight(line: &Line) -> Option<Decimal> {
    line.quantities
        .iter()
        .find(|q| q.unit().dimension() == Dimension::Mass)
        .and_then(|q| q.convert_to(Unit::Kilogram).ok())
        .map(|q| q.amount())
}

/// One duty on a line, added to `charges`; returns its base.
#[allow(clippy::too_many_arguments)]
fn charge(
    applied: &Applied<'_>,
    line: &Line,
    v: &LineValues,
    to_usd: &Converter,
    metal_charged: Decimal,
    edition: &Edition,
    warnings: &mut Vec<Warning>,
    charges: &mut Vec<Charge>,
) -> Result<Decimal> {
    let metal_value = |metal| -> Result<Option<Decimal>> {
        line.metal_content
            .iter()
            .find(|m| m.metal == metal)
            .map(|m| to_usd.convert(m.value))
            .transpose()
    };
    let (base, base_text) = match applied.base {
        Base::MetalContent(metal) => match metal_value(metal)? {
            Some(content) => (content, BaseText::Metal(metal)),
            None => {
                warnings.push(Warning::new(
                    WarningCode::MetalContentNotDeclared,
                    format!(
                        "line {}: no {metal} content declared; {} charged on the full value",
                        line.hts, applied.heading
                    ),
                ));
                (v.customs_value, BaseText::MetalNotDeclared)
            }
        },
        // The value that Section 232 did not charge (charged metal content, or the full value
        // where the content was not declared).
        Base::NonMetalValue => (
            sub(v.customs_value, metal_charged)?.max(Decimal::ZERO),
            BaseText::NonMetalValue,
        ),
        _ => (v.customs_value, BaseText::CustomsValue),
    };
    let mut less_us_content = false;
    let base = match (applied.us_content_threshold, line.us_content) {
        (Some(threshold), Some(us)) => {
            let us = to_usd.convert(us)?;
            if !v.customs_value.is_zero() && us >= threshold.apply(v.customs_value)? {
                less_us_content = true;
                sub(base, us)?.max(Decimal::ZERO)
            } else {
                base
            }
        }
        _ => base,
    };
    let base = whole_dollars(base);
    // A floor measure adds what brings the total with the MFN duty up to the floor: the MFN
    // charge (always the line's first) gives the MFN ad valorem equivalent.
    let floor_rate = match applied.floor {
        Some(floor) => {
            let mfn = charges
                .first()
                .filter(|c| c.authority == Authority::Mfn)
                .map_or(Ok(Rate::ZERO), |c| {
                    mfn_ad_valorem_equivalent(&c.rate, c.amount, c.base)
                })?;
            Some(floor.additional(mfn))
        }
        None => None,
    };
    // Most rates are a single percentage: applied to the base directly, with the same exact
    // product `DutyRate::duty` computes; the others with the line's quantities.
    let exact = match floor_rate.or_else(|| applied.rate.ad_valorem_rate()) {
        Some(rate) => rate.apply(base)?,
        None => {
            let mut duty_base = DutyBase::new(usd(base));
            for q in &line.quantities {
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
            reason: Reason::of(&applied.reason, edition.label()),
        }),
    });
    Ok(base)
}
