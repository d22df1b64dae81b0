//! The routes over a real socket on 127.0.0.1, with plain HTTP/1.1
//! written by hand: what a portal in any language would send. The
//! motions API, the inbox and the database over the real binary are in
//! `crates/cli/tests/api.rs`.

use super::*;
use motion_validator::Date;
use serde_json::Value;
use std::io::Read;
use std::net::TcpStream;

#[path = "../../tests/support/http.rs"]
#[allow(dead_code)] // the tests over the binary use the rest
mod http;
use http::Reply;

const SEED: &str = include_str!("../../../../tests/fixtures/seed.json");

struct TestServer {
    addr: SocketAddr,
    _data: tempfile::TempDir,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl TestServer {
    fn start() -> TestServer {
        TestServer::with_timeout(Duration::from_secs(10))
    }

    fn with_timeout(timeout: Duration) -> TestServer {
        let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let data = tempfile::tempdir().expect("tempdir");
        let config = Config {
            timeout,
            data: data.path().to_owned(),
            registrar_password: None,
            api_token: None,
            cors_origins: Vec::new(),
            submit_limit: 10,
            trust_forwarded_for: false,
            access_log: false,
        };
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async move {
                let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
                addr_tx.send(listener.local_addr().expect("addr")).ok();
                let state = Arc::new(AppState::new(config).expect("state"));
                let limits = listen::Limits {
                    header_timeout: Duration::from_secs(10),
                    max_connections: 64,
                };
                listen::serve(listener, app(state, &root), limits, async {
                    stopped.await.ok();
                })
                .await
                .expect("serve");
            });
        });
        let addr = addr_rx
            .recv_timeout(Duration::from_secs(10))
            .expect("server started");
        TestServer {
            addr,
            _data: data,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    fn send(&self, raw: &[u8]) -> Reply {
        let mut s = TcpStream::connect(self.addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(20))).ok();
        // The server may answer (413) and close before all is written.
        let _ = s.write_all(raw);
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        Reply::parse(&out)
    }

    fn request(&self, method: &str, target: &str, body: Option<&[u8]>) -> Reply {
        let mut raw = format!("{method} {target} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n");
        if let Some(b) = body {
            raw.push_str(&format!(
                "Content-Type: application/json\r\nContent-Length: {}\r\n",
                b.len()
            ));
        }
        raw.push_str("\r\n");
        let mut raw = raw.into_bytes();
        raw.extend_from_slice(body.unwrap_or_default());
        self.send(&raw)
    }

    fn post(&self, target: &str, body: &str) -> Reply {
        self.request("POST", target, Some(body.as_bytes()))
    }

    fn get(&self, target: &str) -> Reply {
        self.request("GET", target, None)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            stop.send(()).ok();
        }
        if let Some(t) = self.thread.take() {
            t.join().ok();
        }
    }
}

fn codes(report: &Value) -> Vec<&str> {
    report["issues"]
        .as_array()
        .expect("issues")
        .iter()
        .filter_map(|i| i["code"].as_str())
        .collect()
}

#[test]
fn the_seed_motion_is_valid() {
    let server = TestServer::start();
    let r = server.post("/api/v1/validate?today=2021-06-01", SEED);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.header("cache-control"), Some("no-store"));
    let report = r.json();
    assert_eq!(report["valid"], true, "{report}");
    assert_eq!(report["normalized"]["signatories"][0]["party"], "FI");
    assert_eq!(report["normalized"]["diaryNumber"], "KSN-2020-02111");
}

#[test]
fn the_report_is_the_librarys_byte_for_byte() {
    let server = TestServer::start();
    let motion = r#"{"title": "Kort", "body": "", "proposals": ["Uppdra åt nämnden att göra något"],
        "signatories": [{"name": "Anna", "party": "XX"}], "submittedOn": "2020-05-25", "diaryNumber": "ksn 2020 2111"}"#;
    for (lang, l) in [("sv", Lang::Sv), ("en", Lang::En)] {
        let r = server.post(
            &format!("/api/v1/validate?today=2021-06-01&lang={lang}&profile=uppsala"),
            motion,
        );
        assert_eq!(r.status, 200);
        let expected = Validator::new(motion_validator::Options {
            lang: l,
            today: Date::parse_iso("2021-06-01"),
            ..Default::default()
        })
        .expect("validator")
        .validate_json(motion)
        .to_json();
        assert_eq!(r.text(), expected);
    }
}

