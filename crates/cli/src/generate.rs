//! `dra-playground generate`: a scenario made from a hardware preset, with pods
//! whose claims ask for that hardware, printed as YAML (see
//! `dra_engine::presets::scenario`). `allocate` runs it as it is.

use std::process::ExitCode;

use dra_engine::limits::MAX_COMMAND_LINE_SCENARIO_BYTES;
use dra_engine::presets::{self, Preset, ScenarioOptions};

/// Arguments of `generate`.
#[derive(clap::Args)]
pub struct GenerateArgs {
    /// The hardware on every node: nvidia-gpu (GPUs with MIG partitions on
    /// shared counters), example-gpu, tpu, nic (consumable bandwidth) or cpu
    /// (consumable cores and memory per NUMA node).
    #[arg(long, default_value = "example-gpu", value_parser = parse_preset)]
    preset: Preset,
    /// How many nodes.
    #[arg(long, default_value_t = 10,
          value_parser = clap::value_parser!(u32).range(1..=presets::MAX_SCENARIO_NODES as i64))]
    nodes: u32,
    /// Devices per node (GPUs, chips, NICs or NUMA nodes; at most 8 GPUs for
    /// nvidia-gpu, each with 12 MIG partitions); the preset's default if not given.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=presets::MAX_DEVICES_PER_NODE as i64))]
    devices_per_node: Option<u32>,
    /// How many pods.
    #[arg(long, default_value_t = 10,
          value_parser = clap::value_parser!(u32).range(0..=presets::MAX_PODS as i64))]
    pods: u32,
    /// Claims per pod, each made from one of six ResourceClaimTemplates.
    #[arg(long, default_value_t = 2,
          value_parser = clap::value_parser!(u32).range(1..=presets::MAX_CLAIMS_PER_POD as i64))]
    claims_per_pod: u32,
    /// Most devices one claim asks for; by default a pod's claims share a
    /// node's devices, so that every pod fits on an empty node.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=presets::MAX_DEVICES_PER_NODE as i64))]
    devices_per_claim: Option<u32>,
    /// Make each request a prioritized list (firstAvailable) of this many
    /// alternatives, the most demanding first (2 to 8; 0 for none).
    #[arg(long, default_value_t = 0,
          value_parser = clap::value_parser!(u32).range(0..=presets::MAX_SUBREQUESTS as i64))]
    subrequests: u32,
    /// Seeds the choice of claim shapes: the same seed gives the same scenario.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn parse_preset(name: &str) -> Result<Preset, String> {
    Preset::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Preset::ALL.iter().map(|p| p.name()).collect();
        format!("unknown preset; choose one of {}", names.join(", "))
    })
}

/// Prints the scenario.
pub fn run(args: &GenerateArgs) -> ExitCode {
    if args.subrequests == 1 {
        eprintln!("--subrequests: a prioritized list needs 2 to 8 alternatives (or 0 for none)");
        return ExitCode::from(crate::EXIT_INVALID_INPUT);
    }
    let most = args.preset.max_devices();
    if let Some(d) = args.devices_per_node.filter(|&d| d as usize > most) {
        eprintln!(
            "--devices-per-node: {} has at most {most} devices per node, not {d}",
            args.preset.name()
        );
        return ExitCode::from(crate::EXIT_INVALID_INPUT);
    }
    let yaml = presets::scenario(&ScenarioOptions {
        preset: args.preset,
        nodes: args.nodes as usize,
        devices_per_node: args.devices_per_node.map(|d| d as usize),
        pods: args.pods as usize,
        claims_per_pod: args.claims_per_pod as usize,
        devices_per_claim: args.devices_per_claim.map(|d| d as usize),
        subrequests: args.subrequests as usize,
        seed: args.seed,
    });
    // What `allocate` (and the app) could not load is refused here.
    if yaml.len() > MAX_COMMAND_LINE_SCENARIO_BYTES {
        eprintln!(
            "the generated scenario would have {} bytes, more than the \
             {MAX_COMMAND_LINE_SCENARIO_BYTES} bytes the command line loads; ask for fewer \
             nodes, devices or pods",
            yaml.len()
        );
        return ExitCode::from(crate::EXIT_INVALID_INPUT);
    }
    print!("{yaml}");
    ExitCode::SUCCESS
}
