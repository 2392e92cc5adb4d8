//! Quantitative commitments (`tối thiểu 95%`, `từ 50% trở lên`, `đạt 80%`, `100% …`, `cấp độ 3`,
//! `giảm bình quân 10% … so với năm 2025`, `tăng ít nhất 10%`): the value, the comparator, the
//! year or stage they belong to (from headings and list labels such as `Giai đoạn 2026 - 2027`,
//! `Đến năm 2030`, else the plan's period) and the catalogue indicator whose `match` phrases and
//! name the commitment's words fit best. A commitment that fits no indicator is kept as a
//! suggestion for the editor.

use super::structure::{Kind, Node};
use super::text::{collapse, contains_words, fold, folded_words};
use crate::model::{Comparator, Indicator};

/// A commitment found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The catalogue indicator, when one fits.
    pub indicator: Option<String>,
    /// The committed value.
    pub value: f64,
    /// `%` or `cấp độ`.
    pub unit: &'static str,
    /// How the value is to be met.
    pub op: Comparator,
    /// First year of the stage, when the commitment belongs to one.
    pub from: Option<i32>,
    /// The year by which it is due.
    pub year: i32,
    /// Whether the year was written (explicitly or by a stage) rather than taken from the period.
    pub year_written: bool,
    /// The words of the plan, as written in one block.
    pub quote: String,
    /// Source line.
    pub line: usize,
}

/// A stage: first and last year (`Giai đoạn 2026 - 2027` → 2026, 2027; `Đến năm 2030` → -, 2030).
type Stage = (Option<i32>, i32);

/// Where commitments are searched, and in what context.
pub struct Scope<'a> {
    /// The plan's period.
    pub period: (i32, i32),
    /// The catalogue.
    pub indicators: &'a [Indicator],
}

impl Scope<'_> {
    /// The last year a target of this plan may have (end of the five-year block).
    fn last_year(&self) -> i32 {
        let to = self.period.1;
        to + (5 - (to % 5)) % 5
    }

    fn valid(&self, year: i32) -> bool {
        (self.period.0..=self.last_year()).contains(&year)
    }

    /// The year and first year of a stage for a commitment, with whether they were written.
    fn dated(&self, stage: Option<Stage>, own: Option<i32>) -> (Option<i32>, i32, bool) {
        if let Some(year) = own.filter(|y| self.valid(*y)) {
            return (None, year, true);
        }
        if let Some((from, to)) = stage.filter(|(_, to)| self.valid(*to)) {
            let from = from.filter(|f| self.valid(*f) && *f <= to && (*f, to) != self.period);
            return (from, to, true);
        }
        (None, self.period.1, false)
    }
}

/// Finds the commitments of the body nodes.
pub fn in_body(nodes: &[Node], scope: &Scope) -> Vec<Found> {
    let mut found = Vec::new();
    let mut heading_stages: Vec<(usize, Stage)> = Vec::new();
    let mut item_stages: Vec<(usize, Stage)> = Vec::new();
    let mut paragraph_stage: Option<Stage> = None;
    for node in nodes {
        match &node.kind {
            Kind::Heading(level) => {
                heading_stages.retain(|(l, _)| l < level);
                item_stages.clear();
                paragraph_stage = None;
                if let Some(stage) = stage_label(&node.text) {
                    heading_stages.push((*level, stage));
                }
            }
            Kind::Item(depth) => {
                item_stages.retain(|(d, _)| d < depth);
                if let Some(stage) = stage_label(&node.text) {
                    item_stages.push((*depth, stage));
                    continue;
                }
                let stage = item_stages
                    .last()
                    .map(|(_, s)| *s)
                    .or(paragraph_stage)
                    .or(heading_stages.last().map(|(_, s)| *s));
                found.extend(in_text(&node.text, node.line, stage, scope));
            }
            Kind::Paragraph => {
                item_stages.clear();
                if let Some(stage) = stage_label(&node.text) {
                    paragraph_stage = Some(stage);
                    continue;
                }
                let stage = paragraph_stage.or(heading_stages.last().map(|(_, s)| *s));
                found.extend(in_text(&node.text, node.line, stage, scope));
            }
            Kind::Table(rows) => {
                let stage = heading_stages.last().map(|(_, s)| *s);
                for row in rows {
                    for cell in row {
                        found.extend(in_text(cell, node.line, stage, scope));
                    }
                }
            }
        }
    }
    found
}

