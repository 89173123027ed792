//! A serde deserializer over a spanned node tree.
//!
//! Scalars are read as the target type asks, as Kubernetes' YAML reader
//! (sigs.k8s.io/yaml) does: a plain `yes`/`off`/`True`... is a boolean where a
//! boolean is expected, a plain scalar read into a string is its text as
//! written (`1.0` stays "1.0"), numbers are parsed where numbers are expected,
//! and a null leaves the zero value, as JSON null does in Go. Values read
//! without a type (`serde_json::Value`) get YAML's natural types.
//!
//! Every error carries the span of the node it is about (an unknown field: the
//! key; a wrong type: the value; a missing field: the mapping), and the field
//! path. While deserializing, the span of every key and value is recorded in a
//! [`SpanTable`] under its Kubernetes field path.

use std::cell::RefCell;
use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, EnumAccess, Error as _, Expected, MapAccess,
    SeqAccess, Unexpected, VariantAccess, Visitor,
};

use super::path::{FieldPath, SpanEntry, SpanTable};
use super::scalar::{parse_bool, parse_float, parse_int, resolve_plain, Resolved};
use super::{Node, NodeKind};
use crate::diagnostic::{nearest, Span};

/// What went wrong while reading a node into a type.
#[derive(Clone, Debug, PartialEq)]
enum Detail {
    Custom(String),
    UnknownField {
        field: String,
        expected: &'static [&'static str],
    },
    MissingField(&'static str),
    InvalidType {
        unexpected: String,
        expected: String,
        /// What the type asked for, as serde words it (`struct DeviceRequest`, `i64`).
        wanted: String,
    },
}

/// A decoding error: what and where.
#[derive(Clone, Debug, PartialEq)]
pub struct DeError(Box<Inner>);

#[derive(Clone, Debug, PartialEq)]
struct Inner {
    span: Option<Span>,
    path: Option<FieldPath>,
    detail: Detail,
}

impl DeError {
    fn new(detail: Detail) -> DeError {
        DeError(Box::new(Inner {
            span: None,
            path: None,
            detail,
        }))
    }

    /// Where the problem is (the node's span).
    pub fn span(&self) -> Option<Span> {
        self.0.span
    }

    /// The field path of the node, if known.
    pub fn path(&self) -> Option<&FieldPath> {
        self.0.path.as_ref()
    }

    /// The message, with the field path.
    pub fn message(&self) -> String {
        self.to_string()
    }

    fn at(mut self, span: Span, path: &FieldPath) -> DeError {
        if self.0.span.is_none() {
            self.0.span = Some(span);
            self.0.path = Some(path.clone());
        }
        self
    }

    fn invalid(node: &Node, expected: &dyn Expected) -> DeError {
        let wanted = expected.to_string();
        DeError::new(Detail::InvalidType {
            unexpected: describe_node(node),
            expected: friendly_expected(&wanted),
            wanted,
        })
    }

