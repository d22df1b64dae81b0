//! Any bytes → `validate_json` never panics and always gives a report
//! whose verdict matches its issues; and the engine's own JSON reader
//! agrees with serde_json: the same `invalid_json` position for text
//! serde_json refuses, the same report as validating serde_json's value
//! for text it reads (unless a key repeats, which only ours reports).
#![no_main]

use libfuzzer_sys::fuzz_target;
use motion_validator::Code;

mod common;

fuzz_target!(|data: &[u8]| {
    let report = motion_validator::validate_json(data);
    assert_eq!(report.valid, !report.issues.iter().any(|i| i.is_error()));
    for v in common::validators() {
        let report = v.validate_json(data);
        assert_eq!(report.valid, !report.issues.iter().any(|i| i.is_error()));
        assert_eq!(report.normalized.is_some(), report.valid);
        for issue in &report.issues {
            assert!(!issue.message.is_empty());
        }
    }
    if std::str::from_utf8(data).is_err() {
        return; // where a reader of bytes stops is tested in the engine
    }
    let Some(v) = common::validators().first() else {
        return;
    };
    // A byte order mark is skipped by ours, not by serde_json; oversized
    // input never reaches either reader.
    if data.starts_with(b"\xEF\xBB\xBF") || data.len() > 256 * 1024 {
        return;
    }
    let ours = v.validate_json(data);
    match serde_json::from_slice::<serde_json::Value>(data) {
        Ok(value) => {
            if !ours.issues.iter().any(|i| i.code == Code::DuplicateKey) {
                assert_eq!(ours, v.validate(&value), "{:?}", String::from_utf8_lossy(data));
            }
        }
        Err(e) => {
            let issue = &ours.issues[0];
            assert_eq!(issue.code, Code::InvalidJson, "{:?}", String::from_utf8_lossy(data));
            assert_eq!(
                (issue.params["line"].as_u64(), issue.params["column"].as_u64()),
                (Some(e.line() as u64), Some(e.column() as u64)),
                "{:?}",
                String::from_utf8_lossy(data)
            );
        }
    }
});
