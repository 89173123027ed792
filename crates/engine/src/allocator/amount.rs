//! Exact arithmetic on quantities, as the allocator needs it for counters and
//! consumable capacity: values are whole nano-units (Kubernetes rounds every
//! quantity up to that precision), held in an `i128`.
//!
//! Quantities are read and written through their serialized text, which is
//! what every `Quantity` implementation agrees on.

use crate::quantity::Quantity;

/// A quantity's value in nano-units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Amount(i128);

const NANO_PER_UNIT: i128 = 1_000_000_000;

impl Amount {
    /// Zero.
    pub const ZERO: Amount = Amount(0);

    /// The value of a quantity; an unreadable quantity counts as zero.
    pub fn of(quantity: &Quantity) -> Amount {
        match serde_json::to_value(quantity) {
            Ok(serde_json::Value::String(text)) => parse(&text).unwrap_or_default(),
            Ok(serde_json::Value::Number(number)) => parse(&number.to_string()).unwrap_or_default(),
            _ => Amount::ZERO,
        }
    }

    /// The sum, saturating at the bounds.
    pub fn plus(self, other: Amount) -> Amount {
        Amount(self.0.saturating_add(other.0))
    }

    /// The difference, saturating at the bounds.
    pub fn minus(self, other: Amount) -> Amount {
        Amount(self.0.saturating_sub(other.0))
    }

    /// The value rounded up to a whole number, clamped to `i64` (as
    /// Kubernetes' `Quantity.Value`).
    pub fn whole_ceil(self) -> i64 {
        let whole =
            self.0.div_euclid(NANO_PER_UNIT) + i128::from(self.0.rem_euclid(NANO_PER_UNIT) != 0);
        whole.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
    }

    /// A whole number as an amount.
    pub fn from_whole(value: i64) -> Amount {
        Amount(i128::from(value) * NANO_PER_UNIT)
    }

    /// True for zero.
    pub fn is_zero(self) -> bool {
        self.0 == 0
    }
}

/// A whole number as a Quantity in Kubernetes' binary-SI canonical form
/// (`2Ki`, `1536`, `3`), as `resource.NewQuantity(value, BinarySI)` prints.
pub(crate) fn binary_quantity(value: i64) -> Quantity {
    let text = binary_text(value);
    serde_json::from_value(serde_json::Value::String(text)).unwrap_or_default()
}

fn binary_text(value: i64) -> String {
    const SUFFIXES: [&str; 6] = ["Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
    if value.unsigned_abs() < 1024 {
        return value.to_string();
    }
    let mut mantissa = value;
    let mut exponent = 0;
    while exponent < SUFFIXES.len() && mantissa % 1024 == 0 {
        mantissa /= 1024;
        exponent += 1;
    }
    match exponent {
        0 => value.to_string(),
        n => format!("{mantissa}{}", SUFFIXES[n - 1]),
    }
}

/// Parses Kubernetes quantity text into nano-units, rounding away from zero
/// below a nano-unit. None for text that is not a quantity.
fn parse(text: &str) -> Option<Amount> {
    let text = text.trim();
    let (negative, rest) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let number_end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    let (number, suffix) = rest.split_at(number_end);
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if whole.is_empty() && fraction.is_empty() {
        return None;
    }
    // Base-10 exponent or base-2 exponent of the suffix.
    let (decimal_exponent, binary_exponent): (i32, u32) = match suffix {
        "" => (0, 0),
        "n" => (-9, 0),
        "u" => (-6, 0),
        "m" => (-3, 0),
        "k" => (3, 0),
        "M" => (6, 0),
        "G" => (9, 0),
        "T" => (12, 0),
        "P" => (15, 0),
        "E" => (18, 0),
        "Ki" => (0, 10),
        "Mi" => (0, 20),
        "Gi" => (0, 30),
        "Ti" => (0, 40),
        "Pi" => (0, 50),
        "Ei" => (0, 60),
        other => {
            let exponent = other.strip_prefix(['e', 'E'])?;
            (exponent.parse::<i32>().ok()?, 0)
        }
    };
    // digits * 10^(scale) where scale counts the fraction digits.
    let digits: String = whole.chars().chain(fraction.chars()).collect();
    let digits = digits.trim_start_matches('0');
    let mut mantissa: i128 = if digits.is_empty() {
        0
    } else {
        digits.parse().ok()?
    };
    let binary = 1i128.checked_shl(binary_exponent)?;
    mantissa = mantissa.checked_mul(binary)?;
    // Shift to nano-units: exponent 9 plus the suffix minus the fraction digits.
    let shift = 9 + decimal_exponent - fraction.len() as i32;
    let value = if shift >= 0 {
        let factor = 10i128.checked_pow(shift as u32)?;
        mantissa.checked_mul(factor)?
    } else {
        let divisor = 10i128.checked_pow(shift.unsigned_abs())?;
        mantissa / divisor + i128::from(mantissa % divisor != 0)
    };
    Some(Amount(if negative { -value } else { value }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_suffixes() {
        assert_eq!(parse("1Gi"), Some(Amount(1 << 30).times_nano()));
        assert_eq!(parse("1G"), Some(Amount(1_000_000_000).times_nano()));
        assert_eq!(parse("1.5"), Some(Amount(1_500_000_000)));
        assert_eq!(parse("100m"), Some(Amount(100_000_000)));
        assert_eq!(parse("1e3"), Some(Amount(1000).times_nano()));
        assert_eq!(parse("-2k"), Some(Amount(-2000).times_nano()));
        assert_eq!(parse("0.0000000001"), Some(Amount(1)));
        assert_eq!(parse("abc"), None);
        assert_eq!(parse("1Qi"), None);
    }

    #[test]
    fn rounds_and_prints() {
        assert_eq!(parse("1.2").unwrap().whole_ceil(), 2);
        assert_eq!(parse("3").unwrap().whole_ceil(), 3);
        assert_eq!(binary_text(2), "2");
        assert_eq!(binary_text(2048), "2Ki");
        assert_eq!(binary_text(1536), "1536");
        assert_eq!(binary_text(3 << 30), "3Gi");
    }

    impl Amount {
        fn times_nano(self) -> Amount {
            Amount(self.0 * NANO_PER_UNIT)
        }
    }
}
