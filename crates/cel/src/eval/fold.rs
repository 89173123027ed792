//! Calls computed while planning, when all their arguments are constants.
//!
//! Two kinds: cel-go's optimizer (which Kubernetes turns on) replaces a
//! type conversion of a constant (`int("1")`, `dyn(1)`, `duration("1s")`)
//! by its value, which then costs nothing at run time, and a conversion that
//! fails fails the making of the program (Kubernetes: "program
//! instantiation failed"); the playground itself precomputes the pure
//! library calls `quantity("1Gi")` and `semver("1.0.0")`, still charging
//! their runtime cost, since cel-go calls them at every evaluation.

use crate::cost::RuntimeCall;
use crate::eval::invoke;
use crate::eval::program::{CallNode, Const, Node};
use crate::eval::values::Value;

/// The functions cel-go counts as type conversions (`dyn` and `type` are
/// planned as nodes of their own).
const TYPE_CONVERSIONS: [&str; 8] = [
    "bool",
    "bytes",
    "double",
    "duration",
    "int",
    "string",
    "timestamp",
    "uint",
];

/// The constant arguments of a call, if all of them are.
fn constant_args(node: &CallNode) -> Option<Vec<Value<'_>>> {
    node.args
        .iter()
        .map(|a| match a {
            Node::Const(c) => Some(c.to_value()),
            _ => None,
        })
        .collect()
}

/// A type conversion of one constant, made now; `Err` with cel-go's message
/// when the conversion fails.
pub fn conversion(node: CallNode) -> Result<Node, String> {
    if !TYPE_CONVERSIONS.contains(&node.function) || node.args.len() != 1 {
        return Ok(Node::Call(Box::new(node)));
    }
    let Some(args) = constant_args(&node) else {
        return Ok(Node::Call(Box::new(node)));
    };
    let value = invoke(&node, &args).map_err(|e| e.message)?;
    let constant = Const::of(&value);
    drop(args);
    Ok(match constant {
        Some(c) => Node::Const(c),
        None => Node::Call(Box::new(node)),
    })
}

/// Precomputes calls of pure library functions on constants
/// (`quantity("1Gi")`, `semver("1.0.0")`, ...), keeping their runtime cost.
pub fn library_call(node: Node) -> Node {
    const FOLDABLE: [&str; 4] = ["quantity", "semver", "isQuantity", "isSemver"];
    let Node::Call(call) = node else {
        return node;
    };
    if !FOLDABLE.contains(&call.function) {
        return Node::Call(call);
    }
    let Some(args) = constant_args(&call) else {
        return Node::Call(call);
    };
    let folded = match invoke(&call, &args) {
        Ok(v) => {
            let cost = call.cost.runtime(&RuntimeCall {
                overload: call.overload,
                args: &args,
                result: &v,
            });
            match v {
                Value::Quantity(q) => Some((Const::Quantity(q.get().clone()), cost)),
                Value::Semver(s) => Some((Const::Semver(s.get().clone()), cost)),
                Value::Bool(b) => Some((Const::Bool(b), cost)),
                _ => None,
            }
        }
        Err(_) => None,
    };
    drop(args);
    match folded {
        Some((value, cost)) => Node::Folded { value, cost },
        None => Node::Call(call),
    }
}
