//! A run's outcome as the Kubernetes objects the scheduler would have written.

use std::ops::Range;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::api::RESOURCE_V1;
use crate::scheduler::RunResult;

/// The claims (input order, then those made from templates) and then the
/// pods of a run, each with `apiVersion` and `kind`, as SCENARIO.md's
/// command-line contract prints them.
pub fn run_result_documents(result: &RunResult) -> Vec<Value> {
    run_result_documents_in(result, 0..run_result_document_count(result))
}

/// How many documents [`run_result_documents`] gives for a run.
pub fn run_result_document_count(result: &RunResult) -> usize {
    result.claims.len() + result.pods.len()
}

/// The documents of [`run_result_documents`] whose indices are in `range`
/// (those past the end are none): a part of the output, for writing the
/// parts of a large run at the same time.
pub fn run_result_documents_in(result: &RunResult, range: Range<usize>) -> Vec<Value> {
    let total = run_result_document_count(result);
    let range = range.start.min(total)..range.end.min(total);
    let count = result.claims.len();
    let in_claims = range.start.min(count)..range.end.min(count);
    let in_pods = range.start.saturating_sub(count)..range.end.saturating_sub(count);
    let claims = result
        .claims
        .get(in_claims)
        .unwrap_or_default()
        .iter()
        .map(|claim| document(RESOURCE_V1, "ResourceClaim", claim));
    let pods = result
        .pods
        .get(in_pods)
        .unwrap_or_default()
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
