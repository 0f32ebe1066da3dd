//! [`HtsSchedule`] and [`HtsLine`]: the lines of one edition of the US tariff schedule.

use std::fmt;
use std::sync::OnceLock;

use crate::error::{Error, Result};
use crate::hs::{CodeIndex, HsCode};
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
                    self.general.parse()
                }
            })
            .as_ref()
            .map_err(Clone::clone)
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
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtsSchedule {
    lines: Vec<HtsLine>,
    /// The lines' codes, searched within their heading.
    index: CodeIndex<4>,
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

    /// A schedule of sorted, unique lines, with its search keys.
    fn indexed(lines: Vec<HtsLine>) -> HtsSchedule {
        HtsSchedule {
            index: CodeIndex::new(lines.iter().map(|l| l.code)),
            lines,
        }
    }

    /// Builds a schedule from lines that are already sorted, unique and resolved (as the compact
    /// format stores them).
    pub(crate) fn from_resolved(lines: Vec<HtsLine>) -> HtsSchedule {
        HtsSchedule::indexed(lines)
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
        self.lines.get(self.index.positions(code).next()?)
    }

    /// The line for a code: the exact line; for a 10-digit code that is not in the schedule, its
    /// 8-digit line; for an 8-digit code whose rates the schedule sets on a single 10-digit line
    /// (`6402.99.04.00` with no line `6402.99.04`), that line.
    ///
    /// # Example
    /// See [`HtsSchedule`].
    #[must_use]
    pub fn line_for(&self, code: &HsCode) -> Option<&HtsLine> {
        if let Some(line) = self.get(code) {
            return Some(line);
        }
        match code.len() {
            10 => code.tariff_line().and_then(|eight| self.get(&eight)),
            8 => HsCode::from_digits(code.digits().checked_mul(100)?, 10)
                .ok()
                .and_then(|ten| self.get(&ten)),
            _ => None,
        }
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
        self.lines.iter()
    }

    /// The number of lines.
    ///
    /// # Example
    /// ```
    /// assert_eq!(landed_cost::tariff::hts::HtsSchedule::default().len(), 0);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether the schedule has no line.
    ///
    /// # Example
    /// ```
    /// assert!(landed_cost::tariff::hts::HtsSchedule::default().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}
