// The engine worker's start, written after wasm-bindgen's glue by js/site/worker-files.mjs
// (WASM: the worker's wasm, next to this script; NAME: the name the boot script, js/site/boot.js,
// gives the workers it starts). A worker the boot script started gets the engine already
// compiled as its first message, shared by every engine worker of the page; any other worker
// fetches and compiles it.
(() => {
  const wasm = new URL(WASM, self.location.href).href;
  if (self.name !== NAME) {
    wasm_bindgen({ module_or_path: wasm });
    return;
  }
  self.addEventListener("message", function start(event) {
    if (!event.data || !("draEngineWasm" in event.data)) return;
    self.removeEventListener("message", start);
    wasm_bindgen({ module_or_path: event.data.draEngineWasm ?? wasm });
  });
})();
