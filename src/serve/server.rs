//! The HTTP side of `serve`: the built site under its sub-path (tower-http `ServeDir`, HTML pages
//! get the reload script injected), and the server-sent events that tell pages to reload or to show
//! the build errors.

use super::inject::inject;
use super::{BuildState, EVENTS_PATH, stopped};
use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::{mpsc, watch};
use tokio_stream::StreamExt;
use tokio_stream::wrappers::ReceiverStream;
use tower_http::services::{ServeDir, ServeFile};

/// Largest HTML page the server rewrites (bigger pages are served as they are).
const MAX_HTML: usize = 64 * 1024 * 1024;

/// What every request handler shares.
pub struct Shared {
    /// The output directory of the builds.
    pub out: PathBuf,
    /// URL path the site is served under: `/` or `/xa/cchc/`.
    pub prefix: String,
    /// The latest build outcome.
    pub state: watch::Receiver<BuildState>,
    /// Becomes `true` when the server stops (ends the event streams).
    pub shutdown: watch::Receiver<bool>,
}

/// The router: events, then the site.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .fallback(site)
        .with_state(shared)
}

/// `GET /__planportal/events`: the current state at once, then every change.
async fn events(State(shared): State<Arc<Shared>>) -> impl IntoResponse {
    let (tx, rx) = mpsc::channel::<Event>(8);
    let mut state = shared.state.clone();
    let mut shutdown = shared.shutdown.clone();
    tokio::spawn(async move {
        let first = state.borrow_and_update().clone();
        if tx.send(event(&first, true)).await.is_err() {
            return;
        }
        loop {
            tokio::select! {
                changed = state.changed() => {
                    if changed.is_err() {
                        break;
                    }
                    let current = state.borrow_and_update().clone();
                    if tx.send(event(&current, false)).await.is_err() {
                        break;
                    }
                }
                _ = stopped(&mut shutdown) => break,
                _ = tx.closed() => break,
            }
        }
    });
    let mut response = Sse::new(ReceiverStream::new(rx).map(Ok::<_, Infallible>))
        .keep_alive(KeepAlive::default())
        .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `hello` (on connect) or `reload` after a good build, `error` after a failed one.
fn event(state: &BuildState, first: bool) -> Event {
    match &state.error {
        Some(diagnostics) => Event::default().event("error").data(format!(
            "{{\"version\":{},\"diagnostics\":{diagnostics}}}",
            state.version
        )),
        None => Event::default()
            .event(if first { "hello" } else { "reload" })
            .data(format!("{{\"version\":{}}}", state.version)),
    }
}

/// Everything else: a file of the site, under the prefix.
async fn site(State(shared): State<Arc<Shared>>, mut request: Request) -> Response {
    let path = request.uri().path().to_string();
    let query = request
        .uri()
        .query()
        .map(|q| format!("?{q}"))
        .unwrap_or_default();
    let prefix = shared.prefix.as_str();
    if prefix != "/" && (path == "/" || path == prefix.trim_end_matches('/')) {
        return redirect(&format!("{prefix}{query}"));
    }
    let head = request.method() == Method::HEAD;
    let (version, draft_pages) = {
        let state = shared.state.borrow();
        (state.version, Arc::clone(&state.drafts))
    };
    let Some(rest) = path.strip_prefix(prefix) else {
        return not_found(version, head);
    };
    let page = rest.strip_suffix("index.html").unwrap_or(rest);
    let draft = draft_pages.iter().any(|d| d == page);
    // The web editor keeps unsaved work in the page: it must not reload when its saves rebuild.
    let live = !rest.starts_with("admin/");
    match format!("/{rest}{query}").parse::<Uri>() {
        Ok(uri) => *request.uri_mut() = uri,
        Err(_) => return not_found(version, head),
    }
    // Every response is fresh: no 304 may bring back a page with an older reload script.
    for name in [
        header::IF_MODIFIED_SINCE,
        header::IF_NONE_MATCH,
        header::IF_UNMODIFIED_SINCE,
        header::IF_MATCH,
        header::IF_RANGE,
    ] {
        request.headers_mut().remove(name);
    }
    let mut files = ServeDir::new(&shared.out)
        .append_index_html_on_directories(true)
        .not_found_service(ServeFile::new(shared.out.join("404.html")));
    let response = match files.try_call(request).await {
        Ok(response) => response.map(Body::new),
        Err(error) => {
            return (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response();
        }
    };
    finish(response, prefix, version, draft, live, head).await
}

/// Fixes redirects for the prefix, forbids caching and injects the script into HTML (when `live`).
async fn finish(
    response: Response,
    prefix: &str,
    version: u64,
    draft: bool,
    live: bool,
    head: bool,
) -> Response {
    let (mut parts, body) = response.into_parts();
    for name in [header::LAST_MODIFIED, header::ETAG] {
        parts.headers.remove(name);
    }
    parts
        .headers
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if parts.status.is_redirection() {
        // ServeDir redirects `a/b` to `/a/b/` without knowing the prefix.
        if let Some(location) = parts
            .headers
            .get(header::LOCATION)
            .and_then(|l| l.to_str().ok())
            && location.starts_with('/')
            && let Ok(fixed) =
                HeaderValue::from_str(&format!("{}{location}", prefix.trim_end_matches('/')))
        {
            parts.headers.insert(header::LOCATION, fixed);
        }
        return Response::from_parts(parts, body);
    }
    let html = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|t| t.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if !html {
        if parts.status == StatusCode::NOT_FOUND {
            // No 404.html (the first build failed): a page that can still show the overlay.
            return not_found(version, head);
        }
        return Response::from_parts(parts, body);
    }
    if head {
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, Body::empty());
    }
    if !live {
        return Response::from_parts(parts, body);
    }
    let Ok(bytes) = to_bytes(body, MAX_HTML).await else {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            "page too large or unreadable",
        )
            .into_response();
    };
    let text = String::from_utf8_lossy(&bytes);
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::ACCEPT_RANGES);
    Response::from_parts(parts, Body::from(inject(&text, version, draft)))
}

fn redirect(location: &str) -> Response {
    let mut response = StatusCode::MOVED_PERMANENTLY.into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

fn not_found(version: u64, head: bool) -> Response {
    let page = "<!DOCTYPE html>\n<html lang=\"vi\">\n<head><meta charset=\"utf-8\"><title>Không tìm thấy trang</title></head>\n<body>\n<main>\n<h1>Không tìm thấy trang</h1>\n<p>Địa chỉ này không có trong trang đang được phục vụ.</p>\n</main>\n</body>\n</html>\n";
    let body = if head {
        Body::empty()
    } else {
        Body::from(inject(page, version, false))
    };
    let mut response = (StatusCode::NOT_FOUND, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
