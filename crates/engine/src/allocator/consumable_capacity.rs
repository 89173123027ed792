//! Consumable capacity (DRAConsumableCapacity): how much of each capacity of
//! a shareable device a request consumes (rounded per the capacity's request
//! policy), and whether that still fits beside what is in use.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::report::Reason;
use super::sums::{add, sub, Amounts};
use crate::api::{CapacityRequestPolicy, CapacityRequirements, DeviceCapacity};
use crate::quantity::Quantity;

/// Why a request does not fit a device: what [`capacity_problem`] finds,
/// borrowed from its arguments (made into a [`Reason`] only when asked).
#[derive(Debug, PartialEq)]
pub(crate) enum CapacityProblem<'a> {
    /// The request names a capacity the device does not have.
    Unknown { capacity: &'a str },
    /// The consumption breaks the capacity's request policy.
    Policy {
        capacity: &'a str,
        consumed: Cow<'a, Quantity>,
    },
    /// The consumption, added to what is taken, exceeds the capacity.
    Exceeded {
        capacity: &'a str,
        consumed: Cow<'a, Quantity>,
        value: &'a Quantity,
        /// Taken by allocated claims.
        in_use: Option<&'a Quantity>,
        /// Taken by the claims being allocated.
        allocating: Option<&'a Quantity>,
    },
}

/// Whether a request fits a device: every capacity's consumption must obey
/// the request policy, and, added to what allocated claims (`in_use`) and the
/// claims being allocated (`allocating`) consume, stay within the capacity.
/// The first capacity that is unknown, breaks its policy or does not fit;
/// None when the request fits.
pub(crate) fn capacity_problem<'a>(
    in_use: Option<&'a Amounts>,
    requests: Option<&'a CapacityRequirements>,
    capacities: &'a BTreeMap<String, DeviceCapacity>,
    allocating: Option<&'a Amounts>,
) -> Option<CapacityProblem<'a>> {
    if let Some(requests) = requests {
        if let Some(name) = requests
            .requests
            .keys()
            .find(|name| !capacities.contains_key(*name))
        {
            return Some(CapacityProblem::Unknown { capacity: name });
        }
    }
    for (name, capacity) in capacities {
        let requested = requests.and_then(|r| r.requests.get(name));
        let consumed = consumption(requested, capacity);
        if violates_policy(&consumed, capacity.request_policy.as_deref()) {
            return Some(CapacityProblem::Policy {
                capacity: name,
                consumed,
            });
        }
        let before = in_use.and_then(|c| c.get(name));
        let pending = allocating.and_then(|c| c.get(name));
        let exceeded = if before.is_none() && pending.is_none() {
            *consumed > capacity.value
        } else {
            let mut total = consumed.as_ref().clone();
            for taken in [before, pending].into_iter().flatten() {
                add(&mut total, taken);
            }
            total > capacity.value
        };
        if exceeded {
            return Some(CapacityProblem::Exceeded {
                capacity: name,
                consumed,
                value: &capacity.value,
                in_use: before,
                allocating: pending,
            });
        }
    }
    None
}

impl CapacityProblem<'_> {
    /// The problem as a reason, with what is needed and what is left.
    pub fn reason(&self) -> Reason {
        match self {
            CapacityProblem::Unknown { capacity } => Reason::UnknownCapacity {
                capacity: (*capacity).to_owned(),
            },
            CapacityProblem::Policy { capacity, consumed } => Reason::CapacityPolicy {
                capacity: (*capacity).to_owned(),
                consumed: consumed.canonical(),
            },
            CapacityProblem::Exceeded {
                capacity,
                consumed,
                value,
                in_use,
                allocating,
            } => {
                let mut left = (*value).clone();
                for taken in [in_use, allocating].into_iter().flatten() {
                    sub(&mut left, taken);
                }
                Reason::Capacity {
                    capacity: (*capacity).to_owned(),
                    needed: consumed.canonical(),
                    left: left.canonical(),
                    joint: allocating.is_some_and(|p| p.sign() != 0),
                }
            }
        }
    }
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

    /// Whether the request fits (no problem).
    fn fits(
        in_use: Option<&Amounts>,
        requests: Option<&CapacityRequirements>,
        capacities: &BTreeMap<String, DeviceCapacity>,
        allocating: Option<&Amounts>,
    ) -> bool {
        capacity_problem(in_use, requests, capacities, allocating).is_none()
    }

    /// The problem, as a reason.
    fn reason(
        in_use: Option<&Amounts>,
        requests: Option<&CapacityRequirements>,
        capacities: &BTreeMap<String, DeviceCapacity>,
        allocating: Option<&Amounts>,
    ) -> Option<Reason> {
        capacity_problem(in_use, requests, capacities, allocating).map(|p| p.reason())
    }

    #[test]
    fn range_rounds_up_to_step() {
        let caps = capacities(json!({"mem": {"value": "10", "requestPolicy": {
            "default": "2", "validRange": {"min": "2", "step": "2", "max": "4"}}}}));
        let three = requests(json!({"mem": "3"}));
        assert_eq!(consumed(Some(&three), &caps), vec!["4"]);
        assert!(fits(None, Some(&three), &caps, None));
        // 5 rounds to 6, above the maximum.
        let five = requests(json!({"mem": "5"}));
        assert_eq!(
            reason(None, Some(&five), &caps, None),
            Some(Reason::CapacityPolicy {
                capacity: "mem".into(),
                consumed: "6".into()
            })
        );
        // Without a request: the default.
        let used = amounts(&[("mem", "8")]);
        assert!(fits(Some(&used), None, &caps, None));
        let pending = amounts(&[("mem", "1")]);
        assert_eq!(
            reason(Some(&used), None, &caps, Some(&pending)),
            Some(Reason::Capacity {
                capacity: "mem".into(),
                needed: "2".into(),
                left: "1".into(),
                joint: true
            })
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
        assert!(!fits(
            None,
            Some(&requests(json!({"bw": "60G"}))),
            &caps,
            None
        ));
        assert_eq!(
            reason(None, Some(&requests(json!({"other": "1"}))), &caps, None),
            Some(Reason::UnknownCapacity {
                capacity: "other".into()
            })
        );
    }

    #[test]
    fn no_policy_takes_everything_by_default() {
        let caps = capacities(json!({"mem": {"value": "8Gi"}}));
        assert!(fits(None, None, &caps, None));
        let used = amounts(&[("mem", "1")]);
        assert_eq!(
            reason(Some(&used), None, &caps, None),
            Some(Reason::Capacity {
                capacity: "mem".into(),
                needed: "8Gi".into(),
                left: "8589934591".into(),
                joint: false
            })
        );
    }
}
