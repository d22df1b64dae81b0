//! The form (`www/`) and the WebAssembly package (`pkg/`), as files. Only
//! those two directories are served (no path traversal); `.wasm` is
//! `application/wasm`.

use std::path::Path;

use axum::http::header::{self, HeaderValue};
use axum::Router;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

pub(crate) fn router(root: &Path) -> Router {
    // Static files are revalidated on each load, so a rebuilt pkg/ or an
    // edited page is never stale.
    Router::new()
        .nest_service("/pkg", ServeDir::new(root.join("pkg")))
        .fallback_service(ServeDir::new(root.join("www")))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
}
