//! Stage 5, write: rendered files go straight to disk as they are made, through a [`Sink`], so a
//! national-scale build never holds its output in memory. A build writes into a [`Staging`]
//! directory next to the output that replaces the output only when every file is in place: a
//! failed build never touches the last good output. The dev server writes [`InPlace`], rewriting
//! only files whose bytes changed; `check` writes nowhere ([`Discard`]).

mod in_place;
mod lock;
mod staging;

pub use in_place::{InPlace, Written};
pub use lock::OutputLock;
pub use staging::Staging;

use crate::diagnostics::Lang;
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

    /// Puts one file at `path` whose bytes `write` produces as it goes, and returns its size. A
    /// sink that can write a file bit by bit does so (a national open-data table is hundreds of
    /// megabytes, never held in memory whole); by default the bytes are gathered and [`put`].
    ///
    /// [`put`]: Sink::put
    fn put_streamed(&self, path: &OutputPath, write: Producer<'_>) -> Result<u64, WriteError> {
        let mut bytes = Vec::new();
        write(&mut bytes).expect("writing into memory cannot fail");
        let size = bytes.len() as u64;
        self.put(path, Contents::Bytes(bytes))?;
        Ok(size)
    }
}

/// Writes a file's bytes into the writer it is given, for [`Sink::put_streamed`].
pub type Producer<'a> = &'a mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>;

/// Counts the bytes written through it.
struct Counting<W> {
    inner: W,
    bytes: u64,
}

impl<W: io::Write> io::Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.bytes += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Why the output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The output directory would overwrite the sources.
    #[error("refusing to write into {0}: it is (or contains) the portal's sources")]
    UnsafeOutput(PathBuf),
    /// Another build is writing into the same output directory.
    #[error("another build is writing into {0}; wait until it ends and build again")]
    Busy(PathBuf),
    /// A file system operation failed.
    #[error("{} {path}: {source}", action.english())]
    Io {
        /// What was being done.
        action: Action,
        /// On which path.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
}

impl WriteError {
    /// What an operator reads, in `lang`, ending with the reassurance that the output published
    /// before is unchanged (true of every write error: nothing replaces it until a build is
    /// complete).
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (WriteError::UnsafeOutput(out), Lang::Vi) => format!(
                "không ghi vào {}: thư mục này là (hoặc chứa) mã nguồn của cổng; chọn --out khác",
                out.display()
            ),
            (WriteError::Busy(out), Lang::Vi) => format!(
                "một lần dựng khác đang ghi vào {}: đợi lần đó xong rồi chạy lại; bản đã xuất bản vẫn giữ nguyên",
                out.display()
            ),
            (
                WriteError::Io {
                    action,
                    path,
                    source,
                },
                Lang::Vi,
            ) => format!(
                "không {} được {}: {source}; bản đã xuất bản trước đó vẫn giữ nguyên",
                action.vietnamese(),
                path.display()
            ),
            (_, Lang::En) => {
                format!("{self}; the previously published output is unchanged")
            }
        }
    }
}

/// The file system operation that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Creating a folder.
    Create,
    /// Writing a file.
    Write,
    /// Copying a file.
    Copy,
    /// Reading a file.
    Read,
    /// Removing a file or folder.
    Remove,
    /// Taking the output's lock.
    Lock,
    /// Swapping the new output in.
    Publish,
}

impl Action {
    /// The verb in English.
    pub fn english(self) -> &'static str {
        match self {
            Action::Create => "creating",
            Action::Write => "writing",
            Action::Copy => "copying",
            Action::Read => "reading",
            Action::Remove => "removing",
            Action::Lock => "locking",
            Action::Publish => "publishing",
        }
    }

    /// The verb in Vietnamese, as it follows “không … được”.
    pub fn vietnamese(self) -> &'static str {
        match self {
            Action::Create => "tạo",
            Action::Write => "ghi",
            Action::Copy => "sao chép",
            Action::Read => "đọc",
            Action::Remove => "xóa",
            Action::Lock => "khóa",
            Action::Publish => "xuất bản vào",
        }
    }
}

fn io_error<'a>(action: Action, path: &'a Path) -> impl FnOnce(io::Error) -> WriteError + 'a {
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

    fn put_streamed(&self, _path: &OutputPath, write: Producer<'_>) -> Result<u64, WriteError> {
        let mut counting = Counting {
            inner: io::sink(),
            bytes: 0,
        };
        write(&mut counting).expect("writing nowhere cannot fail");
        self.0.fetch_add(1, Ordering::Relaxed);
        Ok(counting.bytes)
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
        std::fs::create_dir_all(parent).map_err(io_error(Action::Create, parent))?;
    }
    match contents {
        Contents::Bytes(bytes) => {
            std::fs::write(target, bytes).map_err(io_error(Action::Write, target))
        }
        Contents::Copy(source) => std::fs::copy(source, target)
            .map(|_| ())
            .map_err(io_error(Action::Copy, source)),
    }
}

/// Writes the bytes `write` produces to `target`, creating its folder; returns their size.
fn write_streamed(target: &Path, write: Producer<'_>) -> Result<u64, WriteError> {
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(io_error(Action::Create, parent))?;
    }
    let file = std::fs::File::create(target).map_err(io_error(Action::Write, target))?;
    let mut counting = Counting {
        inner: io::BufWriter::with_capacity(1 << 20, file),
        bytes: 0,
    };
    write(&mut counting)
        .and_then(|()| io::Write::flush(&mut counting))
        .map_err(io_error(Action::Write, target))?;
    Ok(counting.bytes)
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
