//! Documents to typed objects: apiVersion and kind, Lists, conversion, serde.

use serde::de::DeserializeOwned;

use super::fields::FieldCheck;
use super::kinds::{self, Kind, Refused, Resolved};
use super::{convert, scheduler_config, LoadedObject};
use crate::api::{Object, Workload};
use crate::diagnostic::{Diagnostic, Span};
use crate::yaml::{from_node, Document, FieldPath, Node, NodeKind, SpanEntry, SpanTable};

/// Decodes one document (a List: each item) into `out`; `release` is the
/// minor release the scenario names (None: the newest), for the fields of
/// the core kinds. The document's tree is used up: conversion rewrites it in
/// place, and it is dropped as soon as its objects are made.
pub(super) fn decode_document(
    doc: Document,
    release: Option<u16>,
    out: &mut Vec<LoadedObject>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let reader = Reader {
        document: doc.index,
        release,
    };
    reader.item(doc.root, None, out, diagnostics);
}

/// True when decoding the document depends on the release the scenario
/// names: its kind is a core kind, whose fields are checked against that
/// release's field tree, or a `List`, which may hold one (or it is no
/// object at all, which costs nothing to keep).
pub(super) fn depends_on_release(doc: &Document) -> bool {
    let text = |name| doc.root.get(name).and_then(Node::as_str);
    let (Some(api_version), Some(kind)) = (text("apiVersion"), text("kind")) else {
        return true;
    };
    match kinds::resolve(api_version, kind) {
        Ok(Resolved::Read(kind)) => kind == Kind::List || untyped_kind(kind).is_some(),
        _ => true,
    }
}

/// Reads the objects of one document.
struct Reader {
    document: usize,
    release: Option<u16>,
}

/// Reads a required string field (`apiVersion`, `kind`) of an object.
fn type_field<'n>(
    node: &'n Node,
    name: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(&'n str, Span)> {
    match node.get(name) {
        None => {
            diagnostics.push(Diagnostic::error(
                Span::point(node.span.start),
                format!("{name}: Required value: every object needs apiVersion and kind"),
            ));
            None
        }
        Some(v) => match v.as_str() {
            Some(text) if !v.is_null() && !text.is_empty() => Some((text, v.span)),
            _ => {
                diagnostics.push(Diagnostic::error(
                    v.span,
                    format!("{name}: expected a non-empty string, got {}", v.describe()),
                ));
                None
            }
        },
    }
}

