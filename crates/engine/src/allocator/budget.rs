//! The search budget: like the kube-scheduler's DRA filter timeout, a search
//! that takes too long stops with a clear error instead of hanging.
//!
//! Steps are counted as upstream counts `numAllocateOneInvocations`: one per
//! call of the recursive `allocateOne`. The budget is per pod (per
//! [`super::Allocator`]), over all the nodes tried for it. Time is optional:
//! WebAssembly has no `std::time::Instant`, so the caller injects a clock.

use std::cell::Cell;
use std::fmt;

/// A monotonic clock in milliseconds (`performance.now()` in a browser,
/// `Instant` natively), injected by the caller.
#[derive(Clone, Copy)]
pub struct Clock(pub fn() -> f64);

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Clock")
    }
}

impl PartialEq for Clock {
    fn eq(&self, other: &Clock) -> bool {
        std::ptr::fn_addr_eq(self.0, other.0)
    }
}

impl Eq for Clock {}

/// How long one pod's search may take.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Budget {
    /// Steps (calls of `allocateOne`) per pod; None: unlimited.
    pub max_steps: Option<u64>,
    /// Milliseconds per pod, measured with `clock`; ignored without one.
    pub max_millis: Option<u64>,
    /// The clock for `max_millis` (and for reporting the time taken).
    pub clock: Option<Clock>,
}

/// The steps a pod's search may take unless the scenario or the caller says
/// otherwise: far more than realistic scenarios need (no conformance case
/// takes more than 500 per pod, nor does the 500-node reference cluster),
/// and a few seconds of a pathological search (a step costs about 4 µs with
/// 48 devices on a node).
pub const DEFAULT_MAX_STEPS: u64 = 1_000_000;

/// How often (in steps) the clock is read.
const CLOCK_EVERY: u64 = 256;

/// The budget's state for one pod: steps taken so far over all nodes.
#[derive(Debug)]
pub(crate) struct Meter {
    budget: Budget,
    steps: Cell<u64>,
    started: Option<f64>,
}

impl Meter {
    pub fn new(budget: Budget) -> Self {
        let started = match (budget.clock, budget.max_millis) {
            (Some(clock), _) => Some((clock.0)()),
            _ => None,
        };
        Meter {
            budget,
            steps: Cell::new(0),
            started,
        }
    }

    /// Steps taken so far.
    pub fn steps(&self) -> u64 {
        self.steps.get()
    }

    /// Records the steps of one search.
    pub fn add(&self, steps: u64) {
        self.steps.set(self.steps.get().saturating_add(steps));
    }

    /// The step count (within one search, which started at `base` steps)
    /// beyond which the search must stop.
    pub fn limit(&self) -> u64 {
        self.budget
            .max_steps
            .map_or(u64::MAX, |max| max.saturating_sub(self.steps.get()))
    }

    /// Whether the budget limits time (then a search's outcome depends on
    /// when it runs, not only on what it reads).
    pub fn timed(&self) -> bool {
        self.budget.max_millis.is_some()
    }

    /// Whether the clock must be read at this step.
    #[inline]
    pub fn check_time(&self, step: u64) -> bool {
        self.budget.max_millis.is_some() && step.is_multiple_of(CLOCK_EVERY)
    }

    /// Whether the time allowed is used up.
    pub fn out_of_time(&self) -> bool {
        match (self.budget.max_millis, self.elapsed()) {
            (Some(max), Some(elapsed)) => elapsed >= max as f64,
            _ => false,
        }
    }

    /// Milliseconds since the pod's search began, if there is a clock.
    pub fn elapsed(&self) -> Option<f64> {
        let clock = self.budget.clock?;
        let started = self.started?;
        Some(((clock.0)() - started).max(0.0))
    }

    /// The message of a search stopped after `steps` steps in all.
    pub fn stopped_message(&self, steps: u64) -> String {
        let time = match self.elapsed() {
            Some(ms) => format!(" / {} ms", ms.round() as u64),
            None => String::new(),
        };
        let limit = if self.out_of_time() {
            let max = self.budget.max_millis.unwrap_or_default();
            format!("{max} ms per pod (searchBudget.maxMillis)")
        } else {
            let max = self.budget.max_steps.unwrap_or_default();
            format!("{max} steps per pod (searchBudget.maxSteps)")
        };
        format!("search stopped after {steps} steps{time}: the search budget allows {limit}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_and_messages() {
        let meter = Meter::new(Budget {
            max_steps: Some(10),
            ..Budget::default()
        });
        assert_eq!(meter.limit(), 10);
        meter.add(4);
        assert_eq!(meter.limit(), 6);
        assert!(!meter.out_of_time());
        assert_eq!(
            meter.stopped_message(11),
            "search stopped after 11 steps: the search budget allows 10 steps per pod (searchBudget.maxSteps)"
        );
        assert_eq!(Meter::new(Budget::default()).limit(), u64::MAX);
    }

    #[test]
    fn time_needs_a_clock() {
        fn late() -> f64 {
            static CALLS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
            CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed) as f64 * 1000.0
        }
        let without = Meter::new(Budget {
            max_millis: Some(5),
            ..Budget::default()
        });
        assert!(!without.out_of_time());
        let with = Meter::new(Budget {
            max_millis: Some(5),
            clock: Some(Clock(late)),
            ..Budget::default()
        });
        assert!(with.check_time(256) && !with.check_time(255));
        assert!(with.out_of_time());
        assert!(with
            .stopped_message(7)
            .ends_with("the search budget allows 5 ms per pod (searchBudget.maxMillis)"));
    }
}
