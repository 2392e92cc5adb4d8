//! Reads a Word `.docx` file directly: the ZIP archive, `word/document.xml` (paragraphs, runs,
//! tabs, breaks, tables with merged cells), `word/numbering.xml` and `word/styles.xml` (list
//! numbering, also when it comes from a paragraph style). Produces the lines a text extraction
//! would: one per paragraph followed by a blank line, one per table row with cells separated by
//! tabs, list numbers written out (`1.`, `a)`, `-`), bold runs between `**`.

use super::source::Line;
use quick_xml::events::Event;
use quick_xml::reader::Reader;
use std::collections::HashMap;
use std::io::Read;

/// An element of the XML tree (only what the reader needs: name, attributes, children, text).
#[derive(Debug, Default)]
struct Node {
    name: String,
    attributes: Vec<(String, String)>,
    children: Vec<Node>,
    text: String,
}

impl Node {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|child| child.name == name)
    }

    fn val(&self, name: &str) -> Option<&str> {
        self.child(name).and_then(|child| child.attribute("w:val"))
    }
}

/// The largest part of a `.docx` read once decompressed: 64 MiB, far more than any plan.
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// The deepest nesting of XML elements accepted: Word writes a few dozen levels at most (tables
/// in tables); deeper is a broken or hostile file, and the tree is walked recursively.
const MAX_DEPTH: usize = 256;

/// Reads the lines of a `.docx`; the error is a Vietnamese message.
pub fn read(bytes: &[u8]) -> Result<Vec<Line>, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| {
        "tệp có dạng ZIP nhưng bị hỏng, không mở được như tệp Word .docx".to_string()
    })?;
    let mut part = |name: &str| -> Option<Result<String, String>> {
        let file = archive.by_name(name).ok()?;
        // A ZIP bomb inflates a few kilobytes into gigabytes: read one byte past the limit.
        let mut text = String::new();
        if file
            .take(MAX_PART_BYTES + 1)
            .read_to_string(&mut text)
            .is_err()
        {
            return None;
        }
        Some(if text.len() as u64 > MAX_PART_BYTES {
            Err(format!(
                "phần {name} của tệp Word quá lớn khi giải nén (trên {} MiB): không phải một kế hoạch",
                MAX_PART_BYTES / (1024 * 1024)
            ))
        } else {
            Ok(text)
        })
    };
    let document = part("word/document.xml").ok_or_else(|| {
        "tệp ZIP không có word/document.xml: không phải tệp Word .docx (tệp .odt, .xlsx … cần lưu lại thành .docx)"
            .to_string()
    })??;
    let numbering = part("word/numbering.xml")
        .map(|xml| parse(&xml?))
        .transpose()?;
    let styles = part("word/styles.xml")
        .map(|xml| parse(&xml?))
        .transpose()?;
    let document = parse(&document)?;
    let mut writer = Writer {
        numbering: Numbering::new(numbering.as_ref(), styles.as_ref()),
        lines: Vec::new(),
        paragraph: 0,
    };
    if let Some(body) = document
        .child("w:document")
        .and_then(|root| root.child("w:body"))
    {
        writer.blocks(&body.children);
    }
    Ok(writer.lines)
}