    /// For an unknown field: its name and the fields the type has.
    pub fn unknown_field(&self) -> Option<(&str, &'static [&'static str])> {
        match &self.0.detail {
            Detail::UnknownField { field, expected } => Some((field, expected)),
            _ => None,
        }
    }

    /// For a value of the wrong type: what the type asked for, as serde words it
    /// (`struct DeviceRequest`, `a sequence`, `i64`).
    pub fn wanted(&self) -> Option<&str> {
        match &self.0.detail {
            Detail::InvalidType { wanted, .. } => Some(wanted),
            _ => None,
        }
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self
            .0
            .path
            .as_ref()
            .map(|p| p.to_string())
            .unwrap_or_default();
        let prefix = if path.is_empty() {
            String::new()
        } else {
            format!("{path}: ")
        };
        match &self.0.detail {
            Detail::Custom(m) => write!(f, "{prefix}{m}"),
            Detail::UnknownField { field, expected } => {
                let shown = if path.is_empty() {
                    field.clone()
                } else {
                    path.clone()
                };
                write!(f, "unknown field {shown:?}")?;
                if let Some(similar) = nearest(field, expected.iter().copied()) {
                    write!(f, " (did you mean {similar:?}?)")?;
                } else if !expected.is_empty() && expected.len() <= 16 {
                    write!(f, " (known fields: {})", expected.join(", "))?;
                }
                Ok(())
            }
            Detail::MissingField(field) => {
                if path.is_empty() {
                    write!(f, "{field}: Required value")
                } else {
                    write!(f, "{path}.{field}: Required value")
                }
            }
            Detail::InvalidType {
                unexpected,
                expected,
                ..
            } => write!(f, "{prefix}expected {expected}, got {unexpected}"),
        }
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError::new(Detail::Custom(msg.to_string()))
    }

    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn Expected) -> Self {
        let wanted = exp.to_string();
        DeError::new(Detail::InvalidType {
            unexpected: describe_unexpected(&unexp),
            expected: friendly_expected(&wanted),
            wanted,
        })
    }

    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn Expected) -> Self {
        DeError::custom(format!(
            "Invalid value: {}: expected {}",
            describe_unexpected(&unexp),
            friendly_expected(&exp.to_string())
        ))
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        DeError::new(Detail::UnknownField {
            field: field.to_string(),
            expected,
        })
    }

    fn missing_field(field: &'static str) -> Self {
        DeError::new(Detail::MissingField(field))
    }
}

/// Whether a visitor expects a struct: derived visitors say "struct X".
/// Reads only the first characters of what it says, without allocating.
fn expects_struct(expected: &dyn Expected) -> bool {
    const PREFIX: &str = "struct ";
    /// Compares what is written with the prefix, then stops.
    struct Prefix {
        matched: usize,
        differs: bool,
    }
    impl fmt::Write for Prefix {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            let rest = &PREFIX[self.matched..];
            let n = rest.len().min(s.len());
            if rest.as_bytes()[..n] != s.as_bytes()[..n] {
                self.differs = true;
            }
            self.matched += n;
            if self.differs || self.matched == PREFIX.len() {
                Err(fmt::Error)
            } else {
                Ok(())
            }
        }
    }
    let mut prefix = Prefix {
        matched: 0,
        differs: false,
    };
    let _ = fmt::write(&mut prefix, format_args!("{expected}"));
    !prefix.differs && prefix.matched == PREFIX.len()
}

fn friendly_expected(e: &str) -> String {
    match e {
        "i8" | "i16" | "i32" | "i64" | "i128" | "u8" | "u16" | "u32" | "u64" | "u128" | "isize"
        | "usize" => "an integer".into(),
        "f32" | "f64" => "a number".into(),
        "a map" => "a mapping".into(),
        "a boolean" => "a boolean (true or false)".into(),
        e if e.starts_with("struct ") => "a mapping".into(),
        e => e.into(),
    }
}

fn describe_unexpected(u: &Unexpected<'_>) -> String {
    match u {
        Unexpected::Bool(b) => format!("boolean {b}"),
        Unexpected::Signed(i) => format!("integer {i}"),
        Unexpected::Unsigned(i) => format!("integer {i}"),
        Unexpected::Float(x) => format!("number {x}"),
        Unexpected::Str(s) => format!("string {s:?}"),
        Unexpected::Unit => "null".into(),
        Unexpected::Seq => "a sequence".into(),
        Unexpected::Map => "a mapping".into(),
        other => other.to_string(),
    }
}

fn describe_node(node: &Node) -> String {
    match &node.kind {
        NodeKind::Sequence(_) => "a sequence".into(),
        NodeKind::Mapping(_) => "a mapping".into(),
        NodeKind::Scalar(s) => {
            if !s.is_plain() {
                return format!("string {:?}", truncate(&s.text));
            }
            match resolve_plain(&s.text) {
                Resolved::Null => "null".into(),
                Resolved::Bool(b) => format!("boolean {b}"),
                Resolved::Int(_) | Resolved::UInt(_) => format!("integer {}", s.text),
                Resolved::Float(_) => format!("number {}", s.text),
                Resolved::Str => format!("string {:?}", truncate(&s.text)),
            }
        }
    }
}

