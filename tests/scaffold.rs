//! The editors' scaffolding commands: `new commune`, `new plan` and `indicators`. What they
//! create must pass `planportal check` unchanged, stay unpublished until the editor changes the
//! status, never overwrite a file, and say clearly what to do when the commune does not exist.

mod common;

use common::{small_portal, try_build};
use planportal::model::{CommuneKind, PlanKind, ProvinceKind};
use planportal::scaffold::{self, NewCommune, NewPlan, ScaffoldError};
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn new_commune(
    root: &Path,
    name: &str,
    province: Option<&str>,
) -> Result<scaffold::Created, ScaffoldError> {
    scaffold::new_commune(&NewCommune {
        root: root.to_path_buf(),
        name: name.to_string(),
        kind: CommuneKind::Xa,
        province: province.map(str::to_string),
        province_name: None,
        province_kind: ProvinceKind::Tinh,
    })
}

fn new_plan(
    root: &Path,
    commune: &str,
    kind: PlanKind,
    from: i32,
    to: i32,
) -> Result<scaffold::Created, ScaffoldError> {
    scaffold::new_plan(&NewPlan {
        root: root.to_path_buf(),
        commune: commune.to_string(),
        slug: None,
        kind,
        from,
        to,
    })
}

fn check_passes(root: &Path) -> planportal::Summary {
    match planportal::check(root) {
        Ok(summary) => summary,
        Err(planportal::Error::Invalid(problems)) => {
            panic!(
                "check failed:\n{}",
                planportal::diagnostics::report(&problems)
            )
        }
        Err(error) => panic!("check failed: {error}"),
    }
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planportal"))
        .args(args)
        .output()
        .expect("planportal runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn new_commune_and_plan_pass_check_and_stay_drafts() {
    let portal = small_portal();
    let root = portal.path();
    let commune = new_commune(root, "Lộc Tân", Some("hai-phong")).unwrap();
    assert_eq!(
        commune.path(),
        root.join("content/hai-phong/loc-tan/_index.md")
    );
    let commune_text = fs::read_to_string(commune.path()).unwrap();
    for field in [
        "# former_names:",
        "# contact:",
        "# portal:",
        "name: Lộc Tân",
        "kind: xa",
    ] {
        assert!(commune_text.contains(field), "{field} in\n{commune_text}");
    }
    assert!(
        commune
            .report()
            .contains("planportal new plan --commune hai-phong/loc-tan")
    );

    let plan = new_plan(root, "hai-phong/loc-tan", PlanKind::KeHoach, 2027, 2027).unwrap();
    assert_eq!(
        plan.path(),
        root.join("content/hai-phong/loc-tan/ke-hoach-cchc-2027.md")
    );
    let text = fs::read_to_string(plan.path()).unwrap();
    for needle in [
        "status: du-thao",
        "period: {from: 2027, to: 2027}",
        "# decision:",
        "# targets:",
        "#   - indicator: hai-long-tthc",
        "# tasks:",
        "#     area: thu-tuc-hanh-chinh",
        "## I. MỤC TIÊU, YÊU CẦU",
        "## V. TỔ CHỨC THỰC HIỆN",
    ] {
        assert!(text.contains(needle), "{needle} in\n{text}");
    }
    // The skeleton passes the checker exactly as created: 1 commune + 1 plan more than before.
    let summary = check_passes(root);
    assert_eq!((summary.communes, summary.plans), (2, 2));

    // A draft: published with --drafts only.
    let out = portal.path().join("out");
    let published = try_build(root, &out).unwrap();
    assert_eq!(published.plans, 1);
    assert!(
        !out.join("hai-phong/loc-tan/ke-hoach-cchc-2027/index.html")
            .exists()
    );
    let drafts = planportal::build(&planportal::BuildOptions {
        root: root.to_path_buf(),
        out: Some(out.clone()),
        base_url: None,
        drafts: true,
    })
    .unwrap();
    assert_eq!(drafts.plans, 2);
    let page =
        fs::read_to_string(out.join("hai-phong/loc-tan/ke-hoach-cchc-2027/index.html")).unwrap();
    assert!(page.contains("Kế hoạch cải cách hành chính nhà nước năm 2027 của xã Lộc Tân"));
}

#[test]
fn every_kind_and_a_commune_without_province_pass_check() {
    let portal = small_portal();
    let root = portal.path();
    new_commune(root, "Nam An Phụ", None).unwrap();
    for kind in [
        PlanKind::KeHoach,
        PlanKind::PhuLuc,
        PlanKind::BaoCao,
        PlanKind::QuyetDinh,
    ] {
        new_plan(root, "nam-an-phu", kind, 2026, 2030).unwrap();
    }
    // The commune may be named by its folder in any spelling that folds to the same slug.
    new_plan(root, "Hai Phong/Tuệ Tĩnh", PlanKind::KeHoach, 2027, 2027).unwrap();
    assert!(
        root.join("content/nam-an-phu/bao-cao-cchc-2026-2030.md")
            .is_file()
    );
    let summary = check_passes(root);
    assert_eq!((summary.communes, summary.plans), (2, 6));
}

#[test]
fn uncommented_examples_are_valid_too() {
    let portal = small_portal();
    let root = portal.path();
    let created = new_plan(root, "hai-phong/tue-tinh", PlanKind::KeHoach, 2026, 2030).unwrap();
    let text = fs::read_to_string(created.path()).unwrap();
    // Do what the comments tell the editor: remove "# " before the example blocks' lines, and
    // paste into the body the sentence the example target quotes.
    let mut in_example = false;
    let mut quote = String::new();
    let mut lines = Vec::new();
    for line in text.lines() {
        if ["# decision:", "# targets:", "# tasks:"].contains(&line) {
            in_example = true;
        } else if !line.starts_with("#  ") {
            in_example = false;
        }
        if in_example {
            let uncommented = &line[2..];
            if let Some(q) = uncommented.trim().strip_prefix("quote: ") {
                quote = q.trim_matches('"').to_string();
            }
            lines.push(uncommented.to_string());
        } else {
            lines.push(line.to_string());
        }
    }
    assert!(!quote.is_empty());
    let edited = format!("{}\n{quote}.\n", lines.join("\n"));
    assert!(
        edited.contains("\ntargets:\n  - indicator: hai-long-tthc"),
        "{edited}"
    );
    fs::write(created.path(), edited).unwrap();
    let summary = check_passes(root);
    assert_eq!(summary.targets, 2);
}

#[test]
fn refuses_to_overwrite() {
    let portal = small_portal();
    let root = portal.path();
    let index = root.join("content/hai-phong/tue-tinh/_index.md");
    let before = fs::read_to_string(&index).unwrap();
    let error = new_commune(root, "Tuệ Tĩnh", Some("hai-phong")).unwrap_err();
    assert!(
        matches!(&error, ScaffoldError::Exists(path) if path == &index),
        "{error}"
    );
    assert_eq!(fs::read_to_string(&index).unwrap(), before);

    new_plan(root, "hai-phong/tue-tinh", PlanKind::KeHoach, 2027, 2027).unwrap();
    let plan = root.join("content/hai-phong/tue-tinh/ke-hoach-cchc-2027.md");
    fs::write(&plan, "sửa của biên tập viên").unwrap();
    let error = new_plan(root, "hai-phong/tue-tinh", PlanKind::KeHoach, 2027, 2027).unwrap_err();
    assert!(matches!(error, ScaffoldError::Exists(_)));
    assert_eq!(fs::read_to_string(&plan).unwrap(), "sửa của biên tập viên");

    // Through the binary: exit code 2, a Vietnamese message, the file untouched.
    let output = run(&[
        "new",
        "plan",
        "--commune",
        "hai-phong/tue-tinh",
        "--year",
        "2027",
        "--root",
        root.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("đã có, không ghi đè"),
        "{}",
        stderr(&output)
    );
    assert_eq!(fs::read_to_string(&plan).unwrap(), "sửa của biên tập viên");
}

#[test]
fn missing_commune_and_province_are_explained() {
    let portal = small_portal();
    let root = portal.path();
    let error = new_plan(root, "hai-phong/khong-co", PlanKind::KeHoach, 2027, 2027).unwrap_err();
    let message = error.to_string();
    assert!(matches!(error, ScaffoldError::MissingCommune { .. }));
    assert!(message.contains("planportal new commune"), "{message}");
    assert!(message.contains("--province hai-phong"), "{message}");
    assert!(
        message.contains("hai-phong/tue-tinh"),
        "lists existing communes: {message}"
    );
    assert!(!root.join("content/hai-phong/khong-co").exists());

    let output = run(&[
        "new",
        "plan",
        "--commune",
        "loc-tan",
        "--root",
        root.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("planportal new commune"),
        "{}",
        stderr(&output)
    );

    // A new province needs --province-name; nothing is created without it.
    let error = new_commune(root, "An Biên", Some("ca-mau")).unwrap_err();
    assert!(matches!(error, ScaffoldError::MissingProvince { .. }));
    assert!(error.to_string().contains("--province-name"));
    assert!(!root.join("content/ca-mau").exists());
    let output = run(&[
        "new",
        "commune",
        "--name",
        "An Biên",
        "--kind",
        "phuong",
        "--province",
        "ca-mau",
        "--province-name",
        "Cà Mau",
        "--root",
        root.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("content/ca-mau/an-bien/_index.md"));
    assert!(stdout(&output).contains("Bước tiếp theo"));
    let province = fs::read_to_string(root.join("content/ca-mau/_index.md")).unwrap();
    assert!(province.contains("name: Cà Mau") && province.contains("kind: tinh"));
    check_passes(root);
}

#[test]
fn indicators_lists_the_whole_catalogue() {
    let repo = common::repo_root();
    let output = run(&["indicators", "--root", repo.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let listing = stdout(&output);
    let (areas, indicators) = scaffold::read_catalogues(&repo).unwrap();
    for indicator in &indicators {
        let line = listing
            .lines()
            .find(|line| line.trim_start().starts_with(&format!("{} ", indicator.id)))
            .unwrap_or_else(|| panic!("{} missing from\n{listing}", indicator.id));
        assert!(line.contains(&indicator.short), "{line}");
        if let Some(national) = &indicator.national {
            assert!(line.contains(&national.source), "{line}");
        }
    }
    for area in &areas {
        assert!(
            listing.contains(&format!("(area: {})", area.id)),
            "{}",
            area.id
        );
    }
    // Aligned: the column after the id starts at the same place on every row.
    let starts: std::collections::BTreeSet<usize> = indicators
        .iter()
        .map(|i| {
            let line = listing
                .lines()
                .find(|l| l.trim_start().starts_with(&format!("{} ", i.id)))
                .unwrap();
            line[i.id.len() + 2..].find(|c: char| c != ' ').unwrap() + i.id.len() + 2
        })
        .collect();
    assert_eq!(starts.len(), 1, "{listing}");

    let output = run(&[
        "indicators",
        "--root",
        repo.to_str().unwrap(),
        "--area",
        "chinh-quyen-so",
        "--format",
        "json",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let expected = indicators
        .iter()
        .filter(|i| i.area == "chinh-quyen-so")
        .count();
    assert!(expected > 0);
    assert_eq!(rows.len(), expected);
    assert!(rows.iter().all(|row| row["area"] == "chinh-quyen-so"));

    let output = run(&[
        "indicators",
        "--root",
        repo.to_str().unwrap(),
        "--area",
        "chinh-quyen-s",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("chinh-quyen-so"));
}

#[test]
fn quiet_prints_only_errors() {
    let portal = small_portal();
    let root = portal.path().to_str().unwrap().to_string();
    let output = run(&["--quiet", "check", "--root", &root]);
    assert!(output.status.success());
    assert!(output.stdout.is_empty() && output.stderr.is_empty());
    let output = run(&[
        "new",
        "plan",
        "-q",
        "--commune",
        "hai-phong/tue-tinh",
        "--year",
        "2028",
        "--root",
        &root,
    ]);
    assert!(output.status.success());
    assert!(output.stdout.is_empty());
    let output = run(&["check", "--verbose", "--root", &root]);
    assert!(output.status.success());
    assert!(stderr(&output).contains("parse"), "{}", stderr(&output));
    // A problem in the sources is still reported, with exit code 1.
    fs::write(
        portal
            .path()
            .join("content/hai-phong/tue-tinh/ke-hoach-2028.md"),
        "---\ntitle: x\n---\n",
    )
    .unwrap();
    let output = run(&["check", "--quiet", "--root", &root]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("missing-field"),
        "{}",
        stderr(&output)
    );
}
