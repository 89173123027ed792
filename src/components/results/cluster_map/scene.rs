//! The engine's scene of a card as Yew's SVG elements: every shape as it is, and on the groups
//! that stand for a device or a pod, what the page adds: hover and selection handlers, keyboard
//! focus, the `related`/`dim` classes of the current selection, and `changed` on what changed at
//! the moment of the timeline shown.

use dra_engine::render::scene::{num, Group, Hook, Shape};
use yew::prelude::*;

use super::ClusterMapProps;
use crate::components::results::item_handlers::item_handlers;
use crate::state::selection::Selection;

/// A class attribute, none when empty.
fn class(class: &str) -> Option<AttrValue> {
    (!class.is_empty()).then(|| AttrValue::from(class.to_owned()))
}

/// One shape.
pub(super) fn shape(props: &ClusterMapProps, shape: &Shape) -> Html {
    match shape {
        Shape::Rect(r) => html! {
            <rect x={num(r.x)} y={num(r.y)} width={num(r.width.max(0.0))} height={num(r.height.max(0.0))}
                  rx={num(r.rx)} class={class(&r.class)} />
        },
        Shape::Text(t) => html! {
            <text x={num(t.x)} y={num(t.y)} class={class(t.class)} text-anchor={t.end.then_some("end")}>
                if let Some(title) = &t.title { <title>{ title.clone() }</title> }
                { t.text.clone() }
            </text>
        },
        Shape::Path(p) => html! { <path d={p.d.clone()} class={class(p.class)} /> },
        Shape::Group(g) => group(props, g),
    }
}

/// A group, with the page's behaviour when it stands for a device or a pod.
fn group(props: &ClusterMapProps, g: &Group) -> Html {
    let selection = match &g.hook {
        Hook::Device { key, .. } => Some(Selection::Device(key.clone())),
        Hook::Pod(key) => Some(Selection::Pod(key.clone())),
        _ => None,
    };
    let related = match &g.hook {
        Hook::Device { key, .. } => props.related.devices.contains(key),
        Hook::Pod(key) => props.related.pods.contains(key),
        _ => false,
    };
    let changed = match &g.hook {
        Hook::Device { key, .. } | Hook::Pod(key) => props.changed.contains(key),
        _ => false,
    };
    let interactive = selection.is_some();
    let dim = interactive && props.active && !related;
    let classes = classes!(
        g.class.clone(),
        related.then_some("related"),
        dim.then_some("dim"),
        changed.then_some("changed")
    );
    let data = g.hook.data_attributes();
    let attribute = |name: &str| {
        data.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| AttrValue::from(v.clone()))
    };
    let (enter, leave, click) = match selection {
        Some(s) => {
            let (enter, leave, click) = item_handlers(&props.on_hover, &props.on_select, s);
            (Some(enter), Some(leave), Some(click))
        }
        None => (None, None, None),
    };
    let focusable = matches!(g.hook, Hook::Device { .. });
    html! {
        <g class={classes}
           data-device={attribute("data-device")}
           data-claim={attribute("data-claim")}
           data-request={attribute("data-request")}
           data-claims={attribute("data-claims")}
           data-pod-chip={attribute("data-pod-chip")}
           data-counter-set={attribute("data-counter-set")}
           data-gauge={attribute("data-gauge")}
           tabindex={focusable.then_some("0")} role={focusable.then_some("button")}
           onmouseenter={enter} onmouseleave={leave} onclick={click}>
            if let Some(title) = &g.title { <title>{ title.clone() }</title> }
            { for g.children.iter().map(|s| shape(props, s)) }
        </g>
    }
}
