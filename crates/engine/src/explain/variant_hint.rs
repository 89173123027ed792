//! Where Kubernetes itself may differ: the scenario's release and gates make
//! Kubernetes run another allocator implementation than the playground's
//! ([`crate::allocator::variants`]), and the scenario has what that
//! implementation treats differently. Conservative: it speaks up whenever the
//! difference can change the outcome (a node that sees two pools, whose
//! order upstream leaves to Go's map iteration), even when the devices
//! involved would be picked alike.

use std::collections::BTreeSet;

use crate::allocator::variants::{variant, Divergence, Variant};
use crate::allocator::{node_matches, NodeSelection};
use crate::api::{DeviceClaim, Node, Object, ResourceSlice};
use crate::load::{LoadedObject, LoadedScenario};
use crate::scheduler::nodes_from_slices;
use crate::yaml::FieldPath;

use super::model::Hint;
use super::sources::field_pos;

/// The hint about the allocator Kubernetes runs, when it matters here.
pub(crate) fn find(loaded: &LoadedScenario) -> Option<Hint> {
    let release = loaded.gates.release();
    let runs = variant(release, &loaded.gates);
    let divergence = Divergence::of(release, runs);
    if divergence.is_none() {
        return None;
    }
    let slices: Vec<&ResourceSlice> = objects(loaded, |o| match o {
        Object::ResourceSlice(s) => Some(s),
        _ => None,
    });
    let claims: Vec<(String, &DeviceClaim)> = objects(loaded, |o| match o {
        Object::ResourceClaim(c) => Some((format!("claim {}", c.metadata.name), &c.spec.devices)),
        Object::ResourceClaimTemplate(t) => Some((
            format!("template {}", t.metadata.name),
            &t.spec.spec.devices,
        )),
        _ => None,
    });
    if claims.is_empty() {
        return None;
    }
    let mut reasons = Vec::new();
    if divergence.pools_unordered {
        if let Some((node, pools)) = node_with_pools(loaded, &slices) {
            reasons.push(format!(
                "it visits a node's pools in Go map order, which changes from run to run, not sorted by name ({node} sees pools {})",
                pools.into_iter().collect::<Vec<_>>().join(", ")
            ));
        }
    }
    if divergence.slices_as_listed {
        if let Some((pool, names)) = pool_with_unsorted_slices(&slices) {
            reasons.push(format!(
                "it visits a pool's slices in the order they are listed, not sorted by name (pool {pool}: {})",
                names.join(", ")
            ));
        }
    }
    if divergence.search_restarts {
        if let Some(request) = stateful_multi_device_request(loaded, &slices, &claims) {
            reasons.push(format!(
                "it searches each device of a request from the first device again, and with devices that consume counters or are shared, what it finds can differ ({request})"
            ));
        }
    }
    if divergence.no_distinct_attribute {
        if let Some((owner, _)) = claims
            .iter()
            .find(|(_, c)| c.constraints.iter().any(|k| k.distinct_attribute.is_some()))
        {
            reasons.push(format!(
                "it has no distinctAttribute constraints: it fails the pod with \"empty constraint (unsupported constraint type?)\" ({owner})"
            ));
        }
    }
    if reasons.is_empty() {
        return None;
    }
    let which = match (release, runs) {
        (Some(r), Variant::Experimental) => {
            format!("Kubernetes {r} runs the experimental allocator of {r}")
        }
        (Some(r), other) => format!("Kubernetes {r} runs its {other} allocator"),
        (None, other) => format!("Kubernetes runs its {other} allocator"),
    };
    let (object, path) = anchor(loaded)?;
    Some(Hint {
        kind: "allocatorVariant".into(),
        message: format!(
            "{which} with these feature gates, not the newest experimental allocator the playground runs, and here that can change the outcome: {}; Kubernetes may pick other devices, or list them in another order, than shown",
            reasons.join("; ")
        ),
        object: format!("Scenario {}", name(&object.object)),
        field: path.to_string(),
        position: Some(field_pos(object, &path)),
        suggestion: None,
    })
}

fn objects<'l, T>(loaded: &'l LoadedScenario, pick: impl Fn(&'l Object) -> Option<T>) -> Vec<T> {
    loaded
        .objects
        .iter()
        .filter_map(|o| pick(&o.object))
        .collect()
}

fn name(object: &Object) -> &str {
    match object {
        Object::Scenario(s) => &s.metadata.name,
        _ => "",
    }
}

