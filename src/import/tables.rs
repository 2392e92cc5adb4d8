//! Task tables (usually the appendix): recognised by their header in any of the usual layouts
//! (STT/TT, Mục tiêu, Nhiệm vụ, Hoạt động / Nội dung công việc, Kết quả / Sản phẩm, Chủ trì, Phối
//! hợp, Thời gian, Kinh phí). Header rows repeated at page breaks are dropped, rows continued
//! across a page are merged back, rows whose cells slid to the left are put back in their
//! columns, merged cells are filled down, and area rows (`I CẢI CÁCH THỂ CHẾ`) set the area of
//! the tasks under them. Other tables are left to the body.

use super::areas::area_of;
use super::clean::{Piece, Row};
use super::markers::{Marker, marker};
use super::metadata::Note;
use super::text::{collapse, fold, roman, starts_lowercase};
use crate::model::{Area, Due, Task, parse_due};
use std::collections::BTreeSet;

/// A column of a task table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// STT, TT.
    No,
    /// Mục tiêu.
    Objective,
    /// Nhiệm vụ.
    Duty,
    /// Hoạt động, Nội dung (công việc).
    Content,
    /// Kết quả, Sản phẩm.
    Output,
    /// Chủ trì.
    Lead,
    /// Phối hợp.
    Partners,
    /// Thời gian, Thời hạn, Tiến độ.
    Due,
    /// Kinh phí.
    Funding,
}

/// The column a header cell names.
fn field_of(header: &str) -> Option<Field> {
    let folded = fold(header);
    let text = folded.trim_start_matches(|c: char| c.is_ascii_digit() || "-.) ".contains(c));
    let has = |w: &str| text.contains(w);
    Some(
        if text == "stt" || text == "tt" || text == "so tt" || text == "so thu tu" {
            Field::No
        } else if has("chu tri") {
            Field::Lead
        } else if has("phoi hop") {
            Field::Partners
        } else if has("kinh phi") {
            Field::Funding
        } else if has("thoi gian") || has("thoi han") || has("tien do") || has("moc thoi") {
            Field::Due
        } else if has("ket qua") || has("san pham") {
            Field::Output
        } else if has("hoat dong") || has("noi dung") || has("cong viec") {
            Field::Content
        } else if has("nhiem vu") || has("giai phap") {
            Field::Duty
        } else if has("muc tieu") || has("chi tieu") {
            Field::Objective
        } else {
            return None;
        },
    )
}

/// A task read from a table, with what the draft shows around it.
#[derive(Debug, Clone)]
pub struct TaskRow {
    /// The task.
    pub task: Task,
    /// Comments to write above it (area and group rows, in Vietnamese as printed).
    pub comments: Vec<String>,
}

/// A text cell of a task, where targets may be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskCell {
    /// Index of the task.
    pub task: usize,
    /// Which field.
    pub field: Field,
    /// Source line.
    pub line: usize,
}

/// What the task tables gave.
#[derive(Debug, Clone, Default)]
pub struct Tables {
    /// The tasks, in order.
    pub tasks: Vec<TaskRow>,
    /// The text cells of tasks, each text once (not the filled-down copies).
    pub cells: Vec<TaskCell>,
    /// Pieces used by task tables (left out of the body).
    pub consumed: BTreeSet<usize>,
    /// Header rows repeated at page breaks that were dropped.
    pub repeated_headers: usize,
    /// Rows merged into the row before them.
    pub merged_rows: usize,
    /// Rows whose cells were moved back into their columns.
    pub realigned_rows: usize,
    /// The most common funding of the tasks.
    pub funding: Option<String>,
    /// What the editor should check.
    pub notes: Vec<Note>,
}

