//! Motions handed in, and the API portals use to read and register them:
//!
//! - `POST /api/v1/motions` — open to anyone (like e-mailing the registry),
//!   rate-limited per client; validated again here (stage `submission`),
//!   stored only when valid, `201` with the receipt after the commit.
//! - `GET /api/v1/motions`, `GET /api/v1/motions/{ref}`,
//!   `POST /api/v1/motions/{ref}/registration` — the registrar's session or
//!   the API's bearer token; `401` without, and no motion text.

use std::collections::{HashMap, VecDeque};
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use motion_validator::{Lang, Motion, Report, Stage};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

use super::api::{self, OptionError, ValidateQuery};
use super::auth::{self, Principal};
use super::store::{NewMotion, Record, RegisterResult, Status, Submitted};
use super::{error_response, internal_error, json_response, time, AppState};

/// The longest Idempotency-Key accepted.
const MAX_IDEMPOTENCY_KEY: usize = 200;
/// A registration's body is a diary number, not a motion.
const MAX_REGISTRATION_BODY: usize = 16 * 1024;
const MAX_PER_PAGE: u32 = 200;

/// At most `limit` requests per `window` from one address (a sliding
/// window); `limit` 0 is no limit.
pub(crate) struct RateLimiter {
    limit: u32,
    window: Duration,
    hits: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
}

impl RateLimiter {
    pub(crate) fn new(limit: u32, window: Duration) -> Self {
        RateLimiter {
            limit,
            window,
            hits: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a request; `Err(seconds)` when over the limit, with how long
    /// until the next one would be let through.
    pub(crate) fn check(&self, ip: IpAddr) -> Result<(), u64> {
        if self.limit == 0 {
            return Ok(());
        }
        let Ok(mut hits) = self.hits.lock() else {
            return Err(self.window.as_secs().max(1));
        };
        let now = Instant::now();
        if hits.len() > 10_000 {
            hits.retain(|_, q| {
                q.back()
                    .is_some_and(|t| now.duration_since(*t) < self.window)
            });
        }
        let q = hits.entry(ip).or_default();
        while q
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.window)
        {
            q.pop_front();
        }
        if q.len() >= self.limit as usize {
            let wait = q.front().map_or(self.window, |t| {
                self.window.saturating_sub(now.duration_since(*t))
            });
            return Err(wait.as_secs_f64().ceil().max(1.0) as u64);
        }
        q.push_back(now);
        Ok(())
    }
}

/// The client's address: the peer's, or (with `--trust-forwarded-for`)
/// the last one the reverse proxy put in X-Forwarded-For.
pub(crate) fn client_ip(state: &AppState, peer: SocketAddr, headers: &HeaderMap) -> IpAddr {
    if state.trust_forwarded_for {
        if let Some(ip) = headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .and_then(|v| v.trim().parse().ok())
        {
            return ip;
        }
    }
    peer.ip()
}

/// The `201` body: what was stored, as it was when handed in.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Receipt<'a> {
    reference: &'a str,
    received_at: &'a str,
    status: &'a str,
    profile: &'a str,
    motion: &'a RawValue,
    report: &'a RawValue,
}

/// A motion as the registrar sees it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MotionView<'a> {
    reference: &'a str,
    status: &'a str,
    profile: &'a str,
    lang: &'a str,
    received_at: &'a str,
    submitted_on: &'a str,
    answer_due_on: Option<String>,
    deadline_passed: bool,
    diary_number: Option<&'a str>,
    registered_at: Option<&'a str>,
    motion: &'a RawValue,
    report: &'a RawValue,
    registration_report: Option<&'a RawValue>,
}

/// A motion in a list.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Summary<'a> {
    reference: &'a str,
    status: &'a str,
    profile: &'a str,
    title: &'a str,
    received_at: &'a str,
    submitted_on: &'a str,
    answer_due_on: Option<String>,
    deadline_passed: bool,
    diary_number: Option<&'a str>,
    registered_at: Option<&'a str>,
}

fn raw(json: &str) -> Result<Box<RawValue>, Response> {
    RawValue::from_string(json.to_owned())
        .map_err(|_| internal_error("En lagrad motion gick inte att läsa."))
}

fn receipt_json(rec: &Record) -> Result<String, Response> {
    let motion = raw(&rec.motion_json)?;
    let report = raw(&rec.report_json)?;
    serde_json::to_string(&Receipt {
        reference: &rec.reference,
        received_at: &rec.received_at,
        status: Status::Inkommen.as_str(),
        profile: &rec.profile,
        motion: &motion,
        report: &report,
    })
    .map_err(|_| internal_error("Kvittensen gick inte att skriva."))
}

