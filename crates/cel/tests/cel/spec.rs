//! The cel-spec conformance tests in tests/cel/cel-spec, run in the DRA
//! environment (StoredExpressions, every feature on).
//!
//! The files are read as cel-spec defines them: protox compiles the `.proto`
//! schema in tests/cel/cel-spec/proto when the test runs, and prost-reflect
//! parses each `.textproto` file as a `cel.expr.conformance.test.SimpleTestFile`.
//!
//! cel-spec tests CEL in general; Kubernetes' environment is narrower (no
//! protobuf messages, no containers, macros and the type checker always on)
//! and pins some behaviour of its own (homogeneous aggregate literals, older
//! extension library versions). Every test either passes or is listed in
//! [`SKIPS`] with the reason it cannot pass in Kubernetes. The run fails on
//! any failure, on a listed test that passes (the entry is stale), and on an
//! entry that matches no test. `cargo test -p dra-cel --test cel spec -- --nocapture`
//! prints the pass, fail and skip counts per file and the skips per reason.
//!
//! How tests map onto the DRA environment: `disable_check` and
//! `disable_macros` tests run with the checker and macros (Kubernetes has no
//! way to turn them off) and must pass as they are or be listed; an expected
//! evaluation error is met by a compile error in a `disable_check` test
//! (Kubernetes rejects at compile time what unchecked evaluation rejects at
//! run time), by a compile error with the expected message, or by a program
//! that cannot be made (Kubernetes plans programs with cel-go's optimizer,
//! which converts constants while planning: `int(1e99)` fails there, with
//! cel-go's own message, before any evaluation); `check_only` tests are
//! compiled, not evaluated.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use crate::support::{empty_device, repo_root};
use dra_cel::{compile_expression_with_variables, CompileOptions, EnvType, EvalValue};
use prost_reflect::{DescriptorPool, DynamicMessage, MapKey, Value as Pv};

/// Why a test cannot pass in Kubernetes' DRA environment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Why {
    /// cel-go's `HomogeneousAggregateLiterals`, part of Kubernetes' base environment.
    Homogeneous,
    Unchecked,
    Proto,
    Container,
    FunctionDecl,
    StringsV3,
    FormatV2,
    IndexOfOffset,
    MappedIpv4,
}

use Why::*;

impl Why {
    fn text(self) -> &'static str {
        match self {
            Homogeneous => {
                "Kubernetes rejects mixed-type list and map literals \
                 (cel-go's HomogeneousAggregateLiterals option in its base environment)"
            }
            Unchecked => {
                "relies on evaluation without the type checker (disable_check); \
                 Kubernetes always checks"
            }
            Proto => {
                "needs protobuf messages (TestAllTypes, google.protobuf wrappers, \
                 Struct/Value/Any): the DRA environment declares none"
            }
            Container => {
                "needs a container (namespace) for name resolution: \
                 Kubernetes compiles without one"
            }
            FunctionDecl => {
                "declares functions of its own: the DRA environment's declarations are fixed"
            }
            StringsV3 => "strings extension version 3 (reverse): Kubernetes enables version 2",
            FormatV2 => {
                "Kubernetes enables strings extension version 2, whose string.format \
                 follows cel-go's pre-version-4 rules (ext/formatting.go): locale-formatted \
                 %e and infinities, %f/%e/%d take only their own types, %s quotes strings \
                 inside lists and maps"
            }
            IndexOfOffset => {
                "cel-go 0.27 (Kubernetes' version) returns -1 for an indexOf/lastIndexOf \
                 offset past the end of the string; cel-spec expects an error"
            }
            MappedIpv4 => {
                "Kubernetes' ip() refuses IPv4-mapped IPv6 addresses \
                 (library.IP, stricter than cel-go's network extension)"
            }
        }
    }

    /// How the outcome of a test skipped for this reason reads (one of
    /// these), so that a skip never hides a failure of another kind.
    fn signs(self) -> &'static [&'static str] {
        match self {
            Homogeneous => &["expected type '"],
            Unchecked => &["compile error"],
            Proto => &[
                "cannot run",
                "undeclared reference to 'google.protobuf.",
                "undeclared reference to '.cel.expr.conformance.",
            ],
            Container => &["cannot run (container"],
            FunctionDecl => &["cannot run (function declaration"],
            StringsV3 => &["no matching overload for 'reverse'"],
            FormatV2 => &["got String(", "error during formatting"],
            IndexOfOffset => &["got Bool(true), want an error"],
            MappedIpv4 => &["IPv4-mapped IPv6 address"],
        }
    }
}

