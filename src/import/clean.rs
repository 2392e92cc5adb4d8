//! Removes the debris of extraction and re-joins what page layout split: HTML tags and stray
//! `**`, page numbers, separator rules, headings glued to the text after them, and lines that a
//! PDF or a page break cut in the middle of a sentence. Tab-separated lines are kept as table
//! rows for [`super::tables`].

use super::markers::{ends_sentence, starts_block};
use super::source::Line;
use super::text::{is_all_caps, starts_lowercase};

/// A paragraph of the source once re-joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// First source line.
    pub line: usize,
    /// The text, one space between words.
    pub text: String,
    /// Whether the whole paragraph was bold (`**…**`, `<b>…</b>`).
    pub bold: bool,
}

/// A table row: its cells, tags removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Source line.
    pub line: usize,
    /// Cell texts, trimmed.
    pub cells: Vec<String>,
    /// Whether each cell was bold.
    pub bold: Vec<bool>,
}

/// A piece of the cleaned document, in source order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// A paragraph (or heading, list item: [`super::structure`] tells them apart).
    Text(Block),
    /// A row of a table.
    Row(Row),
}

/// What cleaning removed, for the report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Removed {
    /// Lines that were only a page number.
    pub page_numbers: usize,
    /// Lines re-joined to the line before them.
    pub joined_lines: usize,
}

/// One text line after markup removal, before re-joining.
struct TextLine {
    no: usize,
    text: String,
    bold: bool,
    /// Blank lines since the previous text line.
    gap: usize,
}

enum Item {
    Text(TextLine),
    Row(Row),
}

/// Cleans the source lines into paragraphs and table rows.
pub fn clean(lines: &[Line]) -> (Vec<Piece>, Removed) {
    let mut removed = Removed::default();
    let items = split_items(lines, &mut removed);
    let wrapped = WrapStyle::of(&items);
    let mut pieces: Vec<Piece> = Vec::new();
    let mut previous_text = false;
    let mut last_length = 0;
    let mut last_bold = false;
    for item in items {
        match item {
            Item::Row(row) => {
                pieces.push(Piece::Row(row));
                previous_text = false;
            }
            Item::Text(line) => {
                if previous_text
                    && let Some(Piece::Text(block)) = pieces.last_mut()
                    && !(last_bold && line.bold)
                    && wrapped.joins(&block.text, last_length, &line)
                {
                    last_length = line.text.chars().count();
                    last_bold = line.bold;
                    block.text.push(' ');
                    block.text.push_str(&line.text);
                    block.bold &= line.bold;
                    removed.joined_lines += 1;
                    continue;
                }
                last_length = line.text.chars().count();
                last_bold = line.bold;
                pieces.push(Piece::Text(Block {
                    line: line.no,
                    text: line.text,
                    bold: line.bold,
                }));
                previous_text = true;
            }
        }
    }
    (pieces, removed)
}

/// Turns lines into text lines and rows: tags and emphasis removed, glued headings split,
/// page numbers and rules dropped.
fn split_items(lines: &[Line], removed: &mut Removed) -> Vec<Item> {
    // Runs of consecutive tab-separated lines are tables when some line has three cells or
    // more; two columns side by side (issuer and motto, number and date) are a page layout.
    let mut table_line = vec![false; lines.len()];
    let mut start = 0;
    while start < lines.len() {
        if !lines[start].text.contains('\t') {
            start += 1;
            continue;
        }
        let mut end = start;
        while end < lines.len() && lines[end].text.contains('\t') {
            end += 1;
        }
        let width = lines[start..end]
            .iter()
            .map(|l| l.text.split('\t').count())
            .max()
            .unwrap_or(0);
        for flag in &mut table_line[start..end] {
            *flag = width >= 3;
        }
        start = end;
    }
    let mut items = Vec::new();
    let mut gap = 0;
    for (index, line) in lines.iter().enumerate() {
        if table_line[index] {
            let (cells, bold): (Vec<String>, Vec<bool>) = line
                .text
                .split('\t')
                .map(|cell| {
                    let (text, bold) = strip_markup(cell);
                    (super::text::collapse(&text), bold)
                })
                .unzip();
            if cells.iter().any(|c| !c.is_empty()) {
                items.push(Item::Row(Row {
                    line: line.no,
                    cells,
                    bold,
                }));
            }
            gap = 0;
            continue;
        }
        let mut produced = false;
        for (column, part) in line.text.split('\t').enumerate() {
            // A cell of a two-column layout is a paragraph of its own.
            if column > 0 {
                gap = gap.max(1);
            }
            for piece in split_glued(part) {
                let (text, bold) = strip_markup(&piece);
                let text = super::text::collapse(&text);
                if text.is_empty() || is_rule(&text) {
                    continue;
                }
                if is_page_number(&text) {
                    removed.page_numbers += 1;
                    continue;
                }
                items.push(Item::Text(TextLine {
                    no: line.no,
                    text,
                    bold,
                    gap,
                }));
                gap = 0;
                produced = true;
            }
        }
        if !produced {
            gap += 1;
        }
    }
    items
}

