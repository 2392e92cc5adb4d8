//! Tables as CSV: UTF-8 without a byte-order mark, comma-separated, a header row of field names,
//! one row per fact, `\n` line ends, fields quoted only when they need it.

use super::schema::{Cell, Table};

/// The CSV bytes of a table.
pub fn write(table: &Table) -> Vec<u8> {
    let mut writer = ::csv::WriterBuilder::new().from_writer(Vec::new());
    let written = writer
        .write_record(table.fields.iter().map(|field| field.name))
        .and_then(|()| {
            table
                .rows
                .iter()
                .try_for_each(|row| writer.write_record(row.iter().map(Cell::csv_text)))
        });
    written.expect("writing CSV into memory cannot fail");
    writer
        .into_inner()
        .expect("flushing CSV into memory cannot fail")
}
