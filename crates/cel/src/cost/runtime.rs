//! The runtime cost of calls: the Kubernetes library cost tracker, the
//! cel-go extension trackers and cel-go's defaults.

use crate::cost::estimate::mul_factor;
use crate::eval::values::Value;

fn size(v: &Value<'_>) -> u64 {
    v.actual_size()
}

fn traversal_cost(v: &Value<'_>) -> u64 {
    match v {
        Value::String(s) => (s.as_str().len() as f64 * 0.1) as u64,
        Value::Bytes(b) => (b.as_bytes().len() as f64 * 0.1) as u64,
        Value::List(l) => l.iter().map(|x| traversal_cost(&x)).sum(),
        Value::Map(m) => match m.entries() {
            Ok(es) => es
                .iter()
                .map(|(k, v)| traversal_cost(k) + traversal_cost(v))
                .sum(),
            Err(_) => 1,
        },
        _ => 1,
    }
}

fn allocating_list_call(factor: f64, size: u64) -> u64 {
    (size as f64 * factor) as u64 + 1 + 10
}

fn self_compare(l: &Value<'_>) -> u64 {
    let sz = size(l);
    let mut factor = 2.0;
    if sz == 0 {
        return allocating_list_call(factor, 0);
    }
    if let Value::List(list) = l {
        if let Some(Value::String(_) | Value::Bytes(_)) = list.get(0) {
            factor += 0.1;
        }
    }
    allocating_list_call(factor, sz * sz)
}

/// The cost of one call, given its arguments (target first) and its result.
pub fn call_cost(function: &str, overload: &str, args: &[Value<'_>], result: &Value<'_>) -> u64 {
    // cel-go extension trackers.
    match overload {
        "list_slice" | "lists_range" | "list_reverse" => {
            return allocating_list_call(1.0, size(result));
        }
        "list_flatten" | "list_flatten_int" => {
            let depth = match args.get(1) {
                Some(Value::Int(d)) => *d as f64,
                _ => 1.0,
            };
            return allocating_list_call(depth, args.first().map(size).unwrap_or(0));
        }
        "list_distinct" => return args.first().map(self_compare).unwrap_or(1),
        "list_sets_contains_list" | "list_sets_intersects_list" | "list_sets_equivalent_list" => {
            let f = if overload == "list_sets_equivalent_list" {
                2.0
            } else {
                1.0
            };
            let a = args.first().map(size).unwrap_or(0);
            let b = args.get(1).map(size).unwrap_or(0);
            return 1 + (a.saturating_mul(b) as f64 * f) as u64;
        }
        o if o.starts_with("list_") && o.ends_with("_sort") => {
            return args.first().map(self_compare).unwrap_or(1);
        }
        o if o.starts_with("list_") && o.ends_with("_sortByAssociatedKeys") => {
            return args.get(1).map(self_compare).unwrap_or(1);
        }
        _ => {}
    }
    // The Kubernetes library.
    let first = args.first();
    let ceil_first = |f: f64| mul_factor(first.map(size).unwrap_or(0), f);
    match function {
        "check" => return 350000,
        "serviceAccount" | "path" | "group" | "resource" | "subresource" | "namespace" | "name"
        | "allowed" | "reason" | "error" | "errored" => return 1,
        "fieldSelector" | "labelSelector" if args.len() >= 2 => {
            let len = size(&args[1]);
            let parse = mul_factor(len, 0.1);
            let reqs = mul_factor(mul_factor(len, 0.5), 50.0);
            return 10 + parse + reqs;
        }
        "isSorted" | "sum" | "max" | "min" | "indexOf" | "lastIndexOf" => {
            return first.map(traversal_cost).unwrap_or(0);
        }
        "url" | "lowerAscii" | "upperAscii" | "substring" | "trim" | "jsonpatch.escapeKey"
            if !args.is_empty() =>
        {
            return ceil_first(0.1);
        }
        "replace" | "split" if !args.is_empty() => return ceil_first(0.2),
        "join" if !args.is_empty() => return mul_factor(size(result), 0.2),
        "find" | "findAll" if args.len() >= 2 => {
            let s = mul_factor(size(&args[0]) + 1, 0.1);
            let r = mul_factor(size(&args[1]), 0.25);
            return s.saturating_mul(r);
        }
        "cidr" | "isIP" | "isCIDR" if !args.is_empty() => return ceil_first(0.1),
        "ip" if !args.is_empty() => {
            if overload == "cidr_ip" {
                return 1;
            }
            return ceil_first(0.1);
        }
        "ip.isCanonical" if !args.is_empty() => return ceil_first(0.2),
        "masked"
        | "prefixLength"
        | "family"
        | "isUnspecified"
        | "isLoopback"
        | "isLinkLocalMulticast"
        | "isLinkLocalUnicast"
        | "isGlobalUnicast" => return 1,
        "containsIP" if args.len() >= 2 => {
            let c = size(&args[0]);
            let mut cost = mul_factor(c + c, 0.1);
            if overload == "cidr_contains_ip_string" {
                cost += mul_factor(size(&args[1]), 0.1);
            }
            return cost;
        }
        "containsCIDR" if args.len() >= 2 => {
            let c = size(&args[0]);
            let mut cost = mul_factor(c + c, 0.1);
            cost += mul_factor(c, 0.1) + 1;
            if overload == "cidr_contains_cidr_string" {
                cost += mul_factor(size(&args[1]), 0.1);
            }
            return cost;
        }
        "quantity" | "isQuantity" | "semver" | "isSemver" if !args.is_empty() => {
            return ceil_first(0.1)
        }
        "validate" if args.len() >= 2 => {
            let s = mul_factor(size(&args[1]) + 1, 0.1);
            let r = mul_factor(128, 0.25);
            return s.saturating_mul(r);
        }
        "format.named" => return 1,
        "sign" | "asInteger" | "isInteger" | "asApproximateFloat" | "isGreaterThan"
        | "isLessThan" | "compareTo" | "add" | "sub" | "major" | "minor" | "patch" => return 1,
        "getScheme" | "getHostname" | "getHost" | "getPort" | "getEscapedPath" | "getQuery" => {
            return 1
        }
        _ => {}
    }
    // cel-go's defaults.
    match overload {
        "starts_with_string" | "ends_with_string" | "string_to_bytes" | "bytes_to_string"
        | "strings_quote" | "string_format" => ceil_first(0.1),
        "in_list" => args.get(1).map(size).unwrap_or(0),
        "less_string"
        | "greater_string"
        | "less_equals_string"
        | "greater_equals_string"
        | "less_bytes"
        | "greater_bytes"
        | "less_equals_bytes"
        | "greater_equals_bytes"
        | "equals"
        | "not_equals" => {
            let m = size(&args[0]).min(size(&args[1]));
            mul_factor(m, 0.1)
        }
        "add_string" | "add_bytes" => mul_factor(size(&args[0]) + size(&args[1]), 0.1),
        "matches_string" => {
            let s = mul_factor(size(&args[0]) + 1, 0.1);
            let r = mul_factor(size(&args[1]), 0.25);
            s.saturating_mul(r)
        }
        "contains_string" => {
            let s = mul_factor(size(&args[0]), 0.1);
            let r = mul_factor(size(&args[1]), 0.1);
            s.saturating_mul(r)
        }
        _ => 1,
    }
}
