//! The incremental preview (`planportal::preview::Preview`): after an edit of one plan it renders
//! only the pages that edit reaches, and its output is then byte for byte that of a fresh full
//! build of the same sources (except the open data and the search index, which it defers), with
//! the same diagnostics as `check`.

mod common;

use common::{Snapshot, copy_dir, differences, portal_without_content, repo_root, snapshot, write};
use planportal::preview::{DEFERRED_OPEN_DATA, DEFERRED_SEARCH, Preview};
use planportal::{BuildOptions, Error, Summary};
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const PROVINCES: [(&str, &str); 3] = [
    ("bac-ninh", "Bắc Ninh"),
    ("quang-tri", "Quảng Trị"),
    ("vinh-long", "Vĩnh Long"),
];
const COMMUNES: [(&str, &str); 3] = [
    ("an-thinh", "An Thịnh"),
    ("dong-tien", "Đồng Tiến"),
    ("hoa-binh", "Hòa Bình"),
];

/// The example portal plus three provinces of three communes, each with a plan.
fn portal() -> TempDir {
    let dir = portal_without_content();
    let root = dir.path();
    copy_dir(&repo_root().join("content"), &root.join("content"));
    for (province, province_name) in PROVINCES {
        write(
            root,
            &format!("content/{province}/_index.md"),
            &format!("---\nname: {province_name}\nkind: tinh\n---\n"),
        );
        for (at, (commune, commune_name)) in COMMUNES.iter().enumerate() {
            write(
                root,
                &format!("content/{province}/{commune}/_index.md"),
                &format!("---\nname: {commune_name}\nkind: xa\n---\n"),
            );
            write(
                root,
                &format!("content/{province}/{commune}/ke-hoach-2026.md"),
                &common::SMALL_PLAN.replace("95", &(90 + at).to_string()),
            );
        }
    }
    dir
}

fn options(root: &Path, out: &str) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        out: Some(root.join(out)),
        base_url: None,
        drafts: true,
    }
}

/// Edits `relative` under `root` by replacing `from` with `to`; the absolute path changed.
fn edit(root: &Path, relative: &str, from: &str, to: &str) -> Vec<PathBuf> {
    let text = fs::read_to_string(root.join(relative)).unwrap();
    assert!(text.contains(from), "{relative} should contain {from}");
    write(root, relative, &text.replacen(from, to, 1));
    vec![root.join(relative)]
}

/// Every file of `out` but the deferred ones.
fn pages(out: &Path) -> Snapshot {
    snapshot(out)
        .into_iter()
        .filter(|(path, _)| {
            let path = path.to_string_lossy();
            !path.starts_with(DEFERRED_OPEN_DATA) && !path.starts_with(DEFERRED_SEARCH)
        })
        .collect()
}

/// The preview's output equals a fresh full build of the same sources.
fn assert_same_as_full_build(root: &Path) {
    planportal::build(&options(root, "full")).unwrap();
    let diff = differences(&pages(&root.join("full")), &pages(&root.join("preview")));
    assert!(
        diff.is_empty(),
        "preview differs from a full build: {diff:?}"
    );
}

/// The rebuild wrote a search index delta, which `meta.json` points at, whose term shards hold
/// `words` (folded, as a query is): the edited plan's documents are searchable again.
fn assert_reindexed(root: &Path, summary: &Summary, words: &str) {
    let index = root.join("preview").join(planportal::search::INDEX_DIR);
    assert!(
        summary
            .reindexed
            .contains(&"tim-kiem/chi-muc/meta.json".to_string()),
        "{:?}",
        summary.reindexed
    );
    let delta = index.join("delta");
    let meta: serde_json::Value =
        serde_json::from_slice(&fs::read(delta.join("meta.json")).unwrap()).unwrap();
    let base: serde_json::Value =
        serde_json::from_slice(&fs::read(index.join("meta.json")).unwrap()).unwrap();
    assert!(base["delta"].is_string(), "meta.json points at the delta");
    let shards = meta["shards"].as_u64().unwrap();
    assert!(shards > 0);
    for shard in 0..shards {
        let file = format!("tim-kiem/chi-muc/delta/s/{shard}.bin");
        assert!(summary.reindexed.contains(&file), "{file} not rewritten");
    }
    for word in words.split(' ') {
        let entry = common::search_files::lookup(&delta, shards, word);
        assert!(
            entry.is_some_and(|e| !e.postings.is_empty()),
            "{word} in the delta"
        );
    }
}

fn rendered(summary: &Summary) -> Vec<&str> {
    let mut rendered: Vec<&str> = summary.rendered.iter().map(String::as_str).collect();
    rendered.sort();
    rendered
}

