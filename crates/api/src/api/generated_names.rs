//! The names Kubernetes generates, made deterministic: an object's
//! `generateName` completed as the apiserver completes it, a Deployment's
//! `pod-template-hash`, and the claim the resource claim controller makes
//! for a pod's template entry.
//!
//! Upstream draws the five characters that complete a `generateName` at
//! random; the playground draws them from a hash of what names the object
//! (its namespace, kind and prefix, and how many such objects came before
//! it), so that a scenario gives the same names on every run. The
//! characters and lengths are upstream's.

use super::{Pod, PodResourceClaim};

/// The characters of Kubernetes' random suffixes (`utilrand.String`: no
/// vowels, no 0, 1 or 3, so that no word and no look-alike is spelled).
const ALPHANUMS: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// How many characters complete a `generateName`.
pub const GENERATED_SUFFIX_LENGTH: usize = 5;

/// The longest object name.
const MAX_NAME_LENGTH: usize = 63;

/// The longest base the apiserver keeps of a `generateName`.
const MAX_GENERATED_BASE: usize = MAX_NAME_LENGTH - GENERATED_SUFFIX_LENGTH;

/// 64-bit FNV-1a.
fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// 32-bit FNV-1a, as the Deployment controller hashes a template.
fn fnv1a32(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |h, b| {
        (h ^ u32::from(*b)).wrapping_mul(0x0100_0193)
    })
}

/// A `generateName` completed as the apiserver does (`base` cut to 58
/// characters, then five characters of [`ALPHANUMS`]), the characters drawn
/// from a hash of `seed`.
pub fn generate_name(base: &str, seed: &str) -> String {
    let mut name: String = base.chars().take(MAX_GENERATED_BASE).collect();
    let mut hash = fnv1a64(seed.as_bytes());
    for _ in 0..GENERATED_SUFFIX_LENGTH {
        let len = ALPHANUMS.len() as u64;
        name.push(char::from(ALPHANUMS[(hash % len) as usize]));
        hash /= len;
    }
    name
}

/// Whether `name` is what the apiserver makes of `generate_name`: its base
/// followed by five generated characters (so not a name the user gave, such
/// as a StatefulSet's `web-0` beside `generateName: web-`).
pub fn is_generated(name: &str, generate_name: &str) -> bool {
    if generate_name.is_empty() {
        return false;
    }
    let base: String = generate_name.chars().take(MAX_GENERATED_BASE).collect();
    name.strip_prefix(base.as_str()).is_some_and(|suffix| {
        suffix.len() == GENERATED_SUFFIX_LENGTH && suffix.bytes().all(|b| ALPHANUMS.contains(&b))
    })
}

/// A Deployment's `pod-template-hash` from its template, as the controller
/// writes it (the 32-bit FNV-1a hash in decimal, each digit mapped onto
/// [`ALPHANUMS`] as `rand.SafeEncodeString` maps it). Upstream hashes the Go
/// object; the playground hashes the template's JSON, so the value differs
/// from a cluster's but is as stable.
pub fn pod_template_hash(template_json: &str) -> String {
    fnv1a32(template_json.as_bytes())
        .to_string()
        .bytes()
        .map(|b| char::from(ALPHANUMS[usize::from(b) % ALPHANUMS.len()]))
        .collect()
}

/// The `generateName` the resource claim controller gives the claim it
/// makes for a pod's entry: `<pod>-<entry>-`, or, when that is longer than
/// 57 characters, both names cut in proportion to their length, joined by
/// `-` (and no `-` at the end).
pub fn claim_generate_name(pod: &str, entry: &str) -> String {
    const MAX_BASE: usize = 57;
    let full = format!("{pod}-{entry}-");
    if full.len() <= MAX_BASE {
        return full;
    }
    let cut = |s: &str| {
        let keep = s.len() * MAX_BASE / full.len();
        s.get(..keep).unwrap_or(s).to_owned()
    };
    format!("{}-{}", cut(pod), cut(entry))
}

/// The name of the claim made from a template for a pod's entry. For a
/// pod whose name the apiserver generated (a controller's pod, a pod with
/// only `generateName`), the resource claim controller's: its generateName
/// completed, seeded by the pod and the entry. For a pod named in the
/// scenario, `<pod>-<entry>` (SCENARIO.md: a name the user can predict;
/// upstream completes a generateName there too).
pub fn template_claim_name(pod: &Pod, entry: &str) -> String {
    let meta = &pod.metadata;
    if is_generated(&meta.name, &meta.generate_name) {
        let seed = format!("{}/{}/{entry}", meta.namespace_or_default(), meta.name);
        generate_name(&claim_generate_name(&meta.name, entry), &seed)
    } else {
        format!("{}-{entry}", meta.name)
    }
}