/// Every test that cannot pass in Kubernetes' DRA environment.
#[rustfmt::skip]
const SKIPS: &[(&str, &str, &str, Why)] = &[
    // file, section, test ("*": the whole section), reason
    ("basic", "variables", "unbound_is_runtime_error", Unchecked),
    ("basic", "functions", "unbound_is_runtime_error", Unchecked),
    ("bindings_ext", "bind", "shadowing_namespace_resolution", Container),
    ("bindings_ext", "bind", "shadowing_namespace_resolution_selector", Container),
    ("comparisons", "eq_literal", "not_eq_list_null", Homogeneous),
    ("comparisons", "eq_literal", "eq_list_mixed_type_numbers", Homogeneous),
    ("comparisons", "eq_literal", "not_eq_list_mixed_type_numbers", Homogeneous),
    ("comparisons", "eq_literal", "not_eq_list_length", Unchecked),
    ("comparisons", "eq_literal", "not_eq_list_false_vs_types", Homogeneous),
    ("comparisons", "eq_literal", "not_eq_map_null", Homogeneous),
    ("comparisons", "eq_literal", "eq_map_mixed_type_numbers", Homogeneous),
    ("comparisons", "eq_literal", "not_eq_map_false_vs_types", Homogeneous),
    ("comparisons", "eq_literal", "eq_mixed_types", Unchecked),
    ("comparisons", "eq_literal", "eq_list_elem_mixed_types", Unchecked),
    ("comparisons", "eq_literal", "eq_map_value_mixed_types", Homogeneous),
    ("comparisons", "eq_literal", "eq_dyn_json_null", Proto),
    ("comparisons", "eq_literal", "not_eq_dyn_proto2_msg_null", Proto),
    ("comparisons", "eq_literal", "not_eq_dyn_proto3_msg_null", Proto),
    ("comparisons", "eq_literal", "not_eq_list_elem_null", Homogeneous),
    ("comparisons", "eq_literal", "not_eq_map_value_null", Homogeneous),
    ("comparisons", "eq_wrapper", "*", Proto),
    ("comparisons", "ne_literal", "ne_mixed_types", Unchecked),
    ("comparisons", "ne_literal", "ne_proto2", Proto),
    ("comparisons", "ne_literal", "ne_proto3", Proto),
    ("comparisons", "ne_literal", "ne_proto2_missing_fields_neq", Proto),
    ("comparisons", "ne_literal", "ne_proto3_missing_fields_neq", Proto),
    ("comparisons", "ne_literal", "ne_proto_nan_not_equal", Proto),
    ("comparisons", "ne_literal", "ne_proto_different_types", Proto),
    ("comparisons", "ne_literal", "ne_proto2_any_unpack", Proto),
    ("comparisons", "ne_literal", "ne_proto2_any_unpack_bytewise_fallback", Proto),
    ("comparisons", "ne_literal", "ne_proto3_any_unpack", Proto),
    ("comparisons", "ne_literal", "ne_proto3_any_unpack_bytewise_fallback", Proto),
    ("comparisons", "in_list_literal", "elem_in_mixed_type_list", Homogeneous),
    ("comparisons", "in_list_literal", "elem_in_mixed_type_list_cross_type", Homogeneous),
    ("comparisons", "in_map_literal", "key_in_mixed_key_type_map", Homogeneous),
    ("comparisons", "in_map_literal", "key_in_mixed_key_type_map_cross_type", Homogeneous),
    ("conversions", "dyn", "dyn_heterogeneous_list", Homogeneous),
    ("logic", "conditional", "mixed_type", Unchecked),
    ("logic", "AND", "short_circuit_type_left", Unchecked),
    ("logic", "AND", "short_circuit_type_right", Unchecked),
    ("logic", "OR", "short_circuit_type_left", Unchecked),
    ("logic", "OR", "short_circuit_type_right", Unchecked),
    ("macros", "exists", "list_elem_type_shortcircuit", Homogeneous),
    ("macros", "exists", "list_elem_type_exhaustive", Homogeneous),
    ("macros", "exists", "map_key_type_shortcircuit", Homogeneous),
    ("macros", "exists", "map_key_type_exhaustive", Homogeneous),
    ("macros", "all", "list_elem_type_shortcircuit", Homogeneous),
    ("macros", "all", "list_elem_type_exhaustive", Homogeneous),
    ("macros2", "exists", "list_elem_type_shortcircuit", Homogeneous),
    ("macros2", "exists", "list_elem_type_exhaustive", Homogeneous),
    ("macros2", "exists", "map_key_type_shortcircuit", Homogeneous),
    ("macros2", "exists", "map_key_type_exhaustive", Homogeneous),
    ("macros2", "all", "list_elem_type_shortcircuit", Homogeneous),
    ("macros2", "all", "list_elem_type_exhaustive", Homogeneous),
    ("macros2", "all", "list_elem_type_error_exhaustive", Homogeneous),
    ("network_ext", "ipv4", "ipv4_equals_ipv6", MappedIpv4),
    ("network_ext", "ipv4", "ipv4_not_equals_ipv6", MappedIpv4),
    ("optionals", "optionals", "optional_chaining_13", Homogeneous),
    ("optionals", "optionals", "has_optional_ofNonZeroValue_struct_optional_ofNonZeroValue_map_optindex_field", Proto),
    ("optionals", "optionals", "optional_ofNonZeroValue_struct_optional_ofNonZeroValue_map_optindex_field", Proto),
    ("optionals", "optionals", "struct_map_optindex_field", Proto),
    ("optionals", "optionals", "struct_optional_ofNonZeroValue_map_optindex_field", Proto),
    ("optionals", "optionals", "struct_map_optindex_field_nested", Proto),
    ("optionals", "optionals", "struct_list_optindex_field", Proto),
    ("optionals", "optionals", "empty_struct_optindex_hasValue", Proto),
    ("optionals", "optionals", "optional_empty_struct_optindex_hasValue", Proto),
    ("optionals", "optionals", "struct_optindex_value", Proto),
    ("optionals", "optionals", "optional_struct_optindex_value", Proto),
    ("optionals", "optionals", "optional_struct_optindex_index_value", Proto),
    ("optionals", "optionals", "map_key_mixed_type_optindex_value", Homogeneous),
    ("optionals", "optionals", "map_key_mixed_numbers_double_key_optindex_value", Homogeneous),
    ("optionals", "optionals", "map_key_mixed_numbers_uint_key_optindex_value", Homogeneous),
    ("optionals", "optionals", "map_key_mixed_numbers_int_key_optindex_value", Homogeneous),
    ("parse", "nest", "message_literal", Proto),
    ("parse", "repeat", "select", Proto),
    ("parse", "repeat", "message_literal", Proto),
    ("parse", "whitespace", "spaces", Proto),
    ("parse", "whitespace", "tabs", Proto),
    ("parse", "whitespace", "new_lines", Proto),
    ("parse", "whitespace", "new_pages", Proto),
    ("parse", "whitespace", "carriage_returns", Proto),
    ("parse", "comments", "new_line_terminated", Proto),
    ("parse", "receiver_function_names", "*", Unchecked),
    ("parse", "struct_field_names", "*", Proto),
    ("plumbing", "check_inputs", "skip_check", Homogeneous),
    ("string_ext", "format", "scientific notation formatting clause", FormatV2),
    ("string_ext", "format", "default precision for fixed-point clause with int", FormatV2),
    ("string_ext", "format", "default precision for fixed-point clause with uint", FormatV2),
    ("string_ext", "format", "default precision for scientific notation", FormatV2),
    ("string_ext", "format", "default precision for scientific notation with int", FormatV2),
    ("string_ext", "format", "default precision for scientific notation with uint", FormatV2),
    ("string_ext", "format", "positive infinity support for scientific notation", FormatV2),
    ("string_ext", "format", "negative infinity support for scientific notation", FormatV2),
    ("string_ext", "format", "NaN support for decimal", FormatV2),
    ("string_ext", "format", "positive infinity support for decimal", FormatV2),
    ("string_ext", "format", "negative infinity support for decimal", FormatV2),
    ("string_ext", "format", "positive infinity support for fixed-point", FormatV2),
    ("string_ext", "format", "negative infinity support for fixed-point", FormatV2),
    ("string_ext", "format", "list support for string", FormatV2),
    ("string_ext", "format", "map support for string", FormatV2),
    ("string_ext", "format", "map support (all key types)", FormatV2),
    ("string_ext", "format", "dyntype support for scientific notation", FormatV2),
    ("string_ext", "format", "dyntype NaN/infinity support", FormatV2),
    ("string_ext", "format", "dyntype support for lists", FormatV2),
    ("string_ext", "format", "dyntype support for maps", FormatV2),
    ("string_ext", "format", "scientific notation formatting clause in a string variable", FormatV2),
    ("string_ext", "value_errors", "indexof_out_of_range", IndexOfOffset),
    ("string_ext", "value_errors", "lastindexof_out_of_range", IndexOfOffset),
    ("string_ext", "reverse", "*", StringsV3),
    ("type_deduction", "complex_initializers", "struct", Proto),
    ("type_deduction", "field_access", "*", Proto),
    ("type_deduction", "functions", "function_result_type", FunctionDecl),
    ("type_deduction", "flexible_type_parameter_assignment", "comprehension_type_var_aliasing", Proto),
    ("type_deduction", "flexible_type_parameter_assignment", "overload_type_var_aliasing", Proto),
    ("type_deduction", "flexible_type_parameter_assignment", "list_parameters_do_not_unify", Proto),
    ("type_deduction", "flexible_type_parameter_assignment", "optional_dyn_promotion", Homogeneous),
    ("type_deduction", "flexible_type_parameter_assignment", "optional_dyn_promotion_2", Homogeneous),
    ("type_deduction", "wrappers", "*", Proto),
    ("type_deduction", "type_parameters", "*", FunctionDecl),
    ("type_deduction", "legacy_nullable_types", "null_assignable_to_message_parameter_candidate", Proto),
    ("type_deduction", "legacy_nullable_types", "null_assignable_to_duration_parameter_candidate", Proto),
    ("type_deduction", "legacy_nullable_types", "null_assignable_to_timestamp_parameter_candidate", Proto),
    ("type_deduction", "legacy_nullable_types", "null_assignable_to_abstract_parameter_candidate", Homogeneous),
];

