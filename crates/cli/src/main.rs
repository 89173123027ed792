//! `dra-playground`: run DRA scenarios from the command line, exactly as the
//! playground does in the browser (SCENARIO.md is the contract).

mod allocate;
mod diff;
mod eval;
mod explain;
mod generate;
mod input;
mod render;
mod run_yaml;
mod scheduler_args;
mod share;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Kubernetes Dynamic Resource Allocation, simulated: which devices a
/// scenario's pods get, and why.
#[derive(Parser)]
#[command(name = "dra-playground", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Schedules the scenario's pods and prints the claims and pods afterwards.
    Allocate(allocate::AllocateArgs),
    /// Compares two runs: two scenarios, or one under two Kubernetes versions or gate sets;
    /// exit status 1 when their outcomes differ.
    Diff(diff::DiffArgs),
    /// Prints the value of a CEL expression, for one device of a scenario or for none.
    Eval(eval::EvalArgs),
    /// Explains the run: for each pod, every node and why it was chosen or
    /// not; for each request, the devices considered and what removed them.
    Explain(explain::ExplainArgs),
    /// Prints a scenario made from a hardware preset: nodes, devices, and pods
    /// with claims (for trying and benchmarking large clusters).
    Generate(generate::GenerateArgs),
    /// Prints the picture of the run: the cluster map with every pod's node or why not, as
    /// SVG (deterministic, for documentation).
    Render(render::RenderArgs),
    /// Prints the playground link (`#scenario=v1:...`) of a scenario, or with
    /// `--decode` the scenario of a link.
    Share(share::ShareArgs),
}

/// How results are printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// A YAML stream of objects.
    #[default]
    Yaml,
    /// A JSON `List` of objects.
    Json,
}

/// Exit status for invalid input, as SCENARIO.md specifies.
pub const EXIT_INVALID_INPUT: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Allocate(args) => allocate::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Eval(args) => eval::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Generate(args) => generate::run(&args),
        Command::Render(args) => render::run(&args),
        Command::Share(args) => share::run(&args),
    }
}
