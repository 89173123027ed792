//! The playground page: the scenario editor on the left, the live result on the right, and the
//! actions around them. The App holds the page's [`State`] (a reducer), its engine session
//! ([`engine`]) and the editor; [`commands`] say what each control does, [`hooks`] what follows
//! a render; the components draw.

mod commands;
mod engine;
mod hooks;
mod lessons;

use std::rc::Rc;

use yew::prelude::*;

use crate::components::console::cel_console::CelConsole;
use crate::components::dialogs::switch::DialogSwitch;
use crate::components::editor::pane::EditorPane;
use crate::components::editor::scenario_editor::EditorSlot;
use crate::components::explanation::panel::ExplanationPanel;
use crate::components::lessons::panel::LessonPanel;
use crate::components::link_banner::LinkBanner;
use crate::components::results::panel::ResultsPanel;
use crate::components::top_bar::TopBar;
use crate::platform::{browser, lesson_progress, storage};
use crate::scenario::{selector_at, text};
use crate::state::boot::Boot;
use crate::state::lessons::Lessons;
use crate::state::problems;
use crate::state::reducer::{Action, State};
use crate::state::selection::{self, Related, Selection};
use commands::Commands;
use engine::Engine;
use lessons::LessonCommands;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// What the page opens with.
    pub boot: Boot,
    /// The lesson its link opens (`#lesson=NAME`), if any.
    #[prop_or_default]
    pub lesson: Option<String>,
}

/// The theme chosen earlier, else the one the system prefers.
fn dark_theme() -> bool {
    match storage::load_theme().as_deref() {
        Some("dark") => true,
        Some("light") => false,
        _ => browser::prefers_dark(),
    }
}

