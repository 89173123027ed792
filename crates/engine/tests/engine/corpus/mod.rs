//! The paste corpus (tests/corpus, issue 11): every file loads as a user
//! pastes it (where a demo itself is wrong, it is refused with the problem
//! at its line), and every `# expect:` line holds.
//!
//! A file that needs what the scheduler does not simulate yet goes in
//! [`PENDING`] (none does now): it runs too, and the test fails when it
//! passes, so that the list shrinks as the scheduler grows.

mod check;
mod expect;

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::support::repo_file;

use check::Outcome;
use expect::expectations;

/// Files whose expectations need a scheduler feature that is not built
/// yet, with that feature.
const PENDING: &[(&str, &str)] = &[];

/// Every corpus file, by path from tests/corpus, sorted.
fn corpus_files() -> Vec<(String, PathBuf)> {
    let root = repo_file("tests/corpus");
    let mut files = Vec::new();
    for source in std::fs::read_dir(&root).expect("tests/corpus").flatten() {
        if !source.path().is_dir() {
            continue;
        }
        for file in std::fs::read_dir(source.path())
            .expect("a source")
            .flatten()
        {
            let path = file.path();
            if path.extension().is_some_and(|e| e == "yaml") {
                let name = format!(
                    "{}/{}",
                    source.file_name().to_string_lossy(),
                    file.file_name().to_string_lossy()
                );
                files.push((name, path));
            }
        }
    }
    files.sort();
    files
}

/// What happened to one file: whether it loaded, and its failed
/// expectations.
struct FileResult {
    loads: bool,
    failures: Vec<String>,
}

fn run_file(path: &PathBuf) -> FileResult {
    let text = std::fs::read_to_string(path).expect("a corpus file");
    let expects = match expectations(&text) {
        Ok(e) => e,
        Err(e) => {
            return FileResult {
                loads: false,
                failures: vec![e],
            }
        }
    };
    let outcome = Outcome::of(&text);
    let wants_refusal = expects.iter().any(|e| e.is_error());
    let mut failures: Vec<String> = expects
        .iter()
        .filter_map(|e| outcome.check(e).err().map(|why| format!("{e:?}: {why}")))
        .collect();
    if expects.is_empty() {
        failures.push("no # expect: line".into());
    }
    if !wants_refusal {
        if let Some(errors) = &outcome.errors {
            failures.push(format!(
                "refused: {}",
                errors
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("; ")
            ));
        }
    }
    FileResult {
        // Loading as pasted: run, or refused only where the demo is wrong.
        loads: outcome.errors.is_none() || wants_refusal,
        failures,
    }
}

#[test]
fn every_file_loads_as_pasted_and_holds_its_expectations() {
    let files = corpus_files();
    assert!(files.len() >= 74, "found {} corpus files", files.len());
    let mut by_source: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut now_passing = Vec::new();
    for (name, path) in &files {
        let result = run_file(path);
        let source = name.split('/').next().unwrap_or_default().to_owned();
        let entry = by_source.entry(source).or_default();
        entry.0 += 1;
        entry.1 += usize::from(result.loads);
        entry.2 += usize::from(result.failures.is_empty());
        let pending = PENDING.iter().find(|(f, _)| f == name);
        match (pending, result.failures.is_empty()) {
            (Some(_), true) => now_passing.push(name.clone()),
            (None, false) => failures.push(format!("{name}:\n  {}", result.failures.join("\n  "))),
            _ => {}
        }
    }
    println!("source: files, load, pass");
    for (source, (n, loads, passes)) in &by_source {
        println!("{source}: {n}, {loads}, {passes}");
    }
    for (file, why) in PENDING {
        println!("pending {file}: {why}");
    }
    assert!(
        now_passing.is_empty(),
        "pending files now pass; remove them from PENDING: {now_passing:?}"
    );
    assert!(
        failures.is_empty(),
        "{} files fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_pending_file_exists() {
    let files = corpus_files();
    for (file, _) in PENDING {
        assert!(files.iter().any(|(name, _)| name == file), "{file}");
    }
}
