//! The crate's JSON writer for quote results: a `serde` serializer that writes into a byte
//! buffer exactly what `serde_json`'s compact serializer (`serde_json::to_vec`) writes for the
//! result types, faster for the texts they hold, and optionally without the explanations
//! ([`Explanations`]).
//!
//! Most of a result's JSON is text (explanations, sources, warnings), and `serde_json` looks up
//! every byte of a string in its escape table; here strings are scanned a word at a time
//! (`escape.rs`). The writer takes the part of serde's data model the result types use:
//! structs, sequences, strings, integers, booleans, options, unit variants and newtype
//! structs. Anything else (a float, a map, a tuple, an enum variant with data, bytes) is refused
//! with an error saying so, and the tests, which compare the bytes with `serde_json`'s on every
//! market quote and every fuzzed US quote, would find a result type that starts using one.

use std::fmt;

use serde::ser::{self, Impossible, Serialize};

use super::escape::{display, key, string};

/// Whether a quote's JSON holds the explanation of each charge and fee.
///
/// A catalogue run that stores or sends a hundred thousand results rarely reads their
/// explanations, which are most of the JSON's bytes and of the time to write it. Without them
/// the JSON holds every figure, heading, rate and source, the reasons measures were not
/// charged, the de minimis decision and the warnings; quoting the shipment again gives the
/// explanations.
///
/// # Example
/// ```
/// use landed_cost::landed::Explanations;
/// use landed_cost::{Shipment, TariffBook};
/// let shipment: Shipment = serde_json::from_str(r#"{"importer":"US","origin":"CN","mode":"air",
///   "export_date":"2025-01-10","entry_date":"2025-01-20","currency":"USD",
///   "lines":[{"hts":"2516.90.00","value":"10000.00"}]}"#)?;
/// let quote = TariffBook::embedded().quote(&shipment)?;
/// let mut brief = Vec::new();
/// quote.write_json_with(&mut brief, Explanations::Omitted)?;
/// let text = String::from_utf8(brief)?;
/// assert!(!text.contains("\"explanation\""));
/// assert!(text.contains(r#""amount":"300.00","source":"HTS 2025 basic""#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Explanations {
    /// Each charge and fee with its `explanation` (the quote JSON of DESIGN.md's contract and
    /// of `serde_json`).
    #[default]
    Included,
    /// Without the `explanation` field of each charge (`Charge`) and fee (`Fee`).
    Omitted,
}

/// The structs whose `explanation` field [`Explanations::Omitted`] leaves out, by their serde
/// names.
const EXPLAINED: [&str; 2] = ["Charge", "Fee"];

/// Why a value could not be written.
#[derive(Debug)]
pub(crate) struct WriteError(String);

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WriteError {}

impl ser::Error for WriteError {
    fn custom<T: fmt::Display>(msg: T) -> WriteError {
        WriteError(msg.to_string())
    }
}

/// The error for a part of serde's data model the result types do not use.
fn refused<T>(what: &str) -> Result<T, WriteError> {
    Err(WriteError(format!(
        "the quote's JSON writer writes structs, sequences, strings, integers, booleans and \
         options; {what} is none of the result types' values"
    )))
}

/// Appends the compact JSON of `value` to `out`, with or without the explanations.
pub(crate) fn write<T: Serialize + ?Sized>(
    value: &T,
    out: &mut Vec<u8>,
    explanations: Explanations,
) -> Result<(), WriteError> {
    let _direct = super::Direct::on();
    value.serialize(&mut Compact { out, explanations })
}

/// The serializer: everything is appended to `out`.
struct Compact<'o> {
    out: &'o mut Vec<u8>,
    explanations: Explanations,
}

/// A sequence or struct being written.
struct Compound<'a, 'o> {
    ser: &'a mut Compact<'o>,
    /// Whether an element has been written yet.
    first: bool,
    /// Whether this struct's `explanation` field is left out.
    omit_explanation: bool,
    /// The byte that closes it (`]` or `}`).
    close: u8,
}

impl Compound<'_, '_> {
    fn comma(&mut self) {
        if self.first {
            self.first = false;
        } else {
            self.ser.out.push(b',');
        }
    }

    fn end(self) -> Result<(), WriteError> {
        self.ser.out.push(self.close);
        Ok(())
    }
}

impl<'a, 'o> Compact<'o> {
    fn number(&mut self, n: impl itoa::Integer) -> Result<(), WriteError> {
        self.out
            .extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
        Ok(())
    }

    fn open(&'a mut self, open: u8, close: u8, omit_explanation: bool) -> Compound<'a, 'o> {
        self.out.push(open);
        Compound {
            ser: self,
            first: true,
            omit_explanation,
            close,
        }
    }
}

/// The integer methods, each writing its number.
macro_rules! integer_methods {
    ($($method:ident: $t:ty),* $(,)?) => {
        $(fn $method(self, v: $t) -> Result<(), WriteError> {
            self.number(v)
        })*
    };
}

