//! What the engine's tests share: the repository's files, loading with and
//! without validation, running and where a pod went, problems as (line,
//! column, message), and a small
//! deterministic random generator for mutating inputs reproducibly.

use std::path::PathBuf;

use dra_engine::diagnostic::Diagnostic;
use dra_engine::load::{load_scenario, LoadOptions, LoadedScenario};
use dra_engine::scheduler::{Placement, RunResult};
use dra_engine::{run_scenario, RunOptions};

/// A file of the repository, by its path from the root.
pub fn repo_file(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

/// The conformance scenarios of `tests/conformance/<folder>` (not their
/// expected outcomes), sorted by path.
pub fn conformance_scenarios(folder: &str) -> Vec<PathBuf> {
    let dir = repo_file("tests/conformance").join(folder);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.to_string_lossy();
            name.ends_with(".yaml") && !name.ends_with(".expected.yaml")
        })
        .collect();
    files.sort();
    files
}

/// The file name of a path, for messages.
pub fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

/// Loads without the apiserver's validation: decoding, conversion, feature
/// gates and defaults only.
pub fn load(text: &str) -> LoadedScenario {
    load_scenario(
        text,
        &LoadOptions {
            skip_validation: true,
        },
    )
}

/// Loads with validation, as `allocate` does.
pub fn load_validated(text: &str) -> LoadedScenario {
    load_scenario(text, &LoadOptions::default())
}

/// Runs a scenario that must load without errors (with validation, as
/// `allocate` does).
pub fn run(text: &str) -> RunResult {
    run_scenario(text, &RunOptions::default()).unwrap_or_else(|e| panic!("{e:#?}"))
}

/// Where the run put the pod named `pod`.
pub fn placement<'r>(result: &'r RunResult, pod: &str) -> &'r Placement {
    &result
        .pods
        .iter()
        .find(|p| p.pod.metadata.name == pod)
        .unwrap_or_else(|| panic!("no pod {pod}"))
        .placement
}

/// (line, column, message) of every problem of a loaded scenario.
pub fn problems(loaded: &LoadedScenario) -> Vec<(usize, usize, String)> {
    loaded
        .diagnostics
        .iter()
        .map(|d| (d.span.start.line, d.span.start.column, d.message.clone()))
        .collect()
}

/// A problem as `LINE:COLUMN: message`.
pub fn located(d: &Diagnostic) -> String {
    format!(
        "{}:{}: {}",
        d.span.start.line, d.span.start.column, d.message
    )
}

/// The one problem of a list that must hold exactly one.
pub fn only(problems: Vec<(usize, usize, String)>) -> (usize, usize, String) {
    assert_eq!(problems.len(), 1, "{problems:#?}");
    problems.into_iter().next().expect("one problem")
}

/// xorshift64*: fast, deterministic, good enough to pick mutations.
pub struct Rng(pub u64);

impl Rng {
    /// The next pseudo-random number.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}
