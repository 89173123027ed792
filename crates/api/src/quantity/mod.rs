//! Kubernetes `resource.Quantity`, exact to upstream
//! (`k8s.io/apimachinery/pkg/api/resource`).
//!
//! A quantity is a decimal number with a suffix: `500m`, `1.5Gi`, `2e3`.
//! Parsing rounds up to nano precision, remembers which kind of suffix was
//! used (the [`Format`]) and prints back in that kind, in canonical form.
//! Values are compared exactly: `1Gi == 1024Mi`.
//!
//! Upstream stores small values as a scaled `int64` and falls back to an
//! arbitrary-precision decimal otherwise; which one is used is visible (an
//! integer conversion only succeeds for the former), so this type keeps the
//! same two representations and performs the same steps.

mod amount;
mod bigint;
mod parse;

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use amount::{Amount, IntAmount};

/// How a quantity is printed; parsing picks it from the suffix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// A power of ten after `e` or `E`, e.g. `12e6`.
    DecimalExponent,
    /// A power of 1024, e.g. `12Mi`.
    BinarySI,
    /// A decimal SI prefix or none, e.g. `12M`, `500m`, `12`.
    DecimalSI,
}

impl Format {
    /// The upstream name of the format.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::DecimalExponent => "DecimalExponent",
            Format::BinarySI => "BinarySI",
            Format::DecimalSI => "DecimalSI",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a quantity could not be parsed or converted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuantityError {
    kind: ErrorKind,
}

/// The kinds of [`QuantityError`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The text does not have the shape of a quantity.
    Format,
    /// The number in front of the suffix cannot be read.
    Numeric,
    /// The suffix is not a known one.
    Suffix,
    /// The exact value would need more digits than this implementation
    /// allows (upstream would try to compute it).
    TooLarge,
    /// The value is not an `int64`-backed integer (CEL `asInteger()`).
    NotAnInteger,
}

impl QuantityError {
    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
}

impl fmt::Display for QuantityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            ErrorKind::Format => f.write_str(
                "quantities must match the regular expression \
                 '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
            ),
            ErrorKind::Numeric => f.write_str("unable to parse numeric part of quantity"),
            ErrorKind::Suffix => f.write_str("unable to parse quantity's suffix"),
            ErrorKind::TooLarge => write!(
                f,
                "quantity too large: its exact value needs more than {} digits",
                bigint::MAX_DIGITS
            ),
            ErrorKind::NotAnInteger => f.write_str("cannot convert value to integer"),
        }
    }
}

impl std::error::Error for QuantityError {}

/// A Kubernetes `resource.Quantity`.
///
/// Equality, ordering and hashing are by numeric value, like upstream's
/// `Cmp`; the format and spelling do not take part.
#[derive(Clone, Debug)]
pub struct Quantity {
    amount: Amount,
    format: Format,
    /// The printed form when upstream keeps the parsed input as is.
    cached: Option<String>,
}

impl Quantity {
    fn from_amount(amount: Amount, format: Format) -> Quantity {
        Quantity {
            amount,
            format,
            cached: None,
        }
    }

    /// Parses a quantity as upstream's `resource.ParseQuantity`: values are
    /// rounded up (away from zero) to nano precision, binary-suffixed values
    /// are capped at 2^63-1 in magnitude, and the suffix kind is kept for
    /// printing. Some inputs that already look canonical print back exactly
    /// as written (`"007"`, `"+1Ki"`, `"1E+3"`).
    pub fn parse(s: &str) -> Result<Quantity, QuantityError> {
        let parsed = parse::parse(s)?;
        Ok(Quantity {
            amount: parsed.amount,
            format: parsed.format,
            cached: parsed.cached,
        })
    }

    /// `value` in the given format (upstream's `NewQuantity`). CEL's
    /// `add(int)` and `sub(int)` convert their argument with
    /// `Quantity::new(n, Format::DecimalExponent)`.
    pub fn new(value: i64, format: Format) -> Quantity {
        Quantity::from_amount(Amount::Int(IntAmount { value, scale: 0 }), format)
    }

    /// `value` thousandths in [`Format::DecimalSI`] (upstream's
    /// `NewMilliQuantity`): `from_milli(100)` is `100m`.
    pub fn from_milli(value: i64) -> Quantity {
        Quantity::from_amount(
            Amount::Int(IntAmount { value, scale: -3 }),
            Format::DecimalSI,
        )
    }

    /// `value` in [`Format::DecimalSI`].
    pub fn from_i64(value: i64) -> Quantity {
        Quantity::new(value, Format::DecimalSI)
    }

    /// Zero in [`Format::DecimalSI`].
    pub fn zero() -> Quantity {
        Quantity::from_i64(0)
    }

    /// The format the quantity prints in.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Whether the value is zero.
    pub fn is_zero(&self) -> bool {
        self.sign() == 0
    }

