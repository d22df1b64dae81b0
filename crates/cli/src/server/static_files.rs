//! The form (`www/`) and the WebAssembly package (`pkg/`), as files. Only
//! those two directories are served (no path traversal); `.wasm` is
//! `application/wasm`.
//!
//! Compression: `scripts/build-pkg.sh` writes a `.gz` and a `.br` next to
//! each file of the browser's package; a client that accepts them gets
//! that copy (`Content-Encoding`), others the file itself, and every
//! response from `pkg/` says `Vary: Accept-Encoding` so caches keep them
//! apart. Caching: nothing is content-hashed, so everything revalidates
//! (`Cache-Control: no-cache` with `Last-Modified`; a 304 costs one round
//! trip and no body).
//!
//! A path under `/api` that the API's router did not take (`/api/`,
//! `//api/v1/validate`) gets the API's JSON 404, not a static one.

use std::convert::Infallible;
use std::path::Path;

use axum::extract::Request;
use axum::http::header::{self, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower::ServiceExt;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

pub(crate) fn router(root: &Path) -> Router {
    let pkg = Router::new()
        .fallback_service(
            ServeDir::new(root.join("pkg"))
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(SetResponseHeaderLayer::if_not_present(
            header::VARY,
            HeaderValue::from_static("accept-encoding"),
        ));
    let www = ServeDir::new(root.join("www"));
    // Static files are revalidated on each load, so a rebuilt pkg/ or an
    // edited page is never stale.
    Router::new()
        .nest("/pkg", pkg)
        .fallback(move |request: Request| serve_www(www.clone(), request))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
}

async fn serve_www(www: ServeDir, request: Request) -> Response {
    if is_api_path(request.uri().path()) {
        let mut response =
            super::api::api_not_found(request.method().clone(), request.uri().clone()).await;
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return response;
    }
    let served: Result<_, Infallible> = www.oneshot(request).await;
    match served {
        Ok(response) => response.into_response(),
        Err(never) => match never {},
    }
}

/// `/api`, `/api/...`, and the same with the leading slash doubled.
fn is_api_path(path: &str) -> bool {
    let rest = path.trim_start_matches('/');
    rest == "api" || rest.starts_with("api/")
}
