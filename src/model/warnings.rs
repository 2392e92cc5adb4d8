//! Warnings: things that are probably mistakes but do not stop a build. A target whose quote does
//! not state its value, a plan still marked in force after its period, a task without a lead
//! office, a replaced act the portal does not have. `planportal check` and `build` print them;
//! the portal is published anyway.

use super::memo::{PlanMemo, check_each};
use super::{Portal, Status, Step, YamlSource, locate};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{ContentFile, Sources};
use rustc_hash::FxHashMap;
use std::hash::{Hash, Hasher};
use std::path::Path;

/// Every warning about the plans of `portal`. `current_year` is the year "today" is in, passed in
/// by the caller so that a build stays deterministic; without it, plans are not checked for a
/// period that has ended. What each plan's warnings are is taken from `memo` when it holds the
/// plan's front matter and was filled with the same decision numbers and year.
pub fn warnings(
    portal: &Portal,
    sources: &Sources,
    current_year: Option<i32>,
    memo: Option<&PlanMemo>,
) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    let content_by_path: FxHashMap<&Path, &ContentFile> = sources
        .content
        .iter()
        .map(|f| (f.path.as_path(), f))
        .collect();
    // Decision numbers by commune, to find the acts a plan replaces.
    let numbers: std::collections::HashSet<(&str, &str)> = portal
        .plans
        .iter()
        .filter_map(|p| {
            let number = p.meta.decision.as_ref()?.number.as_deref()?;
            Some((p.commune.as_str(), number))
        })
        .collect();
    if let Some(memo) = memo {
        let mut context: Vec<&(&str, &str)> = numbers.iter().collect();
        context.sort_unstable();
        let mut hasher = rustc_hash::FxHasher::default();
        (context, current_year).hash(&mut hasher);
        memo.enter(hasher.finish());
    }
    // Each plan is checked on its own: in parallel, collected back in plan order.
    let check = |plan: &super::Plan| {
        let mut diagnostics = Diagnostics::default();
        let Some(file) = content_by_path.get(plan.source.as_path()) else {
            return diagnostics;
        };
        let source = YamlSource {
            file: &file.path,
            file_text: &file.text,
            yaml: file.front_matter(),
            first_line: file.split.yaml_line,
        };

        for (index, target) in plan.meta.targets.iter().enumerate() {
            let Some(quote) = target.quote.as_deref() else {
                continue;
            };
            let numbers = numbers_in(quote);
            // A quote without any figure ("toàn bộ thủ tục…") states its value in words.
            if numbers.is_empty() || numbers.iter().any(|n| n.matches(target.value)) {
                continue;
            }
            let written: Vec<&str> = numbers.iter().map(|n| n.text.as_str()).collect();
            let value = target.value;
            let mut warning = Diagnostic::file(
                        "quote-value-mismatch",
                        &plan.source,
                        format!(
                            "Câu trích dẫn của chỉ tiêu không có giá trị {value} (các số trong câu: {})",
                            written.join(", ")
                        ),
                        format!(
                            "The target's quote does not contain its value {value} (numbers in the quote: {})",
                            written.join(", ")
                        ),
                    )
                    .with_help(
                        "kiểm tra value: (ví dụ “đạt tối thiểu 95%” ghi value: 95), hoặc chọn câu trích dẫn nêu đúng chỉ tiêu này",
                        "check value: (for example, “đạt tối thiểu 95%” is written value: 95), or quote the sentence that states this very target",
                    )
                    .warning();
            if let Some(at) = plan.quote_locations.get(index) {
                warning = warning.with_position(at.line, at.column, &at.line_text);
            }
            diagnostics.push(warning);
        }

        if let Some(year) = current_year
            && plan.meta.period.to < year
            && plan.meta.status == Some(Status::HieuLuc)
        {
            let (line, column) = locate(source.yaml, &[Step::Key("status")]);
            let to = plan.meta.period.to;
            diagnostics.push(
                        source
                            .diagnostic_at(
                                "period-ended",
                                line,
                                column,
                                format!("Giai đoạn của kế hoạch đã kết thúc năm {to} nhưng kế hoạch vẫn ghi còn hiệu lực (status: hieu-luc)"),
                                format!("The plan's period ended in {to}, but the plan is still marked as in force (status: hieu-luc)"),
                            )
                            .with_help(
                                "nếu kế hoạch đã hết hiệu lực, ghi status: het-hieu-luc; nếu giai đoạn ghi sai, sửa period:",
                                "if the plan is no longer in force, write status: het-hieu-luc; if the period is wrong, correct period:",
                            )
                            .warning(),
                    );
        }

        for (index, task) in plan.meta.tasks.iter().enumerate() {
            if task
                .lead
                .as_deref()
                .is_some_and(|lead| !lead.trim().is_empty())
            {
                continue;
            }
            let (line, column) = locate(source.yaml, &[Step::Key("tasks"), Step::Index(index)]);
            let (name, name_en) = match task.no.as_deref().map(str::trim) {
                Some(no) if !no.is_empty() => (format!("Nhiệm vụ {no}"), format!("Task {no}")),
                _ => (
                    format!("Nhiệm vụ thứ {} của bảng", index + 1),
                    format!("Task {} of the table", index + 1),
                ),
            };
            diagnostics.push(
                        source
                            .diagnostic_at(
                                "task-without-lead",
                                line,
                                column,
                                format!("{name} không ghi cơ quan chủ trì (lead)"),
                                format!("{name_en} names no lead office (lead)"),
                            )
                            .with_help(
                                "thêm lead: với tên cơ quan chủ trì như trong bảng nhiệm vụ của văn bản, ví dụ lead: Văn phòng HĐND và UBND xã",
                                "add lead: with the name of the lead office as printed in the document's task table, e.g. lead: Văn phòng HĐND và UBND xã",
                            )
                            .warning(),
                    );
        }

        for (index, number) in plan.meta.replaces.iter().enumerate() {
            let found = numbers.contains(&(plan.commune.as_str(), number.as_str()));
            if found {
                continue;
            }
            let (line, column) = replaced_at(source.yaml, index, number);
            diagnostics.push(
                        source
                            .diagnostic_at(
                                "replaced-act-not-found",
                                line,
                                column,
                                format!("Không có kế hoạch nào của xã này mang số ký hiệu “{number}” (văn bản bị thay thế) nên không liên kết được"),
                                format!("No plan of this commune has the number “{number}” (the replaced act), so it cannot be linked"),
                            )
                            .with_help(
                                "nếu văn bản đó có trên cổng, ghi số ký hiệu đúng như decision.number của nó; nếu văn bản chưa được đăng, có thể bỏ qua cảnh báo này",
                                "if that act is on the portal, write its number exactly as in its decision.number; if it has not been published, this warning can be ignored",
                            )
                            .warning(),
                    );
        }
        diagnostics
    };
    check_each(&portal.plans, memo, check, &mut diagnostics);
    diagnostics
}

