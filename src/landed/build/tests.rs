//! Unit tests of the shipment and line builders.

use super::*;
use crate::tariff::{Authority, Metal};

fn base() -> ShipmentBuilder {
    Shipment::builder(CountryCode::US, CountryCode::CN, Mode::Air)
        .export_date("2025-06-01".parse().unwrap())
        .entry_date("2025-06-03".parse().unwrap())
}

fn money(s: &str) -> Money {
    s.parse().unwrap()
}

#[test]
fn missing_dates_and_negative_amounts_are_named() {
    let line = || Line::builder("6402.99.90".parse().unwrap(), money("100 USD"));
    let no_entry = Shipment::builder(CountryCode::US, CountryCode::CN, Mode::Air)
        .export_date("2025-06-01".parse().unwrap())
        .line(line())
        .build()
        .unwrap_err();
    assert!(no_entry.to_string().contains("entry date"), "{no_entry}");
    let negative = base()
        .line(line().metal(Metal::Steel, money("-1 USD")))
        .build()
        .unwrap_err();
    assert!(
        matches!(&negative, Error::NegativeValue { what, .. } if what == "line 1 (6402.99.90) steel content"),
        "{negative:?}"
    );
    let value = base()
        .line(Line::builder(
            "6402.99.90".parse().unwrap(),
            money("-5 USD"),
        ))
        .build()
        .unwrap_err();
    assert!(matches!(value, Error::NegativeValue { .. }));
}

#[test]
fn rates_are_keyed_by_the_authority_name() {
    let s = base()
        .line(
            Line::builder("6109.10".parse().unwrap(), money("100 USD"))
                .rate(Authority::Mfn, "12%".parse().unwrap())
                .rate(Authority::Vat, "20%".parse().unwrap()),
        )
        .build()
        .unwrap();
    let keys: Vec<&str> = s.lines[0].rates.keys().map(String::as_str).collect();
    assert_eq!(keys, ["mfn", "vat"]);
}
