//! The numbering and bullets that start headings and list items in Vietnamese administrative
//! documents (`I.`, `1.`, `1.1.`, `a)`, `-`, `+`, `•`), and the phrases that always start a new
//! paragraph (`Căn cứ …`, `Điều 1.`, `(Kèm theo …)`).

use super::text::{is_all_caps, roman};

/// The mark at the start of a heading or list item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    /// `I.`, `II.` (or `I` followed by a title in capitals).
    Roman(u32),
    /// `1.`, `2)`, `1.1`, `2.3.`: the numbers.
    Number(Vec<u32>),
    /// `a)`, `đ)`.
    Letter(char),
    /// `-`, `+`, `•` and the like.
    Bullet(char),
}

/// The marker at the start of `text` and the text after it.
pub fn marker(text: &str) -> Option<(Marker, &str)> {
    let text = text.trim_start();
    let mut chars = text.chars();
    let first = chars.next()?;
    if "-+•–∙·▪◦○●*".contains(first) {
        let rest = &text[first.len_utf8()..];
        let after = rest.chars().next();
        let spaced = after.is_some_and(char::is_whitespace);
        let glued = after.is_some_and(|c| c.is_alphabetic() && c.is_uppercase());
        if (spaced || glued) && !rest.trim().is_empty() {
            return Some((Marker::Bullet(first), rest.trim_start()));
        }
        return None;
    }
    let head: String = text
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect();
    let after_head = &text[head.len()..];
    // Roman numerals: `II.`, `III)`, or `IV` before a title in capitals.
    let numeral = head.trim_end_matches('.');
    if let Some(value) = roman(numeral).filter(|_| numeral.chars().all(|c| c.is_uppercase())) {
        let rest = after_head.trim_start_matches(')');
        let punctuated = head.ends_with('.') || after_head.starts_with(')');
        if rest.starts_with(char::is_whitespace)
            && !rest.trim().is_empty()
            && (punctuated || is_all_caps(rest))
        {
            return Some((Marker::Roman(value), rest.trim_start()));
        }
    }
    // Numbers: `1.`, `1)`, `1.1`, `1.1.`.
    let parts: Vec<&str> = head.trim_end_matches('.').split('.').collect();
    if !parts.is_empty()
        && parts
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()))
    {
        let numbers: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
        let rest = after_head.strip_prefix(')').unwrap_or(after_head);
        let punctuated = head.ends_with('.') || after_head.starts_with(')') || numbers.len() > 1;
        if punctuated && rest.starts_with(char::is_whitespace) && !rest.trim().is_empty() {
            return Some((Marker::Number(numbers), rest.trim_start()));
        }
        return None;
    }
    // Letters: `a)`, `đ)`.
    if let Some(rest) = chars.as_str().strip_prefix(')')
        && first.is_lowercase()
        && first.is_alphabetic()
        && rest.starts_with(char::is_whitespace)
        && !rest.trim().is_empty()
    {
        return Some((Marker::Letter(first), rest.trim_start()));
    }
    None
}

/// Phrases that start a paragraph of their own in a decision or plan.
const OPENINGS: &[&str] = &[
    "Căn cứ ",
    "Điều ",
    "(Kèm theo",
    "Kèm theo ",
    "Nơi nhận",
    "Theo đề nghị",
    "Xét đề nghị",
    "Thực hiện Quyết định",
    "Thực hiện Nghị quyết",
    "Thực hiện Kế hoạch",
    "Thực hiện Chỉ thị",
    "Thực hiện Công văn",
    "Thực hiện Thông báo",
    "Số:",
    "Trên đây là",
];

/// Whether a line starts a new block (heading, list item, one of the usual openings, or a line
/// in capitals) rather than continuing the one before it.
pub fn starts_block(text: &str) -> bool {
    let text = text.trim_start();
    marker(text).is_some()
        || OPENINGS.iter().any(|opening| text.starts_with(opening))
        || (is_all_caps(text) && text.chars().filter(|c| c.is_alphabetic()).count() >= 4)
}

/// Whether a line is only the name of a part of the document (`QUYẾT ĐỊNH`, `KẾ HOẠCH`,
/// `PHỤ LỤC II`, `BÁO CÁO`): such a line stands alone.
pub fn is_part_title(text: &str) -> bool {
    let folded = super::text::fold(text.trim());
    let words: Vec<&str> = folded.split_whitespace().collect();
    let head = words.iter().take(2).copied().collect::<Vec<_>>().join(" ");
    let numbered = match words.len() {
        2 => true,
        3 => {
            words[2].chars().all(|c| c.is_ascii_digit())
                || super::text::roman(&words[2].to_uppercase()).is_some()
        }
        _ => false,
    };
    numbered && ["quyet dinh", "ke hoach", "phu luc", "bao cao"].contains(&head.as_str())
}

/// Whether a text ends a sentence or clause (`.`, `;`, `:`, `!`, `?`, `…`), brackets and quotes
/// after the mark allowed.
pub fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '”', '’', '\'', ')', '*'])
        .ends_with(['.', ';', ':', '!', '?', '…'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_markers() {
        assert_eq!(marker("II. NHIỆM VỤ"), Some((Marker::Roman(2), "NHIỆM VỤ")));
        assert_eq!(
            marker("I CẢI CÁCH THỂ CHẾ"),
            Some((Marker::Roman(1), "CẢI CÁCH THỂ CHẾ"))
        );
        assert_eq!(
            marker("1. Mục tiêu"),
            Some((Marker::Number(vec![1]), "Mục tiêu"))
        );
        assert_eq!(
            marker("3.1 Nội dung"),
            Some((Marker::Number(vec![3, 1]), "Nội dung"))
        );
        assert_eq!(marker("đ) Rà soát"), Some((Marker::Letter('đ'), "Rà soát")));
        assert_eq!(
            marker("+ Tiến hành"),
            Some((Marker::Bullet('+'), "Tiến hành"))
        );
        assert_eq!(marker("2025; xây dựng"), None);
        assert_eq!(marker("15/6/2025 của"), None);
        assert_eq!(marker("100% thủ tục"), None);
        assert_eq!(marker("-"), None);
        assert_eq!(marker("Vượt chỉ tiêu"), None);
    }

    #[test]
    fn tells_block_starts_and_sentence_ends() {
        assert!(starts_block("Căn cứ Luật Tổ chức"));
        assert!(starts_block("QUYẾT ĐỊNH:"));
        assert!(!starts_block("nhân dân xã"));
        assert!(is_part_title("PHỤ LỤC"));
        assert!(is_part_title("Phụ lục II"));
        assert!(!is_part_title("KẾ HOẠCH CẢI CÁCH"));
        assert!(ends_sentence("như sau:"));
        assert!(ends_sentence("(trong tháng 4/2026)."));
        assert!(!ends_sentence("của Ủy ban"));
    }
}
