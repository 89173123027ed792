//! Looking inside selector expressions: their top-level conjuncts (`a && b`),
//! the device fields they read (`device.attributes["d"].name`,
//! `device.capacity["d"].name`, `device.driver`) and simple comparisons, so
//! that a false selector can be explained with the values that decided
//! (`gpu.example.com/memory = 24Gi, selector needs >= 40Gi`) and a runtime
//! error can be placed inside its expression.
//!
//! Uses the tree of [`crate::cel::syntax`] (the parser's, with byte
//! offsets), and [`crate::cel::compile`] to evaluate conjuncts on their
//! own. Only expressions that compile are analyzed.

use std::collections::HashMap;

use crate::allocator::report::shorten;
use crate::api::Device;
use crate::cel::syntax::{self, Call, Expr, ExprKind, Literal, Tree};
use crate::cel::{compile, CompileOptions, DeviceInput, Program};

use super::field_ref::{field_ref, FieldRef};
use super::unhashable::{hashed_lookup, HashedLookup};

/// A comparison of a device field with a constant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Comparison {
    /// The field.
    pub field: FieldRef,
    /// What the selector needs: `>= 40Gi`, `== "A100"`, `one of [...]`.
    pub needs: String,
    /// The constant's kind, for type hints: "string", "int", "quantity", "semver", ...
    pub constant: &'static str,
    /// Byte offset of the comparison in the expression.
    pub offset: usize,
}

/// A field reference with where it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Reference {
    pub field: FieldRef,
    /// Byte offset in the expression.
    pub offset: usize,
}

/// One conjunct of a selector.
#[derive(Debug)]
pub(crate) struct Conjunct {
    /// Its text.
    pub text: String,
    /// Byte offset in the expression.
    pub offset: usize,
    /// The conjunct compiled on its own (None if it does not compile alone).
    program: Option<Program>,
    /// The device fields it reads.
    pub fields: Vec<FieldRef>,
    /// When it is a simple comparison: what it compares.
    pub comparison: Option<Comparison>,
}

/// What is known about one selector expression.
#[derive(Debug, Default)]
pub(crate) struct Insight {
    /// Top-level conjuncts, in order (one when there is no `&&`).
    pub conjuncts: Vec<Conjunct>,
    /// Every device field reference, in order.
    pub references: Vec<Reference>,
    /// Every comparison of a device field with a constant.
    pub comparisons: Vec<Comparison>,
    /// Every place where an attribute is hashed (a set or map lookup).
    pub hashed: Vec<HashedLookup>,
}

/// Insights per expression (and compile options), computed once.
#[derive(Debug, Default)]
pub(crate) struct Insights {
    cache: HashMap<(String, CompileOptions), Insight>,
}

impl Insights {
    /// The insight of an expression.
    pub fn get(&mut self, expression: &str, options: CompileOptions) -> &Insight {
        self.cache
            .entry((expression.to_owned(), options))
            .or_insert_with(|| analyze(expression, options))
    }
}

/// Analyzes an expression; an empty insight when it does not compile.
pub(crate) fn analyze(expression: &str, options: CompileOptions) -> Insight {
    if compile(expression, &options).is_err() {
        return Insight::default();
    }
    let Some(tree) = syntax::parse(expression) else {
        return Insight::default();
    };
    let mut insight = Insight::default();
    collect(&tree.expr, &tree, &mut insight);
    // Top-level conjuncts: the source between the `&&` operators.
    let mut parts = Vec::new();
    flatten_and(&tree.expr, &mut parts);
    let mut operators: Vec<usize> = Vec::new();
    and_operators(&tree.expr, &tree, &mut operators);
    operators.sort_unstable();
    let mut bounds = vec![0usize];
    for op in &operators {
        bounds.push(*op);
    }
    bounds.push(expression.len());
    for (index, part) in parts.iter().enumerate() {
        let start = if index == 0 { 0 } else { bounds[index] + 2 };
        let end = bounds[index + 1];
        let Some(raw) = expression.get(start.min(end)..end) else {
            continue;
        };
        let text = strip_parens(raw.trim());
        let offset = start + raw.find(|c: char| !c.is_whitespace()).unwrap_or(0);
        let mut sub = Insight::default();
        collect(part, &tree, &mut sub);
        let program = if parts.len() == 1 {
            None
        } else {
            compile(text, &options).ok()
        };
        insight.conjuncts.push(Conjunct {
            text: text.to_owned(),
            offset,
            program,
            fields: dedup(sub.references.iter().map(|r| r.field.clone()).collect()),
            comparison: sub
                .comparisons
                .into_iter()
                .next()
                .filter(|_| is_comparison(part)),
        });
    }
    insight
}