/// Finds the task tables among the pieces; `default_area` is the area of the section a table
/// without area rows stands in.
pub fn extract(pieces: &[Piece], areas: &[Area]) -> Tables {
    let mut tables = Tables::default();
    let mut state: Option<TableState> = None;
    for (index, piece) in pieces.iter().enumerate() {
        let Piece::Row(row) = piece else {
            // Text between rows ends a table unless the next rows repeat its header.
            if let Some(current) = state.as_mut() {
                current.interrupted = true;
            }
            continue;
        };
        let header = Header::read(row);
        match (&mut state, header) {
            (Some(current), Some(header)) if current.header.same(&header) => {
                tables.consumed.insert(index);
                tables.repeated_headers += 1;
                current.after_header = true;
                current.interrupted = false;
            }
            (_, Some(header)) => {
                if let Some(done) = state.take() {
                    done.finish(&mut tables);
                }
                tables.consumed.insert(index);
                let area = preceding_area(pieces, index, areas);
                state = Some(TableState::new(header, area, tables.tasks.len(), areas));
            }
            (Some(current), None) if !current.interrupted => {
                tables.consumed.insert(index);
                current.row(row, areas, &mut tables);
            }
            _ => {
                if let Some(done) = state.take() {
                    done.finish(&mut tables);
                }
            }
        }
    }
    if let Some(done) = state.take() {
        done.finish(&mut tables);
    }
    tables.funding = most_common(tables.tasks.iter().filter_map(|t| t.task.funding.clone()));
    tables
}

/// The area named by the closest heading above a table, if any.
fn preceding_area(pieces: &[Piece], index: usize, areas: &[Area]) -> Option<String> {
    let heading = pieces[..index].iter().rev().find_map(|piece| match piece {
        Piece::Text(block)
            if marker(&block.text).is_some()
                && block.text.chars().count() < 100
                && !block.text.contains('%') =>
        {
            Some(block)
        }
        _ => None,
    })?;
    let (_, rest) = marker(&heading.text)?;
    area_of(rest, areas)
}

fn most_common(values: impl Iterator<Item = String>) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for value in values {
        match counts.iter_mut().find(|(v, _)| *v == value) {
            Some((_, n)) => *n += 1,
            None => counts.push((value, 1)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(value, _)| value)
}

/// The header of a task table: which column holds which field.
#[derive(Debug, Clone)]
struct Header {
    columns: Vec<Option<Field>>,
    texts: Vec<String>,
}

impl Header {
    fn read(row: &Row) -> Option<Header> {
        let columns: Vec<Option<Field>> = row.cells.iter().map(|c| field_of(c)).collect();
        let fields: Vec<Field> = columns.iter().flatten().copied().collect();
        let has = |f: Field| fields.contains(&f);
        let usable = fields.len() >= 3
            && (has(Field::Content) || has(Field::Duty))
            && (has(Field::Lead) || has(Field::Due) || has(Field::Partners));
        // Cells that name no column must be few (a header, not a row of text).
        let unnamed = row
            .cells
            .iter()
            .zip(&columns)
            .filter(|(text, field)| !text.is_empty() && field.is_none())
            .count();
        (usable && unnamed <= 1).then(|| {
            let mut columns = columns;
            // Without an activity column, the duty is the content.
            if !has(Field::Content) {
                for column in columns.iter_mut() {
                    if *column == Some(Field::Duty) {
                        *column = Some(Field::Content);
                        break;
                    }
                }
            }
            Header {
                columns,
                texts: row.cells.iter().map(|c| fold(c)).collect(),
            }
        })
    }

    fn same(&self, other: &Header) -> bool {
        self.texts == other.texts
    }

    fn column(&self, field: Field) -> Option<usize> {
        self.columns.iter().position(|c| *c == Some(field))
    }
}

/// A row's cells by field.
#[derive(Debug, Clone, Default)]
struct Cells {
    values: Vec<(Field, String)>,
}

impl Cells {
    fn get(&self, field: Field) -> &str {
        self.values
            .iter()
            .find(|(f, _)| *f == field)
            .map_or("", |(_, v)| v.as_str())
    }

    fn set(&mut self, field: Field, value: String) {
        match self.values.iter_mut().find(|(f, _)| *f == field) {
            Some((_, v)) => *v = value,
            None => self.values.push((field, value)),
        }
    }

    fn non_empty(&self) -> impl Iterator<Item = &(Field, String)> {
        self.values.iter().filter(|(_, v)| !v.is_empty())
    }
}

/// A numbered row without activities: its text heads the rows under it (`24 | Tổ chức sắp xếp …`).
#[derive(Debug, Clone)]
struct Group {
    no: String,
    text: String,
    line: usize,
    used: bool,
}

/// What is being built while the rows of one table are read.
struct TableState<'a> {
    areas: &'a [Area],
    header: Header,
    area: Option<String>,
    /// An area row was read since the last task: nothing is filled down across it.
    new_area: bool,
    first_task: usize,
    after_header: bool,
    interrupted: bool,
    group: Option<Group>,
    /// Whether the last row read was the group row (continuations go to it).
    last_is_group: bool,
    pending_comments: Vec<String>,
}

