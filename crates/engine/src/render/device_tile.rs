//! One device of the cluster map: a tile colored by the claim it is bound to, with its name and
//! who holds it, a tooltip (attributes, capacity, taints, every holder with its share), a badge
//! for its taints, a mark for its binding conditions, a gauge per consumable capacity split
//! into each holder's share, and, when several claims hold it without consuming capacity
//! (admin access), a strip with each holder's color.

use super::palette::color_of;
use super::scene::{clip, Group, Hook, Rect, Shape, Text};
use crate::playground::{Analysis, DeviceView, Gauge};

/// Height of a tile without gauges.
pub(super) const TILE_H: f64 = 46.0;
/// Extra height of a tile per capacity gauge.
pub(super) const GAUGE_H: f64 = 16.0;

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
pub(super) fn device_tile(analysis: &Analysis, d: &DeviceView, t: Tile) -> Shape {
    let Tile { x, y, w, h } = t;
    let first = d.allocations.first();
    let status = status(analysis, d);
    let compact = h < TILE_H;
    let name_chars = ((w - 16.0) / 6.9) as usize;
    let (name_y, status_y) = if compact {
        (y + 21.0, y + 21.0)
    } else {
        (y + 19.0, y + 35.0)
    };
    let tile_class = match first {
        Some(u) => format!("tile claimed {}", color_of(analysis, &u.claim)),
        None => "tile".to_owned(),
    };
    let mut children = vec![
        Shape::Rect(Rect {
            x,
            y,
            width: w,
            height: h,
            rx: 7.0,
            class: tile_class,
        }),
        Shape::Text(Text {
            x: x + 8.0,
            y: name_y,
            class: "device-name",
            end: false,
            text: clip(&d.name, if compact { name_chars / 2 } else { name_chars }),
            title: None,
        }),
        Shape::Text(Text {
            x: if compact { x + w - 8.0 } else { x + 8.0 },
            y: status_y,
            class: "device-status",
            end: compact,
            text: clip(&status, name_chars),
            title: None,
        }),
    ];
    children.extend(taint_badge(d, t));
    children.extend(binding_mark(d, t));
    children.extend(holder_strip(analysis, d, t));
    children.extend(
        d.capacity_gauges
            .iter()
            .enumerate()
            .map(|(i, g)| capacity_gauge(analysis, g, x, y + 42.0 + i as f64 * GAUGE_H, w)),
    );
    Shape::Group(Group {
        class: if first.is_some() {
            "device bound".to_owned()
        } else {
            "device".to_owned()
        },
        hook: Hook::Device {
            key: d.key.clone(),
            holders: d
                .allocations
                .iter()
                .map(|u| (u.claim.clone(), u.request.clone()))
                .collect(),
        },
        title: Some(tooltip(d)),
        children,
    })
}

/// A claim's name without its namespace.
fn short(claim: &str) -> &str {
    claim.split_once('/').map_or(claim, |(_, n)| n)
}

/// Who holds the device, in a few words: free, the claim, or how many claims and which.
fn status(analysis: &Analysis, d: &DeviceView) -> String {
    match d.allocations.as_slice() {
        // A whole device whose partitions hold some of its counters cannot be allocated.
        [] if d.whole && counters_in_use(analysis, d) => "free, counters in use".to_owned(),
        [] => "free".to_owned(),
        [u] if u.admin_access => format!("admin: {}", short(&u.claim)),
        [u] => short(&u.claim).to_owned(),
        all => {
            let names: Vec<&str> = all.iter().map(|u| short(&u.claim)).collect();
            format!("{} claims: {}", all.len(), names.join(", "))
        }
    }
}

/// Some counter of the device's counter set is in use.
fn counters_in_use(analysis: &Analysis, d: &DeviceView) -> bool {
    analysis
        .nodes
        .iter()
        .flat_map(|n| &n.pools)
        .filter(|p| p.driver == d.driver && p.name == d.pool)
        .flat_map(|p| &p.counter_sets)
        .filter(|s| d.counter_set.as_deref() == Some(s.name.as_str()))
        .any(|s| s.counters.iter().any(|g| g.fraction > 0.0))
}

