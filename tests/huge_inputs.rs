//! Huge and hostile inputs: a runaway file, a YAML "billion laughs", nesting ten thousand levels
//! deep, a plan with a hundred thousand tasks, a `.docx` ZIP bomb. Each ends with a clear diagnostic (naming the
//! limit; the importer: a draft saying why) or a correct site, quickly and within bounded memory: never a hang, a stack overflow
//! or a crash. Inputs are generated at test time; their peak memory at full size in a release
//! build is measured by `scripts/stress.sh` (docs/security.md).

mod common;

use common::{SMALL_PLAN, small_portal, try_build};
use planportal::diagnostics::{Diagnostic, report};
use std::fs;
use std::io::Write;
use std::path::Path;
use tempfile::TempDir;

/// The plan of the small portal, relative to the portal root.
const PLAN: &str = "content/hai-phong/tue-tinh/ke-hoach-2026.md";

/// The small portal with its plan replaced by `plan`, built; the problems when refused.
fn build_with_plan(plan: &str) -> (TempDir, Result<planportal::Summary, Vec<Diagnostic>>) {
    let portal = small_portal();
    common::write(portal.path(), PLAN, plan);
    let out = TempDir::new().unwrap();
    let result = try_build(portal.path(), &out.path().join("public"));
    (out, result)
}

/// The page of `plan`, which must build.
fn published_plan_page(plan: &str) -> String {
    let (out, result) = build_with_plan(plan);
    if let Err(problems) = result {
        panic!("the plan should build:\n{}", report(&problems));
    }
    fs::read_to_string(
        out.path()
            .join("public/hai-phong/tue-tinh/ke-hoach-2026/index.html"),
    )
    .unwrap()
}

/// The one problem with `code`, or a failure listing what was reported.
fn only(problems: &[Diagnostic], code: &str) -> Diagnostic {
    assert!(
        problems.len() == 1 && problems[0].code == code,
        "expected only {code}, got:\n{}",
        report(problems)
    );
    problems[0].clone()
}

/// The small plan with `yaml` added to its front matter after the title.
fn plan_with_front_matter(yaml: &str) -> String {
    SMALL_PLAN.replacen("kind: ke-hoach\n", &format!("kind: ke-hoach\n{yaml}\n"), 1)
}

#[test]
fn a_50_mb_plan_is_refused_before_it_is_read_naming_the_limit() {
    let portal = small_portal();
    let path = portal.path().join(PLAN);
    let mut file = fs::File::create(&path).unwrap();
    file.write_all(SMALL_PLAN.as_bytes()).unwrap();
    let paragraph = "Nâng cao chất lượng giải quyết thủ tục hành chính. ".repeat(20) + "\n\n";
    while file.metadata().unwrap().len() < 50 * 1024 * 1024 {
        file.write_all(paragraph.as_bytes()).unwrap();
    }
    drop(file);
    let out = TempDir::new().unwrap();
    let problems = try_build(portal.path(), &out.path().join("public")).unwrap_err();
    let problem = only(&problems, "file-too-large");
    assert_eq!(problem.file, Path::new(PLAN));
    assert!(
        problem.message.contains("Tệp quá lớn (5") && problem.message.contains("tối đa 16 MiB"),
        "the message names the size and the limit: {}",
        problem.message
    );
    assert!(!out.path().join("public").exists(), "nothing was published");
}

#[test]
fn a_billion_laughs_in_the_front_matter_is_refused_naming_the_alias_limit() {
    // Nine levels of ten aliases each: 10⁹ copies of "lol" if expanded.
    let mut yaml =
        String::from("funding: {a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]");
    for level in 1..=9 {
        let previous = format!("*a{}", level - 1);
        let list = [previous.as_str(); 10].join(", ");
        yaml.push_str(&format!(", a{level}: &a{level} [{list}]"));
    }
    yaml.push('}');
    let plan = plan_with_front_matter(&yaml);
    let (_out, result) = build_with_plan(&plan);
    let problems = result.unwrap_err();
    let problem = only(&problems, "yaml-too-many-aliases");
    assert_eq!(problem.file, Path::new(PLAN));
    assert!(problem.message.contains("64 KiB"), "{}", problem.message);
    assert!(problem.help.as_deref().unwrap_or("").contains("&tên"));
}

