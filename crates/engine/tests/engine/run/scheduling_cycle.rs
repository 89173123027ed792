//! The simulated kube-scheduler's cycle on whole scenarios: each filter
//! rules nodes out with upstream's words, each score plugin moves the
//! choice, ties go to the node written first (and are reported),
//! percentageOfNodesToScore and its rotating start, the unschedulable
//! message, and scoring turned off.

use crate::support::{placement, run};
use dra_engine::explain::{explain, ExplainOptions};
use dra_engine::scheduler::report::SchedulingCycle;
use dra_engine::scheduler::{Placement, RunResult, SchedulerOptions};
use dra_engine::{run_scenario_with, RunOptions};

fn on(result: &RunResult, pod: &str) -> String {
    match placement(result, pod) {
        Placement::Node(node) => node.clone(),
        Placement::Unschedulable(message) => panic!("{pod} unschedulable: {message}"),
    }
}

fn unschedulable(result: &RunResult, pod: &str) -> String {
    match placement(result, pod) {
        Placement::Unschedulable(message) => message.clone(),
        Placement::Node(node) => panic!("{pod} scheduled on {node}"),
    }
}

/// The cycle of a pod, from the explanation.
fn cycle(text: &str, pod: &str) -> SchedulingCycle {
    let explanation =
        explain(text, &ExplainOptions::default()).unwrap_or_else(|d| panic!("{d:#?}"));
    explanation
        .pods
        .into_iter()
        .find(|p| p.pod == format!("default/{pod}"))
        .and_then(|p| p.scheduling)
        .unwrap_or_else(|| panic!("no cycle for {pod}"))
}

/// A node with the given extra YAML under `metadata` (after the name),
/// `spec` and `status` (each a block of lines already indented).
fn node(name: &str, spec: &str, status: &str) -> String {
    let mut text = format!("---\napiVersion: v1\nkind: Node\nmetadata:\n  name: {name}\n");
    if !spec.is_empty() {
        text.push_str(&format!("spec:\n{spec}"));
    }
    if !status.is_empty() {
        text.push_str(&format!("status:\n{status}"));
    }
    text
}

fn sized(name: &str, cpu: &str, memory: &str) -> String {
    node(
        name,
        "",
        &format!("  allocatable: {{cpu: \"{cpu}\", memory: {memory}, pods: \"110\"}}\n"),
    )
}

/// A pod with the given lines under `spec` (before its one container) and
/// the container's requests.
fn pod(name: &str, spec: &str, requests: &str) -> String {
    let resources = if requests.is_empty() {
        String::new()
    } else {
        format!("    resources:\n      requests: {{{requests}}}\n")
    };
    format!(
        "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n{spec}  containers:\n  - name: app\n    image: registry.example/app:1\n{resources}"
    )
}

#[test]
fn an_unschedulable_node_is_left_out() {
    let text =
        node("cordoned", "  unschedulable: true\n", "") + &node("open", "", "") + &pod("p", "", "");
    assert_eq!(on(&run(&text), "p"), "open");
    let only = node("cordoned", "  unschedulable: true\n", "") + &pod("p", "", "");
    assert_eq!(
        unschedulable(&run(&only), "p"),
        "0/1 nodes are available: 1 node(s) were unschedulable. no new claims to deallocate, \
         preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."
    );
}

#[test]
fn taints_keep_off_pods_that_do_not_tolerate_them() {
    let taint = "  taints:\n  - {key: gpu, value: \"true\", effect: NoSchedule}\n";
    let text = node("gpu", taint, "") + &node("plain", "", "") + &pod("web", "", "")
        + &pod(
            "trainer",
            "  nodeName: \"\"\n  tolerations:\n  - {key: gpu, operator: Exists, effect: NoSchedule}\n  nodeSelector: {kubernetes.io/hostname: gpu}\n",
            "",
        );
    let text = text.replace(
        "  name: gpu\n",
        "  name: gpu\n  labels: {kubernetes.io/hostname: gpu}\n",
    );
    let result = run(&text);
    assert_eq!(on(&result, "web"), "plain");
    assert_eq!(on(&result, "trainer"), "gpu");
    let blocked = node("gpu", taint, "") + &pod("web", "", "");
    assert!(unschedulable(&run(&blocked), "web")
        .starts_with("0/1 nodes are available: 1 node(s) had untolerated taint(s)."));
}

