//! The Kubernetes release whose kube-scheduler a run simulates: what its
//! plugins do differs between minor releases.

use crate::features::{minor_release, KUBERNETES_VERSIONS};

/// A Kubernetes minor release the playground knows (1.34 to 1.36).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Release {
    minor: u32,
}

impl Release {
    /// The newest release the playground knows: what a scenario without
    /// `kubernetesVersion` runs.
    pub const LATEST: Release = Release { minor: 36 };

    /// The release a Scenario document's `kubernetesVersion` names; the
    /// newest for none (or for one the loader reports as unsupported).
    pub fn of(kubernetes_version: Option<&str>) -> Release {
        let Some(version) = kubernetes_version else {
            return Release::LATEST;
        };
        let minor = minor_release(version);
        if !KUBERNETES_VERSIONS.contains(&minor.as_str()) {
            return Release::LATEST;
        }
        minor
            .strip_prefix("1.")
            .and_then(|m| m.parse().ok())
            .map_or(Release::LATEST, |minor| Release { minor })
    }

    /// "1.35".
    pub fn name(self) -> String {
        format!("1.{}", self.minor)
    }

    /// DynamicResources scores nodes by the prioritized-list alternatives
    /// they satisfy (Kubernetes 1.35 and later).
    pub fn scores_prioritized_lists(self) -> bool {
        self.minor >= 35
    }

    /// NodeResourcesFit and NodeResourcesBalancedAllocation score extended
    /// resources that DRA serves by the devices of their class (1.35 and
    /// later, with DRAExtendedResource).
    pub fn scores_dra_extended_resources(self) -> bool {
        self.minor >= 35
    }

    /// NodeResourcesBalancedAllocation scores how much the pod improves a
    /// node's balance rather than the balance with the pod (1.36 and later).
    pub fn balances_by_change(self) -> bool {
        self.minor >= 36
    }

    /// KubeSchedulerConfiguration has the `placementGenerate` and
    /// `placementScore` extension points (1.36 and later).
    pub fn has_placement_extension_points(self) -> bool {
        self.minor >= 36
    }
}

impl Default for Release {
    fn default() -> Release {
        Release::LATEST
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn releases_from_versions() {
        assert_eq!(Release::of(None), Release::LATEST);
        assert_eq!(Release::of(Some("v1.34.3")).name(), "1.34");
        assert_eq!(Release::of(Some("1.35")).name(), "1.35");
        assert_eq!(Release::of(Some("1.99")), Release::LATEST);
        assert!(!Release::of(Some("1.34")).scores_prioritized_lists());
        assert!(Release::of(Some("1.35")).scores_prioritized_lists());
        assert!(!Release::of(Some("1.35")).balances_by_change());
        assert!(Release::LATEST.balances_by_change());
    }
}
