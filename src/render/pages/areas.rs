//! The reform-area index and the pages of each area. An area gathers targets and tasks of every
//! commune, so its pages are split by commune into pages of bounded size: light on a phone even
//! when thousands of communes publish. Within a commune, tasks are grouped by lead office (chủ
//! trì) and ordered by their parsed deadline.

use super::{JobPage, Page, PageMeta, Scope, home_crumb, page};
use crate::graph::{Site, TargetRef, TaskRef};
use crate::model::parse_due;
use crate::render::view::{
    Link, TargetAnchors, TargetRow, TaskRow, area_link, commune_link, indicator_summary,
    target_row, task_row,
};
use serde::Serialize;
use std::collections::BTreeMap;
use unicode_normalization::UnicodeNormalization;

/// Rows (targets + tasks) after which an area page is cut; a commune is never split.
const ROWS_PER_PAGE: usize = 200;

/// Builds the list of reform areas.
pub(super) fn area_index(site: &Site) -> Page {
    let mut page = page(
        "areas.html",
        "linh-vuc/",
        PageMeta {
            title: "Lĩnh vực cải cách hành chính".to_string(),
            path: "linh-vuc/".to_string(),
            description: None,
            breadcrumbs: vec![home_crumb()],
        },
    );
    #[derive(Serialize)]
    struct Item {
        link: Link,
        indicators: usize,
        targets: usize,
        tasks: usize,
    }
    let areas: Vec<Item> = site
        .areas
        .iter()
        .enumerate()
        .map(|(index, area)| Item {
            link: area_link(site, index),
            indicators: area.indicators.len(),
            targets: area
                .indicators
                .iter()
                .map(|&i| site.indicators[i].targets.len())
                .sum(),
            tasks: area.tasks.len(),
        })
        .collect();
    page.context.insert("areas", &areas);
    page
}

/// Heading of the tasks whose lead office is not written.
const NO_LEAD: &str = "Chưa ghi cơ quan chủ trì";

/// Tasks of one lead office (chủ trì) within a commune section.
#[derive(Serialize)]
struct LeadTasks {
    /// The office, in its most frequent spelling in this commune, or [`NO_LEAD`].
    lead: String,
    /// False for the tasks without a lead office.
    known: bool,
    /// Its tasks by deadline (undated last), then in plan order.
    tasks: Vec<TaskRow>,
}

/// What one commune committed to and must do in an area.
#[derive(Serialize)]
struct CommuneSection {
    commune: Link,
    targets: Vec<TargetRow>,
    leads: Vec<LeadTasks>,
}

/// Tasks grouped by lead office: offices by name (Vietnamese order), the unnamed group last; in
/// each, tasks by deadline, those without one (recurring, as written) last, otherwise in the
/// order given.
fn by_lead(site: &Site, tasks: &[TaskRef]) -> Vec<LeadTasks> {
    struct Group {
        spellings: Vec<(String, usize)>,
        tasks: Vec<TaskRow>,
    }
    let mut groups: BTreeMap<Option<String>, Group> = BTreeMap::new();
    let mut rows: Vec<TaskRow> = tasks.iter().map(|&t| task_row(site, t)).collect();
    rows.sort_by_cached_key(|row| {
        let end = row.due.as_deref().map(parse_due).and_then(|due| due.end());
        (end.is_none(), end)
    });
    for row in rows {
        let written = row
            .lead
            .as_deref()
            .map(|lead| lead.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|lead| !lead.is_empty());
        let group = groups
            .entry(written.as_deref().map(lead_key))
            .or_insert_with(|| Group {
                spellings: Vec::new(),
                tasks: Vec::new(),
            });
        if let Some(written) = written {
            match group.spellings.iter_mut().find(|(s, _)| *s == written) {
                Some((_, count)) => *count += 1,
                None => group.spellings.push((written, 1)),
            }
        }
        group.tasks.push(row);
    }
    let mut leads: Vec<LeadTasks> = groups
        .into_values()
        .map(|group| {
            // The most frequent spelling; the first seen among equals.
            let mut best: Option<&(String, usize)> = None;
            for spelling in &group.spellings {
                if best.is_none_or(|b| spelling.1 > b.1) {
                    best = Some(spelling);
                }
            }
            let lead = best.map(|(s, _)| s.clone());
            LeadTasks {
                known: lead.is_some(),
                lead: lead.unwrap_or_else(|| NO_LEAD.to_string()),
                tasks: group.tasks,
            }
        })
        .collect();
    leads.sort_by_cached_key(|l| (!l.known, collation_key(&l.lead), l.lead.clone()));
    leads
}

/// Vietnamese tone marks (the vowel marks of ă, â, ê, ô, ơ, ư are kept).
fn is_tone_mark(c: char) -> bool {
    matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')
}

