//! [`LandedCost`]: the quote JSON's output, every charge explained.

use std::fmt;
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::hs::HsCode;
use crate::landed::arith::sum;
use crate::landed::json::{self, Explanations};
use crate::landed::Text;
use crate::money::rounding::ratio;
use crate::money::{Currency, Money, Rate, RoundingMode};
use crate::tariff::Authority;
use crate::warning::Warning;

mod charge;
pub(crate) use charge::Why;
pub use charge::{Charge, Explanation};

/// A fee per entry (MPF, HMF, handling fees).
///
/// # Example
/// See [`LandedCost`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Fee {
    /// The authority (`mpf`, `hmf`, `handling_fee`).
    pub authority: Authority,
    /// The amount.
    #[serde(
        serialize_with = "crate::landed::json::decimal",
        deserialize_with = "crate::money::decimal_text::deserialize"
    )]
    pub amount: Decimal,
    /// The rate, when the fee is a percentage.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::landed::json::optional_rate"
    )]
    pub rate: Option<Rate>,
    /// Where the fee comes from (shared with the rule it cites).
    pub source: Arc<str>,
    /// One line saying how it was computed (left out of a JSON written with
    /// [`Explanations::Omitted`](crate::landed::Explanations), and empty when read back from one).
    #[serde(default)]
    pub explanation: Text,
}

/// A measure that covers a line's goods on the date but was not charged, and why (in transit,
/// Annex II, superseded, not claimed, ...).
///
/// # Example
/// See [`LandedCost`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NotApplied {
    /// The measure's authority.
    pub authority: Authority,
    /// The heading declared for the exemption, or the measure's own heading.
    pub heading: HsCode,
    /// Why it was not charged.
    pub reason: Text,
}

/// The costs of one line.
///
/// # Example
/// See [`LandedCost`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LineCost {
    /// The HTS code.
    pub hts: HsCode,
    /// The line's customs value.
    #[serde(
        serialize_with = "crate::landed::json::decimal",
        deserialize_with = "crate::money::decimal_text::deserialize"
    )]
    pub customs_value: Decimal,
    /// The freight allocated to the line.
    #[serde(
        serialize_with = "crate::landed::json::decimal",
        deserialize_with = "crate::money::decimal_text::deserialize"
    )]
    pub freight: Decimal,
    /// The insurance allocated to the line.
    #[serde(
        serialize_with = "crate::landed::json::decimal",
        deserialize_with = "crate::money::decimal_text::deserialize"
    )]
    pub insurance: Decimal,
    /// The duties on the line.
    pub charges: Vec<Charge>,
    /// Measures that cover the goods but were not charged, with the reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_applied: Vec<NotApplied>,
}

/// Whether a de minimis exemption applied, and why.
///
/// # Example
/// See [`LandedCost`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeMinimis {
    /// Whether the shipment entered free under a de minimis exemption.
    pub applies: bool,
    /// Why or why not.
    pub reason: Text,
}

/// The landed cost of a shipment, every charge explained; the quote JSON's output.
///
/// `landed_total` = goods value + freight + insurance + duties + fees + taxes, in `currency`.
///
/// # Example
/// ```
/// use landed_cost::{landed::Shipment, TariffBook};
/// let json = r#"{ "importer": "US", "origin": "CN", "mode": "ocean",
///   "export_date": "2025-01-10", "entry_date": "2025-01-20", "currency": "USD",
///   "freight": "0", "insurance": "0",
///   "lines": [ { "hts": "2516.90.00", "value": "10000.00" } ] }"#;
/// let shipment: Shipment = serde_json::from_str(json)?;
/// let quote = TariffBook::embedded().quote(&shipment)?;
/// assert_eq!(quote.duties_money().to_string(), "2800.00 USD"); // MFN 3% + Section 301 25%
/// assert_eq!(quote.fees_money().to_string(), "47.14 USD");     // MPF 34.64 + HMF 12.50
/// println!("{quote}"); // a table, charge by charge
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LandedCost {
    /// The currency of every amount.
    pub currency: Currency,
    /// The entry date the quote is for.
    #[serde(serialize_with = "crate::validity::iso_date")]
    pub entry_date: NaiveDate,
    /// The customs value of the shipment.
    #[serde(
        serialize_with = "crate::landed::json::decimal",
        deserialize_with = "crate::money::decimal_text::deserialize"
    )]
    pub customs_value: Decimal,
    /// Each line with its duties.
    pub lines: Vec<LineCost>,
    /// Fees per entry.
    pub fees: Vec<Fee>,
    /// Taxes (none for US imports).
    pub taxes: Vec<Charge>,
    /// The de minimis decision.
    pub de_minimis: DeMinimis,
    /// Total duties.
    #[serde(
        serialize_with = "crate::landed::json::decimal",
        deserialize_with = "crate::money::decimal_text::deserialize"
    )]
    pub duties_total: Decimal,
    /// Total fees.
    #[serde(
        serialize_with = "crate::landed::json::decimal",
        deserialize_with = "crate::money::decimal_text::deserialize"
    )]
    pub fees_total: Decimal,
    /// Total taxes.
    #[serde(
        serialize_with = "crate::landed::json::decimal",
        deserialize_with = "crate::money::decimal_text::deserialize"
    )]
    pub taxes_total: Decimal,
    /// Goods + freight + insurance + duties + fees + taxes.
    #[serde(
        serialize_with = "crate::landed::json::decimal",
        deserialize_with = "crate::money::decimal_text::deserialize"
    )]
    pub landed_total: Decimal,
    /// Duties as a share of the customs value.
    #[serde(serialize_with = "crate::landed::json::rate")]
    pub effective_rate: Rate,
    /// Assumptions and gaps, each with a stable code (`{"code": "...", "message": "..."}` in
    /// JSON).
    pub warnings: Vec<Warning>,
}

