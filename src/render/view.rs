//! What templates see: plain serializable records built from the site graph. Every page kind
//! shares these (a target row looks the same on a plan, commune, indicator or area page).

use super::format::format_value;
use crate::graph::{Site, TargetRef, TaskRef, progress};
use crate::model::{Better, Indicator};
use crate::model::{Due, parse_due};
use serde::Serialize;

/// Where each target of each plan links to (`#trich-dan-3`, `#nhiem-vu-12` or `#chi-tieu-1`).
pub type TargetAnchors = Vec<Vec<String>>;

/// A link.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Visible text.
    pub name: String,
    /// Address relative to the site root (prefix `base` in templates).
    pub path: String,
}

/// A plan in a list.
#[derive(Debug, Clone, Serialize)]
pub struct PlanSummary {
    /// Title as printed.
    pub title: String,
    /// Page address.
    pub path: String,
    /// Document form ("Kế hoạch").
    pub kind: &'static str,
    /// Số ký hiệu, when known.
    pub number: Option<String>,
    /// Ngày ban hành (dd/mm/yyyy), when known.
    pub date: Option<String>,
    /// Ngày ban hành (ISO), when known.
    pub date_iso: Option<String>,
    /// "2026–2030".
    pub period: String,
    /// Status label, when known.
    pub status: Option<&'static str>,
    /// Its commune.
    pub commune: Link,
    /// Number of targets.
    pub targets: usize,
    /// Number of tasks.
    pub tasks: usize,
}

/// A target as a table row.
#[derive(Debug, Clone, Serialize)]
pub struct TargetRow {
    /// Indicator id.
    pub indicator_id: String,
    /// Indicator (short name) and its page.
    pub indicator: Link,
    /// Full indicator name.
    pub indicator_name: String,
    /// The committed value.
    pub value: f64,
    /// The value with its unit ("95%").
    pub value_text: String,
    /// "tối thiểu", "đạt"…
    pub comparator: &'static str,
    /// "≥", "="…
    pub symbol: &'static str,
    /// Year it must be reached by.
    pub year: i32,
    /// "2028–2030" when the plan sets the target for a stage.
    pub stage: Option<String>,
    /// The plan's own words.
    pub quote: Option<String>,
    /// The commune that committed.
    pub commune: Link,
    /// The plan, linking to the exact place of the commitment.
    pub plan: Link,
    /// The indicator's national target as text ("tối thiểu 95% vào năm 2030"), when there is one.
    pub national: Option<String>,
    /// How it compares with the national target, when there is one.
    pub versus_national: Option<String>,
    /// Progress: "đạt", "chưa đạt" or "chưa có số liệu", computed from reports.
    pub status: &'static str,
    /// Progress as a stable code (`dat`, `chua-dat`, `chua-co-so-lieu`).
    pub status_code: &'static str,
    /// The reported value that decided the status ("92%"), with its year.
    pub achieved: Option<Achieved>,
}

/// A value reported for a target.
#[derive(Debug, Clone, Serialize)]
pub struct Achieved {
    /// The value with its unit.
    pub value_text: String,
    /// The value.
    pub value: f64,
    /// The year measured.
    pub year: i32,
    /// The report, linking to its page.
    pub report: Link,
}

/// A task as a table row.
#[derive(Debug, Clone, Serialize)]
pub struct TaskRow {
    /// Anchor id on the plan page (`nhiem-vu-3`).
    pub id: String,
    /// Numbering as printed.
    pub no: Option<String>,
    /// Mục tiêu.
    pub objective: Option<String>,
    /// Nhiệm vụ.
    pub duty: Option<String>,
    /// Nội dung / Hoạt động.
    pub content: String,
    /// Kết quả / Sản phẩm.
    pub output: Option<String>,
    /// Chủ trì.
    pub lead: Option<String>,
    /// Phối hợp, joined.
    pub partners: Option<String>,
    /// Thời gian, as written.
    pub due: Option<String>,
    /// How `due` reads (`crate::model::Due::kind`): `date`, `before`, `period`, `recurring`,
    /// `as-written`; empty when there is no `due`.
    pub due_kind: &'static str,
    /// What `due` means, in Vietnamese ("quý I/2026", "trước 15/01/2026", "thường xuyên"), when
    /// it could be read (not for `as-written`).
    pub due_label: Option<String>,
    /// ISO form: `2026-01-15`, or `2026-01-01/2026-03-31` for a period.
    pub due_iso: Option<String>,
    /// First day of a period.
    pub due_start: Option<DueDay>,
    /// The deadline: the day, or the last day of a period.
    pub due_end: Option<DueDay>,
    /// Kinh phí.
    pub funding: Option<String>,
    /// The commune.
    pub commune: Link,
    /// The plan, linking to the row.
    pub plan: Link,
}

/// A day of a parsed deadline, for `<time datetime>`.
#[derive(Debug, Clone, Serialize)]
pub struct DueDay {
    /// `2026-01-15`.
    pub iso: String,
    /// `15/01/2026`.
    pub text: String,
}

