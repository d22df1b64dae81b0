//! `motion-validator serve` (feature `server`): the motion form (`www/`),
//! the WebAssembly package it runs (`pkg/`) and a JSON API for portals.
//!
//! Routes:
//! - `POST /api/v1/validate?profile=&lang=&today=&stage=` — a motion as JSON
//!   in, the report out. 200 whether the motion is valid or not (the report
//!   says which); 400 with a report (`invalid_json`) for unreadable JSON; 413
//!   with a report (`input_too_large`) over the profile's size limit (1 MiB);
//!   400 with `{"error", "message", "parameter"}` for unusable options.
//! - `GET /api/v1/profiles` — the built-in profiles as JSON;
//!   `GET /api/v1/profiles/{name}` — one of them.
//! - `GET /api/v1/health` — `{"status": "ok", "version": "..."}`.
//! - `/pkg/...` — `pkg/` (the browser build of the validator);
//! - everything else — `www/` (the form).
//!
//! Every request has a time limit (default 10 s). Nothing from a request is
//! unwrapped: validation runs on a blocking thread, so even a bug in a rule
//! would give a 500 with a JSON body, not a dropped connection.

use std::collections::HashMap;
use std::future::Future;
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path as FsPath, PathBuf};
use std::pin::Pin;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use motion_validator::{Code, Date, Lang, Profile, Report, Stage, Validator};
use serde::Deserialize;
use serde_json::json;
use tokio::net::TcpListener;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

/// The form may run the validator's WebAssembly and talk to this server,
/// and nothing else: no inline scripts, no other origins, no framing.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// After Ctrl-C, how long open requests may take before the server stops anyway.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// `motion-validator serve`: the arguments.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// The address to listen on. The default serves only this machine; use
    /// 0.0.0.0 behind a reverse proxy to serve others.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// The port; 0 picks a free one (the URL printed says which).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// The directory that holds www/ (the form) and pkg/ (the WebAssembly package).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Seconds a request may take, body upload included.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    timeout: u64,
}

/// Runs the server until Ctrl-C or SIGTERM. Exit 0 after a clean shutdown,
/// 2 when it cannot start (no www/, address in use, ...).
pub fn run(args: ServeArgs) -> ExitCode {
    let www = args.root.join("www");
    if !www.join("index.html").is_file() {
        eprintln!(
            "motion-validator: no form at {}; run from the repository or pass --root DIR",
            www.join("index.html").display()
        );
        return ExitCode::from(2);
    }
    if !args.root.join("pkg").join("web.js").is_file() {
        eprintln!(
            "motion-validator: warning: {} is missing, so the form cannot check motions in the browser; \
             build it with `bash scripts/build-pkg.sh` (or start with ./run, which does)",
            args.root.join("pkg").join("web.js").display()
        );
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("motion-validator: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    runtime.block_on(async {
        let listener = match TcpListener::bind((args.host.as_str(), args.port)).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!(
                    "motion-validator: cannot listen on {}:{}: {e}",
                    args.host, args.port
                );
                return ExitCode::from(2);
            }
        };
        let addr = match listener.local_addr() {
            Ok(a) => a,
            Err(e) => {
                eprintln!("motion-validator: {e}");
                return ExitCode::from(2);
            }
        };
        let state = match AppState::new(Duration::from_secs(args.timeout)) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("motion-validator: {e}");
                return ExitCode::from(2);
            }
        };
        announce(addr);
        let app = app(Arc::new(state), &args.root);
        match serve(listener, app, shutdown_signal()).await {
            Ok(()) => {
                eprintln!("motion-validator: stopped");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("motion-validator: {e}");
                ExitCode::from(1)
            }
        }
    })
}

/// Prints the URL on stdout (the first line, so scripts and tests can read
/// the port when it was 0) and how to stop on stderr.
fn announce(addr: SocketAddr) {
    let shown = if addr.ip().is_unspecified() {
        SocketAddr::new([127, 0, 0, 1].into(), addr.port())
    } else {
        addr
    };
    let mut out = std::io::stdout().lock();
    // Nothing to do if stdout is closed: the server still runs.
    let _ = writeln!(out, "motion-validator: listening on http://{shown}/");
    let _ = out.flush();
    if addr.ip().is_unspecified() {
        eprintln!("motion-validator: listening on every interface ({addr})");
    }
    eprintln!("motion-validator: the form is at http://{shown}/, the API at http://{shown}/api/v1/ (Ctrl-C stops)");
}