fn truncate(s: &str) -> String {
    if s.chars().count() <= 60 {
        s.to_string()
    } else {
        let head: String = s.chars().take(57).collect();
        format!("{head}...")
    }
}

/// Reads a node into a type, recording spans in `table` under field paths
/// starting at `path`.
pub fn from_node<T: DeserializeOwned>(
    node: &Node,
    path: &FieldPath,
    table: &mut SpanTable,
) -> Result<T, DeError> {
    let cell = RefCell::new(std::mem::take(table));
    let result = T::deserialize(NodeDe {
        node,
        path,
        table: &cell,
        is_key: false,
    })
    .map_err(|e| e.at(node.span, path));
    *table = cell.into_inner();
    table.sort();
    result
}

/// Reads one node; `path` is its field path, borrowed from whoever made it
/// (a path is built once per key or item, and copied only into the table).
struct NodeDe<'a, 'p> {
    node: &'a Node,
    path: &'p FieldPath,
    table: &'a RefCell<SpanTable>,
    is_key: bool,
}

impl<'a> NodeDe<'a, '_> {
    fn plain(&self) -> Option<&'a str> {
        match &self.node.kind {
            NodeKind::Scalar(s) if s.is_plain() => Some(s.text.as_str()),
            _ => None,
        }
    }

    fn is_null(&self) -> bool {
        !self.is_key && self.node.is_null()
    }

    fn locate(&self, e: DeError) -> DeError {
        e.at(self.node.span, self.path)
    }

    fn int<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.is_null() {
            return visitor.visit_i64(0).map_err(|e| self.locate(e));
        }
        let r = match self.plain() {
            Some(t) => match parse_int(t) {
                Ok(v) => match i64::try_from(v) {
                    Ok(i) => visitor.visit_i64(i),
                    Err(_) => match u64::try_from(v) {
                        Ok(u) => visitor.visit_u64(u),
                        Err(_) => Err(DeError::custom(format!(
                            "Invalid value: {t}: integer out of range"
                        ))),
                    },
                },
                Err(true) => Err(DeError::custom(format!(
                    "Invalid value: {t}: integer out of range"
                ))),
                Err(false) => match parse_float(t) {
                    // 1.0 or 1e3 is an integer, as in Kubernetes' YAML-to-JSON reading.
                    Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => visitor.visit_i64(f as i64),
                    _ => Err(DeError::invalid(self.node, &visitor)),
                },
            },
            None => Err(DeError::invalid(self.node, &visitor)),
        };
        r.map_err(|e| self.locate(e))
    }

    fn float<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.is_null() {
            return visitor.visit_f64(0.0).map_err(|e| self.locate(e));
        }
        let r = match self.plain() {
            Some(t) => match parse_int(t) {
                Ok(v) => visitor.visit_f64(v as f64),
                Err(_) => match parse_float(t) {
                    Some(f) => visitor.visit_f64(f),
                    None => Err(DeError::invalid(self.node, &visitor)),
                },
            },
            None => Err(DeError::invalid(self.node, &visitor)),
        };
        r.map_err(|e| self.locate(e))
    }

    fn seq<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let r = match &self.node.kind {
            NodeKind::Sequence(items) => visitor.visit_seq(Seq {
                items: items.iter().enumerate(),
                path: self.path,
                table: self.table,
            }),
            NodeKind::Scalar(_) if self.is_null() => visitor.visit_seq(Seq {
                items: [].iter().enumerate(),
                path: self.path,
                table: self.table,
            }),
            _ => Err(DeError::invalid(self.node, &visitor)),
        };
        r.map_err(|e| self.locate(e))
    }

    fn map<'de, V: Visitor<'de>>(self, visitor: V, is_struct: bool) -> Result<V::Value, DeError> {
        let r = match &self.node.kind {
            NodeKind::Mapping(entries) => visitor.visit_map(Map {
                entries: entries.iter(),
                value: None,
                path: self.path,
                table: self.table,
                is_struct,
            }),
            NodeKind::Scalar(_) if self.is_null() => visitor.visit_map(Map {
                entries: [].iter(),
                value: None,
                path: self.path,
                table: self.table,
                is_struct,
            }),
            _ => Err(DeError::invalid(self.node, &visitor)),
        };
        r.map_err(|e| self.locate(e))
    }
}

