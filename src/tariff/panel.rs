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

use std::sync::Arc;

use chrono::NaiveDate;

use crate::country::CountryCode;
use crate::error::Result;
use crate::hs::HsCode;
use crate::tariff::hts::Edition;
use crate::tariff::measure::Authority;
use crate::tariff::rates::{Rates, RatesOptions};
use crate::tariff::TariffBook;

mod axes;
mod csv;

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

/// What origins must share to share a computation on a date: the measures in force for them and
/// the bits of their classes, and whether de minimis, column 2 and an import prohibition hold.
type ClassKey<'b> = (&'b [usize], Option<u64>, bool, bool, bool);

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
        let column2 =
            (!self.book.us_rules().column2.countries.is_empty()).then_some(Authority::Column2);
        let mut all: Vec<Authority> = std::iter::once(Authority::Mfn)
            .chain(column2)
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
    /// [`Error::NoTariffEdition`](crate::Error::NoTariffEdition) if a date precedes every edition.
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
        let mut keys: Vec<ClassKey<'_>> = Vec::new();
        let mut class_of = Vec::with_capacity(self.spec.origins.len());
        let mut representative = Vec::new();
        for (i, o) in self.spec.origins.iter().enumerate() {
            let (measures, bits) = book.origin_class(o.country, date);
            let de_minimis = self.spec.options.wants_de_minimis()
                && book.us_rules().de_minimis(o.country, date).is_some();
            let column2 = book.us_rules().column2_country(o.country, date).is_some();
            let barred = book
                .us_rules()
                .import_prohibition(o.country, date)
                .is_some();
            let key = (measures, bits, de_minimis, column2, barred);
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
}

/// Yields each row, or once for a date before every edition ([`Error::NoTariffEdition`](crate::Error::NoTariffEdition)), the
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
mod tests;
