//! Any text → `parse_motion_text` never panics, every issue points at a
//! line of the text, and what comes out is a motion the validator reads.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let lines = text.split('\n').count() as u64;
    for v in common::validators() {
        let parsed = v.parse_motion_text(&text);
        assert!(parsed.motion.is_object());
        for issue in &parsed.issues {
            let line = issue.params["line"].as_u64().unwrap();
            assert!(line >= 1 && line <= lines, "line {line} of {lines}");
            assert!(!issue.message.is_empty());
        }
        let report = v.validate(&parsed.motion);
        assert_eq!(report.valid, !report.issues.iter().any(|i| i.is_error()));
    }
});
