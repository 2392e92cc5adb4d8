//! Watches the portal's sources (`content/`, `data/`, `themes/`, `templates/`, `site.yaml`) and
//! signals each debounced batch of changes.

use notify_debouncer_full::notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use std::path::{Path, PathBuf};
use std::time::Duration;
use tokio::sync::mpsc;

/// How long the sources must stay quiet before a rebuild starts.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// The folders whose contents feed the build.
pub const SOURCE_DIRS: [&str; 4] = ["content", "data", "themes", "templates"];

/// The running watcher; dropping it stops watching.
pub type Watcher = Debouncer<notify_debouncer_full::notify::RecommendedWatcher, RecommendedCache>;

/// Starts watching `root` (absolute). Each batch of relevant changes sends the changed paths.
pub fn watch(
    root: &Path,
    changes: mpsc::UnboundedSender<Vec<PathBuf>>,
) -> Result<Watcher, notify_debouncer_full::notify::Error> {
    let filter_root = root.to_path_buf();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        let events = match result {
            Ok(events) => events,
            Err(errors) => {
                for error in errors {
                    eprintln!("theo dõi tệp: {error}");
                }
                return;
            }
        };
        let mut paths: Vec<PathBuf> = events
            .iter()
            .filter(|event| changes_content(&event.kind))
            .flat_map(|event| event.paths.iter())
            .filter(|path| is_source(&filter_root, path))
            .cloned()
            .collect();
        paths.sort();
        paths.dedup();
        if !paths.is_empty() {
            let _ = changes.send(paths);
        }
    })?;
    // The root itself, not recursively: `site.yaml` (also when an editor saves it by renaming a
    // temporary file) and source folders created later.
    debouncer.watch(root, RecursiveMode::NonRecursive)?;
    for dir in SOURCE_DIRS {
        let path = root.join(dir);
        if path.is_dir() {
            debouncer.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    Ok(debouncer)
}

/// Watches a source folder that appeared after the server started.
pub fn watch_new_dirs(watcher: &mut Watcher, root: &Path, changed: &[PathBuf]) {
    for dir in SOURCE_DIRS {
        let path = root.join(dir);
        if changed.contains(&path) && path.is_dir() {
            let _ = watcher.unwatch(&path);
            if let Err(error) = watcher.watch(&path, RecursiveMode::Recursive) {
                eprintln!("không theo dõi được {}: {error}", path.display());
            }
        }
    }
}

/// Reads (our own build reads every source) and access-time updates change nothing.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

/// `site.yaml`, or anything under a source folder.
fn is_source(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = relative.components();
    match parts.next().and_then(|c| c.as_os_str().to_str()) {
        Some("site.yaml") => parts.next().is_none(),
        Some(first) => SOURCE_DIRS.contains(&first),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sources_count() {
        let root = Path::new("/portal");
        assert!(is_source(root, Path::new("/portal/site.yaml")));
        assert!(is_source(root, Path::new("/portal/content/a/b.md")));
        assert!(is_source(root, Path::new("/portal/templates")));
        assert!(!is_source(root, Path::new("/portal/public/index.html")));
        assert!(!is_source(root, Path::new("/portal/target/debug/x")));
        assert!(!is_source(root, Path::new("/elsewhere/content/a.md")));
    }
}
