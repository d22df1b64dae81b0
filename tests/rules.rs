//! Every rule through the public API: for each code at least one motion or
//! field that fails it and one that passes, with the issue's path,
//! severity, params and suggestion.
// Native only: the WebAssembly build runs the corpus in tests/web.rs.
#![cfg(not(target_arch = "wasm32"))]

use motion_validator::{
    validate_field, Code, Date, Issue, Lang, Options, Path, PathSegment, Profile, Report, Severity,
    Stage, Validator,
};
use serde_json::{json, Value};

const TODAY: &str = "2021-06-01";

fn validator(profile: &str, lang: Lang, today: &str, stage: Stage) -> Validator {
    Validator::new(Options {
        profile: Profile::builtin(profile).unwrap(),
        lang,
        today: Date::parse_iso(today),
        stage,
    })
    .unwrap()
}

/// Uppsala, Swedish, 2021-06-01, submission: the default of these tests.
fn sv() -> Validator {
    validator("uppsala", Lang::Sv, TODAY, Stage::Submission)
}

fn en() -> Validator {
    validator("uppsala", Lang::En, TODAY, Stage::Submission)
}

fn registration(today: &str) -> Validator {
    validator("uppsala", Lang::Sv, today, Stage::Registration)
}

/// A valid motion with no issues under `sv()`.
fn motion() -> Value {
    json!({
        "title": "Fler cykelbanor i centrum",
        "body": "Cyklister i centrum saknar trygga och sammanhängande cykelbanor året runt.",
        "proposals": ["att uppdra åt gatunämnden att planera nya cykelbanor"],
        "signatories": [{"name": "Anna Svensson", "party": "MP"}],
        "submittedOn": "2021-03-15"
    })
}

/// `motion()` with one key set (a pointer such as `/signatories/0/name`).
fn with(pointer: &str, value: Value) -> Value {
    let mut m = motion();
    *m.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no {pointer} in the motion")) = value;
    m
}

fn without(key: &str) -> Value {
    let mut m = motion();
    m.as_object_mut().unwrap().remove(key);
    m
}

fn path(p: Value) -> Path {
    serde_json::from_value(p).unwrap()
}

fn codes(issues: &[Issue]) -> Vec<&'static str> {
    issues.iter().map(|i| i.code.as_str()).collect()
}

/// The one issue of a report, which must have exactly one.
fn only(report: &Report) -> &Issue {
    assert_eq!(report.issues.len(), 1, "{:#?}", report.issues);
    &report.issues[0]
}

/// Checks an issue's path, code, severity (the code's own) and params.
fn check(issue: &Issue, at: Value, code: Code, params: Value) {
    assert_eq!(issue.path, path(at), "{issue:#?}");
    assert_eq!(issue.code, code, "{issue:#?}");
    assert_eq!(issue.severity, code.severity(), "{issue:#?}");
    assert_eq!(Value::Object(issue.params.clone()), params, "{issue:#?}");
    assert!(!issue.message.is_empty());
}

fn assert_clean(report: &Report) {
    assert!(report.valid, "{:#?}", report.issues);
    assert!(report.issues.is_empty(), "{:#?}", report.issues);
    assert!(report.normalized.is_some());
}

#[test]
fn the_base_motion_is_clean() {
    assert_clean(&sv().validate(&motion()));
    assert_clean(&en().validate(&motion()));
}

#[test]
fn severities_are_fixed_per_code() {
    let warnings: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| c.severity() == Severity::Warning)
        .map(|c| c.as_str())
        .collect();
    assert_eq!(
        warnings,
        [
            "diary_number_year_mismatch",
            "answer_overdue",
            "all_caps",
            "unknown_field",
            "issues_truncated",
            "import_ambiguous",
            "import_names_missing"
        ]
    );
    for code in Code::ALL {
        assert_eq!(code.as_str().parse::<Code>(), Ok(*code));
        assert_eq!(
            serde_json::to_value(code).unwrap(),
            json!(code.as_str()),
            "serialized as its stable name"
        );
    }
}

// --- required -----------------------------------------------------------

#[test]
fn required_fields_missing() {
    let r = sv().validate(&json!({}));
    assert!(!r.valid);
    assert!(r.normalized.is_none());
    let paths: Vec<Path> = r.issues.iter().map(|i| i.path.clone()).collect();
    assert_eq!(
        paths,
        [
            path(json!(["title"])),
            path(json!(["body"])),
            path(json!(["proposals"])),
            path(json!(["signatories"])),
            path(json!(["submittedOn"]))
        ]
    );
    for i in &r.issues {
        check(
            i,
            serde_json::to_value(&i.path).unwrap(),
            Code::Required,
            json!({}),
        );
    }
    assert_eq!(r.issues[0].message, "Skriv en titel.");
}

#[test]
fn required_for_null_blank_and_empty() {
    for (pointer, value, at) in [
        ("/title", json!(null), json!(["title"])),
        ("/title", json!(" \t "), json!(["title"])),
        ("/body", json!(""), json!(["body"])),
        ("/proposals", json!([]), json!(["proposals"])),
        ("/proposals/0", json!("   "), json!(["proposals", 0])),
        ("/signatories", json!([]), json!(["signatories"])),
        ("/signatories/0", json!(null), json!(["signatories", 0])),
        (
            "/signatories/0/name",
            json!(""),
            json!(["signatories", 0, "name"]),
        ),
        (
            "/signatories/0/party",
            json!(" "),
            json!(["signatories", 0, "party"]),
        ),
        ("/submittedOn", json!(""), json!(["submittedOn"])),
    ] {
        let r = sv().validate(&with(pointer, value));
        check(only(&r), at, Code::Required, json!({}));
    }
    for key in ["title", "body", "proposals", "signatories", "submittedOn"] {
        let r = sv().validate(&without(key));
        check(only(&r), json!([key]), Code::Required, json!({}));
    }
    let r = sv().validate(&json!(null));
    check(only(&r), json!([]), Code::Required, json!({}));
    assert_eq!(r.issues[0].message, "Motionen saknas.");
}

#[test]
fn diary_number_required_only_at_registration() {
    assert_clean(&sv().validate(&motion()));
    assert_clean(&sv().validate(&with_diary(json!(null))));
    assert_clean(&sv().validate(&with_diary(json!(""))));
    let r = registration(TODAY).validate(&motion());
    check(only(&r), json!(["diaryNumber"]), Code::Required, json!({}));
    assert_eq!(
        r.issues[0].message,
        "Ange diarienummer. Det krävs när motionen registreras."
    );
    let r = registration(TODAY).validate(&with_diary(json!("  ")));
    check(only(&r), json!(["diaryNumber"]), Code::Required, json!({}));
    assert_clean(&registration(TODAY).validate(&with_diary(json!("KSN-2021-00042"))));
}

fn with_diary(v: Value) -> Value {
    let mut m = motion();
    m["diaryNumber"] = v;
    m
}

// --- invalid_type -------------------------------------------------------

#[test]
fn invalid_type_at_every_field() {
    for (pointer, value, at, expected, actual) in [
        ("/title", json!(42), json!(["title"]), "string", "number"),
        ("/body", json!(true), json!(["body"]), "string", "boolean"),
        (
            "/proposals",
            json!("att x"),
            json!(["proposals"]),
            "array",
            "string",
        ),
        (
            "/proposals/0",
            json!(["att"]),
            json!(["proposals", 0]),
            "string",
            "array",
        ),
        (
            "/signatories",
            json!({}),
            json!(["signatories"]),
            "array",
            "object",
        ),
        (
            "/signatories/0",
            json!("Anna"),
            json!(["signatories", 0]),
            "object",
            "string",
        ),
        (
            "/signatories/0/name",
            json!(1),
            json!(["signatories", 0, "name"]),
            "string",
            "number",
        ),
        (
            "/signatories/0/party",
            json!(false),
            json!(["signatories", 0, "party"]),
            "string",
            "boolean",
        ),
        (
            "/submittedOn",
            json!(20210315),
            json!(["submittedOn"]),
            "string",
            "number",
        ),
    ] {
        let r = sv().validate(&with(pointer, value));
        assert!(!r.valid);
        check(
            only(&r),
            at,
            Code::InvalidType,
            json!({"expected": expected, "actual": actual}),
        );
    }
    let r = sv().validate(&with_diary(json!(2111)));
    check(
        only(&r),
        json!(["diaryNumber"]),
        Code::InvalidType,
        json!({"expected": "string", "actual": "number"}),
    );
}

