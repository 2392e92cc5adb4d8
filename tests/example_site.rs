//! Builds the bundled example portal (the four real plans) and checks what citizens get: every
//! commitment on its plan and indicator pages, links that resolve (also under a sub-path), paths
//! that stay inside the output, and byte-identical rebuilds.

mod common;

use common::{Built, SourcePlan, build_example, repo_root, sel, source_plans, text_of};
use scraper::Html;
use serde_yaml::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::PathBuf;

fn targets(plan: &SourcePlan) -> Vec<&Value> {
    plan.front_matter["targets"]
        .as_sequence()
        .map(|s| s.iter().collect())
        .unwrap_or_default()
}

/// The number in a value cell such as "tối thiểu 95%" or "đạt cấp độ 3".
fn number_in(text: &str) -> f64 {
    let digits: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .collect();
    digits
        .replace(',', ".")
        .parse()
        .unwrap_or_else(|_| panic!("no number in {text:?}"))
}

/// The `href` of the first element matching `selector` inside `element`.
fn href(element: scraper::ElementRef<'_>, selector: &str) -> String {
    let link = element.select(&sel(selector)).next();
    let link = link.unwrap_or_else(|| panic!("{selector} in {}", element.html()));
    link.value()
        .attr("href")
        .expect("a link has an href")
        .to_string()
}

fn as_f64(value: &Value) -> f64 {
    value
        .as_f64()
        .or_else(|| value.as_i64().map(|v| v as f64))
        .unwrap()
}

#[test]
fn example_portal_publishes_all_four_real_plans() {
    let site = build_example(None);
    let plans = source_plans(&repo_root());
    assert_eq!(
        plans.len(),
        4,
        "the four seed plans are the example content"
    );
    assert_eq!(site.summary.plans, 4);
    let expected_targets: usize = plans.iter().map(|p| targets(p).len()).sum();
    assert!(
        expected_targets > 40,
        "the seeds hold well over 40 targets, found {expected_targets}"
    );
    assert_eq!(site.summary.targets, expected_targets);

    for plan in &plans {
        let page = site.html(&format!("{}index.html", plan.path));
        let title = plan.front_matter["title"].as_str().unwrap();
        let h1 = page
            .select(&sel("main h1"))
            .next()
            .expect("plan page has a h1");
        assert_eq!(text_of(h1), title);
        // Every heading of the source is a heading of the page, in order.
        let page_headings: Vec<String> = page
            .select(&sel(
                ".prose h2, .prose h3, .prose h4, .prose h5, .prose h6",
            ))
            .map(text_of)
            .collect();
        let source_headings: Vec<String> = plan
            .body
            .lines()
            .filter(|line| line.starts_with("##"))
            .map(|line| {
                line.trim_start_matches('#')
                    .trim()
                    .replace("\\.", ".")
                    .replace('*', "")
            })
            .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        assert_eq!(page_headings, source_headings, "headings of {}", plan.path);
        // The last sentence of the plan is on the page: nothing was cut.
        let prose = text_of(page.select(&sel(".prose")).next().unwrap());
        let last_line = plan
            .body
            .lines()
            .rev()
            .find(|l| l.trim().len() > 3)
            .unwrap();
        let last_words: String = last_line
            .trim_start_matches(['-', '*', ' ', '#'])
            .split_whitespace()
            .take(6)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            prose.contains(&last_words),
            "{} ends with {last_words:?}",
            plan.path
        );
        // Every task row is published with an anchor.
        let tasks = plan.front_matter["tasks"]
            .as_sequence()
            .map_or(0, |t| t.len());
        let rows = page.select(&sel("table.tasks tbody tr")).count();
        assert_eq!(rows, tasks, "task rows of {}", plan.path);
        for index in 1..=tasks {
            assert!(
                page.select(&sel(&format!("tr#nhiem-vu-{index}")))
                    .next()
                    .is_some()
            );
        }
    }
}

