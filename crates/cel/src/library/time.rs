//! Durations and timestamps: arithmetic with cel-go's overflow checks,
//! Go's duration and RFC 3339 syntax, and the accessor functions
//! (`getFullYear`, `getHours`, ...) in UTC or at a fixed offset.

use crate::cost::Cost;
use crate::env::decls::Function;
use crate::eval::values::{EvalError, EvalResult, Value};

/// A duration in nanoseconds (Go's time.Duration).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Duration(pub i64);

/// A UTC timestamp: seconds since the epoch and nanoseconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    pub secs: i64,
    pub nanos: u32,
}

const MIN_UNIX: i64 = -62_135_596_800;
const MAX_UNIX: i64 = 253_402_300_799;
const NANOS: i64 = 1_000_000_000;

fn duration_overflow() -> EvalError {
    EvalError::new("duration overflow")
}

fn timestamp_overflow() -> EvalError {
    EvalError::new("timestamp overflow")
}

pub fn check_timestamp(t: Timestamp) -> Result<Timestamp, EvalError> {
    if t.secs < MIN_UNIX || t.secs > MAX_UNIX {
        Err(timestamp_overflow())
    } else {
        Ok(t)
    }
}

pub fn add_durations(a: Duration, b: Duration) -> Result<Duration, EvalError> {
    a.0.checked_add(b.0)
        .map(Duration)
        .ok_or_else(duration_overflow)
}

pub fn sub_durations(a: Duration, b: Duration) -> Result<Duration, EvalError> {
    a.0.checked_sub(b.0)
        .map(Duration)
        .ok_or_else(duration_overflow)
}

pub fn negate_duration(a: Duration) -> Result<Duration, EvalError> {
    a.0.checked_neg()
        .map(Duration)
        .ok_or_else(duration_overflow)
}

fn total_nanos(t: Timestamp) -> i128 {
    t.secs as i128 * NANOS as i128 + t.nanos as i128
}

fn from_total_nanos(n: i128) -> Timestamp {
    let secs = n.div_euclid(NANOS as i128) as i64;
    let nanos = n.rem_euclid(NANOS as i128) as u32;
    Timestamp { secs, nanos }
}

pub fn add_timestamp(t: Timestamp, d: Duration) -> Result<Timestamp, EvalError> {
    check_timestamp(from_total_nanos(total_nanos(t) + d.0 as i128))
        .map_err(|_| timestamp_overflow())
}

pub fn sub_timestamp(t: Timestamp, d: Duration) -> Result<Timestamp, EvalError> {
    check_timestamp(from_total_nanos(total_nanos(t) - d.0 as i128))
        .map_err(|_| timestamp_overflow())
}

pub fn diff_timestamps(a: Timestamp, b: Timestamp) -> Result<Duration, EvalError> {
    let d = total_nanos(a) - total_nanos(b);
    i64::try_from(d)
        .map(Duration)
        .map_err(|_| duration_overflow())
}

/// `string(duration)`: seconds with the shortest fraction, plus "s".
pub fn duration_string(d: Duration) -> String {
    let secs = d.0 / NANOS;
    let nanos = d.0 % NANOS;
    let f = secs as f64 + nanos as f64 / 1e9;
    format!("{f}s")
}

/// Days since 1970-01-01 of a civil date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// RFC 3339 with nanoseconds, trailing zeros removed, `Z` for UTC.
pub fn timestamp_string(t: Timestamp) -> String {
    let days = t.secs.div_euclid(86_400);
    let rem = t.secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let mut s = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        y,
        m,
        d,
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    );
    if t.nanos != 0 {
        let frac = format!("{:09}", t.nanos);
        s.push('.');
        s.push_str(frac.trim_end_matches('0'));
    }
    s.push('Z');
    s
}

fn digits(s: &[u8], n: usize) -> Option<i64> {
    if s.len() < n || !s[..n].iter().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut v = 0i64;
    for c in &s[..n] {
        v = v * 10 + (c - b'0') as i64;
    }
    Some(v)
}

