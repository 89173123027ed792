//! A YAML stream as a tree of nodes, each with its span in the text, and a
//! serde deserializer over that tree.
//!
//! Parsing is done by `saphyr-parser`'s event parser; this module builds its
//! own small tree from the events so that every key and value keeps its
//! position, duplicate keys are caught, aliases are expanded within a budget,
//! and nesting is limited. Scalars keep the text as written and their style:
//! the deserializer decides what a plain scalar means from the type it is read
//! into, as Kubernetes' YAML reader does (`1.0` read into a string is "1.0").
//!
//! **Invariant:** parsing never panics and never fails as a whole: it returns
//! the documents it could read and a diagnostic for every problem.

mod de;
mod events;
mod parse;
mod path;
mod scalar;

pub use de::{from_node, DeError};
// For the command line's loader on two threads (`load::load_scenario_in_parallel`).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use events::{read_events, Read};
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use parse::TreeBuilder;
pub use parse::{parse, parse_stream, Parsed, MAX_ALIAS_EXPANSION, MAX_DEPTH};
pub use path::{FieldPath, PathSegment, SpanEntry, SpanTable};
pub use scalar::{parse_bool, parse_int, resolve_plain, source_position, Resolved};

use crate::diagnostic::Span;

/// How a scalar was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScalarStyle {
    /// Unquoted.
    Plain,
    /// `'...'`.
    SingleQuoted,
    /// `"..."`.
    DoubleQuoted,
    /// `|` block.
    Literal,
    /// `>` block.
    Folded,
}

/// A scalar: its value (escapes and folding applied) and how it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scalar {
    /// The value.
    pub text: String,
    /// How it was written.
    pub style: ScalarStyle,
    /// An explicit tag such as `!!str`, as `tag:yaml.org,2002:str`.
    pub tag: Option<String>,
}

impl Scalar {
    /// True when the scalar's meaning depends on its text (plain, and not tagged `!!str`).
    pub fn is_plain(&self) -> bool {
        self.style == ScalarStyle::Plain && self.tag.as_deref() != Some(STR_TAG)
    }

    /// True for a plain null: empty, `~`, `null`, `Null`, `NULL` (or tagged `!!null`).
    pub fn is_null(&self) -> bool {
        if self.tag.as_deref() == Some(NULL_TAG) {
            return true;
        }
        self.is_plain() && matches!(self.text.as_str(), "" | "~" | "null" | "Null" | "NULL")
    }
}

pub(crate) const STR_TAG: &str = "tag:yaml.org,2002:str";
pub(crate) const NULL_TAG: &str = "tag:yaml.org,2002:null";

/// What a node holds.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    /// A scalar.
    Scalar(Scalar),
    /// A sequence of nodes.
    Sequence(Vec<Node>),
    /// A mapping; keys are scalars, unique, in the order written.
    Mapping(Vec<(Node, Node)>),
}

/// One node of the tree and where it is written.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The content.
    pub kind: NodeKind,
    /// Where it is.
    pub span: Span,
}

impl Node {
    /// A scalar node.
    pub fn scalar(text: impl Into<String>, style: ScalarStyle, span: Span) -> Node {
        Node {
            kind: NodeKind::Scalar(Scalar {
                text: text.into(),
                style,
                tag: None,
            }),
            span,
        }
    }

    /// The scalar, if this is one.
    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.kind {
            NodeKind::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The scalar's text, if this is a scalar.
    pub fn as_str(&self) -> Option<&str> {
        self.as_scalar().map(|s| s.text.as_str())
    }

    /// The entries, if this is a mapping.
    pub fn as_mapping(&self) -> Option<&[(Node, Node)]> {
        match &self.kind {
            NodeKind::Mapping(m) => Some(m),
            _ => None,
        }
    }

    /// The items, if this is a sequence.
    pub fn as_sequence(&self) -> Option<&[Node]> {
        match &self.kind {
            NodeKind::Sequence(s) => Some(s),
            _ => None,
        }
    }

    /// True for a plain null scalar.
    pub fn is_null(&self) -> bool {
        self.as_scalar().is_some_and(Scalar::is_null)
    }

    /// The key node and value node of a mapping entry, by key text.
    pub fn get_entry(&self, key: &str) -> Option<&(Node, Node)> {
        self.as_mapping()?
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
    }

    /// The value of a mapping entry, by key text.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.get_entry(key).map(|(_, v)| v)
    }

    /// What kind of node this is, in words for messages.
    pub fn describe(&self) -> &'static str {
        match &self.kind {
            NodeKind::Scalar(s) if s.is_null() => "null",
            NodeKind::Scalar(_) => "a scalar",
            NodeKind::Sequence(_) => "a sequence",
            NodeKind::Mapping(_) => "a mapping",
        }
    }
}

/// One document of a stream.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// Index of the document in the stream, counting empty documents too, 0-based.
    pub index: usize,
    /// The root node.
    pub root: Node,
}
