//! What the environment declares, as a person writing an expression reads it: every function
//! with the signature of each overload, the macros, and the fields of `device` (the web app's
//! completion offers them). Read from the declarations the checker uses, so that what is
//! offered is what compiles.

use crate::env::{self, EnvType, DEVICE_TYPE};
use crate::parse::macros::MACROS;
use crate::CompileOptions;

/// A function, a macro or a field that an expression can name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declared {
    /// The name, as written in an expression (`startsWith`, `quantity`).
    pub name: &'static str,
    /// How a call is written, with types: `string.startsWith(string) -> bool`,
    /// `quantity(string) -> kubernetes.Quantity`.
    pub signature: String,
    /// Called on a value (`x.f()`), not globally (`f(x)`).
    pub member: bool,
    /// A macro (expanded while parsing), not a function.
    pub is_macro: bool,
}

/// Every function of the environment, one entry per overload (operators left out), then the
/// macros; sorted by name.
pub fn functions(options: &CompileOptions, env_type: EnvType) -> Vec<Declared> {
    let env = env::env(options, env_type);
    let mut declared: Vec<Declared> = env
        .functions
        .values()
        .filter(|f| is_identifier(f.name))
        .flat_map(|f| {
            f.overloads.iter().map(|o| {
                let args: Vec<String> = o.args.iter().map(|a| a.display()).collect();
                let result = o.result.display();
                let signature = match (o.member, args.split_first()) {
                    (true, Some((target, rest))) => {
                        format!("{target}.{}({}) -> {result}", f.name, rest.join(", "))
                    }
                    _ => format!("{}({}) -> {result}", f.name, args.join(", ")),
                };
                Declared {
                    name: f.name,
                    signature,
                    member: o.member,
                    is_macro: false,
                }
            })
        })
        .collect();
    declared.extend(MACROS.iter().map(|(name, usage)| Declared {
        name,
        signature: (*usage).to_owned(),
        member: usage.contains(&format!(".{name}(")),
        is_macro: true,
    }));
    declared.sort_by(|a, b| (a.name, &a.signature).cmp(&(b.name, &b.signature)));
    declared.dedup();
    declared
}

/// The fields of the `device` variable with their types, sorted by name
/// (`allowMultipleAllocations` only where DRAConsumableCapacity declares it).
pub fn device_fields(options: &CompileOptions, env_type: EnvType) -> Vec<(String, String)> {
    let env = env::env(options, env_type);
    let mut fields: Vec<(String, String)> = env
        .structs
        .get(DEVICE_TYPE)
        .into_iter()
        .flatten()
        .map(|(name, field)| (name.clone(), field.ty.display()))
        .collect();
    fields.sort();
    fields
}

/// A name a person calls: letters, digits and `_`, not starting with `_` (operators such as
/// `_+_` and internal functions such as `@in` are not).
fn is_identifier(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{self, Expr, ExprKind};

    fn options() -> CompileOptions {
        CompileOptions {
            list_type_attributes: true,
            consumable_capacity: true,
        }
    }

    #[test]
    fn functions_carry_their_signatures_and_leave_operators_out() {
        let all = functions(&options(), EnvType::NewExpressions);
        let find = |signature: &str| all.iter().find(|d| d.signature == signature);
        let starts = find("string.startsWith(string) -> bool").expect("startsWith");
        assert!(starts.member && !starts.is_macro);
        let quantity = find("quantity(string) -> kubernetes.Quantity").expect("quantity");
        assert!(!quantity.member);
        assert!(all.iter().any(|d| d.name == "compareTo"));
        assert!(all.iter().any(|d| d.name == "includes"));
        assert!(all.iter().all(|d| !d.name.starts_with('_')));
        assert!(all
            .iter()
            .any(|d| d.name == "exists" && d.is_macro && d.member));
        assert!(all
            .iter()
            .any(|d| d.name == "has" && d.is_macro && !d.member));
    }

    #[test]
    fn includes_only_with_list_type_attributes() {
        let without = CompileOptions {
            list_type_attributes: false,
            ..options()
        };
        let all = functions(&without, EnvType::NewExpressions);
        assert!(!all.iter().any(|d| d.name == "includes"));
    }

    #[test]
    fn device_fields_follow_the_gates() {
        let names = |o: &CompileOptions| -> Vec<String> {
            device_fields(o, EnvType::NewExpressions)
                .into_iter()
                .map(|(n, _)| n)
                .collect()
        };
        assert_eq!(
            names(&options()),
            [
                "allowMultipleAllocations",
                "attributes",
                "capacity",
                "driver"
            ]
        );
        let without = CompileOptions {
            consumable_capacity: false,
            ..options()
        };
        assert_eq!(names(&without), ["attributes", "capacity", "driver"]);
        let fields = device_fields(&options(), EnvType::NewExpressions);
        assert!(fields.contains(&("driver".to_owned(), "string".to_owned())));
    }

    /// Every macro listed is one the parser expands: its usage parses into a tree where no call
    /// of its name is left.
    #[test]
    fn every_macro_listed_is_expanded() {
        fn calls(e: &Expr, name: &str) -> bool {
            match &e.kind {
                ExprKind::Call(c) => {
                    c.function == name
                        || c.target.as_ref().is_some_and(|t| calls(t, name))
                        || c.args.iter().any(|a| calls(a, name))
                }
                ExprKind::Comprehension(c) => {
                    calls(&c.iter_range, name)
                        || calls(&c.accu_init, name)
                        || calls(&c.loop_step, name)
                        || calls(&c.result, name)
                }
                _ => false,
            }
        }
        for (name, usage) in MACROS {
            let expression = usage.split(" -> ").next().unwrap_or(usage);
            let tree = syntax::parse(expression)
                .unwrap_or_else(|| panic!("{name}: {expression} does not parse"));
            assert!(!calls(&tree.expr, name), "{name} is not expanded");
        }
    }
}
