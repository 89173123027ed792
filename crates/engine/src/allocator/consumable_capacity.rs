//! Consumable capacity (DRAConsumableCapacity): how much of each capacity of
//! a shareable device a request consumes (rounded per the capacity's request
//! policy), and whether that still fits beside what is in use.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::report::Reason;
use super::sums::{add, sub, Amounts};
use crate::api::{CapacityRequestPolicy, CapacityRequirements, DeviceCapacity};
use crate::quantity::Quantity;

/// The request names a capacity that the device does not have.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct UnknownCapacity;

/// Whether a request fits a device: every capacity's consumption must obey
/// the request policy, and, added to what allocated claims (`in_use`) and the
/// claims being allocated (`allocating`) consume, stay within the capacity.
pub(crate) fn request_fits(
    in_use: Option<&Amounts>,
    requests: Option<&CapacityRequirements>,
    capacities: &BTreeMap<String, DeviceCapacity>,
    allocating: Option<&Amounts>,
) -> Result<bool, UnknownCapacity> {
    if let Some(requests) = requests {
        if requests
            .requests
            .keys()
            .any(|name| !capacities.contains_key(name))
        {
            return Err(UnknownCapacity);
        }
    }
    for (name, capacity) in capacities {
        let requested = requests.and_then(|r| r.requests.get(name));
        let consumed = consumption(requested, capacity);
        if violates_policy(&consumed, capacity.request_policy.as_ref()) {
            return Ok(false);
        }
        let mut total = consumed.into_owned();
        if let Some(before) = in_use.and_then(|c| c.get(name)) {
            add(&mut total, before);
        }
        if let Some(pending) = allocating.and_then(|c| c.get(name)) {
            add(&mut total, pending);
        }
        if total > capacity.value {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Why [`request_fits`] says no: the first capacity that is unknown, breaks
/// its policy, or does not fit (with what the request needs and what is
/// left); None when the request fits.
pub(crate) fn capacity_problem(
    in_use: Option<&Amounts>,
    requests: Option<&CapacityRequirements>,
    capacities: &BTreeMap<String, DeviceCapacity>,
    allocating: Option<&Amounts>,
) -> Option<Reason> {
    if let Some(requests) = requests {
        if let Some(name) = requests
            .requests
            .keys()
            .find(|name| !capacities.contains_key(*name))
        {
            return Some(Reason::UnknownCapacity {
                capacity: name.clone(),
            });
        }
    }
    for (name, capacity) in capacities {
        let requested = requests.and_then(|r| r.requests.get(name));
        let consumed = consumption(requested, capacity);
        if violates_policy(&consumed, capacity.request_policy.as_ref()) {
            return Some(Reason::CapacityPolicy {
                capacity: name.clone(),
                consumed: consumed.canonical(),
            });
        }
        let before = in_use.and_then(|c| c.get(name));
        let pending = allocating.and_then(|c| c.get(name));
        let mut total = consumed.clone().into_owned();
        let mut left = capacity.value.clone();
        for taken in [before, pending].into_iter().flatten() {
            add(&mut total, taken);
            sub(&mut left, taken);
        }
        if total > capacity.value {
            return Some(Reason::Capacity {
                capacity: name.clone(),
                needed: consumed.canonical(),
                left: left.canonical(),
                joint: pending.is_some_and(|p| p.sign() != 0),
            });
        }
    }
    None
}

/// What a request consumes of every capacity of a device.
pub(crate) fn consumed_by<'a>(
    requests: Option<&'a CapacityRequirements>,
    capacities: &'a BTreeMap<String, DeviceCapacity>,
) -> impl Iterator<Item = (&'a String, Cow<'a, Quantity>)> {
    capacities.iter().map(move |(name, capacity)| {
        let requested = requests.and_then(|r| r.requests.get(name));
        (name, consumption(requested, capacity))
    })
}

/// The consumption for a requested value (or none) of a capacity: without a
/// request, the policy's default or else everything; with one, rounded up
/// per the range (if it has a minimum) or else to the first valid value.
fn consumption<'a>(
    requested: Option<&'a Quantity>,
    capacity: &'a DeviceCapacity,
) -> Cow<'a, Quantity> {
    let Some(requested) = requested else {
        let policy_default = capacity
            .request_policy
            .as_ref()
            .and_then(|p| p.default.as_ref());
        return Cow::Borrowed(policy_default.unwrap_or(&capacity.value));
    };
    let Some(policy) = &capacity.request_policy else {
        return Cow::Borrowed(requested);
    };
    let range_with_min = policy
        .valid_range
        .as_ref()
        .and_then(|range| Some((range, range.min.as_ref()?)));
    if let Some((range, min)) = range_with_min {
        if requested < min {
            return Cow::Borrowed(min);
        }
        // A zero step would make upstream divide by zero; keep the request.
        return range
            .step
            .as_ref()
            .and_then(|step| requested.round_up_to_step(min, step))
            .map_or(Cow::Borrowed(requested), Cow::Owned);
    }
    Cow::Borrowed(
        policy
            .valid_values
            .iter()
            .find(|valid| requested <= *valid)
            .unwrap_or(requested),
    )
}

