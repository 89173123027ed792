//! The cluster map at each moment of a timeline, sent as what changed: the worker builds every
//! moment's views (`dra_engine::playground::moment_views`) and sends, per moment, only the
//! nodes, claims and pods that differ from the moment before (the first moment: from the
//! analysis), with what a reader should see change, in words. The page puts a moment's map
//! back together from the analysis ([`at_moment`]), so a long timeline's reply stays small.

use std::collections::HashMap;

use dra_engine::playground::{Analysis, ClaimView, DeviceView, MomentViews, NodeView, PodView};
use serde::{Deserialize, Serialize};

/// What changed in the map since the moment before.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MapChange {
    /// The nodes (cards) that changed or appeared, by name.
    pub nodes: ListChange<NodeView>,
    /// The claims that changed or appeared, by key.
    pub claims: ListChange<ClaimView>,
    /// The pods that changed or appeared, by key.
    pub pods: ListChange<PodView>,
    /// The devices and pods drawn differently now (`DRIVER/POOL/DEVICE` and `NAMESPACE/NAME`
    /// keys), for the map to highlight.
    pub changed: Vec<String>,
    /// What a reader sees change, one sentence each (`gpu.example.com/node-1/gpu-0 tainted
    /// ...:NoExecute`, `Pod default/x left node node-1`).
    pub words: Vec<String>,
}

/// A list's members that changed, whole, and the list's order when its members differ.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListChange<T> {
    /// Every member's key in order, when a member came or went (else the order stays).
    pub order: Option<Vec<String>>,
    /// The members that changed or came.
    pub changed: Vec<T>,
}

impl<T> Default for ListChange<T> {
    fn default() -> Self {
        ListChange {
            order: None,
            changed: Vec::new(),
        }
    }
}

/// What has a key in its list.
trait Keyed {
    fn key(&self) -> &str;
}

impl Keyed for NodeView {
    fn key(&self) -> &str {
        &self.name
    }
}

impl Keyed for ClaimView {
    fn key(&self) -> &str {
        &self.key
    }
}

impl Keyed for PodView {
    fn key(&self) -> &str {
        &self.key
    }
}

fn list_change<T: Keyed + Clone + PartialEq>(before: &[T], after: &[T]) -> ListChange<T> {
    let old: HashMap<&str, &T> = before.iter().map(|t| (t.key(), t)).collect();
    let keys = |list: &[T]| -> Vec<String> { list.iter().map(|t| t.key().to_owned()).collect() };
    ListChange {
        order: (keys(before) != keys(after)).then(|| keys(after)),
        changed: after
            .iter()
            .filter(|t| old.get(t.key()) != Some(t))
            .cloned()
            .collect(),
    }
}

fn apply_list<T: Keyed + Clone>(list: &mut Vec<T>, change: &ListChange<T>) {
    let changed: HashMap<&str, &T> = change.changed.iter().map(|t| (t.key(), t)).collect();
    match &change.order {
        None => {
            for member in list.iter_mut() {
                if let Some(now) = changed.get(member.key()) {
                    *member = (*now).clone();
                }
            }
        }
        Some(order) => {
            let old: HashMap<String, T> = list.drain(..).map(|t| (t.key().to_owned(), t)).collect();
            *list = order
                .iter()
                .filter_map(|k| {
                    changed
                        .get(k.as_str())
                        .map(|now| (*now).clone())
                        .or_else(|| old.get(k).cloned())
                })
                .collect();
        }
    }
}

/// The map's change from `before` to `after` (the first moment: from the analysis's views).
pub fn change(before: &MomentViews, after: &MomentViews) -> MapChange {
    let mut change = MapChange {
        nodes: list_change(&before.nodes, &after.nodes),
        claims: list_change(&before.claims, &after.claims),
        pods: list_change(&before.pods, &after.pods),
        ..MapChange::default()
    };
    describe_nodes(before, after, &mut change);
    describe_devices(before, after, &mut change);
    describe_pods(before, after, &mut change);
    change
}

/// The analysis's views, as the moment before the first.
pub fn views_of(analysis: &Analysis) -> MomentViews {
    MomentViews {
        nodes: analysis.nodes.clone(),
        claims: analysis.claims.clone(),
        pods: analysis.pods.clone(),
    }
}

/// The analysis as the map draws a moment: its nodes, claims and pods after every change up to
/// the moment, in order.
pub fn at_moment<'a>(
    analysis: &Analysis,
    changes: impl IntoIterator<Item = &'a MapChange>,
) -> Analysis {
    let mut at = analysis.clone();
    for change in changes {
        apply_list(&mut at.nodes, &change.nodes);
        apply_list(&mut at.claims, &change.claims);
        apply_list(&mut at.pods, &change.pods);
    }
    at
}

fn devices(views: &MomentViews) -> HashMap<&str, &DeviceView> {
    views
        .nodes
        .iter()
        .flat_map(|n| &n.pools)
        .flat_map(|p| &p.devices)
        .map(|d| (d.key.as_str(), d))
        .collect()
}

fn describe_nodes(before: &MomentViews, after: &MomentViews, change: &mut MapChange) {
    let named = |v: &MomentViews, name: &str| v.nodes.iter().any(|n| !n.shared && n.name == name);
    for node in before.nodes.iter().filter(|n| !n.shared) {
        if !named(after, &node.name) {
            change.words.push(format!("Node {} is gone", node.name));
        }
    }
    for node in after.nodes.iter().filter(|n| !n.shared) {
        if !named(before, &node.name) {
            change.words.push(format!("Node {} appeared", node.name));
        }
    }
}

