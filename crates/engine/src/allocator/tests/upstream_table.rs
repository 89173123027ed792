//! Cases of the upstream allocator's test table (allocatortesting), ported
//! with classes that select by construction (no CEL), plus a few more for the
//! paths upstream reaches only through them.

use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use super::super::*;
use crate::api::{DeviceClass, Node, ResourceClaim, ResourceSlice};

fn parse<T: DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).expect("test object")
}

fn node(name: &str) -> Node {
    parse(json!({"metadata": {"name": name, "labels": {"region": "region-1", "planet": "earth"}}}))
}

fn class(name: &str) -> DeviceClass {
    parse(json!({"metadata": {"name": name}}))
}

/// A slice of driver-a on `node-1`, one of a pool of `count` slices.
fn slice(name: &str, pool: &str, count: i64, devices: Value) -> Value {
    json!({
        "metadata": {"name": name},
        "spec": {
            "driver": "driver-a",
            "nodeName": "node-1",
            "pool": {"name": pool, "generation": 1, "resourceSliceCount": count},
            "devices": devices,
        }
    })
}

fn exact(name: &str, count: i64) -> Value {
    json!({"name": name, "exactly": {
        "deviceClassName": "class-a", "allocationMode": "ExactCount", "count": count}})
}

fn claim(name: &str, requests: Value) -> Value {
    json!({"metadata": {"name": name}, "spec": {"devices": {"requests": requests}}})
}

fn result(request: &str, device: &str) -> Value {
    json!({"request": request, "driver": "driver-a", "pool": "pool-1", "device": device})
}

fn local_selector() -> Value {
    json!({"nodeSelectorTerms": [{"matchFields": [
        {"key": "metadata.name", "operator": "In", "values": ["node-1"]}]}]})
}

/// One allocation attempt on node-1.
struct Case {
    features: Features,
    classes: Vec<DeviceClass>,
    slices: Vec<ResourceSlice>,
    allocated: Vec<ResourceClaim>,
    claims: Vec<ResourceClaim>,
}

impl Case {
    fn new(slices: Vec<Value>, claims: Vec<Value>) -> Self {
        Case {
            features: Features::ALL,
            classes: vec![class("class-a")],
            slices: slices.into_iter().map(parse).collect(),
            allocated: Vec::new(),
            claims: claims.into_iter().map(parse).collect(),
        }
    }

    fn allocated(mut self, claims: Vec<Value>) -> Self {
        self.allocated = claims.into_iter().map(parse).collect();
        self
    }

    fn features(mut self, change: impl FnOnce(&mut Features)) -> Self {
        change(&mut self.features);
        self
    }

    fn run(&self) -> Result<Option<Vec<AllocationResult>>, AllocationError> {
        let inventory = Inventory::new(&self.slices);
        let cache = CelCache::new();
        let state = AllocatedState::from_claims(
            &inventory,
            self.features.consumable_capacity,
            &self.allocated,
        );
        let allocator = Allocator::new(self.features, &self.classes, &inventory, &state, &cache);
        let claims: Vec<&ResourceClaim> = self.claims.iter().collect();
        allocator.allocate(&node("node-1"), &claims)
    }

    /// The results as JSON, share ids replaced by "share".
    fn results(&self) -> Value {
        let results = self.run().expect("no error").expect("allocated");
        let mut value = serde_json::to_value(results).unwrap();
        for allocation in value.as_array_mut().unwrap() {
            let devices = allocation
                .pointer_mut("/devices/results")
                .and_then(Value::as_array_mut);
            for device in devices.into_iter().flatten() {
                if let Some(share) = device.get_mut("shareID") {
                    *share = json!("share");
                }
            }
        }
        value
    }

    fn error(&self) -> AllocationError {
        self.run().expect_err("an error")
    }
}

fn devices(names: &[&str]) -> Value {
    Value::Array(names.iter().map(|n| json!({"name": n})).collect())
}

