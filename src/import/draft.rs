//! Writes the draft: YAML front matter (every string through the YAML serializer, so that it
//! reads back as written) with Vietnamese comments for the editor, then the Markdown body.

use super::targets::Found;
use crate::model::{Comparator, PlanMeta, Task};

/// What the draft is made of.
pub struct Draft<'a> {
    /// The front matter (targets and tasks included).
    pub meta: &'a PlanMeta,
    /// Commitments that fit no catalogue indicator, written as commented suggestions.
    pub suggestions: &'a [Found],
    /// Comments to write above each task (area and group rows of the table).
    pub task_comments: &'a [Vec<String>],
    /// The name of the source file.
    pub source_name: &'a str,
    /// The header lines of the source left out of the body (issuer, motto, number, place and
    /// date), shown in a comment so the editor can check the fields made from them.
    pub header: &'a [String],
    /// The Markdown body.
    pub body: &'a str,
}

/// A scalar written so YAML reads it back as the same string.
pub fn yaml_str(text: &str) -> String {
    let plain = serde_yaml::to_string(text)
        .map(|yaml| yaml.trim_end().to_string())
        .unwrap_or_default();
    if plain.is_empty() || plain.contains('\n') {
        format!("{text:?}")
    } else {
        plain
    }
}

/// A quoted scalar (for `no`, `op` and quotes, which are always quoted in the examples).
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

fn op(comparator: Comparator) -> &'static str {
    match comparator {
        Comparator::AtLeast => ">=",
        Comparator::Equal => "=",
        Comparator::AtMost => "<=",
        Comparator::Above => ">",
        Comparator::Below => "<",
    }
}

impl Draft<'_> {
    /// The whole file.
    pub fn write(&self) -> String {
        let meta = self.meta;
        let mut out = String::from("---\n");
        out.push_str(&format!(
            "# Dự thảo do `planportal import` tạo từ {}: đối chiếu từng trường với văn bản gốc,\n# sửa theo báo cáo nhập, rồi đổi status khi văn bản đã ban hành.\n",
            self.source_name.replace('\n', " ")
        ));
        if !self.header.is_empty() {
            out.push_str("# Đầu văn bản gốc (không đưa vào nội dung, đã chuyển thành các trường dưới đây):\n");
            for line in self.header {
                out.push_str(&format!("#   {}\n", line.replace('\n', " ")));
            }
        }
        out.push_str(&format!("title: {}\n", yaml_str(&meta.title)));
        out.push_str(&format!("kind: {}\n", kind_key(meta)));
        out.push_str(&format!(
            "period: {{from: {}, to: {}}}\n",
            meta.period.from, meta.period.to
        ));
        out.push_str("status: du-thao\n");
        optional(&mut out, "issuer", meta.issuer.as_deref());
        optional(&mut out, "summary", meta.summary.as_deref());
        if let Some(decision) = &meta.decision {
            out.push_str("decision:\n");
            match &decision.number {
                Some(number) => out.push_str(&format!("  number: {}\n", yaml_str(number))),
                None => out.push_str("  # number: (văn bản nguồn để trống số ký hiệu)\n"),
            }
            if let Some(date) = decision.date {
                out.push_str(&format!("  date: {}\n", date.iso()));
            }
            if let Some(date) = decision.effective {
                out.push_str(&format!("  effective: {}\n", date.iso()));
            }
            if let Some(signer) = &decision.signer {
                out.push_str(&format!("  signer: {}\n", yaml_str(signer)));
            }
            if let Some(title) = &decision.signer_title {
                out.push_str(&format!("  signer_title: {}\n", yaml_str(title)));
            }
        }
        list(&mut out, "legal_bases", &meta.legal_bases);
        list(&mut out, "replaces", &meta.replaces);
        optional(&mut out, "standing_office", meta.standing_office.as_deref());
        optional(&mut out, "funding", meta.funding.as_deref());
        self.targets(&mut out);
        self.tasks(&mut out);
        out.push_str("---\n\n");
        out.push_str(self.body);
        out
    }

    fn targets(&self, out: &mut String) {
        let targets = &self.meta.targets;
        if targets.is_empty() && self.suggestions.is_empty() {
            return;
        }
        out.push_str(if targets.is_empty() {
            "targets: []\n"
        } else {
            "targets:\n"
        });
        for target in targets {
            out.push_str(&format!("  - indicator: {}\n", target.indicator));
            out.push_str(&format!("    value: {}\n", number(target.value)));
            out.push_str(&format!("    op: {}\n", quoted(op(target.op))));
            if let Some(from) = target.from {
                out.push_str(&format!("    from: {from}\n"));
            }
            out.push_str(&format!("    year: {}\n", target.year));
            if let Some(quote) = &target.quote {
                out.push_str(&format!("    quote: {}\n", quoted(quote)));
            }
        }
        if !self.suggestions.is_empty() {
            out.push_str("  # Gợi ý: các cam kết dưới đây chưa gắn được với chỉ tiêu nào trong data/indicators.yaml.\n");
            out.push_str("  # Chọn mã chỉ tiêu (planportal indicators), điền vào indicator rồi bỏ dấu # ở đầu các dòng;\n");
            out.push_str("  # cam kết không phải chỉ tiêu thì xóa. Nếu danh mục thật sự thiếu chỉ tiêu, thêm vào danh mục trước.\n");
        }
        for found in self.suggestions {
            out.push_str("  # - indicator: \"\"\n");
            out.push_str(&format!("  #   value: {}\n", number(found.value)));
            out.push_str(&format!("  #   op: {}\n", quoted(op(found.op))));
            if let Some(from) = found.from {
                out.push_str(&format!("  #   from: {from}\n"));
            }
            out.push_str(&format!("  #   year: {}\n", found.year));
            out.push_str(&format!("  #   quote: {}\n", quoted(&found.quote)));
        }
    }

    fn tasks(&self, out: &mut String) {
        let tasks = &self.meta.tasks;
        if tasks.is_empty() {
            return;
        }
        out.push_str("tasks:\n");
        for (index, task) in tasks.iter().enumerate() {
            for comment in self.task_comments.get(index).into_iter().flatten() {
                out.push_str(&format!("  # {}\n", comment.replace('\n', " ")));
            }
            write_task(out, task);
        }
    }
}

