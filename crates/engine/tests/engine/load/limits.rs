//! Limits on input (issue 6): each limit, when exceeded, is one positioned
//! error diagnostic (never a panic, never a silent truncation), and input
//! just within it is accepted.

use dra_engine::diagnostic::Diagnostic;
use dra_engine::limits::{
    position_of, MAX_CEL_COST, MAX_CEL_EXPRESSION_BYTES, MAX_NESTING_DEPTH, MAX_OBJECTS,
    MAX_SCENARIO_BYTES, MAX_SHARE_LINK_BYTES,
};
use dra_engine::load::LoadedScenario;
use dra_engine::scheduler::Placement;
use dra_engine::{run_scenario, RunOptions};

use crate::support::{load, load_validated, repo_file};

fn errors(loaded: &LoadedScenario) -> Vec<&Diagnostic> {
    loaded.diagnostics.iter().filter(|d| d.is_error()).collect()
}

/// The one error whose message contains `needle`.
fn the_error<'l>(loaded: &'l LoadedScenario, needle: &str) -> &'l Diagnostic {
    let found: Vec<_> = errors(loaded)
        .into_iter()
        .filter(|d| d.message.contains(needle))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "want one error containing {needle:?}, got {:#?}",
        loaded.diagnostics
    );
    found[0]
}

fn has_error(loaded: &LoadedScenario, needle: &str) -> bool {
    errors(loaded).iter().any(|d| d.message.contains(needle))
}

/// 1-based line of the first line of `text` that contains `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    1 + text
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not in text"))
}

const NODE: &str = "apiVersion: v1\nkind: Node\nmetadata:\n  name: n\n";

// ---------------------------------------------------------------- size

/// `base` padded with comment lines to exactly `len` bytes.
fn padded(base: &str, len: usize) -> String {
    let mut text = String::with_capacity(len);
    text.push_str(base);
    let line = format!("# {}\n", "x".repeat(77));
    while text.len() + line.len() <= len {
        text.push_str(&line);
    }
    while text.len() < len - 1 {
        text.push('#');
    }
    text.push('\n');
    assert_eq!(text.len(), len);
    text
}

#[test]
fn a_scenario_over_the_size_limit_is_refused_at_the_limit() {
    let text = padded(NODE, MAX_SCENARIO_BYTES + 1);
    let loaded = load_validated(&text);
    assert!(loaded.objects.is_empty(), "nothing of it is loaded");
    assert_eq!(errors(&loaded).len(), 1, "{:#?}", loaded.diagnostics);
    let d = the_error(&loaded, "the scenario is too large");
    assert!(
        d.message.contains(&format!(
            "{} bytes (8.0 MiB), more than the limit of 8388608 bytes",
            MAX_SCENARIO_BYTES + 1
        )),
        "{}",
        d.message
    );
    // Positioned where the limit is crossed: the last byte, on the last line.
    assert_eq!(d.span.start, position_of(&text, MAX_SCENARIO_BYTES));
    assert_eq!(d.span.start.offset, MAX_SCENARIO_BYTES);
    assert_eq!(d.span.start.line, text.lines().count());
    assert!(d.span.start.column > 1);

    // The run is refused with the same diagnostic, with validation or without.
    for skip_validation in [false, true] {
        let err = run_scenario(&text, &RunOptions { skip_validation }).unwrap_err();
        assert_eq!(err, vec![d.clone()]);
    }
}

#[test]
fn a_scenario_at_the_size_limit_loads() {
    let text = padded(NODE, MAX_SCENARIO_BYTES);
    let loaded = load_validated(&text);
    assert!(errors(&loaded).is_empty(), "{:#?}", loaded.diagnostics);
    assert_eq!(loaded.objects.len(), 1);
}

#[test]
fn the_size_limit_counts_bytes_and_positions_land_on_characters() {
    // Multi-byte characters straddling the limit: the position moves back to
    // the character's start, and the column counts characters.
    let mut text = String::from("# ");
    while text.len() < MAX_SCENARIO_BYTES {
        text.push('é');
    }
    text.push('\n');
    let loaded = load_validated(&text);
    let d = the_error(&loaded, "too large");
    assert!(text.is_char_boundary(d.span.start.offset));
    assert!(d.span.start.offset <= MAX_SCENARIO_BYTES);
    assert_eq!(d.span.start.line, 1);
    assert_eq!(
        d.span.start.column,
        1 + text[..d.span.start.offset].chars().count()
    );
}

