//! Every conformance scenario loads without a diagnostic when validation is
//! skipped (as the conformance runner loads them).

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::support::{conformance_scenarios, load, load_validated};

fn scenario_files() -> Vec<PathBuf> {
    let mut files = conformance_scenarios("upstream");
    files.extend(conformance_scenarios("random"));
    files
}

#[test]
fn conformance_scenarios_load_cleanly_with_skip_validation() {
    let files = scenario_files();
    assert!(
        files.len() >= 223,
        "found only {} scenario files",
        files.len()
    );
    let mut failures = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let loaded = load(&text);
        if !loaded.diagnostics.is_empty() || loaded.objects.is_empty() {
            failures.push(format!("{}: {:?}", f.display(), loaded.diagnostics.first()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} files with diagnostics:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Not an assertion on the count (the CEL compiler decides many of them):
/// prints how many scenarios validate cleanly and the most common messages.
#[test]
fn conformance_scenarios_with_validation_report() {
    let files = scenario_files();
    let mut clean = 0;
    let mut clean_but_cel = 0;
    let mut messages: BTreeMap<String, usize> = BTreeMap::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let loaded = load_validated(&text);
        if loaded.diagnostics.is_empty() {
            clean += 1;
        }
        if loaded
            .diagnostics
            .iter()
            .all(|d| d.message.contains(".cel.expression: "))
        {
            clean_but_cel += 1;
        }
        for d in &loaded.diagnostics {
            // Group by the message without the field path.
            let body = d
                .message
                .split_once(": ")
                .map_or(d.message.as_str(), |(_, b)| b);
            let body: String = body.chars().take(90).collect();
            *messages.entry(body).or_default() += 1;
            // Every diagnostic is positioned inside the file.
            assert!(
                d.span.start.line >= 1 && d.span.start.offset <= text.len(),
                "{d:?}"
            );
        }
    }
    let mut top: Vec<_> = messages.into_iter().collect();
    top.sort_by_key(|e| std::cmp::Reverse(e.1));
    println!(
        "{clean} of {} conformance scenarios validate cleanly",
        files.len()
    );
    println!("{clean_but_cel} have no diagnostics other than on CEL expressions");
    for (m, n) in top.iter().take(25) {
        println!("{n:6}  {m}");
    }
}
