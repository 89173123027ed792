//! `?embed`: a compact, read-only view for iframes: the result first, the scenario collapsed,
//! and a link that opens the same scenario in the full playground.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::results::panel::ResultsPanel;
use crate::platform::browser;
use crate::platform::engine_client::EngineClient;
use crate::scenario::gallery::Example;
use crate::state::run::{self, RunInfo};
use crate::state::runner::Answer;
use crate::state::selection::{self, Related, Selection};

#[derive(Properties, PartialEq)]
pub struct EmbedViewProps {
    pub text: Rc<str>,
    /// The full playground's address with the same scenario.
    pub open_url: AttrValue,
    #[prop_or_default]
    pub notice: Option<AttrValue>,
}

#[component(EmbedView)]
pub fn embed_view(props: &EmbedViewProps) -> Html {
    let run = use_state(|| None::<Rc<RunInfo>>);
    let shown_ms = use_state(|| None::<(u64, f64)>);
    let hover = use_state(|| None::<Selection>);
    let selected = use_state(|| None::<Selection>);
    // The engine runs in its worker; the text never changes, so one run. The client lives as
    // long as the view (the effect's cleanup holds it).
    {
        let set_run = run.setter();
        let text = props.text.clone();
        use_effect_with((), move |_| {
            let client = EngineClient::new(move |answer| {
                if let Answer::Run(pending, reply) = answer {
                    let info = run::finish(pending, reply, browser::now(), browser::clock());
                    set_run.set(Some(Rc::new(info)));
                }
            });
            client.run(text, false);
            move || drop(client)
        });
    }
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
    let lines = props.text.lines().count();
    html! {
        <div class="embed" data-testid="embed">
            <header class="embed-bar">
                <span class="brand-mark" aria-hidden="true" />
                <strong class="embed-title">{ title }</strong>
                <a class="button primary" href={props.open_url.clone()} target="_blank" rel="noopener"
                   data-testid="open-in-playground">{ "Open in playground ↗" }</a>
            </header>
            if let Some(n) = &props.notice { <p class="banner warn">{ n.clone() }</p> }
            <ResultsPanel run={(*run).clone()} shown_ms={*shown_ms} related={related} active={focus.is_some()}
                          {on_hover} {on_select} compact=true />
            <details class="embed-scenario">
                <summary>{ format!("Scenario ({lines} lines of YAML)") }</summary>
                <pre data-testid="embed-scenario">{ props.text.to_string() }</pre>
            </details>
        </div>
    }
}
