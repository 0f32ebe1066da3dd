//! [`HtsSchedule`] and [`HtsLine`]: the lines of one edition of the US tariff schedule.

use std::fmt;
use std::sync::{Arc, OnceLock};

use crate::error::{Error, Result};
use crate::hs::HsCode;
use crate::quantity::Unit;
use crate::tariff::DutyRate;

/// One 8- or 10-digit line of the HTS (or a chapter-99 heading), with its rates as published.
///
/// 10-digit statistical lines inherit the general and column 2 rates, and the chapter-99
/// references, of their 8-digit line when they have none of their own; [`HtsLine::inherited`]
/// says whether that happened. The MFN rate is parsed on first use and kept.
///
/// # Example
/// ```
/// use landed_cost::tariff::hts::Hts;
/// let hts = Hts::embedded();
/// let line = hts.lookup(&"6402.99.90".parse()?, "2025-06-01".parse()?)?;
/// assert_eq!(line.general(), "20%");
/// assert_eq!(line.mfn()?.to_string(), "20%");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct HtsLine {
    pub(crate) code: HsCode,
    pub(crate) description: Box<str>,
    pub(crate) general: Box<str>,
    pub(crate) special: Box<str>,
    pub(crate) other: Box<str>,
    pub(crate) units: Box<[Unit]>,
    pub(crate) references: Box<[HsCode]>,
    pub(crate) inherited: bool,
    pub(crate) mfn: OnceLock<Result<DutyRate>>,
}