/// Tasks of one reform area.
#[derive(Debug, Clone, Serialize)]
pub struct TaskGroup {
    /// The area and its page.
    pub area: Link,
    /// Its tasks in plan order.
    pub tasks: Vec<TaskRow>,
}

/// An indicator in a list.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorSummary {
    /// Full name and page.
    pub link: Link,
    /// Short name.
    pub short: String,
    /// Unit.
    pub unit: String,
    /// The national target as text ("tối thiểu 95% vào năm 2030"), when there is one.
    pub national: Option<String>,
    /// Number of targets naming it.
    pub targets: usize,
    /// Number of communes with at least one target naming it.
    pub communes: usize,
}

/// "2026–2030", or "2026" for a single year.
pub fn span(from: i32, to: i32) -> String {
    if from == to {
        from.to_string()
    } else {
        format!("{from}–{to}")
    }
}

/// Link to a commune page.
pub fn commune_link(site: &Site, commune: usize) -> Link {
    Link {
        name: site.commune_name(commune),
        path: site.communes[commune].path.clone(),
    }
}

/// Link to a plan page.
pub fn plan_link(site: &Site, plan: usize) -> Link {
    Link {
        name: site.plans[plan].plan.meta.title.clone(),
        path: site.plans[plan].path.clone(),
    }
}

/// Link to the first page of a reform area.
pub fn area_link(site: &Site, area: usize) -> Link {
    Link {
        name: site.areas[area].area.name.clone(),
        path: site.areas[area].path.clone(),
    }
}

/// A plan in a list.
pub fn plan_summary(site: &Site, plan: usize) -> PlanSummary {
    let node = &site.plans[plan];
    let meta = &node.plan.meta;
    let decision = meta.decision.as_ref();
    PlanSummary {
        title: meta.title.clone(),
        path: node.path.clone(),
        kind: meta.kind.label(),
        number: decision.and_then(|d| d.number.clone()),
        date: decision.and_then(|d| d.date).map(|d| d.display_vi()),
        date_iso: decision.and_then(|d| d.date).map(|d| d.iso()),
        period: span(meta.period.from, meta.period.to),
        status: meta.status.map(|s| s.label()),
        commune: commune_link(site, node.commune),
        targets: meta.targets.len(),
        tasks: meta.tasks.len(),
    }
}

/// The national target of an indicator as a sentence fragment.
pub fn national_text(indicator: &Indicator) -> Option<String> {
    indicator.national.as_ref().map(|national| {
        format!(
            "{} {} vào năm {}",
            national.op.label(),
            format_value(national.value, &indicator.unit),
            national.year
        )
    })
}

/// Compares a commitment with the national target, in the indicator's better direction, and says
/// when the deadlines differ (a 2026 target of 90% is not simply "lower" than 95% by 2030).
pub fn versus_national(indicator: &Indicator, value: f64, year: i32) -> Option<String> {
    let national = indicator.national.as_ref()?;
    let difference = match indicator.better {
        Better::Higher => value - national.value,
        Better::Lower => national.value - value,
    };
    let deadline = if year > national.year {
        format!(", nhưng hạn muộn hơn (quốc gia: năm {})", national.year)
    } else if year < national.year {
        format!(", hạn sớm hơn (quốc gia: năm {})", national.year)
    } else {
        String::new()
    };
    let level = if difference.abs() < 1e-9 {
        "bằng mục tiêu quốc gia"
    } else if difference > 0.0 {
        "tham vọng hơn mục tiêu quốc gia"
    } else {
        "kém tham vọng hơn mục tiêu quốc gia"
    };
    Some(format!("{level}{deadline}"))
}

/// A target as a table row; `plan_anchors` (the anchors of the target's plan, by target) give the
/// exact place in the plan.
pub fn target_row(site: &Site, plan_anchors: &[String], target: TargetRef) -> TargetRow {
    let node = &site.plans[target.plan];
    let t = &node.plan.meta.targets[target.target];
    let indicator = site
        .indicators
        .iter()
        .find(|i| i.indicator.id == t.indicator)
        .map(|i| &i.indicator);
    let unit = indicator.map_or("", |i| i.unit.as_str());
    let anchor = &plan_anchors[target.target];
    let better = indicator.map_or(Better::Higher, |i| i.better);
    let (status, used) = progress(t, better, site.reported_values(node.commune));
    TargetRow {
        indicator_id: t.indicator.clone(),
        indicator: Link {
            name: indicator.map_or_else(|| t.indicator.clone(), |i| i.short.clone()),
            path: format!("chi-tieu/{}/", t.indicator),
        },
        indicator_name: indicator.map_or_else(|| t.indicator.clone(), |i| i.name.clone()),
        value: t.value,
        value_text: format_value(t.value, unit),
        comparator: t.op.label(),
        symbol: t.op.symbol(),
        year: t.year,
        stage: t.from.map(|from| span(from, t.year)),
        quote: t.quote.clone(),
        commune: commune_link(site, node.commune),
        plan: Link {
            name: node.plan.meta.title.clone(),
            path: format!("{}#{anchor}", node.path),
        },
        national: indicator.and_then(national_text),
        versus_national: indicator.and_then(|i| versus_national(i, t.value, t.year)),
        status: status.label(),
        status_code: status.code(),
        achieved: used.map(|r| {
            let report = site.communes[node.commune]
                .plans
                .iter()
                .copied()
                .find(|&p| {
                    site.plans[p]
                        .plan
                        .meta
                        .results
                        .iter()
                        .any(|x| std::ptr::eq(x, r))
                })
                .expect("a reported value belongs to a report of the commune");
            Achieved {
                value_text: format_value(r.value, unit),
                value: r.value,
                year: r.year,
                report: plan_link(site, report),
            }
        }),
    }
}

