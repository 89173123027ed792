//! One pod's scheduling cycle: PreFilter, Filter over the nodes from where
//! the previous pod stopped, PostFilter's words when nothing fits, Score
//! and the choice of a node when several fit, then PreBind's check of the
//! claims' `reservedFor` and the commit.

use std::collections::BTreeSet;

use super::commit::commit;
use super::cycle_report::{self, Noted};
use super::failed_cycles::{FailedInputs, FailedOutcome};
use super::feasible::num_feasible_nodes_to_find;
use super::filter::{filter_node, FilterInput, Prepared};
use super::fit_error::{FitError, NO_NODES};
use super::post_filter::{self, NodeVerdict};
use super::score::{score, FeasibleNode};
use super::select::select_host;
use super::{Context, State};
use crate::allocator::share_ids_made;
use crate::api::{Pod, ResourceClaim};
use crate::scheduler::framework::node_info::NodeInfo;
use crate::scheduler::framework::status::{Code, Rejection};
use crate::scheduler::framework::verdict::{FilterNotes, Verdict};
use crate::scheduler::plugins::dynamic_resources::claims::template_claims;
use crate::scheduler::plugins::dynamic_resources::{DraState, PodClaims};
use crate::scheduler::plugins::node_affinity;
use crate::scheduler::report::{NodeOutcome, SchedulingCycle};
use crate::scheduler::reservation::prebind_failure;
use crate::scheduler::trail::{Trail, Watch};
use crate::scheduler::Placement;
use crate::scheduler_profile::{PluginName, Profile};

/// The reason of nodes PreFilter ruled out (NodeAffinity's `metadata.name`).
pub(super) const NOT_NAMED: &str = "node(s) didn't satisfy plugin(s) [NodeAffinity]";

/// What the cycle decided, before anything is committed.
enum Decision {
    Unschedulable(String),
    /// The chosen node (with what the allocator found there).
    Node(FeasibleNode),
}

/// What filtering found.
#[derive(Default)]
struct Filtered {
    feasible: Vec<FeasibleNode>,
    rejected: Vec<(usize, Rejection)>,
    given_up: Option<String>,
    /// An allocated claim of the pod is not available on some node.
    unavailable_seen: bool,
}

/// The pod and what PreFilter found, for the rest of the cycle.
struct Cycle<'c> {
    ctx: &'c Context<'c>,
    profile: &'c Profile,
    pod: &'c Pod,
    dra: PodClaims<'c>,
    /// NodeAffinity's PreFilter kept only these nodes.
    named: Option<BTreeSet<String>>,
    watch: Watch,
}

