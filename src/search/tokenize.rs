//! Vietnamese tokenizing for search, identical to the browser client (docs/search-index.md):
//! NFC, lowercase, runs of letters and digits, and a folded form without tone marks and with
//! `đ` → `d`, so "cai cach" finds "cải cách" while the exact form still ranks first.

use std::borrow::Cow;
use unicode_normalization::char::decompose_canonical;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// One token of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// NFC, lowercase: what was written ("thể").
    pub exact: String,
    /// Without tone marks, `đ` as `d` ("the").
    pub folded: String,
}

/// The combining marks that folding removes (and that keep a decomposed token together).
fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// Whether `c` belongs to a token: letters, digits and combining marks (decomposed input).
fn is_token_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// The folded form of one character: its base letter without marks, `đ` as `d`; None for a mark.
pub fn fold_char(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c);
    }
    match c {
        'đ' => return Some('d'),
        'Đ' => return Some('D'),
        _ if is_mark(c) => return None,
        _ => {}
    }
    let mut base = None;
    decompose_canonical(c, |part| {
        if base.is_none() && !is_mark(part) {
            base = Some(part);
        }
    });
    base.or(Some(c))
}

/// Removes tone and vowel marks and maps `đ` to `d`.
pub fn fold(text: &str) -> String {
    text.nfc().filter_map(fold_char).collect()
}

/// Calls `visit(exact, folded)` for every token of `text`, in order, without allocating per token.
pub fn for_each_token(text: &str, mut visit: impl FnMut(&str, &str)) {
    let mut folded = String::new();
    for_each_exact(text, |exact| {
        folded.clear();
        folded.extend(exact.chars().filter_map(fold_char));
        visit(exact, &folded);
    });
}

/// Calls `visit(exact)` for the exact form (NFC, lowercase) of every token of `text`, in order;
/// its folded form is `exact.chars().filter_map(fold_char)`.
///
/// One pass, lowercasing character by character, for the text the pipeline produces (already
/// NFC: the load stage normalizes every source). Text holding what that pass cannot treat alone
/// (a combining mark, so possibly not NFC; a capital whose lowercase depends on its neighbours or
/// is longer than one character) goes through [`for_each_exact_general`] instead.
pub fn for_each_exact(text: &str, mut visit: impl FnMut(&str)) {
    let mut token = String::new();
    // Where the token being built starts in `text`.
    let mut start = 0;
    for (at, c) in text.char_indices() {
        if token.is_empty() {
            start = at;
        }
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                token.push(c.to_ascii_lowercase());
                continue;
            }
        } else if is_mark(c) || c == 'Σ' || c == 'İ' {
            // The tokens visited so far end before `start`; the rest takes the general path.
            return for_each_exact_general(&text[start..], visit);
        } else if is_letter_or_digit(c) {
            token.extend(c.to_lowercase());
            continue;
        }
        if !token.is_empty() {
            visit(&token);
            token.clear();
        }
    }
    if !token.is_empty() {
        visit(&token);
    }
}

