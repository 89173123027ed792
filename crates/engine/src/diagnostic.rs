//! Problems found in a scenario, each with the place in the text it is about.
//!
//! Plain data: the command line prints them as `FILE:LINE:COLUMN: message`,
//! the web app underlines the span (after the data crossed from its worker
//! thread, hence serde).

use std::fmt;

use serde::{Deserialize, Serialize};

/// A position in the scenario text.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Pos {
    /// Line, 1-based.
    pub line: usize,
    /// Column, 1-based, counted in characters (Unicode scalar values).
    pub column: usize,
    /// Byte offset into the text, 0-based.
    pub offset: usize,
}

impl Pos {
    /// The start of the text: line 1, column 1.
    pub const START: Pos = Pos {
        line: 1,
        column: 1,
        offset: 0,
    };
}

/// A range of the scenario text: `start` inclusive, `end` exclusive.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    /// Where the range starts.
    pub start: Pos,
    /// Where the range ends (the position just after it).
    pub end: Pos,
}

impl Span {
    /// An empty range at one position.
    pub fn point(pos: Pos) -> Span {
        Span {
            start: pos,
            end: pos,
        }
    }

    /// The smallest range covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Severity {
    /// The scenario is invalid.
    Error,
    /// Worth knowing, but the scenario is usable.
    Warning,
    /// Not a problem: what the simulation does with something it was given
    /// (a kind it does not simulate, a field without effect here).
    Info,
}

/// One problem, positioned.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Where the problem is.
    pub span: Span,
    /// What is wrong, in Kubernetes' words where Kubernetes has words for it.
    pub message: String,
    /// Error or warning.
    pub severity: Severity,
}

impl Diagnostic {
    /// An error at a span.
    pub fn error(span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            span,
            message: message.into(),
            severity: Severity::Error,
        }
    }

    /// A warning at a span.
    pub fn warning(span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            span,
            message: message.into(),
            severity: Severity::Warning,
        }
    }

    /// An info hint at a span.
    pub fn info(span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            span,
            message: message.into(),
            severity: Severity::Info,
        }
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// `LINE:COLUMN: message` (the command line puts the file name in front).
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "",
            Severity::Warning => "warning: ",
            Severity::Info => "info: ",
        };
        write!(
            f,
            "{}:{}: {}{}",
            self.span.start.line, self.span.start.column, kind, self.message
        )
    }
}

/// Sorts diagnostics by position (stable: problems at one place keep their order).
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| (d.span.start.offset, d.span.start.line));
}

/// Edit distance between two words: insertions, deletions, substitutions
/// and swaps of neighbours (optimal string alignment), by characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // rows[i][j]: the distance between a[..i] and b[..j].
    let mut rows = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}

/// The known name nearest to a misspelled one, for a "did you mean": the
/// same word in other case, or one a few edits away (one edit for words of
/// up to five characters, two up to twelve, a fifth of the length beyond).
pub fn nearest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let lower = word.to_lowercase();
    let limit = match word.chars().count() {
        0..=2 => return None,
        3..=5 => 1,
        6..=12 => 2,
        n => n / 5,
    };
    candidates
        .into_iter()
        .map(|c| (edit_distance(&lower, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= limit && *c != word)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(
            edit_distance("gpu.example.com/modle", "gpu.example.com/model"),
            1
        );
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn nearest_names() {
        let fields = ["count", "allocationMode", "hostNetwork", "name", "type"];
        assert_eq!(nearest("cuont", fields), Some("count"));
        assert_eq!(nearest("hostNetwrok", fields), Some("hostNetwork"));
        assert_eq!(nearest("HostNetwork", fields), Some("hostNetwork"));
        assert_eq!(nearest("allocatonMod", fields), Some("allocationMode"));
        assert_eq!(nearest("size", fields), None);
        assert_eq!(nearest("ab", fields), None);
    }
}
