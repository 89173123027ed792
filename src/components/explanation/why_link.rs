//! Names in the explanation panel that select what they name: a claim, a request, a pod, a
//! node or a device. Each is a real button (focusable, with an accessible label) that hands
//! its selection to the panel's [`Navigate`] context. Links carry `data-link` (the kind) and
//! `data-key`, never the `data-device`/`data-pod`/... attributes of drawn items.

use dra_engine::explain::NAMES_SHOWN;
use yew::prelude::*;

use crate::state::selection::Selection;

/// What a link in the panel calls: selects what it names (provided by the panel).
#[derive(Clone, PartialEq)]
pub struct Navigate(pub Callback<Selection>);

#[derive(Properties, PartialEq)]
pub struct WhyLinkProps {
    /// What the link selects.
    pub to: Selection,
    /// The words shown; the selection's key when None.
    #[prop_or_default]
    pub label: Option<AttrValue>,
}

/// The kind of a selection, for `data-link` and the label.
fn kind(s: &Selection) -> &'static str {
    match s {
        Selection::Device(_) => "device",
        Selection::Claim(_) => "claim",
        Selection::Request(..) => "request",
        Selection::Pod(_) => "pod",
        Selection::Node(_) => "node",
        Selection::Event(..) => "event",
    }
}

/// The key of a selection (a request: its claim's), for `data-key` and the default label.
fn key(s: &Selection) -> String {
    match s {
        Selection::Device(k)
        | Selection::Claim(k)
        | Selection::Request(k, _)
        | Selection::Pod(k)
        | Selection::Node(k) => k.clone(),
        Selection::Event(moment, event) => format!("{moment}/{event}"),
    }
}

/// A name that selects what it names.
#[component(WhyLink)]
pub fn why_link(props: &WhyLinkProps) -> Html {
    let navigate = use_context::<Navigate>();
    let to = props.to.clone();
    let onclick = Callback::from(move |e: MouseEvent| {
        e.stop_propagation();
        if let Some(Navigate(go)) = &navigate {
            go.emit(to.clone());
        }
    });
    let kind = kind(&props.to);
    let key = key(&props.to);
    let request = match &props.to {
        Selection::Request(_, r) => Some(r.clone()),
        _ => None,
    };
    let aria = match &request {
        Some(r) => format!("Select request {r} of claim {key}"),
        None => format!("Select {kind} {key}"),
    };
    let label = props.label.clone().unwrap_or_else(|| {
        AttrValue::from(match &request {
            Some(r) => r.clone(),
            None => key.clone(),
        })
    });
    html! {
        <button type="button" class="why-link" data-link={kind} data-key={key}
                data-request-name={request} aria-label={aria} {onclick}>
            { label }
        </button>
    }
}

/// Device keys as links, comma-separated, with `…` when `total` is more than are named (the
/// linked form of `dra_engine::explain::name_list`).
pub fn device_links(keys: &[String], total: usize) -> Html {
    html! {
        <>
            { for keys.iter().take(NAMES_SHOWN).enumerate().map(|(i, k)| html! {
                <>
                    if i > 0 { { ", " } }
                    <WhyLink to={Selection::Device(k.clone())} />
                </>
            }) }
            if total > NAMES_SHOWN.min(keys.len()) { { ", …" } }
        </>
    }
}
