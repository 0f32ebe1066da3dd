//! Quotes of arbitrary shipments built from the fuzzer's bytes: real HTS lines, every origin,
//! importer, mode and Incoterm, dates across 2025–2026, values from zero to huge. A quote is an
//! error or a result whose totals add up and whose charges are not negative.
#![no_main]

use chrono::{Days, NaiveDate};
use landed_cost::Shipment;
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

#[path = "../../tests/common/fuzz_checks.rs"]
mod checks;

const CODES: [&str; 12] = [
    "6402.99.90",
    "8471.30.01",
    "9403.60.80",
    "7326.90.86",
    "8517.13.00",
    "2516.90.00",
    "6109.10.00",
    "8504.40.95",
    "9503.00.00",
    "7604.29.10",
    "0304.72.50",
    "8708.29.50",
];
const ORIGINS: [&str; 6] = ["CN", "HK", "MO", "VN", "GB", "MX"];
const IMPORTERS: [&str; 8] = ["US", "US", "US", "DE", "FR", "GB", "CA", "JP"];
const MODES: [&str; 6] = ["ocean", "air", "express", "postal", "truck", "rail"];
const INCOTERMS: [&str; 4] = ["FOB", "CIF", "EXW", "DDP"];
const CURRENCIES: [&str; 4] = ["USD", "CNY", "EUR", "JPY"];

fn amount(u: &mut Unstructured<'_>) -> Result<String> {
    let mantissa: u64 = match u.int_in_range(0u8..=3)? {
        0 => u.int_in_range(0..=1_000)?,
        1 => u.int_in_range(0..=10_000_000)?,
        2 => u.arbitrary()?,
        _ => 0,
    };
    let scale = u.int_in_range(0u32..=4)?;
    Ok(Decimal::from_i128_with_scale(i128::from(mantissa), scale).to_string())
}

fn shipment(u: &mut Unstructured<'_>) -> Result<String> {
    let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default();
    let entry = start + Days::new(u.int_in_range(0..=637)?);
    let export = entry - Days::new(u.int_in_range(0..=30)?);
    let n = u.int_in_range(1usize..=4)?;
    let mut lines = Vec::new();
    for _ in 0..n {
        let value = amount(u)?;
        // Metal content within the line's value, mostly (an arbitrary one is an error).
        let metal = match u.int_in_range(0u8..=3)? {
            0 => "0".to_owned(),
            1 => value.clone(),
            2 => value
                .parse::<Decimal>()
                .ok()
                .and_then(|v| v.checked_div(Decimal::from(4)))
                .map_or_else(|| "0".to_owned(), |v| v.to_string()),
            _ => amount(u)?,
        };
        lines.push(format!(
            r#"{{"hts":"{}","value":"{}","quantities":[{{"amount":"{}","unit":"{}"}}],"metal_content":[{{"metal":"steel","value":"{}"}}],"rates":{{"mfn":"{}%"}}}}"#,
            u.choose(&CODES)?,
            value,
            amount(u)?,
            u.choose(&["kg", "NO", "PRS", "DOZ"])?,
            metal,
            u.int_in_range(0u8..=40)?
        ));
    }
    Ok(format!(
        r#"{{"importer":"{}","origin":"{}","mode":"{}","export_date":"{export}","entry_date":"{entry}","loaded_date":"{export}","currency":"{}","incoterm":"{}","freight":"{}","insurance":"{}","consignee":"{}","postal_duty_method":"{}","allocate_by":"{}","lines":[{}]}}"#,
        u.choose(&IMPORTERS)?,
        u.choose(&ORIGINS)?,
        u.choose(&MODES)?,
        u.choose(&CURRENCIES)?,
        u.choose(&INCOTERMS)?,
        amount(u)?,
        amount(u)?,
        u.choose(&["business", "consumer"])?,
        u.choose(&["ad_valorem", "per_item"])?,
        u.choose(&["value", "weight"])?,
        lines.join(",")
    ))
}

/// Prints the shipment JSON when a check fails, to keep as a regression input.
struct ShowOnPanic<'a>(&'a str);

impl Drop for ShowOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("shipment: {}", self.0);
        }
    }
}

fuzz_target!(|bytes: &[u8]| {
    let mut u = Unstructured::new(bytes);
    let Ok(json) = shipment(&mut u) else { return };
    let Ok(s) = serde_json::from_str::<Shipment>(&json) else {
        return;
    };
    let _show = ShowOnPanic(&json);
    checks::quote(&s);
});
