//! Loading on two cores (native builds only; the web build runs on one
//! thread): a second thread parses the YAML stream into documents' trees
//! while this one decodes them, as [`super::load_scenario_within`] does one
//! after the other. The documents pass through a channel in stream order,
//! so objects and diagnostics are the same.

use std::sync::mpsc;

use super::{load_with, LoadOptions, LoadedScenario};
use crate::limits::Limits;
use crate::yaml::Document;

/// Parsed documents go to the decoder in batches of this many (one
/// hand-over per document would wake the decoder thousands of times) ...
const BATCH: usize = 16;

/// ... and this many batches may wait for it: enough to even out documents
/// of different sizes, few enough that their trees take little memory.
const BATCHES_IN_FLIGHT: usize = 4;

/// [`super::load_scenario_within`], with the YAML parsed on a second thread
/// while this one decodes: the same result, in less time on a machine with
/// two cores or more.
pub fn load_scenario_in_parallel(
    text: &str,
    options: &LoadOptions,
    limits: &Limits,
) -> LoadedScenario {
    load_with(text, options, limits, |documents| {
        std::thread::scope(|scope| {
            let (parsed, to_decode) = mpsc::sync_channel::<Vec<Document>>(BATCHES_IN_FLIGHT);
            let parser = scope.spawn(move || {
                let mut batch = Vec::with_capacity(BATCH);
                let diagnostics = crate::yaml::parse_stream(text, |doc| {
                    batch.push(doc);
                    if batch.len() == BATCH {
                        let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                        // The decoder receives until the parser is done
                        // (unless it panicked, and then nothing matters).
                        let _ = parsed.send(full);
                    }
                });
                if !batch.is_empty() {
                    let _ = parsed.send(batch);
                }
                diagnostics
            });
            for doc in to_decode.into_iter().flatten() {
                documents.add(doc);
            }
            parser
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    })
}
