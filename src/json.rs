//! Reading JSON text into a borrowed tree ([`Json`]), as serde_json reads
//! it, but noting every key that appears twice in one object, with its
//! path.
//!
//! serde_json keeps the last of two equal keys without a word; a portal's
//! reader may keep the first. `{"title":"<script>…","title":"Ok"}` would
//! then be checked as one motion and stored as another, so a duplicate key
//! is reported (`duplicate_key`) instead of silently resolved.
//!
//! The tree borrows every string that has no escapes from the text, and an
//! object is a list of its entries: a motion has seven keys, and building
//! a `serde_json::Value` (a `String` per string, a B-tree per object) cost
//! a third of a validation.

use std::borrow::Cow;

use serde_json::{Map, Number, Value};

use crate::report::{Path, PathSegment};

/// A JSON value read from text: strings without escapes are borrowed from
/// it, objects keep their entries in order (the last of equal keys wins,
/// at the place of the first, as in serde_json).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json<'a> {
    Null,
    Bool(bool),
    Number(Number),
    String(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    Object(Object<'a>),
}

/// A JSON object's entries, keys unique.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Object<'a> {
    entries: Vec<(Cow<'a, str>, Json<'a>)>,
}

impl<'a> Object<'a> {
    /// An object of these entries, whose keys the caller keeps unique.
    pub(crate) fn from_entries(entries: Vec<(Cow<'a, str>, Json<'a>)>) -> Self {
        Object { entries }
    }

    /// The value of `key`. Linear: a motion's objects have a handful of
    /// keys, and a hostile object with many is looked up a fixed number of
    /// times.
    pub(crate) fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The keys, in the order they first appeared.
    pub(crate) fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(k, _)| &**k)
    }

    /// Inserts, replacing the value of an equal key in its place; gives
    /// the key back if it was there. Objects past a few keys are checked
    /// against `index`, a sorted set, so that a hostile object with many
    /// keys costs n log n, not n².
    fn insert(
        &mut self,
        key: Cow<'a, str>,
        value: Json<'a>,
        index: &mut Option<KeyIndex>,
    ) -> Option<Cow<'a, str>> {
        const LINEAR: usize = 16;
        let at = if self.entries.len() < LINEAR {
            self.entries.iter().position(|(k, _)| *k == key)
        } else {
            let index = index.get_or_insert_with(|| KeyIndex::of(&self.entries));
            index.position(&key, self.entries.len())
        };
        match at.and_then(|i| self.entries.get_mut(i)) {
            Some(slot) => {
                slot.1 = value;
                Some(key)
            }
            None => {
                if self.entries.is_empty() {
                    // A motion has seven keys: one allocation, not two.
                    self.entries.reserve(8);
                }
                self.entries.push((key, value));
                None
            }
        }
    }
}

/// The keys of a large object and their places, for [`Object::insert`].
/// serde_json's map, which the engine already links (a map of another
/// type would add its own copy of the B-tree code to the browser module);
/// only hostile input has objects this large, so the copied keys are fine.
struct KeyIndex(Map<String, Value>);

impl KeyIndex {
    fn of(entries: &[(Cow<'_, str>, Json<'_>)]) -> Self {
        let mut map = Map::new();
        for (i, (k, _)) in entries.iter().enumerate() {
            map.insert(k.to_string(), Value::from(i));
        }
        KeyIndex(map)
    }

    /// Where `key` is, or `None` after noting it will be pushed at `next`.
    fn position(&mut self, key: &str, next: usize) -> Option<usize> {
        match self.0.get(key).and_then(Value::as_u64) {
            Some(i) => usize::try_from(i).ok(),
            None => {
                self.0.insert(key.to_owned(), Value::from(next));
                None
            }
        }
    }
}

