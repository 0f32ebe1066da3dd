//! The measure engine: which of a book's dated measures apply to goods of a code and origin
//! entered on a date, and why.
//!
//! The engine holds no policy of its own. Every rule it applies is declared in the measures'
//! data (a product scope, exclusions, in-transit rules, a floor, `stacks`); the engine indexes
//! the measures, evaluates those declarations in a fixed order and explains each outcome.
//! [`TariffBook::applicable_into`](crate::TariffBook) calls the stages in this order:
//!
//! ```text
//!  goods (code, origin, entry and loading dates, claims)
//!    │
//!    ├─ index.rs         the measures of the origin in force on the date (OriginIndex,
//!    │                   Periods), each with what evaluating it needs (MeasureLinks)
//!    ├─ reach.rs         of those, the ones whose scope reaches the goods' 4-digit heading
//!    │                   (one row of bits, worked out when the book is built)
//!    ├─ coverage.rs      does the measure's product scope hold the goods on the date?
//!    │                   (prefixes, HTS references, product lists, not-modelled scopes)
//!    ├─ eligibility.rs   the measure on its own: a claim it needs, in transit, claimed
//!    │                   exemptions, excepted prefixes, exempt lists; what is left applies
//!    ├─ interactions.rs  rules between the measures that applied: superseded by key,
//!    │                   another authority (or the non-metal value), another heading
//!    ├─ stacking.rs      measures of one authority that do not stack: the higher rate
//!    └─ (sorted)         the charges by authority, then in the order of the data
//!
//!  explain.rs            the warnings each stage gives, written out
//!  validate.rs           the checks a set of measures passes before it joins a book
//! ```
//!
//! Each stage has unit tests on small hand-made measure sets (`fixture.rs`), one per rule.

pub(crate) mod coverage;
pub(crate) mod eligibility;
mod explain;
#[cfg(all(test, feature = "embedded-data"))]
mod fixture;
pub(crate) mod index;
pub(crate) mod interactions;
pub(crate) mod reach;
pub(crate) mod stacking;
pub(crate) mod validate;

use chrono::NaiveDate;
use smallvec::SmallVec;

use crate::country::CountryCode;
use crate::hs::HsCode;
use crate::tariff::applicability::{Claims, Excluded};
use crate::tariff::hts::{Edition, Hts, HtsLine};
use crate::tariff::product_list::ProductList;
use crate::warning::{Warning, WarningCode};

/// The tables a measure is evaluated against: the HTS editions (for the headings a line
/// references) and the product lists.
#[derive(Clone, Copy)]
pub(crate) struct Tables<'b> {
    /// The HTS editions.
    pub(crate) hts: &'b Hts,
    /// The product lists, in the places [`index::MeasureLinks`] refer to.
    pub(crate) lists: &'b [ProductList],
    /// The headings each list reaches, in the same places.
    pub(crate) list_reach: &'b reach::ListReach,
}

/// The goods a question is about, with the HTS line and edition found for them.
#[derive(Clone, Copy)]
pub(crate) struct Goods<'b, 'q> {
    /// The code as given.
    pub(crate) hs: &'q HsCode,
    /// The HTS line used.
    pub(crate) line: &'b HtsLine,
    /// The edition in force on the entry date.
    pub(crate) edition: &'b Edition,
    /// The origin.
    pub(crate) origin: CountryCode,
    /// The entry date.
    pub(crate) entry_date: NaiveDate,
    /// The date of loading on the final conveyance, for the in-transit rules.
    pub(crate) loaded_date: Option<NaiveDate>,
    /// What the importer claims.
    pub(crate) claims: Claims<'q>,
}

/// What the stages report besides the applied duties: the measures excluded and the warnings,
/// held on the stack while they are few (as they are for most goods), so a quote allocates no
/// list it only reads.
#[derive(Default)]
pub(crate) struct Report<'b> {
    /// Each measure that covers the goods but does not apply, with the reason.
    pub(crate) excluded: Excludeds<'b>,
    /// Assumptions and gaps.
    pub(crate) warnings: SmallVec<[Warning; 2]>,
}

/// The measures excluded for one product, inline while there are few.
pub(crate) type Excludeds<'b> = SmallVec<[Excluded<'b>; 2]>;

/// Where the stages report the measures they exclude and their warnings: a [`Report`] keeps
/// everything; a sink that keeps only warning codes builds no messages.
pub(crate) trait Notes<'b> {
    /// A measure that covers the goods but does not apply.
    fn exclude(&mut self, excluded: Excluded<'b>);
    /// A warning of `code`; `warning` is called only by a sink that keeps messages, and gives
    /// a warning of that code.
    fn warn(&mut self, code: WarningCode, warning: impl FnOnce() -> Warning);
}

impl<'b> Notes<'b> for Report<'b> {
    fn exclude(&mut self, excluded: Excluded<'b>) {
        self.excluded.push(excluded);
    }
    fn warn(&mut self, code: WarningCode, warning: impl FnOnce() -> Warning) {
        let w = warning();
        debug_assert_eq!(w.code(), code, "a warning given under another code");
        self.warnings.push(w);
    }
}

/// What the engine finds besides the applied duties (which it writes into a [`Buffer`]).
pub(crate) struct Found<'a> {
    /// The HTS line used.
    pub(crate) line: &'a HtsLine,
    /// The edition in force on the entry date.
    pub(crate) edition: &'a Edition,
    /// Each measure that covers the goods but does not apply.
    pub(crate) excluded: Excludeds<'a>,
    /// Assumptions and gaps.
    pub(crate) warnings: SmallVec<[Warning; 2]>,
}

/// A growable list of applied duties: a `Vec`, or a `SmallVec` on the caller's stack.
pub(crate) trait Buffer<T>: std::ops::DerefMut<Target = [T]> {
    fn push(&mut self, item: T);
    fn remove(&mut self, index: usize) -> T;
    fn retain(&mut self, keep: impl FnMut(&mut T) -> bool);
    fn clear(&mut self);
}

impl<T> Buffer<T> for Vec<T> {
    fn push(&mut self, item: T) {
        Vec::push(self, item);
    }
    fn remove(&mut self, index: usize) -> T {
        Vec::remove(self, index)
    }
    fn retain(&mut self, keep: impl FnMut(&mut T) -> bool) {
        self.retain_mut(keep);
    }
    fn clear(&mut self) {
        Vec::clear(self);
    }
}

impl<A: smallvec::Array> Buffer<A::Item> for smallvec::SmallVec<A> {
    fn push(&mut self, item: A::Item) {
        smallvec::SmallVec::push(self, item);
    }
    fn remove(&mut self, index: usize) -> A::Item {
        smallvec::SmallVec::remove(self, index)
    }
    fn retain(&mut self, keep: impl FnMut(&mut A::Item) -> bool) {
        smallvec::SmallVec::retain(self, keep);
    }
    fn clear(&mut self) {
        smallvec::SmallVec::clear(self);
    }
}
