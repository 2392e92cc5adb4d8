//! The identity of the document, read from its header and opening: kind and parts (decision,
//! plan, appendix), title and summary, decision number and dates, signer, issuer, commune and
//! province, period, legal bases (`Căn cứ …`, `Thực hiện …`), acts replaced, standing office and
//! funding. Header lines that only carry this (issuer, national motto, number, place and date)
//! are marked so that they are left out of the body.

use super::clean::{Block, Piece};
use super::dates::{act_numbers, compact_dates, parse_date};
use super::markers::{marker, starts_block};
use super::text::{capitalize_first, collapse, fold, is_all_caps, lowercase_first, title_case};
use crate::model::{Date, Decision, PlanKind};
use std::collections::{BTreeMap, BTreeSet};

/// A part of the document that starts with its own title (`QUYẾT ĐỊNH`, `KẾ HOẠCH`, `PHỤ LỤC`).
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// Index of the title in the pieces.
    pub title: usize,
    /// What the part is.
    pub kind: PlanKind,
    /// Index of the line after the title that names the part, when there is one.
    pub subtitle: Option<usize>,
}

/// A commune or province named by the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// `xa`, `phuong`, `dac-khu`, `tinh` or `thanh-pho`.
    pub kind: &'static str,
    /// The name without the kind word: `Tuệ Tĩnh`.
    pub name: String,
}

/// Something the editor should look at, with its source line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Source line (0 when it concerns the whole document).
    pub line: usize,
    /// What to check, in Vietnamese.
    pub message: String,
}

/// Everything read about the document itself.
#[derive(Debug, Clone)]
pub struct Meta {
    /// Title of the main part.
    pub title: String,
    /// Kind of the main part.
    pub kind: PlanKind,
    /// First and last year.
    pub period: (i32, i32),
    /// The issuing body: `Ủy ban nhân dân xã Tuệ Tĩnh`.
    pub issuer: Option<String>,
    /// Trích yếu of the decision (or of the plan when it has no decision).
    pub summary: Option<String>,
    /// The decision that issues the plan.
    pub decision: Decision,
    /// Căn cứ and the acts the plan implements.
    pub legal_bases: Vec<String>,
    /// Numbers of the acts replaced.
    pub replaces: Vec<String>,
    /// The office in charge of administrative reform.
    pub standing_office: Option<String>,
    /// How the plan is funded.
    pub funding: Option<String>,
    /// The commune.
    pub commune: Option<Place>,
    /// The province or centrally-governed city.
    pub province: Option<Place>,
    /// The parts of the document, in order.
    pub parts: Vec<Part>,
    /// Pieces that only carry metadata (issuer lines, motto, number, place and date).
    pub chrome: BTreeSet<usize>,
    /// What the editor should check.
    pub notes: Vec<Note>,
}

