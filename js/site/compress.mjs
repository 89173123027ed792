// Precompressed copies beside every file of the site (`X.br`, `X.gz`), for hosts that serve them
// as they are (nginx's brotli_static and gzip_static, Caddy's precompressed, ...): the best
// compression once at build time instead of a quick one on every request.
import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { ENCODINGS } from "./headers.mjs";

const COMPRESSORS = {
  br: (body) =>
    brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }),
  gzip: (body) => gzipSync(body, { level: 9 }),
};

/** Writes the compressed copies of every file in `dir`; returns [{name, raw, br, gzip}]. */
export async function compressAll(dir) {
  const suffixes = ENCODINGS.map((e) => e.suffix);
  const sizes = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isFile() || entry.name.startsWith(".") || suffixes.some((s) => entry.name.endsWith(s))) continue;
    const body = await readFile(path.join(dir, entry.name));
    const row = { name: entry.name, raw: body.length };
    for (const { name, suffix } of ENCODINGS) {
      const compressed = COMPRESSORS[name](body);
      await writeFile(path.join(dir, entry.name + suffix), compressed);
      row[name] = compressed.length;
    }
    sizes.push(row);
  }
  return sizes.sort((a, b) => b.raw - a.raw);
}
