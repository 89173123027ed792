//! The claims a pod uses, as the resource claim controller and the
//! scheduler find them: named claims looked up; for a template entry, the
//! claim the pod's `status.resourceClaimStatuses` links, or one made from
//! the template ([`crate::api::pod_claim_name`] names it).

use super::claim_index::ClaimIndex;
use crate::api::{
    pod_claim_name, template_claim_generate_name, ObjectMeta, Pod, ResourceClaim,
    ResourceClaimTemplate,
};

/// Resolves `spec.resourceClaims` in order, as indices into the run's
/// claims (an entry whose status says no claim was needed has none). Claims
/// made from templates are appended to `claims`. A missing claim or
/// template makes the pod unschedulable, as in Kubernetes. `by_name` finds
/// claims by name among `claims`.
pub(crate) fn resolve_pod_claims(
    pod: &Pod,
    templates: &[ResourceClaimTemplate],
    claims: &mut Vec<ResourceClaim>,
    by_name: &mut ClaimIndex,
) -> Result<Vec<usize>, String> {
    let namespace = pod.metadata.namespace_or_default();
    let mut refs = Vec::with_capacity(pod.spec.resource_claims.len());
    for entry in &pod.spec.resource_claims {
        let Some(name) = pod_claim_name(pod, entry) else {
            if entry.resource_claim_template_name.is_some() {
                continue; // the controller found no claim needed
            }
            return Err(format!(
                "pod claim {:?}: neither resourceClaimName nor resourceClaimTemplateName is set",
                entry.name
            ));
        };
        let linked = entry.resource_claim_name.is_some() || pod.claim_status(&entry.name).is_some();
        if let Some(index) = by_name.find(claims, namespace, &name) {
            // A named claim, a linked claim, or a claim made for this pod
            // by an earlier run.
            refs.push(index);
            continue;
        }
        if linked {
            return Err(not_found(
                "resourceclaim",
                &name,
                namespace,
                claims_named(claims, &name),
            ));
        }
        let Some(template_name) = entry.resource_claim_template_name.as_deref() else {
            continue;
        };
        let Some(template) = templates.iter().find(|t| {
            t.metadata.name == template_name && t.metadata.namespace_or_default() == namespace
        }) else {
            let elsewhere = templates
                .iter()
                .filter(|t| t.metadata.name == template_name)
                .map(|t| t.metadata.namespace_or_default());
            return Err(not_found(
                "resourceclaimtemplate",
                template_name,
                namespace,
                elsewhere,
            ));
        };
        claims.push(claim_from_template(template, &name, pod, &entry.name));
        refs.push(claims.len() - 1);
    }
    Ok(refs)
}

/// Kubernetes' "not found", and where an object of that name is, if in
/// another namespace: a pod uses only claims and templates of its own.
fn not_found<'n>(
    resource: &str,
    name: &str,
    namespace: &str,
    elsewhere: impl Iterator<Item = &'n str>,
) -> String {
    let mut message = format!("{resource} \"{name}\" not found");
    let others: Vec<&str> = elsewhere.filter(|n| *n != namespace).collect();
    if !others.is_empty() {
        let quoted: Vec<String> = others.iter().map(|n| format!("{n:?}")).collect();
        message.push_str(&format!(
            " in namespace {namespace:?} (one is in namespace {}: a pod uses only those of its own namespace)",
            quoted.join(", ")
        ));
    }
    message
}

fn claims_named<'c>(claims: &'c [ResourceClaim], name: &'c str) -> impl Iterator<Item = &'c str> {
    claims
        .iter()
        .filter(move |c| c.metadata.name == name)
        .map(|c| c.metadata.namespace_or_default())
}

/// The claims among `indices` that were made (or are linked) for the pod's
/// template entries, with the template's name.
pub(crate) fn template_claims(
    pod: &Pod,
    indices: &[usize],
    claims: &[ResourceClaim],
) -> Vec<(usize, String)> {
    pod.spec
        .resource_claims
        .iter()
        .filter_map(|entry| {
            let template = entry.resource_claim_template_name.as_ref()?;
            let name = pod_claim_name(pod, entry)?;
            let index = indices
                .iter()
                .copied()
                .find(|&i| claims[i].metadata.name == name)?;
            Some((index, template.clone()))
        })
        .collect()
}

/// The annotation naming the pod's entry on a claim made for it.
const POD_CLAIM_NAME_ANNOTATION: &str = "resource.kubernetes.io/pod-claim-name";

/// A claim made from a template for a pod's entry, as the resource claim
/// controller makes it: the template's spec, labels and annotations (with
/// the entry's name), owned by the pod.
fn claim_from_template(
    template: &ResourceClaimTemplate,
    name: &str,
    pod: &Pod,
    entry: &str,
) -> ResourceClaim {
    let mut metadata = ObjectMeta {
        name: name.to_owned(),
        generate_name: template_claim_generate_name(pod, entry).unwrap_or_default(),
        namespace: pod.metadata.namespace_or_default().to_owned(),
        labels: template.spec.metadata.labels.clone(),
        annotations: template.spec.metadata.annotations.clone(),
        owner_references: vec![pod.metadata.controller_reference("v1", "Pod")],
        ..ObjectMeta::default()
    };
    metadata
        .annotations
        .insert(POD_CLAIM_NAME_ANNOTATION.to_owned(), entry.to_owned());
    ResourceClaim {
        metadata,
        spec: template.spec.spec.clone(),
        ..ResourceClaim::default()
    }
}
