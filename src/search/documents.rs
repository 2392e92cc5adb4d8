//! What citizens can find: every plan section, target and task, and the commune and indicator
//! pages, as search documents numbered commune by commune (docs/search-index.md).

use super::tokenize::fold;
use crate::graph::{IndicatorNode, Site, TargetRef, TaskRef};
use crate::render::view::{plan_summary, target_row, task_row};
use crate::render::{Rendered, Section, collapse_whitespace};
use rayon::prelude::*;
use std::borrow::Cow;
use std::ops::Range;

/// The kind of a document; its code is its position in [`Kind::ALL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A section of a plan's text.
    Text,
    /// A target.
    Target,
    /// A task.
    Task,
    /// A commune or indicator page.
    Page,
}

impl Kind {
    /// Every kind, in code order.
    pub const ALL: [Kind; 4] = [Kind::Text, Kind::Target, Kind::Task, Kind::Page];

    /// The code stored in postings.
    pub fn code(self) -> u8 {
        Kind::ALL.iter().position(|k| *k == self).unwrap_or(0) as u8
    }

    /// Vietnamese label shown in results and filters.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Text => "Văn bản",
            Kind::Target => "Chỉ tiêu",
            Kind::Task => "Nhiệm vụ",
            Kind::Page => "Trang",
        }
    }
}

/// One searchable unit; its texts borrow from the rendered site where they can (a national
/// site's plan text is not copied again for the index).
#[derive(Debug, Clone)]
pub struct Document<'a> {
    /// Shown as the result's title; its words weigh three times as much as the text's.
    pub title: Cow<'a, str>,
    /// Address relative to the site root, with the anchor of the exact place.
    pub url: String,
    /// Plain text, whitespace collapsed.
    pub text: Cow<'a, str>,
    /// Words the document is about without saying them (its reform area's name): searchable with a
    /// low weight, not shown.
    pub tags: Cow<'a, str>,
    /// What it is.
    pub kind: Kind,
    /// Reform area (index into `site.areas`).
    pub area: Option<usize>,
    /// Commune (index into `site.communes`).
    pub commune: Option<usize>,
    /// Years it concerns, inclusive; None for pages (they match every year).
    pub years: Option<(i32, i32)>,
}

/// Where each commune's and each plan's documents are, once every document is made.
#[derive(Debug, Default)]
pub struct Layout {
    /// Number of documents.
    pub documents: u32,
    /// Id of each commune's page (its first document), in the order of [`Site::communes`].
    pub communes: Vec<u32>,
    /// Ids of each plan's documents, in the order of [`Site::plans`].
    pub plans: Vec<Range<u32>>,
}

/// Communes whose documents are made at a time (in parallel) by [`for_each_batch`].
const COMMUNES_PER_BATCH: usize = 64;

/// Makes every document of the site in id order, commune by commune (a batch of communes in
/// parallel), then the pages without a commune, and gives them to `each` a batch at a time, so
/// that a national site's documents are never all in memory; returns where they are.
pub fn for_each_batch<'a, E>(
    site: &'a Site,
    rendered: &'a Rendered,
    mut each: impl FnMut(Vec<Document<'a>>) -> Result<(), E>,
) -> Result<Layout, E> {
    let area_phrases = area_phrases(site);
    let mut layout = Layout {
        documents: 0,
        communes: Vec::with_capacity(site.communes.len()),
        plans: vec![0..0; site.plans.len()],
    };
    let communes: Vec<usize> = (0..site.communes.len()).collect();
    for group in communes.chunks(COMMUNES_PER_BATCH) {
        let per_commune: Vec<CommuneDocuments<'a>> = group
            .par_iter()
            .map(|&commune| commune_documents(site, rendered, &area_phrases, commune))
            .collect();
        let mut batch = Vec::with_capacity(per_commune.iter().map(|(d, _)| d.len()).sum());
        for (mut list, spans) in per_commune {
            let first = layout.documents + batch.len() as u32;
            layout.communes.push(first);
            for (plan, span) in spans {
                layout.plans[plan] = first + span.start..first + span.end;
            }
            batch.append(&mut list);
        }
        layout.documents += batch.len() as u32;
        each(batch)?;
    }
    let pages: Vec<Document<'a>> = site.indicators.iter().map(indicator_page).collect();
    layout.documents += pages.len() as u32;
    each(pages)?;
    Ok(layout)
}

