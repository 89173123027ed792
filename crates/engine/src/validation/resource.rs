//! resource.k8s.io validation (pkg/apis/resource/validation/validation.go)
//! and the fields that belong to feature gates.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::Hash;

use super::core::{annotations, labels, node_selector, object_meta, TOLERATION_OPERATORS};
use super::release_fields::{
    ReleaseField, NODE_ALLOCATABLE_RESOURCES, PARTITION_TYPE_ATTRIBUTE, SKIP_NODE_OPERATIONS,
};
use super::selector_check;
use super::{BadValue, ErrorList, ErrorType, FieldError};
use crate::api::{
    device_id, AllocationResult, CapacityRequestPolicyRange, CapacityRequirements,
    CelDeviceSelector, Counter, Device, DeviceAttribute, DeviceCapacity, DeviceClaim,
    DeviceClaimConfiguration, DeviceClass, DeviceConstraint, DeviceCounterConsumption,
    DeviceRequest, DeviceSelector, DeviceTaint, DeviceTaintRule, DeviceToleration,
    OpaqueDeviceConfiguration, RawValue, ResourceClaim, ResourceClaimStatus, ResourceClaimTemplate,
    ResourceSlice, RESERVED_FOR_MAX_SIZE,
};
use crate::cel::{self, CompileOptions};
use crate::features::{Gate, GateSet, Release};
use crate::names::{
    is_c_identifier, is_dns1123_label, is_dns1123_subdomain, is_qualified_name, is_semver,
    is_valid_label_value,
};
use crate::quantity::Quantity;
use crate::resource_names::is_extended_resource_name;
use crate::yaml::FieldPath;

// Limits of resource.k8s.io/v1.
const DEVICE_REQUESTS_MAX: usize = 32;
const DEVICE_CONSTRAINTS_MAX: usize = 32;
const DEVICE_CONFIG_MAX: usize = 32;
const DEVICE_SELECTORS_MAX: usize = 32;
const FIRST_AVAILABLE_MAX: usize = 8;
const DEVICE_TOLERATIONS_MAX: usize = 16;
const ALLOCATION_RESULTS_MAX: usize = 32;
const SLICE_MAX_DEVICES: usize = 128;
const SLICE_MAX_DEVICES_ADVANCED: usize = 64;
const SLICE_MAX_COUNTER_SETS: usize = 8;
const COUNTERS_PER_SET_MAX: usize = 32;
const COUNTER_CONSUMPTIONS_PER_DEVICE_MAX: usize = 2;
const COUNTERS_PER_CONSUMPTION_MAX: usize = 32;
const ATTRIBUTES_AND_CAPACITIES_MAX: usize = 32;
const ATTRIBUTE_VALUES_MAX: usize = 48;
const ATTRIBUTE_VALUE_MAX_LENGTH: usize = 64;
const VALID_VALUES_MAX: usize = 10;
const DEVICE_TAINTS_MAX: usize = 16;
const BINDING_CONDITIONS_MAX: usize = 4;
const DEVICE_MAX_DOMAIN_LENGTH: usize = 63;
const DEVICE_MAX_ID_LENGTH: usize = 32;
const DRIVER_NAME_MAX_LENGTH: usize = 63;
const POOL_NAME_MAX_LENGTH: usize = 253;
const OPAQUE_PARAMETERS_MAX_LENGTH: usize = 10 * 1024;
const ALLOCATED_DEVICE_STATUS_MAX_CONDITIONS: usize = 8;
const NETWORK_MAX_IPS: usize = 16;
const INTERFACE_NAME_MAX_LENGTH: usize = 256;
const HARDWARE_ADDRESS_MAX_LENGTH: usize = 128;

/// A device request's allocation modes.
pub const ALLOCATION_MODES: &[&str] = &["All", "ExactCount"];
/// A device taint's effects.
pub const TAINT_EFFECTS: &[&str] = &["NoExecute", "NoSchedule", "None"];
/// Where the configuration of an allocation comes from.
pub const CONFIG_SOURCES: &[&str] = &["FromClaim", "FromClass"];

/// Everything the checks of one object share.
struct Ctx<'a> {
    gates: &'a GateSet,
    errs: &'a mut ErrorList,
}

impl Ctx<'_> {
    fn gate(&mut self, gate: Gate, path: &FieldPath) -> bool {
        self.errs.gate(self.gates, gate, path)
    }

    fn since(&mut self, field: ReleaseField, path: &FieldPath) -> bool {
        self.errs.release(self.gates, field, path)
    }
}

fn driver_name(name: &str, path: &FieldPath, errs: &mut ErrorList) {
    if name.is_empty() {
        errs.required(path, "");
    }
    if name.len() > DRIVER_NAME_MAX_LENGTH {
        errs.too_long(path, DRIVER_NAME_MAX_LENGTH);
    }
    errs.invalid_each(path, name, is_dns1123_subdomain(&name.to_lowercase()));
}

fn pool_name(name: &str, path: &FieldPath, errs: &mut ErrorList) {
    if name.is_empty() {
        errs.required(path, "");
        return;
    }
    if name.len() > POOL_NAME_MAX_LENGTH {
        errs.too_long(path, POOL_NAME_MAX_LENGTH);
    }
    for part in name.split('/') {
        errs.invalid_each(path, part, is_dns1123_subdomain(part));
    }
}

fn label_name(name: &str, path: &FieldPath, errs: &mut ErrorList) {
    errs.invalid_each(path, name, is_qualified_name(name));
}

/// validateSlice: the size check short-circuits.
fn slice_limit(len: usize, max: usize, path: &FieldPath, errs: &mut ErrorList) -> bool {
    if len > max {
        errs.too_many(path, len, max);
        return false;
    }
    true
}

/// validateSet's uniqueness part.
fn duplicates<T, K: Eq + Hash>(
    items: &[T],
    key: impl Fn(&T) -> K,
    value: impl Fn(&T) -> BadValue,
    path: &FieldPath,
    errs: &mut ErrorList,
) {
    let mut seen = HashSet::new();
    for (i, item) in items.iter().enumerate() {
        if !seen.insert(key(item)) {
            errs.duplicate(&path.index(i), value(item));
        }
    }
}

fn truncate_key(key: &str, max: usize) -> String {
    let max = max.max(16);
    if key.len() <= max || !key.is_ascii() {
        return key.to_string();
    }
    let remaining = max - 3;
    format!(
        "{}...{}",
        &key[..remaining.div_ceil(2)],
        &key[key.len() - remaining / 2..]
    )
}