#[test]
fn every_target_appears_on_its_plan_page_and_its_indicator_page() {
    let site = build_example(None);
    for plan in source_plans(&repo_root()) {
        let page = site.html(&format!("{}index.html", plan.path));
        for (index, target) in targets(&plan).into_iter().enumerate() {
            let indicator = target["indicator"].as_str().unwrap();
            let value = as_f64(&target["value"]);
            let year = target["year"].as_i64().unwrap();

            let row = page
                .select(&sel(&format!("table.targets tr#chi-tieu-{}", index + 1)))
                .next()
                .unwrap_or_else(|| panic!("{} target {} has a row", plan.path, index + 1));
            let link = row.select(&sel("a")).next().unwrap();
            assert_eq!(
                link.value().attr("href"),
                Some(format!("/chi-tieu/{indicator}/").as_str())
            );
            assert_eq!(
                number_in(&text_of(row.select(&sel("td.value")).next().unwrap())),
                value
            );
            assert!(text_of(row).contains(&year.to_string()));
            // The "see in the text" link points at an element that exists on the page.
            let source_link = row
                .select(&sel("td.quote a"))
                .next()
                .unwrap()
                .value()
                .attr("href")
                .unwrap();
            let fragment = source_link.split_once('#').unwrap().1;
            assert!(
                page.select(&sel(&format!("[id='{fragment}']")))
                    .next()
                    .is_some(),
                "{source_link} resolves"
            );

            let indicator_page = site.html(&format!("chi-tieu/{indicator}/index.html"));
            let found = indicator_page
                .select(&sel("table.targets tbody tr"))
                .any(|row| {
                    let commune = href(row, "th a");
                    let plan_link = href(row, "td.quote a");
                    let cell = text_of(row.select(&sel("td.value")).next().unwrap());
                    commune == format!("/{}", plan.commune_path)
                        && plan_link.starts_with(&format!("/{}", plan.path))
                        && number_in(&cell) == value
                        && text_of(row).contains(&year.to_string())
                });
            assert!(
                found,
                "{indicator} page lists {} {value} ({year})",
                plan.path
            );
        }
    }
}

#[test]
fn satisfaction_indicator_compares_every_commune_with_the_national_target() {
    let site = build_example(None);
    let page = site.html("chi-tieu/hai-long-tthc/index.html");
    let committed: BTreeSet<String> = source_plans(&repo_root())
        .iter()
        .filter(|p| {
            targets(p)
                .iter()
                .any(|t| t["indicator"].as_str() == Some("hai-long-tthc"))
        })
        .map(|p| format!("/{}", p.commune_path))
        .collect();
    assert!(
        committed.len() >= 3,
        "several communes commit to satisfaction"
    );
    let rows: Vec<_> = page.select(&sel("table.targets tbody tr")).collect();
    let listed: BTreeSet<String> = rows.iter().map(|row| href(*row, "th a")).collect();
    assert_eq!(listed, committed);
    // Sorted by value, best first.
    let values: Vec<f64> = rows
        .iter()
        .map(|r| number_in(&text_of(r.select(&sel("td.value")).next().unwrap())))
        .collect();
    assert!(
        values.windows(2).all(|w| w[0] >= w[1]),
        "sorted by value: {values:?}"
    );
    // The national reference: 95% by 2030 from Quyết định 282/QĐ-TTg.
    let facts = text_of(page.select(&sel("dl.facts")).next().unwrap());
    assert!(facts.contains("tối thiểu 95% vào năm 2030"), "{facts}");
    assert!(facts.contains("282/QĐ-TTg"));
    // The chart: one bar per commitment, the national line, an accessible name and description.
    let svg = page
        .select(&sel("svg.chart"))
        .next()
        .expect("inline SVG chart");
    assert_eq!(svg.value().attr("role"), Some("img"));
    assert_eq!(svg.select(&sel("rect")).count(), rows.len());
    assert!(svg.select(&sel("g.reference line")).next().is_some());
    let desc = text_of(svg.select(&sel("desc")).next().unwrap());
    assert!(desc.contains("Quốc gia 2030: 95%"), "{desc}");
}

#[test]
fn blank_source_fields_are_shown_as_blank_not_invented() {
    let site = build_example(None);
    let nam_an_phu = site.html("hai-phong/nam-an-phu/ke-hoach-cchc-2026/index.html");
    let facts = text_of(nam_an_phu.select(&sel("dl.facts")).next().unwrap());
    assert!(
        facts.contains("Số ký hiệu Văn bản nguồn để trống"),
        "{facts}"
    );
    let loc_tan = site.html("loc-tan/index.html");
    let facts = text_of(loc_tan.select(&sel("dl.facts")).next().unwrap());
    assert!(
        facts.contains("Tỉnh, thành phố Văn bản nguồn không ghi"),
        "{facts}"
    );
    let tue_tinh = site.html("hai-phong/tue-tinh/ke-hoach-cchc-trong-tam-2026-2030/index.html");
    let facts = text_of(tue_tinh.select(&sel("dl.facts")).next().unwrap());
    assert!(
        facts.contains("364/QĐ-UBND")
            && facts.contains("24/04/2026")
            && facts.contains("586/QĐ-UBND"),
        "{facts}"
    );
}

