//! The cel-spec conformance tests in tests/cel/cel-spec, run in the DRA
//! environment (StoredExpressions). Tests that need protobuf messages,
//! containers or macros turned off are skipped; `typed_result` tests also
//! compare the deduced type. The rest report pass and
//! fail counts per file. The environment is Kubernetes', not plain CEL, so
//! some tests differ by design (homogeneous literals, library versions); the
//! test guards the number of passing tests against regressions.

#[path = "cel_support.rs"]
mod support;

use std::collections::BTreeMap;

use dra_engine::cel::{compile_expression_with_variables, CompileOptions, EnvType, EvalValue};
use support::{empty_device, repo_root};

/// A text-format protobuf value.
#[derive(Clone, Debug)]
enum Tp {
    Msg(Vec<(String, Tp)>),
    Str(Vec<u8>),
    Scalar(String),
}

impl Tp {
    fn fields<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Tp> + 'a {
        let items: &[(String, Tp)] = match self {
            Tp::Msg(f) => f,
            _ => &[],
        };
        items.iter().filter(move |(k, _)| k == name).map(|(_, v)| v)
    }

    fn get<'a>(&'a self, name: &'a str) -> Option<&'a Tp> {
        self.fields(name).next()
    }

    fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    fn text(&self) -> String {
        match self {
            Tp::Str(b) => String::from_utf8_lossy(b).into_owned(),
            Tp::Scalar(s) => s.clone(),
            Tp::Msg(_) => String::new(),
        }
    }

    fn str_field(&self, name: &str) -> String {
        self.get(name).map(|v| v.text()).unwrap_or_default()
    }

    fn bool_field(&self, name: &str) -> bool {
        self.get(name).is_some_and(|v| v.text() == "true")
    }

    fn first_field(&self) -> Option<(&str, &Tp)> {
        match self {
            Tp::Msg(f) => f.first().map(|(k, v)| (k.as_str(), v)),
            _ => None,
        }
    }
}

struct Parser<'s> {
    s: &'s [u8],
    i: usize,
}

