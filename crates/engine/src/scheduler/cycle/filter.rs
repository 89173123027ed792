//! Filter: the profile's filter plugins on one node, in order, until one
//! rejects it.

use super::Context;
use crate::allocator::Allocator;
use crate::api::{Node, Pod, ResourceClaim};
use crate::scheduler::framework::node_info::{HostPort, NodeInfo, Resources};
use crate::scheduler::framework::requests::{pod_requests, RequestOptions};
use crate::scheduler::framework::status::{Code, Rejection};
use crate::scheduler::framework::verdict::{FilterNotes, Verdict};
use crate::scheduler::plugins::dynamic_resources::{self, PodClaims};
use crate::scheduler::plugins::node_affinity::PodAffinity;
use crate::scheduler::plugins::node_resources::fit;
use crate::scheduler::plugins::{node_name, node_ports, node_unschedulable, taint_toleration};
use crate::scheduler::report::FilterCell;
use crate::scheduler::trail::Watch;
use crate::scheduler_profile::{PluginName, Profile};

/// What a pod needs from every node, computed once (PreFilter).
pub(super) struct Prepared<'p> {
    /// NodeResourcesFit's request.
    pub fit_request: Resources,
    /// NodePorts' host ports.
    pub host_ports: Vec<HostPort>,
    /// NodeAffinity's terms.
    pub affinity: PodAffinity<'p>,
}

impl<'p> Prepared<'p> {
    pub(super) fn of(pod: &'p Pod, profile: &'p Profile) -> Prepared<'p> {
        Prepared {
            fit_request: Resources::request_of(&pod_requests(pod, RequestOptions::default())),
            host_ports: HostPort::of_pod(pod),
            affinity: PodAffinity::of(pod, profile.args.added_affinity.as_ref()),
        }
    }
}

/// One filter's verdict on a node.
enum Check {
    Passed,
    /// PreFilter found nothing for the plugin to check.
    Skipped,
    Rejected(Verdict),
}

impl Check {
    fn of(rejection: Option<Rejection>) -> Check {
        match rejection {
            None => Check::Passed,
            Some(r) => Check::Rejected(Verdict::Rejected(r, None)),
        }
    }
}

/// The pod, as the filters see it.
pub(super) struct FilterInput<'f> {
    pub pod: &'f Pod,
    pub prepared: &'f Prepared<'f>,
    pub dra: &'f PodClaims<'f>,
    /// The pod's claims still to allocate.
    pub pending: &'f [&'f ResourceClaim],
    pub allocator: &'f Allocator<'f>,
    pub watch: Watch,
}

/// Runs the profile's filters on one node, in order, until one rejects it
/// (the cells of the later ones say `notRun`).
pub(super) fn filter_node(
    ctx: &Context<'_>,
    profile: &Profile,
    input: &FilterInput<'_>,
    node: &Node,
    info: &NodeInfo,
    notes: &mut FilterNotes<'_>,
) -> Verdict {
    let pod = input.pod;
    let mut allocation = None;
    let mut verdict: Option<Verdict> = None;
    for &plugin in profile.filter.iter().filter(|p| p.is_simulated()) {
        if verdict.is_some() {
            notes.cell("notRun");
            continue;
        }
        let check = match plugin {
            PluginName::NodeUnschedulable => Check::of(node_unschedulable::filter(pod, node)),
            PluginName::NodeName => Check::of(node_name::filter(pod, node)),
            PluginName::TaintToleration => Check::of(taint_toleration::filter(pod, node)),
            PluginName::NodeAffinity if input.prepared.affinity.skips_filter() => Check::Skipped,
            PluginName::NodeAffinity => Check::of(input.prepared.affinity.filter(node)),
            PluginName::NodePorts if input.prepared.host_ports.is_empty() => Check::Skipped,
            PluginName::NodePorts => {
                Check::of(node_ports::filter(&input.prepared.host_ports, info))
            }
            PluginName::NodeResourcesFit => {
                let gate = ctx.features.extended_resource;
                let served = |name: &str| {
                    gate && dynamic_resources::extended::serving_class(name, ctx.classes).is_some()
                };
                Check::of(fit::filter(
                    &input.prepared.fit_request,
                    info,
                    &profile.args.fit,
                    &served,
                ))
            }
            PluginName::DynamicResources if input.dra.is_empty() => Check::Skipped,
            PluginName::DynamicResources => {
                match input.dra.filter(
                    pod,
                    node,
                    input.pending,
                    input.allocator,
                    input.watch,
                    notes,
                ) {
                    Verdict::Feasible(found) => {
                        allocation = found;
                        Check::Passed
                    }
                    other => Check::Rejected(other),
                }
            }
            _ => Check::Passed,
        };
        match check {
            Check::Passed => notes.cell("passed"),
            Check::Skipped => notes.cell("skipped"),
            Check::Rejected(v) => {
                match &v {
                    Verdict::Rejected(r, _) if notes.cells.is_some() => {
                        notes.push(rejected_cell(r))
                    }
                    Verdict::Rejected(..) => {}
                    _ => notes.cell("error"),
                }
                let give_up = matches!(v, Verdict::GiveUp(..));
                verdict = Some(v);
                if give_up {
                    break;
                }
            }
        }
    }
    verdict.unwrap_or(Verdict::Feasible(allocation))
}

fn rejected_cell(r: &Rejection) -> FilterCell {
    FilterCell {
        verdict: "rejected".into(),
        code: match r.code {
            Code::Unschedulable => "Unschedulable",
            Code::UnschedulableAndUnresolvable => "UnschedulableAndUnresolvable",
        }
        .into(),
        reasons: r.reasons.iter().map(|reason| reason.to_string()).collect(),
    }
}