pub(crate) fn view_json(rec: &Record) -> Result<String, Response> {
    let motion = raw(&rec.motion_json)?;
    let report = raw(&rec.report_json)?;
    let registration_report = match &rec.registration_report_json {
        Some(r) => Some(raw(r)?),
        None => None,
    };
    let deadline = time::deadline(&rec.submitted_on);
    serde_json::to_string(&MotionView {
        reference: &rec.reference,
        status: rec.status.as_str(),
        profile: &rec.profile,
        lang: &rec.lang,
        received_at: &rec.received_at,
        submitted_on: &rec.submitted_on,
        answer_due_on: deadline.map(|(d, _)| d.to_string()),
        deadline_passed: deadline.is_some_and(|(_, p)| p),
        diary_number: rec.diary_number.as_deref(),
        registered_at: rec.registered_at.as_deref(),
        motion: &motion,
        report: &report,
        registration_report: registration_report.as_deref(),
    })
    .map_err(|_| internal_error("Motionen gick inte att skriva."))
}

fn location(reference: &str) -> HeaderValue {
    // References are M-YYYY-NNNN: always a valid header value.
    HeaderValue::from_str(&format!("/api/v1/motions/{reference}"))
        .unwrap_or_else(|_| HeaderValue::from_static("/api/v1/motions"))
}

fn created(rec: &Record, replayed: bool) -> Response {
    let body = match receipt_json(rec) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let mut response = json_response(StatusCode::CREATED, body);
    let h = response.headers_mut();
    h.insert(header::LOCATION, location(&rec.reference));
    if replayed {
        h.insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    response
}

fn key_reused() -> Response {
    error_response(
        StatusCode::CONFLICT,
        "idempotency_key_reused",
        "Idempotency-Key har redan använts för en annan motion. Skicka en ny nyckel för en ny motion.",
    )
}

fn store_failed(e: impl std::fmt::Display) -> Response {
    eprintln!("motion-validator: database: {e}");
    error_response(
        StatusCode::SERVICE_UNAVAILABLE,
        "storage_failed",
        "Motionen kunde inte sparas just nu. Inget har sparats; försök igen om en stund.",
    )
}

/// `POST /api/v1/motions`.
pub(crate) async fn submit(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    query: Result<Query<ValidateQuery>, QueryRejection>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    if let Err(wait) = state.limiter.check(client_ip(&state, peer, &headers)) {
        let mut response = error_response(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            &format!(
                "För många motioner på kort tid från samma adress. Försök igen om {wait} sekunder."
            ),
        );
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(wait));
        return response;
    }
    let query = match query {
        Ok(Query(q)) => q,
        Err(e) => return OptionError::query(&e, "profile, lang och stage").into_response(),
    };
    if query.today.as_deref().is_some_and(|t| !t.is_empty()) {
        return OptionError::new(
            "invalid_query",
            "today",
            "En motion som lämnas in kontrolleras mot dagens datum i Sverige; today kan inte anges här.".into(),
        )
        .into_response();
    }
    let chosen = match api::choose(&state, &query) {
        Ok(c) => c,
        Err(e) => return e.into_response(),
    };
    if chosen.stage != Stage::Submission {
        return OptionError::new(
            "invalid_stage",
            "stage",
            "En motion lämnas in i steget submission; registreringen görs av registratorn.".into(),
        )
        .into_response();
    }
    let key = match headers.get("idempotency-key") {
        None => None,
        Some(v) => match v.to_str() {
            Ok(k)
                if !k.is_empty()
                    && k.len() <= MAX_IDEMPOTENCY_KEY
                    && k.bytes().all(|b| b.is_ascii_graphic()) =>
            {
                Some(k.to_owned())
            }
            _ => {
                return error_response(
                    StatusCode::BAD_REQUEST,
                    "invalid_idempotency_key",
                    &format!(
                        "Idempotency-Key ska vara 1–{MAX_IDEMPOTENCY_KEY} synliga ASCII-tecken."
                    ),
                )
            }
        },
    };
    let input = match api::read_motion_body(&chosen.validator, &headers, body).await {
        Ok(b) => b,
        Err(response) => return response,
    };
    let lang = super::lang_name(chosen.lang);
    let digest = key.as_ref().map(|_| {
        let mut h = Sha256::new();
        h.update(chosen.profile.as_bytes());
        h.update(b"\n");
        h.update(lang.as_bytes());
        h.update(b"\n");
        h.update(&input);
        h.finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    });
    let store = state.store.clone();
    let validator = chosen.validator.clone();
    let profile = chosen.profile.clone();
    let outcome = tokio::task::spawn_blocking(move || -> Response {
        if let (Some(key), Some(digest)) = (&key, &digest) {
            // A retry is answered from the database, not validated again:
            // the motion was accepted then, whatever the date is now.
            match store.by_idempotency_key(key) {
                Ok(Some((stored, rec))) if &stored == digest => return created(&rec, true),
                Ok(Some(_)) => return key_reused(),
                Ok(None) => {}
                Err(e) => return store_failed(e),
            }
        }
        let report = validator.validate_json(&input);
        let Some(motion) = report.normalized.as_ref().filter(|_| report.valid) else {
            return json_response(
                api::report_status(&report, StatusCode::UNPROCESSABLE_ENTITY),
                report.to_json(),
            );
        };
        let Ok(motion_json) = serde_json::to_string(motion) else {
            return internal_error("Motionen gick inte att skriva.");
        };
        let (received_at, year) = time::now();
        let new = NewMotion {
            profile: &profile,
            lang,
            received_at: &received_at,
            year,
            submitted_on: &motion.submitted_on,
            title: &motion.title,
            motion_json: &motion_json,
            report_json: &report.to_json(),
            idempotency: key.as_deref().zip(digest.as_deref()),
        };
        match store.submit(&new) {
            Ok(Submitted::New(rec)) => {
                eprintln!("motion-validator: {} received ({profile})", rec.reference);
                created(&rec, false)
            }
            Ok(Submitted::Replayed(rec)) => created(&rec, true),
            Ok(Submitted::KeyReused) => key_reused(),
            Err(e) => store_failed(e),
        }
    })
    .await;
    outcome.unwrap_or_else(|_| internal_error("Motionen kunde inte tas emot; försök igen."))
}

