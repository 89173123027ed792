//! Our parser against the `cel` crate's ANTLR parser it replaces, on a
//! large generated corpus of valid and invalid expressions: the same trees
//! (up to node ids) at the same offsets, and the same syntax errors.

use std::collections::HashMap;

use super::ast::*;
use super::corpus::{expression, soup, spoiled, Rng};
use super::source::{Issue, Source};
use super::{parse, parse_antlr, Parsed};

/// A tree as text, with each node's offset and without ids.
fn shape(e: &Expr, offsets: &HashMap<Id, usize>, out: &mut String) {
    let at = offsets.get(&e.id).map_or(-1, |&o| o as i64);
    match &e.kind {
        // The `cel` crate places a negative number at its digits, cel-go
        // at its sign.
        ExprKind::Literal(Literal::Int(i)) if *i <= 0 => {}
        ExprKind::Literal(Literal::Double(d)) if *d <= 0.0 => {}
        _ => out.push_str(&format!("@{at}")),
    }
    match &e.kind {
        ExprKind::Literal(l) => out.push_str(&format!("{l:?}")),
        // The `cel` crate's trees were converted to the older accumulator
        // name.
        ExprKind::Ident(n) if n == HIDDEN_ACCUMULATOR => out.push_str(ACCUMULATOR),
        ExprKind::Ident(n) => out.push_str(n),
        ExprKind::Select(s) => {
            out.push_str(&format!("sel[{} {}](", s.field, s.test_only));
            shape(&s.operand, offsets, out);
            out.push(')');
        }
        ExprKind::Call(c) => {
            out.push_str(&format!("call[{}](", c.function));
            if let Some(t) = &c.target {
                shape(t, offsets, out);
                out.push_str("; ");
            }
            for (i, a) in c.args.iter().enumerate() {
                // The `cel` crate places the field name of `a.?b` at the
                // `.`, cel-go at the name.
                if c.function == "_?._" && i == 1 {
                    out.push_str(&format!("{:?}", a.kind));
                } else {
                    shape(a, offsets, out);
                }
                out.push(',');
            }
            out.push(')');
        }
        ExprKind::List(l) => {
            out.push_str(&format!("list{:?}[", l.optional_indices));
            for x in &l.elements {
                shape(x, offsets, out);
                out.push(',');
            }
            out.push(']');
        }
        // An entry's offset is not compared: in a macro's copy of a map
        // cel-go places the entries at the macro, the `cel` crate where
        // the entries it copies are.
        ExprKind::Map(m) => {
            out.push('{');
            for en in &m.entries {
                out.push_str(&format!("{}", en.optional));
                shape(&en.key, offsets, out);
                out.push(':');
                shape(&en.value, offsets, out);
                out.push(',');
            }
            out.push('}');
        }
        ExprKind::Struct(s) => {
            out.push_str(&format!("{}{{", s.type_name));
            for f in &s.fields {
                out.push_str(&format!("{}{}:", f.optional, f.name));
                shape(&f.value, offsets, out);
                out.push(',');
            }
            out.push('}');
        }
        ExprKind::Comprehension(c) => {
            let accu = match c.accu_var.as_str() {
                HIDDEN_ACCUMULATOR => ACCUMULATOR,
                other => other,
            };
            out.push_str(&format!(
                "comp[{} {:?} {accu}](",
                c.iter_var, c.iter_var2
            ));
            for x in [
                &c.iter_range,
                &c.accu_init,
                &c.loop_cond,
                &c.loop_step,
                &c.result,
            ] {
                shape(x, offsets, out);
                out.push(';');
            }
            out.push(')');
        }
    }
}

/// A parser's outcome: the tree with offsets, or the syntax errors sorted
/// as cel-go sorts them (line, column, message). The other errors come
/// from the tree builders, where the `cel` crate is no reference (it
/// reports extension macros' errors only when nothing else is wrong, and
/// words several messages differently): cel-go's own tests check ours.
enum Outcome {
    Tree(String),
    Errors(Vec<String>),
    /// Stopped at one of cel-go's limits the `cel` crate lacks (on syntax
    /// errors, on the tokens one recovery skips): the errors before.
    Limited(Vec<String>),
}

