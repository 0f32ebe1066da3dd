//! Reading rate tables from CSV and JSON.

use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;

use super::{ExchangeRate, ExchangeRateKind, ExchangeRateTable};
use crate::error::{Error, Result};
use crate::money::Currency;

impl ExchangeRateTable {
    /// Reads rates from CSV with the header `date,from,to,rate,kind,source`.
    ///
    /// # Errors
    /// [`Error::Data`] naming the line, field and reason of the first malformed row (a bad date,
    /// an unknown currency, a rate that is not a positive plain decimal, a missing column), or a
    /// conflicting duplicate; [`Error::Io`] if the reader fails.
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::ExchangeRateTable;
    /// let bad = "date,from,to,rate,kind,source\n2025-04-01,USD,CNY,-7,daily,\n";
    /// let err = ExchangeRateTable::from_csv_reader(bad.as_bytes()).unwrap_err();
    /// assert!(err.to_string().contains("line 2"));
    /// ```
    pub fn from_csv_reader<R: Read>(reader: R) -> Result<ExchangeRateTable> {
        Self::from_csv_named(reader, "exchange-rate CSV")
    }

    /// Reads rates from a CSV file (see [`ExchangeRateTable::from_csv_reader`]).
    ///
    /// # Errors
    /// [`Error::Io`] if the file cannot be opened; otherwise as [`ExchangeRateTable::from_csv_reader`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::ExchangeRateTable;
    /// assert!(ExchangeRateTable::from_csv_path("no/such/rates.csv").is_err());
    /// ```
    pub fn from_csv_path(path: impl AsRef<Path>) -> Result<ExchangeRateTable> {
        let path = path.as_ref();
        let file = crate::error::open_file(path)?;
        Self::from_csv_named(file, &path.display().to_string())
    }

    fn from_csv_named<R: Read>(reader: R, name: &str) -> Result<ExchangeRateTable> {
        let mut csv = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .flexible(true)
            .from_reader(reader);
        let headers = csv.headers().map_err(|e| Error::Io {
            what: name.to_owned(),
            reason: e.to_string(),
        })?;
        let column = |wanted: &str| -> Result<usize> {
            headers
                .iter()
                .position(|h| h == wanted)
                .ok_or_else(|| Error::Data {
                    source_name: name.to_owned(),
                    line: 1,
                    field: wanted.to_owned(),
                    reason: "missing column; the header must be date,from,to,rate,kind,source"
                        .to_owned(),
                })
        };
        let columns = [
            column("date")?,
            column("from")?,
            column("to")?,
            column("rate")?,
            column("kind")?,
        ];
        let source_column = headers.iter().position(|h| h == "source");
        let mut table = ExchangeRateTable::new();
        for record in csv.records() {
            let record = record.map_err(|e| crate::error::csv_error(name, &e))?;
            let line = record.position().map_or(0, csv::Position::line);
            let fail = |field: &str, reason: String| Error::Data {
                source_name: name.to_owned(),
                line,
                field: field.to_owned(),
                reason,
            };
            let [date, from, to, rate, kind] = columns.map(|i| record.get(i).unwrap_or(""));
            let date: NaiveDate = date
                .parse()
                .map_err(|e| fail("date", format!("{date:?} is not a date YYYY-MM-DD ({e})")))?;
            let from: Currency = from
                .parse()
                .map_err(|e: crate::money::CurrencyError| fail("from", e.to_string()))?;
            let to: Currency = to
                .parse()
                .map_err(|e: crate::money::CurrencyError| fail("to", e.to_string()))?;
            let rate = crate::money::parse_plain_decimal(rate).map_err(|e| fail("rate", e))?;
            let kind: ExchangeRateKind = serde_json::from_value(serde_json::Value::String(
                kind.to_owned(),
            ))
            .map_err(|_| {
                fail(
                    "kind",
                    format!("{kind:?} is not one of daily, quarterly, reference, reporting"),
                )
            })?;
            let source = source_column.and_then(|i| record.get(i)).unwrap_or("");
            let rate = ExchangeRate::new(from, to, rate, date, kind, source)
                .map_err(|e| fail("rate", e.to_string()))?;
            table
                .insert(rate)
                .map_err(|e| fail("rate", e.to_string()))?;
        }
        Ok(table)
    }

    /// Reads rates from a JSON array of `{"date","from","to","rate","kind","source"}` objects.
    ///
    /// # Errors
    /// [`Error::Data`] with the JSON line and the reason for malformed input or a conflicting
    /// duplicate.
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::ExchangeRateTable;
    /// let json = r#"[{"date":"2025-04-09","from":"USD","to":"CNY","rate":"7.2066","kind":"reference","source":"PBOC"}]"#;
    /// assert_eq!(ExchangeRateTable::from_json_reader(json.as_bytes())?.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json_reader<R: Read>(reader: R) -> Result<ExchangeRateTable> {
        Self::from_json_named(reader, "exchange-rate JSON")
    }

    /// Reads rates from a JSON file (see [`ExchangeRateTable::from_json_reader`]).
    ///
    /// # Errors
    /// [`Error::Io`] if the file cannot be opened; otherwise as [`ExchangeRateTable::from_json_reader`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::money::fx::ExchangeRateTable;
    /// assert!(ExchangeRateTable::from_json_path("no/such/rates.json").is_err());
    /// ```
    pub fn from_json_path(path: impl AsRef<Path>) -> Result<ExchangeRateTable> {
        let path = path.as_ref();
        let file = crate::error::open_file(path)?;
        Self::from_json_named(std::io::BufReader::new(file), &path.display().to_string())
    }

    fn from_json_named<R: Read>(reader: R, name: &str) -> Result<ExchangeRateTable> {
        let rates: Vec<ExchangeRate> =
            serde_json::from_reader(reader).map_err(|e| Error::Data {
                source_name: name.to_owned(),
                line: u64::try_from(e.line()).unwrap_or(0),
                field: String::new(),
                reason: e.to_string(),
            })?;
        let mut table = ExchangeRateTable::new();
        for rate in rates {
            table.insert(rate).map_err(|e| Error::Data {
                source_name: name.to_owned(),
                line: 0,
                field: "rate".to_owned(),
                reason: e.to_string(),
            })?;
        }
        Ok(table)
    }
}
