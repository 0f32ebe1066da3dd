//! Each warning code and each of the distinct quote errors, with an input that produces it; the
//! quotes of today's shipments (FY2027 fees, a VND invoice at the Treasury rate); and the table
//! the closing note of the change reports (`cargo test --test warnings_and_errors -- --nocapture`
//! prints it).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use landed_cost::landed::{LandedCost, Shipment, UsRules};
use landed_cost::money::fx::ExchangeRateTable;
use landed_cost::{CountryCode, Error, QuoteOptions, TariffBook, Warning, WarningCode};

fn us(origin: &str, mode: &str, export: &str, entry: &str, lines: &str, extra: &str) -> Shipment {
    serde_json::from_str(&format!(
        r#"{{"importer":"US","origin":"{origin}","mode":"{mode}","export_date":"{export}",
            "entry_date":"{entry}","currency":"USD"{extra},"lines":[{lines}]}}"#
    ))
    .unwrap()
}

fn line(hts: &str, value: &str) -> String {
    format!(r#"{{"hts":"{hts}","value":"{value}"}}"#)
}

fn quote(s: &Shipment) -> LandedCost {
    TariffBook::embedded().quote(s).unwrap()
}

/// The warning of `code` in `warnings`, printed as a row of the table.
fn find<'a>(warnings: &'a [Warning], code: WarningCode, input: &str) -> &'a Warning {
    let w = warnings
        .iter()
        .find(|w| w.code() == code)
        .unwrap_or_else(|| panic!("no {code} in {warnings:#?}"));
    println!("| `{code}` | {input} | {} |", w.message());
    w
}

fn error_row(e: &Error, variant: &str, input: &str) {
    println!("| `{variant}` (error) | {input} | {e} |");
}

#[test]
fn sneakers_entered_today_pay_the_fy2027_mpf_minimum_and_hmf() {
    let s = us(
        "CN",
        "ocean",
        "2026-11-10",
        "2026-11-30",
        &line("6402.99.90", "9000.00"),
        r#","freight":"1200.00","insurance":"60.00""#,
    );
    let q = quote(&s);
    let fees: Vec<(String, String)> = q
        .fees
        .iter()
        .map(|f| (f.authority.to_string(), f.amount.to_string()))
        .collect();
    assert_eq!(
        fees,
        [
            ("mpf".to_owned(), "34.58".to_owned()),
            ("hmf".to_owned(), "11.25".to_owned())
        ]
    );
    assert!(q.fees[0].explanation.to_string().contains("FY2027 minimum"));
    // The example file is this shipment.
    let file: Shipment =
        serde_json::from_str(&std::fs::read_to_string("examples/shipment.json").unwrap()).unwrap();
    assert_eq!(quote(&file).fees, q.fees);
}

#[test]
fn a_vnd_invoice_quotes_at_the_treasury_reporting_rate() {
    let vnd = |export: &str, entry: &str| {
        let mut s = us(
            "VN",
            "ocean",
            export,
            entry,
            &line("6402.99.90", "261180000"),
            "",
        );
        s.currency = "VND".parse().unwrap();
        s
    };
    // 10 September 2025: the report of 30 June 2025, 26,118 dong per dollar.
    let q = quote(&vnd("2025-09-10", "2025-09-30"));
    assert_eq!(q.customs_value.to_string(), "10000.00");
    let w = find(
        &q.warnings,
        WarningCode::TreasuryReportingRate,
        "a VND 261,180,000 invoice exported 2025-09-10",
    );
    assert!(
        w.contains("26118 VND per US dollar") && w.contains("as of 2025-06-30"),
        "{w}"
    );
    // 10 March 2026: the report of 31 December 2025, 26,295 dong per dollar.
    let q = quote(&vnd("2026-03-10", "2026-03-30"));
    assert_eq!(q.customs_value.to_string(), "9932.69"); // 261,180,000 / 26,295 = 9,932.687
    let w = q
        .warnings
        .iter()
        .find(|w| w.code() == WarningCode::TreasuryReportingRate)
        .unwrap();
    assert!(
        w.contains("26295 VND per US dollar") && w.contains("as of 2025-12-31"),
        "{w}"
    );
    assert!(!q
        .warnings
        .iter()
        .any(|w| w.code() == WarningCode::StaleExchangeRate));
    // After the data (the report of 31 March 2026 covers dates to 29 June 2026): stale, with a
    // warning within the limit, an error beyond it.
    let late = vnd("2026-08-10", "2026-08-30");
    let q = quote(&late);
    let w = find(
        &q.warnings,
        WarningCode::StaleExchangeRate,
        "the same invoice exported 2026-08-10 (42 days past the last Treasury quarter)",
    );
    assert!(w.contains("covers dates to 2026-06-29"), "{w}");
    let today = vnd("2026-11-20", "2026-11-30");
    let e = TariffBook::embedded().quote(&today).unwrap_err();
    assert!(matches!(e, Error::StaleExchangeRate { .. }), "{e}");
    error_row(
        &e,
        "StaleExchangeRate",
        "the same invoice exported 2026-11-20 (144 days past, default limit 92)",
    );
    let allowed = QuoteOptions::new().rate_staleness_days(365);
    assert!(TariffBook::embedded().quote_with(&today, &allowed).is_ok());
}

