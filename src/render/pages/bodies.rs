//! A plan body rendered once, with the place in the text each target links to.

use crate::diagnostics::Diagnostic;
use crate::graph::Site;
use crate::render::markdown::{Section, TocEntry, collapse_whitespace, render_markdown};

/// A plan's body rendered once and shared by every page that needs it.
pub struct PlanBody {
    pub(super) html: String,
    pub(super) toc: Vec<TocEntry>,
    /// The body's text split at headings (for the search index).
    pub sections: Vec<Section>,
}

/// Renders one plan's body, checks that each target's quote is really in the plan, and works out
/// where each target links to (its anchors, by target).
pub fn plan_body(site: &Site, index: usize) -> (PlanBody, Vec<String>, Vec<Diagnostic>) {
    let plan = &site.plans[index].plan;
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
            let fields = [
                task.objective.as_deref(),
                task.duty.as_deref(),
                Some(task.content.as_str()),
                task.output.as_deref(),
            ];
            collapse_whitespace(&fields.into_iter().flatten().collect::<Vec<_>>().join("\n"))
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
            let quote = collapse_whitespace(quote);
            if let Some(task) = task_texts.iter().position(|text| text.contains(&quote)) {
                return format!("nhiem-vu-{}", task + 1);
            }
            let at = &plan.quote_locations[index];
            let problem = Diagnostic::file(
                "quote-not-found",
                &plan.source,
                "Không tìm thấy câu trích dẫn (quote) của chỉ tiêu trong nội dung kế hoạch",
                "The target's quote was not found in the text of the plan",
            )
            .with_help(
                "chép nguyên văn một đoạn nằm trong một đoạn văn, một mục danh sách, một ô bảng, một đề mục hoặc một ô của bảng nhiệm vụ (không kèm dấu ** hay _)",
                "copy, word for word, a passage that lies within one paragraph, list item, table cell, heading or cell of the task table (without ** or _ marks)",
            )
            .with_position(at.line, at.column, &at.line_text);
            problems.push(problem);
            format!("chi-tieu-{}", index + 1)
        })
        .collect();
    (
        PlanBody {
            html: rendered.html,
            toc: rendered.toc,
            sections: rendered.sections,
        },
        anchors,
        problems,
    )
}
