//! The landed-cost calculator: [`Shipment`] in, [`LandedCost`] out, every charge explained.
//!
//! [`TariffBook::quote`](crate::TariffBook::quote) values the shipment (US: transaction value
//! excluding international freight and insurance, converted to US dollars under 19 CFR 159.34),
//! applies the de minimis exemption or the postal regime where they hold, otherwise the MFN duty
//! and every applicable measure of the [`TariffBook`](crate::TariffBook) on each line (with the
//! metal-content and US-content bases), and the fees per entry (MPF with its fiscal year's
//! minimum and maximum, HMF for ocean shipments). See [`quote`] for where rounding happens.

mod cost;
pub mod quote;
mod rules;
mod shipment;

pub use cost::{Charge, DeMinimis, Fee, LandedCost, LineCost, NotApplied};
pub use rules::{
    DeMinimisRule, DerivedRate, Fees, Hmf, LowValue, Mpf, MpfYear, PerItemBand, PostalAdValorem,
    PostalRegime, UsRules,
};
pub use shipment::{
    AllocationBasis, Consignee, Incoterm, Line, MetalContent, Mode, PostalDutyMethod, Shipment,
};

/// Serde for an optional decimal written as text.
pub(crate) mod optional_decimal {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the decimal as text, or null.
    pub(crate) fn serialize<S: Serializer>(
        value: &Option<Decimal>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => s.collect_str(v),
            None => s.serialize_none(),
        }
    }

    /// Reads an optional strict plain decimal.
    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Decimal>, D::Error> {
        let text = Option::<std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.map(|t| crate::money::parse_plain_decimal(&t).map_err(serde::de::Error::custom))
            .transpose()
    }
}
