//! The exporter's side: exporters and their products, the April 2025 platform programs, the
//! economics of each sales channel, and the pivot from exporting to selling at home.
//!
//! * [`Exporter`] and [`Product`]: who makes what, the unit cost in yuan, the FOB export price,
//!   the VAT-inclusive domestic retail price and the export VAT rebate rate.
//! * [`Platform`] and the platform fee schedules ([`FeeBook`], from `data/trade/platform_fees.json`).
//! * [`PlatformProgram`] and [`ProgramBook`]: the programs Chinese platforms launched in April
//!   2025 for exporters hit by US duties, with their sources (`data/trade/programs.json`), and
//!   the check of amounts printed in two currencies against the reference rate of their date
//!   ([`AmountCheck`]), which catches Pinduoduo's widely copied "RMB100 million ($13.7 billion)".
//! * [`ChannelModel`] ([`channel`]): the margin of one unit through each [`Channel`] on a date, line by line
//!   ([`ChannelBreakdown`]), with the US duties from the landed-cost calculator.
//! * The pivot analysis ([`ChannelModel::pivot`], [`pivot`]): margins by date, the best channel, the
//!   break-even additional US duty ([`BreakEven`]) and what-if scenarios ([`Scenario`]).
//!
//! ```
//! use landed_cost::money::fx::ExchangeRateTable;
//! use landed_cost::trade::{Channel, ChannelAssumptions, ChannelModel, Product, ProgramBook};
//!
//! let book = ProgramBook::embedded();
//! let checks = book.budget_checks(ExchangeRateTable::embedded_reference())?;
//! let (key, pdd) = checks.iter().find(|(_, c)| !c.consistent).ok_or("no flag")?;
//! assert_eq!(*key, "pinduoduo_pivot_upgrade");
//! println!("{}", pdd.explanation);
//!
//! let toy = Product::new("YW-TOY-001", "9503.00.00".parse()?, "18 CNY".parse()?,
//!     "4.20 USD".parse()?, "49 CNY".parse()?, "13%".parse()?)?;
//! let mut a = ChannelAssumptions::default();
//! a.pass_through = "100%".parse()?;
//! let model = ChannelModel::embedded();
//! let april = model.margins(&toy, "2025-04-15".parse()?, &a)?;
//! assert!(april[0].margin.is_negative()); // 145% duties pushed back: exporting loses money
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use rust_decimal::Decimal;

pub mod channel;
mod exporter;
pub mod pivot;
mod platform;
mod program;

pub use channel::{
    Channel, ChannelAssumptions, ChannelBreakdown, ChannelLine, ChannelModel, MAX_RATE_AGE_DAYS,
};
pub use exporter::{Exporter, Product};
pub use pivot::{
    monthly_dates, BreakEven, ChannelMargin, DutyChange, PivotAnalysis, PivotPoint, Scenario,
};
pub use platform::{FeeBook, MoneyRange, Platform, PlatformFees, RateRange};
pub use program::{
    AmountCheck, Benefit, BenefitKind, Eligibility, PlatformProgram, ProgramBook, ReportedAmount,
    Source, Targets, Window, AMOUNT_CHECK_TOLERANCE,
};

/// China's standard VAT rate, 13%, as a fraction (0.13): the ceiling of the export VAT rebate
/// a [`Product`] may claim.
///
/// The figure of MOF, STA and GAC Announcement \[2019\] No. 39 (13% from 1 April 2019). The VAT a
/// domestic sale is charged is not this constant but the CN market rule of the sale date
/// (`vat_cn_13` in `data/markets/markets.json`), so a change of rate is a change of data; a
/// test holds this constant equal to that rule.
///
/// # Example
/// ```
/// use landed_cost::trade::VAT_STANDARD;
/// assert_eq!(VAT_STANDARD.to_string(), "0.13");
/// ```
pub const VAT_STANDARD: Decimal = Decimal::from_parts(13, 0, 0, false, 2);
