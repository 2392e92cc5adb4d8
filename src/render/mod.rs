//! Stage 4, render: Markdown bodies, template contexts, charts and the Tera templates turn the site
//! graph into the bytes of every output file. Nothing is written to disk here.

mod chart;
mod format;
mod markdown;
mod pages;
mod templates;
pub mod view;

pub use markdown::{RenderedMarkdown, Section, TocEntry, collapse_whitespace, render_markdown};
pub use pages::PlanBody;
pub use templates::error_chain;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::graph::{OutputPath, Site};
use pages::Page;
use rayon::prelude::*;
use serde::Serialize;
use std::path::{Path, PathBuf};
use tera::{Context, Tera};
use walkdir::WalkDir;

/// What goes into one output file.
#[derive(Debug, Clone)]
pub enum Contents {
    /// Rendered bytes.
    Bytes(Vec<u8>),
    /// A file copied as it is (theme assets, attachments).
    Copy(PathBuf),
}

/// One file of the output directory.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Where it goes, relative to the output directory.
    pub path: OutputPath,
    /// What it holds.
    pub contents: Contents,
}

/// A fingerprint of every page's inputs (template and context), by output path: a page whose
/// fingerprint did not change since the previous build need not be rendered again.
pub type Fingerprints = std::collections::HashMap<String, u64>;

/// Everything the render stage produces: the files, and what later consumers of the pipeline (the
/// search index) need from the rendering.
pub struct Rendered {
    /// Every output file, but the pages left unrendered because their fingerprint did not change.
    pub files: Vec<OutputFile>,
    /// The fingerprint of every page (rendered or not).
    pub fingerprints: Fingerprints,
    /// How many pages were rendered.
    pub rendered_pages: usize,
    /// The open data files (generated once: the `du-lieu/` page lists them).
    pub open_data: crate::open_data::OpenData,
    /// Each plan's rendered body, in the order of [`Site::plans`].
    pub bodies: Vec<PlanBody>,
    /// Where each target of each plan links to.
    pub anchors: view::TargetAnchors,
}

/// Site-wide values every template sees as `site`.
#[derive(Serialize)]
struct SiteContext<'a> {
    title: &'a str,
    description: Option<&'a str>,
    publisher: Option<&'a str>,
    language: &'a str,
    /// Path prefix for every link (`/` or `/cchc/`).
    base: &'a str,
    /// Absolute address of the site root, ending in `/`.
    url: String,
}

/// Renders every page and lists every file to copy. Collects all problems before failing. With
/// `previous` fingerprints, pages whose inputs did not change are not rendered again (the dev
/// server keeps their files from the previous build).
pub fn render(
    site: &Site,
    root: &Path,
    previous: Option<&Fingerprints>,
    progress: &dyn crate::Progress,
) -> Result<Rendered, Diagnostics> {
    let mut tera = load(site, root)?;
    let (bodies, anchors, mut diagnostics) = pages::plan_bodies(site);
    let site_context = SiteContext {
        title: &site.config.title,
        description: site.config.description.as_deref(),
        publisher: site.config.publisher.as_deref(),
        language: &site.config.language,
        base: &site.base_path,
        url: absolute_root(&site.config.base_url),
    };
    let nav: Vec<_> = site
        .areas
        .iter()
        .map(|a| serde_json::json!({"name": a.area.short, "path": a.path}))
        .collect();
    tera.global_context().insert("site", &site_context);
    tera.global_context().insert("areas_nav", &nav);

    let open_data = crate::open_data::generate(site, &anchors);
    let mut pages = pages::all_pages(site, &bodies, &anchors, &open_data);
    let feeds = feeds(site, &pages);
    pages.extend(feeds);
    let fingerprints: Fingerprints = pages
        .par_iter()
        .map(|page| (page.output.clone(), fingerprint(page)))
        .collect();
    let changed = |page: &&Page| {
        previous.is_none_or(|old| old.get(&page.output) != fingerprints.get(&page.output))
    };
    let to_render: Vec<&Page> = pages.iter().filter(changed).collect();
    progress.begin("render", to_render.len());
    let rendered: Vec<Result<OutputFile, Diagnostic>> = to_render
        .par_iter()
        .map(|page| {
            let file = render_page(&tera, page, root, &site.config.theme);
            progress.advance(1);
            file
        })
        .collect();
    let rendered_pages = rendered.len();
    let mut files = Vec::with_capacity(rendered.len());
    for result in rendered {
        match result {
            Ok(file) => files.push(file),
            Err(problem) => diagnostics.push(problem),
        }
    }
    files.extend(static_files(root, &site.config.theme));
    files.extend(attachments(site, root));
    if diagnostics.is_empty() {
        Ok(Rendered {
            files,
            fingerprints,
            rendered_pages,
            open_data,
            bodies,
            anchors,
        })
    } else {
        Err(diagnostics)
    }
}

