//! The claims a pod uses: named claims looked up, templates stamped out.

use crate::api::{Pod, ResourceClaim, ResourceClaimTemplate};

/// The name of the claim made from a template for one of a pod's
/// `spec.resourceClaims` entries: `<pod name>-<entry name>` (SCENARIO.md; the
/// Kubernetes controller adds a random suffix, which a simulation cannot).
pub fn template_claim_name(pod: &str, entry: &str) -> String {
    format!("{pod}-{entry}")
}

/// Resolves `spec.resourceClaims` in order, as indices into the run's claims.
/// Claims made from templates are appended to `claims`, named by
/// [`template_claim_name`]. A missing claim or template makes the pod
/// unschedulable, as in Kubernetes.
pub(super) fn resolve_pod_claims(
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
            let name = template_claim_name(&pod.metadata.name, &entry.name);
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