impl<'a> TableState<'a> {
    fn new(header: Header, area: Option<String>, first_task: usize, areas: &'a [Area]) -> Self {
        TableState {
            areas,
            header,
            area,
            new_area: false,
            first_task,
            after_header: true,
            interrupted: false,
            group: None,
            last_is_group: false,
            pending_comments: Vec::new(),
        }
    }

    fn row(&mut self, row: &Row, areas: &[Area], tables: &mut Tables) {
        let mut cells: Vec<String> = row.cells.iter().map(|c| collapse(c)).collect();
        let width = self.header.columns.len();
        if cells.len() > width {
            let extra: Vec<String> = cells.split_off(width);
            let extra = extra
                .into_iter()
                .filter(|c| !c.is_empty())
                .collect::<Vec<_>>();
            if !extra.is_empty()
                && let Some(last) = cells.last_mut()
            {
                *last = collapse(&format!("{last} {}", extra.join(" ")));
            }
        }
        cells.resize(width, String::new());
        let after_header = std::mem::replace(&mut self.after_header, false);
        // A row of column numbers: `(1) (2) (3)` or `1 2 3 4`.
        if cells.iter().enumerate().all(|(i, c)| {
            let digits = c.trim_matches(['(', ')']);
            digits == (i + 1).to_string() || c.is_empty()
        }) {
            return;
        }
        if self.realign(&mut cells) {
            tables.realigned_rows += 1;
        }
        let mut values = Cells::default();
        for (column, text) in cells.iter().enumerate() {
            if let Some(field) = self.header.columns[column] {
                let existing = values.get(field).to_string();
                let joined = collapse(&format!("{existing} {text}"));
                values.set(field, joined);
            }
        }
        let no = values.get(Field::No).to_string();
        let text_fields = [Field::Objective, Field::Duty, Field::Content];
        let filled: Vec<Field> = values.non_empty().map(|(f, _)| *f).collect();
        let texts_only = filled
            .iter()
            .all(|f| text_fields.contains(f) || *f == Field::No);
        // An area row: `I | CẢI CÁCH THỂ CHẾ`, or `II. Cải cách thể chế` in one cell.
        let single_text = values
            .non_empty()
            .filter(|(f, _)| *f != Field::No)
            .map(|(_, v)| v.clone())
            .collect::<Vec<_>>();
        if texts_only && single_text.len() <= 1 {
            let roman_no = roman(no.trim_end_matches('.'))
                .filter(|_| no.chars().all(|c| c.is_uppercase() || c == '.'));
            let (heading, named) = match (&roman_no, single_text.first()) {
                (Some(_), Some(text)) => (format!("{no} {text}"), text.clone()),
                (None, None) => match marker(&no) {
                    Some((Marker::Roman(_), rest)) => (no.clone(), rest.to_string()),
                    _ => (String::new(), String::new()),
                },
                (None, Some(text)) if no.is_empty() => match marker(text) {
                    Some((Marker::Roman(_), rest)) => (text.clone(), rest.to_string()),
                    _ => (String::new(), String::new()),
                },
                _ => (String::new(), String::new()),
            };
            if !heading.is_empty() {
                match area_of(&named, areas) {
                    Some(area) => self.area = Some(area),
                    None => tables.notes.push(Note {
                        line: row.line,
                        message: format!(
                            "dòng “{heading}” không khớp lĩnh vực nào trong data/areas.yaml: các nhiệm vụ dưới nó giữ lĩnh vực trước đó, kiểm tra `area`"
                        ),
                    }),
                }
                self.close_group(None, tables);
                self.new_area = true;
                self.last_is_group = false;
                self.pending_comments.push(heading);
                return;
            }
        }
        let lead_due_output = [Field::Lead, Field::Due, Field::Output, Field::Partners]
            .iter()
            .any(|f| !values.get(*f).is_empty());
        // A numbered row that only names a reform area heads the rows of that area.
        if !no.is_empty()
            && !lead_due_output
            && single_text.len() == 1
            && single_text[0].split_whitespace().count() <= 12
            && let Some(area) = area_of(&single_text[0], areas)
        {
            self.close_group(None, tables);
            self.area = Some(area);
            self.new_area = true;
            self.last_is_group = false;
            self.pending_comments
                .push(format!("{no} {}", single_text[0]));
            return;
        }
        // A numbered group row: only text, no office, no deadline.
        if !no.is_empty() && !lead_due_output && single_text.len() == 1 {
            self.close_group(None, tables);
            self.group = Some(Group {
                no: no.clone(),
                text: single_text[0].clone(),
                line: row.line,
                used: false,
            });
            self.last_is_group = true;
            return;
        }
        let has_previous = tables.tasks.len() > self.first_task || self.last_is_group;
        if no.is_empty() && has_previous {
            let all_continued = values.non_empty().all(|(_, text)| starts_lowercase(text));
            if all_continued || (after_header && !lead_due_output) {
                self.continue_previous(&values, tables);
                tables.merged_rows += 1;
                return;
            }
            if after_header {
                let continued: Vec<(Field, String)> = values
                    .non_empty()
                    .filter(|(f, text)| text_fields.contains(f) && starts_lowercase(text))
                    .cloned()
                    .collect();
                if !continued.is_empty() {
                    let mut part = Cells::default();
                    for (field, text) in continued {
                        part.set(field, text);
                        values.set(field, String::new());
                    }
                    self.continue_previous(&part, tables);
                }
            }
        }
        self.new_task(values, row.line, tables);
    }

