//! Whatever comes in — any JSON value, any bytes, any string at any field —
//! the engine answers with a report and never panics (in WebAssembly a
//! panic would leave the page's validator unusable).
//!
//! 256 cases per property by default; set `PROPTEST_CASES` for a longer run.
// Native only: the WebAssembly build runs the corpus in tests/web.rs.
#![cfg(not(target_arch = "wasm32"))]

use motion_validator::{
    Code, Date, Field, Issue, Lang, Motion, Options, Path, PathSegment, Profile, Report, Signatory,
    Stage, Validator,
};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Map, Value};

/// The motion's own keys: random objects use them often, so the rules
/// behind them get exercised, not just `unknown_field`.
const KEYS: &[&str] = &[
    "title",
    "body",
    "proposals",
    "signatories",
    "name",
    "party",
    "submittedOn",
    "diaryNumber",
];

/// Pieces that reach the interesting corners: att, tags, bidi and
/// zero-width characters, controls, decomposed letters, case mappings that
/// change length (İ, ß), the Kelvin sign, diary-number and date parts.
const FRAGMENTS: &[&str] = &[
    "att ",
    "Att ",
    "ATT ",
    "att",
    "uppdra ",
    "till ",
    "kommunstyrelsen",
    "Kommunstyrelsen ",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "<b>",
    "</b>",
    "<img src=x onerror=alert(1)>",
    "<",
    ">",
    "<!--",
    "\u{202E}",
    "\u{2066}",
    "\u{2069}",
    "\u{200B}",
    "\u{200D}",
    "\u{FEFF}",
    "\u{2060}",
    "\0",
    "\u{7}",
    "\u{1F}",
    "\u{7F}",
    "\u{85}",
    "\u{9F}",
    "\u{A0}",
    "\u{2028}",
    "a\u{30A}",
    "\u{30A}",
    "o\u{308}",
    "Å",
    "ä",
    "Ö",
    "ÅÄÖ",
    "ÅTGÄRDA ",
    "🚲",
    "👩\u{200D}👧",
    "🙂",
    "İ",
    "ß",
    "ﬃ",
    "ǅ",
    "\u{212A}",
    "é",
    "-",
    "–",
    "•",
    "1.",
    "a)",
    "'",
    ".",
    "0",
    "1",
    "2020",
    "2021",
    "20",
    "22",
    "KSN",
    "ksn",
    "KS",
    "-2020-",
    "02111",
    "2111",
    "/",
    ":",
    "2021/22:",
    "maj",
    "25",
    "den ",
    "februari",
    "F!",
    "Fi",
    "FI",
    "partilös",
    "PARTILÖS",
    "Miljöpartiet de gröna",
    "Anna",
    "Svensson",
    "Lovisa Johansson",
    "\u{D7FF}",
    "\u{E000}",
    "\u{10FFFF}",
];

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => select(FRAGMENTS).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
    ]
}

/// Strings built from the fragments, plus wholly arbitrary Unicode.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(fragment(), 0..16).prop_map(|v| v.concat()),
        1 => any::<String>(),
        1 => "\\PC{0,60}",
    ]
}

fn diary_text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => "(KSN|ksn|KS|ks|Ksn)?[ -/]{0,2}[0-9]{0,5}[ -/:–]{0,2}[0-9]{0,6}([/: ][0-9]{1,3})?",
        1 => "[0-9]{1,5}/[0-9]{1,4}(:[0-9]{1,5})?",
        2 => text(),
    ]
}

fn date_text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => "[0-9]{4}-[0-9]{2}-[0-9]{2}",
        1 => "(den )?[0-9]{1,2} (jan|feb|mars|maj|juni|okt\\.|december|mj) [0-9]{2,5}",
        1 => "[0-9]{1,4}[./ -][0-9]{1,2}[./ -][0-9]{1,4}",
        1 => "[0-9]{6,9}",
        2 => text(),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => select(KEYS).prop_map(str::to_owned),
        1 => any::<String>(),
    ]
}