#[test]
fn invalid_type_for_a_motion_that_is_not_an_object() {
    for (value, actual) in [
        (json!(42), "number"),
        (json!("x"), "string"),
        (json!([]), "array"),
        (json!(true), "boolean"),
    ] {
        let r = en().validate(&value);
        check(
            only(&r),
            json!([]),
            Code::InvalidType,
            json!({"expected": "object", "actual": actual}),
        );
        assert!(r.normalized.is_none());
        assert!(r.issues[0]
            .message
            .starts_with("The motion has the wrong form"));
    }
}

// --- lengths ------------------------------------------------------------

/// `n` characters of Swedish text (å, ä, ö: two bytes each in UTF-8).
fn swedish(n: usize) -> String {
    "åäö".chars().cycle().take(n).collect()
}

#[test]
fn lengths_count_code_points() {
    // 200 characters (400 bytes) is fine; 201 is too long.
    assert_clean(&sv().validate(&with("/title", json!(swedish(200)))));
    let r = sv().validate(&with("/title", json!(swedish(201))));
    check(
        only(&r),
        json!(["title"]),
        Code::TooLong,
        json!({"max": 200, "actual": 201}),
    );
    assert_eq!(
        r.issues[0].message,
        "Titeln är för lång: högst 200 tecken, nu 201."
    );
    // Emoji are one code point each (two UTF-16 units): 10 is enough.
    assert_clean(&sv().validate(&with("/title", json!("🚲".repeat(10)))));
    let r = sv().validate(&with("/title", json!("🚲".repeat(9))));
    check(
        only(&r),
        json!(["title"]),
        Code::TooShort,
        json!({"min": 10, "actual": 9}),
    );
}

#[test]
fn lengths_count_after_nfc() {
    // "å" as a + combining ring: 400 code points in, 200 characters after NFC.
    let nfd = "a\u{30A}".repeat(200);
    let r = sv().validate(&with("/title", json!(nfd)));
    assert_clean(&r);
    assert_eq!(r.normalized.unwrap().title, "å".repeat(200));
    let r = sv().validate(&with("/title", json!("a\u{30A}".repeat(201))));
    check(
        only(&r),
        json!(["title"]),
        Code::TooLong,
        json!({"max": 200, "actual": 201}),
    );
    // Surrounding whitespace does not count.
    let r = sv().validate(&with("/title", json!(format!("   {}   ", swedish(200)))));
    assert_clean(&r);
}

#[test]
fn too_short_and_too_long_per_field() {
    let r = sv().validate(&with("/title", json!("Kort")));
    check(
        only(&r),
        json!(["title"]),
        Code::TooShort,
        json!({"min": 10, "actual": 4}),
    );
    assert_eq!(
        r.issues[0].message,
        "Titeln är för kort: minst 10 tecken, nu 4."
    );
    assert_clean(&sv().validate(&with("/title", json!("Cykelbanor"))));

    let r = sv().validate(&with("/body", json!("x".repeat(49))));
    check(
        only(&r),
        json!(["body"]),
        Code::TooShort,
        json!({"min": 50, "actual": 49}),
    );
    assert_clean(&sv().validate(&with("/body", json!(format!("Cyklar {}", "x".repeat(43))))));
    let r = sv().validate(&with(
        "/body",
        json!(format!("Cyklar {}", "x".repeat(19_994))),
    ));
    check(
        only(&r),
        json!(["body"]),
        Code::TooLong,
        json!({"max": 20_000, "actual": 20_001}),
    );
    assert_clean(&sv().validate(&with(
        "/body",
        json!(format!("Cyklar {}", "x".repeat(19_993))),
    )));

    let r = sv().validate(&with("/proposals/0", json!("att utred")));
    check(
        only(&r),
        json!(["proposals", 0]),
        Code::TooShort,
        json!({"min": 10, "actual": 9}),
    );
    assert_clean(&sv().validate(&with("/proposals/0", json!("att utreda"))));
    let long = format!("att {}", "x".repeat(1_997));
    let r = sv().validate(&with("/proposals/0", json!(long)));
    check(
        only(&r),
        json!(["proposals", 0]),
        Code::TooLong,
        json!({"max": 2_000, "actual": 2_001}),
    );
    assert_clean(&sv().validate(&with("/proposals/0", json!(&long[..2_000]))));

    let name = format!("Anna {}", "ö".repeat(95));
    assert_clean(&sv().validate(&with("/signatories/0/name", json!(name))));
    let r = sv().validate(&with("/signatories/0/name", json!(format!("{name}ö"))));
    check(
        only(&r),
        json!(["signatories", 0, "name"]),
        Code::TooLong,
        json!({"max": 100, "actual": 101}),
    );
    assert_eq!(
        r.issues[0].message,
        "Namnet på undertecknare 1 är för långt: högst 100 tecken, nu 101."
    );
}

// --- too_many -----------------------------------------------------------

/// `n` distinct people with valid names.
fn people(n: usize) -> Value {
    let first = [
        "Anna", "Per", "Eva", "Ola", "Kim", "Åsa", "Emil", "Maja", "Leo", "Ida", "Sven",
    ];
    let last = [
        "Berg", "Holm", "Lind", "Ek", "Ström", "Öberg", "Dahl", "Nord", "Sjö", "Falk",
    ];
    let all: Vec<Value> = last
        .iter()
        .flat_map(|l| {
            first
                .iter()
                .map(move |f| json!({"name": format!("{f} {l}"), "party": "S"}))
        })
        .take(n)
        .collect();
    assert_eq!(all.len(), n);
    Value::Array(all)
}

#[test]
fn too_many_proposals_and_signatories() {
    let proposals = |n: usize| {
        json!((1..=n)
            .map(|i| format!("att utreda fråga {i}"))
            .collect::<Vec<_>>())
    };
    assert_clean(&sv().validate(&with("/proposals", proposals(30))));
    let r = sv().validate(&with("/proposals", proposals(31)));
    check(
        only(&r),
        json!(["proposals"]),
        Code::TooMany,
        json!({"max": 30, "actual": 31}),
    );
    assert_eq!(r.issues[0].message, "För många yrkanden: högst 30, nu 31.");

    assert_clean(&sv().validate(&with("/signatories", people(100))));
    let r = en().validate(&with("/signatories", people(101)));
    check(
        only(&r),
        json!(["signatories"]),
        Code::TooMany,
        json!({"max": 100, "actual": 101}),
    );
    assert_eq!(
        r.issues[0].message,
        "Too many signatories: at most 100, now 101."
    );
}

// --- proposal_missing_att -----------------------------------------------

#[test]
fn proposal_missing_att_with_suggestion() {
    for (text, fixed) in [
        (
            "Uppdra till kommunstyrelsen att utreda frågan",
            "att uppdra till kommunstyrelsen att utreda frågan",
        ),
        (
            "- Uppdra till KS att utreda frågan",
            "att uppdra till KS att utreda frågan",
        ),
        (
            "1. Kostnaderna särredovisas",
            "att kostnaderna särredovisas",
        ),
        (
            "Attityder till cykling ska undersökas",
            "att attityder till cykling ska undersökas",
        ),
    ] {
        let r = sv().validate(&with("/proposals/0", json!(text)));
        let i = only(&r);
        check(
            i,
            json!(["proposals", 0]),
            Code::ProposalMissingAtt,
            json!({}),
        );
        assert_eq!(i.suggestion.as_deref(), Some(fixed), "{text}");
        assert_eq!(i.message, "Yrkandet ska börja med ”att”.");
        // The suggestion itself passes.
        assert_clean(&sv().validate(&with("/proposals/0", json!(fixed))));
    }
}

