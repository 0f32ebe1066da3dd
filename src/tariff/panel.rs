//! [`Panel`]: the US rates over codes × origins × dates, streamed row by row.
//!
//! The panel answers "what was the statutory US tariff on every HTS-10 line from every origin
//! after each revision": [`TariffBook::panel_spec`] is the whole question (every 10-digit line
//! of chapters 1–97 of the edition in force on each date, every origin the measures distinguish,
//! every date the rules change in 2025–2026), and [`TariffBook::panel`] streams its rows, each
//! the [`Rates`] of one code, origin and date. Nothing is collected: memory stays that of one
//! date's list of codes.
//!
//! Origins whose goods the rules treat alike on a date (the same measures in force, the same
//! origin-restricted claims) share one computation: the panel finds the rates once per code for
//! each such class and hands the same [`Rates`] to every origin in it.

use std::io::Write;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::country::CountryCode;
use crate::error::{Error, Result};
use crate::hs::HsCode;
use crate::tariff::hts::Edition;
use crate::tariff::measure::{Authority, Exclusion, OriginScope, ProductScope};
use crate::tariff::rates::{Rates, RatesOptions};
use crate::tariff::TariffBook;

/// An origin of a panel: a country, and whether it stands for every origin the measures do not
/// name.
///
/// # Example
/// ```
/// let origins = landed_cost::TariffBook::embedded().panel_origins();
/// assert_eq!(origins.iter().filter(|o| o.others).count(), 1);
/// assert!(origins.iter().any(|o| o.country == landed_cost::CountryCode::CN && !o.others));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct PanelOrigin {
    /// The country.
    pub country: CountryCode,
    /// Whether the country stands for every origin no US measure names (whose goods the rules
    /// all treat alike).
    pub others: bool,
}

impl PanelOrigin {
    /// `"named"` for an origin a measure names, `"others"` for the one that stands for the
    /// rest (the panel's `origin_group` column).
    ///
    /// # Example
    /// ```
    /// let origins = landed_cost::TariffBook::embedded().panel_origins();
    /// assert_eq!(origins.last().map(|o| o.group()), Some("others"));
    /// ```
    #[must_use]
    pub const fn group(&self) -> &'static str {
        if self.others {
            "others"
        } else {
            "named"
        }
    }
}

/// What a [`Panel`] covers: dates, origins, codes and the [`RatesOptions`] every row is found
/// under. [`TariffBook::panel_spec`] is the whole 2025–2026 panel; narrow it with the setters.
///
/// # Example
/// ```
/// use landed_cost::{tariff::TariffBook, CountryCode};
/// let book = TariffBook::embedded();
/// let spec = book.panel_spec()
///     .dates(vec!["2025-04-15".parse()?])
///     .origins(vec![CountryCode::CN, CountryCode::VN])
///     .codes(vec!["6402.99.90.05".parse()?]);
/// let rows: Vec<_> = book.panel(spec).collect();
/// assert_eq!(rows.len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct PanelSpec<'c> {
    dates: Vec<NaiveDate>,
    origins: Vec<PanelOrigin>,
    codes: Option<Vec<HsCode>>,
    options: RatesOptions<'c>,
}

