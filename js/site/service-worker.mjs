// Writes sw.js (js/site/sw.js preceded by `const BUILD = {...}`): this build's version and the
// files its cache holds. The version is a hash of every file name and of index.html, which then
// names it in `<meta name="dra-build">`: the service worker refuses to cache an index.html of
// another build.
import { createHash } from "node:crypto";
import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SERVICE_WORKER } from "./headers.mjs";

const SOURCE = path.join(path.dirname(fileURLToPath(import.meta.url)), "sw.js");

/**
 * Writes sw.js into `dir` for the site served at `base`; `optional` names files cached only once
 * a page loaded them (the editor bundle). Returns index.html (`html`) with the build's version.
 */
export async function writeServiceWorker(dir, html, base, optional) {
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isFile() && !e.name.startsWith(".") && e.name !== "index.html" && e.name !== SERVICE_WORKER)
    .map((e) => e.name)
    .sort();
  const version = createHash("sha256").update(names.join("\n")).update(html).digest("hex").slice(0, 16);
  const build = {
    version,
    index: base,
    core: names.filter((n) => !optional.includes(n)).map((n) => base + n),
    optional: optional.map((n) => base + n),
  };
  await writeFile(path.join(dir, SERVICE_WORKER), `const BUILD = ${JSON.stringify(build)};\n${await readFile(SOURCE, "utf8")}`);
  const meta = `<meta name="dra-build" content="${version}" />`;
  return html.replace("</head>", `  ${meta}\n  </head>`);
}
