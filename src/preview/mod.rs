//! The incremental preview of the dev server: it keeps every source, loaded and parsed, between
//! rebuilds, and after an edit of plan files reads and parses only those files, builds the graph
//! again from the kept models (with every check across files, so the diagnostics are those of a
//! full build), works out from the old and new model of each edited plan which pages show what
//! changed (`dirty.rs`) and renders only those. Anything it cannot decide precisely (a file added,
//! removed or renamed, `_index.md`, `site.yaml`, the catalogues, templates, the theme, a plan's
//! title, dates, status or reported results) falls back to a full preview build
//! ([`crate::build_preview`]).
//!
//! The search index is amended, not rebuilt: the plans edited since the last full build are
//! indexed again into a delta segment ([`crate::search::write_delta`], listed in
//! [`Summary::reindexed`]) that the browser merges with the full index. What an incremental
//! rebuild leaves as the last full build made it, listed in [`Summary::deferred`], is the open
//! data (`du-lieu/`, its page included) when targets or tasks changed; the next full build
//! brings it up to date, and the dev server says so in its log.
//!
//! - `state.rs`: the kept sources and models, and the graph built from them;
//! - `dirty.rs`: which pages an edit reaches.

mod dirty;
mod state;

use crate::graph::Site;
use crate::render::{self, Job, JobPages, Section};
use crate::search::{self, IndexBase, PlanInputs};
use crate::write::InPlace;
use crate::write::WriteError;
use crate::{BuildOptions, Error, PreviewCache, Summary};
use dirty::{Dirty, Reach, Rows};
use rayon::prelude::*;
use state::{Changed, State};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// The open data, left as the last full build made it by an incremental rebuild.
pub const DEFERRED_OPEN_DATA: &str = "du-lieu/";
/// The search index, left as the last full build made it by an incremental rebuild.
pub const DEFERRED_SEARCH: &str = "tim-kiem/chi-muc/";

/// A preview build that remembers what it needs to rebuild only what an edit changed.
#[derive(Default)]
pub struct Preview {
    cache: PreviewCache,
    state: Option<State>,
    /// Every plan edited since the last full build, by index in [`Site::plans`]: its text split
    /// at headings and its targets' anchors, which the search index delta indexes.
    edited: BTreeMap<usize, (Vec<Section>, Vec<String>)>,
}

/// What the fast path came to.
enum Fast {
    /// It built (or found errors).
    Done(Result<Summary, Error>),
    /// It cannot tell what changed: build everything, reusing unchanged pages or not.
    Full { reuse_pages: bool },
}

impl Preview {
    /// Builds into the output of `options`. `changed` lists the files changed since the previous
    /// call (absolute paths, as the watcher reports them); `None` builds everything.
    pub fn rebuild(
        &mut self,
        options: &BuildOptions,
        current_year: Option<i32>,
        changed: Option<&[PathBuf]>,
    ) -> Result<Summary, Error> {
        let content = options.root.join("content");
        let mut reuse_pages =
            changed.is_some_and(|paths| paths.iter().all(|path| path.starts_with(&content)));
        if let Some(paths) = changed {
            match self.fast(options, current_year, paths) {
                Fast::Done(result) => return result,
                Fast::Full { reuse_pages: reuse } => reuse_pages &= reuse,
            }
        }
        self.state = None;
        self.edited.clear();
        let summary = crate::build_preview(options, current_year, &mut self.cache, reuse_pages)?;
        self.state = State::load(options, current_year);
        Ok(summary)
    }