    /// Puts back cells that slid to the left (a cell lost by the extraction): when moving the
    /// cells right of the number puts an office in the lead (and partners) column and a
    /// deadline in the time column better than they are.
    fn realign(&self, cells: &mut Vec<String>) -> bool {
        let Some(lead) = self.header.column(Field::Lead) else {
            return false;
        };
        if cells.iter().all(|c| c.is_empty()) {
            return false;
        }
        let start = self.header.column(Field::No).map_or(0, |c| c + 1);
        let due = self.header.column(Field::Due);
        let partners = self.header.column(Field::Partners);
        let width = cells.len();
        let shifted = |shift: usize| -> Vec<String> {
            (0..width)
                .map(|column| {
                    if column < start {
                        cells[column].clone()
                    } else if column < start + shift {
                        String::new()
                    } else {
                        cells[column - shift].clone()
                    }
                })
                .collect()
        };
        let fit = |row: &[String]| -> usize {
            usize::from(looks_like_office(&row[lead]))
                + due.map_or(0, |d| usize::from(looks_like_due(&row[d])))
                + partners.map_or(0, |p| {
                    usize::from(row[p].is_empty() || looks_like_office(&row[p]))
                })
        };
        let mut best = (fit(cells), 0);
        for shift in 1..=3usize {
            if shift >= width.saturating_sub(start)
                || cells[width - shift..].iter().any(|c| !c.is_empty())
            {
                break;
            }
            let candidate = shifted(shift);
            let score = fit(&candidate);
            if score > best.0 && looks_like_office(&candidate[lead]) {
                best = (score, shift);
            }
        }
        if best.1 == 0 {
            return false;
        }
        *cells = shifted(best.1);
        true
    }

    fn continue_previous(&mut self, values: &Cells, tables: &mut Tables) {
        if self.last_is_group {
            if let Some(group) = self.group.as_mut() {
                for (_, text) in values.non_empty() {
                    group.text = collapse(&format!("{} {text}", group.text));
                }
            }
            return;
        }
        let first = self.first_task;
        let Some(last) = tables.tasks.last().map(|t| t.task.clone()) else {
            return;
        };
        for (field, text) in values.non_empty() {
            let append = |existing: &str| -> String {
                // A page break sometimes repeats the end of a cell: do not write it twice.
                let words: Vec<&str> = existing.split_whitespace().collect();
                let added: Vec<&str> = text.split_whitespace().collect();
                if words.ends_with(&added) {
                    existing.to_string()
                } else {
                    collapse(&format!("{existing} {text}"))
                }
            };
            let shared = |task: &Task| -> Option<String> {
                match field {
                    Field::Objective => task.objective.clone(),
                    Field::Duty => task.duty.clone(),
                    Field::Funding => task.funding.clone(),
                    _ => None,
                }
            };
            // A filled-down cell continued on the next page: every task that shares it gets
            // the rest.
            let old = shared(&last);
            let count = tables.tasks.len();
            for index in (first..count).rev() {
                let is_last = index + 1 == count;
                let task = &mut tables.tasks[index].task;
                let slot: Option<&mut Option<String>> = match field {
                    Field::Objective => Some(&mut task.objective),
                    Field::Duty => Some(&mut task.duty),
                    Field::Funding => Some(&mut task.funding),
                    Field::Output if is_last => Some(&mut task.output),
                    Field::Lead if is_last => Some(&mut task.lead),
                    Field::Due if is_last => Some(&mut task.due),
                    _ => None,
                };
                match (field, slot) {
                    (Field::Objective | Field::Duty | Field::Funding, Some(slot)) => {
                        if old.is_some() && *slot != old {
                            break;
                        }
                        *slot = Some(append(slot.as_deref().unwrap_or("")));
                    }
                    (_, Some(slot)) => *slot = Some(append(slot.as_deref().unwrap_or(""))),
                    (Field::Content, None) if is_last => task.content = append(&task.content),
                    (Field::Partners, None) if is_last => match task.partners.last_mut() {
                        Some(partner) => *partner = append(partner),
                        None => task.partners.push(text.clone()),
                    },
                    _ => {}
                }
                if !matches!(field, Field::Objective | Field::Duty | Field::Funding)
                    || old.is_none()
                {
                    break;
                }
            }
        }
    }

