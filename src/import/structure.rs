//! The body as Markdown: the `I.` / `1.` / `1.1` / `a)` hierarchy as headings (levels given by
//! which kinds of numbering the document uses), `-`, `+`, `•` items as nested lists, other
//! paragraphs as they are, and tables that are not task tables as Markdown tables.

use super::clean::Piece;
use super::markers::{Marker, marker};
use super::metadata::Meta;
use super::text::collapse;
use std::collections::BTreeSet;

/// What a node of the body is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A heading of the given level (2 to 6).
    Heading(usize),
    /// A paragraph.
    Paragraph,
    /// A list item at the given depth (0 is the outer list).
    Item(usize),
    /// A table: rows of cells, the first row being the header.
    Table(Vec<Vec<String>>),
}

/// A block of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// What it is.
    pub kind: Kind,
    /// Its text (without the bullet of an item; a heading keeps its number).
    pub text: String,
    /// Source line.
    pub line: usize,
}

/// How deep a kind of numbering sits, before levels are given.
fn rank(marker: &Marker) -> Option<usize> {
    match marker {
        Marker::Roman(_) => Some(0),
        Marker::Number(numbers) if numbers.len() == 1 => Some(1),
        Marker::Number(_) => Some(2),
        Marker::Letter(_) => Some(3),
        Marker::Bullet(_) => None,
    }
}

/// A heading, a heading followed by its first paragraph (`1. Phòng Kinh tế: Chủ trì …`), or not
/// a heading at all. Text with a percentage is never a heading: targets are quoted from it.
fn heading_split(text: &str, marker: &Marker, rest: &str) -> Option<(String, Option<String>)> {
    let length = rest.chars().count();
    let quantified = text.contains('%') || text.to_lowercase().contains("cấp độ ");
    if quantified {
        return None;
    }
    let sentence_inside = rest.trim_end_matches(['.', ':']).contains(". ");
    let colon_end = rest.trim_end().ends_with(':');
    let short_limit = match marker {
        Marker::Letter(_) => 80,
        Marker::Roman(_) => 160,
        _ => 120,
    };
    if (length <= short_limit
        && !sentence_inside
        && !(matches!(marker, Marker::Letter(_)) && rest.ends_with('.')))
        || (colon_end && length <= 220 && !sentence_inside)
    {
        return Some((text.to_string(), None));
    }
    if !matches!(marker, Marker::Letter(_))
        && let Some(at) = text.find(": ")
    {
        let (head, tail) = text.split_at(at + 1);
        let tail = tail.trim();
        if head.chars().count() <= 100 && tail.chars().count() >= 20 && !head.contains(". ") {
            return Some((head.to_string(), Some(tail.to_string())));
        }
    }
    None
}

/// Builds the body nodes from the cleaned pieces, leaving out what `skip` holds (metadata lines,
/// task tables).
pub fn build(pieces: &[Piece], meta: &Meta, skip: &BTreeSet<usize>) -> Vec<Node> {
    let several_parts = meta.parts.len() >= 2;
    let mut skipped = skip.clone();
    let mut part_titles = BTreeSet::new();
    for part in &meta.parts {
        if several_parts {
            part_titles.insert(part.title);
        } else {
            skipped.insert(part.title);
            skipped.extend(part.subtitle);
        }
    }
    // Which kinds of numbering make headings in this document.
    let mut ranks = BTreeSet::new();
    for (index, piece) in pieces.iter().enumerate() {
        if let Piece::Text(block) = piece
            && !skipped.contains(&index)
            && let Some((mark, rest)) = marker(&block.text)
            && let Some(rank) = rank(&mark)
            && heading_split(&block.text, &mark, rest).is_some()
        {
            ranks.insert(rank);
        }
    }
    let base = if several_parts { 3 } else { 2 };
    let level_of =
        |rank: usize| -> usize { base + ranks.iter().position(|r| *r == rank).unwrap_or(0) };
    let mut nodes: Vec<Node> = Vec::new();
    let mut bullets: Vec<char> = Vec::new();
    let mut table: Vec<Vec<String>> = Vec::new();
    let mut table_line = 0;
    for (index, piece) in pieces.iter().enumerate() {
        if skipped.contains(&index) {
            continue;
        }
        let block = match piece {
            Piece::Row(row) => {
                if table.is_empty() {
                    table_line = row.line;
                }
                table.push(row.cells.clone());
                continue;
            }
            Piece::Text(block) => block,
        };
        if !table.is_empty() {
            nodes.push(Node {
                kind: Kind::Table(std::mem::take(&mut table)),
                text: String::new(),
                line: table_line,
            });
        }
        let text = collapse(&block.text);
        if part_titles.contains(&index) {
            bullets.clear();
            nodes.push(Node {
                kind: Kind::Heading(2),
                text,
                line: block.line,
            });
            continue;
        }
        match marker(&text) {
            Some((Marker::Bullet(bullet), rest)) => {
                let depth = match bullets.iter().position(|b| *b == bullet) {
                    Some(depth) => {
                        bullets.truncate(depth + 1);
                        depth
                    }
                    None => {
                        bullets.push(bullet);
                        bullets.len() - 1
                    }
                };
                nodes.push(Node {
                    kind: Kind::Item(depth),
                    text: rest.to_string(),
                    line: block.line,
                });
            }
            Some((mark, rest)) if rank(&mark).is_some_and(|r| level_of(r) <= 6) => {
                bullets.clear();
                match heading_split(&text, &mark, rest) {
                    Some((heading, paragraph)) => {
                        let rank = rank(&mark).unwrap_or(0);
                        nodes.push(Node {
                            kind: Kind::Heading(level_of(rank)),
                            text: heading,
                            line: block.line,
                        });
                        if let Some(paragraph) = paragraph {
                            nodes.push(Node {
                                kind: Kind::Paragraph,
                                text: paragraph,
                                line: block.line,
                            });
                        }
                    }
                    None => nodes.push(Node {
                        kind: Kind::Paragraph,
                        text,
                        line: block.line,
                    }),
                }
            }
            _ => {
                bullets.clear();
                nodes.push(Node {
                    kind: Kind::Paragraph,
                    text,
                    line: block.line,
                });
            }
        }
    }
    if !table.is_empty() {
        nodes.push(Node {
            kind: Kind::Table(table),
            text: String::new(),
            line: table_line,
        });
    }
    nodes
}

