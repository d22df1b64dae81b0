//! Any field path (from the first byte) and any value (JSON if the rest
//! parses, else the rest as a string) → `validate_field` never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use motion_validator::PathSegment;

mod common;

fn path(selector: u8) -> Vec<PathSegment> {
    let i = usize::from(selector >> 4);
    let p: &[PathSegment] = &[];
    let mut path = p.to_vec();
    match selector & 0x0f {
        0 => path.push("title".into()),
        1 => path.push("body".into()),
        2 => path.push("proposals".into()),
        3 => path.extend(["proposals".into(), i.into()]),
        4 => path.push("signatories".into()),
        5 => path.extend(["signatories".into(), i.into()]),
        6 => path.extend(["signatories".into(), i.into(), "name".into()]),
        7 => path.extend(["signatories".into(), i.into(), "party".into()]),
        8 => path.push("submittedOn".into()),
        9 => path.push("diaryNumber".into()),
        10 => {}
        11 => path.push("unknown".into()),
        12 => path.extend(["signatories".into(), i.into(), "x".into()]),
        13 => path.extend([i.into(), "title".into()]),
        _ => path.extend(["proposals".into(), "x".into(), i.into()]),
    }
    path
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let value = serde_json::from_slice(rest)
        .unwrap_or_else(|_| serde_json::Value::String(String::from_utf8_lossy(rest).into_owned()));
    let path = path(selector);
    let _ = motion_validator::validate_field(&path, &value);
    for v in common::validators() {
        for issue in v.validate_field(&path, &value) {
            assert!(!issue.message.is_empty());
        }
    }
});
