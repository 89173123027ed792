//! Component tests of the lessons panel in a real browser, on the worker's own answers for the
//! lesson `no-pinning`: the goals checked (not all met by the start, all by the solution), hints
//! one at a time, the solution as a diff that can be used, the track with solved lessons
//! marked, and the way to the next lesson.

use std::cell::RefCell;
use std::rc::Rc;

use dra_engine::load::{load_scenario, LoadOptions};
use dra_engine::playground::analyze_keeping_run;
use dra_playground_web::worker::lessons::answer;
use dra_playground_web::worker::messages::{LessonsQuery, LessonsReply};
use wasm_bindgen_test::wasm_bindgen_test;
use yew::prelude::*;

use crate::browser_tests::explanation::click;
use crate::browser_tests::{attributes, root, settle, text_of};
use crate::components::lessons::panel::{LessonPanel, LessonPanelProps};
use crate::state::lessons::Lessons;

const LESSON: &str = "no-pinning";

/// The worker's answer for a run of `text`, loaded and run as the worker does.
fn answer_for(query: &LessonsQuery, text: &str) -> LessonsReply {
    let loaded = load_scenario(text, &LoadOptions::default());
    let (_, run) = analyze_keeping_run(&loaded, &Default::default());
    answer(query, &loaded, run.as_ref())
}

/// The worker's answer for the lesson open with `text` as the learner's scenario (the
/// lesson's start when None).
fn reply(text: Option<&str>) -> (Rc<LessonsReply>, String) {
    let query = LessonsQuery {
        open: Some(LESSON.into()),
    };
    let first = answer_for(&query, "");
    let view = first.open.clone().expect("asked").expect("read");
    let text = text.map_or(view.start.clone(), str::to_owned);
    (Rc::new(answer_for(&query, &text)), text)
}

fn open(
    reply: Rc<LessonsReply>,
    text: String,
    loaded: Rc<RefCell<Vec<String>>>,
) -> LessonPanelProps {
    LessonPanelProps {
        lessons: Lessons {
            panel: true,
            open: Some(LESSON.into()),
            awaiting_start: false,
            solved: Vec::new(),
            lesson_in_editor: true,
        },
        reply: Some(reply),
        text: text.into(),
        on_open: Callback::noop(),
        on_list: Callback::noop(),
        on_close: Callback::noop(),
        on_load: Callback::from(move |t| loaded.borrow_mut().push(t)),
    }
}

#[wasm_bindgen_test]
async fn the_start_shows_unmet_goals_and_a_hint_comes_on_request() {
    let (reply, text) = reply(None);
    let element = root();
    yew::Renderer::<LessonPanel>::with_root_and_props(
        element.clone(),
        open(reply, text, Rc::default()),
    )
    .render();
    settle().await;

    assert!(text_of(&element, "[data-testid=lesson-title]").contains("scheduler finds the node"));
    let met = attributes(&element, "[data-testid=goal]", "data-met");
    assert!(met.len() >= 2, "{met:?}");
    assert!(met.contains(&Some("false".into())), "{met:?}");
    assert_eq!(
        attributes(&element, "[data-testid=lesson-status]", "data-solved"),
        vec![Some("false".into())]
    );
    assert!(attributes(&element, "[data-testid=hint]", "class").is_empty());
    click(&element, "[data-testid=lesson-hint]");
    settle().await;
    assert_eq!(attributes(&element, "[data-testid=hint]", "class").len(), 1);
    assert!(text_of(&element, "[data-testid=lesson-hint]").contains("hint 2 of"));
    click(&element, "[data-testid=lesson-hint]");
    settle().await;
    assert_eq!(attributes(&element, "[data-testid=hint]", "class").len(), 2);
}

#[wasm_bindgen_test]
async fn the_solution_is_a_diff_that_can_be_used() {
    let (reply, text) = reply(None);
    let solution = reply.open.clone().expect("asked").expect("read").solution;
    let loaded: Rc<RefCell<Vec<String>>> = Rc::default();
    let element = root();
    yew::Renderer::<LessonPanel>::with_root_and_props(
        element.clone(),
        open(reply, text, loaded.clone()),
    )
    .render();
    settle().await;
    assert!(element
        .query_selector("[data-testid=solution-diff]")
        .expect("valid")
        .is_none());
    click(&element, "[data-testid=lesson-show-solution]");
    settle().await;
    let removed = text_of(&element, ".diff-removed");
    assert!(removed.contains("nodeName: node-1"), "{removed}");
    click(&element, "[data-testid=lesson-use-solution]");
    assert_eq!(*loaded.borrow(), vec![solution]);
}

#[wasm_bindgen_test]
async fn the_solution_meets_every_goal_and_the_track_marks_solved_lessons() {
    let (first, _) = reply(None);
    let view = first.open.clone().expect("asked").expect("read");
    let (solved, text) = reply(Some(&view.solution));
    let opened: Rc<RefCell<Vec<String>>> = Rc::default();
    let element = root();
    let mut props = open(solved.clone(), text, Rc::default());
    props.on_open = {
        let opened = opened.clone();
        Callback::from(move |name| opened.borrow_mut().push(name))
    };
    yew::Renderer::<LessonPanel>::with_root_and_props(element.clone(), props).render();
    settle().await;
    assert!(attributes(&element, "[data-testid=goal]", "data-met")
        .iter()
        .all(|m| m.as_deref() == Some("true")));
    assert_eq!(
        attributes(&element, "[data-testid=lesson-status]", "data-solved"),
        vec![Some("true".into())]
    );
    click(&element, "[data-testid=lesson-next]");
    assert_eq!(opened.borrow().as_slice(), [solved.track[2].name.clone()]);

    // The track, with this lesson solved.
    let list = root();
    let mut props = open(solved, String::new(), Rc::default());
    props.lessons.open = None;
    props.lessons.solved = vec![LESSON.into()];
    yew::Renderer::<LessonPanel>::with_root_and_props(list.clone(), props).render();
    settle().await;
    let names = attributes(&list, "[data-lesson]", "data-lesson");
    assert!(
        names.len() >= 10 && names[1].as_deref() == Some(LESSON),
        "{names:?}"
    );
    let marks = attributes(&list, "[data-lesson]", "data-solved");
    assert_eq!(marks[1].as_deref(), Some("true"));
    assert_eq!(marks[0].as_deref(), Some("false"));
}
