//! Stage 4, render: Markdown bodies, template contexts, charts and the Tera templates turn the site
//! graph into the bytes of every output file, handed to the write stage's [`Sink`] one by one as
//! they are made (in parallel), so the output is never held in memory as a whole.

mod chart;
mod format;
mod markdown;
mod pages;
mod templates;
pub mod view;

pub(crate) use markdown::escape;
pub use markdown::{RenderedMarkdown, Section, TocEntry, collapse_whitespace, render_markdown};
pub use pages::Job;
pub use templates::error_chain;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::graph::{OutputPath, Site};
use crate::write::{Contents, Sink, WriteError};
use pages::Page;
use rayon::prelude::*;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tera::{Context, Tera};
use view::TargetAnchors;
use walkdir::WalkDir;

/// A fingerprint of every page's inputs (template and context), by output path: a page whose
/// fingerprint did not change since the previous build need not be rendered again.
pub type Fingerprints = std::collections::HashMap<String, u64>;

/// How to render: for a build, every page; for a preview, only pages whose fingerprint changed.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions<'a> {
    /// Compute the fingerprint of every page (a preview keeps them for its next build).
    pub fingerprints: bool,
    /// Fingerprints of the previous build: pages whose fingerprint is unchanged are not rendered.
    pub previous: Option<&'a Fingerprints>,
}

/// What the render stage leaves for the later consumers of the pipeline (the search index, open
/// data): every page is already in the sink.
pub struct Rendered {
    /// The fingerprint of every page (rendered or not), when asked for.
    pub fingerprints: Fingerprints,
    /// Every page's output path (rendered or not).
    pub pages: Vec<String>,
    /// How many pages were rendered.
    pub rendered_pages: usize,
    /// The output paths of each job's pages, in the order of [`Job::all`].
    pub job_pages: Vec<Vec<String>>,
    /// Each plan's text split at headings, in the order of [`Site::plans`].
    pub sections: Vec<Vec<Section>>,
    /// Where each target of each plan links to.
    pub anchors: view::TargetAnchors,
}

/// Why rendering failed.
#[derive(Debug)]
pub enum RenderError {
    /// Template or content problems, every one found.
    Invalid(Diagnostics),
    /// A rendered file could not be written.
    Write(WriteError),
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

/// A rendered plan: its text by section and its targets' anchors (for search and the other
/// pages), its problems, and what became of its page.
struct RenderedPlan {
    sections: Vec<Section>,
    anchors: Vec<String>,
    problems: Vec<Diagnostic>,
    outcome: Outcome,
}

/// What rendering one page came to.
struct Outcome {
    output: String,
    fingerprint: Option<u64>,
    rendered: bool,
}

/// What rendering the pages of some jobs came to.
#[derive(Default)]
struct JobsDone {
    /// Template problems.
    problems: Vec<Diagnostic>,
    /// For each job, the pages rendered.
    outcomes: Vec<Vec<Outcome>>,
    /// For each job, the output path of every page (rendered or not).
    outputs: Vec<Vec<String>>,
}

/// Which pages of a job [`render_some`] renders.
#[derive(Debug, Clone, Copy)]
pub enum JobPages<'a> {
    /// Every page.
    All,
    /// The pages that show the whole job, and those listing rows of these communes (for an edit
    /// of their plans that left the job's [`Job::layout`] as it was).
    Of(&'a std::collections::BTreeSet<usize>),
}

impl JobPages<'_> {
    /// Whether a page of this scope is rendered.
    fn includes(self, scope: &pages::Scope) -> bool {
        match (self, scope) {
            (JobPages::All, _) | (_, pages::Scope::Job) => true,
            (JobPages::Of(edited), pages::Scope::Communes(communes)) => {
                communes.iter().any(|c| edited.contains(c))
            }
        }
    }
}

