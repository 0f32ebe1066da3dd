//! US tariff rates and duties of the [`landed_cost`] crate in SQL, through
//! [DataFusion](https://datafusion.apache.org): scalar functions over Arrow arrays and the
//! tariff panel as a table function, registered on a [`SessionContext`].
//!
//! | function | returns |
//! | --- | --- |
//! | `us_tariff_rate(hts, origin, entry_date)` | the total US rate on the customs value, MFN included, as a fraction (`DECIMAL(20, 10)`: 0.2 for 20%) |
//! | `us_duty(hts, origin, entry_date, customs_value)` | the duty in USD on that value (`DECIMAL(38, 10)`, exact to 10 places) |
//! | `us_tariff_panel([from [, through [, origins]]])` | the panel: a row per revision date, 10-digit HTS line and origin, with each authority's rate and headings |
//!
//! `hts` is a string (`'6402.99.90.05'` or `'6402999000'`), `origin` an ISO country code,
//! `entry_date` a `DATE` (or a string that casts to one), `customs_value` a `DECIMAL` or an
//! integer in USD. The rates are those of [`TariffBook::rates`] under its defaults: no claims,
//! no metal or US content, no de minimis, not in transit.
//!
//! **Errors are SQL errors, never a panic or a silent null.** A code not in the edition in force,
//! an unknown origin, a rate with a specific part (`us_tariff_rate` has no ad valorem form to
//! give, `us_duty` no quantity), a floating-point value (money is exact) fail the query with a
//! [`DataFusionError::External`] holding a typed [`TariffFunctionError`] that names the row's
//! inputs and says what to do. A `NULL` input gives a `NULL` output, as SQL functions do.
//!
//! **Fast.** A batch is evaluated without an allocation per row: inputs are read in place, each
//! distinct (code, origin, date) of the batch is looked up once, and the results are written
//! into one buffer.
//!
//! **Distributed.** The functions are plain DataFusion UDFs: the same SQL runs on a Ballista
//! cluster whose scheduler and executors register them with [`register`] (see the crate README).
//!
//! # Example
//! ```
//! use datafusion::prelude::SessionContext;
//! # tokio::runtime::Runtime::new()?.block_on(async {
//! let ctx = SessionContext::new();
//! landed_cost_datafusion::register(&ctx);
//! let df = ctx.sql("SELECT us_tariff_rate('6402.99.90.05', 'VN', DATE '2025-09-10') AS rate,
//!                          us_duty('6402.99.90.05', 'VN', DATE '2025-09-10', 10000) AS duty").await?;
//! let batches = df.collect().await?;
//! let text = datafusion::arrow::util::pretty::pretty_format_batches(&batches)?.to_string();
//! assert!(text.contains("0.4000000000") && text.contains("4000.0000000000"), "{text}");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! # })?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use chrono::NaiveDate;
use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, Date32Array, Decimal128Builder, StringArray,
};
use datafusion::arrow::datatypes::{DataType, Date32Type, Decimal128Type};
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};
use datafusion::prelude::SessionContext;
use landed_cost::tariff::TariffBook;
use landed_cost::{CountryCode, Currency, HsCode, Money};
use rust_decimal::Decimal;

mod panel;

pub use panel::{panel_schema, TariffPanelFunction};

/// The scale of the rates `us_tariff_rate` returns (`DECIMAL(20, 10)`).
pub const RATE_SCALE: i8 = 10;
/// The precision of the rates `us_tariff_rate` returns.
pub const RATE_PRECISION: u8 = 20;
/// The scale of the duties `us_duty` returns (`DECIMAL(38, 10)`).
pub const DUTY_SCALE: i8 = 10;
/// The precision of the duties `us_duty` returns.
pub const DUTY_PRECISION: u8 = 38;

/// Registers `us_tariff_rate`, `us_duty` and `us_tariff_panel` on `ctx`, over the embedded
/// [`TariffBook`].
///
/// # Example
/// ```
/// use datafusion::execution::FunctionRegistry;
/// let ctx = datafusion::prelude::SessionContext::new();
/// landed_cost_datafusion::register(&ctx);
/// assert!(ctx.udfs().contains("us_tariff_rate"));
/// ```
pub fn register(ctx: &SessionContext) {
    register_with(ctx, TariffBook::embedded());
}

