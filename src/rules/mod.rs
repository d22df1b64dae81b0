//! The rules, one family per file. Every rule has one shape,
//! `fn(value, &Ctx, Loc, &mut Vec<Issue>) -> Option<T>`: it reads untyped
//! JSON at a path, pushes issues (codes and params only; messages come
//! later, in [`crate::messages`]) and returns the normalized value it
//! could make. [`check_field`] is the one place that says which rule a
//! [`Field`] has; whole-motion and per-field validation both go through
//! it, so they cannot drift apart.

pub(crate) mod dates;
pub(crate) mod diary_number;
pub(crate) mod proposals;
pub(crate) mod signatories;
pub(crate) mod structure;
pub(crate) mod text;

use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::json::Json;

use crate::date::Date;
use crate::field::Field;
use crate::motion::{MotionRef, SignatoryRef};
use crate::options::Stage;
use crate::profile::CompiledProfile;
use crate::report::{Code, Issue, Issues, Path, PathSegment};

/// What every rule may look at besides the value itself.
pub(crate) struct Ctx<'a> {
    pub profile: &'a CompiledProfile,
    pub today: Option<Date>,
    pub stage: Stage,
    /// The motion's submission date once checked (the diary number's year
    /// rules compare with it); unknown when a field is checked alone.
    pub submitted_on: Option<Date>,
}

/// The normalized values the rules made, field by field: the motion to
/// store when every part is there.
#[derive(Default)]
pub(crate) struct Parts<'v> {
    pub title: Option<Cow<'v, str>>,
    pub body: Option<Cow<'v, str>>,
    pub proposals: Option<Vec<Cow<'v, str>>>,
    pub signatories: Option<Vec<SignatoryRef<'v>>>,
    pub submitted_on: Option<Date>,
    /// The date as given, once it read as one: `YYYY-MM-DD` exactly
    /// (trimmed), so already in its canonical form.
    pub submitted_on_text: Option<&'v str>,
    /// `Some(None)`: no diary number, and none needed.
    pub diary_number: Option<Option<Cow<'v, str>>>,
}

impl<'v> Parts<'v> {
    /// The normalized motion, when every part is there.
    pub(crate) fn motion(self) -> Option<MotionRef<'v>> {
        Some(MotionRef {
            title: self.title?,
            body: self.body?,
            proposals: self.proposals?,
            signatories: self.signatories?,
            submitted_on: Cow::Borrowed(
                self.submitted_on_text
                    .filter(|_| self.submitted_on.is_some())?,
            ),
            diary_number: self.diary_number?,
        })
    }
}

/// Checks one field with its rule family and keeps what it made in
/// `parts`. Adding a field: a [`Field`] variant, a family, an arm here.
pub(crate) fn check_field<'v, 'p: 'v>(
    field: Field,
    value: Option<&'v Json>,
    ctx: &mut Ctx<'p>,
    parts: &mut Parts<'v>,
    issues: &mut Issues,
) {
    let at = field.loc();
    let ctx_ = &*ctx;
    match field {
        Field::Title => parts.title = text::check_title(value, ctx_, at, issues),
        Field::Body => parts.body = text::check_body(value, ctx_, at, issues),
        Field::Proposals => parts.proposals = proposals::check_list(value, ctx_, at, issues),
        Field::Proposal(_) => drop(proposals::check_item(value, ctx_, at, issues)),
        Field::Signatories => parts.signatories = signatories::check_list(value, ctx_, at, issues),
        Field::Signatory(_) => drop(signatories::check_one(value, ctx_, at, issues)),
        Field::Name(_) => drop(signatories::check_name(value, ctx_, at, issues)),
        Field::Party(_) => drop(signatories::check_party(value, ctx_, at, issues)),
        Field::SubmittedOn => {
            parts.submitted_on = dates::check_submitted_on(value, ctx_, at, issues);
            parts.submitted_on_text = match value {
                Some(Json::String(s)) => Some(crate::unicode::trim(s)),
                _ => None,
            };
            ctx.submitted_on = parts.submitted_on;
        }
        Field::DiaryNumber => parts.diary_number = diary_number::check(value, ctx_, at, issues),
    }
}

