//! Walks `content/` in a stable order, reading Markdown files and listing other files as assets.

use super::{Asset, ContentFile, read_text, split_front_matter};
use crate::diagnostics::{Diagnostic, Diagnostics};
use rayon::prelude::*;
use std::path::{Component, Path, PathBuf};
use walkdir::WalkDir;

/// Reads every Markdown file under `root/content` and lists the other files. Hidden files and
/// folders (starting with `.`) are skipped.
pub(super) fn walk_content(
    root: &Path,
    diagnostics: &mut Diagnostics,
) -> (Vec<ContentFile>, Vec<Asset>) {
    let content_dir = root.join("content");
    let problems_before = diagnostics.len();
    let mut files = Vec::new();
    let mut assets = Vec::new();
    // Markdown files found by the walk: (path relative to the root, folders under content/, stem).
    let mut markdown: Vec<(std::path::PathBuf, Vec<String>, String)> = Vec::new();
    if !content_dir.is_dir() {
        diagnostics.push(
            Diagnostic::file(
                "missing-content",
                Path::new("content"),
                "Không tìm thấy thư mục content/ chứa các kế hoạch",
                "The content/ folder holding the plans was not found",
            )
            .with_help(
                "tạo thư mục content/<tỉnh>/<xã>/ và đặt các tệp kế hoạch .md vào đó",
                "create the folder content/<province>/<commune>/ and put the plan .md files in it",
            ),
        );
        return (files, assets);
    }
    let walker = WalkDir::new(&content_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error.path().unwrap_or(&content_dir);
                let relative = path.strip_prefix(root).unwrap_or(path);
                diagnostics.push(Diagnostic::file(
                    "unreadable-file",
                    relative,
                    format!("Không đọc được: {error}"),
                    format!("Cannot read: {error}"),
                ));
                continue;
            }
        };
        if entry.depth() > 0 && entry.path_is_symlink() {
            // Never followed: a link could publish any file of the machine (or loop forever).
            let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
            diagnostics.push(
                Diagnostic::file(
                    "symlink-ignored",
                    relative,
                    "Bỏ qua liên kết tượng trưng (symlink): nội dung của cổng phải là tệp thật nằm trong content/",
                    "Symbolic link ignored: the portal's content must be real files inside content/",
                )
                .with_help(
                    "sao chép tệp hoặc thư mục vào content/ thay vì tạo liên kết tới nó",
                    "copy the file or folder into content/ instead of linking to it",
                )
                .warning(),
            );
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .to_path_buf();
        let under_content = entry
            .path()
            .strip_prefix(&content_dir)
            .unwrap_or(entry.path());
        let folders = folders_of(under_content);
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".md") else {
            assets.push(Asset {
                path: relative,
                folders,
                name,
            });
            continue;
        };
        markdown.push((relative, folders, stem.to_string()));
    }
    // Reading, checking the encoding and splitting the front matter are independent per file:
    // in parallel, collected back in walk order.
    let read: Vec<(Option<ContentFile>, Diagnostics)> = markdown
        .into_par_iter()
        .map(|(relative, folders, stem)| read_content_file(root, relative, folders, stem))
        .collect();
    for (file, problems) in read {
        files.extend(file);
        diagnostics.extend(problems);
    }
    // An empty content folder is worth saying, unless its files were there but unreadable.
    if files.is_empty() && diagnostics.len() == problems_before {
        diagnostics.push(
            Diagnostic::file(
                "empty-content",
                Path::new("content"),
                "Thư mục content/ không có tệp .md nào: không có gì để xuất bản",
                "The content/ folder has no .md file: there is nothing to publish",
            )
            .with_help(
                "thêm ít nhất một xã (content/<tỉnh>/<xã>/_index.md) và một kế hoạch .md",
                "add at least one commune (content/<province>/<commune>/_index.md) and one plan .md file",
            ),
        );
    }
    (files, assets)
}

/// Folder names between `content/` and the file at `under_content` (relative to `content/`).
pub(super) fn folders_of(under_content: &Path) -> Vec<String> {
    under_content
        .parent()
        .into_iter()
        .flat_map(Path::components)
        .filter_map(|component| match component {
            Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect()
}

/// Reads one Markdown file (`relative` to the root) and splits its front matter.
pub(super) fn read_content_file(
    root: &Path,
    relative: PathBuf,
    folders: Vec<String>,
    stem: String,
) -> (Option<ContentFile>, Diagnostics) {
    let mut problems = Diagnostics::default();
    let Some(source) = read_text(root, &relative, &mut problems) else {
        return (None, problems);
    };
    match split_front_matter(&source.text) {
        Ok(split) => (
            Some(ContentFile {
                path: relative,
                folders,
                stem,
                text: source.text,
                split,
            }),
            problems,
        ),
        Err(problem) => {
            problems.push(problem.into_diagnostic(&relative, &source.text));
            (None, problems)
        }
    }
}
