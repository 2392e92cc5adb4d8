//! Output paths: which source claims which path, collisions between them, and a path type that
//! can never point outside the output directory.

use super::Site;
use crate::diagnostics::{Diagnostic, Diagnostics};
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// Folders and files the portal itself publishes at the top level, with what they hold.
pub const RESERVED: &[(&str, &str)] = &[
    ("index.html", "trang chủ"),
    ("404.html", "trang không tìm thấy"),
    ("sitemap.xml", "sơ đồ trang"),
    ("atom.xml", "bản tin Atom"),
    ("robots.txt", "tệp robots.txt"),
    ("chi-tieu/", "các trang chỉ tiêu"),
    ("linh-vuc/", "các trang lĩnh vực"),
    ("tim-kiem/", "trang tìm kiếm"),
    ("du-lieu/", "trang dữ liệu mở"),
    ("assets/", "tệp giao diện (CSS, biểu tượng)"),
    ("admin/", "trang soạn thảo trên trình duyệt"),
];

/// English names of what [`RESERVED`] and the sources' claims hold, for English messages.
fn what_en(what: &str) -> &str {
    match what {
        "trang chủ" => "home page",
        "trang không tìm thấy" => "page-not-found page",
        "sơ đồ trang" => "sitemap",
        "bản tin Atom" => "Atom feed",
        "tệp robots.txt" => "robots.txt file",
        "các trang chỉ tiêu" => "indicator pages",
        "các trang lĩnh vực" => "reform area pages",
        "trang tìm kiếm" => "search page",
        "trang dữ liệu mở" => "open data page",
        "tệp giao diện (CSS, biểu tượng)" => "theme files (CSS, icons)",
        "trang soạn thảo trên trình duyệt" => "web editor",
        "trang tỉnh" => "province page",
        "trang xã" => "commune page",
        "trang kế hoạch" => "plan page",
        "tệp đính kèm" => "attachment",
        other => other,
    }
}

/// A relative path inside the output directory, checked to have only normal components.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OutputPath(PathBuf);

impl OutputPath {
    /// Accepts `relative` only if it is relative, non-empty and free of `..`, `.` and roots.
    pub fn new(relative: impl AsRef<Path>) -> Option<OutputPath> {
        let path = relative.as_ref();
        let normal = path.components().all(|c| matches!(c, Component::Normal(_)));
        (normal && path.components().next().is_some()).then(|| OutputPath(path.to_path_buf()))
    }

    /// The path, relative to the output directory.
    pub fn as_path(&self) -> &Path {
        &self.0
    }
}

/// Every output location claimed by a source (or by the portal itself).
#[derive(Debug, Default)]
pub struct Routes {
    claims: BTreeMap<String, Vec<(PathBuf, String)>>,
}

impl Routes {
    /// Collects the claims of every page and attachment of `site`: each page claims its
    /// `index.html`, each attachment its file.
    pub fn of(site: &Site) -> Routes {
        let mut routes = Routes::default();
        for (path, what) in RESERVED {
            routes.claim(path, PathBuf::new(), what);
        }
        for province in &site.provinces {
            let page = format!("{}index.html", province.path);
            routes.claim(&page, province.province.source.clone(), "trang tỉnh");
        }
        for commune in &site.communes {
            let page = format!("{}index.html", commune.path);
            routes.claim(&page, commune.commune.source.clone(), "trang xã");
        }
        for plan in &site.plans {
            let page = format!("{}index.html", plan.path);
            routes.claim(&page, plan.plan.source.clone(), "trang kế hoạch");
            for attachment in &plan.plan.meta.attachments {
                let path = format!("{}{attachment}", plan.path);
                routes.claim(&path, plan.plan.source.clone(), "tệp đính kèm");
            }
        }
        routes
    }

    /// Records that `source` writes `path`. A path inside a folder the portal reserves (such as
    /// `chi-tieu/`) is recorded as a claim on that folder, so it collides with the portal's pages.
    fn claim(&mut self, path: &str, source: PathBuf, what: &str) {
        let reserved_folder = RESERVED
            .iter()
            .map(|(reserved, _)| *reserved)
            .find(|reserved| {
                reserved.ends_with('/')
                    && path.starts_with(reserved)
                    && !source.as_os_str().is_empty()
            });
        let key = reserved_folder.unwrap_or(path);
        self.claims
            .entry(key.to_string())
            .or_default()
            .push((source, what.to_string()));
    }

    /// One error per source whose output path is already claimed by another.
    pub fn collisions(&self) -> Diagnostics {
        let mut diagnostics = Diagnostics::default();
        for (path, claimants) in &self.claims {
            if claimants.len() < 2 {
                continue;
            }
            for (index, (source, _)) in claimants.iter().enumerate() {
                let reported = claimants[..index]
                    .iter()
                    .any(|(earlier, _)| earlier == source);
                if source.as_os_str().is_empty() || reported {
                    continue;
                }
                let others = |english: bool| -> Vec<String> {
                    claimants
                        .iter()
                        .enumerate()
                        .filter(|(other, _)| *other != index)
                        .map(
                            |(_, (other, what))| match (other.as_os_str().is_empty(), english) {
                                (true, false) => format!("{what} của cổng"),
                                (true, true) => format!("the portal's {}", what_en(what)),
                                (false, false) => format!("{} ({what})", other.display()),
                                (false, true) => format!("{} ({})", other.display(), what_en(what)),
                            },
                        )
                        .collect()
                };
                diagnostics.push(
                    Diagnostic::file(
                        "output-collision",
                        source,
                        format!("Địa chỉ trang “/{path}” trùng với: {}", others(false).join(", ")),
                        format!("The page address “/{path}” is also claimed by: {}", others(true).join(", ")),
                    )
                    .with_help(
                        "tên thư mục và tên tệp được chuyển thành chữ thường không dấu; đổi tên để chúng khác nhau (ví dụ thêm tên huyện cũ: tan-loc-1, tan-loc-2)",
                        "folder and file names are turned into lowercase without diacritics; rename them so that they differ (for example by adding the former district's name: tan-loc-1, tan-loc-2)",
                    ),
                );
            }
        }
        diagnostics
    }
}

#[cfg(test)]
mod tests {
    use super::OutputPath;

    #[test]
    fn output_paths_stay_inside() {
        assert!(OutputPath::new("a/b/index.html").is_some());
        assert!(OutputPath::new("../x").is_none());
        assert!(OutputPath::new("a/../../x").is_none());
        assert!(OutputPath::new("/etc/passwd").is_none());
        assert!(OutputPath::new("./a").is_none());
        assert!(OutputPath::new("").is_none());
    }
}