/// Renders every page in parallel, putting each file into `sink` as soon as it is made, and
/// copies the theme's assets and the attachments. Collects every template problem before failing.
pub fn render(
    site: &Site,
    root: &Path,
    options: RenderOptions<'_>,
    sink: &dyn Sink,
    progress: &dyn crate::Progress,
) -> Result<Rendered, RenderError> {
    let tera = site_templates(site, root)?;
    let renderer = Renderer {
        tera: &tera,
        root,
        theme: &site.config.theme,
        options,
        sink,
        failed: Mutex::new(None),
    };

    // Plan pages first, each right after its body: the body's HTML is dropped once its page is
    // written, only its text (for search) and its anchors stay.
    let jobs = pages::Job::all(site);
    progress.begin("render", site.plans.len() + jobs.len() + 1);
    let plans: Vec<RenderedPlan> = (0..site.plans.len())
        .into_par_iter()
        .map(|index| {
            let plan = renderer.plan(site, index);
            progress.advance(1);
            plan
        })
        .collect();
    let mut diagnostics = Diagnostics::default();
    let mut outcomes = Vec::new();
    let mut sections = Vec::with_capacity(plans.len());
    let mut anchors = Vec::with_capacity(plans.len());
    for plan in plans {
        sections.push(plan.sections);
        anchors.push(plan.anchors);
        plan.problems.into_iter().for_each(|p| diagnostics.push(p));
        outcomes.push(plan.outcome);
    }

    let open_data = crate::open_data::generate(site, &anchors, sink).map_err(RenderError::Write)?;
    let every: Vec<(Job, JobPages)> = jobs.iter().map(|&job| (job, JobPages::All)).collect();
    let done = renderer.jobs(site, &every, &anchors, &open_data, progress);
    done.problems.into_iter().for_each(|p| diagnostics.push(p));
    let job_pages = done.outputs;
    outcomes.extend(done.outcomes.into_iter().flatten());
    let paths: Vec<&str> = outcomes
        .iter()
        .filter_map(|o| o.output.strip_suffix("index.html"))
        .collect();
    let mut problems = Vec::new();
    let feeds: Vec<Outcome> = feeds(site, &paths)
        .into_iter()
        .map(|page| renderer.page(page, &mut problems))
        .collect();
    progress.advance(1);
    problems.into_iter().for_each(|p| diagnostics.push(p));
    outcomes.extend(feeds);
    static_files(root, &site.config.theme)
        .into_iter()
        .chain(attachments(site, root))
        .for_each(|(path, source)| renderer.put(&path, Contents::Copy(source)));
    renderer.finish(diagnostics)?;
    let rendered_pages = outcomes.iter().filter(|o| o.rendered).count();
    let fingerprints = outcomes
        .iter()
        .filter_map(|o| o.fingerprint.map(|f| (o.output.clone(), f)))
        .collect();
    Ok(Rendered {
        fingerprints,
        pages: outcomes.into_iter().map(|o| o.output).collect(),
        rendered_pages,
        job_pages,
        sections,
        anchors,
    })
}

/// What [`render_some`] rendered.
pub struct Partial {
    /// Output path of every page rendered, in the order rendered.
    pub rendered: Vec<String>,
    /// For each plan rendered, in the order asked: its index in [`Site::plans`], its text split at
    /// headings and its targets' anchors (what a search index needs to index it again).
    pub plans: Vec<(usize, Vec<Section>, Vec<String>)>,
    /// The output paths of each job's pages, in the order asked.
    pub job_pages: Vec<Vec<String>>,
}

