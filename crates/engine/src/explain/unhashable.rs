//! Selectors that Kubernetes fails with `hash of unhashable type cel.Semver`:
//! a version attribute used where cel-go hashes the value, which it cannot
//! do for a version (see `dra_cel`'s `eval::membership`). The written forms:
//! `F in [literals]` (the optimizer makes the constant list a hash set),
//! `F in {...}`, `{...}[F]`, `{...}[?F]` (maps built by the expression hash
//! their keys) and `{F: ...}` (a key of a map literal), with `F` a version
//! attribute, possibly wrapped in `dyn(...)`. The evaluation itself is exact
//! (the CEL crate fails where Kubernetes fails); this names the likely cause
//! at the place it is written, before a run, and what to write instead.

use crate::cel::syntax::{CallExpr, EntryExpr, Expr, IdedExpr, LiteralValue};
use crate::semver::Version;

use super::selectors::{field_ref, FieldRef};

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
pub(crate) fn hashed_lookup(expr: &IdedExpr, offset: usize) -> Option<HashedLookup> {
    let Expr::Call(call) = &expr.expr else {
        return match &expr.expr {
            Expr::Map(map) => map_key(map.entries.iter(), offset),
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
    match (call.func_name.as_str(), call.args.as_slice()) {
        ("@in", [element, container]) => {
            let field = attribute(element)?;
            match &container.expr {
                Expr::List(list)
                    if !list.elements.is_empty() && list.elements.iter().all(is_primitive) =>
                {
                    let versions = list
                        .elements
                        .iter()
                        .map(|e| match &e.expr {
                            Expr::Literal(LiteralValue::String(s))
                                if Version::parse(s.inner()).is_ok() =>
                            {
                                Some(s.inner().to_owned())
                            }
                            _ => None,
                        })
                        .collect();
                    lookup(field, "`in` over a constant list", versions)
                }
                Expr::Map(map) if !map.entries.is_empty() => {
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
fn map_key<'e>(
    mut entries: impl Iterator<Item = &'e crate::cel::syntax::IdedEntryExpr>,
    offset: usize,
) -> Option<HashedLookup> {
    entries.find_map(|entry| match &entry.expr {
        EntryExpr::MapEntry(e) => attribute(&e.key).map(|field| HashedLookup {
            field,
            form: "a key of a map literal",
            versions: None,
            offset,
        }),
        EntryExpr::StructField(_) => None,
    })
}

/// An attribute reference, possibly as `dyn(F)`.
fn attribute(expr: &IdedExpr) -> Option<FieldRef> {
    if let Expr::Call(CallExpr {
        func_name,
        target: None,
        args,
    }) = &expr.expr
    {
        if func_name == "dyn" && args.len() == 1 {
            return attribute(&args[0]);
        }
    }
    field_ref(expr).filter(|f| matches!(f, FieldRef::Attribute { .. }))
}

/// A literal cel-go puts into the set: bool, int, uint, double, string.
fn is_primitive(expr: &IdedExpr) -> bool {
    matches!(
        &expr.expr,
        Expr::Literal(
            LiteralValue::Boolean(_)
                | LiteralValue::Int(_)
                | LiteralValue::UInt(_)
                | LiteralValue::Double(_)
                | LiteralValue::String(_)
        )
    )
}

fn non_empty_map(expr: &IdedExpr) -> bool {
    matches!(&expr.expr, Expr::Map(map) if !map.entries.is_empty())
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