/// An indicator's page: its name, short name and description.
fn indicator_page(indicator: &IndicatorNode) -> Document<'_> {
    let meta = &indicator.indicator;
    Document {
        title: Cow::Borrowed(&meta.name),
        url: indicator.path.clone(),
        text: collapse_whitespace(&format!(
            "{} {}",
            meta.short,
            meta.description.clone().unwrap_or_default()
        ))
        .into(),
        tags: Cow::Borrowed(""),
        kind: Kind::Page,
        area: indicator.area,
        commune: None,
        years: None,
    }
}

/// A commune's documents, and for each of its plans the ids (from 0) of the plan's documents.
type CommuneDocuments<'a> = (Vec<Document<'a>>, Vec<(usize, Range<u32>)>);

/// The commune page, then the documents of each of its plans, with the ids (from 0) of each
/// plan's documents.
fn commune_documents<'a>(
    site: &'a Site,
    rendered: &'a Rendered,
    area_phrases: &[Vec<String>],
    commune: usize,
) -> CommuneDocuments<'a> {
    let mut documents = vec![commune_page(site, commune)];
    let mut spans = Vec::new();
    for &plan in &site.communes[commune].plans {
        let start = documents.len() as u32;
        let inputs = PlanInputs {
            plan,
            sections: &rendered.sections[plan],
            anchors: &rendered.anchors[plan],
        };
        plan_documents(site, inputs, area_phrases, &mut documents);
        spans.push((plan, start..documents.len() as u32));
    }
    (documents, spans)
}

/// A commune's page: its name, former names and the titles of its plans.
pub fn commune_page(site: &Site, commune: usize) -> Document<'static> {
    let node = &site.communes[commune];
    let plan_titles: Vec<&str> = node
        .plans
        .iter()
        .map(|&p| site.plans[p].plan.meta.title.as_str())
        .collect();
    Document {
        title: site.commune_name(commune).into(),
        url: node.path.clone(),
        text: collapse_whitespace(&format!(
            "{} {}",
            node.commune.meta.former_names.join(" "),
            plan_titles.join(" ")
        ))
        .into(),
        tags: Cow::Borrowed(""),
        kind: Kind::Page,
        area: None,
        commune: Some(commune),
        years: None,
    }
}

/// What the documents of one plan are made from: the plan (index into [`Site::plans`]) and, from
/// its rendering, its text split at headings and where each of its targets links to.
#[derive(Debug, Clone, Copy)]
pub struct PlanInputs<'a> {
    /// Index into [`Site::plans`].
    pub plan: usize,
    /// The plan's text split at headings (`Rendered::sections[plan]`).
    pub sections: &'a [Section],
    /// Where each target of the plan links to (`Rendered::anchors[plan]`).
    pub anchors: &'a [String],
}

