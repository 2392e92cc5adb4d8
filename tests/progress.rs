//! Progress on indicator and commune pages: computed from reports (`kind: bao-cao`), shown as
//! "đạt", "chưa đạt" or "chưa có số liệu", and the indicator chart drawn to scale.

mod common;

use common::{SMALL_PLAN, build_example, build_portal, sel, small_portal, text_of, write};
use scraper::Html;

/// The small portal with a second target (missed) and a report of 2026 results.
fn portal_with_report() -> tempfile::TempDir {
    let portal = small_portal();
    let plan = SMALL_PLAN.replace(
        "tasks:\n",
        "  - indicator: giai-quyet-dung-han\n    value: 98\n    op: \">=\"\n    year: 2026\n  - indicator: ho-so-truc-tuyen\n    value: 60\n    year: 2026\ntasks:\n",
    );
    write(
        portal.path(),
        "content/hai-phong/tue-tinh/ke-hoach-2026.md",
        &plan,
    );
    let report =
        std::fs::read_to_string(common::repo_root().join("tests/fixtures/bao-cao-2026.md"))
            .unwrap();
    write(
        portal.path(),
        "content/hai-phong/tue-tinh/bao-cao-2026.md",
        &report,
    );
    portal
}

/// (indicator link text, status, achieved text) of each row of the first target table.
fn progress_rows(page: &Html) -> Vec<(String, String, String)> {
    page.select(&sel("table.targets tbody tr"))
        .map(|row| {
            let cell = row
                .select(&sel("td[data-label='Tiến độ']"))
                .next()
                .expect("a progress cell");
            let status = text_of(cell.select(&sel(".tien-do")).next().unwrap());
            let achieved = cell
                .select(&sel(".small"))
                .next()
                .map(text_of)
                .unwrap_or_default();
            let indicator = row
                .select(&sel("td[data-label='Chỉ tiêu'] a"))
                .next()
                .map(text_of)
                .unwrap_or_default();
            (indicator, status, achieved)
        })
        .collect()
}

#[test]
fn reported_values_decide_the_status_of_each_target() {
    let site = build_portal(portal_with_report().path(), None);
    let commune = site.html("hai-phong/tue-tinh/index.html");
    let rows = progress_rows(&commune);
    let find = |name: &str| {
        rows.iter()
            .find(|r| r.0 == name)
            .unwrap_or_else(|| panic!("{name} in {rows:?}"))
            .clone()
    };
    // 96.5 ≥ 95: met; 97 < 98: missed; nothing reported for online dossiers.
    let satisfaction = find("Hài lòng về giải quyết TTHC");
    assert_eq!(satisfaction.1, "đạt");
    assert!(
        satisfaction.2.contains("96,5%") && satisfaction.2.contains("2026"),
        "{satisfaction:?}"
    );
    assert_eq!(find("Hồ sơ giải quyết đúng hạn").1, "chưa đạt");
    assert_eq!(find("Hồ sơ nộp trực tuyến").1, "chưa có số liệu");
    let summary = text_of(commune.select(&sel("#chi-tieu + p")).next().unwrap());
    assert!(
        summary.contains("1 đạt, 1 chưa đạt, 1 chưa có số liệu"),
        "{summary}"
    );
    // The report is linked from the achieved value.
    let link = commune
        .select(&sel("td[data-label='Tiến độ'] a"))
        .next()
        .unwrap();
    assert_eq!(
        link.value().attr("href"),
        Some("/hai-phong/tue-tinh/bao-cao-2026/")
    );

    let indicator = site.html("chi-tieu/hai-long-tthc/index.html");
    let statuses: Vec<String> = indicator
        .select(&sel("table.targets .tien-do"))
        .map(text_of)
        .collect();
    assert_eq!(statuses, ["đạt"]);
}

#[test]
fn results_outside_a_report_are_refused() {
    let portal = small_portal();
    let plan = SMALL_PLAN.replace(
        "tasks:\n",
        "results:\n  - indicator: hai-long-tthc\n    value: 90\n    year: 2026\ntasks:\n",
    );
    write(
        portal.path(),
        "content/hai-phong/tue-tinh/ke-hoach-2026.md",
        &plan,
    );
    let out = portal.path().join("out");
    let problems = common::try_build(portal.path(), &out).unwrap_err();
    assert!(
        problems.iter().any(|p| p.code == "results-outside-report"),
        "{problems:?}"
    );
}

#[test]
fn the_example_portal_honestly_has_no_achieved_values() {
    let site = build_example(None);
    for entry in std::fs::read_dir(site.out.join("chi-tieu")).unwrap() {
        let entry = entry.unwrap();
        if !entry.path().is_dir() {
            continue;
        }
        let page = site.html(&format!(
            "chi-tieu/{}/index.html",
            entry.file_name().to_string_lossy()
        ));
        for status in page.select(&sel(".tien-do")) {
            assert_eq!(text_of(status), "chưa có số liệu");
        }
    }
}

/// A numeric SVG attribute.
fn number(element: scraper::ElementRef<'_>, attribute: &str) -> f64 {
    element.value().attr(attribute).unwrap().parse().unwrap()
}

#[test]
fn every_indicator_chart_has_one_bar_per_commitment_and_the_national_line_to_scale() {
    let site = build_example(None);
    let mut checked_national = 0;
    for entry in std::fs::read_dir(site.out.join("chi-tieu")).unwrap() {
        let entry = entry.unwrap();
        if !entry.path().is_dir() {
            continue;
        }
        let page = site.html(&format!(
            "chi-tieu/{}/index.html",
            entry.file_name().to_string_lossy()
        ));
        let rows: Vec<f64> = page
            .select(&sel("table.targets tbody tr td.value strong"))
            .map(|v| {
                let text = text_of(v);
                let digits: String = text
                    .chars()
                    .filter(|c| c.is_ascii_digit() || *c == ',')
                    .collect();
                digits.replace(',', ".").parse().unwrap()
            })
            .collect();
        let Some(svg) = page.select(&sel("svg.chart")).next() else {
            assert!(rows.is_empty(), "a chart whenever there are commitments");
            continue;
        };
        let bars: Vec<(f64, f64, f64)> = svg
            .select(&sel("g.bar"))
            .map(|bar| {
                let rect = bar.select(&sel("rect")).next().unwrap();
                (
                    number(bar, "data-value"),
                    number(rect, "x"),
                    number(rect, "width"),
                )
            })
            .collect();
        let values: Vec<f64> = bars.iter().map(|b| b.0).collect();
        assert_eq!(values, rows, "one bar per commitment, in table order");
        // Bars are drawn to one scale: width proportional to value.
        let (value, x0, width) = bars.iter().copied().find(|b| b.0 > 0.0).unwrap();
        let scale = width / value;
        for (v, _, w) in &bars {
            assert!(
                (w - v * scale).abs() < 0.2 || (*v == 0.0 && *w <= 1.0),
                "bar {v} has width {w}"
            );
        }
        if let Some(reference) = svg.select(&sel("g.reference")).next() {
            let line = reference.select(&sel("line")).next().unwrap();
            let national = number(reference, "data-value");
            assert!(
                (number(line, "x1") - (x0 + national * scale)).abs() < 0.2,
                "national line at {national}"
            );
            checked_national += 1;
        }
    }
    assert!(
        checked_national >= 3,
        "indicators with a national target have the line"
    );
}