/// Parses XML into a tree of [`Node`]s.
fn parse(xml: &str) -> Result<Node, String> {
    let mut reader = Reader::from_str(xml);
    let mut stack = vec![Node::default()];
    let broken = |_| "tệp Word bị hỏng: nội dung XML không đọc được".to_string();
    loop {
        match reader.read_event().map_err(broken)? {
            Event::Start(_) if stack.len() > MAX_DEPTH => {
                return Err(format!(
                    "tệp Word bị hỏng: các phần tử XML lồng nhau quá {MAX_DEPTH} cấp"
                ));
            }
            Event::Start(start) => stack.push(element(&start)),
            Event::Empty(start) => {
                let node = element(&start);
                if let Some(parent) = stack.last_mut() {
                    parent.children.push(node);
                }
            }
            Event::End(_) if stack.len() > 1 => {
                let node = stack.pop().unwrap_or_default();
                if let Some(parent) = stack.last_mut() {
                    parent.children.push(node);
                }
            }
            Event::Text(text) => {
                if let Some(node) = stack.last_mut() {
                    node.text.push_str(&text.xml10_content());
                }
            }
            Event::CData(data) => {
                if let Some(node) = stack.last_mut() {
                    node.text.push_str(&data);
                }
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match &*reference {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let (Some(c), Some(node)) = (resolved, stack.last_mut()) {
                    node.text.push(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    while stack.len() > 1 {
        let node = stack.pop().unwrap_or_default();
        if let Some(parent) = stack.last_mut() {
            parent.children.push(node);
        }
    }
    Ok(stack.pop().unwrap_or_default())
}

fn element(start: &quick_xml::events::BytesStart<'_>) -> Node {
    let name = start.name().as_ref().to_string();
    let attributes = start
        .attributes()
        .flatten()
        .map(|attribute| {
            (
                attribute.key.as_ref().to_string(),
                attribute
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map(|value| value.into_owned())
                    .unwrap_or_default(),
            )
        })
        .collect();
    Node {
        name,
        attributes,
        ..Node::default()
    }
}

/// One level of a list definition.
#[derive(Debug, Clone)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// List numbering: the definitions of `numbering.xml`, the numbering of paragraph styles, and
/// the counters as the document is read.
struct Numbering {
    /// numId → the levels of its abstract definition.
    lists: HashMap<String, Vec<Option<Level>>>,
    /// style id → (numId, ilvl), following `basedOn`.
    styles: HashMap<String, (String, usize)>,
    counters: HashMap<String, Vec<u32>>,
}

impl Numbering {
    fn new(numbering: Option<&Node>, styles: Option<&Node>) -> Self {
        let mut abstracts: HashMap<String, Vec<Option<Level>>> = HashMap::new();
        let mut lists = HashMap::new();
        if let Some(root) = numbering.and_then(|n| n.child("w:numbering")) {
            for node in &root.children {
                if node.name == "w:abstractNum" {
                    let mut levels = vec![None; 9];
                    for level in node.children.iter().filter(|c| c.name == "w:lvl") {
                        let index: usize = level
                            .attribute("w:ilvl")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(0);
                        if index < levels.len() {
                            levels[index] = Some(Level {
                                format: level.val("w:numFmt").unwrap_or("decimal").to_string(),
                                text: level.val("w:lvlText").unwrap_or("").to_string(),
                                start: level
                                    .val("w:start")
                                    .and_then(|v| v.parse().ok())
                                    .unwrap_or(1),
                            });
                        }
                    }
                    if let Some(id) = node.attribute("w:abstractNumId") {
                        abstracts.insert(id.to_string(), levels);
                    }
                }
            }
            for node in root.children.iter().filter(|c| c.name == "w:num") {
                if let (Some(id), Some(abstract_id)) =
                    (node.attribute("w:numId"), node.val("w:abstractNumId"))
                    && let Some(levels) = abstracts.get(abstract_id)
                {
                    lists.insert(id.to_string(), levels.clone());
                }
            }
        }
        Numbering {
            lists,
            styles: style_numbering(styles),
            counters: HashMap::new(),
        }
    }

    /// The list marker of a paragraph, advancing the counters; `None` when not numbered.
    fn marker(&mut self, properties: Option<&Node>) -> Option<String> {
        let properties = properties?;
        let direct = properties.child("w:numPr").map(|num| {
            (
                num.val("w:numId").unwrap_or("").to_string(),
                num.val("w:ilvl").and_then(|v| v.parse().ok()),
            )
        });
        let styled = properties
            .val("w:pStyle")
            .and_then(|style| self.styles.get(style).cloned());
        let (id, level) = match (direct, styled) {
            (Some((id, level)), styled) if !id.is_empty() => {
                (id, level.or(styled.map(|s| s.1)).unwrap_or(0))
            }
            (Some((_, Some(level))), Some((id, _))) => (id, level),
            (_, Some((id, level))) => (id, level),
            _ => return None,
        };
        let levels = self.lists.get(&id)?;
        let definition = levels.get(level).cloned().flatten()?;
        if definition.format == "bullet" {
            // Word's built-in styles `List Bullet 2`, `List Bullet 3` nest with a list of their own.
            let style_depth = properties
                .val("w:pStyle")
                .filter(|style| style.starts_with("List"))
                .and_then(|style| style.chars().last()?.to_digit(10))
                .map_or(0, |n| n.saturating_sub(1) as usize);
            return Some(["-", "+", "•"][(level + style_depth).min(2)].to_string());
        }
        if definition.format == "none" {
            return None;
        }
        let starts: Vec<u32> = levels
            .iter()
            .map(|l| l.as_ref().map_or(1, |l| l.start))
            .collect();
        let counters = self
            .counters
            .entry(id)
            .or_insert_with(|| starts.iter().map(|s| s.saturating_sub(1)).collect());
        counters[level] += 1;
        for deeper in level + 1..counters.len() {
            counters[deeper] = starts[deeper].saturating_sub(1);
        }
        let mut text = if definition.text.is_empty() {
            format!("%{}.", level + 1)
        } else {
            definition.text.clone()
        };
        for (index, counter) in counters.iter().enumerate().take(level + 1) {
            let format = levels
                .get(index)
                .cloned()
                .flatten()
                .map_or("decimal".to_string(), |l| l.format);
            text = text.replace(&format!("%{}", index + 1), &number(*counter, &format));
        }
        Some(text)
    }
}

/// A style's own numbering (numId, ilvl) and the style it is based on.
type StyleEntry = (Option<(String, usize)>, Option<String>);

/// style id → (numId, ilvl) for paragraph styles that number their paragraphs.
fn style_numbering(styles: Option<&Node>) -> HashMap<String, (String, usize)> {
    let mut own: HashMap<String, StyleEntry> = HashMap::new();
    if let Some(root) = styles.and_then(|s| s.child("w:styles")) {
        for style in root.children.iter().filter(|c| c.name == "w:style") {
            let Some(id) = style.attribute("w:styleId") else {
                continue;
            };
            let numbering = style
                .child("w:pPr")
                .and_then(|p| p.child("w:numPr"))
                .and_then(|num| {
                    let id = num.val("w:numId")?.to_string();
                    let level = num.val("w:ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                    Some((id, level))
                });
            let based_on = style.val("w:basedOn").map(str::to_string);
            own.insert(id.to_string(), (numbering, based_on));
        }
    }
    let mut resolved = HashMap::new();
    for id in own.keys() {
        let mut current = Some(id.clone());
        for _ in 0..16 {
            let Some((numbering, based_on)) = current.as_ref().and_then(|c| own.get(c)) else {
                break;
            };
            if let Some(numbering) = numbering {
                resolved.insert(id.clone(), numbering.clone());
                break;
            }
            current = based_on.clone();
        }
    }
    resolved
}

/// A list counter written in a numbering format.
fn number(value: u32, format: &str) -> String {
    match format {
        "lowerLetter" | "upperLetter" => {
            let mut letters = String::new();
            let mut rest = value.max(1);
            while rest > 0 {
                rest -= 1;
                letters.insert(0, (b'a' + (rest % 26) as u8) as char);
                rest /= 26;
            }
            if format == "upperLetter" {
                letters.to_uppercase()
            } else {
                letters
            }
        }
        "lowerRoman" => roman(value).to_lowercase(),
        "upperRoman" => roman(value),
        _ => value.to_string(),
    }
}

fn roman(mut value: u32) -> String {
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (amount, letters) in table {
        while value >= amount {
            out.push_str(letters);
            value -= amount;
        }
    }
    out
}

/// Collects the lines of the document.
struct Writer {
    numbering: Numbering,
    lines: Vec<Line>,
    paragraph: usize,
}

impl Writer {
    fn blocks(&mut self, nodes: &[Node]) {
        for node in nodes {
            match node.name.as_str() {
                "w:p" => {
                    let text = self.paragraph_text(node);
                    self.paragraph += 1;
                    for line in text.split('\n') {
                        self.push(line.replace('\t', "    "));
                    }
                    self.push(String::new());
                }
                "w:tbl" => self.table(node),
                "w:sdt" | "w:sdtContent" | "w:customXml" => self.blocks(&node.children),
                _ => {}
            }
        }
    }

    fn push(&mut self, text: String) {
        self.lines.push(Line {
            no: self.paragraph.max(1),
            text,
        });
    }

    /// The text of a paragraph with its list marker; line breaks as `\n`, bold between `**`.
    fn paragraph_text(&mut self, paragraph: &Node) -> String {
        let marker = self.numbering.marker(paragraph.child("w:pPr"));
        let mut text = String::new();
        let mut bold_open = false;
        runs(paragraph, &mut text, &mut bold_open);
        if bold_open {
            close_bold(&mut text);
        }
        match marker {
            Some(marker) if !text.trim().is_empty() => format!("{marker} {}", text.trim_start()),
            _ => text,
        }
    }

    fn table(&mut self, table: &Node) {
        let rows: Vec<Vec<String>> = table
            .children
            .iter()
            .filter(|c| c.name == "w:tr")
            .map(|row| self.row(row))
            .collect();
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        if width <= 2 {
            // A layout table (the issuer and the national motto side by side): its cells are
            // paragraphs of the document.
            for cell in table
                .children
                .iter()
                .filter(|c| c.name == "w:tr")
                .flat_map(|row| row.children.iter().filter(|c| c.name == "w:tc"))
            {
                self.blocks(&cell.children);
            }
            return;
        }
        for row in rows {
            self.paragraph += 1;
            self.push(row.join("\t"));
        }
        self.push(String::new());
    }

    fn row(&mut self, row: &Node) -> Vec<String> {
        let mut cells = Vec::new();
        for cell in row.children.iter().filter(|c| c.name == "w:tc") {
            let properties = cell.child("w:tcPr");
            let span: usize = properties
                .and_then(|p| p.val("w:gridSpan"))
                .and_then(|v| v.parse().ok())
                .unwrap_or(1);
            let continued = properties
                .and_then(|p| p.child("w:vMerge"))
                .is_some_and(|merge| merge.attribute("w:val") != Some("restart"));
            let text = if continued {
                String::new()
            } else {
                self.cell_text(&cell.children)
            };
            cells.push(text);
            cells.extend(std::iter::repeat_n(String::new(), span.saturating_sub(1)));
        }
        cells
    }

    fn cell_text(&mut self, nodes: &[Node]) -> String {
        let mut parts = Vec::new();
        for node in nodes {
            match node.name.as_str() {
                "w:p" => parts.push(self.paragraph_text(node)),
                "w:tbl" => {
                    for row in node.children.iter().filter(|c| c.name == "w:tr") {
                        parts.extend(self.row(row));
                    }
                }
                "w:sdt" | "w:sdtContent" | "w:customXml" => {
                    parts.push(self.cell_text(&node.children))
                }
                _ => {}
            }
        }
        parts
            .iter()
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Appends the text of the runs under `node`, marking bold runs.
fn runs(node: &Node, text: &mut String, bold_open: &mut bool) {
    for child in &node.children {
        match child.name.as_str() {
            "w:r" => {
                let bold = child
                    .child("w:rPr")
                    .and_then(|p| p.child("w:b"))
                    .is_some_and(|b| !matches!(b.attribute("w:val"), Some("0" | "false")));
                let mut run = String::new();
                for part in &child.children {
                    match part.name.as_str() {
                        "w:t" => run.push_str(&part.text),
                        "w:tab" | "w:ptab" => run.push('\t'),
                        "w:br" | "w:cr" => run.push('\n'),
                        "w:noBreakHyphen" => run.push('-'),
                        _ => {}
                    }
                }
                if run.trim().is_empty() {
                    text.push_str(&run);
                    continue;
                }
                if bold && !*bold_open {
                    text.push_str("**");
                    *bold_open = true;
                } else if !bold && *bold_open {
                    close_bold(text);
                    *bold_open = false;
                }
                text.push_str(&run);
            }
            "w:hyperlink" | "w:ins" | "w:smartTag" | "w:sdt" | "w:sdtContent" | "w:fldSimple"
            | "w:customXml" => runs(child, text, bold_open),
            _ => {}
        }
    }
}

/// Closes a bold span before any trailing spaces or line break.
fn close_bold(text: &mut String) {
    let trimmed = text.trim_end_matches([' ', '\n', '\t']).len();
    let tail = text.split_off(trimmed);
    text.push_str("**");
    text.push_str(&tail);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_list_formats() {
        assert_eq!(number(4, "upperRoman"), "IV");
        assert_eq!(number(2, "lowerLetter"), "b");
        assert_eq!(number(27, "lowerLetter"), "aa");
        assert_eq!(number(3, "decimal"), "3");
    }

    #[test]
    fn refuses_a_zip_without_a_document() {
        let mut bytes = Vec::new();
        {
            let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut bytes));
            zip.start_file("a.txt", zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut zip, b"x").unwrap();
            zip.finish().unwrap();
        }
        assert!(read(&bytes).unwrap_err().contains("word/document.xml"));
        assert!(read(b"PK\x03\x04broken").is_err());
    }
}
