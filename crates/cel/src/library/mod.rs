//! The functions of the DRA CEL environment, one file per library: the CEL
//! standard library (`stdlib`, with `time` for durations and timestamps),
//! the cel-go extensions Kubernetes enables (`optional`, `strings` with
//! `format`, `lists`, `sets`, `comprehensions`), the Kubernetes libraries
//! (`regex`, `quantity`, `semver`, `url`, `ip` with CIDRs, `named_format`,
//! `authz`) and DRA's own (`dra`).

pub mod authz;
pub mod comprehensions;
pub mod dra;
pub mod format;
pub mod ip;
pub mod lists;
pub mod named_format;
pub mod optional;
pub mod quantity;
pub mod regex;
pub mod semver;
pub mod sets;
pub mod stdlib;
pub mod strings;
pub mod time;
pub mod url;

use crate::env::decls::Function;

/// Every library's functions, in the order the environment adds them (a
/// function declared by several libraries gathers their overloads); DRA's
/// own `includes` only with list-type attributes.
pub fn all(list_attributes: bool) -> Vec<Function> {
    let mut all = Vec::new();
    all.extend(stdlib::functions());
    all.extend(optional::functions());
    all.extend(strings::functions());
    all.extend(lists::functions());
    all.extend(sets::functions());
    all.extend(regex::functions());
    all.extend(quantity::functions());
    all.extend(semver::functions());
    all.extend(url::functions());
    all.extend(ip::functions());
    all.extend(named_format::functions());
    all.extend(authz::functions());
    all.extend(time::functions());
    all.extend(comprehensions::functions());
    if list_attributes {
        all.extend(dra::functions());
    }
    all
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::all;
    use crate::cost::Cost;

    /// Every function states what its calls cost, once: one library
    /// declares it with its cost, and any other that adds overloads to it
    /// either names the same cost or adds them with `Function::more`.
    #[test]
    fn every_function_has_one_cost() {
        let mut costs: BTreeMap<&str, Vec<Option<Cost>>> = BTreeMap::new();
        for f in all(true) {
            costs.entry(f.name).or_default().push(f.cost);
        }
        assert!(costs.len() > 150, "{} functions", costs.len());
        for (name, declared) in costs {
            let given: Vec<Cost> = declared.into_iter().flatten().collect();
            assert!(!given.is_empty(), "{name} has no cost");
            assert!(
                given.iter().all(|c| *c == given[0]),
                "{name} is declared with different costs"
            );
        }
    }
}
