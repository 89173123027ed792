//! A scene as SVG text: every element on its own line, attributes in a fixed order, numbers by
//! [`num`], text escaped, so that one drawing is always the same bytes.

use super::scene::{num, Group, Shape};

/// Text and attribute values escaped for XML.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 does not allow (a scenario's text may hold them).
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// ` class="..."`, or nothing for no class.
fn class(class: &str) -> String {
    if class.is_empty() {
        String::new()
    } else {
        format!(" class=\"{}\"", escape(class))
    }
}

/// Writes `shapes`, indented by `depth` levels.
pub(super) fn write_shapes(out: &mut String, shapes: &[Shape], depth: usize) {
    for shape in shapes {
        write_shape(out, shape, depth);
    }
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

fn write_shape(out: &mut String, shape: &Shape, depth: usize) {
    indent(out, depth);
    match shape {
        Shape::Rect(r) => out.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\"{}/>\n",
            num(r.x),
            num(r.y),
            num(r.width.max(0.0)),
            num(r.height.max(0.0)),
            num(r.rx),
            class(&r.class)
        )),
        Shape::Text(t) => {
            out.push_str(&format!(
                "<text x=\"{}\" y=\"{}\"{}{}>",
                num(t.x),
                num(t.y),
                class(t.class),
                if t.end { " text-anchor=\"end\"" } else { "" }
            ));
            if let Some(title) = &t.title {
                out.push_str(&format!("<title>{}</title>", escape(title)));
            }
            out.push_str(&escape(&t.text));
            out.push_str("</text>\n");
        }
        Shape::Path(p) => out.push_str(&format!(
            "<path d=\"{}\"{}/>\n",
            escape(&p.d),
            class(p.class)
        )),
        Shape::Group(g) => write_group(out, g, depth),
    }
}

fn write_group(out: &mut String, g: &Group, depth: usize) {
    out.push_str("<g");
    out.push_str(&class(&g.class));
    for (name, value) in g.hook.data_attributes() {
        out.push_str(&format!(" {name}=\"{}\"", escape(&value)));
    }
    out.push_str(">\n");
    if let Some(title) = &g.title {
        indent(out, depth + 1);
        out.push_str(&format!("<title>{}</title>\n", escape(title)));
    }
    write_shapes(out, &g.children, depth + 1);
    indent(out, depth);
    out.push_str("</g>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::scene::{Hook, Rect, Text};

    #[test]
    fn markup_in_names_stays_text() {
        let shapes = vec![Shape::Group(Group {
            class: "device".into(),
            hook: Hook::Device {
                key: "d/p/<b>".into(),
                holders: Vec::new(),
            },
            title: Some("a & \"b\"".into()),
            children: vec![
                Shape::Rect(Rect {
                    x: 1.0,
                    y: 2.5,
                    width: 3.0,
                    height: 4.0,
                    rx: 0.0,
                    class: String::new(),
                }),
                Shape::Text(Text {
                    x: 0.0,
                    y: 0.0,
                    class: "t",
                    end: true,
                    text: "<script>\u{1}".into(),
                    title: None,
                }),
            ],
        })];
        let mut out = String::new();
        write_shapes(&mut out, &shapes, 0);
        assert_eq!(
            out,
            "<g class=\"device\" data-device=\"d/p/&lt;b&gt;\">\n  <title>a &amp; &quot;b&quot;</title>\n  <rect x=\"1\" y=\"2.5\" width=\"3\" height=\"4\" rx=\"0\"/>\n  <text x=\"0\" y=\"0\" class=\"t\" text-anchor=\"end\">&lt;script&gt;\u{fffd}</text>\n</g>\n"
        );
    }
}