/// Letters and digits, with a fast answer for the Latin letters Vietnamese is written in.
fn is_letter_or_digit(c: char) -> bool {
    match c {
        '×' | '÷' => false,
        '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// The general path of [`for_each_exact`]: NFC, then lowercase the whole text, then split.
fn for_each_exact_general(text: &str, mut visit: impl FnMut(&str)) {
    let normalized: Cow<'_, str> = match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        _ => Cow::Owned(text.nfc().collect()),
    };
    let lower: Cow<'_, str> = if normalized.chars().any(char::is_uppercase) {
        Cow::Owned(normalized.to_lowercase())
    } else {
        normalized
    };
    for exact in lower
        .split(|c: char| !is_token_char(c))
        .filter(|t| !t.is_empty())
    {
        visit(exact);
    }
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    for_each_token(text, |exact, folded| {
        tokens.push(Token {
            exact: exact.to_string(),
            folded: folded.to_string(),
        })
    });
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tokens by the general path alone, to compare the one-pass path with.
    fn general(text: &str) -> Vec<String> {
        let mut tokens = Vec::new();
        for_each_exact_general(text, |t| tokens.push(t.to_string()));
        tokens
    }

    fn fast(text: &str) -> Vec<String> {
        let mut tokens = Vec::new();
        for_each_exact(text, |t| tokens.push(t.to_string()));
        tokens
    }

    #[test]
    fn the_one_pass_path_gives_the_tokens_of_the_general_path() {
        let decomposed: String = "Cải cách THỦ TỤC hành chính".nfd().collect();
        let samples = [
            "Kế hoạch CẢI CÁCH hành chính năm 2026 (Quyết định số 364/QĐ-UBND), đạt ≥ 95%.",
            "ĐẤT ĐAI, Đảng ủy; x×y÷z – 12,5% … “Phòng Văn hóa - Xã hội”",
            "ΟΔΟΣ Σ ΣΑΣ İstanbul ǅ Ǆ",
            decomposed.as_str(),
            "a\u{301}b mixed Tuệ Tĩnh then e\u{302}\u{301} and ĐÔ",
            "",
            "   ",
        ];
        for sample in samples {
            assert_eq!(fast(sample), general(sample), "{sample:?}");
        }
        // Every file of the example portal.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        for entry in walkdir::WalkDir::new(root)
            .into_iter()
            .filter_map(Result::ok)
        {
            if entry.file_type().is_file() {
                let text = std::fs::read_to_string(entry.path()).expect("readable");
                assert_eq!(fast(&text), general(&text), "{}", entry.path().display());
            }
        }
    }

    fn folded(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.folded).collect()
    }

    fn exact(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.exact).collect()
    }

    #[test]
    fn folds_every_tone_mark_and_vowel_mark() {
        assert_eq!(folded("ma má mà mả mã mạ"), ["ma"; 6]);
        assert_eq!(folded("ư ơ ă â ê ô"), ["u", "o", "a", "a", "e", "o"]);
        assert_eq!(folded("Ưởng Ờ Ặ Ẫ Ể Ộ"), ["uong", "o", "a", "a", "e", "o"]);
        assert_eq!(folded("cải cách thể chế"), ["cai", "cach", "the", "che"]);
    }

    #[test]
    fn folds_d_with_stroke_in_both_cases() {
        assert_eq!(
            folded("địa phương Đảng ĐẤT ĐAI"),
            ["dia", "phuong", "dang", "dat", "dai"]
        );
        assert_eq!(exact("Đảng"), ["đảng"]);
        assert_eq!(fold("Đ"), "D");
    }

    #[test]
    fn composed_and_decomposed_input_give_the_same_tokens() {
        let composed = "Thủ tục hành chính";
        let decomposed: String = composed.nfd().collect();
        assert_ne!(composed, decomposed);
        assert_eq!(tokenize(composed), tokenize(&decomposed));
        assert_eq!(exact(&decomposed), ["thủ", "tục", "hành", "chính"]);
        assert_eq!(fold(&decomposed), "Thu tuc hanh chinh");
    }

    #[test]
    fn mixed_case_is_lowercased_keeping_marks() {
        assert_eq!(exact("XÃ Tuệ TĨNH"), ["xã", "tuệ", "tĩnh"]);
        assert_eq!(folded("XÃ Tuệ TĨNH"), ["xa", "tue", "tinh"]);
    }

    #[test]
    fn numbers_percentages_and_document_numbers_split_on_punctuation() {
        assert_eq!(exact("đạt 80%"), ["đạt", "80"]);
        assert_eq!(
            exact("Quyết định số 364/QĐ-UBND"),
            ["quyết", "định", "số", "364", "qđ", "ubnd"]
        );
        assert_eq!(folded("364/QĐ-UBND"), ["364", "qd", "ubnd"]);
        assert_eq!(
            exact("giai đoạn 2026-2030, 2026–2030"),
            ["giai", "đoạn", "2026", "2030", "2026", "2030"]
        );
        assert_eq!(exact("12,5%"), ["12", "5"]);
    }

    #[test]
    fn punctuation_only_text_has_no_tokens() {
        assert!(tokenize(" – …; (“”) ").is_empty());
    }
}
