//! Checks a document of a kind the engine types only in part (Pod, Node,
//! Namespace, the workloads) against Kubernetes' field tree
//! ([`crate::fields`]): every field of the release is accepted, as
//! `kubectl get -o yaml` prints it; an unknown field is an error at its key
//! naming the nearest known field; a field of a later release is an error
//! naming the release that added it; a value of the wrong shape is an error
//! at the value. Fields that the simulation does not model although a user
//! could expect an effect get an info hint ([`unsimulated`]).

use super::unsimulated;
use crate::diagnostic::{nearest, Diagnostic};
use crate::fields::{type_fields, Shape};
use crate::quantity::Quantity;
use crate::yaml::{parse_bool, parse_int, resolve_plain, FieldPath, Node, NodeKind, Resolved};

/// What to check a document against.
pub(super) struct FieldCheck {
    /// The release 1.x the scenario names; None: the newest.
    pub release: Option<u16>,
    /// Whether to give hints about fields the simulation does not model
    /// (not for a pod already running on a node: it is not scheduled).
    pub hints: bool,
}

impl FieldCheck {
    /// Checks `node`, an object of `type_name` (`Pod`, `Deployment`, ...)
    /// without its apiVersion and kind. Errors and hints are added to
    /// `diagnostics`; true when there was no error.
    pub fn check(&self, node: &Node, type_name: &str, diagnostics: &mut Vec<Diagnostic>) -> bool {
        let before = diagnostics.iter().filter(|d| d.is_error()).count();
        self.structure(node, type_name, &FieldPath::root(), diagnostics);
        diagnostics.iter().filter(|d| d.is_error()).count() == before
    }

    fn structure(
        &self,
        node: &Node,
        type_name: &str,
        path: &FieldPath,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let Some(fields) = type_fields(type_name) else {
            return;
        };
        let NodeKind::Mapping(entries) = &node.kind else {
            if !node.is_null() {
                diagnostics.push(wrong_shape(node, path, "a mapping"));
            }
            return;
        };
        for (key, value) in entries {
            let Some(name) = key.as_str() else {
                diagnostics.push(Diagnostic::error(
                    key.span,
                    format!("{}: a field name must be a string", describe(path)),
                ));
                continue;
            };
            let at = path.child(name);
            let Some(field) = fields.field(name) else {
                let message = match nearest(name, fields.names_in(self.release)) {
                    Some(near) => format!(
                        "unknown field {:?} (did you mean {near:?}?)",
                        at.to_string()
                    ),
                    None => format!("unknown field {:?}", at.to_string()),
                };
                diagnostics.push(Diagnostic::error(key.span, message));
                continue;
            };
            if let Some(release) = self.release.filter(|r| field.since > *r) {
                diagnostics.push(Diagnostic::error(
                    key.span,
                    format!(
                        "unknown field {:?}: added in Kubernetes 1.{}, not in 1.{release}",
                        at.to_string(),
                        field.since
                    ),
                ));
                continue;
            }
            if self.hints && !is_empty(value) {
                if let Some(hint) = unsimulated::field_hint(type_name, name) {
                    diagnostics.push(Diagnostic::info(key.span, format!("{at}: {hint}")));
                }
            }
            self.value(value, &field.shape, &at, diagnostics);
        }
    }

    fn value(
        &self,
        node: &Node,
        shape: &Shape,
        path: &FieldPath,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        if node.is_null() {
            return; // the zero value, as JSON null
        }
        match shape {
            Shape::Struct(name) => self.structure(node, name, path, diagnostics),
            Shape::List(inner) => match &node.kind {
                NodeKind::Sequence(items) => {
                    for (i, item) in items.iter().enumerate() {
                        self.value(item, inner, &path.index(i), diagnostics);
                    }
                }
                _ => diagnostics.push(wrong_shape(node, path, "a sequence")),
            },
            Shape::Map(inner) => match &node.kind {
                NodeKind::Mapping(entries) => {
                    for (key, value) in entries {
                        let key_text = key.as_str().unwrap_or_default();
                        self.value(value, inner, &path.key(key_text), diagnostics);
                    }
                }
                _ => diagnostics.push(wrong_shape(node, path, "a mapping")),
            },
            Shape::Raw => {}
            scalar => {
                if let Some(expected) = scalar_problem(node, scalar) {
                    diagnostics.push(wrong_shape(node, path, expected));
                }
            }
        }
    }
}

