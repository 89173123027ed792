//! Checks shared by the fuzz targets: beyond "no panic", every position the
//! engine reports must be usable by the app (which slices the text by byte
//! offsets to underline a problem) and by the command line (LINE:COLUMN).

#![allow(dead_code)]

use dra_engine::diagnostic::{Diagnostic, Pos, Span};

/// Search steps per pod in fuzzed runs (and in their replay by
/// crates/engine/tests/fuzz_regressions.rs, which uses the same number).
pub const FUZZ_MAX_STEPS: u64 = 5_000;
use dra_engine::load::LoadedScenario;

/// Line and column (1-based, columns in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// A position lies inside the text, on a character boundary, and its line
/// and column agree with its offset.
pub fn check_pos(text: &str, pos: Pos, what: &dyn std::fmt::Display) {
    assert!(
        pos.offset <= text.len(),
        "{what}: offset {} past the end ({} bytes)",
        pos.offset,
        text.len()
    );
    assert!(
        text.is_char_boundary(pos.offset),
        "{what}: offset {} inside a character",
        pos.offset
    );
    assert!(pos.line >= 1 && pos.column >= 1, "{what}: line or column 0");
    let (line, column) = line_column(text, pos.offset);
    assert_eq!(
        (pos.line, pos.column),
        (line, column),
        "{what}: line/column disagree with offset {}",
        pos.offset
    );
}

pub fn check_span(text: &str, span: Span, what: &dyn std::fmt::Display) {
    check_pos(text, span.start, what);
    check_pos(text, span.end, what);
    assert!(
        span.start.offset <= span.end.offset,
        "{what}: span ends before it starts"
    );
}

pub fn check_diagnostics(text: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        assert!(!d.message.is_empty(), "a diagnostic without a message");
        check_span(text, d.span, d);
    }
}

/// Every diagnostic and every recorded field span of a loaded scenario.
pub fn check_loaded(text: &str, loaded: &LoadedScenario) {
    check_diagnostics(text, &loaded.diagnostics);
    for o in &loaded.objects {
        check_span(text, o.spans.object, &"object span");
        for (path, entry) in o.spans.iter() {
            if let Some(key) = entry.key {
                check_span(text, key, &path);
            }
            check_span(text, entry.value, &path);
        }
    }
}
