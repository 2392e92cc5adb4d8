//! Problems found in a portal's sources, each with the file, line and column it comes from and a hint
//! an editor can act on. Every stage collects diagnostics instead of stopping at the first one, so a
//! single `planportal check` run lists everything that needs fixing.
//!
//! Each diagnostic carries its message and hint in Vietnamese (the default, what editors read) and
//! in English (for `--lang en`); it is either an error, which stops a build, or a warning, which
//! does not.

use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The sources cannot be published as they are: nothing is written.
    #[default]
    Error,
    /// Probably a mistake, but the portal is still published.
    Warning,
}

/// The language diagnostics are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Vietnamese, the default.
    #[default]
    Vi,
    /// English.
    En,
}

impl std::str::FromStr for Lang {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().as_str() {
            "vi" => Ok(Lang::Vi),
            "en" => Ok(Lang::En),
            other => Err(format!("unknown language “{other}”: use vi or en")),
        }
    }
}

/// One problem in a source file, in words an editor can act on (Vietnamese and English), with a
/// stable code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable machine-readable code (English, kebab-case), e.g. `unknown-indicator`.
    pub code: &'static str,
    /// Error (stops the build) or warning (does not).
    pub severity: Severity,
    /// Path of the file, relative to the portal root.
    pub file: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file or folder.
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub column: usize,
    /// What is wrong (Vietnamese).
    pub message: Box<str>,
    /// What would be valid (Vietnamese), when there is something to suggest.
    pub help: Option<Box<str>>,
    /// The message and hint in English (boxed: a diagnostic travels in `Result`s).
    pub en: Box<English>,
    /// The offending source line, shown under the message.
    pub source_line: Option<Box<str>>,
}

/// The English texts of a [`Diagnostic`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct English {
    /// What is wrong.
    pub message: String,
    /// What would be valid; present exactly when the Vietnamese hint is.
    pub help: Option<Box<str>>,
}

impl Diagnostic {
    /// A problem about a whole file or folder, without a position, with its message in
    /// Vietnamese and English.
    pub fn file(
        code: &'static str,
        file: &Path,
        message: impl Into<String>,
        message_en: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            file: file.to_path_buf(),
            line: 0,
            column: 0,
            message: message.into().into_boxed_str(),
            help: None,
            en: Box::new(English {
                message: message_en.into(),
                help: None,
            }),
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
        message_en: impl Into<String>,
    ) -> Self {
        let source_line = line
            .checked_sub(1)
            .and_then(|index| source.lines().nth(index))
            .map(|text| text.trim_end().into());
        Diagnostic {
            line,
            column,
            source_line,
            ..Diagnostic::file(code, file, message, message_en)
        }
    }

    /// Places the problem at `line:column`, quoting `line_text`.
    pub fn with_position(mut self, line: usize, column: usize, line_text: &str) -> Self {
        self.line = line;
        self.column = column;
        self.source_line = Some(line_text.trim_end().into());
        self
    }

    /// Adds a hint saying what would be valid, in Vietnamese and English.
    pub fn with_help(mut self, help: impl Into<String>, help_en: impl Into<String>) -> Self {
        self.help = Some(help.into().into_boxed_str());
        self.en.help = Some(help_en.into().into_boxed_str());
        self
    }

