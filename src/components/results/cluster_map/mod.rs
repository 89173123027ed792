//! The hardware and what was allocated, drawn as SVG: one card per node, laid out by the
//! engine (`dra_engine::render::cards`, the same layout as the static picture of
//! `dra-playground render`) and drawn here with hover and selection on what a reader can point
//! at. Each drawn device carries `data-device="DRIVER/POOL/DEVICE"` and, when bound,
//! `data-claim` and `data-request` (its first holder) and `data-claims` (every holder,
//! space-separated); a device or pod that changed at the moment of the timeline shown has the
//! `changed` class (highlighted, without motion when the reader prefers reduced motion).

use std::collections::HashSet;
use std::rc::Rc;

use dra_engine::playground::Analysis;
use dra_engine::render::{cards, scene::Card};
use yew::prelude::*;

use crate::state::selection::{Related, Selection};

mod scene;

#[derive(Properties, PartialEq)]
pub struct ClusterMapProps {
    pub analysis: Rc<Analysis>,
    pub related: Rc<Related>,
    pub active: bool,
    pub on_hover: Callback<Option<Selection>>,
    pub on_select: Callback<Selection>,
    /// The devices and pods (keys) that changed at the moment shown.
    #[prop_or_default]
    pub changed: Rc<HashSet<String>>,
}

#[component(ClusterMap)]
pub fn cluster_map(props: &ClusterMapProps) -> Html {
    if props.analysis.nodes.is_empty() {
        return html! {
            <p class="empty">{ "No hardware yet: add a ResourceSlice (or use “Add hardware”)." }</p>
        };
    }
    let cards = use_memo(props.analysis.clone(), |a| cards(a));
    html! {
        <div class="cluster-map" aria-label="Nodes, pools and devices">
            { for cards.iter().map(|card| node_card(props, card)) }
        </div>
    }
}

fn node_card(props: &ClusterMapProps, card: &Card) -> Html {
    let num = dra_engine::render::scene::num;
    html! {
        <figure class={classes!("node-card", card.shared.then_some("shared"))} data-node-card={card.node.clone()}>
            <svg width={num(card.width)} viewBox={format!("0 0 {} {}", num(card.width), num(card.height))} role="group"
                 aria-label={card.label.clone()}>
                { for card.shapes.iter().map(|s| scene::shape(props, s)) }
            </svg>
        </figure>
    }
}