/// Registers the functions over `book` (for rules loaded from files: `Box::leak` a book built
/// once, or keep it in a `static`).
///
/// # Example
/// ```
/// use datafusion::execution::FunctionRegistry;
/// use datafusion::prelude::SessionContext;
/// let ctx = SessionContext::new();
/// landed_cost_datafusion::register_with(&ctx, landed_cost::TariffBook::embedded());
/// assert!(ctx.udfs().contains("us_duty") && ctx.udfs().contains("us_tariff_rate"));
/// ```
pub fn register_with(ctx: &SessionContext, book: &'static TariffBook) {
    for udf in scalar_functions(book) {
        ctx.register_udf(udf);
    }
    ctx.register_udtf("us_tariff_panel", Arc::new(TariffPanelFunction::new(book)));
}

/// The scalar functions over `book`, to register on any function registry (a Ballista
/// executor's, for example).
///
/// # Example
/// ```
/// let names: Vec<String> = landed_cost_datafusion::scalar_functions(landed_cost::TariffBook::embedded())
///     .iter().map(|f| f.name().to_owned()).collect();
/// assert_eq!(names, ["us_tariff_rate", "us_duty"]);
/// ```
#[must_use]
pub fn scalar_functions(book: &'static TariffBook) -> Vec<ScalarUDF> {
    vec![
        ScalarUDF::new_from_impl(TariffFunction::new(book, Kind::Rate)),
        ScalarUDF::new_from_impl(TariffFunction::new(book, Kind::Duty)),
    ]
}

/// Why a tariff function failed on a row: the function, the row's inputs as given, and the
/// error of the [`landed_cost`] crate (or what was wrong with the input). Reaches SQL callers
/// as [`DataFusionError::External`]; downcast to read it.
///
/// # Example
/// ```
/// use datafusion::{error::DataFusionError, prelude::SessionContext};
/// use landed_cost_datafusion::TariffFunctionError;
/// # tokio::runtime::Runtime::new()?.block_on(async {
/// let ctx = SessionContext::new();
/// landed_cost_datafusion::register(&ctx);
/// let df = ctx.sql("SELECT us_tariff_rate('6402.99.90.05', 'Q1', DATE '2025-09-10')").await?;
/// let err = df.collect().await.unwrap_err();
/// let typed = err.find_root();
/// let DataFusionError::External(e) = typed else { panic!("{err}") };
/// let e = e.downcast_ref::<TariffFunctionError>().unwrap();
/// assert_eq!(e.origin(), "Q1");
/// assert!(e.to_string().contains("us_tariff_rate('6402.99.90.05', 'Q1', 2025-09-10)"), "{e}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// # })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct TariffFunctionError {
    function: &'static str,
    hts: String,
    origin: String,
    date: Option<NaiveDate>,
    reason: Reason,
}

#[derive(Debug)]
enum Reason {
    Tariff(landed_cost::Error),
    Input(String),
}

impl TariffFunctionError {
    /// The function that failed.
    ///
    /// # Example
    /// ```
    /// use datafusion::{error::DataFusionError, prelude::SessionContext};
    /// # tokio::runtime::Runtime::new()?.block_on(async {
    /// let ctx = SessionContext::new();
    /// landed_cost_datafusion::register(&ctx);
    /// let df = ctx.sql("SELECT us_duty('9999.99.99.99', 'CN', DATE '2025-04-10', 100)").await?;
    /// let err = df.collect().await.unwrap_err();
    /// let DataFusionError::External(e) = err.find_root() else { unreachable!("{err}") };
    /// let e = e.downcast_ref::<landed_cost_datafusion::TariffFunctionError>().unwrap();
    /// assert_eq!((e.function(), e.hts(), e.origin()), ("us_duty", "9999.99.99.99", "CN"));
    /// assert!(e.tariff_error().is_some()); // the code is not in the edition in force
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn function(&self) -> &str {
        self.function
    }

    /// The row's HTS code as given.
    ///
    /// # Example
    /// ```
    /// use datafusion::{error::DataFusionError, prelude::SessionContext};
    /// # tokio::runtime::Runtime::new()?.block_on(async {
    /// let ctx = SessionContext::new();
    /// landed_cost_datafusion::register(&ctx);
    /// let df = ctx.sql("SELECT us_duty('9999.99.99.99', 'CN', DATE '2025-04-10', 100)").await?;
    /// let err = df.collect().await.unwrap_err();
    /// let DataFusionError::External(e) = err.find_root() else { unreachable!("{err}") };
    /// let e = e.downcast_ref::<landed_cost_datafusion::TariffFunctionError>().unwrap();
    /// assert_eq!((e.function(), e.hts(), e.origin()), ("us_duty", "9999.99.99.99", "CN"));
    /// assert!(e.tariff_error().is_some()); // the code is not in the edition in force
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn hts(&self) -> &str {
        &self.hts
    }

