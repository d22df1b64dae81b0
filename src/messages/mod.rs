//! Messages for people, Swedish first (`sv.rs`), English second (`en.rs`). Written for a
//! councillor filling in a form, not for a programmer. Built from the
//! issue's code, path and params, so the rules never deal with language.
//!
//! Each message is a template with `{placeholders}`, filled in by one small
//! function: the wording reads as data, and the browser build carries one
//! formatter instead of a hundred `format!` calls.

use serde_json::Value;

use crate::field::Field;
use crate::options::Lang;
use crate::report::{Code, Issue, PathSegment};

mod en;
mod sv;

/// What a message is about: a [`Field`], the motion itself, or a key the
/// motion does not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Subject {
    Motion,
    Title,
    Body,
    Proposals,
    Proposal,
    Signatories,
    Signatory,
    Name,
    Party,
    SubmittedOn,
    DiaryNumber,
    Other,
}

/// The subject, the item number a person sees (1-based) and, for a key the
/// motion does not have, the key.
fn subject_of(path: &[PathSegment]) -> (Subject, usize, &str) {
    use PathSegment::{Index as I, Key as K};
    if path.is_empty() {
        return (Subject::Motion, 0, "");
    }
    if let Some(field) = Field::from_path(path) {
        return match field {
            Field::Title => (Subject::Title, 0, ""),
            Field::Body => (Subject::Body, 0, ""),
            Field::Proposals => (Subject::Proposals, 0, ""),
            Field::Proposal(i) => (Subject::Proposal, i + 1, ""),
            Field::Signatories => (Subject::Signatories, 0, ""),
            Field::Signatory(i) => (Subject::Signatory, i + 1, ""),
            Field::Name(i) => (Subject::Name, i + 1, ""),
            Field::Party(i) => (Subject::Party, i + 1, ""),
            Field::SubmittedOn => (Subject::SubmittedOn, 0, ""),
            Field::DiaryNumber => (Subject::DiaryNumber, 0, ""),
        };
    }
    match path {
        [K(k), I(i), K(f)] if k == "signatories" => (Subject::Other, i + 1, f),
        [.., K(k)] => (Subject::Other, 0, k),
        _ => (Subject::Other, 0, ""),
    }
}

/// A forbidden U+FFFD: text damaged on the way, which gets its own words.
fn is_damaged(issue: &Issue) -> bool {
    issue.params.get("char").and_then(Value::as_str) == Some("U+FFFD")
}

fn subject(s: Subject, lang: Lang) -> (&'static str, bool) {
    match lang {
        Lang::Sv => sv::subject(s),
        Lang::En => en::subject(s),
    }
}

fn template(code: Code, at: (Subject, usize), issue: &Issue, lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => sv::template(code, at, issue),
        Lang::En => en::template(code, at, issue),
    }
}

/// Templates of the codes only the text importer gives: apart from
/// [`template`] so that the browser build carries them only once it
/// carries the importer (they are about 0.8 KB gzipped).
fn import_template(issue: &Issue, lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => sv::import_template(issue),
        Lang::En => en::import_template(issue),
    }
}

/// A param as text: numbers, strings, and lists joined with ", ".
fn param(issue: &Issue, key: &str, out: &mut String) {
    match issue.params.get(key) {
        Some(Value::Number(n)) => out.push_str(&n.as_u64().unwrap_or(0).to_string()),
        Some(Value::String(s)) => out.push_str(s),
        Some(Value::Array(a)) => {
            for (i, s) in a.iter().filter_map(Value::as_str).enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(s);
            }
        }
        _ => {}
    }
}

/// What [`fill`] needs besides the template.
struct Vars<'a> {
    issue: &'a Issue,
    lang: Lang,
    council: &'a str,
    n: usize,
    key: &'a str,
    neuter: bool,
    subject: &'static str,
}

/// The text before and after the first `b`, an ASCII byte, found a word
/// at a time: templates run to a hundred bytes and more, and filling them
/// was a tenth of an invalid motion's work.
#[cfg(not(target_arch = "wasm32"))]
fn split_at(s: &str, b: u8) -> Option<(&str, &str)> {
    let i = crate::swar::find_byte(s.as_bytes(), b)?;
    Some((s.get(..i)?, s.get(i + 1..)?))
}

/// In WebAssembly, `str::split_once`: the browser module links it anyway,
/// and the word search would add 0.1 KB to it for no measurable gain.
#[cfg(target_arch = "wasm32")]
fn split_at(s: &str, b: u8) -> Option<(&str, &str)> {
    s.split_once(char::from(b))
}

/// Replaces each `{name}` in a template; unknown names are params.
fn fill(template: &str, v: &Vars, out: &mut String) {
    let mut rest = template;
    while let Some((before, after)) = split_at(rest, b'{') {
        out.push_str(before);
        let Some((name, after)) = split_at(after, b'}') else {
            out.push('{');
            rest = after;
            continue;
        };
        match name {
            "subj" => fill(v.subject, v, out),
            "n" => out.push_str(&v.n.to_string()),
            "key" => out.push_str(v.key),
            "t" if v.neuter => out.push('t'),
            "t" => {}
            "council" => out.push_str(v.council),
            // Swedish genitive: "Uppsala kommuns"; a name that ends in s,
            // x or z takes no extra s ("Borås format").
            "council_genitive" => {
                out.push_str(v.council);
                if !v.council.ends_with(['s', 'x', 'z']) {
                    out.push('s');
                }
            }
            "formats_or" => {
                let or = if v.lang == Lang::Sv {
                    " eller "
                } else {
                    " or "
                };
                let formats = v.issue.params.get("formats").and_then(Value::as_array);
                for (i, f) in formats
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .enumerate()
                {
                    if i > 0 {
                        out.push_str(or);
                    }
                    out.push_str(f);
                }
            }
            "suggestion" => out.push_str(v.issue.suggestion.as_deref().unwrap_or_default()),
            // 0-based indices in params, counted from 1 for people.
            "first" | "index" => {
                let i = v
                    .issue
                    .params
                    .get(name)
                    .and_then(Value::as_u64)
                    .unwrap_or(0);
                out.push_str(&(i + 1).to_string());
            }
            _ => param(v.issue, name, out),
        }
        rest = after;
    }
    out.push_str(rest);
}

/// The sentence for an issue in the given language.
pub(crate) fn message(issue: &Issue, lang: Lang, council: &str) -> String {
    let at = subject_of(&issue.path);
    let template = template(issue.code, (at.0, at.1), issue, lang);
    render(issue, lang, council, template, at)
}

/// The sentence for an issue of the text importer (`import_*` codes).
pub(crate) fn import_message(issue: &Issue, lang: Lang, council: &str) -> String {
    let at = subject_of(&issue.path);
    render(issue, lang, council, import_template(issue, lang), at)
}

fn render(
    issue: &Issue,
    lang: Lang,
    council: &str,
    template: &str,
    (f, n, key): (Subject, usize, &str),
) -> String {
    let (subject, neuter) = subject(f, lang);
    let vars = Vars {
        issue,
        lang,
        council,
        n,
        key,
        neuter,
        subject,
    };
    let mut out = String::with_capacity(96);
    fill(template, &vars, &mut out);
    out
}
