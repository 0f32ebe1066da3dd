//! Dated exchange rates: [`ExchangeRate`], [`ExchangeRateTable`] and the US customs conversion rule.
//!
//! An [`ExchangeRateTable`] holds series of rates per currency pair and [`ExchangeRateKind`] (daily certified,
//! quarterly certified, reference fixings), each dated. Lookups take an [`ExchangeRateQuery`]: the date,
//! the kind, how old a rate may be, and optionally a pivot currency for cross rates. The inverse
//! of a stored pair is used when the direct pair is absent. A missing or stale rate is a typed
//! error naming the pair and the date; there is no silent fallback.
//!
//! [`ExchangeRateTable::customs_rate`] applies 19 CFR 159.34: the quarterly certified rate for the date
//! of exportation, unless the daily certified rate for that date differs from it by 5% or more.
//!
//! The module by concept:
//!
//! ```text
//!  rate.rs     one dated quotation (ExchangeRate) and its kind (ExchangeRateKind)
//!  query.rs    how to look a rate up (ExchangeRateQuery: date, kind, age, pivot)
//!  table.rs    the table (ExchangeRateTable): insert, find, cross, convert, the embedded tables
//!  load.rs     reading tables from CSV and JSON
//!  customs.rs  the customs rule of 19 CFR 159.34 (CustomsRate)
//! ```

mod customs;
mod load;
mod query;
mod rate;
mod table;

pub use customs::CustomsRate;
pub use query::{ExchangeRateQuery, REFERENCE_MAX_AGE_DAYS};
pub(crate) use rate::significant;
pub use rate::{ExchangeRate, ExchangeRateKind};
pub use table::ExchangeRateTable;

/// The former name of [`ExchangeRateTable`], kept so code written against 0.1 keeps compiling.
///
/// # Example
/// ```
/// #![allow(deprecated)]
/// use landed_cost::money::fx::{ExchangeRateTable, RateTable};
/// let old: &RateTable = ExchangeRateTable::embedded_reference();
/// assert!(!old.is_empty());
/// ```
#[deprecated(
    since = "0.2.0",
    note = "renamed `ExchangeRateTable` (`money::Rate` is a percentage, not an exchange rate)"
)]
pub type RateTable = ExchangeRateTable;

/// The former name of [`ExchangeRateKind`], kept so code written against 0.1 keeps compiling.
///
/// # Example
/// ```
/// #![allow(deprecated)]
/// use landed_cost::money::fx::{ExchangeRateKind, RateKind};
/// assert_eq!(RateKind::Daily, ExchangeRateKind::Daily);
/// ```
#[deprecated(
    since = "0.2.0",
    note = "renamed `ExchangeRateKind` (`money::Rate` is a percentage, not an exchange rate)"
)]
pub type RateKind = ExchangeRateKind;

/// The former name of [`ExchangeRateQuery`], kept so code written against 0.1 keeps compiling.
///
/// # Example
/// ```
/// #![allow(deprecated)]
/// use chrono::NaiveDate;
/// use landed_cost::money::fx::{ExchangeRateKind, RateQuery};
/// let date = NaiveDate::from_ymd_opt(2025, 4, 9).ok_or("bad date")?;
/// let query = RateQuery::on_or_before(date, 7).kind(ExchangeRateKind::Daily);
/// # let _ = query;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[deprecated(
    since = "0.2.0",
    note = "renamed `ExchangeRateQuery` (`money::Rate` is a percentage, not an exchange rate)"
)]
pub type RateQuery = ExchangeRateQuery;

#[cfg(test)]
mod tests;
