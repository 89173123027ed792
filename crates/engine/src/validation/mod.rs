//! Validation as the apiserver does it (pkg/apis/resource/validation and the
//! parts of core validation that these objects use), plus one playground
//! rule: a field whose feature gate is off is an error naming the gate (the
//! apiserver would silently drop it).
//!
//! Errors are Kubernetes `field.Error`s, printed as Kubernetes prints them
//! (`spec.devices.requests[0].exactly.count: Invalid value: 0: must be greater
//! than zero`), and positioned at their field through the object's span table.
//!
//! Not checked here: what needs other objects or the cluster (does a class
//! exist), and updates (immutability). The one check that reads another
//! object, admin access's namespace label, is [`validate_admin_access`].

mod admin_access;
mod container_resources;
mod core;
mod release_fields;
mod resource;
mod scheduler_config;
mod selector_check;

use std::fmt;

use crate::api::{
    KubeSchedulerConfiguration, Namespace, Object, ResourceClaim, RESERVED_FOR_MAX_SIZE,
};
use crate::diagnostic::{Diagnostic, Span};
use crate::features::{Features, Gate, GateSet, Release};
use crate::yaml::{source_position, FieldPath, Node, ScalarStyle, SpanTable};
use release_fields::ReleaseField;

/// The values the apiserver accepts in fields with a closed set of them (the editor's
/// completion offers them).
pub mod supported {
    pub use super::core::{PROTOCOLS, TAINT_EFFECTS as NODE_TAINT_EFFECTS, TOLERATION_OPERATORS};
    pub use super::resource::{
        ALLOCATION_MODES, CONFIG_SOURCES, TAINT_EFFECTS as DEVICE_TAINT_EFFECTS,
    };
}

pub use crate::names::{
    is_c_identifier, is_dns1123_label, is_dns1123_subdomain, is_qualified_name,
    is_valid_label_value,
};

/// The kinds of Kubernetes field errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorType {
    /// "Required value".
    Required,
    /// "Invalid value".
    Invalid,
    /// "Unsupported value".
    NotSupported,
    /// "Duplicate value".
    Duplicate,
    /// "Too many".
    TooMany,
    /// "Too long".
    TooLong,
    /// "Forbidden".
    Forbidden,
    /// "Internal error".
    Internal,
}

impl ErrorType {
    /// How Kubernetes words the kind of problem ("Invalid value").
    pub fn text(self) -> &'static str {
        match self {
            ErrorType::Required => "Required value",
            ErrorType::Invalid => "Invalid value",
            ErrorType::NotSupported => "Unsupported value",
            ErrorType::Duplicate => "Duplicate value",
            ErrorType::TooMany => "Too many",
            ErrorType::TooLong => "Too long",
            ErrorType::Forbidden => "Forbidden",
            ErrorType::Internal => "Internal error",
        }
    }
}

/// The offending value, as Kubernetes prints it.
#[derive(Clone, Debug, PartialEq)]
pub enum BadValue {
    /// Not printed.
    Omitted,
    /// `null`.
    Null,
    /// A quoted string.
    Str(String),
    /// A number.
    Int(i64),
    /// A boolean.
    Bool(bool),
    /// Printed as is (JSON of a compound value).
    Raw(String),
}

impl From<&str> for BadValue {
    fn from(s: &str) -> BadValue {
        BadValue::Str(s.to_string())
    }
}

impl From<&String> for BadValue {
    fn from(s: &String) -> BadValue {
        BadValue::Str(s.clone())
    }
}

impl From<i64> for BadValue {
    fn from(i: i64) -> BadValue {
        BadValue::Int(i)
    }
}

impl From<usize> for BadValue {
    fn from(i: usize) -> BadValue {
        BadValue::Int(i as i64)
    }
}

impl From<bool> for BadValue {
    fn from(b: bool) -> BadValue {
        BadValue::Bool(b)
    }
}

