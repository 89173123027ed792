//! The compare view (`#compare=v1:...`): two runs side by side, the same scenario under two
//! Kubernetes versions or gate sets, or two edits of it. At the top what differs in their
//! outcomes, with why; under it each side's settings (which rewrite that side's Scenario
//! document), status, pods and cluster map, with what changed marked. The comparison runs in a
//! worker of the view's own (`dra_engine::compare`), again after each change of settings, and
//! the address follows, so that the link always opens what is shown.

mod differences;
mod side;

use std::rc::Rc;

use dra_engine::compare::Comparison;
use dra_engine::share_link as share;
use dra_playground_web::worker::messages::{Reply, Request};
use dra_playground_web::worker::tasks::CompareRequest;
use yew::prelude::*;

use crate::platform::browser;
use crate::platform::engine_client::EngineClient;
use crate::state::compare::Which;
use crate::state::runner::Answer;
use differences::Differences;
use side::CompareSide;

#[derive(Properties, PartialEq)]
pub struct CompareViewProps {
    /// The left side's scenario.
    pub left: Rc<str>,
    /// The right side's scenario.
    pub right: Rc<str>,
}

/// What the view shows: nothing yet, the comparison, or why there is none.
#[derive(Clone, PartialEq)]
enum Shown {
    Running,
    Compared(Rc<Comparison>),
    Failed(String),
}

#[component(CompareView)]
pub fn compare_view(props: &CompareViewProps) -> Html {
    let texts = use_state(|| (props.left.clone(), props.right.clone()));
    let shown = use_state(|| Shown::Running);
    let client = use_mut_ref(|| None::<EngineClient>);
    {
        let set_shown = shown.setter();
        let client = client.clone();
        use_effect_with((), move |_| {
            *client.borrow_mut() = Some(EngineClient::new(move |answer| {
                if let Answer::Task(reply) = answer {
                    set_shown.set(match reply {
                        Reply::Compared { comparison, .. } => Shown::Compared(Rc::from(comparison)),
                        Reply::Crashed { message, .. } => Shown::Failed(format!(
                            "The engine stopped on this comparison ({message})."
                        )),
                        _ => Shown::Failed("The engine gave another answer.".to_owned()),
                    });
                }
            }));
            move || drop(client.borrow_mut().take())
        });
    }
    {
        let client = client.clone();
        let shown = shown.clone();
        use_effect_with((*texts).clone(), move |(left, right)| {
            browser::replace_fragment(&share::compare_fragment(left, right));
            if let Some(c) = client.borrow().as_ref() {
                shown.set(Shown::Running);
                let (left, right) = (left.to_string(), right.to_string());
                c.task(move |serial| {
                    Request::Compare(CompareRequest {
                        serial,
                        left,
                        right,
                    })
                });
            }
        });
    }
    let on_edit = |which: Which| {
        let texts = texts.clone();
        Callback::from(move |text: String| {
            let (left, right) = (*texts).clone();
            texts.set(match which {
                Which::Left => (Rc::from(text), right),
                Which::Right => (left, Rc::from(text)),
            });
        })
    };
    let back = Callback::from(|_: MouseEvent| browser::go_to_fragment(""));
    let (left, right) = (*texts).clone();
    html! {
        <div class="compare" data-testid="compare">
            <header class="compare-bar">
                <span class="brand-mark" aria-hidden="true" />
                <h1>{ "Compare two runs" }</h1>
                <button onclick={back} data-testid="compare-back">{ "Back to the playground" }</button>
            </header>
            { match &*shown {
                Shown::Running => html! {
                    <p class="status running" data-testid="compare-summary" data-state="running">{ "Running both sides…" }</p>
                },
                Shown::Failed(why) => html! {
                    <p class="banner warn" role="alert" data-testid="compare-summary" data-state="error">{ why.clone() }</p>
                },
                Shown::Compared(c) => html! { <Differences comparison={c.clone()} /> },
            } }
            if let Shown::Compared(c) = &*shown {
                <div class="compare-sides">
                    <CompareSide which={Which::Left} comparison={c.clone()} text={left} on_edit={on_edit(Which::Left)} />
                    <CompareSide which={Which::Right} comparison={c.clone()} text={right} on_edit={on_edit(Which::Right)} />
                </div>
            }
        </div>
    }
}
