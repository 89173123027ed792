//! Goals checked against the gallery's examples, and lesson files that do not read.

use super::*;

const PARTITIONS: &str = include_str!("../../../../examples/partitionable-gpu.yaml");
const PCIE: &str = include_str!("../../../../examples/match-attribute-pcie-root.yaml");
const ADMIN: &str = include_str!("../../../../examples/admin-access.yaml");
const NIC: &str = include_str!("../../../../examples/consumable-capacity-nic.yaml");
const SHARED: &str = include_str!("../../../../examples/shared-claim-vs-template.yaml");
const ALTERNATIVES: &str = include_str!("../../../../examples/prioritized-alternatives.yaml");
const FIRST: &str = include_str!("../../../../examples/first-gpu-claim.yaml");

/// A lesson with these goals (YAML, indented as items of `goals:`) over any scenario.
fn lesson(goals: &str) -> Lesson {
    let text = format!(
        "title: t\nsummary: s\nexplanation: e\ntask: t\ngoals:\n{goals}\nhints: [h]\nstart: x\nsolution:\n- find: x\n  replace: y\n"
    );
    Lesson::parse(&text).unwrap_or_else(|e| panic!("{e:?}"))
}

/// (met, detail) of each goal over `scenario`.
fn checked(goals: &str, scenario: &str) -> Vec<(bool, String)> {
    lesson(goals)
        .check_text(scenario)
        .into_iter()
        .map(|c| (c.met, c.detail))
        .collect()
}

#[test]
fn pods_scheduled_or_not_with_the_reason() {
    let got = checked(
        "- podScheduled: {pod: small-1, node: node-1}\n- podUnschedulable: {pod: big}\n- podScheduled: {pod: big}\n- podScheduled: {pod: small-1, node: node-2}\n- podScheduled: {pod: nobody}",
        PARTITIONS,
    );
    assert_eq!(got[0], (true, "on node-1".to_owned()));
    assert!(
        got[1].0 && got[1].1.starts_with("unschedulable: "),
        "{got:?}"
    );
    assert!(
        !got[2].0 && got[2].1.starts_with("unschedulable: 0/1 nodes"),
        "{got:?}"
    );
    assert_eq!(got[3], (false, "on node-1, not node-2".to_owned()));
    assert_eq!(
        got[4],
        (false, "the scenario has no pod default/nobody".to_owned())
    );
}

#[test]
fn a_pod_that_names_its_node_is_pinned() {
    let pinned = FIRST.replace(
        "  name: pod-1\n  namespace: default\nspec:\n",
        "  name: pod-1\n  namespace: default\nspec:\n  nodeName: node-1\n",
    );
    assert_ne!(pinned, FIRST);
    let goal = "- podScheduled: {pod: pod-1, unpinned: true}";
    assert_eq!(checked(goal, FIRST), [(true, "on node-1".to_owned())]);
    assert_eq!(
        checked(goal, &pinned),
        [(
            false,
            "on node-1, but the pod names its node with spec.nodeName".to_owned()
        )]
    );
}

#[test]
fn a_claim_of_a_pod_entry_with_class_attributes_and_capacity() {
    let goals = "- claimAllocated: {pod: small-1, entry: mig, class: mig.example.com, count: 1, attributes: {profile: 3g.20gb}, capacityAtLeast: {memory: 20Gi}}\n- claimAllocated: {pod: small-1, entry: mig, capacityAtLeast: {memory: 40Gi}}\n- claimAllocated: {pod: small-1, entry: mig, class: gpu.example.com}\n- claimAllocated: {pod: small-1, entry: mig, attributes: {gpu.example.com/profile: 1g.5gb}}\n- claimAllocated: {claim: whole-gpu}";
    let got = checked(goals, PARTITIONS);
    let device = "gpu.example.com/node-1/gpu-0-mig-3g20gb-0";
    assert_eq!(got[0], (true, format!("holds {device}")));
    assert_eq!(
        got[1],
        (false, format!("holds {device}; {device} has memory = 20Gi"))
    );
    assert_eq!(
        got[2],
        (
            false,
            format!("holds {device}; {device} comes from a request of class mig.example.com")
        )
    );
    assert_eq!(
        got[3],
        (
            false,
            format!("holds {device}; {device} has gpu.example.com/profile = 3g.20gb")
        )
    );
    assert_eq!(got[4], (false, "not allocated".to_owned()));
}

#[test]
fn devices_that_share_an_attribute() {
    let goal = "- claimAllocated: {claim: gpu-and-nic, count: 2, sameAttribute: resource.kubernetes.io/pcieRoot}";
    assert!(checked(goal, PCIE)[0].0);
    let unconstrained = PCIE.replace(
        "    constraints:\n    - requests: [gpu, nic]\n      matchAttribute: resource.kubernetes.io/pcieRoot\n",
        "",
    );
    assert_ne!(unconstrained, PCIE);
    let (met, detail) = &checked(goal, &unconstrained)[0];
    assert!(!met && detail.contains("resource.kubernetes.io/pcieRoot is pci0000:00 on gpu.example.com/node-1/gpu-0 and pci0000:01 on"), "{detail}");
}

