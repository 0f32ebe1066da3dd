//! The date of loading when a shipment does not give one.
//!
//! A shipment without `loaded_date` is taken to have been loaded on its final conveyance on its
//! `export_date` (goods leave the country of exportation on the conveyance they are loaded on).
//! Where an in-transit rule could turn on that date, the quote says it assumed it.

use crate::landed::shipment::Shipment;
use crate::tariff::{Applied, Excluded, ExclusionReason};

/// The warning for a line whose duties depend on the assumed date of loading: a measure that
/// applies, or was waived in transit, has an in-transit rule open on the entry date.
pub(crate) fn assumed_loading(
    shipment: &Shipment,
    excluded: &[Excluded<'_>],
    applied: &[Applied<'_>],
) -> Option<String> {
    let entry = shipment.entry_date;
    let waived = excluded.iter().filter_map(|e| match e.reason {
        ExclusionReason::InTransit { .. } => Some(e.measure),
        _ => None,
    });
    let rule = applied
        .iter()
        .filter_map(|a| a.measure)
        .chain(waived)
        .flat_map(|m| m.in_transit.iter())
        .find(|r| r.entered_before.is_none_or(|e| entry < e))?;
    Some(format!(
        "loaded_date not given: the export_date {} was taken as the date of loading on the final \
         conveyance, and the in-transit rule {} depends on it; give loaded_date",
        shipment.export_date, rule.heading
    ))
}
