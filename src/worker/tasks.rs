//! The worker's one-off tasks, beside runs and explanations: the picture of a run (the app's
//! "Download image", `dra_engine::render::picture`) and a comparison of two scenarios (the
//! compare view, `dra_engine::compare`). The page sends each to a worker of its own, so that
//! they never wait for (or supersede) the playground's runs.

use dra_engine::compare::{compare, Comparison};
use dra_engine::playground::analyze;
use dra_engine::render::{picture, PictureOptions};
use dra_engine::RunOptions;
use serde::{Deserialize, Serialize};

use crate::worker::messages::Reply;

/// Draw the picture of a scenario's run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenderRequest {
    /// Increases with every request the page makes.
    pub serial: u64,
    /// The scenario text.
    pub text: String,
    /// The picture's title.
    pub title: String,
}

/// Run two scenarios and compare their outcomes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompareRequest {
    /// Increases with every request the page makes.
    pub serial: u64,
    /// The left side's scenario.
    pub left: String,
    /// The right side's scenario.
    pub right: String,
}

/// The picture, as SVG text.
pub fn render_reply(request: RenderRequest) -> Reply {
    let analysis = analyze(&request.text, &RunOptions::default());
    Reply::Rendered {
        serial: request.serial,
        svg: picture(
            &analysis,
            &PictureOptions {
                title: request.title,
            },
        ),
    }
}

/// Both runs and their differences.
pub fn compare_reply(request: CompareRequest) -> Reply {
    let comparison: Comparison = compare(&request.left, &request.right, &RunOptions::default());
    Reply::Compared {
        serial: request.serial,
        comparison: Box::new(comparison),
    }
}
