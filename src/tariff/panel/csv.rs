//! [`Panel::write_csv`]: the panel as CSV, the codes of a day shared out among workers, each
//! rate's and heading's text written once.

use std::io::Write;

use crate::error::{Error, Result};
use crate::hs::HsCode;

use super::*;

impl<'a, 'c> Panel<'a, 'c> {
    /// Writes the panel as CSV: a header, then one row per date, code and origin with the MFN
    /// rate's text, each authority's rate on the customs value (in percent) and headings, the
    /// total, the warnings' codes and, for a code not in the edition in force, the error.
    /// Returns the number of rows written (the header not counted).
    ///
    /// Columns: `date, hts10, origin, origin_group, edition, mfn_text`, then for each authority
    /// of [`Panel::authorities`] `<authority>_pct` and (but MFN) `<authority>_heading`, then
    /// `total_pct, warnings, error`. Goods of a country of general note 3(b) pay the column 2
    /// rate (`column2_pct`) instead of MFN: their `mfn_text` and `mfn_pct` are empty. A rate
    /// cell is empty where the rate has no ad valorem form
    /// (a specific or compound rate, see [`RatesOptions::unit_value`]); headings of one
    /// authority are separated by spaces, warning codes by `;`.
    ///
    /// # Errors
    /// [`Error::Write`] if writing fails (its `kind` is [`std::io::ErrorKind::BrokenPipe`] when
    /// the reader closed the pipe); [`Error::NoTariffEdition`] if a date precedes every edition.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::TariffBook, CountryCode};
    /// let book = TariffBook::embedded();
    /// let spec = book.panel_spec()
    ///     .dates(vec!["2025-04-15".parse()?])
    ///     .origins(vec![CountryCode::CN])
    ///     .codes(vec!["6402.99.90.05".parse()?]);
    /// let mut csv = Vec::new();
    /// assert_eq!(book.panel(spec).write_csv(&mut csv)?, 1);
    /// let text = String::from_utf8(csv)?;
    /// let row = text.lines().nth(1).unwrap();
    /// assert!(row.starts_with("2025-04-15,6402.99.90.05,CN,named,2025 revision 12,20%,20,"), "{row}");
    /// assert!(row.contains(",125,9903.01.63,") && row.contains(",172.5,"), "{row}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_csv<W: Write>(self, out: W) -> Result<u64> {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
        let authorities = self.authorities();
        out.write_all(csv_header(&authorities).as_bytes())
            .map_err(write_error)?;
        let origins: Vec<Vec<u8>> = self
            .spec
            .origins
            .iter()
            .map(|o| format!(",{},{},", o.country, o.group()).into_bytes())
            .collect();
        let mut days: Vec<Day> = Vec::with_capacity(self.spec.dates.len());
        for date in &self.spec.dates {
            let day = self.make_day(*date, days.last())?;
            days.push(day);
        }
        // A job is a run of codes of one day.
        let jobs: Vec<(usize, usize)> = days
            .iter()
            .enumerate()
            .flat_map(|(d, day)| {
                (0..day.codes.len())
                    .step_by(CODES_PER_WORKER)
                    .map(move |start| (d, start))
            })
            .collect();
        let rows = write_in_order(&mut out, jobs.len(), |job| {
            let (d, start) = jobs.get(job).copied()?;
            let day = days.get(d)?;
            let codes = day.codes.get(start..).unwrap_or(&[]);
            let codes = codes.get(..CODES_PER_WORKER).unwrap_or(codes);
            Some(self.rows_csv(day, codes, &authorities, &origins))
        })?;
        out.flush().map_err(write_error)?;
        Ok(rows)
    }

    /// The CSV rows of `codes` on the day, with their number.
    fn rows_csv(
        &self,
        day: &Day,
        codes: &[HsCode],
        authorities: &[Authority],
        origins: &[Vec<u8>],
    ) -> (Vec<u8>, u64) {
        let mut out = Vec::with_capacity(codes.len().saturating_mul(origins.len()) * 96);
        let mut text = CellText::default();
        let date = day.date.to_string();
        let mut cells: Vec<Vec<u8>> = vec![Vec::new(); day.representative.len()];
        let mut code_text = String::new();
        let mut rows = 0u64;
        for code in codes {
            for (class, cell) in cells.iter_mut().enumerate() {
                cell.clear();
                let rates = self.rates_of_class(day, class, *code);
                // Per class: goods of a country of general note 3(b) pay column 2, not MFN.
                text.mfn_cells(cell, &rates, authorities);
                text.measure_cells(cell, &rates, authorities);
            }
            code_text.clear();
            code_text.push_str(&code.to_string());
            for (i, origin) in origins.iter().enumerate() {
                let cell = day
                    .class_of
                    .get(i)
                    .and_then(|c| cells.get(*c))
                    .map_or(&[][..], Vec::as_slice);
                out.extend_from_slice(date.as_bytes());
                out.push(b',');
                out.extend_from_slice(code_text.as_bytes());
                out.extend_from_slice(origin);
                out.extend_from_slice(cell);
                rows = rows.saturating_add(1);
            }
        }
        (out, rows)
    }
}

/// The codes a worker of [`Panel::write_csv`] takes at a time.
const CODES_PER_WORKER: usize = 512;

/// Formats a panel row's cells, keeping the text of each rate and heading it has written.
#[derive(Default)]
struct CellText {
    percents: std::collections::HashMap<[u8; 16], Box<[u8]>>,
    headings: std::collections::HashMap<HsCode, Box<[u8]>>,
}

impl CellText {
    fn percent(&mut self, out: &mut Vec<u8>, rate: crate::money::Rate) {
        let text = self
            .percents
            .entry(rate.fraction().serialize())
            .or_insert_with(|| rate.percent().to_string().into_bytes().into_boxed_slice());
        out.extend_from_slice(text);
    }

