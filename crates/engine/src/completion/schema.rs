//! The fields of a document's kind at a path, from what the loader decodes: the field tree of
//! the core and workload kinds ([`crate::fields`], which the loader checks them against) and
//! the serde structs of the kinds the engine types fully ([`crate::api`], through [`probe`]).

use super::context::Segment;
use super::probe::{probe, Found};
use crate::api;
use crate::fields::{self, type_fields};

/// What a probed type asks for at a path.
type Probed = fn(&[Segment]) -> Option<Found>;

/// Where the fields of a kind come from.
#[derive(Clone, Copy)]
pub(super) enum Source {
    /// A type of Kubernetes' field tree (`Pod`, `Deployment`, ...).
    Table(&'static str),
    /// A struct of [`crate::api`], probed.
    Typed(Probed),
}

/// What a value holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Shape {
    /// A mapping of the named type's fields.
    Object(String),
    /// A list.
    List(Box<Shape>),
    /// A mapping from names to values.
    Map(Box<Shape>),
    /// A string.
    String,
    /// true or false.
    Bool,
    /// An integer.
    Int,
    /// A number.
    Number,
    /// A quantity (`10Gi`).
    Quantity,
    /// Anything.
    Any,
}

impl Shape {
    /// In words, for the completion's detail.
    pub fn describe(&self) -> String {
        match self {
            Shape::Object(name) => name.clone(),
            Shape::List(inner) => format!("[]{}", inner.describe()),
            Shape::Map(inner) => format!("map[string]{}", inner.describe()),
            Shape::String => "string".into(),
            Shape::Bool => "boolean".into(),
            Shape::Int => "integer".into(),
            Shape::Number => "number".into(),
            Shape::Quantity => "quantity".into(),
            Shape::Any => "any".into(),
        }
    }

    /// Written on the lines below its key (a mapping or a list), not after it.
    pub fn is_block(&self) -> bool {
        matches!(self, Shape::Object(_) | Shape::List(_) | Shape::Map(_))
    }
}

/// A field offered at a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Field {
    /// The name as written.
    pub name: &'static str,
    /// What it holds.
    pub shape: Shape,
    /// The Kubernetes minor release that added it (0: every release offered).
    pub since: u16,
}

fn typed<T: serde::de::DeserializeOwned>(path: &[Segment]) -> Option<Found> {
    probe::<T>(path)
}

/// Where the fields of a document of this apiVersion and kind come from; `None` for a kind
/// the playground does not read.
pub(super) fn source(api_version: Option<&str>, kind: &str) -> Option<Source> {
    let group = api_version.map(|v| v.rsplit_once('/').map_or("", |(g, _)| g));
    let typed: Option<Probed> = match kind {
        "DeviceClass" => Some(typed::<api::DeviceClass>),
        "ResourceSlice" => Some(typed::<api::ResourceSlice>),
        "ResourceClaim" => Some(typed::<api::ResourceClaim>),
        "ResourceClaimTemplate" => Some(typed::<api::ResourceClaimTemplate>),
        "DeviceTaintRule" => Some(typed::<api::DeviceTaintRule>),
        "Scenario" => Some(typed::<api::Scenario>),
        "Step" => Some(typed::<api::Step>),
        "KubeSchedulerConfiguration" => Some(typed::<api::KubeSchedulerConfiguration>),
        _ => None,
    };
    let core = group.is_none_or(|g| matches!(g, "" | "apps" | "batch"));
    match typed {
        Some(probe) if !(core && kind == "ResourceClaim" && group.is_some()) => {
            Some(Source::Typed(probe))
        }
        _ if core => type_fields(kind).map(|t| Source::Table(t.name)),
        _ => None,
    }
}

impl Source {
    /// What the value at `path` holds; `None` when the path leaves the kind.
    pub fn shape_at(self, path: &[Segment]) -> Option<Shape> {
        match self {
            Source::Table(root) => {
                let mut shape = Shape::Object(root.to_owned());
                for segment in path {
                    shape = match (shape, segment) {
                        (Shape::Object(name), Segment::Key(key)) => {
                            table_shape(&type_fields(&name)?.field(key)?.shape)
                        }
                        (Shape::Map(inner), Segment::Key(_))
                        | (Shape::List(inner), Segment::Item) => *inner,
                        _ => return None,
                    };
                }
                Some(shape)
            }
            Source::Typed(probe) => typed_shape(probe, &mut path.to_vec()),
        }
    }

    /// The fields of the mapping at `path`, sorted by name; `None` when it is not one.
    pub fn fields_at(self, path: &[Segment]) -> Option<Vec<Field>> {
        match self {
            Source::Table(_) => {
                let Shape::Object(name) = self.shape_at(path)? else {
                    return None;
                };
                Some(
                    type_fields(&name)?
                        .fields
                        .iter()
                        .map(|f| Field {
                            name: f.name,
                            shape: table_shape(&f.shape),
                            since: f.since,
                        })
                        .collect(),
                )
            }
            Source::Typed(probe) => {
                let Some(Found::Struct(_, names)) = probe(path) else {
                    return None;
                };
                let mut fields: Vec<Field> = names
                    .iter()
                    .map(|name| {
                        let mut at = path.to_vec();
                        at.push(Segment::Key((*name).to_owned()));
                        Field {
                            name,
                            shape: typed_shape(probe, &mut at).unwrap_or(Shape::Any),
                            since: 0,
                        }
                    })
                    .collect();
                fields.sort_by_key(|f| f.name);
                Some(fields)
            }
        }
    }
}

/// A shape of the field tree, as completion describes it.
fn table_shape(shape: &fields::Shape) -> Shape {
    match shape {
        fields::Shape::String | fields::Shape::IntOrString | fields::Shape::Time => Shape::String,
        fields::Shape::Bool => Shape::Bool,
        fields::Shape::Int => Shape::Int,
        fields::Shape::Number => Shape::Number,
        fields::Shape::Quantity => Shape::Quantity,
        fields::Shape::Raw => Shape::Any,
        fields::Shape::Struct(name) => Shape::Object((*name).to_owned()),
        fields::Shape::List(inner) => Shape::List(Box::new(table_shape(inner))),
        fields::Shape::Map(inner) => Shape::Map(Box::new(table_shape(inner))),
    }
}

/// The shape at `path` of a probed type (lists and maps with what they hold).
fn typed_shape(probe: Probed, path: &mut Vec<Segment>) -> Option<Shape> {
    let inner = |path: &mut Vec<Segment>, step: Segment| {
        path.push(step);
        let shape = typed_shape(probe, path).unwrap_or(Shape::Any);
        path.pop();
        Box::new(shape)
    };
    Some(match probe(path)? {
        Found::Struct(name, _) => Shape::Object(name),
        Found::List => Shape::List(inner(path, Segment::Item)),
        Found::Map => Shape::Map(inner(path, Segment::Key(String::new()))),
        Found::String => Shape::String,
        Found::Quantity => Shape::Quantity,
        Found::Bool => Shape::Bool,
        Found::Int => Shape::Int,
        Found::Number => Shape::Number,
        Found::Any => Shape::Any,
    })
}