// ---------------------------------------------------------------- claims

/// A ResourceClaim.
pub(super) fn resource_claim(claim: &ResourceClaim, gates: &GateSet, errs: &mut ErrorList) {
    object_meta(&claim.metadata, true, errs);
    let mut ctx = Ctx { gates, errs };
    let names = request_names(&claim.spec.devices);
    device_claim(
        &claim.spec.devices,
        &FieldPath::new("spec").child("devices"),
        &mut ctx,
    );
    claim_status(&claim.status, &names, &FieldPath::new("status"), &mut ctx);
}

/// A ResourceClaimTemplate.
pub(super) fn resource_claim_template(
    template: &ResourceClaimTemplate,
    gates: &GateSet,
    errs: &mut ErrorList,
) {
    object_meta(&template.metadata, true, errs);
    let meta = FieldPath::new("spec").child("metadata");
    labels(&template.spec.metadata.labels, &meta.child("labels"), errs);
    annotations(
        &template.spec.metadata.annotations,
        &meta.child("annotations"),
        errs,
    );
    let mut ctx = Ctx { gates, errs };
    let path = FieldPath::new("spec").child("spec").child("devices");
    device_claim(&template.spec.spec.devices, &path, &mut ctx);
}

/// Request names, with subrequest names for prioritized lists.
type RequestNames = HashMap<String, Option<HashSet<String>>>;

fn request_names(claim: &DeviceClaim) -> RequestNames {
    claim
        .requests
        .iter()
        .map(|r| {
            let subs = (!r.first_available.is_empty())
                .then(|| r.first_available.iter().map(|s| s.name.clone()).collect());
            (r.name.clone(), subs)
        })
        .collect()
}

fn has_request(names: &RequestNames, reference: &str) -> bool {
    let segments: Vec<&str> = reference.split('/').collect();
    match segments.as_slice() {
        [r] => names.contains_key(*r),
        [r, s] => names
            .get(*r)
            .is_some_and(|subs| subs.as_ref().is_some_and(|subs| subs.contains(*s))),
        _ => false,
    }
}

const REQUEST_REF_DETAIL: &str =
    "must be the name of a request in the claim or the name of a request and a subrequest separated by '/'";

fn request_ref(name: &str, names: &RequestNames, path: &FieldPath, errs: &mut ErrorList) {
    let segments: Vec<&str> = name.split('/').collect();
    if segments.len() > 2 {
        errs.invalid(path, name, REQUEST_REF_DETAIL);
        return;
    }
    for s in segments {
        errs.invalid_each(path, s, is_dns1123_label(s));
    }
    if !has_request(names, name) {
        errs.invalid(path, name, REQUEST_REF_DETAIL);
    }
}

fn request_refs(refs: &[String], names: &RequestNames, path: &FieldPath, errs: &mut ErrorList) {
    if !slice_limit(refs.len(), DEVICE_REQUESTS_MAX, path, errs) {
        return;
    }
    for (i, r) in refs.iter().enumerate() {
        request_ref(r, names, &path.index(i), errs);
    }
    duplicates(refs, |r| r.clone(), |r| r.into(), path, errs);
}

fn device_claim(claim: &DeviceClaim, path: &FieldPath, ctx: &mut Ctx<'_>) {
    let names = request_names(claim);
    let requests = path.child("requests");
    if slice_limit(
        claim.requests.len(),
        DEVICE_REQUESTS_MAX,
        &requests,
        ctx.errs,
    ) {
        for (i, r) in claim.requests.iter().enumerate() {
            device_request(r, &requests.index(i), ctx);
        }
        duplicates(
            &claim.requests,
            |r| r.name.clone(),
            |r| (&r.name).into(),
            &requests,
            ctx.errs,
        );
    }
    let constraints = path.child("constraints");
    if slice_limit(
        claim.constraints.len(),
        DEVICE_CONSTRAINTS_MAX,
        &constraints,
        ctx.errs,
    ) {
        for (i, c) in claim.constraints.iter().enumerate() {
            device_constraint(c, &names, &constraints.index(i), ctx);
        }
    }
    let config = path.child("config");
    if slice_limit(claim.config.len(), DEVICE_CONFIG_MAX, &config, ctx.errs) {
        for (i, c) in claim.config.iter().enumerate() {
            claim_config(c, &names, &config.index(i), ctx.errs);
        }
    }
}

fn device_request(request: &DeviceRequest, path: &FieldPath, ctx: &mut Ctx<'_>) {
    ctx.errs.invalid_each(
        &path.child("name"),
        &request.name,
        is_dns1123_label(&request.name),
    );
    let has_first = !request.first_available.is_empty();
    match (&request.exactly, has_first) {
        (None, false) => ctx.errs.required(
            path,
            "exactly one of `exactly` or `firstAvailable` is required",
        ),
        (Some(_), true) => ctx.errs.invalid(
            path,
            BadValue::Null,
            "exactly one of `exactly` or `firstAvailable` is required, but multiple fields are set",
        ),
        (None, true) => {
            let fa = path.child("firstAvailable");
            ctx.gate(Gate::PrioritizedList, &fa);
            if slice_limit(
                request.first_available.len(),
                FIRST_AVAILABLE_MAX,
                &fa,
                ctx.errs,
            ) {
                for (i, sub) in request.first_available.iter().enumerate() {
                    let p = fa.index(i);
                    ctx.errs
                        .invalid_each(&p.child("name"), &sub.name, is_dns1123_label(&sub.name));
                    device_class_name(
                        &sub.device_class_name,
                        &p.child("deviceClassName"),
                        ctx.errs,
                    );
                    selectors(&sub.selectors, &p.child("selectors"), ctx);
                    allocation_mode(&sub.allocation_mode, sub.count, &p, ctx.errs);
                    tolerations(&sub.tolerations, &p.child("tolerations"), ctx);
                    capacity_requirements(sub.capacity.as_ref(), &p.child("capacity"), ctx);
                }
                duplicates(
                    &request.first_available,
                    |s| s.name.clone(),
                    |s| (&s.name).into(),
                    &fa,
                    ctx.errs,
                );
            }
        }
        (Some(exact), false) => {
            let p = path.child("exactly");
            device_class_name(
                &exact.device_class_name,
                &p.child("deviceClassName"),
                ctx.errs,
            );
            selectors(&exact.selectors, &p.child("selectors"), ctx);
            allocation_mode(&exact.allocation_mode, exact.count, &p, ctx.errs);
            if exact.admin_access.is_some() {
                ctx.gate(Gate::AdminAccess, &p.child("adminAccess"));
            }
            tolerations(&exact.tolerations, &p.child("tolerations"), ctx);
            capacity_requirements(exact.capacity.as_ref(), &p.child("capacity"), ctx);
        }
    }
}

