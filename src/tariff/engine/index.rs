//! The engine's indexes, rebuilt whenever a book's measures or lists change: which measures
//! each origin can be subject to in each period ([`OriginIndex`], [`Periods`]), and what
//! evaluating each measure needs resolved once ([`MeasureLinks`]).

use std::sync::Arc;

use chrono::NaiveDate;

use crate::country::CountryCode;
use crate::hs::HsCode;
use crate::tariff::measure::{Exclusion, Measure, OriginScope, ProductScope};
use crate::tariff::product_list::ProductList;

/// What finding what applies needs of a measure, resolved once: the product lists it names, by
/// their places in the book's lists (so no names are compared), and its data warning shared (so
/// each result it applies to refers to it rather than copying it). Which headings its products
/// can be in is the book's [`Reach`](crate::tariff::engine::reach::Reach).
#[derive(Debug, Clone, Default)]
pub(crate) struct MeasureLinks {
    /// The list of a [`ProductScope::List`].
    pub(crate) scope: Option<usize>,
    /// For each of the measure's exclusions in order, the list of an [`Exclusion::List`].
    pub(crate) exclusions: Vec<Option<usize>>,
    /// The measure's [`Measure::warning`].
    pub(crate) warning: Option<Arc<str>>,
    /// For each heading of its USMCA claim exemptions, the warning that it was charged
    /// because the goods were not claimed under it.
    pub(crate) usmca: Vec<(HsCode, Arc<str>)>,
}

impl MeasureLinks {
    /// The links of each measure, in the order of `measures`.
    pub(crate) fn build(measures: &[Arc<Measure>], lists: &[ProductList]) -> Vec<MeasureLinks> {
        let find = |name: &str| lists.iter().position(|l| l.name() == name);
        measures
            .iter()
            .map(|m| MeasureLinks {
                scope: match &m.products {
                    ProductScope::List { name, .. } => find(name),
                    _ => None,
                },
                exclusions: m
                    .exclusions
                    .iter()
                    .map(|e| match e {
                        Exclusion::List { name, .. } => find(name),
                        _ => None,
                    })
                    .collect(),
                warning: m.warning.as_deref().map(Arc::from),
                usmca: m
                    .exclusions
                    .iter()
                    .filter_map(|e| match e {
                        Exclusion::Claim {
                            heading,
                            usmca: true,
                            ..
                        } => Some((
                            *heading,
                            Arc::from(super::explain::usmca_assumed_absent_text(m, *heading)),
                        )),
                        _ => None,
                    })
                    .collect(),
            })
            .collect()
    }
}

/// The indices of the US measures whose origin scope holds each origin the data names, and of
/// those that hold every origin it does not name, each split by the periods in which the same
/// measures are in force: finding what applies on a date looks only at the measures in force.
#[derive(Debug, Clone, Default)]
pub(crate) struct OriginIndex {
    named: Vec<(CountryCode, Periods)>,
    others: Periods,
}

/// Measures by the periods in which the same ones are in force.
#[derive(Debug, Clone, Default)]
pub(crate) struct Periods {
    /// The first day of each period, ascending: every date a measure starts or ends.
    starts: Vec<NaiveDate>,
    /// The measures in force in each period, by authority, then in the order of the data.
    in_force: Vec<Vec<usize>>,
}

impl Periods {
    fn build(measures: &[Arc<Measure>], indices: Vec<usize>) -> Periods {
        let mut starts: Vec<NaiveDate> = indices
            .iter()
            .filter_map(|i| measures.get(*i))
            .flat_map(|m| std::iter::once(m.valid_from).chain(m.valid_until))
            .collect();
        starts.sort_unstable();
        starts.dedup();
        // In the order charges are presented (by authority, then as in the data), so that
        // what applies comes out in that order.
        let mut indices = indices;
        indices.sort_by_key(|i| measures.get(*i).map(|m| m.authority));
        let in_force = starts
            .iter()
            .map(|day| {
                indices
                    .iter()
                    .copied()
                    .filter(|i| measures.get(*i).is_some_and(|m| m.in_force(*day)))
                    .collect()
            })
            .collect();
        Periods { starts, in_force }
    }

