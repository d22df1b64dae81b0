//! The motions API, the registrar's inbox and the database, over the real
//! binary: `motion-validator serve --port 0 --data TMP` on 127.0.0.1, a
//! real SQLite file in a temporary directory, plain HTTP/1.1 written by
//! hand. Every response of the motions API is also checked against the
//! schemas of the OpenAPI document the server serves.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

#[path = "support/http.rs"]
#[allow(dead_code)] // each test file uses part of it
mod http;
use http::Reply;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
const SEED: &str = include_str!("../../../tests/fixtures/seed.json");
const PASSWORD: &str = "rätt-lösenord-123";
const TOKEN: &str = "test-token-0123456789abcdef0123456789abcdef";

struct Server {
    child: Child,
    addr: SocketAddr,
    dir: PathBuf,
}

/// Options for a server: the data dir is shared when a test restarts it.
struct Opts<'a> {
    password: bool,
    token: bool,
    extra: &'a [&'a str],
}

const FULL: Opts<'static> = Opts {
    password: true,
    token: true,
    extra: &[],
};

impl Server {
    fn start(dir: &Path, opts: &Opts<'_>) -> Server {
        let data = dir.join("data");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_motion-validator"));
        cmd.args(["serve", "--port", "0", "--root", ROOT, "--data"])
            .arg(&data)
            .args(opts.extra)
            .env_remove("MOTION_VALIDATOR_REGISTRAR_PASSWORD")
            .env_remove("MOTION_VALIDATOR_API_TOKEN");
        if opts.password {
            let file = dir.join("password");
            std::fs::write(&file, format!("{PASSWORD}\n")).expect("password file");
            cmd.arg("--registrar-password-file").arg(file);
        }
        if opts.token {
            cmd.env("MOTION_VALIDATOR_API_TOKEN", TOKEN);
        }
        let (child, addr) = http::spawn_server(cmd, dir);
        Server {
            child,
            addr,
            dir: dir.to_owned(),
        }
    }

