//! The Kubernetes URL library: `url()`, `isURL()` and the accessors, with
//! URLs read the way Go's `net/url` reads them (`ParseRequestURI`, then
//! `Parse`).

use std::rc::Rc;

use crate::cost::{default_call, read_first, size_estimate, Cost, CostModel, STRING_TRAVERSAL};
use crate::env::decls::Function;
use crate::eval::values::{EvalError, EvalResult, Map, MapData, Value};
use crate::library::format::go_quote;

/// A parsed URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlValue {
    /// The text it was parsed from.
    pub raw: String,
    scheme: String,
    opaque: String,
    user: Option<String>,
    host: String,
    path: String,
    raw_path: String,
    raw_query: String,
    force_query: bool,
    fragment: String,
}

fn url_error(op: &str, url: &str, err: &str) -> String {
    format!("{op} {}: {err}", go_quote(url))
}

fn is_hex(c: u8) -> bool {
    c.is_ascii_hexdigit()
}

fn hex_val(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        _ => c - b'A' + 10,
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Path,
    Host,
    Zone,
    Query,
    Fragment,
    UserPassword,
}

/// Go's `shouldEscape`.
fn should_escape(c: u8, mode: Mode) -> bool {
    if c.is_ascii_alphanumeric() {
        return false;
    }
    if (mode == Mode::Host || mode == Mode::Zone)
        && matches!(
            c,
            b'!' | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b':'
                | b'['
                | b']'
                | b'<'
                | b'>'
                | b'"'
        )
    {
        return false;
    }
    match c {
        b'-' | b'_' | b'.' | b'~' => return false,
        b'$' | b'&' | b'+' | b',' | b'/' | b':' | b';' | b'=' | b'?' | b'@' => {
            return match mode {
                Mode::Path => c == b'?',
                Mode::UserPassword => c == b'@' || c == b'/' || c == b'?' || c == b':',
                Mode::Query => true,
                Mode::Fragment => false,
                _ => true,
            };
        }
        _ => {}
    }
    if mode == Mode::Fragment && matches!(c, b'!' | b'(' | b')' | b'*') {
        return false;
    }
    true
}

/// Go's `unescape`.
fn unescape(s: &str, mode: Mode) -> Result<String, String> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                if i + 2 >= b.len() || !is_hex(b[i + 1]) || !is_hex(b[i + 2]) {
                    let end = (i + 3).min(b.len());
                    let bad = String::from_utf8_lossy(&b[i..end]).into_owned();
                    return Err(format!("invalid URL escape {}", go_quote(&bad)));
                }
                if mode == Mode::Host && hex_val(b[i + 1]) < 8 && &s[i..i + 3] != "%25" {
                    return Err(format!("invalid URL escape {}", go_quote(&s[i..i + 3])));
                }
                i += 3;
            }
            c => {
                if (mode == Mode::Host || mode == Mode::Zone) && c < 0x80 && should_escape(c, mode)
                {
                    return Err(format!(
                        "invalid character {} in host name",
                        go_quote(&(c as char).to_string())
                    ));
                }
                i += 1;
            }
        }
    }
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                out.push(hex_val(b[i + 1]) << 4 | hex_val(b[i + 2]));
                i += 3;
            }
            b'+' if mode == Mode::Query => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// Go's `escape`.
fn escape(s: &str, mode: Mode) -> String {
    let mut out = String::with_capacity(s.len());
    for &c in s.as_bytes() {
        if should_escape(c, mode) {
            if c == b' ' && mode == Mode::Query {
                out.push('+');
            } else {
                out.push_str(&format!("%{c:02X}"));
            }
        } else {
            out.push(c as char);
        }
    }
    out
}

/// Go's `validEncoded`.
fn valid_encoded(s: &str, mode: Mode) -> bool {
    for &c in s.as_bytes() {
        match c {
            b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' | b':'
            | b'@' => {}
            b'[' | b']' => {}
            b'%' => {}
            _ => {
                if should_escape(c, mode) {
                    return false;
                }
            }
        }
    }
    true
}

fn get_scheme(raw: &str) -> Result<(String, &str), String> {
    for (i, c) in raw.bytes().enumerate() {
        if c.is_ascii_alphabetic() {
            continue;
        }
        if c.is_ascii_digit() || c == b'+' || c == b'-' || c == b'.' {
            if i == 0 {
                return Ok((String::new(), raw));
            }
            continue;
        }
        if c == b':' {
            if i == 0 {
                return Err("missing protocol scheme".into());
            }
            return Ok((raw[..i].to_string(), &raw[i + 1..]));
        }
        return Ok((String::new(), raw));
    }
    Ok((String::new(), raw))
}

fn valid_optional_port(port: &str) -> bool {
    if port.is_empty() {
        return true;
    }
    match port.strip_prefix(':') {
        Some(digits) => digits.bytes().all(|c| c.is_ascii_digit()),
        None => false,
    }
}

