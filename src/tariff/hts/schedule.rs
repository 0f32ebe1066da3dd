//! [`HtsSchedule`] and [`HtsLine`]: the lines of one edition of the US tariff schedule.
//!
//! The line is in `line.rs`; how the schedule holds its lines by chapter and heading, shared
//! between editions, is in `index.rs`; the schedule's building and lookups are here.

mod index;
mod line;
#[cfg(test)]
mod tests;

use std::fmt;
use std::sync::Arc;

use crate::hs::HsCode;
use index::{changed_heading, find, heading_of, places, SLOTS};
pub(crate) use index::{Chapter, Entry, Heading};
pub(crate) use line::parse_printed;
pub use line::HtsLine;

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
    /// ```
    /// use landed_cost::tariff::hts::{HtsLine, HtsSchedule};
    /// let schedule = HtsSchedule::from_lines(vec![
    ///     HtsLine::new("6402.99.90.00".parse()?, "Other", "", "", "", vec![], vec![]),
    ///     HtsLine::new("6402.99.90".parse()?, "Valued over $12/pair", "20%", "", "35%", vec![], vec![]),
    /// ]);
    /// // Sorted by code, and the 10-digit line takes its 8-digit line's rates.
    /// let codes: Vec<String> = schedule.iter().map(|l| l.code().to_string()).collect();
    /// assert_eq!(codes, ["6402.99.90", "6402.99.90.00"]);
    /// let ten = schedule.get(&"6402.99.90.00".parse()?).unwrap();
    /// assert_eq!((ten.general(), ten.other(), ten.inherited()), ("20%", "35%", true));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
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
    /// ```
    /// use landed_cost::tariff::hts::{HtsLine, HtsSchedule};
    /// let schedule = HtsSchedule::from_lines(vec![
    ///     HtsLine::new("6402.99.90.00".parse()?, "Other", "", "", "", vec![], vec![]),
    ///     HtsLine::new("6402.99.90".parse()?, "Valued over $12/pair", "20%", "", "35%", vec![], vec![]),
    /// ]);
    /// // A 10-digit code not in the schedule falls back to its 8-digit line.
    /// let line = schedule.line_for(&"6402.99.90.99".parse()?).unwrap();
    /// assert_eq!(line.code().to_string(), "6402.99.90");
    /// assert!(schedule.line_for(&"6402.99.80".parse()?).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
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
