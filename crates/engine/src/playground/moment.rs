//! The views of one moment of a timeline (`crate::timeline`): the cluster map's nodes, the
//! claims and the pods as they are then, drawn exactly as the first moment's are. The objects
//! are the moment's (a slice tainted or deleted, a node gone, a pod replaced); each keeps the
//! span of the document that last wrote it (a claim: that document itself, by which the views
//! tell a claim allocated in the input), so that the editor still highlights what a reader
//! points at; what no document wrote (a pod a controller made later) has no span.

use serde::{Deserialize, Serialize};

use super::view::{self, ClaimView, NodeView, PodView};
use crate::api::Object;
use crate::load::{LoadedObject, LoadedScenario};
use crate::scheduler::RunResult;
use crate::yaml::SpanTable;

/// The cluster map and the lists at one moment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MomentViews {
    /// Nodes with their pools, devices and pods, as [`super::Analysis::nodes`].
    pub nodes: Vec<NodeView>,
    /// Every claim, as [`super::Analysis::claims`].
    pub claims: Vec<ClaimView>,
    /// Every pod, as [`super::Analysis::pods`].
    pub pods: Vec<PodView>,
}

/// The views of a moment of `loaded`'s timeline: `objects` are the moment's objects other than
/// claims and pods, `moment` its claims and pods (`timeline::Moment::as_run_result`).
pub fn moment_views(
    loaded: &LoadedScenario,
    objects: &[Object],
    moment: &RunResult,
) -> MomentViews {
    let others = objects.iter().cloned().map(|o| as_written(loaded, o));
    // Claims a document wrote, as written; those made from templates come from the moment alone.
    let claims = moment
        .claims
        .iter()
        .filter_map(|c| written(loaded, &Object::ResourceClaim(c.clone())).cloned());
    let pods = moment.pods.iter().map(|p| Object::Pod(p.pod.clone()));
    let unwritten: Vec<String> = pods
        .clone()
        .filter(|p| written(loaded, p).is_none())
        .map(|p| p.metadata().namespaced_name())
        .collect();
    let pods = pods.map(|p| as_written(loaded, p));
    let at_moment = LoadedScenario {
        objects: others.chain(claims).chain(pods).collect(),
        features: loaded.features,
        gates: loaded.gates,
        diagnostics: Vec::new(),
    };
    let mut views = view::build(&at_moment, Some(moment));
    for pod in &mut views.pods {
        if unwritten.contains(&pod.key) {
            pod.span = None;
        }
    }
    MomentViews {
        nodes: views.nodes,
        claims: views.claims,
        pods: views.pods,
    }
}

/// The document that last wrote an object like this one (its kind, namespace and name).
fn written<'a>(loaded: &'a LoadedScenario, object: &Object) -> Option<&'a LoadedObject> {
    let meta = object.metadata();
    loaded.objects.iter().rev().find(|o| {
        o.object.kind() == object.kind()
            && o.object.metadata().name == meta.name
            && o.object.metadata().namespace == meta.namespace
    })
}

/// An object of a moment with the spans of the document that last wrote it (none when no
/// document did).
fn as_written(loaded: &LoadedScenario, object: Object) -> LoadedObject {
    match written(loaded, &object) {
        Some(w) => LoadedObject {
            object,
            ..w.clone()
        },
        None => LoadedObject {
            object,
            document: 0,
            item: None,
            api_version: String::new(),
            spans: SpanTable::default(),
            made_by: None,
        },
    }
}
