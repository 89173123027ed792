//! `dra-playground eval`: the value of a CEL expression, for one device of a
//! scenario or for none, as the allocator would compute it.
//!
//! The evaluation is the engine's (`dra_engine::eval`, which the web app's
//! CEL console shows too); this command reads the arguments and prints.

use std::path::PathBuf;
use std::process::ExitCode;

use dra_engine::eval::{self, EvalError};
use dra_engine::load::LoadedScenario;
use dra_engine::pipeline::{self, RunOptions};

use crate::{input, EXIT_INVALID_INPUT};

/// Exit status when the expression does not compile or fails at run time.
const EXIT_EXPRESSION_ERROR: u8 = 1;

/// Arguments of `eval`.
#[derive(clap::Args)]
#[command(after_help = "\
Prints the value on one line, in CEL literal form: true, 3, 3u, 2.5, \"a\", \
b\"\\x00\", [1, 2], {\"a\": 1}, null, optional.of(1); values of library types \
as their canonical string: a quantity as 1Gi, a version as 1.2.3, an IP \
address, a duration as 3600s.

The expression is compiled as the apiserver compiles a new selector \
(Kubernetes' NewExpressions environment), with the scenario's feature gates: \
DRAListTypeAttributes declares `includes` and list-typed attributes, \
DRAConsumableCapacity `device.allowMultipleAllocations` (both on without a \
scenario). Unlike a selector, it may have any type.

Exit status: 0 with the value on standard output; 1 when the expression does \
not compile or fails at run time, with Kubernetes' message on standard error; \
2 on invalid input (a scenario that does not load, an unknown device, an \
expression that reads `device` without --device).")]
pub struct EvalArgs {
    /// The CEL expression, as written in a selector.
    expression: String,
    /// The scenario whose feature gates and devices to use; `-` reads
    /// standard input.
    #[arg(long, value_name = "FILE")]
    scenario: Option<PathBuf>,
    /// The device the `device` variable stands for.
    #[arg(long, value_name = "DRIVER/POOL/DEVICE", requires = "scenario")]
    device: Option<String>,
    /// Read the scenario without the apiserver's validation (as `allocate
    /// --skip-validation`).
    #[arg(long, requires = "scenario")]
    skip_validation: bool,
}

/// Runs the command.
pub fn run(args: &EvalArgs) -> ExitCode {
    match evaluate(args) {
        Ok(value) => {
            println!("{value}");
            ExitCode::SUCCESS
        }
        Err((status, message)) => {
            eprintln!("{message}");
            ExitCode::from(status)
        }
    }
}

fn invalid(message: String) -> (u8, String) {
    (EXIT_INVALID_INPUT, message)
}

/// The value in CEL literal form, or the exit status and the message.
fn evaluate(args: &EvalArgs) -> Result<String, (u8, String)> {
    let scenario = match &args.scenario {
        Some(path) => Some(load(path, args.skip_validation)?),
        None => None,
    };
    let device = args.device.as_deref();
    match eval::evaluate(&args.expression, scenario.as_ref().map(|(_, s)| s), device) {
        Ok(evaluation) => Ok(evaluation.value),
        Err(EvalError::Compile { message, .. } | EvalError::Runtime(message)) => {
            Err((EXIT_EXPRESSION_ERROR, message))
        }
        Err(EvalError::NeedsDevice) => Err(invalid(
            "the expression reads `device`: name one with --scenario FILE --device DRIVER/POOL/DEVICE"
                .into(),
        )),
        Err(EvalError::UnknownDevice(message)) => {
            let name = scenario.as_ref().map_or("", |(name, _)| name.as_str());
            Err(invalid(format!("{name}: {message}")))
        }
    }
}

/// Reads and loads the scenario: its name for messages and what loaded.
fn load(
    path: &std::path::Path,
    skip_validation: bool,
) -> Result<(String, LoadedScenario), (u8, String)> {
    let input = input::read(path).map_err(invalid)?;
    let loaded = pipeline::refuse(crate::input::load(
        &input.text,
        &RunOptions { skip_validation },
    ))
    .map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(|d| input.locate(d)).collect();
        invalid(lines.join("\n"))
    })?;
    Ok((input.name, loaded))
}
