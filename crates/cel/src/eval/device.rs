//! The `device` variable: views of a device's attributes and capacities that
//! look up values directly in the device's own maps, without building the
//! nested maps Kubernetes builds for every evaluation.

use std::collections::BTreeMap;
use std::ops::Bound;
use std::rc::Rc;

use crate::eval::values::{EvalError, List, Map, QuantityRef, Str, Value};
use crate::{DeviceInput, Version};
use dra_api::api::{DeviceAttribute, DeviceCapacity};

/// Which part of the device a map value shows.
#[derive(Clone, Debug)]
pub enum DeviceView<'a> {
    /// The `device` map itself.
    Root(&'a DeviceInput<'a>),
    /// `device.attributes`: domain → map of attributes.
    Attributes(&'a DeviceInput<'a>),
    /// `device.attributes[domain]`.
    AttributeDomain(&'a DeviceInput<'a>, Str<'a>),
    /// `device.capacity`.
    Capacity(&'a DeviceInput<'a>),
    /// `device.capacity[domain]`.
    CapacityDomain(&'a DeviceInput<'a>, Str<'a>),
}

const ROOT_KEYS: [&str; 4] = [
    "allowMultipleAllocations",
    "attributes",
    "capacity",
    "driver",
];

/// The domain and the id of a qualified name (the driver's domain if none).
pub fn split_name<'n>(name: &'n str, driver: &'n str) -> (&'n str, &'n str) {
    match name.find('/') {
        Some(i) => (&name[..i], &name[i + 1..]),
        None => (driver, name),
    }
}

/// Finds the entry of `map` for `domain`/`id`: the qualified name, or the
/// bare id when the domain is the driver's.
pub fn lookup<'m, T>(
    map: &'m BTreeMap<String, T>,
    driver: &str,
    domain: &str,
    id: &str,
) -> Option<&'m T> {
    if domain == driver {
        if let Some(v) = map.get(id) {
            // A bare name is only an id of the driver's domain if it has no "/".
            if !id.contains('/') {
                return Some(v);
            }
        }
    }
    if domain.contains('/') {
        return None;
    }
    let mut key = String::with_capacity(domain.len() + 1 + id.len());
    key.push_str(domain);
    key.push('/');
    key.push_str(id);
    map.get(&key)
}

/// [`lookup`] with the qualified name already built.
pub fn lookup_key<'m, T>(
    map: &'m BTreeMap<String, T>,
    driver: &str,
    domain: &str,
    id: &str,
    qualified: &str,
) -> Option<&'m T> {
    if domain == driver && !id.contains('/') {
        if let Some(v) = map.get(id) {
            return Some(v);
        }
    }
    if domain.contains('/') {
        return None;
    }
    map.get(qualified)
}

/// Whether any entry of `map` belongs to `domain`.
fn has_domain<T>(map: &BTreeMap<String, T>, driver: &str, domain: &str) -> bool {
    if domain == driver && map.keys().any(|k| !k.contains('/')) {
        return true;
    }
    let prefix = format!("{domain}/");
    map.range::<str, _>((Bound::Included(prefix.as_str()), Bound::Unbounded))
        .next()
        .is_some_and(|(k, _)| k.starts_with(&prefix))
}

/// The domains of the entries of `map`, sorted.
fn domains<'a, T>(map: &'a BTreeMap<String, T>, driver: &'a str) -> Vec<&'a str> {
    let mut out: Vec<&str> = map.keys().map(|k| split_name(k, driver).0).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The ids of `domain` in `map`, sorted.
fn ids<'a, T>(map: &'a BTreeMap<String, T>, driver: &'a str, domain: &str) -> Vec<&'a str> {
    let mut out: Vec<&str> = map
        .keys()
        .map(|k| split_name(k, driver))
        .filter(|(d, _)| *d == domain)
        .map(|(_, i)| i)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The CEL value of an attribute (the first value set, lists first, as
/// Kubernetes picks it).
pub fn attribute_value<'a>(attr: &'a DeviceAttribute) -> Result<Value<'a>, EvalError> {
    if let Some(v) = &attr.int_values {
        return Ok(Value::List(List::Ints(v)));
    }
    if let Some(v) = &attr.bool_values {
        return Ok(Value::List(List::Bools(v)));
    }
    if let Some(v) = &attr.string_values {
        return Ok(Value::List(List::Strings(v)));
    }
    if let Some(v) = &attr.version_values {
        return Ok(Value::List(List::Versions(v)));
    }
    if let Some(v) = attr.int_value {
        return Ok(Value::Int(v));
    }
    if let Some(v) = attr.bool_value {
        return Ok(Value::Bool(v));
    }
    if let Some(v) = &attr.string_value {
        return Ok(Value::str(v));
    }
    if let Some(v) = &attr.version_value {
        return match Version::parse(v) {
            Ok(ver) => Ok(Value::Semver(crate::eval::values::SemverRef::R(Rc::new(
                ver,
            )))),
            Err(e) => Err(EvalError::new(format!("parse semantic version: {e}"))),
        };
    }
    Err(EvalError::new("unsupported attribute value"))
}

/// Whether `s` is a plain `MAJOR.MINOR.PATCH` that strict parsing accepts
/// (checked without allocating; anything else goes through the parser).
fn plain_version(s: &str) -> bool {
    let mut parts = 0;
    for p in s.split('.') {
        parts += 1;
        let b = p.as_bytes();
        if b.is_empty()
            || b.len() > 19
            || !b.iter().all(u8::is_ascii_digit)
            || (b.len() > 1 && b[0] == b'0')
        {
            return false;
        }
    }
    parts == 3
}

fn check_version(v: &str) -> Result<(), String> {
    if plain_version(v) {
        return Ok(());
    }
    Version::parse(v).map(|_| ()).map_err(|e| e.to_string())
}

/// Checks every attribute as Kubernetes does before evaluating anything:
/// each must have a value, and versions must parse.
pub fn validate_attributes(attrs: &BTreeMap<String, DeviceAttribute>) -> Result<(), EvalError> {
    for (name, attr) in attrs {
        let err = |e: String| EvalError::new(format!("attribute {name}: {e}"));
        if let Some(list) = &attr.version_values {
            if attr.int_values.is_none()
                && attr.bool_values.is_none()
                && attr.string_values.is_none()
            {
                for v in list {
                    if let Err(e) = check_version(v) {
                        return Err(err(format!("parse semantic version: {e}")));
                    }
                }
            }
            continue;
        }
        if attr.int_values.is_some()
            || attr.bool_values.is_some()
            || attr.string_values.is_some()
            || attr.int_value.is_some()
            || attr.bool_value.is_some()
            || attr.string_value.is_some()
        {
            continue;
        }
        match &attr.version_value {
            Some(v) => {
                if let Err(e) = check_version(v) {
                    return Err(err(format!("parse semantic version: {e}")));
                }
            }
            None => return Err(err("unsupported attribute value".into())),
        }
    }
    Ok(())
}

/// The quantity of a capacity.
pub fn capacity_value<'a>(cap: &'a DeviceCapacity) -> Value<'a> {
    Value::Quantity(QuantityRef::B(&cap.value))
}

