//! The apiserver's compile check of one CEL selector, remembered per
//! expression: a cluster's claims repeat a handful of selectors, and each
//! check is a pure function of the text and the compile options.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::cel::{self, CompileError, CompileOptions, EnvType};

/// How many distinct selectors are remembered before the memo starts over
/// (it bounds the memory a scenario with many distinct selectors holds).
const REMEMBERED_MAX: usize = 4096;

/// What the check found: whether the program exceeds the cost limit, or
/// why it does not compile.
pub(super) type Checked = Result<bool, CompileError>;

thread_local! {
    static CHECKED: RefCell<HashMap<(CompileOptions, String), Checked>> =
        RefCell::new(HashMap::new());
}

/// Compiles a selector in the environment for new expressions (a
/// scenario's objects are created, not updated: fields of disabled feature
/// gates are not declared) and tells whether it exceeds the cost limit.
pub(super) fn check(expression: &str, options: CompileOptions) -> Checked {
    let key = (options, expression.to_owned());
    if let Some(checked) = CHECKED.with(|memo| memo.borrow().get(&key).cloned()) {
        return checked;
    }
    let checked = cel::compile_in(expression, &options, EnvType::NewExpressions)
        .map(|program| program.exceeds_cost_limit());
    CHECKED.with(|memo| {
        let mut memo = memo.borrow_mut();
        if memo.len() >= REMEMBERED_MAX {
            memo.clear();
        }
        memo.insert(key, checked.clone());
    });
    checked
}
