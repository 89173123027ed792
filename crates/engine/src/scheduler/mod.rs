//! The simulated scheduler of SCENARIO.md: pods one at a time, in document
//! order; on each candidate node the allocator is called once with all of the
//! pod's unallocated claims, and the first node where it succeeds wins.

mod candidate_nodes;
mod extended_claim;
mod extended_resources;
mod pod_claims;
pub mod report;

use crate::allocator::{
    AllocatedState, Allocator, Budget, CelCache, Clock, ErrorKind, Inventory, Recorder,
    DEFAULT_MAX_STEPS,
};
use crate::api::{
    AllocationResult, Condition, ContainerExtendedResourceRequest, DeviceClass, Node, Object,
    ObjectMeta, Pod, PodExtendedResourceClaimStatus, PodResourceClaim, PodStatus, ResourceClaim,
    ResourceClaimConsumerReference, ResourceClaimTemplate, ResourceSlice, SearchBudget,
};
use crate::features::Features;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

pub(crate) use candidate_nodes::group_by_reason;
use candidate_nodes::CandidateNodes;
pub use extended_claim::{is_extended_resource_claim, EXTENDED_RESOURCE_CLAIM_ANNOTATION};
use extended_resources::{ExtendedResources, NodeFit};
use pod_claims::resolve_pod_claims;
use report::{NodeOutcome, NodeReport, PodClaim, PodReport, RunObserver};

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

/// The objects of a scenario, sorted by kind, in document order.
struct Objects {
    classes: Vec<DeviceClass>,
    slices: Vec<ResourceSlice>,
    claims: Vec<ResourceClaim>,
    templates: Vec<ResourceClaimTemplate>,
    nodes: Vec<Node>,
    pods: Vec<Pod>,
    /// The first Scenario document's search budget.
    budget: Option<SearchBudget>,
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
            budget: None,
        };
        let mut scenario_seen = false;
        for object in objects {
            match object {
                Object::DeviceClass(o) => sorted.classes.push(o),
                Object::ResourceSlice(o) => sorted.slices.push(o),
                Object::ResourceClaim(o) => sorted.claims.push(o),
                Object::ResourceClaimTemplate(o) => sorted.templates.push(o),
                Object::Node(o) => sorted.nodes.push(o),
                Object::Pod(o) => sorted.pods.push(o),
                Object::KubeSchedulerConfiguration(_) => {}
                Object::Scenario(o) => {
                    if !scenario_seen {
                        sorted.budget = o.spec.search_budget;
                        scenario_seen = true;
                    }
                }
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
        budget,
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
        budget: options.budget(budget.as_ref()),
        claims,
        plugin_use: HashMap::new(),
    };

    let mut result = RunResult::default();
    if pods.is_empty() {
        for index in 0..run.claims.len() {
            if run.claims[index].status.allocation.is_none() {
                let pod = implicit_pod(&run.claims[index]);
                let (placement, mut trail) =
                    run.schedule(&pod, vec![index], watch(&observer, &pod));
                let done = outcome(pod, placement, trail.extended.take());
                report(&mut observer, &run, &done, true, trail);
                result.implicit_pods.push(done);
            }
        }
    } else {
        for pod in pods {
            let (placement, mut trail) = match resolve_pod_claims(&pod, &templates, &mut run.claims)
            {
                Ok(indices) => run.schedule(&pod, indices, watch(&observer, &pod)),
                Err(reason) => (
                    Placement::Unschedulable(reason.clone()),
                    Trail {
                        claims_error: Some(reason),
                        ..Trail::default()
                    },
                ),
            };
            let done = outcome(pod, placement, trail.extended.take());
            report(&mut observer, &run, &done, false, trail);
            result.pods.push(done);
        }
    }
    result.claims = run.claims;
    result
}

/// What to note about a pod for an observer.
#[derive(Clone, Copy, Debug, Default)]
struct Watch {
    /// Report the pod: its claims and each node's outcome.
    report: bool,
    /// Also compute funnels and record what the search turns down.
    funnels: bool,
    /// Search events to keep per node.
    trace: Option<usize>,
}

fn watch(observer: &Option<&mut dyn RunObserver>, pod: &Pod) -> Watch {
    match observer {
        None => Watch::default(),
        Some(observer) => {
            let funnels = observer.wants(pod);
            Watch {
                report: true,
                funnels,
                trace: observer.trace_limit().filter(|_| funnels),
            }
        }
    }
}

