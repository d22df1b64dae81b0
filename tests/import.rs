//! "Klistra in motion": pasted motion texts → motion JSON (issue 5).
//!
//! `tests/fixtures/import/NN-name.txt` is a text as a councillor pastes it;
//! `NN-name.json` names its profile and holds the expected motion, the
//! expected import issues (code, path, line) and whether the motion is
//! valid on 2025-06-01. After a deliberate change in the importer, rewrite
//! the expectations with `BLESS=1 cargo test --test import` and review the
//! diff.
// Native only (proptest, files).
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

use motion_validator::{
    parse_motion_text, Code, CompiledProfile, Date, Issue, Lang, Options, Profile, Severity,
    Validator,
};
use proptest::prelude::*;
use serde_json::{json, Value};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn compiled(name: &str) -> CompiledProfile {
    Profile::builtin(name).unwrap().compile().unwrap()
}

fn validator(profile: &str, lang: Lang) -> Validator {
    Validator::new(Options {
        profile: Profile::builtin(profile).unwrap(),
        lang,
        today: Date::parse_iso("2025-06-01"),
        ..Options::default()
    })
    .unwrap()
}

/// The issues as the fixtures write them: code, path and line.
fn issue_summary(issues: &[Issue]) -> Value {
    issues
        .iter()
        .map(|i| json!({"code": i.code.as_str(), "path": i.path, "line": i.params["line"]}))
        .collect()
}

