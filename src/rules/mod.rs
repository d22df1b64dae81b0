//! The rules, one family per file. Each family reads untyped JSON at a
//! path, pushes issues (codes and params only; messages come later, in
//! [`crate::messages`]) and returns the normalized value it could make.

pub(crate) mod dates;
pub(crate) mod diary_number;
pub(crate) mod proposals;
pub(crate) mod signatories;
pub(crate) mod structure;
pub(crate) mod text;

use std::collections::BTreeMap;

use serde_json::Value;

use crate::date::Date;
use crate::options::Stage;
use crate::profile::CompiledProfile;
use crate::report::{Code, Issue, Path, PathSegment};

/// What every rule may look at besides the value itself.
pub(crate) struct Ctx<'a> {
    pub profile: &'a CompiledProfile,
    pub today: Option<Date>,
    pub stage: Stage,
}

/// `base` with more segments after it.
pub(crate) fn join(base: &[PathSegment], more: impl IntoIterator<Item = PathSegment>) -> Path {
    base.iter().cloned().chain(more).collect()
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
    path: &[PathSegment],
    issues: &mut Vec<Issue>,
) -> Option<&'v Value> {
    match value {
        None | Some(Value::Null) => {
            issues.push(Issue::new(path.to_vec(), Code::Required));
            None
        }
        Some(v) => Some(v),
    }
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

    /// Reports `duplicate` at `path` if `key` was seen; the path's last
    /// index (or the item's own index before a key) is the item's.
    pub(crate) fn check(&mut self, key: String, path: &[PathSegment], issues: &mut Vec<Issue>) {
        let index = path.iter().rev().find_map(|s| match s {
            PathSegment::Index(i) => Some(*i),
            PathSegment::Key(_) => None,
        });
        let Some(index) = index else { return };
        match self.seen.get(&key) {
            Some(&first) => {
                issues.push(Issue::new(path.to_vec(), Code::Duplicate).param("first", first))
            }
            None => {
                self.seen.insert(key, index);
            }
        }
    }
}
