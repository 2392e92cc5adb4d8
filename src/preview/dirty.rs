//! Which pages an edit of one plan changes, from its old and new model: the dependency rules of
//! the incremental preview. `None` means the engine cannot tell precisely and renders everything.

use crate::graph::Site;
use crate::model::PlanMeta;
use crate::render::Job;
use std::collections::BTreeSet;

/// What must be rendered again after some plans changed.
#[derive(Debug, Default)]
pub struct Dirty {
    /// Plans whose page is rendered again (indices into [`Site::plans`]).
    pub plans: BTreeSet<usize>,
    /// Other jobs rendered again.
    pub jobs: BTreeSet<Job>,
    /// The Atom feed and the sitemap are rendered again.
    pub feeds: bool,
}

/// How far the change of one plan reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Only its body changed: its own page (and more if its targets' anchors moved).
    Body,
    /// Its targets, results or tasks changed: the pages listing them too.
    Rows,
}

/// Compares the front matter of one plan before and after; `None` when it reports results, or
/// when something other than its body, targets and tasks changed (its title, dates, status, links to other plans…),
/// which lists and other plans' pages show.
pub fn reach(old: &PlanMeta, new: &PlanMeta) -> Option<Reach> {
    // A report's values show on the pages of the plans whose targets they report on.
    if !old.results.is_empty() || !new.results.is_empty() {
        return None;
    }
    if format!("{old:?}") == format!("{new:?}") {
        return Some(Reach::Body);
    }
    let rest = |meta: &PlanMeta| {
        let mut meta = meta.clone();
        meta.targets.clear();
        meta.tasks.clear();
        meta.results.clear();
        format!("{meta:?}")
    };
    (rest(old) == rest(new)).then_some(Reach::Rows)
}

impl Dirty {
    /// Adds the pages that show the rows (targets, tasks) of plan `index`, as `old`
    /// (its front matter before) and the site now hold them: its commune and province, the home
    /// page and the indexes (they count), each indicator of its old or new targets and results,
    /// and each reform area of its old or new tasks and of those indicators.
    pub fn add_rows(&mut self, site: &Site, index: usize, old: &PlanMeta) {
        let new = &site.plans[index].plan.meta;
        let node = &site.plans[index];
        let commune = &site.communes[node.commune];
        self.jobs.insert(Job::Commune(node.commune));
        if let Some(province) = commune.province {
            self.jobs.insert(Job::Province(province));
        }
        self.jobs
            .extend([Job::Home, Job::IndicatorIndex, Job::AreaIndex]);
        let indicators: BTreeSet<&str> = [old, new]
            .into_iter()
            .flat_map(|meta| meta.targets.iter().map(|t| t.indicator.as_str()))
            .collect();
        let areas: BTreeSet<&str> = [old, new]
            .into_iter()
            .flat_map(|meta| meta.tasks.iter().map(|t| t.area.as_str()))
            .collect();
        for (k, indicator) in site.indicators.iter().enumerate() {
            if indicators.contains(indicator.indicator.id.as_str()) {
                self.jobs.insert(Job::Indicator(k));
                self.jobs.extend(indicator.area.map(Job::Area));
            }
        }
        for (k, area) in site.areas.iter().enumerate() {
            if areas.contains(area.area.id.as_str()) {
                self.jobs.insert(Job::Area(k));
            }
        }
        // The feed entries count targets and tasks.
        self.feeds = true;
    }
}
