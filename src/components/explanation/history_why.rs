//! Why a pod or a claim that the first moment does not hold is where it is: such an object
//! comes later on the timeline (a replacement pod, a claim made for it), so the first moment's
//! explanation cannot speak of it. What the timeline says happened to it is listed instead,
//! each change a link to its own explanation.

use std::rc::Rc;

use dra_engine::timeline::object_name;
use dra_playground_web::worker::timeline_view::TimelineView;
use yew::prelude::*;

use crate::components::explanation::event_why::kind_words;
use crate::components::explanation::why_link::WhyLink;
use crate::state::selection::Selection;

#[derive(Properties, PartialEq)]
pub struct HistoryWhyProps {
    /// The run's timeline, if the scenario has steps.
    pub timeline: Option<Rc<TimelineView>>,
    /// The object as the timeline names it ([`timeline_name`]).
    pub object: AttrValue,
}

/// The timeline's name of a selected object ([`object_name`]); a device is named by its id,
/// which no change names.
pub fn timeline_name(selected: &Selection) -> String {
    match selected {
        Selection::Pod(key) => object_name("Pod", key),
        Selection::Claim(key) | Selection::Request(key, _) => object_name("ResourceClaim", key),
        Selection::Node(key) => object_name("Node", key),
        Selection::Device(key) => format!("device {key}"),
        Selection::Event(moment, event) => format!("change {event} of moment {moment}"),
    }
}

#[component(HistoryWhy)]
pub fn history_why(props: &HistoryWhyProps) -> Html {
    let changes: Vec<Html> = props
        .timeline
        .iter()
        .flat_map(|t| t.moments.iter().enumerate())
        .flat_map(|(m, moment)| {
            moment
                .events
                .iter()
                .enumerate()
                .filter(|(_, e)| e.object == props.object.as_str())
                .map(move |(i, e)| {
                    let label = AttrValue::from(format!("{} {}", e.time, kind_words(&e.kind)));
                    html! {
                        <li data-event-kind={e.kind.clone()}>
                            <WhyLink to={Selection::Event(m, i)} {label} />
                            { format!(" (step {}): {}", moment.name, e.message) }
                        </li>
                    }
                })
        })
        .collect();
    if changes.is_empty() {
        return html! {
            <p class="muted" data-testid="not-in-run">
                { format!("{} is not in this run: nothing explains it.", props.object) }
            </p>
        };
    }
    html! {
        <div class="why-history" data-testid="why-history">
            <p class="why-summary">
                { format!("{} is not in the first moment: it comes later on the timeline. What happened to it:", props.object) }
            </p>
            <ol class="timeline-events">{ changes }</ol>
        </div>
    }
}