/// Renders only the plan pages of `plans`, then the pages of `jobs` (each with the pages it asks
/// for), and the Atom feed when `atom` says so: a preview's rebuild after a change whose
/// consequences it knows (one that leaves every page's address, hence the sitemap, as it was). `anchors` (every plan's, from the previous render) are
/// updated for the plans rendered before the jobs read them. The open data page is not rendered
/// (its figures come from the open data, not regenerated here): leave [`Job::OpenData`] out.
pub fn render_some(
    site: &Site,
    root: &Path,
    plans: &[usize],
    jobs: &[(Job, JobPages<'_>)],
    anchors: &mut TargetAnchors,
    atom: bool,
    sink: &dyn Sink,
) -> Result<Partial, RenderError> {
    let tera = site_templates(site, root)?;
    let renderer = Renderer {
        tera: &tera,
        root,
        theme: &site.config.theme,
        options: RenderOptions::default(),
        sink,
        failed: Mutex::new(None),
    };
    let done: Vec<RenderedPlan> = plans
        .par_iter()
        .map(|&index| renderer.plan(site, index))
        .collect();
    let mut diagnostics = Diagnostics::default();
    let mut rendered = Vec::new();
    let mut rendered_plans = Vec::with_capacity(done.len());
    for (&index, plan) in plans.iter().zip(done) {
        plan.problems.into_iter().for_each(|p| diagnostics.push(p));
        rendered.extend(plan.outcome.rendered.then_some(plan.outcome.output));
        anchors[index] = plan.anchors.clone();
        rendered_plans.push((index, plan.sections, plan.anchors));
    }
    let no_data = crate::open_data::OpenData {
        tables: Vec::new(),
        files: Vec::new(),
    };
    let done = renderer.jobs(site, jobs, anchors, &no_data, &crate::Silent);
    done.problems.into_iter().for_each(|p| diagnostics.push(p));
    let job_pages = done.outputs;
    rendered.extend(
        done.outcomes
            .into_iter()
            .flatten()
            .filter(|o| o.rendered)
            .map(|o| o.output),
    );
    if atom {
        let mut problems = Vec::new();
        let outcome = renderer.page(atom_feed(site), &mut problems);
        rendered.extend(outcome.rendered.then_some(outcome.output));
        problems.into_iter().for_each(|p| diagnostics.push(p));
    }
    renderer.finish(diagnostics)?;
    Ok(Partial {
        rendered,
        plans: rendered_plans,
        job_pages,
    })
}

/// The templates of the site's theme (and its own overrides), with the values every page shares.
fn site_templates(site: &Site, root: &Path) -> Result<Tera, RenderError> {
    let mut tera =
        templates::load_templates(root, &site.config.theme).map_err(RenderError::Invalid)?;
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
    Ok(tera)
}

/// Renders pages and puts them into the sink; remembers the first write error.
struct Renderer<'a> {
    tera: &'a Tera,
    root: &'a Path,
    theme: &'a str,
    options: RenderOptions<'a>,
    sink: &'a dyn Sink,
    failed: Mutex<Option<WriteError>>,
}

impl Renderer<'_> {
    /// Renders one plan's body and page.
    fn plan(&self, site: &Site, index: usize) -> RenderedPlan {
        let (body, anchors, mut problems) = pages::plan_body(site, index);
        let page = pages::plan(site, &body, &anchors, index);
        let outcome = self.page(page, &mut problems);
        RenderedPlan {
            sections: body.sections,
            anchors,
            problems,
            outcome,
        }
    }

    /// Renders the pages of `jobs` (those each asks for) in parallel: their problems, each job's
    /// outcomes (of the pages rendered) and each job's output paths (of every page).
    fn jobs(
        &self,
        site: &Site,
        jobs: &[(Job, JobPages<'_>)],
        anchors: &TargetAnchors,
        open_data: &crate::open_data::OpenData,
        progress: &dyn crate::Progress,
    ) -> JobsDone {
        let pages: Vec<(Vec<Diagnostic>, Vec<Outcome>, Vec<String>)> = jobs
            .par_iter()
            .map(|&(job, wanted)| {
                let pages = job.pages(site, anchors, open_data);
                let outputs = pages.iter().map(|page| page.output.clone()).collect();
                // A job's pages (an area's hundreds at national scale) render in parallel too.
                let (problems, done): (Vec<Vec<Diagnostic>>, Vec<Outcome>) = pages
                    .into_par_iter()
                    .filter(|page| wanted.includes(&page.scope))
                    .map(|page| {
                        let mut problems = Vec::new();
                        let outcome = self.page((page.make)(), &mut problems);
                        (problems, outcome)
                    })
                    .unzip();
                progress.advance(1);
                let problems = problems.into_iter().flatten().collect::<Vec<_>>();
                (problems, done, outputs)
            })
            .collect();
        let mut done = JobsDone::default();
        for (problems, outcomes, outputs) in pages {
            done.problems.extend(problems);
            done.outcomes.push(outcomes);
            done.outputs.push(outputs);
        }
        done
    }

    /// The first write error, else the template problems, else nothing.
    fn finish(self, diagnostics: Diagnostics) -> Result<(), RenderError> {
        if let Some(error) = self.failed.into_inner().unwrap_or_else(|p| p.into_inner()) {
            return Err(RenderError::Write(error));
        }
        if !diagnostics.is_empty() {
            return Err(RenderError::Invalid(diagnostics));
        }
        Ok(())
    }

    /// Renders `page` unless its fingerprint is unchanged; a template problem goes to `problems`.
    fn page(&self, page: Page, problems: &mut Vec<Diagnostic>) -> Outcome {
        let fingerprint = self.options.fingerprints.then(|| fingerprint(&page));
        let unchanged = self.options.previous.is_some_and(|old| {
            fingerprint.is_some() && old.get(&page.output) == fingerprint.as_ref()
        });
        let mut outcome = Outcome {
            output: page.output.clone(),
            fingerprint,
            rendered: false,
        };
        if unchanged {
            return outcome;
        }
        match render_page(self.tera, &page, self.root, self.theme) {
            Ok((path, html)) => {
                self.put(&path, Contents::Bytes(html));
                outcome.rendered = true;
            }
            Err(problem) => problems.push(problem),
        }
        outcome
    }

    fn put(&self, path: &OutputPath, contents: Contents) {
        if let Err(error) = self.sink.put(path, contents) {
            let mut failed = self.failed.lock().unwrap_or_else(|p| p.into_inner());
            failed.get_or_insert(error);
        }
    }
}

/// A hash of what a page is made of: its template, its output path and its whole context (maps
/// keep insertion order, so equal inputs give equal fingerprints).
fn fingerprint(page: &Page) -> u64 {
    use std::fmt::Write as _;
    use std::hash::{Hash, Hasher};
    /// Feeds formatted text straight into a hasher (a national page's context is megabytes: no
    /// string is built for it).
    struct HashWriter<'a>(&'a mut std::collections::hash_map::DefaultHasher);
    impl std::fmt::Write for HashWriter<'_> {
        fn write_str(&mut self, text: &str) -> std::fmt::Result {
            self.0.write(text.as_bytes());
            Ok(())
        }
    }
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    page.template.hash(&mut hasher);
    page.output.hash(&mut hasher);
    let _ = write!(HashWriter(&mut hasher), "{:?}", page.context);
    hasher.finish()
}

