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
        list_type_attributes: true,
        partitionable_devices: true,
        prioritized_list: true,
    };
}
