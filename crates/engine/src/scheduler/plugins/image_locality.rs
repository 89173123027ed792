//! ImageLocality: nodes that already have the pod's container images score
//! higher, by the images' sizes, each scaled by the share of nodes that have
//! it (so that one node with a popular image does not attract every pod).

use std::collections::HashMap;

use crate::api::{Node, Pod};

const MB: i64 = 1024 * 1024;
/// Below this, images count as absent.
const MIN_THRESHOLD: i64 = 23 * MB;
/// The size per container at which the score reaches 100.
const MAX_CONTAINER_THRESHOLD: i64 = 1000 * MB;

/// The images of the cluster: by name, each node's size and how many nodes
/// have it (upstream's `ImageStateSummary`).
#[derive(Debug, Default)]
pub(crate) struct Images {
    /// Per node (document order): image name to size.
    per_node: Vec<HashMap<String, i64>>,
    /// Image name to the number of nodes that have it.
    nodes_with: HashMap<String, usize>,
}

impl Images {
    /// The images of `status.images` of every node.
    pub(crate) fn of(nodes: &[Node]) -> Images {
        let mut images = Images::default();
        for node in nodes {
            let mut here: HashMap<String, i64> = HashMap::new();
            for image in node.status.iter().flat_map(|s| &s.images) {
                for name in &image.names {
                    here.insert(name.clone(), image.size_bytes.unwrap_or(0));
                }
            }
            for name in here.keys() {
                *images.nodes_with.entry(name.clone()).or_default() += 1;
            }
            images.per_node.push(here);
        }
        images
    }

    /// Score of the node at `node` (document position) for a pod, given
    /// its [`pod_images`].
    pub(crate) fn score(&self, images: &[String], node: usize) -> i64 {
        let total_nodes = self.per_node.len().max(1) as f64;
        let here = &self.per_node[node];
        let mut sum = 0i64;
        for name in images {
            if let Some(size) = here.get(name) {
                let spread = self.nodes_with.get(name).copied().unwrap_or(0) as f64 / total_nodes;
                sum += (*size as f64 * spread) as i64;
            }
        }
        calculate_priority(sum, images.len() as i64)
    }
}

/// The image of each of the pod's containers (init containers first), as
/// nodes name them; computed once per pod.
pub(crate) fn pod_images(pod: &Pod) -> Vec<String> {
    pod.spec
        .init_containers
        .iter()
        .chain(&pod.spec.containers)
        .map(|container| normalized_image_name(container.image.as_deref().unwrap_or("")))
        .collect()
}

/// The sum of image scores on a 0-100 scale between the thresholds.
fn calculate_priority(sum: i64, containers: i64) -> i64 {
    let max = MAX_CONTAINER_THRESHOLD * containers;
    if max <= MIN_THRESHOLD {
        return 0;
    }
    let clamped = sum.clamp(MIN_THRESHOLD, max);
    100 * (clamped - MIN_THRESHOLD) / (max - MIN_THRESHOLD)
}

/// An image without a tag is `:latest`.
fn normalized_image_name(name: &str) -> String {
    let colon = name.rfind(':');
    let slash = name.rfind('/');
    if colon <= slash {
        format!("{name}:latest")
    } else {
        name.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_names_get_the_latest_tag() {
        assert_eq!(normalized_image_name("nginx"), "nginx:latest");
        assert_eq!(normalized_image_name("nginx:1.2"), "nginx:1.2");
        assert_eq!(
            normalized_image_name("host:5000/nginx"),
            "host:5000/nginx:latest"
        );
    }
}
