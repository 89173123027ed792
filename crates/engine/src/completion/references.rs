//! Fields that name another object of the scenario, and the names they may take: the
//! scenario loaded as the engine loads it, without the word being typed (so that a half-typed
//! line does not hide the rest).

use std::collections::BTreeSet;

use super::context::{self, Context};
use super::schema::Source;
use super::{CompletionOption, OptionKind};
use crate::api::{namespace_or_default, Object};
use crate::feature_gates;
use crate::load::{load_scenario, LoadOptions, LoadedScenario};

/// What a field names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Names {
    /// A DeviceClass.
    DeviceClass,
    /// A ResourceClaim in the document's namespace.
    Claim,
    /// A ResourceClaimTemplate in the document's namespace.
    Template,
    /// A ResourceClaim in any namespace (`default` when the reference names none).
    AnyClaim,
    /// A node.
    Node,
    /// A driver of the scenario's slices.
    Driver,
    /// A pool of the scenario's slices.
    Pool,
    /// A device's name in its pool.
    DeviceName,
    /// A device, `DRIVER/POOL/DEVICE`.
    Device,
    /// An attribute of the scenario's devices, qualified by its domain.
    Attribute,
    /// A request of the claim being written (`REQUEST` or `REQUEST/SUBREQUEST`).
    Request,
    /// An entry of the pod's `spec.resourceClaims`.
    PodClaim,
}

/// Fields that name an object: typed (an `api` struct) or a type of the field tree, the
/// type's name, the field, what it names.
const REFERENCES: &[(bool, &str, &str, Names)] = &[
    (
        true,
        "ExactDeviceRequest",
        "deviceClassName",
        Names::DeviceClass,
    ),
    (
        true,
        "DeviceSubRequest",
        "deviceClassName",
        Names::DeviceClass,
    ),
    (
        true,
        "DeviceTaintSelector",
        "deviceClassName",
        Names::DeviceClass,
    ),
    (true, "DeviceTaintSelector", "driver", Names::Driver),
    (true, "DeviceTaintSelector", "pool", Names::Pool),
    (true, "DeviceTaintSelector", "device", Names::DeviceName),
    (true, "ResourceSliceSpec", "nodeName", Names::Node),
    (true, "DeviceConstraint", "requests", Names::Request),
    (true, "DeviceConstraint", "matchAttribute", Names::Attribute),
    (
        true,
        "DeviceConstraint",
        "distinctAttribute",
        Names::Attribute,
    ),
    (true, "DeviceClaimConfiguration", "requests", Names::Request),
    (true, "TaintDevice", "device", Names::Device),
    (true, "SetDeviceCondition", "device", Names::Device),
    (true, "SetDeviceCondition", "claim", Names::AnyClaim),
    (false, "PodResourceClaim", "resourceClaimName", Names::Claim),
    (
        false,
        "PodResourceClaim",
        "resourceClaimTemplateName",
        Names::Template,
    ),
    (false, "PodSpec", "nodeName", Names::Node),
    // A container's `resources.claims`: the pod's entries.
    (false, "ResourceClaim", "name", Names::PodClaim),
];

/// The names `field` of `type_name` may take, when it names an object.
pub(super) fn names(
    text: &str,
    ctx: &Context,
    typed: bool,
    type_name: &str,
    field: &str,
) -> Option<Vec<CompletionOption>> {
    let (_, _, _, names) = REFERENCES
        .iter()
        .find(|(t, name, f, _)| *t == typed && *name == type_name && *f == field)?;
    let loaded = load_without_word(text, ctx);
    let namespace = context::root_child_value(text, &ctx.document, "metadata", "namespace")
        .map_or_else(
            || namespace_or_default("").to_owned(),
            |n| namespace_or_default(n).to_owned(),
        );
    let (found, detail) = collect(&loaded, ctx, *names, &namespace);
    Some(
        found
            .into_iter()
            .map(|name| CompletionOption {
                insert: name.clone(),
                label: name,
                kind: OptionKind::Reference,
                detail: detail.clone(),
            })
            .collect(),
    )
}

/// The keys of the map at the cursor, where the scenario knows them: the feature gates of a
/// Scenario, the node label keys of a pod's `nodeSelector`.
pub(super) fn map_keys(text: &str, ctx: &Context, source: Source) -> Vec<String> {
    let Some(parent) = ctx.path.split_last().map(|(_, p)| p) else {
        return Vec::new();
    };
    let Some(super::Segment::Key(field)) = ctx.path.last() else {
        return Vec::new();
    };
    let typed = matches!(source, Source::Typed(_));
    let parent = match source.shape_at(parent) {
        Some(super::Shape::Object(name)) => name,
        _ => return Vec::new(),
    };
    match (typed, parent.as_str(), field.as_str()) {
        (true, "ScenarioSpec", "featureGates") => feature_gates::all()
            .iter()
            .map(|g| g.name.to_owned())
            .collect(),
        (false, "PodSpec", "nodeSelector") => {
            let loaded = load_without_word(text, ctx);
            let keys: BTreeSet<String> = loaded
                .objects
                .iter()
                .filter_map(|o| match &o.object {
                    Object::Node(n) => Some(n.metadata.labels.keys().cloned()),
                    _ => None,
                })
                .flatten()
                .collect();
            keys.into_iter().collect()
        }
        _ => Vec::new(),
    }
}

