//! Reading quantity strings the way upstream's `resource.ParseQuantity` does.

use super::amount::{Amount, DecAmount, IntAmount};
use super::bigint::{BigInt, Nat, MAX_DIGITS};
use super::{ErrorKind, Format, QuantityError};

/// What a successful parse produces: the value, the format to print it in,
/// and the input itself when upstream keeps it as the printed form.
pub(super) struct Parsed {
    pub(super) amount: Amount,
    pub(super) format: Format,
    pub(super) cached: Option<String>,
}

/// The pieces the scanner cuts a quantity string into.
struct Pieces<'a> {
    positive: bool,
    /// The number as written (sign, digits, point), without the suffix.
    value: &'a [u8],
    /// Integer digits without leading zeros, `"0"` when there are none.
    num: &'a [u8],
    /// Fraction digits.
    denom: &'a [u8],
    suffix: &'a [u8],
}

/// Bytes that may start a suffix.
const SUFFIX_BYTES: &[u8] = b"eEinumkKMGTP";

fn err(kind: ErrorKind) -> QuantityError {
    QuantityError { kind }
}

/// Upstream's `parseQuantityString`. It is more lenient than its documented
/// grammar: a lone sign or point reads as zero, `"1."` and `"1.G"` are fine.
fn scan(s: &[u8]) -> Result<Pieces<'_>, QuantityError> {
    let end = s.len();
    let mut pieces = Pieces {
        positive: true,
        value: b"0",
        num: b"0",
        denom: b"",
        suffix: b"",
    };
    let mut pos = 0;
    match s.first() {
        Some(b'-') => {
            pieces.positive = false;
            pos = 1;
        }
        Some(b'+') => pos = 1,
        _ => {}
    }
    while pos < end && s[pos] == b'0' {
        pos += 1;
    }
    if pos == end {
        return Ok(pieces);
    }

    let num_start = pos;
    while pos < end && s[pos].is_ascii_digit() {
        pos += 1;
    }
    if pos == end {
        pieces.num = &s[num_start..];
        pieces.value = s;
        return Ok(pieces);
    }
    if pos > num_start {
        pieces.num = &s[num_start..pos];
    }

    if s[pos] == b'.' {
        pos += 1;
        let denom_start = pos;
        while pos < end && s[pos].is_ascii_digit() {
            pos += 1;
        }
        pieces.denom = &s[denom_start..pos];
        if pos == end {
            pieces.value = s;
            return Ok(pieces);
        }
    }
    pieces.value = &s[..pos];

    let suffix_start = pos;
    while pos < end && SUFFIX_BYTES.contains(&s[pos]) {
        pos += 1;
    }
    if pos < end && (s[pos] == b'-' || s[pos] == b'+') {
        pos += 1;
    }
    while pos < end && s[pos].is_ascii_digit() {
        pos += 1;
    }
    if pos < end {
        return Err(err(ErrorKind::Format));
    }
    pieces.suffix = &s[suffix_start..];
    Ok(pieces)
}

/// The base (10 or 2), power and format a suffix stands for.
fn interpret(suffix: &[u8]) -> Option<(u32, i32, Format)> {
    let decimal = |exponent| Some((10, exponent, Format::DecimalSI));
    let binary = |exponent| Some((2, exponent, Format::BinarySI));
    match suffix {
        b"" => decimal(0),
        b"n" => decimal(-9),
        b"u" => decimal(-6),
        b"m" => decimal(-3),
        b"k" => decimal(3),
        b"M" => decimal(6),
        b"G" => decimal(9),
        b"T" => decimal(12),
        b"P" => decimal(15),
        b"E" => decimal(18),
        b"Ki" => binary(10),
        b"Mi" => binary(20),
        b"Gi" => binary(30),
        b"Ti" => binary(40),
        b"Pi" => binary(50),
        b"Ei" => binary(60),
        [b'e' | b'E', rest @ ..] if !rest.is_empty() => {
            let exponent: i64 = std::str::from_utf8(rest).ok()?.parse().ok()?;
            // Upstream truncates the parsed int64 to int32.
            Some((10, exponent as i32, Format::DecimalExponent))
        }
        _ => None,
    }
}

/// Parses `s` exactly as upstream's `ParseQuantity`.
pub(super) fn parse(s: &str) -> Result<Parsed, QuantityError> {
    if s.is_empty() {
        return Err(err(ErrorKind::Format));
    }
    if s == "0" {
        return Ok(Parsed {
            amount: Amount::zero(),
            format: Format::DecimalSI,
            cached: Some(s.to_string()),
        });
    }
    let pieces = scan(s.as_bytes())?;
    let (base, exponent, format) = interpret(pieces.suffix).ok_or(err(ErrorKind::Suffix))?;
    if let Some(parsed) = parse_small(s, &pieces, exponent, format)? {
        return Ok(parsed);
    }
    parse_big(&pieces, base, exponent, format)
}

