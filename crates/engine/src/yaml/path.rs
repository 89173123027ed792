//! Field paths as Kubernetes writes them (`spec.devices[0].attributes[model]`)
//! and the table from path to source span that every loaded object carries.

use std::fmt;

use super::ScalarStyle;
use crate::diagnostic::{Pos, Span};

/// One step of a field path.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PathSegment {
    /// A struct field: `.name`.
    Field(String),
    /// A list index: `[3]`.
    Index(usize),
    /// A map key: `[key]`.
    Key(String),
}

/// How a step starts in a path's encoding.
const FIELD: u8 = b'.';
const INDEX: u8 = b'#';
const KEY: u8 = b'[';

/// A path to a field of an object, printed as Kubernetes' `field.Path` prints
/// it: fields joined by `.`, list indexes and map keys in brackets (map keys
/// unquoted, as Kubernetes writes them).
///
/// Stored as one byte string (each step a tag, then a LEB128 number: the
/// index, or the length of the name that follows): a large cluster's span
/// tables hold hundreds of thousands of paths, and one allocation per path
/// keeps them small and quick to hash.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct FieldPath {
    encoded: Vec<u8>,
}

impl FieldPath {
    /// The empty path (the object itself).
    pub fn root() -> FieldPath {
        FieldPath::default()
    }

    /// A path from its dotted first field, e.g. `FieldPath::new("spec")`.
    pub fn new(field: &str) -> FieldPath {
        FieldPath::root().child(field)
    }

    /// `self.name`.
    pub fn child(&self, name: &str) -> FieldPath {
        self.with_step(FIELD, name.len(), name.as_bytes())
    }

    /// `self[index]`.
    pub fn index(&self, index: usize) -> FieldPath {
        self.with_step(INDEX, index, &[])
    }

    /// `self[key]`.
    pub fn key(&self, key: &str) -> FieldPath {
        self.with_step(KEY, key.len(), key.as_bytes())
    }

    fn with_step(&self, tag: u8, number: usize, text: &[u8]) -> FieldPath {
        let mut number_bytes = [0u8; LEB128_MAX];
        let mut used = 0;
        let mut rest = number;
        loop {
            let low = (rest & 0x7f) as u8;
            rest >>= 7;
            if rest == 0 {
                number_bytes[used] = low;
                used += 1;
                break;
            }
            number_bytes[used] = low | 0x80;
            used += 1;
        }
        // Sized exactly once: a table holds hundreds of thousands of paths.
        let mut encoded = Vec::with_capacity(self.encoded.len() + 1 + used + text.len());
        encoded.extend_from_slice(&self.encoded);
        encoded.push(tag);
        encoded.extend_from_slice(&number_bytes[..used]);
        encoded.extend_from_slice(text);
        FieldPath { encoded }
    }

    /// The path without its last step; None for the root.
    pub fn parent(&self) -> Option<FieldPath> {
        let last = self.steps().last()?;
        Some(FieldPath {
            encoded: self.encoded[..last.0].to_vec(),
        })
    }

    /// The steps, in order.
    pub fn segments(&self) -> Vec<PathSegment> {
        self.steps().map(|(_, segment)| segment).collect()
    }

