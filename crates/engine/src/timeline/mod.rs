//! What happens next: a scenario's first moment, then each of its steps
//! (Step documents, see [`crate::load`]), with the controllers around the
//! scheduler acting between them.
//!
//! The first moment runs exactly as a scenario without steps
//! ([`crate::pipeline::run`]). Then, step by step, time moves forward:
//! timers that fall due before the step fire at their own time (a
//! toleration running out, a binding timeout), the step's objects are
//! applied and its actions done, and the cluster settles (`settle.rs`):
//! the controllers in `controllers/` act until nothing changes, and the
//! scheduling queue retries the pods that wait. Each moment keeps the
//! cluster as it then is and what changed, with why ([`Event`]).

mod actions;
mod cluster;
mod controllers;
mod event_rules;
mod events;
mod moment;
mod resume;
mod settle;

pub use events::{object_name, time_words, Event, EventKind};
pub use moment::{Moment, PodState, Timeline};
pub use resume::Resumable;

use crate::api::Object;
use crate::load::LoadedScenario;
use crate::scheduler::{Placement, RunResult, SchedulerOptions};
use cluster::Cluster;
use controllers::{binding, taint_eviction};

/// Runs a scenario that can run (see [`crate::pipeline::refuse`]) through
/// its first moment and every step.
pub fn run(loaded: &LoadedScenario, options: &SchedulerOptions) -> Timeline {
    run_from(loaded, crate::pipeline::run(loaded, options, None), options)
}

/// [`run`] from the first moment's result, for a caller that has it already (the web worker,
/// which also draws the first moment): the first moment is not run again.
pub fn run_from(loaded: &LoadedScenario, first: RunResult, options: &SchedulerOptions) -> Timeline {
    let mut cluster = after_first_moment(loaded, first, *options);
    let mut moments = vec![cluster.moment("start".to_owned(), Vec::new())];
    for (step, applied) in steps(loaded) {
        moments.push(run_step(&mut cluster, step, &applied));
    }
    Timeline { moments }
}

/// One step from the cluster as the previous moment left it: the timers due before it, its
/// objects and actions, the controllers settling; the moment it makes.
fn run_step(cluster: &mut Cluster, step: &crate::api::Step, applied: &[&Object]) -> Moment {
    let at = crate::cel::parse_go_duration(&step.spec.at).unwrap_or(cluster.now);
    let mut events = run_timers_until(cluster, at);
    cluster.now = at.max(cluster.now);
    for object in applied {
        events.extend(actions::apply(cluster, object));
    }
    for action in &step.spec.actions {
        events.extend(actions::act(cluster, action));
    }
    events.extend(settle::settle(cluster));
    cluster.moment(step.label().to_owned(), events)
}

/// Each Step document with the objects written after it.
fn steps(loaded: &LoadedScenario) -> Vec<(&crate::api::Step, Vec<&Object>)> {
    let mut steps: Vec<(&crate::api::Step, Vec<&Object>)> = Vec::new();
    for o in &loaded.objects[loaded.first_moment().len()..] {
        match (&o.object, steps.last_mut()) {
            (Object::Step(step), _) => steps.push((step, Vec::new())),
            (object, Some((_, applied))) => applied.push(object),
            (_, None) => {}
        }
    }
    steps
}

/// The cluster after the first moment's run.
fn after_first_moment(
    loaded: &LoadedScenario,
    first: RunResult,
    options: SchedulerOptions,
) -> Cluster {
    let objects = loaded
        .first_moment()
        .iter()
        .filter(|o| !matches!(o.object, Object::ResourceClaim(_) | Object::Pod(_)))
        .map(|o| o.object.clone())
        .collect();
    let mut cluster = Cluster {
        now: 0,
        features: loaded.features,
        options,
        objects,
        claims: first.claims,
        pods: Vec::new(),
        gone: Vec::new(),
        taints_seen: Default::default(),
        nodes_written: loaded
            .first_moment()
            .iter()
            .any(|o| matches!(o.object, Object::Node(_))),
        arrivals: 0,
        allocated_elsewhere: Default::default(),
        implicit_pods: first
            .implicit_pods
            .iter()
            .map(|o| o.pod.metadata.namespaced_name())
            .collect(),
    };
    for object in loaded.first_moment() {
        if let Object::ResourceClaim(claim) = &object.object {
            cluster.note_written_claim(claim);
        }
    }
    for outcome in first.pods {
        let already_bound = outcome.pod.is_bound();
        let mut pod = outcome.pod;
        let state = match outcome.placement {
            Placement::Node(node) => {
                if !already_bound && binding::has_binding_conditions(&pod, &cluster.claims) {
                    pod.spec.node_name.clear();
                    PodState::WaitingForBinding(node)
                } else {
                    PodState::Bound(node)
                }
            }
            Placement::Unschedulable(why) => PodState::Pending(why),
        };
        if let Some(status) = pod.status.as_mut() {
            status.conditions.retain(|c| c.type_ != "PodScheduled");
        }
        cluster.add_pod(pod, state);
    }
    taint_eviction::note_taints(&mut cluster);
    cluster
}

/// Fires every timer due up to `until` at its own time, the cluster
/// settling after each.
fn run_timers_until(cluster: &mut Cluster, until: i64) -> Vec<Event> {
    let mut events = Vec::new();
    while let Some(due) = next_timer(cluster) {
        if due > until {
            break;
        }
        cluster.now = due;
        events.extend(settle::settle(cluster));
    }
    events
}

/// The earliest time after now at which a controller acts on its own.
fn next_timer(cluster: &Cluster) -> Option<i64> {
    let evictions = taint_eviction::pending_evictions(cluster)
        .into_iter()
        .map(|e| e.due);
    let timeouts = binding::timeouts(cluster);
    evictions.chain(timeouts).filter(|&t| t > cluster.now).min()
}
