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
use crate::model::PlanMeta;
use crate::render::view::TargetAnchors;
use crate::write::{Sink, WriteError};
use datapackage::Resource;
use rayon::prelude::*;
use std::io::{self, Write};
use std::ops::Range;

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
    /// The main tables: targets, results, tasks, each with only its first row (the open data
    /// page shows how ids look): their rows are streamed into their files, never all held.
    pub tables: Vec<Table>,
    /// Every file: each main table as CSV then JSON, each indicator's CSV (catalogue order),
    /// then `datapackage.json`.
    pub files: Vec<DataFile>,
}

/// Plans whose rows are made at a time while a main table is written: a national table is
/// streamed batch by batch, never held whole.
const PLANS_PER_BATCH: usize = 128;

/// Builds every file of the open data. Each main table's CSV and JSON are written in parallel,
/// each making its rows a batch of plans at a time (so a national site never holds a table's
/// rows); each indicator's CSV holds only that indicator's targets.
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
    // A main table's CSV and JSON, made in parallel, each from its own batches of rows.
    let publish = |table: &Table,
                   index: usize,
                   count: fn(&PlanMeta) -> usize,
                   rows: &(dyn Fn(Range<usize>) -> Vec<Vec<Cell>> + Sync)| {
        let plans = site.plans.len();
        let total = site.plans.iter().map(|node| count(&node.plan.meta)).sum();
        let batches = || {
            (0..plans)
                .step_by(PLANS_PER_BATCH)
                .map(|first| rows(first..(first + PLANS_PER_BATCH).min(plans)))
        };
        let file = |format: Format| {
            put(
                format!("{FOLDER}{}.{}", table.name, format.extension()),
                FileKind::Table {
                    table: index,
                    format,
                },
                Some(total),
                &mut |out| match format {
                    Format::Csv => csv::write(&table.fields, batches().flatten(), out),
                    Format::Json => json::write(&table.fields, batches().flatten(), out),
                },
            )
        };
        let (csv_file, json_file) = rayon::join(|| file(Format::Csv), || file(Format::Json));
        Ok::<_, WriteError>([csv_file?, json_file?])
    };
    let targets = records.targets();
    // The targets again, one CSV per indicator; only their descriptions are kept.
    let (by_indicator, indicator_files): (Vec<Table>, Vec<DataFile>) = site
        .indicators
        .par_iter()
        .enumerate()
        .map(|(indicator, node)| {
            let table = records::indicator_table(&targets, &node.indicator);
            let mut refs = node.targets.clone();
            refs.sort_unstable_by_key(|target| (target.plan, target.target));
            let rows = records.rows_of_targets(&refs);
            let file = put(
                format!("{FOLDER}chi-tieu/{}.csv", node.indicator.id),
                FileKind::Indicator { indicator },
                Some(rows.len()),
                &mut |out| csv::write(&table.fields, rows.iter(), out),
            )?;
            Ok::<_, WriteError>((table, file))
        })
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .unzip();
    let target_files = publish(&targets, 0, |meta| meta.targets.len(), &|plans| {
        records.target_rows(plans)
    })?;
    let results = records.results();
    let result_files = publish(&results, 1, |meta| meta.results.len(), &|plans| {
        records.result_rows(plans)
    })?;
    let tasks = records.tasks();
    let task_files = publish(&tasks, 2, |meta| meta.tasks.len(), &|plans| {
        records.task_rows(plans)
    })?;
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
