//! Claim colors: each claim gets one, by its position in the run's claims. The colors are CSS
//! classes (`claim-0` … `claim-9`, `claim-none` in assets/style.css, which set `--claim`): the
//! Content-Security-Policy allows no style attributes.

/// How many colors assets/style.css defines (`.claim-0` to `.claim-9`).
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
pub fn color_of(analysis: &dra_engine::playground::Analysis, claim: &str) -> &'static str {
    analysis
        .claims
        .iter()
        .position(|c| c.key == claim)
        .map_or("claim-none", claim_color)
}
