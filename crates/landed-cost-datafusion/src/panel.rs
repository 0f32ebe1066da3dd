//! `us_tariff_panel`: the tariff panel of [`TariffBook::panel`] as a table, streamed in
//! batches.

use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use datafusion::arrow::array::{
    ArrayRef, Date32Builder, Decimal128Builder, RecordBatch, StringBuilder,
};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::catalog::streaming::StreamingTable;
use datafusion::catalog::{TableFunctionArgs, TableFunctionImpl, TableProvider};
use datafusion::common::ScalarValue;
use datafusion::error::{DataFusionError, Result};
use datafusion::execution::TaskContext;
use datafusion::logical_expr::Expr;
use datafusion::physical_plan::stream::RecordBatchStreamAdapter;
use datafusion::physical_plan::streaming::PartitionStream;
use datafusion::physical_plan::SendableRecordBatchStream;
use landed_cost::tariff::{Authority, Panel, PanelRow, PanelSpec, TariffBook};
use landed_cost::CountryCode;

use crate::{to_i128, Book, RATE_PRECISION, RATE_SCALE, UNIX_EPOCH_FROM_CE};

/// Rows per batch of the panel table.
const BATCH_ROWS: usize = 8192;

/// The authorities of the panel's rate columns: MFN, then those of the book's US measures.
fn authorities(book: &'static TariffBook) -> Vec<Authority> {
    book.panel(book.panel_spec().dates(Vec::new()))
        .authorities()
}

/// The schema of `us_tariff_panel` over `book`: `date DATE, hts10, origin, origin_group,
/// edition, mfn_text VARCHAR`, then for each authority `<authority> DECIMAL(20, 10)` (its rate
/// on the customs value as a fraction; `NULL` where it has no ad valorem form, a specific or
/// compound rate whose exact text `mfn_text` gives) and, but for MFN, `<authority>_heading
/// VARCHAR` (the headings, space-separated), then `total DECIMAL(20, 10)` (`NULL` likewise),
/// `warnings VARCHAR` (the warning codes, `;`-separated) and `error VARCHAR` (`NULL` unless the
/// code is not in the edition in force).
///
/// # Example
/// ```
/// let schema = landed_cost_datafusion::panel_schema(landed_cost::TariffBook::embedded());
/// assert_eq!(schema.field(0).name(), "date");
/// assert!(schema.field_with_name("ieepa_reciprocal_heading").is_ok());
/// ```
#[must_use]
pub fn panel_schema(book: &'static TariffBook) -> SchemaRef {
    let rate = DataType::Decimal128(RATE_PRECISION, RATE_SCALE);
    let mut fields = vec![
        Field::new("date", DataType::Date32, false),
        Field::new("hts10", DataType::Utf8, false),
        Field::new("origin", DataType::Utf8, false),
        Field::new("origin_group", DataType::Utf8, false),
        Field::new("edition", DataType::Utf8, true),
        Field::new("mfn_text", DataType::Utf8, true),
    ];
    for a in authorities(book) {
        fields.push(Field::new(a.as_str(), rate.clone(), true));
        if a != Authority::Mfn {
            fields.push(Field::new(format!("{a}_heading"), DataType::Utf8, true));
        }
    }
    fields.push(Field::new("total", rate, true));
    fields.push(Field::new("warnings", DataType::Utf8, true));
    fields.push(Field::new("error", DataType::Utf8, true));
    Arc::new(Schema::new(fields))
}

/// The table function `us_tariff_panel([from [, through [, origins]]])`: the panel of the
/// revision dates from `from` through `through` (dates or strings; 2025-01-01 and 2026-12-31
/// by default) for the origins given as a comma-separated string (every origin the measures
/// distinguish by default), streamed in batches of 8,192 rows.
///
/// # Example
/// ```
/// use datafusion::prelude::SessionContext;
/// # tokio::runtime::Runtime::new()?.block_on(async {
/// let ctx = SessionContext::new();
/// landed_cost_datafusion::register(&ctx);
/// let df = ctx.sql("SELECT date, origin, total FROM us_tariff_panel('2025-04-09', '2025-04-09', 'CN,VN')
///                   WHERE hts10 = '6402.99.90.05' ORDER BY origin").await?;
/// let text = datafusion::arrow::util::pretty::pretty_format_batches(&df.collect().await?)?.to_string();
/// // 20% MFN + 7.5% Section 301 + 20% fentanyl + 84% reciprocal; 20% + 46% for Viet Nam.
/// assert!(text.contains("| 2025-04-09 | CN     | 1.3150000000 |"), "{text}");
/// assert!(text.contains("| 2025-04-09 | VN     | 0.6600000000 |"), "{text}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// # })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct TariffPanelFunction {
    book: Book,
}

