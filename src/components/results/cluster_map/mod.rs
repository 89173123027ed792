//! The hardware and what was allocated, drawn as SVG: one card per node, laid out by the
//! engine (`dra_engine::render::cards`, the same layout as the static picture of
//! `dra-playground render`) and drawn here with hover and selection on what a reader can point
//! at. Each drawn device carries `data-device="DRIVER/POOL/DEVICE"` and, when bound,
//! `data-claim` and `data-request` (its first holder) and `data-claims` (every holder,
//! space-separated); a device or pod that changed at the moment of the timeline shown has the
//! `changed` class (highlighted, without motion when the reader prefers reduced motion).
//! A cluster of more than [`NODES_PER_PAGE`] nodes is shown a page at a time, with a filter by
//! node name (`list_window`): only the cards shown are laid out and drawn.

use std::collections::HashSet;
use std::rc::Rc;

use dra_engine::playground::Analysis;
use dra_engine::render::{card, scene::Card};
use yew::prelude::*;

use crate::components::results::list_window::use_list_window;
use crate::state::selection::{Related, Selection};

mod scene;

/// The most node cards drawn at once.
pub const NODES_PER_PAGE: usize = 24;

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
    let names: Vec<&str> = props
        .analysis
        .nodes
        .iter()
        .map(|n| n.name.as_str())
        .collect();
    let (window, controls) = use_list_window("nodes", &names, NODES_PER_PAGE);
    // Keyed by the analysis' address: comparing a large analysis costs more than laying out.
    let analysis = props.analysis.clone();
    let cards = use_memo(
        (Rc::as_ptr(&props.analysis) as usize, window.shown.clone()),
        move |(_, shown)| {
            shown
                .iter()
                .map(|&i| card(&analysis, &analysis.nodes[i]))
                .collect::<Vec<Card>>()
        },
    );
    if props.analysis.nodes.is_empty() {
        return html! {
            <p class="empty">{ "No hardware yet: add a ResourceSlice (or use “Add hardware”)." }</p>
        };
    }
    html! {
        <>
            { controls }
            <div class="cluster-map" aria-label="Nodes, pools and devices">
                { for cards.iter().map(|card| node_card(props, card)) }
            </div>
        </>
    }
}

fn node_card(props: &ClusterMapProps, card: &Card) -> Html {
    let num = dra_engine::render::scene::num;
    html! {
        <figure key={card.node.clone()} class={classes!("node-card", card.shared.then_some("shared"))} data-node-card={card.node.clone()}>
            <svg width={num(card.width)} viewBox={format!("0 0 {} {}", num(card.width), num(card.height))} role="group"
                 aria-label={card.label.clone()}>
                { for card.shapes.iter().map(|s| scene::shape(props, s)) }
            </svg>
        </figure>
    }
}
