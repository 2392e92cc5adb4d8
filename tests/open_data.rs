//! Open data (`du-lieu/`): builds the example portal and a portal with a report, reads the CSV and
//! JSON files back (csv crate, serde_json) and checks them against the plans' front matter read
//! independently; validates `datapackage.json` with the Frictionless validator; checks the page.

mod common;

use common::{
    Built, SMALL_PLAN, SourcePlan, build_example, build_portal, repo_root, sel, small_portal,
    source_plans, write,
};
use scraper::Html;
use serde_json::Value as Json;
use serde_yaml::Value as Yaml;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::process::Command;
use unicode_normalization::UnicodeNormalization;

/// The columns of each table, in order: the published contract.
const TARGET_COLUMNS: &[&str] = &[
    "id",
    "commune_name",
    "commune_path",
    "province",
    "plan_title",
    "plan_number",
    "plan_date",
    "plan_url",
    "indicator_id",
    "indicator_name",
    "unit",
    "comparator",
    "value",
    "from",
    "year",
    "quote",
    "national_comparator",
    "national_value",
    "national_year",
    "national_source",
    "status",
    "status_code",
    "achieved_value",
    "achieved_year",
    "achieved_result_id",
];
const RESULT_COLUMNS: &[&str] = &[
    "id",
    "commune_name",
    "commune_path",
    "province",
    "report_title",
    "report_number",
    "report_date",
    "report_url",
    "indicator_id",
    "indicator_name",
    "unit",
    "value",
    "from",
    "year",
    "quote",
];
const TASK_COLUMNS: &[&str] = &[
    "id",
    "commune_name",
    "commune_path",
    "province",
    "plan_title",
    "plan_number",
    "plan_date",
    "plan_url",
    "no",
    "area_id",
    "area_name",
    "objective",
    "duty",
    "content",
    "output",
    "lead",
    "partners",
    "due",
    "funding",
];

const SITE_URL: &str = "https://cchc.example.gov.vn/";

fn list<'a>(plan: &'a SourcePlan, key: &str) -> Vec<&'a Yaml> {
    plan.front_matter[key]
        .as_sequence()
        .map(|s| s.iter().collect())
        .unwrap_or_default()
}

/// A catalogue (`data/indicators.yaml`, `data/areas.yaml`) by id.
fn catalogue(root: &Path, file: &str) -> BTreeMap<String, Yaml> {
    let text = fs::read_to_string(root.join("data").join(file)).unwrap();
    // The list itself, or a mapping whose one key holds it (`indicators:`).
    let items = match serde_yaml::from_str(&text).unwrap() {
        Yaml::Mapping(mapping) => mapping.into_iter().next().unwrap().1,
        list => list,
    };
    let Yaml::Sequence(items) = items else {
        panic!("{file} should hold a list")
    };
    items
        .into_iter()
        .map(|item| (item["id"].as_str().unwrap().to_string(), item))
        .collect()
}

/// A scalar of the front matter as the open data writes it (empty when absent), NFC like the
/// published text.
fn text(value: &Yaml) -> String {
    match value {
        Yaml::Null => String::new(),
        Yaml::String(s) => s.nfc().collect(),
        Yaml::Number(n) => n.to_string(),
        Yaml::Bool(b) => b.to_string(),
        other => panic!("not a scalar: {other:?}"),
    }
}

fn number(value: &Yaml) -> f64 {
    value
        .as_f64()
        .or_else(|| value.as_i64().map(|v| v as f64))
        .unwrap_or_else(|| panic!("not a number: {value:?}"))
}

/// A CSV table: its header and its rows as column → text.
struct CsvTable {
    header: Vec<String>,
    rows: Vec<BTreeMap<String, String>>,
}

