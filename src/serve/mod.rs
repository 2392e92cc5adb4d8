//! `planportal serve`: a development server for editors. It builds the portal into a temporary
//! directory, serves it on 127.0.0.1 (under the sub-path of `--base-url`, if any), watches the
//! sources and rebuilds on every change, and tells open pages to reload through server-sent events.
//! A failed rebuild keeps the last good site served, prints the diagnostics and shows them over
//! the page.
//!
//! Beside the pipeline: it only calls [`crate::preview::Preview`], which after an edit of plan files
//! re-renders only the pages that edit reaches, and otherwise [`crate::build_preview`] (pages whose
//! fingerprint changed); only files whose bytes changed are written. What is specific to serving — the reload script and
//! the draft banner — is added to HTML responses as they are served (`inject.rs`), so the built
//! files are exactly those of `planportal build`.
//!
//! - `server.rs`: axum router, `ServeDir`, HTML injection, `/__planportal/events`;
//! - `watcher.rs`: notify-debouncer-full on `content/`, `data/`, `themes/`, `templates/`, `site.yaml`;
//! - `inject.rs` and `reload.js`: what is added to pages.

mod inject;
mod server;
mod watcher;

use crate::diagnostics::{self, Diagnostic};
use crate::preview::Preview;
use crate::{BuildOptions, Error};
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tokio::sync::{mpsc, watch};

/// Where pages listen for rebuilds (absolute, whatever the site's sub-path).
pub const EVENTS_PATH: &str = "/__planportal/events";

/// What to serve and how.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The portal directory.
    pub root: PathBuf,
    /// Port on 127.0.0.1; 0 picks any free port.
    pub port: u16,
    /// Only its path is used: the site is served under it (`https://x.gov.vn/cchc/` → `/cchc/`).
    pub base_url: Option<String>,
    /// Include drafts (`status: du-thao`); their pages get a banner.
    pub drafts: bool,
    /// The current year, for warnings about plans whose period has ended (read by the CLI).
    pub current_year: Option<i32>,
}

/// Why the server could not run.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The portal directory does not exist.
    #[error("không tìm thấy thư mục cổng thông tin {0}: {1}")]
    Root(PathBuf, io::Error),
    /// The port is taken or not allowed.
    #[error("không mở được cổng 127.0.0.1:{0}: {1}")]
    Bind(u16, io::Error),
    /// Another I/O failure (runtime, temporary directory, server).
    #[error("{0}: {1}")]
    Io(&'static str, io::Error),
    /// The file watcher could not start.
    #[error("không theo dõi được các tệp nguồn: {0}")]
    Watch(#[from] notify_debouncer_full::notify::Error),
}

/// The outcome of the latest build, as pages see it.
#[derive(Debug, Clone, Default)]
pub struct BuildState {
    /// Number of the last good build (0: none yet).
    pub version: u64,
    /// Draft plan pages of the last good build (output directories).
    pub drafts: Arc<Vec<String>>,
    /// When the latest build failed: its diagnostics as a JSON array.
    pub error: Option<Arc<str>>,
}

/// Runs the server until Ctrl-C (or SIGTERM); the temporary build directory is then removed.
pub fn serve(options: &ServeOptions) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| ServeError::Io("khởi động tokio", e))?;
    runtime.block_on(run(options))
}