/// Go's `time.Parse(time.RFC3339, s)`.
pub fn parse_rfc3339(s: &str) -> Option<Timestamp> {
    let b = s.as_bytes();
    let y = digits(b, 4)?;
    if b.get(4) != Some(&b'-') {
        return None;
    }
    let mo = digits(&b[5..], 2)?;
    if b.get(7) != Some(&b'-') {
        return None;
    }
    let d = digits(&b[8..], 2)?;
    if b.get(10) != Some(&b'T') {
        return None;
    }
    let h = digits(&b[11..], 2)?;
    if b.get(13) != Some(&b':') {
        return None;
    }
    let mi = digits(&b[14..], 2)?;
    if b.get(16) != Some(&b':') {
        return None;
    }
    let sec = digits(&b[17..], 2)?;
    let mut i = 19;
    let mut nanos = 0u32;
    if b.get(i) == Some(&b'.') || b.get(i) == Some(&b',') {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return None;
        }
        let frac = &s[start..i];
        let mut n = 0u64;
        for (k, c) in frac.bytes().enumerate() {
            if k < 9 {
                n = n * 10 + (c - b'0') as u64;
            }
        }
        for _ in frac.len()..9 {
            n *= 10;
        }
        nanos = n as u32;
    }
    let offset = match b.get(i) {
        Some(b'Z') if i + 1 == b.len() => 0,
        Some(c @ (b'+' | b'-')) => {
            let oh = digits(&b[i + 1..], 2)?;
            if b.get(i + 3) != Some(&b':') {
                return None;
            }
            let om = digits(&b[i + 4..], 2)?;
            if i + 6 != b.len() || oh > 23 || om > 59 {
                return None;
            }
            let o = oh * 3600 + om * 60;
            if *c == b'-' {
                -o
            } else {
                o
            }
        }
        _ => return None,
    };
    if !(1..=12).contains(&mo) || h > 23 || mi > 59 || sec > 59 {
        return None;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let mdays = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if d < 1 || d > mdays[(mo - 1) as usize] {
        return None;
    }
    let secs = days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + sec - offset;
    Some(Timestamp { secs, nanos })
}

/// Go's `time.ParseDuration`.
pub fn parse_duration(s: &str) -> Option<Duration> {
    let mut rest = s;
    let mut neg = false;
    if let Some(r) = rest.strip_prefix('-') {
        neg = true;
        rest = r;
    } else if let Some(r) = rest.strip_prefix('+') {
        rest = r;
    }
    if rest == "0" {
        return Some(Duration(0));
    }
    if rest.is_empty() {
        return None;
    }
    let mut total: u128 = 0;
    while !rest.is_empty() {
        let b = rest.as_bytes();
        let mut i = 0;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let int_part = &rest[..i];
        let mut frac_part = "";
        if i < b.len() && b[i] == b'.' {
            let start = i + 1;
            i += 1;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            frac_part = &rest[start..i];
        }
        if int_part.is_empty() && frac_part.is_empty() {
            return None;
        }
        let unit_start = i;
        while i < b.len() && !b[i].is_ascii_digit() && b[i] != b'.' {
            i += 1;
        }
        let unit = &rest[unit_start..i];
        let scale: u128 = match unit {
            "ns" => 1,
            "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => return None,
        };
        let iv: u128 = if int_part.is_empty() {
            0
        } else {
            int_part.parse().ok()?
        };
        let mut v = iv.checked_mul(scale)?;
        if !frac_part.is_empty() {
            let mut f = 0f64;
            let mut sc = 1f64;
            for c in frac_part.bytes() {
                f = f * 10.0 + (c - b'0') as f64;
                sc *= 10.0;
            }
            v += (f * (scale as f64 / sc)) as u128;
        }
        total = total.checked_add(v)?;
        if total > 1u128 << 63 {
            return None;
        }
        rest = &rest[i..];
    }
    if neg {
        if total > 1u128 << 63 {
            return None;
        }
        Some(Duration((total as i128).wrapping_neg() as i64))
    } else {
        if total > i64::MAX as u128 {
            return None;
        }
        Some(Duration(total as i64))
    }
}

/// The offset in seconds of a time zone argument: `UTC`, or `±hh:mm`.
fn zone_offset(tz: &str) -> Result<i64, EvalError> {
    if let Some(i) = tz.find(':') {
        let hr: i64 = tz[..i].parse().map_err(|_| {
            EvalError::new(format!(
                "strconv.Atoi: parsing {:?}: invalid syntax",
                &tz[..i]
            ))
        })?;
        let min: i64 = tz[i + 1..].parse().map_err(|_| {
            EvalError::new(format!(
                "strconv.Atoi: parsing {:?}: invalid syntax",
                &tz[i + 1..]
            ))
        })?;
        let off = if tz.starts_with('-') {
            hr * 60 - min
        } else {
            hr * 60 + min
        };
        return Ok(off * 60);
    }
    match tz {
        "" | "UTC" | "Etc/UTC" | "GMT" | "Etc/GMT" | "Zulu" | "UCT" | "Universal" => Ok(0),
        other => Err(EvalError::new(format!("unknown time zone {other}"))),
    }
}

