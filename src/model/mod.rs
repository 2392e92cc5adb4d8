//! Stage 2, parse: turn loaded sources into the typed content model, checking everything an editor
//! can get wrong (unknown fields, invalid values, references to things that do not exist) and
//! reporting each problem at its `file:line:column`.

mod addresses;
mod blank;
mod catalogue;
mod due;
mod locate;
mod memo;
mod place;
mod plan;
mod validate;
mod warnings;
mod yaml;

pub use catalogue::{Area, Better, CatalogueEntry, CatalogueFile, Indicator, NationalTarget};
pub use due::{Due, Recurrence, day_vi, parse_due};
use locate::locate_in;
pub use locate::{Step, locate};
pub use memo::Memos;
pub use place::{CommuneKind, CommuneMeta, Contact, ProvinceKind, ProvinceMeta};
pub use plan::{
    Comparator, Date, Decision, Period, PlanKind, PlanMeta, ReportedValue, Status, Target, Task,
};
pub use yaml::{YamlSource, closest};

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{ContentFile, SourceText, Sources};
use rayon::prelude::*;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A province: `content/<province>/_index.md`.
#[derive(Debug, Clone)]
pub struct Province {
    /// URL segment: the folder name folded to a slug.
    pub slug: String,
    /// The `_index.md` file.
    pub source: PathBuf,
    /// Its front matter.
    pub meta: ProvinceMeta,
    /// Markdown introduction (may be empty).
    pub intro: String,
}

/// A commune: `content/[<province>/]<commune>/_index.md`.
#[derive(Debug, Clone)]
pub struct Commune {
    /// Folder path under `content/`, e.g. `hai-phong/tue-tinh`; unique.
    pub key: String,
    /// URL segment: the folder name folded to a slug.
    pub slug: String,
    /// Slug of its province, absent when the sources do not say which province it belongs to.
    pub province: Option<String>,
    /// The `_index.md` file.
    pub source: PathBuf,
    /// Its front matter.
    pub meta: CommuneMeta,
    /// Markdown introduction (may be empty).
    pub intro: String,
}

/// A position in a source file, with the text of its line (to quote it in a message).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLocation {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The text of the line.
    pub line_text: String,
}

/// A plan (or appendix, report, decision) file.
#[derive(Debug, Clone)]
pub struct Plan {
    /// URL segment: the file name without `.md`, folded to a slug.
    pub slug: String,
    /// Key of its commune.
    pub commune: String,
    /// The Markdown file.
    pub source: PathBuf,
    /// Its front matter, shared: a preview builds its graph again from the kept models without
    /// copying every plan's targets and tasks.
    pub meta: std::sync::Arc<PlanMeta>,
    /// The Markdown body, shared: a preview keeps every plan between rebuilds and builds its
    /// graph again from them without copying hundreds of megabytes of text.
    pub body: std::sync::Arc<str>,
    /// 1-based line of the file where the body starts.
    pub body_line: usize,
    /// Where each target's `quote` is written (or the target, when it has none), for messages.
    pub quote_locations: std::sync::Arc<[SourceLocation]>,
}

/// The whole portal as a typed model.
#[derive(Debug, Clone, Default)]
pub struct Portal {
    /// `site.yaml`.
    pub config: SiteConfig,
    /// Reform areas, sorted by `order`.
    pub areas: Vec<Area>,
    /// Indicator catalogue, in file order.
    pub indicators: Vec<Indicator>,
    /// Provinces, in content order (the path of their folder).
    pub provinces: Vec<Province>,
    /// Communes, sorted by key.
    pub communes: Vec<Commune>,
    /// Plans, sorted by source path.
    pub plans: Vec<Plan>,
}

/// Options of the parse stage.
#[derive(Debug, Clone, Copy, Default)]
pub struct ParseOptions {
    /// Keep plans with `status: du-thao`.
    pub drafts: bool,
    /// The current year, for the warning about plans still in force after their period; `None`
    /// skips that warning. Passed in (not read from the clock here) so that runs are reproducible.
    pub current_year: Option<i32>,
}

