//! The tariff panel: rows at the 2025–2026 action boundaries, the CSV the same as the rows
//! streamed (in order, whatever the number of workers), and the rates without a shipment equal
//! to what applies.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use landed_cost::tariff::{Authority, TariffBook};
use landed_cost::{CountryCode, HsCode};

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// The panel's total (in percent) for sneakers (6402.99.90.05, MFN 20%) of `origin` on each
/// date.
fn sneaker_totals(origin: &str, dates: &[&str]) -> Vec<String> {
    let book = TariffBook::embedded();
    let spec = book
        .panel_spec()
        .dates(dates.iter().map(|d| date(d)).collect())
        .origins(vec![origin.parse().unwrap()])
        .codes(vec!["6402.99.90.05".parse().unwrap()]);
    book.panel(spec)
        .map(|row| {
            let row = row.unwrap();
            let rates = row.rates.as_ref().as_ref().unwrap();
            format!("{} {}", row.date, rates.total().unwrap())
        })
        .collect()
}

#[test]
fn the_revision_dates_hold_every_action_boundary() {
    let book = TariffBook::embedded();
    let dates = book.revision_dates(date("2025-01-01"), date("2026-12-31"));
    for d in [
        "2025-01-01", // the first day
        "2025-02-04", // IEEPA fentanyl, China 10%
        "2025-03-04", // fentanyl 20%, Canada and Mexico 25%
        "2025-04-05", // the reciprocal baseline of 10%
        "2025-04-09", // the country rates, for one day
        "2025-04-10", // the pause; China 125%
        "2025-05-14", // China back to 10%
        "2025-08-07", // the country rates of EO 14326
        "2025-11-10", // fentanyl on China cut to 10%
    ] {
        assert!(dates.contains(&date(d)), "{d} missing from {dates:?}");
    }
    for edition in book.hts().editions() {
        if edition.effective() >= date("2025-01-01") {
            assert!(dates.contains(&edition.effective()), "{}", edition.name());
        }
    }
    assert!(dates.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn chinese_sneakers_at_each_boundary_of_2025() {
    assert_eq!(
        sneaker_totals(
            "CN",
            &[
                "2025-01-01",
                "2025-02-04",
                "2025-03-04",
                "2025-04-05",
                "2025-04-09",
                "2025-04-10",
                "2025-05-14",
                "2025-11-10"
            ]
        ),
        [
            "2025-01-01 27.5%",  // 20 MFN + 7.5 Section 301
            "2025-02-04 37.5%",  // + 10 fentanyl
            "2025-03-04 47.5%",  // fentanyl 20
            "2025-04-05 57.5%",  // + 10 reciprocal baseline
            "2025-04-09 131.5%", // reciprocal 84
            "2025-04-10 172.5%", // reciprocal 125
            "2025-05-14 57.5%",  // reciprocal 10
            "2025-11-10 47.5%",  // fentanyl 10
        ]
    );
}

#[test]
fn vietnamese_sneakers_get_the_country_rates_and_the_pause() {
    assert_eq!(
        sneaker_totals(
            "VN",
            &[
                "2025-04-03",
                "2025-04-05",
                "2025-04-09",
                "2025-04-10",
                "2025-08-07"
            ]
        ),
        [
            "2025-04-03 20%",
            "2025-04-05 30%",
            "2025-04-09 66%", // the country rate of 46% for one day
            "2025-04-10 30%",
            "2025-08-07 40%", // 20% from 7 August
        ]
    );
}

#[test]
fn canadian_brazilian_and_german_goods_change_on_their_own_dates() {
    assert_eq!(
        sneaker_totals("CA", &["2025-03-03", "2025-03-04", "2025-08-01"]),
        ["2025-03-03 20%", "2025-03-04 45%", "2025-08-01 55%"] // fentanyl 25%, then 35%
    );
    assert_eq!(
        sneaker_totals("BR", &["2025-08-05", "2025-08-06"]),
        ["2025-08-05 30%", "2025-08-06 70%"] // + IEEPA Brazil 40%
    );
    // The EU's 15% floor is met by the MFN rate of 20% from 7 August 2025.
    assert_eq!(
        sneaker_totals("DE", &["2025-08-06", "2025-08-07"]),
        ["2025-08-06 30%", "2025-08-07 20%"]
    );
}

#[test]
fn the_origins_are_those_the_measures_name_and_one_for_the_rest() {
    let book = TariffBook::embedded();
    let origins = book.panel_origins();
    let (named, others): (Vec<&landed_cost::tariff::PanelOrigin>, Vec<_>) =
        origins.iter().partition(|o| !o.others);
    assert_eq!(others.len(), 1);
    let other = others[0].country;
    for m in book
        .measures()
        .iter()
        .filter(|m| m.importer == CountryCode::US)
    {
        // The representative of the rest is in every scope that holds all unnamed origins.
        if matches!(m.origins, landed_cost::tariff::OriginScope::AllExcept(_)) {
            assert!(m.origins.contains(other), "{}", m.key);
        } else {
            assert!(!m.origins.contains(other), "{}", m.key);
        }
    }
    for c in [
        "CN", "HK", "MO", "VN", "CA", "MX", "BR", "IN", "DE", "JP", "CH", "GB",
    ] {
        let c: CountryCode = c.parse().unwrap();
        assert!(named.iter().any(|o| o.country == c), "{c} not named");
    }
}

/// The CSV holds the same rows in the same order as the iterator, across several workers' runs
/// of codes, and the row count says how many.
#[test]
fn the_csv_is_the_streamed_rows_in_order() {
    let book = TariffBook::embedded();
    let codes: Vec<HsCode> = book.hts().editions()[0]
        .schedule()
        .iter()
        .map(|l| l.code())
        .filter(|c| c.len() == 10)
        .step_by(7)
        .take(1300)
        .collect();
    let spec = book
        .panel_spec()
        .dates(vec![date("2025-04-09"), date("2025-09-10")])
        .origins(vec![
            CountryCode::CN,
            CountryCode::VN,
            "DE".parse().unwrap(),
        ])
        .codes(codes);
    let mut csv = Vec::new();
    let written = book.panel(spec.clone()).write_csv(&mut csv).unwrap();
    assert_eq!(written, book.panel(spec.clone()).row_count().unwrap());
    assert_eq!(written, 2 * 3 * 1300);
    let text = String::from_utf8(csv).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let total_at = header.iter().position(|h| *h == "total_pct").unwrap();
    let reciprocal_at = header
        .iter()
        .position(|h| *h == "ieepa_reciprocal_heading")
        .unwrap();
    let mut n = 0;
    for (line, row) in lines.zip(book.panel(spec)) {
        let row = row.unwrap();
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells.len(), header.len(), "{line}");
        assert_eq!(cells[0], row.date.to_string());
        assert_eq!(cells[1], row.code.to_string());
        assert_eq!(cells[2], row.origin.country.as_str());
        let rates = row.rates.as_ref().as_ref().unwrap();
        let total = rates
            .total()
            .map(|t| t.percent().to_string())
            .unwrap_or_default();
        assert_eq!(cells[total_at], total, "{line}");
        let headings: Vec<String> = rates
            .entries()
            .iter()
            .filter(|e| e.authority == Authority::IeepaReciprocal)
            .map(|e| e.heading.to_string())
            .collect();
        assert_eq!(cells[reciprocal_at], headings.join(" "), "{line}");
        n += 1;
    }
    assert_eq!(n, written);
}
