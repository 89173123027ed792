//! Scores of a plugin brought to the framework's range.

/// The highest score a plugin gives a node after normalizing.
pub(crate) const MAX_NODE_SCORE: i64 = 100;

/// `DefaultNormalizeScore(MaxNodeScore, reverse, scores)`: scales scores
/// from [0, highest] to [0, 100] (all stay 0 when the highest is 0), and
/// with `reverse` turns them around (100 minus the scaled score; all 100
/// when the highest is 0).
pub(crate) fn default_normalize(scores: &mut [i64], reverse: bool) {
    let highest = scores.iter().copied().max().unwrap_or(0).max(0);
    if highest == 0 {
        if reverse {
            scores.fill(MAX_NODE_SCORE);
        }
        return;
    }
    for score in scores {
        let scaled = MAX_NODE_SCORE * *score / highest;
        *score = if reverse {
            MAX_NODE_SCORE - scaled
        } else {
            scaled
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_and_reverses() {
        let mut scores = [0, 1, 2];
        default_normalize(&mut scores, false);
        assert_eq!(scores, [0, 50, 100]);
        let mut scores = [0, 1, 2];
        default_normalize(&mut scores, true);
        assert_eq!(scores, [100, 50, 0]);
        let mut zeros = [0, 0];
        default_normalize(&mut zeros, false);
        assert_eq!(zeros, [0, 0]);
        default_normalize(&mut zeros, true);
        assert_eq!(zeros, [100, 100]);
    }
}
