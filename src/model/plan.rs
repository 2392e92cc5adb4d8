//! A plan file's front matter: the act that issues it, its quantitative targets and its task table.

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// What kind of document a plan file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum PlanKind {
    /// Kế hoạch.
    #[serde(rename = "ke-hoach")]
    KeHoach,
    /// Phụ lục (an appendix, typically the task table).
    #[serde(rename = "phu-luc")]
    PhuLuc,
    /// Báo cáo (a progress report).
    #[serde(rename = "bao-cao")]
    BaoCao,
    /// Quyết định.
    #[serde(rename = "quyet-dinh")]
    QuyetDinh,
}

impl PlanKind {
    /// Every kind, in the order forms offer them.
    pub const ALL: [PlanKind; 4] = [
        PlanKind::KeHoach,
        PlanKind::PhuLuc,
        PlanKind::BaoCao,
        PlanKind::QuyetDinh,
    ];

    /// Vietnamese name of the document form ("hình thức văn bản").
    pub fn label(self) -> &'static str {
        match self {
            PlanKind::KeHoach => "Kế hoạch",
            PlanKind::PhuLuc => "Phụ lục",
            PlanKind::BaoCao => "Báo cáo",
            PlanKind::QuyetDinh => "Quyết định",
        }
    }
}

/// Legal status of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Status {
    /// Dự thảo: a draft, published only with `--drafts`.
    #[serde(rename = "du-thao")]
    DuThao,
    /// Còn hiệu lực.
    #[serde(rename = "hieu-luc")]
    HieuLuc,
    /// Hết hiệu lực.
    #[serde(rename = "het-hieu-luc")]
    HetHieuLuc,
}

impl Status {
    /// Every status, in the order forms offer them.
    pub const ALL: [Status; 3] = [Status::DuThao, Status::HieuLuc, Status::HetHieuLuc];

    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            Status::DuThao => "Dự thảo",
            Status::HieuLuc => "Còn hiệu lực",
            Status::HetHieuLuc => "Hết hiệu lực",
        }
    }
}

/// How a target value is to be met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Comparator {
    /// At least (tối thiểu, trở lên).
    #[serde(rename = ">=")]
    AtLeast,
    /// Exactly (đạt).
    #[serde(rename = "=")]
    Equal,
    /// At most (tối đa, không quá).
    #[serde(rename = "<=")]
    AtMost,
    /// More than (trên).
    #[serde(rename = ">")]
    Above,
    /// Less than (dưới).
    #[serde(rename = "<")]
    Below,
}

impl Comparator {
    /// Every comparator, in the order forms offer them.
    pub const ALL: [Comparator; 5] = [
        Comparator::AtLeast,
        Comparator::Equal,
        Comparator::AtMost,
        Comparator::Above,
        Comparator::Below,
    ];

    /// Vietnamese word for the comparator, as shown in tables.
    pub fn label(self) -> &'static str {
        match self {
            Comparator::AtLeast => "tối thiểu",
            Comparator::Equal => "đạt",
            Comparator::AtMost => "tối đa",
            Comparator::Above => "trên",
            Comparator::Below => "dưới",
        }
    }

    /// Mathematical symbol.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::AtLeast => "≥",
            Comparator::Equal => "=",
            Comparator::AtMost => "≤",
            Comparator::Above => ">",
            Comparator::Below => "<",
        }
    }
}

/// A calendar date written `YYYY-MM-DD` in front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub jiff::civil::Date);

impl Date {
    /// The Vietnamese way of writing the date, e.g. `24/04/2026`.
    pub fn display_vi(self) -> String {
        format!(
            "{:02}/{:02}/{}",
            self.0.day(),
            self.0.month(),
            self.0.year()
        )
    }

    /// ISO 8601, e.g. `2026-04-24`.
    pub fn iso(self) -> String {
        self.0.to_string()
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A visitor (rather than deserializing a String first) makes the YAML parser report the
        // error at the date itself, not at the enclosing mapping.
        deserializer.deserialize_str(DateVisitor)
    }
}

/// Reads a [`Date`] from a string.
pub(super) struct DateVisitor;

impl de::Visitor<'_> for DateVisitor {
    type Value = Date;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date written YYYY-MM-DD")
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<Date, E> {
        text.trim().parse::<jiff::civil::Date>().map(Date).map_err(|_| {
            E::custom(format!(
                "ngày “{text}” không hợp lệ: cần viết theo dạng NĂM-THÁNG-NGÀY, ví dụ 2026-04-24"
            ))
        })
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.iso())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display_vi())
    }
}

/// The years a plan covers.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First year.
    pub from: i32,
    /// Last year.
    pub to: i32,
}

