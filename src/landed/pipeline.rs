//! The quote pipeline: one shipment, any importer, five stages.
//!
//! ```text
//!  Shipment ──▶ validate ──▶ the importer's rules (US: us/, others: market/quote.rs)
//!                                │
//!   1 valuation   the lines' values in the quote currency, freight and insurance shared,
//!                 the customs value; the low-value reliefs and regimes that hold
//!   2 duties      per line: the duties charged, and what covered it but was not charged
//!   3 fees        per entry: the US MPF and HMF, a market's handling fees
//!   4 taxes       per line, on its duties: VAT, GST, consumption tax (none into the US)
//!   5 assembly    LandedCost::from_parts: amounts at the currency's minor units, totals
//! ```
//!
//! An importer's rules are a [`Rules`] value: data (the book's measures, fees and markets) and
//! the small rule types of each stage. The pipeline owns the order, the warnings (each kept
//! once, in the order first given) and the assembly; the shared pieces it and the rules use
//! ([`valuation`](crate::landed::valuation), [`conversion`](crate::landed::conversion),
//! [`arith`](crate::landed::arith), allocation) sit below both.

use rust_decimal::Decimal;
use smallvec::SmallVec;

use crate::error::{Error, Result};
use crate::landed::cost::{Charge, DeMinimis, Fee, LandedCost, LineCost, Parts};
use crate::landed::shipment::{Line, Shipment};
use crate::landed::warnings::Warnings;
use crate::money::Currency;

/// What valuation leaves for the later stages.
pub(crate) struct Valued<V> {
    /// The quote currency.
    pub(crate) currency: Currency,
    /// The customs value of the entry.
    pub(crate) customs_value: Decimal,
    /// The goods' own value, without freight and insurance.
    pub(crate) goods: Decimal,
    /// Each line's values, in the order of the lines.
    pub(crate) lines: SmallVec<[V; 4]>,
    /// Whether a low-value relief holds, and why.
    pub(crate) de_minimis: DeMinimis,
}

/// One importer's rules, stage by stage.
pub(crate) trait Rules {
    /// A line's values, as valuation leaves them.
    type Values;

    /// Stage 1: values the shipment.
    fn value(
        &mut self,
        shipment: &Shipment,
        warnings: &mut Warnings,
    ) -> Result<Valued<Self::Values>>;

    /// Stage 2: the duties of line `index`.
    fn duties(
        &mut self,
        shipment: &Shipment,
        index: usize,
        line: &Line,
        values: &Self::Values,
        warnings: &mut Warnings,
    ) -> Result<LineCost>;

    /// Stage 3: the fees of the entry.
    fn fees(
        &mut self,
        shipment: &Shipment,
        valued: &Valued<Self::Values>,
        warnings: &mut Warnings,
    ) -> Result<Vec<Fee>>;

    /// Stage 4: the import taxes, line by line on the duties of `lines`.
    fn taxes(
        &mut self,
        shipment: &Shipment,
        valued: &Valued<Self::Values>,
        lines: &[LineCost],
        warnings: &mut Warnings,
    ) -> Result<Vec<Charge>>;
}

/// Runs a shipment (already checked) through the stages of `rules` and assembles the result.
pub(crate) fn run<R: Rules>(rules: &mut R, shipment: &Shipment) -> Result<LandedCost> {
    if shipment.lines.is_empty() {
        return Err(Error::NoLines);
    }
    let mut warnings = Warnings::default();
    let valued = rules.value(shipment, &mut warnings)?;
    let mut lines = Vec::with_capacity(valued.lines.len());
    for (index, (line, values)) in shipment.lines.iter().zip(&valued.lines).enumerate() {
        lines.push(rules.duties(shipment, index, line, values, &mut warnings)?);
    }
    let fees = rules.fees(shipment, &valued, &mut warnings)?;
    let taxes = rules.taxes(shipment, &valued, &lines, &mut warnings)?;
    LandedCost::from_parts(Parts {
        currency: valued.currency,
        entry_date: shipment.entry_date,
        customs_value: valued.customs_value,
        goods: valued.goods,
        lines,
        fees,
        taxes,
        de_minimis: valued.de_minimis,
        warnings: warnings.into_vec(),
    })
}