    /// The row's origin as given.
    ///
    /// # Example
    /// ```
    /// use datafusion::{error::DataFusionError, prelude::SessionContext};
    /// # tokio::runtime::Runtime::new()?.block_on(async {
    /// let ctx = SessionContext::new();
    /// landed_cost_datafusion::register(&ctx);
    /// let df = ctx.sql("SELECT us_duty('9999.99.99.99', 'CN', DATE '2025-04-10', 100)").await?;
    /// let err = df.collect().await.unwrap_err();
    /// let DataFusionError::External(e) = err.find_root() else { unreachable!("{err}") };
    /// let e = e.downcast_ref::<landed_cost_datafusion::TariffFunctionError>().unwrap();
    /// assert_eq!((e.function(), e.hts(), e.origin()), ("us_duty", "9999.99.99.99", "CN"));
    /// assert!(e.tariff_error().is_some()); // the code is not in the edition in force
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The error of the `landed_cost` crate, where it was one (not for an input the function
    /// itself rejects, such as a rate with no ad valorem form).
    ///
    /// # Example
    /// ```
    /// use datafusion::{error::DataFusionError, prelude::SessionContext};
    /// # tokio::runtime::Runtime::new()?.block_on(async {
    /// let ctx = SessionContext::new();
    /// landed_cost_datafusion::register(&ctx);
    /// let df = ctx.sql("SELECT us_duty('9999.99.99.99', 'CN', DATE '2025-04-10', 100)").await?;
    /// let err = df.collect().await.unwrap_err();
    /// let DataFusionError::External(e) = err.find_root() else { unreachable!("{err}") };
    /// let e = e.downcast_ref::<landed_cost_datafusion::TariffFunctionError>().unwrap();
    /// assert_eq!((e.function(), e.hts(), e.origin()), ("us_duty", "9999.99.99.99", "CN"));
    /// assert!(e.tariff_error().is_some()); // the code is not in the edition in force
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn tariff_error(&self) -> Option<&landed_cost::Error> {
        match &self.reason {
            Reason::Tariff(e) => Some(e),
            Reason::Input(_) => None,
        }
    }
}

impl fmt::Display for TariffFunctionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}('{}', '{}', ", self.function, self.hts, self.origin)?;
        match self.date {
            Some(d) => write!(f, "{d})")?,
            None => write!(f, "?)")?,
        }
        match &self.reason {
            Reason::Tariff(e) => write!(f, ": {e}"),
            Reason::Input(s) => write!(f, ": {s}"),
        }
    }
}

impl std::error::Error for TariffFunctionError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.reason {
            Reason::Tariff(e) => Some(e),
            Reason::Input(_) => None,
        }
    }
}

/// A book shared by reference: compared and hashed by address (two functions over the same
/// book are the same function).
#[derive(Clone, Copy)]
pub(crate) struct Book(pub(crate) &'static TariffBook);

impl PartialEq for Book {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}
impl Eq for Book {}
impl Hash for Book {
    fn hash<H: Hasher>(&self, state: &mut H) {
        std::ptr::hash(self.0, state);
    }
}
impl fmt::Debug for Book {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TariffBook({} measures)", self.0.measures().len())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Rate,
    Duty,
}

/// `us_tariff_rate` and `us_duty` (see the [crate docs](crate)).
#[derive(Debug, PartialEq, Eq, Hash)]
struct TariffFunction {
    book: Book,
    kind: Kind,
    signature: Signature,
}

impl TariffFunction {
    fn new(book: &'static TariffBook, kind: Kind) -> TariffFunction {
        TariffFunction {
            book: Book(book),
            kind,
            signature: Signature::user_defined(Volatility::Immutable),
        }
    }

    fn arity(&self) -> usize {
        match self.kind {
            Kind::Rate => 3,
            Kind::Duty => 4,
        }
    }

    fn usage(&self) -> &'static str {
        match self.kind {
            Kind::Rate => "us_tariff_rate(hts VARCHAR, origin VARCHAR, entry_date DATE)",
            Kind::Duty => {
                "us_duty(hts VARCHAR, origin VARCHAR, entry_date DATE, customs_value DECIMAL)"
            }
        }
    }
}

/// The days from 0001-01-01 (day 1) to 1970-01-01.
const UNIX_EPOCH_FROM_CE: i32 = 719_163;

