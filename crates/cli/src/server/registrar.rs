//! The registrar's inbox, `/registrator`: server-rendered HTML in Swedish
//! (no script at all; plain links and forms, so the keyboard and screen
//! readers work as with any page), behind the registrar's login.
//!
//! - `GET /registrator` — the motions, newest first (`?status=`, `?page=`);
//! - `GET /registrator/motioner/{ref}` — one motion, its report, *Registrera*;
//! - `POST /registrator/motioner/{ref}` — register it (`diaryNumber`, `csrf`);
//! - `GET /registrator/export.csv` — the list as CSV (UTF-8 with BOM, `;`);
//! - `GET|POST /registrator/logga-in`, `POST /registrator/logga-ut`.
//!
//! Without a session, pages redirect to the login (303) and form posts get
//! 401; neither carries any motion text. Without a configured password
//! every page says how to turn the inbox on (503).

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{ConnectInfo, Form, Path, Query, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use motion_validator::{Date, Lang, Motion};
use serde::Deserialize;
use serde_json::Value;

use super::auth::{self, LoginError};
use super::motions::{self, ListQuery, RegisterOutcome};
use super::store::{Record, Status};
use super::{time, AppState, PASSWORD_ENV};

const PER_PAGE: u32 = 50;

pub(crate) fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/registrator", get(inbox))
        .route("/registrator/", get(|| async { see_other("/registrator") }))
        .route("/registrator/logga-in", get(login_page).post(login))
        .route("/registrator/logga-ut", axum::routing::post(logout))
        .route(
            "/registrator/motioner/{reference}",
            get(motion_page).post(register),
        )
        .route("/registrator/export.csv", get(export_csv))
        .with_state(state)
}

/// Text for HTML (element content and quoted attributes).
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes a query value.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Where to go after login: only pages of the inbox.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with("/registrator")
                && !n.contains("//")
                && !n.contains('\\')
                && !n.chars().any(char::is_control) =>
        {
            n.to_owned()
        }
        _ => "/registrator".to_owned(),
    }
}

/// A whole page. `csrf`: the session's token when logged in (the header
/// then has *Logga ut*).
fn page(title: &str, main: &str, csrf: Option<&str>) -> String {
    let logout = match csrf {
        Some(token) => format!(
            r#"<form class="header__logout" method="post" action="/registrator/logga-ut">
        <input type="hidden" name="csrf" value="{}">
        <button type="submit" class="header__lang">Logga ut</button>
      </form>"#,
            esc(token)
        ),
        None => String::new(),
    };
    format!(
        r##"<!doctype html>
<html lang="sv">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>{title} – Motionskontroll, registrator</title>
  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/style.css">
  <link rel="stylesheet" href="/registrator/registrator.css">
</head>
<body class="registrar">
  <a class="skip-link" href="#main">Hoppa till innehållet</a>
  <header class="header">
    <div class="container header__inner">
      <a class="header__service" href="/registrator">Motionskontroll – registrator</a>
      {logout}
    </div>
  </header>
  <main class="container main" id="main" tabindex="-1">
{main}
  </main>
  <footer class="footer">
    <div class="container">
      <p>Registratorns inkorg. Motionerna lämnas in via <a href="/">formuläret</a> eller API:t.</p>
    </div>
  </footer>
</body>
</html>
"##,
        title = esc(title),
    )
}

fn html(status: StatusCode, body: String) -> Response {
    (
        status,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            // Motion texts behind a login: never kept in a shared cache.
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body,
    )
        .into_response()
}

