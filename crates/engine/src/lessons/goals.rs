//! Each goal in words, and checked against a run: met or not, with what the run shows.

use serde::{Deserialize, Serialize};

use crate::api::{
    namespaced_name, pod_claim_name, Device, DeviceAttribute, DeviceRequestAllocationResult,
    Object, Pod, ResourceClaim,
};
use crate::load::LoadedScenario;
use crate::pipeline;
use crate::scheduler::{Placement, PodOutcome, RunResult};

use super::format::{ClaimAllocated, Goal, PodScheduled};

/// A goal checked against one version of the scenario.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalCheck {
    /// The goal, in words.
    pub goal: String,
    /// Whether the run meets it.
    pub met: bool,
    /// What the run shows about it (`on node-2`, `unschedulable: ...`, `holds
    /// gpu.example.com/node-1/gpu-0`).
    pub detail: String,
}

/// Every goal, in words, checked against the run of `loaded` (None: nothing ran).
pub fn check(goals: &[Goal], loaded: &LoadedScenario, run: Option<&RunResult>) -> Vec<GoalCheck> {
    goals
        .iter()
        .map(|goal| {
            let (met, detail) = match (goal, run) {
                (Goal::NoErrors, _) => no_errors(loaded),
                (_, None) => (false, "nothing ran: the scenario has errors".to_owned()),
                (Goal::PodScheduled(g), Some(run)) => pod_scheduled(g, loaded, run),
                (Goal::PodUnschedulable(g), Some(run)) => match placement(run, &g.pod) {
                    Some(Placement::Unschedulable(why)) => (true, format!("unschedulable: {why}")),
                    Some(Placement::Node(node)) => (false, format!("on {node}")),
                    None => (false, no_pod(&g.pod)),
                },
                (Goal::ClaimAllocated(g), Some(run)) => claim_allocated(g, loaded, run),
            };
            GoalCheck {
                goal: describe(goal),
                met,
                detail,
            }
        })
        .collect()
}

/// A goal in words.
pub fn describe(goal: &Goal) -> String {
    match goal {
        Goal::NoErrors => "The scenario has no errors".to_owned(),
        Goal::PodScheduled(g) => {
            let mut s = format!("Pod {} is scheduled", g.pod);
            if let Some(node) = &g.node {
                s.push_str(&format!(" on {node}"));
            }
            if g.unpinned {
                s.push_str(" without naming a node (no nodeName, nodeSelector or node affinity)");
            }
            s
        }
        Goal::PodUnschedulable(g) => format!("Pod {} is not scheduled", g.pod),
        Goal::ClaimAllocated(g) => describe_claim(g),
    }
}

fn describe_claim(g: &ClaimAllocated) -> String {
    let mut s = match (&g.claim, &g.pod, &g.entry) {
        (Some(claim), _, _) => format!("Claim {claim} is allocated"),
        (None, Some(pod), Some(entry)) => {
            format!("The claim of pod {pod} for {entry} is allocated")
        }
        _ => "A claim is allocated".to_owned(),
    };
    let mut parts = Vec::new();
    match g.count {
        Some(1) => parts.push("one device".to_owned()),
        Some(n) => parts.push(format!("{n} devices")),
        None => {}
    }
    if let Some(class) = &g.class {
        parts.push(format!("of class {class}"));
    }
    if g.from_alternative {
        parts.push("through a prioritized alternative (firstAvailable)".to_owned());
    }
    for (name, value) in &g.attributes {
        parts.push(format!("with {name} = {value}"));
    }
    for (name, value) in &g.capacity_at_least {
        parts.push(format!("with {name} ≥ {value}"));
    }
    for (name, value) in &g.consumes_at_least {
        parts.push(format!("consuming ≥ {value} of {name}"));
    }
    if let Some(attribute) = &g.same_attribute {
        parts.push(format!("all with the same {attribute}"));
    }
    match g.admin_access {
        Some(true) => parts.push("with admin access".to_owned()),
        Some(false) => parts.push("without admin access".to_owned()),
        None => {}
    }
    if let Some(n) = g.used_by {
        parts.push(format!(
            "used by at least {n} pod{}",
            if n == 1 { "" } else { "s" }
        ));
    }
    if !parts.is_empty() {
        s.push_str(": ");
        s.push_str(&parts.join(", "));
    }
    s
}

fn no_errors(loaded: &LoadedScenario) -> (bool, String) {
    let problems = pipeline::problems(loaded);
    match problems.iter().filter(|d| d.is_error()).count() {
        0 => (true, "no errors".to_owned()),
        1 => (false, "1 error".to_owned()),
        n => (false, format!("{n} errors")),
    }
}

/// `NAME` in the default namespace, or `NAMESPACE/NAME`, as `NAMESPACE/NAME`.
fn key(name: &str) -> String {
    match name.split_once('/') {
        Some((namespace, name)) => namespaced_name(namespace, name),
        None => namespaced_name("", name),
    }
}