    /// Makes this diagnostic a warning: reported, but the portal is still published.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// True for an error (as opposed to a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The message in `lang`.
    pub fn message_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.message,
            Lang::En => &self.en.message,
        }
    }

    /// The hint in `lang`, if any.
    pub fn help_in(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Vi => self.help.as_deref(),
            Lang::En => self.en.help.as_deref().or(self.help.as_deref()),
        }
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

    /// The diagnostic as an editor reads it, in `lang`: location, severity, code and message, the
    /// offending line with a caret under the column, then the hint.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        self.write_to(&mut out, lang)
            .expect("writing to a String cannot fail");
        out
    }

    fn write_to(&self, f: &mut impl fmt::Write, lang: Lang) -> fmt::Result {
        let (kind, hint) = match (lang, self.severity) {
            (Lang::Vi, Severity::Error) => ("lỗi", "gợi ý"),
            (Lang::Vi, Severity::Warning) => ("cảnh báo", "gợi ý"),
            (Lang::En, Severity::Error) => ("error", "help"),
            (Lang::En, Severity::Warning) => ("warning", "help"),
        };
        writeln!(
            f,
            "{}: {kind} [{}]: {}",
            self.location(),
            self.code,
            self.message_in(lang)
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
        if let Some(help) = self.help_in(lang) {
            writeln!(f, "  {hint}: {help}")?;
        }
        Ok(())
    }

    /// A serializable view of the diagnostic with its texts in `lang` (for `--format json`).
    pub fn json(&self, lang: Lang) -> JsonDiagnostic<'_> {
        JsonDiagnostic {
            code: self.code,
            severity: self.severity,
            file: self.file.to_string_lossy().replace('\\', "/"),
            line: self.line,
            column: self.column,
            message: self.message_in(lang),
            help: self.help_in(lang),
            source_line: self.source_line.as_deref(),
        }
    }
}

impl fmt::Display for Diagnostic {
    /// The Vietnamese rendering (see [`Diagnostic::render`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f, Lang::Vi)
    }
}

/// One diagnostic as written by `planportal check --format json`, its texts in one language.
#[derive(Debug, Clone, Serialize)]
pub struct JsonDiagnostic<'a> {
    /// Stable code.
    pub code: &'static str,
    /// `error` or `warning`.
    pub severity: Severity,
    /// Path relative to the portal root, with `/` separators.
    pub file: String,
    /// 1-based line; 0 for the whole file.
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub column: usize,
    /// What is wrong.
    pub message: &'a str,
    /// What would be valid, or `null`.
    pub help: Option<&'a str>,
    /// The offending line, or `null`.
    pub source_line: Option<&'a str>,
}

/// What `planportal check --format json` prints: `{"errors": [...], "warnings": [...]}`.
#[derive(Debug, Clone, Serialize)]
pub struct JsonReport<'a> {
    /// Problems that stop a build.
    pub errors: Vec<JsonDiagnostic<'a>>,
    /// Problems that do not.
    pub warnings: Vec<JsonDiagnostic<'a>>,
}

impl<'a> JsonReport<'a> {
    /// Splits `diagnostics` by severity, with texts in `lang`.
    pub fn new(diagnostics: &'a [Diagnostic], lang: Lang) -> Self {
        let (errors, warnings) = diagnostics
            .iter()
            .map(|d| d.json(lang))
            .partition(|d| d.severity == Severity::Error);
        JsonReport { errors, warnings }
    }

    /// Pretty-printed JSON, ending with a newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("diagnostics serialize");
        text.push('\n');
        text
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

    /// True when at least one problem is an error (not only warnings).
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// The problems, sorted by file and position.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.code).cmp(&(&b.file, b.line, b.column, b.code))
        });
        self.0.dedup();
        self.0
    }

    /// The errors and the warnings, each sorted by file and position.
    pub fn into_errors_and_warnings(self) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
        self.into_sorted()
            .into_iter()
            .partition(Diagnostic::is_error)
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics(iter.into_iter().collect())
    }
}

/// Writes diagnostics for an editor, in Vietnamese: each problem, then a count.
pub fn report(diagnostics: &[Diagnostic]) -> String {
    report_in(diagnostics, Lang::Vi)
}

/// Writes diagnostics for an editor in `lang`: each problem (errors and warnings, in the order
/// given), then how many errors and how many warnings there are.
pub fn report_in(diagnostics: &[Diagnostic], lang: Lang) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        out.push_str(&diagnostic.render(lang));
        out.push('\n');
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    if errors > 0 || warnings == 0 {
        out.push_str(&match lang {
            Lang::Vi => format!("Tìm thấy {errors} lỗi.\n"),
            Lang::En => format!("Found {errors} error{}.\n", plural(errors)),
        });
    }
    if warnings > 0 {
        out.push_str(&match lang {
            Lang::Vi => format!("Có {warnings} cảnh báo (cảnh báo không ngăn việc xuất bản).\n"),
            Lang::En => format!(
                "{warnings} warning{} (warnings do not stop publishing).\n",
                plural(warnings)
            ),
        });
    }
    out
}
