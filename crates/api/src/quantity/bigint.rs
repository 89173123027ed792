//! Arbitrary-precision integers for the quantities that do not fit an `i64`
//! (upstream keeps those in an `inf.Dec`, a `big.Int` with a decimal scale).
//!
//! Only what quantities need is here. Digits are stored in base 10^9 so that
//! decimal shifts, trailing-zero counts and printing stay cheap.

use std::cmp::Ordering;
use std::fmt;

/// One limb holds this many decimal digits.
const LIMB_DIGITS: usize = 9;
/// The value one past the largest limb.
const LIMB: u32 = 1_000_000_000;

/// The largest number of decimal digits a value may grow to.
///
/// Upstream has no limit and will happily try to allocate gigabytes for
/// inputs such as `1e2000000000` added to `1`; we refuse instead.
pub(super) const MAX_DIGITS: usize = 10_000;

/// `10^n` for `n` in `0..=9`.
fn small_pow10(n: usize) -> u32 {
    10u32.pow(n as u32)
}

/// A natural number: base-10^9 limbs, least significant first, with no
/// most significant zero limbs (zero has no limbs at all).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub(super) struct Nat {
    limbs: Vec<u32>,
}

impl Nat {
    fn from_limbs(mut limbs: Vec<u32>) -> Nat {
        while limbs.last() == Some(&0) {
            limbs.pop();
        }
        Nat { limbs }
    }

    /// The number `v`.
    pub(super) fn from_u64(mut v: u64) -> Nat {
        let mut limbs = Vec::new();
        while v > 0 {
            limbs.push((v % u64::from(LIMB)) as u32);
            v /= u64::from(LIMB);
        }
        Nat { limbs }
    }

    /// The number written by `digits`, which must all be ASCII digits.
    pub(super) fn from_ascii_digits(digits: &[u8]) -> Nat {
        let limbs = digits
            .rchunks(LIMB_DIGITS)
            .map(|chunk| {
                chunk.iter().fold(0u32, |acc, d| {
                    acc.wrapping_mul(10)
                        .wrapping_add(u32::from(d.wrapping_sub(b'0')))
                })
            })
            .collect();
        Nat::from_limbs(limbs)
    }

    pub(super) fn is_zero(&self) -> bool {
        self.limbs.is_empty()
    }

    /// How many decimal digits the number has (zero has none).
    pub(super) fn digit_count(&self) -> usize {
        match self.limbs.last() {
            None => 0,
            Some(top) => {
                (self.limbs.len() - 1) * LIMB_DIGITS
                    + top.checked_ilog10().map_or(0, |d| d as usize + 1)
            }
        }
    }

    /// How many decimal zeros the number ends with (zero ends with none).
    pub(super) fn trailing_zeros(&self) -> usize {
        let mut count = 0;
        for &limb in &self.limbs {
            if limb == 0 {
                count += LIMB_DIGITS;
                continue;
            }
            let mut rest = limb;
            while rest % 10 == 0 {
                count += 1;
                rest /= 10;
            }
            break;
        }
        count
    }

    /// The number if it fits a `u64`.
    pub(super) fn to_u64(&self) -> Option<u64> {
        self.limbs.iter().rev().try_fold(0u64, |acc, &limb| {
            acc.checked_mul(u64::from(LIMB))?
                .checked_add(u64::from(limb))
        })
    }

    /// The number modulo 2^64.
    pub(super) fn low_u64(&self) -> u64 {
        self.limbs.iter().rev().fold(0u64, |acc, &limb| {
            acc.wrapping_mul(u64::from(LIMB))
                .wrapping_add(u64::from(limb))
        })
    }

    pub(super) fn add(&self, other: &Nat) -> Nat {
        let len = self.limbs.len().max(other.limbs.len());
        let mut limbs = Vec::with_capacity(len + 1);
        let mut carry = 0u32;
        for i in 0..len {
            let a = self.limbs.get(i).copied().unwrap_or(0);
            let b = other.limbs.get(i).copied().unwrap_or(0);
            let sum = a + b + carry;
            carry = u32::from(sum >= LIMB);
            limbs.push(if sum >= LIMB { sum - LIMB } else { sum });
        }
        limbs.push(carry);
        Nat::from_limbs(limbs)
    }