/// The caller of the read/registration API, or the `401`/`403` to send.
/// `changes_state`: a session must then also send its CSRF token in
/// `X-CSRF-Token`.
fn authorize(
    state: &AppState,
    headers: &HeaderMap,
    changes_state: bool,
) -> Result<Principal, Response> {
    if !state.auth.api_enabled() {
        return Err(unauthorized(
            "Inkorgen och dess API är avstängda: operatören sätter registratorns lösenord \
             (--registrar-password-file) eller en API-nyckel (--api-token-file) för att slå på dem.",
        ));
    }
    let Some(principal) = state.auth.principal(headers) else {
        return Err(unauthorized(
            "Logga in som registrator eller skicka API-nyckeln: Authorization: Bearer <nyckel>.",
        ));
    };
    if let (true, Principal::Session { csrf }) = (changes_state, &principal) {
        let sent = headers
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if auth::cross_site(headers) || !auth::same(sent.as_bytes(), csrf.as_bytes()) {
            return Err(error_response(
                StatusCode::FORBIDDEN,
                "csrf_failed",
                "Förfrågan saknar giltig CSRF-token (X-CSRF-Token).",
            ));
        }
    }
    Ok(principal)
}

fn unauthorized(message: &str) -> Response {
    let mut r = error_response(StatusCode::UNAUTHORIZED, "unauthorized", message);
    r.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"motion-validator\""),
    );
    r
}

fn not_found(reference: &str) -> Response {
    error_response(
        StatusCode::NOT_FOUND,
        "motion_not_found",
        &format!("Det finns ingen motion med referensen {reference}."),
    )
}

/// `?status=&page=&perPage=` of the list.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ListQuery {
    pub status: Option<String>,
    pub page: Option<String>,
    #[serde(rename = "perPage")]
    pub per_page: Option<String>,
}

/// The list's options, checked.
pub(crate) fn list_options(q: &ListQuery) -> Result<(Option<Status>, u32, u32), OptionError> {
    let status = match q.status.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(Status::parse(s).ok_or_else(|| {
            OptionError::new(
                "invalid_status",
                "status",
                "status ska vara inkommen eller registrerad.".into(),
            )
        })?),
    };
    let number = |v: &Option<String>, name: &'static str, default: u32, max: u32| match v
        .as_deref()
        .filter(|s| !s.is_empty())
    {
        None => Ok(default),
        Some(s) => s
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| {
                OptionError::new(
                    "invalid_query",
                    name,
                    format!("{name} ska vara ett heltal från 1 till {max}."),
                )
            }),
    };
    let page = number(&q.page, "page", 1, 1_000_000)?;
    let per_page = number(&q.per_page, "perPage", 50, MAX_PER_PAGE)?;
    Ok((status, page, per_page))
}

