//! Node selection: matching a core/v1 `NodeSelector` against a node's name and
//! labels, with the parsing rules (and parse errors) of the Kubernetes
//! scheduler's node affinity helpers.
//!
//! The same function serves ResourceSlices, per-device node selection, pods'
//! required node affinity and allocated claims' node selectors.

use std::collections::BTreeMap;

use crate::api::{Device, Node, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm};

/// The only node field that `matchFields` can name.
pub const NODE_NAME_FIELD: &str = "metadata.name";

/// Where a slice or device is available: a node name, all nodes, or a selector
/// (checked in that order, as upstream does).
#[derive(Clone, Copy, Debug, Default)]
pub struct NodeSelection<'a> {
    /// A single node by name; empty means unset.
    pub node_name: &'a str,
    /// Every node.
    pub all_nodes: bool,
    /// Nodes whose name and labels match.
    pub node_selector: Option<&'a NodeSelector>,
}

/// Decides whether `node` is covered by a node selection: the name when set,
/// else all nodes when set, else the selector; nothing set matches no node.
///
/// A selector that does not parse is an error, as in the Kubernetes allocator.
pub fn node_matches(node: &Node, selection: NodeSelection<'_>) -> Result<bool, String> {
    if !selection.node_name.is_empty() {
        return Ok(node.metadata.name == selection.node_name);
    }
    if selection.all_nodes {
        return Ok(true);
    }
    match selection.node_selector {
        Some(selector) => selector_matches(selector, &node.metadata.name, &node.metadata.labels)
            .map_err(|problems| format!("failed to parse node selector: {problems}")),
        None => Ok(false),
    }
}

/// Matches a node selector against a node name and labels: true when any
/// non-empty term matches. All terms are parsed first; any parse problem makes
/// the whole selector an error (the problems joined as one message).
pub fn selector_matches(
    selector: &NodeSelector,
    node_name: &str,
    labels: &BTreeMap<String, String>,
) -> Result<bool, String> {
    let mut problems = Vec::new();
    let mut terms = Vec::new();
    for (index, term) in selector.node_selector_terms.iter().enumerate() {
        if term.match_expressions.is_empty() && term.match_fields.is_empty() {
            // An empty term selects nothing.
            continue;
        }
        let path = format!("nodeSelectorTerms[{index}]");
        let before = problems.len();
        check_term(term, &path, &mut problems);
        if problems.len() == before {
            terms.push(term);
        }
    }
    if !problems.is_empty() {
        return Err(problems.join(", "));
    }
    Ok(terms
        .iter()
        .any(|term| term_matches(term, node_name, labels)))
}

/// Collects the parse problems of one term.
fn check_term(term: &NodeSelectorTerm, path: &str, problems: &mut Vec<String>) {
    for (index, requirement) in term.match_expressions.iter().enumerate() {
        let path = format!("{path}.matchExpressions[{index}]");
        if let Err(problem) = check_label_requirement(requirement) {
            problems.push(format!("{path}: {problem}"));
        }
    }
    for (index, requirement) in term.match_fields.iter().enumerate() {
        let path = format!("{path}.matchFields[{index}]");
        match requirement.operator.as_str() {
            "In" | "NotIn" => {
                if requirement.values.len() != 1 {
                    problems.push(format!(
                        "{path}.values: Invalid value: {:?}: must have one element",
                        requirement.values
                    ));
                }
            }
            other => problems.push(format!(
                "{path}.operator: Unsupported value: {other:?}: supported values: \"In\", \"NotIn\""
            )),
        }
    }
}

/// Checks one label requirement as the label selector parser does.
fn check_label_requirement(requirement: &NodeSelectorRequirement) -> Result<(), String> {
    check_label_key(&requirement.key)?;
    let values = &requirement.values;
    match requirement.operator.as_str() {
        "In" | "NotIn" => {
            if values.is_empty() {
                return Err("for 'in', 'notin' operators, values set can't be empty".into());
            }
        }
        "Exists" | "DoesNotExist" => {
            if !values.is_empty() {
                return Err("values set must be empty for exists and does not exist".into());
            }
        }
        "Gt" | "Lt" => {
            if values.len() != 1 {
                return Err("for 'Gt', 'Lt' operators, exactly one value is required".into());
            }
            if values[0].parse::<i64>().is_err() {
                return Err("for 'Gt', 'Lt' operators, the value must be an integer".into());
            }
        }
        other => return Err(format!("{other:?} is not a valid label selector operator")),
    }
    for value in values {
        check_label_value(value)?;
    }
    Ok(())
}

