//! The fields of the kinds the engine types fully (the DRA kinds, the Scenario and Step
//! documents, the KubeSchedulerConfiguration), read from their serde derives through the
//! loader's own decoding ([`crate::yaml::from_node`], the code the loader runs for these kinds,
//! so that probing adds none of its own): a small document that follows a path into the type
//! ends in a probe, and the decoding error says what the type asks for there (an unknown key:
//! the struct's field names; a plain word: `struct DeviceRequest`, `a sequence`, `a boolean`).
//! The `api` structs are the one source of these names, as they are of what the loader
//! accepts.

use serde::de::DeserializeOwned;

use super::context::Segment;
use crate::yaml::{from_node, parse, FieldPath, SpanTable};

/// What a type asks for at a path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Found {
    /// A struct: its name and its fields' names (as written in YAML).
    Struct(String, &'static [&'static str]),
    /// A list.
    List,
    /// A map with string keys.
    Map,
    /// true or false.
    Bool,
    /// An integer.
    Int,
    /// A number.
    Number,
    /// A string.
    String,
    /// A quantity (`10Gi`).
    Quantity,
    /// Anything (a value kept as written).
    Any,
}

/// A key no type of the API has.
const UNKNOWN_KEY: &str = "zz-completion-probe";
/// A plain word that only strings (and values kept as written) take.
const WORD: &str = "zz-completion-probe-word";

/// What `T` asks for at `path`, or `None` when the path leaves it (an unknown field).
pub(super) fn probe<T: DeserializeOwned>(path: &[Segment]) -> Option<Found> {
    let asked = decode::<T>(path, WORD);
    let wanted = match &asked {
        Decoded::Wanted(wanted) => wanted.as_str(),
        // A word is taken: a list tells a string from a quantity or a value kept as written.
        Decoded::Taken => {
            return Some(match decode::<T>(path, "[1]") {
                Decoded::Wanted(w) if w == "a string" => Found::String,
                Decoded::Wanted(w) if w.starts_with("a quantity") => Found::Quantity,
                _ => Found::Any,
            })
        }
        Decoded::Unknown(_) | Decoded::Elsewhere => return None,
    };
    Some(match wanted {
        "a sequence" => Found::List,
        "a map" => Found::Map,
        "a boolean" => Found::Bool,
        "f32" | "f64" => Found::Number,
        w if w.starts_with("struct ") => {
            let fields = match decode::<T>(path, &format!("{{\"{UNKNOWN_KEY}\": null}}")) {
                Decoded::Unknown(fields) => fields,
                _ => &[],
            };
            Found::Struct(w["struct ".len()..].to_owned(), fields)
        }
        w if w.starts_with('i') || w.starts_with('u') => Found::Int,
        _ => Found::Any,
    })
}

/// How decoding a probe ended.
enum Decoded {
    /// The value at the path is of the wrong type: what the type asked for.
    Wanted(String),
    /// The mapping at the path has no such key: the fields it has.
    Unknown(&'static [&'static str]),
    /// The value at the path was taken.
    Taken,
    /// The path left the type before the probe.
    Elsewhere,
}

/// Decodes `T` from a document that follows `path` to `probe` (written in flow style).
fn decode<T: DeserializeOwned>(path: &[Segment], probe: &str) -> Decoded {
    let mut text = String::new();
    for segment in path {
        match segment {
            Segment::Key(key) => text.push_str(&format!("{{{key:?}: ")),
            Segment::Item => text.push('['),
        }
    }
    let at = text.len();
    text.push_str(probe);
    for segment in path.iter().rev() {
        text.push(match segment {
            Segment::Key(_) => '}',
            Segment::Item => ']',
        });
    }
    let parsed = parse(&text);
    let Some(document) = parsed.documents.first() else {
        return Decoded::Elsewhere;
    };
    let mut spans = SpanTable::new(document.root.span);
    match from_node::<T>(&document.root, &FieldPath::root(), &mut spans) {
        Ok(_) => Decoded::Taken,
        Err(e) => match (e.unknown_field(), e.wanted()) {
            (Some((UNKNOWN_KEY, fields)), _) => Decoded::Unknown(fields),
            (Some(_), _) => Decoded::Elsewhere,
            (None, Some(wanted)) if e.span().map(|s| s.start.offset) == Some(at) => {
                Decoded::Wanted(wanted.to_owned())
            }
            _ => Decoded::Taken,
        },
    }
}
