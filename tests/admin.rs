//! The web editor's files (`/admin/`): the page, the generated Decap configuration read back as
//! Decap reads it, and a round trip — for every collection, an entry written the way Decap
//! serialises each widget must pass `planportal check` and be published.

mod common;

use common::{build_example, copy_dir, html_file, repo_root, sel, text_of, try_build};
use serde_yaml::{Mapping, Value};
use std::fs;
use std::io::Read;
use std::path::Path;

/// A sentence the round-trip plans quote in a target and write in their body.
const QUOTE: &str = "Tỷ lệ mẫu đạt tối thiểu 97,5% vào năm 2027";

/// The editor's page and configuration of the example portal, as built.
fn built_config() -> (common::Built, Value) {
    let site = build_example(None);
    let config = serde_yaml::from_str(&site.text("admin/config.yml")).expect("config.yml is YAML");
    (site, config)
}

#[test]
fn the_admin_page_loads_the_vendored_editor_and_is_kept_out_of_the_sitemap_and_search() {
    let (site, config) = built_config();
    let page = site.html("admin/index.html");
    let robots = page.select(&sel(r#"meta[name="robots"]"#)).next().unwrap();
    assert_eq!(robots.attr("content"), Some("noindex, nofollow"));
    let script = page.select(&sel("script[src]")).next().unwrap();
    assert_eq!(script.attr("src"), Some("/assets/decap-cms/decap-cms.js"));
    assert!(site.out.join("assets/decap-cms/decap-cms.js").is_file());
    let config_link = page
        .select(&sel(r#"link[rel="cms-config-url"]"#))
        .next()
        .unwrap();
    assert_eq!(config_link.attr("href"), Some("/admin/config.yml"));
    assert_eq!(config["locale"], "vi");
    // No other page loads the editor, and neither the sitemap nor the search index knows it.
    for entry in walkdir::WalkDir::new(&site.out) {
        let entry = entry.unwrap();
        let path = entry.path();
        let relative = path.strip_prefix(&site.out).unwrap();
        if path.extension().is_some_and(|e| e == "html") && !relative.starts_with("admin") {
            let text = fs::read_to_string(path).unwrap();
            assert!(
                !text.contains("decap-cms"),
                "{} loads the editor",
                relative.display()
            );
        }
    }
    assert!(!site.text("sitemap.xml").contains("admin/"));
    for entry in walkdir::WalkDir::new(site.out.join("tim-kiem")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let bytes = fs::read(entry.path()).unwrap();
            let mut text = String::new();
            let _ = flate2::read::GzDecoder::new(&bytes[..]).read_to_string(&mut text);
            text.push_str(&String::from_utf8_lossy(&bytes));
            assert!(
                !text.contains("admin/"),
                "{} names admin/",
                entry.path().display()
            );
        }
    }
}

#[test]
fn without_an_admin_section_the_editor_saves_through_the_local_decap_server() {
    let (_, config) = built_config();
    assert_eq!(config["backend"]["name"], "proxy");
    assert_eq!(
        config["backend"]["proxy_url"],
        "http://localhost:8081/api/v1"
    );
    assert_eq!(
        config["local_backend"]["url"],
        "http://localhost:8081/api/v1"
    );
}

#[test]
fn the_admin_section_of_site_yaml_chooses_the_git_host() {
    let portal = common::small_portal();
    let root = portal.path();
    let site = fs::read_to_string(root.join("site.yaml")).unwrap();
    let admin = "admin:\n  backend: gitlab\n  repo: ubnd/cchc\n  branch: xuat-ban\n  \
                 base_url: https://git.example.gov.vn\n  api_root: https://git.example.gov.vn/api/v4\n  \
                 auth_type: pkce\n  app_id: abc123\n";
    fs::write(root.join("site.yaml"), format!("{site}{admin}")).unwrap();
    let out = root.join("public");
    try_build(root, &out).unwrap();
    let config: Value =
        serde_yaml::from_str(&fs::read_to_string(out.join("admin/config.yml")).unwrap()).unwrap();
    let backend = &config["backend"];
    for (key, value) in [
        ("name", "gitlab"),
        ("repo", "ubnd/cchc"),
        ("branch", "xuat-ban"),
        ("base_url", "https://git.example.gov.vn"),
        ("api_root", "https://git.example.gov.vn/api/v4"),
        ("auth_type", "pkce"),
        ("app_id", "abc123"),
    ] {
        assert_eq!(backend[key], value, "backend.{key}");
    }
    assert!(
        config.get("local_backend").is_none(),
        "no local backend unless asked"
    );

    // An unknown host is reported where it is written, with the valid names.
    let bad = admin.replace("gitlab", "bitbucket");
    fs::write(root.join("site.yaml"), format!("{site}{bad}")).unwrap();
    let problems = try_build(root, &out).unwrap_err();
    let line = site.lines().count() + 2;
    let problem = &problems[0];
    assert_eq!(
        (problem.code, problem.line),
        ("invalid-value", line),
        "{problem:?}"
    );
    assert!(problem.to_string().contains("gitlab"), "{problem}");

    // A git host without the repository's name is reported at the backend line.
    let no_repo = admin.replace("  repo: ubnd/cchc\n", "");
    fs::write(root.join("site.yaml"), format!("{site}{no_repo}")).unwrap();
    let problems = try_build(root, &out).unwrap_err();
    let problem = &problems[0];
    assert_eq!(
        (problem.code, problem.line, problem.column),
        ("missing-field", line, 12),
        "{problem}"
    );
    assert!(problem.to_string().contains("repo:"), "{problem}");
}

// ---------------------------------------------------------------------------------------------
// The round trip.

/// How an editor fills a form: every field (`full`) or only the required ones.
#[derive(Clone, Copy, PartialEq)]
enum Fill {
    Full,
    Required,
}

/// The value Decap stores for one field, as an editor would fill it; `None` when left empty.
fn entry_value(field: &Value, fill: Fill) -> Option<Value> {
    let required = field["required"].as_bool().unwrap_or(true);
    if fill == Fill::Required && !required {
        return None;
    }
    let name = field["name"].as_str().unwrap();
    let label = field["label"].as_str().unwrap();
    let value = match field["widget"].as_str().unwrap() {
        "string" => Value::from(match name {
            // Values the model checks: a slug, an attachment saved beside the plan.
            "id" => "chi-tieu-mau".to_string(),
            // A field with a pattern (a web address) gets a value the pattern accepts.
            _ if field.get("pattern").is_some() => "https://xa-mau.example.gov.vn/".to_string(),
            _ => format!("{label} mẫu: “trích dẫn” #1"),
        }),
        "text" if name == "quote" => Value::from(QUOTE),
        "text" => Value::from(format!("{label}, dòng một\ndòng hai: có dấu hai chấm")),
        // Decap's number widget stores a JavaScript number: 97.5, or 100 for a whole float.
        "number" => match field["value_type"].as_str() {
            Some("int") => Value::from(2027),
            Some("float") => Value::from(97.5),
            other => panic!("{name}: number without value_type int/float: {other:?}"),
        },
        "datetime" => {
            assert_eq!(field["format"], "YYYY-MM-DD", "{name}");
            assert_eq!(field["time_format"], false, "{name}");
            Value::from("2027-01-20")
        }
        "select" => {
            let options = field["options"].as_sequence().unwrap();
            let wanted = match name {
                // A report, so that results are allowed; in force, so that it is published.
                "kind" if options.iter().any(|o| o["value"] == "bao-cao") => "bao-cao",
                "status" => "hieu-luc",
                _ => options[0]["value"].as_str().unwrap(),
            };
            assert!(options.iter().any(|o| o["value"] == wanted));
            Value::from(wanted)
        }
        "object" => Value::Mapping(entry(field["fields"].as_sequence().unwrap(), fill)),
        "list" => match field.get("fields") {
            Some(fields) => Value::Sequence(vec![Value::Mapping(entry(
                fields.as_sequence().unwrap(),
                fill,
            ))]),
            None => {
                assert_eq!(field["field"]["widget"], "string", "{name}");
                let item = match name {
                    "attachments" => "ban-ky-so.pdf".to_string(),
                    _ => format!("{label} mẫu"),
                };
                Value::Sequence(vec![Value::from(item)])
            }
        },
        "markdown" => Value::from(format!("## Mục tiêu\n\n{QUOTE}.\n")),
        other => panic!("{name}: widget {other} is not emulated"),
    };
    Some(value)
}

/// The data of an entry, fields in form order (as Decap writes them).
fn entry(fields: &[Value], fill: Fill) -> Mapping {
    fields
        .iter()
        .filter_map(|field| {
            let value = entry_value(field, fill)?;
            Some((Value::from(field["name"].as_str().unwrap()), value))
        })
        .collect()
}

/// A Markdown file as Decap's `yaml-frontmatter` format writes it: the fields but `body` as YAML
/// between `---` lines, then the body.
fn front_matter_file(mut data: Mapping) -> String {
    let body = data
        .remove("body")
        .and_then(|b| b.as_str().map(str::to_string))
        .unwrap_or_default();
    let yaml = serde_yaml::to_string(&data).unwrap();
    format!("---\n{yaml}---\n{body}")
}

#[test]
fn an_entry_of_every_collection_written_as_decap_does_passes_check_and_is_published() {
    let (_, config) = built_config();
    let portal = tempfile::TempDir::new().unwrap();
    let root = portal.path();
    let repo = repo_root();
    fs::copy(repo.join("site.yaml"), root.join("site.yaml")).unwrap();
    for dir in ["content", "data", "themes"] {
        copy_dir(&repo.join(dir), &root.join(dir));
    }
    let mut plans = Vec::new();
    let mut kinds = Vec::new();
    for collection in config["collections"].as_sequence().unwrap() {
        kinds.push(collection["name"].as_str().unwrap().to_string());
        if let Some(folder) = collection["folder"].as_str() {
            // A plan collection: a new entry filled completely, and one with only what is required.
            assert_eq!(collection["format"], "yaml-frontmatter");
            let fields = collection["fields"].as_sequence().unwrap();
            for (slug, fill) in [
                ("ban-day-du", Fill::Full),
                ("ban-toi-thieu", Fill::Required),
            ] {
                let file = Path::new(folder).join(format!("{slug}.md"));
                fs::write(root.join(&file), front_matter_file(entry(fields, fill))).unwrap();
                plans.push((
                    folder.trim_start_matches("content/").to_string(),
                    slug,
                    fill,
                ));
            }
            fs::write(root.join(folder).join("ban-ky-so.pdf"), b"%PDF-1.4\n").unwrap();
            continue;
        }
        for file in collection["files"].as_sequence().unwrap() {
            let path = root.join(file["file"].as_str().unwrap());
            let fields = file["fields"].as_sequence().unwrap();
            match file["format"].as_str().unwrap() {
                // A commune's `_index.md`: the whole form saved over the file.
                "yaml-frontmatter" => {
                    fs::write(&path, front_matter_file(entry(fields, Fill::Full))).unwrap()
                }
                // The catalogue: Decap rewrites the file with one more list item.
                "yaml" => {
                    let mut data: Value =
                        serde_yaml::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
                    let [list] = fields.as_slice() else {
                        panic!("one list field in {}", path.display())
                    };
                    let key = list["name"].as_str().unwrap();
                    let item = entry(list["fields"].as_sequence().unwrap(), Fill::Full);
                    data[key]
                        .as_sequence_mut()
                        .unwrap()
                        .push(Value::Mapping(item));
                    fs::write(&path, serde_yaml::to_string(&data).unwrap()).unwrap();
                }
                other => panic!("format {other}"),
            }
        }
    }
    assert_eq!(
        kinds.len(),
        6,
        "four plan collections, communes, catalogue: {kinds:?}"
    );
    assert_eq!(plans.len(), 8);

    let check = planportal::check_with(
        &planportal::BuildOptions {
            root: root.to_path_buf(),
            ..Default::default()
        },
        None,
    );
    assert!(
        !check.has_errors(),
        "{}",
        planportal::diagnostics::report(&check.diagnostics)
    );
    let out = root.join("public");
    let summary =
        try_build(root, &out).unwrap_or_else(|p| panic!("{}", planportal::diagnostics::report(&p)));
    assert_eq!(summary.plans, 4 + plans.len());
    for (commune, slug, fill) in &plans {
        let page = out.join(commune).join(slug).join("index.html");
        let html = html_file(&page);
        let title = html.select(&sel("h1")).next().map(text_of).unwrap();
        assert_eq!(title, "Tiêu đề mẫu: “trích dẫn” #1", "{}", page.display());
        if *fill == Fill::Full {
            // The target reached its indicator's page (the catalogue's first indicator).
            let indicator = out.join("chi-tieu/hai-long-tthc/index.html");
            let text = fs::read_to_string(indicator).unwrap();
            assert!(
                text.contains(&format!("/{commune}/{slug}/")),
                "{commune}/{slug}"
            );
            assert!(text.contains("97,5%"));
        }
    }
    // The indicator added through the catalogue form has its page.
    let added = out.join("chi-tieu/chi-tieu-mau/index.html");
    let html = html_file(&added);
    let title = html.select(&sel("h1")).next().map(text_of).unwrap();
    assert!(title.contains("Tên đầy đủ mẫu"), "{title}");
}

/// A plan as Decap saves it after fields were filled and then cleared: `""` for text, dates and
/// numbers, `null` for a choice.
const CLEARED: &str = "---
title: Kế hoạch cải cách hành chính năm 2026
kind: ke-hoach
period:
  from: 2026
  to: 2026
status: hieu-luc
issuer: \"\"
decision:
  number: 12/QĐ-UBND
  signer: \"\"
  effective: \"\"
  date: \"\"
targets:
  - indicator: hai-long-tthc
    value: 95
    year: 2026
    from: \"\"
    op: null
    quote: \"\"
tasks:
  - area: thu-tuc-hanh-chinh
    content: Rà soát thủ tục hành chính
    lead: \"\"
    due: \"\"
---
Nội dung.
";

#[test]
fn fields_the_form_cleared_are_read_as_absent() {
    let portal = common::small_portal();
    let root = portal.path();
    common::write(root, "content/hai-phong/tue-tinh/ke-hoach-2026.md", CLEARED);
    let out = root.join("public");
    try_build(root, &out).unwrap_or_else(|p| panic!("{}", planportal::diagnostics::report(&p)));
    let page = html_file(&out.join("chi-tieu/hai-long-tthc/index.html"));
    let value = page
        .select(&sel("tbody td.value"))
        .next()
        .map(text_of)
        .unwrap();
    assert_eq!(
        value, "tối thiểu 95%",
        "a cleared comparator is the default one"
    );

    // A value that is not blank is still checked, where it is written.
    let bad = CLEARED.replace("    from: \"\"", "    from: \"năm\"");
    common::write(root, "content/hai-phong/tue-tinh/ke-hoach-2026.md", &bad);
    let problems = try_build(root, &out).unwrap_err();
    let problem = &problems[0];
    assert_eq!(
        (problem.code, problem.line, problem.column),
        ("invalid-type", 18, 11),
        "{problem}"
    );
    let bad = CLEARED.replace("  date: \"\"", "  date: \"20/01/2026\"");
    common::write(root, "content/hai-phong/tue-tinh/ke-hoach-2026.md", &bad);
    let problem = &try_build(root, &out).unwrap_err()[0];
    assert_eq!(
        (problem.code, problem.line),
        ("invalid-date", 13),
        "{problem}"
    );
}
