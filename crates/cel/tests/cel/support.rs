//! Shared helpers of the CEL tests: YAML test data as JSON values, and
//! devices built from the test data's ResourceSlice form.

use std::collections::BTreeMap;
use std::path::PathBuf;

use dra_api::api::{DeviceAttribute, DeviceCapacity};
use saphyr::{LoadableYamlNode, Scalar, Yaml};
use serde_json::Value as Json;

/// The repository root (two levels above this crate).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Keys whose plain scalars are text even when they look like numbers
/// (quantity and version strings, expressions).
const TEXT_KEYS: [&str; 8] = [
    "input",
    "a",
    "b",
    "value",
    "expression",
    "result",
    "string",
    "version",
];

/// Quotes the plain scalars of the text keys, so that `1e3` stays "1e3".
fn quote_text_values(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 1024);
    for line in text.lines() {
        let trimmed = line.trim_start();
        let body = trimmed.strip_prefix("- ").unwrap_or(trimmed);
        let indent = line.len() - body.len();
        let mut done = false;
        if let Some((key, rest)) = body.split_once(": ") {
            let plain = !rest.is_empty()
                && !rest.starts_with(['\'', '"', '|', '>', '[', '{', '&', '*', '!'])
                && !matches!(rest, "true" | "false" | "null" | "~");
            if TEXT_KEYS.contains(&key) && plain {
                out.push_str(&line[..indent]);
                out.push_str(key);
                out.push_str(": '");
                out.push_str(&rest.replace('\'', "''"));
                out.push_str("'\n");
                done = true;
            }
        }
        if !done {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn to_json(y: &Yaml<'_>) -> Json {
    match y {
        Yaml::Value(s) => match s {
            Scalar::Null => Json::Null,
            Scalar::Boolean(b) => Json::Bool(*b),
            Scalar::Integer(i) => Json::from(*i),
            Scalar::FloatingPoint(f) => serde_json::Number::from_f64(f.into_inner())
                .map(Json::Number)
                .unwrap_or(Json::Null),
            Scalar::String(s) => Json::String(s.to_string()),
        },
        Yaml::Sequence(seq) => Json::Array(seq.iter().map(to_json).collect()),
        Yaml::Mapping(m) => {
            let mut out = serde_json::Map::new();
            for (k, v) in m.iter() {
                let key = match to_json(k) {
                    Json::String(s) => s,
                    other => other.to_string(),
                };
                out.insert(key, to_json(v));
            }
            Json::Object(out)
        }
        Yaml::Tagged(_, inner) => to_json(inner),
        Yaml::Representation(s, _, _) => Json::String(s.to_string()),
        _ => Json::Null,
    }
}

/// Loads a YAML data file (relative to the repository root) as JSON.
pub fn load(path: &str) -> Json {
    let text = std::fs::read_to_string(repo_root().join(path)).expect("read test data");
    let text = quote_text_values(&text);
    let docs = Yaml::load_from_str(&text).expect("parse test data");
    to_json(&docs[0])
}

/// A device of the test data: driver, attributes, capacity, allowMultipleAllocations.
pub struct TestDevice {
    pub driver: String,
    pub attributes: BTreeMap<String, DeviceAttribute>,
    pub capacity: BTreeMap<String, DeviceCapacity>,
    pub allow_multiple_allocations: Option<bool>,
}

impl TestDevice {
    pub fn from_json(d: &Json) -> TestDevice {
        let driver = d["driver"].as_str().unwrap_or("").to_string();
        let mut attributes = BTreeMap::new();
        if let Some(m) = d["attributes"].as_object() {
            for (k, v) in m {
                let attr: DeviceAttribute =
                    serde_json::from_value(v.clone()).expect("attribute in test data");
                attributes.insert(k.clone(), attr);
            }
        }
        let mut capacity = BTreeMap::new();
        if let Some(m) = d["capacity"].as_object() {
            for (k, v) in m {
                let text = match &v["value"] {
                    Json::String(s) => s.clone(),
                    other => other.to_string(),
                };
                let cap: DeviceCapacity =
                    serde_json::from_value(serde_json::json!({ "value": text }))
                        .expect("capacity in test data");
                capacity.insert(k.clone(), cap);
            }
        }
        TestDevice {
            driver,
            attributes,
            capacity,
            allow_multiple_allocations: d["allowMultipleAllocations"].as_bool(),
        }
    }

    pub fn input(&self) -> dra_cel::DeviceInput<'_> {
        dra_cel::DeviceInput {
            driver: &self.driver,
            attributes: &self.attributes,
            capacity: &self.capacity,
            allow_multiple_allocations: self.allow_multiple_allocations,
        }
    }
}

/// An empty device.
pub fn empty_device() -> TestDevice {
    TestDevice::from_json(&serde_json::json!({ "driver": "" }))
}
