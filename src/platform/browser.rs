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
    replace_fragment("");
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

/// A listener of one event on the window; removed when dropped.
pub struct WindowListener {
    event: &'static str,
    capture: bool,
    closure: Closure<dyn FnMut(web_sys::Event)>,
}

impl WindowListener {
    /// Listens to `event` until dropped (in the capture phase with `capture`).
    pub fn new(
        event: &'static str,
        capture: bool,
        on_event: impl FnMut(web_sys::Event) + 'static,
    ) -> WindowListener {
        let listener = WindowListener {
            event,
            capture,
            closure: Closure::new(on_event),
        };
        if let Some(w) = window() {
            let opts = web_sys::AddEventListenerOptions::new();
            opts.set_capture(capture);
            let _ = w.add_event_listener_with_callback_and_add_event_listener_options(
                event,
                listener.closure.as_ref().unchecked_ref(),
                &opts,
            );
        }
        listener
    }

    /// A `keydown` listener, in the capture phase so that keys pressed inside the editor reach
    /// it too.
    pub fn keys(mut on_key: impl FnMut(web_sys::KeyboardEvent) + 'static) -> WindowListener {
        WindowListener::new("keydown", true, move |e: web_sys::Event| {
            if let Ok(key) = e.dyn_into::<web_sys::KeyboardEvent>() {
                on_key(key);
            }
        })
    }
}

impl Drop for WindowListener {
    fn drop(&mut self) {
        if let Some(w) = window() {
            let _ = w.remove_event_listener_with_callback_and_bool(
                self.event,
                self.closure.as_ref().unchecked_ref(),
                self.capture,
            );
        }
    }
}

/// The address's query (`?...`), empty when it has none.
pub fn query() -> String {
    window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// The address's fragment (`#...`), empty when it has none.
pub fn fragment() -> String {
    window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Replaces the address's fragment without a reload and without a `hashchange` event (the
/// page shows what it says already).
pub fn replace_fragment(fragment: &str) {
    let Some(window) = window() else {
        return;
    };
    let loc = window.location();
    let url = format!(
        "{}{}{fragment}",
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default()
    );
    if let Ok(h) = window.history() {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// Goes to another fragment of this page, as a link to `#...` does (a `hashchange` follows).
pub fn go_to_fragment(fragment: &str) {
    if let Some(w) = window() {
        let _ = w.location().set_hash(fragment);
    }
}