struct Parts {
    year: i64,
    month: i64,
    day: i64,
    yday: i64,
    wday: i64,
    hour: i64,
    minute: i64,
    second: i64,
    millis: i64,
}

fn parts(t: Timestamp, offset: i64) -> Parts {
    let secs = t.secs + offset;
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    Parts {
        year: y,
        month: m,
        day: d,
        yday: days - days_from_civil(y, 1, 1),
        wday: (days + 4).rem_euclid(7),
        hour: rem / 3600,
        minute: (rem % 3600) / 60,
        second: rem % 60,
        millis: t.nanos as i64 / 1_000_000,
    }
}

fn ts_part<'a>(a: &[Value<'a>], pick: fn(&Parts) -> i64) -> EvalResult<'a> {
    let Value::Timestamp(t) = &a[0] else {
        return Err(EvalError::no_such_overload());
    };
    let offset = match a.get(1) {
        Some(Value::String(tz)) => zone_offset(tz.as_str())?,
        Some(_) => return Err(EvalError::no_such_overload()),
        None => 0,
    };
    Ok(Value::Int(pick(&parts(*t, offset))))
}

fn dur_part<'a>(a: &[Value<'a>], div: i64) -> EvalResult<'a> {
    match &a[0] {
        Value::Duration(d) => Ok(Value::Int(d.0 / div)),
        _ => Err(EvalError::no_such_overload()),
    }
}

macro_rules! ts_fn {
    ($name:ident, $body:expr) => {
        fn $name<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
            ts_part(a, $body)
        }
    };
}

ts_fn!(full_year, |p| p.year);
ts_fn!(month, |p| p.month - 1);
ts_fn!(day_of_year, |p| p.yday);
ts_fn!(day_of_month0, |p| p.day - 1);
ts_fn!(day_of_month1, |p| p.day);
ts_fn!(day_of_week, |p| p.wday);
ts_fn!(hours, |p| p.hour);
ts_fn!(minutes, |p| p.minute);
ts_fn!(seconds, |p| p.second);
ts_fn!(millis, |p| p.millis);

fn d_hours<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    dur_part(a, 3_600_000_000_000)
}
fn d_minutes<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    dur_part(a, 60_000_000_000)
}
fn d_seconds<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    dur_part(a, 1_000_000_000)
}
fn d_millis<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    dur_part(a, 1_000_000)
}

pub fn functions() -> Vec<Function> {
    let ts = |name: &'static str, base: &'static str, imp: crate::env::decls::Fun| {
        let with_tz: &'static str = Box::leak(format!("{base}_with_tz").into_boxed_str());
        Function::new(name, Cost::Fixed(1))
            .member(base, "timestamp -> int", Some(imp))
            .member(with_tz, "timestamp, string -> int", Some(imp))
    };
    vec![
        ts("getFullYear", "timestamp_to_year", full_year),
        ts("getMonth", "timestamp_to_month", month),
        ts("getDayOfYear", "timestamp_to_day_of_year", day_of_year),
        ts("getDayOfMonth", "timestamp_to_day_of_month", day_of_month0),
        ts(
            "getDate",
            "timestamp_to_day_of_month_1_based",
            day_of_month1,
        ),
        ts("getDayOfWeek", "timestamp_to_day_of_week", day_of_week),
        ts("getHours", "timestamp_to_hours", hours).member(
            "duration_to_hours",
            "duration -> int",
            Some(d_hours),
        ),
        ts("getMinutes", "timestamp_to_minutes", minutes).member(
            "duration_to_minutes",
            "duration -> int",
            Some(d_minutes),
        ),
        ts("getSeconds", "timestamp_to_seconds", seconds).member(
            "duration_to_seconds",
            "duration -> int",
            Some(d_seconds),
        ),
        ts("getMilliseconds", "timestamp_to_milliseconds", millis).member(
            "duration_to_milliseconds",
            "duration -> int",
            Some(d_millis),
        ),
    ]
}
