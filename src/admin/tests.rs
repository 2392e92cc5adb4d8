//! The generated configuration against the model: every serde field of the plan, commune and
//! indicator types must have a form field of the matching kind, and nothing else.

use super::model_shape::{Shape, shape_of};
use crate::model::{CommuneMeta, Indicator, PlanMeta};
use serde_json::Value;
use std::path::Path;

/// The example portal's configuration, parsed back from the YAML the build writes.
fn example_config() -> Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (sources, _) = crate::load::load(root);
    let (portal, problems) = crate::model::parse(&sources, Default::default());
    assert!(!problems.has_errors(), "the example portal should be valid");
    let (site, _) = crate::graph::build_graph(portal);
    serde_yaml::from_str(&super::config_yaml(&site)).expect("config.yml is YAML")
}

/// Compares Decap `fields` with a struct's shape; returns every difference, by dotted path.
fn compare(fields: &Value, shape: &Shape, path: &str, problems: &mut Vec<String>) {
    let Shape::Struct(model) = shape else {
        panic!("{path}: the model type is not a struct: {shape:?}")
    };
    let fields = fields.as_array().expect("fields is a list");
    let name = |f: &Value| f["name"].as_str().unwrap_or_default().to_string();
    for (field, field_shape) in model {
        match fields.iter().find(|f| name(f) == *field) {
            Some(form) => compare_field(form, field_shape, &format!("{path}.{field}"), problems),
            None => problems.push(format!(
                "{path}.{field}: in the model, missing in config.yml"
            )),
        }
    }
    for form in fields {
        let field = name(form);
        if field != "body" && !model.iter().any(|(m, _)| *m == field) {
            problems.push(format!("{path}.{field}: in config.yml, not in the model"));
        }
    }
}

fn compare_field(form: &Value, shape: &Shape, path: &str, problems: &mut Vec<String>) {
    let (optional, shape) = match shape {
        Shape::Option(inner) => (true, inner.as_ref()),
        other => (false, other),
    };
    if optional && form["required"] == Value::Bool(true) {
        problems.push(format!(
            "{path}: optional in the model, required in config.yml"
        ));
    }
    let widget = form["widget"].as_str().unwrap_or_default();
    let fits = match (widget, shape) {
        ("string" | "text" | "datetime", Shape::Str) => true,
        ("number", Shape::Int) => form["value_type"] == "int",
        ("number", Shape::Float) => form["value_type"] == "float",
        ("select", Shape::Str) => true,
        ("select", Shape::Enum(variants)) => {
            let values: Vec<&str> = form["options"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|o| o["value"].as_str())
                .collect();
            values == *variants
        }
        ("object", Shape::Struct(_)) => {
            compare(&form["fields"], shape, path, problems);
            true
        }
        ("list", Shape::Seq(item)) => match item.as_ref() {
            Shape::Struct(_) => {
                compare(&form["fields"], item, path, problems);
                true
            }
            Shape::Str => form["field"]["widget"] == "string",
            _ => false,
        },
        _ => false,
    };
    if !fits {
        problems.push(format!(
            "{path}: widget {form} does not fit the model's {shape:?}"
        ));
    }
}

#[test]
fn every_model_field_has_a_form_field_of_its_kind() {
    let config = example_config();
    let collections = config["collections"].as_array().unwrap();
    let mut problems = Vec::new();
    let plans: Vec<&Value> = collections
        .iter()
        .filter(|c| c["folder"].is_string())
        .collect();
    assert_eq!(plans.len(), 4, "one plan collection per commune");
    for plans in plans {
        compare(
            &plans["fields"],
            &shape_of::<PlanMeta>(),
            "plan",
            &mut problems,
        );
    }
    let files = |name: &str| {
        collections
            .iter()
            .find(|c| c["name"] == name)
            .and_then(|c| c["files"].as_array())
            .unwrap_or_else(|| panic!("collection {name}"))
            .clone()
    };
    let communes = files("xa-phuong");
    assert_eq!(communes.len(), 4, "one file per commune");
    for commune in &communes {
        compare(
            &commune["fields"],
            &shape_of::<CommuneMeta>(),
            "commune",
            &mut problems,
        );
    }
    let catalogue = &files("danh-muc-chi-tieu")[0]["fields"][0];
    assert_eq!(catalogue["name"], "indicators");
    compare(
        &catalogue["fields"],
        &shape_of::<Indicator>(),
        "indicator",
        &mut problems,
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_comparison_reports_a_model_field_missing_from_the_config() {
    let config = example_config();
    let mut fields = config["collections"][0]["fields"].clone();
    let list = fields.as_array_mut().unwrap();
    list.retain(|f| f["name"] != "issuer");
    let targets = list.iter_mut().find(|f| f["name"] == "targets").unwrap();
    targets["fields"][1]["value_type"] = "int".into();
    let mut problems = Vec::new();
    compare(&fields, &shape_of::<PlanMeta>(), "plan", &mut problems);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].starts_with("plan.issuer: in the model, missing"));
    assert!(problems[1].starts_with("plan.targets.value: widget"));
}

#[test]
fn the_tracer_sees_nested_lists_options_and_enums() {
    let Shape::Struct(fields) = shape_of::<PlanMeta>() else {
        panic!("PlanMeta is a struct")
    };
    let targets = &fields.iter().find(|(n, _)| n == "targets").unwrap().1;
    let Shape::Seq(target) = targets else {
        panic!("targets is a list: {targets:?}")
    };
    let Shape::Struct(target) = target.as_ref() else {
        panic!("a target is a struct")
    };
    let names: Vec<&str> = target.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["indicator", "value", "op", "from", "year", "quote"]);
    assert_eq!(target[1].1, Shape::Float);
    assert_eq!(target[3].1, Shape::Option(Box::new(Shape::Int)));
    // `op` is read with a default, and blank means absent: the tracer sees an option.
    let Shape::Option(op) = &target[2].1 else {
        panic!("op is optional")
    };
    let Shape::Enum(ops) = op.as_ref() else {
        panic!("op is an enum")
    };
    assert_eq!(ops, &[">=", "=", "<=", ">", "<"]);
}

#[test]
fn the_form_fields_are_written_once_and_aliased_by_every_other_commune() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (sources, _) = crate::load::load(root);
    let (portal, _) = crate::model::parse(&sources, Default::default());
    let (site, _) = crate::graph::build_graph(portal);
    let yaml = super::config_yaml(&site);
    let parsed: Value = serde_yaml::from_str(&yaml).expect("config.yml is YAML");
    assert_eq!(
        parsed,
        super::config(&site),
        "aliases resolve to the full configuration"
    );
    let communes = site.communes.len();
    assert!(communes >= 2, "the example portal has several communes");
    for name in ["plan_fields", "commune_fields"] {
        assert_eq!(
            yaml.matches(&format!("&{name}")).count(),
            1,
            "{name} anchored once"
        );
        assert_eq!(
            yaml.matches(&format!("*{name}")).count(),
            communes - 1,
            "{name} aliased by every other commune"
        );
    }
}
