//! [`NonComputable`]: a rate text that is not a formula, and [`NonComputableKind`], why not.

use std::sync::Arc;

use crate::error::{truncate, Error};

/// A rate text that is not a formula, with what kind of text it is.
///
/// # Example
/// ```
/// use landed_cost::tariff::NonComputableKind;
/// use landed_cost::DutyRate;
/// let rate: DutyRate = "The rate applicable to the natural juice in heading 2009".parse()?;
/// let text = rate.not_computable().map(|n| (n.kind(), n.text()));
/// assert_eq!(text, Some((NonComputableKind::OtherRate, "The rate applicable to the natural juice in heading 2009")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NonComputable {
    pub(super) kind: NonComputableKind,
    pub(super) text: Arc<str>,
}

/// Why a rate text is not a formula.
///
/// # Example
/// ```
/// use landed_cost::tariff::NonComputableKind;
/// use landed_cost::DutyRate;
/// let scale: DutyRate = "1.4¢/kg less 0.020668¢/kg for each degree under 100 degrees (and fractions of a degree in proportion) but not less than 0.943854¢/kg".parse()?;
/// assert_eq!(scale.not_computable().map(|n| n.kind()), Some(NonComputableKind::SugarDegreeScale));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NonComputableKind {
    /// The rate of another subheading or article ("The rate applicable to ...", "The duty
    /// provided in the applicable subheading + 25%", "The duty rate provided in such subheading
    /// minus 5%").
    OtherRate,
    /// "No change": the rate of the goods' own subheading applies unchanged.
    NoChange,
    /// "See additional U.S. note 1": the rate is set out in a note.
    SeeNote,
    /// A sugar rate on a polarimeter degree scale ("... for each degree under 100 degrees ...").
    SugarDegreeScale,
    /// Rates on separate parts or contents (watches: "on the case", "on the battery", jewels
    /// "over 17"; "on the value of the lead content"); USITC computes these at the 10-digit
    /// level.
    ComponentValues,
    /// A duty on a partial value under a chapter 98 note ("A duty upon the value of the repairs
    /// or alterations", "... less the cost or value of such products of the United States").
    PartialValue,
    /// A duty tied to drawback and internal-revenue tax of a previous exportation.
    Drawback,
    /// A quota quantity in a rate column ("The quantity specified in such notice").
    QuotaQuantity,
    /// "suspended".
    Suspended,
}

impl NonComputableKind {
    /// What the text depends on, and how to get the duty instead.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::NonComputableKind;
    /// assert!(NonComputableKind::SeeNote.explanation().contains("note"));
    /// ```
    #[must_use]
    pub const fn explanation(self) -> &'static str {
        match self {
            NonComputableKind::OtherRate => {
                "the text refers to the rate of another subheading or article; look that rate up \
                 and compute it instead"
            }
            NonComputableKind::NoChange => {
                "the text leaves the rate of the goods' own subheading unchanged; compute that \
                 subheading's rate"
            }
            NonComputableKind::SeeNote => {
                "the rate is set out in a note of the tariff schedule; read the note and compute \
                 the rate it gives"
            }
            NonComputableKind::SugarDegreeScale => {
                "the rate depends on the sugar's polarimeter degree; compute it from the degree \
                 scale in the text"
            }
            NonComputableKind::ComponentValues => {
                "the rate applies to separate parts or contents of the goods (case, strap, \
                 battery, movement, jewels, metal content); use the rates of the 10-digit \
                 statistical lines or compute each part on its own value"
            }
            NonComputableKind::PartialValue => {
                "the duty is on a partial value defined by a chapter 98 note (repairs, \
                 processing, non-US content); compute it on that value"
            }
            NonComputableKind::Drawback => {
                "the duty depends on the drawback and internal-revenue tax of an earlier \
                 exportation; it cannot be computed from the text"
            }
            NonComputableKind::QuotaQuantity => "the text is a quota quantity, not a rate of duty",
            NonComputableKind::Suspended => {
                "the rate is suspended; the heading's notes say which rate applies instead"
            }
        }
    }
}

impl NonComputable {
    /// What kind of text it is.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::NonComputableKind;
    /// use landed_cost::DutyRate;
    /// let rate: DutyRate = "suspended".parse()?;
    /// assert_eq!(rate.not_computable().map(|n| n.kind()), Some(NonComputableKind::Suspended));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn kind(&self) -> NonComputableKind {
        self.kind
    }

    /// The text, with runs of whitespace collapsed into one space.
    ///
    /// # Example
    /// ```
    /// use landed_cost::DutyRate;
    /// let rate: DutyRate = "See  additional U.S. note 3".parse()?;
    /// assert_eq!(rate.not_computable().map(|n| n.text()), Some("See additional U.S. note 3"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The error [`DutyRate::duty`](super::DutyRate::duty) gives for the text.
    pub(super) fn error(&self) -> Error {
        Error::RateNotComputable {
            text: truncate(&self.text),
            reason: self.kind.explanation().to_owned(),
        }
    }
}
