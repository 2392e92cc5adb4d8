//! The hostile-input corpus (`tests/fixtures/xss/cases.yaml`) and the throw-away portal that holds
//! it: every case is written into the field its `field` names (a plan's Markdown body, a front-matter
//! string, a catalogue entry, `site.yaml`…), on top of the example's catalogues and theme.
//!
//! Used by `tests/xss_corpus.rs` (the published HTML, parsed) and `tests/browser.rs` (every page
//! loaded in Chromium by `tests/browser/xss.test.mjs`).

use serde::Deserialize;
use serde_yaml::{Mapping, Value};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// One hostile input.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Unique id, also the argument the payload passes to `__xss`.
    pub id: String,
    /// Where the payload goes (see the head of `cases.yaml`).
    pub field: String,
    /// The hostile text.
    pub payload: String,
    /// Text that must be visible on some page (default: see [`Case::expected_texts`]).
    #[serde(default)]
    pub shows: Option<String>,
    /// The error code `check` must answer with; such a case is never published.
    #[serde(default)]
    pub rejected: Option<String>,
}

impl Case {
    /// Whether the payload is Markdown (the sanitizer may remove parts of it).
    pub fn is_markdown(&self) -> bool {
        matches!(
            self.field.as_str(),
            "body" | "commune.intro" | "province.intro"
        )
    }

    /// Whether the case is a search query rather than a source field.
    pub fn is_search(&self) -> bool {
        self.field == "search"
    }

    /// The heading a Markdown case is published under, so the test can tell it was rendered.
    pub fn marker(&self) -> String {
        format!("Ca {}", self.id)
    }

    /// Texts that must appear, as text, on at least one published page.
    pub fn expected_texts(&self) -> Vec<String> {
        let mut texts = Vec::new();
        if self.field == "body" {
            texts.push(self.marker());
        }
        match (&self.shows, self.is_markdown() || self.is_search()) {
            (Some(shows), _) => texts.push(shows.clone()),
            (None, false) => texts.push(self.payload.clone()),
            (None, true) => {}
        }
        texts
    }
}