    /// Ends the current group row: a heading of the rows under it (a comment when none took its
    /// text), or, when no row was under it, a task of its own with what it has.
    fn close_group(&mut self, next_no: Option<&str>, tables: &mut Tables) {
        let Some(group) = self.group.take() else {
            return;
        };
        let heads_next = next_no.is_some_and(|no| no.starts_with(&format!("{}.", group.no)));
        if group.used || heads_next {
            if !group.used {
                self.pending_comments
                    .push(format!("{} {}", group.no, group.text));
            }
            return;
        }
        let mut values = Cells::default();
        values.set(Field::No, group.no);
        values.set(Field::Content, group.text);
        self.last_is_group = false;
        self.new_task(values, group.line, tables);
    }

    fn new_task(&mut self, mut values: Cells, line: usize, tables: &mut Tables) {
        let numbered = !values.get(Field::No).is_empty();
        if numbered {
            let no = values.get(Field::No).to_string();
            self.close_group(Some(&no), tables);
        }
        let previous = tables
            .tasks
            .get(self.first_task..)
            .and_then(|tasks| tasks.last())
            .map(|t| t.task.clone());
        // Sub-items of a group row take its number and its text as their duty.
        let mut duty_from_group = None;
        if !numbered && let Some(group) = self.group.as_mut() {
            values.set(Field::No, group.no.clone());
            if values.get(Field::Duty).is_empty() {
                duty_from_group = Some(group.text.clone());
                group.used = true;
            }
        }
        if let Some(previous) = previous.as_ref() {
            if !numbered && !self.new_area {
                for (field, value) in [
                    (Field::No, previous.no.clone()),
                    (Field::Objective, previous.objective.clone()),
                    (Field::Duty, previous.duty.clone()),
                ] {
                    if values.get(field).is_empty()
                        && self.header.column(field).is_some()
                        && let Some(value) = value
                    {
                        values.set(field, value);
                    }
                }
            }
            if values.get(Field::Funding).is_empty()
                && let Some(funding) = previous.funding.clone()
            {
                values.set(Field::Funding, funding);
            }
        }
        let clean = |text: &str| -> Option<String> {
            let text = strip_bullet(text);
            (!text.is_empty()).then_some(text)
        };
        let mut content = clean(values.get(Field::Content));
        let mut duty = duty_from_group.or_else(|| clean(values.get(Field::Duty)));
        if content.is_none() {
            content = duty.take().or_else(|| clean(values.get(Field::Objective)));
        }
        let Some(content) = content else {
            tables.notes.push(Note {
                line,
                message: "dòng bảng không có nội dung nhiệm vụ nên không thành nhiệm vụ: kiểm tra lại văn bản nguồn".into(),
            });
            return;
        };
        let area = match self.area.clone().or_else(|| area_of(&content, self.areas)) {
            Some(area) => area,
            None => {
                tables.notes.push(Note {
                    line,
                    message: format!(
                        "không xác định được lĩnh vực của nhiệm vụ “{}” (bảng không có dòng lĩnh vực): đã ghi tạm `chi-dao-dieu-hanh`, sửa `area`",
                        shorten(&content)
                    ),
                });
                "chi-dao-dieu-hanh".into()
            }
        };
        let lead = clean(values.get(Field::Lead))
            .map(|l| l.trim_end_matches([';', ',', '.']).trim().to_string());
        if lead.is_none() {
            tables.notes.push(Note {
                line,
                message: format!("nhiệm vụ “{}” không ghi cơ quan chủ trì", shorten(&content)),
            });
        }
        let partners = values
            .get(Field::Partners)
            .split(';')
            .map(|p| {
                strip_bullet(p)
                    .trim_end_matches([',', '.'])
                    .trim()
                    .to_string()
            })
            .filter(|p| !p.is_empty())
            .collect();
        let task = Task {
            no: clean(values.get(Field::No)).map(|n| n.trim_end_matches('.').to_string()),
            area,
            objective: clean(values.get(Field::Objective)),
            duty,
            content,
            output: clean(values.get(Field::Output)),
            lead,
            partners,
            due: clean(values.get(Field::Due)).map(|d| d.trim_end_matches([';', ',']).to_string()),
            funding: clean(values.get(Field::Funding)),
        };
        let index = tables.tasks.len();
        let before = previous.as_ref();
        for (field, value, earlier) in [
            (
                Field::Objective,
                &task.objective,
                before.and_then(|p| p.objective.as_ref()),
            ),
            (
                Field::Duty,
                &task.duty,
                before.and_then(|p| p.duty.as_ref()),
            ),
            (Field::Content, &Some(task.content.clone()), None),
            (Field::Output, &task.output, None),
        ] {
            if value.is_some() && value.as_ref() != earlier {
                tables.cells.push(TaskCell {
                    task: index,
                    field,
                    line,
                });
            }
        }
        self.last_is_group = false;
        self.new_area = false;
        tables.tasks.push(TaskRow {
            task,
            comments: std::mem::take(&mut self.pending_comments),
        });
    }