impl HtsLine {
    /// A line with its published texts (nothing inherited).
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::hts::HtsLine;
    /// let line = HtsLine::new("6402.99.90".parse()?, "Other", "20%", "", "35%", vec![], vec![]);
    /// assert_eq!(line.other(), "35%");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(
        code: HsCode,
        description: &str,
        general: &str,
        special: &str,
        other: &str,
        units: Vec<Unit>,
        references: Vec<HsCode>,
    ) -> HtsLine {
        HtsLine {
            code,
            description: description.into(),
            general: general.into(),
            special: special.into(),
            other: other.into(),
            units: units.into(),
            references: references.into(),
            inherited: false,
            mfn: OnceLock::new(),
        }
    }

    /// The HTS code (8 or 10 digits).
    ///
    /// # Example
    /// See [`HtsLine`].
    #[must_use]
    pub fn code(&self) -> HsCode {
        self.code
    }

    /// The line's own description (for 10-digit lines often just "Other": read it with the
    /// 8-digit line's description).
    ///
    /// # Example
    /// See [`HtsLine`].
    #[must_use]
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The general (column 1, MFN) rate text, inherited from the 8-digit line when empty.
    ///
    /// # Example
    /// See [`HtsLine`].
    #[must_use]
    pub fn general(&self) -> &str {
        &self.general
    }

    /// The special-programs rate text (empty in the embedded editions, which omit it).
    ///
    /// # Example
    /// See [`HtsLine`].
    #[must_use]
    pub fn special(&self) -> &str {
        &self.special
    }

    /// The column 2 rate text.
    ///
    /// # Example
    /// See [`HtsLine`].
    #[must_use]
    pub fn other(&self) -> &str {
        &self.other
    }

    /// The units of quantity to report (for 10-digit lines; 8-digit lines usually have none).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::hts::Hts, Unit};
    /// let line = Hts::embedded().lookup(&"6402.99.90.05".parse()?, "2025-06-01".parse()?)?;
    /// assert_eq!(line.units(), &[Unit::from_usitc_code("PRS")?.unwrap()]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    /// The chapter-99 headings the line's footnotes refer to ("See 9903.88.15."): the
    /// additional measures (Section 301 lists, exclusions, ...) that cover it.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::hts::Hts;
    /// let line = Hts::embedded().lookup(&"0101.21.00".parse()?, "2025-06-01".parse()?)?;
    /// assert!(line.references().contains(&"9903.88.15".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn references(&self) -> &[HsCode] {
        &self.references
    }

    /// Whether the rates and references came from the 8-digit parent line.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::hts::Hts;
    /// let line = Hts::embedded().lookup(&"6402.99.90.05".parse()?, "2025-06-01".parse()?)?;
    /// assert!(line.inherited());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn inherited(&self) -> bool {
        self.inherited
    }

    /// The general rate parsed as a [`DutyRate`] (parsed once, then cached).
    ///
    /// # Errors
    /// [`Error::Parse`] if the text is not a rate the parser knows; [`Error::RateNotComputable`]
    /// if the line has no general rate (a heading without a rate of its own). A text that is not
    /// a formula parses into a non-computable [`DutyRate`], whose `duty` is the error.
    ///
    /// # Example
    /// See [`HtsLine`].
    pub fn mfn(&self) -> Result<&DutyRate> {
        self.mfn
            .get_or_init(|| {
                if self.general.trim().is_empty() {
                    Err(Error::RateNotComputable {
                        text: String::new(),
                        reason: format!(
                            "{} has no general rate of its own; its rates are set on its 10-digit lines",
                            self.code
                        ),
                    })
                } else {
                    crate::tariff::usitc::parse_rate(&self.general)
                }
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The parenthetical reference the general rate text ends with, if any (chapter 98 lines
    /// print "A duty upon the value of the repairs or alterations (see U.S. note 3 of this
    /// subchapter)"): [`HtsLine::mfn`] reads the rate before it.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::hts::Hts;
    /// let line = Hts::embedded().lookup(&"9802.00.40".parse()?, "2025-06-01".parse()?)?;
    /// assert_eq!(line.general_note(), Some("see U.S. note 3 of this subchapter"));
    /// assert!(!line.mfn()?.to_string().contains("see U.S. note"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn general_note(&self) -> Option<&str> {
        crate::tariff::usitc::split_reference(&self.general).1
    }
}

impl PartialEq for HtsLine {
    /// Lines are equal when their published content is; the parse cache is ignored.
    fn eq(&self, other: &HtsLine) -> bool {
        self.code == other.code
            && self.description == other.description
            && self.general == other.general
            && self.special == other.special
            && self.other == other.other
            && self.units == other.units
            && self.references == other.references
            && self.inherited == other.inherited
    }
}

impl fmt::Debug for HtsLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HtsLine")
            .field("code", &self.code)
            .field("description", &self.description)
            .field("general", &self.general)
            .field("other", &self.other)
            .field("units", &self.units)
            .field("references", &self.references)
            .field("inherited", &self.inherited)
            .finish_non_exhaustive()
    }
}

/// The lines of one tariff edition, sorted by code, with 10-digit lines already resolved
/// against their 8-digit parents.
///
/// The lines are held by HS chapter, and both a chapter's lines and each line are shared (by
/// reference count) with the schedules they came from: a schedule built from another by
/// [`compact::apply_changes`](crate::tariff::hts::compact::apply_changes) holds anew only the
/// chapters and lines that changed, and a line's parsed MFN rate ([`HtsLine::mfn`]) is parsed
/// once for every schedule that holds the line. Cloning a schedule copies no line.
///
/// # Example
/// ```
/// use landed_cost::tariff::hts::{HtsLine, HtsSchedule};
/// let schedule = HtsSchedule::from_lines(vec![
///     HtsLine::new("6402.99.90".parse()?, "Other", "20%", "", "35%", vec![], vec!["9903.88.15".parse()?]),
///     HtsLine::new("6402.99.90.00".parse()?, "Other", "", "", "", vec![], vec![]),
/// ]);
/// let ten = schedule.line_for(&"6402.99.90.00".parse()?).unwrap();
/// assert_eq!(ten.general(), "20%");            // inherited
/// assert_eq!(ten.references().len(), 1);
/// assert_eq!(schedule.line_for(&"6402.99.90.99".parse()?).unwrap().code().to_string(), "6402.99.90");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct HtsSchedule {
    /// The chapters by number, `None` for a chapter without lines.
    chapters: [Option<Arc<Chapter>>; SLOTS],
    /// The number of lines in all chapters.
    len: usize,
}

