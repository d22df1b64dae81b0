//! The access log: one line per request on stderr,
//!
//! ```text
//! access method=POST path=/api/v1/validate status=422 bytes=1234 ms=0.41
//! ```
//!
//! The path only: never the query string (it may carry options or
//! data) and never a body. `bytes` is the response body's length when it
//! is known when the response starts (`-` for a stream of unknown length);
//! `ms` is the time until the response's head was ready. Off with
//! `--no-access-log`.

use std::fmt::Write as _;
use std::time::Instant;

use axum::body::HttpBody;
use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;

use super::listen::log_line;

/// A path longer than this is cut (with `…`): one line stays one line.
const MAX_PATH: usize = 200;

pub(crate) async fn layer(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = shown_path(request.uri().path());
    let response = next.run(request).await;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let bytes = response.body().size_hint().exact().or_else(|| {
        response
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok())
    });
    let mut line = format!(
        "access method={method} path={path} status={}",
        response.status().as_u16()
    );
    match bytes {
        Some(n) => {
            let _ = write!(line, " bytes={n}");
        }
        None => line.push_str(" bytes=-"),
    }
    let _ = write!(line, " ms={ms:.2}");
    log_line(&line);
    response
}

/// The path as it was sent (percent-encoded, so one token without spaces),
/// with anything outside printable ASCII escaped, at most [`MAX_PATH`].
fn shown_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len().min(MAX_PATH + 3));
    for c in path.chars() {
        if out.len() >= MAX_PATH {
            out.push('…');
            break;
        }
        if c.is_ascii_graphic() {
            out.push(c);
        } else {
            let _ = write!(out, "%{:02X}", u32::from(c));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::shown_path;

    #[test]
    fn paths_stay_one_token() {
        assert_eq!(shown_path("/api/v1/validate"), "/api/v1/validate");
        assert_eq!(shown_path("/a b\n"), "/a%20b%0A");
        assert!(shown_path(&"/x".repeat(500)).chars().count() <= 201);
    }
}
