//! Typed parsing of YAML with errors an editor can act on: positions in the file (not in the
//! front matter) and Vietnamese and English explanations of what serde and libyaml report.

use crate::diagnostics::Diagnostic;
use serde::de::DeserializeOwned;
use std::path::Path;

/// YAML text inside a file, with where it starts.
#[derive(Debug, Clone, Copy)]
pub struct YamlSource<'a> {
    /// Path of the file, relative to the portal root.
    pub file: &'a Path,
    /// The whole file (to quote the offending line).
    pub file_text: &'a str,
    /// The YAML part.
    pub yaml: &'a str,
    /// 1-based line of the file where `yaml` starts.
    pub first_line: usize,
}

impl YamlSource<'_> {
    /// A diagnostic at a position given within the YAML text.
    pub fn diagnostic_at(
        &self,
        code: &'static str,
        yaml_line: usize,
        column: usize,
        message: impl Into<String>,
        message_en: impl Into<String>,
    ) -> Diagnostic {
        let line = self.first_line + yaml_line.max(1) - 1;
        Diagnostic::at(
            code,
            self.file,
            self.file_text,
            line,
            column,
            message,
            message_en,
        )
    }
}

/// Deserializes `source` into `T`, or explains the first problem serde found. A document whose
/// aliases expand beyond [`expansion_budget`] is refused before it is deserialized.
pub fn parse<T: DeserializeOwned>(source: &YamlSource<'_>) -> Result<T, Diagnostic> {
    // Only an alias (`*name`) makes a document expand beyond its size, so only a document with a
    // `*` is walked before it is deserialized (the walk parses it whole: every plan's front
    // matter would be parsed twice).
    if may_have_aliases(source.yaml) {
        check_expansion(source.yaml).map_err(|error| explain(source, &error))?;
    }
    serde_yaml::from_str(source.yaml).map_err(|error| {
        // What the walk finds (a nesting too deep, a syntax error) explains a document that
        // does not deserialize better than where deserializing it first went wrong.
        let error = check_expansion(source.yaml).err().unwrap_or(error);
        explain(source, &error)
    })
}

/// Whether `yaml` may hold an alias (`*name`): it has a `*` somewhere.
pub(crate) fn may_have_aliases(yaml: &str) -> bool {
    yaml.contains('*')
}

/// How many nodes (scalars, sequences, mappings, each counted with its bytes) the document may
/// expand to: its own size and 64 KiB more. Without aliases (`*name`) a document never expands
/// beyond its size, so only aliases that copy big parts many times (a "billion laughs") reach
/// it. yaml_serde's own limit counts alias jumps, not what they copy, so one alias to a large
/// list, repeated, would otherwise fill the memory or run for hours.
pub fn expansion_budget(yaml: &str) -> usize {
    yaml.len() + 64 * 1024
}

/// Walks the document as `T` would, without allocating, counting what its aliases expand to;
/// fails with yaml_serde's own "repetition limit exceeded" once over [`expansion_budget`] (and
/// with its recursion and syntax errors, which [`explain`] words).
pub(crate) fn check_expansion(yaml: &str) -> Result<(), serde_yaml::Error> {
    use serde::de::DeserializeSeed;
    let budget = std::cell::Cell::new(expansion_budget(yaml));
    Budget(&budget).deserialize(serde_yaml::Deserializer::from_str(yaml))
}

/// Counts down the nodes and bytes visited; an error once nothing is left.
struct Budget<'a>(&'a std::cell::Cell<usize>);

impl Budget<'_> {
    fn spend<E: serde::de::Error>(&self, amount: usize) -> Result<(), E> {
        match self.0.get().checked_sub(amount + 1) {
            Some(left) => {
                self.0.set(left);
                Ok(())
            }
            None => Err(E::custom("repetition limit exceeded")),
        }
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for Budget<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Budget<'_> {
    type Value = ();

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("any YAML value")
    }

    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<(), E> {
        self.spend(text.len())
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, inner: D) -> Result<(), D::Error> {
        self.spend(0)?;
        inner.deserialize_any(self)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut items: A) -> Result<(), A::Error> {
        self.spend(0)?;
        while items.next_element_seed(Budget(self.0))?.is_some() {}
        Ok(())
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut entries: A) -> Result<(), A::Error> {
        self.spend(0)?;
        while entries.next_key_seed(Budget(self.0))?.is_some() {
            entries.next_value_seed(Budget(self.0))?;
        }
        Ok(())
    }

    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        use serde::de::VariantAccess;
        let ((), variant) = data.variant_seed(Budget(self.0))?;
        self.spend(0)?;
        variant.newtype_variant_seed(Budget(self.0))
    }
}

