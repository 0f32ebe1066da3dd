//! Unit tests of the channel economics.

use super::*;
use crate::money::RoundingMode;

fn toy() -> Product {
    crate::trade::exporter::toy()
        .with_cross_border_price("12.99 USD".parse().unwrap())
        .unwrap()
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn b2b_without_pass_through_is_price_minus_cost() {
    let model = ChannelModel::embedded();
    let b = model
        .breakdown(
            Channel::ExportB2b,
            &toy(),
            date("2025-04-15"),
            &ChannelAssumptions::default(),
        )
        .unwrap();
    let expected = Decimal::new(420, 2) * b.usd_cny - Decimal::from(18);
    assert_eq!(b.margin.amount(), expected);
    assert!(b.notes[0].contains("reference rate"));
}

#[test]
fn toy_duties_in_april_2025() {
    // 9503.00.00: MFN free, 301 List 4B never collected; fentanyl 20% + reciprocal 125%.
    let model = ChannelModel::embedded();
    let us = model
        .us_charges(&toy(), date("2025-04-15"), &ChannelAssumptions::default())
        .unwrap();
    assert_eq!(
        us.duties.round(RoundingMode::HalfEven).to_string(),
        "6.09 USD"
    );
    assert_eq!(us.reciprocal.to_string(), "5.25 USD");
}

#[test]
fn domestic_lines_add_up() {
    let mut a = ChannelAssumptions {
        domestic_platform: Platform::Tmall,
        domestic_commission: "5%".parse().unwrap(),
        annual_units: Some(30_000),
        ..ChannelAssumptions::default()
    };
    a.benefits
        .push(Benefit::commission_rebate("50%".parse().unwrap()).unwrap());
    a.benefits
        .push(Benefit::fee_waiver("100%".parse().unwrap()).unwrap());
    let b = ChannelModel::embedded()
        .breakdown(Channel::Domestic, &toy(), date("2025-06-02"), &a)
        .unwrap();
    // 49 − 5.637168… (VAT) − 2.34 (rebate) − 2.45 − 1 (annual 30000/30000) + 1.225 + 1 − 18
    let labels: Vec<&str> = b.lines.iter().map(|l| l.label.as_str()).collect();
    assert!(labels.contains(&"annual store fee"));
    assert_eq!(
        b.margin.round(RoundingMode::HalfEven).to_string(),
        "21.80 CNY"
    );
}

#[test]
fn unpriced_benefits_are_noted() {
    let program = crate::trade::ProgramBook::embedded()
        .program("alibaba_taobao_tmall")
        .unwrap();
    let a = ChannelAssumptions {
        domestic_platform: Platform::Tmall,
        domestic_commission: "3%".parse().unwrap(),
        ..ChannelAssumptions::default()
    }
    .with_program(program)
    .unwrap();
    let b = ChannelModel::embedded()
        .breakdown(Channel::Domestic, &toy(), date("2025-06-02"), &a)
        .unwrap();
    assert_eq!(
        b.notes
            .iter()
            .filter(|n| n.starts_with("program benefit not priced"))
            .count(),
        3
    );
    assert!(!b.lines.iter().any(|l| l.label.starts_with("program:")));
}

#[test]
fn commission_outside_range_is_an_error() {
    let a = ChannelAssumptions {
        domestic_platform: Platform::Tmall,
        domestic_commission: "20%".parse().unwrap(),
        ..ChannelAssumptions::default()
    };
    assert!(ChannelModel::embedded()
        .breakdown(Channel::Domestic, &toy(), date("2025-06-02"), &a)
        .is_err());
}

#[test]
fn missing_schedule_is_a_note() {
    let a = ChannelAssumptions {
        domestic_platform: Platform::Douyin,
        ..ChannelAssumptions::default()
    };
    let b = ChannelModel::embedded()
        .breakdown(Channel::Domestic, &toy(), date("2025-06-02"), &a)
        .unwrap();
    assert!(b.notes.iter().any(|n| n.contains("no fee schedule")));
}

#[test]
fn cross_border_into_germany_takes_vat_out_of_the_price_and_the_eu_duty_from_the_quote() {
    let mut a = ChannelAssumptions {
        destination: "DE".parse().unwrap(),
        ..ChannelAssumptions::default()
    };
    let model = ChannelModel::embedded();
    // Germany's tariff is not embedded: without the product's rate the quote says so.
    let missing = model.breakdown(Channel::CrossBorderB2c, &toy(), date("2025-06-02"), &a);
    assert!(
        matches!(missing, Err(Error::MissingRate { .. })),
        "{missing:?}"
    );
    a.destination_rates
        .insert("mfn".to_owned(), "4.7%".parse().unwrap());
    let b = model
        .breakdown(Channel::CrossBorderB2c, &toy(), date("2025-06-02"), &a)
        .unwrap();
    let amount = |label: &str| {
        b.lines
            .iter()
            .find(|l| l.label == label)
            .map(|l| l.amount.amount())
            .unwrap()
    };
    let price = amount("delivered price to consumers in DE");
    let vat = amount("vat in DE");
    // 19% inside the price: price × 19 / 119.
    assert_eq!(vat, -(price * (Decimal::new(19, 2) / Decimal::new(119, 2))));
    // 4.7% of the CIF value of 1,000 units, per unit, in yuan: negative and small.
    let duty = amount("duties in DE");
    assert!(duty < Decimal::ZERO && duty > -price, "{duty}");
    let total: Decimal = b.lines.iter().map(|l| l.amount.amount()).sum();
    assert_eq!(b.margin.amount(), total);
    assert!(b.notes.iter().any(|n| n.contains("EUR converted at")));
}

#[test]
fn cross_border_needs_a_price() {
    let mut p = toy();
    p.cross_border_price = None;
    assert!(ChannelModel::embedded()
        .breakdown(
            Channel::CrossBorderB2c,
            &p,
            date("2025-06-02"),
            &ChannelAssumptions::default()
        )
        .is_err());
}

#[test]
fn dates_outside_the_rates_are_errors() {
    assert!(ChannelModel::embedded()
        .breakdown(
            Channel::Domestic,
            &toy(),
            date("2024-06-03"),
            &ChannelAssumptions::default()
        )
        .is_err());
}

#[test]
fn the_vat_ceiling_constant_is_the_vat_of_the_cn_market_rules() {
    let markets = crate::market::Markets::embedded();
    let china = crate::country::CountryCode::CN;
    let cn = markets.for_importer(china).unwrap();
    let rates: Vec<_> = cn
        .tax_rules(china, date("2026-11-30"))
        .filter(|t| t.authority == crate::market::Authority::Vat)
        .filter_map(|t| t.rate)
        .collect();
    assert_eq!(
        rates.iter().map(|r| r.fraction()).collect::<Vec<_>>(),
        vec![crate::trade::VAT_STANDARD]
    );
}

#[test]
fn a_domestic_sale_without_a_vat_rule_for_its_date_is_an_error_naming_the_gap() {
    // The CN VAT rule holds from 2019-04-01; a book whose CN rules hold no VAT cannot price the
    // domestic channel and says what to add.
    let mut markets = crate::market::Markets::embedded().clone();
    for market in &mut markets.markets {
        market
            .taxes
            .retain(|t| t.authority != crate::market::Authority::Vat);
    }
    let book = TariffBook::embedded().clone().with_markets(markets);
    let model = ChannelModel::new(
        &book,
        ExchangeRateTable::embedded_reference(),
        FeeBook::embedded(),
    );
    let err = model
        .breakdown(
            Channel::Domestic,
            &toy(),
            date("2025-06-02"),
            &ChannelAssumptions::default(),
        )
        .unwrap_err();
    assert!(
        err.to_string().contains("no VAT rate for 2025-06-02"),
        "{err}"
    );
}
