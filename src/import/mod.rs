//! `planportal import`: turns a plan as offices have it (a `.docx`, or text extracted from Word or
//! PDF) into a draft plan file whose front matter passes `planportal check`, and a report of what
//! needs an editor's eye. Beside the pipeline: it reads the catalogues, never the portal.
//!
//! The steps, one module each: [`source`] (bytes → numbered lines; [`docx`] reads Word files),
//! [`clean`] (debris removed, wrapped lines re-joined), [`metadata`] (decision, dates, signer,
//! issuer, commune, period, legal bases), [`tables`] (task tables → tasks), [`structure`]
//! (headings, lists, tables → Markdown), [`targets`] (quantitative commitments → targets),
//! [`draft`] (the file) and [`report`].

mod areas;
mod clean;
mod dates;
mod docx;
mod draft;
mod markers;
mod metadata;
mod report;
mod source;
mod structure;
mod tables;
mod targets;
mod text;

pub use metadata::{Note, Place};
pub use report::{Counts, Report};

use crate::model::{Area, Decision, Indicator, Period, PlanMeta, Status, Target, Task};
use std::collections::BTreeSet;

/// What an import needs besides the file.
#[derive(Debug, Clone, Copy)]
pub struct ImportOptions<'a> {
    /// The file name shown in the draft and the report.
    pub source_name: &'a str,
    /// Reform areas (`data/areas.yaml`).
    pub areas: &'a [Area],
    /// Indicator catalogue (`data/indicators.yaml`).
    pub indicators: &'a [Indicator],
    /// The period to use when the document names none (the command line passes this year).
    pub fallback_year: i32,
}

/// The result of an import: the draft's content and the report.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The front matter of the draft (`status: du-thao`), targets and tasks included.
    pub plan: PlanMeta,
    /// The Markdown body.
    pub body: String,
    /// The commune the document names, when recognised.
    pub commune: Option<Place>,
    /// The province the document names, when recognised.
    pub province: Option<Place>,
    /// What was found and what to check.
    pub report: Report,
    draft: String,
}

impl Imported {
    /// The draft file: front matter, commented suggestions, body.
    pub fn draft(&self) -> &str {
        &self.draft
    }

    /// The usual file name of the plan, without `.md` (`ke-hoach-cchc-2026`).
    pub fn slug(&self) -> String {
        crate::scaffold::default_slug(self.plan.kind, self.plan.period.from, self.plan.period.to)
    }
}

