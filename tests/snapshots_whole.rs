//! One motion wrong in many ways, validated in Swedish and in English: the
//! whole report as a councillor's form would show it. Review these
//! snapshots as text a person reads, not as data.
// Native only: the WebAssembly build runs the corpus in tests/web.rs.
#![cfg(not(target_arch = "wasm32"))]

use motion_validator::{Date, Lang, Options, Profile, Report, Stage, Validator};
use serde_json::{json, Value};

/// A first draft, pasted from a word processor by someone in a hurry.
fn draft() -> Value {
    json!({
        "title": "<b>CYKELBANOR</b>",
        "body": "Kort.",
        "proposals": [
            "Uppdra till kommunstyrelsen att utreda cykelbanor",
            "att",
            "Uppdra till  Kommunstyrelsen att utreda cykelbanor",
            "att ta bort\u{202E} alla bilar"
        ],
        "signatories": [
            {"name": "Anna", "party": "XYZ"},
            {"name": "Per H0lm", "party": "S"},
            {"name": "anna", "party": "MP", "telefon": "070-123 45 67"},
            {"name": "Eva Berg", "party": 7}
        ],
        "submittedOn": "25 maj 2020",
        "diaryNumber": "ksn 2020 2111",
        "bilaga": "motion.pdf"
    })
}

fn report(lang: Lang) -> Report {
    let v = Validator::new(Options {
        profile: Profile::builtin("uppsala").unwrap(),
        lang,
        today: Date::parse_iso("2021-06-01"),
        stage: Stage::Submission,
    })
    .unwrap();
    v.validate(&draft())
}

/// The messages one per line, as a form lists them, with the fix offered.
fn as_text(r: &Report) -> String {
    r.issues
        .iter()
        .map(|i| {
            let at = serde_json::to_string(&i.path).unwrap();
            let fix = i
                .suggestion
                .as_deref()
                .map(|s| format!("\n    → {s}"))
                .unwrap_or_default();
            format!(
                "{:<7} {at}: {}{fix}",
                format!("{:?}", i.severity),
                i.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn whole_report_in_swedish() {
    let r = report(Lang::Sv);
    assert!(!r.valid);
    insta::assert_snapshot!("whole_report_sv_text", as_text(&r));
    insta::assert_json_snapshot!("whole_report_sv", r);
}

#[test]
fn whole_report_in_english() {
    let r = report(Lang::En);
    assert!(!r.valid);
    insta::assert_snapshot!("whole_report_en_text", as_text(&r));
    insta::assert_json_snapshot!("whole_report_en", r);
}

#[test]
fn both_languages_report_the_same_issues() {
    let (sv, en) = (report(Lang::Sv), report(Lang::En));
    assert_eq!(sv.issues.len(), en.issues.len());
    for (s, e) in sv.issues.iter().zip(&en.issues) {
        assert_eq!(
            (&s.path, s.code, &s.params, &s.suggestion),
            (&e.path, e.code, &e.params, &e.suggestion)
        );
        assert_ne!(s.message, e.message, "{:?} is not translated", s.code);
    }
}