/// Any JSON value: null, booleans, numbers, strings, arrays and objects
/// with both random keys and the motion's own.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// A value for a field: mostly of the right type, sometimes anything.
fn or_any(s: impl Strategy<Value = String>) -> impl Strategy<Value = Value> {
    prop_oneof![4 => s.prop_map(Value::String), 1 => json()]
}

fn signatory() -> impl Strategy<Value = Value> {
    prop_oneof![
        6 => (
            prop::option::of(or_any(text())),
            prop::option::of(or_any(prop_oneof![select(FRAGMENTS).prop_map(str::to_owned), text()])),
            prop::option::of((key(), json())),
        )
            .prop_map(|(name, party, extra)| {
                let mut o = Map::new();
                if let Some(n) = name {
                    o.insert("name".into(), n);
                }
                if let Some(p) = party {
                    o.insert("party".into(), p);
                }
                if let Some((k, v)) = extra {
                    o.insert(k, v);
                }
                Value::Object(o)
            }),
        1 => json(),
    ]
}

/// Motion-shaped objects: each key present or not, mostly the right type.
fn motion() -> impl Strategy<Value = Value> {
    (
        prop::option::of(or_any(text())),
        prop::option::of(or_any(text())),
        prop::option::of(prop_oneof![
            4 => prop::collection::vec(or_any(text()), 0..6).prop_map(Value::Array),
            1 => json(),
        ]),
        prop::option::of(prop_oneof![
            4 => prop::collection::vec(signatory(), 0..6).prop_map(Value::Array),
            1 => json(),
        ]),
        prop::option::of(or_any(date_text())),
        prop::option::of(or_any(diary_text())),
        prop::option::of((key(), json())),
    )
        .prop_map(
            |(title, body, proposals, signatories, date, diary, extra)| {
                let mut o = Map::new();
                for (k, v) in [
                    ("title", title),
                    ("body", body),
                    ("proposals", proposals),
                    ("signatories", signatories),
                    ("submittedOn", date),
                    ("diaryNumber", diary),
                ] {
                    if let Some(v) = v {
                        o.insert(k.into(), v);
                    }
                }
                if let Some((k, v)) = extra {
                    o.insert(k, v);
                }
                Value::Object(o)
            },
        )
}

/// Typed motions: every text from the same strategies as the JSON ones.
fn typed_motion() -> impl Strategy<Value = Motion> {
    let signatory = (
        text(),
        prop_oneof![select(FRAGMENTS).prop_map(str::to_owned), text()],
    )
        .prop_map(|(name, party)| Signatory { name, party });
    (
        text(),
        text(),
        prop::collection::vec(text(), 0..6),
        prop::collection::vec(signatory, 0..6),
        date_text(),
        prop::option::of(diary_text()),
    )
        .prop_map(
            |(title, body, proposals, signatories, submitted_on, diary_number)| Motion {
                title,
                body,
                proposals,
                signatories,
                submitted_on,
                diary_number,
            },
        )
}

fn any_input() -> impl Strategy<Value = Value> {
    prop_oneof![3 => motion(), 1 => json()]
}

fn profile() -> impl Strategy<Value = &'static str> {
    // Every built-in, without a list here to keep up to date.
    select(Profile::builtin_names().collect::<Vec<_>>())
}

fn validator(profile: &str, lang: Lang, stage: Stage) -> Validator {
    Validator::new(Options {
        profile: Profile::builtin(profile).unwrap(),
        lang,
        today: Date::parse_iso("2021-06-01"),
        stage,
    })
    .unwrap()
}

fn options() -> impl Strategy<Value = Validator> {
    (
        profile(),
        prop_oneof![Just(Lang::Sv), Just(Lang::En)],
        prop_oneof![Just(Stage::Submission), Just(Stage::Registration)],
    )
        .prop_map(|(p, l, s)| validator(p, l, s))
}

/// What every issue must be: a localized message, the code's severity.
fn check_issues(issues: &[Issue]) -> Result<(), TestCaseError> {
    for i in issues {
        prop_assert!(!i.message.trim().is_empty(), "{:?} has no message", i.code);
        prop_assert_eq!(i.severity, i.code.severity());
    }
    Ok(())
}