#[test]
fn admin_access_consumed_capacity_users_and_alternatives() {
    let admin = checked(
        "- claimAllocated: {claim: monitoring/gpu-monitor, adminAccess: true}\n- claimAllocated: {claim: workload-gpu, adminAccess: true}",
        ADMIN,
    );
    assert!(admin[0].0, "{admin:?}");
    assert!(!admin[1].0 && admin[1].1.ends_with("is allocated without admin access"));
    let nic = checked(
        "- claimAllocated: {pod: stream-1, entry: net, consumesAtLeast: {bandwidth: 40G}}\n- claimAllocated: {pod: stream-1, entry: net, consumesAtLeast: {bandwidth: 50G}}",
        NIC,
    );
    assert!(nic[0].0, "{nic:?}");
    assert!(
        !nic[1].0 && nic[1].1.contains("is allocated consuming "),
        "{nic:?}"
    );
    let shared = checked(
        "- claimAllocated: {claim: shared-gpu, usedBy: 2}\n- claimAllocated: {claim: shared-gpu, usedBy: 3}",
        SHARED,
    );
    assert!(shared[0].0, "{shared:?}");
    assert!(
        !shared[1].0 && shared[1].1.ends_with("used by 2 pods"),
        "{shared:?}"
    );
    let alternatives = checked(
        "- claimAllocated: {claim: flexible, fromAlternative: true, count: 2}",
        ALTERNATIVES,
    );
    assert!(alternatives[0].0, "{alternatives:?}");
    let plain = checked(
        "- claimAllocated: {claim: single-gpu, fromAlternative: true}",
        FIRST,
    );
    assert!(
        !plain[0].0
            && plain[0]
                .1
                .ends_with("comes from request gpu, not from a prioritized alternative"),
        "{plain:?}"
    );
}

#[test]
fn a_scenario_with_errors_meets_no_goal_but_says_so() {
    let broken = FIRST.replace("resourceClaims:", "resourceClaimz:");
    let got = checked("- noErrors\n- podScheduled: {pod: pod-1}", &broken);
    assert_eq!(got[0], (false, "1 error".to_owned()));
    assert_eq!(
        got[1],
        (false, "nothing ran: the scenario has errors".to_owned())
    );
    assert!(solved(&lesson("- noErrors").check_text(FIRST)));
    assert!(!solved(&[]));
}

#[test]
fn goals_in_words() {
    let l = lesson("- noErrors\n- podScheduled: {pod: training, node: node-2, unpinned: true}\n- podUnschedulable: {pod: big}\n- claimAllocated: {pod: training, entry: gpu, count: 2, class: gpu.example.com, attributes: {model: a100}, capacityAtLeast: {memory: 40Gi}, usedBy: 1}");
    let words: Vec<String> = l.goals.iter().map(describe).collect();
    assert_eq!(
        words,
        [
            "The scenario has no errors",
            "Pod training is scheduled on node-2 without naming a node (no nodeName, nodeSelector or node affinity)",
            "Pod big is not scheduled",
            "The claim of pod training for gpu is allocated: 2 devices, of class gpu.example.com, with model = a100, with memory ≥ 40Gi, used by at least 1 pod",
        ]
    );
}

#[test]
fn a_lesson_file_with_a_mistake_says_where() {
    let problems = |text: &str| -> Vec<(usize, usize, String)> {
        Lesson::parse(text)
            .expect_err("refused")
            .into_iter()
            .map(|d| (d.span.start.line, d.span.start.column, d.message))
            .collect()
    };
    let good = "title: t\nsummary: s\nexplanation: e\ntask: t\ngoals:\n- noErrors\nhints: [h]\nstart: |\n  a: 1\nsolution:\n- find: \"1\"\n  replace: \"2\"\n";
    let lesson = Lesson::parse(good).expect("reads");
    assert_eq!(lesson.solution, "a: 2\n");
    let unknown = good.replace("- noErrors", "- podSchedule: {pod: x}");
    let got = problems(&unknown);
    assert_eq!((got[0].0, got[0].1), (6, 3), "{got:?}");
    assert!(got[0].2.contains("podSchedule"), "{got:?}");
    let missing = good.replace("find: \"1\"", "find: \"3\"");
    assert_eq!(
        problems(&missing),
        [(11, 9, "edit 1: its text is not in the scenario".to_owned())]
    );
    let no_claim = good.replace("- noErrors", "- claimAllocated: {pod: x}");
    assert_eq!(
        problems(&no_claim)[0].2,
        "a claimAllocated goal names a claim, or a pod and its entry"
    );
    let no_goals = good.replace("goals:\n- noErrors\n", "goals: []\n");
    assert_eq!(problems(&no_goals)[0].2, "a lesson needs goals");
}
