// The page's boot script: index.html loads it (as boot-HASH.js, `const SITE = {...}` written
// before this text by js/site/boot-script.mjs) in place of the inline loader trunk would write,
// which the Content-Security-Policy forbids. It starts every download at once:
//
//   - the engine's wasm, preloaded by index.html and compiled here while it downloads, and the
//     engine worker, started now rather than when the page's wasm first needs it. Every engine
//     worker gets the compiled module as its first message (js/site/worker-start.js), so a worker
//     started later (a superseded run replaces its worker) neither downloads nor compiles it
//     again. src/platform/engine_client.rs asks for workers through `DraBoot.startWorker`: the
//     first gets the worker started here, with whatever it said meanwhile (its "loaded" message,
//     or an error);
//   - the page's wasm, compiled while it downloads and started at once;
//   - the CodeMirror bundle, when the page asks for it (`DraBoot.loadEditor`,
//     src/platform/editor_js.rs): the playground as it first renders (it shows a textarea until
//     the bundle is there), the `?embed` view when a reader asks to edit. It waits for the
//     engine's wasm, so that its bytes do not share the link with the two a first result needs.
//
// Once the first visit has everything, it registers the service worker (sw.js), which serves
// this deployment's files from its cache on the next visit, offline too.
//
// SITE: { page: { js, wasm }, worker: { wasm, name }, editor: { src, integrity }, serviceWorker, scope }

/** `?embed` (or `?embed=...`) shows the compact view; the page reads `data-embed`. */
const embed = new URLSearchParams(location.search).has("embed");
if (embed) document.documentElement.setAttribute("data-embed", "");

/** The engine worker's script (written by js/site/worker-files.mjs), as the page names it. */
const workerScript = document.querySelector('meta[name="dra-engine-worker"]')?.content;

function loadScript(src, integrity) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    if (integrity) script.integrity = integrity;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

/** The engine, compiled; undefined if that failed (a worker then fetches it and reports why). */
const engineWasm = WebAssembly.compileStreaming(fetch(SITE.worker.wasm)).catch(() => undefined);

let editor;
/** Loads the CodeMirror bundle once (it sets window.DraEditor), after the engine's wasm. */
function loadEditor() {
  editor ??= engineWasm.then(() => loadScript(SITE.editor.src, SITE.editor.integrity));
  return editor;
}

function newWorker() {
  // The name tells the worker that its wasm comes from here (js/site/worker-start.js).
  const worker = new Worker(workerScript, { name: SITE.worker.name });
  engineWasm.then((module) => worker.postMessage({ draEngineWasm: module }));
  return worker;
}

/** The first worker, started now; what it says before the page takes it is kept for the page. */
function startFirstWorker() {
  const worker = newWorker();
  const early = [];
  let handedOver = false;
  let settle;
  const loaded = new Promise((resolve) => (settle = resolve));
  worker.addEventListener("message", (e) => {
    settle();
    if (!handedOver) early.push(e);
  });
  worker.addEventListener("error", (e) => {
    settle();
    if (!handedOver) {
      // Not an uncaught error: the page shows it in its problems list once it takes the worker.
      e.preventDefault();
      early.push(e);
    }
  });
  return {
    loaded,
    take() {
      handedOver = true;
      // After the page has set its handlers, which it does in the same task.
      queueMicrotask(() => {
        for (const e of early) {
          worker.dispatchEvent(e.type === "error" ? new ErrorEvent("error", { message: e.message }) : new MessageEvent("message", { data: e.data }));
        }
      });
      return worker;
    },
  };
}

const first = workerScript ? startFirstWorker() : undefined;
let firstTaken = false;

window.DraBoot = {
  /** A worker for the engine script `url`: the one started while the page loaded, then new ones. */
  startWorker(url) {
    if (!first || url !== workerScript) return undefined;
    if (firstTaken) return newWorker();
    firstTaken = true;
    return first.take();
  },
  loadEditor,
};

async function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) return;
  // Not before the first visit has everything: the service worker's downloads would compete
  // with the page's.
  const loaded = new Promise((resolve) => (document.readyState === "complete" ? resolve() : addEventListener("load", resolve, { once: true })));
  await Promise.all([first?.loaded, loaded]);
  // The playground's editor too, so that the service worker caches it for an offline visit.
  if (!embed) await loadEditor().catch(() => undefined);
  try {
    await navigator.serviceWorker.register(SITE.serviceWorker, { scope: SITE.scope });
  } catch (err) {
    console.warn("The service worker could not be registered; the playground works without it:", err);
  }
}

const pageWasm = WebAssembly.compileStreaming(fetch(SITE.page.wasm));
const [{ default: init }, module] = await Promise.all([import(SITE.page.js), pageWasm]);
await init({ module_or_path: module });
registerServiceWorker();
