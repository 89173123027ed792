//! The page's function components, one per file, in folders by what they show.

pub mod dialogs;
pub mod editor;
pub mod embed;
pub mod explanation;
pub mod results;
