//! Runtime values. Values borrow from the program (constants) and from the
//! device being evaluated wherever they can, so that evaluating a selector
//! allocates nothing in the common cases.

use std::cmp::Ordering;
use std::fmt;
use std::rc::Rc;

use crate::eval::device::DeviceView;
use crate::library::ip::{CidrValue, IpValue};
use crate::library::time::{Duration, Timestamp};
use crate::library::url::UrlValue;
use crate::{Quantity, Version};

/// A runtime error.
#[derive(Clone, Debug, PartialEq)]
pub struct EvalError {
    pub message: String,
    /// Cancels the whole evaluation (cost limit): not absorbed by `&&`/`||`.
    pub fatal: bool,
}

impl EvalError {
    pub fn new(message: impl Into<String>) -> EvalError {
        EvalError {
            message: message.into(),
            fatal: false,
        }
    }

    pub fn no_such_overload() -> EvalError {
        EvalError::new("no such overload")
    }

    pub fn cost_limit() -> EvalError {
        EvalError {
            message: "operation cancelled: actual cost limit exceeded".into(),
            fatal: true,
        }
    }

    /// The Go runtime panic that cel-go turns into an error when a value
    /// whose Go type cannot be hashed is used as a Go map key: a lookup in
    /// a map built by the expression (or in the set that `in` over a
    /// constant list becomes), or a key of a map literal. A panic ends the
    /// evaluation, whatever `&&`/`||` around it would absorb.
    pub fn unhashable(key: &Value<'_>) -> EvalError {
        EvalError {
            message: format!(
                "internal error: runtime error: hash of unhashable type {}",
                key.go_type_name()
            ),
            fatal: true,
        }
    }
}

pub type EvalResult<'a> = Result<Value<'a>, EvalError>;

/// A string, borrowed or shared.
#[derive(Clone, Debug)]
pub enum Str<'a> {
    B(&'a str),
    R(Rc<str>),
}

impl<'a> Str<'a> {
    pub fn as_str(&self) -> &str {
        match self {
            Str::B(s) => s,
            Str::R(s) => s,
        }
    }
}

impl From<String> for Str<'_> {
    fn from(s: String) -> Self {
        Str::R(Rc::from(s))
    }
}

/// Bytes, borrowed or shared.
#[derive(Clone, Debug)]
pub enum Bin<'a> {
    B(&'a [u8]),
    R(Rc<[u8]>),
}

impl Bin<'_> {
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Bin::B(b) => b,
            Bin::R(b) => b,
        }
    }
}