/// How many chapter numbers there are, and heading numbers within a chapter (two digits each).
const SLOTS: usize = 100;

/// The headings of one HS chapter of a schedule: shared between schedules while none of its
/// headings changes.
#[derive(Debug, Clone)]
pub(crate) struct Chapter {
    /// The headings by number within the chapter (the code's third and fourth digits), `None`
    /// for a heading without lines.
    headings: [Option<Arc<Heading>>; SLOTS],
    /// The number of lines in all its headings.
    len: usize,
}

/// The lines of one heading (4 digits) of a schedule, sorted by code: shared between schedules
/// while none of its lines changes, each line shared while it does not change.
pub(crate) type Heading = [Entry];

/// A line of a heading, with its code as a sort key: searched, and merged with changes, without
/// reading the line.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// [`HsCode::sort_key`] of the line's code.
    key: u64,
    line: Arc<HtsLine>,
}

impl Entry {
    /// The line.
    pub(crate) fn line(&self) -> &HtsLine {
        &self.line
    }
}

/// The 4-digit heading of a sort key, as a number (0 to 9999).
fn heading_of(key: u64) -> usize {
    usize::try_from((key >> 4) / 1_000_000).unwrap_or(usize::MAX)
}

/// A heading number's chapter and its place in the chapter.
fn places(heading: usize) -> (usize, usize) {
    (heading / SLOTS, heading % SLOTS)
}

impl Chapter {
    fn empty() -> Chapter {
        Chapter {
            headings: std::array::from_fn(|_| None),
            len: 0,
        }
    }

    /// The chapter's headings that have lines, in order.
    pub(crate) fn headings(&self) -> impl Iterator<Item = &Arc<Heading>> {
        self.headings.iter().flatten()
    }
}

/// The line of `heading` with exactly this key.
fn find(heading: &Heading, key: u64) -> Option<&HtsLine> {
    let found = heading.binary_search_by_key(&key, |e| e.key).ok()?;
    heading.get(found).map(Entry::line)
}

/// `base` (empty for a heading without lines) without the lines whose keys are in `removals`
/// and with `additions` in place of the lines with their keys (both sorted): `None` if that
/// changes nothing, `Some(None)` if no line is left. Kept lines, and added lines equal to the
/// ones they replace, are shared with `base`.
fn changed_heading(
    base: &Heading,
    additions: Vec<(u64, HtsLine)>,
    removals: &[u64],
) -> Option<Option<Arc<Heading>>> {
    let mut entries: Vec<Entry> = Vec::with_capacity(base.len() + additions.len());
    let mut changed = false;
    let mut additions = additions.into_iter().peekable();
    for entry in base {
        while let Some((key, new)) = additions.next_if(|(k, _)| *k < entry.key) {
            entries.push(Entry {
                key,
                line: Arc::new(new),
            });
            changed = true;
        }
        if let Some((key, new)) = additions.next_if(|(k, _)| *k == entry.key) {
            if new == *entry.line {
                entries.push(entry.clone());
            } else {
                entries.push(Entry {
                    key,
                    line: Arc::new(new),
                });
                changed = true;
            }
        } else if removals.binary_search(&entry.key).is_ok() {
            changed = true;
        } else {
            entries.push(entry.clone());
        }
    }
    for (key, new) in additions {
        entries.push(Entry {
            key,
            line: Arc::new(new),
        });
        changed = true;
    }
    changed.then(|| (!entries.is_empty()).then(|| Arc::from(entries)))
}

impl Default for HtsSchedule {
    fn default() -> HtsSchedule {
        HtsSchedule {
            chapters: std::array::from_fn(|_| None),
            len: 0,
        }
    }
}

