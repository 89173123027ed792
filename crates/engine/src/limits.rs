//! Limits on input, so that a scenario from a stranger (a pasted file, a
//! shared link) cannot exhaust the page's memory or time before the
//! allocator even starts. Every limit that is exceeded is reported as a
//! positioned [`Diagnostic`] (never a panic): loading refuses the scenario
//! with it, and `dra-playground allocate` exits 2 with it.
//!
//! | limit | value | enforced by |
//! | --- | --- | --- |
//! | scenario size | [`MAX_SCENARIO_BYTES`] (8 MiB) | [`check_scenario_size`], first step of loading |
//! | objects (documents and `List` items) | [`MAX_OBJECTS`] (20,000) | [`ObjectCount`], as the documents are parsed |
//! | objects with the pods workloads make | [`MAX_OBJECTS`] | [`check_workload_pods`], before a workload's pods are made |
//! | YAML nesting depth | [`MAX_NESTING_DEPTH`] (100) | the YAML reader ([`crate::yaml::MAX_DEPTH`]) |
//! | YAML alias expansion | [`MAX_ALIAS_EXPANSION`] (100,000 nodes) | the YAML reader |
//! | CEL expression length | [`MAX_CEL_EXPRESSION_BYTES`] (10 KiB) | validation, as the apiserver |
//! | CEL estimated cost | [`MAX_CEL_COST`] (1,000,000) | validation, as the apiserver; the same limit bounds the runtime cost of an evaluation |
//! | decompressed share link | [`MAX_SHARE_LINK_BYTES`] (1 MiB) | [`crate::share_link`], the decoder of the app and of `dra-playground share --decode` |
//!
//! The first three protect the page ([`Limits::PAGE`], what loading uses
//! unless told otherwise). The command line runs on a machine that holds
//! far more, whose user chose the file: it loads with
//! [`Limits::COMMAND_LINE`] ([`MAX_COMMAND_LINE_SCENARIO_BYTES`],
//! [`MAX_COMMAND_LINE_OBJECTS`]).

use crate::diagnostic::{Diagnostic, Pos, Span};
use crate::yaml::{Document, NodeKind};

/// The largest scenario loaded, in bytes of UTF-8 text. The perf reference
/// cluster (500 nodes, 1,200 pods) is about 2 MB; 1,000 nodes with eight
/// GPUs each and 100 pods (`dra-playground generate --nodes 1000
/// --devices-per-node 8 --pods 100`, a benchmark) about 5.5 MiB. Loading
/// takes some 50 bytes of memory per byte of text.
///
/// Why 8 MiB and not more, measured in headless Chromium on the 2-core
/// development machine (4 December 2026; `tests/e2e/large-cluster.mjs`, 5,000
/// nodes with four GPUs each and 500 pods, 6.7 MiB): typing while its run
/// goes on in the worker stalls the page at most 125 ms (the editor hands a
/// document this large to the page only when typing pauses); the run takes
/// 4-11 s in the worker (by the machine's load); the result's arrival is
/// one main-thread task of 0.2-0.3 s (decoding and drawing the first page of
/// the map and the lists); one pod's explanation 2-6 s in the worker, and
/// drawing it a task of 0.5-2 s. Those tasks grow with the text: at twice
/// the size the page would freeze for over half a second at each result
/// and up to 4 s at an explanation, so the page stays at 8 MiB; the command
/// line takes
/// [`MAX_COMMAND_LINE_SCENARIO_BYTES`].
pub const MAX_SCENARIO_BYTES: usize = 8 * 1024 * 1024;

/// The most objects a scenario may hold: YAML documents, where a `v1` `List`
/// counts as its items. A cluster of 8 MiB holds some 11,000 (5,000 nodes,
/// their slices and 1,000 pods); 20,000 leaves room for small objects
/// without letting the count, rather than the size, decide what the page
/// admits (see [`MAX_SCENARIO_BYTES`] for what was measured).
pub const MAX_OBJECTS: usize = 20_000;

/// The largest scenario the command line loads: 256 MiB of text (loading
/// takes some 50 bytes of memory per byte: a machine with several GB).
/// `dra-playground generate --nodes 5000 --pods 20000` writes about 20 MiB.
pub const MAX_COMMAND_LINE_SCENARIO_BYTES: usize = 256 * 1024 * 1024;

/// The most objects a scenario given to the command line may hold.
pub const MAX_COMMAND_LINE_OBJECTS: usize = 1_000_000;

/// The size limits loading applies: the page's, or the command line's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest scenario, in bytes of text.
    pub scenario_bytes: usize,
    /// The most objects (documents and `List` items, with the pods
    /// workloads make).
    pub objects: usize,
}

impl Limits {
    /// What the page (and loading by default) admits.
    pub const PAGE: Limits = Limits {
        scenario_bytes: MAX_SCENARIO_BYTES,
        objects: MAX_OBJECTS,
    };

