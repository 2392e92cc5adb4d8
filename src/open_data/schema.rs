//! Tables as the open data publishes them: typed fields (a Frictionless Table Schema) and rows of
//! typed cells. Every writer (CSV, JSON, `datapackage.json`) and the data page read these, so a
//! column's name, type and value are defined once.

use serde::{Serialize, Serializer};
use std::borrow::Cow;

/// The Table Schema type of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    /// Text.
    String,
    /// A decimal number (`95`, `96.5`).
    Number,
    /// A calendar year (`2026`).
    Year,
    /// An ISO 8601 date (`2026-04-24`).
    Date,
}

impl FieldType {
    /// Vietnamese name of the type, for the data page.
    pub fn label(self) -> &'static str {
        match self {
            FieldType::String => "văn bản",
            FieldType::Number => "số",
            FieldType::Year => "năm",
            FieldType::Date => "ngày (NĂM-THÁNG-NGÀY)",
        }
    }
}

/// One column.
#[derive(Debug, Clone)]
pub struct Field {
    /// Column name (header row, JSON header, schema), ASCII snake case.
    pub name: &'static str,
    /// Its type.
    pub kind: FieldType,
    /// Vietnamese title.
    pub title: &'static str,
    /// Vietnamese description; names the unit when the column has one.
    pub description: String,
    /// The unit of a value column, when every row shares it (the per-indicator tables).
    pub unit: Option<String>,
    /// Never empty.
    pub required: bool,
    /// No two rows share a value.
    pub unique: bool,
    /// The only values allowed, when the column is a code list.
    pub values: Option<Vec<&'static str>>,
    /// The values are absolute addresses (`format: uri`).
    pub uri: bool,
}

impl Field {
    fn new(name: &'static str, kind: FieldType, title: &'static str, description: &str) -> Self {
        Field {
            name,
            kind,
            title,
            description: description.to_string(),
            unit: None,
            required: false,
            unique: false,
            values: None,
            uri: false,
        }
    }

    /// A text column.
    pub fn text(name: &'static str, title: &'static str, description: &str) -> Self {
        Field::new(name, FieldType::String, title, description)
    }

    /// A number column.
    pub fn number(name: &'static str, title: &'static str, description: &str) -> Self {
        Field::new(name, FieldType::Number, title, description)
    }

    /// A year column.
    pub fn year(name: &'static str, title: &'static str, description: &str) -> Self {
        Field::new(name, FieldType::Year, title, description)
    }

    /// A date column.
    pub fn date(name: &'static str, title: &'static str, description: &str) -> Self {
        Field::new(name, FieldType::Date, title, description)
    }

    /// Marks the column as never empty.
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    /// Marks the column as an identifier: never empty, never repeated.
    pub fn identifier(mut self) -> Self {
        self.required = true;
        self.unique = true;
        self
    }

    /// Restricts the column to a code list.
    pub fn one_of(mut self, values: &[&'static str]) -> Self {
        self.values = Some(values.to_vec());
        self
    }

    /// Declares the values absolute addresses (`format: uri`) when they are: they are not when
    /// `base_url` is a bare path such as `/`.
    pub fn address(mut self, absolute: bool) -> Self {
        self.uri = absolute;
        self
    }
}

/// The value of one cell, typed as its field.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// No value (empty in CSV, `null` in JSON).
    Null,
    /// Text (also dates, as ISO 8601).
    Text(String),
    /// A number.
    Number(f64),
    /// A whole number (years).
    Integer(i64),
}

impl Cell {
    /// Text, or nothing.
    pub fn text(value: Option<&str>) -> Cell {
        value.map_or(Cell::Null, |v| Cell::Text(v.to_string()))
    }

    /// A number, or nothing.
    pub fn number(value: Option<f64>) -> Cell {
        value.map_or(Cell::Null, Cell::Number)
    }

    /// A year, or nothing.
    pub fn year(value: Option<i32>) -> Cell {
        value.map_or(Cell::Null, |v| Cell::Integer(i64::from(v)))
    }

