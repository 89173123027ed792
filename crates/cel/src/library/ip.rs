//! The Kubernetes IP and CIDR libraries: addresses and prefixes parsed and
//! printed like Go's `net/netip`, with the library's restrictions (no
//! zones, no IPv4-mapped IPv6).

use std::rc::Rc;

use crate::cost::{
    default_call, mul_factor, size_estimate, CallEstimate, Cost, CostModel, Est, EstimateCall,
    RuntimeCall, STRING_ARGUMENT, STRING_TRAVERSAL,
};
use crate::env::decls::Function;
use crate::eval::values::{EvalError, EvalResult, Value};
use crate::library::format::go_quote;

/// An IP address: 4 or 16 bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IpValue {
    pub bytes: Vec<u8>,
}

/// A CIDR prefix: an address and a prefix length.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CidrValue {
    pub ip: IpValue,
    pub bits: u8,
}

impl IpValue {
    pub fn byte_len(&self) -> usize {
        self.bytes.len()
    }

    fn is4(&self) -> bool {
        self.bytes.len() == 4
    }

    /// Whether this is an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`).
    fn is4in6(&self) -> bool {
        self.bytes.len() == 16
            && self.bytes[..10].iter().all(|b| *b == 0)
            && self.bytes[10] == 0xff
            && self.bytes[11] == 0xff
    }

    fn is_unspecified(&self) -> bool {
        self.bytes.iter().all(|b| *b == 0)
    }

    fn is_loopback(&self) -> bool {
        if self.is4() {
            self.bytes[0] == 127
        } else {
            self.bytes[..15].iter().all(|b| *b == 0) && self.bytes[15] == 1
        }
    }

    fn is_multicast(&self) -> bool {
        if self.is4() {
            self.bytes[0] & 0xf0 == 0xe0
        } else {
            self.bytes[0] == 0xff
        }
    }

    fn is_link_local_unicast(&self) -> bool {
        if self.is4() {
            self.bytes[0] == 169 && self.bytes[1] == 254
        } else {
            self.bytes[0] == 0xfe && self.bytes[1] & 0xc0 == 0x80
        }
    }

    fn is_link_local_multicast(&self) -> bool {
        if self.is4() {
            self.bytes[0] == 224 && self.bytes[1] == 0 && self.bytes[2] == 0
        } else {
            self.bytes[0] == 0xff && self.bytes[1] & 0x0f == 0x02
        }
    }

    fn is_global_unicast(&self) -> bool {
        if self.is4() && (self.is_unspecified() || self.bytes.iter().all(|b| *b == 255)) {
            return false;
        }
        !self.is_unspecified()
            && !self.is_loopback()
            && !self.is_multicast()
            && !self.is_link_local_unicast()
    }

    /// Go's `Addr.String()`.
    pub fn to_text(&self) -> String {
        if self.is4() {
            let b = &self.bytes;
            return format!("{}.{}.{}.{}", b[0], b[1], b[2], b[3]);
        }
        if self.is4in6() {
            let b = &self.bytes;
            return format!("::ffff:{}.{}.{}.{}", b[12], b[13], b[14], b[15]);
        }
        let groups: Vec<u16> = (0..8)
            .map(|i| u16::from_be_bytes([self.bytes[2 * i], self.bytes[2 * i + 1]]))
            .collect();
        // The longest run of two or more zero groups (the first one on ties).
        let (mut best_start, mut best_len) = (usize::MAX, 0);
        let mut i = 0;
        while i < 8 {
            if groups[i] == 0 {
                let start = i;
                while i < 8 && groups[i] == 0 {
                    i += 1;
                }
                if i - start > best_len && i - start >= 2 {
                    best_start = start;
                    best_len = i - start;
                }
            } else {
                i += 1;
            }
        }
        let mut out = String::new();
        let mut i = 0;
        while i < 8 {
            if i == best_start {
                out.push_str("::");
                i += best_len;
                continue;
            }
            if i > 0 && !out.ends_with(':') {
                out.push(':');
            }
            out.push_str(&format!("{:x}", groups[i]));
            i += 1;
        }
        out
    }
}

