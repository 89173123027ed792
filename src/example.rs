//! The built-in example scenario (see `examples/` at the repository root).

/// File name shown next to the example.
pub const FIRST_GPU_CLAIM_NAME: &str = "first-gpu-claim.yaml";

/// A DeviceClass, a ResourceSlice with two GPUs on node-1, a claim for one GPU and a pod using it.
pub const FIRST_GPU_CLAIM: &str = include_str!("../examples/first-gpu-claim.yaml");

#[cfg(test)]
mod tests {
    use super::FIRST_GPU_CLAIM;
    use saphyr::{LoadableYamlNode, Yaml};

    fn field<'a>(doc: &'a Yaml<'a>, path: &[&str]) -> &'a Yaml<'a> {
        path.iter().fold(doc, |node, key| {
            node.as_mapping_get(key)
                .unwrap_or_else(|| panic!("example: no field {path:?}"))
        })
    }

    fn text<'a>(doc: &'a Yaml<'a>, path: &[&str]) -> &'a str {
        field(doc, path)
            .as_str()
            .unwrap_or_else(|| panic!("example: {path:?} is not a string"))
    }

    #[test]
    fn example_is_a_stream_of_class_slice_claim_pod() {
        let docs = Yaml::load_from_str(FIRST_GPU_CLAIM).expect("example is valid YAML");
        let kinds: Vec<&str> = docs.iter().map(|doc| text(doc, &["kind"])).collect();
        assert_eq!(
            kinds,
            ["DeviceClass", "ResourceSlice", "ResourceClaim", "Pod"]
        );
        for doc in &docs[..3] {
            assert_eq!(text(doc, &["apiVersion"]), "resource.k8s.io/v1");
        }
        assert_eq!(text(&docs[3], &["apiVersion"]), "v1");
    }

    #[test]
    fn example_offers_two_gpus_on_node_1_and_asks_for_one() {
        let docs = Yaml::load_from_str(FIRST_GPU_CLAIM).expect("example is valid YAML");
        let (class, slice, claim, pod) = (&docs[0], &docs[1], &docs[2], &docs[3]);

        let class_name = text(class, &["metadata", "name"]);
        assert_eq!(text(slice, &["spec", "driver"]), "gpu.example.com");
        assert_eq!(text(slice, &["spec", "nodeName"]), "node-1");
        let devices = field(slice, &["spec", "devices"])
            .as_vec()
            .expect("devices");
        assert_eq!(devices.len(), 2);

        let requests = field(claim, &["spec", "devices", "requests"])
            .as_vec()
            .expect("requests");
        assert_eq!(requests.len(), 1);
        assert_eq!(
            text(&requests[0], &["exactly", "deviceClassName"]),
            class_name
        );
        assert!(requests[0]
            .as_mapping_get("exactly")
            .unwrap()
            .as_mapping_get("count")
            .is_none());

        let pod_claims = field(pod, &["spec", "resourceClaims"])
            .as_vec()
            .expect("claims");
        assert_eq!(
            text(&pod_claims[0], &["resourceClaimName"]),
            text(claim, &["metadata", "name"])
        );
    }
}
