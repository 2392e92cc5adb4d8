//! Hostile input (issue 8): the corpus of `tests/fixtures/xss/cases.yaml` is published in one
//! throw-away portal and every published HTML and XML file is parsed: no script but the theme's
//! search.js, no event-handler attribute, no `javascript:`/`vbscript:`/`data:` URL, no frame,
//! object, embed, base, style or refresh; every case's text is still visible as text. Values that
//! `check` must refuse are refused with their error code and position. The same portal is loaded
//! in Chromium by `tests/browser/xss.test.mjs` (through `tests/browser.rs`).

mod common;

use common::hostile::{self, Case};
use planportal::render::collapse_whitespace;
use scraper::{ElementRef, Html, Node};
use std::collections::BTreeSet;
use std::fs;

/// The web editor's page, the one page meant to run a script: the vendored editor's.
const EDITOR_PAGE: &str = "admin/index.html";
/// The only script element the editor's page may have.
const EDITOR_SCRIPT: &str = "<script src=\"/assets/decap-cms/decap-cms.js\"></script>";

#[test]
fn the_corpus_is_large_and_well_formed() {
    let cases = hostile::cases();
    assert!(cases.len() >= 50, "only {} cases", cases.len());
    let mut ids = BTreeSet::new();
    for case in &cases {
        assert!(
            ids.insert(case.id.as_str()),
            "duplicate case id {}",
            case.id
        );
        // The payload names its case, so a recorded execution says which case ran.
        assert!(
            case.payload.contains(&case.id),
            "{}: the payload should pass its own id to __xss",
            case.id
        );
    }
    for kind in [
        "body",
        "plan",
        "task",
        "commune",
        "province",
        "indicator",
        "site",
        "search",
    ] {
        assert!(
            cases
                .iter()
                .any(|c| c.field.split('.').next() == Some(kind)),
            "no case for {kind}"
        );
    }
}

#[test]
fn published_pages_carry_no_executable_markup_and_show_every_case_as_text() {
    let cases = hostile::cases();
    let published = hostile::published(&cases);
    let portal = hostile::portal(&published);
    let site = common::build_portal(portal.path(), Some("http://127.0.0.1:9/"));

    let mut pages = 0;
    let mut problems = Vec::new();
    let mut texts = String::new();
    for entry in walkdir::WalkDir::new(&site.out).sort_by_file_name() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy();
        if !(name.ends_with(".html") || name.ends_with(".xml")) {
            continue;
        }
        let relative = entry
            .path()
            .strip_prefix(&site.out)
            .unwrap()
            .display()
            .to_string();
        let source = fs::read_to_string(entry.path()).unwrap();
        let document = if name.ends_with(".html") {
            Html::parse_document(&source)
        } else {
            Html::parse_fragment(&source)
        };
        problems.extend(
            executable_markup(&document)
                .into_iter()
                // The web editor's page loads the vendored editor, and nothing else.
                .filter(|problem| relative != EDITOR_PAGE || !problem.ends_with(EDITOR_SCRIPT))
                .map(|problem| format!("{relative}: {problem}")),
        );
        if name.ends_with(".html") {
            texts.push_str(&visible_text(&document));
            texts.push('\n');
        }
        pages += 1;
    }
    assert!(pages > 20, "only {pages} pages were published");
    assert!(
        problems.is_empty(),
        "executable markup:\n{}",
        problems.join("\n")
    );

    let missing: Vec<String> = published
        .iter()
        .flat_map(|case| {
            case.expected_texts()
                .into_iter()
                .map(move |text| (case, text))
        })
        .filter(|(_, text)| !texts.contains(&collapse_whitespace(text)))
        .map(|(case, text)| format!("{}: “{text}”", case.id))
        .collect();
    assert!(
        missing.is_empty(),
        "texts not shown on any page:\n{}",
        missing.join("\n")
    );
    println!(
        "{} cases published in {pages} HTML/XML files: no executable markup",
        published.len()
    );
}

#[test]
fn rejected_values_are_refused_with_their_code_and_position() {
    let cases = hostile::cases();
    let rejected: Vec<&Case> = cases.iter().filter(|c| c.rejected.is_some()).collect();
    assert!(!rejected.is_empty());
    for case in rejected {
        let portal = hostile::portal(std::slice::from_ref(case));
        let out = portal.path().join("public");
        let problems = common::try_build(portal.path(), &out)
            .expect_err(&format!("{}: the build should be refused", case.id));
        let code = case.rejected.as_deref().unwrap();
        let problem = problems
            .iter()
            .find(|p| p.code == code)
            .unwrap_or_else(|| panic!("{}: no {code} among {problems:?}", case.id));
        assert!(
            problem.line > 0 && problem.column > 0,
            "{}: {problem:?}",
            case.id
        );
        assert!(!out.exists(), "{}: nothing is published", case.id);
    }
}

