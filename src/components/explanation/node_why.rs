//! Why pods did or did not land on a node: for every pod that considered it, the node's
//! verdict and, where the allocator ran, the funnels of the pod's requests on it.

use std::rc::Rc;

use dra_playground_web::worker::explanation_view::ExplanationView;
use yew::prelude::*;

use crate::components::explanation::pod_why::node_item;
use crate::components::explanation::why_link::WhyLink;
use crate::state::selection::Selection;

#[derive(Properties, PartialEq)]
pub struct NodeWhyProps {
    pub explanation: Rc<ExplanationView>,
    /// The node's name.
    pub node: String,
}

#[component(NodeWhy)]
pub fn node_why(props: &NodeWhyProps) -> Html {
    let visits: Vec<_> = props
        .explanation
        .pods
        .iter()
        .filter_map(|p| Some((p, p.nodes.iter().find(|n| n.node == props.node)?)))
        .collect();
    html! {
        <div class="why-node" data-node-explained={props.node.clone()}>
            <p class="why-title"><span class="muted">{ "Node" }</span>{ " " }<strong>{ &props.node }</strong></p>
            <p class="why-summary" data-testid="why-summary">
                { match visits.len() {
                    0 => "No pod got as far as this node.".to_owned(),
                    1 => "One pod considered this node.".to_owned(),
                    n => format!("{n} pods considered this node."),
                } }
            </p>
            { for visits.iter().map(|(pod, node)| html! {
                <section class="why-use">
                    <p class="muted small">{ "pod " }<WhyLink to={Selection::Pod(pod.pod.clone())} /></p>
                    <ul class="why-nodes">{ node_item(node, node.verdict == "chosen", None, None) }</ul>
                </section>
            }) }
        </div>
    }
}
