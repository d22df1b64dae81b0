//! Writes `tests/fixtures/corpus.jsonl`: every case of the parity corpus
//! with the native report, which the WASM tests (Node and browser) must
//! reproduce byte for byte. `tests/parity_file.rs` fails when the file is
//! stale, naming this command:
//!
//! ```text
//! cargo run --example corpus_reports
//! ```

#[path = "../tests/support/cases.rs"]
mod cases;

fn main() -> std::io::Result<()> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let all = cases::load(&root.join("tests/fixtures/cases"));
    std::fs::write(
        root.join("tests/fixtures/corpus.jsonl"),
        cases::render_jsonl(&all),
    )?;
    println!("wrote tests/fixtures/corpus.jsonl ({} cases)", all.len());
    Ok(())
}