impl CidrValue {
    pub fn byte_len(&self) -> usize {
        (self.bits as usize).div_ceil(8)
    }

    fn masked(&self) -> CidrValue {
        let mut bytes = self.ip.bytes.clone();
        for (i, b) in bytes.iter_mut().enumerate() {
            let bit = i * 8;
            let keep = (self.bits as usize).saturating_sub(bit).min(8);
            let mask: u8 = if keep == 0 { 0 } else { 0xffu8 << (8 - keep) };
            *b &= mask;
        }
        CidrValue {
            ip: IpValue { bytes },
            bits: self.bits,
        }
    }

    fn contains(&self, ip: &IpValue) -> bool {
        if ip.bytes.len() != self.ip.bytes.len() {
            return false;
        }
        let other = CidrValue {
            ip: ip.clone(),
            bits: self.bits,
        };
        other.masked().ip == self.masked().ip
    }

    fn overlaps(&self, o: &CidrValue) -> bool {
        if o.ip.bytes.len() != self.ip.bytes.len() {
            return false;
        }
        let bits = self.bits.min(o.bits);
        let a = CidrValue {
            ip: self.ip.clone(),
            bits,
        }
        .masked();
        let b = CidrValue {
            ip: o.ip.clone(),
            bits,
        }
        .masked();
        a.ip == b.ip
    }

    fn to_text(&self) -> String {
        format!("{}/{}", self.ip.to_text(), self.bits)
    }
}

fn addr_error(input: &str, msg: &str, at: &str) -> String {
    if at.is_empty() {
        format!("ParseAddr({}): {msg}", go_quote(input))
    } else {
        format!(
            "ParseAddr({}): {msg} (at {})",
            go_quote(input),
            go_quote(at)
        )
    }
}

fn parse_ipv4(s: &str) -> Result<[u8; 4], String> {
    let b = s.as_bytes();
    let mut fields = [0u8; 4];
    let (mut val, mut pos, mut dig_len) = (0u32, 0usize, 0);
    for i in 0..b.len() {
        let c = b[i];
        if c.is_ascii_digit() {
            if dig_len == 1 && val == 0 {
                return Err(addr_error(s, "IPv4 field has octet with leading zero", ""));
            }
            val = val * 10 + (c - b'0') as u32;
            dig_len += 1;
            if val > 255 {
                return Err(addr_error(s, "IPv4 field has value >255", ""));
            }
        } else if c == b'.' {
            if i == 0 || i == b.len() - 1 || b[i - 1] == b'.' {
                return Err(addr_error(
                    s,
                    "IPv4 field must have at least one digit",
                    &s[i..],
                ));
            }
            if pos == 3 {
                return Err(addr_error(s, "IPv4 address too long", ""));
            }
            fields[pos] = val as u8;
            pos += 1;
            val = 0;
            dig_len = 0;
        } else {
            return Err(addr_error(s, "unexpected character", &s[i..]));
        }
    }
    if pos < 3 {
        return Err(addr_error(s, "IPv4 address too short", ""));
    }
    fields[3] = val as u8;
    Ok(fields)
}