#[test]
fn prefer_no_schedule_taints_lower_the_score() {
    // Both fit; the untolerated PreferNoSchedule taint makes the first node
    // score lower (TaintToleration, weight 3).
    let text = node(
        "first",
        "  taints:\n  - {key: spot, effect: PreferNoSchedule}\n",
        "",
    ) + &node("second", "", "")
        + &pod("p", "", "");
    assert_eq!(on(&run(&text), "p"), "second");
    let cycle = cycle(&text, "p");
    let column = cycle
        .scores
        .iter()
        .position(|c| c.plugin == "TaintToleration")
        .unwrap();
    assert_eq!(cycle.scores[column].weight, 3);
    let first = &cycle.rows[0].scores[column];
    let second = &cycle.rows[1].scores[column];
    assert_eq!((first.raw, first.normalized, first.weighted), (1, 0, 0));
    assert_eq!(
        (second.raw, second.normalized, second.weighted),
        (0, 100, 300)
    );
}

#[test]
fn node_affinity_filters_and_preferences_score() {
    let labeled = |name: &str, zone: &str| {
        node(name, "", "").replace(
            &format!("  name: {name}\n"),
            &format!("  name: {name}\n  labels: {{zone: {zone}}}\n"),
        )
    };
    let nodes = labeled("a", "east") + &labeled("b", "west") + &labeled("c", "west");
    let required = "  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n        - matchExpressions:\n          - {key: zone, operator: In, values: [west]}\n";
    let preferred = "      preferredDuringSchedulingIgnoredDuringExecution:\n      - weight: 10\n        preference:\n          matchExpressions:\n          - {key: zone, operator: In, values: [west]}\n";
    let text = nodes.clone() + &pod("required", required, "");
    let result = run(&text);
    assert_eq!(on(&result, "required"), "b");
    let text = nodes.clone()
        + &pod(
            "preferred",
            &format!("  affinity:\n    nodeAffinity:\n{preferred}"),
            "",
        );
    // b and c tie on everything; b is written first.
    assert_eq!(on(&run(&text), "preferred"), "b");
    let cycle = cycle(&text, "preferred");
    assert_eq!(cycle.tied, ["b", "c"]);
    let selector = nodes + &pod("selected", "  nodeSelector: {zone: north}\n", "");
    assert!(unschedulable(&run(&selector), "selected").starts_with(
        "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector."
    ));
}

#[test]
fn node_name_terms_keep_only_those_nodes() {
    let nodes = node("a", "", "") + &node("b", "", "");
    let by_name = "  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n        - matchFields:\n          - {key: metadata.name, operator: In, values: [b]}\n";
    let result = run(&(nodes.clone() + &pod("p", by_name, "cpu: \"1\"")));
    assert_eq!(on(&result, "p"), "b");
    let conflict = "  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n        - matchFields:\n          - {key: metadata.name, operator: In, values: [a]}\n          - {key: metadata.name, operator: In, values: [b]}\n";
    assert_eq!(
        unschedulable(&run(&(nodes + &pod("p", conflict, ""))), "p"),
        "0/2 nodes are available: pod affinity terms conflict. not found"
    );
}

#[test]
fn a_pinned_pod_goes_to_its_node_only() {
    let text = sized("a", "4", "8Gi")
        + &sized("b", "4", "8Gi")
        + &pod("pinned", "  nodeName: b\n", "cpu: \"1\"")
        + &pod("next", "", "cpu: \"1\"");
    let result = run(&text);
    assert_eq!(on(&result, "pinned"), "b");
    // The pinned pod counts on b: the next pod prefers the emptier a.
    assert_eq!(on(&result, "next"), "a");
}

#[test]
fn host_ports_conflict_with_pods_placed_before() {
    let ports = |port: u16| {
        format!("  containers:\n  - name: app\n    ports:\n    - {{containerPort: {port}, hostPort: {port}}}\n")
    };
    let pod_with_port = |name: &str| {
        format!(
            "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n{}",
            ports(8080)
        )
    };
    let text = node("only", "", "") + &pod_with_port("first") + &pod_with_port("second");
    let result = run(&text);
    assert_eq!(on(&result, "first"), "only");
    assert!(unschedulable(&result, "second").starts_with(
        "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports."
    ));
}