impl<'c> PanelSpec<'c> {
    /// These dates (sorted and deduplicated).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::TariffBook, CountryCode};
    /// let book = TariffBook::embedded();
    /// let spec = book.panel_spec().dates(vec!["2025-05-01".parse()?, "2025-04-09".parse()?, "2025-05-01".parse()?]);
    /// assert_eq!(spec.dates_in(), ["2025-04-09".parse()?, "2025-05-01".parse()?]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn dates(mut self, mut dates: Vec<NaiveDate>) -> PanelSpec<'c> {
        dates.sort_unstable();
        dates.dedup();
        self.dates = dates;
        self
    }

    /// These origins, each standing for itself.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::TariffBook, CountryCode};
    /// let book = TariffBook::embedded();
    /// let spec = book.panel_spec().origins(vec![CountryCode::MX]);
    /// assert!(spec.origins_in().iter().all(|o| o.country == CountryCode::MX && !o.others));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn origins(mut self, origins: Vec<CountryCode>) -> PanelSpec<'c> {
        self.origins = origins
            .into_iter()
            .map(|country| PanelOrigin {
                country,
                others: false,
            })
            .collect();
        self
    }

    /// These codes on every date, in this order, instead of every 10-digit line of the edition
    /// in force. A code not in the edition in force gives a row whose rates are the error.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::TariffBook, CountryCode};
    /// let book = TariffBook::embedded();
    /// let spec = book.panel_spec().dates(vec!["2025-06-01".parse()?]).origins(vec![CountryCode::CN])
    ///     .codes(vec!["6402.99.90.05".parse()?, "0101.99.99.99".parse()?]);
    /// let rows = book.panel(spec).collect::<Result<Vec<_>, _>>()?;
    /// assert!(rows[0].rates.is_ok() && rows[1].rates.is_err()); // 0101.99.99.99 is not a line
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn codes(mut self, codes: Vec<HsCode>) -> PanelSpec<'c> {
        self.codes = Some(codes);
        self
    }

    /// Rows found under these options (claims, metal content, ...).
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::{RatesOptions, TariffBook};
    /// let spec = TariffBook::embedded().panel_spec().options(RatesOptions::new().de_minimis(true));
    /// assert!(!spec.dates_in().is_empty());
    /// ```
    #[must_use]
    pub fn options<'d>(self, options: RatesOptions<'d>) -> PanelSpec<'d> {
        PanelSpec {
            dates: self.dates,
            origins: self.origins,
            codes: self.codes,
            options,
        }
    }

    /// The dates.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::TariffBook, CountryCode};
    /// let book = TariffBook::embedded();
    /// let spec = book.panel_spec();
    /// assert_eq!(spec.dates_in().first(), Some(&"2025-01-01".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn dates_in(&self) -> &[NaiveDate] {
        &self.dates
    }

    /// The origins.
    ///
    /// # Example
    /// ```
    /// let spec = landed_cost::TariffBook::embedded().panel_spec();
    /// assert!(spec.origins_in().len() > 10);
    /// ```
    #[must_use]
    pub fn origins_in(&self) -> &[PanelOrigin] {
        &self.origins
    }
}

/// One row of a [`Panel`]: the rates on a code of an origin entered on a date.
///
/// # Example
/// ```
/// use landed_cost::{tariff::TariffBook, CountryCode};
/// let book = TariffBook::embedded();
/// let spec = book.panel_spec().dates(vec!["2025-06-01".parse()?]).origins(vec![CountryCode::VN])
///     .codes(vec!["6402.99.90.05".parse()?]);
/// let row = book.panel(spec).next().unwrap()?;
/// assert_eq!((row.date, row.origin.country), ("2025-06-01".parse()?, CountryCode::VN));
/// assert_eq!(row.rates.as_ref().as_ref().map(|r| r.total().map(|t| t.to_string())).ok().flatten().as_deref(), Some("30%"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct PanelRow<'a> {
    /// The entry date.
    pub date: NaiveDate,
    /// The HTS code.
    pub code: HsCode,
    /// The origin.
    pub origin: PanelOrigin,
    /// The rates, shared by every origin of the row's class on the date (or why there are
    /// none: a code not in the edition in force).
    pub rates: Arc<Result<Rates<'a>>>,
}

/// The rows of a panel, date by date, code by code, origin by origin ([`TariffBook::panel`]).
///
/// # Example
/// ```
/// use landed_cost::{tariff::TariffBook, CountryCode};
/// let book = TariffBook::embedded();
/// let spec = book.panel_spec().dates(vec!["2025-06-01".parse()?]).origins(vec![CountryCode::VN, CountryCode::CN]);
/// let first = book.panel(spec).next().unwrap()?;
/// assert_eq!(first.code.to_string(), "0101.21.00.10"); // the first line, origin by origin
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Panel<'a, 'c> {
    book: &'a TariffBook,
    spec: PanelSpec<'c>,
    date: usize,
    day: Option<Day>,
    code: usize,
    origin: usize,
    /// The rates of the current code for each class of the current date.
    cells: Vec<Option<Arc<Result<Rates<'a>>>>>,
}

/// What a panel knows of one date: its codes, and each origin's class.
#[derive(Debug)]
struct Day {
    date: NaiveDate,
    codes: Arc<[HsCode]>,
    /// For each origin of the spec, the index of its class.
    class_of: Vec<usize>,
    /// For each class, the origin (index) whose rates stand for it.
    representative: Vec<usize>,
    /// The effective date of the edition whose lines `codes` are (when the spec names no
    /// codes).
    edition: Option<NaiveDate>,
}