/// What a scalar field needed, when the node is not that.
fn scalar_problem(node: &Node, shape: &Shape) -> Option<&'static str> {
    let Some(scalar) = node.as_scalar() else {
        return Some(match shape {
            Shape::Bool => "a boolean (true or false)",
            Shape::Int => "an integer",
            Shape::Number => "a number",
            Shape::Quantity => "a quantity",
            _ => "a string",
        });
    };
    let plain = scalar.is_plain();
    match shape {
        Shape::Bool => {
            (!plain || parse_bool(&scalar.text).is_none()).then_some("a boolean (true or false)")
        }
        Shape::Int => (!plain || parse_int(&scalar.text).is_err()).then_some("an integer"),
        Shape::Number => (!plain
            || !matches!(
                resolve_plain(&scalar.text),
                Resolved::Int(_) | Resolved::UInt(_) | Resolved::Float(_)
            ))
        .then_some("a number"),
        Shape::Quantity => Quantity::parse(&scalar.text)
            .is_err()
            .then_some("a quantity"),
        _ => None,
    }
}

fn is_empty(node: &Node) -> bool {
    match &node.kind {
        NodeKind::Mapping(entries) => entries.is_empty(),
        NodeKind::Sequence(items) => items.is_empty(),
        NodeKind::Scalar(_) => node.is_null() || node.as_str() == Some(""),
    }
}

fn describe(path: &FieldPath) -> String {
    if path.is_root() {
        "the object".to_owned()
    } else {
        path.to_string()
    }
}

fn wrong_shape(node: &Node, path: &FieldPath, expected: &str) -> Diagnostic {
    Diagnostic::error(
        node.span,
        format!(
            "{}: expected {expected}, got {}",
            describe(path),
            node.describe()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::parse;

    fn check(text: &str, type_name: &str, release: Option<u16>) -> Vec<(usize, String)> {
        let parsed = parse(text);
        let mut diagnostics = Vec::new();
        FieldCheck {
            release,
            hints: true,
        }
        .check(&parsed.documents[0].root, type_name, &mut diagnostics);
        diagnostics
            .into_iter()
            .map(|d| (d.span.start.line, d.to_string()))
            .collect()
    }

    #[test]
    fn every_field_of_a_running_pod_is_accepted() {
        let pod = "metadata:\n  name: p\n  uid: 1\n  managedFields:\n  - manager: kubelet\n    fieldsV1: {f:status: {}}\n\
                   spec:\n  hostNetwork: true\n  dnsConfig: {options: [{name: ndots, value: '1'}]}\n  overhead: {cpu: 10m}\n\
                   status:\n  conditions:\n  - type: Ready\n    status: 'True'\n    lastProbeTime: null\n  hostIPs: [{ip: 10.0.0.1}]\n";
        assert_eq!(check(pod, "Pod", None), vec![]);
    }

    #[test]
    fn unknown_fields_name_the_nearest() {
        let found = check("spec:\n  hostNetwrok: true\n  foo: 1\n", "Pod", None);
        assert_eq!(
            found,
            vec![
                (
                    2,
                    "2:3: unknown field \"spec.hostNetwrok\" (did you mean \"hostNetwork\"?)"
                        .into()
                ),
                (3, "3:3: unknown field \"spec.foo\"".into()),
            ]
        );
    }

    #[test]
    fn fields_of_a_later_release_and_wrong_shapes() {
        let text =
            "spec:\n  schedulingGroup: {podGroupName: g}\n  hostNetwork: maybe\n  containers: {}\n";
        let found = check(text, "Pod", Some(35));
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found[0].1.contains("added in Kubernetes 1.36, not in 1.35"),
            "{found:?}"
        );
        assert!(
            found[1].1.contains("spec.hostNetwork: expected a boolean"),
            "{found:?}"
        );
        assert!(
            found[2].1.contains("spec.containers: expected a sequence"),
            "{found:?}"
        );
        let on_1_36 = check(text, "Pod", Some(36));
        assert_eq!(
            on_1_36.iter().filter(|(_, m)| !m.contains("info:")).count(),
            2
        );
    }

    #[test]
    fn quantities_and_hints() {
        let found = check(
            "spec:\n  priorityClassName: high\n  containers:\n  - name: c\n    resources: {limits: {cpu: lots}}\n",
            "Pod",
            None,
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].1.contains("info: spec.priorityClassName"),
            "{found:?}"
        );
        assert!(
            found[1]
                .1
                .contains("spec.containers[0].resources.limits[cpu]: expected a quantity"),
            "{found:?}"
        );
    }
}
