//! Walks `content/` in a stable order, reading Markdown files and listing other files as assets.

use super::{Asset, ContentFile, read_text, split_front_matter};
use crate::diagnostics::{Diagnostic, Diagnostics};
use std::path::{Component, Path};
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
        let folders: Vec<String> = under_content
            .parent()
            .into_iter()
            .flat_map(Path::components)
            .filter_map(|component| match component {
                Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".md") else {
            assets.push(Asset {
                path: relative,
                folders,
                name,
            });
            continue;
        };
        let Some(source) = read_text(root, &relative, diagnostics) else {
            continue;
        };
        match split_front_matter(&source.text) {
            Ok(split) => files.push(ContentFile {
                path: relative,
                folders,
                stem: stem.to_string(),
                text: source.text,
                split,
            }),
            Err(problem) => diagnostics.push(problem.into_diagnostic(&relative, &source.text)),
        }
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
