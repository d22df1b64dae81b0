//! Any text as a profile's JSON → `Profile::from_json` never panics; a
//! profile it accepts compiles, writes itself back out unchanged, and gives
//! a validator whose reports agree with themselves, for the seed motion
//! and for the fuzz text used as a diary number and a party.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use motion_validator::{
    Code, Date, Issue, Lang, Options, PathSegment, Profile, Report, Stage, Validator,
};
use serde_json::Value;

const SEED: &str = include_str!("../../tests/fixtures/seed.json");

fn seed() -> &'static Value {
    static SEED_VALUE: OnceLock<Value> = OnceLock::new();
    SEED_VALUE.get_or_init(|| serde_json::from_str(SEED).unwrap())
}

fn check_issues(issues: &[Issue]) {
    for issue in issues {
        assert!(!issue.message.is_empty(), "{:?} has no message", issue.code);
    }
}

fn check_report(report: &Report) {
    assert_eq!(report.valid, !report.issues.iter().any(|i| i.is_error()));
    assert_eq!(report.normalized.is_some(), report.valid);
    check_issues(&report.issues);
}

/// A spelling the validator reads back as it is: printable ASCII with
/// single spaces (its party check collapses whitespace and applies NFC
/// before matching), and not one of the spellings of partilös.
fn tidy(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty()
        && t.bytes().all(|b| (0x20..0x7f).contains(&b))
        && !t.contains("  ")
        && t != "-"
        && !t.eq_ignore_ascii_case("partilös")
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // The adapters' way in (CLI --profile, JS options): a name or JSON.
    if let Err(e) = Profile::from_name_or_json(&text) {
        assert!(!e.to_string().is_empty());
    }
    let profile = match Profile::from_json(&text) {
        Ok(p) => p,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    // What it accepts, it writes out and reads back the same.
    let again = Profile::from_json(&profile.to_json_pretty()).expect("its own JSON reads back");
    assert_eq!(again, profile);

    let party: Vec<PathSegment> = vec!["signatories".into(), 0.into(), "party".into()];
    let diary: Vec<PathSegment> = vec!["diaryNumber".into()];
    let as_text = Value::String(text.clone().into_owned());
    for (lang, stage) in [
        (Lang::Sv, Stage::Submission),
        (Lang::En, Stage::Registration),
    ] {
        let v = Validator::new(Options {
            profile: profile.clone(),
            lang,
            today: Date::parse_iso("2021-06-01"),
            stage,
        })
        .expect("from_json already compiled it");
        check_report(&v.validate(seed()));
        check_report(&v.validate_json(SEED));
        // The fuzz text as the fields the profile decides on.
        check_issues(&v.validate_field(&diary, &as_text));
        check_issues(&v.validate_field(&party, &as_text));
        // Every tidy spelling of a seated party is accepted as that party.
        for p in &profile.parties {
            for spelling in std::iter::once(&p.code)
                .chain(&p.aliases)
                .chain(std::iter::once(&p.name))
                .filter(|s| tidy(s))
            {
                let issues = v.validate_field(&party, &Value::String(spelling.clone()));
                check_issues(&issues);
                assert!(
                    !issues.iter().any(|i| i.code == Code::PartyUnknown),
                    "{spelling:?} is a spelling of {}",
                    p.code
                );
                assert_eq!(v.profile().party_code(spelling), Some(p.code.as_str()));
            }
        }
        // Each format's example (shown in messages) is read by the profile.
        for f in v.profile().formats() {
            let example = f.example();
            check_issues(&v.validate_field(&diary, &Value::String(example.clone())));
        }
    }
});
