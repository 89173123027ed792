//! Semantic versions as the Kubernetes CEL semver library reads them: the
//! parser and precedence of github.com/blang/semver/v4, plus the library's
//! `normalize` option.
//!
//! DRA device attributes of type version are parsed with the strict
//! [`Version::parse`].

use std::cmp::Ordering;
use std::fmt::{self, Write};
use std::hash::{Hash, Hasher};

/// Why a version string was rejected; the message is upstream's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SemverError {
    message: String,
}

impl SemverError {
    fn new(message: impl Into<String>) -> SemverError {
        SemverError {
            message: message.into(),
        }
    }
}

impl fmt::Display for SemverError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SemverError {}

/// One dot-separated pre-release identifier.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Prerelease {
    /// Digits only, compared by value.
    Numeric(u64),
    /// Anything else, compared byte-wise; sorts after every numeric one.
    Alphanumeric(String),
}

impl Ord for Prerelease {
    fn cmp(&self, other: &Prerelease) -> Ordering {
        match (self, other) {
            (Prerelease::Numeric(a), Prerelease::Numeric(b)) => a.cmp(b),
            (Prerelease::Numeric(_), Prerelease::Alphanumeric(_)) => Ordering::Less,
            (Prerelease::Alphanumeric(_), Prerelease::Numeric(_)) => Ordering::Greater,
            (Prerelease::Alphanumeric(a), Prerelease::Alphanumeric(b)) => a.cmp(b),
        }
    }
}

impl PartialOrd for Prerelease {
    fn partial_cmp(&self, other: &Prerelease) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Prerelease {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Prerelease::Numeric(n) => write!(f, "{n}"),
            Prerelease::Alphanumeric(s) => f.write_str(s),
        }
    }
}

/// A semantic version.
///
/// Equality, ordering and hashing follow semver precedence (blang's
/// `Compare`): build metadata is ignored, so `1.0.0+a == 1.0.0+b`.
///
/// CEL's `major()`, `minor()` and `patch()` return these numbers converted
/// to `int` with wrap-around (`as i64`), as upstream does.
#[derive(Clone, Debug)]
pub struct Version {
    /// The major number.
    pub major: u64,
    /// The minor number.
    pub minor: u64,
    /// The patch number.
    pub patch: u64,
    /// Pre-release identifiers (after `-`), empty for a release.
    pub pre: Vec<Prerelease>,
    /// Build metadata identifiers (after `+`); no effect on precedence.
    pub build: Vec<String>,
}

/// Letters, digits and `-`: the characters identifiers may contain.
fn is_alphanumeric(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

fn is_numeric(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

fn has_leading_zero(s: &str) -> bool {
    s.len() > 1 && s.starts_with('0')
}

/// Go's `strconv.ParseUint(s, 10, 64)` on a string of digits, with its
/// error text.
fn parse_u64(s: &str) -> Result<u64, SemverError> {
    s.parse().map_err(|_| {
        let reason = if s.is_empty() {
            "invalid syntax"
        } else {
            "value out of range"
        };
        SemverError::new(format!(
            "strconv.ParseUint: parsing {}: {reason}",
            go_quote(s)
        ))
    })
}

/// Reads the major, minor or patch number (`name` is capitalised).
fn parse_part(s: &str, name: &str) -> Result<u64, SemverError> {
    if !is_numeric(s) {
        return Err(SemverError::new(format!(
            "Invalid character(s) found in {} number {}",
            name.to_lowercase(),
            go_quote(s)
        )));
    }
    if has_leading_zero(s) {
        return Err(SemverError::new(format!(
            "{name} number must not contain leading zeroes {}",
            go_quote(s)
        )));
    }
    parse_u64(s)
}

fn parse_prerelease(s: &str) -> Result<Prerelease, SemverError> {
    if s.is_empty() {
        return Err(SemverError::new("Prerelease is empty"));
    }
    if is_numeric(s) {
        if has_leading_zero(s) {
            return Err(SemverError::new(format!(
                "Numeric PreRelease version must not contain leading zeroes {}",
                go_quote(s)
            )));
        }
        return parse_u64(s).map(Prerelease::Numeric);
    }
    if is_alphanumeric(s) {
        return Ok(Prerelease::Alphanumeric(s.to_string()));
    }
    Err(SemverError::new(format!(
        "Invalid character(s) found in prerelease {}",
        go_quote(s)
    )))
}

fn parse_build(s: &str) -> Result<String, SemverError> {
    if s.is_empty() {
        return Err(SemverError::new("Build meta data is empty"));
    }
    if !is_alphanumeric(s) {
        return Err(SemverError::new(format!(
            "Invalid character(s) found in build meta data {}",
            go_quote(s)
        )));
    }
    Ok(s.to_string())
}

impl Version {
    /// Strict parsing, as blang's `semver.Parse` (CEL `semver(s)`): exactly
    /// `MAJOR.MINOR.PATCH[-PRE][+BUILD]`, no leading zeros, no `v`.
    pub fn parse(s: &str) -> Result<Version, SemverError> {
        if s.is_empty() {
            return Err(SemverError::new("Version string empty"));
        }
        let parts: Vec<&str> = s.splitn(3, '.').collect();
        let [major, minor, rest] = parts[..] else {
            return Err(SemverError::new("No Major.Minor.Patch elements found"));
        };
        let major = parse_part(major, "Major")?;
        let minor = parse_part(minor, "Minor")?;
        let (rest, build) = match rest.split_once('+') {
            Some((rest, build)) => (rest, Some(build)),
            None => (rest, None),
        };
        let (patch, pre) = match rest.split_once('-') {
            Some((patch, pre)) => (patch, Some(pre)),
            None => (rest, None),
        };
        let patch = parse_part(patch, "Patch")?;
        let pre = pre.map_or(Ok(Vec::new()), |pre| {
            pre.split('.').map(parse_prerelease).collect()
        })?;
        let build = build.map_or(Ok(Vec::new()), |build| {
            build.split('.').map(parse_build).collect()
        })?;
        Ok(Version {
            major,
            minor,
            patch,
            pre,
            build,
        })
    }

    /// The lenient parsing of CEL `semver(s, true)`: drops one leading `v`,
    /// drops leading zeros of the first three dot-separated parts, and pads
    /// `1` or `1.2` to three parts (such short forms may not carry `-` or
    /// `+`), then parses strictly.
    pub fn parse_normalized(s: &str) -> Result<Version, SemverError> {
        let s = s.strip_prefix('v').unwrap_or(s);
        let mut parts: Vec<String> = s
            .splitn(3, '.')
            .map(|part| {
                if part.len() <= 1 {
                    return part.to_string();
                }
                let trimmed = part.trim_start_matches('0');
                if trimmed.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
                    trimmed.to_string()
                } else {
                    format!("0{trimmed}")
                }
            })
            .collect();
        if parts.len() < 3 {
            if parts.last().is_some_and(|p| p.contains(['+', '-'])) {
                return Err(SemverError::new(
                    "short version cannot contain PreRelease/Build meta data",
                ));
            }
            parts.resize(3, "0".to_string());
        }
        Version::parse(&parts.join("."))
    }
}

impl PartialEq for Version {
    fn eq(&self, other: &Version) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Version {}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Version) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Version) -> Ordering {
        let release =
            (self.major, self.minor, self.patch).cmp(&(other.major, other.minor, other.patch));
        let pre = match (self.pre.is_empty(), other.pre.is_empty()) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Greater,
            (false, true) => Ordering::Less,
            (false, false) => self.pre.cmp(&other.pre),
        };
        release.then(pre)
    }
}

