//! Unit tests of the exchange-rate tables and the customs rule.

use super::customs::quarter_start;
#[cfg(feature = "embedded-data")]
use super::table::EMBEDDED_REFERENCE;
use super::*;
use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::error::Error;
use crate::money::Currency;

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn table(rows: &str) -> ExchangeRateTable {
    ExchangeRateTable::from_csv_reader(format!("date,from,to,rate,kind,source\n{rows}").as_bytes())
        .unwrap()
}

#[test]
fn the_customs_rule_on_reference_rates_takes_the_daily_rate_from_five_percent() {
    let t = table(
        "2025-04-01,USD,CNY,7.0000,reference,r\n\
         2025-04-08,USD,CNY,7.3500,reference,r\n\
         2025-04-09,USD,CNY,7.3499,reference,r\n",
    );
    // 7.35 is 5.00% from 7.00: the daily rate.
    let at_five = t
        .customs_rate_from_reference(Currency::CNY, date("2025-04-08"))
        .unwrap();
    assert_eq!(at_five.chosen(), ExchangeRateKind::Daily);
    assert_eq!(at_five.rate().date(), date("2025-04-08"));
    assert!(
        at_five.reason().contains("5% or more"),
        "{}",
        at_five.reason()
    );
    // 7.3499 is 4.9986% from it: the quarterly rate, the quarter's first.
    let below = t
        .customs_rate_from_reference(Currency::CNY, date("2025-04-09"))
        .unwrap();
    assert_eq!(below.chosen(), ExchangeRateKind::Quarterly);
    assert_eq!(below.rate().date(), date("2025-04-01"));
    assert!(below
        .reason()
        .contains("the quarter's first reference rate (2025-04-01"));
    // A Sunday: the daily rate is the latest in the week before.
    let sunday = t
        .customs_rate_from_reference(Currency::CNY, date("2025-04-13"))
        .unwrap();
    assert_eq!(sunday.chosen(), ExchangeRateKind::Quarterly);
    assert_eq!(
        sunday.variance().map(|v| v.to_string()),
        Some("4.99857142857142857142857143%".into())
    );
}

#[test]
fn the_quarters_first_reference_rate_is_the_first_published_in_it() {
    let t = table(
        "2024-12-31,USD,CNY,7.2993,reference,r\n\
         2025-01-02,USD,CNY,7.3000,reference,r\n\
         2025-02-10,USD,CNY,7.2900,reference,r\n",
    );
    let d = t
        .customs_rate_from_reference(Currency::CNY, date("2025-02-10"))
        .unwrap();
    assert_eq!(d.rate().date(), date("2025-01-02"));
    // On 1 January no rate of the quarter is published yet: the latest daily rate, said so.
    let new_year = t
        .customs_rate_from_reference(Currency::CNY, date("2025-01-01"))
        .unwrap();
    assert_eq!(new_year.chosen(), ExchangeRateKind::Daily);
    assert_eq!(new_year.rate().date(), date("2024-12-31"));
    assert!(new_year.reason().contains("no quarterly rate"));
    // Nothing within reach: a typed error naming the pair and date.
    let early = t
        .customs_rate_from_reference(Currency::CNY, date("2024-06-01"))
        .unwrap_err();
    assert!(matches!(
        early,
        Error::MissingExchangeRate {
            from: Currency::CNY,
            ..
        }
    ));
    assert!(t
        .customs_rate_from_reference(Currency::USD, date("2025-02-10"))
        .is_err());
}

#[test]
fn the_embedded_reference_rates_go_through_the_euro() {
    let t = ExchangeRateTable::embedded_reference();
    // Q1 2025 opens on 2 January (1 January is a TARGET holiday).
    let d = t
        .customs_rate_from_reference(Currency::HKD, date("2025-02-10"))
        .unwrap();
    assert_eq!(d.rate().date(), date("2025-01-02"));
    assert_eq!(d.chosen(), ExchangeRateKind::Quarterly);
    assert!(d.reason().contains("ECB"), "{}", d.reason());
}

