//! The page's function components, one per file, in folders by what they show: the top bar and
//! the banner above the workspace, the editor side, the results side with the explanation panel
//! under them, the lessons panel and the CEL console, the dialogs, and the `?embed` view (with its scenario,
//! editable on demand).

pub mod compare;
pub mod console;
pub mod dialogs;
pub mod editor;
pub mod embed;
pub mod embed_scenario;
pub mod explanation;
pub mod lessons;
pub mod link_banner;
pub mod results;
pub mod settings_form;
pub mod top_bar;