/// One validation error.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    /// The field.
    pub path: FieldPath,
    /// What kind of problem.
    pub kind: ErrorType,
    /// The value, when Kubernetes prints it.
    pub value: BadValue,
    /// Details.
    pub detail: String,
    /// For CEL errors: the character offset inside the expression.
    pub offset: Option<usize>,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.kind.text())?;
        let show_value = matches!(
            self.kind,
            ErrorType::Invalid
                | ErrorType::NotSupported
                | ErrorType::Duplicate
                | ErrorType::TooMany
        );
        if show_value {
            match &self.value {
                BadValue::Omitted => {}
                BadValue::Null => f.write_str(": null")?,
                BadValue::Str(s) => write!(f, ": {s:?}")?,
                BadValue::Int(i) => write!(f, ": {i}")?,
                BadValue::Bool(b) => write!(f, ": {b}")?,
                BadValue::Raw(r) => write!(f, ": {r}")?,
            }
        }
        if !self.detail.is_empty() {
            write!(f, ": {}", self.detail)?;
        }
        Ok(())
    }
}

/// A list of errors with Kubernetes' constructors.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ErrorList(pub Vec<FieldError>);

impl ErrorList {
    fn push(
        &mut self,
        path: &FieldPath,
        kind: ErrorType,
        value: BadValue,
        detail: impl Into<String>,
    ) {
        self.0.push(FieldError {
            path: path.clone(),
            kind,
            value,
            detail: detail.into(),
            offset: None,
        });
    }

    /// field.Required.
    pub fn required(&mut self, path: &FieldPath, detail: impl Into<String>) {
        self.push(path, ErrorType::Required, BadValue::Omitted, detail);
    }

    /// field.Invalid.
    pub fn invalid(
        &mut self,
        path: &FieldPath,
        value: impl Into<BadValue>,
        detail: impl Into<String>,
    ) {
        self.push(path, ErrorType::Invalid, value.into(), detail);
    }

    /// field.NotSupported.
    pub fn not_supported(&mut self, path: &FieldPath, value: &str, supported: &[&str]) {
        let list: Vec<String> = supported.iter().map(|s| format!("{s:?}")).collect();
        self.push(
            path,
            ErrorType::NotSupported,
            value.into(),
            format!("supported values: {}", list.join(", ")),
        );
    }

    /// field.Duplicate.
    pub fn duplicate(&mut self, path: &FieldPath, value: impl Into<BadValue>) {
        self.push(path, ErrorType::Duplicate, value.into(), "");
    }

    /// field.TooMany.
    pub fn too_many(&mut self, path: &FieldPath, actual: usize, max: usize) {
        self.push(
            path,
            ErrorType::TooMany,
            actual.into(),
            format!("must have at most {max} items"),
        );
    }

    /// field.TooLong.
    pub fn too_long(&mut self, path: &FieldPath, max: usize) {
        self.push(
            path,
            ErrorType::TooLong,
            BadValue::Omitted,
            format!("may not be more than {max} bytes"),
        );
    }

    /// field.Forbidden.
    pub fn forbidden(&mut self, path: &FieldPath, detail: impl Into<String>) {
        self.push(path, ErrorType::Forbidden, BadValue::Omitted, detail);
    }

    /// The playground's rule: a field of a disabled feature gate (or of a
    /// gate the release given does not have yet).
    pub fn gate(&mut self, gates: &GateSet, gate: Gate, path: &FieldPath) -> bool {
        if self.release(gates, ReleaseField::of_gate(gate), path) {
            return true;
        }
        if gates.enabled(gate) {
            return false;
        }
        self.forbidden(
            path,
            format!(
                "requires feature gate {}, which is disabled (the apiserver would drop this field)",
                gate.name()
            ),
        );
        true
    }

    /// The playground's rule: a field that the release given does not have.
    fn release(&mut self, gates: &GateSet, field: ReleaseField, path: &FieldPath) -> bool {
        let Some(release) = gates.release().filter(|r| !field.exists_in(*r)) else {
            return false;
        };
        self.forbidden(
            path,
            format!(
                "added in Kubernetes {} (feature gate {}); Kubernetes {release} does not have this field (its apiserver refuses it as an unknown field)",
                field.since, field.gate
            ),
        );
        true
    }

