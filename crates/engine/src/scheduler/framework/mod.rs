//! The scheduling framework's vocabulary, as upstream's `framework` package
//! has it: what a plugin says about a node (`status`), what a node offers
//! and its pods take (`node_info`, with a pod's requests as upstream adds
//! them up: `requests`), how scores are brought to 0-100 (`normalize`), and
//! what a node's filtering finds (`verdict`). The plugins and the cycle
//! both use it; it uses neither.

pub(crate) mod node_info;
pub(crate) mod normalize;
pub(crate) mod requests;
pub(crate) mod status;
pub(crate) mod verdict;
