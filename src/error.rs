//! The crate's error type.
//!
//! Every fallible function in `landed_cost` returns [`Result<T, Error>`](crate::Result). Each variant
//! carries the context a caller needs to fix the problem (which currency, which text, which date),
//! and its message says what was wrong and what to do about it.

use chrono::NaiveDate;

use crate::country::CountryCodeError;
use crate::hs::HsCodeError;
use crate::money::{Currency, CurrencyError};
use crate::unit::{Unit, UnitError};

/// A `Result` whose error is this crate's [`Error`].
///
/// # Example
/// ```
/// use landed_cost::{Money, Result};
/// fn parse(s: &str) -> Result<Money> { s.parse() }
/// assert!(parse("12.50 EUR").is_ok());
/// assert!(parse("12.50 ZZZ").is_err());
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, with the context needed to fix it.
///
/// The enum is `#[non_exhaustive]`: new kinds of failure may be added in minor releases, so match
/// with a wildcard arm.
///
/// # Example
/// ```
/// use landed_cost::{Error, Money};
/// let usd: Money = "1.00 USD".parse()?;
/// let eur: Money = "1.00 EUR".parse()?;
/// match usd.checked_add(eur) {
///     Err(Error::CurrencyMismatch { left, right, .. }) => {
///         assert_eq!((left.code(), right.code()), ("USD", "EUR"));
///     }
///     other => unreachable!("{other:?}"),
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A text could not be parsed as the value it should hold.
    #[error("cannot parse {input:?} as {what}: {reason}")]
    Parse {
        /// What the text should have been ("money", "rate", "HS code", ...).
        what: &'static str,
        /// The text as given (truncated to 200 characters).
        input: String,
        /// Why it was rejected and what form is expected.
        reason: String,
    },

    /// A currency code that is not an active ISO 4217 code.
    #[error(
        "unknown currency code {code:?}: use an active ISO 4217 alphabetic code such as USD, EUR or CNY"
    )]
    UnknownCurrency {
        /// The code as given (truncated to 200 characters).
        code: String,
    },

    /// An ISO 4217 code that exists but has no minor unit (gold, SDR, the test code, ...).
    #[error(
        "{code} ({name}) has no minor unit in ISO 4217 and cannot be used as a money currency; \
         price the goods in a national currency instead"
    )]
    CurrencyWithoutMinorUnit {
        /// The code.
        code: &'static str,
        /// Its ISO name.
        name: &'static str,
    },

    /// Two amounts in different currencies were combined or compared.
    #[error(
        "cannot {operation} {left} and {right} amounts: convert one to the other's currency first \
         (see ExchangeRateTable::convert)"
    )]
    CurrencyMismatch {
        /// The operation attempted ("add", "subtract", "compare", ...).
        operation: &'static str,
        /// The currency of the left operand.
        left: Currency,
        /// The currency of the right operand.
        right: Currency,
    },

    /// An arithmetic result does not fit in a decimal (about ±7.9 × 10²⁸).
    #[error("arithmetic overflow in {operation}: the result exceeds the decimal range; check the inputs for an implausible magnitude")]
    Overflow {
        /// The operation that overflowed.
        operation: &'static str,
    },

    /// A value is outside the range its type allows.
    #[error("invalid {what}: {reason}")]
    InvalidValue {
        /// What was invalid ("allocation weights", "exchange rate", ...).
        what: &'static str,
        /// Why, and what is allowed.
        reason: String,
    },

    /// No exchange rate is known for a currency pair on (or, if allowed, before) a date.
    #[error(
        "no {from}/{to} exchange rate for {date}: load one into the ExchangeRateTable (ExchangeRateTable::insert, \
         from_csv_reader or from_json_reader)"
    )]
    MissingExchangeRate {
        /// The currency converted from.
        from: Currency,
        /// The currency converted to.
        to: Currency,
        /// The date the rate was needed for.
        date: NaiveDate,
    },

    /// The newest exchange rate on or before a date is older than the allowed age.
    #[error(
        "the newest {from}/{to} exchange rate before {date} is from {latest}, {age_days} days old \
         (at most {max_age_days} allowed: for a quote, the rate's own period plus \
         `QuoteOptions::rate_staleness_days`): load a rate for {date} (a certified rate, or a \
         newer table) or allow older rates with `QuoteOptions::rate_staleness_days`"
    )]
    StaleExchangeRate {
        /// The currency converted from.
        from: Currency,
        /// The currency converted to.
        to: Currency,
        /// The date the rate was needed for.
        date: NaiveDate,
        /// The date of the newest rate found.
        latest: NaiveDate,
        /// How old that rate is, in days.
        age_days: i64,
        /// The largest age allowed, in days.
        max_age_days: i64,
    },

    /// Reading a data file failed.
    #[error("cannot read {what}: {reason}")]
    Io {
        /// What was being read.
        what: String,
        /// The underlying I/O error's message.
        reason: String,
    },

    /// Writing output failed. `kind` tells a reader that closed the pipe early
    /// ([`std::io::ErrorKind::BrokenPipe`], as `| head` does) from a full disk.
    ///
    /// # Example
    /// ```
    /// use landed_cost::Error;
    /// let e = Error::Write {
    ///     what: "the panel CSV".into(),
    ///     kind: std::io::ErrorKind::BrokenPipe,
    ///     reason: "Broken pipe (os error 32)".into(),
    /// };
    /// assert_eq!(e.to_string(), "cannot write the panel CSV: Broken pipe (os error 32)");
    /// ```
    #[error("cannot write {what}: {reason}")]
    Write {
        /// What was being written.
        what: String,
        /// The underlying I/O error's kind.
        kind: std::io::ErrorKind,
        /// The underlying I/O error's message.
        reason: String,
    },

    /// A row of a data file is malformed.
    #[error("{source_name}, line {line}, field {field:?}: {reason}")]
    Data {
        /// The file or stream being read.
        source_name: String,
        /// 1-based line number.
        line: u64,
        /// The field (column or key) at fault.
        field: String,
        /// What was wrong with it.
        reason: String,
    },

    /// A quantity cannot be expressed in another unit: they measure different dimensions
    /// (mass and count) or different measures (kilograms and kilograms of copper content).
    #[error("cannot convert {from} to {to}: {reason}")]
    UnitMismatch {
        /// The unit of the quantity given.
        from: Unit,
        /// The unit asked for.
        to: Unit,
        /// Why not, and what to declare instead.
        reason: String,
    },

    /// A duty rate charges per a unit and the duty base has no quantity in it (nor in a unit
    /// that converts into it).
    #[error(
        "the rate {rate:?} charges per {unit} and the duty base has no quantity in {unit} or in \
         a unit that converts into it (it has: {available}); in the quote JSON add it to the \
         line's \"quantities\" (e.g. {{\"amount\": \"500\", \"unit\": \"{unit}\"}}), in Rust \
         with DutyBase::with_quantity"
    )]
    MissingQuantity {
        /// The unit the rate charges per.
        unit: Unit,
        /// The rate, as text.
        rate: String,
        /// The quantities the base has, as text ("none" if it has none).
        available: String,
    },

    /// A quote needs a rate that neither the embedded data nor the line's `rates` holds.
    #[error(
        "line {line} ({hts}): the {rate} rate for imports into {importer} is needed and not in the \
         data; give it in the line's rates, e.g. \"rates\": {{\"{rate}\": \"12%\"}}"
    )]
    MissingRate {
        /// The line, counted from 1.
        line: usize,
        /// The line's HS code.
        hts: crate::hs::HsCode,
        /// Which rate (`mfn`, `vat`, `consumption_tax`, ...).
        rate: String,
        /// The importing country.
        importer: crate::country::CountryCode,
    },

    /// A rate text that is not a formula ("The rate applicable to ...", "See additional U.S.
    /// note 1", a sugar degree scale, ...) was asked for a duty amount.
    #[error("the rate {text:?} cannot be computed: {reason}")]
    RateNotComputable {
        /// The rate text (truncated to 200 characters).
        text: String,
        /// What the text depends on and how to get the duty instead.
        reason: String,
    },

    /// No tariff edition is in force on a date (it is before the first edition held).
    #[error(
        "no tariff edition is in force on {date}: the earliest held takes effect on {earliest}; \
         ask for a later date or load an older edition"
    )]
    NoTariffEdition {
        /// The date asked for.
        date: chrono::NaiveDate,
        /// The effective date of the earliest edition held.
        earliest: chrono::NaiveDate,
    },

    /// An HS code is not a line of the tariff edition consulted.
    #[error(
        "{code} is not a line of the {edition} tariff: check the code (8 or 10 digits, as in \
         6402.99.90) or the date, since codes change between editions"
    )]
    NotInTariff {
        /// The code asked for.
        code: crate::HsCode,
        /// The edition consulted.
        edition: String,
    },

    /// A shipment field contradicts another or holds a value the quote cannot use (an entry
    /// before the export, an origin that is not an ISO country, an HS code of a digit count no
    /// tariff uses, an unknown key in a line's `rates`).
    #[error("{field}: {reason}")]
    InvalidShipment {
        /// The field as the quote JSON names it (`entry_date`, `lines[2].rates.duty`, ...).
        field: String,
        /// What was wrong and what to write instead.
        reason: String,
    },

    /// A line's `metal_content` or `us_content` is negative, exceeds the line's value, or names
    /// a metal twice.
    #[error("lines[{index}].{field} ({hts}): {reason}")]
    InvalidMetalContent {
        /// The line, counted from 0 as in the JSON array.
        index: usize,
        /// The line's HS code.
        hts: crate::hs::HsCode,
        /// `metal_content` or `us_content`.
        field: &'static str,
        /// What was wrong and what is allowed.
        reason: String,
    },

    /// A data stream ended or failed part-way (a truncated download, a damaged archive): what
    /// was read is not the whole file, so nothing of it is used.
    #[error(
        "{what} could not be read to its end (after line {line}): {reason}; the file is \
         truncated or damaged: fetch or decompress it again"
    )]
    TruncatedInput {
        /// The file or stream being read.
        what: String,
        /// The last line read completely (1-based; 0 before the first).
        line: u64,
        /// The underlying error's message.
        reason: String,
    },

    /// A row of a data file has a different number of fields than its header: the file is not
    /// the table it claims to be (a shifted or cut row), so nothing of it is used.
    #[error(
        "{source_name}, line {line}: {found} fields where the header has {expected}; a field is \
         missing or a separator was added (quote fields that hold commas)"
    )]
    RaggedRow {
        /// The file or stream being read.
        source_name: String,
        /// 1-based line number.
        line: u64,
        /// The number of fields of the header.
        expected: usize,
        /// The number of fields of the row.
        found: usize,
    },

    /// A file is not in the encoding or form the reader expects (gzip-compressed, UTF-16).
    #[error("{what} is {found}: {hint}")]
    UnsupportedEncoding {
        /// The file or stream being read.
        what: String,
        /// What it was recognised as ("gzip-compressed", "UTF-16 text").
        found: &'static str,
        /// What to do instead.
        hint: &'static str,
    },

    /// An arithmetic result fits the decimal range but not its 28 decimal places or 96-bit
    /// mantissa, so it could only be given rounded.
    #[error(
        "{operation} cannot be represented exactly (a decimal holds 28 significant digits); \
         round the operands first"
    )]
    PrecisionLoss {
        /// The operation ("money addition", "rate from percent", ...).
        operation: &'static str,
    },
    /// A shipment without lines was quoted or built.
    #[error(
        "the shipment has no lines: add at least one (\"lines\" in the JSON, or \
         ShipmentBuilder::line)"
    )]
    NoLines,

    /// A value that cannot be negative (a line's value, freight, insurance) is.
    #[error("{what} is negative ({value}): amounts must be zero or more")]
    NegativeValue {
        /// Which value ("line 1 (6402.99.90) value", "freight", ...).
        what: String,
        /// The value given.
        value: rust_decimal::Decimal,
    },

    /// No import rules are held for the importing country.
    #[error(
        "{importer}: no import rules for this country; the embedded markets are the US, the 27 EU \
         member states, GB, CA, AU, JP and CN (add others with Markets::from_json_reader)"
    )]
    UnknownImporter {
        /// The importing country.
        importer: crate::country::CountryCode,
    },

    /// No Merchandise Processing Fee schedule is held for the fiscal year of an entry, in
    /// strict mode (otherwise the latest year's figures are used, with a warning) or when the
    /// rules hold no year at all.
    #[error(
        "no Merchandise Processing Fee schedule for {date} (fiscal year {fiscal_year}); {}: add \
         the year's figures (CBP's annual user-fee notice) with TariffBook::with_us_rules, or \
         quote without strict mode to use the latest year's",
        held_years(*.latest)
    )]
    MissingFeeYear {
        /// The entry date.
        date: NaiveDate,
        /// The fiscal year it falls in (FY2027 runs from 1 October 2026).
        fiscal_year: i32,
        /// The latest fiscal year held, if any.
        latest: Option<i32>,
    },

    /// Freight and insurance cannot be shared among the lines: every line has a zero share
    /// under the allocation basis.
    #[error(
        "every line has zero {basis}, so freight and insurance cannot be shared among them: give \
         the lines a {basis}, or allocate by the other basis (allocate_by)"
    )]
    ZeroAllocationBase {
        /// The allocation basis (`value` or `weight`).
        basis: &'static str,
    },

    /// In strict mode, a date after the last dated change the rules hold.
    #[error(
        "{date} is after {known_through}, the last dated change the {what} hold: quote without \
         strict mode to answer from the rules as known (with a warning), or load newer rules"
    )]
    BeyondDataHorizon {
        /// The date asked for.
        date: NaiveDate,
        /// The date the rules are known through.
        known_through: NaiveDate,
        /// Which rules ("US tariff rules", "DE import rules").
        what: String,
    },
}