impl CsvTable {
    fn read(path: &Path) -> CsvTable {
        let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            !bytes.starts_with(&[0xEF, 0xBB, 0xBF]),
            "{} has no byte-order mark",
            path.display()
        );
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let header: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_string)
            .collect();
        let rows = reader
            .records()
            .map(|record| {
                let record = record.unwrap();
                assert_eq!(
                    record.len(),
                    header.len(),
                    "{}: one cell per column",
                    path.display()
                );
                header
                    .iter()
                    .cloned()
                    .zip(record.iter().map(str::to_string))
                    .collect()
            })
            .collect();
        CsvTable { header, rows }
    }

    /// The rows whose `id` is `id`.
    fn with_id(&self, id: &str) -> Vec<&BTreeMap<String, String>> {
        self.rows.iter().filter(|row| row["id"] == id).collect()
    }
}

/// A JSON table: the first element is the header, every other one a row.
struct JsonTable {
    header: Vec<String>,
    rows: Vec<BTreeMap<String, Json>>,
}

impl JsonTable {
    fn read(path: &Path) -> JsonTable {
        let value: Json = serde_json::from_slice(&fs::read(path).unwrap()).unwrap();
        let mut items = value.as_array().expect("an array").iter();
        let header: Vec<String> = items
            .next()
            .expect("a header row")
            .as_array()
            .unwrap()
            .iter()
            .map(|name| name.as_str().unwrap().to_string())
            .collect();
        let rows = items
            .map(|row| {
                let cells = row.as_array().expect("each row is an array");
                assert_eq!(
                    cells.len(),
                    header.len(),
                    "{}: one value per column",
                    path.display()
                );
                header.iter().cloned().zip(cells.iter().cloned()).collect()
            })
            .collect();
        JsonTable { header, rows }
    }
}

/// The CSV and JSON forms of a table hold the same header and the same rows, in the same order:
/// `null` is an empty cell, numbers are equal numbers, text is the same text.
fn assert_agree(site: &Built, name: &str, columns: &[&str]) -> CsvTable {
    let csv = CsvTable::read(&site.out.join(format!("du-lieu/{name}.csv")));
    let json = JsonTable::read(&site.out.join(format!("du-lieu/{name}.json")));
    assert_eq!(csv.header, columns, "header row of {name}.csv");
    assert_eq!(json.header, columns, "header row of {name}.json");
    assert_eq!(
        csv.rows.len(),
        json.rows.len(),
        "{name}: as many rows in CSV as in JSON"
    );
    for (c, j) in csv.rows.iter().zip(&json.rows) {
        for column in columns {
            let (text, value) = (&c[*column], &j[*column]);
            let agree = match value {
                Json::Null => text.is_empty(),
                Json::String(s) => s == text && !s.is_empty(),
                Json::Number(n) => text.parse::<f64>().ok() == n.as_f64(),
                other => panic!("{name}.json holds {other:?}"),
            };
            assert!(
                agree,
                "{name} {} {column}: CSV {text:?}, JSON {value}",
                c["id"]
            );
        }
    }
    let ids: BTreeSet<&str> = csv.rows.iter().map(|row| row["id"].as_str()).collect();
    assert_eq!(ids.len(), csv.rows.len(), "ids of {name} are unique");
    csv
}

/// The element a `plan_url` points at exists on the page it names.
fn assert_resolves(site: &Built, url: &str, pages: &mut BTreeMap<String, Html>) {
    let relative = url
        .strip_prefix(SITE_URL)
        .unwrap_or_else(|| panic!("{url} is absolute, under {SITE_URL}"));
    let (path, fragment) = relative.split_once('#').unwrap_or((relative, ""));
    let page = pages
        .entry(path.to_string())
        .or_insert_with(|| site.html(&format!("{path}index.html")));
    if !fragment.is_empty() {
        assert!(
            page.select(&sel(&format!("[id='{fragment}']")))
                .next()
                .is_some(),
            "{url} resolves"
        );
    }
}

