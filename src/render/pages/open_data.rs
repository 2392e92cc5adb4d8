//! The open data page (`du-lieu/`): what the files hold, each file with its size and row count,
//! the columns of each table and the licence. The files themselves are written by
//! [`crate::open_data`]; this page asks it for them to list their sizes.

use super::{Page, PageMeta, home_crumb, page};
use crate::config::License;
use crate::graph::Site;
use crate::open_data::{self, Cell, DataFile, FileKind, Format, OpenData};
use crate::render::format::format_number;
use crate::render::view::Link;
use serde::Serialize;

#[derive(Serialize)]
struct FileItem {
    /// Address relative to the site root.
    path: String,
    /// File name (`targets.csv`, `chi-tieu/hai-long-tthc.csv`).
    name: String,
    format: &'static str,
    /// Rows of facts ("1.234"); empty for `datapackage.json`.
    rows: String,
    bytes: usize,
    /// "35,4 KB".
    size: String,
}

#[derive(Serialize)]
struct FieldItem {
    name: &'static str,
    title: &'static str,
    kind: &'static str,
    description: String,
    required: bool,
}

#[derive(Serialize)]
struct TableItem {
    name: String,
    title: String,
    description: String,
    files: Vec<FileItem>,
    fields: Vec<FieldItem>,
}

#[derive(Serialize)]
struct IndicatorItem {
    indicator: Link,
    unit: String,
    file: FileItem,
}

#[derive(Serialize)]
struct Totals {
    files: usize,
    size: String,
}

/// Builds the open data page from the generated files (to list their sizes and rows).
pub(super) fn open_data(site: &Site, data: &OpenData) -> Page {
    let mut page = page(
        "open-data.html",
        open_data::FOLDER,
        PageMeta {
            title: "Dữ liệu mở".to_string(),
            path: open_data::FOLDER.to_string(),
            description: Some(
                "Tải về mọi chỉ tiêu, kết quả và nhiệm vụ trong kế hoạch cải cách hành chính của các xã, phường, dạng CSV và JSON".to_string(),
            ),
            breadcrumbs: vec![home_crumb()],
        },
    );
    let mut tables: Vec<TableItem> = data
        .tables
        .iter()
        .map(|table| TableItem {
            name: table.name.clone(),
            title: table.title.clone(),
            description: table.description.clone(),
            files: Vec::new(),
            fields: table
                .fields
                .iter()
                .map(|field| FieldItem {
                    name: field.name,
                    title: field.title,
                    kind: field.kind.label(),
                    description: field.description.clone(),
                    required: field.required,
                })
                .collect(),
        })
        .collect();
    let mut indicators = Vec::new();
    let mut package = None;
    for file in &data.files {
        match file.kind {
            FileKind::Table { table, format } => tables[table].files.push(item(file, format)),
            FileKind::Indicator { indicator } => {
                let node = &site.indicators[indicator];
                indicators.push(IndicatorItem {
                    indicator: Link {
                        name: node.indicator.name.clone(),
                        path: node.path.clone(),
                    },
                    unit: node.indicator.unit.clone(),
                    file: item(file, Format::Csv),
                });
            }
            FileKind::Package => package = Some(item(file, Format::Json)),
        }
    }
    // An id to show how ids are made: the first row's of the first table that has one.
    let example_id = data.tables.iter().find_map(|table| {
        let id = table.position("id")?;
        match table.rows.first()?.get(id)? {
            Cell::Text(id) => Some(id.clone()),
            _ => None,
        }
    });
    let total: usize = data.files.iter().map(|f| f.size).sum();
    page.context.insert("tables", &tables);
    page.context.insert("indicators", &indicators);
    page.context.insert("example_id", &example_id);
    page.context.insert("package", &package);
    page.context
        .insert("license", &site.config.license.as_ref().map(license));
    page.context.insert(
        "totals",
        &Totals {
            files: data.files.len(),
            size: size_text(total),
        },
    );
    page
}

fn item(file: &DataFile, format: Format) -> FileItem {
    FileItem {
        path: file.path.clone(),
        name: file.path[open_data::FOLDER.len()..].to_string(),
        format: match format {
            Format::Csv => "CSV",
            Format::Json => "JSON",
        },
        rows: file.rows.map(group_thousands).unwrap_or_default(),
        bytes: file.size,
        size: size_text(file.size),
    }
}

#[derive(Serialize)]
struct LicenseItem<'a> {
    name: &'a str,
    title: &'a str,
    path: Option<&'a str>,
}

fn license(license: &License) -> LicenseItem<'_> {
    LicenseItem {
        name: &license.name,
        title: license.title.as_deref().unwrap_or(&license.name),
        path: license.path.as_deref(),
    }
}

/// A count with `.` between thousands: `180.000`.
fn group_thousands(count: usize) -> String {
    let digits = count.to_string();
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(digit);
    }
    grouped
}

/// A file size the Vietnamese way: `812 byte`, `35,4 KB`, `1,2 MB`.
fn size_text(bytes: usize) -> String {
    const KB: f64 = 1024.0;
    let value = bytes as f64;
    let one_decimal = |v: f64| format_number((v * 10.0).round() / 10.0);
    if value < KB {
        format!("{bytes} byte")
    } else if value < KB * KB {
        format!("{} KB", one_decimal(value / KB))
    } else {
        format!("{} MB", one_decimal(value / KB / KB))
    }
}

#[cfg(test)]
mod tests {
    use super::{group_thousands, size_text};

    #[test]
    fn sizes_read_the_vietnamese_way() {
        assert_eq!(size_text(812), "812 byte");
        assert_eq!(size_text(36_250), "35,4 KB");
        assert_eq!(size_text(2048), "2 KB");
        assert_eq!(size_text(1_300_000), "1,2 MB");
        assert_eq!(group_thousands(7), "7");
        assert_eq!(group_thousands(180_000), "180.000");
        assert_eq!(group_thousands(1_234_567), "1.234.567");
    }
}