/// Spellings of one office in one commune that group together: case, spaces, dashes and their
/// spacing, tone placement ("hoá"/"hóa") and a trailing "xã"/"phường" do not matter.
fn lead_key(lead: &str) -> String {
    let lower = lead.nfc().collect::<String>().to_lowercase();
    let dashed: String = lower
        .chars()
        .map(|c| match c {
            '–' | '—' | '‒' | '−' | '‐' | '‑' => '-',
            _ => c,
        })
        .collect();
    let mut key = dashed
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" -", "-")
        .replace("- ", "-");
    for suffix in [" xã", " phường"] {
        if key.len() > suffix.len() && key.ends_with(suffix) {
            key.truncate(key.len() - suffix.len());
        }
    }
    key.nfd().filter(|&c| !is_tone_mark(c)).nfc().collect()
}

/// Sort key in Vietnamese alphabetical order: a < ă < â … d < đ …, tones only break ties.
fn collation_key(text: &str) -> (Vec<u32>, Vec<(usize, u8)>) {
    let mut letters: Vec<u32> = Vec::new();
    let mut tones = Vec::new();
    for c in text.nfd().flat_map(char::to_lowercase) {
        let vowel_mark = match c {
            '\u{306}' => 1, // ă
            '\u{302}' => 2, // â ê ô
            '\u{31b}' => 3, // ơ ư
            _ => 0,
        };
        if vowel_mark > 0 {
            if let Some(last) = letters.last_mut() {
                *last += vowel_mark;
            }
            continue;
        }
        let tone = match c {
            '\u{300}' => 1,
            '\u{301}' => 2,
            '\u{309}' => 3,
            '\u{303}' => 4,
            '\u{323}' => 5,
            _ => 0,
        };
        if tone > 0 {
            tones.push((letters.len(), tone));
            continue;
        }
        letters.push(match c {
            'đ' => u32::from('d') * 4 + 1,
            _ => u32::from(c) * 4,
        });
    }
    (letters, tones)
}

/// A link to one page of a paginated list.
#[derive(Serialize)]
struct PageLink {
    number: usize,
    path: String,
}

/// Builds the pages of one area: `linh-vuc/<id>/`, then `linh-vuc/<id>/trang-2/`…
pub(super) fn area_pages<'a>(
    site: &'a Site,
    anchors: &'a TargetAnchors,
    index: usize,
) -> Vec<JobPage<'a>> {
    let chunks = area_chunks(site, index);
    let total = chunks.len();
    chunks
        .into_iter()
        .enumerate()
        .map(|(offset, chunk)| {
            let communes = chunk.iter().map(|refs| refs.commune).collect();
            JobPage::lazy(
                format!("{}index.html", page_path(site, index, offset + 1)),
                Scope::Communes(communes),
                move || area_page(site, anchors, index, offset + 1, total, chunk),
            )
        })
        .collect()
}

/// The pages of an area and whose rows each lists, and the summary of its indicators that every
/// page shows ([`super::Job::layout`]).
pub(super) fn layout(site: &Site, index: usize) -> String {
    let communes: Vec<Vec<usize>> = area_chunks(site, index)
        .iter()
        .map(|chunk| chunk.iter().map(|refs| refs.commune).collect())
        .collect();
    let indicators: Vec<_> = site.areas[index]
        .indicators
        .iter()
        .map(|&i| indicator_summary(site, i))
        .collect();
    let indicators = serde_json::to_string(&indicators).unwrap_or_default();
    format!("{communes:?}{indicators}")
}

/// The communes of an area with their targets and tasks, dealt into pages by their number of
/// rows (each page's rows are made only when it is rendered).
fn area_chunks(site: &Site, index: usize) -> Vec<Vec<CommuneRefs>> {
    let node = &site.areas[index];
    let mut targets: BTreeMap<usize, Vec<TargetRef>> = BTreeMap::new();
    for &indicator in &node.indicators {
        for &target in &site.indicators[indicator].targets {
            targets
                .entry(site.plans[target.plan].commune)
                .or_default()
                .push(target);
        }
    }
    let mut tasks: BTreeMap<usize, Vec<TaskRef>> = BTreeMap::new();
    for &task in &node.tasks {
        tasks
            .entry(site.plans[task.plan].commune)
            .or_default()
            .push(task);
    }
    let mut communes: Vec<usize> = targets.keys().chain(tasks.keys()).copied().collect();
    communes.sort_unstable();
    communes.dedup();

    let mut chunks: Vec<Vec<CommuneRefs>> = vec![Vec::new()];
    let mut rows = 0;
    for commune in communes {
        let refs = CommuneRefs {
            commune,
            targets: targets.remove(&commune).unwrap_or_default(),
            tasks: tasks.remove(&commune).unwrap_or_default(),
        };
        let size = refs.targets.len() + refs.tasks.len();
        if rows > 0 && rows + size > ROWS_PER_PAGE {
            chunks.push(Vec::new());
            rows = 0;
        }
        rows += size;
        chunks.last_mut().expect("one chunk at least").push(refs);
    }
    chunks
}

