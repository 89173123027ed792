//! The KubeSchedulerConfiguration document: what it changes in a run
//! (scoring strategy, plugins enabled and disabled, weights, profiles by
//! scheduler name, added node affinity), and what the kube-scheduler would
//! refuse, each problem at its position.

use crate::support::{placement, run};
use dra_engine::scheduler::{Placement, RunResult};
use dra_engine::{run_scenario, RunOptions};

const NODES: &str = "\
apiVersion: v1
kind: Node
metadata: {name: small, labels: {zone: a}}
status:
  allocatable: {cpu: \"4\", memory: 8Gi, pods: \"110\"}
---
apiVersion: v1
kind: Node
metadata: {name: large, labels: {zone: b}}
spec:
  taints:
  - {key: spot, effect: PreferNoSchedule}
status:
  allocatable: {cpu: \"16\", memory: 32Gi, pods: \"110\"}
";

fn pod(name: &str, extra: &str) -> String {
    format!(
        "---\napiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n{extra}  containers:\n  - name: app\n    resources: {{requests: {{cpu: \"2\", memory: 2Gi}}}}\n"
    )
}

fn config(body: &str) -> String {
    format!(
        "---\napiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n{body}"
    )
}

fn on(result: &RunResult, pod: &str) -> Placement {
    placement(result, pod).clone()
}

fn node(name: &str) -> Placement {
    Placement::Node(name.into())
}

/// The problems of an invalid scenario as `LINE:COLUMN: message`.
fn problems(text: &str) -> Vec<String> {
    run_scenario(text, &RunOptions::default())
        .expect_err("the configuration is refused")
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn the_default_profile_spreads_and_minds_prefer_no_schedule() {
    // LeastAllocated and TaintToleration (weight 3) both favor small.
    let text = NODES.to_owned() + &pod("p", "");
    assert_eq!(on(&run(&text), "p"), node("small"));
}

#[test]
fn disabling_a_score_plugin_changes_the_choice() {
    // Without TaintToleration's score, large's free room wins.
    let text = NODES.to_owned()
        + &pod("p", "")
        + &config(
            "profiles:\n- plugins:\n    score:\n      disabled:\n      - name: TaintToleration\n",
        );
    assert_eq!(on(&run(&text), "p"), node("large"));
}

#[test]
fn most_allocated_packs_pods() {
    let packing = config(
        "profiles:\n- plugins:\n    score:\n      disabled:\n      - name: TaintToleration\n      - name: NodeResourcesBalancedAllocation\n  pluginConfig:\n  - name: NodeResourcesFit\n    args:\n      scoringStrategy:\n        type: MostAllocated\n",
    );
    let text = NODES.to_owned() + &pod("first", "") + &pod("second", "") + &packing;
    let result = run(&text);
    assert_eq!(on(&result, "first"), node("small"));
    assert_eq!(on(&result, "second"), node("small"));
}

#[test]
fn weights_decide_between_plugins() {
    // NodeAffinity's preference for zone b (weight 1 x 100 x 10) outweighs
    // TaintToleration (100 x 3) and the resource scores.
    let preferring_b = "  affinity:\n    nodeAffinity:\n      preferredDuringSchedulingIgnoredDuringExecution:\n      - weight: 1\n        preference: {matchExpressions: [{key: zone, operator: In, values: [b]}]}\n";
    let text = NODES.to_owned() + &pod("p", preferring_b);
    assert_eq!(on(&run(&text), "p"), node("small"));
    let heavier = config("profiles:\n- plugins:\n    score:\n      enabled:\n      - name: NodeAffinity\n        weight: 10\n");
    assert_eq!(on(&run(&(text + &heavier)), "p"), node("large"));
}

#[test]
fn disabling_a_filter_lets_pods_through() {
    let text = "apiVersion: v1\nkind: Node\nmetadata: {name: tainted}\nspec:\n  taints:\n  - {key: gpu, effect: NoSchedule}\n"
        .to_owned()
        + &pod("p", "");
    assert!(matches!(on(&run(&text), "p"), Placement::Unschedulable(_)));
    let without = config(
        "profiles:\n- plugins:\n    multiPoint:\n      disabled:\n      - name: TaintToleration\n",
    );
    assert_eq!(on(&run(&(text + &without)), "p"), node("tainted"));
}

#[test]
fn profiles_are_chosen_by_scheduler_name() {
    let profiles = config(
        "profiles:\n- schedulerName: default-scheduler\n- schedulerName: packer\n  plugins:\n    score:\n      disabled:\n      - name: '*'\n      enabled:\n      - name: NodeResourcesFit\n  pluginConfig:\n  - name: NodeResourcesFit\n    args: {scoringStrategy: {type: MostAllocated}}\n",
    );
    let text = NODES.to_owned()
        + &pod("spread", "")
        + &pod("packed", "  schedulerName: packer\n")
        + &pod("lost", "  schedulerName: nobody\n")
        + &profiles;
    let result = run(&text);
    assert_eq!(on(&result, "spread"), node("small"));
    assert_eq!(on(&result, "packed"), node("small"));
    assert_eq!(
        on(&result, "lost"),
        Placement::Unschedulable(
            "no scheduler profile is named \"nobody\": the pod waits for a scheduler of that name"
                .into()
        )
    );
}

#[test]
fn added_affinity_applies_to_every_pod() {
    let added = config("profiles:\n- pluginConfig:\n  - name: NodeAffinity\n    args:\n      addedAffinity:\n        requiredDuringSchedulingIgnoredDuringExecution:\n          nodeSelectorTerms:\n          - matchExpressions: [{key: zone, operator: In, values: [b]}]\n");
    let text = NODES.to_owned() + &pod("p", "") + &added;
    assert_eq!(on(&run(&text), "p"), node("large"));
}

#[test]
fn requested_to_capacity_ratio_follows_its_shape() {
    // A shape that favors full nodes: small ends up fuller.
    let ratio = config("profiles:\n- plugins:\n    score:\n      disabled:\n      - name: '*'\n      enabled:\n      - name: NodeResourcesFit\n  pluginConfig:\n  - name: NodeResourcesFit\n    args:\n      scoringStrategy:\n        type: RequestedToCapacityRatio\n        requestedToCapacityRatio:\n          shape:\n          - {utilization: 0, score: 0}\n          - {utilization: 100, score: 10}\n");
    let text = NODES.to_owned() + &pod("p", "") + &ratio;
    assert_eq!(on(&run(&text), "p"), node("small"));
}

#[test]
fn what_the_kube_scheduler_refuses_is_an_error_at_its_place() {
    let text = NODES.to_owned()
        + &config(
            "percentageOfNodesToScore: 101\nprofiles:\n- schedulerName: a\n  plugins:\n    score:\n      enabled:\n      - name: NoSuchPlugin\n  pluginConfig:\n  - name: NodeResourcesFit\n    args:\n      scoringStrategy:\n        type: LeastAllocated\n        resources:\n        - {name: cpu, weight: 101}\n- schedulerName: a\n  pluginConfig:\n  - name: NodeAffinity\n    args:\n      addedAffinity: {bogus: 1}\n",
        );
    assert_eq!(
        problems(&text),
        [
            "18:27: percentageOfNodesToScore: Invalid value: 101: not in valid range [0-100]",
            "24:9: profiles[0].plugins.score.enabled[0]: ScorePlugin \"NoSuchPlugin\" does not exist",
            "31:31: profiles[0].pluginConfig[0].args.scoringStrategy.resources[0].weight: Invalid value: 101: resource weight of cpu not in valid range (0, 100]",
            "32:18: profiles[1].schedulerName: Duplicate value: profiles[0].schedulerName",
            "36:23: unknown field \"profiles[1].pluginConfig[0].args.addedAffinity.bogus\" (known fields: requiredDuringSchedulingIgnoredDuringExecution, preferredDuringSchedulingIgnoredDuringExecution)",
        ]
    );
}

#[test]
fn a_ratio_strategy_needs_its_shape() {
    let text = NODES.to_owned()
        + &config("profiles:\n- pluginConfig:\n  - name: NodeResourcesFit\n    args:\n      scoringStrategy: {type: RequestedToCapacityRatio}\n");
    let found = problems(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0]
            .contains("profiles[0].pluginConfig[0].args.scoringStrategy.requestedToCapacityRatio")
            && found[0].contains("must be specified when type is RequestedToCapacityRatio"),
        "{found:?}"
    );
}