#[test]
fn an_edit_renders_only_the_pages_it_reaches_and_matches_a_full_build() {
    let portal = portal();
    let root = portal.path();
    let options = options(root, "preview");
    let mut preview = Preview::default();
    let first = preview.rebuild(&options, None, None).unwrap();
    assert!(
        first.rendered_pages > 30,
        "the first build renders every page"
    );
    assert_same_as_full_build(root);

    // The body only: the plan's own page.
    let plan = "content/quang-tri/dong-tien/ke-hoach-2026.md";
    let changed = edit(
        root,
        plan,
        "Mức độ hài lòng",
        "Mức độ hài lòng của người dân",
    );
    let body = preview.rebuild(&options, None, Some(&changed)).unwrap();
    assert_eq!(
        rendered(&body),
        ["quang-tri/dong-tien/ke-hoach-2026/index.html"]
    );
    assert!(body.deferred.is_empty(), "{:?}", body.deferred);
    assert_reindexed(root, &body, "dong tien");
    assert_same_as_full_build(root);

    // A target's value: the plan, its commune and province, its indicator and area, the lists.
    let changed = edit(root, plan, "value: 91", "value: 80");
    let target = preview.rebuild(&options, None, Some(&changed)).unwrap();
    let pages = rendered(&target);
    for expected in [
        "quang-tri/dong-tien/ke-hoach-2026/index.html",
        "quang-tri/dong-tien/index.html",
        "quang-tri/index.html",
        "index.html",
    ] {
        assert!(pages.contains(&expected), "{expected} not in {pages:?}");
    }
    // Every address and every count of rows is as before: neither feed changes.
    for unchanged in ["atom.xml", "sitemap.xml"] {
        assert!(!pages.contains(&unchanged), "{unchanged} in {pages:?}");
    }
    assert!(
        pages
            .iter()
            .any(|p| p.starts_with("chi-tieu/hai-long-tthc/")),
        "the indicator's page: {pages:?}"
    );
    for other in [
        "bac-ninh/an-thinh/ke-hoach-2026/",
        "quang-tri/an-thinh/ke-hoach-2026/",
    ] {
        assert!(
            !pages.iter().any(|p| p.starts_with(other)),
            "{other} rendered: {pages:?}"
        );
    }
    let others = pages
        .iter()
        .filter(|p| p.contains("/ke-hoach") && !p.starts_with("quang-tri/dong-tien/"))
        .count();
    assert_eq!(others, 0, "other plans' pages rendered: {pages:?}");
    assert_eq!(target.deferred, [DEFERRED_OPEN_DATA]);
    assert_same_as_full_build(root);

    // A task: the plan and its area's pages, no other plan.
    let changed = edit(
        root,
        plan,
        "Rà soát thủ tục hành chính",
        "Rà soát, đơn giản hóa thủ tục hành chính",
    );
    let task = preview.rebuild(&options, None, Some(&changed)).unwrap();
    let pages = rendered(&task);
    assert!(pages.contains(&"quang-tri/dong-tien/ke-hoach-2026/index.html"));
    assert!(
        pages.iter().any(|p| p.starts_with("linh-vuc/")),
        "the area's page: {pages:?}"
    );
    assert!(
        !pages
            .iter()
            .any(|p| p.starts_with("bac-ninh/an-thinh/ke-hoach"))
    );
    assert_same_as_full_build(root);
}

#[test]
fn an_error_and_its_fix_report_what_check_reports() {
    let portal = portal();
    let root = portal.path();
    let options = options(root, "preview");
    let mut preview = Preview::default();
    preview.rebuild(&options, None, None).unwrap();

    let plan = "content/vinh-long/hoa-binh/ke-hoach-2026.md";
    let changed = edit(
        root,
        plan,
        "indicator: hai-long-tthc",
        "indicator: hai-long-khong-co",
    );
    let Err(Error::Invalid(errors)) = preview.rebuild(&options, None, Some(&changed)) else {
        panic!("an unknown indicator is an error");
    };
    let check = planportal::check_with(&options, None);
    let expected: Vec<_> = check
        .diagnostics
        .into_iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(errors, expected);

    let changed = edit(
        root,
        plan,
        "indicator: hai-long-khong-co",
        "indicator: hai-long-tthc",
    );
    let fixed = preview.rebuild(&options, None, Some(&changed)).unwrap();
    let check = planportal::check_with(&options, None);
    assert!(!check.has_errors());
    assert_eq!(fixed.warnings, check.diagnostics);
    assert_same_as_full_build(root);

    // An edit in the fast path keeps reporting the warnings check reports.
    let changed = edit(root, plan, "Mức độ hài lòng", "Mức độ hài lòng chung");
    let again = preview.rebuild(&options, None, Some(&changed)).unwrap();
    assert_eq!(
        rendered(&again),
        ["vinh-long/hoa-binh/ke-hoach-2026/index.html"]
    );
    assert_eq!(
        again.warnings,
        planportal::check_with(&options, None).diagnostics
    );
    assert_same_as_full_build(root);
}

