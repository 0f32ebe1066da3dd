//! Amounts as sources printed them ([`ReportedAmount`]), possibly in two currencies, and the
//! check of the two against the reference rate ([`AmountCheck`], within
//! [`AMOUNT_CHECK_TOLERANCE`]).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::money::{ExchangeRateQuery, ExchangeRateTable, Money, Rate};

/// How far the exchange rate implied by an amount reported in two currencies may stray from the
/// reference rate of its date and still count as consistent: 5%.
///
/// Press reports round the converted figure to three significant digits (27.3 bn, 13.7 bn: up to
/// about 0.4%) and convert at a rate of their own choosing (onshore or offshore, parity or close,
/// the day before), which in April 2025 differed from the ECB cross rate by up to 2% (the 9 April
/// parity 7.2066 against the onshore close 7.3498). 5% covers both with room, and it is also the
/// variance at which US customs law (19 CFR 159.34) stops trusting a quarterly rate. A misplaced
/// unit (million for billion) is off by a factor of 1,000 and far outside.
///
/// Held as a fraction (0.05), compared with [`AmountCheck::deviation`]'s fraction.
///
/// # Example
/// ```
/// use landed_cost::trade::AMOUNT_CHECK_TOLERANCE;
/// assert_eq!(AMOUNT_CHECK_TOLERANCE.to_string(), "0.05");
/// ```
pub const AMOUNT_CHECK_TOLERANCE: Decimal = Decimal::from_parts(5, 0, 0, false, 2);

/// An amount as a source printed it, possibly with its conversion into another currency.
///
/// # Example
/// ```
/// use landed_cost::trade::ProgramBook;
/// let jd = ProgramBook::embedded().program("jd_export_fund").ok_or("missing")?;
/// let reported = jd.reported_budget.as_ref().ok_or("no budget")?;
/// assert_eq!(reported.text, "200 billion yuan ($27.35 billion)");
/// assert_eq!(reported.converted.map(|m| m.to_string()), Some("27350000000 USD".to_string()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ReportedAmount {
    /// The text as printed.
    pub text: String,
    /// The amount as printed, in its own currency (for these programs, CNY).
    pub amount: Money,
    /// The same amount converted by the source into another currency (USD), if printed.
    pub converted: Option<Money>,
    /// The date whose exchange rate the two figures are checked against.
    pub date: NaiveDate,
    /// The key of the source that printed it.
    pub source: String,
}