/// IPv6 bytes and the zone.
fn parse_ipv6(input: &str) -> Result<([u8; 16], String), String> {
    let (mut s, zone) = match input.find('%') {
        Some(i) => {
            let zone = &input[i + 1..];
            if zone.is_empty() {
                return Err(addr_error(input, "zone must be a non-empty string", ""));
            }
            (&input[..i], zone.to_string())
        }
        None => (input, String::new()),
    };
    let mut ip = [0u8; 16];
    let mut ellipsis: i32 = -1;
    if s.len() >= 2 && s.starts_with("::") {
        ellipsis = 0;
        s = &s[2..];
        if s.is_empty() {
            return Ok((ip, zone));
        }
    }
    let mut i = 0usize;
    while i < 16 {
        let b = s.as_bytes();
        let mut off = 0;
        let mut acc: u32 = 0;
        while off < b.len() {
            let c = b[off];
            let d = match c {
                b'0'..=b'9' => c - b'0',
                b'a'..=b'f' => c - b'a' + 10,
                b'A'..=b'F' => c - b'A' + 10,
                _ => break,
            };
            acc = (acc << 4) + d as u32;
            if acc > 0xffff {
                return Err(addr_error(input, "IPv6 field has value >=2^16", s));
            }
            off += 1;
        }
        if off == 0 {
            return Err(addr_error(
                input,
                "each colon-separated field must have at least one digit",
                s,
            ));
        }
        if off < b.len() && b[off] == b'.' {
            if ellipsis < 0 && i != 12 {
                return Err(addr_error(
                    input,
                    "embedded IPv4 address must replace the final 2 fields of the address",
                    s,
                ));
            }
            if i + 4 > 16 {
                return Err(addr_error(
                    input,
                    "too many hex fields to fit an embedded IPv4 at the end of the address",
                    s,
                ));
            }
            let v4 = parse_ipv4(s).map_err(|e| addr_error(input, &e, s))?;
            ip[i..i + 4].copy_from_slice(&v4);
            s = "";
            i += 4;
            break;
        }
        ip[i] = (acc >> 8) as u8;
        ip[i + 1] = acc as u8;
        i += 2;
        s = &s[off..];
        if s.is_empty() {
            break;
        }
        if !s.starts_with(':') {
            return Err(addr_error(input, "unexpected character, want colon", s));
        } else if s.len() == 1 {
            return Err(addr_error(
                input,
                "colon must be followed by more characters",
                s,
            ));
        }
        s = &s[1..];
        if s.starts_with(':') {
            if ellipsis >= 0 {
                return Err(addr_error(input, "multiple :: in address", s));
            }
            ellipsis = i as i32;
            s = &s[1..];
            if s.is_empty() {
                break;
            }
        }
    }
    if !s.is_empty() {
        return Err(addr_error(input, "trailing garbage after address", s));
    }
    if i < 16 {
        if ellipsis < 0 {
            return Err(addr_error(input, "address string too short", ""));
        }
        let e = ellipsis as usize;
        let n = 16 - i;
        for j in (e..i).rev() {
            ip[j + n] = ip[j];
        }
        for b in ip.iter_mut().skip(e).take(n) {
            *b = 0;
        }
    } else if ellipsis >= 0 {
        return Err(addr_error(
            input,
            "the :: must expand to at least one field of zeros",
            "",
        ));
    }
    Ok((ip, zone))
}

/// Go's `netip.ParseAddr`: the address and its zone.
fn parse_addr(s: &str) -> Result<(IpValue, String), String> {
    for c in s.bytes() {
        match c {
            b'.' => return parse_ipv4(s).map(|b| (IpValue { bytes: b.to_vec() }, String::new())),
            b':' => return parse_ipv6(s).map(|(b, z)| (IpValue { bytes: b.to_vec() }, z)),
            b'%' => return Err(addr_error(s, "missing IPv6 address", "")),
            _ => {}
        }
    }
    Err(addr_error(s, "unable to parse IP", ""))
}

/// The library's address parsing.
fn parse_ip(raw: &str) -> Result<IpValue, String> {
    let (ip, zone) = parse_addr(raw).map_err(|e| {
        format!(
            "IP Address {} parse error during conversion from string: {e}",
            go_quote(raw)
        )
    })?;
    if !zone.is_empty() {
        return Err(format!(
            "IP address {} with zone value is not allowed",
            go_quote(raw)
        ));
    }
    if ip.is4in6() {
        return Err(format!(
            "IPv4-mapped IPv6 address {} is not allowed",
            go_quote(raw)
        ));
    }
    Ok(ip)
}

