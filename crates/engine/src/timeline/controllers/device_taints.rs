//! The taints of a device as the device taint eviction controller sees
//! them: those its ResourceSlice publishes (only slices of the newest
//! generation of their pool count), and those of every DeviceTaintRule
//! whose selector names the device. A rule names an allocated device by its
//! driver, pool and name even when no slice publishes that device any more.

use std::collections::HashMap;

use super::super::cluster::Cluster;
use crate::allocator::CelCache;
use crate::api::{device_id, DeviceTaint, DeviceTaintRule, Object, ResourceSlice};

/// Every device's taints, by device id.
pub(crate) struct DeviceTaints {
    /// The taints of every published device (rules applied as the
    /// scheduler's slice view applies them), by device id.
    published: HashMap<String, Vec<DeviceTaint>>,
    /// The rules in effect.
    rules: Vec<DeviceTaintRule>,
}

impl DeviceTaints {
    /// The taints in the cluster now.
    pub(crate) fn of(cluster: &Cluster) -> DeviceTaints {
        let mut slices = Vec::new();
        let mut rules = Vec::new();
        let mut classes = Vec::new();
        for object in &cluster.objects {
            match object {
                Object::ResourceSlice(s) => slices.push(s.clone()),
                Object::DeviceTaintRule(r) => rules.push(r.clone()),
                Object::DeviceClass(c) => classes.push(c.clone()),
                _ => {}
            }
        }
        let slices = newest_generation(slices);
        let slices = crate::scheduler::slices_for_allocation(
            slices,
            &rules,
            &classes,
            cluster.features,
            &CelCache::new(),
        );
        let mut published = HashMap::new();
        for slice in slices {
            for device in slice.spec.devices {
                published.insert(
                    device_id(&slice.spec.driver, &slice.spec.pool.name, &device.name),
                    device.taints,
                );
            }
        }
        if !cluster.features.device_taint_rules {
            rules.clear();
        }
        DeviceTaints { published, rules }
    }

    /// The taints of one device.
    pub(crate) fn get(&self, driver: &str, pool: &str, device: &str) -> Vec<DeviceTaint> {
        if let Some(taints) = self.published.get(&device_id(driver, pool, device)) {
            return taints.clone();
        }
        // Not published: only a rule's driver, pool and device name can
        // name it (a class or CEL selector needs the device's attributes).
        self.rules
            .iter()
            .filter(|rule| {
                rule.spec.device_selector.as_ref().is_some_and(|s| {
                    let equal = |wanted: &Option<String>, actual: &str| {
                        wanted.as_deref().is_none_or(|w| w == actual)
                    };
                    s.device_class_name.is_none()
                        && s.selectors.is_empty()
                        && equal(&s.driver, driver)
                        && equal(&s.pool, pool)
                        && equal(&s.device, device)
                })
            })
            .map(|rule| rule.spec.taint.clone())
            .collect()
    }

    /// Every published device with its taints.
    pub(crate) fn published(&self) -> impl Iterator<Item = (&String, &Vec<DeviceTaint>)> {
        self.published.iter()
    }
}

/// The slices of the newest generation of each pool (older ones are being
/// replaced by their driver).
fn newest_generation(slices: Vec<ResourceSlice>) -> Vec<ResourceSlice> {
    let mut newest: HashMap<(String, String), i64> = HashMap::new();
    for slice in &slices {
        let key = (slice.spec.driver.clone(), slice.spec.pool.name.clone());
        let generation = newest.entry(key).or_insert(slice.spec.pool.generation);
        *generation = (*generation).max(slice.spec.pool.generation);
    }
    slices
        .into_iter()
        .filter(|s| {
            newest[&(s.spec.driver.clone(), s.spec.pool.name.clone())] == s.spec.pool.generation
        })
        .collect()
}
