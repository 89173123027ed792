//! What a controller finds before it makes pods: the nodes, and the pods
//! and workloads a pasted cluster already holds (`kubectl get all -o yaml`).
//! A controller makes only the pods that are missing, so that a dump
//! continues from where the cluster is.

use crate::api::{Node, ObjectMeta, Pod, Workload};

/// The objects a controller looks at.
#[derive(Clone, Debug, Default)]
pub struct Cluster<'a> {
    /// Every node, in document order.
    pub nodes: Vec<&'a Node>,
    /// Every pod the scenario writes.
    pub pods: Vec<&'a Pod>,
    /// Every workload the scenario writes.
    pub workloads: Vec<&'a Workload>,
}

impl<'a> Cluster<'a> {
    /// The pods of a namespace that have not finished (Succeeded or Failed).
    pub(super) fn active_pods_in<'n>(
        &self,
        namespace: &'n str,
    ) -> impl Iterator<Item = &'a Pod> + use<'a, 'n, '_> {
        self.pods
            .iter()
            .copied()
            .filter(move |p| p.metadata.namespace_or_default() == namespace && !finished(p))
    }

    /// The active pods of a namespace whose controller is `kind` `name`.
    pub(super) fn active_pods_of(&self, namespace: &str, kind: &str, name: &str) -> Vec<&'a Pod> {
        self.active_pods_in(namespace)
            .filter(|p| controller_of(&p.metadata) == Some((kind, name)))
            .collect()
    }

    /// The pods of a namespace whose controller is `kind` `name` and that
    /// succeeded.
    pub(super) fn succeeded_pods_of(&self, namespace: &str, kind: &str, name: &str) -> usize {
        self.pods
            .iter()
            .filter(|p| {
                p.metadata.namespace_or_default() == namespace
                    && controller_of(&p.metadata) == Some((kind, name))
                    && phase(p) == Some("Succeeded")
            })
            .count()
    }

    /// Whether a workload of `kind` in the namespace has `name`'s
    /// `owner_kind` as its controller (a Deployment's ReplicaSet).
    pub(super) fn has_workload_of(
        &self,
        namespace: &str,
        kind: &str,
        owner_kind: &str,
        owner: &str,
    ) -> bool {
        self.workloads.iter().any(|w| {
            w.kind.name() == kind
                && w.metadata.namespace_or_default() == namespace
                && controller_of(&w.metadata) == Some((owner_kind, owner))
        })
    }

    /// A pod of the namespace with this name.
    pub(super) fn pod_named(&self, namespace: &str, name: &str) -> Option<&'a Pod> {
        self.pods
            .iter()
            .copied()
            .find(|p| p.metadata.namespace_or_default() == namespace && p.metadata.name == name)
    }
}

/// The (kind, name) of an object's controller, from its owner references.
pub(super) fn controller_of(meta: &ObjectMeta) -> Option<(&str, &str)> {
    meta.owner_references.iter().find_map(|r| {
        (r.get("controller").and_then(|c| c.as_bool()) == Some(true)).then(|| {
            (
                r.get("kind").and_then(|k| k.as_str()).unwrap_or_default(),
                r.get("name").and_then(|n| n.as_str()).unwrap_or_default(),
            )
        })
    })
}

fn phase(pod: &Pod) -> Option<&str> {
    pod.status.as_ref()?.phase.as_deref()
}

fn finished(pod: &Pod) -> bool {
    matches!(phase(pod), Some("Succeeded" | "Failed"))
}