/// Reads the metadata of a cleaned document; `fallback_year` is the period when the document
/// names none.
pub fn extract(pieces: &[Piece], fallback_year: i32) -> Meta {
    let blocks: Vec<(usize, &Block)> = pieces
        .iter()
        .enumerate()
        .filter_map(|(index, piece)| match piece {
            Piece::Text(block) => Some((index, block)),
            Piece::Row(_) => None,
        })
        .collect();
    let mut notes = Vec::new();
    let mut chrome = BTreeSet::new();
    let parts = find_parts(&blocks);
    let main = parts
        .iter()
        .min_by_key(|part| kind_rank(part.kind))
        .cloned();
    let kind = main.as_ref().map_or(PlanKind::KeHoach, |p| p.kind);
    if main.is_none() {
        notes.push(Note {
            line: 0,
            message: "không thấy tên loại văn bản (KẾ HOẠCH, PHỤ LỤC, QUYẾT ĐỊNH…): đã coi là kế hoạch, kiểm tra lại `kind` và `title`".into(),
        });
    }
    let text_of = |index: usize| match &pieces[index] {
        Piece::Text(block) => block.text.as_str(),
        Piece::Row(_) => "",
    };
    let decision_part = parts.iter().find(|p| p.kind == PlanKind::QuyetDinh);
    let decision_summary = decision_part
        .and_then(|p| p.subtitle)
        .map(|i| text_of(i).to_string());
    let main_subtitle = main
        .as_ref()
        .and_then(|p| p.subtitle)
        .map(|i| text_of(i).to_string());
    let title = make_title(kind, main_subtitle.as_deref(), &blocks);
    let summary = decision_summary.or_else(|| {
        main_subtitle
            .clone()
            .filter(|s| fold(s).starts_with("ban hanh") || fold(s).starts_with("ve viec"))
    });

    let mut decision = Decision::default();
    let mut issuer = None;
    let mut commune = None;
    for (position, (index, block)) in blocks.iter().enumerate() {
        let text = block.text.as_str();
        let folded = fold(text);
        if let Some(rest) = text
            .strip_prefix("Số:")
            .or_else(|| text.strip_prefix("Số :"))
        {
            chrome.insert(*index);
            let number = rest.split_whitespace().next().unwrap_or("");
            if decision.number.is_none() && number.starts_with(|c: char| c.is_ascii_digit()) {
                decision.number = Some(number.trim_end_matches(['.', ',', ';']).to_string());
            } else if number.starts_with('/') || number.is_empty() {
                notes.push(Note {
                    line: block.line,
                    message: format!(
                        "số ký hiệu để trống (“Số: {}”): ghi `decision.number` khi văn bản có số",
                        collapse(rest)
                    ),
                });
            }
            // The place and date often share the line: `Số: 1/QĐ-UBND    Tân Hòa, ngày …`.
            if folded.contains("ngay") && folded.contains("nam") {
                read_date(block, &mut decision, &mut notes);
            }
            continue;
        }
        if is_place_date(text) {
            chrome.insert(*index);
            read_date(block, &mut decision, &mut notes);
            continue;
        }
        if folded.starts_with("cong hoa xa hoi chu nghia viet nam")
            || folded.starts_with("doc lap - tu do")
            || folded.starts_with("doc lap – tu do")
        {
            chrome.insert(*index);
            continue;
        }
        if is_all_caps(text)
            && (folded == "uy ban nhan dan"
                || folded.starts_with("uy ban nhan dan ")
                || folded.starts_with("ubnd "))
            && !folded.contains("chu tich")
        {
            chrome.insert(*index);
            let mut name = folded
                .trim_start_matches("uy ban nhan dan")
                .trim_start_matches("ubnd")
                .trim()
                .to_string();
            let mut place_text = text.to_string();
            if name.is_empty()
                && let Some((next_index, next)) = blocks.get(position + 1)
                && is_all_caps(&next.text)
                && place_word(&fold(&next.text)).is_some()
            {
                chrome.insert(*next_index);
                name = fold(&next.text);
                place_text = next.text.clone();
            }
            if !name.is_empty()
                && let Some(place) = place_from_caps(&place_text)
            {
                set_issuer(&mut issuer, &mut commune, place);
            }
            continue;
        }
        if folded.starts_with("chu tich uy ban nhan dan ") && is_all_caps(text) {
            let caps = &text[text.find(['Ủ', 'U']).unwrap_or(0)..];
            if let Some(place) = place_from_caps(caps) {
                set_issuer(&mut issuer, &mut commune, place);
            }
        }
        if folded.starts_with("(kem theo") || folded.starts_with("kem theo") {
            read_attachment(block, &mut decision, &mut notes, &mut issuer, &mut commune);
        }
        if folded.contains("hieu luc") && folded.contains("ke tu ngay ky") {
            decision.effective = decision.effective.or(decision.date);
        } else if folded.contains("co hieu luc")
            && let Some(date) = parse_date(text)
        {
            decision.effective.get_or_insert(date);
        }
    }
    if decision.effective.is_none()
        && blocks.iter().any(|(_, b)| {
            let f = fold(&b.text);
            f.contains("hieu luc") && f.contains("ke tu ngay ky")
        })
    {
        decision.effective = decision.date;
    }
    let (signer, signer_title) = find_signer(&blocks);
    decision.signer = signer;
    decision.signer_title = signer_title;
    if issuer.is_none() {
        notes.push(Note {
            line: 0,
            message: "không thấy cơ quan ban hành: ghi `issuer` (ví dụ “Ủy ban nhân dân xã …”)"
                .into(),
        });
    }
    let period = find_period(&title, &blocks).unwrap_or_else(|| {
        notes.push(Note {
            line: 0,
            message: format!(
                "không thấy năm hay giai đoạn của kế hoạch: đã ghi tạm {fallback_year}, sửa `period`"
            ),
        });
        (fallback_year, fallback_year)
    });
    let replaces = find_replaced(&blocks);
    let legal_bases = find_legal_bases(&blocks, &parts);
    let standing_office = find_standing_office(&blocks);
    let funding = find_funding(&blocks);
    let province = find_province(&blocks);
    if commune.is_none() {
        commune = most_frequent_place(&blocks, &["xã", "phường", "đặc khu"]);
    }
    if commune.is_none() {
        notes.push(Note {
            line: 0,
            message: "không nhận ra tên xã/phường: dùng --commune <tỉnh>/<xã> để chọn thư mục"
                .into(),
        });
    }
    Meta {
        title,
        kind,
        period,
        issuer,
        summary,
        decision,
        legal_bases,
        replaces,
        standing_office,
        funding,
        commune,
        province,
        parts,
        chrome,
        notes,
    }
}

