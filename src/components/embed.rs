//! `?embed`: a compact view for iframes: the result first (the view `panel=` names), the
//! scenario collapsed (editable on demand unless `readonly`, see `embed_scenario.rs`), and a
//! link that opens the same scenario in the full playground.

use std::rc::Rc;

use dra_engine::share_link as share;
use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::components::embed_scenario::EmbedScenario;
use crate::components::results::panel::ResultsPanel;
use crate::platform::browser;
use crate::platform::engine_client::EngineClient;
use crate::scenario::gallery::Example;
use crate::state::embed::EmbedOptions;
use crate::state::run::{self, RunInfo};
use crate::state::runner::{Answer, DEBOUNCE_MS};
use crate::state::selection::{self, Related, Selection};

#[derive(Properties, PartialEq)]
pub struct EmbedViewProps {
    pub text: Rc<str>,
    #[prop_or_default]
    pub notice: Option<AttrValue>,
    /// The results view shown, and whether it can be edited.
    #[prop_or_default]
    pub options: EmbedOptions,
}

/// The engine worker of the view, and the edit waiting for its run.
#[derive(Default)]
struct Session {
    client: Option<EngineClient>,
    debounce: Option<Timeout>,
}

#[component(EmbedView)]
pub fn embed_view(props: &EmbedViewProps) -> Html {
    let run = use_state(|| None::<Rc<RunInfo>>);
    let shown_ms = use_state(|| None::<(u64, f64)>);
    let hover = use_state(|| None::<Selection>);
    let selected = use_state(|| None::<Selection>);
    let text = use_state(|| props.text.clone());
    let session = use_mut_ref(Session::default);
    // The engine runs in its worker, once for the shared text and again after each edit. The
    // client lives as long as the view.
    {
        let set_run = run.setter();
        let text = props.text.clone();
        let session = session.clone();
        use_effect_with((), move |_| {
            let client = EngineClient::new(move |answer| {
                if let Answer::Run(pending, reply) = answer {
                    let info = run::finish(pending, reply, browser::now(), browser::clock());
                    set_run.set(Some(Rc::new(info)));
                }
            });
            client.run(text, None);
            session.borrow_mut().client = Some(client);
            move || *session.borrow_mut() = Session::default()
        });
    }
    let on_change = {
        let session = session.clone();
        let set_text = text.setter();
        Callback::from(move |edited: String| {
            let edited: Rc<str> = Rc::from(edited);
            set_text.set(edited.clone());
            let weak = Rc::downgrade(&session);
            session.borrow_mut().debounce = Some(Timeout::new(DEBOUNCE_MS, move || {
                if let Some(client) = weak.upgrade().and_then(|s| s.borrow().client.clone()) {
                    client.run(edited, None);
                }
            }));
        })
    };
    let open_url = use_memo((*text).clone(), |text| {
        let (origin, path) = browser::base_url();
        AttrValue::from(format!("{origin}{path}{}", share::fragment(text)))
    });
    {
        let shown_ms = shown_ms.clone();
        let info = (*run).clone();
        use_effect_with(info.as_ref().map(|r| r.serial), move |_| {
            if let Some(r) = info {
                shown_ms.set(Some((r.serial, browser::now() - r.started)));
            }
        });
    }
    let focus = (*hover).clone().or((*selected).clone());
    let related = Rc::new(match (&*run, &focus) {
        (Some(r), Some(s)) => selection::related(&r.analysis, s),
        _ => Related::default(),
    });
    let on_hover = {
        let hover = hover.clone();
        Callback::from(move |s| hover.set(s))
    };
    let on_select = {
        let selected = selected.clone();
        Callback::from(move |s: Selection| {
            if selected.as_ref() == Some(&s) {
                selected.set(None)
            } else {
                selected.set(Some(s))
            }
        })
    };
    let title = Example::by_text(&props.text).map_or("Shared scenario", |e| e.title());
    html! {
        <div class="embed" data-testid="embed">
            <header class="embed-bar">
                <span class="brand-mark" aria-hidden="true" />
                <strong class="embed-title">{ title }</strong>
                <a class="button primary" href={(*open_url).clone()} target="_blank" rel="noopener"
                   data-testid="open-in-playground">{ "Open in playground ↗" }</a>
            </header>
            if let Some(n) = &props.notice { <p class="banner warn">{ n.clone() }</p> }
            <ResultsPanel run={(*run).clone()} shown_ms={*shown_ms} related={related}
                          active={focus.as_ref().is_some_and(Selection::is_drawn)}
                          {on_hover} {on_select} compact=true tab={props.options.panel} />
            <EmbedScenario text={props.text.clone()} {on_change} read_only={props.options.read_only} />
        </div>
    }
}
