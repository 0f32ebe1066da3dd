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
use crate::hs::HsCode;
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
    /// The MPF fiscal year of the entry, found in valuation (before the duties) when fees are
    /// due.
    fee_year: Option<fees::FeeYear<'b>>,
    /// The applied duties of the line being quoted, on the stack: a quote allocates nothing
    /// beyond its result.
    applied: SmallVec<[Applied<'b>; 8]>,
    /// The lowest heading charged on any line under which goods could not be entered informally
    /// (19 CFR 143.21(a), while in force): the fees stage decides whether it applies.
    informal_excluded: Option<HsCode>,
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
            fee_year: None,
            applied: SmallVec::new(),
            informal_excluded: None,
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
        // An entry the fee data cannot price fails here, before any duty work.
        let fees_due = !self.de_minimis
            && self
                .postal
                .as_ref()
                .is_none_or(|p| (0..lines.len()).any(|i| !p.covers(i)));
        if fees_due {
            self.fee_year = Some(fees::FeeYear::of(
                self.book.us_rules(),
                shipment.entry_date,
                self.options,
            )?);
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
        // A line that pays no ordinary duty (de minimis, or a postal duty) is still a line of the
        // tariff in force: a code or date the tariff does not know is an error, as it is on
        // any other line, not a quote of nothing.
        if self.de_minimis {
            self.book.line_for(&line.hts, shipment.entry_date)?;
            return Ok(duties::line_cost(line, values, Vec::new(), Vec::new()));
        }
        if let Some(charges) = self.postal.as_mut().and_then(|p| p.take(index)) {
            self.book.line_for(&line.hts, shipment.entry_date)?;
            return Ok(duties::line_cost(line, values, charges, Vec::new()));
        }
        let cost = duties::line(
            self.book,
            shipment,
            line,
            values,
            &self.to_usd,
            &mut self.applied,
            warnings,
        )?;
        if let Some(x) = &self.book.us_rules().fees.mpf.informal_entry_exclusion {
            // The lowest such heading of any line, so the result does not depend on line order.
            let found = cost
                .charges
                .iter()
                .map(|c| c.heading)
                .filter(|h| x.headings.iter().any(|p| p.covers(h)))
                .min();
            self.informal_excluded = self.informal_excluded.into_iter().chain(found).min();
        }
        Ok(cost)
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
        let (Some(value), Some(year)) = (ordinary, self.fee_year.take()) else {
            return Ok(Vec::new());
        };
        let fees = fees::entry_fees(
            self.book.us_rules(),
            fees::Entry {
                mode: shipment.mode,
                date: shipment.entry_date,
                customs_value: value,
                informal_excluded: self.informal_excluded,
            },
            year,
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

#[cfg(all(test, feature = "embedded-data"))]
mod tests {
    use crate::error::Error;
    use crate::landed::{QuoteOptions, Shipment};
    use crate::market::us::UsRules;
    use crate::tariff::TariffBook;

    /// Fee data that ends with FY2025 (to 30 September 2025).
    fn book_with_fees_to_fy2025() -> TariffBook {
        let fees = r#"{"mpf": {"rate": "0.3464%", "formal_entry_threshold": "2500", "fiscal_years": [
            {"fiscal_year": 2025, "from": "2024-10-01", "until": "2025-10-01", "minimum": "32.71",
             "maximum": "634.62", "informal_automated": "2.62", "sources": ["CSMS 61572319"]}]},
          "hmf": {"rate": "0.125%", "sources": ["19 CFR 24.24"]}}"#;
        let rules = UsRules::from_json_readers(
            fees.as_bytes(),
            r#"{"de_minimis": [], "postal": []}"#.as_bytes(),
        )
        .unwrap_or_else(|e| unreachable!("{e}"));
        TariffBook::embedded().clone().with_us_rules(rules)
    }

    fn shipment(hts: &str, entry: &str) -> Shipment {
        serde_json::from_str(&format!(
            r#"{{"importer":"US","origin":"VN","mode":"ocean","export_date":"{entry}",
                "entry_date":"{entry}","currency":"USD",
                "lines":[{{"hts":"{hts}","value":"10000.00"}}]}}"#
        ))
        .unwrap_or_else(|e| unreachable!("{e}"))
    }

    /// A missing fee year is found before the duty work: a line whose duties cannot be
    /// computed fails with its duty error where the fee year is held, and with the missing fee
    /// year where it is not.
    #[test]
    fn a_missing_fee_year_fails_before_the_duties() {
        let strict = QuoteOptions::new().strict(true);
        let bad_line = shipment("6402.99.99", "2026-06-01");
        let duty_error = TariffBook::embedded()
            .quote_with(&bad_line, &strict)
            .err()
            .unwrap_or_else(|| unreachable!("6402.99.99 has no rate"));
        assert!(
            !matches!(duty_error, Error::MissingFeeYear { .. }),
            "{duty_error}"
        );
        let e = book_with_fees_to_fy2025()
            .quote_with(&bad_line, &strict)
            .err();
        assert!(
            matches!(
                e,
                Some(Error::MissingFeeYear {
                    fiscal_year: 2026,
                    latest: Some(2025),
                    ..
                })
            ),
            "{e:?}"
        );
        // Without strictness the latest year is assumed and the duty error is the one given.
        let lenient = book_with_fees_to_fy2025().quote(&bad_line).err();
        assert!(
            !matches!(lenient, Some(Error::MissingFeeYear { .. })),
            "{lenient:?}"
        );
        // The assumed year's warning is still given at the fees, after the duty warnings.
        let q = book_with_fees_to_fy2025()
            .quote(&shipment("6402.99.90", "2026-06-01"))
            .unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(
            q.warnings.last().map(|w| w.code().as_str()),
            Some("fee_year_assumed"),
            "{:?}",
            q.warnings
        );
    }

    /// A parcel that pays no ordinary duty is still checked against the tariff: a code the
    /// edition in force does not hold, or a date before the first edition, is the error it is
    /// on a container, not a quote of nothing.
    #[test]
    fn a_parcel_under_de_minimis_or_a_postal_duty_needs_a_known_code_and_date() {
        // A $500 parcel of goods of China, exported and entered on `entry`.
        let parcel = |mode: &str, entry: &str, hts: &str| -> Shipment {
            serde_json::from_str(&format!(
                r#"{{"importer":"US","origin":"CN","mode":"{mode}","export_date":"{entry}",
                    "entry_date":"{entry}","currency":"USD",
                    "lines":[{{"hts":"{hts}","value":"500.00"}}]}}"#
            ))
            .unwrap_or_else(|e| unreachable!("{e}"))
        };
        let book = TariffBook::embedded();
        // Under $800 by express before 2 May 2025: de minimis.
        let q = book
            .quote(&parcel("express", "2025-04-05", "6402.99.90"))
            .unwrap_or_else(|e| unreachable!("{e}"));
        assert!(q.de_minimis.applies);
        let unknown = parcel("express", "2025-04-05", "9999.99.99");
        assert!(
            matches!(book.quote(&unknown), Err(Error::NotInTariff { .. })),
            "de minimis"
        );
        let early = parcel("express", "2019-06-05", "6402.99.90");
        assert!(
            matches!(book.quote(&early), Err(Error::NoTariffEdition { .. })),
            "before 2025"
        );
        // By post from China in June 2025: a postal duty instead of the ordinary duties.
        let post = parcel("postal", "2025-06-05", "6402.99.90");
        let q = book.quote(&post).unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(
            q.charges()
                .map(|c| c.authority.as_str())
                .collect::<Vec<_>>(),
            ["postal_duty"]
        );
        let unknown = parcel("postal", "2025-06-05", "9999.99.99");
        assert!(
            matches!(book.quote(&unknown), Err(Error::NotInTariff { .. })),
            "postal"
        );
    }
}
