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
use crate::write::{Sink, WriteError};
use datapackage::Resource;
use rayon::prelude::*;
use std::io::{self, Write};

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
    /// Its size in bytes.
    pub size: usize,
}

/// The whole open data.
pub struct OpenData {
    /// The main tables: targets, results, tasks. Once their files are written only their first
    /// row is kept (the open data page shows how ids look), so a national site does not hold
    /// every row.
    pub tables: Vec<Table>,
    /// Every file: each main table as CSV then JSON, each indicator's CSV (catalogue order),
    /// then `datapackage.json`.
    pub files: Vec<DataFile>,
}

/// Builds every file of the open data. The main tables are made one after another, each dropped
/// (but for its first row) once its files are written, so a national site holds one table's rows
/// at a time; each table's files are made in parallel.
pub fn generate(
    site: &Site,
    anchors: &TargetAnchors,
    sink: &dyn Sink,
) -> Result<OpenData, WriteError> {
    let places = records::Places::of(site);
    let records = records::Records::new(site, anchors, &places);
    // Each file is streamed into the sink as it is made; only its size is kept.
    let put = |path: String,
               kind: FileKind,
               rows: Option<usize>,
               write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>| {
        let size = match OutputPath::new(&path) {
            Some(output) => sink.put_streamed(&output, write)? as usize,
            None => 0,
        };
        Ok::<_, WriteError>(DataFile {
            path,
            kind,
            rows,
            size,
        })
    };
    // Each main table's CSV and JSON are made in parallel; then only its first row is kept.
    let publish = |mut table: Table, index: usize| {
        let file = |format: Format| {
            put(
                format!("{FOLDER}{}.{}", table.name, format.extension()),
                FileKind::Table {
                    table: index,
                    format,
                },
                Some(table.rows.len()),
                &mut |out| match format {
                    Format::Csv => csv::write(&table, out),
                    Format::Json => json::write(&table, out),
                },
            )
        };
        let (csv_file, json_file) = rayon::join(|| file(Format::Csv), || file(Format::Json));
        let files = [csv_file?, json_file?];
        table.rows.truncate(1);
        Ok::<_, WriteError>((table, files))
    };
    let targets = records.targets();
    // The targets again, one CSV per indicator; only their descriptions are kept.
    let (by_indicator, indicator_files): (Vec<Table>, Vec<DataFile>) = site
        .indicators
        .par_iter()
        .enumerate()
        .map(|(indicator, node)| {
            let mut rows = records::indicator_table(&targets, &node.indicator);
            let file = put(
                format!("{FOLDER}chi-tieu/{}.csv", node.indicator.id),
                FileKind::Indicator { indicator },
                Some(rows.rows.len()),
                &mut |out| csv::write(&rows, out),
            )?;
            rows.rows = Vec::new();
            Ok::<_, WriteError>((rows, file))
        })
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .unzip();
    let (targets, target_files) = publish(targets, 0)?;
    let (results, result_files) = publish(records.results(), 1)?;
    let (tasks, task_files) = publish(records.tasks(), 2)?;
    let tables = vec![targets, results, tasks];
    // Files in the order of [`OpenData::files`]: each table as CSV then JSON, then the indicators.
    let mut files: Vec<DataFile> = [target_files, result_files, task_files]
        .into_iter()
        .flatten()
        .chain(indicator_files)
        .collect();
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
                bytes: file.size,
                describe_fields,
            }
        })
        .collect();
    let package = datapackage::write(site, &resources);
    files.push(put(
        format!("{FOLDER}datapackage.json"),
        FileKind::Package,
        None,
        &mut |out| out.write_all(&package),
    )?);
    Ok(OpenData { tables, files })
}