/// Every case of the corpus, in file order.
pub fn cases() -> Vec<Case> {
    let path = super::repo_root().join("tests/fixtures/xss/cases.yaml");
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The cases a portal publishes: neither search queries nor values `check` must refuse.
pub fn published(cases: &[Case]) -> Vec<Case> {
    cases
        .iter()
        .filter(|case| !case.is_search() && case.rejected.is_none())
        .cloned()
        .collect()
}

/// Id of the catalogue entries the corpus adds (an area and an indicator that use it).
const AREA: &str = "xss-linh-vuc";
const INDICATOR: &str = "xss-chi-tieu";

/// Plan fields that hold a list (a case becomes its one item).
const LIST_FIELDS: &[&str] = &[
    "legal_bases",
    "replaces",
    "attachments",
    "partners",
    "former_names",
];

/// A place (province, commune) or plan: front matter plus Markdown.
#[derive(Default)]
struct Source {
    front: Mapping,
    body: String,
}

/// The portal being assembled.
struct Portal {
    site: Mapping,
    area: Mapping,
    indicator: Mapping,
    provinces: Vec<Source>,
    communes: Vec<Source>,
    plans: Vec<Source>,
    /// Files to write next to plan `k` (attachments).
    files: Vec<(usize, String)>,
    /// How many cases each field has received so far.
    used: BTreeMap<String, usize>,
}

/// Writes a portal that holds every case of `cases` (search queries and rejected values excluded
/// by the caller) and returns its folder.
pub fn portal(cases: &[Case]) -> TempDir {
    let mut portal = Portal::new();
    for case in cases {
        portal.place(case);
    }
    let dir = super::portal_without_content();
    portal.write(dir.path());
    dir
}

fn text(value: &str) -> Value {
    Value::String(value.to_string())
}

fn mapping(pairs: &[(&str, Value)]) -> Mapping {
    pairs
        .iter()
        .map(|(key, value)| (text(key), value.clone()))
        .collect()
}

/// Sets `path` (`decision.signer`) in `map`, creating the mappings on the way.
fn set_path(map: &mut Mapping, path: &str, value: Value) {
    match path.split_once('.') {
        None => {
            map.insert(text(path), value);
        }
        Some((head, rest)) => {
            let child = map
                .entry(text(head))
                .or_insert_with(|| Value::Mapping(Mapping::new()));
            let Value::Mapping(child) = child else {
                panic!("{head} is not a mapping")
            };
            set_path(child, rest, value);
        }
    }
}

impl Portal {
    fn new() -> Portal {
        let repo = super::repo_root();
        let site: Mapping =
            serde_yaml::from_str(&fs::read_to_string(repo.join("site.yaml")).unwrap()).unwrap();
        Portal {
            site,
            area: mapping(&[
                ("id", text(AREA)),
                ("name", text("Lĩnh vực thử nghiệm")),
                ("short", text("Thử nghiệm")),
                ("order", Value::from(99)),
            ]),
            indicator: mapping(&[
                ("id", text(INDICATOR)),
                ("name", text("Tỷ lệ thử nghiệm")),
                ("short", text("Thử nghiệm")),
                ("area", text(AREA)),
                ("unit", text("%")),
                ("better", text("higher")),
                (
                    "national",
                    Value::Mapping(mapping(&[
                        ("value", Value::from(90)),
                        ("op", text(">=")),
                        ("year", Value::from(2030)),
                        ("source", text("Quyết định thử nghiệm")),
                    ])),
                ),
            ]),
            provinces: Vec::new(),
            communes: Vec::new(),
            plans: Vec::new(),
            files: Vec::new(),
            used: BTreeMap::new(),
        }
    }

    /// The index of the next entity that has not received a case for `field` yet.
    fn next(&mut self, field: &str) -> usize {
        let count = self.used.entry(field.to_string()).or_insert(0);
        *count += 1;
        *count - 1
    }

    fn place(&mut self, case: &Case) {
        let (kind, key) = case.field.split_once('.').unwrap_or((&case.field, ""));
        let value = if LIST_FIELDS.contains(&key) {
            Value::Sequence(vec![text(&case.payload)])
        } else {
            text(&case.payload)
        };
        match kind {
            "body" => {
                // A plan of its own: the sanitizer works per document, so one case's raw HTML
                // must not decide how another case's Markdown is treated.
                let k = self.next(&case.field);
                let plan = entity(&mut self.plans, k);
                plan.body = format!("## {}\n\n{}\n", case.marker(), case.payload);
            }
            "plan" => {
                let k = self.next(&case.field);
                if key == "attachments" {
                    self.files.push((k, case.payload.clone()));
                }
                set_path(&mut entity(&mut self.plans, k).front, key, value);
            }
            "target" => {
                // The quote must be found in the plan: a task's content holds it.
                let plan = entity(&mut self.plans, 0);
                push(&mut plan.front, "targets", target(Some(&case.payload)));
                push(
                    &mut plan.front,
                    "tasks",
                    task(&case.id, "content", text(&case.payload)),
                );
            }
            "task" => {
                let plan = entity(&mut self.plans, 0);
                push(&mut plan.front, "tasks", task(&case.id, key, value));
            }
            "commune" | "province" => {
                let k = self.next(&case.field);
                let list = if kind == "commune" {
                    &mut self.communes
                } else {
                    &mut self.provinces
                };
                let place = entity(list, k);
                if key == "intro" {
                    place.body = format!("{}\n", case.payload);
                } else {
                    set_path(&mut place.front, key, value);
                }
            }
            "indicator" => set_path(&mut self.indicator, key, value),
            "area" => set_path(&mut self.area, key, value),
            "site" => set_path(&mut self.site, key, value),
            "license" => {
                let license = self
                    .site
                    .entry(text("license"))
                    .or_insert_with(|| Value::Mapping(Mapping::new()));
                let Value::Mapping(license) = license else {
                    panic!("license: is not a mapping in site.yaml")
                };
                set_path(license, key, value);
            }
            other => panic!("case {}: unknown field kind “{other}”", case.id),
        }
    }

    fn write(mut self, root: &Path) {
        fs::write(
            root.join("site.yaml"),
            serde_yaml::to_string(&self.site).unwrap(),
        )
        .unwrap();
        append_entry(&root.join("data/areas.yaml"), &self.area);
        append_entry(&root.join("data/indicators.yaml"), &self.indicator);

        let provinces = self.provinces.len().max(1);
        let communes = self.communes.len().max(provinces);
        let plans = self.plans.len().max(1);
        entity(&mut self.provinces, provinces - 1);
        entity(&mut self.communes, communes - 1);
        entity(&mut self.plans, plans - 1);
        let province_dir = |p: usize| PathBuf::from(format!("content/tinh-thu-{p}"));
        let commune_dir = |c: usize| province_dir(c % provinces).join(format!("xa-thu-{c}"));

        for (p, province) in self.provinces.iter_mut().enumerate() {
            let name = format!("Tỉnh thử nghiệm {p}");
            write_place(root, &province_dir(p), province, &name, "tinh");
        }
        for (c, commune) in self.communes.iter_mut().enumerate() {
            let name = format!("Thử nghiệm {c}");
            write_place(root, &commune_dir(c), commune, &name, "xa");
        }
        for (k, plan) in self.plans.iter_mut().enumerate() {
            let front = &mut plan.front;
            defaults(
                front,
                &[
                    ("title", text(&format!("Kế hoạch thử nghiệm số {k}"))),
                    ("kind", text("ke-hoach")),
                    (
                        "period",
                        Value::Mapping(mapping(&[
                            ("from", Value::from(2026)),
                            ("to", Value::from(2026)),
                        ])),
                    ),
                    ("status", text("hieu-luc")),
                ],
            );
            set_path(front, "decision.date", text("2026-01-10"));
            push(front, "targets", target(None));
            push(
                front,
                "tasks",
                task(
                    &format!("ke-hoach-{k}"),
                    "content",
                    text("Nhiệm vụ thử nghiệm"),
                ),
            );
            if plan.body.is_empty() {
                plan.body = "## Mục tiêu\n\nKế hoạch thử nghiệm.\n".to_string();
            }
            let folder = commune_dir(k % communes);
            write_source(root, &folder.join(format!("ke-hoach-thu-{k}.md")), plan);
            for (_, name) in self.files.iter().filter(|(plan, _)| *plan == k) {
                fs::write(root.join(&folder).join(name), b"%PDF-1.4\n").unwrap();
            }
        }
    }
}

/// Entity `k` of `list`, creating empty ones up to it.
fn entity(list: &mut Vec<Source>, k: usize) -> &mut Source {
    while list.len() <= k {
        list.push(Source::default());
    }
    &mut list[k]
}

/// Inserts each pair whose key is not set yet.
fn defaults(map: &mut Mapping, pairs: &[(&str, Value)]) {
    for (key, value) in pairs {
        if !map.contains_key(text(key)) {
            map.insert(text(key), value.clone());
        }
    }
}

/// Appends `item` to the list at `key`.
fn push(map: &mut Mapping, key: &str, item: Value) {
    let list = map
        .entry(text(key))
        .or_insert_with(|| Value::Sequence(Vec::new()));
    let Value::Sequence(list) = list else {
        panic!("{key} is not a list")
    };
    list.push(item);
}

/// A target on the corpus's indicator.
fn target(quote: Option<&str>) -> Value {
    let mut target = mapping(&[
        ("indicator", text(INDICATOR)),
        ("value", Value::from(80)),
        ("year", Value::from(2026)),
    ]);
    if let Some(quote) = quote {
        target.insert(text("quote"), text(quote));
    }
    Value::Mapping(target)
}

/// A task of the corpus's area with `key` set to `value` (and a content of its own otherwise).
fn task(id: &str, key: &str, value: Value) -> Value {
    let mut task = mapping(&[
        ("area", text(AREA)),
        ("content", text(&format!("Nhiệm vụ {id}"))),
    ]);
    task.insert(text(key), value);
    Value::Mapping(task)
}

/// Appends one entry to a catalogue file: a YAML list, or a mapping whose one key holds the list
/// (`indicators: [...]`).
fn append_entry(path: &Path, entry: &Mapping) {
    let mut file: Value = serde_yaml::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    let list = match &mut file {
        Value::Mapping(keyed) => keyed.values_mut().next().expect("a keyed catalogue"),
        list => list,
    };
    list.as_sequence_mut()
        .expect("a catalogue is a list of entries")
        .push(Value::Mapping(entry.clone()));
    fs::write(path, serde_yaml::to_string(&file).unwrap()).unwrap();
}

/// Writes a province's or commune's `_index.md` into `dir`, with a name and kind unless a case set them.
fn write_place(root: &Path, dir: &Path, place: &mut Source, name: &str, kind: &str) {
    defaults(
        &mut place.front,
        &[("name", text(name)), ("kind", text(kind))],
    );
    write_source(root, &dir.join("_index.md"), place);
}

fn write_source(root: &Path, relative: &Path, source: &Source) {
    let front = serde_yaml::to_string(&source.front).unwrap();
    super::write(
        root,
        relative.to_str().unwrap(),
        &format!("---\n{front}---\n{}", source.body),
    );
}
