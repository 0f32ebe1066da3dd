//! A quote's warnings, each kept once, in the order first given. A short list is searched; past
//! [`SEARCHED`] warnings an index of their hashes beside the list finds a warning in constant
//! time, however many lines give it.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};

use crate::warning::Warning;

/// The longest list searched warning by warning (a quote of a few lines allocates no index).
const SEARCHED: usize = 16;

/// The warnings of one quote.
#[derive(Debug, Default)]
pub(crate) struct Warnings {
    list: Vec<Warning>,
    /// The position in `list` of the first warning of each hash, once the list is long.
    index: HashMap<u64, usize>,
    hasher: RandomState,
    /// Warnings given by code that writes to a plain list (one line's duties), merged by
    /// [`Warnings::flush`].
    pending: Vec<Warning>,
}

impl Warnings {
    /// Whether `warning` was given before.
    fn known(&mut self, warning: &Warning) -> bool {
        if self.list.len() <= SEARCHED {
            return self.list.iter().any(|w| w == warning);
        }
        if self.index.is_empty() {
            for (i, w) in self.list.iter().enumerate() {
                self.index.entry(self.hasher.hash_one(w)).or_insert(i);
            }
        }
        let hash = self.hasher.hash_one(warning);
        match self.index.get(&hash) {
            Some(&i) => {
                // A hash shared by two different warnings (vanishingly rare): search the list.
                self.list.get(i).is_some_and(|w| w == warning)
                    || self.list.iter().any(|w| w == warning)
            }
            None => {
                self.index.insert(hash, self.list.len());
                false
            }
        }
    }

    /// Adds a warning unless it was given before.
    pub(crate) fn push(&mut self, warning: Warning) {
        if !self.known(&warning) {
            self.list.push(warning);
        }
    }

    /// A plain list to give warnings to; they are merged by the next [`Warnings::flush`].
    pub(crate) fn pending(&mut self) -> &mut Vec<Warning> {
        &mut self.pending
    }

    /// Merges the pending warnings.
    pub(crate) fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        // The pending list keeps its buffer for the next stage's warnings.
        let mut pending = std::mem::take(&mut self.pending);
        for w in pending.drain(..) {
            self.push(w);
        }
        self.pending = pending;
    }

    /// The warnings, in the order first given.
    pub(crate) fn into_vec(mut self) -> Vec<Warning> {
        self.flush();
        self.list
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::warning::WarningCode;

    fn w(text: &str) -> Warning {
        Warning::new(WarningCode::MeasureWarning, text.to_owned())
    }

    #[test]
    fn each_warning_once_in_first_order() {
        let mut ws = Warnings::default();
        ws.push(w("b"));
        ws.push(w("a"));
        ws.pending().push(w("b"));
        ws.pending().push(w("c"));
        ws.flush();
        ws.push(w("a"));
        ws.pending().push(w("d"));
        let got: Vec<String> = ws
            .into_vec()
            .iter()
            .map(|x| x.message().to_owned())
            .collect();
        assert_eq!(got, ["b", "a", "c", "d"]);
    }

    #[test]
    fn long_lists_are_indexed() {
        let mut ws = Warnings::default();
        for round in 0..3 {
            for i in 0..100 {
                ws.push(w(&format!("warning {i}")));
            }
            assert_eq!(ws.list.len(), 100, "round {round}");
        }
        ws.push(w("warning 100"));
        let list = ws.into_vec();
        assert_eq!(list.len(), 101);
        assert_eq!(list.first().map(Warning::message), Some("warning 0"));
    }
}
