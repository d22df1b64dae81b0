//! The parity corpus (`tests/fixtures/cases/*.json`) and the native
//! reports for it, shared by the native tests and the example that writes
//! `tests/fixtures/corpus.jsonl` (which the WASM tests in Node and in the
//! browser compare against, byte for byte).

use std::fs;
use std::path::Path;

use motion_validator::{Date, Options, Profile, Validator};
use serde_json::{json, Value};

/// One case file, read.
pub struct Case {
    pub file: String,
    pub json: Value,
}

/// Every case, in file-name order.
pub fn load(dir: &Path) -> Vec<Case> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .expect("tests/fixtures/cases exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| Case {
            file: p
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_owned(),
            json: serde_json::from_str(&fs::read_to_string(&p).expect("readable case"))
                .expect("case is JSON"),
        })
        .collect()
}

/// The validator a case asks for.
pub fn validator(case: &Value) -> Validator {
    let o = &case["options"];
    let profile = match &o["profile"] {
        Value::String(name) => Profile::builtin(name).expect("built-in profile"),
        Value::Object(_) => Profile::from_json(&o["profile"].to_string()).expect("inline profile"),
        _ => Profile::default(),
    };
    Validator::new(Options {
        profile,
        lang: o["lang"].as_str().unwrap_or("sv").parse().expect("lang"),
        today: o["today"].as_str().and_then(Date::parse_iso),
        stage: o["stage"]
            .as_str()
            .unwrap_or("submission")
            .parse()
            .expect("stage"),
    })
    .expect("usable options")
}

/// The raw input a case validates: `raw` as is, or the motion as JSON.
pub fn input(case: &Value) -> String {
    match case.get("raw") {
        Some(Value::String(raw)) => raw.clone(),
        _ => case["motion"].to_string(),
    }
}

/// `tests/fixtures/corpus.jsonl`: per case its options, its input and
/// the native report as a JSON string (so its bytes are kept exactly).
pub fn render_jsonl(cases: &[Case]) -> String {
    let mut out = String::new();
    for c in cases {
        let report = validator(&c.json).validate_json(input(&c.json)).to_json();
        let line = json!({
            "file": c.file,
            "options": c.json["options"],
            "input": input(&c.json),
            "raw": c.json.get("raw").is_some(),
            "report": report,
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    out
}