#[test]
fn att_in_any_case_passes_and_riksdag_needs_none() {
    for text in [
        "att utreda frågan",
        "Att utreda frågan",
        "ATT utreda frågan",
        "att\tutreda frågan",
    ] {
        assert_clean(&sv().validate(&with("/proposals/0", json!(text))));
    }
    let riksdag = validator("riksdag", Lang::Sv, "2022-01-10", Stage::Submission);
    let m = with(
        "/proposals/0",
        json!("Riksdagen ställer sig bakom det som anförs i motionen om cykelvägar och tillkännager detta för regeringen."),
    );
    assert_clean(&riksdag.validate(&m));
    // A bare "att" is too short, not missing its att.
    let r = sv().validate(&with("/proposals/0", json!("Att")));
    check(
        only(&r),
        json!(["proposals", 0]),
        Code::TooShort,
        json!({"min": 10, "actual": 3}),
    );
}

// --- duplicate ----------------------------------------------------------

#[test]
fn duplicate_proposals_ignore_case_and_whitespace_and_land_on_the_later() {
    let m = with(
        "/proposals",
        json!([
            "att utreda frågan vidare",
            "att uppdra åt gatunämnden att planera nya cykelbanor",
            "ATT  Utreda\tfrågan  vidare",
            "att utreda frågan vidare"
        ]),
    );
    let r = sv().validate(&m);
    assert_eq!(codes(&r.issues), ["duplicate", "duplicate"]);
    check(
        &r.issues[0],
        json!(["proposals", 2]),
        Code::Duplicate,
        json!({"first": 0}),
    );
    check(
        &r.issues[1],
        json!(["proposals", 3]),
        Code::Duplicate,
        json!({"first": 0}),
    );
    assert_eq!(r.issues[0].message, "Yrkande 3 är likadant som yrkande 1.");
    // Different proposals pass.
    let m = with(
        "/proposals",
        json!(["att utreda frågan vidare", "att utreda frågan snart"]),
    );
    assert_clean(&sv().validate(&m));
}

#[test]
fn duplicate_signatories_land_on_the_later_name() {
    let m = with(
        "/signatories",
        json!([
            {"name": "Anna Svensson", "party": "MP"},
            {"name": "Per Holm", "party": "S"},
            {"name": " anna   SVENSSON ", "party": "MP"}
        ]),
    );
    let r = en().validate(&m);
    check(
        only(&r),
        json!(["signatories", 2, "name"]),
        Code::Duplicate,
        json!({"first": 0}),
    );
    assert_eq!(
        r.issues[0].message,
        "Signatory 3 is already listed as signatory 1."
    );
    // Same surname, different people.
    let m = with(
        "/signatories",
        json!([{"name": "Anna Svensson", "party": "MP"}, {"name": "Per Svensson", "party": "MP"}]),
    );
    assert_clean(&en().validate(&m));
}

// --- names --------------------------------------------------------------

#[test]
fn name_incomplete() {
    for name in ["Anna", "Svensson", "Anna -", "Anna ."] {
        let r = sv().validate(&with("/signatories/0/name", json!(name)));
        check(
            only(&r),
            json!(["signatories", 0, "name"]),
            Code::NameIncomplete,
            json!({}),
        );
    }
    for name in [
        "Anna Svensson",
        "Anna-Karin Ek",
        "Lars-Erik af Klint",
        "Мария Иванова",
    ] {
        assert_clean(&sv().validate(&with("/signatories/0/name", json!(name))));
    }
}

#[test]
fn name_invalid_chars() {
    for (name, c, cp) in [
        ("Anna Svensson 2", "2", "U+0032"),
        ("Per $vensson", "$", "U+0024"),
        ("Anna Svensson (MP)", "(", "U+0028"),
        ("Anna 🙂 Svensson", "🙂", "U+1F642"),
    ] {
        let r = sv().validate(&with("/signatories/0/name", json!(name)));
        check(
            only(&r),
            json!(["signatories", 0, "name"]),
            Code::NameInvalidChars,
            json!({"char": c, "codePoint": cp}),
        );
    }
    for name in [
        "Zeynep Öztürk-O'Brien",
        "Dr. Ivan Petrov",
        "Ἀλέξανδρος Παπαδόπουλος",
        "Nguyễn Văn An",
        "Anna O\u{2019}Neill",
        // Decomposed (NFD): the combining marks are part of the letters.
        "A\u{30A}sa O\u{308}berg",
    ] {
        assert_clean(&sv().validate(&with("/signatories/0/name", json!(name))));
    }
}

// --- parties ------------------------------------------------------------

#[test]
fn party_aliases_fold_to_the_canonical_code() {
    for (party, code) in [
        ("F!", "FI"),
        ("Fi", "FI"),
        ("fi", "FI"),
        ("FI", "FI"),
        ("Feministiskt initiativ", "FI"),
        ("feministiskt  INITIATIV", "FI"),
        ("-", "-"),
        ("partilös", "-"),
        ("Partilös", "-"),
        ("PARTILÖS", "-"),
        ("FP", "L"),
        ("Miljöpartiet de gröna", "MP"),
        ("Milj\u{6F}\u{308}partiet de gro\u{308}na", "MP"), // NFD
    ] {
        let r = sv().validate(&with("/signatories/0/party", json!(party)));
        assert_clean(&r);
        assert_eq!(r.normalized.unwrap().signatories[0].party, code, "{party}");
    }
}

#[test]
fn party_unknown_lists_the_allowed_codes() {
    let r = sv().validate(&with("/signatories/0/party", json!(" XYZ ")));
    check(
        only(&r),
        json!(["signatories", 0, "party"]),
        Code::PartyUnknown,
        json!({"value": "XYZ", "allowed": ["S", "M", "SD", "C", "V", "KD", "L", "MP", "FI", "-"]}),
    );
    assert_eq!(
        r.issues[0].message,
        "”XYZ” är inget parti i Uppsala kommun. Välj ett av: S, M, SD, C, V, KD, L, MP, FI, - (- betyder partilös)."
    );
    // FI sits in Uppsala but not in Göteborg.
    let g = validator("goteborg", Lang::En, TODAY, Stage::Submission);
    let r = g.validate(&with("/signatories/0/party", json!("F!")));
    assert_eq!(codes(&r.issues), ["party_unknown"]);
    assert_eq!(r.issues[0].params["value"], "F!");
    // A long value is cut in the params (and so in the message).
    let r = sv().validate(&with("/signatories/0/party", json!("X".repeat(1000))));
    assert_eq!(r.issues[0].params["value"], "X".repeat(40));
}

// --- dates --------------------------------------------------------------

#[test]
fn date_invalid_with_and_without_suggestion() {
    let r = sv().validate(&with("/submittedOn", json!("25 maj 2020")));
    let i = only(&r);
    check(
        i,
        json!(["submittedOn"]),
        Code::DateInvalid,
        json!({"value": "25 maj 2020"}),
    );
    assert_eq!(i.suggestion.as_deref(), Some("2020-05-25"));
    assert_eq!(
        i.message,
        "”25 maj 2020” är inte skrivet som ÅÅÅÅ-MM-DD. Menar du 2020-05-25?"
    );
    for (text, fixed) in [
        ("den 25 maj 2020", "2020-05-25"),
        ("25/5 2020", "2020-05-25"),
        ("2020/05/25", "2020-05-25"),
        ("20200525", "2020-05-25"),
        ("3 okt. 2020", "2020-10-03"),
        ("2021-3-15", "2021-03-15"),
    ] {
        let r = sv().validate(&with("/submittedOn", json!(text)));
        assert_eq!(only(&r).suggestion.as_deref(), Some(fixed), "{text}");
    }
    for text in [
        "2021-02-29",
        "2021-13-01",
        "i maj",
        "igår",
        "2021-03-15T10:00",
    ] {
        let r = en().validate(&with("/submittedOn", json!(text)));
        let i = only(&r);
        check(
            i,
            json!(["submittedOn"]),
            Code::DateInvalid,
            json!({"value": text}),
        );
        assert_eq!(i.suggestion, None, "{text}");
    }
    // A leap day is a date; surrounding spaces are trimmed.
    assert_clean(&sv().validate(&with("/submittedOn", json!("2020-02-29"))));
    let r = sv().validate(&with("/submittedOn", json!(" 2021-03-15 ")));
    assert_clean(&r);
    assert_eq!(r.normalized.unwrap().submitted_on, "2021-03-15");
}