/// A short label that only names a stage: `Giai đoạn 2026 - 2027:`, `Đến năm 2030:`, `Năm 2026`.
fn stage_label(text: &str) -> Option<Stage> {
    let text = super::markers::marker(text).map_or(text, |(_, rest)| rest);
    if text.chars().count() > 60 || text.contains('%') {
        return None;
    }
    let folded = fold(text);
    let years = years_in(&folded);
    let trimmed = folded.trim_end_matches([':', '.']).trim();
    let label = [
        "giai doan",
        "den nam",
        "den het nam",
        "nam",
        "trong nam",
        "tu nam",
        "muc tieu den nam",
    ]
    .iter()
    .any(|w| trimmed.starts_with(w));
    if !label {
        return None;
    }
    match years.as_slice() {
        [from, to] if from < to => Some((Some(*from), *to)),
        [year] => Some((None, *year)),
        _ => None,
    }
}

fn years_in(folded: &str) -> Vec<i32> {
    folded
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse().ok())
        .filter(|y| (1990..=2100).contains(y))
        .collect()
}

/// A value written in the text.
#[derive(Debug, Clone, Copy)]
struct Mention {
    value: f64,
    unit: &'static str,
    /// Byte range of the figure (and its `%`).
    start: usize,
    end: usize,
}

/// The percentages and `cấp độ N` of a text.
fn mentions(text: &str) -> Vec<Mention> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        if !bytes[index].is_ascii_digit()
            || (index > 0
                && (bytes[index - 1].is_ascii_alphanumeric()
                    || b"/.,-".contains(&bytes[index - 1])))
        {
            index += 1;
            continue;
        }
        let start = index;
        while index < bytes.len()
            && (bytes[index].is_ascii_digit() || bytes[index] == b',' || bytes[index] == b'.')
        {
            index += 1;
        }
        let figure = text[start..index].trim_end_matches(['.', ',']);
        let end_of_figure = start + figure.len();
        let after = &text[end_of_figure..];
        let spaced = after.trim_start_matches(' ');
        if spaced.starts_with('%') {
            if let Ok(value) = figure.replace(',', ".").parse::<f64>() {
                let end = end_of_figure + (after.len() - spaced.len()) + 1;
                found.push(Mention {
                    value,
                    unit: "%",
                    start,
                    end,
                });
            }
            continue;
        }
        let before = fold(&text[..start]);
        if before.ends_with("cap do ")
            && figure.len() == 1
            && let Ok(value) = figure.parse::<f64>()
        {
            let word_start = start.saturating_sub("cấp độ ".len());
            found.push(Mention {
                value,
                unit: "cấp độ",
                start: if text.is_char_boundary(word_start) {
                    word_start
                } else {
                    start
                },
                end: end_of_figure,
            });
        }
    }
    found
}

/// Words that join a second commitment to a first one.
const CONNECTORS: &[&str] = &["trong đó", "trong số đó", "đồng thời", "và", "trong đó có"];

/// The commitments of one block of text.
pub fn in_text(text: &str, line: usize, stage: Option<Stage>, scope: &Scope) -> Vec<Found> {
    let mut found = Vec::new();
    for (start, end) in sentences(text) {
        let sentence = &text[start..end];
        let marks = mentions(sentence);
        if marks.is_empty() {
            continue;
        }
        for (index, mark) in marks.iter().enumerate() {
            let (from, to) = clause_bounds(sentence, &marks, index);
            let clause = trim_clause(&sentence[from..to]);
            if clause.is_empty() {
                continue;
            }
            let own_year = written_year(clause);
            let (first, year, written) = scope.dated(stage, own_year);
            let op = comparator(sentence, mark);
            let indicators = indicators_for(clause, mark.unit, scope.indicators);
            let quote = collapse(clause);
            if indicators.is_empty() {
                found.push(Found {
                    indicator: None,
                    value: mark.value,
                    unit: mark.unit,
                    op,
                    from: first,
                    year,
                    year_written: written,
                    quote,
                    line,
                });
                continue;
            }
            for indicator in indicators {
                found.push(Found {
                    indicator: Some(indicator),
                    value: mark.value,
                    unit: mark.unit,
                    op,
                    from: first,
                    year,
                    year_written: written,
                    quote: quote.clone(),
                    line,
                });
            }
        }
    }
    found
}