/// The Scenario document's `spec.kubernetesVersion`, else its
/// `spec.featureGates` (what decides the allocator).
fn anchor(loaded: &LoadedScenario) -> Option<(&LoadedObject, FieldPath)> {
    let (object, scenario) = loaded.objects.iter().find_map(|o| match &o.object {
        Object::Scenario(s) => Some((o, s)),
        _ => None,
    })?;
    let spec = FieldPath::new("spec");
    let path = if scenario.spec.kubernetes_version.is_some() {
        spec.child("kubernetesVersion")
    } else {
        spec.child("featureGates")
    };
    Some((object, path))
}

/// A node that sees devices of two pools or more, with those pools.
fn node_with_pools(
    loaded: &LoadedScenario,
    slices: &[&ResourceSlice],
) -> Option<(String, BTreeSet<String>)> {
    let mut nodes: Vec<Node> = objects(loaded, |o| match o {
        Object::Node(n) => Some(n.clone()),
        _ => None,
    });
    if nodes.is_empty() {
        let owned: Vec<ResourceSlice> = slices.iter().map(|s| (*s).clone()).collect();
        nodes = nodes_from_slices(&owned);
    }
    nodes.into_iter().find_map(|node| {
        let pools: BTreeSet<String> = slices
            .iter()
            .filter(|s| !s.spec.devices.is_empty() && reaches(s, &node))
            .map(|s| format!("{}/{}", s.spec.driver, s.spec.pool.name))
            .collect();
        (pools.len() > 1).then(|| (node.metadata.name.clone(), pools))
    })
}

/// Whether the slice has devices for the node (a selector that does not
/// parse counts as reaching it).
fn reaches(slice: &ResourceSlice, node: &Node) -> bool {
    let spec = &slice.spec;
    if spec.per_device_node_selection == Some(true) {
        return spec.devices.iter().any(|d| {
            node_matches(
                node,
                NodeSelection {
                    node_name: d.node_name.as_deref().unwrap_or(""),
                    all_nodes: d.all_nodes == Some(true),
                    node_selector: d.node_selector.as_ref(),
                },
            )
            .unwrap_or(true)
        });
    }
    node_matches(
        node,
        NodeSelection {
            node_name: spec.node_name.as_deref().unwrap_or(""),
            all_nodes: spec.all_nodes == Some(true),
            node_selector: spec.node_selector.as_ref(),
        },
    )
    .unwrap_or(true)
}

/// A pool whose slices with devices are listed out of name order.
fn pool_with_unsorted_slices(slices: &[&ResourceSlice]) -> Option<(String, Vec<String>)> {
    let mut pools: Vec<(String, Vec<String>)> = Vec::new();
    for slice in slices.iter().filter(|s| !s.spec.devices.is_empty()) {
        let pool = format!("{}/{}", slice.spec.driver, slice.spec.pool.name);
        let name = slice.metadata.name.clone();
        match pools.iter_mut().find(|(p, _)| *p == pool) {
            Some((_, names)) => names.push(name),
            None => pools.push((pool, vec![name])),
        }
    }
    pools
        .into_iter()
        .find(|(_, names)| names.windows(2).any(|w| w[0] > w[1]))
}

/// A request for two devices or more, in a scenario whose devices keep
/// state during the search: they consume counters, or they can be
/// allocated more than once.
fn stateful_multi_device_request(
    loaded: &LoadedScenario,
    slices: &[&ResourceSlice],
    claims: &[(String, &DeviceClaim)],
) -> Option<String> {
    let features = loaded.features;
    let stateful = slices.iter().flat_map(|s| &s.spec.devices).any(|d| {
        (features.partitionable_devices && !d.consumes_counters.is_empty())
            || (features.consumable_capacity && d.allow_multiple_allocations == Some(true))
    });
    if !stateful {
        return None;
    }
    claims.iter().find_map(|(owner, claim)| {
        claim.requests.iter().find_map(|request| {
            let exact = request
                .exactly
                .as_ref()
                .map(|e| (request.name.clone(), e.allocation_mode.as_str(), e.count));
            let subrequests = request.first_available.iter().map(|s| {
                (
                    format!("{}/{}", request.name, s.name),
                    s.allocation_mode.as_str(),
                    s.count,
                )
            });
            exact
                .into_iter()
                .chain(subrequests)
                .find(|(_, mode, count)| *mode != "All" && *count > 1)
                .map(|(name, _, count)| format!("{owner}, request {name}: {count} devices"))
        })
    })
}
