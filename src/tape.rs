//! A motion written by the JS glue straight into WebAssembly memory: its
//! strings as UTF-8 one after another, and its shape as a list of numbers
//! (the tape), so that neither `JSON.stringify` nor the JSON reader runs.
//!
//! The glue writes a tape only for a motion whose JSON would hold nothing
//! but the motion's own keys with strings, `null`, lists of them and
//! signatories of strings (every motion a form sends); anything else is
//! sent as JSON. The tree read here is the one the JSON reader gives for
//! that motion's JSON, so the report is the same byte for byte.
//!
//! The tape, in `u32`s: the top object's entry count, then per entry the
//! key's place in [`Field::KEYS`] and a value. A value is `0` (null),
//! `1 offset length` (a string: its bytes in the text), `2 n` and `n`
//! values (a list), or `3 n` and `n` entries keyed by their place in
//! [`Field::SIGNATORY_KEYS`] (a signatory).

use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::field::Field;
use crate::json::{Json, Object};

const NULL: u32 = 0;
const STRING: u32 = 1;
const LIST: u32 = 2;
const SIGNATORY: u32 = 3;

/// The motion the tape describes, or `None` for a tape that is not one
/// (the glue then sends JSON): a place or key out of range, a string cut
/// inside a character, a key given twice, more than two levels of
/// nesting, or numbers left over.
pub(crate) fn read<'a>(text: &'a str, tape: &[u32]) -> Option<Json<'a>> {
    let mut r = Tape { text, tape, i: 0 };
    let top = r.object(&Field::KEYS, 2)?;
    (r.i == tape.len()).then_some(top)
}

struct Tape<'a, 't> {
    text: &'a str,
    tape: &'t [u32],
    i: usize,
}

impl<'a> Tape<'a, '_> {
    fn next(&mut self) -> Option<u32> {
        let n = *self.tape.get(self.i)?;
        self.i += 1;
        Some(n)
    }

    /// A count, no larger than what the rest of the tape can hold (one
    /// number per item at least), so a hostile count reserves nothing.
    fn count(&mut self) -> Option<usize> {
        let n = usize::try_from(self.next()?).ok()?;
        (n <= self.tape.len() - self.i).then_some(n)
    }

    fn object(&mut self, keys: &[&'static str], depth: u8) -> Option<Json<'a>> {
        let n = self.count()?;
        let mut entries: Vec<(Cow<'a, str>, Json<'a>)> = Vec::with_capacity(n);
        for _ in 0..n {
            let key = *keys.get(usize::try_from(self.next()?).ok()?)?;
            if entries.iter().any(|(k, _)| k == key) {
                return None;
            }
            let value = self.value(depth)?;
            entries.push((Cow::Borrowed(key), value));
        }
        Some(Json::Object(Object::from_entries(entries)))
    }

    fn value(&mut self, depth: u8) -> Option<Json<'a>> {
        match self.next()? {
            NULL => Some(Json::Null),
            STRING => {
                let start = usize::try_from(self.next()?).ok()?;
                let len = usize::try_from(self.next()?).ok()?;
                let s = self.text.get(start..start.checked_add(len)?)?;
                Some(Json::String(Cow::Borrowed(s)))
            }
            // A list holds strings and signatories, a signatory strings.
            LIST if depth >= 2 => {
                let n = self.count()?;
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(self.value(depth - 1)?);
                }
                Some(Json::Array(items))
            }
            SIGNATORY if depth > 0 => self.object(&Field::SIGNATORY_KEYS, 0),
            _ => None,
        }
    }
}

