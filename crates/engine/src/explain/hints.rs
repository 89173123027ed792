//! Hints for the common mistakes: an attribute or capacity that no device
//! has (with the nearest existing name), a name looked up in the wrong
//! domain, a capacity read as an attribute (or the reverse), a value
//! compared with a constant of another type (a version with a string), a
//! version attribute hashed (`in` over a constant list: Kubernetes fails
//! with "hash of unhashable type cel.Semver"), and constraints whose
//! attribute the devices of some request do not publish (drivers that name
//! the same thing differently); and where the allocator Kubernetes runs
//! for the scenario's release and gates may differ from the playground's.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::api::{DeviceAttribute, DeviceClass, Object, ResourceSlice};
use crate::cel::{compile, CompileOptions, DeviceInput, Program};
use crate::diagnostic::edit_distance;
use crate::load::LoadedScenario;

use super::field_ref::FieldRef;
use super::model::Hint;
use super::selectors::Insights;
use super::sources::{constraint_sites, expression_pos, field_pos, selector_sites};
use super::{unhashable, variant_hint};

/// The names the devices of the scenario publish.
struct Names {
    /// Fully qualified attribute names, with the kinds of value seen.
    attributes: BTreeMap<String, BTreeSet<&'static str>>,
    /// Fully qualified capacity names.
    capacities: BTreeSet<String>,
    /// Fully qualified names of attributes that some device publishes as a
    /// single version.
    versions: BTreeSet<String>,
}

fn qualify(key: &str, driver: &str) -> String {
    if key.contains('/') {
        key.to_owned()
    } else {
        format!("{driver}/{key}")
    }
}

fn kind(attribute: &DeviceAttribute) -> &'static str {
    if attribute.int_value.is_some() || attribute.int_values.is_some() {
        "int"
    } else if attribute.bool_value.is_some() || attribute.bool_values.is_some() {
        "bool"
    } else if attribute.string_value.is_some() || attribute.string_values.is_some() {
        "string"
    } else if attribute.version_value.is_some() || attribute.version_values.is_some() {
        "version"
    } else {
        "unknown"
    }
}

impl Names {
    fn of(slices: &[&ResourceSlice]) -> Names {
        let mut names = Names {
            attributes: BTreeMap::new(),
            capacities: BTreeSet::new(),
            versions: BTreeSet::new(),
        };
        for slice in slices {
            let driver = &slice.spec.driver;
            for device in &slice.spec.devices {
                for (key, attribute) in &device.attributes {
                    if attribute.version_value.is_some() {
                        names.versions.insert(qualify(key, driver));
                    }
                    names
                        .attributes
                        .entry(qualify(key, driver))
                        .or_default()
                        .insert(kind(attribute));
                }
                for key in device.capacity.keys() {
                    names.capacities.insert(qualify(key, driver));
                }
            }
        }
        names
    }

    fn is_empty(&self) -> bool {
        self.attributes.is_empty() && self.capacities.is_empty()
    }
}

