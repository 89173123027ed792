//! The simulated kube-scheduler of SCENARIO.md: pods already running first
//! (`running`: they hold their claims and their share of their node), then
//! the other pods one at a time, in document order, each through the
//! scheduling cycle of its profile (`cycle`): the filter plugins
//! (`plugins`, in the vocabulary of `framework`), the structured allocator
//! once per node with all of the pod's unallocated claims (on the slices as
//! it sees them: `slice_view`), the score plugins, and the commit of the
//! chosen node's allocation (with every claim's `reservedFor`:
//! `reservation`).
//!
//! The profile comes from the scenario's release and its optional
//! KubeSchedulerConfiguration (`crate::scheduler_profile`).

mod cycle;
mod framework;
mod objects;
pub(crate) mod plugins;
pub mod report;
mod reservation;
mod running;
mod slice_view;
mod trail;

use crate::allocator::{
    AllocatedState, Budget, CelCache, Clock, Inventory, SearchMemo, DEFAULT_MAX_STEPS,
};
use crate::api::{
    Node, Object, Pod, PodCondition, PodResourceClaim, PodStatus, ResourceClaim, SearchBudget,
};
use crate::features::{Features, Release};
use crate::scheduler_profile;

pub(crate) use cycle::fit_error::no_node_available;
/// Kept failures (`cycle/failed_cycles.rs`), for tests.
#[cfg(test)]
pub(crate) mod failed_cycles {
    pub(crate) use super::cycle::{hits, without_failed_cycles};
}
use cycle::{Context, State};
use framework::node_info::NodeInfo;
pub(crate) use objects::nodes_from_slices;
use objects::Objects;
use plugins::dynamic_resources::claim_index::ClaimIndex;
use plugins::dynamic_resources::claims::resolve_pod_claims;
pub use plugins::dynamic_resources::extended_claim::{
    is_extended_resource_claim, EXTENDED_RESOURCE_CLAIM_ANNOTATION,
};
use plugins::image_locality::Images;
use report::{PodClaim, PodReport, RunObserver};
pub(crate) use slice_view::slices_for_allocation;
use trail::{Trail, Watch};

/// How the scheduler runs, beyond the scenario's own settings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SchedulerOptions {
    /// Search steps per pod; overrides the Scenario document's
    /// `spec.searchBudget.maxSteps` (0: no limit).
    pub max_steps: Option<u64>,
    /// Milliseconds per pod; overrides `spec.searchBudget.maxMillis`
    /// (0: no limit). Needs `clock`.
    pub max_millis: Option<u64>,
    /// A clock for the time budget (WebAssembly has no `std::time::Instant`).
    pub clock: Option<Clock>,
    /// No scoring (`--no-scoring`): nodes are tried in document order from
    /// the first, for every pod, and the first feasible node wins; overrides
    /// the Scenario document's `spec.scoring`.
    pub no_scoring: bool,
}

impl SchedulerOptions {
    /// The budget of each pod: these options, else the scenario's, else
    /// [`DEFAULT_MAX_STEPS`] and no time limit.
    pub fn budget(&self, scenario: Option<&SearchBudget>) -> Budget {
        let nonzero = |v: u64| (v > 0).then_some(v);
        let max_steps = self
            .max_steps
            .or(scenario.and_then(|b| b.max_steps))
            .unwrap_or(DEFAULT_MAX_STEPS);
        let max_millis = self.max_millis.or(scenario.and_then(|b| b.max_millis));
        Budget {
            max_steps: nonzero(max_steps),
            max_millis: max_millis.and_then(nonzero),
            clock: self.clock,
        }
    }

    /// Whether feasible nodes are scored: unless these options or the
    /// Scenario document (`spec.scoring: false`) turn scoring off.
    pub fn scoring(&self, scenario: Option<bool>) -> bool {
        !self.no_scoring && scenario.unwrap_or(true)
    }
}

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

