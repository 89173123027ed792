//! The simulated scheduler of SCENARIO.md: pods one at a time, in document
//! order; on each candidate node the allocator is called once with all of the
//! pod's unallocated claims, and the first node where it succeeds wins.

mod candidate_nodes;
mod pod_claims;

use crate::allocator::{AllocatedState, Allocator, CelCache, ErrorKind, Inventory};
use crate::api::{
    AllocationResult, Condition, DeviceClass, Node, Object, ObjectMeta, Pod, PodStatus,
    ResourceClaim, ResourceClaimConsumerReference, ResourceClaimTemplate, ResourceSlice,
};
use crate::features::Features;

use candidate_nodes::CandidateNodes;
use pod_claims::resolve_pod_claims;

/// The outcome of a run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunResult {
    /// Every ResourceClaim of the input in input order, then those made from
    /// templates in pod order; allocated ones carry `status.allocation`.
    pub claims: Vec<ResourceClaim>,
    /// Every Pod of the input, with `spec.nodeName` set when scheduled or a
    /// `PodScheduled=False` condition when not.
    pub pods: Vec<PodOutcome>,
    /// Claims that no pod uses, run as implicit pods (rule 5 of SCENARIO.md).
    pub implicit_pods: Vec<PodOutcome>,
}

/// What happened to one pod.
#[derive(Clone, Debug, PartialEq)]
pub struct PodOutcome {
    /// The pod as the scheduler leaves it.
    pub pod: Pod,
    /// The chosen node, or why there is none.
    pub placement: Placement,
}

/// Where a pod went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Placement {
    /// Scheduled onto this node.
    Node(String),
    /// Not schedulable, with the reason in words.
    Unschedulable(String),
}

/// The objects of a scenario, sorted by kind, in document order.
struct Objects {
    classes: Vec<DeviceClass>,
    slices: Vec<ResourceSlice>,
    claims: Vec<ResourceClaim>,
    templates: Vec<ResourceClaimTemplate>,
    nodes: Vec<Node>,
    pods: Vec<Pod>,
}

impl Objects {
    fn sort(objects: Vec<Object>) -> Self {
        let mut sorted = Objects {
            classes: Vec::new(),
            slices: Vec::new(),
            claims: Vec::new(),
            templates: Vec::new(),
            nodes: Vec::new(),
            pods: Vec::new(),
        };
        for object in objects {
            match object {
                Object::DeviceClass(o) => sorted.classes.push(o),
                Object::ResourceSlice(o) => sorted.slices.push(o),
                Object::ResourceClaim(o) => sorted.claims.push(o),
                Object::ResourceClaimTemplate(o) => sorted.templates.push(o),
                Object::Node(o) => sorted.nodes.push(o),
                Object::Pod(o) => sorted.pods.push(o),
                Object::Scenario(_) => {}
            }
        }
        if sorted.nodes.is_empty() {
            sorted.nodes = nodes_from_slices(&sorted.slices);
        }
        sorted
    }
}