    fn send(&self, raw: &[u8]) -> Reply {
        let mut s = TcpStream::connect(self.addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(30))).ok();
        let _ = s.write_all(raw);
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        Reply::parse(&out)
    }

    fn request(
        &self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
    ) -> Reply {
        let mut raw = format!("{method} {target} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n");
        for (k, v) in headers {
            raw.push_str(&format!("{k}: {v}\r\n"));
        }
        if let Some(b) = body {
            if !headers
                .iter()
                .any(|(k, _)| k.eq_ignore_ascii_case("content-type"))
            {
                raw.push_str("Content-Type: application/json\r\n");
            }
            raw.push_str(&format!("Content-Length: {}\r\n", b.len()));
        }
        raw.push_str("\r\n");
        let mut raw = raw.into_bytes();
        raw.extend_from_slice(body.unwrap_or_default());
        self.send(&raw)
    }

    fn submit(&self, body: &str, headers: &[(&str, &str)]) -> Reply {
        self.request(
            "POST",
            "/api/v1/motions?profile=uppsala",
            headers,
            Some(body.as_bytes()),
        )
    }

    fn get_with_token(&self, target: &str) -> Reply {
        let auth = format!("Bearer {TOKEN}");
        self.request("GET", target, &[("Authorization", &auth)], None)
    }

    fn register_with_token(&self, reference: &str, number: &str) -> Reply {
        let auth = format!("Bearer {TOKEN}");
        let body = json!({ "diaryNumber": number }).to_string();
        self.request(
            "POST",
            &format!("/api/v1/motions/{reference}/registration"),
            &[("Authorization", &auth)],
            Some(body.as_bytes()),
        )
    }

    /// Logs in through the form: the session cookie.
    fn login(&self) -> String {
        let body = format!("password={}&next=%2Fregistrator", urlencode(PASSWORD));
        let r = self.request(
            "POST",
            "/registrator/logga-in",
            &[("Content-Type", "application/x-www-form-urlencoded")],
            Some(body.as_bytes()),
        );
        assert_eq!(r.status, 303, "{}", r.text());
        assert_eq!(r.header("location"), Some("/registrator"));
        let set = r.header("set-cookie").expect("a session cookie");
        assert!(set.contains("HttpOnly"), "{set}");
        assert!(set.contains("SameSite=Strict"), "{set}");
        assert!(!set.contains("Secure"), "plain HTTP: {set}");
        set.split(';').next().expect("cookie").to_owned()
    }

    /// The CSRF token on a page of the inbox.
    fn csrf(&self, cookie: &str) -> String {
        let r = self.request("GET", "/registrator", &[("Cookie", cookie)], None);
        assert_eq!(r.status, 200);
        let page = r.text();
        let at = page.find("name=\"csrf\" value=\"").expect("a csrf field") + 19;
        page[at..at + 64].to_owned()
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("server.log")).unwrap_or_default()
    }

    /// SIGKILL: no shutdown, no flush, nothing.
    fn kill_hard(mut self) {
        self.child.kill().expect("kill -9");
        self.child.wait().ok();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn codes(report: &Value) -> Vec<&str> {
    report["issues"]
        .as_array()
        .expect("issues")
        .iter()
        .filter_map(|i| i["code"].as_str())
        .collect()
}

/// Checks `instance` against a schema of the OpenAPI document.
fn assert_schema(doc: &Value, schema: &str, instance: &Value) {
    let wrapper = json!({
        "$ref": format!("#/components/schemas/{schema}"),
        "components": doc["components"],
    });
    let validator = jsonschema::validator_for(&wrapper).expect("the OpenAPI schemas compile");
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{schema}: {errors:?}\n{instance}");
}

fn openapi(server: &Server) -> Value {
    let r = server.request("GET", "/api/v1/openapi.json", &[], None);
    assert_eq!(r.status, 200);
    r.json()
}

fn this_year() -> i32 {
    // Good enough for a test: the year in UTC (the server uses Sweden's,
    // which differs only in the first hours of New Year's Day).
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    1970 + i32::try_from(secs / 31_556_952).expect("year")
}

#[test]
fn a_valid_motion_is_stored_and_the_receipt_has_it_all() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Server::start(dir.path(), &FULL);
    let doc = openapi(&server);
    let started = Instant::now();
    let r = server.submit(SEED, &[]);
    let took = started.elapsed();
    assert_eq!(r.status, 201, "{}", r.text());
    let receipt = r.json();
    assert_schema(&doc, "Receipt", &receipt);
    let reference = receipt["reference"].as_str().expect("reference").to_owned();
    assert!(
        reference == format!("M-{}-0001", this_year()) || reference.ends_with("-0001"),
        "{reference}"
    );
    assert_eq!(
        r.header("location"),
        Some(format!("/api/v1/motions/{reference}").as_str())
    );
    assert_eq!(r.header("cache-control"), Some("no-store"));
    assert_eq!(receipt["status"], "inkommen");
    assert_eq!(receipt["profile"], "uppsala");
    let received = receipt["receivedAt"].as_str().expect("receivedAt");
    assert!(
        received.len() == 20 && received.ends_with('Z'),
        "{received}"
    );
    // The motion as stored: normalized (F! → FI), in full.
    let seed: Value = serde_json::from_str(SEED).expect("seed");
    assert_eq!(receipt["motion"]["title"], seed["title"]);
    assert_eq!(receipt["motion"]["proposals"], seed["proposals"]);
    assert_eq!(receipt["motion"]["signatories"][0]["party"], "FI");
    assert_eq!(receipt["report"]["valid"], true);
    // Read back with the token: the same motion, its deadline.
    let r = server.get_with_token(&format!("/api/v1/motions/{reference}"));
    assert_eq!(r.status, 200, "{}", r.text());
    let record = r.json();
    assert_schema(&doc, "MotionRecord", &record);
    assert_eq!(record["motion"], receipt["motion"]);
    assert_eq!(record["receivedAt"], receipt["receivedAt"]);
    assert_eq!(record["answerDueOn"], "2021-05-25");
    assert_eq!(record["deadlinePassed"], true);
    assert_eq!(record["diaryNumber"], Value::Null);
    // The next one gets the next number.
    let second = server.submit(SEED, &[]).json();
    assert!(second["reference"]
        .as_str()
        .is_some_and(|s| s.ends_with("-0002")));
    let list = server.get_with_token("/api/v1/motions").json();
    assert_schema(&doc, "MotionList", &list);
    assert_eq!(list["total"], 2);
    // Newest first.
    assert_eq!(list["items"][0]["reference"], second["reference"]);
    assert!(server.log().contains(&format!("{reference} received")));
    assert!(!server.log().contains("Stärka"), "the log has motion text");
    eprintln!("POST /api/v1/motions → 201 in {took:?} (debug build, fsync included)");
}

