//! `motion-validator serve` (feature `server`): the motion form (`www/`),
//! the WebAssembly package it runs (`pkg/`), the JSON API for portals, the
//! motions handed in (SQLite under `--data`) and the registrar's inbox.
//!
//! Split by job:
//! - `api`: `POST /api/v1/validate`, the profiles, health; the options
//!   and the body limit every endpoint that takes a motion shares;
//! - `motions`: handing a motion in and the read/registration API;
//! - `registrar`: the registrar's inbox, `/registrator` (HTML);
//! - `auth`: the registrar's password, sessions, CSRF, the API token;
//! - `store`: the database;
//! - `openapi`: `/api/v1/openapi.json`;
//! - `static_files`: `www/` and `pkg/`;
//! - `time`: UTC for storage, Swedish time for people.
//!
//! Every request has a time limit (default 10 s), every connection a
//! header-read/idle timeout and a cap on how many are open (`listen`); each
//! request gets one access-log line on stderr (`access_log`). Nothing from a request is
//! unwrapped: validation and the database run on blocking threads, so even
//! a bug there gives a 500 with a JSON body, not a dropped connection.

// Handlers return an early `Response` as their error: axum's own idiom.
#![allow(clippy::result_large_err)]

mod access_log;
mod api;
mod auth;
mod listen;
mod motions;
mod openapi;
mod registrar;
mod static_files;
mod store;
#[cfg(test)]
mod tests;
mod time;

pub use auth::hash_password;

use std::collections::HashMap;
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path as FsPath, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use axum::http::header::{self, HeaderName, HeaderValue};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Router;
use motion_validator::{Lang, Options, Profile, Stage, Validator};
use serde_json::json;
use tokio::net::TcpListener;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

/// The form may run the validator's WebAssembly and talk to this server,
/// and nothing else: no inline scripts, no other origins, no framing.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// After Ctrl-C, how long open requests may take before the server stops anyway.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// The environment variables an operator may use instead of files.
pub const PASSWORD_ENV: &str = "MOTION_VALIDATOR_REGISTRAR_PASSWORD";
pub const TOKEN_ENV: &str = "MOTION_VALIDATOR_API_TOKEN";

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
    /// Seconds a connection may take to send a request's head, when it is
    /// new or idle between requests (keep-alive); then it is closed.
    #[arg(long, visible_alias = "idle-timeout", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    header_timeout: u64,
    /// Connections open at once at most; more get a 503 and are closed
    /// (and the server says so on stderr). Lowered to fit `ulimit -n`.
    #[arg(long, default_value_t = 512, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    max_connections: u64,
    /// No access log (one line per request on stderr).
    #[arg(long)]
    no_access_log: bool,
    /// The directory of the database (motions.sqlite3), created on first start.
    #[arg(long, value_name = "DIR", default_value = "data")]
    data: PathBuf,
    /// A file holding the registrar's password (or its Argon2 hash, as
    /// printed by `motion-validator hash-password`). Without it (or
    /// MOTION_VALIDATOR_REGISTRAR_PASSWORD), the inbox is off.
    #[arg(long, value_name = "FILE")]
    registrar_password_file: Option<PathBuf>,
    /// A file holding the bearer token for the motions API (at least 32
    /// characters; or MOTION_VALIDATOR_API_TOKEN).
    #[arg(long, value_name = "FILE")]
    api_token_file: Option<PathBuf>,
    /// An origin whose pages may call POST /api/v1/validate and GET
    /// /api/v1/profiles (CORS), such as https://portal.example.se.
    /// Repeatable; none by default.
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    cors_origins: Vec<String>,
    /// Motions one client (IP address) may hand in per minute; 0: no limit.
    #[arg(long, default_value_t = 10)]
    submit_limit: u32,
    /// Take the client's address from the last entry of X-Forwarded-For
    /// (only behind a reverse proxy that sets it).
    #[arg(long)]
    trust_forwarded_for: bool,
}

/// What the state is made from: the arguments, with the secrets read.
pub(crate) struct Config {
    pub timeout: Duration,
    pub data: PathBuf,
    pub registrar_password: Option<String>,
    pub api_token: Option<String>,
    pub cors_origins: Vec<HeaderValue>,
    pub submit_limit: u32,
    pub trust_forwarded_for: bool,
    pub access_log: bool,
}

impl Config {
    fn from_args(args: &ServeArgs) -> Result<Config, String> {
        let registrar_password = secret(
            args.registrar_password_file.as_deref(),
            PASSWORD_ENV,
            "--registrar-password-file",
        )?;
        let api_token = secret(
            args.api_token_file.as_deref(),
            TOKEN_ENV,
            "--api-token-file",
        )?;
        let mut cors_origins = Vec::new();
        for origin in &args.cors_origins {
            let ok = origin
                .strip_prefix("https://")
                .or_else(|| origin.strip_prefix("http://"))
                .is_some_and(|host| {
                    !host.is_empty()
                        && host
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || "-.:[]".contains(c))
                });
            let value = HeaderValue::from_str(origin).ok().filter(|_| ok).ok_or_else(|| {
                format!(
                    "--cors-origin {origin:?}: write an origin as https://host[:port], without a path"
                )
            })?;
            cors_origins.push(value);
        }
        Ok(Config {
            timeout: Duration::from_secs(args.timeout),
            data: args.data.clone(),
            registrar_password,
            api_token,
            cors_origins,
            submit_limit: args.submit_limit,
            trust_forwarded_for: args.trust_forwarded_for,
            access_log: !args.no_access_log,
        })
    }
}

