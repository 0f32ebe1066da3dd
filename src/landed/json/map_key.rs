//! Map keys as JSON writes them: strings, and numbers, booleans and characters in quotes, as
//! `serde_json` writes them; anything else is refused.

use serde::ser::{self, Serialize};

use super::escape::string;
use super::write_error::WriteError;

/// A map key: a string, or a number, boolean or character written in quotes, as `serde_json`
/// writes them; anything else is refused.
pub(super) struct MapKey<'a> {
    pub(super) out: &'a mut Vec<u8>,
}

impl MapKey<'_> {
    fn quoted(self, text: &str) -> Result<(), WriteError> {
        string(text, self.out);
        Ok(())
    }
    /// A number, in quotes.
    fn number(self, n: impl itoa::Integer) -> Result<(), WriteError> {
        self.quoted(itoa::Buffer::new().format(n))
    }
    fn refuse<T>() -> Result<T, WriteError> {
        Err(WriteError("a map key must be a string".to_owned()))
    }
}

impl ser::Serializer for MapKey<'_> {
    type Ok = ();
    type Error = WriteError;
    type SerializeSeq = ser::Impossible<(), WriteError>;
    type SerializeTuple = ser::Impossible<(), WriteError>;
    type SerializeTupleStruct = ser::Impossible<(), WriteError>;
    type SerializeTupleVariant = ser::Impossible<(), WriteError>;
    type SerializeMap = ser::Impossible<(), WriteError>;
    type SerializeStruct = ser::Impossible<(), WriteError>;
    type SerializeStructVariant = ser::Impossible<(), WriteError>;

    fn serialize_bool(self, v: bool) -> Result<(), WriteError> {
        self.quoted(if v { "true" } else { "false" })
    }
    integer_methods!(
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_u128: u128,
    );
    fn serialize_f32(self, _: f32) -> Result<(), WriteError> {
        MapKey::refuse()
    }
    fn serialize_f64(self, _: f64) -> Result<(), WriteError> {
        MapKey::refuse()
    }
    fn serialize_char(self, v: char) -> Result<(), WriteError> {
        self.quoted(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), WriteError> {
        self.quoted(v)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), WriteError> {
        MapKey::refuse()
    }
    fn serialize_none(self) -> Result<(), WriteError> {
        MapKey::refuse()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), WriteError> {
        MapKey::refuse()
    }
    fn serialize_unit(self) -> Result<(), WriteError> {
        MapKey::refuse()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), WriteError> {
        MapKey::refuse()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), WriteError> {
        self.quoted(variant)
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
        _: &'static str,
        _: &T,
    ) -> Result<(), WriteError> {
        MapKey::refuse()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, WriteError> {
        Err(WriteError("a map key must be a string".to_owned()))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, WriteError> {
        Err(WriteError("a map key must be a string".to_owned()))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, WriteError> {
        Err(WriteError("a map key must be a string".to_owned()))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, WriteError> {
        Err(WriteError("a map key must be a string".to_owned()))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, WriteError> {
        Err(WriteError("a map key must be a string".to_owned()))
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, WriteError> {
        Err(WriteError("a map key must be a string".to_owned()))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, WriteError> {
        Err(WriteError("a map key must be a string".to_owned()))
    }
}
