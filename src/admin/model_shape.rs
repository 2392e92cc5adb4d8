//! Reads the shape of a model type from its serde `Deserialize` implementation (field names,
//! nesting, lists, options, enum variants), so the field tables can be checked against the model.
//! Test-only.

use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, Visitor};
use std::fmt;

/// What a model type looks like to serde.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Shape {
    /// Not traced yet.
    #[default]
    Unknown,
    /// A string (dates and catalogue ids included).
    Str,
    /// A whole number.
    Int,
    /// A floating-point number.
    Float,
    /// An enum of unit variants, by serde name.
    Enum(Vec<String>),
    /// A struct: its fields in declaration order.
    Struct(Vec<(String, Shape)>),
    /// A list.
    Seq(Box<Shape>),
    /// An optional value.
    Option(Box<Shape>),
}

/// The shape of `T`.
pub fn shape_of<'de, T: de::Deserialize<'de>>() -> Shape {
    let mut shape = Shape::Unknown;
    T::deserialize(Tracer { out: &mut shape }).expect("the tracer feeds valid values");
    shape
}

#[derive(Debug)]
struct TraceError(String);

impl fmt::Display for TraceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TraceError {}

impl de::Error for TraceError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        TraceError(message.to_string())
    }
}

/// Records the shape asked for into `out` and feeds the visitor a valid sample value.
struct Tracer<'a> {
    out: &'a mut Shape,
}

macro_rules! number {
    ($method:ident, $visit:ident, $shape:expr, $value:expr) => {
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
            *self.out = $shape;
            visitor.$visit($value)
        }
    };
}

impl<'de> Deserializer<'de> for Tracer<'_> {
    type Error = TraceError;

    /// The model asks for "any" value only for optional whole numbers that may be written blank
    /// (`model::blank`): traced as a whole number.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        *self.out = Shape::Int;
        visitor.visit_i64(2026)
    }

    number!(deserialize_i32, visit_i32, Shape::Int, 2026);
    number!(deserialize_i64, visit_i64, Shape::Int, 2026);
    number!(deserialize_u32, visit_u32, Shape::Int, 1);
    number!(deserialize_u64, visit_u64, Shape::Int, 1);
    number!(deserialize_f64, visit_f64, Shape::Float, 1.0);

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        *self.out = Shape::Str;
        // A valid date, so `Date` accepts it too.
        visitor.visit_str("2026-01-01")
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        *self.out = Shape::Option(Box::default());
        let Shape::Option(inner) = self.out else {
            unreachable!()
        };
        visitor.visit_some(Tracer { out: inner })
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        *self.out = Shape::Seq(Box::default());
        let Shape::Seq(inner) = self.out else {
            unreachable!()
        };
        visitor.visit_seq(OneElement { out: Some(inner) })
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TraceError> {
        *self.out = Shape::Struct(
            fields
                .iter()
                .map(|f| (f.to_string(), Shape::Unknown))
                .collect(),
        );
        let Shape::Struct(slots) = self.out else {
            unreachable!()
        };
        visitor.visit_map(Fields {
            slots: slots.iter_mut(),
            current: None,
        })
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TraceError> {
        *self.out = Shape::Enum(variants.iter().map(|v| v.to_string()).collect());
        visitor.visit_enum(FirstVariant(variants[0]))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i128 u8 u16 u128 f32 char bytes byte_buf unit unit_struct newtype_struct
        tuple tuple_struct map identifier ignored_any
    }
}

/// A list of one traced element.
struct OneElement<'a> {
    out: Option<&'a mut Shape>,
}

impl<'de> de::SeqAccess<'de> for OneElement<'_> {
    type Error = TraceError;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, TraceError> {
        match self.out.take() {
            Some(out) => seed.deserialize(Tracer { out }).map(Some),
            None => Ok(None),
        }
    }
}

/// Every field of a struct, each value traced into its slot.
struct Fields<'a> {
    slots: std::slice::IterMut<'a, (String, Shape)>,
    current: Option<&'a mut Shape>,
}

impl<'de> de::MapAccess<'de> for Fields<'_> {
    type Error = TraceError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, TraceError> {
        let Some((name, slot)) = self.slots.next() else {
            return Ok(None);
        };
        self.current = Some(slot);
        let key: de::value::StrDeserializer<'_, TraceError> = name.as_str().into_deserializer();
        seed.deserialize(key).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, TraceError> {
        let out = self.current.take().expect("a key comes before its value");
        seed.deserialize(Tracer { out })
    }
}

/// The first variant of an enum, as a unit variant.
struct FirstVariant(&'static str);

impl<'de> de::EnumAccess<'de> for FirstVariant {
    type Error = TraceError;
    type Variant = Self;
    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self), TraceError> {
        let name: de::value::StrDeserializer<'_, TraceError> = self.0.into_deserializer();
        Ok((seed.deserialize(name)?, self))
    }
}

impl<'de> de::VariantAccess<'de> for FirstVariant {
    type Error = TraceError;
    fn unit_variant(self) -> Result<(), TraceError> {
        Ok(())
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(
        self,
        _seed: T,
    ) -> Result<T::Value, TraceError> {
        Err(TraceError("only unit variants are traced".into()))
    }
    fn tuple_variant<V: Visitor<'de>>(
        self,
        _len: usize,
        _visitor: V,
    ) -> Result<V::Value, TraceError> {
        Err(TraceError("only unit variants are traced".into()))
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, TraceError> {
        Err(TraceError("only unit variants are traced".into()))
    }
}
