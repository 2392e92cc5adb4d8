//! Plan pages.

use super::{Page, PageMeta, PlanBody, page, province_crumbs, province_name};
use crate::graph::Site;
use crate::graph::{TargetRef, TaskRef};
use crate::render::view::{Link, commune_link, plan_link, plan_summary, target_row, task_groups};
use serde::Serialize;

/// Builds the plan page from its rendered body and the anchors of its targets.
pub fn plan(site: &Site, body: &PlanBody, anchors: &[String], index: usize) -> Page {
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
            link: found.map(|p| plan_link(site, p)),
        })
        .collect();
    let replaced_by: Vec<Link> = node
        .replaced_by
        .iter()
        .map(|&p| plan_link(site, p))
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
    page.context.insert("summary", &plan_summary(site, index));
    page.context.insert("meta", &**meta);
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