fn fixture_paths() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = fs::read_dir(root().join("tests/fixtures/import"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
}

#[test]
fn fixtures_parse_as_expected() {
    let bless = std::env::var_os("BLESS").is_some();
    let paths = fixture_paths();
    assert!(paths.len() >= 20, "only {} fixtures", paths.len());
    let mut failures = Vec::new();
    for txt in &paths {
        let name = txt.file_stem().unwrap().to_string_lossy().into_owned();
        let expected_path = txt.with_extension("json");
        let expected: Value =
            serde_json::from_str(&fs::read_to_string(&expected_path).unwrap()).unwrap();
        let profile = expected["profile"].as_str().expect("profile");
        let v = validator(profile, Lang::Sv);
        let text = fs::read_to_string(txt).unwrap();
        let parsed = v.parse_motion_text(&text);
        let report = v.validate(&parsed.motion);
        let got = json!({
            "profile": profile,
            "motion": parsed.motion,
            "issues": issue_summary(&parsed.issues),
            "valid": report.valid,
        });
        if bless {
            let mut out = serde_json::to_string_pretty(&got).unwrap();
            out.push('\n');
            fs::write(&expected_path, out).unwrap();
        } else if got != expected {
            failures.push(format!(
                "{name}:\nexpected {}\n     got {}",
                serde_json::to_string_pretty(&expected).unwrap(),
                serde_json::to_string_pretty(&got).unwrap()
            ));
        }
        // Every message is filled in, in both languages.
        for lang in [Lang::Sv, Lang::En] {
            for issue in validator(profile, lang).parse_motion_text(&text).issues {
                assert!(
                    !issue.message.is_empty() && !issue.message.contains('{'),
                    "{name}: {}",
                    issue.message
                );
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

/// The fixtures between them cover every profile and every list style.
#[test]
fn fixtures_cover_the_styles_of_the_issue() {
    let all: String = fixture_paths()
        .iter()
        .map(|p| fs::read_to_string(p).unwrap())
        .collect();
    for needle in [
        "yrkar vi att:",
        "yrkar jag att",
        "Jag yrkar",
        "Vi yrkar",
        "föreslår att kommunfullmäktige beslutar",
        "föreslår fullmäktige besluta att",
        "Förslag till beslut",
        "Förslag till riksdagsbeslut",
        "\n- ",
        "\n• ",
        "\n– ",
        "\n* ",
        "\n1. ",
        "\n1) ",
        ", att ",
        "; samt att ",
        "(båda M)",
        "(alla S)",
        "( C )",
        "(c)",
        "(C))",
        "(-)",
        "m.fl.",
        ", Liberalerna",
        ", Johan Ek (S)",
        "Sida 1 av 2",
        "Lovisa\n\nJohansson (V)",
        "25 maj 2022",
        "2022-04-12",
        "Uppsala den",
        "\r\n",
    ] {
        assert!(all.contains(needle), "no fixture has {needle:?}");
    }
    let profiles: Vec<String> = fixture_paths()
        .iter()
        .map(|p| {
            let v: Value =
                serde_json::from_str(&fs::read_to_string(p.with_extension("json")).unwrap())
                    .unwrap();
            v["profile"].as_str().unwrap().to_owned()
        })
        .collect();
    for name in Profile::builtin_names() {
        assert!(profiles.iter().any(|p| p == name), "no fixture for {name}");
    }
}

// --- the seed document ------------------------------------------------------

fn seed_document() -> String {
    fs::read_to_string(root().join("tests/fixtures/seed/KSN-2020-02111.txt")).unwrap()
}

fn seed_json() -> Value {
    serde_json::from_str(&fs::read_to_string(root().join("tests/fixtures/seed.json")).unwrap())
        .unwrap()
}

/// The motion at the end of the seed document, from its title line on.
fn seed_motion_text() -> String {
    let doc = seed_document();
    let at = doc.find("Motion: Stärka").expect("the motion's title line");
    doc.get(at..).unwrap().to_owned()
}

fn assert_seed_motion(motion: &Value) {
    let seed = seed_json();
    assert_eq!(motion["title"], seed["title"]);
    assert_eq!(motion["body"], seed["body"]);
    // Exactly the two yrkanden, as att-satser, capitals inside kept.
    assert_eq!(motion["proposals"], seed["proposals"]);
    assert_eq!(
        motion["signatories"],
        json!([
            {"name": "Lovisa Johansson", "party": "FI"},
            {"name": "Stina Jansson", "party": "FI"},
            {"name": "Charlie Strängberg", "party": "FI"},
        ])
    );
    // The text has no date and no diary number: the form keeps its own.
    assert!(motion.get("submittedOn").is_none());
    assert!(motion.get("diaryNumber").is_none());
}

#[test]
fn seed_motion_text_gives_the_seed_motion() {
    let parsed = parse_motion_text(&seed_motion_text(), &compiled("uppsala"));
    assert_seed_motion(&parsed.motion);
    assert!(parsed.issues.is_empty(), "{:?}", parsed.issues);
    // With the registrar's date and number it is the seed, valid.
    let mut motion = parsed.motion;
    motion["submittedOn"] = seed_json()["submittedOn"].clone();
    motion["diaryNumber"] = seed_json()["diaryNumber"].clone();
    let v = Validator::new(Options {
        today: Date::parse_iso("2021-06-01"),
        ..Options::default()
    })
    .unwrap();
    let report = v.validate(&motion);
    assert!(report.valid, "{:?}", report.issues);
    assert_eq!(report.issues, []);
}

/// The whole document, the official's report first: the motion is the
/// same, and the report before it is one `import_unrecognized` issue, so
/// nothing is left out without a word.
#[test]
fn whole_seed_document_gives_the_seed_motion_and_names_the_rest() {
    let doc = seed_document();
    let parsed = parse_motion_text(&doc, &compiled("uppsala"));
    assert_seed_motion(&parsed.motion);
    assert_eq!(parsed.issues.len(), 1, "{:?}", parsed.issues);
    let issue = &parsed.issues[0];
    assert_eq!(issue.code, Code::ImportUnrecognized);
    assert_eq!(issue.params["line"], 3); // "§ 221"
    let title_line = doc.lines().position(|l| l.starts_with("Motion: ")).unwrap() + 1;
    let end = issue.params["endLine"].as_u64().unwrap() as usize;
    assert!(end < title_line && end > title_line - 6, "{end}");
    assert_eq!(
        issue.message,
        "Raderna 3–101 passade inte in i något fält och kom inte med (de börjar ”§ 221”)."
    );
}

#[test]
fn seed_motion_survives_pdf_extraction() {
    // What a PDF gives: the first signatory's name broken over a blank
    // line, page numbers and a repeated page header.
    let text = seed_motion_text()
        .replace("Lovisa Johansson (F!)", "Lovisa\n\nJohansson (FI)")
        .replace(
            "Med anledning av detta",
            "Sida 1 av 2\n\nUppsala kommun\n\nMed anledning av detta",
        );
    let text = format!("Uppsala kommun\n\n{text}\n\n2 (2)\n");
    let parsed = parse_motion_text(&text, &compiled("uppsala"));
    assert_seed_motion(&parsed.motion);
    assert!(parsed.issues.is_empty(), "{:?}", parsed.issues);
}

// --- each issue code ----------------------------------------------------------

fn parse(text: &str) -> motion_validator::ParsedMotion {
    parse_motion_text(text, &compiled("uppsala"))
}

const HEAD: &str = "Motion: Fler bänkar i parkerna\n\nMånga äldre behöver vila på vägen.\n\nJag yrkar att\n- Ställa ut fler bänkar\n\n";

#[test]
fn import_unrecognized_names_the_line_and_its_text() {
    let parsed = parse(&format!("{HEAD}Anna Ek (S)\n\nSe bilaga 1 för kostnader."));
    assert_eq!(parsed.issues.len(), 1);
    let i = &parsed.issues[0];
    assert_eq!(i.code, Code::ImportUnrecognized);
    assert_eq!(i.severity, Severity::Error);
    assert!(i.path.is_empty());
    assert_eq!(i.params["line"], 10);
    assert!(!i.params.contains_key("endLine"));
    assert_eq!(
        i.message,
        "Rad 10 passade inte in i något fält och kom inte med: ”Se bilaga 1 för kostnader.”."
    );
    let en = validator("uppsala", Lang::En).parse_motion_text(&format!(
        "{HEAD}Anna Ek (S)\n\nSe bilaga 1.\n\nOch bilaga 2."
    ));
    assert_eq!(en.issues.len(), 1);
    assert_eq!(en.issues[0].params["endLine"], 12);
    assert_eq!(
        en.issues[0].message,
        "Lines 10–12 fit no field and were left out (they begin “Se bilaga 1.”)."
    );
}

#[test]
fn import_ambiguous_unknown_party() {
    let parsed = parse(&format!("{HEAD}Anna Ek (S)\nPer Ek (Piratpartiet)"));
    let i = &parsed.issues[0];
    assert_eq!(i.code, Code::ImportAmbiguous);
    assert_eq!(i.severity, Severity::Warning);
    assert_eq!(i.params["kind"], "party");
    assert_eq!(i.path, vec!["signatories".into(), 1.into(), "party".into()]);
    assert_eq!(parsed.motion["signatories"][1]["party"], "Piratpartiet");
    assert_eq!(
        i.message,
        "”Piratpartiet” på rad 9 är inget parti i Uppsala kommun men står där partiet brukar stå. Kontrollera partiet för undertecknare 2."
    );
    // And the validator then says the party is unknown: nothing is hidden.
    let report = validator("uppsala", Lang::Sv).validate(&parsed.motion);
    assert!(report.issues.iter().any(|i| i.code == Code::PartyUnknown));
}

#[test]
fn import_ambiguous_two_titles() {
    let parsed = parse("Fler bänkar\nBänkar i parkerna\n\nMånga äldre behöver vila.\n\nJag yrkar att\n- Ställa ut bänkar\n\nAnna Ek (S)");
    assert_eq!(parsed.motion["title"], "Fler bänkar");
    assert_eq!(parsed.issues.len(), 1);
    let i = &parsed.issues[0];
    assert_eq!(
        (i.code, i.params["kind"].as_str()),
        (Code::ImportAmbiguous, Some("title"))
    );
    assert_eq!(i.params["line"], 2);
    // The other candidate is kept in the background, not thrown away.
    assert!(parsed.motion["body"]
        .as_str()
        .unwrap()
        .starts_with("Bänkar i parkerna"));
    // Two "Motion:" lines.
    let parsed = parse(
        "Motion: Fler bänkar\n\nText.\n\nMotion: Färre bänkar\n\nJag yrkar att\n- Ställa ut bänkar",
    );
    assert_eq!(parsed.motion["title"], "Fler bänkar");
    assert_eq!(parsed.issues[0].params["line"], 5);
    assert_eq!(parsed.issues[0].params["kind"], "title");
}

#[test]
fn import_ambiguous_two_dates() {
    let parsed = parse(&format!(
        "2020-05-20\n\n{HEAD}Uppsala den 25 maj 2020\nAnna Ek (S)"
    ));
    assert_eq!(parsed.motion["submittedOn"], "2020-05-25");
    let i = &parsed.issues[0];
    assert_eq!(i.params["kind"], "date");
    assert_eq!(i.params["value"], "2020-05-20");
    assert_eq!(i.params["line"], 1);
    // The same date twice is no question.
    let parsed = parse(&format!(
        "2020-05-25\n\n{HEAD}Uppsala den 25 maj 2020\nAnna Ek (S)"
    ));
    assert!(parsed.issues.is_empty(), "{:?}", parsed.issues);
}

#[test]
fn import_ambiguous_wrapped_att_and_list_without_lead_in() {
    let parsed = parse("Motion: Laddstolpar\n\nText som är ungefär lika lång som raderna nedan.\n\nVi föreslår att kommunfullmäktige beslutar\natt uppdra åt kommunstyrelsen att utreda hur kommunen kan bidra till\natt fler laddstolpar byggs\n\nAnna Ek (S)");
    assert_eq!(parsed.motion["proposals"].as_array().unwrap().len(), 1);
    let i = &parsed.issues[0];
    assert_eq!(i.params["kind"], "proposal");
    assert_eq!(i.params["line"], 7);
    assert_eq!(i.path, vec!["proposals".into(), 0.into()]);
    // Short lines are separate att-satser without a question.
    let parsed = parse("Motion: Laddstolpar\n\nEn bakgrund som är längre än de två yrkandena nedan, för att visa skillnaden.\n\nVi föreslår att kommunfullmäktige beslutar\natt utreda frågan\natt återkomma snart\n\nAnna Ek (S)");
    assert_eq!(
        parsed.motion["proposals"],
        json!(["att utreda frågan", "att återkomma snart"])
    );
    assert!(parsed.issues.is_empty());
    // A list with no lead-in.
    let parsed = parse("Motion: Bänkar\n\nText.\n\n- Ställa ut bänkar\n\nAnna Ek (S)");
    assert_eq!(parsed.motion["proposals"], json!(["att ställa ut bänkar"]));
    assert_eq!(parsed.issues[0].params["kind"], "list");
    assert_eq!(parsed.issues[0].path, vec!["proposals".into()]);
}

#[test]
fn import_names_missing_for_m_fl() {
    for form in ["m.fl.", "m fl", "med flera", "M.FL."] {
        let parsed = parse(&format!("{HEAD}Anna Ek {form} (S)"));
        assert_eq!(
            parsed.motion["signatories"],
            json!([{"name": "Anna Ek", "party": "S"}]),
            "{form}"
        );
        let i = &parsed.issues[0];
        assert_eq!(i.code, Code::ImportNamesMissing, "{form}");
        assert_eq!(i.severity, Severity::Warning);
        assert_eq!(i.params["line"], 8);
        assert_eq!(i.path, vec!["signatories".into()]);
    }
}

/// A code only the importer produces has messages in both languages.
#[test]
fn import_codes_have_messages_in_both_languages() {
    let text =
        "Brevhuvud\n\nMotion: Fler bänkar\n\nText.\n\n- Ställa ut bänkar\n\nAnna Ek m.fl. (XYZ)";
    for (lang, word) in [(Lang::Sv, "rad"), (Lang::En, "line")] {
        let parsed = validator("uppsala", lang).parse_motion_text(text);
        let codes: Vec<&str> = parsed.issues.iter().map(|i| i.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                "import_unrecognized",
                "import_ambiguous",
                "import_names_missing",
                "import_ambiguous"
            ]
        );
        for i in &parsed.issues {
            assert!(i.message.to_lowercase().contains(word), "{}", i.message);
        }
    }
}

// --- signatures: what is read and what is not guessed -----------------------

#[test]
fn a_party_after_a_name_on_another_line_is_not_guessed() {
    let parsed = parse(&format!("{HEAD}Anna Ek\nPer Ek (S)"));
    assert_eq!(
        parsed.motion["signatories"],
        json!([{"name": "Anna Ek", "party": ""}, {"name": "Per Ek", "party": "S"}])
    );
    // The validator asks for Anna Ek's party.
    let report = validator("uppsala", Lang::Sv).validate(&parsed.motion);
    assert!(report.issues.iter().any(|i| i.code == Code::Required
        && i.path == vec!["signatories".into(), 0.into(), "party".into()]));
    // But a list that goes on ("Anna Ek,") or "(båda S)" covers both.
    for tail in [
        "Anna Ek,\nPer Ek (S)",
        "Anna Ek\nPer Ek (båda S)",
        "Anna Ek\nPer Ek\n(S)",
    ] {
        let parsed = parse(&format!("{HEAD}{tail}"));
        assert_eq!(
            parsed.motion["signatories"],
            json!([{"name": "Anna Ek", "party": "S"}, {"name": "Per Ek", "party": "S"}]),
            "{tail}"
        );
    }
}

#[test]
fn signature_forms() {
    let cases = [
        ("Anna Ek (F!)", json!([{"name": "Anna Ek", "party": "FI"}])),
        ("Anna Ek (fi))", json!([{"name": "Anna Ek", "party": "FI"}])),
        (
            "Anna Ek ( mp )",
            json!([{"name": "Anna Ek", "party": "MP"}]),
        ),
        (
            "Anna Ek, Miljöpartiet de gröna",
            json!([{"name": "Anna Ek", "party": "MP"}]),
        ),
        (
            "Anna Ek (partilös)",
            json!([{"name": "Anna Ek", "party": "-"}]),
        ),
        (
            "Anna Ek och Per Ek (S)",
            json!([{"name": "Anna Ek", "party": "S"}, {"name": "Per Ek", "party": "S"}]),
        ),
        (
            "Anna Ek (S), Per Ek (M)",
            json!([{"name": "Anna Ek", "party": "S"}, {"name": "Per Ek", "party": "M"}]),
        ),
        (
            "Anna Ek (S)\tPer Ek (M)",
            json!([{"name": "Anna Ek", "party": "S"}, {"name": "Per Ek", "party": "M"}]),
        ),
        (
            "För Miljöpartiet de gröna\n\nAnna Ek\nPer Ek",
            json!([{"name": "Anna Ek", "party": "MP"}, {"name": "Per Ek", "party": "MP"}]),
        ),
        (
            "Anna-Karin\n\nvon Ek (KD)\nOrdförande i kulturnämnden",
            json!([{"name": "Anna-Karin von Ek", "party": "KD"}]),
        ),
        ("ANNA EK (S)", json!([{"name": "ANNA EK", "party": "S"}])),
    ];
    for (sig, want) in cases {
        let parsed = parse(&format!("{HEAD}{sig}"));
        assert_eq!(parsed.motion["signatories"], want, "{sig}");
        assert!(parsed.issues.is_empty(), "{sig}: {:?}", parsed.issues);
    }
}

#[test]
fn roles_and_contact_lines_under_names_are_left_out_quietly() {
    let parsed = parse(&format!(
        "{HEAD}Med vänliga hälsningar\n\nAnna Ek (S), gruppledare\nanna.ek@example.se\nTel: 018-12 34 56\n\nPer Ek (S)\nLedamot i kommunfullmäktige\n070-123 45 67"
    ));
    assert_eq!(
        parsed.motion["signatories"],
        json!([{"name": "Anna Ek", "party": "S"}, {"name": "Per Ek", "party": "S"}])
    );
    assert!(parsed.issues.is_empty(), "{:?}", parsed.issues);
}

// --- PDF noise ------------------------------------------------------------------

#[test]
fn pdf_noise_is_dropped() {
    let text = "Socialdemokraterna i Uppsala\nMotion: Fler bänkar\n\nMånga äldre behöver vila på\nvägen till affären.\n\nSida 1 av 2\n\u{c}\nSocialdemokraterna i Uppsala\n\nBänkar behövs i alla stads-\ndelar och i Barn-\noch ungdomsparken.\n\n1\n\nJag yrkar att\n- Ställa ut fler bänkar i\nalla parker\n\n- 2 -\nLovisa\n\nJohansson\n(S)\n";
    let parsed = parse(text);
    assert_eq!(parsed.motion["title"], "Fler bänkar");
    assert_eq!(
        parsed.motion["body"],
        "Många äldre behöver vila på vägen till affären.\n\nBänkar behövs i alla stadsdelar och i Barn- och ungdomsparken."
    );
    assert_eq!(
        parsed.motion["proposals"],
        json!(["att ställa ut fler bänkar i alla parker"])
    );
    // "Johansson" then "(S)" on its own line: the party is for the names above.
    assert_eq!(
        parsed.motion["signatories"],
        json!([{"name": "Lovisa Johansson", "party": "S"}])
    );
    assert!(parsed.issues.is_empty(), "{:?}", parsed.issues);
}

#[test]
fn line_endings_and_byte_order_marks() {
    let unix = format!("{HEAD}Anna Ek (S)\n2020-05-25");
    let dos = format!("\u{feff}{}", unix.replace('\n', "\r\n"));
    assert_eq!(parse(&unix), parse(&dos));
    assert_eq!(parse(&unix).motion["submittedOn"], "2020-05-25");
}

#[test]
fn what_is_not_in_the_text_is_left_out() {
    assert_eq!(parse("").motion, json!({}));
    assert_eq!(parse("\n\n  \n").motion, json!({}));
    let parsed = parse("Motion: Bara en titel");
    assert_eq!(parsed.motion, json!({"title": "Bara en titel"}));
}

#[test]
fn riksdag_items_stay_as_written_even_where_att_is_required() {
    let text = "Motion: Bättre vägar\n\nText.\n\nFörslag till riksdagsbeslut\n1. Riksdagen ställer sig bakom det som anförs i motionen om vägarna och tillkännager detta för regeringen.\n2. Utreda vägarna.\n\nAnna Ek (S)";
    let parsed = parse(text);
    assert_eq!(
        parsed.motion["proposals"],
        json!([
            "Riksdagen ställer sig bakom det som anförs i motionen om vägarna och tillkännager detta för regeringen.",
            "att utreda vägarna."
        ])
    );
    let riksdag = parse_motion_text(text, &compiled("riksdag"));
    assert_eq!(riksdag.motion["proposals"][1], "Utreda vägarna.");
}

// --- issue 14: real designations, "samt att" ----------------------------------

#[test]
fn riksdag_heading_with_the_designation_is_no_title() {
    let body = "Staten styr kommunerna allt hårdare genom riktade statsbidrag och detaljerade föreskrifter.";
    let text = format!(
        "Motion 1988/89:K633 av Anna Ek (S)\n\nKommunernas självstyrelse\n\n{body}\n\nHemställan\nMed hänvisning till det anförda hemställs\natt riksdagen som sin mening ger regeringen till känna vad i motionen anförts om kommunernas självstyrelse."
    );
    let parsed = parse_motion_text(&text, &compiled("riksdag"));
    assert_eq!(parsed.motion["diaryNumber"], "1988/89:K633");
    assert_eq!(parsed.motion["title"], "Kommunernas självstyrelse");
    assert_eq!(parsed.motion["body"], body);
    // No signatures at the end: the heading names the author.
    assert_eq!(
        parsed.motion["signatories"],
        json!([{"name": "Anna Ek", "party": "S"}])
    );
    assert!(parsed.issues.is_empty(), "{:?}", parsed.issues);
    // The same for 2005/06:So467 alone on the heading line, and for the
    // older layout: the designation on a line of its own, the authors
    // under it and their party on the next line.
    let text = "Motion 2005/06:So467\n\nBättre tandvård för äldre\n\nMånga äldre har inte råd med tandvård, och det syns i deras hälsa.\n\nFörslag till riksdagsbeslut\nRiksdagen ställer sig bakom det som anförs i motionen om tandvård för äldre.";
    let parsed = parse_motion_text(text, &compiled("riksdag"));
    assert_eq!(parsed.motion["diaryNumber"], "2005/06:So467");
    assert_eq!(parsed.motion["title"], "Bättre tandvård för äldre");
    let text = "Motion till riksdagen\n2004/05:K324\nav Anna Ek och Per Holm\n(båda c)\nKommunal självstyrelse\nHemställan\nMed hänvisning till det anförda hemställs\natt riksdagen som sin mening ger regeringen till känna vad i motionen anförts om självstyrelsen.";
    let parsed = parse_motion_text(text, &compiled("riksdag"));
    assert_eq!(parsed.motion["diaryNumber"], "2004/05:K324");
    assert_eq!(parsed.motion["title"], "Kommunal självstyrelse");
    assert_eq!(
        parsed.motion["signatories"],
        json!([{"name": "Anna Ek", "party": "C"}, {"name": "Per Holm", "party": "C"}])
    );
    // A council whose formats have no letters does not take it as its number.
    let parsed = parse_motion_text(
        "Motion 1988/89:K633 av Anna Ek (S)\n\nText om något.",
        &compiled("uppsala"),
    );
    assert!(parsed.motion.get("diaryNumber").is_none());
}

#[test]
fn samt_att_begins_a_new_att_sats_and_says_so() {
    let text = |list: &str| {
        format!("Motion: Lekplatsen i parken\n\nLekplatsen är sliten och flera redskap är avstängda.\n\nVi yrkar att kommunfullmäktige beslutar att {list}\n\nAnna Ek (S)\nUppsala den 14 februari 2022")
    };
    // The issue's own sentence.
    let parsed = validator("uppsala", Lang::Sv).parse_motion_text(&text(
        "utreda X, att avsätta medel i 2022 års budget samt att återrapportera senast i december.",
    ));
    assert_eq!(
        parsed.motion["proposals"],
        json!([
            "att utreda X",
            "att avsätta medel i 2022 års budget",
            "att återrapportera senast i december."
        ])
    );
    assert_eq!(parsed.issues.len(), 1, "{:?}", parsed.issues);
    let i = &parsed.issues[0];
    assert_eq!(
        (
            i.code,
            i.params["kind"].as_str(),
            i.params["joiner"].as_str()
        ),
        (
            Code::ImportAmbiguous,
            Some("proposal_split"),
            Some("samt att")
        )
    );
    assert_eq!(i.path, vec!["proposals".into(), 2.into()]);
    assert_eq!(i.params["line"], 5);
    assert_eq!(
        i.message,
        "Rad 5: ”samt att” lästes som början på ett nytt yrkande (yrkande 3). Hör det till yrkandet före, slå ihop dem."
    );
    let en = validator("uppsala", Lang::En)
        .parse_motion_text(&text("utreda X och att bygga Y, att Z samt att W"));
    assert_eq!(
        en.issues[0].message,
        "Line 5: “samt att” was read as the start of a new proposal (proposal 3). If it belongs to the proposal before, join them."
    );
    assert_eq!(en.motion["proposals"][0], "att utreda X och att bygga Y");
    // "och att" as the list's last conjunction; not where it goes on
    // within one att-sats, and never inside parentheses.
    let parsed = parse(&text("utreda X, att bygga Y och att återrapportera."));
    assert_eq!(parsed.motion["proposals"].as_array().unwrap().len(), 3);
    assert_eq!(parsed.issues[0].params["joiner"], "och att");
    let parsed = parse(&text("utreda hur X kan byggas och att finansiera det."));
    assert_eq!(
        parsed.motion["proposals"],
        json!(["att utreda hur X kan byggas och att finansiera det."])
    );
    assert!(parsed.issues.is_empty());
    let parsed = parse(&text("utreda X (samt att se över Y), att bygga Z."));
    assert_eq!(
        parsed.motion["proposals"],
        json!(["att utreda X (samt att se över Y)", "att bygga Z."])
    );
    assert!(parsed.issues.is_empty());
    // Bullets are one yrkande each, whatever they say.
    let parsed = parse("Motion: Lekplatsen\n\nText om lekplatsen.\n\nVi yrkar att\n- utreda X samt att bygga Y\n\nAnna Ek (S)");
    assert_eq!(
        parsed.motion["proposals"],
        json!(["att utreda X samt att bygga Y"])
    );
}

// --- linear and never panics -----------------------------------------------------

/// Inputs of about 1 MB in shapes that would expose a rescan: one long
/// line, many lines, many lead-ins, list items, parentheses, signatures,
/// repeated headers. Each must simply finish (no time limit: a quadratic
/// importer would take hours here, not a second).
#[test]
fn one_megabyte_inputs_finish() {
    const MB: usize = 1 << 20;
    let fill = |unit: &str| unit.repeat(MB / unit.len() + 1);
    let shapes = [
        fill("ord "),
        fill("\n"),
        fill("(S) ("),
        fill("Anna Ek (S)\n"),
        fill("Anna\n\n"),
        fill("- att utreda, att utreda; samt att utreda\n"),
        fill("Vi yrkar att kommunfullmäktige beslutar att yrkar "),
        fill("Jag yrkar att\n"),
        format!("Jag yrkar att\n- Uppdra\n{}", fill("ord och\n")),
        format!("Jag yrkar att\natt uppdra\n{}", fill("ord\n")),
        fill("Sidhuvud\nText.\n\n25 maj 2020\nMotion: X\n"),
        format!("Motion: X\n\n{}", fill("Text utan slut ")),
        format!("{HEAD}{}", fill("Anna Ek,\n")),
    ];
    let p = compiled("uppsala");
    for s in &shapes {
        let parsed = parse_motion_text(s, &p);
        assert!(parsed.motion.is_object());
    }
}

/// Pieces that reach the importer's corners.
const FRAGMENTS: &[&str] = &[
    "Motion: ",
    "Motion om ",
    "Motion till riksdagen ",
    "yrkar vi att:",
    "Jag yrkar",
    "Förslag till beslut",
    "föreslår att kommunfullmäktige beslutar",
    "\n",
    "\n\n",
    "\r\n",
    "- ",
    "• ",
    "1. ",
    "(",
    ")",
    "(S)",
    "(båda ",
    "m.fl.",
    "att ",
    ", att ",
    "; samt ",
    "Anna Ek ",
    "Lovisa",
    "För ",
    "Vänsterpartiet",
    "25 maj 2020",
    "2021/22:4102",
    "KSN-2020-02111",
    "Sida 1 av 2",
    "av ",
    "-",
    " ",
    "\u{feff}",
    "İ",
    "é",
    "\u{301}",
    ".",
    ":",
];

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(FRAGMENTS).prop_map(str::to_owned),
        1 => "\\PC{0,6}",
    ]
}

proptest! {
    #[test]
    fn arbitrary_strings_never_panic(s in "\\PC*", profile in prop::sample::select(Profile::builtin_names().collect::<Vec<_>>())) {
        let parsed = parse_motion_text(&s, &compiled(profile));
        prop_assert!(parsed.motion.is_object());
    }

    #[test]
    fn motion_like_strings_never_panic_and_issues_point_at_lines(parts in prop::collection::vec(fragment(), 0..60)) {
        let s: String = parts.concat();
        let lines = s.split('\n').count() as u64;
        for profile in ["uppsala", "riksdag"] {
            let parsed = parse_motion_text(&s, &compiled(profile));
            let mut last = 0;
            for i in &parsed.issues {
                let line = i.params["line"].as_u64().unwrap();
                prop_assert!(line >= 1 && line <= lines, "line {} of {}", line, lines);
                prop_assert!(line >= last, "issues out of line order");
                last = line;
                prop_assert!(!i.message.is_empty());
            }
            // What comes out is something the validator can read.
            let report = validator(profile, Lang::Sv).validate(&parsed.motion);
            prop_assert_eq!(report.valid, !report.issues.iter().any(Issue::is_error));
        }
    }

    #[test]
    fn generated_motions_round_trip(m in generated_motion()) {
        let parsed = parse_motion_text(&m.text, &compiled("uppsala"));
        prop_assert_eq!(&parsed.motion, &m.expected, "text:\n{}", m.text);
        prop_assert!(parsed.issues.is_empty(), "text:\n{}\nissues: {:?}", m.text, parsed.issues);
    }
}

// --- generated well-formed motions ---------------------------------------------

#[derive(Debug, Clone)]
struct Generated {
    text: String,
    expected: Value,
}

const TITLE_WORDS: &[&str] = &[
    "Fler",
    "cykelbanor",
    "tryggare",
    "skolvägar",
    "i",
    "centrum",
    "för",
    "alla",
    "bättre",
    "parker",
    "och",
    "badplatser",
];
const BODY_WORDS: &[&str] = &[
    "kommunen", "behöver", "fler", "platser", "där", "barn", "kan", "leka", "tryggt", "många",
    "saknar", "i", "dag", "en", "park", "nära", "hemmet", "och", "det", "är", "dags", "Uppsala",
    "stad", "växer", "snabbt",
];
const ITEMS: &[&str] = &[
    "uppdra åt gatunämnden att planera nya cykelbanor",
    "ge kulturnämnden i uppdrag att utreda frågan",
    "kostnaderna särredovisas i bokslutet",
    "kommunstyrelsen återkommer med en plan",
    "utreda hur fler bänkar kan ställas ut",
    "idrottsnämnden får i uppdrag att bygga ett utegym",
];
const NAMES: &[&str] = &[
    "Anna Ek",
    "Per Lindqvist",
    "Lovisa Johansson",
    "Karin von Sydow",
    "Ahmed Ali",
    "Eva-Lena Berg",
    "Stina Jansson",
];
/// (written, canonical)
const PARTIES: &[(&str, &str)] = &[
    ("S", "S"),
    ("m", "M"),
    ("F!", "FI"),
    ("Fi", "FI"),
    ("-", "-"),
    ("Liberalerna", "L"),
    ("mp", "MP"),
    ("C", "C"),
];
const LEAD_INS: &[&str] = &[
    "Med anledning av detta yrkar vi att:",
    "Jag yrkar att",
    "Vi yrkar",
    "Därför föreslår jag att kommunfullmäktige beslutar",
    "Vi föreslår fullmäktige besluta att",
    "Förslag till beslut",
    "Yrkanden",
];
const MONTHS: &[&str] = &[
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Wraps text at about `width` characters, as a PDF does.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for w in text.split(' ') {
        if line > 0 && line + w.len() > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(w);
        line += w.chars().count();
    }
    out
}

fn generated_motion() -> impl Strategy<Value = Generated> {
    let title = prop::collection::vec(prop::sample::select(TITLE_WORDS), 2..7);
    let sentence = prop::collection::vec(prop::sample::select(BODY_WORDS), 3..12);
    let paragraph = prop::collection::vec(sentence, 1..4);
    let body = prop::collection::vec(paragraph, 1..4);
    let items = prop::collection::vec((prop::sample::select(ITEMS), any::<bool>()), 1..5);
    let sigs = prop::collection::vec(
        (prop::sample::select(NAMES), prop::sample::select(PARTIES)),
        1..5,
    );
    let date = prop::option::of((1u8..=28, 0usize..12, 2015u16..2030, any::<bool>()));
    let style = (
        0usize..3,
        0usize..LEAD_INS.len(),
        0usize..7,
        0usize..3,
        any::<bool>(),
        any::<bool>(),
    );
    (title, body, items, sigs, date, style).prop_map(
        |(
            title,
            body,
            items,
            sigs,
            date,
            (title_style, lead, item_style, sig_style, wrap_body, blank_sigs),
        )| {
            let mut text = String::new();
            let mut motion = serde_json::Map::new();
            // Title.
            let t = capitalize(&title.join(" "));
            let title_value = match title_style {
                0 => {
                    text.push_str(&format!("Motion: {t}\n\n"));
                    t
                }
                1 => {
                    let line = format!("Motion om {}", title.join(" "));
                    text.push_str(&format!("{line}\n\n"));
                    line
                }
                _ => {
                    text.push_str(&format!("{t}\n\n"));
                    t
                }
            };
            motion.insert("title".into(), json!(title_value));
            // Background.
            let paragraphs: Vec<String> = body
                .iter()
                .map(|p| {
                    p.iter()
                        .map(|s| format!("{}.", capitalize(&s.join(" "))))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            for p in &paragraphs {
                text.push_str(&if wrap_body { wrap(p, 50) } else { p.clone() });
                text.push_str("\n\n");
            }
            motion.insert("body".into(), json!(paragraphs.join("\n\n")));
            // Yrkanden.
            text.push_str(LEAD_INS[lead]);
            text.push('\n');
            let proposals: Vec<String> = items
                .iter()
                .map(|(item, dot)| format!("att {item}{}", if *dot { "." } else { "" }))
                .collect();
            let n = items.len();
            for (k, (item, dot)) in items.iter().enumerate() {
                let end = if *dot {
                    "."
                } else if k + 1 < n {
                    ","
                } else {
                    ""
                };
                let line = match item_style {
                    0 => format!("- {}{end}", capitalize(item)),
                    1 => format!("• att {item}{end}"),
                    2 => format!("– {}{end}", capitalize(item)),
                    3 => format!("* {}{end}", capitalize(item)),
                    4 => format!("{}. {}{end}", k + 1, capitalize(item)),
                    5 => format!("{}) att {item}{end}", k + 1),
                    _ => format!(
                        "att {item}{}",
                        if *dot {
                            "."
                        } else if k + 1 < n {
                            ", samt"
                        } else {
                            ""
                        }
                    ),
                };
                text.push_str(&line);
                text.push('\n');
            }
            motion.insert("proposals".into(), json!(proposals));
            text.push('\n');
            // Date before or after the names.
            let date_line = date.map(|(d, m, y, iso)| {
                let line = if iso {
                    format!("{y}-{:02}-{d:02}", m + 1)
                } else {
                    format!("Uppsala den {d} {} {y}", MONTHS[m])
                };
                (line, format!("{y}-{:02}-{d:02}", m + 1))
            });
            if let Some((line, iso)) = &date_line {
                motion.insert("submittedOn".into(), json!(iso));
                if sig_style == 0 {
                    text.push_str(line);
                    text.push_str("\n\n");
                }
            }
            // Signatures: one per line, "Name, Party", or grouped by party.
            let mut signatories = Vec::new();
            let mut k = 0;
            while k < sigs.len() {
                let (name, (written, code)) = sigs[k];
                let same = sigs.get(k + 1).filter(|(_, (_, c))| *c == code);
                match (sig_style, same) {
                    (2, Some((next, _))) => {
                        text.push_str(&format!("{name} och {next} (båda {written})\n"));
                        signatories.push(json!({"name": name, "party": code}));
                        signatories.push(json!({"name": next, "party": code}));
                        k += 2;
                    }
                    (1, _) if written.len() > 2 => {
                        text.push_str(&format!("{name}, {written}\n"));
                        signatories.push(json!({"name": name, "party": code}));
                        k += 1;
                    }
                    _ => {
                        text.push_str(&format!("{name} ({written})\n"));
                        signatories.push(json!({"name": name, "party": code}));
                        k += 1;
                    }
                }
                if blank_sigs {
                    text.push('\n');
                }
            }
            motion.insert("signatories".into(), json!(signatories));
            if let Some((line, _)) = &date_line {
                if sig_style != 0 {
                    text.push('\n');
                    text.push_str(line);
                    text.push('\n');
                }
            }
            Generated {
                text,
                expected: Value::Object(motion),
            }
        },
    )
}