/// Parses and validates every source; problems are collected, never fatal on their own. Warnings
/// (see [`Severity`](crate::diagnostics::Severity)) concern the plans kept (published, or checked).
pub fn parse(sources: &Sources, options: ParseOptions) -> (Portal, Diagnostics) {
    let (catalogues, mut diagnostics) = parse_catalogues(sources);
    let parsed: Vec<(ParsedContent, Diagnostics)> =
        sources.content.par_iter().map(parse_content).collect();
    let mut contents = Vec::with_capacity(parsed.len());
    for (content, problems) in parsed {
        contents.push(content);
        diagnostics.extend(problems);
    }
    let (portal, problems) = assemble(catalogues, contents, sources, options, None);
    diagnostics.extend(problems);
    (portal, diagnostics)
}

/// `site.yaml` and the two catalogues, parsed.
#[derive(Debug, Clone, Default)]
pub struct Catalogues {
    /// `site.yaml`.
    pub config: SiteConfig,
    /// Reform areas, sorted by `order`.
    pub areas: Vec<Area>,
    /// Indicator catalogue, in file order.
    pub indicators: Vec<Indicator>,
}

/// What one Markdown file under `content/` parses to on its own.
#[derive(Debug, Clone)]
pub enum ParsedContent {
    /// A plan (any file but `_index.md`).
    Plan(Box<Plan>),
    /// A province's `_index.md`.
    Province(Province),
    /// A commune's `_index.md`.
    Commune(Commune),
    /// A file that could not be parsed (its problems say why).
    Invalid,
}

/// Parses `site.yaml` and the catalogues (`data/areas.yaml`, `data/indicators.yaml`).
pub fn parse_catalogues(sources: &Sources) -> (Catalogues, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let mut config = sources
        .site
        .as_ref()
        .and_then(|site| whole_file::<SiteConfig>(site, &mut diagnostics))
        .unwrap_or_default();
    if let Some(site) = &sources.site
        && !is_folder_name(&config.theme)
    {
        let yaml = YamlSource {
            file: &site.path,
            file_text: &site.text,
            yaml: &site.text,
            first_line: 1,
        };
        let (line, column) = locate(&site.text, &[Step::Key("theme")]);
        diagnostics.push(
            yaml.diagnostic_at(
                "invalid-theme",
                line,
                column,
                format!(
                    "Tên giao diện “{}” không hợp lệ: phải là tên một thư mục trong themes/",
                    config.theme
                ),
                format!(
                    "The theme name “{}” is not valid: it must name a folder in themes/",
                    config.theme
                ),
            )
            .with_help(
                "chỉ ghi tên thư mục, không có / hay .., ví dụ theme: mac-dinh",
                "write only the folder name, without / or .., e.g. theme: mac-dinh",
            ),
        );
        // Nothing is read from outside themes/, not even to report template problems.
        config.theme = SiteConfig::default().theme;
    }
    let mut areas: Vec<Area> =
        catalogue_file(sources.areas.as_ref(), "data/areas.yaml", &mut diagnostics);
    areas.sort_by_key(|area| area.order);
    let indicators: Vec<Indicator> = catalogue_file(
        sources.indicators.as_ref(),
        "data/indicators.yaml",
        &mut diagnostics,
    );

    let catalogues = Catalogues {
        config,
        areas,
        indicators,
    };
    (catalogues, diagnostics)
}

/// Parses one Markdown file of `content/` on its own, without the checks that need other files
/// (those are in [`assemble`]): a preview parses again only the files that changed.
pub fn parse_content(file: &ContentFile) -> (ParsedContent, Diagnostics) {
    let mut problems = Diagnostics::default();
    let parsed = if file.stem == "_index" {
        parse_place(file, &mut problems)
    } else {
        parse_plan(file, &mut problems).map(|plan| ParsedContent::Plan(Box::new(plan)))
    };
    (parsed.unwrap_or(ParsedContent::Invalid), problems)
}

