//! The report printed after an import, in Vietnamese: what was found (counts), what was cleaned
//! up, and what needs an editor's eye, each with its line (or paragraph) in the source.

use super::metadata::Note;

/// Figures about an import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Legal bases found.
    pub legal_bases: usize,
    /// Acts replaced.
    pub replaces: usize,
    /// Headings in the body.
    pub headings: usize,
    /// Paragraphs in the body.
    pub paragraphs: usize,
    /// List items in the body.
    pub items: usize,
    /// Tables left in the body.
    pub tables: usize,
    /// Targets tied to a catalogue indicator.
    pub targets: usize,
    /// Commitments left as suggestions.
    pub suggestions: usize,
    /// Tasks.
    pub tasks: usize,
    /// Distinct areas of the tasks.
    pub areas: usize,
    /// Page numbers removed.
    pub page_numbers: usize,
    /// Lines re-joined into paragraphs.
    pub joined_lines: usize,
    /// Table headers repeated at page breaks, dropped.
    pub repeated_headers: usize,
    /// Table rows continued across a page, merged.
    pub merged_rows: usize,
    /// Table rows whose cells were put back in their columns.
    pub realigned_rows: usize,
}

/// The report of one import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The source file as named on the command line.
    pub source_name: String,
    /// `dòng` for text, `đoạn` for `.docx`.
    pub unit: &'static str,
    /// Why the source could not be read, when it could not.
    pub unreadable: Option<String>,
    /// One line describing the document (title, kind, period).
    pub document: String,
    /// One line describing the decision.
    pub decision: String,
    /// What was found and cleaned.
    pub counts: Counts,
    /// What the editor should check, by source line.
    pub review: Vec<Note>,
}

impl Report {
    /// The report as printed.
    pub fn text(&self) -> String {
        let c = &self.counts;
        let mut out = format!("Nhập {}\n", self.source_name);
        if let Some(reason) = &self.unreadable {
            out.push_str(&format!(
                "  Không đọc được nội dung: {reason}.\n  Đã tạo một dự thảo tối thiểu (hợp lệ) để điền tay.\n"
            ));
        }
        out.push_str(&format!("  Văn bản: {}\n", self.document));
        out.push_str(&format!("  Quyết định ban hành: {}\n", self.decision));
        out.push_str(&format!(
            "  Tìm thấy: {} căn cứ, {} văn bản bị thay thế; nội dung gồm {} tiêu đề, {} đoạn văn, {} mục danh sách, {} bảng;\n",
            c.legal_bases, c.replaces, c.headings, c.paragraphs, c.items, c.tables
        ));
        out.push_str(&format!(
            "            {} chỉ tiêu đã gắn danh mục, {} cam kết chưa gắn (để ở dạng gợi ý); {} nhiệm vụ thuộc {} lĩnh vực.\n",
            c.targets, c.suggestions, c.tasks, c.areas
        ));
        out.push_str(&format!(
            "  Đã dọn: {} số trang, {} dòng bị ngắt được nối lại, {} tiêu đề bảng lặp lại ở đầu trang, {} dòng bảng bị ngắt trang được nối, {} dòng bảng được xếp lại đúng cột.\n",
            c.page_numbers, c.joined_lines, c.repeated_headers, c.merged_rows, c.realigned_rows
        ));
        if self.review.is_empty() {
            out.push_str("Không có mục nào cần xem lại đặc biệt; vẫn nên đối chiếu dự thảo với văn bản gốc.\n");
            return out;
        }
        out.push_str(&format!("Cần xem lại ({} mục):\n", self.review.len()));
        let mut review = self.review.clone();
        review.sort_by_key(|note| note.line);
        for note in review {
            if note.line == 0 {
                out.push_str(&format!("  - {}\n", note.message));
            } else {
                out.push_str(&format!(
                    "  - {} {}: {}\n",
                    self.unit, note.line, note.message
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_notes_by_line() {
        let report = Report {
            source_name: "kh.txt".into(),
            unit: "dòng",
            review: vec![
                Note {
                    line: 9,
                    message: "b".into(),
                },
                Note {
                    line: 0,
                    message: "a".into(),
                },
            ],
            ..Report::default()
        };
        let text = report.text();
        assert!(
            text.contains("Cần xem lại (2 mục):\n  - a\n  - dòng 9: b\n"),
            "{text}"
        );
    }
}