    /// What the command line admits.
    pub const COMMAND_LINE: Limits = Limits {
        scenario_bytes: MAX_COMMAND_LINE_SCENARIO_BYTES,
        objects: MAX_COMMAND_LINE_OBJECTS,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::PAGE
    }
}

/// How deep YAML nodes may nest.
pub const MAX_NESTING_DEPTH: usize = crate::yaml::MAX_DEPTH;

/// How many nodes YAML aliases may add to a stream (alias bombs).
pub const MAX_ALIAS_EXPANSION: usize = crate::yaml::MAX_ALIAS_EXPANSION;

/// The longest CEL selector expression, in bytes (resource.k8s.io
/// CELSelectorExpressionMaxLength).
pub const MAX_CEL_EXPRESSION_BYTES: usize = crate::cel::SELECTOR_MAX_LENGTH;

/// The largest estimated (and runtime) cost of a CEL selector (resource.k8s.io
/// CELSelectorExpressionMaxCost).
pub const MAX_CEL_COST: u64 = crate::cel::SELECTOR_MAX_COST;

/// The largest share link, decompressed, in bytes: the decoder stops
/// inflating past it, so that a small link cannot expand into a huge
/// scenario (a zip bomb). Smaller than [`MAX_SCENARIO_BYTES`]: a link carries
/// something a person built, not a whole cluster dump.
pub const MAX_SHARE_LINK_BYTES: usize = 1024 * 1024;

/// The position of byte `offset` of `text` (moved back to a character
/// boundary when it falls inside one).
pub fn position_of(text: &str, offset: usize) -> Pos {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text.as_bytes()[..offset];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    Pos {
        line,
        column: 1 + text[line_start..offset].chars().count(),
        offset,
    }
}

/// Megabytes with one decimal, for messages.
fn mib(bytes: usize) -> String {
    let tenths = (bytes as u128 * 10 + 512 * 1024) / (1024 * 1024);
    format!("{}.{} MiB", tenths / 10, tenths % 10)
}

/// An error when `text` is larger than the limits allow
/// ([`MAX_SCENARIO_BYTES`] for the page), at the place where the limit is
/// crossed.
pub fn check_scenario_size(text: &str, limits: &Limits) -> Option<Diagnostic> {
    let max = limits.scenario_bytes;
    if text.len() <= max {
        return None;
    }
    let at = position_of(text, max);
    Some(Diagnostic::error(
        Span::point(at),
        format!(
            "the scenario is too large: {} bytes ({}), more than the limit of {} bytes ({}); \
             it is not loaded (the limit is crossed here)",
            text.len(),
            mib(text.len()),
            max,
            mib(max),
        ),
    ))
}

/// The objects of a stream counted document by document, as a loader that
/// reads documents while they are parsed sees them: an error at the first
/// object past the limits' objects ([`MAX_OBJECTS`] for the page). A `List`
/// document counts as its items.
#[derive(Clone, Copy, Debug)]
pub struct ObjectCount {
    count: usize,
    max: usize,
}

impl ObjectCount {
    /// No object counted yet, within `limits`.
    pub fn new(limits: &Limits) -> ObjectCount {
        ObjectCount {
            count: 0,
            max: limits.objects,
        }
    }

    /// Counts one more document: an error at the first object past the
    /// limit when it brings the count past it.
    pub fn add(&mut self, doc: &Document) -> Option<Diagnostic> {
        let max = self.max;
        match list_items(&doc.root) {
            Some(items) => {
                if self.count + items.len() > max {
                    return Some(too_many_objects(items[max - self.count].span.start, max));
                }
                self.count += items.len();
            }
            None => {
                if self.count == max {
                    return Some(too_many_objects(doc.root.span.start, max));
                }
                self.count += 1;
            }
        }
        None
    }
}

/// An error, at `at`, when a workload that makes `pods` pods would bring a
/// scenario of `objects` objects past the limits' objects ([`MAX_OBJECTS`]
/// for the page): its pods are not made.
pub fn check_workload_pods(
    objects: usize,
    pods: usize,
    at: Span,
    limits: &Limits,
) -> Option<Diagnostic> {
    let max = limits.objects;
    (objects.saturating_add(pods) > max).then(|| {
        Diagnostic::error(
            at,
            format!(
                "this workload makes {pods} pods: with them the scenario would hold more than the \
                 limit of {max} objects, so its pods are not made"
            ),
        )
    })
}

fn too_many_objects(at: Pos, max: usize) -> Diagnostic {
    Diagnostic::error(
        Span::point(at),
        format!(
            "the scenario has too many objects: more than the limit of {max} \
             (documents and List items); this is object {}, and the scenario is not loaded",
            max + 1
        ),
    )
}

/// The items of a `kind: List` document, if it is one.
fn list_items(root: &crate::yaml::Node) -> Option<&[crate::yaml::Node]> {
    if root.get("kind").and_then(|k| k.as_str()) != Some("List") {
        return None;
    }
    match &root.get("items")?.kind {
        NodeKind::Sequence(items) => Some(items),
        _ => None,
    }
}
