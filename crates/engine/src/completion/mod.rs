//! Completion in a scenario being typed: at the cursor, the fields of the document's kind
//! (from what the loader decodes: [`schema`]), the values of fields with a closed set of
//! them (apiVersion and kind, an allocation mode, a taint effect; [`values`]), and the names
//! of the scenario's objects where a field refers to one (a DeviceClass, a claim or template
//! in the pod's namespace, a node, a device; [`references`]).
//!
//! The cursor's place is read from the lines around it ([`context`]), since text being typed
//! is rarely valid YAML; the scenario's names come from loading the text without the word
//! being typed.

mod context;
mod probe;
mod references;
mod schema;
mod values;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use context::{Context, Segment, Writing};
use schema::{Shape, Source};

/// What the editor offers at the cursor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Completion {
    /// Byte offset where the text the chosen option replaces starts.
    pub from: usize,
    /// Byte offset where it ends (the whole word at the cursor).
    pub to: usize,
    /// The options, in the order to show them.
    pub options: Vec<CompletionOption>,
}

/// One option.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompletionOption {
    /// What the list shows and the typed word is matched against.
    pub label: String,
    /// The text that replaces the word: a field with its colon (and, for a mapping or a list,
    /// the indentation of the line below), or a value.
    pub insert: String,
    /// What the option is.
    pub kind: OptionKind,
    /// The field's type (`string`, `[]DeviceRequest`) or where a name comes from.
    pub detail: String,
}

/// What an option is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OptionKind {
    /// A field name.
    Field,
    /// A value of a closed set.
    Value,
    /// The name of an object of the scenario.
    Reference,
}

/// What to offer at byte `offset` of `text`; `None` where there is nothing to complete.
pub fn complete(text: &str, offset: usize) -> Option<Completion> {
    let ctx = context::at(text, offset)?;
    let api_version = context::root_value(text, &ctx.document, "apiVersion");
    let kind = context::root_value(text, &ctx.document, "kind").filter(|k| !k.is_empty());
    let source = kind.and_then(|k| schema::source(api_version, k));
    let options = match ctx.writing {
        Writing::Key { item, has_colon } => {
            let list_of_values = item
                && source
                    .and_then(|s| s.shape_at(&ctx.path))
                    .is_some_and(|shape| !shape.is_block());
            if list_of_values {
                value_options(text, &ctx, source, kind)
            } else {
                key_options(text, &ctx, source, has_colon)
            }
        }
        Writing::Value => value_options(text, &ctx, source, kind),
    };
    (!options.is_empty()).then_some(Completion {
        from: ctx.replace.start,
        to: ctx.replace.end,
        options,
    })
}

/// The fields of the mapping at the cursor that it does not have yet (the keys of a map the
/// scenario knows, such as feature gates).
fn key_options(
    text: &str,
    ctx: &Context,
    source: Option<Source>,
    has_colon: bool,
) -> Vec<CompletionOption> {
    let insert = |name: &str, shape: &Shape| {
        if has_colon {
            name.to_owned()
        } else if let Shape::List(_) = shape {
            format!("{name}:\n{}- ", " ".repeat(ctx.column))
        } else if shape.is_block() {
            format!("{name}:\n{}", " ".repeat(ctx.column + 2))
        } else {
            format!("{name}: ")
        }
    };
    let mut fields: Vec<(String, Shape, String)> = Vec::new();
    if ctx.path.is_empty() {
        for name in ["apiVersion", "kind"] {
            fields.push((name.to_owned(), Shape::String, "string".into()));
        }
    }
    if let Some(source) = source {
        match source.shape_at(&ctx.path) {
            Some(Shape::Map(value)) => {
                for name in references::map_keys(text, ctx, source) {
                    fields.push((name, (*value).clone(), value.describe()));
                }
            }
            _ => {
                for f in source.fields_at(&ctx.path).unwrap_or_default() {
                    let detail = match f.since {
                        0 => f.shape.describe(),
                        since => format!("{} (Kubernetes 1.{since})", f.shape.describe()),
                    };
                    fields.push((f.name.to_owned(), f.shape, detail));
                }
            }
        }
    }
    fields
        .into_iter()
        .filter(|(name, _, _)| !ctx.siblings.contains(name))
        .map(|(name, shape, detail)| CompletionOption {
            insert: insert(&name, &shape),
            label: name,
            kind: OptionKind::Field,
            detail,
        })
        .collect()
}

/// The values the field at the cursor may take: a closed set, the names of what it refers
/// to, or true and false.
fn value_options(
    text: &str,
    ctx: &Context,
    source: Option<Source>,
    kind: Option<&str>,
) -> Vec<CompletionOption> {
    // The field: the key that ends the path, or the one holding the list whose item it is.
    let (field, parent) = match ctx.path.as_slice() {
        [parent @ .., Segment::Key(field)] => (field.as_str(), parent),
        [parent @ .., Segment::Key(field), Segment::Item] => (field.as_str(), parent),
        _ => return Vec::new(),
    };
    if parent.is_empty() && matches!(field, "apiVersion" | "kind") {
        let api_version = context::root_value(text, &ctx.document, "apiVersion");
        return values::type_values(field, api_version, kind);
    }
    let Some(source) = source else {
        return Vec::new();
    };
    let parent_type = match source.shape_at(parent) {
        Some(Shape::Object(name)) => name,
        _ => return Vec::new(),
    };
    let typed = matches!(source, Source::Typed(_));
    if let Some(found) = values::closed(typed, &parent_type, field) {
        return found;
    }
    if let Some(found) = references::names(text, ctx, typed, &parent_type, field) {
        return found;
    }
    match source.shape_at(&ctx.path) {
        Some(Shape::Bool) => values::booleans(),
        _ => Vec::new(),
    }
}
