//! `dra-playground eval`: values in CEL literal form, compile and runtime
//! errors with Kubernetes' text, devices of a scenario, its feature gates,
//! and the exit statuses.

use std::process::Output;

use crate::support::{self, scratch_file};

const SCENARIO: &str = "\
apiVersion: playground.dra/v1alpha1
kind: Scenario
metadata:
  name: eval
spec:
  featureGates:
    DRAConsumableCapacity: false
---
apiVersion: resource.k8s.io/v1
kind: ResourceSlice
metadata:
  name: node-1-gpus
spec:
  driver: gpu.example.com
  nodeName: node-1
  pool:
    name: node-1
    resourceSliceCount: 1
  devices:
  - name: gpu-0
    attributes:
      model:
        string: A100
      index:
        int: 0
      driverVersion:
        version: 1.2.3
      numa.example.com/node:
        int: 1
    capacity:
      memory:
        value: 80Gi
  - name: gpu-1
    attributes:
      model:
        string: H100
---
apiVersion: resource.k8s.io/v1
kind: ResourceSlice
metadata:
  name: shared
spec:
  driver: nic.example.com
  allNodes: true
  pool:
    name: racks/rack-1
    resourceSliceCount: 1
  devices:
  - name: nic-0
    attributes:
      speed:
        int: 100
";

struct Run {
    status: Option<i32>,
    stdout: String,
    stderr: String,
}

fn dra_playground(args: &[&str], stdin: &str) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = support::dra_playground(args, stdin);
    Run {
        status: status.code(),
        stdout: String::from_utf8(stdout).expect("UTF-8"),
        stderr: String::from_utf8(stderr).expect("UTF-8"),
    }
}

/// `eval EXPRESSION` without a scenario.
fn eval(expression: &str) -> Run {
    dra_playground(&["eval", expression], "")
}

/// `eval --scenario - --device DEVICE EXPRESSION` with `scenario` on stdin.
fn eval_on(scenario: &str, device: &str, expression: &str) -> Run {
    dra_playground(
        &["eval", "--scenario", "-", "--device", device, expression],
        scenario,
    )
}