    /// The measures in force on `date`.
    fn on(&self, date: NaiveDate) -> &[usize] {
        let period = self.starts.partition_point(|start| *start <= date);
        period
            .checked_sub(1)
            .and_then(|p| self.in_force.get(p))
            .map_or(&[], Vec::as_slice)
    }
}

impl OriginIndex {
    /// The index of the US measures among `measures`.
    pub(crate) fn build(measures: &[Arc<Measure>]) -> OriginIndex {
        let us: Vec<(usize, &Arc<Measure>)> = measures
            .iter()
            .enumerate()
            .filter(|(_, m)| m.importer == CountryCode::US)
            .collect();
        let mut named: Vec<CountryCode> = us
            .iter()
            .flat_map(|(_, m)| match &m.origins {
                OriginScope::Only(list) | OriginScope::AllExcept(list) => list.iter().copied(),
            })
            .collect();
        named.sort_unstable();
        named.dedup();
        let periods = |origin: Option<CountryCode>| -> Periods {
            let indices = us
                .iter()
                .filter(|(_, m)| match origin {
                    Some(o) => m.origins.contains(o),
                    None => matches!(m.origins, OriginScope::AllExcept(_)),
                })
                .map(|(i, _)| *i)
                .collect();
            Periods::build(measures, indices)
        };
        OriginIndex {
            named: named.iter().map(|o| (*o, periods(Some(*o)))).collect(),
            others: periods(None),
        }
    }

    /// The measures an origin's goods can be subject to on `date`.
    pub(crate) fn get(&self, origin: CountryCode, date: NaiveDate) -> &[usize] {
        self.named
            .binary_search_by_key(&origin, |(o, _)| *o)
            .ok()
            .and_then(|i| self.named.get(i))
            .map_or(&self.others, |(_, p)| p)
            .on(date)
    }
}

/// The candidates for goods of `origin` entered on `date`: the US measures whose origin scope
/// holds the origin and that are in force on the date, by authority, then in the order of the
/// data, each with its place in `measures` and its links.
#[inline]
pub(crate) fn candidates<'b>(
    index: &'b OriginIndex,
    measures: &'b [Arc<Measure>],
    links: &'b [MeasureLinks],
    origin: CountryCode,
    date: NaiveDate,
) -> impl Iterator<Item = (usize, &'b Arc<Measure>, &'b MeasureLinks)> {
    index
        .get(origin, date)
        .iter()
        .filter_map(|i| Some((*i, measures.get(*i)?, links.get(*i)?)))
}

/// What of `origin` finding what applies on `date` looks at: the measures in force whose
/// scope holds it, and, as bits in their order, whether it is among the origins of each of
/// their origin-restricted claims. Two origins with equal classes get the same answer for
/// every code (the panel computes it once for both). `None` for the bits if there are more
/// than 64 such claims (then the origin shares its answers with none).
pub(crate) fn origin_class<'b>(
    index: &'b OriginIndex,
    measures: &[Arc<Measure>],
    origin: CountryCode,
    date: NaiveDate,
) -> (&'b [usize], Option<u64>) {
    let candidates = index.get(origin, date);
    let mut bits = 0u64;
    let mut bit = 0u32;
    for m in candidates.iter().filter_map(|i| measures.get(*i)) {
        for e in &m.exclusions {
            if let Exclusion::Claim { origins, .. } = e {
                if !origins.is_empty() {
                    if origins.contains(&origin) {
                        bits |= 1u64.checked_shl(bit).unwrap_or(0);
                    }
                    bit = bit.saturating_add(1);
                }
            }
        }
    }
    (candidates, (bit <= 64).then_some(bits))
}

