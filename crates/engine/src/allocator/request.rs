//! One view over the two kinds of request: a claim's request with `exactly`,
//! and one alternative (subrequest) of a `firstAvailable` list.

use crate::api::{
    CapacityRequirements, DeviceRequest, DeviceSelector, DeviceSubRequest, DeviceTaint,
    DeviceToleration, ExactDeviceRequest,
};

/// The allocation mode that asks for a fixed number of devices.
pub(crate) const MODE_EXACT_COUNT: &str = "ExactCount";
/// The allocation mode that asks for every matching device.
pub(crate) const MODE_ALL: &str = "All";

/// A request or subrequest, read through the fields they share.
#[derive(Clone, Copy, Debug)]
pub(crate) enum RequestRef<'a> {
    /// A request of a claim (its `exactly`, which may be missing in bad input).
    Exact {
        name: &'a str,
        exact: Option<&'a ExactDeviceRequest>,
    },
    /// A subrequest of a prioritized list.
    Sub(&'a DeviceSubRequest),
}

impl<'a> RequestRef<'a> {
    /// A claim's request, read through `exactly`.
    pub fn exact(request: &'a DeviceRequest) -> Self {
        RequestRef::Exact {
            name: &request.name,
            exact: request.exactly.as_ref(),
        }
    }

    pub fn name(self) -> &'a str {
        match self {
            RequestRef::Exact { name, .. } => name,
            RequestRef::Sub(sub) => &sub.name,
        }
    }

    pub fn class_name(self) -> &'a str {
        match self {
            RequestRef::Exact { exact, .. } => exact.map_or("", |e| e.device_class_name.as_str()),
            RequestRef::Sub(sub) => &sub.device_class_name,
        }
    }

    pub fn allocation_mode(self) -> &'a str {
        match self {
            RequestRef::Exact { exact, .. } => exact.map_or("", |e| e.allocation_mode.as_str()),
            RequestRef::Sub(sub) => &sub.allocation_mode,
        }
    }

    pub fn count(self) -> i64 {
        match self {
            RequestRef::Exact { exact, .. } => exact.map_or(0, |e| e.count),
            RequestRef::Sub(sub) => sub.count,
        }
    }

    /// Whether admin access is requested (only requests can ask for it).
    pub fn admin_access(self) -> bool {
        match self {
            RequestRef::Exact { exact, .. } => exact.and_then(|e| e.admin_access) == Some(true),
            RequestRef::Sub(_) => false,
        }
    }

    /// Whether the admin access field is set at all (even to false).
    pub fn has_admin_access(self) -> bool {
        match self {
            RequestRef::Exact { exact, .. } => exact.is_some_and(|e| e.admin_access.is_some()),
            RequestRef::Sub(_) => false,
        }
    }

    pub fn selectors(self) -> &'a [DeviceSelector] {
        match self {
            RequestRef::Exact { exact, .. } => exact.map_or(&[], |e| e.selectors.as_slice()),
            RequestRef::Sub(sub) => &sub.selectors,
        }
    }

    pub fn tolerations(self) -> &'a [DeviceToleration] {
        match self {
            RequestRef::Exact { exact, .. } => exact.map_or(&[], |e| e.tolerations.as_slice()),
            RequestRef::Sub(sub) => &sub.tolerations,
        }
    }

    pub fn capacity(self) -> Option<&'a CapacityRequirements> {
        match self {
            RequestRef::Exact { exact, .. } => exact.and_then(|e| e.capacity.as_ref()),
            RequestRef::Sub(sub) => sub.capacity.as_ref(),
        }
    }

    /// The first taint that blocks the device: one with a known effect
    /// (NoSchedule, NoExecute) that is not tolerated; taints with other
    /// effects (None included) are ignored.
    pub fn first_blocking(self, taints: &[DeviceTaint]) -> Option<&DeviceTaint> {
        taints.iter().find(|taint| {
            matches!(taint.effect.as_str(), "NoSchedule" | "NoExecute")
                && !self.tolerations().iter().any(|t| tolerates(t, taint))
        })
    }
}

/// Kubernetes' toleration rule: an empty effect or key matches any; the
/// operator Exists matches any value, Equal (or empty) the same value.
pub(crate) fn tolerates(toleration: &DeviceToleration, taint: &DeviceTaint) -> bool {
    if !toleration.effect.is_empty() && toleration.effect != taint.effect {
        return false;
    }
    if !toleration.key.is_empty() && toleration.key != taint.key {
        return false;
    }
    match toleration.operator.as_str() {
        "" | "Equal" => toleration.value == taint.value,
        "Exists" => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taint(key: &str, value: &str, effect: &str) -> DeviceTaint {
        DeviceTaint {
            key: key.into(),
            value: value.into(),
            effect: effect.into(),
            time_added: None,
        }
    }

    fn toleration(key: &str, operator: &str, value: &str, effect: &str) -> DeviceToleration {
        DeviceToleration {
            key: key.into(),
            operator: operator.into(),
            value: value.into(),
            effect: effect.into(),
            toleration_seconds: None,
        }
    }

    #[test]
    fn toleration_rules() {
        let t = taint("k", "v", "NoSchedule");
        assert!(tolerates(&toleration("k", "Exists", "", ""), &t));
        assert!(tolerates(&toleration("", "Exists", "", "NoSchedule"), &t));
        assert!(tolerates(&toleration("k", "", "v", ""), &t));
        assert!(!tolerates(&toleration("k", "Equal", "w", ""), &t));
        assert!(!tolerates(&toleration("k", "Exists", "", "NoExecute"), &t));
        assert!(!tolerates(&toleration("k", "Bogus", "v", ""), &t));
    }

    #[test]
    fn only_known_effects_block() {
        let sub = DeviceSubRequest {
            name: "s".into(),
            tolerations: vec![toleration("k", "Exists", "", "NoExecute")],
            ..Default::default()
        };
        let request = RequestRef::Sub(&sub);
        let blocked = |taints: &[DeviceTaint]| request.first_blocking(taints).is_some();
        assert!(!blocked(&[
            taint("k", "v", "None"),
            taint("k", "v", "Other")
        ]));
        assert!(!blocked(&[taint("k", "v", "NoExecute")]));
        assert!(blocked(&[taint("k", "v", "NoSchedule")]));
    }
}