/// Byte ranges of the sentences of a text: split at `;` and at `. ` before a capital or a dash.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (position, (at, c)) in chars.iter().enumerate() {
        let next = chars.get(position + 2).map(|(_, c)| *c);
        let boundary = match c {
            ';' => true,
            '.' => {
                chars.get(position + 1).is_some_and(|(_, c)| *c == ' ')
                    && next.is_some_and(|n| n.is_uppercase() || n == '-' || n == '+')
            }
            _ => false,
        };
        if boundary {
            ranges.push((start, *at));
            start = at + c.len_utf8();
        }
    }
    ranges.push((start, text.len()));
    ranges
        .into_iter()
        .filter(|(s, e)| text[*s..*e].trim().chars().any(char::is_alphanumeric))
        .collect()
}

/// The part of a sentence that belongs to its `index`-th value. A value written at the end of
/// its clause (`Tỷ lệ … đạt 85%`) ends it at the next comma; a value written first
/// (`100% hồ sơ …`, `Cắt giảm 50% thời gian …`) starts a clause at the comma before it.
fn clause_bounds(sentence: &str, marks: &[Mention], index: usize) -> (usize, usize) {
    let boundary = |i: usize| -> usize {
        // Between marks[i] and marks[i + 1].
        let left = marks[i].end;
        let right = marks[i + 1].start;
        let between = &sentence[left..right];
        let value_last = value_ends_clause(sentence, &marks[i]);
        let commas: Vec<usize> = between
            .match_indices(", ")
            .map(|(at, _)| left + at)
            .collect();
        let pick = if value_last {
            commas.first().copied()
        } else {
            commas.last().copied()
        };
        pick.unwrap_or_else(|| {
            between
                .find(" và ")
                .map_or(left + between.len() / 2, |at| left + at)
        })
    };
    let from = if index == 0 { 0 } else { boundary(index - 1) };
    let to = if index + 1 == marks.len() {
        sentence.len()
    } else {
        boundary(index)
    };
    (from, to)
}

/// Whether the words before a value say the clause ends with it (`… đạt 85%`, `… là 90%`).
fn value_ends_clause(sentence: &str, mark: &Mention) -> bool {
    let before = fold(&sentence[..mark.start]);
    let words: Vec<&str> = before.split_whitespace().rev().take(4).collect();
    words.iter().any(|w| ["dat", "la", "tu", "muc"].contains(w))
}

/// A clause without connectors and punctuation at its ends.
fn trim_clause(clause: &str) -> &str {
    let mut clause = clause.trim_matches(|c: char| c.is_whitespace() || ",;.:".contains(c));
    if let Some((_, rest)) = super::markers::marker(clause) {
        clause = rest;
    }
    loop {
        let before = clause;
        for connector in CONNECTORS {
            if let Some(rest) = strip_prefix_ci(clause, connector) {
                clause = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
            }
            if let Some(rest) = strip_suffix_ci(clause, connector) {
                clause = rest.trim_end_matches(|c: char| c.is_whitespace() || c == ',');
            }
        }
        clause = clause.trim_matches(|c: char| c.is_whitespace() || ",;.:".contains(c));
        if clause == before {
            break;
        }
    }
    // A bracket opened in the clause and closed after it, or the reverse, is left out.
    let opened = clause.matches('(').count();
    let closed = clause.matches(')').count();
    if opened > closed
        && let Some(at) = clause.rfind('(')
        && at == 0
    {
        clause = &clause[1..];
    } else if closed > opened && clause.ends_with(')') {
        clause = &clause[..clause.len() - 1];
    }
    clause.trim()
}

fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    (head.to_lowercase() == prefix
        && text[prefix.len()..].starts_with(|c: char| c == ',' || c.is_whitespace()))
    .then(|| &text[prefix.len()..])
}