fn device_class_name(name: &str, path: &FieldPath, errs: &mut ErrorList) {
    if name.is_empty() {
        errs.required(path, "");
    } else {
        errs.invalid_each(path, name, is_dns1123_subdomain(name));
    }
}

fn allocation_mode(mode: &str, count: i64, path: &FieldPath, errs: &mut ErrorList) {
    match mode {
        "All" => {
            if count != 0 {
                errs.invalid(
                    &path.child("count"),
                    count,
                    format!("must not be specified when allocationMode is '{mode}'"),
                );
            }
        }
        "ExactCount" => {
            if count <= 0 {
                errs.invalid(&path.child("count"), count, "must be greater than zero");
            }
        }
        _ => errs.not_supported(&path.child("allocationMode"), mode, ALLOCATION_MODES),
    }
}

fn capacity_requirements(
    capacity: Option<&CapacityRequirements>,
    path: &FieldPath,
    ctx: &mut Ctx<'_>,
) {
    let Some(capacity) = capacity else { return };
    ctx.gate(Gate::ConsumableCapacity, path);
    for name in capacity.requests.keys() {
        qualified_name(name, &path.child("requests").key(name), ctx.errs);
    }
}

fn selectors(selectors: &[DeviceSelector], path: &FieldPath, ctx: &mut Ctx<'_>) {
    if !slice_limit(selectors.len(), DEVICE_SELECTORS_MAX, path, ctx.errs) {
        return;
    }
    for (i, s) in selectors.iter().enumerate() {
        let p = path.index(i).child("cel");
        match &s.cel {
            None => ctx.errs.required(&p, ""),
            Some(c) => cel_selector(c, &p, ctx),
        }
    }
}

fn cel_selector(selector: &CelDeviceSelector, path: &FieldPath, ctx: &mut Ctx<'_>) {
    let path = path.child("expression");
    let expression = &selector.expression;
    if expression.len() > cel::SELECTOR_MAX_LENGTH {
        ctx.errs.too_long(&path, cel::SELECTOR_MAX_LENGTH);
        return;
    }
    let options = CompileOptions {
        list_type_attributes: ctx.gates.enabled(Gate::ListTypeAttributes),
        consumable_capacity: ctx.gates.enabled(Gate::ConsumableCapacity),
    };
    match selector_check::check(expression, options) {
        // No program could be made: an internal error, without the value.
        Err(e) if e.internal => ctx.errs.0.push(FieldError {
            path,
            kind: ErrorType::Internal,
            value: BadValue::Omitted,
            detail: e.message,
            offset: e.offset,
        }),
        Err(e) => ctx.errs.0.push(FieldError {
            path,
            kind: ErrorType::Invalid,
            value: expression.into(),
            detail: e.message,
            offset: e.offset,
        }),
        Ok(exceeds_cost_limit) => {
            if exceeds_cost_limit {
                ctx.errs.forbidden(&path, cel::TOO_COMPLEX);
            }
        }
    }
}

fn tolerations(tolerations: &[DeviceToleration], path: &FieldPath, ctx: &mut Ctx<'_>) {
    if tolerations.is_empty() {
        return;
    }
    ctx.gate(Gate::DeviceTaints, path);
    if !slice_limit(tolerations.len(), DEVICE_TOLERATIONS_MAX, path, ctx.errs) {
        return;
    }
    for (i, t) in tolerations.iter().enumerate() {
        toleration(t, &path.index(i), ctx.errs);
    }
}

fn toleration(t: &DeviceToleration, path: &FieldPath, errs: &mut ErrorList) {
    if !t.key.is_empty() {
        label_name(&t.key, &path.child("key"), errs);
    }
    match t.operator.as_str() {
        "Exists" => {
            if !t.value.is_empty() {
                errs.invalid(
                    &path.child("value"),
                    &t.value,
                    "must be empty for operator `Exists`",
                );
            }
        }
        "Equal" => errs.invalid_each(
            &path.child("value"),
            &t.value,
            is_valid_label_value(&t.value),
        ),
        "" => errs.required(&path.child("operator"), ""),
        op => errs.not_supported(&path.child("operator"), op, TOLERATION_OPERATORS),
    }
    if !t.effect.is_empty() && !TAINT_EFFECTS.contains(&t.effect.as_str()) {
        errs.not_supported(&path.child("effect"), &t.effect, TAINT_EFFECTS);
    }
}

fn device_constraint(
    c: &DeviceConstraint,
    names: &RequestNames,
    path: &FieldPath,
    ctx: &mut Ctx<'_>,
) {
    request_refs(&c.requests, names, &path.child("requests"), ctx.errs);
    if let Some(m) = &c.match_attribute {
        fully_qualified_name(m, &path.child("matchAttribute"), ctx.errs);
    } else if let Some(d) = &c.distinct_attribute {
        let p = path.child("distinctAttribute");
        ctx.gate(Gate::ConsumableCapacity, &p);
        fully_qualified_name(d, &p, ctx.errs);
    } else if ctx.gates.enabled(Gate::ConsumableCapacity) {
        ctx.errs.required(
            path,
            "exactly one of \"matchAttribute\" or \"distinctAttribute\" is required, but multiple fields are set",
        );
    } else {
        ctx.errs.required(&path.child("matchAttribute"), "");
    }
}

fn claim_config(
    c: &DeviceClaimConfiguration,
    names: &RequestNames,
    path: &FieldPath,
    errs: &mut ErrorList,
) {
    request_refs(&c.requests, names, &path.child("requests"), errs);
    opaque_config(c.opaque.as_ref(), path, errs);
}

fn opaque_config(
    opaque: Option<&OpaqueDeviceConfiguration>,
    path: &FieldPath,
    errs: &mut ErrorList,
) {
    let p = path.child("opaque");
    match opaque {
        None => errs.required(&p, ""),
        Some(o) => {
            driver_name(&o.driver, &p.child("driver"), errs);
            raw_extension(
                &o.parameters,
                &p.child("parameters"),
                OPAQUE_PARAMETERS_MAX_LENGTH,
                errs,
            );
        }
    }
}

fn raw_extension(value: &RawValue, path: &FieldPath, max: usize, errs: &mut ErrorList) {
    if value.is_null() {
        errs.required(path, "");
        return;
    }
    let len = serde_json::to_string(value).map_or(0, |s| s.len());
    if len > max {
        errs.too_long(path, max);
    } else if !value.is_object() {
        errs.invalid(path, "<value omitted>", "must be a valid JSON object");
    }
}

