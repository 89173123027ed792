//! Hardware presets: Nodes and ResourceSlices of a known kind of hardware, as
//! scenario YAML that a person can then edit.
//!
//! The web app's "Add hardware" action calls [`generate`]. Its output is a
//! YAML stream (documents separated by `---`, no leading or trailing
//! separator) that loads without problems with every feature gate on:
//! optionally the DeviceClasses, then for each node its `Node` and its slices.
//! [`scenario`] adds pods with template claims to a preset's hardware on any
//! number of nodes (for `dra-playground generate` and the benchmarks).
//!
//! **Invariant:** plain text in, plain text out; device and counter names are
//! DNS labels, and a pool's slices always agree on `resourceSliceCount`.

use std::fmt::Write;

mod scenario;

pub use scenario::*;

/// A kind of hardware.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Preset {
    /// NVIDIA-style GPUs (gpu.nvidia.com attributes) with MIG partitions on shared counters.
    NvidiaGpu,
    /// The GPUs of Kubernetes' dra-example-driver (gpu.example.com).
    ExampleGpu,
    /// Google TPU-like chips, four per host.
    Tpu,
    /// Network cards whose bandwidth is consumable capacity.
    Nic,
    /// CPUs grouped per NUMA node, with consumable cores and memory.
    CpuNuma,
}

/// How much to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// How many nodes.
    pub nodes: usize,
    /// The number of the first node (nodes are `PREFIX-N`).
    pub first_node: usize,
    /// Node name prefix; None for the preset's own (`gpu-node`, ...).
    pub node_prefix: Option<String>,
    /// Devices (GPUs, chips, NICs, NUMA nodes) per node; None for the preset's default.
    pub devices_per_node: Option<usize>,
    /// Also emit the DeviceClasses that select this hardware.
    pub device_classes: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            nodes: 1,
            first_node: 1,
            node_prefix: None,
            devices_per_node: None,
            device_classes: true,
        }
    }
}

/// Most nodes one call generates.
pub const MAX_NODES: usize = 64;
/// Most devices per node one call generates.
pub const MAX_DEVICES_PER_NODE: usize = 16;

impl Preset {
    /// Every preset, in menu order.
    pub const ALL: [Preset; 5] = [
        Preset::NvidiaGpu,
        Preset::ExampleGpu,
        Preset::Tpu,
        Preset::Nic,
        Preset::CpuNuma,
    ];

