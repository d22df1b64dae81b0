//! The yrkanden: the list (`required`, `too_many`), each one as text, the
//! att-sats rule (`proposal_missing_att`) and `duplicate`.

use std::borrow::Cow;

use crate::json::Json;

use super::text::{self, TextKind};
use super::{list, Ctx, Duplicates, Loc};
use crate::report::{Code, Issue, Issues};

/// Checks `proposals`; returns the normalized list when every item could
/// be read.
pub(crate) fn check_list<'v>(
    value: Option<&'v Json>,
    ctx: &Ctx,
    at: Loc,
    issues: &mut Issues,
) -> Option<Vec<Cow<'v, str>>> {
    let items = list(
        value,
        at,
        ctx.profile.profile().limits.proposals.max,
        issues,
    )?;
    let mut seen = Duplicates::proposals();
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let item_path = at.index(i);
        let Some(text) = check_item(Some(item), ctx, item_path, issues) else {
            continue;
        };
        seen.check(text.clone(), i, item_path, issues);
        out.push(text);
    }
    (out.len() == items.len()).then_some(out)
}

/// Checks one proposal; returns its normalized text.
pub(crate) fn check_item<'v>(
    value: Option<&'v Json>,
    ctx: &Ctx,
    at: Loc,
    issues: &mut Issues,
) -> Option<Cow<'v, str>> {
    let limits = &ctx.profile.profile().limits;
    let mut text = text::check(value, TextKind::Proposal, limits.proposal, at, issues)?;
    if ctx.profile.profile().require_att {
        if starts_with_att(&text) {
            // "Att uppdra ..." is stored as "att uppdra ...".
            if let Some(rest) = text.get(3..).filter(|_| !text.starts_with("att")) {
                text = Cow::Owned(format!("att{rest}"));
            }
        } else {
            issues.push(
                Issue::new(at.path(), Code::ProposalMissingAtt).suggest(Some(att_sats(&text))),
            );
        }
    }
    Some(text)
}

/// Whether the first word is "att" (any case). A bare "att" counts too: it
/// is too short, but it is not missing its att (nor should it be offered
/// "att att").
pub(crate) fn starts_with_att(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() < 3 || !b[..3].eq_ignore_ascii_case(b"att") {
        return false;
    }
    // The first three bytes are ASCII, so 3 is a character boundary.
    match text.get(3..).and_then(|t| t.chars().next()) {
        None => true,
        Some(c) => c.is_whitespace(),
    }
}

/// The proposal rewritten as an att-sats: list markers ("-", "•", "1.",
/// "a)") dropped, "att " put first and the first letter made small unless
/// the word is an abbreviation ("KS"): "- Uppdra till KS att ..." becomes
/// "att uppdra till KS att ...".
pub(crate) fn att_sats(text: &str) -> String {
    let rest = strip_list_marker(text);
    if starts_with_att(rest) {
        return format!("att{}", rest.get(3..).unwrap_or_default());
    }
    let mut chars = rest.chars();
    let Some(first) = chars.next() else {
        return "att ".to_owned();
    };
    let second_is_upper = chars.clone().next().is_some_and(char::is_uppercase);
    let mut out = String::with_capacity(rest.len() + 4);
    out.push_str("att ");
    if second_is_upper {
        out.push(first);
    } else {
        let mut buf = [0u8; 4];
        out.push_str(&crate::unicode::to_lowercase(first.encode_utf8(&mut buf)));
    }
    out.push_str(chars.as_str());
    out
}

fn strip_list_marker(text: &str) -> &str {
    let t = text.trim_start_matches(|c: char| {
        matches!(c, '-' | '–' | '—' | '•' | '*' | '·' | '‣' | '▪') || c.is_whitespace()
    });
    // "1." / "2)" / "a)"
    let marker_len = t
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit())
        .last()
        .map(|(i, _)| i + 1)
        .or_else(|| t.chars().next().filter(char::is_ascii_lowercase).map(|_| 1))
        .unwrap_or(0);
    let mut after_marker = t.get(marker_len..).unwrap_or_default().chars();
    match after_marker.next() {
        Some('.' | ')') if marker_len > 0 => {
            let after = after_marker.as_str();
            if after.starts_with(char::is_whitespace) {
                return after.trim_start();
            }
            t
        }
        _ => t,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn att_suggestions() {
        assert_eq!(
            att_sats("Uppdra till kommunstyrelsen"),
            "att uppdra till kommunstyrelsen"
        );
        assert_eq!(att_sats("- Uppdra till KS"), "att uppdra till KS");
        assert_eq!(
            att_sats("1. Kostnaderna särredovisas"),
            "att kostnaderna särredovisas"
        );
        assert_eq!(att_sats("b) Utreda frågan"), "att utreda frågan");
        assert_eq!(att_sats("KS får i uppdrag"), "att KS får i uppdrag");
        assert_eq!(att_sats("– Att utreda frågan"), "att utreda frågan");
        assert_eq!(att_sats("avsätta medel"), "att avsätta medel");
    }

    #[test]
    fn att_detection() {
        assert!(starts_with_att("att utreda"));
        assert!(starts_with_att("Att utreda"));
        assert!(!starts_with_att("attityder ska utredas"));
        assert!(starts_with_att("att"));
        assert!(starts_with_att("ATT\tutreda"));
        assert!(!starts_with_att("at"));
        assert!(starts_with_att("att\u{a0}utreda"));
        assert_eq!(att_sats("att"), "att");
    }
}