impl<'a, 'o> ser::Serializer for &'a mut Compact<'o> {
    type Ok = ();
    type Error = WriteError;
    type SerializeSeq = Compound<'a, 'o>;
    type SerializeTuple = Impossible<(), WriteError>;
    type SerializeTupleStruct = Impossible<(), WriteError>;
    type SerializeTupleVariant = Impossible<(), WriteError>;
    type SerializeMap = Impossible<(), WriteError>;
    type SerializeStruct = Compound<'a, 'o>;
    type SerializeStructVariant = Impossible<(), WriteError>;

    integer_methods!(
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_u128: u128,
    );

    fn serialize_bool(self, v: bool) -> Result<(), WriteError> {
        self.out
            .extend_from_slice(if v { b"true" as &[u8] } else { b"false" });
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), WriteError> {
        string(v, self.out);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), WriteError> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<(), WriteError> {
        display(value, self.out)
            .map_err(|_| WriteError("a text of the quote could not be written".to_owned()))
    }
    fn serialize_none(self) -> Result<(), WriteError> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), WriteError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), WriteError> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), WriteError> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), WriteError> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a, 'o>, WriteError> {
        Ok(self.open(b'[', b']', false))
    }
    fn serialize_struct(
        self,
        name: &'static str,
        _: usize,
    ) -> Result<Compound<'a, 'o>, WriteError> {
        let omit = self.explanations == Explanations::Omitted && EXPLAINED.contains(&name);
        Ok(self.open(b'{', b'}', omit))
    }

    // What the result types do not use.
    fn serialize_f32(self, _: f32) -> Result<(), WriteError> {
        refused("a binary float")
    }
    fn serialize_f64(self, _: f64) -> Result<(), WriteError> {
        refused("a binary float")
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), WriteError> {
        refused("a byte string")
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), WriteError> {
        refused("an enum variant with data")
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, WriteError> {
        refused("a tuple")
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, WriteError> {
        refused("a tuple struct")
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, WriteError> {
        refused("an enum variant with data")
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, WriteError> {
        refused("a map")
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, WriteError> {
        refused("an enum variant with data")
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        self.comma();
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Result<(), WriteError> {
        Compound::end(self)
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        if self.omit_explanation && name == "explanation" {
            return Ok(());
        }
        self.comma();
        key(name, self.ser.out);
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Result<(), WriteError> {
        Compound::end(self)
    }
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    use super::*;

    fn ours<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, WriteError> {
        let mut out = Vec::new();
        write(value, &mut out, Explanations::Included)?;
        Ok(out)
    }

    #[test]
    fn the_result_types_data_model_is_written_as_serde_json_writes_it() {
        #[derive(Serialize)]
        enum E {
            Unit,
        }
        #[derive(Serialize)]
        struct New(u16);
        #[derive(Serialize)]
        struct S<'a> {
            n: Option<u32>,
            s: Option<&'a str>,
            v: Vec<E>,
            i: (),
            w: New,
            numbers: Vec<i128>,
            big: u128,
            c: char,
            b: bool,
            #[serde(skip_serializing_if = "Option::is_none")]
            skipped: Option<u8>,
        }
        let value = S {
            n: None,
            s: Some("x"),
            v: vec![E::Unit, E::Unit],
            i: (),
            w: New(7),
            numbers: vec![i128::MIN, -3, 0],
            big: u128::MAX,
            c: 'é',
            b: true,
            skipped: None,
        };
        assert_eq!(ours(&value).unwrap(), serde_json::to_vec(&value).unwrap());
    }

    #[test]
    fn what_the_result_types_do_not_use_is_refused() {
        #[derive(Serialize)]
        enum E {
            New(u8),
        }
        let refused = |e: Result<Vec<u8>, WriteError>| e.map_err(|e| e.to_string()).unwrap_err();
        assert!(refused(ours(&1.5)).contains("a binary float is none of"));
        assert!(refused(ours(&std::collections::BTreeMap::from([("k", 1)]))).contains("a map"));
        assert!(refused(ours(&(1, 2))).contains("a tuple"));
        assert!(refused(ours(&E::New(1))).contains("an enum variant with data"));
    }

    #[test]
    fn explanations_are_left_out_of_charges_and_fees_only() {
        #[derive(Serialize)]
        struct Charge {
            amount: u8,
            explanation: &'static str,
        }
        #[derive(Serialize)]
        struct Other {
            explanation: &'static str,
        }
        let value = (
            Charge {
                amount: 1,
                explanation: "x",
            },
            Other { explanation: "y" },
        );
        let mut out = Vec::new();
        write(&vec![&value.0], &mut out, Explanations::Omitted).unwrap();
        assert_eq!(out, br#"[{"amount":1}]"#);
        out.clear();
        write(&value.1, &mut out, Explanations::Omitted).unwrap();
        assert_eq!(out, br#"{"explanation":"y"}"#);
    }
}
