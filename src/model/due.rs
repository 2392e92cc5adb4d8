//! A task's "Thời gian" read as a deadline. Editors write it freely ("Quý I/2026", "Trước ngày
//! 15/01/2026", "Thường xuyên", "Khi có hướng dẫn của tỉnh"); `parse_due` recognizes the common
//! forms and keeps everything else as written. It is deliberately strict: the whole text must be
//! made of recognized expressions, so a date that is only mentioned ("theo Kế hoạch số 310/KH-UBND
//! ngày 24/11/2025") never becomes a deadline.

use jiff::civil::Date;
use std::fmt;
use unicode_normalization::UnicodeNormalization;

/// A parsed "Thời gian".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Due {
    /// On (or by) a day: "Ngày 30/6/2026", "30/06/2026".
    Date(Date),
    /// Before a day: "Trước ngày 15/01/2026", "Chậm nhất ngày 30/6/2026", "Đến hết năm 2026"
    /// (31/12/2026), "Trước quý II/2026" (01/04/2026).
    Before(Date),
    /// Within a span: "Quý I/2026", "Tháng 7-9/2026", "Cả năm 2026", "Giai đoạn 2026 - 2030".
    Period {
        /// First day.
        start: Date,
        /// Last day.
        end: Date,
    },
    /// Repeats, with no single deadline: "Thường xuyên", "Hằng năm", "Định kỳ hằng quý".
    Recurring(Recurrence),
    /// Anything else, kept verbatim (trimmed).
    AsWritten(String),
}

/// How often a recurring task repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recurrence {
    /// Thường xuyên, liên tục.
    Continuous,
    /// Hằng ngày.
    Daily,
    /// Hằng tuần.
    Weekly,
    /// Hằng tháng.
    Monthly,
    /// Hằng quý (also "trước ngày 05 của tháng cuối quý").
    Quarterly,
    /// Hằng năm.
    Yearly,
    /// Định kỳ, without a stated frequency.
    Periodic,
}

impl Recurrence {
    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            Recurrence::Continuous => "thường xuyên",
            Recurrence::Daily => "hằng ngày",
            Recurrence::Weekly => "hằng tuần",
            Recurrence::Monthly => "hằng tháng",
            Recurrence::Quarterly => "hằng quý",
            Recurrence::Yearly => "hằng năm",
            Recurrence::Periodic => "định kỳ",
        }
    }
}

impl Due {
    /// A short machine name: `date`, `before`, `period`, `recurring` or `as-written`.
    pub fn kind(&self) -> &'static str {
        match self {
            Due::Date(_) => "date",
            Due::Before(_) => "before",
            Due::Period { .. } => "period",
            Due::Recurring(_) => "recurring",
            Due::AsWritten(_) => "as-written",
        }
    }

    /// First day it covers (the day itself for a deadline); None when recurring or as written.
    pub fn start(&self) -> Option<Date> {
        match *self {
            Due::Date(day) | Due::Before(day) => Some(day),
            Due::Period { start, .. } => Some(start),
            _ => None,
        }
    }

    /// The deadline: the day, or the last day of the period; None when recurring or as written.
    /// Sort by `(end().is_none(), end())` to put undated tasks last.
    pub fn end(&self) -> Option<Date> {
        match *self {
            Due::Date(day) | Due::Before(day) => Some(day),
            Due::Period { end, .. } => Some(end),
            _ => None,
        }
    }

    /// ISO 8601: `2026-01-15`, or the interval `2026-01-01/2026-03-31` for a period.
    pub fn iso(&self) -> Option<String> {
        match *self {
            Due::Date(day) | Due::Before(day) => Some(day.to_string()),
            Due::Period { start, end } => Some(format!("{start}/{end}")),
            _ => None,
        }
    }

    /// What it means, in Vietnamese: "ngày 30/06/2026", "trước 15/01/2026", "quý I/2026",
    /// "tháng 7–9/2026", "năm 2026", "2026–2030", "thường xuyên", or the text as written.
    pub fn label(&self) -> String {
        match self {
            Due::Date(day) => format!("ngày {}", day_vi(*day)),
            Due::Before(day) => format!("trước {}", day_vi(*day)),
            Due::Period { start, end } => period_label(*start, *end),
            Due::Recurring(recurrence) => recurrence.label().to_string(),
            Due::AsWritten(text) => text.clone(),
        }
    }
}

impl fmt::Display for Due {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// `15/01/2026`.
pub fn day_vi(day: Date) -> String {
    format!("{:02}/{:02}/{}", day.day(), day.month(), day.year())
}

const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];

fn period_label(start: Date, end: Date) -> String {
    let months_aligned = start.day() == 1 && end == end.last_of_month();
    if !months_aligned {
        return format!("từ {} đến {}", day_vi(start), day_vi(end));
    }
    let (y1, m1, y2, m2) = (start.year(), start.month(), end.year(), end.month());
    let quarters = (m1 - 1) % 3 == 0 && m2 % 3 == 0;
    let quarter = |m: i8| ROMAN[((m - 1) / 3) as usize];
    if m1 == 1 && m2 == 12 {
        return if y1 == y2 {
            format!("năm {y1}")
        } else {
            format!("{y1}–{y2}")
        };
    }
    if y1 == y2 {
        if quarters && m2 - m1 == 2 {
            format!("quý {}/{y1}", quarter(m1))
        } else if m1 == 1 && m2 == 6 {
            format!("6 tháng đầu năm {y1}")
        } else if m1 == 7 && m2 == 12 {
            format!("6 tháng cuối năm {y1}")
        } else if m1 == m2 {
            format!("tháng {m1}/{y1}")
        } else {
            format!("tháng {m1}–{m2}/{y1}")
        }
    } else if quarters {
        format!("quý {}/{y1} – quý {}/{y2}", quarter(m1), quarter(m2))
    } else {
        format!("tháng {m1}/{y1} – tháng {m2}/{y2}")
    }
}

