//! # landed-cost
//!
//! Exact, explained economics of cross-border trade: money and exchange rates, HS codes, duty-rate
//! expressions, the official US tariff files, and the dated US measures of 2025–2026.
//!
//! ## A short tour
//!
//! Money is exact and knows its currency; arithmetic that can fail returns a `Result`:
//!
//! ```
//! use landed_cost::{Money, Rate, RoundingMode};
//! let value: Money = "10000.00 USD".parse()?;
//! let duty = value.checked_mul_rate("7.5%".parse::<Rate>()?)?.round(RoundingMode::HalfEven);
//! assert_eq!(duty.to_string(), "750.00 USD");
//! assert!(value.checked_add("1 EUR".parse()?).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Exchange rates are dated; US customs converts at the certified rate for the date of
//! exportation, the quarterly one unless the daily one differs by 5% or more (19 CFR 159.34).
//! The ECB reference rates and the US Treasury's quarterly reporting rates are embedded to stand
//! in for them:
//!
//! ```
//! use landed_cost::money::fx::{ExchangeRateKind, ExchangeRateTable};
//! use landed_cost::Currency;
//! let rates = ExchangeRateTable::from_csv_reader(
//!     "date,from,to,rate,kind,source\n\
//!      2025-04-01,USD,CNY,7.0000,quarterly,FRBNY\n\
//!      2025-04-09,USD,CNY,7.3500,daily,FRBNY\n".as_bytes())?;
//! let decision = rates.customs_rate(Currency::CNY, "2025-04-09".parse()?)?;
//! assert_eq!(decision.rate().kind(), ExchangeRateKind::Daily); // 5% from the quarterly rate
//! println!("{}", decision.reason());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Duty rates are parsed from the texts the USITC publishes and computed on a value and
//! quantities:
//!
//! ```
//! use landed_cost::{Currency, DutyBase, DutyRate, Money, Quantity, Unit};
//! use rust_decimal::Decimal;
//! let rate: DutyRate = "90 cents/pr. + 37.5%".parse()?;
//! let base = DutyBase::new(Money::new(Decimal::from(1000), Currency::USD))
//!     .with_quantity(Quantity::new(Decimal::from(12), "PRS".parse::<Unit>()?));
//! assert_eq!(rate.duty(&base)?, "385.80 USD".parse()?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The [`TariffBook`] knows which US measures apply to a product of an origin on a date, and why:
//!
//! ```
//! use landed_cost::{CountryCode, TariffBook};
//! let book = TariffBook::embedded();
//! let what = book.applicable(&"6402.99.90".parse()?, CountryCode::CN, "2025-04-15".parse()?, None)?;
//! for charge in &what.applied {
//!     println!("{} {} {}: {}", charge.authority, charge.heading, charge.rate, charge.reason);
//! }
//! assert_eq!(what.ad_valorem_total()?.to_string(), "172.5%"); // MFN 20 + 301 7.5 + 20 + 125
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! And [`TariffBook::quote`] lands a whole shipment, every charge explained:
//!
//! ```
//! use landed_cost::{Shipment, TariffBook};
//! let shipment: Shipment = serde_json::from_str(r#"{
//!     "importer": "US", "origin": "CN", "mode": "ocean",
//!     "export_date": "2025-04-15", "entry_date": "2025-05-03", "loaded_date": "2025-04-15",
//!     "currency": "USD", "freight": "1200.00", "insurance": "60.00",
//!     "lines": [ { "hts": "6402.99.90", "value": "10000.00",
//!                  "quantities": [ { "amount": "500", "unit": "PRS" } ] } ] }"#)?;
//! let quote = TariffBook::embedded().quote(&shipment)?;
//! assert_eq!(quote.duties_total.to_string(), "17250.00"); // 20 + 7.5 + 20 + 125 %
//! assert_eq!(quote.landed_total.to_string(), "28557.14"); // + freight, insurance, MPF, HMF
//! for charge in quote.charges() {
//!     println!("{}", charge.explanation());
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A shipment can be built in code from typed values, checked as the JSON is, and a quote is
//! good for today: fees and rules past the end of the data are used with typed [`Warning`]s a
//! program can act on (or refused, with [`QuoteOptions::strict`]):
//!
//! ```
//! use landed_cost::landed::{Line, Mode};
//! use landed_cost::{CountryCode, QuoteOptions, Shipment, TariffBook, WarningCode};
//! let shipment = Shipment::builder(CountryCode::US, CountryCode::CN, Mode::Ocean)
//!     .export_date("2026-11-10".parse()?)
//!     .entry_date("2026-11-30".parse()?)
//!     .line(Line::builder("6402.99.90".parse()?, "9000.00 USD".parse()?))
//!     .build()?;
//! let book = TariffBook::embedded();
//! let quote = book.quote(&shipment)?;
//! assert_eq!(quote.fees[0].amount.to_string(), "34.58"); // FY2027 MPF minimum
//! assert!(quote.warnings.iter().any(|w| w.code() == WarningCode::RulesKnownThrough));
//! println!("{quote}"); // charge by charge
//! assert!(book.quote_with(&shipment, &QuoteOptions::new().strict(true)).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The same [`Shipment`] lands in the other markets, whose rules are data ([`market`]):
//!
//! ```
//! use landed_cost::{Shipment, TariffBook};
//! let to_germany: Shipment = serde_json::from_str(r#"{
//!     "importer": "DE", "origin": "CN", "mode": "ocean",
//!     "export_date": "2025-09-10", "entry_date": "2025-10-01", "currency": "EUR",
//!     "freight": "1200.00", "insurance": "60.00",
//!     "lines": [ { "hts": "6402.99", "value": "10000.00", "rates": { "mfn": "16.9%" } } ] }"#)?;
//! let quote = TariffBook::embedded().quote(&to_germany)?;
//! assert_eq!(quote.customs_value.to_string(), "11260.00");   // CIF
//! assert_eq!(quote.duties_total.to_string(), "1902.94");     // 16.9% of CIF
//! assert_eq!(quote.taxes_total.to_string(), "2500.96");      // 19% VAT on CIF + duty
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! And the exporter asks whether selling at home pays better ([`trade`]):
//!
//! ```
//! use landed_cost::trade::{Channel, ChannelAssumptions, ChannelModel, Product};
//! let toy = Product::new("YW-TOY-001", "9503.00.00".parse()?, "18 CNY".parse()?,
//!     "4.20 USD".parse()?, "49 CNY".parse()?, "13%".parse()?)?;
//! let model = ChannelModel::embedded();
//! let assumptions = ChannelAssumptions::default();
//! let day = "2025-04-15".parse()?; // reciprocal duty at 125%
//! let export = model.breakdown(Channel::ExportB2b, &toy, day, &assumptions)?;
//! let home = model.breakdown(Channel::Domestic, &toy, day, &assumptions)?;
//! assert!(home.margin.amount() > export.margin.amount());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Modules
//!
//! * [`money`]: [`Currency`], [`Money`], [`Rate`], [`RoundingMode`], allocation, and
//!   [`money::fx`] for dated exchange rates and the US customs conversion rule.
//! * [`hs`]: [`HsCode`]. [`quantity`]: [`Unit`] and [`Quantity`]. [`country`]: [`CountryCode`].
//! * [`tariff`]: [`DutyRate`] and [`DutyBase`]; [`tariff::usitc`] for the official USITC files;
//!   [`tariff::hts`] for the embedded schedule by edition; measures and the [`TariffBook`].
//! * [`landed`]: [`Shipment`] in, [`LandedCost`] out: the quote pipeline (valuation, duties,
//!   fees, taxes, assembly), the US rules (de minimis and postal regimes, duties, MPF and HMF),
//!   and the explanation of every charge.
//! * [`market`]: every market's import rules as data: the other markets (the EU member states,
//!   the UK, Canada, Australia, Japan, China: valuation, low-value reliefs, VAT, GST and
//!   consumption tax, fixed charges), the US fees and low-value rules ([`landed::UsRules`]), and
//!   the vocabulary all rules are written in ([`tariff::Authority`], [`tariff::OriginScope`],
//!   [`landed::Mode`]).
//! * [`trade`]: the exporter's side: [`trade::Exporter`], [`trade::Product`], the April 2025
//!   [`trade::PlatformProgram`]s with their sources, channel economics
//!   ([`trade::ChannelModel`]) and the pivot analysis with its break-even US duty.
//! * [`error`]: the one [`Error`] type; [`warning`]: [`Warning`] and its stable [`WarningCode`]s.
//!
//! ## Following one shipment
//!
//! A [`Shipment`] (from JSON or the builders) goes through one pipeline whatever its importer;
//! the US and every other market are rule sets the pipeline is given:
//!
//! ```text
//!  Shipment ─▶ landed/validate.rs   fields that contradict each other, or that no quote can use
//!           ─▶ landed/quote.rs      TariffBook::quote*: the importer's rules, then the stages
//!                                   of landed/pipeline.rs:
//!   1 valuation  landed/valuation.rs (to the quote currency with landed/conversion.rs, freight
//!                and insurance shared); US: de minimis and the postal regimes (landed/us/);
//!                other markets: FOB or CIF, reliefs, cross-border retail
//!                (landed/market/quote.rs)
//!   2 duties     US: per line, the MFN duty and the measures the measure engine finds
//!                (tariff/engine/: index → coverage → eligibility → interactions → stacking),
//!                charged in landed/us/duties.rs; other markets:
//!                landed/market/charges.rs
//!   3 fees       US: MPF and HMF in landed/us/fees.rs; other markets: handling fees
//!   4 taxes      other markets: VAT, GST, consumption tax in
//!                landed/market/charges.rs
//!   5 assembly   LandedCost::from_parts (landed/cost/): amounts at minor units, totals
//! ```
//!
//! The pieces every stage shares sit below the rule sets and import nothing above them: money and
//! rates ([`money`], [`money::fx`]), the sums and roundings (`landed/arith.rs`), allocation
//! ([`Money::allocate`]), the stable line order (`landed/order.rs`) and the typed
//! [`Warning`]s.
//!
//! The top-level modules are layered, each importing only from those below it:
//!
//! ```text
//!   trade                 the exporter's side
//!   landed                shipments and the quote pipeline (US: landed/us/, others: landed/market/)
//!   tariff                duty rates, the HTS, measures, the measure engine, the TariffBook
//!   market                every market's rules as data, which the TariffBook holds
//!   money, quantity, ...  amounts, rates, quantities, warnings, the Error
//!   country, hs,          the identifiers and the units, each with its own parse error,
//!   currency, unit        below the Error
//! ```
//!
//! `tests/house.rs` fails on any import cycle (between modules or top-level modules), on a
//! source file over 600 lines and on a function over 80; `tools/import_graph.py` prints the graph and its cycles.
//!
//! ## Decisions
//!
//! * **No operators that can fail.** Adding amounts in two currencies, or overflowing, is an
//!   error value, never a panic: there is no `impl Add for Money`.
//! * **Rounding happens where a rule says so**, with a named [`RoundingMode`]; amounts are
//!   otherwise kept exact.
//! * **Dates are inputs.** Every rule has a validity interval on the date that governs it (for US
//!   duties, the entry date; for in-transit rules, the loading date); the same question on
//!   another date gives that date's answer.
//! * **Data, not code.** Rates, dates and product lists live in `data/` with their sources and are
//!   loaded through the same public loaders users have.
//! * **Errors say what to do.** Input that can be wrong returns a `Result`; the library never
//!   panics on input. A quote that needs a rate the data does not hold is an
//!   [`Error::MissingRate`] naming the line and the rate, never a silent zero.
//! * **Explanations are rendered when read.** A charge keeps the facts of its explanation
//!   ([`landed::Text`]) and writes the sentence only when displayed or serialized, so quoting a
//!   catalogue costs little more than its arithmetic.
//! * **Where rounding happens** is documented where it happens: [`landed::quote`] for US quotes
//!   (19 CFR 159.3: ad valorem duties on whole dollars, each charge to the cent) and the
//!   [`market`] module for the others.
//!
//! ## Feature flags
//!
//! * `parallel` (off by default): [`TariffBook::quote_batch`] quotes on all cores with rayon.
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

