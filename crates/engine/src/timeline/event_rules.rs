//! The rule behind each kind of change, in words: what the controller or the scheduler that
//! made it does, for an explanation of one event (the web app's explanation panel).

use super::EventKind;

impl EventKind {
    /// The rule that makes a change of this kind, as Kubernetes applies it (and the
    /// playground simulates it).
    pub fn rule(self) -> &'static str {
        match self {
            EventKind::Applied => "A step applied this object: it is created, or replaces the object of the same kind and name, as kubectl apply would.",
            EventKind::Deleted => "A step deleted this object. Whatever depended on it reacts: the pods of a deleted node are deleted, the devices of a deleted slice are gone, a deleted pod leaves its claims' reservedFor.",
            EventKind::Tainted => "A step added a taint to this device. A NoSchedule or NoExecute taint keeps new allocations off the device unless the claim tolerates it; NoExecute also evicts the pods that use it.",
            EventKind::ConditionSet => "A step set a condition of an allocated device: a binding condition true lets the waiting pod bind, a binding failure condition makes the scheduler give the devices back.",
            EventKind::Scheduled => "The scheduling queue tried this pod again (something it waited for changed) and the scheduler found a node: its claims are allocated and reserved for it, and it is bound.",
            EventKind::Unschedulable => "The scheduler tried this pod and no node fits it; it stays in the scheduling queue and is tried again when the cluster changes.",
            EventKind::WaitingForBinding => "The pod's devices have binding conditions: the scheduler allocated them and waits in PreBind until every condition is true before binding the pod (up to the binding timeout, 600 s).",
            EventKind::Bound => "Every binding condition of the pod's devices is true: the scheduler binds the pod to its node.",
            EventKind::BindingFailed => "A binding failure condition became true, or the binding conditions were not met within the timeout: the scheduler gives the devices back (the claim is deallocated) and puts the pod back in the queue.",
            EventKind::Evicted => "The device taint eviction controller deletes a pod that uses a device with a NoExecute taint its claim does not tolerate, at once or when its toleration's tolerationSeconds run out.",
            EventKind::PodGarbageCollected => "The pod garbage collector deletes the pods bound to a node that no longer exists.",
            EventKind::PodCreated => "A workload's controller (ReplicaSet, StatefulSet, DaemonSet) keeps its replicas: it makes a new pod for one that is gone. A new pod enters the scheduling queue.",
            EventKind::ClaimDeleted => "The resource claim controller deletes a claim made from a template together with the pod it was made for.",
            EventKind::ClaimRecreated => "A pending pod's claim made from a template is gone: the scheduler makes it again from the template when it tries the pod, as for a new pod.",
            EventKind::ReservationRemoved => "The resource claim controller removes a pod that is gone from its claims' status.reservedFor.",
            EventKind::ClaimDeallocated => "The resource claim controller deallocates a claim the scheduler allocated once no pod reserves it any more: its devices are free for other claims.",
        }
    }
}