/// Reads a "Thời gian" as written by an editor. Never fails: what it cannot read with certainty
/// is returned as [`Due::AsWritten`].
pub fn parse_due(text: &str) -> Due {
    let tokens = tokenize(text);
    if let Some(recurrence) = recurrence(&tokens) {
        return Due::Recurring(recurrence);
    }
    dated(&tokens).unwrap_or_else(|| Due::AsWritten(text.trim().to_string()))
}

// ---------------------------------------------------------------------------------------------
// Tokens: NFKD (so NFC, NFD and compatibility forms such as "Ⅳ" or full-width digits agree),
// without marks, `đ` as `d`, lowercase, every dash as `-`; then runs of letters, runs of digits and
// single punctuation characters. Spaces only separate.

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Word(String),
    Num { value: u32, digits: usize },
    Punct(char),
}

fn fold(c: char) -> Option<char> {
    match c {
        '\u{300}'..='\u{36f}' => None,
        'đ' | 'Đ' => Some('d'),
        '–' | '—' | '‒' | '−' | '‐' | '‑' | '―' | '~' => Some('-'),
        _ => Some(c),
    }
}

fn tokenize(text: &str) -> Vec<Tok> {
    let folded: Vec<char> = text
        .nfkd()
        .filter_map(fold)
        .flat_map(char::to_lowercase)
        .collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < folded.len() {
        let c = folded[i];
        let start = i;
        if c.is_ascii_digit() {
            while i < folded.len() && folded[i].is_ascii_digit() {
                i += 1;
            }
            let digits: String = folded[start..i].iter().collect();
            tokens.push(Tok::Num {
                value: digits.parse().unwrap_or(u32::MAX),
                digits: i - start,
            });
        } else if c.is_alphabetic() {
            while i < folded.len() && folded[i].is_alphabetic() {
                i += 1;
            }
            tokens.push(Tok::Word(folded[start..i].iter().collect()));
        } else {
            if !c.is_whitespace() {
                tokens.push(Tok::Punct(c));
            }
            i += 1;
        }
    }
    tokens
}

fn word_at(tokens: &[Tok], i: usize) -> Option<&str> {
    match tokens.get(i) {
        Some(Tok::Word(w)) => Some(w),
        _ => None,
    }
}

fn quarter_numeral(token: Option<&Tok>) -> Option<u8> {
    match token? {
        Tok::Word(w) => match w.as_str() {
            "i" => Some(1),
            "ii" => Some(2),
            "iii" => Some(3),
            "iv" => Some(4),
            _ => None,
        },
        &Tok::Num { value, digits } if digits <= 2 && (1..=4).contains(&value) => Some(value as u8),
        _ => None,
    }
}

/// Recurrence words anywhere in the text win over dates: "Hằng năm, trước 15/12" has no single
/// deadline. A stated frequency wins over "định kỳ", which wins over "thường xuyên".
fn recurrence(tokens: &[Tok]) -> Option<Recurrence> {
    let unit = |i: usize| match word_at(tokens, i) {
        Some("nam") => Some(Recurrence::Yearly),
        Some("quy" | "qui") => Some(Recurrence::Quarterly),
        Some("thang") => Some(Recurrence::Monthly),
        Some("tuan") => Some(Recurrence::Weekly),
        Some("ngay") => Some(Recurrence::Daily),
        _ => None,
    };
    let (mut stated, mut periodic, mut continuous) = (None, false, false);
    for i in 0..tokens.len() {
        let next = word_at(tokens, i + 1);
        match word_at(tokens, i) {
            Some("hang" | "moi" | "tung") => stated = stated.or(unit(i + 1)),
            Some("thuong") if next == Some("xuyen") => continuous = true,
            Some("lien") if next == Some("tuc") => continuous = true,
            Some("dinh") if next == Some("ky") => periodic = true,
            // "tháng cuối quý", "cuối quý" with no quarter named: every quarter.
            Some("cuoi" | "dau" | "giua")
                if matches!(next, Some("quy" | "qui"))
                    && quarter_numeral(tokens.get(i + 2)).is_none() =>
            {
                stated = stated.or(Some(Recurrence::Quarterly));
            }
            _ => {}
        }
    }
    stated
        .or(periodic.then_some(Recurrence::Periodic))
        .or(continuous.then_some(Recurrence::Continuous))
}

// ---------------------------------------------------------------------------------------------
// Dates: the text is read as pieces ("quý I/2026", "ngày 15/01/2026", "2026-2030") joined by
// "và", ",", ";" (several deadlines) or "đến", "-" (a range). A piece may omit its year when a
// later piece of the same kind gives it ("Quý I, II/2026", "Tháng 01 đến tháng 5/2026").

/// What a piece names, before its year is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day { day: u8, month: u8 },
    Months { first: u8, last: u8 },
    Quarter(u8),
    Years { first: i32, last: i32 },
}

impl Unit {
    fn same_kind(self, other: Unit) -> bool {
        std::mem::discriminant(&self) == std::mem::discriminant(&other)
    }

