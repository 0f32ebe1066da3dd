//! The public API contract of `DESIGN.md`, as written there: these calls must keep compiling and
//! answering as the document says. A rename that breaks a user's code breaks this file first.
#![allow(clippy::indexing_slicing)]

mod common;

type AnyResult = Result<(), Box<dyn std::error::Error>>;

#[test]
fn money_rates_codes_and_duty_rates() -> AnyResult {
    use landed_cost::{Currency, DutyBase, DutyRate, HsCode, Money, Quantity, Rate, Unit};
    use rust_decimal::Decimal;
    use std::str::FromStr;

    let price = Money::new(Decimal::from_str("19.99")?, Currency::USD);
    let parsed: Money = "19.99 USD".parse()?; // also "USD 19.99"
    assert_eq!(price, parsed);
    assert_eq!("USD 19.99".parse::<Money>()?, price);
    let sum = price.checked_add(parsed)?; // Err on currency mismatch or overflow
    let parts: Vec<Money> = sum.allocate(&[Decimal::ONE, Decimal::TWO])?; // sums exactly to `sum`
    assert_eq!(parts.len(), 2);
    let cny = Currency::from_str("CNY")?; // any active ISO 4217 code
    assert_eq!(cny.minor_units(), 2);

    let r: Rate = "6.5%".parse()?;
    assert_eq!(r.to_string(), "6.5%");
    let hs: HsCode = "6402.99.90".parse()?; // also "64029990"; 2 to 10 digits
    assert_eq!(hs.to_string(), "6402.99.90"); // Display in the dotted HTS form
    assert_eq!("64029990".parse::<HsCode>()?, hs);
    let rate: DutyRate = "90 cents/pr. + 37.5%".parse()?; // every USITC mfn_text_rate form
    let base = DutyBase::new(Money::new(Decimal::from(1000), Currency::USD))
        .with_quantity(Quantity::new(Decimal::from(12), Unit::from_str("PRS")?)); // USITC unit codes
    let duty: Money = rate.duty(&base)?; // 12 × $0.90 + 37.5% × $1000 = $385.80
    assert_eq!(duty, "385.80 USD".parse()?);
    assert_eq!(rate.to_string().parse::<DutyRate>()?.duty(&base)?, duty); // Display parses back
    Ok(())
}

/// The input JSON of `DESIGN.md`'s quote section.
const SHIPMENT: &str = r#"{ "importer": "US", "origin": "CN", "mode": "ocean",
  "export_date": "2025-04-01", "entry_date": "2025-04-20", "loaded_date": "2025-04-01",
  "currency": "USD", "incoterm": "FOB", "freight": "1200.00", "insurance": "60.00",
  "lines": [ { "hts": "6402.99.90", "description": "rubber-soled sneakers", "value": "10000.00",
               "quantities": [ { "amount": "500", "unit": "PRS" } ],
               "metal_content": [ { "metal": "steel", "value": "0" } ] } ] }"#;

#[test]
fn quoting() -> AnyResult {
    use landed_cost::{LandedCost, Shipment, TariffBook};
    let json = SHIPMENT;
    let book: &TariffBook = TariffBook::embedded(); // built once, then shared
    let shipment: Shipment = serde_json::from_str(json)?; // the JSON below
    let quote: LandedCost = book.quote(&shipment)?;
    let (freight, insurance) = (shipment.freight, shipment.insurance);
    let shipments = vec![shipment.clone(), shipment];
    let many: Vec<Result<LandedCost, landed_cost::Error>> = book.quote_batch(&shipments);
    assert_eq!(many.len(), 2);
    assert!(std::ptr::eq(book, TariffBook::embedded()));

    // The output's shape: the fields DESIGN.md names, amounts as decimal strings.
    let out = serde_json::to_value(&quote)?;
    for field in [
        "currency",
        "entry_date",
        "customs_value",
        "lines",
        "fees",
        "taxes",
        "de_minimis",
        "duties_total",
        "fees_total",
        "taxes_total",
        "landed_total",
        "effective_rate",
        "warnings",
    ] {
        assert!(out.get(field).is_some(), "the quote JSON has no {field:?}");
    }
    let charge = &out["lines"][0]["charges"][0];
    for field in ["authority", "heading", "rate", "base", "amount", "source"] {
        assert!(
            charge.get(field).is_some(),
            "a charge has no {field:?}: {charge}"
        );
    }
    assert_eq!(charge["authority"], "mfn");
    assert_eq!(out["fees"][0]["authority"], "mpf");
    assert!(out["duties_total"].is_string());
    // landed_total = goods value + freight + insurance + duties + fees + taxes.
    let total = quote.customs_value
        + freight
        + insurance
        + quote.duties_total
        + quote.fees_total
        + quote.taxes_total;
    assert_eq!(quote.landed_total, total);
    Ok(())
}

#[test]
fn usitc_importers() -> AnyResult {
    use landed_cost::tariff::usitc::{HtsExport, TariffDatabase};
    let Some(dir) = common::usitc_dir() else {
        return Ok(());
    };
    let db = TariffDatabase::from_csv_path(dir.join("tariff_database_2025.csv"))?;
    let hs = "6402.99.90".parse()?;
    let line = db.get(&hs).ok_or("6402.99.90 is in the 2025 database")?;
    assert_eq!(line.mfn()?.to_string(), "20%");
    let _units = line.units();
    assert!(!line.description().is_empty());
    // The official export users download is JSON; the shared copy is gzipped, so unpack one.
    let mut json = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(std::fs::File::open(
            dir.join("hts_2026_rev_10.json.gz"),
        )?),
        &mut json,
    )?;
    let path = std::env::temp_dir().join(format!("design_contract_{}.json", std::process::id()));
    std::fs::write(&path, &json)?;
    let export = HtsExport::from_json_path(&path);
    std::fs::remove_file(&path)?;
    let export = export?;
    let line = export
        .schedule()
        .get(&hs)
        .ok_or("6402.99.90 is in 2026 revision 10")?;
    assert_eq!(line.general(), "20%");
    assert!(
        !line.references().is_empty(),
        "chapter-99 references say which measures cover it"
    );
    Ok(())
}
