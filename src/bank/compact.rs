//! A compact binary form of serde data, for the bundled banks compiled into the binary.
//!
//! It holds what JSON holds, in the same shapes (a struct is a map keyed by field name, a unit
//! variant is its name, other variants a one-entry map), so every serde-derived type reads back as
//! it would from JSON — `#[serde(default)]`, `skip_serializing_if`, untagged and hand-written
//! `deserialize_any` impls included — but each value starts with a one-byte tag and each string
//! with its length: reading it scans no text for quotes, escapes, digits or white space, and strings
//! are copied out whole. The strings themselves are kept apart, one after the other in one text (a
//! string's tag gives its length; they are read in the order they were written), so the text can be
//! embedded with `include_str!` and is checked to be UTF-8 when the binary is built, not at every
//! start. Reading the bundled banks this way takes a fraction of the time JSON does, and the start of
//! the app waits for it.
//!
//! Lengths and integers are LEB128 varints; negative integers zigzag-encoded; floats 8 bytes LE.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;
use std::sync::OnceLock;

use serde::de::value::{BorrowedBytesDeserializer, BorrowedStrDeserializer};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
use serde::ser::{self, Serialize};

const UNIT: u8 = 0;
const NONE: u8 = 1;
const SOME: u8 = 2;
const FALSE: u8 = 3;
const TRUE: u8 = 4;
const UINT: u8 = 5;
const INT: u8 = 6;
const FLOAT: u8 = 7;
const STR: u8 = 8;
const BYTES: u8 = 9;
const SEQ: u8 = 10;
const MAP: u8 = 11;
/// A `Deferred` value: its length in bytes and in text, then the value itself.
const DEFER: u8 = 12;

/// The name a `Deferred` value is written and read under, so this form knows it (as `serde_json`
/// knows its raw values); any other format sees a plain newtype and the value inside.
const DEFERRED: &str = "$stardrill::compact::Deferred";

/// Why a value could not be written or read: what was wrong and, when reading, at which byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Error {
        Error(msg.to_string())
    }
}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Error {
        Error(msg.to_string())
    }
}

/// `value` in the compact form: its structure, and its strings one after the other.
pub fn to_parts<T: Serialize + ?Sized>(value: &T) -> Result<(Vec<u8>, String), Error> {
    let mut out = Serializer { out: Vec::new(), text: String::new(), open: Vec::new() };
    value.serialize(&mut out)?;
    Ok((out.out, out.text))
}

/// A value from its compact form; the whole of `bytes` and of `text` must be that one value.
pub fn from_parts<'de, T: de::Deserialize<'de>>(bytes: &'de [u8], text: &'de str) -> Result<T, Error> {
    let mut d = Deserializer { input: bytes, pos: 0, text, at: 0 };
    let value = T::deserialize(&mut d).map_err(|e| Error(format!("{e} (at byte {})", d.pos)))?;
    if d.pos != bytes.len() || d.at != text.len() {
        return Err(Error(format!(
            "{} bytes and {} bytes of text left over after the value",
            bytes.len() - d.pos,
            text.len() - d.at
        )));
    }
    Ok(value)
}

struct Serializer {
    out: Vec<u8>,
    text: String,
    /// The sequences and maps being written, innermost last: where each starts, its tag and how many
    /// entries it has so far. Their header goes in front of the entries at the end, so a length not
    /// known at the start (a `#[serde(flatten)]` struct's map) is written the same way.
    open: Vec<(usize, u8, u64)>,
}

impl Serializer {
    fn varint(&mut self, mut n: u64) {
        loop {
            let byte = n.to_le_bytes()[0] & 0x7f;
            n >>= 7;
            if n == 0 {
                self.out.push(byte);
                return;
            }
            self.out.push(byte | 0x80);
        }
    }

    fn tagged(&mut self, tag: u8, n: u64) {
        self.out.push(tag);
        self.varint(n);
    }

    fn open(&mut self, tag: u8) {
        self.open.push((self.out.len(), tag, 0));
    }

    fn count(&mut self) {
        if let Some((_, _, n)) = self.open.last_mut() {
            *n += 1;
        }
    }

    fn close(&mut self) {
        if let Some((start, tag, n)) = self.open.pop() {
            let mut header = Serializer { out: Vec::new(), text: String::new(), open: Vec::new() };
            header.tagged(tag, n);
            self.out.splice(start..start, header.out);
        }
    }

