//! Quotes meet inconsistent or adversarial shipments with an error that names the field, give
//! the same answer whatever the order of the lines, and stay linear in the number of lines.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use landed_cost::landed::{Incoterm, LandedCost, Shipment};
use landed_cost::tariff::Authority;
use landed_cost::{Error, Money, Rate, TariffBook};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};

fn book() -> &'static TariffBook {
    TariffBook::embedded()
}

fn shipment(value: Value) -> Shipment {
    serde_json::from_value(value).unwrap()
}

/// A US shipment of goods of China with the given lines, other fields overridden by `extra`.
fn us(lines: Value, extra: Value) -> Value {
    let mut s = json!({"importer": "US", "origin": "CN", "mode": "ocean",
        "export_date": "2025-06-01", "entry_date": "2025-06-05", "loaded_date": "2025-06-01",
        "currency": "USD", "lines": lines});
    if let (Some(s), Some(extra)) = (s.as_object_mut(), extra.as_object()) {
        for (k, v) in extra {
            s.insert(k.clone(), v.clone());
        }
    }
    s
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn amount(q: &LandedCost, authority: Authority) -> Decimal {
    q.charges()
        .filter(|c| c.authority == authority)
        .map(|c| c.amount)
        .sum::<Decimal>()
        + q.fees
            .iter()
            .filter(|f| f.authority == authority)
            .map(|f| f.amount)
            .sum::<Decimal>()
}

/// The quote of a shipment, with its lines in the order given by `order`, compared line by line
/// with the quote of the original order.
fn same_quote_in_order(s: &Shipment, order: &[usize]) -> Result<(), String> {
    let mut permuted = s.clone();
    permuted.lines = order.iter().map(|&i| s.lines[i].clone()).collect();
    match (book().quote(s), book().quote(&permuted)) {
        (Ok(a), Ok(b)) => {
            // Each line's costs in the original order against the same line's in the new order;
            // identical input lines are interchangeable, so they are compared as a group.
            let line = |q: &LandedCost, i: usize| serde_json::to_string(&q.lines[i]).unwrap();
            let input = |i: usize| serde_json::to_string(&s.lines[i]).unwrap();
            let mut groups: std::collections::BTreeMap<String, (Vec<String>, Vec<String>)> =
                std::collections::BTreeMap::new();
            for (position, &original) in order.iter().enumerate() {
                let group = groups.entry(input(original)).or_default();
                group.0.push(line(&a, original));
                group.1.push(line(&b, position));
            }
            for (input, (mut before, mut after)) in groups {
                before.sort();
                after.sort();
                if before != after {
                    return Err(format!("{input}: {before:?} != {after:?}"));
                }
            }
            let totals = |q: &LandedCost| {
                (
                    q.customs_value,
                    q.duties_total,
                    q.fees_total,
                    q.taxes_total,
                    q.landed_total,
                    serde_json::to_string(&q.fees).unwrap(),
                    // Taxes are listed line by line: in the lines' order.
                    {
                        let mut taxes: Vec<String> = q
                            .taxes
                            .iter()
                            .map(|t| serde_json::to_string(t).unwrap())
                            .collect();
                        taxes.sort();
                        taxes
                    },
                    serde_json::to_string(&q.de_minimis).unwrap(),
                )
            };
            if totals(&a) != totals(&b) {
                return Err(format!("{:?} != {:?}", totals(&a), totals(&b)));
            }
            let mut wa = a.warnings.clone();
            let mut wb = b.warnings.clone();
            wa.sort();
            wb.sort();
            if wa != wb {
                return Err(format!("warnings {wa:?} != {wb:?}"));
            }
            Ok(())
        }
        (Err(_), Err(_)) => Ok(()),
        (a, b) => Err(format!("{:?} vs {:?}", a.err(), b.err())),
    }
}

// 1. A mixed-origin postal parcel: each line by its own origin's regime, in any order.

#[test]
fn a_mixed_origin_postal_parcel_does_not_depend_on_line_order() {
    let vn = json!({"hts": "6402.99.90", "value": "300.00", "origin": "VN"});
    let cn = json!({"hts": "6402.99.90", "value": "500.00", "origin": "CN"});
    let extra = json!({"mode": "postal", "postal_duty_method": "ad_valorem"});
    let a = book()
        .quote(&shipment(us(json!([vn, cn]), extra.clone())))
        .unwrap();
    let b = book().quote(&shipment(us(json!([cn, vn]), extra))).unwrap();
    assert_eq!(a.landed_total, b.landed_total);
    assert_eq!(a.duties_total, b.duties_total);
    // The Chinese goods pay the 54% postal duty on their own value (EO 14298), not the whole
    // parcel's; the Vietnamese goods pay their ordinary duties (MFN 20%, reciprocal 10%).
    assert_eq!(amount(&a, Authority::PostalDuty), d("270.00"));
    assert_eq!(a.lines[1].charges.len(), 1);
    assert_eq!(a.lines[1].charges[0].authority, Authority::PostalDuty);
    assert_eq!(amount(&a, Authority::Mfn), d("60.00"));
    assert_eq!(amount(&a, Authority::IeepaReciprocal), d("30.00"));
    // The entry fee is on the goods that pay the ordinary duties.
    assert_eq!(amount(&a, Authority::Mpf), d("2.62"));
    assert!(
        a.warnings
            .iter()
            .any(|w| w.contains("several origins (CN, VN)")),
        "{:?}",
        a.warnings
    );
    // A parcel of one origin is charged as before: 54% of the whole.
    let only_cn = book()
        .quote(&shipment(us(
            json!([cn, {"hts": "6110.20.20", "value": "300.00"}]),
            json!({"mode": "postal", "postal_duty_method": "ad_valorem"}),
        )))
        .unwrap();
    assert_eq!(only_cn.duties_total, d("432.00"));
    assert!(only_cn.fees.is_empty());
    assert!(!only_cn
        .warnings
        .iter()
        .any(|w| w.contains("several origins")));
}

#[test]
fn per_item_postal_duties_that_differ_by_origin_are_an_error() {
    let lines = json!([
        {"hts": "6402.99.90", "value": "50.00", "origin": "VN"},
        {"hts": "6402.99.90", "value": "50.00", "origin": "CN"}
    ]);
    let extra = json!({"mode": "postal", "postal_duty_method": "per_item",
        "export_date": "2025-09-01", "entry_date": "2025-09-05", "loaded_date": "2025-09-01"});
    let e = book().quote(&shipment(us(lines, extra))).unwrap_err();
    match &e {
        Error::InvalidShipment { field, reason } => {
            assert_eq!(field, "postal_duty_method");
            assert!(reason.contains("ad_valorem"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
}

// 2. Metal content is validated.

#[test]
fn metal_and_us_content_outside_the_line_value_are_errors() {
    let line = |content: Value| {
        let mut l = json!({"hts": "7326.90.86", "value": "1000.00"});
        for (k, v) in content.as_object().unwrap() {
            l[k] = v.clone();
        }
        shipment(us(json!([l]), json!({})))
    };
    for content in [
        json!({"metal_content": [{"metal": "steel", "value": "-500"}]}),
        json!({"metal_content": [{"metal": "steel", "value": "5000"}]}),
        json!({"metal_content": [{"metal": "steel", "value": "100"}, {"metal": "steel", "value": "200"}]}),
        json!({"us_content": "-1"}),
        json!({"us_content": "1000.01"}),
    ] {
        match book().quote(&line(content.clone())) {
            Err(Error::InvalidMetalContent { index: 0, .. }) => {}
            other => panic!("{content}: {other:?}"),
        }
    }
    // At the bounds the line is quoted, 232 on the declared steel only.
    let q = book()
        .quote(&line(
            json!({"metal_content": [{"metal": "steel", "value": "1000.00"}]}),
        ))
        .unwrap();
    assert!(q.duties_total > Decimal::ZERO);
    let q = book()
        .quote(&line(
            json!({"metal_content": [{"metal": "steel", "value": "250"}]}),
        ))
        .unwrap();
    assert!(amount(&q, Authority::Section232) >= Decimal::ZERO);
}

// 3. Warnings are kept once, in constant time each.

#[test]
fn warnings_repeated_by_many_lines_are_kept_once() {
    let lines: Vec<Value> = (0..2_000)
        .map(|i| {
            let origin = if i < 1_000 { "CN" } else { "VN" };
            json!({"hts": "6402.99.90", "value": "100.00", "origin": origin, "rates": {"mfn": "5%"}})
        })
        .collect();
    let q = book()
        .quote(&shipment(us(json!(lines), json!({}))))
        .unwrap();
    let rates_ignored = q
        .warnings
        .iter()
        .filter(|w| w.contains("rates given are not used"))
        .count();
    assert_eq!(
        rates_ignored,
        1,
        "{:?}",
        &q.warnings[..q.warnings.len().min(3)]
    );
    let mut unique = q.warnings.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), q.warnings.len());
}

// 6. Ties in the freight allocation go by the lines, not their positions.

#[test]
fn freight_ties_do_not_depend_on_line_order() {
    let a = json!({"hts": "6402.99.90", "value": "100.50"});
    let b = json!({"hts": "6110.20.20", "value": "100.50"});
    let extra = json!({"incoterm": "CIF", "freight": "0.01"});
    let ab = book()
        .quote(&shipment(us(json!([a, b]), extra.clone())))
        .unwrap();
    let ba = book().quote(&shipment(us(json!([b, a]), extra))).unwrap();
    assert_eq!(ab.duties_total, ba.duties_total);
    assert_eq!(ab.lines[0].freight, ba.lines[1].freight);
    assert_eq!(ab.lines[1].freight, ba.lines[0].freight);
    assert_eq!(ab.lines[0].freight + ab.lines[1].freight, d("0.01"));
}

// 8. No silent precision loss.

#[test]
fn results_that_would_be_rounded_are_errors() {
    let max: Money = "79228162514264337593543950335 USD".parse().unwrap();
    let cent: Money = "0.01 USD".parse().unwrap();
    assert!(matches!(
        max.checked_add(cent),
        Err(Error::PrecisionLoss { .. })
    ));
    assert!(matches!(
        max.checked_sub(cent),
        Err(Error::PrecisionLoss { .. })
    ));
    assert!(matches!(max.checked_add(max), Err(Error::Overflow { .. })));
    assert!("0.0000000000000000000000000001%".parse::<Rate>().is_err());
    assert_eq!(
        "0.0000000000000000000000001%"
            .parse::<Rate>()
            .unwrap()
            .to_string(),
        "0.0000000000000000000000001%"
    );
    let rate: Rate = "37.5%".parse().unwrap();
    assert!(matches!(
        rate.apply(d("7922816251426433759354395033.5")),
        Err(Error::PrecisionLoss { .. })
    ));
}

// 9. Inconsistent shipments are errors that name the field.

#[test]
fn inconsistent_shipments_name_the_field() {
    let line = json!({"hts": "6402.99.90", "value": "1000.00"});
    let cases: Vec<(Value, &str)> = vec![
        (json!({"entry_date": "2025-05-01"}), "entry_date"),
        (json!({"loaded_date": "2025-06-06"}), "loaded_date"),
        (json!({"origin": "ZZ"}), "origin"),
        (json!({"origin": "UK"}), "origin"),
        (json!({"origin": "US"}), "origin"),
        (
            json!({"lines": [{"hts": "6402.99.90", "value": "1", "origin": "US"}]}),
            "lines[0].origin",
        ),
        (
            json!({"lines": [line.clone(), {"hts": "1234567", "value": "1"}]}),
            "lines[1].hts",
        ),
        (
            json!({"lines": [{"hts": "6402.99.90", "value": "1", "rates": {"mfm": "5%"}}]}),
            "lines[0].rates.mfm",
        ),
    ];
    for (extra, field) in cases {
        match book().quote(&shipment(us(json!([line.clone()]), extra.clone()))) {
            Err(Error::InvalidShipment { field: f, reason }) => {
                assert_eq!(f, field, "{extra}");
                let message = Error::InvalidShipment { field: f, reason }.to_string();
                assert!(message.starts_with(field), "{message}");
            }
            other => panic!("{extra}: {other:?}"),
        }
    }
    // The same checks hold for the other markets.
    let eu = json!({"importer": "FR", "origin": "UK", "mode": "express", "export_date": "2026-03-01",
        "entry_date": "2026-03-03", "currency": "EUR",
        "lines": [{"hts": "6206.10", "value": "30.00", "rates": {"mfn": "12%"}}]});
    assert!(matches!(
        book().quote(&shipment(eu)),
        Err(Error::InvalidShipment { .. })
    ));
}

#[test]
fn a_missing_loaded_date_is_the_export_date_with_a_warning() {
    // Exported 1 April 2025, entered 20 April: in transit before the 5 April reciprocal duty.
    let lines = json!([{"hts": "6402.99.90", "value": "10000.00"}]);
    let dated = json!({"export_date": "2025-04-01", "entry_date": "2025-04-20", "loaded_date": "2025-04-01"});
    let undated =
        json!({"export_date": "2025-04-01", "entry_date": "2025-04-20", "loaded_date": null});
    let with = book().quote(&shipment(us(lines.clone(), dated))).unwrap();
    let without = book().quote(&shipment(us(lines, undated))).unwrap();
    assert_eq!(without.duties_total, with.duties_total);
    assert_eq!(amount(&without, Authority::IeepaReciprocal), Decimal::ZERO);
    assert!(
        without
            .warnings
            .iter()
            .any(|w| w.contains("loaded_date not given")),
        "{:?}",
        without.warnings
    );
    assert!(!with.warnings.iter().any(|w| w.contains("loaded_date")));
}

// 10. Error texts a person can act on.

#[test]
fn error_texts_name_the_field_and_what_to_write() {
    let text = |value: Value| {
        serde_json::from_value::<Shipment>(value)
            .unwrap_err()
            .to_string()
    };
    let line = json!({"hts": "6402.99.90", "value": "1000.00"});
    let e = text(us(
        json!([line.clone()]),
        json!({"entry_date": "2025-02-30"}),
    ));
    assert!(
        e.contains("entry_date: 2025-02-30 is not a date; write YYYY-MM-DD"),
        "{e}"
    );
    let e = text(us(json!([line.clone()]), json!({"loaded_date": 20250601})));
    assert!(e.contains("loaded_date") && e.contains("YYYY-MM-DD"), "{e}");
    let e = text(us(json!([{"hts": "6402.99.90", "value": 1000}]), json!({})));
    assert!(e.contains("written as strings"), "{e}");
    let e = text(us(json!([line.clone()]), json!({"freight": 12.5})));
    assert!(e.contains("written as strings"), "{e}");

    // A specific rate without its quantity names the JSON field.
    let wine = json!([{"hts": "2204.21.50", "value": "1000.00"}]);
    let e = book().quote(&shipment(us(wine, json!({})))).unwrap_err();
    assert!(
        matches!(e, Error::MissingQuantity { .. }) && e.to_string().contains("\"quantities\""),
        "{e}"
    );
    // Enums print as the JSON writes them.
    let e = book()
        .quote(&shipment(us(
            json!([{"hts": "6402.99.90", "value": "1.00"}, {"hts": "6110.20.20", "value": "0.01"}]),
            json!({"incoterm": "CIF", "freight": "5.00"}),
        )))
        .unwrap_err();
    assert!(e.to_string().contains("its CIF value"), "{e}");
    assert_eq!(Incoterm::Cif.to_string(), "CIF");
}

// Permutations: the quote of a shipment does not depend on the order of its lines.

fn a_line() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(vec![
            "6402.99.90",
            "6110.20.20",
            "7326.90.86",
            "8471.30.01",
            "9503.00.00",
        ]),
        prop::sample::select(vec!["100.50", "250.00", "100.50", "799.99", "1000", "0.01"]),
        prop::sample::select(vec![None, Some("CN"), Some("VN"), Some("HK"), Some("MX")]),
        any::<bool>(),
    )
        .prop_map(|(hts, value, origin, steel)| {
            let mut l = json!({"hts": hts, "value": value});
            if let Some(o) = origin {
                l["origin"] = json!(o);
            }
            if steel && hts == "7326.90.86" {
                l["metal_content"] = json!([{"metal": "steel", "value": "0.01"}]);
            }
            l
        })
}

fn a_shipment() -> impl Strategy<Value = Shipment> {
    (
        prop::collection::vec(a_line(), 1..6),
        prop::sample::select(vec!["postal", "ocean", "express"]),
        prop::sample::select(vec![
            "2025-04-20",
            "2025-06-05",
            "2025-08-01",
            "2025-09-05",
            "2025-11-12",
            "2026-03-02",
        ]),
        prop::sample::select(vec!["FOB", "CIF"]),
        prop::sample::select(vec!["0", "0.01", "0.03", "10.03"]),
        prop::sample::select(vec![None, Some("ad_valorem"), Some("per_item")]),
        any::<bool>(),
    )
        .prop_map(|(lines, mode, entry, incoterm, freight, method, loaded)| {
            let mut s = json!({"importer": "US", "origin": "CN", "mode": mode,
                "export_date": "2025-04-01", "entry_date": entry,
                "currency": "USD", "incoterm": incoterm, "freight": freight, "insurance": freight,
                "lines": lines});
            if loaded {
                s["loaded_date"] = json!("2025-04-02");
            }
            if let Some(m) = method {
                s["postal_duty_method"] = json!(m);
            }
            shipment(s)
        })
}

/// Shipments to France (the EU's low-value rules and flat duty per category from July 2026).
fn an_eu_shipment() -> impl Strategy<Value = Shipment> {
    (
        prop::collection::vec(
            (
                prop::sample::select(vec!["6206.10", "6206.20", "6402.99", "6110.20"]),
                prop::sample::select(vec!["30.00", "50.00", "30.00", "149.99"]),
            ),
            1..5,
        ),
        prop::sample::select(vec!["2026-03-02", "2026-07-02"]),
        prop::sample::select(vec!["0", "0.01", "5.03"]),
    )
        .prop_map(|(lines, entry, freight)| {
            let lines: Vec<Value> = lines
                .into_iter()
                .map(|(hts, value)| json!({"hts": hts, "value": value, "rates": {"mfn": "12%"}}))
                .collect();
            shipment(json!({"importer": "FR", "origin": "CN", "mode": "express",
                "export_date": "2026-03-01", "entry_date": entry, "currency": "EUR",
                "incoterm": "CIF", "freight": freight, "consignee": "consumer", "lines": lines}))
        })
}

fn with_order(s: Shipment) -> impl Strategy<Value = (Shipment, Vec<usize>)> {
    let n = s.lines.len();
    (Just(s), Just((0..n).collect::<Vec<usize>>()).prop_shuffle())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(192)
    ))]

    /// US quotes, postal and not: the same charges on the same lines, the same totals, fees and
    /// warnings, whatever the order of the lines.
    #[test]
    fn us_quotes_do_not_depend_on_line_order((s, order) in a_shipment().prop_flat_map(with_order)) {
        prop_assert_eq!(same_quote_in_order(&s, &order), Ok(()));
    }

    /// The same for another market's quotes.
    #[test]
    fn market_quotes_do_not_depend_on_line_order((s, order) in an_eu_shipment().prop_flat_map(with_order)) {
        prop_assert_eq!(same_quote_in_order(&s, &order), Ok(()));
    }
}