impl HtsSchedule {
    /// Builds a schedule from published lines: sorts them, keeps the last of duplicate codes,
    /// and resolves inheritance (a 10-digit line without a general rate takes its 8-digit
    /// line's general and column 2 rates; its references are joined with the parent's).
    ///
    /// # Example
    /// See [`HtsSchedule`].
    #[must_use]
    pub fn from_lines(mut lines: Vec<HtsLine>) -> HtsSchedule {
        lines.sort_by_key(|l| l.code);
        lines.dedup_by(|later, earlier| {
            if later.code == earlier.code {
                std::mem::swap(later, earlier);
                true
            } else {
                false
            }
        });
        let mut parent: Option<HtsLine> = None;
        for line in &mut lines {
            if line.code.len() <= 8 {
                parent = Some(line.clone());
                continue;
            }
            let Some(p) = parent.as_ref().filter(|p| p.code.covers(&line.code)) else {
                continue;
            };
            if line.general.trim().is_empty() && !p.general.trim().is_empty() {
                line.general = p.general.clone();
                if line.other.trim().is_empty() {
                    line.other = p.other.clone();
                }
                line.inherited = true;
            }
            if !p.references.is_empty() {
                let mut refs: Vec<HsCode> = p
                    .references
                    .iter()
                    .chain(line.references.iter())
                    .copied()
                    .collect();
                refs.sort();
                refs.dedup();
                if refs.len() != line.references.len() {
                    line.references = refs.into();
                    line.inherited = true;
                }
            }
        }
        HtsSchedule::indexed(lines)
    }

    /// A schedule of sorted, unique lines.
    fn indexed(lines: Vec<HtsLine>) -> HtsSchedule {
        HtsSchedule::from_shared(lines.into_iter().map(Arc::new).collect())
    }

    /// Builds a schedule from lines that are already sorted, unique and resolved (as the compact
    /// format stores them).
    pub(crate) fn from_shared(lines: Vec<Arc<HtsLine>>) -> HtsSchedule {
        let mut schedule = HtsSchedule::default();
        let mut heading: Vec<Entry> = Vec::new();
        let mut lines = lines.into_iter().peekable();
        while let Some(line) = lines.next() {
            let key = line.code.sort_key();
            let number = heading_of(key);
            heading.push(Entry { key, line });
            if lines
                .peek()
                .is_some_and(|next| heading_of(next.code.sort_key()) == number)
            {
                continue;
            }
            // The heading is complete: place it in its chapter.
            let (chapter, place) = places(number);
            let Some(slot) = schedule.chapters.get_mut(chapter) else {
                continue;
            };
            let chapter = Arc::make_mut(slot.get_or_insert_with(|| Arc::new(Chapter::empty())));
            chapter.len += heading.len();
            schedule.len += heading.len();
            if let Some(slot) = chapter.headings.get_mut(place) {
                *slot = Some(Arc::from(std::mem::take(&mut heading)));
            }
        }
        schedule
    }

