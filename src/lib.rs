//! planportal: a static site generator for Vietnamese commune-level public administration
//! reform plans.
//!
//! The build is a one-way pipeline whose stages are the modules below:
//! [`load`] (read files, split front matter) → [`model`] (typed content, validation) →
//! [`graph`] (communes, plans, indicators, areas, links, output paths) → [`render`] (Markdown,
//! templates, charts) → [`write`] (atomic publish). [`search`] stands beside the pipeline: it
//! reads the graph and the rendered bodies and adds the index files to what is written; so does
//! [`open_data`] (CSV, JSON and `datapackage.json` under `du-lieu/`). Each stage collects every problem it finds, so
//! a run reports them all; nothing is published while any error remains. Warnings (probable
//! mistakes, see [`diagnostics::Severity`]) are reported beside a successful run and never stop it.

#![warn(missing_docs)]

pub mod admin;
pub mod config;
pub mod diagnostics;
pub mod graph;
pub mod import;
pub mod load;
pub mod model;
pub mod open_data;
pub mod preview;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod write;

use diagnostics::{Diagnostic, Diagnostics};
use std::path::{Path, PathBuf};

/// What to build and where.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The portal directory (with `site.yaml`, `content/`, `data/`, `themes/`).
    pub root: PathBuf,
    /// Output directory; `public/` under the root when absent.
    pub out: Option<PathBuf>,
    /// Overrides `base_url` of `site.yaml`.
    pub base_url: Option<String>,
    /// Publish drafts (`status: du-thao`) too.
    pub drafts: bool,
}

/// Figures about a successful run.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Communes published.
    pub communes: usize,
    /// Plans published.
    pub plans: usize,
    /// Targets published.
    pub targets: usize,
    /// Files written (or that would be written).
    pub files: usize,
    /// Pages rendered (fewer than all pages when a preview rebuild reuses unchanged ones).
    pub rendered_pages: usize,
    /// Output paths of the pages rendered, when an incremental preview rebuild lists them
    /// ([`preview::Preview`]); empty otherwise.
    pub rendered: Vec<String>,
    /// Output files an incremental preview rebuild left as the last full build made them (the
    /// open data, the search index): the next full build brings them up to date.
    pub deferred: Vec<&'static str>,
    /// The search index files an incremental preview rebuild wrote: the delta segment of the
    /// plans edited since the last full build, and `meta.json` pointing at it.
    pub reindexed: Vec<String>,
    /// Output directories of the draft plans published (`status: du-thao`, only with `drafts`),
    /// relative to the site root (`hai-phong/tue-tinh/ke-hoach-2026/`); the dev server marks them.
    pub draft_pages: Vec<String>,
    /// How long each stage took (writing included for a build).
    pub timings: Vec<(&'static str, std::time::Duration)>,
    /// Warnings: probable mistakes that did not stop the run, sorted by file and position.
    pub warnings: Vec<Diagnostic>,
}

/// Everything [`check_with`] found: figures when the portal would build, and every diagnostic.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    /// Figures about what would be built; `None` when there are errors. Its `warnings` are left
    /// empty: they are in `diagnostics`.
    pub summary: Option<Summary>,
    /// Every error and warning, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
}

