//! `diaryNumber`: `diary_number_format` (with a repaired suggestion),
//! `diary_number_year`, `diary_number_year_mismatch`, and `required` at
//! registration.

use std::borrow::Cow;

use crate::json::Json;

use super::{invalid_type, Ctx, Loc};
use crate::options::Stage;
use crate::report::{Code, Issue, Issues};

/// Checks the diary number against the profile and, when the motion's
/// date is known (`ctx.submitted_on`), against its year. Returns the
/// canonical form; `Some(None)` means absent and allowed.
pub(crate) fn check<'v>(
    value: Option<&'v Json>,
    ctx: &Ctx,
    at: Loc,
    issues: &mut Issues,
) -> Option<Option<Cow<'v, str>>> {
    let text = match value {
        None | Some(Json::Null) => "",
        Some(Json::String(s)) => crate::unicode::trim(s),
        Some(v) => {
            issues.push(invalid_type(at.path(), "string", v));
            return None;
        }
    };
    if text.is_empty() {
        if ctx.stage == Stage::Registration {
            issues.push(Issue::new(at.path(), Code::Required));
            return None;
        }
        return Some(None);
    }
    let Some((format, number)) = ctx.profile.read_diary_number_as_of(text, ctx.today) else {
        let examples: Vec<String> = ctx.profile.formats().iter().map(|f| f.example()).collect();
        issues.push(
            Issue::new(at.path(), Code::DiaryNumberFormat)
                .param("value", text.chars().take(40).collect::<String>())
                .param("formats", examples)
                .suggest(ctx.profile.normalize_diary_number_as_of(text, ctx.today)),
        );
        return None;
    };
    if ctx.today.is_some_and(|t| number.year > t.year()) {
        issues.push(Issue::new(at.path(), Code::DiaryNumberYear).param("year", number.year));
        return None;
    }
    if let Some(d) = ctx.submitted_on {
        if d.year() < number.year || d.year() > number.last_year {
            issues.push(
                Issue::new(at.path(), Code::DiaryNumberYearMismatch)
                    .param("year", number.year)
                    .param("submittedYear", d.year()),
            );
        }
    }
    // Usually written in its canonical form already: kept, not copied
    // (nor built).
    Some(Some(if number.canonical {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(format.render(number.year, number.sequence, number.letters))
    }))
}