/// Serves `app` on `listener` until `shutdown` completes, then lets open
/// requests finish for at most [`SHUTDOWN_GRACE`].
async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let stopping = Arc::new(tokio::sync::Notify::new());
    let notify = stopping.clone();
    // Created before the signal can fire, so it cannot miss the wake-up.
    let grace_over = async move {
        stopping.notified().await;
        tokio::time::sleep(SHUTDOWN_GRACE).await;
    };
    let server = axum::serve(listener, app).with_graceful_shutdown(async move {
        shutdown.await;
        notify.notify_waiters();
    });
    tokio::select! {
        result = server => result,
        () = grace_over => {
            eprintln!("motion-validator: requests still open after {SHUTDOWN_GRACE:?}; stopping anyway");
            Ok(())
        }
    }
}

/// Ctrl-C, or SIGTERM where there is one (systemd, docker stop).
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            // No handler could be installed: only SIGTERM (or a kill) stops us.
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    eprintln!("motion-validator: shutting down");
}

/// What every request shares: a validator per built-in profile, language and
/// stage, compiled once, and the profiles' JSON.
struct AppState {
    validators: HashMap<(String, &'static str, &'static str), Arc<Validator>>,
    profiles: Vec<Profile>,
    timeout: Duration,
}

const LANGS: [(&str, Lang); 2] = [("sv", Lang::Sv), ("en", Lang::En)];
const STAGES: [(&str, Stage); 2] = [
    ("submission", Stage::Submission),
    ("registration", Stage::Registration),
];
const DEFAULT_PROFILE: &str = "uppsala";

impl AppState {
    fn new(timeout: Duration) -> Result<AppState, String> {
        let mut validators = HashMap::new();
        let mut profiles = Vec::new();
        for name in Profile::builtin_names() {
            let profile = Profile::builtin(name).map_err(|e| e.to_string())?;
            for (lang_name, lang) in LANGS {
                for (stage_name, stage) in STAGES {
                    let options = motion_validator::Options {
                        profile: profile.clone(),
                        lang,
                        // None: the date in Sweden at each call.
                        today: None,
                        stage,
                    };
                    let v = Validator::new(options).map_err(|e| e.to_string())?;
                    validators.insert((name.to_owned(), lang_name, stage_name), Arc::new(v));
                }
            }
            profiles.push(profile);
        }
        Ok(AppState {
            validators,
            profiles,
            timeout,
        })
    }

    /// The validator for a request's options, or why there is none.
    fn validator_for(&self, q: &ValidateQuery) -> Result<Arc<Validator>, OptionError> {
        let profile = given(&q.profile).unwrap_or(DEFAULT_PROFILE);
        if !self.profiles.iter().any(|p| p.name == profile) {
            return Err(OptionError::new(
                "unknown_profile",
                "profile",
                format!(
                    "no built-in profile {profile:?}; built in are: {}",
                    self.profile_names().join(", ")
                ),
            ));
        }
        let lang = given(&q.lang).unwrap_or("sv");
        let Some(&(lang, _)) = LANGS.iter().find(|(n, _)| *n == lang) else {
            return Err(OptionError::new(
                "invalid_lang",
                "lang",
                format!("unknown language {lang:?}; use \"sv\" or \"en\""),
            ));
        };
        let stage = given(&q.stage).unwrap_or("submission");
        let Some(&(stage, _)) = STAGES.iter().find(|(n, _)| *n == stage) else {
            return Err(OptionError::new(
                "invalid_stage",
                "stage",
                format!("unknown stage {stage:?}; use \"submission\" or \"registration\""),
            ));
        };
        let today = match given(&q.today) {
            None => None,
            Some(t) => match Date::parse_iso(t) {
                Some(d) => Some(d),
                None => {
                    return Err(OptionError::new(
                        "invalid_today",
                        "today",
                        format!("today must be a real date written YYYY-MM-DD, not {t:?}"),
                    ))
                }
            },
        };
        let Some(shared) = self.validators.get(&(profile.to_owned(), lang, stage)) else {
            return Err(OptionError::new(
                "unknown_profile",
                "profile",
                format!("no validator for {profile}/{lang}/{stage}"),
            ));
        };
        Ok(match today {
            None => shared.clone(),
            Some(d) => {
                let mut v = Validator::clone(shared);
                v.set_today(Some(d));
                Arc::new(v)
            }
        })
    }

    fn profile_names(&self) -> Vec<&str> {
        self.profiles.iter().map(|p| p.name.as_str()).collect()
    }
}

/// Options that cannot be used: a 400 with `{"error", "message", "parameter"}`.
#[derive(Debug)]
struct OptionError {
    code: &'static str,
    parameter: &'static str,
    message: String,
}

impl OptionError {
    fn new(code: &'static str, parameter: &'static str, message: String) -> Self {
        OptionError {
            code,
            parameter,
            message,
        }
    }
}

impl IntoResponse for OptionError {
    fn into_response(self) -> Response {
        let mut body = json!({"error": self.code, "message": self.message});
        if !self.parameter.is_empty() {
            body["parameter"] = self.parameter.into();
        }
        json_response(StatusCode::BAD_REQUEST, body.to_string())
    }
}

