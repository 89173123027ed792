//! What changed at a moment, and why.

use serde::Serialize;

/// One change, at its time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    /// Nanoseconds since the start.
    pub at: i64,
    /// What kind of change.
    pub kind: EventKind,
    /// The object it happened to ([`object_name`]).
    pub object: String,
    /// What happened and why, in words.
    pub message: String,
}

/// How an event names the object it happened to: `Kind key`, the key being
/// `namespace/name` for a namespaced kind and the name for a cluster-scoped
/// one (`Pod default/p`, `Node node-1`).
pub fn object_name(kind: &str, key: &str) -> String {
    format!("{kind} {key}")
}

/// The kinds of change a moment reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum EventKind {
    /// A step applied an object (created or changed).
    Applied,
    /// A step deleted an object.
    Deleted,
    /// A step tainted a device.
    Tainted,
    /// A step set a condition of an allocated device.
    ConditionSet,
    /// The scheduler placed a pod on a node.
    Scheduled,
    /// The scheduler tried a pod and found no node.
    Unschedulable,
    /// A pod waits before binding for its devices' binding conditions.
    WaitingForBinding,
    /// A pod's binding conditions are met: it is bound to its node.
    Bound,
    /// A pod's binding failed (a failure condition or the timeout): its
    /// devices were given back and it is tried again.
    BindingFailed,
    /// A pod was evicted (a NoExecute device taint not tolerated).
    Evicted,
    /// A pod was deleted because its node is gone.
    PodGarbageCollected,
    /// A workload's controller made a pod to replace one that is gone.
    PodCreated,
    /// A claim was deleted with the pod it was made for.
    ClaimDeleted,
    /// A pending pod's claim made from a template was gone: a new one is
    /// made for it.
    ClaimRecreated,
    /// A pod no longer reserves a claim.
    ReservationRemoved,
    /// A claim no pod reserves was deallocated: its devices are free.
    ClaimDeallocated,
}

/// How a time since the start is written: a Go duration (`1m30s`).
pub fn time_words(nanos: i64) -> String {
    let seconds = nanos / 1_000_000_000;
    let rest = nanos % 1_000_000_000;
    let (h, m, s) = (seconds / 3600, (seconds / 60) % 60, seconds % 60);
    let mut out = String::new();
    if h > 0 {
        out.push_str(&format!("{h}h"));
    }
    if h > 0 || m > 0 {
        out.push_str(&format!("{m}m"));
    }
    if rest > 0 {
        let frac = format!("{:09}", rest);
        out.push_str(&format!("{s}.{}s", frac.trim_end_matches('0')));
    } else {
        out.push_str(&format!("{s}s"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::time_words;

    #[test]
    fn times_are_written_as_go_durations() {
        assert_eq!(time_words(0), "0s");
        assert_eq!(time_words(30_000_000_000), "30s");
        assert_eq!(time_words(90_000_000_000), "1m30s");
        assert_eq!(time_words(3_600_000_000_000), "1h0m0s");
        assert_eq!(time_words(1_500_000_000), "1.5s");
    }
}
