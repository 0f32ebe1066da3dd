//! The US rules as the quote pipeline runs them ([`UsQuote`]): what each stage does for goods
//! entered into the United States.
//!
//! ```text
//!  valuation   to US dollars (19 CFR 159.34, conversion.rs), freight and insurance shared
//!              (valuation.rs); the customs value excludes them; de minimis, then the postal
//!              regimes of the lines' origins (de_minimis.rs, postal.rs)
//!  duties      per line: the MFN duty and every measure of the TariffBook that applies
//!              (the measure engine, src/tariff/engine/), on their bases (duties.rs)
//!  fees        per entry: the MPF with its fiscal year's minimum and maximum, the HMF for
//!              ocean shipments (fees.rs)
//!  taxes       none: the US has no import VAT
//! ```

mod de_minimis;
mod duties;
mod fees;
mod postal;
mod transit;

use smallvec::SmallVec;

use crate::error::Result;
use crate::landed::arith::sum;
use crate::landed::conversion;
use crate::landed::cost::{Charge, Fee, LineCost};
use crate::landed::options::QuoteOptions;
use crate::landed::pipeline::{Rules, Valued};
use crate::landed::shipment::{Line, Shipment};
use crate::landed::valuation::{line_values, Converter, LineValues};
use crate::landed::warnings::Warnings;
use crate::money::Currency;
use crate::tariff::{horizon, Applied, TariffBook};

/// A quote into the US under a book's rules: what valuation found, kept for the later stages.
pub(crate) struct UsQuote<'b> {
    book: &'b TariffBook,
    options: &'b QuoteOptions<'b>,
    /// The conversion to US dollars valuation chose (none until then).
    to_usd: Converter,
    /// The postal duties by line, where a postal regime covers the parcel.
    postal: Option<postal::Postal>,
    /// Whether the de minimis exemption holds.
    de_minimis: bool,
    /// The applied duties of the line being quoted, on the stack: a quote allocates nothing
    /// beyond its result.
    applied: SmallVec<[Applied<'b>; 8]>,
}

impl<'b> UsQuote<'b> {
    /// A quote under `book`'s rules with `options`.
    pub(crate) fn new(book: &'b TariffBook, options: &'b QuoteOptions<'b>) -> UsQuote<'b> {
        UsQuote {
            book,
            options,
            to_usd: Converter {
                rate: None,
                to: Currency::USD,
            },
            postal: None,
            de_minimis: false,
            applied: SmallVec::new(),
        }
    }
}

impl<'b> Rules for UsQuote<'b> {
    type Values = LineValues;

    fn value(
        &mut self,
        shipment: &Shipment,
        warnings: &mut Warnings,
    ) -> Result<Valued<LineValues>> {
        if let Some(w) = horizon::check(
            shipment.entry_date,
            self.book.horizon(),
            horizon::US_RULES,
            self.options.is_strict(),
        )? {
            warnings.push(w);
        }
        let to_usd = conversion::to_usd(
            shipment.currency,
            shipment.export_date,
            self.options,
            warnings.pending(),
        )?;
        warnings.flush();
        let lines = line_values(shipment, &to_usd)?;
        self.to_usd = to_usd;
        // The goods' value without freight and insurance: the customs value (FOB).
        let customs_value = sum(lines.iter().map(|v| v.customs_value))?;
        let de_minimis =
            de_minimis::decide(self.book.us_rules(), shipment, customs_value, warnings);
        self.de_minimis = de_minimis.applies;
        if !self.de_minimis {
            let book = self.book;
            self.postal = postal::plan(
                book.us_rules(),
                shipment,
                &lines,
                |origin, date| de_minimis::effective_ieepa_rate(book, origin, date),
                warnings,
            )?;
        }
        Ok(Valued {
            currency: Currency::USD,
            customs_value,
            goods: customs_value,
            lines,
            de_minimis,
        })
    }

    fn duties(
        &mut self,
        shipment: &Shipment,
        index: usize,
        line: &Line,
        values: &LineValues,
        warnings: &mut Warnings,
    ) -> Result<LineCost> {
        if self.de_minimis {
            return Ok(duties::line_cost(line, values, Vec::new(), Vec::new()));
        }
        if let Some(charges) = self.postal.as_mut().and_then(|p| p.take(index)) {
            return Ok(duties::line_cost(line, values, charges, Vec::new()));
        }
        duties::line(
            self.book,
            shipment,
            line,
            values,
            &self.to_usd,
            &mut self.applied,
            warnings,
        )
    }

    fn fees(
        &mut self,
        shipment: &Shipment,
        valued: &Valued<LineValues>,
        warnings: &mut Warnings,
    ) -> Result<Vec<Fee>> {
        if self.de_minimis {
            return Ok(Vec::new());
        }
        // The entry fees, on the value of the lines that pay the ordinary duties.
        let ordinary = match &self.postal {
            None => Some(valued.customs_value),
            Some(p) => {
                let mut ordinary = valued
                    .lines
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
        let Some(value) = ordinary else {
            return Ok(Vec::new());
        };
        let fees = fees::entry_fees(
            self.book.us_rules(),
            shipment.mode,
            value,
            shipment.entry_date,
            self.options,
            warnings.pending(),
        )?;
        warnings.flush();
        Ok(fees)
    }

    fn taxes(
        &mut self,
        _shipment: &Shipment,
        _valued: &Valued<LineValues>,
        _lines: &[LineCost],
        _warnings: &mut Warnings,
    ) -> Result<Vec<Charge>> {
        Ok(Vec::new())
    }
}