    /// Adds Invalid errors for each message of a name check.
    pub fn invalid_each(&mut self, path: &FieldPath, value: &str, messages: Vec<String>) {
        for m in messages {
            self.invalid(path, value, m);
        }
    }
}

/// Validates an object as the apiserver would on create, with the given gates.
pub fn validate(object: &Object, gates: &GateSet) -> Vec<FieldError> {
    let mut errs = ErrorList::default();
    match object {
        Object::DeviceClass(c) => resource::device_class(c, gates, &mut errs),
        Object::ResourceSlice(s) => resource::resource_slice(s, gates, &mut errs),
        Object::ResourceClaim(c) => resource::resource_claim(c, gates, &mut errs),
        Object::ResourceClaimTemplate(t) => resource::resource_claim_template(t, gates, &mut errs),
        Object::DeviceTaintRule(r) => resource::device_taint_rule(r, gates, &mut errs),
        Object::Namespace(n) => core::namespace(n, &mut errs),
        Object::Node(n) => core::node(n, &mut errs),
        Object::Pod(p) => core::pod(p, &mut errs),
        Object::Workload(w) => core::workload(w, &mut errs),
        // Checked while loading: the Scenario's gates and version; the
        // scheduler's configuration (checked even when validation is
        // skipped: the kube-scheduler, not the apiserver, reads it).
        Object::Scenario(_) | Object::Step(_) | Object::KubeSchedulerConfiguration(_) => {}
    }
    errs.0
}

/// The apiserver's answer to a status update that adds one more consumer to
/// the claim's `status.reservedFor`: the refusal (`ResourceClaim.resource.k8s.io
/// "name" is invalid: status.reservedFor: Too many: 257: must have at most
/// 256 items`) when the list is full, else None.
pub fn reservation_refused(claim: &ResourceClaim) -> Option<String> {
    let count = claim.status.reserved_for.len() + 1;
    if count <= RESERVED_FOR_MAX_SIZE {
        return None;
    }
    let mut errs = ErrorList::default();
    let path = FieldPath::new("status").child("reservedFor");
    errs.too_many(&path, count, RESERVED_FOR_MAX_SIZE);
    Some(format!(
        "ResourceClaim.resource.k8s.io {:?} is invalid: {}",
        claim.metadata.name, errs.0[0]
    ))
}

/// Checks a KubeSchedulerConfiguration as the kube-scheduler does at start
/// (always, also when apiserver validation is skipped: the scheduler reads
/// it, not the apiserver), for the scenario's features and release, and
/// positions each error at its field.
pub fn validate_scheduler_configuration(
    config: &KubeSchedulerConfiguration,
    spans: &SpanTable,
    features: Features,
    release: Release,
) -> Vec<Diagnostic> {
    let mut errs = ErrorList::default();
    scheduler_config::scheduler_configuration(config, features, &mut errs);
    let (_, problems) = crate::scheduler_profile::resolve(Some(config), release);
    let fields = errs.0.into_iter().map(|e| (e.path.clone(), e.to_string()));
    let framework = problems
        .into_iter()
        .map(|p| (p.path.clone(), format!("{}: {}", p.path, p.message)));
    fields
        .chain(framework)
        .map(|(path, message)| Diagnostic::error(spans.error_span(&path), message))
        .collect()
}

/// Validates an object read from `text` and positions each error at its
/// field, through the object's span table.
pub fn validate_object(
    object: &Object,
    spans: &SpanTable,
    gates: &GateSet,
    text: &str,
) -> Vec<Diagnostic> {
    validate(object, gates)
        .into_iter()
        .map(|e| {
            let span = position(spans, &e, text);
            Diagnostic::error(span, e.to_string())
        })
        .collect()
}

/// The admin-access check of a ResourceClaim or ResourceClaimTemplate
/// (Kubernetes 1.33 on, the apiserver's `AuthorizedForAdmin`): a request for
/// admin access needs the `resource.kubernetes.io/admin-access: "true"`
/// label on the namespace the object is created in; an error at the first
/// such request.
pub fn validate_admin_access(
    object: &Object,
    spans: &SpanTable,
    namespaces: &[&Namespace],
    text: &str,
) -> Vec<Diagnostic> {
    admin_access::check(object, namespaces)
        .into_iter()
        .map(|e| Diagnostic::error(position(spans, &e, text), e.to_string()))
        .collect()
}

