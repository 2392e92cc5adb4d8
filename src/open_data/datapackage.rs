//! `datapackage.json`: a Frictionless (Tabular) Data Package describing every file of the open
//! data: where it is, its format and encoding, and its Table Schema (field names, types, units,
//! constraints, keys), plus the portal's licence.

use super::schema::{Field, FieldType, Table};
use crate::config::License;
use crate::graph::Site;
use serde::Serialize;

/// A file format of the open data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values.
    Csv,
    /// JSON, an array of arrays (header row first).
    Json,
}

impl Format {
    /// File extension and `format` of the resource.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    /// Media type.
    pub fn mediatype(self) -> &'static str {
        match self {
            Format::Csv => "text/csv",
            Format::Json => "application/json",
        }
    }
}

/// A file to describe.
pub struct Resource<'a> {
    /// Unique name in the package (`targets-csv`, `chi-tieu-hai-long-tthc`).
    pub name: String,
    /// Path relative to `datapackage.json`.
    pub path: String,
    /// Its format.
    pub format: Format,
    /// What it holds.
    pub table: &'a Table,
    /// Its size in bytes.
    pub bytes: usize,
    /// Describe each field in words (`description`). Off for the per-indicator files, which
    /// repeat the columns of `targets-csv` (their resource description says so): their fields
    /// keep name, type, title, constraints and, for value columns, the unit.
    pub describe_fields: bool,
}

#[derive(Serialize)]
struct Package<'a> {
    profile: &'static str,
    name: String,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    homepage: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    licenses: Vec<&'a License>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    contributors: Vec<Contributor<'a>>,
    resources: Vec<ResourceDescriptor<'a>>,
}

#[derive(Serialize)]
struct Contributor<'a> {
    title: &'a str,
    role: &'static str,
}

#[derive(Serialize)]
struct ResourceDescriptor<'a> {
    profile: &'static str,
    name: &'a str,
    path: &'a str,
    title: &'a str,
    description: &'a str,
    format: &'static str,
    mediatype: &'static str,
    encoding: &'static str,
    /// Only for CSV: frictionless reads JSON through a streaming parser and cannot count its
    /// bytes, so declaring them would make a correct package fail validation.
    #[serde(skip_serializing_if = "Option::is_none")]
    bytes: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dialect: Option<Dialect>,
    schema: Schema<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Dialect {
    delimiter: &'static str,
    line_terminator: &'static str,
    quote_char: &'static str,
    double_quote: bool,
    header: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Schema<'a> {
    fields: Vec<FieldDescriptor<'a>>,
    missing_values: [&'static str; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    primary_key: Option<[&'static str; 1]>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    foreign_keys: Vec<ForeignKeyDescriptor>,
}

#[derive(Serialize)]
struct FieldDescriptor<'a> {
    name: &'static str,
    #[serde(rename = "type")]
    kind: FieldType,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    title: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    /// Custom property: the unit of a value column, when every row shares one.
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'a str>,
    #[serde(skip_serializing_if = "Constraints::is_empty")]
    constraints: Constraints<'a>,
}

#[derive(Serialize)]
struct Constraints<'a> {
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    required: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    unique: bool,
    #[serde(rename = "enum", skip_serializing_if = "Option::is_none")]
    values: Option<&'a [&'static str]>,
}

impl Constraints<'_> {
    fn is_empty(&self) -> bool {
        !self.required && !self.unique && self.values.is_none()
    }
}

#[derive(Serialize)]
struct ForeignKeyDescriptor {
    fields: [&'static str; 1],
    reference: Reference,
}

#[derive(Serialize)]
struct Reference {
    resource: String,
    fields: [&'static str; 1],
}

fn field(field: &Field, describe: bool) -> FieldDescriptor<'_> {
    FieldDescriptor {
        name: field.name,
        kind: field.kind,
        format: field.uri.then_some("uri"),
        title: field.title,
        description: (describe || field.unit.is_some()).then_some(field.description.as_str()),
        unit: field.unit.as_deref(),
        constraints: Constraints {
            required: field.required,
            unique: field.unique,
            values: field.values.as_deref(),
        },
    }
}

fn resource<'a>(resource: &'a Resource<'a>) -> ResourceDescriptor<'a> {
    let table = resource.table;
    let format = resource.format;
    ResourceDescriptor {
        profile: "tabular-data-resource",
        name: &resource.name,
        path: &resource.path,
        title: &table.title,
        description: &table.description,
        format: format.extension(),
        mediatype: format.mediatype(),
        encoding: "utf-8",
        bytes: (format == Format::Csv).then_some(resource.bytes),
        dialect: (format == Format::Csv).then_some(Dialect {
            delimiter: ",",
            line_terminator: "\n",
            quote_char: "\"",
            double_quote: true,
            header: true,
        }),
        schema: Schema {
            fields: table
                .fields
                .iter()
                .map(|f| field(f, resource.describe_fields))
                .collect(),
            missing_values: [""],
            primary_key: table.primary_key.map(|key| [key]),
            foreign_keys: table
                .foreign_keys
                .iter()
                .map(|key| ForeignKeyDescriptor {
                    fields: [key.field],
                    reference: Reference {
                        // The table referred to, in the same format.
                        resource: format!("{}-{}", key.table, format.extension()),
                        fields: [key.reference],
                    },
                })
                .collect(),
        },
    }
}

/// The bytes of `datapackage.json` describing `resources`.
pub fn write(site: &Site, resources: &[Resource]) -> Vec<u8> {
    let config = &site.config;
    let name = slug::slugify(&config.title);
    let absolute = config.base_url.contains("://");
    let package = Package {
        profile: "tabular-data-package",
        name: if name.is_empty() {
            "du-lieu-mo".to_string()
        } else {
            name
        },
        title: &config.title,
        description: config.description.as_deref(),
        homepage: absolute.then(|| format!("{}/du-lieu/", config.base_url.trim_end_matches('/'))),
        licenses: config.license.iter().collect(),
        contributors: config
            .publisher
            .as_deref()
            .map(|title| Contributor {
                title,
                role: "publisher",
            })
            .into_iter()
            .collect(),
        resources: resources.iter().map(resource).collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&package).expect("a descriptor serializes");
    bytes.push(b'\n');
    bytes
}
