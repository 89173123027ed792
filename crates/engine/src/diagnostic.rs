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
