//! Stage 3, graph: the site as linked data. Communes belong to provinces, plans to communes,
//! targets point at indicators, tasks at reform areas; every page gets its output path here, and
//! two sources that would write the same path are reported.

mod progress;
mod routes;

pub use progress::{Progress, meets, progress};
pub use routes::{OutputPath, Routes};

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostics;
use crate::model::{Area, Commune, Indicator, Plan, Portal, Province};
use std::collections::HashMap;

/// A reference to one target: plan index and target index within the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TargetRef {
    /// Index into [`Site::plans`].
    pub plan: usize,
    /// Index into the plan's `targets`.
    pub target: usize,
}

/// A reference to one reported value: plan (report) index and value index within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResultRef {
    /// Index into [`Site::plans`].
    pub plan: usize,
    /// Index into the report's `results`.
    pub result: usize,
}

/// A reference to one task: plan index and task index within the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskRef {
    /// Index into [`Site::plans`].
    pub plan: usize,
    /// Index into the plan's `tasks`.
    pub task: usize,
}

/// A province page.
#[derive(Debug, Clone)]
pub struct ProvinceNode {
    /// The parsed province.
    pub province: Province,
    /// Output directory, relative, with a trailing slash (`hai-phong/`).
    pub path: String,
    /// Its communes (indices into [`Site::communes`]), sorted by output path.
    pub communes: Vec<usize>,
}

/// A commune page.
#[derive(Debug, Clone)]
pub struct CommuneNode {
    /// The parsed commune.
    pub commune: Commune,
    /// Output directory (`hai-phong/tue-tinh/`).
    pub path: String,
    /// Its province, when known.
    pub province: Option<usize>,
    /// Its plans, newest first.
    pub plans: Vec<usize>,
}

/// A plan page.
#[derive(Debug, Clone)]
pub struct PlanNode {
    /// The parsed plan.
    pub plan: Plan,
    /// Output directory (`hai-phong/tue-tinh/ke-hoach-2026/`).
    pub path: String,
    /// Its commune.
    pub commune: usize,
    /// For each entry of `replaces`, the published plan it names, if any.
    pub replaces: Vec<Option<usize>>,
    /// Plans that replace this one.
    pub replaced_by: Vec<usize>,
}

/// An indicator page.
#[derive(Debug, Clone)]
pub struct IndicatorNode {
    /// The catalogue entry.
    pub indicator: Indicator,
    /// Output directory (`chi-tieu/hai-long-tthc/`).
    pub path: String,
    /// Its area (index into [`Site::areas`]), when the id resolves.
    pub area: Option<usize>,
    /// Every target naming this indicator.
    pub targets: Vec<TargetRef>,
    /// Every reported value of this indicator.
    pub results: Vec<ResultRef>,
}

/// A reform-area page.
#[derive(Debug, Clone)]
pub struct AreaNode {
    /// The catalogue entry.
    pub area: Area,
    /// Output directory (`linh-vuc/thu-tuc-hanh-chinh/`).
    pub path: String,
    /// Indicators of this area.
    pub indicators: Vec<usize>,
    /// Tasks assigned to this area, across plans.
    pub tasks: Vec<TaskRef>,
}

/// The whole site, ready to render.
#[derive(Debug, Clone)]
pub struct Site {
    /// Site configuration (with the effective base URL).
    pub config: SiteConfig,
    /// Path part of the base URL, always starting and ending with `/` (`/cchc/`).
    pub base_path: String,
    /// Reform areas, in catalogue order.
    pub areas: Vec<AreaNode>,
    /// Indicators, in catalogue order.
    pub indicators: Vec<IndicatorNode>,
    /// Provinces, sorted by slug.
    pub provinces: Vec<ProvinceNode>,
    /// Communes, sorted by output path (province, then commune).
    pub communes: Vec<CommuneNode>,
    /// Plans, sorted by source path.
    pub plans: Vec<PlanNode>,
}

impl Site {
    /// The values reported by a commune's reports, in source order.
    pub fn reported_values(
        &self,
        commune: usize,
    ) -> impl Iterator<Item = &crate::model::ReportedValue> {
        self.communes[commune]
            .plans
            .iter()
            .rev()
            .flat_map(|&plan| self.plans[plan].plan.meta.results.iter())
    }

    /// Display name of a commune with its kind ("Xã Tuệ Tĩnh").
    pub fn commune_name(&self, commune: usize) -> String {
        let meta = &self.communes[commune].commune.meta;
        format!("{} {}", meta.kind.label(), meta.name)
    }
}

