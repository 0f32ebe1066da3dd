//! Small hand-made measure sets for the engine's unit tests: a book of the embedded HTS and
//! lists holding only the measures a test writes, and short ways to ask it and read the answer.

use chrono::NaiveDate;
use serde_json::{json, Value};

use crate::country::CountryCode;
use crate::hs::HsCode;
use crate::tariff::{Applicability, Claims, ProductList, TariffBook};
use crate::warning::WarningCode;

/// The entry date the tests ask about (the 2025 basic edition is in force).
pub(crate) const DAY: &str = "2025-06-01";

/// A US measure on goods of Vietnam, in force from 1 January 2025 at 10% on all products,
/// with `fields` written over those defaults.
pub(crate) fn measure(key: &str, fields: Value) -> Value {
    let mut m = json!({
        "key": key, "heading": "9903.99.01", "authority": "other", "title": format!("fixture {key}"),
        "importer": "US", "origins": {"only": ["VN"]}, "products": "all", "rate": "10%",
        "valid_from": "2025-01-01", "sources": ["fixture"]
    });
    if let (Some(m), Some(fields)) = (m.as_object_mut(), fields.as_object()) {
        for (k, v) in fields {
            m.insert(k.clone(), v.clone());
        }
    }
    m
}

/// A book of the embedded HTS and lists, a list `fixture` of `list_csv` rows (after the
/// header) if given, and exactly `measures`.
pub(crate) fn book_with_list(list_csv: Option<&str>, measures: Vec<Value>) -> TariffBook {
    let mut book = TariffBook::from_json_reader(r#"{"measures": []}"#.as_bytes()).unwrap();
    if let Some(rows) = list_csv {
        let csv = format!("prefix,from,until,tag,source\n{rows}");
        book.add_list(ProductList::from_csv_reader("fixture", csv.as_bytes()).unwrap());
    }
    let set = serde_json::from_value(json!({ "measures": measures })).unwrap();
    book.merge(set).unwrap();
    book
}

/// A book of exactly `measures`.
pub(crate) fn book(measures: Vec<Value>) -> TariffBook {
    book_with_list(None, measures)
}

pub(crate) fn hs(code: &str) -> HsCode {
    code.parse().unwrap()
}

pub(crate) fn day(date: &str) -> NaiveDate {
    date.parse().unwrap()
}

/// What applies to `code` of Vietnam entered on [`DAY`], with `claims`.
pub(crate) fn ask<'b>(book: &'b TariffBook, code: &str, claims: Claims<'_>) -> Applicability<'b> {
    ask_on(book, code, CountryCode::VN, DAY, None, claims)
}

/// What applies to `code` of `origin` entered on `entry`, loaded on `loaded`, with `claims`.
pub(crate) fn ask_on<'b>(
    book: &'b TariffBook,
    code: &str,
    origin: CountryCode,
    entry: &str,
    loaded: Option<&str>,
    claims: Claims<'_>,
) -> Applicability<'b> {
    book.applicable_with(&hs(code), origin, day(entry), loaded.map(day), claims)
        .unwrap()
}

/// The keys of the duties applied ("mfn" first).
pub(crate) fn applied(what: &Applicability<'_>) -> Vec<String> {
    what.applied.iter().map(|a| a.key().to_owned()).collect()
}

/// The keys of the measures excluded, each with its reason's text.
pub(crate) fn excluded(what: &Applicability<'_>) -> Vec<(String, String)> {
    what.excluded
        .iter()
        .map(|e| (e.measure.key.clone(), e.reason.to_string()))
        .collect()
}

/// The codes of the warnings.
pub(crate) fn warnings(what: &Applicability<'_>) -> Vec<WarningCode> {
    what.warnings
        .iter()
        .map(crate::warning::Warning::code)
        .collect()
}