fn no_pod(pod: &str) -> String {
    format!("the scenario has no pod {}", key(pod))
}

/// What the run did with a pod.
fn outcome<'r>(run: &'r RunResult, pod: &str) -> Option<&'r PodOutcome> {
    let key = key(pod);
    run.pods
        .iter()
        .find(|p| p.pod.metadata.namespaced_name() == key)
}

fn placement<'r>(run: &'r RunResult, pod: &str) -> Option<&'r Placement> {
    outcome(run, pod).map(|p| &p.placement)
}

fn pod_scheduled(g: &PodScheduled, loaded: &LoadedScenario, run: &RunResult) -> (bool, String) {
    let node = match placement(run, &g.pod) {
        None => return (false, no_pod(&g.pod)),
        Some(Placement::Unschedulable(why)) => return (false, format!("unschedulable: {why}")),
        Some(Placement::Node(node)) => node,
    };
    if let Some(want) = g.node.as_ref().filter(|want| *want != node) {
        return (false, format!("on {node}, not {want}"));
    }
    if g.unpinned {
        if let Some(pin) = input_pod(loaded, &g.pod).and_then(pinned_by) {
            return (
                false,
                format!("on {node}, but the pod names its node with {pin}"),
            );
        }
    }
    (true, format!("on {node}"))
}

/// The pod as the scenario writes it (or as its workload's controller makes it).
fn input_pod<'l>(loaded: &'l LoadedScenario, pod: &str) -> Option<&'l Pod> {
    let key = key(pod);
    loaded.objects.iter().find_map(|o| match &o.object {
        Object::Pod(p) if p.metadata.namespaced_name() == key => Some(p),
        _ => None,
    })
}

/// The field with which a pod names its node itself, if it does.
fn pinned_by(pod: &Pod) -> Option<&'static str> {
    let spec = &pod.spec;
    if !spec.node_name.is_empty() {
        Some("spec.nodeName")
    } else if !spec.node_selector.is_empty() {
        Some("spec.nodeSelector")
    } else if spec
        .affinity
        .as_ref()
        .and_then(|a| a.node_affinity.as_ref())
        .is_some_and(|n| n.required.is_some())
    {
        Some("a required node affinity")
    } else {
        None
    }
}

fn claim_allocated(g: &ClaimAllocated, loaded: &LoadedScenario, run: &RunResult) -> (bool, String) {
    let claim = match find_claim(g, run) {
        Ok(claim) => claim,
        Err(why) => return (false, why),
    };
    let Some(allocation) = &claim.status.allocation else {
        return (false, "not allocated".to_owned());
    };
    let results = &allocation.devices.results;
    let held: Vec<String> = results
        .iter()
        .map(|r| crate::api::device_id(&r.driver, &r.pool, &r.device))
        .collect();
    let holds = format!("holds {}", held.join(", "));
    if let Some(n) = g.count.filter(|n| *n != results.len()) {
        let devices = match results.len() {
            1 => "1 device".to_owned(),
            n => format!("{n} devices"),
        };
        return (false, format!("{holds}: {devices}, not {n}"));
    }
    let mut same: Option<(String, Option<String>)> = None;
    for (result, id) in results.iter().zip(&held) {
        let Some(device) = find_device(loaded, result) else {
            return (false, format!("{holds}; {id} is not in the scenario"));
        };
        if let Some(why) = device_misses(g, claim, result, device) {
            return (false, format!("{holds}; {id} {why}"));
        }
        if let Some(attribute) = &g.same_attribute {
            let value =
                attribute_of(device, &result.driver, attribute).map(|a| values(a).join(", "));
            match &same {
                None => same = Some((id.clone(), value)),
                Some((first, first_value)) if *first_value != value => {
                    let shown = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".into());
                    return (
                        false,
                        format!(
                            "{holds}; {attribute} is {} on {first} and {} on {id}",
                            shown(first_value),
                            shown(&value)
                        ),
                    );
                }
                Some(_) => {}
            }
        }
    }
    if let Some(n) = g.used_by {
        let users = claim.status.reserved_for.len();
        if users < n {
            return (false, format!("{holds}, used by {users} pods"));
        }
    }
    (true, holds)
}