async fn run(options: &ServeOptions) -> Result<(), ServeError> {
    let root = options
        .root
        .canonicalize()
        .map_err(|e| ServeError::Root(options.root.clone(), e))?;
    let prefix = url_path(options.base_url.as_deref());
    let listener =
        tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, options.port)))
            .await
            .map_err(|e| ServeError::Bind(options.port, e))?;
    let address = listener
        .local_addr()
        .map_err(|e| ServeError::Io("đọc địa chỉ", e))?;
    let url = format!("http://{address}{prefix}");
    let temp = tempfile::Builder::new()
        .prefix("planportal-serve-")
        .tempdir()
        .map_err(|e| ServeError::Io("tạo thư mục tạm", e))?;
    let out = temp.path().join("public");
    let build_options = BuildOptions {
        root: root.clone(),
        out: Some(out.clone()),
        base_url: Some(url.clone()),
        drafts: options.drafts,
    };

    let (state_tx, state_rx) = watch::channel(BuildState::default());
    let (shutdown_tx, shutdown_rx) = watch::channel(false);
    let year = options.current_year;
    let cache = Arc::new(Mutex::new(Preview::default()));
    rebuild(&build_options, year, &cache, None, &state_tx, "Dựng trang").await;

    let (changes_tx, changes_rx) = mpsc::unbounded_channel();
    let watcher = watcher::watch(&root, changes_tx)?;
    let builder = tokio::spawn(rebuild_on_change(
        build_options,
        year,
        cache,
        watcher,
        changes_rx,
        state_tx,
        shutdown_rx.clone(),
    ));

    let shared = Arc::new(server::Shared {
        out,
        prefix,
        state: state_rx,
        shutdown: shutdown_rx.clone(),
    });
    println!("Đang phục vụ tại {url}");
    println!("Thư mục dựng tạm: {}", temp.path().display());
    println!(
        "Theo dõi content/, data/, themes/, templates/ và site.yaml; mỗi thay đổi chỉ dựng lại các trang bị ảnh hưởng. Nhấn Ctrl-C để dừng."
    );
    let mut stopped = shutdown_rx;
    let server = axum::serve(listener, server::router(shared)).with_graceful_shutdown(async move {
        let _ = stopped.wait_for(|stop| *stop).await;
    });
    let signal = async move {
        stop_signal().await;
        let _ = shutdown_tx.send(true);
    };
    let (served, ()) = tokio::join!(server.into_future(), signal);
    served.map_err(|e| ServeError::Io("phục vụ", e))?;
    // Let a build in progress finish before its directory goes away.
    let _ = builder.await;
    drop(temp);
    println!("Đã dừng; đã xóa thư mục dựng tạm.");
    Ok(())
}

/// Resolves when the server stops (the `Ref` of `wait_for` is not `Send`: drop it at once).
pub(crate) async fn stopped(shutdown: &mut watch::Receiver<bool>) {
    let _ = shutdown.wait_for(|stop| *stop).await;
}

/// Ctrl-C, or SIGTERM on Unix.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Rebuilds after every batch of changes until the server stops.
async fn rebuild_on_change(
    options: BuildOptions,
    current_year: Option<i32>,
    cache: Arc<Mutex<Preview>>,
    mut watcher: watcher::Watcher,
    mut changes: mpsc::UnboundedReceiver<Vec<PathBuf>>,
    state: watch::Sender<BuildState>,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        let changed = tokio::select! {
            changed = changes.recv() => match changed {
                Some(changed) => changed,
                None => break,
            },
            _ = stopped(&mut shutdown) => break,
        };
        // Changes that arrived meanwhile are covered by this build.
        let mut changed = changed;
        while let Ok(more) = changes.try_recv() {
            changed.extend(more);
        }
        watcher::watch_new_dirs(&mut watcher, &options.root, &changed);
        let what = match changed.as_slice() {
            [one] => format!(
                "Thay đổi {}",
                one.strip_prefix(&options.root).unwrap_or(one).display()
            ),
            many => format!("{} tệp thay đổi", many.len()),
        };
        rebuild(&options, current_year, &cache, Some(changed), &state, &what).await;
    }
}