/// The fast path: numbers with few enough digits become an `int64Amount`.
/// `Ok(None)` means the number needs the big representation.
fn parse_small(
    s: &str,
    pieces: &Pieces<'_>,
    exponent: i32,
    format: Format,
) -> Result<Option<Parsed>, QuantityError> {
    // Lengths are truncated to int32 as upstream does.
    let num_len = pieces.num.len() as i32;
    let denom_len = pieces.denom.len() as i32;
    let (mut scale, precision, mantissa) = match format {
        Format::BinarySI if exponent >= 0 && pieces.denom.is_empty() => {
            // Roughly the decimal digits left once the binary power is
            // applied; binary exponents are 10 to 60, so the shift fits.
            let precision = 15i32
                .wrapping_sub(num_len)
                .wrapping_sub(exponent * 3 / 10)
                .wrapping_sub(1);
            (0, precision, 1i64 << exponent)
        }
        Format::BinarySI => (0, -1, 1),
        _ => (
            exponent,
            18i32.wrapping_sub(num_len.wrapping_add(denom_len)),
            1,
        ),
    };
    if precision < 0 {
        return Ok(None);
    }
    scale = scale.wrapping_sub(denom_len);
    if scale < -9 {
        return Ok(None);
    }
    let shifted = [pieces.num, pieces.denom].concat();
    let value: i64 = std::str::from_utf8(&shifted)
        .ok()
        .and_then(|digits| digits.parse().ok())
        .ok_or(err(ErrorKind::Numeric))?;
    let Some(magnitude) = value.checked_mul(mantissa) else {
        return Ok(None);
    };
    // Upstream keeps the input as the printed form when it guesses that it
    // is already canonical (the guess is loose: "007" and "+1" qualify).
    let keep_input = match format {
        Format::BinarySI => exponent % 10 == 0 && value & 0x07 != 0,
        _ => scale % 3 == 0 && !shifted.ends_with(b"000") && shifted.first() != Some(&b'0'),
    };
    Ok(Some(Parsed {
        amount: Amount::Int(IntAmount {
            value: if pieces.positive {
                magnitude
            } else {
                -magnitude
            },
            scale,
        }),
        format,
        cached: keep_input.then(|| s.to_string()),
    }))
}

/// The slow path: an `inf.Dec`, rounded up to nano precision; binary values
/// are capped at the largest int64.
fn parse_big(
    pieces: &Pieces<'_>,
    base: u32,
    exponent: i32,
    mut format: Format,
) -> Result<Parsed, QuantityError> {
    let (negative, mut magnitude, fraction_len) = read_decimal(pieces.value)?;
    let mut scale = fraction_len;
    if base == 10 {
        scale = scale.wrapping_add(exponent.wrapping_neg());
    } else {
        let mut remaining = exponent;
        while remaining > 0 {
            let step = remaining.min(30);
            magnitude = magnitude.mul_small(1 << step);
            remaining -= step;
        }
    }
    let too_large = || err(ErrorKind::TooLarge);
    let mut dec = DecAmount {
        unscaled: BigInt::new(false, magnitude),
        scale,
    };
    if dec.unscaled.sign() != 0 {
        dec = dec.round_up(9).ok_or_else(too_large)?.0;
    }
    if format == Format::BinarySI {
        let max = Amount::Int(IntAmount {
            value: i64::MAX,
            scale: 0,
        });
        let one = Amount::Int(IntAmount { value: 1, scale: 0 });
        let amount = Amount::Dec(dec.clone());
        if amount.cmp(&max).is_gt() {
            dec = IntAmount {
                value: i64::MAX,
                scale: 0,
            }
            .to_dec();
        } else if amount.cmp(&one).is_lt() && amount.sign() > 0 {
            format = Format::DecimalSI;
        }
    }
    if negative {
        dec.unscaled = dec.unscaled.neg();
    }
    Ok(Parsed {
        amount: Amount::Dec(dec),
        format,
        cached: None,
    })
}

/// Reads `[sign]digits[.digits]` as `inf.Dec.SetString` does: the sign, the
/// digits as one number, and how many of them follow the point.
fn read_decimal(text: &[u8]) -> Result<(bool, Nat, i32), QuantityError> {
    let (negative, unsigned) = match text {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, text),
    };
    let (int_part, fraction) = match unsigned.iter().position(|&b| b == b'.') {
        Some(point) => (&unsigned[..point], &unsigned[point + 1..]),
        None => (unsigned, &[][..]),
    };
    let digits = [int_part, fraction].concat();
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return Err(err(ErrorKind::Numeric));
    }
    if digits.len() > MAX_DIGITS {
        return Err(err(ErrorKind::TooLarge));
    }
    Ok((
        negative,
        Nat::from_ascii_digits(&digits),
        fraction.len() as i32,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scanner_is_as_lenient_as_upstream() {
        for zero in ["-", "+", ".", "-.", "000", "+0."] {
            let pieces = scan(zero.as_bytes()).expect(zero);
            assert_eq!(pieces.num, b"0", "{zero}");
        }
        let pieces = scan(b"-012.50Mi").expect("valid");
        assert!(!pieces.positive);
        assert_eq!(
            (pieces.value, pieces.num, pieces.denom, pieces.suffix),
            (&b"-012.50"[..], &b"12"[..], &b"50"[..], &b"Mi"[..])
        );
        assert!(scan(b"1e3.5").is_err());
        assert!(scan(b"1Ki1").is_ok(), "rejected later, by the suffix");
    }

    #[test]
    fn suffixes() {
        assert_eq!(interpret(b"E"), Some((10, 18, Format::DecimalSI)));
        assert_eq!(interpret(b"e+3"), Some((10, 3, Format::DecimalExponent)));
        assert_eq!(interpret(b"E-3"), Some((10, -3, Format::DecimalExponent)));
        assert_eq!(
            interpret(b"e4294967297"),
            Some((10, 1, Format::DecimalExponent))
        );
        assert_eq!(interpret(b"e"), None);
        assert_eq!(interpret(b"e-"), None);
        assert_eq!(interpret(b"Mm"), None);
    }

    #[test]
    fn numbers_without_digits_fail_in_the_slow_path() {
        let error = parse("-.e-20").err().map(|e| e.kind);
        assert_eq!(error, Some(ErrorKind::Numeric));
    }

    #[test]
    fn absurd_sizes_are_refused_not_computed() {
        let error = parse("12345678901234567890e2000000000")
            .err()
            .map(|e| e.kind);
        assert_eq!(error, Some(ErrorKind::TooLarge));
        assert!(parse("1e2000000000").is_ok(), "small mantissas stay cheap");
    }
}
