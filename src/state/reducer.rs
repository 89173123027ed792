//! The playground page's UI state: one [`State`], changed only by the named [`Action`]s of its
//! reducer (Yew's `use_reducer`). What goes with a change outside the state (the editor, the
//! engine worker, the clipboard, the browser's storage) is done by the app's commands
//! (`app/commands.rs`); the state itself is plain data.

use std::rc::Rc;

use dra_playground_web::worker::messages::ExplainScope;
use yew::Reducible;

use crate::scenario::gallery::Example;
use crate::scenario::text::Focus;
use crate::state::boot::{Banner, Boot};
use crate::state::explained::{self, Explained, Wants};
use crate::state::run::RunInfo;
use crate::state::selection::Selection;
use crate::state::share_snippets::Snippets;

/// The dialogs.
#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    /// The examples gallery.
    Examples,
    /// Import from a cluster.
    Import,
    /// Add hardware from a preset.
    Hardware,
    /// Kubernetes version and feature gates.
    Settings,
    /// The link that carries the scenario, the Markdown badge and the iframe that embed it.
    Share(Snippets),
}

/// Everything the playground page draws that is not the scenario text itself.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The latest run answered (None until the first one).
    pub run: Option<Rc<RunInfo>>,
    /// A newer run has been in flight for a while: the spinner shows (the last result stays).
    pub busy: bool,
    /// Edit-to-result milliseconds of the run with this serial (engine and render).
    pub shown_ms: Option<(u64, f64)>,
    /// What the pointer is over.
    pub hover: Option<Selection>,
    /// What is selected, and explained.
    pub selected: Option<Selection>,
    /// The device of the trace step shown, highlighted like a hover.
    pub trace_focus: Option<String>,
    /// The explanation panel's open sections.
    pub wants: Wants,
    /// The latest explanation (possibly of an older run or selection, while a new one is
    /// computed).
    pub explained: Option<Rc<Explained>>,
    /// The dark theme is on.
    pub dark: bool,
    /// Which documents the editor shows unfolded.
    pub focus: Focus,
    /// The dialog open.
    pub dialog: Option<Dialog>,
    /// A message shown for a moment.
    pub toast: Option<String>,
    /// The notice above the workspace.
    pub banner: Option<Banner>,
    /// The example whose lesson shows above the editor.
    pub lesson: Option<&'static str>,
}

/// A change of the page's state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The latest run's result came back (the spinner stops).
    RunFinished(Rc<RunInfo>),
    /// The run in flight is taking long: the spinner shows.
    RunSlow,
    /// The run with this serial is drawn, `ms` after it was sent.
    RunShown {
        /// The run's serial.
        serial: u64,
        /// Milliseconds from sending to drawn.
        ms: f64,
    },
    /// An explanation came back.
    Explained(Rc<Explained>),
    /// The pointer is over an item, or over none.
    Hover(Option<Selection>),
    /// An item is selected.
    Select(Selection),
    /// The editor's cursor moved onto an item (or onto none): it is the selection.
    CursorOn(Option<Selection>),
    /// A name in the explanation panel was followed: it is selected, and the pointer (over the
    /// panel) hovers nothing.
    FollowLink(Selection),
    /// The selection is cleared.
    Deselect,
    /// The explanation panel's sections opened or closed.
    Wants(Wants),
    /// The trace stepper shows a step of this device (or of none).
    TraceStep(Option<String>),
    /// The editor shows these documents unfolded.
    Focus(Focus),
    /// The other theme.
    ToggleTheme,
    /// A dialog opens.
    Open(Dialog),
    /// The dialog closes.
    CloseDialog,
    /// An example of the gallery is opened (its dialog closes).
    ExampleOpened(&'static str),
    /// A message for a moment.
    Toast(String),
    /// The message's moment is over.
    ToastExpired,
    /// The banner is answered or dismissed.
    BannerClosed,
    /// "Back to my work" over a shared scenario: the saved work is back, with its lesson if it
    /// is an example.
    BackToSavedWork,
}

impl State {
    /// The state the page opens with; `dark`: the theme chosen or preferred.
    pub fn new(boot: &Boot, dark: bool) -> State {
        State {
            run: None,
            busy: false,
            shown_ms: None,
            hover: None,
            selected: None,
            trace_focus: None,
            wants: Wants::default(),
            explained: None,
            dark,
            focus: Focus::All,
            dialog: None,
            toast: None,
            banner: boot.banner.clone(),
            lesson: boot.example,
        }
    }

    /// What the results and the editor highlight: the hovered item, else the device of the
    /// trace step shown, else the selection.
    pub fn in_focus(&self) -> Option<Selection> {
        self.hover
            .clone()
            .or_else(|| self.trace_focus.clone().map(Selection::Device))
            .or_else(|| self.selected.clone())
    }