#[test]
fn an_invalid_motion_is_422_with_the_validate_report_and_nothing_is_stored() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Server::start(dir.path(), &FULL);
    let doc = openapi(&server);
    let motion = r#"{"title": "Kort", "proposals": ["Uppdra åt nämnden att göra något"], "submittedOn": "2020-05-25"}"#;
    let r = server.submit(motion, &[]);
    assert_eq!(r.status, 422);
    assert_schema(&doc, "Report", &r.json());
    let validate = server.request(
        "POST",
        "/api/v1/validate?profile=uppsala",
        &[],
        Some(motion.as_bytes()),
    );
    assert_eq!(r.text(), validate.text(), "the same report as /validate");
    // Not JSON: 400 with a report; too large: 413 with a report.
    let r = server.submit("{\"title\": ", &[]);
    assert_eq!(r.status, 400);
    assert_eq!(codes(&r.json()), ["invalid_json"]);
    let big = format!("{}{}", SEED, " ".repeat(1 << 20));
    let r = server.submit(&big, &[]);
    assert_eq!(r.status, 413);
    assert_eq!(codes(&r.json()), ["input_too_large"]);
    // Options: today cannot be chosen, nor the registration stage.
    let r = server.request(
        "POST",
        "/api/v1/motions?today=2019-01-01",
        &[],
        Some(SEED.as_bytes()),
    );
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["parameter"], "today");
    let r = server.request(
        "POST",
        "/api/v1/motions?stage=registration",
        &[],
        Some(SEED.as_bytes()),
    );
    assert_eq!(r.json()["error"], "invalid_stage");
    let r = server.request(
        "POST",
        "/api/v1/motions?profile=narnia",
        &[],
        Some(SEED.as_bytes()),
    );
    assert_eq!(r.json()["error"], "unknown_profile");
    assert_schema(&doc, "OptionError", &r.json());
    let list = server.get_with_token("/api/v1/motions").json();
    assert_eq!(list["total"], 0, "nothing stored");
}

#[test]
fn an_idempotency_key_stores_one_motion() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Server::start(dir.path(), &FULL);
    let key = [("Idempotency-Key", "draft-4f1c2a")];
    let first = server.submit(SEED, &key);
    assert_eq!(first.status, 201);
    assert_eq!(first.header("idempotent-replayed"), None);
    // A double click: two at once, then one more.
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| server.submit(SEED, &key));
        let b = s.spawn(|| server.submit(SEED, &key));
        (a.join().expect("a"), b.join().expect("b"))
    });
    for again in [a, b, server.submit(SEED, &key)] {
        assert_eq!(again.status, 201);
        assert_eq!(again.header("idempotent-replayed"), Some("true"));
        assert_eq!(again.text(), first.text(), "the same body");
        assert_eq!(again.header("location"), first.header("location"));
    }
    // The same key with another motion is a mistake.
    let other = SEED.replace("Stärka arbetet", "Förstärka arbetet");
    let r = server.submit(&other, &key);
    assert_eq!(r.status, 409);
    assert_eq!(r.json()["error"], "idempotency_key_reused");
    assert!(r.json()["message"].as_str().is_some_and(|m| !m.is_empty()));
    // Keys are short visible ASCII.
    let long = "k".repeat(201);
    let r = server.submit(SEED, &[("Idempotency-Key", &long)]);
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["error"], "invalid_idempotency_key");
    let list = server.get_with_token("/api/v1/motions").json();
    assert_eq!(list["total"], 1, "one motion, not two");
}

#[test]
fn handing_in_is_rate_limited_per_client() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Server::start(
        dir.path(),
        &Opts {
            password: false,
            token: false,
            extra: &["--submit-limit", "3"],
        },
    );
    for _ in 0..3 {
        assert_eq!(server.submit("{}", &[]).status, 422);
    }
    let r = server.submit(SEED, &[]);
    assert_eq!(r.status, 429);
    assert_eq!(r.json()["error"], "rate_limited");
    let wait: u64 = r
        .header("retry-after")
        .and_then(|s| s.parse().ok())
        .expect("Retry-After in seconds");
    assert!((1..=60).contains(&wait), "{wait}");
    // Checking is not handing in: /validate is not limited.
    let r = server.request("POST", "/api/v1/validate", &[], Some(SEED.as_bytes()));
    assert_eq!(r.status, 200);
}

