//! The slices as the scheduler hands them to the allocator, as upstream's
//! slice tracker presents them: each DeviceTaintRule's taint added to the
//! devices its selector names (when DeviceTaintRules apply), and, for
//! Kubernetes 1.34, a slice holding counters and devices together read as
//! that release's allocator read it (as a counters slice and a devices
//! slice of its pool).

use crate::allocator::CelCache;
use crate::api::{
    Device, DeviceClass, DeviceTaint, DeviceTaintRule, DeviceTaintSelector, ResourceSlice,
};
use crate::cel::{CompileOptions, DeviceInput};
use crate::features::Features;

/// The slices to allocate from.
pub(crate) fn slices_for_allocation(
    mut slices: Vec<ResourceSlice>,
    rules: &[DeviceTaintRule],
    classes: &[DeviceClass],
    features: Features,
    cel: &CelCache,
) -> Vec<ResourceSlice> {
    if features.device_taint_rules && !rules.is_empty() {
        for slice in &mut slices {
            apply_rules(slice, rules, classes, features, cel);
        }
    }
    if features.counters_beside_devices {
        slices = split_combined(slices);
    }
    slices
}

/// Adds the taint of every rule whose selector names a device of the slice.
fn apply_rules(
    slice: &mut ResourceSlice,
    rules: &[DeviceTaintRule],
    classes: &[DeviceClass],
    features: Features,
    cel: &CelCache,
) {
    let matcher = Matcher {
        classes,
        cel,
        options: CompileOptions {
            list_type_attributes: features.list_type_attributes,
            consumable_capacity: features.consumable_capacity,
        },
    };
    let (driver, pool) = (&slice.spec.driver, &slice.spec.pool.name);
    let taints: Vec<Vec<DeviceTaint>> = slice
        .spec
        .devices
        .iter()
        .map(|device| {
            rules
                .iter()
                .filter(|rule| {
                    rule.spec
                        .device_selector
                        .as_ref()
                        .is_some_and(|selector| matcher.selects(selector, driver, pool, device))
                })
                .map(|rule| rule.spec.taint.clone())
                .collect()
        })
        .collect();
    for (device, taints) in slice.spec.devices.iter_mut().zip(taints) {
        device.taints.extend(taints);
    }
}

/// What deciding whether a selector names a device needs.
struct Matcher<'a> {
    classes: &'a [DeviceClass],
    cel: &'a CelCache,
    options: CompileOptions,
}

impl Matcher<'_> {
    /// Whether a rule's selector names a device: every condition that is
    /// set holds (the class's and the selector's CEL expressions, Kubernetes
    /// 1.34, must be true; one that fails to evaluate does not select).
    fn selects(
        &self,
        selector: &DeviceTaintSelector,
        driver: &str,
        pool: &str,
        device: &Device,
    ) -> bool {
        let equal =
            |wanted: &Option<String>, actual: &str| wanted.as_deref().is_none_or(|w| w == actual);
        if !(equal(&selector.driver, driver)
            && equal(&selector.pool, pool)
            && equal(&selector.device, &device.name))
        {
            return false;
        }
        let class_selectors = match &selector.device_class_name {
            Some(name) => match self.classes.iter().find(|c| c.metadata.name == *name) {
                Some(class) => class.spec.selectors.as_slice(),
                None => return false,
            },
            None => &[],
        };
        let input = DeviceInput::new(driver, device);
        class_selectors.iter().chain(&selector.selectors).all(|s| {
            s.cel.as_ref().is_some_and(|expression| {
                let (_, program) = self.cel.compile(&expression.expression, self.options);
                program
                    .as_ref()
                    .as_ref()
                    .is_ok_and(|program| program.evaluate(&input).unwrap_or(false))
            })
        })
    }
}