fn key_str<'k>(key: &'k Value<'_>) -> Option<&'k str> {
    match key {
        Value::String(s) => Some(s.as_str()),
        _ => None,
    }
}

impl<'a> DeviceView<'a> {
    pub fn len(&self) -> usize {
        match self {
            DeviceView::Root(_) => ROOT_KEYS.len(),
            DeviceView::Attributes(d) => domains(d.attributes, d.driver).len(),
            DeviceView::Capacity(d) => domains(d.capacity, d.driver).len(),
            DeviceView::AttributeDomain(d, dom) => ids(d.attributes, d.driver, dom.as_str()).len(),
            DeviceView::CapacityDomain(d, dom) => ids(d.capacity, d.driver, dom.as_str()).len(),
        }
    }

    pub fn keys(&self) -> Vec<Value<'a>> {
        match self {
            DeviceView::Root(_) => ROOT_KEYS.iter().map(|k| Value::str(k)).collect(),
            DeviceView::Attributes(d) => domains(d.attributes, d.driver)
                .into_iter()
                .map(Value::str)
                .collect(),
            DeviceView::Capacity(d) => domains(d.capacity, d.driver)
                .into_iter()
                .map(Value::str)
                .collect(),
            DeviceView::AttributeDomain(d, dom) => ids(d.attributes, d.driver, dom.as_str())
                .into_iter()
                .map(Value::str)
                .collect(),
            DeviceView::CapacityDomain(d, dom) => ids(d.capacity, d.driver, dom.as_str())
                .into_iter()
                .map(Value::str)
                .collect(),
        }
    }

    pub fn get(&self, key: &Value<'a>) -> Result<Option<Value<'a>>, EvalError> {
        match self {
            DeviceView::Root(d) => Ok(match key_str(key) {
                Some("driver") => Some(Value::str(d.driver)),
                Some("allowMultipleAllocations") => {
                    Some(Value::Bool(d.allow_multiple_allocations.unwrap_or(false)))
                }
                Some("attributes") => Some(Value::Map(Map::Device(DeviceView::Attributes(d)))),
                Some("capacity") => Some(Value::Map(Map::Device(DeviceView::Capacity(d)))),
                _ => None,
            }),
            // Unknown domains are empty maps.
            DeviceView::Attributes(d) => Ok(match key {
                Value::String(s) => Some(Value::Map(Map::Device(DeviceView::AttributeDomain(
                    d,
                    s.clone(),
                )))),
                _ => None,
            }),
            DeviceView::Capacity(d) => Ok(match key {
                Value::String(s) => Some(Value::Map(Map::Device(DeviceView::CapacityDomain(
                    d,
                    s.clone(),
                )))),
                _ => None,
            }),
            DeviceView::AttributeDomain(d, dom) => {
                let Some(id) = key_str(key) else {
                    return Ok(None);
                };
                match lookup(d.attributes, d.driver, dom.as_str(), id) {
                    Some(a) => attribute_value(a).map(Some),
                    None => Ok(None),
                }
            }
            DeviceView::CapacityDomain(d, dom) => {
                let Some(id) = key_str(key) else {
                    return Ok(None);
                };
                Ok(lookup(d.capacity, d.driver, dom.as_str(), id).map(capacity_value))
            }
        }
    }

    pub fn contains(&self, key: &Value<'a>) -> Result<bool, EvalError> {
        Ok(match self {
            DeviceView::Attributes(d) => match key_str(key) {
                Some(dom) => has_domain(d.attributes, d.driver, dom),
                None => false,
            },
            DeviceView::Capacity(d) => match key_str(key) {
                Some(dom) => has_domain(d.capacity, d.driver, dom),
                None => false,
            },
            DeviceView::AttributeDomain(d, dom) => match key_str(key) {
                Some(id) => lookup(d.attributes, d.driver, dom.as_str(), id).is_some(),
                None => false,
            },
            DeviceView::CapacityDomain(d, dom) => match key_str(key) {
                Some(id) => lookup(d.capacity, d.driver, dom.as_str(), id).is_some(),
                None => false,
            },
            DeviceView::Root(_) => self.get(key)?.is_some(),
        })
    }
}
