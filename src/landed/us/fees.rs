//! The fees stage of a US quote: the Merchandise Processing Fee (19 CFR 24.23) of the entry's
//! fiscal year, formal (the rate with the year's minimum and maximum) or informal (the automated
//! flat fee below the formal-entry threshold), and the Harbor Maintenance Fee (19 CFR 24.24) for
//! ocean shipments, each on the value in whole dollars and rounded to the cent.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::hs::HsCode;
use crate::landed::arith::{cents, whole_dollars};
use crate::landed::cost::Fee;
use crate::landed::options::QuoteOptions;
use crate::landed::shipment::Mode;
use crate::landed::text::{self, MpfBound, MpfKind, Text};
use crate::market::us::{MpfYear, UsRules};
use crate::money::exact;
use crate::tariff::Authority;
use crate::validity::IsoDate;
use crate::warning::{Warning, WarningCode};

/// The MPF fiscal year of an entry, found before any duty is computed so that an entry the fee
/// data cannot price fails at once: the year itself, or after the last year held the latest
/// year with the warning that says so (an error in strict mode, and before the first year held).
pub(super) struct FeeYear<'r> {
    year: &'r MpfYear,
    assumed: Option<Warning>,
}

impl<'r> FeeYear<'r> {
    /// The fee year of an entry on `entry` under `rules` and `options`.
    pub(super) fn of(
        rules: &'r UsRules,
        entry: NaiveDate,
        options: &QuoteOptions<'_>,
    ) -> Result<FeeYear<'r>> {
        let mut assumed = None;
        let year = mpf_year(rules, entry, options, &mut assumed)?;
        Ok(FeeYear { year, assumed })
    }
}

/// The fees of an entry in fiscal year `year` ([`FeeYear::of`]). An entry after the last fiscal
/// year held is charged the latest year's figures with a warning; a one-source figure used is
/// said so.
pub(super) fn entry_fees(
    rules: &UsRules,
    entry: Entry,
    year: FeeYear<'_>,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Fee>> {
    warnings.extend(year.assumed);
    let year = year.year;
    let entered = whole_dollars(entry.customs_value);
    let mut fees = Vec::with_capacity(2);
    let excluded = informal_excluded(rules, &entry, entered, warnings);
    fees.push(mpf(rules, year, entered, excluded, warnings)?);
    if entry.mode == Mode::Ocean {
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

/// Why an entry below the formal-entry threshold is a formal one: goods over `over` dollars
/// under `heading` (19 CFR 143.21(a), while in force).
struct InformalExcluded {
    heading: HsCode,
    over: Decimal,
}

/// What the fees of an entry depend on besides the fiscal year.
pub(super) struct Entry {
    pub(super) mode: Mode,
    pub(super) date: NaiveDate,
    /// The value of the lines that pay the ordinary duties.
    pub(super) customs_value: Decimal,
    /// A heading charged on a line whose goods the informal-entry exclusion names.
    pub(super) informal_excluded: Option<HsCode>,
}

/// The heading that makes an entry below the formal-entry threshold a formal one (19 CFR
/// 143.21(a), while in force), said with a warning when a date of the rule has one source.
fn informal_excluded(
    rules: &UsRules,
    entry: &Entry,
    entered: Decimal,
    warnings: &mut Vec<Warning>,
) -> Option<InformalExcluded> {
    let mpf = &rules.fees.mpf;
    let (x, heading) = mpf
        .informal_entry_exclusion
        .as_ref()
        .zip(entry.informal_excluded)?;
    if exact::cmp(entered, mpf.formal_entry_threshold).is_ge()
        || !x.excludes(entered, entry.date, [&heading])
    {
        return None;
    }
    if x.one_source {
        warnings.push(Warning::new(
            WarningCode::OneSourceFact,
            format!(
                "the formal MPF is charged because goods over ${} under {heading} could not be \
                 entered informally before {}; that end date is confirmed by one source only",
                x.value_over,
                x.validity
                    .until
                    .map_or_else(|| "its end".to_owned(), |u| u.to_string()),
            ),
        ));
    }
    Some(InformalExcluded {
        heading,
        over: x.value_over,
    })
}

/// The MPF figures of the entry's fiscal year, or the latest year's after the last one held.
fn mpf_year<'r>(
    rules: &'r UsRules,
    entry: NaiveDate,
    options: &QuoteOptions<'_>,
    assumed: &mut Option<Warning>,
) -> Result<&'r MpfYear> {
    let mpf = &rules.fees.mpf;
    let fiscal_year = entry.year() + i32::from(entry.month() >= 10);
    let latest = mpf.fiscal_years.iter().max_by_key(|y| y.validity.until);
    match (rules.mpf_year(entry), latest) {
        (Some(year), _) => Ok(year),
        (None, Some(latest))
            if latest.validity.until.is_some_and(|u| entry >= u) && !options.is_strict() =>
        {
            *assumed = Some(Warning::new(
                WarningCode::FeeYearAssumed,
                format!(
                    "no Merchandise Processing Fee schedule for FY{fiscal_year} (entry {}) is \
                     held: the FY{} figures are used (minimum ${}, maximum ${}); add the year's \
                     figures with TariffBook::with_us_rules when CBP publishes them",
                    IsoDate(entry),
                    latest.fiscal_year,
                    latest.minimum,
                    latest.maximum
                ),
            ));
            Ok(latest)
        }
        (None, latest) => Err(Error::MissingFeeYear {
            date: entry,
            fiscal_year,
            latest: latest.map(|y| y.fiscal_year),
        }),
    }
}

/// The MPF of an entry of `entered` whole dollars: the informal flat fee below the formal-entry
/// threshold, otherwise the rate within the year's minimum and maximum.
fn mpf(
    rules: &UsRules,
    year: &MpfYear,
    entered: Decimal,
    excluded: Option<InformalExcluded>,
    warnings: &mut Vec<Warning>,
) -> Result<Fee> {
    let mpf = &rules.fees.mpf;
    if excluded.is_none() && exact::cmp(entered, mpf.formal_entry_threshold).is_lt() {
        if year.is_one_source("informal_automated") {
            warnings.push(Warning::new(
                WarningCode::OneSourceFact,
                format!(
                    "the FY{} informal-entry MPF (${}) is confirmed by one source only",
                    year.fiscal_year, year.informal_automated
                ),
            ));
        }
        return Ok(Fee {
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
    }
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
    let explanation = Text::mpf(text::Mpf {
        fiscal_year: year.fiscal_year,
        entered,
        kind: MpfKind::Formal {
            rate: mpf.rate,
            raw,
            bound,
        },
    });
    // The rare entry that is formal below the threshold says why, in a text of its own.
    let explanation = match excluded {
        None => explanation,
        Some(x) => Text::from(format!(
            "{explanation}; a formal entry: goods over ${} under {} could not be entered \
             informally (19 CFR 143.21(a))",
            x.over, x.heading
        )),
    };
    Ok(Fee {
        authority: Authority::Mpf,
        amount,
        rate: Some(mpf.rate),
        source: year.citation(),
        explanation,
    })
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
