//! CEL types as the type checker sees them, with cel-go's assignability rules
//! and its two ways of printing a type (in error messages and in
//! `Type.String()`).

use std::collections::HashMap;
use std::fmt::Write as _;

/// A CEL type.
#[allow(clippy::enum_variant_names)]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    Dyn,
    /// google.protobuf.Any: behaves like `dyn`, except as a comprehension range.
    Any,
    Bool,
    Bytes,
    Double,
    Duration,
    Error,
    Int,
    Null,
    String,
    Timestamp,
    Uint,
    List(Box<Type>),
    Map(Box<Type>, Box<Type>),
    /// An abstract type with parameters: `optional_type(T)`, `net.IP`, the
    /// internal `function(result, args...)`.
    Opaque(String, Vec<Type>),
    /// A message/object type: `kubernetes.DRADevice`, `kubernetes.Quantity`, ...
    Struct(String),
    /// A type parameter (`A`, `_var0`, ...).
    Param(String),
    /// The type of a type value, `type` or `type(T)`.
    TypeOf(Option<Box<Type>>),
}

impl Type {
    pub fn list(elem: Type) -> Type {
        Type::List(Box::new(elem))
    }

    pub fn map(key: Type, value: Type) -> Type {
        Type::Map(Box::new(key), Box::new(value))
    }

    pub fn optional(param: Type) -> Type {
        Type::Opaque(OPTIONAL_TYPE.to_string(), vec![param])
    }

    pub fn opaque(name: &str) -> Type {
        Type::Opaque(name.to_string(), Vec::new())
    }

    pub fn object(name: &str) -> Type {
        Type::Struct(name.to_string())
    }

    pub fn param(name: &str) -> Type {
        Type::Param(name.to_string())
    }

    pub fn type_of(t: Type) -> Type {
        Type::TypeOf(Some(Box::new(t)))
    }

    /// The parameters of the type (element types, key/value types, ...).
    pub fn parameters(&self) -> Vec<&Type> {
        match self {
            Type::List(e) => vec![e],
            Type::Map(k, v) => vec![k, v],
            Type::Opaque(_, p) => p.iter().collect(),
            Type::TypeOf(Some(t)) => vec![t],
            _ => Vec::new(),
        }
    }

    pub fn is_dyn(&self) -> bool {
        matches!(self, Type::Dyn | Type::Any)
    }

    pub fn is_dyn_or_error(&self) -> bool {
        matches!(self, Type::Dyn | Type::Any | Type::Error)
    }

    pub fn is_optional(&self) -> bool {
        matches!(self, Type::Opaque(n, p) if n == OPTIONAL_TYPE && p.len() == 1)
    }

    /// The wrapped type of an optional, or the type itself.
    pub fn unwrap_optional(&self) -> (&Type, bool) {
        match self {
            Type::Opaque(n, p) if n == OPTIONAL_TYPE && p.len() == 1 => (&p[0], true),
            other => (other, false),
        }
    }

    /// cel-go's runtime type name.
    pub fn type_name(&self) -> &str {
        match self {
            Type::Dyn => "dyn",
            Type::Any => "google.protobuf.Any",
            Type::Bool => "bool",
            Type::Bytes => "bytes",
            Type::Double => "double",
            Type::Duration => "google.protobuf.Duration",
            Type::Error => "error",
            Type::Int => "int",
            Type::Null => "null_type",
            Type::String => "string",
            Type::Timestamp => "google.protobuf.Timestamp",
            Type::Uint => "uint",
            Type::List(_) => "list",
            Type::Map(_, _) => "map",
            Type::Opaque(n, _) => n,
            Type::Struct(n) => n,
            Type::Param(n) => n,
            Type::TypeOf(_) => "type",
        }
    }

    fn kind_index(&self) -> u8 {
        match self {
            Type::Dyn => 1,
            Type::Any => 2,
            Type::Bool => 3,
            Type::Bytes => 4,
            Type::Double => 5,
            Type::Duration => 6,
            Type::Error => 7,
            Type::Int => 8,
            Type::List(_) => 9,
            Type::Map(_, _) => 10,
            Type::Null => 11,
            Type::Opaque(_, _) => 12,
            Type::String => 13,
            Type::Struct(_) => 14,
            Type::Timestamp => 15,
            Type::TypeOf(_) => 16,
            Type::Param(_) => 17,
            Type::Uint => 18,
        }
    }

    fn same_kind(&self, other: &Type) -> bool {
        self.kind_index() == other.kind_index()
    }

    /// Exact structural equality (type parameter names included).
    pub fn is_exact(&self, other: &Type) -> bool {
        self == other
    }

    /// `dyn`, `any` and type parameters accept anything at runtime.
    fn is_dyn_like(&self) -> bool {
        matches!(self, Type::Dyn | Type::Any | Type::Param(_))
    }

