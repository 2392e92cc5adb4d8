//! Small text helpers shared by the importer: folding Vietnamese to plain letters, splitting
//! words, telling capitals from small letters, and the casing of names.

use unicode_normalization::UnicodeNormalization;

/// Lowercase, tone marks and other diacritics removed, `đ` → `d`: `Cải cách` → `cai cach`.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The lowercase words (runs of letters and digits) of a text, marks kept.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The folded words of a text (see [`fold`]).
pub fn folded_words(text: &str) -> Vec<String> {
    words(&fold(text))
}

/// Whether `needle`'s words occur contiguously in `haystack` (both word lists).
pub fn contains_words(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty()
        && haystack.len() >= needle.len()
        && haystack
            .windows(needle.len())
            .any(|window| window == needle)
}

/// Whitespace runs collapsed to one space, ends trimmed.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether the text has letters and all of them are capitals (`QUYẾT ĐỊNH`, `I. MỤC TIÊU`).
pub fn is_all_caps(text: &str) -> bool {
    let mut letters = text.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(|c| !c.is_lowercase())
}

/// Whether the first letter-or-digit of the text is a small letter (a continued sentence).
/// An opening bracket or quote before it is skipped: `(không bao gồm …` starts small.
pub fn starts_lowercase(text: &str) -> bool {
    text.trim_start_matches(|c: char| c.is_whitespace() || "(\"“‘'".contains(c))
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// Each word with a capital first letter and small letters after it: `TUỆ TĨNH` → `Tuệ Tĩnh`.
pub fn title_case(text: &str) -> String {
    collapse(text)
        .split(' ')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first letter made a capital, the rest left as it is.
pub fn capitalize_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The first letter made small, unless the first word is an abbreviation (`UBND`) or a name
/// written with capitals inside it.
pub fn lowercase_first(text: &str) -> String {
    let first_word = text.split_whitespace().next().unwrap_or("");
    if first_word.chars().skip(1).any(char::is_uppercase) {
        return text.to_string();
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The value of a Roman numeral from I to XXXIX, if the text is one.
pub fn roman(text: &str) -> Option<u32> {
    if text.is_empty() || !text.chars().all(|c| "IVXivx".contains(c)) {
        return None;
    }
    let upper = text.to_uppercase();
    let value = |c: char| match c {
        'I' => 1,
        'V' => 5,
        _ => 10,
    };
    let digits: Vec<u32> = upper.chars().map(value).collect();
    let mut total = 0;
    for (index, digit) in digits.iter().enumerate() {
        if digits.get(index + 1).is_some_and(|next| next > digit) {
            total -= *digit as i64;
        } else {
            total += *digit as i64;
        }
    }
    (1..40).contains(&total).then_some(total as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese() {
        assert_eq!(fold("Cải Cách ĐIỆN tử"), "cai cach dien tu");
    }

    #[test]
    fn cases_names() {
        assert_eq!(title_case("TUỆ  TĨNH"), "Tuệ Tĩnh");
        assert_eq!(lowercase_first("Cải cách"), "cải cách");
        assert_eq!(lowercase_first("UBND xã"), "UBND xã");
        assert!(is_all_caps("I. MỤC TIÊU, YÊU CẦU"));
        assert!(!is_all_caps("1. Mục tiêu"));
        assert!(starts_lowercase("(không bao gồm"));
    }

    #[test]
    fn reads_roman_numerals() {
        assert_eq!(roman("IV"), Some(4));
        assert_eq!(roman("VII"), Some(7));
        assert_eq!(roman("IX"), Some(9));
        assert_eq!(roman("X1"), None);
        assert_eq!(roman(""), None);
    }
}
