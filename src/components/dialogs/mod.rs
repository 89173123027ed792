//! The dialogs over the page, each in a [`modal::Modal`], and the switch that shows the one open.

pub mod examples;
pub mod hardware;
pub mod import;
pub mod modal;
pub mod settings;
pub mod share;
pub mod switch;