/// What every report must be.
fn check_report(r: &Report) -> Result<(), TestCaseError> {
    check_issues(&r.issues)?;
    prop_assert_eq!(r.valid, !r.issues.iter().any(Issue::is_error));
    prop_assert_eq!(r.normalized.is_some(), r.valid);
    // And it serializes (what the CLI and the WASM glue send on).
    let json = serde_json::to_string(r).unwrap();
    let back: Report = serde_json::from_str(&json).unwrap();
    prop_assert_eq!(&back, r);
    Ok(())
}

fn path(segments: &[PathSegment]) -> Path {
    segments.to_vec()
}

/// `v` with only what the tape carries: the motion's keys, each a string,
/// null or a list of strings, nulls and signatories (their own keys,
/// strings or null). Levels: 0 the motion, 1 its values, 2 list items,
/// 3 a signatory's values.
fn usual_shape(v: Value, level: u8) -> Value {
    let object = |o: Map<String, Value>, keys: &[&str], inner| {
        let o = o.into_iter().filter(|(k, _)| keys.contains(&k.as_str()));
        Value::Object(o.map(|(k, v)| (k, usual_shape(v, inner))).collect())
    };
    match (v, level) {
        (Value::Object(o), 0) => object(o, &Field::KEYS, 1),
        (_, 0) => Value::Object(Map::new()),
        (Value::String(s), _) => Value::String(s),
        (Value::Array(items), 1) => {
            Value::Array(items.into_iter().map(|i| usual_shape(i, 2)).collect())
        }
        (Value::Object(o), 2) => object(o, &Field::SIGNATORY_KEYS, 3),
        _ => Value::Null,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn any_json_gives_a_consistent_report(v in options(), input in any_input()) {
        let r = v.validate(&input);
        check_report(&r)?;
        // The raw path (what WASM uses) gives the very same report.
        let raw = serde_json::to_vec(&input).unwrap();
        prop_assert_eq!(&v.validate_json(&raw), &r);
    }

    #[test]
    fn normalized_motions_are_valid_and_stable(v in options(), input in motion()) {
        let r = v.validate(&input);
        if let Some(n) = &r.normalized {
            let again = v.validate(&serde_json::to_value(n).unwrap());
            prop_assert!(again.valid, "normalized motion invalid: {:#?}", again.issues);
            prop_assert_eq!(again.normalized.as_ref(), Some(n));
        }
    }

    #[test]
    fn a_typed_motion_gets_the_report_of_its_json(v in options(), m in typed_motion()) {
        // validate_motion reads the typed motion without serde_json: the
        // same report as the JSON it serializes to.
        let json = serde_json::to_value(&m).unwrap();
        prop_assert_eq!(v.validate_motion(&m), v.validate(&json));
    }

    #[test]
    fn a_motion_on_the_tape_gets_the_report_of_its_json(v in options(), input in motion()) {
        // What the JS glue writes for a motion of the usual shape: the
        // same short report as its JSON. Random motions are made of that
        // shape first (other keys dropped, other values null).
        let input = usual_shape(input, 0);
        let (text, tape) = motion_validator::write_tape(&input).expect("the usual shape has a tape");
        let json = serde_json::to_string(&input).unwrap();
        prop_assert_eq!(
            v.validate_tape_short(text.as_bytes(), &tape),
            Some(v.validate_json_str_short(&json))
        );
    }

    #[test]
    fn any_tape_gives_a_report_or_none(
        v in options(),
        text in text(),
        tape in prop::collection::vec(prop_oneof![8 => 0u32..8, 1 => any::<u32>()], 0..64),
    ) {
        // Any numbers at all (the raw export takes what JS writes): a
        // report or None, never a panic.
        let _ = v.validate_tape_short(text.as_bytes(), &tape);
    }

    #[test]
    fn any_bytes_give_a_report(v in options(), bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check_report(&v.validate_json(&bytes))?;
    }

    #[test]
    fn damaged_json_gives_a_report(
        v in options(),
        input in motion(),
        cut in any::<prop::sample::Index>(),
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
    ) {
        let mut raw = serde_json::to_vec(&input).unwrap();
        for (at, byte) in flips {
            let i = at.index(raw.len());
            raw[i] = byte;
        }
        let keep = cut.index(raw.len() + 1);
        raw.truncate(keep);
        check_report(&v.validate_json(&raw))?;
    }

    #[test]
    fn any_value_at_every_field_path(
        v in options(),
        value in prop_oneof![3 => text().prop_map(Value::String), 1 => json()],
        i in 0usize..40,
        junk in any::<String>(),
    ) {
        let forms: Vec<Path> = vec![
            path(&["title".into()]),
            path(&["body".into()]),
            path(&["proposals".into()]),
            path(&["proposals".into(), i.into()]),
            path(&["signatories".into()]),
            path(&["signatories".into(), i.into()]),
            path(&["signatories".into(), i.into(), "name".into()]),
            path(&["signatories".into(), i.into(), "party".into()]),
            path(&["submittedOn".into()]),
            path(&["diaryNumber".into()]),
        ];
        for p in &forms {
            let issues = v.validate_field(p, &value);
            check_issues(&issues)?;
            for issue in &issues {
                prop_assert!(issue.path.starts_with(p), "{:?} outside {:?}", issue.path, p);
                // A known path is never itself unknown (keys inside a
                // signatory object may be).
                prop_assert!(!(issue.code == Code::UnknownField && &issue.path == p));
            }
        }
        // Paths the motion does not have: exactly one unknown_field.
        let motion_key = KEYS.contains(&junk.as_str()) && junk != "name" && junk != "party";
        let signatory_key = junk == "name" || junk == "party";
        for (p, known) in [
            (path(&[junk.clone().into()]), motion_key),
            (path(&["signatories".into(), i.into(), junk.clone().into()]), signatory_key),
            (path(&["proposals".into(), junk.clone().into()]), false),
            (path(&[i.into()]), false),
            (path(&["title".into(), i.into()]), false),
        ] {
            let issues = v.validate_field(&p, &value);
            check_issues(&issues)?;
            if !known {
                prop_assert_eq!(issues.len(), 1);
                prop_assert_eq!(issues[0].code, Code::UnknownField);
                prop_assert_eq!(&issues[0].path, &p);
            }
        }
        // The whole motion from the empty path.
        check_issues(&v.validate_field(&[], &value))?;
    }

    /// A field checked alone gets what the whole motion gets at that field,
    /// save the rules that compare fields.
    #[test]
    fn validate_field_agrees_with_validate(
        v in options(),
        value in prop_oneof![3 => text().prop_map(Value::String), 1 => json()],
        which in 0usize..7,
    ) {
        let mut m: Value = serde_json::json!({
            "title": "Fler cykelbanor i centrum",
            "body": "Cyklister i centrum saknar trygga och sammanhängande cykelbanor året runt.",
            "proposals": ["att uppdra åt gatunämnden att planera nya cykelbanor"],
            "signatories": [{"name": "Anna Svensson", "party": "S"}],
            "submittedOn": "2021-03-15",
        });
        let (pointer, p): (&str, Path) = match which {
            0 => ("/title", path(&["title".into()])),
            1 => ("/body", path(&["body".into()])),
            2 => ("/proposals/0", path(&["proposals".into(), 0.into()])),
            3 => ("/signatories/0", path(&["signatories".into(), 0.into()])),
            4 => ("/signatories/0/name", path(&["signatories".into(), 0.into(), "name".into()])),
            5 => ("/signatories/0/party", path(&["signatories".into(), 0.into(), "party".into()])),
            _ => ("/submittedOn", path(&["submittedOn".into()])),
        };
        *m.pointer_mut(pointer).unwrap() = value.clone();
        let whole: Vec<Issue> = v
            .validate(&m)
            .issues
            .into_iter()
            .filter(|i| i.path.starts_with(&p))
            .filter(|i| !matches!(i.code, Code::Duplicate | Code::DiaryNumberYearMismatch))
            .collect();
        prop_assert_eq!(v.validate_field(&p, &value), whole);
    }

    #[test]
    fn any_diary_number_under_every_profile(s in diary_text(), submitted in date_text()) {
        for name in Profile::builtin_names() {
            let compiled = Profile::builtin(name).unwrap().compile().unwrap();
            if let Some(n) = compiled.parse_diary_number(&s) {
                // The canonical form reads back as itself.
                let again = compiled.parse_diary_number(&n.canonical);
                prop_assert_eq!(again.as_ref().map(|a| &a.canonical), Some(&n.canonical));
                prop_assert!(n.last_year == n.year || n.last_year == n.year + 1);
            }
            if let Some(c) = compiled.normalize_diary_number(&s) {
                // A suggestion is always accepted as it stands.
                let parsed = compiled.parse_diary_number(&c);
                prop_assert_eq!(parsed.map(|p| p.canonical), Some(c));
            }
            for (lang, stage) in [(Lang::Sv, Stage::Submission), (Lang::En, Stage::Registration)] {
                let v = validator(name, lang, stage);
                let issues = v.validate_field(&["diaryNumber".into()], &Value::String(s.clone()));
                check_issues(&issues)?;
                for i in &issues {
                    if let Some(fix) = &i.suggestion {
                        let again = v.validate_field(&["diaryNumber".into()], &Value::String(fix.clone()));
                        prop_assert!(
                            again.iter().all(|i| i.code != Code::DiaryNumberFormat),
                            "suggestion {fix:?} for {s:?} is itself refused"
                        );
                    }
                }
                let mut m = serde_json::json!({"diaryNumber": s, "submittedOn": submitted});
                check_report(&v.validate(&m))?;
                m["submittedOn"] = Value::from("2021-03-15");
                check_report(&v.validate(&m))?;
            }
        }
    }

    #[test]
    fn any_date_text(s in date_text()) {
        if let Some(d) = Date::parse_swedish(&s) {
            // A suggested date is a real ISO date.
            prop_assert_eq!(Date::parse_iso(&d.to_string()), Some(d));
        }
        if let Some(d) = Date::parse_iso(&s) {
            prop_assert_eq!(d.to_string(), s.clone());
            prop_assert!(d.add_one_year() > d || d.year() == 9999);
        }
        let v = validator("uppsala", Lang::Sv, Stage::Registration);
        let issues = v.validate_field(&["submittedOn".into()], &Value::String(s.clone()));
        check_issues(&issues)?;
        for i in &issues {
            if let Some(fix) = &i.suggestion {
                prop_assert!(Date::parse_iso(fix).is_some());
            }
        }
    }

    #[test]
    fn any_unix_time_gives_a_swedish_date(secs in any::<i64>()) {
        let d = Date::from_unix_in_sweden(secs);
        prop_assert!(Date::parse_iso(&d.to_string()).is_some());
    }

    #[test]
    fn any_proposal_gets_a_usable_att_suggestion(s in text()) {
        let v = validator("uppsala", Lang::En, Stage::Submission);
        let issues = v.validate_field(&["proposals".into(), 0.into()], &Value::String(s.clone()));
        check_issues(&issues)?;
        for i in issues.iter().filter(|i| i.code == Code::ProposalMissingAtt) {
            let fix = i.suggestion.clone().expect("an att suggestion");
            let again = v.validate_field(&["proposals".into(), 0.into()], &Value::String(fix.clone()));
            prop_assert!(
                again.iter().all(|i| i.code != Code::ProposalMissingAtt),
                "suggestion {fix:?} for {s:?} still lacks its att"
            );
        }
    }
}

// --- pathological inputs, each once -------------------------------------

fn sv() -> Validator {
    validator("uppsala", Lang::Sv, Stage::Submission)
}

#[test]
fn deep_nesting_is_invalid_json_not_a_stack_overflow() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let r = sv().validate_json(&deep);
    assert_eq!(r.issues[0].code, Code::InvalidJson);
    let deep = format!("{{\"title\":{}1{}}}", "[".repeat(120), "]".repeat(120));
    let r = sv().validate_json(&deep);
    assert!(!r.valid);
}