    /// First and last day, in `year` (ignored by `Years`).
    fn span(self, year: i32) -> Option<(Date, Date)> {
        let day = |y: i32, m: u8, d: u8| Date::new(i16::try_from(y).ok()?, m as i8, d as i8).ok();
        let months =
            |first: u8, last: u8| Some((day(year, first, 1)?, day(year, last, 1)?.last_of_month()));
        match self {
            Unit::Day { day: d, month } => {
                let date = day(year, month, d)?;
                Some((date, date))
            }
            Unit::Months { first, last } => months(first, last),
            Unit::Quarter(q) => months(3 * q - 2, 3 * q),
            Unit::Years { first, last } => Some((day(first, 1, 1)?, day(last, 12, 31)?)),
        }
    }
}

/// How a piece is introduced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Nothing, or "trong", "vào", "cả"…
    Within,
    /// "Trước": before its first day.
    Before,
    /// "Chậm nhất", "đến hết", "hạn": by its last day.
    By,
    /// "Từ": only valid as the start of a range.
    From,
}

#[derive(Debug, Clone, Copy)]
struct Piece {
    mode: Mode,
    unit: Unit,
    year: Option<i32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Join {
    And,
    To,
}

struct Parser<'a> {
    tokens: &'a [Tok],
    pos: usize,
}

