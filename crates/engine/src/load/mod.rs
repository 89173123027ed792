//! Loading a scenario: YAML text → typed `resource.k8s.io/v1` objects, as the
//! apiserver would store them, with the source span of every field.
//!
//! The steps, in order: parse the YAML stream ([`crate::yaml`]); read each
//! document's `apiVersion` and `kind` (a `v1` `List` contributes its items);
//! convert `v1beta1`/`v1beta2` objects to `v1` on the node tree, so that every
//! field keeps the span where it is written; decode the typed object; resolve
//! the feature gates from the Scenario document; apply the apiserver's
//! defaults; validate as the apiserver does (unless skipped).
//!
//! **Invariant:** loading never fails as a whole and never panics: it returns
//! every object it could read and a positioned diagnostic for every problem.
//! A document that cannot be decoded contributes no object.

mod convert;
mod decode;
mod defaults;
mod gates;
mod scheduler_config;

pub use defaults::apply_defaults;

use crate::api::Object;
use crate::diagnostic::{self, Diagnostic};
use crate::features::{Features, GateSet};
use crate::yaml::SpanTable;

/// How to load.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Hand the decoded objects over as written, without apiserver
    /// validation (decoding errors remain errors).
    pub skip_validation: bool,
}

/// One object of a scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedObject {
    /// The object, converted to v1 and defaulted.
    pub object: Object,
    /// Index of the YAML document it comes from, 0-based, counting every
    /// document of the stream.
    pub document: usize,
    /// Its index among a `List`'s items, when it is one.
    pub item: Option<usize>,
    /// The apiVersion as written (`resource.k8s.io/v1beta1`, `v1`, ...).
    pub api_version: String,
    /// Where each field is written, by Kubernetes field path; the
    /// table's `object` span is the whole document (or list item).
    pub spans: SpanTable,
}

/// Everything read from a scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedScenario {
    /// The objects, in document order (a List's items in their order).
    pub objects: Vec<LoadedObject>,
    /// The features the allocator sees.
    pub features: Features,
    /// The state of each DRA feature gate.
    pub gates: GateSet,
    /// Every problem, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadedScenario {
    /// True when there is at least one error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Loads a scenario: parse, decode, convert, resolve gates, default and
/// (unless `options.skip_validation`) validate.
pub fn load_scenario(text: &str, options: &LoadOptions) -> LoadedScenario {
    // Limits on input (crate::limits): too large or too many objects is
    // refused whole, before any work proportional to it.
    if let Some(too_large) = crate::limits::check_scenario_size(text) {
        return refused(vec![too_large]);
    }
    let parsed = crate::yaml::parse(text);
    let mut diagnostics = parsed.diagnostics;
    if let Some(too_many) = crate::limits::check_object_count(&parsed.documents) {
        diagnostics.push(too_many);
        return refused(diagnostics);
    }
    let mut objects = Vec::new();
    // Each document's tree is dropped once decoded: the trees of a large
    // cluster take as much memory as the objects made from them.
    for doc in parsed.documents {
        decode::decode_document(&doc, &mut objects, &mut diagnostics);
    }
    let gates = gates::resolve(&objects, &mut diagnostics);
    for o in &mut objects {
        apply_defaults(&mut o.object, &o.api_version);
    }
    if !options.skip_validation {
        for o in &objects {
            diagnostics.extend(crate::validation::validate_object(o, &gates, text));
        }
    }
    scheduler_config::check(&objects, gates.features(), &mut diagnostics);
    diagnostic::sort(&mut diagnostics);
    LoadedScenario {
        objects,
        features: gates.features(),
        gates,
        diagnostics,
    }
}

/// A scenario refused whole: no objects, default gates, the problems.
fn refused(mut diagnostics: Vec<Diagnostic>) -> LoadedScenario {
    let gates = gates::resolve(&[], &mut diagnostics);
    diagnostic::sort(&mut diagnostics);
    LoadedScenario {
        objects: Vec::new(),
        features: gates.features(),
        gates,
        diagnostics,
    }
}