fn qualified_name(name: &str, path: &FieldPath, errs: &mut ErrorList) {
    let parts: Vec<&str> = name.split('/').collect();
    match parts.as_slice() {
        [id] => c_identifier(id, path, errs),
        [domain, id] => {
            if domain.is_empty() {
                errs.invalid(path, "", "the domain must not be empty");
            } else {
                driver_name(domain, path, errs);
            }
            if id.is_empty() {
                errs.invalid(path, "", "the name must not be empty");
            } else {
                c_identifier(id, path, errs);
            }
        }
        _ => {} // upstream accepts more than one slash (a known gap, kept for compatibility)
    }
}

fn fully_qualified_name(name: &str, path: &FieldPath, errs: &mut ErrorList) {
    qualified_name(name, path, errs);
    if !name.contains('/') {
        errs.invalid(
            path,
            name,
            "a fully qualified name must be a domain and a name separated by a slash",
        );
    }
}

fn c_identifier(id: &str, path: &FieldPath, errs: &mut ErrorList) {
    if id.len() > DEVICE_MAX_ID_LENGTH {
        errs.too_long(path, DEVICE_MAX_ID_LENGTH);
    }
    errs.invalid_each(path, id, is_c_identifier(id));
}

fn claim_status(
    status: &ResourceClaimStatus,
    names: &RequestNames,
    path: &FieldPath,
    ctx: &mut Ctx<'_>,
) {
    let reserved = path.child("reservedFor");
    if slice_limit(
        status.reserved_for.len(),
        RESERVED_FOR_MAX_SIZE,
        &reserved,
        ctx.errs,
    ) {
        for (i, r) in status.reserved_for.iter().enumerate() {
            let p = reserved.index(i);
            if r.resource.is_empty() {
                ctx.errs.required(&p.child("resource"), "");
            }
            if r.name.is_empty() {
                ctx.errs.required(&p.child("name"), "");
            }
            if r.uid.is_empty() {
                ctx.errs.required(&p.child("uid"), "");
            }
        }
        duplicates(
            &status.reserved_for,
            |r| r.uid.clone(),
            |r| (&r.uid).into(),
            &reserved,
            ctx.errs,
        );
    }
    if !status.reserved_for.is_empty() && status.allocation.is_none() {
        ctx.errs.forbidden(
            &reserved,
            "may not be specified when `allocated` is not set",
        );
    }
    if let Some(allocation) = &status.allocation {
        allocation_result(allocation, names, &path.child("allocation"), ctx);
    }
    let devices = path.child("devices");
    if !status.devices.is_empty() {
        ctx.gate(Gate::ResourceClaimDeviceStatus, &devices);
    }
    let allocated: HashSet<(&str, &str, &str, Option<&str>)> = status
        .allocation
        .iter()
        .flat_map(|a| a.devices.results.iter())
        .map(|r| {
            (
                r.driver.as_str(),
                r.pool.as_str(),
                r.device.as_str(),
                r.share_id.as_deref(),
            )
        })
        .collect();
    for (i, d) in status.devices.iter().enumerate() {
        let p = devices.index(i);
        driver_name(&d.driver, &p.child("driver"), ctx.errs);
        pool_name(&d.pool, &p.child("pool"), ctx.errs);
        ctx.errs
            .invalid_each(&p.child("device"), &d.device, is_dns1123_label(&d.device));
        if let Some(share) = &d.share_id {
            ctx.gate(Gate::ConsumableCapacity, &p.child("shareID"));
            uid(share, &p.child("shareID"), ctx.errs);
        }
        if !allocated.contains(&(
            d.driver.as_str(),
            d.pool.as_str(),
            d.device.as_str(),
            d.share_id.as_deref(),
        )) {
            let id = match &d.share_id {
                Some(s) => format!("{}/{}/{}/{}", d.driver, d.pool, d.device, s),
                None => device_id(&d.driver, &d.pool, &d.device),
            };
            ctx.errs
                .invalid(&p, id.as_str(), "must be an allocated device in the claim");
        }
        if d.conditions.len() > ALLOCATED_DEVICE_STATUS_MAX_CONDITIONS {
            ctx.errs.too_many(
                &p.child("conditions"),
                d.conditions.len(),
                ALLOCATED_DEVICE_STATUS_MAX_CONDITIONS,
            );
        }
        if let Some(data) = &d.data {
            raw_extension(
                data,
                &p.child("data"),
                OPAQUE_PARAMETERS_MAX_LENGTH,
                ctx.errs,
            );
        }
        if let Some(n) = &d.network_data {
            let np = p.child("networkData");
            if n.interface_name.len() > INTERFACE_NAME_MAX_LENGTH {
                ctx.errs
                    .too_long(&np.child("interfaceName"), INTERFACE_NAME_MAX_LENGTH);
            }
            if n.hardware_address.len() > HARDWARE_ADDRESS_MAX_LENGTH {
                ctx.errs
                    .too_long(&np.child("hardwareAddress"), HARDWARE_ADDRESS_MAX_LENGTH);
            }
            if slice_limit(n.ips.len(), NETWORK_MAX_IPS, &np.child("ips"), ctx.errs) {
                duplicates(
                    &n.ips,
                    |s| s.clone(),
                    |s| s.into(),
                    &np.child("ips"),
                    ctx.errs,
                );
            }
        }
    }
    duplicates(
        &status.devices,
        |d| {
            (
                d.driver.clone(),
                d.pool.clone(),
                d.device.clone(),
                d.share_id.clone(),
            )
        },
        |d| device_id(&d.driver, &d.pool, &d.device).as_str().into(),
        &devices,
        ctx.errs,
    );
}

fn uid(value: &str, path: &FieldPath, errs: &mut ErrorList) {
    let groups: Vec<&str> = value.split('-').collect();
    let shape = [8, 4, 4, 4, 12];
    let ok = groups.len() == 5
        && groups
            .iter()
            .zip(shape)
            .all(|(g, n)| g.len() == n && g.bytes().all(|c| c.is_ascii_hexdigit()));
    if !ok || value != value.to_lowercase() {
        errs.invalid(
            path,
            value,
            "uid must be in RFC 4122 normalized form, `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` with lowercase hexadecimal characters",
        );
    }
}

