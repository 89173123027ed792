//! The lessons panel: the track, or the lesson open (its explanation and task, its goals
//! checked against the latest run, hints one at a time on request, the solution as a diff
//! that can be used, and the way to the previous and next lessons).

use std::rc::Rc;

use dra_playground_web::worker::messages::{LessonView, LessonsReply};
use yew::prelude::*;

use super::goal_list::GoalList;
use super::lesson_text::LessonText;
use super::solution_diff::SolutionDiff;
use super::track_list::TrackList;
use crate::state::lessons::Lessons;

#[derive(Properties, PartialEq)]
pub struct LessonPanelProps {
    /// The panel's state.
    pub lessons: Lessons,
    /// The worker's answer with the latest run (None before the first).
    pub reply: Option<Rc<LessonsReply>>,
    /// The text of the latest run (the learner's scenario).
    pub text: AttrValue,
    /// Opens a lesson.
    pub on_open: Callback<String>,
    /// Shows the track instead of the lesson.
    pub on_list: Callback<()>,
    /// Closes the panel (the learner's own scenario comes back).
    pub on_close: Callback<()>,
    /// Replaces the editor's text (the solution, or the start again).
    pub on_load: Callback<String>,
}

#[component(LessonPanel)]
pub fn lesson_panel(props: &LessonPanelProps) -> Html {
    let close = props.on_close.reform(|_: MouseEvent| ());
    let body = match (&props.reply, &props.lessons.open) {
        (None, _) => html! { <p class="lesson-wait">{ "Loading the lessons…" }</p> },
        (Some(reply), None) => html! {
            <>
                <h2 id="lesson-heading">{ "Lessons" }</h2>
                <p>{ "A track of tasks the playground checks as you edit. Pick one:" }</p>
                <TrackList track={Rc::new(reply.track.clone())} solved={props.lessons.solved.clone()}
                           on_open={props.on_open.clone()} />
            </>
        },
        (Some(reply), Some(open)) => match (&reply.open, props.lessons.view(reply)) {
            (Some(Err(message)), _) => html! {
                <>
                    <h2 id="lesson-heading">{ "Lessons" }</h2>
                    <p class="lesson-error" role="alert">{ message.clone() }</p>
                    <TrackList track={Rc::new(reply.track.clone())} solved={props.lessons.solved.clone()}
                               on_open={props.on_open.clone()} />
                </>
            },
            (_, Some(view)) if !props.lessons.awaiting_start => {
                let position = reply.track.iter().position(|t| &t.name == open);
                let (previous, next) = props.lessons.neighbours(reply);
                html! {
                    <LessonBody view={Rc::new(view.clone())} text={props.text.clone()}
                                position={position.map(|p| (p + 1, reply.track.len()))}
                                previous={previous.map(str::to_owned)} next={next.map(str::to_owned)}
                                on_open={props.on_open.clone()} on_list={props.on_list.clone()}
                                on_load={props.on_load.clone()} key={open.clone()} />
                }
            }
            _ => html! { <p class="lesson-wait">{ "Opening the lesson…" }</p> },
        },
    };
    html! {
        <aside class="lesson-panel" aria-labelledby="lesson-heading" data-testid="lesson-panel">
            <button class="icon lesson-close" onclick={close} aria-label="Close the lessons"
                    title="Close the lessons (your own scenario comes back)" data-testid="lesson-close">{ "×" }</button>
            { body }
        </aside>
    }
}

#[derive(Properties, PartialEq)]
struct LessonBodyProps {
    view: Rc<LessonView>,
    text: AttrValue,
    /// The lesson's place in the track: (number, of how many).
    position: Option<(usize, usize)>,
    previous: Option<String>,
    next: Option<String>,
    on_open: Callback<String>,
    on_list: Callback<()>,
    on_load: Callback<String>,
}

