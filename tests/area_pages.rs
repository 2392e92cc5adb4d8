//! Area pages (`linh-vuc/<id>/`): within each commune, tasks are grouped under one heading per
//! lead office and show their parsed deadline as `<time datetime>`, checked against the content
//! files themselves.

mod common;

use common::{Built, build_example, build_portal, sel, small_portal, text_of, write};
use scraper::{ElementRef, Html};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// A task as the content files say.
#[derive(Debug, Clone)]
struct SourceTask {
    area: String,
    lead: Option<String>,
    due: Option<String>,
}

/// Every published task of the portal at `root`, by its address on the plan page
/// (`hai-phong/nam-an-phu/ke-hoach-cchc-2026/#nhiem-vu-3`).
fn source_tasks(root: &Path) -> BTreeMap<String, SourceTask> {
    let content = root.join("content");
    let mut tasks = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&content) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "md") || path.file_stem().unwrap() == "_index" {
            continue;
        }
        let text = fs::read_to_string(path).unwrap().replace("\r\n", "\n");
        let text = text.trim_start_matches('\u{feff}');
        let yaml = text
            .strip_prefix("---\n")
            .and_then(|rest| rest.split("\n---").next())
            .unwrap_or_else(|| panic!("front matter of {}", path.display()));
        let meta: serde_yaml::Value = serde_yaml::from_str(yaml).unwrap();
        if meta["status"].as_str() == Some("du-thao") {
            continue;
        }
        let relative = path.strip_prefix(&content).unwrap().with_extension("");
        let plan_path: String = relative
            .components()
            .map(|c| format!("{}/", slug::slugify(c.as_os_str().to_str().unwrap())))
            .collect();
        let text_of = |v: &serde_yaml::Value| v.as_str().map(str::to_string);
        for (index, task) in meta["tasks"]
            .as_sequence()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            tasks.insert(
                format!("{plan_path}#nhiem-vu-{}", index + 1),
                SourceTask {
                    area: task["area"].as_str().unwrap().to_string(),
                    lead: text_of(&task["lead"]).filter(|l| !l.trim().is_empty()),
                    due: text_of(&task["due"]),
                },
            );
        }
    }
    tasks
}

/// Area ids of `data/areas.yaml`.
fn area_ids(root: &Path) -> Vec<String> {
    let areas: serde_yaml::Value =
        serde_yaml::from_str(&fs::read_to_string(root.join("data/areas.yaml")).unwrap()).unwrap();
    areas
        .as_sequence()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect()
}

/// Every page of one area: `linh-vuc/<id>/index.html`, then `trang-2/`…
fn area_pages(built: &Built, id: &str) -> Vec<Html> {
    let first = format!("linh-vuc/{id}/index.html");
    let mut pages = vec![built.html(&first)];
    for number in 2.. {
        let path = format!("linh-vuc/{id}/trang-{number}/index.html");
        if !built.out.join(&path).exists() {
            break;
        }
        pages.push(built.html(&path));
    }
    pages
}