    /// -1, 0 or 1 by the sign of the value (CEL `sign()`).
    pub fn sign(&self) -> i32 {
        self.amount.sign()
    }

    /// `self + other` as upstream's `Add`: the result keeps `self`'s format,
    /// unless `self` is zero, then it takes `other`'s. `None` only when the
    /// exact result needs more digits than this implementation allows.
    pub fn checked_add(&self, other: &Quantity) -> Option<Quantity> {
        let mut format = self.format;
        if let (Amount::Int(a), Amount::Int(b)) = (&self.amount, &other.amount) {
            if a.value == 0 {
                format = other.format;
            }
            if let Some(sum) = a.checked_add(*b) {
                return Some(Quantity::from_amount(Amount::Int(sum), format));
            }
        } else if self.is_zero() {
            format = other.format;
        }
        let sum = self
            .amount
            .to_dec()
            .checked_add(&other.amount.to_dec(), false)?;
        Some(Quantity::from_amount(Amount::Dec(sum), format))
    }

    /// `self - other` as upstream's `Sub`, with the same format rule and
    /// failure case as [`Quantity::checked_add`].
    pub fn checked_sub(&self, other: &Quantity) -> Option<Quantity> {
        let format = if self.is_zero() {
            other.format
        } else {
            self.format
        };
        if let (Amount::Int(a), Amount::Int(b)) = (&self.amount, &other.amount) {
            // Upstream negates with int64 wrap-around, so subtracting the
            // minimum int64 adds it instead.
            let negated = IntAmount {
                value: b.value.wrapping_neg(),
                scale: b.scale,
            };
            if let Some(difference) = a.checked_add(negated) {
                return Some(Quantity::from_amount(Amount::Int(difference), format));
            }
        }
        let difference = self
            .amount
            .to_dec()
            .checked_add(&other.amount.to_dec(), true)?;
        Some(Quantity::from_amount(Amount::Dec(difference), format))
    }

    /// The value as an `i64` when upstream's `AsInt64` gives one: only for
    /// whole values kept as a scaled int64 with a non-negative scale. So
    /// `"1000m"`, `"0.0"` and `"1.5Gi"` give `None` even though they are
    /// whole numbers. CEL's `isInteger()` is `as_i64().is_some()`.
    pub fn as_i64(&self) -> Option<i64> {
        self.amount.as_i64()
    }

    /// CEL's `asInteger()`: [`Quantity::as_i64`], failing with upstream's
    /// error text.
    pub fn as_integer(&self) -> Result<i64, QuantityError> {
        self.as_i64().ok_or(QuantityError {
            kind: ErrorKind::NotAnInteger,
        })
    }

    /// Whether [`Quantity::as_i64`] succeeds (CEL `isInteger()`).
    pub fn is_integer(&self) -> bool {
        self.as_i64().is_some()
    }

    /// Upstream's `AsApproximateFloat64` (CEL `asApproximateFloat()`),
    /// bit for bit: mantissa times `math.Pow10(exponent)`.
    pub fn as_approximate_f64(&self) -> f64 {
        self.amount.to_f64()
    }

    /// Upstream's `Value()`: the value rounded up to an integer, wrapping
    /// around on overflow like upstream. For negative values upstream
    /// rounds away from zero or towards it depending on the representation.
    pub fn value(&self) -> i64 {
        self.amount.value()
    }

    /// Upstream's `MilliValue()`: thousandths, rounded up (`100m` is 100,
    /// `2` is 2000), wrapping around on overflow like upstream.
    pub fn milli_value(&self) -> i64 {
        self.amount.scaled_value(-3)
    }

    /// The canonical text (upstream's `String()`): no fraction digits, the
    /// largest suffix of the quantity's format that loses nothing. A binary
    /// quantity below 1024 in magnitude, or one that is not whole, prints
    /// with decimal suffixes.
    pub fn canonical(&self) -> String {
        if let Some(text) = &self.cached {
            return text.clone();
        }
        if self.is_zero() {
            return "0".to_string();
        }
        if self.format == Format::BinarySI && !self.is_below_1024() {
            let binary = self
                .amount
                .exact_integer()
                .and_then(|integer| integer.canonical_base1024());
            if let Some((digits, power)) = binary {
                return digits + binary_suffix(power.wrapping_mul(10));
            }
        }
        let (digits, exponent) = self.amount.canonical_decimal();
        match self.format {
            Format::DecimalExponent if exponent != 0 => format!("{digits}e{exponent}"),
            Format::DecimalExponent => digits,
            Format::BinarySI | Format::DecimalSI => digits + decimal_suffix(exponent),
        }
    }

    fn is_below_1024(&self) -> bool {
        let bound = |value| Amount::Int(IntAmount { value, scale: 0 });
        self.amount.cmp(&bound(-1024)).is_gt() && self.amount.cmp(&bound(1024)).is_lt()
    }