#[test]
fn requests_count_containers_init_containers_sidecars_and_overhead() {
    // 4 cpus: app 1 + sidecar 1 = 2, init 3 alone: the peak is 3, plus
    // 0.5 overhead = 3.5 fits once, not twice.
    let spec = "  overhead: {cpu: 500m}\n  initContainers:\n  - name: setup\n    resources: {requests: {cpu: \"3\"}}\n  - name: proxy\n    restartPolicy: Always\n    resources: {requests: {cpu: \"1\"}}\n";
    let text = sized("only", "4", "8Gi")
        + &pod("one", spec, "cpu: \"1\"")
        + &pod("two", spec, "cpu: \"1\"");
    let result = run(&text);
    assert_eq!(on(&result, "one"), "only");
    assert_eq!(
        unschedulable(&result, "two"),
        "0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, \
         preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod."
    );
}

#[test]
fn a_node_without_allocatable_is_not_limited_but_scores_as_empty() {
    let text =
        node("unsized", "", "") + &sized("sized", "4", "8Gi") + &pod("big", "", "cpu: \"64\"");
    // Only the unsized node can take 64 cpus.
    assert_eq!(on(&run(&text), "big"), "unsized");
    // A small pod: the sized node has room to spare, the unsized node
    // scores as having nothing allocatable (LeastAllocated 0).
    let text =
        node("unsized", "", "") + &sized("sized", "4", "8Gi") + &pod("small", "", "cpu: \"1\"");
    assert_eq!(on(&run(&text), "small"), "sized");
}

#[test]
fn least_allocated_spreads_and_balanced_allocation_scores() {
    let text = sized("small", "4", "8Gi")
        + &sized("large", "16", "32Gi")
        + &pod("p", "", "cpu: \"2\", memory: 2Gi");
    assert_eq!(on(&run(&text), "p"), "large");
    let cycle = cycle(&text, "p");
    let names: Vec<&str> = cycle.scores.iter().map(|c| c.plugin.as_str()).collect();
    assert_eq!(
        names,
        [
            "TaintToleration",
            "NodeAffinity",
            "NodeResourcesFit",
            "DynamicResources",
            "NodeResourcesBalancedAllocation",
            "ImageLocality"
        ]
    );
    let fit = names.iter().position(|n| *n == "NodeResourcesFit").unwrap();
    // (4-2)/4 = 50, (8-2)/8 = 75: 62; (16-2)/16 = 87, (32-2)/32 = 93: 90.
    assert_eq!(cycle.rows[0].scores[fit].raw, 62);
    assert_eq!(cycle.rows[1].scores[fit].raw, 90);
    assert!(cycle.scores[names.iter().position(|n| *n == "NodeAffinity").unwrap()].skipped);
    let totals: Vec<Option<i64>> = cycle.rows.iter().map(|r| r.total).collect();
    let sums: Vec<Option<i64>> = cycle
        .rows
        .iter()
        .map(|r| Some(r.scores.iter().map(|s| s.weighted).sum()))
        .collect();
    assert_eq!(totals, sums);
}

#[test]
fn image_locality_prefers_the_node_with_the_image() {
    let image = "  images:\n  - names: [registry.example/app:1]\n    sizeBytes: 800000000\n";
    let text = node("cold", "", "") + &node("warm", "", image) + &pod("p", "", "");
    assert_eq!(on(&run(&text), "p"), "warm");
}

#[test]
fn ties_go_to_the_node_written_first_and_are_reported() {
    let text = node("z", "", "") + &node("a", "", "") + &node("m", "", "") + &pod("p", "", "");
    assert_eq!(on(&run(&text), "p"), "z");
    let cycle = cycle(&text, "p");
    assert_eq!(cycle.tied, ["z", "a", "m"]);
    let explanation = explain(&text, &ExplainOptions::default()).unwrap();
    let text = dra_engine::explain::render(&explanation, &Default::default());
    assert!(
        text.contains("tie: z, a, m share the highest total"),
        "{text}"
    );
}

#[test]
fn without_scoring_the_first_feasible_node_wins() {
    let nodes = sized("small", "4", "8Gi") + &sized("large", "16", "32Gi");
    let text = nodes.clone() + &pod("p", "", "cpu: \"2\"");
    assert_eq!(on(&run(&text), "p"), "large");
    let options = SchedulerOptions {
        no_scoring: true,
        ..SchedulerOptions::default()
    };
    let result = run_scenario_with(&text, &RunOptions::default(), &options).unwrap();
    assert_eq!(on(&result, "p"), "small");
    let settings = "apiVersion: playground.dra/v1alpha1\nkind: Scenario\nmetadata: {name: s}\nspec:\n  scoring: false\n";
    assert_eq!(on(&run(&(settings.to_owned() + &text)), "p"), "small");
}