fn strip_suffix_ci<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let at = text.len().checked_sub(suffix.len())?;
    let tail = text.get(at..)?;
    (tail.to_lowercase() == suffix && text[..at].ends_with([' ', ','])).then(|| &text[..at])
}

/// A year the clause itself names as its deadline (`Đến năm 2030, …`, `trong năm 2026`), never a
/// baseline (`so với năm 2025`) nor a period named in passing (`giai đoạn 2021-2025`).
fn written_year(clause: &str) -> Option<i32> {
    let folded = fold(clause);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut named = None;
    for (index, word) in words.iter().enumerate() {
        let Ok(year) = word.parse::<i32>() else {
            continue;
        };
        if word.len() != 4 || !(1990..=2100).contains(&year) {
            continue;
        }
        let back = |n: usize| index.checked_sub(n).map_or("", |i| words[i]);
        let baseline = back(1) == "voi" || (back(1) == "nam" && back(2) == "voi");
        let in_period = back(1) == "doan" || back(2) == "doan";
        if baseline || in_period {
            continue;
        }
        if back(1) == "nam" && ["den", "toi", "trong", "het", "vao"].contains(&back(2)) {
            return Some(year);
        }
        if back(1) == "nam" && named.is_none() {
            named = Some(year);
        }
    }
    named
}

/// The comparator of a value, from the words just before and after it.
fn comparator(sentence: &str, mark: &Mention) -> Comparator {
    let before = fold(&sentence[..mark.start]);
    let before = before.trim_end();
    let after = fold(&sentence[mark.end..]);
    let after = after.trim_start();
    if after.starts_with("tro len") {
        return Comparator::AtLeast;
    }
    if after.starts_with("tro xuong") {
        return Comparator::AtMost;
    }
    let ends = |w: &str| before.ends_with(w);
    if ends("toi thieu") || ends("it nhat") || ends("khong duoi") || ends("khong thap hon") {
        Comparator::AtLeast
    } else if ends("toi da") || ends("khong qua") || ends("khong vuot qua") || ends("khong cao hon")
    {
        Comparator::AtMost
    } else if ends("tren") || ends("hon") {
        Comparator::Above
    } else if ends("duoi") {
        Comparator::Below
    } else {
        Comparator::Equal
    }
}

/// Abbreviations that plans use for words of the catalogue.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("TTHC", "thủ tục hành chính"),
    ("DVC", "dịch vụ công"),
    ("DVCTT", "dịch vụ công trực tuyến"),
    ("CSDL", "cơ sở dữ liệu"),
    ("CCHC", "cải cách hành chính"),
    ("UBND", "Ủy ban nhân dân"),
    ("HĐND", "Hội đồng nhân dân"),
    ("CBCCVC", "cán bộ, công chức, viên chức"),
    ("CCVC", "công chức, viên chức"),
    ("PAKN", "phản ánh, kiến nghị"),
    ("CNTT", "công nghệ thông tin"),
    ("CĐS", "chuyển đổi số"),
];