    /// Each step with where it starts in the encoding.
    fn steps(&self) -> impl Iterator<Item = (usize, PathSegment)> + '_ {
        let bytes = &self.encoded;
        let mut at = 0;
        std::iter::from_fn(move || {
            let start = at;
            let tag = *bytes.get(at)?;
            at += 1;
            let mut number = 0usize;
            let mut shift = 0;
            while let Some(&byte) = bytes.get(at) {
                at += 1;
                number |= usize::from(byte & 0x7f) << shift;
                shift += 7;
                if byte & 0x80 == 0 {
                    break;
                }
            }
            let segment = if tag == INDEX {
                PathSegment::Index(number)
            } else {
                let end = (at + number).min(bytes.len());
                let text = String::from_utf8_lossy(&bytes[at..end]).into_owned();
                at = end;
                if tag == FIELD {
                    PathSegment::Field(text)
                } else {
                    PathSegment::Key(text)
                }
            };
            Some((start, segment))
        })
    }

    /// True for the root path.
    pub fn is_root(&self) -> bool {
        self.encoded.is_empty()
    }

    /// The rest of the path after `prefix`; None when it does not start so.
    /// (Steps encode their own length, so a prefix of the encoding is a
    /// prefix of whole steps.)
    pub fn strip_prefix(&self, prefix: &FieldPath) -> Option<FieldPath> {
        self.encoded
            .strip_prefix(prefix.encoded.as_slice())
            .map(|rest| FieldPath {
                encoded: rest.to_vec(),
            })
    }
}

/// The most bytes a LEB128 `usize` takes.
const LEB128_MAX: usize = 10;

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (_, s)) in self.steps().enumerate() {
            match s {
                PathSegment::Field(name) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(&name)?;
                }
                PathSegment::Index(n) => write!(f, "[{n}]")?,
                PathSegment::Key(k) => write!(f, "[{k}]")?,
            }
        }
        Ok(())
    }
}

/// Where one field is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SpanEntry {
    /// The key (for mapping entries; None for list items).
    pub key: Option<Span>,
    /// The value.
    pub value: Span,
    /// True when the value is a scalar.
    pub scalar: bool,
    /// How the scalar value is written (None for mappings and sequences).
    pub style: Option<ScalarStyle>,
}

/// For one object: field path → where its key and value are written. Fields
/// set by defaulting have no entry; lookups fall back to the nearest ancestor.
///
/// Kept compact, as a large cluster's tables hold hundreds of thousands of
/// entries: the paths' encodings one after another in one byte vector, and
/// one fixed-size slot per field, sorted by path for binary search. Entries
/// inserted since the last [`SpanTable::sort`] wait, unsorted, at the end
/// (searched one by one; the deserializer sorts when it is done).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SpanTable {
    /// The encodings of the paths.
    paths: Vec<u8>,
    /// One per field; `slots[..sorted]` in the order of their paths.
    slots: Vec<Slot>,
    sorted: usize,
    /// The whole object.
    pub object: Span,
}

/// A field of a [`SpanTable`]: where its path is in `paths`, and its entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Slot {
    start: u32,
    len: u32,
    entry: PackedEntry,
}

/// A [`SpanEntry`] as the table keeps it: positions in 32 bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct PackedEntry {
    /// The key's span, meaningful when `has_key`.
    key: PackedSpan,
    value: PackedSpan,
    has_key: bool,
    scalar: bool,
    style: Option<ScalarStyle>,
}

/// A span's line, column and offset at its start and end.
type PackedSpan = [u32; 6];

fn pack(span: Span) -> PackedSpan {
    let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    [
        narrow(span.start.line),
        narrow(span.start.column),
        narrow(span.start.offset),
        narrow(span.end.line),
        narrow(span.end.column),
        narrow(span.end.offset),
    ]
}

fn unpack(packed: PackedSpan) -> Span {
    let pos = |line: u32, column: u32, offset: u32| Pos {
        line: line as usize,
        column: column as usize,
        offset: offset as usize,
    };
    Span {
        start: pos(packed[0], packed[1], packed[2]),
        end: pos(packed[3], packed[4], packed[5]),
    }
}

impl PackedEntry {
    fn of(entry: SpanEntry) -> PackedEntry {
        PackedEntry {
            key: entry.key.map_or([0; 6], pack),
            value: pack(entry.value),
            has_key: entry.key.is_some(),
            scalar: entry.scalar,
            style: entry.style,
        }
    }

    fn entry(self) -> SpanEntry {
        SpanEntry {
            key: self.has_key.then(|| unpack(self.key)),
            value: unpack(self.value),
            scalar: self.scalar,
            style: self.style,
        }
    }
}