#[test]
fn reading_and_registering_need_credentials_and_leak_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Server::start(dir.path(), &FULL);
    let reference = server.submit(SEED, &[]).json()["reference"]
        .as_str()
        .expect("reference")
        .to_owned();
    let body = br#"{"diaryNumber": "KSN-2020-02111"}"#;
    let wrong = format!("Bearer {}", "x".repeat(40));
    for headers in [
        vec![],
        vec![("Authorization", wrong.as_str())],
        vec![("Cookie", "motion_registrator=0000")],
    ] {
        for (method, target, body) in [
            ("GET", "/api/v1/motions".to_owned(), None),
            ("GET", format!("/api/v1/motions/{reference}"), None),
            (
                "POST",
                format!("/api/v1/motions/{reference}/registration"),
                Some(&body[..]),
            ),
        ] {
            let r = server.request(method, &target, &headers, body);
            assert_eq!(r.status, 401, "{method} {target} {headers:?}");
            assert_eq!(r.json()["error"], "unauthorized");
            assert!(r.header("www-authenticate").is_some());
            assert!(!r.text().contains("Stärka"), "motion text leaked");
        }
    }
    // The inbox's pages send you to the login, with no motion text.
    for target in [
        "/registrator",
        &format!("/registrator/motioner/{reference}"),
        "/registrator/export.csv",
    ] {
        let r = server.request("GET", target, &[], None);
        assert_eq!(r.status, 303, "{target}");
        assert!(r
            .header("location")
            .is_some_and(|l| l.starts_with("/registrator/logga-in?next=")));
        assert!(!r.text().contains("Stärka"));
    }
    // A form post without a session changes nothing.
    let r = server.request(
        "POST",
        &format!("/registrator/motioner/{reference}"),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        Some(b"csrf=x&diaryNumber=KSN-2020-02111"),
    );
    assert_eq!(r.status, 401);
    let record = server
        .get_with_token(&format!("/api/v1/motions/{reference}"))
        .json();
    assert_eq!(record["status"], "inkommen");
}

#[test]
fn without_a_password_the_inbox_is_off_and_says_how_to_turn_it_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Server::start(
        dir.path(),
        &Opts {
            password: false,
            token: false,
            extra: &[],
        },
    );
    let r = server.request("GET", "/registrator", &[], None);
    assert_eq!(r.status, 503);
    assert!(r.text().contains("--registrar-password-file"));
    assert!(r.text().contains("Inkorgen är avstängd"));
    let r = server.request("GET", "/api/v1/motions", &[], None);
    assert_eq!(r.status, 401);
    assert!(r.json()["message"]
        .as_str()
        .is_some_and(|m| m.contains("avstängda")));
    // Handing in still works.
    assert_eq!(server.submit(SEED, &[]).status, 201);
    assert!(server.log().contains("inbox is off"));
}

