//! The shared catalogues of a portal: reform areas (`data/areas.yaml`) and indicators
//! (`data/indicators.yaml`).

use super::plan::Comparator;
use serde::{Deserialize, Serialize};

/// A reform area ("lĩnh vực cải cách"), e.g. cải cách thủ tục hành chính.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    /// Slug used in URLs and front matter, e.g. `thu-tuc-hanh-chinh`.
    pub id: String,
    /// Full Vietnamese name.
    pub name: String,
    /// Short name for tables and navigation.
    pub short: String,
    /// Position in lists; plans present the areas in this order.
    pub order: u32,
    /// Phrases that identify the area in a plan's headings (besides its name and short name), so
    /// search can tell which area a section belongs to.
    #[serde(default, rename = "match")]
    pub match_phrases: Vec<String>,
}

/// Whether a higher or a lower value is the better outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Better {
    /// More is better (satisfaction, share online).
    Higher,
    /// Less is better (processing time).
    Lower,
}

impl Better {
    /// Both directions.
    pub const ALL: [Better; 2] = [Better::Higher, Better::Lower];

    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            Better::Higher => "Càng cao càng tốt",
            Better::Lower => "Càng thấp càng tốt",
        }
    }
}

/// A national target an indicator is compared against, with the act that sets it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NationalTarget {
    /// The number.
    pub value: f64,
    /// How the value is compared.
    pub op: Comparator,
    /// The year it must be reached by.
    pub year: i32,
    /// The act that sets it, e.g. `Quyết định 282/QĐ-TTg ngày 12/02/2026`.
    pub source: String,
}

/// One indicator plans commit to; every target names one.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Slug used in URLs and front matter, e.g. `hai-long-tthc`.
    pub id: String,
    /// Full Vietnamese name: what is measured.
    pub name: String,
    /// Short name for tables.
    pub short: String,
    /// The reform area (an id of `data/areas.yaml`).
    pub area: String,
    /// Unit, e.g. `%` or `cấp độ`.
    pub unit: String,
    /// Which direction is better.
    pub better: Better,
    /// The national reference target, only when an act sets one.
    #[serde(default)]
    pub national: Option<NationalTarget>,
    /// Phrases that identify the indicator in a plan's text (used by importers).
    #[serde(default, rename = "match")]
    pub match_phrases: Vec<String>,
    /// Optional longer explanation shown on the indicator page.
    #[serde(default)]
    pub description: Option<String>,
}

/// An entry of a catalogue file, which names the key under which the file may list its entries.
pub trait CatalogueEntry {
    /// The key of the list when the file is a mapping (`indicators:`), as the web editor saves it.
    const KEY: &'static str;
}

impl CatalogueEntry for Area {
    const KEY: &'static str = "areas";
}

impl CatalogueEntry for Indicator {
    const KEY: &'static str = "indicators";
}

/// A catalogue file: either the list itself, or a mapping with one key (`indicators:` or
/// `areas:`) holding it. The web editor (Decap CMS) can only edit a file whose top level is a
/// mapping, so both are accepted.
#[derive(Debug, Clone)]
pub struct CatalogueFile<T>(pub Vec<T>);

impl<'de, T: Deserialize<'de> + CatalogueEntry> Deserialize<'de> for CatalogueFile<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FileVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de> + CatalogueEntry> serde::de::Visitor<'de> for FileVisitor<T> {
            type Value = CatalogueFile<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "a list, or a mapping with the key `{}`", T::KEY)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                seq: A,
            ) -> Result<Self::Value, A::Error> {
                Vec::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))
                    .map(CatalogueFile)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut entries = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key != T::KEY {
                        return Err(serde::de::Error::unknown_field(&key, &[T::KEY]));
                    }
                    entries = Some(map.next_value()?);
                }
                entries
                    .map(CatalogueFile)
                    .ok_or_else(|| serde::de::Error::missing_field(T::KEY))
            }
        }
        deserializer.deserialize_any(FileVisitor(std::marker::PhantomData))
    }
}
