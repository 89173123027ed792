//! `dra-playground explain`: why each pod, claim, request and device ended
//! as it did, as readable text or as the engine's explanation structure.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::input::load;
use dra_engine::explain::{explain_loaded, render, ExplainOptions, RenderOptions};
use dra_engine::output::timeline_events_text;
use dra_engine::pipeline::refuse;
use dra_engine::RunOptions;

use crate::input;
use crate::scheduler_args::SchedulerArgs;

/// How an explanation is printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ExplainFormat {
    /// Readable text.
    #[default]
    Text,
    /// The explanation structure as JSON.
    Json,
}

/// Arguments of `explain`.
#[derive(clap::Args)]
pub struct ExplainArgs {
    /// The scenario file; `-` reads standard input.
    file: PathBuf,
    /// Only this pod (NAME or NAMESPACE/NAME; without Pod documents, a
    /// claim's stand-in pod is named CLAIM-pod).
    #[arg(long, value_name = "NAME")]
    pod: Option<String>,
    /// Only this device, with why each request did not get it.
    #[arg(long, value_name = "DRIVER/POOL/DEVICE")]
    device: Option<String>,
    /// Hand the decoded objects to the allocator as written, without the
    /// apiserver's validation.
    #[arg(long)]
    skip_validation: bool,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t)]
    output: ExplainFormat,
    /// Record and print the search: tentative picks, rejections, backtracks.
    #[arg(long)]
    trace: bool,
    /// Evaluate every selector on every device and print the matrix.
    #[arg(long)]
    matrix: bool,
    /// Print every node, also those ruled out or not tried.
    #[arg(long)]
    all_nodes: bool,
    #[command(flatten)]
    scheduler: SchedulerArgs,
}

/// Runs the command.
pub fn run(args: &ExplainArgs) -> ExitCode {
    let input = match input::read_or_report(&args.file) {
        Ok(input) => input,
        Err(status) => return status,
    };
    let options = ExplainOptions {
        skip_validation: args.skip_validation,
        scheduler: args.scheduler.scheduler_options(),
        trace: args.trace,
        matrix: args.matrix,
        // With --pod, only that pod is explained in detail.
        pods: if args.device.is_none() {
            args.pod.iter().cloned().collect()
        } else {
            Vec::new()
        },
        ..ExplainOptions::default()
    };
    // Loaded once, within the command line's limits, for the explanation and the timeline.
    let run_options = RunOptions {
        skip_validation: args.skip_validation,
    };
    let loaded = match refuse(load(&input.text, &run_options)) {
        Ok(loaded) => loaded,
        Err(diagnostics) => return input.report(&diagnostics),
    };
    let mut explanation = explain_loaded(&loaded, &input.text, &options);
    let found = match (&args.device, &args.pod) {
        (Some(device), _) => explanation.device(device).is_some(),
        (None, Some(pod)) => explanation.pod(pod).is_some(),
        (None, None) => true,
    };
    if !found {
        let what = match &args.device {
            Some(device) => format!("device {device}"),
            None => format!("pod {}", args.pod.as_deref().unwrap_or_default()),
        };
        eprintln!("{}: no {what} in the scenario", input.name);
        return ExitCode::FAILURE;
    }
    match args.output {
        ExplainFormat::Text => {
            let text = render(
                &explanation,
                &RenderOptions {
                    pod: args.pod.clone(),
                    device: args.device.clone(),
                    file: input.name.clone(),
                    trace: args.trace,
                    matrix: args.matrix,
                    all_nodes: args.all_nodes,
                },
            );
            print!("{text}");
            // A scenario with steps: what happened next, and why.
            if loaded.has_steps() && args.device.is_none() && args.pod.is_none() {
                let timeline = dra_engine::timeline::run(&loaded, &options.scheduler);
                print!("\n{}", timeline_events_text(&timeline));
            }
        }
        ExplainFormat::Json => {
            if let Some(device) = &args.device {
                explanation.devices.retain(|d| d.device == *device);
                explanation.pods.clear();
            } else if let Some(pod) = &args.pod {
                explanation.pods.retain(|p| p.is_named(pod));
            }
            let mut json = serde_json::to_string_pretty(&explanation).unwrap_or_default();
            json.push('\n');
            print!("{json}");
        }
    }
    ExitCode::SUCCESS
}
