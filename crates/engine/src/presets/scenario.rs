//! Whole scenarios from a preset: its hardware on many nodes, plus pods whose
//! claims (from ResourceClaimTemplates) ask for that hardware in varied
//! shapes. `dra-playground generate` prints them and the benchmarks run them.
//!
//! **Invariant:** the same options give the same text (the shapes and the
//! pods' choices come from a small seeded generator, never from the clock),
//! and the text loads without problems with every feature gate on.

use std::fmt::Write;

use super::{generate, Options, Preset, MAX_DEVICES_PER_NODE, MAX_NODES};

/// Most nodes, pods and claims per pod a generated scenario has: the size
/// of the largest GPU clusters, far beyond what a browser tab runs
/// comfortably, within the command line's limits (`crate::limits`).
pub const MAX_SCENARIO_NODES: usize = 5_000;
/// Most pods of a generated scenario.
pub const MAX_PODS: usize = 20_000;
/// Most claims per pod.
pub const MAX_CLAIMS_PER_POD: usize = 8;
/// Most alternatives in a prioritized list (the apiserver's limit).
pub const MAX_SUBREQUESTS: usize = 8;

/// What a generated scenario holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioOptions {
    /// The kind of hardware on every node.
    pub preset: Preset,
    /// How many nodes.
    pub nodes: usize,
    /// Devices per node; None for the preset's default.
    pub devices_per_node: Option<usize>,
    /// How many pods.
    pub pods: usize,
    /// Claims per pod, each from a template.
    pub claims_per_pod: usize,
    /// Most devices one claim asks for; None for an equal share of a node's
    /// devices among a pod's claims (so that every pod fits on an empty node).
    pub devices_per_claim: Option<usize>,
    /// 0 or 1: each claim asks for one shape (`exactly`); 2 to 8: each asks
    /// for a prioritized list (`firstAvailable`) of that many alternatives,
    /// the most demanding first.
    pub subrequests: usize,
    /// Seeds the choice of shapes: the same seed gives the same scenario.
    pub seed: u64,
}

impl Default for ScenarioOptions {
    fn default() -> Self {
        ScenarioOptions {
            preset: Preset::ExampleGpu,
            nodes: 4,
            devices_per_node: None,
            pods: 8,
            claims_per_pod: 1,
            devices_per_claim: None,
            subrequests: 0,
            seed: 1,
        }
    }
}