fn parse_host(host: &str) -> Result<String, String> {
    if host.starts_with('[') {
        let Some(i) = host.rfind(']') else {
            return Err("missing ']' in host".into());
        };
        let colon_port = &host[i + 1..];
        if !valid_optional_port(colon_port) {
            return Err(format!("invalid port {} after host", go_quote(colon_port)));
        }
        let inner = &host[..i + 1];
        if let Some(z) = inner.find("%25") {
            let h1 = unescape(&inner[..z], Mode::Host)?;
            let h2 = unescape(&inner[z..], Mode::Zone)?;
            let h3 = unescape(colon_port, Mode::Host)?;
            return Ok(h1 + &h2 + &h3);
        }
    } else if let Some(i) = host.rfind(':') {
        let colon_port = &host[i..];
        if !valid_optional_port(colon_port) {
            return Err(format!("invalid port {} after host", go_quote(colon_port)));
        }
    }
    unescape(host, Mode::Host)
}

/// Go's `url.parse(rawURL, viaRequest)`, without the fragment.
fn parse(raw: &str, via_request: bool) -> Result<UrlValue, String> {
    if raw.bytes().any(|c| c < 0x20 || c == 0x7f) {
        return Err("net/url: invalid control character in URL".into());
    }
    if raw.is_empty() && via_request {
        return Err("empty url".into());
    }
    let mut u = UrlValue {
        raw: raw.to_string(),
        scheme: String::new(),
        opaque: String::new(),
        user: None,
        host: String::new(),
        path: String::new(),
        raw_path: String::new(),
        raw_query: String::new(),
        force_query: false,
        fragment: String::new(),
    };
    if raw == "*" {
        u.path = "*".into();
        return Ok(u);
    }
    let (scheme, rest) = get_scheme(raw)?;
    u.scheme = scheme.to_ascii_lowercase();
    let mut rest = rest.to_string();
    if rest.ends_with('?') && rest.matches('?').count() == 1 {
        u.force_query = true;
        rest.pop();
    } else if let Some(i) = rest.find('?') {
        u.raw_query = rest[i + 1..].to_string();
        rest.truncate(i);
    }
    if !rest.starts_with('/') {
        if !u.scheme.is_empty() {
            u.opaque = rest;
            return Ok(u);
        }
        if via_request {
            return Err("invalid URI for request".into());
        }
        if let Some(colon) = rest.find(':') {
            if rest.find('/').is_none_or(|slash| colon < slash) {
                return Err("first path segment in URL cannot contain colon".into());
            }
        }
    }
    if (!u.scheme.is_empty() || !via_request && !rest.starts_with("///")) && rest.starts_with("//")
    {
        let after = &rest[2..];
        let (authority, remaining) = match after.find('/') {
            Some(i) => (&after[..i], after[i..].to_string()),
            None => (after, String::new()),
        };
        let (user, host) = match authority.rfind('@') {
            Some(i) => (Some(authority[..i].to_string()), &authority[i + 1..]),
            None => (None, authority),
        };
        u.host = parse_host(host)?;
        if let Some(user) = user {
            u.user = Some(unescape(&user, Mode::UserPassword)?);
        }
        rest = remaining;
    }
    u.path = unescape(&rest, Mode::Path)?;
    if rest != escape(&u.path, Mode::Path) {
        u.raw_path = rest;
    }
    Ok(u)
}

impl UrlValue {
    fn escaped_path(&self) -> String {
        if !self.raw_path.is_empty() && valid_encoded(&self.raw_path, Mode::Path) {
            if let Ok(p) = unescape(&self.raw_path, Mode::Path) {
                if p == self.path {
                    return self.raw_path.clone();
                }
            }
        }
        if self.path == "*" {
            return "*".into();
        }
        escape(&self.path, Mode::Path)
    }

    fn hostname(&self) -> &str {
        let (host, _) = split_host_port(&self.host);
        host
    }

    fn port(&self) -> &str {
        split_host_port(&self.host).1
    }

    /// Go's `URL.String()`.
    fn to_text(&self) -> String {
        let mut out = String::new();
        if !self.scheme.is_empty() {
            out.push_str(&self.scheme);
            out.push(':');
        }
        if !self.opaque.is_empty() {
            out.push_str(&self.opaque);
        } else {
            if !self.scheme.is_empty() || !self.host.is_empty() || self.user.is_some() {
                if !self.host.is_empty() || !self.path.is_empty() || self.user.is_some() {
                    out.push_str("//");
                }
                if let Some(u) = &self.user {
                    out.push_str(&escape(u, Mode::UserPassword));
                    out.push('@');
                }
                out.push_str(&escape(&self.host, Mode::Host));
            }
            let path = self.escaped_path();
            if !path.is_empty() && !path.starts_with('/') && !self.host.is_empty() {
                out.push('/');
            }
            out.push_str(&path);
        }
        if self.force_query || !self.raw_query.is_empty() {
            out.push('?');
            out.push_str(&self.raw_query);
        }
        if !self.fragment.is_empty() {
            out.push('#');
            out.push_str(&escape(&self.fragment, Mode::Fragment));
        }
        out
    }
}

