//! Vietnamese tokenizing for search, identical to the browser client (docs/search-index.md):
//! NFC, lowercase, runs of letters and digits, and a folded form without tone marks and with
//! `đ` → `d`, so "cai cach" finds "cải cách" while the exact form still ranks first.

use unicode_normalization::UnicodeNormalization;

/// One token of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// NFC, lowercase: what was written ("thể").
    pub exact: String,
    /// Without tone marks, `đ` as `d` ("the").
    pub folded: String,
}

/// Whether `c` belongs to a token: letters, digits and combining marks (decomposed input).
fn is_token_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let normalized: String = text.nfc().collect::<String>().to_lowercase();
    normalized
        .split(|c: char| !is_token_char(c))
        .filter(|token| !token.is_empty())
        .map(|exact| Token {
            folded: fold(exact),
            exact: exact.to_string(),
        })
        .collect()
}

/// Removes tone and vowel marks (U+0300–U+036F after NFD) and maps `đ` to `d`.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            other => other,
        })
        .nfc()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }

    #[test]
    fn composed_and_decomposed_input_give_the_same_tokens() {
        let composed = "Thủ tục hành chính";
        let decomposed: String = composed.nfd().collect();
        assert_ne!(composed, decomposed);
        assert_eq!(tokenize(composed), tokenize(&decomposed));
        assert_eq!(exact(&decomposed), ["thủ", "tục", "hành", "chính"]);
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
