//! The cluster as the timeline keeps it between moments: the objects, the
//! claims with their status, and every pod with where it is.

use std::cmp::Reverse;
use std::collections::HashSet;

use super::{Event, Moment, PodState};
use crate::api::{pod_claim_name, Object, Pod, PodCondition, PodStatus, ResourceClaim};
use crate::features::Features;
use crate::scheduler::SchedulerOptions;

/// The cluster at the timeline's current time.
#[derive(Clone)]
pub(super) struct Cluster {
    /// Nanoseconds since the start.
    pub now: i64,
    /// The scenario's features.
    pub features: Features,
    /// How the scheduler runs.
    pub options: SchedulerOptions,
    /// Every object but claims and pods, in the order written.
    pub objects: Vec<Object>,
    /// Every claim, in order.
    pub claims: Vec<ResourceClaim>,
    /// Every pod that exists, in order of arrival.
    pub pods: Vec<PodRecord>,
    /// Pods gone since the controllers last looked (deleted, evicted),
    /// for the resource claim controller.
    pub gone: Vec<Pod>,
    /// When each device taint was first seen (`taint_eviction::taint_key`).
    pub taints_seen: std::collections::HashMap<String, i64>,
    /// Whether the scenario has written Node documents (else its nodes are
    /// those its slices name, SCENARIO.md rule 5).
    pub nodes_written: bool,
    /// How many pods have arrived (the queue's tie-breaker).
    pub arrivals: usize,
    /// The claims (`namespace/name`) written allocated without the
    /// scheduler's finalizer: something else allocated them, and the
    /// resource claim controller leaves their allocation alone.
    pub allocated_elsewhere: HashSet<String>,
    /// The first moment's implicit pods (`namespace/name`, SCENARIO.md rule 5):
    /// each stands for a claim no pod uses, as a pod of its own that never
    /// goes, so the claim keeps its reservation and allocation over time.
    pub implicit_pods: HashSet<String>,
}

/// The finalizer the scheduler puts on a claim it allocates; the resource
/// claim controller deallocates only claims that have it.
pub(super) const SCHEDULER_FINALIZER: &str = "resource.kubernetes.io/delete-protection";

/// One pod and where it is.
#[derive(Clone, Debug)]
pub(super) struct PodRecord {
    /// The pod as written (without the scheduler's conditions).
    pub pod: Pod,
    /// Where it is.
    pub state: PodState,
    /// When it last entered the scheduling queue (its timestamp there).
    pub queued_at: i64,
    /// Since when it waits for binding conditions.
    pub waiting_since: i64,
    /// Its order of arrival.
    pub arrival: usize,
}

impl Cluster {
    /// Adds a pod that arrives now.
    pub fn add_pod(&mut self, pod: Pod, state: PodState) {
        self.arrivals += 1;
        self.pods.push(PodRecord {
            pod,
            state,
            queued_at: self.now,
            waiting_since: self.now,
            arrival: self.arrivals,
        });
    }

    /// Removes the pod at `index`; the resource claim controller will see
    /// it gone.
    pub fn remove_pod(&mut self, index: usize) -> Pod {
        let record = self.pods.remove(index);
        self.gone.push(record.pod.clone());
        record.pod
    }

    /// Notes who allocated a claim as written in the scenario (see
    /// `allocated_elsewhere`).
    pub fn note_written_claim(&mut self, claim: &ResourceClaim) {
        let key = claim.metadata.namespaced_name();
        if claim.status.allocation.is_some()
            && !claim
                .metadata
                .finalizers
                .iter()
                .any(|f| f == SCHEDULER_FINALIZER)
        {
            self.allocated_elsewhere.insert(key);
        } else {
            self.allocated_elsewhere.remove(&key);
        }
    }

    /// Removes the claim at `index`.
    pub fn remove_claim(&mut self, index: usize) -> ResourceClaim {
        let claim = self.claims.remove(index);
        self.allocated_elsewhere
            .remove(&claim.metadata.namespaced_name());
        claim
    }

    /// The position of the pod `namespace/name`.
    pub fn pod_index(&self, namespace: &str, name: &str) -> Option<usize> {
        self.pods.iter().position(|r| {
            r.pod.metadata.name == name && r.pod.metadata.namespace_or_default() == namespace
        })
    }

    /// The position of the claim `namespace/name`.
    pub fn claim_index(&self, namespace: &str, name: &str) -> Option<usize> {
        self.claims
            .iter()
            .position(|c| c.metadata.name == name && c.metadata.namespace_or_default() == namespace)
    }

    /// The pending pods' positions in the scheduling queue's order: higher
    /// priority first, then earlier into the queue, then earlier arrival.
    pub fn queue(&self) -> Vec<usize> {
        let mut pending: Vec<usize> = (0..self.pods.len())
            .filter(|&i| matches!(self.pods[i].state, PodState::Pending(_)))
            .collect();
        pending.sort_by_key(|&i| {
            let r = &self.pods[i];
            (
                Reverse(r.pod.spec.priority.unwrap_or(0)),
                r.queued_at,
                r.arrival,
            )
        });
        pending
    }

    /// The cluster now, as a moment, with what changed.
    pub fn moment(&self, name: String, events: Vec<Event>) -> Moment {
        Moment {
            name,
            at: self.now,
            claims: self.claims.clone(),
            pods: self
                .pods
                .iter()
                .map(|r| (shown(r), r.state.clone()))
                .collect(),
            events,
        }
    }

    /// The claims a pod uses that exist, by position.
    pub fn claims_of(&self, pod: &Pod) -> Vec<usize> {
        let namespace = pod.metadata.namespace_or_default();
        let extended = pod
            .status
            .as_ref()
            .and_then(|s| s.extended_resource_claim_status.as_ref())
            .map(|s| s.resource_claim_name.clone());
        pod.spec
            .resource_claims
            .iter()
            .filter_map(|entry| pod_claim_name(pod, entry))
            .chain(extended)
            .filter_map(|name| self.claim_index(namespace, &name))
            .collect()
    }
}

/// A pod as the cluster shows it: bound with `spec.nodeName` and
/// `PodScheduled=True`; pending with `PodScheduled=False` and why; waiting
/// for binding without a node yet.
pub(super) fn shown(record: &PodRecord) -> Pod {
    let mut pod = record.pod.clone();
    let condition = match &record.state {
        PodState::Bound(node) => {
            pod.spec.node_name = node.clone();
            PodCondition {
                type_: "PodScheduled".into(),
                status: "True".into(),
                ..PodCondition::default()
            }
        }
        PodState::Pending(why) => PodCondition {
            type_: "PodScheduled".into(),
            status: "False".into(),
            reason: "Unschedulable".into(),
            message: why.clone(),
            ..PodCondition::default()
        },
        PodState::WaitingForBinding(_) => return pod,
    };
    let status = pod.status.get_or_insert_with(PodStatus::default);
    status.conditions.retain(|c| c.type_ != "PodScheduled");
    status.conditions.push(condition);
    pod
}