fn split_host_port(host: &str) -> (&str, &str) {
    let mut h = host;
    let mut port = "";
    if let Some(colon) = h.rfind(':') {
        if valid_optional_port(&h[colon..]) {
            port = &h[colon + 1..];
            h = &h[..colon];
        }
    }
    if h.starts_with('[') && h.ends_with(']') {
        h = &h[1..h.len() - 1];
    }
    (h, port)
}

/// `url(s)`: `ParseRequestURI` must accept it, then `Parse` reads it.
fn parse_url(s: &str) -> Result<UrlValue, String> {
    parse(s, true).map_err(|e| url_error("parse", s, &e))?;
    let (rest, frag) = match s.find('#') {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let mut u = parse(rest, false).map_err(|e| url_error("parse", s, &e))?;
    if let Some(f) = frag {
        u.fragment = unescape(f, Mode::Fragment).map_err(|e| url_error("parse", s, &e))?;
    }
    u.raw = s.to_string();
    Ok(u)
}

/// Go's `url.ParseRequestURI`, for its error text.
pub fn parse_request_uri(s: &str) -> Result<(), String> {
    parse(s, true)
        .map(|_| ())
        .map_err(|e| url_error("parse", s, &e))
}

/// Go's `url.ParseQuery`, errors ignored.
fn parse_query(q: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for part in q.split('&') {
        if part.is_empty() || part.contains(';') {
            continue;
        }
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        let (Ok(k), Ok(v)) = (unescape(k, Mode::Query), unescape(v, Mode::Query)) else {
            continue;
        };
        match out.iter_mut().find(|(key, _)| *key == k) {
            Some((_, vals)) => vals.push(v),
            None => out.push((k, vec![v])),
        }
    }
    out
}

/// `url`: the string read once, a URL as long as it; the accessors and
/// `isURL` cost 1 (Kubernetes' library cost).
static PARSE: CostModel = CostModel {
    estimate: |call| match call.args {
        [text] => {
            let size = size_estimate(text);
            (size.factor(STRING_TRAVERSAL), Some(size))
        }
        _ => default_call(),
    },
    runtime: read_first,
};

pub fn functions() -> Vec<Function> {
    vec![
        Function::new("url", Cost::Model(&PARSE)).global(
            "string_to_url",
            "string -> URL",
            Some(to_url),
        ),
        Function::new("getScheme", Cost::Fixed(1)).member(
            "url_get_scheme",
            "URL -> string",
            Some(get_scheme_fn),
        ),
        Function::new("getHost", Cost::Fixed(1)).member(
            "url_get_host",
            "URL -> string",
            Some(get_host),
        ),
        Function::new("getHostname", Cost::Fixed(1)).member(
            "url_get_hostname",
            "URL -> string",
            Some(get_hostname),
        ),
        Function::new("getPort", Cost::Fixed(1)).member(
            "url_get_port",
            "URL -> string",
            Some(get_port),
        ),
        Function::new("getEscapedPath", Cost::Fixed(1)).member(
            "url_get_escaped_path",
            "URL -> string",
            Some(get_escaped_path),
        ),
        Function::new("getQuery", Cost::Fixed(1)).member(
            "url_get_query",
            "URL -> map(string, list(string))",
            Some(get_query),
        ),
        Function::new("isURL", Cost::Fixed(1)).global(
            "is_url_string",
            "string -> bool",
            Some(is_url),
        ),
    ]
}

fn u<'v>(v: &'v Value<'_>) -> Result<&'v UrlValue, EvalError> {
    match v {
        Value::Url(u) => Ok(u),
        _ => Err(EvalError::no_such_overload()),
    }
}

fn to_url<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let s = a[0].as_str().ok_or_else(EvalError::no_such_overload)?;
    parse_url(s).map(|u| Value::Url(Rc::new(u))).map_err(|e| {
        EvalError::new(format!(
            "URL parse error during conversion from string: {e}"
        ))
    })
}

fn is_url<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let s = a[0].as_str().ok_or_else(EvalError::no_such_overload)?;
    Ok(Value::Bool(parse(s, true).is_ok()))
}

fn get_scheme_fn<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::string(u(&a[0])?.scheme.clone()))
}

fn get_host<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::string(u(&a[0])?.host.clone()))
}

fn get_hostname<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::string(u(&a[0])?.hostname().to_string()))
}

fn get_port<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::string(u(&a[0])?.port().to_string()))
}

fn get_escaped_path<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::string(u(&a[0])?.escaped_path()))
}

fn get_query<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let q = parse_query(&u(&a[0])?.raw_query);
    let entries = q
        .into_iter()
        .map(|(k, vs)| {
            (
                Value::string(k),
                Value::list(vs.into_iter().map(Value::string).collect()),
            )
        })
        .collect();
    Ok(Value::Map(Map::Owned(Rc::new(MapData { entries }))))
}

/// Whether two URLs are equal (by their printed form, as Kubernetes compares them).
pub fn equal(a: &UrlValue, b: &UrlValue) -> bool {
    a.to_text() == b.to_text()
}

/// The printed form of a URL.
pub fn display(v: &UrlValue) -> String {
    v.to_text()
}
