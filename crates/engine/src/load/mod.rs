//! Loading a scenario: YAML text → typed `resource.k8s.io/v1` objects, as the
//! apiserver would store them, with the source span of every field.
//!
//! The steps, in order: parse the YAML stream ([`crate::yaml`]); read each
//! document's `apiVersion` and `kind` ([`kinds`]: a `v1` `List` contributes
//! its items; a kind the playground does not simulate, an info hint); convert
//! `v1beta1`/`v1alpha3` objects to `v1` on the node tree, so that every field
//! keeps the span where it is written; check the core kinds' fields against
//! Kubernetes' field tree ([`fields`]); decode the typed object; resolve the
//! feature gates from the Scenario document; apply the apiserver's defaults;
//! complete `generateName`s ([`names`]); validate as the apiserver does
//! (unless skipped); add the pods that workloads' controllers make
//! ([`crate::workloads`]); refuse a second object of one kind, namespace and
//! name; check a KubeSchedulerConfiguration as the kube-scheduler would
//! ([`scheduler_config`], also with validation skipped); check the
//! timeline's Step documents and their references ([`steps`]).
//!
//! **Invariant:** loading never fails as a whole and never panics: it returns
//! every object it could read and a positioned diagnostic for every problem.
//! A document that cannot be decoded contributes no object.

mod convert;
mod decode;
mod defaults;
mod documents;
mod fields;
mod gates;
mod kinds;
mod names;
#[cfg(not(target_arch = "wasm32"))]
mod parallel;
mod scheduler_config;
mod steps;
mod unsimulated;

pub use defaults::apply_defaults;
pub use kinds::read_kinds;
#[cfg(not(target_arch = "wasm32"))]
pub use parallel::load_scenario_in_parallel;

use crate::api::{Namespace, Object, Pod, WorkloadKind};
use crate::diagnostic::{self, Diagnostic, Span};
use crate::features::{Features, GateSet};
use crate::limits::Limits;
use crate::workloads::Cluster;
use crate::yaml::{FieldPath, SpanTable};

/// How to load.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Hand the decoded objects over as written, without apiserver
    /// validation (decoding errors remain errors); the Scenario document's
    /// `spec.skipValidation: true` does the same.
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
    /// table's `object` span is the whole document (or list item). A pod a
    /// workload made has its workload's `spec.template` as its table.
    pub spans: SpanTable,
    /// The workload whose controller made this pod; None for an object the
    /// scenario writes.
    pub made_by: Option<MadeBy>,
}

/// The workload (in the pod's namespace) whose controller made a pod.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MadeBy {
    /// Its kind.
    pub kind: WorkloadKind,
    /// Its name.
    pub name: String,
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

    /// The objects of the first moment: those written before the first
    /// Step document (all of them in a scenario without steps).
    pub fn first_moment(&self) -> &[LoadedObject] {
        let end = self
            .objects
            .iter()
            .position(|o| matches!(o.object, Object::Step(_)))
            .unwrap_or(self.objects.len());
        &self.objects[..end]
    }

    /// Whether the scenario continues after its first moment with steps.
    pub fn has_steps(&self) -> bool {
        self.first_moment().len() < self.objects.len()
    }
}

/// Loads a scenario: parse, decode, convert, resolve gates, default and
/// (unless `options.skip_validation`) validate.
pub fn load_scenario(text: &str, options: &LoadOptions) -> LoadedScenario {
    load_scenario_within(text, options, &Limits::PAGE)
}

/// [`load_scenario`] within other size limits (the command line's).
pub fn load_scenario_within(text: &str, options: &LoadOptions, limits: &Limits) -> LoadedScenario {
    load_with(text, options, limits, |documents| {
        crate::yaml::parse_stream(text, |doc| documents.add(doc))
    })
}