#[test]
fn missing_and_stale_name_pair_and_date() {
    let t = table("2025-04-01,USD,CNY,7.2,daily,x\n");
    let err = t
        .find(
            Currency::USD,
            Currency::EUR,
            &ExchangeRateQuery::exact(date("2025-04-01")),
        )
        .unwrap_err();
    assert_eq!(
        err,
        Error::MissingExchangeRate {
            from: Currency::USD,
            to: Currency::EUR,
            date: date("2025-04-01")
        }
    );
    assert!(err.to_string().contains("USD/EUR") && err.to_string().contains("2025-04-01"));
    let err = t
        .find(
            Currency::USD,
            Currency::CNY,
            &ExchangeRateQuery::on_or_before(date("2025-04-10"), 3),
        )
        .unwrap_err();
    assert!(
        matches!(err, Error::StaleExchangeRate { age_days: 9, .. }),
        "{err}"
    );
    let early = t.find(
        Currency::USD,
        Currency::CNY,
        &ExchangeRateQuery::on_or_before(date("2025-03-31"), 30),
    );
    assert!(matches!(early, Err(Error::MissingExchangeRate { .. })));
}

#[test]
fn latest_on_or_before_and_inverse() {
    let t = table("2025-04-01,USD,CNY,7.2,daily,x\n2025-04-03,USD,CNY,7.3,daily,x\n");
    let r = t
        .find(
            Currency::USD,
            Currency::CNY,
            &ExchangeRateQuery::on_or_before(date("2025-04-05"), 5),
        )
        .unwrap();
    assert_eq!(r.rate(), "7.3".parse().unwrap());
    let inv = t
        .find(
            Currency::CNY,
            Currency::USD,
            &ExchangeRateQuery::exact(date("2025-04-01")),
        )
        .unwrap();
    assert_eq!(inv.date(), date("2025-04-01"));
    assert!(inv.source().starts_with("inverse of"));
}

#[test]
fn kinds_are_separate_series() {
    let t = table("2025-04-01,USD,CNY,7.2,quarterly,x\n");
    assert!(t
        .find(
            Currency::USD,
            Currency::CNY,
            &ExchangeRateQuery::exact(date("2025-04-01"))
        )
        .is_err());
}

#[test]
fn malformed_csv_rows() {
    for (row, field) in [
        ("2025-13-01,USD,CNY,7.2,daily,x", "date"),
        ("2025-04-01,USD,ZZZ,7.2,daily,x", "to"),
        ("2025-04-01,USD,CNY,abc,daily,x", "rate"),
        ("2025-04-01,USD,CNY,0,daily,x", "rate"),
        ("2025-04-01,USD,CNY,7.2,hourly,x", "kind"),
    ] {
        let csv = format!("date,from,to,rate,kind,source\n2025-04-01,USD,EUR,0.9,daily,\n{row}\n");
        let err = ExchangeRateTable::from_csv_reader(csv.as_bytes()).unwrap_err();
        match err {
            Error::Data { line, field: f, .. } => {
                assert_eq!(line, 3, "{row}");
                assert_eq!(f, field, "{row}");
            }
            other => panic!("{row}: {other:?}"),
        }
    }
    let missing = "date,from,to,rate\n2025-04-01,USD,CNY,7.2\n";
    assert!(ExchangeRateTable::from_csv_reader(missing.as_bytes()).is_err());
}