impl Insight {
    /// Why the selector is false for a device, with the values that decided:
    /// `gpu.example.com/memory = 24Gi, selector needs >= 40Gi`; for a
    /// conjunct that is no simple comparison, its text and the values it reads.
    pub fn why_false(
        &self,
        device: &Device,
        driver: &str,
        input: &DeviceInput<'_>,
    ) -> Option<String> {
        if self.conjuncts.len() == 1 {
            return self.conjuncts[0].why_false(device, driver);
        }
        let verdicts: Vec<(&Conjunct, Result<bool, String>)> = self
            .conjuncts
            .iter()
            .filter_map(|c| {
                let program = c.program.as_ref()?;
                Some((c, program.evaluate(input).map_err(|e| e.message)))
            })
            .collect();
        // The false conjuncts decide; without one, those that fail.
        let mut parts: Vec<String> = verdicts
            .iter()
            .filter(|(_, v)| *v == Ok(false))
            .filter_map(|(c, _)| c.why_false(device, driver))
            .collect();
        if parts.is_empty() {
            parts = verdicts
                .iter()
                .filter_map(|(c, v)| match v {
                    Err(message) => Some(format!("`{}` fails: {message}", shorten(&c.text, 70))),
                    _ => None,
                })
                .collect();
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }

    /// Where a runtime error happens: the first conjunct that fails alone,
    /// and inside it a field named by the error (`no such key: name`).
    pub fn error_offset(&self, input: &DeviceInput<'_>, message: &str) -> Option<usize> {
        let key = message
            .split("no such key: ")
            .nth(1)
            .map(|k| k.trim().trim_matches('"').to_owned());
        let conjunct = if self.conjuncts.len() == 1 {
            self.conjuncts.first()
        } else {
            self.conjuncts.iter().find(|c| {
                c.program
                    .as_ref()
                    .is_some_and(|p| p.evaluate(input).is_err())
            })
        };
        let range = conjunct.map(|c| (c.offset, c.offset + c.text.len()));
        if let Some(key) = key {
            let inside =
                |offset: usize| range.is_none_or(|(start, end)| offset >= start && offset <= end);
            let found = self.references.iter().find(|r| {
                inside(r.offset)
                    && match &r.field {
                        FieldRef::Attribute { domain, name }
                        | FieldRef::Capacity { domain, name } => *name == key || *domain == key,
                        FieldRef::Driver => false,
                    }
            });
            if let Some(found) = found {
                return Some(found.offset);
            }
        }
        conjunct.map(|c| c.offset)
    }
}

impl Conjunct {
    fn why_false(&self, device: &Device, driver: &str) -> Option<String> {
        if let Some(comparison) = &self.comparison {
            let value = comparison
                .field
                .value(device, driver)
                .unwrap_or_else(|| "(not set)".into());
            return Some(format!(
                "{} = {value}, selector needs {}",
                comparison.field.label(),
                comparison.needs
            ));
        }
        let values: Vec<String> = self
            .fields
            .iter()
            .map(|f| {
                let value = f
                    .value(device, driver)
                    .unwrap_or_else(|| "(not set)".into());
                format!("{} = {value}", f.label())
            })
            .collect();
        let text = format!("`{}` is false", shorten(&self.text, 70));
        Some(if values.is_empty() {
            text
        } else {
            format!("{text} ({})", values.join(", "))
        })
    }
}

fn dedup(mut fields: Vec<FieldRef>) -> Vec<FieldRef> {
    let mut seen = Vec::new();
    fields.retain(|f| {
        if seen.contains(f) {
            false
        } else {
            seen.push(f.clone());
            true
        }
    });
    fields
}

/// `(x)` → `x` when the parentheses enclose everything.
fn strip_parens(text: &str) -> &str {
    let mut text = text;
    while text.starts_with('(') && text.ends_with(')') {
        let inner = &text[1..text.len() - 1];
        let mut depth = 0i32;
        let mut balanced = true;
        for c in inner.chars() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth < 0 {
                        balanced = false;
                        break;
                    }
                }
                _ => {}
            }
        }
        if !balanced || depth != 0 {
            break;
        }
        text = inner.trim();
    }
    text
}

fn call<'e>(expr: &'e Expr, name: &str) -> Option<&'e Call> {
    match &expr.kind {
        ExprKind::Call(c) if c.function == name => Some(c),
        _ => None,
    }
}