    /// The step rounding of DRA consumable capacity (`roundUpRange` in
    /// k8s.io/dynamic-resource-allocation): `min + n*step` for the smallest
    /// `n` reaching `self`, computed like upstream on [`Quantity::value`]s
    /// with int64 wrap-around, in [`Format::BinarySI`]. `None` when `step`'s
    /// value is zero, where upstream would panic dividing by zero.
    pub fn round_up_to_step(&self, min: &Quantity, step: &Quantity) -> Option<Quantity> {
        let (min, step) = (min.value(), step.value());
        if step == 0 {
            return None;
        }
        let added = self.value().wrapping_sub(min);
        let mut n = added.wrapping_div(step);
        if added.wrapping_rem(step) != 0 {
            n = n.wrapping_add(1);
        }
        Some(Quantity::new(
            min.wrapping_add(step.wrapping_mul(n)),
            Format::BinarySI,
        ))
    }

    /// Whether `self` lies on the grid `min + n*step`, as upstream's
    /// `violateValidRange` checks it (on [`Quantity::value`]s). `None` when
    /// `step`'s value is zero.
    pub fn is_on_step(&self, min: &Quantity, step: &Quantity) -> Option<bool> {
        let step = step.value();
        if step == 0 {
            return None;
        }
        Some(self.value().wrapping_sub(min.value()).wrapping_rem(step) == 0)
    }

    /// Go's `==` on two freshly parsed `resource.Quantity` structs, which
    /// upstream's `violatesPolicy` uses to compare a request with the
    /// policy's default: equal only when both are int64-backed with the same
    /// mantissa and scale, the same format and the same kept input text.
    /// Big-decimal values are never identical (Go compares their pointers).
    pub fn is_identical(&self, other: &Quantity) -> bool {
        match (&self.amount, &other.amount) {
            (Amount::Int(a), Amount::Int(b)) => {
                a == b && self.format == other.format && self.cached == other.cached
            }
            _ => false,
        }
    }
}

/// The decimal SI suffix for a power of ten; upstream prints none when there
/// is no such suffix (so `1000E` prints as `1`).
fn decimal_suffix(exponent: i32) -> &'static str {
    match exponent {
        -9 => "n",
        -6 => "u",
        -3 => "m",
        3 => "k",
        6 => "M",
        9 => "G",
        12 => "T",
        15 => "P",
        18 => "E",
        _ => "",
    }
}

/// The binary SI suffix for a power of two; none when there is no such
/// suffix.
fn binary_suffix(exponent: i32) -> &'static str {
    match exponent {
        10 => "Ki",
        20 => "Mi",
        30 => "Gi",
        40 => "Ti",
        50 => "Pi",
        60 => "Ei",
        _ => "",
    }
}

/// Zero, in [`Format::DecimalSI`]: the default of the API types' quantity fields.
impl Default for Quantity {
    fn default() -> Self {
        Quantity::zero()
    }
}

impl PartialEq for Quantity {
    fn eq(&self, other: &Quantity) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Quantity {}

impl PartialOrd for Quantity {
    fn partial_cmp(&self, other: &Quantity) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Quantity {
    fn cmp(&self, other: &Quantity) -> Ordering {
        self.amount.cmp(&other.amount)
    }
}

impl Hash for Quantity {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.amount.hash_value(state);
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical())
    }
}

impl FromStr for Quantity {
    type Err = QuantityError;

    fn from_str(s: &str) -> Result<Quantity, QuantityError> {
        Quantity::parse(s)
    }
}

impl serde::Serialize for Quantity {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.canonical())
    }
}

impl<'de> serde::Deserialize<'de> for Quantity {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Quantity, D::Error> {
        deserializer.deserialize_any(QuantityVisitor)
    }
}

/// Reads a quantity like upstream's `UnmarshalJSON`: a string (surrounding
/// white space ignored), a number, or null (zero). Upstream parses a number's
/// JSON text; serde only hands over its value, so a float is first written
/// the way Go's `encoding/json` writes it (`1e3` thus reads as `1k`, where
/// upstream would keep `1e3`).
struct QuantityVisitor;

impl QuantityVisitor {
    fn parse<E: serde::de::Error>(text: &str) -> Result<Quantity, E> {
        Quantity::parse(text.trim()).map_err(E::custom)
    }
}