    /// The cell as CSV text: empty for no value, numbers without a trailing `.0`.
    pub fn csv_text(&self) -> Cow<'_, str> {
        match self {
            Cell::Null => Cow::Borrowed(""),
            Cell::Text(text) => Cow::Borrowed(text),
            Cell::Number(value) => Cow::Owned(number_text(*value)),
            Cell::Integer(value) => Cow::Owned(value.to_string()),
        }
    }
}

/// The cell as JSON: numbers as numbers (whole ones without a decimal part), no value as `null`.
impl Serialize for Cell {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Null => serializer.serialize_unit(),
            Cell::Text(text) => serializer.serialize_str(text),
            Cell::Number(value) => match whole(*value) {
                Some(whole) => serializer.serialize_i64(whole),
                None if value.is_finite() => serializer.serialize_f64(*value),
                None => serializer.serialize_unit(),
            },
            Cell::Integer(value) => serializer.serialize_i64(*value),
        }
    }
}

/// The integer a number is equal to, when it is one (and small enough to be exact).
fn whole(value: f64) -> Option<i64> {
    (value.fract() == 0.0 && value.abs() < 1e15).then_some(value as i64)
}

/// A number in the shortest form that reads back exactly, with a decimal point: `95`, `96.5`.
fn number_text(value: f64) -> String {
    whole(value).map_or_else(|| value.to_string(), |v| v.to_string())
}

/// A column of a table built from records of type `R`: its field and how to read its value.
pub struct Column<R> {
    /// The field.
    pub field: Field,
    /// The value of a record.
    pub value: fn(&R) -> Cell,
}

/// A reference from a column to the identifier column of another table.
#[derive(Debug, Clone)]
pub struct ForeignKey {
    /// The column holding the reference.
    pub field: &'static str,
    /// The table referred to (its [`Table::name`]).
    pub table: &'static str,
    /// The column of that table it refers to.
    pub reference: &'static str,
}

/// A table: typed fields and the rows, in the order of the fields.
#[derive(Debug, Clone)]
pub struct Table {
    /// Short name (`targets`), used for resource names.
    pub name: String,
    /// Vietnamese title.
    pub title: String,
    /// Vietnamese description.
    pub description: String,
    /// The columns.
    pub fields: Vec<Field>,
    /// The rows, one cell per field. The tables of [`super::OpenData`] keep at most their first
    /// row: their rows are streamed into their files.
    pub rows: Vec<Vec<Cell>>,
    /// The identifier column.
    pub primary_key: Option<&'static str>,
    /// References to other tables.
    pub foreign_keys: Vec<ForeignKey>,
}

impl Table {
    /// A table of `records`, one row each, with `columns`; each record is dropped once its row
    /// is made (a national table's records and rows are never all in memory together).
    pub fn of<R>(
        name: &str,
        title: &str,
        description: &str,
        columns: &[Column<R>],
        records: Vec<R>,
    ) -> Table {
        Table {
            name: name.to_string(),
            title: title.to_string(),
            description: description.to_string(),
            fields: columns.iter().map(|c| c.field.clone()).collect(),
            rows: records
                .into_iter()
                .map(|record| columns.iter().map(|c| (c.value)(&record)).collect())
                .collect(),
            primary_key: None,
            foreign_keys: Vec::new(),
        }
    }

    /// The position of a field.
    pub fn position(&self, field: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_back_exactly_and_whole_numbers_have_no_decimal_part() {
        assert_eq!(Cell::Number(95.0).csv_text(), "95");
        assert_eq!(Cell::Number(96.5).csv_text(), "96.5");
        assert_eq!(Cell::Number(0.1).csv_text(), "0.1");
        let json = |cell: Cell| serde_json::to_string(&cell).unwrap();
        assert_eq!(json(Cell::Number(95.0)), "95");
        assert_eq!(json(Cell::Number(96.5)), "96.5");
        assert_eq!(Cell::Null.csv_text(), "");
        assert_eq!(json(Cell::Null), "null");
        assert_eq!(json(Cell::Number(f64::NAN)), "null");
        assert_eq!(json(Cell::year(Some(2026))), "2026");
        assert_eq!(json(Cell::Text("Xã “A”".into())), r#""Xã “A”""#);
    }
}