impl Parser<'_> {
    fn skip(&mut self) {
        while self.i < self.s.len() {
            let c = self.s[self.i];
            if c == b'#' {
                while self.i < self.s.len() && self.s[self.i] != b'\n' {
                    self.i += 1;
                }
            } else if c.is_ascii_whitespace() {
                self.i += 1;
            } else {
                break;
            }
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.skip();
        self.s.get(self.i).copied()
    }

    fn ident(&mut self) -> String {
        self.skip();
        let start = self.i;
        if self.s.get(self.i) == Some(&b'[') {
            while self.i < self.s.len() && self.s[self.i] != b']' {
                self.i += 1;
            }
            self.i += 1;
        } else {
            while self.i < self.s.len()
                && (self.s[self.i].is_ascii_alphanumeric() || b"_.-+".contains(&self.s[self.i]))
            {
                self.i += 1;
            }
        }
        String::from_utf8_lossy(&self.s[start..self.i]).into_owned()
    }

    fn string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(q @ (b'"' | b'\'')) = self.peek() {
            self.i += 1;
            while self.i < self.s.len() && self.s[self.i] != q {
                let c = self.s[self.i];
                self.i += 1;
                if c != b'\\' {
                    out.push(c);
                    continue;
                }
                let e = self.s[self.i];
                self.i += 1;
                match e {
                    b'n' => out.push(b'\n'),
                    b't' => out.push(b'\t'),
                    b'r' => out.push(b'\r'),
                    b'a' => out.push(7),
                    b'b' => out.push(8),
                    b'f' => out.push(12),
                    b'v' => out.push(11),
                    b'x' | b'X' => {
                        let mut v = 0u32;
                        let mut n = 0;
                        while n < 2 && self.i < self.s.len() && self.s[self.i].is_ascii_hexdigit() {
                            v = v * 16 + (self.s[self.i] as char).to_digit(16).unwrap_or(0);
                            self.i += 1;
                            n += 1;
                        }
                        out.push(v as u8);
                    }
                    b'u' | b'U' => {
                        let len = if e == b'u' { 4 } else { 8 };
                        let hex =
                            String::from_utf8_lossy(&self.s[self.i..self.i + len]).into_owned();
                        self.i += len;
                        let ch = u32::from_str_radix(&hex, 16)
                            .ok()
                            .and_then(char::from_u32)
                            .unwrap_or('?');
                        let mut buf = [0u8; 4];
                        out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                    }
                    b'0'..=b'7' => {
                        let mut v = (e - b'0') as u32;
                        let mut n = 1;
                        while n < 3
                            && self.i < self.s.len()
                            && (b'0'..=b'7').contains(&self.s[self.i])
                        {
                            v = v * 8 + (self.s[self.i] - b'0') as u32;
                            self.i += 1;
                            n += 1;
                        }
                        out.push(v as u8);
                    }
                    other => out.push(other),
                }
            }
            self.i += 1;
        }
        out
    }

    fn value(&mut self) -> Tp {
        match self.peek() {
            Some(b'{') | Some(b'<') => self.message(),
            Some(b'"') | Some(b'\'') => Tp::Str(self.string()),
            Some(b'[') => {
                // A list of values: kept as a message of "" fields.
                self.i += 1;
                let mut items = Vec::new();
                while self.peek() != Some(b']') && self.peek().is_some() {
                    items.push((String::new(), self.value()));
                    if self.peek() == Some(b',') {
                        self.i += 1;
                    }
                }
                self.i += 1;
                Tp::Msg(items)
            }
            _ => Tp::Scalar(self.ident()),
        }
    }

    fn message(&mut self) -> Tp {
        let close = if self.peek() == Some(b'<') {
            b'>'
        } else {
            b'}'
        };
        self.i += 1;
        let fields = self.fields(Some(close));
        self.i += 1;
        Tp::Msg(fields)
    }

    fn fields(&mut self, close: Option<u8>) -> Vec<(String, Tp)> {
        let mut out = Vec::new();
        loop {
            match self.peek() {
                None => break,
                Some(c) if Some(c) == close => break,
                _ => {}
            }
            let name = self.ident();
            if name.is_empty() {
                self.i += 1;
                continue;
            }
            if self.peek() == Some(b':') {
                self.i += 1;
            }
            let v = self.value();
            if let Tp::Msg(items) = &v {
                if items.iter().all(|(k, _)| k.is_empty()) && !items.is_empty() {
                    for (_, item) in items {
                        out.push((name.clone(), item.clone()));
                    }
                    continue;
                }
            }
            out.push((name, v));
            if matches!(self.peek(), Some(b',') | Some(b';')) {
                self.i += 1;
            }
        }
        out
    }
}

fn parse_textproto(text: &str) -> Tp {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
    };
    Tp::Msg(p.fields(None))
}

/// A CEL type of a declaration, in the notation the CEL API takes.
fn decl_type(t: &Tp) -> Option<String> {
    let (kind, v) = t.first_field()?;
    Some(match kind {
        "primitive" => match v.text().as_str() {
            "BOOL" => "bool".into(),
            "INT64" => "int".into(),
            "UINT64" => "uint".into(),
            "DOUBLE" => "double".into(),
            "STRING" => "string".into(),
            "BYTES" => "bytes".into(),
            _ => return None,
        },
        "dyn" => "dyn".into(),
        "null" => "null".into(),
        "well_known" => match v.text().as_str() {
            "DURATION" => "duration".into(),
            "TIMESTAMP" => "timestamp".into(),
            "ANY" => "any".into(),
            _ => return None,
        },
        "list_type" => format!("list({})", decl_type(v.get("elem_type")?)?),
        "map_type" => format!(
            "map({}, {})",
            decl_type(v.get("key_type")?)?,
            decl_type(v.get("value_type")?)?
        ),
        _ => return None,
    })
}

