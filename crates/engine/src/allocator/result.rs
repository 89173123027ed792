//! Turning the devices the search picked for a claim into the claim's
//! `AllocationResult`: device results, configuration from the classes and the
//! claim, and the node selector, built as upstream builds them.

use std::collections::{BTreeSet, HashMap};

use super::node_selector::NODE_NAME_FIELD;
use super::observe::Observer;
use super::request::RequestRef;
use super::search::{Picked, Search};
use super::AllocationError;
use crate::api::{
    AllocationResult, DeviceAllocationConfiguration, DeviceAllocationResult,
    DeviceRequestAllocationResult, DeviceToleration, NodeSelector, NodeSelectorRequirement,
    NodeSelectorTerm, ResourceClaim,
};

const FROM_CLASS: &str = "FromClass";
const FROM_CLAIM: &str = "FromClaim";

impl<O: Observer> Search<'_, '_, O> {
    /// The allocation result of one claim after a successful search.
    pub fn result_for(&self, claim_index: usize) -> Result<AllocationResult, AllocationError> {
        let claim = self.claims[claim_index];
        let picked = &self.results[claim_index];
        let results = picked
            .iter()
            .map(|p| self.device_result(claim, p))
            .collect();
        let config = self.configs(claim_index);
        let node_selector = self.claim_node_selector(claim_index)?;
        Ok(AllocationResult {
            devices: DeviceAllocationResult { results, config },
            node_selector,
            allocation_timestamp: None,
        })
    }

    /// The node selector of one claim's result (the one part of a result
    /// that can fail).
    pub fn claim_node_selector(
        &self,
        claim_index: usize,
    ) -> Result<Option<NodeSelector>, AllocationError> {
        self.node_selector(&self.results[claim_index])
            .map_err(|err| {
                AllocationError::fatal(format!(
                    "create NodeSelector for claim {}: {err}",
                    self.claims[claim_index].metadata.name
                ))
            })
    }

    fn device_result(
        &self,
        claim: &ResourceClaim,
        picked: &Picked<'_>,
    ) -> DeviceRequestAllocationResult {
        let inventory = self.inventory();
        let request = match picked.parent {
            Some(parent) => format!("{parent}/{}", picked.request),
            None => picked.request.to_owned(),
        };
        let binding = self.features().device_binding_and_status;
        DeviceRequestAllocationResult {
            request,
            driver: inventory.name(picked.id.driver).to_owned(),
            pool: inventory.name(picked.id.pool).to_owned(),
            device: inventory.name(picked.id.device).to_owned(),
            admin_access: picked.admin_access.then_some(true),
            tolerations: tolerations_of(claim, picked).to_vec(),
            binding_conditions: if binding {
                picked.device.binding_conditions.clone()
            } else {
                Vec::new()
            },
            binding_failure_conditions: if binding {
                picked.device.binding_failure_conditions.clone()
            } else {
                Vec::new()
            },
            share_id: picked.share_id.clone(),
            consumed_capacity: picked.consumed.clone(),
            skip_node_operations: Vec::new(),
        }
    }

