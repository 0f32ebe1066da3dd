//! [`Shipment`] and [`Line`]: what is being imported, as the quote JSON describes it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::country::CountryCode;
use crate::hs::HsCode;
pub use crate::market::Mode;
use crate::money::Currency;
use crate::quantity::Quantity;
use crate::tariff::{DutyRate, Metal};

/// The enums of the quote JSON display as the JSON writes them (`CIF`, `ocean`, `per_item`), so
/// messages name what a user wrote.
macro_rules! display_as_written {
    ($ty:ty { $($variant:ident => $name:literal),* $(,)? }) => {
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.pad(match self {
                    $(Self::$variant => $name,)*
                })
            }
        }
    };
}

display_as_written!(Incoterm {
    Exw => "EXW", Fca => "FCA", Fas => "FAS", Fob => "FOB", Cfr => "CFR", Cif => "CIF",
    Cpt => "CPT", Cip => "CIP", Dap => "DAP", Dpu => "DPU", Ddp => "DDP",
});
display_as_written!(PostalDutyMethod { AdValorem => "ad_valorem", PerItem => "per_item" });
display_as_written!(Consignee { Business => "business", Consumer => "consumer" });
display_as_written!(AllocationBasis { Value => "value", Weight => "weight" });

/// The Incoterms rule of the sale: says whether the line values include international freight and
/// insurance.
///
/// # Example
/// ```
/// use landed_cost::landed::Incoterm;
/// assert!(!Incoterm::Fob.includes_freight());
/// assert!(Incoterm::Cif.includes_freight() && Incoterm::Cif.includes_insurance());
/// assert!(Incoterm::Cfr.includes_freight() && !Incoterm::Cfr.includes_insurance());
/// assert_eq!(Incoterm::Cif.to_string(), "CIF"); // as the JSON writes it
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "UPPERCASE")]
#[non_exhaustive]
pub enum Incoterm {
    /// Ex works.
    Exw,
    /// Free carrier.
    Fca,
    /// Free alongside ship.
    Fas,
    /// Free on board (the default).
    #[default]
    Fob,
    /// Cost and freight.
    Cfr,
    /// Cost, insurance and freight.
    Cif,
    /// Carriage paid to.
    Cpt,
    /// Carriage and insurance paid to.
    Cip,
    /// Delivered at place.
    Dap,
    /// Delivered at place unloaded.
    Dpu,
    /// Delivered duty paid.
    Ddp,
}

impl Incoterm {
    /// Whether the price includes the international freight.
    ///
    /// # Example
    /// ```
    /// use landed_cost::landed::Incoterm;
    /// assert!(!Incoterm::Fob.includes_freight()); // the buyer pays the freight
    /// assert!(Incoterm::Cfr.includes_freight() && Incoterm::Cif.includes_freight());
    /// ```
    #[must_use]
    pub fn includes_freight(self) -> bool {
        !matches!(
            self,
            Incoterm::Exw | Incoterm::Fca | Incoterm::Fas | Incoterm::Fob
        )
    }

    /// Whether the price includes the insurance.
    ///
    /// # Example
    /// ```
    /// use landed_cost::landed::Incoterm;
    /// assert!(Incoterm::Cif.includes_insurance());
    /// assert!(!Incoterm::Cfr.includes_insurance()); // cost and freight, no insurance
    /// ```
    #[must_use]
    pub fn includes_insurance(self) -> bool {
        matches!(
            self,
            Incoterm::Cif | Incoterm::Cip | Incoterm::Dap | Incoterm::Dpu | Incoterm::Ddp
        )
    }
}

/// The carrier's choice of method under the US postal regimes.
///
/// # Example
/// ```
/// use landed_cost::landed::PostalDutyMethod;
/// assert_eq!(PostalDutyMethod::default(), PostalDutyMethod::AdValorem);
/// assert_eq!(PostalDutyMethod::PerItem.to_string(), "per_item");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PostalDutyMethod {
    /// A percentage of the value (the default; a result says it was assumed).
    #[default]
    AdValorem,
    /// An amount per postal item.
    PerItem,
}

/// Who receives the goods.
///
/// # Example
/// ```
/// use landed_cost::landed::Consignee;
/// assert_eq!(Consignee::default(), Consignee::Business);
/// assert_eq!(Consignee::Consumer.to_string(), "consumer");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Consignee {
    /// A business (the default).
    #[default]
    Business,
    /// A consumer.
    Consumer,
}

/// How freight and insurance are shared among the lines.
///
/// # Example
/// ```
/// use landed_cost::landed::AllocationBasis;
/// assert_eq!(serde_json::from_str::<AllocationBasis>("\"weight\"")?, AllocationBasis::Weight);
/// assert_eq!(AllocationBasis::Weight.to_string(), "weight");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AllocationBasis {
    /// In proportion to the line values (the default).
    #[default]
    Value,
    /// In proportion to the line weights (each line needs a quantity in a mass unit).
    Weight,
}

