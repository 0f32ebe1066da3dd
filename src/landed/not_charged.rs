//! Why a measure that covers a line was not charged ([`NotCharged`]): the facts of the
//! engine's [`ExclusionReason`], held by reference to the book's measures, and written out as
//! "9903.01.25 (title) not charged: reason" only when the reason is displayed or serialized.
//!
//! A catalogue line of Chinese goods often has a measure not charged (in transit, on an
//! exemption list, excluded by another authority's duty); writing each reason out when quoting
//! cost more than the rest of the quote's text together. The words are those of
//! [`ExclusionReason`]'s `Display`, which renders them from the same facts.

use std::fmt;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::hs::HsCode;
use crate::tariff::{Applied, Authority, Excluded, Exclusion, ExclusionReason, ListEntry, Measure};

/// A measure not charged, and why.
#[derive(Clone)]
pub(crate) struct NotCharged {
    measure: Arc<Measure>,
    why: Why,
}

/// The owned counterpart of an [`ExclusionReason`]: what is the measure's own (its heading, its
/// in-transit rules, its exemption lists) by place; another measure by its shared handle.
#[derive(Clone)]
enum Why {
    ClaimRequired,
    InTransit {
        rule: u16,
        loaded: NaiveDate,
    },
    OnList(Box<OnList>),
    Superseded {
        by: Arc<Measure>,
    },
    OtherAuthority {
        by: Arc<Measure>,
        authority: Authority,
        heading: HsCode,
    },
    Claimed {
        heading: HsCode,
        usmca: bool,
    },
    ExceptedProducts {
        code: HsCode,
        heading: HsCode,
    },
    OtherHeading {
        by: Arc<Measure>,
    },
}

/// Goods on one of the measure's exemption lists.
#[derive(Clone)]
struct OnList {
    /// The place of the list among the measure's exclusions.
    exclusion: u16,
    code: HsCode,
    prefix: HsCode,
    from: NaiveDate,
}

impl NotCharged {
    /// The facts of `excluded`, or `None` where they are not held by reference (another
    /// measure's higher rate, or a measure not among `applied` or `measures`): such a reason is
    /// written out at once.
    pub(crate) fn of(
        excluded: &Excluded<'_>,
        applied: &[Applied<'_>],
        measures: &[Arc<Measure>],
    ) -> Option<NotCharged> {
        let m = excluded.measure;
        // Another measure, by the key the reason names: among those applied, or the book's.
        let by = |key: &str| -> Option<Arc<Measure>> {
            applied
                .iter()
                .filter_map(|a| a.measure)
                .chain(measures)
                .find(|o| std::ptr::eq(o.key.as_str(), key))
                .map(Arc::clone)
        };
        let why = match excluded.reason {
            ExclusionReason::ClaimRequired { heading } if heading == m.heading => {
                Why::ClaimRequired
            }
            ExclusionReason::InTransit { rule, loaded } => Why::InTransit {
                rule: m
                    .in_transit
                    .iter()
                    .position(|r| std::ptr::eq(r, rule))
                    .and_then(|i| u16::try_from(i).ok())?,
                loaded,
            },
            ExclusionReason::OnList {
                list,
                code,
                entry,
                heading,
            } => {
                let exclusion = m.exclusions.iter().position(|e| {
                    matches!(e, Exclusion::List { name, heading: h, .. }
                        if std::ptr::eq(name.as_str(), list) && *h == heading)
                })?;
                Why::OnList(Box::new(OnList {
                    exclusion: u16::try_from(exclusion).ok()?,
                    code,
                    prefix: entry.prefix,
                    from: entry.from,
                }))
            }
            ExclusionReason::Superseded { by: key } => Why::Superseded { by: by(key)? },
            ExclusionReason::OtherAuthority {
                authority,
                key,
                heading,
            } => Why::OtherAuthority {
                by: by(key)?,
                authority,
                heading,
            },
            ExclusionReason::Claimed { heading, usmca } => Why::Claimed { heading, usmca },
            ExclusionReason::ExceptedProducts { code, heading } => {
                Why::ExceptedProducts { code, heading }
            }
            ExclusionReason::OtherHeading { key, heading } => {
                let by = by(key)?;
                if by.heading != heading {
                    return None;
                }
                Why::OtherHeading { by }
            }
            _ => return None,
        };
        Some(NotCharged {
            measure: Arc::clone(m),
            why,
        })
    }

    /// Writes the reason with `reason`, the engine's own words.
    fn with_reason(
        &self,
        write: &mut dyn FnMut(&ExclusionReason<'_>) -> fmt::Result,
    ) -> fmt::Result {
        let m = &self.measure;
        match &self.why {
            Why::ClaimRequired => write(&ExclusionReason::ClaimRequired { heading: m.heading }),
            Why::InTransit { rule, loaded } => match m.in_transit.get(usize::from(*rule)) {
                Some(rule) => write(&ExclusionReason::InTransit {
                    rule,
                    loaded: *loaded,
                }),
                None => Err(fmt::Error),
            },
            Why::OnList(on) => match m.exclusions.get(usize::from(on.exclusion)) {
                Some(Exclusion::List { name, heading, .. }) => {
                    let entry = ListEntry {
                        prefix: on.prefix,
                        from: on.from,
                        until: None,
                        tag: String::new(),
                        source: String::new(),
                    };
                    write(&ExclusionReason::OnList {
                        list: name,
                        code: on.code,
                        entry: &entry,
                        heading: *heading,
                    })
                }
                _ => Err(fmt::Error),
            },
            Why::Superseded { by } => write(&ExclusionReason::Superseded { by: &by.key }),
            Why::OtherAuthority {
                by,
                authority,
                heading,
            } => write(&ExclusionReason::OtherAuthority {
                authority: *authority,
                key: &by.key,
                heading: *heading,
            }),
            Why::Claimed { heading, usmca } => write(&ExclusionReason::Claimed {
                heading: *heading,
                usmca: *usmca,
            }),
            Why::ExceptedProducts { code, heading } => write(&ExclusionReason::ExceptedProducts {
                code: *code,
                heading: *heading,
            }),
            Why::OtherHeading { by } => write(&ExclusionReason::OtherHeading {
                key: &by.key,
                heading: by.heading,
            }),
        }
    }
}

/// "heading (title) not charged: reason", written out now.
pub(crate) fn line(measure: &Measure, reason: &ExclusionReason<'_>) -> String {
    struct Line<'a>(&'a Measure, &'a ExclusionReason<'a>);
    impl fmt::Display for Line<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write_line(f, self.0, self.1)
        }
    }
    Line(measure, reason).to_string()
}