/// A hash of what a page is made of: its template, its output path and its whole context (maps
/// keep insertion order, so equal inputs give equal fingerprints).
fn fingerprint(page: &Page) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    page.template.hash(&mut hasher);
    page.output.hash(&mut hasher);
    format!("{:?}", page.context).hash(&mut hasher);
    hasher.finish()
}

fn load(site: &Site, root: &Path) -> Result<Tera, Diagnostics> {
    templates::load_templates(root, &site.config.theme)
}

fn render_page(
    tera: &Tera,
    page: &Page,
    root: &Path,
    theme: &str,
) -> Result<OutputFile, Diagnostic> {
    let template_file = || {
        let own = root.join("templates").join(page.template);
        if own.exists() {
            PathBuf::from("templates").join(page.template)
        } else {
            Path::new("themes")
                .join(theme)
                .join("templates")
                .join(page.template)
        }
    };
    let html = tera.render(page.template, &page.context).map_err(|error| {
        Diagnostic::file(
            "template-error",
            &template_file(),
            format!(
                "Lỗi khi dựng trang “/{}”: {}",
                page.output,
                error_chain(&error)
            ),
            format!(
                "Error while rendering the page “/{}”: {}",
                page.output,
                error_chain(&error)
            ),
        )
    })?;
    let path = OutputPath::new(&page.output).ok_or_else(|| {
        Diagnostic::file(
            "unsafe-output-path",
            &template_file(),
            format!("Đường dẫn đầu ra không an toàn: {}", page.output),
            format!("Unsafe output path: {}", page.output),
        )
    })?;
    Ok(OutputFile {
        path,
        contents: Contents::Bytes(html.into_bytes()),
    })
}

/// The Atom feed, the sitemap (every page of `pages`) and robots.txt, rendered from templates like
/// any page.
fn feeds(site: &Site, pages: &[Page]) -> Vec<Page> {
    let entries = pages::feed_entries(site);
    let paths: Vec<&str> = pages
        .iter()
        .filter_map(|page| page.output.strip_suffix("index.html"))
        .collect();
    // The feed changes when a plan does: its newest date (the decision date, or the first day of
    // the plan's period when the source gives no date).
    let updated = site
        .plans
        .iter()
        .map(|plan| {
            let meta = &plan.plan.meta;
            meta.decision
                .as_ref()
                .and_then(|d| d.date)
                .map_or_else(|| format!("{}-01-01", meta.period.from), |date| date.iso())
        })
        .max()
        .unwrap_or_else(|| "1970-01-01".to_string());
    ["atom.xml", "sitemap.xml", "robots.txt"]
        .into_iter()
        .map(|name| {
            let mut context = Context::new();
            context.insert("entries", &entries);
            context.insert("paths", &paths);
            context.insert("updated", &updated);
            Page {
                template: name,
                output: name.to_string(),
                context,
            }
        })
        .collect()
}

/// `https://host/sub/` from a base URL; a bare path stays a path.
fn absolute_root(base_url: &str) -> String {
    format!("{}/", base_url.trim_end_matches('/'))
}

/// The theme's `static/` folder, published under `assets/`.
fn static_files(root: &Path, theme: &str) -> Vec<OutputFile> {
    let dir = root.join("themes").join(theme).join("static");
    WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .filter_map(|entry| {
            let relative = entry.path().strip_prefix(&dir).ok()?;
            Some(OutputFile {
                path: OutputPath::new(Path::new("assets").join(relative))?,
                contents: Contents::Copy(entry.path().to_path_buf()),
            })
        })
        .collect()
}

/// Attachments listed by plans, published next to the plan page.
fn attachments(site: &Site, root: &Path) -> Vec<OutputFile> {
    site.plans
        .iter()
        .flat_map(|plan| {
            let folder = root.join(plan.plan.source.parent().unwrap_or(Path::new("")));
            plan.plan.meta.attachments.iter().filter_map(move |name| {
                Some(OutputFile {
                    path: OutputPath::new(format!("{}{name}", plan.path))?,
                    contents: Contents::Copy(folder.join(name)),
                })
            })
        })
        .collect()
}
