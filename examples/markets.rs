//! The same two parcels and the same container from China, landed in the US, Germany,
//! France, the UK, Canada, Australia and Japan on one date, side by side.
//!
//! ```text
//! cargo run --example markets               # on 2025-09-15
//! cargo run --example markets -- 2026-11-30 # on another date (rates past 2026-10-30 are stale, with a warning)
//! ```
//!
//! Computers and their storage units (HS 8471) are duty-free in every market shown but the US
//! additional duties: the WTO Information Technology Agreement (WT/MIN(96)/16, Attachment A,
//! heading 8471) binds the EU, the UK, Canada, Australia and Japan at 0%, so each line's `rates`
//! gives `"mfn": "0%"`. What differs is the low-value relief, the import tax and its base, and the
//! US duties, postal regime and fees.

use landed_cost::money::fx::{ExchangeRateKind, ExchangeRateQuery, ExchangeRateTable};
use landed_cost::{Currency, LandedCost, Shipment, TariffBook};
use rust_decimal::Decimal;

#[path = "common/stdout.rs"]
mod stdout;

const MARKETS: [(&str, &str); 7] = [
    ("US", "United States"),
    ("DE", "Germany"),
    ("FR", "France"),
    ("GB", "United Kingdom"),
    ("CA", "Canada"),
    ("AU", "Australia"),
    ("JP", "Japan"),
];

fn shipment(
    importer: &str,
    date: &str,
    (mode, consignee): (&str, &str),
    (hts, description): (&str, &str),
    lines: &str,
    freight: &str,
) -> String {
    let rates = if importer == "US" {
        ""
    } else {
        r#", "rates": { "mfn": "0%" }"#
    };
    format!(
        r#"{{ "importer": "{importer}", "origin": "CN", "mode": "{mode}", "consignee": "{consignee}",
             "export_date": "{date}", "entry_date": "{date}", "currency": "USD",
             "freight": "{freight}", "insurance": "0",
             "lines": [ {{ "hts": "{hts}", "description": "{description}",
                          {lines} {rates} }} ] }}"#
    )
}

/// The landed total in US dollars at the ECB reference rate, for comparison across currencies.
fn in_usd(q: &LandedCost, date: chrono::NaiveDate) -> Result<Decimal, landed_cost::Error> {
    if q.currency == Currency::USD {
        return Ok(q.landed_total);
    }
    // The newest reference rate on or before the date (the embedded rates end on 2026-10-30).
    let query = ExchangeRateQuery::on_or_before(date, 400)
        .kind(ExchangeRateKind::Reference)
        .via(Currency::EUR);
    let rate = ExchangeRateTable::embedded_reference().find(q.currency, Currency::USD, &query)?;
    Ok((q.landed_total * rate.rate()).round_dp(2))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let date = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "2025-09-15".to_owned());
    let day: chrono::NaiveDate = date.parse()?;
    let book = TariffBook::embedded();
    let mut out = stdout::stdout();
    let laptop = ("8471.30.01", "laptop computers");
    let cases = [
        (
            "A USD 45 portable SSD by post to a consumer, USD 5 shipping",
            ("postal", "consumer"),
            ("8471.70.60", "portable solid-state drive"),
            r#""value": "45.00", "quantities": [ { "amount": "1", "unit": "NO" } ]"#,
            "5.00",
        ),
        (
            "One laptop in a parcel by express to a consumer, USD 450 + USD 25 shipping",
            ("express", "consumer"),
            laptop,
            r#""value": "450.00", "quantities": [ { "amount": "1", "unit": "NO" } ]"#,
            "25.00",
        ),
        (
            "A container of 200 laptops by sea to a business, USD 90,000 + USD 2,400 freight",
            ("ocean", "business"),
            laptop,
            r#""value": "90000.00", "quantities": [ { "amount": "200", "unit": "NO" } ]"#,
            "2400.00",
        ),
    ];
    for (title, mode, goods, lines, freight) in cases {
        out.line(format_args!("{title}, entered {date}:"));
        out.line(format_args!(
            "  {:<15} {:>4} {:>12} {:>10} {:>10} {:>8} {:>13} {:>13}",
            "market", "cur", "customs val", "duties", "taxes", "fees", "landed", "landed (USD)"
        ));
        let mut notes = Vec::new();
        for (importer, name) in MARKETS {
            let s: Shipment =
                serde_json::from_str(&shipment(importer, &date, mode, goods, lines, freight))?;
            match book.quote(&s) {
                Ok(q) => {
                    out.line(format_args!(
                        "  {:<15} {:>4} {:>12} {:>10} {:>10} {:>8} {:>13} {:>13}",
                        name,
                        q.currency.code(),
                        q.customs_value,
                        q.duties_total,
                        q.taxes_total,
                        q.fees_total,
                        q.landed_total,
                        in_usd(&q, day)?
                    ));
                    notes.push(format!("  {name}: {}", q.de_minimis.reason));
                    for c in q.charges() {
                        notes.push(format!(
                            "    {} {}: {}",
                            c.authority,
                            c.amount,
                            c.explanation()
                        ));
                    }
                    for f in &q.fees {
                        notes.push(format!(
                            "    {} {}: {}",
                            f.authority, f.amount, f.explanation
                        ));
                    }
                    for w in &q.warnings {
                        notes.push(format!("    warning [{}]: {w}", w.code()));
                    }
                }
                Err(e) => out.line(format_args!("  {name:<15} cannot be quoted: {e}")),
            }
        }
        out.line(format_args!(""));
        for n in notes {
            out.line(format_args!("{n}"));
        }
        out.line(format_args!(""));
    }
    out.line(format_args!(
        "Amounts in each market's currency, converted from USD at the ECB reference rate of the \
         date (customs authorities use their own published rates); the last column converts back \
         for comparison. Canada's provincial sales taxes are not included."
    ));
    Ok(out.finish()?)
}
