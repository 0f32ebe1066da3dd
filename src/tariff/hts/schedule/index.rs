//! How a schedule holds its lines: by chapter and heading, each shared between schedules while
//! it does not change, and the merge of changes into a heading.

use std::sync::Arc;

use super::HtsLine;

/// How many chapter numbers there are, and heading numbers within a chapter (two digits each).
pub(super) const SLOTS: usize = 100;

/// The headings of one HS chapter of a schedule: shared between schedules while none of its
/// headings changes.
#[derive(Debug, Clone)]
pub(crate) struct Chapter {
    /// The headings by number within the chapter (the code's third and fourth digits), `None`
    /// for a heading without lines.
    pub(super) headings: [Option<Arc<Heading>>; SLOTS],
    /// The number of lines in all its headings.
    pub(super) len: usize,
}

/// The lines of one heading (4 digits) of a schedule, sorted by code: shared between schedules
/// while none of its lines changes, each line shared while it does not change.
pub(crate) type Heading = [Entry];

/// A line of a heading, with its code as a sort key: searched, and merged with changes, without
/// reading the line.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// [`HsCode::sort_key`](crate::hs::HsCode::sort_key) of the line's code.
    pub(super) key: u64,
    pub(super) line: Arc<HtsLine>,
}

impl Entry {
    /// The line.
    pub(crate) fn line(&self) -> &HtsLine {
        &self.line
    }
}

/// The 4-digit heading of a sort key, as a number (0 to 9999).
pub(super) fn heading_of(key: u64) -> usize {
    usize::try_from((key >> 4) / 1_000_000).unwrap_or(usize::MAX)
}

/// A heading number's chapter and its place in the chapter.
pub(super) fn places(heading: usize) -> (usize, usize) {
    (heading / SLOTS, heading % SLOTS)
}

impl Chapter {
    /// A chapter without headings.
    pub(super) fn empty() -> Chapter {
        Chapter {
            headings: std::array::from_fn(|_| None),
            len: 0,
        }
    }

    /// The chapter's headings that have lines, in order.
    pub(crate) fn headings(&self) -> impl Iterator<Item = &Arc<Heading>> {
        self.headings.iter().flatten()
    }
}

/// The line of `heading` with exactly this key.
pub(super) fn find(heading: &Heading, key: u64) -> Option<&HtsLine> {
    let found = heading.binary_search_by_key(&key, |e| e.key).ok()?;
    heading.get(found).map(Entry::line)
}

/// `base` (empty for a heading without lines) without the lines whose keys are in `removals`
/// and with `additions` in place of the lines with their keys (both sorted): `None` if that
/// changes nothing, `Some(None)` if no line is left. Kept lines, and added lines equal to the
/// ones they replace, are shared with `base`.
pub(super) fn changed_heading(
    base: &Heading,
    additions: Vec<(u64, HtsLine)>,
    removals: &[u64],
) -> Option<Option<Arc<Heading>>> {
    let mut entries: Vec<Entry> = Vec::with_capacity(base.len() + additions.len());
    let mut changed = false;
    let mut additions = additions.into_iter().peekable();
    for entry in base {
        while let Some((key, new)) = additions.next_if(|(k, _)| *k < entry.key) {
            entries.push(Entry {
                key,
                line: Arc::new(new),
            });
            changed = true;
        }
        if let Some((key, new)) = additions.next_if(|(k, _)| *k == entry.key) {
            if new == *entry.line {
                entries.push(entry.clone());
            } else {
                entries.push(Entry {
                    key,
                    line: Arc::new(new),
                });
                changed = true;
            }
        } else if removals.binary_search(&entry.key).is_ok() {
            changed = true;
        } else {
            entries.push(entry.clone());
        }
    }
    for (key, new) in additions {
        entries.push(Entry {
            key,
            line: Arc::new(new),
        });
        changed = true;
    }
    changed.then(|| (!entries.is_empty()).then(|| Arc::from(entries)))
}