fn position(spans: &SpanTable, e: &FieldError, text: &str) -> Span {
    if let (Some(offset), Some(entry)) = (e.offset, spans.get(&e.path)) {
        if let (Some(style), BadValue::Str(expression)) = (entry.style, &e.value) {
            let node = Node::scalar(expression.clone(), style, entry.value);
            let start = source_position(text, &node, offset);
            let end = if style == ScalarStyle::Plain || start.offset >= entry.value.end.offset {
                start
            } else {
                source_position(text, &node, offset + 1)
            };
            return Span { start, end };
        }
    }
    spans.error_span(&e.path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::DeviceClassSpec;
    use crate::yaml::from_node;

    /// A CEL compile error's offset lands on its character inside the YAML
    /// scalar, whatever the scalar's style.
    #[test]
    fn cel_offsets_map_into_the_scalar() {
        let cases = [
            ("expression: device.driver == 1 +\n", 8),
            ("expression: 'device.driver == ''a'' +'\n", 8),
            ("expression: \"device.driver == \\\"a\\\" +\"\n", 8),
            (
                "expression: |\n          device.driver ==\n            1 +\n",
                10,
            ),
            (
                "expression: >-\n          device.driver ==\n          1 +\n",
                10,
            ),
        ];
        for (expression, want) in cases {
            let text = format!(
                "apiVersion: resource.k8s.io/v1\nkind: DeviceClass\nmetadata:\n  name: c\nspec:\n  selectors:\n  - cel:\n      {expression}"
            );
            let parsed = crate::yaml::parse(&text);
            assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
            let root = &parsed.documents[0].root;
            let mut spans = SpanTable::new(root.span);
            let spec_node = root.get("spec").expect("a spec");
            let spec: DeviceClassSpec =
                from_node(spec_node, &FieldPath::new("spec"), &mut spans).expect("a spec");
            let value = spec.selectors[0].cel.as_ref().unwrap().expression.clone();
            // The error is at the '+'.
            let offset = value.chars().position(|c| c == '+').unwrap();
            let error = FieldError {
                path: FieldPath::new("spec")
                    .child("selectors")
                    .index(0)
                    .child("cel")
                    .child("expression"),
                kind: ErrorType::Invalid,
                value: BadValue::Str(value),
                detail: "syntax error".into(),
                offset: Some(offset),
            };
            let span = position(&spans, &error, &text);
            assert_eq!(span.start.line, want, "{expression}");
            assert_eq!(
                &text[span.start.offset..span.start.offset + 1],
                "+",
                "{expression}"
            );
            let line_start = text[..span.start.offset].rfind('\n').map_or(0, |i| i + 1);
            assert_eq!(span.start.column, span.start.offset - line_start + 1);
        }
    }

    #[test]
    fn kubernetes_error_text() {
        let p = FieldPath::new("spec").child("count");
        let mut e = ErrorList::default();
        e.invalid(&p, 0i64, "must be greater than zero");
        e.not_supported(&p, "Some", &["All", "ExactCount"]);
        e.required(&p, "");
        e.too_many(&p, 33, 32);
        e.too_long(&p, 10240);
        e.duplicate(&p, "a");
        e.invalid(&p, BadValue::Null, "x");
        e.0.push(FieldError {
            path: p.clone(),
            kind: ErrorType::Internal,
            value: BadValue::Str("ignored".into()),
            detail: "program instantiation failed: x".into(),
            offset: None,
        });
        let texts: Vec<String> = e.0.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            texts,
            vec![
                "spec.count: Invalid value: 0: must be greater than zero",
                "spec.count: Unsupported value: \"Some\": supported values: \"All\", \"ExactCount\"",
                "spec.count: Required value",
                "spec.count: Too many: 33: must have at most 32 items",
                "spec.count: Too long: may not be more than 10240 bytes",
                "spec.count: Duplicate value: \"a\"",
                "spec.count: Invalid value: null: x",
                "spec.count: Internal error: program instantiation failed: x",
            ]
        );
    }
}
