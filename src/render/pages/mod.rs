//! One module per page kind, each building the template context of its pages from the site
//! graph. Nothing here writes files or knows about templates beyond their names.

mod areas;
mod bodies;
mod home;
mod indicators;
mod open_data;
mod places;
mod plan;

pub use bodies::{PlanBody, plan_body};
pub use plan::plan;

use super::view::{Link, PlanSummary, TargetAnchors, plan_summary};
use crate::graph::Site;
use serde::Serialize;
use tera::Context;

/// A page to render: which template, with what context, to which output file.
pub struct Page {
    /// Template name, e.g. `plan.html`.
    pub template: &'static str,
    /// Output file relative to the output directory, e.g. `hai-phong/tue-tinh/index.html`.
    pub output: String,
    /// The template context.
    pub context: Context,
}

/// A page whose context is built only when its turn to render comes, so the pages of one job (an
/// area's hundreds at national scale) are never all in memory at once.
pub type LazyPage<'a> = Box<dyn FnOnce() -> Page + Send + 'a>;

/// A page of a job: where it goes, whose rows it lists, and how to make it when its turn comes.
pub struct JobPage<'a> {
    /// Output file relative to the output directory, as the page made will say.
    pub output: String,
    /// What it shows besides what every page of its job shows ([`Job::layout`]).
    pub scope: Scope,
    /// Makes the page.
    pub make: LazyPage<'a>,
}

/// Whose rows a page of a job lists, so that a preview can tell which pages an edit of one
/// commune's plan changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every row of the job (a single page, an overview).
    Job,
    /// Only the rows of these communes (indices into [`Site::communes`]).
    Communes(Vec<usize>),
}

impl<'a> JobPage<'a> {
    /// A page made when its turn comes, listing the rows of `scope`.
    fn lazy(output: String, scope: Scope, make: impl FnOnce() -> Page + Send + 'a) -> JobPage<'a> {
        JobPage {
            output,
            scope,
            make: Box::new(make),
        }
    }

    /// A page already made, depending on its whole job.
    fn made(page: Page) -> JobPage<'a> {
        JobPage {
            output: page.output.clone(),
            scope: Scope::Job,
            make: Box::new(move || page),
        }
    }
}

/// Common context of every page: its title, canonical path and breadcrumbs.
#[derive(Serialize)]
pub(super) struct PageMeta {
    pub(super) title: String,
    pub(super) path: String,
    pub(super) description: Option<String>,
    pub(super) breadcrumbs: Vec<Link>,
}

pub(super) fn page(template: &'static str, path: &str, meta: PageMeta) -> Page {
    let mut context = Context::new();
    context.insert("page", &meta);
    Page {
        template,
        output: format!("{path}index.html"),
        context,
    }
}

pub(super) fn home_crumb() -> Link {
    Link {
        name: "Trang chủ".to_string(),
        path: String::new(),
    }
}

/// A unit of rendering work besides the plan pages (rendered with their bodies): one page, or
/// every page of an area. Jobs are listed up front and turned into pages only when their turn
/// comes, so a build never holds every page's context at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Job {
    /// The home page.
    Home,
    /// A province page.
    Province(usize),
    /// A commune page.
    Commune(usize),
    /// The list of indicators.
    IndicatorIndex,
    /// One indicator's comparison page (or its overview and per-province pages).
    Indicator(usize),
    /// The list of reform areas.
    AreaIndex,
    /// Every page of one reform area.
    Area(usize),
    /// The open data page.
    OpenData,
    /// The search page.
    Search,
    /// The page for addresses that do not exist.
    NotFound,
}

impl Job {
    /// Every job of the site.
    pub fn all(site: &Site) -> Vec<Job> {
        let mut jobs = vec![Job::Home];
        jobs.extend((0..site.provinces.len()).map(Job::Province));
        jobs.extend((0..site.communes.len()).map(Job::Commune));
        jobs.push(Job::IndicatorIndex);
        jobs.extend((0..site.indicators.len()).map(Job::Indicator));
        jobs.push(Job::AreaIndex);
        jobs.extend((0..site.areas.len()).map(Job::Area));
        jobs.extend([Job::OpenData, Job::Search, Job::NotFound]);
        jobs
    }

