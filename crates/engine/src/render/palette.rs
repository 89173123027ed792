//! Claim colors: each claim gets one, by its position in the analysis' claims. The colors are
//! CSS classes (`claim-0` … `claim-9`, `claim-none`, in `map.css`, which set `--claim`), so that
//! the web app's Content-Security-Policy, which allows no style attributes, holds.

use crate::playground::Analysis;

/// How many colors `map.css` defines (`.claim-0` to `.claim-9`).
const PALETTE_SIZE: usize = 10;
const CLASSES: [&str; PALETTE_SIZE] = [
    "claim-0", "claim-1", "claim-2", "claim-3", "claim-4", "claim-5", "claim-6", "claim-7",
    "claim-8", "claim-9",
];

/// The color class of the claim at this index.
pub fn claim_color(index: usize) -> &'static str {
    CLASSES[index % PALETTE_SIZE]
}

/// The color class of the claim with this key in the analysis (gray when unknown).
pub fn color_of(analysis: &Analysis, claim: &str) -> &'static str {
    analysis
        .claims
        .iter()
        .position(|c| c.key == claim)
        .map_or("claim-none", claim_color)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_class_has_its_color_in_the_style_sheet() {
        let css = include_str!("map.css");
        for class in CLASSES.iter().chain(&["claim-none"]) {
            assert!(css.contains(&format!(".{class} {{ --claim: #")), "{class}");
        }
    }
}