/// Writes "heading (title) not charged: reason", as a quote states a measure not charged.
fn write_line(
    f: &mut fmt::Formatter<'_>,
    measure: &Measure,
    reason: &dyn fmt::Display,
) -> fmt::Result {
    write!(
        f,
        "{} ({}) not charged: {reason}",
        measure.heading, measure.title
    )
}

impl fmt::Display for NotCharged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.with_reason(&mut |reason| write_line(f, &self.measure, reason))
    }
}

#[cfg(all(test, feature = "embedded-data"))]
mod tests {
    use std::collections::BTreeMap;

    use chrono::NaiveDate;

    use super::*;
    use crate::country::CountryCode;
    use crate::tariff::{Claims, TariffBook};

    /// Every reason held by reference reads as the reason written out at once, on the
    /// measures not charged for a sample of lines, origins, dates, dates of loading and
    /// claims; and most kinds of reason are held by reference.
    #[test]
    fn a_reason_held_by_reference_reads_as_the_reason_written_out() {
        let book = TariffBook::embedded();
        let usmca = [HsCode::from_digits(99_030_126, 8).unwrap()];
        let mut held: BTreeMap<&str, usize> = BTreeMap::new();
        let mut written = 0usize;
        for (entry, loaded) in [
            ("2025-03-12", "2025-03-01"),
            ("2025-04-10", "2025-04-01"),
            ("2025-05-14", "2025-05-14"),
            ("2025-08-07", "2025-07-20"),
            ("2025-11-13", "2025-11-01"),
            ("2026-03-01", "2026-02-20"),
            ("2026-08-01", "2026-07-20"),
        ] {
            let entry: NaiveDate = entry.parse().unwrap();
            let loaded: NaiveDate = loaded.parse().unwrap();
            let edition = book.hts().edition_for(entry).unwrap();
            for line in edition.schedule().iter().step_by(23) {
                for origin in ["CN", "MX", "CA", "BR", "IN", "VN"] {
                    let origin: CountryCode = origin.parse().unwrap();
                    for claims in [Claims::NONE, Claims::headings(&usmca).with_usmca(true)] {
                        let Ok(what) =
                            book.applicable_with(&line.code(), origin, entry, Some(loaded), claims)
                        else {
                            continue;
                        };
                        for e in &what.excluded {
                            let eager = line_of(e);
                            match NotCharged::of(e, &what.applied, book.measures()) {
                                Some(n) => {
                                    assert_eq!(n.to_string(), eager);
                                    *held.entry(kind(&n.why)).or_default() += 1;
                                }
                                None => written += 1,
                            }
                        }
                    }
                }
            }
        }
        let kinds: Vec<&str> = held.keys().copied().collect();
        // All eight kinds occur in this sample (the stacking rivals' higher rate is written out).
        assert_eq!(
            kinds.len(),
            8,
            "only {kinds:?} held ({written} written out)"
        );
        assert!(
            held.values().sum::<usize>() > written,
            "{held:?}, {written} written out"
        );
    }

    fn line_of(e: &Excluded<'_>) -> String {
        line(e.measure, &e.reason)
    }

    fn kind(why: &Why) -> &'static str {
        match why {
            Why::ClaimRequired => "claim_required",
            Why::InTransit { .. } => "in_transit",
            Why::OnList(_) => "on_list",
            Why::Superseded { .. } => "superseded",
            Why::OtherAuthority { .. } => "other_authority",
            Why::Claimed { .. } => "claimed",
            Why::ExceptedProducts { .. } => "excepted",
            Why::OtherHeading { .. } => "other_heading",
        }
    }
}