#[test]
fn long_hostile_texts_are_checked_in_linear_time() {
    let start = std::time::Instant::now();
    for body in [
        "<a".repeat(200_000),
        "<".repeat(400_000),
        "a\u{30A}".repeat(200_000),
        "\u{202E}".repeat(200_000),
        " ".repeat(500_000) + "x",
    ] {
        let m = serde_json::json!({"title": body.clone(), "body": body.clone(), "proposals": [body.clone()],
            "signatories": [{"name": body.clone(), "party": body.clone()}], "submittedOn": body.clone(),
            "diaryNumber": body});
        let r = sv().validate(&m);
        assert!(!r.valid);
    }
    let digits = "1".repeat(500_000);
    for name in Profile::builtin_names() {
        let c = Profile::builtin(name).unwrap().compile().unwrap();
        assert!(c.parse_diary_number(&digits).is_none());
        assert!(c
            .normalize_diary_number(&format!("KSN {digits} {digits}"))
            .is_none());
    }
    assert!(Date::parse_swedish(&"1 ".repeat(500_000)).is_none());
    // Generous: debug build on a busy machine. Quadratic would take minutes.
    assert!(start.elapsed().as_secs() < 30, "{:?}", start.elapsed());
}

#[test]
fn many_items_are_checked_in_linear_time() {
    let start = std::time::Instant::now();
    let proposals: Vec<String> = (0..50_000)
        .map(|i| format!("att utreda fråga {i}"))
        .collect();
    let signatories: Vec<Value> = (0..50_000)
        .map(|i| serde_json::json!({"name": format!("Anna Svensson{}", "a".repeat(i % 50)), "party": "S"}))
        .collect();
    let m = serde_json::json!({"title": "Många yrkanden", "body": "x".repeat(60),
        "proposals": proposals, "signatories": signatories, "submittedOn": "2021-03-15"});
    let r = sv().validate(&m);
    assert!(r.issues.iter().any(|i| i.code == Code::TooMany));
    assert!(start.elapsed().as_secs() < 30, "{:?}", start.elapsed());
}

