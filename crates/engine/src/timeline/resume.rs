//! A timeline that can go on from any of its moments: the cluster after each moment is kept,
//! so that the run of an edited scenario keeps the moments the edit cannot change (those before
//! the first step whose documents differ) and runs the steps from there only. The web app
//! re-runs a scenario on every edit; an edit to a late step then costs the steps after it.
//!
//! **Invariant:** resuming gives exactly the timeline a full run of the edited scenario gives
//! (`tests/engine/run/timeline_resume.rs` holds every gallery example to it, for an edit at
//! each of its steps).

use super::cluster::Cluster;
use super::{after_first_moment, run_step, steps, Moment, Timeline};
use crate::api::Object;
use crate::features::Features;
use crate::load::LoadedScenario;
use crate::scheduler::{RunResult, SchedulerOptions};

/// A timeline with the cluster kept after each of its moments.
#[derive(Clone)]
pub struct Resumable {
    /// The moments.
    timeline: Timeline,
    /// The cluster after each moment, by the moment's position.
    clusters: Vec<Cluster>,
    /// What each moment is made of: the first moment's objects, then each step with the objects
    /// written after it. Two runs agree up to the first moment whose inputs differ.
    inputs: Vec<Vec<Object>>,
    /// The features and scheduler options every moment ran with.
    settings: (Features, SchedulerOptions),
    /// How long each moment took to run, in milliseconds, by the options' clock (none without a
    /// clock, and for the first moment, which the caller runs).
    millis: Vec<Option<f64>>,
    /// The position of the first moment this run computed; those before were kept.
    first_run: usize,
}

impl Resumable {
    /// Runs every step of a scenario that can run, from its first moment's result.
    pub fn run(loaded: &LoadedScenario, first: RunResult, options: &SchedulerOptions) -> Self {
        let cluster = after_first_moment(loaded, first, *options);
        let start = cluster.moment("start".to_owned(), Vec::new());
        let mut resumable = Resumable {
            timeline: Timeline {
                moments: vec![start],
            },
            clusters: vec![cluster],
            inputs: inputs(loaded),
            settings: (loaded.features, *options),
            millis: vec![None],
            first_run: 0,
        };
        resumable.run_steps(loaded);
        resumable
    }

    /// The timeline of `loaded`, an edited version of the scenario `previous` ran: the moments
    /// before the first one the edit changes are kept, the steps from there run again from the
    /// cluster kept before them. When the first moment itself changed, every step runs from
    /// `first`, the first moment's result.
    pub fn resume(
        mut previous: Resumable,
        loaded: &LoadedScenario,
        first: RunResult,
        options: &SchedulerOptions,
    ) -> Self {
        let inputs = inputs(loaded);
        let same = if previous.settings == (loaded.features, *options) {
            inputs
                .iter()
                .zip(&previous.inputs)
                .take_while(|(now, before)| now == before)
                .count()
        } else {
            0
        };
        if same == 0 {
            return Resumable::run(loaded, first, options);
        }
        previous.timeline.moments.truncate(same);
        previous.clusters.truncate(same);
        previous.millis.truncate(same);
        previous.inputs = inputs;
        previous.first_run = same;
        previous.run_steps(loaded);
        previous
    }

    /// Runs the steps after the moments held, each from the cluster the one before left.
    fn run_steps(&mut self, loaded: &LoadedScenario) {
        let clock = self.settings.1.clock;
        let held = self.timeline.moments.len();
        let Some(mut cluster) = self.clusters.last().cloned() else {
            return;
        };
        for (step, applied) in steps(loaded).into_iter().skip(held - 1) {
            let started = clock.map(|c| (c.0)());
            let moment: Moment = run_step(&mut cluster, step, &applied);
            self.millis
                .push(clock.zip(started).map(|(c, started)| (c.0)() - started));
            self.timeline.moments.push(moment);
            self.clusters.push(cluster.clone());
        }
    }

    /// The moments.
    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// The objects other than claims and pods at a moment (nodes, slices, classes, rules, ...),
    /// in the order the cluster holds them; none past the last moment.
    pub fn objects(&self, moment: usize) -> &[Object] {
        self.clusters.get(moment).map_or(&[], |c| &c.objects)
    }

    /// How long a moment took to run, in milliseconds (by the scheduler options' clock; none
    /// without one, and for the first moment).
    pub fn millis(&self, moment: usize) -> Option<f64> {
        self.millis.get(moment).copied().flatten()
    }

    /// The position of the first moment the call that made this ran; the moments before it were
    /// kept from the previous run (0 after a full run).
    pub fn first_run(&self) -> usize {
        self.first_run
    }
}

/// What each moment of a scenario is made of: the first moment's objects, then each Step with
/// the objects written after it.
fn inputs(loaded: &LoadedScenario) -> Vec<Vec<Object>> {
    let first = loaded
        .first_moment()
        .iter()
        .map(|o| o.object.clone())
        .collect();
    let steps = steps(loaded).into_iter().map(|(step, applied)| {
        std::iter::once(Object::Step(step.clone()))
            .chain(applied.into_iter().cloned())
            .collect()
    });
    std::iter::once(first).chain(steps).collect()
}
