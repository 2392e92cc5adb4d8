//! One function per page kind, each building the template context of its pages from the site
//! graph. Nothing here writes files or knows about templates beyond their names.

use super::chart::{Bar, ReferenceLine, bar_chart};
use super::markdown::{TocEntry, normalize_text, render_markdown};
use super::view::{
    Link, TargetAnchors, commune_link, indicator_summary, national_text, plan_summary, target_row,
    task_groups,
};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::graph::{Site, TargetRef, TaskRef};
use crate::model::Better;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
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

/// A plan's body rendered once and shared by every page that needs it.
pub struct PlanBody {
    html: String,
    toc: Vec<TocEntry>,
}

/// Common context of every page: its title, canonical path and breadcrumbs.
#[derive(Serialize)]
struct PageMeta {
    title: String,
    path: String,
    description: Option<String>,
    breadcrumbs: Vec<Link>,
}

fn page(template: &'static str, path: &str, meta: PageMeta) -> Page {
    let mut context = Context::new();
    context.insert("page", &meta);
    Page {
        template,
        output: format!("{path}index.html"),
        context,
    }
}

fn home_crumb() -> Link {
    Link {
        name: "Trang chủ".to_string(),
        path: String::new(),
    }
}

/// Renders every plan body (in parallel), checks that each target's quote is really in the plan,
/// and works out where each target links to.
pub fn plan_bodies(site: &Site) -> (Vec<PlanBody>, TargetAnchors, Diagnostics) {
    let results: Vec<(PlanBody, Vec<String>, Vec<Diagnostic>)> = site
        .plans
        .par_iter()
        .map(|node| {
            let plan = &node.plan;
            let quotes: Vec<&str> = plan
                .meta
                .targets
                .iter()
                .map(|t| t.quote.as_deref().unwrap_or(""))
                .collect();
            let rendered = render_markdown(&plan.body, &quotes);
            let task_texts: Vec<String> = plan
                .meta
                .tasks
                .iter()
                .map(|task| {
                    let fields = [&task.objective, &task.duty, &Some(task.content.clone()), &task.output];
                    normalize_text(&fields.iter().filter_map(|f| f.as_deref()).collect::<Vec<_>>().join("\n"))
                })
                .collect();
            let mut problems = Vec::new();
            let anchors = plan
                .meta
                .targets
                .iter()
                .enumerate()
                .map(|(index, target)| {
                    if let Some(anchor) = &rendered.quote_anchors[index] {
                        return anchor.clone();
                    }
                    let Some(quote) = target.quote.as_deref() else {
                        return format!("chi-tieu-{}", index + 1);
                    };
                    let quote = normalize_text(quote);
                    if let Some(task) = task_texts.iter().position(|text| text.contains(&quote)) {
                        return format!("nhiem-vu-{}", task + 1);
                    }
                    let mut problem = Diagnostic::file(
                        "quote-not-found",
                        &plan.source,
                        "Không tìm thấy câu trích dẫn (quote) của chỉ tiêu trong nội dung kế hoạch",
                    )
                    .with_help("chép nguyên văn một đoạn nằm trong một đoạn văn, một mục danh sách, một ô bảng hoặc một ô của bảng nhiệm vụ (không kèm dấu ** hay _)");
                    problem.line = plan.quote_lines[index];
                    problems.push(problem);
                    format!("chi-tieu-{}", index + 1)
                })
                .collect();
            (
                PlanBody {
                    html: rendered.html,
                    toc: rendered.toc,
                },
                anchors,
                problems,
            )
        })
        .collect();
    let mut bodies = Vec::with_capacity(results.len());
    let mut anchors = Vec::with_capacity(results.len());
    let mut diagnostics = Diagnostics::default();
    for (body, plan_anchors, problems) in results {
        bodies.push(body);
        anchors.push(plan_anchors);
        problems.into_iter().for_each(|p| diagnostics.push(p));
    }
    (bodies, anchors, diagnostics)
}