#[test]
fn date_in_future() {
    let r = sv().validate(&with("/submittedOn", json!("2021-06-02")));
    check(
        only(&r),
        json!(["submittedOn"]),
        Code::DateInFuture,
        json!({"value": "2021-06-02", "today": "2021-06-01"}),
    );
    assert_clean(&sv().validate(&with("/submittedOn", json!("2021-06-01"))));
}

#[test]
fn date_too_early_before_the_profiles_earliest_day() {
    // Real calendar dates, but no motion to a council of today's
    // municipalities (1971) can be this old.
    for (text, lang) in [("1900-01-01", Lang::Sv), ("0025-12-01", Lang::En)] {
        let v = validator("uppsala", lang, TODAY, Stage::Submission);
        let r = v.validate(&with("/submittedOn", json!(text)));
        check(
            only(&r),
            json!(["submittedOn"]),
            Code::DateTooEarly,
            json!({"value": text, "earliest": "1971-01-01"}),
        );
        assert!(!r.valid);
    }
    let r = sv().validate(&with("/submittedOn", json!("1970-12-31")));
    assert_eq!(
        only(&r).message,
        "Datumet 1970-12-31 är för tidigt: motioner till Uppsala kommun kan inte vara väckta före 1971-01-01."
    );
    let r = validator("riksdag", Lang::En, TODAY, Stage::Submission)
        .validate_field(&["submittedOn".into()], &json!("1970-06-01"));
    assert_eq!(
        r[0].message,
        "The date 1970-06-01 is too early: motions to Sveriges riksdag cannot have been submitted before 1971-01-01."
    );
    // The day itself and every built-in profile's default.
    assert_clean(&sv().validate(&with("/submittedOn", json!("1971-01-01"))));
    for name in Profile::builtin_names() {
        let p = Profile::builtin(name).unwrap();
        assert_eq!(
            p.limits.earliest_submission.to_string(),
            "1971-01-01",
            "{name}"
        );
    }
}

#[test]
fn date_too_early_follows_the_profiles_limit() {
    let mut profile = Profile::builtin("uppsala").unwrap();
    profile.limits.earliest_submission = Date::parse_iso("2019-01-01").unwrap();
    let v = Validator::new(Options {
        profile,
        today: Date::parse_iso(TODAY),
        ..Options::default()
    })
    .unwrap();
    let r = v.validate(&with("/submittedOn", json!("2018-12-31")));
    check(
        only(&r),
        json!(["submittedOn"]),
        Code::DateTooEarly,
        json!({"value": "2018-12-31", "earliest": "2019-01-01"}),
    );
    assert_clean(&v.validate(&with("/submittedOn", json!("2019-01-01"))));
    // As JSON, with the path of a mistake.
    let own = |earliest: Value| {
        Profile::from_value(
            &json!({"name": "ort", "displayName": "Orts kommun", "parties": [],
            "diaryNumberFormats": ["KS {yyyy}/{n}"], "limits": {"earliestSubmission": earliest}}),
        )
    };
    assert_eq!(
        own(json!("1863-03-21"))
            .unwrap()
            .limits
            .earliest_submission
            .to_string(),
        "1863-03-21"
    );
    for bad in [json!("21 mars 1863"), json!(1863)] {
        let err = own(bad).unwrap_err().to_string();
        assert!(
            err.starts_with("profile field limits.earliestSubmission: "),
            "{err}"
        );
    }
}

#[test]
fn answer_overdue_only_at_registration_after_one_year() {
    let m = {
        let mut m = with("/submittedOn", json!("2020-02-29"));
        m["diaryNumber"] = json!("KSN-2020-00123");
        m
    };
    // 29 February 2020 is due on 28 February 2021.
    assert_clean(&registration("2021-02-28").validate(&m));
    let r = registration("2021-03-01").validate(&m);
    assert!(r.valid, "a warning only");
    assert!(r.normalized.is_some());
    check(
        only(&r),
        json!(["submittedOn"]),
        Code::AnswerOverdue,
        json!({"submittedOn": "2020-02-29", "dueOn": "2021-02-28"}),
    );
    assert_eq!(
        r.issues[0].message,
        "Motionen väcktes 2020-02-29 och borde ha behandlats senast 2021-02-28 (kommunallagen 5 kap. 35 §)."
    );
    // Never at submission.
    assert_clean(&validator("uppsala", Lang::Sv, "2022-01-01", Stage::Submission).validate(&m));
}

// --- diary numbers ------------------------------------------------------

#[test]
fn diary_number_format_with_suggestion() {
    let r = sv().validate(&with_diary(json!("ksn 2020 2111")));
    let i = only(&r);
    check(
        i,
        json!(["diaryNumber"]),
        Code::DiaryNumberFormat,
        json!({"value": "ksn 2020 2111", "formats": ["KSN-2024-00123", "KSN-2024-0123"]}),
    );
    assert_eq!(i.suggestion.as_deref(), Some("KSN-2020-02111"));
    let r = sv().validate(&with_diary(json!("KSN/2020")));
    assert_eq!(only(&r).suggestion, None);
    let r = validator("lund", Lang::En, TODAY, Stage::Submission)
        .validate(&with_diary(json!("KSN-2021-00042")));
    check(
        only(&r),
        json!(["diaryNumber"]),
        Code::DiaryNumberFormat,
        json!({"value": "KSN-2021-00042", "formats": ["KS 2024/0123"]}),
    );
    let r = validator("goteborg", Lang::Sv, TODAY, Stage::Submission)
        .validate(&with_diary(json!("263-21")));
    assert_eq!(only(&r).suggestion.as_deref(), Some("0263/21"));
}

#[test]
fn diary_numbers_of_every_builtin_profile_pass() {
    for (profile, number, submitted, canonical) in [
        ("uppsala", "KSN-2020-02111", "2020-05-25", "KSN-2020-02111"),
        ("uppsala", "ksn-2020-02111", "2020-05-25", "KSN-2020-02111"),
        ("uppsala", "KSN-2014-0604", "2014-03-10", "KSN-2014-0604"),
        ("lund", "KS 2017/0996", "2017-10-02", "KS 2017/0996"),
        ("lund", "ks  2017/0996", "2017-10-02", "KS 2017/0996"),
        ("goteborg", "0263/20", "2020-03-10", "0263/20"),
        ("riksdag", "2020/21:4102", "2020-10-05", "2020/21:4102"),
    ] {
        let v = validator(profile, Lang::Sv, TODAY, Stage::Registration);
        let mut m = with("/submittedOn", json!(submitted));
        m["diaryNumber"] = json!(number);
        if profile == "goteborg" || profile == "riksdag" {
            m["signatories"][0]["party"] = json!("S");
        }
        if profile == "riksdag" {
            m["proposals"][0] = json!("Riksdagen ställer sig bakom det som anförs i motionen.");
        }
        let r = v.validate(&m);
        // Registration long after submission: only the deadline warning.
        assert!(
            r.issues.iter().all(|i| i.code == Code::AnswerOverdue),
            "{profile} {number}: {:#?}",
            r.issues
        );
        assert_eq!(
            r.normalized.unwrap().diary_number.as_deref(),
            Some(canonical)
        );
    }
}

