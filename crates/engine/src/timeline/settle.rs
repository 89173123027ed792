//! A moment settling: the controllers act, and the scheduling queue tries
//! the pods that wait, until nothing changes (a pod evicted frees devices a
//! pending pod may take, a workload replaces the pod, ...).

use super::cluster::Cluster;
use super::controllers::{binding, pod_gc, queue, resource_claim, taint_eviction, workloads};
use super::{Event, EventKind};

/// Rounds before a moment is taken as settled: each round that changes
/// something removes a pod or places one, so this is never reached by a
/// scenario within the object limit's order of magnitude of changes.
const MAX_ROUNDS: usize = 64;

/// Lets the controllers and the scheduler act at the current time until
/// nothing changes; what changed, in order.
pub(super) fn settle(cluster: &mut Cluster) -> Vec<Event> {
    let mut events = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let mut round = pod_gc::collect(cluster);
        round.extend(taint_eviction::evict(cluster));
        round.extend(resource_claim::sync(cluster));
        round.extend(workloads::replace(cluster));
        round.extend(binding::check(cluster));
        round.extend(queue::schedule(cluster));
        let changed = round.iter().any(|e| e.kind != EventKind::Unschedulable);
        events.extend(round);
        if !changed {
            break;
        }
    }
    taint_eviction::note_taints(cluster);
    events
}