#[test]
fn customs_rule_threshold_both_directions() {
    // Quarterly 7.00 CNY per USD; daily 7.35 (+5.00%), 7.3493 (+4.99%), 6.65 (−5%), 6.6507.
    for (daily, expected) in [
        ("7.35", ExchangeRateKind::Daily),
        ("7.3493", ExchangeRateKind::Quarterly),
        ("6.65", ExchangeRateKind::Daily),
        ("6.6507", ExchangeRateKind::Quarterly),
    ] {
        let t = table(&format!(
            "2025-04-01,USD,CNY,7.00,quarterly,q\n2025-04-09,USD,CNY,{daily},daily,d\n"
        ));
        let d = t.customs_rate(Currency::CNY, date("2025-04-09")).unwrap();
        assert_eq!(d.chosen(), expected, "daily {daily}");
        assert_eq!(d.rate().from(), Currency::CNY);
    }
    // Stored the other way round (USD per CNY): the same decisions.
    let t = table("2025-04-01,CNY,USD,0.125,quarterly,q\n2025-04-09,CNY,USD,0.1,daily,d\n");
    let d = t.customs_rate(Currency::CNY, date("2025-04-09")).unwrap();
    assert_eq!(d.chosen(), ExchangeRateKind::Daily);
}

#[test]
fn customs_rule_uses_the_quarter_of_exportation() {
    let t = table("2025-01-02,USD,CNY,7.30,quarterly,q\n2025-04-09,USD,CNY,7.35,daily,d\n");
    // No quarterly rate for Q2: the daily rate, said so.
    let d = t.customs_rate(Currency::CNY, date("2025-04-09")).unwrap();
    assert_eq!(d.chosen(), ExchangeRateKind::Daily);
    assert!(d.reason().contains("no quarterly rate"));
    assert!(t.customs_rate(Currency::CNY, date("2024-12-31")).is_err());
    assert!(t.customs_rate(Currency::USD, date("2025-04-09")).is_err());
}

#[test]
fn rates_display_with_six_significant_digits() {
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    assert_eq!(
        significant(d("0.0000379895908521065228127493"), 6).to_string(),
        "0.0000379896"
    );
    assert_eq!(significant(d("7.20660"), 6).to_string(), "7.2066");
    assert_eq!(significant(d("26323"), 6).to_string(), "26323");
    assert_eq!(significant(d("1068906.5"), 6).to_string(), "1068907");
    assert_eq!(significant(d("0.13605735"), 6).to_string(), "0.136057");
    assert_eq!(significant(d("0"), 6).to_string(), "0");
    let r = ExchangeRate::new(
        Currency::VND,
        Currency::USD,
        d("0.0000379895908521065228127493"),
        date("2026-03-31"),
        ExchangeRateKind::Reporting,
        "US Treasury",
    )
    .unwrap();
    assert_eq!(
        r.to_string(),
        "1 VND = 0.0000379896 USD on 2026-03-31 (reporting, US Treasury)"
    );
}

#[test]
fn quarter_starts() {
    assert_eq!(quarter_start(date("2025-04-09")), date("2025-04-01"));
    assert_eq!(quarter_start(date("2025-12-31")), date("2025-10-01"));
    assert_eq!(quarter_start(date("2025-01-01")), date("2025-01-01"));
}

#[test]
fn embedded_reference_rates_load() {
    let parsed = ExchangeRateTable::from_csv_reader(EMBEDDED_REFERENCE.as_bytes()).unwrap();
    assert!(parsed.len() > 7000);
    assert_eq!(ExchangeRateTable::embedded_reference().len(), parsed.len());
    let q = ExchangeRateQuery::exact(date("2025-04-09")).kind(ExchangeRateKind::Reference);
    let eur_usd = parsed.find(Currency::EUR, Currency::USD, &q).unwrap();
    assert_eq!(eur_usd.rate(), "1.1045".parse().unwrap());
}

#[test]
fn json_round_trip() {
    let t = table("2025-04-01,USD,CNY,7.2,daily,x\n");
    let rates: Vec<&ExchangeRate> = t.iter().collect();
    let json = serde_json::to_string(&rates).unwrap();
    let back = ExchangeRateTable::from_json_reader(json.as_bytes()).unwrap();
    assert_eq!(back, t);
    assert!(ExchangeRateTable::from_json_reader(&b"[{\"date\":\"2025-04-01\"}]"[..]).is_err());
}
