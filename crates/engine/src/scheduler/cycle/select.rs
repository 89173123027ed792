//! Choosing the node: the highest total score. Where several nodes share it,
//! the kube-scheduler picks one at random (reservoir sampling); the
//! playground takes the first of them in document order and says which
//! nodes tied.

/// The chosen node and the nodes that tied with it (including itself, in
/// document order; a single entry when there is no tie).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Selection {
    /// Index of the chosen node among the candidates.
    pub chosen: usize,
    /// Indices of every candidate with the highest total.
    pub tied: Vec<usize>,
}

/// Candidates are given as (document position, total score).
pub(crate) fn select_host(candidates: &[(usize, i64)]) -> Option<Selection> {
    let highest = candidates.iter().map(|(_, total)| *total).max()?;
    let mut tied: Vec<usize> = (0..candidates.len())
        .filter(|&i| candidates[i].1 == highest)
        .collect();
    tied.sort_by_key(|&i| candidates[i].0);
    Some(Selection {
        chosen: tied[0],
        tied,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highest_wins_and_ties_go_to_document_order() {
        assert_eq!(select_host(&[]), None);
        let s = select_host(&[(0, 10), (1, 30), (2, 20)]).unwrap();
        assert_eq!((s.chosen, s.tied), (1, vec![1]));
        // Evaluated from a rotated start: the tie goes to the node written
        // first, not the one evaluated first.
        let s = select_host(&[(3, 50), (4, 10), (0, 50), (1, 50)]).unwrap();
        assert_eq!((s.chosen, s.tied), (2, vec![2, 3, 0]));
    }
}
