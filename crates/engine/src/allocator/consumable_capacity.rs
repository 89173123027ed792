//! Consumable capacity (DRAConsumableCapacity): how much of each capacity of
//! a shareable device a request consumes (rounded per the capacity's request
//! policy), and whether that still fits beside what is in use.

use std::collections::BTreeMap;

use super::amount::{binary_quantity, Amount};
use super::state::Amounts;
use crate::api::{
    CapacityRequestPolicy, CapacityRequestPolicyRange, CapacityRequirements, DeviceCapacity,
};
use crate::quantity::Quantity;

/// What a request consumes of one capacity.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Consumption<'a> {
    /// A quantity taken as written (the request, the default, a valid value,
    /// the range minimum or the whole capacity).
    Written(&'a Quantity),
    /// A request rounded up to the range's step.
    Rounded(i64),
}

impl Consumption<'_> {
    pub fn amount(self) -> Amount {
        match self {
            Consumption::Written(quantity) => Amount::of(quantity),
            Consumption::Rounded(value) => Amount::from_whole(value),
        }
    }

    pub fn to_quantity(self) -> Quantity {
        match self {
            Consumption::Written(quantity) => quantity.clone(),
            Consumption::Rounded(value) => binary_quantity(value),
        }
    }
}

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
        let consumed = consumption(requested, capacity).amount();
        if violates_policy(consumed, capacity.request_policy.as_ref()) {
            return Ok(false);
        }
        let before = in_use
            .and_then(|c| c.get(name))
            .copied()
            .unwrap_or_default();
        let pending = allocating
            .and_then(|c| c.get(name))
            .copied()
            .unwrap_or_default();
        if before.plus(consumed).plus(pending) > Amount::of(&capacity.value) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// What a request consumes of every capacity of a device.
pub(crate) fn consumed_by<'a>(
    requests: Option<&'a CapacityRequirements>,
    capacities: &'a BTreeMap<String, DeviceCapacity>,
) -> impl Iterator<Item = (&'a String, Consumption<'a>)> {
    capacities.iter().map(move |(name, capacity)| {
        let requested = requests.and_then(|r| r.requests.get(name));
        (name, consumption(requested, capacity))
    })
}

/// The consumption for a requested value (or none) of a capacity: without a
/// request, the policy's default or else everything; with one, rounded up
/// per the range (if it has a minimum) or else the valid values.
fn consumption<'a>(
    requested: Option<&'a Quantity>,
    capacity: &'a DeviceCapacity,
) -> Consumption<'a> {
    let Some(requested) = requested else {
        let policy_default = capacity
            .request_policy
            .as_ref()
            .and_then(|p| p.default.as_ref());
        return Consumption::Written(policy_default.unwrap_or(&capacity.value));
    };
    let Some(policy) = &capacity.request_policy else {
        return Consumption::Written(requested);
    };
    match &policy.valid_range {
        Some(range @ CapacityRequestPolicyRange { min: Some(min), .. }) => {
            round_up_to_range(requested, min, range)
        }
        _ => {
            let wanted = Amount::of(requested);
            let first_fit = policy
                .valid_values
                .iter()
                .find(|valid| wanted <= Amount::of(valid));
            Consumption::Written(first_fit.unwrap_or(requested))
        }
    }
}

/// Below the minimum: the minimum; without a step: as requested; else the
/// next step from the minimum (on whole numbers, as Kubernetes computes it).
fn round_up_to_range<'a>(
    requested: &'a Quantity,
    min: &'a Quantity,
    range: &CapacityRequestPolicyRange,
) -> Consumption<'a> {
    let wanted = Amount::of(requested);
    let min_amount = Amount::of(min);
    if wanted < min_amount {
        return Consumption::Written(min);
    }
    let Some(step) = &range.step else {
        return Consumption::Written(requested);
    };
    let step = Amount::of(step).whole_ceil();
    let base = min_amount.whole_ceil();
    let above = wanted.whole_ceil().wrapping_sub(base);
    let (Some(steps), Some(rest)) = (above.checked_div(step), above.checked_rem(step)) else {
        return Consumption::Written(requested);
    };
    let steps = if rest != 0 {
        steps.wrapping_add(1)
    } else {
        steps
    };
    Consumption::Rounded(base.wrapping_add(step.wrapping_mul(steps)))
}

/// Whether a consumption breaks the policy: the default is always fine;
/// else it must be within the range (and on a step) or one of the values.
fn violates_policy(consumed: Amount, policy: Option<&CapacityRequestPolicy>) -> bool {
    let Some(policy) = policy else {
        return false;
    };
    if policy
        .default
        .as_ref()
        .is_some_and(|d| Amount::of(d) == consumed)
    {
        return false;
    }
    if let Some(range) = &policy.valid_range {
        if range
            .max
            .as_ref()
            .is_some_and(|max| consumed > Amount::of(max))
        {
            return true;
        }
        if let Some(step) = &range.step {
            let step = Amount::of(step).whole_ceil();
            let base = range
                .min
                .as_ref()
                .map_or(Amount::ZERO, Amount::of)
                .whole_ceil();
            let above = consumed.whole_ceil().wrapping_sub(base);
            return above.checked_rem(step).is_some_and(|rest| rest != 0);
        }
        return false;
    }
    if !policy.valid_values.is_empty() {
        return !policy
            .valid_values
            .iter()
            .any(|v| Amount::of(v) == consumed);
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

    fn amounts(pairs: &[(&str, &str)]) -> Amounts {
        pairs
            .iter()
            .map(|(k, v)| {
                (
                    k.to_string(),
                    Amount::of(&serde_json::from_value(json!(v)).unwrap()),
                )
            })
            .collect()
    }

    #[test]
    fn range_rounds_up_to_step() {
        let caps = capacities(json!({"mem": {"value": "10", "requestPolicy": {
            "default": "2", "validRange": {"min": "2", "step": "2", "max": "4"}}}}));
        let consumed: Vec<_> = consumed_by(Some(&requests(json!({"mem": "3"}))), &caps)
            .map(|(_, c)| c.amount())
            .collect();
        assert_eq!(consumed, vec![Amount::from_whole(4)]);
        assert_eq!(
            request_fits(None, Some(&requests(json!({"mem": "3"}))), &caps, None),
            Ok(true)
        );
        // 5 rounds to 6, above the maximum.
        assert_eq!(
            request_fits(None, Some(&requests(json!({"mem": "5"}))), &caps, None),
            Ok(false)
        );
        // Without a request, the default.
        let used = amounts(&[("mem", "8")]);
        assert_eq!(request_fits(Some(&used), None, &caps, None), Ok(true));
        assert_eq!(
            request_fits(Some(&used), None, &caps, Some(&amounts(&[("mem", "1")]))),
            Ok(false)
        );
    }

    #[test]
    fn valid_values_and_unknown_names() {
        let caps = capacities(json!({"bw": {"value": "100G", "requestPolicy": {
            "default": "25G", "validValues": ["25G", "50G"]}}}));
        let consumed: Vec<_> = consumed_by(Some(&requests(json!({"bw": "30G"}))), &caps)
            .map(|(_, c)| c.amount())
            .collect();
        assert_eq!(
            consumed,
            vec![Amount::of(&serde_json::from_value(json!("50G")).unwrap())]
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
    fn no_policy_takes_everything_by_default() {
        let caps = capacities(json!({"mem": {"value": "8Gi"}}));
        assert_eq!(request_fits(None, None, &caps, None), Ok(true));
        let used = amounts(&[("mem", "1")]);
        assert_eq!(request_fits(Some(&used), None, &caps, None), Ok(false));
    }
}