/// Go's `netip.ParsePrefix`.
fn parse_prefix(s: &str) -> Result<CidrValue, String> {
    let q = go_quote(s);
    let Some(i) = s.rfind('/') else {
        return Err(format!("netip.ParsePrefix({q}): no '/'"));
    };
    let (ip, zone) = parse_addr(&s[..i]).map_err(|e| format!("netip.ParsePrefix({q}): {e}"))?;
    if !zone.is_empty() {
        return Err(format!(
            "netip.ParsePrefix({q}): IPv6 zones cannot be present in a prefix"
        ));
    }
    let bits_str = &s[i + 1..];
    let bad = || {
        format!(
            "netip.ParsePrefix({q}): bad bits after slash: {}",
            go_quote(bits_str)
        )
    };
    if bits_str.len() > 1 && !(b'1'..=b'9').contains(&bits_str.as_bytes()[0]) {
        return Err(bad());
    }
    if bits_str.is_empty() || !bits_str.bytes().all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    let bits: u32 = bits_str.parse().map_err(|_| bad())?;
    let max = if ip.is4() { 32 } else { 128 };
    if bits > max {
        return Err(format!(
            "netip.ParsePrefix({q}): prefix length out of range"
        ));
    }
    Ok(CidrValue {
        ip,
        bits: bits as u8,
    })
}

/// The library's prefix parsing.
fn parse_cidr(raw: &str) -> Result<CidrValue, String> {
    let c = parse_prefix(raw)
        .map_err(|e| format!("network address parse error during conversion from string: {e}"))?;
    if c.ip.is4in6() {
        return Err(format!(
            "IPv4-mapped IPv6 address {} is not allowed",
            go_quote(raw)
        ));
    }
    Ok(c)
}

/// `ip`: a string read once; a CIDR's address costs 1.
static IP: CostModel = CostModel {
    estimate: |call| match call.args.first() {
        Some(text) if call.overload != "cidr_ip" => {
            (size_estimate(text).factor(STRING_TRAVERSAL), None)
        }
        _ => default_call(),
    },
    runtime: |call| {
        if call.args.is_empty() || call.overload == "cidr_ip" {
            1
        } else {
            call.first_times(STRING_TRAVERSAL)
        }
    },
};

/// `ip.isCanonical`: the string read twice (parsed, then printed back).
static CANONICAL: CostModel = CostModel {
    estimate: |call| match call.args.first() {
        Some(text) => (size_estimate(text).factor(2.0 * STRING_TRAVERSAL), None),
        None => default_call(),
    },
    runtime: |call| {
        if call.args.is_empty() {
            1
        } else {
            call.first_times(2.0 * STRING_TRAVERSAL)
        }
    },
};

/// The size of an address, in bytes: 4 (IPv4) to 16 (IPv6).
const ADDRESS_BYTES: Est = Est { min: 4, max: 16 };

/// `containsIP`: two addresses compared (and a string parsed).
static CONTAINS_IP: CostModel = CostModel {
    estimate: |call| {
        let compared = ADDRESS_BYTES.add(ADDRESS_BYTES).factor(STRING_TRAVERSAL);
        parsed_estimate(call, compared, "cidr_contains_ip_string")
    },
    runtime: |call| {
        if call.args.len() < 2 {
            return 1;
        }
        let bytes = call.size(0);
        compared(bytes) + parsed(call, "cidr_contains_ip_string")
    },
};

/// `containsCIDR`: two addresses and two prefixes compared (and a string
/// parsed).
static CONTAINS_CIDR: CostModel = CostModel {
    estimate: |call| {
        let compared = ADDRESS_BYTES
            .add(ADDRESS_BYTES)
            .factor(STRING_TRAVERSAL)
            .add(ADDRESS_BYTES.factor(STRING_TRAVERSAL))
            .add(Est::fixed(1));
        parsed_estimate(call, compared, "cidr_contains_cidr_string")
    },
    runtime: |call| {
        if call.args.len() < 2 {
            return 1;
        }
        let bytes = call.size(0);
        let mut cost = compared(bytes);
        cost += mul_factor(bytes, STRING_TRAVERSAL) + 1;
        cost + parsed(call, "cidr_contains_cidr_string")
    },
};