impl Hash for Version {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (self.major, self.minor, self.patch, &self.pre).hash(state);
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)?;
        for (i, pre) in self.pre.iter().enumerate() {
            f.write_char(if i == 0 { '-' } else { '.' })?;
            write!(f, "{pre}")?;
        }
        for (i, build) in self.build.iter().enumerate() {
            f.write_char(if i == 0 { '+' } else { '.' })?;
            f.write_str(build)?;
        }
        Ok(())
    }
}

/// Go's `%q` (`strconv.Quote`): a double-quoted string with Go escapes.
///
/// Go keeps exactly the characters `unicode.IsPrint` accepts; without
/// Unicode category tables this treats controls, white space other than
/// `' '`, common format characters and private-use characters as
/// unprintable, and every other character (including unassigned ones) as
/// printable.
fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        let escape = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\u{7}' => "\\a",
            '\u{8}' => "\\b",
            '\u{c}' => "\\f",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\u{b}' => "\\v",
            _ => "",
        };
        let code = u32::from(c);
        // Writing to a String cannot fail.
        let _ = if !escape.is_empty() {
            out.write_str(escape)
        } else if is_go_printable(c) {
            out.write_char(c)
        } else if code < 0x20 || code == 0x7f {
            write!(out, "\\x{code:02x}")
        } else if code < 0x10000 {
            write!(out, "\\u{code:04x}")
        } else {
            write!(out, "\\U{code:08x}")
        };
    }
    out.push('"');
    out
}

/// An approximation of Go's `unicode.IsPrint`; see [`go_quote`].
fn is_go_printable(c: char) -> bool {
    let format_or_private = matches!(
        u32::from(c),
        0xAD | 0x600..=0x605
            | 0x61C
            | 0x6DD
            | 0x70F
            | 0x180E
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x206F
            | 0xE000..=0xF8FF
            | 0xFEFF
            | 0xFFF9..=0xFFFB
            | 0xE0001..=0xE007F
            | 0xF0000..
    );
    c == ' ' || !(c.is_control() || c.is_whitespace() || format_or_private)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn precedence() {
        let ordered = [
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "1.0.1",
            "1.1.0",
            "2.0.0",
        ];
        for pair in ordered.windows(2) {
            assert!(v(pair[0]) < v(pair[1]), "{} < {}", pair[0], pair[1]);
        }
        assert_eq!(v("1.0.0+a"), v("1.0.0+b"));
    }

    #[test]
    fn normalize() {
        assert_eq!(
            Version::parse_normalized("v01.02").map(|v| v.to_string()),
            Ok("1.2.0".into())
        );
        assert_eq!(
            Version::parse_normalized("1.0-rc").map_err(|e| e.to_string()),
            Err("short version cannot contain PreRelease/Build meta data".into())
        );
    }

    #[test]
    fn quoting_matches_go() {
        assert_eq!(go_quote("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(go_quote("\t1\n\u{0}\u{7f}"), r#""\t1\n\x00\x7f""#);
        assert_eq!(
            go_quote("α\u{a0}\u{200b}\u{10ffff}"),
            r#""α\u00a0\u200b\U0010ffff""#
        );
    }
}
