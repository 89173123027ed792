//! What a step does to the cluster: the objects written after it applied
//! (created, or replacing the object of the same kind, namespace and name),
//! then its actions in order. The loader has checked every reference
//! (`crate::load`), so an action on something missing does nothing.

use super::cluster::Cluster;
use super::{object_name, Event, EventKind, PodState};
use crate::api::{
    device_id, kind_is_namespaced, namespace_or_default, AllocatedDeviceStatus, Condition, Object,
    StepAction,
};

/// An object as events name it (namespaced: by `namespace/name`).
fn named(object: &Object) -> String {
    let meta = object.metadata();
    if object.is_namespaced() {
        object_name(object.kind(), &meta.namespaced_name())
    } else {
        object_name(object.kind(), &meta.name)
    }
}

/// Applies one object.
pub(super) fn apply(cluster: &mut Cluster, object: &Object) -> Vec<Event> {
    let object_name = named(object);
    let changed = match object {
        Object::Pod(pod) => {
            let namespace = pod.metadata.namespace_or_default();
            match cluster.pod_index(namespace, &pod.metadata.name) {
                Some(index) => {
                    cluster.pods[index].pod = pod.clone();
                    true
                }
                None => {
                    cluster.add_pod(pod.clone(), PodState::Pending("not tried yet".to_owned()));
                    false
                }
            }
        }
        Object::ResourceClaim(claim) => {
            cluster.note_written_claim(claim);
            let namespace = claim.metadata.namespace_or_default();
            match cluster.claim_index(namespace, &claim.metadata.name) {
                Some(index) => {
                    cluster.claims[index] = claim.clone();
                    true
                }
                None => {
                    cluster.claims.push(claim.clone());
                    false
                }
            }
        }
        other => {
            cluster.nodes_written |= matches!(other, Object::Node(_));
            let same = cluster.objects.iter().position(|o| {
                o.kind() == other.kind()
                    && o.metadata().name == other.metadata().name
                    && o.metadata().namespace_or_default()
                        == other.metadata().namespace_or_default()
            });
            match same {
                Some(index) => {
                    cluster.objects[index] = other.clone();
                    true
                }
                None => {
                    cluster.objects.push(other.clone());
                    false
                }
            }
        }
    };
    vec![Event {
        at: cluster.now,
        kind: EventKind::Applied,
        object: object_name,
        message: if changed { "changed" } else { "created" }.to_owned(),
    }]
}

/// Does one action.
pub(super) fn act(cluster: &mut Cluster, action: &StepAction) -> Vec<Event> {
    if let Some(delete) = &action.delete {
        return delete_object(
            cluster,
            &delete.kind,
            delete.namespace.as_deref(),
            &delete.name,
        );
    }
    if let Some(taint) = &action.taint_device {
        for object in &mut cluster.objects {
            let Object::ResourceSlice(slice) = object else {
                continue;
            };
            let (driver, pool) = (slice.spec.driver.clone(), slice.spec.pool.name.clone());
            if let Some(device) = slice
                .spec
                .devices
                .iter_mut()
                .find(|d| device_id(&driver, &pool, &d.name) == taint.device)
            {
                device.taints.push(taint.taint.clone());
                return vec![Event {
                    at: cluster.now,
                    kind: EventKind::Tainted,
                    object: object_name("ResourceSlice", &slice.metadata.name),
                    message: format!(
                        "device {} tainted {}={}:{}",
                        taint.device, taint.taint.key, taint.taint.value, taint.taint.effect
                    ),
                }];
            }
        }
        return Vec::new();
    }
    if let Some(set) = &action.set_device_condition {
        let namespace = namespace_or_default(set.namespace.as_deref().unwrap_or_default());
        let Some(index) = cluster.claim_index(namespace, &set.claim) else {
            return Vec::new();
        };
        let mut parts = set.device.splitn(3, '/');
        let (driver, pool, device) = (
            parts.next().unwrap_or_default().to_owned(),
            parts.next().unwrap_or_default().to_owned(),
            parts.next().unwrap_or_default().to_owned(),
        );
        let claim = &mut cluster.claims[index];
        let position = claim
            .status
            .devices
            .iter()
            .position(|d| d.driver == driver && d.pool == pool && d.device == device);
        let status = match position {
            Some(i) => &mut claim.status.devices[i],
            None => {
                claim.status.devices.push(AllocatedDeviceStatus {
                    driver,
                    pool,
                    device,
                    ..AllocatedDeviceStatus::default()
                });
                let last = claim.status.devices.len() - 1;
                &mut claim.status.devices[last]
            }
        };
        status.conditions.retain(|c| c.type_ != set.type_);
        status.conditions.push(Condition {
            type_: set.type_.clone(),
            status: set.status.clone(),
            ..Condition::default()
        });
        return vec![Event {
            at: cluster.now,
            kind: EventKind::ConditionSet,
            object: object_name("ResourceClaim", &claim.metadata.namespaced_name()),
            message: format!("device {}: {}={}", set.device, set.type_, set.status),
        }];
    }
    Vec::new()
}

fn delete_object(
    cluster: &mut Cluster,
    kind: &str,
    namespace: Option<&str>,
    name: &str,
) -> Vec<Event> {
    let namespace = namespace_or_default(namespace.unwrap_or_default()).to_owned();
    let shown = if kind_is_namespaced(kind) {
        format!("{kind} {namespace}/{name}")
    } else {
        format!("{kind} {name}")
    };
    let found = match kind {
        "Pod" => cluster
            .pod_index(&namespace, name)
            .map(|index| cluster.remove_pod(index))
            .is_some(),
        "ResourceClaim" => cluster
            .claim_index(&namespace, name)
            .map(|index| cluster.remove_claim(index))
            .is_some(),
        _ => {
            let position = cluster.objects.iter().position(|o| {
                o.kind() == kind
                    && o.metadata().name == name
                    && (!o.is_namespaced() || o.metadata().namespace_or_default() == namespace)
            });
            position
                .map(|index| cluster.objects.remove(index))
                .is_some()
        }
    };
    if !found {
        return Vec::new();
    }
    let message = match kind {
        "ResourceSlice" => "deleted: its devices are no longer offered (pods already using them keep running: no controller evicts them)",
        "Node" => "deleted: the pods on it go with it",
        _ => "deleted",
    };
    vec![Event {
        at: cluster.now,
        kind: EventKind::Deleted,
        object: shown,
        message: message.to_owned(),
    }]
}
