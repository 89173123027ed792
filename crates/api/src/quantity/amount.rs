//! The two internal representations of a quantity's value, mirroring
//! upstream's `int64Amount` and `infDecAmount`.
//!
//! Which representation a value is in is observable (an `inf.Dec`-backed
//! quantity never converts to an integer, and its float approximation is
//! computed from a different mantissa), so the arithmetic here follows
//! upstream step by step, including where it wraps 32-bit scales.

use std::cmp::Ordering;
use std::hash::{Hash, Hasher};

use super::bigint::{BigInt, Nat};

/// `value × 10^scale` (upstream's `int64Amount`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct IntAmount {
    pub(super) value: i64,
    pub(super) scale: i32,
}

/// `unscaled × 10^-scale` (upstream's `inf.Dec`; note the inverted scale).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct DecAmount {
    pub(super) unscaled: BigInt,
    pub(super) scale: i32,
}

/// A quantity's value in one of the two representations.
#[derive(Clone, Debug)]
pub(super) enum Amount {
    Int(IntAmount),
    Dec(DecAmount),
}

/// `10^n` as an `i64`, for `n` in `0..=18`.
fn pow10_i64(n: u32) -> i64 {
    10i64.pow(n)
}

/// Multiplies `base` by `10^scale`, `None` on overflow. A scale that is not
/// positive leaves `base` unchanged, as upstream's `positiveScaleInt64` does
/// for the negative scales that wrapped 32-bit arithmetic can hand it.
pub(super) fn positive_scale(base: i64, scale: i32) -> Option<i64> {
    if scale <= 0 || base == 0 {
        return Some(base);
    }
    let mut value = base;
    for _ in 0..scale {
        value = value.checked_mul(10)?;
    }
    Some(value)
}

/// Divides `base` by `10^scale`, rounding away from zero, and says whether
/// the division was exact (upstream's `negativeScaleInt64`).
fn negative_scale(base: i64, scale: i32) -> (i64, bool) {
    if scale <= 0 {
        return (base, true);
    }
    let (quotient, remainder) = match u32::try_from(scale) {
        Ok(n) if n <= 18 => (base / pow10_i64(n), base % pow10_i64(n)),
        _ => (0, base),
    };
    if remainder == 0 {
        (quotient, true)
    } else {
        (quotient + base.signum(), false)
    }
}

/// Strips factors of `base` from `value`, returning what is left and how
/// many were removed. Like upstream, `i64::MIN` is left untouched.
fn remove_int_factors(value: i64, base: i64) -> (i64, i32) {
    let negative = value < 0;
    let mut rest = if negative {
        value.wrapping_neg()
    } else {
        value
    };
    let mut times = 0i32;
    while rest >= base && rest % base == 0 {
        times += 1;
        rest /= base;
    }
    (if negative { rest.wrapping_neg() } else { rest }, times)
}

impl IntAmount {
    /// Sum with `other`, `None` where upstream's `int64Amount.Add` reports
    /// overflow (it then falls back to `inf.Dec`).
    pub(super) fn checked_add(self, other: IntAmount) -> Option<IntAmount> {
        if other.value == 0 {
            return Some(self);
        }
        if self.value == 0 {
            return Some(other);
        }
        match self.scale.cmp(&other.scale) {
            Ordering::Equal => Some(IntAmount {
                value: self.value.checked_add(other.value)?,
                scale: self.scale,
            }),
            Ordering::Greater => {
                let shifted = positive_scale(self.value, self.scale.wrapping_sub(other.scale))?;
                Some(IntAmount {
                    value: shifted.checked_add(other.value)?,
                    scale: other.scale,
                })
            }
            Ordering::Less => {
                let shifted = positive_scale(other.value, other.scale.wrapping_sub(self.scale))?;
                Some(IntAmount {
                    value: self.value.checked_add(shifted)?,
                    scale: self.scale,
                })
            }
        }
    }

    /// The same number as an `inf.Dec`.
    pub(super) fn to_dec(self) -> DecAmount {
        DecAmount {
            unscaled: BigInt::from_i64(self.value),
            scale: self.scale.wrapping_neg(),
        }
    }