/// A list value.
#[derive(Clone, Debug)]
pub enum List<'a> {
    Owned(Rc<Vec<Value<'a>>>),
    /// A list attribute of a device.
    Ints(&'a [i64]),
    Bools(&'a [bool]),
    Strings(&'a [String]),
    Versions(&'a [String]),
    /// A constant list of the program.
    Const(&'a [crate::eval::program::Const]),
}

impl<'a> List<'a> {
    pub fn len(&self) -> usize {
        match self {
            List::Owned(v) => v.len(),
            List::Ints(v) => v.len(),
            List::Bools(v) => v.len(),
            List::Strings(v) => v.len(),
            List::Versions(v) => v.len(),
            List::Const(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, i: usize) -> Option<Value<'a>> {
        Some(match self {
            List::Owned(v) => v.get(i)?.clone(),
            List::Ints(v) => Value::Int(*v.get(i)?),
            List::Bools(v) => Value::Bool(*v.get(i)?),
            List::Strings(v) => Value::String(Str::B(v.get(i)?)),
            List::Versions(v) => match Version::parse(v.get(i)?) {
                Ok(ver) => Value::Semver(SemverRef::R(Rc::new(ver))),
                Err(_) => Value::Null,
            },
            List::Const(v) => v.get(i)?.to_value(),
        })
    }

    pub fn iter(&self) -> impl Iterator<Item = Value<'a>> + '_ {
        (0..self.len()).filter_map(move |i| self.get(i))
    }

    /// The elements as an owned vector.
    pub fn to_vec(&self) -> Vec<Value<'a>> {
        match self {
            List::Owned(v) => v.as_ref().clone(),
            _ => self.iter().collect(),
        }
    }
}

/// A map value.
#[derive(Clone, Debug)]
pub enum Map<'a> {
    Owned(Rc<MapData<'a>>),
    /// A view of (part of) the device.
    Device(DeviceView<'a>),
}

/// The entries of a map, in insertion order.
#[derive(Clone, Debug, Default)]
pub struct MapData<'a> {
    pub entries: Vec<(Value<'a>, Value<'a>)>,
    /// Built by the expression (a map literal, `transformMap`, ...): cel-go
    /// keeps such a map in a Go map keyed by CEL values, so every insertion
    /// and every lookup in a non-empty one hashes the key (see
    /// [`Value::go_hashable`]). Maps converted from Go values (a URL's
    /// query, bound variables) look keys up without hashing them.
    pub hashes_keys: bool,
}

impl<'a> MapData<'a> {
    /// An empty map of the kind an expression builds.
    pub fn built() -> MapData<'a> {
        MapData {
            entries: Vec::new(),
            hashes_keys: true,
        }
    }

    pub fn find(&self, key: &Value<'_>) -> Option<&Value<'a>> {
        self.entries
            .iter()
            .find(|(k, _)| key_equal(k, key))
            .map(|(_, v)| v)
    }

    /// Looks a key up as cel-go does: an empty map answers without hashing.
    pub fn lookup(&self, key: &Value<'_>) -> Result<Option<&Value<'a>>, EvalError> {
        if self.hashes_keys && !self.entries.is_empty() && !key.go_hashable() {
            return Err(EvalError::unhashable(key));
        }
        Ok(self.find(key))
    }
}

/// Whether two map keys are the same key (numbers compare across types).
pub fn key_equal(a: &Value<'_>, b: &Value<'_>) -> bool {
    match (a, b) {
        (Value::String(x), Value::String(y)) => x.as_str() == y.as_str(),
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (
            Value::Int(_) | Value::Uint(_) | Value::Double(_),
            Value::Int(_) | Value::Uint(_) | Value::Double(_),
        ) => numeric_cmp(a, b) == Some(Ordering::Equal),
        _ => false,
    }
}

impl<'a> Map<'a> {
    pub fn len(&self) -> usize {
        match self {
            Map::Owned(m) => m.entries.len(),
            Map::Device(d) => d.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Looks a key up. `Ok(None)`: no such key.
    pub fn get(&self, key: &Value<'a>) -> Result<Option<Value<'a>>, EvalError> {
        match self {
            Map::Owned(m) => Ok(m.lookup(key)?.cloned()),
            Map::Device(d) => d.get(key),
        }
    }

    /// Whether the key is present.
    pub fn contains(&self, key: &Value<'a>) -> Result<bool, EvalError> {
        match self {
            Map::Owned(m) => Ok(m.lookup(key)?.is_some()),
            Map::Device(d) => d.contains(key),
        }
    }

    /// The keys, in iteration order.
    pub fn keys(&self) -> Vec<Value<'a>> {
        match self {
            Map::Owned(m) => m.entries.iter().map(|(k, _)| k.clone()).collect(),
            Map::Device(d) => d.keys(),
        }
    }

    /// The entries, in iteration order.
    pub fn entries(&self) -> Result<Vec<(Value<'a>, Value<'a>)>, EvalError> {
        match self {
            Map::Owned(m) => Ok(m.entries.clone()),
            Map::Device(d) => {
                let mut out = Vec::new();
                for k in d.keys() {
                    let v = d.get(&k)?.unwrap_or(Value::Null);
                    out.push((k, v));
                }
                Ok(out)
            }
        }
    }
}

/// A Kubernetes quantity, borrowed from the device or the program, or computed.
#[derive(Clone, Debug)]
pub enum QuantityRef<'a> {
    B(&'a Quantity),
    R(Rc<Quantity>),
}

impl QuantityRef<'_> {
    pub fn get(&self) -> &Quantity {
        match self {
            QuantityRef::B(q) => q,
            QuantityRef::R(q) => q,
        }
    }
}

/// A semantic version, borrowed from the program, or computed.
#[derive(Clone, Debug)]
pub enum SemverRef<'a> {
    B(&'a Version),
    R(Rc<Version>),
}

impl SemverRef<'_> {
    pub fn get(&self) -> &Version {
        match self {
            SemverRef::B(v) => v,
            SemverRef::R(v) => v,
        }
    }
}

/// A runtime value.
#[derive(Clone, Debug)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Double(f64),
    String(Str<'a>),
    Bytes(Bin<'a>),
    List(List<'a>),
    Map(Map<'a>),
    Duration(Duration),
    Timestamp(Timestamp),
    /// A type value, by its runtime type name.
    Type(Str<'a>),
    Optional(Option<Rc<Value<'a>>>),
    Quantity(QuantityRef<'a>),
    Semver(SemverRef<'a>),
    Url(Rc<UrlValue>),
    Ip(Rc<IpValue>),
    Cidr(Rc<CidrValue>),
    /// A named format of the Kubernetes format library.
    Format(&'static str),
}

impl<'a> Value<'a> {
    pub fn str(s: &'a str) -> Value<'a> {
        Value::String(Str::B(s))
    }

    pub fn string(s: String) -> Value<'a> {
        Value::String(Str::from(s))
    }

    pub fn list(v: Vec<Value<'a>>) -> Value<'a> {
        Value::List(List::Owned(Rc::new(v)))
    }

    /// The runtime type name, as cel-go prints it.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null_type",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Uint(_) => "uint",
            Value::Double(_) => "double",
            Value::String(_) => "string",
            Value::Bytes(_) => "bytes",
            Value::List(_) => "list",
            Value::Map(_) => "map",
            Value::Duration(_) => "google.protobuf.Duration",
            Value::Timestamp(_) => "google.protobuf.Timestamp",
            Value::Type(_) => "type",
            Value::Optional(_) => "optional_type",
            Value::Quantity(_) => "kubernetes.Quantity",
            Value::Semver(_) => "kubernetes.Semver",
            Value::Url(_) => "kubernetes.URL",
            Value::Ip(_) => "net.IP",
            Value::Cidr(_) => "net.CIDR",
            Value::Format(_) => "kubernetes.NamedFormat",
        }
    }

    /// The Go type name cel-go uses in some errors (`types.Bool`).
    pub fn go_type_name(&self) -> &'static str {
        match self {
            Value::Null => "types.Null",
            Value::Bool(_) => "types.Bool",
            Value::Int(_) => "types.Int",
            Value::Uint(_) => "types.Uint",
            Value::Double(_) => "types.Double",
            Value::String(_) => "types.String",
            Value::Bytes(_) => "types.Bytes",
            Value::List(_) => "*types.baseList",
            Value::Map(_) => "*types.baseMap",
            Value::Duration(_) => "types.Duration",
            Value::Timestamp(_) => "types.Timestamp",
            Value::Type(_) => "*types.Type",
            Value::Optional(_) => "*types.Optional",
            Value::Quantity(_) => "cel.Quantity",
            Value::Semver(_) => "cel.Semver",
            Value::Url(_) => "cel.URL",
            Value::Ip(_) => "cel.IP",
            Value::Cidr(_) => "cel.CIDR",
            Value::Format(_) => "cel.Format",
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s.as_str()),
            _ => None,
        }
    }

    /// Whether the Go value behind this CEL value can be a Go map key. Three
    /// cannot: `types.Bytes` (a byte slice), Kubernetes' `cel.Semver` (a
    /// struct holding the slices of blang/semver's `Version`) and
    /// `cel.Format` (a struct holding a function). Every other value is a
    /// comparable Go value: a scalar, a struct of scalars or pointers
    /// (`cel.Quantity`, `cel.URL`, `cel.IP`, `cel.CIDR`, durations,
    /// timestamps), or a pointer (lists, maps, optionals, types).
    pub fn go_hashable(&self) -> bool {
        !matches!(self, Value::Bytes(_) | Value::Semver(_) | Value::Format(_))
    }

    /// The size, as cel-go's `Sizer` reports it (for the runtime cost).
    pub fn actual_size(&self) -> u64 {
        match self {
            Value::String(s) => s.as_str().chars().count() as u64,
            Value::Bytes(b) => b.as_bytes().len() as u64,
            Value::List(l) => l.len() as u64,
            Value::Map(m) => m.len() as u64,
            Value::Optional(Some(v)) => v.actual_size(),
            Value::Ip(ip) => ip.byte_len() as u64,
            Value::Cidr(c) => c.byte_len() as u64,
            _ => 1,
        }
    }
}

/// Three-valued equality of cel-go: some types report an error when compared
/// with values of another type.
pub fn equals(a: &Value<'_>, b: &Value<'_>) -> Result<bool, EvalError> {
    use Value::*;
    Ok(match (a, b) {
        (Null, Null) => true,
        (Null, _) | (_, Null) => false,
        (Bool(x), Bool(y)) => x == y,
        (Int(_) | Uint(_) | Double(_), Int(_) | Uint(_) | Double(_)) => {
            numeric_cmp(a, b) == Some(Ordering::Equal)
        }
        (String(x), String(y)) => x.as_str() == y.as_str(),
        (Bytes(x), Bytes(y)) => x.as_bytes() == y.as_bytes(),
        (List(x), List(y)) => {
            if x.len() != y.len() {
                return Ok(false);
            }
            for i in 0..x.len() {
                let (Some(p), Some(q)) = (x.get(i), y.get(i)) else {
                    return Ok(false);
                };
                if let Ok(false) = equals(&p, &q) {
                    return Ok(false);
                }
            }
            true
        }
        (Map(x), Map(y)) => {
            if x.len() != y.len() {
                return Ok(false);
            }
            for (k, v) in x.entries()? {
                match y.get(&k)? {
                    None => return Ok(false),
                    Some(w) => {
                        if let Ok(false) = equals(&v, &w) {
                            return Ok(false);
                        }
                    }
                }
            }
            true
        }
        (Duration(x), Duration(y)) => x == y,
        (Timestamp(x), Timestamp(y)) => x == y,
        (Type(x), Type(y)) => x.as_str() == y.as_str(),
        (Optional(x), Optional(y)) => match (x, y) {
            (None, None) => true,
            (Some(p), Some(q)) => equals(p, q)?,
            _ => false,
        },
        (Quantity(x), Quantity(y)) => x.get().cmp(y.get()) == Ordering::Equal,
        (Quantity(_), _) => return Err(EvalError::no_such_overload()),
        (Semver(x), Semver(y)) => x.get().cmp(y.get()) == Ordering::Equal,
        (Semver(_), _) => return Err(EvalError::no_such_overload()),
        (Url(x), Url(y)) => crate::library::url::equal(x, y),
        (Url(_), _) => return Err(EvalError::no_such_overload()),
        (Ip(x), Ip(y)) => x == y,
        (Ip(_), _) => return Err(EvalError::no_such_overload()),
        (Cidr(x), Cidr(y)) => x == y,
        (Cidr(_), _) => return Err(EvalError::no_such_overload()),
        (Format(x), Format(y)) => x == y,
        (Format(_), _) => return Err(EvalError::no_such_overload()),
        _ => false,
    })
}

/// Compares numbers of any numeric type; `None` for NaN or non-numbers.
pub fn numeric_cmp(a: &Value<'_>, b: &Value<'_>) -> Option<Ordering> {
    use Value::*;
    match (a, b) {
        (Int(x), Int(y)) => Some(x.cmp(y)),
        (Uint(x), Uint(y)) => Some(x.cmp(y)),
        (Double(x), Double(y)) => x.partial_cmp(y),
        (Int(x), Uint(y)) => Some(if *x < 0 {
            Ordering::Less
        } else {
            (*x as u64).cmp(y)
        }),
        (Uint(x), Int(y)) => Some(if *y < 0 {
            Ordering::Greater
        } else {
            x.cmp(&(*y as u64))
        }),
        (Int(x), Double(y)) => cmp_int_double(*x, *y),
        (Double(x), Int(y)) => cmp_int_double(*y, *x).map(Ordering::reverse),
        (Uint(x), Double(y)) => cmp_uint_double(*x, *y),
        (Double(x), Uint(y)) => cmp_uint_double(*y, *x).map(Ordering::reverse),
        _ => None,
    }
}

fn cmp_int_double(i: i64, d: f64) -> Option<Ordering> {
    if d.is_nan() {
        return None;
    }
    if d < i64::MIN as f64 {
        return Some(Ordering::Greater);
    }
    if d > i64::MAX as f64 {
        return Some(Ordering::Less);
    }
    (i as f64).partial_cmp(&d)
}

fn cmp_uint_double(u: u64, d: f64) -> Option<Ordering> {
    if d.is_nan() {
        return None;
    }
    if d < 0.0 {
        return Some(Ordering::Greater);
    }
    if d > u64::MAX as f64 {
        return Some(Ordering::Less);
    }
    (u as f64).partial_cmp(&d)
}

/// Go's `%v` of a value, as used in error messages such as "no such key".
pub struct GoFmt<'v, 'a>(pub &'v Value<'a>);

impl fmt::Display for GoFmt<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Value::Null => write!(f, "null"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(i) => write!(f, "{i}"),
            Value::Uint(u) => write!(f, "{u}"),
            Value::Double(d) => write!(f, "{}", crate::library::format::go_float(*d)),
            Value::String(s) => write!(f, "{}", s.as_str()),
            Value::Type(s) => write!(f, "{}", s.as_str()),
            other => write!(f, "{}", other.type_name()),
        }
    }
}

/// The printed form of a value of a library type (a quantity's canonical
/// string, a version, a type name, ...).
pub fn display(v: &Value<'_>) -> String {
    match v {
        Value::Quantity(q) => q.get().to_string(),
        Value::Semver(s) => s.get().to_string(),
        Value::Type(t) => t.as_str().to_string(),
        Value::Duration(d) => crate::library::time::duration_string(*d),
        Value::Timestamp(t) => crate::library::time::timestamp_string(*t),
        Value::Optional(None) => "optional.none()".to_string(),
        Value::Optional(Some(x)) => format!("optional.of({})", display(x)),
        Value::Url(u) => crate::library::url::display(u),
        Value::Ip(_) | Value::Cidr(_) => crate::library::ip::display(v).unwrap_or_default(),
        Value::Format(f) => f.to_string(),
        other => GoFmt(other).to_string(),
    }
}
