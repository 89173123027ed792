//! A scenario's timeline as the loader checks it: the objects before the
//! first Step document are the first moment; each Step document starts a
//! later moment, and the objects written after it (up to the next Step) are
//! applied then. Each step's time is a Go duration that never goes back;
//! each action sets exactly one field; an action's reference names an
//! object that exists at that step (written before, in this step, or a
//! claim made from a template for a pod that exists), else an error at the
//! reference. Settings (Scenario, KubeSchedulerConfiguration) belong to the
//! first moment.

use std::collections::{HashMap, HashSet};

use super::LoadedObject;
use crate::api::{
    device_id, kind_is_namespaced, namespace_or_default, pod_claim_name, Object, Step, StepAction,
    CONDITION_STATUSES, DELETABLE_KINDS, DEVICE_TAINT_EFFECTS,
};
use crate::diagnostic::Diagnostic;
use crate::yaml::{FieldPath, SpanTable};

/// For each object, the moment it belongs to: 0 for the first, N for the
/// objects of the N-th Step document (the Step itself included).
fn moments(objects: &[LoadedObject]) -> Vec<usize> {
    let mut moment = 0;
    objects
        .iter()
        .map(|o| {
            if matches!(o.object, Object::Step(_)) {
                moment += 1;
            }
            moment
        })
        .collect()
}

/// The document indices of the Step documents, in order.
pub(super) fn step_documents(objects: &[LoadedObject]) -> Vec<usize> {
    objects
        .iter()
        .filter(|o| matches!(o.object, Object::Step(_)))
        .map(|o| o.document)
        .collect()
}

/// Checks the timeline's documents (see the module's comment).
pub(super) fn check(objects: &[LoadedObject], diagnostics: &mut Vec<Diagnostic>) {
    let moments = moments(objects);
    let mut cluster = Existing::default();
    let mut last_at = 0i64;
    let mut start = 0;
    while start < objects.len() {
        // Apply the objects of this moment, then check its step's actions.
        let moment = moments[start];
        let end = start
            + moments[start..]
                .iter()
                .take_while(|&&m| m == moment)
                .count();
        let mut step: Option<(&LoadedObject, &Step)> = None;
        for o in &objects[start..end] {
            match &o.object {
                Object::Step(s) => step = Some((o, s)),
                Object::Scenario(_) | Object::KubeSchedulerConfiguration(_) if moment > 0 => {
                    diagnostics.push(Diagnostic::error(
                        o.spans.error_span(&FieldPath::new("kind")),
                        format!(
                            "a {} document sets up the whole run: write it before the first Step",
                            o.object.kind()
                        ),
                    ));
                }
                other => cluster.add(other),
            }
        }
        if let Some((o, s)) = step {
            last_at = check_time(o, s, last_at, diagnostics);
            for (index, action) in s.spec.actions.iter().enumerate() {
                let at = FieldPath::new("spec").child("actions").index(index);
                cluster.check_action(action, &o.spans, &at, diagnostics);
            }
        }
        start = end;
    }
}

/// Checks a step's `spec.at`; the time it stands for (the previous one
/// when it is wrong).
fn check_time(o: &LoadedObject, step: &Step, last: i64, diagnostics: &mut Vec<Diagnostic>) -> i64 {
    let path = FieldPath::new("spec").child("at");
    let problem = if step.spec.at.is_empty() {
        Some(
            "a Step needs spec.at, its time since the start (a duration such as \"30s\" or \"2m\")"
                .to_owned(),
        )
    } else {
        match crate::cel::parse_go_duration(&step.spec.at) {
            None => Some(format!(
                "{:?} is not a duration: write one such as \"30s\", \"2m\" or \"1h30m\"",
                step.spec.at
            )),
            Some(at) if at < last => Some(format!(
                "steps go forward in time: {:?} is before the previous step's time",
                step.spec.at
            )),
            Some(at) => return at,
        }
    };
    if let Some(message) = problem {
        let span = if step.spec.at.is_empty() {
            o.spans.error_span(&FieldPath::new("spec"))
        } else {
            o.spans.error_span(&path)
        };
        diagnostics.push(Diagnostic::error(span, message));
    }
    last
}

/// What exists at a point of the timeline, by kind, namespace and name.
#[derive(Default)]
struct Existing {
    objects: HashSet<(String, String, String)>,
    /// The device ids of each slice.
    slices: HashMap<String, Vec<String>>,
    /// The claims made from templates for each pod (namespace/name).
    pod_claims: HashMap<(String, String), Vec<String>>,
}

