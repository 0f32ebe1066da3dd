//! [`CodeIndex`]: codes in ascending order, searched by their compact keys within the group
//! of codes that share their first digits.

use super::{HsCode, MAX_DIGITS};

/// Codes in ascending order, searched by their compact keys ([`HsCode::sort_key`]: 8 bytes a
/// code keeps a search in cache) and only among the codes that share the code's first digits
/// (its chapter, or its heading): a few probes in one or two cache lines.
///
/// A product list groups its entries by chapter. (The HTS schedule, held by chapter so that
/// editions can share them, searches each chapter's lines by heading in the same way.)
///
/// `GROUP_DIGITS` is how many leading digits make a group: 2 for chapters, 4 for headings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct CodeIndex<const GROUP_DIGITS: u32> {
    keys: Vec<u64>,
    /// `starts[g]` is the position of the first key of group `g` or a later one.
    starts: Vec<u32>,
}

impl<const GROUP_DIGITS: u32> CodeIndex<GROUP_DIGITS> {
    /// What a code's padded digits are divided by to give its group (10⁸ for chapters).
    const DIVISOR: u64 = 10u64.pow(MAX_DIGITS as u32 - GROUP_DIGITS);

    /// An index of `codes`, which must be in ascending order.
    pub(crate) fn new(codes: impl Iterator<Item = HsCode>) -> Self {
        let keys: Vec<u64> = codes.map(HsCode::sort_key).collect();
        let groups = 10usize.pow(GROUP_DIGITS);
        let mut index = CodeIndex {
            keys,
            starts: Vec::with_capacity(groups + 1),
        };
        let mut next = 0usize;
        for group in 0..=groups {
            while index
                .keys
                .get(next)
                .is_some_and(|k| index.group_of(*k) < group)
            {
                next += 1;
            }
            index.starts.push(u32::try_from(next).unwrap_or(u32::MAX));
        }
        index
    }

    /// The group of a key: its code's first `group_digits` digits.
    fn group_of(&self, key: u64) -> usize {
        usize::try_from((key >> 4) / Self::DIVISOR).unwrap_or(usize::MAX)
    }

    /// The codes in `code`'s group (all of them in an index made by `Default`, which has no
    /// groups).
    pub(crate) fn group(&self, code: &HsCode) -> CodeGroup<'_> {
        let group = self.group_of(code.sort_key());
        let (start, end) = match (
            self.starts.get(group),
            self.starts.get(group.saturating_add(1)),
        ) {
            (Some(start), Some(end)) => (*start as usize, *end as usize),
            _ => (0, self.keys.len()),
        };
        CodeGroup {
            keys: self.keys.get(start..end).unwrap_or_default(),
            start,
        }
    }

    /// The positions of the codes equal to `code` (empty when there is none).
    #[cfg(test)]
    pub(crate) fn positions(&self, code: &HsCode) -> std::ops::Range<usize> {
        self.group(code).positions(code)
    }
}

/// The codes of one group of a [`CodeIndex`], which a code and its prefixes down to the group's
/// digits share: searched again for each prefix without finding the group again.
pub(crate) struct CodeGroup<'a> {
    keys: &'a [u64],
    /// The position of the group's first code in the index.
    start: usize,
}

impl CodeGroup<'_> {
    /// Whether the group holds no code.
    pub(crate) fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The position in the index of the first code of the group not before `code` (the end
    /// of the group if there is none).
    pub(crate) fn lower_bound(&self, code: &HsCode) -> usize {
        let key = code.sort_key();
        self.start + self.keys.partition_point(|k| *k < key)
    }

    /// The positions in the index of the codes equal to `code` (empty when there is none).
    pub(crate) fn positions(&self, code: &HsCode) -> std::ops::Range<usize> {
        let key = code.sort_key();
        let first = self.keys.partition_point(|k| *k < key);
        let same = self
            .keys
            .get(first..)
            .unwrap_or_default()
            .iter()
            .take_while(|k| **k == key)
            .count();
        self.start + first..self.start + first + same
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// An index finds exactly the positions a scan of the codes finds, grouped by chapter
        /// or by heading, duplicates included; an index made by `Default` finds none.
        #[test]
        fn code_index_finds_what_a_scan_finds(
            digits in proptest::collection::vec((0u64..4, 0u64..3, 0u64..3, 1u32..=5), 0..60),
            probe in (0u64..4, 0u64..3, 0u64..3, 1u32..=5),
        ) {
            // Codes of 2 to 10 digits from a few chapters, headings and subheadings, so that
            // groups and duplicates occur.
            let code = |(chapter, heading, rest, pairs): (u64, u64, u64, u32)| {
                let padded = (chapter + 1) * 100_000_000 + heading * 1_000_000 + rest * 10_000;
                let len = pairs * 2;
                HsCode::from_digits(padded / 10u64.pow(10 - len), u8::try_from(len).unwrap_or(10))
            };
            let mut codes: Vec<HsCode> = digits.into_iter().filter_map(|d| code(d).ok()).collect();
            codes.sort();
            let Ok(probe) = code(probe) else { return Ok(()) };
            let expected: Vec<usize> = codes.iter().enumerate().filter(|(_, c)| **c == probe).map(|(i, _)| i).collect();
            let chapters = CodeIndex::<2>::new(codes.iter().copied());
            let headings = CodeIndex::<4>::new(codes.iter().copied());
            proptest::prop_assert_eq!(chapters.positions(&probe).collect::<Vec<_>>(), expected.clone());
            proptest::prop_assert_eq!(headings.positions(&probe).collect::<Vec<_>>(), expected);
            proptest::prop_assert_eq!(
                !chapters.group(&probe).is_empty(),
                codes.iter().any(|c| c.chapter() == probe.chapter())
            );
            if codes.is_empty() {
                proptest::prop_assert!(CodeIndex::<4>::default().positions(&probe).is_empty());
            }
        }
    }
}