fn see_other(to: &str) -> Response {
    let mut r = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// The page every inbox URL gives when no password is configured.
fn disabled() -> Response {
    let main = format!(
        r#"    <h1 class="heading-xl">Inkorgen är avstängd</h1>
    <p class="lead">Ingen har satt något lösenord för registratorn, så inkorgen är inte påslagen.</p>
    <p>Den som driver tjänsten slår på den genom att starta servern med ett lösenord:</p>
    <pre class="code">motion-validator serve --registrar-password-file /etc/motion-validator/registrator-losenord</pre>
    <p>eller med miljövariabeln <code>{PASSWORD_ENV}</code>. Filen får innehålla lösenordet eller dess
    Argon2-hash (<code>motion-validator hash-password</code>). Se README, avsnittet
    ”Running it for a municipality”.</p>
    <p>Motioner kan lämnas in ändå; de sparas och syns här när inkorgen är påslagen.</p>"#
    );
    html(
        StatusCode::SERVICE_UNAVAILABLE,
        page("Inkorgen är avstängd", &main, None),
    )
}

/// The session (id, CSRF token) of a page request, or the response to
/// send instead: the login (303) or the disabled page.
fn session_or_login(
    state: &AppState,
    headers: &HeaderMap,
    uri: &Uri,
) -> Result<(String, String), Response> {
    if !state.auth.inbox_enabled() {
        return Err(disabled());
    }
    state.auth.session(headers).ok_or_else(|| {
        let here = uri.path_and_query().map_or("/registrator", |p| p.as_str());
        see_other(&format!(
            "/registrator/logga-in?next={}",
            encode(&safe_next(Some(here)))
        ))
    })
}

/// The session of a form post whose CSRF token matches, or the response.
fn session_for_post(
    state: &AppState,
    headers: &HeaderMap,
    sent_csrf: &str,
) -> Result<(String, String), Response> {
    if !state.auth.inbox_enabled() {
        return Err(disabled());
    }
    let Some((id, csrf)) = state.auth.session(headers) else {
        let main = r#"    <h1 class="heading-xl">Du är inte inloggad</h1>
    <p>Sessionen har gått ut eller så har du loggat ut. Inget har ändrats.</p>
    <p><a href="/registrator/logga-in">Logga in igen</a></p>"#;
        return Err(html(
            StatusCode::UNAUTHORIZED,
            page("Du är inte inloggad", main, None),
        ));
    };
    if auth::cross_site(headers) || !auth::same(sent_csrf.as_bytes(), csrf.as_bytes()) {
        let main = r#"    <h1 class="heading-xl">Förfrågan kunde inte godtas</h1>
    <p>Formuläret saknade en giltig säkerhetskod (CSRF). Inget har ändrats. Ladda om sidan och försök igen.</p>
    <p><a href="/registrator">Till inkorgen</a></p>"#;
        return Err(html(
            StatusCode::FORBIDDEN,
            page("Förfrågan kunde inte godtas", main, Some(&csrf)),
        ));
    }
    Ok((id, csrf))
}

fn error_summary(errors: &[(String, String)]) -> String {
    if errors.is_empty() {
        return String::new();
    }
    let items: String = errors
        .iter()
        .map(|(field, message)| {
            format!(
                r##"<li><a href="#{}">{}</a></li>"##,
                esc(field),
                esc(message)
            )
        })
        .collect();
    format!(
        r#"    <div class="error-summary" id="error-summary" tabindex="-1" autofocus aria-labelledby="error-summary-title">
      <div role="alert">
        <h2 class="error-summary__title" id="error-summary-title">Det finns problem</h2>
        <ul class="error-summary__list">{items}</ul>
      </div>
    </div>
"#
    )
}

#[derive(Debug, Default, Deserialize)]
struct NextQuery {
    next: Option<String>,
}

fn login_html(next: &str, error: Option<&str>) -> String {
    let (summary, group_class, message, described, invalid) = match error {
        Some(e) => (
            error_summary(&[("password".into(), e.into())]),
            " form-group--error",
            format!(
                r#"<p class="error-message" id="password-error"><span class="visually-hidden">Fel:</span> {}</p>"#,
                esc(e)
            ),
            r#" aria-describedby="password-error""#,
            r#" aria-invalid="true""#,
        ),
        None => (String::new(), "", String::new(), "", ""),
    };
    let main = format!(
        r#"{summary}    <h1 class="heading-xl">Logga in som registrator</h1>
    <p>Inkorgen visar de motioner som har lämnats in och där registreras de med diarienummer.</p>
    <form method="post" action="/registrator/logga-in" novalidate>
      <input type="hidden" name="next" value="{next}">
      <div class="form-group{group_class}">
        <label class="label" for="password">Lösenord</label>
        {message}
        <input class="input input--width-20" id="password" name="password" type="password" autocomplete="current-password" required{described}{invalid}>
      </div>
      <button type="submit" class="button">Logga in</button>
    </form>"#,
        next = esc(next),
    );
    page("Logga in", &main, None)
}

/// `GET /registrator/logga-in`.
async fn login_page(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    query: Result<Query<NextQuery>, QueryRejection>,
) -> Response {
    if !state.auth.inbox_enabled() {
        return disabled();
    }
    let next = safe_next(query.ok().and_then(|Query(q)| q.next).as_deref());
    if state.auth.session(&headers).is_some() {
        return see_other(&next);
    }
    html(StatusCode::OK, login_html(&next, None))
}

#[derive(Debug, Deserialize)]
struct LoginForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: Option<String>,
}

