//! Turns the field tables of [`super::fields`] into Decap CMS field definitions.

use super::fields::{Choices, Field, Widget};
use crate::model::{Area, Better, CommuneKind, Comparator, Indicator, PlanKind, Status};
use serde::Serialize;
use serde_json::{Value, json};

/// The catalogues that fill the choice lists.
pub struct Catalogues<'a> {
    /// Reform areas, in their order.
    pub areas: &'a [Area],
    /// Indicators, in catalogue order.
    pub indicators: &'a [Indicator],
}

/// The Decap definition of each field, in table order.
pub fn decap_fields(fields: &[Field], catalogues: &Catalogues<'_>) -> Vec<Value> {
    fields.iter().map(|f| decap_field(f, catalogues)).collect()
}

fn decap_field(field: &Field, catalogues: &Catalogues<'_>) -> Value {
    let mut value = json!({
        "name": field.name,
        "label": field.label,
        "required": field.required,
    });
    let map = value.as_object_mut().expect("a field is a mapping");
    if !field.hint.is_empty() {
        map.insert("hint".into(), field.hint.into());
    }
    let widget = match field.widget {
        Widget::Line => json!({"widget": "string"}),
        Widget::Url => json!({
            "widget": "string",
            "pattern": [
                "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s]+$",
                "Ghi đầy đủ địa chỉ web, bắt đầu bằng https:// hoặc http://",
            ],
        }),
        Widget::Text => json!({"widget": "text"}),
        Widget::Int => json!({"widget": "number", "value_type": "int", "step": 1}),
        Widget::Float => json!({"widget": "number", "value_type": "float", "step": 0.01}),
        Widget::Date => json!({
            "widget": "datetime",
            "format": "YYYY-MM-DD",
            "date_format": "YYYY-MM-DD",
            "time_format": false,
        }),
        Widget::Choice(choices) => json!({
            "widget": "select",
            "options": options(choices, catalogues),
        }),
        Widget::Object(fields) => json!({
            "widget": "object",
            "collapsed": false,
            "fields": decap_fields(fields, catalogues),
        }),
        Widget::Objects(fields) => json!({
            "widget": "list",
            "collapsed": false,
            "label_singular": field.label.to_lowercase(),
            "fields": decap_fields(fields, catalogues),
        }),
        Widget::Lines => json!({
            "widget": "list",
            "field": {"name": "item", "label": field.label, "widget": "string"},
        }),
    };
    if let Value::Object(widget) = widget {
        map.extend(widget);
    }
    value
}

/// The `{label, value}` options of a choice: values as the model reads them, Vietnamese labels.
pub fn options(choices: Choices, catalogues: &Catalogues<'_>) -> Vec<Value> {
    fn fixed<T: Serialize + Copy>(all: &[T], label: impl Fn(T) -> String) -> Vec<Value> {
        all.iter()
            .map(|&item| json!({"label": label(item), "value": serde_value(item)}))
            .collect()
    }
    match choices {
        Choices::PlanKind => fixed(&PlanKind::ALL, |k| k.label().to_string()),
        Choices::Status => fixed(&Status::ALL, |s| s.label().to_string()),
        Choices::Comparator => fixed(&Comparator::ALL, |c| {
            format!("{} ({})", c.symbol(), c.label())
        }),
        Choices::CommuneKind => fixed(&CommuneKind::ALL, |k| k.label().to_string()),
        Choices::Better => fixed(&Better::ALL, |b| b.label().to_string()),
        Choices::Area => catalogues
            .areas
            .iter()
            .map(|a| json!({"label": a.name, "value": a.id}))
            .collect(),
        Choices::Indicator => catalogues
            .indicators
            .iter()
            .map(|i| json!({"label": format!("{} ({}, {})", i.short, i.unit, i.id), "value": i.id}))
            .collect(),
    }
}

/// How serde writes a unit variant (`ke-hoach`, `>=`).
fn serde_value<T: Serialize>(item: T) -> Value {
    serde_json::to_value(item).expect("a unit variant serializes to a string")
}
