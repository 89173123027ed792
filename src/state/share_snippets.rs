//! What the Share dialog offers to copy, for a scenario served from `base` (the playground's
//! address, ending in `/`): the link, a Markdown badge that opens it (for READMEs and docs that
//! allow no script or iframe; the badge is `badge.svg`, served with the site at a stable
//! address), and the iframe of the `?embed` view.

use dra_engine::share_link as share;

/// The badge image, beside index.html (js/site/stable-files.mjs serves it under this name).
pub const BADGE: &str = "badge.svg";

/// The three snippets of one scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippets {
    /// The link that carries the scenario.
    pub link: String,
    /// `[![Open in DRA Playground: TITLE](BADGE)](LINK)`.
    pub markdown: String,
    /// The iframe of the compact view.
    pub iframe: String,
}

/// The snippets of `text`, titled `title`, for the playground at `base`.
pub fn snippets(base: &str, text: &str, title: &str) -> Snippets {
    let fragment = share::fragment(text);
    let link = format!("{base}{fragment}");
    // Brackets would end the image's text early.
    let alt: String = title
        .chars()
        .map(|c| if matches!(c, '[' | ']') { ' ' } else { c })
        .collect();
    Snippets {
        markdown: format!("[![Open in DRA Playground: {alt}]({base}{BADGE})]({link})"),
        iframe: format!(
            "<iframe src=\"{base}?embed{fragment}\" width=\"600\" height=\"400\" style=\"border:1px solid #d0d7de;border-radius:8px\" title=\"DRA Playground: {}\" loading=\"lazy\"></iframe>",
            title.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;")
        ),
        link,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snippets_carry_the_scenario() {
        let s = snippets(
            "https://dra.example/play/",
            "kind: Node\n",
            "A [first] \"claim\"",
        );
        let fragment = share::fragment("kind: Node\n");
        assert_eq!(s.link, format!("https://dra.example/play/{fragment}"));
        assert_eq!(
            s.markdown,
            format!("[![Open in DRA Playground: A  first  \"claim\"](https://dra.example/play/badge.svg)](https://dra.example/play/{fragment})")
        );
        assert!(s.iframe.starts_with(&format!(
            "<iframe src=\"https://dra.example/play/?embed{fragment}\" width=\"600\" height=\"400\""
        )));
        assert!(s
            .iframe
            .contains("title=\"DRA Playground: A [first] &quot;claim&quot;\""));
    }
}