    /// `self - other`; `other` must not be larger than `self`.
    fn sub_smaller(&self, other: &Nat) -> Nat {
        let mut limbs = Vec::with_capacity(self.limbs.len());
        let mut borrow = 0u32;
        for (i, &a) in self.limbs.iter().enumerate() {
            let b = other.limbs.get(i).copied().unwrap_or(0) + borrow;
            if a >= b {
                limbs.push(a - b);
                borrow = 0;
            } else {
                limbs.push(a + LIMB - b);
                borrow = 1;
            }
        }
        Nat::from_limbs(limbs)
    }

    /// `self * factor`.
    pub(super) fn mul_small(&self, factor: u32) -> Nat {
        let mut limbs = Vec::with_capacity(self.limbs.len() + 2);
        let mut carry = 0u64;
        for &limb in &self.limbs {
            let product = u64::from(limb) * u64::from(factor) + carry;
            limbs.push((product % u64::from(LIMB)) as u32);
            carry = product / u64::from(LIMB);
        }
        while carry > 0 {
            limbs.push((carry % u64::from(LIMB)) as u32);
            carry /= u64::from(LIMB);
        }
        Nat::from_limbs(limbs)
    }

    /// `self * 10^k`, or `None` when the result would have more than
    /// [`MAX_DIGITS`] digits.
    pub(super) fn mul_pow10(&self, k: u64) -> Option<Nat> {
        if self.is_zero() {
            return Some(Nat::default());
        }
        let k = usize::try_from(k).ok()?;
        if self.digit_count().checked_add(k)? > MAX_DIGITS {
            return None;
        }
        let mut limbs = vec![0; k / LIMB_DIGITS];
        limbs.extend_from_slice(&self.limbs);
        Some(Nat { limbs }.mul_small(small_pow10(k % LIMB_DIGITS)))
    }

    /// `self / divisor` rounded towards zero, and the remainder.
    pub(super) fn div_small(&self, divisor: u32) -> (Nat, u32) {
        let mut limbs = vec![0; self.limbs.len()];
        let mut rem = 0u64;
        for (i, &limb) in self.limbs.iter().enumerate().rev() {
            let current = rem * u64::from(LIMB) + u64::from(limb);
            limbs[i] = (current / u64::from(divisor)) as u32;
            rem = current % u64::from(divisor);
        }
        (Nat::from_limbs(limbs), rem as u32)
    }

    /// `self / 10^k` rounded towards zero, and whether anything was cut off.
    pub(super) fn div_pow10(&self, k: u64) -> (Nat, bool) {
        let whole_limbs = usize::try_from(k / LIMB_DIGITS as u64).unwrap_or(usize::MAX);
        if whole_limbs >= self.limbs.len() {
            return (Nat::default(), !self.is_zero());
        }
        let inexact = self.limbs[..whole_limbs].iter().any(|&l| l != 0);
        let shifted = Nat::from_limbs(self.limbs[whole_limbs..].to_vec());
        let (quotient, rem) = shifted.div_small(small_pow10((k % LIMB_DIGITS as u64) as usize));
        (quotient, inexact || rem != 0)
    }
}

impl Ord for Nat {
    fn cmp(&self, other: &Nat) -> Ordering {
        self.limbs
            .len()
            .cmp(&other.limbs.len())
            .then_with(|| self.limbs.iter().rev().cmp(other.limbs.iter().rev()))
    }
}

impl PartialOrd for Nat {
    fn partial_cmp(&self, other: &Nat) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Nat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some((top, rest)) = self.limbs.split_last() else {
            return f.write_str("0");
        };
        write!(f, "{top}")?;
        for limb in rest.iter().rev() {
            write!(f, "{limb:09}")?;
        }
        Ok(())
    }
}

/// A signed integer; zero is never negative.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub(super) struct BigInt {
    negative: bool,
    magnitude: Nat,
}

impl BigInt {
    pub(super) fn new(negative: bool, magnitude: Nat) -> BigInt {
        BigInt {
            negative: negative && !magnitude.is_zero(),
            magnitude,
        }
    }