#[test]
fn the_static_check_finds_executable_markup() {
    // The check above is only worth something if it catches what it looks for.
    let hostile = [
        "<script>x()</script>",
        "<img src=x onerror=x()>",
        "<a href=' JaVa&#9;script:x()'>a</a>",
        "<a href='data:text/html,x'>a</a>",
        "<iframe src=x></iframe>",
        "<meta http-equiv=refresh content='0;url=x'>",
        "<div style='width:expression(x())'></div>",
        "<svg><a xlink:href='javascript:x()'><text>a</text></a></svg>",
        "<form action='vbscript:x'></form>",
    ];
    for html in hostile {
        let document = Html::parse_document(html);
        assert!(!executable_markup(&document).is_empty(), "missed: {html}");
    }
    let harmless = Html::parse_document(
        "<a href='/chi-tieu/'>a</a><a href='https://x.vn/?q=javascript:'>b</a>\
         <script src='/assets/search.js' defer></script><p>&lt;script&gt;</p>",
    );
    assert_eq!(executable_markup(&harmless), Vec::<String>::new());
}

/// Attributes that hold a URL a browser may load or navigate to.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "cite",
    "longdesc",
    "ping",
    "codebase",
    "srcset",
];

/// Elements that have no place in a published page of this theme.
const FORBIDDEN: &[&str] = &[
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "style",
];

/// Everything in `document` that could run script: scripts other than the theme's search.js,
/// event handlers, script-bearing URLs, frames, objects, refreshes, CSS expressions.
fn executable_markup(document: &Html) -> Vec<String> {
    let mut problems = Vec::new();
    for node in document.root_element().descendants() {
        let Some(element) = ElementRef::wrap(node) else {
            continue;
        };
        let tag = element.value().name();
        let html = || truncate(&element.html());
        if tag == "script" {
            let theirs = element
                .value()
                .attr("src")
                .is_some_and(|src| src.ends_with("assets/search.js"));
            if !theirs || !element.text().all(|t| t.trim().is_empty()) {
                problems.push(format!("script element {}", html()));
            }
        }
        if FORBIDDEN.contains(&tag) {
            problems.push(format!("{tag} element {}", html()));
        }
        if tag == "meta" && element.value().attr("http-equiv").is_some() {
            problems.push(format!("meta http-equiv {}", html()));
        }
        for (name, value) in element.value().attrs() {
            let name = name.to_ascii_lowercase();
            if name.starts_with("on") {
                problems.push(format!("event handler {name} {}", html()));
            }
            if name == "srcdoc" {
                problems.push(format!("srcdoc {}", html()));
            }
            if URL_ATTRIBUTES.contains(&name.as_str()) && scripted_url(value) {
                problems.push(format!("{name}={value:?} {}", html()));
            }
            if name == "style" {
                let style = value.to_ascii_lowercase();
                if style.contains("expression")
                    || style.contains("javascript:")
                    || style.contains("url(")
                {
                    problems.push(format!("style {}", html()));
                }
            }
        }
    }
    problems
}

/// Whether a browser would read `url` as a `javascript:`, `vbscript:` or `data:` URL (it strips
/// leading and trailing spaces and controls, and tabs and newlines anywhere).
fn scripted_url(url: &str) -> bool {
    let cleaned: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|scheme| cleaned.starts_with(scheme))
}

/// The text of a page as a reader gets it: text nodes outside script, style, noscript and
/// template, whitespace collapsed.
fn visible_text(document: &Html) -> String {
    let hidden = ["script", "style", "noscript", "template"];
    let mut out = String::new();
    for node in document.root_element().descendants() {
        let Node::Text(text) = node.value() else {
            continue;
        };
        let inside_hidden = node.ancestors().any(|a| {
            a.value()
                .as_element()
                .is_some_and(|e| hidden.contains(&e.name()))
        });
        if !inside_hidden {
            out.push_str(text);
        }
    }
    collapse_whitespace(&out)
}

fn truncate(html: &str) -> String {
    let cut: String = html.chars().take(160).collect();
    if cut.len() < html.len() {
        format!("{cut}…")
    } else {
        cut
    }
}
