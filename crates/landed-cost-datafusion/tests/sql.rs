//! The SQL functions against the library: the same rates and duties as `TariffBook::rates` on a
//! sample of codes × origins × dates, typed errors, NULLs, the panel table, and the
//! effective-rate query over the sample import records checked by hand.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::sync::Arc;

use datafusion::arrow::array::{
    Array, AsArray, Date32Array, Decimal128Array, RecordBatch, StringArray,
};
use datafusion::arrow::datatypes::{DataType, Decimal128Type, Field, Int64Type, Schema};
use datafusion::datasource::MemTable;
use datafusion::error::DataFusionError;
use datafusion::prelude::{CsvReadOptions, SessionContext};
use landed_cost::tariff::TariffBook;
use landed_cost::{CountryCode, Currency, HsCode, Money};
use landed_cost_datafusion::{register, TariffFunctionError, DUTY_SCALE, RATE_SCALE};
use rust_decimal::Decimal;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
}

fn decimals(batches: &[RecordBatch], column: usize, scale: i8) -> Vec<Option<Decimal>> {
    let scale = u32::try_from(scale).unwrap();
    batches
        .iter()
        .flat_map(|b| {
            let a = b.column(column).as_primitive::<Decimal128Type>().clone();
            (0..a.len())
                .map(|i| (!a.is_null(i)).then(|| Decimal::from_i128_with_scale(a.value(i), scale)))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The codes, origins and dates of the sample: every 41st 10-digit line whose MFN rate is ad
/// valorem in every edition, 12 origins, 9 dates across both years.
fn sample() -> Vec<(HsCode, CountryCode, chrono::NaiveDate)> {
    let book = TariffBook::embedded();
    let origins = [
        "CN", "HK", "VN", "DE", "FR", "JP", "CA", "MX", "BR", "IN", "GB", "AD",
    ];
    let dates = [
        "2025-01-15",
        "2025-03-04",
        "2025-04-09",
        "2025-04-10",
        "2025-05-14",
        "2025-08-07",
        "2025-11-10",
        "2026-02-24",
        "2026-07-24",
    ];
    let ad_valorem_everywhere = |c: &HsCode| {
        book.hts().editions().iter().all(|e| {
            e.schedule()
                .line_for(c)
                .is_some_and(|l| l.mfn().is_ok_and(|r| r.ad_valorem_rate().is_some()))
        })
    };
    let codes: Vec<HsCode> = book.hts().editions()[0]
        .schedule()
        .iter()
        .map(|l| l.code())
        .filter(|c| c.len() == 10 && c.chapter() <= 97)
        .filter(|c| ad_valorem_everywhere(c))
        .step_by(41)
        .collect();
    let mut rows = Vec::new();
    for (i, code) in codes.iter().enumerate() {
        for (j, o) in origins.iter().enumerate() {
            let d = dates[(i + j) % dates.len()];
            rows.push((*code, o.parse().unwrap(), d.parse().unwrap()));
        }
    }
    rows
}

#[test]
fn the_functions_equal_the_library_on_a_sample() {
    let book = TariffBook::embedded();
    let rows = sample();
    assert!(rows.len() > 3000, "{}", rows.len());
    let schema = Arc::new(Schema::new(vec![
        Field::new("hts", DataType::Utf8, false),
        Field::new("origin", DataType::Utf8, false),
        Field::new("entry", DataType::Date32, false),
        Field::new("value", DataType::Decimal128(18, 2), false),
    ]));
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
    let value = |i: usize| 100_000 + (i as i128 % 997) * 1_234; // in cents
    let batch = RecordBatch::try_new(
        Arc::clone(&schema),
        vec![
            Arc::new(StringArray::from_iter_values(
                rows.iter().map(|r| r.0.to_string()),
            )),
            Arc::new(StringArray::from_iter_values(
                rows.iter().map(|r| r.1.as_str().to_owned()),
            )),
            Arc::new(Date32Array::from_iter_values(
                rows.iter().map(|r| (r.2 - epoch).num_days() as i32),
            )),
            Arc::new(
                Decimal128Array::from_iter_values((0..rows.len()).map(value))
                    .with_precision_and_scale(18, 2)
                    .unwrap(),
            ),
        ],
    )
    .unwrap();
    let ctx = SessionContext::new();
    register(&ctx);
    let table = MemTable::try_new(schema, vec![vec![batch]]).unwrap();
    ctx.register_table("t", Arc::new(table)).unwrap();
    let batches = runtime().block_on(async {
        ctx.sql(
            "SELECT us_tariff_rate(hts, origin, entry), us_duty(hts, origin, entry, value) FROM t",
        )
        .await
        .unwrap()
        .collect()
        .await
        .unwrap()
    });
    let rates = decimals(&batches, 0, RATE_SCALE);
    let duties = decimals(&batches, 1, DUTY_SCALE);
    assert_eq!(rates.len(), rows.len());
    for (i, (code, origin, day)) in rows.iter().enumerate() {
        let expected = book.rates(code, *origin, *day).unwrap();
        let total = expected.total().unwrap().fraction();
        assert_eq!(rates[i], Some(total), "{code} {origin} {day}");
        let v = Decimal::from_i128_with_scale(value(i), 2);
        let duty = expected.duty(Money::new(v, Currency::USD), None).unwrap();
        assert_eq!(duties[i], Some(duty.amount()), "{code} {origin} {day}");
    }
}

fn run(sql: &str) -> Result<Vec<RecordBatch>, DataFusionError> {
    let ctx = SessionContext::new();
    register(&ctx);
    runtime().block_on(async { ctx.sql(sql).await?.collect().await })
}

fn tariff_error(err: &DataFusionError) -> &TariffFunctionError {
    match err.find_root() {
        DataFusionError::External(e) => e.downcast_ref::<TariffFunctionError>().unwrap(),
        other => panic!("not a tariff error: {other}"),
    }
}

#[test]
fn errors_are_typed_sql_errors_naming_the_row() {
    let err = run("SELECT us_tariff_rate('6402.99.90.05', 'XX1', DATE '2025-04-10')").unwrap_err();
    assert_eq!(tariff_error(&err).origin(), "XX1");
    let err = run("SELECT us_duty('9999.99.99.99', 'CN', DATE '2025-04-10', 100)").unwrap_err();
    let e = tariff_error(&err);
    assert_eq!((e.function(), e.hts()), ("us_duty", "9999.99.99.99"));
    assert!(e.tariff_error().is_some(), "{e}");
    // A specific MFN rate has no ad valorem form, and its duty needs a quantity.
    let err = run("SELECT us_tariff_rate('0402.29.50.00', 'VN', DATE '2025-04-10')").unwrap_err();
    assert!(
        tariff_error(&err).to_string().contains("specific part"),
        "{err}"
    );
    let err = run("SELECT us_duty('0402.29.50.00', 'VN', DATE '2025-04-10', 100)").unwrap_err();
    assert!(
        matches!(
            tariff_error(&err).tariff_error(),
            Some(landed_cost::Error::MissingQuantity { .. })
        ),
        "{err}"
    );
    // Floats are not money, and a number is not a code.
    let err =
        run("SELECT us_duty('6402.99.90.05', 'VN', DATE '2025-04-10', 100.5::DOUBLE)").unwrap_err();
    assert!(err.to_string().contains("money is exact"), "{err}");
    let err = run("SELECT us_tariff_rate(6402999000, 'VN', DATE '2025-04-10')").unwrap_err();
    assert!(err.to_string().contains("not a string"), "{err}");
    let err = run("SELECT us_tariff_rate('6402.99.90.05', 'VN')").unwrap_err();
    assert!(err.to_string().contains("takes 3 arguments"), "{err}");
}

#[test]
fn nulls_give_nulls_and_strings_cast_to_dates() {
    let batches = run(
        "SELECT us_tariff_rate(NULL, 'VN', DATE '2025-04-10'), us_tariff_rate('6402.99.90.05', 'VN', '2025-04-10')",
    )
    .unwrap();
    assert_eq!(decimals(&batches, 0, RATE_SCALE), [None]);
    assert_eq!(
        decimals(&batches, 1, RATE_SCALE),
        [Some(Decimal::new(3, 1))]
    );
}

#[test]
fn the_panel_table_is_the_librarys_panel() {
    let batches = run(
        "SELECT hts10, origin, total, ieepa_reciprocal_heading FROM us_tariff_panel('2025-04-09', '2025-04-10', 'CN,VN') WHERE hts10 = '6402.99.90.05' ORDER BY hts10, origin, total",
    )
    .unwrap();
    let text = datafusion::arrow::util::pretty::pretty_format_batches(&batches)
        .unwrap()
        .to_string();
    // Two revision dates (9 and 10 April) × two origins.
    for row in [
        "| 6402.99.90.05 | CN     | 1.3150000000 | 9903.01.63",
        "| 6402.99.90.05 | CN     | 1.7250000000 | 9903.01.63",
        "| 6402.99.90.05 | VN     | 0.3000000000 | 9903.01.25",
        "| 6402.99.90.05 | VN     | 0.6600000000 | 9903.01.72",
    ] {
        assert!(text.contains(row), "{row} not in\n{text}");
    }
    let count =
        run("SELECT COUNT(*) FROM us_tariff_panel('2025-04-09', '2025-04-09', 'CN')").unwrap();
    let n = count[0].column(0).as_primitive::<Int64Type>().value(0);
    let book = TariffBook::embedded();
    let spec = book
        .panel_spec()
        .dates(vec!["2025-04-09".parse().unwrap()])
        .origins(vec![CountryCode::CN]);
    assert_eq!(
        u64::try_from(n).unwrap(),
        book.panel(spec).row_count().unwrap()
    );
    let err = run("SELECT * FROM us_tariff_panel('April')").unwrap_err();
    assert!(err.to_string().contains("not a date"), "{err}");
}

/// The totals of `data/README.md`, worked by hand.
#[test]
fn the_effective_rates_of_the_sample_are_those_worked_by_hand() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/imports_sample.csv");
    let schema = Schema::new(vec![
        Field::new("hts10", DataType::Utf8, false),
        Field::new("origin", DataType::Utf8, false),
        Field::new("month", DataType::Utf8, false),
        Field::new("customs_value", DataType::Decimal128(18, 2), false),
    ]);
    let ctx = SessionContext::new();
    register(&ctx);
    let rt = runtime();
    rt.block_on(ctx.register_csv("imports", path, CsvReadOptions::new().schema(&schema)))
        .unwrap();
    let by = |key: &str| -> Vec<(String, Decimal, Decimal)> {
        let sql = format!(
            "SELECT {key}, SUM(customs_value), \
             SUM(us_duty(hts10, origin, CAST(month || '-15' AS DATE), customs_value)) \
             FROM imports GROUP BY {key} ORDER BY {key}"
        );
        let batches = rt
            .block_on(async { ctx.sql(&sql).await?.collect().await })
            .unwrap();
        let keys: Vec<String> = batches
            .iter()
            .flat_map(|b| {
                let a = b.column(0).as_string::<i32>().clone();
                (0..a.len())
                    .map(|i| a.value(i).to_owned())
                    .collect::<Vec<_>>()
            })
            .collect();
        let values = decimals(&batches, 1, 2);
        let duties = decimals(&batches, 2, DUTY_SCALE);
        keys.into_iter()
            .zip(values)
            .zip(duties)
            .map(|((k, v), d)| (k, v.unwrap().normalize(), d.unwrap().normalize()))
            .collect()
    };
    let row = |k: &str, v: &str, d: &str| (k.to_owned(), v.parse().unwrap(), d.parse().unwrap());
    assert_eq!(
        by("month"),
        [
            row("2025-03", "40000", "15750"),
            row("2025-04", "75000", "30750"),
            row("2025-09", "50000", "14500"),
        ]
    );
    assert_eq!(
        by("origin"),
        [
            row("CN", "80000", "42500"),
            row("DE", "35000", "5500"),
            row("VN", "50000", "13000"),
        ]
    );
}