impl<'de> de::Deserializer<'de> for NodeDe<'_, '_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let r = match &self.node.kind {
            NodeKind::Sequence(_) => return self.seq(visitor),
            NodeKind::Mapping(_) => return self.map(visitor, false),
            NodeKind::Scalar(s) if self.is_key || !s.is_plain() => visitor.visit_str(&s.text),
            NodeKind::Scalar(s) => match resolve_plain(&s.text) {
                Resolved::Null => visitor.visit_unit(),
                Resolved::Bool(b) => visitor.visit_bool(b),
                Resolved::Int(i) => visitor.visit_i64(i),
                Resolved::UInt(u) => visitor.visit_u64(u),
                Resolved::Float(f) if f.is_finite() => visitor.visit_f64(f),
                // JSON has no infinities: keep the text.
                Resolved::Float(_) | Resolved::Str => visitor.visit_str(&s.text),
            },
        };
        r.map_err(|e| self.locate(e))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let r = if self.is_null() {
            visitor.visit_bool(false)
        } else {
            match self.plain().and_then(parse_bool) {
                Some(b) => visitor.visit_bool(b),
                None => Err(DeError::invalid(self.node, &visitor)),
            }
        };
        r.map_err(|e| self.locate(e))
    }

    fn deserialize_i8<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.int(v)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.int(v)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.int(v)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.int(v)
    }
    fn deserialize_i128<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.int(v)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.int(v)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.int(v)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.int(v)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.int(v)
    }
    fn deserialize_u128<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.int(v)
    }
    fn deserialize_f32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.float(v)
    }
    fn deserialize_f64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.float(v)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let r = match &self.node.kind {
            NodeKind::Scalar(_) if self.is_null() => visitor.visit_str(""),
            NodeKind::Scalar(s) => visitor.visit_str(&s.text),
            _ => Err(DeError::invalid(self.node, &visitor)),
        };
        r.map_err(|e| self.locate(e))
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.is_null() {
            let span = self.node.span;
            let path = self.path;
            visitor.visit_none().map_err(|e: DeError| e.at(span, path))
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let r = if self.is_null() {
            visitor.visit_unit()
        } else {
            Err(DeError::invalid(self.node, &visitor))
        };
        r.map_err(|e| self.locate(e))
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let span = self.node.span;
        let path = self.path;
        visitor
            .visit_newtype_struct(self)
            .map_err(|e| e.at(span, path))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.seq(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        // A struct with a `#[serde(flatten)]` remainder is read as a map:
        // its keys are still fields (`spec.hostNetwork`, not
        // `spec[hostNetwork]`).
        let is_struct = expects_struct(&visitor);
        self.map(visitor, is_struct)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.map(visitor, true)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let r = match &self.node.kind {
            NodeKind::Scalar(_) => visitor.visit_enum(Enum {
                variant: self.node,
                value: None,
                path: self.path,
                table: self.table,
            }),
            NodeKind::Mapping(entries) if entries.len() == 1 => visitor.visit_enum(Enum {
                variant: &entries[0].0,
                value: Some(&entries[0].1),
                path: self.path,
                table: self.table,
            }),
            _ => Err(DeError::invalid(self.node, &visitor)),
        };
        r.map_err(|e| self.locate(e))
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let r = match &self.node.kind {
            NodeKind::Scalar(s) => visitor.visit_str(&s.text),
            _ => Err(DeError::invalid(self.node, &visitor)),
        };
        r.map_err(|e| self.locate(e))
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }
}

struct Seq<'a, I> {
    items: I,
    path: &'a FieldPath,
    table: &'a RefCell<SpanTable>,
}

