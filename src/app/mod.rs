//! The playground page: the scenario editor on the left, the live result on the right, and the
//! actions around them. The App owns the state that both sides share: the latest run, what is
//! hovered or selected, the open dialog, the theme, and whether local work is autosaved.

use std::rc::Rc;

use dra_engine::playground::Outcome;
use dra_playground_web::worker::messages::ExplainScope;
use gloo_timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::dialogs::examples::ExamplesDialog;
use crate::components::dialogs::hardware::HardwareDialog;
use crate::components::dialogs::import::ImportDialog;
use crate::components::dialogs::settings::{SettingsChange, SettingsDialog};
use crate::components::dialogs::share::ShareDialog;
use crate::components::editor::problem_list::ProblemList;
use crate::components::editor::scenario_editor::{EditorSlot, ScenarioEditor};
use crate::components::explanation::panel::ExplanationPanel;
use crate::components::results::panel::ResultsPanel;
use crate::platform::browser;
use crate::platform::editor_js;
use crate::platform::engine_client::EngineClient;
use crate::platform::storage;
use crate::scenario::gallery::{self, Example};
use crate::scenario::text::{self, Focus};
use crate::state::explained::{self, Explained, Wants};
use crate::state::problems;
use crate::state::run::{self, RunInfo};
use crate::state::runner::Answer;
use crate::state::selection::{self, Related, Selection};
use dra_engine::share_link::{self as share, ShareError};

/// Milliseconds between the last keystroke and the run.
const DEBOUNCE_MS: u32 = 200;
/// Milliseconds a run may take before the spinner shows.
const SPINNER_MS: u32 = 200;

/// What the page starts with.
#[derive(Clone, Debug, PartialEq)]
pub struct Boot {
    /// The scenario the editor opens with.
    pub text: Rc<str>,
    /// The example it is, if it is one.
    pub example: Option<&'static str>,
    /// A notice about the link the page was opened with.
    pub banner: Option<Banner>,
    /// False while a shared scenario is shown over saved work that differs.
    pub autosave: bool,
}

/// A notice above the workspace.
#[derive(Clone, Debug, PartialEq)]
pub enum Banner {
    /// A shared link was opened while different work is saved; the saved work is kept.
    Shared { saved: Rc<str> },
    /// The link could not be read.
    LinkError(String),
}

impl Boot {
    /// Decides what to open from the URL fragment and the saved work.
    pub fn decide(hash: &str, saved: Option<String>) -> Boot {
        let default = || match &saved {
            Some(s) => (Rc::from(s.as_str()), Example::by_text(s).map(|e| e.name)),
            None => (Rc::from(gallery::DEFAULT.text), Some(gallery::DEFAULT.name)),
        };
        match share::from_fragment(hash) {
            Some(Ok(shared)) => {
                let example = Example::by_text(&shared).map(|e| e.name);
                match &saved {
                    Some(s) if *s != shared && !s.trim().is_empty() => Boot {
                        text: Rc::from(shared.as_str()),
                        example,
                        banner: Some(Banner::Shared {
                            saved: Rc::from(s.as_str()),
                        }),
                        autosave: false,
                    },
                    _ => Boot {
                        text: Rc::from(shared.as_str()),
                        example,
                        banner: None,
                        autosave: true,
                    },
                }
            }
            Some(Err(e)) => {
                let (text, example) = default();
                Boot {
                    text,
                    example,
                    banner: Some(Banner::LinkError(link_error_message(&e))),
                    autosave: true,
                }
            }
            None => {
                let (text, example) = default();
                Boot {
                    text,
                    example,
                    banner: None,
                    autosave: true,
                }
            }
        }
    }
}

/// The message for a link that could not be opened.
pub fn link_error_message(e: &ShareError) -> String {
    format!("This link could not be opened: {e}. Your own work is shown instead, unchanged.")
}

/// The dialogs.
#[derive(Clone, Debug, PartialEq)]
enum Dialog {
    Examples,
    Import,
    Hardware,
    Settings,
    Share { link: String, embed: String },
}

/// The engine session's state, outside of rendering (which request is in flight is the
/// client's runner's).
#[derive(Default)]
struct Session {
    /// The debounce.
    timer: Option<Timeout>,
    /// Shows the spinner if the run in flight takes long.
    spinner: Option<Timeout>,
    autosave: bool,
    skip_validation: bool,
    /// The editor's text as of the last change.
    text: Rc<str>,
    latest: Option<Rc<RunInfo>>,
}

