//! The JSON API's router, `POST /api/v1/validate`, the profiles and
//! health; and what every endpoint that takes a motion shares: the options
//! (parsed by the engine's `Options::from_text`) and the body limit.

use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use motion_validator::{Code, Lang, Options, ProfileError, Report, Stage, Validator};
use serde::Deserialize;
use serde_json::json;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;

use super::{error_response, internal_error, json_response, motions, openapi, AppState};

/// `/api/...`: everything under it answers JSON, 404 and 405 included.
pub(crate) fn router(state: Arc<AppState>) -> Router {
    // What a portal's page on another origin may call: checking a motion
    // and the profiles, never anything stored (no credentials either).
    let mut public = Router::new()
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
        );
    if !state.cors_origins.is_empty() {
        public = public.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(state.cors_origins.clone()))
                .allow_methods([Method::GET, Method::POST])
                .allow_headers([header::CONTENT_TYPE])
                .allow_credentials(false)
                .max_age(Duration::from_secs(600)),
        );
    }
    Router::new()
        .route(
            "/v1/health",
            get(health).fallback(method_not_allowed("GET, HEAD")),
        )
        .route(
            "/v1/openapi.json",
            get(openapi::document).fallback(method_not_allowed("GET, HEAD")),
        )
        .route(
            "/v1/motions",
            post(motions::submit)
                .get(motions::list)
                .fallback(method_not_allowed("GET, HEAD, POST")),
        )
        .route(
            "/v1/motions/{reference}",
            get(motions::one).fallback(method_not_allowed("GET, HEAD")),
        )
        .route(
            "/v1/motions/{reference}/registration",
            post(motions::register).fallback(method_not_allowed("POST")),
        )
        .merge(public)
        .fallback(api_not_found)
        .with_state(state)
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}

/// Options that cannot be used: a 400 with `{"error", "message", "parameter"}`.
#[derive(Debug)]
pub(crate) struct OptionError {
    code: &'static str,
    parameter: &'static str,
    message: String,
}

impl OptionError {
    pub(crate) fn new(code: &'static str, parameter: &'static str, message: String) -> Self {
        OptionError {
            code,
            parameter,
            message,
        }
    }

    /// A query string that could not be read (an unknown parameter).
    pub(crate) fn query(rejection: &QueryRejection, known: &str) -> Self {
        OptionError::new(
            "invalid_query",
            "",
            format!(
                "Frågeparametrarna går inte att läsa ({}); de som finns är {known}.",
                rejection.body_text()
            ),
        )
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

/// The options of `POST /api/v1/validate` (and of handing a motion in). A
/// misspelt parameter is an error, not silently the default.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ValidateQuery {
    pub profile: Option<String>,
    pub lang: Option<String>,
    pub today: Option<String>,
    pub stage: Option<String>,
}

/// The options a request chose, and the validator for them.
pub(crate) struct Chosen {
    pub validator: Arc<Validator>,
    pub profile: String,
    pub lang: Lang,
    pub stage: Stage,
}

/// Parses the options with the engine's own parser (`Options::from_text`:
/// an empty value is the default) and picks the precompiled validator.
/// Only built-in profiles may be named: a query string never carries a
/// profile's JSON.
pub(crate) fn choose(state: &AppState, q: &ValidateQuery) -> Result<Chosen, OptionError> {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let (profile, lang, today, stage) = (
        text(&q.profile),
        text(&q.lang),
        text(&q.today),
        text(&q.stage),
    );
    let unknown_profile = |name: &str| {
        OptionError::new(
            "unknown_profile",
            "profile",
            format!(
                "Kommunen (profilen) finns inte: {}",
                ProfileError::UnknownBuiltin(name.to_owned())
            ),
        )
    };
    if !profile.is_empty() && !state.profiles.iter().any(|p| p.name == profile) {
        return Err(unknown_profile(&profile));
    }
    let options = Options::from_text(&profile, &lang, &today, &stage).map_err(|e| {
        // The engine names the first option it could not use; say which
        // parameter that was (each parsed alone by the same function).
        let parameter = [
            ("lang", "invalid_lang", ["", lang.as_str(), "", ""]),
            ("today", "invalid_today", ["", "", today.as_str(), ""]),
            ("stage", "invalid_stage", ["", "", "", stage.as_str()]),
        ]
        .into_iter()
        .find(|(_, _, [p, l, t, s])| Options::from_text(p, l, t, s).is_err());
        match parameter {
            Some((name, code, _)) => OptionError::new(
                code,
                name,
                format!("Parametern {name} går inte att använda: {e}"),
            ),
            None => OptionError::new(
                "invalid_query",
                "",
                format!("Alternativen går inte att använda: {e}"),
            ),
        }
    })?;
    let name = options.profile.name.clone();
    let shared = state
        .validator(&name, options.lang, options.stage)
        .ok_or_else(|| unknown_profile(&name))?;
    let validator = match options.today {
        None => shared,
        Some(d) => {
            let mut v = Validator::clone(&shared);
            v.set_today(Some(d));
            Arc::new(v)
        }
    };
    Ok(Chosen {
        validator,
        profile: name,
        lang: options.lang,
        stage: options.stage,
    })
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
        Err(e) => return OptionError::query(&e, "profile, lang, today och stage").into_response(),
    };
    let chosen = match choose(&state, &query) {
        Ok(c) => c,
        Err(e) => return e.into_response(),
    };
    let input = match read_motion_body(&chosen.validator, &headers, body).await {
        Ok(b) => b,
        Err(response) => return response,
    };
    let validator = chosen.validator;
    let outcome =
        tokio::task::spawn_blocking(move || report_response(&validator.validate_json(&input)))
            .await;
    match outcome {
        Ok(response) => response,
        Err(_) => internal_error("Kontrollen misslyckades oväntat; rapportera gärna motionen."),
    }
}