impl<'de, 'a, I: Iterator<Item = (usize, &'a Node)>> SeqAccess<'de> for Seq<'a, I> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let Some((i, node)) = self.items.next() else {
            return Ok(None);
        };
        let path = self.path.index(i);
        self.table.borrow_mut().insert(
            &path,
            SpanEntry {
                key: None,
                value: node.span,
                scalar: matches!(node.kind, NodeKind::Scalar(_)),
                style: node.as_scalar().map(|s| s.style),
            },
        );
        seed.deserialize(NodeDe {
            node,
            path: &path,
            table: self.table,
            is_key: false,
        })
        .map(Some)
    }
}

struct Map<'a, I> {
    entries: I,
    value: Option<(&'a Node, FieldPath)>,
    path: &'a FieldPath,
    table: &'a RefCell<SpanTable>,
    is_struct: bool,
}

impl<'de, 'a, I: Iterator<Item = &'a (Node, Node)>> MapAccess<'de> for Map<'a, I> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        let text = key.as_str().unwrap_or_default();
        let path = if self.is_struct {
            self.path.child(text)
        } else {
            self.path.key(text)
        };
        self.table.borrow_mut().insert(
            &path,
            SpanEntry {
                key: Some(key.span),
                value: value.span,
                scalar: matches!(value.kind, NodeKind::Scalar(_)),
                style: value.as_scalar().map(|s| s.style),
            },
        );
        let key = seed.deserialize(NodeDe {
            node: key,
            path: &path,
            table: self.table,
            is_key: true,
        })?;
        self.value = Some((value, path));
        Ok(Some(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let Some((node, path)) = self.value.take() else {
            return Err(DeError::custom("value without a key"));
        };
        seed.deserialize(NodeDe {
            node,
            path: &path,
            table: self.table,
            is_key: false,
        })
    }
}

struct Enum<'a> {
    variant: &'a Node,
    value: Option<&'a Node>,
    path: &'a FieldPath,
    table: &'a RefCell<SpanTable>,
}

impl<'de, 'a> EnumAccess<'de> for Enum<'a> {
    type Error = DeError;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), DeError> {
        let v = seed.deserialize(NodeDe {
            node: self.variant,
            path: self.path,
            table: self.table,
            is_key: true,
        })?;
        Ok((v, self))
    }
}

impl<'de, 'a> VariantAccess<'de> for Enum<'a> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        match self.value {
            None => Ok(()),
            Some(n) if n.is_null() => Ok(()),
            Some(n) => Err(DeError::invalid(n, &"a unit variant").at(n.span, self.path)),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        match self.value {
            Some(n) => seed.deserialize(NodeDe {
                node: n,
                path: self.path,
                table: self.table,
                is_key: false,
            }),
            None => Err(DeError::invalid(self.variant, &"a mapping with one entry")
                .at(self.variant.span, self.path)),
        }
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        match self.value {
            Some(n) => de::Deserializer::deserialize_seq(
                NodeDe {
                    node: n,
                    path: self.path,
                    table: self.table,
                    is_key: false,
                },
                visitor,
            ),
            None => Err(DeError::invalid(self.variant, &visitor).at(self.variant.span, self.path)),
        }
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match self.value {
            Some(n) => de::Deserializer::deserialize_map(
                NodeDe {
                    node: n,
                    path: self.path,
                    table: self.table,
                    is_key: false,
                },
                visitor,
            ),
            None => Err(DeError::invalid(self.variant, &visitor).at(self.variant.span, self.path)),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Deserialize;

    use super::*;
    use crate::yaml::parse;

    #[derive(Debug, Deserialize, PartialEq, Default)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct T {
        name: String,
        #[serde(default)]
        count: i64,
        #[serde(default)]
        flag: Option<bool>,
        #[serde(default)]
        labels: BTreeMap<String, String>,
        #[serde(default)]
        items: Vec<String>,
        #[serde(default)]
        raw: Option<serde_json::Value>,
    }