#[test]
fn two_digit_years_are_the_latest_not_after_this_year() {
    // Göteborg's {yy}: a registrar reads 99 in 2026 as 1999.
    let v = |today: &str| validator("goteborg", Lang::Sv, today, Stage::Registration);
    let motion = |number: &str, submitted: &str| {
        let mut m = with("/submittedOn", json!(submitted));
        m["diaryNumber"] = json!(number);
        m["signatories"][0]["party"] = json!("S");
        m
    };
    for (number, submitted, today) in [
        ("0263/99", "1999-05-12", "2026-01-10"),
        ("0263/20", "2020-03-10", "2026-01-10"),
        ("0263/27", "1927-05-12", "2026-01-10"),
        ("0263/26", "2026-01-05", "2026-01-10"),
    ] {
        let r = v(today).validate(&motion(number, submitted));
        // Only the deadline warning when it is long past, or the 1971 limit
        // for 1927: never a year in the future or a mismatch.
        assert!(
            r.issues
                .iter()
                .all(|i| matches!(i.code, Code::AnswerOverdue | Code::DateTooEarly)),
            "{number}: {:#?}",
            r.issues
        );
    }
    let c = Profile::builtin("goteborg").unwrap().compile().unwrap();
    let year = |number: &str, today: &str| {
        c.parse_diary_number_as_of(number, Date::parse_iso(today))
            .map(|n| n.year)
    };
    assert_eq!(year("0263/99", "2026-01-10"), Some(1999));
    assert_eq!(year("0263/20", "2026-01-10"), Some(2020));
    assert_eq!(year("0263/27", "2026-01-10"), Some(1927));
    assert_eq!(year("0263/26", "2026-12-31"), Some(2026));
    assert_eq!(year("0263/00", "2099-06-01"), Some(2000));
    // A year read back the same way is a year of the past: the mismatch
    // with a submission date says what is wrong, never "in the future".
    let r = v("2026-01-10").validate(&motion("0263/99", "2025-05-12"));
    check(
        &r.issues[0],
        json!(["diaryNumber"]),
        Code::DiaryNumberYearMismatch,
        json!({"year": 1999, "submittedYear": 2025}),
    );
    // The suggestion for a loosely written number reads the year the same.
    let r = v("2026-01-10").validate(&motion("263-99", "1999-05-12"));
    assert_eq!(
        r.issues
            .iter()
            .find(|i| i.code == Code::DiaryNumberFormat)
            .and_then(|i| i.suggestion.as_deref()),
        Some("0263/99")
    );
}

#[test]
fn riksdag_numbers_with_and_without_committee_letters() {
    let v = validator("riksdag", Lang::Sv, "2026-01-10", Stage::Registration);
    let m = |number: &str, submitted: &str| {
        let mut m = with("/submittedOn", json!(submitted));
        m["diaryNumber"] = json!(number);
        m["proposals"][0] = json!("Riksdagen ställer sig bakom det som anförs i motionen.");
        m
    };
    // Before 2006/07 the committee's letters stand before the number.
    for (number, submitted) in [
        ("1988/89:K633", "1989-01-25"),
        ("2004/05:K324", "2004-10-05"),
        ("2005/06:So467", "2005-10-04"),
        ("1988/89:T244", "1989-01-24"),
        ("2021/22:4102", "2021-10-05"),
    ] {
        let r = v.validate(&m(number, submitted));
        assert!(
            r.issues.iter().all(|i| i.code == Code::AnswerOverdue),
            "{number}: {:#?}",
            r.issues
        );
        assert_eq!(r.normalized.unwrap().diary_number.as_deref(), Some(number));
    }
    // Letters kept as written; runs of spaces are one, as everywhere.
    let c = Profile::builtin("riksdag").unwrap().compile().unwrap();
    let n = c.parse_diary_number("2005/06:So467").unwrap();
    assert_eq!(
        (n.year, n.last_year, n.sequence, n.letters.as_str()),
        (2005, 2006, 467, "So")
    );
    assert_eq!(c.parse_diary_number("2021/22:4102").unwrap().letters, "");
    // Malformed: four letters, letters after the digits, a space inside,
    // a digit among the letters, a riksmöte that is not one.
    for bad in [
        "1988/89:Konst633",
        "1988/89:633K",
        "1988/89:K 633",
        "1988/89:K6K33",
        "1988/90:K633",
        "1988/89:K",
        "1988/89:",
        "1988/89K633",
    ] {
        let r = v.validate_field(&["diaryNumber".into()], &json!(bad));
        assert_eq!(codes(&r), ["diary_number_format"], "{bad}");
    }
    // A loosely written one is repaired with its letters.
    let r = v.validate_field(&["diaryNumber".into()], &json!("1988-89 K 633"));
    assert_eq!(r[0].suggestion.as_deref(), Some("1988/89:K633"));
}

#[test]
fn every_builtin_profile_has_a_real_example_that_parses() {
    for name in Profile::builtin_names() {
        let p = Profile::builtin(name).unwrap();
        let example = p
            .example
            .clone()
            .unwrap_or_else(|| panic!("{name}: no example"));
        let c = p.compile().unwrap();
        let n = c
            .parse_diary_number(&example.diary_number)
            .unwrap_or_else(|| panic!("{name}: {} does not parse", example.diary_number));
        assert_eq!(
            n.canonical, example.diary_number,
            "{name}: canonical as written"
        );
        // Its year is no later than its motion's, and no motion is too early.
        if let Some(d) = example.submitted_on {
            assert!(d.year() >= n.year && d.year() <= n.last_year, "{name}");
            assert!(d >= p.limits.earliest_submission, "{name}");
        }
        // Sources, where given, name a fact and a public page.
        for s in &p.sources {
            assert!(!s.fact.is_empty(), "{name}");
            assert!(
                s.url.starts_with("https://") || s.url.starts_with("http://"),
                "{name}: {}",
                s.url
            );
        }
        // And the profile goes through its JSON and back unchanged.
        assert_eq!(
            Profile::from_json(&p.to_json_pretty()).unwrap(),
            p,
            "{name}"
        );
    }
}

/// The researched Umeå profile (docs/profiles/, not built in: its numbers
/// are motion numbers, not diarienummer) stays a readable profile.
#[test]
fn researched_profile_with_sources_reads() {
    let p = Profile::from_json(include_str!("../docs/profiles/umea.json")).unwrap();
    assert!(Profile::builtin(&p.name).is_err(), "umea is not built in");
    let example = p.example.as_ref().unwrap();
    let c = p.compile().unwrap();
    assert_eq!(
        c.parse_diary_number(&example.diary_number).map(|n| n.year),
        Some(2023)
    );
    assert!(p.sources.iter().all(|s| s.url.starts_with("https://")));
    assert_eq!(Profile::from_json(&p.to_json_pretty()).unwrap(), p);
}

#[test]
fn profile_example_and_sources_are_read_with_paths() {
    let base = || {
        json!({"name": "ort", "displayName": "Orts kommun", "parties": [],
            "diaryNumberFormats": ["KS {yyyy}/{n:1-4}"]})
    };
    let read = |key: &str, v: Value| {
        let mut p = base();
        p[key] = v;
        Profile::from_value(&p)
    };
    let p = read(
        "example",
        json!({"diaryNumber": "KS 2017/0996", "submittedOn": "2017-10-02", "title": "Ett bad"}),
    )
    .unwrap();
    let e = p.example.as_ref().unwrap();
    assert_eq!(
        (
            e.diary_number.as_str(),
            e.submitted_on.map(|d| d.to_string()),
            e.title.as_deref()
        ),
        ("KS 2017/0996", Some("2017-10-02".into()), Some("Ett bad"))
    );
    assert_eq!(Profile::from_json(&p.to_json_pretty()).unwrap(), p);
    let p = read(
        "sources",
        json!([{"fact": "parties", "url": "https://example.org/kf"},
               {"fact": "example", "url": "https://example.org/dnr", "title": "T", "note": "N"}]),
    )
    .unwrap();
    assert_eq!(p.sources.len(), 2);
    assert_eq!(p.sources[1].note.as_deref(), Some("N"));
    assert_eq!(Profile::from_json(&p.to_json_pretty()).unwrap(), p);
    for (key, v, path) in [
        (
            "example",
            json!({"diaryNumber": "KSN-2020-02111"}),
            "example.diaryNumber",
        ),
        (
            "example",
            json!({"diaryNumber": 2017}),
            "example.diaryNumber",
        ),
        ("example", json!({}), "example.diaryNumber"),
        (
            "example",
            json!({"diaryNumber": "KS 2017/0996", "submittedOn": "igår"}),
            "example.submittedOn",
        ),
        (
            "example",
            json!({"diaryNumber": "KS 2017/0996", "dnr": "x"}),
            "example.dnr",
        ),
        ("example", json!("KS 2017/0996"), "example"),
        ("sources", json!({}), "sources"),
        ("sources", json!([{"fact": "parties"}]), "sources[0].url"),
        (
            "sources",
            json!([{"fact": "parties", "url": "u", "page": 3}]),
            "sources[0].page",
        ),
        (
            "sources",
            json!([{"fact": "parties", "url": "u", "note": 3}]),
            "sources[0].note",
        ),
    ] {
        let err = read(key, v).unwrap_err().to_string();
        assert!(err.starts_with(&format!("profile field {path}: ")), "{err}");
    }
}

