//! A container's `resources` as core validation checks them
//! (ValidateContainerResourceRequirements): resource names, non-negative
//! quantities, whole extended resources, and requests against limits.
//! Runs after defaulting, so a limit alone has already become the request.

use super::ErrorList;
use crate::api::{Container, ResourceRequirements};
use crate::names::is_qualified_name;
use crate::quantity::Quantity;
use crate::resource_names::{
    is_extended_resource_name, is_native_resource_name, is_overcommit_allowed,
    is_standard_container_resource_name,
};
use crate::yaml::FieldPath;

/// The containers (or init containers) at `path`.
pub(super) fn containers(containers: &[Container], path: &FieldPath, errs: &mut ErrorList) {
    for (i, container) in containers.iter().enumerate() {
        if let Some(resources) = &container.resources {
            requirements(resources, &path.index(i).child("resources"), errs);
        }
    }
}

fn requirements(resources: &ResourceRequirements, path: &FieldPath, errs: &mut ErrorList) {
    let limits = path.child("limits");
    for (name, quantity) in &resources.limits {
        let at = limits.key(name);
        resource_name(name, &at, errs);
        quantity_value(name, quantity, &at, errs);
    }
    let requests = path.child("requests");
    for (name, quantity) in &resources.requests {
        let at = requests.key(name);
        resource_name(name, &at, errs);
        quantity_value(name, quantity, &at, errs);
        match resources.limits.get(name) {
            Some(limit) if quantity != limit && !is_overcommit_allowed(name) => errs.invalid(
                &at,
                quantity.canonical().as_str(),
                format!("must be equal to {name} limit of {}", limit.canonical()),
            ),
            Some(limit) if quantity > limit => errs.invalid(
                &at,
                quantity.canonical().as_str(),
                format!(
                    "must be less than or equal to {name} limit of {}",
                    limit.canonical()
                ),
            ),
            None if !is_overcommit_allowed(name) => errs.required(
                &limits.key(name),
                "Limit must be set for non overcommitable resources",
            ),
            _ => {}
        }
    }
}

/// validateContainerResourceName.
fn resource_name(name: &str, path: &FieldPath, errs: &mut ErrorList) {
    let problems = is_qualified_name(name);
    if !problems.is_empty() {
        errs.invalid_each(path, name, problems);
    } else if !name.contains('/') {
        if !is_standard_container_resource_name(name) {
            errs.invalid(path, name, "must be a standard resource for containers");
        }
    } else if !is_native_resource_name(name) && !is_extended_resource_name(name) {
        errs.invalid(path, name, "doesn't follow extended resource name standard");
    }
}

/// ValidateResourceQuantityValue: not negative; whole for extended resources.
fn quantity_value(name: &str, quantity: &Quantity, path: &FieldPath, errs: &mut ErrorList) {
    if quantity.sign() < 0 {
        errs.invalid(
            path,
            quantity.canonical().as_str(),
            "must be greater than or equal to 0",
        );
    }
    if is_extended_resource_name(name) && !whole(quantity) {
        errs.invalid(path, quantity.canonical().as_str(), "must be an integer");
    }
}

/// Whether a quantity has no fraction (upstream: `MilliValue() % 1000 == 0`).
fn whole(quantity: &Quantity) -> bool {
    Quantity::from_i64(quantity.value()) == *quantity
}
