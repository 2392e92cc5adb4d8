//! One build at a time per output directory: an advisory lock on a file beside the output
//! (`.<name>.lock`), held for the whole build and released by the operating system when the
//! process ends, however it ends (a build killed with SIGKILL leaves no stale lock behind).

use super::{Action, WriteError, io_error};
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// The lock of one output directory, released when dropped.
#[derive(Debug)]
pub struct OutputLock {
    /// Kept open: closing the file releases the lock.
    _file: File,
}

impl OutputLock {
    /// Takes the lock of the output `out`, whose parent is `parent` and file name `name`; fails
    /// at once with [`WriteError::Busy`] when another build holds it. The lock file itself is
    /// never removed (removing it would let two builds lock two different files).
    pub fn take(parent: &Path, name: &str, out: &Path) -> Result<OutputLock, WriteError> {
        let path = lock_path(parent, name);
        // A lock needs only an open file: read-only when it exists, so a build that cannot
        // write there gets as far as the real problem (an unwritable output folder).
        let file = File::open(&path)
            .or_else(|_| {
                OpenOptions::new()
                    .create(true)
                    .truncate(false)
                    .write(true)
                    .open(&path)
            })
            .map_err(io_error(Action::Lock, &path))?;
        match file.try_lock() {
            Ok(()) => Ok(OutputLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(WriteError::Busy(out.to_path_buf())),
            Err(TryLockError::Error(source)) => Err(WriteError::Io {
                action: Action::Lock,
                path,
                source,
            }),
        }
    }
}

/// `parent/.<name>.lock`.
fn lock_path(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.lock"))
}