/// What running one test gave.
enum Outcome {
    Pass,
    Fail(String),
    /// The test needs something the DRA environment cannot express.
    CannotRun(String),
}

/// The schema, compiled from tests/cel/cel-spec/proto.
fn descriptor_pool() -> DescriptorPool {
    let root = repo_root().join("tests/cel/cel-spec/proto");
    let files = [
        "cel/expr/conformance/test/simple.proto",
        "cel/expr/conformance/proto2/test_all_types.proto",
        "cel/expr/conformance/proto2/test_all_types_extensions.proto",
        "cel/expr/conformance/proto3/test_all_types.proto",
    ];
    protox::Compiler::new([&root])
        .and_then(|mut c| {
            c.include_imports(true).open_files(files)?;
            Ok(c.descriptor_pool())
        })
        .unwrap_or_else(|e| panic!("compiling the cel-spec schema: {e:?}"))
}

// Reading dynamic messages.

fn get<'a>(m: &'a DynamicMessage, name: &str) -> Option<Cow<'a, Pv>> {
    if m.has_field_by_name(name) {
        m.get_field_by_name(name)
    } else {
        None
    }
}

fn message(m: &DynamicMessage, name: &str) -> Option<DynamicMessage> {
    get(m, name).and_then(|v| v.as_message().cloned())
}