#[test]
fn clock_extremes_give_the_nearest_date() {
    assert_eq!(
        Date::from_unix_in_sweden(i64::MAX).to_string(),
        "9999-12-31"
    );
    assert_eq!(
        Date::from_unix_in_sweden(i64::MIN).to_string(),
        "0001-01-01"
    );
    assert_eq!(Date::from_unix_in_sweden(0).to_string(), "1970-01-01");
}

// --- spelling variants of a valid motion --------------------------------

/// Whitespace a person or a word processor puts between words.
const SPACES: &[&str] = &[" ", "  ", "\u{A0}", "\u{2003}", " \u{3000} ", "\u{202F}"];

/// NFD for the letters these tests use (the engine's own NFC is under test,
/// so the decomposition is written out here).
fn decompose(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'å' => "a\u{30A}".to_owned(),
            'ä' => "a\u{308}".to_owned(),
            'ö' => "o\u{308}".to_owned(),
            'ü' => "u\u{308}".to_owned(),
            'Å' => "A\u{30A}".to_owned(),
            'Ä' => "A\u{308}".to_owned(),
            'Ö' => "O\u{308}".to_owned(),
            c => c.to_string(),
        })
        .collect()
}

/// `words` joined by the chosen spaces, perhaps padded, perhaps decomposed.
fn spaced(words: &'static str) -> impl Strategy<Value = (String, &'static str)> {
    let n = words.split(' ').count();
    (
        prop::collection::vec(select(SPACES), n + 1),
        any::<(bool, bool)>(),
    )
        .prop_map(move |(spaces, (pad, nfd))| {
            let mut s = String::new();
            if pad {
                s.push_str(spaces[n]);
            }
            for (i, w) in words.split(' ').enumerate() {
                if i > 0 {
                    s.push_str(spaces[i]);
                }
                s.push_str(w);
            }
            if pad {
                s.push_str(spaces[0]);
            }
            if nfd {
                s = decompose(&s);
            }
            (s, words)
        })
}