/// Runs the simulated scheduler over a scenario's objects (in document order).
pub fn run(objects: Vec<Object>, features: Features) -> RunResult {
    run_with(objects, features, &SchedulerOptions::default(), None)
}

/// [`run`] with options, telling an observer (if any) about every pod. An
/// observer does not change the outcome.
pub fn run_with(
    objects: Vec<Object>,
    features: Features,
    options: &SchedulerOptions,
    mut observer: Option<&mut dyn RunObserver>,
) -> RunResult {
    let Objects {
        classes,
        slices,
        claims,
        templates,
        nodes,
        pods,
        rules,
        budget,
        scoring,
        kubernetes_version,
        configuration,
    } = Objects::sort(objects);
    let release = Release::of_scenario(kubernetes_version.as_deref());
    // A configuration the loader accepted resolves without problems.
    let (profiles, _) = scheduler_profile::resolve(configuration.as_ref(), release);
    let cel_cache = CelCache::new();
    let memo = SearchMemo::new(&nodes);
    let slices = slice_view::slices_for_allocation(slices, &rules, &classes, features, &cel_cache);
    let inventory = Inventory::new(&slices);
    let ctx = Context {
        classes: &classes,
        cel_cache: &cel_cache,
        memo: &memo,
        inventory: &inventory,
        images: Images::of(&nodes),
        nodes: &nodes,
        features,
        budget: options.budget(budget.as_ref()),
        profiles,
        scoring: options.scoring(scoring),
    };
    let mut state = State {
        allocated: AllocatedState::from_claims(&inventory, features.consumable_capacity, &claims),
        nodes: nodes.iter().map(NodeInfo::of).collect(),
        claims,
        next_start: 0,
        placed: 0,
        failed: Default::default(),
    };

    let mut result = RunResult::default();
    if pods.is_empty() {
        for index in 0..state.claims.len() {
            if state.claims[index].status.allocation.is_none() {
                let pod = implicit_pod(&state.claims[index]);
                let (placement, mut trail) =
                    cycle::schedule(&ctx, &mut state, &pod, vec![index], watch(&observer, &pod));
                let done = outcome(pod, placement, &mut trail);
                report(&mut observer, &ctx, &state, &done, true, trail);
                result.implicit_pods.push(done);
            }
        }
    } else {
        // Pods already running hold their claims and their share of their
        // node before any other pod is scheduled (and an observer hears of
        // them first); the outcomes stay in document order.
        let mut by_name = ClaimIndex::default();
        let running = running::pods_already_running(&pods, &mut state.claims, &mut by_name);
        let mut outcomes: Vec<Option<PodOutcome>> = Vec::with_capacity(pods.len());
        let mut pending = Vec::new();
        for (pod, running) in pods.into_iter().zip(running) {
            let Some(indices) = running else {
                outcomes.push(None);
                pending.push((outcomes.len() - 1, pod));
                continue;
            };
            let node = pod.spec.node_name.clone();
            if let Some(doc) = node_index(&nodes, &node) {
                state.place(doc, &pod);
            }
            let mut trail = Trail {
                running: true,
                claims: indices.into_iter().map(|i| (i, true)).collect(),
                ..Trail::default()
            };
            let done = outcome(pod, Placement::Node(node), &mut trail);
            report(&mut observer, &ctx, &state, &done, false, trail);
            outcomes.push(Some(done));
        }
        for (slot, pod) in pending {
            let (placement, mut trail) =
                match resolve_pod_claims(&pod, &templates, &mut state.claims, &mut by_name) {
                    Ok(indices) => {
                        cycle::schedule(&ctx, &mut state, &pod, indices, watch(&observer, &pod))
                    }
                    Err(reason) => (
                        Placement::Unschedulable(reason.clone()),
                        Trail {
                            claims_error: Some(reason),
                            ..Trail::default()
                        },
                    ),
                };
            let done = outcome(pod, placement, &mut trail);
            report(&mut observer, &ctx, &state, &done, false, trail);
            outcomes[slot] = Some(done);
        }
        result.pods = outcomes.into_iter().flatten().collect();
    }
    result.claims = state.claims;
    result
}