/// The estimate of a comparison that costs `compared`, plus parsing the
/// string argument of the overload that takes one.
fn parsed_estimate(
    call: &EstimateCall<'_, '_>,
    compared: Est,
    string_overload: &str,
) -> CallEstimate {
    let Some(other) = call.args.first() else {
        return default_call();
    };
    let mut cost = compared;
    if call.overload == string_overload {
        cost = cost.add(size_estimate(other).factor(STRING_TRAVERSAL));
    }
    (cost, None)
}

/// The runtime cost of comparing two addresses of `bytes` bytes.
fn compared(bytes: u64) -> u64 {
    mul_factor(bytes + bytes, STRING_TRAVERSAL)
}

/// The runtime cost of parsing the string argument of the overload that
/// takes one (0 for the others).
fn parsed(call: &RuntimeCall<'_, '_>, string_overload: &str) -> u64 {
    if call.overload == string_overload {
        mul_factor(call.size(1), STRING_TRAVERSAL)
    } else {
        0
    }
}

pub fn functions() -> Vec<Function> {
    vec![
        Function::new("ip", Cost::Model(&IP))
            .global("string_to_ip", "string -> IP", Some(string_to_ip))
            .member("cidr_ip", "CIDR -> IP", Some(cidr_ip)),
        Function::new("family", Cost::Fixed(1)).member("ip_family", "IP -> int", Some(family)),
        Function::new("ip.isCanonical", Cost::Model(&CANONICAL)).global(
            "ip_is_canonical",
            "string -> bool",
            Some(is_canonical),
        ),
        Function::new("isUnspecified", Cost::Fixed(1)).member(
            "ip_is_unspecified",
            "IP -> bool",
            Some(is_unspecified),
        ),
        Function::new("isLoopback", Cost::Fixed(1)).member(
            "ip_is_loopback",
            "IP -> bool",
            Some(is_loopback),
        ),
        Function::new("isLinkLocalMulticast", Cost::Fixed(1)).member(
            "ip_is_link_local_multicast",
            "IP -> bool",
            Some(is_link_local_multicast),
        ),
        Function::new("isLinkLocalUnicast", Cost::Fixed(1)).member(
            "ip_is_link_local_unicast",
            "IP -> bool",
            Some(is_link_local_unicast),
        ),
        Function::new("isGlobalUnicast", Cost::Fixed(1)).member(
            "ip_is_global_unicast",
            "IP -> bool",
            Some(is_global_unicast),
        ),
        Function::new("isIP", Cost::Model(&STRING_ARGUMENT)).global(
            "is_ip",
            "string -> bool",
            Some(is_ip),
        ),
        Function::more("string")
            .global("ip_to_string", "IP -> string", Some(ip_to_string))
            .global("cidr_to_string", "CIDR -> string", Some(cidr_to_string)),
        Function::new("cidr", Cost::Model(&STRING_ARGUMENT)).global(
            "string_to_cidr",
            "string -> CIDR",
            Some(string_to_cidr),
        ),
        Function::new("containsIP", Cost::Model(&CONTAINS_IP))
            .member(
                "cidr_contains_ip_string",
                "CIDR, string -> bool",
                Some(contains_ip),
            )
            .member("cidr_contains_ip_ip", "CIDR, IP -> bool", Some(contains_ip)),
        Function::new("containsCIDR", Cost::Model(&CONTAINS_CIDR))
            .member(
                "cidr_contains_cidr_string",
                "CIDR, string -> bool",
                Some(contains_cidr),
            )
            .member(
                "cidr_contains_cidr",
                "CIDR, CIDR -> bool",
                Some(contains_cidr),
            ),
        Function::new("prefixLength", Cost::Fixed(1)).member(
            "cidr_prefix_length",
            "CIDR -> int",
            Some(prefix_length),
        ),
        Function::new("masked", Cost::Fixed(1)).member("cidr_masked", "CIDR -> CIDR", Some(masked)),
        Function::new("isCIDR", Cost::Model(&STRING_ARGUMENT)).global(
            "is_cidr",
            "string -> bool",
            Some(is_cidr),
        ),
    ]
}