impl Reader {
    fn item(
        &self,
        node: Node,
        item: Option<usize>,
        out: &mut Vec<LoadedObject>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        if node.as_mapping().is_none() {
            diagnostics.push(Diagnostic::error(
                node.span,
                format!(
                    "expected a Kubernetes object (a mapping with apiVersion and kind), got {}",
                    node.describe()
                ),
            ));
            return;
        }
        let api_version = type_field(&node, "apiVersion", diagnostics);
        let kind = type_field(&node, "kind", diagnostics);
        let (Some((api_version, api_span)), Some((kind_name, kind_span))) = (api_version, kind)
        else {
            return;
        };
        let kind = match kinds::resolve(api_version, kind_name) {
            Ok(Resolved::Read(kind)) => kind,
            Ok(Resolved::NotSimulated(hint)) => {
                diagnostics.push(Diagnostic::info(kind_span, hint));
                return;
            }
            Err(Refused::ApiVersion(message)) => {
                diagnostics.push(Diagnostic::error(api_span, message));
                return;
            }
            Err(Refused::Kind(message)) => {
                diagnostics.push(Diagnostic::error(kind_span, message));
                return;
            }
        };
        if kind == Kind::List {
            if item.is_some() {
                diagnostics.push(Diagnostic::error(
                    kind_span,
                    "a List inside a List is not supported",
                ));
                return;
            }
            self.list(node, out, diagnostics);
            return;
        }

        let mut spans = SpanTable::new(node.span);
        // Where the apiVersion is written, for what a release does not serve.
        if let Some((key, value)) = node.get_entry("apiVersion") {
            spans.insert(
                &FieldPath::new("apiVersion"),
                SpanEntry {
                    key: Some(key.span),
                    value: value.span,
                    scalar: true,
                    style: value.as_scalar().map(|s| s.style),
                },
            );
        }
        let api_version = api_version.to_owned();
        let kind_name = kind_name.to_owned();
        // The typed structs do not hold apiVersion and kind.
        let mut stripped = node;
        if let NodeKind::Mapping(entries) = &mut stripped.kind {
            entries.retain(|(k, _)| !matches!(k.as_str(), Some("apiVersion" | "kind")));
        }
        if api_version.starts_with(kinds::RESOURCE_GROUP) {
            convert::to_v1(&api_version, &kind_name, &mut stripped, diagnostics);
        }
        if let Some(type_name) = untyped_kind(kind) {
            // A running pod is not scheduled: no hints about what would
            // change where it lands.
            let running = kind == Kind::Pod
                && stripped
                    .get("spec")
                    .and_then(|s| s.get("nodeName"))
                    .and_then(Node::as_str)
                    .is_some_and(|n| !n.is_empty());
            let check = FieldCheck {
                release: self.release,
                hints: !running,
            };
            if !check.check(&stripped, type_name, diagnostics) {
                return;
            }
        }

        let object = match kind {
            Kind::DeviceClass => read(&stripped, &mut spans).map(Object::DeviceClass),
            Kind::ResourceSlice => read(&stripped, &mut spans).map(Object::ResourceSlice),
            Kind::ResourceClaim => read(&stripped, &mut spans).map(Object::ResourceClaim),
            Kind::ResourceClaimTemplate => {
                read(&stripped, &mut spans).map(Object::ResourceClaimTemplate)
            }
            Kind::DeviceTaintRule => read(&stripped, &mut spans).map(Object::DeviceTaintRule),
            Kind::Namespace => read(&stripped, &mut spans).map(Object::Namespace),
            Kind::Node => read(&stripped, &mut spans).map(Object::Node),
            Kind::Pod => read(&stripped, &mut spans).map(Object::Pod),
            Kind::Workload(workload_kind) => read(&stripped, &mut spans).map(|w: Workload| {
                Object::Workload(Workload {
                    kind: workload_kind,
                    ..w
                })
            }),
            Kind::KubeSchedulerConfiguration => {
                scheduler_config::read(&stripped, &mut spans, diagnostics)
                    .map(Object::KubeSchedulerConfiguration)
            }
            Kind::Scenario => read(&stripped, &mut spans).map(Object::Scenario),
            Kind::Step => read(&stripped, &mut spans).map(Object::Step),
            Kind::List => return, // handled above
        };
        match object {
            Ok(object) => out.push(LoadedObject {
                object,
                document: self.document,
                item,
                api_version,
                spans,
                made_by: None,
            }),
            Err(e) => diagnostics.push(e),
        }
    }

    fn list(&self, node: Node, out: &mut Vec<LoadedObject>, diagnostics: &mut Vec<Diagnostic>) {
        let NodeKind::Mapping(entries) = node.kind else {
            return;
        };
        for (k, v) in entries {
            match k.as_str() {
                Some("apiVersion" | "kind" | "metadata") => {}
                Some("items") => match v.kind {
                    NodeKind::Sequence(items) => {
                        for (i, item) in items.into_iter().enumerate() {
                            self.item(item, Some(i), out, diagnostics);
                        }
                    }
                    _ if v.is_null() => {}
                    _ => diagnostics.push(Diagnostic::error(
                        v.span,
                        format!("items: expected a sequence, got {}", v.describe()),
                    )),
                },
                other => diagnostics.push(Diagnostic::error(
                    k.span,
                    format!(
                        "unknown field {:?} (known fields: apiVersion, kind, metadata, items)",
                        other.unwrap_or_default()
                    ),
                )),
            }
        }
    }
}

/// The Go type of a kind whose fields the loader checks against Kubernetes'
/// field tree (the typed struct keeps only what the engine reads).
fn untyped_kind(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::Namespace => Some("Namespace"),
        Kind::Node => Some("Node"),
        Kind::Pod => Some("Pod"),
        Kind::Workload(w) => Some(w.name()),
        _ => None,
    }
}

fn read<T: DeserializeOwned>(node: &Node, spans: &mut SpanTable) -> Result<T, Diagnostic> {
    from_node(node, &FieldPath::root(), spans)
        .map_err(|e| Diagnostic::error(e.span().unwrap_or(node.span), e.message()))
}
