//! The AST validators of the Kubernetes base environment, run after type
//! checking: duration, timestamp and regex literals must be valid, and list
//! and map literals must be homogeneous (except inside `format`), plus the
//! strings extension's check of literal format strings.

use std::collections::HashMap;

use crate::check::Checked;
use crate::parse::ast::*;
use crate::parse::source::{Issue, Source};
use crate::types::Type;

/// Runs the validators; returns the issues found.
pub fn validate(
    expr: &Expr,
    checked: &Checked,
    source: &Source,
    offsets: &HashMap<Id, usize>,
) -> Vec<Issue> {
    let mut v = Validator {
        checked,
        source,
        offsets,
        issues: Vec::new(),
    };
    v.walk(expr, false);
    v.issues
}

struct Validator<'c> {
    checked: &'c Checked,
    source: &'c Source,
    offsets: &'c HashMap<Id, usize>,
    issues: Vec<Issue>,
}

/// Equal types, type parameter names aside.
fn equivalent(a: &Type, b: &Type) -> bool {
    if let (Type::Param(_), Type::Param(_)) = (a, b) {
        return true;
    }
    if std::mem::discriminant(a) != std::mem::discriminant(b) || a.type_name() != b.type_name() {
        return false;
    }
    let (pa, pb) = (a.parameters(), b.parameters());
    pa.len() == pb.len() && pa.iter().zip(pb).all(|(x, y)| equivalent(x, y))
}

impl Validator<'_> {
    fn ty(&self, id: Id) -> Type {
        self.checked.types.get(&id).cloned().unwrap_or(Type::Dyn)
    }

    fn error(&mut self, id: Id, message: String) {
        let offset = self.offsets.get(&id).copied();
        self.issues.push(self.source.issue_at(offset, message));
    }

    fn mismatch(&mut self, id: Id, expected: &Type, actual: &Type) {
        self.error(
            id,
            format!(
                "expected type '{}' but found '{}'",
                expected.format(),
                actual.format()
            ),
        );
    }

    fn walk(&mut self, e: &Expr, in_format: bool) {
        match &e.kind {
            ExprKind::Call(c) => {
                self.check_call(e.id, c);
                let exempt = in_format || c.function == "format";
                if let Some(t) = &c.target {
                    self.walk(t, exempt);
                }
                for a in &c.args {
                    self.walk(a, exempt);
                }
            }
            ExprKind::List(l) => {
                if !in_format {
                    let mut first: Option<Type> = None;
                    for (i, el) in l.elements.iter().enumerate() {
                        let mut t = self.ty(el.id);
                        if l.optional_indices.contains(&i) {
                            t = t.unwrap_optional().0.clone();
                        }
                        match &first {
                            None => first = Some(t),
                            Some(f) => {
                                if !equivalent(f, &t) {
                                    let f = f.clone();
                                    self.mismatch(el.id, &f, &t);
                                    break;
                                }
                            }
                        }
                    }
                }
                for el in &l.elements {
                    self.walk(el, in_format);
                }
            }
            ExprKind::Map(m) => {
                if !in_format {
                    let mut first: Option<(Type, Type)> = None;
                    for en in &m.entries {
                        let kt = self.ty(en.key.id);
                        let mut vt = self.ty(en.value.id);
                        if en.optional {
                            vt = vt.unwrap_optional().0.clone();
                        }
                        match &first {
                            None => first = Some((kt, vt)),
                            Some((fk, fv)) => {
                                let (fk, fv) = (fk.clone(), fv.clone());
                                if !equivalent(&fk, &kt) {
                                    self.mismatch(en.key.id, &fk, &kt);
                                }
                                if !equivalent(&fv, &vt) {
                                    self.mismatch(en.value.id, &fv, &vt);
                                }
                            }
                        }
                    }
                }
                for en in &m.entries {
                    self.walk(&en.key, in_format);
                    self.walk(&en.value, in_format);
                }
            }
            _ => e.for_each_child(|c| self.walk(c, in_format)),
        }
    }

    fn check_call(&mut self, call_id: Id, c: &Call) {
        if c.function == "format" {
            if let (Some(ExprKind::Literal(Literal::String(fmt))), [arg]) =
                (c.target.as_ref().map(|t| &t.kind), c.args.as_slice())
            {
                if let Some((id, msg)) =
                    crate::library::format::validate_format_call(fmt, arg, call_id, self.checked)
                {
                    self.error(id, msg);
                }
            }
            return;
        }
        let Some(arg) = c.args.first() else {
            return;
        };
        let ExprKind::Literal(lit) = &arg.kind else {
            return;
        };
        match c.function.as_str() {
            "duration" => {
                if let Literal::String(s) = lit {
                    if crate::library::time::parse_duration(s).is_none() {
                        self.error(arg.id, "invalid duration argument".into());
                    }
                }
            }
            "timestamp" => {
                let ok = match lit {
                    Literal::String(s) => crate::library::time::parse_rfc3339(s)
                        .map(|t| crate::library::time::check_timestamp(t).is_ok())
                        .unwrap_or(false),
                    Literal::Int(i) => {
                        crate::library::time::check_timestamp(crate::library::time::Timestamp {
                            secs: *i,
                            nanos: 0,
                        })
                        .is_ok()
                    }
                    _ => true,
                };
                if !ok {
                    self.error(arg.id, "invalid timestamp argument".into());
                }
            }
            "matches" => {
                if let Literal::String(p) = lit {
                    if crate::library::regex::compile(p).is_err() {
                        self.error(arg.id, "invalid matches argument".into());
                    }
                }
            }
            _ => {}
        }
    }
}