/// The name of the claim a pod's entry uses: the claim it names, the claim
/// its `status.resourceClaimStatuses` links (made for it earlier), or the
/// claim to make from its template ([`template_claim_name`]); None when the
/// status says no claim was needed, or the entry names neither.
pub fn pod_claim_name(pod: &Pod, entry: &PodResourceClaim) -> Option<String> {
    if let Some(name) = &entry.resource_claim_name {
        return Some(name.clone());
    }
    entry.resource_claim_template_name.as_ref()?;
    match pod.claim_status(&entry.name) {
        Some(linked) => linked.map(str::to_owned),
        None => Some(template_claim_name(pod, &entry.name)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{ObjectMeta, PodResourceClaimStatus, PodStatus};

    fn pod(name: &str, generate_name: &str) -> Pod {
        Pod {
            metadata: ObjectMeta {
                name: name.into(),
                generate_name: generate_name.into(),
                namespace: "ns".into(),
                ..ObjectMeta::default()
            },
            ..Pod::default()
        }
    }

    #[test]
    fn generated_names_are_deterministic_and_upstream_shaped() {
        let a = generate_name("test-dra-", "ns/Pod/test-dra-#0");
        assert_eq!(a, generate_name("test-dra-", "ns/Pod/test-dra-#0"));
        assert_ne!(a, generate_name("test-dra-", "ns/Pod/test-dra-#1"));
        assert_eq!(a.len(), "test-dra-".len() + 5);
        assert!(is_generated(&a, "test-dra-"));
        assert!(!is_generated("web-0", "web-"));
        assert!(!is_generated("pod0", ""));
        let long = "x".repeat(70);
        assert_eq!(generate_name(&long, "s").len(), 63);
        assert!(is_generated(&generate_name(&long, "s"), &long));
    }

    #[test]
    fn pod_template_hash_is_encoded_as_upstream_encodes_it() {
        let hash = pod_template_hash("{}");
        assert!(hash.len() <= 10 && !hash.is_empty());
        // Decimal digits map onto 4, 5, 6, 7, 8, 9, b, c, d, f.
        assert!(hash.chars().all(|c| "456789bcdf".contains(c)), "{hash}");
        assert_ne!(hash, pod_template_hash("{\"a\":1}"));
    }

    #[test]
    fn claim_names() {
        assert_eq!(claim_generate_name("pod0", "gpu"), "pod0-gpu-");
        let long_pod = "p".repeat(60);
        let cut = claim_generate_name(&long_pod, "gpu-claim");
        assert!(cut.len() <= 57 && cut.ends_with("-gpu-cla"), "{cut}");
        assert_eq!(template_claim_name(&pod("pod0", ""), "gpu"), "pod0-gpu");
        assert_eq!(
            template_claim_name(&pod("web-0", "web-"), "gpu"),
            "web-0-gpu"
        );
        let made = pod(&generate_name("test-dra-", "seed"), "test-dra-");
        let claim = template_claim_name(&made, "gpu");
        assert!(
            is_generated(&claim, &format!("{}-gpu-", made.metadata.name)),
            "{claim}"
        );
    }

    #[test]
    fn a_linked_claim_is_the_pods_claim() {
        let mut p = pod("pod0", "");
        let entry = PodResourceClaim {
            name: "gpu".into(),
            resource_claim_template_name: Some("t".into()),
            ..PodResourceClaim::default()
        };
        assert_eq!(pod_claim_name(&p, &entry).as_deref(), Some("pod0-gpu"));
        p.status = Some(PodStatus {
            resource_claim_statuses: vec![PodResourceClaimStatus {
                name: "gpu".into(),
                resource_claim_name: Some("pod0-gpu-7xk2q".into()),
            }],
            ..PodStatus::default()
        });
        assert_eq!(
            pod_claim_name(&p, &entry).as_deref(),
            Some("pod0-gpu-7xk2q")
        );
        p.status.as_mut().unwrap().resource_claim_statuses[0].resource_claim_name = None;
        assert_eq!(pod_claim_name(&p, &entry), None);
    }
}
