//! Claim colors: each claim gets one, by its position in the run's claims.

const PALETTE: [&str; 10] = [
    "#4f7cff", "#e8833a", "#2fa37a", "#c9508f", "#8a63d2", "#c7a526", "#2a9fbf", "#d2554f",
    "#6c8f2e", "#9c6b4e",
];

/// The color of the claim at this index.
pub fn claim_color(index: usize) -> &'static str {
    PALETTE[index % PALETTE.len()]
}

/// The color of the claim with this key in the analysis (gray when unknown).
pub fn color_of(analysis: &dra_engine::playground::Analysis, claim: &str) -> &'static str {
    analysis
        .claims
        .iter()
        .position(|c| c.key == claim)
        .map_or("#8b949e", claim_color)
}