/// `GET /api/v1/motions`.
pub(crate) async fn list(
    State(state): State<Arc<AppState>>,
    query: Result<Query<ListQuery>, QueryRejection>,
    headers: HeaderMap,
) -> Response {
    if let Err(r) = authorize(&state, &headers, false) {
        return r;
    }
    let query = match query {
        Ok(Query(q)) => q,
        Err(e) => return OptionError::query(&e, "status, page och perPage").into_response(),
    };
    let (status, page, per_page) = match list_options(&query) {
        Ok(o) => o,
        Err(e) => return e.into_response(),
    };
    let store = state.store.clone();
    let outcome = tokio::task::spawn_blocking(move || store.list(status, page, per_page)).await;
    let (rows, total) = match outcome {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => return store_failed(e),
        Err(_) => return internal_error("Listan gick inte att läsa."),
    };
    let items: Vec<Summary<'_>> = rows
        .iter()
        .map(|rec| {
            let deadline = time::deadline(&rec.submitted_on);
            Summary {
                reference: &rec.reference,
                status: rec.status.as_str(),
                profile: &rec.profile,
                title: &rec.title,
                received_at: &rec.received_at,
                submitted_on: &rec.submitted_on,
                answer_due_on: deadline.map(|(d, _)| d.to_string()),
                deadline_passed: deadline.is_some_and(|(_, p)| p),
                diary_number: rec.diary_number.as_deref(),
                registered_at: rec.registered_at.as_deref(),
            }
        })
        .collect();
    let body = serde_json::json!({
        "items": items,
        "page": page,
        "perPage": per_page,
        "total": total,
    });
    json_response(StatusCode::OK, body.to_string())
}

/// `GET /api/v1/motions/{ref}`.
pub(crate) async fn one(
    State(state): State<Arc<AppState>>,
    Path(reference): Path<String>,
    headers: HeaderMap,
) -> Response {
    if let Err(r) = authorize(&state, &headers, false) {
        return r;
    }
    let store = state.store.clone();
    let wanted = reference.clone();
    match tokio::task::spawn_blocking(move || store.get(&wanted)).await {
        Ok(Ok(Some(rec))) => match view_json(&rec) {
            Ok(body) => json_response(StatusCode::OK, body),
            Err(r) => r,
        },
        Ok(Ok(None)) => not_found(&reference),
        Ok(Err(e)) => store_failed(e),
        Err(_) => internal_error("Motionen gick inte att läsa."),
    }
}

/// The outcome of a registration, for the API and the inbox alike.
pub(crate) enum RegisterOutcome {
    Done(Record),
    /// The registration report has errors.
    Invalid(Report),
    NotFound,
    AlreadyRegistered(Record),
    /// The number (canonical) is used by this other motion of the profile.
    NumberTaken {
        number: String,
        holder: String,
    },
    Failed(String),
}

/// Registers a motion (blocking: run it on a blocking thread): the number
/// in its canonical form (`ksn 2020 2111` → `KSN-2020-02111`), checked
/// with the motion at stage `registration`, stored if valid and unused.
pub(crate) fn register_motion(
    state: &AppState,
    reference: &str,
    text: &str,
    lang: Lang,
) -> RegisterOutcome {
    let rec = match state.store.get(reference) {
        Ok(Some(r)) => r,
        Ok(None) => return RegisterOutcome::NotFound,
        Err(e) => return RegisterOutcome::Failed(e.to_string()),
    };
    if rec.status == Status::Registrerad {
        return RegisterOutcome::AlreadyRegistered(rec);
    }
    let Some(validator) = state.validator(&rec.profile, lang, Stage::Registration) else {
        return RegisterOutcome::Failed(format!("no profile {}", rec.profile));
    };
    let Ok(mut motion) = serde_json::from_str::<Motion>(&rec.motion_json) else {
        return RegisterOutcome::Failed("a stored motion cannot be read".into());
    };
    let text = text.trim();
    let canonical = validator
        .profile()
        .normalize_diary_number(text)
        .unwrap_or_else(|| text.to_owned());
    motion.diary_number = Some(canonical.clone()).filter(|c| !c.is_empty());
    let report = validator.validate_motion(&motion);
    let Some(normalized) = report.normalized.as_ref().filter(|_| report.valid) else {
        return RegisterOutcome::Invalid(report);
    };
    let number = normalized.diary_number.clone().unwrap_or(canonical);
    let Ok(motion_json) = serde_json::to_string(normalized) else {
        return RegisterOutcome::Failed("the motion cannot be written".into());
    };
    let (registered_at, _) = time::now();
    match state.store.register(
        reference,
        &number,
        &registered_at,
        &motion_json,
        &report.to_json(),
    ) {
        Ok(RegisterResult::Done(rec)) => {
            eprintln!("motion-validator: {reference} registered as {number}");
            RegisterOutcome::Done(rec)
        }
        Ok(RegisterResult::NotFound) => RegisterOutcome::NotFound,
        Ok(RegisterResult::AlreadyRegistered(rec)) => RegisterOutcome::AlreadyRegistered(rec),
        Ok(RegisterResult::NumberTaken(holder)) => RegisterOutcome::NumberTaken { number, holder },
        Err(e) => RegisterOutcome::Failed(e.to_string()),
    }
}

