//! The indicator index and one comparison page per indicator.

use super::{JobPage, Page, PageMeta, Scope, home_crumb, page, province_name};
use crate::graph::Site;
use crate::model::Better;
use crate::render::chart::{Bar, ReferenceLine, bar_chart};
use crate::render::format::format_value;
use crate::render::view::{
    IndicatorSummary, Link, TargetAnchors, area_link, commune_link, indicator_summary,
    national_text, target_row,
};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Builds the indicator index page.
pub(super) fn indicator_index(site: &Site) -> Page {
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
        indicators: Vec<IndicatorSummary>,
    }
    let groups: Vec<Group> = site
        .areas
        .iter()
        .enumerate()
        .map(|(index, area)| Group {
            area: area_link(site, index),
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

/// Commitments above which an indicator page is split: an overview by province, and one page per
/// province with that province's rows (so no page grows with the number of communes).
const ROWS_PER_PAGE: usize = 200;

/// Slug of the per-province page of the communes that name no province.
const NO_PROVINCE: &str = "chua-ghi-tinh";

/// Builds the pages of one indicator: a single comparison page, or, when more than
/// [`ROWS_PER_PAGE`] commitments exist, an overview by province and one page per province.
pub(super) fn indicator_pages<'a>(
    site: &'a Site,
    anchors: &'a TargetAnchors,
    index: usize,
) -> Vec<JobPage<'a>> {
    let node = &site.indicators[index];
    let output = |path: &str| format!("{path}index.html");
    let Some(groups) = province_groups(site, index) else {
        return vec![JobPage::lazy(output(&node.path), Scope::Job, move || {
            let all: Vec<usize> = (0..site.communes.len()).collect();
            comparison(site, anchors, index, &all, None)
        })];
    };
    let mut pages = vec![JobPage::lazy(output(&node.path), Scope::Job, {
        let groups = groups.clone();
        move || overview(site, index, &groups)
    })];
    pages.extend(groups.into_iter().map(|(province, communes)| {
        JobPage::lazy(
            output(&province_page(site, index, province)),
            Scope::Communes(communes.clone()),
            move || comparison(site, anchors, index, &communes, Some(province)),
        )
    }));
    pages
}

/// The communes of each per-province page of an indicator (the communes without a province
/// last), or `None` when its targets fit on one page.
fn province_groups(site: &Site, index: usize) -> Option<Vec<(Option<usize>, Vec<usize>)>> {
    if site.indicators[index].targets.len() <= ROWS_PER_PAGE {
        return None;
    }
    let mut groups: Vec<(Option<usize>, Vec<usize>)> = site
        .provinces
        .iter()
        .enumerate()
        .map(|(p, province)| (Some(p), province.communes.clone()))
        .collect();
    let without: Vec<usize> = (0..site.communes.len())
        .filter(|&c| site.communes[c].province.is_none())
        .collect();
    if !without.is_empty() {
        groups.push((None, without));
    }
    Some(groups)
}

/// The pages of an indicator and whose rows each lists ([`super::Job::layout`]): every other
/// part of a per-province page comes from the catalogue.
pub(super) fn layout(site: &Site, index: usize) -> String {
    format!("{:?}", province_groups(site, index))
}

/// Where the per-province page of an indicator lives.
fn province_page(site: &Site, indicator: usize, province: Option<usize>) -> String {
    let slug = province.map_or(NO_PROVINCE, |p| {
        site.provinces[p].path.trim_end_matches('/')
    });
    format!("{}{slug}/", site.indicators[indicator].path)
}

fn province_label(site: &Site, province: Option<usize>) -> String {
    province.map_or_else(
        || "Xã, phường chưa ghi tỉnh".to_string(),
        |p| province_name(site, p),
    )
}

fn crumbs() -> Vec<Link> {
    vec![
        home_crumb(),
        Link {
            name: "Chỉ tiêu".to_string(),
            path: "chi-tieu/".to_string(),
        },
    ]
}

/// The national target as the chart's reference line.
fn national_line(indicator: &crate::model::Indicator) -> Option<ReferenceLine> {
    indicator.national.as_ref().map(|n| ReferenceLine {
        value: n.value,
        label: format!("Quốc gia {}", n.year),
    })
}

/// Facts every page of an indicator shows.
fn insert_facts(site: &Site, page: &mut Page, index: usize) {
    let node = &site.indicators[index];
    let indicator = &node.indicator;
    let area = node.area.map(|a| Link {
        name: site.areas[a].area.name.clone(),
        path: site.areas[a].path.clone(),
    });
    page.context.insert("indicator", indicator);
    page.context.insert("better", indicator.better.label());
    page.context.insert("national", &national_text(indicator));
    page.context.insert("area", &area);
}

/// One province's commitments to an indicator, in brief.
#[derive(Serialize)]
struct ProvinceSummary {
    link: Link,
    communes: usize,
    committed: usize,
    lowest: String,
    median: String,
    highest: String,
}