fn allocation_result(
    a: &AllocationResult,
    names: &RequestNames,
    path: &FieldPath,
    ctx: &mut Ctx<'_>,
) {
    let results = path.child("devices").child("results");
    if slice_limit(
        a.devices.results.len(),
        ALLOCATION_RESULTS_MAX,
        &results,
        ctx.errs,
    ) {
        for (i, r) in a.devices.results.iter().enumerate() {
            let p = results.index(i);
            request_ref(&r.request, names, &p.child("request"), ctx.errs);
            driver_name(&r.driver, &p.child("driver"), ctx.errs);
            pool_name(&r.pool, &p.child("pool"), ctx.errs);
            ctx.errs
                .invalid_each(&p.child("device"), &r.device, is_dns1123_label(&r.device));
            if r.admin_access.is_some() {
                ctx.gate(Gate::AdminAccess, &p.child("adminAccess"));
            }
            if !r.tolerations.is_empty() {
                ctx.gate(Gate::DeviceTaints, &p.child("tolerations"));
                for (j, t) in r.tolerations.iter().enumerate() {
                    toleration(t, &p.child("tolerations").index(j), ctx.errs);
                }
            }
            if !r.binding_conditions.is_empty() || !r.binding_failure_conditions.is_empty() {
                binding_gates(&p.child("bindingConditions"), ctx);
            }
            binding_parameters(
                &r.binding_conditions,
                &r.binding_failure_conditions,
                &p,
                ctx.errs,
            );
            if let Some(share) = &r.share_id {
                ctx.gate(Gate::ConsumableCapacity, &p.child("shareID"));
                uid(share, &p.child("shareID"), ctx.errs);
            }
            if !r.consumed_capacity.is_empty() {
                ctx.gate(Gate::ConsumableCapacity, &p.child("consumedCapacity"));
            }
            if !r.skip_node_operations.is_empty() {
                ctx.since(SKIP_NODE_OPERATIONS, &p.child("skipNodeOperations"));
            }
        }
    }
    let config = path.child("devices").child("config");
    if slice_limit(
        a.devices.config.len(),
        2 * DEVICE_CONFIG_MAX,
        &config,
        ctx.errs,
    ) {
        for (i, c) in a.devices.config.iter().enumerate() {
            let p = config.index(i);
            match c.source.as_str() {
                "" => ctx.errs.required(&p.child("source"), ""),
                "FromClaim" | "FromClass" => {}
                s => ctx
                    .errs
                    .not_supported(&p.child("source"), s, CONFIG_SOURCES),
            }
            request_refs(&c.requests, names, &p.child("requests"), ctx.errs);
            opaque_config(c.opaque.as_ref(), &p, ctx.errs);
        }
    }
    if let Some(ns) = &a.node_selector {
        node_selector(ns, &path.child("nodeSelector"), ctx.errs);
    }
}

/// Binding conditions need DRADeviceBindingConditions and DRAResourceClaimDeviceStatus.
fn binding_gates(path: &FieldPath, ctx: &mut Ctx<'_>) {
    if !ctx.gate(Gate::DeviceBindingConditions, path) {
        ctx.gate(Gate::ResourceClaimDeviceStatus, path);
    }
}

fn binding_parameters(
    conditions: &[String],
    failures: &[String],
    path: &FieldPath,
    errs: &mut ErrorList,
) {
    let cp = path.child("bindingConditions");
    let fp = path.child("bindingFailureConditions");
    if slice_limit(conditions.len(), BINDING_CONDITIONS_MAX, &cp, errs) {
        for (i, c) in conditions.iter().enumerate() {
            label_name(c, &cp.index(i), errs);
        }
    }
    if slice_limit(failures.len(), BINDING_CONDITIONS_MAX, &fp, errs) {
        for (i, c) in failures.iter().enumerate() {
            label_name(c, &fp.index(i), errs);
        }
    }
    duplicates(conditions, |s| s.clone(), |s| s.into(), &cp, errs);
    duplicates(failures, |s| s.clone(), |s| s.into(), &fp, errs);
    for (i, f) in failures.iter().enumerate() {
        if conditions.contains(f) {
            errs.invalid(
                &fp.index(i),
                f,
                "bindingFailureConditions must not overlap with bindingConditions",
            );
        }
    }
    if conditions.is_empty() && !failures.is_empty() {
        errs.invalid(
            &cp,
            BadValue::Raw("[]".into()),
            "bindingConditions are required to use bindingFailureConditions",
        );
    }
    if failures.is_empty() && !conditions.is_empty() {
        errs.invalid(
            &fp,
            BadValue::Raw("[]".into()),
            "bindingFailureConditions are required to use bindingConditions",
        );
    }
}

// ---------------------------------------------------------------- classes

/// A DeviceClass.
pub(super) fn device_class(class: &DeviceClass, gates: &GateSet, errs: &mut ErrorList) {
    object_meta(&class.metadata, false, errs);
    let mut ctx = Ctx { gates, errs };
    let spec = FieldPath::new("spec");
    selectors(&class.spec.selectors, &spec.child("selectors"), &mut ctx);
    let config = spec.child("config");
    if slice_limit(
        class.spec.config.len(),
        DEVICE_CONFIG_MAX,
        &config,
        ctx.errs,
    ) {
        for (i, c) in class.spec.config.iter().enumerate() {
            opaque_config(c.opaque.as_ref(), &config.index(i), ctx.errs);
        }
    }
    if let Some(name) = &class.spec.extended_resource_name {
        let path = spec.child("extendedResourceName");
        if !ctx.gate(Gate::ExtendedResource, &path) && !is_extended_resource_name(name) {
            ctx.errs
                .invalid(&path, name, "must be a valid extended resource name");
        }
    }
}

// ---------------------------------------------------------------- slices

