//! [`HtsLine`]: one line of the schedule with its rate texts, and its MFN rate parsed once.

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
/// says whether that happened. The MFN and column 2 rates of a line read from the compact form
/// (the embedded editions among them) are parsed as it is read, each distinct text once for
/// all the editions; a line built otherwise parses them on first use and keeps them.
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
    /// Behind a pointer: only goods of the few countries of general note 3(b) read it, so every
    /// line is 16 bytes larger instead of a whole rate-or-error, and the lines read from the
    /// compact form share one parse per distinct text.
    pub(crate) column2: OnceLock<Arc<Result<DutyRate>>>,
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
            column2: OnceLock::new(),
        }
    }

    /// The HTS code (8 or 10 digits).
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::hts::HtsLine;
    /// let line = HtsLine::new(
    ///     "6402.99.90".parse()?,
    ///     "Valued over $12/pair",
    ///     "20%",
    ///     "Free (AU,BH,CL,CO,D,IL,JO,KR,MA,OM,P,PA,PE,R,S,SG)",
    ///     "35%",
    ///     vec![],
    ///     vec![],
    /// );
    /// assert_eq!(line.code().to_string(), "6402.99.90");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn code(&self) -> HsCode {
        self.code
    }

    /// The line's own description (for 10-digit lines often just "Other": read it with the
    /// 8-digit line's description).
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::hts::HtsLine;
    /// let line = HtsLine::new(
    ///     "6402.99.90".parse()?,
    ///     "Valued over $12/pair",
    ///     "20%",
    ///     "Free (AU,BH,CL,CO,D,IL,JO,KR,MA,OM,P,PA,PE,R,S,SG)",
    ///     "35%",
    ///     vec![],
    ///     vec![],
    /// );
    /// assert_eq!(line.description(), "Valued over $12/pair");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The general (column 1, MFN) rate text, inherited from the 8-digit line when empty.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::hts::HtsLine;
    /// let line = HtsLine::new(
    ///     "6402.99.90".parse()?,
    ///     "Valued over $12/pair",
    ///     "20%",
    ///     "Free (AU,BH,CL,CO,D,IL,JO,KR,MA,OM,P,PA,PE,R,S,SG)",
    ///     "35%",
    ///     vec![],
    ///     vec![],
    /// );
    /// assert_eq!(line.general(), "20%");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn general(&self) -> &str {
        &self.general
    }

    /// The special-programs rate text (empty in the embedded editions, which omit it).
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::hts::HtsLine;
    /// let line = HtsLine::new(
    ///     "6402.99.90".parse()?,
    ///     "Valued over $12/pair",
    ///     "20%",
    ///     "Free (AU,BH,CL,CO,D,IL,JO,KR,MA,OM,P,PA,PE,R,S,SG)",
    ///     "35%",
    ///     vec![],
    ///     vec![],
    /// );
    /// assert!(line.special().starts_with("Free (AU,"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn special(&self) -> &str {
        &self.special
    }

    /// The column 2 rate text.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::hts::HtsLine;
    /// let line = HtsLine::new(
    ///     "6402.99.90".parse()?,
    ///     "Valued over $12/pair",
    ///     "20%",
    ///     "Free (AU,BH,CL,CO,D,IL,JO,KR,MA,OM,P,PA,PE,R,S,SG)",
    ///     "35%",
    ///     vec![],
    ///     vec![],
    /// );
    /// assert_eq!(line.other(), "35%");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
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

    /// The general rate parsed as a [`DutyRate`] (parsed once, then cached; a line read from
    /// the compact form, as the embedded editions are, was parsed as it was read).
    ///
    /// # Errors
    /// [`Error::Parse`] if the text is not a rate the parser knows; [`Error::RateNotComputable`]
    /// if the line has no general rate (a heading without a rate of its own). A text that is not
    /// a formula parses into a non-computable [`DutyRate`], whose `duty` is the error.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::hts::HtsLine;
    /// let line = HtsLine::new(
    ///     "6402.99.90".parse()?,
    ///     "Valued over $12/pair",
    ///     "20%",
    ///     "Free (AU,BH,CL,CO,D,IL,JO,KR,MA,OM,P,PA,PE,R,S,SG)",
    ///     "35%",
    ///     vec![],
    ///     vec![],
    /// );
    /// assert_eq!(line.mfn()?.to_string(), "20%");
    /// let heading = HtsLine::new("6402.99".parse()?, "Other:", "", "", "", vec![], vec![]);
    /// assert!(heading.mfn().is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn mfn(&self) -> Result<&DutyRate> {
        self.mfn
            .get_or_init(|| {
                parse_printed(&self.general).unwrap_or_else(|| {
                    Err(Error::RateNotComputable {
                        text: String::new(),
                        reason: format!(
                            "{} has no general rate of its own; its rates are set on its 10-digit lines",
                            self.code
                        ),
                    })
                })
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The column 2 rate, parsed from [`HtsLine::other`] on first use (as it was read, for a
    /// line of the compact form): the rate goods of the
    /// countries of general note 3(b) pay instead of the MFN rate
    /// ([`Column2Countries`](crate::landed::Column2Countries)).
    ///
    /// # Errors
    /// [`Error::RateNotComputable`] if the line has no column 2 rate of its own (an 8-digit
    /// line whose rates are set on its 10-digit lines) or the text is not a rate formula.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::hts::Hts;
    /// let line = Hts::embedded().lookup(&"9403.60.80".parse()?, "2025-06-01".parse()?)?;
    /// assert_eq!((line.mfn()?.to_string(), line.column2()?.to_string()), ("Free".into(), "40%".into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn column2(&self) -> Result<&DutyRate> {
        self.column2
            .get_or_init(|| {
                Arc::new(parse_printed(&self.other).unwrap_or_else(|| {
                    Err(Error::RateNotComputable {
                        text: String::new(),
                        reason: format!(
                            "{} prints no column 2 rate (the rate goods of the countries of general \
                             note 3(b) pay): read its 10-digit lines or the official text",
                            self.code
                        ),
                    })
                }))
            })
            .as_ref()
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

/// A rate text as a line prints it, parsed; `None` for a blank text (a line whose rates are
/// set on its 10-digit lines), which the accessors answer with an error naming the line. The
/// one rule for [`HtsLine::mfn`], [`HtsLine::column2`] and the compact reader, which parses a
/// line's texts as it reads them.
pub(crate) fn parse_printed(text: &str) -> Option<Result<DutyRate>> {
    (!text.trim().is_empty()).then(|| crate::tariff::usitc::parse_rate(text))
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
