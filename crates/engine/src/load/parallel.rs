//! Loading on two cores (native builds only; the web build runs on one
//! thread): a second thread reads the YAML stream's events with saphyr
//! while this one builds the documents' trees from them and decodes each
//! document, as [`super::load_scenario_within`] does one after the other.
//! The events pass through a channel in stream order, so objects and
//! diagnostics are the same.

use std::sync::mpsc;

use super::{load_with, LoadOptions, LoadedScenario};
use crate::limits::Limits;
use crate::yaml::{read_events, Read, TreeBuilder};

/// Events go to the tree builder in batches of this many (one hand-over
/// per event would cost more than the event) ...
const BATCH: usize = 1024;

/// ... and this many batches may wait for it: enough to even out the two
/// threads' pace, few enough that they take little memory.
const BATCHES_IN_FLIGHT: usize = 8;

/// [`super::load_scenario_within`], with the YAML stream's events read on a
/// second thread while this one builds and decodes the documents: the same
/// result, in less time on a machine with two cores or more.
pub fn load_scenario_in_parallel(
    text: &str,
    options: &LoadOptions,
    limits: &Limits,
) -> LoadedScenario {
    load_with(text, options, limits, |documents| {
        std::thread::scope(|scope| {
            let (read, to_build) = mpsc::sync_channel::<Vec<Read>>(BATCHES_IN_FLIGHT);
            scope.spawn(move || {
                let mut batch = Vec::with_capacity(BATCH);
                read_events(text, |event| {
                    batch.push(event);
                    if batch.len() == BATCH {
                        let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                        // The builder receives until the reader is done
                        // (unless it panicked, and then nothing matters).
                        let _ = read.send(full);
                    }
                });
                if !batch.is_empty() {
                    let _ = read.send(batch);
                }
            });
            let mut tree = TreeBuilder::new(text);
            let mut decode = |doc| documents.add(doc);
            for event in to_build.into_iter().flatten() {
                tree.take(event, &mut decode);
            }
            tree.finish()
        })
    })
}
