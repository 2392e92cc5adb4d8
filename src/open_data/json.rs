//! Tables as JSON: an array whose first element is the array of field names and every other
//! element one row, its values typed as the fields (numbers as numbers, no value as `null`). One
//! row per line. This is the "array of arrays" form of the Frictionless tabular JSON: unlike an
//! array of objects it stays valid (and readable by the validator) when a table has no row, and it
//! does not repeat the field names in every row.

use super::schema::{Cell, Table};
use serde_json::Value;
use std::io::{self, Write};

/// Writes a table as JSON into `out`, row by row.
pub fn write(table: &Table, out: &mut dyn Write) -> io::Result<()> {
    let header: Vec<Value> = table
        .fields
        .iter()
        .map(|field| Value::String(field.name.to_string()))
        .collect();
    out.write_all(b"[\n")?;
    let rows = std::iter::once(Value::Array(header)).chain(
        table
            .rows
            .iter()
            .map(|row| Value::Array(row.iter().map(Cell::json).collect())),
    );
    for (index, row) in rows.enumerate() {
        if index > 0 {
            out.write_all(b",\n")?;
        }
        serde_json::to_writer(&mut *out, &row)?;
    }
    out.write_all(b"\n]\n")
}