/// How the test groups spellings of one office: case, spacing, dashes, tone marks and a final
/// "xã"/"phường" aside (the page may show any of the spellings in the heading).
fn office(name: &str) -> String {
    let folded: String = name
        .nfd()
        .filter(|c| !matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'))
        .map(|c| if matches!(c, '–' | '—') { '-' } else { c })
        .collect::<String>()
        .nfc()
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" -", "-")
        .replace("- ", "-");
    for suffix in [" xa", " phường", " phương"] {
        if let Some(stripped) = folded.strip_suffix(suffix) {
            return stripped.to_string();
        }
    }
    folded
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What the due cell says: its kind and the `datetime` of each `<time>`.
#[derive(Debug)]
struct DueCell {
    kind: Option<String>,
    times: Vec<String>,
    text: String,
    recurring_class: bool,
}

fn due_cell(row: ElementRef<'_>) -> DueCell {
    let cell = row
        .select(&sel(r#"td[data-label="Thời gian"]"#))
        .next()
        .expect("a Thời gian cell");
    let due = cell.select(&sel(".due")).next();
    DueCell {
        kind: due.and_then(|d| d.value().attr("data-due-kind").map(str::to_string)),
        times: cell
            .select(&sel("time"))
            .map(|t| t.value().attr("datetime").unwrap().to_string())
            .collect(),
        text: text_of(cell),
        recurring_class: due.is_some_and(|d| d.value().classes().any(|c| c == "due-recurring")),
    }
}

/// What the page must show for a due written this way: the kind and the `<time datetime>`s.
fn expected_due(text: &str) -> Option<(&'static str, Vec<&'static str>)> {
    Some(match text {
        "Trước ngày 15/01/2026" => ("before", vec!["2026-01-15"]),
        "Quý I/2026" | "Quý I năm 2026" | "Quý 1/2026" => {
            ("period", vec!["2026-01-01", "2026-03-31"])
        }
        "Quý IV/2026" => ("period", vec!["2026-10-01", "2026-12-31"]),
        "Quý IV /2025 và Quý I/2026" => ("period", vec!["2025-10-01", "2026-03-31"]),
        "Tháng 7-9/2026" => ("period", vec!["2026-07-01", "2026-09-30"]),
        "Tháng 10/2026" => ("period", vec!["2026-10-01", "2026-10-31"]),
        "Tháng 01/2026 đến tháng 5/2026" => ("period", vec!["2026-01-01", "2026-05-31"]),
        "Cả năm 2026" => ("period", vec!["2026-01-01", "2026-12-31"]),
        "Thường xuyên" | "Hàng năm" | "Tháng 10 hàng năm" => ("recurring", vec![]),
        "Tháng 11" | "Theo hướng dẫn của tỉnh" | "Khi thành phố tổ chức" => {
            ("as-written", vec![])
        }
        _ => return None,
    })
}

#[test]
fn area_pages_group_each_communes_tasks_by_lead_office() {
    let built = build_example(None);
    let root = common::repo_root();
    let truth = source_tasks(&root);
    assert!(
        truth.len() > 100,
        "only {} tasks in the content",
        truth.len()
    );
    let mut checked_dues: BTreeMap<String, usize> = BTreeMap::new();

    for area in area_ids(&root) {
        let expected: BTreeSet<&String> = truth
            .iter()
            .filter(|(_, task)| task.area == area)
            .map(|(key, _)| key)
            .collect();
        let mut seen: BTreeSet<String> = BTreeSet::new();
        for page in area_pages(&built, &area) {
            for section in page.select(&sel("section.commune-section")) {
                let commune = section
                    .select(&sel("h3 a"))
                    .next()
                    .unwrap()
                    .value()
                    .attr("href")
                    .unwrap()
                    .trim_start_matches('/')
                    .to_string();
                // Tasks sit only inside a lead group.
                let all_rows = section.select(&sel("table.tasks tbody tr")).count();
                let mut grouped_rows = 0;
                let mut offices: Vec<(String, bool)> = Vec::new();
                for group in section.select(&sel("section.lead-group")) {
                    let heading = text_of(group.select(&sel("h4")).next().expect("a heading"));
                    let known = !group.value().classes().any(|c| c == "lead-unknown");
                    let office_name = heading
                        .strip_prefix("Chủ trì:")
                        .map(str::trim)
                        .unwrap_or(&heading)
                        .to_string();
                    if !known {
                        assert_eq!(heading, "Chưa ghi cơ quan chủ trì");
                    }
                    offices.push((office_name.clone(), known));
                    let mut ends: Vec<Option<String>> = Vec::new();
                    for row in group.select(&sel("table.tasks tbody tr")) {
                        grouped_rows += 1;
                        let key = row
                            .select(&sel("p.source a"))
                            .next()
                            .expect("a link to the plan")
                            .value()
                            .attr("href")
                            .unwrap()
                            .trim_start_matches('/')
                            .to_string();
                        let task = truth
                            .get(&key)
                            .unwrap_or_else(|| panic!("{key} on {area} is not a task"));
                        assert_eq!(task.area, area, "{key} is not in area {area}");
                        assert!(key.starts_with(&commune), "{key} outside {commune}");
                        assert!(seen.insert(key.clone()), "{key} shown twice on {area}");
                        let lead_cell = text_of(
                            row.select(&sel(r#"td[data-label="Chủ trì"]"#))
                                .next()
                                .unwrap(),
                        );
                        match &task.lead {
                            Some(lead) => {
                                assert!(known, "{key} (lead {lead}) under “{heading}”");
                                assert_eq!(
                                    office(lead),
                                    office(&office_name),
                                    "{key} (lead {lead}) under “{heading}”"
                                );
                                assert_eq!(lead_cell, collapse(lead), "lead as written");
                            }
                            None => assert!(!known, "{key} has no lead but is under {heading}"),
                        }
                        let cell = due_cell(row);
                        if let Some(due) = &task.due {
                            assert!(
                                cell.text.contains(&collapse(due)),
                                "{key}: “{due}” kept visible in “{}”",
                                cell.text
                            );
                            if let Some((kind, times)) = expected_due(due) {
                                assert_eq!(cell.kind.as_deref(), Some(kind), "{key}: {due}");
                                assert_eq!(cell.times, times, "{key}: {due}");
                                assert_eq!(cell.recurring_class, kind == "recurring", "{due}");
                                *checked_dues.entry(due.clone()).or_default() += 1;
                            }
                        } else {
                            assert!(cell.text.is_empty() && cell.kind.is_none(), "{key}");
                        }
                        ends.push(cell.times.last().cloned());
                    }
                    // By deadline, undated last.
                    let mut sorted = ends.clone();
                    sorted.sort_by_key(|end| (end.is_none(), end.clone()));
                    assert_eq!(ends, sorted, "tasks of “{heading}” on {area} by deadline");
                }
                assert_eq!(
                    grouped_rows, all_rows,
                    "every task of {commune} in a lead group"
                );
                // One heading per office; the unnamed group last.
                let keys: BTreeSet<String> = offices.iter().map(|(o, _)| office(o)).collect();
                assert_eq!(
                    keys.len(),
                    offices.len(),
                    "one heading per office: {offices:?}"
                );
                if let Some(position) = offices.iter().position(|(_, known)| !known) {
                    assert_eq!(position, offices.len() - 1, "{offices:?}");
                }
            }
        }
        let seen: BTreeSet<&String> = seen.iter().collect();
        assert_eq!(seen, expected, "tasks of area {area}");
    }
    for due in [
        "Trước ngày 15/01/2026",
        "Quý I/2026",
        "Tháng 7-9/2026",
        "Thường xuyên",
    ] {
        assert!(
            checked_dues.get(due).is_some_and(|&n| n > 0),
            "“{due}” not found on any area page: {checked_dues:?}"
        );
    }
}

#[test]
fn offices_are_sorted_and_undated_tasks_come_last() {
    let dir = small_portal();
    let root = dir.path();
    write(
        root,
        "content/hai-phong/tue-tinh/ke-hoach-2026.md",
        "---
title: Kế hoạch cải cách hành chính năm 2026
kind: ke-hoach
period: {from: 2026, to: 2026}
status: hieu-luc
tasks:
  - {no: '1', area: thu-tuc-hanh-chinh, content: Nhiệm vụ một, lead: Văn phòng HĐND và UBND, due: Thường xuyên}
  - {no: '2', area: thu-tuc-hanh-chinh, content: Nhiệm vụ hai, due: Quý II/2026}
  - {no: '3', area: thu-tuc-hanh-chinh, content: Nhiệm vụ ba, lead: Văn phòng HĐND và UBND, due: Trước ngày 31/3/2026}
  - {no: '4', area: thu-tuc-hanh-chinh, content: Nhiệm vụ bốn, lead: Công an xã, due: Theo hướng dẫn của tỉnh}
  - {no: '5', area: thu-tuc-hanh-chinh, content: Nhiệm vụ năm, lead: Văn phòng HĐND và UBND xã, due: Quý I/2026}
  - {no: '6', area: thu-tuc-hanh-chinh, content: Nhiệm vụ sáu, lead: Công an xã, due: 6 tháng đầu năm 2026}
  - {no: '7', area: thu-tuc-hanh-chinh, content: Nhiệm vụ bảy, lead: Ban Chỉ huy quân sự, due: 31/02/2026}
  - {no: '8', area: thu-tuc-hanh-chinh, content: Nhiệm vụ tám, lead: '  ', due: Hằng năm}
---

Nội dung.
",
    );
    let built = build_portal(root, None);
    let page = built.html("linh-vuc/thu-tuc-hanh-chinh/index.html");
    let groups: Vec<(String, Vec<String>, Vec<Vec<String>>)> = page
        .select(&sel("section.lead-group"))
        .map(|group| {
            let rows: Vec<ElementRef> = group.select(&sel("table.tasks tbody tr")).collect();
            (
                text_of(group.select(&sel("h4")).next().unwrap()),
                rows.iter()
                    .map(|r| text_of(r.select(&sel(r#"td[data-label="TT"]"#)).next().unwrap()))
                    .collect(),
                rows.iter().map(|&r| due_cell(r).times).collect(),
            )
        })
        .collect();
    let headings: Vec<&str> = groups.iter().map(|(h, _, _)| h.as_str()).collect();
    assert_eq!(
        headings,
        [
            "Chủ trì: Ban Chỉ huy quân sự",
            "Chủ trì: Công an xã",
            "Chủ trì: Văn phòng HĐND và UBND",
            "Chưa ghi cơ quan chủ trì",
        ]
    );
    let numbers: Vec<Vec<&str>> = groups
        .iter()
        .map(|(_, n, _)| n.iter().map(String::as_str).collect())
        .collect();
    assert_eq!(
        numbers,
        [
            vec!["7"],
            vec!["6", "4"],
            vec!["3", "5", "1"],
            vec!["2", "8"]
        ]
    );
    // An impossible date is kept as written, never shown as a date.
    assert_eq!(groups[0].2, [Vec::<String>::new()]);
    assert_eq!(
        groups[1].2,
        [
            vec!["2026-01-01".to_string(), "2026-06-30".to_string()],
            vec![]
        ]
    );
    assert_eq!(groups[2].2[0], ["2026-03-31"]);
    // The recurring task says so to screen readers too.
    let recurring = page
        .select(&sel(".due-recurring"))
        .map(text_of)
        .collect::<Vec<_>>();
    assert_eq!(recurring.len(), 2, "{recurring:?}");
    assert!(
        recurring.iter().all(|t| t.contains("lặp lại")),
        "{recurring:?}"
    );
    assert!(recurring.iter().any(|t| t.contains("Thường xuyên")));
    // The period's meaning for screen readers.
    let period = page
        .select(&sel(r#".due[data-due-kind="period"]"#))
        .map(text_of)
        .find(|t| t.starts_with("Quý II/2026"))
        .expect("Quý II/2026 shown as written");
    assert!(period.contains("từ 01/04/2026 đến 30/06/2026"), "{period}");
}
