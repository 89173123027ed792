//! Claim constraints across devices: `matchAttribute` (all devices share a
//! value) and `distinctAttribute` (no two devices share a value), with the
//! set semantics of list-typed attributes when DRAListTypeAttributes is on.
//!
//! Constraints are monotonic: once a device is refused, adding more devices
//! never helps, which lets the search prune early.

use std::collections::{BTreeSet, HashMap};

use super::report::{Conflict, ConstraintKind};
use crate::api::{Device, DeviceAttribute};

/// A constraint of one claim, tracking the devices added to it so far.
#[derive(Debug)]
pub(crate) struct Constraint<'a> {
    /// The requests it applies to (`req` or `req/sub`); empty means all.
    requests: &'a [String],
    /// The fully qualified attribute name.
    attribute: &'a str,
    list_types: bool,
    kind: Kind<'a>,
    devices: i64,
}

#[derive(Debug)]
enum Kind<'a> {
    /// The value of the first device (scalar mode) or the values that all
    /// devices so far have in common (list mode).
    Match {
        first: Option<&'a DeviceAttribute>,
        common: Option<ValueSet>,
    },
    /// The attribute of the last device added for each request name.
    Distinct {
        seen: HashMap<&'a str, &'a DeviceAttribute>,
    },
}

impl<'a> Constraint<'a> {
    /// A matchAttribute constraint.
    pub fn matching(requests: &'a [String], attribute: &'a str, list_types: bool) -> Self {
        Constraint {
            requests,
            attribute,
            list_types,
            kind: Kind::Match {
                first: None,
                common: None,
            },
            devices: 0,
        }
    }

    /// A distinctAttribute constraint.
    pub fn distinct(requests: &'a [String], attribute: &'a str, list_types: bool) -> Self {
        Constraint {
            requests,
            attribute,
            list_types,
            kind: Kind::Distinct {
                seen: HashMap::new(),
            },
            devices: 0,
        }
    }

    pub fn applies_to(&self, request: &str, subrequest: Option<&str>) -> bool {
        if self.requests.is_empty() {
            return true;
        }
        self.requests.iter().any(|name| match subrequest {
            None => name == request,
            Some(sub) => {
                name == request
                    || (name.len() == request.len() + 1 + sub.len()
                        && name.starts_with(request)
                        && name[request.len()..].starts_with('/')
                        && name.ends_with(sub))
            }
        })
    }

    /// Tries to add a device (of `driver`) allocated for a request (and
    /// subrequest); false when the constraint would be violated, in which
    /// case nothing changed.
    pub fn add(
        &mut self,
        request: &'a str,
        subrequest: Option<&str>,
        driver: &str,
        device: &'a Device,
    ) -> bool {
        if !self.applies_to(request, subrequest) {
            return true;
        }
        let Some(attribute) = device.attribute(driver, self.attribute) else {
            return false;
        };
        let list_types = self.list_types;
        let first = self.devices == 0;
        let accepted = match &mut self.kind {
            Kind::Match {
                first: value,
                common,
            } => {
                if first {
                    if list_types {
                        *common = ValueSet::of(attribute);
                        common.is_some()
                    } else {
                        *value = Some(attribute);
                        true
                    }
                } else if list_types {
                    match (common.as_mut(), ValueSet::of(attribute)) {
                        (Some(common), Some(new)) if common.intersects(&new) => {
                            common.intersect_with(&new);
                            true
                        }
                        _ => false,
                    }
                } else {
                    value.is_some_and(|value| scalars_equal(attribute, value))
                }
            }
            Kind::Distinct { seen } => {
                let ok = first || distinct_from_all(attribute, seen, list_types);
                if ok {
                    seen.insert(request, attribute);
                }
                ok
            }
        };
        if accepted {
            self.devices += 1;
        }
        accepted
    }

