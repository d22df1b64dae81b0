//! `validator::Validate` for `Motion` (feature `validator`).
#![cfg(feature = "validator")]

use motion_validator::Motion;
use validator::Validate;

fn seed() -> Motion {
    serde_json::from_str(include_str!("fixtures/seed.json")).expect("seed is a motion")
}

#[test]
fn the_seed_motion_passes() {
    assert!(seed().validate().is_ok());
}

#[test]
fn errors_keep_code_message_path_and_params() {
    let mut m = seed();
    m.signatories[1].party = "XYZ".into();
    m.proposals.push(m.proposals[0].to_uppercase());
    let errors = m.validate().expect_err("two errors");
    let fields = errors.field_errors();
    let party = &fields["signatories"][0];
    assert_eq!(party.code, "party_unknown");
    assert_eq!(
        party.params["path"],
        serde_json::json!(["signatories", 1, "party"])
    );
    assert_eq!(party.params["value"], "XYZ");
    assert!(party.message.as_deref().is_some_and(|s| s.contains("XYZ")));
    assert_eq!(fields["proposals"][0].code, "duplicate");
}