fn outcome(parsed: Result<Parsed, Vec<Issue>>) -> Outcome {
    let issues = match parsed {
        Ok(p) => {
            let mut out = String::new();
            shape(&p.expr, &p.offsets, &mut out);
            return Outcome::Tree(out);
        }
        Err(issues) => issues,
    };
    let limited = issues.iter().any(|i| {
        i.message == "Syntax error: More than 100 syntax errors"
            || i.message
                .starts_with("error recovery token lookahead limit exceeded")
    });
    let mut errors: Vec<(i64, i64, String)> = issues
        .into_iter()
        .filter(|i| {
            i.message.starts_with("Syntax error: ")
                && i.message != "Syntax error: More than 100 syntax errors"
        })
        .map(|i| (i.line, i.column, normalize(&i.message)))
        .collect();
    errors.sort_by_key(|i| (i.0, i.1));
    let lines = errors
        .iter()
        .map(|(line, column, message)| format!("{line}:{column} {message}"))
        .collect();
    if limited {
        Outcome::Limited(lines)
    } else {
        Outcome::Errors(lines)
    }
}

/// A syntax error without what legitimately differs: the expected tokens
/// of `mismatched input` (the Java runtime the `cel` crate's ANTLR port
/// follows expects what could follow the last state where the rule could
/// have ended, cel-go's Go runtime what the failing state expects), and
/// line breaks and tabs in quoted input (the Go runtime escapes them).
fn normalize(message: &str) -> String {
    let message = &super::report::reserved_word_as_identifier(message);
    if let Some(at) = message.find(" expecting ") {
        if message.starts_with("Syntax error: mismatched input ") {
            return message[..at].to_string();
        }
    }
    if message.starts_with("Syntax error: no viable alternative at input ") {
        return message
            .replace('\t', "\\t")
            .replace('\n', "\\n")
            .replace('\r', "\\r");
    }
    message.to_string()
}

/// The outcomes of both parsers on `text`, if they differ.
fn compare(text: &str) -> Option<(String, String)> {
    let source = Source::new(text);
    let old = outcome(parse_antlr(&source));
    let new = outcome(parse(&source));
    let same = match (&old, &new) {
        (Outcome::Tree(a), Outcome::Tree(b)) => a == b,
        (Outcome::Errors(a), Outcome::Errors(b)) => a == b,
        (Outcome::Errors(a), Outcome::Limited(b)) => a.starts_with(b),
        _ => false,
    };
    let show = |o: &Outcome| match o {
        Outcome::Tree(t) => format!("OK {t}"),
        Outcome::Errors(e) => format!("ERR\n{}", e.join("\n")),
        Outcome::Limited(e) => format!("LIMITED\n{}", e.join("\n")),
    };
    (!same).then(|| (show(&old), show(&new)))
}

/// The fuzz target's seeds and regressions.
fn fuzz_inputs() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut out = Vec::new();
    for dir in ["corpus/cel", "regressions/cel"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            if let Ok(bytes) = std::fs::read(entry.path()) {
                out.push(String::from_utf8_lossy(&bytes).into_owned());
            }
        }
    }
    out
}

/// Inputs that exhaust error recovery: many errors, long runs of tokens
/// to skip.
fn recovery_limits() -> Vec<String> {
    vec![
        format!("1{}", " + )".repeat(40)),
        format!("a{}", " b".repeat(300)),
        format!("a{}", " )".repeat(300)),
        format!("[{}]", "?,".repeat(40)),
        format!("{}", ") ".repeat(120)),
        format!("f({})", ":".repeat(300)),
        format!("x{}", "@".repeat(150)),
        format!("{}1", "(".repeat(40)),
        format!("{}", "{".repeat(60)),
        format!("a.{}", ".".repeat(80)),
        format!("{}", "-".repeat(90)),
        format!("{}", "!".repeat(90)),
        format!("{}", "1 ? ".repeat(40)),
    ]
}

#[test]
fn agrees_with_the_antlr_parser() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut corpus = recovery_limits();
    for seed in fuzz_inputs() {
        for _ in 0..20 {
            corpus.push(spoiled(&mut rng, &seed));
        }
        corpus.push(seed);
    }
    for _ in 0..8000 {
        let depth = 1 + rng.below(5);
        let e = expression(&mut rng, depth);
        corpus.push(spoiled(&mut rng, &e));
        corpus.push(e);
        corpus.push(soup(&mut rng));
    }
    let mut differences = Vec::new();
    for text in &corpus {
        if let Some((old, new)) = compare(text) {
            differences.push(format!("IN: {text}\nOLD: {old}\nNEW: {new}\n"));
        }
    }
    assert!(
        differences.is_empty(),
        "{} of {} differ:\n{}",
        differences.len(),
        corpus.len(),
        differences[..differences.len().min(20)].join("\n")
    );
}
