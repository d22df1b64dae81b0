//! The parity corpus: `tests/fixtures/cases/*.json`, one case each.
//!
//! Each case names its options (a built-in profile by name or an inline
//! profile object, language, today, stage), the input (`motion`, any JSON
//! value, or `raw`, the raw text) and what to expect (`valid` and the exact
//! codes in report order). Every case goes through `validate_json`, the
//! raw-input path the WASM package uses, and its whole report is kept as an
//! insta snapshot named after the file, so a change in any message, param
//! or suggestion shows up in review.
//!
//! The WASM parity test reads the same files and compares its report JSON
//! with the native one byte for byte.
// Native only: the WebAssembly build runs the corpus in tests/web.rs.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use motion_validator::{Code, Lang, Options, Profile, Report, Stage, Validator};
use serde_json::Value;

#[path = "support/cases.rs"]
#[allow(dead_code)] // the loader and the native reports are for other tests
mod cases;

struct Case {
    /// The file stem, such as `001-seed-valid-sv`.
    name: String,
    description: String,
    lang: Lang,
    options: Options,
    input: Vec<u8>,
    valid: bool,
    codes: Vec<String>,
}

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cases")
}

fn load(path: &Path) -> Case {
    let name = path.file_stem().unwrap().to_string_lossy().into_owned();
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{name}: {e}"));
    let case: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let field = |k: &str| case.get(k).unwrap_or_else(|| panic!("{name}: no {k:?}"));
    // Every case states each option: no defaults hide in a case.
    for k in ["profile", "lang", "today", "stage"] {
        assert!(
            field("options").get(k).is_some(),
            "{name}: options.{k} is missing"
        );
    }
    let options = cases::options(&case).unwrap_or_else(|e| panic!("{name}: {e}"));
    let lang = options.lang;
    let input = match (case.get("raw"), case.get("motion")) {
        (Some(Value::String(raw)), None) => raw.clone().into_bytes(),
        (None, Some(motion)) => serde_json::to_vec(motion).unwrap(),
        _ => panic!("{name}: give exactly one of \"motion\" and \"raw\" (a string)"),
    };
    let expect = field("expect");
    Case {
        description: field("description").as_str().unwrap_or_default().to_owned(),
        lang,
        options,
        input,
        valid: expect["valid"]
            .as_bool()
            .unwrap_or_else(|| panic!("{name}: expect.valid")),
        codes: expect["codes"]
            .as_array()
            .unwrap_or_else(|| panic!("{name}: expect.codes"))
            .iter()
            .map(|c| c.as_str().unwrap().to_owned())
            .collect(),
        name,
    }
}

fn all_cases() -> Vec<Case> {
    let mut paths: Vec<PathBuf> = fs::read_dir(cases_dir())
        .expect("tests/fixtures/cases")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths.iter().map(|p| load(p)).collect()
}

fn run(case: &Case) -> Report {
    let validator = Validator::new(case.options.clone())
        .unwrap_or_else(|e| panic!("{}: profile: {e}", case.name));
    validator.validate_json(&case.input)
}

#[test]
fn corpus_has_at_least_64_well_named_cases() {
    let cases = all_cases();
    assert!(cases.len() >= 64, "only {} cases", cases.len());
    let mut numbers = BTreeSet::new();
    for c in &cases {
        let (num, rest) = c.name.split_at(3);
        assert!(
            num.bytes().all(|b| b.is_ascii_digit()) && rest.starts_with('-') && rest.len() > 1,
            "{}: name files NNN-short-name.json",
            c.name
        );
        assert!(
            numbers.insert(num.to_owned()),
            "{}: number used twice",
            c.name
        );
        assert!(!c.description.is_empty(), "{}: no description", c.name);
        for code in &c.codes {
            assert!(code.parse::<Code>().is_ok(), "{}: no code {code:?}", c.name);
        }
    }
}

#[test]
fn corpus_reports_match_expectations() {
    let mut failures = Vec::new();
    for case in all_cases() {
        let report = run(&case);
        let codes: Vec<&str> = report.issues.iter().map(|i| i.code.as_str()).collect();
        if report.valid != case.valid || codes != case.codes {
            failures.push(format!(
                "{}: expected valid={} {:?}, got valid={} {:?}",
                case.name, case.valid, case.codes, report.valid, codes
            ));
        }
        // What every report must satisfy whatever the case.
        assert_eq!(
            report.valid,
            !report.issues.iter().any(|i| i.is_error()),
            "{}",
            case.name
        );
        assert_eq!(report.normalized.is_some(), report.valid, "{}", case.name);
        for issue in &report.issues {
            assert!(!issue.message.is_empty(), "{}: empty message", case.name);
            assert_eq!(issue.severity, issue.code.severity(), "{}", case.name);
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn corpus_snapshots() {
    for case in all_cases() {
        let report = run(&case);
        insta::with_settings!({
            description => case.description.as_str(),
            omit_expression => true,
            prepend_module_to_snapshot => false,
            snapshot_path => "snapshots/corpus",
        }, {
            insta::assert_json_snapshot!(case.name.as_str(), report);
        });
    }
}

/// Codes that only the text importer (`parse_motion_text`) produces. They
/// describe a pasted text, not a motion: `validate_json`, which the corpus
/// runs, can never give them, so a corpus case for them could only be
/// fake. `tests/import.rs` covers each of them, in both languages.
fn import_only(code: &str) -> bool {
    code.starts_with("import_")
}

/// A new code without a failing case in both languages fails here.
#[test]
fn corpus_covers_every_code_in_both_languages() {
    let cases = all_cases();
    for lang in [Lang::Sv, Lang::En] {
        let seen: BTreeSet<&str> = cases
            .iter()
            .filter(|c| c.lang == lang)
            .flat_map(|c| c.codes.iter().map(String::as_str))
            .collect();
        let missing: Vec<&str> = Code::ALL
            .iter()
            .map(|c| c.as_str())
            .filter(|c| !seen.contains(c) && !import_only(c))
            .collect();
        assert!(
            missing.is_empty(),
            "no {lang:?} case for {missing:?}; add tests/fixtures/cases/NNN-*.json"
        );
    }
}

#[test]
fn corpus_covers_every_builtin_profile_and_stage() {
    let cases = all_cases();
    for name in Profile::builtin_names() {
        for valid in [true, false] {
            assert!(
                cases
                    .iter()
                    .any(|c| c.options.profile.name == name && c.valid == valid),
                "no {} case under profile {name}",
                if valid { "valid" } else { "invalid" }
            );
        }
    }
    assert!(cases
        .iter()
        .any(|c| c.options.stage == Stage::Registration && c.codes.contains(&"required".into())));
    assert!(cases
        .iter()
        .any(|c| Profile::builtin(&c.options.profile.name).is_err()));
}

/// The corpus's seed case is the fixture itself, not a copy that could drift.
#[test]
fn corpus_seed_case_is_the_fixture() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let seed: Value =
        serde_json::from_str(&fs::read_to_string(dir.join("seed.json")).unwrap()).unwrap();
    let case: Value = serde_json::from_str(
        &fs::read_to_string(dir.join("cases/001-seed-valid-sv.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(case["motion"], seed);
}
