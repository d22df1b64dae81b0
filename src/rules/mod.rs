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

use std::collections::BTreeMap;

use serde_json::Value;

use crate::date::Date;
use crate::field::Field;
use crate::motion::Signatory;
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
pub(crate) struct Parts {
    pub title: Option<String>,
    pub body: Option<String>,
    pub proposals: Option<Vec<String>>,
    pub signatories: Option<Vec<Signatory>>,
    pub submitted_on: Option<Date>,
    /// `Some(None)`: no diary number, and none needed.
    pub diary_number: Option<Option<String>>,
}

/// Checks one field with its rule family and keeps what it made in
/// `parts`. Adding a field: a [`Field`] variant, a family, an arm here.
pub(crate) fn check_field(
    field: Field,
    value: Option<&Value>,
    ctx: &mut Ctx,
    parts: &mut Parts,
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

/// The JSON type name used in `invalid_type`'s `expected`/`actual` params.
pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

pub(crate) fn invalid_type(path: Path, expected: &'static str, got: &Value) -> Issue {
    Issue::new(path, Code::InvalidType)
        .param("expected", expected)
        .param("actual", type_name(got))
}

/// A present, non-null value, or a `required` issue.
pub(crate) fn present<'v>(
    value: Option<&'v Value>,
    at: Loc,
    issues: &mut Issues,
) -> Option<&'v Value> {
    match value {
        None | Some(Value::Null) => {
            issues.push(Issue::new(at.path(), Code::Required));
            None
        }
        Some(v) => Some(v),
    }
}

/// A present string, or a `required` / `invalid_type` issue.
pub(crate) fn string<'v>(
    value: Option<&'v Value>,
    at: Loc,
    issues: &mut Issues,
) -> Option<&'v str> {
    match present(value, at, issues)? {
        Value::String(s) => Some(s),
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
pub(crate) fn list<'v>(
    value: Option<&'v Value>,
    at: Loc,
    max: usize,
    issues: &mut Issues,
) -> Option<&'v [Value]> {
    let items = match present(value, at, issues)? {
        Value::Array(items) if items.is_empty() => {
            issues.push(Issue::new(at.path(), Code::Required));
            return None;
        }
        Value::Array(items) => items,
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

/// Remembers the items of a list by a folded key, to report `duplicate`
/// on the later one. A B-tree keeps long lists at n log n, and the engine
/// already links one (serde_json's objects), unlike a hash map.
pub(crate) struct Duplicates {
    seen: BTreeMap<String, usize>,
}

impl Duplicates {
    pub(crate) fn new() -> Self {
        Duplicates {
            seen: BTreeMap::new(),
        }
    }

    /// Reports `duplicate` at `at` if `key` was seen before item `index`.
    pub(crate) fn check(&mut self, key: String, index: usize, at: Loc, issues: &mut Issues) {
        match self.seen.get(&key) {
            Some(&first) => {
                issues.push(Issue::new(at.path(), Code::Duplicate).param("first", first))
            }
            None => {
                self.seen.insert(key, index);
            }
        }
    }
}
