//! Tariffs: duty-rate expressions ([`DutyRate`]) and what they apply to ([`DutyBase`]).
//!
//! A [`DutyRate`] is parsed once from its text (every form of the USITC annual tariff database
//! and the HTS exports, plus the min/max clauses of EU and UK compound duties) and then applied
//! to many bases without allocating. Texts that are not formulas parse into a typed
//! [`NonComputable`] rate whose duty is an error quoting the text; a specific component whose
//! quantity is missing is an error naming the unit. There is never a silent zero.
//!
//! The public API contract:
//!
//! ```
//! use landed_cost::{Currency, Money, Rate, HsCode, Quantity, Unit, DutyRate, DutyBase};
//! use rust_decimal::Decimal;
//! use std::str::FromStr;
//!
//! let price = Money::new(Decimal::from_str("19.99")?, Currency::USD);
//! let parsed: Money = "19.99 USD".parse()?;                 // also "USD 19.99"
//! assert_eq!(price, parsed);
//! let sum = price.checked_add(parsed)?;                      // Err on currency mismatch or overflow
//! let parts: Vec<Money> = sum.allocate(&[Decimal::ONE, Decimal::TWO])?; // sums exactly to `sum`
//! let cny = Currency::from_str("CNY")?;                      // any active ISO 4217 code
//! assert_eq!(cny.minor_units(), 2);
//!
//! let r: Rate = "6.5%".parse()?;
//! assert_eq!(r.to_string(), "6.5%");
//! let hs: HsCode = "6402.99.90".parse()?;                    // also "64029990"; 2 to 10 digits
//! assert_eq!(hs.to_string(), "6402.99.90");                  // Display in the dotted HTS form
//! let rate: DutyRate = "90 cents/pr. + 37.5%".parse()?;     // every USITC mfn_text_rate form
//! let base = DutyBase::new(Money::new(Decimal::from(1000), Currency::USD))
//!     .with_quantity(Quantity::new(Decimal::from(12), Unit::from_str("PRS")?)); // USITC unit codes
//! let duty: Money = rate.duty(&base)?;                       // 12 × $0.90 + 37.5% × $1000 = $385.80
//! assert_eq!(rate.to_string().parse::<DutyRate>()?.duty(&base)?, duty); // Display parses back
//! # assert_eq!(duty, Money::new(Decimal::from_str("385.80")?, Currency::USD));
//! # let _ = parts;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod applicability;
mod applicability_json;
mod book;
mod duty_base;
mod duty_rate;
pub(crate) mod engine;
pub(crate) mod horizon;
pub mod hts;
mod measure;
mod panel;
mod product_list;
mod rates;
mod reason;
pub mod usitc;

pub use crate::market::{Authority, OriginScope};
pub use applicability::{Applicability, Applied, Claims, Excluded};
pub use book::{MeasureSet, TariffBook};
pub use duty_base::DutyBase;
pub use duty_rate::{
    AdValorem, Component, DutyRate, DutyRateKind, NonComputable, NonComputableKind, Specific,
};
pub use measure::{
    Base, Evidence, Exclusion, Floor, HeadingRange, InTransitRule, Measure, Metal, ProductScope,
    Treatment,
};
pub use panel::{Panel, PanelOrigin, PanelRow, PanelSpec};
pub use product_list::{ListEntry, ProductList};
pub use rates::{RateEntry, Rates, RatesOptions};
pub(crate) use reason::column2_words;
pub use reason::{AppliedReason, ExclusionReason};
