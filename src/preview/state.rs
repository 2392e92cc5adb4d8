//! The parsed sources a preview keeps between rebuilds: every content file as loaded, what each
//! parses to on its own, and the problems found file by file, so that a change re-reads and
//! re-parses only the files that changed and the checks across files run on the kept models.

use crate::BuildOptions;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::graph::{self, Site};
use crate::load::{self, Sources};
use crate::model::{self, Catalogues, Memos, ParseOptions, ParsedContent};
use std::path::Path;

/// The sources of the last good build, loaded and parsed, and the site built from them.
pub struct State {
    /// The sources and their models.
    models: Models,
    /// The site graph built from them.
    pub site: Site,
    /// The warnings of the last build, which an edit of plan bodies alone cannot change.
    pub warnings: Vec<Diagnostic>,
}

/// Every source, loaded and parsed file by file.
struct Models {
    /// Every source as loaded (content sorted by path).
    sources: Sources,
    /// Problems of the load stage (files left out, symbolic links).
    load_problems: Diagnostics,
    /// `site.yaml` and the catalogues, parsed, with their problems.
    catalogues: (Catalogues, Diagnostics),
    /// What each file of `sources.content` parses to on its own, with its problems.
    parsed: Vec<(ParsedContent, Diagnostics)>,
    /// What each plan's own checks and warnings found, for the plans not edited since.
    memos: Memos,
}

/// A site built from sources: the graph and every problem found on the way.
pub struct Built {
    /// The site graph.
    pub site: Site,
    /// Every problem of every stage up to the graph.
    pub diagnostics: Diagnostics,
}

impl State {
    /// Loads and parses every source of the portal, as a build does.
    pub fn load(options: &BuildOptions, current_year: Option<i32>) -> Option<State> {
        let (sources, load_problems) = load::load(&options.root);
        let catalogues = model::parse_catalogues(&sources);
        let parsed = {
            use rayon::prelude::*;
            sources
                .content
                .par_iter()
                .map(model::parse_content)
                .collect()
        };
        let models = Models {
            sources,
            load_problems,
            catalogues,
            parsed,
            memos: Memos::default(),
        };
        let built = models.assemble(options, current_year);
        let (errors, warnings) = built.diagnostics.into_errors_and_warnings();
        if !errors.is_empty() {
            return None;
        }
        Some(State {
            models,
            site: built.site,
            warnings,
        })
    }

    /// Reads and parses `relative` (a plan file already known) again. `None` when it cannot be
    /// read, split or parsed as a plan any more: the caller builds everything again.
    pub fn reload_plan(&mut self, root: &Path, relative: &Path) -> Option<Changed> {
        let models = &mut self.models;
        let at = models
            .sources
            .content
            .binary_search_by(|file| file.path.as_path().cmp(relative))
            .ok()?;
        let (file, problems) = load::load_content_file(root, relative);
        let file = file.filter(|_| problems.is_empty())?;
        let old = &models.sources.content[at];
        if file.text == old.text {
            return Some(Changed::Same);
        }
        let same_front_matter = file.front_matter() == old.front_matter()
            && file.split.yaml == old.split.yaml
            && file.split.body.start == old.split.body.start
            && file.split.body_line == old.split.body_line;
        if let (true, (ParsedContent::Plan(plan), _)) = (same_front_matter, &mut models.parsed[at])
        {
            // The same front matter parses to the same model, with the same problems.
            plan.body = file.body().into();
            let body = plan.body.clone();
            models.sources.content[at] = file;
            let node = self
                .site
                .plans
                .iter_mut()
                .find(|p| p.plan.source == relative);
            if let Some(node) = node {
                node.plan.body = body;
            }
            return Some(Changed::Body);
        }
        let (parsed, problems) = model::parse_content(&file);
        let ParsedContent::Plan(_) = &parsed else {
            return None;
        };
        models.sources.content[at] = file;
        models.parsed[at] = (parsed, problems);
        Some(Changed::Edited)
    }

    /// Builds the site again from the kept models (after [`State::reload_plan`]).
    pub fn assemble(&self, options: &BuildOptions, current_year: Option<i32>) -> Built {
        self.models.assemble(options, current_year)
    }
}

impl Models {
    /// Puts the kept models together again: the checks across files, the publishing filter, the
    /// warnings and the graph, with every problem as a full build reports it.
    pub fn assemble(&self, options: &BuildOptions, current_year: Option<i32>) -> Built {
        let mut diagnostics = self.load_problems.clone();
        diagnostics.extend(self.catalogues.1.clone());
        for (_, problems) in &self.parsed {
            diagnostics.extend(problems.clone());
        }
        let (mut portal, problems) = model::assemble(
            self.catalogues.0.clone(),
            self.parsed.iter().map(|(parsed, _)| parsed.clone()),
            &self.sources,
            ParseOptions {
                drafts: options.drafts,
                current_year,
            },
            Some(&self.memos),
        );
        diagnostics.extend(problems);
        if let Some(base_url) = &options.base_url {
            portal.config.base_url = base_url.clone();
        }
        let (site, problems) = graph::build_graph(portal);
        diagnostics.extend(problems);
        Built { site, diagnostics }
    }
}

/// What reading a changed file again found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changed {
    /// Its text is as before.
    Same,
    /// Only its body changed: the kept model and the site's plan (if published) now hold the new
    /// body, and nothing else needs building again but the pages showing it.
    Body,
    /// Its front matter changed; it was parsed again.
    Edited,
}
