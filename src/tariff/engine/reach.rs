//! Reach: for each 4-digit HS heading, the measures whose product scope reaches into it, worked
//! out once when a book's measures, lists or HTS change ([`Reach`]); and for each product list,
//! the headings its entries reach ([`ListReach`]).
//!
//! Finding what applies to goods then reads one row of bits for the goods' heading and passes
//! over every measure whose bit is clear, without looking at its scope: no search of a product
//! list, no reading of the line's footnotes. A measure's bit is set for a heading when its scope
//! could hold some code of the heading on some date: every heading for a measure on all
//! products; the headings of its prefixes (every heading of the chapter for a 2-digit prefix);
//! the headings of the lines of any edition whose footnotes refer to its HTS heading; the
//! headings of its list's entries, of any tag and date; and the headings of a scope the data
//! does not model, where the measure warns. The bits only pass over measures that could not
//! cover the goods (and would not warn): what does cover them is still decided by the scope,
//! on the date (`coverage.rs`). The tests check this on the embedded book.
//!
//! A list measure's exemption lists are passed over in the same way by [`ListReach`].

use std::sync::Arc;

use crate::hs::HsCode;
use crate::tariff::engine::index::MeasureLinks;
use crate::tariff::hts::Hts;
use crate::tariff::measure::{Measure, ProductScope};
use crate::tariff::product_list::ProductList;

/// The number of 4-digit headings (0000 to 9999).
const HEADINGS: usize = 10_000;

/// The words of a set of every heading.
const HEADING_WORDS: usize = HEADINGS.div_ceil(64);

/// For each heading, a row of bits, one per measure (by its place in the book's measures): set
/// where the measure's product scope can reach the heading.
#[derive(Debug, Clone, Default)]
pub(crate) struct Reach {
    /// The words of each row (64 measures a word).
    words: usize,
    /// The rows, heading by heading.
    rows: Vec<u64>,
}

/// The row of one heading: which measures can reach it. A row of no heading (goods of a
/// 2-digit code) lets every measure through.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Row<'r>(Option<&'r [u64]>);

impl Row<'_> {
    /// Whether the measure at `place` can reach the heading.
    #[inline]
    pub(crate) fn reaches(self, place: usize) -> bool {
        match self.0 {
            None => true,
            Some(words) => has_bit(words, place),
        }
    }
}

impl Reach {
    /// The reach of each of `measures`, with their links; `lists` reach as `list_reach` says.
    pub(crate) fn build(
        measures: &[Arc<Measure>],
        links: &[MeasureLinks],
        list_reach: &ListReach,
        hts: &Hts,
    ) -> Reach {
        let words = measures.len().div_ceil(64).max(1);
        let mut reach = Reach {
            words,
            rows: vec![0; HEADINGS * words],
        };
        // The measures on all products, set in every row at the end, a word at a time.
        let mut everywhere = vec![0u64; words];
        for (place, (m, link)) in measures.iter().zip(links).enumerate() {
            let mut set = |heading: usize| reach.set(heading, place);
            match &m.products {
                ProductScope::All => set_bit(&mut everywhere, place),
                ProductScope::Prefixes { include, .. } => {
                    include.iter().for_each(|p| headings_of(p, &mut set));
                }
                ProductScope::NotModelled { prefixes } => {
                    prefixes.iter().for_each(|p| headings_of(p, &mut set));
                }
                ProductScope::HtsReference(heading) => hts
                    .headings_referring_to(heading)
                    .iter()
                    .for_each(|h| set(usize::from(*h))),
                // Every heading of the list's entries, of any tag and date.
                ProductScope::List { .. } => {
                    if let Some(bits) = link.scope.and_then(|i| list_reach.lists.get(i)) {
                        each_bit(bits, set);
                    }
                }
            }
        }
        for row in reach.rows.chunks_exact_mut(words) {
            for (w, all) in row.iter_mut().zip(&everywhere) {
                *w |= all;
            }
        }
        reach
    }

    fn set(&mut self, heading: usize, place: usize) {
        let start = heading.saturating_mul(self.words);
        let end = start.saturating_add(self.words);
        if let Some(row) = self.rows.get_mut(start..end) {
            set_bit(row, place);
        }
    }

    /// The row of the heading of `hs`.
    #[inline]
    pub(crate) fn row(&self, hs: &HsCode) -> Row<'_> {
        let row = hs.heading_number().and_then(|h| {
            let start = usize::from(h).checked_mul(self.words)?;
            self.rows.get(start..start.checked_add(self.words)?)
        });
        // A reach not built (`Reach::default`, a book before its first merge) has no rows:
        // nothing is passed over.
        Row(row.filter(|_| !self.rows.is_empty()))
    }
}

