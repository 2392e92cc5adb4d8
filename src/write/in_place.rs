//! The dev server's output: written in place, each file only when its bytes changed.

use super::{Action, Contents, Sink, WriteError, absolute, io_error, write_file};
use crate::graph::OutputPath;
use rustc_hash::FxHashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The files a preview wrote, with a hash of their bytes, to write only what changed next time.
#[derive(Debug, Default)]
pub struct Written(FxHashMap<PathBuf, u64>);

impl Written {
    /// How many files there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when no file was written.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Writes into `out` in place, skipping files whose bytes did not change since the previous
/// preview build. For the dev server: not atomic.
#[derive(Debug)]
pub struct InPlace {
    out: PathBuf,
    previous: Written,
    now: Mutex<FxHashMap<PathBuf, u64>>,
}

impl InPlace {
    /// Starts a preview build into `out`, remembering what `previous` says is already there.
    pub fn new(root: &Path, out: &Path, previous: Written) -> Result<InPlace, WriteError> {
        let out = absolute(out);
        if absolute(root).starts_with(&out) || out.join("site.yaml").exists() {
            return Err(WriteError::UnsafeOutput(out));
        }
        Ok(InPlace {
            out,
            previous,
            now: Mutex::new(FxHashMap::default()),
        })
    }

    /// How many files were put.
    pub fn count(&self) -> usize {
        self.lock().len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FxHashMap<PathBuf, u64>> {
        self.now.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Gives up a build that failed before writing: what the next build starts from is what was
    /// there before (plus the files written meanwhile, which were all rendered from sources that
    /// are still current).
    pub fn abandon(self) -> Written {
        let mut previous = self.previous;
        let now = self.now.into_inner().unwrap_or_else(|p| p.into_inner());
        previous.0.extend(now);
        previous
    }

    /// Ends the build: files of `kept` (pages not rendered again) stay, every other file written
    /// before and not put this time is removed. Returns what the next build starts from.
    pub fn finish<'a>(
        self,
        kept: impl IntoIterator<Item = &'a Path>,
    ) -> Result<Written, WriteError> {
        let mut now = self.now.into_inner().unwrap_or_else(|p| p.into_inner());
        for path in kept {
            if let Some(hash) = self.previous.0.get(path) {
                now.entry(path.to_path_buf()).or_insert(*hash);
            }
        }
        for old in self
            .previous
            .0
            .keys()
            .filter(|path| !now.contains_key(*path))
        {
            let target = self.out.join(old);
            if target.exists() {
                fs::remove_file(&target).map_err(io_error(Action::Remove, &target))?;
            }
        }
        Ok(Written(now))
    }
}

impl Sink for InPlace {
    fn put(&self, path: &OutputPath, contents: Contents) -> Result<(), WriteError> {
        let target = self.out.join(path.as_path());
        let hash = match &contents {
            Contents::Bytes(bytes) => hash_of(bytes),
            Contents::Copy(source) => {
                hash_of(&fs::read(source).map_err(io_error(Action::Read, source))?)
            }
        };
        let relative = path.as_path().to_path_buf();
        if self.previous.0.get(&relative) != Some(&hash) || !target.exists() {
            write_file(&target, &contents)?;
        }
        self.lock().insert(relative, hash);
        Ok(())
    }
}

fn hash_of(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}