/// A query parameter that is there and not empty (`?today=` means "not given").
fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().filter(|s| !s.is_empty())
}

/// The options of `POST /api/v1/validate`. A misspelt parameter is an error,
/// not silently the default.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ValidateQuery {
    profile: Option<String>,
    lang: Option<String>,
    today: Option<String>,
    stage: Option<String>,
}

/// The whole application: API, package and form, with the time limit and
/// the security headers on every response.
fn app(state: Arc<AppState>, root: &FsPath) -> Router {
    let timeout = state.timeout;
    let api = Router::new()
        .route(
            "/v1/validate",
            post(validate).fallback(method_not_allowed("POST")),
        )
        .route(
            "/v1/profiles",
            get(list_profiles).fallback(method_not_allowed("GET, HEAD")),
        )
        .route(
            "/v1/profiles/{name}",
            get(one_profile).fallback(method_not_allowed("GET, HEAD")),
        )
        .route(
            "/v1/health",
            get(health).fallback(method_not_allowed("GET, HEAD")),
        )
        .fallback(api_not_found)
        .with_state(state)
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ));
    // Static files are revalidated on each load, so a rebuilt pkg/ or an
    // edited page is never stale.
    let files = Router::new()
        .nest_service("/pkg", ServeDir::new(root.join("pkg")))
        .fallback_service(ServeDir::new(root.join("www")))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ));
    let header = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    };
    Router::new()
        .nest("/api", api)
        .merge(files)
        // Outermost: the time limit covers everything, the body upload too.
        .layer(header(
            header::CONTENT_SECURITY_POLICY,
            CONTENT_SECURITY_POLICY,
        ))
        .layer(header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(header(header::REFERRER_POLICY, "no-referrer"))
        .layer(header(header::X_FRAME_OPTIONS, "DENY"))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
}

/// `POST /api/v1/validate`.
async fn validate(
    State(state): State<Arc<AppState>>,
    query: Result<Query<ValidateQuery>, QueryRejection>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let query = match query {
        Ok(Query(q)) => q,
        Err(e) => {
            return OptionError::new(
                "invalid_query",
                "",
                format!(
                    "{}; the parameters are profile, lang, today and stage",
                    e.body_text()
                ),
            )
            .into_response()
        }
    };
    let validator = match state.validator_for(&query) {
        Ok(v) => v,
        Err(e) => return e.into_response(),
    };
    let limit = validator.profile().profile().limits.input_bytes;
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if let Some(len) = declared.filter(|&n| n > limit as u64) {
        return too_large(&validator, len);
    }
    let input = match read_limited(body, limit).await {
        Ok(bytes) => bytes,
        Err(BodyError::TooLarge(seen)) => {
            return too_large(&validator, declared.unwrap_or(seen as u64))
        }
        Err(BodyError::Read(e)) => {
            return json_response(
                StatusCode::BAD_REQUEST,
                json!({"error": "unreadable_body", "message": format!("the request body could not be read: {e}")})
                    .to_string(),
            )
        }
    };
    let outcome =
        tokio::task::spawn_blocking(move || report_response(&validator.validate_json(&input)))
            .await;
    match outcome {
        Ok(response) => response,
        Err(_) => internal_error("validation failed unexpectedly; please report this motion"),
    }
}

enum BodyError {
    /// More than the limit arrived (this many bytes so far).
    TooLarge(usize),
    Read(axum::Error),
}

/// Reads the body, stopping as soon as it passes `limit` bytes, so an
/// oversized upload never sits in memory.
async fn read_limited(mut body: Body, limit: usize) -> Result<Bytes, BodyError> {
    let mut buf = Vec::new();
    while let Some(frame) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        let frame = frame.map_err(BodyError::Read)?;
        if let Ok(data) = frame.into_data() {
            if buf.len() + data.len() > limit {
                return Err(BodyError::TooLarge(buf.len() + data.len()));
            }
            buf.extend_from_slice(&data);
        }
    }
    Ok(Bytes::from(buf))
}

/// 413 with the validator's own `input_too_large` report (localized like any
/// other), for `actual` bytes.
fn too_large(validator: &Validator, actual: u64) -> Response {
    let actual = usize::try_from(actual).unwrap_or(usize::MAX);
    report_response(&validator.input_too_large(actual))
}