const MIN_YEAR: u32 = 1900;
const MAX_YEAR: u32 = 2200;

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.pos)
    }

    fn at_word(&self, word: &str) -> bool {
        word_at(self.tokens, self.pos) == Some(word)
    }

    fn eat_word(&mut self, word: &str) -> bool {
        let found = self.at_word(word);
        self.pos += usize::from(found);
        found
    }

    /// Consumes all of `words` in sequence, or nothing.
    fn eat_words(&mut self, words: &[&str]) -> bool {
        let found = words
            .iter()
            .enumerate()
            .all(|(k, w)| word_at(self.tokens, self.pos + k) == Some(w));
        if found {
            self.pos += words.len();
        }
        found
    }

    fn eat_punct(&mut self, c: char) -> bool {
        let found = self.peek() == Some(&Tok::Punct(c));
        self.pos += usize::from(found);
        found
    }

    /// A number of at most `max_digits` digits within `range`.
    fn eat_num(&mut self, max_digits: usize, range: std::ops::RangeInclusive<u32>) -> Option<u32> {
        match *self.peek()? {
            Tok::Num { value, digits } if digits <= max_digits && range.contains(&value) => {
                self.pos += 1;
                Some(value)
            }
            _ => None,
        }
    }

    fn eat_year(&mut self) -> Option<i32> {
        match *self.peek()? {
            Tok::Num { value, digits: 4 } if (MIN_YEAR..=MAX_YEAR).contains(&value) => {
                self.pos += 1;
                Some(value as i32)
            }
            _ => None,
        }
    }

    fn eat_month(&mut self) -> Option<u8> {
        self.eat_num(2, 1..=12).map(|m| m as u8)
    }

    fn eat_quarter(&mut self) -> Option<u8> {
        let quarter = quarter_numeral(self.peek())?;
        self.pos += 1;
        Some(quarter)
    }

    /// Runs `parse`, rewinding when it fails.
    fn attempt<T>(&mut self, parse: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let saved = self.pos;
        let result = parse(self);
        if result.is_none() {
            self.pos = saved;
        }
        result
    }

    /// "/2026", "-2026", " năm 2026", "/năm 2026", ", 2026".
    fn year_suffix(&mut self) -> Option<i32> {
        self.attempt(|p| {
            let _ = p.eat_punct('/') || p.eat_punct('-') || p.eat_punct(',') || p.eat_punct('.');
            p.eat_word("nam");
            p.eat_year()
        })
    }

    /// "- 9", "đến tháng 9", "tới 9": the end of a month range.
    fn month_range_end(&mut self) -> Option<u8> {
        self.attempt(|p| {
            if !(p.eat_punct('-') || p.eat_word("den") || p.eat_word("toi")) {
                return None;
            }
            p.eat_word("thang");
            p.eat_month()
        })
    }

    /// A second year after "-", "đến": "2026 - 2030", "2026 đến năm 2030".
    fn year_range_end(&mut self) -> Option<i32> {
        self.attempt(|p| {
            if !(p.eat_punct('-') || p.eat_word("den") || p.eat_word("toi")) {
                return None;
            }
            p.eat_word("nam");
            p.eat_year()
        })
    }

    /// Words that introduce a piece without changing it, and those that set its mode.
    fn introduction(&mut self, first: bool) -> Mode {
        let mut mode = Mode::Within;
        loop {
            let filler = self.eat_words(&["thoi", "gian"])
                || self.eat_words(&["thoi", "han"])
                || self.eat_words(&["hoan", "thanh"])
                || self.eat_words(&["thuc", "hien"])
                || self.eat_words(&["trien", "khai"])
                || self.eat_words(&["giai", "doan"])
                || self.eat_word("xong")
                || self.eat_word("trong")
                || self.eat_word("vao")
                || self.eat_word("ca")
                || self.eat_word("cac")
                || self.eat_punct(':');
            if filler {
                continue;
            }
            if self.eat_word("truoc") {
                mode = Mode::Before;
            } else if self.eat_words(&["cham", "nhat"])
                || self.eat_words(&["khong", "qua"])
                || self.eat_words(&["han", "chot"])
                || self.eat_word("han")
                || (first && self.eat_words(&["den", "het"]))
                || (first && self.eat_word("den"))
            {
                mode = Mode::By;
                self.eat_word("la");
            } else if self.eat_words(&["ke", "tu"]) || self.eat_word("tu") {
                mode = Mode::From;
            } else {
                return mode;
            }
        }
    }

    /// One piece; `previous` allows a bare numeral to continue a list ("Quý I, II/2026").
    fn piece(&mut self, first: bool, previous: Option<Unit>) -> Option<Piece> {
        let mode = self.introduction(first);
        let (unit, year) = self.attempt(Self::named).or_else(|| {
            self.attempt(|p| {
                let unit = match previous? {
                    Unit::Quarter(_) => Unit::Quarter(p.eat_quarter()?),
                    Unit::Months { .. } => {
                        let first = p.eat_month()?;
                        let last = p.month_range_end().unwrap_or(first);
                        Unit::Months { first, last }
                    }
                    _ => return None,
                };
                Some((unit, p.year_suffix()))
            })
        })?;
        Some(Piece { mode, unit, year })
    }

    /// A piece that says what it is.
    fn named(&mut self) -> Option<(Unit, Option<i32>)> {
        // Quý I/2026, Quý IV năm 2026, Q1/2026.
        if self.eat_word("quy") || self.eat_word("qui") || self.eat_word("q") {
            let quarter = self.eat_quarter()?;
            return Some((Unit::Quarter(quarter), self.year_suffix()));
        }
        // Nửa đầu năm 2026.
        if self.eat_word("nua") {
            let unit = if self.eat_word("dau") {
                Unit::Months { first: 1, last: 6 }
            } else if self.eat_word("cuoi") {
                Unit::Months { first: 7, last: 12 }
            } else {
                return None;
            };
            self.eat_word("nam").then_some(())?;
            return Some((unit, self.eat_year()));
        }
        // Tháng 3/2026, Tháng 7-9/2026, Tháng 6 năm 2026.
        if self.eat_word("thang") {
            let first = self.eat_month()?;
            let last = self.month_range_end().unwrap_or(first);
            if last < first {
                return None;
            }
            return Some((Unit::Months { first, last }, self.year_suffix()));
        }
        // Năm 2026, Năm 2026 - 2030.
        if self.eat_word("nam") {
            let first = self.eat_year()?;
            let last = self.year_range_end().unwrap_or(first);
            return (last >= first).then_some((Unit::Years { first, last }, Some(first)));
        }
        // Ngày 15/01/2026, ngày 15 tháng 01 năm 2026, 15/01/2026, 15-01-2026, 15.01.2026.
        let said_day = self.eat_word("ngay");
        if let Some(day) = self.attempt(|p| p.eat_num(2, 1..=31)) {
            // 6 tháng đầu năm 2026, 3 tháng cuối năm 2026.
            if !said_day && let Some(found) = self.attempt(|p| months_of_year(p, day)) {
                return Some(found);
            }
            let month = if self.eat_word("thang") {
                self.eat_month()?
            } else {
                let separator = match self.peek()? {
                    Tok::Punct(c @ ('/' | '-' | '.')) => *c,
                    _ => return None,
                };
                self.pos += 1;
                let month = self.eat_month()?;
                let year = self.attempt(|p| {
                    p.eat_punct(separator).then_some(())?;
                    p.eat_year()
                });
                let year = year.or_else(|| {
                    self.attempt(|p| {
                        p.eat_word("nam").then_some(())?;
                        p.eat_year()
                    })
                });
                return Some((
                    Unit::Day {
                        day: day as u8,
                        month,
                    },
                    year,
                ));
            };
            let year = self.attempt(|p| {
                p.eat_word("nam");
                p.eat_year()
            });
            return Some((
                Unit::Day {
                    day: day as u8,
                    month,
                },
                year,
            ));
        }
        if said_day {
            return None;
        }
        // 2026-01-15 (ISO), 2026, 2026-2030, 2026 đến 2030.
        let first = self.eat_year()?;
        if let Some(date) = self.attempt(|p| {
            p.eat_punct('-').then_some(())?;
            let month = p.eat_month()?;
            p.eat_punct('-').then_some(())?;
            let day = p.eat_num(2, 1..=31)?;
            Some(Unit::Day {
                day: day as u8,
                month,
            })
        }) {
            return Some((date, Some(first)));
        }
        let last = self.year_range_end().unwrap_or(first);
        (last >= first).then_some((Unit::Years { first, last }, Some(first)))
    }

    fn join(&mut self) -> Option<Join> {
        if self.eat_punct(',')
            || self.eat_punct(';')
            || self.eat_punct('&')
            || self.eat_punct('+')
            || self.eat_word("va")
            || self.eat_word("hoac")
        {
            return Some(Join::And);
        }
        if self.eat_punct('-') || self.eat_word("den") || self.eat_word("toi") {
            self.eat_word("het");
            return Some(Join::To);
        }
        None
    }

    /// Whether only closing punctuation is left.
    fn at_end(&self) -> bool {
        self.tokens[self.pos..]
            .iter()
            .all(|t| matches!(t, Tok::Punct('.' | ',' | ';')))
    }
}

/// After a count `n`: "tháng đầu năm 2026" (the first n months) or "tháng cuối năm" (the last).
fn months_of_year(p: &mut Parser<'_>, n: u32) -> Option<(Unit, Option<i32>)> {
    if !(1..=12).contains(&n) || !p.eat_word("thang") {
        return None;
    }
    let n = n as u8;
    let unit = if p.eat_word("dau") {
        Unit::Months { first: 1, last: n }
    } else if p.eat_word("cuoi") {
        Unit::Months {
            first: 13 - n,
            last: 12,
        }
    } else {
        return None;
    };
    p.eat_word("cua");
    p.eat_word("nam").then_some(())?;
    Some((unit, p.eat_year()))
}

