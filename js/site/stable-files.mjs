// Files other sites load by a fixed address, so they keep their names (no content hash) and are
// revalidated on every use (headers.mjs): js/embed/embed.js, the script that turns a page's
// `<pre class="dra-playground">` into embeds, and assets/badge.svg, the image of the Share
// dialog's Markdown snippet. They are copied after the service worker's file list is made: they
// serve host pages, not the playground.
import { copyFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { STABLE_FILES } from "./headers.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Where each stable file comes from in the repository. */
const SOURCES = { "embed.js": "js/embed/embed.js", "badge.svg": "assets/badge.svg" };

/** Copies every stable file into `dir`; returns their names and sizes. */
export async function copyStableFiles(dir) {
  const copied = [];
  for (const name of STABLE_FILES) {
    const target = path.join(dir, name);
    await copyFile(path.join(ROOT, SOURCES[name]), target);
    copied.push({ name, bytes: (await stat(target)).size });
  }
  return copied;
}