#[test]
fn an_invalid_motion_is_200_with_the_issues() {
    let server = TestServer::start();
    let r = server.post("/api/v1/validate?lang=en", "{}");
    assert_eq!(r.status, 200);
    let report = r.json();
    assert_eq!(report["valid"], false);
    assert_eq!(report["normalized"], Value::Null);
    assert_eq!(codes(&report), vec!["required"; 5]);
    assert_eq!(report["issues"][0]["message"], "Enter a title.");
}

#[test]
fn options_change_the_verdict() {
    let server = TestServer::start();
    // At registration a year after submission: the answer is overdue (a warning).
    let r = server.post("/api/v1/validate?today=2021-06-01&stage=registration", SEED);
    let report = r.json();
    assert_eq!(report["valid"], true);
    assert_eq!(codes(&report), vec!["answer_overdue"]);
    // Before the motion was submitted: the date is in the future.
    let r = server.post("/api/v1/validate?today=2020-01-01", SEED);
    assert!(codes(&r.json()).contains(&"date_in_future"));
    // Lund's council has no FI and another diary-number format.
    let r = server.post("/api/v1/validate?today=2021-06-01&profile=lund", SEED);
    let report = r.json();
    assert!(codes(&report).contains(&"diary_number_format"), "{report}");
    // Without today: the date in Sweden now, long after 2020.
    let r = server.post("/api/v1/validate", SEED);
    assert_eq!(r.json()["valid"], true);
}

#[test]
fn malformed_json_is_400_with_a_report() {
    let server = TestServer::start();
    let r = server.post("/api/v1/validate", "{\n  \"title\": \n}");
    assert_eq!(r.status, 400);
    let report = r.json();
    assert_eq!(report["valid"], false);
    assert_eq!(codes(&report), vec!["invalid_json"]);
    assert_eq!(report["issues"][0]["params"]["line"], 3);
    assert_eq!(report["issues"][0]["params"]["column"], 1);
    // An empty body and bytes that are not UTF-8 are no better.
    assert_eq!(server.post("/api/v1/validate", "").status, 400);
    let r = server.request("POST", "/api/v1/validate", Some(b"\xff\xfe{"));
    assert_eq!(r.status, 400);
    assert_eq!(codes(&r.json()), vec!["invalid_json"]);
}

#[test]
fn over_a_mebibyte_is_413_with_a_report() {
    let server = TestServer::start();
    // Refused on the declared length, before the body is read: the
    // client sends only the headers and still gets the report.
    let declared = (1 << 20) + 100;
    let r = server.send(
        format!(
            "POST /api/v1/validate HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\
             Content-Type: application/json\r\nContent-Length: {declared}\r\n\r\n"
        )
        .as_bytes(),
    );
    assert_eq!(r.status, 413);
    let report = r.json();
    assert_eq!(codes(&report), vec!["input_too_large"]);
    let issue = &report["issues"][0];
    assert_eq!(issue["params"]["max"], 1 << 20);
    assert_eq!(issue["params"]["actual"], declared);
    assert_eq!(
        issue["message"],
        format!("Motionen är för stor: högst 1048576 byte, nu {declared}.")
    );
    // Exactly at the limit is read (and here is a valid JSON object).
    let pad = (1 << 20) - SEED.len();
    let at_limit = format!("{}{}", SEED, " ".repeat(pad));
    assert_eq!(at_limit.len(), 1 << 20);
    let r = server.post("/api/v1/validate", &at_limit);
    assert_eq!(r.status, 200, "{}", r.text());
}

#[test]
fn a_chunked_upload_over_the_limit_is_stopped() {
    let server = TestServer::start();
    // No declared length: the server counts while reading and stops one
    // byte past the limit (the client sends no more than that, so the
    // connection closes cleanly and the reply is not lost to a reset).
    let chunk = vec![b' '; 256 * 1024];
    let mut raw = b"POST /api/v1/validate?lang=en HTTP/1.1\r\nHost: t\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    for _ in 0..4 {
        raw.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        raw.extend_from_slice(&chunk);
        raw.extend_from_slice(b"\r\n");
    }
    raw.extend_from_slice(b"1\r\n \r\n");
    let r = server.send(&raw);
    assert_eq!(r.status, 413);
    let report = r.json();
    assert_eq!(codes(&report), vec!["input_too_large"]);
    assert_eq!(report["issues"][0]["params"]["actual"], (1 << 20) + 1);
    assert_eq!(
        report["issues"][0]["message"],
        "The motion is too large: at most 1048576 bytes, now 1048577."
    );
}

