//! Findings about requests that have enough candidates one by one but not
//! together: constraints no value of the candidates can satisfy, devices
//! wanted by several requests. Computed from a node's funnel; like the
//! funnel, they only read the search state.

use std::collections::BTreeSet;

use super::constraints::attribute_values;
use super::device_checks;
use super::observe::Observer;
use super::report::{ConstraintKind, DeviceAt, Finding, NodeFunnel, RequestFunnel, ValueCounts};
use super::search::Search;

impl<'c, 'a: 'c, O: Observer> Search<'c, 'a, O> {
    /// Findings about requests that have enough candidates one by one:
    /// constraints no value can satisfy, devices wanted by several requests.
    pub(super) fn add_findings(&self, funnel: &mut NodeFunnel) {
        let inventory = self.alloc.inventory;
        let list_types = self.alloc.features.list_type_attributes;
        let shareable = |at: DeviceAt| {
            let device = &inventory.slice(at.slice).spec.devices[at.device as usize];
            device_checks::shareable(self.alloc.features, device)
        };
        // Per claim, per request: the alternative the search would use (the
        // first with enough candidates).
        let mut wanted: Vec<(usize, String, i64, BTreeSet<DeviceAt>)> = Vec::new();
        for (claim_index, claim) in funnel.claims.iter_mut().enumerate() {
            let mut chosen: Vec<&RequestFunnel> = Vec::new();
            for alternatives in &claim.requests {
                match alternatives.iter().find(|a| a.enough()) {
                    Some(alternative) => chosen.push(alternative),
                    None => break,
                }
            }
            if chosen.len() != claim.requests.len() {
                continue;
            }
            let candidates = |funnel: &RequestFunnel| -> Vec<DeviceAt> {
                funnel
                    .devices
                    .iter()
                    .filter(|d| d.reason.is_none())
                    .map(|d| d.at)
                    .collect()
            };
            let needed = |funnel: &RequestFunnel| {
                if funnel.all {
                    funnel.candidates() as i64
                } else {
                    funnel.needed
                }
            };
            for (index, constraint) in self.constraints[claim_index].iter().enumerate() {
                let attribute = constraint.attribute();
                let applicable: Vec<&&RequestFunnel> = chosen
                    .iter()
                    .filter(|r| {
                        let (base, sub) = match &r.parent {
                            Some(parent) => (
                                parent.as_str(),
                                r.request
                                    .strip_prefix(parent.as_str())
                                    .and_then(|s| s.strip_prefix('/')),
                            ),
                            None => (r.request.as_str(), None),
                        };
                        constraint.applies_to(base, sub)
                    })
                    .collect();
                if applicable.is_empty() {
                    continue;
                }
                let values_of = |at: DeviceAt| -> Vec<String> {
                    let device = &inventory.slice(at.slice).spec.devices[at.device as usize];
                    let driver = inventory.slice(at.slice).spec.driver.as_str();
                    device
                        .attribute(driver, attribute)
                        .map(|a| attribute_values(a, list_types))
                        .unwrap_or_default()
                };
                match constraint.kind() {
                    ConstraintKind::MatchAttribute => {
                        let counts: Vec<ValueCounts> = applicable
                            .iter()
                            .map(|r| {
                                let mut values: Vec<(String, usize)> = Vec::new();
                                let mut missing = 0;
                                for at in candidates(r) {
                                    let found = values_of(at);
                                    if found.is_empty() {
                                        missing += 1;
                                    }
                                    for value in found {
                                        match values.iter_mut().find(|(v, _)| *v == value) {
                                            Some((_, count)) => *count += 1,
                                            None => values.push((value, 1)),
                                        }
                                    }
                                }
                                ValueCounts {
                                    request: r.request.clone(),
                                    needed: needed(r),
                                    values,
                                    missing,
                                }
                            })
                            .collect();
                        let feasible = counts[0].values.iter().any(|(value, _)| {
                            counts.iter().all(|r| {
                                r.values
                                    .iter()
                                    .any(|(v, count)| v == value && *count as i64 >= r.needed)
                            })
                        });
                        let needs_any = counts.iter().any(|r| r.needed > 0);
                        if !feasible && needs_any {
                            claim.findings.push(Finding::NoCommonValue {
                                constraint: index,
                                attribute: attribute.to_owned(),
                                requests: counts,
                            });
                        }
                    }
                    ConstraintKind::DistinctAttribute => {
                        // As upstream, the constraint compares the last
                        // device of each request: requests (not devices)
                        // need pairwise different values.
                        let total = applicable.iter().filter(|r| needed(r) > 0).count() as i64;
                        let mut values: Vec<String> = Vec::new();
                        for r in &applicable {
                            for at in candidates(r) {
                                for value in values_of(at) {
                                    if !values.contains(&value) {
                                        values.push(value);
                                    }
                                }
                            }
                        }
                        if (values.len() as i64) < total {
                            claim.findings.push(Finding::TooFewDistinctValues {
                                constraint: index,
                                attribute: attribute.to_owned(),
                                needed: total,
                                values,
                            });
                        }
                    }
                }
            }
            for r in chosen {
                if r.admin_access {
                    continue;
                }
                let set: BTreeSet<DeviceAt> = candidates(r).into_iter().collect();
                if set.iter().any(|&at| shareable(at)) {
                    continue;
                }
                wanted.push((claim_index, r.request.clone(), needed(r), set));
            }
        }
        // Requests whose candidates overlap, grouped; a group that needs more
        // devices than it has in all cannot be satisfied.
        let mut group: Vec<usize> = (0..wanted.len()).collect();
        fn root(group: &mut [usize], mut i: usize) -> usize {
            while group[i] != i {
                group[i] = group[group[i]];
                i = group[i];
            }
            i
        }
        for i in 0..wanted.len() {
            for j in i + 1..wanted.len() {
                if !wanted[i].3.is_disjoint(&wanted[j].3) {
                    let (a, b) = (root(&mut group, i), root(&mut group, j));
                    group[a] = b;
                }
            }
        }
        let several_claims = funnel.claims.len() > 1;
        let roots: Vec<usize> = (0..wanted.len()).map(|i| root(&mut group, i)).collect();
        let mut seen = Vec::new();
        for &r in &roots {
            if seen.contains(&r) {
                continue;
            }
            seen.push(r);
            let members: Vec<usize> = (0..wanted.len()).filter(|&i| roots[i] == r).collect();
            if members.len() < 2 {
                continue;
            }
            let needed: i64 = members.iter().map(|&i| wanted[i].2).sum();
            let union: BTreeSet<DeviceAt> = members
                .iter()
                .flat_map(|&i| wanted[i].3.iter().copied())
                .collect();
            if needed <= union.len() as i64 {
                continue;
            }
            let claims: BTreeSet<usize> = members.iter().map(|&i| wanted[i].0).collect();
            let names = members
                .iter()
                .map(|&i| {
                    if several_claims {
                        format!(
                            "{} (claim {})",
                            wanted[i].1, funnel.claims[wanted[i].0].claim
                        )
                    } else {
                        wanted[i].1.clone()
                    }
                })
                .collect();
            let finding = Finding::Contention {
                requests: names,
                needed,
                candidates: union.len(),
            };
            match claims.into_iter().collect::<Vec<_>>().as_slice() {
                [only] => funnel.claims[*only].findings.push(finding),
                _ => funnel.findings.push(finding),
            }
        }
    }
}
