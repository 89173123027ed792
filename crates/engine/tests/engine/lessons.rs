//! The lesson track (`lessons/`, issue 15): every lesson file reads, its start scenario runs
//! without errors and does not meet its goals, its solution meets every goal without errors
//! or warnings, and the track is numbered in order with names the app can link to.

use std::path::PathBuf;

use dra_engine::diagnostic::Severity;
use dra_engine::lessons::{solved, Lesson};
use dra_engine::pipeline::{self, RunOptions};

use crate::support::{located, repo_file};

/// The track's files, sorted by name.
fn lesson_files() -> Vec<(String, PathBuf)> {
    let dir = repo_file("lessons");
    let mut files: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    files.sort();
    files
}

fn read(path: &PathBuf) -> Lesson {
    let text = std::fs::read_to_string(path).expect("a lesson file");
    Lesson::parse(&text).unwrap_or_else(|problems| {
        let lines: Vec<String> = problems.iter().map(located).collect();
        panic!("{}: {}", path.display(), lines.join("; "))
    })
}

/// The errors, then the warnings, of a scenario (line:column: message).
fn problems_of(text: &str) -> (Vec<String>, Vec<String>) {
    let problems = pipeline::problems(&pipeline::load(text, &RunOptions::default()));
    let of = |severity: Severity| -> Vec<String> {
        problems
            .iter()
            .filter(|d| d.severity == severity)
            .map(located)
            .collect()
    };
    (of(Severity::Error), of(Severity::Warning))
}

#[test]
fn the_track_has_ten_lessons_or_more_numbered_in_order() {
    let files = lesson_files();
    assert!(files.len() >= 10, "{} lessons", files.len());
    for (i, (stem, _)) in files.iter().enumerate() {
        let (number, name) = stem.split_once('-').expect("NN-name");
        assert_eq!(number, format!("{:02}", i + 1), "{stem}");
        assert!(
            name.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{stem}: a name for #lesson=NAME"
        );
    }
}

#[test]
fn every_solution_meets_its_goals_and_no_start_does() {
    for (stem, path) in lesson_files() {
        let lesson = read(&path);
        assert!(lesson.hints.len() >= 2, "{stem}: graded hints");
        let (errors, _) = problems_of(&lesson.start);
        assert!(
            errors.is_empty(),
            "{stem}: the start has errors: {errors:?}"
        );
        let checks = lesson.check_text(&lesson.start);
        // Shown with --nocapture: what the learner sees first.
        for c in &checks {
            println!(
                "{stem}: start: {} [{}] {}",
                if c.met { "met" } else { "unmet" },
                c.goal,
                c.detail
            );
        }
        assert!(!solved(&checks), "{stem}: the start meets every goal");
        let (errors, warnings) = problems_of(&lesson.solution);
        assert!(
            errors.is_empty() && warnings.is_empty(),
            "{stem}: the solution has problems: {errors:?} {warnings:?}"
        );
        let checks = lesson.check_text(&lesson.solution);
        assert!(
            solved(&checks),
            "{stem}: the solution misses goals: {checks:#?}"
        );
    }
}