/// The value of a metal in a line's goods (for Section 232).
///
/// # Example
/// ```
/// use landed_cost::landed::MetalContent;
/// let m: MetalContent = serde_json::from_str(r#"{"metal":"steel","value":"25.00"}"#)?;
/// assert_eq!(m.value.to_string(), "25.00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct MetalContent {
    /// The metal.
    pub metal: Metal,
    /// Its value (the price paid for the metal), in the shipment currency.
    #[serde(with = "crate::money::decimal_text")]
    pub value: Decimal,
}

/// One line of a shipment.
///
/// # Example
/// ```
/// use landed_cost::landed::Line;
/// let line: Line = serde_json::from_str(
///     r#"{"hts": "6402.99.90", "value": "9000.00", "quantities": [{"amount": "450", "unit": "PRS"}]}"#,
/// )?;
/// assert_eq!((line.hts.to_string(), line.value.to_string()), ("6402.99.90".into(), "9000.00".into()));
/// assert!(!line.usmca && line.claims.is_empty()); // no claim unless made
/// // An unknown field is an error, not silently ignored.
/// assert!(serde_json::from_str::<Line>(r#"{"hts": "6402.99.90", "value": "1", "colour": "red"}"#).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Line {
    /// The HTS code.
    pub hts: HsCode,
    /// What the goods are.
    #[serde(default)]
    pub description: String,
    /// The line's value in the shipment currency, under the shipment's Incoterm.
    #[serde(with = "crate::money::decimal_text")]
    pub value: Decimal,
    /// Quantities (for specific duties and allocation by weight).
    #[serde(default)]
    pub quantities: Vec<Quantity>,
    /// Metal content values (Section 232).
    #[serde(default)]
    pub metal_content: Vec<MetalContent>,
    /// The value of US content in the goods, in the shipment currency.
    #[serde(default, with = "crate::money::optional_decimal")]
    pub us_content: Option<Decimal>,
    /// The line's origin when it differs from the shipment's.
    #[serde(default)]
    pub origin: Option<CountryCode>,
    /// Rates for an importer whose tariff is not embedded, by authority (`{"mfn": "12%"}`).
    #[serde(default)]
    pub rates: BTreeMap<String, DutyRate>,
    /// Chapter-99 exemption headings the importer claims for the line: a Section 301 product
    /// exclusion (9903.88.69), donations (9903.01.30), informational materials (9903.01.31)...
    #[serde(default)]
    pub claims: Vec<HsCode>,
    /// The goods are entered under the USMCA (general note 11): exempts goods of Canada and
    /// Mexico from the IEEPA fentanyl duties, Section 122 and the forced-labor Section 301
    /// duties. Never assumed: without it those duties are charged, with a warning.
    #[serde(default)]
    pub usmca: bool,
}

/// A shipment to quote: the quote JSON's input.
///
/// # Example
/// ```
/// use landed_cost::landed::{Mode, Shipment};
/// let json = r#"{ "importer": "US", "origin": "CN", "mode": "ocean",
///   "export_date": "2025-04-01", "entry_date": "2025-04-20", "loaded_date": "2025-04-01",
///   "currency": "USD", "incoterm": "FOB", "freight": "1200.00", "insurance": "60.00",
///   "lines": [ { "hts": "6402.99.90", "description": "rubber-soled sneakers", "value": "10000.00",
///                "quantities": [ { "amount": "500", "unit": "PRS" } ],
///                "metal_content": [ { "metal": "steel", "value": "0" } ] } ] }"#;
/// let shipment: Shipment = serde_json::from_str(json)?;
/// assert_eq!(shipment.mode, Mode::Ocean);
/// assert_eq!(shipment.lines[0].quantities.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Shipment {
    /// The importing country.
    pub importer: CountryCode,
    /// The country of origin of the goods.
    pub origin: CountryCode,
    /// How the goods travel.
    pub mode: Mode,
    /// The date of exportation (governs the currency conversion).
    #[serde(deserialize_with = "dates::export_date")]
    pub export_date: NaiveDate,
    /// The date of entry for consumption (governs the duties); not before `export_date`.
    #[serde(deserialize_with = "dates::entry_date")]
    pub entry_date: NaiveDate,
    /// The date of loading on the final conveyance (in-transit rules); not after `entry_date`.
    /// When it is not given, the goods are taken to have been loaded on `export_date`, and a
    /// quote whose duties depend on an in-transit rule says so in a warning.
    #[serde(default, deserialize_with = "dates::loaded_date")]
    pub loaded_date: Option<NaiveDate>,
    /// The currency of the values.
    pub currency: Currency,
    /// The Incoterms rule of the sale.
    #[serde(default)]
    pub incoterm: Incoterm,
    /// International freight.
    #[serde(default, with = "crate::money::decimal_text")]
    pub freight: Decimal,
    /// Insurance.
    #[serde(default, with = "crate::money::decimal_text")]
    pub insurance: Decimal,
    /// The carrier's method under the US postal regimes.
    #[serde(default)]
    pub postal_duty_method: Option<PostalDutyMethod>,
    /// Who receives the goods.
    #[serde(default)]
    pub consignee: Consignee,
    /// How freight and insurance are shared among the lines.
    #[serde(default)]
    pub allocate_by: AllocationBasis,
    /// The country the goods are shipped from, when it is not the origin (Canada's CUSMA
    /// thresholds depend on it).
    #[serde(default)]
    pub shipped_from: Option<CountryCode>,
    /// The number of postal items (parcels) in a postal shipment (default 1).
    #[serde(default)]
    pub postal_items: Option<u32>,
    /// The lines.
    pub lines: Vec<Line>,
}

