//! Shared helpers of the command-line tests (the `cli` binary and the
//! conformance runner): running the binary, files of the repository and
//! scratch files, reading expected files, and the semantic comparison of
//! SCENARIO.md.

#![allow(dead_code)] // the conformance runner uses a part

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use saphyr::{LoadableYamlNode, Scalar, Yaml};
use serde_json::{Map, Value};

/// One case: `NAME.yaml` and `NAME.expected.yaml`.
pub struct Case {
    pub name: String,
    pub scenario: PathBuf,
    pub expected: PathBuf,
}

impl Case {
    /// Every case of a folder, sorted by name.
    pub fn all_in(dir: &Path) -> Vec<Case> {
        let mut cases: Vec<Case> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
            .filter_map(|entry| {
                let path = entry.ok()?.path();
                let file = path.file_name()?.to_str()?.to_owned();
                let name = file.strip_suffix(".yaml")?;
                if name.ends_with(".expected") {
                    return None;
                }
                Some(Case {
                    name: name.to_owned(),
                    expected: dir.join(format!("{name}.expected.yaml")),
                    scenario: path,
                })
            })
            .collect();
        cases.sort_by(|a, b| a.name.cmp(&b.name));
        cases
    }

    /// The expected objects.
    pub fn expected(&self) -> Result<Vec<Value>, String> {
        let text = std::fs::read_to_string(&self.expected)
            .map_err(|e| format!("reading {}: {e}", self.expected.display()))?;
        yaml_documents(&text)
    }
}

