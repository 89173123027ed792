//! The lesson track as the worker serves it: the lesson files of `lessons/` compiled into the
//! worker (never into the page), read once with the engine's `lessons` module, and each run
//! checked against the goals of the lesson open (`dra_engine::lessons::check`: the run's own
//! loaded objects and result, so that a scenario is loaded and run once per edit).

use std::rc::Rc;

use dra_engine::lessons::{check, solved, Lesson};
use dra_engine::load::LoadedScenario;
use dra_engine::scheduler::RunResult;

use crate::worker::messages::{LessonView, LessonsQuery, LessonsReply, TrackEntry};

macro_rules! track {
    ($($file:literal),* $(,)?) => {
        /// The lesson files in track order: file name without `.yaml`, and text.
        const FILES: &[(&str, &str)] =
            &[$(($file, include_str!(concat!("../../lessons/", $file, ".yaml")))),*];
    };
}

track![
    "01-first-claim",
    "02-no-pinning",
    "03-beyond-counts",
    "04-minimum-memory",
    "05-device-classes",
    "06-prioritized-alternatives",
    "07-match-attribute",
    "08-mig-partitions",
    "09-tpu-slice",
    "10-taints-and-tolerations",
    "11-shared-claim",
    "12-consumable-capacity",
    "13-admin-access",
];

/// A lesson's name in links (`#lesson=NAME`): its file name without the number.
fn name_of(file: &str) -> &str {
    file.split_once('-').map_or(file, |(_, name)| name)
}

/// One lesson of the track, read.
struct Read {
    name: &'static str,
    lesson: Result<Lesson, String>,
}

thread_local! {
    /// The track, read once per worker.
    static TRACK: Rc<Vec<Read>> = Rc::new(
        FILES
            .iter()
            .map(|(file, text)| Read {
                name: name_of(file),
                lesson: Lesson::parse(text).map_err(|problems| {
                    let first = problems.first().map(|d| {
                        format!("{}:{}: {}", d.span.start.line, d.span.start.column, d.message)
                    });
                    format!("lessons/{file}.yaml: {}", first.unwrap_or_default())
                }),
            })
            .collect(),
    );
}

/// What the page asked about the lessons, answered for a run: the track, and the lesson open
/// with its goals checked against the scenario `loaded` and its run (`None`: it has errors).
pub fn answer(
    query: &LessonsQuery,
    loaded: &LoadedScenario,
    run: Option<&RunResult>,
) -> LessonsReply {
    let track = TRACK.with(Rc::clone);
    let entries = track
        .iter()
        .map(|r| TrackEntry {
            name: r.name.to_owned(),
            title: r
                .lesson
                .as_ref()
                .map_or_else(Clone::clone, |l| l.title.clone()),
            summary: r
                .lesson
                .as_ref()
                .map_or_else(|_| String::new(), |l| l.summary.clone()),
        })
        .collect();
    let open = query.open.as_deref().map(|name| {
        let read = track
            .iter()
            .find(|r| r.name == name)
            .ok_or_else(|| format!("There is no lesson named “{name}”."))?;
        let lesson = read.lesson.as_ref().map_err(Clone::clone)?;
        let checks = check(&lesson.goals, loaded, run);
        Ok(LessonView {
            name: read.name.to_owned(),
            title: lesson.title.clone(),
            explanation: lesson.explanation.clone(),
            task: lesson.task.clone(),
            hints: lesson.hints.clone(),
            start: lesson.start.clone(),
            solution: lesson.solution.clone(),
            solved: solved(&checks),
            checks,
        })
    });
    LessonsReply {
        track: entries,
        open,
    }
}

#[cfg(test)]
mod tests {
    use dra_engine::load::{load_scenario, LoadOptions};
    use dra_engine::playground::analyze_keeping_run;

    use super::*;

    /// The answer for a run of `text`, loaded and run as the worker does.
    fn answer_for(query: &LessonsQuery, text: &str) -> LessonsReply {
        let loaded = load_scenario(text, &LoadOptions::default());
        let (_, run) = analyze_keeping_run(&loaded, &Default::default());
        answer(query, &loaded, run.as_ref())
    }

    #[test]
    fn the_track_is_the_lessons_folder_in_order() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .expect("lessons/")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .map(|p| {
                p.file_stem()
                    .expect("a name")
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        files.sort();
        let carried: Vec<&str> = FILES.iter().map(|(file, _)| *file).collect();
        assert_eq!(carried, files);
    }

    #[test]
    fn the_solution_meets_the_goals_and_the_start_does_not() {
        let all = answer_for(&LessonsQuery { open: None }, "");
        assert_eq!(all.track.len(), FILES.len());
        assert!(all.open.is_none());
        for entry in &all.track {
            let query = LessonsQuery {
                open: Some(entry.name.clone()),
            };
            let view = answer_for(&query, "").open.expect("asked").expect("read");
            assert_eq!(view.title, entry.title);
            let start = answer_for(&query, &view.start)
                .open
                .expect("asked")
                .expect("read");
            assert!(!start.solved, "{}: the start is solved", entry.name);
            let done = answer_for(&query, &view.solution)
                .open
                .expect("asked")
                .expect("read");
            assert!(done.solved, "{}: {:?}", entry.name, done.checks);
        }
    }

    #[test]
    fn goals_checked_against_the_run_are_those_checked_against_the_text() {
        for (file, text) in FILES {
            let lesson = Lesson::parse(text).expect("a lesson");
            let query = LessonsQuery {
                open: Some(name_of(file).to_owned()),
            };
            let broken = lesson.start.replace("kind:", "kinds:");
            for scenario in [&lesson.start, &lesson.solution, &broken] {
                let view = answer_for(&query, scenario)
                    .open
                    .expect("asked")
                    .expect("read");
                assert_eq!(view.checks, lesson.check_text(scenario), "{file}");
            }
        }
    }

    #[test]
    fn an_unknown_lesson_is_an_answer_not_a_failure() {
        let query = LessonsQuery {
            open: Some("no-such-lesson".into()),
        };
        let error = answer_for(&query, "")
            .open
            .expect("asked")
            .expect_err("unknown");
        assert!(error.contains("no-such-lesson"), "{error}");
    }
}