/// 3 provinces × 70 communes, each with the small plan: its indicator has more targets than fit
/// on a page (an overview and a page per province) and its area's rows fill three pages.
fn crowded_portal() -> TempDir {
    let dir = portal_without_content();
    let root = dir.path();
    for (province, name) in PROVINCES {
        write(
            root,
            &format!("content/{province}/_index.md"),
            &format!("---\nname: {name}\nkind: tinh\n---\n"),
        );
        for commune in 0..70 {
            let folder = format!("content/{province}/xa-{commune:03}");
            write(
                root,
                &format!("{folder}/_index.md"),
                &format!("---\nname: Số {commune} {name}\nkind: xa\n---\n"),
            );
            write(
                root,
                &format!("{folder}/ke-hoach-2026.md"),
                common::SMALL_PLAN,
            );
        }
    }
    dir
}

/// The rendered pages under `prefix`.
fn under<'a>(pages: &[&'a str], prefix: &str) -> Vec<&'a str> {
    pages
        .iter()
        .copied()
        .filter(|p| p.starts_with(prefix))
        .collect()
}

#[test]
fn at_national_scale_an_edit_renders_only_the_indicator_and_area_pages_listing_its_commune() {
    let portal = crowded_portal();
    let root = portal.path();
    let options = options(root, "preview");
    let mut preview = Preview::default();
    preview.rebuild(&options, None, None).unwrap();
    let area_pages = fs::read_dir(root.join("preview/linh-vuc/thu-tuc-hanh-chinh"))
        .unwrap()
        .filter(|entry| entry.as_ref().unwrap().file_name() != "index.html")
        .count();
    assert_eq!(
        area_pages, 2,
        "the area has three pages (trang-2/, trang-3/)"
    );
    assert!(
        root.join("preview/chi-tieu/hai-long-tthc/vinh-long/index.html")
            .is_file()
    );

    // A task of a commune on the area's first page: that page only, no indicator page.
    let plan = "content/bac-ninh/xa-005/ke-hoach-2026.md";
    let changed = edit(
        root,
        plan,
        "Rà soát thủ tục",
        "Rà soát, đơn giản hóa thủ tục",
    );
    let task = preview.rebuild(&options, None, Some(&changed)).unwrap();
    let pages = rendered(&task);
    assert_eq!(
        under(&pages, "linh-vuc/"),
        [
            "linh-vuc/index.html",
            "linh-vuc/thu-tuc-hanh-chinh/index.html"
        ]
    );
    assert_eq!(under(&pages, "chi-tieu/"), ["chi-tieu/index.html"]);
    assert_eq!(
        under(&pages, "bac-ninh/"),
        [
            "bac-ninh/index.html",
            "bac-ninh/xa-005/index.html",
            "bac-ninh/xa-005/ke-hoach-2026/index.html"
        ]
    );
    assert_eq!(
        under(&pages, "quang-tri/").len() + under(&pages, "vinh-long/").len(),
        0
    );
    assert!(!pages.contains(&"atom.xml") && !pages.contains(&"sitemap.xml"));
    assert_reindexed(root, &task, "don gian hoa");
    assert_same_as_full_build(root);

    // A target's value in the last province: the indicator's overview and that province's page,
    // and the one area page listing the commune.
    let plan = "content/vinh-long/xa-060/ke-hoach-2026.md";
    let changed = edit(root, plan, "value: 95", "value: 91");
    let target = preview.rebuild(&options, None, Some(&changed)).unwrap();
    let pages = rendered(&target);
    assert_eq!(
        under(&pages, "chi-tieu/"),
        [
            "chi-tieu/hai-long-tthc/index.html",
            "chi-tieu/hai-long-tthc/vinh-long/index.html",
            "chi-tieu/index.html"
        ]
    );
    assert_eq!(
        under(&pages, "linh-vuc/"),
        [
            "linh-vuc/index.html",
            "linh-vuc/thu-tuc-hanh-chinh/trang-3/index.html"
        ]
    );
    assert_same_as_full_build(root);

    // One more task moves where the area's pages are cut: all of them, and the feed that
    // counts tasks.
    let changed = edit(
        root,
        "content/bac-ninh/xa-000/ke-hoach-2026.md",
        "tasks:\n",
        "tasks:\n  - no: \"0\"\n    area: thu-tuc-hanh-chinh\n    content: Niêm yết thủ tục\n",
    );
    let more = preview.rebuild(&options, None, Some(&changed)).unwrap();
    let pages = rendered(&more);
    assert_eq!(under(&pages, "linh-vuc/thu-tuc-hanh-chinh/").len(), 3);
    assert!(pages.contains(&"atom.xml"), "{pages:?}");
    assert_same_as_full_build(root);
}
