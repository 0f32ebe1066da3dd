//! Interactions: rules between the measures that applied to the goods, as their data declares
//! them. For each applied measure in order, its exclusions are read in order:
//!
//! * [`Exclusion::Measures`]: superseded when a measure of one of these keys applied;
//! * [`Exclusion::Authority`]: excluded when a measure of another authority applied, or, from
//!   `non_metal_value_from` on and where that measure charges metal content only, charged on the
//!   value without the metal instead;
//! * [`Exclusion::Headings`]: excluded when a measure under one of these headings applied.
//!
//! A measure is told from the others by its place in the book (keys are unique in a book:
//! [`TariffBook::merge`](crate::TariffBook::merge) replaces a measure of the same key), not by
//! comparing keys.
//!
//! The first exclusion that drops the measure decides. Every rule looks at all the measures that
//! applied before any was dropped; the dropped ones go at the end.

use std::sync::Arc;

use chrono::NaiveDate;
use smallvec::SmallVec;

use crate::hs::HsCode;
use crate::tariff::applicability::{Applied, Excluded};
use crate::tariff::engine::{Buffer, Notes};
use crate::tariff::measure::{Authority, Base, Exclusion, HeadingRange, Measure};
use crate::tariff::reason::ExclusionReason;

/// What one rule decides for a measure: the measure that decides it, by reference only (the
/// exclusion is written out once, for the decision that stands).
#[derive(Clone, Copy)]
enum Decision<'b> {
    /// Superseded by this measure.
    Superseded(&'b Arc<Measure>),
    /// Excluded by this measure of another authority.
    OtherAuthority(&'b Arc<Measure>, Authority, HsCode),
    /// Excluded by this measure under an excepted heading.
    OtherHeading(&'b Arc<Measure>, Option<HsCode>),
    /// Applies to the value without the metal this measure charges.
    NonMetalValue(&'b Arc<Measure>, HsCode),
}

impl<'b> Decision<'b> {
    fn drops(self) -> bool {
        !matches!(self, Decision::NonMetalValue(..))
    }

    /// The exclusion of `m`, for a decision that drops it.
    fn excluded(self, m: &'b Arc<Measure>) -> Option<Excluded<'b>> {
        let (heading, reason) = match self {
            Decision::Superseded(by) => (None, ExclusionReason::Superseded { by: &by.key }),
            Decision::OtherAuthority(by, authority, heading) => (
                Some(heading),
                ExclusionReason::OtherAuthority {
                    authority,
                    key: by.key.as_str(),
                    heading,
                },
            ),
            Decision::OtherHeading(by, heading) => (
                heading,
                ExclusionReason::OtherHeading {
                    key: &by.key,
                    heading: by.heading,
                },
            ),
            Decision::NonMetalValue(..) => return None,
        };
        Some(Excluded {
            measure: m,
            heading,
            reason,
        })
    }
}

/// Applies the rules between measures to the duties that applied, dropping the excluded ones
/// to `notes` (in the order of the duties).
#[inline]
pub(crate) fn resolve<'b, B: Buffer<Applied<'b>>, N: Notes<'b>>(
    applied: &mut B,
    entry_date: NaiveDate,
    notes: &mut N,
) {
    let mut dropped: SmallVec<[usize; 4]> = SmallVec::new();
    for i in 0..applied.len() {
        let Some(m) = applied.get(i).and_then(|a| a.measure) else {
            continue;
        };
        if m.exclusions.is_empty() {
            continue;
        }
        match decide(m, applied, entry_date) {
            Some(Decision::NonMetalValue(by, heading)) => {
                if let Some(a) = applied.get_mut(i) {
                    a.base = Base::NonMetalValue;
                    a.reason = a.reason.on_non_metal_value(by, heading);
                }
            }
            Some(decision) => {
                if let Some(excluded) = decision.excluded(m) {
                    notes.exclude(excluded);
                }
                dropped.push(i);
            }
            None => {}
        }
    }
    if !dropped.is_empty() {
        let mut index = 0usize;
        applied.retain(|_| {
            let keep = !dropped.contains(&index);
            index = index.saturating_add(1);
            keep
        });
    }
}

/// The decision of the measure's rules among the duties `applied`: the last rule that decides,
/// unless an earlier one drops it.
#[inline]
fn decide<'b>(
    m: &'b Arc<Measure>,
    applied: &[Applied<'b>],
    entry_date: NaiveDate,
) -> Option<Decision<'b>> {
    let mut decision = None;
    for rule in &m.exclusions {
        let this = match rule {
            Exclusion::Measures { keys } => superseded(keys, applied),
            Exclusion::Authority {
                authority,
                heading,
                non_metal_value_from,
            } => other_authority(
                m,
                *authority,
                *heading,
                non_metal_value_from.is_some_and(|d| d <= entry_date),
                applied,
            ),
            Exclusion::Headings { ranges, heading } => other_heading(m, ranges, *heading, applied),
            Exclusion::List { .. } | Exclusion::Claim { .. } | Exclusion::Prefixes { .. } => None,
        };
        if let Some(this) = this {
            decision = Some(this);
            if this.drops() {
                break;
            }
        }
    }
    decision
}

/// Superseded: a measure of one of `keys` applied.
#[inline]
fn superseded<'b>(keys: &[String], applied: &[Applied<'b>]) -> Option<Decision<'b>> {
    applied
        .iter()
        .filter_map(|b| b.measure)
        .find(|o| keys.contains(&o.key))
        .map(Decision::Superseded)
}