    fn str(&mut self, s: &str) {
        self.tagged(STR, s.len() as u64);
        self.text.push_str(s);
    }
}

impl<'a> ser::Serializer for &'a mut Serializer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = &'a mut Serializer;
    type SerializeTuple = &'a mut Serializer;
    type SerializeTupleStruct = &'a mut Serializer;
    type SerializeTupleVariant = &'a mut Serializer;
    type SerializeMap = &'a mut Serializer;
    type SerializeStruct = Fields<'a>;
    type SerializeStructVariant = Fields<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.push(if v { TRUE } else { FALSE });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        match u64::try_from(v) {
            Ok(u) => self.tagged(UINT, u),
            // Zigzag: -1 → 1, -2 → 3, …
            Err(_) => self.tagged(INT, ((v << 1) ^ (v >> 63)).cast_unsigned()),
        }
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.tagged(UINT, v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.out.push(FLOAT);
        self.out.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.str(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.str(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        self.tagged(BYTES, v.len() as u64);
        self.out.extend_from_slice(v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.out.push(NONE);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        self.out.push(SOME);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.push(UNIT);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Error> {
        self.str(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, name: &'static str, value: &T) -> Result<(), Error> {
        if name == DEFERRED {
            // Written apart, so that reading can take it whole without reading into it.
            let (bytes, text) = to_parts(value)?;
            self.tagged(DEFER, bytes.len() as u64);
            self.varint(text.len() as u64);
            self.out.extend_from_slice(&bytes);
            self.text.push_str(&text);
            return Ok(());
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.tagged(MAP, 1);
        self.str(variant);
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Error> {
        self.open(SEQ);
        Ok(self)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Self, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self, Error> {
        self.tagged(MAP, 1);
        self.str(variant);
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Error> {
        self.open(MAP);
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Fields<'a>, Error> {
        Ok(Fields::start(self))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Fields<'a>, Error> {
        self.tagged(MAP, 1);
        self.str(variant);
        Ok(Fields::start(self))
    }
}

/// The sequence-like serializers: each element counted, then written; the end closes the sequence.
macro_rules! sequence_serializer {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for &mut Serializer {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.count();
                value.serialize(&mut **self)
            }
            fn end(self) -> Result<(), Error> {
                self.close();
                Ok(())
            }
        }
    )*};
}

sequence_serializer!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for &mut Serializer {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.count();
        key.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Error> {
        self.close();
        Ok(())
    }
}

/// A struct being written: its fields go out as a map whose length is known only at the end (fields
/// skipped by `skip_serializing_if` are left out, as JSON leaves them out), so the entries are
/// written first and the map's header is put in front of them then.
pub struct Fields<'a> {
    ser: &'a mut Serializer,
    start: usize,
    count: u64,
}

impl<'a> Fields<'a> {
    fn start(ser: &'a mut Serializer) -> Fields<'a> {
        let start = ser.out.len();
        Fields { ser, start, count: 0 }
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.ser.str(key);
        value.serialize(&mut *self.ser)?;
        self.count += 1;
        Ok(())
    }

    fn end(self) {
        let mut header = Serializer { out: Vec::new(), text: String::new(), open: Vec::new() };
        header.tagged(MAP, self.count);
        self.ser.out.splice(self.start..self.start, header.out);
    }
}

impl ser::SerializeStruct for Fields<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), Error> {
        Fields::end(self);
        Ok(())
    }
}

impl ser::SerializeStructVariant for Fields<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), Error> {
        Fields::end(self);
        Ok(())
    }
}

struct Deserializer<'de> {
    input: &'de [u8],
    pos: usize,
    /// The strings, and where the next one starts.
    text: &'de str,
    at: usize,
}

impl<'de> Deserializer<'de> {
    fn eof() -> Error {
        Error("the data ends in the middle of a value".into())
    }

    fn byte(&mut self) -> Result<u8, Error> {
        let b = *self.input.get(self.pos).ok_or_else(Self::eof)?;
        self.pos += 1;
        Ok(b)
    }

    fn peek(&self) -> Result<u8, Error> {
        self.input.get(self.pos).copied().ok_or_else(Self::eof)
    }