type Schedule = Rc<dyn Fn(Rc<str>, u32)>;
/// Asks the worker to explain the latest run (unless a run is in flight).
type Explain = Rc<dyn Fn(ExplainScope)>;

fn window() -> web_sys::Window {
    web_sys::window().expect("a browser window")
}

/// The page's address without fragment and without `?embed`.
fn base_url() -> (String, String) {
    let loc = window().location();
    let origin = loc.origin().unwrap_or_default();
    let path = loc.pathname().unwrap_or_else(|_| "/".into());
    (origin, path)
}

fn clear_fragment() {
    let loc = window().location();
    let url = format!(
        "{}{}",
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default()
    );
    if let Ok(h) = window().history() {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

fn ranges_json(text: &str, related: &Related) -> String {
    let ranges: Vec<[u32; 2]> = related
        .spans
        .iter()
        .map(|s| {
            let (a, b) = text::range_of(text, s);
            [a, b]
        })
        .collect();
    serde_json::to_string(&ranges).unwrap_or_else(|_| "[]".into())
}

fn prefers_dark() -> bool {
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub boot: Boot,
}

#[component(App)]
pub fn app(props: &AppProps) -> Html {
    let boot = &props.boot;
    let slot = use_state(EditorSlot::default);
    let run = use_state(|| None::<Rc<RunInfo>>);
    // A run has been in flight for more than SPINNER_MS.
    let busy = use_state(|| false);
    let shown_ms = use_state(|| None::<(u64, f64)>);
    let hover = use_state(|| None::<Selection>);
    let selected = use_state(|| None::<Selection>);
    // The device of the trace step shown, highlighted like a hover.
    let trace_focus = use_state(|| None::<String>);
    let wants = use_state(Wants::default);
    let explained = use_state(|| None::<Rc<Explained>>);
    let dark = use_state(|| match storage::load_theme().as_deref() {
        Some("dark") => true,
        Some("light") => false,
        _ => prefers_dark(),
    });
    let focus = use_state(|| Focus::All);
    let dialog = use_state(|| None::<Dialog>);
    let toast = use_state(|| None::<String>);
    let toast_timer = use_mut_ref(|| None::<Timeout>);
    let banner = use_state(|| boot.banner.clone());
    let skip_validation = use_state(|| false);
    let lesson = use_state(|| boot.example);
    let runner = use_mut_ref(|| Session {
        autosave: boot.autosave,
        text: boot.text.clone(),
        ..Session::default()
    });

    // Runs the engine (in its worker) over a text, now (delay 0) or after the debounce. A new
    // run supersedes the one in flight; the spinner shows when a run takes over SPINNER_MS.
    let (schedule, explain): (Schedule, Explain) = {
        let runner = runner.clone();
        let set_run = run.setter();
        let set_busy = busy.setter();
        let set_explained = explained.setter();
        (*use_memo((), move |_| {
            let client = {
                let runner = runner.clone();
                let set_busy = set_busy.clone();
                EngineClient::new(move |answer: Answer| match answer {
                    Answer::Explanation(p, reply) => {
                        let info = explained::finish(reply, p.run, p.scope);
                        set_explained.set(Some(Rc::new(info)));
                    }
                    Answer::Run(p, reply) => {
                        let info = Rc::new(run::finish(p, reply, browser::now(), browser::clock()));
                        {
                            let mut r = runner.borrow_mut();
                            r.spinner = None;
                            r.latest = Some(info.clone());
                        }
                        set_busy.set(false);
                        set_run.set(Some(info));
                    }
                })
            };
            let explain: Explain = {
                let runner = runner.clone();
                let client = client.clone();
                Rc::new(move |scope: ExplainScope| {
                    let (latest, skip) = {
                        let r = runner.borrow();
                        (r.latest.clone(), r.skip_validation)
                    };
                    if let Some(latest) = latest {
                        client.explain(latest.serial, &latest.text, skip, scope);
                    }
                })
            };
            let schedule: Schedule = Rc::new(move |text: Rc<str>, delay: u32| {
                let mut r = runner.borrow_mut();
                r.text = text;
                r.timer = None;
                let runner = runner.clone();
                let client = client.clone();
                let set_busy = set_busy.clone();
                let go = move || {
                    let (skip, autosave, text) = {
                        let mut r = runner.borrow_mut();
                        r.timer = None;
                        (r.skip_validation, r.autosave, r.text.clone())
                    };
                    if autosave {
                        storage::save_scenario(&text);
                    }
                    let serial = client.run(text, skip);
                    let spinner = {
                        let client = client.clone();
                        Timeout::new(SPINNER_MS, move || {
                            if client.is_running(serial) {
                                set_busy.set(true);
                            }
                        })
                    };
                    runner.borrow_mut().spinner = Some(spinner);
                };
                if delay == 0 {
                    drop(r);
                    go();
                } else {
                    r.timer = Some(Timeout::new(delay, go));
                }
            });
            (schedule, explain)
        }))
        .clone()
    };
    let current_text = {
        let runner = runner.clone();
        move || runner.borrow().text.clone()
    };

    // The first run.
    {
        let schedule = schedule.clone();
        let text = boot.text.clone();
        use_effect_with((), move |_| schedule(text, 0));
    }

    let problems = Rc::new(
        run.as_ref()
            .map(|r| problems::of_run(r))
            .unwrap_or_default(),
    );
    // After each run is drawn: lint markers (problems and hints) in the editor, and the
    // edit-to-result time.
    {
        let slot = (*slot).clone();
        let shown_ms = shown_ms.clone();
        let info = (*run).clone();
        let problems = problems.clone();
        use_effect_with(info.as_ref().map(|r| r.serial), move |_| {
            if let Some(r) = info {
                slot.with(|e| e.set_diagnostics(&problems::lint_json(&problems)));
                shown_ms.set(Some((r.serial, browser::now() - r.started)));
            }
        });
    }

    // The explanation of what is selected, computed in the worker after each run and when the
    // selection or the panel's open sections change (only what the panel shows).
    let scope = run
        .as_ref()
        .and_then(|r| explained::scope_for(&r.analysis, selected.as_ref(), *wants));
    {
        let explain = explain.clone();
        let explained = explained.clone();
        let serial = run.as_ref().map(|r| r.serial);
        use_effect_with((serial, scope.clone()), move |(serial, scope)| {
            let current = explained
                .as_ref()
                .is_some_and(|e| Some(e.run) == *serial && Some(&e.scope) == scope.as_ref());
            if let (Some(scope), false) = (scope.clone(), current) {
                explain(scope);
            }
        });
    }
    // A new selection starts without a trace step shown.
    {
        let trace_focus = trace_focus.clone();
        use_effect_with((*selected).clone(), move |_| trace_focus.set(None));
    }

    let focus_sel = (*hover)
        .clone()
        .or_else(|| (*trace_focus).clone().map(Selection::Device))
        .or((*selected).clone());
    let related = Rc::new(match (&*run, &focus_sel) {
        (Some(r), Some(s)) => selection::related(&r.analysis, s),
        _ => Related::default(),
    });
    // What belongs to the selection, highlighted in the editor too.
    {
        let slot = (*slot).clone();
        let info = (*run).clone();
        let related = related.clone();
        use_effect_with(
            (focus_sel.clone(), info.as_ref().map(|r| r.serial)),
            move |_| {
                if let Some(r) = info {
                    slot.with(|e| e.set_highlights(&ranges_json(&r.text, &related)));
                }
            },
        );
    }

    // The theme on the root element.
    {
        use_effect_with(*dark, move |dark| {
            if let Some(root) = window().document().and_then(|d| d.document_element()) {
                let _ = root.set_attribute("data-theme", if *dark { "dark" } else { "light" });
            }
        });
    }

    let show_toast = {
        let toast = toast.clone();
        let timer = toast_timer.clone();
        Callback::from(move |message: String| {
            toast.set(Some(message));
            let toast = toast.clone();
            *timer.borrow_mut() = Some(Timeout::new(2600, move || toast.set(None)));
        })
    };

    // Replaces the editor's text as an undoable edit, and runs at once.
    let load_text = {
        let slot = (*slot).clone();
        let schedule = schedule.clone();
        let focus = focus.clone();
        Callback::from(move |new: String| {
            slot.with(|e| e.replace_doc(&new));
            focus.set(Focus::All);
            schedule(Rc::from(new.as_str()), 0);
        })
    };

    let on_change = {
        let schedule = schedule.clone();
        Callback::from(move |text: String| schedule(Rc::from(text.as_str()), DEBOUNCE_MS))
    };
    let on_cursor = {
        let runner = runner.clone();
        let selected = selected.clone();
        Callback::from(move |pos: u32| {
            let latest = runner.borrow().latest.clone();
            if let Some(r) = latest {
                let byte = text::byte_of(&r.text, pos);
                selected.set(selection::at_offset(&r.analysis, byte));
            }
        })
    };
    let on_hover = {
        let hover = hover.clone();
        Callback::from(move |s: Option<Selection>| hover.set(s))
    };
    // Selects something and brings where it is written into view.
    let select = {
        let selected = selected.clone();
        let slot = (*slot).clone();
        let runner = runner.clone();
        Callback::from(move |s: Selection| {
            let latest = runner.borrow().latest.clone();
            if let Some(r) = latest {
                if let Some(span) = selection::related(&r.analysis, &s).spans.first() {
                    let (a, b) = text::range_of(&r.text, span);
                    slot.with(|e| e.reveal_range(a, b));
                }
            }
            selected.set(Some(s));
        })
    };
    // A click on the selected item clears the selection.
    let on_select = {
        let selected = selected.clone();
        let select = select.clone();
        Callback::from(move |s: Selection| {
            if selected.as_ref() == Some(&s) {
                selected.set(None);
            } else {
                select.emit(s);
            }
        })
    };
    // A name in the explanation: selects it (the pointer is over the panel, not the item).
    let on_navigate = {
        let hover = hover.clone();
        Callback::from(move |s: Selection| {
            hover.set(None);
            select.emit(s);
        })
    };
    // Moves the editor's cursor to a range (a problem's, a hint's).
    let go_to = {
        let slot = (*slot).clone();
        Callback::from(move |(from, to): (u32, u32)| {
            slot.with(|e| e.go_to(from, to));
        })
    };
    let on_problem = {
        let go_to = go_to.clone();
        let problems = problems.clone();
        Callback::from(move |i: usize| {
            if let Some(p) = problems.get(i) {
                go_to.emit((p.from, p.to));
            }
        })
    };
    let on_wants = {
        let wants = wants.clone();
        Callback::from(move |w: Wants| wants.set(w))
    };
    let on_trace_step = {
        let trace_focus = trace_focus.clone();
        Callback::from(move |device: Option<String>| trace_focus.set(device))
    };
    let on_close_explanation = {
        let selected = selected.clone();
        Callback::from(move |_: ()| selected.set(None))
    };

    let run_now = {
        let schedule = schedule.clone();
        let current_text = current_text.clone();
        Callback::from(move |_: ()| schedule(current_text(), 0))
    };
    let copy = {
        let show_toast = show_toast.clone();
        Callback::from(move |(text, what): (String, &'static str)| {
            let show_toast = show_toast.clone();
            let promise = editor_js::copy_text(&text);
            wasm_bindgen_futures::spawn_local(async move {
                let ok = wasm_bindgen_futures::JsFuture::from(promise)
                    .await
                    .map(|v| v.as_bool().unwrap_or(false))
                    .unwrap_or(false);
                show_toast.emit(if ok {
                    format!("{what} copied")
                } else {
                    format!(
                        "Could not copy the {}: select it and copy by hand",
                        what.to_lowercase()
                    )
                });
            });
        })
    };
    let share = {
        let dialog = dialog.clone();
        let current_text = current_text.clone();
        let copy = copy.clone();
        Callback::from(move |_: ()| {
            let (origin, path) = base_url();
            let fragment = share::fragment(&current_text());
            let link = format!("{origin}{path}{fragment}");
            let embed = format!(
                "<iframe src=\"{origin}{path}?embed{fragment}\" width=\"600\" height=\"400\" style=\"border:1px solid #d0d7de;border-radius:8px\" title=\"DRA Playground\" loading=\"lazy\"></iframe>"
            );
            if editor_js::available() {
                copy.emit((link.clone(), "Link"));
            }
            dialog.set(Some(Dialog::Share { link, embed }));
        })
    };

    // Keyboard shortcuts: Ctrl/Cmd+Enter runs, Ctrl/Cmd+S shares. Capture phase, so that they
    // work inside the editor too.
    let shortcuts = use_mut_ref(|| (run_now.clone(), share.clone()));
    *shortcuts.borrow_mut() = (run_now.clone(), share.clone());
    {
        let shortcuts = shortcuts.clone();
        use_effect_with((), move |_| {
            let listener = Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(
                move |e: web_sys::KeyboardEvent| {
                    if !(e.ctrl_key() || e.meta_key()) || e.alt_key() {
                        return;
                    }
                    let (run_now, share) = shortcuts.borrow().clone();
                    match e.key().as_str() {
                        "Enter" => {
                            e.prevent_default();
                            e.stop_propagation();
                            run_now.emit(());
                        }
                        "s" | "S" => {
                            e.prevent_default();
                            e.stop_propagation();
                            share.emit(());
                        }
                        _ => {}
                    }
                },
            );
            let opts = web_sys::AddEventListenerOptions::new();
            opts.set_capture(true);
            let _ = window().add_event_listener_with_callback_and_add_event_listener_options(
                "keydown",
                listener.as_ref().unchecked_ref(),
                &opts,
            );
            move || {
                let _ = window().remove_event_listener_with_callback_and_bool(
                    "keydown",
                    listener.as_ref().unchecked_ref(),
                    true,
                );
                drop(listener);
            }
        });
    }

    let open = |d: Dialog| {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| dialog.set(Some(d.clone())))
    };
    let close = {
        let dialog = dialog.clone();
        Callback::from(move |_: ()| dialog.set(None))
    };
    let download = {
        let current_text = current_text.clone();
        Callback::from(move |_: MouseEvent| editor_js::download("scenario.yaml", &current_text()))
    };
    let copy_claims = {
        let runner = runner.clone();
        let copy = copy.clone();
        let show_toast = show_toast.clone();
        Callback::from(move |_: MouseEvent| {
            let latest = runner.borrow().latest.clone();
            match latest.as_ref().map(|r| &r.analysis.outcome) {
                Some(Outcome::Ran(r)) if !r.claims_yaml.trim().is_empty() => {
                    copy.emit((r.claims_yaml.clone(), "Claims with status"))
                }
                Some(Outcome::Ran(_)) => show_toast.emit("The scenario has no claims".into()),
                _ => show_toast.emit("Nothing ran: fix the problems first".into()),
            }
        })
    };
    let toggle_theme = {
        let dark = dark.clone();
        Callback::from(move |_: MouseEvent| {
            storage::save_theme(if *dark { "light" } else { "dark" });
            dark.set(!*dark);
        })
    };
    let set_focus = |f: Focus| {
        let focus = focus.clone();
        let slot = (*slot).clone();
        let current_text = current_text.clone();
        Callback::from(move |_: MouseEvent| {
            let folds = text::folds(&current_text(), f);
            slot.with(|e| e.set_folds(&serde_json::to_string(&folds).unwrap_or_default()));
            focus.set(f);
        })
    };
    let on_pick_example = {
        let load_text = load_text.clone();
        let dialog = dialog.clone();
        let lesson = lesson.clone();
        let selected = selected.clone();
        Callback::from(move |name: &'static str| {
            if let Some(e) = Example::by_name(name) {
                selected.set(None);
                lesson.set(Some(name));
                load_text.emit(e.text.to_owned());
            }
            dialog.set(None);
        })
    };
    let on_import = {
        let load_text = load_text.clone();
        let dialog = dialog.clone();
        let current_text = current_text.clone();
        let show_toast = show_toast.clone();
        Callback::from(move |(yaml, replace): (String, bool)| {
            let new = if replace {
                yaml
            } else {
                text::append_documents(&current_text(), &yaml)
            };
            load_text.emit(new);
            dialog.set(None);
            show_toast.emit(
                if replace {
                    "Scenario replaced"
                } else {
                    "Imported"
                }
                .into(),
            );
        })
    };
    let on_add_hardware = {
        let load_text = load_text.clone();
        let dialog = dialog.clone();
        let current_text = current_text.clone();
        let show_toast = show_toast.clone();
        Callback::from(move |yaml: String| {
            let nodes = yaml.matches("\nkind: Node\n").count();
            load_text.emit(text::append_documents(&current_text(), &yaml));
            dialog.set(None);
            show_toast.emit(format!(
                "Added {nodes} node{} at the end of the scenario",
                if nodes == 1 { "" } else { "s" }
            ));
        })
    };
    let on_settings = {
        let load_text = load_text.clone();
        let current_text = current_text.clone();
        let runner = runner.clone();
        Callback::from(move |c: SettingsChange| {
            let name = runner
                .borrow()
                .latest
                .as_ref()
                .and_then(|r| r.analysis.settings.name.clone());
            load_text.emit(text::with_settings(
                &current_text(),
                name.as_deref(),
                c.version.as_deref(),
                &c.gates,
            ));
        })
    };
    let on_skip_validation = {
        let runner = runner.clone();
        let skip_validation = skip_validation.clone();
        let schedule = schedule.clone();
        Callback::from(move |v: bool| {
            runner.borrow_mut().skip_validation = v;
            skip_validation.set(v);
            let text = runner.borrow().text.clone();
            schedule(text, 0);
        })
    };

    // The banner's actions.
    let keep_shared = {
        let banner = banner.clone();
        let runner = runner.clone();
        let show_toast = show_toast.clone();
        Callback::from(move |_: MouseEvent| {
            runner.borrow_mut().autosave = true;
            let text = runner.borrow().text.clone();
            storage::save_scenario(&text);
            clear_fragment();
            banner.set(None);
            show_toast.emit("The shared scenario is now your saved work".into());
        })
    };
    let back_to_mine = {
        let banner = banner.clone();
        let runner = runner.clone();
        let load_text = load_text.clone();
        let lesson = lesson.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(Banner::Shared { saved }) = &*banner {
                runner.borrow_mut().autosave = true;
                lesson.set(Example::by_text(saved).map(|e| e.name));
                load_text.emit(saved.to_string());
            }
            clear_fragment();
            banner.set(None);
        })
    };
    let dismiss_banner = {
        let banner = banner.clone();
        Callback::from(move |_: MouseEvent| {
            clear_fragment();
            banner.set(None);
        })
    };

    let analysis = run.as_ref().map(|r| r.analysis.clone());
    let settings = analysis
        .as_ref()
        .map(|a| a.settings.clone())
        .unwrap_or_default();
    let version_label = match (&settings.kubernetes_version, settings.feature_gates.len()) {
        (Some(v), 0) => format!("Kubernetes {v}"),
        (Some(v), n) => format!("Kubernetes {v} +{n} gate{}", if n == 1 { "" } else { "s" }),
        (None, 0) => "All gates on".to_owned(),
        (None, n) => format!("All gates on, {n} set"),
    };
    let explanation_panel = match &*run {
        Some(r) => {
            // The explanation shown is the one asked for last (an older one stays while the
            // new one is computed, marked as such).
            let shown = (*explained).clone();
            let fresh = shown
                .as_ref()
                .is_some_and(|e| e.run == r.serial && Some(&e.scope) == scope.as_ref());
            html! {
                <ExplanationPanel run={r.clone()} selected={(*selected).clone()} explained={shown}
                                  fresh={fresh} wants={*wants} on_wants={on_wants}
                                  on_trace_step={on_trace_step}
                                  on_close={on_close_explanation} {on_navigate} on_go_to={go_to} />
            }
        }
        None => html! {},
    };
    let lesson_example = lesson.and_then(Example::by_name);
    let focus_tab = |f: Focus, label: &'static str| {
        let active = *focus == f;
        html! {
            <button role="tab" aria-selected={active.to_string()} class={classes!("tab", active.then_some("active"))}
                    onclick={set_focus(f)}>{ label }</button>
        }
    };

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
                    <button onclick={download} title="Download the scenario as YAML">{ "Download" }</button>
                    <button onclick={copy_claims} title="Copy the claims with status, as the scheduler would write them">{ "Copy claims" }</button>
                    <button class="primary" onclick={share.reform(|_: MouseEvent| ())} data-testid="share"
                            title="Copy a link that holds the scenario (Ctrl+S)" aria-keyshortcuts="Control+S">{ "Share" }</button>
                    <button class="icon" onclick={toggle_theme} aria-label={if *dark { "Switch to the light theme" } else { "Switch to the dark theme" }}
                            title="Light or dark theme" data-testid="theme">{ if *dark { "☀" } else { "☾" } }</button>
                </nav>
            </header>
            { match &*banner {
                Some(Banner::Shared { .. }) => html! {
                    <div class="banner info" role="status" data-testid="shared-banner">
                        <span>{ "You opened a shared scenario. Your own saved work is kept: nothing is saved over it while you look at this one." }</span>
                        <button class="primary" onclick={keep_shared} data-testid="keep-shared">{ "Keep this scenario" }</button>
                        <button onclick={back_to_mine} data-testid="back-to-mine">{ "Back to my work" }</button>
                    </div>
                },
                Some(Banner::LinkError(message)) => html! {
                    <div class="banner warn" role="alert" data-testid="link-error">
                        <span>{ message.clone() }</span>
                        <button onclick={dismiss_banner}>{ "Dismiss" }</button>
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
                        <button class="run" onclick={run_now.reform(|_: MouseEvent| ())} data-testid="run"
                                title="Run now (Ctrl+Enter); every edit also runs by itself" aria-keyshortcuts="Control+Enter">{ "▶ Run" }</button>
                    </div>
                    if let Some(e) = lesson_example {
                        <p class="lesson" data-testid="lesson"><strong>{ e.title() }</strong>{ " — " }{ e.lesson() }</p>
                    }
                    <ScenarioEditor slot={(*slot).clone()} initial={boot.text.clone()} dark={*dark}
                                    {on_change} {on_cursor} />
                    <ProblemList problems={problems.clone()} on_open={on_problem} />
                </section>
                <ResultsPanel run={(*run).clone()} busy={*busy} shown_ms={*shown_ms} related={related.clone()}
                              active={focus_sel.is_some()} on_hover={on_hover} on_select={on_select}
                              drawer={explanation_panel} />
            </main>
            { match (*dialog).clone() {
                Some(Dialog::Examples) => html! { <ExamplesDialog on_pick={on_pick_example} on_close={close.clone()} /> },
                Some(Dialog::Import) => html! { <ImportDialog on_import={on_import} on_close={close.clone()} /> },
                Some(Dialog::Hardware) => html! { <HardwareDialog analysis={analysis.clone()} on_add={on_add_hardware} on_close={close.clone()} /> },
                Some(Dialog::Settings) => html! {
                    <SettingsDialog settings={settings.clone()} skip_validation={*skip_validation}
                                    on_change={on_settings} on_skip_validation={on_skip_validation} on_close={close.clone()} />
                },
                Some(Dialog::Share { link, embed }) => html! {
                    <ShareDialog link={link} embed_code={embed} on_copy={copy.clone()} on_close={close.clone()} />
                },
                None => html! {},
            } }
            if let Some(t) = &*toast {
                <div class="toast" role="status" data-testid="toast">{ t.clone() }</div>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_visit_opens_the_first_example() {
        let b = Boot::decide("", None);
        assert_eq!(&*b.text, gallery::DEFAULT.text);
        assert!(b.autosave && b.banner.is_none());
    }

    #[test]
    fn saved_work_comes_back() {
        let b = Boot::decide("", Some("mine".into()));
        assert_eq!(&*b.text, "mine");
        assert!(b.autosave);
    }

    #[test]
    fn a_shared_link_never_overwrites_different_saved_work() {
        let hash = share::fragment("shared");
        let b = Boot::decide(&hash, Some("mine".into()));
        assert_eq!(&*b.text, "shared");
        assert!(!b.autosave);
        assert_eq!(
            b.banner,
            Some(Banner::Shared {
                saved: Rc::from("mine")
            })
        );
        // Nothing saved, or the same text saved: just open it.
        let b = Boot::decide(&hash, None);
        assert!(b.autosave && b.banner.is_none());
    }

    #[test]
    fn a_broken_link_keeps_the_saved_work() {
        let b = Boot::decide("#scenario=v1:AAAA", Some("mine".into()));
        assert_eq!(&*b.text, "mine");
        assert!(matches!(b.banner, Some(Banner::LinkError(m)) if m.contains("damaged")));
    }
}
