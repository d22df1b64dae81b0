//! `invalid_type` at the top and `unknown_field`: the shape of the motion.

use crate::json::Object;

use super::Loc;
use crate::report::{Code, Issue, Issues, PathSegment};

/// A warning for each key not in `known`; such keys are not stored.
pub(crate) fn unknown_fields(obj: &Object, known: &[&str], base: Loc, issues: &mut Issues) {
    for key in obj.keys().filter(|k| !known.contains(k)) {
        issues.push(
            Issue::new(
                base.path()
                    .into_iter()
                    .chain([PathSegment::Key(key.to_owned())])
                    .collect(),
                Code::UnknownField,
            )
            .param("field", key),
        );
    }
}
