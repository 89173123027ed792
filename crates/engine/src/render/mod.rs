//! The cluster map, drawn: the layout the web app shows and the static picture of a run.
//!
//! [`cards`] lays out each node of a [`crate::playground::Analysis`] (its pods, pools, counter
//! sets with gauges, devices colored by the claims that hold them) as a scene of SVG shapes
//! with CSS classes ([`scene`]); the web app draws it with Yew, adding hover and selection to
//! the groups a reader can point at. [`picture`] writes the same cards, under a title, the
//! status line and every pod with its node or why not, as one SVG document
//! (`dra-playground render`, the app's "Download image", which its engine worker makes).
//! How it looks is `map.css`, shared by both (the app links it; the picture embeds it).
//!
//! **Invariants:** the same analysis always gives the same bytes (numbers rounded by
//! [`scene::num`], no clock, no random or process-wide identifiers); text stays text (escaped,
//! never markup); only the analysis is read: drawing never runs anything.

mod device_tile;
mod map;
mod palette;
mod picture;
pub mod scene;
mod svg;

pub use map::{card, cards, CARD_WIDTH};
pub use palette::{claim_color, color_of};
pub use picture::{picture, PictureOptions};

/// The title a scenario gives itself in a `# title:` comment among the lines that open it
/// (the gallery's convention), if any.
pub fn comment_title(text: &str) -> Option<&str> {
    text.lines()
        .take_while(|l| l.starts_with('#'))
        .find_map(|l| l.strip_prefix("# title:"))
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests;
