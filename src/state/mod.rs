//! The page's state and the logic over it, without a browser (everything here is tested by a
//! native `cargo test`): what the page opens with, its UI state and the reducer that changes it,
//! the requests to the engine worker, a run as the page keeps it, the explanation asked for and
//! received, the selection and what relates to it, the moment of the timeline shown, the problems, the page of a long list shown.

pub mod boot;
pub mod compare;
pub mod embed;
pub mod explained;
pub mod lessons;
pub mod moment;
pub mod problems;
pub mod reducer;
pub mod run;
pub mod runner;
pub mod selection;
pub mod share_snippets;
pub mod window;
