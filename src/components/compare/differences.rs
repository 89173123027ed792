//! What differs between the two runs of a comparison, in words: the settings in effect, then
//! each pod whose outcome differs (with the reason where it is unschedulable), then each claim
//! whose devices differ. `data-same` says whether the outcomes are the same; each item carries
//! `data-change` (`setting`, `pod`, `claim`) and `data-key` (its name).

use std::rc::Rc;

use dra_engine::compare::Comparison;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DifferencesProps {
    pub comparison: Rc<Comparison>,
}

#[component(Differences)]
pub fn differences(props: &DifferencesProps) -> Html {
    let c = &props.comparison;
    let same = c.same_outcome();
    let headline = if !c.ran() {
        "A side did not run: its scenario has errors (listed on its side)".to_owned()
    } else if same {
        "The outcomes are the same".to_owned()
    } else {
        format!(
            "The outcomes differ: {} pod{} and {} claim{}",
            c.pods.len(),
            if c.pods.len() == 1 { "" } else { "s" },
            c.claims.len(),
            if c.claims.len() == 1 { "" } else { "s" }
        )
    };
    let items = c
        .settings
        .iter()
        .map(|s| ("setting", s.name.clone(), s.describe()))
        .chain(c.pods.iter().map(|p| ("pod", p.pod.clone(), p.describe())))
        .chain(
            c.claims
                .iter()
                .map(|x| ("claim", x.claim.clone(), x.describe())),
        );
    html! {
        <section class="compare-summary" data-testid="compare-summary" data-state="ready"
                 data-same={same.to_string()} aria-label="Differences">
            <p class={classes!("status", if same { "completed" } else { "invalid" })} role="status">
                <span class="dot" />{ headline }
            </p>
            <ul class="differences">
                { for items.map(|(kind, key, words)| html! {
                    <li class={classes!("difference", kind)} data-change={kind} data-key={key}>{ words }</li>
                }) }
            </ul>
        </section>
    }
}