/// The text with its abbreviations written out, for matching.
fn expanded(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
            ABBREVIATIONS
                .iter()
                .find(|(short, _)| *short == bare)
                .map_or_else(|| word.to_string(), |(_, long)| word.replace(bare, long))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words too common to tell indicators apart.
const COMMON: &[&str] = &[
    "ty", "le", "cua", "cac", "duoc", "va", "ve", "trong", "tren", "cho", "voi", "da", "co", "khi",
    "theo", "muc", "do", "so", "nhung",
];

/// The indicators a clause commits to: among those of the right unit with a `match` phrase in
/// the clause, the one with the largest share of its phrases found, then of its name. An enumeration (`về A, về B, về C`) may
/// name several.
fn indicators_for(clause: &str, unit: &str, indicators: &[Indicator]) -> Vec<String> {
    let full = expanded(clause);
    let mut variants = vec![full.clone()];
    let folded = fold(&full);
    let pieces: Vec<&str> = folded.split(", ve ").collect();
    if pieces.len() >= 3 || (pieces.len() == 2 && folded.matches(" ve ").count() >= 2) {
        // `<head> về A, về B, về C <tail>`: one variant per item.
        let words: Vec<&str> = full.split(", về ").collect();
        if words.len() == pieces.len() {
            let head_end = words[0].rfind(" về ").map_or(words[0].len(), |at| at);
            let head = &words[0][..head_end];
            let first = words[0][head_end..].trim_start_matches(" về ");
            let items: Vec<&str> = std::iter::once(first)
                .chain(words[1..].iter().copied())
                .collect();
            let last = items[items.len() - 1];
            let tail_at = ["đạt", "là"]
                .iter()
                .filter_map(|w| last.find(&format!(" {w} ")))
                .min();
            let (last_item, tail) = match tail_at {
                Some(at) => (&last[..at], &last[at..]),
                None => (last, ""),
            };
            variants = items[..items.len() - 1]
                .iter()
                .copied()
                .chain(std::iter::once(last_item))
                .map(|item| format!("{head} về {item}{tail}"))
                .collect();
        }
    }
    let mut chosen: Vec<String> = Vec::new();
    for variant in &variants {
        if let Some(id) = best_indicator(variant, unit, indicators)
            && !chosen.contains(&id)
        {
            chosen.push(id);
        }
    }
    if chosen.is_empty() && variants.len() > 1 {
        chosen.extend(best_indicator(&full, unit, indicators));
    }
    chosen
}

fn best_indicator(text: &str, unit: &str, indicators: &[Indicator]) -> Option<String> {
    let words = folded_words(text);
    let bigrams = pairs(&words);
    let mut best: Option<(f64, &Indicator)> = None;
    for indicator in indicators.iter().filter(|i| i.unit == unit) {
        let phrases: Vec<Vec<String>> = indicator
            .match_phrases
            .iter()
            .map(|p| folded_words(&expanded(p)))
            .filter(|p| !p.is_empty())
            .collect();
        let matched = phrases.iter().filter(|p| contains_words(&words, p)).count();
        if matched == 0 {
            continue;
        }
        let name = folded_words(&expanded(&indicator.name));
        let content: Vec<&String> = name
            .iter()
            .filter(|w| !COMMON.contains(&w.as_str()))
            .collect();
        let word_cover = if content.is_empty() {
            0.0
        } else {
            content.iter().filter(|w| words.contains(w)).count() as f64 / content.len() as f64
        };
        let name_pairs = pairs(&name);
        let pair_cover = if name_pairs.is_empty() {
            0.0
        } else {
            name_pairs.iter().filter(|p| bigrams.contains(p)).count() as f64
                / name_pairs.len() as f64
        };
        // The share of the indicator's phrases found comes first; how much of its name the
        // clause repeats decides between indicators found equally.
        let score = matched as f64 / phrases.len() as f64 + 0.25 * (word_cover + pair_cover);
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, indicator));
        }
    }
    best.map(|(_, indicator)| indicator.id.clone())
}