#[test]
fn unusable_options_are_400_with_a_clear_error() {
    let server = TestServer::start();
    for (query, code, parameter) in [
        ("profile=narnia", "unknown_profile", "profile"),
        ("today=2021-02-30", "invalid_today", "today"),
        ("today=igår", "invalid_today", "today"),
        ("lang=de", "invalid_lang", "lang"),
        ("stage=draft", "invalid_stage", "stage"),
    ] {
        let r = server.post(&format!("/api/v1/validate?{query}"), SEED);
        assert_eq!(r.status, 400, "{query}");
        let body = r.json();
        assert_eq!(body["error"], code, "{query}: {body}");
        assert_eq!(body["parameter"], parameter);
        assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    let r = server.post("/api/v1/validate?profile=narnia", SEED);
    assert!(r.json()["message"]
        .as_str()
        .is_some_and(|m| m.contains("uppsala, lund, goteborg, riksdag")));
    // A misspelt parameter is not silently ignored.
    let r = server.post("/api/v1/validate?langauge=en", SEED);
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["error"], "invalid_query");
    // An empty value means "not given".
    let r = server.post("/api/v1/validate?today=&lang=", SEED);
    assert_eq!(r.status, 200);
}

#[test]
fn profiles_are_listed_in_full() {
    let server = TestServer::start();
    let r = server.get("/api/v1/profiles");
    assert_eq!(r.status, 200);
    let list = r.json();
    let names: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(
        names,
        [
            "uppsala",
            "lund",
            "goteborg",
            "riksdag",
            "eskilstuna",
            "halmstad"
        ]
    );
    let uppsala: Profile =
        serde_json::from_value(list[0].clone()).expect("a profile as Profile serializes");
    assert_eq!(uppsala, Profile::builtin("uppsala").expect("builtin"));
    let r = server.get("/api/v1/profiles/riksdag");
    assert_eq!(r.json()["requireAtt"], false);
    let r = server.get("/api/v1/profiles/narnia");
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["error"], "unknown_profile");
}

#[test]
fn wrong_methods_and_paths_get_json_errors() {
    let server = TestServer::start();
    let r = server.get("/api/v1/validate");
    assert_eq!(r.status, 405);
    assert_eq!(r.header("allow"), Some("POST"));
    assert_eq!(r.json()["error"], "method_not_allowed");
    let r = server.post("/api/v1/profiles", "{}");
    assert_eq!(r.status, 405);
    let r = server.get("/api/v2/validate");
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["error"], "not_found");
    let r = server.get("/api/v1/health");
    assert_eq!(r.json()["status"], "ok");
}

#[test]
fn the_form_and_the_package_are_served() {
    let server = TestServer::start();
    let r = server.get("/");
    assert_eq!(r.status, 200);
    assert!(r
        .header("content-type")
        .is_some_and(|t| t.starts_with("text/html")));
    assert!(r.text().contains("/app.js"));
    let csp = r.header("content-security-policy").expect("CSP");
    assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval'"));
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(r.header("cache-control"), Some("no-cache"));
    let r = server.get("/app.js");
    assert!(r
        .header("content-type")
        .is_some_and(|t| t.contains("javascript")));
    // Traversal out of www/ is refused.
    let r = server.get("/../Cargo.toml");
    assert_ne!(r.status, 200);
    let r = server.get("/%2e%2e/Cargo.toml");
    assert_ne!(r.status, 200);
    // pkg/ is generated; when it has been built, the .wasm is application/wasm.
    let wasm = FsPath::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("pkg/web/motion_validator_bg.wasm");
    if wasm.is_file() {
        let r = server.get("/pkg/web/motion_validator_bg.wasm");
        assert_eq!(r.status, 200);
        assert_eq!(r.header("content-type"), Some("application/wasm"));
        assert_eq!(&r.body[..4], b"\0asm");
        let r = server.get("/pkg/web.js");
        assert!(r
            .header("content-type")
            .is_some_and(|t| t.contains("javascript")));
    }
}

#[test]
fn a_slow_upload_times_out() {
    let server = TestServer::with_timeout(Duration::from_secs(1));
    let mut s = TcpStream::connect(server.addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10))).ok();
    // Promises 100 bytes, sends 1, then waits.
    s.write_all(b"POST /api/v1/validate HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n{")
        .expect("write");
    let started = std::time::Instant::now();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let r = Reply::parse(&out);
    assert_eq!(r.status, 408);
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn the_server_stops_cleanly() {
    let server = TestServer::start();
    assert_eq!(server.get("/api/v1/health").status, 200);
    let started = std::time::Instant::now();
    drop(server);
    assert!(started.elapsed() < SHUTDOWN_GRACE);
}
