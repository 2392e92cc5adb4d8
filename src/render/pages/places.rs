//! Province and commune pages.

use super::{Page, PageMeta, home_crumb, page, province_crumbs, province_name};
use crate::graph::Site;
use crate::graph::TargetRef;
use crate::render::markdown::render_markdown;
use crate::render::view::{
    Link, PlanSummary, TargetAnchors, commune_link, plan_summary, target_row,
};
use serde::Serialize;

/// Builds the province page.
pub(super) fn province(site: &Site, index: usize) -> Page {
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
        plans: Vec<PlanSummary>,
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

/// Builds the commune page.
pub(super) fn commune(site: &Site, anchors: &TargetAnchors, index: usize) -> Page {
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
        .map(|t| target_row(site, &anchors[t.plan], t))
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
    #[derive(Serialize, Default)]
    struct ProgressCounts {
        dat: usize,
        chua_dat: usize,
        chua_co_so_lieu: usize,
    }
    let mut progress = ProgressCounts::default();
    for row in &targets {
        match row.status_code {
            "dat" => progress.dat += 1,
            "chua-dat" => progress.chua_dat += 1,
            _ => progress.chua_co_so_lieu += 1,
        }
    }
    page.context.insert("progress", &progress);
    page.context.insert("targets", &targets);
    page.context
        .insert("intro", &render_markdown(&node.commune.intro, &[]).html);
    page
}