#[test]
fn the_registrar_registers_with_a_canonical_unique_number() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Server::start(dir.path(), &FULL);
    let doc = openapi(&server);
    let reference = |r: Reply| r.json()["reference"].as_str().expect("ref").to_owned();
    let first = reference(server.submit(SEED, &[]));
    let second = reference(server.submit(SEED, &[]));
    // Unreadable numbers and future years are the engine's 422.
    let r = server.register_with_token(&first, "hej");
    assert_eq!(r.status, 422);
    assert_schema(&doc, "Report", &r.json());
    assert!(codes(&r.json()).contains(&"diary_number_format"));
    let r = server.register_with_token(&first, "KSN-2999-00001");
    assert_eq!(r.status, 422);
    assert!(codes(&r.json()).contains(&"diary_number_year"));
    let r = server.register_with_token(&first, "");
    assert!(codes(&r.json()).contains(&"required"));
    // Loose spelling is stored canonical; the warnings are kept.
    let r = server.register_with_token(&first, "ksn 2020 2111");
    assert_eq!(r.status, 200, "{}", r.text());
    let record = r.json();
    assert_schema(&doc, "MotionRecord", &record);
    assert_eq!(record["status"], "registrerad");
    assert_eq!(record["diaryNumber"], "KSN-2020-02111");
    assert_eq!(record["motion"]["diaryNumber"], "KSN-2020-02111");
    assert!(record["registeredAt"]
        .as_str()
        .is_some_and(|t| t.ends_with('Z')));
    assert_eq!(codes(&record["registrationReport"]), ["answer_overdue"]);
    // Once only, and a number once per profile.
    let r = server.register_with_token(&first, "KSN-2020-02112");
    assert_eq!(r.status, 409);
    assert_eq!(r.json()["error"], "already_registered");
    let r = server.register_with_token(&second, "KSN-2020-02111");
    assert_eq!(r.status, 409);
    assert_eq!(r.json()["error"], "diary_number_taken");
    assert!(r.json()["message"]
        .as_str()
        .is_some_and(|m| m.contains(&first)));
    // A year that is not the submission year is a warning, not an error.
    let r = server.register_with_token(&second, "KSN-2021-00007");
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(codes(&r.json()["registrationReport"]).contains(&"diary_number_year_mismatch"));
    // The list filters by status.
    let third = reference(server.submit(SEED, &[]));
    let list = server
        .get_with_token("/api/v1/motions?status=inkommen")
        .json();
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["reference"], third.as_str());
    let list = server
        .get_with_token("/api/v1/motions?status=registrerad&perPage=1&page=2")
        .json();
    assert_eq!(
        (
            list["total"].as_u64(),
            list["items"].as_array().map(Vec::len)
        ),
        (Some(2), Some(1))
    );
    assert_eq!(list["perPage"], 1);
    // Mistakes in the call.
    let r = server.get_with_token("/api/v1/motions?status=klar");
    assert_eq!(
        (r.status, r.json()["error"].as_str()),
        (400, Some("invalid_status"))
    );
    let r = server.get_with_token("/api/v1/motions?perPage=500");
    assert_eq!(r.status, 400);
    let r = server.get_with_token("/api/v1/motions?sida=2");
    assert_eq!(r.json()["error"], "invalid_query");
    let r = server.get_with_token("/api/v1/motions/M-1999-0001");
    assert_eq!(
        (r.status, r.json()["error"].as_str()),
        (404, Some("motion_not_found"))
    );
    let r = server.register_with_token("M-1999-0001", "KSN-2020-02113");
    assert_eq!(r.status, 404);
    let auth = format!("Bearer {TOKEN}");
    let r = server.request(
        "POST",
        &format!("/api/v1/motions/{third}/registration"),
        &[("Authorization", &auth)],
        Some(b"KSN-2020-02113"),
    );
    assert_eq!(
        (r.status, r.json()["error"].as_str()),
        (400, Some("invalid_body"))
    );
    let r = server.request("DELETE", &format!("/api/v1/motions/{third}"), &[], None);
    assert_eq!(r.status, 405);
    assert_eq!(r.json()["error"], "method_not_allowed");
}

