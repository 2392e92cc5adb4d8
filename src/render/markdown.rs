//! Markdown to HTML with pulldown-cmark: stable unique heading ids, a table of contents, plain
//! text of every block (to find a target's quote), anchors on the blocks that hold a quote, and
//! sanitizing of any raw HTML an editor wrote.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use serde::Serialize;
use std::collections::HashSet;

/// One entry of a table of contents.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TocEntry {
    /// Heading level, 1–6 as written in Markdown (`##` is 2).
    pub level: u8,
    /// The heading's id (URL fragment).
    pub id: String,
    /// The heading's plain text.
    pub title: String,
}

/// The plain text between one heading and the next (what search indexes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    /// Level of the heading that opens it; 0 for the text before the first heading.
    pub level: u8,
    /// Id of that heading; None for the text before the first heading.
    pub id: Option<String>,
    /// The heading's plain text; empty before the first heading.
    pub title: String,
    /// The section's plain text, whitespace collapsed.
    pub text: String,
}

/// A Markdown document rendered to HTML.
#[derive(Debug, Clone, Default)]
pub struct RenderedMarkdown {
    /// Sanitized HTML.
    pub html: String,
    /// Headings in document order.
    pub toc: Vec<TocEntry>,
    /// For each requested quote, the id of the block that contains it (None when not found).
    pub quote_anchors: Vec<Option<String>>,
    /// The text split at headings, in document order (sections without text are kept).
    pub sections: Vec<Section>,
}

/// Collapses runs of whitespace into single spaces, so quotes compare as readers see them.
/// (Sources are already NFC: the load stage normalizes every file.)
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Renders `source`, giving the block that contains each of `quotes` an id of its own
/// (`trich-dan-1`, …) so a target can link to the exact place in the text.
pub fn render_markdown(source: &str, quotes: &[&str]) -> RenderedMarkdown {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut events: Vec<Event<'_>> = Parser::new_ext(source, options).collect();
    let wants_blocks = quotes.iter().any(|quote| !quote.trim().is_empty());
    let mut used_ids = HashSet::new();
    let mut toc = Vec::new();
    let needs_sanitizer = events.iter().any(needs_sanitizer);

    // Pass 1: heading ids, block texts, section texts.
    let mut sections = vec![Section::default()];
    let mut open_blocks: Vec<(usize, String)> = Vec::new();
    let mut blocks: Vec<(usize, String)> = Vec::new();
    let mut heading: Option<(usize, String)> = None;
    for index in 0..events.len() {
        match &events[index] {
            Event::Start(Tag::Heading { .. }) => heading = Some((index, String::new())),
            Event::End(TagEnd::Heading(level)) => {
                if let Some((start, text)) = heading.take() {
                    let level = heading_level(*level);
                    let title = collapse_whitespace(&text);
                    if let Event::Start(Tag::Heading { id, .. }) = &mut events[start] {
                        let base = id
                            .as_ref()
                            .map(|id| id.to_string())
                            .unwrap_or_else(|| slug::slugify(&title));
                        let unique = unique_id(&base, "muc", &mut used_ids);
                        *id = Some(CowStr::from(unique.clone()));
                        toc.push(TocEntry {
                            level,
                            id: unique,
                            title: title.clone(),
                        });
                    }
                    if let Some(last) = sections.last_mut() {
                        last.text = collapse_whitespace(&last.text);
                    }
                    let id = match &events[start] {
                        Event::Start(Tag::Heading { id, .. }) => {
                            id.as_ref().map(|id| id.to_string())
                        }
                        _ => None,
                    };
                    sections.push(Section {
                        level,
                        id,
                        title: title.clone(),
                        text: String::new(),
                    });
                    if wants_blocks {
                        blocks.push((start, title));
                    }
                }
            }
            Event::Start(Tag::Paragraph | Tag::Item | Tag::TableCell) if wants_blocks => {
                open_blocks.push((index, String::new()));
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                if let Some(section) = sections.last_mut() {
                    section.text.push(' ');
                }
                if let Some(block) = open_blocks.pop().filter(|_| wants_blocks) {
                    blocks.push(block);
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, buffer)) = heading.as_mut() {
                    buffer.push_str(text);
                } else if let Some(section) = sections.last_mut() {
                    section.text.push_str(text);
                }
                if let Some((_, buffer)) = open_blocks.last_mut() {
                    buffer.push_str(text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, buffer)) = open_blocks.last_mut() {
                    buffer.push(' ');
                }
                if let Some(section) = sections.last_mut() {
                    section.text.push(' ');
                }
            }
            _ => {}
        }
    }

    // Pass 2: anchor the first block that contains each quote. A list item's own text does not
    // include its paragraphs, so the innermost block that matches wins.
    // All block texts in one string (blocks separated by a newline, which a collapsed quote never
    // contains), so each quote is one substring search.
    let mut joined = String::new();
    let mut offsets = Vec::with_capacity(blocks.len());
    for (_, text) in &blocks {
        offsets.push(joined.len());
        joined.push_str(&collapse_whitespace(text));
        joined.push('\n');
    }
    let mut anchors: Vec<(usize, String)> = Vec::new();
    let quote_anchors = quotes
        .iter()
        .map(|quote| {
            let quote = collapse_whitespace(quote);
            if quote.is_empty() {
                return None;
            }
            let position = joined.find(&quote)?;
            let block = offsets.partition_point(|&offset| offset <= position) - 1;
            let start = &blocks[block].0;
            if let Event::Start(Tag::Heading { id: Some(id), .. }) = &events[*start] {
                return Some(id.to_string());
            }
            if let Some((_, id)) = anchors.iter().find(|(s, _)| s == start) {
                return Some(id.clone());
            }
            let id = unique_id("trich-dan", "trich-dan", &mut used_ids);
            anchors.push((*start, id.clone()));
            Some(id)
        })
        .collect();
    for (start, id) in &anchors {
        inject_id(&mut events, *start, id);
    }

    if let Some(last) = sections.last_mut() {
        last.text = collapse_whitespace(&last.text);
    }

    if events
        .iter()
        .any(|event| matches!(event, Event::Html(_) | Event::InlineHtml(_)))
        && raw_html_depth(&events) > MAX_RAW_HTML_DEPTH
    {
        // Shown as text rather than parsed: a sanitizer walks every open ancestor for each tag.
        for event in &mut events {
            if let Event::Html(html) | Event::InlineHtml(html) = event {
                *event = Event::Text(std::mem::replace(html, CowStr::from("")));
            }
        }
    }
    let has_table = events
        .iter()
        .any(|event| matches!(event, Event::Start(Tag::Table(_))));
    let mut out = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut out, limit_nesting(events));
    if has_table {
        out = scope_header_cells(&out);
    }
    let html = if needs_sanitizer { sanitize(&out) } else { out };
    RenderedMarkdown {
        html,
        toc,
        quote_anchors,
        sections,
    }
}

