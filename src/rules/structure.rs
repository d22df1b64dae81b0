//! `invalid_type` at the top and `unknown_field`: the shape of the motion.

use serde_json::{Map, Value};

use crate::json::Object;

use super::Loc;
use crate::report::{Code, Issue, Issues, PathSegment};

/// A warning for each key not in `known`; such keys are not stored. In
/// the keys' sorted order, whatever order they were written in: the same
/// report for the same motion, as text or as a parsed `Value` (whose
/// objects are sorted).
pub(crate) fn unknown_fields(obj: &Object, known: &[&str], base: Loc, issues: &mut Issues) {
    let mut unknown = obj.keys().filter(|k| !known.contains(k)).peekable();
    if unknown.peek().is_none() {
        return;
    }
    // serde_json's map sorts them: the module already links it, and a
    // hostile object with many keys is still sorted in n log n. Inserted
    // one by one: `collect` would link a sort routine as well.
    let mut sorted = Map::new();
    for k in unknown {
        sorted.insert(k.to_owned(), Value::Null);
    }
    for key in sorted.keys() {
        issues.push(
            Issue::new(
                base.path()
                    .into_iter()
                    .chain([PathSegment::Key(key.clone())])
                    .collect(),
                Code::UnknownField,
            )
            .param("field", key.as_str()),
        );
    }
}
