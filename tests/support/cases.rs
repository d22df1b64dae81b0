//! The parity corpus (`tests/fixtures/cases/*.json`) and the native
//! reports for it, shared by the native tests and the example that writes
//! `tests/fixtures/corpus.jsonl` (which the WASM tests in Node and in the
//! browser compare against, byte for byte).

use std::fs;
use std::path::Path;

use motion_validator::{Options, Validator};
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

/// The options a case asks for, read by the engine's one options parser
/// (`Options::from_text`, as the WASM glue and the server read them): a
/// profile's name or an inline profile, lang, today, stage.
pub fn options(case: &Value) -> Result<Options, String> {
    let o = &case["options"];
    let text = |k: &str| match &o[k] {
        Value::String(s) => Ok(s.clone()),
        p @ Value::Object(_) if k == "profile" => Ok(p.to_string()),
        Value::Null => Ok(String::new()),
        other => Err(format!("options.{k} must be a string, not {other}")),
    };
    Options::from_text(
        &text("profile")?,
        &text("lang")?,
        &text("today")?,
        &text("stage")?,
    )
    .map_err(|e| e.to_string())
}

/// The validator a case asks for.
pub fn validator(case: &Value) -> Validator {
    Validator::new(options(case).expect("usable options")).expect("usable profile")
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