/// Whether a consumption breaks the policy: the default (as upstream
/// compares it, by representation) is always fine; else it must be within
/// the range and on a step, or one of the valid values.
fn violates_policy(consumed: &Quantity, policy: Option<&CapacityRequestPolicy>) -> bool {
    let Some(policy) = policy else {
        return false;
    };
    if policy
        .default
        .as_ref()
        .is_some_and(|d| consumed.is_identical(d))
    {
        return false;
    }
    if let Some(range) = &policy.valid_range {
        if range.max.as_ref().is_some_and(|max| consumed > max) {
            return true;
        }
        let Some(step) = &range.step else {
            return false;
        };
        let zero = Quantity::zero();
        let min = range.min.as_ref().unwrap_or(&zero);
        return consumed.is_on_step(min, step) == Some(false);
    }
    if !policy.valid_values.is_empty() {
        return !policy.valid_values.iter().any(|valid| consumed == valid);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn capacities(value: serde_json::Value) -> BTreeMap<String, DeviceCapacity> {
        serde_json::from_value(value).unwrap()
    }

    fn requests(value: serde_json::Value) -> CapacityRequirements {
        serde_json::from_value(json!({ "requests": value })).unwrap()
    }

    fn q(text: &str) -> Quantity {
        Quantity::parse(text).unwrap()
    }

    fn amounts(pairs: &[(&str, &str)]) -> Amounts {
        pairs.iter().map(|(k, v)| (k.to_string(), q(v))).collect()
    }

    fn consumed(
        requests: Option<&CapacityRequirements>,
        caps: &BTreeMap<String, DeviceCapacity>,
    ) -> Vec<String> {
        consumed_by(requests, caps)
            .map(|(_, c)| c.canonical())
            .collect()
    }

    #[test]
    fn range_rounds_up_to_step() {
        let caps = capacities(json!({"mem": {"value": "10", "requestPolicy": {
            "default": "2", "validRange": {"min": "2", "step": "2", "max": "4"}}}}));
        let three = requests(json!({"mem": "3"}));
        assert_eq!(consumed(Some(&three), &caps), vec!["4"]);
        assert_eq!(request_fits(None, Some(&three), &caps, None), Ok(true));
        // 5 rounds to 6, above the maximum.
        let five = requests(json!({"mem": "5"}));
        assert_eq!(request_fits(None, Some(&five), &caps, None), Ok(false));
        // Without a request: the default.
        let used = amounts(&[("mem", "8")]);
        assert_eq!(request_fits(Some(&used), None, &caps, None), Ok(true));
        let pending = amounts(&[("mem", "1")]);
        assert_eq!(
            request_fits(Some(&used), None, &caps, Some(&pending)),
            Ok(false)
        );
    }

    #[test]
    fn rounded_values_print_in_binary_si() {
        let caps = capacities(json!({"mem": {"value": "64Gi", "requestPolicy": {
            "validRange": {"min": "1Gi", "step": "1Gi"}}}}));
        let request = requests(json!({"mem": "1500Mi"}));
        assert_eq!(consumed(Some(&request), &caps), vec!["2Gi"]);
    }

    #[test]
    fn valid_values_and_unknown_names() {
        let caps = capacities(json!({"bw": {"value": "100G", "requestPolicy": {
            "default": "25G", "validValues": ["25G", "50G"]}}}));
        assert_eq!(
            consumed(Some(&requests(json!({"bw": "30G"}))), &caps),
            vec!["50G"]
        );
        assert_eq!(
            request_fits(None, Some(&requests(json!({"bw": "60G"}))), &caps, None),
            Ok(false)
        );
        assert_eq!(
            request_fits(None, Some(&requests(json!({"other": "1"}))), &caps, None),
            Err(UnknownCapacity)
        );
    }

    #[test]
    fn problems_agree_with_fits() {
        let caps = capacities(json!({"mem": {"value": "10", "requestPolicy": {
            "default": "2", "validRange": {"min": "2", "step": "2", "max": "4"}}}}));
        let used = amounts(&[("mem", "8")]);
        let pending = amounts(&[("mem", "1")]);
        for request in [
            None,
            Some(json!({"mem": "3"})),
            Some(json!({"mem": "5"})),
            Some(json!({"x": "1"})),
        ] {
            let request = request.map(requests);
            for (in_use, allocating) in [
                (None, None),
                (Some(&used), None),
                (Some(&used), Some(&pending)),
            ] {
                let fits = request_fits(in_use, request.as_ref(), &caps, allocating);
                let problem = capacity_problem(in_use, request.as_ref(), &caps, allocating);
                assert_eq!(
                    fits == Ok(true),
                    problem.is_none(),
                    "{request:?} {problem:?}"
                );
            }
        }
        assert_eq!(
            capacity_problem(Some(&used), None, &caps, Some(&pending)),
            Some(Reason::Capacity {
                capacity: "mem".into(),
                needed: "2".into(),
                left: "1".into(),
                joint: true
            })
        );
    }

    #[test]
    fn no_policy_takes_everything_by_default() {
        let caps = capacities(json!({"mem": {"value": "8Gi"}}));
        assert_eq!(request_fits(None, None, &caps, None), Ok(true));
        let used = amounts(&[("mem", "1")]);
        assert_eq!(request_fits(Some(&used), None, &caps, None), Ok(false));
    }
}