fn kind_rank(kind: PlanKind) -> u8 {
    match kind {
        PlanKind::KeHoach => 0,
        PlanKind::BaoCao => 1,
        PlanKind::PhuLuc => 2,
        PlanKind::QuyetDinh => 3,
    }
}

/// The part titles: a line that is only `QUYẾT ĐỊNH`, `KẾ HOẠCH`, `PHỤ LỤC [I]`, `BÁO CÁO`.
fn find_parts(blocks: &[(usize, &Block)]) -> Vec<Part> {
    let mut parts = Vec::new();
    for (position, (index, block)) in blocks.iter().enumerate() {
        let folded = fold(block.text.trim());
        let mut words = folded.split_whitespace();
        let head = [words.next().unwrap_or(""), words.next().unwrap_or("")].join(" ");
        let rest: Vec<&str> = words.collect();
        let numbered = rest.is_empty()
            || (rest.len() == 1
                && (rest[0].chars().all(|c| c.is_ascii_digit())
                    || super::text::roman(&rest[0].to_uppercase()).is_some()));
        let kind = match head.as_str() {
            "quyet dinh" if rest.is_empty() => PlanKind::QuyetDinh,
            "ke hoach" if rest.is_empty() => PlanKind::KeHoach,
            "phu luc" if numbered => PlanKind::PhuLuc,
            "bao cao" if rest.is_empty() => PlanKind::BaoCao,
            _ => continue,
        };
        let subtitle = blocks.get(position + 1).and_then(|(next_index, next)| {
            let text = next.text.as_str();
            let usable = !text.starts_with('(')
                && !fold(text).starts_with("kem theo")
                && !fold(text).starts_with("chu tich")
                && !fold(text).starts_with("can cu")
                && (is_all_caps(text) || !starts_block(text))
                && text.chars().count() < 400;
            usable.then_some(*next_index)
        });
        parts.push(Part {
            title: *index,
            kind,
            subtitle,
        });
    }
    parts
}

/// The title of the main part from its subtitle: `Kế hoạch cải cách hành chính … năm 2026`.
fn make_title(kind: PlanKind, subtitle: Option<&str>, blocks: &[(usize, &Block)]) -> String {
    let label = kind.label();
    let Some(subtitle) = subtitle.map(|s| s.trim().trim_end_matches(['.', ':'])) else {
        return blocks
            .iter()
            .map(|(_, b)| b.text.as_str())
            .find(|t| t.chars().filter(|c| c.is_alphabetic()).count() >= 4)
            .map(|t| t.chars().take(160).collect::<String>())
            .unwrap_or_else(|| format!("{label} (chưa rõ tên)"));
    };
    let subtitle = if is_all_caps(subtitle) {
        capitalize_first(&subtitle.to_lowercase())
    } else {
        subtitle.to_string()
    };
    let folded = fold(&subtitle);
    for prefix in ["ve viec ban hanh ", "ban hanh "] {
        if folded.starts_with(prefix) {
            let rest: String = subtitle.chars().skip(prefix.chars().count()).collect();
            return capitalize_first(&rest);
        }
    }
    if folded.starts_with(&fold(label)) {
        return capitalize_first(&subtitle);
    }
    match kind {
        PlanKind::PhuLuc => format!("{label}: {}", capitalize_first(&subtitle)),
        _ => format!("{label} {}", lowercase_first(&subtitle)),
    }
}