/// Splits a line where a bold heading is glued to what follows it: `KẾ HOẠCH**Cải cách …**`,
/// `I. MỤC ĐÍCH**1. Mục đích:**`.
fn split_glued(line: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut rest = line;
    let mut consumed = 0;
    while let Some(found) = rest[consumed..].find("**") {
        let at = consumed + found;
        let before = &rest[..at];
        let after = &rest[at + 2..];
        let glued = before.chars().last().is_some_and(|c| !c.is_whitespace())
            && after
                .chars()
                .next()
                .is_some_and(|c| !c.is_whitespace() && c != '*');
        let (plain_before, _) = strip_markup(before);
        let (plain_after, _) = strip_markup(after);
        if glued
            && !plain_before.trim().is_empty()
            && (is_all_caps(&plain_before) || starts_block(plain_after.trim()))
            && plain_before.chars().filter(|c| c.is_alphabetic()).count() >= 2
        {
            parts.push(before.to_string());
            rest = &rest[at..];
            consumed = 2;
        } else {
            consumed = at + 2;
        }
    }
    parts.push(rest.to_string());
    parts
}

/// Removes HTML tags and emphasis markers; tells whether the whole text was bold.
fn strip_markup(text: &str) -> (String, bool) {
    let trimmed = text.trim();
    let lower = trimmed.to_lowercase();
    let bold = (trimmed.starts_with("**") && trimmed.ends_with("**") && trimmed.len() > 4)
        || ((lower.starts_with("<b>") || lower.starts_with("<strong>"))
            && (lower.ends_with("</b>") || lower.ends_with("</strong>")));
    let mut out = String::with_capacity(text.len());
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '<'
            && let Some(end) = text[at..].find('>')
            && is_tag(&text[at..at + end + 1])
        {
            let skip_to = at + end + 1;
            while chars.peek().is_some_and(|(i, _)| *i < skip_to) {
                chars.next();
            }
            continue;
        }
        out.push(c);
    }
    // `(*)` is a footnote mark; any other run of asterisks is emphasis.
    let kept = out.replace("(*)", "\u{0}");
    let stripped: String = kept.chars().filter(|c| *c != '*').collect();
    (stripped.replace('\u{0}', "(*)"), bold)
}

fn is_tag(candidate: &str) -> bool {
    let inner = candidate
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_start_matches('/')
        .trim_end_matches('/')
        .trim();
    let name: String = inner
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    matches!(
        name.as_str(),
        "b" | "i"
            | "u"
            | "em"
            | "strong"
            | "br"
            | "p"
            | "span"
            | "div"
            | "sup"
            | "sub"
            | "font"
            | "s"
    ) && inner.len() < 200
}

/// A line that is only a page number: `5`, `- 12 -`, `Trang 3`, `3/12`.
fn is_page_number(text: &str) -> bool {
    let t = text
        .trim()
        .trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let t = t
        .strip_prefix("Trang ")
        .or_else(|| t.strip_prefix("trang "))
        .unwrap_or(t);
    let small = |n: &str| !n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_ascii_digit());
    match t.split_once('/') {
        Some((page, pages)) => small(page.trim()) && small(pages.trim()),
        None => small(t.trim()),
    }
}

/// A separator rule: `______`, `-----`, `***`.
fn is_rule(text: &str) -> bool {
    text.chars().count() >= 3 && text.chars().all(|c| "_-–—=*.·".contains(c) || c == ' ')
}

