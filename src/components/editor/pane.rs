//! The editor side: which documents the editor shows, the run button, the lesson of the example
//! open, the scenario editor, and the problems under it.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::editor::problem_list::ProblemList;
use crate::components::editor::scenario_editor::{EditorSlot, ScenarioEditor};
use crate::scenario::gallery::Example;
use crate::scenario::text::Focus;
use crate::state::problems::Problem;

#[derive(Properties, PartialEq)]
pub struct EditorPaneProps {
    /// Where the app reaches the editor.
    pub editor: EditorSlot,
    /// The text the editor opens with.
    pub initial: Rc<str>,
    /// The dark theme is on.
    pub dark: bool,
    /// Which documents the editor shows unfolded.
    pub focus: Focus,
    /// The example whose lesson shows.
    pub lesson: Option<&'static str>,
    /// The latest run's problems.
    pub problems: Rc<Vec<Problem>>,
    /// Every edit, with the whole text.
    pub on_change: Callback<String>,
    /// The cursor moved (UTF-16 offset).
    pub on_cursor: Callback<u32>,
    /// Shows other documents.
    pub on_focus: Callback<Focus>,
    /// Runs now.
    pub on_run: Callback<()>,
    /// Moves the editor's cursor to a range (UTF-16 offsets).
    pub on_go_to: Callback<(u32, u32)>,
}

#[component(EditorPane)]
pub fn editor_pane(props: &EditorPaneProps) -> Html {
    let focus_tab = |f: Focus, label: &'static str| {
        let active = props.focus == f;
        html! {
            <button role="tab" aria-selected={active.to_string()} class={classes!("tab", active.then_some("active"))}
                    onclick={props.on_focus.reform(move |_: MouseEvent| f)}>{ label }</button>
        }
    };
    let on_problem = {
        let problems = props.problems.clone();
        let go_to = props.on_go_to.clone();
        Callback::from(move |i: usize| {
            if let Some(p) = problems.get(i) {
                go_to.emit((p.from, p.to));
            }
        })
    };
    html! {
        <section class="editor-pane" aria-label="Scenario">
            <div class="pane-head">
                <div class="tabs" role="tablist" aria-label="Show in the editor">
                    { focus_tab(Focus::All, "All") }
                    { focus_tab(Focus::Workloads, "Classes, claims, pods") }
                    { focus_tab(Focus::Hardware, "Hardware") }
                </div>
                <button class="run" onclick={props.on_run.reform(|_: MouseEvent| ())} data-testid="run"
                        title="Run now (Ctrl+Enter); every edit also runs by itself" aria-keyshortcuts="Control+Enter">{ "▶ Run" }</button>
            </div>
            if let Some(e) = props.lesson.and_then(Example::by_name) {
                <p class="lesson" data-testid="lesson"><strong>{ e.title() }</strong>{ " — " }{ e.lesson() }</p>
            }
            <ScenarioEditor slot={props.editor.clone()} initial={props.initial.clone()} dark={props.dark}
                            on_change={props.on_change.clone()} on_cursor={props.on_cursor.clone()} />
            <ProblemList problems={props.problems.clone()} on_open={on_problem} />
        </section>
    }
}