/// `Xã Tuệ Tĩnh, ngày 24 tháng 4 năm 2026` (also with the day and month left blank).
fn is_place_date(text: &str) -> bool {
    let folded = fold(text);
    let Some(at) = folded.find(", ngay") else {
        return false;
    };
    at < 60 && folded.contains("nam") && folded.contains("thang") && text.chars().count() < 100
}

fn read_date(block: &Block, decision: &mut Decision, notes: &mut Vec<Note>) {
    match parse_date(&block.text) {
        Some(date) => {
            decision.date.get_or_insert(date);
        }
        None => notes.push(Note {
            line: block.line,
            message: format!(
                "ngày ban hành chưa đủ (“{}”): ghi `decision.date` khi văn bản có ngày",
                block.text
            ),
        }),
    }
}

/// `(Kèm theo Quyết định số 999/QĐ-UBND ngày 26/9/2025 của Ủy ban nhân dân phường An Biên)`.
fn read_attachment(
    block: &Block,
    decision: &mut Decision,
    notes: &mut Vec<Note>,
    issuer: &mut Option<String>,
    commune: &mut Option<Place>,
) {
    let text = block.text.as_str();
    let folded = fold(text);
    if folded.contains("quyet dinh so") {
        let numbers = act_numbers(text);
        match numbers.first() {
            Some(number) => {
                decision.number.get_or_insert_with(|| number.clone());
            }
            None if decision.number.is_none()
                && !notes.iter().any(|n| n.message.contains("số ký hiệu")) =>
            {
                notes.push(Note {
                    line: block.line,
                    message: "văn bản kèm theo một quyết định chưa ghi số ký hiệu: ghi `decision.number` khi có số".into(),
                })
            }
            None => {}
        }
        if let Some(date) = parse_date(text) {
            decision.date.get_or_insert(date);
        }
    } else if folded.contains(" so /") {
        notes.push(Note {
            line: block.line,
            message: format!(
                "văn bản gốc chưa ghi số ký hiệu: {}",
                text.trim_matches(['(', ')'])
            ),
        });
    }
    if let Some(at) = folded.rfind(" cua ") {
        let tail: String = text
            .chars()
            .skip(folded[..at].chars().count() + 5)
            .collect();
        if let Some(place) = place_in(&tail, &["xã", "phường", "đặc khu"]) {
            set_issuer(issuer, commune, place);
        }
    }
}

fn set_issuer(issuer: &mut Option<String>, commune: &mut Option<Place>, place: Place) {
    if issuer.is_none() {
        let word = match place.kind {
            "xa" => "xã",
            "phuong" => "phường",
            "dac-khu" => "đặc khu",
            "tinh" => "tỉnh",
            _ => "thành phố",
        };
        *issuer = Some(format!("Ủy ban nhân dân {word} {}", place.name));
    }
    if commune.is_none() && matches!(place.kind, "xa" | "phuong" | "dac-khu") {
        *commune = Some(place);
    }
}

/// The kind of a place from its leading word (folded).
fn place_word(folded: &str) -> Option<(&'static str, usize)> {
    [
        ("xa ", "xa"),
        ("phuong ", "phuong"),
        ("dac khu ", "dac-khu"),
        ("thanh pho ", "thanh-pho"),
        ("tinh ", "tinh"),
    ]
    .iter()
    .find(|(word, _)| folded.starts_with(word))
    .map(|(word, kind)| (*kind, word.split_whitespace().count()))
}

