//! A run's outcome as the Kubernetes objects the scheduler would have written.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::api::RESOURCE_V1;
use crate::scheduler::RunResult;

/// The claims (input order, then those made from templates) and then the
/// pods of a run, each with `apiVersion` and `kind`, as SCENARIO.md's
/// command-line contract prints them.
pub fn run_result_documents(result: &RunResult) -> Vec<Value> {
    let claims = result
        .claims
        .iter()
        .map(|claim| document(RESOURCE_V1, "ResourceClaim", claim));
    let pods = result
        .pods
        .iter()
        .map(|outcome| document("v1", "Pod", &outcome.pod));
    claims.chain(pods).collect()
}

/// A JSON `List` of the same objects, for `--output json`.
pub fn run_result_list(result: &RunResult) -> Value {
    let mut list = Map::new();
    list.insert("apiVersion".into(), Value::from("v1"));
    list.insert("kind".into(), Value::from("List"));
    list.insert("items".into(), Value::Array(run_result_documents(result)));
    Value::Object(list)
}

fn document(api_version: &str, kind: &str, object: &impl Serialize) -> Value {
    let mut map = Map::new();
    map.insert("apiVersion".into(), Value::from(api_version));
    map.insert("kind".into(), Value::from(kind));
    // The API types serialize to JSON objects and cannot fail: keys are strings.
    if let Ok(Value::Object(fields)) = serde_json::to_value(object) {
        map.extend(fields);
    }
    Value::Object(map)
}
