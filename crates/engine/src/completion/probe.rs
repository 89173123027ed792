//! The fields of the kinds the engine types fully (the DRA kinds, the Scenario and Step
//! documents, the KubeSchedulerConfiguration), read from their serde derives: a deserializer
//! that follows a path into a type and reports what the type asks for there (a struct with its
//! field names, a list, a map, a string, ...), then stops. The `api` structs are the one source
//! of these names, as they are of what the loader accepts.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, Visitor};

use super::context::Segment;

/// What a type asks for at a path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Found {
    /// A struct: its name and its fields' names (as written in YAML).
    Struct(&'static str, &'static [&'static str]),
    /// A list.
    List,
    /// A map with string keys.
    Map,
    /// An enum: its variants.
    Enum(&'static [&'static str]),
    /// A string.
    String,
    /// true or false.
    Bool,
    /// An integer.
    Int,
    /// A number.
    Number,
    /// Anything (a value kept as written, or one with a deserializer of its own such as a
    /// quantity).
    Any,
}

/// What `T` asks for at `path`, or `None` when the path leaves it (an unknown field).
pub(super) fn probe<T: DeserializeOwned>(path: &[Segment]) -> Option<Found> {
    let found = RefCell::new(None);
    let _ = T::deserialize(Probe {
        path,
        found: &found,
    });
    found.into_inner()
}

/// The deserializer that follows the path.
struct Probe<'p> {
    path: &'p [Segment],
    found: &'p RefCell<Option<Found>>,
}

/// Why the probe stops: always on purpose, after it found what it looked for (or found the
/// path does not go on).
#[derive(Debug)]
struct Stop;

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("probe stopped")
    }
}

impl std::error::Error for Stop {}

impl de::Error for Stop {
    fn custom<M: fmt::Display>(_: M) -> Self {
        Stop
    }
}

impl<'p> Probe<'p> {
    /// Records what is asked for at the end of the path, and stops.
    fn found<T>(self, found: Found) -> Result<T, Stop> {
        if self.path.is_empty() {
            *self.found.borrow_mut() = Some(found);
        }
        Err(Stop)
    }

    /// The probe one step further.
    fn next(&self) -> Probe<'p> {
        Probe {
            path: &self.path[1..],
            found: self.found,
        }
    }
}

macro_rules! leaf {
    ($($method:ident => $found:expr),* $(,)?) => {
        $(fn $method<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            self.found($found)
        })*
    };
}

impl<'de> de::Deserializer<'de> for Probe<'_> {
    type Error = Stop;

    leaf! {
        deserialize_any => Found::Any,
        deserialize_bool => Found::Bool,
        deserialize_i8 => Found::Int,
        deserialize_i16 => Found::Int,
        deserialize_i32 => Found::Int,
        deserialize_i64 => Found::Int,
        deserialize_i128 => Found::Int,
        deserialize_u8 => Found::Int,
        deserialize_u16 => Found::Int,
        deserialize_u32 => Found::Int,
        deserialize_u64 => Found::Int,
        deserialize_u128 => Found::Int,
        deserialize_f32 => Found::Number,
        deserialize_f64 => Found::Number,
        deserialize_char => Found::String,
        deserialize_str => Found::String,
        deserialize_string => Found::String,
        deserialize_bytes => Found::String,
        deserialize_byte_buf => Found::String,
        deserialize_unit => Found::Any,
        deserialize_identifier => Found::String,
        deserialize_ignored_any => Found::Any,
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        visitor.visit_some(self)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: V,
    ) -> Result<V::Value, Stop> {
        self.found(Found::Any)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Stop> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        match self.path.first() {
            Some(Segment::Item) => visitor.visit_seq(OneItem(Some(self.next()))),
            _ => self.found(Found::List),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, Stop> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, Stop> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        match self.path.first() {
            Some(Segment::Key(key)) => visitor.visit_map(OneEntry {
                key: Some(key.clone()),
                value: Some(self.next()),
            }),
            _ => self.found(Found::Map),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Stop> {
        match self.path.first() {
            Some(Segment::Key(key)) if fields.contains(&key.as_str()) => {
                visitor.visit_map(OneEntry {
                    key: Some(key.clone()),
                    value: Some(self.next()),
                })
            }
            Some(_) => Err(Stop),
            None => self.found(Found::Struct(name, fields)),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        variants: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Stop> {
        self.found(Found::Enum(variants))
    }
}

/// A list of one item, the probe's next step.
struct OneItem<'p>(Option<Probe<'p>>);

impl<'de> de::SeqAccess<'de> for OneItem<'_> {
    type Error = Stop;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Stop> {
        match self.0.take() {
            Some(probe) => seed.deserialize(probe).map(Some),
            None => Ok(None),
        }
    }
}

/// A mapping of one entry: the key on the path, and the probe's next step as its value.
struct OneEntry<'p> {
    key: Option<String>,
    value: Option<Probe<'p>>,
}

impl<'de> de::MapAccess<'de> for OneEntry<'_> {
    type Error = Stop;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Stop> {
        match self.key.take() {
            Some(key) => seed
                .deserialize(de::value::StringDeserializer::<Stop>::new(key))
                .map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Stop> {
        match self.value.take() {
            Some(probe) => seed.deserialize(probe),
            None => Err(Stop),
        }
    }
}
