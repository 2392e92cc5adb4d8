//! Which reform area a heading or a table row names (`I CẢI CÁCH THỂ CHẾ`,
//! `VI. XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ`), from the names and `match` phrases of `data/areas.yaml`.

use super::text::{contains_words, folded_words};
use crate::model::Area;

/// The id of the area a text names, when one clearly fits.
pub fn area_of(text: &str, areas: &[Area]) -> Option<String> {
    let words = folded_words(text);
    let mut best: Option<(usize, usize, &Area)> = None;
    for area in areas {
        let phrases = [area.name.as_str(), area.short.as_str()]
            .into_iter()
            .chain(area.match_phrases.iter().map(String::as_str));
        let contiguous = phrases
            .map(folded_words)
            .filter(|phrase| contains_words(&words, phrase))
            .map(|phrase| phrase.len() * 10)
            .max()
            .unwrap_or(0);
        // Every word of the short name present, in any order (`chế độ công chức công vụ`).
        let short = folded_words(&area.short);
        let scattered = if !short.is_empty() && short.iter().all(|w| words.contains(w)) {
            short.len() * 5
        } else {
            0
        };
        let score = contiguous.max(scattered);
        if score > 0 && best.is_none_or(|(s, _, _)| score > s) {
            best = Some((score, area.order as usize, area));
        }
    }
    best.map(|(_, _, area)| area.id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(id: &str, name: &str, short: &str, phrases: &[&str]) -> Area {
        Area {
            id: id.into(),
            name: name.into(),
            short: short.into(),
            order: 0,
            match_phrases: phrases.iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn names_areas() {
        let areas = [
            area("the-che", "Cải cách thể chế", "Thể chế", &[]),
            area(
                "thu-tuc",
                "Cải cách thủ tục hành chính",
                "Thủ tục hành chính",
                &[],
            ),
            area("cong-vu", "Cải cách chế độ công vụ", "Chế độ công vụ", &[]),
            area(
                "so",
                "Xây dựng chính quyền số",
                "Chính quyền số",
                &["chính quyền điện tử"],
            ),
            area(
                "chi-dao",
                "Công tác chỉ đạo, điều hành cải cách hành chính",
                "Chỉ đạo, điều hành",
                &["chỉ đạo điều hành"],
            ),
        ];
        assert_eq!(
            area_of("CẢI CÁCH THỦ TỤC HÀNH CHÍNH", &areas).as_deref(),
            Some("thu-tuc")
        );
        assert_eq!(
            area_of("CẢI CÁCH CHẾ ĐỘ CÔNG CHỨC CÔNG VỤ", &areas).as_deref(),
            Some("cong-vu")
        );
        assert_eq!(
            area_of("XÂY DỰNG, PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ", &areas).as_deref(),
            Some("so")
        );
        assert_eq!(
            area_of("Chỉ đạo điều hành, kiểm tra và tuyên truyền", &areas).as_deref(),
            Some("chi-dao")
        );
        assert_eq!(area_of("Tổ chức thực hiện", &areas), None);
    }
}
