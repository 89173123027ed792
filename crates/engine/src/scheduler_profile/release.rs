//! What the kube-scheduler of a Kubernetes release does differently: its
//! plugins change between minor releases. These are methods of
//! [`Release`] (the one release type, [`crate::features`]'), kept beside the
//! profiles that use them.

use crate::features::Release;

impl Release {
    /// DynamicResources scores nodes by the prioritized-list alternatives
    /// they satisfy (Kubernetes 1.35 and later).
    pub fn scores_prioritized_lists(self) -> bool {
        self.minor() >= 35
    }

    /// NodeResourcesBalancedAllocation scores how much the pod improves a
    /// node's balance rather than the balance with the pod (1.36 and later).
    pub fn balances_by_change(self) -> bool {
        self.minor() >= 36
    }

    /// KubeSchedulerConfiguration has the `placementGenerate` and
    /// `placementScore` extension points (1.36 and later).
    pub fn has_placement_extension_points(self) -> bool {
        self.minor() >= 36
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behaviour_by_release() {
        let of = |v| Release::of_scenario(Some(v));
        assert!(!of("1.34").scores_prioritized_lists());
        assert!(of("1.35").scores_prioritized_lists());
        assert!(!of("1.35").balances_by_change());
        assert!(of("1.36").balances_by_change());
        assert!(!of("1.35").has_placement_extension_points());
    }
}
