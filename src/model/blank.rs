//! Optional front-matter values that web forms (the editor at `/admin/`) write as `""` once a field
//! is cleared, or as `null` for a cleared choice: a blank value means the field is absent, as if
//! it were not written. Used with `#[serde(default, deserialize_with = "blank::optional")]`.

use super::plan::{Comparator, Date, DateVisitor};
use serde::de::{self, Deserialize, Deserializer, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// A value that may be blank where it is optional.
pub trait Scalar<'de>: Sized {
    /// Reads the value; `None` when it is a blank string.
    fn read<D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error>;
}

impl<'de> Scalar<'de> for Date {
    fn read<D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error> {
        deserializer.deserialize_str(BlankOr(DateVisitor))
    }
}

impl<'de> Scalar<'de> for i32 {
    fn read<D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error> {
        // `any`: asked for a number, the YAML parser refuses a quoted string before the visitor
        // could see that it is blank.
        deserializer.deserialize_any(BlankOr(IntVisitor))
    }
}

impl<'de> Scalar<'de> for String {
    fn read<D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error> {
        deserializer.deserialize_string(BlankOr(TextVisitor))
    }
}

impl<'de> Scalar<'de> for Comparator {
    fn read<D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error> {
        Comparator::deserialize(deserializer).map(Some)
    }
}

/// An optional value: absent, `null` or blank is `None`.
pub fn optional<'de, D: Deserializer<'de>, T: Scalar<'de>>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    deserializer.deserialize_option(OptionalVisitor(PhantomData))
}

/// A target's comparator: `>=` when absent, `null` or blank.
pub fn comparator<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Comparator, D::Error> {
    Ok(optional(deserializer)?.unwrap_or(Comparator::AtLeast))
}

struct OptionalVisitor<T>(PhantomData<T>);

impl<'de, T: Scalar<'de>> Visitor<'de> for OptionalVisitor<T> {
    type Value = Option<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an optional value")
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        T::read(deserializer)
    }
}

/// A scalar visitor for which a blank string is `None`.
struct BlankOr<V>(V);

impl<'de, V: Visitor<'de>> Visitor<'de> for BlankOr<V> {
    type Value = Option<V::Value>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        if text.trim().is_empty() {
            Ok(None)
        } else {
            self.0.visit_str(text).map(Some)
        }
    }
    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        self.0.visit_i64(value).map(Some)
    }
    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        self.0.visit_u64(value).map(Some)
    }
    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        self.0.visit_f64(value).map(Some)
    }
    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        self.0.visit_bool(value).map(Some)
    }
}

/// An `i32`, as serde reads one (same messages).
struct IntVisitor;

impl Visitor<'_> for IntVisitor {
    type Value = i32;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("i32")
    }
    fn visit_i64<E: de::Error>(self, value: i64) -> Result<i32, E> {
        i32::try_from(value).map_err(|_| E::invalid_value(de::Unexpected::Signed(value), &self))
    }
    fn visit_u64<E: de::Error>(self, value: u64) -> Result<i32, E> {
        i32::try_from(value).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(value), &self))
    }
}

/// A string, as serde reads one (same messages).
struct TextVisitor;

impl Visitor<'_> for TextVisitor {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<String, E> {
        Ok(text.to_string())
    }
}