    fn heading(&mut self, out: &mut Vec<u8>, heading: HsCode) {
        let text = self
            .headings
            .entry(heading)
            .or_insert_with(|| heading.to_string().into_bytes().into_boxed_slice());
        out.extend_from_slice(text);
    }

    /// The cells of the MFN rate: edition, MFN text and MFN rate, ending in a comma (empty
    /// cells for a code without rates, and MFN cells for goods that pay column 2 instead).
    fn mfn_cells(
        &mut self,
        out: &mut Vec<u8>,
        rates: &Result<Rates<'_>>,
        authorities: &[Authority],
    ) {
        let Ok(rates) = rates else {
            out.extend_from_slice(b",,");
            if authorities.contains(&Authority::Mfn) {
                out.push(b',');
            }
            return;
        };
        field(out, rates.edition().name());
        out.push(b',');
        if let Some(mfn) = rates.mfn() {
            field(out, &mfn.rate.to_string());
        }
        out.push(b',');
        if authorities.contains(&Authority::Mfn) {
            // Empty, not 0%, for goods that pay column 2 instead.
            let column2 = rates
                .line_rate()
                .is_some_and(|l| l.authority == Authority::Column2);
            if let Some(r) = rates.of(Authority::Mfn).filter(|_| !column2) {
                self.percent(out, r);
            }
            out.push(b',');
        }
    }

    /// The cells after the MFN rate: each other authority's rate and headings, the total, the
    /// warnings and the error, ending the line.
    fn measure_cells(
        &mut self,
        out: &mut Vec<u8>,
        rates: &Result<Rates<'_>>,
        authorities: &[Authority],
    ) {
        let others = authorities.iter().filter(|a| **a != Authority::Mfn);
        let rates = match rates {
            Ok(r) => r,
            Err(e) => {
                // Each authority's rate and heading, the total and the warnings are empty.
                out.extend(std::iter::repeat_n(b',', others.count() * 2 + 2));
                field(out, &e.to_string());
                out.push(b'\n');
                return;
            }
        };
        for a in others {
            if let Some(r) = rates.of(*a) {
                self.percent(out, r);
            }
            out.push(b',');
            let mut first = true;
            for e in rates.entries().iter().filter(|e| e.authority == *a) {
                if !first {
                    out.push(b' ');
                }
                first = false;
                self.heading(out, e.heading);
            }
            out.push(b',');
        }
        if let Some(t) = rates.total() {
            self.percent(out, t);
        }
        out.push(b',');
        for (i, w) in rates.warnings().iter().enumerate() {
            if i > 0 {
                out.push(b';');
            }
            out.extend_from_slice(w.as_str().as_bytes());
        }
        out.extend_from_slice(b",\n");
    }
}

/// A CSV field, quoted if it needs to be.
fn field(out: &mut Vec<u8>, text: &str) {
    if text.contains([',', '"', '\n', '\r']) {
        out.push(b'"');
        out.extend_from_slice(text.replace('"', "\"\"").as_bytes());
        out.push(b'"');
    } else {
        out.extend_from_slice(text.as_bytes());
    }
}

/// The panel CSV's header line: the fixed columns, each authority's rate and (but MFN)
/// headings, the total, the warnings and the error.
fn csv_header(authorities: &[Authority]) -> String {
    let mut header = String::from("date,hts10,origin,origin_group,edition,mfn_text");
    for a in authorities {
        header.push_str(&format!(",{a}_pct"));
        if *a != Authority::Mfn {
            header.push_str(&format!(",{a}_heading"));
        }
    }
    header.push_str(",total_pct,warnings,error\n");
    header
}

fn write_error(e: std::io::Error) -> Error {
    Error::write("the panel CSV", &e)
}

/// Runs `jobs` jobs on every available core and writes their bytes in job order, while the
/// workers go on: the output is the same whatever the number of workers. `produce` gives a job's
/// bytes and row count (`None` stops the worker). Returns the rows written.
fn write_in_order<W, F>(out: &mut W, jobs: usize, produce: F) -> Result<u64>
where
    W: Write,
    F: Fn(usize) -> Option<(Vec<u8>, u64)> + Sync,
{
    let workers = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (send, receive) = std::sync::mpsc::sync_channel::<(usize, Vec<u8>, u64)>(workers * 2);
    let (next, produce) = (&next, &produce);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let send = send.clone();
                scope.spawn(move || loop {
                    let job = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if job >= jobs {
                        break;
                    }
                    let Some((bytes, n)) = produce(job) else {
                        break;
                    };
                    if send.send((job, bytes, n)).is_err() {
                        break;
                    }
                })
            })
            .collect();
        drop(send);
        let mut pending = std::collections::BTreeMap::new();
        let (mut wanted, mut rows) = (0usize, 0u64);
        let mut result = Ok(());
        for (job, bytes, n) in receive {
            pending.insert(job, (bytes, n));
            while let Some((bytes, n)) = pending.remove(&wanted) {
                if let Err(e) = out.write_all(&bytes) {
                    result = Err(write_error(e));
                }
                rows = rows.saturating_add(n);
                wanted = wanted.saturating_add(1);
            }
            if result.is_err() {
                break; // dropping the receiver stops the workers
            }
        }
        for h in handles {
            if h.join().is_err() && result.is_ok() {
                result = Err(Error::Write {
                    what: "the panel CSV".to_owned(),
                    kind: std::io::ErrorKind::Other,
                    reason: "a worker thread stopped".to_owned(),
                });
            }
        }
        result.map(|()| rows)
    })
}
