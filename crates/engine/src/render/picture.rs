//! The static picture of a run (`dra-playground render`, the web app's "Download image"): a
//! title and the status line, every pod with its node or why not, the problems when nothing
//! ran, and the cluster map's cards one under the other, as one SVG document whose text stays
//! text. Its `<title>` and `<desc>` say in words what it shows, for screen readers and search.

use super::map::{cards, CARD_WIDTH};
use super::palette::color_of;
use super::scene::{clip, num, Rect, Shape, Text};
use super::svg::{escape, write_shapes};
use crate::playground::{Analysis, Outcome};

/// What the picture is titled.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PictureOptions {
    /// The title at its top (and in its `<title>`).
    pub title: String,
}

const MARGIN: f64 = 12.0;
const LINE: f64 = 15.0;
/// The longest line of a reason or a problem, in characters (about the card's width).
const WRAP: usize = 88;
/// The most lines of one reason or problem; the rest is in its tooltip.
const MAX_LINES: usize = 4;
/// Where a pod's node (or "unschedulable") is written, after its name.
const POD_COLUMN: f64 = 300.0;
/// The most claim colors drawn before a pod's name.
const MAX_DOTS: usize = 4;
/// The longest pod name before [`POD_COLUMN`], in characters.
const NAME_CHARS: usize = 32;
/// The most problems listed.
const MAX_PROBLEMS: usize = 12;

/// The picture of an analysis, as an SVG document.
pub fn picture(analysis: &Analysis, options: &PictureOptions) -> String {
    let width = CARD_WIDTH + 2.0 * MARGIN;
    let mut shapes = Vec::new();
    let mut y = MARGIN;
    let status = analysis.status_line();
    let ran = matches!(analysis.outcome, Outcome::Ran(_));
    shapes.push(text(
        MARGIN,
        y + 16.0,
        "picture-title",
        clip(&options.title, 70),
    ));
    shapes.push(text(
        MARGIN,
        y + 36.0,
        if ran {
            "picture-status ran"
        } else {
            "picture-status invalid"
        },
        status.clone(),
    ));
    y += 62.0;
    if !analysis.pods.is_empty() {
        y = pods(analysis, &mut shapes, y);
    }
    if !ran {
        y = problems(analysis, &mut shapes, y);
    }
    let mut body = String::new();
    write_shapes(&mut body, &shapes, 1);
    for card in cards(analysis) {
        body.push_str(&format!(
            "  <g class=\"node-card\" transform=\"translate({} {})\">\n",
            num(MARGIN),
            num(y)
        ));
        let frame = Shape::Rect(Rect {
            x: 0.0,
            y: 0.0,
            width: card.width,
            height: card.height,
            rx: 10.0,
            class: if card.shared {
                "card-box shared".to_owned()
            } else {
                "card-box".to_owned()
            },
        });
        write_shapes(&mut body, std::slice::from_ref(&frame), 2);
        write_shapes(&mut body, &card.shapes, 2);
        body.push_str("  </g>\n");
        y += card.height + 10.0;
    }
    let height = y + MARGIN - if analysis.nodes.is_empty() { 0.0 } else { 10.0 };
    let title = format!("{}: {status}", options.title);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"dra-title dra-desc\">\n  <title id=\"dra-title\">{}</title>\n  <desc id=\"dra-desc\">{}</desc>\n  <style>\n{}{}  </style>\n  <rect class=\"background\" width=\"{w}\" height=\"{h}\"/>\n{body}</svg>\n",
        escape(&title),
        escape(&description(analysis)),
        include_str!("picture.css"),
        include_str!("map.css"),
        w = num(width),
        h = num(height),
    )
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

/// Lines of at most `width` characters, broken at spaces (a word longer than a line is cut).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word = word.to_owned();
        while word.chars().count() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let head: String = word.chars().take(width).collect();
            word = word.chars().skip(width).collect();
            lines.push(head);
        }
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A long text as at most [`MAX_LINES`] lines from `y`, the whole text in the last line's
/// tooltip when cut; the `y` after it.
fn paragraph(shapes: &mut Vec<Shape>, x: f64, mut y: f64, class: &'static str, whole: &str) -> f64 {
    let lines = wrap(whole, WRAP);
    let cut = lines.len() > MAX_LINES;
    for (i, line) in lines.iter().take(MAX_LINES).enumerate() {
        let last = i + 1 == MAX_LINES.min(lines.len());
        shapes.push(Shape::Text(Text {
            x,
            y,
            class,
            end: false,
            text: if last && cut {
                format!("{line} …")
            } else {
                line.clone()
            },
            title: (last && cut).then(|| whole.to_owned()),
        }));
        y += LINE - 2.0;
    }
    y
}