/// Kubernetes 1.34 let a slice publish counter sets and the devices that
/// consume them together; later allocators read a slice with counter sets
/// for its counters only. Each such slice becomes two, its pool's slice
/// count grown to match.
fn split_combined(slices: Vec<ResourceSlice>) -> Vec<ResourceSlice> {
    let combined =
        |s: &ResourceSlice| !s.spec.shared_counters.is_empty() && !s.spec.devices.is_empty();
    let extra_in_pool = |driver: &str, pool: &str, generation: i64| {
        slices
            .iter()
            .filter(|s| {
                combined(s)
                    && s.spec.driver == driver
                    && s.spec.pool.name == pool
                    && s.spec.pool.generation == generation
            })
            .count() as i64
    };
    let mut out = Vec::with_capacity(slices.len());
    for slice in &slices {
        let extra = extra_in_pool(
            &slice.spec.driver,
            &slice.spec.pool.name,
            slice.spec.pool.generation,
        );
        let mut slice = slice.clone();
        slice.spec.pool.resource_slice_count += extra;
        if combined(&slice) {
            let mut counters = slice.clone();
            counters.metadata.name = format!("{}-counters", slice.metadata.name);
            counters.spec.devices.clear();
            slice.spec.shared_counters.clear();
            out.push(counters);
        }
        out.push(slice);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{CounterSet, DeviceTaintRuleSpec, ObjectMeta};

    fn slice(name: &str, counters: bool, devices: &[&str]) -> ResourceSlice {
        let mut s = ResourceSlice::default();
        s.metadata.name = name.into();
        s.spec.driver = "d".into();
        s.spec.pool.name = "p".into();
        s.spec.pool.resource_slice_count = 1;
        if counters {
            s.spec.shared_counters.push(CounterSet {
                name: "set".into(),
                ..CounterSet::default()
            });
        }
        s.spec.devices = devices
            .iter()
            .map(|n| Device {
                name: (*n).into(),
                ..Device::default()
            })
            .collect();
        s
    }

    fn rule(selector: Option<DeviceTaintSelector>) -> DeviceTaintRule {
        DeviceTaintRule {
            metadata: ObjectMeta::default(),
            spec: DeviceTaintRuleSpec {
                device_selector: selector,
                taint: DeviceTaint {
                    key: "k".into(),
                    effect: "NoSchedule".into(),
                    ..DeviceTaint::default()
                },
            },
            status: None,
        }
    }

    #[test]
    fn rules_taint_the_devices_they_select() {
        let cel = CelCache::new();
        let only_b = rule(Some(DeviceTaintSelector {
            device: Some("b".into()),
            ..DeviceTaintSelector::default()
        }));
        let everything = rule(Some(DeviceTaintSelector::default()));
        let nothing = rule(None);
        let out = slices_for_allocation(
            vec![slice("s", false, &["a", "b"])],
            &[only_b, everything, nothing],
            &[],
            Features::ALL,
            &cel,
        );
        assert_eq!(out[0].spec.devices[0].taints.len(), 1);
        assert_eq!(out[0].spec.devices[1].taints.len(), 2);
        let off = Features {
            device_taint_rules: false,
            ..Features::ALL
        };
        let out = slices_for_allocation(
            vec![slice("s", false, &["a"])],
            &[rule(Some(DeviceTaintSelector::default()))],
            &[],
            off,
            &cel,
        );
        assert!(out[0].spec.devices[0].taints.is_empty());
    }

    #[test]
    fn a_combined_slice_is_split_for_kubernetes_1_34() {
        let cel = CelCache::new();
        let v134 = Features {
            counters_beside_devices: true,
            ..Features::ALL
        };
        let out = slices_for_allocation(vec![slice("s", true, &["a"])], &[], &[], v134, &cel);
        assert_eq!(out.len(), 2);
        assert!(out[0].spec.devices.is_empty() && !out[0].spec.shared_counters.is_empty());
        assert!(out[1].spec.shared_counters.is_empty() && out[1].spec.devices.len() == 1);
        assert!(out.iter().all(|s| s.spec.pool.resource_slice_count == 2));
        let newer = slices_for_allocation(
            vec![slice("s", true, &["a"])],
            &[],
            &[],
            Features::ALL,
            &cel,
        );
        assert_eq!(newer.len(), 1);
    }
}