/// A ResourceSlice.
pub(super) fn resource_slice(slice: &ResourceSlice, gates: &GateSet, errs: &mut ErrorList) {
    object_meta(&slice.metadata, false, errs);
    let mut ctx = Ctx { gates, errs };
    let spec = &slice.spec;
    let path = FieldPath::new("spec");
    driver_name(&spec.driver, &path.child("driver"), ctx.errs);
    let pool = path.child("pool");
    pool_name(&spec.pool.name, &pool.child("name"), ctx.errs);
    if spec.pool.resource_slice_count <= 0 {
        ctx.errs.invalid(
            &pool.child("resourceSliceCount"),
            spec.pool.resource_slice_count,
            "must be greater than zero",
        );
    }
    if spec.pool.generation < 0 {
        ctx.errs.invalid(
            &pool.child("generation"),
            spec.pool.generation,
            "must be greater than or equal to zero",
        );
    }

    let mut set = Vec::new();
    if let Some(name) = &spec.node_name {
        if name.is_empty() {
            ctx.errs.invalid(
                &path.child("nodeName"),
                name,
                "must be either unset or set to a non-empty string",
            );
        } else {
            set.push("`nodeName`");
            ctx.errs
                .invalid_each(&path.child("nodeName"), name, is_dns1123_subdomain(name));
        }
    }
    if let Some(ns) = &spec.node_selector {
        set.push("`nodeSelector`");
        node_selector(ns, &path.child("nodeSelector"), ctx.errs);
        if ns.node_selector_terms.len() != 1 {
            ctx.errs.invalid(
                &path.child("nodeSelector").child("nodeSelectorTerms"),
                BadValue::Raw(serde_json::to_string(&ns.node_selector_terms).unwrap_or_default()),
                "must have exactly one node selector term",
            );
        }
    }
    if let Some(all) = spec.all_nodes {
        if all {
            set.push("`allNodes`");
        } else {
            ctx.errs.invalid(
                &path.child("allNodes"),
                false,
                "must be either unset or set to true",
            );
        }
    }
    if let Some(per_device) = spec.per_device_node_selection {
        ctx.gate(
            Gate::PartitionableDevices,
            &path.child("perDeviceNodeSelection"),
        );
        if per_device {
            set.push("`perDeviceNodeSelection`");
        } else {
            ctx.errs.invalid(
                &path.child("perDeviceNodeSelection"),
                false,
                "must be either unset or set to true",
            );
        }
    }
    const ONE_OF: &str = "exactly one of `nodeName`, `nodeSelector`, `allNodes`, `perDeviceNodeSelection` is required";
    match set.len() {
        0 => ctx.errs.required(&path, ONE_OF),
        1 => {}
        _ => ctx.errs.invalid(
            &path,
            format!("{{{}}}", set.join(", ")).as_str(),
            format!("{ONE_OF}, but multiple fields are set"),
        ),
    }

    if spec.partition_type_attribute.is_some() {
        ctx.since(
            PARTITION_TYPE_ATTRIBUTE,
            &path.child("partitionTypeAttribute"),
        );
    }
    if !spec.skip_node_operations.is_empty() {
        ctx.since(SKIP_NODE_OPERATIONS, &path.child("skipNodeOperations"));
    }
    if !spec.shared_counters.is_empty() {
        ctx.gate(Gate::PartitionableDevices, &path.child("sharedCounters"));
        // Kubernetes 1.34 read counters and devices from one slice; 1.35
        // split them.
        let split = ctx.gates.release().is_none_or(|r| r >= Release::v1(35));
        if split && !spec.devices.is_empty() {
            ctx.errs.invalid(
                &path,
                "",
                "only one of `sharedCounters` or `devices` is allowed",
            );
        }
    }

    let advanced = spec.devices.iter().any(|d| {
        !d.taints.is_empty()
            || !d.consumes_counters.is_empty()
            || d.attributes.values().any(is_list_attribute)
    });
    let max = if advanced {
        SLICE_MAX_DEVICES_ADVANCED
    } else {
        SLICE_MAX_DEVICES
    };
    let devices = path.child("devices");
    if slice_limit(spec.devices.len(), max, &devices, ctx.errs) {
        let per_device = spec.per_device_node_selection == Some(true);
        for (i, d) in spec.devices.iter().enumerate() {
            device(d, per_device, &devices.index(i), &mut ctx);
        }
        duplicates(
            &spec.devices,
            |d| d.name.clone(),
            |d| (&d.name).into(),
            &devices,
            ctx.errs,
        );
    }

    let counters = path.child("sharedCounters");
    if slice_limit(
        spec.shared_counters.len(),
        SLICE_MAX_COUNTER_SETS,
        &counters,
        ctx.errs,
    ) {
        for (i, set) in spec.shared_counters.iter().enumerate() {
            let p = counters.index(i);
            if set.name.is_empty() {
                ctx.errs.required(&p.child("name"), "");
            } else {
                ctx.errs
                    .invalid_each(&p.child("name"), &set.name, is_dns1123_label(&set.name));
            }
            counter_map(
                &set.counters,
                COUNTERS_PER_SET_MAX,
                &p.child("counters"),
                ctx.errs,
            );
        }
        duplicates(
            &spec.shared_counters,
            |s| s.name.clone(),
            |s| (&s.name).into(),
            &counters,
            ctx.errs,
        );
    }
}

fn counter_map(
    counters: &BTreeMap<String, Counter>,
    max: usize,
    path: &FieldPath,
    errs: &mut ErrorList,
) {
    if counters.is_empty() {
        errs.required(path, "");
        return;
    }
    if counters.len() > max {
        errs.too_many(path, counters.len(), max);
        return;
    }
    for name in counters.keys() {
        let p = path.key(&truncate_key(name, 63));
        errs.invalid_each(&p, name, is_dns1123_label(name));
    }
}

fn is_list_attribute(a: &DeviceAttribute) -> bool {
    a.int_values.is_some()
        || a.bool_values.is_some()
        || a.string_values.is_some()
        || a.version_values.is_some()
}

