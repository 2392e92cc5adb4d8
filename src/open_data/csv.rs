//! Tables as CSV: UTF-8 without a byte-order mark, comma-separated, a header row of field names,
//! one row per fact, `\n` line ends, fields quoted only when they need it.

use super::schema::{Cell, Table};
use std::io::{self, Write};

/// Writes a table as CSV into `out`.
pub fn write(table: &Table, out: &mut dyn Write) -> io::Result<()> {
    let mut writer = ::csv::WriterBuilder::new().from_writer(out);
    writer.write_record(table.fields.iter().map(|field| field.name))?;
    for row in &table.rows {
        writer.write_record(row.iter().map(Cell::csv_text))?;
    }
    writer.flush()
}