impl TariffBook {
    /// Every origin the US measures distinguish: each country any measure's origin scope names,
    /// in code order, then one country no measure names, standing for all the others (the
    /// first such officially assigned ISO code, other than the US).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::TariffBook, CountryCode};
    /// let book = TariffBook::embedded();
    /// let origins = book.panel_origins();
    /// assert!(origins.iter().any(|o| o.country == CountryCode::VN));
    /// assert!(origins.windows(2).all(|w| w[0].others || w[0].country < w[1].country || w[1].others));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn panel_origins(&self) -> Vec<PanelOrigin> {
        let mut named: Vec<CountryCode> = self
            .measures()
            .iter()
            .filter(|m| m.importer == CountryCode::US)
            .flat_map(|m| {
                let scope = match &m.origins {
                    OriginScope::Only(list) | OriginScope::AllExcept(list) => list.iter(),
                };
                let claims = m.exclusions.iter().flat_map(|e| match e {
                    Exclusion::Claim { origins, .. } => origins.iter(),
                    _ => [].iter(),
                });
                scope.chain(claims).copied()
            })
            .filter(|c| *c != CountryCode::US)
            .collect();
        named.sort_unstable();
        named.dedup();
        let letters = b'A'..=b'Z';
        let other = letters
            .clone()
            .flat_map(|a| letters.clone().map(move |b| [a, b]))
            .filter_map(|pair| std::str::from_utf8(&pair).ok()?.parse::<CountryCode>().ok())
            .find(|c| c.is_assigned() && *c != CountryCode::US && named.binary_search(c).is_err());
        named
            .into_iter()
            .map(|country| PanelOrigin {
                country,
                others: false,
            })
            .chain(other.map(|country| PanelOrigin {
                country,
                others: true,
            }))
            .collect()
    }

    /// The dates from `from` through `through` on which the US rules may change a rate: `from`
    /// itself, and each later date an HTS edition takes effect ([`Hts::editions`]), a US measure
    /// starts or ends, or an entry of a product list a US measure uses is added or removed.
    /// Grows with the data: more editions or measures give more dates.
    ///
    /// [`Hts::editions`]: crate::tariff::hts::Hts::editions
    ///
    /// # Example
    /// ```
    /// let book = landed_cost::TariffBook::embedded();
    /// let dates = book.revision_dates("2025-01-01".parse()?, "2026-12-31".parse()?);
    /// assert_eq!(dates.first(), Some(&"2025-01-01".parse()?));
    /// assert!(dates.contains(&"2025-04-09".parse()?)); // the reciprocal country rates
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn revision_dates(&self, from: NaiveDate, through: NaiveDate) -> Vec<NaiveDate> {
        let mut dates = vec![from];
        for e in self.hts().editions() {
            dates.push(e.effective());
        }
        for m in self
            .measures()
            .iter()
            .filter(|m| m.importer == CountryCode::US)
        {
            dates.push(m.valid_from);
            dates.extend(m.valid_until);
            let names = std::iter::once(match &m.products {
                ProductScope::List { name, .. } => Some(name.as_str()),
                _ => None,
            })
            .chain(m.exclusions.iter().map(|e| match e {
                Exclusion::List { name, .. } => Some(name.as_str()),
                _ => None,
            }))
            .flatten();
            for list in names.filter_map(|n| self.list(n)) {
                for entry in list.entries() {
                    dates.push(entry.from);
                    dates.extend(entry.until);
                }
            }
        }
        dates.retain(|d| from <= *d && *d <= through);
        dates.sort_unstable();
        dates.dedup();
        dates
    }

    /// The whole panel of 2025–2026: every date the rules change from 1 January 2025 through
    /// 31 December 2026 ([`TariffBook::revision_dates`]), every origin the measures distinguish
    /// ([`TariffBook::panel_origins`]), every 10-digit line of chapters 1–97 of the edition in
    /// force on each date, under the defaults of [`RatesOptions::new`].
    ///
    /// # Example
    /// ```
    /// let spec = landed_cost::TariffBook::embedded().panel_spec();
    /// assert!(spec.dates_in().len() > 10);
    /// ```
    #[must_use]
    pub fn panel_spec(&self) -> PanelSpec<'static> {
        let (from, through) = (
            NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or(NaiveDate::MIN),
            NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or(NaiveDate::MAX),
        );
        PanelSpec {
            dates: self.revision_dates(from, through),
            origins: self.panel_origins(),
            codes: None,
            options: RatesOptions::new(),
        }
    }

    /// The panel's rows, date by date, then code by code, then origin by origin, streamed.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::{Authority, TariffBook}, CountryCode};
    /// let book = TariffBook::embedded();
    /// let spec = book.panel_spec()
    ///     .dates(vec!["2025-03-01".parse()?, "2025-04-15".parse()?])
    ///     .origins(vec![CountryCode::CN, CountryCode::VN])
    ///     .codes(vec!["6402.99.90.05".parse()?]);
    /// let totals: Vec<String> = book.panel(spec)
    ///     .map(|row| {
    ///         let row = row.unwrap();
    ///         let rates = row.rates.as_ref().as_ref().unwrap();
    ///         format!("{} {} {}", row.date, row.origin.country, rates.total().unwrap())
    ///     })
    ///     .collect();
    /// assert_eq!(totals, ["2025-03-01 CN 37.5%", "2025-03-01 VN 20%",
    ///                     "2025-04-15 CN 172.5%", "2025-04-15 VN 30%"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn panel<'c>(&self, spec: PanelSpec<'c>) -> Panel<'_, 'c> {
        Panel {
            book: self,
            spec,
            date: 0,
            day: None,
            code: 0,
            origin: 0,
            cells: Vec::new(),
        }
    }

    /// The 10-digit lines of chapters 1–97 of an edition.
    fn panel_codes(edition: &Edition) -> Arc<[HsCode]> {
        edition
            .schedule()
            .iter()
            .map(|l| l.code())
            .filter(|c| c.len() == 10 && c.chapter() <= 97)
            .collect()
    }
}