/// The scenario without the word at the cursor.
fn load_without_word(text: &str, ctx: &Context) -> LoadedScenario {
    let mut without = String::with_capacity(text.len());
    without.push_str(&text[..ctx.replace.start]);
    without.push_str(&text[ctx.replace.end..]);
    load_scenario(&without, &LoadOptions::default())
}

/// The names of `what` in the scenario, sorted, and where they come from.
fn collect(
    loaded: &LoadedScenario,
    ctx: &Context,
    what: Names,
    namespace: &str,
) -> (BTreeSet<String>, String) {
    let mut found = BTreeSet::new();
    let in_namespace = |meta: &crate::api::ObjectMeta| meta.namespace_or_default() == namespace;
    let here = loaded
        .objects
        .iter()
        .find(|o| o.document == ctx.document_index && o.made_by.is_none());
    for object in &loaded.objects {
        match (&object.object, what) {
            (Object::DeviceClass(c), Names::DeviceClass) => {
                found.insert(c.metadata.name.clone());
            }
            (Object::ResourceClaim(c), Names::Claim) if in_namespace(&c.metadata) => {
                found.insert(c.metadata.name.clone());
            }
            (Object::ResourceClaim(c), Names::AnyClaim) => {
                found.insert(c.metadata.name.clone());
            }
            (Object::ResourceClaimTemplate(t), Names::Template) if in_namespace(&t.metadata) => {
                found.insert(t.metadata.name.clone());
            }
            (Object::Node(n), Names::Node) => {
                found.insert(n.metadata.name.clone());
            }
            (Object::ResourceSlice(s), _) => {
                let spec = &s.spec;
                for device in &spec.devices {
                    match what {
                        Names::Driver => found.insert(spec.driver.clone()),
                        Names::Pool => found.insert(spec.pool.name.clone()),
                        Names::DeviceName => found.insert(device.name.clone()),
                        Names::Device => found.insert(format!(
                            "{}/{}/{}",
                            spec.driver, spec.pool.name, device.name
                        )),
                        Names::Attribute => {
                            for key in device.attributes.keys() {
                                found.insert(if key.contains('/') {
                                    key.clone()
                                } else {
                                    format!("{}/{key}", spec.driver)
                                });
                            }
                            false
                        }
                        _ => false,
                    };
                }
            }
            _ => {}
        }
    }
    match (what, here.map(|o| &o.object)) {
        (Names::Request, Some(Object::ResourceClaim(c))) => request_names(&c.spec, &mut found),
        (Names::Request, Some(Object::ResourceClaimTemplate(t))) => {
            request_names(&t.spec.spec, &mut found);
        }
        (Names::PodClaim, Some(Object::Pod(p))) => {
            found.extend(p.spec.resource_claims.iter().map(|c| c.name.clone()));
        }
        (Names::PodClaim, Some(Object::Workload(w))) => {
            found.extend(
                w.spec
                    .template
                    .spec
                    .resource_claims
                    .iter()
                    .map(|c| c.name.clone()),
            );
        }
        _ => {}
    }
    found.remove("");
    let detail = match what {
        Names::DeviceClass => "DeviceClass".to_owned(),
        Names::Claim | Names::Template => format!(
            "{} in {namespace}",
            if what == Names::Claim {
                "ResourceClaim"
            } else {
                "ResourceClaimTemplate"
            }
        ),
        Names::AnyClaim => "ResourceClaim".to_owned(),
        Names::Node => "Node".to_owned(),
        Names::Driver => "driver".to_owned(),
        Names::Pool => "pool".to_owned(),
        Names::DeviceName | Names::Device => "device".to_owned(),
        Names::Attribute => "attribute".to_owned(),
        Names::Request => "request of this claim".to_owned(),
        Names::PodClaim => "the pod's resourceClaims".to_owned(),
    };
    (found, detail)
}

/// The names of a claim's requests and of their alternatives (`REQUEST/SUBREQUEST`).
fn request_names(spec: &crate::api::ResourceClaimSpec, out: &mut BTreeSet<String>) {
    for request in &spec.devices.requests {
        out.insert(request.name.clone());
        for sub in &request.first_available {
            out.insert(format!("{}/{}", request.name, sub.name));
        }
    }
}