    /// What to ask the worker to explain for the panel (None: nothing to show).
    pub fn explain_scope(&self) -> Option<ExplainScope> {
        let run = self.run.as_ref()?;
        explained::scope_for(&run.analysis, self.selected.as_ref(), self.wants)
    }

    /// The explanation held is the one the panel asks for: of the latest run, in this scope.
    pub fn explanation_is_fresh(&self, scope: Option<&ExplainScope>) -> bool {
        let run = self.run.as_ref().map(|r| r.serial);
        self.explained
            .as_ref()
            .is_some_and(|e| Some(e.run) == run && Some(&e.scope) == scope)
    }

    /// A new selection starts without a trace step shown.
    fn select(&mut self, selection: Option<Selection>) {
        if self.selected != selection {
            self.trace_focus = None;
        }
        self.selected = selection;
    }

    fn apply(&mut self, action: Action) {
        match action {
            Action::RunFinished(run) => {
                self.run = Some(run);
                self.busy = false;
            }
            Action::RunSlow => self.busy = true,
            Action::RunShown { serial, ms } => self.shown_ms = Some((serial, ms)),
            Action::Explained(e) => self.explained = Some(e),
            Action::Hover(h) => self.hover = h,
            Action::Select(s) => self.select(Some(s)),
            Action::CursorOn(s) => self.select(s),
            Action::FollowLink(s) => {
                self.hover = None;
                self.select(Some(s));
            }
            Action::Deselect => self.select(None),
            Action::Wants(w) => self.wants = w,
            Action::TraceStep(device) => self.trace_focus = device,
            Action::Focus(f) => self.focus = f,
            Action::ToggleTheme => self.dark = !self.dark,
            Action::Open(d) => self.dialog = Some(d),
            Action::CloseDialog => self.dialog = None,
            Action::ExampleOpened(name) => {
                self.select(None);
                self.lesson = Some(name);
                self.dialog = None;
            }
            Action::Toast(message) => self.toast = Some(message),
            Action::ToastExpired => self.toast = None,
            Action::BannerClosed => self.banner = None,
            Action::BackToSavedWork => {
                if let Some(Banner::Shared { saved }) = self.banner.take() {
                    self.lesson = Example::by_text(&saved).map(|e| e.name);
                }
            }
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut state = Rc::unwrap_or_clone(self);
        state.apply(action);
        Rc::new(state)
    }
}

#[cfg(test)]
mod tests {

    use super::*;
    use crate::scenario::gallery;

    const TEXT: &str = include_str!("../../examples/shared-claim-vs-template.yaml");

    fn boot() -> Boot {
        Boot::decide("", None)
    }

    fn run(serial: u64) -> Rc<RunInfo> {
        Rc::new(RunInfo {
            serial,
            ..RunInfo::of_text(TEXT)
        })
    }

    fn reduce(state: State, actions: impl IntoIterator<Item = Action>) -> State {
        let mut state = Rc::new(state);
        for action in actions {
            state = state.reduce(action);
        }
        Rc::unwrap_or_clone(state)
    }

    fn pod(name: &str) -> Selection {
        Selection::Pod(format!("default/{name}"))
    }

    #[test]
    fn the_page_opens_with_the_boot_example_and_no_run() {
        let s = State::new(&boot(), true);
        assert_eq!(s.lesson, Some(gallery::DEFAULT.name));
        assert!(s.dark && s.run.is_none() && s.banner.is_none() && s.focus == Focus::All);
    }

    #[test]
    fn a_run_result_stops_the_spinner() {
        let s = reduce(State::new(&boot(), false), [Action::RunSlow]);
        assert!(s.busy);
        let s = reduce(s, [Action::RunFinished(run(3))]);
        assert!(!s.busy);
        assert_eq!(s.run.as_ref().map(|r| r.serial), Some(3));
    }

    #[test]
    fn a_new_selection_starts_without_a_trace_step() {
        let device = "gpu.example.com/node-1/gpu-0".to_owned();
        let s = reduce(
            State::new(&boot(), false),
            [
                Action::Select(pod("reader-a")),
                Action::TraceStep(Some(device.clone())),
            ],
        );
        assert_eq!(s.trace_focus.as_deref(), Some(device.as_str()));
        // The same selection again keeps the step.
        let s = reduce(s, [Action::Select(pod("reader-a"))]);
        assert!(s.trace_focus.is_some());
        let s = reduce(s, [Action::CursorOn(Some(pod("reader-b")))]);
        assert_eq!(s.trace_focus, None);
        assert_eq!(s.selected, Some(pod("reader-b")));
        let s = reduce(s, [Action::CursorOn(None)]);
        assert_eq!(s.selected, None);
    }