/// "the data holds FY2024 to FY2027", for [`Error::MissingFeeYear`].
fn held_years(latest: Option<i32>) -> String {
    match latest {
        Some(year) => format!("the latest fiscal year held is FY{year}"),
        None => "the rules hold no fiscal year".to_owned(),
    }
}

impl Error {
    /// Builds a [`Error::Parse`], truncating very long inputs so messages stay readable.
    pub(crate) fn parse(what: &'static str, input: &str, reason: impl Into<String>) -> Self {
        Error::Parse {
            what,
            input: truncate(input),
            reason: reason.into(),
        }
    }

    /// Builds an [`Error::Overflow`].
    pub(crate) const fn overflow(operation: &'static str) -> Self {
        Error::Overflow { operation }
    }

    /// Builds an [`Error::PrecisionLoss`].
    pub(crate) const fn precision(operation: &'static str) -> Self {
        Error::PrecisionLoss { operation }
    }

    /// Builds an [`Error::InvalidShipment`].
    pub(crate) fn shipment(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidShipment {
            field: field.into(),
            reason: reason.into(),
        }
    }

    /// Builds an [`Error::InvalidValue`].
    pub(crate) fn invalid(what: &'static str, reason: impl Into<String>) -> Self {
        Error::InvalidValue {
            what,
            reason: reason.into(),
        }
    }

