//! Time per run of the engine (`cargo bench -p dra-engine`; results in
//! docs/benchmarks.md).
//!
//! - `examples`: each gallery example, loaded, validated and run as the
//!   command line does; and all of them through `playground::analyze`, as the
//!   web app does on every edit.
//! - `conformance`: the largest upstream and random conformance cases.
//! - `load`: YAML to objects (with validation) for generated clusters and the
//!   500-node reference cluster; every other group times the run alone.
//! - `loader`: the loader's stages in MB/s of YAML, on the reference cluster
//!   and a generated 1,000-node cluster: the YAML tree alone
//!   (`yaml::parse`), YAML to objects without validation, and the whole load.
//! - `nodes`, `pods`, `devices`: generated clusters (`presets::scenario`,
//!   dra-example-driver GPUs, three claims per pod), one dimension at a time;
//!   `load` shows what reading their YAML costs.
//! - `partitionable`: NVIDIA-style GPUs, each with 12 MIG partitions on
//!   shared counters (104 devices per node).
//! - `prioritized`: every request a prioritized list of 8 alternatives, the
//!   most demanding first.
//! - `backtracking`: one claim with k single-device requests under one
//!   `distinctAttribute`, on devices with k − 1 distinct values: no allocation
//!   exists and the search tries every assignment (grows exponentially in k).
//! - `scoring`: generated clusters of 10, 100 and 1,000 nodes, 100 pods,
//!   scheduled with scoring and with `--no-scoring` (the first feasible node).
//! - `perf`: the 500-node, 1,200-pod reference cluster (tests/perf), with
//!   and without scoring.
//! - `scale`: 5,000 nodes with 8 GPUs each (the largest GPU clusters),
//!   1,000 pods, with and without scoring (loaded within the command line's
//!   limits; more pods take minutes per run today, see docs/benchmarks.md).
//! - `explain`: what explanations cost on top of a run, on the largest
//!   conformance cases, a backtracking search and a generated cluster: the
//!   run alone, `explain` (funnels, device views, hints), `explain` with the
//!   search trace, and with the selector matrix too. A run that is not
//!   explained records nothing (`run` here and in the other groups).
//! - `timeline`: a 100-node cluster (8 GPUs a node, 300 pods) over 50
//!   steps: at each a pod finishes and a new one arrives, every fifth step
//!   a GPU is tainted NoExecute (its pod evicted); the whole timeline, and
//!   the time per step; and the run again after an edit to the last step
//!   and to the 25th (`timeline::Resumable`: the steps from the edit on).
//!
//! Each group keeps its measurement short; large cases take 10 samples.

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkGroup, Criterion};
use criterion::{measurement::WallTime, SamplingMode};
use dra_engine::api::Object;
use dra_engine::explain::{explain_loaded, ExplainOptions};
use dra_engine::features::Features;
use dra_engine::limits::Limits;
use dra_engine::load::{load_scenario, load_scenario_within, LoadOptions};
use dra_engine::playground::analyze;
use dra_engine::presets::{scenario, Preset, ScenarioOptions};
use dra_engine::scheduler::SchedulerOptions;
use dra_engine::timeline::Resumable;
use dra_engine::{run_scenario, scheduler, RunOptions};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

/// The objects of a scenario that loads without errors, ready to run.
struct Loaded {
    objects: Vec<Object>,
    features: Features,
}

fn load(text: &str, skip_validation: bool) -> Loaded {
    let loaded = load_scenario(text, &LoadOptions { skip_validation });
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    Loaded {
        features: loaded.features,
        objects: loaded.objects.into_iter().map(|o| o.object).collect(),
    }
}

/// Times the simulated scheduler alone (the objects are cloned outside the timing).
fn bench_run(group: &mut BenchmarkGroup<'_, WallTime>, id: &str, loaded: &Loaded) {
    group.bench_function(id, |b| {
        b.iter_batched(
            || loaded.objects.clone(),
            |objects| scheduler::run(objects, loaded.features),
            BatchSize::LargeInput,
        )
    });
}