/// Every HTML page of the site.
pub fn all_pages(site: &Site, bodies: &[PlanBody], anchors: &TargetAnchors) -> Vec<Page> {
    let mut pages = vec![home(site, anchors)];
    pages.extend((0..site.provinces.len()).map(|p| province(site, p)));
    pages.extend((0..site.communes.len()).map(|c| commune(site, anchors, c)));
    pages.extend((0..site.plans.len()).map(|p| plan(site, bodies, anchors, p)));
    pages.push(indicator_index(site));
    pages.extend((0..site.indicators.len()).map(|i| indicator(site, anchors, i)));
    pages.push(area_index(site));
    pages.extend((0..site.areas.len()).map(|a| area(site, anchors, a)));
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
    pages.push(not_found);
    pages
}

fn home(site: &Site, _anchors: &TargetAnchors) -> Page {
    let mut home = page(
        "home.html",
        "",
        PageMeta {
            title: site.config.title.clone(),
            path: String::new(),
            description: site.config.description.clone(),
            breadcrumbs: vec![],
        },
    );
    #[derive(Serialize)]
    struct CommuneItem {
        link: Link,
        province: Option<String>,
        plans: usize,
        targets: usize,
    }
    let communes: Vec<CommuneItem> = (0..site.communes.len())
        .map(|c| {
            let node = &site.communes[c];
            CommuneItem {
                link: commune_link(site, c),
                province: node.province.map(|p| province_name(site, p)),
                plans: node.plans.len(),
                targets: node
                    .plans
                    .iter()
                    .map(|&p| site.plans[p].plan.meta.targets.len())
                    .sum(),
            }
        })
        .collect();
    let mut latest: Vec<usize> = (0..site.plans.len()).collect();
    latest.sort_by(|&a, &b| {
        plan_date(site, b)
            .cmp(&plan_date(site, a))
            .then(site.plans[a].path.cmp(&site.plans[b].path))
    });
    latest.truncate(10);
    let latest: Vec<_> = latest.into_iter().map(|p| plan_summary(site, p)).collect();
    let mut top: Vec<_> = (0..site.indicators.len())
        .map(|i| indicator_summary(site, i))
        .filter(|i| i.targets > 0)
        .collect();
    top.sort_by(|a, b| b.communes.cmp(&a.communes).then(b.targets.cmp(&a.targets)));
    top.truncate(8);
    let totals = Totals {
        provinces: site.provinces.len(),
        communes: site.communes.len(),
        plans: site.plans.len(),
        targets: site.plans.iter().map(|p| p.plan.meta.targets.len()).sum(),
        tasks: site.plans.iter().map(|p| p.plan.meta.tasks.len()).sum(),
        indicators: site
            .indicators
            .iter()
            .filter(|i| !i.targets.is_empty())
            .count(),
    };
    home.context.insert("communes", &communes);
    home.context.insert("latest", &latest);
    home.context.insert("top_indicators", &top);
    home.context.insert("totals", &totals);
    home
}

#[derive(Serialize)]
struct Totals {
    provinces: usize,
    communes: usize,
    plans: usize,
    targets: usize,
    tasks: usize,
    indicators: usize,
}

/// Sort key for "newest first": the decision date, else the first year of the period.
fn plan_date(site: &Site, plan: usize) -> (i32, String) {
    let meta = &site.plans[plan].plan.meta;
    match meta.decision.as_ref().and_then(|d| d.date) {
        Some(date) => (date.0.year() as i32, date.iso()),
        None => (meta.period.from, String::new()),
    }
}

fn province_name(site: &Site, province: usize) -> String {
    let meta = &site.provinces[province].province.meta;
    format!("{} {}", meta.kind.label(), meta.name)
}

fn province_crumbs(site: &Site, province: Option<usize>) -> Vec<Link> {
    let mut crumbs = vec![home_crumb()];
    if let Some(p) = province {
        crumbs.push(Link {
            name: province_name(site, p),
            path: site.provinces[p].path.clone(),
        });
    }
    crumbs
}

