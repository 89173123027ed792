//! Where things are written: every selector and constraint of the scenario
//! with its object and field path, and positions inside CEL expressions
//! mapped to lines and columns of the scenario text.

use crate::api::{DeviceRequest, Object, ResourceClaimSpec};
use crate::load::{LoadedObject, LoadedScenario};
use crate::yaml::{source_position, FieldPath, Node};

use super::model::SourcePos;

/// The object that holds claim-like specs: a claim or a template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Owner {
    /// A DeviceClass, by name.
    Class(String),
    /// A ResourceClaim, `namespace/name`.
    Claim(String),
    /// A ResourceClaimTemplate, `namespace/name`.
    Template(String),
}

impl Owner {
    /// `DeviceClass gpu`, `ResourceClaim default/c`, ...
    pub fn label(&self) -> String {
        match self {
            Owner::Class(name) => format!("DeviceClass {name}"),
            Owner::Claim(name) => format!("ResourceClaim {name}"),
            Owner::Template(name) => format!("ResourceClaimTemplate {name}"),
        }
    }
}

/// One selector expression of the scenario.
#[derive(Debug)]
pub(crate) struct SelectorSite<'l> {
    pub object: &'l LoadedObject,
    pub owner: Owner,
    pub path: FieldPath,
    pub expression: &'l str,
    /// For a request's selector: the request (`request` or
    /// `request/subrequest`) and its class.
    pub request: Option<(String, String)>,
    /// Its index among its owner's (class's or request's) selectors.
    pub index: usize,
}

impl SelectorSite<'_> {
    /// `class gpu #0`, `claim default/c request gpu #1`, ...
    pub fn label(&self) -> String {
        match (&self.owner, &self.request) {
            (Owner::Class(name), _) => format!("class {name} #{}", self.index),
            (Owner::Claim(name), Some((request, _))) => {
                format!("claim {name} request {request} #{}", self.index)
            }
            (Owner::Template(name), Some((request, _))) => {
                format!("template {name} request {request} #{}", self.index)
            }
            (owner, None) => format!("{} #{}", owner.label(), self.index),
        }
    }
}

/// One constraint of a claim or template.
#[derive(Debug)]
pub(crate) struct ConstraintSite<'l> {
    pub object: &'l LoadedObject,
    pub owner: Owner,
    pub path: FieldPath,
    pub spec: &'l ResourceClaimSpec,
    pub index: usize,
}

/// Every selector, in document order.
pub(crate) fn selector_sites(loaded: &LoadedScenario) -> Vec<SelectorSite<'_>> {
    let mut sites = Vec::new();
    for object in &loaded.objects {
        match &object.object {
            Object::DeviceClass(class) => {
                for (index, selector) in class.spec.selectors.iter().enumerate() {
                    if let Some(cel) = &selector.cel {
                        sites.push(SelectorSite {
                            object,
                            owner: Owner::Class(class.metadata.name.clone()),
                            path: FieldPath::new("spec")
                                .child("selectors")
                                .index(index)
                                .child("cel")
                                .child("expression"),
                            expression: &cel.expression,
                            request: None,
                            index,
                        });
                    }
                }
            }
            Object::ResourceClaim(claim) => {
                let owner = Owner::Claim(claim.metadata.namespaced_name());
                request_sites(
                    object,
                    owner,
                    FieldPath::new("spec"),
                    &claim.spec.devices.requests,
                    &mut sites,
                );
            }
            Object::ResourceClaimTemplate(template) => {
                let owner = Owner::Template(template.metadata.namespaced_name());
                request_sites(
                    object,
                    owner,
                    FieldPath::new("spec").child("spec"),
                    &template.spec.spec.devices.requests,
                    &mut sites,
                );
            }
            _ => {}
        }
    }
    sites
}

fn request_sites<'l>(
    object: &'l LoadedObject,
    owner: Owner,
    spec: FieldPath,
    requests: &'l [DeviceRequest],
    sites: &mut Vec<SelectorSite<'l>>,
) {
    for (r, request) in requests.iter().enumerate() {
        let base = spec.child("devices").child("requests").index(r);
        if let Some(exact) = &request.exactly {
            for (index, selector) in exact.selectors.iter().enumerate() {
                if let Some(cel) = &selector.cel {
                    sites.push(SelectorSite {
                        object,
                        owner: owner.clone(),
                        path: base
                            .child("exactly")
                            .child("selectors")
                            .index(index)
                            .child("cel")
                            .child("expression"),
                        expression: &cel.expression,
                        request: Some((request.name.clone(), exact.device_class_name.clone())),
                        index,
                    });
                }
            }
        }
        for (s, sub) in request.first_available.iter().enumerate() {
            for (index, selector) in sub.selectors.iter().enumerate() {
                if let Some(cel) = &selector.cel {
                    sites.push(SelectorSite {
                        object,
                        owner: owner.clone(),
                        path: base
                            .child("firstAvailable")
                            .index(s)
                            .child("selectors")
                            .index(index)
                            .child("cel")
                            .child("expression"),
                        expression: &cel.expression,
                        request: Some((
                            format!("{}/{}", request.name, sub.name),
                            sub.device_class_name.clone(),
                        )),
                        index,
                    });
                }
            }
        }
    }
}

/// Every constraint of claims and templates, in document order.
pub(crate) fn constraint_sites(loaded: &LoadedScenario) -> Vec<ConstraintSite<'_>> {
    let mut sites = Vec::new();
    for object in &loaded.objects {
        let (owner, spec, path) = match &object.object {
            Object::ResourceClaim(claim) => (
                Owner::Claim(claim.metadata.namespaced_name()),
                &claim.spec,
                FieldPath::new("spec"),
            ),
            Object::ResourceClaimTemplate(t) => (
                Owner::Template(t.metadata.namespaced_name()),
                &t.spec.spec,
                FieldPath::new("spec").child("spec"),
            ),
            _ => continue,
        };
        for index in 0..spec.devices.constraints.len() {
            sites.push(ConstraintSite {
                object,
                owner: owner.clone(),
                path: path.child("devices").child("constraints").index(index),
                spec,
                index,
            });
        }
    }
    sites
}

/// Where a field is written (its value).
pub(crate) fn field_pos(object: &LoadedObject, path: &FieldPath) -> SourcePos {
    let span = object.spans.value_span(path);
    SourcePos {
        line: span.start.line,
        column: span.start.column,
    }
}

/// Where a byte offset inside an expression (a scalar at `path`) is written
/// in the scenario text; the field's position when that cannot be told.
pub(crate) fn expression_pos(
    text: &str,
    object: &LoadedObject,
    path: &FieldPath,
    expression: &str,
    byte_offset: usize,
) -> SourcePos {
    let Some(entry) = object.spans.get(path) else {
        return field_pos(object, path);
    };
    let Some(style) = entry.style else {
        return field_pos(object, path);
    };
    let chars = expression
        .get(..byte_offset.min(expression.len()))
        .map_or(0, |s| s.chars().count());
    let node = Node::scalar(expression.to_owned(), style, entry.value);
    let pos = source_position(text, &node, chars);
    SourcePos {
        line: pos.line,
        column: pos.column,
    }
}
