//! A profile is data an operator (or a portal's user) supplies: its size is
//! bounded and compiling it is linear, whatever it holds.

use motion_validator::{Profile, ProfileError, MAX_PARTIES, MAX_PROFILE_BYTES};
use serde_json::json;

fn profile_with_parties(n: usize, aliases: usize) -> serde_json::Value {
    let parties: Vec<_> = (0..n)
        .map(|i| {
            let aliases: Vec<String> = (0..aliases).map(|a| format!("P{i}a{a}")).collect();
            json!({"code": format!("P{i}"), "name": format!("Parti {i}"), "aliases": aliases})
        })
        .collect();
    json!({"name": "ort", "displayName": "Orts kommun", "parties": parties,
           "diaryNumberFormats": ["KS {yyyy}/{n:1-4}"]})
}

#[test]
fn too_many_parties_is_a_clear_error_with_the_path() {
    let err = Profile::from_value(&profile_with_parties(MAX_PARTIES + 1, 0)).unwrap_err();
    assert_eq!(
        err,
        ProfileError::Invalid {
            path: "parties".into(),
            reason: format!("at most {MAX_PARTIES}, found {}", MAX_PARTIES + 1)
        }
    );
    assert_eq!(
        err.to_string(),
        "profile field parties: at most 200, found 201"
    );
    let err = Profile::from_value(&profile_with_parties(3, 21)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "profile field parties[0].aliases: at most 20, found 21"
    );
}

#[test]
fn the_largest_allowed_profile_compiles_and_finds_every_spelling() {
    // 200 parties × 22 spellings: the old linear search did 19 M string
    // comparisons here; a map does it at once. (Correctness, not a clock.)
    let p = Profile::from_value(&profile_with_parties(MAX_PARTIES, 20)).unwrap();
    let c = p.compile().unwrap();
    assert_eq!(c.party_code("p199a19"), Some("P199"));
    assert_eq!(c.party_code("parti 7"), Some("P7"));
    assert_eq!(c.party_code("P0"), Some("P0"));
    assert_eq!(c.party_code("P200"), None);
    // A spelling shared by two parties is still refused.
    let mut v = profile_with_parties(2, 1);
    v["parties"][1]["aliases"][0] = json!("p0A0");
    assert!(Profile::from_value(&v)
        .unwrap_err()
        .to_string()
        .contains("parties[1]"));
}

#[test]
fn oversized_profile_json_is_refused_before_parsing() {
    let text = format!("{{\"name\": \"{}\"}}", "x".repeat(MAX_PROFILE_BYTES));
    let err = Profile::from_json(&text).unwrap_err();
    assert!(err.to_string().contains("too large"), "{err}");
}

#[test]
fn party_spellings_are_tidied_like_what_a_councillor_types() {
    // Found by fuzzing: a profile spelling with two spaces or a decomposed
    // letter was accepted but could never match, even typed exactly.
    let v = json!({"name": "ort", "displayName": "Orts kommun",
        "parties": [{"code": "OP", "name": "Orts  partiet", "aliases": ["Mo\u{0308}te"]}],
        "diaryNumberFormats": ["KS {yyyy}/{n:1-4}"]});
    let c = Profile::from_value(&v).unwrap().compile().unwrap();
    assert_eq!(c.party_code("Orts  partiet"), Some("OP"));
    assert_eq!(c.party_code("orts partiet"), Some("OP"));
    assert_eq!(c.party_code("Möte"), Some("OP"));
    assert_eq!(c.party_code("Mo\u{0308}te"), Some("OP"));
}