impl SpanTable {
    /// A table for an object written at `object`.
    pub fn new(object: Span) -> SpanTable {
        SpanTable {
            paths: Vec::new(),
            slots: Vec::new(),
            sorted: 0,
            object,
        }
    }

    /// Records a field (a path recorded before gets the new entry); the
    /// path is copied into the table.
    pub fn insert(&mut self, path: &FieldPath, entry: SpanEntry) {
        self.push(&path.encoded, PackedEntry::of(entry));
    }

    fn push(&mut self, path: &[u8], entry: PackedEntry) {
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        self.slots.push(Slot {
            start: narrow(self.paths.len()),
            len: narrow(path.len()),
            entry,
        });
        self.paths.extend_from_slice(path);
    }

    /// The encoded path of a slot.
    fn path_of(&self, slot: &Slot) -> &[u8] {
        let start = slot.start as usize;
        self.paths
            .get(start..start + slot.len as usize)
            .unwrap_or_default()
    }

    /// Puts every entry in order of its path (the latest of a path recorded
    /// twice kept) and gives back spare capacity: lookups are then binary
    /// searches.
    pub fn sort(&mut self) {
        if self.sorted == self.slots.len() {
            return;
        }
        let mut slots = std::mem::take(&mut self.slots);
        // Stable: of a path recorded twice, the later entry comes second.
        slots.sort_by(|a, b| self.path_of(a).cmp(self.path_of(b)));
        slots.dedup_by(|later, earlier| {
            let same = self.path_of(later) == self.path_of(earlier);
            if same {
                earlier.entry = later.entry;
            }
            same
        });
        slots.shrink_to_fit();
        self.paths.shrink_to_fit();
        self.sorted = slots.len();
        self.slots = slots;
    }

    /// The entry of exactly this encoded path.
    fn find(&self, path: &[u8]) -> Option<PackedEntry> {
        // The unsorted tail first: the latest insert of a path wins.
        if let Some(slot) = self.slots[self.sorted..]
            .iter()
            .rev()
            .find(|slot| self.path_of(slot) == path)
        {
            return Some(slot.entry);
        }
        self.slots[..self.sorted]
            .binary_search_by(|slot| self.path_of(slot).cmp(path))
            .ok()
            .map(|i| self.slots[i].entry)
    }

    /// The entry of exactly this path.
    pub fn get(&self, path: &FieldPath) -> Option<SpanEntry> {
        self.find(&path.encoded).map(PackedEntry::entry)
    }

    /// The entry of this path or of its nearest ancestor that is written.
    fn lookup(&self, path: &FieldPath) -> Option<SpanEntry> {
        let mut ends = step_starts(&path.encoded);
        ends.push(path.encoded.len());
        // Longest first: the path itself, then each ancestor.
        ends.iter()
            .rev()
            .find_map(|&end| self.find(&path.encoded[..end]))
            .map(PackedEntry::entry)
    }

    /// The value's span of the path or its nearest written ancestor.
    pub fn value_span(&self, path: &FieldPath) -> Span {
        self.lookup(path).map_or(self.object, |e| e.value)
    }

    /// The key's span (the value's for list items) of the path or its nearest written ancestor.
    pub fn key_span(&self, path: &FieldPath) -> Span {
        self.lookup(path)
            .map_or(self.object, |e| e.key.unwrap_or(e.value))
    }

    /// Where to report a problem with a field: a scalar value where it is
    /// written, a mapping or list at its key; a missing field at its parent's key.
    pub fn error_span(&self, path: &FieldPath) -> Span {
        match self.lookup(path) {
            None => self.object,
            Some(e) if e.scalar => e.value,
            Some(e) => e.key.unwrap_or(e.value),
        }
    }