    /// Rebuilds only what `changed` reaches, when it can tell.
    fn fast(
        &mut self,
        options: &BuildOptions,
        current_year: Option<i32>,
        changed: &[PathBuf],
    ) -> Fast {
        let full = Fast::Full { reuse_pages: true };
        let started = std::time::Instant::now();
        let Some(state) = self.state.as_mut() else {
            return full;
        };
        let mut edited = Vec::new();
        let mut front_matter_edited = false;
        for path in changed {
            let Some(relative) = plan_file(&options.root, path) else {
                return full;
            };
            match state.reload_plan(&options.root, relative) {
                Some(Changed::Same) => {}
                Some(Changed::Body) => edited.push(relative.to_path_buf()),
                Some(Changed::Edited) => {
                    front_matter_edited = true;
                    edited.push(relative.to_path_buf());
                }
                None => return full,
            }
        }
        // Bodies alone change no check across files and no graph link: the kept site already
        // holds the new bodies. A front matter edit puts the kept models together again.
        let assembled = if front_matter_edited {
            let built = state.assemble(options, current_year);
            let (errors, warnings) = built.diagnostics.into_errors_and_warnings();
            if !errors.is_empty() {
                // The next build starts afresh: the kept models are no longer those of the site
                // served.
                self.state = None;
                return Fast::Done(Err(Error::Invalid(errors)));
            }
            Some((built.site, warnings))
        } else {
            None
        };
        let old = &state.site;
        let new = assembled.as_ref().map_or(old, |(site, _)| site);
        let same_shape = old.plans.len() == new.plans.len()
            && old.communes.len() == new.communes.len()
            && old
                .plans
                .iter()
                .zip(&new.plans)
                .all(|(a, b)| a.path == b.path);
        if !same_shape {
            return full;
        }
        let mut dirty = Dirty::default();
        let mut body_only = Vec::new();
        for relative in &edited {
            // An edited plan that is not published (a draft) shows nowhere.
            let Some(index) = new.plans.iter().position(|p| &p.plan.source == relative) else {
                continue;
            };
            dirty.plans.insert(index);
            match dirty::reach(&old.plans[index].plan.meta, &new.plans[index].plan.meta) {
                Some(Reach::Body) => body_only.push(index),
                Some(Reach::Rows) => {
                    dirty.add_rows(new, index, &old.plans[index].plan.meta, Rows::Changed)
                }
                None => return full,
            }
        }
        let out = options
            .out
            .clone()
            .unwrap_or_else(|| options.root.join("public"));
        let cache = &mut self.cache;
        let sink = match InPlace::new(&options.root, &out, std::mem::take(&mut cache.written)) {
            Ok(sink) => sink,
            Err(error) => return Fast::Done(Err(error.into())),
        };
        let old_anchors: Vec<(usize, Vec<String>)> = body_only
            .iter()
            .map(|&i| (i, cache.anchors[i].clone()))
            .collect();
        let plans: Vec<usize> = dirty.plans.iter().copied().collect();
        let mut result = render_jobs([old, new], options, &plans, &dirty, cache, &sink);
        // Jobs in the order rendered, as the pages of `result` are.
        let mut jobs: Vec<Job> = dirty.jobs.iter().copied().collect();
        // A body edit that moved a target's anchor changes the pages linking to it.
        let mut moved = Dirty::default();
        for (index, anchors) in old_anchors {
            if cache.anchors[index] != anchors {
                moved.add_rows(new, index, &old.plans[index].plan.meta, Rows::Targets);
            }
        }
        moved.jobs.retain(|job| !dirty.jobs.contains(job));
        if result.is_ok() && !moved.jobs.is_empty() {
            dirty.feeds |= moved.feeds;
            let more = render_jobs([old, new], options, &[], &moved, cache, &sink);
            jobs.extend(moved.jobs.iter().copied());
            dirty.jobs.extend(moved.jobs);
            result = result.and_then(|mut first| {
                let more = more?;
                first.rendered.extend(more.rendered);
                first.job_pages.extend(more.job_pages);
                Ok(first)
            });
        }
        cache.written = sink.abandon();
        let partial = match result {
            Ok(partial) => partial,
            Err(render::RenderError::Invalid(problems)) => {
                self.state = None;
                return Fast::Done(Err(Error::Invalid(problems.into_sorted())));
            }
            Err(render::RenderError::Write(error)) => return Fast::Done(Err(error.into())),
        };
        for path in &partial.rendered {
            // Their fingerprints describe the pages before the edit.
            cache.fingerprints.remove(path);
        }
        // A job whose pages are no longer the same files (pagination moved): the sitemap and the
        // files to remove are those of a full build.
        let positions: HashMap<Job, usize> = Job::all(new)
            .into_iter()
            .enumerate()
            .map(|(at, job)| (job, at))
            .collect();
        let shifted = jobs
            .iter()
            .zip(&partial.job_pages)
            .any(|(job, pages)| cache.job_pages.get(positions[job]) != Some(pages));
        if shifted {
            self.state = None;
            return Fast::Full { reuse_pages: false };
        }
        self.edited.extend(
            partial
                .plans
                .into_iter()
                .map(|(index, sections, anchors)| (index, (sections, anchors))),
        );
        let reindexed = match (&cache.search, edited.is_empty()) {
            (Some(base), false) => {
                match reindex(new, base, &self.edited, &out, options, &mut cache.written) {
                    Ok(files) => files,
                    Err(error) => return Fast::Done(Err(error.into())),
                }
            }
            _ => Vec::new(),
        };
        let mut summary = crate::summarize(new);
        summary.rendered_pages = partial.rendered.len();
        summary.rendered = partial.rendered;
        summary.files = cache.written.len();
        summary.warnings = match &assembled {
            Some((_, warnings)) => warnings.clone(),
            None => state.warnings.clone(),
        };
        if !dirty.jobs.is_empty() {
            summary.deferred.push(DEFERRED_OPEN_DATA);
        }
        if !edited.is_empty() && cache.search.is_none() {
            summary.deferred.push(DEFERRED_SEARCH);
        }
        summary.reindexed = reindexed;
        summary.timings.push(("incremental", started.elapsed()));
        if let (Some(state), Some((site, warnings))) = (self.state.as_mut(), assembled) {
            state.site = site;
            state.warnings = warnings;
        }
        Fast::Done(Ok(summary))
    }
}