    /// Upstream's `AsInt64`: only scales of zero or more convert.
    fn as_i64(self) -> Option<i64> {
        match self.scale.cmp(&0) {
            Ordering::Equal => Some(self.value),
            Ordering::Less => None,
            Ordering::Greater => positive_scale(self.value, self.scale),
        }
    }

    /// Upstream's `AsScaledInt64(scale)`: rounds away from zero, `None`
    /// on overflow.
    fn as_scaled_int64(self, scale: i32) -> Option<i64> {
        if self.scale < scale {
            Some(negative_scale(self.value, scale.wrapping_sub(self.scale)).0)
        } else {
            positive_scale(self.value, self.scale.wrapping_sub(scale))
        }
    }
}

impl DecAmount {
    /// The same number at the larger scale `scale` (more digits), `None`
    /// when that needs too many digits.
    fn upscaled(&self, scale: i32) -> Option<DecAmount> {
        let shift = i64::from(scale) - i64::from(self.scale);
        let magnitude = self
            .unscaled
            .magnitude()
            .mul_pow10(u64::try_from(shift).ok()?)?;
        Some(DecAmount {
            unscaled: BigInt::new(self.unscaled.is_negative(), magnitude),
            scale,
        })
    }

    /// Upstream's `inf.Dec.Add`/`Sub`: both operands are brought to the
    /// larger scale. `None` when that needs too many digits.
    pub(super) fn checked_add(&self, other: &DecAmount, subtract: bool) -> Option<DecAmount> {
        let scale = self.scale.max(other.scale);
        let a = self.upscaled(scale)?;
        let b = other.upscaled(scale)?;
        let unscaled = if subtract {
            a.unscaled.sub(&b.unscaled)
        } else {
            a.unscaled.add(&b.unscaled)
        };
        Some(DecAmount { unscaled, scale })
    }

    /// Upstream's `inf.Dec.Round(x, scale, inf.RoundUp)`: rounds away from
    /// zero to exactly `scale` digits after the point, and says whether that
    /// was exact. `None` when that needs too many digits.
    pub(super) fn round_up(&self, scale: i32) -> Option<(DecAmount, bool)> {
        if scale >= self.scale {
            return Some((self.upscaled(scale)?, true));
        }
        let cut = u64::try_from(i64::from(self.scale) - i64::from(scale)).ok()?;
        let (mut magnitude, inexact) = self.unscaled.magnitude().div_pow10(cut);
        if inexact {
            magnitude = magnitude.add(&Nat::from_u64(1));
        }
        let unscaled = BigInt::new(self.unscaled.is_negative(), magnitude);
        Some((DecAmount { unscaled, scale }, !inexact))
    }

    /// Upstream's `scaledValue(unscaled, scale, new_scale)` (scales count
    /// digits after the point, as `inf.Dec` does), wrapping and rounding
    /// exactly as it does (negative values are not always rounded away from
    /// zero there).
    fn scaled_value(&self, new_scale: i32) -> i64 {
        let dif = i64::from(self.scale) - i64::from(new_scale);
        if dif == 0 {
            return self.unscaled.low_i64();
        }
        if dif < 0 {
            // Go converts math.Pow10(n) to int64; beyond 10^18 that is
            // out of range and amd64 yields the minimum int64.
            let factor = match u32::try_from(-dif) {
                Ok(n) if n <= 18 => pow10_i64(n),
                _ => i64::MIN,
            };
            return self.unscaled.low_i64().wrapping_mul(factor);
        }
        let below_max = self.unscaled.is_negative()
            || self
                .unscaled
                .magnitude()
                .to_u64()
                .is_some_and(|m| m < i64::MAX as u64);
        if below_max && dif < 19 {
            let x = self.unscaled.low_i64();
            let divisor = pow10_i64(dif as u32);
            let quotient = x / divisor;
            return if x % divisor != 0 {
                quotient + 1
            } else {
                quotient
            };
        }
        // Euclidean division: the quotient is rounded down, then one is
        // added when something was cut off.
        let (magnitude, inexact) = self.unscaled.magnitude().div_pow10(dif.unsigned_abs());
        let mut quotient = BigInt::new(self.unscaled.is_negative(), magnitude);
        if inexact && self.unscaled.is_negative() {
            quotient = quotient.sub(&BigInt::from_i64(1));
        }
        let low = quotient.low_i64();
        if inexact {
            low.wrapping_add(1)
        } else {
            low
        }
    }
}

