//! The Kubernetes format library: named formats (`format.dns1123Label()`,
//! `format.named("uri")`, ...) and `validate`, which returns the
//! validation messages of Kubernetes' name checks.

use std::rc::Rc;

use crate::cost::{
    default_call, mul_factor, size_estimate, Cost, CostModel, REGEX_STRING_LENGTH, STRING_TRAVERSAL,
};
use crate::env::decls::Function;
use crate::eval::values::{EvalError, EvalResult, Value};
use dra_api::names;

/// The named formats: CEL name, format name.
const FORMATS: [(&str, &str); 13] = [
    ("dns1123Label", "DNS1123Label"),
    ("dns1123Subdomain", "DNS1123Subdomain"),
    ("dns1035Label", "DNS1035Label"),
    ("qualifiedName", "QualifiedName"),
    ("dns1123LabelPrefix", "DNS1123LabelPrefix"),
    ("dns1123SubdomainPrefix", "DNS1123SubdomainPrefix"),
    ("dns1035LabelPrefix", "DNS1035LabelPrefix"),
    ("labelValue", "LabelValue"),
    ("uri", "URI"),
    ("uuid", "uuid"),
    ("byte", "byte"),
    ("date", "date"),
    ("datetime", "datetime"),
];

macro_rules! constant_formats {
    ($($fn_name:ident => $name:literal),* $(,)?) => {
        $(
            fn $fn_name<'a>(_a: &[Value<'a>]) -> EvalResult<'a> {
                Ok(Value::Format($name))
            }
        )*
    };
}

constant_formats! {
    f_dns1123_label => "DNS1123Label",
    f_dns1123_subdomain => "DNS1123Subdomain",
    f_dns1035_label => "DNS1035Label",
    f_qualified_name => "QualifiedName",
    f_dns1123_label_prefix => "DNS1123LabelPrefix",
    f_dns1123_subdomain_prefix => "DNS1123SubdomainPrefix",
    f_dns1035_label_prefix => "DNS1035LabelPrefix",
    f_label_value => "LabelValue",
    f_uri => "URI",
    f_uuid => "uuid",
    f_byte => "byte",
    f_date => "date",
    f_datetime => "datetime",
}

/// The size Kubernetes assumes for the regular expression of a named format.
const MAX_NAME_FORMAT_REGEX_SIZE: f64 = 128.0;

/// `validate`: the string matched against the format's regular expression.
static VALIDATE: CostModel = CostModel {
    estimate: |call| match call.args.first() {
        Some(text) => (
            size_estimate(text)
                .factor(STRING_TRAVERSAL)
                .factor(MAX_NAME_FORMAT_REGEX_SIZE * REGEX_STRING_LENGTH),
            None,
        ),
        None => default_call(),
    },
    runtime: |call| {
        if call.args.len() < 2 {
            return 1;
        }
        let text_cost = mul_factor(call.size(1) + 1, STRING_TRAVERSAL);
        let pattern_cost = mul_factor(MAX_NAME_FORMAT_REGEX_SIZE as u64, REGEX_STRING_LENGTH);
        text_cost.saturating_mul(pattern_cost)
    },
};

pub fn functions() -> Vec<Function> {
    let constants: [(&'static str, crate::env::decls::Fun); 13] = [
        ("format.dns1123Label", f_dns1123_label),
        ("format.dns1123Subdomain", f_dns1123_subdomain),
        ("format.dns1035Label", f_dns1035_label),
        ("format.qualifiedName", f_qualified_name),
        ("format.dns1123LabelPrefix", f_dns1123_label_prefix),
        ("format.dns1123SubdomainPrefix", f_dns1123_subdomain_prefix),
        ("format.dns1035LabelPrefix", f_dns1035_label_prefix),
        ("format.labelValue", f_label_value),
        ("format.uri", f_uri),
        ("format.uuid", f_uuid),
        ("format.byte", f_byte),
        ("format.date", f_date),
        ("format.datetime", f_datetime),
    ];
    let mut out: Vec<Function> = constants
        .iter()
        .map(|(name, imp)| {
            Function::new(name, Cost::Fixed(1)).global(name, " -> Format", Some(*imp))
        })
        .collect();
    out.push(Function::new("validate", Cost::Model(&VALIDATE)).member(
        "format-validate",
        "Format, string -> optional(list(string))",
        Some(validate),
    ));
    out.push(Function::new("format.named", Cost::Fixed(1)).global(
        "format-named",
        "string -> optional(Format)",
        Some(named),
    ));
    out
}

fn named<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let s = a[0].as_str().ok_or_else(EvalError::no_such_overload)?;
    Ok(match FORMATS.iter().find(|(n, _)| *n == s) {
        Some((_, name)) => Value::Optional(Some(Rc::new(Value::Format(name)))),
        None => Value::Optional(None),
    })
}

fn validate<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let Value::Format(f) = &a[0] else {
        return Err(EvalError::no_such_overload());
    };
    let s = a[1].as_str().ok_or_else(EvalError::no_such_overload)?;
    let errs = check(f, s);
    if errs.is_empty() {
        return Ok(Value::Optional(None));
    }
    Ok(Value::Optional(Some(Rc::new(Value::list(
        errs.into_iter().map(Value::string).collect(),
    )))))
}

/// apimachinery's maskTrailingDash (for name prefixes).
fn mask_trailing_dash(s: &str) -> String {
    if s.len() > 1 && s.ends_with('-') {
        format!("{}a", &s[..s.len() - 2])
    } else {
        s.to_string()
    }
}

fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 36 {
        return false;
    }
    b.iter().enumerate().all(|(i, &c)| match i {
        8 | 13 | 18 | 23 => c == b'-',
        _ => c.is_ascii_hexdigit(),
    })
}

fn is_base64(s: &str) -> bool {
    let b = s.as_bytes();
    if !b.len().is_multiple_of(4) {
        return false;
    }
    let pad = b.iter().rev().take_while(|&&c| c == b'=').count();
    pad <= 2
        && b[..b.len() - pad]
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || c == b'+' || c == b'/')
}

fn is_date(s: &str) -> bool {
    crate::library::time::parse_rfc3339(&format!("{s}T00:00:00Z")).is_some() && s.len() == 10
}

fn check(format: &str, s: &str) -> Vec<String> {
    let ok = |b: bool, msg: &str| if b { Vec::new() } else { vec![msg.to_string()] };
    match format {
        "DNS1123Label" => names::is_dns1123_label(s),
        "DNS1123LabelPrefix" => names::is_dns1123_label(&mask_trailing_dash(s)),
        "DNS1123Subdomain" => names::is_dns1123_subdomain(s),
        "DNS1123SubdomainPrefix" => names::is_dns1123_subdomain(&mask_trailing_dash(s)),
        "DNS1035Label" => names::is_dns1035_label(s),
        "DNS1035LabelPrefix" => names::is_dns1035_label(&mask_trailing_dash(s)),
        "QualifiedName" => names::is_qualified_name(s),
        "LabelValue" => names::is_valid_label_value(s),
        "URI" => match crate::library::url::parse_request_uri(s) {
            Ok(()) => Vec::new(),
            Err(e) => vec![e],
        },
        "uuid" => ok(is_uuid(s), "does not match the UUID format"),
        "byte" => ok(is_base64(s), "invalid base64"),
        "date" => ok(is_date(s), "invalid date"),
        _ => ok(
            crate::library::time::parse_rfc3339(s).is_some(),
            "invalid datetime",
        ),
    }
}