fn due_day(day: jiff::civil::Date) -> DueDay {
    DueDay {
        iso: day.to_string(),
        text: crate::model::day_vi(day),
    }
}

/// A task as a table row.
pub fn task_row(site: &Site, task: TaskRef) -> TaskRow {
    let node = &site.plans[task.plan];
    let t = &node.plan.meta.tasks[task.task];
    let id = format!("nhiem-vu-{}", task.task + 1);
    let due = t.due.as_deref().map(parse_due);
    TaskRow {
        no: t.no.clone(),
        objective: t.objective.clone(),
        duty: t.duty.clone(),
        content: t.content.clone(),
        output: t.output.clone(),
        lead: t.lead.clone(),
        partners: (!t.partners.is_empty()).then(|| t.partners.join("; ")),
        due: t.due.clone(),
        due_kind: due.as_ref().map_or("", Due::kind),
        due_label: due
            .as_ref()
            .filter(|d| !matches!(d, Due::AsWritten(_)))
            .map(Due::label),
        due_iso: due.as_ref().and_then(Due::iso),
        due_start: due
            .as_ref()
            .filter(|d| matches!(d, Due::Period { .. }))
            .and_then(Due::start)
            .map(due_day),
        due_end: due.as_ref().and_then(Due::end).map(due_day),
        funding: t.funding.clone(),
        commune: commune_link(site, node.commune),
        plan: Link {
            name: node.plan.meta.title.clone(),
            path: format!("{}#{id}", node.path),
        },
        id,
    }
}

/// Tasks grouped by reform area, in area order.
pub fn task_groups(site: &Site, tasks: &[TaskRef]) -> Vec<TaskGroup> {
    site.areas
        .iter()
        .filter_map(|area| {
            let rows: Vec<TaskRow> = tasks
                .iter()
                .filter(|t| site.plans[t.plan].plan.meta.tasks[t.task].area == area.area.id)
                .map(|&t| task_row(site, t))
                .collect();
            (!rows.is_empty()).then(|| TaskGroup {
                area: Link {
                    name: area.area.name.clone(),
                    path: area.path.clone(),
                },
                tasks: rows,
            })
        })
        .collect()
}

/// An indicator in a list.
pub fn indicator_summary(site: &Site, indicator: usize) -> IndicatorSummary {
    let node = &site.indicators[indicator];
    let mut communes: Vec<usize> = node
        .targets
        .iter()
        .map(|t| site.plans[t.plan].commune)
        .collect();
    communes.sort_unstable();
    communes.dedup();
    IndicatorSummary {
        link: Link {
            name: node.indicator.name.clone(),
            path: node.path.clone(),
        },
        short: node.indicator.short.clone(),
        unit: node.indicator.unit.clone(),
        national: national_text(&node.indicator),
        targets: node.targets.len(),
        communes: communes.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::versus_national;
    use crate::model::Indicator;

    fn satisfaction() -> Indicator {
        serde_yaml::from_str(
            "id: hai-long-tthc\nname: Hài lòng\nshort: Hài lòng\narea: thu-tuc-hanh-chinh\nunit: \"%\"\nbetter: higher\nnational: {value: 95, op: \">=\", year: 2030, source: QĐ 282}\n",
        )
        .unwrap()
    }

    #[test]
    fn compares_value_in_the_better_direction_and_names_a_different_deadline() {
        let indicator = satisfaction();
        assert_eq!(
            versus_national(&indicator, 95.0, 2030).unwrap(),
            "bằng mục tiêu quốc gia"
        );
        assert_eq!(
            versus_national(&indicator, 98.0, 2030).unwrap(),
            "tham vọng hơn mục tiêu quốc gia"
        );
        assert_eq!(
            versus_national(&indicator, 90.0, 2026).unwrap(),
            "kém tham vọng hơn mục tiêu quốc gia, hạn sớm hơn (quốc gia: năm 2030)"
        );
        assert_eq!(
            versus_national(&indicator, 95.0, 2031).unwrap(),
            "bằng mục tiêu quốc gia, nhưng hạn muộn hơn (quốc gia: năm 2030)"
        );
    }
}