/// `POST /registrator/logga-in`.
async fn login(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    form: Result<Form<LoginForm>, FormRejection>,
) -> Response {
    if !state.auth.inbox_enabled() {
        return disabled();
    }
    let Ok(Form(form)) = form else {
        return html(
            StatusCode::BAD_REQUEST,
            login_html("/registrator", Some("Skriv lösenordet.")),
        );
    };
    let next = safe_next(form.next.as_deref());
    // A login posted from another site (login CSRF) is refused.
    if auth::cross_site(&headers) {
        return html(
            StatusCode::FORBIDDEN,
            login_html(&next, Some("Inloggningen måste göras från den här sidan.")),
        );
    }
    if form.password.is_empty() {
        return html(
            StatusCode::UNAUTHORIZED,
            login_html(&next, Some("Skriv lösenordet.")),
        );
    }
    let ip = motions::client_ip(&state, peer, &headers);
    match state.auth.login(ip, form.password).await {
        Ok(id) => {
            let mut r = see_other(&next);
            r.headers_mut().insert(
                header::SET_COOKIE,
                auth::session_cookie(Some(&id), auth::is_https(&headers)),
            );
            r
        }
        Err(LoginError::WrongPassword) => html(
            StatusCode::UNAUTHORIZED,
            login_html(&next, Some("Fel lösenord. Försök igen.")),
        ),
        Err(LoginError::Disabled) => disabled(),
        Err(LoginError::Internal) => html(
            StatusCode::INTERNAL_SERVER_ERROR,
            login_html(
                &next,
                Some("Inloggningen misslyckades av ett tekniskt fel. Försök igen."),
            ),
        ),
    }
}