#[test]
fn the_perf_reference_cluster_is_within_the_limits() {
    let path = repo_file("tests/perf/cluster-500x1200.yaml");
    let text = std::fs::read_to_string(path).expect("perf reference scenario");
    assert!(text.len() <= MAX_SCENARIO_BYTES);
    let loaded = load(&text);
    assert!(
        errors(&loaded).is_empty(),
        "{:#?}",
        &loaded.diagnostics[..3.min(loaded.diagnostics.len())]
    );
    assert!(loaded.objects.len() > 1_000 && loaded.objects.len() <= MAX_OBJECTS);
}

// ---------------------------------------------------------------- objects

fn nodes(n: usize) -> String {
    (0..n)
        .map(|i| format!("apiVersion: v1\nkind: Node\nmetadata:\n  name: node-{i}\n"))
        .collect::<Vec<_>>()
        .join("---\n")
}

#[test]
fn more_objects_than_the_limit_are_refused_at_the_first_one_past_it() {
    let text = nodes(MAX_OBJECTS + 1);
    let loaded = load_validated(&text);
    assert!(loaded.objects.is_empty());
    assert_eq!(errors(&loaded).len(), 1, "{:#?}", &loaded.diagnostics);
    let d = the_error(&loaded, "too many objects");
    assert!(
        d.message.contains("more than the limit of 20000"),
        "{}",
        d.message
    );
    assert!(d.message.contains("this is object 20001"), "{}", d.message);
    // Each document is 5 lines with its separator: object 20,001 starts at
    // line 5 * 20,000 + 1.
    assert_eq!(
        (d.span.start.line, d.span.start.column),
        (5 * MAX_OBJECTS + 1, 1)
    );
    assert!(text[d.span.start.offset..]
        .starts_with("apiVersion: v1\nkind: Node\nmetadata:\n  name: node-20000\n"));
    assert!(run_scenario(&text, &RunOptions::default()).is_err());
}

#[test]
fn as_many_objects_as_the_limit_load() {
    let loaded = load(&nodes(MAX_OBJECTS));
    assert!(errors(&loaded).is_empty(), "{:#?}", &loaded.diagnostics);
    assert_eq!(loaded.objects.len(), MAX_OBJECTS);
}

#[test]
fn list_items_count_as_objects() {
    let item = "- apiVersion: v1\n  kind: Node\n  metadata:\n    name: n\n";
    // A first document, then a List whose items reach one past the limit.
    let text = format!(
        "{NODE}---\napiVersion: v1\nkind: List\nitems:\n{}",
        item.repeat(MAX_OBJECTS)
    );
    let loaded = load_validated(&text);
    let d = the_error(&loaded, "too many objects");
    // Item number 20,000 of the List (index 19,999) is object 20,001: the
    // items start at line 9, four lines each.
    assert_eq!(d.span.start.line, 9 + 4 * (MAX_OBJECTS - 1));
    assert_eq!(d.span.start.column, 3);
    assert!(loaded.objects.is_empty());

    // One item fewer is within the limit.
    let text = format!(
        "{NODE}---\napiVersion: v1\nkind: List\nitems:\n{}",
        item.repeat(MAX_OBJECTS - 1)
    );
    let loaded = load(&text);
    assert!(!has_error(&loaded, "too many objects"));
    assert_eq!(loaded.objects.len(), MAX_OBJECTS);
}

// ---------------------------------------------------------------- nesting

/// A Node whose labels hold `depth` levels of nested block mappings under
/// the document's root (metadata and labels are two of them).
fn nested_block(depth: usize) -> String {
    let mut text = String::from("apiVersion: v1\nkind: Node\nmetadata:\n  name: n\n  labels:\n");
    for level in 2..depth {
        text.push_str(&"  ".repeat(level));
        text.push_str(&format!("k{level}:\n"));
    }
    text.push_str(&"  ".repeat(depth));
    text.push_str("leaf: x\n");
    text
}