fn pairs(words: &[String]) -> Vec<(String, String)> {
    words
        .windows(2)
        .map(|w| (w[0].clone(), w[1].clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Better;

    fn indicator(id: &str, name: &str, unit: &str, phrases: &[&str]) -> Indicator {
        Indicator {
            id: id.into(),
            name: name.into(),
            short: id.into(),
            area: "a".into(),
            unit: unit.into(),
            better: Better::Higher,
            national: None,
            match_phrases: phrases.iter().map(|p| p.to_string()).collect(),
            description: None,
        }
    }

    fn catalogue() -> Vec<Indicator> {
        vec![
            indicator(
                "hai-long",
                "Mức độ hài lòng của người dân, doanh nghiệp về giải quyết thủ tục hành chính",
                "%",
                &["hài lòng", "giải quyết thủ tục hành chính"],
            ),
            indicator(
                "dat-dai",
                "Mức độ hài lòng về giải quyết thủ tục hành chính lĩnh vực đất đai, xây dựng, đầu tư",
                "%",
                &["hài lòng", "đất đai, xây dựng, đầu tư"],
            ),
            indicator(
                "thanh-toan",
                "Tỷ lệ giao dịch thanh toán trực tuyến trên tổng số giao dịch thanh toán",
                "%",
                &["thanh toán trực tuyến", "giao dịch thanh toán"],
            ),
            indicator(
                "tthc-thanh-toan",
                "Tỷ lệ thủ tục hành chính có yêu cầu nghĩa vụ tài chính được triển khai thanh toán trực tuyến",
                "%",
                &["nghĩa vụ tài chính", "thanh toán trực tuyến"],
            ),
            indicator(
                "quan-tri",
                "Mức độ trưởng thành về quản trị dữ liệu",
                "cấp độ",
                &["quản trị dữ liệu"],
            ),
        ]
    }

    fn scope(indicators: &[Indicator]) -> Scope<'_> {
        Scope {
            period: (2026, 2030),
            indicators,
        }
    }

    #[test]
    fn splits_two_commitments_of_one_sentence() {
        let catalogue = catalogue();
        let found = in_text(
            "Mức độ hài lòng trong giải quyết thủ tục hành chính đạt tối thiểu 95%, trong đó, mức độ hài lòng về giải quyết các thủ tục hành chính lĩnh vực đất đai, xây dựng, đầu tư đạt tối thiểu 90%.",
            7,
            Some((Some(2028), 2030)),
            &scope(&catalogue),
        );
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].indicator.as_deref(), Some("hai-long"));
        assert_eq!(found[0].op, Comparator::AtLeast);
        assert_eq!(found[0].from, Some(2028));
        assert_eq!(
            found[0].quote,
            "Mức độ hài lòng trong giải quyết thủ tục hành chính đạt tối thiểu 95%"
        );
        assert_eq!(found[1].indicator.as_deref(), Some("dat-dai"));
        assert_eq!(found[1].value, 90.0);
    }

    #[test]
    fn reads_value_first_clauses_and_comparators() {
        let catalogue = catalogue();
        let found = in_text(
            "100% thủ tục hành chính, có yêu cầu nghĩa vụ tài chính, được triển khai thanh toán trực tuyến, trong số đó, tỷ lệ giao dịch thanh toán trực tuyến đạt từ 50% trở lên.",
            1,
            None,
            &scope(&catalogue),
        );
        assert_eq!(found[0].indicator.as_deref(), Some("tthc-thanh-toan"));
        assert_eq!(found[0].op, Comparator::Equal);
        assert_eq!(
            found[0].quote,
            "100% thủ tục hành chính, có yêu cầu nghĩa vụ tài chính, được triển khai thanh toán trực tuyến"
        );
        assert_eq!(found[1].indicator.as_deref(), Some("thanh-toan"));
        assert_eq!(found[1].op, Comparator::AtLeast);
        assert_eq!(
            found[1].quote,
            "tỷ lệ giao dịch thanh toán trực tuyến đạt từ 50% trở lên"
        );
        assert_eq!(
            (found[1].from, found[1].year, found[1].year_written),
            (None, 2030, false)
        );
    }

    #[test]
    fn reads_levels_years_and_unmapped_values() {
        let catalogue = catalogue();
        let found = in_text(
            "Đạt cấp độ 3 mức độ trưởng thành về quản trị dữ liệu.",
            1,
            None,
            &scope(&catalogue),
        );
        assert_eq!(
            (found[0].indicator.as_deref(), found[0].value, found[0].unit),
            (Some("quan-tri"), 3.0, "cấp độ")
        );
        let found = in_text(
            "Đến năm 2028, giảm bình quân 15% chi thường xuyên so với năm 2025.",
            1,
            None,
            &scope(&catalogue),
        );
        assert_eq!(
            (found[0].indicator.as_deref(), found[0].year, found[0].op),
            (None, 2028, Comparator::Equal)
        );
        let found = in_text("tăng ít nhất 10% so với 2025", 1, None, &scope(&catalogue));
        assert_eq!((found[0].year, found[0].op), (2030, Comparator::AtLeast));
    }

    #[test]
    fn reads_stage_labels() {
        assert_eq!(
            stage_label("Giai đoạn 2026 - 2027:"),
            Some((Some(2026), 2027))
        );
        assert_eq!(stage_label("Đến năm 2030:"), Some((None, 2030)));
        assert_eq!(stage_label("Giai đoạn 2026 - 2027: đạt 100% hồ sơ"), None);
    }
}
