//! `submittedOn`: `date_invalid`, `date_in_future`, `date_too_early`
//! (before the profile's `limits.earliestSubmission`), and at registration
//! `answer_overdue` (Kommunallagen 5 kap. 35 §: a motion should be dealt
//! with within one year of being submitted).

use crate::json::Json;

use super::{string, Ctx, Loc};
use crate::date::Date;
use crate::options::Stage;
use crate::report::{Code, Issue, Issues};

/// Checks the submission date; returns it when it is a real date.
pub(crate) fn check_submitted_on(
    value: Option<&Json>,
    ctx: &Ctx,
    at: Loc,
    issues: &mut Issues,
) -> Option<Date> {
    let s = string(value, at, issues)?;
    let s = crate::unicode::trim(s);
    if s.is_empty() {
        issues.push(Issue::new(at.path(), Code::Required));
        return None;
    }
    let Some(date) = Date::parse_iso(s) else {
        let suggestion = Date::parse_swedish(s).map(|d| d.to_string());
        issues.push(
            Issue::new(at.path(), Code::DateInvalid)
                .param("value", s.chars().take(40).collect::<String>())
                .suggest(suggestion),
        );
        return None;
    };
    let earliest = ctx.profile.profile().limits.earliest_submission;
    if date < earliest {
        issues.push(
            Issue::new(at.path(), Code::DateTooEarly)
                .param("value", s)
                .param("earliest", earliest.to_string()),
        );
        return Some(date);
    }
    if let Some(today) = ctx.today {
        if date > today {
            issues.push(
                Issue::new(at.path(), Code::DateInFuture)
                    .param("value", s)
                    .param("today", today.to_string()),
            );
        } else if ctx.stage == Stage::Registration && today > date.add_one_year() {
            issues.push(
                Issue::new(at.path(), Code::AnswerOverdue)
                    .param("submittedOn", s)
                    .param("dueOn", date.add_one_year().to_string()),
            );
        }
    }
    Some(date)
}
