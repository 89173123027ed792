//! How many feasible nodes the scheduler looks for before it stops
//! filtering and scores what it found (`percentageOfNodesToScore`).

/// Clusters smaller than this are filtered whole.
const MIN_FEASIBLE_NODES_TO_FIND: usize = 100;

/// The adaptive percentage never goes below this.
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND: i64 = 5;

/// `numFeasibleNodesToFind`: every node of a cluster under 100 nodes;
/// otherwise the configured percentage (0: adaptive, 50% minus one point
/// per 125 nodes, at least 5%) of the nodes, but at least 100.
pub(crate) fn num_feasible_nodes_to_find(percentage: i32, all_nodes: usize) -> usize {
    if all_nodes < MIN_FEASIBLE_NODES_TO_FIND {
        return all_nodes;
    }
    let n = all_nodes as i64;
    let mut percentage = i64::from(percentage);
    if percentage == 0 {
        percentage = (50 - n / 125).max(MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND);
    }
    let found = n * percentage / 100;
    if found < MIN_FEASIBLE_NODES_TO_FIND as i64 {
        return MIN_FEASIBLE_NODES_TO_FIND;
    }
    found as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adaptive_percentage() {
        assert_eq!(num_feasible_nodes_to_find(0, 10), 10);
        assert_eq!(num_feasible_nodes_to_find(0, 99), 99);
        assert_eq!(num_feasible_nodes_to_find(0, 100), 100);
        // 500 nodes: 50 - 4 = 46%: 230.
        assert_eq!(num_feasible_nodes_to_find(0, 500), 230);
        // 1,000 nodes: 42%.
        assert_eq!(num_feasible_nodes_to_find(0, 1000), 420);
        // 6,000 nodes: 50 - 48 = 2%, raised to 5%.
        assert_eq!(num_feasible_nodes_to_find(0, 6000), 300);
        // A configured percentage, but never fewer than 100 nodes.
        assert_eq!(num_feasible_nodes_to_find(10, 500), 100);
        assert_eq!(num_feasible_nodes_to_find(100, 500), 500);
    }
}
