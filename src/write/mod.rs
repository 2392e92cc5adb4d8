//! Stage 5, write: rendered files go straight to disk as they are made, through a [`Sink`], so a
//! national-scale build never holds its output in memory. A build writes into a [`Staging`]
//! directory next to the output that replaces the output only when every file is in place: a
//! failed build never touches the last good output. The dev server writes [`InPlace`], rewriting
//! only files whose bytes changed; `check` writes nowhere ([`Discard`]).

mod in_place;
mod staging;

pub use in_place::{InPlace, Written};
pub use staging::Staging;

use crate::graph::OutputPath;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// What goes into one output file.
#[derive(Debug, Clone)]
pub enum Contents {
    /// Rendered bytes.
    Bytes(Vec<u8>),
    /// A file copied as it is (theme assets, attachments).
    Copy(PathBuf),
}

/// Where the pipeline puts each output file as soon as it is made. Called from many threads.
pub trait Sink: Sync {
    /// Puts one file at `path` (relative to the output directory).
    fn put(&self, path: &OutputPath, contents: Contents) -> Result<(), WriteError>;
}

/// Why the output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The output directory would overwrite the sources.
    #[error("refusing to write into {0}: it is (or contains) the portal's sources")]
    UnsafeOutput(PathBuf),
    /// A file system operation failed.
    #[error("{action} {path}: {source}")]
    Io {
        /// What was being done.
        action: &'static str,
        /// On which path.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
}

fn io_error<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(io::Error) -> WriteError + 'a {
    move |source| WriteError::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// Counts the files a run would write and writes none (`planportal check`).
#[derive(Debug, Default)]
pub struct Discard(AtomicUsize);

impl Discard {
    /// How many files were put.
    pub fn count(&self) -> usize {
        self.0.load(Ordering::Relaxed)
    }
}

impl Sink for Discard {
    fn put(&self, _path: &OutputPath, _contents: Contents) -> Result<(), WriteError> {
        self.0.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

/// Refuses an output directory that is, or lies inside, the portal's sources.
fn check_output(root: &Path, out: &Path) -> Result<(), WriteError> {
    let inside_sources = ["content", "data", "themes", "templates"]
        .iter()
        .any(|folder| out.starts_with(root.join(folder)));
    if root.starts_with(out)
        || inside_sources
        || out.join("site.yaml").exists()
        || out.join("content").is_dir()
    {
        return Err(WriteError::UnsafeOutput(out.to_path_buf()));
    }
    Ok(())
}

/// Writes `contents` to `target`, creating its folder.
fn write_file(target: &Path, contents: &Contents) -> Result<(), WriteError> {
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(io_error("creating", parent))?;
    }
    match contents {
        Contents::Bytes(bytes) => {
            std::fs::write(target, bytes).map_err(io_error("writing", target))
        }
        Contents::Copy(source) => std::fs::copy(source, target)
            .map(|_| ())
            .map_err(io_error("copying", source)),
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
