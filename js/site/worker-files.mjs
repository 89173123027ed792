// The engine worker's files: one script and its wasm, both with content-hashed names, as trunk
// names the page's own files (trunk names a worker after its binary, unhashed). Without the
// hash, a browser that cached the worker of an earlier deployment would pair it with a newer
// page, and their messages would no longer match. Trunk writes three files:
//
//   engine-worker.js         wasm-bindgen's glue (`--target no-modules`)
//   engine-worker_bg.wasm    the engine
//   engine-worker_loader.js  `importScripts(glue); wasm_bindgen(wasm)` (data-loader-shim)
//
// and this step turns them into
//
//   engine-worker-HASH.js       the glue and, instead of the loader, js/site/worker-start.js
//   engine-worker-HASH_bg.wasm
//
// It writes the script's name in index.html's <meta name="dra-engine-worker">, which the boot
// script (js/site/boot.js) starts and the page takes (src/platform/engine_client.rs), and a
// preload of the wasm, which the boot script compiles for every engine worker. HASH covers the
// glue and the wasm.
import { createHash } from "node:crypto";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const START = path.join(path.dirname(fileURLToPath(import.meta.url)), "worker-start.js");
/** The name the boot script gives the engine workers it starts, to which it sends the wasm. */
const NAME = "engine, wasm from the page";
const META = /(<meta name="dra-engine-worker" content=")[^"]*(" \/>)/;

/**
 * Renames the worker's files in `dir` and names them in `html`. Returns the new html, the files'
 * names relative to the page and the workers' name: { html, script, wasm, name }.
 */
export async function hashWorkerFiles(dir, html) {
  const at = (name) => path.join(dir, name);
  const glue = await readFile(at("engine-worker.js"), "utf8");
  const wasm = await readFile(at("engine-worker_bg.wasm"));
  const loader = await readFile(at("engine-worker_loader.js"), "utf8");
  if (!/^importScripts\("\.\/engine-worker\.js"\);\s*wasm_bindgen\("\.\/engine-worker_bg\.wasm"\);?\s*$/.test(loader)) {
    throw new Error(`the worker loader has an unexpected form: ${loader}`);
  }
  const hash = createHash("sha256").update(glue).update(wasm).digest("hex").slice(0, 16);
  const script = `engine-worker-${hash}.js`;
  const wasmName = `engine-worker-${hash}_bg.wasm`;
  const constants = `const WASM = ${JSON.stringify(`./${wasmName}`)}, NAME = ${JSON.stringify(NAME)};`;
  const start = `\n${constants}\n${await readFile(START, "utf8")}`;
  await writeFile(at(script), glue + start);
  await rename(at("engine-worker_bg.wasm"), at(wasmName));
  await rm(at("engine-worker.js"));
  await rm(at("engine-worker_loader.js"));
  if (!META.test(html)) throw new Error('index.html has no <meta name="dra-engine-worker" content="..." />');
  const preload = `<link rel="preload" href="./${wasmName}" as="fetch" type="application/wasm" crossorigin="anonymous" />`;
  return { html: html.replace(META, `$1./${script}$2\n    ${preload}`), script: `./${script}`, wasm: `./${wasmName}`, name: NAME };
}
