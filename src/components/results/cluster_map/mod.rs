//! The hardware and what was allocated, drawn as SVG: one card per node, its pools, counter sets
//! with gauges and the partitions that use them nested inside, and every device colored by the
//! claim it is bound to. Each drawn device carries `data-device="DRIVER/POOL/DEVICE"` and, when
//! bound, `data-claim` and `data-request`.

use std::rc::Rc;

use dra_engine::playground::{Analysis, CounterSetView, DeviceView, Gauge, NodeView, PoolView};
use yew::prelude::*;

use crate::components::results::item_handlers::item_handlers;
use crate::state::selection::{Related, Selection};
use device_tile::{device_tile, Tile};

mod device_tile;

const WIDTH: f64 = 560.0;
const PAD: f64 = 12.0;
const TILE_W: f64 = 150.0;
const TILE_H: f64 = 46.0;
/// Extra height of a tile per capacity gauge (and once for the gauges' top margin).
const GAP: f64 = 6.0;
const GAUGE_H: f64 = 16.0;

#[derive(Properties, PartialEq)]
pub struct ClusterMapProps {
    pub analysis: Rc<Analysis>,
    pub related: Rc<Related>,
    pub active: bool,
    pub on_hover: Callback<Option<Selection>>,
    pub on_select: Callback<Selection>,
}

#[component(ClusterMap)]
pub fn cluster_map(props: &ClusterMapProps) -> Html {
    if props.analysis.nodes.is_empty() {
        return html! {
            <p class="empty">{ "No hardware yet: add a ResourceSlice (or use “Add hardware”)." }</p>
        };
    }
    html! {
        <div class="cluster-map" aria-label="Nodes, pools and devices">
            { for props.analysis.nodes.iter().map(|node| node_card(props, node)) }
        </div>
    }
}

/// Device tiles in rows within `width`.
fn columns(width: f64) -> usize {
    (((width + GAP) / (TILE_W + GAP)).floor() as usize).max(1)
}

fn grid_height(count: usize, width: f64, tile_h: f64) -> f64 {
    if count == 0 {
        return 0.0;
    }
    let rows = count.div_ceil(columns(width));
    rows as f64 * (tile_h + GAP) - GAP
}

fn tile_height(devices: &[&DeviceView]) -> f64 {
    let gauges = devices
        .iter()
        .map(|d| d.capacity_gauges.len())
        .max()
        .unwrap_or(0);
    TILE_H + gauges as f64 * GAUGE_H + if gauges > 0 { 6.0 } else { 0.0 }
}

struct Builder<'a> {
    props: &'a ClusterMapProps,
    y: f64,
    out: Vec<Html>,
}

impl Builder<'_> {
    fn text(&mut self, x: f64, y: f64, class: &'static str, text: String) {
        self.out.push(
            html! { <text x={x.to_string()} y={y.to_string()} class={class}>{ text }</text> },
        );
    }

    fn gauge(&mut self, x: f64, y: f64, w: f64, g: &Gauge) -> Html {
        let label_w = 70.0;
        let bar_w = (w - label_w - 84.0).max(30.0);
        let fill = (bar_w * g.fraction).max(if g.fraction > 0.0 { 2.0 } else { 0.0 });
        let full = g.fraction >= 0.999;
        html! {
            <g class="gauge" data-gauge={g.name.clone()}>
                <title>{ format!("{}: {} of {} in use", g.name, g.used, g.total) }</title>
                <text x={x.to_string()} y={(y + 11.0).to_string()} class="gauge-label">{ clip(&g.name, 11) }</text>
                <rect x={(x + label_w).to_string()} y={(y + 3.0).to_string()} width={bar_w.to_string()} height="9" rx="4" class="gauge-track" />
                <rect x={(x + label_w).to_string()} y={(y + 3.0).to_string()} width={fill.to_string()} height="9" rx="4" class={classes!("gauge-fill", full.then_some("full"))} />
                <text x={(x + label_w + bar_w + 6.0).to_string()} y={(y + 11.0).to_string()} class="gauge-value">{ format!("{}/{}", g.used, g.total) }</text>
            </g>
        }
    }

    fn devices(&mut self, x: f64, width: f64, devices: &[&DeviceView]) {
        let cols = columns(width);
        let h = tile_height(devices);
        for (i, d) in devices.iter().enumerate() {
            let tx = x + (i % cols) as f64 * (TILE_W + GAP);
            let ty = self.y + (i / cols) as f64 * (h + GAP);
            let tile = device_tile(
                self.props,
                d,
                Tile {
                    x: tx,
                    y: ty,
                    w: TILE_W,
                    h,
                },
            );
            self.out.push(tile);
        }
        self.y += grid_height(devices.len(), width, h);
    }

    fn counter_set(&mut self, x: f64, width: f64, set: &CounterSetView, devices: &[&DeviceView]) {
        let top = self.y;
        let inner_x = x + 10.0;
        let inner_w = width - 20.0;
        let mut body = Vec::new();
        std::mem::swap(&mut body, &mut self.out);
        self.y += 18.0;
        self.text(
            inner_x,
            top + 13.0,
            "set-title",
            format!("counter set {}", set.name),
        );
        for g in &set.counters {
            let gauge = self.gauge(inner_x, self.y, inner_w, g);
            self.out.push(gauge);
            self.y += GAUGE_H;
        }
        self.y += 4.0;
        // The whole device first, full width; its partitions nested below it.
        let (whole, parts): (Vec<&DeviceView>, Vec<&DeviceView>) =
            devices.iter().partition(|d| d.whole);
        for d in &whole {
            let tile = device_tile(
                self.props,
                d,
                Tile {
                    x: inner_x,
                    y: self.y,
                    w: inner_w,
                    h: 34.0,
                },
            );
            self.out.push(tile);
            self.y += 34.0 + GAP;
        }
        if !parts.is_empty() {
            let nest = if whole.is_empty() { 0.0 } else { 14.0 };
            if nest > 0.0 {
                self.out.push(html! {
                    <path d={format!("M{} {} v{}", inner_x + 5.0, self.y - GAP, grid_height(parts.len(), inner_w - nest, tile_height(&parts)) / 2.0 + GAP)} class="nest-line" />
                });
            }
            self.devices(inner_x + nest, inner_w - nest, &parts);
        } else {
            self.y -= GAP;
        }
        self.y += 10.0;
        let inner = std::mem::replace(&mut self.out, body);
        self.out.push(html! {
            <g class="counter-set" data-counter-set={set.name.clone()}>
                <rect x={x.to_string()} y={top.to_string()} width={width.to_string()} height={(self.y - top).to_string()} rx="8" class="set-box" />
                { for inner }
            </g>
        });
    }

    fn pool(&mut self, pool: &PoolView) {
        let x = PAD;
        let width = WIDTH - 2.0 * PAD;
        self.y += 6.0;
        self.text(
            x,
            self.y + 12.0,
            "pool-title",
            format!("{} · pool {}", pool.driver, pool.name),
        );
        self.y += 20.0;
        for set in &pool.counter_sets {
            let members: Vec<&DeviceView> = pool
                .devices
                .iter()
                .filter(|d| d.counter_set.as_deref() == Some(set.name.as_str()))
                .collect();
            self.counter_set(x, width, set, &members);
            self.y += GAP;
        }
        let loose: Vec<&DeviceView> = pool
            .devices
            .iter()
            .filter(|d| {
                d.counter_set
                    .as_deref()
                    .is_none_or(|s| !pool.counter_sets.iter().any(|c| c.name == s))
            })
            .collect();
        self.devices(x, width, &loose);
        self.y += 8.0;
    }
}