fn device(d: &Device, per_device: bool, path: &FieldPath, ctx: &mut Ctx<'_>) {
    ctx.errs
        .invalid_each(&path.child("name"), &d.name, is_dns1123_label(&d.name));
    let total = d.attributes.len() + d.capacity.len();
    if total > ATTRIBUTES_AND_CAPACITIES_MAX {
        ctx.errs.invalid(
            path,
            total,
            format!("the total number of attributes and capacities must not exceed {ATTRIBUTES_AND_CAPACITIES_MAX}"),
        );
    }
    let key_max = DEVICE_MAX_DOMAIN_LENGTH + 1 + DEVICE_MAX_ID_LENGTH;
    let mut values = 0;
    for (name, attr) in &d.attributes {
        let p = path.child("attributes").key(&truncate_key(name, key_max));
        qualified_name(name, &p, ctx.errs);
        values += device_attribute(attr, &p, ctx);
    }
    if values > ATTRIBUTE_VALUES_MAX {
        ctx.errs.invalid(
            &path.child("attributes"),
            values,
            format!("the total number of attribute values must not exceed {ATTRIBUTE_VALUES_MAX}"),
        );
    }
    let multi = d.allow_multiple_allocations == Some(true);
    if d.allow_multiple_allocations.is_some() {
        ctx.gate(
            Gate::ConsumableCapacity,
            &path.child("allowMultipleAllocations"),
        );
    }
    for (name, cap) in &d.capacity {
        let p = path.child("capacity").key(&truncate_key(name, key_max));
        qualified_name(name, &p, ctx.errs);
        device_capacity(cap, multi, &p, ctx);
    }
    let taints = path.child("taints");
    if !d.taints.is_empty() {
        ctx.gate(Gate::DeviceTaints, &taints);
    }
    if slice_limit(d.taints.len(), DEVICE_TAINTS_MAX, &taints, ctx.errs) {
        for (i, t) in d.taints.iter().enumerate() {
            taint(t, &taints.index(i), ctx.errs);
        }
    }
    let consumes = path.child("consumesCounters");
    if !d.consumes_counters.is_empty() {
        ctx.gate(Gate::PartitionableDevices, &consumes);
    }
    if slice_limit(
        d.consumes_counters.len(),
        COUNTER_CONSUMPTIONS_PER_DEVICE_MAX,
        &consumes,
        ctx.errs,
    ) {
        for (i, c) in d.consumes_counters.iter().enumerate() {
            counter_consumption(c, &consumes.index(i), ctx.errs);
        }
        duplicates(
            &d.consumes_counters,
            |c| c.counter_set.clone(),
            |c| (&c.counter_set).into(),
            &consumes,
            ctx.errs,
        );
    }

    for (set, field) in [
        (d.node_name.is_some(), "nodeName"),
        (d.node_selector.is_some(), "nodeSelector"),
        (d.all_nodes.is_some(), "allNodes"),
    ] {
        if set {
            ctx.gate(Gate::PartitionableDevices, &path.child(field));
        }
    }
    if per_device {
        let mut set = Vec::new();
        if let Some(name) = &d.node_name {
            if name.is_empty() {
                ctx.errs
                    .invalid(&path.child("nodeName"), name, "must not be empty");
            } else {
                set.push("`nodeName`");
                ctx.errs
                    .invalid_each(&path.child("nodeName"), name, is_dns1123_subdomain(name));
            }
        }
        if let Some(ns) = &d.node_selector {
            set.push("`nodeSelector`");
            node_selector(ns, &path.child("nodeSelector"), ctx.errs);
        }
        if let Some(all) = d.all_nodes {
            if all {
                set.push("`allNodes`");
            } else {
                ctx.errs.invalid(
                    &path.child("allNodes"),
                    false,
                    "must be either unset or set to true",
                );
            }
        }
        const ONE_OF: &str = "exactly one of `nodeName`, `nodeSelector`, or `allNodes` is required when `perDeviceNodeSelection` is set to true in the ResourceSlice spec";
        match set.len() {
            0 => ctx.errs.required(path, ONE_OF),
            1 => {}
            _ => ctx
                .errs
                .invalid(path, format!("{{{}}}", set.join(", ")).as_str(), ONE_OF),
        }
    } else if d.node_name.is_some() || d.node_selector.is_some() || d.all_nodes.is_some() {
        ctx.errs.invalid(
            path,
            BadValue::Null,
            "`nodeName`, `nodeSelector` and `allNodes` can only be set if `perDeviceNodeSelection` is set to true in the ResourceSlice spec",
        );
    }

    if !d.node_allocatable_resources.is_empty() {
        ctx.since(
            NODE_ALLOCATABLE_RESOURCES,
            &path.child("nodeAllocatableResources"),
        );
    }
    let binding = d.binds_to_node.is_some()
        || !d.binding_conditions.is_empty()
        || !d.binding_failure_conditions.is_empty();
    if binding {
        let field = if d.binds_to_node.is_some() {
            "bindsToNode"
        } else if !d.binding_conditions.is_empty() {
            "bindingConditions"
        } else {
            "bindingFailureConditions"
        };
        binding_gates(&path.child(field), ctx);
    }
    binding_parameters(
        &d.binding_conditions,
        &d.binding_failure_conditions,
        path,
        ctx.errs,
    );
}

/// Checks one attribute; returns how many values it holds.
fn device_attribute(a: &DeviceAttribute, path: &FieldPath, ctx: &mut Ctx<'_>) -> usize {
    let mut set = 0;
    let mut values = 0;
    if a.bool_value.is_some() {
        set += 1;
        values += 1;
    }
    if a.int_value.is_some() {
        set += 1;
        values += 1;
    }
    if let Some(s) = &a.string_value {
        set += 1;
        values += 1;
        if s.len() > ATTRIBUTE_VALUE_MAX_LENGTH {
            ctx.errs
                .too_long(&path.child("string"), ATTRIBUTE_VALUE_MAX_LENGTH);
        }
    }
    if let Some(v) = &a.version_value {
        set += 1;
        values += 1;
        version_value(v, &path.child("version"), ctx.errs);
    }
    let lists: [(&str, Option<usize>); 4] = [
        ("ints", a.int_values.as_ref().map(Vec::len)),
        ("bools", a.bool_values.as_ref().map(Vec::len)),
        ("strings", a.string_values.as_ref().map(Vec::len)),
        ("versions", a.version_values.as_ref().map(Vec::len)),
    ];
    for (field, len) in lists {
        let Some(len) = len else { continue };
        set += 1;
        values += len;
        let p = path.child(field);
        ctx.gate(Gate::ListTypeAttributes, &p);
        if len == 0 {
            ctx.errs.required(&p, "must not be empty");
        }
    }
    for (i, s) in a.string_values.iter().flatten().enumerate() {
        if s.len() > ATTRIBUTE_VALUE_MAX_LENGTH {
            ctx.errs
                .too_long(&path.child("strings").index(i), ATTRIBUTE_VALUE_MAX_LENGTH);
        }
    }
    for (i, v) in a.version_values.iter().flatten().enumerate() {
        version_value(v, &path.child("versions").index(i), ctx.errs);
    }
    match set {
        0 => ctx
            .errs
            .invalid(path, "", "exactly one value must be specified"),
        1 => {}
        _ => ctx.errs.invalid(
            path,
            BadValue::Raw(serde_json::to_string(a).unwrap_or_default()),
            "exactly one value must be specified",
        ),
    }
    values
}

fn version_value(v: &str, path: &FieldPath, errs: &mut ErrorList) {
    if !is_semver(v) {
        errs.invalid(
            path,
            v,
            "must be a string compatible with semver.org spec 2.0.0",
        );
    }
    if v.len() > ATTRIBUTE_VALUE_MAX_LENGTH {
        errs.too_long(path, ATTRIBUTE_VALUE_MAX_LENGTH);
    }
}

