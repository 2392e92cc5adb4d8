//! Stage 1, load: read the portal's sources from disk (`site.yaml`, `data/*.yaml`, everything under
//! `content/`) and split each Markdown file into its YAML front matter and body, remembering line
//! numbers so later stages can point at the exact place of a problem.

mod front_matter;
mod walk;

pub use front_matter::{FrontMatterSplit, split_front_matter};

use crate::diagnostics::{Diagnostic, Diagnostics};
use std::path::{Path, PathBuf};
use unicode_normalization::{UnicodeNormalization, is_nfc};

/// A text file read from the portal, with its path relative to the portal root.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// Path relative to the portal root, e.g. `data/indicators.yaml`.
    pub path: PathBuf,
    /// The whole file, UTF-8.
    pub text: String,
}

/// A Markdown file under `content/`, split into front matter and body.
#[derive(Debug, Clone)]
pub struct ContentFile {
    /// Path relative to the portal root, e.g. `content/hai-phong/tue-tinh/ke-hoach.md`.
    pub path: PathBuf,
    /// Folder names between `content/` and the file, e.g. `["hai-phong", "tue-tinh"]`.
    pub folders: Vec<String>,
    /// File name without `.md`; `_index` for a province or commune file.
    pub stem: String,
    /// The whole file, UTF-8.
    pub text: String,
    /// Where the front matter and the body lie in `text`.
    pub split: FrontMatterSplit,
}

impl ContentFile {
    /// The YAML between the `---` lines.
    pub fn front_matter(&self) -> &str {
        &self.text[self.split.yaml.clone()]
    }

    /// The Markdown after the closing `---`.
    pub fn body(&self) -> &str {
        &self.text[self.split.body.clone()]
    }
}

/// A file under `content/` that is not Markdown (a signed PDF, an image), copied to the output.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Path relative to the portal root.
    pub path: PathBuf,
    /// Folder names between `content/` and the file.
    pub folders: Vec<String>,
    /// File name.
    pub name: String,
}

/// Everything read from a portal directory.
#[derive(Debug, Clone)]
pub struct Sources {
    /// The portal root directory.
    pub root: PathBuf,
    /// `site.yaml`, when present.
    pub site: Option<SourceText>,
    /// `data/areas.yaml`.
    pub areas: Option<SourceText>,
    /// `data/indicators.yaml`.
    pub indicators: Option<SourceText>,
    /// Markdown files under `content/`, sorted by path.
    pub content: Vec<ContentFile>,
    /// Other files under `content/`, sorted by path.
    pub assets: Vec<Asset>,
}

/// Reads a portal directory. Files that cannot be read or split are reported and left out, so
/// that one run reports every problem.
pub fn load(root: &Path) -> (Sources, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let mut read_optional = |relative: &str| {
        let path = root.join(relative);
        path.exists()
            .then(|| read_text(root, Path::new(relative), &mut diagnostics))
            .flatten()
    };
    let site = read_optional("site.yaml");
    let areas = read_optional("data/areas.yaml");
    let indicators = read_optional("data/indicators.yaml");
    let (content, assets) = walk::walk_content(root, &mut diagnostics);
    let sources = Sources {
        root: root.to_path_buf(),
        site,
        areas,
        indicators,
        content,
        assets,
    };
    (sources, diagnostics)
}

/// Reads one Markdown file of `content/` again, `relative` to the portal root
/// (`content/hai-phong/tue-tinh/ke-hoach.md`), as [`load`] reads each: for a preview, which reads
/// only the files that changed. `None` (with the reason in the diagnostics) when it cannot be read
/// or split, or is not a Markdown file under `content/`.
pub fn load_content_file(root: &Path, relative: &Path) -> (Option<ContentFile>, Diagnostics) {
    let under_content = relative.strip_prefix("content").ok();
    let name = relative
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    match (
        under_content,
        name.as_deref().and_then(|n| n.strip_suffix(".md")),
    ) {
        (Some(under_content), Some(stem)) => walk::read_content_file(
            root,
            relative.to_path_buf(),
            walk::folders_of(under_content),
            stem.to_string(),
        ),
        _ => (None, Diagnostics::default()),
    }
}

/// The largest source file read (`.md`, `site.yaml`, catalogues): 16 MiB, a hundred times a long
/// plan, so that a runaway file is refused before it is read instead of filling the memory.
pub const MAX_SOURCE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a file as UTF-8, reporting the line and column of the first invalid byte otherwise.
pub(crate) fn read_text(
    root: &Path,
    relative: &Path,
    diagnostics: &mut Diagnostics,
) -> Option<SourceText> {
    let path = root.join(relative);
    if let Ok(meta) = std::fs::metadata(&path)
        && meta.len() > MAX_SOURCE_BYTES
    {
        let mib = |bytes: u64| bytes.div_ceil(1024 * 1024);
        diagnostics.push(
            Diagnostic::file(
                "file-too-large",
                relative,
                format!(
                    "Tệp quá lớn ({} MiB): mỗi tệp nguồn tối đa {} MiB",
                    mib(meta.len()),
                    mib(MAX_SOURCE_BYTES)
                ),
                format!(
                    "The file is too large ({} MiB): a source file may be at most {} MiB",
                    mib(meta.len()),
                    mib(MAX_SOURCE_BYTES)
                ),
            )
            .with_help(
                "một kế hoạch thường dưới 1 MiB; tách phụ lục thành kế hoạch riêng (kind: phu-luc) hoặc đính kèm bản PDF qua attachments",
                "a plan is usually under 1 MiB; split appendices into plans of their own (kind: phu-luc) or attach the PDF through attachments",
            ),
        );
        return None;
    }
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(error) => {
            diagnostics.push(Diagnostic::file(
                "unreadable-file",
                relative,
                format!("Không đọc được tệp: {error}"),
                format!("Cannot read the file: {error}"),
            ));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => {
            let text = text
                .strip_prefix('\u{feff}')
                .map(str::to_string)
                .unwrap_or(text);
            // Editors' tools may save decomposed Vietnamese (NFD); pages must carry NFC.
            let text = if is_nfc(&text) {
                text
            } else {
                text.nfc().collect()
            };
            Some(SourceText {
                path: relative.to_path_buf(),
                text,
            })
        }
        Err(error) => {
            let bytes = error.as_bytes();
            let valid = error.utf8_error().valid_up_to();
            let before = &bytes[..valid];
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let line_prefix = String::from_utf8_lossy(&before[line_start..]);
            let column = line_prefix.trim_start_matches('\u{feff}').chars().count() + 1;
            let mut diagnostic = Diagnostic::file(
                "not-utf8",
                relative,
                "Tệp không được mã hóa UTF-8 (có thể được lưu bằng bảng mã cũ như TCVN3/VNI hoặc Windows-1258)",
                "The file is not encoded in UTF-8 (it may have been saved in a legacy encoding such as TCVN3/VNI or Windows-1258)",
            )
            .with_help(
                "mở tệp bằng trình soạn thảo và lưu lại với bảng mã UTF-8",
                "open the file in a text editor and save it again with the UTF-8 encoding",
            );
            diagnostic.line = line;
            diagnostic.column = column;
            diagnostics.push(diagnostic);
            None
        }
    }
}
