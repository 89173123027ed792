//! A run's outcome as a YAML stream, written on two cores: the documents
//! in parts, each part written by whichever thread is free, the parts put
//! back in order. The text is what `dra_engine::output::write_stream` makes
//! of all the documents at once.

use std::sync::atomic::{AtomicUsize, Ordering};

use dra_engine::output::{run_result_document_count, run_result_documents_in, write_stream};
use dra_engine::scheduler::RunResult;

/// Into how many parts the documents are cut: claims and pods differ in
/// size, and parts small enough keep both threads busy to the end.
const PARTS: usize = 16;

/// The YAML stream of `run_result_documents(run)`.
pub fn on_two_cores(run: &RunResult) -> String {
    let count = run_result_document_count(run);
    let part_size = count.div_ceil(PARTS).max(1);
    let next_part = AtomicUsize::new(0);
    let write_parts = || {
        let mut written = Vec::new();
        loop {
            let part = next_part.fetch_add(1, Ordering::Relaxed);
            let start = part * part_size;
            if start >= count {
                return written;
            }
            let documents = run_result_documents_in(run, start..count.min(start + part_size));
            written.push((part, write_stream(&documents)));
            // The process ends soon: freeing every value one by one would
            // only delay the exit.
            std::mem::forget(documents);
        }
    };
    let mut parts = std::thread::scope(|scope| {
        let other = scope.spawn(write_parts);
        let mut parts = write_parts();
        parts.extend(
            other
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
        );
        parts
    });
    parts.sort_unstable_by_key(|(part, _)| *part);
    let mut text = String::with_capacity(parts.iter().map(|(_, t)| t.len() + 4).sum());
    for (index, (_, part)) in parts.iter().enumerate() {
        if index > 0 {
            text.push_str("---\n");
        }
        text.push_str(part);
    }
    text
}
