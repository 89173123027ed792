//! `dra-playground allocate`: the outcome of a run as Kubernetes objects.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::input::load;
use dra_engine::diagnostic::Severity;
use dra_engine::load::LoadedScenario;
use dra_engine::output::{moments_to_print, run_result_list, timeline_json, timeline_yaml};
use dra_engine::pipeline::{refuse, run_owned};
use dra_engine::scheduler::Placement;
use dra_engine::RunOptions;

use crate::run_yaml;
use crate::scheduler_args::SchedulerArgs;
use crate::{input, OutputFormat, EXIT_INVALID_INPUT};

/// Arguments of `allocate`.
#[derive(clap::Args)]
pub struct AllocateArgs {
    /// The scenario file; `-` reads standard input.
    file: PathBuf,
    /// Hand the decoded objects to the allocator as written, without the
    /// apiserver's validation (as for objects from another Kubernetes version).
    #[arg(long)]
    skip_validation: bool,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t)]
    output: OutputFormat,
    /// For a scenario with steps: print only the state after this step
    /// (its name, or `start` for the first moment).
    #[arg(long, value_name = "NAME")]
    step: Option<String>,
    #[command(flatten)]
    scheduler: SchedulerArgs,
}

/// Runs the command; prints problems as `FILE:LINE:COLUMN: message` (and,
/// when it runs, what is not simulated as `FILE:LINE:COLUMN: info: message`).
pub fn run(args: &AllocateArgs) -> ExitCode {
    let input = match input::read_or_report(&args.file) {
        Ok(input) => input,
        Err(status) => return status,
    };
    let options = RunOptions {
        skip_validation: args.skip_validation,
    };
    let loaded = load(&input.text, &options);
    // What the scenario holds that the playground does not simulate: said
    // on standard error, the run goes on.
    let hints: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Info)
        .map(|d| format!("{}:{d}", input.name))
        .collect();
    let loaded = match refuse(loaded) {
        Ok(loaded) => loaded,
        Err(diagnostics) => return input.report(&diagnostics),
    };
    if loaded.has_steps() || args.step.is_some() {
        for hint in hints {
            eprintln!("{hint}");
        }
        return print_timeline(args, &input.name, &loaded);
    }
    let run = run_owned(loaded, &args.scheduler.scheduler_options());
    for hint in hints {
        eprintln!("{hint}");
    }
    match args.output {
        OutputFormat::Yaml => print!("{}", run_yaml::on_two_cores(&run)),
        OutputFormat::Json => {
            let mut json = serde_json::to_string_pretty(&run_result_list(&run)).unwrap_or_default();
            json.push('\n');
            print!("{json}");
        }
    }
    // Without pods, each claim ran as a pod of its own; such pods are not
    // printed, so say here why a claim stayed unallocated.
    for outcome in &run.implicit_pods {
        if let Placement::Unschedulable(reason) = &outcome.placement {
            for claim in &outcome.pod.spec.resource_claims {
                eprintln!(
                    "{}: claim {}: not allocated: {reason}",
                    input.name, claim.name
                );
            }
        }
    }
    // The process ends here: freeing a large cluster's objects one by one
    // would only delay the exit.
    std::mem::forget(run);
    ExitCode::SUCCESS
}

/// A scenario with steps: every moment (or the one `--step` names) with
/// what changed, as `dra_engine::output` writes a timeline.
fn print_timeline(args: &AllocateArgs, file: &str, loaded: &LoadedScenario) -> ExitCode {
    let timeline = dra_engine::timeline::run(loaded, &args.scheduler.scheduler_options());
    let Some(moments) = moments_to_print(&timeline, args.step.as_deref()) else {
        let names: Vec<&str> = timeline.moments.iter().map(|m| m.name.as_str()).collect();
        eprintln!(
            "{file}: no step is named {:?}: the moments are {}",
            args.step.as_deref().unwrap_or_default(),
            names.join(", ")
        );
        return ExitCode::from(EXIT_INVALID_INPUT);
    };
    let text = match args.output {
        OutputFormat::Yaml => timeline_yaml(&moments),
        OutputFormat::Json => {
            let mut json =
                serde_json::to_string_pretty(&timeline_json(&moments)).unwrap_or_default();
            json.push('\n');
            json
        }
    };
    print!("{text}");
    ExitCode::SUCCESS
}
