//! Provinces and communes, described by the `_index.md` file of their folder.

use serde::{Deserialize, Serialize};

/// Kind of a province-level unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum ProvinceKind {
    /// Tỉnh.
    #[serde(rename = "tinh")]
    Tinh,
    /// Thành phố trực thuộc trung ương.
    #[serde(rename = "thanh-pho")]
    ThanhPho,
}

impl ProvinceKind {
    /// The Vietnamese word placed before the name ("Tỉnh", "Thành phố").
    pub fn label(self) -> &'static str {
        match self {
            ProvinceKind::Tinh => "Tỉnh",
            ProvinceKind::ThanhPho => "Thành phố",
        }
    }
}

/// Kind of a commune-level unit (since the 2025 reorganisation: xã, phường, đặc khu).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum CommuneKind {
    /// Xã.
    #[serde(rename = "xa")]
    Xa,
    /// Phường.
    #[serde(rename = "phuong")]
    Phuong,
    /// Đặc khu.
    #[serde(rename = "dac-khu")]
    DacKhu,
}

impl CommuneKind {
    /// Every kind, in the order forms offer them.
    pub const ALL: [CommuneKind; 3] = [CommuneKind::Xa, CommuneKind::Phuong, CommuneKind::DacKhu];

    /// The Vietnamese word placed before the name ("Xã", "Phường", "Đặc khu").
    pub fn label(self) -> &'static str {
        match self {
            CommuneKind::Xa => "Xã",
            CommuneKind::Phuong => "Phường",
            CommuneKind::DacKhu => "Đặc khu",
        }
    }
}

/// Front matter of `content/<province>/_index.md`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProvinceMeta {
    /// Name without the kind word, e.g. `Hải Phòng`.
    pub name: String,
    /// Tỉnh or thành phố.
    pub kind: ProvinceKind,
}

/// How to reach a commune's office.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Postal address.
    #[serde(default, deserialize_with = "super::blank::optional")]
    pub address: Option<String>,
    /// Telephone number.
    #[serde(default, deserialize_with = "super::blank::optional")]
    pub phone: Option<String>,
    /// E-mail address.
    #[serde(default, deserialize_with = "super::blank::optional")]
    pub email: Option<String>,
}

/// Front matter of `content/[<province>/]<commune>/_index.md`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CommuneMeta {
    /// Name without the kind word, e.g. `Tuệ Tĩnh`.
    pub name: String,
    /// Xã, phường or đặc khu.
    pub kind: CommuneKind,
    /// Names of the units merged into this one in 2025.
    #[serde(default)]
    pub former_names: Vec<String>,
    /// Office contact details.
    #[serde(default)]
    pub contact: Option<Contact>,
    /// The commune's own web portal.
    #[serde(default, deserialize_with = "super::blank::optional")]
    pub portal: Option<String>,
}
