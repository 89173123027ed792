//! NodeResourcesBalancedAllocation: favors nodes whose resources would be
//! used evenly: 100 minus the standard deviation of the resources' used
//! shares (as percentages). Since Kubernetes 1.36 it scores the change the
//! pod makes to that balance instead: 75 when the balance stays, towards 100
//! when the pod improves it, towards 50 when it worsens it.

use super::allocation::Use;
use crate::scheduler::framework::normalize::MAX_NODE_SCORE;

/// The node's score. `by_change`: Kubernetes 1.36 and later.
pub(crate) fn score(uses: &[Use], by_change: bool) -> i64 {
    let with_pod = balance(uses.iter().map(|u| (u.requested, u.allocatable)));
    if !by_change {
        return with_pod;
    }
    let without_pod = balance(uses.iter().map(|u| (u.before, u.allocatable)));
    MAX_NODE_SCORE / 2 + (MAX_NODE_SCORE / 2 + with_pod - without_pod) / 2
}

/// `(1 - std) * 100` over the shares of the resources the node offers
/// (a share above 1 counts as 1); with one resource or none, 100.
fn balance(uses: impl Iterator<Item = (i64, i64)>) -> i64 {
    let fractions: Vec<f64> = uses
        .filter(|(_, allocatable)| *allocatable != 0)
        .map(|(requested, allocatable)| (requested as f64 / allocatable as f64).min(1.0))
        .collect();
    let std = match fractions.len() {
        0 | 1 => 0.0,
        2 => ((fractions[0] - fractions[1]) / 2.0).abs(),
        n => {
            let mean = fractions.iter().sum::<f64>() / n as f64;
            let sum: f64 = fractions.iter().map(|f| (f - mean) * (f - mean)).sum();
            (sum / n as f64).sqrt()
        }
    };
    ((1.0 - std) * MAX_NODE_SCORE as f64) as i64
}