/// Puts the parsed files (in the order of `sources.content`) together into the portal, runs the
/// checks across files, keeps what is published and adds the warnings. A preview passes the
/// `memos` it keeps, so that only plans with a new front matter are checked on their own again.
pub fn assemble(
    catalogues: Catalogues,
    contents: impl IntoIterator<Item = ParsedContent>,
    sources: &Sources,
    options: ParseOptions,
    memos: Option<&Memos>,
) -> (Portal, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let mut provinces = Vec::new();
    let mut communes = Vec::new();
    let mut plans = Vec::new();
    for content in contents {
        match content {
            ParsedContent::Plan(plan) => plans.push(*plan),
            ParsedContent::Province(province) => provinces.push(province),
            ParsedContent::Commune(commune) => communes.push(commune),
            ParsedContent::Invalid => {}
        }
    }
    let Catalogues {
        config,
        areas,
        indicators,
    } = catalogues;
    let mut portal = Portal {
        config,
        areas,
        indicators,
        provinces,
        communes,
        plans,
    };
    diagnostics.extend(validate::validate(
        &portal,
        sources,
        memos.map(|m| &m.checks),
    ));
    let publish = portal.config.publish.clone();
    portal
        .communes
        .retain(|commune| publish.includes(commune.province.as_deref(), &commune.slug));
    let published: std::collections::HashSet<String> =
        portal.communes.iter().map(|c| c.key.clone()).collect();
    portal.plans.retain(|plan| {
        published.contains(&plan.commune)
            && (options.drafts || plan.meta.status != Some(Status::DuThao))
    });
    let used_provinces: Vec<Option<String>> =
        portal.communes.iter().map(|c| c.province.clone()).collect();
    portal
        .provinces
        .retain(|province| used_provinces.contains(&Some(province.slug.clone())));
    diagnostics.extend(warnings::warnings(
        &portal,
        sources,
        options.current_year,
        memos.map(|m| &m.warnings),
    ));
    (portal, diagnostics)
}

/// Parses a whole YAML file (no front matter) into `T`.
fn whole_file<T: serde::de::DeserializeOwned>(
    source: &SourceText,
    diagnostics: &mut Diagnostics,
) -> Option<T> {
    let yaml = YamlSource {
        file: &source.path,
        file_text: &source.text,
        yaml: &source.text,
        first_line: 1,
    };
    yaml::parse(&yaml).map_err(|d| diagnostics.push(d)).ok()
}

/// Whether `name` is one plain folder name: not empty, no separator, not `.` or `..`.
fn is_folder_name(name: &str) -> bool {
    let mut components = Path::new(name).components();
    matches!(components.next(), Some(std::path::Component::Normal(_)))
        && components.next().is_none()
        && !name.contains(['/', '\\'])
}

/// Parses a catalogue list, reporting a missing file.
fn catalogue_file<T: serde::de::DeserializeOwned + catalogue::CatalogueEntry>(
    source: Option<&SourceText>,
    path: &str,
    diagnostics: &mut Diagnostics,
) -> Vec<T> {
    match source {
        Some(source) => whole_file::<catalogue::CatalogueFile<T>>(source, diagnostics)
            .map(|file| file.0)
            .unwrap_or_default(),
        None => {
            diagnostics.push(
                Diagnostic::file(
                    "missing-catalogue",
                    Path::new(path),
                    format!("Thiếu tệp {path}"),
                    format!("The file {path} is missing"),
                )
                .with_help(
                    "mỗi cổng cần data/areas.yaml (các lĩnh vực) và data/indicators.yaml (danh mục chỉ tiêu)",
                    "every portal needs data/areas.yaml (the reform areas) and data/indicators.yaml (the indicator catalogue)",
                ),
            );
            Vec::new()
        }
    }
}

fn front_matter_source(file: &ContentFile) -> YamlSource<'_> {
    YamlSource {
        file: &file.path,
        file_text: &file.text,
        yaml: file.front_matter(),
        first_line: file.split.yaml_line,
    }
}

/// The most entries a plan's `targets`, `tasks` or `results` may list: ten times the longest
/// real plan, and a page a phone can still open.
pub const MAX_ITEMS: usize = 2_000;