fn render_page(
    tera: &Tera,
    page: &Page,
    root: &Path,
    theme: &str,
) -> Result<(OutputPath, Vec<u8>), Diagnostic> {
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
    // Rendered as bytes, written as bytes: Tera's `render` would check the whole page is UTF-8
    // again to make a String of it.
    let mut html = Vec::new();
    tera.render_to(page.template, &page.context, &mut html)
        .map_err(|error| {
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
    Ok((path, html))
}

/// The Atom feed, the sitemap (every page of `pages`) and robots.txt, rendered from templates like
/// any page.
fn feeds(site: &Site, paths: &[&str]) -> Vec<Page> {
    let mut sitemap = Context::new();
    sitemap.insert("paths", paths);
    vec![
        atom_feed(site),
        feed_page("sitemap.xml", sitemap),
        feed_page("robots.txt", Context::new()),
    ]
}

/// The Atom feed: every plan, newest first.
fn atom_feed(site: &Site) -> Page {
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
    let mut context = Context::new();
    context.insert("entries", &pages::feed_entries(site));
    context.insert("updated", &updated);
    feed_page("atom.xml", context)
}

fn feed_page(name: &'static str, context: Context) -> Page {
    Page {
        template: name,
        output: name.to_string(),
        context,
    }
}

/// `https://host/sub/` from a base URL; a bare path stays a path.
pub(crate) fn absolute_root(base_url: &str) -> String {
    format!("{}/", base_url.trim_end_matches('/'))
}

/// The theme's `static/` folder, published under `assets/`.
fn static_files(root: &Path, theme: &str) -> Vec<(OutputPath, PathBuf)> {
    let dir = root.join("themes").join(theme).join("static");
    WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .filter_map(|entry| {
            let relative = entry.path().strip_prefix(&dir).ok()?;
            Some((
                OutputPath::new(Path::new("assets").join(relative))?,
                entry.path().to_path_buf(),
            ))
        })
        .collect()
}

/// Attachments listed by plans, published next to the plan page.
fn attachments(site: &Site, root: &Path) -> Vec<(OutputPath, PathBuf)> {
    site.plans
        .iter()
        .flat_map(|plan| {
            let folder = root.join(plan.plan.source.parent().unwrap_or(Path::new("")));
            plan.plan.meta.attachments.iter().filter_map(move |name| {
                Some((
                    OutputPath::new(format!("{}{name}", plan.path))?,
                    folder.join(name),
                ))
            })
        })
        .collect()
}
