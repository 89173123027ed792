//! `dra-playground eval`: the value of a CEL expression, for one device of a
//! scenario or for none, as the allocator would compute it.
//!
//! The expression compiles in the environment the apiserver gives a new
//! selector (NewExpressions, declarations chosen by the scenario's feature
//! gates), so that a gate that is off shows as the compile error a user
//! would meet; evaluation is the allocator's.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use dra_engine::api::{device_id, Object};
use dra_engine::cel::{compile_expression, CompileOptions, DeviceInput, EnvType};
use dra_engine::features::Features;
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
    let features = scenario
        .as_ref()
        .map_or(Features::ALL, |(_, loaded)| loaded.features);
    let options = CompileOptions {
        list_type_attributes: features.list_type_attributes,
        consumable_capacity: features.consumable_capacity,
    };
    let no_attributes = BTreeMap::new();
    let no_capacity = BTreeMap::new();
    let device = match (&args.device, &scenario) {
        (Some(id), Some((name, loaded))) => {
            find_device(loaded, id).map_err(|e| invalid(format!("{name}: {e}")))?
        }
        _ => DeviceInput {
            driver: "",
            attributes: &no_attributes,
            capacity: &no_capacity,
            allow_multiple_allocations: None,
        },
    };
    let expression = compile_expression(&args.expression, &options, EnvType::NewExpressions)
        .map_err(|e| {
            (
                EXIT_EXPRESSION_ERROR,
                format!("compilation failed: {}", e.message),
            )
        })?;
    if expression.uses_device() && args.device.is_none() {
        return Err(invalid(
            "the expression reads `device`: name one with --scenario FILE --device DRIVER/POOL/DEVICE"
                .into(),
        ));
    }
    match expression.evaluate(&device) {
        Ok(value) => Ok(value.to_string()),
        Err(e) => Err((
            EXIT_EXPRESSION_ERROR,
            format!("CEL runtime error: {}", e.with_hint()),
        )),
    }
}

/// Reads and loads the scenario: its name for messages and what loaded.
fn load(
    path: &std::path::Path,
    skip_validation: bool,
) -> Result<(String, LoadedScenario), (u8, String)> {
    let input = input::read(path).map_err(invalid)?;
    let loaded = pipeline::refuse(pipeline::load(&input.text, &RunOptions { skip_validation }))
        .map_err(|errors| {
            let lines: Vec<String> = errors.iter().map(|d| input.locate(d)).collect();
            invalid(lines.join("\n"))
        })?;
    Ok((input.name, loaded))
}

/// The device named DRIVER/POOL/DEVICE (a pool name may hold slashes).
fn find_device<'s>(scenario: &'s LoadedScenario, id: &str) -> Result<DeviceInput<'s>, String> {
    let parsed = id
        .split_once('/')
        .and_then(|(driver, rest)| {
            let (pool, device) = rest.rsplit_once('/')?;
            Some((driver, pool, device))
        })
        .filter(|(d, p, n)| !d.is_empty() && !p.is_empty() && !n.is_empty());
    let Some((driver, pool, name)) = parsed else {
        return Err(format!("--device wants DRIVER/POOL/DEVICE, not {id:?}"));
    };
    let mut known = Vec::new();
    for object in &scenario.objects {
        let Object::ResourceSlice(slice) = &object.object else {
            continue;
        };
        let spec = &slice.spec;
        for device in &spec.devices {
            if spec.driver == driver && spec.pool.name == pool && device.name == name {
                return Ok(DeviceInput::new(&spec.driver, device));
            }
            known.push(device_id(&spec.driver, &spec.pool.name, &device.name));
        }
    }
    Err(unknown_device(id, known))
}

/// "No such device", naming the devices whose names are closest.
fn unknown_device(id: &str, mut known: Vec<String>) -> String {
    const SHOWN: usize = 5;
    if known.is_empty() {
        return format!("no device {id}: the scenario has no devices");
    }
    known.dedup();
    let limit = (id.chars().count() / 4).max(2);
    let mut near: Vec<(usize, &String)> = known
        .iter()
        .map(|k| (distance(id, k), k))
        .filter(|(d, _)| *d <= limit)
        .collect();
    near.sort();
    if !near.is_empty() {
        let names: Vec<&str> = near.iter().take(SHOWN).map(|(_, k)| k.as_str()).collect();
        return format!("no device {id}; similar names: {}", names.join(", "));
    }
    let more = match known.len().saturating_sub(SHOWN) {
        0 => String::new(),
        n => format!(" (and {n} more)"),
    };
    let names: Vec<&str> = known.iter().take(SHOWN).map(String::as_str).collect();
    format!(
        "no device {id}; the scenario's devices: {}{more}",
        names.join(", ")
    )
}

/// Levenshtein distance, in characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitute = previous + usize::from(ca != cb);
            previous = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}