/// Turns a serde/libyaml error into a located Vietnamese diagnostic.
fn explain(source: &YamlSource<'_>, error: &serde_yaml::Error) -> Diagnostic {
    let full = error.to_string();
    let message = full.split(" at line ").next().unwrap_or(&full).trim();
    let (path, message) = match message.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') && !path.is_empty() => (Some(path), rest),
        _ => (None, message),
    };
    let (mut line, mut column) = error
        .location()
        .map_or((1, 1), |location| (location.line(), location.column()));
    // The YAML scanner reports where it gave up (often the next line, or the end of the front
    // matter) and, as context, where the token it was scanning began: that is where the mistake is.
    if let Some(context) = full.split(", while scanning ").nth(1)
        && let Some(position) = scanning_position(context)
    {
        (line, column) = position;
    }
    let field = path
        .map(|path| format!(" (tại {path})"))
        .unwrap_or_default();
    let field_en = path.map(|path| format!(" (at {path})")).unwrap_or_default();

    if let Some(name) = between(message, "missing field `", "`") {
        // serde points missing fields at the start of the enclosing mapping; for a whole front
        // matter that is its first line, so point at the opening `---` instead.
        if path.is_none() && line <= 1 && source.first_line > 1 {
            let diagnostic = Diagnostic::at(
                "missing-field",
                source.file,
                source.file_text,
                source.first_line - 1,
                1,
                format!("Thiếu trường bắt buộc “{name}”{field}"),
                format!("The required field “{name}” is missing{field_en}"),
            );
            return diagnostic.with_help(
                format!("thêm một dòng “{name}: …” vào phần thông tin giữa hai dòng ---"),
                format!("add a line “{name}: …” to the front matter, between the two --- lines"),
            );
        }
        return source
            .diagnostic_at(
                "missing-field",
                line,
                column,
                format!("Thiếu trường bắt buộc “{name}”{field}"),
                format!("The required field “{name}” is missing{field_en}"),
            )
            .with_help(
                format!("thêm “{name}: …” vào mục này"),
                format!("add “{name}: …” to this entry"),
            );
    }
    if let Some(name) = between(message, "unknown field `", "`") {
        let valid = expected_list(message);
        let mut help = format!("các trường hợp lệ ở đây: {}", valid.join(", "));
        let mut help_en = format!("valid fields here: {}", valid.join(", "));
        if let Some(close) = closest(name, &valid) {
            help = format!("có phải là “{close}”? {help}");
            help_en = format!("did you mean “{close}”? {help_en}");
        }
        return source
            .diagnostic_at(
                "unknown-field",
                line,
                column,
                format!("Trường “{name}” không được hỗ trợ{field}"),
                format!("The field “{name}” is not supported{field_en}"),
            )
            .with_help(help, help_en);
    }
    if let Some(value) = between(message, "unknown variant `", "`") {
        let valid = expected_list(message);
        return source
            .diagnostic_at(
                "invalid-value",
                line,
                column,
                format!("Giá trị “{value}” không hợp lệ{field}"),
                format!("The value “{value}” is not allowed{field_en}"),
            )
            .with_help(
                format!("chọn một trong: {}", valid.join(", ")),
                format!("choose one of: {}", valid.join(", ")),
            );
    }
    if message.starts_with("invalid type") || message.starts_with("invalid value") {
        let (help, help_en) = if message.contains("expected f64")
            || message.contains("expected i32")
            || message.contains("expected u32")
        {
            (
                "ghi một số, không kèm đơn vị hay dấu %, ví dụ: 95 hoặc 2030",
                "write a number, without a unit or % sign, e.g. 95 or 2030",
            )
        } else if message.contains("expected a sequence") {
            (
                "ghi một danh sách: mỗi mục trên một dòng bắt đầu bằng “- ”",
                "write a list: one item per line, each starting with “- ”",
            )
        } else if message.contains("expected a string") {
            (
                "ghi một đoạn văn bản; đặt trong ngoặc kép nếu có dấu hai chấm",
                "write a piece of text; put it in double quotes if it contains a colon",
            )
        } else {
            (
                "kiểm tra kiểu giá trị của trường này",
                "check what kind of value this field expects",
            )
        };
        let got = between(message, "invalid type: ", ", expected").unwrap_or(message);
        return source
            .diagnostic_at(
                "invalid-type",
                line,
                column,
                format!("Giá trị không đúng kiểu{field}: {}", describe_value(got)),
                format!(
                    "The value has the wrong type{field_en}: {}",
                    describe_value_en(got)
                ),
            )
            .with_help(help, help_en);
    }
    if message.starts_with("ngày ") {
        let message_en = match between(message, "ngày “", "”") {
            Some(date) => format!(
                "The date “{date}” is not valid{field_en}: write it as YEAR-MONTH-DAY, e.g. 2026-04-24"
            ),
            None => format!("Invalid date{field_en}: {message}"),
        };
        return source
            .diagnostic_at(
                "invalid-date",
                line,
                column,
                format!("{message}{field}"),
                message_en,
            )
            .with_help("ví dụ: date: 2026-04-24", "for example: date: 2026-04-24");
    }
    // The guards against hostile documents: nesting deeper than 128 levels (yaml_serde's), and
    // aliases expanding beyond the expansion budget (a "billion laughs"; ours and yaml_serde's).
    if message.starts_with("recursion limit exceeded") {
        return source
            .diagnostic_at(
                "yaml-too-deep",
                line,
                column,
                "Phần thông tin lồng nhau quá sâu: YAML chỉ được lồng tối đa 128 cấp",
                "The front matter is nested too deeply: YAML may nest at most 128 levels",
            )
            .with_help(
                "một kế hoạch chỉ cần vài cấp (targets → mỗi chỉ tiêu → các trường); kiểm tra các dấu [ { hoặc thụt lề bị lặp",
                "a plan needs only a few levels (targets → each target → its fields); look for repeated [ { or runaway indentation",
            );
    }
    if message.starts_with("repetition limit exceeded") {
        return source
            .diagnostic_at(
                "yaml-too-many-aliases",
                line,
                column,
                "Các bí danh YAML (&tên / *tên) bung ra quá lớn: quá độ dài của chính phần YAML cộng 64 KiB",
                "The YAML aliases (&name / *name) expand too much: beyond the size of the YAML itself plus 64 KiB",
            )
            .with_help(
                "viết thẳng giá trị thay vì dùng &tên và *tên; phần thông tin của kế hoạch không cần bí danh",
                "write the values out instead of using &name and *name; a plan's front matter needs no aliases",
            );
    }
    // Anything else comes from the YAML scanner or parser. A tab in the indentation is the most
    // common cause and libyaml words it obscurely: name it, on the first line indented with one.
    let indented_with_tab = |text: &str| text.trim_start_matches(' ').starts_with('\t');
    let tab_line = source
        .yaml
        .lines()
        .position(indented_with_tab)
        .map(|index| index + 1);
    let about_tabs = message.contains("tab") || message.contains("cannot start any token");
    if let Some(tab_line) = tab_line.filter(|&tab| about_tabs || tab <= line) {
        return source
            .diagnostic_at(
                "tab-indentation",
                tab_line,
                1,
                "Dòng được thụt lề bằng phím Tab; YAML chỉ chấp nhận dấu cách",
                "The line is indented with a Tab; YAML accepts only spaces",
            )
            .with_help(
                "thay mỗi Tab ở đầu dòng bằng dấu cách (thường là 2 dấu cách cho mỗi cấp)",
                "replace each Tab at the start of the line with spaces (usually 2 spaces per level)",
            );
    }
    source
        .diagnostic_at(
            "yaml-syntax",
            line,
            column,
            format!("Lỗi cú pháp YAML: {message}"),
            format!("YAML syntax error: {message}"),
        )
        .with_help(
            "kiểm tra thụt lề (dấu cách, thẳng hàng với các dòng cùng cấp), dấu hai chấm sau tên trường, và đặt văn bản có dấu “: ” hoặc “#” trong ngoặc kép",
            "check the indentation (spaces only, aligned with the lines at the same level) and the colon after each field name, and put text containing “: ” or “#” in double quotes",
        )
}

