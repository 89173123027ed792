//! The DRA Playground web app: a Yew single-page app, built to WebAssembly by trunk.
//!
//! It runs the engine on a built-in example scenario and shows the outcome. The engine
//! is reached only through [`engine_bridge`], so the app never touches allocator internals.

mod app;
mod engine_bridge;
mod example;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
