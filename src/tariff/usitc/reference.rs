//! Rates printed with a parenthetical reference after them.

use crate::error::Result;
use crate::tariff::DutyRate;

/// Splits a rate text printed with a parenthetical reference after it ("Free (see U.S. note 2
/// of this subchapter)", as chapter 98 lines print them) into the rate and the reference. The part
/// before a "see ..." reference may be a duty described in words ("A duty upon the value of the
/// repairs or alterations"), which reads as a non-computable rate; a parenthetical that is not a
/// reference (the special-program codes "(A+,AU)") is kept in the text.
///
/// # Example
/// ```
/// use landed_cost::tariff::usitc::split_reference;
/// assert_eq!(
///     split_reference("Free (see U.S. note 2 of this subchapter)"),
///     ("Free", Some("see U.S. note 2 of this subchapter"))
/// );
/// assert_eq!(split_reference("4.5% (see note 3)"), ("4.5%", Some("see note 3")));
/// let repairs = "A duty upon the value of the repairs or alterations (see U.S. note 3 of this subchapter)";
/// assert_eq!(
///     split_reference(repairs),
///     ("A duty upon the value of the repairs or alterations", Some("see U.S. note 3 of this subchapter"))
/// );
/// assert_eq!(split_reference("Free (A+,AU)"), ("Free (A+,AU)", None));
/// ```
#[must_use]
pub fn split_reference(text: &str) -> (&str, Option<&str>) {
    let trimmed = text.trim();
    let Some(inner_end) = trimmed.strip_suffix(')') else {
        return (text, None);
    };
    let Some(open) = inner_end.rfind(" (") else {
        return (text, None);
    };
    let (rate, reference) = (
        inner_end.get(..open).unwrap_or("").trim_end(),
        inner_end.get(open + 2..).unwrap_or("").trim(),
    );
    let is_reference = reference
        .get(..4)
        .is_some_and(|start| start.eq_ignore_ascii_case("see "));
    // A "see ..." reference is split off whatever precedes it: a computable rate ("Free (see
    // U.S. note 2)") or a chapter 98 duty described in words ("A duty upon the value of the
    // repairs or alterations (see U.S. note 3 of this subchapter)"), which stays non-computable.
    match rate.parse::<DutyRate>() {
        Ok(_) if is_reference && !rate.is_empty() => (rate, Some(reference)),
        _ => (text, None),
    }
}

/// The rate of a text, read through [`split_reference`]. A stray trailing slash is dropped:
/// 2909.19.18 prints its column 2 rate "37% /" in the HTS 2025 basic edition (37% in the annual
/// database), the only rate text of the 44 exports that ends with one.
pub(crate) fn parse_rate(text: &str) -> Result<DutyRate> {
    let text = text.trim_end_matches(|c: char| c == '/' || c.is_whitespace());
    split_reference(text).0.parse()
}
