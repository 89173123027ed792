//! Scoring the feasible nodes: each score plugin of the profile (unless its
//! PreScore skips it for the pod) scores every node, its NormalizeScore
//! brings the scores to 0-100, and its weight multiplies them; a node's
//! total is the sum.

use super::Context;
use crate::api::{Pod, ResourceClaim};
use crate::scheduler::framework::node_info::NodeInfo;
use crate::scheduler::framework::verdict::NodeAllocation;
use crate::scheduler::plugins::dynamic_resources::{self, PodClaims};
use crate::scheduler::plugins::node_affinity::{self, PodAffinity};
use crate::scheduler::plugins::{image_locality, node_resources, taint_toleration};
use crate::scheduler::report::{ScoreCell, ScoreColumn};
use crate::scheduler_profile::{PluginName, Profile};

/// A node that passed every filter.
#[derive(Debug)]
pub(super) struct FeasibleNode {
    /// Its position in the document.
    pub doc: usize,
    /// What the allocator found there (None: nothing to allocate).
    pub allocation: Option<NodeAllocation>,
}

/// The scores of the feasible nodes.
#[derive(Debug, Default)]
pub(super) struct Scored {
    /// The plugins that scored, with their weights.
    pub columns: Vec<ScoreColumn>,
    /// Per column, each feasible node's raw and normalized score (none for
    /// a column PreScore skipped).
    values: Vec<Option<ColumnValues>>,
    /// Per feasible node, the total.
    pub totals: Vec<i64>,
}

/// One plugin's scores of the feasible nodes.
#[derive(Debug)]
struct ColumnValues {
    raw: Vec<i64>,
    normalized: Vec<i64>,
}

impl Scored {
    /// The cells of the feasible node at `node`, one per column (made only
    /// for an observer).
    pub(super) fn cells(&self, node: usize) -> Vec<ScoreCell> {
        self.columns
            .iter()
            .zip(&self.values)
            .map(|(column, values)| match values {
                None => ScoreCell::default(),
                Some(values) => ScoreCell {
                    raw: values.raw[node],
                    normalized: values.normalized[node],
                    weighted: values.normalized[node] * column.weight,
                },
            })
            .collect()
    }
}

/// Scores the feasible nodes; an error of a PreScore plugin makes the pod
/// unschedulable with it.
#[allow(clippy::too_many_arguments)]
pub(super) fn score(
    ctx: &Context<'_>,
    profile: &Profile,
    pod: &Pod,
    affinity: &PodAffinity<'_>,
    dra: &PodClaims<'_>,
    claims: &[ResourceClaim],
    feasible: &[FeasibleNode],
    infos: &[&NodeInfo],
) -> Result<Scored, String> {
    let mut scored = Scored {
        totals: vec![0; feasible.len()],
        ..Scored::default()
    };
    for &(plugin, weight) in &profile.score {
        if !plugin.is_simulated() {
            continue;
        }
        let raw: Option<Vec<i64>> = match plugin {
            PluginName::TaintToleration => {
                let tolerations = taint_toleration::score_tolerations(pod);
                Some(
                    feasible
                        .iter()
                        .map(|f| taint_toleration::score(&tolerations, &ctx.nodes[f.doc]))
                        .collect(),
                )
            }
            PluginName::NodeAffinity => {
                if let Some(problem) = affinity.score_error() {
                    return Err(format!(
                        "running PreScore plugin \"NodeAffinity\": {problem}"
                    ));
                }
                (!affinity.skips_score()).then(|| {
                    feasible
                        .iter()
                        .map(|f| affinity.score(&ctx.nodes[f.doc]))
                        .collect()
                })
            }
            PluginName::NodeResourcesFit => {
                let requests = node_resources::fit_requests(pod, &profile.args.fit);
                let mut uses = Vec::new();
                Some(
                    infos
                        .iter()
                        .map(|info| {
                            node_resources::fit_score(info, &profile.args.fit, &requests, &mut uses)
                        })
                        .collect(),
                )
            }
            PluginName::NodeResourcesBalancedAllocation => {
                node_resources::balanced_requests(pod, &profile.args.balanced).map(|requests| {
                    let mut uses = Vec::new();
                    infos
                        .iter()
                        .map(|info| {
                            node_resources::balanced_score(
                                info,
                                &profile.args.balanced,
                                &requests,
                                profile.release,
                                &mut uses,
                            )
                        })
                        .collect()
                })
            }
            PluginName::ImageLocality => {
                let images = image_locality::pod_images(pod);
                Some(
                    feasible
                        .iter()
                        .map(|f| ctx.images.score(&images, f.doc))
                        .collect(),
                )
            }
            PluginName::DynamicResources => Some(
                feasible
                    .iter()
                    .map(|f| dra_score(ctx, dra, claims, f))
                    .collect(),
            ),
            _ => None,
        };
        scored.columns.push(ScoreColumn {
            plugin: plugin.name().to_owned(),
            weight,
            skipped: raw.is_none(),
        });
        let Some(raw) = raw else {
            scored.values.push(None);
            continue;
        };
        let mut normalized = raw.clone();
        match plugin {
            PluginName::TaintToleration => taint_toleration::normalize(&mut normalized),
            PluginName::NodeAffinity => node_affinity::normalize(&mut normalized),
            PluginName::DynamicResources => dynamic_resources::normalize(&mut normalized),
            _ => {}
        }
        for (total, &normalized) in scored.totals.iter_mut().zip(&normalized) {
            *total += normalized * weight;
        }
        scored.values.push(Some(ColumnValues { raw, normalized }));
    }
    Ok(scored)
}

/// DynamicResources' score of a node (Kubernetes 1.35 and later, with
/// DRAPrioritizedList; 0 otherwise).
fn dra_score(
    ctx: &Context<'_>,
    dra: &PodClaims<'_>,
    claims: &[ResourceClaim],
    node: &FeasibleNode,
) -> i64 {
    if !ctx.features.prioritized_list {
        return 0;
    }
    let Some(allocation) = &node.allocation else {
        return 0;
    };
    let claims_of_pod = dra.claims.iter().map(|&i| &claims[i]);
    if !claims_of_pod
        .clone()
        .any(dynamic_resources::has_alternatives)
    {
        return 0;
    }
    let mut pending = 0;
    let per_claim = claims_of_pod.map(|claim| match &claim.status.allocation {
        Some(allocated) => (claim, dynamic_resources::result_requests(allocated)),
        None => {
            pending += 1;
            (claim, allocation.found.request_names(pending - 1, claim))
        }
    });
    dynamic_resources::score(per_claim)
}
