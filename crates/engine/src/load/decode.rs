//! Documents to typed objects: apiVersion and kind, Lists, conversion, serde.

use serde::de::DeserializeOwned;

use super::{convert, scheduler_config, LoadedObject};
use crate::api::{self, Object};
use crate::diagnostic::{Diagnostic, Span};
use crate::yaml::{from_node, Document, FieldPath, Node, NodeKind, SpanTable};

/// The kinds a scenario may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    DeviceClass,
    ResourceSlice,
    ResourceClaim,
    ResourceClaimTemplate,
    Node,
    Pod,
    KubeSchedulerConfiguration,
    Scenario,
    List,
}

const RESOURCE_GROUP: &str = "resource.k8s.io";
const RESOURCE_VERSIONS: &[&str] = &["v1", "v1beta2", "v1beta1"];
const RESOURCE_KINDS: &[&str] = &[
    "DeviceClass",
    "ResourceSlice",
    "ResourceClaim",
    "ResourceClaimTemplate",
];
const CORE_KINDS: &[&str] = &["Node", "Pod", "List"];
const PLAYGROUND_KINDS: &[&str] = &["Scenario"];
const SCHEDULER_CONFIG_KINDS: &[&str] = &["KubeSchedulerConfiguration"];

/// The kinds known for an apiVersion; None for an unknown apiVersion.
fn kinds_of(api_version: &str) -> Option<&'static [&'static str]> {
    if let Some(version) = api_version
        .strip_prefix(RESOURCE_GROUP)
        .and_then(|v| v.strip_prefix('/'))
    {
        return RESOURCE_VERSIONS
            .contains(&version)
            .then_some(RESOURCE_KINDS);
    }
    match api_version {
        "v1" => Some(CORE_KINDS),
        api::PLAYGROUND_V1ALPHA1 => Some(PLAYGROUND_KINDS),
        api::KUBE_SCHEDULER_CONFIG_V1 => Some(SCHEDULER_CONFIG_KINDS),
        _ => None,
    }
}

fn kind_of(name: &str) -> Option<Kind> {
    Some(match name {
        "DeviceClass" => Kind::DeviceClass,
        "ResourceSlice" => Kind::ResourceSlice,
        "ResourceClaim" => Kind::ResourceClaim,
        "ResourceClaimTemplate" => Kind::ResourceClaimTemplate,
        "Node" => Kind::Node,
        "Pod" => Kind::Pod,
        "KubeSchedulerConfiguration" => Kind::KubeSchedulerConfiguration,
        "Scenario" => Kind::Scenario,
        "List" => Kind::List,
        _ => return None,
    })
}

/// Decodes one document (a List: each item) into `out`.
pub(super) fn decode_document(
    doc: &Document,
    out: &mut Vec<LoadedObject>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    decode_item(&doc.root, doc.index, None, out, diagnostics);
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

fn decode_item(
    node: &Node,
    document: usize,
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
    let api_version = type_field(node, "apiVersion", diagnostics);
    let kind = type_field(node, "kind", diagnostics);
    let (Some((api_version, api_span)), Some((kind_name, kind_span))) = (api_version, kind) else {
        return;
    };
    let Some(known) = kinds_of(api_version) else {
        diagnostics.push(Diagnostic::error(
            api_span,
            format!(
                "unknown apiVersion {api_version:?}: expected one of {}/v1, {}/v1beta2, {}/v1beta1, v1, {}, {}",
                RESOURCE_GROUP,
                RESOURCE_GROUP,
                RESOURCE_GROUP,
                api::KUBE_SCHEDULER_CONFIG_V1,
                api::PLAYGROUND_V1ALPHA1
            ),
        ));
        return;
    };
    let kind = match kind_of(kind_name) {
        Some(k) if known.contains(&kind_name) => k,
        _ => {
            diagnostics.push(Diagnostic::error(
                kind_span,
                format!(
                    "unknown kind {kind_name:?} for apiVersion {api_version:?}: expected one of {}",
                    known.join(", ")
                ),
            ));
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
        decode_list(node, document, out, diagnostics);
        return;
    }

    // The typed structs do not hold apiVersion and kind.
    let mut stripped = node.clone();
    if let NodeKind::Mapping(entries) = &mut stripped.kind {
        entries.retain(|(k, _)| !matches!(k.as_str(), Some("apiVersion" | "kind")));
    }
    let version = api_version.rsplit('/').next().unwrap_or_default();
    if api_version.starts_with(RESOURCE_GROUP) && version == "v1beta1" {
        convert::v1beta1_to_v1(kind_name, &mut stripped, diagnostics);
    }
    // v1beta2 has the same shape as v1: nothing to convert.

    let mut spans = SpanTable::new(node.span);
    let object = match kind {
        Kind::DeviceClass => read(&stripped, &mut spans).map(Object::DeviceClass),
        Kind::ResourceSlice => read(&stripped, &mut spans).map(Object::ResourceSlice),
        Kind::ResourceClaim => read(&stripped, &mut spans).map(Object::ResourceClaim),
        Kind::ResourceClaimTemplate => {
            read(&stripped, &mut spans).map(Object::ResourceClaimTemplate)
        }
        Kind::Node => read(&stripped, &mut spans).map(Object::Node),
        Kind::Pod => read(&stripped, &mut spans).map(Object::Pod),
        Kind::KubeSchedulerConfiguration => {
            scheduler_config::read(&stripped, &mut spans, diagnostics)
                .map(Object::KubeSchedulerConfiguration)
        }
        Kind::Scenario => read(&stripped, &mut spans).map(Object::Scenario),
        Kind::List => return, // handled above
    };
    match object {
        Ok(object) => out.push(LoadedObject {
            object,
            document,
            item,
            api_version: api_version.to_string(),
            spans,
        }),
        Err(e) => diagnostics.push(e),
    }
}

fn read<T: DeserializeOwned>(node: &Node, spans: &mut SpanTable) -> Result<T, Diagnostic> {
    from_node(node, &FieldPath::root(), spans)
        .map_err(|e| Diagnostic::error(e.span().unwrap_or(node.span), e.message()))
}

fn decode_list(
    node: &Node,
    document: usize,
    out: &mut Vec<LoadedObject>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (k, v) in node.as_mapping().unwrap_or_default() {
        match k.as_str() {
            Some("apiVersion" | "kind" | "metadata") => {}
            Some("items") => match &v.kind {
                NodeKind::Sequence(items) => {
                    for (i, item) in items.iter().enumerate() {
                        decode_item(item, document, Some(i), out, diagnostics);
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
