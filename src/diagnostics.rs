//! Problems found in a portal's sources, each with the file, line and column it comes from and a hint
//! an editor can act on. Every stage collects diagnostics instead of stopping at the first one, so a
//! single `planportal check` run lists everything that needs fixing.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in a source file, in words an editor can act on (Vietnamese), with a stable code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable machine-readable code (English, kebab-case), e.g. `unknown-indicator`.
    pub code: &'static str,
    /// Path of the file, relative to the portal root.
    pub file: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file or folder.
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub column: usize,
    /// What is wrong (Vietnamese).
    pub message: String,
    /// What would be valid (Vietnamese), when there is something to suggest.
    pub help: Option<Box<str>>,
    /// The offending source line, shown under the message.
    pub source_line: Option<Box<str>>,
}

impl Diagnostic {
    /// A problem about a whole file or folder, without a position.
    pub fn file(code: &'static str, file: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            file: file.to_path_buf(),
            line: 0,
            column: 0,
            message: message.into(),
            help: None,
            source_line: None,
        }
    }

    /// A problem at `line:column` of `file`, whose text is `source` (used to quote the line).
    pub fn at(
        code: &'static str,
        file: &Path,
        source: &str,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        let source_line = line
            .checked_sub(1)
            .and_then(|index| source.lines().nth(index))
            .map(|text| text.trim_end().into());
        Diagnostic {
            code,
            file: file.to_path_buf(),
            line,
            column,
            message: message.into(),
            help: None,
            source_line,
        }
    }

    /// Places the problem at `line:column`, quoting `line_text`.
    pub fn with_position(mut self, line: usize, column: usize, line_text: &str) -> Self {
        self.line = line;
        self.column = column;
        self.source_line = Some(line_text.trim_end().into());
        self
    }

    /// Adds a hint saying what would be valid.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into().into_boxed_str());
        self
    }

    /// `file:line:column`, omitting what is unknown.
    pub fn location(&self) -> String {
        let file = self.file.display();
        match (self.line, self.column) {
            (0, _) => format!("{file}"),
            (line, 0) => format!("{file}:{line}"),
            (line, column) => format!("{file}:{line}:{column}"),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}: lỗi [{}]: {}",
            self.location(),
            self.code,
            self.message
        )?;
        if let Some(text) = &self.source_line {
            let gutter = self.line.to_string();
            writeln!(f, "  {gutter} | {text}")?;
            if self.column > 0 {
                let pad: String = text
                    .chars()
                    .take(self.column - 1)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                writeln!(f, "  {} | {pad}^", " ".repeat(gutter.len()))?;
            }
        }
        if let Some(help) = &self.help {
            writeln!(f, "  gợi ý: {help}")?;
        }
        Ok(())
    }
}

/// Every diagnostic of a run, in a stable order (file, then position).
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// Records one problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Records every problem of another collection.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// True when nothing was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many problems were found.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The problems, sorted by file and position.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.code).cmp(&(&b.file, b.line, b.column, b.code))
        });
        self.0.dedup();
        self.0
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics(iter.into_iter().collect())
    }
}

/// Writes diagnostics for an editor: each problem, then a count.
pub fn report(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        out.push_str(&diagnostic.to_string());
        out.push('\n');
    }
    out.push_str(&format!("Tìm thấy {} lỗi.\n", diagnostics.len()));
    out
}
