//! Markets other than the US (DOMAIN.md §3 and §4): every low-value threshold at, below and
//! above it, every date boundary of the data, the EU €3 example, VAT bases with freight and
//! duty, China's cross-border retail formula, and the error for a missing rate.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use landed_cost::{Error, LandedCost, Shipment, TariffBook};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// A one-line shipment: CIF value in the market's currency unless `currency` says otherwise.
#[allow(clippy::too_many_arguments)]
fn shipment(
    importer: &str,
    origin: &str,
    mode: &str,
    entry: &str,
    currency: &str,
    incoterm: &str,
    freight: &str,
    lines: &str,
    extra: &str,
) -> Shipment {
    let json = format!(
        r#"{{ "importer": "{importer}", "origin": "{origin}", "mode": "{mode}",
             "export_date": "{entry}", "entry_date": "{entry}", "currency": "{currency}",
             "incoterm": "{incoterm}", "freight": "{freight}", "lines": [{lines}] {extra} }}"#
    );
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

fn line(hts: &str, value: &str, rates: &str) -> String {
    format!(r#"{{ "hts": "{hts}", "value": "{value}", "rates": {{ {rates} }} }}"#)
}

fn quote(s: &Shipment) -> LandedCost {
    let cost = TariffBook::embedded()
        .quote(s)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_grouped_by_kind(&cost);
    // The crate's JSON writer writes what serde_json writes (checked on every quote here).
    assert_eq!(
        cost.to_json().unwrap(),
        serde_json::to_string(&cost).unwrap()
    );
    cost
}

/// Each charge sits where its authority's kind says: a line's charges are duties, the fees are
/// fees, the taxes are taxes (checked on every quote of this file).
fn assert_grouped_by_kind(cost: &LandedCost) {
    use landed_cost::market::ChargeKind;
    for line in &cost.lines {
        for c in &line.charges {
            assert_eq!(c.authority.kind(), ChargeKind::Duty, "{}", c.authority);
        }
    }
    for f in &cost.fees {
        assert_eq!(f.authority.kind(), ChargeKind::Fee, "{}", f.authority);
    }
    for t in &cost.taxes {
        assert_eq!(t.authority.kind(), ChargeKind::Tax, "{}", t.authority);
    }
}

fn authorities(amounts: &[landed_cost::landed::Charge]) -> Vec<(String, String)> {
    amounts
        .iter()
        .map(|c| (c.authority.to_string(), c.amount.to_string()))
        .collect()
}

#[test]
fn eu_three_blouses_in_two_categories_pay_six_euros() {
    // DOMAIN.md §3: one silk blouse and two wool blouses hold two categories, so €6.
    let lines = [
        line("6206.10.00", "40.00", r#""mfn": "12%""#),
        line("6206.20.00", "30.00", r#""mfn": "12%""#),
        line("6206.20.00", "30.00", r#""mfn": "12%""#),
    ]
    .join(",");
    let q = quote(&shipment(
        "DE",
        "CN",
        "postal",
        "2026-07-01",
        "EUR",
        "FOB",
        "0",
        &lines,
        "",
    ));
    assert_eq!(q.duties_total, d("6.00"));
    let flat: Vec<_> = q
        .charges()
        .filter(|c| c.authority.to_string() == "flat_duty")
        .collect();
    assert_eq!(flat.len(), 2);
    assert_eq!(flat[0].heading.to_string(), "6206.10");
    assert_eq!(flat[1].heading.to_string(), "6206.20");
    assert!(q.de_minimis.applies);
    // VAT from the first euro: 19% of €100.
    assert_eq!(q.taxes_total, d("19.00"));
    assert_eq!(q.landed_total, d("125.00"));
}

#[test]
fn eu_flat_duty_starts_on_1_july_2026_and_ends_on_1_july_2028() {
    let lines = line("6206.10.00", "40.00", r#""mfn": "12%""#);
    let duty_on = |date: &str| {
        quote(&shipment(
            "NL", "CN", "postal", date, "EUR", "FOB", "0", &lines, "",
        ))
        .duties_total
    };
    assert_eq!(duty_on("2026-06-30"), d("0"));
    assert_eq!(duty_on("2026-07-01"), d("3.00"));
    // Totals are written in the currency's minor units, even when nothing is due.
    let relieved = quote(&shipment(
        "NL",
        "CN",
        "postal",
        "2026-06-30",
        "EUR",
        "FOB",
        "0",
        &lines,
        "",
    ));
    let json = serde_json::to_value(&relieved).unwrap();
    assert_eq!(json["duties_total"], "0.00");
    assert_eq!(json["fees_total"], "0.00");
    assert_eq!(duty_on("2026-07-02"), d("3.00"));
    assert_eq!(duty_on("2028-06-30"), d("3.00"));
    assert_eq!(duty_on("2028-07-01"), d("0"));
}

#[test]
fn eu_duty_relief_at_below_and_above_150_euros_of_intrinsic_value() {
    let at = |value: &str| {
        quote(&shipment(
            "DE",
            "CN",
            "express",
            "2026-05-01",
            "EUR",
            "FOB",
            "20.00",
            &line("4202.92.00", value, r#""mfn": "3.7%""#),
            "",
        ))
    };
    // Freight does not count towards the intrinsic value.
    let below = at("149.99");
    assert!(below.de_minimis.applies);
    assert_eq!(below.duties_total, d("0"));
    let at_150 = at("150.00");
    assert!(at_150.de_minimis.applies);
    assert_eq!(at_150.duties_total, d("0"));
    // Above: duty on the CIF value, VAT on CIF + duty.
    let above = at("150.01");
    assert!(!above.de_minimis.applies);
    assert_eq!(above.customs_value, d("170.01"));
    assert_eq!(above.duties_total, d("6.29")); // 3.7% × 170.01 = 6.29037
    assert_eq!(above.taxes[0].base, d("176.30")); // 170.01 + 6.29
    assert_eq!(above.taxes_total, d("33.50")); // 19% × 176.30 = 33.497
}

#[test]
fn vat_bases_include_freight_insurance_and_duty_above_the_threshold() {
    // France, ocean, CIF values: VAT 20% on (customs value + duty).
    let s = shipment(
        "FR",
        "CN",
        "ocean",
        "2025-10-01",
        "EUR",
        "FOB",
        "1200.00",
        &line("6402.99.00", "10000.00", r#""mfn": "16.9%""#),
        r#", "insurance": "60.00""#,
    );
    let q = quote(&s);
    assert_eq!(q.customs_value, d("11260.00"));
    assert_eq!(q.duties_total, d("1902.94")); // 16.9% × 11,260
    assert_eq!(q.taxes[0].base, d("13162.94"));
    assert_eq!(q.taxes_total, d("2632.59")); // 20% × 13,162.94 = 2632.588
    assert_eq!(q.landed_total, d("15795.53")); // 10,000 + 1,200 + 60 + 1,902.94 + 2,632.59
}

#[test]
fn member_state_vat_changes_on_their_dates() {
    let vat = |importer: &str, date: &str| {
        quote(&shipment(
            importer,
            "CN",
            "ocean",
            date,
            "EUR",
            "FOB",
            "0",
            &line("9503.00.00", "1000.00", r#""mfn": "0%""#),
            "",
        ))
        .taxes_total
    };
    // Estonia 22% → 24% on 1 July 2025; Romania 19% → 21% on 1 August 2025.
    assert_eq!(vat("EE", "2025-06-30"), d("220.00"));
    assert_eq!(vat("EE", "2025-07-01"), d("240.00"));
    assert_eq!(vat("EE", "2025-07-02"), d("240.00"));
    assert_eq!(vat("RO", "2025-07-31"), d("190.00"));
    assert_eq!(vat("RO", "2025-08-01"), d("210.00"));
    assert_eq!(vat("RO", "2025-08-02"), d("210.00"));
    // Every member state has a rate.
    for member in [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
        "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
    ] {
        assert!(vat(member, "2026-01-15") > Decimal::ZERO, "{member}");
    }
    assert_eq!(vat("FI", "2026-01-15"), d("255.00"));
}

#[test]
fn italy_and_france_handling_fees_start_on_their_dates() {
    let fees = |importer: &str, date: &str| {
        let lines = [
            line("6206.10.00", "40.00", r#""mfn": "12%""#),
            line("6109.10.00", "20.00", r#""mfn": "12%""#),
        ]
        .join(",");
        quote(&shipment(
            importer, "CN", "postal", date, "EUR", "FOB", "0", &lines, "",
        ))
        .fees_total
    };
    assert_eq!(fees("IT", "2025-12-31"), d("0"));
    assert_eq!(fees("IT", "2026-01-01"), d("2.00")); // per consignment
    assert_eq!(fees("FR", "2026-02-28"), d("0"));
    assert_eq!(fees("FR", "2026-03-01"), d("4.00")); // per item category: two
    assert_eq!(fees("DE", "2026-03-01"), d("0"));
}

#[test]
fn uk_relief_at_135_pounds_with_vat_at_sale() {
    let at = |value: &str| {
        quote(&shipment(
            "GB",
            "CN",
            "express",
            "2025-09-01",
            "GBP",
            "FOB",
            "10.00",
            &line("6402.99.00", value, r#""mfn": "16%""#),
            "",
        ))
    };
    let below = at("134.99");
    assert!(below.de_minimis.applies);
    assert_eq!(below.taxes_total, d("29.00")); // 20% × (134.99 + 10) = 28.998
    assert!(below.taxes[0].explanation().to_string().contains("at sale"));
    assert!(at("135.00").de_minimis.applies);
    let above = at("135.01");
    assert_eq!(above.duties_total, d("23.20")); // 16% × 145.01 = 23.2016
    assert_eq!(above.taxes_total, d("33.64")); // 20% × (145.01 + 23.20) = 33.642
}

#[test]
fn canada_20_dollars_from_china_and_cusma_40_and_150_from_the_us() {
    let q = |origin: &str, mode: &str, value: &str| {
        quote(&shipment(
            "CA",
            origin,
            mode,
            "2025-09-01",
            "CAD",
            "FOB",
            "0",
            &line("9503.00.00", value, r#""mfn": "0%""#),
            "",
        ))
    };
    assert_eq!(q("CN", "postal", "19.99").taxes_total, d("0"));
    assert_eq!(q("CN", "postal", "20.00").taxes_total, d("0"));
    assert_eq!(q("CN", "postal", "20.01").taxes_total, d("1.00")); // GST 5%
                                                                   // Ocean freight from China: no relief at all; the quote says what GST leaves out.
    let ocean = q("CN", "ocean", "10.00");
    assert_eq!(ocean.taxes_total, d("0.50"));
    assert!(
        ocean.warnings.iter().any(|w| w.contains("provincial")),
        "{:?}",
        ocean.warnings
    );
    // Courier from the US: tax-free to CAD 40, duty-free to CAD 150.
    assert_eq!(q("US", "express", "40.00").taxes_total, d("0"));
    assert_eq!(q("US", "express", "40.01").taxes_total, d("2.00"));
    assert!(q("US", "express", "150.00").de_minimis.applies);
    assert!(!q("US", "express", "150.01").de_minimis.applies);
    // Goods of China shipped from the US count as shipped from the US.
    let from_us = shipment(
        "CA",
        "CN",
        "express",
        "2025-09-01",
        "CAD",
        "FOB",
        "0",
        &line("9503.00.00", "30.00", r#""mfn": "0%""#),
        r#", "shipped_from": "US""#,
    );
    assert_eq!(quote(&from_us).taxes_total, d("0"));
    // By mail from the US or Mexico: the CAD 20 of the postal remission, whatever the country
    // of shipment (the CUSMA thresholds are for courier shipments).
    assert!(q("US", "postal", "15.00").de_minimis.applies);
    assert_eq!(q("US", "postal", "15.00").landed_total, d("15.00"));
    assert_eq!(q("MX", "postal", "20.00").taxes_total, d("0"));
    assert_eq!(q("US", "postal", "20.01").taxes_total, d("1.00"));
}

#[test]
fn australia_1000_dollars_with_gst_on_price_plus_shipping() {
    let at = |value: &str| {
        quote(&shipment(
            "AU",
            "CN",
            "air",
            "2025-09-01",
            "AUD",
            "FOB",
            "50.00",
            &line("6402.99.00", value, r#""mfn": "5%""#),
            "",
        ))
    };
    let below = at("999.99");
    assert_eq!(below.duties_total, d("0"));
    assert_eq!(below.taxes_total, d("105.00")); // 10% × (999.99 + 50)
    assert!(at("1000.00").de_minimis.applies);
    let above = at("1000.01");
    // FOB valuation: duty on 1000.01; GST on value + duty + freight.
    assert_eq!(above.customs_value, d("1000.01"));
    assert_eq!(above.duties_total, d("50.00"));
    assert_eq!(above.taxes_total, d("110.00")); // 10% × (1000.01 + 50.00 + 50.00)
}

#[test]
fn japan_10000_yen_with_the_60_percent_rule_for_personal_imports() {
    let q = |hts: &str, value: &str, consignee: &str| {
        quote(&shipment(
            "JP",
            "CN",
            "postal",
            "2025-09-01",
            "JPY",
            "FOB",
            "0",
            &line(hts, value, r#""mfn": "3.9%""#),
            &format!(r#", "consignee": "{consignee}""#),
        ))
    };
    assert!(q("9503.00", "10000", "business").de_minimis.applies);
    let above = q("9503.00", "10001", "business");
    assert!(!above.de_minimis.applies);
    assert_eq!(above.duties_total, d("390")); // 3.9% × ¥10,001, to the yen
    assert_eq!(above.taxes_total, d("1039")); // 10% × (10,001 + 390)
                                              // A consumer's toys are taxed on 60% of the price: ¥16,666 → ¥10,000, relieved.
    assert!(q("9503.00", "16666", "consumer").de_minimis.applies);
    assert!(!q("9503.00", "16668", "consumer").de_minimis.applies);
    // Footwear is excepted: taxed on the full price.
    assert!(!q("6402.99", "16666", "consumer").de_minimis.applies);
}

#[test]
fn china_cross_border_retail_with_a_consumption_tax_good() {
    // Cosmetics with 15% consumption tax and 13% VAT, RMB 1,000 CIF to a consumer:
    // (0.15 + 0.13) / (1 − 0.15) × 70% × 1,000 = 230.59.
    let s = |value: &str, consignee: &str| {
        shipment(
            "CN",
            "JP",
            "express",
            "2025-09-01",
            "CNY",
            "CIF",
            "0",
            &line("3304.99", value, r#""mfn": "5%", "consumption_tax": "15%""#),
            &format!(r#", "consignee": "{consignee}""#),
        )
    };
    let q = quote(&s("1000.00", "consumer"));
    assert_eq!(q.duties_total, d("0.00"));
    assert_eq!(
        authorities(&q.taxes),
        [
            ("consumption_tax".to_owned(), "123.53".to_owned()),
            ("vat".to_owned(), "107.06".to_owned())
        ]
    );
    assert_eq!(q.taxes_total, d("230.59"));
    // At the RMB 5,000 limit still retail; above it general trade: duty 5%, then full CT, VAT.
    assert_eq!(quote(&s("5000.00", "consumer")).duties_total, d("0.00"));
    let general = quote(&s("5000.01", "consumer"));
    assert_eq!(general.duties_total, d("250.00"));
    // CT = (5000.01 + 250) / 0.85 × 0.15 = 926.47; VAT = (5000.01 + 250 + 926.47) × 13% = 802.94.
    assert_eq!(
        authorities(&general.taxes),
        [
            ("consumption_tax".to_owned(), "926.47".to_owned()),
            ("vat".to_owned(), "802.94".to_owned())
        ]
    );
    // A business import is general trade at any value.
    assert_eq!(quote(&s("1000.00", "business")).duties_total, d("50.00"));
}

#[test]
fn a_good_without_a_consumption_tax_rate_gets_a_warning_not_a_silent_zero() {
    let s = shipment(
        "CN",
        "JP",
        "express",
        "2025-09-01",
        "CNY",
        "CIF",
        "0",
        &line("9503.00", "1000.00", r#""mfn": "0%""#),
        r#", "consignee": "consumer""#,
    );
    let q = quote(&s);
    assert_eq!(q.taxes_total, d("91.00")); // 13% × 70% × 1,000
    assert!(q.warnings.iter().any(|w| w.contains("consumption_tax")));
}

#[test]
fn a_missing_mfn_rate_is_an_error_naming_the_line_and_the_rate() {
    let lines = [
        line("9503.00", "500.00", r#""mfn": "0%""#),
        line("6402.99", "500.00", ""),
    ]
    .join(",");
    let s = shipment(
        "DE",
        "CN",
        "ocean",
        "2025-09-01",
        "EUR",
        "FOB",
        "0",
        &lines,
        "",
    );
    match TariffBook::embedded().quote(&s) {
        Err(Error::MissingRate { line, rate, .. }) => {
            assert_eq!(line, 2);
            assert_eq!(rate, "mfn");
        }
        other => panic!("{other:?}"),
    }
    let message = TariffBook::embedded().quote(&s).unwrap_err().to_string();
    assert!(
        message.contains("line 2 (6402.99)") && message.contains("\"mfn\""),
        "{message}"
    );
    // Below the threshold the rate is not needed.
    let small = shipment(
        "DE",
        "CN",
        "postal",
        "2025-09-01",
        "EUR",
        "FOB",
        "0",
        &line("6402.99", "20.00", ""),
        "",
    );
    assert!(TariffBook::embedded().quote(&small).is_ok());
}

#[test]
fn other_currencies_convert_at_the_reference_rate_with_a_warning() {
    let s = shipment(
        "DE",
        "CN",
        "ocean",
        "2025-09-01",
        "USD",
        "FOB",
        "0",
        &line("9503.00", "1000.00", r#""mfn": "0%""#),
        "",
    );
    let q = quote(&s);
    assert_eq!(q.currency.code(), "EUR");
    assert!(
        q.customs_value > d("800") && q.customs_value < d("900"),
        "{}",
        q.customs_value
    );
    assert!(q.warnings.iter().any(|w| w.contains("ECB reference rate")));
}

#[test]
fn an_importer_without_rules_is_an_error_that_lists_the_markets() {
    let s = shipment(
        "BR",
        "CN",
        "ocean",
        "2025-09-01",
        "USD",
        "FOB",
        "0",
        &line("9503.00", "1.00", ""),
        "",
    );
    let message = TariffBook::embedded().quote(&s).unwrap_err().to_string();
    assert!(
        message.contains("BR") && message.contains("Markets::from_json_reader"),
        "{message}"
    );
}

#[test]
fn every_embedded_market_rule_cites_a_source() {
    let markets = landed_cost::market::Markets::parse_embedded().unwrap();
    assert_eq!(markets.markets.len(), 6);
    let eu = markets.for_importer("DE".parse().unwrap()).unwrap();
    assert_eq!(eu.importers.len(), 27);
    for m in &markets.markets {
        assert!(!m.provenance.sources.is_empty(), "{}", m.key);
        assert!(m.taxes.iter().all(|t| !t.provenance.sources.is_empty()));
        assert!(m.reliefs.iter().all(|r| !r.provenance.sources.is_empty()));
        assert!(m
            .fixed_charges
            .iter()
            .all(|c| !c.provenance.sources.is_empty()));
    }
}

#[test]
fn an_entry_before_a_markets_data_starts_is_refused_not_answered_from_partial_rules() {
    // The EU VAT rates are held from the Commission's table of 1 January 2025.
    let early = shipment(
        "DE",
        "CN",
        "ocean",
        "2024-12-31",
        "EUR",
        "FOB",
        "0",
        &line("9503.00", "1000.00", r#""mfn": "0%""#),
        "",
    );
    let message = TariffBook::embedded()
        .quote(&early)
        .unwrap_err()
        .to_string();
    assert!(message.contains("starts on 2025-01-01"), "{message}");
    // China's RMB 5,000 cross-border limit holds from 1 January 2019.
    let cn = landed_cost::market::Markets::embedded()
        .for_importer("CN".parse().unwrap())
        .unwrap();
    assert!(cn
        .cross_border_retail_on("2019-01-01".parse().unwrap())
        .is_some());
    assert!(cn
        .cross_border_retail_on("2018-12-31".parse().unwrap())
        .is_none());
}
