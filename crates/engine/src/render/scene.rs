//! The drawing vocabulary of the cluster map: SVG's rectangles, texts, paths and groups, with
//! their CSS classes, and on the groups a reader (or a tool) points at, what they stand for.
//! The web app turns a scene into Yew's SVG elements (adding hover, selection and keys to the
//! groups with a [`Hook`]); [`super::svg`] writes it as SVG text.

/// One element of a drawing.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// A rectangle.
    Rect(Rect),
    /// A line of text.
    Text(Text),
    /// A path (`d` in SVG's path syntax).
    Path(Path),
    /// Shapes that belong together.
    Group(Group),
}

/// A rectangle with rounded corners.
#[derive(Clone, Debug, PartialEq)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
    /// Corner radius.
    pub rx: f64,
    /// CSS classes, space-separated.
    pub class: String,
}

/// A line of text; it does not wrap.
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    /// Where the text starts (or ends, with `end`).
    pub x: f64,
    /// The baseline.
    pub y: f64,
    /// CSS class.
    pub class: &'static str,
    /// Anchored at its end (`text-anchor="end"`).
    pub end: bool,
    /// The text.
    pub text: String,
    /// A tooltip (SVG `<title>`).
    pub title: Option<String>,
}

/// A path.
#[derive(Clone, Debug, PartialEq)]
pub struct Path {
    /// The path data.
    pub d: String,
    /// CSS class.
    pub class: &'static str,
}

/// A group of shapes with a tooltip and, for what a reader can point at, a [`Hook`].
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// CSS classes, space-separated.
    pub class: String,
    /// What the group stands for.
    pub hook: Hook,
    /// A tooltip (SVG `<title>`, the group's first child). With the words the group shows, it
    /// is what a screen reader names a selectable group by (no `aria-label`: axe requires a
    /// name that contains the visible text, and clipped names would not).
    pub title: Option<String>,
    /// The shapes, in drawing order.
    pub children: Vec<Shape>,
}

/// What a group stands for, which gives it its `data-` attributes (for tools and tests) and,
/// in the web app, its hover and selection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hook {
    /// Nothing to point at.
    None,
    /// A device: `data-device`, and when it is allocated `data-claim` and `data-request` (its
    /// first holder) and `data-claims` (every holder, space-separated).
    Device {
        /// `DRIVER/POOL/DEVICE`.
        key: String,
        /// Its holders, in the order of the claims: (claim `NAMESPACE/NAME`, request).
        holders: Vec<(String, String)>,
    },
    /// A pod drawn on its node: `data-pod-chip`.
    Pod(String),
    /// A counter set: `data-counter-set`.
    CounterSet(String),
    /// A counter's gauge: `data-gauge`.
    Gauge(String),
}

impl Hook {
    /// The `data-` attributes of a group with this hook, as (name, value).
    pub fn data_attributes(&self) -> Vec<(&'static str, String)> {
        match self {
            Hook::None => Vec::new(),
            Hook::Device { key, holders } => {
                let mut attributes = vec![("data-device", key.clone())];
                if let Some((claim, request)) = holders.first() {
                    attributes.push(("data-claim", claim.clone()));
                    attributes.push(("data-request", request.clone()));
                    let claims: Vec<&str> = holders.iter().map(|(c, _)| c.as_str()).collect();
                    attributes.push(("data-claims", claims.join(" ")));
                }
                attributes
            }
            Hook::Pod(pod) => vec![("data-pod-chip", pod.clone())],
            Hook::CounterSet(name) => vec![("data-counter-set", name.clone())],
            Hook::Gauge(name) => vec![("data-gauge", name.clone())],
        }
    }
}

/// One node's card: its title, pods, pools and devices, drawn in its own coordinates.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    /// The node's name (the description of the group of devices shared by several nodes).
    pub node: String,
    /// True for the group of devices available to several nodes.
    pub shared: bool,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
    /// Words for screen readers.
    pub label: String,
    /// The shapes, in drawing order.
    pub shapes: Vec<Shape>,
}

/// A coordinate or length as SVG gets it: at most two decimals, without trailing zeros, so
/// that the same drawing is always the same text.
pub fn num(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    // -0 prints as 0.
    let mut text = format!("{:.2}", rounded + 0.0);
    while text.ends_with('0') {
        text.pop();
    }
    if text.ends_with('.') {
        text.pop();
    }
    if text == "-0" {
        text = "0".to_owned();
    }
    text
}

/// A name clipped to `max` characters with an ellipsis (SVG text does not wrap).
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(13.5), "13.5");
        assert_eq!(num(0.1 + 0.2), "0.3");
        assert_eq!(num(2.0 / 3.0), "0.67");
        assert_eq!(num(-0.001), "0");
    }

    #[test]
    fn long_names_are_clipped() {
        assert_eq!(clip("gpu-0", 8), "gpu-0");
        assert_eq!(clip("a-very-long-name", 8), "a-very-…");
    }

    #[test]
    fn a_shared_device_names_every_holder() {
        let hook = Hook::Device {
            key: "nic.example.com/node-1/nic-0".into(),
            holders: vec![
                ("default/a".into(), "net".into()),
                ("default/b".into(), "net".into()),
            ],
        };
        assert_eq!(
            hook.data_attributes(),
            vec![
                ("data-device", "nic.example.com/node-1/nic-0".to_owned()),
                ("data-claim", "default/a".to_owned()),
                ("data-request", "net".to_owned()),
                ("data-claims", "default/a default/b".to_owned()),
            ]
        );
    }
}
