//! The cluster map's layout: one card per node (and one for the devices several nodes share),
//! with its pods, its pools, counter sets with gauges and the partitions that use them nested
//! inside, and every device as a tile. Tiles flow in rows within the card's width.

use super::device_tile::{device_tile, Tile, GAUGE_H, TILE_H};
use super::scene::{clip, num, Card, Group, Hook, Path, Rect, Shape, Text};
use crate::playground::{Analysis, CounterSetView, DeviceView, Gauge, NodeView, PoolView};

/// A card's width.
pub const CARD_WIDTH: f64 = 560.0;
const PAD: f64 = 12.0;
const TILE_W: f64 = 150.0;
/// The gap between tiles (and once above the gauges of a tile).
const GAP: f64 = 6.0;

/// The cards of every node of the analysis, in its order.
pub fn cards(analysis: &Analysis) -> Vec<Card> {
    analysis
        .nodes
        .iter()
        .map(|node| card(analysis, node))
        .collect()
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
    TILE_H + gauges as f64 * GAUGE_H + if gauges > 0 { GAP } else { 0.0 }
}

fn text(x: f64, y: f64, class: &'static str, text: String) -> Shape {
    Shape::Text(Text {
        x,
        y,
        class,
        end: false,
        text,
        title: None,
    })
}

/// A card's shapes, laid out from the top.
struct Builder<'a> {
    analysis: &'a Analysis,
    y: f64,
    out: Vec<Shape>,
}