    fn varint(&mut self) -> Result<u64, Error> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(Error("an integer longer than 64 bits".into()))
    }

    fn len(&mut self) -> Result<usize, Error> {
        usize::try_from(self.varint()?).map_err(|_| Error("a length too large for this machine".into()))
    }

    fn take(&mut self, len: usize) -> Result<&'de [u8], Error> {
        let end = self.pos.checked_add(len).filter(|&e| e <= self.input.len()).ok_or_else(Self::eof)?;
        let bytes = &self.input[self.pos..end];
        self.pos = end;
        Ok(bytes)
    }

    fn str(&mut self) -> Result<&'de str, Error> {
        let len = self.len()?;
        self.text_of(len)
    }

    /// The next `len` bytes of the text.
    fn text_of(&mut self, len: usize) -> Result<&'de str, Error> {
        let s = self.at.checked_add(len).and_then(|end| self.text.get(self.at..end));
        let s = s.ok_or_else(|| Error("a string past the end of the text or cut inside a character".into()))?;
        self.at += len;
        Ok(s)
    }

    fn unknown(tag: u8) -> Error {
        Error(format!("an unknown tag {tag}"))
    }
}

impl<'de> de::Deserializer<'de> for &mut Deserializer<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.byte()? {
            UNIT => visitor.visit_unit(),
            NONE => visitor.visit_none(),
            SOME => visitor.visit_some(self),
            FALSE => visitor.visit_bool(false),
            TRUE => visitor.visit_bool(true),
            UINT => visitor.visit_u64(self.varint()?),
            INT => {
                let z = self.varint()?;
                visitor.visit_i64((z >> 1).cast_signed() ^ -(z & 1).cast_signed())
            }
            FLOAT => {
                let bytes: [u8; 8] = self.take(8)?.try_into().map_err(|_| Deserializer::eof())?;
                visitor.visit_f64(f64::from_le_bytes(bytes))
            }
            STR => visitor.visit_borrowed_str(self.str()?),
            BYTES => {
                let len = self.len()?;
                visitor.visit_borrowed_bytes(self.take(len)?)
            }
            SEQ => {
                let left = self.len()?;
                visitor.visit_seq(Items { de: self, left })
            }
            MAP => {
                let left = self.len()?;
                visitor.visit_map(Items { de: self, left })
            }
            // A deferred value read as any other: the value that follows its lengths.
            DEFER => {
                self.len()?;
                self.len()?;
                self.deserialize_any(visitor)
            }
            tag => Err(Deserializer::unknown(tag)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_any(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, Error> {
        if name == DEFERRED && self.peek()? == DEFER {
            self.pos += 1;
            let (bytes, text) = (self.len()?, self.len()?);
            let (bytes, text) = (self.take(bytes)?, self.text_of(text)?);
            return visitor.visit_seq(Parts { bytes: Some(bytes), text: Some(text) });
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.peek()? {
            // A unit variant: its name.
            STR => visitor.visit_enum(self.str_after_tag()?.into_deserializer()),
            // Any other: a map of its name to its content.
            MAP => {
                self.pos += 1;
                if self.len()? != 1 {
                    return Err(Error("an enum variant as a map of more than one entry".into()));
                }
                visitor.visit_enum(Variant { de: self })
            }
            tag => Err(Error(format!("an enum variant, not tag {tag}"))),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit unit_struct seq
        tuple tuple_struct map struct identifier ignored_any
    }
}

impl<'de> Deserializer<'de> {
    fn str_after_tag(&mut self) -> Result<&'de str, Error> {
        self.pos += 1;
        self.str()
    }
}

/// The entries of a sequence or a map.
struct Items<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    left: usize,
}

impl<'de> de::SeqAccess<'de> for Items<'_, 'de> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.de).map(Some)
    }
    fn size_hint(&self) -> Option<usize> {
        // Every element takes at least a byte: a corrupt length cannot make a huge allocation.
        Some(self.left.min(self.de.input.len() - self.de.pos))
    }
}

impl<'de> de::MapAccess<'de> for Items<'_, 'de> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.de).map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(&mut *self.de)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.left.min(self.de.input.len() - self.de.pos))
    }
}

/// A variant other than a unit one: its name, then its content.
struct Variant<'a, 'de> {
    de: &'a mut Deserializer<'de>,
}

