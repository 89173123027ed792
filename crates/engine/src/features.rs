//! The feature gates that change what the allocator does, and the releases
//! whose defaults they take.

use crate::feature_gates::{feature_gate, FeatureGate};

/// Enabled DRA features, as the allocator sees them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Features {
    /// DRAAdminAccess.
    pub admin_access: bool,
    /// DRAConsumableCapacity.
    pub consumable_capacity: bool,
    /// DRADeviceBindingConditions and DRAResourceClaimDeviceStatus, together.
    pub device_binding_and_status: bool,
    /// DRADeviceTaints.
    pub device_taints: bool,
    /// DeviceTaintRules add their taints to devices (DRADeviceTaints, and
    /// DRADeviceTaintRules from 1.35; a scheduler feature).
    pub device_taint_rules: bool,
    /// Kubernetes 1.34: a slice may publish counter sets and devices
    /// together (a scheduler feature: later releases read such a slice for
    /// its counters only).
    pub counters_beside_devices: bool,
    /// DRAExtendedResource: pods' extended resources served by DRA devices
    /// (a scheduler feature; the allocator itself does not read it).
    pub extended_resource: bool,
    /// DRAListTypeAttributes.
    pub list_type_attributes: bool,
    /// DRAPartitionableDevices.
    pub partitionable_devices: bool,
    /// DRAPrioritizedList.
    pub prioritized_list: bool,
}

impl Features {
    /// Every feature on: what a scenario gets when it names no gate and no version.
    pub const ALL: Features = Features {
        admin_access: true,
        consumable_capacity: true,
        device_binding_and_status: true,
        device_taints: true,
        device_taint_rules: true,
        counters_beside_devices: false,
        extended_resource: true,
        list_type_attributes: true,
        partitionable_devices: true,
        prioritized_list: true,
    };
}

/// A Kubernetes feature gate that changes DRA behaviour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Gate {
    /// DRAAdminAccess.
    AdminAccess,
    /// DRAConsumableCapacity.
    ConsumableCapacity,
    /// DRADeviceBindingConditions.
    DeviceBindingConditions,
    /// DRAResourceClaimDeviceStatus.
    ResourceClaimDeviceStatus,
    /// DRADeviceTaints.
    DeviceTaints,
    /// DRADeviceTaintRules (from 1.35; before, DeviceTaintRules belonged to
    /// DRADeviceTaints).
    DeviceTaintRules,
    /// DRAExtendedResource.
    ExtendedResource,
    /// DRAListTypeAttributes.
    ListTypeAttributes,
    /// DRAPartitionableDevices.
    PartitionableDevices,
    /// DRAPrioritizedList.
    PrioritizedList,
}

/// The Kubernetes minor releases whose gate defaults the playground knows.
pub const KUBERNETES_VERSIONS: &[&str] = &["1.34", "1.35", "1.36"];

/// A Kubernetes minor release, 1.x.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Release {
    minor: u16,
}

impl Release {
    /// Release 1.`minor`.
    pub const fn v1(minor: u16) -> Release {
        Release { minor }
    }

    /// "1.36" is release 1.36.
    pub fn parse(text: &str) -> Option<Release> {
        let minor = text.strip_prefix("1.")?;
        if minor.is_empty() || !minor.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        minor.parse().ok().map(Release::v1)
    }

    /// The release a Scenario document's `kubernetesVersion` names: "1.36",
    /// "v1.36" and "1.36.2" name release 1.36; None for anything else.
    pub fn named(version: &str) -> Option<Release> {
        let version = version.trim();
        let version = version.strip_prefix('v').unwrap_or(version);
        let (minor, patch) = match version.split_once('.') {
            Some((major, rest)) => match rest.split_once('.') {
                Some((minor, patch)) => (format!("{major}.{minor}"), Some(patch)),
                None => (version.to_owned(), None),
            },
            None => return None,
        };
        if patch.is_some_and(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit())) {
            return None;
        }
        // Only the canonical spelling: "1.036" names nothing.
        Release::parse(&minor).filter(|r| r.to_string() == minor)
    }

    /// The release a scenario is read as: the one its `kubernetesVersion`
    /// names when the playground offers it, else the newest (the loader
    /// reports a version it does not offer).
    pub fn of_scenario(kubernetes_version: Option<&str>) -> Release {
        kubernetes_version
            .and_then(Release::named)
            .filter(|r| r.is_offered())
            .unwrap_or(NEWEST_RELEASE)
    }

    /// Whether the playground offers this release ([`KUBERNETES_VERSIONS`]).
    pub fn is_offered(self) -> bool {
        KUBERNETES_VERSIONS.contains(&self.to_string().as_str())
    }

    /// The x of 1.x.
    pub fn minor(self) -> u16 {
        self.minor
    }
}