/// For each product list (by its place in the book's lists), the headings its entries reach.
#[derive(Debug, Clone, Default)]
pub(crate) struct ListReach {
    lists: Vec<[u64; HEADING_WORDS]>,
}

impl ListReach {
    /// The headings each list's entries reach, of any tag and date.
    pub(crate) fn build(lists: &[ProductList]) -> ListReach {
        let lists = lists
            .iter()
            .map(|list| {
                let mut bits = [0u64; HEADING_WORDS];
                for e in list.entries() {
                    headings_of(&e.prefix, |h| set_bit(&mut bits, h));
                }
                bits
            })
            .collect();
        ListReach { lists }
    }

    /// Whether the list at `list` may hold `hs`: `false` only where none of its entries is in
    /// the heading of `hs`.
    #[inline]
    pub(crate) fn may_hold(&self, list: usize, hs: &HsCode) -> bool {
        let (Some(bits), Some(h)) = (self.lists.get(list), hs.heading_number()) else {
            return true;
        };
        has_bit(bits, usize::from(h))
    }
}

/// Sets bit `i` of `words` (64 a word); a bit past the words is not set.
fn set_bit(words: &mut [u64], i: usize) {
    if let Some(w) = words.get_mut(i / 64) {
        *w |= 1u64 << (i % 64);
    }
}

/// Whether bit `i` of `words` is set; a bit past the words is not.
fn has_bit(words: &[u64], i: usize) -> bool {
    words
        .get(i / 64)
        .is_some_and(|w| w & (1u64 << (i % 64)) != 0)
}

/// Calls `f` with the place of each set bit of `words`, in order.
fn each_bit(words: &[u64], mut f: impl FnMut(usize)) {
    for (i, word) in words.iter().enumerate() {
        let mut w = *word;
        while w != 0 {
            let bit = w.trailing_zeros() as usize;
            f(i * 64 + bit);
            w &= w - 1;
        }
    }
}

