//! The playground page: the scenario editor on the left, the live result on the right, and the
//! actions around them. The App holds the page's [`State`] (a reducer), its engine session
//! ([`engine`]) and the editor; [`commands`] say what each control does, [`hooks`] what follows
//! a render; the components draw.

mod commands;
mod engine;
mod hooks;

use std::rc::Rc;

use yew::prelude::*;

use crate::components::dialogs::examples::ExamplesDialog;
use crate::components::dialogs::hardware::HardwareDialog;
use crate::components::dialogs::import::ImportDialog;
use crate::components::dialogs::settings::SettingsDialog;
use crate::components::dialogs::share::ShareDialog;
use crate::components::editor::problem_list::ProblemList;
use crate::components::editor::scenario_editor::{EditorSlot, ScenarioEditor};
use crate::components::explanation::panel::ExplanationPanel;
use crate::components::results::panel::ResultsPanel;
use crate::platform::{browser, storage};
use crate::scenario::gallery::Example;
use crate::scenario::text::Focus;
use crate::state::boot::{Banner, Boot};
use crate::state::problems;
use crate::state::reducer::{Action, Dialog, State};
use crate::state::selection::{self, Related};
use commands::Commands;
use engine::Engine;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// What the page opens with.
    pub boot: Boot,
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
    let engine = {
        let dispatch = state.dispatcher();
        let (text, autosave) = (boot.text.clone(), boot.autosave);
        (*use_memo((), move |_| Engine::new(text, autosave, dispatch))).clone()
    };
    let toast_timer = use_mut_ref(|| None);
    let commands = Commands::new(
        state.dispatcher(),
        engine.clone(),
        editor.clone(),
        toast_timer,
    );

    let run = state.run.clone();
    let problems = Rc::new(run.as_deref().map(problems::of_run).unwrap_or_default());
    let in_focus = state.in_focus();
    let related = Rc::new(match (&run, &in_focus) {
        (Some(r), Some(s)) => selection::related(&r.analysis, s),
        _ => Related::default(),
    });
    hooks::use_first_run(&engine);
    hooks::use_run_drawn(&editor, run.clone(), problems.clone(), &commands);
    hooks::use_explanation(&engine, &state);
    hooks::use_highlights(&editor, run.clone(), in_focus.clone(), related.clone());
    hooks::use_theme(state.dark);
    hooks::use_shortcuts(&commands);

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
    let dark = state.dark;
    let version_label = match (&settings.kubernetes_version, settings.feature_gates.len()) {
        (Some(v), 0) => format!("Kubernetes {v}"),
        (Some(v), n) => format!("Kubernetes {v} +{n} gate{}", if n == 1 { "" } else { "s" }),
        (None, 0) => "All gates on".to_owned(),
        (None, n) => format!("All gates on, {n} set"),
    };
    let open = |d: Dialog| commands.action(move |_: MouseEvent| Action::Open(d.clone()));
    let focus_tab = |f: Focus, label: &'static str| {
        let active = state.focus == f;
        html! {
            <button role="tab" aria-selected={active.to_string()} class={classes!("tab", active.then_some("active"))}
                    onclick={commands.callback(move |c, _: MouseEvent| c.set_focus(f))}>{ label }</button>
        }
    };
    let on_problem = {
        let problems = problems.clone();
        commands.callback(move |c, i: usize| {
            if let Some(p) = problems.get(i) {
                c.go_to((p.from, p.to));
            }
        })
    };
    let close = commands.action(|()| Action::CloseDialog);

    html! {
        <div class="app">
            <header class="topbar">
                <div class="brand">
                    <span class="brand-mark" aria-hidden="true" />
                    <h1>{ "DRA Playground" }</h1>
                    <span class="tagline">{ "Kubernetes Dynamic Resource Allocation, simulated in your browser" }</span>
                </div>
                <nav class="actions" aria-label="Actions">
                    <button onclick={open(Dialog::Examples)} data-testid="open-examples">{ "Examples" }</button>
                    <button onclick={open(Dialog::Hardware)} data-testid="open-hardware">{ "Add hardware" }</button>
                    <button onclick={open(Dialog::Import)} data-testid="open-import">{ "Import" }</button>
                    <button onclick={open(Dialog::Settings)} data-testid="open-settings" title="Kubernetes version and feature gates">{ version_label }</button>
                    <span class="sep" />
                    <button onclick={commands.callback(|c, _: MouseEvent| c.download())} title="Download the scenario as YAML">{ "Download" }</button>
                    <button onclick={commands.callback(|c, _: MouseEvent| c.copy_claims())} title="Copy the claims with status, as the scheduler would write them">{ "Copy claims" }</button>
                    <button class="primary" onclick={commands.callback(|c, _: MouseEvent| c.share())} data-testid="share"
                            title="Copy a link that holds the scenario (Ctrl+S)" aria-keyshortcuts="Control+S">{ "Share" }</button>
                    <button class="icon" onclick={commands.callback(move |c, _: MouseEvent| c.toggle_theme(dark))} aria-label={if dark { "Switch to the light theme" } else { "Switch to the dark theme" }}
                            title="Light or dark theme" data-testid="theme">{ if dark { "☀" } else { "☾" } }</button>
                </nav>
            </header>
            { match &state.banner {
                Some(Banner::Shared { saved }) => {
                    let saved = saved.clone();
                    html! {
                        <div class="banner info" role="status" data-testid="shared-banner">
                            <span>{ "You opened a shared scenario. Your own saved work is kept: nothing is saved over it while you look at this one." }</span>
                            <button class="primary" onclick={commands.callback(|c, _: MouseEvent| c.keep_shared())} data-testid="keep-shared">{ "Keep this scenario" }</button>
                            <button onclick={commands.callback(move |c, _: MouseEvent| c.back_to_saved(&saved))} data-testid="back-to-mine">{ "Back to my work" }</button>
                        </div>
                    }
                }
                Some(Banner::LinkError(message)) => html! {
                    <div class="banner warn" role="alert" data-testid="link-error">
                        <span>{ message.clone() }</span>
                        <button onclick={commands.callback(|c, _: MouseEvent| c.dismiss_banner())}>{ "Dismiss" }</button>
                    </div>
                },
                None => html! {},
            } }
            <main class="workspace">
                <section class="editor-pane" aria-label="Scenario">
                    <div class="pane-head">
                        <div class="tabs" role="tablist" aria-label="Show in the editor">
                            { focus_tab(Focus::All, "All") }
                            { focus_tab(Focus::Workloads, "Classes, claims, pods") }
                            { focus_tab(Focus::Hardware, "Hardware") }
                        </div>
                        <button class="run" onclick={commands.callback(|c, _: MouseEvent| c.run_now())} data-testid="run"
                                title="Run now (Ctrl+Enter); every edit also runs by itself" aria-keyshortcuts="Control+Enter">{ "▶ Run" }</button>
                    </div>
                    if let Some(e) = state.lesson.and_then(Example::by_name) {
                        <p class="lesson" data-testid="lesson"><strong>{ e.title() }</strong>{ " — " }{ e.lesson() }</p>
                    }
                    <ScenarioEditor slot={editor.clone()} initial={boot.text.clone()} {dark}
                                    on_change={commands.callback(Commands::edited)}
                                    on_cursor={commands.callback(Commands::cursor_moved)} />
                    <ProblemList problems={problems.clone()} on_open={on_problem} />
                </section>
                <ResultsPanel run={run.clone()} busy={state.busy} shown_ms={state.shown_ms} related={related.clone()}
                              active={in_focus.is_some()} on_hover={commands.action(Action::Hover)} {on_select}
                              drawer={explanation_panel} />
            </main>
            { match state.dialog.clone() {
                Some(Dialog::Examples) => html! { <ExamplesDialog on_pick={commands.callback(Commands::open_example)} on_close={close.clone()} /> },
                Some(Dialog::Import) => html! { <ImportDialog on_import={commands.callback(|c, (yaml, replace)| c.import(yaml, replace))} on_close={close.clone()} /> },
                Some(Dialog::Hardware) => html! { <HardwareDialog analysis={analysis.clone()} on_add={commands.callback(Commands::add_hardware)} on_close={close.clone()} /> },
                Some(Dialog::Settings) => html! {
                    <SettingsDialog settings={settings.clone()} skip_validation={state.skip_validation}
                                    on_change={commands.callback(Commands::change_settings)}
                                    on_skip_validation={commands.callback(Commands::skip_validation)} on_close={close.clone()} />
                },
                Some(Dialog::Share { link, embed }) => html! {
                    <ShareDialog link={link} embed_code={embed} on_copy={commands.callback(|c, (text, what)| c.copy(text, what))} on_close={close.clone()} />
                },
                None => html! {},
            } }
            if let Some(t) = &state.toast {
                <div class="toast" role="status" data-testid="toast">{ t.clone() }</div>
            }
        </div>
    }
}