/// What a calculator has found before the totals are added up.
pub(crate) struct Parts {
    pub(crate) currency: Currency,
    pub(crate) entry_date: NaiveDate,
    pub(crate) customs_value: Decimal,
    /// The goods' own value, without freight and insurance.
    pub(crate) goods: Decimal,
    pub(crate) lines: Vec<LineCost>,
    pub(crate) fees: Vec<Fee>,
    pub(crate) taxes: Vec<Charge>,
    pub(crate) de_minimis: DeMinimis,
    pub(crate) warnings: Vec<Warning>,
}

impl LandedCost {
    /// Adds up a quote: the duty, fee and tax totals written in the currency's minor units; the
    /// landed total as goods + freight + insurance + duties + fees + taxes, freight and
    /// insurance as the lines carry them; the effective rate as duties over the customs value, to six places of the fraction.
    pub(crate) fn from_parts(mut p: Parts) -> Result<LandedCost> {
        let places = p.currency.minor_units();
        // Every amount is written at the currency's minor units.
        let at_places = |v: &mut Decimal| *v = at_scale(*v, places);
        for line in &mut p.lines {
            at_places(&mut line.customs_value);
            at_places(&mut line.freight);
            at_places(&mut line.insurance);
            for c in &mut line.charges {
                written_charge(c, places);
            }
        }
        for c in &mut p.taxes {
            written_charge(c, places);
        }
        for f in &mut p.fees {
            at_places(&mut f.amount);
        }
        at_places(&mut p.customs_value);
        let written = |total: Decimal| RoundingMode::HalfAwayFromZero.round_to_scale(total, places);
        let duties = sum(p
            .lines
            .iter()
            .flat_map(|l| l.charges.iter().map(|c| c.amount)))?;
        let freight = sum(p.lines.iter().map(|l| l.freight))?;
        let insurance = sum(p.lines.iter().map(|l| l.insurance))?;
        let fees = sum(p.fees.iter().map(|f| f.amount))?;
        let taxes = sum(p.taxes.iter().map(|t| t.amount))?;
        let (duties_total, fees_total, taxes_total) =
            (written(duties), written(fees), written(taxes));
        let landed_total = sum([
            p.goods,
            freight,
            insurance,
            duties_total,
            fees_total,
            taxes_total,
        ])?;
        let effective_rate = if p.customs_value.is_zero() {
            Rate::ZERO
        } else {
            match ratio(duties_total, p.customs_value, 6) {
                Some(fraction) => Rate::from_normalized_fraction(fraction),
                None => Rate::from_fraction(
                    duties_total
                        .checked_div(p.customs_value)
                        .ok_or_else(|| Error::overflow("effective rate"))?
                        .round_dp(6),
                )?,
            }
        };
        Ok(LandedCost {
            currency: p.currency,
            entry_date: p.entry_date,
            customs_value: p.customs_value,
            lines: p.lines,
            fees: p.fees,
            taxes: p.taxes,
            de_minimis: p.de_minimis,
            duties_total,
            fees_total,
            taxes_total,
            landed_total,
            effective_rate,
            warnings: p.warnings,
        })
    }

    /// Total duties ([`LandedCost::duties_total`]) as money.
    ///
    /// # Example
    /// See [`LandedCost`].
    #[must_use]
    pub fn duties_money(&self) -> Money {
        Money::new(self.duties_total, self.currency)
    }