impl<'a, 'de> de::EnumAccess<'de> for Variant<'a, 'de> {
    type Error = Error;
    type Variant = Self;
    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        let name = seed.deserialize(&mut *self.de)?;
        Ok((name, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, 'de> {
    type Error = Error;
    fn unit_variant(self) -> Result<(), Error> {
        de::Deserialize::deserialize(&mut *self.de)
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(&mut *self.de)
    }
    fn tuple_variant<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_any(&mut *self.de, visitor)
    }
    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_any(&mut *self.de, visitor)
    }
}

/// A deferred value's two parts, as a sequence: its structure (bytes), then its strings (text).
struct Parts<'de> {
    bytes: Option<&'de [u8]>,
    text: Option<&'de str>,
}

impl<'de> de::SeqAccess<'de> for Parts<'de> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        if let Some(bytes) = self.bytes.take() {
            return seed.deserialize(BorrowedBytesDeserializer::new(bytes)).map(Some);
        }
        self.text.take().map(|text| seed.deserialize(BorrowedStrDeserializer::new(text))).transpose()
    }
}

/// A value kept in the compact form until it is first used, then read once and kept.
///
/// Most of a bank's text is its model answers, and only Reveal, `show` and a text search look at
/// them, one question at a time: the bundled bank carries each answer as a `Deferred`, so the app's
/// start reads none of them. Written to the compact form it goes apart (its lengths first), so
/// reading the form steps over it without reading into it, and keeps its bytes and text: borrowed when
/// the form is embedded in the binary (`from_static_parts`), copied otherwise. Any other format reads
/// and writes the value inside as it is. A value built in code (a bank loaded from YAML) is ready at once.
///
/// The bundled form is checked byte for byte, and every deferred value in it read, by
/// `bundled::tests::compiled_form_matches_the_yaml`; data that does not read gives `T::default()`
/// (an answer without sections: Reveal then shows the rubric), never a panic.
#[derive(Clone)]
pub struct Deferred<T> {
    value: OnceLock<T>,
    /// The compact form, until read.
    compact: Option<Kept>,
}

/// A deferred value's compact form: its structure and its strings, borrowed from a form embedded in
/// the binary (`from_static_parts`), copied from any other.
#[derive(Clone)]
struct Kept {
    bytes: Cow<'static, [u8]>,
    text: Cow<'static, str>,
}

thread_local! {
    /// The embedded form `from_static_parts` is reading on this thread.
    static STATIC_SOURCE: std::cell::Cell<Option<(&'static [u8], &'static str)>> = const { std::cell::Cell::new(None) };
}

/// `from_parts` for a form embedded in the binary: its deferred values borrow their bytes and text
/// from it instead of copying them.
pub fn from_static_parts<T: de::Deserialize<'static>>(bytes: &'static [u8], text: &'static str) -> Result<T, Error> {
    let outer = STATIC_SOURCE.replace(Some((bytes, text)));
    let read = from_parts(bytes, text);
    STATIC_SOURCE.set(outer);
    read
}

/// Where `part` starts in `whole`, if it lies within it (compared by address: `part` was cut from
/// the static form being read, or from some other data).
fn offset_within(whole: &[u8], part: &[u8]) -> Option<std::ops::Range<usize>> {
    let start = part.as_ptr().addr().checked_sub(whole.as_ptr().addr())?;
    let end = start.checked_add(part.len()).filter(|&end| end <= whole.len())?;
    Some(start..end)
}

impl<T> From<T> for Deferred<T> {
    fn from(value: T) -> Deferred<T> {
        Deferred { value: OnceLock::from(value), compact: None }
    }
}

impl<T: DeserializeOwned + Default> Deferred<T> {
    /// The value itself, read if it was not yet.
    pub fn into_inner(self) -> T {
        let _ = &*self;
        self.value.into_inner().unwrap_or_default()
    }
}

impl<'a, T: DeserializeOwned + Default> IntoIterator for &'a Deferred<T>
where
    &'a T: IntoIterator,
{
    type Item = <&'a T as IntoIterator>::Item;
    type IntoIter = <&'a T as IntoIterator>::IntoIter;
    fn into_iter(self) -> Self::IntoIter {
        (**self).into_iter()
    }
}

impl<T: Default> Default for Deferred<T> {
    fn default() -> Deferred<T> {
        T::default().into()
    }
}