/// Finds the hints, in document order.
pub(crate) fn find(
    loaded: &LoadedScenario,
    text: &str,
    slices: &[&ResourceSlice],
    options: CompileOptions,
) -> Vec<Hint> {
    let names = Names::of(slices);
    let mut hints: Vec<Hint> = variant_hint::find(loaded).into_iter().collect();
    if names.is_empty() {
        return hints;
    }
    let mut insights = Insights::default();
    for site in selector_sites(loaded) {
        let insight = insights.get(site.expression, options);
        if insight.conjuncts.is_empty() {
            // It does not compile (validation says so).
            continue;
        }
        let mut seen: Vec<&FieldRef> = Vec::new();
        let hint = |kind: &str, message: String, offset: usize, suggestion: Option<String>| Hint {
            kind: kind.into(),
            message,
            object: site.owner.label(),
            field: site.path.to_string(),
            position: Some(expression_pos(
                text,
                site.object,
                &site.path,
                site.expression,
                offset,
            )),
            suggestion,
        };
        for reference in &insight.references {
            if seen.contains(&&reference.field) {
                continue;
            }
            seen.push(&reference.field);
            if let Some((kind, message, suggestion)) = unknown_name(&reference.field, &names) {
                hints.push(hint(kind, message, reference.offset, suggestion));
            }
        }
        for comparison in &insight.comparisons {
            let FieldRef::Attribute { domain, name } = &comparison.field else {
                continue;
            };
            let qualified = format!("{domain}/{name}");
            let Some(kinds) = names.attributes.get(&qualified) else {
                continue;
            };
            let mismatch = match comparison.constant {
                "string" => kinds
                    .iter()
                    .find(|k| matches!(**k, "version" | "int" | "bool")),
                "int" | "uint" | "double" => kinds
                    .iter()
                    .find(|k| matches!(**k, "version" | "string" | "bool")),
                "bool" => kinds
                    .iter()
                    .find(|k| matches!(**k, "version" | "string" | "int")),
                "semver" => kinds.iter().find(|k| **k != "version"),
                _ => None,
            };
            let Some(actual) = mismatch else {
                continue;
            };
            let advice = match (*actual, comparison.constant) {
                ("version", _) => format!(
                    "; compare versions with semver(), e.g. device.attributes[\"{domain}\"].{name}.compareTo(semver(\"1.2.3\")) >= 0"
                ),
                (_, "semver") => " (semver() values only compare with version attributes)".to_owned(),
                _ => String::new(),
            };
            let constant = match comparison.constant {
                "semver" => "a semver value".to_owned(),
                other => format!("a {other}"),
            };
            hints.push(hint(
                "typeMismatch",
                format!(
                    "{qualified} is a{} {actual} attribute on the devices, but it is compared with {constant}: the comparison is never true (or fails){advice}",
                    if *actual == "int" { "n" } else { "" }
                ),
                comparison.offset,
                None,
            ));
        }
        for lookup in &insight.hashed {
            if !names.versions.contains(&lookup.field.label()) {
                continue;
            }
            let (message, suggestion) = unhashable::hint(lookup);
            hints.push(hint(
                "unhashableVersion",
                message,
                lookup.offset,
                suggestion,
            ));
        }
    }
    constraint_hints(loaded, slices, &names, options, &mut hints);
    hints.sort_by_key(|h| h.position.map(|p| (p.line, p.column)));
    hints
}

