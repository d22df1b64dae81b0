//! The places that must change together when a field or a code is added,
//! checked against the engine's own lists (`Field`, `Code::ALL`), so a
//! forgotten one fails here instead of at a user.

use motion_validator::{Code, Field, Issue, Lang, Options, Stage, Validator};

const INDEX_D_TS: &str = include_str!("../js/index.d.ts");

/// The text between `start` and the next `end`.
fn section<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{start} not found"))
        + start.len();
    let rest = &text[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

#[test]
fn index_d_ts_issue_code_is_exactly_the_codes_table() {
    let union = section(INDEX_D_TS, "export type IssueCode =", ";");
    let mut in_ts: Vec<&str> = union
        .split('|')
        .map(|s| s.trim().trim_matches('\''))
        .filter(|s| !s.is_empty())
        .collect();
    let mut in_rust: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    in_ts.sort_unstable();
    in_rust.sort_unstable();
    assert_eq!(
        in_ts, in_rust,
        "js/index.d.ts IssueCode vs the codes! table"
    );
}

#[test]
fn index_d_ts_motion_has_every_field() {
    let motion = section(INDEX_D_TS, "export interface Motion {", "\n}");
    for key in Field::KEYS {
        assert!(
            motion.contains(&format!("\n  {key}:")) || motion.contains(&format!("\n  {key}?:")),
            "js/index.d.ts Motion lacks {key}"
        );
    }
    let signatory = section(INDEX_D_TS, "export interface Signatory {", "\n}");
    for key in Field::SIGNATORY_KEYS {
        assert!(
            signatory.contains(&format!("\n  {key}:")),
            "Signatory lacks {key}"
        );
    }
}

/// Every field of the motion, with an index where it takes one.
fn every_field() -> Vec<Field> {
    let mut fields: Vec<Field> = Field::KEYS
        .iter()
        .filter_map(|k| Field::from_key(k))
        .collect();
    fields.extend([
        Field::Proposal(1),
        Field::Signatory(1),
        Field::Name(1),
        Field::Party(1),
    ]);
    fields
}

#[test]
fn every_field_has_its_own_words_in_both_languages() {
    for lang in [Lang::Sv, Lang::En] {
        // At registration the diary number is required too.
        let stage = Stage::Registration;
        let v = Validator::new(Options {
            lang,
            stage,
            ..Options::default()
        })
        .unwrap();
        for field in every_field() {
            // `required` names each field in its own words; a field the
            // messages do not know falls back to "the field “…”".
            let issues: Vec<Issue> = v.validate_field_at(field, &serde_json::Value::Null);
            let msg = &issues
                .first()
                .unwrap_or_else(|| panic!("{field}: no issue"))
                .message;
            assert!(
                !msg.is_empty() && !msg.contains('{'),
                "{lang:?} {field}: {msg:?}"
            );
            assert!(
                !msg.contains("Fältet") && !msg.contains("The field"),
                "{lang:?} {field} has no words of its own: {msg:?}"
            );
        }
    }
}