/// Imports a file's bytes. Never fails: an unreadable or empty file gives a minimal valid draft
/// and a report that says why.
pub fn import(bytes: &[u8], options: &ImportOptions) -> Imported {
    let (source, unreadable) = match source::read(bytes) {
        Ok(source) => (source, None),
        Err(source::Unreadable(reason)) => (
            source::Source {
                kind: source::SourceKind::Text,
                lines: Vec::new(),
            },
            Some(reason),
        ),
    };
    let (pieces, removed) = clean::clean(&source.lines);
    let meta = metadata::extract(&pieces, options.fallback_year);
    let tables = tables::extract(&pieces, options.areas);
    let skip: BTreeSet<usize> = meta.chrome.union(&tables.consumed).copied().collect();
    let nodes = structure::build(&pieces, &meta, &skip);
    let body = structure::render(&nodes);
    let scope = targets::Scope {
        period: meta.period,
        indicators: options.indicators,
    };
    let mut found = targets::in_body(&nodes, &scope);
    for cell in &tables.cells {
        let task = &tables.tasks[cell.task].task;
        let text = match cell.field {
            tables::Field::Objective => task.objective.as_deref(),
            tables::Field::Duty => task.duty.as_deref(),
            tables::Field::Content => Some(task.content.as_str()),
            tables::Field::Output => task.output.as_deref(),
            _ => None,
        };
        if let Some(text) = text {
            found.extend(targets::in_text(text, cell.line, None, &scope));
        }
    }
    let (mapped, suggestions) = split_found(found);
    let mut review: Vec<Note> = meta.notes.clone();
    review.extend(tables.notes.iter().cloned());
    for suggestion in &suggestions {
        review.push(Note {
            line: suggestion.line,
            message: format!(
                "cam kết “{}” ({}{}) chưa gắn được với chỉ tiêu nào trong danh mục: đã để ở dạng gợi ý (dòng có dấu #) trong targets",
                shorten(&suggestion.quote),
                number(suggestion.value),
                if suggestion.unit == "%" { "%".to_string() } else { format!(" {}", suggestion.unit) }
            ),
        });
    }
    let undated: Vec<usize> = mapped
        .iter()
        .chain(&suggestions)
        .filter(|f| !f.year_written)
        .map(|f| f.line)
        .collect();
    if !undated.is_empty() && meta.period.0 != meta.period.1 {
        let mut lines: Vec<String> = undated.iter().map(usize::to_string).collect();
        lines.dedup();
        review.push(Note {
            line: undated[0],
            message: format!(
                "{} chỉ tiêu không ghi năm hay giai đoạn riêng (dòng {}): đã lấy năm cuối của kế hoạch ({}), kiểm tra `year` và `from`",
                undated.len(),
                lines.join(", "),
                meta.period.1
            ),
        });
    }
    let decision = Decision {
        number: meta.decision.number.clone(),
        date: meta.decision.date,
        effective: meta.decision.effective,
        signer: meta.decision.signer.clone(),
        signer_title: meta.decision.signer_title.clone(),
    };
    let has_decision = decision.number.is_some()
        || decision.date.is_some()
        || decision.signer.is_some()
        || meta
            .parts
            .iter()
            .any(|p| p.kind == crate::model::PlanKind::QuyetDinh);
    let tasks: Vec<Task> = tables.tasks.iter().map(|t| t.task.clone()).collect();
    let task_comments: Vec<Vec<String>> = tables.tasks.iter().map(|t| t.comments.clone()).collect();
    let targets: Vec<Target> = mapped
        .iter()
        .map(|f| Target {
            indicator: f.indicator.clone().unwrap_or_default(),
            value: f.value,
            op: f.op,
            from: f.from,
            year: f.year,
            quote: Some(f.quote.clone()),
        })
        .collect();
    let plan = PlanMeta {
        title: meta.title.clone(),
        kind: meta.kind,
        period: Period {
            from: meta.period.0,
            to: meta.period.1,
        },
        status: Some(Status::DuThao),
        issuer: meta.issuer.clone(),
        summary: meta.summary.clone(),
        decision: has_decision.then(|| decision.clone()),
        legal_bases: meta.legal_bases.clone(),
        replaces: meta.replaces.clone(),
        attachments: Vec::new(),
        standing_office: meta.standing_office.clone(),
        funding: meta.funding.clone().or(tables.funding.clone()),
        targets,
        tasks,
        results: Vec::new(),
    };
    let counts = Counts {
        legal_bases: plan.legal_bases.len(),
        replaces: plan.replaces.len(),
        headings: count(&nodes, |k| matches!(k, structure::Kind::Heading(_))),
        paragraphs: count(&nodes, |k| matches!(k, structure::Kind::Paragraph)),
        items: count(&nodes, |k| matches!(k, structure::Kind::Item(_))),
        tables: count(&nodes, |k| matches!(k, structure::Kind::Table(_))),
        targets: plan.targets.len(),
        suggestions: suggestions.len(),
        tasks: plan.tasks.len(),
        areas: plan
            .tasks
            .iter()
            .map(|t| t.area.as_str())
            .collect::<BTreeSet<_>>()
            .len(),
        page_numbers: removed.page_numbers,
        joined_lines: removed.joined_lines,
        repeated_headers: tables.repeated_headers,
        merged_rows: tables.merged_rows,
        realigned_rows: tables.realigned_rows,
    };
    let report = Report {
        source_name: options.source_name.to_string(),
        unit: source.kind.unit(),
        unreadable,
        document: format!(
            "{} ({}, {})",
            plan.title,
            plan.kind.label(),
            if plan.period.from == plan.period.to {
                plan.period.from.to_string()
            } else {
                format!("{}–{}", plan.period.from, plan.period.to)
            }
        ),
        decision: if has_decision {
            format!(
                "số {}, ngày {}, hiệu lực {}, người ký {}",
                decision.number.as_deref().unwrap_or("(để trống)"),
                metadata::shown_date(decision.date),
                metadata::shown_date(decision.effective),
                match (&decision.signer, &decision.signer_title) {
                    (Some(signer), Some(title)) => format!("{signer} ({title})"),
                    (Some(signer), None) => signer.clone(),
                    _ => "(chưa có)".to_string(),
                }
            )
        } else {
            "không có trong văn bản nguồn".to_string()
        },
        counts,
        review,
    };
    let header: Vec<String> = meta
        .chrome
        .iter()
        .map(|index| match &pieces[*index] {
            clean::Piece::Text(block) => block.text.clone(),
            clean::Piece::Row(row) => row.cells.join(" "),
        })
        .collect();
    let draft = draft::Draft {
        meta: &plan,
        header: &header,
        suggestions: &suggestions,
        task_comments: &task_comments,
        source_name: options.source_name,
        body: &body,
    }
    .write();
    Imported {
        plan,
        body,
        commune: meta.commune,
        province: meta.province,
        report,
        draft,
    }
}

/// Mapped targets (each commitment once per indicator, value, comparator and years) and the
/// suggestions (each once).
fn split_found(found: Vec<targets::Found>) -> (Vec<targets::Found>, Vec<targets::Found>) {
    let mut mapped: Vec<targets::Found> = Vec::new();
    let mut suggestions: Vec<targets::Found> = Vec::new();
    for item in found {
        let same = |other: &targets::Found| {
            other.indicator == item.indicator
                && other.value == item.value
                && other.op == item.op
                && other.from == item.from
                && other.year == item.year
                && (item.indicator.is_some() || other.quote == item.quote)
        };
        if item.indicator.is_some() {
            if !mapped.iter().any(same) {
                mapped.push(item);
            }
        } else if !suggestions.iter().any(same) {
            suggestions.push(item);
        }
    }
    (mapped, suggestions)
}

fn count(nodes: &[structure::Node], kind: impl Fn(&structure::Kind) -> bool) -> usize {
    nodes.iter().filter(|n| kind(&n.kind)).count()
}

fn number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

fn shorten(text: &str) -> String {
    let short: String = text.chars().take(80).collect();
    if short.len() < text.len() {
        format!("{short}…")
    } else {
        short
    }
}
