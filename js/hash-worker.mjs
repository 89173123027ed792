// Gives the engine worker's files content-hashed names, as trunk does for the page's own files
// (trunk names a worker after its binary, unhashed). Without this, a browser that cached the
// worker of an earlier deployment would pair it with a newer page, and their messages would no
// longer match. Run by trunk as a post-build hook (Trunk.toml) in its staging folder:
//
//   engine-worker.js, engine-worker_bg.wasm, engine-worker_loader.js
//     -> engine-worker-HASH.js, engine-worker-HASH_bg.wasm, engine-worker_loader-HASH.js
//
// and index.html's <meta name="dra-engine-worker"> names the loader, which the page starts
// (src/platform/engine_client.rs). HASH covers the worker's script and wasm.
import { createHash } from "node:crypto";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("TRUNK_STAGING_DIR is not set: run as a trunk post_build hook");
const at = (name) => path.join(dir, name);

const script = await readFile(at("engine-worker.js"));
const wasm = await readFile(at("engine-worker_bg.wasm"));
const hash = createHash("sha256").update(script).update(wasm).digest("hex").slice(0, 16);
const names = {
  script: `engine-worker-${hash}.js`,
  wasm: `engine-worker-${hash}_bg.wasm`,
  loader: `engine-worker_loader-${hash}.js`,
};

await rename(at("engine-worker.js"), at(names.script));
await rename(at("engine-worker_bg.wasm"), at(names.wasm));
const loader = (await readFile(at("engine-worker_loader.js"), "utf8"))
  .replace('"./engine-worker.js"', JSON.stringify(`./${names.script}`))
  .replace('"./engine-worker_bg.wasm"', JSON.stringify(`./${names.wasm}`));
if (!loader.includes(names.script) || !loader.includes(names.wasm)) {
  throw new Error(`the worker loader has an unexpected form: ${loader}`);
}
await writeFile(at(names.loader), loader);
await rm(at("engine-worker_loader.js"));

const meta = /(<meta name="dra-engine-worker" content=")[^"]*(")/;
const html = await readFile(at("index.html"), "utf8");
if (!meta.test(html)) throw new Error('index.html has no <meta name="dra-engine-worker">');
await writeFile(at("index.html"), html.replace(meta, `$1./${names.loader}$2`));