/// The deepest nesting of Markdown elements published (lists in lists, quotes in quotes): far
/// beyond any plan; deeper ones are flattened into their ancestor at this depth, their text
/// kept. Ten thousand nested levels would otherwise take minutes to sanitize, each tag scanning
/// every open ancestor.
const MAX_NESTING: usize = 50;

/// The deepest nesting of raw HTML elements sanitized; a body whose raw HTML nests deeper is
/// published with that HTML as text. Word exports nest a few dozen levels at most.
const MAX_RAW_HTML_DEPTH: usize = 500;

/// Elements that never have an end tag.
const VOID_ELEMENTS: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// How deep the raw HTML of `events` nests at most: start tags (not void, not `/>`) minus end
/// tags, a linear scan that over-counts unclosed tags, never under-counts.
fn raw_html_depth(events: &[Event<'_>]) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for event in events {
        let (Event::Html(html) | Event::InlineHtml(html)) = event else {
            continue;
        };
        for tag in html.split('<').skip(1) {
            if let Some(closing) = tag.strip_prefix('/') {
                if closing.starts_with(|c: char| c.is_ascii_alphabetic()) {
                    depth = depth.saturating_sub(1);
                }
                continue;
            }
            let name: String = tag
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase();
            let self_closing = tag
                .split('>')
                .next()
                .is_some_and(|inside| inside.ends_with('/'));
            if !name.is_empty() && !self_closing && !VOID_ELEMENTS.contains(&name.as_str()) {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
    }
    deepest
}

/// `events` without the start and end tags nested deeper than [`MAX_NESTING`].
fn limit_nesting(events: Vec<Event<'_>>) -> impl Iterator<Item = Event<'_>> {
    let mut kept: Vec<bool> = Vec::new();
    let mut depth = 0;
    events.into_iter().filter(move |event| match event {
        Event::Start(_) => {
            let keep = depth < MAX_NESTING;
            kept.push(keep);
            depth += usize::from(keep);
            keep
        }
        Event::End(_) => {
            let keep = kept.pop().unwrap_or(true);
            depth -= usize::from(keep);
            keep
        }
        _ => true,
    })
}

/// Replaces the start (and matching end) of the block at `start` with HTML carrying `id`.
fn inject_id(events: &mut [Event<'_>], start: usize, id: &str) {
    let (open, close) = match &events[start] {
        Event::Start(Tag::Paragraph) => ("p", TagEnd::Paragraph),
        Event::Start(Tag::Item) => ("li", TagEnd::Item),
        Event::Start(Tag::TableCell) => ("td", TagEnd::TableCell),
        _ => return,
    };
    if open == "td" {
        // Table cells keep their own markup (alignment, th/td); mark them with a span instead.
        if let Some(next) = events.get_mut(start + 1)
            && let Event::Text(text) = next
        {
            *next = Event::Html(CowStr::from(format!(
                "<span id=\"{id}\">{}</span>",
                escape(text)
            )));
        }
        return;
    }
    let mut depth = 0usize;
    for event in events.iter_mut().skip(start + 1) {
        match event {
            Event::Start(tag) if same_kind(tag, &close) => depth += 1,
            Event::End(end) if *end == close => {
                if depth == 0 {
                    *event = Event::Html(CowStr::from(format!("</{open}>\n")));
                    break;
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    events[start] = Event::Html(CowStr::from(format!("<{open} id=\"{id}\">")));
}

fn same_kind(tag: &Tag<'_>, end: &TagEnd) -> bool {
    matches!(
        (tag, end),
        (Tag::Paragraph, TagEnd::Paragraph) | (Tag::Item, TagEnd::Item)
    )
}

/// Escapes text for use in HTML content or a double-quoted attribute.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

/// `base`, or `base-2`, `base-3`… whichever is still free; `fallback` when `base` is empty.
fn unique_id(base: &str, fallback: &str, used: &mut HashSet<String>) -> String {
    let base = if base.is_empty() { fallback } else { base };
    let mut candidate = base.to_string();
    let mut n = 2;
    while !used.insert(candidate.clone()) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    candidate
}

/// Gives the header cells of tables `scope="col"`, so screen readers announce each cell with its
/// column (pulldown-cmark writes only header rows, as `<th>` or `<th style="text-align: …">`).
fn scope_header_cells(html: &str) -> String {
    html.replace("<th>", "<th scope=\"col\">")
        .replace("<th style=", "<th scope=\"col\" style=")
}

/// Schemes a Markdown link or image may use without the sanitizer (relative URLs need none).
const PLAIN_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Whether pulldown-cmark's HTML for `event` may carry script, so the document must go through
/// [`sanitize`]: raw HTML, a link or image whose URL has another scheme than [`PLAIN_SCHEMES`]
/// (`javascript:`, `data:`…), or a heading with attributes (`## Mục {onfocus=…}`).
fn needs_sanitizer(event: &Event<'_>) -> bool {
    match event {
        Event::Html(_) | Event::InlineHtml(_) => true,
        Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
            !is_plain_url(dest_url)
        }
        Event::Start(Tag::Heading { attrs, .. }) => !attrs.is_empty(),
        _ => false,
    }
}

/// Whether `url`, read as a browser reads it (surrounding spaces and controls dropped, tabs and
/// newlines removed), is relative or uses one of [`PLAIN_SCHEMES`].
fn is_plain_url(url: &str) -> bool {
    let cleaned: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let Some((scheme, _)) = cleaned.split_once(':') else {
        return true;
    };
    // Not a scheme (`a/b:c`, `java%09script:`): the browser reads the URL as relative.
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    !is_scheme
        || PLAIN_SCHEMES
            .iter()
            .any(|plain| scheme.eq_ignore_ascii_case(plain))
}

/// Removes scripts, event handlers and anything else unsafe, keeping ids and classes that
/// headings, anchors and footnotes need.
fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .add_generic_attributes(["id", "class"])
        .link_rel(Some("noopener noreferrer"))
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_stable_unique_ids_and_a_toc() {
        let out = render_markdown("## I. MỤC TIÊU\n\n### 1. Mục tiêu\n\n## I. Mục tiêu\n", &[]);
        let ids: Vec<&str> = out.toc.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["i-muc-tieu", "1-muc-tieu", "i-muc-tieu-2"]);
        assert!(out.html.contains("<h2 id=\"i-muc-tieu\">I. MỤC TIÊU</h2>"));
    }

    #[test]
    fn quotes_anchor_their_block() {
        let source = "Đoạn một.\n\n- Mục có chỉ tiêu đạt\n  95%.\n- Mục khác\n";
        let out = render_markdown(source, &["chỉ tiêu đạt 95%", "không có"]);
        assert_eq!(out.quote_anchors, [Some("trich-dan".to_string()), None]);
        assert!(
            out.html
                .contains("<li id=\"trich-dan\">Mục có chỉ tiêu đạt\n95%.</li>")
        );
    }

    #[test]
    fn text_is_split_into_sections_at_headings() {
        let out = render_markdown(
            "Mở đầu.\n\n## I. Mục tiêu\n\nĐoạn một.\nTiếp.\n\n- Mục\n\n### 1. Chi tiết\n\n| a | b |\n|---|---|\n| x | y |\n",
            &[],
        );
        let sections: Vec<(u8, Option<&str>, &str, &str)> = out
            .sections
            .iter()
            .map(|s| (s.level, s.id.as_deref(), s.title.as_str(), s.text.as_str()))
            .collect();
        assert_eq!(
            sections,
            [
                (0, None, "", "Mở đầu."),
                (2, Some("i-muc-tieu"), "I. Mục tiêu", "Đoạn một. Tiếp. Mục"),
                (3, Some("1-chi-tiet"), "1. Chi tiết", "a b x y"),
            ]
        );
    }

    #[test]
    fn script_urls_in_markdown_links_and_images_are_removed() {
        for source in [
            "[bấm](javascript:alert(1))",
            "[bấm](JavaScript:alert(1))",
            "[bấm](javascript&#58;alert(1))",
            "[bấm](<java\tscript:alert(1)>)",
            "[bấm](< javascript:alert(1)>)",
            "[bấm](vbscript:alert(1))",
            "[bấm](data:text/html,%3Cscript%3Ealert(1)%3C/script%3E)",
            "[bấm][x]\n\n[x]: javascript:alert(1)",
            "<javascript:alert(1)>",
            "![ảnh](javascript:alert(1))",
            "![ảnh](data:image/svg+xml,%3Csvg%20onload=alert(1)%3E)",
        ] {
            let html = render_markdown(source, &[]).html;
            for (_, rest) in html.match_indices("=\"").map(|(i, _)| html.split_at(i + 2)) {
                let value = rest.split('"').next().unwrap().trim().to_ascii_lowercase();
                for scheme in ["javascript:", "vbscript:", "data:"] {
                    assert!(!value.starts_with(scheme), "{source:?} → {html}");
                }
            }
        }
        let kept = render_markdown(
            "[a](https://xa.gov.vn/) [b](/chi-tieu/) [c](#muc) [d](mailto:x@xa.gov.vn) [e](a/b:c)",
            &[],
        )
        .html;
        for href in [
            "https://xa.gov.vn/",
            "/chi-tieu/",
            "#muc",
            "mailto:x@xa.gov.vn",
            "a/b:c",
        ] {
            assert!(
                kept.contains(&format!("href=\"{href}\"")),
                "{href} in {kept}"
            );
        }
        // Plain links need no sanitizer (which would add rel="noopener noreferrer").
        assert!(!kept.contains("noopener"), "{kept}");
    }

    #[test]
    fn heading_attributes_cannot_carry_event_handlers() {
        let out = render_markdown("## Mục {tabindex=0 autofocus onfocus=alert(1) .lop}\n", &[]);
        assert!(!out.html.contains("onfocus"), "{}", out.html);
        assert!(!out.html.contains("autofocus"), "{}", out.html);
        assert!(
            out.html.contains("<h2 id=\"muc\" class=\"lop\">Mục</h2>"),
            "{}",
            out.html
        );
        assert_eq!(out.toc[0].id, "muc");
    }

    #[test]
    fn table_header_cells_name_their_column() {
        for source in [
            "| a | b |\n|---|--:|\n| x | 1 |\n",
            "<b>x</b>\n\n| a | b |\n|---|---|\n| x | y |\n",
        ] {
            let html = render_markdown(source, &[]).html;
            assert_eq!(html.matches("<th scope=\"col\"").count(), 2, "{html}");
            assert!(!html.contains("<th>"), "{html}");
            assert!(html.contains("<td>x</td>"), "{html}");
        }
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_flattened_keeping_the_text() {
        let source = format!("{}au fond\n", "> ".repeat(MAX_NESTING * 3));
        let html = render_markdown(&source, &[]).html;
        assert_eq!(html.matches("<blockquote>").count(), MAX_NESTING);
        assert_eq!(html.matches("</blockquote>").count(), MAX_NESTING);
        assert!(html.contains("au fond"));
    }

    #[test]
    fn raw_html_nested_deeper_than_the_limit_is_shown_as_text() {
        let deep = format!("{}x", "<div>".repeat(MAX_RAW_HTML_DEPTH + 1));
        let html = render_markdown(&deep, &[]).html;
        assert!(!html.contains("<div>"), "{}", &html[..200]);
        assert!(html.contains("&lt;div&gt;"));
        let shallow = format!("{}x<br><img src=a.png/>", "<div>".repeat(10));
        assert!(render_markdown(&shallow, &[]).html.contains("<div>"));
    }

    #[test]
    fn raw_html_is_sanitized() {
        let out = render_markdown(
            "Xin chào <script>alert(1)</script> <b onclick=\"x()\">đậm</b>\n",
            &[],
        );
        assert!(!out.html.contains("<script"));
        assert!(!out.html.contains("onclick"));
        assert!(out.html.contains("<b>đậm</b>"));
    }
}