fn dated(tokens: &[Tok]) -> Option<Due> {
    let mut parser = Parser { tokens, pos: 0 };
    let mut pieces = vec![parser.piece(true, None)?];
    let mut joins = Vec::new();
    while !parser.at_end() {
        let join = parser.join()?;
        let previous = pieces.last().map(|p: &Piece| p.unit);
        let piece = parser.piece(false, previous)?;
        if join == Join::To && piece.mode != Mode::Within {
            return None;
        }
        joins.push(join);
        pieces.push(piece);
    }

    // Years come from the right: "Quý I, II/2026". Only within one kind, and never backwards
    // ("Tháng 11 đến tháng 2/2026" could be November 2025).
    let mut spans: Vec<(Date, Date)> = vec![];
    let mut next: Option<(Unit, i32, Date)> = None;
    for piece in pieces.iter().rev() {
        let year = match (piece.year, next) {
            (Some(year), _) => year,
            (None, Some((unit, year, _))) if unit.same_kind(piece.unit) => year,
            _ => return None,
        };
        let (start, end) = piece.unit.span(year)?;
        if piece.year.is_none() && next.is_some_and(|(_, _, later)| start > later) {
            return None;
        }
        next = Some((piece.unit, year, start));
        spans.push((start, end));
    }
    spans.reverse();

    // Ranges first ("từ X đến Y"), then several deadlines.
    let mut dues: Vec<Due> = Vec::new();
    let mut k = 0;
    while k < pieces.len() {
        let (piece, (start, _)) = (pieces[k], spans[k]);
        let mut last = k;
        while joins.get(last) == Some(&Join::To) {
            last += 1;
        }
        if last > k {
            if !matches!(piece.mode, Mode::Within | Mode::From) {
                return None;
            }
            let end = spans[last].1;
            if start > end {
                return None;
            }
            dues.push(Due::Period { start, end });
        } else {
            let (start, end) = spans[k];
            dues.push(match (piece.mode, piece.unit) {
                // "Từ tháng 7 đến tháng 9/2026" is one piece; "Từ năm 2026" alone has no end.
                (Mode::From, Unit::Months { first, last }) if last > first => {
                    Due::Period { start, end }
                }
                (Mode::From, Unit::Years { first, last }) if last > first => {
                    Due::Period { start, end }
                }
                (Mode::From, _) => return None,
                (Mode::Before, _) => Due::Before(start),
                (Mode::By, _) => Due::Before(end),
                (Mode::Within, Unit::Day { .. }) => Due::Date(start),
                (Mode::Within, _) => Due::Period { start, end },
            });
        }
        k = last + 1;
    }
    Some(combine(dues))
}

