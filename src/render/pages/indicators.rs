//! The indicator index and one comparison page per indicator.

use super::{Page, PageMeta, home_crumb, page};
use crate::graph::Site;
use crate::model::Better;
use crate::render::chart::{Bar, ReferenceLine, bar_chart};
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

/// Builds the indicator page.
pub(super) fn indicator(site: &Site, anchors: &TargetAnchors, index: usize) -> Page {
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
        *commitments
            .entry(site.plans[target.plan].commune)
            .or_default() += 1;
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