    /// The request (or subrequest) a picked device was chosen for, as
    /// upstream finds it again: the first one of that name.
    fn configs(&self, claim_index: usize) -> Vec<DeviceAllocationConfiguration> {
        let claim = self.claims[claim_index];
        let requests = &claim.spec.devices.requests;
        let chosen = |request_index: usize| {
            let alternatives = &self.requests[claim_index][request_index];
            let selected = self.selected[claim_index][request_index];
            alternatives.get(selected).or(alternatives.first())
        };
        // The `request/subrequest` name of a prioritized request's pick.
        let sub_name = |request_index: usize| {
            chosen(request_index)
                .filter(|data| data.parent.is_some())
                .map(|data| data.full_name())
        };

        let mut configs: Vec<DeviceAllocationConfiguration> = Vec::new();
        // Each class's configuration once, naming every request that used it.
        let mut class_ranges: HashMap<&str, (usize, usize)> = HashMap::new();
        for request_index in 0..requests.len() {
            let Some(data) = chosen(request_index) else {
                continue;
            };
            let class = data.class;
            if let Some(&(start, end)) = class_ranges.get(class.metadata.name.as_str()) {
                for config in &mut configs[start..end] {
                    config.requests.push(data.full_name());
                }
                continue;
            }
            let start = configs.len();
            configs.extend(
                class
                    .spec
                    .config
                    .iter()
                    .map(|config| DeviceAllocationConfiguration {
                        source: FROM_CLASS.into(),
                        requests: vec![data.full_name()],
                        opaque: config.opaque.clone(),
                    }),
            );
            class_ranges.insert(&class.metadata.name, (start, configs.len()));
        }
        // Claim configuration that applies to some allocated request.
        for config in &claim.spec.devices.config {
            let applies = config.requests.is_empty()
                || requests.iter().enumerate().any(|(index, request)| {
                    config.requests.contains(&request.name)
                        || sub_name(index).is_some_and(|name| config.requests.contains(&name))
                });
            if applies {
                configs.push(DeviceAllocationConfiguration {
                    source: FROM_CLAIM.into(),
                    requests: config.requests.clone(),
                    opaque: config.opaque.clone(),
                });
            }
        }
        // A configuration naming every request applies to all: say so by
        // naming none.
        for config in &mut configs {
            if config.requests.is_empty() {
                continue;
            }
            let names_all = requests.iter().enumerate().all(|(index, request)| {
                config.requests.contains(&request.name)
                    || sub_name(index).is_some_and(|name| config.requests.contains(&name))
            });
            if names_all {
                config.requests.clear();
            }
        }
        configs
    }

    /// Where the claim's devices are usable: only this node if any device is
    /// node-local (or binds to the node); else the requirements of the
    /// slices' (or devices') single-term selectors, merged; else anywhere.
    fn node_selector(&self, picked: &[Picked<'_>]) -> Result<Option<NodeSelector>, String> {
        let inventory = self.inventory();
        let mut term = NodeSelectorTerm::default();
        for p in picked {
            let spec = &inventory.slice(p.pos.slice).spec;
            let (node_name, selector) = if spec.per_device_node_selection == Some(true) {
                (&p.device.node_name, &p.device.node_selector)
            } else {
                (&spec.node_name, &spec.node_selector)
            };
            if node_name.is_some() || p.device.binds_to_node == Some(true) {
                return Ok(Some(NodeSelector {
                    node_selector_terms: vec![NodeSelectorTerm {
                        match_expressions: Vec::new(),
                        match_fields: vec![NodeSelectorRequirement {
                            key: NODE_NAME_FIELD.into(),
                            operator: "In".into(),
                            values: vec![self.node().metadata.name.clone()],
                        }],
                    }],
                }));
            }
            let Some(selector) = selector else {
                continue;
            };
            match selector.node_selector_terms.as_slice() {
                [] => {}
                [only] => {
                    merge_requirements(&mut term.match_fields, &only.match_fields);
                    merge_requirements(&mut term.match_expressions, &only.match_expressions);
                }
                terms => {
                    return Err(format!(
                        "unsupported ResourceSlice.NodeSelector with {} terms",
                        terms.len()
                    ))
                }
            }
        }
        if term.match_fields.is_empty() && term.match_expressions.is_empty() {
            return Ok(None);
        }
        Ok(Some(NodeSelector {
            node_selector_terms: vec![term],
        }))
    }
}

/// The tolerations of the request (or subrequest) a device was picked for.
fn tolerations_of<'c>(claim: &'c ResourceClaim, picked: &Picked<'_>) -> &'c [DeviceToleration] {
    let name = picked.parent.unwrap_or(picked.request);
    let Some(request) = claim.spec.devices.requests.iter().find(|r| r.name == name) else {
        return &[];
    };
    if picked.parent.is_none() {
        return RequestRef::exact(request).tolerations();
    }
    request
        .first_available
        .iter()
        .find(|sub| sub.name == picked.request)
        .map_or(&[], |sub| RequestRef::Sub(sub).tolerations())
}

/// Appends requirements not present yet (same key, operator and value set).
fn merge_requirements(into: &mut Vec<NodeSelectorRequirement>, from: &[NodeSelectorRequirement]) {
    for requirement in from {
        let values: BTreeSet<&String> = requirement.values.iter().collect();
        let present = into.iter().any(|existing| {
            existing.key == requirement.key
                && existing.operator == requirement.operator
                && existing.values.iter().collect::<BTreeSet<_>>() == values
        });
        if !present {
            into.push(requirement.clone());
        }
    }
}