/// The legal act that issues a plan.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Số ký hiệu, e.g. `364/QĐ-UBND`; absent when the source leaves it blank.
    #[serde(default, deserialize_with = "super::blank::optional")]
    pub number: Option<String>,
    /// Ngày ban hành.
    #[serde(default, deserialize_with = "super::blank::optional")]
    pub date: Option<Date>,
    /// Ngày hiệu lực.
    #[serde(default, deserialize_with = "super::blank::optional")]
    pub effective: Option<Date>,
    /// Người ký.
    #[serde(default, deserialize_with = "super::blank::optional")]
    pub signer: Option<String>,
    /// Chức vụ người ký.
    #[serde(default, deserialize_with = "super::blank::optional")]
    pub signer_title: Option<String>,
}

/// A quantitative commitment of a plan, tied to a catalogue indicator.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Id of an indicator in `data/indicators.yaml`.
    pub indicator: String,
    /// The committed value.
    pub value: f64,
    /// How the value is to be met; `>=` when omitted.
    #[serde(
        default = "default_comparator",
        deserialize_with = "super::blank::comparator"
    )]
    pub op: Comparator,
    /// First year of the stage, when the plan sets targets per stage (2026–2027, 2028–2030).
    #[serde(default, deserialize_with = "super::blank::optional")]
    pub from: Option<i32>,
    /// The year by which the value must be reached.
    pub year: i32,
    /// The plan's own words.
    #[serde(default, deserialize_with = "super::blank::optional")]
    pub quote: Option<String>,
}

fn default_comparator() -> Comparator {
    Comparator::AtLeast
}

/// A value a report (`kind: bao-cao`) says was achieved for an indicator.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReportedValue {
    /// Id of an indicator in `data/indicators.yaml`.
    pub indicator: String,
    /// The achieved value.
    pub value: f64,
    /// The year it was measured in (the last year, for a period).
    pub year: i32,
    /// First year of the period measured, when it spans several years.
    #[serde(default, deserialize_with = "super::blank::optional")]
    pub from: Option<i32>,
    /// The report's own words.
    #[serde(default, deserialize_with = "super::blank::optional")]
    pub quote: Option<String>,
}

/// One activity of a plan's task table.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// Numbering as printed (1, 3.1, II.2 …).
    #[serde(default, deserialize_with = "super::blank::optional")]
    pub no: Option<String>,
    /// Id of a reform area in `data/areas.yaml`.
    pub area: String,
    /// Mục tiêu.
    #[serde(default, deserialize_with = "super::blank::optional")]
    pub objective: Option<String>,
    /// Nhiệm vụ.
    #[serde(default, deserialize_with = "super::blank::optional")]
    pub duty: Option<String>,
    /// Nội dung / Hoạt động.
    pub content: String,
    /// Kết quả / Sản phẩm.
    #[serde(default, deserialize_with = "super::blank::optional")]
    pub output: Option<String>,
    /// Cơ quan chủ trì.
    #[serde(default, deserialize_with = "super::blank::optional")]
    pub lead: Option<String>,
    /// Cơ quan phối hợp.
    #[serde(default)]
    pub partners: Vec<String>,
    /// Thời gian, as written.
    #[serde(default, deserialize_with = "super::blank::optional")]
    pub due: Option<String>,
    /// Kinh phí.
    #[serde(default, deserialize_with = "super::blank::optional")]
    pub funding: Option<String>,
}

/// Front matter of a plan file.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PlanMeta {
    /// Title as printed.
    pub title: String,
    /// Document form.
    pub kind: PlanKind,
    /// Years covered.
    pub period: Period,
    /// Legal status; absent when the source does not make it clear.
    #[serde(default)]
    pub status: Option<Status>,
    /// Cơ quan ban hành.
    #[serde(default, deserialize_with = "super::blank::optional")]
    pub issuer: Option<String>,
    /// Trích yếu.
    #[serde(default, deserialize_with = "super::blank::optional")]
    pub summary: Option<String>,
    /// The act that issues the plan.
    #[serde(default)]
    pub decision: Option<Decision>,
    /// Căn cứ: acts the plan implements.
    #[serde(default)]
    pub legal_bases: Vec<String>,
    /// Số ký hiệu of acts this one supersedes.
    #[serde(default)]
    pub replaces: Vec<String>,
    /// Files next to the plan (the signed original), copied and linked.
    #[serde(default)]
    pub attachments: Vec<String>,
    /// Cơ quan thường trực cải cách hành chính.
    #[serde(default, deserialize_with = "super::blank::optional")]
    pub standing_office: Option<String>,
    /// Kinh phí thực hiện.
    #[serde(default, deserialize_with = "super::blank::optional")]
    pub funding: Option<String>,
    /// Quantitative commitments.
    #[serde(default)]
    pub targets: Vec<Target>,
    /// The task table.
    #[serde(default)]
    pub tasks: Vec<Task>,
    /// Achieved values (reports only).
    #[serde(default)]
    pub results: Vec<ReportedValue>,
}