/// Times the simulated scheduler with options (scoring on or off).
fn bench_run_with(
    group: &mut BenchmarkGroup<'_, WallTime>,
    id: &str,
    loaded: &Loaded,
    options: &SchedulerOptions,
) {
    group.bench_function(id, |b| {
        b.iter_batched(
            || loaded.objects.clone(),
            |objects| scheduler::run_with(objects, loaded.features, options, None),
            BatchSize::LargeInput,
        )
    });
}

/// Scoring on (the default) and off (`--no-scoring`).
fn scoring_modes() -> [(&'static str, SchedulerOptions); 2] {
    [
        ("scoring", SchedulerOptions::default()),
        (
            "no-scoring",
            SchedulerOptions {
                no_scoring: true,
                ..SchedulerOptions::default()
            },
        ),
    ]
}

/// A group for runs of milliseconds and more: few samples of one run each.
fn slow_group<'a>(c: &'a mut Criterion, name: &str) -> BenchmarkGroup<'a, WallTime> {
    let mut group = c.benchmark_group(name);
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    group
}

/// A group for runs well under a millisecond.
fn quick_group<'a>(c: &'a mut Criterion, name: &str) -> BenchmarkGroup<'a, WallTime> {
    let mut group = c.benchmark_group(name);
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    group
}

/// dra-example-driver GPUs; pods with three claims of up to `per_claim` GPUs
/// each (by default a third of a node's GPUs, so that each pod fits on an
/// empty node).
fn gpus(nodes: usize, devices: usize, pods: usize, per_claim: Option<usize>) -> String {
    scenario(&ScenarioOptions {
        preset: Preset::ExampleGpu,
        nodes,
        devices_per_node: Some(devices),
        pods,
        claims_per_pod: 3,
        devices_per_claim: per_claim,
        subrequests: 0,
        seed: 1,
    })
}

fn examples(c: &mut Criterion) {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("examples"))
        .expect("examples/")
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|p| {
            let name = p
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            (name, read(p))
        })
        .collect();
    let mut group = quick_group(c, "examples");
    for (name, text) in &texts {
        group.bench_function(name.as_str(), |b| {
            b.iter(|| run_scenario(text, &RunOptions::default()))
        });
    }
    group.bench_function("all-17-analyze", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|(_, t)| analyze(t, &RunOptions::default()).diagnostics.len())
                .sum::<usize>()
        })
    });
    group.finish();
}

/// The `n` largest scenarios of a conformance folder.
fn largest_cases(folder: &str, n: usize) -> Vec<(String, String)> {
    let dir = repo().join("tests/conformance").join(folder);
    let mut cases: Vec<(u64, PathBuf)> = std::fs::read_dir(&dir)
        .expect("conformance folder")
        .filter_map(|e| {
            let path = e.ok()?.path();
            let name = path.file_name()?.to_str()?;
            (name.ends_with(".yaml") && !name.ends_with(".expected.yaml"))
                .then(|| Some((path.metadata().ok()?.len(), path)))?
        })
        .collect();
    cases.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    cases
        .into_iter()
        .take(n)
        .map(|(_, p)| {
            let name = p.file_stem().unwrap_or_default().to_string_lossy();
            (format!("{folder}/{name}"), read(&p))
        })
        .collect()
}

fn conformance(c: &mut Criterion) {
    let mut group = quick_group(c, "conformance");
    for (name, text) in largest_cases("upstream", 3)
        .into_iter()
        .chain(largest_cases("random", 3))
    {
        // Conformance cases run as SCENARIO.md says: without validation.
        group.bench_function(format!("{name}/load"), |b| {
            b.iter(|| {
                load_scenario(
                    &text,
                    &LoadOptions {
                        skip_validation: true,
                    },
                )
            })
        });
        bench_run(&mut group, &format!("{name}/run"), &load(&text, true));
    }
    group.finish();
}

