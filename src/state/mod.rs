//! The page's state and the logic over it, apart from drawing: the requests to the engine
//! worker, a run as the page keeps it, the explanation asked for and received, the selection and
//! what relates to it, the problems.

pub mod explained;
pub mod problems;
pub mod run;
pub mod runner;
pub mod selection;