/// Where the `index`-th entry of `replaces` (reading `number`) is written, within the YAML:
/// `locate` knows block lists (`- 586/QĐ-UBND`); a flow list (`replaces: [586/QĐ-UBND]`) is
/// searched on the line of the key.
fn replaced_at(yaml: &str, index: usize, number: &str) -> (usize, usize) {
    let key = locate(yaml, &[Step::Key("replaces")]);
    let item = locate(yaml, &[Step::Key("replaces"), Step::Index(index)]);
    let line_text = |line: usize| yaml.lines().nth(line - 1).unwrap_or("");
    if item.0 > key.0 && line_text(item.0).contains(number) {
        return item;
    }
    match line_text(key.0).find(number) {
        Some(at) => (key.0, line_text(key.0)[..at].chars().count() + 1),
        None => key,
    }
}

/// A number written in a quote, as written, with the values it may stand for.
#[derive(Debug, Clone, PartialEq)]
struct WrittenNumber {
    text: String,
    values: Vec<f64>,
}

impl WrittenNumber {
    fn matches(&self, value: f64) -> bool {
        self.values
            .iter()
            .any(|v| (v - value).abs() <= 1e-9 * value.abs().max(1.0))
    }
}

/// The numbers written in `text`: runs of digits, with `,` or `.` between digits read either as
/// a decimal mark (`92,5`, `2.5`) or as a thousands separator (`1.000`).
fn numbers_in(text: &str) -> Vec<WrittenNumber> {
    let chars: Vec<char> = text.chars().collect();
    let mut numbers = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len()
            && (chars[i].is_ascii_digit()
                || (matches!(chars[i], ',' | '.')
                    && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
        {
            i += 1;
        }
        let written: String = chars[start..i].iter().collect();
        let mut values = Vec::new();
        // Decimal mark: the last separator; any earlier ones group thousands.
        let decimal = match written.rfind([',', '.']) {
            Some(at) => {
                let whole: String = written[..at].chars().filter(char::is_ascii_digit).collect();
                format!("{whole}.{}", &written[at + 1..])
            }
            None => written.clone(),
        };
        values.extend(decimal.parse::<f64>());
        let grouped: String = written.chars().filter(char::is_ascii_digit).collect();
        values.extend(grouped.parse::<f64>());
        numbers.push(WrittenNumber {
            text: written,
            values,
        });
    }
    numbers
}

#[cfg(test)]
mod tests {
    use super::numbers_in;

    fn first_values(text: &str) -> Vec<Vec<f64>> {
        numbers_in(text).into_iter().map(|n| n.values).collect()
    }

    #[test]
    fn numbers_are_read_with_either_decimal_mark() {
        assert_eq!(first_values("đạt 95%"), [vec![95.0, 95.0]]);
        assert_eq!(first_values("92,5%"), [vec![92.5, 925.0]]);
        assert_eq!(first_values("2.5 lần"), [vec![2.5, 25.0]]);
        assert_eq!(first_values("1.000 hồ sơ"), [vec![1.0, 1000.0]]);
        assert_eq!(
            first_values("2021-2025, 10%."),
            [vec![2021.0, 2021.0], vec![2025.0, 2025.0], vec![10.0, 10.0]]
        );
        assert!(numbers_in("toàn bộ thủ tục").is_empty());
    }

    #[test]
    fn a_value_matches_any_reading() {
        let numbers = numbers_in("giảm 10% so với 2025");
        assert!(numbers.iter().any(|n| n.matches(10.0)));
        assert!(!numbers.iter().any(|n| n.matches(15.0)));
        assert!(numbers_in("92,5%")[0].matches(92.5));
    }
}