fn province(site: &Site, index: usize) -> Page {
    let node = &site.provinces[index];
    let mut page = page(
        "province.html",
        &node.path,
        PageMeta {
            title: province_name(site, index),
            path: node.path.clone(),
            description: None,
            breadcrumbs: vec![home_crumb()],
        },
    );
    #[derive(Serialize)]
    struct Item {
        link: Link,
        plans: Vec<super::view::PlanSummary>,
    }
    let communes: Vec<Item> = node
        .communes
        .iter()
        .map(|&c| Item {
            link: commune_link(site, c),
            plans: site.communes[c]
                .plans
                .iter()
                .map(|&p| plan_summary(site, p))
                .collect(),
        })
        .collect();
    page.context.insert("communes", &communes);
    page.context
        .insert("intro", &render_markdown(&node.province.intro, &[]).html);
    page
}

fn commune(site: &Site, anchors: &TargetAnchors, index: usize) -> Page {
    let node = &site.communes[index];
    let meta = &node.commune.meta;
    let mut page = page(
        "commune.html",
        &node.path,
        PageMeta {
            title: site.commune_name(index),
            path: node.path.clone(),
            description: Some(format!(
                "Các kế hoạch cải cách hành chính và chỉ tiêu của {}",
                site.commune_name(index)
            )),
            breadcrumbs: province_crumbs(site, node.province),
        },
    );
    let plans: Vec<_> = node.plans.iter().map(|&p| plan_summary(site, p)).collect();
    let mut targets: Vec<_> = node
        .plans
        .iter()
        .flat_map(|&plan| {
            (0..site.plans[plan].plan.meta.targets.len())
                .map(move |target| TargetRef { plan, target })
        })
        .map(|t| target_row(site, anchors, t))
        .collect();
    let order = |id: &str| site.indicators.iter().position(|i| i.indicator.id == id);
    targets.sort_by(|a, b| {
        order(&a.indicator_id)
            .cmp(&order(&b.indicator_id))
            .then(a.year.cmp(&b.year))
    });
    page.context.insert("commune", meta);
    page.context.insert("kind", meta.kind.label());
    page.context.insert(
        "province",
        &node.province.map(|p| Link {
            name: province_name(site, p),
            path: site.provinces[p].path.clone(),
        }),
    );
    page.context.insert("plans", &plans);
    page.context.insert("targets", &targets);
    page.context
        .insert("intro", &render_markdown(&node.commune.intro, &[]).html);
    page
}

fn plan(site: &Site, bodies: &[PlanBody], anchors: &TargetAnchors, index: usize) -> Page {
    let node = &site.plans[index];
    let meta = &node.plan.meta;
    let commune = node.commune;
    let mut crumbs = province_crumbs(site, site.communes[commune].province);
    crumbs.push(commune_link(site, commune));
    let mut page = page(
        "plan.html",
        &node.path,
        PageMeta {
            title: meta.title.clone(),
            path: node.path.clone(),
            description: meta.summary.clone(),
            breadcrumbs: crumbs,
        },
    );
    #[derive(Serialize)]
    struct Replaced {
        number: String,
        link: Option<Link>,
    }
    let replaces: Vec<Replaced> = meta
        .replaces
        .iter()
        .zip(&node.replaces)
        .map(|(number, found)| Replaced {
            number: number.clone(),
            link: found.map(|p| Link {
                name: site.plans[p].plan.meta.title.clone(),
                path: site.plans[p].path.clone(),
            }),
        })
        .collect();
    let replaced_by: Vec<Link> = node
        .replaced_by
        .iter()
        .map(|&p| Link {
            name: site.plans[p].plan.meta.title.clone(),
            path: site.plans[p].path.clone(),
        })
        .collect();
    let attachments: Vec<Link> = meta
        .attachments
        .iter()
        .map(|name| Link {
            name: name.clone(),
            path: format!("{}{name}", node.path),
        })
        .collect();
    let targets: Vec<_> = (0..meta.targets.len())
        .map(|target| {
            target_row(
                site,
                anchors,
                TargetRef {
                    plan: index,
                    target,
                },
            )
        })
        .collect();
    let tasks: Vec<TaskRef> = (0..meta.tasks.len())
        .map(|task| TaskRef { plan: index, task })
        .collect();
    let decision = meta.decision.clone().unwrap_or_default();
    let body = &bodies[index];
    page.context.insert("summary", &plan_summary(site, index));
    page.context.insert("meta", meta);
    page.context
        .insert("decision_date", &decision.date.map(|d| d.display_vi()));
    page.context.insert(
        "effective_date",
        &decision.effective.map(|d| d.display_vi()),
    );
    page.context.insert("decision", &decision);
    page.context.insert(
        "province",
        &site.communes[commune]
            .province
            .map(|p| province_name(site, p)),
    );
    page.context.insert("replaces", &replaces);
    page.context.insert("replaced_by", &replaced_by);
    page.context.insert("attachments", &attachments);
    page.context.insert(
        "toc",
        &body.toc.iter().filter(|e| e.level <= 3).collect::<Vec<_>>(),
    );
    page.context.insert("body", &body.html);
    page.context.insert("targets", &targets);
    page.context
        .insert("task_groups", &task_groups(site, &tasks));
    page
}