/// A value as sign, significant digits without trailing zeros, and a power
/// of ten; equal numbers have equal normal forms.
#[derive(PartialEq, Eq, Hash)]
struct Normal {
    negative: bool,
    digits: Nat,
    exponent: i64,
}

impl Normal {
    fn sign(&self) -> i32 {
        match (self.digits.is_zero(), self.negative) {
            (true, _) => 0,
            (false, true) => -1,
            (false, false) => 1,
        }
    }

    fn cmp_magnitude(&self, other: &Normal) -> Ordering {
        let lead = |n: &Normal| n.digits.digit_count() as i64 + n.exponent;
        // With equal leading positions and no trailing zeros, comparing the
        // digit strings compares the numbers.
        lead(self)
            .cmp(&lead(other))
            .then_with(|| self.digits.to_string().cmp(&other.digits.to_string()))
    }
}

impl Amount {
    pub(super) fn zero() -> Amount {
        Amount::Int(IntAmount { value: 0, scale: 0 })
    }

    /// The same number as an `inf.Dec`.
    pub(super) fn to_dec(&self) -> DecAmount {
        match self {
            Amount::Int(a) => a.to_dec(),
            Amount::Dec(d) => d.clone(),
        }
    }

    /// -1, 0 or 1.
    pub(super) fn sign(&self) -> i32 {
        match self {
            Amount::Int(a) => a.value.signum() as i32,
            Amount::Dec(d) => d.unscaled.sign(),
        }
    }

    fn normal(&self) -> Normal {
        let (negative, digits, exponent) = match self {
            Amount::Int(a) => {
                let mut magnitude = a.value.unsigned_abs();
                let mut exponent = i64::from(a.scale);
                while magnitude != 0 && magnitude % 10 == 0 {
                    magnitude /= 10;
                    exponent += 1;
                }
                (a.value < 0, Nat::from_u64(magnitude), exponent)
            }
            Amount::Dec(d) => {
                let zeros = d.unscaled.magnitude().trailing_zeros();
                let (digits, _) = d.unscaled.magnitude().div_pow10(zeros as u64);
                (
                    d.unscaled.is_negative(),
                    digits,
                    zeros as i64 - i64::from(d.scale),
                )
            }
        };
        if digits.is_zero() {
            return Normal {
                negative: false,
                digits,
                exponent: 0,
            };
        }
        Normal {
            negative,
            digits,
            exponent,
        }
    }

    /// Exact numeric comparison.
    pub(super) fn cmp(&self, other: &Amount) -> Ordering {
        if let (Amount::Int(a), Amount::Int(b)) = (self, other) {
            if let Some(order) = cmp_int_fast(*a, *b) {
                return order;
            }
        }
        let (a, b) = (self.normal(), other.normal());
        match a.sign().cmp(&b.sign()) {
            Ordering::Equal if a.sign() == 0 => Ordering::Equal,
            Ordering::Equal if a.sign() < 0 => b.cmp_magnitude(&a),
            Ordering::Equal => a.cmp_magnitude(&b),
            unequal => unequal,
        }
    }

    /// Hashes the number, not its representation.
    pub(super) fn hash_value<H: Hasher>(&self, state: &mut H) {
        self.normal().hash(state);
    }

    /// Upstream's `AsInt64`: an `inf.Dec`-backed value never converts.
    pub(super) fn as_i64(&self) -> Option<i64> {
        match self {
            Amount::Int(a) => a.as_i64(),
            Amount::Dec(_) => None,
        }
    }

    /// Upstream's `ScaledValue(0)`: rounded up, wrapping on overflow.
    pub(super) fn value(&self) -> i64 {
        self.scaled_value(0)
    }

    /// Upstream's `ScaledValue(scale)`: the value in units of `10^scale`,
    /// rounded up (`scale` -3 gives `MilliValue()`).
    pub(super) fn scaled_value(&self, scale: i32) -> i64 {
        match self {
            Amount::Int(a) => a.as_scaled_int64(scale).unwrap_or(0),
            Amount::Dec(d) => d.scaled_value(scale.wrapping_neg()),
        }
    }