/// Links the model into a site and assigns output paths, reporting collisions.
pub fn build_graph(portal: Portal) -> (Site, Diagnostics) {
    let Portal {
        config,
        areas,
        indicators,
        provinces,
        communes,
        plans,
    } = portal;
    let base_path = base_path(&config.base_url);

    let mut provinces: Vec<ProvinceNode> = provinces
        .into_iter()
        .map(|province| ProvinceNode {
            path: format!("{}/", province.slug),
            province,
            communes: Vec::new(),
        })
        .collect();
    provinces.sort_by(|a, b| a.province.slug.cmp(&b.province.slug));

    let mut communes: Vec<CommuneNode> = communes
        .into_iter()
        .map(|commune| {
            let province = commune
                .province
                .as_ref()
                .and_then(|slug| provinces.iter().position(|p| &p.province.slug == slug));
            let path = match province {
                Some(index) => format!("{}{}/", provinces[index].path, commune.slug),
                None => format!("{}/", commune.slug),
            };
            CommuneNode {
                commune,
                path,
                province,
                plans: Vec::new(),
            }
        })
        .collect();
    communes.sort_by(|a, b| a.path.cmp(&b.path));
    for (index, commune) in communes.iter().enumerate() {
        if let Some(province) = commune.province {
            provinces[province].communes.push(index);
        }
    }

    let commune_index: HashMap<&str, usize> = communes
        .iter()
        .enumerate()
        .map(|(index, c)| (c.commune.key.as_str(), index))
        .collect();
    let mut plans: Vec<PlanNode> = plans
        .into_iter()
        .filter_map(|plan| {
            let commune = *commune_index.get(plan.commune.as_str())?;
            Some(PlanNode {
                path: format!("{}{}/", communes[commune].path, plan.slug),
                commune,
                replaces: Vec::new(),
                replaced_by: Vec::new(),
                plan,
            })
        })
        .collect();
    plans.sort_by(|a, b| a.plan.source.cmp(&b.plan.source));
    link_replacements(&mut plans);
    for (index, plan) in plans.iter().enumerate() {
        communes[plan.commune].plans.push(index);
    }
    for commune in &mut communes {
        commune.plans.sort_by(|&a, &b| {
            let date = |i: usize| plans[i].plan.meta.decision.as_ref().and_then(|d| d.date);
            date(b)
                .cmp(&date(a))
                .then_with(|| plans[a].path.cmp(&plans[b].path))
        });
    }

    let mut areas: Vec<AreaNode> = areas
        .into_iter()
        .map(|area| AreaNode {
            path: format!("linh-vuc/{}/", area.id),
            area,
            indicators: Vec::new(),
            tasks: Vec::new(),
        })
        .collect();
    let mut indicators: Vec<IndicatorNode> = indicators
        .into_iter()
        .map(|indicator| IndicatorNode {
            path: format!("chi-tieu/{}/", indicator.id),
            area: areas.iter().position(|a| a.area.id == indicator.area),
            indicator,
            targets: Vec::new(),
            results: Vec::new(),
        })
        .collect();
    for (index, indicator) in indicators.iter().enumerate() {
        if let Some(area) = indicator.area {
            areas[area].indicators.push(index);
        }
    }
    let indicator_index: HashMap<String, usize> = indicators
        .iter()
        .enumerate()
        .map(|(index, node)| (node.indicator.id.clone(), index))
        .collect();
    for (plan_index, plan) in plans.iter().enumerate() {
        for (target_index, target) in plan.plan.meta.targets.iter().enumerate() {
            if let Some(&indicator) = indicator_index.get(target.indicator.as_str()) {
                indicators[indicator].targets.push(TargetRef {
                    plan: plan_index,
                    target: target_index,
                });
            }
        }
        for (result_index, result) in plan.plan.meta.results.iter().enumerate() {
            if let Some(&indicator) = indicator_index.get(result.indicator.as_str()) {
                indicators[indicator].results.push(ResultRef {
                    plan: plan_index,
                    result: result_index,
                });
            }
        }
        for (task_index, task) in plan.plan.meta.tasks.iter().enumerate() {
            if let Some(area) = areas.iter_mut().find(|a| a.area.id == task.area) {
                area.tasks.push(TaskRef {
                    plan: plan_index,
                    task: task_index,
                });
            }
        }
    }

    let site = Site {
        config,
        base_path,
        areas,
        indicators,
        provinces,
        communes,
        plans,
    };
    let diagnostics = Routes::of(&site).collisions();
    (site, diagnostics)
}

/// Links each `replaces` entry to a plan of the same commune whose decision number matches.
fn link_replacements(plans: &mut [PlanNode]) {
    // The first plan of each commune with each decision number.
    let mut numbers: std::collections::HashMap<(usize, String), usize> =
        std::collections::HashMap::new();
    for (index, p) in plans.iter().enumerate() {
        if let Some(number) = p.plan.meta.decision.as_ref().and_then(|d| d.number.clone()) {
            numbers.entry((p.commune, number)).or_insert(index);
        }
    }
    let mut replaced_by = vec![Vec::new(); plans.len()];
    for (index, plan) in plans.iter_mut().enumerate() {
        plan.replaces = plan
            .plan
            .meta
            .replaces
            .iter()
            .map(|number| {
                let found = numbers.get(&(plan.commune, number.clone())).copied();
                if let Some(old) = found {
                    replaced_by[old].push(index);
                }
                found
            })
            .collect();
    }
    for (plan, by) in plans.iter_mut().zip(replaced_by) {
        plan.replaced_by = by;
    }
}

/// The path part of a base URL, normalised to start and end with `/`.
pub fn base_path(base_url: &str) -> String {
    let without_scheme = base_url.split_once("://").map_or(base_url, |(_, rest)| {
        rest.find('/').map_or("", |i| &rest[i..])
    });
    let trimmed = without_scheme.trim_matches('/');
    if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    }
}

#[cfg(test)]
mod tests {
    use super::base_path;

    #[test]
    fn base_path_keeps_only_the_path_with_slashes() {
        assert_eq!(base_path("https://xa.example.gov.vn/cchc/"), "/cchc/");
        assert_eq!(base_path("https://xa.example.gov.vn"), "/");
        assert_eq!(base_path("/a/b"), "/a/b/");
        assert_eq!(base_path("/"), "/");
        assert_eq!(base_path(""), "/");
    }
}