    /// Which kind of constraint this is.
    pub fn kind(&self) -> ConstraintKind {
        match self.kind {
            Kind::Match { .. } => ConstraintKind::MatchAttribute,
            Kind::Distinct { .. } => ConstraintKind::DistinctAttribute,
        }
    }

    /// The fully qualified attribute name.
    pub fn attribute(&self) -> &'a str {
        self.attribute
    }

    /// How adding a device would violate the constraint (for a device that
    /// [`Constraint::add`] refuses; the state is not changed).
    pub fn conflict(&self, driver: &str, device: &Device) -> Conflict {
        let Some(attribute) = device.attribute(driver, self.attribute) else {
            return Conflict::Missing;
        };
        let list_types = self.list_types;
        if list_types && ValueSet::of(attribute).is_none() {
            return Conflict::Missing;
        }
        match &self.kind {
            Kind::Match { first, common } => Conflict::Differs {
                value: attribute_text(attribute),
                expected: if list_types {
                    common.as_ref().map_or_else(String::new, ValueSet::text)
                } else {
                    first.map_or_else(String::new, attribute_text)
                },
            },
            Kind::Distinct { seen } => {
                let mut requests: Vec<(&&str, &&DeviceAttribute)> = seen.iter().collect();
                requests.sort_by_key(|(request, _)| **request);
                let clash = requests.into_iter().find(|(_, old)| {
                    let single = HashMap::from([("", **old)]);
                    !distinct_from_all(attribute, &single, list_types)
                });
                match clash {
                    Some((request, old)) => Conflict::Duplicate {
                        value: attribute_text(old),
                        request: (*request).to_owned(),
                    },
                    None => Conflict::Missing,
                }
            }
        }
    }

    /// Undoes a successful [`Constraint::add`] with the same arguments.
    pub fn remove(&mut self, request: &str, subrequest: Option<&str>) {
        if !self.applies_to(request, subrequest) {
            return;
        }
        if let Kind::Distinct { seen } = &mut self.kind {
            seen.remove(request);
        }
        self.devices -= 1;
    }
}

/// An attribute's value as text: `7`, `true`, `"a"`, `1.2.3`, or a list in brackets.
pub(crate) fn attribute_text(attribute: &DeviceAttribute) -> String {
    fn list<T>(values: &[T], show: impl Fn(&T) -> String) -> String {
        format!(
            "[{}]",
            values.iter().map(show).collect::<Vec<_>>().join(", ")
        )
    }
    if let Some(values) = attribute.int_values.as_ref().filter(|v| !v.is_empty()) {
        list(values, |v| v.to_string())
    } else if let Some(values) = attribute.bool_values.as_ref().filter(|v| !v.is_empty()) {
        list(values, |v| v.to_string())
    } else if let Some(values) = attribute.string_values.as_ref().filter(|v| !v.is_empty()) {
        list(values, |v| format!("{v:?}"))
    } else if let Some(values) = attribute.version_values.as_ref().filter(|v| !v.is_empty()) {
        list(values, |v| v.clone())
    } else if let Some(v) = attribute.int_value {
        v.to_string()
    } else if let Some(v) = attribute.bool_value {
        v.to_string()
    } else if let Some(v) = &attribute.string_value {
        format!("{v:?}")
    } else if let Some(v) = &attribute.version_value {
        v.clone()
    } else {
        "(no value)".to_owned()
    }
}

/// The values of an attribute one by one, as text (a scalar alone; a list's
/// elements), for counting candidates per value.
pub(crate) fn attribute_values(attribute: &DeviceAttribute, list_types: bool) -> Vec<String> {
    if list_types {
        return match ValueSet::of(attribute) {
            Some(ValueSet::Ints(v)) => v.iter().map(|v| v.to_string()).collect(),
            Some(ValueSet::Bools(v)) => v.iter().map(|v| v.to_string()).collect(),
            Some(ValueSet::Strings(v)) => v.iter().map(|v| format!("{v:?}")).collect(),
            Some(ValueSet::Versions(v)) => v.iter().cloned().collect(),
            None => Vec::new(),
        };
    }
    if attribute.int_value.is_none()
        && attribute.bool_value.is_none()
        && attribute.string_value.is_none()
        && attribute.version_value.is_none()
    {
        return Vec::new();
    }
    vec![attribute_text(attribute)]
}