fn device_capacity(c: &DeviceCapacity, multi: bool, path: &FieldPath, ctx: &mut Ctx<'_>) {
    let Some(policy) = &c.request_policy else {
        return;
    };
    let p = path.child("requestPolicy");
    ctx.gate(Gate::ConsumableCapacity, &p);
    if !multi {
        ctx.errs
            .forbidden(&p, "allowMultipleAllocations must be true");
        return;
    }
    if !policy.valid_values.is_empty() && policy.valid_range.is_some() {
        ctx.errs.forbidden(
            &p,
            "exactly one policy can be specified, cannot specify \"validValues\" and \"validRange\" at the same time",
        );
    } else if !policy.valid_values.is_empty() {
        match &policy.default {
            None => ctx
                .errs
                .required(&p.child("default"), "required when validValues is defined"),
            Some(d) => valid_values(
                d,
                &c.value,
                &policy.valid_values,
                &p.child("validValues"),
                ctx.errs,
            ),
        }
    } else if let Some(range) = &policy.valid_range {
        match &policy.default {
            None => ctx
                .errs
                .required(&p.child("default"), "required when validRange is defined"),
            Some(d) => valid_range(d, &c.value, range, &p.child("validRange"), ctx.errs),
        }
    }
}

fn q(value: &Quantity) -> BadValue {
    BadValue::Str(value.to_string())
}

fn valid_values(
    default: &Quantity,
    capacity: &Quantity,
    values: &[Quantity],
    path: &FieldPath,
    errs: &mut ErrorList,
) {
    for i in 1..values.len() {
        if values[i - 1] > values[i] {
            errs.invalid(
                &path.index(i),
                q(&values[i]),
                "values must be sorted in ascending order",
            );
        }
    }
    if !slice_limit(values.len(), VALID_VALUES_MAX, path, errs) {
        return;
    }
    let mut found = false;
    for (i, v) in values.iter().enumerate() {
        if v > capacity {
            errs.invalid(
                &path.index(i),
                q(v),
                format!("option is larger than capacity value: {capacity}"),
            );
        }
        found |= v == default;
    }
    duplicates(
        values,
        |v| v.value(),
        |v| BadValue::Str(v.value().to_string()),
        path,
        errs,
    );
    if !found {
        errs.invalid(
            path,
            q(default),
            "default value is not valid according to the requestPolicy",
        );
    }
}

fn valid_range(
    default: &Quantity,
    capacity: &Quantity,
    range: &CapacityRequestPolicyRange,
    path: &FieldPath,
    errs: &mut ErrorList,
) {
    let Some(min) = &range.min else {
        errs.required(&path.child("min"), "required when validRange is defined");
        return;
    };
    if min > capacity {
        errs.invalid(
            &path.child("min"),
            q(min),
            format!("min is larger than capacity value: {capacity}"),
        );
    }
    if default < min {
        errs.invalid(
            &path.child("min"),
            q(default),
            format!("default is less than min: {min}"),
        );
    }
    if let Some(max) = &range.max {
        if min > max {
            errs.invalid(
                &path.child("max"),
                q(min),
                format!("min is larger than max: {max}"),
            );
        }
        if max > capacity {
            errs.invalid(
                &path.child("max"),
                q(max),
                format!("max is larger than capacity value: {capacity}"),
            );
        }
        if default > max {
            errs.invalid(
                &path.child("max"),
                q(default),
                format!("default is more than max: {max}"),
            );
        }
    }
    if let Some(step) = &range.step {
        if let Some(added) = min.checked_add(step) {
            if &added > capacity {
                errs.invalid(
                    &path.child("step"),
                    q(step),
                    format!("one step {added} is larger than capacity value: {capacity}"),
                );
            }
        }
        on_step(default, min, step, &path.child("step"), errs);
        if let Some(max) = &range.max {
            on_step(max, min, step, &path.child("step"), errs);
        }
    }
}

fn on_step(
    value: &Quantity,
    min: &Quantity,
    step: &Quantity,
    path: &FieldPath,
    errs: &mut ErrorList,
) {
    let step_value = step.value();
    if step_value == 0 {
        return; // upstream would divide by zero
    }
    if (value.value().wrapping_sub(min.value())) % step_value != 0 {
        errs.invalid(
            path,
            q(value),
            format!("value is not a multiple of a given step ({step}) from ({min})"),
        );
    }
}

// ---------------------------------------------------------------- taint rules

/// A DeviceTaintRule: its taint, and the names its selector compares.
pub(super) fn device_taint_rule(rule: &DeviceTaintRule, gates: &GateSet, errs: &mut ErrorList) {
    object_meta(&rule.metadata, false, errs);
    let mut ctx = Ctx { gates, errs };
    let spec = FieldPath::new("spec");
    taint(&rule.spec.taint, &spec.child("taint"), ctx.errs);
    let Some(selector) = &rule.spec.device_selector else {
        return;
    };
    let path = spec.child("deviceSelector");
    if let Some(driver) = &selector.driver {
        driver_name(driver, &path.child("driver"), ctx.errs);
    }
    if let Some(pool) = &selector.pool {
        pool_name(pool, &path.child("pool"), ctx.errs);
    }
    if let Some(device) = &selector.device {
        ctx.errs
            .invalid_each(&path.child("device"), device, is_dns1123_label(device));
    }
    if let Some(class) = &selector.device_class_name {
        device_class_name(class, &path.child("deviceClassName"), ctx.errs);
    }
    selectors(&selector.selectors, &path.child("selectors"), &mut ctx);
}

fn taint(t: &DeviceTaint, path: &FieldPath, errs: &mut ErrorList) {
    label_name(&t.key, &path.child("key"), errs);
    if !t.value.is_empty() {
        errs.invalid_each(
            &path.child("value"),
            &t.value,
            is_valid_label_value(&t.value),
        );
    }
    if t.effect.is_empty() {
        errs.required(&path.child("effect"), "");
    } else if !TAINT_EFFECTS.contains(&t.effect.as_str()) {
        errs.not_supported(&path.child("effect"), &t.effect, TAINT_EFFECTS);
    }
}

fn counter_consumption(c: &DeviceCounterConsumption, path: &FieldPath, errs: &mut ErrorList) {
    if c.counter_set.is_empty() {
        errs.required(&path.child("counterSet"), "");
    } else {
        errs.invalid_each(
            &path.child("counterSet"),
            &c.counter_set,
            is_dns1123_label(&c.counter_set),
        );
    }
    counter_map(
        &c.counters,
        COUNTERS_PER_CONSUMPTION_MAX,
        &path.child("counters"),
        errs,
    );
}