#[test]
fn diary_number_year_after_today() {
    let r = sv().validate(&with_diary(json!("KSN-2022-00001")));
    check(
        only(&r),
        json!(["diaryNumber"]),
        Code::DiaryNumberYear,
        json!({"year": 2022}),
    );
    assert!(!r.valid);
    assert_clean(&sv().validate(&with_diary(json!("KSN-2021-00001"))));
}

#[test]
fn diary_number_year_mismatch_is_a_warning() {
    let r = sv().validate(&with_diary(json!("KSN-2020-02111")));
    assert!(r.valid);
    check(
        only(&r),
        json!(["diaryNumber"]),
        Code::DiaryNumberYearMismatch,
        json!({"year": 2020, "submittedYear": 2021}),
    );
    assert_eq!(r.issues[0].severity, Severity::Warning);
    assert_eq!(
        r.normalized.unwrap().diary_number.as_deref(),
        Some("KSN-2020-02111")
    );
}

#[test]
fn riksdag_session_covers_two_years() {
    let v = validator("riksdag", Lang::En, "2023-06-01", Stage::Submission);
    let m = |submitted: &str| {
        let mut m = with("/submittedOn", json!(submitted));
        m["diaryNumber"] = json!("2021/22:4102");
        m["proposals"][0] = json!("Riksdagen ställer sig bakom det som anförs i motionen.");
        m
    };
    assert_clean(&v.validate(&m("2021-10-05")));
    assert_clean(&v.validate(&m("2022-01-05")));
    let r = v.validate(&m("2023-01-05"));
    check(
        only(&r),
        json!(["diaryNumber"]),
        Code::DiaryNumberYearMismatch,
        json!({"year": 2021, "submittedYear": 2023}),
    );
    let r = v.validate(&m("2020-12-01"));
    assert_eq!(codes(&r.issues), ["diary_number_year_mismatch"]);
}

// --- characters ---------------------------------------------------------

#[test]
fn forbidden_characters() {
    let bell = format!(
        "{}\u{7}",
        "Cyklister saknar cykelbanor i centrum året runt, säger de."
    );
    let rli = format!(
        "\u{2067}{}",
        "Cyklister saknar cykelbanor i centrum året runt, säger de."
    );
    for (pointer, text, at, cp, index) in [
        (
            "/title",
            "Fler\u{202E} cykelbanor",
            json!(["title"]),
            "U+202E",
            4,
        ),
        (
            "/title",
            "Fler\tcykelbanor i centrum",
            json!(["title"]),
            "U+0009",
            4,
        ),
        (
            "/title",
            "Fler\u{200B}cykelbanor i centrum",
            json!(["title"]),
            "U+200B",
            4,
        ),
        ("/body", bell.as_str(), json!(["body"]), "U+0007", 58),
        ("/body", rli.as_str(), json!(["body"]), "U+2067", 0),
        (
            "/proposals/0",
            "att uppdra åt \u{2066}gatunämnden\u{2069}",
            json!(["proposals", 0]),
            "U+2066",
            14,
        ),
        (
            "/signatories/0/name",
            "Anna Sve\u{200B}nsson",
            json!(["signatories", 0, "name"]),
            "U+200B",
            8,
        ),
        (
            "/signatories/0/name",
            "Anna \u{FEFF}Svensson",
            json!(["signatories", 0, "name"]),
            "U+FEFF",
            5,
        ),
    ] {
        let r = sv().validate(&with(pointer, json!(text)));
        check(
            only(&r),
            at,
            Code::ForbiddenCharacters,
            json!({"char": cp, "index": index}),
        );
    }
    // Tabs and newlines are fine in the body and proposals, and so are
    // zero-width joiners (emoji sequences) there.
    let m = with(
        "/body",
        json!("Cyklister i centrum\tsaknar trygga\r\ncykelbanor 👩\u{200D}👧 året runt.\n\nHela året."),
    );
    let r = sv().validate(&m);
    assert_clean(&r);
    assert_eq!(
        r.normalized.unwrap().body,
        "Cyklister i centrum\tsaknar trygga\ncykelbanor 👩\u{200D}👧 året runt.\n\nHela året."
    );
    assert_clean(&sv().validate(&with(
        "/proposals/0",
        json!("att uppdra åt gatunämnden\natt planera"),
    )));
}

#[test]
fn markup_not_allowed() {
    let r = sv().validate(&with(
        "/title",
        json!("<img src=x onerror=alert(1)> Cykelbanor"),
    ));
    check(
        only(&r),
        json!(["title"]),
        Code::MarkupNotAllowed,
        json!({"tag": "<img src=x onerror=alert(1)>"}),
    );
    for (pointer, text, tag) in [
        (
            "/body",
            "Cyklister i <b>centrum</b> saknar trygga och sammanhängande cykelbanor.",
            "<b>",
        ),
        (
            "/proposals/0",
            "att uppdra <!-- dold --> åt gatunämnden",
            "<!-- dold -->",
        ),
        ("/signatories/0/name", "<i>Anna</i> Svensson", "<i>"),
    ] {
        let r = en().validate(&with(pointer, json!(text)));
        // In a name the tag's < and > are not reported again.
        assert_eq!(codes(&r.issues), ["markup_not_allowed"], "{text}");
        assert_eq!(r.issues[0].params["tag"], tag);
    }
    let m = with(
        "/body",
        json!("Kostnaden blir < 5 mnkr och nyttan > 10 mnkr, så 3<4 och a <= b gäller."),
    );
    assert_clean(&sv().validate(&m));
}

#[test]
fn all_caps_counts_swedish_capitals() {
    let r = sv().validate(&with("/title", json!("ÅTGÄRDA ÖVERGÅNGSSTÄLLEN")));
    assert!(r.valid, "a warning only");
    check(only(&r), json!(["title"]), Code::AllCaps, json!({}));
    assert_eq!(r.issues[0].severity, Severity::Warning);
    // Nothing but Å, Ä and Ö: no [A-Z] at all, still capitals.
    let r = sv().validate(&with("/title", json!("ÅÄÖ ÅÄÖ ÅÄÖ")));
    check(only(&r), json!(["title"]), Code::AllCaps, json!({}));
    let r = en().validate(&with(
        "/body",
        json!("CYKLISTER I CENTRUM SAKNAR TRYGGA CYKELBANOR ÅRET RUNT."),
    ));
    check(only(&r), json!(["body"]), Code::AllCaps, json!({}));
    for title in [
        "Åtgärda övergångsställen",
        "Uppdrag till KS och GSN om cykelbanor",
        "KS OCH SD 2021",
    ] {
        assert_clean(&sv().validate(&with("/title", json!(title))));
    }
}

// --- unknown_field ------------------------------------------------------

