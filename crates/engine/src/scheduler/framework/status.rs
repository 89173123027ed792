//! What a plugin says about a pod on a node (upstream's `Status`).

use std::borrow::Cow;

use crate::scheduler_profile::PluginName;

/// Why a node cannot take a pod (the codes of a rejecting `Status`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Code {
    /// Preemption could make room.
    Unschedulable,
    /// Preemption cannot help on this node.
    UnschedulableAndUnresolvable,
}

/// A plugin's rejection of a node: its code and reasons, in the plugin's
/// words (each reason is counted on its own in the pod's message).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Rejection {
    /// The plugin that rejected the node.
    pub plugin: PluginName,
    /// Whether preemption could help.
    pub code: Code,
    /// One or more reasons (most are fixed texts: no copy per node).
    pub reasons: Vec<Cow<'static, str>>,
}

impl Rejection {
    /// One reason, preemption cannot help.
    pub(crate) fn unresolvable(
        plugin: PluginName,
        reason: impl Into<Cow<'static, str>>,
    ) -> Rejection {
        Rejection {
            plugin,
            code: Code::UnschedulableAndUnresolvable,
            reasons: vec![reason.into()],
        }
    }

    /// One reason, preemption could help.
    pub(crate) fn unschedulable(
        plugin: PluginName,
        reason: impl Into<Cow<'static, str>>,
    ) -> Rejection {
        Rejection {
            plugin,
            code: Code::Unschedulable,
            reasons: vec![reason.into()],
        }
    }

    /// The reasons joined as upstream's `Status.Message()` joins them.
    pub(crate) fn message(&self) -> String {
        self.reasons.join(", ")
    }
}