#[test]
fn yaml_nested_ten_thousand_levels_deep_is_refused_naming_the_depth_limit() {
    let depth = 10_000;
    let nested = format!("funding: {}x{}", "[".repeat(depth), "]".repeat(depth));
    let plan = plan_with_front_matter(&nested);
    let (_out, result) = build_with_plan(&plan);
    let problems = result.unwrap_err();
    let problem = only(&problems, "yaml-too-deep");
    assert!(problem.message.contains("128 cấp"), "{}", problem.message);
    let line = plan
        .lines()
        .position(|l| l.starts_with("funding:"))
        .unwrap()
        + 1;
    assert_eq!(problem.line, line, "the deep value's line");
}

#[test]
fn markdown_nested_ten_thousand_levels_deep_renders_a_page() {
    let depth = 10_000;
    let body = format!(
        "\n{}sâu nhất danh sách\n\n{}sâu nhất trích dẫn\n\n{}<b>có HTML</b>\n",
        "- ".repeat(depth),
        "> ".repeat(depth),
        "* ".repeat(depth),
    );
    let plan = format!("{SMALL_PLAN}{body}");
    let page = published_plan_page(&plan);
    for text in ["sâu nhất danh sách", "sâu nhất trích dẫn", "có HTML"] {
        assert!(page.contains(text), "{text} is on the page");
    }
    let lists = page.matches("<ul>").count();
    assert!(
        (10..100).contains(&lists),
        "the lists are nested, flattened beyond 50 levels: {lists} <ul>"
    );
    assert!(page.contains("</html>"), "the page is complete");
}

#[test]
fn a_plan_with_a_hundred_thousand_tasks_is_refused_naming_the_limit() {
    let mut tasks = String::from("tasks:\n");
    for n in 1..=100_000 {
        tasks.push_str(&format!(
            "  - {{no: \"{n}\", area: thu-tuc-hanh-chinh, content: Nhiệm vụ số {n}}}\n"
        ));
    }
    let plan = SMALL_PLAN.replacen(
        "tasks:\n  - no: \"1\"\n    area: thu-tuc-hanh-chinh\n    content: Rà soát thủ tục hành chính\n",
        &tasks,
        1,
    );
    assert!(plan.len() > 5_000_000);
    let (_out, result) = build_with_plan(&plan);
    let problems = result.unwrap_err();
    let problem = only(&problems, "too-many-items");
    assert!(
        problem.message.contains("100000 mục") && problem.message.contains("tối đa 2000"),
        "{}",
        problem.message
    );
    let line = plan.lines().position(|l| l == "tasks:").unwrap() + 1;
    assert_eq!((problem.line, problem.column), (line, 1));
}

/// A `.docx` package whose `word/document.xml` is `document`, stored as it is (the guard is on
/// the inflated size, whatever the compression; storing keeps the test fast in a debug build).
fn docx(document: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("word/document.xml", stored).unwrap();
    zip.write_all(document).unwrap();
    zip.finish().unwrap().into_inner()
}

/// Imports `bytes`; the reason the importer gives for not reading them.
fn unreadable_reason(bytes: &[u8]) -> String {
    let (areas, indicators) =
        planportal::scaffold::read_catalogues(&common::repo_root()).expect("catalogues");
    let imported = planportal::import::import(
        bytes,
        &planportal::import::ImportOptions {
            source_name: "doc-hai.docx",
            areas: &areas,
            indicators: &indicators,
            fallback_year: 2026,
        },
    );
    assert!(imported.draft().starts_with("---\n"), "still a draft");
    imported.report.unreadable.expect("the file is refused")
}

#[test]
fn a_docx_part_over_64_mib_once_inflated_a_zip_bomb_is_refused_naming_the_limit() {
    let mut document = b"<w:document><w:body><w:p><w:r><w:t>".to_vec();
    document.resize(80 * 1024 * 1024, b'a');
    let bytes = docx(&document);
    let reason = unreadable_reason(&bytes);
    assert!(
        reason.contains("word/document.xml") && reason.contains("64 MiB"),
        "{reason}"
    );
}

#[test]
fn a_docx_nested_ten_thousand_elements_deep_is_refused_naming_the_limit() {
    let document = format!("<w:document>{}</w:document>", "<w:p>".repeat(10_000));
    let reason = unreadable_reason(&docx(document.as_bytes()));
    assert!(reason.contains("256 cấp"), "{reason}");
}

#[test]
fn raw_html_nested_ten_thousand_levels_deep_is_published_as_text() {
    let plan = format!("{SMALL_PLAN}\n{}sâu nhất\n", "<div>".repeat(10_000));
    let page = published_plan_page(&plan);
    assert!(
        page.contains("&lt;div&gt;&lt;div&gt;"),
        "the HTML is shown as text"
    );
    assert!(page.contains("sâu nhất") && page.contains("</html>"));
}