#[test]
fn the_builder_quotes_what_the_json_quotes() {
    use landed_cost::landed::{Line, Mode};
    let built = Shipment::builder(CountryCode::US, CountryCode::CN, Mode::Ocean)
        .export_date("2026-11-10".parse().unwrap())
        .entry_date("2026-11-30".parse().unwrap())
        .freight("1200.00 USD".parse().unwrap())
        .insurance("60.00 USD".parse().unwrap())
        .line(Line::builder(
            "6402.99.90".parse().unwrap(),
            "9000.00 USD".parse().unwrap(),
        ))
        .build()
        .unwrap();
    let json = us(
        "CN",
        "ocean",
        "2026-11-10",
        "2026-11-30",
        &line("6402.99.90", "9000.00"),
        r#","freight":"1200.00","insurance":"60.00""#,
    );
    assert_eq!(built, json);
    assert_eq!(quote(&built), quote(&json));
}

#[test]
fn measure_warning() {
    let q = quote(&us(
        "BR",
        "air",
        "2025-09-01",
        "2025-09-03",
        &line("6402.99.90", "5000"),
        "",
    ));
    find(
        &q.warnings,
        WarningCode::MeasureWarning,
        "Brazilian footwear (6402.99.90), $5,000 by air, entered 2025-09-03",
    );
}

#[test]
fn coverage_not_modelled() {
    let q = quote(&us(
        "CA",
        "truck",
        "2025-11-01",
        "2025-11-03",
        &line("4407.11.00", "5000"),
        "",
    ));
    find(
        &q.warnings,
        WarningCode::CoverageNotModelled,
        "Canadian softwood lumber (4407.11.00), entered 2025-11-03",
    );
}

#[test]
fn claim_assumed_absent() {
    let q = quote(&us(
        "CA",
        "truck",
        "2025-09-10",
        "2025-09-10",
        &line("9403.60.80", "5000"),
        "",
    ));
    find(
        &q.warnings,
        WarningCode::ClaimAssumedAbsent,
        "Canadian furniture (9403.60.80), entered 2025-09-10 without `usmca`",
    );
}

#[test]
fn loading_date_assumed() {
    let q = quote(&us(
        "VN",
        "ocean",
        "2025-08-05",
        "2025-09-10",
        &line("6402.99.90", "5000"),
        "",
    ));
    find(
        &q.warnings,
        WarningCode::LoadingDateAssumed,
        "Vietnamese footwear exported 2025-08-05, entered 2025-09-10, no `loaded_date`",
    );
}

#[test]
fn statistical_suffix_needed() {
    let q = quote(&us(
        "CN",
        "ocean",
        "2026-08-01",
        "2026-08-10",
        &line("7326.90.86", "5000"),
        "",
    ));
    find(
        &q.warnings,
        WarningCode::StatisticalSuffixNeeded,
        "Chinese steel articles quoted under the 8-digit 7326.90.86, entered 2026-08-10",
    );
}