/// The Markdown of the body.
pub fn render(nodes: &[Node]) -> String {
    let mut out = String::new();
    let mut previous_item = false;
    for node in nodes {
        let item = matches!(node.kind, Kind::Item(_));
        if !(out.is_empty() || item && previous_item) {
            out.push('\n');
        }
        match &node.kind {
            Kind::Heading(level) => {
                out.push_str(&"#".repeat(*level));
                out.push(' ');
                out.push_str(&escape_inline(&node.text));
            }
            Kind::Paragraph => out.push_str(&escape_block(&node.text)),
            Kind::Item(depth) => {
                out.push_str(&"  ".repeat(*depth));
                out.push_str("- ");
                out.push_str(&escape_inline(&node.text));
            }
            Kind::Table(rows) => out.push_str(&table(rows)),
        }
        out.push('\n');
        previous_item = item;
    }
    out
}

fn table(rows: &[Vec<String>]) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let line = |cells: &[String]| -> String {
        let mut out = String::from("|");
        for column in 0..width {
            let cell = cells.get(column).map_or("", String::as_str);
            out.push(' ');
            out.push_str(&escape_inline(cell).replace('|', "\\|"));
            out.push_str(" |");
        }
        out
    };
    let mut out = line(&rows[0]);
    out.push('\n');
    out.push('|');
    out.push_str(&" --- |".repeat(width));
    for row in &rows[1..] {
        out.push('\n');
        out.push_str(&line(row));
    }
    out
}

/// Escapes the characters Markdown would read as formatting inside a line.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\*_`<[]~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes a paragraph, including what would make it a list, heading or quote at its start.
pub fn escape_block(text: &str) -> String {
    let escaped = escape_inline(text);
    let digits: String = escaped.chars().take_while(char::is_ascii_digit).collect();
    let after = &escaped[digits.len()..];
    if !digits.is_empty() && (after.starts_with(". ") || after.starts_with(") ")) {
        return format!("{digits}\\{after}");
    }
    if escaped.starts_with(['#', '>', '-', '+', '=', '|']) {
        return format!("\\{escaped}");
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::clean::Block;
    use crate::import::metadata;

    fn pieces(lines: &[&str]) -> Vec<Piece> {
        lines
            .iter()
            .enumerate()
            .map(|(i, t)| {
                Piece::Text(Block {
                    line: i + 1,
                    text: t.to_string(),
                    bold: false,
                })
            })
            .collect()
    }

    #[test]
    fn renders_headings_and_nested_lists() {
        let pieces = pieces(&[
            "I. MỤC TIÊU",
            "1. Chỉ tiêu",
            "- Giai đoạn 2026 - 2027:",
            "+ Đạt 100% hồ sơ.",
            "- Giai đoạn 2028 - 2030:",
            "6. Đẩy mạnh ứng dụng khoa học và công nghệ trong hoạt động của cơ quan hành chính nhằm nâng cao năng lực, hiệu quả hoạt động, chất lượng phục vụ.",
        ]);
        let meta = metadata::extract(&pieces, 2026);
        let nodes = build(&pieces, &meta, &BTreeSet::new());
        assert_eq!(
            render(&nodes),
            "## I. MỤC TIÊU\n\n### 1. Chỉ tiêu\n\n- Giai đoạn 2026 - 2027:\n  - Đạt 100% hồ sơ.\n- Giai đoạn 2028 - 2030:\n\n6\\. Đẩy mạnh ứng dụng khoa học và công nghệ trong hoạt động của cơ quan hành chính nhằm nâng cao năng lực, hiệu quả hoạt động, chất lượng phục vụ.\n"
        );
    }

    #[test]
    fn escapes_markdown() {
        assert_eq!(escape_block("- a * b"), "\\- a \\* b");
        assert_eq!(escape_block("12) x"), "12\\) x");
    }
}
