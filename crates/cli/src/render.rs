//! `dra-playground render`: the picture of a run, the cluster map as the web app draws it,
//! for documentation that cannot run scripts (`dra_engine::render`). The same scenario always
//! gives the same bytes, so that a docs build can check the picture in and compare it.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::input::load;
use dra_engine::pipeline::refuse;
use dra_engine::playground::analyze_loaded;
use dra_engine::render::{comment_title, picture, PictureOptions};
use dra_engine::RunOptions;

use crate::input;
use crate::scheduler_args::SchedulerArgs;

/// Picture formats.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum PictureFormat {
    /// SVG, its text as text (searchable, read by screen readers).
    #[default]
    Svg,
}

/// Arguments of `render`.
#[derive(clap::Args)]
pub struct RenderArgs {
    /// The scenario file; `-` reads standard input.
    file: PathBuf,
    /// The picture's format (PNG: convert the SVG, e.g. `rsvg-convert map.svg -o map.png`).
    #[arg(long, value_enum, default_value_t)]
    format: PictureFormat,
    /// The title at the picture's top (default: the scenario's `# title:` comment, else the
    /// file's name).
    #[arg(long)]
    title: Option<String>,
    /// Hand the decoded objects to the allocator as written, without the apiserver's
    /// validation.
    #[arg(long)]
    skip_validation: bool,
    #[command(flatten)]
    scheduler: SchedulerArgs,
}

/// Prints the picture; problems as `FILE:LINE:COLUMN: message` with exit status 2.
pub fn run(args: &RenderArgs) -> ExitCode {
    let input = match input::read_or_report(&args.file) {
        Ok(input) => input,
        Err(status) => return status,
    };
    let options = RunOptions {
        skip_validation: args.skip_validation,
    };
    let loaded = match refuse(load(&input.text, &options)) {
        Ok(loaded) => loaded,
        Err(diagnostics) => return input.report(&diagnostics),
    };
    let analysis = analyze_loaded(loaded, &args.scheduler.scheduler_options());
    let title = args
        .title
        .clone()
        .or_else(|| comment_title(&input.text).map(str::to_owned))
        .unwrap_or_else(|| input.name.clone());
    let PictureFormat::Svg = args.format;
    print!("{}", picture(&analysis, &PictureOptions { title }));
    ExitCode::SUCCESS
}