fn loading(c: &mut Criterion) {
    let mut group = slow_group(c, "load");
    for nodes in [10, 100, 1000] {
        let text = gpus(nodes, 8, 100, None);
        group.throughput(criterion::Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("gpus-{nodes}x8-100-pods"), |b| {
            b.iter(|| load_scenario(&text, &LoadOptions::default()))
        });
        if nodes == 1000 {
            group.bench_function(format!("gpus-{nodes}x8-100-pods-unvalidated"), |b| {
                b.iter(|| {
                    load_scenario(
                        &text,
                        &LoadOptions {
                            skip_validation: true,
                        },
                    )
                })
            });
        }
    }
    let perf = read(&repo().join("tests/perf/cluster-500x1200.yaml"));
    group.throughput(criterion::Throughput::Bytes(perf.len() as u64));
    group.bench_function("perf-500x1200", |b| {
        b.iter(|| load_scenario(&perf, &LoadOptions::default()))
    });
    group.finish();
}

/// The loader's stages, in bytes of YAML per second.
fn loader(c: &mut Criterion) {
    let mut group = slow_group(c, "loader");
    let cases = [
        (
            "perf-500x1200",
            read(&repo().join("tests/perf/cluster-500x1200.yaml")),
        ),
        ("gpus-1000x8-100-pods", gpus(1000, 8, 100, None)),
    ];
    for (name, text) in &cases {
        group.throughput(criterion::Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("{name}/yaml-tree"), |b| {
            b.iter(|| dra_engine::yaml::parse(text))
        });
        group.bench_function(format!("{name}/objects"), |b| {
            let options = LoadOptions {
                skip_validation: true,
            };
            b.iter(|| load_scenario(text, &options))
        });
        group.bench_function(format!("{name}/validated"), |b| {
            b.iter(|| load_scenario(text, &LoadOptions::default()))
        });
    }
    group.finish();
}

fn clusters(c: &mut Criterion) {
    let mut group = slow_group(c, "nodes");
    for nodes in [10, 100, 1000] {
        for pods in [10, 100] {
            let loaded = load(&gpus(nodes, 8, pods, None), false);
            bench_run(&mut group, &format!("{nodes}x8-{pods}-pods"), &loaded);
        }
    }
    group.finish();

    let mut group = slow_group(c, "pods");
    for pods in [10, 30, 100, 300] {
        let loaded = load(&gpus(100, 8, pods, None), false);
        bench_run(&mut group, &format!("100x8-{pods}-pods"), &loaded);
    }
    group.finish();

    // The same pods (three claims of one GPU each) on nodes with more and more GPUs.
    let mut group = slow_group(c, "devices");
    for devices in [4, 8, 16] {
        let loaded = load(&gpus(100, devices, 100, Some(1)), false);
        bench_run(
            &mut group,
            &format!("100x{devices}-100-pods-1-gpu-claims"),
            &loaded,
        );
    }
    group.finish();
}

fn partitionable(c: &mut Criterion) {
    let mut group = slow_group(c, "partitionable");
    for nodes in [10, 100] {
        let text = scenario(&ScenarioOptions {
            preset: Preset::NvidiaGpu,
            nodes,
            devices_per_node: Some(8),
            pods: 100,
            claims_per_pod: 3,
            devices_per_claim: None,
            subrequests: 0,
            seed: 1,
        });
        let loaded = load(&text, false);
        bench_run(
            &mut group,
            &format!("{nodes}x8-gpus-104-devices-100-pods"),
            &loaded,
        );
    }
    group.finish();
}

fn prioritized(c: &mut Criterion) {
    let mut group = slow_group(c, "prioritized");
    for subrequests in [0, 2, 4, 8] {
        let text = scenario(&ScenarioOptions {
            preset: Preset::ExampleGpu,
            nodes: 100,
            devices_per_node: Some(8),
            pods: 100,
            claims_per_pod: 3,
            devices_per_claim: None,
            subrequests,
            seed: 1,
        });
        let loaded = load(&text, false);
        bench_run(
            &mut group,
            &format!("100x8-100-pods-{subrequests}-alternatives"),
            &loaded,
        );
    }
    group.finish();
}