/// Schedules one pod with the claims (indices into `state.claims`) its
/// `spec.resourceClaims` name.
pub(crate) fn schedule<'c>(
    ctx: &'c Context<'c>,
    state: &mut State,
    pod: &'c Pod,
    claim_indices: Vec<usize>,
    watch: Watch,
) -> (Placement, Trail) {
    let mut trail = Trail::default();
    let Some(profile) = ctx.profile_for(pod) else {
        let name = pod.spec.scheduler_name.clone().unwrap_or_default();
        let message = format!(
            "no scheduler profile is named {name:?}: the pod waits for a scheduler of that name"
        );
        return (Placement::Unschedulable(message), trail);
    };
    let cycle = Cycle {
        ctx,
        profile,
        pod,
        dra: PodClaims::of(ctx.features, ctx.classes, &state.claims, pod, claim_indices),
        // NodeAffinity's PreFilter: terms that name nodes keep only those.
        named: if profile.pre_filters_with(PluginName::NodeAffinity) {
            node_affinity::named_nodes(pod)
        } else {
            None
        },
        watch,
    };
    if watch.report {
        trail.claims = cycle
            .dra
            .claims
            .iter()
            .map(|&i| (i, state.claims[i].status.allocation.is_some()))
            .collect();
        trail.templates = template_claims(pod, &cycle.dra.claims, &state.claims);
    }
    let mut table = watch
        .nodes
        .then(|| cycle_report::new_cycle(profile, ctx.scoring, ctx.nodes.len()));

    let mut noted = Vec::new();
    let decision = if cycle.named.as_ref().is_some_and(BTreeSet::is_empty) {
        if let Some(table) = &mut table {
            table.pre_filter = Some(node_affinity::TERMS_CONFLICT.to_owned());
        }
        Decision::Unschedulable(cycle.terms_conflict(&state.claims))
    } else if ctx.nodes.is_empty() {
        Decision::Unschedulable(NO_NODES.to_owned())
    } else {
        let generation = state.generation();
        let inputs = cycle.failure_inputs(&state.claims, state.next_start);
        let kept = inputs
            .as_ref()
            .and_then(|inputs| state.failed.replay(generation, inputs));
        let (decision, processed) = match kept {
            Some(failed) => (
                Decision::Unschedulable(failed.message.clone()),
                failed.processed,
            ),
            None => {
                let share_ids = share_ids_made();
                let prepared = Prepared::of(pod, profile);
                let filtered =
                    cycle.find_feasible(state, &prepared, &mut trail, &mut table, &mut noted);
                let processed = filtered.feasible.len() + filtered.rejected.len();
                let fits_nowhere = filtered.given_up.is_none() && filtered.feasible.is_empty();
                let decision = cycle.decide(state, &prepared, filtered, &mut table);
                if let (Some(inputs), Decision::Unschedulable(message), true) = (
                    &inputs,
                    &decision,
                    fits_nowhere && share_ids_made() == share_ids,
                ) {
                    let outcome = FailedOutcome {
                        message: message.clone(),
                        processed,
                    };
                    state.failed.keep(generation, inputs, outcome);
                }
                (decision, processed)
            }
        };
        if ctx.scoring {
            state.next_start = (state.next_start + processed) % ctx.nodes.len();
        }
        decision
    };

    let (placement, chosen, pre_bind) = match decision {
        Decision::Unschedulable(message) => (Placement::Unschedulable(message), None, None),
        Decision::Node(node) => {
            let claims: Vec<&ResourceClaim> =
                cycle.dra.claims.iter().map(|&i| &state.claims[i]).collect();
            match prebind_failure(&claims, pod) {
                // PreBind fails: nothing is kept, and Kubernetes reports a
                // scheduler error rather than an unschedulable pod.
                Some(failure) => {
                    trail.scheduler_error = true;
                    (
                        Placement::Unschedulable(failure.clone()),
                        Some(node.doc),
                        Some(failure),
                    )
                }
                None => {
                    let on = (&ctx.nodes[node.doc], node.allocation);
                    match commit(ctx, state, pod, &cycle.dra, on) {
                        Err(error) => (
                            Placement::Unschedulable(error.message),
                            Some(node.doc),
                            None,
                        ),
                        Ok(made) => {
                            if let Some((index, status)) = made {
                                if watch.report {
                                    trail.claims.push((index, false));
                                }
                                trail.extended = Some(status);
                            }
                            state.place(node.doc, pod);
                            let name = ctx.nodes[node.doc].metadata.name.clone();
                            (Placement::Node(name), Some(node.doc), None)
                        }
                    }
                }
            }
        }
    };
    if watch.report {
        if let Some(table) = &mut table {
            table.pre_bind.clone_from(&pre_bind);
        }
        cycle_report::finish(
            ctx,
            &mut trail,
            table,
            noted,
            cycle.named.as_ref(),
            chosen,
            pre_bind,
        );
    }
    (placement, trail)
}