impl<'a, 'c> Panel<'a, 'c> {
    /// The authorities of the US measures, in the order charges are presented (MFN first): the
    /// rate columns of [`Panel::write_csv`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::{Authority, TariffBook};
    /// let book = TariffBook::embedded();
    /// let panel = book.panel(book.panel_spec());
    /// assert_eq!(panel.authorities().first(), Some(&Authority::Mfn));
    /// assert!(panel.authorities().contains(&Authority::IeepaReciprocal));
    /// ```
    #[must_use]
    pub fn authorities(&self) -> Vec<Authority> {
        let mut all: Vec<Authority> = std::iter::once(Authority::Mfn)
            .chain(
                self.book
                    .measures()
                    .iter()
                    .filter(|m| m.importer == CountryCode::US)
                    .map(|m| m.authority),
            )
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    }

    /// The number of rows the panel yields in all (dates × codes × origins), counted without
    /// finding any rate.
    ///
    /// # Errors
    /// [`Error::NoTariffEdition`] if a date precedes every edition.
    ///
    /// # Example
    /// ```
    /// let book = landed_cost::TariffBook::embedded();
    /// let spec = book.panel_spec().dates(vec!["2025-06-01".parse()?]).origins(vec!["CN".parse()?]);
    /// assert!(book.panel(spec).row_count()? > 15_000); // the 10-digit lines of 2025
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn row_count(&self) -> Result<u64> {
        let origins = u64::try_from(self.spec.origins.len()).unwrap_or(u64::MAX);
        let mut rows = 0u64;
        for date in &self.spec.dates {
            let codes = match &self.spec.codes {
                Some(c) => c.len(),
                None => {
                    let edition = self.book.hts().edition_for(*date)?;
                    edition
                        .schedule()
                        .iter()
                        .filter(|l| l.code().len() == 10 && l.code().chapter() <= 97)
                        .count()
                }
            };
            rows = rows.saturating_add(
                u64::try_from(codes)
                    .unwrap_or(u64::MAX)
                    .saturating_mul(origins),
            );
        }
        Ok(rows)
    }

    /// Sets up the date at `self.date`.
    fn start_day(&mut self) -> Option<Result<()>> {
        let date = *self.spec.dates.get(self.date)?;
        match self.make_day(date, self.day.as_ref()) {
            Ok(day) => {
                self.cells.clear();
                self.cells.resize(day.representative.len(), None);
                self.day = Some(day);
                self.code = 0;
                self.origin = 0;
                Some(Ok(()))
            }
            Err(e) => Some(Err(e)),
        }
    }

