//! The Tera environment: the theme's templates, overridden one by one by the portal's own
//! `templates/` folder, plus the data every page shares (the global context).

use crate::diagnostics::{Diagnostic, Diagnostics};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tera::Tera;
use walkdir::WalkDir;

/// Loads `themes/<theme>/templates` and then `templates/` of the portal at `root`; a template in
/// the latter replaces the theme's template of the same name.
pub fn load_templates(root: &Path, theme: &str) -> Result<Tera, Diagnostics> {
    let theme_dir = root.join("themes").join(theme).join("templates");
    if !theme_dir.is_dir() {
        let relative = theme_dir.strip_prefix(root).unwrap_or(&theme_dir);
        let diagnostic = Diagnostic::file(
            "missing-theme",
            relative,
            format!("Không tìm thấy giao diện “{theme}”"),
            format!("The theme “{theme}” was not found"),
        )
        .with_help(
            "kiểm tra trường theme: trong site.yaml và thư mục themes/",
            "check the theme: field in site.yaml and the themes/ folder",
        );
        return Err(std::iter::once(diagnostic).collect());
    }
    let mut sources: BTreeMap<String, (PathBuf, String)> = BTreeMap::new();
    let mut diagnostics = Diagnostics::default();
    for dir in [theme_dir, root.join("templates")] {
        if !dir.is_dir() {
            continue;
        }
        for entry in WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let name = entry
                .path()
                .strip_prefix(&dir)
                .unwrap_or(entry.path())
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let relative = entry
                .path()
                .strip_prefix(root)
                .unwrap_or(entry.path())
                .to_path_buf();
            match std::fs::read_to_string(entry.path()) {
                Ok(text) => {
                    sources.insert(name, (relative, text));
                }
                Err(error) => diagnostics.push(Diagnostic::file(
                    "unreadable-file",
                    &relative,
                    format!("Không đọc được mẫu trang: {error}"),
                    format!("Cannot read the template: {error}"),
                )),
            }
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.add_raw_templates(
        sources
            .iter()
            .map(|(name, (_, text))| (name.as_str(), text.as_str())),
    )
    .map_err(|error| {
        let message = error_chain(&error);
        let file = sources
            .iter()
            .find(|(name, _)| message.contains(name.as_str()))
            .map_or_else(|| PathBuf::from("templates"), |(_, (path, _))| path.clone());
        std::iter::once(Diagnostic::file(
            "template-error",
            &file,
            format!("Lỗi trong mẫu trang: {message}"),
            format!("Error in a template: {message}"),
        ))
        .collect::<Diagnostics>()
    })?;
    Ok(tera)
}

/// An error and all its causes on one line.
pub fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}