/// Renders the plan pages of `plans` and the pages of `dirty`'s jobs (the feeds too when it says
/// so), updating the anchors kept in `cache`. Of a job whose layout is the same in the site
/// before the edit and after ([`Job::layout`]), only the pages showing the edited communes' rows
/// are rendered.
fn render_jobs(
    [old, site]: [&Site; 2],
    options: &BuildOptions,
    plans: &[usize],
    dirty: &Dirty,
    cache: &mut PreviewCache,
    sink: &InPlace,
) -> Result<render::Partial, render::RenderError> {
    let jobs: Vec<(Job, JobPages)> = dirty
        .jobs
        .par_iter()
        .map(|&job| match job.layout(site) {
            Some(layout) if job.layout(old).as_ref() == Some(&layout) => {
                (job, JobPages::Of(&dirty.communes))
            }
            _ => (job, JobPages::All),
        })
        .collect();
    render::render_some(
        site,
        &options.root,
        plans,
        &jobs,
        &mut cache.anchors,
        dirty.feeds,
        sink,
    )
}

/// Writes the search index delta of every plan edited since the last full build (`base`) into
/// `out`; returns the files written.
fn reindex(
    site: &Site,
    base: &IndexBase,
    edited: &BTreeMap<usize, (Vec<Section>, Vec<String>)>,
    out: &Path,
    options: &BuildOptions,
    written: &mut crate::write::Written,
) -> Result<Vec<String>, WriteError> {
    let sink = InPlace::new(&options.root, out, std::mem::take(written))?;
    let inputs: Vec<PlanInputs> = edited
        .iter()
        .map(|(&plan, (sections, anchors))| PlanInputs {
            plan,
            sections,
            anchors,
        })
        .collect();
    let result = search::write_delta(site, base, &inputs, &sink);
    *written = sink.abandon();
    let files = result?
        .iter()
        .map(|file| file.as_path().to_string_lossy().replace('\\', "/"))
        .collect();
    Ok(files)
}

/// `path` relative to `root` when it is a plan file under `content/` (not an `_index.md`).
fn plan_file<'a>(root: &Path, path: &'a Path) -> Option<&'a Path> {
    let relative = path.strip_prefix(root).ok()?;
    let is_markdown = relative.extension().is_some_and(|e| e == "md");
    let is_index = relative.file_stem().is_some_and(|s| s == "_index");
    (relative.starts_with("content") && is_markdown && !is_index).then_some(relative)
}