/// A `deduced_type` as cel-go names the type (`Type.String()`); `None` for
/// protobuf messages and wrappers.
fn deduced_type(t: &Tp) -> Option<String> {
    let (kind, v) = t.first_field()?;
    let join = |ts: Vec<String>| ts.join(", ");
    Some(match kind {
        "primitive" => decl_type(t)?,
        "dyn" => "dyn".into(),
        "null" => "null_type".into(),
        "well_known" => match v.text().as_str() {
            "DURATION" => "google.protobuf.Duration".into(),
            "TIMESTAMP" => "google.protobuf.Timestamp".into(),
            _ => return None,
        },
        "list_type" => format!("list({})", deduced_type(v.get("elem_type")?)?),
        "map_type" => format!(
            "map({}, {})",
            deduced_type(v.get("key_type")?)?,
            deduced_type(v.get("value_type")?)?
        ),
        "abstract_type" => {
            let params = v
                .fields("parameter_types")
                .map(deduced_type)
                .collect::<Option<Vec<_>>>()?;
            if params.is_empty() {
                v.str_field("name")
            } else {
                format!("{}({})", v.str_field("name"), join(params))
            }
        }
        "type" => format!("type({})", deduced_type(v)?),
        _ => return None,
    })
}

/// An expected `cel.expr.Value` as a value of the API; `None` if it needs
/// protobuf messages.
fn expected_value(v: &Tp) -> Option<EvalValue> {
    let (kind, x) = v.first_field()?;
    Some(match kind {
        "null_value" => EvalValue::Null,
        "bool_value" => EvalValue::Bool(x.text() == "true"),
        "int64_value" => EvalValue::Int(x.text().parse().ok()?),
        "uint64_value" => EvalValue::Uint(x.text().parse().ok()?),
        "double_value" => EvalValue::Double(match x.text().as_str() {
            "inf" | "infinity" | "Infinity" => f64::INFINITY,
            "-inf" | "-infinity" | "-Infinity" => f64::NEG_INFINITY,
            "nan" | "NaN" => f64::NAN,
            t => t.parse().ok()?,
        }),
        "string_value" => EvalValue::String(x.text()),
        "bytes_value" => EvalValue::Bytes(match x {
            Tp::Str(b) => b.clone(),
            _ => Vec::new(),
        }),
        "type_value" => EvalValue::Other {
            type_name: "type".into(),
            text: x.text(),
        },
        "list_value" => EvalValue::List(
            x.fields("values")
                .map(expected_value)
                .collect::<Option<Vec<_>>>()?,
        ),
        "map_value" => {
            let mut entries = Vec::new();
            for e in x.fields("entries") {
                entries.push((
                    expected_value(e.get("key")?)?,
                    expected_value(e.get("value")?)?,
                ));
            }
            EvalValue::Map(entries)
        }
        _ => return None,
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

#[derive(Default)]
struct Counts {
    pass: usize,
    fail: usize,
    skip: usize,
    failures: Vec<String>,
}

fn run_test(t: &Tp, counts: &mut Counts) {
    let name = t.str_field("name");
    let expr = t.str_field("expr");
    let skip = |counts: &mut Counts| counts.skip += 1;
    if t.bool_field("disable_macros")
        || t.bool_field("disable_check")
        || !t.str_field("container").is_empty()
        || t.has("unknown")
    {
        return skip(counts);
    }
    // `typed_result` tests: compare the deduced type (cel-go's type names)
    // and, unless `check_only`, the value.
    let typed = t.get("typed_result");
    let want_type = match typed.and_then(|r| r.get("deduced_type")) {
        Some(d) => match deduced_type(d) {
            Some(ty) => Some(ty),
            None => return skip(counts),
        },
        None => None,
    };
    if typed.is_none() && t.bool_field("check_only") {
        return skip(counts);
    }
    let mut vars: Vec<(String, String)> = Vec::new();
    for d in t.fields("type_env") {
        let Some(ty) = d
            .get("ident")
            .and_then(|i| i.get("type"))
            .and_then(decl_type)
        else {
            return skip(counts);
        };
        vars.push((d.str_field("name"), ty));
    }
    let mut bindings: Vec<(String, EvalValue)> = Vec::new();
    for b in t.fields("bindings") {
        let Some(v) = b
            .get("value")
            .and_then(|v| v.get("value"))
            .and_then(expected_value)
        else {
            return skip(counts);
        };
        bindings.push((b.str_field("key"), v));
    }
    // Without a type environment, bound variables are dyn.
    for (n, _) in &bindings {
        if !vars.iter().any(|(v, _)| v == n) {
            vars.push((n.clone(), "dyn".into()));
        }
    }
    let want_error = t.has("eval_error") || t.has("any_eval_errors");
    let check_only = t.bool_field("check_only");
    let value = match typed {
        Some(r) => r.get("result"),
        None => t.get("value"),
    };
    let want = match value {
        Some(v) => match expected_value(v) {
            Some(e) => Some(e),
            None => return skip(counts),
        },
        None if want_error => None,
        None => Some(EvalValue::Bool(true)),
    };
    let var_refs: Vec<(&str, &str)> = vars.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let opts = CompileOptions {
        list_type_attributes: true,
        consumable_capacity: true,
    };
    let outcome = match compile_expression_with_variables(
        &expr,
        &opts,
        EnvType::StoredExpressions,
        &var_refs,
    ) {
        Err(e) => Err(format!("compile: {}", e.message)),
        Ok(p) if want_type.as_ref().is_some_and(|w| *w != p.output_type()) => {
            Err(format!("type: {}", p.output_type()))
        }
        Ok(_) if check_only => Ok(EvalValue::Bool(true)),
        Ok(p) => {
            let device = empty_device();
            let b: Vec<(&str, EvalValue)> = bindings
                .iter()
                .map(|(n, v)| (n.as_str(), v.clone()))
                .collect();
            match p.evaluate_with(&device.input(), &b) {
                Ok(v) => Ok(v),
                Err(e) => Err(format!("runtime: {}", e.message)),
            }
        }
    };
    let want = if check_only {
        Some(EvalValue::Bool(true))
    } else {
        want
    };
    let ok = match (&want, &outcome) {
        (None, Err(e)) => e.starts_with("runtime"),
        (Some(w), Ok(v)) => same(w, v),
        _ => false,
    };
    if ok {
        counts.pass += 1;
    } else {
        counts.fail += 1;
        counts.failures.push(format!(
            "{name}: {expr}\n    want {want:?}\n    got  {outcome:?}"
        ));
    }
}

#[test]
fn cel_spec_conformance() {
    let dir = repo_root().join("tests/cel/cel-spec/tests/simple/testdata");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("cel-spec test data")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "textproto"))
        .collect();
    files.sort();
    let mut totals: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let verbose = std::env::var("CEL_SPEC_VERBOSE").is_ok();
    let (mut pass, mut fail, mut skip) = (0, 0, 0);
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let file = parse_textproto(&text);
        let mut counts = Counts::default();
        for section in file.fields("section") {
            for t in section.fields("test") {
                run_test(t, &mut counts);
            }
        }
        let stem = f.file_stem().unwrap().to_string_lossy().into_owned();
        if verbose {
            for fl in &counts.failures {
                println!("FAIL [{stem}] {fl}");
            }
        }
        pass += counts.pass;
        fail += counts.fail;
        skip += counts.skip;
        totals.insert(stem, (counts.pass, counts.fail, counts.skip));
    }
    for (k, (p, f, s)) in &totals {
        println!("{k:16} pass {p:4}  fail {f:4}  skipped {s:4}");
    }
    println!("cel-spec: pass {pass}, fail {fail}, skipped {skip}");
    // Guard against regressions; raise as coverage grows.
    assert!(
        pass >= MIN_PASS,
        "only {pass} cel-spec tests pass (expected at least {MIN_PASS})"
    );
}

const MIN_PASS: usize = 1193;