/// Where page `number` of an area lives: the first at the area's path, the others under
/// `trang-N/`.
fn page_path(site: &Site, index: usize, number: usize) -> String {
    let path = &site.areas[index].path;
    match number {
        1 => path.clone(),
        n => format!("{path}trang-{n}/"),
    }
}

/// The targets and tasks of one commune in an area, before their rows are made.
struct CommuneRefs {
    commune: usize,
    targets: Vec<TargetRef>,
    tasks: Vec<TaskRef>,
}

/// Page `number` (of `total`) of an area, holding the rows of `communes`.
fn area_page(
    site: &Site,
    anchors: &TargetAnchors,
    index: usize,
    number: usize,
    total: usize,
    communes: Vec<CommuneRefs>,
) -> Page {
    let node = &site.areas[index];
    let indicators: Vec<_> = node
        .indicators
        .iter()
        .map(|&i| indicator_summary(site, i))
        .collect();
    let sections: Vec<CommuneSection> = communes
        .into_iter()
        .map(|refs| {
            let mut rows: Vec<TargetRow> = refs
                .targets
                .into_iter()
                .map(|t| target_row(site, &anchors[t.plan], t))
                .collect();
            rows.sort_by(|a, b| {
                a.indicator
                    .name
                    .cmp(&b.indicator.name)
                    .then(a.year.cmp(&b.year))
            });
            CommuneSection {
                commune: commune_link(site, refs.commune),
                targets: rows,
                leads: by_lead(site, &refs.tasks),
            }
        })
        .collect();
    let path_of = |number: usize| page_path(site, index, number);
    let links: Vec<PageLink> = (1..=total)
        .map(|number| PageLink {
            number,
            path: path_of(number),
        })
        .collect();
    let title = if number == 1 {
        node.area.name.clone()
    } else {
        format!("{} (trang {number}/{total})", node.area.name)
    };
    let mut page = page(
        "area.html",
        &path_of(number),
        PageMeta {
            title,
            path: path_of(number),
            description: Some(format!(
                "Chỉ tiêu và nhiệm vụ về {} của các xã, phường",
                node.area.short.to_lowercase()
            )),
            breadcrumbs: vec![
                home_crumb(),
                Link {
                    name: "Lĩnh vực".to_string(),
                    path: "linh-vuc/".to_string(),
                },
            ],
        },
    );
    page.context.insert("area", &node.area);
    page.context.insert("indicators", &indicators);
    page.context.insert("sections", &sections);
    page.context.insert("page_number", &number);
    page.context.insert("pages", &links);
    page.context
        .insert("previous", &(number > 1).then(|| path_of(number - 1)));
    page.context
        .insert("next", &(number < total).then(|| path_of(number + 1)));
    page
}

#[cfg(test)]
mod tests {
    use super::{collation_key, lead_key};

    #[test]
    fn spellings_of_one_office_share_a_key() {
        let key = lead_key("Phòng Văn hóa – Xã hội");
        for spelling in [
            "Phòng Văn hóa - Xã hội",
            "Phòng Văn hoá- Xã hội",
            "Phòng Văn hóa – Xã hội xã",
            "phòng văn hóa  –  xã hội",
            "Pho\u{300}ng Văn hóa – Xã hội",
        ] {
            assert_eq!(lead_key(spelling), key, "{spelling}");
        }
        assert_eq!(
            lead_key("Trung tâm phục vụ hành chính công"),
            lead_key("Trung tâm Phục vụ hành chính công")
        );
        assert_ne!(
            lead_key("Phòng Kinh tế"),
            lead_key("Phòng Văn hóa – Xã hội")
        );
        assert_ne!(
            lead_key("Phòng Kinh tế; Phòng Văn hóa – Xã hội"),
            lead_key("Phòng Kinh tế")
        );
        assert_eq!(lead_key("Xã"), "xa");
    }

    #[test]
    fn sorts_in_vietnamese_alphabetical_order() {
        let mut names = vec![
            "Đội Quản lý",
            "Văn phòng HĐND và UBND xã",
            "Ấp Bắc",
            "Phòng Kinh tế",
            "Ăn uống",
            "Công an xã",
            "Dân quân",
            "An ninh",
            "Ơn",
            "Ô tô",
            "Các cơ quan, đơn vị",
            "Cơ quan cấp trên",
        ];
        names.sort_by_key(|n| collation_key(n));
        assert_eq!(
            names,
            [
                "An ninh",
                "Ăn uống",
                "Ấp Bắc",
                "Các cơ quan, đơn vị",
                "Công an xã",
                "Cơ quan cấp trên",
                "Dân quân",
                "Đội Quản lý",
                "Ô tô",
                "Ơn",
                "Phòng Kinh tế",
                "Văn phòng HĐND và UBND xã",
            ]
        );
    }
}
