//! The Kubernetes authorizer libraries (authz and authz selectors). DRA
//! selectors have no authorizer variable, so these functions can never be
//! called; they are declared so that type errors read as in Kubernetes.

use crate::cost::{
    default_call, mul_factor, size_estimate, Cost, CostModel, Est, LIST_CREATE, STRING_TRAVERSAL,
    STRUCT_CREATE,
};
use crate::env::decls::Function;

const A: &str = "kubernetes.authorization.Authorizer";
const P: &str = "kubernetes.authorization.PathCheck";
const G: &str = "kubernetes.authorization.GroupCheck";
const R: &str = "kubernetes.authorization.ResourceCheck";
const D: &str = "kubernetes.authorization.Decision";

/// What an authorization check costs (Kubernetes' library cost).
const CHECK_COST: u64 = 350_000;

/// `fieldSelector`, `labelSelector`: the selector parsed, and a requirement
/// made for each pair of its characters at most.
static SELECTOR: CostModel = CostModel {
    estimate: |call| match call.args {
        [selector] => {
            let length = size_estimate(selector);
            let parse = length.factor(STRING_TRAVERSAL);
            let requirements = length
                .factor(0.5)
                .factor((LIST_CREATE + STRUCT_CREATE) as f64);
            (Est::fixed(LIST_CREATE).add(parse).add(requirements), None)
        }
        _ => default_call(),
    },
    runtime: |call| {
        if call.args.len() < 2 {
            return 1;
        }
        let length = call.size(1);
        let parse = mul_factor(length, STRING_TRAVERSAL);
        let requirements = mul_factor(
            mul_factor(length, 0.5),
            (LIST_CREATE + STRUCT_CREATE) as f64,
        );
        LIST_CREATE + parse + requirements
    },
};

/// The functions of these libraries; the accessors cost 1.
pub fn functions() -> Vec<Function> {
    let sig = |s: &str| {
        s.replace("A", A)
            .replace("P", P)
            .replace("G", G)
            .replace("R", R)
            .replace("D", D)
    };
    vec![
        Function::new("path", Cost::Fixed(1)).member(
            "authorizer_path",
            &sig("A, string -> P"),
            None,
        ),
        Function::new("group", Cost::Fixed(1)).member(
            "authorizer_group",
            &sig("A, string -> G"),
            None,
        ),
        Function::new("serviceAccount", Cost::Fixed(1)).member(
            "authorizer_serviceaccount",
            &sig("A, string, string -> A"),
            None,
        ),
        Function::new("resource", Cost::Fixed(1)).member(
            "groupcheck_resource",
            &sig("G, string -> R"),
            None,
        ),
        Function::new("subresource", Cost::Fixed(1)).member(
            "resourcecheck_subresource",
            &sig("R, string -> R"),
            None,
        ),
        Function::new("namespace", Cost::Fixed(1)).member(
            "resourcecheck_namespace",
            &sig("R, string -> R"),
            None,
        ),
        Function::new("name", Cost::Fixed(1)).member(
            "resourcecheck_name",
            &sig("R, string -> R"),
            None,
        ),
        Function::new("check", Cost::Fixed(CHECK_COST))
            .member("pathcheck_check", &sig("P, string -> D"), None)
            .member("resourcecheck_check", &sig("R, string -> D"), None),
        Function::new("errored", Cost::Fixed(1)).member(
            "decision_errored",
            &sig("D -> bool"),
            None,
        ),
        Function::new("error", Cost::Fixed(1)).member("decision_error", &sig("D -> string"), None),
        Function::new("allowed", Cost::Fixed(1)).member(
            "decision_allowed",
            &sig("D -> bool"),
            None,
        ),
        Function::new("reason", Cost::Fixed(1)).member(
            "decision_reason",
            &sig("D -> string"),
            None,
        ),
        Function::new("fieldSelector", Cost::Model(&SELECTOR)).member(
            "authorizer_fieldselector",
            &sig("R, string -> R"),
            None,
        ),
        Function::new("labelSelector", Cost::Model(&SELECTOR)).member(
            "authorizer_labelselector",
            &sig("R, string -> R"),
            None,
        ),
    ]
}