/// Scalar equality as the scalar matchAttribute sees it: decided by the type
/// of the new value; unknown types never match.
fn scalars_equal(new: &DeviceAttribute, old: &DeviceAttribute) -> bool {
    if let Some(v) = &new.string_value {
        old.string_value.as_ref() == Some(v)
    } else if let Some(v) = &new.int_value {
        old.int_value.as_ref() == Some(v)
    } else if let Some(v) = &new.bool_value {
        old.bool_value.as_ref() == Some(v)
    } else if let Some(v) = &new.version_value {
        old.version_value.as_ref() == Some(v)
    } else {
        false
    }
}

/// Whether a new attribute differs from every attribute seen so far.
fn distinct_from_all(
    new: &DeviceAttribute,
    seen: &HashMap<&str, &DeviceAttribute>,
    list_types: bool,
) -> bool {
    if list_types {
        let Some(new) = ValueSet::of(new) else {
            return false;
        };
        return seen
            .values()
            .filter_map(|old| ValueSet::of(old))
            .all(|old| !new.intersects(&old));
    }
    seen.values().all(|old| {
        if let Some(v) = &new.string_value {
            old.string_value.as_ref() != Some(v)
        } else if let Some(v) = &new.int_value {
            old.int_value.as_ref() != Some(v)
        } else if let Some(v) = &new.bool_value {
            old.bool_value.as_ref() != Some(v)
        } else if let Some(v) = &new.version_value {
            old.version_value.as_ref() != Some(v)
        } else {
            false
        }
    })
}

/// The values of an attribute as a set: a list's elements, or a scalar alone.
#[derive(Clone, Debug, PartialEq)]
enum ValueSet {
    Ints(BTreeSet<i64>),
    Bools(BTreeSet<bool>),
    Strings(BTreeSet<String>),
    Versions(BTreeSet<String>),
}

impl ValueSet {
    /// Lists win over scalars (in the order ints, bools, strings, versions);
    /// None when the attribute holds nothing.
    fn of(attribute: &DeviceAttribute) -> Option<ValueSet> {
        Some(if non_empty(&attribute.int_values) {
            ValueSet::Ints(attribute.int_values.iter().flatten().copied().collect())
        } else if non_empty(&attribute.bool_values) {
            ValueSet::Bools(attribute.bool_values.iter().flatten().copied().collect())
        } else if non_empty(&attribute.string_values) {
            ValueSet::Strings(attribute.string_values.iter().flatten().cloned().collect())
        } else if non_empty(&attribute.version_values) {
            ValueSet::Versions(attribute.version_values.iter().flatten().cloned().collect())
        } else if let Some(v) = attribute.int_value {
            ValueSet::Ints(BTreeSet::from([v]))
        } else if let Some(v) = attribute.bool_value {
            ValueSet::Bools(BTreeSet::from([v]))
        } else if let Some(v) = &attribute.string_value {
            ValueSet::Strings(BTreeSet::from([v.clone()]))
        } else if let Some(v) = &attribute.version_value {
            ValueSet::Versions(BTreeSet::from([v.clone()]))
        } else {
            return None;
        })
    }

    /// Whether both hold a common value (of the same type).
    fn intersects(&self, other: &ValueSet) -> bool {
        match (self, other) {
            (ValueSet::Ints(a), ValueSet::Ints(b)) => !a.is_disjoint(b),
            (ValueSet::Bools(a), ValueSet::Bools(b)) => !a.is_disjoint(b),
            (ValueSet::Strings(a), ValueSet::Strings(b))
            | (ValueSet::Versions(a), ValueSet::Versions(b)) => !a.is_disjoint(b),
            _ => false,
        }
    }