    /// Total fees ([`LandedCost::fees_total`]) as money.
    ///
    /// # Example
    /// See [`LandedCost`].
    #[must_use]
    pub fn fees_money(&self) -> Money {
        Money::new(self.fees_total, self.currency)
    }

    /// Total taxes ([`LandedCost::taxes_total`]) as money.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{Shipment, TariffBook};
    /// let s: Shipment = serde_json::from_str(r#"{"importer":"DE","origin":"CN","mode":"ocean",
    ///   "export_date":"2025-09-10","entry_date":"2025-10-01","currency":"EUR",
    ///   "lines":[{"hts":"6402.99","value":"10000.00","rates":{"mfn":"16.9%"}}]}"#)?;
    /// let q = TariffBook::embedded().quote(&s)?;
    /// assert_eq!(q.taxes_money().to_string(), "2221.10 EUR"); // 19% of 10000 + 1690 duty
    /// assert_eq!(q.charges().count(), q.duties().count() + q.taxes.len());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn taxes_money(&self) -> Money {
        Money::new(self.taxes_total, self.currency)
    }

    /// The landed total ([`LandedCost::landed_total`]) as money.
    ///
    /// # Example
    /// See [`LandedCost`].
    #[must_use]
    pub fn landed_money(&self) -> Money {
        Money::new(self.landed_total, self.currency)
    }

    /// Every duty of every line, in order (without the taxes; see [`LandedCost::charges`]).
    ///
    /// # Example
    /// See [`LandedCost::taxes_money`].
    pub fn duties(&self) -> impl Iterator<Item = &Charge> {
        self.lines.iter().flat_map(|l| l.charges.iter())
    }

    /// Every charge: each line's duties in order, then the taxes.
    ///
    /// # Example
    /// See [`LandedCost::taxes_money`].
    pub fn charges(&self) -> impl Iterator<Item = &Charge> {
        self.duties().chain(&self.taxes)
    }

    /// Appends the quote's JSON to `out`: the bytes `serde_json::to_vec` writes, faster. A
    /// catalogue run that keeps or sends every result spends most of its time writing JSON;
    /// this writer scans the texts eight bytes at a time for what JSON escapes, and writes
    /// nothing but `out` (which, reused, allocates nothing once it is large enough).
    ///
    /// # Errors
    /// [`Error::InvalidValue`] if a text of the quote cannot be written (its `Display` fails),
    /// which the crate's own texts never do.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{Shipment, TariffBook};
    /// let shipment: Shipment = serde_json::from_str(r#"{"importer":"US","origin":"CN","mode":"air",
    ///   "export_date":"2025-01-10","entry_date":"2025-01-20","currency":"USD",
    ///   "lines":[{"hts":"2516.90.00","value":"10000.00"}]}"#)?;
    /// let quote = TariffBook::embedded().quote(&shipment)?;
    /// let mut out = Vec::new();
    /// quote.write_json(&mut out)?;
    /// assert_eq!(out, serde_json::to_vec(&quote)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_json(&self, out: &mut Vec<u8>) -> Result<()> {
        self.write_json_with(out, Explanations::Included)
    }

    /// Appends the quote's JSON to `out`, with or without the charges' and fees'
    /// explanations ([`Explanations`]); with them, as [`LandedCost::write_json`].
    ///
    /// # Errors
    /// As [`LandedCost::write_json`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::landed::Explanations;
    /// use landed_cost::{LandedCost, Shipment, TariffBook};
    /// let shipment: Shipment = serde_json::from_str(r#"{"importer":"US","origin":"CN","mode":"air",
    ///   "export_date":"2025-01-10","entry_date":"2025-01-20","currency":"USD",
    ///   "lines":[{"hts":"2516.90.00","value":"10000.00"}]}"#)?;
    /// let quote = TariffBook::embedded().quote(&shipment)?;
    /// let (mut full, mut brief) = (Vec::new(), Vec::new());
    /// quote.write_json_with(&mut full, Explanations::Included)?;
    /// quote.write_json_with(&mut brief, Explanations::Omitted)?;
    /// assert_eq!(full, serde_json::to_vec(&quote)?);
    /// assert!(brief.len() < full.len());
    /// // Read back: the same figures, the explanations empty.
    /// let back: LandedCost = serde_json::from_slice(&brief)?;
    /// assert_eq!(back.landed_total, quote.landed_total);
    /// assert_eq!(back.lines[0].charges[0].explanation().to_string(), "");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_json_with(&self, out: &mut Vec<u8>, explanations: Explanations) -> Result<()> {
        json::write(self, out, explanations)
            .map_err(|e| Error::invalid("quote JSON", e.to_string()))
    }

    /// The quote's JSON as a string, as `serde_json::to_string` writes it (see
    /// [`LandedCost::write_json`]).
    ///
    /// # Errors
    /// As [`LandedCost::write_json`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::{Shipment, TariffBook};
    /// let shipment: Shipment = serde_json::from_str(r#"{"importer":"US","origin":"CN","mode":"air",
    ///   "export_date":"2025-01-10","entry_date":"2025-01-20","currency":"USD",
    ///   "lines":[{"hts":"2516.90.00","value":"10000.00"}]}"#)?;
    /// let json = TariffBook::embedded().quote(&shipment)?.to_json()?;
    /// assert!(json.starts_with(r#"{"currency":"USD","entry_date":"2025-01-20""#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_json(&self) -> Result<String> {
        let mut out = Vec::with_capacity(2048);
        self.write_json(&mut out)?;
        String::from_utf8(out).map_err(|e| Error::invalid("quote JSON", e.to_string()))
    }
}