    /// cel-go's `Type.IsAssignableType`: whether a value of `from` may be
    /// used where `self` is expected, without type parameter inference.
    pub fn is_assignable_type(&self, from: &Type) -> bool {
        if self == from || self.is_dyn_like() {
            return true;
        }
        if !self.same_kind(from) || self.type_name() != from.type_name() {
            return false;
        }
        let a = self.parameters();
        let b = from.parameters();
        if a.len() != b.len() {
            return false;
        }
        a.iter().zip(b.iter()).all(|(x, y)| x.is_assignable_type(y))
    }

    /// The formatting cel-go uses in checker error messages.
    pub fn format(&self) -> String {
        let mut s = String::new();
        self.format_into(&mut s);
        s
    }

    fn format_into(&self, out: &mut String) {
        match self {
            Type::Any => out.push_str("any"),
            Type::Duration => out.push_str("duration"),
            Type::Error => out.push_str("!error!"),
            Type::Null => out.push_str("null"),
            Type::Timestamp => out.push_str("timestamp"),
            Type::Param(n) => out.push_str(n),
            Type::Opaque(n, p) if n == "function" && !p.is_empty() => {
                out.push_str(&format_function(Some(&p[0]), &p[1..], false));
            }
            _ => {
                let params = self.parameters();
                out.push_str(self.type_name());
                if !params.is_empty() {
                    out.push('(');
                    for (i, p) in params.iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        p.format_into(out);
                    }
                    out.push(')');
                }
            }
        }
    }

    /// cel-go's `Type.String()`.
    pub fn display(&self) -> String {
        match self {
            Type::Param(n) => format!("<{n}>"),
            _ => {
                let params = self.parameters();
                if params.is_empty() {
                    return self.type_name().to_string();
                }
                let mut s = String::new();
                s.push_str(self.type_name());
                s.push('(');
                for (i, p) in params.iter().enumerate() {
                    if i > 0 {
                        s.push_str(", ");
                    }
                    s.push_str(&p.display());
                }
                s.push(')');
                s
            }
        }
    }
}

pub const OPTIONAL_TYPE: &str = "optional_type";

/// Formats a function signature as cel-go does in "found no matching
/// overload" errors: `(int, string)` or `target.(arg)`, plus ` -> result`.
pub fn format_function(result: Option<&Type>, args: &[Type], is_instance: bool) -> String {
    let mut s = String::new();
    let mut args = args;
    if is_instance && !args.is_empty() {
        s.push_str(&args[0].format());
        s.push('.');
        args = &args[1..];
    }
    s.push('(');
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(&a.format());
    }
    s.push(')');
    if let Some(r) = result {
        let rt = r.format();
        if !rt.is_empty() {
            let _ = write!(s, " -> {rt}");
        }
    }
    s
}

/// Type parameter substitutions found while checking.
#[derive(Clone, Debug, Default)]
pub struct Mapping {
    map: HashMap<String, Type>,
}

impl Mapping {
    fn key(t: &Type) -> String {
        t.format()
    }

    pub fn add(&mut self, from: &Type, to: Type) {
        self.map.insert(Self::key(from), to);
    }

    pub fn find(&self, from: &Type) -> Option<&Type> {
        if self.map.is_empty() {
            return None;
        }
        self.map.get(&Self::key(from))
    }
}

fn is_equal_or_less_specific(t1: &Type, t2: &Type) -> bool {
    if t1.is_dyn() || matches!(t1, Type::Param(_)) {
        return true;
    }
    if t2.is_dyn() || matches!(t2, Type::Param(_)) {
        return false;
    }
    if !t1.same_kind(t2) {
        return false;
    }
    match (t1, t2) {
        (Type::Opaque(n1, p1), Type::Opaque(n2, p2)) => {
            n1 == n2
                && p1.len() == p2.len()
                && p1
                    .iter()
                    .zip(p2)
                    .all(|(a, b)| is_equal_or_less_specific(a, b))
        }
        (Type::List(a), Type::List(b)) => is_equal_or_less_specific(a, b),
        (Type::Map(k1, v1), Type::Map(k2, v2)) => {
            is_equal_or_less_specific(k1, k2) && is_equal_or_less_specific(v1, v2)
        }
        (Type::TypeOf(_), Type::TypeOf(_)) => true,
        _ => t1.is_exact(t2),
    }
}

/// The more general of two compatible types.
pub fn most_general(t1: &Type, t2: &Type) -> Type {
    if is_equal_or_less_specific(t1, t2) {
        t1.clone()
    } else {
        t2.clone()
    }
}

fn not_referenced_in(m: &Mapping, t: &Type, within: &Type) -> bool {
    if t.is_exact(within) {
        return false;
    }
    match within {
        Type::Param(_) => match m.find(within) {
            None => true,
            Some(sub) => {
                let sub = sub.clone();
                not_referenced_in(m, t, &sub)
            }
        },
        Type::Opaque(_, _) | Type::List(_) | Type::Map(_, _) | Type::TypeOf(_) => within
            .parameters()
            .iter()
            .all(|p| not_referenced_in(m, t, p)),
        _ => true,
    }
}