/// A name clipped to `max` characters with an ellipsis (SVG text does not wrap).
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

fn node_card(props: &ClusterMapProps, node: &NodeView) -> Html {
    let mut b = Builder {
        props,
        y: 0.0,
        out: Vec::new(),
    };
    let title = if node.shared {
        node.name.clone()
    } else {
        format!("node {}", node.name)
    };
    b.text(PAD, 22.0, "node-title", title);
    if !node.labels.is_empty() {
        let labels = node
            .labels
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(", ");
        b.out.push(html! {
            <text x={(WIDTH - PAD).to_string()} y="22" class="node-labels" text-anchor="end">
                <title>{ labels.clone() }</title>
                { format!("{} label{}", node.labels.len(), if node.labels.len() == 1 { "" } else { "s" }) }
            </text>
        });
    }
    b.y = 32.0;
    // Pods that landed here, as chips.
    if !node.pods.is_empty() {
        let mut x = PAD;
        let mut y = b.y;
        for pod in &node.pods {
            let name = pod.split_once('/').map_or(pod.as_str(), |(_, n)| n);
            let label = clip(name, 22);
            let w = 18.0 + label.chars().count() as f64 * 6.6;
            if x + w > WIDTH - PAD && x > PAD {
                x = PAD;
                y += 24.0;
            }
            let related = props.related.pods.contains(pod);
            let sel = Selection::Pod(pod.clone());
            let (hover, leave, click) = item_handlers(&props.on_hover, &props.on_select, sel);
            b.out.push(html! {
                <g class={classes!("pod-chip", related.then_some("related"), (props.active && !related).then_some("dim"))}
                   data-pod-chip={pod.clone()} onmouseenter={hover} onmouseleave={leave} onclick={click}>
                    <title>{ format!("pod {pod} runs here") }</title>
                    <rect x={x.to_string()} y={y.to_string()} width={w.to_string()} height="20" rx="10" />
                    <text x={(x + 9.0).to_string()} y={(y + 14.0).to_string()}>{ label }</text>
                </g>
            });
            x += w + 6.0;
        }
        b.y = y + 28.0;
    }
    for pool in &node.pools {
        b.pool(pool);
    }
    if node.pools.is_empty() {
        b.text(PAD, b.y + 14.0, "muted-text", "no devices".to_owned());
        b.y += 24.0;
    }
    let height = b.y + 6.0;
    html! {
        <figure class={classes!("node-card", node.shared.then_some("shared"))} data-node-card={node.name.clone()}>
            <svg width={WIDTH.to_string()} viewBox={format!("0 0 {WIDTH} {height}")} role="group"
                 aria-label={format!("{}: {} pools", node.name, node.pools.len())}>
                { for b.out }
            </svg>
        </figure>
    }
}
