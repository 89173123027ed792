//! TEMPORARY stand-ins for `crate::quantity::Quantity` and
//! `crate::semver::Version`, which are being written on another branch.
//! Only what the CEL libraries need, with the planned API; replaced by the
//! real types when that branch is merged.

use std::cmp::Ordering;
use std::fmt;

/// Stand-in for resource.Quantity: the value in units of 10^-9, exactly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quantity {
    nanos: i128,
    text: String,
}

const REGEX_ERROR: &str =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

impl Quantity {
    pub fn parse(s: &str) -> Result<Quantity, String> {
        let bytes = s.as_bytes();
        let mut i = 0;
        let mut neg = false;
        if i < bytes.len() && (bytes[i] == b'+' || bytes[i] == b'-') {
            neg = bytes[i] == b'-';
            i += 1;
        }
        let num_start = i;
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
            i += 1;
        }
        let num = &s[num_start..i];
        if num.is_empty() || num.matches('.').count() > 1 {
            return Err(REGEX_ERROR.to_string());
        }
        let suffix = &s[i..];
        if !suffix
            .chars()
            .all(|c| "eEinumkKMGTP+-0123456789".contains(c))
        {
            return Err(REGEX_ERROR.to_string());
        }
        let (int_part, frac_part) = match num.split_once('.') {
            Some((a, b)) => (a, b),
            None => (num, ""),
        };
        let mut digits: i128 = 0;
        let mut scale: i32 = 0;
        for c in int_part.chars().chain(frac_part.chars()) {
            digits = digits
                .checked_mul(10)
                .and_then(|d| d.checked_add((c as u8 - b'0') as i128))
                .ok_or("quantity too large")?;
        }
        scale -= frac_part.len() as i32;
        let (mul2, exp10): (u32, i32) = match suffix {
            "" => (0, 0),
            "n" => (0, -9),
            "u" => (0, -6),
            "m" => (0, -3),
            "k" => (0, 3),
            "M" => (0, 6),
            "G" => (0, 9),
            "T" => (0, 12),
            "P" => (0, 15),
            "E" => (0, 18),
            "Ki" => (10, 0),
            "Mi" => (20, 0),
            "Gi" => (30, 0),
            "Ti" => (40, 0),
            "Pi" => (50, 0),
            "Ei" => (60, 0),
            other => {
                let rest = other
                    .strip_prefix('e')
                    .or_else(|| other.strip_prefix('E'))
                    .ok_or("unable to parse quantity's suffix")?;
                let e: i32 = rest
                    .parse()
                    .map_err(|_| "unable to parse quantity's suffix".to_string())?;
                (0, e)
            }
        };
        let mut v = digits
            .checked_mul(1i128 << mul2)
            .ok_or("quantity too large")?;
        let exp = scale + exp10 + 9;
        if exp >= 0 {
            for _ in 0..exp {
                v = v.checked_mul(10).ok_or("quantity too large")?;
            }
        } else {
            for _ in 0..(-exp) {
                // Round up, as Kubernetes does for sub-nano precision.
                let r = v % 10;
                v /= 10;
                if r != 0 {
                    v += 1;
                }
            }
        }
        if neg {
            v = -v;
        }
        Ok(Quantity {
            nanos: v,
            text: s.to_string(),
        })
    }

    pub fn from_i64(v: i64) -> Quantity {
        Quantity {
            nanos: v as i128 * 1_000_000_000,
            text: v.to_string(),
        }
    }

    pub fn sign(&self) -> i32 {
        self.nanos.signum() as i32
    }

    pub fn is_integer(&self) -> bool {
        self.as_i64().is_some()
    }

    pub fn as_i64(&self) -> Option<i64> {
        if self.nanos % 1_000_000_000 != 0 {
            return None;
        }
        i64::try_from(self.nanos / 1_000_000_000).ok()
    }

    pub fn as_approximate_f64(&self) -> f64 {
        self.nanos as f64 / 1e9
    }

    pub fn checked_add(&self, o: &Quantity) -> Option<Quantity> {
        let nanos = self.nanos.checked_add(o.nanos)?;
        Some(Quantity {
            nanos,
            text: String::new(),
        })
    }

    pub fn checked_sub(&self, o: &Quantity) -> Option<Quantity> {
        let nanos = self.nanos.checked_sub(o.nanos)?;
        Some(Quantity {
            nanos,
            text: String::new(),
        })
    }
}