    /// Builds an [`Error::Write`] for output `what` that could not be written, keeping the
    /// I/O error's kind.
    pub(crate) fn write(what: &str, e: &std::io::Error) -> Self {
        Error::Write {
            what: what.to_owned(),
            kind: e.kind(),
            reason: e.to_string(),
        }
    }
}

/// A CSV reading error as an [`Error::Data`] naming the source and line.
pub(crate) fn csv_error(source_name: &str, e: &csv::Error) -> Error {
    Error::Data {
        source_name: source_name.to_owned(),
        line: e.position().map_or(0, csv::Position::line),
        field: String::new(),
        reason: e.to_string(),
    }
}

/// Opens a file for reading, naming the path in the error.
pub(crate) fn open_file(path: &std::path::Path) -> Result<std::fs::File> {
    std::fs::File::open(path).map_err(|e| Error::Io {
        what: path.display().to_string(),
        reason: e.to_string(),
    })
}

pub(crate) use crate::input::truncate;

impl From<UnitError> for Error {
    /// An [`Error::Parse`] of a "unit".
    fn from(e: UnitError) -> Self {
        let UnitError { input, reason } = e;
        Error::Parse {
            what: "unit",
            input,
            reason,
        }
    }
}

impl From<CountryCodeError> for Error {
    /// An [`Error::Parse`] of a "country code".
    fn from(e: CountryCodeError) -> Self {
        let CountryCodeError { input, reason } = e;
        Error::Parse {
            what: "country code",
            input,
            reason,
        }
    }
}

impl From<HsCodeError> for Error {
    /// An [`Error::Parse`] or [`Error::InvalidValue`] of an "HS code".
    fn from(e: HsCodeError) -> Self {
        match e {
            HsCodeError::Parse { input, reason } => Error::Parse {
                what: "HS code",
                input,
                reason,
            },
            HsCodeError::Digits { reason } => Error::InvalidValue {
                what: "HS code",
                reason,
            },
        }
    }
}

impl From<CurrencyError> for Error {
    /// An [`Error::UnknownCurrency`] or [`Error::CurrencyWithoutMinorUnit`].
    fn from(e: CurrencyError) -> Self {
        match e {
            CurrencyError::Unknown { code } => Error::UnknownCurrency { code },
            CurrencyError::WithoutMinorUnit { code, name } => {
                Error::CurrencyWithoutMinorUnit { code, name }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_inputs_are_truncated() {
        let long = "9".repeat(1000);
        let Error::Parse { input, .. } = Error::parse("money", &long, "too long") else {
            unreachable!()
        };
        assert_eq!(input.chars().count(), 201);
    }

    #[test]
    fn errors_are_send_sync_static() {
        fn check<T: Send + Sync + 'static>() {}
        check::<Error>();
    }
}