/// One alternative a request may be satisfied with.
#[derive(Clone, Debug)]
struct Shape {
    class: &'static str,
    count: usize,
    selector: Option<String>,
    /// Consumable capacity to request from each device (name, quantity).
    capacity: Vec<(&'static str, String)>,
}

/// A claim template: a name, one request (with alternatives when prioritized),
/// and whether the devices must share a PCIe root.
#[derive(Clone, Debug)]
struct Template {
    name: String,
    alternatives: Vec<Shape>,
    same_pcie_root: bool,
}

/// SplitMix64: tiny, seeded and good enough to vary shapes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The options with every number brought into range.
fn clamped(o: &ScenarioOptions) -> ScenarioOptions {
    ScenarioOptions {
        preset: o.preset,
        nodes: o.nodes.clamp(1, MAX_SCENARIO_NODES),
        devices_per_node: o.devices_per_node.map(|d| d.clamp(1, MAX_DEVICES_PER_NODE)),
        pods: o.pods.min(MAX_PODS),
        claims_per_pod: o.claims_per_pod.clamp(1, MAX_CLAIMS_PER_POD),
        devices_per_claim: o
            .devices_per_claim
            .map(|d| d.clamp(1, MAX_DEVICES_PER_NODE)),
        subrequests: if o.subrequests < 2 {
            0
        } else {
            o.subrequests.min(MAX_SUBREQUESTS)
        },
        seed: o.seed,
    }
}

/// Generates the scenario: a comment naming the options, the preset's
/// DeviceClasses, Nodes and ResourceSlices, then the claim templates, then
/// the pods, as one YAML stream.
pub fn scenario(options: &ScenarioOptions) -> String {
    let o = clamped(options);
    let devices = o
        .devices_per_node
        .unwrap_or(o.preset.default_devices())
        .min(o.preset.max_devices());
    let mut out = format!(
        "# Generated: preset {}, {} node{} with {} device{} each, {} pod{} with {} claim{} each{}, seed {}.\n",
        o.preset.name(),
        o.nodes,
        plural(o.nodes),
        devices,
        plural(devices),
        o.pods,
        plural(o.pods),
        o.claims_per_pod,
        plural(o.claims_per_pod),
        if o.subrequests > 0 {
            format!(" (prioritized lists of {})", o.subrequests)
        } else {
            String::new()
        },
        o.seed
    );
    let mut first = 1;
    while first <= o.nodes {
        let chunk = (o.nodes + 1 - first).min(MAX_NODES);
        if first > 1 {
            out.push_str("---\n");
        }
        out.push_str(&generate(
            o.preset,
            &Options {
                nodes: chunk,
                first_node: first,
                node_prefix: None,
                devices_per_node: Some(devices),
                device_classes: first == 1,
            },
        ));
        first += chunk;
    }
    if o.pods == 0 {
        return out;
    }
    let mut rng = Rng(o.seed);
    // Unless told otherwise, a pod's claims fit on one node together: each asks for at most
    // its share of the devices.
    let share = o
        .devices_per_claim
        .unwrap_or((devices / o.claims_per_pod).max(1));
    let templates = templates(o.preset, share, o.subrequests, &mut rng);
    for t in &templates {
        out.push_str("---\n");
        write_template(&mut out, t);
    }
    let width = o.pods.to_string().len().max(4);
    for p in 1..=o.pods {
        let _ = write!(
            out,
            "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-{p:0width$}\nspec:\n  resourceClaims:\n"
        );
        for c in 1..=o.claims_per_pod {
            let t = &templates[rng.below(templates.len())];
            let _ = writeln!(
                out,
                "  - name: claim-{c}\n    resourceClaimTemplateName: {}",
                t.name
            );
        }
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

impl Preset {
    /// Most devices per node the preset makes (8 GPUs with their partitions
    /// for `nvidia-gpu`).
    pub fn max_devices(self) -> usize {
        match self {
            Preset::NvidiaGpu => 8,
            _ => MAX_DEVICES_PER_NODE,
        }
    }
}

/// The claim shapes pods choose from: a handful per preset, varied by the seed, none asking
/// for more than `share` devices.
fn templates(preset: Preset, share: usize, subrequests: usize, rng: &mut Rng) -> Vec<Template> {
    (1..=6)
        .map(|i| {
            let (base, same_pcie_root) = base_shape(preset, share, rng);
            let alternatives = if subrequests == 0 {
                vec![base]
            } else {
                alternatives(&base, subrequests)
            };
            Template {
                name: format!("{}-shape-{i}", preset.name()),
                alternatives,
                same_pcie_root,
            }
        })
        .collect()
}

/// One shape of the preset's hardware for at most `devices` devices, and
/// whether its devices must share a PCIe root.
fn base_shape(preset: Preset, devices: usize, rng: &mut Rng) -> (Shape, bool) {
    let driver = preset.driver();
    match preset {
        Preset::NvidiaGpu => {
            if rng.below(3) == 0 {
                // Whole GPUs, one or two; two share a PCIe root (GPUs pair up on roots).
                let count = 1 + rng.below(2.min(devices));
                let shape = Shape {
                    class: "gpu.nvidia.com",
                    count,
                    selector: Some(format!(
                        r#"device.attributes["{driver}"].cudaComputeCapability.isGreaterThan(semver("7.0.0"))"#
                    )),
                    capacity: Vec::new(),
                };
                (shape, count > 1)
            } else {
                // MIG partitions: they consume the shared counters of their GPU.
                let profile = ["1g.5gb", "2g.10gb", "3g.20gb"][rng.below(3)];
                let shape = Shape {
                    class: "mig.nvidia.com",
                    count: 1 + rng.below(2),
                    selector: Some(format!(
                        r#"device.attributes["{driver}"].profile == "{profile}""#
                    )),
                    capacity: Vec::new(),
                };
                (shape, false)
            }
        }
        Preset::ExampleGpu => {
            let memory = [16, 40, 64, 80][rng.below(4)];
            let shape = Shape {
                class: "gpu.example.com",
                count: 1 + rng.below(devices.min(4)),
                selector: Some(format!(
                    r#"device.capacity["{driver}"].memory.compareTo(quantity("{memory}Gi")) >= 0 && device.attributes["{driver}"].driverVersion.isGreaterThan(semver("0.9.0"))"#
                )),
                capacity: Vec::new(),
            };
            (shape, false)
        }
        Preset::Tpu => {
            let count = [1, 2, 4][rng.below(3)].min(devices);
            let shape = Shape {
                class: "tpu.google.com",
                count,
                selector: Some(format!(
                    r#"device.attributes["{driver}"].tpuVersion == "v5e""#
                )),
                capacity: Vec::new(),
            };
            (shape, false)
        }
        Preset::Nic => {
            let gbps = 5 * (1 + rng.below(10));
            let shape = Shape {
                class: "nic.example.com",
                count: 1,
                selector: Some(format!(r#"device.attributes["{driver}"].rdma"#)),
                capacity: vec![("bandwidth", format!("{gbps}G"))],
            };
            (shape, false)
        }
        Preset::CpuNuma => {
            let cpus = 1 + rng.below(8);
            let memory = 4 * (1 + rng.below(8));
            let shape = Shape {
                class: "cpu.example.com",
                count: 1,
                selector: None,
                capacity: vec![
                    ("cpus", format!("\"{cpus}\"")),
                    ("memory", format!("{memory}Gi")),
                ],
            };
            (shape, false)
        }
    }
}

/// `n` alternatives ending with `base`, each before it more demanding: more
/// devices (counts) or more capacity (consumable capacity).
fn alternatives(base: &Shape, n: usize) -> Vec<Shape> {
    (0..n)
        .rev()
        .map(|step| {
            let mut s = base.clone();
            if s.capacity.is_empty() {
                s.count = base.count + step;
            } else {
                s.capacity = base
                    .capacity
                    .iter()
                    .map(|(k, v)| (*k, scale_quantity(v, step + 1)))
                    .collect();
            }
            s
        })
        .collect()
}

/// `"4"` × 3 → `"12"`, `40G` × 2 → `80G`: the number before the suffix, scaled.
fn scale_quantity(q: &str, factor: usize) -> String {
    let quoted = q.starts_with('"');
    let inner = q.trim_matches('"');
    let digits = inner.chars().take_while(char::is_ascii_digit).count();
    let n: usize = inner[..digits].parse().unwrap_or(1);
    let scaled = format!("{}{}", n * factor, &inner[digits..]);
    if quoted {
        format!("\"{scaled}\"")
    } else {
        scaled
    }
}

fn write_template(out: &mut String, t: &Template) {
    let _ = write!(
        out,
        "apiVersion: resource.k8s.io/v1\nkind: ResourceClaimTemplate\nmetadata:\n  name: {}\nspec:\n  spec:\n    devices:\n      requests:\n      - name: req\n",
        t.name
    );
    if let [only] = t.alternatives.as_slice() {
        out.push_str("        exactly:\n");
        write_shape(out, only, "          ");
    } else {
        out.push_str("        firstAvailable:\n");
        for (i, s) in t.alternatives.iter().enumerate() {
            let _ = writeln!(out, "        - name: alt-{}", i + 1);
            write_shape(out, s, "          ");
        }
    }
    if t.same_pcie_root {
        out.push_str(
            "      constraints:\n      - requests: [req]\n        matchAttribute: resource.kubernetes.io/pcieRoot\n",
        );
    }
}

fn write_shape(out: &mut String, s: &Shape, indent: &str) {
    let _ = writeln!(out, "{indent}deviceClassName: {}", s.class);
    let _ = writeln!(out, "{indent}allocationMode: ExactCount");
    let _ = writeln!(out, "{indent}count: {}", s.count);
    if let Some(sel) = &s.selector {
        let _ = writeln!(
            out,
            "{indent}selectors:\n{indent}- cel:\n{indent}    expression: '{sel}'"
        );
    }
    if !s.capacity.is_empty() {
        let _ = writeln!(out, "{indent}capacity:\n{indent}  requests:");
        for (k, v) in &s.capacity {
            let _ = writeln!(out, "{indent}    {k}: {v}");
        }
    }
}