fn date_of(days: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(days.checked_add(UNIX_EPOCH_FROM_CE)?)
}

/// A rust_decimal value as an Arrow decimal of `scale`, rounding beyond it.
fn to_i128(value: Decimal, scale: i8) -> Option<i128> {
    let scale = u32::try_from(scale).ok()?;
    let mut v = value.round_dp(scale);
    v.rescale(scale);
    (v.scale() == scale).then(|| v.mantissa())
}

impl ScalarUDFImpl for TariffFunction {
    fn name(&self) -> &str {
        match self.kind {
            Kind::Rate => "us_tariff_rate",
            Kind::Duty => "us_duty",
        }
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(match self.kind {
            Kind::Rate => DataType::Decimal128(RATE_PRECISION, RATE_SCALE),
            Kind::Duty => DataType::Decimal128(DUTY_PRECISION, DUTY_SCALE),
        })
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        if arg_types.len() != self.arity() {
            return Err(DataFusionError::Plan(format!(
                "{} takes {} arguments, {} given: {}",
                self.name(),
                self.arity(),
                arg_types.len(),
                self.usage()
            )));
        }
        let text = |i: usize, t: &DataType, what: &str| {
            match t {
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Null => {
                Ok(DataType::Utf8)
            }
            other => Err(DataFusionError::Plan(format!(
                "{}: argument {} ({what}) is {other}, not a string; declare the column as VARCHAR (an HTS code read as a number loses the leading zero of chapters 01-09): {}",
                self.name(),
                i + 1,
                self.usage()
            ))),
        }
        };
        let mut types = Vec::with_capacity(arg_types.len());
        for (i, t) in arg_types.iter().enumerate() {
            types.push(match i {
                0 => text(i, t, "hts")?,
                1 => text(i, t, "origin")?,
                2 => match t {
                    DataType::Date32
                    | DataType::Date64
                    | DataType::Timestamp(..)
                    | DataType::Utf8
                    | DataType::LargeUtf8
                    | DataType::Utf8View
                    | DataType::Null => DataType::Date32,
                    other => {
                        return Err(DataFusionError::Plan(format!(
                            "{}: argument 3 (entry_date) is {other}, not a date: {}",
                            self.name(),
                            self.usage()
                        )))
                    }
                },
                _ => match t {
                    DataType::Decimal128(p, s) => DataType::Decimal128(*p, *s),
                    DataType::Int8
                    | DataType::Int16
                    | DataType::Int32
                    | DataType::Int64
                    | DataType::UInt8
                    | DataType::UInt16
                    | DataType::UInt32
                    | DataType::UInt64
                    | DataType::Null => DataType::Decimal128(20, 0),
                    other => {
                        return Err(DataFusionError::Plan(format!(
                            "{}: argument 4 (customs_value) is {other}; money is exact, so give it as a DECIMAL (CAST(customs_value AS DECIMAL(18, 2))) or an integer: {}",
                            self.name(),
                            self.usage()
                        )))
                    }
                },
            });
        }
        Ok(types)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let rows = args.number_rows;
        let (hts, origin, date) = match arrays.as_slice() {
            [h, o, d, ..] => (
                h.as_string_opt::<i32>(),
                o.as_string_opt::<i32>(),
                d.as_primitive_opt::<Date32Type>(),
            ),
            _ => (None, None, None),
        };
        let (Some(hts), Some(origin), Some(date)) = (hts, origin, date) else {
            return Err(DataFusionError::Internal(format!(
                "{}: arguments not coerced to (VARCHAR, VARCHAR, DATE, ...)",
                self.name()
            )));
        };
        let value = match self.kind {
            Kind::Rate => None,
            Kind::Duty => match arrays
                .get(3)
                .and_then(|v| v.as_primitive_opt::<Decimal128Type>())
            {
                Some(v) => Some(v),
                None => {
                    return Err(DataFusionError::Internal(
                        "us_duty: customs_value not coerced to DECIMAL".to_owned(),
                    ))
                }
            },
        };
        let out = self.evaluate(hts, origin, date, value, rows)?;
        Ok(ColumnarValue::Array(out))
    }
}

/// A row's key: the code, origin and date once parsed.
type Key = (HsCode, CountryCode, i32);