/// The one line printed for a successful evaluation.
fn value(run: &Run) -> &str {
    assert_eq!(run.status, Some(0), "stderr: {}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    run.stdout
        .strip_suffix('\n')
        .filter(|v| !v.contains('\n'))
        .unwrap_or_else(|| panic!("one line: {:?}", run.stdout))
}

#[test]
fn values_without_a_device_in_cel_literal_form() {
    let cases = [
        ("true", "true"),
        ("1 + 2", "3"),
        ("3u", "3u"),
        ("2.5 * 2.0", "5.0"),
        ("'a' + \"b\"", "\"ab\""),
        ("'say \"hi\"\\n'", r#""say \"hi\"\n""#),
        ("b'\\x00a'", r#"b"\x00a""#),
        ("null", "null"),
        ("[1, 2, 3].map(x, x * 2)", "[2, 4, 6]"),
        ("{'a': [1], 'b': []}", r#"{"a": [1], "b": []}"#),
        ("optional.of('x')", r#"optional.of("x")"#),
        ("type(1)", "int"),
        ("double('NaN')", r#"double("NaN")"#),
        // A quantity prints as its canonical string.
        ("quantity('1024Mi')", "1Gi"),
        ("quantity('1Gi').add(1)", "1073741825"),
        ("[quantity('1.5'), quantity('2k')]", "[1500m, 2k]"),
        ("semver('v1.02.3', true)", "1.2.3"),
        ("ip('10.0.0.1')", "10.0.0.1"),
        ("duration('1h')", "3600s"),
    ];
    for (expression, want) in cases {
        assert_eq!(value(&eval(expression)), want, "{expression}");
    }
}

#[test]
fn compile_errors_exit_1_with_position_and_caret() {
    let run = eval("1 + 'a'");
    assert_eq!(run.status, Some(1));
    assert!(run.stdout.is_empty());
    assert_eq!(
        run.stderr,
        "compilation failed: ERROR: <input>:1:3: found no matching overload for '_+_' applied to '(int, string)'\n | 1 + 'a'\n | ..^\n"
    );

    let run = eval("[1, 2].all(x,\n  x > )");
    assert_eq!(run.status, Some(1));
    assert!(
        run.stderr
            .starts_with("compilation failed: ERROR: <input>:2:7: Syntax error: "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with(" |   x > )\n | ......^\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn runtime_errors_exit_1_with_kubernetes_text() {
    let run = eval("{'a': 1}['b'] == 1");
    assert_eq!(run.status, Some(1));
    assert!(run.stdout.is_empty());
    assert_eq!(
        run.stderr,
        "CEL runtime error: no such key: b. consider using CEL optional chaining (.? followed by orValue()) or guarding the check with has() for optional fields\n"
    );
    let run = eval("1 / (2 - 2)");
    assert_eq!(run.status, Some(1));
    assert_eq!(run.stderr, "CEL runtime error: division by zero\n");
    let run = eval(
        "[1, 2, 3].all(x, [1, 2, 3].all(y, [1, 2, 3].all(z, quantity('1').add(x).isInteger())))",
    );
    assert_eq!(run.status, Some(0), "{}", run.stderr);
}

#[test]
fn the_device_variable_is_the_named_device() {
    let device = "gpu.example.com/node-1/gpu-0";
    let cases = [
        ("device.driver", r#""gpu.example.com""#),
        (r#"device.attributes["gpu.example.com"].model"#, r#""A100""#),
        (r#"device.capacity["gpu.example.com"].memory"#, "80Gi"),
        (
            r#"device.capacity["gpu.example.com"].memory.isGreaterThan(quantity("40Gi"))"#,
            "true",
        ),
        (
            r#"device.attributes["gpu.example.com"]"#,
            r#"{"driverVersion": 1.2.3, "index": 0, "model": "A100"}"#,
        ),
        (r#"device.attributes["numa.example.com"].node"#, "1"),
        (r#"device.attributes["other.example.com"]"#, "{}"),
        (
            r#"device.attributes["gpu.example.com"].driverVersion.isLessThan(semver("1.10.0"))"#,
            "true",
        ),
    ];
    for (expression, want) in cases {
        assert_eq!(
            value(&eval_on(SCENARIO, device, expression)),
            want,
            "{expression}"
        );
    }
    // Another device; a pool name with a slash.
    let run = eval_on(
        SCENARIO,
        "gpu.example.com/node-1/gpu-1",
        r#"device.attributes["gpu.example.com"].model"#,
    );
    assert_eq!(value(&run), r#""H100""#);
    let run = eval_on(
        SCENARIO,
        "nic.example.com/racks/rack-1/nic-0",
        r#"device.attributes["nic.example.com"].speed"#,
    );
    assert_eq!(value(&run), "100");
    // A missing attribute: Kubernetes' text and the allocator's hint.
    let run = eval_on(
        SCENARIO,
        device,
        r#"device.attributes["gpu.example.com"].memory > 0"#,
    );
    assert_eq!(run.status, Some(1));
    assert!(
        run.stderr
            .starts_with("CEL runtime error: no such key: memory. consider using"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_scenario_feature_gates_decide_the_environment() {
    let device = "gpu.example.com/node-1/gpu-0";
    // DRAConsumableCapacity is off in the scenario: no allowMultipleAllocations.
    let run = eval_on(SCENARIO, device, "device.allowMultipleAllocations");
    assert_eq!(run.status, Some(1));
    assert!(
        run.stderr.starts_with(
            "compilation failed: ERROR: <input>:1:7: undefined field 'allowMultipleAllocations'"
        ),
        "{}",
        run.stderr
    );
    // On (the default of a scenario that names no gate): unset reads as false.
    let gates_on = SCENARIO.replace(
        "    DRAConsumableCapacity: false\n",
        "    DRAConsumableCapacity: true\n",
    );
    assert_eq!(
        value(&eval_on(
            &gates_on,
            device,
            "device.allowMultipleAllocations"
        )),
        "false"
    );
    // DRAListTypeAttributes off: no `includes`.
    let lists_off = SCENARIO.replace(
        "    DRAConsumableCapacity: false\n",
        "    DRAListTypeAttributes: false\n",
    );
    let includes = r#"device.attributes["gpu.example.com"].model.includes("A100")"#;
    let run = eval_on(&lists_off, device, includes);
    assert_eq!(run.status, Some(1));
    assert!(
        run.stderr.contains("undeclared reference to 'includes'"),
        "{}",
        run.stderr
    );
    assert_eq!(value(&eval_on(SCENARIO, device, includes)), "true");
    // Without a scenario every gate is on.
    assert_eq!(value(&eval("[1, 2].includes(2)")), "true");
}

#[test]
fn an_unknown_device_lists_the_near_names() {
    let run = eval_on(SCENARIO, "gpu.example.com/node-1/gpu-7", "true");
    assert_eq!(run.status, Some(2));
    assert!(run.stdout.is_empty());
    assert_eq!(
        run.stderr,
        "<stdin>: no device gpu.example.com/node-1/gpu-7; similar names: gpu.example.com/node-1/gpu-0, gpu.example.com/node-1/gpu-1\n"
    );
    let run = eval_on(SCENARIO, "gpu.example.org/node1/gpu-0", "true");
    assert_eq!(run.status, Some(2));
    assert!(
        run.stderr
            .contains("similar names: gpu.example.com/node-1/gpu-0,"),
        "{}",
        run.stderr
    );
    // Nothing alike: the scenario's devices.
    let run = eval_on(SCENARIO, "fpga.example.com/x/y", "true");
    assert_eq!(run.status, Some(2));
    assert_eq!(
        run.stderr,
        "<stdin>: no device fpga.example.com/x/y; the scenario's devices: gpu.example.com/node-1/gpu-0, gpu.example.com/node-1/gpu-1, nic.example.com/racks/rack-1/nic-0\n"
    );
    // Not DRIVER/POOL/DEVICE.
    let run = eval_on(SCENARIO, "gpu-0", "true");
    assert_eq!(run.status, Some(2));
    assert!(run.stderr.contains("DRIVER/POOL/DEVICE"), "{}", run.stderr);
}

#[test]
fn a_scenario_that_does_not_load_exits_2_with_file_line_column() {
    let bad = SCENARIO.replace(
        "  nodeName: node-1\n",
        "  nodeName: node-1\n  nodeNme: typo\n",
    );
    let file = scratch_file("bad.yaml", &bad);
    let path = file.to_str().expect("UTF-8 path");
    let run = dra_playground(
        &[
            "eval",
            "--scenario",
            path,
            "--device",
            "gpu.example.com/node-1/gpu-0",
            "device.driver",
        ],
        "",
    );
    assert_eq!(run.status, Some(2));
    assert!(run.stdout.is_empty());
    // The unknown field is on line 16, column 3.
    assert!(
        run.stderr.starts_with(&format!("{path}:16:3: ")),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("nodeNme"), "{}", run.stderr);

    // A selector that does not compile fails validation; --skip-validation
    // lets eval look at the devices anyway.
    let invalid_selector = format!(
        "{SCENARIO}---\napiVersion: resource.k8s.io/v1\nkind: DeviceClass\nmetadata:\n  name: gpu\nspec:\n  selectors:\n  - cel:\n      expression: device.driver == nosuch\n"
    );
    std::fs::write(&file, &invalid_selector).expect("write");
    // The error is at `nosuch`, on the last line.
    let line = invalid_selector.lines().count();
    let args = |skip: bool| {
        let mut a = vec!["eval", "--scenario", path];
        if skip {
            a.push("--skip-validation");
        }
        a.extend(["--device", "gpu.example.com/node-1/gpu-0", "device.driver"]);
        dra_playground(&a, "")
    };
    let run = args(false);
    assert_eq!(run.status, Some(2));
    assert!(
        run.stderr.starts_with(&format!("{path}:{line}:36: ")),
        "{}",
        run.stderr
    );
    assert_eq!(value(&args(true)), r#""gpu.example.com""#);
    std::fs::remove_dir_all(file.parent().expect("a scratch folder")).ok();
}

#[test]
fn device_needs_a_scenario_and_a_device_expression_needs_a_device() {
    let run = eval("device.driver == 'a'");
    assert_eq!(run.status, Some(2));
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("--device"), "{}", run.stderr);

    let run = dra_playground(&["eval", "--device", "a/b/c", "true"], "");
    assert_eq!(run.status, Some(2));
    assert!(run.stderr.contains("--scenario"), "{}", run.stderr);

    // A device expression inside a comprehension variable named `device`
    // does not read the device.
    assert_eq!(value(&eval("[1, 2].exists(device, device == 2)")), "true");
}
