//! `dra-playground render`: the picture of gallery examples against golden SVG files, its
//! determinism, and its contract on invalid input.
//!
//! Golden files: `tests/golden/render/NAME.svg` is the picture of `examples/NAME.yaml`. After
//! an intended change, `UPDATE_GOLDEN=1 cargo test -p dra-playground-cli --test cli render::`
//! rewrites them; review the diff (open the files in a browser).

use crate::support::{dra_playground, repo_file, scratch_file};

/// The examples whose pictures are kept: every part of the map (pods, unschedulable reasons,
/// counter sets with nested partitions, consumable capacity split by claim, taints, binding
/// conditions, several holders, devices several nodes share).
const PICTURES: &[&str] = &[
    "first-gpu-claim",
    "partitionable-gpu",
    "consumable-capacity-nic",
    "admin-access",
    "taints-and-tolerations",
    "binding-conditions",
    "network-attached-devices",
];

#[test]
fn golden_pictures() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1");
    let mut failures = Vec::new();
    for name in PICTURES {
        let file = format!("examples/{name}.yaml");
        let output = dra_playground(&["render", &file], "");
        assert!(
            output.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let actual = String::from_utf8(output.stdout).unwrap();
        let golden = repo_file(&format!("tests/golden/render/{name}.svg"));
        if update {
            std::fs::write(&golden, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&golden).unwrap_or_default();
        if actual != expected {
            failures.push(format!(
                "{name}: the picture differs from tests/golden/render/{name}.svg (UPDATE_GOLDEN=1 rewrites it)"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_same_scenario_is_the_same_picture_from_a_file_or_standard_input() {
    let text = std::fs::read_to_string(repo_file("examples/consumable-capacity-nic.yaml")).unwrap();
    let from_file = dra_playground(&["render", "examples/consumable-capacity-nic.yaml"], "");
    let from_stdin = dra_playground(&["render", "--format", "svg", "-"], &text);
    assert!(from_file.status.success() && from_stdin.status.success());
    assert_eq!(from_file.stdout, from_stdin.stdout);
    let svg = String::from_utf8(from_stdin.stdout).unwrap();
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg}"
    );
    assert!(svg.contains("<title id=\"dra-title\">Consumable capacity (NIC bandwidth): 2 of 3 pods scheduled</title>"));
}

#[test]
fn the_title_is_given_or_the_file_name() {
    let file = scratch_file(
        "mine.yaml",
        &std::fs::read_to_string(repo_file("examples/first-gpu-claim.yaml"))
            .unwrap()
            .replace("# title:", "# not a title:"),
    );
    let output = dra_playground(&["render", file.to_str().unwrap()], "");
    let svg = String::from_utf8(output.stdout).unwrap();
    assert!(
        svg.contains(&format!(
            "<title id=\"dra-title\">{}: 1 of 1 pods scheduled</title>",
            file.display()
        )),
        "{svg}"
    );
    let output = dra_playground(
        &[
            "render",
            "--title",
            "A <GPU> & a pod",
            file.to_str().unwrap(),
        ],
        "",
    );
    let svg = String::from_utf8(output.stdout).unwrap();
    assert!(svg.contains(">A &lt;GPU&gt; &amp; a pod</text>"), "{svg}");
}

#[test]
fn invalid_input_is_refused_with_positions() {
    let file = scratch_file(
        "bad.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  resourceClaimz: []\n",
    );
    let output = dra_playground(&["render", file.to_str().unwrap()], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with(&format!("{}:6:3: ", file.display())),
        "{stderr}"
    );
    let output = dra_playground(
        &["render", "--format", "png", "examples/first-gpu-claim.yaml"],
        "",
    );
    assert_eq!(
        output.status.code(),
        Some(2),
        "clap refuses a format it does not know"
    );
}
