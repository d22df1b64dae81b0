//! Any bytes → `validate_json` never panics and always gives a report
//! whose verdict matches its issues.
#![no_main]

use libfuzzer_sys::fuzz_target;

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
});
