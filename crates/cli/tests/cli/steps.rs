//! `allocate` of a scenario with steps: every moment with what changed,
//! or the one `--step` names; an unknown step is invalid input.

use crate::support::{dra_playground, succeeded, yaml_documents};

const EXAMPLE: &str = "examples/pending-pod-fits-later.yaml";

#[test]
fn allocate_prints_every_moment_with_its_changes() {
    let out = succeeded(&["allocate", EXAMPLE], "");
    let comments: Vec<&str> = out.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(
        comments,
        [
            "# moment start at 0s",
            "# moment first-finishes at 1m0s",
            "# 1m0s Pod default/first: deleted",
            "# 1m0s ResourceClaim default/first-gpu: pod first is gone: no longer in reservedFor",
            "# 1m0s ResourceClaim default/first-gpu: deallocated: no pod reserves it any more, its devices are free",
            "# 1m0s Pod default/second: scheduled on node node-1",
        ]
    );
    // Both moments' objects are one YAML stream: 2 claims and 2 pods, then
    // 2 claims and the one pod left.
    assert_eq!(yaml_documents(&out).map(|d| d.len()), Ok(7));
}

#[test]
fn step_prints_the_state_after_that_step_only() {
    let out = succeeded(&["allocate", "--step", "first-finishes", EXAMPLE], "");
    assert!(
        out.starts_with("# moment first-finishes at 1m0s\n"),
        "{out}"
    );
    let docs = yaml_documents(&out).expect("YAML");
    let pods: Vec<&str> = docs
        .iter()
        .filter(|d| d["kind"] == "Pod")
        .map(|d| d["spec"]["nodeName"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(pods, ["node-1"]);
}

#[test]
fn json_gives_the_moments_with_their_events() {
    let out = succeeded(&["allocate", "--output", "json", EXAMPLE], "");
    let value: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let moments = value["moments"].as_array().expect("moments");
    assert_eq!(moments.len(), 2);
    assert_eq!(moments[1]["at"], "1m0s");
    assert_eq!(moments[1]["events"][3]["kind"], "Scheduled");
    assert_eq!(moments[1]["objects"]["kind"], "List");
}

#[test]
fn an_unknown_step_is_invalid_input() {
    let output = dra_playground(&["allocate", "--step", "nope", EXAMPLE], "");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!("{EXAMPLE}: no step is named \"nope\": the moments are start, first-finishes\n")
    );
}

#[test]
fn explain_ends_with_the_timeline_and_why() {
    let out = succeeded(
        &["explain", "examples/binding-conditions-failover.yaml"],
        "",
    );
    let timeline = out
        .split("\nTimeline\n")
        .nth(1)
        .expect("a Timeline section");
    let lines: Vec<&str> = timeline.lines().collect();
    assert_eq!(lines[0], "  start at 0s");
    assert_eq!(lines[1], "  attach-fails at 20s");
    assert!(
        lines.contains(&"    40s Pod default/pod-1: bound to node node-2: every binding condition of its devices is True"),
        "{timeline}"
    );
}