/// One claim with `k` single-device requests under one distinctAttribute, on
/// `per_value × (k − 1)` devices with `k − 1` distinct values: unsatisfiable,
/// and only the whole search shows it.
fn distinct_backtracking(k: usize, per_value: usize) -> String {
    let mut s = String::from(
        "apiVersion: resource.k8s.io/v1\nkind: DeviceClass\nmetadata:\n  name: dev\nspec:\n  selectors:\n  - cel:\n      expression: device.driver == \"dra.example.com\"\n---\napiVersion: resource.k8s.io/v1\nkind: ResourceSlice\nmetadata:\n  name: node-1\nspec:\n  driver: dra.example.com\n  nodeName: node-1\n  pool:\n    name: node-1\n    resourceSliceCount: 1\n  devices:\n",
    );
    let values = k - 1;
    for d in 0..values * per_value {
        let _ = write!(
            s,
            "  - name: dev-{d}\n    attributes:\n      group:\n        int: {}\n",
            d % values
        );
    }
    s.push_str("---\napiVersion: resource.k8s.io/v1\nkind: ResourceClaim\nmetadata:\n  name: spread\nspec:\n  devices:\n    requests:\n");
    for r in 0..k {
        let _ = write!(
            s,
            "    - name: r{r}\n      exactly:\n        deviceClassName: dev\n"
        );
    }
    s.push_str("    constraints:\n    - distinctAttribute: dra.example.com/group\n");
    s
}

fn backtracking(c: &mut Criterion) {
    let mut group = slow_group(c, "backtracking");
    for k in [3, 4, 5, 6, 7] {
        let loaded = load(&distinct_backtracking(k, 2), false);
        bench_run(
            &mut group,
            &format!("distinct-{k}-requests-{}-devices", 2 * (k - 1)),
            &loaded,
        );
    }
    group.finish();
}

/// The scheduling cycle with scoring (every feasible node up to
/// percentageOfNodesToScore is filtered, then scored) against the first
/// feasible node in document order.
fn scoring(c: &mut Criterion) {
    let mut group = slow_group(c, "scoring");
    for nodes in [10, 100, 1000] {
        let loaded = load(&gpus(nodes, 8, 100, None), false);
        for (mode, options) in scoring_modes() {
            bench_run_with(
                &mut group,
                &format!("{nodes}x8-100-pods/{mode}"),
                &loaded,
                &options,
            );
        }
    }
    group.finish();
}

fn perf(c: &mut Criterion) {
    let mut group = slow_group(c, "perf");
    group.measurement_time(Duration::from_secs(10));
    let text = read(&repo().join("tests/perf/cluster-500x1200.yaml"));
    let loaded = load(&text, false);
    for (mode, options) in scoring_modes() {
        bench_run_with(
            &mut group,
            &format!("500x8-1200-pods/{mode}"),
            &loaded,
            &options,
        );
    }
    group.bench_function("500x8-1200-pods-load-and-run", |b| {
        b.iter(|| run_scenario(&text, &RunOptions::default()))
    });
    group.finish();
}

/// A cluster of the largest GPU clusters' size: 5,000 nodes with 8 GPUs
/// each, loaded within the command line's limits (the page refuses it),
/// with and without scoring.
fn scale(c: &mut Criterion) {
    let mut group = slow_group(c, "scale");
    group.measurement_time(Duration::from_secs(20));
    let text = gpus(5000, 8, 1000, None);
    let loaded = load_scenario_within(&text, &LoadOptions::default(), &Limits::COMMAND_LINE);
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    let loaded = Loaded {
        features: loaded.features,
        objects: loaded.objects.into_iter().map(|o| o.object).collect(),
    };
    for (mode, options) in scoring_modes() {
        bench_run_with(
            &mut group,
            &format!("5000x8-1000-pods/{mode}"),
            &loaded,
            &options,
        );
    }
    group.finish();
}