#[test]
fn every_target_is_published_once_with_its_values_in_csv_json_and_its_indicator_file() {
    let site = build_example(None);
    let plans = source_plans(&repo_root());
    let indicators = catalogue(&repo_root(), "indicators.yaml");
    let targets = assert_agree(&site, "targets", TARGET_COLUMNS);
    let mut by_indicator: BTreeMap<String, CsvTable> = BTreeMap::new();
    let mut pages = BTreeMap::new();
    let mut expected = 0;
    for plan in &plans {
        for (index, target) in list(plan, "targets").into_iter().enumerate() {
            expected += 1;
            let id = format!("{}/chi-tieu-{}", plan.id, index + 1);
            let rows = targets.with_id(&id);
            assert_eq!(rows.len(), 1, "{id} appears exactly once in targets.csv");
            let row = rows[0];
            let indicator_id = target["indicator"].as_str().unwrap();
            let indicator = &indicators[indicator_id];
            assert_eq!(row["indicator_id"], indicator_id, "{id}");
            assert_eq!(row["indicator_name"], text(&indicator["name"]), "{id}");
            assert_eq!(row["unit"], text(&indicator["unit"]), "{id}");
            assert_eq!(
                row["value"].parse::<f64>().unwrap(),
                number(&target["value"]),
                "{id}"
            );
            assert_eq!(row["year"], text(&target["year"]), "{id}");
            assert_eq!(row["from"], text(&target["from"]), "{id}");
            let op = target["op"].as_str().unwrap_or(">=");
            assert_eq!(row["comparator"], op, "{id}");
            assert_eq!(row["quote"], text(&target["quote"]), "{id}");
            assert_eq!(row["plan_title"], text(&plan.front_matter["title"]), "{id}");
            assert_eq!(
                row["plan_number"],
                text(&plan.front_matter["decision"]["number"]),
                "{id}"
            );
            let commune = plan.id.rsplit_once('/').unwrap().0;
            assert_eq!(row["commune_path"], commune, "{id}");
            assert!(!row["commune_name"].is_empty());
            let national = &indicator["national"];
            assert_eq!(row["national_source"], text(&national["source"]), "{id}");
            assert_eq!(row["national_year"], text(&national["year"]), "{id}");
            if national.is_mapping() {
                assert_eq!(
                    row["national_value"].parse::<f64>().unwrap(),
                    number(&national["value"])
                );
                assert_eq!(row["national_comparator"], text(&national["op"]));
            } else {
                assert!(row["national_value"].is_empty() && row["national_comparator"].is_empty());
            }
            // The example has no report: nothing is known about progress yet.
            assert_eq!(
                (row["status"].as_str(), row["status_code"].as_str()),
                ("chưa có số liệu", "chua-co-so-lieu")
            );
            assert!(row["achieved_value"].is_empty() && row["achieved_result_id"].is_empty());
            // The address is absolute and points at the exact place of the commitment.
            let url = &row["plan_url"];
            assert!(
                url.starts_with(&format!("{SITE_URL}{}/#", plan.id)),
                "{url}"
            );
            assert_resolves(&site, url, &mut pages);
            // The indicator's own file holds the same row, once.
            let file = by_indicator
                .entry(indicator_id.to_string())
                .or_insert_with(|| {
                    CsvTable::read(
                        &site
                            .out
                            .join(format!("du-lieu/chi-tieu/{indicator_id}.csv")),
                    )
                });
            assert_eq!(file.header, TARGET_COLUMNS);
            assert_eq!(
                file.with_id(&id),
                vec![row],
                "{id} in chi-tieu/{indicator_id}.csv"
            );
        }
    }
    assert!(expected > 40, "the example holds over 40 targets");
    assert_eq!(
        targets.rows.len(),
        expected,
        "targets.csv holds every target, nothing else"
    );

    // One file per indicator of the catalogue, each holding exactly that indicator's targets.
    let mut total = 0;
    for id in indicators.keys() {
        let file = CsvTable::read(&site.out.join(format!("du-lieu/chi-tieu/{id}.csv")));
        assert_eq!(
            file.header, TARGET_COLUMNS,
            "header row of chi-tieu/{id}.csv"
        );
        assert!(file.rows.iter().all(|row| &row["indicator_id"] == id));
        total += file.rows.len();
    }
    assert_eq!(
        total, expected,
        "every target is in exactly one indicator file"
    );
    let files = fs::read_dir(site.out.join("du-lieu/chi-tieu"))
        .unwrap()
        .count();
    assert_eq!(files, indicators.len());
}