/// The text and tape the JS glue writes for `motion`, or `None` for one
/// it sends as JSON: for tests and benchmarks of
/// [`crate::Validator::validate_tape_short`] outside JavaScript.
///
/// ```
/// // One entry: key 2 (proposals), a list of two: a string of 3 bytes at
/// // 0, and null.
/// let m = serde_json::json!({"proposals": ["att", null]});
/// let (text, tape) = motion_validator::write_tape(&m).unwrap();
/// assert_eq!(text, "att");
/// assert_eq!(tape, [1, 2, 2, 2, 1, 0, 3, 0]);
/// assert_eq!(motion_validator::write_tape(&serde_json::json!({"x": 1})), None);
/// ```
#[doc(hidden)]
pub fn write_tape(motion: &Value) -> Option<(String, Vec<u32>)> {
    let mut w = Writer::default();
    w.entries(motion.as_object()?, &Field::KEYS, 0)?;
    Some((w.text, w.tape))
}

#[derive(Default)]
struct Writer {
    text: String,
    tape: Vec<u32>,
}

impl Writer {
    fn entries(&mut self, o: &Map<String, Value>, keys: &[&str], depth: u8) -> Option<()> {
        self.tape.push(u32::try_from(o.len()).ok()?);
        for (k, v) in o {
            self.tape.push(keys.iter().position(|x| x == k)? as u32);
            self.value(v, depth)?;
        }
        Some(())
    }

    /// At `depth` 0 a value of the motion, 1 a list item, 2 a signatory's.
    fn value(&mut self, v: &Value, depth: u8) -> Option<()> {
        match v {
            Value::String(s) => {
                let at = u32::try_from(self.text.len()).ok()?;
                self.tape.extend([STRING, at, u32::try_from(s.len()).ok()?]);
                self.text.push_str(s);
            }
            Value::Null => self.tape.push(NULL),
            Value::Array(items) if depth == 0 => {
                self.tape.extend([LIST, u32::try_from(items.len()).ok()?]);
                for item in items {
                    self.value(item, 1)?;
                }
            }
            Value::Object(o) if depth == 1 => {
                self.tape.push(SIGNATORY);
                self.entries(o, &Field::SIGNATORY_KEYS, 2)?;
            }
            _ => return None,
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> Json<'_> {
        crate::json::parse_borrowed(text).unwrap().0
    }

    #[test]
    fn a_tape_reads_as_its_json() {
        let text = "Fler bänkarAnna EkS2024-03-01";
        // title, signatories [ {name, party} ], submittedOn, diaryNumber null
        let tape = [
            4, 0, 1, 0, 12, 3, 2, 1, 3, 2, 0, 1, 12, 7, 1, 1, 19, 1, 4, 1, 20, 10, 5, 0,
        ];
        assert_eq!(
            read(text, &tape),
            Some(json(
                r#"{"title":"Fler bänkar","signatories":[{"name":"Anna Ek","party":"S"}],
                "submittedOn":"2024-03-01","diaryNumber":null}"#
            ))
        );
        let tape = [1, 2, 2, 2, 1, 0, 4, 0];
        assert_eq!(
            read(text, &tape),
            Some(json(r#"{"proposals":["Fler",null]}"#))
        );
    }

    #[test]
    fn a_tape_that_is_no_motion_is_refused() {
        let text = "Fler bänkar";
        for tape in [
            &[][..],
            &[1, 0, 1, 0, 7],           // cut inside "ä"
            &[1, 0, 1, 0, 13],          // past the end
            &[1, 0, 1, u32::MAX, 2],    // offset + length overflows
            &[1, 6, 0],                 // no seventh key
            &[2, 0, 0, 0, 0],           // a key twice
            &[1, 0, 0, 9],              // numbers left over
            &[1, 0, 7],                 // no such tag
            &[1, 2, 2, 1, 2, 1, 0],     // a list in a list
            &[1, 3, 3, 1, 0, 3, 0],     // a signatory in a signatory
            &[1, 2, 2, u32::MAX, 0, 0], // a count past the tape
            &[1, 0, 1, 0],              // ends inside a string
        ] {
            assert_eq!(read(text, tape), None, "{tape:?}");
        }
    }
}
