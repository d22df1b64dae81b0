//! `tests/fixtures/corpus.jsonl` holds the native report of every corpus
//! case; the WASM package must reproduce it byte for byte (in Node and in
//! Chromium). This test keeps the file true to the native engine.

#[path = "support/cases.rs"]
mod cases;

use std::path::Path;

#[test]
fn corpus_jsonl_matches_the_native_engine() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let all = cases::load(&root.join("tests/fixtures/cases"));
    assert!(
        all.len() >= 61,
        "the corpus needs the seed and at least 60 cases, has {}",
        all.len()
    );
    let fresh = cases::render_jsonl(&all);
    let stored =
        std::fs::read_to_string(root.join("tests/fixtures/corpus.jsonl")).unwrap_or_default();
    assert!(
        fresh == stored,
        "tests/fixtures/corpus.jsonl is stale: run `cargo run --example corpus_reports` and review the diff"
    );
}