    /// Short name, for the command line and the app.
    pub fn name(self) -> &'static str {
        match self {
            Preset::NvidiaGpu => "nvidia-gpu",
            Preset::ExampleGpu => "example-gpu",
            Preset::Tpu => "tpu",
            Preset::Nic => "nic",
            Preset::CpuNuma => "cpu",
        }
    }

    /// The preset with this short name.
    pub fn from_name(name: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.name() == name)
    }

    /// Title for a menu.
    pub fn title(self) -> &'static str {
        match self {
            Preset::NvidiaGpu => "NVIDIA-style GPUs with MIG partitions",
            Preset::ExampleGpu => "dra-example-driver GPUs",
            Preset::Tpu => "TPU host (4 chips)",
            Preset::Nic => "NICs with shared bandwidth",
            Preset::CpuNuma => "CPUs per NUMA node",
        }
    }

    /// The driver name.
    pub fn driver(self) -> &'static str {
        match self {
            Preset::NvidiaGpu => "gpu.nvidia.com",
            Preset::ExampleGpu => "gpu.example.com",
            Preset::Tpu => "tpu.google.com",
            Preset::Nic => "nic.example.com",
            Preset::CpuNuma => "cpu.example.com",
        }
    }

    /// The DeviceClasses emitted with `device_classes` (name, CEL selector).
    pub fn device_classes(self) -> Vec<(&'static str, &'static str)> {
        match self {
            Preset::NvidiaGpu => vec![
                (
                    "gpu.nvidia.com",
                    r#"device.driver == "gpu.nvidia.com" && device.attributes["gpu.nvidia.com"].type == "gpu""#,
                ),
                (
                    "mig.nvidia.com",
                    r#"device.driver == "gpu.nvidia.com" && device.attributes["gpu.nvidia.com"].type == "mig""#,
                ),
            ],
            Preset::ExampleGpu => {
                vec![("gpu.example.com", r#"device.driver == "gpu.example.com""#)]
            }
            Preset::Tpu => vec![("tpu.google.com", r#"device.driver == "tpu.google.com""#)],
            Preset::Nic => vec![("nic.example.com", r#"device.driver == "nic.example.com""#)],
            Preset::CpuNuma => vec![("cpu.example.com", r#"device.driver == "cpu.example.com""#)],
        }
    }

    fn node_prefix(self) -> &'static str {
        match self {
            Preset::NvidiaGpu => "gpu-node",
            Preset::ExampleGpu => "example-node",
            Preset::Tpu => "tpu-node",
            Preset::Nic => "net-node",
            Preset::CpuNuma => "cpu-node",
        }
    }

    /// Devices per node unless told otherwise.
    pub fn default_devices(self) -> usize {
        match self {
            Preset::NvidiaGpu => 2,
            Preset::ExampleGpu => 4,
            Preset::Tpu => 4,
            Preset::Nic => 2,
            Preset::CpuNuma => 2,
        }
    }
}

/// The node names `generate` uses with these options.
pub fn node_names(preset: Preset, options: &Options) -> Vec<String> {
    let prefix = options
        .node_prefix
        .clone()
        .unwrap_or_else(|| preset.node_prefix().to_owned());
    (0..options.nodes.clamp(1, MAX_NODES))
        .map(|i| format!("{prefix}-{}", options.first_node + i))
        .collect()
}

/// Generates the preset's YAML.
pub fn generate(preset: Preset, options: &Options) -> String {
    let devices = options
        .devices_per_node
        .unwrap_or(preset.default_devices())
        .clamp(1, MAX_DEVICES_PER_NODE);
    let mut docs: Vec<String> = Vec::new();
    if options.device_classes {
        for (name, expression) in preset.device_classes() {
            docs.push(format!(
                "apiVersion: resource.k8s.io/v1\nkind: DeviceClass\nmetadata:\n  name: {name}\nspec:\n  selectors:\n  - cel:\n      expression: '{expression}'\n"
            ));
        }
    }
    for node in node_names(preset, options) {
        docs.push(node_doc(preset, &node));
        match preset {
            Preset::NvidiaGpu => nvidia(&node, devices, &mut docs),
            Preset::ExampleGpu => example_gpu(&node, devices, &mut docs),
            Preset::Tpu => tpu(&node, devices, &mut docs),
            Preset::Nic => nic(&node, devices, &mut docs),
            Preset::CpuNuma => cpu(&node, devices, &mut docs),
        }
    }
    docs.join("---\n")
}

fn node_doc(preset: Preset, node: &str) -> String {
    let labels: &[(&str, &str)] = match preset {
        Preset::NvidiaGpu => &[("nvidia.com/gpu.present", "\"true\"")],
        Preset::ExampleGpu => &[("example.com/gpu", "\"true\"")],
        Preset::Tpu => &[
            (
                "cloud.google.com/gke-tpu-accelerator",
                "tpu-v5-lite-podslice",
            ),
            ("cloud.google.com/gke-tpu-topology", "2x2"),
        ],
        Preset::Nic => &[("example.com/network", "rdma")],
        Preset::CpuNuma => &[("example.com/numa-nodes", "\"2\"")],
    };
    let mut s = format!("apiVersion: v1\nkind: Node\nmetadata:\n  name: {node}\n  labels:\n    kubernetes.io/hostname: {node}\n");
    for (k, v) in labels {
        let _ = writeln!(s, "    {k}: {v}");
    }
    s
}

fn slice_header(name: &str, driver: &str, node: &str, count: usize) -> String {
    format!(
        "apiVersion: resource.k8s.io/v1\nkind: ResourceSlice\nmetadata:\n  name: {name}\nspec:\n  driver: {driver}\n  nodeName: {node}\n  pool:\n    name: {node}\n    generation: 1\n    resourceSliceCount: {count}\n"
    )
}

/// MIG profiles of a 40 GB GPU: (profile, compute slices, memory GiB, how many fit).
const MIG_PROFILES: [(&str, u32, u32, usize); 3] = [
    ("3g.20gb", 3, 20, 2),
    ("2g.10gb", 2, 10, 3),
    ("1g.5gb", 1, 5, 7),
];

fn nvidia(node: &str, gpus: usize, docs: &mut Vec<String>) {
    // One slice of counter sets (at most 8 per slice), then one slice of devices per GPU
    // (a whole GPU and its 12 MIG partitions; at most 64 such devices per slice).
    let gpus = gpus.min(8);
    let driver = Preset::NvidiaGpu.driver();
    let count = 1 + gpus;
    let mut counters = slice_header(&format!("{node}-gpu-counters"), driver, node, count);
    counters.push_str("  sharedCounters:\n");
    for g in 0..gpus {
        let _ = write!(
            counters,
            "  - name: gpu-{g}-counters\n    counters:\n      compute:\n        value: \"7\"\n      memory:\n        value: 40Gi\n"
        );
    }
    docs.push(counters);

    for g in 0..gpus {
        let mut s = slice_header(&format!("{node}-gpu-{g}"), driver, node, count);
        s.push_str("  devices:\n");
        let uuid = format!("GPU-{:08x}-{g:04x}", fnv(node));
        let pcie = format!("pci0000:{:02x}", g / 2);
        let _ = write!(
            s,
            "  - name: gpu-{g}\n    attributes:\n      type:\n        string: gpu\n      index:\n        int: {g}\n      uuid:\n        string: {uuid}\n      productName:\n        string: NVIDIA A100-SXM4-40GB\n      architecture:\n        string: Ampere\n      cudaComputeCapability:\n        version: 8.0.0\n      driverVersion:\n        version: 550.54.15\n      resource.kubernetes.io/pcieRoot:\n        string: {pcie}\n    capacity:\n      memory:\n        value: 40Gi\n    consumesCounters:\n    - counterSet: gpu-{g}-counters\n      counters:\n        compute:\n          value: \"7\"\n        memory:\n          value: 40Gi\n"
        );
        for (profile, compute, memory, count) in MIG_PROFILES {
            let short = profile.replace('.', "");
            for m in 0..count {
                let _ = write!(
                    s,
                    "  - name: gpu-{g}-mig-{short}-{m}\n    attributes:\n      type:\n        string: mig\n      profile:\n        string: {profile}\n      parentIndex:\n        int: {g}\n      parentUUID:\n        string: {uuid}\n      productName:\n        string: NVIDIA A100-SXM4-40GB\n      resource.kubernetes.io/pcieRoot:\n        string: {pcie}\n    capacity:\n      memory:\n        value: {memory}Gi\n    consumesCounters:\n    - counterSet: gpu-{g}-counters\n      counters:\n        compute:\n          value: \"{compute}\"\n        memory:\n          value: {memory}Gi\n"
                );
            }
        }
        docs.push(s);
    }
}

fn example_gpu(node: &str, gpus: usize, docs: &mut Vec<String>) {
    let mut s = slice_header(
        &format!("{node}-gpu.example.com"),
        Preset::ExampleGpu.driver(),
        node,
        1,
    );
    s.push_str("  devices:\n");
    for g in 0..gpus {
        let _ = write!(
            s,
            "  - name: gpu-{g}\n    attributes:\n      index:\n        int: {g}\n      uuid:\n        string: gpu-{:08x}-{g:04x}\n      model:\n        string: LATEST-GPU-MODEL\n      driverVersion:\n        version: 1.0.0\n    capacity:\n      memory:\n        value: 80Gi\n",
            fnv(node)
        );
    }
    docs.push(s);
}

fn tpu(node: &str, chips: usize, docs: &mut Vec<String>) {
    let mut s = slice_header(&format!("{node}-tpus"), Preset::Tpu.driver(), node, 1);
    s.push_str("  devices:\n");
    for c in 0..chips {
        let _ = write!(
            s,
            "  - name: tpu-{c}\n    attributes:\n      index:\n        int: {c}\n      tpuVersion:\n        string: v5e\n      topology:\n        string: 2x2\n      coords:\n        string: \"{},{}\"\n    capacity:\n      hbm:\n        value: 16Gi\n",
            c % 2,
            c / 2
        );
    }
    docs.push(s);
}

fn nic(node: &str, nics: usize, docs: &mut Vec<String>) {
    let mut s = slice_header(&format!("{node}-nics"), Preset::Nic.driver(), node, 1);
    s.push_str("  devices:\n");
    for n in 0..nics {
        let _ = write!(
            s,
            "  - name: nic-{n}\n    allowMultipleAllocations: true\n    attributes:\n      model:\n        string: example-100g\n      rdma:\n        bool: true\n      resource.kubernetes.io/pcieRoot:\n        string: pci0000:{:02x}\n    capacity:\n      bandwidth:\n        value: 100G\n        requestPolicy:\n          default: 10G\n          validRange:\n            min: 1G\n            step: 1G\n",
            n
        );
    }
    docs.push(s);
}

fn cpu(node: &str, numa: usize, docs: &mut Vec<String>) {
    let mut s = slice_header(&format!("{node}-cpus"), Preset::CpuNuma.driver(), node, 1);
    s.push_str("  devices:\n");
    for n in 0..numa {
        let _ = write!(
            s,
            "  - name: numa-{n}\n    allowMultipleAllocations: true\n    attributes:\n      numaNode:\n        int: {n}\n      socket:\n        int: {n}\n      model:\n        string: example-cpu-32c\n    capacity:\n      cpus:\n        value: \"32\"\n        requestPolicy:\n          default: \"1\"\n          validRange:\n            min: \"1\"\n            step: \"1\"\n      memory:\n        value: 128Gi\n        requestPolicy:\n          default: 1Gi\n          validRange:\n            min: 1Gi\n            step: 1Gi\n"
        );
    }
    docs.push(s);
}

/// A small stable hash, so generated UUIDs differ per node but never per run.
fn fnv(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests;
