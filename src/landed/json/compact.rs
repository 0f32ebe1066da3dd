//! A compact JSON writer for the quote's results: a `serde` serializer that writes into a byte
//! buffer exactly what `serde_json`'s compact serializer writes (`serde_json::to_vec`), faster
//! for the texts a quote holds.
//!
//! Most of a quote's JSON is text (explanations, sources, warnings), and `serde_json` looks up
//! every byte of a string in its escape table. Here a string is scanned eight bytes at a time
//! for the bytes JSON escapes (control characters, `"` and `\`) and copied in runs; the escapes
//! are `serde_json`'s own (`\"`, `\\`, `\b`, `\t`, `\n`, `\f`, `\r`, and `\u00XX` in lowercase
//! hexadecimal for the other control characters). A float is refused: no amount or rate of
//! the crate is one. The tests compare the bytes with `serde_json`'s for every quote of the
//! golden cases and for any string.

use std::fmt;

use serde::ser::{self, Serialize};

use super::escape::{string, Escaping};
use super::map_key::MapKey;
pub(crate) use super::write_error::WriteError;

/// Appends the compact JSON of `value` to `out`.
pub(crate) fn write<T: Serialize + ?Sized>(value: &T, out: &mut Vec<u8>) -> Result<(), WriteError> {
    value.serialize(&mut Compact { out })
}

/// The serializer: everything is appended to `out`.
pub(super) struct Compact<'o> {
    pub(super) out: &'o mut Vec<u8>,
}

/// A sequence, map or struct being written: whether an element has been written yet.
pub(super) struct Compound<'a, 'o> {
    ser: &'a mut Compact<'o>,
    first: bool,
    /// The bytes that close it (`]`, `}`, or `]}` and `}}` for the variants).
    close: &'static [u8],
}

impl Compound<'_, '_> {
    fn comma(&mut self) {
        if self.first {
            self.first = false;
        } else {
            self.ser.out.push(b',');
        }
    }

    fn key(&mut self, key: &str) {
        self.comma();
        string(key, self.ser.out);
        self.ser.out.push(b':');
    }

    fn end(self) {
        self.ser.out.extend_from_slice(self.close);
    }
}

impl<'a, 'o> Compact<'o> {
    fn integer(&mut self, n: impl itoa::Integer) {
        self.out
            .extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }

    fn number(&mut self, n: impl itoa::Integer) -> Result<(), WriteError> {
        self.integer(n);
        Ok(())
    }

    fn open(&'a mut self, open: &[u8], close: &'static [u8]) -> Compound<'a, 'o> {
        self.out.extend_from_slice(open);
        Compound {
            ser: self,
            first: true,
            close,
        }
    }

    /// `{"variant":` before a variant's value.
    fn variant(&mut self, variant: &str) {
        self.out.push(b'{');
        string(variant, self.out);
        self.out.push(b':');
    }
}

impl<'a, 'o> ser::Serializer for &'a mut Compact<'o> {
    type Ok = ();
    type Error = WriteError;
    type SerializeSeq = Compound<'a, 'o>;
    type SerializeTuple = Compound<'a, 'o>;
    type SerializeTupleStruct = Compound<'a, 'o>;
    type SerializeTupleVariant = Compound<'a, 'o>;
    type SerializeMap = Compound<'a, 'o>;
    type SerializeStruct = Compound<'a, 'o>;
    type SerializeStructVariant = Compound<'a, 'o>;

    fn serialize_bool(self, v: bool) -> Result<(), WriteError> {
        self.out
            .extend_from_slice(if v { b"true" as &[u8] } else { b"false" });
        Ok(())
    }
    integer_methods!(
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_u128: u128,
    );
    fn serialize_f32(self, _: f32) -> Result<(), WriteError> {
        Err(WriteError(
            "a float has no place in a quote's JSON".to_owned(),
        ))
    }
    fn serialize_f64(self, _: f64) -> Result<(), WriteError> {
        Err(WriteError(
            "a float has no place in a quote's JSON".to_owned(),
        ))
    }
    fn serialize_char(self, v: char) -> Result<(), WriteError> {
        string(v.encode_utf8(&mut [0; 4]), self.out);
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), WriteError> {
        string(v, self.out);
        Ok(())
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<(), WriteError> {
        use fmt::Write as _;
        self.out.push(b'"');
        write!(Escaping(self.out), "{value}")
            .map_err(|_| WriteError("a text of the quote could not be written".to_owned()))?;
        self.out.push(b'"');
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), WriteError> {
        let mut seq = self.open(b"[", b"]");
        for b in v {
            seq.comma();
            seq.ser.integer(*b);
        }
        seq.end();
        Ok(())
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
        string(variant, self.out);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        self.variant(variant);
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a, 'o>, WriteError> {
        Ok(self.open(b"[", b"]"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a, 'o>, WriteError> {
        Ok(self.open(b"[", b"]"))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Compound<'a, 'o>, WriteError> {
        Ok(self.open(b"[", b"]"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a, 'o>, WriteError> {
        self.variant(variant);
        Ok(self.open(b"[", b"]}"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a, 'o>, WriteError> {
        Ok(self.open(b"{", b"}"))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a, 'o>, WriteError> {
        Ok(self.open(b"{", b"}"))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a, 'o>, WriteError> {
        self.variant(variant);
        Ok(self.open(b"{", b"}}"))
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
        Compound::end(self);
        Ok(())
    }
}

/// A tuple, tuple struct or tuple variant is written as a sequence.
macro_rules! as_sequence {
    ($($trait:ident::$method:ident),*) => {
        $(impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = WriteError;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
                ser::SerializeSeq::serialize_element(self, value)
            }
            fn end(self) -> Result<(), WriteError> {
                Compound::end(self);
                Ok(())
            }
        })*
    };
}

as_sequence!(
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), WriteError> {
        self.comma();
        key.serialize(MapKey {
            out: &mut *self.ser.out,
        })?;
        self.ser.out.push(b':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Result<(), WriteError> {
        Compound::end(self);
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        self.key(key);
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Result<(), WriteError> {
        Compound::end(self);
        Ok(())
    }
}

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result<(), WriteError> {
        Compound::end(self);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Serialize;

    use super::*;

    fn ours<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
        let mut out = Vec::new();
        write(value, &mut out).unwrap();
        out
    }

    #[test]
    fn the_data_model_is_written_as_serde_json_writes_it() {
        #[derive(Serialize)]
        enum E {
            Unit,
            New(u8),
            Tuple(u8, bool),
            Struct { a: i64 },
        }
        #[derive(Serialize)]
        struct S<'a> {
            n: Option<u32>,
            s: Option<&'a str>,
            v: Vec<E>,
            m: BTreeMap<&'a str, (i128, u128, char)>,
            k: BTreeMap<u16, ()>,
            b: bool,
            #[serde(skip_serializing_if = "Option::is_none")]
            skipped: Option<u8>,
        }
        let value = S {
            n: None,
            s: Some("x"),
            v: vec![E::Unit, E::New(7), E::Tuple(1, false), E::Struct { a: -3 }],
            m: BTreeMap::from([("k", (i128::MIN, u128::MAX, 'é'))]),
            k: BTreeMap::from([(3, ()), (10, ())]),
            b: true,
            skipped: None,
        };
        assert_eq!(ours(&value), serde_json::to_vec(&value).unwrap());
        assert!(
            write(&1.5f64, &mut Vec::new()).is_err(),
            "floats are refused"
        );
    }
}
