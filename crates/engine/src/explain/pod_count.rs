//! A hint at a node whose allocatable has no pod count (`noPodCount`):
//! Kubernetes reads that as room for no pod, which a scenario written by
//! hand rarely means.

use crate::api::{Node, Object};
use crate::load::{LoadedObject, LoadedScenario};
use crate::yaml::FieldPath;

use super::model::Hint;
use super::sources::field_pos;

fn node_hint(object: &LoadedObject, node: &Node) -> Option<Hint> {
    let status = node.status.as_ref()?;
    if status.allocatable.is_empty() || status.allocatable.contains_key("pods") {
        return None;
    }
    let path = FieldPath::new("status").child("allocatable");
    Some(Hint {
        kind: "noPodCount".into(),
        message: "allocatable has no pods entry: Kubernetes then admits no pod on this node (Too many pods); a kubelet reports one, usually \"110\"".to_owned(),
        object: format!("Node {}", node.metadata.name),
        field: path.to_string(),
        position: Some(field_pos(object, &path)),
        suggestion: None,
    })
}

/// The hints, in document order.
pub(crate) fn find(loaded: &LoadedScenario) -> Vec<Hint> {
    loaded
        .objects
        .iter()
        .filter_map(|object| match &object.object {
            Object::Node(node) => node_hint(object, node),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::explain::hints;
    use crate::load::{load_scenario, LoadOptions};

    #[test]
    fn a_node_with_allocatable_but_no_pod_count_is_hinted() {
        let text = "\
apiVersion: v1
kind: Node
metadata: {name: sized}
status:
  allocatable: {cpu: \"4\"}
---
apiVersion: v1
kind: Node
metadata: {name: counted}
status:
  allocatable: {cpu: \"4\", pods: \"110\"}
---
apiVersion: v1
kind: Node
metadata: {name: unsized}
";
        let loaded = load_scenario(text, &LoadOptions::default());
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        let found: Vec<(String, String, String, usize)> = hints(&loaded, text)
            .into_iter()
            .map(|h| (h.kind, h.object, h.field, h.position.unwrap().line))
            .collect();
        assert_eq!(
            found,
            [(
                "noPodCount".to_owned(),
                "Node sized".to_owned(),
                "status.allocatable".to_owned(),
                5
            )]
        );
    }
}