fn indicator_index(site: &Site) -> Page {
    let mut page = page(
        "indicators.html",
        "chi-tieu/",
        PageMeta {
            title: "Chỉ tiêu cải cách hành chính".to_string(),
            path: "chi-tieu/".to_string(),
            description: Some(
                "So sánh chỉ tiêu các xã, phường đã cam kết với mục tiêu quốc gia".to_string(),
            ),
            breadcrumbs: vec![home_crumb()],
        },
    );
    #[derive(Serialize)]
    struct Group {
        area: Link,
        indicators: Vec<super::view::IndicatorSummary>,
    }
    let groups: Vec<Group> = site
        .areas
        .iter()
        .map(|area| Group {
            area: Link {
                name: area.area.name.clone(),
                path: area.path.clone(),
            },
            indicators: area
                .indicators
                .iter()
                .map(|&i| indicator_summary(site, i))
                .collect(),
        })
        .filter(|g| !g.indicators.is_empty())
        .collect();
    page.context.insert("groups", &groups);
    page
}

fn indicator(site: &Site, anchors: &TargetAnchors, index: usize) -> Page {
    let node = &site.indicators[index];
    let indicator = &node.indicator;
    let mut page = page(
        "indicator.html",
        &node.path,
        PageMeta {
            title: indicator.name.clone(),
            path: node.path.clone(),
            description: Some(format!(
                "Chỉ tiêu “{}” mà các xã, phường đã cam kết, so với mục tiêu quốc gia",
                indicator.short
            )),
            breadcrumbs: vec![
                home_crumb(),
                Link {
                    name: "Chỉ tiêu".to_string(),
                    path: "chi-tieu/".to_string(),
                },
            ],
        },
    );
    let mut rows: Vec<_> = node
        .targets
        .iter()
        .map(|&t| target_row(site, anchors, t))
        .collect();
    rows.sort_by(|a, b| {
        let by_value = match indicator.better {
            Better::Higher => b.value.total_cmp(&a.value),
            Better::Lower => a.value.total_cmp(&b.value),
        };
        by_value
            .then(a.year.cmp(&b.year))
            .then(a.commune.name.cmp(&b.commune.name))
    });
    let mut commitments: BTreeMap<usize, usize> = BTreeMap::new();
    for target in &node.targets {
        *commitments.entry(site.plans[target.plan].commune).or_default() += 1;
    }
    let missing: Vec<Link> = (0..site.communes.len())
        .filter(|c| !commitments.contains_key(c))
        .map(|c| commune_link(site, c))
        .collect();
    // Communes with several targets (one per stage) get the stage in their chart label.
    let several: BTreeSet<&str> = commitments
        .iter()
        .filter(|&(_, &count)| count > 1)
        .map(|(&c, _)| site.communes[c].path.as_str())
        .collect();
    let bars: Vec<Bar> = rows
        .iter()
        .map(|row| Bar {
            label: if several.contains(row.commune.path.as_str()) {
                format!(
                    "{} ({})",
                    row.commune.name,
                    row.stage.clone().unwrap_or_else(|| row.year.to_string())
                )
            } else {
                row.commune.name.clone()
            },
            value: row.value,
        })
        .collect();
    let reference = indicator.national.as_ref().map(|n| ReferenceLine {
        value: n.value,
        label: format!("Quốc gia {}", n.year),
    });
    let chart = (!bars.is_empty()).then(|| {
        bar_chart(
            "bieu-do",
            &format!("{}: chỉ tiêu các xã, phường đã cam kết", indicator.short),
            &indicator.unit,
            &bars,
            reference.as_ref(),
        )
    });
    let area = node.area.map(|a| Link {
        name: site.areas[a].area.name.clone(),
        path: site.areas[a].path.clone(),
    });
    page.context.insert("indicator", indicator);
    page.context.insert(
        "better",
        match indicator.better {
            Better::Higher => "Càng cao càng tốt",
            Better::Lower => "Càng thấp càng tốt",
        },
    );
    page.context.insert("national", &national_text(indicator));
    page.context.insert("area", &area);
    page.context.insert("rows", &rows);
    page.context.insert("missing", &missing);
    let several: Vec<String> = several
        .iter()
        .filter_map(|path| site.communes.iter().position(|c| c.path == *path))
        .map(|c| site.commune_name(c))
        .collect();
    page.context.insert("several", &several);
    page.context.insert("chart", &chart);
    page
}