#[cfg(all(test, feature = "embedded-data"))]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::tariff::engine::coverage;
    use crate::tariff::engine::fixture::{book, day, measure};
    use crate::tariff::TariffBook;

    /// The reach only passes over measures that cannot cover the goods: every measure that
    /// covers a line, on any date it is in force, reaches the line's heading. (Every 5th line
    /// of every edition, against every measure.)
    #[test]
    fn the_reach_holds_every_heading_a_measure_covers() {
        let book = TariffBook::embedded();
        let mut checked = 0usize;
        for edition in book.hts().editions() {
            let edition_day = edition.effective();
            for line in edition.schedule().iter().step_by(5) {
                let hs = line.code();
                let row = book.reach().row(&hs);
                for (place, (m, links)) in book.measures().iter().zip(book.links()).enumerate() {
                    for date in [edition_day, m.valid_from] {
                        if coverage::covers(book.tables(), m, links, &hs, line, edition, date) {
                            checked += 1;
                            assert!(
                                row.reaches(place),
                                "{} covers {hs} on {date} but does not reach its heading",
                                m.key
                            );
                        }
                    }
                }
            }
        }
        assert!(checked > 1_000, "only {checked} coverages checked");
    }

    /// Candidates by period are exactly the measures in force, in authority order.
    #[test]
    fn periods_hold_the_measures_in_force_in_authority_order() {
        let book = TariffBook::embedded();
        let start = NaiveDate::from_ymd_opt(2024, 12, 1).unwrap_or_default();
        for origin in ["CN", "HK", "VN", "GB", "MX", "CA", "DE"] {
            let origin: CountryCode = origin.parse().unwrap_or(CountryCode::US);
            for offset in (0..800).step_by(3) {
                let date = start + chrono::Days::new(offset);
                let expected: Vec<&str> = {
                    let mut all: Vec<&Arc<Measure>> = book
                        .measures()
                        .iter()
                        .filter(|m| m.importer == CountryCode::US && m.origins.contains(origin))
                        .filter(|m| m.in_force(date))
                        .collect();
                    all.sort_by_key(|m| m.authority);
                    all.iter().map(|m| m.key.as_str()).collect()
                };
                let got: Vec<&str> = book
                    .candidates(origin, date)
                    .map(|(_, m, _)| m.key.as_str())
                    .collect();
                assert_eq!(got, expected, "{origin} on {date}");
            }
        }
    }

    /// An origin the data names gets its own periods; every other origin those of the measures
    /// on all origins but some; a measure's last day is the day before its `valid_until`.
    #[test]
    fn origins_and_periods_of_a_small_set() {
        let book = book(vec![
            measure("vn", json!({"valid_until": "2025-03-01"})),
            measure(
                "not_cn",
                json!({"heading": "9903.99.02", "origins": {"all_except": ["CN"]}}),
            ),
            measure(
                "cn",
                json!({"heading": "9903.99.03", "origins": {"only": ["CN"]},
                                  "authority": "section301", "valid_from": "2025-02-01"}),
            ),
        ]);
        let keys = |origin: &str, date: &str| -> Vec<String> {
            book.candidates(origin.parse().unwrap_or(CountryCode::US), day(date))
                .map(|(_, m, _)| m.key.clone())
                .collect()
        };
        assert_eq!(keys("VN", "2025-02-28"), ["vn", "not_cn"]);
        assert_eq!(keys("VN", "2025-03-01"), ["not_cn"]);
        assert_eq!(keys("DE", "2025-01-15"), ["not_cn"]);
        assert_eq!(keys("CN", "2025-01-15"), Vec::<String>::new());
        assert_eq!(keys("CN", "2025-02-01"), ["cn"]);
        assert_eq!(keys("VN", "2024-12-31"), Vec::<String>::new());
    }

    /// Links resolve list names to places; the reach, prefixes to their headings and a
    /// measure on all products to every heading.
    #[test]
    fn links_resolve_lists_and_the_reach_headings() {
        let scope = json!({"prefixes": {"include": ["6402", "0304"]}});
        let book = book(vec![measure("m", json!({ "products": scope }))]);
        let Some(first) = book.links().first() else {
            panic!("one measure, one link");
        };
        assert_eq!(first.scope, None);
        // The book's one measure is at place 0.
        let reaches =
            |book: &TariffBook, code: &str| book.reach().row(&code.parse().unwrap()).reaches(0);
        assert!(reaches(&book, "6402.99.90") && reaches(&book, "0304.72.50"));
        assert!(!reaches(&book, "6403.99.90") && !reaches(&book, "0101.21.00"));
        let annex =
            json!({"exclusions": [{"list": {"name": "annex_ii", "heading": "9903.01.32"}}]});
        let book = crate::tariff::engine::fixture::book(vec![measure("m", annex)]);
        let annex_place = book
            .links()
            .first()
            .and_then(|l| l.exclusions.first().copied().flatten());
        assert!(annex_place.is_some());
        assert!(reaches(&book, "0101.21.00") && reaches(&book, "9403.60.80"));
    }
}
