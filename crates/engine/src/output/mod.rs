//! The outcome of a run written as Kubernetes objects: YAML and JSON.

mod objects;
mod yaml_writer;

pub use objects::{run_result_documents, run_result_list};
pub use yaml_writer::write_stream;
