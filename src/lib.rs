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

pub mod config;
pub mod diagnostics;
pub mod graph;
pub mod import;
pub mod load;
pub mod model;
pub mod open_data;
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

/// What [`run`] produced: the files to write unless there were errors, and every diagnostic.
struct Run {
    output: Option<(Summary, Vec<render::OutputFile>)>,
    /// Fingerprints of every page, for a later preview rebuild.
    fingerprints: render::Fingerprints,
    diagnostics: Diagnostics,
}

impl Run {
    /// The summary (with its warnings) and files, or the errors alone.
    fn into_result(self) -> Result<(Summary, Vec<render::OutputFile>), Error> {
        let (errors, warnings) = self.diagnostics.into_errors_and_warnings();
        match self.output {
            Some((mut summary, files)) if errors.is_empty() => {
                summary.warnings = warnings;
                Ok((summary, files))
            }
            _ => Err(Error::Invalid(errors)),
        }
    }
}

/// Runs every stage except writing, returning what would be written. `current_year` enables the
/// warning about plans still in force after their period (the library never reads the clock, so
/// a run depends only on its inputs; the command line passes the year of its clock).
fn run(
    options: &BuildOptions,
    current_year: Option<i32>,
    previous: Option<&render::Fingerprints>,
    progress: &dyn Progress,
) -> Run {
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
    diagnostics.extend(parse_problems);
    timings.lap("parse");
    progress.begin("graph", 0);
    if let Some(base_url) = &options.base_url {
        portal.config.base_url = base_url.clone();
    }
    let (site, graph_problems) = graph::build_graph(portal);
    diagnostics.extend(graph_problems);
    timings.lap("graph");
    let mut fingerprints = render::Fingerprints::new();
    let mut rendered_pages = 0;
    let files = match render::render(&site, &options.root, previous, progress) {
        Ok(rendered) => {
            rendered_pages = rendered.rendered_pages;
            timings.lap("render");
            progress.begin("search index", 0);
            let mut index = search::build_index(&site, &rendered);
            timings.lap("search index");
            progress.begin("open data", 0);
            let mut data = open_data::build(rendered.open_data);
            timings.lap("open data");
            fingerprints = rendered.fingerprints;
            let mut files = rendered.files;
            files.append(&mut index);
            files.append(&mut data);
            files
        }
        Err(render_problems) => {
            diagnostics.extend(render_problems);
            Vec::new()
        }
    };
    if diagnostics.has_errors() {
        return Run {
            output: None,
            fingerprints,
            diagnostics,
        };
    }
    let summary = Summary {
        communes: site.communes.len(),
        plans: site.plans.len(),
        targets: site.plans.iter().map(|p| p.plan.meta.targets.len()).sum(),
        files: files.len(),
        rendered_pages,
        draft_pages: site
            .plans
            .iter()
            .filter(|p| p.plan.meta.status == Some(model::Status::DuThao))
            .map(|p| p.path.clone())
            .collect(),
        timings: timings.laps,
        warnings: Vec::new(),
    };
    Run {
        output: Some((summary, files)),
        fingerprints,
        diagnostics,
    }
}

/// Receives the progress of a run, for a progress bar on a terminal or plain lines in a log.
/// Stages are named as in [`Summary::timings`]: load, parse, graph, render, search index, open
/// data, write.
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
    run(&options, None, None, &Silent)
        .into_result()
        .map(|(summary, _)| summary)
}

/// Checks a portal as `options` say, without writing anything, and returns every error and
/// warning together (warnings too when there are errors), as `planportal check` prints them.
/// With `current_year`, plans still in force after their period are warned about.
pub fn check_with(options: &BuildOptions, current_year: Option<i32>) -> CheckReport {
    let Run {
        output,
        diagnostics,
        ..
    } = run(options, current_year, None, &Silent);
    let diagnostics = diagnostics.into_sorted();
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    CheckReport {
        summary: output.filter(|_| !has_errors).map(|(summary, _)| summary),
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

/// Like [`build_with`], telling `progress` each stage as it begins and each page rendered.
pub fn build_with_progress(
    options: &BuildOptions,
    current_year: Option<i32>,
    progress: &dyn Progress,
) -> Result<Summary, Error> {
    let (mut summary, files) = run(options, current_year, None, progress).into_result()?;
    progress.begin("write", files.len());
    let started = std::time::Instant::now();
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    write::write_site(&options.root, &out, &files)?;
    summary.timings.push(("write", started.elapsed()));
    Ok(summary)
}

/// What a preview (the dev server) remembers between builds to redo only what changed.
#[derive(Debug, Default)]
pub struct PreviewCache {
    fingerprints: render::Fingerprints,
    written: write::Written,
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
    let previous = reuse_pages.then_some(&cache.fingerprints);
    let run = run(options, current_year, previous, &Silent);
    let fingerprints = run.fingerprints.clone();
    let (mut summary, files) = run.into_result()?;
    let started = std::time::Instant::now();
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    // Pages left unrendered keep their file from the previous build.
    let produced: std::collections::HashSet<&Path> =
        files.iter().map(|f| f.path.as_path()).collect();
    let kept: Vec<&str> = fingerprints
        .keys()
        .map(String::as_str)
        .filter(|page| !produced.contains(Path::new(page)))
        .collect();
    if !reuse_pages {
        cache.written = write::Written::default();
    }
    write::write_in_place(&options.root, &out, &files, &kept, &mut cache.written)?;
    cache.fingerprints = fingerprints;
    summary.timings.push(("write", started.elapsed()));
    Ok(summary)
}
