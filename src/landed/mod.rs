//! The landed-cost calculator: [`Shipment`] in, [`LandedCost`] out, every charge explained.
//!
//! [`TariffBook::quote`](crate::TariffBook::quote) values the shipment (US: transaction value
//! excluding international freight and insurance, converted to US dollars under 19 CFR 159.34),
//! applies the de minimis exemption or the postal regime where they hold, otherwise the MFN duty
//! and every applicable measure of the [`TariffBook`](crate::TariffBook) on each line (with the
//! metal-content and US-content bases), and the fees per entry (MPF with its fiscal year's
//! minimum and maximum, HMF for ocean shipments). See [`quote`] for where rounding happens.
//!
//! Every importer's quote runs the same stages (`pipeline.rs`): valuation (`valuation.rs`,
//! `conversion.rs`) → duties → fees → taxes → [`LandedCost`]; the US rules are in `us/`
//! (`de_minimis.rs`, `postal.rs`, `duties.rs`, and `fees.rs`, where the MPF and HMF are
//! computed), the other markets' in [`market`](crate::market).
//!
//! A shipment is checked first: fields that contradict each other or that no quote can use are
//! an [`Error::InvalidShipment`](crate::Error::InvalidShipment) or
//! [`Error::InvalidMetalContent`](crate::Error::InvalidMetalContent) naming the field as the
//! JSON writes it. A shipment without `loaded_date` is taken to be loaded on its `export_date`.
//! The quote does not depend on the order of the lines: where a choice would fall to a position
//! (a tie for the last cent of freight, the line that carries a charge made once for several
//! lines), the lines are taken in a stable order of their contents.
//!
//! # Postal parcels of several origins
//!
//! A postal item of an origin that lost de minimis pays, instead of all other duties, its
//! origin's postal duty: EO 14256 and EO 14298 for goods of China and Hong Kong (120%, then 54%,
//! or $100 per item), and from 29 August 2025 EO 14324 for all origins (the origin country's
//! effective IEEPA rate, or $80, $160 or $200 per item by that rate). These sources (DOMAIN.md
//! §3) give the duty by the origin of the goods and do not say how one parcel holding goods of
//! several origins is charged, so each line is charged by its own origin's regime: the lines of
//! one regime and rate pay it on their value in whole dollars; lines of an origin no postal regime
//! covers pay the ordinary duties, with the entry fees on their value; the per-item method is
//! charged once per item, and is an error when the origins' per-item amounts differ. Such a
//! parcel carries a warning.
//!
//! The public API contract:
//!
//! ```
//! use landed_cost::{TariffBook, Shipment, LandedCost};
//! let json = r#"{ "importer": "US", "origin": "CN", "mode": "ocean",
//!   "export_date": "2025-04-01", "entry_date": "2025-04-20", "loaded_date": "2025-04-01",
//!   "currency": "USD", "incoterm": "FOB", "freight": "1200.00", "insurance": "60.00",
//!   "lines": [ { "hts": "6402.99.90", "description": "rubber-soled sneakers", "value": "10000.00",
//!                "quantities": [ { "amount": "500", "unit": "PRS" } ],
//!                "metal_content": [ { "metal": "steel", "value": "0" } ] } ] }"#;
//! let book: &TariffBook = TariffBook::embedded();          // built once, then shared
//! let shipment: Shipment = serde_json::from_str(json)?;    // the JSON below
//! let quote: LandedCost = book.quote(&shipment)?;
//! let shipments = vec![shipment.clone(), shipment];
//! let many: Vec<Result<LandedCost, landed_cost::Error>> = book.quote_batch(&shipments);
//! assert_eq!(many.len(), 2);
//! // Loaded 1 April, entered 20 April: the reciprocal duty is waived in transit (9903.01.28).
//! assert_eq!(quote.duties_total.to_string(), "4750.00"); // MFN 20% + 301 7.5% + fentanyl 20%
//! let out = serde_json::to_value(&quote)?;
//! assert_eq!(out["fees"][0]["authority"], "mpf");
//! assert_eq!(out["fees"][0]["amount"], "34.64");
//! assert_eq!(out["lines"][0]["charges"][0]["rate"], "20%");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub(crate) mod arith;
mod build;
pub(crate) mod conversion;
pub(crate) mod cost;
pub(crate) mod json;
mod json_lines;
mod market;
mod not_charged;
mod options;
pub(crate) mod order;
pub(crate) mod pipeline;
pub mod quote;
mod shipment;
mod stream;
mod text;
mod us;
mod validate;
pub(crate) mod valuation;
pub(crate) mod warnings;

pub use crate::market::us::{
    Column2Countries, Column2Country, DeMinimisRule, DerivedRate, Fees, Hmf, ImportProhibition,
    ImportProhibitions, InformalEntryExclusion, LowValue, Mpf, MpfYear, PerItemBand,
    PostalAdValorem, PostalRegime, UsRules,
};
pub use build::{LineBuilder, ShipmentBuilder};
pub use cost::{Charge, DeMinimis, Explanation, Fee, LandedCost, LineCost, NotApplied};
pub use json::Explanations;
pub use json_lines::JsonLinesSummary;
pub use options::{QuoteOptions, DEFAULT_RATE_STALENESS_DAYS};
pub use shipment::{
    AllocationBasis, Consignee, Incoterm, Line, MetalContent, Mode, PostalDutyMethod, Shipment,
};
pub use stream::STREAM_CHUNK;
pub use text::Text;
