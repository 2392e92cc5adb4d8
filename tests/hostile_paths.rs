//! Hostile paths: `../`, absolute paths and symbolic links in file and folder names, attachments,
//! catalogue ids and the theme name never make a build read or write outside the portal and its
//! output. A secret file sits next to each portal; its text must never reach the output or a
//! diagnostic, and nothing may appear beside the portal.
//!
//! Symbolic links under `content/` are never followed: each is reported as a warning
//! (`symlink-ignored`) and left out, and the rest of the site is published.

mod common;

use common::{SMALL_PLAN, small_portal, try_build};
use planportal::diagnostics::{Diagnostic, report};
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The plan of the small portal.
const PLAN: &str = "content/hai-phong/tue-tinh/ke-hoach-2026.md";
/// What the secret files contain.
const SECRET: &str = "BÍ MẬT KHÔNG ĐƯỢC ĐĂNG 7f3a9c";

/// A small portal with a secret beside it (`secret.md`, a valid plan, and `secret.txt`) and an
/// outside folder holding a whole theme and a commune, all full of the secret.
struct Setup {
    /// Holds the portal, the secrets and the output.
    place: TempDir,
    /// Keeps the small portal (moved into `place`) alive.
    _portal: TempDir,
    root: PathBuf,
}

impl Setup {
    fn new() -> Setup {
        let place = TempDir::new().unwrap();
        let portal = small_portal();
        let root = portal.path().to_path_buf();
        let plan = fs::read_to_string(root.join(PLAN))
            .unwrap()
            .replace("## I. MỤC TIÊU", &format!("## {SECRET}"));
        fs::write(place.path().join("secret.md"), plan).unwrap();
        fs::write(place.path().join("secret.txt"), SECRET).unwrap();
        let theme = place.path().join("outside-theme");
        common::copy_dir(&root.join("themes/mac-dinh"), &theme);
        fs::write(theme.join("templates/base.html"), SECRET).unwrap();
        common::write(
            place.path(),
            "outside-commune/_index.md",
            &format!("---\nname: {SECRET}\nkind: xa\n---\n"),
        );
        Setup {
            place,
            _portal: portal,
            root,
        }
    }

    fn secret(&self, name: &str) -> PathBuf {
        self.place.path().join(name)
    }

    /// Builds into `place/public`; the result, after checking that the secret reached neither
    /// the output nor the diagnostics and that nothing new appeared beside the portal.
    fn build(&self) -> Result<planportal::Summary, Vec<Diagnostic>> {
        let out = self.place.path().join("public");
        let beside_before = entries(self.place.path());
        let result = try_build(&self.root, &out);
        let text = match &result {
            Ok(summary) => report(&summary.warnings),
            Err(problems) => report(problems),
        };
        assert!(
            !text.contains(SECRET),
            "a diagnostic shows the secret:\n{text}"
        );
        if out.exists() {
            for (path, bytes) in common::snapshot(&out) {
                assert!(
                    !String::from_utf8_lossy(&bytes).contains(SECRET),
                    "{} publishes the secret",
                    path.display()
                );
            }
        }
        let mut beside_after = entries(self.place.path());
        beside_after.retain(|name| !["public", ".public.lock"].contains(&name.as_str()));
        assert_eq!(
            beside_after, beside_before,
            "the build wrote beside the portal"
        );
        result
    }

    fn edit(&self, relative: &str, from: &str, to: &str) {
        let path = self.root.join(relative);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{from:?} in {relative}");
        fs::write(path, text.replacen(from, to, 1)).unwrap();
    }
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The problems with `code`, at least one.
fn with_code<'a>(problems: &'a [Diagnostic], code: &str) -> Vec<&'a Diagnostic> {
    let found: Vec<&Diagnostic> = problems.iter().filter(|p| p.code == code).collect();
    assert!(
        !found.is_empty(),
        "expected {code}, got:\n{}",
        report(problems)
    );
    found
}