/// The Swedish message for a number already in use.
pub(crate) fn taken_message(number: &str, holder: &str) -> String {
    if holder.is_empty() {
        format!("Diarienumret {number} används redan för en annan motion.")
    } else {
        format!("Diarienumret {number} används redan för motion {holder}.")
    }
}

/// `POST /api/v1/motions/{ref}/registration` with `{"diaryNumber": "…"}`.
pub(crate) async fn register(
    State(state): State<Arc<AppState>>,
    Path(reference): Path<String>,
    query: Result<Query<LangQuery>, QueryRejection>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    if let Err(r) = authorize(&state, &headers, true) {
        return r;
    }
    let lang = match query {
        Ok(Query(q)) => match q.lang.as_deref().filter(|l| !l.is_empty()) {
            None => Lang::Sv,
            Some(l) => match l.parse::<Lang>() {
                Ok(l) => l,
                Err(e) => {
                    return OptionError::new(
                        "invalid_lang",
                        "lang",
                        format!("Parametern lang går inte att använda: {e}"),
                    )
                    .into_response()
                }
            },
        },
        Err(e) => return OptionError::query(&e, "lang").into_response(),
    };
    let bytes = match api::read_limited(body, MAX_REGISTRATION_BODY).await {
        Ok(b) => b,
        Err(_) => {
            return error_response(
                StatusCode::BAD_REQUEST,
                "invalid_body",
                "Skicka {\"diaryNumber\": \"…\"} som JSON (högst 16 KiB).",
            )
        }
    };
    let text = match serde_json::from_slice::<serde_json::Value>(&bytes) {
        Ok(serde_json::Value::Object(map)) => match map.get("diaryNumber") {
            None | Some(serde_json::Value::Null) => String::new(),
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(_) => {
                return error_response(
                    StatusCode::BAD_REQUEST,
                    "invalid_body",
                    "diaryNumber ska vara en sträng, som \"KSN-2020-02111\".",
                )
            }
        },
        _ => {
            return error_response(
                StatusCode::BAD_REQUEST,
                "invalid_body",
                "Skicka {\"diaryNumber\": \"…\"} som JSON.",
            )
        }
    };
    let shared = state.clone();
    let wanted = reference.clone();
    let outcome =
        tokio::task::spawn_blocking(move || register_motion(&shared, &wanted, &text, lang)).await;
    match outcome {
        Ok(RegisterOutcome::Done(rec)) => match view_json(&rec) {
            Ok(body) => json_response(StatusCode::OK, body),
            Err(r) => r,
        },
        Ok(RegisterOutcome::Invalid(report)) => {
            json_response(StatusCode::UNPROCESSABLE_ENTITY, report.to_json())
        }
        Ok(RegisterOutcome::NotFound) => not_found(&reference),
        Ok(RegisterOutcome::AlreadyRegistered(rec)) => error_response(
            StatusCode::CONFLICT,
            "already_registered",
            &format!(
                "Motionen {} är redan registrerad som {}.",
                rec.reference,
                rec.diary_number.as_deref().unwrap_or("?")
            ),
        ),
        Ok(RegisterOutcome::NumberTaken { number, holder }) => error_response(
            StatusCode::CONFLICT,
            "diary_number_taken",
            &taken_message(&number, &holder),
        ),
        Ok(RegisterOutcome::Failed(e)) => store_failed(e),
        Err(_) => internal_error("Registreringen misslyckades oväntat."),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LangQuery {
    pub lang: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rate_limit_slides() {
        let limiter = RateLimiter::new(2, Duration::from_millis(300));
        let ip: IpAddr = [127, 0, 0, 1].into();
        let other: IpAddr = [127, 0, 0, 2].into();
        assert_eq!(limiter.check(ip), Ok(()));
        assert_eq!(limiter.check(ip), Ok(()));
        assert_eq!(limiter.check(ip), Err(1));
        assert_eq!(limiter.check(other), Ok(()));
        std::thread::sleep(Duration::from_millis(350));
        assert_eq!(limiter.check(ip), Ok(()));
        assert_eq!(
            RateLimiter::new(0, Duration::from_secs(60)).check(ip),
            Ok(())
        );
    }
}
