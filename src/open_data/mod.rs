//! Open data under `du-lieu/` (beside the pipeline, like [`search`](crate::search)): every target,
//! reported value and task of the published plans as CSV and JSON, one CSV per indicator, and a
//! Frictionless `datapackage.json` describing them all. It reads the graph and the target anchors
//! of the render stage and adds its files to what is written.
//!
//! - `schema`: typed fields and cells, shared by every writer;
//! - `records`: the tables, built from the [`Site`] with stable ids;
//! - `csv`, `json`: the two file formats;
//! - `datapackage`: the descriptor.
//!
//! The HTML page `du-lieu/` is rendered like every other page (`render/pages/open_data.rs`,
//! template `open-data.html`); it calls [`generate`] for the sizes and row counts it lists.

mod csv;
mod datapackage;
mod json;
mod records;
mod schema;

pub use datapackage::Format;
pub use schema::{Cell, Field, FieldType, Table};

use crate::graph::{OutputPath, Site};
use crate::render::view::TargetAnchors;
use crate::write::{Contents, Sink, WriteError};
use datapackage::Resource;

/// Folder of the open data, relative to the site root.
pub const FOLDER: &str = "du-lieu/";

/// What a file of the open data holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// One of [`OpenData::tables`] (by index) in a format.
    Table {
        /// Index into [`OpenData::tables`].
        table: usize,
        /// CSV or JSON.
        format: Format,
    },
    /// The targets naming one indicator, as CSV.
    Indicator {
        /// Index into [`Site::indicators`].
        indicator: usize,
    },
    /// `datapackage.json`.
    Package,
}

/// One file of the open data.
#[derive(Debug, Clone)]
pub struct DataFile {
    /// Path relative to the site root (`du-lieu/targets.csv`).
    pub path: String,
    /// What it holds.
    pub kind: FileKind,
    /// Number of rows (facts, the header not counted); none for `datapackage.json`.
    pub rows: Option<usize>,
    /// Its contents.
    pub bytes: Vec<u8>,
}

/// The whole open data.
pub struct OpenData {
    /// The main tables: targets, results, tasks.
    pub tables: Vec<Table>,
    /// Every file: each main table as CSV then JSON, each indicator's CSV (catalogue order),
    /// then `datapackage.json`.
    pub files: Vec<DataFile>,
}

/// Builds every file of the open data.
pub fn generate(site: &Site, anchors: &TargetAnchors) -> OpenData {
    let records::Tables {
        targets,
        results,
        tasks,
        by_indicator,
    } = records::tables(site, anchors);
    let tables = vec![targets, results, tasks];
    let mut files = Vec::new();
    for (index, table) in tables.iter().enumerate() {
        for format in [Format::Csv, Format::Json] {
            let bytes = match format {
                Format::Csv => csv::write(table),
                Format::Json => json::write(table),
            };
            files.push(DataFile {
                path: format!("{FOLDER}{}.{}", table.name, format.extension()),
                kind: FileKind::Table {
                    table: index,
                    format,
                },
                rows: Some(table.rows.len()),
                bytes,
            });
        }
    }
    for (indicator, table) in by_indicator.iter().enumerate() {
        files.push(DataFile {
            path: format!(
                "{FOLDER}chi-tieu/{}.csv",
                site.indicators[indicator].indicator.id
            ),
            kind: FileKind::Indicator { indicator },
            rows: Some(table.rows.len()),
            bytes: csv::write(table),
        });
    }
    let resources: Vec<Resource> = files
        .iter()
        .map(|file| {
            let (name, table, format, describe_fields) = match file.kind {
                FileKind::Table { table, format } => (
                    format!("{}-{}", tables[table].name, format.extension()),
                    &tables[table],
                    format,
                    true,
                ),
                FileKind::Indicator { indicator } => (
                    by_indicator[indicator].name.clone(),
                    &by_indicator[indicator],
                    Format::Csv,
                    false,
                ),
                FileKind::Package => unreachable!("the package is described last"),
            };
            Resource {
                name,
                path: file.path[FOLDER.len()..].to_string(),
                format,
                table,
                bytes: file.bytes.len(),
                describe_fields,
            }
        })
        .collect();
    let package = datapackage::write(site, &resources);
    files.push(DataFile {
        path: format!("{FOLDER}datapackage.json"),
        kind: FileKind::Package,
        rows: None,
        bytes: package,
    });
    OpenData { tables, files }
}

/// Writes the open data files into `sink` (the page `du-lieu/index.html` is rendered with the
/// others).
pub fn write(data: OpenData, sink: &dyn Sink) -> Result<(), WriteError> {
    for file in data.files {
        if let Some(path) = OutputPath::new(&file.path) {
            sink.put(&path, Contents::Bytes(file.bytes))?;
        }
    }
    Ok(())
}
