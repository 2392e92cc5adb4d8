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
    /// The communes of the plans whose rows changed: of a job whose layout did not change, only
    /// the pages listing their rows are rendered again ([`crate::render::JobPages::Of`]).
    pub communes: BTreeSet<usize>,
    /// The Atom feed is rendered again (its entries count each plan's targets and tasks).
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

/// Which of a plan's rows the pages to render again show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rows {
    /// The targets and tasks that differ between before and after: an edit of its front matter.
    Changed,
    /// Every target (and no task): its body moved the anchors its targets link to.
    Targets,
}

impl Dirty {
    /// Adds the pages that show the rows (targets, tasks) of plan `index`, as `old`
    /// (its front matter before) and the site now hold them: its commune and province, the home
    /// page and the indexes (they count), each indicator of the targets of `rows` and each reform
    /// area of the tasks of `rows` and of those indicators, and the Atom feed when it counts
    /// other numbers of rows.
    pub fn add_rows(&mut self, site: &Site, index: usize, old: &PlanMeta, rows: Rows) {
        let new = &site.plans[index].plan.meta;
        let node = &site.plans[index];
        let commune = &site.communes[node.commune];
        self.communes.insert(node.commune);
        self.jobs.insert(Job::Commune(node.commune));
        if let Some(province) = commune.province {
            self.jobs.insert(Job::Province(province));
        }
        self.jobs
            .extend([Job::Home, Job::IndicatorIndex, Job::AreaIndex]);
        // The rows naming `id`, as written, before and after.
        let targets = |meta: &PlanMeta, id: &str| {
            let named = meta.targets.iter().filter(|t| t.indicator == id);
            format!("{:?}", named.collect::<Vec<_>>())
        };
        let tasks = |meta: &PlanMeta, id: &str| {
            let named = meta.tasks.iter().filter(|t| t.area == id);
            format!("{:?}", named.collect::<Vec<_>>())
        };
        let indicators: BTreeSet<&str> = [old, new]
            .into_iter()
            .flat_map(|meta| meta.targets.iter().map(|t| t.indicator.as_str()))
            .filter(|id| rows == Rows::Targets || targets(old, id) != targets(new, id))
            .collect();
        let areas: BTreeSet<&str> = match rows {
            Rows::Targets => BTreeSet::new(),
            Rows::Changed => [old, new]
                .into_iter()
                .flat_map(|meta| meta.tasks.iter().map(|t| t.area.as_str()))
                .filter(|id| tasks(old, id) != tasks(new, id))
                .collect(),
        };
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
        self.feeds |= old.targets.len() != new.targets.len() || old.tasks.len() != new.tasks.len();
    }
}
