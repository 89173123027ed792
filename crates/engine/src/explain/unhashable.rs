//! Selectors that Kubernetes fails with `hash of unhashable type cel.Semver`:
//! a version attribute used where cel-go hashes the value, which it cannot
//! do for a version (see `dra_cel`'s `eval::membership`). The written forms:
//! `F in [literals]` (the optimizer makes the constant list a hash set),
//! `F in {...}`, `{...}[F]`, `{...}[?F]` (maps built by the expression hash
//! their keys) and `{F: ...}` (a key of a map literal), with `F` a version
//! attribute, possibly wrapped in `dyn(...)`. The evaluation itself is exact
//! (the CEL crate fails where Kubernetes fails); this names the likely cause
//! at the place it is written, before a run, and what to write instead.

use crate::cel::syntax::{Call, Expr, ExprKind, Literal, MapEntry};
use crate::semver::Version;

use super::field_ref::{field_ref, FieldRef};

/// A place where a selector hashes a device attribute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HashedLookup {
    /// The attribute that is hashed.
    pub field: FieldRef,
    /// How it is hashed, in words: "`in` over a constant list", ...
    pub form: &'static str,
    /// The strings of a constant list, when all of them are versions (for a
    /// suggested rewrite).
    pub versions: Option<Vec<String>>,
    /// Byte offset of the lookup in the expression.
    pub offset: usize,
}

/// The hashed attribute of `expr`, if it is one of the forms above.
pub(crate) fn hashed_lookup(expr: &Expr, offset: usize) -> Option<HashedLookup> {
    let ExprKind::Call(call) = &expr.kind else {
        return match &expr.kind {
            ExprKind::Map(map) => map_key(&map.entries, offset),
            _ => None,
        };
    };
    let lookup = |field, form, versions| {
        Some(HashedLookup {
            field,
            form,
            versions,
            offset,
        })
    };
    match (call.function.as_str(), call.args.as_slice()) {
        ("@in", [element, container]) => {
            let field = attribute(element)?;
            match &container.kind {
                ExprKind::List(list)
                    if !list.elements.is_empty() && list.elements.iter().all(is_primitive) =>
                {
                    let versions = list
                        .elements
                        .iter()
                        .map(|e| {
                            e.as_string_literal()
                                .filter(|s| Version::parse(s).is_ok())
                                .map(str::to_owned)
                        })
                        .collect();
                    lookup(field, "`in` over a constant list", versions)
                }
                ExprKind::Map(map) if !map.entries.is_empty() => {
                    lookup(field, "`in` over a map literal", None)
                }
                _ => None,
            }
        }
        ("_[_]" | "_[?_]", [map, key]) if non_empty_map(map) => {
            lookup(attribute(key)?, "a map literal indexed by it", None)
        }
        _ => None,
    }
}

/// `{F: ...}`: a key of a map literal.
fn map_key(entries: &[MapEntry], offset: usize) -> Option<HashedLookup> {
    entries.iter().find_map(|entry| {
        attribute(&entry.key).map(|field| HashedLookup {
            field,
            form: "a key of a map literal",
            versions: None,
            offset,
        })
    })
}

/// An attribute reference, possibly as `dyn(F)`.
fn attribute(expr: &Expr) -> Option<FieldRef> {
    if let ExprKind::Call(call) = &expr.kind {
        let Call {
            function,
            target,
            args,
        } = &**call;
        if function == "dyn" && target.is_none() && args.len() == 1 {
            return attribute(&args[0]);
        }
    }
    field_ref(expr).filter(|f| matches!(f, FieldRef::Attribute { .. }))
}

/// A literal cel-go puts into the set: bool, int, uint, double, string.
fn is_primitive(expr: &Expr) -> bool {
    matches!(
        &expr.kind,
        ExprKind::Literal(
            Literal::Bool(_)
                | Literal::Int(_)
                | Literal::Uint(_)
                | Literal::Double(_)
                | Literal::String(_)
        )
    )
}

fn non_empty_map(expr: &Expr) -> bool {
    matches!(&expr.kind, ExprKind::Map(map) if !map.entries.is_empty())
}

/// The hint for a lookup of an attribute that is a version on the devices:
/// (message, suggestion).
pub(crate) fn hint(lookup: &HashedLookup) -> (String, Option<String>) {
    let FieldRef::Attribute { domain, name } = &lookup.field else {
        return (String::new(), None);
    };
    let written = format!("device.attributes[\"{domain}\"].{name}");
    let suggestion = lookup.versions.as_ref().map(|versions| {
        let list: Vec<String> = versions.iter().map(|v| format!("semver({v:?})")).collect();
        format!("{written} in [{}]", list.join(", "))
    });
    let message = format!(
        "{domain}/{name} is a version attribute, and this selector hashes it ({}): Kubernetes cannot hash a version, so the selector fails with \"internal error: runtime error: hash of unhashable type cel.Semver\" and every pod that uses it is unschedulable; compare versions as versions: {}, {written}.compareTo(semver(\"2.0.0\")) >= 0, or {written}.isGreaterThan(semver(\"1.9.9\"))",
        lookup.form,
        suggestion
            .clone()
            .unwrap_or_else(|| format!("{written} == semver(\"2.0.0\")")),
    );
    (message, suggestion)
}