    /// This schedule without the lines `removed` and with the lines `added` (unique codes,
    /// resolved) in place of those with their codes. A chapter or heading that neither touches
    /// is shared with this schedule, and so is every line kept, or added equal to the line it
    /// replaces.
    pub(crate) fn with_changes(&self, removed: Vec<HsCode>, added: Vec<HtsLine>) -> HtsSchedule {
        let mut removed: Vec<u64> = removed.iter().map(|c| c.sort_key()).collect();
        removed.sort_unstable();
        let mut added: Vec<(u64, HtsLine)> =
            added.into_iter().map(|l| (l.code.sort_key(), l)).collect();
        added.sort_by_key(|(key, _)| *key);
        let mut schedule = self.clone();
        let mut added = added.into_iter().peekable();
        let mut removed = removed.as_slice();
        loop {
            // The next heading the changes touch, with its additions and removals.
            let number = match (
                added.peek().map(|(k, _)| heading_of(*k)),
                removed.first().map(|k| heading_of(*k)),
            ) {
                (Some(a), Some(r)) => a.min(r),
                (Some(n), None) | (None, Some(n)) => n,
                (None, None) => break,
            };
            let mut additions = Vec::new();
            while let Some(addition) = added.next_if(|(k, _)| heading_of(*k) == number) {
                additions.push(addition);
            }
            let (removals, rest) =
                removed.split_at(removed.partition_point(|k| heading_of(*k) == number));
            removed = rest;
            let (chapter, place) = places(number);
            let Some(slot) = schedule.chapters.get_mut(chapter) else {
                continue;
            };
            let base: &Heading = slot
                .as_deref()
                .and_then(|c| c.headings.get(place))
                .and_then(Option::as_deref)
                .unwrap_or_default();
            let Some(heading) = changed_heading(base, additions, removals) else {
                continue;
            };
            let (before, after) = (base.len(), heading.as_ref().map_or(0, |h| h.len()));
            let chapter = Arc::make_mut(slot.get_or_insert_with(|| Arc::new(Chapter::empty())));
            if let Some(old) = chapter.headings.get_mut(place) {
                chapter.len = chapter.len.saturating_sub(before) + after;
                schedule.len = schedule.len.saturating_sub(before) + after;
                *old = heading;
            }
            if chapter.len == 0 {
                *slot = None;
            }
        }
        schedule
    }

    /// The chapters that have lines, in order: each shared with the schedules it came from
    /// or went into unchanged (and so are its unchanged headings), so that a scan over many
    /// editions can visit each once.
    pub(crate) fn chapters(&self) -> impl Iterator<Item = &Arc<Chapter>> {
        self.chapters.iter().flatten()
    }

    /// The line with exactly this code.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::hts::Hts;
    /// let edition = Hts::embedded().edition_for("2025-06-01".parse()?)?;
    /// assert!(edition.schedule().get(&"6402.99.90".parse()?).is_some());
    /// assert!(edition.schedule().get(&"6402.99.91".parse()?).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn get(&self, code: &HsCode) -> Option<&HtsLine> {
        let key = code.sort_key();
        find(self.heading(key)?, key)
    }

    /// The heading that holds the line with this key, if the schedule has any line in it.
    fn heading(&self, key: u64) -> Option<&Heading> {
        let (chapter, place) = places(heading_of(key));
        self.chapters
            .get(chapter)?
            .as_deref()?
            .headings
            .get(place)?
            .as_deref()
    }

    /// The line for a code: the exact line; for a 10-digit code that is not in the schedule, its
    /// 8-digit line; for an 8-digit code whose rates the schedule sets on a single 10-digit line
    /// (`6402.99.04.00` with no line `6402.99.04`), that line.
    ///
    /// # Example
    /// See [`HtsSchedule`].
    #[must_use]
    pub fn line_for(&self, code: &HsCode) -> Option<&HtsLine> {
        // The code, its 8-digit line and its single 10-digit line are of one heading.
        let key = code.sort_key();
        let heading = self.heading(key)?;
        if let Some(line) = find(heading, key) {
            return Some(line);
        }
        let other = match code.len() {
            10 => code.tariff_line()?,
            8 => HsCode::from_digits(code.digits().checked_mul(100)?, 10).ok()?,
            _ => return None,
        };
        find(heading, other.sort_key())
    }

    /// The chapter-99 heading with this code (its text in [`HtsLine::description`], its rate in
    /// [`HtsLine::general`]).
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::hts::Hts;
    /// let edition = Hts::embedded().edition_for("2025-12-01".parse()?)?;
    /// let heading = edition.schedule().chapter99(&"9903.88.15".parse()?).unwrap();
    /// assert!(heading.general().ends_with("+ 7.5%"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn chapter99(&self, code: &HsCode) -> Option<&HtsLine> {
        if code.chapter() == 99 {
            self.get(code)
        } else {
            None
        }
    }

    /// Every line, in code order.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::hts::Hts;
    /// let edition = Hts::embedded().edition_for("2025-06-01".parse()?)?;
    /// assert!(edition.schedule().iter().count() > 25_000);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &HtsLine> {
        Lines {
            lines: self
                .chapters()
                .flat_map(|c| c.headings())
                .flat_map(|h| h.iter().map(Entry::line)),
            remaining: self.len,
        }
    }

    /// The number of lines.
    ///
    /// # Example
    /// ```
    /// assert_eq!(landed_cost::tariff::hts::HtsSchedule::default().len(), 0);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the schedule has no line.
    ///
    /// # Example
    /// ```
    /// assert!(landed_cost::tariff::hts::HtsSchedule::default().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// The lines of a schedule, chapter after chapter, with their number.
