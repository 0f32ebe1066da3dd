//! The texts of the US de minimis decision: within the threshold (citing the exemption), above
//! it, or no exemption for the origin on the date (citing the one that ended).

use std::fmt;
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::country::CountryCode;
use crate::landed::json::Dec;
use crate::validity::IsoDate;

/// The decision for a value at or below the threshold, citing the exemption.
pub(super) fn de_minimis_within(
    value: Decimal,
    threshold: Decimal,
    within: &str,
) -> impl fmt::Display + '_ {
    fmt::from_fn(move |f| {
        write!(
            f,
            "value ${} is at or below the ${} de minimis threshold ({within})",
            Dec(value),
            Dec(threshold)
        )
    })
}

/// The decision for a value above the threshold.
pub(super) fn de_minimis_above(value: Decimal, threshold: Decimal) -> impl fmt::Display {
    fmt::from_fn(move |f| {
        write!(
            f,
            "value ${} is above the ${} de minimis threshold",
            Dec(value),
            Dec(threshold)
        )
    })
}

/// No exemption for goods of `origin` entered on `entry`, citing the exemption that ended for
/// them (the first date it no longer applied, and its sources) when the data holds one.
pub(super) fn no_de_minimis(
    origin: CountryCode,
    entry: NaiveDate,
    ended: Option<&(NaiveDate, Arc<str>)>,
) -> impl fmt::Display + '_ {
    fmt::from_fn(move |f| {
        write!(
            f,
            "no de minimis exemption for goods of {origin} entered on {}",
            IsoDate(entry)
        )?;
        match ended {
            Some((until, citation)) => write!(f, " (none from {}: {citation})", IsoDate(*until)),
            None => f.write_str(" (the rules hold none for that origin)"),
        }
    })
}