/// A file of the repository, by its path from the root.
pub fn repo_file(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

/// A new scratch file holding `contents`, named `name` in a folder of its
/// own (for commands that read a file and name it in their messages).
pub fn scratch_file(name: &str, contents: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "dra-cli-tests-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let file = dir.join(name);
    std::fs::write(&file, contents).expect("a scratch file");
    file
}

/// Runs `dra-playground` with these arguments and `stdin` on standard input
/// (written while the output is read, so that large input cannot block).
pub fn dra_playground(args: &[&str], stdin: impl AsRef<[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dra-playground"))
        .args(args)
        .current_dir(repo_file(""))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dra-playground starts");
    let mut input = child.stdin.take().expect("stdin is piped");
    let text = stdin.as_ref().to_vec();
    let writer = std::thread::spawn(move || input.write_all(&text));
    let output = child.wait_with_output().expect("dra-playground finishes");
    writer
        .join()
        .expect("the writer finishes")
        .expect("stdin accepts the scenario");
    output
}

/// Runs `dra-playground` as [`dra_playground`] does, which must succeed;
/// what it printed.
pub fn succeeded(args: &[&str], stdin: impl AsRef<[u8]>) -> String {
    let output = dra_playground(args, stdin);
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// Runs `dra-playground allocate --output json` with more flags on a file;
/// the objects it printed.
pub fn run_allocate(scenario: &Path, flags: &[&str]) -> Result<Vec<Value>, String> {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dra-playground"));
    command
        .arg("allocate")
        .arg("--output")
        .arg("json")
        .args(flags);
    let output = command
        .arg(scenario)
        .output()
        .map_err(|e| format!("running dra-playground: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "dra-playground exited with {}: {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let list: Value =
        serde_json::from_slice(&output.stdout).map_err(|e| format!("output is not JSON: {e}"))?;
    match list.get("items") {
        Some(Value::Array(items)) => Ok(items.clone()),
        _ => Err("output is not a List with items".to_owned()),
    }
}

/// Reads a YAML stream into JSON values (scalars keep YAML 1.2 types).
pub fn yaml_documents(text: &str) -> Result<Vec<Value>, String> {
    let docs = Yaml::load_from_str(text).map_err(|e| format!("bad YAML: {e}"))?;
    Ok(docs
        .iter()
        .map(yaml_to_json)
        .filter(|v| !v.is_null())
        .collect())
}

fn yaml_to_json(node: &Yaml) -> Value {
    match node {
        Yaml::Value(Scalar::Null) => Value::Null,
        Yaml::Value(Scalar::Boolean(b)) => Value::Bool(*b),
        Yaml::Value(Scalar::Integer(i)) => Value::from(*i),
        Yaml::Value(Scalar::FloatingPoint(f)) => Value::from(f.into_inner()),
        Yaml::Value(Scalar::String(s)) => Value::from(s.as_ref()),
        Yaml::Representation(s, _, _) => Value::from(s.as_ref()),
        Yaml::Sequence(items) => Value::Array(items.iter().map(yaml_to_json).collect()),
        Yaml::Mapping(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (scalar_string(&yaml_to_json(k)), yaml_to_json(v)))
                .collect(),
        ),
        Yaml::Tagged(_, inner) => yaml_to_json(inner),
        Yaml::Alias(_) | Yaml::BadValue => Value::Null,
    }
}

fn scalar_string(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Compares a run's objects with the expected ones: claims' allocations and
/// pods' placement, semantically (SCENARIO.md, "Comparison is semantic").
pub fn compare_outcomes(actual: &[Value], expected: &[Value]) -> Result<(), String> {
    let mut differences = Vec::new();
    for kind in ["ResourceClaim", "Pod"] {
        let want = objects_of_kind(expected, kind);
        let got = objects_of_kind(actual, kind);
        let want_names: Vec<&String> = want.iter().map(|(name, _)| name).collect();
        let got_names: Vec<&String> = got.iter().map(|(name, _)| name).collect();
        if want_names != got_names {
            differences.push(format!(
                "{kind}s differ: expected {want_names:?}, got {got_names:?}"
            ));
            continue;
        }
        for ((name, want), (_, got)) in want.iter().zip(&got) {
            let (want, got) = if kind == "Pod" {
                (placement(want), placement(got))
            } else {
                (allocation(want), allocation(got))
            };
            if want != got {
                differences.push(format!("{kind} {name}: expected {want}, got {got}"));
            }
        }
    }
    if differences.is_empty() {
        Ok(())
    } else {
        Err(differences.join("; "))
    }
}

fn objects_of_kind<'a>(objects: &'a [Value], kind: &str) -> Vec<(String, &'a Value)> {
    objects
        .iter()
        .filter(|o| o.get("kind").and_then(Value::as_str) == Some(kind))
        .map(|o| {
            let meta = &o["metadata"];
            let namespace = meta
                .get("namespace")
                .and_then(Value::as_str)
                .unwrap_or("default");
            let name = meta.get("name").and_then(Value::as_str).unwrap_or("");
            (format!("{namespace}/{name}"), o)
        })
        .collect()
}

/// "node NAME" or "unschedulable"; a pod counts as scheduled unless it has
/// PodScheduled=False.
fn placement(pod: &Value) -> Value {
    let unschedulable = pod["status"]["conditions"]
        .as_array()
        .is_some_and(|conditions| {
            conditions
                .iter()
                .any(|c| c["type"] == "PodScheduled" && scalar_string(&c["status"]) == "False")
        });
    if unschedulable {
        Value::from("unschedulable")
    } else {
        Value::from(format!("node {}", scalar_string(&pod["spec"]["nodeName"])))
    }
}

/// The normalized `status.allocation` of a claim.
fn allocation(claim: &Value) -> Value {
    normalize(&claim["status"]["allocation"], "")
}

/// Absent and empty are equal; scalars compare as text; shareID only as
/// present; results, node selector terms and values as unordered sets.
fn normalize(value: &Value, key: &str) -> Value {
    match value {
        Value::Null => Value::Null,
        Value::Object(map) => {
            // Sorted keys, so that the text used to sort sets is canonical.
            let sorted: BTreeMap<String, Value> = map
                .iter()
                .map(|(k, v)| (k.clone(), normalize(v, k)))
                .filter(|(_, v)| !v.is_null())
                .collect();
            let normalized: Map<String, Value> = sorted.into_iter().collect();
            if normalized.is_empty() {
                Value::Null
            } else {
                Value::Object(normalized)
            }
        }
        Value::Array(items) => {
            let mut normalized: Vec<Value> = items.iter().map(|v| normalize(v, "")).collect();
            if normalized.is_empty() {
                return Value::Null;
            }
            if matches!(key, "results" | "nodeSelectorTerms" | "values") {
                normalized.sort_by_key(|v| v.to_string());
            }
            Value::Array(normalized)
        }
        _ if key == "shareID" => Value::from("<present>"),
        Value::String(s) if s.is_empty() => Value::Null,
        scalar => Value::from(scalar_string(scalar)),
    }
}