struct Lines<I> {
    lines: I,
    remaining: usize,
}

impl<'a, I: Iterator<Item = &'a HtsLine>> Iterator for Lines<I> {
    type Item = &'a HtsLine;

    fn next(&mut self) -> Option<&'a HtsLine> {
        let line = self.lines.next()?;
        self.remaining = self.remaining.saturating_sub(1);
        Some(line)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl<'a, I: Iterator<Item = &'a HtsLine>> ExactSizeIterator for Lines<I> {}

impl PartialEq for HtsSchedule {
    /// Schedules are equal when their lines are (a shared chapter, heading or line is equal
    /// without comparing it).
    fn eq(&self, other: &HtsSchedule) -> bool {
        fn slot<T: ?Sized>(slots: &[Option<Arc<T>>], n: usize) -> Option<&Arc<T>> {
            slots.get(n).and_then(Option::as_ref)
        }
        fn same<T: ?Sized>(
            a: &[Option<Arc<T>>],
            b: &[Option<Arc<T>>],
            eq: impl Fn(&T, &T) -> bool,
        ) -> bool {
            (0..SLOTS).all(|n| match (slot(a, n), slot(b, n)) {
                (None, None) => true,
                (Some(x), Some(y)) => Arc::ptr_eq(x, y) || eq(x, y),
                _ => false,
            })
        }
        self.len == other.len
            && same(&self.chapters, &other.chapters, |a, b| {
                a.len == b.len
                    && same(&a.headings, &b.headings, |x: &Heading, y: &Heading| {
                        x.len() == y.len()
                            && x.iter().zip(y).all(|(l, m)| {
                                l.key == m.key
                                    && (Arc::ptr_eq(&l.line, &m.line) || l.line == m.line)
                            })
                    })
            })
    }
}

impl fmt::Debug for HtsSchedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct AllLines<'a>(&'a HtsSchedule);
        impl fmt::Debug for AllLines<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_list().entries(self.0.iter()).finish()
            }
        }
        f.debug_struct("HtsSchedule")
            .field("lines", &AllLines(self))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(code: &str, general: &str) -> HtsLine {
        HtsLine::new(code.parse().unwrap(), "", general, "", "", vec![], vec![])
    }

    fn schedule() -> HtsSchedule {
        HtsSchedule::from_lines(vec![
            line("0101.21.00", "Free"),
            line("0101.29.00", "Free"),
            line("6402.99.90", "20%"),
            line("6402.99.90.05", ""),
            line("9902.12.34", "Free"),
            line(
                "9903.01.24",
                "The duty provided in the applicable subheading + 10%",
            ),
        ])
    }

    #[test]
    fn lines_are_found_and_iterated_in_code_order_across_chapters() {
        let s = schedule();
        assert_eq!(s.len(), 6);
        assert_eq!(s.iter().len(), 6);
        let codes: Vec<String> = s.iter().map(|l| l.code().to_string()).collect();
        assert_eq!(
            codes,
            [
                "0101.21.00",
                "0101.29.00",
                "6402.99.90",
                "6402.99.90.05",
                "9902.12.34",
                "9903.01.24"
            ]
        );
        for code in &codes {
            assert_eq!(
                s.get(&code.parse().unwrap()).unwrap().code().to_string(),
                *code
            );
        }
        assert!(s.get(&"0101.30.00".parse().unwrap()).is_none());
        assert!(s.get(&"0102.21.00".parse().unwrap()).is_none());
        assert!(s.chapter99(&"9903.01.24".parse().unwrap()).is_some());
        assert_eq!(s.chapters().count(), 3);
        let mut iter = s.iter();
        iter.next();
        assert_eq!(iter.len(), 5);
    }

    #[test]
    fn changes_share_the_chapters_and_lines_they_do_not_touch() {
        let old = schedule();
        let mut same = line("6402.99.90.05", "20%"); // equal to the line it replaces
        same.inherited = true;
        let new = old.with_changes(
            vec![],
            vec![
                line(
                    "9903.01.24",
                    "The duty provided in the applicable subheading + 20%",
                ),
                same,
            ],
        );
        let pairs: Vec<(&Arc<Chapter>, &Arc<Chapter>)> =
            old.chapters().zip(new.chapters()).collect();
        assert!(Arc::ptr_eq(pairs[0].0, pairs[0].1), "chapter 01 is shared");
        assert!(
            Arc::ptr_eq(pairs[1].0, pairs[1].1),
            "chapter 64 changed nothing"
        );
        assert!(!Arc::ptr_eq(pairs[2].0, pairs[2].1), "chapter 99 changed");
        let headings = |c: &Arc<Chapter>| c.headings().cloned().collect::<Vec<_>>();
        let (before, after) = (headings(pairs[2].0), headings(pairs[2].1));
        assert!(Arc::ptr_eq(&before[0], &after[0]), "heading 9902 is shared");
        assert!(!Arc::ptr_eq(&before[1], &after[1]), "heading 9903 changed");
        assert!(new
            .get(&"9903.01.24".parse().unwrap())
            .unwrap()
            .general()
            .ends_with("+ 20%"));
        assert_ne!(old, new);
        // A removal empties chapter 01's first line, then the chapter.
        let fewer = new.with_changes(vec!["0101.21.00".parse().unwrap()], vec![]);
        assert_eq!(fewer.len(), 5);
        let none = fewer.with_changes(vec!["0101.29.00".parse().unwrap()], vec![]);
        assert_eq!(none.chapters().count(), 2);
        assert!(none.get(&"0101.29.00".parse().unwrap()).is_none());
        // An addition to an empty schedule or a new chapter.
        let more = HtsSchedule::default().with_changes(vec![], vec![line("0101.21.00", "Free")]);
        assert_eq!(more.len(), 1);
        assert_eq!(
            more,
            HtsSchedule::from_lines(vec![line("0101.21.00", "Free")])
        );
    }

    #[test]
    fn a_shared_line_parses_its_rate_once_for_every_schedule() {
        let old = schedule();
        let new = old.with_changes(vec!["0101.21.00".parse().unwrap()], vec![]);
        let code: HsCode = "0101.29.00".parse().unwrap();
        let (a, b) = (old.get(&code).unwrap(), new.get(&code).unwrap());
        assert!(std::ptr::eq(a, b));
        assert!(a.mfn().is_ok());
        assert!(
            b.mfn.get().is_some(),
            "parsed through the old schedule, cached for the new"
        );
    }

    #[test]
    fn equality_is_by_lines_not_by_sharing() {
        let a = schedule();
        let b = schedule();
        assert_eq!(a, b);
        assert_eq!(a, a.clone());
        assert_ne!(a, HtsSchedule::default());
        assert_eq!(HtsSchedule::default(), HtsSchedule::from_lines(vec![]));
    }
}
