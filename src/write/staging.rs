//! The atomic build: files go into a fresh staging directory beside the output, which replaces
//! the output in one rename once everything is written.

use super::{Contents, Sink, WriteError, absolute, check_output, io_error, write_file};
use crate::graph::OutputPath;
use std::fs;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A staging directory being filled; dropped without [`Staging::publish`], it is removed and the
/// output is left as it was.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    /// Where the previous output is moved aside during the swap.
    previous: PathBuf,
    files: AtomicUsize,
    published: bool,
}

impl Staging {
    /// Starts a build of `out`; `root` is the portal root, which `out` must not contain or lie in.
    pub fn create(root: &std::path::Path, out: &std::path::Path) -> Result<Staging, WriteError> {
        let out = absolute(out);
        check_output(&absolute(root), &out)?;
        let parent = out
            .parent()
            .map_or_else(|| PathBuf::from("."), std::path::Path::to_path_buf);
        fs::create_dir_all(&parent).map_err(io_error("creating", &parent))?;
        let name = out
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        let previous = parent.join(format!(".{name}.previous-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(io_error("removing", &dir))?;
        }
        fs::create_dir_all(&dir).map_err(io_error("creating", &dir))?;
        Ok(Staging {
            out,
            dir,
            previous,
            files: AtomicUsize::new(0),
            published: false,
        })
    }

    /// How many files were put so far.
    pub fn count(&self) -> usize {
        self.files.load(Ordering::Relaxed)
    }

    /// Replaces the output with the staging directory (the previous output is removed only once
    /// the new one is in place).
    pub fn publish(mut self) -> Result<(), WriteError> {
        let out = self.out.clone();
        let previous = self.previous.clone();
        let had_output = out.exists();
        if had_output {
            fs::rename(&out, &previous).map_err(io_error("moving aside", &out))?;
        }
        if let Err(source) = fs::rename(&self.dir, &out) {
            if had_output {
                let _ = fs::rename(&previous, &out);
            }
            return Err(WriteError::Io {
                action: "publishing",
                path: out,
                source,
            });
        }
        self.published = true;
        if had_output {
            fs::remove_dir_all(&previous).map_err(io_error("removing", &previous))?;
        }
        Ok(())
    }
}

impl Sink for Staging {
    fn put(&self, path: &OutputPath, contents: Contents) -> Result<(), WriteError> {
        write_file(&self.dir.join(path.as_path()), &contents)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.published {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}
