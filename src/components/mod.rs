//! The page's function components, one per file, in folders by what they show: the top bar and
//! the banner above the workspace, the editor side, the results side with the explanation panel
//! under them, the dialogs, and the `?embed` view.

pub mod dialogs;
pub mod editor;
pub mod embed;
pub mod explanation;
pub mod link_banner;
pub mod results;
pub mod top_bar;
