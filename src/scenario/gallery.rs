//! The examples gallery: every scenario under `examples/`, each with a title, a one-line lesson
//! and its expected outcome, written as comments at the top of the file:
//!
//! ```yaml
//! # title: A first GPU claim
//! # lesson: A ResourceClaim names a DeviceClass; ...
//! # expect: pod default/pod-1 on node-1
//! # expect: pod default/pod-2 unschedulable
//! # expect: claim default/single-gpu gpu.example.com/node-1/gpu-0
//! # expect: claim default/other unallocated
//! ```
//!
//! `cargo test` runs every example through the engine and checks the `expect` lines; the browser
//! test (tests/e2e) reads the same lines and checks the drawn pods and devices.

/// One example scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Example {
    /// File name without `.yaml`.
    pub name: &'static str,
    /// The scenario text.
    pub text: &'static str,
}

macro_rules! examples {
    ($($name:literal),* $(,)?) => {
        &[$(Example { name: $name, text: include_str!(concat!("../../examples/", $name, ".yaml")) }),*]
    };
}

/// The gallery, in teaching order.
pub const EXAMPLES: &[Example] = examples![
    "first-gpu-claim",
    "shared-claim-vs-template",
    "cel-attributes-and-capacity",
    "two-devices-one-claim",
    "match-attribute-pcie-root",
    "distinct-attribute",
    "prioritized-alternatives",
    "prioritized-best-node",
    "admin-access",
    "partitionable-gpu",
    "consumable-capacity-nic",
    "taints-and-tolerations",
    "gpu-node-taints",
    "gpu-bin-packing",
    "binding-conditions",
    "extended-resources",
    "tpu-slice",
    "broken-attribute-typo",
    "broken-missing-attribute",
    "broken-attribute-names-differ",
];

/// The example a first visit shows.
pub const DEFAULT: Example = EXAMPLES[0];

impl Example {
    fn header(&self, key: &str) -> &'static str {
        let prefix = format!("# {key}:");
        self.text
            .lines()
            .take_while(|l| l.starts_with('#'))
            .find_map(|l| l.strip_prefix(prefix.as_str()))
            .map(str::trim)
            .unwrap_or("")
    }

    /// The title.
    pub fn title(&self) -> &'static str {
        self.header("title")
    }

    /// The one-line lesson.
    pub fn lesson(&self) -> &'static str {
        self.header("lesson")
    }

    /// The example with this name.
    pub fn by_name(name: &str) -> Option<Example> {
        EXAMPLES.iter().copied().find(|e| e.name == name)
    }

    /// The example whose text this is, if unchanged.
    pub fn by_text(text: &str) -> Option<Example> {
        EXAMPLES.iter().copied().find(|e| e.text == text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dra_engine::playground::{analyze, Outcome};
    use dra_engine::RunOptions;

    #[test]
    fn every_file_under_examples_is_in_the_gallery() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter_map(|n| n.strip_suffix(".yaml").map(str::to_owned))
            .collect();
        files.sort();
        let mut listed: Vec<String> = EXAMPLES.iter().map(|e| e.name.to_owned()).collect();
        listed.sort();
        assert_eq!(files, listed);
        assert!(EXAMPLES.len() >= 15);
    }

    #[test]
    fn every_example_has_a_title_a_lesson_and_expectations() {
        for e in EXAMPLES {
            assert!(!e.title().is_empty(), "{}: no title", e.name);
            assert!(!e.lesson().is_empty(), "{}: no lesson", e.name);
            assert!(
                e.text.contains("\n# expect: "),
                "{}: no expect line",
                e.name
            );
        }
    }

    #[test]
    fn every_example_has_its_expected_outcome() {
        for e in EXAMPLES {
            let a = analyze(e.text, &RunOptions::default());
            assert!(a.diagnostics.is_empty(), "{}: {:?}", e.name, a.diagnostics);
            assert!(matches!(a.outcome, Outcome::Ran(_)), "{}", e.name);
            let mut checked = 0;
            for line in e.text.lines().filter_map(|l| l.strip_prefix("# expect: ")) {
                let words: Vec<&str> = line.split_whitespace().collect();
                match words.as_slice() {
                    ["pod", pod, "on", node] => {
                        let p = a
                            .pod(pod)
                            .unwrap_or_else(|| panic!("{}: no pod {pod}", e.name));
                        assert_eq!(
                            p.node.as_deref(),
                            Some(*node),
                            "{}: {pod}: {:?}",
                            e.name,
                            p.unschedulable
                        );
                    }
                    ["pod", pod, "unschedulable"] => {
                        let p = a
                            .pod(pod)
                            .unwrap_or_else(|| panic!("{}: no pod {pod}", e.name));
                        assert!(
                            p.node.is_none() && p.unschedulable.is_some(),
                            "{}: {pod} on {:?}",
                            e.name,
                            p.node
                        );
                    }
                    ["claim", claim, "unallocated"] => {
                        let c = a
                            .claim(claim)
                            .unwrap_or_else(|| panic!("{}: no claim {claim}", e.name));
                        assert!(
                            !c.allocated,
                            "{}: {claim} allocated {:?}",
                            e.name, c.results
                        );
                    }
                    ["claim", claim, devices @ ..] => {
                        let c = a
                            .claim(claim)
                            .unwrap_or_else(|| panic!("{}: no claim {claim}", e.name));
                        let mut got: Vec<&str> =
                            c.results.iter().map(|r| r.device.as_str()).collect();
                        let mut want = devices.to_vec();
                        got.sort();
                        want.sort();
                        assert_eq!(got, want, "{}: {claim}", e.name);
                        for d in devices {
                            let device = a
                                .device(d)
                                .unwrap_or_else(|| panic!("{}: no device {d}", e.name));
                            assert!(
                                device.allocations.iter().any(|u| u.claim == *claim),
                                "{}: {d}",
                                e.name
                            );
                        }
                    }
                    _ => panic!("{}: cannot read expect line {line:?}", e.name),
                }
                checked += 1;
            }
            assert!(checked > 0, "{}", e.name);
        }
    }
}