/// A secret from a file (first line, without the line break) or else from
/// the environment.
fn secret(file: Option<&FsPath>, env: &str, flag: &str) -> Result<Option<String>, String> {
    let text = match file {
        Some(path) => {
            std::fs::read_to_string(path).map_err(|e| format!("{flag} {}: {e}", path.display()))?
        }
        None => match std::env::var(env) {
            Ok(v) => v,
            Err(_) => return Ok(None),
        },
    };
    let line = text.lines().next().unwrap_or("").trim_end_matches('\r');
    if line.is_empty() {
        return Err(format!("{flag} / {env}: empty"));
    }
    Ok(Some(line.to_owned()))
}

/// Runs the server until Ctrl-C or SIGTERM. Exit 0 after a clean shutdown,
/// 2 when it cannot start (no www/, address in use, unusable database, ...).
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
    let config = match Config::from_args(&args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("motion-validator: {e}");
            return ExitCode::from(2);
        }
    };
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
        let state = match AppState::new(config) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("motion-validator: {e}");
                return ExitCode::from(2);
            }
        };
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
        let limits = listen::Limits {
            header_timeout: Duration::from_secs(args.header_timeout),
            max_connections: listen::fit_to_fd_limit(
                usize::try_from(args.max_connections).unwrap_or(usize::MAX),
            ),
        };
        announce(addr, &state);
        let app = app(Arc::new(state), &args.root);
        match listen::serve(listener, app, limits, shutdown_signal()).await {
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
/// the port when it was 0) and the rest on stderr.
fn announce(addr: SocketAddr, state: &AppState) {
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
    eprintln!(
        "motion-validator: motions are stored in {}",
        state.store.path().display()
    );
    if state.auth.inbox_enabled() {
        eprintln!("motion-validator: the registrar's inbox is at http://{shown}/registrator");
    } else {
        eprintln!(
            "motion-validator: the registrar's inbox is off: set a password with \
             --registrar-password-file FILE or {PASSWORD_ENV} to turn it on"
        );
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
/// stage, compiled once; the profiles; the database; the registrar's keys.
pub(crate) struct AppState {
    validators: HashMap<(String, &'static str, &'static str), Arc<Validator>>,
    profiles: Vec<Profile>,
    timeout: Duration,
    store: Arc<store::Store>,
    auth: auth::Auth,
    limiter: motions::RateLimiter,
    cors_origins: Vec<HeaderValue>,
    trust_forwarded_for: bool,
    access_log: bool,
}

pub(crate) fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => "sv",
        Lang::En => "en",
    }
}

pub(crate) fn stage_name(stage: Stage) -> &'static str {
    match stage {
        Stage::Submission => "submission",
        Stage::Registration => "registration",
    }
}

impl AppState {
    pub(crate) fn new(config: Config) -> Result<AppState, String> {
        let mut validators = HashMap::new();
        let mut profiles = Vec::new();
        for name in Profile::builtin_names() {
            let profile = Profile::builtin(name).map_err(|e| e.to_string())?;
            for lang in [Lang::Sv, Lang::En] {
                for stage in [Stage::Submission, Stage::Registration] {
                    let options = Options {
                        profile: profile.clone(),
                        lang,
                        // None: the date in Sweden at each call.
                        today: None,
                        stage,
                    };
                    let v = Validator::new(options).map_err(|e| e.to_string())?;
                    validators.insert(
                        (name.to_owned(), lang_name(lang), stage_name(stage)),
                        Arc::new(v),
                    );
                }
            }
            profiles.push(profile);
        }
        let store = store::Store::open(&config.data).map_err(|e| e.to_string())?;
        let auth = auth::Auth::new(config.registrar_password, config.api_token)?;
        Ok(AppState {
            validators,
            profiles,
            timeout: config.timeout,
            store: Arc::new(store),
            auth,
            limiter: motions::RateLimiter::new(config.submit_limit, Duration::from_secs(60)),
            cors_origins: config.cors_origins,
            trust_forwarded_for: config.trust_forwarded_for,
            access_log: config.access_log,
        })
    }

    /// The shared validator for a built-in profile, language and stage.
    pub(crate) fn validator(
        &self,
        profile: &str,
        lang: Lang,
        stage: Stage,
    ) -> Option<Arc<Validator>> {
        self.validators
            .get(&(profile.to_owned(), lang_name(lang), stage_name(stage)))
            .cloned()
    }
}

/// The whole application: API, inbox, package and form, with the time
/// limit and the security headers on every response (the 408 too) and the
/// access log around it all.
fn app(state: Arc<AppState>, root: &FsPath) -> Router {
    let timeout = state.timeout;
    let access_log = state.access_log;
    let header = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    };
    let app = Router::new()
        .nest("/api", api::router(state.clone()))
        .merge(registrar::router(state))
        .merge(static_files::router(root))
        // The time limit covers everything, the body upload too; the
        // headers are set outside it, so its 408 has them as well.
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .layer(header(
            header::CONTENT_SECURITY_POLICY,
            CONTENT_SECURITY_POLICY,
        ))
        .layer(header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(header(header::REFERRER_POLICY, "no-referrer"))
        .layer(header(header::X_FRAME_OPTIONS, "DENY"));
    if access_log {
        app.layer(axum::middleware::from_fn(access_log::layer))
    } else {
        app
    }
}

/// `{"error": code, "message": message}` with a status.
pub(crate) fn error_response(status: StatusCode, code: &str, message: &str) -> Response {
    json_response(
        status,
        json!({"error": code, "message": message}).to_string(),
    )
}

pub(crate) fn internal_error(message: &str) -> Response {
    error_response(StatusCode::INTERNAL_SERVER_ERROR, "internal", message)
}

pub(crate) fn json_response(status: StatusCode, body: String) -> Response {
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