fn variant_motion() -> impl Strategy<Value = (Value, Value)> {
    let title = prop_oneof![
        spaced("Fler cykelbanor i centrum"),
        spaced("Åtgärda övergångsställen vid Ängby skola"),
        spaced("Stärka arbetet mot sexuell exploatering"),
    ];
    let names = prop_oneof![
        spaced("Åsa Öberg"),
        spaced("Lovisa Johansson"),
        spaced("Zeynep Öztürk-O'Brien"),
    ];
    let party = select(
        &[
            ("F!", "FI"),
            ("fi", "FI"),
            (" Fi ", "FI"),
            ("Feministiskt initiativ", "FI"),
            ("-", "-"),
            ("partilös", "-"),
            ("PARTILÖS", "-"),
            ("Milj\u{6F}\u{308}partiet de gro\u{308}na", "MP"),
            ("fp", "L"),
        ][..],
    );
    let att = select(&["att ", "Att ", "ATT ", "att\u{A0}", "att\t", "att\n"][..]);
    let diary = select(
        &[
            (None, None),
            (Some("KSN-2021-00042"), Some("KSN-2021-00042")),
            (Some(" ksn-2021-00042 "), Some("KSN-2021-00042")),
            (Some("Ksn-2021-0042"), Some("KSN-2021-0042")),
        ][..],
    );
    (
        title,
        prop::collection::vec(att, 1..4),
        (names, party),
        any::<bool>(),
        diary,
        select(&["2021-01-04", "2021-03-15", "2021-06-01", " 2021-05-25 "][..]),
    )
        .prop_map(|(title, atts, ((name, name_want), (party, code)), crlf, diary, date)| {
            let body = if crlf {
                "Cyklister i centrum saknar trygga cykelbanor.\r\n\r\nDe saknas året runt.  "
            } else {
                "Cyklister i centrum saknar trygga cykelbanor.\n\nDe saknas året runt."
            };
            let asks = ["uppdra åt gatunämnden", "utreda frågan vidare", "rapportera senast 2022"];
            let proposals: Vec<String> = atts.iter().zip(asks).map(|(a, ask)| format!("{a}{ask}")).collect();
            let mut m = serde_json::json!({
                "title": title.0,
                "body": body,
                "proposals": proposals,
                "signatories": [{"name": name, "party": party}],
                "submittedOn": date,
            });
            let mut want = serde_json::json!({
                "title": title.1,
                "body": "Cyklister i centrum saknar trygga cykelbanor.\n\nDe saknas året runt.",
                "proposals": proposals.iter().map(|p| format!("att{}", &p[3..])).collect::<Vec<_>>(),
                "signatories": [{"name": name_want, "party": code}],
                "submittedOn": date.trim(),
            });
            if let (Some(d), Some(w)) = diary {
                m["diaryNumber"] = d.into();
                want["diaryNumber"] = w.into();
            }
            (m, want)
        })
}

proptest! {
    /// However a valid motion is spelled — spaces, NFD, party aliases, att
    /// in any case, diary number in any case — it is valid and stored the
    /// same way, and the stored form is itself valid and stable.
    #[test]
    fn spelling_variants_normalize_to_one_form((m, want) in variant_motion()) {
        let v = validator("uppsala", Lang::Sv, Stage::Submission);
        let r = v.validate(&m);
        prop_assert!(r.valid && r.issues.is_empty(), "{:#?}", r.issues);
        let n = r.normalized.unwrap();
        prop_assert_eq!(serde_json::to_value(&n).unwrap(), want);
        let again = v.validate(&serde_json::to_value(&n).unwrap());
        prop_assert!(again.issues.is_empty(), "{:#?}", again.issues);
        prop_assert_eq!(again.normalized, Some(n));
    }
}
