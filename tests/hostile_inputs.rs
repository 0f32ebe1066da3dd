//! Every parser meets hostile input with an error, never a panic: huge numbers, deep JSON, odd
//! Unicode, and arbitrary strings.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use landed_cost::landed::Shipment;
use landed_cost::money::fx::ExchangeRateTable;
use landed_cost::tariff::usitc::{HtsExport, TariffDatabase};
use landed_cost::tariff::{MeasureSet, TariffBook};
use landed_cost::{CountryCode, Currency, DutyRate, HsCode, Money, Quantity, Rate, Unit};
use proptest::prelude::*;

/// Feeds a text to every text parser; they may accept or reject it but must not panic.
fn parse_everything(text: &str) {
    let _ = text.parse::<Money>();
    let _ = text.parse::<Rate>();
    let _ = text.parse::<Currency>();
    let _ = text.parse::<HsCode>();
    let _ = text.parse::<Unit>();
    let _ = text.parse::<Quantity>();
    let _ = text.parse::<CountryCode>();
    if let Ok(rate) = text.parse::<DutyRate>() {
        // Whatever parses must display and parse back.
        let shown = rate.to_string();
        assert_eq!(
            shown.parse::<DutyRate>().unwrap(),
            rate,
            "{text:?} → {shown:?}"
        );
    }
    let _ = serde_json::from_str::<Shipment>(text);
    let _ = serde_json::from_str::<MeasureSet>(text);
    let _ = landed_cost::market::Markets::from_json_reader(text.as_bytes());
    if let Ok(shipment) = serde_json::from_str::<Shipment>(text) {
        let _ = TariffBook::embedded().quote(&shipment);
    }
    let _ = landed_cost::trade::ProgramBook::from_json_reader(text.as_bytes());
    let _ = landed_cost::trade::FeeBook::from_json_reader(text.as_bytes());
    let _ = serde_json::from_str::<landed_cost::trade::Product>(text);
    let _ = ExchangeRateTable::from_csv_reader(text.as_bytes());
    let _ = ExchangeRateTable::from_json_reader(text.as_bytes());
    let _ = TariffDatabase::from_csv_reader(text.as_bytes());
    let _ = HtsExport::from_json_reader(text.as_bytes());
    let _ = HtsExport::from_csv_reader(text.as_bytes());
}

#[test]
fn a_corpus_of_hostile_inputs() {
    let deep_array = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let deep_object = "{\"a\":".repeat(5_000);
    let long_number = "9".repeat(100_000);
    let corpus: Vec<String> = vec![
        String::new(),
        " ".into(),
        "\0".into(),
        "NaN USD".into(),
        "inf%".into(),
        "-0 USD".into(),
        "1e308 USD".into(),
        "79228162514264337593543950336 USD".into(),
        "0.00000000000000000000000000001 USD".into(),
        format!("{long_number} USD"),
        format!("{long_number}%"),
        "9999999999999999999999999999 cents/kg + 9999999999999999999999999999%".into(),
        "$1.034/kg + 17% min 9999999999999999999999999 EUR/100 kg max 1%".into(),
        "٣٤%".into(),
        "６４０２.９９.９０".into(),
        "𝟔𝟒𝟎𝟐".into(),
        "USD\u{202e}19.99".into(),
        "19.99\u{00a0}USD".into(),
        "¢¢¢/kg".into(),
        "90 cents/pr. + 37.5% + ".into(),
        "The rate applicable to".into(),
        deep_array,
        deep_object,
        "[{\"htsno\": \"6402.99.90\", \"indent\": \"99999999999999999999999\"}]".into(),
        "{\"measures\": [{\"key\": \"x\"}]}".into(),
        "date,from,to,rate,kind,source\n9999-99-99,USD,CNY,1,daily,\n".into(),
        "hts8,brief_description,mfn_text_rate,quantity_1_code,quantity_2_code\n\"unterminated"
            .into(),
    ];
    for text in &corpus {
        parse_everything(text);
    }
}

#[test]
fn hostile_shipments_are_errors_not_panics() {
    let book = TariffBook::embedded();
    let template = r#"{"importer":"US","origin":"CN","mode":"ocean","export_date":"2025-06-01","entry_date":"2025-06-20",
        "currency":"USD","freight":"FREIGHT","lines":[{"hts":"6402.99.90","value":"VALUE",
        "quantities":[{"amount":"QTY","unit":"PRS"}],"metal_content":[{"metal":"steel","value":"METAL"}]}]}"#;
    let huge = "79228162514264337593543950335";
    for (value, freight, qty, metal) in [
        (huge, huge, huge, huge),
        (huge, "0", "0", "0"),
        ("0", huge, "1", "0"),
        ("0", "0", "0", "0"),
        (
            "0.0000000000000000000000000001",
            "0.0000000000000000000000000001",
            "1",
            "0",
        ),
        ("1", "0", "1", huge),
    ] {
        let json = template
            .replace("FREIGHT", freight)
            .replace("VALUE", value)
            .replace("QTY", qty)
            .replace("METAL", metal);
        if let Ok(shipment) = serde_json::from_str::<Shipment>(&json) {
            let _ = book.quote(&shipment);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::proptest_cases(256)))]

    #[test]
    fn arbitrary_strings_never_panic(text in "\\PC{0,60}") {
        parse_everything(&text);
    }

    #[test]
    fn rate_like_strings_never_panic(text in "[0-9$¢.,/ %+a-z]{0,40}") {
        parse_everything(&text);
    }
}