/// The overview of a split indicator: per province, how many communes committed and to what.
fn overview(site: &Site, index: usize, groups: &[(Option<usize>, Vec<usize>)]) -> Page {
    let node = &site.indicators[index];
    let indicator = &node.indicator;
    let mut page = page(
        "indicator.html",
        &node.path,
        PageMeta {
            title: indicator.name.clone(),
            path: node.path.clone(),
            description: Some(format!(
                "Chỉ tiêu “{}” mà các xã, phường đã cam kết, theo tỉnh, thành phố, so với mục tiêu quốc gia",
                indicator.short
            )),
            breadcrumbs: crumbs(),
        },
    );
    insert_facts(site, &mut page, index);
    let mut values: Vec<Vec<f64>> = vec![Vec::new(); site.communes.len()];
    for target in &node.targets {
        let t = &site.plans[target.plan].plan.meta.targets[target.target];
        values[site.plans[target.plan].commune].push(t.value);
    }
    let mut bars = Vec::new();
    let summaries: Vec<ProvinceSummary> = groups
        .iter()
        .map(|(province, communes)| {
            let mut all: Vec<f64> = communes
                .iter()
                .flat_map(|&c| values[c].iter().copied())
                .collect();
            all.sort_by(f64::total_cmp);
            let text = |value: Option<&f64>| {
                value.map_or_else(|| "–".to_string(), |v| format_value(*v, &indicator.unit))
            };
            let median = all.get(all.len() / 2);
            if let Some(&median) = median {
                bars.push(Bar {
                    label: province_label(site, *province),
                    value: median,
                });
            }
            ProvinceSummary {
                link: Link {
                    name: province_label(site, *province),
                    path: province_page(site, index, *province),
                },
                communes: communes.len(),
                committed: communes.iter().filter(|&&c| !values[c].is_empty()).count(),
                lowest: text(all.first()),
                median: text(median),
                highest: text(all.last()),
            }
        })
        .collect();
    let reference = national_line(indicator);
    let chart = bar_chart(
        "bieu-do",
        &format!(
            "{}: mức cam kết trung vị của các xã, phường theo tỉnh, thành phố",
            indicator.short
        ),
        &indicator.unit,
        &bars,
        reference.as_ref(),
    );
    page.context.insert("provinces", &summaries);
    page.context.insert("commitments", &node.targets.len());
    page.context.insert("chart", &chart);
    page
}

/// The comparison of the communes of `communes` (every commune, or one province's when
/// `province` is given) for one indicator: chart, table and the communes without a commitment.
fn comparison(
    site: &Site,
    anchors: &TargetAnchors,
    index: usize,
    communes: &[usize],
    province: Option<Option<usize>>,
) -> Page {
    let node = &site.indicators[index];
    let indicator = &node.indicator;
    let (path, title, breadcrumbs) = match province {
        None => (node.path.clone(), indicator.name.clone(), crumbs()),
        Some(p) => {
            let mut crumbs = crumbs();
            crumbs.push(Link {
                name: indicator.short.clone(),
                path: node.path.clone(),
            });
            (
                province_page(site, index, p),
                format!("{} – {}", indicator.name, province_label(site, p)),
                crumbs,
            )
        }
    };
    let mut page = page(
        "indicator.html",
        &path,
        PageMeta {
            title,
            path: path.clone(),
            description: Some(format!(
                "Chỉ tiêu “{}” mà các xã, phường đã cam kết, so với mục tiêu quốc gia",
                indicator.short
            )),
            breadcrumbs,
        },
    );
    insert_facts(site, &mut page, index);
    let mut member = vec![false; site.communes.len()];
    for &c in communes {
        member[c] = true;
    }
    let mut rows: Vec<_> = node
        .targets
        .iter()
        .filter(|t| member[site.plans[t.plan].commune])
        .map(|&t| target_row(site, &anchors[t.plan], t))
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
        let commune = site.plans[target.plan].commune;
        if member[commune] {
            *commitments.entry(commune).or_default() += 1;
        }
    }
    let missing: Vec<Link> = communes
        .iter()
        .filter(|c| !commitments.contains_key(c))
        .map(|&c| commune_link(site, c))
        .collect();
    // Communes with several targets (one per stage) get the stage in their chart label.
    let several: BTreeSet<usize> = commitments
        .iter()
        .filter(|&(_, &count)| count > 1)
        .map(|(&c, _)| c)
        .collect();
    let several_paths: BTreeSet<&str> = several
        .iter()
        .map(|&c| site.communes[c].path.as_str())
        .collect();
    let bars: Vec<Bar> = rows
        .iter()
        .map(|row| Bar {
            label: if several_paths.contains(row.commune.path.as_str()) {
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
    let reference = national_line(indicator);
    let chart = (!bars.is_empty()).then(|| {
        bar_chart(
            "bieu-do",
            &format!("{}: chỉ tiêu các xã, phường đã cam kết", indicator.short),
            &indicator.unit,
            &bars,
            reference.as_ref(),
        )
    });
    page.context.insert("rows", &rows);
    page.context.insert("missing", &missing);
    let several: Vec<String> = several.iter().map(|&c| site.commune_name(c)).collect();
    page.context.insert("several", &several);
    page.context.insert("chart", &chart);
    page
}