/// An amount at `places` decimal places: padded with zeros, or rounded half away from zero if it
/// has more.
fn at_scale(value: Decimal, places: u32) -> Decimal {
    if value.scale() == places {
        value
    } else {
        RoundingMode::HalfAwayFromZero.round_to_scale(value, places)
    }
}

/// A charge's amount, and its base where the base is money (an ad valorem rate's), at the
/// currency's minor units.
fn written_charge(c: &mut Charge, places: u32) {
    c.amount = at_scale(c.amount, places);
    if c.rate.ad_valorem_rate().is_some() {
        c.base = at_scale(c.base, places);
    }
}

/// A charge-by-charge table: each line's duties, the fees, the taxes, the totals and the
/// warnings.
impl fmt::Display for LandedCost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cur = self.currency;
        writeln!(
            f,
            "Landed cost in {cur}, entry {} (customs value {} {cur})",
            self.entry_date, self.customs_value
        )?;
        writeln!(
            f,
            "  {:<18} {:<13} {:>16} {:>14} {:>12}",
            "charge", "heading", "rate", "base", "amount"
        )?;
        self.fmt_lines(f)?;
        if !self.fees.is_empty() {
            writeln!(f, "fees")?;
            for fee in &self.fees {
                writeln!(
                    f,
                    "  {:<18} {:<13} {:>16} {:>14} {:>12}",
                    fee.authority.as_str(),
                    "",
                    fee.rate.map_or_else(String::new, |r| r.to_string()),
                    "",
                    fee.amount.to_string()
                )?;
            }
        }
        if !self.taxes.is_empty() {
            writeln!(f, "taxes")?;
            for c in &self.taxes {
                charge_row(f, c)?;
            }
        }
        self.fmt_totals(f)?;
        for w in &self.warnings {
            writeln!(f, "warning [{}]: {}", w.code(), w.message())?;
        }
        Ok(())
    }
}

impl LandedCost {
    /// The table's lines, each with its charges and the measures not charged.
    fn fmt_lines(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, line) in self.lines.iter().enumerate() {
            writeln!(
                f,
                "line {}: {} (customs value {}, freight {}, insurance {})",
                i + 1,
                line.hts,
                line.customs_value,
                line.freight,
                line.insurance
            )?;
            for c in &line.charges {
                charge_row(f, c)?;
            }
            for n in &line.not_applied {
                writeln!(
                    f,
                    "  {:<18} {:<13} not charged",
                    n.authority.as_str(),
                    n.heading.to_string()
                )?;
            }
        }
        Ok(())
    }

    /// The table's totals, effective rate and de minimis.
    fn fmt_totals(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total = |f: &mut fmt::Formatter<'_>, label: &str, value: &dyn fmt::Display| {
            writeln!(f, "{label:<64} {:>14}", value.to_string())
        };
        total(f, "duties", &self.duties_total)?;
        total(f, "fees", &self.fees_total)?;
        total(f, "taxes", &self.taxes_total)?;
        total(
            f,
            &format!("landed total ({})", self.currency),
            &self.landed_total,
        )?;
        total(f, "effective duty rate", &self.effective_rate)?;
        let de_minimis = if self.de_minimis.applies {
            "applies"
        } else {
            "does not apply"
        };
        total(f, "de minimis", &de_minimis)
    }
}

/// One charge's row of the table.
fn charge_row(f: &mut fmt::Formatter<'_>, c: &Charge) -> fmt::Result {
    writeln!(
        f,
        "  {:<18} {:<13} {:>16} {:>14} {:>12}",
        c.authority.as_str(),
        c.heading.to_string(),
        c.rate.to_string(),
        c.base.to_string(),
        c.amount.to_string()
    )
}