#[test]
fn every_task_is_published_once_with_its_values_in_csv_and_json() {
    let site = build_example(None);
    let plans = source_plans(&repo_root());
    let areas = catalogue(&repo_root(), "areas.yaml");
    let tasks = assert_agree(&site, "tasks", TASK_COLUMNS);
    let mut pages = BTreeMap::new();
    let mut expected = 0;
    for plan in &plans {
        for (index, task) in list(plan, "tasks").into_iter().enumerate() {
            expected += 1;
            let id = format!("{}/nhiem-vu-{}", plan.id, index + 1);
            let rows = tasks.with_id(&id);
            assert_eq!(rows.len(), 1, "{id} appears exactly once in tasks.csv");
            let row = rows[0];
            for field in [
                "no",
                "objective",
                "duty",
                "content",
                "output",
                "lead",
                "due",
                "funding",
            ] {
                assert_eq!(row[field], text(&task[field]), "{id} {field}");
            }
            let area = task["area"].as_str().unwrap();
            assert_eq!(row["area_id"], area);
            assert_eq!(row["area_name"], text(&areas[area]["name"]));
            let partners: Vec<String> = task["partners"]
                .as_sequence()
                .map(|p| p.iter().map(text).collect())
                .unwrap_or_default();
            assert_eq!(row["partners"], partners.join("; "), "{id} partners");
            assert_eq!(row["plan_title"], text(&plan.front_matter["title"]));
            let url = &row["plan_url"];
            assert_eq!(
                url,
                &format!("{SITE_URL}{}/#nhiem-vu-{}", plan.id, index + 1)
            );
            assert_resolves(&site, url, &mut pages);
        }
    }
    assert!(expected > 100, "the example holds over 100 tasks");
    assert_eq!(
        tasks.rows.len(),
        expected,
        "tasks.csv holds every task, nothing else"
    );

    // No report in the example: the results table is its header row.
    let results = assert_agree(&site, "results", RESULT_COLUMNS);
    assert!(results.rows.is_empty());
}

/// The small portal with two more targets and a report: 96.5 meets "≥ 95", 97 misses "≥ 98",
/// nothing is reported for online dossiers.
fn portal_with_report() -> tempfile::TempDir {
    let portal = small_portal();
    let plan = SMALL_PLAN.replace(
        "tasks:\n",
        "  - indicator: giai-quyet-dung-han\n    value: 98\n    year: 2026\n  - indicator: ho-so-truc-tuyen\n    value: 60\n    op: \">\"\n    year: 2026\ntasks:\n",
    );
    write(
        portal.path(),
        "content/hai-phong/tue-tinh/ke-hoach-2026.md",
        &plan,
    );
    write(
        portal.path(),
        "content/hai-phong/tue-tinh/bao-cao-2026.md",
        "---
title: Báo cáo kết quả cải cách hành chính năm 2026
kind: bao-cao
period: {from: 2026, to: 2026}
decision:
  number: 90/BC-UBND
  date: 2026-12-15
results:
  - indicator: hai-long-tthc
    value: 96.5
    year: 2026
    quote: Mức độ hài lòng đạt 96,5%
  - indicator: giai-quyet-dung-han
    value: 97
    from: 2025
    year: 2026
---

Mức độ hài lòng đạt 96,5%. Tỷ lệ hồ sơ giải quyết đúng hạn đạt 97%.
",
    );
    portal
}

