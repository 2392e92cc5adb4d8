//! Splits a Markdown file into its YAML front matter (between two `---` lines) and its body.

use crate::diagnostics::Diagnostic;
use std::ops::Range;
use std::path::Path;

/// Byte ranges of the front matter and body of a file, with the line where the YAML starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterSplit {
    /// The YAML text between the delimiters.
    pub yaml: Range<usize>,
    /// 1-based line of the first YAML line in the file.
    pub yaml_line: usize,
    /// The Markdown after the closing delimiter.
    pub body: Range<usize>,
    /// 1-based line of the first body line in the file.
    pub body_line: usize,
}

/// Why a file could not be split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitProblem {
    /// The file does not start with `---`.
    Missing,
    /// The opening `---` has no closing `---`.
    Unclosed,
}

impl SplitProblem {
    /// The diagnostic an editor sees for this problem in `file`.
    pub fn into_diagnostic(self, file: &Path, text: &str) -> Diagnostic {
        match self {
            SplitProblem::Missing => Diagnostic::at(
                "missing-front-matter",
                file,
                text,
                1,
                1,
                "Tệp không bắt đầu bằng phần thông tin (front matter) đặt giữa hai dòng ---",
                "The file does not start with front matter between two --- lines",
            )
            .with_help(
                "dòng đầu tiên của tệp phải là ---, sau đó là các trường như title:, kind:, rồi một dòng --- để đóng",
                "the first line of the file must be ---, followed by fields such as title: and kind:, then a closing --- line",
            ),
            SplitProblem::Unclosed => Diagnostic::at(
                "unclosed-front-matter",
                file,
                text,
                1,
                1,
                "Phần thông tin mở bằng --- ở dòng 1 nhưng không có dòng --- để đóng",
                "The front matter opens with --- on line 1 but has no closing --- line",
            )
            .with_help(
                "thêm một dòng chỉ có --- sau trường cuối cùng, trước nội dung kế hoạch",
                "add a line containing only --- after the last field, before the text of the plan",
            ),
        }
    }
}

/// Finds the front matter of `text`. Accepts `\n` and `\r\n` line endings.
pub fn split_front_matter(text: &str) -> Result<FrontMatterSplit, SplitProblem> {
    let mut lines = line_spans(text);
    let Some((first_start, first_end)) = lines.next() else {
        return Err(SplitProblem::Missing);
    };
    if text[first_start..first_end].trim_end() != "---" {
        return Err(SplitProblem::Missing);
    }
    let yaml_start = next_line_start(text, first_end);
    for (index, (start, end)) in lines.enumerate() {
        let line = text[start..end].trim_end();
        if line == "---" || line == "..." {
            let body_start = next_line_start(text, end);
            return Ok(FrontMatterSplit {
                yaml: yaml_start..start,
                yaml_line: 2,
                body: body_start..text.len(),
                body_line: index + 3,
            });
        }
    }
    Err(SplitProblem::Unclosed)
}

/// Byte spans of each line, without the line terminator.
fn line_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let span = (start, end);
        start = end + 1;
        Some(span)
    })
}

/// The byte after the line terminator at `line_end` (or the end of the text).
fn next_line_start(text: &str, line_end: usize) -> usize {
    (line_end + 1).min(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body_with_line_numbers() {
        let text = "---\ntitle: A\nkind: ke-hoach\n---\n\n# Body\n";
        let split = split_front_matter(text).unwrap();
        assert_eq!(&text[split.yaml.clone()], "title: A\nkind: ke-hoach\n");
        assert_eq!(split.yaml_line, 2);
        assert_eq!(&text[split.body.clone()], "\n# Body\n");
        assert_eq!(split.body_line, 5);
    }

    #[test]
    fn accepts_crlf_and_empty_front_matter() {
        let split = split_front_matter("---\r\n---\r\nbody").unwrap();
        assert!(split.yaml.is_empty());
        assert_eq!(split.body_line, 3);
    }

    #[test]
    fn reports_missing_and_unclosed() {
        assert_eq!(split_front_matter("title: A\n"), Err(SplitProblem::Missing));
        assert_eq!(split_front_matter(""), Err(SplitProblem::Missing));
        assert_eq!(
            split_front_matter("---\ntitle: A\n"),
            Err(SplitProblem::Unclosed)
        );
    }
}
