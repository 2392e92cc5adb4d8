//! The reform-area index and the pages of each area. An area gathers targets and tasks of every
//! commune, so its pages are split by commune into pages of bounded size: light on a phone even
//! when thousands of communes publish.

use super::{Page, PageMeta, home_crumb, page};
use crate::graph::{Site, TargetRef};
use crate::render::view::{
    Link, TargetAnchors, TargetRow, TaskRow, area_link, commune_link, indicator_summary, plan_link,
    target_row, task_row,
};
use serde::Serialize;
use std::collections::BTreeMap;

/// Rows (targets + tasks) after which an area page is cut; a commune is never split.
const ROWS_PER_PAGE: usize = 200;

/// Builds the list of reform areas.
pub(super) fn area_index(site: &Site) -> Page {
    let mut page = page(
        "areas.html",
        "linh-vuc/",
        PageMeta {
            title: "Lĩnh vực cải cách hành chính".to_string(),
            path: "linh-vuc/".to_string(),
            description: None,
            breadcrumbs: vec![home_crumb()],
        },
    );
    #[derive(Serialize)]
    struct Item {
        link: Link,
        indicators: usize,
        targets: usize,
        tasks: usize,
    }
    let areas: Vec<Item> = site
        .areas
        .iter()
        .enumerate()
        .map(|(index, area)| Item {
            link: area_link(site, index),
            indicators: area.indicators.len(),
            targets: area
                .indicators
                .iter()
                .map(|&i| site.indicators[i].targets.len())
                .sum(),
            tasks: area.tasks.len(),
        })
        .collect();
    page.context.insert("areas", &areas);
    page
}

/// Tasks of one plan within an area.
#[derive(Serialize)]
struct PlanTasks {
    plan: Link,
    tasks: Vec<TaskRow>,
}

/// What one commune committed to and must do in an area.
#[derive(Serialize)]
struct CommuneSection {
    commune: Link,
    targets: Vec<TargetRow>,
    plans: Vec<PlanTasks>,
}

impl CommuneSection {
    fn rows(&self) -> usize {
        self.targets.len() + self.plans.iter().map(|p| p.tasks.len()).sum::<usize>()
    }
}

/// A link to one page of a paginated list.
#[derive(Serialize)]
struct PageLink {
    number: usize,
    path: String,
}

/// Builds the pages of one area: `linh-vuc/<id>/`, then `linh-vuc/<id>/trang-2/`…
pub(super) fn area_pages(site: &Site, anchors: &TargetAnchors, index: usize) -> Vec<Page> {
    let node = &site.areas[index];
    let indicators: Vec<_> = node
        .indicators
        .iter()
        .map(|&i| indicator_summary(site, i))
        .collect();

    let mut targets: BTreeMap<usize, Vec<TargetRef>> = BTreeMap::new();
    for &indicator in &node.indicators {
        for &target in &site.indicators[indicator].targets {
            targets
                .entry(site.plans[target.plan].commune)
                .or_default()
                .push(target);
        }
    }
    let mut tasks: BTreeMap<usize, Vec<PlanTasks>> = BTreeMap::new();
    for &task in &node.tasks {
        let plan = &site.plans[task.plan];
        let groups = tasks.entry(plan.commune).or_default();
        let row = task_row(site, task);
        match groups.last_mut() {
            Some(group) if group.plan.path == plan.path => group.tasks.push(row),
            _ => groups.push(PlanTasks {
                plan: plan_link(site, task.plan),
                tasks: vec![row],
            }),
        }
    }
    let mut communes: Vec<usize> = targets.keys().chain(tasks.keys()).copied().collect();
    communes.sort_unstable();
    communes.dedup();
    let sections: Vec<CommuneSection> = communes
        .into_iter()
        .map(|commune| {
            let mut rows: Vec<TargetRow> = targets
                .remove(&commune)
                .unwrap_or_default()
                .into_iter()
                .map(|t| target_row(site, anchors, t))
                .collect();
            rows.sort_by(|a, b| {
                a.indicator
                    .name
                    .cmp(&b.indicator.name)
                    .then(a.year.cmp(&b.year))
            });
            CommuneSection {
                commune: commune_link(site, commune),
                targets: rows,
                plans: tasks.remove(&commune).unwrap_or_default(),
            }
        })
        .collect();

    let mut chunks: Vec<Vec<CommuneSection>> = vec![Vec::new()];
    let mut rows = 0;
    for section in sections {
        let size = section.rows();
        if rows > 0 && rows + size > ROWS_PER_PAGE {
            chunks.push(Vec::new());
            rows = 0;
        }
        rows += size;
        chunks.last_mut().expect("one chunk at least").push(section);
    }
    let path_of = |number: usize| match number {
        1 => node.path.clone(),
        n => format!("{}trang-{n}/", node.path),
    };
    let links: Vec<PageLink> = (1..=chunks.len())
        .map(|number| PageLink {
            number,
            path: path_of(number),
        })
        .collect();
    let total = chunks.len();
    chunks
        .into_iter()
        .enumerate()
        .map(|(offset, sections)| {
            let number = offset + 1;
            let title = if number == 1 {
                node.area.name.clone()
            } else {
                format!("{} (trang {number}/{total})", node.area.name)
            };
            let mut page = page(
                "area.html",
                &path_of(number),
                PageMeta {
                    title,
                    path: path_of(number),
                    description: Some(format!(
                        "Chỉ tiêu và nhiệm vụ về {} của các xã, phường",
                        node.area.short.to_lowercase()
                    )),
                    breadcrumbs: vec![
                        home_crumb(),
                        Link {
                            name: "Lĩnh vực".to_string(),
                            path: "linh-vuc/".to_string(),
                        },
                    ],
                },
            );
            page.context.insert("area", &node.area);
            page.context.insert("indicators", &indicators);
            page.context.insert("sections", &sections);
            page.context.insert("page_number", &number);
            page.context.insert("pages", &links);
            page.context
                .insert("previous", &(number > 1).then(|| path_of(number - 1)));
            page.context
                .insert("next", &(number < total).then(|| path_of(number + 1)));
            page
        })
        .collect()
}
