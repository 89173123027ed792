//! The feature gates that change what the allocator does.

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

/// The minor release a `kubernetesVersion` names: "1.36", "v1.36" and
/// "1.36.2" name release 1.36; anything else is returned as written.
pub fn minor_release(version: &str) -> String {
    let v = version.trim().strip_prefix('v').unwrap_or(version.trim());
    let mut parts = v.split('.');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(major), Some(minor), patch, None)
            if patch.is_none_or(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())) =>
        {
            format!("{major}.{minor}")
        }
        _ => v.to_string(),
    }
}

impl Gate {
    /// Every gate, in name order.
    pub const ALL: [Gate; 9] = [
        Gate::AdminAccess,
        Gate::ConsumableCapacity,
        Gate::DeviceBindingConditions,
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

    /// The gate's default in a Kubernetes minor release ("1.34", "1.35",
    /// "1.36"), from Kubernetes' versioned feature specs; None for a release
    /// the playground does not know.
    pub fn default_in(self, version: &str) -> Option<bool> {
        let minor = match version {
            "1.34" => 34,
            "1.35" => 35,
            "1.36" => 36,
            _ => return None,
        };
        Some(match self {
            // Alpha 1.32, beta (on) 1.34, GA 1.36.
            Gate::AdminAccess => minor >= 34,
            // Alpha 1.34, beta (on) 1.36.
            Gate::ConsumableCapacity => minor >= 36,
            // Alpha 1.34, beta (on) 1.36.
            Gate::DeviceBindingConditions => minor >= 36,
            // Alpha 1.32, beta (on) 1.33.
            Gate::ResourceClaimDeviceStatus => true,
            // Alpha 1.33, beta (on) 1.36.
            Gate::DeviceTaints => minor >= 36,
            // Alpha 1.34, beta (on) 1.36.
            Gate::ExtendedResource => minor >= 36,
            // Alpha 1.36 (off); unknown before.
            Gate::ListTypeAttributes => false,
            // Alpha 1.33, beta (on) 1.36.
            Gate::PartitionableDevices => minor >= 36,
            // Alpha 1.33, beta (on) 1.34, GA 1.36.
            Gate::PrioritizedList => minor >= 34,
        })
    }

    /// True when the gate cannot be changed from its default in that release
    /// (GA gates that Kubernetes locks to their default).
    pub fn locked_in(self, version: &str) -> bool {
        matches!((self, version), (Gate::AdminAccess, "1.36"))
    }
}

/// The state of every DRA gate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GateSet {
    enabled: [bool; Gate::ALL.len()],
}

impl GateSet {
    /// Every gate on.
    pub const ALL_ON: GateSet = GateSet {
        enabled: [true; Gate::ALL.len()],
    };

    /// The defaults of a Kubernetes minor release; None for an unknown release.
    pub fn defaults_for(version: &str) -> Option<GateSet> {
        let mut set = GateSet::ALL_ON;
        for gate in Gate::ALL {
            set.set(gate, gate.default_in(version)?);
        }
        Some(set)
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

    /// The features the allocator sees.
    pub fn features(&self) -> Features {
        Features {
            admin_access: self.enabled(Gate::AdminAccess),
            consumable_capacity: self.enabled(Gate::ConsumableCapacity),
            device_binding_and_status: self.enabled(Gate::DeviceBindingConditions)
                && self.enabled(Gate::ResourceClaimDeviceStatus),
            device_taints: self.enabled(Gate::DeviceTaints),
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
        assert_eq!(minor_release("1.36"), "1.36");
        assert_eq!(minor_release("v1.35"), "1.35");
        assert_eq!(minor_release("1.34.2"), "1.34");
        assert_eq!(minor_release("1.34.x"), "1.34.x");
        assert_eq!(minor_release("136"), "136");
    }

    #[test]
    fn release_defaults() {
        let v134 = GateSet::defaults_for("1.34").unwrap().features();
        assert!(v134.admin_access && v134.prioritized_list);
        assert!(!v134.consumable_capacity && !v134.partitionable_devices && !v134.device_taints);
        assert!(!v134.device_binding_and_status && !v134.list_type_attributes);
        assert!(!v134.extended_resource);
        assert_eq!(GateSet::defaults_for("1.35").unwrap().features(), v134);
        let v136 = GateSet::defaults_for("1.36").unwrap().features();
        assert_eq!(
            v136,
            Features {
                list_type_attributes: false,
                ..Features::ALL
            }
        );
        assert!(GateSet::defaults_for("1.33").is_none());
        assert_eq!(GateSet::ALL_ON.features(), Features::ALL);
        assert_eq!(Gate::from_name("DRADeviceTaints"), Some(Gate::DeviceTaints));
        assert_eq!(Gate::from_name("DRADeviceTaint"), None);
    }
}
