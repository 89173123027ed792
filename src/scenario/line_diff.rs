//! A line diff of two texts (the longest common subsequence of their lines), for the lesson's
//! solution shown as the change from the learner's scenario.

/// One line of a diff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiffLine {
    /// In both texts.
    Same(String),
    /// Only in the old text.
    Removed(String),
    /// Only in the new text.
    Added(String),
}

/// The lines of `old` and `new`, in order, each kept, removed or added.
pub fn diff(old: &str, new: &str) -> Vec<DiffLine> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    // common[i][j]: the length of the longest common subsequence of a[i..] and b[j..].
    let mut common = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            common[i][j] = if a[i] == b[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut lines = Vec::with_capacity(a.len().max(b.len()));
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            lines.push(DiffLine::Same(a[i].to_owned()));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || common[i + 1][j] >= common[i][j + 1]) {
            lines.push(DiffLine::Removed(a[i].to_owned()));
            i += 1;
        } else {
            lines.push(DiffLine::Added(b[j].to_owned()));
            j += 1;
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use DiffLine::{Added, Removed, Same};

    fn s(x: &str) -> String {
        x.to_owned()
    }

    #[test]
    fn a_changed_line_is_removed_then_added_between_kept_lines() {
        assert_eq!(
            diff("a\nb\nc\n", "a\nx\nc\n"),
            vec![Same(s("a")), Removed(s("b")), Added(s("x")), Same(s("c"))]
        );
    }

    #[test]
    fn lines_added_at_the_end_and_removed_at_the_start() {
        assert_eq!(
            diff("a\nb", "b\nc\nd"),
            vec![Removed(s("a")), Same(s("b")), Added(s("c")), Added(s("d"))]
        );
        assert!(diff("same\n", "same\n")
            .iter()
            .all(|l| matches!(l, Same(_))));
        assert_eq!(diff("", "x"), vec![Added(s("x"))]);
    }
}
