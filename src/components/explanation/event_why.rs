//! Why a change on the timeline happened: what changed, to what and when, the reason the run
//! gave for it, the rule of the controller or the scheduler that made it, and what followed
//! from it at the same moment (an eviction, then the claim deleted, the replacement pod made and
//! scheduled). All of it comes with the run's timeline: nothing is computed here.

use std::rc::Rc;

use dra_playground_web::worker::timeline_view::{EventView, TimelineView};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EventWhyProps {
    /// The run's timeline.
    pub timeline: Rc<TimelineView>,
    /// The moment's position.
    pub moment: usize,
    /// The change's position among the moment's events.
    pub event: usize,
}

/// A change's kind in words (`BindingFailed` → `binding failed`).
pub fn kind_words(kind: &str) -> String {
    let mut words = String::new();
    for (i, c) in kind.char_indices() {
        if c.is_uppercase() && i > 0 {
            words.push(' ');
        }
        words.extend(c.to_lowercase());
    }
    words
}

fn line(e: &EventView) -> Html {
    html! {
        <li data-event-kind={e.kind.clone()}>
            <span class="timeline-time">{ &e.time }</span>{ " " }<strong>{ &e.object }</strong>{ ": " }{ &e.message }
        </li>
    }
}

#[component(EventWhy)]
pub fn event_why(props: &EventWhyProps) -> Html {
    let Some(moment) = props.timeline.moments.get(props.moment) else {
        return html! { <p class="muted">{ "This change is no longer on the timeline (the scenario changed)." }</p> };
    };
    let Some(event) = moment.events.get(props.event) else {
        return html! { <p class="muted">{ "This change is no longer on the timeline (the scenario changed)." }</p> };
    };
    let after = &moment.events[props.event + 1..];
    html! {
        <div class="why-event" data-event-explained={event.kind.clone()} data-object={event.object.clone()}>
            <p class="why-title">
                <strong>{ &event.object }</strong>{ " " }{ kind_words(&event.kind) }
                <span class="muted">{ format!(" at {}, step {}", event.time, moment.name) }</span>
            </p>
            <p class="why-summary" data-testid="why-summary">{ &event.message }</p>
            <h3 class="why-subhead">{ "The rule" }</h3>
            <p class="why-rule" data-testid="why-rule">{ &event.rule }</p>
            if !after.is_empty() {
                <h3 class="why-subhead">{ "What followed at this moment" }</h3>
                <ol class="timeline-events why-followed">{ for after.iter().map(line) }</ol>
            }
        </div>
    }
}