fn is_valid_type_substitution(m: &mut Mapping, t1: &Type, t2: &Type) -> (bool, bool) {
    if t1.is_exact(t2) {
        return (true, true);
    }
    if let Some(t2_sub) = m.find(t2).cloned() {
        if t1.is_exact(&t2_sub) {
            return (true, true);
        }
        if internal_is_assignable(m, t1, &t2_sub) {
            let t2_new = most_general(t1, &t2_sub);
            if not_referenced_in(m, t2, &t2_new) {
                m.add(t2, t2_new);
            }
            return (true, true);
        }
        return (false, true);
    }
    if not_referenced_in(m, t2, t1) {
        m.add(t2, t1.clone());
        return (true, false);
    }
    (false, false)
}

fn is_legacy_nullable(t: &Type) -> bool {
    matches!(
        t,
        Type::Opaque(_, _) | Type::Struct(_) | Type::Any | Type::Duration | Type::Timestamp
    )
}

fn internal_is_assignable_null(t: &Type) -> bool {
    is_legacy_nullable(t) || t.is_assignable_type(&Type::Null)
}

/// cel-go's `internalIsAssignable`: may record substitutions in `m`.
pub fn internal_is_assignable(m: &mut Mapping, t1: &Type, t2: &Type) -> bool {
    if matches!(t2, Type::Param(_)) {
        let (valid, has_sub) = is_valid_type_substitution(m, t1, t2);
        if valid {
            return true;
        }
        if has_sub {
            return false;
        }
    }
    if matches!(t1, Type::Param(_)) {
        let (valid, _) = is_valid_type_substitution(m, t2, t1);
        return valid;
    }
    if t1.is_dyn_or_error() || t2.is_dyn_or_error() {
        return true;
    }
    if matches!(t1, Type::Null) {
        return internal_is_assignable_null(t2);
    }
    if matches!(t2, Type::Null) {
        return internal_is_assignable_null(t1);
    }
    match t1 {
        Type::Bool
        | Type::Bytes
        | Type::Double
        | Type::Int
        | Type::String
        | Type::Uint
        | Type::Any
        | Type::Duration
        | Type::Timestamp
        | Type::Struct(_) => t2.is_assignable_type(t1),
        Type::TypeOf(_) => matches!(t2, Type::TypeOf(_)),
        Type::Opaque(_, _) | Type::List(_) | Type::Map(_, _) => {
            if !t1.same_kind(t2) || t1.type_name() != t2.type_name() {
                return false;
            }
            let p1 = t1.parameters();
            let p2 = t2.parameters();
            if p1.len() != p2.len() {
                return false;
            }
            let pairs: Vec<(Type, Type)> = p1
                .into_iter()
                .zip(p2)
                .map(|(a, b)| (a.clone(), b.clone()))
                .collect();
            pairs.iter().all(|(a, b)| internal_is_assignable(m, a, b))
        }
        _ => false,
    }
}

/// Whether `t2` is assignable to `t1`; on success returns the updated mapping.
pub fn is_assignable(m: &Mapping, t1: &Type, t2: &Type) -> Option<Mapping> {
    let mut copy = m.clone();
    if internal_is_assignable(&mut copy, t1, t2) {
        Some(copy)
    } else {
        None
    }
}

/// Element-wise assignability of two type lists.
pub fn is_assignable_list(m: &Mapping, l1: &[Type], l2: &[Type]) -> Option<Mapping> {
    if l1.len() != l2.len() {
        return None;
    }
    let mut copy = m.clone();
    for (a, b) in l1.iter().zip(l2) {
        if !internal_is_assignable(&mut copy, a, b) {
            return None;
        }
    }
    Some(copy)
}

/// Replaces type parameters by their substitutions (or by `dyn`).
pub fn substitute(m: &Mapping, t: &Type, type_param_to_dyn: bool) -> Type {
    if let Some(sub) = m.find(t) {
        let sub = sub.clone();
        return substitute(m, &sub, type_param_to_dyn);
    }
    match t {
        Type::Param(_) if type_param_to_dyn => Type::Dyn,
        Type::Opaque(n, p) => Type::Opaque(
            n.clone(),
            p.iter()
                .map(|x| substitute(m, x, type_param_to_dyn))
                .collect(),
        ),
        Type::List(e) => Type::list(substitute(m, e, type_param_to_dyn)),
        Type::Map(k, v) => Type::map(
            substitute(m, k, type_param_to_dyn),
            substitute(m, v, type_param_to_dyn),
        ),
        Type::TypeOf(Some(p)) => Type::type_of(substitute(m, p, type_param_to_dyn)),
        other => other.clone(),
    }
}