/// Builds once and publishes the outcome to the pages and the terminal.
async fn rebuild(
    options: &BuildOptions,
    current_year: Option<i32>,
    cache: &Arc<Mutex<Preview>>,
    changed: Option<Vec<PathBuf>>,
    state: &watch::Sender<BuildState>,
    what: &str,
) {
    let started = Instant::now();
    let build_options = options.clone();
    let year = current_year;
    let cache = Arc::clone(cache);
    let result = tokio::task::spawn_blocking(move || {
        let mut cache = cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        cache.rebuild(&build_options, year, changed.as_deref())
    })
    .await;
    let elapsed = started.elapsed().as_millis();
    match result {
        Ok(Ok(summary)) => {
            if !summary.warnings.is_empty() {
                eprint!("{}", diagnostics::report(&summary.warnings));
            }
            println!(
                "{what}: đã dựng {} kế hoạch, dựng lại {} trang trong {elapsed} ms.",
                summary.plans, summary.rendered_pages
            );
            if !summary.reindexed.is_empty() {
                println!(
                    "Cập nhật chỉ mục tìm kiếm: {} tệp (phần bổ sung cho các kế hoạch vừa sửa).",
                    summary.reindexed.len()
                );
            }
            if !summary.deferred.is_empty() {
                println!(
                    "Chưa cập nhật (sẽ cập nhật ở lần dựng toàn bộ tiếp theo): {}",
                    summary.deferred.join(", ")
                );
            }
            state.send_modify(|s| {
                s.version += 1;
                s.drafts = Arc::new(summary.draft_pages);
                s.error = None;
            });
        }
        Ok(Err(Error::Invalid(problems))) => {
            eprint!("{}", diagnostics::report(&problems));
            eprintln!("{what}: có lỗi, trang đang phục vụ vẫn là bản dựng thành công gần nhất.");
            let json = diagnostics_json(&problems);
            state.send_modify(|s| s.error = Some(json.into()));
        }
        Ok(Err(error)) => failed(state, what, &error.to_string()),
        Err(panic) => failed(state, what, &format!("bản dựng bị dừng đột ngột: {panic}")),
    }
}

fn failed(state: &watch::Sender<BuildState>, what: &str, message: &str) {
    eprintln!("{what}: lỗi: {message}");
    let json = serde_json::json!([{ "code": "build-failed", "location": "", "message": message }]);
    state.send_modify(|s| s.error = Some(json.to_string().into()));
}

/// The diagnostics as the overlay reads them.
fn diagnostics_json(problems: &[Diagnostic]) -> String {
    let list: Vec<serde_json::Value> = problems
        .iter()
        .map(|d| {
            serde_json::json!({
                "code": d.code,
                "file": d.file.to_string_lossy().replace('\\', "/"),
                "line": d.line,
                "column": d.column,
                "location": d.location().replace('\\', "/"),
                "message": d.message,
                "help": d.help.as_deref(),
                "source_line": d.source_line.as_deref(),
            })
        })
        .collect();
    serde_json::Value::Array(list).to_string()
}

/// The path of a base URL, starting and ending with `/` (`/` when absent or without a path).
fn url_path(base_url: Option<&str>) -> String {
    let Some(url) = base_url else {
        return "/".into();
    };
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = match after_scheme.find('/') {
        Some(at) if url.contains("://") => &after_scheme[at..],
        Some(_) => after_scheme,
        None if url.contains("://") => "/",
        None => after_scheme,
    };
    let path = path.split(['?', '#']).next().unwrap_or("");
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segments.is_empty() {
        "/".into()
    } else {
        format!("/{}/", segments.join("/"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_paths() {
        assert_eq!(url_path(None), "/");
        assert_eq!(url_path(Some("https://x.gov.vn")), "/");
        assert_eq!(url_path(Some("https://x.gov.vn/")), "/");
        assert_eq!(url_path(Some("https://x.gov.vn/xa/cchc")), "/xa/cchc/");
        assert_eq!(
            url_path(Some("http://x.gov.vn:8080/xa/cchc/?a=1")),
            "/xa/cchc/"
        );
        assert_eq!(url_path(Some("/cchc/")), "/cchc/");
        assert_eq!(url_path(Some("cchc")), "/cchc/");
    }
}