#[test]
fn nesting_deeper_than_the_limit_is_an_error_where_it_gets_too_deep() {
    assert_eq!(MAX_NESTING_DEPTH, 100);
    let text = nested_block(MAX_NESTING_DEPTH + 5);
    let loaded = load_validated(&text);
    let d = the_error(&loaded, "YAML nesting is deeper than 100 levels");
    assert!(d.span.start.line > 90 && d.span.start.line < 110, "{d}");
    assert!(loaded.objects.is_empty());
    assert!(run_scenario(&text, &RunOptions::default()).is_err());

    // Just within the limit the nesting is fine (the labels are not, but
    // that is validation's business).
    let loaded = load_validated(&nested_block(MAX_NESTING_DEPTH - 1));
    assert!(!has_error(&loaded, "nesting"), "{:#?}", loaded.diagnostics);
}

#[test]
fn deep_flow_nesting_is_an_error_not_a_stack_overflow() {
    for (open, close) in [("[", "]"), ("{a: ", "}")] {
        for depth in [MAX_NESTING_DEPTH + 1, 10_000, 200_000] {
            let text = format!("{}x{}\n", open.repeat(depth), close.repeat(depth));
            let loaded = load_validated(&text);
            let errs = errors(&loaded);
            assert!(!errs.is_empty(), "depth {depth}");
            assert!(loaded.objects.is_empty());
            // The reader's depth limit, or (the scanner reads ahead) saphyr's
            // own recursion limit of 256 flow levels, whichever comes first.
            let d = errs[0];
            assert!(
                d.message.contains("YAML nesting is deeper than 100 levels")
                    || d.message.contains("recursion limit exceeded"),
                "{d}"
            );
            assert_eq!(d.span.start.line, 1);
            assert!(d.span.start.column <= 256 * open.len() + 1, "{d}");
        }
    }
}

// ---------------------------------------------------------------- CEL

/// A class and a claim whose selector is `expression` (a block scalar, so
/// that any text fits), on a node with one device.
fn with_selector(expression: &str) -> String {
    format!(
        "\
apiVersion: resource.k8s.io/v1
kind: DeviceClass
metadata:
  name: gpu
---
apiVersion: resource.k8s.io/v1
kind: ResourceSlice
metadata:
  name: s
spec:
  driver: dra.example.com
  nodeName: n
  pool:
    name: p
    resourceSliceCount: 1
  devices:
  - name: d
---
apiVersion: resource.k8s.io/v1
kind: ResourceClaim
metadata:
  name: c
spec:
  devices:
    requests:
    - name: r
      exactly:
        deviceClassName: gpu
        selectors:
        - cel:
            expression: |-
              {expression}
"
    )
}

/// `true && true && ... && 'xx' != 'y'` (true), exactly `len` bytes long.
fn long_expression(len: usize) -> String {
    let mut e = String::from("true");
    while e.len() + 8 + 13 <= len {
        e.push_str(" && true");
    }
    let fill = len - e.len() - " && '' != 'y'".len();
    e.push_str(&format!(" && '{}' != 'y'", "x".repeat(fill)));
    assert_eq!(e.len(), len);
    e
}

#[test]
fn a_cel_expression_over_the_length_limit_is_an_error_at_the_expression() {
    assert_eq!(MAX_CEL_EXPRESSION_BYTES, 10 * 1024);
    let text = with_selector(&long_expression(MAX_CEL_EXPRESSION_BYTES + 1));
    assert_refused_at_expression(
        &text,
        "Too long",
        "spec.devices.requests[0].exactly.selectors[0].cel.expression: Too long: may not be more than 10240 bytes",
    );
}

/// The scenario is refused with an error that says `says`, positioned at the
/// selector's `expression` (its key or its first line), and does not run.
fn assert_refused_at_expression(text: &str, kind: &str, says: &str) {
    let loaded = load_validated(text);
    let d = the_error(&loaded, kind);
    assert!(d.message.contains(says), "{}", d.message);
    let line = line_of(text, "expression: |-");
    assert!(
        d.span.start.line == line || d.span.start.line == line + 1,
        "{d}"
    );
    assert!(run_scenario(text, &RunOptions::default()).is_err());
}

