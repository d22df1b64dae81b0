//! The parity corpus inside WebAssembly: `wasm-pack test --node` and, with
//! `WASM_BINDGEN_USE_BROWSER=1`, `wasm-pack test --headless --chrome`
//! (Debian's chromium), both with `--no-default-features` as the package
//! ships (Unicode from the JS engine). Each case must give exactly the
//! native report stored in `tests/fixtures/corpus.jsonl`.
#![cfg(target_arch = "wasm32")]

#[path = "../../../tests/support/cases.rs"]
#[allow(dead_code)] // the file-reading half is for native tests
mod cases;

use motion_validator::Validator;
use serde_json::Value;
use wasm_bindgen_test::wasm_bindgen_test;

const CORPUS: &str = include_str!("../../../tests/fixtures/corpus.jsonl");

/// The validator a corpus line asks for, after installing the JS engine's
/// Unicode functions as the package does at start-up (a no-op with the
/// `unicode-tables` feature).
fn validator(case: &Value) -> Validator {
    motion_validator_wasm::install_js_unicode_hooks();
    cases::validator(case)
}

#[wasm_bindgen_test]
fn every_case_matches_the_native_report_byte_for_byte() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for line in CORPUS.lines() {
        let case: Value = serde_json::from_str(line).expect("corpus line");
        let input = case["input"].as_str().expect("input");
        let native = case["report"].as_str().expect("report");
        let here = validator(&case).validate_json(input).to_json();
        if here != native {
            failures.push(format!(
                "{}:\n  wasm   {here}\n  native {native}",
                case["file"]
            ));
        }
        checked += 1;
    }
    assert!(checked >= 61, "only {checked} cases");
    assert!(
        failures.is_empty(),
        "{} of {checked} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[wasm_bindgen_test]
fn hostile_input_never_poisons_the_instance() {
    let v =
        validator(&serde_json::json!({"options": {"profile": "uppsala", "today": "2021-06-01"}}));
    for s in [
        "\u{0}",
        "\u{202E}",
        "<script>",
        "{\"",
        "[]",
        "ksn 2020 2111",
        "25 maj 2020",
    ] {
        let motion = serde_json::json!({"title": s, "body": s, "proposals": [s], "signatories": [{"name": s, "party": s}], "submittedOn": s, "diaryNumber": s});
        assert!(!v.validate(&motion).valid);
        let _ = v.validate_json(s);
    }
    let seed = include_str!("../../../tests/fixtures/seed.json");
    assert!(v.validate_json(seed).valid);
}