impl TariffPanelFunction {
    /// The function over `book`.
    ///
    /// # Example
    /// ```
    /// use std::sync::Arc;
    /// let ctx = datafusion::prelude::SessionContext::new();
    /// let f = landed_cost_datafusion::TariffPanelFunction::new(landed_cost::TariffBook::embedded());
    /// ctx.register_udtf("panel", Arc::new(f));
    /// ```
    #[must_use]
    pub fn new(book: &'static TariffBook) -> TariffPanelFunction {
        TariffPanelFunction { book: Book(book) }
    }
}

fn literal_text(e: &Expr, what: &str) -> Result<String> {
    match e {
        Expr::Literal(ScalarValue::Utf8(Some(s)) | ScalarValue::LargeUtf8(Some(s)) | ScalarValue::Utf8View(Some(s)), _) => {
            Ok(s.clone())
        }
        Expr::Literal(ScalarValue::Date32(Some(d)), _) => d
            .checked_add(UNIX_EPOCH_FROM_CE)
            .and_then(NaiveDate::from_num_days_from_ce_opt)
            .map(|d| d.to_string())
            .ok_or_else(|| DataFusionError::Plan(format!("us_tariff_panel: {what} is out of range"))),
        other => Err(DataFusionError::Plan(format!(
            "us_tariff_panel: {what} must be a literal date or string, not {other}; usage: us_tariff_panel([from [, through [, 'CN,VN']]])"
        ))),
    }
}

