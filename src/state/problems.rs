//! What the editor marks and the problems list shows: the engine's diagnostics (errors and
//! warnings) and the explanation's hints about likely mistakes, each at its place in the text
//! in the editor's UTF-16 offsets.

use dra_engine::diagnostic::Severity;
use dra_playground_web::worker::explanation_view::HintView;

use crate::scenario::text;
use crate::state::run::RunInfo;

/// How serious a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Nothing runs until it is fixed.
    Error,
    /// The run goes on, but something is off.
    Warning,
    /// A likely mistake (from the explanation's hints).
    Hint,
}

impl Level {
    /// The word shown and used as a CSS class.
    pub fn word(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Hint => "hint",
        }
    }

    /// CodeMirror's lint severity.
    fn lint(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Hint => "info",
        }
    }
}

/// One problem, positioned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// How serious.
    pub level: Level,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// In words.
    pub message: String,
    /// Where in the editor (UTF-16 offsets).
    pub from: u32,
    /// Where it ends.
    pub to: u32,
}

/// Every problem of a run: diagnostics first (in source order), then the hints that have a
/// position.
pub fn of_run(run: &RunInfo) -> Vec<Problem> {
    let mut problems: Vec<Problem> = run
        .analysis
        .diagnostics
        .iter()
        .map(|d| {
            let (from, to) = text::range_of(&run.text, &d.span);
            Problem {
                level: match d.severity {
                    Severity::Error => Level::Error,
                    Severity::Warning => Level::Warning,
                    Severity::Info => Level::Hint,
                },
                line: d.span.start.line,
                column: d.span.start.column,
                message: d.message.clone(),
                from,
                to: to.max(from),
            }
        })
        .collect();
    problems.extend(run.hints.iter().filter_map(|h| hint_problem(&run.text, h)));
    problems
}

/// A hint as a problem, underlining the word it points at.
pub fn hint_problem(source: &str, hint: &HintView) -> Option<Problem> {
    let pos = hint.position?;
    let start = text::byte_at(source, pos.line, pos.column);
    let end = text::word_end(source, start);
    Some(Problem {
        level: Level::Hint,
        line: pos.line,
        column: pos.column,
        message: hint.message.clone(),
        from: text::utf16_of(source, start),
        to: text::utf16_of(source, end),
    })
}

/// The problems as the editor's lint markers (JSON for `setDiagnostics`).
pub fn lint_json(problems: &[Problem]) -> String {
    let items: Vec<serde_json::Value> = problems
        .iter()
        .map(|p| {
            serde_json::json!({
                "from": p.from,
                "to": p.to,
                "severity": p.level.lint(),
                "message": p.message,
            })
        })
        .collect();
    serde_json::Value::Array(items).to_string()
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use dra_engine::explain::{self, SourcePos};
    use dra_engine::load::{load_scenario, LoadOptions};

    use super::*;

    fn run_of(source: &str) -> RunInfo {
        let loaded = load_scenario(source, &LoadOptions::default());
        RunInfo {
            hints: Rc::new(
                explain::hints(&loaded, source)
                    .iter()
                    .map(HintView::from)
                    .collect(),
            ),
            ..RunInfo::of_text(source)
        }
    }

    #[test]
    fn a_hint_underlines_the_misspelled_name_as_info() {
        let source = include_str!("../../examples/broken-attribute-typo.yaml");
        let problems = of_run(&run_of(source));
        let hint = problems
            .iter()
            .find(|p| p.level == Level::Hint)
            .expect("a hint");
        assert!(hint.message.contains("did you mean"), "{}", hint.message);
        assert_eq!(&source[hint.from as usize..hint.to as usize], ".modle");
        let json = lint_json(&problems);
        assert!(json.contains(r#""severity":"info""#), "{json}");
    }

    #[test]
    fn errors_come_first_and_keep_their_place() {
        let source =
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  resourceClaimz: []\n";
        let problems = of_run(&run_of(source));
        assert_eq!(problems[0].level, Level::Error);
        assert_eq!((problems[0].line, problems[0].column), (5, 3));
        assert!(problems.iter().all(|p| p.level != Level::Hint));
    }

    #[test]
    fn a_hint_past_the_end_points_at_the_end() {
        let hint = HintView {
            message: "m".into(),
            object: "o".into(),
            position: Some(SourcePos {
                line: 40,
                column: 3,
            }),
        };
        let p = hint_problem("a: b\n", &hint).expect("positioned");
        assert_eq!((p.from, p.to), (5, 5));
    }
}
