//! The scheduler's flags, shared by `allocate` and `explain`: the search
//! budget and `--no-scoring`.

use std::sync::OnceLock;
use std::time::Instant;

use dra_engine::allocator::Clock;
use dra_engine::scheduler::SchedulerOptions;

/// Limits of each pod's device search (they override the Scenario
/// document's `spec.searchBudget`), and whether nodes are scored.
#[derive(clap::Args, Clone, Copy, Debug, Default)]
pub struct SchedulerArgs {
    /// Search steps per pod before the search stops and the pod is
    /// unschedulable (0: no limit; default: the scenario's
    /// spec.searchBudget.maxSteps, else 1000000).
    #[arg(long, value_name = "N")]
    max_steps: Option<u64>,
    /// Milliseconds per pod before the search stops (0: no limit; default:
    /// the scenario's spec.searchBudget.maxMillis, else none).
    #[arg(long, value_name = "MS")]
    max_ms: Option<u64>,
    /// Do not score nodes: try them in document order from the first, for
    /// every pod, and take the first feasible node (as the scenario's
    /// spec.scoring: false; the conformance cases are run this way).
    #[arg(long)]
    no_scoring: bool,
}

impl SchedulerArgs {
    /// The scheduler options, with a clock for the time limit.
    pub fn scheduler_options(&self) -> SchedulerOptions {
        SchedulerOptions {
            max_steps: self.max_steps,
            max_millis: self.max_ms,
            clock: Some(Clock(now_millis)),
            no_scoring: self.no_scoring,
        }
    }
}

/// Milliseconds since the first call (a monotonic clock).
fn now_millis() -> f64 {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
}
