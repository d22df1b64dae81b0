//! Issue 13, the server's part, over the real binary on 127.0.0.1 with
//! plain sockets: slow and idle clients are closed, connections are
//! capped (and the shedding is logged), keep-alive is not slowed by
//! Nagle, the package is served compressed with the right headers, the
//! 408 has the security headers, stray `/api` paths answer JSON, and each
//! request has an access-log line without its body.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

#[path = "support/http.rs"]
#[allow(dead_code)] // each test file uses part of it
mod http;
use http::Reply;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
const SEED: &str = include_str!("../../../tests/fixtures/seed.json");

struct Server {
    child: Child,
    addr: SocketAddr,
    dir: tempfile::TempDir,
}

impl Server {
    fn start(extra: &[&str]) -> Server {
        Server::start_in(Path::new(ROOT), extra)
    }

    /// The server over another root (a www/ and pkg/ of the test's own).
    fn start_in(root: &Path, extra: &[&str]) -> Server {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_motion-validator"));
        cmd.args(["serve", "--port", "0", "--root"])
            .arg(root)
            .arg("--data")
            .arg(dir.path().join("data"))
            .args(extra)
            .env_remove("MOTION_VALIDATOR_REGISTRAR_PASSWORD")
            .env_remove("MOTION_VALIDATOR_API_TOKEN");
        let (child, addr) = http::spawn_server(cmd, dir.path());
        Server { child, addr, dir }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
    }

    fn connect(&self) -> TcpStream {
        let s = TcpStream::connect(self.addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(20))).ok();
        s
    }

    /// One request on its own connection (`Connection: close`).
    fn request(&self, method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        let mut s = self.connect();
        let mut raw = format!("{method} {target} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n");
        for (k, v) in headers {
            raw.push_str(&format!("{k}: {v}\r\n"));
        }
        if !body.is_empty() {
            raw.push_str(&format!(
                "Content-Type: application/json\r\nContent-Length: {}\r\n",
                body.len()
            ));
        }
        raw.push_str("\r\n");
        let mut raw = raw.into_bytes();
        raw.extend_from_slice(body);
        let _ = s.write_all(&raw);
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        Reply::parse(&out)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads one response with a Content-Length from a kept-alive connection.
fn read_response(s: &mut TcpStream, buf: &mut Vec<u8>) -> Reply {
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = Reply::parse(&buf[..end + 4]);
            let len: usize = head
                .header("content-length")
                .and_then(|v| v.parse().ok())
                .expect("a Content-Length");
            if buf.len() >= end + 4 + len {
                let mut reply = Reply::parse(&buf[..end + 4 + len]);
                reply.body = buf[end + 4..end + 4 + len].to_vec();
                buf.drain(..end + 4 + len);
                return reply;
            }
        }
        let mut chunk = [0u8; 16384];
        let n = s.read(&mut chunk).expect("read");
        assert!(n > 0, "the connection closed mid-response");
        buf.extend_from_slice(&chunk[..n]);
    }
}

/// How long until the server closes `s` (EOF or reset), reading and
/// discarding whatever it sends; `None` if still open after `limit`.
fn closed_within(s: &mut TcpStream, limit: Duration) -> Option<(Duration, Vec<u8>)> {
    let started = Instant::now();
    s.set_read_timeout(Some(limit)).ok();
    let mut got = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        match s.read(&mut chunk) {
            Ok(0) => return Some((started.elapsed(), got)),
            Ok(n) => got.extend_from_slice(&chunk[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return None
            }
            Err(_) => return Some((started.elapsed(), got)),
        }
        if started.elapsed() > limit {
            return None;
        }
    }
}

#[test]
fn a_connection_that_sends_nothing_is_closed_after_the_header_timeout() {
    let server = Server::start(&["--header-timeout", "1"]);
    let mut s = server.connect();
    let (after, got) =
        closed_within(&mut s, Duration::from_secs(6)).expect("closed, not held open");
    assert!(after >= Duration::from_millis(800), "{after:?}");
    assert!(got.is_empty(), "{:?}", String::from_utf8_lossy(&got));
}