/// `(line, column)` from "… at line N column M" in a libyaml context message.
fn scanning_position(context: &str) -> Option<(usize, usize)> {
    let rest = context.split(" at line ").nth(1)?;
    let (line, rest) = rest.split_once(" column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, column.parse().ok()?))
}

/// The text between `start` and the next `end`.
fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let to = text[from..].find(end)? + from;
    Some(&text[from..to])
}

/// The names listed after "expected one of" (or "expected `x`") in a serde message.
fn expected_list(message: &str) -> Vec<String> {
    let tail = message.split("expected").nth(1).unwrap_or("");
    tail.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The closest valid name to a misspelt one, when it is close enough to be a likely typo.
pub fn closest<'a>(name: &str, valid: &'a [String]) -> Option<&'a str> {
    valid
        .iter()
        .map(|candidate| (strsim::levenshtein(name, candidate), candidate))
        .filter(|(distance, candidate)| *distance <= 2.max(candidate.len() / 3))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate.as_str())
}

/// Vietnamese wording for serde's description of an unexpected value.
fn describe_value(got: &str) -> String {
    if let Some(text) = got.strip_prefix("string ") {
        format!("văn bản {text}")
    } else if got.starts_with("sequence") {
        "một danh sách".to_string()
    } else if got.starts_with("map") {
        "một nhóm trường".to_string()
    } else if got.starts_with("floating point") || got.starts_with("integer") {
        format!("số {}", got.split(' ').next_back().unwrap_or(""))
    } else if got.starts_with("unit") {
        "để trống".to_string()
    } else {
        got.to_string()
    }
}

/// English wording for serde's description of an unexpected value.
fn describe_value_en(got: &str) -> String {
    if let Some(text) = got.strip_prefix("string ") {
        format!("the text {text}")
    } else if got.starts_with("sequence") {
        "a list".to_string()
    } else if got.starts_with("map") {
        "a group of fields".to_string()
    } else if got.starts_with("floating point") || got.starts_with("integer") {
        format!("the number {}", got.split(' ').next_back().unwrap_or(""))
    } else if got.starts_with("unit") {
        "nothing (the value is empty)".to_string()
    } else {
        got.to_string()
    }
}