impl Shipment {
    /// Reads a shipment from the quote JSON (see [`Shipment`]). A gzip-compressed or UTF-16 file
    /// is recognised and named, and a UTF-8 byte-order mark is skipped.
    ///
    /// # Errors
    /// [`Error::UnsupportedEncoding`](crate::Error::UnsupportedEncoding) for a compressed or
    /// UTF-16 file; [`Error::Data`](crate::Error::Data) for JSON that is not a shipment, with the
    /// line and the message naming the field.
    ///
    /// # Example
    /// ```
    /// use landed_cost::landed::Shipment;
    /// let json = "\u{feff}{\"importer\":\"US\",\"origin\":\"CN\",\"mode\":\"air\",\"export_date\":\"2025-06-01\",\
    ///             \"entry_date\":\"2025-06-03\",\"currency\":\"USD\",\"lines\":[{\"hts\":\"6402.99.90\",\"value\":\"100\"}]}";
    /// assert_eq!(Shipment::from_json_reader(json.as_bytes())?.lines.len(), 1);
    /// let e = Shipment::from_json_reader(&b"\x1f\x8b\x08\x00"[..]).unwrap_err();
    /// assert!(e.to_string().contains("gzip"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json_reader<R: std::io::Read>(reader: R) -> crate::Result<Shipment> {
        const NAME: &str = "shipment JSON";
        serde_json::from_reader(crate::sniff::reader(NAME, reader)?).map_err(|e| {
            crate::Error::Data {
                source_name: NAME.to_owned(),
                line: u64::try_from(e.line()).unwrap_or(0),
                field: String::new(),
                reason: e.to_string(),
            }
        })
    }
}

/// The shipment's dates, read as `YYYY-MM-DD` with messages that name the field.
mod dates {
    use std::fmt;

    use chrono::NaiveDate;
    use serde::de::{self, Visitor};
    use serde::{Deserialize, Deserializer};