#[test]
fn reports_fill_the_results_and_decide_the_status_of_each_target() {
    let portal = portal_with_report();
    let site = build_portal(portal.path(), None);
    let results = assert_agree(&site, "results", RESULT_COLUMNS);
    let report = "hai-phong/tue-tinh/bao-cao-2026";
    assert_eq!(results.rows.len(), 2);
    let first = &results.rows[0];
    assert_eq!(first["id"], format!("{report}/ket-qua-1"));
    assert_eq!(
        (
            first["indicator_id"].as_str(),
            first["value"].as_str(),
            first["year"].as_str()
        ),
        ("hai-long-tthc", "96.5", "2026")
    );
    assert_eq!(first["from"], "");
    assert_eq!(first["quote"], "Mức độ hài lòng đạt 96,5%");
    assert_eq!(
        first["report_title"],
        "Báo cáo kết quả cải cách hành chính năm 2026"
    );
    assert_eq!(first["report_number"], "90/BC-UBND");
    assert_eq!(first["report_date"], "2026-12-15");
    assert_eq!(first["report_url"], format!("{SITE_URL}{report}/"));
    assert_eq!(first["commune_name"], "Xã Tuệ Tĩnh");
    assert_eq!(first["province"], "Thành phố Hải Phòng");
    let second = &results.rows[1];
    assert_eq!(second["id"], format!("{report}/ket-qua-2"));
    assert_eq!(
        (
            second["value"].as_str(),
            second["from"].as_str(),
            second["quote"].as_str()
        ),
        ("97", "2025", "")
    );

    let targets = assert_agree(&site, "targets", TARGET_COLUMNS);
    let plan = "hai-phong/tue-tinh/ke-hoach-2026";
    let columns = [
        "indicator_id",
        "comparator",
        "status",
        "status_code",
        "achieved_value",
        "achieved_year",
        "achieved_result_id",
    ];
    let status = |n: usize| -> Vec<String> {
        let row = targets.with_id(&format!("{plan}/chi-tieu-{n}"))[0];
        columns.iter().map(|c| row[*c].clone()).collect()
    };
    let met = format!("{report}/ket-qua-1");
    let missed = format!("{report}/ket-qua-2");
    assert_eq!(
        status(1),
        ["hai-long-tthc", ">=", "đạt", "dat", "96.5", "2026", &met]
    );
    assert_eq!(
        status(2),
        [
            "giai-quyet-dung-han",
            ">=",
            "chưa đạt",
            "chua-dat",
            "97",
            "2026",
            &missed
        ]
    );
    assert_eq!(
        status(3),
        [
            "ho-so-truc-tuyen",
            ">",
            "chưa có số liệu",
            "chua-co-so-lieu",
            "",
            "",
            ""
        ]
    );
    // The per-indicator file carries the status too.
    let file = CsvTable::read(&site.out.join("du-lieu/chi-tieu/hai-long-tthc.csv"));
    assert_eq!(file.rows.len(), 1);
    assert_eq!(file.rows[0]["status"], "đạt");

    // With values in every table (and a reference from targets to results), the package is valid.
    frictionless_validate(&site.out.join("du-lieu/datapackage.json"));
}

/// Runs the Frictionless validator on a descriptor; fails with the validator's errors, or with how
/// to install it when it is missing.
fn frictionless_validate(descriptor: &Path) {
    let install = "install it with `python3 -m pip install 'frictionless[json]'` (.ci/run does)";
    let probe = Command::new("python3")
        .args(["-c", "import frictionless, ijson"])
        .output()
        .unwrap_or_else(|e| {
            panic!("python3 is needed to validate the open data ({e}); then {install}")
        });
    assert!(
        probe.status.success(),
        "the Frictionless validator (Python package `frictionless` with its JSON extra) is not installed: {install}\n{}",
        String::from_utf8_lossy(&probe.stderr)
    );
    let output = Command::new("python3")
        .args(["-m", "frictionless", "validate", "--json"])
        .arg(descriptor)
        .output()
        .expect("python3 runs");
    let report: Json = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "frictionless printed no JSON report ({e}):\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let mut errors: Vec<String> = Vec::new();
    for error in report["errors"].as_array().into_iter().flatten() {
        errors.push(format!("package: {}", error["message"]));
    }
    for task in report["tasks"].as_array().into_iter().flatten() {
        for error in task["errors"].as_array().into_iter().flatten() {
            errors.push(format!("{}: {}", task["name"], error["message"]));
        }
    }
    assert!(
        report["valid"] == Json::Bool(true) && errors.is_empty() && output.status.success(),
        "datapackage.json is not valid:\n{}",
        errors.join("\n")
    );
    let tasks = report["tasks"].as_array().map_or(0, Vec::len);
    assert!(tasks > 0, "the validator checked the resources");
}