/// Whether one (already checked) term matches.
fn term_matches(
    term: &NodeSelectorTerm,
    node_name: &str,
    labels: &BTreeMap<String, String>,
) -> bool {
    let labels_match = term
        .match_expressions
        .iter()
        .all(|requirement| label_requirement_matches(requirement, labels));
    let fields_match = term.match_fields.iter().all(|requirement| {
        // The only field a node has here is its name; other keys read as empty.
        let actual = if requirement.key == NODE_NAME_FIELD {
            node_name
        } else {
            ""
        };
        let wanted = requirement
            .values
            .first()
            .map(String::as_str)
            .unwrap_or_default();
        match requirement.operator.as_str() {
            "In" => actual == wanted,
            _ => actual != wanted,
        }
    });
    labels_match && fields_match
}

/// Whether a label requirement (already checked) holds for the labels.
fn label_requirement_matches(
    requirement: &NodeSelectorRequirement,
    labels: &BTreeMap<String, String>,
) -> bool {
    let value = labels.get(&requirement.key);
    match requirement.operator.as_str() {
        "In" => value.is_some_and(|v| requirement.values.contains(v)),
        "NotIn" => value.is_none_or(|v| !requirement.values.contains(v)),
        "Exists" => value.is_some(),
        "DoesNotExist" => value.is_none(),
        "Gt" | "Lt" => {
            let Some(actual) = value.and_then(|v| v.parse::<i64>().ok()) else {
                return false;
            };
            let Some(bound) = requirement
                .values
                .first()
                .and_then(|v| v.parse::<i64>().ok())
            else {
                return false;
            };
            if requirement.operator == "Gt" {
                actual > bound
            } else {
                actual < bound
            }
        }
        _ => false,
    }
}

/// A label key: an optional DNS-subdomain prefix and a slash, then a name.
fn check_label_key(key: &str) -> Result<(), String> {
    let (prefix, name) = match key.split_once('/') {
        Some((prefix, name)) => (Some(prefix), name),
        None => (None, key),
    };
    if let Some(prefix) = prefix {
        if prefix.is_empty() {
            return Err(format!(
                "invalid label key {key:?}: prefix part must be non-empty"
            ));
        }
        if !is_dns_subdomain(prefix) {
            return Err(format!(
                "invalid label key {key:?}: prefix part must be a lowercase RFC 1123 subdomain"
            ));
        }
    }
    if name.is_empty() || name.len() > 63 || !is_label_name(name) {
        return Err(format!(
            "invalid label key {key:?}: name part must consist of alphanumeric characters, \
             '-', '_' or '.', and must start and end with an alphanumeric character"
        ));
    }
    Ok(())
}

/// A label value: empty, or a name of at most 63 characters.
fn check_label_value(value: &str) -> Result<(), String> {
    if value.is_empty() || (value.len() <= 63 && is_label_name(value)) {
        Ok(())
    } else {
        Err(format!(
            "invalid label value: {value:?}: a valid label must be an empty string or consist of \
             alphanumeric characters, '-', '_' or '.', and must start and end with an \
             alphanumeric character"
        ))
    }
}

