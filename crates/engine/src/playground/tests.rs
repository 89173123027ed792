use super::*;

const FIRST: &str = include_str!("../../../../examples/first-gpu-claim.yaml");

#[test]
fn the_first_example_binds_a_gpu_and_schedules_its_pod() {
    let a = analyze(FIRST, &RunOptions::default());
    assert!(a.diagnostics.is_empty(), "{:?}", a.diagnostics);
    assert_eq!(a.status_line(), "1 of 1 pods scheduled");
    let pod = a.pod("default/pod-1").expect("pod");
    assert_eq!(pod.node.as_deref(), Some("node-1"));
    let claim = a.claim("default/single-gpu").expect("claim");
    assert!(claim.allocated);
    let device = a.device(&claim.results[0].device).expect("device");
    assert_eq!(device.allocations[0].claim, "default/single-gpu");
    assert_eq!(device.allocations[0].request, "gpu");
    // The device's span covers its list item in the slice.
    let text = &FIRST[device.span.start.offset..device.span.end.offset];
    assert!(text.contains("name: gpu-0"), "{text}");
    let node = &a.nodes[0];
    assert_eq!(node.name, "node-1");
    assert_eq!(node.pods, ["default/pod-1"]);
    match &a.outcome {
        Outcome::Ran(run) => {
            assert!(run.output_yaml.contains("nodeName: node-1"));
            assert!(run.claims_yaml.contains("kind: ResourceClaim"));
            assert!(!run.claims_yaml.contains("kind: Pod"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn errors_stop_the_run_but_the_hardware_is_still_described() {
    let broken = FIRST.replace("  containers:", "  containerz:");
    let a = analyze(&broken, &RunOptions::default());
    assert_eq!(a.outcome, Outcome::Invalid { errors: 1 });
    assert!(a.status_line().starts_with("Nothing ran: 1 error"));
    assert_eq!(
        a.device("gpu.example.com/node-1/gpu-1")
            .map(|d| d.allocations.len()),
        Some(0)
    );
    let d = &a.diagnostics[0];
    assert_eq!(
        &broken[d.span.start.offset..d.span.start.offset + 11],
        "containerz:"
    );
}

#[test]
fn claims_without_pods_run_as_implicit_pods() {
    let no_pod: String = FIRST
        .split("\n---\n")
        .take(3)
        .collect::<Vec<_>>()
        .join("\n---\n");
    let a = analyze(&no_pod, &RunOptions::default());
    assert_eq!(a.pods.len(), 1);
    assert!(a.pods[0].implicit);
    assert_eq!(a.pods[0].claims, ["default/single-gpu"]);
    assert!(a.status_line().starts_with("1 of 1 claims allocated"));
}

#[test]
fn a_scenario_without_pods_or_claims_says_there_is_nothing_to_schedule() {
    let class = "apiVersion: resource.k8s.io/v1\nkind: DeviceClass\nmetadata: {name: gpu}\n";
    let a = analyze(class, &RunOptions::default());
    assert!(a.status_line().starts_with("Nothing to schedule"));
}

#[test]
fn an_empty_scenario_is_refused_as_the_command_line_refuses_it() {
    let a = analyze("# nothing yet\n", &RunOptions::default());
    assert_eq!(a.status_line(), "Nothing ran: 1 error in the scenario");
    assert!(a.diagnostics[0]
        .message
        .starts_with("the scenario is empty"));
}

#[test]
fn gauges_read_in_the_unit_of_their_total() {
    let text = include_str!("../../../../examples/consumable-capacity-nic.yaml");
    let a = analyze(text, &RunOptions::default());
    let nic = a.device("nic.example.com/node-1/nic-0").unwrap();
    assert_eq!(nic.capacity_gauges[0].used, "80G");
    assert_eq!(nic.capacity_gauges[0].total, "100G");
    assert!((nic.capacity_gauges[0].fraction - 0.8).abs() < 1e-9);
    let mig = analyze(
        include_str!("../../../../examples/partitionable-gpu.yaml"),
        &RunOptions::default(),
    );
    let set = &mig.nodes[0].pools[0].counter_sets[0];
    let used: Vec<&str> = set.counters.iter().map(|g| g.used.as_str()).collect();
    assert_eq!(used, ["6", "40Gi"]);
}