impl TariffFunction {
    fn error(&self, hts: &str, origin: &str, days: i32, reason: Reason) -> DataFusionError {
        DataFusionError::External(Box::new(TariffFunctionError {
            function: match self.kind {
                Kind::Rate => "us_tariff_rate",
                Kind::Duty => "us_duty",
            },
            hts: hts.to_owned(),
            origin: origin.to_owned(),
            date: date_of(days),
            reason,
        }))
    }

    /// The function over a batch: each distinct (code, origin, date) is looked up once.
    fn evaluate(
        &self,
        hts: &StringArray,
        origin: &StringArray,
        date: &Date32Array,
        value: Option<&datafusion::arrow::array::Decimal128Array>,
        rows: usize,
    ) -> Result<ArrayRef> {
        let book = self.book.0;
        let (precision, scale) = match self.kind {
            Kind::Rate => (RATE_PRECISION, RATE_SCALE),
            Kind::Duty => (DUTY_PRECISION, DUTY_SCALE),
        };
        let value_scale = value.map_or(0, |v| v.scale());
        let mut out = Decimal128Builder::with_capacity(rows);
        // The rate (Kind::Rate) or the rates' duty per dollar... each distinct key's rates are
        // found once; duties need the value, so they keep the total rate or compute per row.
        let mut seen: HashMap<Key, Option<Decimal>> = HashMap::with_capacity(64);
        for i in 0..rows {
            let nulls = hts.is_null(i)
                || origin.is_null(i)
                || date.is_null(i)
                || value.is_some_and(|v| v.is_null(i));
            if nulls {
                out.append_null();
                continue;
            }
            let (h, o, d) = (hts.value(i), origin.value(i), date.value(i));
            let code: HsCode = h.parse().map_err(|e: landed_cost::hs::HsCodeError| {
                self.error(h, o, d, Reason::Tariff(e.into()))
            })?;
            let country: CountryCode =
                o.parse()
                    .map_err(|e: landed_cost::country::CountryCodeError| {
                        self.error(h, o, d, Reason::Tariff(e.into()))
                    })?;
            let Some(day) = date_of(d) else {
                return Err(self.error(h, o, d, Reason::Input("the date is out of range".into())));
            };
            let key = (code, country, d);
            let total = match seen.get(&key) {
                Some(t) => *t,
                None => {
                    let rates = book
                        .rates(&code, country, day)
                        .map_err(|e| self.error(h, o, d, Reason::Tariff(e)))?;
                    let total = rates.total().map(|r| r.fraction());
                    seen.insert(key, total);
                    total
                }
            };
            let result = match (self.kind, total) {
                (Kind::Rate, Some(t)) => t,
                (Kind::Rate, None) => {
                    let text = book
                        .rates(&code, country, day)
                        .ok()
                        .and_then(|r| r.mfn().map(|m| m.rate.to_string()))
                        .unwrap_or_default();
                    return Err(self.error(h, o, d, Reason::Input(format!(
                        "the MFN rate \"{text}\" has a specific part, so there is no ad valorem rate without a unit value; the panel (us_tariff_panel) gives the exact expression"
                    ))));
                }
                (Kind::Duty, total) => {
                    let raw = value.map_or(0, |v| v.value(i));
                    let amount = Decimal::try_from_i128_with_scale(
                        raw,
                        u32::try_from(value_scale).unwrap_or(0),
                    )
                    .map_err(|e| {
                        self.error(
                            h,
                            o,
                            d,
                            Reason::Input(format!(
                                "the customs value does not fit an exact decimal: {e}"
                            )),
                        )
                    })?;
                    match total {
                        Some(t) => amount.checked_mul(t).ok_or_else(|| {
                            self.error(h, o, d, Reason::Input("the duty overflows".into()))
                        })?,
                        None => {
                            // A specific part: the duty needs a quantity, which the error names.
                            let rates = book
                                .rates(&code, country, day)
                                .map_err(|e| self.error(h, o, d, Reason::Tariff(e)))?;
                            rates
                                .duty(Money::new(amount, Currency::USD), None)
                                .map_err(|e| self.error(h, o, d, Reason::Tariff(e)))?
                                .amount()
                        }
                    }
                }
            };
            let Some(v) = to_i128(result, scale) else {
                return Err(self.error(
                    h,
                    o,
                    d,
                    Reason::Input(format!(
                        "{result} does not fit DECIMAL({precision}, {scale})"
                    )),
                ));
            };
            out.append_value(v);
        }
        let array = out
            .finish()
            .with_precision_and_scale(precision, scale)
            .map_err(|e| DataFusionError::ArrowError(Box::new(e), None))?;
        Ok(Arc::new(array))
    }
}
