//! # landed-cost
//!
//! Exact, explained economics of cross-border trade: money and exchange rates, HS codes, duty-rate
//! expressions, dated tariff measures, and what it costs to land a product in a market on a date.
//!
//! ```
//! use landed_cost::{Currency, Money, Rate};
//! use rust_decimal::Decimal;
//!
//! let value: Money = "10000.00 USD".parse()?;
//! let mfn: Rate = "20%".parse()?;
//! let duty = value.checked_mul_rate(mfn)?;
//! assert_eq!(duty, Money::new(Decimal::from(2000), Currency::USD));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod country;
pub mod error;
pub mod hs;
pub mod money;
pub mod quantity;
pub mod tariff;

pub use country::CountryCode;
pub use error::{Error, Result};
pub use hs::HsCode;
pub use money::{Currency, ExchangeRate, Money, Rate, RateTable, RoundingMode};
pub use quantity::{Quantity, Unit};
pub use tariff::{DutyBase, DutyRate, TariffBook};

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