/// Another authority's measure applied: excluded, or on the non-metal value where that measure
/// charges metal content only and `non_metal_value` holds on the entry date.
#[inline]
fn other_authority<'b>(
    m: &Measure,
    authority: Authority,
    heading: HsCode,
    non_metal_value: bool,
    applied: &[Applied<'b>],
) -> Option<Decision<'b>> {
    let (other, other_base) = applied.iter().find_map(|b| {
        b.measure
            .filter(|o| b.authority == authority && !std::ptr::eq(o.as_ref(), m))
            .map(|o| (o, b.base))
    })?;
    if non_metal_value && matches!(other_base, Base::MetalContent(_)) {
        return Some(Decision::NonMetalValue(other, heading));
    }
    Some(Decision::OtherAuthority(other, authority, heading))
}

/// A measure declared (or charged) under one of `ranges` applied.
#[inline]
fn other_heading<'b>(
    m: &Measure,
    ranges: &[HeadingRange],
    heading: Option<HsCode>,
    applied: &[Applied<'b>],
) -> Option<Decision<'b>> {
    applied
        .iter()
        .find_map(|b| {
            b.measure.filter(|o| {
                !std::ptr::eq(o.as_ref(), m)
                    && ranges
                        .iter()
                        .any(|r| r.contains(&o.heading) || r.contains(&b.heading))
            })
        })
        .map(|other| Decision::OtherHeading(other, heading))
}

#[cfg(all(test, feature = "embedded-data"))]
mod tests {
    use serde_json::json;

    use crate::country::CountryCode;
    use crate::tariff::engine::fixture::{applied, ask, ask_on, book, excluded, hs, measure};
    use crate::tariff::{Base, Claims};

    #[test]
    fn a_measure_is_superseded_by_a_key_that_applies() {
        let book = book(vec![
            measure("first", json!({})),
            measure(
                "second",
                json!({"heading": "9903.99.02", "exclusions": [{"measures": {"keys": ["first"]}}]}),
            ),
        ]);
        let what = ask(&book, "6402.99.90", Claims::NONE);
        assert_eq!(applied(&what), ["mfn", "first"]);
        assert_eq!(excluded(&what)[0].0, "second");
    }

    #[test]
    fn another_authority_excludes_the_measure_with_its_heading() {
        let book = book(vec![
            measure(
                "s232",
                json!({"authority": "section232", "heading": "9903.81.87"}),
            ),
            measure(
                "recip",
                json!({"authority": "ieepa_reciprocal", "heading": "9903.01.25",
                "exclusions": [{"authority": {"authority": "section232", "heading": "9903.01.33"}}]}),
            ),
        ]);
        let what = ask(&book, "6402.99.90", Claims::NONE);
        assert_eq!(applied(&what), ["mfn", "s232"]);
        assert_eq!(what.excluded[0].heading, Some(hs("9903.01.33")));
    }

    #[test]
    fn from_a_date_another_authority_on_metal_leaves_the_non_metal_value() {
        let book = book(vec![
            measure(
                "s232",
                json!({"authority": "section232", "heading": "9903.81.91",
                "base": {"metal_content": "steel"}}),
            ),
            measure(
                "recip",
                json!({"authority": "ieepa_reciprocal", "heading": "9903.01.25",
                "exclusions": [{"authority": {"authority": "section232", "heading": "9903.01.33",
                                              "non_metal_value_from": "2025-06-01"}}]}),
            ),
        ]);
        let on = |date| {
            ask_on(
                &book,
                "6402.99.90",
                CountryCode::VN,
                date,
                None,
                Claims::NONE,
            )
        };
        let after = on("2025-06-01");
        assert_eq!(applied(&after), ["mfn", "s232", "recip"]);
        assert_eq!(after.applied[2].base, Base::NonMetalValue);
        assert_eq!(applied(&on("2025-05-31")), ["mfn", "s232"]);
    }

    #[test]
    fn a_measure_under_an_excepted_heading_excludes_this_one() {
        let book = book(vec![
            measure(
                "baseline",
                json!({"heading": "9903.01.25",
                "exclusions": [{"headings": {"ranges": ["9903.02.02-9903.02.91"]}}]}),
            ),
            measure("country", json!({"heading": "9903.02.50", "stacks": true})),
        ]);
        let what = ask(&book, "6402.99.90", Claims::NONE);
        assert_eq!(applied(&what), ["mfn", "country"]);
        assert_eq!(excluded(&what)[0].0, "baseline");
    }

    #[test]
    fn every_rule_sees_the_measures_before_any_was_dropped() {
        // Each excludes the other: both are dropped, as both rules read the full list.
        let book = book(vec![
            measure(
                "a",
                json!({"stacks": true, "exclusions": [{"measures": {"keys": ["b"]}}]}),
            ),
            measure(
                "b",
                json!({"heading": "9903.99.02", "stacks": true,
                "exclusions": [{"measures": {"keys": ["a"]}}]}),
            ),
        ]);
        let what = ask(&book, "6402.99.90", Claims::NONE);
        assert_eq!(applied(&what), ["mfn"]);
        assert_eq!(what.excluded.len(), 2);
    }
}