    /// Upstream's `AsApproximateFloat64`.
    pub(super) fn to_f64(&self) -> f64 {
        let (base, exponent) = match self {
            Amount::Int(a) => (a.value as f64, i64::from(a.scale)),
            Amount::Dec(d) => (d.unscaled.to_f64(), -i64::from(d.scale)),
        };
        if exponent == 0 {
            base
        } else {
            base * go_pow10(exponent)
        }
    }

    /// Upstream's `AsScale(0)` followed by the exactness check: the value
    /// rounded away from zero to an integer, or `None` when that loses
    /// precision.
    pub(super) fn exact_integer(&self) -> Option<Amount> {
        match self {
            Amount::Int(a) if a.scale >= 0 => Some(self.clone()),
            Amount::Int(a) => {
                let (value, exact) = negative_scale(a.value, 0i32.wrapping_sub(a.scale));
                exact.then_some(Amount::Int(IntAmount { value, scale: 0 }))
            }
            Amount::Dec(d) => match d.round_up(0)? {
                (rounded, true) => Some(Amount::Dec(rounded)),
                _ => None,
            },
        }
    }

    /// Upstream's `AsCanonicalBytes`: digits and a power of ten that is a
    /// multiple of three, as large as possible without losing precision.
    pub(super) fn canonical_decimal(&self) -> (String, i32) {
        match self {
            Amount::Int(a) => {
                int_canonical_decimal(*a).unwrap_or_else(|| dec_canonical_decimal(&a.to_dec()))
            }
            Amount::Dec(d) => dec_canonical_decimal(d),
        }
    }

    /// Upstream's `AsCanonicalBase1024Bytes` on an integral value: digits and
    /// a power of 1024. `None` when the value cannot be made integral within
    /// the digit limit.
    pub(super) fn canonical_base1024(&self) -> Option<(String, i32)> {
        let dec = match self {
            Amount::Int(a) => match a.as_scaled_int64(0) {
                Some(value) => {
                    let (rest, times) = remove_int_factors(value, 1024);
                    return Some((rest.to_string(), times));
                }
                None => a.to_dec(),
            },
            Amount::Dec(d) => d.clone(),
        };
        let (rounded, _) = dec.round_up(0)?;
        let mut digits = rounded.unscaled.magnitude().clone();
        let mut times = 0i32;
        while !digits.is_zero() {
            let (quotient, rem) = digits.div_small(1024);
            if rem != 0 {
                break;
            }
            digits = quotient;
            times = times.wrapping_add(1);
        }
        Some((
            BigInt::new(rounded.unscaled.is_negative(), digits).to_string(),
            times,
        ))
    }
}

/// Compares two `int64Amount`s without allocating when their scales are
/// close enough for `i128`.
fn cmp_int_fast(a: IntAmount, b: IntAmount) -> Option<Ordering> {
    let diff = i64::from(a.scale) - i64::from(b.scale);
    let shift = u32::try_from(diff.unsigned_abs())
        .ok()
        .filter(|&n| n <= 18)?;
    let factor = i128::from(pow10_i64(shift));
    let (x, y) = (i128::from(a.value), i128::from(b.value));
    Some(if diff >= 0 {
        (x * factor).cmp(&y)
    } else {
        x.cmp(&(y * factor))
    })
}

fn int_canonical_decimal(a: IntAmount) -> Option<(String, i32)> {
    let (mut mantissa, times) = remove_int_factors(a.value, 10);
    let mut exponent = a.scale.wrapping_add(times);
    match exponent % 3 {
        1 | -2 => {
            mantissa = mantissa.checked_mul(10)?;
            exponent = exponent.wrapping_sub(1);
        }
        2 | -1 => {
            mantissa = mantissa.checked_mul(100)?;
            exponent = exponent.wrapping_sub(2);
        }
        _ => {}
    }
    Some((mantissa.to_string(), exponent))
}

fn dec_canonical_decimal(d: &DecAmount) -> (String, i32) {
    let zeros = d.unscaled.magnitude().trailing_zeros();
    let (mut digits, _) = d.unscaled.magnitude().div_pow10(zeros as u64);
    let mut exponent = d.scale.wrapping_neg().wrapping_add(zeros as i32);
    while exponent % 3 != 0 {
        digits = digits.mul_small(10);
        exponent = exponent.wrapping_sub(1);
    }
    (
        BigInt::new(d.unscaled.is_negative(), digits).to_string(),
        exponent,
    )
}

