//! Semantic versions as the Kubernetes CEL semver library reads them.