/// The report as JSON: 413 for `input_too_large`, 400 for `invalid_json`,
/// otherwise 200 (valid or not: the report says).
fn report_response(report: &Report) -> Response {
    let status = if report.issues.iter().any(|i| i.code == Code::InputTooLarge) {
        StatusCode::PAYLOAD_TOO_LARGE
    } else if report.issues.iter().any(|i| i.code == Code::InvalidJson) {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    json_response(status, report.to_json())
}

/// `GET /api/v1/profiles`: every built-in profile in full.
async fn list_profiles(State(state): State<Arc<AppState>>) -> Response {
    match serde_json::to_string(&state.profiles) {
        Ok(body) => json_response(StatusCode::OK, body),
        Err(_) => internal_error("could not write the profiles"),
    }
}

/// `GET /api/v1/profiles/{name}`.
async fn one_profile(State(state): State<Arc<AppState>>, Path(name): Path<String>) -> Response {
    match state.profiles.iter().find(|p| p.name == name) {
        Some(p) => match serde_json::to_string(p) {
            Ok(body) => json_response(StatusCode::OK, body),
            Err(_) => internal_error("could not write the profile"),
        },
        None => json_response(
            StatusCode::NOT_FOUND,
            json!({
                "error": "unknown_profile",
                "message": format!("no built-in profile {name:?}; built in are: {}", state.profile_names().join(", ")),
            })
            .to_string(),
        ),
    }
}

/// `GET /api/v1/health`.
async fn health() -> Response {
    json_response(
        StatusCode::OK,
        json!({"status": "ok", "version": env!("CARGO_PKG_VERSION")}).to_string(),
    )
}

async fn api_not_found(method: Method, uri: Uri) -> Response {
    json_response(
        StatusCode::NOT_FOUND,
        json!({
            "error": "not_found",
            "message": format!("no endpoint {method} {}; see docs/form.md: POST /api/v1/validate, GET /api/v1/profiles", uri.path()),
        })
        .to_string(),
    )
}

fn method_not_allowed(
    allow: &'static str,
) -> impl Fn(Method, Uri) -> std::future::Ready<Response> + Clone + Send + Sync + 'static {
    move |method: Method, uri: Uri| {
        let mut response = json_response(
            StatusCode::METHOD_NOT_ALLOWED,
            json!({
                "error": "method_not_allowed",
                "message": format!("{} takes {allow}, not {method}", uri.path()),
            })
            .to_string(),
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static(allow));
        std::future::ready(response)
    }
}

fn internal_error(message: &str) -> Response {
    json_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        json!({"error": "internal", "message": message}).to_string(),
    )
}

fn json_response(status: StatusCode, body: String) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    //! The routes over a real socket on 127.0.0.1, with plain HTTP/1.1
    //! written by hand: what a portal in any language would send.

    use super::*;
    use serde_json::Value;
    use std::io::Read;
    use std::net::TcpStream;

    const SEED: &str = include_str!("../../../tests/fixtures/seed.json");

    struct TestServer {
        addr: SocketAddr,
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
            let thread = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                    .expect("runtime");
                rt.block_on(async move {
                    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
                    addr_tx.send(listener.local_addr().expect("addr")).ok();
                    let state = Arc::new(AppState::new(timeout).expect("state"));
                    serve(listener, app(state, &root), async {
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
            let mut raw =
                format!("{method} {target} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n");
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

    struct Reply {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    }

    impl Reply {
        fn parse(raw: &[u8]) -> Reply {
            let end = raw
                .windows(4)
                .position(|w| w == b"\r\n\r\n")
                .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(raw)));
            let head = String::from_utf8_lossy(&raw[..end]).into_owned();
            let mut lines = head.split("\r\n");
            let status = lines
                .next()
                .and_then(|l| l.split(' ').nth(1))
                .and_then(|s| s.parse().ok())
                .expect("status line");
            let headers: Vec<(String, String)> = lines
                .filter_map(|l| l.split_once(':'))
                .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
                .collect();
            let mut body = raw[end + 4..].to_vec();
            if headers
                .iter()
                .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"))
            {
                body = dechunk(&body);
            }
            Reply {
                status,
                headers,
                body,
            }
        }

        fn header(&self, name: &str) -> Option<&str> {
            self.headers
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        }

        fn json(&self) -> Value {
            serde_json::from_slice(&self.body).unwrap_or_else(|e| {
                panic!("not JSON ({e}): {:?}", String::from_utf8_lossy(&self.body))
            })
        }

        fn text(&self) -> String {
            String::from_utf8_lossy(&self.body).into_owned()
        }
    }

    fn dechunk(mut data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        loop {
            let Some(eol) = data.windows(2).position(|w| w == b"\r\n") else {
                return out;
            };
            let size_text = String::from_utf8_lossy(&data[..eol]);
            let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
                .unwrap_or(0);
            if size == 0 {
                return out;
            }
            let start = eol + 2;
            out.extend_from_slice(&data[start..start + size]);
            data = &data[start + size + 2..];
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
        assert_eq!(names, ["uppsala", "lund", "goteborg", "riksdag"]);
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
}
