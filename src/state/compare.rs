//! The compare view's logic, without a browser: what it opens from the playground (the
//! scenario against itself under another Kubernetes version), and which pods, claims and
//! devices each side marks as changed.

use dra_engine::compare::{Comparison, Holding};
use dra_engine::features::KUBERNETES_VERSIONS;
use dra_engine::playground::{Analysis, Settings};
use dra_engine::scenario_text::{with_settings, ScenarioSettings};

use crate::state::selection::Related;

/// Which side of a comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    /// The left side.
    Left,
    /// The right side.
    Right,
}

impl Which {
    /// `left` or `right`, as `data-side` says it.
    pub fn name(self) -> &'static str {
        match self {
            Which::Left => "left",
            Which::Right => "right",
        }
    }
}

/// The version to compare a scenario with: the release before the one it names (or the one
/// after, for the oldest); for a scenario that names none (every gate on), the newest
/// release's defaults.
pub fn other_version(current: Option<&str>) -> &'static str {
    let newest = KUBERNETES_VERSIONS[KUBERNETES_VERSIONS.len() - 1];
    match current.and_then(|v| KUBERNETES_VERSIONS.iter().position(|k| *k == v)) {
        Some(0) => KUBERNETES_VERSIONS.get(1).copied().unwrap_or(newest),
        Some(i) => KUBERNETES_VERSIONS[i - 1],
        None => newest,
    }
}

/// The two scenarios the playground's "Compare" opens: the text as it is, and the same under
/// [`other_version`], its other settings kept.
pub fn from_playground(text: &str, settings: &Settings) -> (String, String) {
    let other = ScenarioSettings {
        version: Some(other_version(settings.kubernetes_version.as_deref()).to_owned()),
        gates: settings.feature_gates.clone(),
        skip_validation: settings.skip_validation,
    };
    (
        text.to_owned(),
        with_settings(text, settings.name.as_deref(), &other),
    )
}

/// What a side marks as changed: the pods whose outcome differs, the claims whose devices
/// differ, and the devices those claims hold on this side.
pub fn changed(comparison: &Comparison, which: Which) -> Related {
    let analysis: &Analysis = match which {
        Which::Left => &comparison.left.analysis,
        Which::Right => &comparison.right.analysis,
    };
    let mut related = Related::default();
    related
        .pods
        .extend(comparison.pods.iter().map(|p| p.pod.clone()));
    for change in &comparison.claims {
        related.claims.insert(change.claim.clone());
        let holding = match which {
            Which::Left => &change.left,
            Which::Right => &change.right,
        };
        if let (Holding::Devices(_), Some(claim)) = (holding, analysis.claim(&change.claim)) {
            related
                .devices
                .extend(claim.results.iter().map(|r| r.device.clone()));
        }
    }
    related
}

#[cfg(test)]
mod tests {
    use dra_engine::compare::compare;
    use dra_engine::RunOptions;

    use super::*;
    use crate::scenario::gallery::Example;

    #[test]
    fn the_other_version_is_the_one_before() {
        assert_eq!(other_version(Some("1.36")), "1.35");
        assert_eq!(other_version(Some("1.34")), "1.35");
        assert_eq!(other_version(None), "1.36");
        assert_eq!(other_version(Some("1.99")), "1.36");
    }

    #[test]
    fn each_side_marks_what_changed_there() {
        let taints = Example::by_name("taints-and-tolerations").unwrap().text;
        let off = taints.replace("# expect:", "# (gates off)\n# expect:");
        let off = with_settings(
            &off,
            None,
            &ScenarioSettings {
                gates: [("DRADeviceTaints".to_owned(), false)].into(),
                skip_validation: true,
                ..ScenarioSettings::default()
            },
        );
        let c = compare(taints, &off, &RunOptions::default());
        let left = changed(&c, Which::Left);
        let right = changed(&c, Which::Right);
        assert!(left.pods.contains("default/pod-2") && left.pods.contains("default/pod-3"));
        assert!(left.claims.contains("default/first"));
        // first held gpu-1 on the left and gpu-0 on the right; second held nothing on the left.
        assert!(left.devices.contains("gpu.example.com/node-1/gpu-1"));
        assert!(right.devices.contains("gpu.example.com/node-1/gpu-0"));
        assert!(right.devices.contains("gpu.example.com/node-1/gpu-1"));
    }
}