impl<'a> Json<'a> {
    /// The JSON type name used in `invalid_type`'s `expected`/`actual`.
    pub(crate) fn type_name(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "boolean",
            Json::Number(_) => "number",
            Json::String(_) => "string",
            Json::Array(_) => "array",
            Json::Object(_) => "object",
        }
    }

    /// A view of a `serde_json::Value`, borrowing its strings (for the
    /// public API that takes parsed JSON).
    pub(crate) fn from_value(v: &'a Value) -> Json<'a> {
        match v {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => Json::Number(n.clone()),
            Value::String(s) => Json::String(Cow::Borrowed(s)),
            Value::Array(items) => Json::Array(items.iter().map(Json::from_value).collect()),
            Value::Object(o) => Json::Object(Object {
                entries: o
                    .iter()
                    .map(|(k, v)| (Cow::Borrowed(k.as_str()), Json::from_value(v)))
                    .collect(),
            }),
        }
    }

    /// A typed motion as the tree its JSON would parse into, borrowing its
    /// strings: [`crate::Validator::validate_motion`] without a
    /// `serde_json::Value` (a `String` per text, a B-tree per object) made
    /// and dropped on the way.
    pub(crate) fn from_motion(m: &'a crate::Motion) -> Json<'a> {
        use crate::field::Field;
        // The keys from the one list of them: a field added there and not
        // here does not compile.
        let [title, body, proposals, signatories, submitted_on, diary_number] = Field::KEYS;
        let [name, party] = Field::SIGNATORY_KEYS;
        let text = |s: &'a str| Json::String(Cow::Borrowed(s));
        let entry = |key: &'static str, value| (Cow::Borrowed(key), value);
        let signatory = |s: &'a crate::Signatory| {
            Json::Object(Object {
                entries: vec![entry(name, text(&s.name)), entry(party, text(&s.party))],
            })
        };
        let mut entries = Vec::with_capacity(Field::KEYS.len());
        entries.push(entry(title, text(&m.title)));
        entries.push(entry(body, text(&m.body)));
        let items = m.proposals.iter().map(|p| text(p)).collect();
        entries.push(entry(proposals, Json::Array(items)));
        let items = m.signatories.iter().map(signatory).collect();
        entries.push(entry(signatories, Json::Array(items)));
        entries.push(entry(submitted_on, text(&m.submitted_on)));
        if let Some(d) = &m.diary_number {
            entries.push(entry(diary_number, text(d)));
        }
        Json::Object(Object { entries })
    }

    /// The owned `serde_json::Value` (for readers of profiles and paths).
    pub(crate) fn into_value(self) -> Value {
        match self {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(b),
            Json::Number(n) => Value::Number(n),
            Json::String(s) => Value::String(s.into_owned()),
            Json::Array(items) => Value::Array(items.into_iter().map(Json::into_value).collect()),
            Json::Object(o) => {
                // Inserted one by one: `collect` would link a sort.
                let mut map = Map::new();
                for (k, v) in o.entries {
                    map.insert(k.into_owned(), v.into_value());
                }
                Value::Object(map)
            }
        }
    }
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

#[cfg(test)]
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

/// Parses JSON text with serde_json's grammar and errors (line, column
/// and kind, at the same place), into a borrowed tree, with the paths of
/// the keys that appeared twice in one object (their second and later
/// occurrences, in the order read). This is the engine's one JSON reader.
///
/// Written for the engine rather than taken from serde_json: reading
/// straight into [`Json`] is a third faster, and serde_json's reader was
/// the largest part of the browser module that was not ours. The tests
/// hold it to serde_json's values and error positions.
pub(crate) fn parse_borrowed(text: &str) -> Result<(Json<'_>, Vec<Path>), ParseError> {
    let mut r = Reader {
        b: text.as_bytes(),
        text,
        i: 0,
        depth: 128,
        duplicates: Vec::new(),
    };
    let value = r.value(None)?;
    match r.whitespace() {
        Some(_) => Err(r.peek_error(SYNTAX)),
        None => Ok((value, r.duplicates)),
    }
}

/// [`parse_borrowed`] into an owned `serde_json::Value`.
pub(crate) fn parse(text: &str) -> Result<(Value, Vec<Path>), ParseError> {
    parse_borrowed(text).map(|(v, d)| (v.into_value(), d))
}

/// The error for bytes that are not UTF-8 from `valid_up_to` on: the
/// JSON before them may already be wrong (that error comes first, as a
/// reader of bytes would find it); otherwise the bad byte is the error.
pub(crate) fn invalid_utf8(input: &[u8], valid_up_to: usize) -> ParseError {
    let prefix = input.get(..valid_up_to).unwrap_or_default();
    if let Ok(text) = std::str::from_utf8(prefix) {
        if let Err(e) = parse_borrowed(text) {
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

const EOF: &str = "eof";
const SYNTAX: &str = "syntax";

/// The reader: serde_json's `Deserializer` over a `StrRead`, step for step
/// where an error can arise, so that every error is reported at the same
/// line and column.
struct Reader<'a> {
    text: &'a str,
    b: &'a [u8],
    /// The next byte to read.
    i: usize,
    /// How many more arrays and objects may open (serde_json allows 127).
    depth: u8,
    duplicates: Vec<Path>,
}

/// Where the reader is: one key or index, and the place that holds it.
/// Kept on the call stack, so reading allocates nothing for it; a path is
/// made only for a duplicate key.
struct At<'p> {
    step: Step<'p>,
    up: Option<&'p At<'p>>,
}

#[derive(Clone, Copy)]
enum Step<'p> {
    Key(&'p str),
    Index(usize),
}

impl At<'_> {
    /// The path from the top to here.
    fn path(at: Option<&At<'_>>) -> Path {
        let mut path = Path::new();
        let mut here = at;
        while let Some(a) = here {
            path.push(match a.step {
                Step::Key(k) => PathSegment::Key(k.to_owned()),
                Step::Index(i) => PathSegment::Index(i),
            });
            here = a.up;
        }
        path.reverse();
        path
    }
}

impl<'a> Reader<'a> {
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    /// The error at the reader's place (serde_json's `error`).
    #[cold]
    fn error(&self, problem: &'static str) -> ParseError {
        self.error_at(self.i, problem)
    }

    /// The error at the byte just peeked (serde_json's `peek_error`).
    #[cold]
    fn peek_error(&self, problem: &'static str) -> ParseError {
        self.error_at((self.i + 1).min(self.b.len()), problem)
    }

    fn error_at(&self, i: usize, problem: &'static str) -> ParseError {
        let before = self.b.get(..i).unwrap_or_default();
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |n| n + 1);
        ParseError {
            line: 1 + before
                .get(..line_start)
                .unwrap_or_default()
                .iter()
                .filter(|&&b| b == b'\n')
                .count(),
            column: i - line_start,
            problem,
        }
    }

    /// Skips whitespace; the next byte, not consumed.
    fn whitespace(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.i += 1;
        }
        self.peek()
    }

    fn value(&mut self, at: Option<&At<'_>>) -> Result<Json<'a>, ParseError> {
        let Some(b) = self.whitespace() else {
            return Err(self.peek_error(EOF));
        };
        match b {
            b'n' => self.ident(b"null").map(|_| Json::Null),
            b't' => self.ident(b"true").map(|_| Json::Bool(true)),
            b'f' => self.ident(b"false").map(|_| Json::Bool(false)),
            b'-' => {
                self.i += 1;
                self.number(false)
            }
            b'0'..=b'9' => self.number(true),
            b'"' => {
                self.i += 1;
                self.string().map(Json::String)
            }
            b'[' | b'{' => {
                self.depth -= 1;
                if self.depth == 0 {
                    return Err(self.peek_error(SYNTAX));
                }
                self.i += 1;
                let value = if b == b'[' {
                    self.array(at)
                } else {
                    self.object(at)
                };
                self.depth += 1;
                value
            }
            _ => Err(self.peek_error(SYNTAX)),
        }
    }

    /// `null`, `true` or `false`, its first byte peeked.
    fn ident(&mut self, word: &[u8]) -> Result<(), ParseError> {
        self.i += 1;
        for &expected in word.get(1..).unwrap_or_default() {
            let Some(b) = self.peek() else {
                return Err(self.error(EOF));
            };
            self.i += 1;
            if b != expected {
                return Err(self.error(SYNTAX));
            }
        }
        Ok(())
    }

    fn array(&mut self, up: Option<&At<'_>>) -> Result<Json<'a>, ParseError> {
        let mut items = Vec::new();
        loop {
            let Some(b) = self.whitespace() else {
                return Err(self.peek_error(EOF));
            };
            if b == b']' {
                self.i += 1;
                return Ok(Json::Array(items));
            }
            if !items.is_empty() {
                if b != b',' {
                    return Err(self.peek_error(SYNTAX));
                }
                self.i += 1;
                match self.whitespace() {
                    Some(b']') => return Err(self.peek_error(SYNTAX)),
                    Some(_) => {}
                    None => return Err(self.peek_error(EOF)),
                }
            }
            let at = At {
                step: Step::Index(items.len()),
                up,
            };
            items.push(self.value(Some(&at))?);
        }
    }

    fn object(&mut self, up: Option<&At<'_>>) -> Result<Json<'a>, ParseError> {
        let mut obj = Object::default();
        let mut index = None;
        let mut first = true;
        loop {
            let Some(b) = self.whitespace() else {
                return Err(self.peek_error(EOF));
            };
            if b == b'}' {
                self.i += 1;
                return Ok(Json::Object(obj));
            }
            if first {
                first = false;
                if b != b'"' {
                    return Err(self.peek_error(SYNTAX));
                }
            } else if b == b',' {
                self.i += 1;
                match self.whitespace() {
                    Some(b'"') => {}
                    Some(_) => return Err(self.peek_error(SYNTAX)),
                    None => return Err(self.peek_error(EOF)),
                }
            } else {
                return Err(self.peek_error(SYNTAX));
            }
            self.i += 1;
            let key = self.string()?;
            match self.whitespace() {
                Some(b':') => self.i += 1,
                Some(_) => return Err(self.peek_error(SYNTAX)),
                None => return Err(self.peek_error(EOF)),
            }
            let at = At {
                step: Step::Key(&key),
                up,
            };
            let value = self.value(Some(&at))?;
            if let Some(key) = obj.insert(key, value, &mut index) {
                let mut path = At::path(up);
                path.push(PathSegment::Key(key.into_owned()));
                self.duplicates.push(path);
            }
        }
    }

    /// A string's contents, its opening quote read: borrowed from the text
    /// unless it has escapes.
    fn string(&mut self) -> Result<Cow<'a, str>, ParseError> {
        let mut start = self.i;
        let mut owned: Option<String> = None;
        loop {
            self.skip_plain();
            let plain = self.text.get(start..self.i).unwrap_or_default();
            match self.peek() {
                None => return Err(self.error(EOF)),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(match owned {
                        None => Cow::Borrowed(plain),
                        Some(mut s) => {
                            s.push_str(plain);
                            Cow::Owned(s)
                        }
                    });
                }
                Some(b'\\') => {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(plain);
                    self.i += 1;
                    let c = self.escape()?;
                    owned.get_or_insert_with(String::new).push(c);
                    start = self.i;
                }
                Some(_) => {
                    // A control character: JSON wants it escaped.
                    self.i += 1;
                    return Err(self.error(SYNTAX));
                }
            }
        }
    }

    /// Moves to the next `"`, `\\` or control character (or the end).
    /// Plain bytes are most of a motion: they are passed over 32 at a time
    /// natively, then eight at a time (as serde_json does), then one; the
    /// word with the stop byte says where it is.
    fn skip_plain(&mut self) {
        // Keys and most values (a party, a date, a name) end within their
        // first eight bytes: one word, before a block's setup. (WebAssembly
        // has no blocks and starts with words anyway.)
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(word) = crate::swar::word_at(self.b, self.i) {
            if let Some(at) = crate::swar::first_string_end(word) {
                self.i += at;
                return;
            }
            self.i += 8;
        }
        #[cfg(not(target_arch = "wasm32"))]
        for block in crate::swar::blocks(self.b.get(self.i..).unwrap_or_default()) {
            if crate::swar::any_in_block(block, crate::swar::ends_string) {
                break;
            }
            self.i += 32;
        }
        let rest = self.b.get(self.i..).unwrap_or_default();
        for word in crate::swar::words(rest).0 {
            if let Some(at) = crate::swar::first_string_end(word) {
                self.i += at;
                return;
            }
            self.i += 8;
        }
        while let Some(b) = self.peek() {
            if crate::swar::ends_string(b) {
                break;
            }
            self.i += 1;
        }
    }

    /// One escape, its backslash read.
    fn escape(&mut self) -> Result<char, ParseError> {
        let Some(b) = self.peek() else {
            return Err(self.error(EOF));
        };
        self.i += 1;
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(),
            _ => return Err(self.error(SYNTAX)),
        })
    }

    /// `\uXXXX`, or a surrogate pair of two; lone surrogates are errors.
    fn unicode_escape(&mut self) -> Result<char, ParseError> {
        let n = self.hex4()?;
        if (0xDC00..=0xDFFF).contains(&n) {
            return Err(self.error(SYNTAX));
        }
        if !(0xD800..=0xDBFF).contains(&n) {
            return char::from_u32(n).ok_or_else(|| self.error(SYNTAX));
        }
        for expected in [b'\\', b'u'] {
            match self.peek() {
                None => return Err(self.error(EOF)),
                Some(b) => {
                    self.i += 1;
                    if b != expected {
                        return Err(self.error(SYNTAX));
                    }
                }
            }
        }
        let n2 = self.hex4()?;
        if !(0xDC00..=0xDFFF).contains(&n2) {
            return Err(self.error(SYNTAX));
        }
        char::from_u32(0x10000 + ((n - 0xD800) << 10) + (n2 - 0xDC00))
            .ok_or_else(|| self.error(SYNTAX))
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let Some(digits) = self.b.get(self.i..self.i + 4) else {
            self.i = self.b.len();
            return Err(self.error(EOF));
        };
        self.i += 4;
        digits
            .iter()
            .try_fold(0u32, |n, &d| Some(n * 16 + char::from(d).to_digit(16)?))
            .ok_or_else(|| self.error(SYNTAX))
    }

    /// A number, its sign read (serde_json's `parse_integer` and what it
    /// calls, without `float_roundtrip`).
    fn number(&mut self, positive: bool) -> Result<Json<'a>, ParseError> {
        let Some(first) = self.peek() else {
            return Err(self.error(EOF));
        };
        self.i += 1;
        let mut significand: u64 = match first {
            b'0' => {
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.peek_error(SYNTAX));
                }
                0
            }
            b'1'..=b'9' => u64::from(first - b'0'),
            _ => return Err(self.error(SYNTAX)),
        };
        if first != b'0' {
            while let Some(c @ b'0'..=b'9') = self.peek() {
                let digit = u64::from(c - b'0');
                match significand
                    .checked_mul(10)
                    .and_then(|s| s.checked_add(digit))
                {
                    Some(s) => {
                        significand = s;
                        self.i += 1;
                    }
                    None => {
                        // Too long for u64: a float from here on.
                        let mut exponent = 0i32;
                        while let Some(b'0'..=b'9') = self.peek() {
                            self.i += 1;
                            exponent = exponent.saturating_add(1);
                        }
                        return self.fraction_and_exponent(positive, significand, exponent);
                    }
                }
            }
        }
        match self.peek() {
            Some(b'.' | b'e' | b'E') => self.fraction_and_exponent(positive, significand, 0),
            _ if positive => Ok(Json::Number(significand.into())),
            _ => {
                let neg = (significand as i64).wrapping_neg();
                // A float on underflow, or for -0.
                Ok(if neg >= 0 {
                    float(-(significand as f64))
                } else {
                    Json::Number(neg.into())
                })
            }
        }
    }

    /// What may follow a number's integer part: `.digits`, then `e±digits`.
    fn fraction_and_exponent(
        &mut self,
        positive: bool,
        mut significand: u64,
        mut exponent: i32,
    ) -> Result<Json<'a>, ParseError> {
        if self.peek() == Some(b'.') {
            self.i += 1;
            let mut digits = 0;
            let mut overflowed = false;
            while let Some(c @ b'0'..=b'9') = self.peek() {
                self.i += 1;
                digits += 1;
                if overflowed {
                    continue;
                }
                match significand
                    .checked_mul(10)
                    .and_then(|s| s.checked_add(u64::from(c - b'0')))
                {
                    Some(s) => {
                        significand = s;
                        exponent = exponent.saturating_sub(1);
                    }
                    // Further digits are ignored, as serde_json does.
                    None => overflowed = true,
                }
            }
            if digits == 0 {
                return Err(self.peek_error(if self.peek().is_some() { SYNTAX } else { EOF }));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            let positive_exp = match self.peek() {
                Some(b'+') => {
                    self.i += 1;
                    true
                }
                Some(b'-') => {
                    self.i += 1;
                    false
                }
                _ => true,
            };
            let mut exp: i32 = match self.peek() {
                None => return Err(self.error(EOF)),
                Some(c) => {
                    self.i += 1;
                    if !c.is_ascii_digit() {
                        return Err(self.error(SYNTAX));
                    }
                    i32::from(c - b'0')
                }
            };
            while let Some(c @ b'0'..=b'9') = self.peek() {
                self.i += 1;
                match exp
                    .checked_mul(10)
                    .and_then(|e| e.checked_add(i32::from(c - b'0')))
                {
                    Some(e) => exp = e,
                    None => {
                        if significand != 0 && positive_exp {
                            return Err(self.error(SYNTAX));
                        }
                        while let Some(b'0'..=b'9') = self.peek() {
                            self.i += 1;
                        }
                        return Ok(float(if positive { 0.0 } else { -0.0 }));
                    }
                }
            }
            exponent = if positive_exp {
                exponent.saturating_add(exp)
            } else {
                exponent.saturating_sub(exp)
            };
        }
        self.float_from_parts(positive, significand, exponent)
    }

    /// serde_json's `f64_from_parts`: out of range is an error, not
    /// infinity. (Its powers of ten are a table; these are computed, so a
    /// number within a rounding of `f64::MAX` might be judged differently.
    /// No motion has such a number.)
    fn float_from_parts(
        &self,
        positive: bool,
        significand: u64,
        mut exponent: i32,
    ) -> Result<Json<'a>, ParseError> {
        let mut f = significand as f64;
        loop {
            let abs = exponent.unsigned_abs();
            if abs <= 308 {
                let pow = 10f64.powi(abs as i32);
                if exponent >= 0 {
                    f *= pow;
                    if f.is_infinite() {
                        return Err(self.error(SYNTAX));
                    }
                } else {
                    f /= pow;
                }
                break;
            }
            if f == 0.0 {
                break;
            }
            if exponent >= 0 {
                return Err(self.error(SYNTAX));
            }
            f /= 1e308;
            exponent += 308;
        }
        Ok(float(if positive { f } else { -f }))
    }
}

