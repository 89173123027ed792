//! The documents of a stream decoded while the parser hands them over, so
//! that only the tree of the document being read is held: a large
//! cluster's trees together take as much memory as the objects made from
//! them.
//!
//! Two things about the whole stream are needed before some documents can
//! be decoded, and are known only once the stream's first Scenario document
//! (or its end) is reached: whether validation is skipped and which release
//! the scenario names (the core kinds' fields depend on it). Documents whose
//! decoding depends on them wait until then; every other document is
//! decoded at once. A text that cannot hold a Scenario document (the word is
//! not in it) has them from the start, and no document waits. The objects are put back in document order at the end,
//! and the result is what decoding the parsed stream in order gives.
//!
//! Objects are counted as documents arrive ([`ObjectCount`]); past the
//! limit, decoding stops and what it made is dropped: the scenario is
//! refused whole.

use super::{decode, gates, LoadedObject};
use crate::diagnostic::Diagnostic;
use crate::limits::{Limits, ObjectCount};
use crate::yaml::{parse_bool, Document, Node};

/// What the stream's first Scenario document says about reading the others.
#[derive(Clone, Copy, Debug)]
pub(super) struct Settings {
    /// Validation is skipped (by the caller, or `spec.skipValidation: true`).
    pub skip_validation: bool,
    /// The release whose fields the core kinds may have (None: any release
    /// when validation is skipped, else the newest).
    release: Option<u16>,
}

/// Documents decoded as they are parsed.
pub(super) struct Documents {
    /// The caller's `skip_validation`.
    skip_validation: bool,
    /// Known from the first Scenario document, or at the end of the stream.
    settings: Option<Settings>,
    /// Documents that wait for the settings.
    waiting: Vec<Document>,
    count: ObjectCount,
    /// The error that refuses the scenario: too many objects.
    too_many: Option<Diagnostic>,
    objects: Vec<LoadedObject>,
    diagnostics: Vec<Diagnostic>,
}

/// The stream decoded.
pub(super) struct Decoded {
    /// The settings the documents were decoded with.
    pub settings: Settings,
    /// The objects, in document order (a List's items in their order).
    pub objects: Vec<LoadedObject>,
    /// The decoding problems; with too many objects, only that error.
    pub diagnostics: Vec<Diagnostic>,
    /// True when the scenario has too many objects and is refused.
    pub refused: bool,
}

impl Documents {
    /// Ready for the stream `text` within `limits`; `skip_validation` is the
    /// caller's option.
    pub fn new(text: &str, skip_validation: bool, limits: &Limits) -> Documents {
        // Without a Scenario document the settings are known from the start,
        // and no document waits (a large cluster's nodes and pods would).
        let settings = (!may_hold_scenario(text)).then_some(Settings {
            skip_validation,
            release: None,
        });
        Documents {
            skip_validation,
            settings,
            waiting: Vec::new(),
            count: ObjectCount::new(limits),
            too_many: None,
            objects: Vec::with_capacity(documents_in(text, limits)),
            diagnostics: Vec::new(),
        }
    }

    /// Takes the next document of the stream.
    pub fn add(&mut self, doc: Document) {
        if self.too_many.is_some() {
            return;
        }
        if let Some(too_many) = self.count.add(&doc) {
            self.too_many = Some(too_many);
            self.objects = Vec::new();
            self.waiting = Vec::new();
            return;
        }
        if self.settings.is_none() && is_scenario(&doc.root) {
            self.settle(Some(&doc.root));
        }
        match self.settings {
            Some(settings) => self.decode(doc, settings),
            None if decode::depends_on_release(&doc) => self.waiting.push(doc),
            None => self.decode(doc, Settings::unused()),
        }
    }

    /// The stream has ended: decodes what waited, puts the objects in order.
    pub fn finish(mut self) -> Decoded {
        if let Some(too_many) = self.too_many {
            return Decoded {
                settings: Settings::unused(),
                objects: Vec::new(),
                diagnostics: vec![too_many],
                refused: true,
            };
        }
        let settings = match self.settings {
            Some(settings) => settings,
            None => self.settle(None),
        };
        // A document and a List item name one object: in place, without
        // the scratch copy of the objects a stable sort would make.
        self.objects.sort_unstable_by_key(|o| (o.document, o.item));
        Decoded {
            settings,
            objects: self.objects,
            diagnostics: self.diagnostics,
            refused: false,
        }
    }

    /// Fixes the settings from the first Scenario document (None: there is
    /// none) and decodes the documents that waited for them.
    fn settle(&mut self, scenario: Option<&Node>) -> Settings {
        let skip_validation = self.skip_validation || scenario.is_some_and(skips_validation);
        let release = match scenario {
            Some(root) if !skip_validation => gates::release_named(root),
            _ => None,
        };
        let settings = Settings {
            skip_validation,
            release,
        };
        self.settings = Some(settings);
        for doc in std::mem::take(&mut self.waiting) {
            self.decode(doc, settings);
        }
        settings
    }

    fn decode(&mut self, doc: Document, settings: Settings) {
        decode::decode_document(
            doc,
            settings.release,
            &mut self.objects,
            &mut self.diagnostics,
        );
    }
}

impl Settings {
    /// For a document whose decoding does not read the settings.
    fn unused() -> Settings {
        Settings {
            skip_validation: false,
            release: None,
        }
    }
}

/// About how many documents `text` holds (its lines that start with `---`,
/// and one), at most the limits' objects: the object vector is reserved once,
/// as objects are large and a vector grown by doubling may leave half of
/// its room unused. Only a hint: a `List` holds more objects, and a block
/// scalar may hold such a line.
fn documents_in(text: &str, limits: &Limits) -> usize {
    let separators = text.match_indices("\n---").count() + usize::from(text.starts_with("---"));
    (separators + 1).min(limits.objects)
}

/// False when no document of `text` can be a Scenario document: the word
/// is nowhere in it, and no double-quoted escape (which needs a backslash)
/// can spell it.
fn may_hold_scenario(text: &str) -> bool {
    text.contains(SCENARIO_KIND) || text.contains('\\')
}

const SCENARIO_KIND: &str = "Scenario";

fn is_scenario(root: &Node) -> bool {
    root.get("kind").and_then(Node::as_str) == Some(SCENARIO_KIND)
}

/// True when a Scenario document says `spec.skipValidation: true`, read
/// before it is decoded (a value that is not a boolean is a decoding error
/// there).
fn skips_validation(scenario: &Node) -> bool {
    scenario
        .get("spec")
        .and_then(|spec| spec.get("skipValidation")?.as_scalar())
        .is_some_and(|s| s.is_plain() && parse_bool(&s.text) == Some(true))
}
