//! Dates and act numbers as Vietnamese documents write them: `ngày 24 tháng 4 năm 2026`,
//! `26/9/2025`, `364/QĐ-UBND`, `68-NQ/TW`.

use crate::model::Date;

/// A date written in words or figures, when it is complete and real.
pub fn parse_date(text: &str) -> Option<Date> {
    let (day, month, year) = date_parts(text)?;
    jiff::civil::Date::new(year as i16, month as i8, day as i8)
        .ok()
        .map(Date)
}

/// Day, month and year of the first date in `text` (`ngày 24 tháng 4 năm 2026`, `24/4/2026`).
fn date_parts(text: &str) -> Option<(u32, u32, u32)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    for (index, word) in words.iter().enumerate() {
        let lower = word.to_lowercase();
        if lower == "ngày"
            && let (Some(day), Some("tháng"), Some(month), Some("năm"), Some(year)) = (
                words.get(index + 1).and_then(|w| number(w)),
                words.get(index + 2).map(|w| w.to_lowercase()).as_deref(),
                words.get(index + 3).and_then(|w| number(w)),
                words.get(index + 4).map(|w| w.to_lowercase()).as_deref(),
                words.get(index + 5).and_then(|w| number(w)),
            )
        {
            return Some((day, month, year));
        }
        let figures = word.trim_matches(|c: char| !c.is_ascii_digit());
        let parts: Vec<&str> = figures.split(['/', '-', '.']).collect();
        if parts.len() == 3
            && parts[0].len() <= 2
            && parts[1].len() <= 2
            && parts[2].len() == 4
            && let (Ok(day), Ok(month), Ok(year)) =
                (parts[0].parse(), parts[1].parse(), parts[2].parse())
        {
            return Some((day, month, year));
        }
    }
    None
}

fn number(word: &str) -> Option<u32> {
    let digits = word.trim_matches(|c: char| !c.is_ascii_digit());
    (!digits.is_empty() && digits.len() <= 4 && digits.chars().all(|c| c.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

/// Rewrites dates in words as figures, keeping the digits as written:
/// `ngày 15 tháng 7 năm 2021` → `ngày 15/7/2021`, `12 tháng 02 năm 2026` → `12/02/2026`.
pub fn compact_dates(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::new();
    let mut index = 0;
    while index < words.len() {
        let get = |i: usize| words.get(index + i).copied().unwrap_or("");
        let digits =
            |w: &str| !w.is_empty() && w.len() <= 2 && w.chars().all(|c| c.is_ascii_digit());
        let year = get(4);
        let year_digits: String = year.chars().take_while(char::is_ascii_digit).collect();
        if digits(get(0))
            && get(1) == "tháng"
            && digits(get(2))
            && get(3) == "năm"
            && year_digits.len() == 4
        {
            out.push(format!(
                "{}/{}/{}{}",
                get(0),
                get(2),
                year_digits,
                &year[year_digits.len()..]
            ));
            index += 5;
            continue;
        }
        out.push(words[index].to_string());
        index += 1;
    }
    out.join(" ")
}

/// The act numbers (`số ký hiệu`) written in a text, in order: `364/QĐ-UBND`, `68-NQ/TW`,
/// `118/2025/NĐ-CP`.
pub fn act_numbers(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || ",;()“”\"".contains(c))
        .map(|w| w.trim_end_matches(['.', ':']))
        .filter(|w| is_act_number(w))
        .map(str::to_string)
        .collect()
}

/// Whether a word looks like an act number: digits, then `/` or `-`, then capitals.
pub fn is_act_number(word: &str) -> bool {
    let Some(first) = word.chars().next() else {
        return false;
    };
    first.is_ascii_digit()
        && word.contains('/')
        && word.chars().any(|c| c.is_uppercase())
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || "/-.&".contains(c))
        && parse_date(word).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dates() {
        assert_eq!(
            parse_date("Xã Tuệ Tĩnh, ngày 24 tháng 4 năm 2026").map(|d| d.iso()),
            Some("2026-04-24".into())
        );
        assert_eq!(
            parse_date("ngày 26/9/2025 của").map(|d| d.iso()),
            Some("2025-09-26".into())
        );
        assert_eq!(parse_date("ngày tháng năm 2026"), None);
        assert_eq!(parse_date("ngày 31/02/2026"), None);
    }

    #[test]
    fn compacts_dates_in_words() {
        assert_eq!(
            compact_dates("ngày 12 tháng 02 năm 2026 của Thủ tướng"),
            "ngày 12/02/2026 của Thủ tướng"
        );
    }

    #[test]
    fn finds_act_numbers() {
        assert_eq!(
            act_numbers("thay thế Quyết định số 586/QĐ-UBND ngày 08/9/2025."),
            ["586/QĐ-UBND"]
        );
        assert_eq!(act_numbers("Nghị quyết số 68-NQ/TW"), ["68-NQ/TW"]);
        assert!(act_numbers("Số: /QĐ-UBND").is_empty());
    }
}