impl<T: DeserializeOwned + Default> Deref for Deferred<T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.value.get_or_init(|| {
            let read = self.compact.as_ref().map(|kept| match (&kept.bytes, &kept.text) {
                (Cow::Borrowed(bytes), Cow::Borrowed(text)) => from_static_parts(bytes, text),
                (bytes, text) => from_parts(bytes, text),
            });
            read.and_then(Result::ok).unwrap_or_default()
        })
    }
}

impl<T: DeserializeOwned + Default + fmt::Debug> fmt::Debug for Deferred<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        T::fmt(self, f)
    }
}

impl<T: DeserializeOwned + Default + PartialEq> PartialEq for Deferred<T> {
    fn eq(&self, other: &Deferred<T>) -> bool {
        **self == **other
    }
}

impl<T: DeserializeOwned + Default + Serialize> Serialize for Deferred<T> {
    fn serialize<S: ser::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_newtype_struct(DEFERRED, &**self)
    }
}

impl<'de, T: DeserializeOwned> de::Deserialize<'de> for Deferred<T> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Deferred<T>, D::Error> {
        struct Of<T>(PhantomData<T>);
        impl<'de, T: DeserializeOwned> Visitor<'de> for Of<T> {
            type Value = Deferred<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value")
            }
            /// Any other format, or the compact form without `DEFER`: the value, read now.
            fn visit_newtype_struct<D: de::Deserializer<'de>>(self, d: D) -> Result<Deferred<T>, D::Error> {
                T::deserialize(d).map(Deferred::from)
            }
            /// The compact form's `DEFER`: its bytes and text, kept for later.
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut parts: A) -> Result<Deferred<T>, A::Error> {
                let missing = || de::Error::custom("a deferred value without its bytes and text");
                let bytes = parts.next_element::<KeptBytes>()?.ok_or_else(missing)?.0;
                let text = parts.next_element::<KeptText>()?.ok_or_else(missing)?.0;
                Ok(Deferred { value: OnceLock::new(), compact: Some(Kept { bytes, text }) })
            }
        }
        deserializer.deserialize_newtype_struct(DEFERRED, Of(PhantomData))
    }
}

/// A deferred value's bytes: borrowed from the static form being read, else copied.
struct KeptBytes(Cow<'static, [u8]>);

impl<'de> de::Deserialize<'de> for KeptBytes {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<KeptBytes, D::Error> {
        struct Bytes;
        impl Visitor<'_> for Bytes {
            type Value = KeptBytes;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<KeptBytes, E> {
                let source = STATIC_SOURCE.get().map(|(bytes, _)| bytes);
                Ok(KeptBytes(match source.and_then(|s| Some(&s[offset_within(s, v)?])) {
                    Some(borrowed) => Cow::Borrowed(borrowed),
                    None => Cow::Owned(v.to_vec()),
                }))
            }
        }
        deserializer.deserialize_bytes(Bytes)
    }
}

