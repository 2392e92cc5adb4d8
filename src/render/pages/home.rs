//! The home page.

use super::{Page, PageMeta, newest_first, page, province_name};
use crate::graph::Site;
use crate::render::view::{Link, commune_link, indicator_summary, plan_summary};
use serde::Serialize;

/// Communes up to which the home page lists every commune.
const HOME_COMMUNES: usize = 60;

/// Builds the home page.
pub(super) fn home(site: &Site) -> Page {
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
    // A national portal lists its provinces; every commune is listed only on a small portal (the
    // communes without a province are always listed: no province page leads to them).
    let listed: Vec<usize> = (0..site.communes.len())
        .filter(|&c| site.communes.len() <= HOME_COMMUNES || site.communes[c].province.is_none())
        .collect();
    #[derive(Serialize)]
    struct ProvinceItem {
        link: Link,
        communes: usize,
        plans: usize,
    }
    let provinces: Vec<ProvinceItem> = site
        .provinces
        .iter()
        .enumerate()
        .map(|(p, node)| ProvinceItem {
            link: Link {
                name: province_name(site, p),
                path: node.path.clone(),
            },
            communes: node.communes.len(),
            plans: node
                .communes
                .iter()
                .map(|&c| site.communes[c].plans.len())
                .sum(),
        })
        .collect();
    let communes: Vec<CommuneItem> = listed
        .into_iter()
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
    let latest = newest_first(site);
    let latest = &latest[..latest.len().min(10)];
    let latest: Vec<_> = latest.iter().map(|&p| plan_summary(site, p)).collect();
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
    home.context.insert("provinces", &provinces);
    home.context.insert(
        "all_communes_listed",
        &(site.communes.len() <= HOME_COMMUNES),
    );
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
