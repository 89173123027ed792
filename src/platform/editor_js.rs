//! The CodeMirror editor bundle (js/editor.js, `window.DraEditor`), as seen from Rust. The
//! playground asks for it ([`load`]) as it first renders, the `?embed` view only when a reader
//! wants to edit; the boot script (js/site/boot.js) fetches it once the engine's wasm is there. Positions are UTF-16 offsets, as CodeMirror
//! counts them.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// One editor instance.
    pub type EditorHandle;

    #[wasm_bindgen(js_namespace = DraEditor, js_name = create)]
    pub fn create_editor(
        parent: &web_sys::HtmlElement,
        doc: &str,
        read_only: bool,
        dark: bool,
        on_change: &Closure<dyn FnMut(String)>,
        on_cursor: &Closure<dyn FnMut(u32)>,
    ) -> EditorHandle;

    #[wasm_bindgen(method, js_name = getDoc)]
    pub fn get_doc(this: &EditorHandle) -> String;
    #[wasm_bindgen(method, js_name = setDoc)]
    pub fn set_doc(this: &EditorHandle, text: &str);
    #[wasm_bindgen(method, js_name = replaceDoc)]
    pub fn replace_doc(this: &EditorHandle, text: &str);
    /// The names to complete in CEL expressions (JSON of `CompletionsView`).
    #[wasm_bindgen(method, js_name = setCompletions)]
    pub fn set_completions(this: &EditorHandle, json: &str);
    /// The function the editor asks what to complete in YAML: `(text, cursor, resolve)`, which
    /// calls `resolve` with the completion's JSON (`scenario::completion_json`).
    #[wasm_bindgen(method, js_name = setYamlCompleter)]
    pub fn set_yaml_completer(this: &EditorHandle, completer: &YamlCompleter);
    #[wasm_bindgen(method, js_name = setDiagnostics)]
    pub fn set_diagnostics(this: &EditorHandle, json: &str);
    #[wasm_bindgen(method, js_name = setHighlights)]
    pub fn set_highlights(this: &EditorHandle, json: &str);
    #[wasm_bindgen(method, js_name = revealRange)]
    pub fn reveal_range(this: &EditorHandle, from: u32, to: u32);
    #[wasm_bindgen(method, js_name = goTo)]
    pub fn go_to(this: &EditorHandle, from: u32, to: u32);
    #[wasm_bindgen(method, js_name = setFolds)]
    pub fn set_folds(this: &EditorHandle, json: &str);
    #[wasm_bindgen(method, js_name = setDark)]
    pub fn set_dark(this: &EditorHandle, dark: bool);
    #[wasm_bindgen(method)]
    pub fn destroy(this: &EditorHandle);

    #[wasm_bindgen(js_namespace = DraEditor, js_name = copyText)]
    pub fn copy_text(text: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_namespace = DraEditor, js_name = download)]
    pub fn download(filename: &str, text: &str, mime: &str);
}

/// What the editor calls to complete YAML: the text, the cursor (UTF-16), and the function to
/// call with the answer.
pub type YamlCompleter = Closure<dyn FnMut(String, u32, js_sys::Function)>;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = DraBoot, js_name = loadEditor)]
    fn load_bundle() -> Result<js_sys::Promise, JsValue>;
}

/// Loads the editor bundle unless it is loaded already; fails without the boot script (as in
/// the component tests) or when the bundle cannot be fetched.
pub async fn load() -> Result<(), JsValue> {
    if !available() {
        wasm_bindgen_futures::JsFuture::from(load_bundle()?).await?;
    }
    Ok(())
}

/// True when the editor bundle is loaded (it is not in unit tests).
pub fn available() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    js_sys::Reflect::get(&window, &JsValue::from_str("DraEditor"))
        .map(|v| !v.is_undefined())
        .unwrap_or(false)
}