/// Everything about the device, one fact a line; every holder with its share.
fn tooltip(d: &DeviceView) -> String {
    let mut tooltip = format!("{}\n", d.key);
    if let Some(reach) = &d.reach {
        tooltip.push_str(&format!("reachable from {reach}\n"));
    }
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
        let consumed: Vec<String> = u
            .consumed
            .iter()
            .map(|c| format!("{} {}", c.name, c.value))
            .collect();
        tooltip.push_str(&format!(
            "→ {} (request {}){}{}{}\n",
            u.claim,
            u.request,
            if u.admin_access { ", admin access" } else { "" },
            if consumed.is_empty() {
                String::new()
            } else {
                format!(", consumes {}", consumed.join(", "))
            },
            if u.preallocated {
                ", allocated before the run"
            } else {
                ""
            },
        ));
    }
    tooltip
}

/// A consumable capacity's gauge: the track, each holder's share in its claim's color (or the
/// whole use, for shares not known), and the numbers.
fn capacity_gauge(analysis: &Analysis, g: &Gauge, x: f64, gy: f64, w: f64) -> Shape {
    let bar_w = w - 16.0;
    let bar = |left: f64, width: f64, class: String| {
        Shape::Rect(Rect {
            x: left,
            y: gy,
            width,
            height: 5.0,
            rx: 2.5,
            class,
        })
    };
    let mut children = vec![bar(x + 8.0, bar_w, "gauge-track".to_owned())];
    if g.shares.is_empty() {
        children.push(bar(x + 8.0, bar_w * g.fraction, "gauge-fill".to_owned()));
    } else {
        let mut left = x + 8.0;
        for share in &g.shares {
            let width = bar_w * share.fraction;
            children.push(bar(
                left,
                width,
                format!("gauge-share {}", color_of(analysis, &share.claim)),
            ));
            left += width;
        }
    }
    children.push(Shape::Text(Text {
        x: x + 8.0,
        y: gy + 14.0,
        class: "cap-text",
        end: false,
        text: format!("{} {}/{}", g.name, g.used, g.total),
        title: None,
    }));
    Shape::Group(Group {
        class: "cap-gauge".to_owned(),
        hook: Hook::None,
        title: Some(format!("{}: {} of {} consumed", g.name, g.used, g.total)),
        children,
    })
}

/// Several holders and no capacity gauge to show their shares (admin access, say): a strip
/// along the tile's bottom, one segment per holder in its claim's color.
fn holder_strip(analysis: &Analysis, d: &DeviceView, Tile { x, y, w, h }: Tile) -> Option<Shape> {
    if d.allocations.len() < 2 || !d.capacity_gauges.is_empty() {
        return None;
    }
    let segment = (w - 16.0) / d.allocations.len() as f64;
    let children = d
        .allocations
        .iter()
        .enumerate()
        .map(|(i, u)| {
            Shape::Rect(Rect {
                x: x + 8.0 + i as f64 * segment,
                y: y + h - 7.0,
                width: segment - 2.0,
                height: 4.0,
                rx: 2.0,
                class: format!("holder {}", color_of(analysis, &u.claim)),
            })
        })
        .collect();
    Some(Shape::Group(Group {
        class: "holders".to_owned(),
        hook: Hook::None,
        title: Some(
            d.allocations
                .iter()
                .map(|u| u.claim.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        children,
    }))
}

/// The first taint's effect in the top right corner, every taint in its tooltip.
fn taint_badge(d: &DeviceView, Tile { x, y, w, .. }: Tile) -> Option<Shape> {
    let first = d.taints.first()?;
    let label = format!("⚠ {}", first.effect);
    let bw = 12.0 + label.chars().count() as f64 * 5.6;
    Some(Shape::Group(Group {
        class: "taint-badge".to_owned(),
        hook: Hook::None,
        title: Some(
            d.taints
                .iter()
                .map(|t| t.text.clone())
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        children: vec![
            Shape::Rect(Rect {
                x: x + w - bw - 4.0,
                y: y + 4.0,
                width: bw,
                height: 14.0,
                rx: 7.0,
                class: String::new(),
            }),
            Shape::Text(Text {
                x: x + w - bw + 2.0,
                y: y + 14.0,
                class: "",
                end: false,
                text: label,
                title: None,
            }),
        ],
    }))
}

/// An hourglass in the bottom right corner when the device has binding conditions.
fn binding_mark(d: &DeviceView, Tile { x, y, w, h }: Tile) -> Option<Shape> {
    if d.binding_conditions.is_empty() {
        return None;
    }
    Some(Shape::Text(Text {
        x: x + w - 8.0,
        y: y + h - 8.0,
        class: "bc-mark",
        end: true,
        text: "⏳".to_owned(),
        title: Some(format!(
            "binding conditions: {}",
            d.binding_conditions.join(", ")
        )),
    }))
}
