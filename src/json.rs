//! Reading raw JSON into a [`Value`] as serde_json does, but noting every
//! key that appears twice in one object, with its path.
//!
//! serde_json keeps the last of two equal keys without a word; a portal's
//! reader may keep the first. `{"title":"<script>…","title":"Ok"}` would
//! then be checked as one motion and stored as another, so a duplicate key
//! is reported (`duplicate_key`) instead of silently resolved.

use std::cell::RefCell;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::report::{Path, PathSegment};

/// What [`parse`] found besides the value.
#[derive(Default)]
pub(crate) struct Found {
    /// The path of each repeated key (its second and later occurrences).
    pub duplicates: Vec<Path>,
    /// Where the reader is: the keys and indices from the top.
    at: Path,
}

/// Where and why JSON text could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ParseError {
    pub line: usize,
    pub column: usize,
    /// `eof`, `syntax` or `data`. Not serde_json's message: English
    /// jargon, and its formatting code costs the browser build 1.3 KB.
    pub problem: &'static str,
}

impl From<serde_json::Error> for ParseError {
    fn from(e: serde_json::Error) -> Self {
        ParseError {
            line: e.line(),
            column: e.column(),
            problem: match e.classify() {
                serde_json::error::Category::Eof => "eof",
                serde_json::error::Category::Syntax => "syntax",
                _ => "data",
            },
        }
    }
}

/// Parses JSON text like `serde_json::from_str::<Value>`, with the same
/// errors (line and column), and the duplicate keys it saw. This is the
/// engine's one JSON reader (one copy of the parser in the browser build).
pub(crate) fn parse(text: &str) -> Result<(Value, Vec<Path>), ParseError> {
    let found = RefCell::new(Found::default());
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Seed(&found).deserialize(&mut de)?;
    de.end()?;
    Ok((value, found.into_inner().duplicates))
}

/// The error for bytes that are not UTF-8 from `valid_up_to` on: the
/// JSON before them may already be wrong (that error comes first, as a
/// reader of bytes would find it); otherwise the bad byte is the error.
pub(crate) fn invalid_utf8(input: &[u8], valid_up_to: usize) -> ParseError {
    let prefix = input.get(..valid_up_to).unwrap_or_default();
    if let Ok(text) = std::str::from_utf8(prefix) {
        if let Err(e) = parse(text) {
            if e.problem != "eof" {
                return e;
            }
        }
    }
    let line_start = prefix
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    ParseError {
        line: 1 + prefix.iter().filter(|&&b| b == b'\n').count(),
        column: 1 + valid_up_to - line_start,
        problem: "syntax",
    }
}

/// Reads JSON text the way the engine reads a motion (serde_json's
/// grammar), for adapters that take JSON for other things — a field's
/// path or value, a profile — so there is one JSON reader in the
/// WebAssembly module. Duplicate keys keep the last value here.
///
/// ```
/// let v = motion_validator::read_json(r#"["proposals", 0]"#).unwrap();
/// assert_eq!(v[1], 0);
/// assert!(motion_validator::read_json("[1,").is_none());
/// ```
pub fn read_json(text: &str) -> Option<Value> {
    parse(text).ok().map(|(v, _)| v)
}

#[derive(Clone, Copy)]
struct Seed<'a>(&'a RefCell<Found>);

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            self.0.borrow_mut().at.push(PathSegment::Index(items.len()));
            let item = seq.next_element_seed(self);
            self.0.borrow_mut().at.pop();
            match item? {
                Some(v) => items.push(v),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut obj = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let repeated = obj.contains_key(&key);
            // The key waits on the path while its value is read (moved, not
            // cloned: one allocation less per key), then goes into the map.
            self.0.borrow_mut().at.push(PathSegment::Key(key));
            let value = map.next_value_seed(self);
            let mut found = self.0.borrow_mut();
            if repeated {
                let path = found.at.clone();
                found.duplicates.push(path);
            }
            let key = match found.at.pop() {
                Some(PathSegment::Key(k)) => k,
                _ => String::new(),
            };
            drop(found);
            obj.insert(key, value?);
        }
        Ok(Value::Object(obj))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_value_as_serde_json() {
        let text = r#"{"a":[1,-2,3.5,"x",null,true,{"b":{}}],"c":"\u00e5"}"#;
        let (v, dups) = parse(text).unwrap();
        assert_eq!(v, serde_json::from_str::<Value>(text).unwrap());
        assert!(dups.is_empty());
    }

    #[test]
    fn duplicates_are_found_with_their_paths() {
        let (v, dups) = parse(r#"{"t":1,"s":[{"n":1,"n":2}],"t":3}"#).unwrap();
        assert_eq!(v["t"], 3);
        assert_eq!(
            dups,
            vec![
                vec!["s".into(), 0.into(), "n".into()],
                vec![PathSegment::from("t")]
            ]
        );
    }

    #[test]
    fn invalid_utf8_gives_the_position_a_byte_reader_gives() {
        for input in [
            &b"{\"a\": \"\xff\"}"[..],
            b"\xff\xfe",
            b"{\n \"a\" \xff",
            b"{\"a\":1,\n\"b\": x \xff",
        ] {
            let valid = std::str::from_utf8(input).unwrap_err().valid_up_to();
            let ours = invalid_utf8(input, valid);
            let theirs = ParseError::from(serde_json::from_slice::<Value>(input).err().unwrap());
            assert_eq!(
                (ours.line, ours.problem),
                (theirs.line, theirs.problem),
                "{input:?}"
            );
        }
    }

    #[test]
    fn same_errors_as_serde_json() {
        for text in ["{\"a\": ", "[1,]", "{} x", "\"\\u12\""] {
            let ours = parse(text).err().unwrap();
            let theirs = ParseError::from(serde_json::from_str::<Value>(text).err().unwrap());
            assert_eq!(ours, theirs);
        }
    }
}