    /// A date's text read, or the error naming the field.
    fn read<E: serde::de::Error>(text: &str, field: &str) -> Result<NaiveDate, E> {
        if let Some(date) = plain_date(text) {
            return Ok(date);
        }
        NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
            E::custom(format!(
                "{field}: {} is not a date; write YYYY-MM-DD",
                crate::error::truncate(text)
            ))
        })
    }

    /// The error for a value that is not a string, showing it as JSON.
    fn not_text<E: serde::de::Error>(value: &serde_json::Value, field: &str) -> E {
        E::custom(format!(
            "{field}: {} is not a date; write it as a string \"YYYY-MM-DD\"",
            crate::error::truncate(&value.to_string())
        ))
    }

    /// Reads a date field from the input's own text (no string is allocated); `null` is no
    /// date. Any other value is an error that shows it.
    struct DateField {
        field: &'static str,
    }

    impl<'de> Visitor<'de> for DateField {
        type Value = Option<NaiveDate>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "{}: a date written \"YYYY-MM-DD\"", self.field)
        }
        fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
            read(text, self.field).map(Some)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            self.visit_unit()
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Err(not_text(&v.into(), self.field))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Err(not_text(&v.into(), self.field))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Err(not_text(&v.into(), self.field))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Err(not_text(&v.into(), self.field))
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            let value = serde_json::Value::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
            Err(not_text(&value, self.field))
        }
        fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            let value = serde_json::Value::deserialize(de::value::MapAccessDeserializer::new(map))?;
            Err(not_text(&value, self.field))
        }
    }

    /// A date that must be there: `null` is an error too.
    fn required<'de, D: Deserializer<'de>>(
        d: D,
        field: &'static str,
    ) -> Result<NaiveDate, D::Error> {
        d.deserialize_any(DateField { field })?
            .ok_or_else(|| not_text(&serde_json::Value::Null, field))
    }

    /// A date written exactly `YYYY-MM-DD` (as every shipment writes it), read without the
    /// general format parser; `None` for anything else, which that parser then reads (it reads
    /// these texts to the same dates).
    pub(super) fn plain_date(text: &str) -> Option<NaiveDate> {
        let b = text.as_bytes();
        let &[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = b else {
            return None;
        };
        let digits = |ds: &[u8]| -> Option<u32> {
            ds.iter().try_fold(0u32, |n, d| {
                d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
            })
        };
        let year = i32::try_from(digits(&[y0, y1, y2, y3])?).ok()?;
        NaiveDate::from_ymd_opt(year, digits(&[m0, m1])?, digits(&[d0, d1])?)
    }

    pub(super) fn export_date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        required(d, "export_date")
    }

    pub(super) fn entry_date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        required(d, "entry_date")
    }

    pub(super) fn loaded_date<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        d.deserialize_any(DateField {
            field: "loaded_date",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::dates::plain_date;
    use chrono::{Days, NaiveDate};
    use proptest::prelude::*;

    fn general(text: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
    }

    /// The error, or the entry and loaded dates, of a shipment with these date fields.
    fn dates(fields: &str) -> Result<(NaiveDate, Option<NaiveDate>), String> {
        let json = format!(
            r#"{{"importer":"US","origin":"CN","mode":"air","currency":"USD",{fields},
                "lines":[{{"hts":"6402.99.90","value":"10"}}]}}"#
        );
        serde_json::from_str::<super::Shipment>(&json)
            .map(|s| (s.entry_date, s.loaded_date))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn date_fields_read_their_text_and_show_any_other_value() {
        let day = NaiveDate::from_ymd_opt(2025, 4, 20);
        let ok = dates(r#""export_date":"2025-04-01","entry_date":"2025-04-20""#);
        assert_eq!(ok.ok(), day.map(|d| (d, None)));
        let loaded = dates(
            r#""export_date":"2025-04-01","entry_date":"2025-04-20","loaded_date":"2025-04-01""#,
        );
        assert_eq!(
            loaded.ok().and_then(|(_, l)| l),
            NaiveDate::from_ymd_opt(2025, 4, 1)
        );
        let null_loaded =
            dates(r#""export_date":"2025-04-01","entry_date":"2025-04-20","loaded_date":null"#);
        assert_eq!(null_loaded.ok(), day.map(|d| (d, None)));
        for (value, shown) in [
            ("20250420", "20250420"),
            ("-1", "-1"),
            ("1.5", "1.5"),
            ("true", "true"),
            ("null", "null"),
            (r#"[2025,4,20]"#, "[2025,4,20]"),
            (r#"{"y":2025}"#, r#"{"y":2025}"#),
        ] {
            let e = dates(&format!(
                r#""export_date":"2025-04-01","entry_date":{value}"#
            ));
            let e = e.err().unwrap_or_default();
            assert!(
                e.contains(&format!(
                    "entry_date: {shown} is not a date; write it as a string \"YYYY-MM-DD\""
                )),
                "{value}: {e}"
            );
        }
        let e = dates(r#""export_date":"2025-04-01","entry_date":"20 April""#);
        assert!(e
            .err()
            .unwrap_or_default()
            .contains("entry_date: 20 April is not a date; write YYYY-MM-DD"));
    }

    #[test]
    fn plain_dates_read_as_the_general_parser_reads_them() {
        for text in [
            "2025-01-05",
            "2026-12-31",
            "0001-01-01",
            "9999-12-31",
            "2024-02-29",
        ] {
            assert_eq!(plain_date(text), general(text), "{text}");
            assert!(plain_date(text).is_some(), "{text}");
        }
        // Not plain: left to the general parser (which refuses the impossible dates too).
        for text in [
            "2025-02-30",
            "2025-13-01",
            "2025-1-05",
            "2025/01/05",
            "+2025-01-0",
            "2025-01-05 ",
            "２０２５-01-05",
            "",
        ] {
            assert_eq!(plain_date(text), None, "{text}");
        }
    }

    proptest! {
        /// Any day from 1900 to 2100 written as `YYYY-MM-DD` reads as the general parser reads it.
        #[test]
        fn any_written_day_reads_the_same(days in 0u64..73_000) {
            let day = NaiveDate::from_ymd_opt(1900, 1, 1).and_then(|d| d.checked_add_days(Days::new(days)));
            if let Some(day) = day {
                let text = day.to_string();
                prop_assert_eq!(plain_date(&text), Some(day));
                prop_assert_eq!(general(&text), Some(day));
            }
        }
    }
}