#[test]
fn preference_not_modelled() {
    let usmca = r#"{"hts":"6402.99.90","value":"10000","usmca":true}"#;
    let q = quote(&us("MX", "truck", "2025-06-02", "2025-06-02", usmca, ""));
    let w = find(
        &q.warnings,
        WarningCode::PreferenceNotModelled,
        "Mexican footwear entered under the USMCA, 2025-06-02",
    );
    assert!(
        w.message()
            .contains("general rate 20% is charged ($2000.00)"),
        "{w}"
    );
    // Not without the claim, nor where the general rate is free.
    let q = quote(&us(
        "MX",
        "truck",
        "2025-06-02",
        "2025-06-02",
        &line("6402.99.90", "10000"),
        "",
    ));
    assert!(q
        .warnings
        .iter()
        .all(|w| w.code() != WarningCode::PreferenceNotModelled));
    let free = r#"{"hts":"9403.60.80","value":"10000","usmca":true}"#;
    let q = quote(&us("MX", "truck", "2025-06-02", "2025-06-02", free, ""));
    assert!(q
        .warnings
        .iter()
        .all(|w| w.code() != WarningCode::PreferenceNotModelled));
}

#[test]
fn claim_not_used() {
    let claimed = |entry: &str| {
        quote(&us(
            "CN",
            "ocean",
            entry,
            entry,
            r#"{"hts":"0304.72.50.00","value":"10000","claims":["9903.88.69"]}"#,
            "",
        ))
    };
    // The exclusion holds through 9 November 2026: the claim lifts the List 3 duty.
    let q = claimed("2026-11-09");
    assert!(q
        .warnings
        .iter()
        .all(|w| w.code() != WarningCode::ClaimNotUsed));
    assert!(q.charges().all(|c| c.heading.to_string() != "9903.88.03"));
    // From 10 November the list duty is charged and the quote says why the claim did nothing.
    let q = claimed("2026-11-10");
    assert!(q.charges().any(|c| c.heading.to_string() == "9903.88.03"));
    let w = find(
        &q.warnings,
        WarningCode::ClaimNotUsed,
        "Chinese fish fillets claiming exclusion 9903.88.69, entered 2026-11-10",
    );
    assert!(w.message().contains("to 2026-11-09"), "{w}");
    assert!(w.message().contains("unverified"), "{w}");
}

#[test]
fn import_prohibited() {
    let q = quote(&us(
        "IR",
        "ocean",
        "2025-09-10",
        "2025-09-10",
        &line("6109.10.00", "10000"),
        "",
    ));
    assert!(q.duties_total > rust_decimal::Decimal::ZERO);
    let w = find(
        &q.warnings,
        WarningCode::ImportProhibited,
        "Iranian cotton T-shirts, entered 2025-09-10",
    );
    assert!(w.message().contains("31 CFR 560.201"), "{w}");
}

#[test]
fn mixed_origin_parcel() {
    let lines = format!(
        "{},{}",
        line("6402.99.90", "300"),
        r#"{"hts":"6402.99.90","value":"300","origin":"CN"}"#
    );
    let q = quote(&us(
        "VN",
        "postal",
        "2025-06-01",
        "2025-06-05",
        &lines,
        r#","postal_duty_method":"ad_valorem""#,
    ));
    find(
        &q.warnings,
        WarningCode::MixedOriginParcel,
        "a postal parcel of a Vietnamese and a Chinese line, entered 2025-06-05",
    );
}

#[test]
fn claim_required() {
    let q = quote(&us(
        "CN",
        "air",
        "2025-06-01",
        "2025-06-03",
        &line("0304.72.50.00", "5000"),
        "",
    ));
    find(
        &q.warnings,
        WarningCode::ClaimRequired,
        "Chinese fish fillets (0304.72.50.00), entered 2025-06-03, no claim",
    );
}

#[test]
fn higher_rate_chosen() {
    let q = quote(&us(
        "CN",
        "ocean",
        "2025-06-01",
        "2025-06-01",
        &line("9401.71.00", "5000"),
        "",
    ));
    find(
        &q.warnings,
        WarningCode::HigherRateChosen,
        "Chinese upholstered seats (9401.71.00), entered 2025-06-01",
    );
}