/// Where a rule is looking, as a small copyable value: the motion's paths
/// are at most three deep and their keys are known in advance, so nothing
/// is allocated until an issue needs a [`Path`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Loc {
    segs: [Seg; 3],
    len: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Seg {
    Key(&'static str),
    Index(usize),
}

impl Loc {
    /// The motion itself (`[]`).
    pub(crate) const ROOT: Loc = Loc {
        segs: [Seg::Index(0); 3],
        len: 0,
    };

    fn push(mut self, seg: Seg) -> Loc {
        if let Some(slot) = self.segs.get_mut(usize::from(self.len)) {
            *slot = seg;
            self.len += 1;
        }
        self
    }

    /// One level down, by key.
    pub(crate) fn key(self, key: &'static str) -> Loc {
        self.push(Seg::Key(key))
    }

    /// One level down, by index.
    pub(crate) fn index(self, index: usize) -> Loc {
        self.push(Seg::Index(index))
    }

    /// The path for an issue.
    pub(crate) fn path(self) -> Path {
        self.segs
            .iter()
            .take(usize::from(self.len))
            .map(|s| match *s {
                Seg::Key(k) => PathSegment::Key(k.to_owned()),
                Seg::Index(i) => PathSegment::Index(i),
            })
            .collect()
    }
}

pub(crate) fn invalid_type(path: Path, expected: &'static str, got: &Json) -> Issue {
    Issue::new(path, Code::InvalidType)
        .param("expected", expected)
        .param("actual", got.type_name())
}

/// A present, non-null value, or a `required` issue.
pub(crate) fn present<'v, 'a>(
    value: Option<&'v Json<'a>>,
    at: Loc,
    issues: &mut Issues,
) -> Option<&'v Json<'a>> {
    match value {
        None | Some(Json::Null) => {
            issues.push(Issue::new(at.path(), Code::Required));
            None
        }
        Some(v) => Some(v),
    }
}

/// A present string, or a `required` / `invalid_type` issue.
pub(crate) fn string<'v, 'a>(
    value: Option<&'v Json<'a>>,
    at: Loc,
    issues: &mut Issues,
) -> Option<&'v str> {
    match present(value, at, issues)? {
        Json::String(s) => Some(&**s),
        v => {
            issues.push(invalid_type(at.path(), "string", v));
            None
        }
    }
}

/// A present, non-empty list (`required`, `invalid_type`), with
/// `too_many` when it is longer than `max`. Only the first `max` items are
/// returned to be checked one by one: a list past its limit is already
/// wrong, and checking 500 000 items would make a 1 MB request cost
/// hundreds of MB of report.
pub(crate) fn list<'v, 'a>(
    value: Option<&'v Json<'a>>,
    at: Loc,
    max: usize,
    issues: &mut Issues,
) -> Option<&'v [Json<'a>]> {
    let items = match present(value, at, issues)? {
        Json::Array(items) if items.is_empty() => {
            issues.push(Issue::new(at.path(), Code::Required));
            return None;
        }
        Json::Array(items) => items,
        v => {
            issues.push(invalid_type(at.path(), "array", v));
            return None;
        }
    };
    if items.len() > max {
        issues.push(
            Issue::new(at.path(), Code::TooMany)
                .param("max", max)
                .param("actual", items.len()),
        );
    }
    items.get(..max).or(Some(items))
}

/// Remembers the items of a list, to report `duplicate` on a later one
/// that is the same but for case (and, for proposals, whitespace).
///
/// A short list (every real motion's) is compared item by item, folding
/// as it goes: two different items usually differ in their first letters,
/// so nothing is lowercased or copied. Past that, a B-tree of folded keys
/// keeps long lists at n log n. It is serde_json's map, which the engine
/// links anyway: a map of another type would add its own copy of the
/// B-tree code to the browser module.
pub(crate) struct Duplicates<'t> {
    /// Whitespace runs count as one space, and none at the ends.
    words: bool,
    seen: Vec<(Cow<'t, str>, usize)>,
    index: Map<String, Value>,
}

impl<'t> Duplicates<'t> {
    const LINEAR: usize = 32;

    /// For names: case does not matter.
    pub(crate) fn names() -> Self {
        Duplicates {
            words: false,
            seen: Vec::new(),
            index: Map::new(),
        }
    }

    /// For proposals: neither case nor whitespace matters.
    pub(crate) fn proposals() -> Self {
        Duplicates {
            words: true,
            ..Duplicates::names()
        }
    }

    /// Reports `duplicate` at `at` if `text` was seen before item `index`.
    pub(crate) fn check(&mut self, text: Cow<'t, str>, index: usize, at: Loc, issues: &mut Issues) {
        let first = if self.index.is_empty() && self.seen.len() < Self::LINEAR {
            let words = self.words;
            let first = self
                .seen
                .iter()
                .find(|(k, _)| same_folded(k, &text, words))
                .map(|&(_, i)| i);
            if first.is_none() {
                self.seen.push((text, index));
            }
            first
        } else {
            if self.index.is_empty() {
                for (k, i) in std::mem::take(&mut self.seen) {
                    self.index.insert(fold(&k, self.words), Value::from(i));
                }
            }
            let key = fold(&text, self.words);
            match self.index.get(&key).and_then(Value::as_u64) {
                Some(i) => Some(i as usize),
                None => {
                    self.index.insert(key, Value::from(index));
                    None
                }
            }
        };
        if let Some(first) = first {
            issues.push(Issue::new(at.path(), Code::Duplicate).param("first", first));
        }
    }
}

