//! The signatories: the list (`required`, `too_many`), each name
//! (`name_incomplete`, `name_invalid_chars`, length), each party
//! (`party_unknown`) and `duplicate`.

use std::borrow::Cow;

use crate::json::Json;

use super::structure::unknown_fields;
use super::text::{self, code_point, TextKind};
use super::{invalid_type, list, present, string, Ctx, Duplicates, Loc};
use crate::field::Field;
use crate::motion::SignatoryRef;
use crate::profile::Range;
use crate::report::{Code, Issue, Issues};

/// Checks `signatories`; returns the normalized list when every one could
/// be read.
pub(crate) fn check_list<'v>(
    value: Option<&'v Json>,
    ctx: &Ctx<'v>,
    at: Loc,
    issues: &mut Issues,
) -> Option<Vec<SignatoryRef<'v>>> {
    let items = list(
        value,
        at,
        ctx.profile.profile().limits.signatories.max,
        issues,
    )?;
    let mut seen = Duplicates::names();
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let item_path = at.index(i);
        out.extend(check_in_list(
            Some(item),
            ctx,
            (i, item_path),
            &mut seen,
            issues,
        ));
    }
    (out.len() == items.len()).then_some(out)
}

/// Checks one signatory object on its own.
pub(crate) fn check_one<'v>(
    value: Option<&'v Json>,
    ctx: &Ctx<'v>,
    at: Loc,
    issues: &mut Issues,
) -> Option<SignatoryRef<'v>> {
    check_in_list(value, ctx, (0, at), &mut Duplicates::names(), issues)
}

/// Checks one signatory object; `seen` holds the names before it.
fn check_in_list<'v>(
    value: Option<&'v Json>,
    ctx: &Ctx<'v>,
    (index, at): (usize, Loc),
    seen: &mut Duplicates<'v>,
    issues: &mut Issues,
) -> Option<SignatoryRef<'v>> {
    let v = present(value, at, issues)?;
    let Json::Object(obj) = v else {
        issues.push(invalid_type(at.path(), "object", v));
        return None;
    };
    let name_path = at.key("name");
    let name = check_name(obj.get("name"), ctx, name_path, issues);
    if let Some(n) = &name {
        seen.check(n.clone(), index, name_path, issues);
    }
    let party = check_party(obj.get("party"), ctx, at.key("party"), issues);
    unknown_fields(obj, &Field::SIGNATORY_KEYS, at, issues);
    Some(SignatoryRef {
        name: name?,
        party: party?,
    })
}

/// Checks a name: text rules, letters only, first and last name.
pub(crate) fn check_name<'v>(
    value: Option<&'v Json>,
    ctx: &Ctx,
    at: Loc,
    issues: &mut Issues,
) -> Option<Cow<'v, str>> {
    let max = ctx.profile.profile().limits.name.max;
    let before = issues.len();
    let name = text::check(value, TextKind::Name, Range { min: 0, max }, at, issues)?;
    // A forbidden character or an HTML tag was already reported; don't
    // report its characters a second time.
    let forbidden = issues
        .since(before)
        .iter()
        .any(|i| matches!(i.code, Code::ForbiddenCharacters | Code::MarkupNotAllowed));
    // One pass: the first character that does not belong in a name, and
    // the words (space-separated, after normalization) that have a letter.
    let (mut invalid, mut words, mut letter_in_word) = (None, 0, false);
    // ASCII straight from the bytes; other characters decoded from their
    // first byte (a `chars()` loop costs a call per letter in the
    // size-optimized build).
    let bytes = name.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let c = if b < 0x80 {
            i += 1;
            char::from(b)
        } else {
            let Some(c) = name.get(i..).and_then(|t| t.chars().next()) else {
                break;
            };
            i += c.len_utf8();
            c
        };
        if c == ' ' {
            words += usize::from(letter_in_word);
            letter_in_word = false;
        } else if is_letter(c) {
            letter_in_word = true;
        } else if invalid.is_none() && !name_char(c) {
            invalid = Some(c);
        }
    }
    words += usize::from(letter_in_word);
    if let Some(c) = invalid.filter(|_| !forbidden) {
        issues.push(
            Issue::new(at.path(), Code::NameInvalidChars)
                .param("char", c.to_string())
                .param("codePoint", code_point(c)),
        );
    }
    if words < 2 {
        issues.push(Issue::new(at.path(), Code::NameIncomplete));
    }
    Some(name)
}

fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        crate::unicode::letter_case(c).0
    }
}

/// Letters of any script, combining marks, space, hyphen, apostrophe, period.
fn name_char(c: char) -> bool {
    is_letter(c)
        || matches!(
            c,
            ' ' | '-' | '\u{2010}' | '\u{2011}' | '\'' | '\u{2019}' | '.'
        )
        || matches!(c, '\u{0300}'..='\u{036F}')
}

/// Checks a party against the profile; returns the canonical code.
pub(crate) fn check_party<'v>(
    value: Option<&'v Json>,
    ctx: &Ctx<'v>,
    at: Loc,
    issues: &mut Issues,
) -> Option<Cow<'v, str>> {
    let s = string(value, at, issues)?;
    // NFC and tidied like a name, so a decomposed "Miljöpartiet de gröna"
    // (NFD, as macOS and some PDFs give it) is still Miljöpartiet.
    let s = text::normalize(s, TextKind::Name);
    if s.is_empty() {
        issues.push(Issue::new(at.path(), Code::Required));
        return None;
    }
    match ctx.profile.party_code_tidy(&s) {
        Some(code) => Some(Cow::Borrowed(code)),
        None => {
            issues.push(
                Issue::new(at.path(), Code::PartyUnknown)
                    .param("value", s.chars().take(40).collect::<String>())
                    .param("allowed", ctx.profile.allowed_parties().to_vec()),
            );
            None
        }
    }
}
