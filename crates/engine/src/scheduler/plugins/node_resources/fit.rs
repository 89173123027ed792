//! NodeResourcesFit's filter: the pod's requests must fit in what the
//! node's allocatable leaves after the pods placed there, resource by
//! resource, and the node must allow one more pod. A node without
//! `status.allocatable` is not limited in cpu, memory, ephemeral storage and
//! pods (the playground's rule, so that scenarios about devices need not
//! size their nodes), but has none of the extended resources (and huge
//! pages) it does not advertise.
//!
//! With DRAExtendedResource, an extended resource the node does not
//! advertise (or advertises as 0) and that a DeviceClass serves is left to
//! DynamicResources.

use crate::scheduler::framework::node_info::{NodeInfo, Resources};
use crate::scheduler::framework::status::{Code, Rejection};
use crate::scheduler_profile::{FitArgs, PluginName};

/// Filter. `served_by_dra` says whether a class serves an extended
/// resource name (always false with the gate off).
pub(crate) fn filter(
    request: &Resources,
    node: &NodeInfo,
    args: &FitArgs,
    served_by_dra: &dyn Fn(&str) -> bool,
) -> Option<Rejection> {
    let sized = node.allocatable.is_some();
    let allocatable = node.allocatable();
    let mut reasons = Vec::new();
    let mut unresolvable = false;
    if sized && node.pods as i64 + 1 > node.allowed_pods {
        reasons.push("Too many pods".to_owned());
    }
    if request.is_zero() {
        return rejection(reasons, unresolvable);
    }
    let mut check = |name: &str, wanted: i64, allocatable: i64, requested: i64| {
        if wanted > 0 && wanted > allocatable - requested {
            reasons.push(format!("Insufficient {name}"));
            unresolvable |= wanted > allocatable;
        }
    };
    if sized {
        check(
            "cpu",
            request.milli_cpu,
            allocatable.milli_cpu,
            node.requested.milli_cpu,
        );
        check(
            "memory",
            request.memory,
            allocatable.memory,
            node.requested.memory,
        );
        check(
            "ephemeral-storage",
            request.ephemeral_storage,
            allocatable.ephemeral_storage,
            node.requested.ephemeral_storage,
        );
    }
    // Upstream visits these in map order; here in name order.
    for (name, &wanted) in &request.scalar {
        if wanted == 0 || ignored(name, args) {
            continue;
        }
        let have = allocatable.scalar.get(name).copied().unwrap_or(0);
        if have == 0 && served_by_dra(name) {
            continue;
        }
        let taken = node.requested.scalar.get(name).copied().unwrap_or(0);
        check(name, wanted, have, taken);
    }
    rejection(reasons, unresolvable)
}

/// `ignoredResources` and `ignoredResourceGroups` (extended resources only).
fn ignored(name: &str, args: &FitArgs) -> bool {
    if !crate::resource_names::is_extended_resource_name(name) {
        return false;
    }
    let group = name.split('/').next().unwrap_or_default();
    args.ignored_resources.iter().any(|r| r == name)
        || args.ignored_resource_groups.iter().any(|g| g == group)
}

fn rejection(reasons: Vec<String>, unresolvable: bool) -> Option<Rejection> {
    (!reasons.is_empty()).then_some(Rejection {
        plugin: PluginName::NodeResourcesFit,
        code: if unresolvable {
            Code::UnschedulableAndUnresolvable
        } else {
            Code::Unschedulable
        },
        reasons: reasons.into_iter().map(Into::into).collect(),
    })
}