/// Without Node documents, the nodes are the distinct `spec.nodeName` values
/// of the slices, in order of first appearance, without labels.
fn nodes_from_slices(slices: &[ResourceSlice]) -> Vec<Node> {
    let mut names: Vec<&str> = Vec::new();
    for slice in slices {
        if let Some(name) = slice.spec.node_name.as_deref() {
            if !name.is_empty() && !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
        .into_iter()
        .map(|name| Node {
            metadata: ObjectMeta {
                name: name.to_owned(),
                ..ObjectMeta::default()
            },
            ..Node::default()
        })
        .collect()
}

/// Runs the simulated scheduler over a scenario's objects (in document order).
pub fn run(objects: Vec<Object>, features: Features) -> RunResult {
    let Objects {
        classes,
        slices,
        claims,
        templates,
        nodes,
        pods,
    } = Objects::sort(objects);
    let inventory = Inventory::new(&slices);
    let cel_cache = CelCache::new();
    let mut run = SchedulerRun {
        classes: &classes,
        cel_cache: &cel_cache,
        state: AllocatedState::from_claims(&inventory, features.consumable_capacity, &claims),
        inventory: &inventory,
        nodes: &nodes,
        features,
        claims,
    };

    let mut result = RunResult::default();
    if pods.is_empty() {
        for index in 0..run.claims.len() {
            if run.claims[index].status.allocation.is_none() {
                let pod = implicit_pod(&run.claims[index]);
                let placement = run.schedule(&pod, vec![index]);
                result.implicit_pods.push(outcome(pod, placement));
            }
        }
    } else {
        for pod in pods {
            let placement = match resolve_pod_claims(&pod, &templates, &mut run.claims) {
                Ok(indices) => run.schedule(&pod, indices),
                Err(reason) => Placement::Unschedulable(reason),
            };
            result.pods.push(outcome(pod, placement));
        }
    }
    result.claims = run.claims;
    result
}

fn implicit_pod(claim: &ResourceClaim) -> Pod {
    let mut pod = Pod::default();
    pod.metadata.name = format!("{}-pod", claim.metadata.name);
    pod.metadata.namespace = claim.metadata.namespace_or_default().to_owned();
    pod
}

fn outcome(mut pod: Pod, placement: Placement) -> PodOutcome {
    match &placement {
        Placement::Node(node) => pod.spec.node_name = node.clone(),
        Placement::Unschedulable(message) => {
            let status = pod.status.get_or_insert_with(PodStatus::default);
            status.conditions.retain(|c| c.type_ != "PodScheduled");
            status.conditions.push(Condition {
                type_: "PodScheduled".into(),
                status: "False".into(),
                reason: "Unschedulable".into(),
                message: message.clone(),
                ..Condition::default()
            });
        }
    }
    PodOutcome { pod, placement }
}

/// The state that carries from one pod to the next.
struct SchedulerRun<'a> {
    classes: &'a [DeviceClass],
    cel_cache: &'a CelCache,
    inventory: &'a Inventory<'a>,
    nodes: &'a [Node],
    features: Features,
    state: AllocatedState,
    /// Input claims first, then claims made from templates.
    claims: Vec<ResourceClaim>,
}

impl SchedulerRun<'_> {
    /// Finds a node for one pod and records the allocation it needs there.
    fn schedule(&mut self, pod: &Pod, indices: Vec<usize>) -> Placement {
        let mut candidates = CandidateNodes::for_pod(pod, self.nodes);
        for &index in &indices {
            if let Some(allocation) = &self.claims[index].status.allocation {
                candidates.restrict_to(&self.claims[index].metadata.name, allocation);
            }
        }
        let pending: Vec<usize> = indices
            .iter()
            .copied()
            .filter(|&i| self.claims[i].status.allocation.is_none())
            .collect();

        // One allocator per pod, as in a scheduling cycle: it sees the devices
        // in use by the pods before this one.
        let allocator = Allocator::new(
            self.features,
            self.classes,
            self.inventory,
            &self.state,
            self.cel_cache,
        );
        let mut node_failures: Vec<(String, String)> = Vec::new();
        let mut chosen = None;
        for node in candidates.nodes() {
            if pending.is_empty() {
                return Placement::Node(node.metadata.name.clone());
            }
            let claims: Vec<&ResourceClaim> = pending.iter().map(|&i| &self.claims[i]).collect();
            match allocator.allocate(node, &claims) {
                Ok(Some(results)) => {
                    chosen = Some((node, results));
                    break;
                }
                Ok(None) => node_failures.push((
                    node.metadata.name.clone(),
                    "cannot allocate all claims".to_owned(),
                )),
                Err(error) if error.kind == ErrorKind::NodeLocal => {
                    node_failures.push((node.metadata.name.clone(), error.message))
                }
                Err(error) => return Placement::Unschedulable(error.message),
            }
        }
        match chosen {
            Some((node, results)) => {
                self.commit(pod, &pending, results);
                Placement::Node(node.metadata.name.clone())
            }
            None => Placement::Unschedulable(candidates.unschedulable_message(&node_failures)),
        }
    }

    /// Writes allocation results into the claims and marks their devices in use.
    fn commit(&mut self, pod: &Pod, pending: &[usize], results: Vec<AllocationResult>) {
        let reference = ResourceClaimConsumerReference {
            api_group: String::new(),
            resource: "pods".into(),
            name: pod.metadata.name.clone(),
            uid: pod.metadata.uid.clone(),
        };
        for (&index, allocation) in pending.iter().zip(results) {
            self.state.add_allocation(
                self.inventory,
                self.features.consumable_capacity,
                &allocation,
            );
            let claim = &mut self.claims[index];
            claim.status.allocation = Some(allocation);
            claim.status.reserved_for.push(reference.clone());
        }
    }
}
