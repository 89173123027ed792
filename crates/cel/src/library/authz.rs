//! The Kubernetes authorizer libraries (authz and authz selectors). DRA
//! selectors have no authorizer variable, so these functions can never be
//! called; they are declared so that type errors read as in Kubernetes.

use crate::env::decls::Function;

const A: &str = "kubernetes.authorization.Authorizer";
const P: &str = "kubernetes.authorization.PathCheck";
const G: &str = "kubernetes.authorization.GroupCheck";
const R: &str = "kubernetes.authorization.ResourceCheck";
const D: &str = "kubernetes.authorization.Decision";

/// The functions of these libraries.
pub fn functions() -> Vec<Function> {
    let sig = |s: &str| {
        s.replace("A", A)
            .replace("P", P)
            .replace("G", G)
            .replace("R", R)
            .replace("D", D)
    };
    vec![
        Function::new("path").member("authorizer_path", &sig("A, string -> P"), None),
        Function::new("group").member("authorizer_group", &sig("A, string -> G"), None),
        Function::new("serviceAccount").member(
            "authorizer_serviceaccount",
            &sig("A, string, string -> A"),
            None,
        ),
        Function::new("resource").member("groupcheck_resource", &sig("G, string -> R"), None),
        Function::new("subresource").member(
            "resourcecheck_subresource",
            &sig("R, string -> R"),
            None,
        ),
        Function::new("namespace").member("resourcecheck_namespace", &sig("R, string -> R"), None),
        Function::new("name").member("resourcecheck_name", &sig("R, string -> R"), None),
        Function::new("check")
            .member("pathcheck_check", &sig("P, string -> D"), None)
            .member("resourcecheck_check", &sig("R, string -> D"), None),
        Function::new("errored").member("decision_errored", &sig("D -> bool"), None),
        Function::new("error").member("decision_error", &sig("D -> string"), None),
        Function::new("allowed").member("decision_allowed", &sig("D -> bool"), None),
        Function::new("reason").member("decision_reason", &sig("D -> string"), None),
        Function::new("fieldSelector").member(
            "authorizer_fieldselector",
            &sig("R, string -> R"),
            None,
        ),
        Function::new("labelSelector").member(
            "authorizer_labelselector",
            &sig("R, string -> R"),
            None,
        ),
    ]
}