    /// What the panel needs of a date: its codes (those of `previous` under the same edition)
    /// and the origins' classes.
    fn make_day(&self, date: NaiveDate, previous: Option<&Day>) -> Result<Day> {
        let book = self.book;
        let (codes, edition) = match &self.spec.codes {
            Some(c) => match previous {
                Some(d) => (Arc::clone(&d.codes), None),
                None => (Arc::from(c.as_slice()), None),
            },
            None => {
                let e = book.hts().edition_for(date)?;
                let key = e.effective();
                match previous {
                    Some(d) if d.edition == Some(key) => (Arc::clone(&d.codes), Some(key)),
                    _ => (TariffBook::panel_codes(e), Some(key)),
                }
            }
        };
        let mut keys: Vec<(&[usize], Option<u64>, bool)> = Vec::new();
        let mut class_of = Vec::with_capacity(self.spec.origins.len());
        let mut representative = Vec::new();
        for (i, o) in self.spec.origins.iter().enumerate() {
            let (measures, bits) = book.origin_class(o.country, date);
            let de_minimis = self.spec.options.wants_de_minimis()
                && book.us_rules().de_minimis(o.country, date).is_some();
            let key = (measures, bits, de_minimis);
            let found = bits
                .is_some()
                .then(|| keys.iter().position(|k| *k == key))
                .flatten();
            match found {
                Some(class) => class_of.push(class),
                None => {
                    class_of.push(keys.len());
                    keys.push(key);
                    representative.push(i);
                }
            }
        }
        Ok(Day {
            date,
            codes,
            class_of,
            representative,
            edition,
        })
    }

