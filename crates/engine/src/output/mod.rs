//! The outcome of a run written as Kubernetes objects: YAML and JSON; a
//! timeline's moments with what changed (`timeline`).

mod objects;
mod timeline;
mod yaml_writer;

pub use objects::{
    run_result_document_count, run_result_documents, run_result_documents_in, run_result_list,
};
pub use timeline::{moments_to_print, timeline_events_text, timeline_json, timeline_yaml};
pub use yaml_writer::write_stream;
