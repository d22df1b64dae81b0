//! `diaryNumber`: `diary_number_format` (with a repaired suggestion),
//! `diary_number_year`, `diary_number_year_mismatch`, and `required` at
//! registration.

use serde_json::Value;

use super::{invalid_type, Ctx, Loc};
use crate::date::Date;
use crate::diary::year_in_future;
use crate::options::Stage;
use crate::report::{Code, Issue};

/// Checks the diary number; returns its canonical form. `Ok(None)` means
/// absent and allowed; `Err(())` means an error was reported.
pub(crate) fn check(
    value: Option<&Value>,
    submitted_on: Option<Date>,
    ctx: &Ctx,
    at: Loc,
    issues: &mut Vec<Issue>,
) -> Result<Option<String>, ()> {
    let text = match value {
        None | Some(Value::Null) => "",
        Some(Value::String(s)) => s.trim(),
        Some(v) => {
            issues.push(invalid_type(at.path(), "string", v));
            return Err(());
        }
    };
    if text.is_empty() {
        if ctx.stage == Stage::Registration {
            issues.push(Issue::new(at.path(), Code::Required));
            return Err(());
        }
        return Ok(None);
    }
    let Some(number) = ctx.profile.parse_diary_number(text) else {
        let examples: Vec<String> = ctx.profile.formats().iter().map(|f| f.example()).collect();
        issues.push(
            Issue::new(at.path(), Code::DiaryNumberFormat)
                .param("value", text.chars().take(40).collect::<String>())
                .param("formats", examples)
                .suggest(ctx.profile.normalize_diary_number(text)),
        );
        return Err(());
    };
    if year_in_future(&number, ctx.today) {
        issues.push(Issue::new(at.path(), Code::DiaryNumberYear).param("year", number.year));
        return Err(());
    }
    if let Some(d) = submitted_on {
        if d.year() < number.year || d.year() > number.last_year {
            issues.push(
                Issue::new(at.path(), Code::DiaryNumberYearMismatch)
                    .param("year", number.year)
                    .param("submittedYear", d.year()),
            );
        }
    }
    Ok(Some(number.canonical))
}