    /// The rates of class `class` for `code` on the current date.
    fn rates_of_class(&self, day: &Day, class: usize, code: HsCode) -> Result<Rates<'a>> {
        let origin = day
            .representative
            .get(class)
            .and_then(|i| self.spec.origins.get(*i))
            .map_or(CountryCode::US, |o| o.country);
        self.book
            .rates_with(&code, origin, day.date, &self.spec.options)
    }

    /// Writes the panel as CSV: a header, then one row per date, code and origin with the MFN
    /// rate's text, each authority's rate on the customs value (in percent) and headings, the
    /// total, the warnings' codes and, for a code not in the edition in force, the error.
    /// Returns the number of rows written (the header not counted).
    ///
    /// Columns: `date, hts10, origin, origin_group, edition, mfn_text`, then for each authority
    /// of [`Panel::authorities`] `<authority>_pct` and (but MFN) `<authority>_heading`, then
    /// `total_pct, warnings, error`. A rate cell is empty where the rate has no ad valorem form
    /// (a specific or compound rate, see [`RatesOptions::unit_value`]); headings of one
    /// authority are separated by spaces, warning codes by `;`.
    ///
    /// # Errors
    /// [`Error::Io`] if writing fails; [`Error::NoTariffEdition`] if a date precedes every
    /// edition.
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
        let io = |e: std::io::Error| Error::Io {
            what: "the panel CSV being written".to_owned(),
            reason: e.to_string(),
        };
        let authorities = self.authorities();
        let mut header = String::from("date,hts10,origin,origin_group,edition,mfn_text");
        for a in &authorities {
            header.push_str(&format!(",{a}_pct"));
            if *a != Authority::Mfn {
                header.push_str(&format!(",{a}_heading"));
            }
        }
        header.push_str(",total_pct,warnings,error\n");
        out.write_all(header.as_bytes()).map_err(io)?;
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
        // Workers take runs of codes in turn and write their rows into buffers, which this
        // thread writes out in order while the workers go on: the output is the same whatever
        // the number of workers.
        let jobs: Vec<(usize, usize)> = days
            .iter()
            .enumerate()
            .flat_map(|(d, day)| {
                (0..day.codes.len())
                    .step_by(CODES_PER_WORKER)
                    .map(move |start| (d, start))
            })
            .collect();
        let workers = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        let next = std::sync::atomic::AtomicUsize::new(0);
        let (send, receive) = std::sync::mpsc::sync_channel::<(usize, Vec<u8>, u64)>(workers * 2);
        let this = &self;
        let (authorities, origins, days, jobs, next) = (
            authorities.as_slice(),
            origins.as_slice(),
            &days,
            &jobs,
            &next,
        );
        let mut rows = 0u64;
        let written: Result<()> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers)
                .map(|_| {
                    let send = send.clone();
                    scope.spawn(move || loop {
                        let job = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some((d, start)) = jobs.get(job).copied() else {
                            break;
                        };
                        let Some(day) = days.get(d) else { break };
                        let codes = day.codes.get(start..).unwrap_or(&[]);
                        let codes = codes.get(..CODES_PER_WORKER).unwrap_or(codes);
                        let (bytes, n) = this.rows_csv(day, codes, authorities, origins);
                        if send.send((job, bytes, n)).is_err() {
                            break;
                        }
                    })
                })
                .collect();
            drop(send);
            let mut pending = std::collections::BTreeMap::new();
            let mut wanted = 0usize;
            let mut result = Ok(());
            for (job, bytes, n) in receive {
                pending.insert(job, (bytes, n));
                while let Some((bytes, n)) = pending.remove(&wanted) {
                    if let Err(e) = out.write_all(&bytes) {
                        result = Err(io(e));
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
                    result = Err(Error::Io {
                        what: "the panel CSV being written".to_owned(),
                        reason: "a worker thread stopped".to_owned(),
                    });
                }
            }
            result
        });
        written?;
        out.flush().map_err(io)?;
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
        let mut mfn = Vec::new();
        let mut code_text = String::new();
        let mut rows = 0u64;
        for code in codes {
            for (class, cell) in cells.iter_mut().enumerate() {
                cell.clear();
                let rates = self.rates_of_class(day, class, *code);
                if class == 0 {
                    mfn.clear();
                    text.mfn_cells(&mut mfn, &rates, authorities);
                }
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
                out.extend_from_slice(&mfn);
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

    /// The cells every origin shares for a code: edition, MFN text and MFN rate, ending in a
    /// comma (empty cells for a code without rates).
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
            if let Some(r) = rates.of(Authority::Mfn) {
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

/// Yields each row, or once for a date before every edition ([`Error::NoTariffEdition`]), the
/// error, then goes on with the next date.
impl<'a> Iterator for Panel<'a, '_> {
    type Item = Result<PanelRow<'a>>;

    fn next(&mut self) -> Option<Result<PanelRow<'a>>> {
        loop {
            if self.day.is_none() {
                if let Err(e) = self.start_day()? {
                    self.date = self.date.saturating_add(1);
                    return Some(Err(e));
                }
            }
            let day = self.day.as_ref()?;
            let Some(code) = day.codes.get(self.code).copied() else {
                self.date = self.date.saturating_add(1);
                self.day = None;
                continue;
            };
            let Some(origin) = self.spec.origins.get(self.origin).copied() else {
                self.code = self.code.saturating_add(1);
                self.origin = 0;
                self.cells.iter_mut().for_each(|c| *c = None);
                continue;
            };
            let class = day.class_of.get(self.origin).copied().unwrap_or(0);
            let rates = match self.cells.get(class).and_then(Option::as_ref) {
                Some(r) => Arc::clone(r),
                None => {
                    let r = Arc::new(self.rates_of_class(day, class, code));
                    if let Some(slot) = self.cells.get_mut(class) {
                        *slot = Some(Arc::clone(&r));
                    }
                    r
                }
            };
            self.origin = self.origin.saturating_add(1);
            return Some(Ok(PanelRow {
                date: day.date,
                code,
                origin,
                rates,
            }));
        }
    }
}

#[cfg(all(test, feature = "embedded-data"))]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
    use super::*;

    /// Every origin of a class gets exactly the rates it would get alone.
    #[test]
    fn shared_rates_are_each_origins_own() {
        let book = TariffBook::embedded();
        // Every date and origin; every 500th line of the first edition; every 13th row.
        let codes: Vec<HsCode> = book.hts().editions()[0]
            .schedule()
            .iter()
            .map(|l| l.code())
            .filter(|c| c.len() == 10)
            .step_by(500)
            .collect();
        let spec = book.panel_spec().codes(codes);
        let mut checked = 0;
        for row in book.panel(spec).step_by(13) {
            let row = row.unwrap();
            let own = book.rates(&row.code, row.origin.country, row.date);
            match (row.rates.as_ref(), own) {
                (Ok(shared), Ok(own)) => {
                    let a: Vec<_> = shared
                        .entries()
                        .iter()
                        .map(|e| (e.heading, e.ad_valorem))
                        .collect();
                    let b: Vec<_> = own
                        .entries()
                        .iter()
                        .map(|e| (e.heading, e.ad_valorem))
                        .collect();
                    assert_eq!(a, b, "{} {} {}", row.code, row.origin.country, row.date);
                    let wa: Vec<_> = shared.warnings().to_vec();
                    let wb: Vec<_> = own.warnings().to_vec();
                    assert_eq!(wa, wb, "{} {} {}", row.code, row.origin.country, row.date);
                }
                (Err(_), Err(_)) => {}
                (a, b) => panic!("{a:?} vs {b:?}"),
            }
            checked += 1;
        }
        assert!(checked > 10_000, "{checked}");
    }
}