fn float(f: f64) -> Json<'static> {
    Number::from_f64(f).map_or(Json::Null, Json::Number)
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

    /// An escape or the closing quote at every place of a long string:
    /// the reader's blocks of 32, words of eight and single bytes agree.
    #[test]
    fn long_strings_read_as_serde_json_wherever_they_end() {
        for at in 0..80 {
            for stop in ["\\\"", "\\n", "\\u00e5", ""] {
                let text = format!(
                    "[\"{}{stop}{}\", \"å{}\"]",
                    "x".repeat(at),
                    "ä".repeat(at % 7),
                    "y".repeat(at)
                );
                assert_reads_as_serde_json(&text);
            }
            // A control character, which must be escaped, at `at`.
            let text = format!("\"{}\u{1}{}\"", "x".repeat(at), "z".repeat(40));
            assert!(parse_borrowed(&text).is_err());
            assert!(serde_json::from_str::<Value>(&text).is_err());
        }
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
    fn strings_without_escapes_are_borrowed() {
        let (v, _) = parse_borrowed(r#"{"a":"plain","b":"with \"escape\""}"#).unwrap();
        let Json::Object(o) = v else { panic!("object") };
        assert!(matches!(
            o.get("a"),
            Some(Json::String(Cow::Borrowed("plain")))
        ));
        assert!(matches!(o.get("b"), Some(Json::String(Cow::Owned(s))) if s == "with \"escape\""));
    }

    #[test]
    fn duplicates_in_a_large_object_are_found_in_reading_order() {
        // Past the linear search: the key index takes over.
        let mut text = String::from("{");
        for i in 0..40 {
            text.push_str(&format!("\"k{i}\":{i},"));
        }
        text.push_str("\"k3\":\"again\",\"k39\":0,\"k\\u0033\":null}");
        let (v, dups) = parse_borrowed(&text).unwrap();
        let Json::Object(o) = &v else {
            panic!("object")
        };
        assert_eq!(o.keys().count(), 40);
        assert_eq!(o.keys().nth(3), Some("k3"));
        // The last of equal keys wins, as in serde_json.
        assert_eq!(o.get("k3"), Some(&Json::Null));
        assert_eq!(
            v.clone().into_value(),
            serde_json::from_str::<Value>(&text).unwrap()
        );
        let keys = |p: &Path| p.clone();
        assert_eq!(
            dups.iter().map(keys).collect::<Vec<_>>(),
            vec![
                vec![PathSegment::from("k3")],
                vec![PathSegment::from("k39")],
                vec![PathSegment::from("k3")]
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

    /// Ours and serde_json's reading of `text`: the same value, or the
    /// same error at the same place.
    fn assert_reads_as_serde_json(text: &str) {
        let theirs = serde_json::from_str::<Value>(text);
        match (parse(text), theirs) {
            (Ok((ours, _)), Ok(theirs)) => assert!(same_value(&ours, &theirs), "{text:?}"),
            (Err(ours), Err(theirs)) => {
                assert_eq!(ours, ParseError::from(theirs), "{text:?}")
            }
            (ours, theirs) => panic!("{text:?}: ours {ours:?}, serde_json {theirs:?}"),
        }
    }

    /// Equal, but floats only to a relative 1e-12: serde_json multiplies
    /// by a table of powers of ten, we compute them.
    fn same_value(a: &Value, b: &Value) -> bool {
        match (a, b) {
            (Value::Number(x), Value::Number(y)) if x.is_f64() && y.is_f64() => {
                let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
                x == y || ((x - y) / y).abs() < 1e-12
            }
            (Value::Array(x), Value::Array(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_value(a, b))
            }
            (Value::Object(x), Value::Object(y)) => {
                x.len() == y.len()
                    && x.iter()
                        .zip(y)
                        .all(|((k, a), (l, b))| k == l && same_value(a, b))
            }
            _ => a == b,
        }
    }

    #[test]
    fn same_errors_as_serde_json() {
        for text in [
            "",
            " ",
            "{\"a\": ",
            "[1,]",
            "{} x",
            "\"\\u12\"",
            "{\"a\":1,}",
            "{,}",
            "[,1]",
            "{1:2}",
            "{\"a\" 1}",
            "{\"a\":1 \"b\":2}",
            "[1 2]",
            "nul",
            "nulx",
            "tru",
            "-",
            "-x",
            "01",
            "1.",
            "1.x",
            "1e",
            "1e+",
            "1ex",
            "1e400",
            "1e-400",
            "-1e400",
            "0e400",
            "1e99999999999",
            "0e99999999999",
            "18446744073709551616",
            "-9223372036854775809",
            "184467440737095516150.5e3",
            "1.8446744073709551616e5",
            "\"\\x\"",
            "\"\\ud800\"",
            "\"\\ud800x\"",
            "\"\\ud800\\n\"",
            "\"\\ud800\\ud800\"",
            "\"\\udc00\"",
            "\"\\ud83d\\ude00\"",
            "\"\\u00g0\"",
            "\"a\u{1}b\"",
            "\"abc",
            "\"\\",
            "\"\\u",
            "[\n1,\n\n x]",
            "{\"a\":[{\"b\":tru}]}",
            "\"\\u00e5\\/\\b\\f\\n\\r\\t\\\"\\\\\"",
            "1.5e-3",
            "-0",
            "-0.0",
            "[[[[]]]]",
            "\u{feff}1",
            "\"å\\nä\"",
            "\"ä\u{0}\"",
        ] {
            assert_reads_as_serde_json(text);
        }
        // serde_json's depth limit: 127 arrays open, not 128.
        assert_reads_as_serde_json(&"[".repeat(127));
        assert_reads_as_serde_json(&"[".repeat(128));
        assert_reads_as_serde_json(&format!("{}{}", "[".repeat(127), "]".repeat(127)));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]

        /// Text made of JSON's pieces, mostly wrong: every reading and
        /// every error matches serde_json's.
        #[test]
        fn reads_like_serde_json(pieces in proptest::collection::vec(proptest::sample::select(vec![
            "{", "}", "[", "]", "\"", "\"k\"", "\"å\"", ":", ",", " ", "\n", "\t", "\r", "\\", "\\u", "d83d",
            "de00", "00e5", "\\n", "x", "0", "1", "9", "-", "+", ".", "e", "E", "null", "nul", "true",
            "false", "1e308", "18446744073709551615", "\u{1}", "é", "€",
        ]), 0..24)) {
            assert_reads_as_serde_json(&pieces.concat());
        }

        /// Valid JSON with one byte taken out or one put in: the errors
        /// are where serde_json finds them.
        #[test]
        fn damaged_json_errs_like_serde_json(cut in 0usize..400, insert in proptest::sample::select(vec![
            "", "\"", ",", "]", "}", "{", ":", "x", "\\", "\n", "0",
        ])) {
            let text = r#"{"title": "Fler \"bänkar\"", "proposals": ["att a", "att b\u00e5"],
    "signatories": [{"name": "Anna Ek", "party": "S"}], "n": [-1.5e3, 0, 18446744073709551616, true, null]}"#;
            let at = text.char_indices().map(|(i, _)| i).nth(cut % text.chars().count()).unwrap_or(0);
            let mut damaged = text.to_owned();
            if insert.is_empty() {
                damaged.remove(at);
            } else {
                damaged.insert_str(at, insert);
            }
            assert_reads_as_serde_json(&damaged);
        }
    }

    #[test]
    fn same_errors_as_serde_json_on_lines() {
        assert_reads_as_serde_json("{\n  \"a\": 1,\n  \"b\": [1,\n   2,,]\n}");
        assert_reads_as_serde_json("\n\n\n   ");
    }
}
