//! What the browser keeps between visits (localStorage): the scenario and the theme.

const SCENARIO: &str = "dra-playground/scenario";
const THEME: &str = "dra-playground/theme";

/// The browser's localStorage, if it offers one.
pub(super) fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The autosaved scenario.
pub fn load_scenario() -> Option<String> {
    storage()?.get_item(SCENARIO).ok().flatten()
}

/// Autosaves the scenario. Returns false when the browser refused (full, private mode).
pub fn save_scenario(text: &str) -> bool {
    storage().is_some_and(|s| s.set_item(SCENARIO, text).is_ok())
}

/// The chosen theme ("light" or "dark"), if one was chosen.
pub fn load_theme() -> Option<String> {
    storage()?.get_item(THEME).ok().flatten()
}

/// Remembers the theme.
pub fn save_theme(theme: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(THEME, theme);
    }
}