    /// The values as text, in brackets.
    fn text(&self) -> String {
        let items: Vec<String> = match self {
            ValueSet::Ints(v) => v.iter().map(|v| v.to_string()).collect(),
            ValueSet::Bools(v) => v.iter().map(|v| v.to_string()).collect(),
            ValueSet::Strings(v) => v.iter().map(|v| format!("{v:?}")).collect(),
            ValueSet::Versions(v) => v.iter().cloned().collect(),
        };
        format!("[{}]", items.join(", "))
    }

    /// Keeps only the common values; a type mismatch changes nothing.
    fn intersect_with(&mut self, other: &ValueSet) {
        match (self, other) {
            (ValueSet::Ints(a), ValueSet::Ints(b)) => a.retain(|v| b.contains(v)),
            (ValueSet::Bools(a), ValueSet::Bools(b)) => a.retain(|v| b.contains(v)),
            (ValueSet::Strings(a), ValueSet::Strings(b))
            | (ValueSet::Versions(a), ValueSet::Versions(b)) => a.retain(|v| b.contains(v)),
            _ => {}
        }
    }
}

/// A list attribute that is set and has elements.
fn non_empty<T>(list: &Option<Vec<T>>) -> bool {
    list.as_ref().is_some_and(|l| !l.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn device(attributes: serde_json::Value) -> Device {
        serde_json::from_value(json!({"name": "d", "attributes": attributes})).unwrap()
    }

    #[test]
    fn lookup_by_domain() {
        let d = device(json!({"numa": {"int": 1}, "other.io/x": {"int": 2}}));
        assert!(d.attribute("driver-a", "driver-a/numa").is_some());
        assert!(d.attribute("driver-b", "driver-a/numa").is_none());
        assert!(d.attribute("driver-a", "other.io/x").is_some());
        assert!(d.attribute("driver-a", "numa").is_some());
        assert!(d.attribute("driver-a", "missing").is_none());
    }

    #[test]
    fn scalar_match_and_distinct() {
        let a = device(json!({"numa": {"int": 1}}));
        let b = device(json!({"numa": {"int": 1}}));
        let c = device(json!({"numa": {"int": 2}}));
        let all: Vec<String> = Vec::new();
        let mut m = Constraint::matching(&all, "drv/numa", false);
        assert!(m.add("r", None, "drv", &a));
        assert!(m.add("r", None, "drv", &b));
        assert!(!m.add("r", None, "drv", &c));
        let mut d = Constraint::distinct(&all, "drv/numa", false);
        assert!(d.add("r0", None, "drv", &a));
        assert!(!d.add("r1", None, "drv", &b));
        assert!(d.add("r1", None, "drv", &c));
        d.remove("r1", None);
        assert!(!d.add("r1", None, "drv", &b));
    }

    #[test]
    fn list_semantics() {
        let a = device(json!({"tags": {"strings": ["x", "y"]}}));
        let b = device(json!({"tags": {"strings": ["y", "z"]}}));
        let c = device(json!({"tags": {"string": "x"}}));
        let all: Vec<String> = Vec::new();
        let mut m = Constraint::matching(&all, "drv/tags", true);
        assert!(m.add("r", None, "drv", &a));
        assert!(m.add("r", None, "drv", &b));
        // The common values are now {y}.
        assert!(!m.add("r", None, "drv", &c));
        let mut d = Constraint::distinct(&all, "drv/tags", true);
        assert!(d.add("r0", None, "drv", &b));
        assert!(d.add("r1", None, "drv", &c));
        assert!(!d.add("r2", None, "drv", &a));
    }

    #[test]
    fn request_filter() {
        let names = vec!["r0/s1".to_string()];
        let a = device(json!({}));
        let mut m = Constraint::matching(&names, "drv/missing", false);
        assert!(m.add("r0", Some("s0"), "drv", &a));
        assert!(m.add("r1", None, "drv", &a));
        assert!(!m.add("r0", Some("s1"), "drv", &a));
    }
}