impl serde::de::Visitor<'_> for QuantityVisitor {
    type Value = Quantity;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a quantity string such as \"1Gi\", or a number")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Quantity, E> {
        QuantityVisitor::parse(v)
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Quantity, E> {
        QuantityVisitor::parse(&v.to_string())
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Quantity, E> {
        QuantityVisitor::parse(&v.to_string())
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Quantity, E> {
        QuantityVisitor::parse(&go_json_float(v))
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Quantity, E> {
        Ok(Quantity::zero())
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Quantity, E> {
        Ok(Quantity::zero())
    }
}

/// The text Go's `encoding/json` writes for a float64: shortest round-trip
/// digits, in exponent form (`1e+21`, `1e-7`) only outside `[1e-6, 1e21)`.
fn go_json_float(v: f64) -> String {
    let magnitude = v.abs();
    if magnitude != 0.0 && !(1e-6..1e21).contains(&magnitude) {
        let text = format!("{v:e}");
        match text.split_once('e') {
            Some((mantissa, exponent)) if !exponent.starts_with('-') => {
                format!("{mantissa}e+{exponent}")
            }
            _ => text,
        }
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Quantity {
        Quantity::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn equal_values_hash_alike() {
        use std::collections::HashSet;
        let set: HashSet<Quantity> = [
            "1Gi",
            "1024Mi",
            "1073741824",
            "1073741824000m",
            "0.5Gi",
            "512Mi",
        ]
        .into_iter()
        .map(q)
        .collect();
        assert_eq!(set.len(), 2);
        assert_eq!(q("1.5Gi"), q("1536Mi"));
        assert_eq!(q("0"), q("-0.0"));
    }

    #[test]
    fn value_rounds_up() {
        assert_eq!(q("1.5").value(), 2);
        assert_eq!(q("1m").value(), 1);
        assert_eq!(q("1.5Gi").value(), 1_610_612_736);
        assert_eq!(q("1e30").value(), 0, "overflow gives 0 on the int64 path");
    }

    #[test]
    fn consumable_capacity_steps() {
        // Cases of consumable_capacity_test.go, and a few more.
        let step = |requested: &str, min: &str, step: &str| {
            q(requested)
                .round_up_to_step(&q(min), &q(step))
                .map(|r| (r.canonical(), r.format()))
        };
        assert_eq!(step("2", "1", "2"), Some(("3".into(), Format::BinarySI)));
        assert_eq!(step("2", "1", "1"), Some(("2".into(), Format::BinarySI)));
        assert_eq!(
            step("5Gi", "1Gi", "2Gi"),
            Some(("5Gi".into(), Format::BinarySI))
        );
        assert_eq!(
            step("4Gi", "1Gi", "2Gi"),
            Some(("5Gi".into(), Format::BinarySI))
        );
        assert_eq!(
            step("1500m", "0", "1"),
            Some(("2".into(), Format::BinarySI))
        );
        assert_eq!(
            step("10", "0", "3m"),
            Some(("10".into(), Format::BinarySI)),
            "3m steps by 1"
        );
        assert_eq!(step("1", "0", "0"), None);
        assert_eq!(q("3").is_on_step(&q("1"), &q("2")), Some(true));
        assert_eq!(q("4").is_on_step(&q("1"), &q("2")), Some(false));
        assert_eq!(q("4").is_on_step(&q("1"), &q("0")), None);
    }

    #[test]
    fn identity_follows_go_struct_equality() {
        assert!(q("1").is_identical(&q("1")));
        assert!(q("1Gi").is_identical(&q("1Gi")));
        assert!(
            !q("1Gi").is_identical(&q("1024Mi")),
            "only 1Gi keeps its text"
        );
        assert!(!q("1").is_identical(&Quantity::from_i64(1)));
        assert!(
            !q("1.5Gi").is_identical(&q("1.5Gi")),
            "big decimals never are"
        );
    }

    #[test]
    fn serde_round_trip() {
        let parsed: Vec<Quantity> =
            serde_json::from_str(r#"["1.5Gi", " 2 ", 3, -4.5, 1e21, 1e-7, null]"#).expect("valid");
        let printed: Vec<String> = parsed.iter().map(Quantity::canonical).collect();
        assert_eq!(
            printed,
            ["1536Mi", "2", "3", "-4500m", "1e+21", "100e-9", "0"]
        );
        assert_eq!(
            serde_json::to_string(&q("1.5Gi")).ok().as_deref(),
            Some(r#""1536Mi""#)
        );
        let error = serde_json::from_str::<Quantity>(r#""10Mm""#)
            .err()
            .map(|e| e.to_string());
        assert!(error.is_some_and(|e| e.starts_with("unable to parse quantity's suffix")));
    }

    #[test]
    fn huge_values_do_not_blow_up() {
        let big = q("1e2000000000");
        assert_eq!(big.canonical(), "100e1999999998");
        assert!(big > q("9223372036854775807"));
        assert_eq!(big.as_approximate_f64(), f64::INFINITY);
        assert_eq!(big.checked_add(&q("1")), None);
        assert_eq!(
            big.checked_add(&q("1e2000000000")).map(|s| s.canonical()),
            Some("200e1999999998".into())
        );
    }
}
