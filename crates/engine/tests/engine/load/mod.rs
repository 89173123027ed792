//! Loading a scenario: text to objects, every problem at its position.

mod conformance;
mod conversion;
mod errors;
mod gates;
mod limits;
mod parallel;
mod paste;
mod positions;
mod steps;
mod validation;