/// Every pod: its claims' colors, its name, its node or "unschedulable" and why.
fn pods(analysis: &Analysis, shapes: &mut Vec<Shape>, mut y: f64) -> f64 {
    shapes.push(text(MARGIN, y, "section-title", "Pods".to_owned()));
    y += LINE + 2.0;
    for pod in &analysis.pods {
        let mut x = MARGIN;
        for claim in pod.claims.iter().take(MAX_DOTS) {
            shapes.push(Shape::Rect(Rect {
                x,
                y: y - 9.0,
                width: 9.0,
                height: 9.0,
                rx: 2.5,
                class: format!("claim-dot {}", color_of(analysis, claim)),
            }));
            x += 12.0;
        }
        let name = if pod.namespace == "default" {
            pod.name.clone()
        } else {
            format!("{} (namespace {})", pod.name, pod.namespace)
        };
        let name_x = x + if pod.claims.is_empty() { 0.0 } else { 3.0 };
        shapes.push(text(name_x, y, "pod-line", clip(&name, NAME_CHARS)));
        let after = POD_COLUMN;
        match (&pod.node, &pod.unschedulable) {
            (Some(node), _) => {
                shapes.push(text(after, y, "pod-node", format!("→ {}", clip(node, 40))))
            }
            (None, Some(reason)) => {
                shapes.push(text(after, y, "pod-bad", "→ unschedulable".to_owned()));
                y = paragraph(shapes, MARGIN + 12.0, y + LINE - 1.0, "pod-why", reason) - LINE
                    + 2.0;
            }
            (None, None) => shapes.push(text(after, y, "pod-why", "→ not run".to_owned())),
        }
        y += LINE + 3.0;
    }
    y + 4.0
}

/// The errors that kept the scenario from running, each at its line and column.
fn problems(analysis: &Analysis, shapes: &mut Vec<Shape>, mut y: f64) -> f64 {
    let errors: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    for d in errors.iter().take(MAX_PROBLEMS) {
        let line = format!(
            "line {}, column {}: {}",
            d.span.start.line, d.span.start.column, d.message
        );
        y = paragraph(shapes, MARGIN, y, "problem", &line) + 3.0;
    }
    if errors.len() > MAX_PROBLEMS {
        y = paragraph(
            shapes,
            MARGIN,
            y,
            "problem",
            &format!("and {} more", errors.len() - MAX_PROBLEMS),
        );
    }
    y + 8.0
}

/// What the picture shows, in sentences: where each pod went or why not, and what each claim
/// holds.
fn description(analysis: &Analysis) -> String {
    let mut sentences = Vec::new();
    for pod in &analysis.pods {
        sentences.push(match (&pod.node, &pod.unschedulable) {
            (Some(node), _) => format!("Pod {} runs on node {node}.", pod.key),
            (None, Some(reason)) => format!(
                "Pod {} is unschedulable: {}{}",
                pod.key,
                reason,
                if reason.ends_with('.') { "" } else { "." }
            ),
            (None, None) => format!("Pod {} did not run.", pod.key),
        });
    }
    for claim in analysis.claims.iter().filter(|c| c.allocated) {
        let devices: Vec<&str> = claim.results.iter().map(|r| r.device.as_str()).collect();
        sentences.push(format!("Claim {} holds {}.", claim.key, devices.join(", ")));
    }
    let devices = analysis
        .nodes
        .iter()
        .flat_map(|n| &n.pools)
        .map(|p| p.devices.len())
        .sum::<usize>();
    sentences.push(format!(
        "{} node{} and {devices} device{} are drawn.",
        analysis.nodes.iter().filter(|n| !n.shared).count(),
        if analysis.nodes.iter().filter(|n| !n.shared).count() == 1 {
            ""
        } else {
            "s"
        },
        if devices == 1 { "" } else { "s" }
    ));
    sentences.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_wrap_at_spaces() {
        assert_eq!(wrap("a bb ccc", 4), vec!["a bb", "ccc"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert!(wrap("", 4).is_empty());
    }
}
