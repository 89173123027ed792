//! The Kubernetes URL library.

/// A parsed URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlValue {
    pub raw: String,
}

/// The functions of this library.
pub fn functions() -> Vec<super::decls::Function> {
    Vec::new()
}