#[test]
fn simple() {
    let case = Case::new(
        vec![slice("slice-1", "pool-1", 1, devices(&["device-1"]))],
        vec![claim("claim-0", json!([exact("req-0", 1)]))],
    );
    assert_eq!(
        case.results(),
        json!([{"devices": {"results": [result("req-0", "device-1")]},
                "nodeSelector": local_selector()}])
    );
}

#[test]
fn devices_in_use_are_skipped_and_claims_do_not_share() {
    let slices = vec![slice(
        "slice-1",
        "pool-1",
        1,
        devices(&["device-1", "device-2", "device-3"]),
    )];
    let in_use = json!({"metadata": {"name": "old"}, "status": {"allocation": {"devices": {"results": [
        result("req-0", "device-1")]}}}});
    let case = Case::new(
        slices,
        vec![
            claim("claim-0", json!([exact("req-0", 1)])),
            claim("claim-1", json!([exact("req-0", 1)])),
        ],
    )
    .allocated(vec![in_use]);
    let results = case.results();
    assert_eq!(
        results[0]["devices"]["results"],
        json!([result("req-0", "device-2")])
    );
    assert_eq!(
        results[1]["devices"]["results"],
        json!([result("req-0", "device-3")])
    );
}

#[test]
fn not_enough_devices() {
    let case = Case::new(
        vec![slice("slice-1", "pool-1", 1, devices(&["device-1"]))],
        vec![claim("claim-0", json!([exact("req-0", 2)]))],
    );
    assert_eq!(case.run(), Ok(None));
}

#[test]
fn claim_limit() {
    let case = Case::new(
        vec![slice("slice-1", "pool-1", 1, devices(&["device-1"]))],
        vec![claim("claim-0", json!([exact("req-0", 500)]))],
    );
    let error = case.error();
    assert_eq!(error.kind, ErrorKind::Fatal);
    assert_eq!(
        error.message,
        "claim claim-0: number of requested devices 500 exceeds the claim limit of 32"
    );
}

#[test]
fn missing_class_and_unsupported_mode() {
    let slices = vec![slice("slice-1", "pool-1", 1, devices(&["device-1"]))];
    let mut case = Case::new(
        slices.clone(),
        vec![claim("claim-0", json!([exact("req-0", 1)]))],
    );
    case.classes.clear();
    assert!(case
        .error()
        .message
        .starts_with("claim claim-0, request req-0: could not retrieve device class class-a:"));
    let odd = json!([{"name": "req-0", "exactly": {"deviceClassName": "class-a"}}]);
    let case = Case::new(slices, vec![claim("claim-0", odd)]);
    assert_eq!(
        case.error().message,
        "claim claim-0, request req-0: unsupported count mode "
    );
}

#[test]
fn prioritized_list_falls_back() {
    let request = json!([{"name": "req-0", "firstAvailable": [
        {"name": "subReq-0", "deviceClassName": "class-a", "allocationMode": "ExactCount", "count": 2},
        {"name": "subReq-1", "deviceClassName": "class-a", "allocationMode": "ExactCount", "count": 1},
    ]}]);
    let slices = vec![slice("slice-1", "pool-1", 1, devices(&["device-1"]))];
    let case = Case::new(slices.clone(), vec![claim("claim-0", request.clone())]);
    assert_eq!(
        case.results()[0]["devices"]["results"],
        json!([result("req-0/subReq-1", "device-1")])
    );
    let disabled =
        Case::new(slices, vec![claim("claim-0", request)]).features(|f| f.prioritized_list = false);
    assert_eq!(
        disabled.error().message,
        "claim claim-0, request req-0: has subrequests, but the DRAPrioritizedList feature is disabled"
    );
}

fn numa_devices() -> Value {
    json!([
        {"name": "device-0", "attributes": {"numa": {"int": 1}}},
        {"name": "device-1", "attributes": {"numa": {"int": 2}}},
        {"name": "device-2", "attributes": {"numa": {"int": 1}}},
    ])
}