#[test]
fn datapackage_describes_every_file_and_passes_the_frictionless_validator() {
    let site = build_example(None);
    let descriptor_path = site.out.join("du-lieu/datapackage.json");
    let descriptor: Json = serde_json::from_slice(&fs::read(&descriptor_path).unwrap()).unwrap();
    // The licence of site.yaml.
    let config: Yaml =
        serde_yaml::from_str(&fs::read_to_string(repo_root().join("site.yaml")).unwrap()).unwrap();
    let licenses = descriptor["licenses"].as_array().expect("licenses");
    assert_eq!(licenses.len(), 1);
    for key in ["name", "title", "path"] {
        assert_eq!(
            licenses[0][key].as_str().unwrap(),
            text(&config["license"][key])
        );
    }
    assert_eq!(licenses[0]["name"], "CC-BY-4.0");

    // Every data file is a resource, once, with its format and a schema naming its columns.
    let mut files: BTreeSet<String> = walkdir::WalkDir::new(site.out.join("du-lieu"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(site.out.join("du-lieu"))
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    assert!(files.remove("index.html") && files.remove("datapackage.json"));
    let indicators = catalogue(&repo_root(), "indicators.yaml");
    let resources = descriptor["resources"].as_array().unwrap();
    let mut described = BTreeSet::new();
    let mut names = BTreeSet::new();
    for resource in resources {
        let path = resource["path"].as_str().unwrap();
        assert!(
            described.insert(path.to_string()),
            "{path} is described once"
        );
        assert!(names.insert(resource["name"].as_str().unwrap().to_string()));
        assert_eq!(resource["encoding"], "utf-8");
        let format = resource["format"].as_str().unwrap();
        assert_eq!(Some(format), path.rsplit('.').next(), "{path}");
        let mediatype = if format == "csv" {
            "text/csv"
        } else {
            "application/json"
        };
        assert_eq!(resource["mediatype"], mediatype);
        let fields: Vec<&str> = resource["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        let header = if format == "csv" {
            CsvTable::read(&site.out.join("du-lieu").join(path)).header
        } else {
            JsonTable::read(&site.out.join("du-lieu").join(path)).header
        };
        assert_eq!(
            fields, header,
            "the schema of {path} names its columns in order"
        );
        for field in resource["schema"]["fields"].as_array().unwrap() {
            let kind = field["type"].as_str().unwrap();
            assert!(
                ["string", "number", "integer", "year", "date"].contains(&kind),
                "{kind}"
            );
        }
        // The indicator files carry their unit on the value columns.
        if let Some(id) = path
            .strip_prefix("chi-tieu/")
            .and_then(|p| p.strip_suffix(".csv"))
        {
            let value = resource["schema"]["fields"]
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["name"] == "value")
                .unwrap();
            assert_eq!(
                value["unit"].as_str().unwrap(),
                text(&indicators[id]["unit"])
            );
            assert_eq!(value["type"], "number");
        }
    }
    assert_eq!(described, files, "every file under du-lieu/ is a resource");

    frictionless_validate(&descriptor_path);
}

#[test]
fn a_portal_without_licence_or_absolute_address_still_has_a_valid_package() {
    let portal = small_portal();
    fs::write(portal.path().join("site.yaml"), "title: Cổng thử\n").unwrap();
    let site = build_portal(portal.path(), None);
    let descriptor: Json =
        serde_json::from_slice(&fs::read(site.out.join("du-lieu/datapackage.json")).unwrap())
            .unwrap();
    assert!(descriptor.get("licenses").is_none());
    let targets = CsvTable::read(&site.out.join("du-lieu/targets.csv"));
    assert_eq!(
        targets.rows[0]["plan_url"],
        "/hai-phong/tue-tinh/ke-hoach-2026/#trich-dan"
    );
    let page = site.html("du-lieu/index.html");
    let licence = common::text_of(
        page.select(&sel("section[aria-labelledby='giay-phep']"))
            .next()
            .unwrap(),
    );
    assert!(licence.contains("chưa công bố giấy phép"), "{licence}");
    frictionless_validate(&site.out.join("du-lieu/datapackage.json"));
}

#[test]
fn the_data_page_lists_every_file_with_its_size_and_rows_and_its_links_resolve() {
    for (base_url, base) in [
        (None, "/"),
        (Some("https://cchc.example.gov.vn/xa/cchc/"), "/xa/cchc/"),
    ] {
        let site = build_example(base_url);
        let page = site.html("du-lieu/index.html");
        let mut linked: BTreeMap<String, usize> = BTreeMap::new();
        for link in page.select(&sel("main a[href]")) {
            let href = link.value().attr("href").unwrap();
            if href.starts_with("https://creativecommons.org/") {
                assert_eq!(link.value().attr("rel"), Some("license"));
                continue;
            }
            let inside = href
                .strip_prefix(base)
                .unwrap_or_else(|| panic!("{href} starts with {base}"));
            let file = if inside.is_empty() || inside.ends_with('/') {
                format!("{inside}index.html")
            } else {
                inside.to_string()
            };
            assert!(site.out.join(&file).is_file(), "{href} resolves");
            *linked.entry(file).or_default() += 1;
        }
        // Every file of du-lieu/ is offered for download, once, with its real size and row count.
        let files: Vec<String> = walkdir::WalkDir::new(site.out.join("du-lieu"))
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&site.out)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .filter(|path| path != "du-lieu/index.html")
            .collect();
        assert_eq!(
            files.len(),
            7 + catalogue(&repo_root(), "indicators.yaml").len()
        );
        for file in &files {
            assert_eq!(linked.get(file), Some(&1), "{file} is listed once");
            let href = format!("{base}{file}");
            let row = page
                .select(&sel("table.files tbody tr"))
                .find(|row| {
                    row.select(&sel("a"))
                        .any(|a| a.value().attr("href") == Some(href.as_str()))
                })
                .unwrap();
            let size: usize = row
                .select(&sel("data"))
                .next()
                .unwrap()
                .value()
                .attr("value")
                .unwrap()
                .parse()
                .unwrap();
            assert_eq!(
                size as u64,
                fs::metadata(site.out.join(file)).unwrap().len(),
                "{file}"
            );
            let rows = common::text_of(row.select(&sel("td.number")).next().unwrap());
            if file.ends_with(".csv") {
                let count = CsvTable::read(&site.out.join(file)).rows.len();
                assert_eq!(rows.replace('.', ""), count.to_string(), "rows of {file}");
            }
        }
        // The licence of site.yaml, and the link from every page's footer.
        let licence = common::text_of(
            page.select(&sel("section[aria-labelledby='giay-phep']"))
                .next()
                .unwrap(),
        );
        assert!(
            licence.contains("Creative Commons Attribution 4.0"),
            "{licence}"
        );
        assert!(licence.contains("CC-BY-4.0"));
        let home = site.html("index.html");
        assert!(home.select(&sel("footer a")).any(|a| a.value().attr("href")
            == Some(&format!("{base}du-lieu/"))
            && common::text_of(a) == "Dữ liệu mở"));
        assert!(site.text("sitemap.xml").contains("du-lieu/</loc>"));
        // Addresses in the data follow the base URL.
        let targets = CsvTable::read(&site.out.join("du-lieu/targets.csv"));
        let root = format!("https://cchc.example.gov.vn{base}");
        assert!(
            targets
                .rows
                .iter()
                .all(|row| row["plan_url"].starts_with(&root))
        );
    }
}