fn write_task(out: &mut String, task: &Task) {
    let mut first = true;
    let mut field = |out: &mut String, key: &str, value: String| {
        out.push_str(if first { "  - " } else { "    " });
        first = false;
        out.push_str(&format!("{key}: {value}\n"));
    };
    if let Some(no) = &task.no {
        field(out, "no", quoted(no));
    }
    field(out, "area", task.area.clone());
    for (key, value) in [("objective", &task.objective), ("duty", &task.duty)] {
        if let Some(value) = value {
            field(out, key, yaml_str(value));
        }
    }
    field(out, "content", yaml_str(&task.content));
    if let Some(output) = &task.output {
        field(out, "output", yaml_str(output));
    }
    if let Some(lead) = &task.lead {
        field(out, "lead", yaml_str(lead));
    }
    if !task.partners.is_empty() {
        field(out, "partners", String::new());
        for partner in &task.partners {
            out.push_str(&format!("      - {}\n", yaml_str(partner)));
        }
    }
    for (key, value) in [("due", &task.due), ("funding", &task.funding)] {
        if let Some(value) = value {
            field(out, key, yaml_str(value));
        }
    }
}

fn kind_key(meta: &PlanMeta) -> String {
    serde_yaml::to_string(&meta.kind)
        .map(|k| k.trim().to_string())
        .unwrap_or_else(|_| "ke-hoach".into())
}

fn optional(out: &mut String, key: &str, value: Option<&str>) {
    if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
        out.push_str(&format!("{key}: {}\n", yaml_str(value)));
    }
}

fn list(out: &mut String, key: &str, values: &[String]) {
    if values.is_empty() {
        return;
    }
    out.push_str(&format!("{key}:\n"));
    for value in values {
        out.push_str(&format!("  - {}\n", yaml_str(value)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_what_yaml_would_misread() {
        for text in [
            "Phụ lục: Nhiệm vụ",
            "#1",
            "- a",
            "yes",
            "12",
            "\"a\" b",
            "a: b # c",
        ] {
            let yaml = format!("k: {}", yaml_str(text));
            let back: std::collections::BTreeMap<String, String> =
                serde_yaml::from_str(&yaml).unwrap();
            assert_eq!(back["k"], text, "{yaml}");
        }
    }
}