    pub(super) fn from_i64(v: i64) -> BigInt {
        BigInt::new(v < 0, Nat::from_u64(v.unsigned_abs()))
    }

    pub(super) fn is_negative(&self) -> bool {
        self.negative
    }

    pub(super) fn magnitude(&self) -> &Nat {
        &self.magnitude
    }

    /// -1, 0 or 1.
    pub(super) fn sign(&self) -> i32 {
        match (self.negative, self.magnitude.is_zero()) {
            (_, true) => 0,
            (true, false) => -1,
            (false, false) => 1,
        }
    }

    pub(super) fn neg(&self) -> BigInt {
        BigInt::new(!self.negative, self.magnitude.clone())
    }

    pub(super) fn add(&self, other: &BigInt) -> BigInt {
        if self.negative == other.negative {
            return BigInt::new(self.negative, self.magnitude.add(&other.magnitude));
        }
        match self.magnitude.cmp(&other.magnitude) {
            Ordering::Less => {
                BigInt::new(other.negative, other.magnitude.sub_smaller(&self.magnitude))
            }
            _ => BigInt::new(self.negative, self.magnitude.sub_smaller(&other.magnitude)),
        }
    }

    pub(super) fn sub(&self, other: &BigInt) -> BigInt {
        self.add(&other.neg())
    }

    /// The low 64 bits as an `i64`, like Go's `big.Int.Int64` on values that
    /// do not fit.
    pub(super) fn low_i64(&self) -> i64 {
        let low = self.magnitude.low_u64() as i64;
        if self.negative {
            low.wrapping_neg()
        } else {
            low
        }
    }

    /// The nearest `f64` (ties to even), infinite when out of range.
    pub(super) fn to_f64(&self) -> f64 {
        self.to_string().parse().unwrap_or(f64::NAN)
    }
}

impl fmt::Display for BigInt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negative {
            f.write_str("-")?;
        }
        write!(f, "{}", self.magnitude)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nat(s: &str) -> Nat {
        Nat::from_ascii_digits(s.as_bytes())
    }

    #[test]
    fn round_trips_decimal_text() {
        for s in [
            "0",
            "1",
            "999999999",
            "1000000000",
            "123456789012345678901234567890",
        ] {
            assert_eq!(nat(s).to_string(), s);
        }
        assert_eq!(nat("000123").to_string(), "123");
        assert_eq!(nat("1000000000").digit_count(), 10);
        assert_eq!(nat("0").digit_count(), 0);
    }

    #[test]
    fn arithmetic() {
        assert_eq!(nat("999999999").add(&nat("1")).to_string(), "1000000000");
        assert_eq!(
            nat("1000000000").sub_smaller(&nat("1")).to_string(),
            "999999999"
        );
        assert_eq!(
            nat("12").mul_pow10(20).map(|n| n.to_string()),
            Some(format!("12{}", "0".repeat(20)))
        );
        assert_eq!(nat("1").mul_pow10(MAX_DIGITS as u64), None);
        assert_eq!(nat("123456789012").div_pow10(10), (nat("12"), true));
        assert_eq!(nat("120000000000").div_pow10(10), (nat("12"), false));
        assert_eq!(nat("5").div_pow10(u64::MAX), (Nat::default(), true));
        assert_eq!(nat("2048").div_small(1024), (nat("2"), 0));
        assert_eq!(nat("1200000000000").trailing_zeros(), 11);
    }

    #[test]
    fn conversions() {
        assert_eq!(nat("18446744073709551615").to_u64(), Some(u64::MAX));
        assert_eq!(nat("18446744073709551616").to_u64(), None);
        assert_eq!(nat("18446744073709551617").low_u64(), 1);
        assert_eq!(BigInt::from_i64(i64::MIN).low_i64(), i64::MIN);
        assert_eq!(
            BigInt::new(true, nat("9223372036854775809")).low_i64(),
            i64::MAX
        );
        assert_eq!(
            BigInt::from_i64(-5).add(&BigInt::from_i64(3)),
            BigInt::from_i64(-2)
        );
        assert_eq!(BigInt::from_i64(5).sub(&BigInt::from_i64(5)).sign(), 0);
    }
}
