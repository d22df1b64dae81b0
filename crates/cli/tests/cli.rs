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
    // From a thread, and a closed pipe is fine: the command may stop
    // reading early (that is what the size limit is for).
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_owned();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(input.as_bytes());
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
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

#[test]
fn control_characters_in_values_are_shown_escaped_on_a_terminal() {
    let motion = r#"{"title":"Fler cykelbanor i centrum","body":"Cyklister i centrum saknar trygga och sammanhängande cykelbanor året runt.",
        "proposals":["att uppdra åt gatunämnden att planera nya cykelbanor"],
        "signatories":[{"name":"Anna Svensson","party":"\u001b]0;PWNED\u0007\u001b[31mRED"}],
        "submittedOn":"2021-03-15"}"#;
    let (code, out, _) = run(&["check", "--today", "2021-06-01", "-"], motion);
    assert_eq!(code, 1);
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(out.contains(r"\u{1b}]0;PWNED\u{7}\u{1b}[31mRED"), "{out}");
    // JSON output keeps the value as it is (JSON escapes it itself).
    let (_, out, _) = run(
        &["check", "--format", "json", "--today", "2021-06-01", "-"],
        motion,
    );
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        report["issues"][0]["params"]["value"],
        "\u{1b}]0;PWNED\u{7}\u{1b}[31mRED"
    );
}

#[test]
fn stdin_is_read_only_up_to_the_limit() {
    // 5 MB on stdin: refused as too large without reading it all.
    let big = "x".repeat(5 << 20);
    let (code, out, _) = run(&["check", "--format", "json", "-"], &big);
    assert_eq!(code, 1);
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["issues"][0]["code"], "input_too_large");
    assert_eq!(report["issues"][0]["params"]["max"], 1 << 20);
}

#[test]
fn a_device_that_never_ends_is_refused_not_read_forever() {
    let (code, out, _) = run(&["check", "--format", "json", "/dev/zero"], "");
    assert_eq!(code, 1);
    assert!(out.contains("input_too_large"), "{out}");
    let (code, _, err) = run(&["import", "/dev/zero"], "");
    assert_eq!(code, 1);
    assert!(err.contains("[input_too_large]"), "{err}");
}