#[component(App)]
pub fn app(props: &AppProps) -> Html {
    let boot = &props.boot;
    let state = use_reducer(|| State::new(boot, dark_theme()));
    let editor = (*use_state(EditorSlot::default)).clone();
    let lessons_state = {
        let lesson = props.lesson.clone();
        use_state(move || {
            let has_work = lesson.as_deref().and_then(lesson_progress::work).is_some();
            Lessons::boot(lesson, has_work, lesson_progress::solved())
        })
    };
    let engine = {
        let dispatch = state.dispatcher();
        let (text, autosave) = (boot.text.clone(), boot.autosave);
        let (query, work) = (lessons_state.query(), lessons_state.work_saved());
        (*use_memo((), move |_| {
            let engine = Engine::new(text, autosave, dispatch);
            engine.set_lessons(query, work);
            engine
        }))
        .clone()
    };
    let toast_timer = use_mut_ref(|| None);
    let commands = Commands::new(
        state.dispatcher(),
        engine.clone(),
        editor.clone(),
        toast_timer,
    );

    let console_open = use_state(|| false);
    // The cursor's place, for the console's "selector at the cursor" (kept without a render of
    // its own: moving the cursor already dispatches `CursorOn`).
    let cursor = use_mut_ref(|| 0u32);
    let lesson_commands = LessonCommands {
        state: lessons_state.clone(),
        engine: engine.clone(),
        commands: commands.clone(),
    };

    let run = state.run.clone();
    let problems = Rc::new(run.as_deref().map(problems::of_run).unwrap_or_default());
    let in_focus = state.in_focus();
    let related = Rc::new(match (&run, &in_focus) {
        (Some(r), Some(s)) => selection::related(&r.analysis, s),
        _ => Related::default(),
    });
    hooks::use_first_run(&engine);
    hooks::use_yaml_completion(&editor, &engine);
    hooks::use_run_drawn(&editor, run.clone(), problems.clone(), &commands);
    hooks::use_explanation(&engine, &state);
    hooks::use_highlights(&editor, run.clone(), in_focus.clone(), related.clone());
    hooks::use_theme(state.dark);
    hooks::use_shortcuts(&commands);
    lessons::use_lesson_runs(&lesson_commands, run.clone());
    lessons::use_lesson_links(&lesson_commands);

    let analysis = run.as_ref().map(|r| r.analysis.clone());
    let settings = analysis
        .as_ref()
        .map(|a| a.settings.clone())
        .unwrap_or_default();
    let selected = state.selected.clone();
    // The explanation shown is the one asked for last (an older one stays while the new one
    // is computed, marked as such).
    let explanation_panel = run.as_ref().map_or_else(Html::default, |r| {
        html! {
            <ExplanationPanel run={r.clone()} selected={selected.clone()} explained={state.explained.clone()}
                              fresh={state.explanation_is_fresh(state.explain_scope().as_ref())}
                              wants={state.wants} on_wants={commands.action(Action::Wants)}
                              on_trace_step={commands.action(Action::TraceStep)}
                              on_close={commands.action(|()| Action::Deselect)}
                              on_navigate={commands.callback(Commands::follow_link)}
                              on_go_to={commands.callback(Commands::go_to)} />
        }
    });
    let on_select = commands.callback(move |c, s| c.click(s, selected.as_ref()));
    let lesson_panel = lessons_state.panel.then(|| {
        let l = &lesson_commands;
        let (a, b, c, d) = (l.clone(), l.clone(), l.clone(), l.clone());
        html! {
            <LessonPanel lessons={(*lessons_state).clone()}
                         reply={run.as_ref().and_then(|r| r.lessons.clone())}
                         text={AttrValue::from(run.as_ref().map(|r| r.text.to_string()).unwrap_or_default())}
                         on_open={Callback::from(move |name| a.open(name))}
                         on_list={Callback::from(move |()| b.list())}
                         on_close={Callback::from(move |()| c.close())}
                         on_load={Callback::from(move |text| d.load(text))} />
        }
    });
    let on_lessons = {
        let l = lesson_commands.clone();
        Callback::from(move |()| l.list())
    };
    let console = console_open.then(|| {
        let devices: Vec<String> = analysis
            .iter()
            .flat_map(|a| &a.nodes)
            .flat_map(|n| &n.pools)
            .flat_map(|p| &p.devices)
            .map(|d| d.key.clone())
            .collect();
        let selected_device = match &state.selected {
            Some(Selection::Device(key)) => Some(key.clone()),
            _ => None,
        };
        let at_cursor = run.as_ref().and_then(|r| {
            selector_at::expression_at(&r.text, text::byte_of(&r.text, *cursor.borrow()))
        });
        let on_eval = {
            let engine = engine.clone();
            Callback::from(move |(expression, device, on_outcome): (String, Option<String>, Callback<_>)| {
                engine.eval(expression, device, move |o| on_outcome.emit(o));
            })
        };
        let on_close = {
            let console_open = console_open.clone();
            Callback::from(move |()| console_open.set(false))
        };
        html! {
            <CelConsole devices={Rc::new(devices)} {selected_device} run={run.as_ref().map_or(0, |r| r.serial)}
                        {at_cursor} {on_eval} {on_close} />
        }
    });
    let on_console = {
        let console_open = console_open.clone();
        Callback::from(move |()| console_open.set(!*console_open))
    };
    let on_cursor = {
        let (commands, cursor) = (commands.clone(), cursor.clone());
        Callback::from(move |pos| {
            *cursor.borrow_mut() = pos;
            commands.cursor_moved(pos);
        })
    };
    let side = lessons_state.panel || *console_open;
    let dark = state.dark;

    html! {
        <div class="app">
            <TopBar settings={settings.clone()} {dark} on_open={commands.action(Action::Open)}
                    on_download={commands.callback(|c, ()| c.download())}
                    on_copy_claims={commands.callback(|c, ()| c.copy_claims())}
                    on_share={commands.callback(|c, ()| c.share())}
                    on_compare={commands.callback(|c, ()| c.compare())}
                    {on_lessons} {on_console}
                    on_toggle_theme={commands.callback(move |c, ()| c.toggle_theme(dark))} />
            <LinkBanner banner={state.banner.clone()} on_keep={commands.callback(|c, ()| c.keep_shared())}
                        on_back={commands.callback(|c, saved: Rc<str>| c.back_to_saved(&saved))}
                        on_dismiss={commands.callback(|c, ()| c.dismiss_banner())} />
            <main class={classes!("workspace", side.then_some("with-side"))}>
                if side {
                    <div class="side-column">{ lesson_panel }{ console }</div>
                }
                <EditorPane editor={editor.clone()} initial={boot.text.clone()} {dark} focus={state.focus}
                            lesson={state.lesson} problems={problems.clone()}
                            on_change={commands.callback(Commands::edited)}
                            {on_cursor}
                            on_focus={commands.callback(Commands::set_focus)}
                            on_run={commands.callback(|c, ()| c.run_now())}
                            on_go_to={commands.callback(Commands::go_to)} />
                <ResultsPanel run={run.clone()} busy={state.busy} shown_ms={state.shown_ms} related={related.clone()}
                              active={in_focus.as_ref().is_some_and(Selection::is_drawn)}
                              on_hover={commands.action(Action::Hover)} {on_select}
                              drawer={explanation_panel} />
            </main>
            <DialogSwitch dialog={state.dialog.clone()} analysis={analysis.clone()} {settings}
                          on_pick_example={commands.callback(Commands::open_example)}
                          on_import={commands.callback(|c, (yaml, replace)| c.import(yaml, replace))}
                          on_add_hardware={commands.callback(Commands::add_hardware)}
                          on_settings={commands.callback(Commands::change_settings)}
                          on_copy={commands.callback(|c, (text, what)| c.copy(text, what))}
                          on_download_image={commands.callback(|c, ()| c.download_image())}
                          on_close={commands.action(|()| Action::CloseDialog)} />
            if let Some(t) = &state.toast {
                <div class="toast" role="status" data-testid="toast">{ t.clone() }</div>
            }
        </div>
    }
}
