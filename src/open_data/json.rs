//! Tables as JSON: an array whose first element is the array of field names and every other
//! element one row, its values typed as the fields (numbers as numbers, no value as `null`). One
//! row per line. This is the "array of arrays" form of the Frictionless tabular JSON: unlike an
//! array of objects it stays valid (and readable by the validator) when a table has no row, and it
//! does not repeat the field names in every row.

use super::schema::{Cell, Field};
use std::io::{self, Write};

/// Writes a table of `fields` as JSON into `out`, row by row as `rows` makes them.
pub fn write(
    fields: &[Field],
    rows: impl Iterator<Item = impl AsRef<[Cell]>>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let header: Vec<&str> = fields.iter().map(|field| field.name).collect();
    out.write_all(b"[\n")?;
    serde_json::to_writer(&mut *out, &header)?;
    for row in rows {
        out.write_all(b",\n")?;
        serde_json::to_writer(&mut *out, row.as_ref())?;
    }
    out.write_all(b"\n]\n")
}