#[test]
fn the_registrars_session_works_with_csrf_and_a_wrong_password_is_slowed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Server::start(dir.path(), &FULL);
    let reference = server.submit(SEED, &[]).json()["reference"]
        .as_str()
        .expect("reference")
        .to_owned();
    // Wrong passwords: refused, and the second waits.
    let wrong = |pw: &str| {
        server.request(
            "POST",
            "/registrator/logga-in",
            &[("Content-Type", "application/x-www-form-urlencoded")],
            Some(format!("password={pw}&next=%2Fregistrator").as_bytes()),
        )
    };
    let r = wrong("fel-losenord");
    assert_eq!(r.status, 401);
    assert!(r.header("set-cookie").is_none());
    assert!(r.text().contains("Fel lösenord"));
    let started = Instant::now();
    assert_eq!(wrong("fel-igen").status, 401);
    assert!(
        started.elapsed() >= Duration::from_millis(450),
        "{:?}",
        started.elapsed()
    );
    // A login posted from another site is refused.
    let body = format!("password={}", urlencode(PASSWORD));
    let r = server.request(
        "POST",
        "/registrator/logga-in",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Sec-Fetch-Site", "cross-site"),
        ],
        Some(body.as_bytes()),
    );
    assert_eq!(r.status, 403);
    let cookie = server.login();
    // The inbox lists the motion with its deadline, passed.
    let r = server.request("GET", "/registrator", &[("Cookie", &cookie)], None);
    assert_eq!(r.status, 200);
    assert_eq!(r.header("cache-control"), Some("no-store"));
    let page = r.text();
    assert!(page.contains(&reference));
    assert!(page.contains("2021-05-25"));
    assert!(page.contains("deadline--passed"));
    // The API with the cookie: reading is fine; a change needs the token.
    let r = server.request("GET", "/api/v1/motions", &[("Cookie", &cookie)], None);
    assert_eq!(r.status, 200);
    let target = format!("/api/v1/motions/{reference}/registration");
    let body = br#"{"diaryNumber": "ksn 2020 2111"}"#;
    let r = server.request("POST", &target, &[("Cookie", &cookie)], Some(body));
    assert_eq!(
        (r.status, r.json()["error"].as_str()),
        (403, Some("csrf_failed"))
    );
    let csrf = server.csrf(&cookie);
    let r = server.request(
        "POST",
        &target,
        &[("Cookie", &cookie), ("X-CSRF-Token", &csrf)],
        Some(body),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["diaryNumber"], "KSN-2020-02111");
    // The form post needs the token too.
    let second = server.submit(SEED, &[]).json()["reference"]
        .as_str()
        .expect("reference")
        .to_owned();
    let form = |csrf: &str, number: &str| {
        server.request(
            "POST",
            &format!("/registrator/motioner/{second}"),
            &[
                ("Cookie", &cookie),
                ("Content-Type", "application/x-www-form-urlencoded"),
            ],
            Some(format!("csrf={csrf}&diaryNumber={}", urlencode(number)).as_bytes()),
        )
    };
    assert_eq!(form("fel", "KSN-2020-02112").status, 403);
    let r = form(&csrf, "KSN-2020-02111");
    assert_eq!(r.status, 409);
    assert!(r.text().contains("används redan"));
    let r = form(&csrf, "hej");
    assert_eq!(r.status, 422);
    assert!(r.text().contains("id=\"diary-number-error\""));
    assert!(r.text().contains("aria-invalid=\"true\""));
    let r = form(&csrf, "ksn 2020 2112");
    assert_eq!(r.status, 303);
    let r = server.request(
        "GET",
        &format!("/registrator/motioner/{second}"),
        &[("Cookie", &cookie)],
        None,
    );
    assert!(r
        .text()
        .contains("Registrerad som <span id=\"registered-number\">KSN-2020-02112</span>"));
    // The CSV: BOM, semicolons, both motions.
    let r = server.request(
        "GET",
        "/registrator/export.csv",
        &[("Cookie", &cookie)],
        None,
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/csv; charset=utf-8"));
    assert!(r
        .header("content-disposition")
        .is_some_and(|d| d.contains("attachment")));
    assert_eq!(&r.body[..3], b"\xef\xbb\xbf");
    let csv = r.text();
    assert!(csv.contains("\"Referens\";\"Status\""));
    assert!(csv.contains("\"KSN-2020-02112\""));
    assert!(csv.contains("Charlie Strängberg (FI)"));
    assert_eq!(csv.lines().count(), 3);
    // Logging out ends the session.
    let r = server.request(
        "POST",
        "/registrator/logga-ut",
        &[
            ("Cookie", &cookie),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        Some(format!("csrf={csrf}").as_bytes()),
    );
    assert_eq!(r.status, 303);
    assert_eq!(
        server
            .request("GET", "/api/v1/motions", &[("Cookie", &cookie)], None)
            .status,
        401
    );
}

#[test]
fn a_201_survives_kill_9() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Server::start(dir.path(), &FULL);
    let r = server.submit(SEED, &[("Idempotency-Key", "kill-9")]);
    assert_eq!(r.status, 201);
    let receipt = r.json();
    // Killed the moment the 201 is read: no shutdown, no checkpoint.
    server.kill_hard();
    let server = Server::start(dir.path(), &FULL);
    let reference = receipt["reference"].as_str().expect("reference");
    let r = server.get_with_token(&format!("/api/v1/motions/{reference}"));
    assert_eq!(r.status, 200, "the motion is there after kill -9");
    assert_eq!(r.json()["motion"], receipt["motion"]);
    assert_eq!(r.json()["receivedAt"], receipt["receivedAt"]);
    // The key still holds, and the numbers go on.
    let again = server.submit(SEED, &[("Idempotency-Key", "kill-9")]);
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(again.json(), receipt);
    let next = server.submit(SEED, &[]).json();
    assert!(next["reference"]
        .as_str()
        .is_some_and(|s| s.ends_with("-0002")));
}

