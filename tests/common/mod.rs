//! Helpers shared by the integration tests: build the bundled example portal or a small
//! throw-away portal, and read what was published.

#![allow(dead_code)]

pub mod hostile;
pub mod process;
pub mod search_files;

use planportal::{BuildOptions, Error, Summary, diagnostics::Diagnostic};
use scraper::{Html, Selector};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The repository root, which is itself the example portal.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A published site in a temporary directory.
pub struct Built {
    /// Keeps the temporary directory alive.
    pub dir: TempDir,
    /// The output directory.
    pub out: PathBuf,
    /// Figures reported by the build.
    pub summary: Summary,
}

impl Built {
    /// Parses an output file as HTML.
    pub fn html(&self, relative: &str) -> Html {
        html_file(&self.out.join(relative))
    }

    /// Reads an output file as text.
    pub fn text(&self, relative: &str) -> String {
        fs::read_to_string(self.out.join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
    }
}

/// Builds the example portal (the repository root) into a fresh temporary directory.
pub fn build_example(base_url: Option<&str>) -> Built {
    build_portal(&repo_root(), base_url)
}

/// Builds the portal at `root` into a fresh temporary directory, panicking on problems.
pub fn build_portal(root: &Path, base_url: Option<&str>) -> Built {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("public");
    let options = BuildOptions {
        root: root.to_path_buf(),
        out: Some(out.clone()),
        base_url: base_url.map(str::to_string),
        drafts: false,
    };
    match planportal::build(&options) {
        Ok(summary) => Built { dir, out, summary },
        Err(Error::Invalid(problems)) => {
            panic!(
                "build failed:\n{}",
                planportal::diagnostics::report(&problems)
            )
        }
        Err(error) => panic!("build failed: {error}"),
    }
}

/// Builds `root` into `out`, returning the problems when the build is refused.
pub fn try_build(root: &Path, out: &Path) -> Result<Summary, Vec<Diagnostic>> {
    let options = BuildOptions {
        root: root.to_path_buf(),
        out: Some(out.to_path_buf()),
        base_url: None,
        drafts: false,
    };
    match planportal::build(&options) {
        Ok(summary) => Ok(summary),
        Err(Error::Invalid(problems)) => Err(problems),
        Err(error) => panic!("unexpected I/O failure: {error}"),
    }
}

/// Parses an HTML file.
pub fn html_file(path: &Path) -> Html {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Html::parse_document(&text)
}

/// CSS selector, panicking on a typo.
pub fn sel(selector: &str) -> Selector {
    Selector::parse(selector).unwrap()
}

/// Text content of an element, whitespace collapsed.
pub fn text_of(element: scraper::ElementRef<'_>) -> String {
    element
        .text()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Copies a directory tree.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A portal with the example's `site.yaml`, catalogues and theme, and no content yet.
pub fn portal_without_content() -> TempDir {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    let repo = repo_root();
    fs::copy(repo.join("site.yaml"), root.join("site.yaml")).unwrap();
    copy_dir(&repo.join("data"), &root.join("data"));
    copy_dir(&repo.join("themes"), &root.join("themes"));
    dir
}

/// A small valid portal: the real catalogues and theme, one province, one commune, one plan with
/// one target. Tests then break one thing at a time.
pub fn small_portal() -> TempDir {
    let dir = portal_without_content();
    let root = dir.path();
    write(
        root,
        "content/hai-phong/_index.md",
        "---\nname: Hải Phòng\nkind: thanh-pho\n---\n",
    );
    write(
        root,
        "content/hai-phong/tue-tinh/_index.md",
        "---\nname: Tuệ Tĩnh\nkind: xa\n---\n",
    );
    write(
        root,
        "content/hai-phong/tue-tinh/ke-hoach-2026.md",
        SMALL_PLAN,
    );
    dir
}

/// The plan of [`small_portal`].
pub const SMALL_PLAN: &str = "---
title: Kế hoạch cải cách hành chính năm 2026
kind: ke-hoach
period: {from: 2026, to: 2026}
status: hieu-luc
decision:
  number: 12/QĐ-UBND
  date: 2026-01-10
targets:
  - indicator: hai-long-tthc
    value: 95
    op: \">=\"
    year: 2026
    quote: \"đạt tối thiểu 95%\"
tasks:
  - no: \"1\"
    area: thu-tuc-hanh-chinh
    content: Rà soát thủ tục hành chính
---

## I. MỤC TIÊU

Mức độ hài lòng đạt tối thiểu 95%.
";

/// Writes a file under `root`, creating folders.
pub fn write(root: &Path, relative: &str, contents: &str) {
    let path = root.join(relative);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, contents).unwrap();
}

/// A plan file read independently of the library (front matter parsed with serde_yaml).
pub struct SourcePlan {
    /// Output directory of the plan page, e.g. `hai-phong/tue-tinh/ke-hoach/`.
    pub path: String,
    /// Output directory of its commune, e.g. `hai-phong/tue-tinh/`.
    pub commune_path: String,
    /// The plan page's directory without the trailing slash: the prefix of its facts' open-data ids.
    pub id: String,
    /// The front matter.
    pub front_matter: serde_yaml::Value,
    /// The Markdown body.
    pub body: String,
}

/// Every plan file under `root/content` (whose folder and file names are already slugs).
pub fn source_plans(root: &Path) -> Vec<SourcePlan> {
    let content = root.join("content");
    let mut plans = Vec::new();
    for entry in walkdir::WalkDir::new(&content).sort_by_file_name() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().to_string();
        if !name.ends_with(".md") || name == "_index.md" {
            continue;
        }
        let text = fs::read_to_string(entry.path()).unwrap();
        let rest = text.strip_prefix("---\n").expect("front matter");
        let end = rest.find("\n---\n").expect("closing ---");
        let relative = entry.path().strip_prefix(&content).unwrap();
        let folder = relative
            .parent()
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let id = format!("{folder}/{}", name.trim_end_matches(".md"));
        assert!(
            id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '/'),
            "the example's folder and file names are already slugs: {id}"
        );
        plans.push(SourcePlan {
            path: format!("{id}/"),
            commune_path: format!("{folder}/"),
            id,
            front_matter: serde_yaml::from_str(&rest[..end]).unwrap(),
            body: rest[end + 5..].to_string(),
        });
    }
    plans
}

