//! What an editor reads, code by code: for every diagnostic code (errors and warnings), a small
//! broken portal that produces it, and the human-readable rendering of that diagnostic in
//! Vietnamese and in English, kept as an `insta` snapshot under `tests/snapshots/`.
//!
//! Each case starts from the small valid portal of [`common::small_portal`] and breaks one thing.
//! The run is `check_with` with a fixed current year, so the snapshots do not depend on the clock.
//! Review changed snapshots with `cargo insta review` (or `INSTA_UPDATE=always cargo test`).
//!
//! `unsafe-output-path` has no case: output paths come from slugs and fixed names, so no source
//! can produce one; the check guards against a bug, not against an editor's mistake.

mod common;

use common::{SMALL_PLAN, small_portal};
use planportal::diagnostics::{Diagnostic, JsonReport, Lang, Severity};
use planportal::{BuildOptions, CheckReport};
use std::fs;
use std::path::Path;
use std::process::Command;

const PLAN: &str = "content/hai-phong/tue-tinh/ke-hoach-2026.md";

/// The year the checks run in, unless a case says otherwise.
const YEAR: i32 = 2026;

/// Replaces the one occurrence of `from` by `to` in the file `relative` of `root`.
fn edit(root: &Path, relative: &str, from: &str, to: &str) {
    let path = root.join(relative);
    let text = fs::read_to_string(&path).unwrap();
    assert_eq!(
        text.matches(from).count(),
        1,
        "{from:?} should occur once in {relative}"
    );
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn edit_plan(root: &Path, from: &str, to: &str) {
    edit(root, PLAN, from, to);
}

fn append(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    let mut old = fs::read_to_string(&path).unwrap();
    old.push_str(text);
    fs::write(path, old).unwrap();
}

fn check(root: &Path, year: i32) -> CheckReport {
    let options = BuildOptions {
        root: root.to_path_buf(),
        out: None,
        base_url: None,
        drafts: true,
    };
    planportal::check_with(&options, Some(year))
}

/// One code, its severity, and how to break the small portal to get it.
struct Case {
    code: &'static str,
    severity: Severity,
    year: i32,
    setup: fn(&Path),
}

const fn error(code: &'static str, setup: fn(&Path)) -> Case {
    Case {
        code,
        severity: Severity::Error,
        year: YEAR,
        setup,
    }
}

const fn warning(code: &'static str, setup: fn(&Path)) -> Case {
    Case {
        code,
        severity: Severity::Warning,
        year: YEAR,
        setup,
    }
}

/// Every code a portal's sources can produce.
const CASES: &[Case] = &[
    // Files and folders.
    error("unreadable-file", |root| {
        fs::remove_file(root.join("site.yaml")).unwrap();
        fs::create_dir(root.join("site.yaml")).unwrap();
    }),
    error("not-utf8", |root| {
        let mut bytes = SMALL_PLAN.as_bytes().to_vec();
        bytes.extend_from_slice(b"Ti\xea\xd2u m\xfd\xecc 95%.\n");
        fs::write(root.join(PLAN), bytes).unwrap();
    }),
    error("missing-content", |root| {
        fs::remove_dir_all(root.join("content")).unwrap();
    }),
    error("empty-content", |root| {
        fs::remove_dir_all(root.join("content")).unwrap();
        fs::create_dir(root.join("content")).unwrap();
    }),
    error("missing-front-matter", |root| {
        common::write(root, PLAN, "title: Kế hoạch\n\nNội dung.\n");
    }),
    error("unclosed-front-matter", |root| {
        edit_plan(root, "---\n\n## I.", "\n## I.");
    }),
    error("missing-catalogue", |root| {
        fs::remove_file(root.join("data/areas.yaml")).unwrap();
    }),
    error("misplaced-index", |root| {
        common::write(
            root,
            "content/hai-phong/tue-tinh/ap-1/_index.md",
            "---\nname: Ấp 1\nkind: xa\n---\n",
        );
    }),
    error("unusable-name", |root| {
        common::write(
            root,
            "content/hai-phong/!!!/_index.md",
            "---\nname: Ba Chấm Than\nkind: xa\n---\n",
        );
    }),
    error("missing-province", |root| {
        fs::remove_file(root.join("content/hai-phong/_index.md")).unwrap();
    }),
    error("plan-outside-commune", |root| {
        common::write(root, "content/hai-phong/xa-moi/ke-hoach.md", SMALL_PLAN);
    }),
    error("output-collision", |root| {
        common::write(
            root,
            "content/hai-phong/Tuệ Tĩnh/_index.md",
            "---\nname: Tuệ Tĩnh\nkind: xa\n---\n",
        );
    }),
    // YAML that does not parse, or fields of the wrong shape.
    error("yaml-syntax", |root| {
        edit_plan(
            root,
            "title: Kế hoạch cải cách",
            "title: Kế hoạch: cải cách",
        );
    }),
    error("tab-indentation", |root| {
        edit_plan(root, "    value: 95", "\tvalue: 95");
    }),
    error("missing-field", |root| {
        edit_plan(root, "title: Kế hoạch cải cách hành chính năm 2026\n", "");
    }),
    error("unknown-field", |root| {
        edit_plan(root, "- indicator:", "- indicatr:");
    }),
    error("empty-field", |root| {
        edit_plan(
            root,
            "title: Kế hoạch cải cách hành chính năm 2026",
            "title: \"\"",
        );
    }),
    error("invalid-value", |root| {
        edit_plan(root, "kind: ke-hoach", "kind: ke-hoach-2026");
    }),
    error("invalid-type", |root| {
        edit_plan(root, "value: 95", "value: 95%");
    }),
    error("invalid-date", |root| {
        edit_plan(root, "date: 2026-01-10", "date: 2026-02-30");
    }),
    // Catalogues.
    error("duplicate-id", |root| {
        append(
            root,
            "data/areas.yaml",
            "- id: the-che\n  name: Thể chế (lặp)\n  short: Thể chế\n  order: 99\n",
        );
    }),
    error("invalid-slug", |root| {
        append(
            root,
            "data/areas.yaml",
            "- id: Cải cách khác\n  name: Cải cách khác\n  short: Khác\n  order: 99\n",
        );
    }),
    // References and numbers.
    error("unknown-indicator", |root| {
        edit_plan(root, "indicator: hai-long-tthc", "indicator: hai-long-ttch");
    }),
    error("unknown-area", |root| {
        edit_plan(root, "area: thu-tuc-hanh-chinh", "area: thu-tuc-hanh-chin");
    }),
    error("invalid-number", |root| {
        edit_plan(root, "value: 95", "value: -95");
    }),
    error("invalid-period", |root| {
        edit_plan(
            root,
            "period: {from: 2026, to: 2026}",
            "period: {from: 2026, to: 2025}",
        );
    }),
    error("year-outside-period", |root| {
        edit_plan(root, "year: 2026", "year: 2031");
    }),
    error("invalid-stage", |root| {
        edit_plan(root, "    year: 2026", "    from: 2027\n    year: 2026");
    }),
    error("results-outside-report", |root| {
        edit_plan(
            root,
            "targets:",
            "results:\n  - indicator: hai-long-tthc\n    value: 93\n    year: 2026\ntargets:",
        );
    }),
    error("missing-attachment", |root| {
        edit_plan(
            root,
            "targets:",
            "attachments:\n  - ke-hoach-2026.pdf\ntargets:",
        );
    }),
    error("quote-not-found", |root| {
        edit_plan(
            root,
            "quote: \"đạt tối thiểu 95%\"",
            "quote: \"đạt tối thiểu 99%\"",
        );
    }),
    error("invalid-url", |root| {
        edit(
            root,
            "content/hai-phong/tue-tinh/_index.md",
            "kind: xa\n",
            "kind: xa\nportal: javascript:alert(1)\n",
        );
    }),
    // Theme and templates.
    error("missing-theme", |root| {
        edit(root, "site.yaml", "theme: mac-dinh", "theme: khong-co");
    }),
    error("template-error", |root| {
        common::write(root, "templates/home.html", "{% if %}\n");
    }),
    // Warnings.
    warning("quote-value-mismatch", |root| {
        edit_plan(root, "value: 95", "value: 90");
    }),
    Case {
        year: 2027,
        ..warning("period-ended", |_| {})
    },
    // The small portal's only task names no lead office.
    warning("task-without-lead", |_| {}),
    warning("replaced-act-not-found", |root| {
        edit_plan(root, "targets:", "replaces: [586/QĐ-UBND]\ntargets:");
    }),
];

/// The diagnostics with `code`, each rendered in Vietnamese and then in English.
fn rendering(problems: &[&Diagnostic]) -> String {
    let mut out = String::new();
    for problem in problems {
        out.push_str("--- vi ---\n");
        out.push_str(&problem.render(Lang::Vi));
        out.push_str("--- en ---\n");
        out.push_str(&problem.render(Lang::En));
    }
    out
}

#[test]
fn every_code_renders_in_vietnamese_and_english() {
    let mut failures = Vec::new();
    for case in CASES {
        let portal = small_portal();
        (case.setup)(portal.path());
        let report = check(portal.path(), case.year);
        let found: Vec<&Diagnostic> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == case.code)
            .collect();
        if found.is_empty() {
            failures.push(format!(
                "{}: not produced; got:\n{}",
                case.code,
                planportal::diagnostics::report(&report.diagnostics)
            ));
            continue;
        }
        for problem in &found {
            assert_eq!(problem.severity, case.severity, "{problem}");
            assert!(
                !problem.en.message.is_empty() && problem.en.message != *problem.message,
                "{}: no English message",
                case.code
            );
            assert_eq!(
                problem.help.is_some(),
                problem.en.help.is_some(),
                "{}: help in one language only",
                case.code
            );
        }
        // Warnings never stop a check: a warning case has no error of its own.
        if case.severity == Severity::Warning {
            assert!(!report.has_errors(), "{}", report.diagnostics[0]);
            assert!(report.summary.is_some());
        }
        insta::assert_snapshot!(case.code, rendering(&found));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn codes_are_unique_and_documented() {
    let docs = fs::read_to_string(common::repo_root().join("docs/content-model.md")).unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for case in CASES {
        assert!(seen.insert(case.code), "{} listed twice", case.code);
        assert!(
            docs.contains(&format!("`{}`", case.code)),
            "{} is not in docs/content-model.md",
            case.code
        );
    }
}

#[test]
fn a_plan_still_in_force_after_its_period_is_warned_about_only_once_the_period_ended() {
    let portal = small_portal();
    let codes = |year| {
        check(portal.path(), year)
            .diagnostics
            .iter()
            .map(|d| d.code)
            .collect::<Vec<_>>()
    };
    assert!(!codes(2026).contains(&"period-ended"));
    assert!(codes(2027).contains(&"period-ended"));
}

#[test]
fn a_quote_matches_its_value_with_a_decimal_comma_or_in_words() {
    let portal = small_portal();
    let root = portal.path();
    edit_plan(root, "value: 95", "value: 92.5");
    edit_plan(root, "tối thiểu 95%\"", "tối thiểu 92,5%\"");
    edit(root, PLAN, "tối thiểu 95%.", "tối thiểu 92,5%.");
    let codes: Vec<&str> = check(root, YEAR)
        .diagnostics
        .iter()
        .map(|d| d.code)
        .collect();
    assert!(!codes.contains(&"quote-value-mismatch"), "{codes:?}");
}

#[test]
fn warnings_do_not_stop_a_build_and_come_with_its_summary() {
    let portal = small_portal();
    edit_plan(portal.path(), "value: 95", "value: 90");
    let out = tempfile::TempDir::new().unwrap();
    let options = BuildOptions {
        root: portal.path().to_path_buf(),
        out: Some(out.path().join("public")),
        base_url: None,
        drafts: false,
    };
    let summary = planportal::build_with(&options, Some(YEAR)).expect("warnings do not stop");
    let codes: Vec<&str> = summary.warnings.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["quote-value-mismatch", "task-without-lead"]);
    assert!(out.path().join("public/index.html").exists());
}

/// Runs the binary's `check` with extra arguments.
fn run_check(root: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_planportal"))
        .arg("check")
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn check_prints_warnings_in_english_and_exits_0_when_there_are_only_warnings() {
    let portal = small_portal();
    // No status: the clock's year cannot add a `period-ended` warning.
    edit_plan(portal.path(), "status: hieu-luc\n", "");
    let output = run_check(portal.path(), &["--lang", "en"]);
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8(output.stderr).unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    insta::assert_snapshot!("cli_warnings_only_en", format!("{stderr}---\n{stdout}"));
}

#[test]
fn check_format_json_lists_errors_and_warnings_and_exits_1_on_errors() {
    let portal = small_portal();
    edit_plan(portal.path(), "status: hieu-luc\n", "");
    edit_plan(
        portal.path(),
        "indicator: hai-long-tthc",
        "indicator: hai-long-ttch",
    );
    let output = run_check(portal.path(), &["--format", "json", "--lang", "en"]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["errors"][0]["code"], "unknown-indicator");
    assert_eq!(json["errors"][0]["severity"], "error");
    assert_eq!(json["warnings"][0]["code"], "task-without-lead");
    assert_eq!(json["warnings"][0]["severity"], "warning");
    insta::assert_snapshot!("cli_json_en", stdout);

    // The library's JSON view is what the binary prints.
    let report = check(portal.path(), YEAR);
    assert_eq!(
        JsonReport::new(&report.diagnostics, Lang::En).to_json(),
        stdout
    );
}
