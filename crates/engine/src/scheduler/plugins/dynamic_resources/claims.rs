//! The claims a pod uses: named claims looked up, templates stamped out.

use crate::api::{Pod, ResourceClaim, ResourceClaimTemplate};

/// Resolves `spec.resourceClaims` in order, as indices into the run's claims. Claims made from templates are
/// appended to `claims`, named `<pod name>-<entry name>`. A missing claim or
/// template makes the pod unschedulable, as in Kubernetes.
pub(crate) fn resolve_pod_claims(
    pod: &Pod,
    templates: &[ResourceClaimTemplate],
    claims: &mut Vec<ResourceClaim>,
) -> Result<Vec<usize>, String> {
    let namespace = pod.metadata.namespace_or_default();
    let mut refs = Vec::with_capacity(pod.spec.resource_claims.len());
    for entry in &pod.spec.resource_claims {
        if let Some(name) = entry.resource_claim_name.as_deref() {
            let index = find_claim(claims, namespace, name)
                .ok_or_else(|| format!("resourceclaim \"{name}\" not found"))?;
            refs.push(index);
        } else if let Some(template_name) = entry.resource_claim_template_name.as_deref() {
            let template = templates
                .iter()
                .find(|t| {
                    t.metadata.name == template_name
                        && t.metadata.namespace_or_default() == namespace
                })
                .ok_or_else(|| format!("resourceclaimtemplate \"{template_name}\" not found"))?;
            let name = template_claim_name(pod, &entry.name);
            // A claim of that name from an earlier run of this pod is reused.
            let index = match find_claim(claims, namespace, &name) {
                Some(index) => index,
                None => {
                    claims.push(claim_from_template(template, &name, namespace));
                    claims.len() - 1
                }
            };
            refs.push(index);
        } else {
            return Err(format!(
                "pod claim {:?}: neither resourceClaimName nor resourceClaimTemplateName is set",
                entry.name
            ));
        }
    }
    Ok(refs)
}

/// The name of the claim made for a pod from a template:
/// `<pod name>-<entry name>`.
pub fn template_claim_name(pod: &Pod, entry: &str) -> String {
    format!("{}-{entry}", pod.metadata.name)
}

/// The claims among `indices` that were made from templates, with the
/// template's name.
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
            let name = template_claim_name(pod, &entry.name);
            let index = indices
                .iter()
                .copied()
                .find(|&i| claims[i].metadata.name == name)?;
            Some((index, template.clone()))
        })
        .collect()
}

fn find_claim(claims: &[ResourceClaim], namespace: &str, name: &str) -> Option<usize> {
    claims
        .iter()
        .position(|c| c.metadata.name == name && c.metadata.namespace_or_default() == namespace)
}

fn claim_from_template(
    template: &ResourceClaimTemplate,
    name: &str,
    namespace: &str,
) -> ResourceClaim {
    let mut claim = ResourceClaim {
        metadata: template.spec.metadata.clone(),
        spec: template.spec.spec.clone(),
        ..ResourceClaim::default()
    };
    claim.metadata.name = name.to_owned();
    claim.metadata.namespace = namespace.to_owned();
    claim
}