    fn read(text: &str) -> (Result<T, DeError>, SpanTable) {
        let parsed = parse(text);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let mut table = SpanTable::default();
        let r = from_node(
            &parsed.documents[0].root,
            &FieldPath::new("spec"),
            &mut table,
        );
        (r, table)
    }

    fn err(text: &str) -> (usize, usize, String) {
        let e = read(text).0.unwrap_err();
        let s = e.span().unwrap();
        (s.start.line, s.start.column, e.message())
    }

    #[test]
    fn type_directed_scalars() {
        let (t, _) = read(
            "name: 1.0\ncount: 0x10\nflag: Off\nlabels: {a: yes, b: 2}\nitems: [1.50, null]\n",
        );
        let t = t.unwrap();
        assert_eq!(t.name, "1.0");
        assert_eq!(t.count, 16);
        assert_eq!(t.flag, Some(false));
        assert_eq!(t.labels["a"], "yes");
        assert_eq!(t.labels["b"], "2");
        assert_eq!(t.items, vec!["1.50".to_string(), String::new()]);
    }

    #[test]
    fn yaml_1_1_booleans() {
        for (text, want) in [
            ("y", true),
            ("YES", true),
            ("On", true),
            ("n", false),
            ("NO", false),
            ("off", false),
            ("False", false),
        ] {
            let (t, _) = read(&format!("name: x\nflag: {text}\n"));
            assert_eq!(t.unwrap().flag, Some(want), "{text}");
        }
        assert_eq!(
            err("name: x\nflag: \"true\"\n"),
            (
                2,
                7,
                "spec.flag: expected a boolean (true or false), got string \"true\"".into()
            )
        );
        assert_eq!(
            err("name: x\nflag: maybe\n"),
            (
                2,
                7,
                "spec.flag: expected a boolean (true or false), got string \"maybe\"".into()
            )
        );
    }

    #[test]
    fn natural_types_for_values() {
        let (t, _) = read("name: x\nraw: {a: 1, b: yes, c: '1', d: ~, e: [1.5, x], f: 1.0}\n");
        assert_eq!(
            t.unwrap().raw.unwrap(),
            serde_json::json!({"a": 1, "b": true, "c": "1", "d": null, "e": [1.5, "x"], "f": 1.0})
        );
    }

    #[test]
    fn errors_are_positioned() {
        assert_eq!(
            err("name: x\ncount: many\n"),
            (
                2,
                8,
                "spec.count: expected an integer, got string \"many\"".into()
            )
        );
        assert_eq!(
            err("name: x\ncuont: 1\n"),
            (
                2,
                1,
                "unknown field \"spec.cuont\" (did you mean \"count\"?)".into()
            )
        );
        assert_eq!(
            err("\n\n  count: 1\n"),
            (3, 3, "spec.name: Required value".into())
        );
        assert_eq!(
            err("name: [a]\n"),
            (1, 7, "spec.name: expected a string, got a sequence".into())
        );
        assert_eq!(
            err("name: x\nlabels:\n  a: [1]\n"),
            (
                3,
                6,
                "spec.labels[a]: expected a string, got a sequence".into()
            )
        );
    }

    #[test]
    fn spans_are_recorded_by_path() {
        let (t, table) = read("name: x\nlabels:\n  a.b/c: v\nitems:\n- one\n- two\n");
        t.unwrap();
        let e = table
            .get(&FieldPath::new("spec").child("labels").key("a.b/c"))
            .unwrap();
        assert_eq!((e.key.unwrap().start.line, e.value.start.column), (3, 10));
        let e = table
            .get(&FieldPath::new("spec").child("items").index(1))
            .unwrap();
        assert_eq!((e.value.start.line, e.value.start.column), (6, 3));
    }

    #[test]
    fn a_struct_read_as_a_map_is_known_by_what_its_visitor_expects() {
        assert!(super::expects_struct(&"struct PodSpec"));
        assert!(!super::expects_struct(&"a map"));
        assert!(!super::expects_struct(&"struc"));
        assert!(!super::expects_struct(&"structure"));
    }
}
