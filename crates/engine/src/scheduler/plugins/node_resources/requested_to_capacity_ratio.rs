//! RequestedToCapacityRatio: each resource's utilization with the pod (0-100)
//! mapped through a piecewise linear function given as points, weighted.

use super::allocation::Use;
use crate::api::UtilizationShapePoint;
use crate::scheduler::framework::normalize::MAX_NODE_SCORE;
use crate::scheduler_profile::WeightedResource;

/// The shape's scores go from 0 to this; they are scaled to 0-100.
const MAX_CUSTOM_PRIORITY_SCORE: i64 = 10;

/// Full utilization.
const MAX_UTILIZATION: i64 = 100;

/// The node's score, 0-100.
pub(crate) fn score(
    uses: &[Use],
    resources: &[WeightedResource],
    shape: &[UtilizationShapePoint],
) -> i64 {
    let points: Vec<(i64, i64)> = shape
        .iter()
        .map(|p| {
            (
                i64::from(p.utilization),
                i64::from(p.score) * (MAX_NODE_SCORE / MAX_CUSTOM_PRIORITY_SCORE),
            )
        })
        .collect();
    let resource_score = |requested: i64, capacity: i64| {
        if capacity == 0 || requested > capacity {
            broken_linear(&points, MAX_UTILIZATION)
        } else {
            broken_linear(&points, requested * MAX_UTILIZATION / capacity)
        }
    };
    let mut total = 0;
    let mut weights = 0;
    for (u, r) in uses.iter().zip(resources) {
        if u.allocatable == 0 {
            continue;
        }
        let s = resource_score(u.requested, u.allocatable);
        // Resources scoring 0 do not count, not even their weight.
        if s > 0 {
            total += s * r.weight;
            weights += r.weight;
        }
    }
    if weights == 0 {
        0
    } else {
        (total as f64 / weights as f64).round() as i64
    }
}

/// `BuildBrokenLinearFunction`: the first point's score up to its
/// utilization, straight lines between points, the last point's score after.
fn broken_linear(points: &[(i64, i64)], p: i64) -> i64 {
    for (i, &(utilization, score)) in points.iter().enumerate() {
        if p <= utilization {
            if i == 0 {
                return score;
            }
            let (u0, s0) = points[i - 1];
            return s0 + (score - s0) * (p - u0) / (utilization - u0);
        }
    }
    points.last().map_or(0, |&(_, s)| s)
}