/// Go's `math.Pow10`: table products, exact to the last bit as upstream.
pub(super) fn go_pow10(n: i64) -> f64 {
    const SMALL: [f64; 32] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28, 1e29, 1e30, 1e31,
    ];
    const BIG: [f64; 10] = [
        1e0, 1e32, 1e64, 1e96, 1e128, 1e160, 1e192, 1e224, 1e256, 1e288,
    ];
    const TINY: [f64; 11] = [
        1e0, 1e-32, 1e-64, 1e-96, 1e-128, 1e-160, 1e-192, 1e-224, 1e-256, 1e-288, 1e-320,
    ];
    if (0..=308).contains(&n) {
        let n = n as usize;
        BIG[n / 32] * SMALL[n % 32]
    } else if (-323..0).contains(&n) {
        let n = n.unsigned_abs() as usize;
        TINY[n / 32] / SMALL[n % 32]
    } else if n > 0 {
        f64::INFINITY
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(value: i64, scale: i32) -> Amount {
        Amount::Int(IntAmount { value, scale })
    }

    #[test]
    fn scaling_helpers_match_upstream() {
        assert_eq!(positive_scale(9, 18), Some(9_000_000_000_000_000_000));
        assert_eq!(positive_scale(10, 18), None);
        assert_eq!(positive_scale(7, -5), Some(7));
        assert_eq!(negative_scale(15, 1), (2, false));
        assert_eq!(negative_scale(-15, 1), (-2, false));
        assert_eq!(negative_scale(5, 40), (1, false));
        assert_eq!(negative_scale(120, 1), (12, true));
        assert_eq!(remove_int_factors(i64::MIN, 1024), (i64::MIN, 0));
        assert_eq!(remove_int_factors(-2048, 1024), (-2, 1));
    }

    #[test]
    fn comparison_is_exact_across_representations() {
        let huge = int(1, 2_000_000_000);
        assert_eq!(huge.cmp(&int(i64::MAX, 0)), Ordering::Greater);
        assert_eq!(
            int(-1, 2_000_000_000).cmp(&int(i64::MIN, 0)),
            Ordering::Less
        );
        assert_eq!(int(1500, -3).cmp(&int(15, -1)), Ordering::Equal);
        let dec = Amount::Dec(DecAmount {
            unscaled: BigInt::from_i64(1_500_000_000),
            scale: 9,
        });
        assert_eq!(dec.cmp(&int(15, -1)), Ordering::Equal);
        assert_eq!(dec.cmp(&int(2, 0)), Ordering::Less);
    }

    #[test]
    fn scaled_value_follows_upstream_rounding() {
        let dec = |v: i64, scale: i32| DecAmount {
            unscaled: BigInt::from_i64(v),
            scale,
        };
        assert_eq!(dec(15, 1).scaled_value(0), 2);
        // The fast path adds one even to negative values: -1.5 becomes 0.
        assert_eq!(dec(-15, 1).scaled_value(0), 0);
        assert_eq!(dec(7, -2).scaled_value(0), 700);
        assert_eq!(int(-15, -1).value(), -2);
        assert_eq!(int(1, 30).value(), 0);
        // MilliValue: thousandths, rounded up.
        assert_eq!(int(100, -3).scaled_value(-3), 100);
        assert_eq!(int(2, 0).scaled_value(-3), 2000);
        assert_eq!(int(15, -1).scaled_value(-3), 1500);
        assert_eq!(int(5, -4).scaled_value(-3), 1);
        assert_eq!(dec(15, 4).scaled_value(3), 2);
        assert_eq!(dec(25, 1).scaled_value(3), 2500);
    }

    #[test]
    fn go_pow10_matches_math_pow10() {
        assert_eq!(go_pow10(0), 1.0);
        assert_eq!(go_pow10(-9), 1e-9);
        assert_eq!(go_pow10(309), f64::INFINITY);
        assert_eq!(go_pow10(-324), 0.0);
        assert!(go_pow10(-323) > 0.0);
    }
}
