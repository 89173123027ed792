//! Lessons: a scenario to start from, what the learner reads (an explanation, a task, graded
//! hints), a solution, and goals the engine checks against every run of the learner's
//! scenario. A lesson is one YAML file (`lessons/*.yaml`; the format: `lessons/README.md`),
//! read here with positions so that a mistake in it is reported at its line and column.
//!
//! **Invariant:** checking never changes a run: the goals read the loaded scenario and the
//! run's result, nothing else.

mod format;
mod goals;

pub use format::{ClaimAllocated, Goal, Lesson, PodRef, PodScheduled};
pub use goals::{check, describe, GoalCheck};

use crate::diagnostic::{Diagnostic, Pos, Span};
use crate::pipeline::{self, RunOptions};
use crate::scheduler::SchedulerOptions;
use crate::yaml::{self, FieldPath, SpanTable};
use format::Edit;

impl Lesson {
    /// Reads a lesson file; every problem with its position.
    pub fn parse(text: &str) -> Result<Lesson, Vec<Diagnostic>> {
        let parsed = yaml::parse(text);
        if !parsed.diagnostics.is_empty() {
            return Err(parsed.diagnostics);
        }
        let [document] = parsed.documents.as_slice() else {
            let at = Span::point(Pos::START);
            return Err(vec![Diagnostic::error(
                at,
                format!(
                    "a lesson is one YAML document, not {}",
                    parsed.documents.len()
                ),
            )]);
        };
        let root = &document.root;
        let mut spans = SpanTable::new(root.span);
        let mut lesson: Lesson =
            yaml::from_node(root, &FieldPath::root(), &mut spans).map_err(|e| {
                vec![Diagnostic::error(
                    e.span().unwrap_or(root.span),
                    e.message(),
                )]
            })?;
        let at = |path: &str| spans.value_span(&FieldPath::new(path));
        let needs = |field: &str, missing: bool| {
            missing.then(|| Diagnostic::error(at(field), format!("a lesson needs {field}")))
        };
        let mut problems: Vec<Diagnostic> = [
            needs("title", lesson.title.trim().is_empty()),
            needs("task", lesson.task.trim().is_empty()),
            needs("goals", lesson.goals.is_empty()),
            needs("hints", lesson.hints.is_empty()),
            needs("start", lesson.start.trim().is_empty()),
            needs("solution", lesson.edits.is_empty()),
        ]
        .into_iter()
        .flatten()
        .collect();
        for (i, goal) in lesson.goals.iter().enumerate() {
            if let Goal::ClaimAllocated(c) = goal {
                if c.claim.is_none() && (c.pod.is_none() || c.entry.is_none()) {
                    problems.push(Diagnostic::error(
                        spans.value_span(&FieldPath::new("goals").index(i)),
                        "a claimAllocated goal names a claim, or a pod and its entry",
                    ));
                }
            }
        }
        match apply(&lesson.start, &lesson.edits) {
            Ok(solution) if problems.is_empty() => {
                lesson.solution = solution;
                Ok(lesson)
            }
            Ok(_) => Err(problems),
            Err((i, message)) => {
                let span = spans.value_span(&FieldPath::new("solution").index(i).child("find"));
                problems.push(Diagnostic::error(span, message));
                Err(problems)
            }
        }
    }

    /// The goals checked against a run of `text` (loaded and run as the playground runs it).
    pub fn check_text(&self, text: &str) -> Vec<GoalCheck> {
        let loaded = pipeline::load(text, &RunOptions::default());
        let errors = pipeline::problems(&loaded).iter().any(Diagnostic::is_error);
        let run = (!errors).then(|| pipeline::run(&loaded, &SchedulerOptions::default(), None));
        check(&self.goals, &loaded, run.as_ref())
    }
}

/// The text with every edit applied in order; else the index of the edit that does not
/// apply and why.
fn apply(text: &str, edits: &[Edit]) -> Result<String, (usize, String)> {
    let mut text = text.to_owned();
    for (i, edit) in edits.iter().enumerate() {
        match text.matches(edit.find.as_str()).count() {
            1 => text = text.replacen(edit.find.as_str(), &edit.replace, 1),
            0 => {
                return Err((
                    i,
                    format!("edit {}: its text is not in the scenario", i + 1),
                ))
            }
            n => {
                return Err((
                    i,
                    format!(
                        "edit {}: its text is in the scenario {n} times, not once",
                        i + 1
                    ),
                ))
            }
        }
    }
    Ok(text)
}

/// Every goal is met.
pub fn solved(checks: &[GoalCheck]) -> bool {
    !checks.is_empty() && checks.iter().all(|c| c.met)
}

#[cfg(test)]
mod tests;
