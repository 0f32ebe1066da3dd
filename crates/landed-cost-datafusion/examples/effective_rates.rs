//! The import-weighted effective US tariff rate by month and by origin, in SQL over a CSV file
//! of import records (HTS-10, origin, month, customs value), with `us_duty`.
//!
//! `cargo run -p landed-cost-datafusion --example effective_rates` reads the synthetic sample
//! `data/imports_sample.csv` (see `data/README.md` for its totals worked by hand); give another
//! CSV file with the same columns as the first argument.

use std::process::ExitCode;

use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::arrow::util::pretty::pretty_format_batches;
use datafusion::prelude::{CsvReadOptions, SessionContext};

/// Each record priced at the rates of the 15th of its month; the effective rate is the duties
/// over the customs value.
const BY_MONTH_AND_ORIGIN: &str = "
    SELECT month, origin,
           SUM(customs_value) AS customs_value,
           CAST(SUM(us_duty(hts10, origin, CAST(month || '-15' AS DATE), customs_value)) AS DECIMAL(18, 2)) AS duty,
           CAST(SUM(us_duty(hts10, origin, CAST(month || '-15' AS DATE), customs_value)) / SUM(customs_value) AS DECIMAL(12, 6)) AS effective_rate
    FROM imports GROUP BY month, origin ORDER BY month, origin";

const BY_MONTH: &str = "
    SELECT month, SUM(customs_value) AS customs_value,
           CAST(SUM(us_duty(hts10, origin, CAST(month || '-15' AS DATE), customs_value)) / SUM(customs_value) AS DECIMAL(12, 6)) AS effective_rate
    FROM imports GROUP BY month ORDER BY month";

const BY_ORIGIN: &str = "
    SELECT origin, SUM(customs_value) AS customs_value,
           CAST(SUM(us_duty(hts10, origin, CAST(month || '-15' AS DATE), customs_value)) / SUM(customs_value) AS DECIMAL(12, 6)) AS effective_rate
    FROM imports GROUP BY origin ORDER BY origin";

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// The import records' schema: the code as a string (read as a number it would lose the
/// leading zero of chapters 01-09), the value as an exact decimal.
fn schema() -> Schema {
    Schema::new(vec![
        Field::new("hts10", DataType::Utf8, false),
        Field::new("origin", DataType::Utf8, false),
        Field::new("month", DataType::Utf8, false),
        Field::new("customs_value", DataType::Decimal128(18, 2), false),
    ])
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let default = concat!(env!("CARGO_MANIFEST_DIR"), "/data/imports_sample.csv");
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| default.to_owned());
    let ctx = SessionContext::new();
    landed_cost_datafusion::register(&ctx);
    let schema = schema();
    ctx.register_csv("imports", &path, CsvReadOptions::new().schema(&schema))
        .await?;
    for (title, sql) in [
        ("by month and origin", BY_MONTH_AND_ORIGIN),
        ("by month", BY_MONTH),
        ("by origin", BY_ORIGIN),
    ] {
        let batches = ctx.sql(sql).await?.collect().await?;
        println!("Import-weighted effective US tariff rate {title} ({path}):");
        println!("{}", pretty_format_batches(&batches)?);
    }
    Ok(())
}
