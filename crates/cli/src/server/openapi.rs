//! `GET /api/v1/openapi.json`: the API described in OpenAPI 3.1, for
//! portals that generate their clients (.NET, Java). The document is
//! `openapi.json` beside this file; `crates/cli/tests/api.rs` checks the
//! real responses against its schemas.

use axum::http::StatusCode;
use axum::response::Response;

use super::json_response;

/// The document, as shipped.
pub(crate) const DOCUMENT: &str = include_str!("openapi.json");

pub(crate) async fn document() -> Response {
    json_response(StatusCode::OK, DOCUMENT.to_owned())
}