#[derive(Debug, Deserialize)]
struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /registrator/logga-ut`.
async fn logout(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    form: Result<Form<CsrfForm>, FormRejection>,
) -> Response {
    let sent = form.map(|Form(f)| f.csrf).unwrap_or_default();
    let (id, _) = match session_for_post(&state, &headers, &sent) {
        Ok(s) => s,
        Err(r) => return r,
    };
    state.auth.logout(&id);
    let mut r = see_other("/registrator/logga-in");
    r.headers_mut().insert(
        header::SET_COOKIE,
        auth::session_cookie(None, auth::is_https(&headers)),
    );
    r
}

fn status_tag(status: Status) -> String {
    let text = match status {
        Status::Inkommen => "Inkommen",
        Status::Registrerad => "Registrerad",
    };
    format!(
        r#"<span class="tag tag--{}">{text}</span>"#,
        status.as_str()
    )
}

/// The answer deadline as a cell: passed ones marked in words and colour.
fn deadline_html(submitted_on: &str) -> String {
    match time::deadline(submitted_on) {
        Some((due, true)) => format!(
            r#"<span class="deadline deadline--passed"><time datetime="{due}">{due}</time> <strong class="deadline__note">passerad</strong></span>"#
        ),
        Some((due, false)) => format!(r#"<time datetime="{due}">{due}</time>"#),
        None => "–".into(),
    }
}

/// `GET /registrator`.
async fn inbox(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    uri: Uri,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Response {
    let (_, csrf) = match session_or_login(&state, &headers, &uri) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let query = query.map(|Query(q)| q).unwrap_or_default();
    let (status, page_no, _) = match motions::list_options(&query) {
        Ok(o) => o,
        Err(_) => (None, 1, PER_PAGE),
    };
    let store = state.store.clone();
    let rows = tokio::task::spawn_blocking(move || store.list(status, page_no, PER_PAGE)).await;
    let (rows, total) = match rows {
        Ok(Ok(r)) => r,
        _ => {
            return html(
                StatusCode::SERVICE_UNAVAILABLE,
                page(
                    "Inkorgen",
                    r#"<h1 class="heading-xl">Inkorgen kunde inte läsas</h1><p>Databasen svarade inte. Försök igen om en stund.</p>"#,
                    Some(&csrf),
                ),
            )
        }
    };
    let filter = |s: Option<Status>, label: &str| {
        let href = match s {
            None => "/registrator".to_owned(),
            Some(s) => format!("/registrator?status={}", s.as_str()),
        };
        let current = if s == status {
            r#" aria-current="page""#
        } else {
            ""
        };
        format!(r#"<li><a href="{href}"{current}>{label}</a></li>"#)
    };
    let status_param = status.map_or(String::new(), |s| format!("?status={}", s.as_str()));
    let heading = match status {
        None => "Alla motioner",
        Some(Status::Inkommen) => "Inkomna motioner",
        Some(Status::Registrerad) => "Registrerade motioner",
    };
    let count = match total {
        0 => "Inga motioner".to_owned(),
        1 => "1 motion".to_owned(),
        n => format!("{n} motioner"),
    };
    let mut main = format!(
        r#"    <h1 class="heading-xl">Inkorgen</h1>
    <nav class="inbox-filter" aria-label="Visa motioner efter status">
      <ul>{}{}{}</ul>
    </nav>
    <h2 class="heading-m" id="list-title">{heading}</h2>
    <p>{count}, nyaste först. Svar senast: ett år efter att motionen väcktes (kommunallagen 5 kap. 35 §).</p>
    <p><a href="/registrator/export.csv{status_param}">Ladda ner listan som CSV-fil</a> (öppnas i Excel)</p>
"#,
        filter(None, "Alla"),
        filter(Some(Status::Inkommen), "Inkomna"),
        filter(Some(Status::Registrerad), "Registrerade"),
    );
    if rows.is_empty() {
        main.push_str("    <p class=\"notice\">Det finns inga motioner att visa här ännu.</p>\n");
    } else {
        main.push_str(
            r#"    <div class="table-wrap" role="region" aria-labelledby="list-title" tabindex="0">
    <table class="inbox">
      <thead>
        <tr><th scope="col">Referens</th><th scope="col">Titel</th><th scope="col">Status</th><th scope="col">Inkommen</th><th scope="col">Väckt</th><th scope="col">Svar senast</th><th scope="col">Diarienummer</th></tr>
      </thead>
      <tbody>
"#,
        );
        for rec in &rows {
            main.push_str(&format!(
                r#"        <tr><th scope="row"><a href="/registrator/motioner/{r}">{r}</a></th><td>{title}</td><td>{tag}</td><td><time datetime="{utc}">{local}</time></td><td>{submitted}</td><td>{deadline}</td><td>{diary}</td></tr>
"#,
                r = esc(&rec.reference),
                title = esc(&rec.title),
                tag = status_tag(rec.status),
                utc = esc(&rec.received_at),
                local = esc(&time::short(&rec.received_at)),
                submitted = esc(&rec.submitted_on),
                deadline = deadline_html(&rec.submitted_on),
                diary = rec.diary_number.as_deref().map_or("–".into(), esc),
            ));
        }
        main.push_str("      </tbody>\n    </table>\n    </div>\n");
        let pages = total.div_ceil(u64::from(PER_PAGE)).max(1);
        if pages > 1 {
            let link = |p: u64, label: &str, rel: &str| {
                let status_part =
                    status.map_or(String::new(), |s| format!("status={}&amp;", s.as_str()));
                format!(r#"<a href="/registrator?{status_part}page={p}" rel="{rel}">{label}</a>"#)
            };
            let page_no = u64::from(page_no);
            main.push_str(&format!(
                r#"    <nav class="pagination" aria-label="Sidor"><p>Sida {page_no} av {pages}</p><ul>{}{}</ul></nav>
"#,
                if page_no > 1 { format!("<li>{}</li>", link(page_no - 1, "Föregående sida", "prev")) } else { String::new() },
                if page_no < pages { format!("<li>{}</li>", link(page_no + 1, "Nästa sida", "next")) } else { String::new() },
            ));
        }
    }
    html(StatusCode::OK, page("Inkorgen", &main, Some(&csrf)))
}

/// The issues of a stored report as a list (errors and warnings apart,
/// never by colour alone).
fn issues_html(report_json: &str) -> String {
    let report: Value = serde_json::from_str(report_json).unwrap_or(Value::Null);
    let issues = report["issues"].as_array().cloned().unwrap_or_default();
    if issues.is_empty() {
        return "<p>Inga fel och inga varningar.</p>".into();
    }
    let items: String = issues
        .iter()
        .map(|i| {
            let warning = i["severity"] == "warning";
            format!(
                r#"<li class="issue issue--{}" data-code="{}"><strong>{}</strong> {}</li>"#,
                if warning { "warning" } else { "error" },
                esc(i["code"].as_str().unwrap_or("")),
                if warning { "Varning:" } else { "Fel:" },
                esc(i["message"].as_str().unwrap_or("")),
            )
        })
        .collect();
    format!(r#"<ul class="issues">{items}</ul>"#)
}

/// The motion in the conventional layout.
fn motion_html(motion: &Motion) -> String {
    let paragraphs: String = motion
        .body
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let lines: Vec<String> = p.lines().map(esc).collect();
            format!("<p>{}</p>", lines.join("<br>"))
        })
        .collect();
    let proposals: String = motion
        .proposals
        .iter()
        .map(|p| format!("<li>{}</li>", esc(p)))
        .collect();
    let signatories: String = motion
        .signatories
        .iter()
        .map(|s| format!("<li>{} ({})</li>", esc(&s.name), esc(&s.party)))
        .collect();
    let submitted = Date::parse_iso(&motion.submitted_on)
        .map_or_else(|| motion.submitted_on.clone(), |d| time::long_date(&d));
    format!(
        r#"    <article class="motion-text" aria-labelledby="motion-title">
      <h2 class="heading-m" id="motion-title">Motion: {title}</h2>
      {paragraphs}
      <p>Med anledning av detta yrkar vi</p>
      <ol class="proposals">{proposals}</ol>
      <h3 class="heading-s">Undertecknare</h3>
      <ul class="signatories">{signatories}</ul>
      <p>Väckt {submitted}</p>
    </article>
"#,
        title = esc(&motion.title),
    )
}

/// A motion's page; `form`: the number typed and the errors to show.
fn motion_page_html(rec: &Record, csrf: &str, typed: &str, errors: &[(String, String)]) -> String {
    let motion: Option<Motion> = serde_json::from_str(&rec.motion_json).ok();
    let deadline = deadline_html(&rec.submitted_on);
    let mut main = String::from(
        r#"    <p><a class="back-link" href="/registrator">Tillbaka till inkorgen</a></p>
"#,
    );
    main.push_str(&error_summary(errors));
    if let (Status::Registrerad, Some(number)) = (rec.status, &rec.diary_number) {
        let warnings = rec
            .registration_report_json
            .as_deref()
            .map(issues_html)
            .unwrap_or_default();
        main.push_str(&format!(
            r#"    <div class="panel-registered" role="status" id="registered">
      <p class="verdict">Registrerad som <span id="registered-number">{}</span></p>
      <p>{}</p>
      {warnings}
    </div>
"#,
            esc(number),
            rec.registered_at
                .as_deref()
                .map_or(String::new(), |t| format!(
                    "Registrerad {}.",
                    esc(&time::long(t))
                )),
        ));
    }
    main.push_str(&format!(
        r#"    <h1 class="heading-xl">Motion {reference}</h1>
    <dl class="summary-list">
      <div class="summary-list__row"><dt>Status</dt><dd id="status">{status}</dd></div>
      <div class="summary-list__row"><dt>Inkommen</dt><dd><time datetime="{utc}">{received}</time></dd></div>
      <div class="summary-list__row"><dt>Väckt</dt><dd>{submitted}</dd></div>
      <div class="summary-list__row"><dt>Svar senast</dt><dd>{deadline}</dd></div>
      <div class="summary-list__row"><dt>Diarienummer</dt><dd id="diary-number-value">{diary}</dd></div>
      <div class="summary-list__row"><dt>Kommun</dt><dd>{profile}</dd></div>
    </dl>
"#,
        reference = esc(&rec.reference),
        status = status_tag(rec.status),
        utc = esc(&rec.received_at),
        received = esc(&time::long(&rec.received_at)),
        submitted = esc(&rec.submitted_on),
        diary = rec.diary_number.as_deref().map_or("–".into(), esc),
        profile = esc(&rec.profile),
    ));
    if rec.status == Status::Inkommen {
        let field_error = errors
            .iter()
            .filter(|(f, _)| f == "diary-number")
            .map(|(_, m)| {
                format!(
                    r#"<p class="error-message" id="diary-number-error"><span class="visually-hidden">Fel:</span> {}</p>"#,
                    esc(m)
                )
            })
            .collect::<String>();
        let (group, described, invalid) = if field_error.is_empty() {
            ("", "diary-number-hint", "")
        } else {
            (
                " form-group--error",
                "diary-number-hint diary-number-error",
                r#" aria-invalid="true""#,
            )
        };
        main.push_str(&format!(
            r#"    <section class="register" aria-labelledby="register-title">
      <h2 class="heading-m" id="register-title">Registrera</h2>
      <form method="post" action="/registrator/motioner/{reference}" novalidate>
        <input type="hidden" name="csrf" value="{csrf}">
        <div class="form-group{group}">
          <label class="label" for="diary-number">Diarienummer</label>
          <p class="hint" id="diary-number-hint">Till exempel KSN-2020-02111. Det skrivs om till kommunens form (ksn 2020 2111 blir KSN-2020-02111).</p>
          {field_error}
          <input class="input input--width-20" id="diary-number" name="diaryNumber" type="text" value="{typed}" autocomplete="off" spellcheck="false" aria-describedby="{described}"{invalid}>
        </div>
        <button type="submit" class="button">Registrera</button>
      </form>
    </section>
"#,
            reference = esc(&rec.reference),
            csrf = esc(csrf),
            typed = esc(typed),
        ));
    }
    match &motion {
        Some(m) => main.push_str(&motion_html(m)),
        None => main.push_str(
            "    <p class=\"notice notice--error\">Motionens text gick inte att läsa.</p>\n",
        ),
    }
    main.push_str(&format!(
        r#"    <section aria-labelledby="report-title">
      <h2 class="heading-m" id="report-title">Serverns kontroll när motionen lämnades in</h2>
      {}
    </section>
"#,
        issues_html(&rec.report_json)
    ));
    let title = if errors.is_empty() {
        format!("Motion {}", rec.reference)
    } else {
        format!("Fel: Motion {}", rec.reference)
    };
    page(&title, &main, Some(csrf))
}

fn not_found_page(reference: &str, csrf: &str) -> Response {
    let main = format!(
        r#"    <h1 class="heading-xl">Motionen finns inte</h1>
    <p>Det finns ingen motion med referensen {}.</p>
    <p><a href="/registrator">Till inkorgen</a></p>"#,
        esc(reference)
    );
    html(
        StatusCode::NOT_FOUND,
        page("Motionen finns inte", &main, Some(csrf)),
    )
}

/// `GET /registrator/motioner/{ref}`.
async fn motion_page(
    State(state): State<Arc<AppState>>,
    Path(reference): Path<String>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let (_, csrf) = match session_or_login(&state, &headers, &uri) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let store = state.store.clone();
    let wanted = reference.clone();
    match tokio::task::spawn_blocking(move || store.get(&wanted)).await {
        Ok(Ok(Some(rec))) => html(StatusCode::OK, motion_page_html(&rec, &csrf, "", &[])),
        Ok(Ok(None)) => not_found_page(&reference, &csrf),
        _ => html(
            StatusCode::SERVICE_UNAVAILABLE,
            page(
                "Fel",
                "<h1 class=\"heading-xl\">Motionen kunde inte läsas</h1>",
                Some(&csrf),
            ),
        ),
    }
}

#[derive(Debug, Deserialize)]
struct RegisterForm {
    #[serde(default)]
    csrf: String,
    #[serde(default, rename = "diaryNumber")]
    diary_number: String,
}

/// `POST /registrator/motioner/{ref}`: *Registrera*.
async fn register(
    State(state): State<Arc<AppState>>,
    Path(reference): Path<String>,
    headers: HeaderMap,
    form: Result<Form<RegisterForm>, FormRejection>,
) -> Response {
    let form = form.map(|Form(f)| f).unwrap_or(RegisterForm {
        csrf: String::new(),
        diary_number: String::new(),
    });
    let (_, csrf) = match session_for_post(&state, &headers, &form.csrf) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let shared = state.clone();
    let wanted = reference.clone();
    let typed = form.diary_number.clone();
    let outcome = tokio::task::spawn_blocking(move || {
        let outcome = motions::register_motion(&shared, &wanted, &typed, Lang::Sv);
        let current = shared.store.get(&wanted).ok().flatten();
        (outcome, current)
    })
    .await;
    let Ok((outcome, current)) = outcome else {
        return html(
            StatusCode::INTERNAL_SERVER_ERROR,
            page(
                "Fel",
                "<h1 class=\"heading-xl\">Registreringen misslyckades</h1>",
                Some(&csrf),
            ),
        );
    };
    let errors = match outcome {
        RegisterOutcome::Done(_) | RegisterOutcome::AlreadyRegistered(_) => {
            return see_other(&format!("/registrator/motioner/{}", encode(&reference)))
        }
        RegisterOutcome::NotFound => return not_found_page(&reference, &csrf),
        RegisterOutcome::Invalid(report) => report
            .errors()
            .map(|i| ("diary-number".to_owned(), i.message.clone()))
            .collect::<Vec<_>>(),
        RegisterOutcome::NumberTaken { number, holder } => {
            vec![(
                "diary-number".to_owned(),
                motions::taken_message(&number, &holder),
            )]
        }
        RegisterOutcome::Failed(e) => {
            eprintln!("motion-validator: database: {e}");
            vec![(
                "diary-number".to_owned(),
                "Registreringen kunde inte sparas just nu. Försök igen om en stund.".to_owned(),
            )]
        }
    };
    let status = if errors.iter().any(|(_, m)| m.contains("används redan")) {
        StatusCode::CONFLICT
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    match current {
        Some(rec) => html(
            status,
            motion_page_html(&rec, &csrf, &form.diary_number, &errors),
        ),
        None => not_found_page(&reference, &csrf),
    }
}

/// A CSV cell: quoted, with a leading `=`, `+`, `-`, `@` defused so that
/// Excel does not read a title as a formula.
fn cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// The CSV file: UTF-8 with a byte-order mark (so Excel reads å, ä, ö),
/// `;` between cells (what Excel expects in Swedish), CRLF line ends.
pub(crate) fn csv(rows: &[Record]) -> String {
    let mut out = String::from("\u{feff}");
    let head = [
        "Referens",
        "Status",
        "Inkommen",
        "Väckt",
        "Svar senast",
        "Diarienummer",
        "Registrerad",
        "Kommun",
        "Titel",
        "Undertecknare",
    ];
    out.push_str(&head.map(cell).join(";"));
    out.push_str("\r\n");
    for rec in rows {
        let signatories = serde_json::from_str::<Motion>(&rec.motion_json)
            .map(|m| {
                m.signatories
                    .iter()
                    .map(|s| format!("{} ({})", s.name, s.party))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        let due = time::deadline(&rec.submitted_on).map_or(String::new(), |(d, _)| d.to_string());
        let row = [
            rec.reference.clone(),
            rec.status.as_str().to_owned(),
            time::short(&rec.received_at),
            rec.submitted_on.clone(),
            due,
            rec.diary_number.clone().unwrap_or_default(),
            rec.registered_at
                .as_deref()
                .map(time::short)
                .unwrap_or_default(),
            rec.profile.clone(),
            rec.title.clone(),
            signatories,
        ];
        out.push_str(&row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(";"));
        out.push_str("\r\n");
    }
    out
}

/// `GET /registrator/export.csv`.
async fn export_csv(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    uri: Uri,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Response {
    if let Err(r) = session_or_login(&state, &headers, &uri) {
        return r;
    }
    let query = query.map(|Query(q)| q).unwrap_or_default();
    let status = motions::list_options(&query).map_or(None, |(s, _, _)| s);
    let store = state.store.clone();
    match tokio::task::spawn_blocking(move || store.all(status)).await {
        Ok(Ok(rows)) => (
            StatusCode::OK,
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/csv; charset=utf-8"),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    HeaderValue::from_static("attachment; filename=\"motioner.csv\""),
                ),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            ],
            csv(&rows),
        )
            .into_response(),
        _ => html(
            StatusCode::SERVICE_UNAVAILABLE,
            page(
                "Fel",
                "<h1 class=\"heading-xl\">Listan kunde inte läsas</h1>",
                None,
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_cells_are_defused() {
        assert_eq!(
            esc(r#"<img src=x onerror="alert(1)">&'"#),
            "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;"
        );
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("Åtgärder"), "\"Åtgärder\"");
        assert_eq!(safe_next(Some("//evil.example")), "/registrator");
        assert_eq!(safe_next(Some("https://evil.example")), "/registrator");
        assert_eq!(
            safe_next(Some("/registrator/motioner/M-2026-0001")),
            "/registrator/motioner/M-2026-0001"
        );
        assert_eq!(
            encode("/registrator?status=inkommen"),
            "/registrator%3Fstatus%3Dinkommen"
        );
    }
}