fn ip<'v>(v: &'v Value<'_>) -> Result<&'v IpValue, EvalError> {
    match v {
        Value::Ip(ip) => Ok(ip),
        _ => Err(EvalError::no_such_overload()),
    }
}

fn cidr<'v>(v: &'v Value<'_>) -> Result<&'v CidrValue, EvalError> {
    match v {
        Value::Cidr(c) => Ok(c),
        _ => Err(EvalError::no_such_overload()),
    }
}

fn text<'v>(v: &'v Value<'_>) -> Result<&'v str, EvalError> {
    v.as_str().ok_or_else(EvalError::no_such_overload)
}

fn string_to_ip<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    parse_ip(text(&a[0])?)
        .map(|ip| Value::Ip(Rc::new(ip)))
        .map_err(EvalError::new)
}

fn cidr_ip<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Ip(Rc::new(cidr(&a[0])?.ip.clone())))
}

fn family<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Int(if ip(&a[0])?.is4() { 4 } else { 6 }))
}

fn is_canonical<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let s = text(&a[0])?;
    let parsed = parse_ip(s).map_err(EvalError::new)?;
    Ok(Value::Bool(parsed.to_text() == s))
}

fn is_ip<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Bool(parse_ip(text(&a[0])?).is_ok()))
}

fn is_unspecified<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Bool(ip(&a[0])?.is_unspecified()))
}

fn is_loopback<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Bool(ip(&a[0])?.is_loopback()))
}

fn is_link_local_multicast<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Bool(ip(&a[0])?.is_link_local_multicast()))
}

fn is_link_local_unicast<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Bool(ip(&a[0])?.is_link_local_unicast()))
}

fn is_global_unicast<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Bool(ip(&a[0])?.is_global_unicast()))
}

fn ip_to_string<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::string(ip(&a[0])?.to_text()))
}

fn cidr_to_string<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::string(cidr(&a[0])?.to_text()))
}

fn string_to_cidr<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    parse_cidr(text(&a[0])?)
        .map(|c| Value::Cidr(Rc::new(c)))
        .map_err(|e| {
            EvalError::new(format!(
                "network address parse error during conversion from string: {e}"
            ))
        })
}

fn contains_ip<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let c = cidr(&a[0])?;
    let other = match &a[1] {
        Value::String(s) => parse_ip(s.as_str()).map_err(EvalError::new)?,
        Value::Ip(ip) => (**ip).clone(),
        _ => return Err(EvalError::no_such_overload()),
    };
    Ok(Value::Bool(c.contains(&other)))
}

fn contains_cidr<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let c = cidr(&a[0])?;
    let other = match &a[1] {
        Value::String(s) => parse_cidr(s.as_str()).map_err(|e| {
            EvalError::new(format!(
                "network address parse error during conversion from string: {e}"
            ))
        })?,
        Value::Cidr(x) => (**x).clone(),
        _ => return Err(EvalError::no_such_overload()),
    };
    Ok(Value::Bool(c.overlaps(&other) && c.bits <= other.bits))
}

fn prefix_length<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Int(cidr(&a[0])?.bits as i64))
}

fn masked<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Cidr(Rc::new(cidr(&a[0])?.masked())))
}

fn is_cidr<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Bool(parse_cidr(text(&a[0])?).is_ok()))
}

/// The printed form of an IP or CIDR value.
pub fn display(v: &Value<'_>) -> Option<String> {
    match v {
        Value::Ip(ip) => Some(ip.to_text()),
        Value::Cidr(c) => Some(c.to_text()),
        _ => None,
    }
}