impl Builder<'_> {
    fn gauge(&self, x: f64, y: f64, w: f64, g: &Gauge) -> Shape {
        let label_w = 70.0;
        let bar_w = (w - label_w - 84.0).max(30.0);
        let fill = (bar_w * g.fraction).max(if g.fraction > 0.0 { 2.0 } else { 0.0 });
        let full = g.fraction >= 0.999;
        Shape::Group(Group {
            class: "gauge".to_owned(),
            hook: Hook::Gauge(g.name.clone()),
            title: Some(format!("{}: {} of {} in use", g.name, g.used, g.total)),
            children: vec![
                text(x, y + 11.0, "gauge-label", clip(&g.name, 11)),
                Shape::Rect(Rect {
                    x: x + label_w,
                    y: y + 3.0,
                    width: bar_w,
                    height: 9.0,
                    rx: 4.0,
                    class: "gauge-track".to_owned(),
                }),
                Shape::Rect(Rect {
                    x: x + label_w,
                    y: y + 3.0,
                    width: fill,
                    height: 9.0,
                    rx: 4.0,
                    class: if full {
                        "gauge-fill full".to_owned()
                    } else {
                        "gauge-fill".to_owned()
                    },
                }),
                text(
                    x + label_w + bar_w + 6.0,
                    y + 11.0,
                    "gauge-value",
                    format!("{}/{}", g.used, g.total),
                ),
            ],
        })
    }

    fn devices(&mut self, x: f64, width: f64, devices: &[&DeviceView]) {
        let cols = columns(width);
        let h = tile_height(devices);
        for (i, d) in devices.iter().enumerate() {
            let tile = Tile {
                x: x + (i % cols) as f64 * (TILE_W + GAP),
                y: self.y + (i / cols) as f64 * (h + GAP),
                w: TILE_W,
                h,
            };
            self.out.push(device_tile(self.analysis, d, tile));
        }
        self.y += grid_height(devices.len(), width, h);
    }

    fn counter_set(&mut self, x: f64, width: f64, set: &CounterSetView, devices: &[&DeviceView]) {
        let top = self.y;
        let inner_x = x + 10.0;
        let inner_w = width - 20.0;
        let outside = std::mem::take(&mut self.out);
        self.y += 18.0;
        self.out.push(text(
            inner_x,
            top + 13.0,
            "set-title",
            format!("counter set {}", set.name),
        ));
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
            let tile = Tile {
                x: inner_x,
                y: self.y,
                w: inner_w,
                h: 34.0,
            };
            self.out.push(device_tile(self.analysis, d, tile));
            self.y += 34.0 + GAP;
        }
        if !parts.is_empty() {
            let nest = if whole.is_empty() { 0.0 } else { 14.0 };
            if nest > 0.0 {
                let length = grid_height(parts.len(), inner_w - nest, tile_height(&parts)) / 2.0;
                self.out.push(Shape::Path(Path {
                    d: format!(
                        "M{} {} v{}",
                        num(inner_x + 5.0),
                        num(self.y - GAP),
                        num(length + GAP)
                    ),
                    class: "nest-line",
                }));
            }
            self.devices(inner_x + nest, inner_w - nest, &parts);
        } else {
            self.y -= GAP;
        }
        self.y += 10.0;
        let inner = std::mem::replace(&mut self.out, outside);
        let mut children = vec![Shape::Rect(Rect {
            x,
            y: top,
            width,
            height: self.y - top,
            rx: 8.0,
            class: "set-box".to_owned(),
        })];
        children.extend(inner);
        self.out.push(Shape::Group(Group {
            class: "counter-set".to_owned(),
            hook: Hook::CounterSet(set.name.clone()),
            title: None,
            children,
        }));
    }

    fn pool(&mut self, pool: &PoolView) {
        let x = PAD;
        let width = CARD_WIDTH - 2.0 * PAD;
        self.y += 6.0;
        self.out.push(text(
            x,
            self.y + 12.0,
            "pool-title",
            format!("{} · pool {}", pool.driver, pool.name),
        ));
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

    /// The pods that landed on the node, as chips in rows.
    fn pods(&mut self, node: &NodeView) {
        if node.pods.is_empty() {
            return;
        }
        let mut x = PAD;
        let mut y = self.y;
        for pod in &node.pods {
            let name = pod.split_once('/').map_or(pod.as_str(), |(_, n)| n);
            let label = clip(name, 22);
            let w = 18.0 + label.chars().count() as f64 * 6.6;
            if x + w > CARD_WIDTH - PAD && x > PAD {
                x = PAD;
                y += 24.0;
            }
            self.out.push(Shape::Group(Group {
                class: "pod-chip".to_owned(),
                hook: Hook::Pod(pod.clone()),
                title: Some(format!("pod {pod} runs here")),
                children: vec![
                    Shape::Rect(Rect {
                        x,
                        y,
                        width: w,
                        height: 20.0,
                        rx: 10.0,
                        class: String::new(),
                    }),
                    text(x + 9.0, y + 14.0, "", label),
                ],
            }));
            x += w + 6.0;
        }
        self.y = y + 28.0;
    }
}

/// The card of one node of the analysis (the web app lays out only the nodes it shows).
pub fn card(analysis: &Analysis, node: &NodeView) -> Card {
    let mut b = Builder {
        analysis,
        y: 0.0,
        out: Vec::new(),
    };
    let title = if node.shared {
        node.name.clone()
    } else {
        format!("node {}", node.name)
    };
    b.out.push(text(PAD, 22.0, "node-title", title));
    if !node.labels.is_empty() {
        let labels = node
            .labels
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(", ");
        b.out.push(Shape::Text(Text {
            x: CARD_WIDTH - PAD,
            y: 22.0,
            class: "node-labels",
            end: true,
            text: format!(
                "{} label{}",
                node.labels.len(),
                if node.labels.len() == 1 { "" } else { "s" }
            ),
            title: Some(labels),
        }));
    }
    b.y = 32.0;
    b.pods(node);
    for pool in &node.pools {
        b.pool(pool);
    }
    if node.pools.is_empty() {
        b.out
            .push(text(PAD, b.y + 14.0, "muted-text", "no devices".to_owned()));
        b.y += 24.0;
    }
    Card {
        node: node.name.clone(),
        shared: node.shared,
        width: CARD_WIDTH,
        height: b.y + 6.0,
        label: format!("{}: {} pools", node.name, node.pools.len()),
        shapes: b.out,
    }
}