#[component(LessonBody)]
fn lesson_body(props: &LessonBodyProps) -> Html {
    let view = &props.view;
    let hints_shown = use_state(|| 0usize);
    let solution_shown = use_state(|| false);
    let met = view.checks.iter().filter(|c| c.met).count();
    let status = if view.solved {
        "Solved: every goal is met.".to_owned()
    } else {
        format!("{met} of {} goals met.", view.checks.len())
    };
    let more_hints = *hints_shown < view.hints.len();
    let hint = {
        let hints_shown = hints_shown.clone();
        Callback::from(move |_: MouseEvent| hints_shown.set(*hints_shown + 1))
    };
    let toggle_solution = {
        let solution_shown = solution_shown.clone();
        Callback::from(move |_: MouseEvent| solution_shown.set(!*solution_shown))
    };
    let load = |text: &str| {
        let text = text.to_owned();
        props.on_load.reform(move |_: MouseEvent| text.clone())
    };
    let go = |name: &Option<String>| {
        let name = name.clone().unwrap_or_default();
        props.on_open.reform(move |_: MouseEvent| name.clone())
    };
    html! {
        <>
            <p class="lesson-place">
                <button class="link" onclick={props.on_list.reform(|_: MouseEvent| ())} data-testid="lesson-list">{ "All lessons" }</button>
                if let Some((n, of)) = props.position { { format!(" · Lesson {n} of {of}") } }
            </p>
            <h2 id="lesson-heading" data-testid="lesson-title">{ view.title.clone() }</h2>
            <LessonText text={AttrValue::from(view.explanation.clone())} />
            <section class="lesson-task" aria-labelledby="lesson-task-heading">
                <h3 id="lesson-task-heading">{ "Your task" }</h3>
                <LessonText text={AttrValue::from(view.task.clone())} />
            </section>
            <section aria-labelledby="lesson-goals-heading">
                <h3 id="lesson-goals-heading">{ "Goals" }</h3>
                <GoalList checks={view.checks.clone()} />
                <p class={classes!("lesson-status", view.solved.then_some("solved"))} role="status"
                   data-testid="lesson-status" data-solved={view.solved.to_string()}>{ status }</p>
            </section>
            <section aria-labelledby="lesson-hints-heading">
                <h3 id="lesson-hints-heading">{ "Hints" }</h3>
                if *hints_shown > 0 {
                    <ol class="hints" aria-live="polite">
                        { for view.hints.iter().take(*hints_shown).map(|h| html! {
                            <li data-testid="hint"><LessonText text={AttrValue::from(h.clone())} /></li>
                        }) }
                    </ol>
                }
                <button onclick={hint} disabled={!more_hints} data-testid="lesson-hint">
                    { if more_hints { format!("Show hint {} of {}", *hints_shown + 1, view.hints.len()) } else { "No more hints".to_owned() } }
                </button>
            </section>
            <section aria-labelledby="lesson-solution-heading">
                <h3 id="lesson-solution-heading">{ "Solution" }</h3>
                <button onclick={toggle_solution} aria-expanded={solution_shown.to_string()} data-testid="lesson-show-solution">
                    { if *solution_shown { "Hide the solution" } else { "Show the solution as a diff" } }
                </button>
                if *solution_shown {
                    <SolutionDiff from={props.text.clone()} to={AttrValue::from(view.solution.clone())} />
                    <button onclick={load(&view.solution)} data-testid="lesson-use-solution">{ "Use the solution" }</button>
                }
                <button onclick={load(&view.start)} data-testid="lesson-restart" title="Put the lesson's starting scenario back in the editor">{ "Start over" }</button>
            </section>
            <nav class="lesson-nav" aria-label="Lessons">
                <button onclick={go(&props.previous)} disabled={props.previous.is_none()} data-testid="lesson-previous">{ "← Previous" }</button>
                <button class={classes!(view.solved.then_some("primary"))} onclick={go(&props.next)}
                        disabled={props.next.is_none()} data-testid="lesson-next">{ "Next →" }</button>
            </nav>
        </>
    }
}