fn flatten_and<'e>(expr: &'e Expr, out: &mut Vec<&'e Expr>) {
    match call(expr, "_&&_") {
        Some(c) if c.args.len() == 2 => {
            flatten_and(&c.args[0], out);
            flatten_and(&c.args[1], out);
        }
        _ => out.push(expr),
    }
}

fn and_operators(expr: &Expr, tree: &Tree, out: &mut Vec<usize>) {
    if let Some(c) = call(expr, "_&&_").filter(|c| c.args.len() == 2) {
        if let Some(start) = tree.offset(expr.id) {
            out.push(start);
        }
        and_operators(&c.args[0], tree, out);
        and_operators(&c.args[1], tree, out);
    }
}

fn is_comparison(expr: &Expr) -> bool {
    matches!(&expr.kind, ExprKind::Call(c) if COMPARISONS.iter().any(|(f, _)| *f == c.function)
        || matches!(c.function.as_str(), "isGreaterThan" | "isLessThan" | "matches" | "startsWith" | "endsWith" | "contains" | "@in"))
}

const COMPARISONS: [(&str, &str); 6] = [
    ("_==_", "=="),
    ("_!=_", "!="),
    ("_<_", "<"),
    ("_<=_", "<="),
    ("_>_", ">"),
    ("_>=_", ">="),
];

/// The operator with its operands swapped (`1 < x` is `x > 1`).
fn flip(op: &str) -> &str {
    match op {
        "<" => ">",
        "<=" => ">=",
        ">" => "<",
        ">=" => "<=",
        other => other,
    }
}

fn string_literal(expr: &Expr) -> Option<&str> {
    expr.as_string_literal()
}

/// A constant as text, with its kind: literals, `quantity("1Gi")`,
/// `semver("1.2.3")`, lists of literals.
fn constant(expr: &Expr) -> Option<(String, &'static str)> {
    match &expr.kind {
        ExprKind::Literal(Literal::String(s)) => Some((format!("{s:?}"), "string")),
        ExprKind::Literal(Literal::Int(i)) => Some((i.to_string(), "int")),
        ExprKind::Literal(Literal::Uint(u)) => Some((format!("{u}u"), "uint")),
        ExprKind::Literal(Literal::Double(d)) => Some((d.to_string(), "double")),
        ExprKind::Literal(Literal::Bool(b)) => Some((b.to_string(), "bool")),
        ExprKind::Call(c) if c.target.is_none() && c.args.len() == 1 => {
            let kind = match c.function.as_str() {
                "quantity" => "quantity",
                "semver" => "semver",
                _ => return None,
            };
            Some((string_literal(&c.args[0])?.to_owned(), kind))
        }
        ExprKind::List(list) => {
            let items: Option<Vec<String>> = list
                .elements
                .iter()
                .map(|e| constant(e).map(|(t, _)| t))
                .collect();
            Some((format!("[{}]", items?.join(", ")), "list"))
        }
        _ => None,
    }
}

/// Collects references and comparisons in a tree.
fn collect(expr: &Expr, tree: &Tree, insight: &mut Insight) {
    let offset = tree.offset(expr.id).unwrap_or(0);
    if let Some(field) = field_ref(expr) {
        insight.references.push(Reference { field, offset });
    }
    if let Some(comparison) = comparison(expr, offset) {
        insight.comparisons.push(comparison);
    }
    if let Some(lookup) = hashed_lookup(expr, offset) {
        insight.hashed.push(lookup);
    }
    expr.for_each_child(|child| collect(child, tree, insight));
}