#[test]
fn match_and_distinct_attribute() {
    let slices = vec![slice("slice-1", "pool-1", 1, numa_devices())];
    let with = |constraint: Value| {
        let mut c = claim("claim-0", json!([exact("req-0", 2)]));
        c["spec"]["devices"]["constraints"] = json!([constraint]);
        Case::new(slices.clone(), vec![c]).results()[0]["devices"]["results"].clone()
    };
    assert_eq!(
        with(json!({"matchAttribute": "driver-a/numa"})),
        json!([result("req-0", "device-0"), result("req-0", "device-2")])
    );
    assert_eq!(
        with(json!({"distinctAttribute": "driver-a/numa"})),
        json!([result("req-0", "device-0"), result("req-0", "device-1")])
    );
    let mut unknown = claim("claim-0", json!([exact("req-0", 1)]));
    unknown["spec"]["devices"]["constraints"] = json!([{}]);
    assert_eq!(
        Case::new(slices, vec![unknown]).error().message,
        "claim claim-0, constraint #0: empty constraint (unsupported constraint type?)"
    );
}

#[test]
fn all_devices() {
    let all = json!([{"name": "req-0", "exactly": {"deviceClassName": "class-a", "allocationMode": "All"}}]);
    let case = Case::new(
        vec![slice(
            "slice-1",
            "pool-1",
            1,
            devices(&["device-1", "device-2"]),
        )],
        vec![claim("claim-0", all.clone())],
    );
    assert_eq!(
        case.results()[0]["devices"]["results"],
        json!([result("req-0", "device-1"), result("req-0", "device-2")])
    );
    let incomplete = Case::new(
        vec![slice("slice-1", "pool-1", 2, devices(&["device-1"]))],
        vec![claim("claim-0", all)],
    );
    assert_eq!(
        incomplete.error().message,
        "claim claim-0, request req-0: asks for all devices, but resource pool driver-a/pool-1 is currently being updated"
    );
}

#[test]
fn invalid_pool_is_local_to_the_node() {
    let case = Case::new(
        vec![
            slice("slice-1", "pool-1", 2, devices(&["device-1"])),
            slice("slice-2", "pool-1", 2, devices(&["device-1"])),
        ],
        vec![claim("claim-0", json!([exact("req-0", 1)]))],
    );
    let error = case.error();
    assert_eq!(error.kind, ErrorKind::NodeLocal);
    assert_eq!(error.message, "invalid resource pools were encountered");
}

#[test]
fn newest_generation_wins_and_slices_sort_by_name() {
    let mut old = slice("slice-0", "pool-1", 1, devices(&["device-0"]));
    old["spec"]["pool"]["generation"] = json!(0);
    let case = Case::new(
        vec![
            old,
            slice("slice-b", "pool-1", 2, devices(&["device-b"])),
            slice("slice-a", "pool-1", 2, devices(&["device-a"])),
        ],
        vec![claim("claim-0", json!([exact("req-0", 1)]))],
    );
    assert_eq!(
        case.results()[0]["devices"]["results"],
        json!([result("req-0", "device-a")])
    );
}

#[test]
fn taints_and_tolerations() {
    let tainted = |effect: &str| json!([{"name": "device-1", "taints": [{"key": "taint-key", "value": "v", "effect": effect}]}]);
    let claims = || vec![claim("claim-0", json!([exact("req-0", 1)]))];
    let run = |effect: &str| {
        Case::new(
            vec![slice("slice-1", "pool-1", 1, tainted(effect))],
            claims(),
        )
    };
    assert_eq!(run("NoSchedule").run(), Ok(None));
    assert_eq!(run("NoExecute").run(), Ok(None));
    assert!(run("None").run().unwrap().is_some());
    assert!(run("NoSchedule")
        .features(|f| f.device_taints = false)
        .run()
        .unwrap()
        .is_some());

    let mut tolerating = claim("claim-0", json!([exact("req-0", 1)]));
    let toleration = json!({"key": "taint-key", "operator": "Exists", "effect": "NoSchedule"});
    tolerating["spec"]["devices"]["requests"][0]["exactly"]["tolerations"] = json!([toleration]);
    let case = Case::new(
        vec![slice("slice-1", "pool-1", 1, tainted("NoSchedule"))],
        vec![tolerating],
    );
    assert_eq!(
        case.results()[0]["devices"]["results"][0]["tolerations"],
        json!([toleration])
    );
}