/// `ỦY BAN NHÂN DÂN XÃ TUỆ TĨNH` or `PHƯỜNG AN BIÊN` → the place.
fn place_from_caps(text: &str) -> Option<Place> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let start = folded
        .iter()
        .position(|w| ["xa", "phuong", "dac", "tinh", "thanh"].contains(&w.as_str()))?;
    let rest = folded[start..].join(" ") + " ";
    let (kind, skip) = place_word(&rest)?;
    let name = words[start + skip..].join(" ");
    let name = name.trim_matches(|c: char| !c.is_alphanumeric());
    (!name.is_empty()).then(|| Place {
        kind,
        name: title_case(name),
    })
}

/// The first `xã Tân Hòa` (a kind word followed by capitalised words) in a text.
fn place_in(text: &str, kinds: &[&str]) -> Option<Place> {
    places_in(text, kinds).into_iter().next()
}

fn places_in(text: &str, kinds: &[&str]) -> Vec<Place> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut found = Vec::new();
    let mut index = 0;
    while index < words.len() {
        let here = fold(&words[index..(index + 2).min(words.len())].join(" ")) + " ";
        let matched = kinds.iter().find_map(|kind| {
            let k = fold(kind) + " ";
            let width = kind.split_whitespace().count();
            (here.starts_with(&k)
                && fold(words[index]) == fold(kind.split_whitespace().next().unwrap_or("")))
            .then_some(width)
        });
        let Some(width) = matched else {
            index += 1;
            continue;
        };
        let mut name = Vec::new();
        for word in &words[index + width..] {
            let clean = word.trim_end_matches([',', '.', ';', ':', ')', '”', '"']);
            let capitalised = clean.chars().next().is_some_and(char::is_uppercase)
                && clean.chars().skip(1).all(|c| c.is_lowercase())
                && clean.chars().count() > 1;
            if !capitalised || name.len() == 4 {
                break;
            }
            name.push(clean);
            if clean.len() != word.len() {
                break;
            }
        }
        if !name.is_empty() {
            let kind = place_word(&(fold(&words[index..index + width].join(" ")) + " "))
                .map_or("xa", |(kind, _)| kind);
            found.push(Place {
                kind,
                name: name.join(" "),
            });
        }
        index += width + name.len().max(1);
    }
    found
}

/// The place of the given kinds named most often in the document.
fn most_frequent_place(blocks: &[(usize, &Block)], kinds: &[&str]) -> Option<Place> {
    let mut counts: BTreeMap<(String, &'static str), (usize, usize)> = BTreeMap::new();
    for (order, (_, block)) in blocks.iter().enumerate() {
        let text = if is_all_caps(&block.text) {
            title_case(&block.text)
        } else {
            block.text.clone()
        };
        for place in places_in(&text, kinds) {
            let entry = counts.entry((place.name, place.kind)).or_insert((0, order));
            entry.0 += 1;
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))
        .map(|((name, kind), _)| Place { kind, name })
}

fn find_province(blocks: &[(usize, &Block)]) -> Option<Place> {
    most_frequent_place(blocks, &["tỉnh", "thành phố"])
}

/// The signer: a name under a title line in capitals (`CHỦ TỊCH`, `KT. CHỦ TỊCH` / `PHÓ CHỦ TỊCH`).
fn find_signer(blocks: &[(usize, &Block)]) -> (Option<String>, Option<String>) {
    for (position, (_, block)) in blocks.iter().enumerate() {
        if !is_person_name(&block.text) {
            continue;
        }
        for back in 1..=3 {
            let Some((_, title)) = position.checked_sub(back).and_then(|p| blocks.get(p)) else {
                break;
            };
            let folded = fold(&title.text);
            let titled = ["chu tich", "giam doc", "truong ", "bi thu", "thu truong"]
                .iter()
                .any(|t| folded.contains(t));
            if is_all_caps(&title.text) && titled && title.text.chars().count() < 60 {
                let words = title.text.split_whitespace().collect::<Vec<_>>();
                // `KT. CHỦ TỊCH PHÓ CHỦ TỊCH` joined: the signer's own title is the last one.
                let own = ["PHÓ CHỦ TỊCH", "CHỦ TỊCH", "PHÓ GIÁM ĐỐC", "GIÁM ĐỐC"]
                    .iter()
                    .find(|t| title.text.ends_with(*t))
                    .map_or_else(|| words.join(" "), |t| t.to_string());
                let role = capitalize_first(&own.to_lowercase()).replace("chủ tịch", "Chủ tịch");
                return (Some(block.text.clone()), Some(role));
            }
        }
    }
    (None, None)
}

/// `Nguyễn Thị Hạnh`: two to five capitalised words, nothing else.
fn is_person_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && text.chars().count() <= 40
        && words.iter().all(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase)
        })
}

