//! The track: every lesson with what it teaches, solved ones marked; a click opens one.

use std::rc::Rc;

use dra_playground_web::worker::messages::TrackEntry;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TrackListProps {
    /// The lessons in order.
    pub track: Rc<Vec<TrackEntry>>,
    /// The names of the lessons solved.
    pub solved: Vec<String>,
    /// Opens a lesson.
    pub on_open: Callback<String>,
}

#[component(TrackList)]
pub fn track_list(props: &TrackListProps) -> Html {
    html! {
        <ol class="track" aria-label="Lessons" data-testid="lesson-track">
            { for props.track.iter().map(|t| {
                let solved = props.solved.contains(&t.name);
                let name = t.name.clone();
                let open = props.on_open.reform(move |_: MouseEvent| name.clone());
                html! {
                    <li data-lesson={t.name.clone()} data-solved={solved.to_string()}>
                        <button class="track-item" onclick={open}>
                            <span class="track-title">{ t.title.clone() }</span>
                            if solved { <span class="track-solved">{ " ✓ solved" }</span> }
                        </button>
                        <span class="track-summary">{ t.summary.clone() }</span>
                    </li>
                }
            }) }
        </ol>
    }
}