/// Calls `set` with each heading number a prefix reaches: its own, or every heading of its
/// chapter for a 2-digit prefix.
fn headings_of(prefix: &HsCode, mut set: impl FnMut(usize)) {
    match prefix.heading_number() {
        Some(h) => set(usize::from(h)),
        None => {
            let first = usize::from(prefix.chapter()) * 100;
            (first..first + 100).for_each(set);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hs(code: &str) -> HsCode {
        code.parse().unwrap()
    }

    #[test]
    fn a_prefix_reaches_its_heading_and_a_chapter_all_its_headings() {
        let mut seen = Vec::new();
        headings_of(&hs("6402.99.90"), |h| seen.push(h));
        assert_eq!(seen, [6402]);
        seen.clear();
        headings_of(&hs("64"), |h| seen.push(h));
        assert_eq!(seen.len(), 100);
        assert_eq!((seen.first(), seen.last()), (Some(&6400), Some(&6499)));
    }

    #[test]
    fn a_row_of_no_heading_lets_every_measure_through() {
        let reach = Reach::default();
        assert!(reach.row(&hs("6402.99.90")).reaches(0));
        assert!(Row(None).reaches(200));
        let none = [0u64; 2];
        assert!(!Row(Some(&none)).reaches(70));
        assert!(!Row(Some(&none)).reaches(500), "a place past the row");
    }
}

#[cfg(all(test, feature = "embedded-data"))]
mod embedded_tests {
    use chrono::NaiveDate;

    use crate::country::CountryCode;
    use crate::tariff::{Claims, TariffBook};

    /// The reach passes over only what could not change the answer: on a sample of lines of
    /// the editions in force on dates across 2025–2026, for origins each rule treats apart,
    /// with and without claims, what applies, what is excluded and every warning are the same
    /// as when no measure is passed over.
    #[test]
    fn passing_over_by_reach_changes_no_answer() {
        let book = TariffBook::embedded();
        let unfiltered = book.clone().without_reach();
        let dates = [
            "2025-01-15",
            "2025-02-04",
            "2025-03-12",
            "2025-04-10",
            "2025-05-14",
            "2025-08-07",
            "2025-10-14",
            "2025-11-13",
            "2026-02-24",
            "2026-07-01",
            "2026-11-20",
        ];
        let origins = ["CN", "HK", "VN", "MX", "CA", "DE", "BR", "IN", "JP", "RU"];
        let usmca = [crate::hs::HsCode::from_digits(99_030_126, 8).unwrap()];
        let mut compared = 0usize;
        for (d, date) in dates.iter().enumerate() {
            let date: NaiveDate = date.parse().unwrap();
            let edition = book.hts().edition_for(date).unwrap();
            for line in edition.schedule().iter().skip(d).step_by(17) {
                let hs = line.code();
                if hs.chapter() >= 98 {
                    continue;
                }
                for origin in origins {
                    let origin: CountryCode = origin.parse().unwrap();
                    for claims in [Claims::NONE, Claims::headings(&usmca).with_usmca(true)] {
                        let got = book.applicable_with(&hs, origin, date, Some(date), claims);
                        let all = unfiltered.applicable_with(&hs, origin, date, Some(date), claims);
                        match (got, all) {
                            (Ok(got), Ok(all)) => {
                                let at = format!("{hs} from {origin} on {date}");
                                assert!(got.applied == all.applied, "applied: {at}");
                                assert!(got.excluded == all.excluded, "excluded: {at}");
                                assert_eq!(got.warnings, all.warnings, "{at}");
                            }
                            (got, all) => assert_eq!(
                                got.map(|_| ()).map_err(|e| e.to_string()),
                                all.map(|_| ()).map_err(|e| e.to_string())
                            ),
                        }
                        compared += 1;
                    }
                }
            }
        }
        assert!(compared > 20_000, "only {compared} answers compared");
    }

    /// The rows are exact where it matters: a measure on all products reaches every heading,
    /// a list measure the headings of its entries and no other.
    #[test]
    fn rows_hold_what_the_scopes_name() {
        let book = TariffBook::embedded();
        let hs = |c: &str| -> crate::hs::HsCode { c.parse().unwrap() };
        let all = book
            .measures()
            .iter()
            .position(|m| matches!(m.products, super::ProductScope::All))
            .unwrap();
        for code in ["0101.21.00", "6402.99.90", "9403.60.80"] {
            assert!(book.reach().row(&hs(code)).reaches(all), "{code}");
        }
        let (list_measure, list) = book
            .measures()
            .iter()
            .enumerate()
            .find_map(|(i, m)| match &m.products {
                super::ProductScope::List { name, .. } => Some((i, book.list(name)?)),
                _ => None,
            })
            .unwrap();
        let heads: std::collections::BTreeSet<u16> = list
            .entries()
            .iter()
            .filter_map(|e| e.prefix.heading_number())
            .collect();
        let some = heads.iter().next().copied().unwrap();
        let code = crate::hs::HsCode::from_digits(u64::from(some), 4).unwrap();
        assert!(book.reach().row(&code).reaches(list_measure));
        let outside = (0..10_000u16)
            .find(|h| !heads.contains(h) && list.entries().iter().all(|e| e.prefix.len() >= 4))
            .map(|h| crate::hs::HsCode::from_digits(u64::from(h), 4).unwrap());
        if let Some(code) = outside {
            assert!(!book.reach().row(&code).reaches(list_measure), "{code}");
        }
    }
}

#[cfg(all(test, feature = "embedded-data"))]
mod another_hts {
    use crate::country::CountryCode;
    use crate::tariff::hts::{Edition, Hts, HtsLine, HtsSchedule};
    use crate::tariff::{Authority, TariffBook};

    /// A book given another HTS reads that HTS's footnotes: a line of chapter 03, no line of
    /// which names 9903.88.15 in any embedded edition, is covered by the measure on that
    /// heading once its own footnote names it.
    #[test]
    fn a_book_given_another_hts_reaches_what_its_footnotes_name() {
        let line = HtsLine::new(
            "0301.11.00".parse().unwrap(),
            "Ornamental fish, freshwater",
            "Free",
            "",
            "Free",
            vec![],
            vec!["9903.88.15".parse().unwrap()],
        );
        let schedule = HtsSchedule::from_lines(vec![line]);
        let edition = Edition::new("mine", "2025-01-01".parse().unwrap(), "test", schedule);
        let book = TariffBook::embedded()
            .clone()
            .with_hts(Hts::new(vec![edition]).unwrap());
        let what = book
            .applicable(
                &"0301.11.00".parse().unwrap(),
                CountryCode::CN,
                "2025-06-02".parse().unwrap(),
                None,
            )
            .unwrap();
        assert!(
            what.applied
                .iter()
                .any(|a| a.authority == Authority::Section301
                    && a.heading.to_string() == "9903.88.15"),
            "{:?}",
            what.applied
                .iter()
                .map(|a| a.heading.to_string())
                .collect::<Vec<_>>()
        );
    }
}