    /// The pages of this job; those of an indicator or an area are made only when called.
    pub fn pages<'a>(
        self,
        site: &'a Site,
        anchors: &'a TargetAnchors,
        data: &'a crate::open_data::OpenData,
    ) -> Vec<JobPage<'a>> {
        let one = |page| vec![JobPage::made(page)];
        match self {
            Job::Home => one(home::home(site)),
            Job::Province(p) => one(places::province(site, p)),
            Job::Commune(c) => one(places::commune(site, anchors, c)),
            Job::IndicatorIndex => one(indicators::indicator_index(site)),
            Job::Indicator(i) => indicators::indicator_pages(site, anchors, i),
            Job::AreaIndex => one(areas::area_index(site)),
            Job::Area(a) => areas::area_pages(site, anchors, a),
            Job::OpenData => one(open_data::open_data(site, data)),
            Job::Search => one(search_page()),
            Job::NotFound => one(not_found_page()),
        }
    }

    /// What every page of this job shows besides its own rows, and which pages it has with whose
    /// rows, when it has pages scoped to communes ([`Scope::Communes`]): while this is the same
    /// before and after an edit of some plans, a page scoped to communes without an edited plan
    /// is unchanged. `None` for a job of one page.
    pub fn layout(self, site: &Site) -> Option<String> {
        match self {
            Job::Indicator(i) => Some(indicators::layout(site, i)),
            Job::Area(a) => Some(areas::layout(site, a)),
            _ => None,
        }
    }
}

fn search_page() -> Page {
    page(
        "search.html",
        "tim-kiem/",
        PageMeta {
            title: "Tìm kiếm".to_string(),
            path: "tim-kiem/".to_string(),
            description: Some(
                "Tìm trong toàn văn kế hoạch, chỉ tiêu và nhiệm vụ của các xã, phường".to_string(),
            ),
            breadcrumbs: vec![home_crumb()],
        },
    )
}

fn not_found_page() -> Page {
    let mut not_found = page(
        "404.html",
        "",
        PageMeta {
            title: "Không tìm thấy trang".to_string(),
            path: "404.html".to_string(),
            description: None,
            breadcrumbs: vec![],
        },
    );
    not_found.output = "404.html".to_string();
    not_found
}

/// Sort key for "newest first": the decision date, else the first year of the period.
pub(super) fn plan_date(site: &Site, plan: usize) -> (i32, String) {
    let meta = &site.plans[plan].plan.meta;
    match meta.decision.as_ref().and_then(|d| d.date) {
        Some(date) => (date.0.year() as i32, date.iso()),
        None => (meta.period.from, String::new()),
    }
}

pub(super) fn province_name(site: &Site, province: usize) -> String {
    let meta = &site.provinces[province].province.meta;
    format!("{} {}", meta.kind.label(), meta.name)
}

pub(super) fn province_crumbs(site: &Site, province: Option<usize>) -> Vec<Link> {
    let mut crumbs = vec![home_crumb()];
    if let Some(p) = province {
        crumbs.push(Link {
            name: province_name(site, p),
            path: site.provinces[p].path.clone(),
        });
    }
    crumbs
}

/// Entries of the Atom feed and the sitemap: every plan, newest first.
pub fn feed_entries(site: &Site) -> Vec<PlanSummary> {
    newest_first(site)
        .into_iter()
        .map(|p| plan_summary(site, p))
        .collect()
}

/// Every plan, newest first ([`plan_date`]), then by output path.
pub(super) fn newest_first(site: &Site) -> Vec<usize> {
    let mut plans: Vec<usize> = (0..site.plans.len()).collect();
    plans.sort_by_cached_key(|&p| (std::cmp::Reverse(plan_date(site, p)), &site.plans[p].path));
    plans
}