#[test]
fn one_source_fact() {
    let q = quote(&us(
        "CN",
        "air",
        "2026-10-10",
        "2026-10-15",
        &line("6402.99.90", "100"),
        "",
    ));
    assert_eq!(q.fees[0].amount.to_string(), "2.77");
    find(
        &q.warnings,
        WarningCode::OneSourceFact,
        "a $100 informal entry on 2026-10-15 (the FY2027 informal MPF)",
    );
}

#[test]
fn rules_known_through_and_beyond_data_horizon() {
    let s = us(
        "CN",
        "ocean",
        "2026-11-10",
        "2026-11-30",
        &line("6402.99.90", "9000.00"),
        "",
    );
    let q = quote(&s);
    let w = find(
        &q.warnings,
        WarningCode::RulesKnownThrough,
        "any US entry after 2026-10-10 (the date the sources reach), e.g. 2026-11-30",
    );
    assert!(w.contains("2026-10-10"));
    let book = TariffBook::embedded();
    assert_eq!(book.known_through().to_string(), "2026-10-10");
    // The sources' date, not the last change they announce: the maritime duties of 10
    // November 2026 and the polysilicon duty of 4 December 2026 are applied all the same.
    let earlier = us(
        "CN",
        "ocean",
        "2026-10-10",
        "2026-10-10",
        &line("6402.99.90", "9000.00"),
        "",
    );
    assert!(quote(&earlier)
        .warnings
        .iter()
        .all(|w| w.code() != WarningCode::RulesKnownThrough));
    let what = book
        .applicable(
            &"6402.99.90".parse().unwrap(),
            CountryCode::CN,
            "2026-11-30".parse().unwrap(),
            None,
        )
        .unwrap();
    assert!(what
        .warnings
        .iter()
        .any(|w| w.code() == WarningCode::RulesKnownThrough));
    let e = book
        .quote_with(&s, &QuoteOptions::new().strict(true))
        .unwrap_err();
    assert!(matches!(e, Error::BeyondDataHorizon { .. }));
    error_row(&e, "BeyondDataHorizon", "the same entry, strict");
    // No date of 2025-2026 is an error for want of data.
    let mut day: chrono::NaiveDate = "2025-01-01".parse().unwrap();
    while day <= "2026-12-31".parse().unwrap() {
        let s = us(
            "CN",
            "ocean",
            &day.to_string(),
            &day.to_string(),
            &line("6402.99.90", "9000.00"),
            "",
        );
        assert!(book.quote(&s).is_ok(), "{day}");
        day = day.checked_add_days(chrono::Days::new(7)).unwrap();
    }
}

#[test]
fn fee_year_assumed_and_missing_fee_year() {
    let s = us(
        "VN",
        "air",
        "2027-10-01",
        "2027-10-01",
        &line("6402.99.90", "10000.00"),
        "",
    );
    let q = quote(&s);
    find(
        &q.warnings,
        WarningCode::FeeYearAssumed,
        "an entry on 2027-10-01 (FY2028, not held)",
    );
    // Strict, with fee data that ends before the rules do: the missing year alone.
    let fees = r#"{"mpf": {"rate": "0.3464%", "formal_entry_threshold": "2500", "fiscal_years": [
        {"fiscal_year": 2025, "from": "2024-10-01", "until": "2025-10-01", "minimum": "32.71",
         "maximum": "634.62", "informal_automated": "2.62", "sources": ["CSMS 61572319"]}]},
      "hmf": {"rate": "0.125%", "sources": ["19 CFR 24.24"]}}"#;
    let rules = UsRules::from_json_readers(
        fees.as_bytes(),
        r#"{"de_minimis": [], "postal": []}"#.as_bytes(),
    )
    .unwrap();
    let book = TariffBook::embedded().clone().with_us_rules(rules);
    let s = us(
        "VN",
        "air",
        "2026-06-01",
        "2026-06-01",
        &line("6402.99.90", "10000.00"),
        "",
    );
    let e = book
        .quote_with(&s, &QuoteOptions::new().strict(true))
        .unwrap_err();
    assert!(matches!(
        e,
        Error::MissingFeeYear {
            fiscal_year: 2026,
            latest: Some(2025),
            ..
        }
    ));
    error_row(
        &e,
        "MissingFeeYear",
        "strict, an entry on 2026-06-01 with fee data to FY2025",
    );
}

