//! The results at the moment chosen on the timeline: the first moment's analysis with the
//! cluster map's changes up to that moment applied (`worker/moment_map.rs`), and what changed
//! at it, for the map to highlight. The first moment, and a scenario without steps, show the
//! analysis as it is.

use std::collections::HashSet;
use std::rc::Rc;

use dra_engine::playground::Analysis;
use dra_playground_web::worker::moment_map;

use crate::state::run::RunInfo;

/// What the results show.
#[derive(Clone, Debug, PartialEq)]
pub struct MomentShown {
    /// The analysis as the map and the pod list draw it.
    pub analysis: Rc<Analysis>,
    /// The moment's position (the one chosen, or the last when the run has fewer).
    pub index: usize,
    /// The devices and pods drawn differently than at the moment before (none at the first).
    pub changed: Rc<HashSet<String>>,
}

/// The results of `run` at the moment `chosen`.
pub fn shown(run: &RunInfo, chosen: usize) -> MomentShown {
    let moments = run.timeline.as_ref().map(|t| &t.moments[..]).unwrap_or(&[]);
    let Some(last) = moments.len().checked_sub(1) else {
        return MomentShown {
            analysis: run.analysis.clone(),
            index: 0,
            changed: Rc::default(),
        };
    };
    let index = chosen.min(last);
    if index == 0 {
        // The first moment is the run the results show (a pod waiting for its binding
        // conditions is drawn on the node the scheduler chose, as without steps).
        return MomentShown {
            analysis: run.analysis.clone(),
            index,
            changed: Rc::default(),
        };
    }
    let analysis = moment_map::at_moment(&run.analysis, moments[..=index].iter().map(|m| &m.map));
    let changed = moments[index].map.changed.iter().cloned().collect();
    MomentShown {
        analysis: Rc::new(analysis),
        index,
        changed: Rc::new(changed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_of(text: &str) -> RunInfo {
        RunInfo::of_text(text)
    }

    #[test]
    fn the_map_shows_the_moment_chosen_with_what_changed_at_it() {
        let run = run_of(include_str!("../../examples/gpu-failure-eviction.yaml"));
        let start = shown(&run, 0);
        assert!(Rc::ptr_eq(&start.analysis, &run.analysis));
        assert_eq!(start.index, 0);
        assert!(start.changed.is_empty());
        assert_eq!(
            start
                .analysis
                .pod("default/trainer-t8m78")
                .and_then(|p| p.node.as_deref()),
            Some("node-1")
        );
        let failure = shown(&run, 1);
        assert!(failure.analysis.pod("default/trainer-t8m78").is_none());
        assert_eq!(
            failure
                .analysis
                .pod("default/trainer-j97md")
                .and_then(|p| p.node.as_deref()),
            Some("node-1")
        );
        let gpu0 = failure
            .analysis
            .device("gpu.example.com/node-1/gpu-0")
            .expect("gpu-0");
        assert!(gpu0.allocations.is_empty() && !gpu0.taints.is_empty());
        assert!(failure.changed.contains("gpu.example.com/node-1/gpu-0"));
        // A run with fewer moments shows its last.
        assert_eq!(shown(&run, 9).index, 1);
    }

    #[test]
    fn a_pod_waiting_for_its_binding_conditions_is_on_its_node_at_first_and_moves_later() {
        let run = run_of(include_str!(
            "../../examples/binding-conditions-failover.yaml"
        ));
        let on = |i: usize| {
            shown(&run, i)
                .analysis
                .pod("default/pod-1")
                .and_then(|p| p.node.clone())
        };
        assert_eq!(on(0).as_deref(), Some("node-1"), "as the results show it");
        let last = run.timeline.as_ref().map_or(0, |t| t.moments.len() - 1);
        assert_eq!(on(last).as_deref(), Some("node-2"), "failed over");
    }

    #[test]
    fn a_scenario_without_steps_shows_its_analysis() {
        let run = run_of(include_str!("../../examples/first-gpu-claim.yaml"));
        let plain = shown(&run, 3);
        assert!(Rc::ptr_eq(&plain.analysis, &run.analysis));
        assert_eq!(plain.index, 0);
    }
}