/// Tells the observer about a pod.
fn report(
    observer: &mut Option<&mut dyn RunObserver>,
    run: &SchedulerRun<'_>,
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
            let claim = &run.claims[index];
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
        claims,
        claims_error: trail.claims_error,
        not_tried: run.nodes.len().saturating_sub(trail.nodes.len()),
        nodes: trail.nodes,
        steps: trail.steps,
        elapsed_millis: trail.elapsed_millis,
    });
}

/// What the scheduler noted about a pod for an observer.
#[derive(Debug, Default)]
struct Trail {
    /// The pod's claims (indices) and whether each was allocated before.
    claims: Vec<(usize, bool)>,
    /// Claims made from templates: index and template name.
    templates: Vec<(usize, String)>,
    claims_error: Option<String>,
    nodes: Vec<NodeReport>,
    steps: u64,
    elapsed_millis: Option<f64>,
    /// The pod's `status.extendedResourceClaimStatus`, when DRA serves its
    /// extended resources (always noted, not only for an observer).
    extended: Option<PodExtendedResourceClaimStatus>,
}

fn node_report(
    node: &Node,
    outcome: NodeOutcome,
    funnel: Option<crate::allocator::report::NodeFunnel>,
    search: Option<crate::allocator::SearchRecord>,
) -> NodeReport {
    NodeReport {
        node: node.metadata.name.clone(),
        outcome,
        funnel,
        search,
    }
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

fn outcome(
    mut pod: Pod,
    placement: Placement,
    extended: Option<PodExtendedResourceClaimStatus>,
) -> PodOutcome {
    if let Some(extended) = extended {
        pod.status
            .get_or_insert_with(PodStatus::default)
            .extended_resource_claim_status = Some(extended);
    }
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

/// The pod's claims on one node: its pending claims, and the claim for its
/// extended resources there, if any.
fn with_extended<'s, 'c>(
    claims: &'s [&'c ResourceClaim],
    extended: Option<&'c ResourceClaim>,
) -> Cow<'s, [&'c ResourceClaim]> {
    match extended {
        None => Cow::Borrowed(claims),
        Some(claim) => {
            let mut all = claims.to_vec();
            all.push(claim);
            Cow::Owned(all)
        }
    }
}

/// The state that carries from one pod to the next.
struct SchedulerRun<'a> {
    classes: &'a [DeviceClass],
    cel_cache: &'a CelCache,
    inventory: &'a Inventory<'a>,
    nodes: &'a [Node],
    features: Features,
    /// Each pod's search budget.
    budget: Budget,
    state: AllocatedState,
    /// Input claims first, then claims made for pods (from templates, for
    /// extended resources).
    claims: Vec<ResourceClaim>,
    /// Per node, how much of each extended resource the pods placed there
    /// take from its allocatable (NodeResourcesFit's requested).
    plugin_use: HashMap<String, BTreeMap<String, i64>>,
}

/// The claim made for a pod's extended resources on one node, and which of
/// its requests serves each container.
type ExtendedClaim = (ResourceClaim, Vec<ContainerExtendedResourceRequest>);