/// First and last year: from the title (`giai đoạn 2026-2030`, `năm 2026`), else from the text.
fn find_period(title: &str, blocks: &[(usize, &Block)]) -> Option<(i32, i32)> {
    if let Some(period) = period_in(title) {
        return Some(period);
    }
    blocks.iter().take(40).find_map(|(_, b)| period_in(&b.text))
}

/// `giai đoạn 2026 - 2030` → (2026, 2030); `năm 2026` → (2026, 2026).
pub fn period_in(text: &str) -> Option<(i32, i32)> {
    let folded = fold(text);
    let years = |s: &str| -> Vec<i32> {
        s.split(|c: char| !c.is_ascii_digit())
            .filter(|w| w.len() == 4)
            .filter_map(|w| w.parse().ok())
            .filter(|y| (1990..=2100).contains(y))
            .collect()
    };
    if let Some(at) = folded.find("giai doan") {
        let rest: String = folded[at + 9..].chars().take(16).collect();
        let found = years(&rest);
        if found.len() >= 2 && found[0] <= found[1] {
            return Some((found[0], found[1]));
        }
    }
    for (at, _) in folded.match_indices("nam ") {
        let rest: String = folded[at + 4..].chars().take(6).collect();
        if let Some(year) = years(&rest).first() {
            return Some((*year, *year));
        }
    }
    None
}

/// Numbers of the acts that the decision replaces (`… thay thế Quyết định số 586/QĐ-UBND …`).
fn find_replaced(blocks: &[(usize, &Block)]) -> Vec<String> {
    let mut replaced = Vec::new();
    for (_, block) in blocks {
        let folded = fold(&block.text);
        let Some(at) = folded.find("thay the ") else {
            continue;
        };
        let tail: String = block
            .text
            .chars()
            .skip(folded[..at].chars().count())
            .collect();
        let sentence = tail.split(['.', ';']).next().unwrap_or("");
        let sentence = sentence
            .split(" về việc ")
            .next()
            .unwrap_or(sentence)
            .to_string();
        for number in act_numbers(&tail[..sentence.len().min(tail.len())]) {
            if !replaced.contains(&number) {
                replaced.push(number);
            }
        }
    }
    replaced
}

/// The `Căn cứ …` and `Thực hiện <văn bản> …` of the opening, deduplicated by act number.
fn find_legal_bases(blocks: &[(usize, &Block)], parts: &[Part]) -> Vec<String> {
    let mut bases: Vec<String> = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let body_start = blocks
        .iter()
        .find(|(i, b)| {
            matches!(marker(&b.text), Some((super::markers::Marker::Roman(_), _)))
                && !parts.iter().any(|p| p.title == *i)
        })
        .map_or(usize::MAX, |(i, _)| *i);
    for (index, block) in blocks {
        if *index >= body_start {
            break;
        }
        for segment in block.text.split("; ") {
            let segment = segment.trim();
            let folded = fold(segment);
            let basis = if folded.starts_with("can cu ") {
                segment
                    .split_once(' ')
                    .map(|(_, r)| r.split_once(' ').map_or(r, |(_, r)| r))
            } else if folded.starts_with("thuc hien ")
                && [
                    "quyet dinh",
                    "nghi quyet",
                    "ke hoach",
                    "chi thi",
                    "cong van",
                    "thong bao",
                ]
                .iter()
                .any(|w| folded["thuc hien ".len()..].starts_with(w))
            {
                segment
                    .split_once(' ')
                    .map(|(_, r)| r.split_once(' ').map_or(r, |(_, r)| r))
            } else {
                None
            };
            let Some(basis) = basis else {
                continue;
            };
            let basis = basis
                .trim()
                .trim_end_matches([';', '.', ','])
                .trim_end_matches(", như sau:")
                .trim();
            let basis = match basis.find(" (gọi tắt") {
                Some(at) => &basis[..at],
                None => basis,
            };
            let key = act_numbers(basis)
                .into_iter()
                .next()
                .unwrap_or_else(|| fold(basis));
            if basis.is_empty() || !seen.insert(key) {
                continue;
            }
            bases.push(capitalize_first(&compact_dates(basis)));
        }
    }
    bases
}

