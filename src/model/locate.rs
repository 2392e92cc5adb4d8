//! Finds the line and column of a value inside block-style YAML from its path (`targets[2].value`).
//!
//! serde reports positions only for values it fails to parse; values that parse but fail validation
//! (an unknown indicator id, a year outside the period) are located here instead. The search follows
//! indentation, which is what block-style front matter written by editors uses; for flow style
//! (`{from: 2026}`) it falls back to the nearest enclosing key it could find.

/// One step of a path into a YAML document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    /// A mapping key.
    Key(&'a str),
    /// A sequence index (0-based).
    Index(usize),
}

/// 1-based (line, column) within `yaml` of the value at `path`, or of the deepest step found.
pub fn locate(yaml: &str, path: &[Step<'_>]) -> (usize, usize) {
    let lines: Vec<&str> = yaml.lines().collect();
    locate_in(&lines, path)
}

/// Like [`locate`], in `yaml` already split into lines (to locate many values of one document).
pub fn locate_in(lines: &[&str], path: &[Step<'_>]) -> (usize, usize) {
    let mut found = (1, 1);
    let mut line = 0;
    let mut min_column = 0;
    for step in path {
        let hit = match *step {
            Step::Key(key) => find_key(lines, line, min_column, key),
            Step::Index(index) => find_item(lines, line, min_column, index),
        };
        let Some((hit_line, key_column, value_column, child_column)) = hit else {
            break;
        };
        found = (hit_line + 1, value_column + 1);
        let _ = key_column;
        line = hit_line;
        min_column = child_column;
    }
    found
}

/// Columns where mapping keys may start on a line: its indentation, and after each `- ` marker.
fn key_columns(text: &str) -> Vec<usize> {
    let mut columns = Vec::new();
    let mut column = text.len() - text.trim_start_matches(' ').len();
    columns.push(column);
    while text[column..].starts_with("- ") || text[column..] == *"-" {
        column += 1;
        column += text[column..].len() - text[column..].trim_start_matches(' ').len();
        columns.push(column);
    }
    columns
}

fn is_blank_or_comment(text: &str) -> bool {
    let trimmed = text.trim_start();
    trimmed.is_empty() || trimmed.starts_with('#')
}

fn indentation(text: &str) -> usize {
    text.len() - text.trim_start_matches(' ').len()
}

/// Finds `key:` at or after `start`, at a column of at least `min_column`, without leaving the
/// enclosing block. Returns (line, key column, value column, column its children must exceed).
fn find_key(
    lines: &[&str],
    start: usize,
    min_column: usize,
    key: &str,
) -> Option<(usize, usize, usize, usize)> {
    for (index, text) in lines.iter().enumerate().skip(start) {
        if is_blank_or_comment(text) {
            continue;
        }
        if index > start && indentation(text) < min_column {
            return None;
        }
        for column in key_columns(text) {
            if column < min_column {
                continue;
            }
            let rest = &text[column..];
            let quoted = [
                format!("{key}:"),
                format!("\"{key}\":"),
                format!("'{key}':"),
            ];
            if let Some(prefix) = quoted
                .iter()
                .find(|prefix| rest.starts_with(prefix.as_str()))
            {
                let after = column + prefix.len();
                let value_column = after + (text[after..].len() - text[after..].trim_start().len());
                let value_column = if value_column >= text.len() {
                    column
                } else {
                    value_column
                };
                return Some((index, column, value_column, column + 1));
            }
        }
    }
    None
}

/// Finds the `index`-th `- ` item of the sequence that starts at or after `start`.
fn find_item(
    lines: &[&str],
    start: usize,
    min_column: usize,
    index: usize,
) -> Option<(usize, usize, usize, usize)> {
    let mut item_column = None;
    let mut seen = 0;
    for (line_index, text) in lines.iter().enumerate().skip(start) {
        if is_blank_or_comment(text) {
            continue;
        }
        let columns = key_columns(text);
        let dash = columns.iter().copied().find(|&column| {
            column >= min_column.saturating_sub(1)
                && (text[column..].starts_with("- ") || text[column..] == *"-")
                && item_column.is_none_or(|expected| expected == column)
        });
        if line_index > start && indentation(text) < min_column.saturating_sub(1) {
            return None;
        }
        let Some(column) = dash else {
            if item_column.is_some() && indentation(text) <= item_column.unwrap_or(0) {
                return None;
            }
            continue;
        };
        item_column = Some(column);
        if seen == index {
            let value_column = column + 2;
            let value_column = if value_column >= text.len() {
                column
            } else {
                value_column
            };
            return Some((line_index, column, value_column, column + 1));
        }
        seen += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "title: A\nperiod: {from: 2026, to: 2030}\ntargets:\n  - indicator: a\n    value: 1\n  # comment\n  - indicator: b\n    value: x\ntasks:\n- no: \"1\"\n  area: z\n";

    #[test]
    fn finds_keys_items_and_nested_keys() {
        assert_eq!(locate(YAML, &[Step::Key("title")]), (1, 8));
        assert_eq!(
            locate(
                YAML,
                &[Step::Key("targets"), Step::Index(0), Step::Key("indicator")]
            ),
            (4, 16)
        );
        assert_eq!(
            locate(
                YAML,
                &[Step::Key("targets"), Step::Index(1), Step::Key("value")]
            ),
            (8, 12)
        );
        assert_eq!(
            locate(
                YAML,
                &[Step::Key("tasks"), Step::Index(0), Step::Key("area")]
            ),
            (11, 9)
        );
    }

    #[test]
    fn falls_back_to_the_deepest_step_found() {
        assert_eq!(
            locate(YAML, &[Step::Key("period"), Step::Key("from")]),
            (2, 9)
        );
        assert_eq!(
            locate(YAML, &[Step::Key("targets"), Step::Index(5)]),
            (3, 1)
        );
    }
}