/// Implements serde for a type through its `Display` and `FromStr`: serialized as its text,
/// deserialized by parsing (borrowed where the format allows), with the parse error's message.
macro_rules! serde_as_text {
    ($type:ty) => {
        impl ::serde::Serialize for $type {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        deserialize_from_text!($type);
    };
}

/// Implements `Deserialize` for a type through its `FromStr` (the half of [`serde_as_text`]
/// for a type that serializes its text its own way).
macro_rules! deserialize_from_text {
    ($type:ty) => {
        impl<'de> ::serde::Deserialize<'de> for $type {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                deserializer.deserialize_str($crate::input::FromText::new())
            }
        }
    };
}

pub mod country;
mod currency;
mod digits;
pub mod error;
pub mod hs;
mod input;
pub mod landed;
pub mod market;
pub mod money;
mod provenance;
pub mod quantity;
mod sniff;
pub mod tariff;
pub mod trade;
mod unit;
mod validity;
pub mod warning;

pub use country::CountryCode;
pub use error::{Error, Result};
pub use hs::HsCode;
pub use landed::{LandedCost, QuoteOptions, Shipment};
pub use money::{
    Currency, CustomsRate, ExchangeRate, ExchangeRateKind, ExchangeRateQuery, ExchangeRateTable,
    Money, Rate, RoundingMode,
};
#[allow(deprecated)]
pub use money::{RateKind, RateQuery, RateTable};
pub use provenance::Provenance;
pub use quantity::{Quantity, Unit};
pub use tariff::{DutyBase, DutyRate, TariffBook};
pub use validity::Validity;
pub use warning::{Warning, WarningCode};

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