impl std::fmt::Display for Release {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "1.{}", self.minor)
    }
}

/// The newest release the playground offers: what a scenario without
/// `kubernetesVersion` is read as.
pub const NEWEST_RELEASE: Release = Release::v1(36);

impl Gate {
    /// Every gate, in name order.
    pub const ALL: [Gate; 10] = [
        Gate::AdminAccess,
        Gate::ConsumableCapacity,
        Gate::DeviceBindingConditions,
        Gate::DeviceTaintRules,
        Gate::DeviceTaints,
        Gate::ExtendedResource,
        Gate::ListTypeAttributes,
        Gate::PartitionableDevices,
        Gate::PrioritizedList,
        Gate::ResourceClaimDeviceStatus,
    ];

    /// The Kubernetes name of the gate.
    pub fn name(self) -> &'static str {
        match self {
            Gate::AdminAccess => "DRAAdminAccess",
            Gate::ConsumableCapacity => "DRAConsumableCapacity",
            Gate::DeviceBindingConditions => "DRADeviceBindingConditions",
            Gate::ResourceClaimDeviceStatus => "DRAResourceClaimDeviceStatus",
            Gate::DeviceTaints => "DRADeviceTaints",
            Gate::DeviceTaintRules => "DRADeviceTaintRules",
            Gate::ExtendedResource => "DRAExtendedResource",
            Gate::ListTypeAttributes => "DRAListTypeAttributes",
            Gate::PartitionableDevices => "DRAPartitionableDevices",
            Gate::PrioritizedList => "DRAPrioritizedList",
        }
    }

    /// The gate with this Kubernetes name.
    pub fn from_name(name: &str) -> Option<Gate> {
        Gate::ALL.into_iter().find(|g| g.name() == name)
    }

    /// Its entry in Kubernetes' table of every gate.
    fn upstream(self) -> &'static FeatureGate {
        match feature_gate(self.name()) {
            Some(gate) => gate,
            None => unreachable!("every DRA gate is in the table (tested)"),
        }
    }

    /// The gate's default in a Kubernetes minor release ("1.34", "1.35",
    /// "1.36"), from Kubernetes' versioned feature specs (off in a release
    /// that does not have it yet); None for a release the playground does
    /// not offer.
    pub fn default_in(self, version: &str) -> Option<bool> {
        let release = Release::parse(version).filter(|_| KUBERNETES_VERSIONS.contains(&version))?;
        Some(
            self.upstream()
                .spec_in(release.minor())
                .is_some_and(|s| s.default),
        )
    }

    /// True when the gate cannot be changed from its default in that release
    /// (GA gates that Kubernetes locks to their default).
    pub fn locked_in(self, version: &str) -> bool {
        Release::parse(version)
            .and_then(|r| self.upstream().spec_in(r.minor()))
            .is_some_and(|s| s.locked)
    }

    /// The release whose components first know the gate (its alpha; before
    /// it, naming the gate is an error and the fields it guards do not
    /// exist).
    pub fn introduced_in(self) -> Release {
        Release::v1(self.upstream().introduced())
    }
}

/// The state of every DRA gate, and the release they belong to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GateSet {
    enabled: [bool; Gate::ALL.len()],
    release: Option<Release>,
}

impl GateSet {
    /// Every gate on, in no particular release (the newest API the
    /// playground knows).
    pub const ALL_ON: GateSet = GateSet {
        enabled: [true; Gate::ALL.len()],
        release: None,
    };

    /// The defaults of a Kubernetes minor release; None for an unknown release.
    pub fn defaults_for(version: &str) -> Option<GateSet> {
        let mut set = GateSet::ALL_ON;
        for gate in Gate::ALL {
            set.set(gate, gate.default_in(version)?);
        }
        set.release = Some(Release::parse(version)?);
        Some(set)
    }

    /// The release given as `kubernetesVersion`, if any.
    pub fn release(&self) -> Option<Release> {
        self.release
    }

    /// Whether the release (if one is given) knows the gate.
    pub fn knows(&self, gate: Gate) -> bool {
        self.release.is_none_or(|r| gate.introduced_in() <= r)
    }

    fn index(gate: Gate) -> usize {
        Gate::ALL.iter().position(|g| *g == gate).unwrap_or(0)
    }

    /// Whether a gate is on.
    pub fn enabled(&self, gate: Gate) -> bool {
        self.enabled[GateSet::index(gate)]
    }

    /// Turns a gate on or off.
    pub fn set(&mut self, gate: Gate, on: bool) {
        self.enabled[GateSet::index(gate)] = on;
    }

