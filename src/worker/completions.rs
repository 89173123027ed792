//! What the editor's completion and hover offer inside CEL expressions, from the scenario of a
//! run: the attribute and capacity names of its devices (qualified by their domain, and
//! unqualified) with their types and their value on each device, the fields of `device`, and
//! the functions and macros of the CEL environment for the scenario's feature gates
//! (`dra_cel::declarations`, what the checker compiles).

use std::collections::BTreeMap;

use dra_engine::api::{DeviceAttribute, Object};
use dra_engine::cel::declarations::{device_fields, functions};
use dra_engine::cel::{CompileOptions, EnvType};
use dra_engine::load::LoadedScenario;
use serde::{Deserialize, Serialize};

/// The names an expression can use, for the editor.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompletionsView {
    /// Attribute and capacity names of the scenario's devices, sorted.
    pub names: Vec<DeviceName>,
    /// The fields of `device`: name and type.
    pub fields: Vec<(String, String)>,
    /// Functions and macros: name, signature, called on a value.
    pub functions: Vec<(String, String, bool)>,
}

/// An attribute or capacity name of the scenario's devices.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceName {
    /// `attribute` or `capacity`.
    pub kind: String,
    /// The domain (`gpu.example.com`): the qualifier, else the driver.
    pub domain: String,
    /// The name without its domain.
    pub name: String,
    /// The CEL type (`string`, `int`, `bool`, `semver.Version`, `list(string)`,
    /// `kubernetes.Quantity`).
    pub type_name: String,
    /// Its value on each device that has it: `DRIVER/POOL/DEVICE`, value.
    pub values: Vec<(String, String)>,
}

/// The CEL type of an attribute's value.
fn type_of(a: &DeviceAttribute) -> &'static str {
    match a {
        DeviceAttribute {
            int_value: Some(_), ..
        } => "int",
        DeviceAttribute {
            bool_value: Some(_),
            ..
        } => "bool",
        DeviceAttribute {
            string_value: Some(_),
            ..
        } => "string",
        DeviceAttribute {
            version_value: Some(_),
            ..
        } => "semver.Version",
        DeviceAttribute {
            int_values: Some(_),
            ..
        } => "list(int)",
        DeviceAttribute {
            bool_values: Some(_),
            ..
        } => "list(bool)",
        DeviceAttribute {
            string_values: Some(_),
            ..
        } => "list(string)",
        DeviceAttribute {
            version_values: Some(_),
            ..
        } => "list(semver.Version)",
        _ => "dyn",
    }
}

/// An attribute's value, as written.
fn value_of(a: &DeviceAttribute) -> String {
    let list = |v: &[String]| format!("[{}]", v.join(", "));
    match a {
        DeviceAttribute {
            int_value: Some(v), ..
        } => v.to_string(),
        DeviceAttribute {
            bool_value: Some(v),
            ..
        } => v.to_string(),
        DeviceAttribute {
            string_value: Some(v),
            ..
        } => format!("{v:?}"),
        DeviceAttribute {
            version_value: Some(v),
            ..
        } => v.clone(),
        DeviceAttribute {
            int_values: Some(v),
            ..
        } => list(&v.iter().map(i64::to_string).collect::<Vec<_>>()),
        DeviceAttribute {
            bool_values: Some(v),
            ..
        } => list(&v.iter().map(bool::to_string).collect::<Vec<_>>()),
        DeviceAttribute {
            string_values: Some(v),
            ..
        } => list(&v.iter().map(|s| format!("{s:?}")).collect::<Vec<_>>()),
        DeviceAttribute {
            version_values: Some(v),
            ..
        } => list(v),
        _ => String::new(),
    }
}

/// The domain and the name of a key as a device of `driver` writes it.
fn split<'k>(key: &'k str, driver: &'k str) -> (&'k str, &'k str) {
    key.split_once('/').unwrap_or((driver, key))
}

/// What the editor offers for the scenario `loaded`.
pub fn of(loaded: &LoadedScenario) -> CompletionsView {
    let mut names: BTreeMap<(String, String, String), DeviceName> = BTreeMap::new();
    for object in &loaded.objects {
        let Object::ResourceSlice(slice) = &object.object else {
            continue;
        };
        let spec = &slice.spec;
        for device in &spec.devices {
            let id = format!("{}/{}/{}", spec.driver, spec.pool.name, device.name);
            let mut add = |kind: &str, key: &str, type_name: &str, value: String| {
                let (domain, name) = split(key, &spec.driver);
                names
                    .entry((kind.to_owned(), domain.to_owned(), name.to_owned()))
                    .or_insert_with(|| DeviceName {
                        kind: kind.to_owned(),
                        domain: domain.to_owned(),
                        name: name.to_owned(),
                        type_name: type_name.to_owned(),
                        values: Vec::new(),
                    })
                    .values
                    .push((id.clone(), value));
            };
            for (key, a) in &device.attributes {
                add("attribute", key, type_of(a), value_of(a));
            }
            for (key, c) in &device.capacity {
                add("capacity", key, "kubernetes.Quantity", c.value.to_string());
            }
        }
    }
    let options = CompileOptions {
        list_type_attributes: loaded.features.list_type_attributes,
        consumable_capacity: loaded.features.consumable_capacity,
    };
    let mut seen = std::collections::BTreeSet::new();
    CompletionsView {
        names: names.into_values().collect(),
        fields: device_fields(&options, EnvType::NewExpressions),
        functions: functions(&options, EnvType::NewExpressions)
            .into_iter()
            .filter(|f| seen.insert((f.name, f.member)))
            .map(|f| (f.name.to_owned(), f.signature, f.member))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use dra_engine::load::{load_scenario, LoadOptions};

    use super::*;

    #[test]
    fn the_scenario_names_come_with_types_and_values_per_device() {
        let text = include_str!("../../examples/cel-attributes-and-capacity.yaml");
        let view = of(&load_scenario(text, &LoadOptions::default()));
        assert!(!view.names.is_empty());
        let capacity = view
            .names
            .iter()
            .find(|n| n.kind == "capacity")
            .expect("a capacity");
        assert_eq!(capacity.type_name, "kubernetes.Quantity");
        assert!(!capacity.values.is_empty());
        assert!(view
            .names
            .iter()
            .all(|n| !n.domain.is_empty() && !n.name.contains('/')));
        assert!(view.fields.iter().any(|(name, _)| name == "driver"));
        assert!(view.fields.iter().any(|(name, _)| name == "attributes"));
        assert!(view
            .functions
            .iter()
            .any(|(name, _, member)| name == "compareTo" && *member));
        assert!(view.functions.iter().any(|(name, _, _)| name == "quantity"));
    }
}