impl<'c> Cycle<'c> {
    /// What the cycle reads besides the run's state, when a failure of it
    /// may be kept and given again (see `failed_cycles.rs`): not when an
    /// observer records it, with a time budget, a claim for extended
    /// resources, or a claim already allocated.
    fn failure_inputs<'s>(
        &self,
        claims: &'s [ResourceClaim],
        next_start: usize,
    ) -> Option<FailedInputs<'s>>
    where
        'c: 's,
    {
        let dra = &self.dra;
        if self.watch.report
            || self.ctx.budget.max_millis.is_some()
            || dra.extended.is_some()
            || dra.make_extended_claim
            || dra.pending.len() != dra.claims.len()
        {
            return None;
        }
        Some(FailedInputs {
            spec: &self.pod.spec,
            claims: dra
                .claims
                .iter()
                .map(|&i| (&claims[i].spec, &claims[i].status))
                .collect(),
            start: if self.ctx.scoring { next_start } else { 0 },
        })
    }

    /// Filters nodes (in `order`, from the previous pod's stopping point
    /// when scoring) until enough are feasible or the pod's scheduling is
    /// given up.
    fn find_feasible(
        &self,
        state: &State,
        prepared: &Prepared<'_>,
        trail: &mut Trail,
        table: &mut Option<SchedulingCycle>,
        noted: &mut Vec<Noted>,
    ) -> Filtered {
        let ctx = self.ctx;
        let order: Vec<usize> = match &self.named {
            None => (0..ctx.nodes.len()).collect(),
            Some(names) => (0..ctx.nodes.len())
                .filter(|&i| names.contains(&ctx.nodes[i].metadata.name))
                .collect(),
        };
        let pending: Vec<&ResourceClaim> =
            self.dra.pending.iter().map(|&i| &state.claims[i]).collect();
        // One allocator per pod, as in a scheduling cycle: it sees the
        // devices in use by the pods before this one, and is asked about
        // the pod's pending claims on node after node.
        let allocator = ctx
            .allocator(&state.allocated)
            .with_budget(ctx.budget)
            .with_claims(&pending);
        let input = FilterInput {
            pod: self.pod,
            prepared,
            dra: &self.dra,
            pending: &pending,
            allocator: &allocator,
            watch: self.watch,
        };
        // Without scoring, or without score plugins, the first feasible
        // node is taken.
        let to_find = if !ctx.scoring || self.profile.score.is_empty() {
            1
        } else {
            num_feasible_nodes_to_find(self.profile.percentage_of_nodes_to_score, order.len())
        };
        let start = if ctx.scoring { state.next_start } else { 0 };
        if let Some(table) = table {
            table.nodes_to_find = to_find;
            table.start_node = Some(ctx.nodes[order[start % order.len()]].metadata.name.clone());
        }
        let mut filtered = Filtered::default();
        for i in 0..order.len() {
            let doc = order[(start + i) % order.len()];
            let mut cells = Vec::new();
            let mut funnel = None;
            let mut search = None;
            let verdict = filter_node(
                ctx,
                self.profile,
                &input,
                &ctx.nodes[doc],
                &state.nodes[doc],
                &mut FilterNotes {
                    cells: self.watch.nodes.then_some(&mut cells),
                    funnel: &mut funnel,
                    search: &mut search,
                    unavailable: &mut filtered.unavailable_seen,
                },
            );
            // What an observer is told of the node (made only when one is).
            let report = self.watch.nodes;
            let outcome = match verdict {
                Verdict::Feasible(allocation) => {
                    filtered.feasible.push(FeasibleNode { doc, allocation });
                    Some(NodeOutcome::Feasible)
                }
                Verdict::Rejected(rejection, outcome) => {
                    let outcome = outcome
                        .or_else(|| report.then(|| NodeOutcome::RuledOut(rejection.message())));
                    filtered.rejected.push((doc, rejection));
                    outcome
                }
                Verdict::GiveUp(message, outcome) => {
                    filtered.given_up = Some(message);
                    Some(outcome)
                }
            };
            if let (true, Some(outcome)) = (report, outcome) {
                noted.push(Noted {
                    doc,
                    cells,
                    outcome,
                    funnel,
                    search,
                });
            }
            if filtered.given_up.is_some() || filtered.feasible.len() >= to_find {
                break;
            }
        }
        if self.watch.report {
            trail.steps = allocator.steps();
            trail.elapsed_millis = allocator.elapsed_millis();
        }
        filtered
    }

    /// No node, one node, or the best-scored node.
    fn decide(
        &self,
        state: &State,
        prepared: &Prepared<'_>,
        mut filtered: Filtered,
        table: &mut Option<SchedulingCycle>,
    ) -> Decision {
        let ctx = self.ctx;
        if let Some(message) = filtered.given_up {
            return Decision::Unschedulable(message);
        }
        if filtered.feasible.is_empty() {
            return Decision::Unschedulable(self.fit_error(state, &filtered));
        }
        if filtered.feasible.len() == 1 || !ctx.scoring {
            if let Some(table) = table {
                table.scoring_skipped = Some(if ctx.scoring {
                    "only one feasible node: the scheduler takes it without scoring".to_owned()
                } else {
                    "scoring is off: the first feasible node in document order wins".to_owned()
                });
            }
            return Decision::Node(filtered.feasible.swap_remove(0));
        }
        let node_infos: Vec<&NodeInfo> = filtered
            .feasible
            .iter()
            .map(|f| &state.nodes[f.doc])
            .collect();
        let scored = match score(
            ctx,
            self.profile,
            self.pod,
            &prepared.affinity,
            &self.dra,
            &state.claims,
            &filtered.feasible,
            &node_infos,
        ) {
            Err(message) => return Decision::Unschedulable(message),
            Ok(scored) => scored,
        };
        let candidates: Vec<(usize, i64)> = filtered
            .feasible
            .iter()
            .zip(&scored.totals)
            .map(|(f, t)| (f.doc, *t))
            .collect();
        let Some(selection) = select_host(&candidates) else {
            return Decision::Unschedulable(NO_NODES.to_owned());
        };
        if let Some(table) = table {
            let docs: Vec<usize> = filtered.feasible.iter().map(|f| f.doc).collect();
            cycle_report::scores(ctx, table, &docs, scored, &selection.tied);
        }
        Decision::Node(filtered.feasible.swap_remove(selection.chosen))
    }

    /// The message when no node fits: the nodes' reasons counted, and what
    /// PostFilter says.
    fn fit_error(&self, state: &State, filtered: &Filtered) -> String {
        let priority = self.pod.spec.priority.unwrap_or(0);
        // Each node's code: the first rejection of it, else unresolvable.
        let mut codes = vec![None; self.ctx.nodes.len()];
        for (doc, rejection) in filtered.rejected.iter().rev() {
            codes[*doc] = Some(rejection.code);
        }
        let verdicts: Vec<NodeVerdict> = (0..self.ctx.nodes.len())
            .map(|doc| NodeVerdict {
                code: codes[doc].unwrap_or(Code::UnschedulableAndUnresolvable),
                has_lower_priority_pods: state.nodes[doc].priorities.iter().any(|p| *p < priority),
            })
            .collect();
        let dra = self
            .dra
            .post_filter_state(&state.claims, self.pod, filtered.unavailable_seen);
        FitError {
            nodes: self.ctx.nodes.len(),
            node_reasons: filtered
                .rejected
                .iter()
                .map(|(_, r)| r.reasons.iter().map(|reason| reason.to_string()).collect())
                .collect(),
            absent_reasons: if self.named.is_some() {
                vec![NOT_NAMED.to_owned()]
            } else {
                Vec::new()
            },
            post_filter: post_filter::message(self.profile, self.pod, dra, &verdicts),
            ..FitError::default()
        }
        .message()
    }

    /// The message when the pod's node affinity names no node at all
    /// (NodeAffinity's PreFilter rejects the pod for every node).
    fn terms_conflict(&self, claims: &[ResourceClaim]) -> String {
        // DynamicResources' PostFilter finds its state only if its
        // PreFilter ran before NodeAffinity's.
        let at = |p| self.profile.pre_filter.iter().position(|q| *q == p);
        let dra_ran = matches!(
            (at(PluginName::DynamicResources), at(PluginName::NodeAffinity)),
            (Some(a), Some(b)) if a < b
        );
        let dra = if dra_ran {
            self.dra.post_filter_state(claims, self.pod, false)
        } else {
            DraState::NotRun
        };
        let verdicts = vec![
            NodeVerdict {
                code: Code::UnschedulableAndUnresolvable,
                has_lower_priority_pods: false,
            };
            self.ctx.nodes.len()
        ];
        FitError {
            nodes: self.ctx.nodes.len(),
            pre_filter: Some(node_affinity::TERMS_CONFLICT.to_owned()),
            post_filter: post_filter::message(self.profile, self.pod, dra, &verdicts),
            ..FitError::default()
        }
        .message()
    }
}
