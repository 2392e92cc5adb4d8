//! The atomic build: files go into a fresh staging directory beside the output, which replaces
//! the output in one atomic exchange once everything is written. The output's lock
//! ([`OutputLock`]) is held from the start, so two builds never share an output; a build killed
//! at any point leaves the previous output in place, and its leftovers beside the output are
//! cleared by the next build.

use super::{
    Action, Contents, OutputLock, Producer, Sink, WriteError, absolute, check_output, io_error,
    write_file, write_streamed,
};
use crate::graph::OutputPath;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A staging directory being filled; dropped without [`Staging::publish`], it is removed and the
/// output is left as it was.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    /// Where the previous output is moved aside when it cannot be exchanged atomically.
    previous: PathBuf,
    files: AtomicUsize,
    published: bool,
    /// Released (last) when the staging is dropped.
    _lock: OutputLock,
}

impl Staging {
    /// Starts a build of `out`; `root` is the portal root, which `out` must not contain or lie in.
    /// Fails with [`WriteError::Busy`] while another build writes into `out`.
    pub fn create(root: &Path, out: &Path) -> Result<Staging, WriteError> {
        let out = absolute(out);
        check_output(&absolute(root), &out)?;
        let parent = out
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        fs::create_dir_all(&parent).map_err(io_error(Action::Create, &parent))?;
        let name = out
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let lock = OutputLock::take(&parent, &name, &out)?;
        recover(&parent, &name, &out)?;
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        let previous = parent.join(format!(".{name}.previous-{}", std::process::id()));
        fs::create_dir_all(&dir).map_err(io_error(Action::Create, &dir))?;
        Ok(Staging {
            out,
            dir,
            previous,
            files: AtomicUsize::new(0),
            published: false,
            _lock: lock,
        })
    }

    /// How many files were put so far.
    pub fn count(&self) -> usize {
        self.files.load(Ordering::Relaxed)
    }

    /// Replaces the output with the staging directory in one atomic exchange where the file
    /// system allows it (the output is never missing), otherwise by moving the output aside
    /// first; the previous output is removed only once the new one is in place.
    pub fn publish(mut self) -> Result<(), WriteError> {
        let publish_error = |source| WriteError::Io {
            action: Action::Publish,
            path: self.out.clone(),
            source,
        };
        if !self.out.exists() {
            fs::rename(&self.dir, &self.out).map_err(publish_error)?;
            self.published = true;
            return Ok(());
        }
        // After the exchange the staging path holds the previous output.
        let old = match exchange(&self.dir, &self.out) {
            Ok(()) => self.dir.clone(),
            Err(_) => {
                fs::rename(&self.out, &self.previous).map_err(publish_error)?;
                if let Err(source) = fs::rename(&self.dir, &self.out) {
                    let _ = fs::rename(&self.previous, &self.out);
                    return Err(publish_error(source));
                }
                self.previous.clone()
            }
        };
        self.published = true;
        fs::remove_dir_all(&old).map_err(io_error(Action::Remove, &old))
    }
}

/// Swaps two paths atomically (Linux `renameat2(RENAME_EXCHANGE)`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

/// No atomic exchange here: the caller moves the output aside instead.
#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// Clears what killed builds of `out` left beside it (called under the lock, so no other build
/// is using them): staging folders are removed, and an output moved aside by a build killed
/// before the new one took its place is put back first.
fn recover(parent: &Path, name: &str, out: &Path) -> Result<(), WriteError> {
    let staging = format!(".{name}.staging-");
    let previous = format!(".{name}.previous-");
    let entries = fs::read_dir(parent).map_err(io_error(Action::Read, parent))?;
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if file_name.starts_with(&previous) && !out.exists() {
            fs::rename(&path, out).map_err(io_error(Action::Publish, out))?;
        } else if file_name.starts_with(&staging) || file_name.starts_with(&previous) {
            fs::remove_dir_all(&path).map_err(io_error(Action::Remove, &path))?;
        }
    }
    Ok(())
}

impl Sink for Staging {
    fn put(&self, path: &OutputPath, contents: Contents) -> Result<(), WriteError> {
        write_file(&self.dir.join(path.as_path()), &contents)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    fn put_streamed(&self, path: &OutputPath, write: Producer<'_>) -> Result<u64, WriteError> {
        let size = write_streamed(&self.dir.join(path.as_path()), write)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(size)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.published {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}