#[test]
fn filtering_starts_where_the_previous_pod_stopped() {
    // 200 nodes: the adaptive percentage (50 - 200/125 = 49%) asks for 98
    // feasible nodes, so at least 100. The first pod filters nodes 0-99, the
    // next starts at node 100.
    let mut text = String::new();
    for i in 0..200 {
        text.push_str(&node(&format!("n{i:03}"), "", ""));
    }
    text.push_str(&pod("first", "", ""));
    text.push_str(&pod("second", "", ""));
    let result = run(&text);
    assert_eq!(on(&result, "first"), "n000");
    assert_eq!(on(&result, "second"), "n100");
    let second = cycle(&text, "second");
    assert_eq!(second.nodes_to_find, 100);
    assert_eq!(second.start_node.as_deref(), Some("n100"));
    // A configured 75% asks for 150: the second pod filters n150-n199, then
    // n000-n099, and of those tied nodes the one written first wins.
    let config = "---\napiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\npercentageOfNodesToScore: 75\n";
    let with = text.clone() + config;
    assert_eq!(on(&run(&with), "second"), "n000");
    let second = cycle(&with, "second");
    assert_eq!(second.nodes_to_find, 150);
    assert_eq!(second.start_node.as_deref(), Some("n150"));
    assert_eq!(second.tied.len(), 150);
    assert!(!second.tied.contains(&"n100".to_owned()));
}

#[test]
fn the_message_counts_reasons_over_nodes() {
    let text = node("cordoned", "  unschedulable: true\n", "")
        + &sized("tiny-1", "1", "1Gi")
        + &sized("tiny-2", "1", "1Gi")
        + &node(
            "tainted",
            "  taints:\n  - {key: x, effect: NoExecute}\n",
            "",
        )
        + &pod("p", "", "cpu: \"2\"");
    assert_eq!(
        unschedulable(&run(&text), "p"),
        "0/4 nodes are available: 1 node(s) had untolerated taint(s), 1 node(s) were unschedulable, \
         2 Insufficient cpu. no new claims to deallocate, preemption: 0/4 nodes are available: \
         4 Preemption is not helpful for scheduling."
    );
}

#[test]
fn preemption_never_is_said() {
    let text = sized("tiny", "1", "1Gi") + &pod("p", "  preemptionPolicy: Never\n", "cpu: \"2\"");
    assert!(unschedulable(&run(&text), "p").ends_with(
        "no new claims to deallocate, preemption: not eligible due to preemptionPolicy=Never."
    ));
}

#[test]
fn dynamic_resources_scores_prioritized_alternatives_from_1_35() {
    let devices = |node: &str, size: &str| {
        format!(
            "---\napiVersion: resource.k8s.io/v1\nkind: ResourceSlice\nmetadata: {{name: {node}}}\nspec:\n  driver: gpu.example.com\n  nodeName: {node}\n  pool: {{name: {node}, resourceSliceCount: 1}}\n  devices:\n  - name: gpu\n    attributes: {{size: {{string: {size}}}}}\n"
        )
    };
    let scenario = |version: &str| {
        format!(
            "apiVersion: playground.dra/v1alpha1\nkind: Scenario\nmetadata: {{name: s}}\nspec: {{kubernetesVersion: \"{version}\"}}\n---\napiVersion: resource.k8s.io/v1\nkind: DeviceClass\nmetadata: {{name: gpu}}\nspec:\n  selectors: [{{cel: {{expression: device.driver == \"gpu.example.com\"}}}}]\n{}{}{}{}---\napiVersion: resource.k8s.io/v1\nkind: ResourceClaimTemplate\nmetadata: {{name: gpu}}\nspec:\n  spec:\n    devices:\n      requests:\n      - name: gpu\n        firstAvailable:\n        - {{name: big, deviceClassName: gpu, selectors: [{{cel: {{expression: 'device.attributes[\"gpu.example.com\"].size == \"big\"'}}}}]}}\n        - {{name: small, deviceClassName: gpu}}\n{}",
            node("small-node", "", ""),
            node("big-node", "", ""),
            devices("small-node", "small"),
            devices("big-node", "big"),
            pod("p", "  resourceClaims:\n  - {name: gpu, resourceClaimTemplateName: gpu}\n", "")
        )
    };
    // 1.36: DynamicResources scores; the big GPU (first alternative) wins.
    assert_eq!(on(&run(&scenario("1.36")), "p"), "big-node");
    // 1.34: no DRA score; the nodes tie and the first written wins.
    assert_eq!(on(&run(&scenario("1.34")), "p"), "small-node");
}