/// The sections, targets and tasks of one plan.
pub fn plan_documents<'a>(
    site: &'a Site,
    inputs: PlanInputs<'a>,
    area_phrases: &[Vec<String>],
    documents: &mut Vec<Document<'a>>,
) {
    let plan = inputs.plan;
    let node = &site.plans[plan];
    let meta = &node.plan.meta;
    let years = Some((meta.period.from, meta.period.to));
    // The plan as a document: what identifies it (số ký hiệu, dates, signer, legal bases).
    let body = inputs.sections;
    let summary = plan_summary(site, plan);
    let decision = meta.decision.clone().unwrap_or_default();
    let identity = [
        Some(summary.kind.to_string()),
        summary.number.clone(),
        summary.date.clone().map(|d| format!("ngày {d}")),
        meta.issuer.clone(),
        meta.summary.clone(),
        decision
            .signer
            .map(|s| format!("{} {s}", decision.signer_title.unwrap_or_default())),
        Some(meta.legal_bases.join(". ")),
        (!meta.replaces.is_empty()).then(|| format!("Thay thế {}", meta.replaces.join(", "))),
        // The text before the first heading belongs to the plan as a whole.
        body.first()
            .filter(|s| s.level == 0)
            .map(|s| s.text.clone()),
    ];
    documents.push(Document {
        title: Cow::Borrowed(&meta.title),
        url: node.path.clone(),
        text: collapse_whitespace(
            &identity
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(". "),
        )
        .into(),
        tags: Cow::Borrowed(""),
        kind: Kind::Text,
        area: None,
        commune: Some(node.commune),
        years,
    });
    // Areas are inherited from enclosing headings ("2. Cải cách thủ tục hành chính" › "a) Mục tiêu").
    let mut enclosing: Vec<(u8, Option<usize>)> = Vec::new();
    for section in body.iter().filter(|s| s.level > 0) {
        enclosing.retain(|(level, _)| *level < section.level);
        let folded = fold(&section.title.to_lowercase());
        let own = area_phrases
            .iter()
            .position(|phrases| phrases.iter().any(|p| folded.contains(p.as_str())));
        enclosing.push((section.level, own));
        let area = enclosing.iter().rev().find_map(|(_, area)| *area);
        let id = section.id.as_deref().unwrap_or_default();
        documents.push(Document {
            title: Cow::Borrowed(&section.title),
            url: format!("{}#{id}", node.path),
            text: Cow::Borrowed(&section.text),
            tags: Cow::Borrowed(""),
            kind: Kind::Text,
            area,
            commune: Some(node.commune),
            years,
        });
    }
    for target in 0..meta.targets.len() {
        let row = target_row(site, inputs.anchors, TargetRef { plan, target });
        let t = &meta.targets[target];
        let when = match &row.stage {
            Some(stage) => format!("giai đoạn {stage}"),
            None => format!("năm {}", row.year),
        };
        documents.push(Document {
            title: format!("{} – {}", row.indicator.name, row.commune.name).into(),
            url: row.plan.path.clone(),
            text: format!(
                "{}: {} {} {when}. {}",
                row.indicator_name,
                row.comparator,
                row.value_text,
                row.quote.clone().unwrap_or_default()
            )
            .into(),
            tags: Cow::Borrowed(""),
            kind: Kind::Target,
            area: site
                .indicators
                .iter()
                .find(|i| i.indicator.id == t.indicator)
                .and_then(|i| i.area),
            commune: Some(node.commune),
            years: Some((t.from.unwrap_or(t.year), t.year)),
        });
    }
    for task in 0..meta.tasks.len() {
        let row = task_row(site, TaskRef { plan, task });
        let area = site
            .areas
            .iter()
            .position(|a| a.area.id == meta.tasks[task].area);
        // The area's name is what a task is about: "cải cách thể chế" finds its tasks.
        let area_name = area.map(|a| site.areas[a].area.name.as_str());
        let mut text = Vec::new();
        let labelled = [
            ("Mục tiêu", &row.objective),
            ("Nhiệm vụ", &row.duty),
            ("Sản phẩm", &row.output),
            ("Chủ trì", &row.lead),
            ("Phối hợp", &row.partners),
            ("Thời gian", &row.due),
        ];
        for (label, value) in labelled {
            if let Some(value) = value {
                text.push(format!("{label}: {value}."));
            }
        }
        documents.push(Document {
            title: row.content.into(),
            url: row.plan.path.clone(),
            text: text.join(" ").into(),
            tags: area_name.map_or(Cow::Borrowed(""), Cow::Borrowed),
            kind: Kind::Task,
            area: site
                .areas
                .iter()
                .position(|a| a.area.id == meta.tasks[task].area),
            commune: Some(node.commune),
            years,
        });
    }
}

/// Folded phrases that identify each area in a heading: its name, short name and match phrases.
pub fn area_phrases(site: &Site) -> Vec<Vec<String>> {
    site.areas
        .iter()
        .map(|area| {
            std::iter::once(&area.area.name)
                .chain(std::iter::once(&area.area.short))
                .chain(area.area.match_phrases.iter())
                .map(|phrase| fold(&phrase.to_lowercase()))
                .collect()
        })
        .collect()
}
