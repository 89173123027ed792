//! The device taint eviction controller: a bound pod that uses a device
//! with a `NoExecute` taint (in its ResourceSlice, or from a
//! DeviceTaintRule: `device_taints.rs`) is evicted unless its claim's
//! allocation tolerates the taint with a toleration for `NoExecute`; a
//! toleration with `tolerationSeconds` delays the eviction until that long
//! after the taint was added (at once when it is 0 or less; the shortest of
//! the tolerations that match counts), one without tolerates it for good.
//! A pod not bound yet (waiting for binding conditions) is not evicted. The pod is deleted; the resource claim
//! controller then frees its claims. A taint's time is when the timeline
//! first saw it (the start for taints written in the first moment).

use std::collections::HashMap;

use super::super::cluster::Cluster;
use super::super::events::time_words;
use super::super::{Event, EventKind, PodState};
use super::device_taints::DeviceTaints;
use super::pod_name;
use crate::allocator::tolerates;
use crate::api::{device_id, DeviceTaint};

/// An eviction the controller has decided on, due at a time.
pub(crate) struct Eviction {
    /// The pod's position.
    pub pod: usize,
    /// When it is evicted.
    pub due: i64,
    /// Why, in words.
    pub why: String,
}

/// The key of one taint of one device, for when it was first seen.
fn taint_key(device: &str, taint: &DeviceTaint) -> String {
    format!("{device}|{}={}:{}", taint.key, taint.value, taint.effect)
}

/// Notes the time of every taint seen for the first time; forgets taints
/// that are gone.
pub(crate) fn note_taints(cluster: &mut Cluster) {
    let taints = DeviceTaints::of(cluster);
    let mut keys: Vec<String> = taints
        .published()
        .flat_map(|(device, taints)| taints.iter().map(move |t| taint_key(device, t)))
        .collect();
    // Devices in use that no slice publishes keep the taints of rules.
    for result in cluster
        .claims
        .iter()
        .filter_map(|c| c.status.allocation.as_ref())
        .flat_map(|a| &a.devices.results)
    {
        let device = device_id(&result.driver, &result.pool, &result.device);
        for taint in taints.get(&result.driver, &result.pool, &result.device) {
            keys.push(taint_key(&device, &taint));
        }
    }
    let mut seen = HashMap::new();
    for key in keys {
        let at = cluster
            .taints_seen
            .get(&key)
            .copied()
            .unwrap_or(cluster.now);
        seen.insert(key, at);
    }
    cluster.taints_seen = seen;
}

/// Every eviction the controller would do, with its time.
pub(crate) fn pending_evictions(cluster: &Cluster) -> Vec<Eviction> {
    if !cluster.features.device_taints {
        return Vec::new();
    }
    let taints = DeviceTaints::of(cluster);
    let mut evictions = Vec::new();
    for (index, record) in cluster.pods.iter().enumerate() {
        if !matches!(record.state, PodState::Bound(_)) {
            continue;
        }
        let mut earliest: Option<(i64, String)> = None;
        for claim in cluster.claims_of(&record.pod) {
            let Some(allocation) = &cluster.claims[claim].status.allocation else {
                continue;
            };
            for result in &allocation.devices.results {
                let device = device_id(&result.driver, &result.pool, &result.device);
                for taint in &taints.get(&result.driver, &result.pool, &result.device) {
                    if taint.effect != "NoExecute" {
                        continue;
                    }
                    let added = cluster
                        .taints_seen
                        .get(&taint_key(&device, taint))
                        .copied()
                        .unwrap_or(cluster.now);
                    // Only a toleration for NoExecute counts (one for every
                    // effect lets the scheduler allocate the device, but
                    // does not keep the pod from being evicted).
                    let tolerating: Vec<_> = result
                        .tolerations
                        .iter()
                        .filter(|t| t.effect == "NoExecute" && tolerates(t, taint))
                        .collect();
                    let shown = format!(
                        "device {device} tainted {}={}:NoExecute at {}",
                        taint.key,
                        taint.value,
                        time_words(added)
                    );
                    let (due, why) = if tolerating.is_empty() {
                        (added, format!("{shown}, not tolerated"))
                    } else if tolerating.iter().any(|t| t.toleration_seconds.is_none()) {
                        continue;
                    } else {
                        let seconds = tolerating
                            .iter()
                            .filter_map(|t| t.toleration_seconds)
                            .min()
                            .unwrap_or(0)
                            .max(0);
                        (
                            added + seconds * 1_000_000_000,
                            format!("{shown}, tolerated for {seconds}s"),
                        )
                    };
                    if earliest.as_ref().is_none_or(|(t, _)| due < *t) {
                        earliest = Some((due, why));
                    }
                }
            }
        }
        if let Some((due, why)) = earliest {
            evictions.push(Eviction {
                pod: index,
                due,
                why,
            });
        }
    }
    evictions
}

/// Evicts the pods whose eviction is due.
pub(crate) fn evict(cluster: &mut Cluster) -> Vec<Event> {
    note_taints(cluster);
    let due: Vec<Eviction> = pending_evictions(cluster)
        .into_iter()
        .filter(|e| e.due <= cluster.now)
        .collect();
    let mut events = Vec::new();
    // Highest positions first: removing a pod moves those after it.
    for eviction in due.into_iter().rev() {
        let pod = cluster.remove_pod(eviction.pod);
        events.push(Event {
            at: cluster.now,
            kind: EventKind::Evicted,
            object: pod_name(&pod),
            message: format!("evicted: {}", eviction.why),
        });
    }
    events.reverse();
    events
}
