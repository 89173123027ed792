//! One device of the cluster map: a tile colored by the claim it is bound to, with its name and
//! status, a tooltip (attributes, capacity, taints, who holds it), a badge for its taints, a
//! mark for its binding conditions, and a gauge per consumable capacity. The tile carries
//! `data-device` and, when bound, `data-claim` and `data-request`.

use dra_engine::playground::DeviceView;
use yew::prelude::*;

use super::{clip, ClusterMapProps, GAUGE_H, TILE_H};
use crate::components::results::colors::color_of;
use crate::components::results::item_handlers::item_handlers;
use crate::state::selection::Selection;

/// Where a tile is drawn.
#[derive(Clone, Copy)]
pub(super) struct Tile {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

/// The tile of device `d`.
pub(super) fn device_tile(props: &ClusterMapProps, d: &DeviceView, t: Tile) -> Html {
    let Tile { x, y, w, h } = t;
    let first = d.allocations.first();
    let color = first.map(|u| color_of(&props.analysis, &u.claim));
    let related = props.related.devices.contains(&d.key);
    let dim = props.active && !related;
    let (hover, leave, click) = item_handlers(
        &props.on_hover,
        &props.on_select,
        Selection::Device(d.key.clone()),
    );
    let status = status(props, d);
    let compact = h < TILE_H;
    let name_chars = ((w - 16.0) / 6.9) as usize;
    let shown_name = clip(&d.name, if compact { name_chars / 2 } else { name_chars });
    let shown_status = clip(&status, name_chars);
    let (name_y, status_y) = if compact {
        (y + 21.0, y + 21.0)
    } else {
        (y + 19.0, y + 35.0)
    };
    html! {
        <g class={classes!("device", first.is_some().then_some("bound"), related.then_some("related"), dim.then_some("dim"))}
           data-device={d.key.clone()}
           data-claim={first.map(|u| u.claim.clone())}
           data-request={first.map(|u| u.request.clone())}
           tabindex="0" role="button"
           // Named by what it holds: its tooltip (the key, attributes, holders) and the words
           // shown, so the name read out is never other than what is seen.
           onmouseenter={hover} onmouseleave={leave} onclick={click}>
            <title>{ tooltip(d) }</title>
            <rect x={x.to_string()} y={y.to_string()} width={w.to_string()} height={h.to_string()} rx="7"
                  class={classes!("tile", color.map(|c| ["claimed", c]))} />
            <text x={(x + 8.0).to_string()} y={name_y.to_string()} class="device-name">{ shown_name }</text>
            <text x={if compact { (x + w - 8.0).to_string() } else { (x + 8.0).to_string() }} y={status_y.to_string()}
                  class="device-status" text-anchor={if compact { "end" } else { "start" }}>{ shown_status }</text>
            { taint_badge(d, t) }
            { binding_mark(d, t) }
            { for capacity_gauges(d, t) }
        </g>
    }
}

/// Who holds the device, in a few words: free, the claim, or how many claims.
fn status(props: &ClusterMapProps, d: &DeviceView) -> String {
    match d.allocations.len() {
        // A whole device whose partitions hold some of its counters cannot be allocated.
        0 if d.whole && counters_in_use(props, d) => "free, counters in use".to_owned(),
        0 => "free".to_owned(),
        1 => {
            let u = &d.allocations[0];
            let name = u.claim.split_once('/').map_or(u.claim.as_str(), |(_, n)| n);
            if u.admin_access {
                format!("admin: {name}")
            } else {
                name.to_owned()
            }
        }
        n => format!("{n} claims"),
    }
}

/// Some counter of the device's counter set is in use.
fn counters_in_use(props: &ClusterMapProps, d: &DeviceView) -> bool {
    props
        .analysis
        .nodes
        .iter()
        .flat_map(|n| &n.pools)
        .filter(|p| p.driver == d.driver && p.name == d.pool)
        .flat_map(|p| &p.counter_sets)
        .filter(|s| d.counter_set.as_deref() == Some(s.name.as_str()))
        .any(|s| s.counters.iter().any(|g| g.fraction > 0.0))
}

/// Everything about the device, one fact a line.
fn tooltip(d: &DeviceView) -> String {
    let mut tooltip = format!("{}\n", d.key);
    for a in &d.attributes {
        tooltip.push_str(&format!("{} = {}\n", a.name, a.value));
    }
    for c in &d.capacity {
        tooltip.push_str(&format!("capacity {} = {}\n", c.name, c.value));
    }
    for t in &d.taints {
        tooltip.push_str(&format!("taint {}\n", t.text));
    }
    for u in &d.allocations {
        tooltip.push_str(&format!(
            "→ {} (request {}){}{}\n",
            u.claim,
            u.request,
            if u.admin_access { ", admin access" } else { "" },
            if u.preallocated {
                ", allocated before the run"
            } else {
                ""
            },
        ));
    }
    tooltip
}

/// A gauge per consumable capacity, under the name and status.
fn capacity_gauges(d: &DeviceView, Tile { x, y, w, .. }: Tile) -> Vec<Html> {
    d.capacity_gauges
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let gy = y + 42.0 + i as f64 * GAUGE_H;
            let bar_w = w - 16.0;
            let fill = bar_w * g.fraction;
            html! {
                <g class="cap-gauge">
                    <title>{ format!("{}: {} of {} consumed", g.name, g.used, g.total) }</title>
                    <rect x={(x + 8.0).to_string()} y={gy.to_string()} width={bar_w.to_string()} height="5" rx="2.5" class="gauge-track" />
                    <rect x={(x + 8.0).to_string()} y={gy.to_string()} width={fill.to_string()} height="5" rx="2.5" class="gauge-fill" />
                    <text x={(x + 8.0).to_string()} y={(gy + 14.0).to_string()} class="cap-text">{ format!("{} {}/{}", g.name, g.used, g.total) }</text>
                </g>
            }
        })
        .collect()
}

/// The first taint's effect in the top right corner, every taint in its tooltip.
fn taint_badge(d: &DeviceView, Tile { x, y, w, .. }: Tile) -> Html {
    let Some(first) = d.taints.first() else {
        return html! {};
    };
    let label = format!("⚠ {}", first.effect);
    let bw = 12.0 + label.chars().count() as f64 * 5.6;
    html! {
        <g class="taint-badge">
            <title>{ d.taints.iter().map(|t| t.text.clone()).collect::<Vec<_>>().join("\n") }</title>
            <rect x={(x + w - bw - 4.0).to_string()} y={(y + 4.0).to_string()} width={bw.to_string()} height="14" rx="7" />
            <text x={(x + w - bw + 2.0).to_string()} y={(y + 14.0).to_string()}>{ label }</text>
        </g>
    }
}

/// An hourglass in the bottom right corner when the device has binding conditions.
fn binding_mark(d: &DeviceView, Tile { x, y, w, h }: Tile) -> Html {
    if d.binding_conditions.is_empty() {
        return html! {};
    }
    html! {
        <text x={(x + w - 8.0).to_string()} y={(y + h - 8.0).to_string()} text-anchor="end" class="bc-mark">
            <title>{ format!("binding conditions: {}", d.binding_conditions.join(", ")) }</title>
            { "⏳" }
        </text>
    }
}
