//! NodeAffinity: the pod's `nodeSelector` and required node affinity, and
//! the node affinity the scheduler adds to every pod (`addedAffinity`),
//! filter nodes; preferred terms score them (the sum of the weights of the
//! terms a node matches, normalized to 0-100).
//!
//! As upstream: a required term that does not parse is skipped (the others
//! may still match); the added affinity must parse (the configuration is
//! refused otherwise); a required term naming nodes by `metadata.name` lets
//! PreFilter keep only those nodes.

mod parse;

use std::collections::{BTreeMap, BTreeSet};

use crate::allocator::{selector_matches, NODE_NAME_FIELD};
use crate::api::Node;
use crate::api::{
    NodeAffinity as Affinity, NodeSelector, NodeSelectorTerm, Pod, PreferredSchedulingTerm,
};
use crate::scheduler::framework::normalize::default_normalize;
use crate::scheduler::framework::status::Rejection;
use crate::scheduler_profile::PluginName;

/// The reason of a node the pod's selector or affinity does not select.
pub(crate) const NOT_SELECTED: &str = "node(s) didn't match Pod's node affinity/selector";

/// The reason of a node the scheduler's added affinity does not select.
pub(crate) const NOT_ENFORCED: &str = "node(s) didn't match scheduler-enforced node affinity";

/// PreFilter's reason when the terms name no node in common.
pub(crate) const TERMS_CONFLICT: &str = "pod affinity terms conflict";

/// A term alone, as a selector; None when it does not parse (or is empty).
fn term_selector(term: &NodeSelectorTerm) -> Option<NodeSelector> {
    if term.match_expressions.is_empty() && term.match_fields.is_empty() {
        return None;
    }
    let selector = NodeSelector {
        node_selector_terms: vec![term.clone()],
    };
    selector_matches(&selector, "", &BTreeMap::new())
        .ok()
        .map(|_| selector)
}

fn matches(selector: &NodeSelector, node: &Node) -> bool {
    selector_matches(selector, &node.metadata.name, &node.metadata.labels).unwrap_or(false)
}

/// The pod's node affinity, prepared once per pod.
#[derive(Debug)]
pub(crate) struct PodAffinity<'a> {
    node_selector: &'a BTreeMap<String, String>,
    /// The required terms that parse, each alone; None without required
    /// affinity.
    required: Option<Vec<NodeSelector>>,
    /// The scheduler's added required affinity.
    added: Option<&'a NodeSelector>,
    /// Preferred terms (the pod's, then the added ones) that parse.
    preferred: Vec<(i64, NodeSelector)>,
    /// A preferred term of the pod that does not parse: scoring fails.
    preferred_error: Option<String>,
}

impl<'a> PodAffinity<'a> {
    /// PreFilter.
    pub(crate) fn of(pod: &'a Pod, added: Option<&'a Affinity>) -> PodAffinity<'a> {
        let own = pod
            .spec
            .affinity
            .as_ref()
            .and_then(|a| a.node_affinity.as_ref());
        let required = own.and_then(|a| a.required.as_ref()).map(|selector| {
            selector
                .node_selector_terms
                .iter()
                .filter_map(term_selector)
                .collect()
        });
        let own_preferred = own.map_or(&[][..], |a| a.preferred.as_slice());
        let added_preferred = added.map_or(&[][..], |a| a.preferred.as_slice());
        let preferred_error = parse::preferred_terms_problem(own_preferred);
        let preferred = own_preferred
            .iter()
            .chain(added_preferred)
            .filter_map(preferred_term)
            .collect();
        PodAffinity {
            node_selector: &pod.spec.node_selector,
            required,
            added: added.and_then(|a| a.required.as_ref()),
            preferred,
            preferred_error,
        }
    }

    /// Whether PreFilter skips the plugin: no node selector, no required
    /// affinity, nothing added by the scheduler.
    pub(crate) fn skips_filter(&self) -> bool {
        self.node_selector.is_empty() && self.required.is_none() && self.added.is_none()
    }

    /// Filter.
    pub(crate) fn filter(&self, node: &Node) -> Option<Rejection> {
        if let Some(added) = self.added {
            if !matches(added, node) {
                return Some(Rejection::unresolvable(
                    PluginName::NodeAffinity,
                    NOT_ENFORCED,
                ));
            }
        }
        let labels_match = self
            .node_selector
            .iter()
            .all(|(k, v)| node.metadata.labels.get(k) == Some(v));
        let affinity_match = self
            .required
            .as_ref()
            .is_none_or(|terms| terms.iter().any(|t| matches(t, node)));
        (!(labels_match && affinity_match))
            .then(|| Rejection::unresolvable(PluginName::NodeAffinity, NOT_SELECTED))
    }

    /// Whether PreScore skips the plugin (no preferred terms at all).
    pub(crate) fn skips_score(&self) -> bool {
        self.preferred.is_empty() && self.preferred_error.is_none()
    }

    /// A preferred term of the pod that does not parse (PreScore fails).
    pub(crate) fn score_error(&self) -> Option<&str> {
        self.preferred_error.as_deref()
    }

    /// Score: the weights of the preferred terms the node matches.
    pub(crate) fn score(&self, node: &Node) -> i64 {
        self.preferred
            .iter()
            .filter(|(_, term)| matches(term, node))
            .map(|(weight, _)| weight)
            .sum()
    }
}

/// A preferred term with its weight; None for a weight of 0, an empty term
/// or one that does not parse.
fn preferred_term(term: &PreferredSchedulingTerm) -> Option<(i64, NodeSelector)> {
    let preference = &term.preference;
    if term.weight == 0
        || (preference.match_expressions.is_empty() && preference.match_fields.is_empty())
    {
        return None;
    }
    let selector = NodeSelector {
        node_selector_terms: vec![preference.clone()],
    };
    selector_matches(&selector, "", &BTreeMap::new()).ok()?;
    Some((i64::from(term.weight), selector))
}

/// NormalizeScore.
pub(crate) fn normalize(scores: &mut [i64]) {
    default_normalize(scores, false);
}

/// PreFilter's nodes: when every required term names nodes by
/// `metadata.name` (`In`), only those nodes (the names a term's requirements
/// share, over all terms); None: every node. An empty set is
/// [`TERMS_CONFLICT`].
pub(crate) fn named_nodes(pod: &Pod) -> Option<BTreeSet<String>> {
    let terms = &pod
        .spec
        .affinity
        .as_ref()?
        .node_affinity
        .as_ref()?
        .required
        .as_ref()?
        .node_selector_terms;
    if terms.is_empty() {
        return None;
    }
    let mut names: BTreeSet<String> = BTreeSet::new();
    for term in terms {
        let mut in_term: Option<BTreeSet<String>> = None;
        for r in &term.match_fields {
            if r.key == NODE_NAME_FIELD && r.operator == "In" {
                let values: BTreeSet<String> = r.values.iter().cloned().collect();
                in_term = Some(match in_term {
                    None => values,
                    Some(before) => before.intersection(&values).cloned().collect(),
                });
            }
        }
        names.extend(in_term?);
    }
    Some(names)
}