/// A deferred value's text: borrowed from the static form being read, else copied.
struct KeptText(Cow<'static, str>);

impl<'de> de::Deserialize<'de> for KeptText {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<KeptText, D::Error> {
        struct Text;
        impl Visitor<'_> for Text {
            type Value = KeptText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("text")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<KeptText, E> {
                let source = STATIC_SOURCE.get().map(|(_, text)| text);
                Ok(KeptText(match source.and_then(|s| s.get(offset_within(s.as_bytes(), v.as_bytes())?)) {
                    Some(borrowed) => Cow::Borrowed(borrowed),
                    None => Cow::Owned(v.to_string()),
                }))
            }
        }
        deserializer.deserialize_str(Text)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Serialize};

    use super::*;

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Record {
        name: String,
        count: u32,
        delta: i64,
        ratio: f64,
        on: bool,
        maybe: Option<Box<Record>>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        tags: Vec<String>,
        kind: Kind,
        shapes: Vec<Shape>,
        either: Vec<Either>,
        table: BTreeMap<String, (u8, char)>,
        unit: (),
        wrapped: Wrapped,
    }

    #[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    enum Kind {
        ProductStrategy,
        Technical,
    }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    enum Shape {
        Dot,
        Circle(f64),
        Line(i32, i32),
        Box { w: u16, h: u16 },
    }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(untagged)]
    enum Either {
        Pair { label: String, text: String },
        Plain(String),
    }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    struct Wrapped(u8);

    fn record(tags: Vec<String>) -> Record {
        let inner = Record { maybe: None, ..record_leaf() };
        Record { maybe: Some(Box::new(inner)), tags, ..record_leaf() }
    }

    fn record_leaf() -> Record {
        Record {
            name: "Customer Obsession · “quoted” \"and\" \\ escaped\n".into(),
            count: 300,
            delta: -1234567890123,
            ratio: 0.1 + 0.2,
            on: true,
            maybe: None,
            tags: vec!["a".into()],
            kind: Kind::ProductStrategy,
            shapes: vec![Shape::Dot, Shape::Circle(1.5), Shape::Line(-1, 2), Shape::Box { w: 3, h: u16::MAX }],
            either: vec![Either::Plain("p".into()), Either::Pair { label: "L".into(), text: "T".into() }],
            table: BTreeMap::from([("k".into(), (7, 'é'))]),
            unit: (),
            wrapped: Wrapped(9),
        }
    }

    #[test]
    fn every_shape_reads_back_as_written() {
        for value in [record(Vec::new()), record(vec!["x".into(), String::new()])] {
            let (bytes, text) = to_parts(&value).unwrap();
            assert_eq!(from_parts::<Record>(&bytes, &text).unwrap(), value);
            // The same value JSON gives: the shapes are JSON's.
            let json: Record = serde_json::from_str(&serde_json::to_string(&value).unwrap()).unwrap();
            assert_eq!(json, value);
        }
        for n in [0i64, 1, -1, 63, -64, 64, i64::MAX, i64::MIN] {
            let (bytes, text) = to_parts(&n).unwrap();
            assert_eq!(from_parts::<i64>(&bytes, &text).unwrap(), n);
        }
        let (bytes, text) = to_parts(&u64::MAX).unwrap();
        assert_eq!(from_parts::<u64>(&bytes, &text).unwrap(), u64::MAX);
    }

    #[test]
    fn a_flattened_struct_reads_back() {
        #[derive(Debug, PartialEq, Serialize, Deserialize)]
        struct Outer {
            id: String,
            #[serde(flatten)]
            inner: Inner,
        }
        #[derive(Debug, PartialEq, Serialize, Deserialize)]
        struct Inner {
            hint: String,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            anchor: Option<String>,
        }
        for anchor in [None, Some("5: owns the outcome".to_string())] {
            let value = vec![Outer { id: "a".into(), inner: Inner { hint: "h".into(), anchor } }];
            let (bytes, text) = to_parts(&value).unwrap();
            assert_eq!(from_parts::<Vec<Outer>>(&bytes, &text).unwrap(), value);
        }
    }

    #[test]
    fn a_skipped_field_is_left_out_and_read_as_its_default() {
        let leaf = Record { tags: Vec::new(), ..record_leaf() };
        let (bytes, text) = to_parts(&leaf).unwrap();
        assert!(!text.contains("tags"));
        assert_eq!(from_parts::<Record>(&bytes, &text).unwrap().tags, Vec::<String>::new());
        let (_, text) = to_parts(&Record { tags: vec!["t".into()], ..leaf }).unwrap();
        assert!(text.contains("tags"));
    }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    struct Later {
        title: String,
        body: Deferred<Vec<Record>>,
        after: String,
    }

    #[test]
    fn a_deferred_value_is_kept_whole_and_read_when_used() {
        let value = Later { title: "t".into(), body: vec![record_leaf(), record_leaf()].into(), after: "a".into() };
        let (bytes, text) = to_parts(&value).unwrap();
        let read: Later = from_parts(&bytes, &text).unwrap();
        // The strings after it are read in their place: the deferred text was taken whole.
        assert_eq!((read.title.as_str(), read.after.as_str()), ("t", "a"));
        assert!(read.body.value.get().is_none(), "not read before it is used");
        assert_eq!(read.body.len(), 2);
        assert_eq!(read, value);
        // Any other format sees the value inside.
        let json = serde_json::to_string(&value).unwrap();
        assert!(json.starts_with(r#"{"title":"t","body":[{"name":"#), "{json}");
        assert_eq!(serde_json::from_str::<Later>(&json).unwrap(), value);
        // Read as any value (an untagged enum buffers it), it is the value inside.
        #[derive(Debug, PartialEq, Deserialize)]
        #[serde(untagged)]
        enum Any {
            Later { title: String, body: Vec<Record>, after: String },
        }
        let Any::Later { body, .. } = from_parts::<Any>(&bytes, &text).unwrap();
        assert_eq!(body, *value.body);
    }

    #[test]
    fn a_deferred_value_borrows_from_a_static_form_and_copies_from_any_other() {
        let value = Later { title: "t".into(), body: vec![record_leaf()].into(), after: "a".into() };
        let (bytes, text) = to_parts(&value).unwrap();
        let borrowed = |d: &Deferred<Vec<Record>>| {
            let kept = d.compact.as_ref().expect("kept until used");
            matches!((&kept.bytes, &kept.text), (Cow::Borrowed(_), Cow::Borrowed(_)))
        };
        let copied: Later = from_parts(&bytes, &text).unwrap();
        assert!(!borrowed(&copied.body));
        let (bytes, text): (&'static [u8], &'static str) = (bytes.leak(), text.leak());
        let read: Later = from_static_parts(bytes, text).unwrap();
        assert!(borrowed(&read.body));
        assert!(text.as_bytes().as_ptr_range().contains(&read.body.compact.as_ref().unwrap().text.as_ptr()));
        assert_eq!(read, copied);
        assert_eq!(read, value);
        // Read by `from_parts`, even the same data is copied: only `from_static_parts` knows it lasts.
        let again: Later = from_parts(bytes, text).unwrap();
        assert!(!borrowed(&again.body));
    }

    #[test]
    fn a_damaged_deferred_value_reads_as_its_default_when_used() {
        let value = Later { title: "t".into(), body: vec![record_leaf()].into(), after: "a".into() };
        let (mut bytes, text) = to_parts(&value).unwrap();
        // The body's first byte, after its tag and two lengths, is its sequence's tag: make it unknown.
        let at = bytes.iter().position(|&b| b == DEFER).unwrap();
        let (_, rest) = bytes.split_at(at + 1);
        let lengths = rest.iter().take_while(|&&b| b & 0x80 != 0).count() + 1;
        let lengths = lengths + rest[lengths..].iter().take_while(|&&b| b & 0x80 != 0).count() + 1;
        assert_eq!(bytes[at + 1 + lengths], SEQ);
        bytes[at + 1 + lengths] = 0xee;
        let read: Later = from_parts(&bytes, &text).expect("the rest reads");
        assert_eq!(read.after, "a");
        assert!(read.body.is_empty());
        // Lengths past the end are an error when the whole is read, as any other.
        let (mut bytes, text) = to_parts(&value).unwrap();
        bytes[at + 1] = 0x7f;
        assert!(from_parts::<Later>(&bytes, &text).is_err());
    }

    #[test]
    fn damaged_data_is_an_error_not_a_panic() {
        let (bytes, text) = to_parts(&record(vec!["x".into()])).unwrap();
        for cut in 0..bytes.len() {
            let e = from_parts::<Record>(&bytes[..cut], &text).unwrap_err().to_string();
            assert!(e.contains("at byte"), "{e}");
        }
        for cut in 0..text.len() {
            assert!(from_parts::<Record>(&bytes, text.get(..cut).unwrap_or("")).is_err());
        }
        let mut extra = bytes.clone();
        extra.push(UNIT);
        assert!(from_parts::<Record>(&extra, &text).unwrap_err().to_string().contains("left over"));
        // A string cut inside a character (`é` is two bytes) is an error.
        let (bytes, text) = to_parts(&vec!["é".to_string()]).unwrap();
        let mut short = bytes.clone();
        *short.last_mut().unwrap() = 1;
        let e = from_parts::<Vec<String>>(&short, &text).unwrap_err().to_string();
        assert!(e.contains("inside a character"), "{e}");
        // Every single-byte change either reads as some value or is an error: never a panic or a hang.
        let (bytes, text) = to_parts(&record(vec!["x".into()])).unwrap();
        for i in 0..bytes.len() {
            for b in [0u8, 0x7f, 0x80, 0xff, MAP, SEQ, STR] {
                let mut bad = bytes.clone();
                bad[i] = b;
                let _ = from_parts::<Record>(&bad, &text);
            }
        }
        // An unknown field is refused as JSON refuses it.
        #[derive(Serialize)]
        struct More {
            name: &'static str,
            surprise: u8,
        }
        let (bytes, text) = to_parts(&More { name: "n", surprise: 1 }).unwrap();
        let e = from_parts::<Record>(&bytes, &text).unwrap_err().to_string();
        assert!(e.contains("unknown field `surprise`"), "{e}");
    }
}
