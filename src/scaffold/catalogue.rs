//! `planportal indicators`: the indicator catalogue grouped by reform area, as an aligned table in
//! Vietnamese or as JSON.

use super::{ScaffoldError, read_catalogues};
use crate::model::{Comparator, Indicator, closest};
use serde::Serialize;
use std::path::Path;

/// How `planportal indicators` prints the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IndicatorFormat {
    /// An aligned table per area, in Vietnamese.
    #[default]
    Text,
    /// A JSON array, one object per indicator.
    Json,
}

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    short: &'a str,
    name: &'a str,
    unit: &'a str,
    area: &'a str,
    area_name: &'a str,
    better: crate::model::Better,
    national: Option<&'a crate::model::NationalTarget>,
}

/// The catalogue of `root`, optionally only one area's indicators, in `format`.
pub fn list_indicators(
    root: &Path,
    area: Option<&str>,
    format: IndicatorFormat,
) -> Result<String, ScaffoldError> {
    let (areas, indicators) = read_catalogues(root)?;
    if let Some(wanted) = area
        && !areas.iter().any(|a| a.id == wanted)
    {
        let valid: Vec<String> = areas.iter().map(|a| a.id.clone()).collect();
        let suggestion = closest(wanted, &valid)
            .map(|close| format!("; có phải là “{close}”?"))
            .unwrap_or_default();
        return Err(ScaffoldError::UnknownArea {
            value: wanted.to_string(),
            suggestion,
            valid,
        });
    }
    // Areas in order, then indicators whose area is not in the catalogue (reported by `check`).
    let mut groups: Vec<(String, String, Vec<&Indicator>)> = areas
        .iter()
        .map(|a| {
            let members = indicators.iter().filter(|i| i.area == a.id).collect();
            (a.id.clone(), a.short.clone(), members)
        })
        .collect();
    let orphans: Vec<&Indicator> = indicators
        .iter()
        .filter(|i| !areas.iter().any(|a| a.id == i.area))
        .collect();
    if !orphans.is_empty() {
        groups.push((
            String::new(),
            "Lĩnh vực không có trong danh mục".into(),
            orphans,
        ));
    }
    groups.retain(|(id, _, members)| !members.is_empty() && area.is_none_or(|a| a == id));

    if format == IndicatorFormat::Json {
        let rows: Vec<Row<'_>> = groups
            .iter()
            .flat_map(|(_, area_name, members)| {
                members.iter().map(move |i| Row {
                    id: &i.id,
                    short: &i.short,
                    name: &i.name,
                    unit: &i.unit,
                    area: &i.area,
                    area_name,
                    better: i.better,
                    national: i.national.as_ref(),
                })
            })
            .collect();
        return Ok(serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n");
    }

    let count: usize = groups.iter().map(|g| g.2.len()).sum();
    let shown: Vec<&Indicator> = groups.iter().flat_map(|g| g.2.iter().copied()).collect();
    let width = |f: &dyn Fn(&Indicator) -> usize, header: &str| {
        shown
            .iter()
            .map(|i| f(i))
            .chain([chars(header)])
            .max()
            .unwrap_or(0)
    };
    let id_width = width(&|i| chars(&i.id), "Mã");
    let short_width = width(&|i| chars(&i.short), "Tên ngắn");
    let unit_width = width(&|i| chars(&i.unit), "Đơn vị");
    let mut out = format!(
        "Danh mục chỉ tiêu (data/indicators.yaml): {count} chỉ tiêu, {} lĩnh vực.\n\
         Trong kế hoạch, ghi mã ở cột “Mã” vào trường indicator: của mỗi chỉ tiêu (targets).\n",
        groups.len()
    );
    for (id, name, members) in &groups {
        let header = if id.is_empty() {
            name.clone()
        } else {
            format!("{name} (area: {id})")
        };
        out.push_str(&format!("\n{header} — {} chỉ tiêu\n", members.len()));
        out.push_str(&format!(
            "  {}  {}  {}  Mục tiêu quốc gia\n",
            pad("Mã", id_width),
            pad("Tên ngắn", short_width),
            pad("Đơn vị", unit_width)
        ));
        for indicator in members {
            let national = indicator.national.as_ref().map_or_else(
                || "chưa có".to_string(),
                |n| {
                    let unit = if indicator.unit == "%" {
                        "%".to_string()
                    } else {
                        format!(" {}", indicator.unit)
                    };
                    format!(
                        "{} {}{unit} đến năm {} ({})",
                        symbol(n.op),
                        n.value,
                        n.year,
                        n.source
                    )
                },
            );
            out.push_str(
                format!(
                    "  {}  {}  {}  {national}\n",
                    pad(&indicator.id, id_width),
                    pad(&indicator.short, short_width),
                    pad(&indicator.unit, unit_width)
                )
                .as_str(),
            );
        }
    }
    Ok(out)
}

fn symbol(op: Comparator) -> &'static str {
    op.symbol()
}

fn chars(text: &str) -> usize {
    use unicode_normalization::UnicodeNormalization;
    text.nfc().count()
}

fn pad(text: &str, width: usize) -> String {
    let missing = width.saturating_sub(chars(text));
    format!("{text}{}", " ".repeat(missing))
}