#[test]
fn stale_reference_and_certified_rates() {
    // Into Germany on 2026-11-30: the ECB rates end on 2026-10-30.
    let s: Shipment = serde_json::from_str(
        r#"{"importer":"DE","origin":"CN","mode":"ocean","export_date":"2026-11-30",
            "entry_date":"2026-11-30","currency":"USD",
            "lines":[{"hts":"6402.99","value":"10000.00","rates":{"mfn":"16.9%"}}]}"#,
    )
    .unwrap();
    let q = quote(&s);
    find(
        &q.warnings,
        WarningCode::StaleExchangeRate,
        "a USD invoice into Germany exported 2026-11-30",
    );
    find(&q.warnings, WarningCode::ReferenceRate, "the same");
    // Certified rates supplied.
    let rates = ExchangeRateTable::from_csv_reader(
        "date,from,to,rate,kind,source\n2025-04-01,USD,CNY,7.0000,quarterly,illustrative\n"
            .as_bytes(),
    )
    .unwrap();
    let mut s = us(
        "CN",
        "ocean",
        "2025-04-02",
        "2025-04-20",
        &line("6402.99.90", "70000"),
        "",
    );
    s.currency = "CNY".parse().unwrap();
    let q = TariffBook::embedded().quote_with_rates(&s, &rates).unwrap();
    find(
        &q.warnings,
        WarningCode::CertifiedRate,
        "a CNY invoice with a certified quarterly rate supplied",
    );
}

#[test]
fn postal_de_minimis_line_rates_and_metal_content() {
    let postal = quote(&us(
        "CN",
        "postal",
        "2025-06-01",
        "2025-06-05",
        &line("6109.10.00", "60"),
        "",
    ));
    find(
        &postal.warnings,
        WarningCode::PostalMethodAssumed,
        "a $60 Chinese parcel by post, 2025-06-05, no method",
    );
    let small = quote(&us(
        "VN",
        "air",
        "2025-06-01",
        "2025-06-03",
        &line("6402.99.90", "100"),
        "",
    ));
    find(
        &small.warnings,
        WarningCode::DeMinimisAssumption,
        "a $100 Vietnamese parcel, 2025-06-03",
    );
    let rates = quote(&us(
        "VN",
        "air",
        "2025-09-01",
        "2025-09-03",
        r#"{"hts":"6402.99.90","value":"5000","rates":{"mfn":"12%"}}"#,
        "",
    ));
    find(
        &rates.warnings,
        WarningCode::LineRatesNotUsed,
        "a US line with \"rates\"",
    );
    let metal = quote(&us(
        "CN",
        "ocean",
        "2025-06-10",
        "2025-06-20",
        &line("7616.99.51.40", "1000"),
        "",
    ));
    find(
        &metal.warnings,
        WarningCode::MetalContentNotDeclared,
        "Chinese aluminium articles (7616.99.51.40) without metal_content, 2025-06-20",
    );
}