/// The run alone, then explained with more and more detail.
fn explain(c: &mut Criterion) {
    let mut group = slow_group(c, "explain");
    let cases = largest_cases("upstream", 2)
        .into_iter()
        .map(|(name, text)| (name, text, true))
        .chain(
            largest_cases("random", 2)
                .into_iter()
                .map(|(name, text)| (name, text, true)),
        )
        .chain([
            (
                "distinct-6-requests".to_owned(),
                distinct_backtracking(6, 2),
                false,
            ),
            (
                "gpus-100x8-100-pods".to_owned(),
                gpus(100, 8, 100, None),
                false,
            ),
        ]);
    for (name, text, skip_validation) in cases {
        let loaded = load_scenario(&text, &LoadOptions { skip_validation });
        assert!(!loaded.has_errors(), "{name}: {:?}", loaded.diagnostics);
        bench_run(
            &mut group,
            &format!("{name}/run"),
            &load(&text, skip_validation),
        );
        let levels = [
            ("explain", false, false),
            ("explain-trace", true, false),
            ("explain-trace-matrix", true, true),
        ];
        for (level, trace, matrix) in levels {
            let options = ExplainOptions {
                skip_validation,
                trace,
                matrix,
                ..ExplainOptions::default()
            };
            group.bench_function(format!("{name}/{level}"), |b| {
                b.iter(|| explain_loaded(&loaded, &text, &options))
            });
        }
    }
    group.finish();
}

/// The `timeline` group's scenario: `gpus(100, 8, 300, 1 claim)` and then
/// 50 steps.
fn timeline_scenario() -> String {
    let mut text = scenario(&ScenarioOptions {
        preset: Preset::ExampleGpu,
        nodes: 100,
        devices_per_node: Some(8),
        pods: 300,
        claims_per_pod: 1,
        devices_per_claim: Some(1),
        subrequests: 0,
        seed: 1,
    });
    for step in 1..=50 {
        let _ = write!(
            text,
            "---\napiVersion: playground.dra/v1alpha1\nkind: Step\nmetadata:\n  name: step-{step}\nspec:\n  at: {step}0s\n  actions:\n  - delete: {{kind: Pod, name: pod-{step:04}}}\n"
        );
        if step % 5 == 0 {
            let _ = write!(
                text,
                "  - taintDevice:\n      device: gpu.example.com/example-node-{node}/gpu-0\n      taint: {{key: failed, effect: NoExecute}}\n",
                node = step / 5
            );
        }
        let _ = write!(
            text,
            "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: late-{step:04}\nspec:\n  resourceClaims:\n  - name: gpu\n    resourceClaimTemplateName: example-gpu-shape-1\n"
        );
    }
    text
}

fn timeline(c: &mut Criterion) {
    let text = timeline_scenario();
    let loaded = dra_engine::pipeline::refuse(load_scenario(&text, &LoadOptions::default()))
        .unwrap_or_else(|e| panic!("the timeline scenario loads: {e:?}"));
    let options = SchedulerOptions::default();
    let moments = dra_engine::timeline::run(&loaded, &options).moments.len();
    assert_eq!(moments, 51);
    let mut group = slow_group(c, "timeline");
    group.bench_function("100 nodes, 50 steps", |b| {
        b.iter(|| dra_engine::timeline::run(&loaded, &options))
    });
    // An edit moves step N five seconds later: the run keeps the moments before it.
    let first = dra_engine::pipeline::run(&loaded, &options, None);
    for step in [50, 25] {
        let edited = text.replace(&format!("at: {step}0s"), &format!("at: {step}5s"));
        let previous =
            dra_engine::pipeline::refuse(load_scenario(&edited, &LoadOptions::default()))
                .unwrap_or_else(|e| panic!("the edited scenario loads: {e:?}"));
        let kept = Resumable::run(&previous, first.clone(), &options);
        let resumed = Resumable::resume(kept.clone(), &loaded, first.clone(), &options);
        assert_eq!(resumed.first_run(), step);
        group.bench_function(format!("resume at step {step}"), |b| {
            b.iter_batched(
                || kept.clone(),
                |kept| Resumable::resume(kept, &loaded, first.clone(), &options),
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    examples,
    conformance,
    loading,
    loader,
    clusters,
    partitionable,
    prioritized,
    backtracking,
    scoring,
    perf,
    scale,
    explain,
    timeline
);
criterion_main!(benches);