/// A hint for a field no device has: (kind, message, suggestion).
fn unknown_name(field: &FieldRef, names: &Names) -> Option<(&'static str, String, Option<String>)> {
    let (domain, name, is_attribute) = match field {
        FieldRef::Attribute { domain, name } => (domain, name, true),
        FieldRef::Capacity { domain, name } => (domain, name, false),
        FieldRef::Driver => return None,
    };
    let qualified = format!("{domain}/{name}");
    let (own, other): (Vec<&String>, Vec<&String>) = if is_attribute {
        (
            names.attributes.keys().collect(),
            names.capacities.iter().collect(),
        )
    } else {
        (
            names.capacities.iter().collect(),
            names.attributes.keys().collect(),
        )
    };
    if own.contains(&&qualified) {
        return None;
    }
    let (what, map) = if is_attribute {
        ("attribute", "attributes")
    } else {
        ("capacity", "capacity")
    };
    if other.contains(&&qualified) {
        let (kind, right) = if is_attribute {
            ("capacityNotAttribute", "capacity")
        } else {
            ("attributeNotCapacity", "attributes")
        };
        let suggestion = format!("device.{right}[\"{domain}\"].{name}");
        return Some((
            kind,
            format!(
                "{qualified} is {}, not {}: read it as {suggestion}",
                if is_attribute {
                    "a capacity"
                } else {
                    "an attribute"
                },
                if is_attribute {
                    "an attribute"
                } else {
                    "a capacity"
                }
            ),
            Some(suggestion),
        ));
    }
    // The same name in another domain: a wrong domain (or the map indexed
    // by a name instead of a domain).
    let same_name: Vec<&String> = own
        .iter()
        .copied()
        .filter(|q| q.rsplit_once('/').is_some_and(|(_, n)| n == name))
        .collect();
    if let Some(right) = same_name.first() {
        let (right_domain, _) = right.rsplit_once('/').unwrap_or_default();
        let suggestion = format!("device.{map}[\"{right_domain}\"].{name}");
        return Some((
            "wrongDomain",
            format!(
                "no device has {what} {qualified}, but devices publish {}: a name without a domain belongs to its driver's domain; did you mean {suggestion}?",
                same_name.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
            ),
            Some(suggestion),
        ));
    }
    if !domain.contains('.') {
        // device.attributes["model"]: the map is keyed by domain.
        if let Some(right) = own
            .iter()
            .find(|q| q.rsplit_once('/').is_some_and(|(_, n)| n == domain))
        {
            let (right_domain, right_name) = right.rsplit_once('/').unwrap_or_default();
            let suggestion = format!("device.{map}[\"{right_domain}\"].{right_name}");
            return Some((
                "wrongDomain",
                format!(
                    "device.{map} is keyed by domain, then name: \"{domain}\" is read as a domain; did you mean {suggestion}?"
                ),
                Some(suggestion),
            ));
        }
    }
    let nearest = own
        .iter()
        .map(|q| (edit_distance(q, &qualified), *q))
        .filter(|(d, q)| *d <= (q.len() / 4).max(2))
        .min();
    Some(match nearest {
        Some((_, near)) => {
            let (near_domain, near_name) = near.rsplit_once('/').unwrap_or_default();
            (
                if is_attribute {
                    "unknownAttribute"
                } else {
                    "unknownCapacity"
                },
                format!("no device has {what} {qualified}; did you mean {near}?"),
                Some(format!("device.{map}[\"{near_domain}\"].{near_name}")),
            )
        }
        None => (
            if is_attribute {
                "unknownAttribute"
            } else {
                "unknownCapacity"
            },
            format!("no device of the scenario has {what} {qualified}"),
            None,
        ),
    })
}