    #[test]
    fn the_hover_comes_first_then_the_trace_step_then_the_selection() {
        let device = "gpu.example.com/node-1/gpu-0".to_owned();
        let s = reduce(
            State::new(&boot(), false),
            [Action::Select(pod("reader-a"))],
        );
        assert_eq!(s.in_focus(), Some(pod("reader-a")));
        let s = reduce(s, [Action::TraceStep(Some(device.clone()))]);
        assert_eq!(s.in_focus(), Some(Selection::Device(device)));
        let s = reduce(s, [Action::Hover(Some(pod("reader-b")))]);
        assert_eq!(s.in_focus(), Some(pod("reader-b")));
    }

    #[test]
    fn following_a_link_selects_and_clears_the_hover() {
        let s = reduce(
            State::new(&boot(), false),
            [
                Action::Hover(Some(pod("reader-a"))),
                Action::FollowLink(pod("reader-b")),
            ],
        );
        assert_eq!((&s.hover, &s.selected), (&None, &Some(pod("reader-b"))));
        let s = reduce(s, [Action::Deselect]);
        assert_eq!(s.selected, None);
    }

    #[test]
    fn an_explanation_is_fresh_for_its_run_and_scope_only() {
        let s = reduce(
            State::new(&boot(), false),
            [Action::RunFinished(run(1)), Action::Select(pod("reader-a"))],
        );
        let scope = s.explain_scope().expect("a pod selected");
        assert_eq!(scope.pods, vec!["default/reader-a".to_owned()]);
        assert!(!s.explanation_is_fresh(Some(&scope)));
        let explained = |run| {
            Rc::new(Explained {
                run,
                scope: scope.clone(),
                result: Err("none".into()),
                engine_ms: 0.0,
            })
        };
        let s = reduce(s, [Action::Explained(explained(1))]);
        assert!(s.explanation_is_fresh(Some(&scope)));
        assert!(!s.explanation_is_fresh(None));
        // A newer run makes it stale; it stays shown meanwhile.
        let s = reduce(s, [Action::RunFinished(run(2))]);
        assert!(!s.explanation_is_fresh(Some(&scope)) && s.explained.is_some());
    }

    #[test]
    fn nothing_selected_and_the_matrix_closed_asks_for_no_explanation() {
        let s = reduce(State::new(&boot(), false), [Action::RunFinished(run(1))]);
        assert_eq!(s.explain_scope(), None);
        let wants = Wants {
            trace: false,
            matrix: true,
        };
        let s = reduce(s, [Action::Wants(wants)]);
        assert!(s.explain_scope().is_some_and(|scope| scope.matrix));
    }

    #[test]
    fn opening_an_example_shows_its_lesson_and_closes_the_gallery() {
        let s = reduce(
            State::new(&boot(), false),
            [
                Action::Select(pod("reader-a")),
                Action::Open(Dialog::Examples),
                Action::ExampleOpened("tpu-slice"),
            ],
        );
        assert_eq!(
            (s.lesson, s.selected, s.dialog),
            (Some("tpu-slice"), None, None)
        );
    }

    #[test]
    fn back_to_the_saved_work_brings_its_lesson_back() {
        let example = gallery::EXAMPLES[1];
        let hash = dra_engine::share_link::fragment("shared");
        let s = State::new(&Boot::decide(&hash, Some(example.text.to_owned())), false);
        assert!(matches!(s.banner, Some(Banner::Shared { .. })));
        assert_eq!(s.lesson, None);
        let s = reduce(s, [Action::BackToSavedWork]);
        assert_eq!((s.lesson, s.banner), (Some(example.name), None));
    }

    #[test]
    fn a_toast_shows_until_its_moment_is_over() {
        let s = reduce(
            State::new(&boot(), false),
            [Action::Toast("Imported".into())],
        );
        assert_eq!(s.toast.as_deref(), Some("Imported"));
        let s = reduce(s, [Action::ToastExpired]);
        assert_eq!(s.toast, None);
    }

    #[test]
    fn dialogs_theme_and_focus_are_named_changes() {
        let s = reduce(
            State::new(&boot(), false),
            [
                Action::Open(Dialog::Settings),
                Action::ToggleTheme,
                Action::Focus(Focus::Hardware),
            ],
        );
        assert_eq!(s.dialog, Some(Dialog::Settings));
        assert!(s.dark && s.focus == Focus::Hardware);
        let s = reduce(s, [Action::CloseDialog, Action::BannerClosed]);
        assert_eq!((s.dialog, s.banner), (None, None));
    }
}
