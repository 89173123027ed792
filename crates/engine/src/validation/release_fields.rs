//! Fields that exist only from a Kubernetes release on.
//!
//! The playground reads the newest `resource.k8s.io/v1` it knows. A scenario
//! that names an earlier `kubernetesVersion` may still write a field of a
//! later release: that release's apiserver does not know the field (with
//! kubectl's default field validation it refuses the object, without it
//! the field is dropped), so it is an error at the field naming the release
//! that added it. Fields of a gate the playground models get the release
//! from [`Gate::introduced_in`] (`ints`, `bools`, `strings`, `versions` of a
//! device attribute: DRAListTypeAttributes, 1.36); the others are listed
//! here, from the `types.go` of k8s.io/api `resource/v1` on each release
//! branch (1.34 and 1.35 have the same fields).

use crate::features::{Gate, Release};

/// A field added by a release, behind an alpha feature gate of that
/// release that the playground does not model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct ReleaseField {
    /// The release that added it.
    pub since: Release,
    /// Its feature gate.
    pub gate: &'static str,
}

/// `ResourceSlice.spec.partitionTypeAttribute`.
pub(super) const PARTITION_TYPE_ATTRIBUTE: ReleaseField = ReleaseField {
    since: Release::v1(37),
    gate: "DRAPartitionableDevicesType",
};

/// `ResourceSlice.spec.skipNodeOperations`, and its copy in a claim's
/// `status.allocation.devices.results[]`.
pub(super) const SKIP_NODE_OPERATIONS: ReleaseField = ReleaseField {
    since: Release::v1(37),
    gate: "DRAOptionalNodeOperations",
};

/// `ResourceSlice.spec.devices[].nodeAllocatableResources` (1.36 had an
/// alpha `nodeAllocatableResourceMappings` of another shape instead, under
/// the same gate).
pub(super) const NODE_ALLOCATABLE_RESOURCES: ReleaseField = ReleaseField {
    since: Release::v1(37),
    gate: "DRANodeAllocatableResources",
};

impl ReleaseField {
    /// The field of a gate the playground models.
    pub fn of_gate(gate: Gate) -> ReleaseField {
        ReleaseField {
            since: gate.introduced_in(),
            gate: gate.name(),
        }
    }

    /// Whether a release has the field.
    pub fn exists_in(self, release: Release) -> bool {
        self.since <= release
    }
}