/// The claim a goal names, as the run leaves it.
fn find_claim<'r>(g: &ClaimAllocated, run: &'r RunResult) -> Result<&'r ResourceClaim, String> {
    let key = match (&g.claim, &g.pod, &g.entry) {
        (Some(claim), _, _) => key(claim),
        (None, Some(pod), Some(entry)) => {
            let Some(p) = outcome(run, pod).map(|o| &o.pod) else {
                return Err(no_pod(pod));
            };
            let Some(e) = p.spec.resource_claims.iter().find(|e| e.name == *entry) else {
                return Err(format!(
                    "pod {} has no resourceClaims entry {entry}",
                    key(pod)
                ));
            };
            match pod_claim_name(p, e) {
                Some(name) => namespaced_name(p.metadata.namespace_or_default(), &name),
                None => return Err(format!("pod {}'s entry {entry} uses no claim", key(pod))),
            }
        }
        _ => return Err("the goal names no claim".to_owned()),
    };
    run.claims
        .iter()
        .find(|c| c.metadata.namespaced_name() == key)
        .ok_or_else(|| format!("the scenario has no claim {key}"))
}

fn find_device<'l>(
    loaded: &'l LoadedScenario,
    result: &DeviceRequestAllocationResult,
) -> Option<&'l Device> {
    loaded.objects.iter().find_map(|o| match &o.object {
        Object::ResourceSlice(s)
            if s.spec.driver == result.driver && s.spec.pool.name == result.pool =>
        {
            s.spec.devices.iter().find(|d| d.name == result.device)
        }
        _ => None,
    })
}

/// Why a device of the claim misses the goal's conditions on each device, if it does.
fn device_misses(
    g: &ClaimAllocated,
    claim: &ResourceClaim,
    result: &DeviceRequestAllocationResult,
    device: &Device,
) -> Option<String> {
    if let Some(class) = &g.class {
        let from = request_class(claim, &result.request).unwrap_or("no class");
        if from != class {
            return Some(format!("comes from a request of class {from}"));
        }
    }
    if g.from_alternative && !result.request.contains('/') {
        return Some(format!(
            "comes from request {}, not from a prioritized alternative",
            result.request
        ));
    }
    for (name, want) in &g.attributes {
        match attribute_of(device, &result.driver, name) {
            None => return Some(format!("has no attribute {name}")),
            Some(a) if !values(a).contains(want) => {
                return Some(format!("has {name} = {}", values(a).join(", ")))
            }
            Some(_) => {}
        }
    }
    for (name, least) in &g.capacity_at_least {
        match device.capacity_named(&result.driver, &qualified(&result.driver, name)) {
            None => return Some(format!("has no capacity {name}")),
            Some(c) if c.value < *least => return Some(format!("has {name} = {}", c.value)),
            Some(_) => {}
        }
    }
    for (name, least) in &g.consumes_at_least {
        let consumed = result.consumed_capacity.get(name).or_else(|| {
            result
                .consumed_capacity
                .get(&qualified(&result.driver, name))
        });
        match consumed {
            None => return Some(format!("is allocated without consuming {name}")),
            Some(q) if q < least => return Some(format!("is allocated consuming {q} of {name}")),
            Some(_) => {}
        }
    }
    if let Some(want) = g.admin_access {
        if result.admin_access.unwrap_or(false) != want {
            return Some(
                if want {
                    "is allocated without admin access"
                } else {
                    "is allocated with admin access"
                }
                .to_owned(),
            );
        }
    }
    None
}

/// The DeviceClass of the request (`request`, or `request/alternative`) a result is for.
fn request_class<'c>(claim: &'c ResourceClaim, request: &str) -> Option<&'c str> {
    let (name, alternative) = match request.split_once('/') {
        Some((name, alternative)) => (name, Some(alternative)),
        None => (request, None),
    };
    let request = claim
        .spec
        .devices
        .requests
        .iter()
        .find(|r| r.name == name)?;
    match alternative {
        None => request
            .exactly
            .as_ref()
            .map(|e| e.device_class_name.as_str()),
        Some(alternative) => request
            .first_available
            .iter()
            .find(|s| s.name == alternative)
            .map(|s| s.device_class_name.as_str()),
    }
}

/// A name without a domain is in the driver's domain.
fn qualified(driver: &str, name: &str) -> String {
    if name.contains('/') {
        name.to_owned()
    } else {
        format!("{driver}/{name}")
    }
}

fn attribute_of<'d>(device: &'d Device, driver: &str, name: &str) -> Option<&'d DeviceAttribute> {
    device.attribute(driver, &qualified(driver, name))
}

/// An attribute's values as written (a scalar alone, a list's elements).
fn values(a: &DeviceAttribute) -> Vec<String> {
    let scalar = [
        a.string_value.clone(),
        a.int_value.map(|v| v.to_string()),
        a.bool_value.map(|v| v.to_string()),
        a.version_value.clone(),
    ];
    let lists = [
        a.string_values.clone(),
        a.int_values
            .as_ref()
            .map(|v| v.iter().map(i64::to_string).collect()),
        a.bool_values
            .as_ref()
            .map(|v| v.iter().map(bool::to_string).collect()),
        a.version_values.clone(),
    ];
    scalar
        .into_iter()
        .flatten()
        .chain(lists.into_iter().flatten().flatten())
        .collect()
}
