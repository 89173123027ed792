// Writes the page's boot script (js/site/boot.js, preceded by `const SITE = {...}`, the names
// of this build's files) as boot-HASH.js and has index.html load it, in place of what trunk
// writes there:
//
//   - the inline `<script type="module">` that starts the page's wasm (an inline script, which
//     the Content-Security-Policy forbids);
//   - the `<script src="editor-HASH.js">` of the CodeMirror bundle, which would load for every
//     page: the boot script loads it for the playground, and the embed when a reader asks to edit.
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SERVICE_WORKER } from "./headers.mjs";

const SOURCE = path.join(path.dirname(fileURLToPath(import.meta.url)), "boot.js");
const TRUNK_LOADER = /<script type="module">\s*import init, \* as bindings from '([^']+)';\s*const wasm = await init\(\{ module_or_path: '([^']+)' \}\);[\s\S]*?<\/script>/;
const EDITOR = /<script src="([^"]*\/editor-[0-9a-f]+\.js)" integrity="([^"]+)"><\/script>/;

const sri = (text) => `sha384-${createHash("sha384").update(text).digest("base64")}`;

/**
 * Writes boot-HASH.js into `dir` for the site served at `base` (trunk's public URL), with
 * `worker`, the engine worker's wasm and name ({ wasm, name }), and returns index.html (`html`) loading it.
 */
export async function writeBootScript(dir, html, base, worker) {
  const loader = html.match(TRUNK_LOADER);
  if (!loader) throw new Error("index.html lacks trunk's module loader of the page's wasm (has trunk changed its output?)");
  const editor = html.match(EDITOR);
  if (!editor) throw new Error("index.html does not load the CodeMirror bundle (editor-HASH.js)");
  const site = {
    page: { js: loader[1], wasm: loader[2] },
    worker: { wasm: worker.wasm, name: worker.name },
    editor: { src: editor[1], integrity: editor[2] },
    serviceWorker: `${base}${SERVICE_WORKER}`,
    scope: base,
  };
  const text = `const SITE = ${JSON.stringify(site)};\n${await readFile(SOURCE, "utf8")}`;
  const name = `boot-${createHash("sha256").update(text).digest("hex").slice(0, 16)}.js`;
  await writeFile(path.join(dir, name), text);
  return html
    .replace(loader[0], `<script type="module" src="${base}${name}" integrity="${sri(text)}"></script>`)
    .replace(editor[0], "");
}
