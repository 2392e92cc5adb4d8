//! Tables as CSV: UTF-8 without a byte-order mark, comma-separated, a header row of field names,
//! one row per fact, `\n` line ends, fields quoted only when they need it.

use super::schema::{Cell, Field};
use std::io::{self, Write};

/// Writes a table of `fields` as CSV into `out`, row by row as `rows` makes them.
pub fn write(
    fields: &[Field],
    rows: impl Iterator<Item = impl AsRef<[Cell]>>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut writer = ::csv::WriterBuilder::new().from_writer(out);
    writer.write_record(fields.iter().map(|field| field.name))?;
    for row in rows {
        for cell in row.as_ref() {
            writer.write_field(cell.csv_text().as_bytes())?;
        }
        // An empty record ends the one whose fields were just written.
        writer.write_record(std::iter::empty::<&[u8]>())?;
    }
    writer.flush()
}
