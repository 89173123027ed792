//! Kubernetes resource.Quantity. PLACEHOLDER until the quantity branch lands.

use serde::{Deserialize, Serialize};

/// Placeholder.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Quantity(String);
