//! The `motion-validator` command, run as a user runs it.

use serde_json::Value;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");

fn seed_motion_text() -> String {
    let doc = std::fs::read_to_string(format!("{FIXTURES}/seed/KSN-2020-02111.txt")).unwrap();
    let at = doc.find("Motion: Stärka").expect("the motion's title line");
    doc.get(at..).unwrap().to_owned()
}

fn assert_seed_motion(motion: &Value) {
    let seed: Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{FIXTURES}/seed.json")).unwrap())
            .unwrap();
    for key in ["title", "body", "proposals"] {
        assert_eq!(motion[key], seed[key], "{key}");
    }
    assert_eq!(motion["signatories"][0]["party"], "FI");
}

use std::io::Write;
use std::process::{Command, Stdio};

fn run(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_motion-validator"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn import_prints_the_motion() {
    let text = seed_motion_text();
    let (code, out, err) = run(&["import", "-"], &text);
    assert_eq!(code, 0, "{err}");
    let motion: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_seed_motion(&motion);
    assert_eq!(err, "");
}

#[test]
fn import_validate_reports_and_exits_1_when_invalid() {
    let text = seed_motion_text();
    let (code, out, _) = run(
        &[
            "import",
            "--validate",
            "--today",
            "2021-06-01",
            "--lang",
            "en",
            "-",
        ],
        &text,
    );
    assert_eq!(code, 1);
    assert!(
        out.contains("submittedOn: Enter the date the motion was submitted."),
        "{out}"
    );
    let with_date = format!("{text}\n\nUppsala den 25 maj 2020\n");
    let (code, out, _) = run(
        &[
            "import",
            "--validate",
            "--today",
            "2021-06-01",
            "--format",
            "json",
            "-",
        ],
        &with_date,
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.lines().last().unwrap().starts_with(r#"{"valid":true"#),
        "{out}"
    );
}

#[test]
fn import_errors_exit_1_and_go_to_stderr() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/seed/KSN-2020-02111.txt"
    );
    let (code, out, err) = run(&["import", path], "");
    assert_eq!(code, 1);
    assert!(out.starts_with('{'));
    assert!(err.contains("[import_unrecognized]"), "{err}");
}

#[test]
fn import_usage_errors_exit_2() {
    assert_eq!(run(&["import", "/no/such/file"], "").0, 2);
    assert_eq!(run(&["import", "--profile", "narnia", "-"], "").0, 2);
    assert_eq!(run(&["import"], "").0, 2);
}
