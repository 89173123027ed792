//! Resuming a timeline after an edit (`timeline::Resumable`): the moments before the first step
//! the edit changes are kept, the rest run again, and the result is exactly a full run's.

use dra_engine::api::Object;
use dra_engine::load::LoadedScenario;
use dra_engine::pipeline::{load, refuse, run};
use dra_engine::scheduler::SchedulerOptions;
use dra_engine::timeline::Resumable;
use dra_engine::RunOptions;

use crate::support::repo_file;

/// Every gallery example with steps, loaded and ready to run.
fn examples_with_steps() -> Vec<(String, LoadedScenario)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(repo_file("examples")).expect("examples/") {
        let path = entry.expect("an entry").path();
        if path.extension().is_none_or(|x| x != "yaml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("an example");
        let loaded = load(&text, &RunOptions::default());
        if loaded.has_steps() {
            let loaded = refuse(loaded).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
            found.push((path.display().to_string(), loaded));
        }
    }
    assert!(found.len() >= 3, "the three examples in time");
    found
}

fn full(loaded: &LoadedScenario) -> Resumable {
    let options = SchedulerOptions::default();
    Resumable::run(loaded, run(loaded, &options, None), &options)
}

fn resumed(previous: &LoadedScenario, edited: &LoadedScenario) -> Resumable {
    let options = SchedulerOptions::default();
    Resumable::resume(
        full(previous),
        edited,
        run(edited, &options, None),
        &options,
    )
}

/// The positions of the Step documents among the objects.
fn step_positions(loaded: &LoadedScenario) -> Vec<usize> {
    (0..loaded.objects.len())
        .filter(|&i| matches!(loaded.objects[i].object, Object::Step(_)))
        .collect()
}

/// The scenario as it was before its step `step` (0-based) was written as it is: that step
/// without its actions, and without the objects written after it up to the next step.
fn with_step_emptied(loaded: &LoadedScenario, step: usize) -> LoadedScenario {
    let positions = step_positions(loaded);
    let mut previous = loaded.clone();
    let at = positions[step];
    let end = positions
        .get(step + 1)
        .copied()
        .unwrap_or(loaded.objects.len());
    previous.objects.drain(at + 1..end);
    if let Object::Step(s) = &mut previous.objects[at].object {
        s.spec.actions.clear();
    }
    previous
}

/// The scenario as it was before its steps from `step` on were written.
fn cut_before_step(loaded: &LoadedScenario, step: usize) -> LoadedScenario {
    let mut previous = loaded.clone();
    previous.objects.truncate(step_positions(loaded)[step]);
    previous
}

fn assert_same_as_full_run(name: &str, resumed: &Resumable, full: &Resumable) {
    assert_eq!(resumed.timeline(), full.timeline(), "{name}");
    for moment in 0..full.timeline().moments.len() {
        assert_eq!(
            resumed.objects(moment),
            full.objects(moment),
            "{name} @{moment}"
        );
    }
}

#[test]
fn resuming_after_an_edit_at_any_step_gives_the_full_runs_timeline() {
    for (name, loaded) in examples_with_steps() {
        let full = full(&loaded);
        let steps = step_positions(&loaded).len();
        assert_eq!(full.timeline().moments.len(), steps + 1, "{name}");
        for step in 0..steps {
            for (edit, previous) in [
                ("step emptied", with_step_emptied(&loaded, step)),
                ("steps added", cut_before_step(&loaded, step)),
            ] {
                let resumed = resumed(&previous, &loaded);
                let name = format!("{name}, {edit} at step {step}");
                assert_same_as_full_run(&name, &resumed, &full);
                // The moments before the step were kept; the step's own moment ran again.
                assert_eq!(resumed.first_run(), step + 1, "{name}");
            }
        }
    }
}

#[test]
fn an_unchanged_scenario_keeps_every_moment_and_a_changed_first_moment_runs_them_all() {
    for (name, loaded) in examples_with_steps() {
        let again = resumed(&loaded, &loaded);
        assert_same_as_full_run(&name, &again, &full(&loaded));
        assert_eq!(again.first_run(), again.timeline().moments.len(), "{name}");

        let mut other_start = loaded.clone();
        other_start.objects.remove(0);
        let from_other = resumed(&other_start, &loaded);
        assert_same_as_full_run(&name, &from_other, &full(&loaded));
        assert_eq!(from_other.first_run(), 0, "{name}");
    }
}

#[test]
fn a_text_edit_to_the_last_step_runs_that_step_only() {
    let text = std::fs::read_to_string(repo_file("examples/gpu-failure-eviction.yaml")).unwrap();
    let edited = text.replace("effect: NoExecute", "effect: NoSchedule");
    assert_ne!(text, edited);
    let loaded = |t: &str| refuse(load(t, &RunOptions::default())).expect("valid");
    let (before, after) = (loaded(&text), loaded(&edited));
    let resumed = resumed(&before, &after);
    assert_eq!(resumed.first_run(), 1);
    assert_same_as_full_run("NoSchedule", &resumed, &full(&after));
    // The edit matters: a NoSchedule taint evicts nothing.
    assert_ne!(resumed.timeline(), full(&before).timeline());
}

#[test]
fn the_time_of_each_step_is_measured_by_the_options_clock() {
    let (_, loaded) = examples_with_steps().remove(0);
    fn ticks() -> f64 {
        thread_local!(static T: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) });
        T.with(|t| {
            t.set(t.get() + 1.0);
            t.get()
        })
    }
    let options = SchedulerOptions {
        clock: Some(dra_engine::allocator::Clock(ticks)),
        ..SchedulerOptions::default()
    };
    let timed = Resumable::run(&loaded, run(&loaded, &options, None), &options);
    assert_eq!(
        timed.millis(0),
        None,
        "the first moment is the caller's run"
    );
    assert!(timed.millis(1).is_some_and(|ms| ms >= 1.0));
    assert_eq!(full(&loaded).millis(1), None, "no clock, no time");
}
