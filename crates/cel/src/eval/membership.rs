//! `x in [constant list]` as Kubernetes evaluates it.
//!
//! The Kubernetes CEL environment plans programs with cel-go's optimizer
//! (`cel.EvalOptions(cel.OptOptimize, ...)` in k8s.io/apiserver's base
//! environment). When `in` resolves to the `in_list` overload and its list is
//! a constant, the optimizer replaces the call while planning:
//!
//! - an empty list makes the whole call the constant `false`: the element is
//!   never evaluated (an error in it, such as a missing attribute, is not
//!   seen);
//! - a list whose elements are all primitive constants (bool, int, uint,
//!   double, string; not bytes) becomes a Go map used as a set, holding each
//!   element plus its lossless numeric conversions, and the call a lookup of
//!   the evaluated element in that map. The lookup hashes the element, so an
//!   element whose Go type cannot be hashed (a version, bytes, a named
//!   format) makes the Go runtime panic, which cel-go reports as `internal
//!   error: runtime error: hash of unhashable type cel.Semver`. The lookup
//!   itself costs nothing at run time;
//! - any other list (a non-constant one, or one with a list, map, null,
//!   bytes or library value in it) is searched element by element with
//!   equality, as without the optimizer.

use crate::eval::program::Const;
use crate::eval::values::{EvalError, Value};

/// A key of the set, compared as a Go map compares its keys: same type and
/// equal value.
#[derive(Clone, Debug)]
enum Key {
    Bool(bool),
    Int(i64),
    Uint(u64),
    Double(f64),
    String(String),
}

/// The set that a constant list of primitives becomes.
#[derive(Clone, Debug)]
pub struct ConstSet {
    keys: Vec<Key>,
}

/// 2^64, the first double that does not convert to a uint.
const TWO_TO_64: f64 = 18_446_744_073_709_551_616.0;

impl ConstSet {
    /// The set of a non-empty constant list, if all of its elements are
    /// primitives (what cel-go's `maybeOptimizeSetMembership` accepts).
    pub fn of(items: &[Const]) -> Option<ConstSet> {
        let mut keys = Vec::with_capacity(items.len());
        for item in items {
            match item {
                Const::Bool(b) => keys.push(Key::Bool(*b)),
                Const::String(s) => keys.push(Key::String(s.clone())),
                Const::Int(i) => {
                    keys.push(Key::Int(*i));
                    keys.push(Key::Double(*i as f64));
                    if *i >= 0 {
                        keys.push(Key::Uint(*i as u64));
                    }
                }
                Const::Uint(u) => {
                    keys.push(Key::Uint(*u));
                    keys.push(Key::Double(*u as f64));
                    if *u <= i64::MAX as u64 {
                        keys.push(Key::Int(*u as i64));
                    }
                }
                Const::Double(d) => {
                    keys.push(Key::Double(*d));
                    // Only the conversions that give the same number back.
                    let integral = d.is_finite() && d.fract() == 0.0;
                    if integral && *d > i64::MIN as f64 && *d < i64::MAX as f64 {
                        keys.push(Key::Int(*d as i64));
                    }
                    if integral && *d >= 0.0 && *d < TWO_TO_64 {
                        keys.push(Key::Uint(*d as u64));
                    }
                }
                _ => return None,
            }
        }
        Some(ConstSet { keys })
    }

    /// Looks an evaluated element up, hashing it as Go does.
    pub fn contains(&self, element: &Value<'_>) -> Result<bool, EvalError> {
        if !element.go_hashable() {
            return Err(EvalError::unhashable(element));
        }
        Ok(self.keys.iter().any(|key| match (key, element) {
            (Key::Bool(k), Value::Bool(v)) => k == v,
            (Key::Int(k), Value::Int(v)) => k == v,
            (Key::Uint(k), Value::Uint(v)) => k == v,
            (Key::Double(k), Value::Double(v)) => k == v,
            (Key::String(k), Value::String(v)) => k == v.as_str(),
            _ => false,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_match_across_types_only_when_lossless() {
        let set = ConstSet::of(&[Const::Int(1), Const::Double(2.5), Const::Double(3.0)]).unwrap();
        for (element, want) in [
            (Value::Int(1), true),
            (Value::Uint(1), true),
            (Value::Double(1.0), true),
            (Value::Double(2.5), true),
            (Value::Int(2), false),
            (Value::Int(3), true),
            (Value::Uint(3), true),
            (Value::Double(f64::NAN), false),
            (Value::str("1"), false),
            (Value::Null, false),
        ] {
            assert_eq!(set.contains(&element), Ok(want), "{element:?}");
        }
        let negative = ConstSet::of(&[Const::Int(-1), Const::Double(-0.0)]).unwrap();
        assert_eq!(negative.contains(&Value::Uint(0)), Ok(true));
        assert_eq!(negative.contains(&Value::Double(0.0)), Ok(true));
        assert_eq!(negative.contains(&Value::Double(-1.0)), Ok(true));
        assert_eq!(negative.contains(&Value::Uint(1)), Ok(false));
    }

    #[test]
    fn only_primitive_lists_become_sets() {
        assert!(ConstSet::of(&[Const::String("a".into()), Const::Bool(true)]).is_some());
        assert!(ConstSet::of(&[Const::Bytes(vec![1])]).is_none());
        assert!(ConstSet::of(&[Const::Null]).is_none());
        assert!(ConstSet::of(&[Const::List(vec![])]).is_none());
    }
}
