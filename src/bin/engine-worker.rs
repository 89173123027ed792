//! The engine's Web Worker: runs scenarios off the page's thread, so that
//! typing never waits for a run. Trunk builds it as a second wasm entry
//! (index.html: `data-type="worker"`, `data-bin="engine-worker"`).

fn main() {
    dra_playground_web::worker::agent::register();
}