/// Where the browser tests expect Debian's Chromium.
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// How to install what the browser tests need.
pub const INSTALL_HINT: &str = "Install what the browser tests need (as `.ci/run` does):\n  \
     apt-get update && apt-get install -y chromium nodejs npm   # Debian; node must be 20 or later\n  \
     (cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci)";

/// Fails with installation instructions when node (20 or later), Chromium or the npm packages of
/// `tests/browser` are missing; `who` names the test in the message. Returns node's version.
pub fn require_browser_tooling(who: &str) -> String {
    let browser_dir = repo_root().join("tests").join("browser");
    let version = match std::process::Command::new("node")
        .arg("--version")
        .stdin(std::process::Stdio::null())
        .output()
    {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).trim().to_string(),
        Ok(out) => panic!(
            "`node --version` failed ({}): {}\n{INSTALL_HINT}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => panic!("{who} needs Node.js, but `node` cannot be run ({e}).\n{INSTALL_HINT}"),
    };
    let major: u32 = version
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    assert!(
        major >= 20,
        "{who} needs Node.js 20 or later (playwright-core does), found {version}.\n{INSTALL_HINT}"
    );
    assert!(
        Path::new(CHROMIUM).exists(),
        "{who} needs Debian's Chromium at {CHROMIUM}, which is missing.\n{INSTALL_HINT}"
    );
    for package in ["playwright-core", "axe-core"] {
        let manifest = browser_dir.join(format!("node_modules/{package}/package.json"));
        assert!(
            manifest.exists(),
            "{who} needs the npm packages of tests/browser ({} is missing).\n{INSTALL_HINT}",
            manifest.display()
        );
    }
    version
}

/// Every file of an output directory, by path relative to it.
pub type Snapshot = BTreeMap<PathBuf, Vec<u8>>;

/// Reads a whole directory tree into memory.
pub fn snapshot(dir: &Path) -> Snapshot {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|entry| entry.expect("output tree should be readable"))
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let relative = entry.path().strip_prefix(dir).unwrap().to_path_buf();
            (relative, fs::read(entry.path()).unwrap())
        })
        .collect()
}

/// Names the paths that differ between two snapshots (added, removed or changed).
pub fn differences(before: &Snapshot, after: &Snapshot) -> Vec<String> {
    let removed = before
        .keys()
        .filter(|path| !after.contains_key(*path))
        .map(|path| format!("removed {}", path.display()));
    let added_or_changed = after
        .iter()
        .filter_map(|(path, bytes)| match before.get(path) {
            None => Some(format!("added {}", path.display())),
            Some(old) if old != bytes => Some(format!("changed {}", path.display())),
            Some(_) => None,
        });
    removed.chain(added_or_changed).collect()
}
