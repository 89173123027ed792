//! The learner's progress through the lessons, kept in the browser (localStorage): which
//! lessons are solved, and the work on each lesson as last edited.

use super::storage::storage;

/// The names of the solved lessons, one a line.
const SOLVED: &str = "dra-playground/lessons/solved";

/// The key of the work on a lesson.
fn work_key(lesson: &str) -> String {
    format!("dra-playground/lessons/work/{lesson}")
}

/// The lessons solved so far.
pub fn solved() -> Vec<String> {
    storage()
        .and_then(|s| s.get_item(SOLVED).ok().flatten())
        .map(|list| list.lines().map(str::to_owned).collect())
        .unwrap_or_default()
}

/// Remembers that `lesson` is solved.
pub fn mark_solved(lesson: &str) {
    let mut list = solved();
    if list.iter().any(|l| l == lesson) {
        return;
    }
    list.push(lesson.to_owned());
    if let Some(s) = storage() {
        let _ = s.set_item(SOLVED, &list.join("\n"));
    }
}

/// The work on `lesson` as last edited, if any.
pub fn work(lesson: &str) -> Option<String> {
    storage()?.get_item(&work_key(lesson)).ok().flatten()
}

/// Keeps the work on `lesson`.
pub fn save_work(lesson: &str, text: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(&work_key(lesson), text);
    }
}
