//! Findings: what rules a node out although each request, alone, has enough
//! devices.

use serde::{Deserialize, Serialize};

/// Something that rules out a node although each request, alone, has
/// enough devices.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Finding {
    /// matchAttribute: no single value is shared by enough candidates of
    /// every request it applies to.
    NoCommonValue {
        /// The constraint's index in the claim.
        constraint: usize,
        /// The attribute.
        attribute: String,
        /// Per request: its name, devices needed, and the candidates per value.
        requests: Vec<ValueCounts>,
    },
    /// distinctAttribute: fewer distinct values among the candidates than
    /// requests it applies to (as upstream, it compares the devices of
    /// different requests).
    TooFewDistinctValues {
        /// The constraint's index in the claim.
        constraint: usize,
        /// The attribute.
        attribute: String,
        /// Requests it applies to that need devices.
        needed: i64,
        /// The distinct values among their candidates.
        values: Vec<String>,
    },
    /// Requests (of one or several claims of the pod) that want the same
    /// devices, and need more of them together than there are.
    Contention {
        /// The requests, as `claim: request`.
        requests: Vec<String>,
        /// Devices they need together.
        needed: i64,
        /// Candidates they have together.
        candidates: usize,
    },
}

/// For one request: the candidates per value of an attribute.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ValueCounts {
    /// The request.
    pub request: String,
    /// Devices it needs.
    pub needed: i64,
    /// Candidates by value, in order of first appearance.
    pub values: Vec<(String, usize)>,
    /// Candidates without the attribute.
    pub missing: usize,
}

impl Finding {
    /// The finding in words.
    pub fn describe(&self) -> String {
        match self {
            Finding::NoCommonValue {
                attribute,
                requests,
                ..
            } if requests.iter().all(|r| r.values.is_empty()) => {
                let names: Vec<&str> = requests.iter().map(|r| r.request.as_str()).collect();
                format!(
                    "matchAttribute {attribute}: no candidate of request{} {} has the attribute",
                    if names.len() == 1 { "" } else { "s" },
                    names.join(", ")
                )
            }
            Finding::NoCommonValue {
                attribute,
                requests,
                ..
            } => {
                let parts: Vec<String> = requests
                    .iter()
                    .map(|r| {
                        let mut values: Vec<String> = r
                            .values
                            .iter()
                            .map(|(value, count)| format!("{value}: {count}"))
                            .collect();
                        if r.missing > 0 {
                            values.push(format!("{} without the attribute", r.missing));
                        }
                        if values.is_empty() {
                            values.push("no candidates".into());
                        }
                        format!("{} needs {} ({})", r.request, r.needed, values.join(", "))
                    })
                    .collect();
                format!(
                    "matchAttribute {attribute}: no value is shared by enough devices: {}",
                    parts.join("; ")
                )
            }
            Finding::TooFewDistinctValues {
                attribute,
                values,
                ..
            } if values.is_empty() => {
                format!("distinctAttribute {attribute}: no candidate has the attribute")
            }
            Finding::TooFewDistinctValues {
                attribute,
                needed,
                values,
                ..
            } => format!(
                "distinctAttribute {attribute}: {needed} requests need different values, but their candidates have only {} distinct value{} ({})",
                values.len(),
                if values.len() == 1 { "" } else { "s" },
                values.join(", ")
            ),
            Finding::Contention {
                requests,
                needed,
                candidates,
            } => format!(
                "requests {} want the same devices: {needed} needed together, {candidates} candidate{}",
                requests.join(", "),
                if *candidates == 1 { "" } else { "s" }
            ),
        }
    }
}