    fn finish(mut self, tables: &mut Tables) {
        self.close_group(None, tables);
        if !self.pending_comments.is_empty()
            && let Some(last) = tables.tasks.last_mut()
        {
            // Comments after the last task are written above it rather than lost.
            last.comments.append(&mut self.pending_comments);
        }
    }
}

/// The text without a leading `-`, `+` or `•`.
fn strip_bullet(text: &str) -> String {
    match marker(text) {
        Some((Marker::Bullet(_), rest)) => rest.trim().to_string(),
        _ => text.trim().to_string(),
    }
}

fn shorten(text: &str) -> String {
    let short: String = text.chars().take(60).collect();
    if short.len() < text.len() {
        format!("{short}…")
    } else {
        short
    }
}

/// An office or body: `Phòng …`, `Văn phòng …`, `Trung tâm …`, `Các cơ quan …`, `UBND …`.
pub fn looks_like_office(text: &str) -> bool {
    let folded = fold(text);
    [
        "phong ",
        "van phong",
        "trung tam",
        "cac co quan",
        "cac phong",
        "cac don vi",
        "co quan",
        "don vi",
        "uy ban",
        "ubnd",
        "hdnd",
        "hoi dong",
        "cong an",
        "ban ",
        "so ",
        "doan ",
        "mat tran",
        "quan su",
        "tram ",
        "truong ",
        "chu tich",
        "bo phan",
        "cong chuc",
        "ban chi huy",
        "hoi ",
        "cac ban",
        "lanh dao",
        "thu truong",
        "ttpv",
        "tt ",
    ]
    .iter()
    .any(|word| folded.starts_with(word))
}