/// One due from several: contiguous periods make one ("Quý IV/2025 và Quý I/2026"), otherwise
/// the latest deadline wins.
fn combine(mut dues: Vec<Due>) -> Due {
    if dues.len() > 1 && dues.iter().all(|d| matches!(d, Due::Period { .. })) {
        dues.sort_by_key(Due::start);
        let contiguous = dues.windows(2).all(|pair| {
            pair[0]
                .end()
                .and_then(|end| end.tomorrow().ok())
                .is_some_and(|next| Some(next) == pair[1].start())
        });
        if contiguous
            && let (Some(start), Some(end)) = (dues[0].start(), dues[dues.len() - 1].end())
        {
            return Due::Period { start, end };
        }
    }
    dues.into_iter()
        .max_by_key(Due::end)
        .expect("at least one piece")
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn period(y1: i16, m1: i8, d1: i8, y2: i16, m2: i8, d2: i8) -> Due {
        Due::Period {
            start: date(y1, m1, d1),
            end: date(y2, m2, d2),
        }
    }

    fn quarter(year: i16, q: i8) -> Due {
        Due::Period {
            start: date(year, 3 * q - 2, 1),
            end: date(year, 3 * q, 1).last_of_month(),
        }
    }

    fn as_written(text: &str) -> Due {
        Due::AsWritten(text.trim().to_string())
    }

    #[track_caller]
    fn check(cases: &[(&str, Due)]) {
        for (text, expected) in cases {
            assert_eq!(&parse_due(text), expected, "parsing {text:?}");
        }
    }

    #[test]
    fn deadlines() {
        check(&[
            ("Trước ngày 15/01/2026", Due::Before(date(2026, 1, 15))),
            ("trước ngày 15/1/2026", Due::Before(date(2026, 1, 15))),
            ("Truoc ngay 15/01/2026", Due::Before(date(2026, 1, 15))),
            ("TRƯỚC NGÀY 15/01/2026", Due::Before(date(2026, 1, 15))),
            (
                "Trước  ngày   15 / 01 / 2026.",
                Due::Before(date(2026, 1, 15)),
            ),
            ("Ngày 30/6/2026", Due::Date(date(2026, 6, 30))),
            ("30/06/2026", Due::Date(date(2026, 6, 30))),
            ("30-06-2026", Due::Date(date(2026, 6, 30))),
            ("30.06.2026", Due::Date(date(2026, 6, 30))),
            ("2026-06-30", Due::Date(date(2026, 6, 30))),
            ("ngày 15 tháng 01 năm 2026", Due::Date(date(2026, 1, 15))),
            ("Ngày 30/6 năm 2026", Due::Date(date(2026, 6, 30))),
            (
                "Hoàn thành trước ngày 31/3/2026",
                Due::Before(date(2026, 3, 31)),
            ),
            ("Chậm nhất ngày 30/9/2026", Due::Before(date(2026, 9, 30))),
            ("Chậm nhất là 30/9/2026", Due::Before(date(2026, 9, 30))),
            ("Hạn: 30/9/2026", Due::Before(date(2026, 9, 30))),
            ("Đến hết năm 2026", Due::Before(date(2026, 12, 31))),
            ("Đến ngày 30/6/2026", Due::Before(date(2026, 6, 30))),
            ("Trước quý II/2026", Due::Before(date(2026, 4, 1))),
            ("Trước tháng 6/2026", Due::Before(date(2026, 6, 1))),
            ("Trước năm 2027", Due::Before(date(2027, 1, 1))),
            ("29/02/2028", Due::Date(date(2028, 2, 29))),
        ]);
    }

    #[test]
    fn periods() {
        check(&[
            ("Quý I/2026", quarter(2026, 1)),
            ("Quý 1/2026", quarter(2026, 1)),
            ("quý i/2026", quarter(2026, 1)),
            ("Quy I/2026", quarter(2026, 1)),
            ("Quí II/2026", quarter(2026, 2)),
            ("Q3/2026", quarter(2026, 3)),
            ("Quý I năm 2026", quarter(2026, 1)),
            ("Quý IV năm 2026", quarter(2026, 4)),
            ("Quý IV/2026", quarter(2026, 4)),
            ("Quý IV /2026", quarter(2026, 4)),
            ("Quý IV - 2026", quarter(2026, 4)),
            ("Quý Ⅳ/2026", quarter(2026, 4)),
            ("Trong quý III/2026", quarter(2026, 3)),
            ("Hoàn thành trong Quý II năm 2026", quarter(2026, 2)),
            ("Tháng 3/2026", period(2026, 3, 1, 2026, 3, 31)),
            ("Tháng 02/2028", period(2028, 2, 1, 2028, 2, 29)),
            ("Tháng 6 năm 2026", period(2026, 6, 1, 2026, 6, 30)),
            ("Vào tháng 10/2026", period(2026, 10, 1, 2026, 10, 31)),
            ("Tháng 7-9/2026", period(2026, 7, 1, 2026, 9, 30)),
            ("Tháng 7 – 9/2026", period(2026, 7, 1, 2026, 9, 30)),
            (
                "Tháng 7 đến tháng 9 năm 2026",
                period(2026, 7, 1, 2026, 9, 30),
            ),
            ("6 tháng đầu năm 2026", period(2026, 1, 1, 2026, 6, 30)),
            ("6 thang dau nam 2026", period(2026, 1, 1, 2026, 6, 30)),
            ("6 tháng cuối năm 2026", period(2026, 7, 1, 2026, 12, 31)),
            ("9 tháng đầu năm 2026", period(2026, 1, 1, 2026, 9, 30)),
            ("Nửa đầu năm 2026", period(2026, 1, 1, 2026, 6, 30)),
            ("Cả năm 2026", period(2026, 1, 1, 2026, 12, 31)),
            ("Năm 2026", period(2026, 1, 1, 2026, 12, 31)),
            ("Trong năm 2026", period(2026, 1, 1, 2026, 12, 31)),
            ("2026", period(2026, 1, 1, 2026, 12, 31)),
            ("2026-2030", period(2026, 1, 1, 2030, 12, 31)),
            ("Giai đoạn 2026 - 2030", period(2026, 1, 1, 2030, 12, 31)),
            ("Giai đoạn 2026 – 2030", period(2026, 1, 1, 2030, 12, 31)),
            ("giai doan 2026-2030", period(2026, 1, 1, 2030, 12, 31)),
            ("Năm 2026 - 2030", period(2026, 1, 1, 2030, 12, 31)),
            ("Từ năm 2026 đến năm 2030", period(2026, 1, 1, 2030, 12, 31)),
            (
                "Tháng 01/2026 đến tháng 5/2026",
                period(2026, 1, 1, 2026, 5, 31),
            ),
            (
                "Từ tháng 01 đến tháng 5/2026",
                period(2026, 1, 1, 2026, 5, 31),
            ),
            (
                "Từ ngày 01/3/2026 đến ngày 30/6/2026",
                period(2026, 3, 1, 2026, 6, 30),
            ),
            ("01/3 - 30/6/2026", period(2026, 3, 1, 2026, 6, 30)),
            ("Quý I - Quý II/2026", period(2026, 1, 1, 2026, 6, 30)),
            ("Quý I-II/2026", period(2026, 1, 1, 2026, 6, 30)),
            (
                "Tháng 12/2025 - tháng 2/2026",
                period(2025, 12, 1, 2026, 2, 28),
            ),
        ]);
    }

    #[test]
    fn several_deadlines_take_the_latest_or_join_contiguous_periods() {
        check(&[
            (
                "Quý IV /2025 và Quý I/2026",
                period(2025, 10, 1, 2026, 3, 31),
            ),
            ("Quý I, II/2026", period(2026, 1, 1, 2026, 6, 30)),
            ("Quý I và quý III/2026", quarter(2026, 3)),
            ("Quý I/2026; Quý IV/2026", quarter(2026, 4)),
            (
                "Trước ngày 15/01/2026 và trước ngày 30/6/2026",
                Due::Before(date(2026, 6, 30)),
            ),
            ("Ngày 30/6/2026, 31/12/2026", Due::Date(date(2026, 12, 31))),
            ("Tháng 3, 4/2026", period(2026, 3, 1, 2026, 4, 30)),
            ("Tháng 3 và tháng 9/2026", period(2026, 9, 1, 2026, 9, 30)),
        ]);
    }

    #[test]
    fn recurring() {
        use Recurrence::*;
        check(&[
            ("Thường xuyên", Due::Recurring(Continuous)),
            ("thuong xuyen", Due::Recurring(Continuous)),
            ("THƯỜNG XUYÊN.", Due::Recurring(Continuous)),
            ("Thường xuyên, liên tục", Due::Recurring(Continuous)),
            ("Hằng năm", Due::Recurring(Yearly)),
            ("Hàng năm", Due::Recurring(Yearly)),
            ("Tháng 10 hàng năm", Due::Recurring(Yearly)),
            ("Hàng quý", Due::Recurring(Quarterly)),
            ("Hằng tháng", Due::Recurring(Monthly)),
            ("Hằng tuần", Due::Recurring(Weekly)),
            ("Mỗi quý một lần", Due::Recurring(Quarterly)),
            ("Định kỳ", Due::Recurring(Periodic)),
            ("Định kỳ 6 tháng", Due::Recurring(Periodic)),
            ("Định kỳ hằng quý", Due::Recurring(Quarterly)),
            ("Thường xuyên, hằng năm", Due::Recurring(Yearly)),
            (
                "Trước ngày 05 của tháng cuối quý",
                Due::Recurring(Quarterly),
            ),
            ("Hằng năm, giai đoạn 2026-2030", Due::Recurring(Yearly)),
        ]);
    }

    #[test]
    fn keeps_what_it_cannot_read_as_written() {
        for text in [
            "Khi có quy định, hướng dẫn của tỉnh và Bộ ngành Trung ương",
            "Theo Chương trình công tác đã phê duyệt",
            "Theo hướng dẫn của Trung ương và Kế hoạch số 310/KH-UBND ngày 24/11/2025 của UBND thành phố",
            "Ngay sau khi thành phố ban hành Kế hoạch",
            "Cả năm 2026/theo thời gian đánh giá của Bộ Y tế",
            "Tháng 11",
            "Trước 31/12",
            "31/02/2026",
            "29/02/2026",
            "Ngày 32/1/2026",
            "Tháng 13/2026",
            "Quý V/2026",
            "Quý 0/2026",
            "Tháng 9-7/2026",
            "Tháng 11 đến tháng 2/2026",
            "Tháng 11 và quý I/2026",
            "2030-2026",
            "Từ năm 2026",
            "Năm 2026 và các năm tiếp theo",
            "Sau ngày 15/01/2026",
            "Từ quý II/2026 đến trước 30/6/2026",
            "Quý I/2026 (nếu có kinh phí)",
            "15/01/26",
            "Cuối năm 2026",
            "Đầu tháng 6/2026",
            "Năm",
            "Quý",
            "",
            "   ",
            "-",
            "Tháng năm 2026",
            "Số 12/2026",
            "2026-13-01",
            "99999999999999999/2026",
            "Năm 1800",
        ] {
            assert_eq!(parse_due(text), as_written(text), "parsing {text:?}");
        }
        assert_eq!(
            parse_due("  Khi  có   hướng dẫn  ").label(),
            "Khi  có   hướng dẫn"
        );
    }

    #[test]
    fn reads_decomposed_and_precomposed_text_alike() {
        use unicode_normalization::UnicodeNormalization;
        for text in [
            "Quý IV năm 2026",
            "Trước ngày 15/01/2026",
            "Thường xuyên",
            "Giai đoạn 2026 – 2030",
        ] {
            let nfd: String = text.nfd().collect();
            assert_ne!(nfd, text);
            assert_eq!(parse_due(&nfd), parse_due(text));
            assert!(!matches!(parse_due(&nfd), Due::AsWritten(_)));
        }
    }

    #[test]
    fn labels_and_iso_forms() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                "Trước ngày 15/01/2026",
                "trước 15/01/2026",
                Some("2026-01-15"),
            ),
            ("Ngày 30/6/2026", "ngày 30/06/2026", Some("2026-06-30")),
            ("Quý I/2026", "quý I/2026", Some("2026-01-01/2026-03-31")),
            (
                "Quý IV năm 2026",
                "quý IV/2026",
                Some("2026-10-01/2026-12-31"),
            ),
            (
                "Tháng 7-9/2026",
                "quý III/2026",
                Some("2026-07-01/2026-09-30"),
            ),
            (
                "Tháng 4-5/2026",
                "tháng 4–5/2026",
                Some("2026-04-01/2026-05-31"),
            ),
            (
                "Tháng 3/2026",
                "tháng 3/2026",
                Some("2026-03-01/2026-03-31"),
            ),
            (
                "6 tháng đầu năm 2026",
                "6 tháng đầu năm 2026",
                Some("2026-01-01/2026-06-30"),
            ),
            (
                "6 tháng cuối năm 2026",
                "6 tháng cuối năm 2026",
                Some("2026-07-01/2026-12-31"),
            ),
            ("Cả năm 2026", "năm 2026", Some("2026-01-01/2026-12-31")),
            (
                "Giai đoạn 2026 - 2030",
                "2026–2030",
                Some("2026-01-01/2030-12-31"),
            ),
            (
                "Quý IV /2025 và Quý I/2026",
                "quý IV/2025 – quý I/2026",
                Some("2025-10-01/2026-03-31"),
            ),
            (
                "Tháng 12/2025 - tháng 2/2026",
                "tháng 12/2025 – tháng 2/2026",
                Some("2025-12-01/2026-02-28"),
            ),
            (
                "Từ 15/3/2026 đến 30/6/2026",
                "từ 15/03/2026 đến 30/06/2026",
                Some("2026-03-15/2026-06-30"),
            ),
            ("Thường xuyên", "thường xuyên", None),
            ("Hàng năm", "hằng năm", None),
            ("Hàng quý", "hằng quý", None),
            ("Theo hướng dẫn của tỉnh", "Theo hướng dẫn của tỉnh", None),
        ];
        for (text, label, iso) in cases {
            let due = parse_due(text);
            assert_eq!(due.label(), *label, "label of {text:?}");
            assert_eq!(due.to_string(), *label);
            assert_eq!(due.iso().as_deref(), *iso, "ISO form of {text:?}");
        }
    }

    #[test]
    fn end_sorts_undated_last() {
        let mut texts = vec![
            "Thường xuyên",
            "Cả năm 2026",
            "Theo hướng dẫn của tỉnh",
            "Quý I/2026",
            "Trước ngày 15/01/2026",
            "Tháng 7-9/2026",
        ];
        texts.sort_by_key(|t| {
            let end = parse_due(t).end();
            (end.is_none(), end)
        });
        assert_eq!(
            texts,
            [
                "Trước ngày 15/01/2026",
                "Quý I/2026",
                "Tháng 7-9/2026",
                "Cả năm 2026",
                "Thường xuyên",
                "Theo hướng dẫn của tỉnh",
            ]
        );
        assert_eq!(parse_due("Quý I/2026").start(), Some(date(2026, 1, 1)));
        assert_eq!(parse_due("Quý I/2026").end(), Some(date(2026, 3, 31)));
        assert_eq!(parse_due("Thường xuyên").end(), None);
        assert_eq!(parse_due("Thường xuyên").kind(), "recurring");
    }

    /// Every `due:` of the bundled example portal reads as something sensible: the known texts as
    /// listed here, and any new one without a panic, with a plausible year and a readable label.
    #[test]
    fn every_due_of_the_example_content() {
        use Recurrence::*;
        let y2026 = period(2026, 1, 1, 2026, 12, 31);
        let known: Vec<(&str, Due)> = vec![
            ("Thường xuyên", Due::Recurring(Continuous)),
            ("Cả năm 2026", y2026.clone()),
            ("Trước ngày 15/01/2026", Due::Before(date(2026, 1, 15))),
            (
                "Trước ngày 05 của tháng cuối quý",
                Due::Recurring(Quarterly),
            ),
            ("Tháng 7-9/2026", period(2026, 7, 1, 2026, 9, 30)),
            ("Tháng 10/2026", period(2026, 10, 1, 2026, 10, 31)),
            ("Tháng 10 hàng năm", Due::Recurring(Yearly)),
            (
                "Tháng 01/2026 đến tháng 5/2026",
                period(2026, 1, 1, 2026, 5, 31),
            ),
            ("Quý IV/2026", quarter(2026, 4)),
            (
                "Quý IV /2025 và Quý I/2026",
                period(2025, 10, 1, 2026, 3, 31),
            ),
            ("Quý I/2026", quarter(2026, 1)),
            ("Quý I năm 2026", quarter(2026, 1)),
            ("Quý 1/2026", quarter(2026, 1)),
            ("Hàng năm", Due::Recurring(Yearly)),
            ("Trước ngày 15/01/2027", Due::Before(date(2027, 1, 15))),
            ("Cả năm 2027", period(2027, 1, 1, 2027, 12, 31)),
        ];
        let kept = [
            "Khi có quy định, hướng dẫn của tỉnh và Bộ ngành Trung ương",
            "Theo Chương trình công tác đã phê duyệt",
            "Theo chương trình công tác đã phê duyệt",
            "Tháng 11",
            "Theo đề án chuyển đổi số của tỉnh",
            "Theo hướng dẫn của tỉnh",
            "Theo hướng dẫn của Trung ương và Kế hoạch số 310/KH-UBND ngày 24/11/2025 của UBND thành phố",
            "Ngay sau khi thành phố ban hành Kế hoạch",
            "Khi thành phố tổ chức",
            "Khi có kế hoạch mở lớp tập huấn của tỉnh",
            "Cả năm 2026/theo thời gian đánh giá của Bộ Y tế",
        ];
        let values = content_dues();
        assert!(values.len() > 50, "found only {} due values", values.len());
        let mut unknown = Vec::new();
        for value in &values {
            let due = parse_due(value);
            if let Some((_, expected)) = known.iter().find(|(text, _)| text == value) {
                assert_eq!(&due, expected, "parsing {value:?}");
            } else if kept.contains(&value.as_str()) {
                assert_eq!(due, as_written(value), "parsing {value:?}");
            } else {
                unknown.push(value.clone());
            }
            // Whatever it is: plausible and readable.
            assert!(!due.label().is_empty(), "label of {value:?}");
            if let (Some(start), Some(end)) = (due.start(), due.end()) {
                assert!(start <= end, "{value:?}");
                assert!((2020..=2040).contains(&end.year()), "{value:?}");
            }
            if let Due::AsWritten(text) = &due {
                assert_eq!(text, value.trim(), "kept verbatim");
            }
        }
        // New texts in the example content should be added to the lists above.
        assert!(
            unknown.is_empty(),
            "due values without an expectation: {unknown:?}"
        );
    }

    /// The `due:` values of `content/` (plain or quoted block-style YAML scalars).
    fn content_dues() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut values = Vec::new();
        for entry in walkdir::WalkDir::new(root) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "md") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for line in text.lines() {
                let line = line.trim_start().trim_start_matches("- ");
                if let Some(value) = line.strip_prefix("due:") {
                    let value: String = serde_yaml::from_str(value.trim()).unwrap_or_else(|_| {
                        panic!("due value in {}: {value}", entry.path().display())
                    });
                    values.push(value);
                }
            }
        }
        values
    }
}