#[test]
fn market_warnings() {
    let market = |json: &str| quote(&serde_json::from_str(json).unwrap());
    let jp = market(
        r#"{"importer":"JP","origin":"CN","mode":"postal","export_date":"2025-09-01",
            "entry_date":"2025-09-01","currency":"JPY","consignee":"consumer",
            "lines":[{"hts":"9503.00","value":"16666","rates":{"mfn":"3.9%"}}]}"#,
    );
    find(
        &jp.warnings,
        WarningCode::PersonalImportShare,
        "toys of JPY 16,666 by post to a consumer in Japan",
    );
    let cn = |value: &str, rates: &str| {
        market(&format!(
            r#"{{"importer":"CN","origin":"JP","mode":"express","export_date":"2025-09-01",
                "entry_date":"2025-09-01","currency":"CNY","incoterm":"CIF","consignee":"consumer",
                "lines":[{{"hts":"9503.00","value":"{value}","rates":{{{rates}}}}}]}}"#
        ))
    };
    let retail = cn("1000.00", r#""mfn":"0%""#);
    find(
        &retail.warnings,
        WarningCode::CrossBorderRetail,
        "toys of RMB 1,000 CIF to a consumer in China",
    );
    find(
        &retail.warnings,
        WarningCode::TaxRateNotGiven,
        "the same, no consumption_tax rate given",
    );
    let over = cn("5000.01", r#""mfn":"0%""#);
    find(
        &over.warnings,
        WarningCode::CrossBorderRetailOverLimit,
        "toys of RMB 5,000.01 to a consumer in China",
    );
    let ca = market(
        r#"{"importer":"CA","origin":"CN","mode":"ocean","export_date":"2025-09-01",
            "entry_date":"2025-09-01","currency":"CAD",
            "lines":[{"hts":"6402.99","value":"5000","rates":{"mfn":"18%"}}]}"#,
    );
    find(
        &ca.warnings,
        WarningCode::TaxRuleWarning,
        "any Canadian import (provincial taxes not modelled)",
    );
}

#[test]
fn every_warning_code_has_a_test_above() {
    // The codes the tests above produce; a new code needs a test and a row.
    let tested = [
        "measure_warning",
        "claim_required",
        "higher_rate_chosen",
        "one_source_fact",
        "rules_known_through",
        "fee_year_assumed",
        "stale_exchange_rate",
        "certified_rate",
        "reference_rate",
        "treasury_reporting_rate",
        "postal_method_assumed",
        "de_minimis_assumption",
        "line_rates_not_used",
        "metal_content_not_declared",
        "personal_import_share",
        "cross_border_retail",
        "cross_border_retail_over_limit",
        "tax_rule_warning",
        "tax_rate_not_given",
        "coverage_not_modelled",
        "claim_assumed_absent",
        "loading_date_assumed",
        "mixed_origin_parcel",
        "statistical_suffix_needed",
        "preference_not_modelled",
        "claim_not_used",
        "import_prohibited",
    ];
    let all: Vec<&str> = WarningCode::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(all, tested);
}

#[test]
fn shipment_errors_are_distinct_variants() {
    let book = TariffBook::embedded();
    let no_lines: Shipment = serde_json::from_str(
        r#"{"importer":"US","origin":"CN","mode":"air","export_date":"2025-06-01",
            "entry_date":"2025-06-03","currency":"USD","lines":[]}"#,
    )
    .unwrap();
    let e = book.quote(&no_lines).unwrap_err();
    assert_eq!(e, Error::NoLines);
    error_row(&e, "NoLines", "\"lines\": []");

    let negative = us(
        "CN",
        "air",
        "2025-06-01",
        "2025-06-03",
        &line("6402.99.90", "-1.00"),
        "",
    );
    let e = book.quote(&negative).unwrap_err();
    assert!(matches!(e, Error::NegativeValue { .. }));
    error_row(&e, "NegativeValue", "a line \"value\": \"-1.00\"");

    let mut unknown = us(
        "CN",
        "air",
        "2025-06-01",
        "2025-06-03",
        &line("6402.99.90", "100"),
        "",
    );
    unknown.importer = "BR".parse().unwrap();
    let e = book.quote(&unknown).unwrap_err();
    assert!(matches!(e, Error::UnknownImporter { .. }));
    error_row(&e, "UnknownImporter", "\"importer\": \"BR\"");

    let zero = us(
        "CN",
        "air",
        "2025-06-01",
        "2025-06-03",
        &format!("{},{}", line("6402.99.90", "0"), line("6402.99.90", "0")),
        r#","freight":"100.00""#,
    );
    let e = book.quote(&zero).unwrap_err();
    assert_eq!(e, Error::ZeroAllocationBase { basis: "value" });
    error_row(
        &e,
        "ZeroAllocationBase",
        "two lines of value 0 and freight 100.00",
    );
}
