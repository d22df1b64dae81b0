//! The seed: Feministiskt initiativ's motion to Uppsala kommunfullmäktige,
//! KSN-2020-02111, submitted (väckt) 25 May 2020 and answered by the
//! kommunstyrelsen's tjänsteskrivelse of 25 May 2021
//! (`tests/fixtures/seed/KSN-2020-02111.txt`).
// Native only: the WebAssembly build runs the corpus in tests/web.rs.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use motion_validator::{Code, Date, Lang, Options, Profile, Severity, Stage, Validator};
use serde_json::{json, Value};

fn fixtures() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"))
}

fn seed() -> Value {
    let text = std::fs::read_to_string(fixtures().join("seed.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn document() -> String {
    std::fs::read_to_string(fixtures().join("seed/KSN-2020-02111.txt")).unwrap()
}

fn uppsala(today: &str, stage: Stage, lang: Lang) -> Validator {
    Validator::new(Options {
        profile: Profile::builtin("uppsala").unwrap(),
        lang,
        today: Date::parse_iso(today),
        stage,
    })
    .unwrap()
}

#[test]
fn seed_is_valid_under_uppsala_with_no_issues() {
    for lang in [Lang::Sv, Lang::En] {
        let r = uppsala("2021-06-01", Stage::Submission, lang).validate(&seed());
        assert!(r.valid, "{:#?}", r.issues);
        assert!(r.issues.is_empty(), "{:#?}", r.issues);
        let n = serde_json::to_value(r.normalized.unwrap()).unwrap();
        // Stored as it came, except the parties' canonical code.
        let mut expected = seed();
        for s in expected["signatories"].as_array_mut().unwrap() {
            s["party"] = json!("FI");
        }
        assert_eq!(n, expected);
    }
}

#[test]
fn seed_raw_json_is_valid_too() {
    let raw = std::fs::read(fixtures().join("seed.json")).unwrap();
    let r = uppsala("2021-06-01", Stage::Submission, Lang::Sv).validate_json(raw);
    assert!(r.valid && r.issues.is_empty(), "{:#?}", r.issues);
}

#[test]
fn seed_at_registration_is_overdue_by_one_week() {
    let r = uppsala("2021-06-01", Stage::Registration, Lang::Sv).validate(&seed());
    assert!(r.valid, "a warning does not make it invalid");
    assert!(r.normalized.is_some());
    assert_eq!(r.issues.len(), 1, "{:#?}", r.issues);
    let i = &r.issues[0];
    assert_eq!(i.code, Code::AnswerOverdue);
    assert_eq!(i.severity, Severity::Warning);
    assert_eq!(
        serde_json::to_value(&i.path).unwrap(),
        json!(["submittedOn"])
    );
    assert_eq!(i.params["dueOn"], "2021-05-25");
    assert_eq!(i.params["submittedOn"], "2020-05-25");
    assert_eq!(
        i.message,
        "Motionen väcktes 2020-05-25 och borde ha behandlats senast 2021-05-25 (kommunallagen 5 kap. 35 §)."
    );
    // On the day of the tjänsteskrivelse it was still in time.
    let r = uppsala("2021-05-25", Stage::Registration, Lang::Sv).validate(&seed());
    assert!(r.valid && r.issues.is_empty(), "{:#?}", r.issues);
}

#[test]
fn seed_is_faithful_to_the_document() {
    let doc = document();
    // The motion itself is at the end of the file, with names unbroken.
    let (_, motion) = doc.rsplit_once("Motion: ").expect("the motion at the end");
    let m = seed();
    let title = m["title"].as_str().unwrap();
    assert!(motion.starts_with(title), "title not in the document");
    assert!(
        motion.contains(m["body"].as_str().unwrap()),
        "body not in the document"
    );
    for s in m["signatories"].as_array().unwrap() {
        let name = s["name"].as_str().unwrap();
        assert!(
            motion.contains(&format!("{name} (F!)")),
            "{name} (F!) not in the document"
        );
    }
    assert!(doc.contains(m["diaryNumber"].as_str().unwrap()));
    assert!(doc.contains("väckt 25 maj 2020"));
    assert_eq!(
        Date::parse_swedish("25 maj 2020").map(|d| d.to_string()),
        m["submittedOn"].as_str().map(str::to_owned)
    );
    // The document's yrkanden are bullet points without "att"; the fixture
    // holds them as att-satser, exactly what the engine suggests for them.
    let bullets: Vec<&str> = motion
        .lines()
        .filter_map(|l| l.strip_prefix("- "))
        .collect();
    let proposals: Vec<&str> = m["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert_eq!(bullets.len(), proposals.len());
    let v = uppsala("2021-06-01", Stage::Submission, Lang::Sv);
    for (bullet, proposal) in bullets.iter().zip(&proposals) {
        let issues = v.validate_field(&["proposals".into(), 0.into()], &json!(bullet));
        assert_eq!(issues.len(), 1, "{bullet}");
        assert_eq!(issues[0].code, Code::ProposalMissingAtt);
        assert_eq!(issues[0].suggestion.as_deref(), Some(*proposal));
    }
}

#[test]
fn seed_as_pasted_from_the_document_gets_every_fix_offered() {
    // What a councillor pasting from the PDF would submit.
    let doc = document();
    let (_, motion) = doc.rsplit_once("Motion: ").unwrap();
    let mut m = seed();
    m["proposals"] = json!(motion
        .lines()
        .filter_map(|l| l.strip_prefix("- "))
        .collect::<Vec<_>>());
    m["submittedOn"] = json!("25 maj 2020");
    m["diaryNumber"] = json!("ksn 2020 2111");
    let r = uppsala("2021-06-01", Stage::Submission, Lang::Sv).validate(&m);
    let fixes: Vec<(&str, Option<&str>)> = r
        .issues
        .iter()
        .map(|i| (i.code.as_str(), i.suggestion.as_deref()))
        .collect();
    let s = seed();
    assert_eq!(
        fixes,
        [
            ("proposal_missing_att", s["proposals"][0].as_str()),
            ("proposal_missing_att", s["proposals"][1].as_str()),
            ("date_invalid", Some("2020-05-25")),
            ("diary_number_format", Some("KSN-2020-02111")),
        ]
    );
}
