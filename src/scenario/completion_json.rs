//! The engine's completion at the editor's cursor as CodeMirror's glue takes it (js/editor.js):
//! JSON with UTF-16 offsets, each option with the text it inserts and its kind in CodeMirror's
//! words (`property`, `enum`, `variable`).

use dra_engine::completion::{Completion, OptionKind};
use serde_json::json;

use crate::scenario::text::utf16_of;

/// The completion of `text` as JSON; `null` for none.
pub fn to_json(text: &str, completion: Option<&Completion>) -> String {
    let Some(completion) = completion else {
        return "null".to_owned();
    };
    let options: Vec<serde_json::Value> = completion
        .options
        .iter()
        .map(|o| {
            json!({
                "label": o.label,
                "apply": o.insert,
                "detail": o.detail,
                "type": match o.kind {
                    OptionKind::Field => "property",
                    OptionKind::Value => "enum",
                    OptionKind::Reference => "variable",
                },
            })
        })
        .collect();
    json!({
        "from": utf16_of(text, completion.from),
        "to": utf16_of(text, completion.to),
        "options": options,
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::text::byte_of;

    #[test]
    fn offsets_are_utf16_and_options_keep_their_order() {
        // A non-ASCII name before the cursor: bytes and UTF-16 units differ.
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: grüße\nspec:\n  ";
        let at = text.len();
        let completion = dra_engine::completion::complete(text, at).expect("pod fields");
        let value: serde_json::Value =
            serde_json::from_str(&to_json(text, Some(&completion))).expect("JSON");
        let from = value["from"].as_u64().expect("from") as u32;
        assert_eq!(byte_of(text, from), at);
        assert_eq!(from as usize, text.encode_utf16().count());
        let labels: Vec<&str> = value["options"]
            .as_array()
            .expect("options")
            .iter()
            .map(|o| o["label"].as_str().expect("a label"))
            .collect();
        let expected: Vec<&str> = completion
            .options
            .iter()
            .map(|o| o.label.as_str())
            .collect();
        assert_eq!(labels, expected);
        assert_eq!(value["options"][0]["type"], "property");
        assert_eq!(to_json(text, None), "null");
    }
}