/// Constraints whose attribute the devices of some request do not have.
fn constraint_hints(
    loaded: &LoadedScenario,
    slices: &[&ResourceSlice],
    names: &Names,
    options: CompileOptions,
    hints: &mut Vec<Hint>,
) {
    let classes: HashMap<&str, &DeviceClass> = loaded
        .objects
        .iter()
        .filter_map(|o| match &o.object {
            Object::DeviceClass(c) => Some((c.metadata.name.as_str(), c)),
            _ => None,
        })
        .collect();
    // Per (selectors, attribute): devices with the attribute, and the drivers
    // of those without it with similar names they publish.
    type Survey = (usize, BTreeMap<String, BTreeSet<String>>);
    let mut seen: HashMap<(String, String), Survey> = HashMap::new();
    for site in constraint_sites(loaded) {
        let constraint = &site.spec.devices.constraints[site.index];
        let (field, kind, attribute) =
            match (&constraint.match_attribute, &constraint.distinct_attribute) {
                (Some(a), _) => ("matchAttribute", "matchAttribute", a),
                (None, Some(a)) => ("distinctAttribute", "distinctAttribute", a),
                _ => continue,
            };
        let path = site.path.child(field);
        let hint = |kind: &str, message: String, suggestion: Option<String>| Hint {
            kind: kind.into(),
            message,
            object: site.owner.label(),
            field: path.to_string(),
            position: Some(field_pos(site.object, &path)),
            suggestion,
        };
        if !attribute.contains('/') {
            let drivers: BTreeSet<&str> = names
                .attributes
                .keys()
                .filter_map(|q| {
                    q.rsplit_once('/')
                        .filter(|(_, n)| n == attribute)
                        .map(|(d, _)| d)
                })
                .collect();
            let suggestion = drivers.iter().next().map(|d| format!("{d}/{attribute}"));
            hints.push(hint(
                "unqualifiedConstraint",
                format!(
                    "{kind} {attribute} has no domain: it is compared as written, and attributes are fully qualified names (a device's unqualified attribute belongs to its driver's domain){}",
                    suggestion
                        .as_ref()
                        .map(|s| format!("; did you mean {s}?"))
                        .unwrap_or_default()
                ),
                suggestion,
            ));
            continue;
        }
        let (_, id) = attribute.rsplit_once('/').unwrap_or_default();
        // The requests it applies to, with their classes and selectors.
        for request in &site.spec.devices.requests {
            let mut alternatives = Vec::new();
            if let Some(exact) = &request.exactly {
                alternatives.push((
                    request.name.clone(),
                    &exact.device_class_name,
                    &exact.selectors,
                ));
            }
            for sub in &request.first_available {
                alternatives.push((
                    format!("{}/{}", request.name, sub.name),
                    &sub.device_class_name,
                    &sub.selectors,
                ));
            }
            for (name, class, selectors) in alternatives {
                let applies = constraint.requests.is_empty()
                    || constraint
                        .requests
                        .iter()
                        .any(|r| *r == request.name || *r == name);
                if !applies {
                    continue;
                }
                let Some(class) = classes.get(class.as_str()) else {
                    continue;
                };
                let expressions: Vec<&str> = class
                    .spec
                    .selectors
                    .iter()
                    .chain(selectors)
                    .filter_map(|s| s.cel.as_ref().map(|c| c.expression.as_str()))
                    .collect();
                // The devices the request can get, with their drivers: the
                // same for every claim of a template, so computed once.
                let key = (expressions.join("\n"), attribute.clone());
                let (with, without) = seen.entry(key).or_insert_with(|| {
                    let compiled: Option<Vec<Program>> = expressions
                        .iter()
                        .map(|e| compile(e, &options).ok())
                        .collect();
                    survey(
                        slices,
                        compiled.as_deref().unwrap_or_default(),
                        compiled.is_some(),
                        attribute,
                        id,
                    )
                });
                let (with, without) = (*with, &*without);
                if with > 0 || without.is_empty() {
                    continue;
                }
                let drivers: Vec<&str> = without.keys().map(String::as_str).collect();
                let similar: BTreeSet<&String> = without.values().flatten().collect();
                let message = if similar.is_empty() {
                    format!(
                        "{kind} {attribute}: the devices request {name} can get (driver {}) have no such attribute, so it can never be satisfied",
                        drivers.join(", ")
                    )
                } else {
                    format!(
                        "{kind} {attribute}: the devices request {name} can get (driver {}) publish {} instead; the constraint compares fully qualified names, so the drivers must publish the same one",
                        drivers.join(", "),
                        similar.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                    )
                };
                let differs = if similar.is_empty() {
                    "constraintAttributeMissing"
                } else {
                    "constraintAttributeDiffers"
                };
                hints.push(hint(differs, message, None));
            }
        }
    }
}

/// Among the devices all `programs` select (none if they do not compile):
/// how many have the attribute, and per driver of those without it, the
/// attributes they publish with the same name in another domain.
fn survey(
    slices: &[&ResourceSlice],
    programs: &[Program],
    compiled: bool,
    attribute: &str,
    id: &str,
) -> (usize, BTreeMap<String, BTreeSet<String>>) {
    let mut with = 0;
    let mut without: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    if !compiled {
        return (with, without);
    }
    for slice in slices {
        let driver = slice.spec.driver.as_str();
        for device in &slice.spec.devices {
            let input = DeviceInput {
                driver,
                attributes: &device.attributes,
                capacity: &device.capacity,
                allow_multiple_allocations: device.allow_multiple_allocations,
            };
            if !programs.iter().all(|p| p.evaluate(&input) == Ok(true)) {
                continue;
            }
            if device.attribute(driver, attribute).is_some() {
                with += 1;
            } else {
                let similar = device
                    .attributes
                    .keys()
                    .map(|k| qualify(k, driver))
                    .filter(|q| q.rsplit_once('/').is_some_and(|(_, n)| n == id));
                without
                    .entry(driver.to_owned())
                    .or_default()
                    .extend(similar);
            }
        }
    }
    (with, without)
}