fn describe_devices(before: &MomentViews, after: &MomentViews, change: &mut MapChange) {
    let (old, new) = (devices(before), devices(after));
    let holders =
        |d: &DeviceView| -> Vec<String> { d.allocations.iter().map(|u| u.claim.clone()).collect() };
    let taints =
        |d: &DeviceView| -> Vec<String> { d.taints.iter().map(|t| t.text.clone()).collect() };
    for key in old.keys().filter(|k| !new.contains_key(*k)) {
        change.words.push(format!("Device {key} is gone"));
    }
    for device in after
        .nodes
        .iter()
        .flat_map(|n| &n.pools)
        .flat_map(|p| &p.devices)
    {
        let key = &device.key;
        let mut said = Vec::new();
        let Some(was) = old.get(key.as_str()) else {
            change.words.push(format!("Device {key} appeared"));
            change.changed.push(key.clone());
            continue;
        };
        let (taints_was, taints_now) = (taints(was), taints(device));
        for t in taints_now.iter().filter(|t| !taints_was.contains(t)) {
            said.push(format!("tainted {t}"));
        }
        for t in taints_was.iter().filter(|t| !taints_now.contains(t)) {
            said.push(format!("no longer tainted {t}"));
        }
        let (held_was, held_now) = (holders(was), holders(device));
        if held_was != held_now {
            said.push(if held_now.is_empty() {
                "freed".to_owned()
            } else {
                format!("allocated to {}", held_now.join(", "))
            });
        }
        if said.is_empty() && *was != device {
            said.push("changed".to_owned());
        }
        if !said.is_empty() {
            change
                .words
                .push(format!("Device {key} {}", said.join(", ")));
            change.changed.push(key.clone());
        }
    }
}

fn describe_pods(before: &MomentViews, after: &MomentViews, change: &mut MapChange) {
    let old: HashMap<&str, &PodView> = before.pods.iter().map(|p| (p.key.as_str(), p)).collect();
    let new: HashMap<&str, &PodView> = after.pods.iter().map(|p| (p.key.as_str(), p)).collect();
    for pod in &before.pods {
        if !new.contains_key(pod.key.as_str()) {
            change.words.push(match &pod.node {
                Some(node) => format!("Pod {} left node {node}", pod.key),
                None => format!("Pod {} is gone", pod.key),
            });
        }
    }
    for pod in &after.pods {
        let was = old.get(pod.key.as_str()).map(|p| &p.node);
        if was == Some(&pod.node) {
            continue;
        }
        change.words.push(match &pod.node {
            Some(node) => format!("Pod {} on node {node}", pod.key),
            None => format!("Pod {} pending", pod.key),
        });
        change.changed.push(pod.key.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dra_engine::load::{load_scenario, LoadOptions};
    use dra_engine::playground::{analyze_keeping_run, moment_views};
    use dra_engine::scheduler::SchedulerOptions;
    use dra_engine::timeline::Resumable;

    /// The analysis, every moment's views and their changes, of an example with steps.
    fn moments(name: &str) -> (Analysis, Vec<MomentViews>, Vec<MapChange>) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples")
            .join(name);
        let text = std::fs::read_to_string(path).expect("example");
        let loaded = load_scenario(&text, &LoadOptions::default());
        let options = SchedulerOptions::default();
        let (analysis, first) = analyze_keeping_run(&loaded, &options);
        let timeline = Resumable::run(&loaded, first.expect("runs"), &options);
        let views: Vec<MomentViews> = timeline
            .timeline()
            .moments
            .iter()
            .enumerate()
            .map(|(i, m)| moment_views(&loaded, timeline.objects(i), &m.as_run_result()))
            .collect();
        let mut before = views_of(&analysis);
        let changes = views
            .iter()
            .map(|v| {
                let c = change(&before, v);
                before = v.clone();
                c
            })
            .collect();
        (analysis, views, changes)
    }

    #[test]
    fn the_page_puts_every_moments_map_back_together_from_the_changes() {
        for name in [
            "gpu-failure-eviction.yaml",
            "pending-pod-fits-later.yaml",
            "binding-conditions-failover.yaml",
        ] {
            let (analysis, views, changes) = moments(name);
            for (i, expected) in views.iter().enumerate() {
                let at = at_moment(&analysis, &changes[..=i]);
                assert_eq!(at.nodes, expected.nodes, "{name} @{i}");
                assert_eq!(at.claims, expected.claims, "{name} @{i}");
                assert_eq!(at.pods, expected.pods, "{name} @{i}");
                // Untouched: what the map does not draw per moment.
                assert_eq!(at.outcome, analysis.outcome);
            }
        }
    }

    #[test]
    fn a_moment_sends_only_what_changed_and_says_it_in_words() {
        let (_, _, changes) = moments("gpu-failure-eviction.yaml");
        assert_eq!(
            changes[0],
            MapChange::default(),
            "the first moment is the analysis"
        );
        let failure = &changes[1];
        assert_eq!(failure.nodes.order, None, "node-1 stays");
        assert_eq!(failure.nodes.changed.len(), 1);
        assert_eq!(
            failure.words,
            [
                "Device gpu.example.com/node-1/gpu-0 tainted gpu.example.com/ecc-error=uncorrectable:NoExecute, freed",
                "Device gpu.example.com/node-1/gpu-1 allocated to default/trainer-j97md-gpu-86v4x",
                "Pod default/trainer-t8m78 left node node-1",
                "Pod default/trainer-j97md on node node-1",
            ]
        );
        assert_eq!(
            failure.changed,
            [
                "gpu.example.com/node-1/gpu-0",
                "gpu.example.com/node-1/gpu-1",
                "default/trainer-j97md"
            ]
        );
    }
}
