//! `dra-playground allocate`: the outcome of a run as Kubernetes objects.

use std::path::PathBuf;
use std::process::ExitCode;

use dra_engine::diagnostic::Severity;
use dra_engine::output::{run_result_documents, run_result_list, write_stream};
use dra_engine::pipeline::{load, refuse, run as run_loaded};
use dra_engine::scheduler::Placement;
use dra_engine::RunOptions;

use crate::scheduler_args::SchedulerArgs;
use crate::{input, OutputFormat};

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
    let run = run_loaded(&loaded, &args.scheduler.scheduler_options(), None);
    for hint in hints {
        eprintln!("{hint}");
    }
    let text = match args.output {
        OutputFormat::Yaml => write_stream(&run_result_documents(&run)),
        OutputFormat::Json => {
            let mut json = serde_json::to_string_pretty(&run_result_list(&run)).unwrap_or_default();
            json.push('\n');
            json
        }
    };
    print!("{text}");
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
    ExitCode::SUCCESS
}
