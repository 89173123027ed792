// Trunk's post-build hook (Trunk.toml): turns trunk's output, in its staging folder, into the site
// as deployed. In order:
//   1. the engine worker's files get hashed names (worker-files.mjs);
//   2. the boot script replaces trunk's inline loader and the editor's script tag (boot-script.mjs);
//   3. the Content-Security-Policy meta tag, and a check that index.html complies (csp.mjs; not
//      under `trunk serve`, whose live reload is an inline script);
//   4. the service worker with this build's file list (service-worker.mjs);
//   5. the files other sites load by a fixed address: embed.js and badge.svg (stable-files.mjs);
//   6. release builds: `.br` and `.gz` beside every file (compress.mjs).
// Every file but index.html, sw.js and the stable files then carries a content hash in its name (checked), which
// is what lets hosts cache them for a year (headers.mjs).
import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { hashWorkerFiles } from "./worker-files.mjs";
import { writeBootScript } from "./boot-script.mjs";
import { checkCompliance, servedByTrunk, withCspMeta } from "./csp.mjs";
import { writeServiceWorker } from "./service-worker.mjs";
import { compressAll } from "./compress.mjs";
import { copyStableFiles } from "./stable-files.mjs";
import { ENTRY_FILES, STABLE_FILES } from "./headers.mjs";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("TRUNK_STAGING_DIR is not set: run as a trunk post_build hook");
const base = process.env.TRUNK_PUBLIC_URL || "/";
const release = process.env.TRUNK_PROFILE === "release";

const worker = await hashWorkerFiles(dir, await readFile(path.join(dir, "index.html"), "utf8"));
let html = await writeBootScript(dir, worker.html, base, worker);
if (servedByTrunk(html)) {
  console.log("trunk serve: no Content-Security-Policy (its live reload is an inline script)");
} else {
  html = withCspMeta(html);
  checkCompliance(html);
}
const files = (await readdir(dir)).filter((n) => !n.startsWith("."));
const editor = files.filter((n) => /^editor-[0-9a-f]+\.js$/.test(n));
html = await writeServiceWorker(dir, html, base, editor);
await writeFile(path.join(dir, "index.html"), html);
for (const f of await copyStableFiles(dir)) console.log(`  ${f.name}: ${f.bytes} bytes`);

const unhashed = (await readdir(dir)).filter((n) => !n.startsWith(".") && !ENTRY_FILES.includes(n) && !STABLE_FILES.includes(n) && !/-[0-9a-f]{8,}(_bg)?\.[a-z]+$/.test(n));
if (unhashed.length) throw new Error(`files without a content hash in their name: ${unhashed.join(", ")}`);

if (release) {
  const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
  for (const s of await compressAll(dir)) {
    console.log(`  ${s.name.padEnd(46)} ${kb(s.raw).padStart(10)} raw ${kb(s.gzip).padStart(9)} gz ${kb(s.br).padStart(9)} br`);
  }
}