fn string(m: &DynamicMessage, name: &str) -> String {
    get(m, name)
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn flag(m: &DynamicMessage, name: &str) -> bool {
    get(m, name).and_then(|v| v.as_bool()).unwrap_or(false)
}

fn messages(m: &DynamicMessage, name: &str) -> Vec<DynamicMessage> {
    match get(m, name) {
        Some(v) => v
            .as_list()
            .unwrap_or_default()
            .iter()
            .filter_map(|v| v.as_message().cloned())
            .collect(),
        None => Vec::new(),
    }
}

/// The field set in a message made of one `oneof` (cel.expr.Value, Type).
fn kind(m: &DynamicMessage) -> Option<(String, Pv)> {
    m.fields()
        .next()
        .map(|(f, v)| (f.name().to_string(), v.clone()))
}

// cel.expr values and types.

/// A `cel.expr.Type` written as the CEL API takes declarations.
fn decl_type(t: &DynamicMessage) -> Result<String, String> {
    let (kind, v) = kind(t).ok_or("empty type")?;
    let sub = |name: &str| -> Result<String, String> {
        let m = v.as_message().and_then(|m| message(m, name));
        decl_type(&m.ok_or(format!("{kind} without {name}"))?)
    };
    Ok(match kind.as_str() {
        "primitive" => match v.as_enum_number() {
            Some(1) => "bool",
            Some(2) => "int",
            Some(3) => "uint",
            Some(4) => "double",
            Some(5) => "string",
            Some(6) => "bytes",
            _ => return Err("unknown primitive".into()),
        }
        .to_string(),
        "dyn" => "dyn".into(),
        "null" => "null".into(),
        "well_known" => match v.as_enum_number() {
            Some(1) => "any",
            Some(2) => "timestamp",
            Some(3) => "duration",
            _ => return Err("unknown well-known type".into()),
        }
        .to_string(),
        "list_type" => format!("list({})", sub("elem_type")?),
        "map_type" => format!("map({}, {})", sub("key_type")?, sub("value_type")?),
        "type" => format!("type({})", decl_type(v.as_message().ok_or("type")?)?),
        "type_param" => v.as_str().unwrap_or_default().to_string(),
        "abstract_type" => {
            let m = v.as_message().ok_or("abstract type")?;
            let params = messages(m, "parameter_types")
                .iter()
                .map(decl_type)
                .collect::<Result<Vec<_>, _>>()?;
            match string(m, "name").as_str() {
                "optional_type" if params.len() == 1 => format!("optional({})", params[0]),
                name => return Err(format!("abstract type {name}")),
            }
        }
        other => return Err(format!("{other} type")),
    })
}

/// A `cel.expr.Type` as cel-go prints a checked type (`Type.String()`).
fn type_name(t: &DynamicMessage) -> Result<String, String> {
    let (kind, v) = kind(t).ok_or("empty type")?;
    let sub = |name: &str| -> Result<String, String> {
        let m = v.as_message().and_then(|m| message(m, name));
        type_name(&m.ok_or(format!("{kind} without {name}"))?)
    };
    Ok(match kind.as_str() {
        "primitive" | "dyn" => decl_type(t)?,
        "null" => "null_type".into(),
        "well_known" => match v.as_enum_number() {
            Some(1) => "any".into(),
            Some(2) => "google.protobuf.Timestamp".into(),
            Some(3) => "google.protobuf.Duration".into(),
            _ => return Err("unknown well-known type".into()),
        },
        "list_type" => format!("list({})", sub("elem_type")?),
        "map_type" => format!("map({}, {})", sub("key_type")?, sub("value_type")?),
        "type" => format!("type({})", type_name(v.as_message().ok_or("type")?)?),
        "type_param" => v.as_str().unwrap_or_default().to_string(),
        "abstract_type" => {
            let m = v.as_message().ok_or("abstract type")?;
            let params = messages(m, "parameter_types")
                .iter()
                .map(type_name)
                .collect::<Result<Vec<_>, _>>()?;
            if params.is_empty() {
                string(m, "name")
            } else {
                format!("{}({})", string(m, "name"), params.join(", "))
            }
        }
        other => return Err(format!("{other} type")),
    })
}

/// A `cel.expr.Value` as a value of the API.
fn value(v: &DynamicMessage) -> Result<EvalValue, String> {
    let (kind, x) = kind(v).ok_or("empty value")?;
    Ok(match (kind.as_str(), &x) {
        ("null_value", _) => EvalValue::Null,
        ("bool_value", Pv::Bool(b)) => EvalValue::Bool(*b),
        ("int64_value", Pv::I64(i)) => EvalValue::Int(*i),
        ("uint64_value", Pv::U64(u)) => EvalValue::Uint(*u),
        ("double_value", Pv::F64(d)) => EvalValue::Double(*d),
        ("string_value", Pv::String(s)) => EvalValue::String(s.clone()),
        ("bytes_value", Pv::Bytes(b)) => EvalValue::Bytes(b.to_vec()),
        ("type_value", Pv::String(s)) => EvalValue::Other {
            type_name: "type".into(),
            text: s.clone(),
        },
        ("list_value", Pv::Message(l)) => EvalValue::List(
            messages(l, "values")
                .iter()
                .map(value)
                .collect::<Result<_, _>>()?,
        ),
        ("map_value", Pv::Message(m)) => {
            let mut entries = Vec::new();
            for e in messages(m, "entries") {
                let k = message(&e, "key").ok_or("map entry without key")?;
                let v = message(&e, "value").ok_or("map entry without value")?;
                entries.push((value(&k)?, value(&v)?));
            }
            EvalValue::Map(entries)
        }
        ("object_value", Pv::Message(any)) => {
            return Err(format!("a protobuf message ({})", string(any, "type_url")))
        }
        (other, _) => return Err(format!("a {other}")),
    })
}

fn same(a: &EvalValue, b: &EvalValue) -> bool {
    match (a, b) {
        (EvalValue::Double(x), EvalValue::Double(y)) => (x.is_nan() && y.is_nan()) || x == y,
        (EvalValue::List(x), EvalValue::List(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (EvalValue::Map(x), EvalValue::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.iter().any(|(k2, v2)| same(k, k2) && same(v, v2)))
        }
        _ => a == b,
    }
}

/// Runs one `SimpleTest`.
fn run(t: &DynamicMessage) -> Outcome {
    let expr = string(t, "expr");
    if !string(t, "container").is_empty() {
        return Outcome::CannotRun(format!("container {}", string(t, "container")));
    }
    if t.has_field_by_name("unknown") || t.has_field_by_name("any_unknowns") {
        return Outcome::CannotRun("unknowns".into());
    }
    let mut vars: Vec<(String, String)> = Vec::new();
    for d in messages(t, "type_env") {
        let name = string(&d, "name");
        let Some(ident) = message(&d, "ident") else {
            return Outcome::CannotRun(format!("function declaration {name}"));
        };
        match message(&ident, "type").as_ref().map(decl_type) {
            Some(Ok(ty)) => vars.push((name, ty)),
            Some(Err(e)) => return Outcome::CannotRun(format!("variable {name} of {e}")),
            None => return Outcome::CannotRun(format!("variable {name} without a type")),
        }
    }
    let mut bindings: Vec<(String, EvalValue)> = Vec::new();
    if let Some(Pv::Map(map)) = get(t, "bindings").as_deref() {
        for (k, v) in map {
            let (MapKey::String(name), Pv::Message(ev)) = (k, v) else {
                continue;
            };
            let bound = match message(ev, "value") {
                Some(v) => value(&v),
                None => Err("an error or unknown".into()),
            };
            match bound {
                Ok(v) => bindings.push((name.clone(), v)),
                Err(e) => return Outcome::CannotRun(format!("binding {name}: {e}")),
            }
            // Without a type environment, bound variables are dyn.
            if !vars.iter().any(|(n, _)| n == name) {
                vars.push((name.clone(), "dyn".into()));
            }
        }
    }
    let check_only = flag(t, "check_only");
    let typed = message(t, "typed_result");
    let want_type = match typed.as_ref().and_then(|r| message(r, "deduced_type")) {
        Some(d) => match type_name(&d) {
            Ok(ty) => Some(ty),
            Err(e) => return Outcome::CannotRun(format!("deduced type: {e}")),
        },
        None => None,
    };
    let want_error = t.has_field_by_name("eval_error") || t.has_field_by_name("any_eval_errors");
    // The messages of the expected errors (`eval_error`, or any set of
    // `any_eval_errors`).
    let mut error_sets = message(t, "eval_error").into_iter().collect::<Vec<_>>();
    if let Some(any) = message(t, "any_eval_errors") {
        error_sets.extend(messages(&any, "errors"));
    }
    let want_messages: Vec<String> = error_sets
        .iter()
        .flat_map(|set| messages(set, "errors"))
        .map(|status| string(&status, "message"))
        .filter(|m| !m.is_empty())
        .collect();
    let expected = match &typed {
        Some(r) => message(r, "result"),
        None => message(t, "value"),
    };
    let want: Option<EvalValue> = match expected {
        Some(v) => match value(&v) {
            Ok(v) => Some(v),
            Err(e) => return Outcome::CannotRun(format!("expected value: {e}")),
        },
        None if want_error => None,
        // A test without a result matcher expects true.
        None => Some(EvalValue::Bool(true)),
    };

    let var_refs: Vec<(&str, &str)> = vars.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let options = CompileOptions {
        list_type_attributes: true,
        consumable_capacity: true,
    };
    let program = match compile_expression_with_variables(
        &expr,
        &options,
        EnvType::StoredExpressions,
        &var_refs,
    ) {
        Ok(p) => p,
        // Kubernetes rejects at compile time what cel-go's unchecked
        // evaluation rejects at run time; a checked test must expect the
        // error the checker gives.
        Err(e)
            if want_error
                && (flag(t, "disable_check")
                    || e.internal
                    || want_messages.iter().any(|m| e.message.contains(m.as_str()))) =>
        {
            return Outcome::Pass
        }
        Err(e) => return Outcome::Fail(format!("compile error: {}", e.message)),
    };
    if let Some(w) = &want_type {
        if *w != program.output_type() {
            return Outcome::Fail(format!("deduced type {}, want {w}", program.output_type()));
        }
    }
    if check_only {
        return Outcome::Pass;
    }
    let device = empty_device();
    let bound: Vec<(&str, EvalValue)> = bindings
        .iter()
        .map(|(n, v)| (n.as_str(), v.clone()))
        .collect();
    match (program.evaluate_with(&device.input(), &bound), &want) {
        (Ok(got), Some(w)) if same(&got, w) => Outcome::Pass,
        (Ok(got), Some(w)) => Outcome::Fail(format!("got {got:?}, want {w:?}")),
        (Ok(got), None) => Outcome::Fail(format!("got {got:?}, want an error")),
        // cel-spec's error messages are informal; Kubernetes' own texts are
        // checked by the Kubernetes cases.
        (Err(_), None) => Outcome::Pass,
        (Err(e), Some(w)) => Outcome::Fail(format!("error {:?}, want {w:?}", e.message)),
    }
}

#[derive(Default)]
struct Counts {
    pass: usize,
    fail: usize,
    skip: usize,
}

#[test]
fn cel_spec_conformance() {
    let pool = descriptor_pool();
    let file_type = pool
        .get_message_by_name("cel.expr.conformance.test.SimpleTestFile")
        .expect("SimpleTestFile in the schema");
    let dir = repo_root().join("tests/cel/cel-spec/tests/simple/testdata");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("cel-spec test data")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "textproto"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 17, "cel-spec test files in {}", dir.display());

    let mut counts: BTreeMap<String, Counts> = BTreeMap::new();
    let mut failures: Vec<String> = Vec::new();
    let mut used: BTreeSet<usize> = BTreeSet::new();
    let mut by_reason: BTreeMap<Why, usize> = BTreeMap::new();
    for path in files {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let file = DynamicMessage::parse_text_format(file_type.clone(), &text)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let c = counts.entry(stem.clone()).or_default();
        for section in messages(&file, "section") {
            let section_name = string(&section, "name");
            for t in messages(&section, "test") {
                let name = string(&t, "name");
                let listed = SKIPS.iter().position(|&(file, section, test, _)| {
                    file == stem && section == section_name && (test == "*" || test == name)
                });
                let mut id = format!("{stem}/{section_name}/{name}");
                for f in ["disable_check", "disable_macros", "check_only"] {
                    if flag(&t, f) {
                        id.push_str(&format!(" [{f}]"));
                    }
                }
                let outcome = match run(&t) {
                    Outcome::CannotRun(why) => Outcome::CannotRun(format!("cannot run ({why})")),
                    other => other,
                };
                match (listed, outcome) {
                    (None, Outcome::Pass) => c.pass += 1,
                    (None, Outcome::Fail(why)) => {
                        c.fail += 1;
                        failures.push(format!("{id}: {}\n    {why}", string(&t, "expr")));
                    }
                    (None, Outcome::CannotRun(why)) => {
                        c.fail += 1;
                        failures.push(format!(
                            "{id}: {}\n    {why}, and not in SKIPS",
                            string(&t, "expr")
                        ));
                    }
                    (Some(i), Outcome::Pass) => {
                        c.fail += 1;
                        used.insert(i);
                        failures.push(format!("{id}: passes, but SKIPS lists it"));
                    }
                    (Some(i), Outcome::Fail(why) | Outcome::CannotRun(why)) => {
                        used.insert(i);
                        let reason = SKIPS[i].3;
                        if reason.signs().iter().any(|s| why.contains(s)) {
                            c.skip += 1;
                            *by_reason.entry(reason).or_default() += 1;
                        } else {
                            c.fail += 1;
                            failures.push(format!(
                                "{id}: {}\n    skipped as {reason:?}, but fails otherwise: {why}",
                                string(&t, "expr")
                            ));
                        }
                    }
                }
            }
        }
    }

    println!("{:16} {:>5} {:>5} {:>5}", "file", "pass", "fail", "skip");
    let mut total = Counts::default();
    for (file, c) in &counts {
        println!("{file:16} {:5} {:5} {:5}", c.pass, c.fail, c.skip);
        total.pass += c.pass;
        total.fail += c.fail;
        total.skip += c.skip;
    }
    println!(
        "{:16} {:5} {:5} {:5}",
        "total", total.pass, total.fail, total.skip
    );
    println!("\nskipped, by reason:");
    for (reason, n) in &by_reason {
        println!("{n:5}  {reason:?}: {}", reason.text());
    }
    for (i, (file, section, test, _)) in SKIPS.iter().enumerate() {
        if !used.contains(&i) {
            failures.push(format!(
                "SKIPS entry {file}/{section}/{test} matches no test"
            ));
        }
    }
    if !failures.is_empty() {
        println!("\nfailures:");
        for f in &failures {
            println!("{f}");
        }
    }
    assert!(
        failures.is_empty(),
        "{} cel-spec failures (run with --nocapture to list them)",
        failures.len()
    );
}