impl CheckReport {
    /// True when at least one diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Why a run failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The sources have errors (warnings are not listed here); nothing was published.
    #[error("{} problem(s) in the sources", .0.len())]
    Invalid(Vec<Diagnostic>),
    /// The output could not be written; the previous output is untouched.
    #[error(transparent)]
    Write(#[from] write::WriteError),
}

/// What [`run`] produced: figures unless there were errors, and every diagnostic.
struct Run {
    summary: Option<Summary>,
    /// Fingerprints of every page, for a later preview rebuild (empty unless asked for).
    fingerprints: render::Fingerprints,
    /// Output path of every page (rendered or not).
    pages: Vec<String>,
    /// Where each plan's targets link to.
    anchors: render::view::TargetAnchors,
    /// The output paths of each job's pages, in the order of [`render::Job::all`].
    job_pages: Vec<Vec<String>>,
    /// What a later delta of the search index needs to know about it (none when nothing was
    /// built).
    search: Option<search::IndexBase>,
    diagnostics: Diagnostics,
}

impl Run {
    /// The summary (with its warnings), or the errors alone.
    fn into_result(self) -> Result<Summary, Error> {
        let (errors, warnings) = self.diagnostics.into_errors_and_warnings();
        match self.summary {
            Some(mut summary) if errors.is_empty() => {
                summary.warnings = warnings;
                Ok(summary)
            }
            _ => Err(Error::Invalid(errors)),
        }
    }
}

/// Runs every stage, putting every output file into `sink` as it is made (the caller publishes
/// or discards it). `current_year` enables the warning about plans still in force after their
/// period (the library never reads the clock, so a run depends only on its inputs; the command
/// line passes the year of its clock).
fn run(
    options: &BuildOptions,
    current_year: Option<i32>,
    render_options: render::RenderOptions<'_>,
    sink: &dyn write::Sink,
    progress: &dyn Progress,
) -> Result<Run, write::WriteError> {
    let mut timings = Timings::start();
    progress.begin("load", 0);
    let (sources, mut diagnostics) = load::load(&options.root);
    timings.lap("load");
    progress.begin("parse", sources.content.len());
    let (mut portal, parse_problems) = model::parse(
        &sources,
        model::ParseOptions {
            drafts: options.drafts,
            current_year,
        },
    );
    drop(sources);
    diagnostics.extend(parse_problems);
    timings.lap("parse");
    progress.begin("graph", 0);
    if let Some(base_url) = &options.base_url {
        portal.config.base_url = base_url.clone();
    }
    let (mut site, graph_problems) = graph::build_graph(portal);
    diagnostics.extend(graph_problems);
    timings.lap("graph");
    let failed = |diagnostics| Run {
        summary: None,
        fingerprints: render::Fingerprints::new(),
        pages: Vec::new(),
        anchors: Vec::new(),
        job_pages: Vec::new(),
        search: None,
        diagnostics,
    };
    if diagnostics.has_errors() {
        // Still render into nothing, to report template problems too.
        let nowhere = write::Discard::default();
        if let Err(render::RenderError::Invalid(problems)) =
            render::render(&site, &options.root, render_options, &nowhere, &Silent)
        {
            diagnostics.extend(problems);
        }
        return Ok(failed(diagnostics));
    }
    let rendered = match render::render(&site, &options.root, render_options, sink, progress) {
        Ok(rendered) => rendered,
        Err(render::RenderError::Invalid(problems)) => {
            diagnostics.extend(problems);
            return Ok(failed(diagnostics));
        }
        Err(render::RenderError::Write(error)) => return Err(error),
    };
    timings.lap("render");
    // Every page is written: the plans' Markdown sources are no longer needed (the index reads
    // the rendered text), and a national site's bodies are hundreds of megabytes.
    for plan in &mut site.plans {
        plan.plan.body = "".into();
    }
    progress.begin("search index", 0);
    let search = search::build_index(&site, &rendered, sink)?;
    timings.lap("search index");
    admin::write_admin(&site, sink)?;
    let render::Rendered {
        fingerprints,
        pages,
        rendered_pages,
        anchors,
        job_pages,
        ..
    } = rendered;
    let summary = Summary {
        rendered_pages,
        timings: timings.laps,
        ..summarize(&site)
    };
    Ok(Run {
        summary: Some(summary),
        fingerprints,
        pages,
        anchors,
        job_pages,
        search: Some(search),
        diagnostics,
    })
}

/// The figures of a site (nothing rendered, no timings, no warnings yet).
pub(crate) fn summarize(site: &graph::Site) -> Summary {
    Summary {
        communes: site.communes.len(),
        plans: site.plans.len(),
        targets: site.plans.iter().map(|p| p.plan.meta.targets.len()).sum(),
        draft_pages: site
            .plans
            .iter()
            .filter(|p| p.plan.meta.status == Some(model::Status::DuThao))
            .map(|p| p.path.clone())
            .collect(),
        ..Summary::default()
    }
}

/// Receives the progress of a run, for a progress bar on a terminal or plain lines in a log.
/// Stages are named as in [`Summary::timings`]: load, parse, graph, render (pages and open data),
/// search index, write.
pub trait Progress: Sync {
    /// A stage begins, with how many items it has when that is known (0 otherwise).
    fn begin(&self, stage: &'static str, total: usize);
    /// `done` more items of the current stage are finished.
    fn advance(&self, done: usize);
}

/// Progress that is not shown.
pub struct Silent;

impl Progress for Silent {
    fn begin(&self, _stage: &'static str, _total: usize) {}
    fn advance(&self, _done: usize) {}
}

/// Wall-clock time of each stage, for `--timings` and benchmarks.
struct Timings {
    last: std::time::Instant,
    laps: Vec<(&'static str, std::time::Duration)>,
}

impl Timings {
    fn start() -> Self {
        Timings {
            last: std::time::Instant::now(),
            laps: Vec::new(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = std::time::Instant::now();
        self.laps.push((stage, now - self.last));
        self.last = now;
    }
}

/// Checks a portal without writing anything: every error, or figures about what would be built
/// (with the warnings). Drafts are checked too: an editor wants to hear about a draft's mistakes
/// before publishing it. No current year is known here, so plans whose period has ended are not
/// warned about; [`check_with`] takes one.
pub fn check(root: &Path) -> Result<Summary, Error> {
    let options = BuildOptions {
        root: root.to_path_buf(),
        out: None,
        base_url: None,
        drafts: true,
    };
    let nowhere = write::Discard::default();
    let mut summary = run(&options, None, Default::default(), &nowhere, &Silent)?.into_result()?;
    summary.files = nowhere.count();
    Ok(summary)
}

/// Checks a portal as `options` say, without writing anything, and returns every error and
/// warning together (warnings too when there are errors), as `planportal check` prints them.
/// With `current_year`, plans still in force after their period are warned about.
pub fn check_with(options: &BuildOptions, current_year: Option<i32>) -> CheckReport {
    let nowhere = write::Discard::default();
    let Ok(Run {
        summary,
        diagnostics,
        ..
    }) = run(options, current_year, Default::default(), &nowhere, &Silent)
    else {
        unreachable!("writing nowhere cannot fail")
    };
    let diagnostics = diagnostics.into_sorted();
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    CheckReport {
        summary: summary.filter(|_| !has_errors).map(|mut summary| {
            summary.files = nowhere.count();
            summary
        }),
        diagnostics,
    }
}

/// Builds a portal and publishes it atomically. Warnings are in the returned summary.
pub fn build(options: &BuildOptions) -> Result<Summary, Error> {
    build_with(options, None)
}

/// Like [`build`]; with `current_year`, plans still in force after their period are warned about.
pub fn build_with(options: &BuildOptions, current_year: Option<i32>) -> Result<Summary, Error> {
    build_with_progress(options, current_year, &Silent)
}

/// Like [`build_with`], telling `progress` each stage as it begins and each page rendered. Files
/// are written into a staging directory as they are rendered; the staging directory replaces the
/// output only when the whole build succeeded.
pub fn build_with_progress(
    options: &BuildOptions,
    current_year: Option<i32>,
    progress: &dyn Progress,
) -> Result<Summary, Error> {
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    let staging = write::Staging::create(&options.root, &out)?;
    let mut summary = run(
        options,
        current_year,
        Default::default(),
        &staging,
        progress,
    )?
    .into_result()?;
    progress.begin("write", 0);
    let started = std::time::Instant::now();
    summary.files = staging.count();
    staging.publish()?;
    summary.timings.push(("write", started.elapsed()));
    Ok(summary)
}

/// What a preview (the dev server) remembers between builds to redo only what changed.
#[derive(Debug, Default)]
pub struct PreviewCache {
    fingerprints: render::Fingerprints,
    written: write::Written,
    /// Output path of every page of the last good build.
    pages: Vec<String>,
    /// Where each plan's targets link to, as of the last good build.
    anchors: render::view::TargetAnchors,
    /// The output paths of each job's pages, in the order of [`render::Job::all`].
    job_pages: Vec<Vec<String>>,
    /// The search index of the last full build, which incremental rebuilds amend with a delta.
    search: Option<search::IndexBase>,
}

/// Builds for a preview, in place: pages whose inputs did not change since the previous call are
/// not rendered again, and only files whose bytes changed are written (files no longer produced are
/// removed). Not atomic, unlike [`build`]: for the dev server only. `reuse_pages` must be false
/// when templates, the theme, the catalogues or `site.yaml` changed.
pub fn build_preview(
    options: &BuildOptions,
    current_year: Option<i32>,
    cache: &mut PreviewCache,
    reuse_pages: bool,
) -> Result<Summary, Error> {
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    let previous = if reuse_pages {
        std::mem::take(&mut cache.written)
    } else {
        write::Written::default()
    };
    let sink = write::InPlace::new(&options.root, &out, previous)?;
    let render_options = render::RenderOptions {
        fingerprints: true,
        previous: reuse_pages.then_some(&cache.fingerprints),
    };
    let mut run = match run(options, current_year, render_options, &sink, &Silent) {
        Ok(run) => run,
        Err(error) => {
            cache.written = sink.abandon();
            return Err(error.into());
        }
    };
    let fingerprints = run.fingerprints.clone();
    let pages = run.pages.clone();
    let anchors = run.anchors.clone();
    let job_pages = run.job_pages.clone();
    let search = run.search.take();
    let started = std::time::Instant::now();
    let mut summary = match run.into_result() {
        Ok(summary) => summary,
        Err(error) => {
            // Nothing was written: the files of the last good build stay as they are.
            cache.written = sink.abandon();
            return Err(error);
        }
    };
    // Pages left unrendered keep their file from the previous build.
    let written = sink.finish(pages.iter().map(Path::new))?;
    summary.files = written.len();
    cache.written = written;
    cache.fingerprints = fingerprints;
    cache.pages = pages;
    cache.anchors = anchors;
    cache.job_pages = job_pages;
    cache.search = search;
    summary.timings.push(("write", started.elapsed()));
    Ok(summary)
}
