//! The cluster map at each moment of a timeline (`playground::moment_views`).

use dra_engine::pipeline::{load, refuse, run};
use dra_engine::playground::{analyze, moment_views, MomentViews};
use dra_engine::scheduler::SchedulerOptions;
use dra_engine::timeline::Resumable;
use dra_engine::RunOptions;

use crate::support::repo_file;

fn example(name: &str) -> String {
    std::fs::read_to_string(repo_file(&format!("examples/{name}"))).expect("example")
}

/// Every moment's views of a scenario.
fn moments(text: &str) -> Vec<MomentViews> {
    let loaded = refuse(load(text, &RunOptions::default())).expect("valid");
    let options = SchedulerOptions::default();
    let timeline = Resumable::run(&loaded, run(&loaded, &options, None), &options);
    timeline
        .timeline()
        .moments
        .iter()
        .enumerate()
        .map(|(i, m)| moment_views(&loaded, timeline.objects(i), &m.as_run_result()))
        .collect()
}

/// Each device of the map with its holders: `DEVICE: CLAIM...` (taints after a `!`).
fn devices(views: &MomentViews) -> Vec<String> {
    views
        .nodes
        .iter()
        .flat_map(|n| &n.pools)
        .flat_map(|p| &p.devices)
        .map(|d| {
            let holders: Vec<&str> = d.allocations.iter().map(|u| u.claim.as_str()).collect();
            let taints: Vec<&str> = d.taints.iter().map(|t| t.text.as_str()).collect();
            format!("{}: {} !{}", d.name, holders.join(" "), taints.join(" "))
        })
        .collect()
}

fn pods_on_nodes(views: &MomentViews) -> Vec<(String, Vec<String>)> {
    views
        .nodes
        .iter()
        .map(|n| (n.name.clone(), n.pods.clone()))
        .collect()
}

#[test]
fn the_first_moment_is_drawn_as_the_analysis_draws_it() {
    for name in [
        "gpu-failure-eviction.yaml",
        "pending-pod-fits-later.yaml",
        "binding-conditions-failover.yaml",
    ] {
        let text = example(name);
        let analysis = analyze(&text, &RunOptions::default());
        let start = &moments(&text)[0];
        assert_eq!(
            devices(start),
            devices(&MomentViews {
                nodes: analysis.nodes.clone(),
                claims: Vec::new(),
                pods: Vec::new(),
            }),
            "{name}"
        );
        let keys = |pods: &[dra_engine::playground::PodView]| -> Vec<(String, Option<String>)> {
            pods.iter()
                .map(|p| (p.key.clone(), p.node.clone()))
                .collect()
        };
        if name != "binding-conditions-failover.yaml" {
            // (a pod waiting for its binding conditions is not on its node yet in a moment)
            assert_eq!(keys(&start.pods), keys(&analysis.pods), "{name}");
            assert_eq!(start.nodes, analysis.nodes, "{name}");
        }
        let claims = |c: &[dra_engine::playground::ClaimView]| -> Vec<String> {
            c.iter().map(|c| c.key.clone()).collect()
        };
        assert_eq!(claims(&start.claims), claims(&analysis.claims), "{name}");
    }
}

#[test]
fn after_the_gpu_fails_the_map_shows_it_tainted_and_free_and_the_new_pod_on_the_other_gpu() {
    let moments = moments(&example("gpu-failure-eviction.yaml"));
    assert_eq!(
        devices(&moments[0]),
        ["gpu-0: default/trainer-t8m78-gpu-55fkp !", "gpu-1:  !"]
    );
    assert_eq!(
        devices(&moments[1]),
        [
            "gpu-0:  !gpu.example.com/ecc-error=uncorrectable:NoExecute",
            "gpu-1: default/trainer-j97md-gpu-86v4x !"
        ]
    );
    assert_eq!(
        pods_on_nodes(&moments[1]),
        [(
            "node-1".to_owned(),
            vec!["default/trainer-j97md".to_owned()]
        )]
    );
    let replacement = moments[1]
        .pods
        .iter()
        .find(|p| p.key == "default/trainer-j97md")
        .expect("the replacement pod");
    assert_eq!(
        replacement.span, None,
        "a pod a controller made later is written nowhere"
    );
    assert!(moments[1]
        .pods
        .iter()
        .all(|p| p.key != "default/trainer-t8m78"));
}

#[test]
fn a_deleted_pod_frees_its_device_for_the_pod_that_waited() {
    let moments = moments(&example("pending-pod-fits-later.yaml"));
    let last = moments.last().expect("moments");
    let first = &moments[0];
    let pending = |v: &MomentViews| -> Vec<String> {
        v.pods
            .iter()
            .filter(|p| p.node.is_none())
            .map(|p| p.key.clone())
            .collect()
    };
    assert!(!pending(first).is_empty(), "a pod waits at first");
    assert!(pending(last).is_empty(), "and fits later");
    assert_ne!(devices(first), devices(last));
}