impl ReportedAmount {
    /// Compares the two printed figures with the reference exchange rate of the date (the
    /// latest on or before it within 7 days, crossed through the euro): `None` when only one
    /// currency was printed.
    ///
    /// # Errors
    /// [`Error::MissingExchangeRate`] or [`Error::StaleExchangeRate`] if `rates` has no rate for
    /// the date; [`Error::InvalidValue`] if the converted amount is zero; [`Error::Overflow`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::ExchangeRateTable;
    /// use landed_cost::trade::ProgramBook;
    /// let pdd = ProgramBook::embedded().program("pinduoduo_pivot_upgrade").ok_or("missing")?;
    /// let reported = pdd.reported_budget.as_ref().ok_or("no budget")?;
    /// let check = reported.check(ExchangeRateTable::embedded_reference())?.ok_or("one currency")?;
    /// assert!(!check.consistent);
    /// assert_eq!(check.implied.round_dp(4).to_string(), "0.0073"); // CNY per USD
    /// assert_eq!(check.suggested.map(|m| m.to_string()), Some("100000000000 CNY".to_string()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check(&self, rates: &ExchangeRateTable) -> Result<Option<AmountCheck>> {
        let Some(converted) = self.converted else {
            return Ok(None);
        };
        if converted.is_zero() {
            return Err(Error::invalid(
                "reported amount",
                format!("{:?}: the converted figure is zero", self.text),
            ));
        }
        let rate = rates.find(
            converted.currency(),
            self.amount.currency(),
            &ExchangeRateQuery::reference(self.date),
        )?;
        let reference = rate.rate();
        let implied = self
            .amount
            .amount()
            .checked_div(converted.amount())
            .ok_or_else(|| Error::overflow("implied exchange rate"))?;
        let deviation = relative_deviation(implied, reference)?;
        let consistent = deviation.fraction() <= AMOUNT_CHECK_TOLERANCE;
        let suggested = if consistent {
            None
        } else {
            suggest_scale(implied, reference)?
                .map(|factor| self.amount.checked_mul(factor))
                .transpose()?
        };
        let explanation = format!(
            "{:?}: implies {} {} per {}, against the reference rate {} of {}: {}",
            self.text,
            implied.round_dp(4),
            self.amount.currency(),
            converted.currency(),
            reference.round_dp(4),
            rate.date(),
            match (consistent, suggested) {
                (true, _) => format!(
                    "consistent (within {})",
                    Rate::from_fraction(AMOUNT_CHECK_TOLERANCE)?
                ),
                (false, Some(s)) => format!(
                    "inconsistent by {}; the converted figure fits {s}",
                    Rate::from_fraction(deviation.fraction().round_dp(4))?
                ),
                (false, None) => format!(
                    "inconsistent by {}",
                    Rate::from_fraction(deviation.fraction().round_dp(4))?
                ),
            }
        );
        Ok(Some(AmountCheck {
            implied,
            reference,
            rate_date: rate.date(),
            deviation,
            consistent,
            suggested,
            explanation,
        }))
    }
}

/// `|implied / reference − 1|` as a rate.
fn relative_deviation(implied: Decimal, reference: Decimal) -> Result<Rate> {
    let ratio = implied
        .checked_div(reference)
        .ok_or_else(|| Error::overflow("exchange-rate deviation"))?;
    Rate::from_fraction(
        ratio
            .checked_sub(Decimal::ONE)
            .ok_or_else(|| Error::overflow("exchange-rate deviation"))?
            .abs(),
    )
}

/// The power of ten (other than 1) that brings the implied rate within tolerance, if any:
/// the printed amount was off by that factor (a million printed for a billion is 10³).
pub(super) fn suggest_scale(implied: Decimal, reference: Decimal) -> Result<Option<Decimal>> {
    let ten = Decimal::TEN;
    let mut up = Decimal::ONE;
    let mut down = Decimal::ONE;
    for _ in 0..12 {
        up = up
            .checked_mul(ten)
            .ok_or_else(|| Error::overflow("scale"))?;
        down = down
            .checked_div(ten)
            .ok_or_else(|| Error::overflow("scale"))?;
        for factor in [up, down] {
            if let Some(scaled) = implied.checked_mul(factor) {
                if relative_deviation(scaled, reference)?.fraction() <= AMOUNT_CHECK_TOLERANCE {
                    return Ok(Some(factor));
                }
            }
        }
    }
    Ok(None)
}

/// The result of checking an amount printed in two currencies against the reference rate.
///
/// # Example
/// See [`ReportedAmount::check`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AmountCheck {
    /// The rate the two figures imply: amount ÷ converted (CNY per USD).
    #[serde(with = "crate::money::decimal_text")]
    pub implied: Decimal,
    /// The reference rate of the date, in the same quotation.
    #[serde(with = "crate::money::decimal_text")]
    pub reference: Decimal,
    /// The date of the reference rate used.
    pub rate_date: NaiveDate,
    /// `|implied ÷ reference − 1|`.
    pub deviation: Rate,
    /// Whether the deviation is within [`AMOUNT_CHECK_TOLERANCE`].
    pub consistent: bool,
    /// When inconsistent: the printed amount scaled by the power of ten that makes it fit the
    /// converted figure, if one does.
    pub suggested: Option<Money>,
    /// One line saying what was compared and the verdict.
    pub explanation: String,
}
