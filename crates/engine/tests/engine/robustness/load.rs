//! Bad input never panics and never passes silently: mutated conformance
//! scenarios, garbage, deep nesting and alias bombs all load without a panic,
//! and every document that does not become an object has a diagnostic.

use std::panic::{catch_unwind, AssertUnwindSafe};

use dra_engine::load::{load_scenario, LoadOptions};
use dra_engine::yaml;

use crate::support::{conformance_scenarios, file_name, Rng};

/// A spread of the upstream cases: every 37th.
fn samples() -> Vec<(String, String)> {
    conformance_scenarios("upstream")
        .iter()
        .step_by(37)
        .map(|p| {
            (
                file_name(p),
                std::fs::read_to_string(p).expect("readable case"),
            )
        })
        .collect()
}

/// Loads `text` (both with and without validation) and checks the
/// invariants; true when loading without validation reported a problem.
fn check(label: &str, text: &str) -> bool {
    let mut failed = false;
    for skip_validation in [true, false] {
        let loaded = catch_unwind(AssertUnwindSafe(|| {
            load_scenario(text, &LoadOptions { skip_validation })
        }))
        .unwrap_or_else(|_| panic!("panic loading {label}"));
        for d in &loaded.diagnostics {
            let p = d.span.start;
            assert!(p.line >= 1 && p.column >= 1, "{label}: bad position {d:?}");
            assert!(
                p.offset <= text.len() && text.is_char_boundary(p.offset),
                "{label}: offset {d:?}"
            );
            assert!(
                d.span.end.offset <= text.len() && d.span.end >= d.span.start,
                "{label}: end {d:?}"
            );
            assert!(!d.message.is_empty());
        }
        // Every document that did not become an object (directly or through
        // a List's items) has a diagnostic inside it.
        let parsed = yaml::parse(text);
        if !parsed.diagnostics.is_empty() {
            assert!(
                !loaded.diagnostics.is_empty(),
                "{label}: YAML problem without a diagnostic"
            );
        }
        for doc in &parsed.documents {
            let produced = loaded.objects.iter().any(|o| o.document == doc.index);
            let span = doc.root.span;
            let reported = loaded.diagnostics.iter().any(|d| {
                d.span.start.offset >= span.start.offset && d.span.start.offset <= span.end.offset
            });
            assert!(
                produced || reported,
                "{label}: document {} dropped silently",
                doc.index
            );
        }
        if skip_validation {
            failed = !loaded.diagnostics.is_empty();
        }
    }
    failed
}

#[test]
fn mutated_conformance_scenarios() {
    let samples = samples();
    assert!(samples.len() >= 5);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut inputs = 0;
    let mut failing = 0;
    for (name, text) in &samples {
        assert!(!check(name, text), "{name} should load cleanly");
        let bytes = text.as_bytes();
        // Truncation at every 97th byte.
        for cut in (0..bytes.len()).step_by(97) {
            let t = String::from_utf8_lossy(&bytes[..cut]).into_owned();
            failing += usize::from(check(&format!("{name} truncated at {cut}"), &t));
            inputs += 1;
        }
        // Flips, insertions and deletions of random bytes.
        for round in 0..40 {
            let mut b = bytes.to_vec();
            for _ in 0..1 + rng.below(4) {
                let at = rng.below(b.len());
                match rng.below(3) {
                    0 => b[at] ^= 1 << rng.below(8),
                    1 => {
                        let pick = b":-[]{}&*!|>'\"#\n\t ?,%@`x0";
                        b.insert(at, pick[rng.below(pick.len())]);
                    }
                    _ => {
                        b.remove(at);
                    }
                }
            }
            let t = String::from_utf8_lossy(&b).into_owned();
            failing += usize::from(check(&format!("{name} mutation {round}"), &t));
            inputs += 1;
        }
    }
    println!("{inputs} mutated inputs, {failing} with diagnostics");
    assert!(inputs >= 300, "only {inputs} inputs");
    // The mutations do break things (and each break was reported, above).
    assert!(
        failing * 4 >= inputs,
        "only {failing} of {inputs} inputs failed"
    );
}

#[test]
fn garbage_and_edge_inputs() {
    let mut rng = Rng(42);
    for i in 0..50 {
        let len = rng.below(2000);
        let b: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        check(&format!("garbage {i}"), &String::from_utf8_lossy(&b));
    }
    for text in [
        "",
        "\n",
        "---",
        "...",
        "~",
        "null",
        "[]",
        "{}",
        "- a",
        "\u{feff}",
        "\0",
        "%YAML 1.2\n---\n",
        "!!binary aGk=",
        "? [a]\n: b\n",
        "*unknown",
        "&a a: *a",
    ] {
        check(&format!("{text:?}"), text);
    }
    let loaded = load_scenario("", &LoadOptions::default());
    assert!(loaded.objects.is_empty() && loaded.diagnostics.is_empty());
}

#[test]
fn deep_nesting() {
    for text in [
        "[".repeat(10_000),
        format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)),
        format!("{}1{}", "{a: ".repeat(10_000), "}".repeat(10_000)),
        "- ".repeat(10_000),
        format!(
            "apiVersion: v1\nkind: Node\nmetadata:\n  labels: {}{}\n",
            "[".repeat(500),
            "]".repeat(500)
        ),
    ] {
        let loaded = load_scenario(&text, &LoadOptions::default());
        assert!(
            !loaded.diagnostics.is_empty(),
            "{}",
            &text[..40.min(text.len())]
        );
        check("deep", &text);
    }
}

#[test]
fn alias_fan_out() {
    let mut text = String::from("apiVersion: v1\nkind: Node\nmetadata:\n  name: n\n  annotations:\n    a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        text.push_str(&format!("    a{i}: &a{i} [{refs}]\n"));
    }
    let loaded = load_scenario(&text, &LoadOptions::default());
    assert!(loaded.objects.is_empty());
    assert!(loaded
        .diagnostics
        .iter()
        .any(|d| d.message.contains("aliases expand to more than")));
    check("aliases", &text);
    // Modest use of aliases is fine.
    let ok = "apiVersion: v1\nkind: Node\nmetadata:\n  name: n\n  labels: &l {a: b}\n  annotations: *l\n";
    let loaded = load_scenario(ok, &LoadOptions::default());
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    assert_eq!(loaded.objects[0].object.metadata().annotations["a"], "b");
}