#[test]
fn admin_access() {
    let slices = vec![slice("slice-1", "pool-1", 1, devices(&["device-1"]))];
    let mut admin = claim("claim-0", json!([exact("req-0", 1)]));
    admin["spec"]["devices"]["requests"][0]["exactly"]["adminAccess"] = json!(true);
    let in_use = json!({"metadata": {"name": "old"}, "status": {"allocation": {"devices": {"results": [
        result("req-0", "device-1")]}}}});
    let case = Case::new(slices.clone(), vec![admin.clone()]).allocated(vec![in_use]);
    assert_eq!(
        case.results()[0]["devices"]["results"],
        json!([{"request": "req-0", "driver": "driver-a", "pool": "pool-1", "device": "device-1",
                "adminAccess": true}])
    );
    let disabled = Case::new(slices, vec![admin]).features(|f| f.admin_access = false);
    assert_eq!(
        disabled.error().message,
        "claim claim-0, request req-0: admin access is requested, but the feature is disabled"
    );
}

fn partitioned_slices() -> Vec<Value> {
    let consumes =
        json!([{"counterSet": "counter-set-1", "counters": {"memory": {"value": "4Gi"}}}]);
    let mut counters = slice("slice-0", "pool-1", 2, json!([]));
    counters["spec"]["sharedCounters"] =
        json!([{"name": "counter-set-1", "counters": {"memory": {"value": "8Gi"}}}]);
    let devices = json!([
        {"name": "device-1", "consumesCounters": consumes},
        {"name": "device-2", "consumesCounters": consumes},
        {"name": "device-3", "consumesCounters": consumes},
    ]);
    vec![counters, slice("slice-1", "pool-1", 2, devices)]
}

#[test]
fn partitionable_devices_share_counters() {
    let two = Case::new(
        partitioned_slices(),
        vec![claim("claim-0", json!([exact("req-0", 2)]))],
    );
    assert_eq!(
        two.results()[0]["devices"]["results"],
        json!([result("req-0", "device-1"), result("req-0", "device-2")])
    );
    let three = Case::new(
        partitioned_slices(),
        vec![claim("claim-0", json!([exact("req-0", 3)]))],
    );
    assert_eq!(three.run(), Ok(None));
    // A device allocated earlier consumes its counters too.
    let in_use = json!({"metadata": {"name": "old"}, "status": {"allocation": {"devices": {"results": [
        result("req-0", "device-3")]}}}});
    let after = Case::new(
        partitioned_slices(),
        vec![claim("claim-0", json!([exact("req-0", 2)]))],
    )
    .allocated(vec![in_use]);
    assert_eq!(after.run(), Ok(None));
    // Without the feature, devices that consume counters are not allocated.
    let off = Case::new(
        partitioned_slices(),
        vec![claim("claim-0", json!([exact("req-0", 1)]))],
    )
    .features(|f| f.partitionable_devices = false);
    assert_eq!(off.run(), Ok(None));
}

#[test]
fn consumable_capacity_shares_a_device() {
    let shared = json!([{"name": "device-1", "allowMultipleAllocations": true, "capacity": {
        "capacity-0": {"value": "4", "requestPolicy": {
            "default": "2", "validRange": {"min": "2", "step": "2", "max": "4"}}}}}]);
    let with_capacity = |name: &str| {
        let mut c = claim(name, json!([exact("req-0", 1)]));
        c["spec"]["devices"]["requests"][0]["exactly"]["capacity"] =
            json!({"requests": {"capacity-0": "1"}});
        c
    };
    let case = Case::new(
        vec![slice("slice-1", "pool-1", 1, shared.clone())],
        vec![with_capacity("claim-0"), with_capacity("claim-1")],
    );
    let expected = json!({"request": "req-0", "driver": "driver-a", "pool": "pool-1",
        "device": "device-1", "shareID": "share", "consumedCapacity": {"capacity-0": "2"}});
    let results = case.results();
    assert_eq!(results[0]["devices"]["results"], json!([expected]));
    assert_eq!(results[1]["devices"]["results"], json!([expected]));
    let three = Case::new(
        vec![slice("slice-1", "pool-1", 1, shared.clone())],
        vec![
            with_capacity("claim-0"),
            with_capacity("claim-1"),
            with_capacity("claim-2"),
        ],
    );
    assert_eq!(three.run(), Ok(None));
    let off = Case::new(
        vec![slice("slice-1", "pool-1", 1, shared)],
        vec![with_capacity("claim-0")],
    )
    .features(|f| f.consumable_capacity = false);
    assert_eq!(
        off.error().message,
        "claim claim-0, request req-0: has capacity requests, but the DRAConsumableCapacity feature is disabled"
    );
}

