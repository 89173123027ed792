//! The run's claims by name: where the first claim of a namespace and name
//! stands among them. A run only appends claims (made from templates, for
//! extended resources) and never renames one, so the index catches up with
//! the claims appended since it last looked instead of being rebuilt; a pod
//! finds its claims without reading every claim of the run (at 40,000
//! claims, a search per pod entry was a tenth of a large run).

use std::collections::HashMap;

use crate::api::ResourceClaim;

/// The first index of each claim name, per namespace, for a vector of
/// claims that only grows.
#[derive(Debug, Default)]
pub(crate) struct ClaimIndex {
    /// By name: each namespace (as `namespace_or_default`) holding a claim
    /// of that name, with the first index.
    by_name: HashMap<String, Vec<(String, usize)>>,
    /// How many claims are indexed (the first ones).
    indexed: usize,
}

impl ClaimIndex {
    /// The position of the first claim named `name` in `namespace` (as
    /// `namespace_or_default` gives it) among `claims`, which must extend
    /// the claims this index saw before.
    pub(crate) fn find(
        &mut self,
        claims: &[ResourceClaim],
        namespace: &str,
        name: &str,
    ) -> Option<usize> {
        for (index, claim) in claims.iter().enumerate().skip(self.indexed) {
            let meta = &claim.metadata;
            let namespaces = self.by_name.entry(meta.name.clone()).or_default();
            let claim_namespace = meta.namespace_or_default();
            if !namespaces.iter().any(|(n, _)| n == claim_namespace) {
                namespaces.push((claim_namespace.to_owned(), index));
            }
        }
        self.indexed = self.indexed.max(claims.len());
        self.by_name
            .get(name)?
            .iter()
            .find(|(n, _)| n == namespace)
            .map(|&(_, index)| index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(namespace: &str, name: &str) -> ResourceClaim {
        let mut claim = ResourceClaim::default();
        claim.metadata.namespace = namespace.to_owned();
        claim.metadata.name = name.to_owned();
        claim
    }

    #[test]
    fn first_of_a_name_per_namespace_and_claims_appended_later() {
        let mut claims = vec![claim("", "a"), claim("other", "a"), claim("default", "a")];
        let mut index = ClaimIndex::default();
        // The empty namespace is the default one: the first claim wins.
        assert_eq!(index.find(&claims, "default", "a"), Some(0));
        assert_eq!(index.find(&claims, "other", "a"), Some(1));
        assert_eq!(index.find(&claims, "default", "b"), None);
        claims.push(claim("default", "b"));
        assert_eq!(index.find(&claims, "default", "b"), Some(3));
        assert_eq!(index.find(&claims, "other", "b"), None);
    }
}
