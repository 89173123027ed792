//! The page's browser: its clock and its root element.

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

/// Sets an attribute of the root element (`<html>`), for the style sheet, tools and tests.
pub fn set_root_attribute(name: &str, value: &str) {
    if let Some(root) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute(name, value);
    }
}
