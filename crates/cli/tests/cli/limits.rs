//! Limits on input (dra_engine::limits) at the command line: a scenario over
//! a limit exits 2 with one `FILE:LINE:COLUMN: message` line, never a panic.

use std::process::Output;

use dra_engine::limits::{
    MAX_CEL_EXPRESSION_BYTES, MAX_COMMAND_LINE_SCENARIO_BYTES, MAX_OBJECTS, MAX_SCENARIO_BYTES,
};

use crate::support::dra_playground;

fn allocate_stdin(stdin: &str) -> Output {
    dra_playground(&["allocate", "-"], stdin)
}

/// Exit status 2, nothing on stdout, exactly one diagnostic line on stderr
/// at LINE:COLUMN containing `needle`.
fn assert_refused(output: &Output, line: usize, column: usize, needle: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(output.stdout.is_empty());
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    let prefix = format!("<stdin>:{line}:{column}: ");
    assert!(lines[0].starts_with(&prefix), "want {prefix}...: {stderr}");
    assert!(lines[0].contains(needle), "{stderr}");
}

const NODE: &str = "apiVersion: v1\nkind: Node\nmetadata:\n  name: n\n";

/// `bytes` bytes (and a little more) of comment lines, 64 bytes each; the
/// number of the line where the `bytes` limit is crossed.
fn comments(bytes: usize) -> (String, usize) {
    let line = format!("#{}\n", "x".repeat(62));
    let mut text = line.repeat(bytes / line.len());
    text.push_str("##\n");
    (text, bytes / line.len() + 1)
}

#[test]
fn a_too_large_scenario_exits_2() {
    // The command line's limit (the machine's), and three bytes more.
    let (text, line) = comments(MAX_COMMAND_LINE_SCENARIO_BYTES);
    assert_eq!(text.len(), MAX_COMMAND_LINE_SCENARIO_BYTES + 3);
    let output = allocate_stdin(&text);
    // The limit is crossed at the first byte of the last line.
    assert_refused(&output, line, 1, "the scenario is too large");
}

#[test]
fn the_command_line_loads_what_the_page_refuses() {
    // Larger than the page admits: read, and found to hold nothing.
    let (text, _) = comments(MAX_SCENARIO_BYTES);
    assert!(text.len() > MAX_SCENARIO_BYTES);
    let output = allocate_stdin(&text);
    assert_refused(&output, 1, 1, "the scenario is empty");
    // More objects than the page admits: they run.
    let text: Vec<String> = (0..=MAX_OBJECTS)
        .map(|i| format!("apiVersion: v1\nkind: Node\nmetadata:\n  name: n{i}\n"))
        .collect();
    let text = text.join("---\n");
    // Every command that reads a scenario uses the command line's limits.
    for command in ["allocate", "explain"] {
        let output = dra_playground(&[command, "-"], &text);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{command}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn too_deep_nesting_exits_2() {
    let mut text = String::from(NODE);
    text.push_str("  labels:\n");
    for level in 2..120 {
        text.push_str(&"  ".repeat(level));
        text.push_str(&format!("k{level}:\n"));
    }
    let output = allocate_stdin(&text);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("YAML nesting is deeper than 100 levels"),
        "{stderr}"
    );
}

#[test]
fn a_too_long_or_too_expensive_cel_expression_exits_2() {
    let claim = |expression: &str| {
        format!(
            "apiVersion: resource.k8s.io/v1\nkind: ResourceClaim\nmetadata:\n  name: c\nspec:\n  devices:\n    requests:\n    - name: r\n      exactly:\n        deviceClassName: gpu\n        selectors:\n        - cel:\n            expression: \"{expression}\"\n"
        )
    };
    let long = format!("'{}' == ''", "x".repeat(MAX_CEL_EXPRESSION_BYTES));
    assert_refused(
        &allocate_stdin(&claim(&long)),
        13,
        25,
        "Too long: may not be more than 10240 bytes",
    );
    let ten = "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]";
    let expensive = format!(
        "{ten}.all(a, {ten}.all(b, {ten}.all(c, {ten}.all(d, {ten}.all(e, {ten}.all(f, 'x'.matches('x*')))))))"
    );
    assert_refused(
        &allocate_stdin(&claim(&expensive)),
        13,
        25,
        "too complex, exceeds cost limit",
    );
}