    /// Number of recorded fields.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// True when nothing is recorded.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// All recorded paths with their entries (in no particular order).
    pub fn iter(&self) -> impl Iterator<Item = (FieldPath, SpanEntry)> + '_ {
        self.slots.iter().map(|slot| {
            let path = FieldPath {
                encoded: self.path_of(slot).to_vec(),
            };
            (path, slot.entry.entry())
        })
    }

    /// The table of a part of the object, as an object of its own: the
    /// fields under `prefix`, with the prefix removed from their paths (a
    /// workload's `spec.template` read as a pod: `spec.template.spec.x` is
    /// the pod's `spec.x`); the whole object stays where it is written.
    pub fn subtree(&self, prefix: &FieldPath) -> SpanTable {
        let mut table = SpanTable::new(self.object);
        for slot in &self.slots {
            match self.path_of(slot).strip_prefix(prefix.encoded.as_slice()) {
                Some(rest) if !rest.is_empty() => table.push(rest, slot.entry),
                _ => {}
            }
        }
        table.sort();
        table
    }
}

/// Where each step of an encoded path starts (the first at 0).
fn step_starts(encoded: &[u8]) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut at = 0;
    while let Some(&tag) = encoded.get(at) {
        starts.push(at);
        at += 1;
        let mut number = 0usize;
        let mut shift = 0;
        while let Some(&byte) = encoded.get(at) {
            at += 1;
            if shift < usize::BITS {
                number |= usize::from(byte & 0x7f) << shift;
            }
            shift += 7;
            if byte & 0x80 == 0 {
                break;
            }
        }
        if tag != INDEX {
            at = at.saturating_add(number);
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_print_as_kubernetes_does() {
        let p = FieldPath::new("spec")
            .child("devices")
            .index(0)
            .child("attributes")
            .key("gpu.example.com/model");
        assert_eq!(
            p.to_string(),
            "spec.devices[0].attributes[gpu.example.com/model]"
        );
        assert_eq!(FieldPath::root().to_string(), "");
        assert_eq!(
            p.parent().unwrap().to_string(),
            "spec.devices[0].attributes"
        );
    }

    #[test]
    fn a_subtree_is_an_object_of_its_own() {
        let template = FieldPath::new("spec").child("template");
        let image = template
            .child("spec")
            .child("containers")
            .index(0)
            .child("image");
        assert_eq!(
            image.strip_prefix(&template).unwrap().to_string(),
            "spec.containers[0].image"
        );
        assert!(FieldPath::new("metadata").strip_prefix(&template).is_none());
        let span = Span::default();
        let mut table = SpanTable::new(span);
        let entry = SpanEntry {
            key: None,
            value: span,
            scalar: true,
            style: None,
        };
        table.insert(&image, entry);
        table.insert(&FieldPath::new("metadata"), entry);
        let pod = table.subtree(&template);
        assert_eq!(pod.len(), 1);
        assert!(pod
            .get(
                &FieldPath::new("spec")
                    .child("containers")
                    .index(0)
                    .child("image")
            )
            .is_some());
    }

    #[test]
    fn lookups_find_the_latest_entry_and_fall_back_to_ancestors() {
        let at = |line| {
            Span::point(Pos {
                line,
                column: 1,
                offset: line,
            })
        };
        let entry = |line| SpanEntry {
            key: Some(at(line)),
            value: at(line),
            scalar: false,
            style: None,
        };
        let spec = FieldPath::new("spec");
        let devices = spec.child("devices");
        let mut table = SpanTable::new(at(1));
        table.insert(&devices, entry(3));
        table.insert(&spec, entry(2));
        table.insert(&devices, entry(4));
        for sorted in [false, true] {
            if sorted {
                table.sort();
            }
            assert_eq!(table.get(&devices), Some(entry(4)), "sorted: {sorted}");
            assert_eq!(table.len(), if sorted { 2 } else { 3 });
            let deeper = devices.index(7).child("name");
            assert_eq!(table.key_span(&deeper), at(4));
            assert_eq!(table.value_span(&spec.child("other")), at(2));
            assert_eq!(table.error_span(&FieldPath::new("metadata")), at(1));
        }
    }
}