impl PartialOrd for Quantity {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Quantity {
    fn cmp(&self, other: &Self) -> Ordering {
        self.nanos.cmp(&other.nanos)
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.nanos % 1_000_000_000 == 0 {
            write!(f, "{}", self.nanos / 1_000_000_000)
        } else {
            write!(f, "{}n", self.nanos)
        }
    }
}

/// Stand-in for a blang/semver version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
    pub pre: Vec<String>,
    pub build: Vec<String>,
}

impl Version {
    pub fn parse(s: &str) -> Result<Version, String> {
        if s.is_empty() {
            return Err("Version string empty".into());
        }
        let parts: Vec<&str> = s.splitn(3, '.').collect();
        if parts.len() != 3 {
            return Err("No Major.Minor.Patch elements found".into());
        }
        let num = |p: &str, what: &str| -> Result<u64, String> {
            if !p.chars().all(|c| c.is_ascii_digit()) {
                return Err(format!("Invalid character(s) found in {what} number {p:?}"));
            }
            if p.len() > 1 && p.starts_with('0') {
                let cap = {
                    let mut c = what.chars();
                    match c.next() {
                        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                        None => String::new(),
                    }
                };
                return Err(format!("{cap} number must not contain leading zeroes {p:?}"));
            }
            p.parse::<u64>().map_err(|e| {
                format!("strconv.ParseUint: parsing {p:?}: {}", match e.kind() {
                    std::num::IntErrorKind::Empty => "invalid syntax",
                    _ => "value out of range",
                })
            })
        };
        let major = num(parts[0], "major")?;
        let minor = num(parts[1], "minor")?;
        let mut patch_str = parts[2];
        let mut build = Vec::new();
        let mut pre = Vec::new();
        if let Some((p, b)) = patch_str.split_once('+') {
            patch_str = p;
            if b.is_empty() {
                return Err("Build meta data is empty".into());
            }
            for id in b.split('.') {
                if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                    return Err(format!("Invalid character(s) found in build meta data {id:?}"));
                }
                build.push(id.to_string());
            }
        }
        if let Some((p, r)) = patch_str.split_once('-') {
            patch_str = p;
            if r.is_empty() {
                return Err("Prerelease is empty".into());
            }
            for id in r.split('.') {
                if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                    return Err(format!("Invalid character(s) found in prerelease {id:?}"));
                }
                if id.chars().all(|c| c.is_ascii_digit()) && id.len() > 1 && id.starts_with('0') {
                    return Err(format!(
                        "Numeric PreRelease version must not contain leading zeroes {id:?}"
                    ));
                }
                pre.push(id.to_string());
            }
        }
        let patch = num(patch_str, "patch")?;
        Ok(Version {
            major,
            minor,
            patch,
            pre,
            build,
        })
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Version {
    fn cmp(&self, o: &Self) -> Ordering {
        let c = (self.major, self.minor, self.patch).cmp(&(o.major, o.minor, o.patch));
        if c != Ordering::Equal {
            return c;
        }
        match (self.pre.is_empty(), o.pre.is_empty()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Greater,
            (false, true) => return Ordering::Less,
            _ => {}
        }
        for (a, b) in self.pre.iter().zip(&o.pre) {
            let an = a.parse::<u64>().ok().filter(|_| a.chars().all(|c| c.is_ascii_digit()));
            let bn = b.parse::<u64>().ok().filter(|_| b.chars().all(|c| c.is_ascii_digit()));
            let c = match (an, bn) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => a.cmp(b),
            };
            if c != Ordering::Equal {
                return c;
            }
        }
        self.pre.len().cmp(&o.pre.len())
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)?;
        if !self.pre.is_empty() {
            write!(f, "-{}", self.pre.join("."))?;
        }
        if !self.build.is_empty() {
            write!(f, "+{}", self.build.join("."))?;
        }
        Ok(())
    }
}

/// Reads the text of the placeholder `crate::quantity::Quantity`.
pub fn placeholder_quantity_text(q: &crate::quantity::Quantity) -> String {
    match serde_json::to_value(q) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}