/// Reads a motion's body within the profile's size limit: a declared
/// length over it is refused before reading, a chunked body as soon as it
/// passes the limit. The error is the response to send (413 with the
/// `input_too_large` report, 400 for an unreadable body).
pub(crate) async fn read_motion_body(
    validator: &Validator,
    headers: &HeaderMap,
    body: Body,
) -> Result<Bytes, Response> {
    let limit = validator.profile().profile().limits.input_bytes;
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if let Some(len) = declared.filter(|&n| n > limit as u64) {
        return Err(closing(too_large(validator, len)));
    }
    match read_limited(body, limit).await {
        Ok(bytes) => Ok(bytes),
        Err(BodyError::TooLarge(seen)) => Err(closing(too_large(
            validator,
            declared.unwrap_or(seen as u64),
        ))),
        Err(BodyError::Read(e)) => Err(error_response(
            StatusCode::BAD_REQUEST,
            "unreadable_body",
            &format!("Förfrågans innehåll gick inte att läsa: {e}"),
        )),
    }
}

pub(crate) enum BodyError {
    /// More than the limit arrived (this many bytes so far).
    TooLarge(usize),
    Read(axum::Error),
}

/// Reads the body, stopping as soon as it passes `limit` bytes, so an
/// oversized upload never sits in memory.
pub(crate) async fn read_limited(mut body: Body, limit: usize) -> Result<Bytes, BodyError> {
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

/// The rest of the body is never read, so the connection cannot carry
/// another request: `Connection: close` says so up front. Without it a
/// keep-alive client (Node's agent) sends its next request on a socket
/// the server is closing and gets a reset.
fn closing(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}

/// 413 with the validator's own `input_too_large` report (localized like any
/// other), for `actual` bytes.
fn too_large(validator: &Validator, actual: u64) -> Response {
    let actual = usize::try_from(actual).unwrap_or(usize::MAX);
    report_response(&validator.input_too_large(actual))
}

/// The report as JSON: 413 for `input_too_large`, 400 for `invalid_json`,
/// otherwise 200 (valid or not: the report says).
pub(crate) fn report_response(report: &Report) -> Response {
    json_response(report_status(report, StatusCode::OK), report.to_json())
}

/// 413 for `input_too_large`, 400 for `invalid_json`, else `otherwise`.
pub(crate) fn report_status(report: &Report, otherwise: StatusCode) -> StatusCode {
    if report.issues.iter().any(|i| i.code == Code::InputTooLarge) {
        StatusCode::PAYLOAD_TOO_LARGE
    } else if report.issues.iter().any(|i| i.code == Code::InvalidJson) {
        StatusCode::BAD_REQUEST
    } else {
        otherwise
    }
}

/// `GET /api/v1/profiles`: every built-in profile in full.
async fn list_profiles(State(state): State<Arc<AppState>>) -> Response {
    match serde_json::to_string(&state.profiles) {
        Ok(body) => json_response(StatusCode::OK, body),
        Err(_) => internal_error("Profilerna gick inte att skriva ut."),
    }
}

/// `GET /api/v1/profiles/{name}`.
async fn one_profile(State(state): State<Arc<AppState>>, Path(name): Path<String>) -> Response {
    match state.profiles.iter().find(|p| p.name == name) {
        Some(p) => match serde_json::to_string(p) {
            Ok(body) => json_response(StatusCode::OK, body),
            Err(_) => internal_error("Profilen gick inte att skriva ut."),
        },
        None => error_response(
            StatusCode::NOT_FOUND,
            "unknown_profile",
            &format!(
                "Kommunen (profilen) finns inte: {}",
                ProfileError::UnknownBuiltin(name.clone())
            ),
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

pub(crate) async fn api_not_found(method: Method, uri: Uri) -> Response {
    error_response(
        StatusCode::NOT_FOUND,
        "not_found",
        &format!(
            "Det finns ingen tjänst {method} {}; se /api/v1/openapi.json (POST /api/v1/validate, POST /api/v1/motions, GET /api/v1/profiles).",
            uri.path()
        ),
    )
}

pub(crate) fn method_not_allowed(
    allow: &'static str,
) -> impl Fn(Method, Uri) -> std::future::Ready<Response> + Clone + Send + Sync + 'static {
    move |method: Method, uri: Uri| {
        let mut response = error_response(
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
            &format!("{} tar emot {allow}, inte {method}.", uri.path()),
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static(allow));
        std::future::ready(response)
    }
}
