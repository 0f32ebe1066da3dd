//! Dated exchange rates: [`ExchangeRate`], [`RateTable`] and the US customs conversion rule.
//!
//! A [`RateTable`] holds series of rates per currency pair and [`RateKind`] (daily certified,
//! quarterly certified, reference fixings), each dated. Lookups take a [`RateQuery`]: the date,
//! the kind, how old a rate may be, and optionally a pivot currency for cross rates. The inverse
//! of a stored pair is used when the direct pair is absent. A missing or stale rate is a typed
//! error naming the pair and the date; there is no silent fallback.
//!
//! [`RateTable::customs_rate`] applies 19 CFR 159.34: the quarterly certified rate for the date
//! of exportation, unless the daily certified rate for that date differs from it by 5% or more.
//!
//! The module by concept:
//!
//! ```text
//!  rate.rs     one dated quotation (ExchangeRate) and its kind (RateKind)
//!  query.rs    how to look a rate up (RateQuery: date, kind, age, pivot)
//!  table.rs    the table (RateTable): insert, find, cross, convert, the embedded tables
//!  load.rs     reading tables from CSV and JSON
//!  customs.rs  the customs rule of 19 CFR 159.34 (CustomsRate)
//! ```

mod customs;
mod load;
mod query;
mod rate;
mod table;

pub use customs::CustomsRate;
pub use query::{RateQuery, REFERENCE_MAX_AGE_DAYS};
pub(crate) use rate::significant;
pub use rate::{ExchangeRate, RateKind};
pub use table::RateTable;

#[cfg(test)]
mod tests;