impl SchedulerRun<'_> {
    /// Finds a node for one pod and records the allocation it needs there;
    /// notes for an observer what `watch` asks for.
    fn schedule(&mut self, pod: &Pod, mut indices: Vec<usize>, watch: Watch) -> (Placement, Trail) {
        let Watch {
            report,
            funnels: explain,
            trace,
        } = watch;
        let mut trail = Trail::default();
        let extended =
            ExtendedResources::for_pod(pod, self.classes, self.features.extended_resource);
        // With a class serving one of them, the pod gets a claim for its
        // extended resources, unless one was made for it before.
        let mut make_claim = extended.as_ref().is_some_and(|e| e.backed_by_dra());
        if make_claim {
            if let Some(earlier) = self.earlier_extended_claim(pod) {
                if !indices.contains(&earlier) {
                    indices.push(earlier);
                }
                make_claim = false;
            }
        }
        let extended_on =
            |node: &Node, plugin_use: &HashMap<String, BTreeMap<String, i64>>| match &extended {
                None => Ok(None),
                Some(e) => match e.on_node(node, plugin_use.get(&node.metadata.name)) {
                    NodeFit::Insufficient(reason) => Err(reason),
                    NodeFit::Fits(dra) if make_claim && !dra.is_empty() => {
                        Ok(Some(extended_claim::build(pod, &dra)))
                    }
                    NodeFit::Fits(_) => Ok(None),
                },
            };
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
        if report {
            trail.claims = indices
                .iter()
                .map(|&i| (i, self.claims[i].status.allocation.is_some()))
                .collect();
            let owner = pod.metadata.name.as_str();
            for entry in &pod.spec.resource_claims {
                if let Some(template) = &entry.resource_claim_template_name {
                    let name = format!("{owner}-{}", entry.name);
                    if let Some(&i) = indices
                        .iter()
                        .find(|&&i| self.claims[i].metadata.name == name)
                    {
                        trail.templates.push((i, template.clone()));
                    }
                }
            }
        }

        // One allocator per pod, as in a scheduling cycle: it sees the devices
        // in use by the pods before this one.
        let allocator = Allocator::new(
            self.features,
            self.classes,
            self.inventory,
            &self.state,
            self.cel_cache,
        )
        .with_budget(self.budget);
        let claims: Vec<&ResourceClaim> = pending.iter().map(|&i| &self.claims[i]).collect();
        let mut tried: Vec<NodeReport> = Vec::new();
        let mut node_failures: Vec<(String, String)> = Vec::new();
        // Nodes where nothing could be allocated (by index into node_failures).
        let mut without_allocation: Vec<(usize, &Node, Option<ResourceClaim>)> = Vec::new();
        let mut chosen = None;
        let mut given_up = None;
        for node in candidates.nodes() {
            // NodeResourcesFit: the node's allocatable extended resources.
            let extended_claim = match extended_on(node, &self.plugin_use) {
                Ok(claim) => claim,
                Err(reason) => {
                    node_failures.push((node.metadata.name.clone(), reason.clone()));
                    if report {
                        tried.push(node_report(node, NodeOutcome::RuledOut(reason), None, None));
                    }
                    continue;
                }
            };
            let node_claims = with_extended(&claims, extended_claim.as_ref().map(|(c, _)| c));
            if node_claims.is_empty() {
                chosen = Some((node, Vec::new(), None));
                if report {
                    tried.push(node_report(node, NodeOutcome::Chosen, None, None));
                }
                break;
            }
            // Explaining records what the search turns down (and, with a
            // trace limit, its events); a normal run records nothing.
            let mut recorder = explain.then(|| Recorder::new(trace.unwrap_or(0)));
            let result = match &mut recorder {
                Some(recorder) => allocator.allocate_recorded(node, &node_claims, recorder),
                None => allocator.allocate(node, &node_claims),
            };
            let funnel = if explain {
                allocator.funnel(node, &node_claims).ok()
            } else {
                None
            };
            drop(node_claims);
            let node_outcome = match result {
                Ok(Some(results)) => {
                    chosen = Some((node, results, extended_claim));
                    NodeOutcome::Chosen
                }
                Ok(None) => {
                    let summary = funnel.as_ref().map_or_else(
                        || "cannot allocate all claims".to_owned(),
                        |f| f.summary(recorder.as_ref().map(|r| &r.record)),
                    );
                    without_allocation.push((
                        node_failures.len(),
                        node,
                        extended_claim.map(|(claim, _)| claim),
                    ));
                    node_failures.push((node.metadata.name.clone(), summary.clone()));
                    NodeOutcome::NoAllocation(summary)
                }
                Err(error) if error.kind == ErrorKind::NodeLocal => {
                    node_failures.push((node.metadata.name.clone(), error.message.clone()));
                    NodeOutcome::NodeError(error.message)
                }
                Err(error) if error.kind == ErrorKind::Stopped => {
                    let message = format!(
                        "{} (while trying node {})",
                        error.message, node.metadata.name
                    );
                    given_up = Some(message.clone());
                    NodeOutcome::Stopped(message)
                }
                Err(error) => {
                    given_up = Some(error.message.clone());
                    NodeOutcome::Fatal(error.message)
                }
            };
            if report {
                tried.push(node_report(
                    node,
                    node_outcome,
                    funnel,
                    recorder.map(|mut r| r.take()),
                ));
            }
            if chosen.is_some() || given_up.is_some() {
                break;
            }
        }
        if report {
            trail.steps = allocator.steps();
            trail.elapsed_millis = allocator.elapsed_millis();
        }
        if !explain && chosen.is_none() && given_up.is_none() {
            // Say why nothing fits, node by node (computed only now: a
            // scheduled pod costs nothing extra).
            for (failure, node, extended_claim) in &without_allocation {
                let (failure, node) = (*failure, *node);
                let claims = with_extended(&claims, extended_claim.as_ref());
                let Ok(funnel) = allocator.funnel(node, &claims) else {
                    continue;
                };
                node_failures[failure].1 = match funnel.deciding() {
                    Some(reason) => reason,
                    None => {
                        // Only the search knows: search again (within a
                        // budget of its own), recording what it turns down.
                        let mut recorder = Recorder::new(0);
                        let again = Allocator::new(
                            self.features,
                            self.classes,
                            self.inventory,
                            &self.state,
                            self.cel_cache,
                        )
                        .with_budget(self.budget);
                        let _ = again.allocate_recorded(node, &claims, &mut recorder);
                        funnel.summary(Some(&recorder.record))
                    }
                };
            }
            for report in &mut tried {
                if let NodeOutcome::NoAllocation(summary) = &mut report.outcome {
                    if let Some((_, reason)) = node_failures.iter().find(|(n, _)| *n == report.node)
                    {
                        summary.clone_from(reason);
                    }
                }
            }
        }
        let chosen = chosen.map(|(node, results, extended_claim)| {
            (node.metadata.name.clone(), results, extended_claim)
        });
        drop(claims);
        drop(allocator);
        let placement = match (chosen, given_up) {
            (Some((node, results, extended_claim)), _) => {
                if let Some(extended) = &extended {
                    let used = self.plugin_use.entry(node.clone()).or_default();
                    for (name, amount) in extended.amounts() {
                        *used.entry(name.to_owned()).or_default() += amount;
                    }
                }
                let made = self.commit(pod, &pending, results, extended_claim);
                if let Some((index, status)) = made {
                    if report {
                        trail.claims.push((index, false));
                    }
                    trail.extended = Some(status);
                }
                Placement::Node(node)
            }
            (None, Some(message)) => Placement::Unschedulable(message),
            (None, None) => {
                Placement::Unschedulable(candidates.unschedulable_message(&node_failures))
            }
        };
        if report {
            trail.nodes = self.order_reports(&candidates, tried);
        }
        (placement, trail)
    }

    /// The reports of the nodes tried and ruled out, in document order.
    fn order_reports(
        &self,
        candidates: &CandidateNodes<'_>,
        tried: Vec<NodeReport>,
    ) -> Vec<NodeReport> {
        let mut index: HashMap<&str, usize> = HashMap::with_capacity(self.nodes.len());
        for (i, node) in self.nodes.iter().enumerate() {
            index.entry(node.metadata.name.as_str()).or_insert(i);
        }
        let ruled_out = candidates
            .ruled_out
            .iter()
            .map(|(node, reason)| NodeReport {
                node: node.clone(),
                outcome: NodeOutcome::RuledOut(reason.clone()),
                funnel: None,
                search: None,
            });
        let mut reports: Vec<(usize, NodeReport)> = tried
            .into_iter()
            .chain(ruled_out)
            .map(|r| (index.get(r.node.as_str()).copied().unwrap_or(usize::MAX), r))
            .collect();
        reports.sort_by_key(|(i, _)| *i);
        reports.into_iter().map(|(_, r)| r).collect()
    }

    /// Writes allocation results into the claims and marks their devices in
    /// use. A claim made for the pod's extended resources (its result comes
    /// last) joins the run's claims; its index and the pod's
    /// `extendedResourceClaimStatus` are returned.
    fn commit(
        &mut self,
        pod: &Pod,
        pending: &[usize],
        results: Vec<AllocationResult>,
        extended_claim: Option<ExtendedClaim>,
    ) -> Option<(usize, PodExtendedResourceClaimStatus)> {
        let made = extended_claim.map(|(claim, mappings)| {
            self.claims.push(claim);
            (self.claims.len() - 1, mappings)
        });
        let reference = ResourceClaimConsumerReference {
            api_group: String::new(),
            resource: "pods".into(),
            name: pod.metadata.name.clone(),
            uid: pod.metadata.uid.clone(),
        };
        let indices = pending
            .iter()
            .copied()
            .chain(made.as_ref().map(|(i, _)| *i));
        for (index, allocation) in indices.zip(results) {
            self.state.add_allocation(
                self.inventory,
                self.features.consumable_capacity,
                &allocation,
            );
            let claim = &mut self.claims[index];
            claim.status.allocation = Some(allocation);
            claim.status.reserved_for.push(reference.clone());
        }
        made.map(|(index, request_mappings)| {
            let status = PodExtendedResourceClaimStatus {
                request_mappings,
                resource_claim_name: self.claims[index].metadata.name.clone(),
            };
            (index, status)
        })
    }

    /// A claim made for this pod's extended resources by an earlier run
    /// (the output of a run read again).
    fn earlier_extended_claim(&self, pod: &Pod) -> Option<usize> {
        let name = extended_claim::claim_name(pod);
        let namespace = pod.metadata.namespace_or_default();
        self.claims.iter().position(|c| {
            c.metadata.name == name
                && c.metadata.namespace_or_default() == namespace
                && is_extended_resource_claim(c)
        })
    }
}
