//! planportal: a static site generator for Vietnamese commune-level public administration
//! reform plans.
//!
//! The build is a one-way pipeline whose stages are the modules below:
//! [`load`] (read files, split front matter) → [`model`] (typed content, validation) →
//! [`graph`] (communes, plans, indicators, areas, links, output paths) → [`render`] (Markdown,
//! templates, charts) → [`write`] (atomic publish). [`search`] stands beside the pipeline: it
//! reads the graph and the rendered bodies and adds the index files to what is written; so does
//! [`open_data`] (CSV, JSON and `datapackage.json` under `du-lieu/`). Each stage collects every problem it finds, so
//! a run reports them all; nothing is published while any remains.

#![warn(missing_docs)]

pub mod config;
pub mod diagnostics;
pub mod graph;
pub mod load;
pub mod model;
pub mod open_data;
pub mod render;
pub mod search;
pub mod write;

use diagnostics::Diagnostic;
use std::path::{Path, PathBuf};

/// What to build and where.
#[derive(Debug, Clone)]
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
    /// How long each stage took (writing included for a build).
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

/// Why a run failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The sources have problems; nothing was published.
    #[error("{} problem(s) in the sources", .0.len())]
    Invalid(Vec<Diagnostic>),
    /// The output could not be written; the previous output is untouched.
    #[error(transparent)]
    Write(#[from] write::WriteError),
}

/// Runs every stage except writing, returning what would be written.
fn run(options: &BuildOptions) -> Result<(Summary, Vec<render::OutputFile>), Error> {
    let mut timings = Timings::start();
    let (sources, mut diagnostics) = load::load(&options.root);
    timings.lap("load");
    let (mut portal, parse_problems) = model::parse(
        &sources,
        model::ParseOptions {
            drafts: options.drafts,
        },
    );
    diagnostics.extend(parse_problems);
    timings.lap("parse");
    if let Some(base_url) = &options.base_url {
        portal.config.base_url = base_url.clone();
    }
    let (site, graph_problems) = graph::build_graph(portal);
    diagnostics.extend(graph_problems);
    timings.lap("graph");
    let files = match render::render(&site, &options.root) {
        Ok(rendered) => {
            timings.lap("render");
            let mut index = search::build_index(&site, &rendered);
            timings.lap("search index");
            let mut data = open_data::build(&site, &rendered);
            timings.lap("open data");
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
    if !diagnostics.is_empty() {
        return Err(Error::Invalid(diagnostics.into_sorted()));
    }
    let summary = Summary {
        communes: site.communes.len(),
        plans: site.plans.len(),
        targets: site.plans.iter().map(|p| p.plan.meta.targets.len()).sum(),
        files: files.len(),
        timings: timings.laps,
    };
    Ok((summary, files))
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

/// Checks a portal without writing anything: every problem, or figures about what would be built.
/// Drafts are checked too: an editor wants to hear about a draft's mistakes before publishing it.
pub fn check(root: &Path) -> Result<Summary, Error> {
    let options = BuildOptions {
        root: root.to_path_buf(),
        out: None,
        base_url: None,
        drafts: true,
    };
    run(&options).map(|(summary, _)| summary)
}

/// Builds a portal and publishes it atomically.
pub fn build(options: &BuildOptions) -> Result<Summary, Error> {
    let (mut summary, files) = run(options)?;
    let started = std::time::Instant::now();
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    write::write_site(&options.root, &out, &files)?;
    summary.timings.push(("write", started.elapsed()));
    Ok(summary)
}