fn parse_plan(file: &ContentFile, diagnostics: &mut Diagnostics) -> Option<Plan> {
    let source = front_matter_source(file);
    let meta: PlanMeta = yaml::parse(&source).map_err(|d| diagnostics.push(d)).ok()?;
    let lists = [
        ("targets", meta.targets.len()),
        ("tasks", meta.tasks.len()),
        ("results", meta.results.len()),
    ];
    if let Some((field, count)) = lists.into_iter().find(|(_, count)| *count > MAX_ITEMS) {
        let (line, column) = locate(source.yaml, &[Step::Key(field)]);
        diagnostics.push(
            source
                .diagnostic_at(
                    "too-many-items",
                    line,
                    column,
                    format!("“{field}” có {count} mục: một kế hoạch có tối đa {MAX_ITEMS} mục mỗi danh sách"),
                    format!("“{field}” has {count} entries: a plan has at most {MAX_ITEMS} per list"),
                )
                .with_help(
                    "tách thành các kế hoạch hoặc phụ lục riêng (kind: phu-luc), mỗi tệp một phần",
                    "split it into separate plans or appendices (kind: phu-luc), one part per file",
                ),
        );
        return None;
    }
    // The front matter is split into lines once for every target (each is located in it).
    let lines: Vec<&str> = source.yaml.lines().collect();
    let quote_locations = (0..meta.targets.len())
        .map(|index| {
            let path = [Step::Key("targets"), Step::Index(index), Step::Key("quote")];
            let (yaml_line, column) = locate_in(&lines, &path);
            SourceLocation {
                line: source.first_line + yaml_line - 1,
                column,
                line_text: lines.get(yaml_line - 1).copied().unwrap_or("").to_string(),
            }
        })
        .collect();
    Some(Plan {
        slug: slug::slugify(&file.stem),
        commune: file.folders.join("/"),
        source: file.path.clone(),
        meta: meta.into(),
        body: file.body().into(),
        body_line: file.split.body_line,
        quote_locations,
    })
}

/// Reads `kind` first to tell a province from a commune, then parses the matching type.
fn parse_place(file: &ContentFile, diagnostics: &mut Diagnostics) -> Option<ParsedContent> {
    #[derive(Deserialize)]
    struct KindOnly {
        kind: Option<String>,
    }
    let source = front_matter_source(file);
    // The probe ignores other fields, which would expand any alias: check the expansion first.
    let expands =
        yaml::may_have_aliases(source.yaml) && yaml::check_expansion(source.yaml).is_err();
    let probe: Option<KindOnly> = (!expands)
        .then(|| serde_yaml::from_str(source.yaml).ok())
        .flatten();
    let kind = probe.and_then(|probe| probe.kind).unwrap_or_default();
    let intro = file.body().to_string();
    let slug = slug::slugify(file.folders.last().map_or("", String::as_str));
    let is_province = matches!(kind.as_str(), "tinh" | "thanh-pho");
    if is_province && file.folders.len() == 1 {
        let meta: ProvinceMeta = yaml::parse(&source).map_err(|d| diagnostics.push(d)).ok()?;
        return Some(ParsedContent::Province(Province {
            slug,
            source: file.path.clone(),
            meta,
            intro,
        }));
    }
    if is_province || file.folders.is_empty() || file.folders.len() > 2 {
        let (line, column) = locate(source.yaml, &[Step::Key("kind")]);
        diagnostics.push(
            source
                .diagnostic_at(
                    "misplaced-index",
                    line,
                    column,
                    "Tệp _index.md nằm sai chỗ so với loại đơn vị (kind) của nó",
                    "This _index.md file is in the wrong folder for its kind of unit (kind)",
                )
                .with_help(
                    "tỉnh/thành phố (kind: tinh | thanh-pho): content/<tỉnh>/_index.md; xã/phường/đặc khu (kind: xa | phuong | dac-khu): content/<tỉnh>/<xã>/_index.md",
                    "province or city (kind: tinh | thanh-pho): content/<province>/_index.md; commune, ward or special zone (kind: xa | phuong | dac-khu): content/<province>/<commune>/_index.md",
                ),
        );
        return None;
    }
    let meta: CommuneMeta = yaml::parse(&source).map_err(|d| diagnostics.push(d)).ok()?;
    Some(ParsedContent::Commune(Commune {
        key: file.folders.join("/"),
        slug,
        province: (file.folders.len() == 2).then(|| slug::slugify(&file.folders[0])),
        source: file.path.clone(),
        meta,
        intro,
    }))
}

/// Indexes items by id, for lookups during validation and graph building.
pub fn by_id<T>(items: &[T], id: impl Fn(&T) -> &str) -> BTreeMap<&str, &T> {
    items.iter().map(|item| (id(item), item)).collect()
}
