//! Stage 5, write: publish rendered files atomically. Everything is written into a fresh staging
//! directory next to the output; only when every file is in place does the staging directory
//! replace the output. A failed build never touches the last good output.

use crate::render::{Contents, OutputFile};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

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

/// Writes `files` to `out` atomically; `root` is the portal root, which `out` must not contain.
pub fn write_site(root: &Path, out: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    let out = absolute(out);
    let root = absolute(root);
    let inside_sources = ["content", "data", "themes", "templates"]
        .iter()
        .any(|folder| out.starts_with(root.join(folder)));
    if root.starts_with(&out)
        || inside_sources
        || out.join("site.yaml").exists()
        || out.join("content").is_dir()
    {
        return Err(WriteError::UnsafeOutput(out));
    }
    let parent = out
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    fs::create_dir_all(&parent).map_err(io_error("creating", &parent))?;
    let name = out
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
    let previous = parent.join(format!(".{name}.previous-{}", std::process::id()));
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(io_error("removing", &staging))?;
    }
    if let Err(error) = fill(&staging, files) {
        let _ = fs::remove_dir_all(&staging);
        return Err(error);
    }
    let had_output = out.exists();
    if had_output {
        fs::rename(&out, &previous).map_err(io_error("moving aside", &out))?;
    }
    if let Err(source) = fs::rename(&staging, &out) {
        if had_output {
            let _ = fs::rename(&previous, &out);
        }
        let _ = fs::remove_dir_all(&staging);
        return Err(WriteError::Io {
            action: "publishing",
            path: out,
            source,
        });
    }
    if had_output {
        fs::remove_dir_all(&previous).map_err(io_error("removing", &previous))?;
    }
    Ok(())
}

/// Writes every file under `staging` (directories first, then files in parallel).
fn fill(staging: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    let directories: BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|file| file.path.as_path().parent().map(|p| staging.join(p)))
        .chain(std::iter::once(staging.to_path_buf()))
        .collect();
    for directory in &directories {
        fs::create_dir_all(directory).map_err(io_error("creating", directory))?;
    }
    files.par_iter().try_for_each(|file| {
        let target = staging.join(file.path.as_path());
        match &file.contents {
            Contents::Bytes(bytes) => {
                fs::write(&target, bytes).map_err(io_error("writing", &target))
            }
            Contents::Copy(source) => fs::copy(source, &target)
                .map(|_| ())
                .map_err(io_error("copying", source)),
        }
    })
}

/// The files a preview wrote, with a hash of their bytes, to write only what changed next time.
#[derive(Debug, Default)]
pub struct Written(HashMap<PathBuf, u64>);

/// Writes `files` into `out` in place, skipping those whose bytes did not change since the last
/// call, keeping the files of `kept` (pages not rendered again) and removing every other file
/// written before. For the dev server: not atomic.
pub fn write_in_place(
    root: &Path,
    out: &Path,
    files: &[OutputFile],
    kept: &[&str],
    written: &mut Written,
) -> Result<(), WriteError> {
    let out = absolute(out);
    if absolute(root).starts_with(&out) || out.join("site.yaml").exists() {
        return Err(WriteError::UnsafeOutput(out));
    }
    let mut now: HashMap<PathBuf, u64> = kept
        .iter()
        .filter_map(|page| {
            let path = PathBuf::from(page);
            written.0.get(&path).map(|hash| (path, *hash))
        })
        .collect();
    for file in files {
        let target = out.join(file.path.as_path());
        let hash = match &file.contents {
            Contents::Bytes(bytes) => hash_of(bytes),
            Contents::Copy(source) => {
                hash_of(&fs::read(source).map_err(io_error("reading", source))?)
            }
        };
        let path = file.path.as_path().to_path_buf();
        if written.0.get(&path) != Some(&hash) || !target.exists() {
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent).map_err(io_error("creating", parent))?;
            }
            match &file.contents {
                Contents::Bytes(bytes) => {
                    fs::write(&target, bytes).map_err(io_error("writing", &target))?
                }
                Contents::Copy(source) => {
                    fs::copy(source, &target).map_err(io_error("copying", source))?;
                }
            }
        }
        now.insert(path, hash);
    }
    for old in written.0.keys().filter(|path| !now.contains_key(*path)) {
        let target = out.join(old);
        if target.exists() {
            fs::remove_file(&target).map_err(io_error("removing", &target))?;
        }
    }
    written.0 = now;
    Ok(())
}

fn hash_of(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