impl TableFunctionImpl for TariffPanelFunction {
    fn call_with_args(&self, args: TableFunctionArgs) -> Result<Arc<dyn TableProvider>> {
        let book = self.book.0;
        let exprs = args.exprs();
        if exprs.len() > 3 {
            return Err(DataFusionError::Plan(
                "us_tariff_panel takes at most 3 arguments: us_tariff_panel([from [, through [, 'CN,VN']]])".to_owned(),
            ));
        }
        let date = |i: usize, default: NaiveDate, what: &str| -> Result<NaiveDate> {
            match exprs.get(i) {
                None => Ok(default),
                Some(e) => literal_text(e, what)?.trim().parse().map_err(|e| {
                    DataFusionError::Plan(format!(
                        "us_tariff_panel: {what} is not a date (YYYY-MM-DD): {e}"
                    ))
                }),
            }
        };
        let from = date(
            0,
            NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default(),
            "from",
        )?;
        let through = date(
            1,
            NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or_default(),
            "through",
        )?;
        let mut spec = book.panel_spec().dates(book.revision_dates(from, through));
        if let Some(e) = exprs.get(2) {
            let origins = literal_text(e, "origins")?
                .split(',')
                .map(|s| {
                    s.trim().parse::<CountryCode>().map_err(|e| {
                        DataFusionError::Plan(format!("us_tariff_panel: origins: {e}"))
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            spec = spec.origins(origins);
        }
        let schema = panel_schema(book);
        let partition = PanelPartition {
            book: self.book,
            spec,
            schema: Arc::clone(&schema),
        };
        Ok(Arc::new(StreamingTable::try_new(
            schema,
            vec![Arc::new(partition)],
        )?))
    }
}

/// The one partition of the panel table.
#[derive(Debug)]
struct PanelPartition {
    book: Book,
    spec: PanelSpec<'static>,
    schema: SchemaRef,
}

impl PartitionStream for PanelPartition {
    fn schema(&self) -> &SchemaRef {
        &self.schema
    }

    fn execute(&self, _ctx: Arc<TaskContext>) -> SendableRecordBatchStream {
        let book = self.book.0;
        let panel = book.panel(self.spec.clone());
        let batches = Batches {
            authorities: panel.authorities(),
            panel,
            schema: Arc::clone(&self.schema),
        };
        Box::pin(RecordBatchStreamAdapter::new(
            Arc::clone(&self.schema),
            futures::stream::iter(batches),
        ))
    }
}

/// The panel's rows as record batches.
struct Batches {
    panel: Panel<'static, 'static>,
    authorities: Vec<Authority>,
    schema: SchemaRef,
}

impl Iterator for Batches {
    type Item = Result<RecordBatch>;

    fn next(&mut self) -> Option<Result<RecordBatch>> {
        let mut rows: Vec<PanelRow<'static>> = Vec::with_capacity(BATCH_ROWS);
        for row in self.panel.by_ref() {
            match row {
                Ok(r) => rows.push(r),
                Err(e) => return Some(Err(DataFusionError::External(Box::new(e)))),
            }
            if rows.len() == BATCH_ROWS {
                break;
            }
        }
        if rows.is_empty() {
            return None;
        }
        Some(self.batch(&rows))
    }
}

impl Batches {
    fn batch(&self, rows: &[PanelRow<'static>]) -> Result<RecordBatch> {
        let n = rows.len();
        let text = || StringBuilder::with_capacity(n, n * 8);
        let rate = || Decimal128Builder::with_capacity(n);
        let (mut date, mut hts, mut origin, mut group, mut edition, mut mfn_text) = (
            Date32Builder::with_capacity(n),
            text(),
            text(),
            text(),
            text(),
            text(),
        );
        let mut rates: Vec<Decimal128Builder> = self.authorities.iter().map(|_| rate()).collect();
        let mut headings: Vec<StringBuilder> = self.authorities.iter().map(|_| text()).collect();
        let (mut total, mut warnings, mut error) = (rate(), text(), text());
        let mut buffer = String::new();
        for row in rows {
            let days = row
                .date
                .num_days_from_ce()
                .checked_sub(UNIX_EPOCH_FROM_CE)
                .unwrap_or_default();
            date.append_value(days);
            buffer.clear();
            use std::fmt::Write as _;
            let _ = write!(buffer, "{}", row.code);
            hts.append_value(&buffer);
            origin.append_value(row.origin.country.as_str());
            group.append_value(row.origin.group());
            let fraction =
                |r: Option<landed_cost::Rate>| r.and_then(|r| to_i128(r.fraction(), RATE_SCALE));
            match row.rates.as_ref() {
                Ok(r) => {
                    edition.append_value(r.edition().name());
                    match r.mfn() {
                        Some(m) => mfn_text.append_value(m.rate.to_string()),
                        None => mfn_text.append_null(),
                    }
                    for ((a, rb), hb) in self.authorities.iter().zip(&mut rates).zip(&mut headings)
                    {
                        rb.append_option(fraction(r.of(*a)));
                        buffer.clear();
                        for e in r.entries().iter().filter(|e| e.authority == *a) {
                            if !buffer.is_empty() {
                                buffer.push(' ');
                            }
                            let _ = write!(buffer, "{}", e.heading);
                        }
                        hb.append_value(&buffer);
                    }
                    total.append_option(fraction(r.total()));
                    buffer.clear();
                    for w in r.warnings() {
                        if !buffer.is_empty() {
                            buffer.push(';');
                        }
                        buffer.push_str(w.as_str());
                    }
                    warnings.append_value(&buffer);
                    error.append_null();
                }
                Err(e) => {
                    edition.append_null();
                    mfn_text.append_null();
                    rates.iter_mut().for_each(|b| b.append_null());
                    headings.iter_mut().for_each(|b| b.append_null());
                    total.append_null();
                    warnings.append_null();
                    error.append_value(e.to_string());
                }
            }
        }
        let decimal = |mut b: Decimal128Builder| -> Result<ArrayRef> {
            Ok(Arc::new(
                b.finish()
                    .with_precision_and_scale(RATE_PRECISION, RATE_SCALE)
                    .map_err(|e| DataFusionError::ArrowError(Box::new(e), None))?,
            ))
        };
        let mut columns: Vec<ArrayRef> = vec![
            Arc::new(date.finish()),
            Arc::new(hts.finish()),
            Arc::new(origin.finish()),
            Arc::new(group.finish()),
            Arc::new(edition.finish()),
            Arc::new(mfn_text.finish()),
        ];
        for ((a, rb), mut hb) in self.authorities.iter().zip(rates).zip(headings) {
            columns.push(decimal(rb)?);
            if *a != Authority::Mfn {
                columns.push(Arc::new(hb.finish()));
            }
        }
        columns.push(decimal(total)?);
        columns.push(Arc::new(warnings.finish()));
        columns.push(Arc::new(error.finish()));
        RecordBatch::try_new(Arc::clone(&self.schema), columns)
            .map_err(|e| DataFusionError::ArrowError(Box::new(e), None))
    }
}