#[test]
fn cors_is_for_checking_only_and_only_for_listed_origins() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Server::start(
        dir.path(),
        &Opts {
            password: true,
            token: true,
            extra: &["--cors-origin", "https://portal.example.se"],
        },
    );
    let preflight = |target: &str, origin: &str| {
        server.request(
            "OPTIONS",
            target,
            &[
                ("Origin", origin),
                ("Access-Control-Request-Method", "POST"),
                ("Access-Control-Request-Headers", "content-type"),
            ],
            None,
        )
    };
    let r = preflight("/api/v1/validate", "https://portal.example.se");
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://portal.example.se")
    );
    assert_eq!(r.header("access-control-allow-credentials"), None);
    let r = preflight("/api/v1/validate", "https://evil.example");
    assert_eq!(r.header("access-control-allow-origin"), None);
    let r = server.request(
        "POST",
        "/api/v1/validate",
        &[("Origin", "https://portal.example.se")],
        Some(SEED.as_bytes()),
    );
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://portal.example.se")
    );
    let r = server.request(
        "GET",
        "/api/v1/profiles",
        &[("Origin", "https://portal.example.se")],
        None,
    );
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://portal.example.se")
    );
    // The motions API never answers CORS.
    let r = preflight("/api/v1/motions", "https://portal.example.se");
    assert_eq!(r.header("access-control-allow-origin"), None);
    let r = server.request(
        "POST",
        "/api/v1/motions",
        &[("Origin", "https://portal.example.se")],
        Some(SEED.as_bytes()),
    );
    assert_eq!(r.status, 201);
    assert_eq!(r.header("access-control-allow-origin"), None);
    // An origin with a path is refused at start (before anything is opened).
    for bad in ["https://x.se/path", "https://x.se/", "x.se", "https://"] {
        let out = Command::new(env!("CARGO_BIN_EXE_motion-validator"))
            .args(["serve", "--port", "0", "--root", ROOT, "--cors-origin", bad])
            .arg("--data")
            .arg(dir.path().join("unused"))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("--cors-origin"));
    }
}

#[test]
fn the_openapi_document_covers_every_route() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Server::start(dir.path(), &FULL);
    let doc = openapi(&server);
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().expect("paths");
    for want in [
        "/api/v1/validate",
        "/api/v1/motions",
        "/api/v1/motions/{reference}",
        "/api/v1/motions/{reference}/registration",
        "/api/v1/profiles",
        "/api/v1/profiles/{name}",
        "/api/v1/health",
        "/api/v1/openapi.json",
    ] {
        assert!(paths.contains_key(want), "{want} is documented");
    }
    // Every documented operation is routed (no JSON not_found / 405).
    for (path, ops) in paths {
        let target = path
            .replace("{reference}", "M-2026-9999")
            .replace("{name}", "uppsala");
        for method in ops.as_object().expect("operations").keys() {
            let method = method.to_ascii_uppercase();
            let body = (method == "POST").then_some(&b"{}"[..]);
            let r = server.request(&method, &target, &[], body);
            assert_ne!(r.status, 405, "{method} {path}");
            let error = if r.body.first() == Some(&b'{') {
                r.json()["error"].as_str().map(str::to_owned)
            } else {
                None
            };
            assert_ne!(error.as_deref(), Some("not_found"), "{method} {path}");
        }
    }
    // And every schema's errors are what the server sends: a 401 is an Error.
    let r = server.request("GET", "/api/v1/motions", &[], None);
    assert_schema(&doc, "Error", &r.json());
    let r = server.submit("{}", &[]);
    assert_schema(&doc, "Report", &r.json());
}

#[test]
fn hash_password_prints_an_argon2_hash_the_server_accepts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_motion-validator"))
        .arg("hash-password")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{PASSWORD}\n").as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("output");
    assert!(out.status.success());
    let hash = String::from_utf8(out.stdout).expect("utf-8");
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(!hash.contains(PASSWORD));
    // The server started with the hash in the file takes the password.
    std::fs::write(dir.path().join("hash"), &hash).expect("write hash");
    let hash_file = dir.path().join("hash");
    let hash_arg = hash_file.to_str().expect("path");
    let server = Server::start(
        dir.path(),
        &Opts {
            password: false,
            token: false,
            extra: &["--registrar-password-file", hash_arg],
        },
    );
    server.login();
}