#[test]
fn half_a_header_and_an_idle_keep_alive_connection_are_closed() {
    let server = Server::start(&["--idle-timeout", "1"]);
    // Slowloris: a request line and one header, then nothing.
    let mut s = server.connect();
    s.write_all(b"GET / HTTP/1.1\r\nHost: t\r\n")
        .expect("write");
    assert!(
        closed_within(&mut s, Duration::from_secs(6)).is_some(),
        "half a header held the connection open"
    );
    // Trickling a header a byte at a time does not reset the clock.
    let mut s = server.connect();
    let started = Instant::now();
    for b in b"GET / HTTP/1.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" {
        if s.write_all(&[*b]).is_err() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(closed_within(&mut s, Duration::from_secs(6)).is_some());
    assert!(started.elapsed() < Duration::from_secs(8));
    // A kept-alive connection, idle after one answer, is closed too.
    let mut s = server.connect();
    s.write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: t\r\n\r\n")
        .expect("write");
    let mut buf = Vec::new();
    assert_eq!(read_response(&mut s, &mut buf).status, 200);
    let (after, _) = closed_within(&mut s, Duration::from_secs(6)).expect("idle connection closed");
    assert!(after < Duration::from_secs(4), "{after:?}");
}

#[test]
fn connections_over_the_cap_are_refused_and_the_server_says_so() {
    let server = Server::start(&["--max-connections", "4", "--header-timeout", "60"]);
    let idle: Vec<TcpStream> = (0..4).map(|_| server.connect()).collect();
    // Let the server accept them all.
    std::thread::sleep(Duration::from_millis(300));
    let mut extra = server.connect();
    let (after, got) = closed_within(&mut extra, Duration::from_secs(5))
        .expect("the connection over the cap is closed at once");
    assert!(after < Duration::from_secs(2), "{after:?}");
    if !got.is_empty() {
        let r = Reply::parse(&got);
        assert_eq!(r.status, 503);
        r.assert_security_headers();
    }
    std::thread::sleep(Duration::from_millis(100));
    let log = server.log();
    assert!(log.contains("shedding load"), "{log}");
    assert_eq!(log.matches("shedding load").count(), 1, "{log}");
    // The idle ones gone, the server serves again.
    drop(idle);
    std::thread::sleep(Duration::from_millis(300));
    let r = server.request("GET", "/api/v1/health", &[], b"");
    assert_eq!(r.status, 200);
}

#[test]
fn a_keep_alive_sequence_of_static_files_is_not_held_back_by_nagle() {
    let server = Server::start(&[]);
    let mut s = server.connect();
    s.set_nodelay(true).ok();
    let mut buf = Vec::new();
    // Warm up (the file cache, the first connection).
    s.write_all(b"GET /app.js HTTP/1.1\r\nHost: t\r\n\r\n")
        .expect("write");
    assert_eq!(read_response(&mut s, &mut buf).status, 200);
    let started = Instant::now();
    for _ in 0..200 {
        s.write_all(b"GET /app.js HTTP/1.1\r\nHost: t\r\n\r\n")
            .expect("write");
        let r = read_response(&mut s, &mut buf);
        assert_eq!(r.status, 200);
        assert!(!r.body.is_empty());
    }
    let took = started.elapsed();
    // With Nagle's algorithm, responses wait ~40 ms for a delayed ACK:
    // 1.9 s for these 200 before (debug build); 0.14 s with TCP_NODELAY.
    assert!(
        took < Duration::from_secs(1),
        "200 keep-alive GETs took {took:?}"
    );
}

#[test]
fn the_package_is_served_compressed_with_vary_and_revalidation() {
    // A root of the test's own, so the test does not depend on a built
    // pkg/: the form's page, and a module with the compressed copies
    // scripts/build-pkg.sh writes beside it (the server sends them as
    // they are, so their content only has to be told apart).
    let root = tempfile::tempdir().expect("tempdir");
    let web = root.path().join("pkg/web");
    std::fs::create_dir_all(&web).expect("pkg/web");
    std::fs::create_dir_all(root.path().join("www")).expect("www");
    std::fs::copy(
        Path::new(ROOT).join("www/index.html"),
        root.path().join("www/index.html"),
    )
    .expect("index.html");
    std::fs::write(root.path().join("pkg/web.js"), b"export {};").expect("web.js");
    let raw: Vec<u8> = (0..20_000u32).map(|i| (i % 251) as u8).collect();
    let wasm = web.join("motion_validator_bg.wasm");
    std::fs::write(&wasm, &raw).expect("wasm");
    let mut gz = b"\x1f\x8b".to_vec();
    gz.extend([7u8; 400]);
    std::fs::write(web.join("motion_validator_bg.wasm.gz"), &gz).expect("gz");
    std::fs::write(web.join("motion_validator_bg.wasm.br"), [9u8; 300]).expect("br");
    let server = Server::start_in(root.path(), &[]);
    let target = "/pkg/web/motion_validator_bg.wasm";
    let plain = server.request("GET", target, &[], b"");
    assert_eq!(plain.status, 200);
    assert_eq!(plain.header("content-encoding"), None);
    assert_eq!(plain.header("content-type"), Some("application/wasm"));
    assert_eq!(plain.body, raw);
    let gzip = server.request("GET", target, &[("Accept-Encoding", "gzip")], b"");
    assert_eq!(gzip.status, 200);
    assert_eq!(gzip.header("content-encoding"), Some("gzip"));
    assert_eq!(gzip.header("content-type"), Some("application/wasm"));
    assert_eq!(&gzip.body[..2], b"\x1f\x8b");
    assert!(gzip.body.len() < raw.len() / 2, "{}", gzip.body.len());
    let br = server.request(
        "GET",
        target,
        &[("Accept-Encoding", "gzip, deflate, br")],
        b"",
    );
    assert_eq!(br.status, 200);
    assert_eq!(br.header("content-encoding"), Some("br"));
    assert!(br.body.len() <= gzip.body.len());
    for r in [&plain, &gzip, &br] {
        let vary = r.header("vary").unwrap_or_default().to_ascii_lowercase();
        assert!(vary.contains("accept-encoding"), "Vary: {vary:?}");
        assert_eq!(r.header("cache-control"), Some("no-cache"));
        assert!(r.header("last-modified").is_some());
        r.assert_security_headers();
    }
    // Revalidation: a 304 without a body.
    let since = gzip
        .header("last-modified")
        .expect("last-modified")
        .to_owned();
    let again = server.request(
        "GET",
        target,
        &[("Accept-Encoding", "gzip"), ("If-Modified-Since", &since)],
        b"",
    );
    assert_eq!(again.status, 304);
    // The page always revalidates.
    let page = server.request("GET", "/", &[("Accept-Encoding", "gzip")], b"");
    assert_eq!(page.status, 200);
    assert_eq!(page.header("cache-control"), Some("no-cache"));
}

#[test]
fn the_408_has_the_security_headers() {
    let server = Server::start(&["--timeout", "1"]);
    let mut s = server.connect();
    s.write_all(b"POST /api/v1/validate HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n{")
        .expect("write");
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let r = Reply::parse(&out);
    assert_eq!(r.status, 408);
    r.assert_security_headers();
}

#[test]
fn stray_api_paths_get_the_json_error() {
    let server = Server::start(&[]);
    for (method, target) in [
        ("GET", "/api/"),
        ("GET", "/api"),
        ("POST", "//api/v1/validate"),
        ("GET", "//api/v1/health"),
    ] {
        let body: &[u8] = if method == "POST" { b"{}" } else { b"" };
        let r = server.request(method, target, &[], body);
        assert_eq!(r.status, 404, "{method} {target}");
        assert_eq!(
            r.header("content-type"),
            Some("application/json"),
            "{method} {target}"
        );
        let json: serde_json::Value = serde_json::from_slice(&r.body)
            .unwrap_or_else(|e| panic!("{method} {target}: not JSON: {e}"));
        assert_eq!(json["error"], "not_found", "{method} {target}");
        assert_eq!(r.header("cache-control"), Some("no-store"));
        r.assert_security_headers();
    }
}

#[test]
fn each_request_gets_one_access_log_line_without_its_body_or_query() {
    let server = Server::start(&[]);
    let marker = "HEMLIG-MARKOR-4711";
    let body = SEED.replacen("{", &format!("{{\"x-marker\": \"{marker}\", "), 1);
    let r = server.request(
        "POST",
        "/api/v1/validate?profile=uppsala&secret=q",
        &[],
        body.as_bytes(),
    );
    assert!(r.status == 200 || r.status == 400, "{}", r.status);
    let r = server.request("GET", "/nowhere.txt", &[], b"");
    assert_eq!(r.status, 404);
    std::thread::sleep(Duration::from_millis(100));
    let log = server.log();
    let lines: Vec<&str> = log.lines().filter(|l| l.starts_with("access ")).collect();
    assert_eq!(lines.len(), 2, "{log}");
    let post = lines[0];
    assert!(
        post.starts_with("access method=POST path=/api/v1/validate status="),
        "{post}"
    );
    assert!(post.contains(" bytes="), "{post}");
    assert!(post.contains(" ms="), "{post}");
    assert!(lines[1].starts_with("access method=GET path=/nowhere.txt status=404"));
    assert!(!log.contains(marker), "{log}");
    assert!(!log.contains("secret=q"), "{log}");
    // And it can be turned off.
    let quiet = Server::start(&["--no-access-log"]);
    assert_eq!(quiet.request("GET", "/", &[], b"").status, 200);
    std::thread::sleep(Duration::from_millis(100));
    assert!(!quiet.log().contains("access "), "{}", quiet.log());
}

#[test]
fn an_oversized_body_gets_its_413_on_a_kept_alive_connection_without_a_reset() {
    // What Node's keep-alive agent does: the whole 2 MB body sent anyway.
    // The server answers 413 on the declared length, says it will close,
    // and reads what is still coming instead of resetting the connection
    // (a reset makes the client's kernel drop the unread 413).
    let server = Server::start(&["--no-access-log"]);
    for _ in 0..5 {
        let mut s = server.connect();
        let body = vec![b' '; 2_000_000];
        let head = format!(
            "POST /api/v1/validate HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\n\r\n",
            body.len()
        );
        let mut writer = s.try_clone().expect("clone");
        let sender = std::thread::spawn(move || {
            let _ = writer.write_all(head.as_bytes());
            writer.write_all(&body).is_ok()
        });
        let mut out = Vec::new();
        s.read_to_end(&mut out).expect("the 413, not a reset");
        let all_sent = sender.join().expect("sender");
        assert!(all_sent, "the server reset the connection mid-upload");
        let r = Reply::parse(&out);
        assert_eq!(r.status, 413);
        assert_eq!(
            r.header("connection").map(str::to_ascii_lowercase),
            Some("close".to_owned())
        );
    }
}