    /// Whether DeviceTaintRules apply: DRADeviceTaints, and from 1.35 on
    /// (or without a release) DRADeviceTaintRules too.
    fn device_taint_rules(&self) -> bool {
        self.enabled(Gate::DeviceTaints)
            && (self.release.is_some_and(|r| r < Release::v1(35))
                || self.enabled(Gate::DeviceTaintRules))
    }

    /// The features the allocator sees.
    pub fn features(&self) -> Features {
        Features {
            admin_access: self.enabled(Gate::AdminAccess),
            consumable_capacity: self.enabled(Gate::ConsumableCapacity),
            device_binding_and_status: self.enabled(Gate::DeviceBindingConditions)
                && self.enabled(Gate::ResourceClaimDeviceStatus),
            device_taints: self.enabled(Gate::DeviceTaints),
            device_taint_rules: self.device_taint_rules(),
            counters_beside_devices: self.release == Some(Release::v1(34)),
            extended_resource: self.enabled(Gate::ExtendedResource),
            list_type_attributes: self.enabled(Gate::ListTypeAttributes),
            partitionable_devices: self.enabled(Gate::PartitionableDevices),
            prioritized_list: self.enabled(Gate::PrioritizedList),
        }
    }
}

impl Default for GateSet {
    fn default() -> GateSet {
        GateSet::ALL_ON
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn release_names() {
        assert_eq!(Release::named("1.36"), Some(Release::v1(36)));
        assert_eq!(Release::named(" v1.35 "), Some(Release::v1(35)));
        assert_eq!(Release::named("1.34.2"), Some(Release::v1(34)));
        assert_eq!(Release::named("1.33"), Some(Release::v1(33)));
        for nothing in ["1.34.x", "1.34.", "136", "1.036", "2.1", "", "1.34.2.1"] {
            assert_eq!(Release::named(nothing), None, "{nothing}");
        }
        assert!(Release::v1(34).is_offered() && !Release::v1(33).is_offered());
        assert_eq!(Release::of_scenario(Some("v1.34.3")), Release::v1(34));
        assert_eq!(Release::of_scenario(Some("1.99")), NEWEST_RELEASE);
        assert_eq!(Release::of_scenario(None), NEWEST_RELEASE);
    }

    #[test]
    fn release_defaults() {
        let v134 = GateSet::defaults_for("1.34").unwrap().features();
        assert!(v134.admin_access && v134.prioritized_list && v134.counters_beside_devices);
        assert!(!v134.consumable_capacity && !v134.partitionable_devices && !v134.device_taints);
        assert!(!v134.device_binding_and_status && !v134.list_type_attributes);
        assert!(!v134.extended_resource);
        assert_eq!(
            GateSet::defaults_for("1.35").unwrap().features(),
            Features {
                counters_beside_devices: false,
                ..v134
            }
        );
        let v136 = GateSet::defaults_for("1.36").unwrap().features();
        assert_eq!(
            v136,
            Features {
                list_type_attributes: false,
                // DRADeviceTaintRules is beta but off in 1.36.
                device_taint_rules: false,
                ..Features::ALL
            }
        );
        assert!(GateSet::defaults_for("1.33").is_none());
        assert_eq!(GateSet::ALL_ON.features(), Features::ALL);
        assert_eq!(Gate::from_name("DRADeviceTaints"), Some(Gate::DeviceTaints));
        assert_eq!(Gate::from_name("DRADeviceTaint"), None);
    }

    #[test]
    fn every_gate_is_in_kubernetes_table() {
        for gate in Gate::ALL {
            assert!(feature_gate(gate.name()).is_some(), "{}", gate.name());
        }
        assert!(Gate::ALL.windows(2).all(|w| w[0].name() < w[1].name()));
        assert!(Gate::AdminAccess.locked_in("1.36") && !Gate::AdminAccess.locked_in("1.35"));
        assert!(!Gate::PrioritizedList.locked_in("1.36"));
        assert_eq!(Gate::DeviceTaintRules.introduced_in(), Release::v1(35));
    }

    #[test]
    fn device_taint_rules_follow_the_release() {
        let mut v134 = GateSet::defaults_for("1.34").unwrap();
        v134.set(Gate::DeviceTaints, true);
        // 1.34 has no DRADeviceTaintRules: DRADeviceTaints is enough.
        assert!(v134.features().device_taint_rules);
        let mut v136 = GateSet::defaults_for("1.36").unwrap();
        assert!(!v136.features().device_taint_rules);
        v136.set(Gate::DeviceTaintRules, true);
        assert!(v136.features().device_taint_rules);
        assert!(!v134.knows(Gate::DeviceTaintRules) && v136.knows(Gate::DeviceTaintRules));
    }
}