/// The standing office: `cơ quan thường trực … (Phòng Văn hóa-Xã hội)`, or the heading above
/// `Là cơ quan thường trực …`.
fn find_standing_office(blocks: &[(usize, &Block)]) -> Option<String> {
    let tidy = |name: &str| -> String {
        let name = name.trim().trim_end_matches([':', '.', ';']);
        let name = marker(name).map_or(name, |(_, rest)| rest);
        collapse(&name.replace(['-', '–'], " - "))
    };
    for (position, (_, block)) in blocks.iter().enumerate() {
        let folded = fold(&block.text);
        if folded.starts_with("la co quan thuong truc")
            && let Some((_, above)) = position.checked_sub(1).and_then(|p| blocks.get(p))
            && fold(&above.text).contains("phong")
        {
            return Some(tidy(&above.text));
        }
        if let Some(at) = folded.find("co quan thuong truc") {
            let tail: String = block
                .text
                .chars()
                .skip(folded[..at].chars().count())
                .collect();
            if let Some(open) = tail.find('(')
                && let Some(close) = tail[open..].find(')')
            {
                let inside = &tail[open + 1..open + close];
                if fold(inside).starts_with("phong") || fold(inside).starts_with("van phong") {
                    return Some(tidy(inside));
                }
            }
        }
    }
    None
}

/// The paragraph under the `KINH PHÍ` heading.
fn find_funding(blocks: &[(usize, &Block)]) -> Option<String> {
    for (position, (_, block)) in blocks.iter().enumerate() {
        let heading = marker(&block.text)
            .map(|(_, rest)| fold(rest))
            .unwrap_or_default();
        let heading = heading.trim_end_matches([':', '.']).trim();
        if heading == "kinh phi" || heading == "kinh phi thuc hien" {
            return blocks
                .get(position + 1)
                .filter(|(_, next)| marker(&next.text).is_none())
                .map(|(_, next)| next.text.clone());
        }
    }
    None
}

/// The date of the decision as written, for the report.
pub fn shown_date(date: Option<Date>) -> String {
    date.map_or_else(|| "(chưa có)".to_string(), |d| d.display_vi())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_periods() {
        assert_eq!(period_in("giai đoạn 2026 – 2030"), Some((2026, 2030)));
        assert_eq!(period_in("xã Nam An Phụ năm 2026"), Some((2026, 2026)));
        assert_eq!(period_in("không có năm"), None);
    }

    #[test]
    fn reads_places() {
        assert_eq!(
            place_from_caps("ỦY BAN NHÂN DÂN XÃ TUỆ TĨNH"),
            Some(Place {
                kind: "xa",
                name: "Tuệ Tĩnh".into()
            })
        );
        assert_eq!(
            place_in("của UBND xã Lộc Tân)", &["xã"]),
            Some(Place {
                kind: "xa",
                name: "Lộc Tân".into()
            })
        );
        assert_eq!(
            places_in("Ủy ban nhân dân thành phố Hải Phòng về", &["thành phố"]),
            [Place {
                kind: "thanh-pho",
                name: "Hải Phòng".into()
            }]
        );
        assert!(places_in("tỉnh, thành phố trực thuộc", &["thành phố"]).is_empty());
    }

    #[test]
    fn recognises_person_names() {
        assert!(is_person_name("Nguyễn Thị Hạnh"));
        assert!(!is_person_name("Nơi nhận:"));
        assert!(!is_person_name("CHỦ TỊCH"));
    }
}