impl Existing {
    fn add(&mut self, object: &Object) {
        let meta = object.metadata();
        let namespace = if object.is_namespaced() {
            meta.namespace_or_default().to_owned()
        } else {
            String::new()
        };
        match object {
            Object::ResourceSlice(s) => {
                let ids = s
                    .spec
                    .devices
                    .iter()
                    .map(|d| device_id(&s.spec.driver, &s.spec.pool.name, &d.name))
                    .collect();
                self.slices.insert(meta.name.clone(), ids);
            }
            Object::Pod(p) => {
                let claims: Vec<String> = p
                    .spec
                    .resource_claims
                    .iter()
                    .filter(|e| e.resource_claim_template_name.is_some())
                    .filter_map(|e| pod_claim_name(p, e))
                    .collect();
                for claim in &claims {
                    self.objects
                        .insert(("ResourceClaim".into(), namespace.clone(), claim.clone()));
                }
                self.pod_claims
                    .insert((namespace.clone(), meta.name.clone()), claims);
            }
            _ => {}
        }
        self.objects
            .insert((object.kind().to_owned(), namespace, meta.name.clone()));
    }

    fn remove(&mut self, kind: &str, namespace: &str, name: &str) {
        self.objects
            .remove(&(kind.to_owned(), namespace.to_owned(), name.to_owned()));
        match kind {
            "ResourceSlice" => {
                self.slices.remove(name);
            }
            "Pod" => {
                let key = (namespace.to_owned(), name.to_owned());
                for claim in self.pod_claims.remove(&key).unwrap_or_default() {
                    self.objects
                        .remove(&("ResourceClaim".into(), namespace.to_owned(), claim));
                }
            }
            _ => {}
        }
    }

    fn exists(&self, kind: &str, namespace: &str, name: &str) -> bool {
        self.objects
            .contains(&(kind.to_owned(), namespace.to_owned(), name.to_owned()))
    }

    fn has_device(&self, id: &str) -> bool {
        self.slices.values().any(|ids| ids.iter().any(|d| d == id))
    }

    fn check_action(
        &mut self,
        action: &StepAction,
        spans: &SpanTable,
        at: &FieldPath,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let mut error = |path: &FieldPath, message: String| {
            diagnostics.push(Diagnostic::error(spans.error_span(path), message));
        };
        let set = usize::from(action.delete.is_some())
            + usize::from(action.taint_device.is_some())
            + usize::from(action.set_device_condition.is_some());
        if set != 1 {
            error(
                at,
                format!(
                    "an action sets exactly one of delete, taintDevice, setDeviceCondition ({set} set here)"
                ),
            );
            return;
        }
        if let Some(delete) = &action.delete {
            let path = at.child("delete");
            if !DELETABLE_KINDS.contains(&delete.kind.as_str()) {
                error(
                    &path.child("kind"),
                    format!(
                        "a step cannot delete a {:?}: it deletes one of {}",
                        delete.kind,
                        DELETABLE_KINDS.join(", ")
                    ),
                );
                return;
            }
            let namespace = if kind_is_namespaced(&delete.kind) {
                namespace_or_default(delete.namespace.as_deref().unwrap_or_default()).to_owned()
            } else {
                String::new()
            };
            if !self.exists(&delete.kind, &namespace, &delete.name) {
                error(
                    &path.child("name"),
                    format!(
                        "{} {:?} does not exist at this step{}",
                        delete.kind,
                        delete.name,
                        in_namespace(&namespace)
                    ),
                );
                return;
            }
            self.remove(&delete.kind, &namespace, &delete.name);
        }
        if let Some(taint) = &action.taint_device {
            let path = at.child("taintDevice");
            if !self.has_device(&taint.device) {
                error(
                    &path.child("device"),
                    format!(
                        "no ResourceSlice at this step has the device {:?} (DRIVER/POOL/DEVICE)",
                        taint.device
                    ),
                );
            }
            if !DEVICE_TAINT_EFFECTS.contains(&taint.taint.effect.as_str()) {
                error(
                    &path.child("taint").child("effect"),
                    format!(
                        "{:?} is not a device taint effect: one of {}",
                        taint.taint.effect,
                        DEVICE_TAINT_EFFECTS.join(", ")
                    ),
                );
            }
        }
        if let Some(condition) = &action.set_device_condition {
            let path = at.child("setDeviceCondition");
            let namespace =
                namespace_or_default(condition.namespace.as_deref().unwrap_or_default());
            if !self.exists("ResourceClaim", namespace, &condition.claim) {
                error(
                    &path.child("claim"),
                    format!(
                        "ResourceClaim {:?} does not exist at this step{}",
                        condition.claim,
                        in_namespace(namespace)
                    ),
                );
            }
            if condition.device.split('/').count() != 3 {
                error(
                    &path.child("device"),
                    format!(
                        "{:?} is not a device: write DRIVER/POOL/DEVICE",
                        condition.device
                    ),
                );
            }
            if condition.type_.is_empty() {
                error(&path, "a device condition needs a type".to_owned());
            }
            if !CONDITION_STATUSES.contains(&condition.status.as_str()) {
                error(
                    &path.child("status"),
                    format!(
                        "{:?} is not a condition status: one of {}",
                        condition.status,
                        CONDITION_STATUSES.join(", ")
                    ),
                );
            }
        }
    }
}

fn in_namespace(namespace: &str) -> String {
    if namespace.is_empty() {
        String::new()
    } else {
        format!(" in namespace {namespace:?}")
    }
}