#[test]
fn binding_conditions_pools_come_last() {
    let mut binding = slice(
        "slice-1",
        "pool-0",
        1,
        json!([{"name": "device-b",
        "bindingConditions": ["ready"], "bindingFailureConditions": ["failed"]}]),
    );
    binding["spec"]["pool"]["name"] = json!("pool-0");
    let plain = slice("slice-2", "pool-1", 1, devices(&["device-1"]));
    let case = Case::new(
        vec![binding.clone(), plain],
        vec![claim("claim-0", json!([exact("req-0", 2)]))],
    );
    assert_eq!(
        case.results()[0]["devices"]["results"],
        json!([result("req-0", "device-1"),
               {"request": "req-0", "driver": "driver-a", "pool": "pool-0", "device": "device-b",
                "bindingConditions": ["ready"], "bindingFailureConditions": ["failed"]}])
    );
    let off = Case::new(
        vec![binding],
        vec![claim("claim-0", json!([exact("req-0", 1)]))],
    )
    .features(|f| f.device_binding_and_status = false);
    assert_eq!(off.run(), Ok(None));
}

#[test]
fn node_selectors_of_shared_slices_merge() {
    let mut by_region = slice("slice-1", "pool-1", 1, devices(&["device-1"]));
    by_region["spec"]["nodeName"] = Value::Null;
    by_region["spec"]["nodeSelector"] = json!({"nodeSelectorTerms": [{"matchExpressions": [
        {"key": "region", "operator": "In", "values": ["region-1"]}]}]});
    let mut everywhere = slice("slice-2", "pool-2", 1, devices(&["device-2"]));
    everywhere["spec"]["nodeName"] = Value::Null;
    everywhere["spec"]["allNodes"] = json!(true);
    let case = Case::new(
        vec![by_region, everywhere],
        vec![claim("claim-0", json!([exact("req-0", 2)]))],
    );
    let results = case.results();
    assert_eq!(
        results[0]["nodeSelector"],
        json!({"nodeSelectorTerms": [{"matchExpressions": [
            {"key": "region", "operator": "In", "values": ["region-1"]}]}]})
    );
}

#[test]
fn configuration_from_class_and_claim() {
    let opaque = |p: &str| json!({"driver": "driver-a", "parameters": {p: "value"}});
    let mut case = Case::new(
        vec![slice(
            "slice-1",
            "pool-1",
            1,
            devices(&["device-1", "device-2"]),
        )],
        vec![],
    );
    case.classes = vec![parse(json!({"metadata": {"name": "class-a"},
        "spec": {"config": [{"opaque": opaque("fromClass")}]}}))];
    let mut c = claim("claim-0", json!([exact("req-0", 1), exact("req-1", 1)]));
    c["spec"]["devices"]["config"] = json!([
        {"requests": ["req-0"], "opaque": opaque("onlyReq0")},
        {"requests": ["req-0", "req-1"], "opaque": opaque("both")},
        {"requests": ["other"], "opaque": opaque("none")},
    ]);
    case.claims = vec![parse(c)];
    assert_eq!(
        case.results()[0]["devices"]["config"],
        json!([
            {"source": "FromClass", "opaque": opaque("fromClass")},
            {"source": "FromClaim", "requests": ["req-0"], "opaque": opaque("onlyReq0")},
            {"source": "FromClaim", "opaque": opaque("both")},
        ])
    );
}