#[test]
fn a_cel_expression_at_the_length_limit_compiles_and_runs() {
    let text = with_selector(&long_expression(MAX_CEL_EXPRESSION_BYTES));
    let loaded = load_validated(&text);
    assert!(errors(&loaded).is_empty(), "{:#?}", loaded.diagnostics);
    let run = run_scenario(&text, &RunOptions::default()).expect("valid");
    assert_eq!(run.claims.len(), 1);
    assert!(
        run.claims[0].status.allocation.is_some(),
        "{:?}",
        run.implicit_pods[0].placement
    );
}

/// Upstream's own "expensive" selector (compile_test.go): seven nested
/// comprehensions, an estimated cost of 85,555,551.
const EXPENSIVE: &str = "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(x, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(y, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(z, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(z2, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(z3, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(z4, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(z5, int('1'.find('[0-9]*')) < 100)))))))";

#[test]
fn a_cel_expression_over_the_cost_limit_is_an_error_at_the_expression() {
    assert_eq!(MAX_CEL_COST, 1_000_000);
    let program = dra_engine::cel::compile(EXPENSIVE, &Default::default()).expect("compiles");
    assert_eq!(program.estimated_cost(), 85_555_551);

    assert_refused_at_expression(
        &with_selector(EXPENSIVE),
        "exceeds cost limit",
        "spec.devices.requests[0].exactly.selectors[0].cel.expression: Forbidden: too complex, exceeds cost limit",
    );
}

#[test]
fn without_validation_the_runtime_cost_limit_stops_an_expensive_selector() {
    let text = with_selector(EXPENSIVE);
    let run = run_scenario(
        &text,
        &RunOptions {
            skip_validation: true,
        },
    )
    .expect("loads without validation");
    let outcome = &run.implicit_pods[0];
    match &outcome.placement {
        Placement::Unschedulable(reason) => {
            assert!(reason.contains("cost limit exceeded"), "{reason}")
        }
        other => panic!("want unschedulable, got {other:?}"),
    }
    assert!(run.claims[0].status.allocation.is_none());
}

#[test]
fn a_cheap_selector_is_within_the_cost_limit() {
    let loaded = load_validated(&with_selector("device.driver == 'dra.example.com'"));
    assert!(errors(&loaded).is_empty(), "{:#?}", loaded.diagnostics);
}

// ---------------------------------------------------------------- share links

#[test]
fn the_share_link_limit_is_one_mebibyte_and_within_the_scenario_limit() {
    assert_eq!(MAX_SHARE_LINK_BYTES, 1024 * 1024);
    const { assert!(MAX_SHARE_LINK_BYTES <= MAX_SCENARIO_BYTES) };
}

// ---------------------------------------------------------------- positions

#[test]
fn position_of_counts_lines_and_characters() {
    let text = "ab\nçd\n";
    assert_eq!(
        (position_of(text, 0).line, position_of(text, 0).column),
        (1, 1)
    );
    let p = position_of(text, 5); // 'd'
    assert_eq!((p.line, p.column, p.offset), (2, 2, 5));
    let p = position_of(text, 4); // inside 'ç': moved back to its start
    assert_eq!((p.line, p.column, p.offset), (2, 1, 3));
    let p = position_of(text, 100); // past the end: the end
    assert_eq!((p.line, p.column, p.offset), (3, 1, text.len()));
}

#[test]
fn a_workload_cannot_make_more_pods_than_the_object_limit() {
    let text = "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: rs}\nspec:\n  replicas: 2000000000\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n";
    let loaded = crate::support::load(text);
    assert_eq!(loaded.objects.len(), 1, "no pod is made");
    let d = &loaded.diagnostics[0];
    assert_eq!((d.span.start.line, d.span.start.column), (5, 13));
    assert!(
        d.message.starts_with("this workload makes 2000000000 pods"),
        "{}",
        d.message
    );
}
