//! The warnings the engine's stages give, written out: each names the measure, the goods and
//! what the caller can do.

use std::fmt::Write as _;
use std::sync::Arc;

use crate::hs::HsCode;
use crate::tariff::duty_rate::DutyRate;
use crate::tariff::hts::HtsLine;
use crate::tariff::measure::Measure;
use crate::tariff::product_list::ListEntry;
use crate::validity::IsoDate;
use crate::warning::{Warning, WarningCode};

/// A measure whose product scope is a U.S. note the data does not hold may cover the line.
pub(super) fn not_modelled(m: &Measure, line: &HtsLine) -> Warning {
    let mut message = format!(
        "{} ({}, {}) may cover {}: the products it covers are listed in a U.S. note the data does not hold, so it is not charged; check the note",
        m.heading,
        m.title,
        IsoDate(m.valid_from),
        line.code(),
    );
    if let Some(note) = &m.note {
        // Writing to a String cannot fail.
        let _ = write!(message, " ({note})");
    }
    Warning::new(WarningCode::CoverageNotModelled, message)
}

/// A list measure covers some statistical suffixes of a code given with fewer than 10 digits.
pub(super) fn suffix_needed(m: &Measure, hs: &HsCode, entry: &ListEntry) -> Warning {
    Warning::new(
        WarningCode::StatisticalSuffixNeeded,
        format!(
            "{} ({}) covers some statistical suffixes of {} ({} among them) but not the code as given: quote the 10-digit code to know whether it applies",
            m.heading, m.title, hs, entry.prefix
        ),
    )
}

/// A measure that applies only when claimed was not claimed.
pub(super) fn claim_required(m: &Measure, line: &HtsLine) -> Warning {
    Warning::new(
        WarningCode::ClaimRequired,
        format!(
            "{}: {} ({}) applies only when claimed: if the goods qualify, add {} to the line's claims",
            line.code(),
            m.heading,
            m.title,
            m.heading
        ),
    )
}

/// A measure with a USMCA exemption is charged because the goods are not claimed under it:
/// the message written for that heading when the book was built (`shared`), or else written
/// out now.
pub(super) fn usmca_assumed_absent(
    m: &Measure,
    shared: Option<&Arc<str>>,
    heading: HsCode,
) -> Warning {
    match shared {
        Some(text) => Warning::shared(WarningCode::ClaimAssumedAbsent, text),
        None => Warning::new(
            WarningCode::ClaimAssumedAbsent,
            usmca_assumed_absent_text(m, heading),
        ),
    }
}

/// The words of [`usmca_assumed_absent`].
pub(super) fn usmca_assumed_absent_text(m: &Measure, heading: HsCode) -> String {
    format!(
        "{} charged assuming the goods are not entered under the USMCA; if they qualify, claim it (usmca: true) for {heading}",
        m.heading
    )
}

/// The warning the measure's data attaches to every result it applies to.
pub(super) fn measure_warning(text: &Arc<str>) -> Warning {
    Warning::shared(WarningCode::MeasureWarning, text)
}

/// A measure applied rests on a fact the sources do not confirm.
pub(super) fn one_source(m: &Measure) -> Warning {
    Warning::new(
        WarningCode::OneSourceFact,
        format!(
            "{} ({}) rests on a fact the sources do not confirm ({}){}",
            m.heading,
            m.title,
            m.evidence.label(),
            m.note
                .as_deref()
                .map(|n| format!(": {n}"))
                .unwrap_or_default()
        ),
    )
}

/// Two measures of one authority that do not stack: the higher rate was charged.
pub(super) fn higher_rate(
    line: &HtsLine,
    loser: &Measure,
    heading: HsCode,
    rate: &DutyRate,
) -> Warning {
    Warning::new(
        WarningCode::HigherRateChosen,
        format!(
            "{} is referred to both {} and {heading}: the product's description decides which applies; the higher rate ({rate}) is charged",
            line.code(),
            loser.heading
        ),
    )
}
