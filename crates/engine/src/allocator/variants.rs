//! Which of upstream's allocator implementations Kubernetes runs, and how
//! each differs from this port.
//!
//! k8s.io/dynamic-resource-allocation keeps three implementations side by
//! side (structured/internal/{stable,incubating,experimental}); its
//! `NewAllocator` takes the first of stable, incubating, experimental whose
//! supported features include every feature the scheduler enabled (from its
//! feature gates). This port follows the experimental allocator of the newest
//! release (what the conformance outcomes come from). Each release's
//! implementations, compared file by file (release-1.34, release-1.35,
//! release-1.36 and master):
//!
//! - 1.34 and 1.35 (all three): pools are visited in Go map order, which
//!   changes from run to run; a pool's slices in the order they were listed;
//!   every device of a request is searched from the first device again
//!   (permutations, not combinations: the same result for a stateless search,
//!   not with counters held by turned-down devices or with a device shared by
//!   the allocations of one request).
//! - 1.36 and newer: incubating and experimental sort pools by driver and
//!   name, slices by name, and search each request's devices as
//!   combinations, as this port does; stable does neither (as 1.35's code).
//! - stable and incubating of 1.34 and 1.35, stable of 1.36 and newer: a
//!   `distinctAttribute` constraint is refused ("empty constraint").

use std::fmt;

use crate::features::{Gate, GateSet, Release};

/// One of upstream's allocator implementations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    /// The oldest, most stable code.
    Stable,
    /// Code aiming to become stable next.
    Incubating,
    /// The newest code, supporting every feature.
    Experimental,
}

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Variant::Stable => "stable",
            Variant::Incubating => "incubating",
            Variant::Experimental => "experimental",
        })
    }
}

/// The first release whose allocators sort pools and slices and search
/// devices as combinations (and whose stable allocator supports the
/// features of the old incubating one).
const SORTED: Release = Release::v1(36);

/// The implementation Kubernetes runs: `release` (None: the newest the
/// playground knows) with these gates.
pub fn variant(release: Option<Release>, gates: &GateSet) -> Variant {
    let on = |gate| gates.enabled(gate);
    let binding_and_status =
        on(Gate::DeviceBindingConditions) && on(Gate::ResourceClaimDeviceStatus);
    let basic = on(Gate::AdminAccess)
        || on(Gate::PrioritizedList)
        || on(Gate::PartitionableDevices)
        || on(Gate::DeviceTaints);
    match release {
        Some(r) if r < SORTED => {
            // 1.34's scheduler enables the binding and the status features
            // one by one, 1.35's together; only experimental has them.
            let binding = if r < Release::v1(35) {
                on(Gate::DeviceBindingConditions) || on(Gate::ResourceClaimDeviceStatus)
            } else {
                binding_and_status
            };
            if on(Gate::ConsumableCapacity) || binding {
                Variant::Experimental
            } else if basic {
                Variant::Incubating
            } else {
                Variant::Stable
            }
        }
        _ => {
            if on(Gate::ListTypeAttributes) {
                Variant::Experimental
            } else if on(Gate::ConsumableCapacity) || binding_and_status {
                Variant::Incubating
            } else {
                Variant::Stable
            }
        }
    }
}

/// Where an implementation differs from this port, in ways a scenario can
/// show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Divergence {
    /// Pools in Go map order (from run to run differently), not sorted.
    pub pools_unordered: bool,
    /// A pool's slices in the order listed, not sorted by name.
    pub slices_as_listed: bool,
    /// Every device of a request searched from the first device again.
    pub search_restarts: bool,
    /// `distinctAttribute` constraints refused.
    pub no_distinct_attribute: bool,
}

impl Divergence {
    /// How `variant` of `release` (None: the newest) differs from this port.
    pub fn of(release: Option<Release>, variant: Variant) -> Divergence {
        let old_code = release.is_some_and(|r| r < SORTED) || variant == Variant::Stable;
        Divergence {
            pools_unordered: old_code,
            slices_as_listed: old_code,
            search_restarts: old_code,
            no_distinct_attribute: match variant {
                Variant::Stable => true,
                Variant::Incubating => release.is_some_and(|r| r < SORTED),
                Variant::Experimental => false,
            },
        }
    }

    /// True when nothing differs.
    pub fn is_none(&self) -> bool {
        *self == Divergence::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gates(version: &str, changes: &[(Gate, bool)]) -> (Option<Release>, GateSet) {
        let mut set = GateSet::defaults_for(version).expect("a known release");
        for (gate, on) in changes {
            set.set(*gate, *on);
        }
        (set.release(), set)
    }

    #[test]
    fn each_release_picks_by_its_own_table() {
        // 1.34 enables the device status feature alone: only experimental has it.
        let (r, g) = gates("1.34", &[]);
        assert_eq!(variant(r, &g), Variant::Experimental);
        let (r, g) = gates("1.34", &[(Gate::ResourceClaimDeviceStatus, false)]);
        assert_eq!(variant(r, &g), Variant::Incubating);
        // 1.35 needs both binding gates; its defaults run incubating.
        let (r, g) = gates("1.35", &[]);
        assert_eq!(variant(r, &g), Variant::Incubating);
        let (r, g) = gates(
            "1.35",
            &[(Gate::AdminAccess, false), (Gate::PrioritizedList, false)],
        );
        assert_eq!(variant(r, &g), Variant::Stable);
        // 1.36 defaults (consumable capacity, binding on) run incubating;
        // list-type attributes need experimental.
        let (r, g) = gates("1.36", &[]);
        assert_eq!(variant(r, &g), Variant::Incubating);
        let (r, g) = gates("1.36", &[(Gate::ListTypeAttributes, true)]);
        assert_eq!(variant(r, &g), Variant::Experimental);
        let (r, g) = gates(
            "1.36",
            &[
                (Gate::ConsumableCapacity, false),
                (Gate::DeviceBindingConditions, false),
            ],
        );
        assert_eq!(variant(r, &g), Variant::Stable);
        // Without a release: every gate on, experimental.
        assert_eq!(variant(None, &GateSet::ALL_ON), Variant::Experimental);
    }

    #[test]
    fn what_differs() {
        let newest = Divergence::of(None, Variant::Experimental);
        assert!(newest.is_none());
        assert!(Divergence::of(Some(Release::v1(36)), Variant::Incubating).is_none());
        let old = Divergence::of(Some(Release::v1(35)), Variant::Experimental);
        assert!(old.pools_unordered && old.search_restarts && !old.no_distinct_attribute);
        let stable = Divergence::of(None, Variant::Stable);
        assert!(stable.pools_unordered && stable.slices_as_listed && stable.no_distinct_attribute);
        assert!(Divergence::of(Some(Release::v1(34)), Variant::Incubating).no_distinct_attribute);
    }
}