/// Alphanumerics, with `-`, `_` and `.` allowed inside.
fn is_label_name(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (Some(first), Some(last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    first.is_ascii_alphanumeric()
        && last.is_ascii_alphanumeric()
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// A lowercase RFC 1123 subdomain of at most 253 characters.
fn is_dns_subdomain(text: &str) -> bool {
    text.len() <= 253
        && text.split('.').all(|label| {
            let bytes = label.as_bytes();
            match (bytes.first(), bytes.last()) {
                (Some(first), Some(last)) => {
                    label.len() <= 63
                        && (first.is_ascii_lowercase() || first.is_ascii_digit())
                        && (last.is_ascii_lowercase() || last.is_ascii_digit())
                        && bytes
                            .iter()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
                }
                _ => false,
            }
        })
}

/// Where a device says it is available (for per-device node selection).
pub(crate) fn node_selection_of(device: &Device) -> NodeSelection<'_> {
    NodeSelection {
        node_name: device.node_name.as_deref().unwrap_or_default(),
        all_nodes: device.all_nodes.unwrap_or(false),
        node_selector: device.node_selector.as_ref(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn node(name: &str, labels: serde_json::Value) -> Node {
        serde_json::from_value(json!({"metadata": {"name": name, "labels": labels}})).unwrap()
    }

    fn selector(value: serde_json::Value) -> NodeSelector {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn name_wins_over_all_nodes_and_selector() {
        let n = node("node-1", json!({}));
        let s = selector(json!({"nodeSelectorTerms": []}));
        let pick = |node_name, all_nodes, node_selector| NodeSelection {
            node_name,
            all_nodes,
            node_selector,
        };
        assert!(node_matches(&n, pick("node-1", false, None)).unwrap());
        assert!(!node_matches(&n, pick("node-2", true, None)).unwrap());
        assert!(node_matches(&n, pick("", true, Some(&s))).unwrap());
        assert!(!node_matches(&n, pick("", false, Some(&s))).unwrap());
        assert!(!node_matches(&n, pick("", false, None)).unwrap());
    }

    #[test]
    fn operators() {
        let n = node("node-1", json!({"region": "r1", "size": "7"}));
        let check = |expr: serde_json::Value| {
            let s = selector(json!({"nodeSelectorTerms": [{"matchExpressions": [expr]}]}));
            selector_matches(&s, &n.metadata.name, &n.metadata.labels)
        };
        assert!(check(json!({"key": "region", "operator": "In", "values": ["r1", "r2"]})).unwrap());
        assert!(!check(json!({"key": "region", "operator": "NotIn", "values": ["r1"]})).unwrap());
        assert!(check(json!({"key": "zone", "operator": "NotIn", "values": ["r1"]})).unwrap());
        assert!(check(json!({"key": "region", "operator": "Exists"})).unwrap());
        assert!(check(json!({"key": "zone", "operator": "DoesNotExist"})).unwrap());
        assert!(check(json!({"key": "size", "operator": "Gt", "values": ["6"]})).unwrap());
        assert!(!check(json!({"key": "size", "operator": "Lt", "values": ["7"]})).unwrap());
        assert!(!check(json!({"key": "region", "operator": "Gt", "values": ["1"]})).unwrap());
        assert!(check(json!({"key": "size", "operator": "Gt", "values": ["x"]})).is_err());
        assert!(check(json!({"key": "region", "operator": "In", "values": []})).is_err());
        assert!(check(json!({"key": "region", "operator": "Equals", "values": ["r1"]})).is_err());
        assert!(check(json!({"key": "-bad", "operator": "Exists"})).is_err());
    }

    #[test]
    fn fields_and_terms() {
        let n = node("node-1", json!({"region": "r1"}));
        let s = selector(json!({"nodeSelectorTerms": [
            {"matchFields": [{"key": "metadata.name", "operator": "In", "values": ["node-2"]}]},
            {"matchFields": [{"key": "metadata.name", "operator": "NotIn", "values": ["node-2"]}],
             "matchExpressions": [{"key": "region", "operator": "In", "values": ["r1"]}]},
        ]}));
        assert!(selector_matches(&s, "node-1", &n.metadata.labels).unwrap());
        assert!(selector_matches(&s, "node-2", &BTreeMap::new()).unwrap());
        assert!(!selector_matches(&s, "node-3", &BTreeMap::new()).unwrap());
        let bad = selector(json!({"nodeSelectorTerms": [
            {"matchFields": [{"key": "metadata.name", "operator": "Exists"}]},
        ]}));
        assert!(selector_matches(&bad, "node-1", &n.metadata.labels).is_err());
    }
}