#[test]
fn unknown_fields_are_warnings_and_not_stored() {
    let mut m = motion();
    m["author"] = json!("Anna");
    m["signatories"][0]["email"] = json!("anna@example.se");
    let r = sv().validate(&m);
    assert!(r.valid);
    assert_eq!(r.issues.len(), 2);
    check(
        &r.issues[0],
        json!(["signatories", 0, "email"]),
        Code::UnknownField,
        json!({"field": "email"}),
    );
    check(
        &r.issues[1],
        json!(["author"]),
        Code::UnknownField,
        json!({"field": "author"}),
    );
    let stored = serde_json::to_value(r.normalized.unwrap()).unwrap();
    assert_eq!(stored.get("author"), None);
    assert_eq!(stored["signatories"][0].get("email"), None);
}

#[test]
fn unknown_fields_come_in_sorted_order_from_text_and_from_values() {
    // Written z before a: reported a before z, from JSON text as from a
    // parsed value (whose objects are sorted), so both give one report.
    let text = r#"{"zeta":1,"title":"Fler cykelbanor i centrum","alpha":2,"mid":3,
        "body":"Cyklister i centrum saknar trygga och sammanhängande cykelbanor året runt.",
        "proposals":["att uppdra åt gatunämnden att planera nya cykelbanor"],
        "signatories":[{"party":"MP","x":1,"name":"Anna Svensson","b":2}],"submittedOn":"2021-03-15"}"#;
    let from_text = sv().validate_json(text);
    let fields: Vec<_> = from_text
        .issues
        .iter()
        .map(|i| i.params["field"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(fields, ["b", "x", "alpha", "mid", "zeta"]);
    let value: serde_json::Value = serde_json::from_str(text).unwrap();
    assert_eq!(from_text, sv().validate(&value));
}

// --- duplicate_key --------------------------------------------------------

#[test]
fn a_key_given_twice_is_an_error_with_its_path() {
    let raw = r#"{"title":"<script>x</script>","body":"Cyklister i centrum saknar trygga och sammanhängande cykelbanor året runt.",
        "proposals":["att uppdra åt gatunämnden att planera nya cykelbanor"],
        "signatories":[{"name":"Anna Svensson","party":"MP","party":"S"}],
        "submittedOn":"2021-03-15","title":"Fler cykelbanor i centrum"}"#;
    let r = sv().validate_json(raw);
    assert!(!r.valid);
    assert_eq!(codes(&r.issues), ["duplicate_key", "duplicate_key"]);
    check(
        &r.issues[0],
        json!(["signatories", 0, "party"]),
        Code::DuplicateKey,
        json!({"field": "party"}),
    );
    check(
        &r.issues[1],
        json!(["title"]),
        Code::DuplicateKey,
        json!({"field": "title"}),
    );
    // Each key once: clean.
    assert_clean(&sv().validate_json(serde_json::to_vec(&motion()).unwrap()));
}

// --- bounded reports -----------------------------------------------------