/// A deadline as tables write it (`Thường xuyên`, `Quý I/2026`, `Theo hướng dẫn …`).
fn looks_like_due(text: &str) -> bool {
    if !matches!(parse_due(text), Due::AsWritten(_)) {
        return true;
    }
    let folded = fold(text);
    [
        "thuong xuyen",
        "hang ",
        "quy ",
        "thang ",
        "nam ",
        "theo ",
        "khi ",
        "truoc ",
        "trong ",
        "ca nam",
        "dinh ky",
        "ngay ",
        "tu ",
        "den ",
        "giai doan",
        "sau khi",
    ]
    .iter()
    .any(|word| folded.starts_with(word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::clean::Row;

    fn row(line: usize, cells: &[&str]) -> Piece {
        Piece::Row(Row {
            line,
            cells: cells.iter().map(|c| c.to_string()).collect(),
            bold: vec![false; cells.len()],
        })
    }

    fn areas() -> Vec<Area> {
        vec![Area {
            id: "the-che".into(),
            name: "Cải cách thể chế".into(),
            short: "Thể chế".into(),
            order: 1,
            match_phrases: vec![],
        }]
    }

    const HEADER: [&str; 5] = [
        "TT",
        "Nội dung công việc",
        "Chủ trì",
        "Phối hợp",
        "Thời gian",
    ];

    #[test]
    fn reads_tasks_with_page_breaks_and_continued_rows() {
        let pieces = vec![
            row(1, &HEADER),
            row(2, &["I", "CẢI CÁCH THỂ CHẾ", "", "", ""]),
            row(
                3,
                &[
                    "1",
                    "Rà soát văn bản quy phạm",
                    "Văn phòng HĐND và UBND xã",
                    "Các phòng",
                    "Quý I/2026",
                ],
            ),
            row(4, &HEADER),
            row(5, &["", "pháp luật của xã", "", "", ""]),
            row(
                6,
                &[
                    "2",
                    "Kiểm tra",
                    "Phòng Văn hóa - Xã hội",
                    "Các phòng; Công an xã",
                    "Thường xuyên",
                ],
            ),
        ];
        let tables = extract(&pieces, &areas());
        assert_eq!(tables.tasks.len(), 2);
        assert_eq!(
            tables.tasks[0].task.content,
            "Rà soát văn bản quy phạm pháp luật của xã"
        );
        assert_eq!(tables.tasks[0].task.area, "the-che");
        assert_eq!(tables.tasks[0].comments, ["I CẢI CÁCH THỂ CHẾ"]);
        assert_eq!(tables.tasks[1].task.partners, ["Các phòng", "Công an xã"]);
        assert_eq!(tables.repeated_headers, 1);
        assert_eq!(tables.merged_rows, 1);
        assert_eq!(tables.consumed.len(), 6);
    }

    #[test]
    fn numbered_rows_naming_an_area_set_it_and_groups_without_rows_are_tasks() {
        let pieces = vec![
            row(1, &HEADER),
            row(2, &["1", "Cải cách thể chế", "", "", ""]),
            row(
                3,
                &[
                    "1.1",
                    "Rà soát văn bản",
                    "Văn phòng HĐND và UBND xã",
                    "",
                    "Quý I/2026",
                ],
            ),
            row(4, &["2", "Tập huấn cán bộ", "", "", ""]),
            row(5, &["3", "Kiểm tra", "Phòng Kinh tế", "", "Quý II/2026"]),
        ];
        let tables = extract(&pieces, &areas());
        let contents: Vec<&str> = tables
            .tasks
            .iter()
            .map(|t| t.task.content.as_str())
            .collect();
        assert_eq!(contents, ["Rà soát văn bản", "Tập huấn cán bộ", "Kiểm tra"]);
        assert!(tables.tasks.iter().all(|t| t.task.area == "the-che"));
        assert_eq!(tables.tasks[0].comments, ["1 Cải cách thể chế"]);
    }

    #[test]
    fn puts_slid_cells_back() {
        let pieces = vec![
            row(1, &HEADER),
            row(
                2,
                &["1", "Việc một", "Phòng Kinh tế", "Các phòng", "Quý I/2026"],
            ),
            row(3, &["", "Việc hai", "", "Phòng Kinh tế", ""]),
        ];
        let tables = extract(&pieces, &areas());
        assert_eq!(tables.realigned_rows, 0);
        let pieces = vec![
            row(
                1,
                &[
                    "STT",
                    "Mục tiêu",
                    "Hoạt động",
                    "Chủ trì",
                    "Thời gian",
                    "Kinh phí",
                ],
            ),
            row(
                2,
                &[
                    "1",
                    "Mục tiêu",
                    "Việc một",
                    "Phòng Kinh tế",
                    "Quý I/2026",
                    "",
                ],
            ),
            row(
                3,
                &["", "Việc hai", "Phòng Kinh tế", "Thường xuyên", "", ""],
            ),
        ];
        let tables = extract(&pieces, &areas());
        assert_eq!(tables.realigned_rows, 1);
        assert_eq!(tables.tasks[1].task.content, "Việc hai");
        assert_eq!(tables.tasks[1].task.lead.as_deref(), Some("Phòng Kinh tế"));
        assert_eq!(tables.tasks[1].task.due.as_deref(), Some("Thường xuyên"));
        assert_eq!(tables.tasks[1].task.objective.as_deref(), Some("Mục tiêu"));
    }
}