/// A comparison of a device field with a constant, in its simple forms:
/// `F op C`, `C op F`, `F.compareTo(C) op 0`, `F.isGreaterThan(C)`,
/// `F.isLessThan(C)`, `F in [..]`, `F.matches(C)`/`startsWith`/...
fn comparison(expr: &Expr, offset: usize) -> Option<Comparison> {
    let ExprKind::Call(c) = &expr.kind else {
        return None;
    };
    let make = |field: FieldRef, needs: String, constant: &'static str| Comparison {
        field,
        needs,
        constant,
        offset,
    };
    if let Some((_, op)) = COMPARISONS.iter().find(|(f, _)| *f == c.function) {
        let [left, right] = c.args.as_slice() else {
            return None;
        };
        // F.compareTo(C) op 0
        if let (ExprKind::Call(inner), Some(("0", _))) = (
            &left.kind,
            constant(right).as_ref().map(|(t, k)| (t.as_str(), *k)),
        ) {
            if inner.function == "compareTo" && inner.args.len() == 1 {
                let field = field_ref(inner.target.as_ref()?)?;
                let (value, kind) = constant(&inner.args[0])?;
                return Some(make(field, format!("{op} {value}"), kind));
            }
        }
        if let (Some(field), Some((value, kind))) = (field_ref(left), constant(right)) {
            return Some(make(field, format!("{op} {value}"), kind));
        }
        if let (Some((value, kind)), Some(field)) = (constant(left), field_ref(right)) {
            return Some(make(field, format!("{} {value}", flip(op)), kind));
        }
        return None;
    }
    match c.function.as_str() {
        "isGreaterThan" | "isLessThan" if c.args.len() == 1 => {
            let field = field_ref(c.target.as_ref()?)?;
            let (value, kind) = constant(&c.args[0])?;
            let op = if c.function == "isGreaterThan" {
                ">"
            } else {
                "<"
            };
            Some(make(field, format!("{op} {value}"), kind))
        }
        "matches" | "startsWith" | "endsWith" | "contains" if c.args.len() == 1 => {
            let field = field_ref(c.target.as_ref()?)?;
            let (value, kind) = constant(&c.args[0])?;
            let verb = match c.function.as_str() {
                "matches" => "to match",
                "startsWith" => "to start with",
                "endsWith" => "to end with",
                _ => "to contain",
            };
            Some(make(field, format!("{verb} {value}"), kind))
        }
        "@in" if c.args.len() == 2 => {
            let field = field_ref(&c.args[0])?;
            let (value, _) = constant(&c.args[1])?;
            Some(make(field, format!("one of {value}"), "list"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn device(value: serde_json::Value) -> Device {
        serde_json::from_value(value).unwrap()
    }

    fn input<'d>(device: &'d Device, driver: &'d str) -> DeviceInput<'d> {
        DeviceInput {
            driver,
            attributes: &device.attributes,
            capacity: &device.capacity,
            allow_multiple_allocations: None,
        }
    }

    #[test]
    fn quantity_comparison_names_the_values() {
        let gpu = device(
            json!({"name": "g", "capacity": {"memory": {"value": "24Gi"}},
            "attributes": {"model": {"string": "A100"}}}),
        );
        let insight = analyze(
            r#"device.capacity["gpu.example.com"].memory.compareTo(quantity("40Gi")) >= 0 && device.attributes["gpu.example.com"].model == "A100""#,
            CompileOptions::default(),
        );
        assert_eq!(insight.conjuncts.len(), 2);
        assert_eq!(
            insight.conjuncts[1].text,
            r#"device.attributes["gpu.example.com"].model == "A100""#
        );
        assert_eq!(
            insight
                .why_false(&gpu, "gpu.example.com", &input(&gpu, "gpu.example.com"))
                .as_deref(),
            Some("gpu.example.com/memory = 24Gi, selector needs >= 40Gi")
        );
    }

    #[test]
    fn other_shapes() {
        let gpu =
            device(json!({"name": "g", "attributes": {"driverVersion": {"version": "1.2.0"}}}));
        let insight = analyze(
            r#"(device.attributes["gpu.example.com"].driverVersion.isGreaterThan(semver("2.0.0")))"#,
            CompileOptions::default(),
        );
        assert_eq!(
            insight
                .why_false(&gpu, "gpu.example.com", &input(&gpu, "gpu.example.com"))
                .as_deref(),
            Some("gpu.example.com/driverVersion = 1.2.0, selector needs > 2.0.0")
        );
        let insight = analyze(
            r#"device.attributes["gpu.example.com"].driverVersion.major > 1 || device.driver == "x""#,
            CompileOptions::default(),
        );
        let why = insight
            .why_false(&gpu, "gpu.example.com", &input(&gpu, "gpu.example.com"))
            .unwrap();
        assert!(
            why.starts_with("`device.attributes[\"gpu.example.com\"]"),
            "{why}"
        );
        assert!(
            why.contains("gpu.example.com/driverVersion = 1.2.0"),
            "{why}"
        );
        assert!(why.contains("driver = \"gpu.example.com\""), "{why}");
    }

    #[test]
    fn runtime_errors_are_placed_at_the_missing_key() {
        let gpu = device(json!({"name": "g", "attributes": {"model": {"string": "A100"}}}));
        let expression = r#"device.driver == "gpu.example.com" && device.attributes["gpu.example.com"].memory > 3"#;
        let insight = analyze(expression, CompileOptions::default());
        let offset = insight
            .error_offset(&input(&gpu, "gpu.example.com"), "no such key: memory")
            .unwrap();
        assert_eq!(&expression[offset..offset + 7], ".memory");
    }
}