/// The position of the node named `name` among the nodes, if there is one.
fn node_index(nodes: &[Node], name: &str) -> Option<usize> {
    nodes.iter().position(|n| n.metadata.name == name)
}

fn watch(observer: &Option<&mut dyn RunObserver>, pod: &Pod) -> Watch {
    match observer {
        None => Watch::default(),
        Some(observer) => {
            let funnels = observer.wants(pod);
            Watch {
                report: true,
                nodes: funnels,
                funnels,
                trace: observer.trace_limit().filter(|_| funnels),
            }
        }
    }
}

/// Tells the observer about a pod.
fn report(
    observer: &mut Option<&mut dyn RunObserver>,
    ctx: &Context<'_>,
    state: &State,
    done: &PodOutcome,
    implicit: bool,
    trail: Trail,
) {
    let Some(observer) = observer else {
        return;
    };
    let claims = trail
        .claims
        .iter()
        .map(|&(index, allocated_before)| {
            let claim = &state.claims[index];
            PodClaim {
                name: format!(
                    "{}/{}",
                    claim.metadata.namespace_or_default(),
                    claim.metadata.name
                ),
                index,
                allocated_before,
                template: trail
                    .templates
                    .iter()
                    .find(|(i, _)| *i == index)
                    .map(|(_, t)| t.clone()),
                allocation: if allocated_before {
                    None
                } else {
                    claim.status.allocation.clone()
                },
            }
        })
        .collect();
    observer.pod(PodReport {
        pod: &done.pod,
        placement: &done.placement,
        implicit,
        running: trail.running,
        claims,
        claims_error: trail.claims_error,
        not_tried: if trail.running {
            0
        } else {
            ctx.nodes.len().saturating_sub(trail.nodes.len())
        },
        nodes: trail.nodes,
        steps: trail.steps,
        elapsed_millis: trail.elapsed_millis,
        cycle: trail.cycle,
    });
}

/// The pod that stands in for a claim when the scenario has no pods: it uses
/// that one claim.
fn implicit_pod(claim: &ResourceClaim) -> Pod {
    let mut pod = Pod::default();
    pod.metadata.name = format!("{}-pod", claim.metadata.name);
    pod.metadata.namespace = claim.metadata.namespace_or_default().to_owned();
    pod.spec.resource_claims.push(PodResourceClaim {
        name: claim.metadata.name.clone(),
        resource_claim_name: Some(claim.metadata.name.clone()),
        resource_claim_template_name: None,
    });
    pod
}

/// The pod as the scheduler leaves it: on its node, or with a
/// `PodScheduled=False` condition (reason `SchedulerError` where the
/// scheduler failed after choosing a node, else `Unschedulable`); with its
/// `extendedResourceClaimStatus` when DRA serves its extended resources.
fn outcome(mut pod: Pod, placement: Placement, trail: &mut Trail) -> PodOutcome {
    if let Some(extended) = trail.extended.take() {
        pod.status
            .get_or_insert_with(PodStatus::default)
            .extended_resource_claim_status = Some(extended);
    }
    match &placement {
        Placement::Node(node) => pod.spec.node_name = node.clone(),
        Placement::Unschedulable(message) => {
            let status = pod.status.get_or_insert_with(PodStatus::default);
            status.conditions.retain(|c| c.type_ != "PodScheduled");
            status.conditions.push(PodCondition {
                type_: "PodScheduled".into(),
                status: "False".into(),
                reason: if trail.scheduler_error {
                    "SchedulerError"
                } else {
                    "Unschedulable"
                }
                .into(),
                message: message.clone(),
                ..PodCondition::default()
            });
        }
    }
    PodOutcome { pod, placement }
}
