//! The page's browser: its clock, its address, its root element and its color-scheme
//! preference.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// `performance.now()`, or 0 outside a browser.
pub fn now() -> f64 {
    window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The wall-clock time, `HH:MM:SS`, for people (empty outside a browser).
pub fn clock() -> String {
    if window().is_none() {
        return String::new();
    }
    let d = js_sys::Date::new_0();
    format!(
        "{:02}:{:02}:{:02}",
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds()
    )
}

/// The page's origin and path: its address without fragment and without `?embed`.
pub fn base_url() -> (String, String) {
    let Some(loc) = window().map(|w| w.location()) else {
        return (String::new(), "/".into());
    };
    let origin = loc.origin().unwrap_or_default();
    let path = loc.pathname().unwrap_or_else(|_| "/".into());
    (origin, path)
}

/// Removes the fragment (a shared scenario) from the address, without a reload.
pub fn clear_fragment() {
    let Some(window) = window() else {
        return;
    };
    let loc = window.location();
    let url = format!(
        "{}{}",
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default()
    );
    if let Ok(h) = window.history() {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// Sets an attribute of the root element (`<html>`), for the style sheet, tools and tests.
pub fn set_root_attribute(name: &str, value: &str) {
    if let Some(root) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute(name, value);
    }
}

/// The system asks for a dark color scheme.
pub fn prefers_dark() -> bool {
    window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// A `keydown` listener on the window, in the capture phase so that keys pressed inside the
/// editor reach it too; removed when dropped.
pub struct KeyListener(Closure<dyn FnMut(web_sys::KeyboardEvent)>);

impl KeyListener {
    /// Listens until dropped.
    pub fn new(on_key: impl FnMut(web_sys::KeyboardEvent) + 'static) -> KeyListener {
        let listener = KeyListener(Closure::new(on_key));
        if let Some(w) = window() {
            let opts = web_sys::AddEventListenerOptions::new();
            opts.set_capture(true);
            let _ = w.add_event_listener_with_callback_and_add_event_listener_options(
                "keydown",
                listener.0.as_ref().unchecked_ref(),
                &opts,
            );
        }
        listener
    }
}

impl Drop for KeyListener {
    fn drop(&mut self) {
        if let Some(w) = window() {
            let _ = w.remove_event_listener_with_callback_and_bool(
                "keydown",
                self.0.as_ref().unchecked_ref(),
                true,
            );
        }
    }
}