#[test]
fn a_list_past_its_limit_is_not_checked_item_by_item() {
    // 500 000 items in about 1 MB: once `too_many` is said, the items past
    // the limit add nothing (the report stays small).
    let mut raw = String::from(r#"{"proposals":["#);
    raw.push_str(&vec!["0"; 500_000].join(","));
    raw.push_str("]}");
    assert!(raw.len() <= 1 << 20);
    let r = sv().validate_json(&raw);
    assert!(!r.valid);
    assert!(
        r.issues.len() <= motion_validator::MAX_ISSUES + 1,
        "{}",
        r.issues.len()
    );
    let too_many = r.issues.iter().find(|i| i.code == Code::TooMany).unwrap();
    assert_eq!(too_many.params["actual"], 500_000);
    // Only the first 30 (the limit) were checked one by one.
    let item_issues = r.issues.iter().filter(|i| i.path.len() == 2).count();
    assert_eq!(item_issues, 30);
    assert!(r.to_json().len() < 20_000, "{} bytes", r.to_json().len());
}

#[test]
fn a_report_carries_at_most_max_issues_and_says_how_many_more() {
    let mut m = motion();
    for i in 0..250 {
        m[format!("extra{i}")] = json!(i);
    }
    let r = en().validate(&m);
    assert_eq!(r.issues.len(), motion_validator::MAX_ISSUES + 1);
    let last = r.issues.last().unwrap();
    check(
        last,
        json!([]),
        Code::IssuesTruncated,
        json!({"max": 100, "omitted": 150, "omittedErrors": 0}),
    );
    assert_eq!(
        last.message,
        "150 more problems are not shown (at most 100 are shown). Fix those shown and check again."
    );
    // Only warnings: still valid. An error past the cap still counts.
    assert!(r.valid);
    let mut raw = serde_json::to_string(&m).unwrap();
    raw.pop();
    raw.push_str(r#","title":"again"}"#);
    let r = en().validate_json(&raw);
    assert!(!r.valid);
    assert_eq!(r.issues.last().unwrap().params["omittedErrors"], 1);
    // Under the cap: no such issue.
    assert!(en().validate(&motion()).issues.is_empty());
}

// --- raw input ----------------------------------------------------------

#[test]
fn a_byte_order_mark_is_skipped() {
    let mut raw = b"\xEF\xBB\xBF".to_vec();
    raw.extend(serde_json::to_vec(&motion()).unwrap());
    assert_clean(&sv().validate_json(&raw));
    // Only at the start: inside the text it is an invalid character.
    let r = sv().validate_json(b" \xEF\xBB\xBF{}");
    assert_eq!(codes(&r.issues), ["invalid_json"]);
}

#[test]
fn input_too_large_is_refused_before_parsing() {
    let max = 1 << 20;
    // Not even JSON: still only input_too_large.
    let raw = vec![b'x'; max + 1];
    let r = sv().validate_json(&raw);
    check(
        only(&r),
        json!([]),
        Code::InputTooLarge,
        json!({"max": max, "actual": max + 1}),
    );
    // Exactly the limit is parsed.
    let mut raw = serde_json::to_vec(&motion()).unwrap();
    raw.resize(max, b' ');
    assert_clean(&sv().validate_json(&raw));
    // A profile sets its own limit.
    let mut p = Profile::builtin("uppsala").unwrap();
    p.limits.input_bytes = 100;
    let v = Validator::new(Options {
        profile: p,
        lang: Lang::En,
        today: Date::parse_iso(TODAY),
        stage: Stage::Submission,
    })
    .unwrap();
    let r = v.validate_json(serde_json::to_vec(&motion()).unwrap());
    assert_eq!(codes(&r.issues), ["input_too_large"]);
    assert_eq!(r.issues[0].params["max"], 100);
}

#[test]
fn invalid_json_with_line_and_column() {
    let r = sv().validate_json("{\n  \"title\": \"Cykelbanor\",\n  oops\n}");
    let i = only(&r);
    assert_eq!(i.code, Code::InvalidJson);
    assert_eq!(i.path, path(json!([])));
    assert_eq!(i.params["line"], 3);
    assert_eq!(i.params["column"], 3);
    assert_eq!(i.params["problem"], "syntax");
    assert_eq!(
        i.message,
        "Motionen kunde inte läsas: den är inte giltig JSON (rad 3, kolumn 3)."
    );
    assert!(r.normalized.is_none());
    for bad in [
        &b""[..],
        b"{",
        b"nul",
        b"\xff\xfe",
        b"{\"title\": \"x\"} {}",
    ] {
        assert_eq!(codes(&sv().validate_json(bad).issues), ["invalid_json"]);
    }
    assert_clean(&sv().validate_json(serde_json::to_string(&motion()).unwrap()));
    assert_clean(&sv().validate_json(serde_json::to_string_pretty(&motion()).unwrap()));
}

// --- the report ---------------------------------------------------------

#[test]
fn issues_come_in_form_order_whatever_the_key_order() {
    let raw = r#"{"zzz": 1, "diaryNumber": "x", "submittedOn": "x", "signatories": "x",
                  "proposals": "x", "body": 1, "title": 1}"#;
    let r = sv().validate_json(raw);
    let keys: Vec<&PathSegment> = r.issues.iter().map(|i| &i.path[0]).collect();
    assert_eq!(
        keys,
        [
            "title",
            "body",
            "proposals",
            "signatories",
            "submittedOn",
            "diaryNumber",
            "zzz"
        ]
        .map(PathSegment::from)
        .iter()
        .collect::<Vec<_>>()
    );
}

#[test]
fn normalized_is_the_motion_as_stored() {
    let m = json!({
        "title": "  Fler\u{00A0} cykelbanor   i   centrum ",
        "body": "  Cyklister i centrum saknar trygga och sammanhängande cykelbanor.\r\nÅret runt.  ",
        "proposals": ["Att uppdra åt gatunämnden att planera nya cykelbanor", "  att kostnaderna  särredovisas "],
        "signatories": [
            {"name": "  Lovisa   Johansson ", "party": "F!"},
            {"name": "A\u{30A}sa O\u{308}berg", "party": " fi "},
            {"name": "Olle Berg", "party": "partilös"}
        ],
        "submittedOn": "2020-05-25",
        "diaryNumber": " ksn-2020-02111 "
    });
    let r = sv().validate(&m);
    assert_clean(&r);
    let n = serde_json::to_value(r.normalized.unwrap()).unwrap();
    assert_eq!(
        n,
        json!({
            "title": "Fler cykelbanor i centrum",
            "body": "Cyklister i centrum saknar trygga och sammanhängande cykelbanor.\nÅret runt.",
            "proposals": ["att uppdra åt gatunämnden att planera nya cykelbanor", "att kostnaderna  särredovisas"],
            "signatories": [
                {"name": "Lovisa Johansson", "party": "FI"},
                {"name": "Åsa Öberg", "party": "FI"},
                {"name": "Olle Berg", "party": "-"}
            ],
            "submittedOn": "2020-05-25",
            "diaryNumber": "KSN-2020-02111"
        })
    );
}

#[test]
fn normalized_is_null_when_invalid_but_kept_with_warnings() {
    let r = sv().validate(&with("/title", json!("Kort")));
    assert!(!r.valid);
    assert!(r.normalized.is_none());
    assert_eq!(serde_json::to_value(&r).unwrap()["normalized"], Value::Null);
    let r = sv().validate(&with("/title", json!("FLER CYKELBANOR I CENTRUM")));
    assert!(r.valid);
    assert_eq!(r.normalized.unwrap().title, "FLER CYKELBANOR I CENTRUM");
}

#[test]
fn messages_follow_the_language() {
    let m = with("/title", json!("Kort"));
    assert_eq!(
        sv().validate(&m).issues[0].message,
        "Titeln är för kort: minst 10 tecken, nu 4."
    );
    assert_eq!(
        en().validate(&m).issues[0].message,
        "The title is too short: at least 10 characters, now 4."
    );
}

// --- validate_field -----------------------------------------------------

fn field(v: &Validator, at: Value, value: Value) -> Vec<Issue> {
    v.validate_field(&path(at), &value)
}

#[test]
fn validate_field_at_every_path_form() {
    let v = sv();
    // Each documented path form: one value that fails, one that passes,
    // and the issue lands at the path asked about.
    let cases = [
        (
            json!(["title"]),
            json!("Kort"),
            "too_short",
            json!("Fler cykelbanor i centrum"),
        ),
        (
            json!(["body"]),
            json!("Kort."),
            "too_short",
            motion()["body"].clone(),
        ),
        (
            json!(["proposals"]),
            json!([]),
            "required",
            json!(["att utreda frågan"]),
        ),
        (
            json!(["proposals", 3]),
            json!("Utreda frågan"),
            "proposal_missing_att",
            json!("att utreda frågan"),
        ),
        (
            json!(["signatories"]),
            json!("Anna"),
            "invalid_type",
            json!([{"name": "Anna Svensson", "party": "S"}]),
        ),
        (
            json!(["signatories", 1]),
            json!({"name": "Anna", "party": "S"}),
            "name_incomplete",
            json!({"name": "Anna Svensson", "party": "S"}),
        ),
        (
            json!(["signatories", 2, "name"]),
            json!("Anna Svensson 2"),
            "name_invalid_chars",
            json!("Anna Svensson"),
        ),
        (
            json!(["signatories", 0, "party"]),
            json!("XYZ"),
            "party_unknown",
            json!("F!"),
        ),
        (
            json!(["submittedOn"]),
            json!("25 maj 2020"),
            "date_invalid",
            json!("2020-05-25"),
        ),
        (
            json!(["diaryNumber"]),
            json!("ksn 2020 2111"),
            "diary_number_format",
            json!("KSN-2020-02111"),
        ),
    ];
    for (at, bad, code, good) in cases {
        let issues = field(&v, at.clone(), bad);
        assert_eq!(codes(&issues), [code], "{at}");
        let expected_path = match code {
            // A signatory object's issues are on its name.
            "name_incomplete" => path(json!(["signatories", 1, "name"])),
            _ => path(at.clone()),
        };
        assert_eq!(issues[0].path, expected_path);
        assert!(!issues[0].message.is_empty());
        assert_eq!(field(&v, at.clone(), good), [], "{at}");
    }
    // The suggestions a form offers as one-click fixes.
    assert_eq!(
        field(&v, json!(["diaryNumber"]), json!("ksn 2020 2111"))[0]
            .suggestion
            .as_deref(),
        Some("KSN-2020-02111")
    );
    assert_eq!(
        field(&v, json!(["submittedOn"]), json!("25 maj 2020"))[0]
            .suggestion
            .as_deref(),
        Some("2020-05-25")
    );
    assert_eq!(
        field(
            &v,
            json!(["proposals", 0]),
            json!("Uppdra till KS att utreda")
        )[0]
        .suggestion
        .as_deref(),
        Some("att uppdra till KS att utreda")
    );
    // The empty path validates a whole motion.
    assert_eq!(field(&v, json!([]), motion()), []);
    assert_eq!(codes(&field(&v, json!([]), json!(42))), ["invalid_type"]);
}

#[test]
fn validate_field_uses_the_same_codes_and_messages_as_validate() {
    let v = en();
    let whole = v.validate(&with("/signatories/0/party", json!("XYZ")));
    let one = field(&v, json!(["signatories", 0, "party"]), json!("XYZ"));
    assert_eq!(one, whole.issues);
    // Registration: the diary number is required there too.
    let r = registration(TODAY);
    assert_eq!(
        codes(&field(&r, json!(["diaryNumber"]), json!(""))),
        ["required"]
    );
    assert_eq!(field(&sv(), json!(["diaryNumber"]), json!(null)), []);
    // Whole-motion rules are left to validate: no year mismatch without a date.
    assert_eq!(
        field(&sv(), json!(["diaryNumber"]), json!("KSN-2019-00001")),
        []
    );
}

#[test]
fn validate_field_unknown_paths() {
    let v = sv();
    for (at, name) in [
        (json!(["author"]), "author"),
        (json!(["proposals", "x"]), "x"),
        (json!(["title", 0]), "0"),
        (json!(["signatories", 0, "email"]), "email"),
        (json!(["signatories", 0, "name", "first"]), "first"),
        (json!([0]), "0"),
    ] {
        let issues = field(&v, at.clone(), json!("x"));
        assert_eq!(issues.len(), 1, "{at}");
        check(&issues[0], at, Code::UnknownField, json!({"field": name}));
    }
}

#[test]
fn free_functions_use_the_defaults() {
    // The default validator: uppsala, Swedish.
    let issues = validate_field(&path(json!(["signatories", 0, "party"])), &json!("XYZ"));
    assert_eq!(codes(&issues), ["party_unknown"]);
    assert!(issues[0].message.contains("Uppsala kommun"));
    let r = motion_validator::validate_json(b"[]");
    assert_eq!(r.issues[0].message, "Motionen har fel form: den ska vara ett JSON-objekt med titel, bakgrund, yrkanden, undertecknare och datum.");
}