/// 1-based line and column of `needle` in `text`.
fn position(text: &str, needle: &str) -> (usize, usize) {
    let (index, line) = text
        .lines()
        .enumerate()
        .find(|(_, line)| line.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not found"));
    (
        index + 1,
        line[..line.find(needle).unwrap()].chars().count() + 1,
    )
}

#[test]
fn a_symlinked_plan_file_pointing_outside_is_ignored_with_a_warning() {
    let setup = Setup::new();
    let link = setup.root.join("content/hai-phong/tue-tinh/bi-mat.md");
    symlink(setup.secret("secret.md"), &link).unwrap();
    let summary = setup.build().expect("the rest of the portal is published");
    let warning = with_code(&summary.warnings, "symlink-ignored")[0];
    assert_eq!(
        warning.file,
        Path::new("content/hai-phong/tue-tinh/bi-mat.md")
    );
    assert!(warning.message.contains("symlink"));
    assert_eq!(summary.plans, 1, "only the real plan");
}

#[test]
fn a_symlinked_folder_pointing_outside_is_not_walked() {
    let setup = Setup::new();
    symlink(
        setup.secret("outside-commune"),
        setup.root.join("content/hai-phong/ngoai"),
    )
    .unwrap();
    let summary = setup.build().expect("the rest of the portal is published");
    let warning = with_code(&summary.warnings, "symlink-ignored")[0];
    assert_eq!(warning.file, Path::new("content/hai-phong/ngoai"));
    assert_eq!(summary.communes, 1);
}

#[test]
fn attachments_with_parent_or_absolute_paths_or_links_outside_are_refused_on_their_line() {
    let setup = Setup::new();
    let secret = setup.secret("secret.txt");
    symlink(
        &secret,
        setup.root.join("content/hai-phong/tue-tinh/ban-ky.pdf"),
    )
    .unwrap();
    let list = format!(
        "attachments:\n  - ../../../../secret.txt\n  - {}\n  - ban-ky.pdf\n",
        secret.display()
    );
    setup.edit(PLAN, "targets:\n", &format!("{list}targets:\n"));
    let problems = setup.build().unwrap_err();
    let plan = fs::read_to_string(setup.root.join(PLAN)).unwrap();
    let refused = with_code(&problems, "missing-attachment");
    assert_eq!(refused.len(), 3, "{}", report(&problems));
    for (problem, item) in refused.iter().zip([
        "../../../../secret.txt".to_string(),
        secret.display().to_string(),
        "ban-ky.pdf".to_string(),
    ]) {
        assert_eq!(problem.file, Path::new(PLAN));
        assert_eq!((problem.line, problem.column), position(&plan, &item));
        assert!(problem.help.is_some(), "says what is valid");
    }
}

#[test]
fn a_theme_name_with_parent_or_absolute_paths_is_refused_and_nothing_outside_is_read() {
    for form in ["relative", "absolute", "through the theme"] {
        let setup = Setup::new();
        let outside = setup.secret("outside-theme");
        let theme = match form {
            "relative" => "../../outside-theme".to_string(),
            "absolute" => outside.display().to_string(),
            _ => "mac-dinh/../../outside-theme".to_string(),
        };
        let site = fs::read_to_string(setup.root.join("site.yaml")).unwrap();
        let site: String = site
            .lines()
            .map(|line| match line.starts_with("theme:") {
                true => format!("theme: \"{theme}\"\n"),
                false => format!("{line}\n"),
            })
            .collect();
        assert!(site.contains(&theme));
        fs::write(setup.root.join("site.yaml"), &site).unwrap();
        let problems = setup.build().unwrap_err();
        let problem = with_code(&problems, "invalid-theme")[0];
        assert_eq!(problem.file, Path::new("site.yaml"));
        let (line, _) = position(&site, "theme:");
        assert_eq!(problem.line, line, "{theme}");
        assert!(problem.message.contains("themes/"), "{}", problem.message);
        assert_eq!(problems.len(), 1, "{}", report(&problems));
    }
}

#[test]
fn catalogue_ids_with_parent_or_absolute_paths_are_refused_on_their_line() {
    for id in ["../../../x", "/tmp/x", "a/../../b"] {
        let setup = Setup::new();
        let catalogue = fs::read_to_string(setup.root.join("data/indicators.yaml")).unwrap();
        let first = catalogue
            .lines()
            .find_map(|line| line.trim_start().strip_prefix("- id: "))
            .expect("an indicator id")
            .to_string();
        setup.edit(
            "data/indicators.yaml",
            &format!("- id: {first}\n"),
            &format!("- id: \"{id}\"\n"),
        );
        let problems = setup.build().unwrap_err();
        let problem = with_code(&problems, "invalid-slug")[0];
        assert_eq!(problem.file, Path::new("data/indicators.yaml"));
        let text = fs::read_to_string(setup.root.join("data/indicators.yaml")).unwrap();
        assert_eq!(problem.line, position(&text, id).0);
        assert!(
            problem.help.as_deref().unwrap_or("").contains("chữ thường"),
            "says what is valid"
        );
    }
}

#[test]
fn folder_and_file_names_that_fold_to_nothing_are_refused_and_stay_inside() {
    let setup = Setup::new();
    // A name made only of dots and punctuation cannot become a path segment.
    common::write(
        &setup.root,
        "content/hai-phong/tue-tinh/(..).md",
        SMALL_PLAN,
    );
    common::write(
        &setup.root,
        "content/hai-phong/··/_index.md",
        "---\nname: X\nkind: xa\n---\n",
    );
    let problems = setup.build().unwrap_err();
    assert!(
        problems.iter().all(|p| p.file.starts_with("content")),
        "{}",
        report(&problems)
    );
    assert!(!setup.place.path().join("public").exists());
}