fn area_index(site: &Site) -> Page {
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
        .map(|area| Item {
            link: Link {
                name: area.area.name.clone(),
                path: area.path.clone(),
            },
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

fn area(site: &Site, anchors: &TargetAnchors, index: usize) -> Page {
    let node = &site.areas[index];
    let mut page = page(
        "area.html",
        &node.path,
        PageMeta {
            title: node.area.name.clone(),
            path: node.path.clone(),
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
    let indicators: Vec<_> = node
        .indicators
        .iter()
        .map(|&i| indicator_summary(site, i))
        .collect();
    let targets: Vec<_> = node
        .indicators
        .iter()
        .flat_map(|&i| site.indicators[i].targets.iter())
        .map(|&t| target_row(site, anchors, t))
        .collect();
    #[derive(Serialize)]
    struct PlanTasks {
        plan: Link,
        commune: Link,
        tasks: Vec<super::view::TaskRow>,
    }
    let mut by_plan: Vec<PlanTasks> = Vec::new();
    for &task in &node.tasks {
        let row = super::view::task_row(site, task);
        match by_plan.last_mut() {
            Some(group) if group.plan.path == site.plans[task.plan].path => group.tasks.push(row),
            _ => by_plan.push(PlanTasks {
                plan: Link {
                    name: site.plans[task.plan].plan.meta.title.clone(),
                    path: site.plans[task.plan].path.clone(),
                },
                commune: commune_link(site, site.plans[task.plan].commune),
                tasks: vec![row],
            }),
        }
    }
    page.context.insert("area", &node.area);
    page.context.insert("indicators", &indicators);
    page.context.insert("targets", &targets);
    page.context.insert("task_plans", &by_plan);
    page
}

/// Entries of the Atom feed and the sitemap: every plan, newest first.
pub fn feed_entries(site: &Site) -> Vec<super::view::PlanSummary> {
    let mut plans: Vec<usize> = (0..site.plans.len()).collect();
    plans.sort_by(|&a, &b| {
        plan_date(site, b)
            .cmp(&plan_date(site, a))
            .then(site.plans[a].path.cmp(&site.plans[b].path))
    });
    plans.into_iter().map(|p| plan_summary(site, p)).collect()
}