/// The text lowercased and, with `words`, its whitespace runs made one
/// space and trimmed: what two items must share to be the same.
pub(crate) fn fold(text: &str, words: bool) -> String {
    // Lowercase once, not per word: in the browser each call may cross to JS.
    let lower = crate::unicode::to_lowercase(text);
    if !words {
        return lower;
    }
    let mut out = String::with_capacity(lower.len());
    for w in lower.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// `fold(a, words) == fold(b, words)`, folding a character at a time and
/// stopping at the first difference. Characters whose lowercase needs
/// context or the full tables (İ, Σ, other scripts) send both to [`fold`].
fn same_folded(a: &str, b: &str, words: bool) -> bool {
    let (mut x, mut y) = (Folded::new(a, words), Folded::new(b, words));
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(Some(c)), Some(Some(d))) if c == d => {}
            (Some(None), _) | (_, Some(None)) => return fold(a, words) == fold(b, words),
            _ => return false,
        }
    }
}

/// The characters of a folded text; `Some(None)` for one that needs the
/// full tables.
struct Folded<'a> {
    chars: std::str::Chars<'a>,
    words: bool,
    /// Whitespace was passed since the last character given (words mode).
    space: bool,
    /// A character read while a space was still owed.
    held: Option<char>,
    /// A character has been given (whitespace before it is dropped).
    started: bool,
}

impl<'a> Folded<'a> {
    fn new(text: &'a str, words: bool) -> Self {
        Folded {
            chars: text.chars(),
            words,
            space: false,
            held: None,
            started: false,
        }
    }
}

impl Iterator for Folded<'_> {
    type Item = Option<char>;

    fn next(&mut self) -> Option<Option<char>> {
        let c = match self.held.take() {
            Some(c) => c,
            None => loop {
                let c = self.chars.next()?;
                if !(self.words && c.is_whitespace()) {
                    break c;
                }
                // Leading whitespace owes nothing; trailing is never paid.
                self.space = self.space || self.started;
            },
        };
        if std::mem::take(&mut self.space) {
            self.held = Some(c);
            return Some(Some(' '));
        }
        self.started = true;
        Some(if c.is_ascii() {
            Some(c.to_ascii_lowercase())
        } else {
            crate::unicode::lower_char(c)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_are_found_in_short_and_long_lists() {
        let mut seen = Duplicates::names();
        let mut issues = Issues::new();
        let at = Loc::ROOT.key("proposals");
        for i in 0..100 {
            // Item 40 repeats item 2, 90 repeats 50 (both past the linear part).
            let key = match i {
                40 => "K2".to_owned(),
                90 => "k50".to_owned(),
                _ => format!("k{i}"),
            };
            seen.check(key.into(), i, at.index(i), &mut issues);
        }
        seen.check("K3".into(), 100, at.index(100), &mut issues);
        let found: Vec<_> = issues
            .into_vec()
            .into_iter()
            .map(|i| (i.path, i.params["first"].clone()))
            .collect();
        assert_eq!(
            found,
            vec![
                (vec!["proposals".into(), 40.into()], Value::from(2)),
                (vec!["proposals".into(), 90.into()], Value::from(50)),
                (vec!["proposals".into(), 100.into()], Value::from(3)),
            ]
        );
    }

    /// Comparing as it folds is comparing the folded texts.
    #[test]
    fn same_folded_is_fold_then_compare() {
        let texts = [
            "",
            " ",
            "att a",
            "Att  A",
            " att a ",
            "att\ta",
            "att\u{a0}a",
            "ATT Ä",
            "att ä",
            "att å",
            "İstanbul",
            "i̇stanbul",
            "ΟΔΟΣ",
            "οδος",
            "οδοσ",
            "Ǆ",
            "ǆ",
            "ß",
            "SS",
            "a b",
            "ab",
            "a\n\nb ",
        ];
        for a in texts {
            for b in texts {
                for words in [false, true] {
                    assert_eq!(
                        same_folded(a, b, words),
                        fold(a, words) == fold(b, words),
                        "{a:?} {b:?} {words}"
                    );
                }
            }
        }
    }
}
