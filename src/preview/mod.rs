//! The incremental preview of the dev server: it keeps every source, loaded and parsed, between
//! rebuilds, and after an edit of plan files reads and parses only those files, builds the graph
//! again from the kept models (with every check across files, so the diagnostics are those of a
//! full build), works out from the old and new model of each edited plan which pages show what
//! changed (`dirty.rs`) and renders only those. Anything it cannot decide precisely (a file added,
//! removed or renamed, `_index.md`, `site.yaml`, the catalogues, templates, the theme, a plan's
//! title, dates, status or reported results) falls back to a full preview build
//! ([`crate::build_preview`]).
//!
//! What an incremental rebuild leaves as the last full build made it, listed in
//! [`Summary::deferred`]: the open data (`du-lieu/`, its page included) when targets or tasks
//! changed, and the search index (`tim-kiem/chi-muc/`). The next full build brings them up to
//! date; the dev server says so in its log. The edited plans' sections and anchors are kept
//! ([`Preview::changed_plans`]) for a search index delta.
//!
//! - `state.rs`: the kept sources and models, and the graph built from them;
//! - `dirty.rs`: which pages an edit reaches.

mod dirty;
mod state;

use crate::render::{self, Job, Section};
use crate::write::InPlace;
use crate::{BuildOptions, Error, PreviewCache, Summary};
use dirty::{Dirty, Reach};
use state::{Changed, State};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The open data, left as the last full build made it by an incremental rebuild.
pub const DEFERRED_OPEN_DATA: &str = "du-lieu/";
/// The search index, left as the last full build made it by an incremental rebuild.
pub const DEFERRED_SEARCH: &str = "tim-kiem/chi-muc/";

/// A plan an incremental rebuild rendered: its index in [`crate::graph::Site::plans`], its text
/// split at headings and its targets' anchors.
pub type ChangedPlan = (usize, Vec<Section>, Vec<String>);

/// A preview build that remembers what it needs to rebuild only what an edit changed.
#[derive(Default)]
pub struct Preview {
    cache: PreviewCache,
    state: Option<State>,
    changed_plans: Vec<ChangedPlan>,
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
        self.changed_plans.clear();
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
        let summary = crate::build_preview(options, current_year, &mut self.cache, reuse_pages)?;
        self.state = State::load(options, current_year);
        Ok(summary)
    }

    /// The plans the last incremental rebuild rendered, with what a search index needs to index
    /// them again (empty after a full build).
    pub fn changed_plans(&self) -> &[ChangedPlan] {
        &self.changed_plans
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
        for path in changed {
            let Some(relative) = plan_file(&options.root, path) else {
                return full;
            };
            match state.reload_plan(&options.root, relative) {
                Some(Changed::Same) => {}
                Some(Changed::Edited) => edited.push(relative.to_path_buf()),
                None => return full,
            }
        }
        let built = state.assemble(options, current_year);
        let (errors, warnings) = built.diagnostics.into_errors_and_warnings();
        if !errors.is_empty() {
            // The next build starts afresh: the kept models are no longer those of the site served.
            self.state = None;
            return Fast::Done(Err(Error::Invalid(errors)));
        }
        let (old, new) = (&state.site, built.site);
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
                Some(Reach::Rows) => dirty.add_rows(&new, index, &old.plans[index].plan.meta),
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
        let mut result = render_jobs(&new, options, &plans, &dirty, cache, &sink);
        // Jobs in the order rendered, as the pages of `result` are.
        let mut jobs: Vec<Job> = dirty.jobs.iter().copied().collect();
        // A body edit that moved a target's anchor changes the pages linking to it.
        let mut moved = Dirty::default();
        for (index, anchors) in old_anchors {
            if cache.anchors[index] != anchors {
                moved.add_rows(&new, index, &old.plans[index].plan.meta);
            }
        }
        moved.jobs.retain(|job| !dirty.jobs.contains(job));
        if result.is_ok() && !moved.jobs.is_empty() {
            dirty.feeds |= moved.feeds;
            let more = render_jobs(&new, options, &[], &moved, cache, &sink);
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
        let positions: HashMap<Job, usize> = Job::all(&new)
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
        let mut summary = crate::summarize(&new);
        summary.rendered_pages = partial.rendered.len();
        summary.rendered = partial.rendered;
        summary.files = cache.written.len();
        summary.warnings = warnings;
        summary.deferred = if edited.is_empty() {
            Vec::new()
        } else if dirty.jobs.is_empty() {
            vec![DEFERRED_SEARCH]
        } else {
            vec![DEFERRED_OPEN_DATA, DEFERRED_SEARCH]
        };
        summary.timings.push(("incremental", started.elapsed()));
        self.changed_plans = partial.plans;
        if let Some(state) = self.state.as_mut() {
            state.site = new;
        }
        Fast::Done(Ok(summary))
    }
}

/// Renders the plan pages of `plans` and the pages of `dirty`'s jobs (the feeds too when it says
/// so), updating the anchors kept in `cache`.
fn render_jobs(
    site: &crate::graph::Site,
    options: &BuildOptions,
    plans: &[usize],
    dirty: &Dirty,
    cache: &mut PreviewCache,
    sink: &InPlace,
) -> Result<render::Partial, render::RenderError> {
    let jobs: Vec<Job> = dirty.jobs.iter().copied().collect();
    let paths: Vec<&str> = cache
        .pages
        .iter()
        .filter_map(|page| page.strip_suffix("index.html"))
        .collect();
    render::render_some(
        site,
        &options.root,
        plans,
        &jobs,
        &mut cache.anchors,
        dirty.feeds.then_some(paths.as_slice()),
        sink,
    )
}

/// `path` relative to `root` when it is a plan file under `content/` (not an `_index.md`).
fn plan_file<'a>(root: &Path, path: &'a Path) -> Option<&'a Path> {
    let relative = path.strip_prefix(root).ok()?;
    let is_markdown = relative.extension().is_some_and(|e| e == "md");
    let is_index = relative.file_stem().is_some_and(|s| s == "_index");
    (relative.starts_with("content") && is_markdown && !is_index).then_some(relative)
}
