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
//! exist, the admin-access namespace label), and updates (immutability).

mod container_resources;
mod core;
mod resource;
mod scheduler_config;

use std::fmt;

use crate::api::Object;
use crate::diagnostic::{Diagnostic, Span};
use crate::features::{Gate, GateSet};
use crate::load::LoadedObject;
use crate::yaml::{source_position, FieldPath, Node, ScalarStyle};

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
}

impl ErrorType {
    fn text(self) -> &'static str {
        match self {
            ErrorType::Required => "Required value",
            ErrorType::Invalid => "Invalid value",
            ErrorType::NotSupported => "Unsupported value",
            ErrorType::Duplicate => "Duplicate value",
            ErrorType::TooMany => "Too many",
            ErrorType::TooLong => "Too long",
            ErrorType::Forbidden => "Forbidden",
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

    /// The playground's rule: a field of a disabled feature gate.
    pub fn gate(&mut self, gates: &GateSet, gate: Gate, path: &FieldPath) -> bool {
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
        Object::Node(n) => core::node(n, &mut errs),
        Object::Pod(p) => core::pod(p, &mut errs),
        // Checked while loading: the Scenario's gates and version; the
        // scheduler's configuration (checked even when validation is
        // skipped: the kube-scheduler, not the apiserver, reads it).
        Object::Scenario(_) | Object::KubeSchedulerConfiguration(_) => {}
    }
    errs.0
}

/// Checks a KubeSchedulerConfiguration as the kube-scheduler does at start
/// (always, also when apiserver validation is skipped: the scheduler reads
/// it, not the apiserver), for the scenario's features and release, and
/// positions each error at its field.
pub fn validate_scheduler_configuration(
    object: &LoadedObject,
    features: crate::features::Features,
    release: crate::scheduler_profile::Release,
) -> Vec<Diagnostic> {
    let Object::KubeSchedulerConfiguration(config) = &object.object else {
        return Vec::new();
    };
    let mut errs = ErrorList::default();
    scheduler_config::scheduler_configuration(config, features, &mut errs);
    let (_, problems) = crate::scheduler_profile::resolve(Some(config), release);
    let fields = errs.0.into_iter().map(|e| (e.path.clone(), e.to_string()));
    let framework = problems
        .into_iter()
        .map(|p| (p.path.clone(), format!("{}: {}", p.path, p.message)));
    fields
        .chain(framework)
        .map(|(path, message)| Diagnostic::error(object.spans.error_span(&path), message))
        .collect()
}

/// Validates a loaded object and positions each error at its field in `text`.
pub fn validate_object(object: &LoadedObject, gates: &GateSet, text: &str) -> Vec<Diagnostic> {
    validate(&object.object, gates)
        .into_iter()
        .map(|e| {
            let span = position(object, &e, text);
            Diagnostic::error(span, e.to_string())
        })
        .collect()
}

fn position(object: &LoadedObject, e: &FieldError, text: &str) -> Span {
    let spans = &object.spans;
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
    use crate::load::{load_scenario, LoadOptions};

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
            let loaded = load_scenario(
                &text,
                &LoadOptions {
                    skip_validation: true,
                },
            );
            assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
            let object = &loaded.objects[0];
            let Object::DeviceClass(class) = &object.object else {
                panic!()
            };
            let value = class.spec.selectors[0]
                .cel
                .as_ref()
                .unwrap()
                .expression
                .clone();
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
            let span = position(object, &error, &text);
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
            ]
        );
    }
}