/// How lines are to be re-joined: text extracted from a PDF is wrapped at a width, one paragraph
/// per line otherwise.
struct WrapStyle {
    /// The usual length of a full line, when the text is wrapped.
    width: Option<usize>,
}

impl WrapStyle {
    fn of(items: &[Item]) -> Self {
        let lines: Vec<&TextLine> = items
            .iter()
            .filter_map(|item| match item {
                Item::Text(line) => Some(line),
                Item::Row(_) => None,
            })
            .collect();
        let mut lengths: Vec<usize> = lines.iter().map(|l| l.text.chars().count()).collect();
        lengths.sort_unstable();
        if lengths.len() < 8 {
            return WrapStyle { width: None };
        }
        let width = lengths[lengths.len() * 9 / 10];
        let broken = lines
            .windows(2)
            .filter(|pair| {
                pair[0].text.chars().count() * 10 >= width * 7
                    && !ends_sentence(&pair[0].text)
                    && starts_lowercase(&pair[1].text)
            })
            .count();
        let wrapped = broken >= 3 && broken * 10 >= lines.len();
        WrapStyle {
            width: wrapped.then_some(width),
        }
    }

    /// Whether `next` continues the paragraph `previous`, whose last line had `last_length`
    /// characters.
    fn joins(&self, previous: &str, last_length: usize, next: &TextLine) -> bool {
        if previous.ends_with("./.")
            || super::markers::marker(&next.text).is_some()
            || super::markers::is_part_title(previous)
        {
            return false;
        }
        if starts_lowercase(&next.text) {
            return true;
        }
        if starts_block(&next.text) && !is_all_caps(&next.text) {
            return false;
        }
        match (is_all_caps(previous), is_all_caps(&next.text)) {
            // A title in capitals broken over lines.
            (true, true) => self.width.is_none() && next.gap == 0 && !ends_sentence(previous),
            (false, false) => match self.width {
                Some(width) => last_length * 10 >= width * 8,
                None => next.gap == 0 && !ends_sentence(previous),
            },
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        text.split('\n')
            .enumerate()
            .map(|(i, t)| Line {
                no: i + 1,
                text: t.to_string(),
            })
            .collect()
    }

    fn texts(pieces: &[Piece]) -> Vec<String> {
        pieces
            .iter()
            .map(|p| match p {
                Piece::Text(b) => b.text.clone(),
                Piece::Row(r) => r.cells.join("|"),
            })
            .collect()
    }

    #[test]
    fn removes_markup_and_splits_glued_headings() {
        let (pieces, _) = clean(&lines(
            "KẾ HOẠCH**Cải cách hành chính năm 2026**\n\nI. MỤC ĐÍCH**1. Mục đích:**\n\n<b>II</b> Nội dung",
        ));
        assert_eq!(
            texts(&pieces),
            [
                "KẾ HOẠCH",
                "Cải cách hành chính năm 2026",
                "I. MỤC ĐÍCH",
                "1. Mục đích:",
                "II Nội dung"
            ]
        );
    }

    #[test]
    fn drops_page_numbers_and_joins_page_breaks() {
        let (pieces, removed) = clean(&lines(
            "Các cơ quan xác định công tác là nhiệm vụ thường\n\n5\n\nxuyên. Xác định rõ trách nhiệm.\n\n- Mục mới.",
        ));
        assert_eq!(
            texts(&pieces),
            [
                "Các cơ quan xác định công tác là nhiệm vụ thường xuyên. Xác định rõ trách nhiệm.",
                "- Mục mới."
            ]
        );
        assert_eq!(removed.page_numbers, 1);
        assert!(!is_page_number("15/6/2025 của Chính phủ"));
        assert!(is_page_number("- 12 -") && is_page_number("3/12") && is_page_number("Trang 4"));
    }

    #[test]
    fn keeps_tab_rows() {
        let (pieces, _) = clean(&lines("STT\tNội dung\tChủ trì\n1\t<b>Việc</b>\tPhòng"));
        assert!(
            matches!(&pieces[1], Piece::Row(row) if row.cells == ["1", "Việc", "Phòng"] && row.bold[1])
        );
    }
}