/// Loads `text`, whose YAML stream `parse` parses, handing each document to
/// the decoder in stream order and returning the parser's problems.
fn load_with(
    text: &str,
    options: &LoadOptions,
    limits: &Limits,
    parse: impl FnOnce(&mut documents::Documents) -> Vec<Diagnostic>,
) -> LoadedScenario {
    // Limits on input (crate::limits): too large is refused whole, before
    // any work proportional to it; too many objects, as soon as the
    // document past the limit is parsed.
    if let Some(too_large) = crate::limits::check_scenario_size(text, limits) {
        return refused(vec![too_large]);
    }
    // Each document is decoded as soon as it is parsed (those that depend
    // on the Scenario document once it is read), and its tree dropped.
    let mut documents = documents::Documents::new(text, options.skip_validation, limits);
    let mut diagnostics = parse(&mut documents);
    let decoded = documents.finish();
    diagnostics.extend(decoded.diagnostics);
    if decoded.refused {
        return refused(diagnostics);
    }
    let skip_validation = decoded.settings.skip_validation;
    let mut objects = decoded.objects;
    let gates = gates::resolve(&objects, &mut diagnostics);
    for o in &mut objects {
        apply_defaults(&mut o.object, &o.api_version);
    }
    // Names first for the nodes (a DaemonSet makes a pod per node), then
    // the pods workloads make, then names for every other object in order.
    let mut names = names::Names::new(steps::step_documents(&objects));
    for o in objects
        .iter_mut()
        .filter(|o| matches!(o.object, Object::Node(_)))
    {
        names.name(o, &mut diagnostics);
    }
    let mut objects = with_workload_pods(objects, limits, &mut diagnostics);
    for o in objects
        .iter_mut()
        .filter(|o| !matches!(o.object, Object::Node(_)))
    {
        names.name(o, &mut diagnostics);
    }
    if !skip_validation {
        validate(&objects, &gates, text, &mut diagnostics);
    }
    scheduler_config::check(&objects, &gates, &mut diagnostics);
    steps::check(&objects, &mut diagnostics);
    diagnostic::sort(&mut diagnostics);
    LoadedScenario {
        objects,
        features: gates.features(),
        gates,
        diagnostics,
    }
}

/// The objects with, after each workload, the pods its controller makes
/// (those the scenario does not hold already; on the scenario's nodes, for a
/// DaemonSet).
fn with_workload_pods(
    objects: Vec<LoadedObject>,
    limits: &Limits,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<LoadedObject> {
    let mut cluster = Cluster::default();
    for o in &objects {
        match &o.object {
            Object::Node(n) => cluster.nodes.push(n),
            Object::Pod(p) => cluster.pods.push(p),
            Object::Workload(w) => cluster.workloads.push(w),
            _ => {}
        }
    }
    let mut total = objects.len();
    let made: Vec<Vec<Pod>> = objects
        .iter()
        .map(|o| match &o.object {
            Object::Workload(w) => {
                let most = crate::workloads::most_pods(w, &cluster);
                let count = match w.kind {
                    WorkloadKind::Job => "parallelism",
                    _ => "replicas",
                };
                let at = o.spans.error_span(&FieldPath::new("spec").child(count));
                if let Some(too_many) = crate::limits::check_workload_pods(total, most, at, limits)
                {
                    diagnostics.push(too_many);
                    return Vec::new();
                }
                let pods = crate::workloads::expand(w, &cluster);
                total += pods.len();
                pods
            }
            _ => Vec::new(),
        })
        .collect();
    if made.iter().all(Vec::is_empty) {
        return objects;
    }
    let template = FieldPath::new("spec").child("template");
    let mut out = Vec::with_capacity(objects.len());
    for (o, pods) in objects.into_iter().zip(made) {
        let made_by = match &o.object {
            Object::Workload(w) => Some(MadeBy {
                kind: w.kind,
                name: w.metadata.name.clone(),
            }),
            _ => None,
        };
        let pods: Vec<LoadedObject> = pods
            .into_iter()
            .map(|pod| LoadedObject {
                object: Object::Pod(pod),
                document: o.document,
                item: o.item,
                api_version: "v1".to_owned(),
                spans: o.spans.subtree(&template),
                made_by: made_by.clone(),
            })
            .collect();
        out.push(o);
        out.extend(pods);
    }
    out
}

/// The apiserver's checks of the objects the scenario writes (the pods a
/// workload makes are checked as its template): the API version the
/// release serves, each object's validation, admin access's namespace label.
fn validate(
    objects: &[LoadedObject],
    gates: &GateSet,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let namespaces: Vec<&Namespace> = objects
        .iter()
        .filter_map(|o| match &o.object {
            Object::Namespace(n) => Some(n),
            _ => None,
        })
        .collect();
    for o in objects.iter().filter(|o| o.made_by.is_none()) {
        if let Some(problem) = kinds::served(&o.object, &o.api_version, gates) {
            let at = o.spans.value_span(&FieldPath::new("apiVersion"));
            diagnostics.push(Diagnostic::error(at, problem));
        }
        diagnostics.extend(crate::validation::validate_object(
            &o.object, &o.spans, gates, text,
        ));
        diagnostics.extend(crate::validation::validate_admin_access(
            &o.object,
            &o.spans,
            &namespaces,
            text,
        ));
    }
}

/// The error at a second document of a kind a scenario holds at most once
/// (Scenario, KubeSchedulerConfiguration): the first is used.
fn second_document(kind: &str, first: &LoadedObject, extra: &LoadedObject) -> Diagnostic {
    Diagnostic::error(
        Span::point(extra.spans.object.start),
        format!(
            "at most one {kind} document is allowed (the one at line {} is used)",
            first.spans.object.start.line
        ),
    )
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
