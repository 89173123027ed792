//! Kubernetes' rules for resource names (`cpu`, `example.com/gpu`, ...), as
//! the apiserver, the scheduler's NodeResourcesFit plugin and its
//! DynamicResources plugin classify them.

use crate::names::is_qualified_name;

/// The prefix of the name every DeviceClass serves implicitly:
/// `deviceclass.resource.kubernetes.io/<class name>`.
pub const DEVICE_CLASS_RESOURCE_PREFIX: &str = "deviceclass.resource.kubernetes.io/";

/// IsNativeResource: no domain, or a domain in `kubernetes.io`.
pub fn is_native_resource_name(name: &str) -> bool {
    !name.contains('/') || name.contains("kubernetes.io/")
}

/// IsExtendedResourceName: a qualified name with a domain outside
/// `kubernetes.io` (`example.com/gpu`).
pub fn is_extended_resource_name(name: &str) -> bool {
    !is_native_resource_name(name)
        && !name.starts_with("requests.")
        && is_qualified_name(&format!("requests.{name}")).is_empty()
}

/// IsDRAExtendedResourceName: an extended resource name, or the implicit
/// name of a DeviceClass. These are the names DRA can serve.
pub fn is_dra_extended_resource_name(name: &str) -> bool {
    is_extended_resource_name(name) || name.starts_with(DEVICE_CLASS_RESOURCE_PREFIX)
}

/// IsHugePageResourceName.
pub fn is_huge_page_resource_name(name: &str) -> bool {
    name.starts_with("hugepages-")
}

/// IsSupportedPodLevelResource: what a pod may set in `spec.resources`
/// (PodLevelResources): cpu, memory and huge pages.
pub fn is_supported_pod_level_resource(name: &str) -> bool {
    matches!(name, "cpu" | "memory") || is_huge_page_resource_name(name)
}

/// IsOvercommitAllowed: native resources other than huge pages may have a
/// request below their limit; extended resources may not.
pub fn is_overcommit_allowed(name: &str) -> bool {
    is_native_resource_name(name) && !is_huge_page_resource_name(name)
}

/// IsStandardContainerResourceName: what a container may name without a
/// domain.
pub fn is_standard_container_resource_name(name: &str) -> bool {
    matches!(name, "cpu" | "memory" | "ephemeral-storage") || is_huge_page_resource_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_names_like_kubernetes() {
        assert!(is_extended_resource_name("example.com/gpu"));
        assert!(!is_extended_resource_name("cpu"));
        assert!(!is_extended_resource_name("kubernetes.io/foo"));
        assert!(!is_extended_resource_name("requests.example.com/gpu"));
        let implicit = "deviceclass.resource.kubernetes.io/gpu.example.com";
        assert!(!is_extended_resource_name(implicit));
        assert!(is_dra_extended_resource_name(implicit));
        assert!(is_dra_extended_resource_name("example.com/gpu"));
        assert!(!is_dra_extended_resource_name("memory"));
        assert!(is_overcommit_allowed("cpu") && is_overcommit_allowed(implicit));
        assert!(!is_overcommit_allowed("example.com/gpu"));
        assert!(!is_overcommit_allowed("hugepages-2Mi"));
        assert!(is_standard_container_resource_name("hugepages-1Gi"));
        assert!(!is_standard_container_resource_name("gpu"));
    }
}