/// Every `href`/`src` of every HTML page, with the page it is on.
fn internal_links(site: &Built, base: &str) -> Vec<(String, String)> {
    let mut links = Vec::new();
    for entry in walkdir::WalkDir::new(&site.out) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let page = entry
            .path()
            .strip_prefix(&site.out)
            .unwrap()
            .to_string_lossy()
            .to_string();
        let html = Html::parse_document(&fs::read_to_string(entry.path()).unwrap());
        for element in html.select(&sel("[href], [src]")) {
            let target = element
                .value()
                .attr("href")
                .or(element.value().attr("src"))
                .unwrap();
            if target.starts_with("mailto:") || target.starts_with("tel:") {
                continue;
            }
            if let Some(rest) = target.strip_prefix("https://cchc.example.gov.vn") {
                links.push((page.clone(), rest.to_string()));
            } else if target.starts_with("http") {
                continue;
            } else {
                links.push((page.clone(), target.to_string()));
            }
        }
    }
    assert!(links.len() > 100, "the site has many links");
    let _ = base;
    links
}

/// Asserts every internal link of a site resolves to a file (and its fragment to an id).
fn check_links(site: &Built, base: &str) {
    let mut broken = Vec::new();
    let mut documents: BTreeMap<PathBuf, Html> = BTreeMap::new();
    for (page, link) in internal_links(site, base) {
        let (path, fragment) = link
            .split_once('#')
            .map_or((link.as_str(), None), |(p, f)| (p, Some(f)));
        let file: PathBuf = if path.is_empty() {
            PathBuf::from(&page)
        } else {
            let Some(inside) = path.strip_prefix(base) else {
                broken.push(format!("{page}: {link} does not start with {base}"));
                continue;
            };
            let inside = if inside.is_empty() || inside.ends_with('/') {
                format!("{inside}index.html")
            } else {
                inside.to_string()
            };
            PathBuf::from(inside)
        };
        if !site.out.join(&file).is_file() {
            broken.push(format!("{page}: {link} → missing {}", file.display()));
            continue;
        }
        if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
            let document = documents.entry(file.clone()).or_insert_with(|| {
                Html::parse_document(&fs::read_to_string(site.out.join(&file)).unwrap())
            });
            if document
                .select(&sel(&format!("[id='{fragment}']")))
                .next()
                .is_none()
            {
                broken.push(format!("{page}: {link} → no id {fragment}"));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn every_internal_link_resolves() {
    check_links(&build_example(None), "/");
}

#[test]
fn every_internal_link_resolves_under_a_sub_path() {
    let site = build_example(Some("https://cchc.example.gov.vn/xa/cchc/"));
    check_links(&site, "/xa/cchc/");
    let sitemap = site.text("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://cchc.example.gov.vn/xa/cchc/chi-tieu/hai-long-tthc/</loc>")
    );
    let feed = site.text("atom.xml");
    assert_eq!(feed.matches("<entry>").count(), 4);
    assert!(feed.contains("href=\"https://cchc.example.gov.vn/xa/cchc/hai-phong/tue-tinh/"));
}

#[test]
fn output_stays_inside_the_output_directory() {
    let site = build_example(None);
    let root = site.out.canonicalize().unwrap();
    let mut files = 0;
    for entry in walkdir::WalkDir::new(&site.out) {
        let entry = entry.unwrap();
        assert!(
            !entry.path_is_symlink(),
            "{} is a symlink",
            entry.path().display()
        );
        assert!(entry.path().canonicalize().unwrap().starts_with(&root));
        if entry.file_type().is_file() {
            files += 1;
        }
    }
    assert_eq!(files, site.summary.files);
    // Nothing was left beside the output (no staging or previous copies), but its lock file.
    let mut siblings: Vec<_> = fs::read_dir(site.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    siblings.sort();
    assert_eq!(siblings, [".public.lock", "public"]);
}

#[test]
fn two_builds_are_byte_identical() {
    let first = build_example(None);
    let second = build_example(None);
    let (a, b) = (common::snapshot(&first.out), common::snapshot(&second.out));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(
            bytes == &b[path],
            "{} differs between builds",
            path.display()
        );
    }
}

#[test]
fn rebuilding_over_a_previous_output_replaces_it_whole() {
    let site = build_example(None);
    fs::write(site.out.join("stale.html"), "old").unwrap();
    common::try_build(&repo_root(), &site.out).unwrap();
    assert!(
        !site.out.join("stale.html").exists(),
        "files of the old output do not linger"
    );
    assert!(site.out.join("index.html").exists());
}

#[test]
fn published_text_is_nfc() {
    use unicode_normalization::is_nfc;
    let site = build_example(None);
    for (path, bytes) in common::snapshot(&site.out) {
        // The vendored web editor is third-party code, published byte for byte.
        if path.starts_with("assets/decap-cms") {
            continue;
        }
        if let Ok(text) = String::from_utf8(bytes) {
            assert!(is_nfc(&text), "{} is not NFC", path.display());
        }
    }
}
